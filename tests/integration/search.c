/* Integration tests of search through HTTP: Dutch stemming and compounds
 * on the demo content, filters and facets, saves that become searchable at
 * once, backlinks, suggestions, and hostile queries that must never give
 * a 500. */
#include "server.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static wp_test_server *srv;

static void start(void)
{
	srv = wp_ts_start(NULL);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
}

TestSuite(search, .init = start, .fini = stop, .timeout = 120);

/* GET /api/search with q (URL-encoded here) and extra raw query text. */
static json_t *search(const char *q, const char *extra, long *status)
{
	char *enc = curl_easy_escape(NULL, q, (int)strlen(q));
	char *path = wp_ts_fmt("/api/search?q=%s%s", enc, extra ? extra : "");
	wp_ts_response *r = wp_ts_get(srv, path);
	json_t *j = NULL;

	*status = r->status;
	if (r->status == 200 || r->status == 400)
		j = wp_ts_json(r);
	wp_ts_response_free(r);
	curl_free(enc);
	free(path);
	return j;
}

/* Non-zero when a result of j has this path. */
static int has_result(json_t *j, const char *path)
{
	json_t *res = json_object_get(j, "results"), *it;
	size_t i;

	json_array_foreach(res, i, it)
		if (strcmp(json_string_value(json_object_get(it, "path")), path) == 0)
			return 1;
	return 0;
}

static void assert_finds(const char *q, const char *path)
{
	long status;
	json_t *j = search(q, NULL, &status);

	cr_assert_eq(status, 200, "q=%s", q);
	cr_assert(has_result(j, path), "q=%s did not find %s", q, path);
	json_decref(j);
}

Test(search, dutch_question_finds_the_story_about_debts_and_parenting)
{
	assert_finds("verhalen over schulden en opvoeding", "verhalen/schuld-eerst-of-het-kind");
}

Test(search, plural_and_singular_find_each_other)
{
	wp_ts_auth *member;

	/* The story's body has "ervaringswerkers" and "gemeentes"; its
	 * perspective page holds "verhaal" forms. */
	assert_finds("ervaringswerker", "verhalen/schuld-eerst-of-het-kind");
	/* That story is for team wijkteam-noord only: search as a member. */
	member = wp_ts_as(srv, "noord", "professional", "wijkteam-noord");
	wp_ts_use(srv, member);
	assert_finds("gemeente", "verhalen/twee-gemeentes-een-gezin");
	assert_finds("gemeentes", "verhalen/twee-gemeentes-een-gezin");
	wp_ts_auth_free(member);
}

Test(search, diacritics_do_not_matter)
{
	assert_finds("geescaleerd", "verhalen/schuld-eerst-of-het-kind");
	assert_finds("geëscaleerd", "verhalen/schuld-eerst-of-het-kind");
}

Test(search, compound_is_found_by_its_parts)
{
	const char *page = "verhalen/it-compound";
	wp_ts_response *r = wp_ts_api_put(srv, page,
					  "---\ntitel: Samenwerken\n---\nDe zorgvuldige "
					  "praktijkbegeleider sprak met iedereen.\n",
					  NULL, "compound");

	cr_assert_eq(r->status, 201);
	wp_ts_response_free(r);
	assert_finds("praktijkbegeleider", page);
	assert_finds("begeleider", page);
	assert_finds("praktijk", page);
	/* And the demo's own compound. */
	assert_finds("hulpverlener", "verhalen/schuld-eerst-of-het-kind");
	assert_finds("jeugdhulp", "verhalen/schuld-eerst-of-het-kind");
}

Test(search, saved_page_is_searchable_at_once_and_gone_after_delete)
{
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	long status;
	json_t *j;

	r = wp_ts_api_put(srv, "verhalen/it-zoek", "---\ntitel: Kwijtscheldingsverzoek\n---\n"
						   "Over de zeldzame xylofoonregeling.\n",
			  NULL, "nieuw");
	cr_assert_eq(r->status, 201);
	wp_ts_response_free(r);
	assert_finds("xylofoonregeling", "verhalen/it-zoek");
	wp_ts_api_revision(rev, srv, "verhalen/it-zoek");
	r = wp_ts_api_delete(srv, "verhalen/it-zoek", rev, "weg");
	cr_assert_eq(r->status, 200);
	wp_ts_response_free(r);
	j = search("xylofoonregeling", NULL, &status);
	cr_assert_eq(status, 200);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
}

