/* Integration tests of the privacy plugin over HTTP, against the real
 * server with the demo content and a name list in a file outside the
 * repository: a BSN or an IBAN refuses a save, other details wait for a
 * confirmation that ends up in the commit message, the edit form marks
 * each spot and replaces it with one click, the check API answers
 * without saving, and a story leaves its team only when the regio team
 * approved it and the check is clean. Every test writes its own pages
 * under verhalen/pv-*. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define TEAM  "wijkteam-zuid"
#define NAME  "Wijnberg"  /* on the team's name list */
#define BSN   "123456782" /* passes the elfproef */
#define IBAN  "NL91 ABNA 0417 1643 00"
#define PHONE "06-12345678"
#define MAIL  "j.wijnberg@example.nl"

static wp_test_server *srv;
static wp_ts_auth *prof, *regio;
static char *names_dir, *names_file;

static void start(void)
{
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	char *config;

	names_dir = wp_ts_tmpdir();
	wp_ts_write_file(names_dir, "namen.txt", "# clienten van team zuid\n" NAME "\nde Kok\n");
	names_file = wp_ts_fmt("%s/namen.txt", names_dir);
	config = wp_ts_fmt("{\"plugin_config\": {\"privacy\": {\"namen_bestand\": \"%s\"}}}",
			   names_file);
	opts.config = config;
	srv = wp_ts_start(&opts);
	free(config);
	prof = wp_ts_as(srv, "prof", "professional", TEAM);
	regio = wp_ts_as(srv, "regio", "regioteam", TEAM);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(regio);
	prof = regio = NULL;
	wp_ts_rmtree(names_dir);
	free(names_dir);
	free(names_file);
}

TestSuite(privacy, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

/* A story visible to vis ("team": TEAM's) with anonimisering anon. */
static char *story(const char *vis, const char *anon, const char *body)
{
	return wp_ts_fmt("---\ntitel: Een verhaal uit de wijk\nverteller: wijkcoach\n"
			 "regio: Zuid\ndatum: 2026-11\nzichtbaarheid: %s\n%sanonimisering: %s\n"
			 "---\n\n%s\n",
			 vis, strcmp(vis, "team") == 0 ? "team: " TEAM "\n" : "", anon, body);
}

/* PUT /api/pages/PATH as a; base NULL: new; confirm NULL: none. */
static wp_ts_response *put(const wp_ts_auth *a, const char *path, const char *content,
			   const char *base, const char *confirm)
{
	json_t *j = json_pack("{s:s, s:s?}", "content", content, "base", base);
	char *body, *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r;

	if (confirm)
		json_object_set_new(j, "confirm", json_pack("[s]", confirm));
	body = json_dumps(j, 0);
	r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);
	free(body);
	free(url);
	json_decref(j);
	return r;
}

/* The problems of a refused save that point at kind, as a new array. */
static json_t *findings_of(const wp_ts_response *r, const char *kind)
{
	json_t *j = wp_ts_json(r), *out = json_array(), *p;
	size_t i;

	json_array_foreach(json_object_get(j, "problems"), i, p)
		if (json_is_string(json_object_get(p, "kind")) &&
		    strcmp(json_string_value(json_object_get(p, "kind")), kind) == 0)
			json_array_append(out, p);
	json_decref(j);
	return out;
}

/* Asserts that finding f marks exactly text inside content. */
static void assert_span(const json_t *f, const char *content, const char *text)
{
	json_int_t s = json_integer_value(json_object_get(f, "start"));
	json_int_t e = json_integer_value(json_object_get(f, "end"));

	cr_assert(s >= 0 && e > s && (size_t)e <= strlen(content), "bad span %lld-%lld",
		  (long long)s, (long long)e);
	cr_assert_eq((size_t)(e - s), strlen(text));
	cr_assert(strncmp(content + s, text, (size_t)(e - s)) == 0, "span shows '%.*s', not '%s'",
		  (int)(e - s), content + s, text);
}

