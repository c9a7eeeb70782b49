/* Integration tests of the members plugin API 1.1 added to the host
 * (server/plugin.h, "since 1.1"), through HTTP against the real server
 * with the test plugin "probe11" (tests/plugins/probe11/): several pages
 * saved in one commit (save_pages), the change's message in on_save
 * (save_message), a page's history (page_history) with authors masked
 * by on_author, text answers offered as downloads (send_text), slug and
 * url_encode, and a plugin's own static files under /static/<plugin>/. */
#include "plugin.h"
#include "plugins_support.h"
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef WP_TEST_PLUGIN_DIR

/* The answer of /probe11/csv (tests/plugins/probe11/routes.c). */
#define CSV_BODY "naam;plaats\r\n\"Één\";Café\r\n"

#define BLAD(title) "---\ntitel: \"" title "\"\n---\nTekst.\n"

/* ---- the root folder: themes, content and probe11's own files ---- */

/* The server finds a plugin's templates and static files under
 * <root>/plugins/<name>/; probe11's live in tests/plugins/ (wp_ts_plugin_root()).
 * Set by the suites' init. */
static char *root_dir;

static void make_root(void)
{
	root_dir = wp_ts_plugin_root("probe11");
}

static void drop_root(void)
{
	wp_ts_plugin_root_drop(root_dir);
	root_dir = NULL;
}

/* ---- helpers ---- */

/* A server with the demo content and the plugin probe11 alone. */
static wp_test_server *start_probe11(void)
{
	char *cfg = wp_ts_fmt("{\"plugin_dir\": \"%s\", \"plugins\": [\"probe11\"]}",
			      WP_TEST_PLUGIN_DIR);
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;

	o.config = cfg;
	srv = wp_ts_start(&o);
	free(cfg);
	return srv;
}

/* The front matter of page path as GET /api/pages gives it; caller
 * decrefs. */
static json_t *meta_of(const wp_test_server *srv, const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	json_t *j = pl_get_json(srv, url), *meta = json_incref(json_object_get(j, "meta"));

	json_decref(j);
	free(url);
	cr_assert(json_is_object(meta), "no meta for %s", path);
	return meta;
}

/* Status of GET path. */
static long status_of(const wp_test_server *srv, const char *path)
{
	wp_ts_response *r = wp_ts_get(srv, path);
	long status = r->status;

	wp_ts_response_free(r);
	return status;
}

/* Creates page path with content and message (must answer 201); the new
 * revision into rev when not NULL. */
static void create(const wp_test_server *srv, const char *path, const char *content,
		   const char *message, char *rev)
{
	wp_ts_response *r = wp_ts_api_put(srv, path, content, NULL, message);

	pl_assert_status(r, 201);
	wp_ts_response_free(r);
	if (rev)
		wp_ts_api_revision(rev, srv, path);
}

/* Saves page path on top of its current revision (must answer 200); the
 * new revision into rev. */
static void edit(const wp_test_server *srv, const char *path, const char *content,
		 const char *message, char *rev)
{
	char base[WP_TS_OID_HEX];
	wp_ts_response *r;

	wp_ts_api_revision(base, srv, path);
	r = wp_ts_api_put(srv, path, content, base, message);
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, path);
}

/* POST /api/probe11/opslaan: pages holds path, content, path, content, …,
 * NULL (all new pages); message may be NULL. */
static wp_ts_response *save_pages(const wp_test_server *srv, const char *const *pages,
				  const char *message)
{
	json_t *list = json_array(), *in;
	char *body;
	wp_ts_response *r;
	size_t i;

	for (i = 0; pages[i]; i += 2)
		json_array_append_new(list, json_pack("{s:s, s:s}", "path", pages[i], "content",
						      pages[i + 1]));
	in = json_pack("{s:o, s:s?}", "pages", list, "message", message);
	body = json_dumps(in, 0);
	r = wp_ts_request(srv, "POST", "/api/probe11/opslaan", body, "application/json", NULL);
	json_decref(in);
	free(body);
	return r;
}

/* The problems of a refused save_pages answer with status; caller
 * decrefs. */
static json_t *refused_problems(const wp_ts_response *r, long status)
{
	json_t *j, *problems;

	pl_assert_json(r, status);
	j = wp_ts_json(r);
	cr_assert_gt(strlen(pl_jstr(j, "error")), 0, "no error text: %s", r->body);
	problems = json_incref(json_object_get(j, "problems"));
	json_decref(j);
	cr_assert(json_is_array(problems), "no problems list: %s", r->body);
	return problems;
}

