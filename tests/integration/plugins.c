/* Integration tests of the plugin API itself (server/plugin.h), through
 * HTTP and the command line against the real server: the core without
 * plugins, start-up refusals for broken plugins, schemas, the on_save,
 * render, route, navigation, section and index hooks, guarded fields and
 * visibility in the request services. The plugins are the test-only ones
 * of tests/plugins/ (built into WP_TEST_PLUGIN_DIR); "probe" uses every
 * hook once. */
#include "plugin.h"
#include "plugins_support.h"
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef WP_TEST_PLUGIN_DIR

#define DEMO_STORY "verhalen/schuld-eerst-of-het-kind"
#define DEFAULT_TYPES "verhaal", "perspectief", "dilemma", "gesprek", "olifantenpad", "systeemfout"

/* A proef page with every field right, apart from verwijzing (added by
 * the tests that create its target). */
#define PROEF_FM                                                                           \
	"titel: \"Proef een\"\nsamenvatting: \"Twee\\nregels\"\nsoort: klein\n"            \
	"thema: vroeg-signaleren\nmaand: \"2024-05\"\ndatum: \"2024-05-17\"\naantal: 3\n" \
	"actief: true\nlabels:\n  - eerste\n  - tweede\ndetails:\n  naam: Kern\n"          \
	"  toelichting: \"Iets\"\nfase: open\n"
#define PROEF_OK "---\n" PROEF_FM "---\nTekst van proef een met het woord kwartelkoning.\n"

/* Every field of the proef schema wrong at once, and the fields named. */
#define PROEF_BAD_FM                                                                        \
	"titel: \"\"\nsoort: middel\nthema:\n  - a\n  - b\nmaand: \"2024-05-17\"\n"             \
	"datum: \"2024-02-30\"\naantal: veel\nactief: misschien\nverwijzing: bestaat-niet\n" \
	"verwant:\n  - verhalen/iets\nlabels:\n  sleutel: waarde\ndetails: \"geen object\"\n"
static const char *const bad_fields[] = { "titel",   "soort",	   "thema",  "maand",
					  "datum",   "aantal",	   "actief", "verwijzing",
					  "verwant", "labels",	   "details", NULL };

/* ---- the root folder: themes, content and the test plugins' templates ---- */

/* The server finds a plugin's templates and static files under
 * <root>/plugins/<name>/; probe's live in tests/plugins/ (wp_ts_plugin_root()).
 * Set by the suites' init. */
static char *root_dir;

static void make_root(void)
{
	root_dir = wp_ts_plugin_root("probe");
}

static void drop_root(void)
{
	wp_ts_plugin_root_drop(root_dir);
	root_dir = NULL;
}

/* ---- helpers ---- */

/* A server with the demo content and plugins (a JSON list) from the test
 * plugin folder; extra: more config keys ("\"k\": v"), or NULL. */
static wp_test_server *start_with(const char *plugins, const char *extra)
{
	char *cfg = wp_ts_fmt("{\"plugin_dir\": \"%s\", \"plugins\": %s%s%s}",
			      WP_TEST_PLUGIN_DIR, plugins, extra ? ", " : "", extra ? extra : "");
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;

	o.config = cfg;
	srv = wp_ts_start(&o);
	free(cfg);
	return srv;
}

static wp_test_server *start_probe(void)
{
	return start_with("[\"probe\"]", NULL);
}

static void assert_html(const wp_ts_response *r, long status)
{
	const char *ct = wp_ts_header(r, "Content-Type");

	pl_assert_status(r, status);
	cr_assert(ct && strstr(ct, "text/html"), "not HTML but %s", ct ? ct : "-");
}

/* The problem about field in problems (field NULL: one without a field),
 * or NULL. */
static const json_t *problem_of(const json_t *problems, const char *field)
{
	const json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const json_t *f = json_object_get(p, "field");

		if (field ? json_is_string(f) && strcmp(json_string_value(f), field) == 0
			  : (!f || json_is_null(f)))
			return p;
	}
	return NULL;
}

/* Asserts r is 400 {"error", "problems"} with a problem (and a message)
 * for each of fields; returns the problems (caller decrefs). */
static json_t *assert_problems(const wp_ts_response *r, const char *const *fields)
{
	json_t *j, *problems;
	size_t i;

	pl_assert_json(r, 400);
	j = wp_ts_json(r);
	cr_assert(pl_jstr(j, "error")[0] && strcmp(pl_jstr(j, "error"), "<missing>") != 0,
		  "no error text: %s", r->body);
	problems = json_incref(json_object_get(j, "problems"));
	json_decref(j);
	cr_assert(json_is_array(problems), "no problems list: %s", r->body);
	for (i = 0; fields && fields[i]; i++) {
		const json_t *p = problem_of(problems, fields[i]);

		cr_assert_not_null(p, "no problem for field %s in %s", fields[i], r->body);
		cr_assert_gt(strlen(pl_jstr(p, "message")), 0, "empty message for %s", fields[i]);
	}
	return problems;
}

/* PUT /api/pages/path as a (NULL: the current credentials) with base
 * (NULL: a new page). */
static wp_ts_response *put_as(const wp_test_server *srv, const wp_ts_auth *a, const char *path,
			      const char *content, const char *base)
{
	json_t *j = json_pack("{s:s, s:s?, s:s}", "content", content, "base", base, "message",
			      "Proefbewerking");
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r;

	r = a ? wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL)
	      : wp_ts_put_json(srv, url, body);
	json_decref(j);
	free(body);
	free(url);
	return r;
}

/* Creates page path with content (must answer 201). */
static void create(const wp_test_server *srv, const char *path, const char *content)
{
	wp_ts_response *r = wp_ts_api_put(srv, path, content, NULL, "Proefpagina");

	pl_assert_status(r, 201);
	wp_ts_response_free(r);
}

/* The file of page path at spec ("HEAD", "HEAD~1"), or NULL. Caller frees. */
static char *file_at(const wp_test_server *srv, const char *spec, const char *path)
{
	char *s = wp_ts_fmt("%s:%s.md", spec, path);
	char *content = wp_ts_repo_file(wp_ts_data_dir(srv), s);

	free(s);
	return content;
}

/* Whether the JSON list rows holds an object whose key is value. */
static int rows_have(const json_t *rows, const char *key, const char *value)
{
	const json_t *row;
	size_t i;

	json_array_foreach(rows, i, row)
		if (strcmp(pl_jstr(row, key), value) == 0)
			return 1;
	return 0;
}

/* ---- the core without plugins ---- */

TestSuite(plugins_none, .init = make_root, .fini = drop_root);

