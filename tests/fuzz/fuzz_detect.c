/* libFuzzer target: the privacy detectors (plugins/privacy/detect.h) on
 * any bytes, with a small name list. Every spot must lie inside the text,
 * in order, without overlaps. */
#include "detect.h"

#include <stdint.h>
#include <stdlib.h>

static pv_names *names;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const list[] = {"Jansen", "de Vries", "El Amrani",
					   "\xc3\x96zt\xc3\xbcrk"};
	size_t i;

	(void)argc;
	(void)argv;
	names = pv_names_new();
	for (i = 0; names && i < sizeof(list) / sizeof(list[0]); i++)
		pv_names_add(names, list[i], __builtin_strlen(list[i]));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pv_hits hits = {0};
	size_t i, at = 0;

	if (pv_scan(&hits, (const char *)data, size, names) == 0)
		for (i = 0; i < hits.n; i++) {
			if (hits.v[i].start < at || hits.v[i].end <= hits.v[i].start ||
			    hits.v[i].end > size)
				abort();
			at = hits.v[i].end;
		}
	pv_hits_dispose(&hits);
	return 0;
}
