/* libFuzzer target: page path validation and slugs (server/path.h). A
 * path that passes must not climb out of the repository. */
#include "path.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), slug[64], folder[512];

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (wp_path_check(s) == 0 && (strstr(s, "..") || s[0] == '/' || strchr(s, '\\')))
		abort();
	wp_slug(slug, sizeof(slug), s);
	if (strlen(slug) > 60)
		abort();
	wp_path_folder(folder, sizeof(folder), s);
	free(s);
	return 0;
}