Test(plugins_none, core_runs_without_any_plugin)
{
	wp_test_server *srv = start_with("[]", NULL);
	const char *types[] = { DEFAULT_TYPES, NULL };
	wp_ts_response *r;
	json_t *j;
	size_t i;

	j = pl_get_json(srv, "/api/pages/" DEMO_STORY);
	cr_assert_str_eq(pl_jstr(j, "type"), "pagina", "a story is a plain page without plugins");
	json_decref(j);
	/* A date the verhaal schema would refuse: no schema holds it now. */
	create(srv, "verhalen/it-kaal",
	       "---\ntitel: \"Kale pagina\"\ndatum: \"2024-05-17\"\n---\nHet woord ijsvogeltje.\n");
	r = wp_ts_get(srv, "/verhalen/it-kaal");
	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, "ijsvogeltje"));
	cr_assert_null(strstr(r->body, "probe-merk"));
	wp_ts_response_free(r);
	j = pl_get_json(srv, "/api/search?q=ijsvogeltje");
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 1, "search: %s",
		     json_dumps(j, 0));
	cr_assert_str_eq(pl_jstr(json_array_get(json_object_get(j, "results"), 0), "path"),
			 "verhalen/it-kaal");
	json_decref(j);
	r = wp_ts_get(srv, "/");
	assert_html(r, 200);
	for (i = 0; types[i]; i++) {
		char *href = wp_ts_fmt("href=\"/type/%s\"", types[i]);

		cr_assert_null(strstr(r->body, href), "navigation names %s without plugins", href);
		free(href);
	}
	cr_assert_null(strstr(r->body, "href=\"/proef\""));
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/api/proef");
	pl_assert_status(r, 404);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* ---- start-up refusals ---- */

TestSuite(plugins_start, .init = make_root, .fini = drop_root);

/* A fresh data folder (in a new temp folder *tmp) whose werkplaats.json
 * sets "plugins" to plugins (JSON) and "plugin_dir" to the test plugins.
 * Caller frees both and removes *tmp. */
static char *refusing_data(char **tmp, const char *plugins)
{
	char *data, *file;
	const char *init[] = { "init", "--data", NULL, NULL };
	wp_ts_run_result *r;
	json_t *cfg, *list = json_loads(plugins, JSON_DECODE_ANY, NULL);

	*tmp = wp_ts_tmpdir();
	data = wp_ts_fmt("%s/data", *tmp);
	file = wp_ts_fmt("%s/werkplaats.json", data);
	init[2] = data;
	r = wp_ts_run(init);
	cr_assert_eq(r->exit_code, 0, "init: %s", r->err);
	wp_ts_run_free(r);
	cfg = json_load_file(file, 0, NULL);
	cr_assert(cfg && list, "config or %s", plugins);
	json_object_set_new(cfg, "plugin_dir", json_string(WP_TEST_PLUGIN_DIR));
	json_object_set_new(cfg, "plugins", list);
	cr_assert_eq(json_dump_file(cfg, file, JSON_INDENT(2)), 0);
	json_decref(cfg);
	free(file);
	return data;
}

/* Runs verb (serve, or another verb that loads the plugins) with plugins
 * (see refusing_data): it must exit non-zero (not crash) with every text
 * of want on stderr. */
