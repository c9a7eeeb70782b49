/* Tests of the olifantenpad form and its JSON API over HTTP, against the
 * real server with the demo content: the basisafspraak (a workaround is
 * refused without its system error, and a new error is written with the
 * workaround in one commit), the typed text kept on every refusal, the
 * errors to choose from limited to what the person may read (select and
 * search as you type alike), and who may use the form. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define TEAM	   "wijkteam-zuid"
#define OTHER_TEAM "wijkteam-oost"
#define DEMO_FOUT  "systeemfouten/overgang-18-min-18-plus"
#define DEMO_STORY "schuld-eerst-of-het-kind"
/* A word in the title of OTHER_TEAM's hidden error, in no demo page. */
#define SECRET_WORD "woudaapmelding"
#define SECRET_PATH "systeemfouten/it-form-oost"

static wp_test_server *srv;
static wp_ts_auth *prof, *outsider, *lezer;

static void start(void)
{
	wp_ts_response *r;
	char *body;

	srv = wp_ts_start(NULL);
	prof = wp_ts_as(srv, "prof", "professional", TEAM);
	outsider = wp_ts_as(srv, "oost", "professional", OTHER_TEAM);
	lezer = wp_ts_as(srv, "lezer", "lezer", TEAM);
	body = wp_ts_fmt("{\"content\": \"---\\ntitel: \\\"Geheime %s\\\"\\nregeling: \\\"Jeugdwet\\\"\\n"
			 "zichtbaarheid: team\\nteam: %s\\n---\\n\\nAlleen voor oost.\\n\"}",
			 SECRET_WORD, OTHER_TEAM);
	r = wp_ts_request_as(srv, outsider, "PUT", "/api/pages/" SECRET_PATH, body,
			     "application/json", NULL);
	cr_assert_eq(r->status, 201, "the hidden error: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	free(body);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(outsider);
	wp_ts_auth_free(lezer);
	prof = outsider = lezer = NULL;
}

/* The same timeout as the other suite of this binary (Criterion leaks
 * under ASan when suites of one binary mix timeouts). */
TestSuite(op_form, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

static void assert_status(const wp_ts_response *r, long status, const char *what)
{
	cr_assert_eq(r->status, status, "%s: expected %ld, got %ld: %.1200s", what, status,
		     r->status, r->body);
}

static wp_ts_response *get_as(const wp_ts_auth *a, const char *url)
{
	return wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
}

static wp_ts_response *post_api(const wp_ts_auth *a, const char *json)
{
	return wp_ts_request_as(srv, a, "POST", "/api/olifantenpad", json, "application/json",
				NULL);
}

/* The page path a 303 to "/<path>" names, malloc'd. */
static char *location_path(const wp_ts_response *r)
{
	const char *loc = wp_ts_header(r, "Location");

	cr_assert_not_null(loc, "a redirect: %s", r->body);
	cr_assert_eq(loc[0], '/');
	return strdup(loc + 1);
}

/* The stored file of page path at rev ("HEAD", "HEAD~1"), or NULL. */
static char *file_at(const char *rev, const char *path)
{
	char *spec = wp_ts_fmt("%s:%s.md", rev, path), *s;

	s = wp_ts_repo_file(wp_ts_data_dir(srv), spec);
	free(spec);
	return s;
}

/* ---- the form ---- */

Test(op_form, form_offers_a_select_of_readable_errors_and_a_new_one)
{
	wp_ts_response *r = get_as(prof, "/olifantenpad/nieuw?systeemfout=overgang-18-min-18-plus");
	char *opt;

	assert_status(r, 200, "the form");
	cr_assert(strstr(r->body, "<select id=\"systeemfout\" name=\"systeemfout\""), "%s", r->body);
	opt = wp_ts_fmt("<option value=\"%s\" selected>", DEMO_FOUT);
	cr_assert(strstr(r->body, opt), "the error named in the link is chosen: %s", r->body);
	cr_assert(strstr(r->body, "id=\"keuze-bestaand\" name=\"keuze\" value=\"bestaand\" checked"));
	cr_assert(strstr(r->body, "name=\"sf_titel\""), "a new error can be described");
	cr_assert(strstr(r->body, "<script src=\"/static/olifantenpad/kiezer.js\" defer>"));
	cr_assert_null(strstr(r->body, SECRET_WORD), "another team's error is no choice");
	cr_assert_null(strstr(r->body, "<script>"), "no inline script (the CSP forbids it)");
	free(opt);
	wp_ts_response_free(r);

	r = get_as(outsider, "/olifantenpad/nieuw");
	assert_status(r, 200, "the form for team oost");
	cr_assert(strstr(r->body, SECRET_WORD), "the team sees its own error: %s", r->body);
	wp_ts_response_free(r);

	r = get_as(NULL, "/static/olifantenpad/kiezer.js");
	assert_status(r, 200, "the script");
	cr_assert(strstr(r->body, "/api/olifantenpad/systeemfouten") ||
		  strstr(r->body, "dataset.api"));
	wp_ts_response_free(r);
}

Test(op_form, without_an_error_it_is_refused_keeping_the_text)
{
	const char *fields[] = { "titel", "Omweg zonder melding", "obstakel",
				 "Het loket kent geen kieviet-uitzondering.", "oplossing",
				 "We regelen het met de buurman.", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/olifantenpad/nieuw", fields);
	char *kept = wp_ts_textarea(r->body, "obstakel");

	assert_status(r, 400, "no error named");
	cr_assert(strstr(r->body, "basisafspraak"), "the message names the rule: %s", r->body);
	cr_assert(strstr(r->body, "id=\"systeemfout-fout\""), "the message sits by the choice");
	cr_assert_not_null(kept);
	cr_assert(strstr(kept, "kieviet-uitzondering"), "the typed text is kept: %s", kept);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before, "nothing committed");
	free(kept);
	wp_ts_response_free(r);
}

Test(op_form, a_new_error_and_the_workaround_are_one_commit)
{
	const char *fields[] = { "titel", "Tijdelijk bed bij de tante", "obstakel",
				 "De crisisplek vraagt eerst een indicatie.", "oplossing",
				 "De tante neemt het kind twee weken op.", "verhalen", DEMO_STORY,
				 "keuze", "nieuw", "sf_titel", "Crisisplek wacht op indicatie",
				 "sf_regeling", "Indicatie vooraf (Jeugdwet)", "sf_eigenaar",
				 "gemeente", "sf_escalatie", "gemeente", "melder", "rol", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/olifantenpad/nieuw", fields), *g;
	char *path = NULL, *pad, *fout;
	wp_ts_commit head;

	assert_status(r, 303, "saved");
	path = location_path(r);
	cr_assert_str_eq(path, "olifantenpaden/tijdelijk-bed-bij-de-tante");
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before + 1, "one commit for both");
	pad = file_at("HEAD", path);
	fout = file_at("HEAD", "systeemfouten/crisisplek-wacht-op-indicatie");
	cr_assert_not_null(pad);
	cr_assert_not_null(fout, "the new error is in the same commit");
	cr_assert(strstr(pad, "systeemfout: crisisplek-wacht-op-indicatie"), "%s", pad);
	cr_assert(strstr(pad, DEMO_STORY), "%s", pad);
	cr_assert(strstr(pad, "status: experiment"), "%s", pad);
	cr_assert(strstr(fout, "eigenaar: gemeente"), "%s", fout);
	cr_assert(strstr(fout, "melder: rol"), "%s", fout);
	cr_assert(strstr(fout, "status: gemeld"), "a new error starts as gemeld: %s", fout);
	free(pad);
	free(fout);
	cr_assert_null(pad = file_at("HEAD~1", path), "not there before");
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert(strstr(head.message, "Tijdelijk bed bij de tante"), "%s", head.message);
	cr_assert(strstr(head.message, "Crisisplek wacht op indicatie"), "%s", head.message);
	wp_ts_commit_dispose(&head);

	g = get_as(prof, "/systeemfouten/crisisplek-wacht-op-indicatie");
	assert_status(g, 200, "the new error");
	cr_assert(strstr(g->body, "Tijdelijk bed bij de tante"), "the error shows its workaround");
	wp_ts_response_free(g);
	free(path);
	wp_ts_response_free(r);
}

Test(op_form, an_existing_error_is_named_without_a_new_page)
{
	const char *fields[] = { "titel", "Mentor blijft na achttien", "obstakel",
				 "Begeleiding stopt op de verjaardag.", "oplossing",
				 "De mentor loopt vrijwillig mee.", "keuze", "bestaand",
				 "systeemfout", DEMO_FOUT, NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/olifantenpad/nieuw", fields);
	char *path, *pad;

	assert_status(r, 303, "saved");
	path = location_path(r);
	pad = file_at("HEAD", path);
	cr_assert_not_null(pad);
	cr_assert(strstr(pad, "systeemfout: overgang-18-min-18-plus"), "%s", pad);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before + 1);
	free(pad);
	free(path);
	wp_ts_response_free(r);
}

Test(op_form, a_bad_new_error_refuses_both_pages_with_messages_by_its_fields)
{
	const char *fields[] = { "titel", "Omweg met halve melding", "obstakel",
				 "De rietzanger-regel blokkeert.", "oplossing", "We wachten niet.",
				 "keuze", "nieuw", "sf_titel", "", "sf_eigenaar", "de-maan", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/olifantenpad/nieuw", fields);
	char *kept = wp_ts_textarea(r->body, "obstakel");

	assert_status(r, 400, "a new error without title");
	cr_assert(strstr(r->body, "id=\"sf_titel-fout\""), "by the error's title: %s", r->body);
	cr_assert(strstr(r->body, "id=\"sf_eigenaar-fout\""), "by the owner: %s", r->body);
	cr_assert(strstr(r->body, "id=\"keuze-nieuw\" name=\"keuze\" value=\"nieuw\" checked"));
	cr_assert(kept && strstr(kept, "rietzanger-regel"), "the text is kept");
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before, "nothing committed");
	free(kept);
	wp_ts_response_free(r);
}

Test(op_form, a_hidden_error_is_refused_without_its_title)
{
	const char *fields[] = { "titel", "Via de achterdeur", "obstakel", "Gesloten loket.",
				 "oplossing", "Andere ingang.", "keuze", "bestaand", "systeemfout",
				 SECRET_PATH, NULL };
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/olifantenpad/nieuw", fields);

	assert_status(r, 400, "another team's error");
	cr_assert(strstr(r->body, "bestaat niet of je mag hem niet lezen"), "%s", r->body);
	cr_assert_null(strstr(r->body, SECRET_WORD), "the title stays hidden");
	wp_ts_response_free(r);
}

Test(op_form, readers_and_visitors_do_not_record_workarounds)
{
	const char *fields[] = { "titel", "x", "obstakel", "y", "oplossing", "z", "keuze",
				 "bestaand", "systeemfout", DEMO_FOUT, NULL };
	wp_ts_response *r = get_as(lezer, "/olifantenpad/nieuw"), *home;
	const char *loc;

	assert_status(r, 403, "a lezer");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, lezer, "/olifantenpad/nieuw", fields);
	assert_status(r, 403, "a lezer posting");
	wp_ts_response_free(r);
	r = get_as(NULL, "/olifantenpad/nieuw?verhaal=" DEMO_STORY);
	assert_status(r, 303, "a visitor logs in first");
	loc = wp_ts_header(r, "Location");
	cr_assert(loc && strncmp(loc, "/inloggen?terug=", 16) == 0, "%s", loc ? loc : "");
	cr_assert(strstr(loc, DEMO_STORY), "and comes back to the form: %s", loc);
	wp_ts_response_free(r);
	home = get_as(lezer, "/");
	cr_assert_null(strstr(home->body, "href=\"/olifantenpad/nieuw\""), "no form in a lezer's menu");
	wp_ts_response_free(home);
	home = get_as(prof, "/");
	cr_assert(strstr(home->body, "href=\"/olifantenpad/nieuw\""), "the menu offers the form");
	wp_ts_response_free(home);
	r = get_as(prof, "/olifantenpad/elders");
	assert_status(r, 404, "an unknown page of the plugin");
	wp_ts_response_free(r);
}

/* ---- the JSON API ---- */

Test(op_form, api_creates_with_a_new_or_an_existing_error)
{
	const char *fresh =
		"{\"olifantenpad\": {\"titel\": \"API-omweg\", \"obstakel\": \"Regel A.\", "
		"\"oplossing\": \"Pad B.\", \"verhalen\": [\"" DEMO_STORY "\"]}, "
		"\"systeemfout\": {\"titel\": \"API-fout\", \"regeling\": \"Regel A\", "
		"\"eigenaar\": \"regio\"}}";
	const char *existing =
		"{\"olifantenpad\": {\"titel\": \"API-omweg twee\", \"obstakel\": \"Regel A.\", "
		"\"oplossing\": \"Pad C.\"}, \"systeemfout\": \"api-fout\"}";
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = post_api(prof, fresh);
	json_t *j = wp_ts_json(r);
	wp_ts_commit head;
	char *pad;

	assert_status(r, 201, "a new error");
	cr_assert_str_eq(json_string_value(json_object_get(j, "path")), "olifantenpaden/api-omweg");
	cr_assert_str_eq(json_string_value(json_object_get(j, "systeemfout")),
			 "systeemfouten/api-fout");
	cr_assert(json_is_true(json_object_get(j, "nieuw")));
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(json_string_value(json_object_get(j, "revision")), head.id);
	wp_ts_commit_dispose(&head);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before + 1);
	json_decref(j);
	wp_ts_response_free(r);

	r = post_api(prof, existing);
	j = wp_ts_json(r);
	assert_status(r, 201, "an existing error");
	cr_assert(json_is_false(json_object_get(j, "nieuw")));
	pad = file_at("HEAD", "olifantenpaden/api-omweg-twee");
	cr_assert(pad && strstr(pad, "systeemfout: api-fout"), "%s", pad ? pad : "");
	free(pad);
	json_decref(j);
	wp_ts_response_free(r);

	/* a second workaround with the same title gets a free path */
	r = post_api(prof, existing);
	j = wp_ts_json(r);
	assert_status(r, 201, "the same title again");
	cr_assert_str_eq(json_string_value(json_object_get(j, "path")),
			 "olifantenpaden/api-omweg-twee-2");
	json_decref(j);
	wp_ts_response_free(r);
}