/* The current revision of page path as a reads it. */
static void revision_as(char out[WP_TS_OID_HEX], const wp_ts_auth *a, const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
	json_t *j = wp_ts_json(r);
	const char *rev = json_string_value(json_object_get(j, "revision"));

	cr_assert_eq(r->status, 200, "%s: %s", url, r->body);
	cr_assert(rev && strlen(rev) == WP_TS_OID_HEX - 1, "%s", r->body);
	memcpy(out, rev, WP_TS_OID_HEX);
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
}

static size_t commits(void)
{
	return wp_ts_repo_count(wp_ts_data_dir(srv));
}

/* ---- block ---- */

Test(privacy, a_bsn_refuses_the_save_and_is_marked_where_it_is)
{
	char *content = story("team", "concept", "Moeder gaf haar BSN " BSN " aan de balie.");
	size_t before = commits();
	wp_ts_response *r = put(prof, "verhalen/pv-bsn", content, NULL, "privacy"), *g;
	json_t *found = findings_of(r, "bsn");

	/* Confirming does not help: a BSN never goes in. */
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_eq(json_array_size(found), 1, "%s", r->body);
	assert_span(json_array_get(found, 0), content, BSN);
	cr_assert_null(json_object_get(json_array_get(found, 0), "confirm"));
	cr_assert_str_eq(
	    json_string_value(json_object_get(json_array_get(found, 0), "placeholder")), "[BSN]");
	cr_assert_eq(commits(), before, "nothing may be committed");
	g = wp_ts_request_as(srv, prof, "GET", "/api/pages/verhalen/pv-bsn", NULL, NULL, NULL);
	cr_assert_eq(g->status, 404);
	wp_ts_response_free(g);
	json_decref(found);
	wp_ts_response_free(r);
	free(content);
}

Test(privacy, an_iban_in_the_front_matter_refuses_the_save_naming_its_field)
{
	char *content = story("team", "concept", "Een gewone tekst.");
	char *with = wp_ts_fmt("---\nrekening: \"" IBAN "\"\n%s", content + 4);
	wp_ts_response *r = put(prof, "verhalen/pv-iban", with, NULL, NULL);
	json_t *found = findings_of(r, "iban");

	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_eq(json_array_size(found), 1, "%s", r->body);
	assert_span(json_array_get(found, 0), with, IBAN);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(found, 0), "field")),
			 "rekening");
	json_decref(found);
	wp_ts_response_free(r);
	free(content);
	free(with);
}

/* ---- warn + confirm ---- */

Test(privacy, a_phone_number_waits_for_confirmation_which_the_commit_records)
{
	char *content = story("team", "concept", "Ze is te bereiken op " PHONE " na vieren.");
	size_t before = commits();
	wp_ts_response *r = put(prof, "verhalen/pv-tel", content, NULL, NULL);
	json_t *j = wp_ts_json(r), *found = findings_of(r, "telefoon");
	wp_ts_commit head;

	cr_assert_eq(r->status, 422, "%s", r->body);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "confirm"), 0)),
			 "privacy");
	cr_assert_eq(json_array_size(found), 1, "%s", r->body);
	assert_span(json_array_get(found, 0), content, PHONE);
	cr_assert_eq(commits(), before);
	wp_ts_response_free(r);

	r = put(prof, "verhalen/pv-tel", content, NULL, "privacy");
	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert(strstr(head.message, "Privacycontrole"), "%s", head.message);
	cr_assert(strstr(head.message, "1 telefoonnummer"), "%s", head.message);
	cr_assert_null(strstr(head.message, PHONE), "the number itself stays out: %s",
		       head.message);
	wp_ts_commit_dispose(&head);
	json_decref(found);
	json_decref(j);
	wp_ts_response_free(r);
	free(content);
}