static void assert_verb_refused(const char *verb, const char *plugins, const char *const *want)
{
	char *tmp, *data = refusing_data(&tmp, plugins);
	const char *args[] = { verb, "--data", data, strcmp(verb, "serve") == 0 ? "--port" : NULL,
			       "0", NULL };
	wp_ts_run_result *r = wp_ts_run(args);
	size_t i;

	cr_assert(r->exit_code > 0, "%s with plugins %s: exit %d\n%s%s", verb, plugins,
		  r->exit_code, r->out, r->err);
	cr_assert_null(strstr(r->out, "Werkplaats draait op"), "started anyway: %s", r->out);
	for (i = 0; want[i]; i++)
		cr_assert_not_null(strstr(r->err, want[i]), "plugins %s: no \"%s\" in: %s", plugins,
				   want[i], r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

static void assert_refused(const char *plugins, const char *const *want)
{
	assert_verb_refused("serve", plugins, want);
}

Test(plugins_start, missing_plugin_stops_the_start)
{
	const char *want[] = { "Plug-in 'bestaatniet'", "ontbreekt", NULL };

	assert_refused("[\"bestaatniet\"]", want);
}

Test(plugins_start, plugin_for_another_api_version_stops_the_start)
{
	char *host = wp_ts_fmt("%d", WP_PLUGIN_API_VERSION);
	const char *want[] = { "Plug-in 'badversion'", host, NULL };
	const char *serve[] = { "serve", "--data", NULL, "--port", "0", NULL };
	wp_ts_run_result *r;
	char *tmp;

	assert_refused("[\"badversion\"]", want);
	/* The host cannot know the plugin's version: the message must not
	 * claim the plugin was made for the host's own. */
	serve[2] = refusing_data(&tmp, "[\"badversion\"]");
	r = wp_ts_run(serve);
	cr_assert_eq(wp_ts_count(r->err, host), 1, "contradictory message: %s", r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free((char *)serve[2]);
	free(host);
}

/* A plugin that needs a newer minor version than the host's (it asks
 * WP_PLUGIN_API_HAS and answers WP_PLUGIN_EVERSION) is refused the same
 * way, with the host's version named. */
Test(plugins_start, plugin_needing_a_newer_minor_api_version_stops_the_start)
{
	char *host = wp_ts_fmt("%d", WP_PLUGIN_API_VERSION);
	const char *want[] = { "Plug-in 'needsnewer'", host, NULL };

	assert_refused("[\"needsnewer\"]", want);
	/* Whatever loaded before it changes nothing. */
	assert_refused("[\"probe\", \"needsnewer\"]", want);
	free(host);
}

Test(plugins_start, plugin_without_entry_point_stops_the_start)
{
	const char *want[] = { "Plug-in 'noentry'", "wp_plugin_init", NULL };

	assert_refused("[\"noentry\"]", want);
}

Test(plugins_start, failing_init_stops_the_start_with_its_message)
{
	const char *want[] = { "Plug-in 'failinit'", "de proefinstelling 'sleutel' ontbreekt",
			       NULL };

	assert_refused("[\"failinit\"]", want);
	/* A plugin that loaded fine before it changes nothing. */
	assert_refused("[\"probe\", \"failinit\"]", want);
}

Test(plugins_start, route_on_a_core_page_stops_the_start)
{
	const char *want[] = { "Plug-in 'badroute'", "/zoeken", NULL };

	assert_refused("[\"badroute\"]", want);
}

/* A route on a type's folder would make every page of the type
 * unreachable. (reindex loads the plugins as serve does, and does not
 * keep running when the plugin is wrongly taken.) */
Test(plugins_start, route_on_a_type_folder_stops_the_start)
{
	const char *want[] = { "Plug-in 'folderroute'", "/mappen", NULL };

	assert_verb_refused("reindex", "[\"folderroute\"]", want);
}

Test(plugins_start, plugin_listed_twice_stops_the_start)
{
	const char *want[] = { "Plug-in 'probe'", "twee keer", NULL };

	assert_refused("[\"probe\", \"probe\"]", want);
}

Test(plugins_start, plugins_not_a_list_of_names_stops_the_start)
{
	const char *want[] = { "\"plugins\"", NULL };

	assert_refused("\"probe\"", want);
	assert_refused("[\"probe\", 7]", want);
}

Test(plugins_start, plugin_name_with_a_path_stops_the_start)
{
	const char *want[] = { "'../probe'", NULL };

	assert_refused("[\"../probe\"]", want);
}

/* ---- schemas ---- */

TestSuite(plugins_schema, .init = make_root, .fini = drop_root);

Test(plugins_schema, api_names_every_bad_field_and_saves_nothing)
{
	wp_test_server *srv = start_probe();
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;
	json_t *problems, *j;

	r = put_as(srv, NULL, "proeven/it-fout", "---\n" PROEF_BAD_FM "---\nTekst.\n", NULL);
	problems = assert_problems(r, bad_fields);
	cr_assert_eq(json_array_size(problems), 11, "one problem per field: %s", r->body);
	j = wp_ts_json(r);
	/* The one-line error names the fields by their Dutch labels. */
	cr_assert_not_null(strstr(pl_jstr(j, "error"), "Maand"), "error: %s", pl_jstr(j, "error"));
	cr_assert_not_null(strstr(pl_jstr(j, "error"), "Verwante proeven"));
	json_decref(j);
	json_decref(problems);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits, "a refused save committed");
	r = wp_ts_get(srv, "/api/pages/proeven/it-fout");
	pl_assert_status(r, 404);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_schema, api_checks_required_sub_fields_list_items_and_links)
{
	wp_test_server *srv = start_probe();
	const char *want[] = { "details.naam", "labels", "verwant", "fase", NULL };
	wp_ts_response *r;
	json_t *problems;

	r = put_as(srv, NULL, "proeven/it-diep",
		   "---\ntitel: \"Diep\"\ndetails:\n  toelichting: \"zonder naam\"\n"
		   "labels:\n  - goed\n  - [genest]\nverwant:\n  - bestaat-niet\n"
		   "fase: gesloten\n---\nTekst.\n",
		   NULL);
	problems = assert_problems(r, want);
	cr_assert_null(problem_of(problems, "titel"), "titel is right: %s", r->body);
	cr_assert_not_null(strstr(pl_jstr(problem_of(problems, "fase"), "message"), "goedgekeurd"),
			   "enum message lists the values: %s", r->body);
	json_decref(problems);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_schema, api_takes_a_page_with_every_field_right)
{
	wp_test_server *srv = start_probe();
	json_t *j, *meta;

	create(srv, "proeven/it-doel", "---\ntitel: \"Doel\"\n---\nDoel.\n");
	create(srv, "proeven/it-goed",
	       "---\n" PROEF_FM "verwijzing: it-doel\nverwant:\n  - proeven/it-doel\n---\nTekst.\n");
	j = pl_get_json(srv, "/api/pages/proeven/it-goed");
	cr_assert_str_eq(pl_jstr(j, "type"), "proef");
	meta = json_object_get(j, "meta");
	cr_assert_eq(json_integer_value(json_object_get(meta, "aantal")), 3);
	cr_assert(json_is_true(json_object_get(meta, "actief")));
	cr_assert_str_eq(pl_jstr(json_object_get(meta, "details"), "naam"), "Kern");
	json_decref(j);
	wp_ts_stop(srv);
}

Test(plugins_schema, fields_added_to_core_pages_are_checked)
{
	wp_test_server *srv = start_probe();
	const char *want[] = { "kleur", NULL };
	wp_ts_response *r;
	json_t *problems;

	r = put_as(srv, NULL, "notities/it-kleur", "---\ntitel: \"Kleur\"\nkleur: paars\n---\nx\n",
		   NULL);
	problems = assert_problems(r, want);
	cr_assert_not_null(strstr(pl_jstr(problem_of(problems, "kleur"), "message"), "rood"));
	json_decref(problems);
	wp_ts_response_free(r);
	create(srv, "notities/it-kleur", "---\ntitel: \"Kleur\"\nkleur: rood\n---\nx\n");
	wp_ts_stop(srv);
}

/* Asserts the edit form r came back with 400, a problem list naming each
 * bad field, and the person's text unchanged in both text areas. */
static void assert_form_kept(const wp_ts_response *r, const char *const *fields, const char *fm,
			     const char *body)
{
	char *got_fm = wp_ts_textarea(r->body, "frontmatter");
	char *got_body = wp_ts_textarea(r->body, "body");
	size_t i;

	assert_html(r, 400);
	cr_assert_not_null(strstr(r->body, "class=\"problems\""), "no problem list");
	for (i = 0; fields[i]; i++) {
		char *code = wp_ts_fmt("<code>%s</code>", fields[i]);

		cr_assert_not_null(strstr(r->body, code), "field %s not listed", fields[i]);
		free(code);
	}
	cr_assert_str_eq(got_fm ? got_fm : "<none>", fm, "front matter not kept");
	cr_assert_str_eq(got_body ? got_body : "<none>", body, "body not kept");
	free(got_fm);
	free(got_body);
}

Test(plugins_schema, new_page_form_lists_problems_and_keeps_the_text)
{
	wp_test_server *srv = start_probe();
	const char *body = "Mijn eigen tekst <b>blijft</b> staan 4711.\n";
	const char *f[] = { "path", "proeven/it-formulier", "frontmatter", PROEF_BAD_FM, "body", body,
			    "message", "x", "action", "save", NULL };
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_post_form(srv, "/nieuw", f);

	assert_form_kept(r, bad_fields, PROEF_BAD_FM, body);
	/* Each field with its Dutch label. */
	cr_assert_not_null(strstr(r->body, "<strong>Verwante proeven</strong>"));
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits);
	wp_ts_stop(srv);
}

Test(plugins_schema, edit_form_lists_problems_and_keeps_the_text)
{
	wp_test_server *srv = start_probe();
	const char *fm = "titel: \"Bewerkt\"\naantal: \"drie\"\ndetails:\n  toelichting: x\n";
	const char *body = "Nieuwe tekst die blijft 815.\n";
	const char *want[] = { "aantal", "details.naam", NULL };
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	create(srv, "proeven/it-bewerk", PROEF_OK);
	wp_ts_api_revision(rev, srv, "proeven/it-bewerk");
	{
		const char *f[] = { "path", "proeven/it-bewerk", "base", rev, "frontmatter", fm,
				    "body", body, "message", "x", "action", "save", NULL };

		r = wp_ts_post_form(srv, "/bewerken/proeven/it-bewerk", f);
	}
	assert_form_kept(r, want, fm, body);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/api/pages/proeven/it-bewerk");
	pl_assert_status(r, 200);
	cr_assert_not_null(strstr(r->body, "kwartelkoning"), "the page changed");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_schema, facet_field_is_counted_and_filters_search)
{
	wp_test_server *srv = start_probe();
	json_t *j, *facet;

	create(srv, "proeven/it-facet-a", "---\ntitel: \"A\"\nthema: schulden\n---\nroerdomp\n");
	create(srv, "proeven/it-facet-b", "---\ntitel: \"B\"\nthema: wonen\n---\nroerdomp\n");
	j = pl_get_json(srv, "/api/search?q=roerdomp");
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 2);
	facet = json_object_get(json_object_get(j, "facets"), "thema");
	cr_assert_eq(json_integer_value(json_object_get(facet, "schulden")), 1, "facets: %s",
		     json_dumps(json_object_get(j, "facets"), 0));
	cr_assert_eq(json_integer_value(json_object_get(facet, "wonen")), 1);
	json_decref(j);
	j = pl_get_json(srv, "/api/search?q=roerdomp&thema=wonen");
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 1);
	cr_assert_str_eq(pl_jstr(json_array_get(json_object_get(j, "results"), 0), "path"),
			 "proeven/it-facet-b");
	json_decref(j);
	wp_ts_stop(srv);
}