Test(op_form, api_refuses_bad_bodies_with_json_errors)
{
	const char *no_error = "{\"olifantenpad\": {\"titel\": \"Los\", \"obstakel\": \"a\", "
			       "\"oplossing\": \"b\"}}";
	const char *bad[] = { "[1, 2]", "{\"olifantenpad\": \"tekst\"}", "niet eens json",
			      "{\"olifantenpad\": {\"titel\": 7}}",
			      "{\"olifantenpad\": {\"titel\": \"x\", \"verhalen\": 3}}",
			      "{\"olifantenpad\": {\"titel\": \"x\"}, \"systeemfout\": 12}", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv)), i;
	wp_ts_response *r = post_api(prof, no_error);
	char *msg = wp_ts_problem(r, "systeemfout");
	json_t *j;

	cr_assert(strstr(msg, "basisafspraak"), "%s", msg);
	free(msg);
	wp_ts_response_free(r);
	for (i = 0; bad[i]; i++) {
		r = post_api(prof, bad[i]);
		assert_status(r, 400, bad[i]);
		j = wp_ts_json(r);
		cr_assert(json_is_string(json_object_get(j, "error")), "%s: %s", bad[i], r->body);
		json_decref(j);
		wp_ts_response_free(r);
	}
	r = post_api(lezer, "{\"olifantenpad\": {\"titel\": \"x\"}, \"systeemfout\": "
			    "\"overgang-18-min-18-plus\"}");
	assert_status(r, 403, "a lezer");
	wp_ts_response_free(r);
	r = post_api(NULL, "{}");
	assert_status(r, 403, "a visitor");
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before, "nothing committed");
}