Test(privacy, a_confirmed_detail_is_not_asked_about_again_but_a_new_one_is)
{
	char *v1 = story("team", "concept", "Mail: " MAIL ".");
	char *v2 = story("team", "concept", "Mail: " MAIL ". Ze is blij met de hulp.");
	char *v3 = story("team", "concept", "Mail: " MAIL ". Bel " PHONE ".");
	char base[WP_TS_OID_HEX];
	wp_ts_response *r = put(prof, "verhalen/pv-again", v1, NULL, "privacy");
	json_t *found;

	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_response_free(r);
	revision_as(base, prof, "verhalen/pv-again");
	r = put(prof, "verhalen/pv-again", v2, base, NULL);
	cr_assert_eq(r->status, 200, "an edit elsewhere needs no new confirmation: %s", r->body);
	wp_ts_response_free(r);
	revision_as(base, prof, "verhalen/pv-again");
	r = put(prof, "verhalen/pv-again", v3, base, NULL);
	found = findings_of(r, "telefoon");
	cr_assert_eq(r->status, 422, "%s", r->body);
	cr_assert_eq(json_array_size(found), 1);
	json_decref(found);
	found = findings_of(r, "email");
	cr_assert_eq(json_array_size(found), 0, "asked again: %s", r->body);
	json_decref(found);
	wp_ts_response_free(r);
	free(v1);
	free(v2);
	free(v3);
}

Test(privacy, a_bad_confirm_value_is_a_clear_400)
{
	char *content = story("team", "concept", "Tekst.");
	char *body = wp_ts_fmt("{\"content\": \"%s\", \"confirm\": 12}", "---\\ntitel: x\\n---\\n");
	wp_ts_response *r = wp_ts_request_as(srv, prof, "PUT", "/api/pages/verhalen/pv-bad", body,
					     "application/json", NULL);

	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert(strstr(r->body, "confirm"), "%s", r->body);
	wp_ts_response_free(r);
	free(body);
	free(content);
}

Test(privacy, names_come_from_the_list_outside_the_repository_and_follow_its_changes)
{
	char *content = story("team", "concept", "Meneer " NAME " belde twee keer.");
	char *other = story("team", "concept", "Mevrouw Zonneveld belde.");
	wp_ts_response *r = put(prof, "verhalen/pv-naam", content, NULL, NULL);
	json_t *found = findings_of(r, "naam");

	cr_assert_eq(r->status, 422, "%s", r->body);
	cr_assert_eq(json_array_size(found), 1, "%s", r->body);
	assert_span(json_array_get(found, 0), content, NAME);
	json_decref(found);
	wp_ts_response_free(r);

	/* A name added to the file counts at the next save, without a restart;
	 * the file's size changes, so even a change within the same second is
	 * seen. */
	r = put(prof, "verhalen/pv-naam2", other, NULL, NULL);
	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_response_free(r);
	wp_ts_write_file(names_dir, "namen.txt", NAME "\nde Kok\nZonneveld\n");
	r = put(prof, "verhalen/pv-naam3", other, NULL, NULL);
	cr_assert_eq(r->status, 422, "%s", r->body);
	wp_ts_response_free(r);
	free(content);
	free(other);
}

/* ---- the edit form ---- */

