/* Integration tests of the regio team's dashboard over HTTP, against the
 * real server with the demo content: the ranking and its counts (checked
 * against a count made from the git repository itself), the filters and
 * their refusals, visibility, the min_verhalen rule, and the exports (CSV,
 * JSON, Atom) and the charts. Pages a test writes are named it-*. */
#include "server.h"

#include <criterion/criterion.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>

#define TEAM  "wijkteam-noord"
#define OTHER "wijkteam-zuid"

static wp_test_server *srv;
static wp_ts_auth *prof, *stranger;

static void start(void)
{
	wp_ts_opts o = WP_TS_OPTS_INIT;

	/* Every demo error has fewer than three stories: count them all here. */
	o.config = "{\"plugin_config\": {\"systeemfout\": {\"min_verhalen\": 0}}}";
	srv = wp_ts_start(&o);
	prof = wp_ts_as(srv, "melder", "professional", TEAM);
	stranger = wp_ts_as(srv, "sven", "professional", OTHER);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(stranger);
	prof = stranger = NULL;
}

/* The same timeout as the other suites of this binary (Criterion leaks when
 * timeouts are mixed). */
TestSuite(sf_dashboard, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

static void assert_status(const wp_ts_response *r, long status, const char *what)
{
	cr_assert_eq(r->status, status, "%s: expected %ld, got %ld: %.1500s", what, status,
		     r->status, r->body);
}

static void put_as(const wp_ts_auth *a, const char *path, const char *content)
{
	json_t *j = json_pack("{s:s, s:n, s:s}", "content", content, "base", "message", "Nieuw");
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	assert_status(r, 201, path);
	wp_ts_response_free(r);
	json_decref(j);
	free(body);
	free(url);
}

static json_t *api_as(const wp_ts_auth *a, const char *query)
{
	char *url = wp_ts_fmt("/api/dashboard%s", query);
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
	json_t *j;

	assert_status(r, 200, url);
	j = wp_ts_json(r);
	wp_ts_response_free(r);
	free(url);
	return j;
}

static json_t *api(const char *query)
{
	return api_as(wp_ts_default_auth(srv), query);
}

/* The entry of error path in a dashboard answer, or NULL. */
static json_t *entry(const json_t *dash, const char *path)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(dash, "systeemfouten"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "path")), path) == 0)
			return e;
	return NULL;
}

static json_int_t num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* ---- counting from git ---- */

/* The value of "key: value" in front matter fm (quotes dropped), malloc'd, or
 * NULL; with list set, the items of "key:\n  - a\n  - b" or "key: [a, b]"
 * appended to list instead. */
static char *fm_value(const char *fm, const char *key, json_t *list)
{
	char *want = wp_ts_fmt("\n%s:", key), *out = NULL;
	const char *p = strstr(fm, want), *end;

	if (p) {
		p += strlen(want);
		while (*p == ' ')
			p++;
		end = p + strcspn(p, "\n");
		if (list && end == p) { /* a block list */
			while (strncmp(end, "\n  - ", 5) == 0) {
				const char *s = end + 5, *e = s + strcspn(s, "\n");

				json_array_append_new(list, json_stringn(s, (size_t)(e - s)));
				end = e;
			}
		} else if (list && *p == '[') {
			char *items = strndup(p + 1, (size_t)(end - p - 1)), *save = NULL, *t;

			for (t = strtok_r(items, ",]", &save); t; t = strtok_r(NULL, ",]", &save)) {
				while (*t == ' ')
					t++;
				if (*t)
					json_array_append_new(list, json_string(t));
			}
			free(items);
		} else if (!list) {
			if (*p == '"' && end > p + 1 && end[-1] == '"')
				out = strndup(p + 1, (size_t)(end - p - 2));
			else
				out = strndup(p, (size_t)(end - p));
		} else {
			json_array_append_new(list, json_stringn(p, (size_t)(end - p)));
		}
	}
	free(want);
	return out;
}

/* The file names (without .md) of folder at HEAD of the bare repository. */
static json_t *repo_list(const char *folder)
{
	char *dir = wp_ts_fmt("%s/repo.git", wp_ts_data_dir(srv)),
	     *spec = wp_ts_fmt("HEAD:%s", folder);
	git_repository *repo = NULL;
	git_object *obj = NULL;
	json_t *out = json_array();
	size_t i;

	git_libgit2_init();
	cr_assert_eq(git_repository_open_bare(&repo, dir), 0);
	cr_assert_eq(git_revparse_single(&obj, repo, spec), 0, "%s", spec);
	for (i = 0; i < git_tree_entrycount((git_tree *)obj); i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex((git_tree *)obj, i));
		size_t n = strlen(name);

		if (n > 3 && strcmp(name + n - 3, ".md") == 0)
			json_array_append_new(out, json_stringn(name, n - 3));
	}
	git_object_free(obj);
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(dir);
	free(spec);
	return out;
}