/* The paths in a search answer, each followed by '\n'. malloc'd. */
static char *hit_paths(const wp_ts_response *r)
{
	json_t *j = wp_ts_json(r), *hit;
	char *out = strdup(""), *next;
	size_t i;

	cr_assert(json_is_array(j), "%s", r->body);
	json_array_foreach(j, i, hit) {
		cr_assert(json_is_string(json_object_get(hit, "title")));
		cr_assert(json_is_string(json_object_get(hit, "status_label")));
		next = wp_ts_fmt("%s%s\n", out, json_string_value(json_object_get(hit, "path")));
		free(out);
		out = next;
	}
	json_decref(j);
	return out;
}

Test(op_form, search_as_you_type_finds_readable_errors_only)
{
	wp_ts_response *r = get_as(prof, "/api/olifantenpad/systeemfouten?q=overgang");
	char *paths = hit_paths(r), *longq;

	assert_status(r, 200, "search");
	cr_assert(strstr(paths, DEMO_FOUT "\n"), "%s", paths);
	cr_assert_null(strstr(paths, "wlz-aanvraag"), "only matching errors: %s", paths);
	free(paths);
	wp_ts_response_free(r);

	r = get_as(prof, "/api/olifantenpad/systeemfouten?q=JEUGDWET");
	paths = hit_paths(r);
	cr_assert(strstr(paths, DEMO_FOUT "\n"), "the rule is searched, in any case: %s", paths);
	free(paths);
	wp_ts_response_free(r);

	r = get_as(prof, "/api/olifantenpad/systeemfouten?q=" SECRET_WORD);
	paths = hit_paths(r);
	cr_assert_str_eq(paths, "", "another team's error is not found");
	free(paths);
	wp_ts_response_free(r);
	r = get_as(outsider, "/api/olifantenpad/systeemfouten?q=" SECRET_WORD);
	paths = hit_paths(r);
	cr_assert_str_eq(paths, SECRET_PATH "\n", "the team finds its own");
	free(paths);
	wp_ts_response_free(r);

	r = get_as(prof, "/api/olifantenpad/systeemfouten?q=%25");
	paths = hit_paths(r);
	cr_assert_str_eq(paths, "", "a %% is a character, not a wildcard");
	free(paths);
	wp_ts_response_free(r);

	longq = wp_ts_fmt("/api/olifantenpad/systeemfouten?q=%0250d", 0); /* 250 digits */
	r = get_as(prof, longq);
	assert_status(r, 400, "a query too long");
	free(longq);
	wp_ts_response_free(r);
	r = get_as(NULL, "/api/olifantenpad/systeemfouten?q=a");
	assert_status(r, 403, "a visitor");
	wp_ts_response_free(r);
}
