/* body.c - form fields and JSON objects read from a request body (see
 * body.h). Form decoding is CivetWeb's; JSON is jansson's. */
#include "body.h"

#include "error.h"
#include "texts.h"

#include <civetweb.h>
#include <stdio.h>
#include <stdlib.h>

char *wp_form_get(const char *data, size_t len, const char *name)
{
	size_t cap = len + 1;
	char *v;
	int n;

	if (!data)
		return NULL;
	v = malloc(cap);
	if (!v)
		return NULL;
	n = mg_get_var(data, len, name, v, cap);
	if (n < 0) {
		free(v);
		return NULL;
	}
	return v;
}

json_t *wp_form_get_all(const char *data, size_t len, const char *name)
{
	json_t *all = json_array();
	char *v = malloc(len + 1);
	int occurrence, n;

	if (!all || !v) {
		free(v);
		return all;
	}
	for (occurrence = 0; data; occurrence++) {
		n = mg_get_var2(data, len, name, v, len + 1, (size_t)occurrence);
		if (n < 0)
			break;
		json_array_append_new(all, json_stringn(v, (size_t)n));
	}
	free(v);
	return all;
}

json_t *wp_body_object(const char *data, size_t len)
{
	json_error_t jerr;
	json_t *j = json_loadb(data ? data : "", data ? len : 0, JSON_REJECT_DUPLICATES, &jerr);

	if (!j || !json_is_object(j)) {
		wp_error_set(wp_t("api.bad_json"), j ? wp_t("api.not_object") : jerr.text);
		json_decref(j);
		return NULL;
	}
	return j;
}

int wp_body_change(const json_t *j, const char **base, const char **message)
{
	json_t *b = json_object_get(j, "base"), *m = json_object_get(j, "message");

	*base = NULL;
	*message = NULL;
	if (b && !json_is_null(b) && !json_is_string(b)) {
		wp_error_set("%s", wp_t("api.bad_base"));
		return WP_EINVALID;
	}
	if (m && !json_is_null(m) && !json_is_string(m)) {
		wp_error_set("%s", wp_t("api.bad_message"));
		return WP_EINVALID;
	}
	*base = json_string_value(b);
	*message = json_string_value(m);
	return 0;
}

/* A JSON body's "confirm": a string or a list of strings. */
static json_t *json_confirms(const char *data, size_t len)
{
	json_t *j = json_loadb(data ? data : "", data ? len : 0, 0, NULL);
	json_t *c = json_object_get(j, "confirm"), *out = NULL, *k;
	size_t i;
	int ok = 1;

	if (!c || json_is_null(c))
		out = json_array();
	else if (json_is_string(c))
		out = json_pack("[O]", c);
	else if (json_is_array(c)) {
		json_array_foreach(c, i, k)
			ok &= json_is_string(k);
		out = ok ? json_deep_copy(c) : NULL;
	}
	if (!out)
		wp_error_set("%s", wp_t("api.bad_confirm"));
	json_decref(j);
	return out;
}

json_t *wp_body_confirms(const char *data, size_t len, int json)
{
	return json ? json_confirms(data, len) : wp_form_get_all(data, len, "bevestig");
}