static char *repo_page(const char *folder, const char *slug)
{
	char *spec = wp_ts_fmt("HEAD:%s/%s.md", folder, slug);
	char *c = wp_ts_repo_file(wp_ts_data_dir(srv), spec);

	cr_assert_not_null(c, "%s", spec);
	free(spec);
	return c;
}

static void add_unique(json_t *set, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach(set, i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return;
	json_array_append_new(set, json_string(s));
}

/* Non-zero when a reader of team may read the page with front matter c
 * (the demo has ingelogd and team pages). */
static int readable(const char *c, const char *team)
{
	char *vis = fm_value(c, "zichtbaarheid", NULL), *t = fm_value(c, "team", NULL);
	int ok = !vis || strcmp(vis, "team") != 0 || (t && strcmp(t, team) == 0);

	free(vis);
	free(t);
	return ok;
}

/* {"<error slug>": {"olifantenpaden": n, "verhalen": [slugs]}} from git, as
 * a reader of team may see them. */
static json_t *count_from_git(const char *team)
{
	json_t *errors = repo_list("systeemfouten"), *paths = repo_list("olifantenpaden");
	json_t *stories = repo_list("verhalen"), *out = json_object(), *v, *w;
	size_t i, j;

	json_array_foreach(errors, i, v)
		json_object_set_new(out, json_string_value(v),
				    json_pack("{s:i, s:[]}", "olifantenpaden", 0, "verhalen"));
	json_array_foreach(paths, i, v) {
		char *c = repo_page("olifantenpaden", json_string_value(v));
		char *fout = fm_value(c, "systeemfout", NULL);
		json_t *told = json_array(), *e = fout ? json_object_get(out, fout) : NULL;
		size_t k;

		fm_value(c, "verhalen", told);
		/* A story the reader may not read does not count. */
		for (k = json_array_size(told); k-- > 0;) {
			char *sc =
			    repo_page("verhalen", json_string_value(json_array_get(told, k)));

			if (!readable(sc, team))
				json_array_remove(told, k);
			free(sc);
		}
		if (e && readable(c, team)) {
			json_object_set_new(e, "olifantenpaden",
					    json_integer(num(e, "olifantenpaden") + 1));
			json_array_foreach(told, j, w)
				add_unique(json_object_get(e, "verhalen"), json_string_value(w));
		}
		json_decref(told);
		free(fout);
		free(c);
	}
	json_array_foreach(stories, i, v) {
		char *c = repo_page("verhalen", json_string_value(v));
		json_t *named = json_array();

		if (readable(c, team))
			fm_value(c, "systeemfouten", named);
		json_array_foreach(named, j, w)
			if (json_object_get(out, json_string_value(w)))
				add_unique(
				    json_object_get(json_object_get(out, json_string_value(w)),
						    "verhalen"),
				    json_string_value(v));
		json_decref(named);
		free(c);
	}
	json_decref(errors);
	json_decref(paths);
	json_decref(stories);
	return out;
}

/* ---- tests ---- */

/* Checks the dashboard who (of team) sees against the count made from git. */
static void check_counts(const wp_ts_auth *who, const char *team)
{
	json_t *dash = api_as(who, ""), *git = count_from_git(team), *e, *prev = NULL;
	const char *slug;
	json_t *c;
	size_t i;

	cr_assert_eq(json_array_size(json_object_get(dash, "systeemfouten")), json_object_size(git),
		     "%s", json_dumps(dash, 0));
	json_object_foreach(git, slug, c) {
		char *path = wp_ts_fmt("systeemfouten/%s", slug);

		e = entry(dash, path);
		cr_assert_not_null(e, "%s on the dashboard", path);
		cr_assert_eq(num(e, "olifantenpaden"), num(c, "olifantenpaden"), "%s", path);
		cr_assert_eq(num(e, "verhalen"), /* dashboard vs git */
			     (json_int_t)json_array_size(json_object_get(c, "verhalen")), "%s",
			     path);
		free(path);
	}
	/* Ranked by workarounds + stories, ties by title. */
	json_array_foreach(json_object_get(dash, "systeemfouten"), i, e) {
		if (prev) {
			json_int_t a = num(prev, "olifantenpaden") + num(prev, "verhalen");
			json_int_t b = num(e, "olifantenpaden") + num(e, "verhalen");

			cr_assert(
			    a > b ||
				(a == b &&
				 strcasecmp(json_string_value(json_object_get(prev, "title")),
					    json_string_value(json_object_get(e, "title"))) <= 0),
			    "order at %zu", i);
		}
		prev = e;
	}
	/* The error most workarounds and stories point at comes first. */
	e = json_array_get(json_object_get(dash, "systeemfouten"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(e, "path")),
			 "systeemfouten/verrekening-kleine-inkomsten-participatiewet");
	json_decref(git);
	json_decref(dash);
}

Test(sf_dashboard, ranking_counts_equal_a_count_made_from_git)
{
	/* Tester's team reads no team page of the demo; prof's team does. */
	check_counts(wp_ts_default_auth(srv), "testteam");
	check_counts(prof, TEAM);
}

Test(sf_dashboard, json_has_the_contracted_shape)
{
	json_t *dash = api(""), *e;

	cr_assert(json_is_object(json_object_get(dash, "filters")));
	cr_assert_eq(num(dash, "min_verhalen"), 0);
	cr_assert(json_is_integer(json_object_get(dash, "achtergehouden")));
	cr_assert_eq(json_array_size(json_object_get(dash, "per_status")), 7);
	cr_assert_eq(json_array_size(json_object_get(dash, "per_eigenaar")), 6);
	e = entry(dash, "systeemfouten/indicatie-vervalt-bij-verhuizing");
	cr_assert_not_null(e);
	cr_assert_str_eq(json_string_value(json_object_get(e, "status")), "opgelost");
	cr_assert_str_eq(json_string_value(json_object_get(e, "status_label")), "Opgelost");
	cr_assert_str_eq(json_string_value(json_object_get(e, "eigenaar_label")), "Gemeente");
	cr_assert_eq(json_array_size(json_object_get(e, "wetten")), 2);
	cr_assert(json_is_true(json_object_get(e, "beantwoord")));
	cr_assert_str_eq(json_string_value(json_object_get(e, "terugkoppeling_datum")),
			 "2025-09-18");
	/* Closed: open from gemeld to status_sinds. */
	cr_assert_eq(num(e, "open_dagen"), 129);
	cr_assert_null(json_object_get(e, "_updated"));
	e = entry(dash, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt");
	cr_assert(json_is_false(json_object_get(e, "beantwoord")));
	cr_assert_gt(num(e, "open_dagen"), 600, "still open: counted up to today");
	json_decref(dash);
	{
		wp_ts_response *r = wp_ts_get(srv, "/dashboard/export.json");

		assert_status(r, 200, "export.json");
		cr_assert_not_null(strstr(wp_ts_header(r, "Content-Disposition"), "attachment"));
		json_decref(wp_ts_json(r));
		wp_ts_response_free(r);
	}
}

Test(sf_dashboard, filters_narrow_and_bad_values_give_400)
{
	static const char *const bad[] = {"?eigenaar=koning",	"?status=klaar",
					  "?regio=Atlantis",	"?status=open%20",
					  "?eigenaar=GEMEENTE", "?wet=Grondwet"};
	json_t *d, *e;
	size_t i;

	d = api("?eigenaar=gemeente");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 3);
	json_array_foreach(json_object_get(d, "systeemfouten"), i, e)
		cr_assert_str_eq(json_string_value(json_object_get(e, "eigenaar")), "gemeente");
	cr_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(d, "filters"), "eigenaar")),
	    "gemeente");
	json_decref(d);
	d = api("?status=open");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 4);
	cr_assert_null(entry(d, "systeemfouten/indicatie-vervalt-bij-verhuizing"));
	json_decref(d);
	d = api("?status=herkend");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 1);
	json_decref(d);
	d = api("?wet=Wlz");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 1);
	cr_assert_not_null(entry(d, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt"));
	json_decref(d);
	d = api("?regio=Zuidoost");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 1, "%s",
		     json_dumps(d, 0));
	cr_assert_not_null(entry(d, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt"));
	json_decref(d);
	d = api("?regio=regio%20Zuid&eigenaar=ministerie");
	cr_assert_eq(json_array_size(json_object_get(d, "systeemfouten")), 1);
	json_decref(d);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *a = wp_ts_fmt("/api/dashboard%s", bad[i]),
		     *h = wp_ts_fmt("/dashboard%s", bad[i]);
		wp_ts_response *r = wp_ts_get(srv, a);
		json_t *j;

		assert_status(r, 400, a);
		j = wp_ts_json(r);
		cr_assert(strstr(json_string_value(json_object_get(j, "error")), "Onbekende"), "%s",
			  r->body);
		json_decref(j);
		wp_ts_response_free(r);
		r = wp_ts_get(srv, h);
		assert_status(r, 400, h);
		cr_assert_not_null(strstr(r->body, "Onbekende"));
		wp_ts_response_free(r);
		free(a);
		free(h);
	}
}

Test(sf_dashboard, a_team_page_counts_only_for_its_team)
{
	json_t *d;
	json_int_t before;

	d = api_as(stranger, "");
	before =
	    num(entry(d, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt"), "olifantenpaden");
	json_decref(d);
	put_as(prof, "olifantenpaden/it-teampad",
	       "---\ntitel: \"Het teampad\"\nobstakel: O\noplossing: P\n"
	       "systeemfout: wlz-aanvraag-blokkeert-wmo-respijt\nzichtbaarheid: team\nteam: " TEAM
	       "\n---\nPad.\n");
	put_as(prof, "systeemfouten/it-teamfout",
	       "---\ntitel: \"De teamfout\"\nregeling: R\nzichtbaarheid: team\nteam: " TEAM
	       "\n---\nx\n");
	d = api_as(prof, "");
	cr_assert_eq(
	    num(entry(d, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt"), "olifantenpaden"),
	    before + 1);
	cr_assert_not_null(entry(d, "systeemfouten/it-teamfout"));
	json_decref(d);
	d = api_as(stranger, "");
	cr_assert_eq(
	    num(entry(d, "systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt"), "olifantenpaden"),
	    before);
	cr_assert_null(entry(d, "systeemfouten/it-teamfout"));
	json_decref(d);
	{
		wp_ts_response *r = wp_ts_request_as(srv, stranger, "GET", "/dashboard/feed.atom",
						     NULL, NULL, NULL);

		cr_assert_null(strstr(r->body, "De teamfout"));
		wp_ts_response_free(r);
	}
}

Test(sf_dashboard, csv_is_rfc4180_and_defuses_formulas)
{
	wp_ts_response *r;
	const char *ct, *cd;

	put_as(
	    prof, "systeemfouten/it-formule",
	    "---\ntitel: \"=HYPERLINK(\\\"http://x\\\", \\\"klik, hier\\\")\"\nregeling: \"-1+1\"\n"
	    "eigenaar: regio\n---\nx\n");
	r = wp_ts_get(srv, "/dashboard/export.csv");
	assert_status(r, 200, "csv");
	ct = wp_ts_header(r, "Content-Type");
	cd = wp_ts_header(r, "Content-Disposition");
	cr_assert_not_null(strstr(ct, "text/csv"));
	cr_assert_not_null(strstr(cd, "attachment"));
	cr_assert_not_null(strstr(cd, "systeemfouten.csv"));
	cr_assert(strncmp(r->body, "\"path\",\"titel\",", 15) == 0, "%.200s", r->body);
	cr_assert_eq(wp_ts_count(r->body, "\r\n"), 7, "header + 6 rows: %s", r->body);
	cr_assert_eq(wp_ts_count(r->body, "\n"), 7, "only CRLF line ends");
	cr_assert_not_null(strstr(r->body, "\"'=HYPERLINK(\"\"http://x\"\", \"\"klik, hier\"\")\""),
			   "%s", r->body);
	cr_assert_not_null(strstr(r->body, "\"'-1+1\""));
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/dashboard/export.csv?eigenaar=regio");
	cr_assert_eq(wp_ts_count(r->body, "\r\n"), 3, "%s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/dashboard/export.csv?status=nope");
	assert_status(r, 400, "csv with a bad filter");
	wp_ts_response_free(r);
}

Test(sf_dashboard, page_draws_accessible_svg_charts_beside_tables)
{
	wp_ts_response *r;

	put_as(prof, "systeemfouten/it-escape",
	       "---\ntitel: \"<script>x</script> & co\"\nregeling: R\neigenaar: regio\n---\nx\n");
	r = wp_ts_get(srv, "/dashboard");
	assert_status(r, 200, "dashboard");
	cr_assert_eq(wp_ts_count(r->body, "<svg role=\"img\" aria-labelledby="), 3, "%.4000s",
		     r->body);
	cr_assert_eq(wp_ts_count(r->body, "<title id="), 3);
	cr_assert_eq(wp_ts_count(r->body, "<table class=\"sf-chart-data\">"), 3);
	cr_assert_null(strstr(r->body, "<script>x"));
	cr_assert_not_null(strstr(r->body, "&lt;script&gt;x"));
	cr_assert_not_null(strstr(r->body, "href=\"/dashboard\""), "navigation entry");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, NULL, "GET", "/dashboard", NULL, NULL, NULL);
	assert_status(r, 303, "a visitor logs in first");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, NULL, "GET", "/api/dashboard", NULL, NULL, NULL);
	cr_assert(r->status == 401 || r->status == 403, "%ld", r->status);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/dashboard/bestaat-niet");
	assert_status(r, 404, "unknown route");
	wp_ts_response_free(r);
}

Test(sf_dashboard, atom_feed_lists_escaped_entries_newest_first)
{
	wp_ts_response *r;
	const char *a, *b;

	put_as(prof, "systeemfouten/it-nieuwste",
	       "---\ntitel: \"Nieuwste <fout> & zo\"\nregeling: R\neigenaar: regio\n---\nx\n");
	r = wp_ts_get(srv, "/dashboard/feed.atom");
	assert_status(r, 200, "feed");
	cr_assert_not_null(strstr(wp_ts_header(r, "Content-Type"), "application/atom+xml"));
	cr_assert(strncmp(r->body, "<?xml", 5) == 0);
	cr_assert_not_null(strstr(r->body, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	cr_assert_eq(wp_ts_count(r->body, "<entry>"), 6, "%s", r->body);
	cr_assert_eq(wp_ts_count(r->body, "<entry>"), wp_ts_count(r->body, "</entry>"));
	cr_assert_not_null(strstr(r->body, "Nieuwste &lt;fout&gt; &amp; zo"));
	cr_assert_null(strstr(r->body, "<fout>"));
	a = strstr(r->body, "<entry>");
	b = strstr(r->body, "urn:werkplaats:systeemfouten/it-nieuwste");
	cr_assert(a && b && b < strstr(a + 1, "</entry>"), "newest first");
	cr_assert_not_null(strstr(r->body, "<updated>20"));
	wp_ts_response_free(r);
}

Test(sf_dashboard, min_verhalen_holds_back_an_error_outside_its_team)
{
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *other;
	wp_ts_auth *mine, *outsider;
	wp_ts_response *r;
	json_t *j, *body;
	char *text;

	o.config = "{\"plugin_config\": {\"systeemfout\": {\"min_verhalen\": 2}}}";
	other = wp_ts_start(&o);
	mine = wp_ts_as(other, "mila", "professional", TEAM);
	outsider = wp_ts_as(other, "otto", "regioteam", OTHER);
	body = json_pack("{s:s, s:n, s:s}", "content",
			 "---\ntitel: \"Jonge fout\"\nregeling: R\neigenaar: regio\n---\nx\n",
			 "base", "message", "Nieuw");
	text = json_dumps(body, 0);
	r = wp_ts_request_as(other, mine, "PUT", "/api/pages/systeemfouten/it-jong", text,
			     "application/json", NULL);
	assert_status(r, 201, "a new error");
	wp_ts_response_free(r);
	r = wp_ts_request_as(other, outsider, "GET", "/api/dashboard", NULL, NULL, NULL);
	j = wp_ts_json(r);
	cr_assert_eq(num(j, "min_verhalen"), 2);
	cr_assert_null(entry(j, "systeemfouten/it-jong"), "held back for another team");
	/* Demo errors with one story are held back too; two stories is enough. */
	cr_assert_null(entry(j, "systeemfouten/indicatie-vervalt-bij-verhuizing"));
	cr_assert_not_null(entry(j, "systeemfouten/losse-intakes-schuldhulp-en-jeugdhulp"));
	cr_assert_geq(num(j, "achtergehouden"), 2);
	json_decref(j);
	wp_ts_response_free(r);
	r = wp_ts_request_as(other, outsider, "GET", "/dashboard/feed.atom", NULL, NULL, NULL);
	cr_assert_null(strstr(r->body, "Jonge fout"));
	wp_ts_response_free(r);
	r = wp_ts_request_as(other, mine, "GET", "/api/dashboard", NULL, NULL, NULL);
	j = wp_ts_json(r);
	cr_assert_not_null(entry(j, "systeemfouten/it-jong"), "the reporter's team sees it");
	json_decref(j);
	wp_ts_response_free(r);
	r = wp_ts_request_as(other, outsider, "GET", "/dashboard", NULL, NULL, NULL);
	cr_assert_not_null(strstr(r->body, "data-count=\"achtergehouden\""));
	wp_ts_response_free(r);
	json_decref(body);
	free(text);
	wp_ts_auth_free(mine);
	wp_ts_auth_free(outsider);
	wp_ts_stop(other);
}