Test(search, title_match_ranks_above_body_match_and_snippet_marks_it)
{
	wp_ts_response *r;
	json_t *j, *first;
	long status;

	r = wp_ts_api_put(srv, "verhalen/it-body", "---\ntitel: Iets anders\n---\n"
						   "Hier staat zebrapad ergens in de tekst.\n",
			  NULL, "b");
	wp_ts_response_free(r);
	r = wp_ts_api_put(srv, "verhalen/it-titel", "---\ntitel: Zebrapad\n---\nGewone tekst.\n",
			  NULL, "t");
	wp_ts_response_free(r);
	j = search("zebrapad", NULL, &status);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 2);
	first = json_array_get(json_object_get(j, "results"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(first, "path")), "verhalen/it-titel");
	first = json_array_get(json_object_get(j, "results"), 1);
	cr_assert(strstr(json_string_value(json_object_get(first, "snippet")), "<mark>"));
	json_decref(j);
}

Test(search, snippet_escapes_html_from_the_page)
{
	wp_ts_response *r = wp_ts_api_put(srv, "verhalen/it-html",
					  "---\ntitel: Html\n---\nquokka <script>alert(1)</script>\n",
					  NULL, "h");
	long status;
	json_t *j;
	const char *snip;

	wp_ts_response_free(r);
	j = search("quokka", NULL, &status);
	snip = json_string_value(json_object_get(json_array_get(json_object_get(j, "results"), 0),
						 "snippet"));
	cr_assert_not_null(snip);
	cr_assert_null(strstr(snip, "<script"), "%s", snip);
	cr_assert_not_null(strstr(snip, "&lt;script&gt;"), "%s", snip);
	json_decref(j);
}

Test(search, type_filter_and_facets_count_types)
{
	long status;
	json_t *j = search("schulden", NULL, &status), *facets, *res, *it;
	size_t i;
	json_int_t verhalen;

	facets = json_object_get(json_object_get(j, "facets"), "type");
	verhalen = json_integer_value(json_object_get(facets, "verhaal"));
	cr_assert_gt(verhalen, 0);
	json_decref(j);
	j = search("schulden", "&type=verhaal", &status);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), verhalen);
	res = json_object_get(j, "results");
	json_array_foreach(res, i, it)
		cr_assert_str_eq(json_string_value(json_object_get(it, "type")), "verhaal");
	json_decref(j);
}

Test(search, exclusion_phrase_and_prefix_work)
{
	long status;
	json_t *j;

	assert_finds("\"schuld eerst\"", "verhalen/schuld-eerst-of-het-kind");
	assert_finds("opvoed*", "verhalen/schuld-eerst-of-het-kind");
	j = search("schulden -opvoeding", NULL, &status);
	cr_assert_eq(status, 200);
	cr_assert_not(has_result(j, "verhalen/schuld-eerst-of-het-kind"));
	json_decref(j);
}

Test(search, search_page_shows_results_and_a_search_form)
{
	wp_ts_response *r = wp_ts_get(srv, "/zoeken?q=schulden");

	cr_assert_eq(r->status, 200);
	cr_assert(strstr(r->body, "role=\"search\""));
	cr_assert(strstr(r->body, "href=\"/verhalen/schuld-eerst-of-het-kind\""));
	cr_assert(strstr(r->body, "<mark>"));
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/zoeken");
	cr_assert_eq(r->status, 200);
	wp_ts_response_free(r);
}

Test(search, suggestions_complete_titles)
{
	wp_ts_response *r = wp_ts_get(srv, "/api/suggest?q=schuld%20eer");
	json_t *j = json_pack("{s:o}", "results", wp_ts_json(r)); /* the shape has_result reads */

	cr_assert_eq(r->status, 200);
	cr_assert_gt(json_array_size(json_object_get(j, "results")), 0);
	cr_assert(has_result(j, "verhalen/schuld-eerst-of-het-kind"));
	json_decref(j);
	wp_ts_response_free(r);
}

Test(search, page_shows_what_links_here)
{
	wp_ts_response *r = wp_ts_get(srv, "/dilemmas/gezin-centraal-versus-kind-centraal");
	const char *section;

	cr_assert_eq(r->status, 200);
	section = strstr(r->body, "class=\"backlinks\"");
	cr_assert_not_null(section);
	cr_assert(strstr(section, "href=\"/verhalen/schuld-eerst-of-het-kind\""));
	wp_ts_response_free(r);
}

/* Deterministic hostile queries: FTS5 syntax, broken quotes, odd bytes.
 * Each must answer 200 or 400 with a message; never 500 or a crash. */