Test(privacy, the_edit_form_marks_each_spot_and_replaces_them_with_one_click)
{
	char *fm = wp_ts_fmt("titel: Een verhaal uit de wijk\nzichtbaarheid: team\nteam: " TEAM
			     "\nanonimisering: concept");
	const char *body = "Bel " PHONE " of mail " MAIL " als het nodig is.\n";
	const char *fields[] = {"path", "verhalen/pv-form", "frontmatter", fm,	"body",
				body,	"action",	    "save",	   NULL};
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/nieuw", fields), *s;
	char *plek, *area;

	cr_assert_eq(r->status, 422, "%s", r->body);
	cr_assert(strstr(r->body, "<mark id=\"plek-1\" title=\"telefoonnummer\">" PHONE "</mark>"),
		  "%s", r->body);
	cr_assert(strstr(r->body, ">" MAIL "</mark>"), "%s", r->body);
	cr_assert(strstr(r->body, "name=\"bevestig\" value=\"privacy\""), "%s", r->body);
	cr_assert_eq(wp_ts_count(r->body, "name=\"plek\""), 2);
	cr_assert(strstr(r->body, "value=\"alle\""), "%s", r->body);
	/* The text typed is still in the form. */
	area = wp_ts_textarea(r->body, "body");
	cr_assert(strstr(area, PHONE));
	free(area);

	/* "Vervang alles": the form comes back with placeholders, unsaved. */
	{
		json_t *f = json_array();
		const char *p1, *p2;
		const char *again[20];
		size_t n = 0;
		char *html = r->body, *at;

		/* Both hidden "plek" values, in order. */
		plek = wp_ts_input_value(html, "plek");
		json_array_append_new(f, json_string(plek));
		free(plek);
		at = strstr(html, "name=\"plek\"");
		cr_assert(at);
		plek = wp_ts_input_value(at + 1, "plek");
		json_array_append_new(f, json_string(plek));
		free(plek);
		p1 = json_string_value(json_array_get(f, 0));
		p2 = json_string_value(json_array_get(f, 1));
		again[n++] = "path", again[n++] = "verhalen/pv-form";
		again[n++] = "frontmatter", again[n++] = fm;
		again[n++] = "body", again[n++] = body;
		again[n++] = "plek", again[n++] = p1;
		again[n++] = "plek", again[n++] = p2;
		again[n++] = "vervang", again[n++] = "alle";
		again[n] = NULL;
		s = wp_ts_post_form_as(srv, prof, "/nieuw", again);
		json_decref(f);
	}
	cr_assert_eq(s->status, 200, "%s", s->body);
	area = wp_ts_textarea(s->body, "body");
	cr_assert(strstr(area, "Bel [telefoon] of mail [e-mail] als"), "%s", area);
	cr_assert_null(strstr(area, PHONE));
	cr_assert_eq(wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:verhalen/pv-form.md"), NULL);
	{
		const char *save[] = {"path", "verhalen/pv-form", "frontmatter", fm,  "body",
				      area,   "action",		  "save",	 NULL};
		wp_ts_response *ok = wp_ts_post_form_as(srv, prof, "/nieuw", save);

		cr_assert_eq(ok->status, 303, "%s", ok->body);
		wp_ts_response_free(ok);
	}
	free(area);
	wp_ts_response_free(s);
	wp_ts_response_free(r);
	free(fm);
}

Test(privacy, the_edit_form_saves_once_the_person_confirms)
{
	const char *fm =
	    "titel: Bevestigd verhaal\nzichtbaarheid: team\nteam: " TEAM "\nanonimisering: concept";
	const char *body = "De wijkagent is te bereiken op " PHONE ".\n";
	const char *fields[] = {"path",	  "verhalen/pv-ok", "frontmatter", fm,	      "body", body,
				"action", "save",	    "bevestig",	   "privacy", NULL};
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/nieuw", fields);
	wp_ts_commit head;

	cr_assert_eq(r->status, 303, "%s", r->body);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert(strstr(head.message, "1 telefoonnummer"), "%s", head.message);
	wp_ts_commit_dispose(&head);
	wp_ts_response_free(r);
}

Test(privacy, a_stale_replacement_changes_nothing_and_says_so)
{
	const char *fields[] = {"path",	       "verhalen/pv-stale",
				"frontmatter", "titel: x",
				"body",	       "Iets anders nu.",
				"plek",	       "[0, 5, \"[telefoon]\", \"06-12\"]",
				"vervang",     "1",
				NULL};
	const char *bad[] = {"path",  "verhalen/pv-stale", "frontmatter", "titel: x", "body",
			     "tekst", "vervang",	   "zeven",	  NULL};
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/nieuw", fields);
	char *area = wp_ts_textarea(r->body, "body");

	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(area, "Iets anders nu.");
	cr_assert(strstr(r->body, "niets vervangen"), "%s", r->body);
	free(area);
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, prof, "/nieuw", bad);
	cr_assert_eq(r->status, 400, "%s", r->body);
	wp_ts_response_free(r);
}

/* ---- the check API ---- */