/* The problem of problems about page path and field (NULL: the page as a
 * whole), or NULL. */
static const json_t *problem_at(const json_t *problems, const char *path, const char *field)
{
	const json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const json_t *f = json_object_get(p, "field");

		if (strcmp(pl_jstr(p, "path"), path) != 0)
			continue;
		if (field ? json_is_string(f) && strcmp(json_string_value(f), field) == 0
			  : (!f || json_is_null(f)))
			return p;
	}
	return NULL;
}

/* The number of problems about page path. */
static size_t problems_at(const json_t *problems, const char *path)
{
	const json_t *p;
	size_t i, n = 0;

	json_array_foreach(problems, i, p)
		n += strcmp(pl_jstr(p, "path"), path) == 0;
	return n;
}

/* The history of path through page_history (limit 0: all), as tester or
 * as a (NULL: the current credentials), with status 200; caller decrefs. */
static json_t *history_as(const wp_test_server *srv, const wp_ts_auth *a, const char *path,
			  int limit)
{
	char *url = limit ? wp_ts_fmt("/api/probe11/geschiedenis/%s?limiet=%d", path, limit)
			  : wp_ts_fmt("/api/probe11/geschiedenis/%s", path);
	wp_ts_response *r = a ? wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL)
			      : wp_ts_get(srv, url);
	json_t *j, *entries;

	pl_assert_json(r, 200);
	j = wp_ts_json(r);
	entries = json_incref(json_object_get(j, "entries"));
	cr_assert(json_is_array(entries), "no entries: %s", r->body);
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return entries;
}

/* Non-zero when s has the shape of an ISO 8601 time ("2026-11-23T..."). */
static int looks_iso(const char *s)
{
	return strlen(s) >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':';
}

/* ---- save_pages and save_message ---- */

TestSuite(plugins11, .init = make_root, .fini = drop_root);

Test(plugins11, save_pages_writes_every_page_in_one_commit_linking_within_the_batch)
{
	wp_test_server *srv = start_probe11();
	const char *data = wp_ts_data_dir(srv);
	/* The first page links to the second, which does not exist yet. */
	const char *pages[] = { "bladen/it-een",
				"---\ntitel: \"Een\"\nverwijzing: it-twee\n---\nEen.\n",
				"bladen/it-twee", BLAD("Twee"), NULL };
	size_t before = wp_ts_repo_count(data);
	wp_ts_response *r = save_pages(srv, pages, "Twee bladen tegelijk");
	wp_ts_commit head;
	json_t *j, *meta;
	char *file;

	pl_assert_json(r, 201);
	j = wp_ts_json(r);
	cr_assert_eq(wp_ts_repo_count(data), before + 1, "not one commit");
	wp_ts_repo_head(&head, data);
	cr_assert_str_eq(pl_jstr(j, "revision"), head.id, "revision is not the commit");
	cr_assert_not_null(strstr(head.message, "Twee bladen tegelijk"), "message: %s",
			   head.message);
	cr_assert_str_eq(head.author, WP_TS_TESTER_DISPLAY);
	json_decref(j);
	wp_ts_response_free(r);
	/* Both pages are in that commit, and neither in the one before. */
	file = wp_ts_repo_file(data, "HEAD:bladen/it-een.md");
	cr_assert(file && strstr(file, "verwijzing: it-twee"), "HEAD:it-een: %s",
		  file ? file : "-");
	free(file);
	file = wp_ts_repo_file(data, "HEAD:bladen/it-twee.md");
	cr_assert_not_null(file, "it-twee not in the commit");
	free(file);
	cr_assert_null(wp_ts_repo_file(data, "HEAD~1:bladen/it-een.md"));
	cr_assert_null(wp_ts_repo_file(data, "HEAD~1:bladen/it-twee.md"));
	wp_ts_commit_dispose(&head);
	/* Every page went through on_save, which saw the batch's message. */
	meta = meta_of(srv, "bladen/it-een");
	cr_assert_str_eq(pl_jstr(meta, "bericht"), "Twee bladen tegelijk");
	cr_assert(json_is_true(json_object_get(meta, "met_bericht")));
	json_decref(meta);
	meta = meta_of(srv, "bladen/it-twee");
	cr_assert_str_eq(pl_jstr(meta, "bericht"), "Twee bladen tegelijk");
	json_decref(meta);
	/* The link works like any other: the index resolved it. */
	j = pl_get_json(srv, "/api/pages/bladen/it-een");
	cr_assert_str_eq(pl_jstr(j, "type"), "blad");
	json_decref(j);
	wp_ts_stop(srv);
}

