/* libFuzzer target: form bodies (x-www-form-urlencoded, server/body.h)
 * and what the edit form does with them (server/http_findings.h). The
 * input is the page's text, a NUL, then the form body. Decoding must be
 * the inverse of encoding, no value may be longer than the body, and a
 * replacement of spots may only change the text where a "plek" value
 * still names it. */
#include "body.h"
#include "buf.h"
#include "error.h"
#include "http_findings.h"

#include <civetweb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* wp_form_get of "x=<value url-encoded>" gives value back. */
static void round_trip(const char *value)
{
	size_t n = strlen(value), cap = 3 * n + 3;
	char *form = malloc(cap + 2), *back;

	if (!form)
		return;
	memcpy(form, "x=", 2);
	if (mg_url_encode(value, form + 2, cap) < 0)
		abort();
	back = wp_form_get(form, strlen(form), "x");
	if (!back || strcmp(back, value) != 0)
		abort();
	free(back);
	free(form);
}

static void replace(const char *content, size_t clen, const char *form, size_t flen)
{
	json_t *plek = wp_form_get_all(form, flen, "plek");
	char *which = wp_form_get(form, flen, "vervang");
	wp_buf out = WP_BUF_INIT;
	size_t done = 0;
	int rc = wp_findings_replace(&out, content, clen, plek, which ? which : "alle", &done);

	if (rc != 0 && rc != WP_EINVALID)
		abort();
	if (done > json_array_size(plek))
		abort();
	/* Nothing replaced: the text is as it was. */
	if (rc == 0 && done == 0 && (out.len != clen || (clen && memcmp(out.ptr, content, clen))))
		abort();
	wp_buf_dispose(&out);
	free(which);
	json_decref(plek);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	const char *content = nul ? (const char *)data : "";
	size_t clen = nul ? (size_t)(nul - (const char *)data) : 0;
	const char *form = nul ? nul + 1 : (const char *)data;
	size_t flen = nul ? size - clen - 1 : size;
	static const char *const names[] = { "body", "frontmatter", "base", "message", "csrf" };
	json_t *confirms;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *v = wp_form_get(form, flen, names[i]);

		if (v && strlen(v) > flen)
			abort();
		free(v);
	}
	confirms = wp_body_confirms(form, flen, 0);
	if (!json_is_array(confirms))
		abort();
	json_decref(confirms);
	round_trip(content);
	replace(content, clen, form, flen);
	return 0;
}