/* ---- on_save ---- */

TestSuite(plugins_save, .init = make_root, .fini = drop_root);

#define FORBIDDEN_MSG "bevat het woord VERBODEN"

Test(plugins_save, forbidden_word_is_refused_with_the_plugins_message)
{
	wp_test_server *srv = start_probe();
	const char *none[] = { NULL };
	const char *body = "Dit is VERBODEN terrein.\n";
	const char *f[] = { "path", "notities/it-verboden", "frontmatter", "titel: \"V\"", "body",
			    body, "message", "x", "action", "save", NULL };
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;
	json_t *problems, *j;

	r = put_as(srv, NULL, "proeven/it-verboden", "---\ntitel: \"V\"\n---\nDit is VERBODEN.\n",
		   NULL);
	problems = assert_problems(r, none);
	cr_assert_not_null(problem_of(problems, NULL), "no problem without a field: %s", r->body);
	cr_assert_not_null(strstr(pl_jstr(problem_of(problems, NULL), "message"), FORBIDDEN_MSG));
	j = wp_ts_json(r);
	cr_assert_not_null(strstr(pl_jstr(j, "error"), FORBIDDEN_MSG), "error: %s", r->body);
	json_decref(j);
	json_decref(problems);
	wp_ts_response_free(r);
	/* The hook sees every type, the core's plain pages too. */
	r = put_as(srv, NULL, "notities/it-verboden", "---\ntitel: \"V\"\n---\nVERBODEN\n", NULL);
	pl_assert_status(r, 400);
	wp_ts_response_free(r);
	r = wp_ts_post_form(srv, "/nieuw", f);
	assert_html(r, 400);
	cr_assert_not_null(strstr(r->body, FORBIDDEN_MSG), "message not shown");
	{
		char *got = wp_ts_textarea(r->body, "body");

		cr_assert_str_eq(got ? got : "<none>", body);
		free(got);
	}
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits, "a refused save committed");
	wp_ts_stop(srv);
}

Test(plugins_save, hook_enriches_the_saved_front_matter)
{
	wp_test_server *srv = start_probe();
	char *file;
	json_t *j;

	create(srv, "proeven/it-verrijkt", PROEF_OK);
	file = file_at(srv, "HEAD", "proeven/it-verrijkt");
	cr_assert(file && strstr(file, "gecontroleerd: true"), "file: %s", file ? file : "-");
	cr_assert_not_null(strstr(file, "kwartelkoning"), "body lost: %s", file);
	free(file);
	j = pl_get_json(srv, "/api/pages/proeven/it-verrijkt");
	cr_assert(json_is_true(json_object_get(json_object_get(j, "meta"), "gecontroleerd")));
	json_decref(j);
	/* Only proef pages are enriched. */
	create(srv, "notities/it-niet-verrijkt", "---\ntitel: \"N\"\n---\nx\n");
	file = file_at(srv, "HEAD", "notities/it-niet-verrijkt");
	cr_assert(file && !strstr(file, "gecontroleerd"), "file: %s", file ? file : "-");
	free(file);
	wp_ts_stop(srv);
}

Test(plugins_save, hook_adds_a_page_to_the_same_commit)
{
	wp_test_server *srv = start_probe();
	const char *page = "proeven/it-logboek", *log = "proeven/it-logboek-log";
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	char *content, *added, rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	create(srv, page, "---\ntitel: \"Met logboek\"\nlog: true\n---\nTekst.\n");
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 1, "not one commit");
	content = file_at(srv, "HEAD", page);
	added = file_at(srv, "HEAD", log);
	cr_assert_not_null(content);
	cr_assert_not_null(added, "the added page is not in the commit");
	cr_assert_not_null(strstr(added, "Logboek van een proef"), "added: %s", added);
	/* The added page is checked but not passed to the hooks again. */
	cr_assert_null(strstr(added, "gecontroleerd"), "added: %s", added);
	free(content);
	free(added);
	content = file_at(srv, "HEAD~1", page);
	added = file_at(srv, "HEAD~1", log);
	cr_assert(!content && !added, "the pages existed before the commit");
	r = wp_ts_get(srv, "/api/pages/proeven/it-logboek-log");
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	/* A later save with log still on adds nothing. */
	wp_ts_api_revision(rev, srv, page);
	r = wp_ts_api_put(srv, page, "---\ntitel: \"Met logboek 2\"\nlog: true\n---\nTekst.\n", rev,
			  "x");
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 2);
	/* An added page without a base must be new: an existing one is not
	 * overwritten, and the save it came with fails as a whole. */
	create(srv, "proeven/it-bestaand-log", "---\ntitel: \"Er al\"\n---\nx\n");
	commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	r = put_as(srv, NULL, "proeven/it-bestaand", "---\ntitel: \"B\"\nlog: true\n---\nx\n",
		   NULL);
	cr_assert(r->status == 409 || r->status == 400, "status %ld: %s", r->status, r->body);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits, "committed anyway");
	added = file_at(srv, "HEAD", "proeven/it-bestaand-log");
	cr_assert(added && strstr(added, "Er al"), "overwritten: %s", added ? added : "-");
	free(added);
	wp_ts_stop(srv);
}

