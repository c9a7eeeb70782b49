/* libFuzzer target: Markdown with wikilinks to safe HTML
 * (server/render.h). The output may never hold a script tag or a
 * javascript: link. */
#include "buf.h"
#include "render.h"

#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int resolve(void *payload, const char *target, char *out, size_t n)
{
	(void)payload;
	snprintf(out, n, "verhalen/%s", target);
	return strlen(target) % 2; /* every other target exists */
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cmark_gfm_core_extensions_ensure_registered();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	wp_buf out = WP_BUF_INIT;

	if (wp_render_preview(&out, (const char *)data, size, resolve, NULL) == 0 && out.ptr &&
	    (strstr(out.ptr, "<script") || strstr(out.ptr, "href=\"javascript:")))
		abort();
	wp_buf_dispose(&out);
	return 0;
}
