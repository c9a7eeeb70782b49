/* libFuzzer target: the three-way merge of a stale save
 * (server/merge.h): the input is split at NUL bytes into base, current
 * and mine. A merge of identical sides must be clean. */
#include "merge.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	git_libgit2_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p[3] = {"", "", ""};
	size_t n[3] = {0, 0, 0}, k = 0, start = 0, i;
	wp_merge_result m;

	for (i = 0; i <= size && k < 3; i++)
		if (i == size || data[i] == '\0') {
			p[k] = (const char *)data + start;
			n[k++] = i - start;
			start = i + 1;
		}
	if (wp_merge_page(&m, p[0], n[0], p[1], n[1], p[2], n[2]) == 0)
		wp_merge_result_dispose(&m);
	/* Nobody changed anything: no conflict possible. */
	if (wp_merge_page(&m, p[0], n[0], p[0], n[0], p[0], n[0]) == 0) {
		if (json_array_size(m.conflicts) > 0)
			abort();
		wp_merge_result_dispose(&m);
	}
	return 0;
}