Test(plugins_save, hooks_run_for_plugin_saves_and_renames)
{
	wp_test_server *srv = start_probe();
	const char *want[] = { "aantal", NULL };
	char rev[WP_TS_OID_HEX], *file;
	wp_ts_response *r;
	json_t *in, *problems;
	char *body;

	in = json_pack("{s:s, s:s}", "pad", "proeven/it-via-plugin", "inhoud", PROEF_OK);
	body = json_dumps(in, 0);
	r = wp_ts_request(srv, "POST", "/api/proef/opslaan", body, "application/json", NULL);
	pl_assert_json(r, 201);
	wp_ts_response_free(r);
	free(body);
	json_decref(in);
	file = file_at(srv, "HEAD", "proeven/it-via-plugin");
	cr_assert(file && strstr(file, "gecontroleerd: true"), "file: %s", file ? file : "-");
	free(file);
	in = json_pack("{s:s, s:s}", "pad", "proeven/it-via-plugin-2", "inhoud",
		       "---\ntitel: \"X\"\naantal: veel\n---\nx\n");
	body = json_dumps(in, 0);
	r = wp_ts_request(srv, "POST", "/api/proef/opslaan", body, "application/json", NULL);
	problems = assert_problems(r, want);
	json_decref(problems);
	wp_ts_response_free(r);
	free(body);
	json_decref(in);
	/* A rename into proeven/ makes a proef page: the hook sees it. */
	create(srv, "notities/it-verhuis", "---\ntitel: \"Verhuis\"\n---\nx\n");
	wp_ts_api_revision(rev, srv, "notities/it-verhuis");
	{
		const char *f[] = { "new_path", "proeven/it-verhuisd", "base", rev, "message", "x",
				    NULL };

		r = wp_ts_post_form(srv, "/hernoemen/notities/it-verhuis", f);
	}
	pl_assert_status(r, 303);
	wp_ts_response_free(r);
	file = file_at(srv, "HEAD", "proeven/it-verhuisd");
	cr_assert(file && strstr(file, "gecontroleerd: true"), "file: %s", file ? file : "-");
	free(file);
	wp_ts_stop(srv);
}

/* plugin.h: on_save runs "by every door (form, API, command line, ...)". */
/* An import brings files in as they are (a restore must not be
 * rewritten): no hook runs, but the schema is checked. */
Test(plugins_save, import_checks_the_schema_but_runs_no_hooks)
{
	wp_test_server *srv = start_probe();
	char *src = wp_ts_tmpdir(), *file;
	const char *args[] = { "import", "--data", wp_ts_data_dir(srv), src, NULL };
	wp_ts_run_result *run;

	wp_ts_write_file(src, "proeven/it-import.md", PROEF_OK);
	run = wp_ts_run(args);
	cr_assert_eq(run->exit_code, 0, "import: %s", run->err);
	wp_ts_run_free(run);
	file = file_at(srv, "HEAD", "proeven/it-import");
	cr_assert(file && !strstr(file, "gecontroleerd"), "import rewrote the file: %s",
		  file ? file : "-");
	free(file);
	wp_ts_write_file(src, "proeven/it-import.md", "---\nkleur: paars\n---\nTekst\n");
	run = wp_ts_run(args);
	cr_assert_neq(run->exit_code, 0, "an import that breaks the schema went in");
	cr_assert_not_null(strcasestr(run->err, "titel"), "%s", run->err);
	wp_ts_run_free(run);
	wp_ts_rmtree(src);
	free(src);
	wp_ts_stop(srv);
}

/* ---- page view, navigation, routes ---- */

TestSuite(plugins_view, .init = make_root, .fini = drop_root);

#define MARK "<p class=\"probe-merk\">Nagekeken door de proefplug-in.</p>"

