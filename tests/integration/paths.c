/* Integration tests of hostile request paths, sent byte for byte over a raw
 * socket so no client library cleans them up first: each must be a 400,
 * never a 200 or 500, and never show a file from outside the repository. */
#include "server.h"

#include <criterion/criterion.h>
#include <string.h>

/* Asserts GET target answers 400, shows nothing from /etc/passwd, and the
 * server still answers afterwards - whether the client is logged in or
 * not. */
static void assert_get_400(const char *target)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r;
	int anonymous;

	for (anonymous = 0; anonymous < 2; anonymous++) {
		wp_ts_use(srv, anonymous ? NULL : wp_ts_default_auth(srv));
		r = wp_ts_raw_request(srv, "GET", target);
		cr_assert_eq(r->status, 400, "GET %s%s: %ld %.300s", target,
			     anonymous ? " (anonymous)" : "", r->status, r->body);
		cr_assert_null(strstr(r->body, "root:"), "GET %s shows /etc/passwd", target);
		wp_ts_response_free(r);
	}
	r = wp_ts_get(srv, "/health");
	cr_assert_eq(r->status, 200, "server unwell after GET %s", target);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(paths, encoded_slashes_with_dotdot_are_400)
{
	assert_get_400("/..%2f..%2fetc/passwd");
}

Test(paths, encoded_dots_are_400)
{
	assert_get_400("/%2e%2e/%2e%2e/etc/passwd");
}

Test(paths, literal_dotdot_segments_are_400)
{
	assert_get_400("/verhalen/../../etc/passwd");
}

Test(paths, single_dotdot_inside_the_wiki_is_400)
{
	/* Would land on a real page if the server let ".." resolve. */
	assert_get_400("/dilemmas/../verhalen/schuld-eerst-of-het-kind");
}

Test(paths, encoded_nul_is_400)
{
	assert_get_400("/verhalen/%00x");
}

Test(paths, uppercase_path_is_400)
{
	assert_get_400("/Verhalen/X");
}

Test(paths, path_of_300_characters_is_400)
{
	char target[302];

	target[0] = '/';
	memset(target + 1, 'a', 300);
	target[301] = '\0';
	assert_get_400(target);
}

Test(paths, raw_source_with_encoded_dotdot_is_400)
{
	assert_get_400("/bron/..%2fx");
}

Test(paths, api_with_encoded_dotdot_is_400)
{
	assert_get_400("/api/pages/%2e%2e/x");
}

Test(paths, api_with_encoded_slash_dotdot_to_config_is_400)
{
	assert_get_400("/api/pages/..%2f..%2fwerkplaats");
}

Test(paths, edit_form_with_dotdot_is_400)
{
	assert_get_400("/bewerken/verhalen/%2e%2e/%2e%2e/etc/passwd");
}

Test(paths, double_slash_is_400)
{
	assert_get_400("/verhalen//schuld-eerst-of-het-kind");
}

Test(paths, static_file_outside_the_theme_is_not_served)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *targets[] = { "/static/..%2f..%2f..%2fwerkplaats.json",
				  "/static/../../werkplaats.json", "/static/%2e%2e/templates",
				  NULL };
	size_t i;

	for (i = 0; targets[i]; i++) {
		wp_ts_response *r = wp_ts_raw_request(srv, "GET", targets[i]);

		cr_assert(r->status == 400 || r->status == 404, "GET %s: %ld", targets[i],
			  r->status);
		cr_assert_null(strstr(r->body, "max_body_bytes"), "GET %s shows the config",
			       targets[i]);
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}

Test(paths, overlong_request_line_is_refused_and_server_survives)
{
	wp_test_server *srv = wp_ts_start(NULL);
	size_t n = 100000;
	char *target = malloc(n + 2);
	wp_ts_response *r;

	cr_assert_not_null(target);
	target[0] = '/';
	memset(target + 1, 'a', n);
	target[n + 1] = '\0';
	r = wp_ts_raw_request(srv, "GET", target);
	/* Closing the connection without an answer is fine; success is not. */
	cr_assert(r->status == 0 || (r->status >= 400 && r->status < 500), "status %ld",
		  r->status);
	wp_ts_response_free(r);
	free(target);
	r = wp_ts_get(srv, "/health");
	cr_assert_eq(r->status, 200, "server unwell after an overlong request line");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(paths, form_post_over_max_body_is_413_without_commit)
{
	const char *extra[] = { "--max-body", "2048", NULL };
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_commit before, after;
	wp_ts_response *r;
	char big[4097];

	o.extra_args = extra;
	srv = wp_ts_start(&o);
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	{
		const char *f[] = { "path", "verhalen/it-te-groot", "frontmatter", "", "body", big,
				    "message", "Te groot", "action", "save", NULL };

		r = wp_ts_post_form(srv, "/nieuw", f);
	}
	cr_assert_eq(r->status, 413, "%ld", r->status);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(paths, post_with_encoded_dotdot_makes_no_commit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *body = "base=&frontmatter=&body=x&message=x&action=save";
	char *req, *auth = wp_ts_auth_lines(srv, "POST");
	wp_ts_commit before, after;
	wp_ts_response *r;

	/* With an account, so the answer is about the path, not the writer. */
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	req = wp_ts_fmt("POST /bewerken/verhalen/%%2e%%2e/x HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
			"Connection: close\r\n\r\n%s", auth, strlen(body), body);
	r = wp_ts_raw(srv, req, strlen(req));
	cr_assert_eq(r->status, 400, "%ld %.300s", r->status, r->body);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	free(req);
	free(auth);
	wp_ts_stop(srv);
}