Test(plugins11, save_pages_checks_every_page_before_refusing_and_names_each_path)
{
	wp_test_server *srv = start_probe11();
	const char *data = wp_ts_data_dir(srv);
	const char *one_bad[] = { "bladen/it-goed", BLAD("Goed"), "bladen/it-fout",
				  "---\ntitel: \"\"\nverwijzing: it-nergens\n---\nFout.\n", NULL };
	const char *two_bad[] = { "bladen/it-eerste-fout", "---\nverwijzing: it-goed\n---\nx\n",
				  "bladen/it-goed", BLAD("Goed"), "bladen/it-tweede-fout",
				  "---\ntitel: \"Twee\"\nanoniem: misschien\n---\nx\n", NULL };
	size_t before = wp_ts_repo_count(data);
	wp_ts_response *r;
	json_t *problems;

	r = save_pages(srv, one_bad, "Een goed en een fout");
	problems = refused_problems(r, 400);
	cr_assert_not_null(problem_at(problems, "bladen/it-fout", "titel"), "%s", r->body);
	cr_assert_not_null(problem_at(problems, "bladen/it-fout", "verwijzing"), "%s", r->body);
	cr_assert_eq(problems_at(problems, "bladen/it-goed"), 0, "good page blamed: %s", r->body);
	cr_assert_gt(strlen(pl_jstr(problem_at(problems, "bladen/it-fout", "titel"), "message")), 0);
	json_decref(problems);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(data), before, "a refused batch committed");
	cr_assert_eq(status_of(srv, "/api/pages/bladen/it-goed"), 404, "good page written alone");

	/* A bad page before the good one does not hide a bad page after it. */
	r = save_pages(srv, two_bad, NULL);
	problems = refused_problems(r, 400);
	cr_assert_not_null(problem_at(problems, "bladen/it-eerste-fout", "titel"), "%s", r->body);
	cr_assert_not_null(problem_at(problems, "bladen/it-tweede-fout", "anoniem"), "%s",
			   r->body);
	cr_assert_eq(problems_at(problems, "bladen/it-goed"), 0, "good page blamed: %s", r->body);
	json_decref(problems);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(data), before, "a refused batch committed");
	wp_ts_stop(srv);
}

Test(plugins11, save_pages_refused_by_a_hook_or_a_limit_commits_nothing)
{
	wp_test_server *srv = start_probe11();
	const char *data = wp_ts_data_dir(srv);
	const char *pages[] = { "bladen/it-a", BLAD("A"), "bladen/it-b", BLAD("B"), NULL };
	const char *many[2 * 17 + 1];
	char *paths[17];
	size_t before = wp_ts_repo_count(data), i;
	wp_ts_response *r;
	json_t *problems;

	/* The hook refuses the message of the whole batch: each page says so. */
	r = save_pages(srv, pages, "Dit WEIGER ik");
	problems = refused_problems(r, 400);
	cr_assert_not_null(problem_at(problems, "bladen/it-a", NULL), "%s", r->body);
	cr_assert_not_null(strstr(pl_jstr(problem_at(problems, "bladen/it-a", NULL), "message"),
				  "WEIGER"),
			   "not the plugin's message: %s", r->body);
	cr_assert_not_null(problem_at(problems, "bladen/it-b", NULL), "%s", r->body);
	json_decref(problems);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(data), before);

	/* At most 16 pages, and at least one. */
	for (i = 0; i < 17; i++) {
		paths[i] = wp_ts_fmt("bladen/it-veel-%zu", i);
		many[2 * i] = paths[i];
		many[2 * i + 1] = BLAD("Veel");
	}
	many[2 * 17] = NULL;
	r = save_pages(srv, many, "Te veel");
	pl_assert_json(r, 413);
	wp_ts_response_free(r);
	many[0] = NULL;
	r = save_pages(srv, many, "Niets");
	pl_assert_json(r, 400);
	wp_ts_response_free(r);
	for (i = 0; i < 17; i++)
		free(paths[i]);
	cr_assert_eq(wp_ts_repo_count(data), before);

	/* A visitor writes nothing. */
	wp_ts_use(srv, NULL);
	r = save_pages(srv, pages, "Anoniem");
	cr_assert_eq(r->status, 403, "visitor: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(data), before);
	wp_ts_stop(srv);
}