Test(plugins_view, page_view_has_mark_section_and_nav)
{
	wp_test_server *srv = start_probe();
	wp_ts_response *r;
	json_t *j;
	char *fields;

	create(srv, "proeven/it-weergave", PROEF_OK);
	j = pl_get_json(srv, "/api/pages/proeven/it-weergave");
	fields = wp_ts_fmt("<span class=\"probe-velden\">%zu</span>",
			   json_object_size(json_object_get(j, "meta")));
	json_decref(j);
	r = wp_ts_get(srv, "/proeven/it-weergave");
	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, MARK), "no render mark");
	cr_assert_not_null(strstr(r->body, "class=\"probe-sectie\""), "no section");
	cr_assert_not_null(strstr(r->body, "<h2 id=\"probe-sectie\">Proefsectie</h2>"));
	cr_assert_not_null(strstr(r->body, fields), "section data: want %s", fields);
	cr_assert_not_null(strstr(r->body, "<a href=\"/proef\">Proefoverzicht</a>"), "no nav");
	cr_assert_not_null(strstr(r->body, "href=\"/type/proef\""), "listed type not in nav");
	wp_ts_response_free(r);
	free(fields);
	/* Every page gets the mark; the section is only for proef pages. */
	r = wp_ts_get(srv, "/" DEMO_STORY);
	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, MARK));
	cr_assert_null(strstr(r->body, "probe-sectie"));
	wp_ts_response_free(r);
	/* The entry is for lezer and up: not for a visitor. */
	wp_ts_use(srv, NULL);
	r = wp_ts_get(srv, "/");
	assert_html(r, 200);
	cr_assert_null(strstr(r->body, "href=\"/proef\""), "a visitor sees the entry");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_view, plugin_config_reaches_the_plugin_and_output_stays_escaped)
{
	wp_test_server *srv =
		start_with("[\"probe\"]", "\"plugin_config\": {\"probe\": {\"merk\": \"Eigen <merk> & co\"}}");
	wp_ts_response *r = wp_ts_get(srv, "/" DEMO_STORY);

	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, "<p class=\"probe-merk\">Eigen &lt;merk&gt; &amp; co</p>"),
			   "mark from plugin_config not there, or not escaped");
	cr_assert_null(strstr(r->body, "<merk>"));
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_view, html_route_answers_with_its_template_and_refuses_other_methods)
{
	wp_test_server *srv = start_probe();
	const char *f[] = { "x", "y", NULL };
	const char *allow;
	wp_ts_response *r;

	create(srv, "proeven/it-route", "---\ntitel: \"Proef in de lijst\"\n---\nx\n");
	r = wp_ts_get(srv, "/proef");
	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, "<title>Alle proeven"), "no title from the data");
	cr_assert_not_null(strstr(r->body, "<h1>Alle proeven</h1>"));
	cr_assert_not_null(strstr(r->body, "<a href=\"/proeven/it-route\">Proef in de lijst</a>"));
	cr_assert_not_null(strstr(r->body, "class=\"site-search\""), "not inside the layout");
	wp_ts_response_free(r);
	r = wp_ts_request(srv, "HEAD", "/proef", NULL, NULL, NULL);
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	r = wp_ts_post_form(srv, "/proef", f);
	pl_assert_status(r, 405);
	allow = wp_ts_header(r, "Allow");
	cr_assert(allow && strstr(allow, "GET"), "Allow: %s", allow ? allow : "-");
	cr_assert_null(strstr(allow, "POST"));
	wp_ts_response_free(r);
	r = wp_ts_request(srv, "DELETE", "/proef", NULL, NULL, NULL);
	pl_assert_status(r, 405);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/proef/onbekend");
	assert_html(r, 404);
	wp_ts_response_free(r);
	/* The prefix is a whole segment: /proefje is an ordinary (missing) page. */
	r = wp_ts_get(srv, "/proefje");
	assert_html(r, 404);
	cr_assert_null(strstr(r->body, "<h1>Alle proeven</h1>"));
	wp_ts_response_free(r);
	/* The segment is the plugin's: no page may live under it. */
	r = put_as(srv, NULL, "proef/pagina", "---\ntitel: \"x\"\n---\nx\n", NULL);
	cr_assert(r->status == 400 || r->status == 404, "a page under /proef: %ld", r->status);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(plugins_view, json_route_and_request_services)
{
	wp_test_server *srv = start_probe();
	const char *f[] = { "tekst", "*schuin* [[proeven/it-dienst]]", NULL };
	wp_ts_response *r;
	json_t *j;
	const char *html;

	create(srv, "proeven/it-dienst", "---\ntitel: \"Dienstproef\"\n---\nwulp\n");
	j = pl_get_json(srv, "/api/proef");
	cr_assert(json_is_true(json_object_get(j, "api")));
	cr_assert_eq(json_integer_value(json_object_get(j, "aantal")), 1, "%s", json_dumps(j, 0));
	cr_assert(rows_have(json_object_get(j, "proeven"), "pad", "proeven/it-dienst"));
	json_decref(j);
	r = wp_ts_get(srv, "/api/proef/onbekend");
	pl_assert_json(r, 404);
	wp_ts_response_free(r);
	r = wp_ts_request(srv, "DELETE", "/api/proef", NULL, NULL, NULL);
	pl_assert_json(r, 405);
	cr_assert_not_null(wp_ts_header(r, "Allow"));
	wp_ts_response_free(r);
	j = pl_get_json(srv, "/api/proef/markdown?tekst=**vet**%20%5B%5Bit-dienst%5D%5D%20%3Cscript%3Ex%3C%2Fscript%3E");
	html = pl_jstr(j, "html");
	cr_assert_not_null(strstr(html, "<strong>vet</strong>"), "html: %s", html);
	cr_assert_not_null(strstr(html, "href=\"/proeven/it-dienst\""), "wikilink: %s", html);
	cr_assert_null(strstr(html, "<script>"), "unsafe html: %s", html);
	json_decref(j);
	r = wp_ts_post_form(srv, "/api/proef/markdown", f);
	pl_assert_json(r, 200);
	cr_assert_not_null(strstr(r->body, "<em>schuin</em>"), "form: %s", r->body);
	wp_ts_response_free(r);
	j = pl_get_json(srv, "/api/proef/pagina?pad=it-dienst");
	cr_assert_str_eq(pl_jstr(j, "path"), "proeven/it-dienst");
	cr_assert_str_eq(pl_jstr(j, "type"), "proef");
	cr_assert_str_eq(pl_jstr(j, "title"), "Dienstproef");
	cr_assert_str_eq(pl_jstr(j, "map"), "proeven");
	cr_assert_str_eq(pl_jstr(j, "type_van_pad"), "proef");
	cr_assert_eq(strlen(pl_jstr(j, "revision")), 40, "revision: %s", pl_jstr(j, "revision"));
	json_decref(j);
	r = wp_ts_get(srv, "/api/proef/pagina?pad=bestaat-niet");
	pl_assert_json(r, 404);
	wp_ts_response_free(r);
	j = pl_get_json(srv, "/api/proef/zoeken?q=wulp");
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 1);
	cr_assert(rows_have(json_object_get(j, "results"), "path", "proeven/it-dienst"));
	json_decref(j);
	r = wp_ts_get(srv, "/api/proef/zoeken");
	pl_assert_json(r, 400);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* ---- index extras ---- */

TestSuite(plugins_index, .init = make_root, .fini = drop_root);

/* The probe table as the current credentials read it; caller decrefs. */
static json_t *table(const wp_test_server *srv)
{
	json_t *j = pl_get_json(srv, "/api/proef/tabel");

	cr_assert_eq(json_integer_value(json_object_get(j, "zonder_pagina")), 0,
		     "rows of pages that are gone: %s", json_dumps(j, 0));
	return j;
}

/* The titel of path in the probe table, or NULL; borrowed from t. */
static const char *table_title(const json_t *t, const char *path)
{
	const json_t *row;
	size_t i;

	json_array_foreach(json_object_get(t, "rijen"), i, row)
		if (strcmp(pl_jstr(row, "pad"), path) == 0)
			return pl_jstr(row, "titel");
	return NULL;
}

Test(plugins_index, table_follows_saves_and_deletes)
{
	wp_test_server *srv = start_probe();
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	json_t *t, *j;

	t = table(srv);
	cr_assert_eq(json_array_size(json_object_get(t, "rijen")), 0, "demo has no proeven");
	json_decref(t);
	create(srv, "proeven/it-index", "---\ntitel: \"Eerste titel\"\n---\nx\n");
	create(srv, "notities/it-geen-proef", "---\ntitel: \"Geen proef\"\n---\nx\n");
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/it-index"), "Eerste titel");
	cr_assert_eq(json_array_size(json_object_get(t, "rijen")), 1, "%s", json_dumps(t, 0));
	json_decref(t);
	wp_ts_api_revision(rev, srv, "proeven/it-index");
	r = wp_ts_api_put(srv, "proeven/it-index", "---\ntitel: \"Tweede titel\"\n---\nx\n", rev,
			  "x");
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/it-index"), "Tweede titel");
	json_decref(t);
	/* query_index reads only. */
	j = pl_get_json(srv, "/api/proef/schrijven");
	cr_assert(json_is_true(json_object_get(j, "geweigerd")), "%s", json_dumps(j, 0));
	json_decref(j);
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/it-index"), "Tweede titel");
	json_decref(t);
	wp_ts_api_revision(rev, srv, "proeven/it-index");
	r = wp_ts_api_delete(srv, "proeven/it-index", rev, "weg");
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	t = table(srv);
	cr_assert_eq(json_array_size(json_object_get(t, "rijen")), 0, "%s", json_dumps(t, 0));
	json_decref(t);
	wp_ts_stop(srv);
}