Test(privacy, the_check_api_lists_findings_with_offsets_and_the_replaced_text)
{
	const char *text = "BSN " BSN ", tel " PHONE ", geboren op 12-03-1985.";
	char *body = wp_ts_fmt("{\"content\": \"%s\"}", text);
	wp_ts_response *r = wp_ts_request_as(srv, prof, "POST", "/api/privacy/controle", body,
					     "application/json", NULL);
	json_t *j = wp_ts_json(r), *list = json_object_get(j, "findings");

	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(list), 3, "%s", r->body);
	assert_span(json_array_get(list, 0), text, BSN);
	assert_span(json_array_get(list, 1), text, PHONE);
	assert_span(json_array_get(list, 2), text, "12-03-1985");
	cr_assert(json_is_true(json_object_get(j, "blocks")));
	cr_assert(json_is_false(json_object_get(j, "clean")));
	cr_assert_str_eq(json_string_value(json_object_get(j, "replaced")),
			 "BSN [BSN], tel [telefoon], geboren op [geboortedatum].");
	json_decref(j);
	wp_ts_response_free(r);
	free(body);
}

Test(privacy, the_check_api_refuses_bad_bodies_and_visitors)
{
	wp_ts_response *r = wp_ts_request_as(srv, prof, "POST", "/api/privacy/controle",
					     "{\"text\": 1}", "application/json", NULL);

	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert(strstr(r->body, "content"));
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, prof, "POST", "/api/privacy/controle", "nee", "application/json",
			     NULL);
	cr_assert_eq(r->status, 400, "%s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, NULL, "POST", "/api/privacy/controle", "{\"content\": \"x\"}",
			     "application/json", NULL);
	cr_assert_eq(r->status, 403, "%s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, prof, "POST", "/api/privacy/iets", "{}", "application/json",
			     NULL);
	cr_assert_eq(r->status, 404, "%s", r->body);
	wp_ts_response_free(r);
}

/* ---- the approval rule ---- */

