/* libFuzzer target: the Mustache engine (server/mustache.h) rendering any
 * template against fixed data, with partials that are the template
 * itself (recursion must be bounded). */
#include "buf.h"
#include "mustache.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
	const char *t;
	size_t n;
} self_tmpl;

static int loader(void *payload, const char *name, const char **out, size_t *len)
{
	self_tmpl *s = payload;

	(void)name;
	*out = s->t;
	*len = s->n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *ctx;
	self_tmpl self = {(const char *)data, size};
	wp_buf out = WP_BUF_INIT;

	if (!ctx)
		ctx = json_loads("{\"a\": \"<b>&\", \"n\": 3, \"t\": true, \"list\": [{\"x\": 1}, "
				 "{\"x\": \"twee\"}], \"o\": {\"k\": [1, [2, []]]}}",
				 0, NULL);
	out.max = 1 << 20;
	wp_mustache_render(&out, (const char *)data, size, ctx, loader, &self);
	wp_buf_dispose(&out);
	return 0;
}
