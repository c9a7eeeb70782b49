/* Integration tests of HTTP caching: ETag / If-None-Match, Last-Modified on
 * page views, and the long-lived Cache-Control of theme assets. */
#include "server.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define STORY "verhalen/schuld-eerst-of-het-kind"

/* GET path with one If-None-Match header. */
static wp_ts_response *get_if_none_match(const wp_test_server *srv, const char *path,
					 const char *etag)
{
	char *h = wp_ts_fmt("If-None-Match: %s", etag);
	const char *headers[] = { h, NULL };
	wp_ts_response *r = wp_ts_request(srv, "GET", path, NULL, NULL, headers);

	free(h);
	return r;
}

Test(cache, page_view_with_matching_etag_is_304_without_body)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/" STORY);
	char *etag;

	cr_assert_eq(r->status, 200);
	cr_assert_not_null(wp_ts_header(r, "ETag"), "page view without ETag");
	etag = strdup(wp_ts_header(r, "ETag"));
	wp_ts_response_free(r);
	r = get_if_none_match(srv, "/" STORY, etag);
	cr_assert_eq(r->status, 304, "%ld", r->status);
	cr_assert_eq(r->body_len, 0, "304 with a body");
	wp_ts_response_free(r);
	free(etag);
	wp_ts_stop(srv);
}

Test(cache, page_view_with_other_etag_is_200)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_if_none_match(srv, "/" STORY, "\"0000000000\"");

	cr_assert_eq(r->status, 200, "%ld", r->status);
	cr_assert_not_null(strstr(r->body, "Schuld eerst, of het kind?"));
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(cache, etag_changes_when_the_page_changes)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r = wp_ts_get(srv, "/" STORY);
	char *etag, *content;

	cr_assert_eq(r->status, 200);
	cr_assert_not_null(wp_ts_header(r, "ETag"));
	etag = strdup(wp_ts_header(r, "ETag"));
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, STORY);
	content = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	cr_assert_not_null(content);
	content = realloc(content, strlen(content) + 32);
	strcat(content, "\nNog een regel.\n");
	r = wp_ts_api_put(srv, STORY, content, rev, "Regel erbij");
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	/* The old ETag must not keep a stale copy alive. */
	r = get_if_none_match(srv, "/" STORY, etag);
	cr_assert_eq(r->status, 200, "stale ETag still answered %ld", r->status);
	cr_assert_not_null(strstr(r->body, "Nog een regel."));
	cr_assert_not_null(wp_ts_header(r, "ETag"));
	cr_assert_str_neq(wp_ts_header(r, "ETag"), etag);
	wp_ts_response_free(r);
	free(content);
	free(etag);
	wp_ts_stop(srv);
}

Test(cache, page_view_has_a_plausible_last_modified)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/" STORY);
	const char *lm = wp_ts_header(r, "Last-Modified");
	time_t t;

	cr_assert_eq(r->status, 200);
	cr_assert_not_null(lm, "page view without Last-Modified");
	t = curl_getdate(lm, NULL);
	cr_assert_gt(t, 0, "Last-Modified not an HTTP date: %s", lm);
	/* The demo commit was just made. */
	cr_assert_leq(t, time(NULL) + 60, "Last-Modified in the future: %s", lm);
	cr_assert_geq(t, time(NULL) - 3600, "Last-Modified too old: %s", lm);
	cr_assert_not_null(strstr(lm, "GMT"), "Last-Modified not in GMT: %s", lm);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* Number of headers of r called name. */
static size_t header_count(const wp_ts_response *r, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < r->nheaders; i++)
		n += strcasecmp(r->names[i], name) == 0;
	return n;
}

Test(cache, static_stylesheet_is_cached_for_a_year)
{
	wp_test_server *srv = wp_ts_start(NULL);
	int anonymous;

	/* The same file for everyone: logged in or not, it is kept a year. */
	for (anonymous = 0; anonymous < 2; anonymous++) {
		const char *who = anonymous ? "anonymous" : "logged in";
		wp_ts_response *r;
		const char *cc, *ct;

		wp_ts_use(srv, anonymous ? NULL : wp_ts_default_auth(srv));
		r = wp_ts_get(srv, "/static/style.css");
		cc = wp_ts_header(r, "Cache-Control");
		ct = wp_ts_header(r, "Content-Type");
		cr_assert_eq(r->status, 200, "%s: %ld", who, r->status);
		cr_assert(cc && strcmp(cc, "public, max-age=31536000, immutable") == 0,
			  "%s: Cache-Control %s", who, cc ? cc : "-");
		cr_assert_eq(header_count(r, "Cache-Control"), 1, "%s: %zu Cache-Control headers",
			     who, header_count(r, "Cache-Control"));
		cr_assert(ct && strncmp(ct, "text/css", 8) == 0, "Content-Type %s", ct ? ct : "-");
		cr_assert_gt(r->body_len, 0);
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}

Test(cache, missing_static_file_is_404)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/static/bestaat-niet.css");

	cr_assert_eq(r->status, 404, "%ld", r->status);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(cache, page_view_is_not_stored_as_immutable)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/" STORY);
	const char *cc = wp_ts_header(r, "Cache-Control");

	cr_assert_eq(r->status, 200);
	cr_assert(!cc || !strstr(cc, "immutable"), "page view cached as immutable: %s", cc);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}