/* A data folder of its own (wp_ts_start's is removed at stop), so one
 * wiki can be served several times with other plugins. */
static char *own_data(char **tmp)
{
	const char *init[] = { "init", "--data", NULL, "--demo", "--content", wp_ts_content_dir(),
			       NULL };
	wp_ts_run_result *r;
	char *data;

	*tmp = wp_ts_tmpdir();
	data = wp_ts_fmt("%s/data", *tmp);
	init[2] = data;
	r = wp_ts_run(init);
	cr_assert_eq(r->exit_code, 0, "init: %s", r->err);
	wp_ts_run_free(r);
	return data;
}

static void set_plugins(const char *data, const char *plugins)
{
	char *file = wp_ts_fmt("%s/werkplaats.json", data);
	json_t *cfg = json_load_file(file, 0, NULL);

	cr_assert_not_null(cfg);
	json_object_set_new(cfg, "plugin_dir", json_string(WP_TEST_PLUGIN_DIR));
	json_object_set_new(cfg, "plugins", json_loads(plugins, 0, NULL));
	cr_assert_eq(json_dump_file(cfg, file, JSON_INDENT(2)), 0);
	json_decref(cfg);
	free(file);
}

/* Imports files (path, content, ..., NULL) into data in one commit. */
static void import(const char *data, const char *const *files)
{
	char *src = wp_ts_tmpdir(), *rel;
	const char *args[] = { "import", "--data", data, src, NULL };
	wp_ts_run_result *r;
	size_t i;

	for (i = 0; files[i]; i += 2) {
		rel = wp_ts_fmt("%s.md", files[i]);
		wp_ts_write_file(src, rel, files[i + 1]);
		free(rel);
	}
	r = wp_ts_run(args);
	cr_assert_eq(r->exit_code, 0, "import: %s", r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(src);
	free(src);
}

/* Serves data (the --data given last wins over wp_ts_start's own folder)
 * to an anonymous visitor. */
static wp_test_server *serve(const char *data)
{
	const char *extra[] = { "--data", data, NULL };
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;

	o.empty = 1;
	o.extra_args = extra;
	srv = wp_ts_start(&o);
	wp_ts_use(srv, NULL);
	return srv;
}

#define OPEN_PROEF(title) "---\ntitel: \"" title "\"\nzichtbaarheid: openbaar\n---\nx\n"

Test(plugins_index, index_is_rebuilt_when_the_plugins_change)
{
	char *tmp, *data = own_data(&tmp);
	const char *first[] = { "proeven/een", OPEN_PROEF("Een"), "proeven/twee",
				OPEN_PROEF("Twee"), NULL };
	const char *second[] = { "proeven/een", OPEN_PROEF("Een herzien"), "proeven/drie",
				 OPEN_PROEF("Drie"), NULL };
	wp_test_server *srv;
	wp_ts_response *r;
	json_t *t;

	set_plugins(data, "[\"probe\"]");
	import(data, first);
	srv = serve(data);
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/een"), "Een");
	cr_assert_str_eq(table_title(t, "proeven/twee"), "Twee");
	json_decref(t);
	wp_ts_stop(srv);

	/* Without the plugin its table is no one's: pages change meanwhile. */
	set_plugins(data, "[]");
	import(data, second);
	srv = serve(data);
	r = wp_ts_get(srv, "/api/proef/tabel");
	pl_assert_status(r, 404);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/proeven/drie");
	assert_html(r, 200);
	wp_ts_response_free(r);
	wp_ts_stop(srv);

	set_plugins(data, "[\"probe\"]");
	srv = serve(data);
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/een"), "Een herzien", "%s", json_dumps(t, 0));
	cr_assert_str_eq(table_title(t, "proeven/twee"), "Twee");
	cr_assert_str_eq(table_title(t, "proeven/drie"), "Drie");
	cr_assert_eq(json_array_size(json_object_get(t, "rijen")), 3);
	json_decref(t);
	wp_ts_stop(srv);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

/* The server runs on; meanwhile an import without the plugin leaves its
 * table behind the pages, and reindex (with the plugin) must set it
 * right: the server reads what reindex wrote. */
Test(plugins_index, reindex_rebuilds_the_table)
{
	wp_test_server *srv = start_probe();
	const char *data = wp_ts_data_dir(srv);
	const char *args[] = { "reindex", "--data", data, NULL };
	const char *change[] = { "proeven/it-een", OPEN_PROEF("Een herzien"), NULL };
	wp_ts_run_result *run;
	json_t *t;

	create(srv, "proeven/it-een", "---\ntitel: \"Een\"\n---\nx\n");
	create(srv, "proeven/it-twee", "---\ntitel: \"Twee\"\n---\nx\n");
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/it-een"), "Een");
	json_decref(t);
	set_plugins(data, "[]");
	import(data, change);
	set_plugins(data, "[\"probe\"]");
	run = wp_ts_run(args);
	cr_assert_eq(run->exit_code, 0, "reindex: %s%s", run->out, run->err);
	wp_ts_run_free(run);
	t = table(srv);
	cr_assert_str_eq(table_title(t, "proeven/it-een"), "Een herzien", "%s", json_dumps(t, 0));
	cr_assert_str_eq(table_title(t, "proeven/it-twee"), "Twee");
	json_decref(t);
	wp_ts_stop(srv);
}

/* ---- rights and visibility ---- */

TestSuite(plugins_access, .init = make_root, .fini = drop_root);

#define GUARD_MSG "Alleen het regioteam keurt een proef goed."
#define PHASE(f) "---\ntitel: \"Fase\"\nfase: " f "\n---\nx\n"

static void assert_guarded(const wp_ts_response *r)
{
	json_t *j;

	pl_assert_json(r, 403);
	j = wp_ts_json(r);
	cr_assert_str_eq(pl_jstr(j, "error"), GUARD_MSG);
	json_decref(j);
}

Test(plugins_access, guarded_field_needs_the_regio_team)
{
	wp_test_server *srv = start_probe();
	wp_ts_auth *prof = wp_ts_as(srv, "prof", "professional", "testteam");
	wp_ts_auth *regio = wp_ts_as(srv, "regio", "regioteam", "testteam");
	const char *path = "proeven/it-fase";
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	r = put_as(srv, prof, path, PHASE("goedgekeurd"), NULL);
	assert_guarded(r);
	wp_ts_response_free(r);
	r = put_as(srv, prof, path, PHASE("open"), NULL);
	pl_assert_status(r, 201);
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, path);
	r = put_as(srv, prof, path, PHASE("goedgekeurd"), rev);
	assert_guarded(r);
	wp_ts_response_free(r);
	r = put_as(srv, regio, path, PHASE("goedgekeurd"), rev);
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	/* Other edits of an approved proef stay open to the professional. */
	wp_ts_api_revision(rev, srv, path);
	r = put_as(srv, prof, path, "---\ntitel: \"Fase 2\"\nfase: goedgekeurd\n---\nx\n", rev);
	pl_assert_status(r, 200);
	wp_ts_response_free(r);
	wp_ts_auth_free(prof);
	wp_ts_auth_free(regio);
	wp_ts_stop(srv);
}

#define TEAM_PAGE                                                                    \
	"---\ntitel: \"Geheime proef\"\nzichtbaarheid: team\nteam: testteam\n"       \
	"thema: verborgen-thema\n---\nDe grutto broedt hier.\n"
#define OPEN_PAGE "---\ntitel: \"Open proef\"\nthema: open-thema\n---\nDe grutto ook.\n"

/* Asserts what the outsider (or the team member, member set) sees through
 * every request service of the probe plugin. */
static void assert_sees(const wp_test_server *srv, const wp_ts_auth *a, int member)
{
	const char *urls[] = { "/api/proef", "/api/proef/tabel", "/api/proef/zoeken?q=grutto",
			       "/api/proef/pagina?pad=it-geheim", "/proef",
			       "/api/proef/markdown?tekst=%5B%5Bproeven%2Fit-geheim%5D%5D", NULL };
	wp_ts_response *r[6];
	json_t *j;
	size_t i;

	for (i = 0; urls[i]; i++)
		r[i] = wp_ts_request_as(srv, a, "GET", urls[i], NULL, NULL, NULL);
	pl_assert_json(r[0], 200);
	j = wp_ts_json(r[0]);
	cr_assert_eq(json_integer_value(json_object_get(j, "aantal")), member ? 2 : 1, "%s",
		     r[0]->body);
	cr_assert_eq(rows_have(json_object_get(j, "proeven"), "pad", "proeven/it-geheim"), member);
	json_decref(j);
	pl_assert_json(r[1], 200);
	cr_assert_eq(strstr(r[1]->body, "it-geheim") != NULL, member, "table: %s", r[1]->body);
	pl_assert_json(r[2], 200);
	j = wp_ts_json(r[2]);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), member ? 2 : 1, "%s",
		     r[2]->body);
	cr_assert_eq(strstr(r[2]->body, "verborgen-thema") != NULL, member, "facets: %s",
		     r[2]->body);
	cr_assert_eq(strstr(r[2]->body, "Geheime proef") != NULL, member);
	json_decref(j);
	pl_assert_json(r[3], member ? 200 : 404);
	assert_html(r[4], 200);
	cr_assert_eq(strstr(r[4]->body, "Geheime proef") != NULL, member);
	/* A link to a page one may not read is a link to a new page. */
	pl_assert_json(r[5], 200);
	j = wp_ts_json(r[5]);
	cr_assert_eq(strstr(pl_jstr(j, "html"), "href=\"/proeven/it-geheim\"") != NULL, member, "%s",
		     r[5]->body);
	json_decref(j);
	for (i = 0; urls[i]; i++)
		wp_ts_response_free(r[i]);
}