Test(plugins11, save_message_is_the_persons_message_or_null_and_a_revert_names_itself)
{
	wp_test_server *srv = start_probe11();
	const char *path = "bladen/it-bericht";
	char first[WP_TS_OID_HEX], second[WP_TS_OID_HEX];
	size_t commits;
	wp_ts_response *r;
	json_t *meta;
	char *expect;

	create(srv, path, BLAD("Een"), "Eerste versie", first);
	meta = meta_of(srv, path);
	cr_assert_str_eq(pl_jstr(meta, "bericht"), "Eerste versie");
	cr_assert(json_is_true(json_object_get(meta, "met_bericht")));
	json_decref(meta);

	/* Without a message the hook is told there is none (NULL), though
	 * the commit gets a default one. */
	{
		char *body = wp_ts_fmt("{\"content\": \"---\\ntitel: Twee\\n---\\nx\\n\", "
				       "\"base\": \"%s\"}",
				       first);

		r = wp_ts_put_json(srv, "/api/pages/bladen/it-bericht", body);
		pl_assert_status(r, 200);
		wp_ts_response_free(r);
		free(body);
	}
	meta = meta_of(srv, path);
	cr_assert(json_is_false(json_object_get(meta, "met_bericht")), "met_bericht not false");
	cr_assert_null(json_object_get(meta, "bericht"), "a message without one");
	json_decref(meta);

	/* A revert gives its own default message. */
	wp_ts_api_revision(second, srv, path);
	{
		const char *f[] = { "rev", first, "base", second, NULL };

		r = wp_ts_post_form(srv, "/terugzetten/bladen/it-bericht", f);
		pl_assert_status(r, 303);
		wp_ts_response_free(r);
	}
	meta = meta_of(srv, path);
	expect = wp_ts_fmt("%s teruggezet naar versie %.7s", path, first);
	cr_assert_str_eq(pl_jstr(meta, "bericht"), expect);
	cr_assert_str_eq(pl_jstr(meta, "titel"), "Een", "not reverted");
	free(expect);
	json_decref(meta);

	/* A message the hook refuses is refused with the hook's text. */
	commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_api_revision(second, srv, path);
	r = wp_ts_api_put(srv, path, BLAD("Drie"), second, "Ik WEIGER");
	{
		json_t *problems = refused_problems(r, 400);

		cr_assert_not_null(strstr(pl_jstr(problem_at(problems, path, NULL), "message"),
					  "WEIGER"),
				   "not the hook's text: %s", r->body);
		json_decref(problems);
	}
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits);
	wp_ts_stop(srv);
}

/* ---- page_history and on_author ---- */