Test(search, hostile_queries_never_give_a_server_error)
{
	static const char *const parts[] = {
		"\"", "*", "-", "NEAR(", ")", "(", "AND", "OR", "NOT", "^", ":", "title:", "body:",
		"{title}", "+", "schuld", "verhaal", "é", "\xff", "\xc3", "%", "'", ";", "--", "\\",
		"\xe2\x80\x8b", "💥", "a*b", "\"\"", "NEAR(a b, 2)", "*\"", "-*", "\t", " ",
	};
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char q[256];
	int i, k, bad = 0;

	for (i = 0; i < 300; i++) {
		wp_ts_response *r;
		char *enc, *path;
		size_t n = 0;
		int len;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = 1 + (int)(x % 8);
		for (k = 0; k < len; k++) {
			const char *p;

			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			p = parts[x % (sizeof(parts) / sizeof(parts[0]))];
			if (n + strlen(p) + 1 >= sizeof(q))
				break;
			memcpy(q + n, p, strlen(p));
			n += strlen(p);
			q[n++] = (x >> 20) & 1 ? ' ' : '\0';
			if (!q[n - 1])
				n--;
		}
		q[n] = '\0';
		enc = curl_easy_escape(NULL, q, (int)n);
		path = wp_ts_fmt(i % 2 ? "/api/search?q=%s" : "/zoeken?q=%s", enc);
		r = wp_ts_get(srv, path);
		if (r->status != 200 && r->status != 400) {
			bad++;
			cr_log_error("%ld for %s", r->status, path);
		}
		wp_ts_response_free(r);
		free(path);
		curl_free(enc);
	}
	cr_assert_eq(bad, 0);
}

Test(search, ten_kilobytes_of_text_is_a_clear_400)
{
	char *big = malloc(10241), *path;
	wp_ts_response *r;
	json_t *j;

	memset(big, 'a', 10240);
	big[10240] = '\0';
	path = wp_ts_fmt("/api/search?q=%s", big);
	r = wp_ts_get(srv, path);
	cr_assert_eq(r->status, 400);
	j = wp_ts_json(r);
	cr_assert(json_string_length(json_object_get(j, "error")) > 0);
	json_decref(j);
	wp_ts_response_free(r);
	free(path);
	free(big);
}

/* The index is derived: after index.db is deleted, `reindex` builds it
 * again from git, with every page. */
Test(search, deleted_index_is_rebuilt_from_git_by_reindex)
{
	const char *data = wp_ts_data_dir(srv);
	const char *args[] = { "reindex", "--data", data, NULL };
	char *file = wp_ts_fmt("%s/index.db", data);
	wp_ts_run_result *run;

	cr_assert_eq(unlink(file), 0);
	run = wp_ts_run(args);
	cr_assert_eq(run->exit_code, 0, "%s", run->err);
	cr_assert_not_null(strstr(run->out, "(36 "), "%s", run->out);
	cr_assert_eq(access(file, F_OK), 0);
	wp_ts_run_free(run);
	free(file);
}

/* Following a filter without typing words lists every page it lets
 * through (a dilemma's stories, a facet): the same pages its tag page
 * lists, in the API and on the search page. */
Test(search, a_filter_without_words_lists_every_page_it_lets_through)
{
	const char *slug = "gezin-centraal-versus-kind-centraal";
	char *path = wp_ts_fmt("/api/tags/dilemmas/%s", slug);
	wp_ts_response *r = wp_ts_get(srv, path);
	json_t *tag = wp_ts_json(r), *found, *page;
	char *filter = wp_ts_fmt("&dilemmas=%s", slug);
	long status;
	size_t i;

	wp_ts_response_free(r);
	free(path);
	found = search("", filter, &status);
	free(filter);
	cr_assert_eq(status, 200);
	cr_assert_gt(json_array_size(json_object_get(tag, "pages")), 0, "demo has tagged stories");
	cr_assert_eq(json_integer_value(json_object_get(found, "total")),
		     (json_int_t)json_array_size(json_object_get(tag, "pages")));
	json_array_foreach(json_object_get(tag, "pages"), i, page)
		cr_assert(has_result(found, json_string_value(json_object_get(page, "path"))),
			  "%s missing", json_string_value(json_object_get(page, "path")));
	json_decref(found);
	path = wp_ts_fmt("/zoeken?dilemmas=%s", slug);
	r = wp_ts_get(srv, path);
	cr_assert_eq(r->status, 200);
	page = json_array_get(json_object_get(tag, "pages"), 0);
	cr_assert_not_null(strstr(r->body, json_string_value(json_object_get(page, "title"))),
			   "the search page lists the stories");
	wp_ts_response_free(r);
	free(path);
	/* Nothing typed and nothing filtered is still an empty search. */
	found = search("", NULL, &status);
	cr_assert_eq(json_integer_value(json_object_get(found, "total")), 0);
	json_decref(found);
	json_decref(tag);
}