Test(plugins_access, request_services_never_show_a_team_page_to_an_outsider)
{
	wp_test_server *srv = start_probe();
	wp_ts_auth *outsider = wp_ts_as(srv, "buiten", "professional", "anderteam");
	wp_ts_auth *member = wp_ts_as(srv, "binnen", "professional", "testteam");
	const char *want[] = { "verwijzing", NULL };
	wp_ts_response *r;
	json_t *problems;

	create(srv, "proeven/it-geheim", TEAM_PAGE);
	create(srv, "proeven/it-open", OPEN_PAGE);
	assert_sees(srv, member, 1);
	assert_sees(srv, outsider, 0);
	/* A page one may not read is no link target either. */
	r = put_as(srv, outsider, "proeven/it-wijst",
		   "---\ntitel: \"Wijst\"\nverwijzing: it-geheim\n---\nx\n", NULL);
	problems = assert_problems(r, want);
	cr_assert_not_null(strstr(pl_jstr(problem_of(problems, "verwijzing"), "message"), "Er is geen"),
			   "%s", r->body);
	json_decref(problems);
	wp_ts_response_free(r);
	/* Nor is it reachable through the plugin's save. */
	{
		json_t *in = json_pack("{s:s, s:s}", "pad", "proeven/it-geheim", "inhoud", OPEN_PAGE);
		char *body = json_dumps(in, 0);

		r = wp_ts_request_as(srv, outsider, "POST", "/api/proef/opslaan", body,
				     "application/json", NULL);
		pl_assert_json(r, 404);
		cr_assert_null(strstr(r->body, "Geheime proef"));
		wp_ts_response_free(r);
		free(body);
		json_decref(in);
	}
	wp_ts_auth_free(outsider);
	wp_ts_auth_free(member);
	wp_ts_stop(srv);
}

/* A plugin's POST route acts for the person: with a session it needs
 * the session's form token like every other change. */
Test(plugins_access, plugin_post_route_with_a_session_needs_the_csrf_token)
{
	wp_test_server *srv = start_probe();
	wp_ts_auth *session = wp_ts_login(srv, WP_TS_TESTER, wp_ts_tester_password(srv));
	wp_ts_auth no_token = { NULL, session->cookie, NULL };
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	json_t *in = json_pack("{s:s, s:s}", "pad", "proeven/it-csrf", "inhoud", PROEF_OK);
	char *body = json_dumps(in, 0);
	wp_ts_response *r;

	r = wp_ts_request_as(srv, &no_token, "POST", "/api/proef/opslaan", body,
			     "application/json", NULL);
	pl_assert_status(r, 403);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits, "saved without a token");
	r = wp_ts_request_as(srv, session, "POST", "/api/proef/opslaan", body, "application/json",
			     NULL);
	pl_assert_json(r, 201);
	wp_ts_response_free(r);
	free(body);
	json_decref(in);
	wp_ts_auth_free(session);
	wp_ts_stop(srv);
}

#else

/* Built without the test plugins (tests/plugins/CMakeLists.txt not
 * added): nothing to test here. */

#endif
