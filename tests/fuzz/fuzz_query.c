/* libFuzzer target: the translation of what a person types into an FTS5
 * query (server/query.h). */
#include "query.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *match = NULL, **terms = NULL;

	if (wp_query_translate(&match, (const char *)data, size) == 0)
		free(match);
	match = NULL;
	if (wp_query_suggest(&match, (const char *)data, size) == 0)
		free(match);
	if (wp_query_terms(&terms, (const char *)data, size) == 0)
		wp_query_terms_free(terms);
	return 0;
}
