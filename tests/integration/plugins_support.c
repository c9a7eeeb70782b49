/* plugins_support.c - assertions shared by the plugin API tests. */
#include "plugins_support.h"

#include <criterion/criterion.h>
#include <string.h>

void pl_assert_status(const wp_ts_response *r, long status)
{
	cr_assert_eq(r->status, status, "expected %ld, got %ld: %.2000s", status, r->status,
		     r->body);
}

void pl_assert_json(const wp_ts_response *r, long status)
{
	const char *ct = wp_ts_header(r, "Content-Type");

	pl_assert_status(r, status);
	cr_assert(ct && strstr(ct, "application/json"), "not JSON but %s", ct ? ct : "-");
}

const char *pl_jstr(const json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s ? s : "<missing>";
}

json_t *pl_get_json(const wp_test_server *srv, const char *path)
{
	wp_ts_response *r = wp_ts_get(srv, path);
	json_t *j;

	pl_assert_json(r, 200);
	j = wp_ts_json(r);
	wp_ts_response_free(r);
	return j;
}