Test(plugins11, page_history_lists_versions_newest_first_with_their_front_matter)
{
	wp_test_server *srv = start_probe11();
	const char *path = "bladen/it-geschiedenis";
	char rev[4][WP_TS_OID_HEX];
	json_t *h, *e;
	size_t i;
	wp_ts_response *r;

	create(srv, path, BLAD("Een"), "Eerste", rev[0]);
	edit(srv, path, BLAD("Twee"), "Tweede\n\nMet meer uitleg.", rev[1]);
	r = wp_ts_api_delete(srv, path, rev[1], "Weg ermee");
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	{
		wp_ts_commit c;

		wp_ts_repo_head(&c, wp_ts_data_dir(srv));
		memcpy(rev[2], c.id, WP_TS_OID_HEX);
		wp_ts_commit_dispose(&c);
	}
	create(srv, path, BLAD("Drie"), "Terug", rev[3]);

	h = history_as(srv, NULL, path, 0);
	cr_assert_eq(json_array_size(h), 4, "history: %s", json_dumps(h, 0));
	for (i = 0; i < 4; i++) {
		e = json_array_get(h, i);
		cr_assert_str_eq(pl_jstr(e, "revision"), rev[3 - i], "entry %zu", i);
		cr_assert_str_eq(pl_jstr(e, "author"), WP_TS_TESTER_DISPLAY);
		cr_assert(json_is_integer(json_object_get(e, "time")));
		cr_assert_gt(strlen(pl_jstr(e, "date")), 0);
		cr_assert(looks_iso(pl_jstr(e, "iso")), "iso %s", pl_jstr(e, "iso"));
		cr_assert(json_is_object(json_object_get(e, "meta")));
		if (i > 0)
			cr_assert_geq(json_integer_value(json_object_get(json_array_get(h, i - 1),
									 "time")),
				      json_integer_value(json_object_get(e, "time")),
				      "not newest first");
	}
	e = json_array_get(h, 0);
	cr_assert_str_eq(pl_jstr(e, "message"), "Terug");
	cr_assert(json_is_false(json_object_get(e, "deleted")));
	cr_assert_str_eq(pl_jstr(json_object_get(e, "meta"), "titel"), "Drie");
	e = json_array_get(h, 1);
	cr_assert_str_eq(pl_jstr(e, "message"), "Weg ermee");
	cr_assert(json_is_true(json_object_get(e, "deleted")), "deletion not marked");
	cr_assert_eq(json_object_size(json_object_get(e, "meta")), 0, "a deletion has meta");
	e = json_array_get(h, 2);
	cr_assert_str_eq(pl_jstr(e, "message"), "Tweede", "not the first line");
	cr_assert_str_eq(pl_jstr(json_object_get(e, "meta"), "titel"), "Twee");
	e = json_array_get(h, 3);
	cr_assert_str_eq(pl_jstr(json_object_get(e, "meta"), "titel"), "Een");
	json_decref(h);

	/* A limit keeps the newest. */
	h = history_as(srv, NULL, path, 2);
	cr_assert_eq(json_array_size(h), 2);
	cr_assert_str_eq(pl_jstr(json_array_get(h, 0), "revision"), rev[3]);
	cr_assert_str_eq(pl_jstr(json_array_get(h, 1), "revision"), rev[2]);
	json_decref(h);

	/* No history of a page that does not exist, or of no page at all. */
	cr_assert_eq(status_of(srv, "/api/probe11/geschiedenis/bladen/it-nergens"), 404);
	cr_assert_eq(status_of(srv, "/api/probe11/geschiedenis/../werkplaats"), 404);
	wp_ts_stop(srv);
}

/* The author of the newest entry of path's history as a sees it. */
static char *newest_author(const wp_test_server *srv, const wp_ts_auth *a, const char *path)
{
	json_t *h = history_as(srv, a, path, 1);
	char *who = strdup(pl_jstr(json_array_get(h, 0), "author"));

	json_decref(h);
	return who;
}

Test(plugins11, page_history_masks_authors_for_readers_outside_the_team)
{
	wp_test_server *srv = start_probe11();
	wp_ts_auth *outsider = wp_ts_as(srv, "buur", "lezer", "anderteam");
	wp_ts_auth *colleague = wp_ts_as(srv, "collega", "lezer", WP_TS_TESTER_TEAM);
	const char *masked = "bladen/it-anoniem", *open = "bladen/it-open";
	wp_ts_response *r;
	char *who;

	create(srv, masked, "---\ntitel: \"Anoniem\"\nanoniem: true\n---\nx\n", "Anoniem", NULL);
	create(srv, open, "---\ntitel: \"Open\"\nanoniem: false\n---\nx\n", "Open", NULL);
	create(srv, "bladen/it-team",
	       "---\ntitel: \"Team\"\nzichtbaarheid: team\nteam: " WP_TS_TESTER_TEAM "\n---\nx\n",
	       "Team", NULL);

	/* Outside the team: the author's role, not the name. */
	who = newest_author(srv, outsider, masked);
	cr_assert_str_eq(who, "beheerder (naam afgeschermd)");
	free(who);
	/* The team and the author see the name. */
	who = newest_author(srv, colleague, masked);
	cr_assert_str_eq(who, WP_TS_TESTER_DISPLAY);
	free(who);
	who = newest_author(srv, NULL, masked);
	cr_assert_str_eq(who, WP_TS_TESTER_DISPLAY);
	free(who);
	/* A page that does not ask for it is not masked. */
	who = newest_author(srv, outsider, open);
	cr_assert_str_eq(who, WP_TS_TESTER_DISPLAY);
	free(who);
	/* The core's history page masks as page_history does. */
	r = wp_ts_request_as(srv, outsider, "GET", "/geschiedenis/bladen/it-anoniem", NULL, NULL,
			     NULL);
	pl_assert_status(r, 200);
	cr_assert_null(strstr(r->body, WP_TS_TESTER_DISPLAY), "name shown to an outsider");
	cr_assert_not_null(strstr(r->body, "naam afgeschermd"));
	wp_ts_response_free(r);
	/* A page the outsider may not read has no history for them. */
	r = wp_ts_request_as(srv, outsider, "GET", "/api/probe11/geschiedenis/bladen/it-team", NULL,
			     NULL, NULL);
	pl_assert_status(r, 404);
	cr_assert_null(strstr(r->body, WP_TS_TESTER_DISPLAY));
	wp_ts_response_free(r);
	wp_ts_auth_free(outsider);
	wp_ts_auth_free(colleague);
	wp_ts_stop(srv);
}