Test(privacy, a_story_leaves_its_team_only_when_approved_and_clean)
{
	char *checked = story("ingelogd", "gecontroleerd", "Een moeder van drie met schulden.");
	char *team = story("team", "gecontroleerd", "Een moeder van drie met schulden.");
	char *approved = story("ingelogd", "goedgekeurd", "Een moeder van drie met schulden.");
	char *dirty = story("ingelogd", "goedgekeurd", "Een moeder van drie, bel " PHONE ".");
	char base[WP_TS_OID_HEX];
	wp_ts_response *r = put(prof, "verhalen/pv-wide", checked, NULL, NULL);
	char *problem = wp_ts_problem(r, "zichtbaarheid");

	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert(problem && strstr(problem, "regioteam"), "%s", r->body);
	free(problem);
	wp_ts_response_free(r);

	r = put(prof, "verhalen/pv-wide", team, NULL, NULL);
	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_response_free(r);

	/* Only the regio team approves (the verhalen plugin's guard). */
	revision_as(base, prof, "verhalen/pv-wide");
	r = put(prof, "verhalen/pv-wide", approved, base, NULL);
	cr_assert_eq(r->status, 403, "%s", r->body);
	wp_ts_response_free(r);

	/* Not clean: even a confirmed warning keeps it in the team. */
	r = put(regio, "verhalen/pv-wide", dirty, base, "privacy");
	cr_assert_eq(r->status, 400, "%s", r->body);
	{
		json_t *found = findings_of(r, "telefoon");

		cr_assert_eq(json_array_size(found), 1, "%s", r->body);
		json_decref(found);
	}
	wp_ts_response_free(r);

	r = put(regio, "verhalen/pv-wide", approved, base, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	wp_ts_response_free(r);
	free(checked);
	free(team);
	free(approved);
	free(dirty);
}

Test(privacy, a_story_is_marked_checked_only_when_the_check_finds_nothing)
{
	char *dirty = story("team", "gecontroleerd", "Mail " MAIL ".");
	wp_ts_response *r = put(prof, "verhalen/pv-marked", dirty, NULL, "privacy");
	char *problem = wp_ts_problem(r, "anonimisering");

	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert(problem && strstr(problem, "privacycontrole"), "%s", r->body);
	free(problem);
	wp_ts_response_free(r);
	free(dirty);
}

/* ---- a plugin's form ---- */

Test(privacy, a_plugin_form_shows_the_warning_with_a_checkbox_and_saves_once_confirmed)
{
	const char *form[] = {"verhaal",    "verhalen/schuld-eerst-of-het-kind",
			      "rol",	    "professional",
			      "kennisbron", "vakmanschap",
			      "titel",	    "Wat ik zag",
			      "tekst",	    "Haar consulent is bereikbaar op " PHONE ".",
			      NULL};
	const char *confirmed[] = {"verhaal",	 "verhalen/schuld-eerst-of-het-kind",
				   "rol",	 "professional",
				   "kennisbron", "vakmanschap",
				   "titel",	 "Wat ik zag",
				   "tekst",	 "Haar consulent is bereikbaar op " PHONE ".",
				   "bevestig",	 "privacy",
				   NULL};
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/perspectief/nieuw", form);

	cr_assert_eq(r->status, 422, "%.2000s", r->body);
	cr_assert(strstr(r->body, "\xe2\x80\x9c" PHONE "\xe2\x80\x9d"), "%.3000s", r->body);
	cr_assert(strstr(r->body, "name=\"bevestig\" value=\"privacy\""), "%.3000s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, prof, "/perspectief/nieuw", confirmed);
	cr_assert_eq(r->status, 303, "%.2000s", r->body);
	wp_ts_response_free(r);
}

/* ---- revert ---- */

Test(privacy, reverting_to_a_version_with_a_detail_asks_for_confirmation_again)
{
	char *v1 = story("team", "concept", "Bel " PHONE " voor een afspraak.");
	char *v2 = story("team", "concept", "Bel het team voor een afspraak.");
	char rev1[WP_TS_OID_HEX], rev2[WP_TS_OID_HEX];
	wp_ts_response *r = put(prof, "verhalen/pv-terug", v1, NULL, "privacy");

	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_response_free(r);
	revision_as(rev1, prof, "verhalen/pv-terug");
	r = put(prof, "verhalen/pv-terug", v2, rev1, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	wp_ts_response_free(r);
	revision_as(rev2, prof, "verhalen/pv-terug");
	{
		const char *form[] = {"rev", rev1, "base", rev2, NULL};
		const char *again[] = {"rev", rev1, "base", rev2, "bevestig", "privacy", NULL};

		r = wp_ts_post_form_as(srv, prof, "/terugzetten/verhalen/pv-terug", form);
		cr_assert_eq(r->status, 422, "%.2000s", r->body);
		cr_assert(strstr(r->body, PHONE), "%.3000s", r->body);
		cr_assert(strstr(r->body, "name=\"bevestig\" value=\"privacy\""), "%.3000s",
			  r->body);
		wp_ts_response_free(r);
		r = wp_ts_post_form_as(srv, prof, "/terugzetten/verhalen/pv-terug", again);
		cr_assert_eq(r->status, 303, "%.2000s", r->body);
		wp_ts_response_free(r);
	}
	free(v1);
	free(v2);
}

Test(privacy, the_conversation_form_shows_the_checkbox_and_saves_once_confirmed)
{
#define GESPREK_FIELDS                                                                             \
	"verhaal", "verhalen/schuld-eerst-of-het-kind", "verhaal_vast", "1", "dilemma",            \
	    "dilemmas/regels-volgen-versus-maatwerk-leveren", "dilemma_vast", "1", "datum",        \
	    "2026-11", "deelnemers", "wijkcoach\r\n", "stap_1",                                    \
	    "De schuldhulp is te bereiken op " PHONE ".", "stap_2", "Regels versus maatwerk."
	const char *form[] = {GESPREK_FIELDS, NULL};
	const char *confirmed[] = {GESPREK_FIELDS, "bevestig", "privacy", NULL};
#undef GESPREK_FIELDS
	wp_ts_response *r = wp_ts_post_form_as(srv, prof, "/gesprek/nieuw", form);

	cr_assert_eq(r->status, 422, "%s",
		     strstr(r->body, "class=\"error\"") ? strstr(r->body, "class=\"error\"")
							: r->body);
	cr_assert(strstr(r->body, "name=\"bevestig\" value=\"privacy\""), "%.3000s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, prof, "/gesprek/nieuw", confirmed);
	cr_assert_eq(r->status, 303, "%.2000s", r->body);
	wp_ts_response_free(r);
}
