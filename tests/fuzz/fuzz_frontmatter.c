/* libFuzzer target: front-matter parsing (server/frontmatter.h), and
 * writing what was parsed, which must parse again to the same data. */
#include "buf.h"
#include "frontmatter.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *meta = NULL, *again = NULL;
	wp_buf out = WP_BUF_INIT;
	size_t off = 0, off2 = 0;

	if (wp_fm_parse(&meta, &off, (const char *)data, size) == 0) {
		if (off > size)
			abort();
		if (wp_fm_write(&out, meta) == 0 && out.len > 0) {
			if (wp_fm_parse(&again, &off2, wp_buf_cstr(&out), out.len) != 0 ||
			    !json_equal(meta, again))
				abort(); /* what we write must read back the same */
		}
	}
	json_decref(meta);
	json_decref(again);
	wp_buf_dispose(&out);
	return 0;
}