Test(plugins11, page_history_leaves_out_versions_the_reader_could_not_read)
{
	wp_test_server *srv = start_probe11();
	wp_ts_auth *outsider = wp_ts_as(srv, "buur", "lezer", "anderteam");
	const char *path = "bladen/it-eerst-team";
	char rev[3][WP_TS_OID_HEX];
	json_t *h;

	create(srv, path,
	       "---\ntitel: \"Eerst\"\nzichtbaarheid: team\nteam: " WP_TS_TESTER_TEAM "\n---\nx\n",
	       "Voor het team", rev[0]);
	edit(srv, path, "---\ntitel: \"Nu\"\nzichtbaarheid: ingelogd\n---\nx\n", "Voor iedereen",
	     rev[1]);
	edit(srv, path, "---\ntitel: \"Later\"\nzichtbaarheid: ingelogd\n---\ny\n", "Nog eens",
	     rev[2]);
	h = history_as(srv, NULL, path, 0);
	cr_assert_eq(json_array_size(h), 3, "team: %s", json_dumps(h, 0));
	json_decref(h);
	h = history_as(srv, outsider, path, 0);
	cr_assert_eq(json_array_size(h), 2, "outsider: %s", json_dumps(h, 0));
	cr_assert_str_eq(pl_jstr(json_array_get(h, 0), "revision"), rev[2]);
	cr_assert_str_eq(pl_jstr(json_array_get(h, 1), "revision"), rev[1]);
	json_decref(h);
	/* The limit counts what the reader may see. */
	h = history_as(srv, outsider, path, 3);
	cr_assert_eq(json_array_size(h), 2);
	json_decref(h);
	wp_ts_auth_free(outsider);
	wp_ts_stop(srv);
}

/* ---- send_text, slug, url_encode ---- */

Test(plugins11, send_text_answers_csv_offered_as_a_download)
{
	wp_test_server *srv = start_probe11();
	wp_ts_response *r = wp_ts_get(srv, "/probe11/csv?naam=bladen.csv");
	const char *ct = wp_ts_header(r, "Content-Type"), *cd;

	pl_assert_status(r, 200);
	cr_assert_str_eq(ct ? ct : "-", "text/csv; charset=utf-8");
	cd = wp_ts_header(r, "Content-Disposition");
	cr_assert_str_eq(cd ? cd : "-", "attachment; filename=\"bladen.csv\"");
	cr_assert_eq(r->body_len, strlen(CSV_BODY));
	cr_assert_str_eq(r->body, CSV_BODY);
	wp_ts_response_free(r);

	/* Without a file name: shown, not downloaded. */
	r = wp_ts_get(srv, "/probe11/csv");
	pl_assert_status(r, 200);
	cr_assert_null(wp_ts_header(r, "Content-Disposition"));
	cr_assert_str_eq(r->body, CSV_BODY);
	wp_ts_response_free(r);

	/* A name that would break out of the header is not sent. */
	r = wp_ts_get(srv, "/probe11/csv?naam=x.csv%22%0D%0ASet-Cookie:%20wp_session=vals");
	cr_assert_neq(r->status, 200, "sent with a bad name");
	cr_assert_null(wp_ts_header(r, "Set-Cookie"), "header injected");
	cd = wp_ts_header(r, "Content-Disposition");
	cr_assert_null(cd, "bad name offered: %s", cd);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* slug and url_encode of s (with the slug also into n bytes, 0: 128). */
static json_t *slug_of(const wp_test_server *srv, const char *s_encoded, int n)
{
	char *url = n ? wp_ts_fmt("/api/probe11/slug?s=%s&n=%d", s_encoded, n)
		      : wp_ts_fmt("/api/probe11/slug?s=%s", s_encoded);
	json_t *j = pl_get_json(srv, url);

	free(url);
	return j;
}

Test(plugins11, slug_and_url_encode_give_what_the_header_says)
{
	wp_test_server *srv = start_probe11();
	char longer[201];
	json_t *j;

	/* "Één Café!" */
	j = slug_of(srv, "%C3%89%C3%A9n%20Caf%C3%A9%21", 0);
	cr_assert_str_eq(pl_jstr(j, "slug"), "een-cafe");
	cr_assert_str_eq(pl_jstr(j, "url"), "%C3%89%C3%A9n%20Caf%C3%A9%21");
	json_decref(j);
	/* Into 5 bytes: whole letters, no dash at the end. */
	j = slug_of(srv, "%C3%89%C3%A9n%20Caf%C3%A9%21", 5);
	cr_assert_str_eq(pl_jstr(j, "kort"), "een");
	json_decref(j);
	/* Runs of anything else are one dash, none at either end. */
	j = slug_of(srv, "%20%20--Hallo%20%20%20W%C3%ABreld_2026--%20", 0);
	cr_assert_str_eq(pl_jstr(j, "slug"), "hallo-wereld-2026");
	json_decref(j);
	j = slug_of(srv, "%21%3F%21", 0);
	cr_assert_str_eq(pl_jstr(j, "slug"), "");
	cr_assert_str_eq(pl_jstr(j, "url"), "%21%3F%21");
	json_decref(j);
	/* At most 60 bytes. */
	memset(longer, 'a', 200);
	longer[200] = '\0';
	j = slug_of(srv, longer, 0);
	cr_assert_eq(strlen(pl_jstr(j, "slug")), 60);
	json_decref(j);
	/* A query value keeps nothing that means something in a URL. */
	j = slug_of(srv, "a%2Fb%3Fc%3Dd%26e%2Bf%23g", 0);
	cr_assert_str_eq(pl_jstr(j, "url"), "a%2Fb%3Fc%3Dd%26e%2Bf%23g");
	cr_assert_str_eq(pl_jstr(j, "slug"), "a-b-c-d-e-f-g");
	json_decref(j);
	wp_ts_stop(srv);
}

/* ---- static files ---- */

Test(plugins11, static_files_of_a_plugin_are_served_and_nothing_outside_them)
{
	wp_test_server *srv = start_probe11();
	char *want = wp_ts_read_file(WP_SOURCE_DIR "/tests/plugins/probe11/static/probe.txt");
	const char *bad[] = { "/static/probe11/../probe11.c",
			      "/static/probe11/..%2fprobe11.c",
			      "/static/probe11/%2e%2e/probe11.c",
			      "/static/probe11/%2e%2e%2fprobe11.c",
			      "/static/probe11/.%2e/.%2e/probe11/probe11.c",
			      "/static/probe11/.probe.txt",
			      "/static/probe11/sub/probe.txt",
			      NULL };
	wp_ts_response *r;
	const char *cc;
	size_t i;

	cr_assert_not_null(want);
	/* Visitors get them too: a theme may link them on any page. */
	wp_ts_use(srv, NULL);
	r = wp_ts_get(srv, "/static/probe11/probe.txt");
	pl_assert_status(r, 200);
	cr_assert_str_eq(r->body, want);
	cc = wp_ts_header(r, "Cache-Control");
	cr_assert(cc && strstr(cc, "max-age="), "Cache-Control: %s", cc ? cc : "-");
	/* Not fingerprinted, so not immutable. */
	cr_assert_null(strstr(cc, "immutable"), "Cache-Control: %s", cc);
	/* Shown, not downloaded (the answer carries nosniff). */
	cr_assert_str_eq(wp_ts_header(r, "Content-Type"), "text/plain; charset=utf-8");
	wp_ts_response_free(r);

	cr_assert_eq(status_of(srv, "/static/probe11/bestaat-niet.txt"), 404);
	cr_assert_eq(status_of(srv, "/static/onbekend/probe.txt"), 404);
	for (i = 0; bad[i]; i++) {
		r = wp_ts_raw_request(srv, "GET", bad[i]);
		cr_assert(r->status >= 400 && r->status < 500, "%s: %ld", bad[i], r->status);
		cr_assert_null(strstr(r->body, "wp_plugin_init"), "%s served source", bad[i]);
		wp_ts_response_free(r);
	}
	free(want);
	wp_ts_stop(srv);
}

#else

/* Built without the test plugins (tests/plugins/CMakeLists.txt not
 * added): nothing to test here. */

#endif
