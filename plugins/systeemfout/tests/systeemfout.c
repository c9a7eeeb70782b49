/* Integration tests of the systeemfout plugin over HTTP, against the real
 * server with the demo content: a professional reports a system error as
 * `gemeld` but only the regio team moves its status; the schema's
 * required fields, allowed values and the `terugkoppeling` mapping, each
 * refused with a message on the field (also in the edit form, which keeps
 * the person's text); and a lezer who may not report one. Every test
 * saves pages of its own under systeemfouten/it-*. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define TEAM "wijkteam-noord"
/* A line of text in the body of every test page, in no demo page. */
#define BODY "De melding gaat over de kwartelkoning in de regeling.\n"

static wp_test_server *srv;
/* prof: professional; regio: the regio team; reader: a lezer (all of TEAM). */
static wp_ts_auth *prof, *regio, *reader;

/* The values the plugin allows, as DOMAIN.md names them. */
static const char *const owners[] = {
    "gemeente", "regio", "aanbieder", "zorgverzekeraar", "rijksuitvoerder", "ministerie", NULL};
static const char *const levels[] = {"team", "gemeente", "regio", "landelijk", NULL};

static void start(void)
{
	srv = wp_ts_start(NULL);
	prof = wp_ts_as(srv, "prof", "professional", TEAM);
	regio = wp_ts_as(srv, "regio", "regioteam", TEAM);
	reader = wp_ts_as(srv, "lezer", "lezer", TEAM);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(regio);
	wp_ts_auth_free(reader);
	prof = regio = reader = NULL;
}

TestSuite(systeemfout, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

/* A systeemfout file: titel and regeling, then the lines extra. */
static char *report(const char *title, const char *extra)
{
	return wp_ts_fmt("---\ntitel: \"%s\"\nregeling: \"Participatiewet, artikel 31\"\n%s---\n\n"
			 "%s",
			 title, extra, BODY);
}

/* PUT /api/pages/PATH as a with content; base NULL: a new page. */
static wp_ts_response *put_as(const wp_ts_auth *a, const char *path, const char *content,
			      const char *base)
{
	json_t *j =
	    json_pack("{s:s, s:s?, s:s}", "content", content, "base", base, "message", "Melding");
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	json_decref(j);
	free(body);
	free(url);
	return r;
}

static void assert_status(const wp_ts_response *r, long status, const char *what)
{
	cr_assert_eq(r->status, status, "%s: expected %ld, got %ld: %.800s", what, status,
		     r->status, r->body);
}

/* put_as() that must answer status. */
static void put_expect(const wp_ts_auth *a, const char *path, const char *content, const char *base,
		       long status)
{
	wp_ts_response *r = put_as(a, path, content, base);

	assert_status(r, status, path);
	wp_ts_response_free(r);
}

/* The "error" of a JSON answer, malloc'd. */
static char *error_of(const wp_ts_response *r)
{
	json_t *j = wp_ts_json(r);
	const char *e = json_string_value(json_object_get(j, "error"));
	char *s = strdup(e ? e : "");

	json_decref(j);
	return s;
}

/* Asserts r is a 403 whose message names the regio team. */
static void assert_regio_only(const wp_ts_response *r, const char *what)
{
	char *e;

	assert_status(r, 403, what);
	e = error_of(r);
	cr_assert_not_null(strstr(e, "regioteam"), "%s: refusal does not name the regio team: %s",
			   what, e);
	free(e);
}

/* The stored front matter of path as a reads it (caller decrefs). */
static json_t *meta_of(const wp_ts_auth *a, const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
	json_t *j, *meta;

	assert_status(r, 200, url);
	j = wp_ts_json(r);
	meta = json_incref(json_object_get(j, "meta"));
	cr_assert(json_is_object(meta), "%s has no meta: %s", path, r->body);
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return meta;
}

/* The string at key of meta, or "<missing>". */
static const char *str_at(const json_t *meta, const char *key)
{
	const char *s = json_string_value(json_object_get(meta, key));

	return s ? s : "<missing>";
}

static void assert_absent(const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, prof, "GET", url, NULL, NULL, NULL);

	assert_status(r, 404, "a refused page was saved");
	wp_ts_response_free(r);
	free(url);
}

/* ---- status: gemeld by anyone, moved by the regio team ---- */

Test(systeemfout, professional_reports_as_gemeld_and_cannot_start_further_along)
{
	const char *path = "systeemfouten/it-nieuw";
	char *later = report("Te laat herkend", "status: herkend\n");
	char *fresh = report("Net gemeld", "status: gemeld\neigenaar: gemeente\n");
	wp_ts_response *r = put_as(prof, path, later, NULL);
	json_t *meta;

	assert_regio_only(r, "new report as herkend");
	wp_ts_response_free(r);
	assert_absent(path);
	put_expect(prof, path, fresh, NULL, 201);
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "status"), "gemeld");
	cr_assert_str_eq(str_at(meta, "titel"), "Net gemeld");
	json_decref(meta);
	free(later);
	free(fresh);
	/* A report that names no status starts as gemeld. */
	fresh = report("Zonder status", "");
	put_expect(prof, "systeemfouten/it-zonder-status", fresh, NULL, 201);
	meta = meta_of(prof, "systeemfouten/it-zonder-status");
	cr_assert_str_eq(str_at(meta, "status"), "gemeld");
	json_decref(meta);
	free(fresh);
}

Test(systeemfout, only_the_regio_team_moves_the_status)
{
	const char *path = "systeemfouten/it-status";
	char *gemeld = report("Status", "status: gemeld\neigenaar: gemeente\n");
	char *edited = report("Status, scherper", "status: gemeld\neigenaar: aanbieder\n"
						  "impact: \"Gezinnen wachten maanden.\"\n");
	char *moved = report("Status, scherper", "status: herkend\neigenaar: aanbieder\n");
	char *dropped = report("Status, scherper", "eigenaar: aanbieder\n");
	char *later = report("Status, later", "status: herkend\neigenaar: regio\n");
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	json_t *meta;

	put_expect(prof, path, gemeld, NULL, 201);
	wp_ts_api_revision(rev, srv, path);
	r = put_as(prof, path, moved, rev);
	assert_regio_only(r, "professional moves the status");
	wp_ts_response_free(r);
	r = put_as(prof, path, dropped, rev);
	assert_regio_only(r, "professional drops the status");
	wp_ts_response_free(r);
	/* Everything else stays the reporter's to improve. */
	put_expect(prof, path, edited, rev, 200);
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "status"), "gemeld");
	cr_assert_str_eq(str_at(meta, "eigenaar"), "aanbieder");
	cr_assert_str_eq(str_at(meta, "impact"), "Gezinnen wachten maanden.");
	json_decref(meta);
	wp_ts_api_revision(rev, srv, path);
	put_expect(regio, path, moved, rev, 200);
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "status"), "herkend");
	json_decref(meta);
	/* A later status stays put when the professional edits the rest. */
	wp_ts_api_revision(rev, srv, path);
	put_expect(prof, path, later, rev, 200);
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "status"), "herkend");
	cr_assert_str_eq(str_at(meta, "eigenaar"), "regio");
	json_decref(meta);
	free(gemeld);
	free(edited);
	free(moved);
	free(dropped);
	free(later);
}

Test(systeemfout, status_form_of_a_professional_is_refused_naming_the_regio_team)
{
	const char *path = "systeemfouten/it-formstatus";
	const char *fm = "titel: \"Via het formulier\"\nregeling: \"Wmo\"\nstatus: opgelost\n";
	char *gemeld = report("Via het formulier", "status: gemeld\n");
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	json_t *meta;

	put_expect(prof, path, gemeld, NULL, 201);
	wp_ts_api_revision(rev, srv, path);
	{
		const char *f[] = {"path", path,      "base", rev,	"frontmatter", fm,  "body",
				   BODY,   "message", "x",    "action", "save",	       NULL};

		r = wp_ts_post_form_as(srv, prof, "/bewerken/systeemfouten/it-formstatus", f);
	}
	assert_status(r, 403, "form moves the status");
	cr_assert_not_null(strstr(r->body, "regioteam"), "refusal does not name the regio team");
	wp_ts_response_free(r);
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "status"), "gemeld");
	json_decref(meta);
	free(gemeld);
}

/* ---- the schema ---- */

Test(systeemfout, titel_and_regeling_are_required)
{
	const char *path = "systeemfouten/it-leeg";
	const char *content = "---\ntitel: \"\"\nstatus: gemeld\neigenaar: gemeente\n---\n\n" BODY;
	wp_ts_response *r = put_as(prof, path, content, NULL);
	char *m1 = wp_ts_problem(r, "titel"), *m2 = wp_ts_problem(r, "regeling");

	cr_assert_eq(wp_ts_problem_count(r), 2, "only titel and regeling are wrong: %s", r->body);
	wp_ts_response_free(r);
	free(m1);
	free(m2);
	assert_absent(path);
}

/* Asserts that field of a new report with value is refused with a
 * message naming every one of values. */
static void assert_enum_refused(const char *field, const char *value, const char *const *values)
{
	const char *path = "systeemfouten/it-keuze";
	char *extra = wp_ts_fmt("%s: \"%s\"\n", field, value);
	char *content = report("Keuze", extra);
	wp_ts_response *r = put_as(prof, path, content, NULL);
	char *msg = wp_ts_problem(r, field);
	size_t i;

	cr_assert_eq(wp_ts_problem_count(r), 1, "only %s is wrong: %s", field, r->body);
	for (i = 0; values[i]; i++)
		cr_assert_not_null(strstr(msg, values[i]), "%s: '%s' not named in: %s", field,
				   values[i], msg);
	wp_ts_response_free(r);
	free(msg);
	free(content);
	free(extra);
	assert_absent(path);
}

Test(systeemfout, eigenaar_and_escalatie_name_their_allowed_values)
{
	size_t i;

	assert_enum_refused("eigenaar", "de buurman", owners);
	assert_enum_refused("escalatie", "wereldwijd", levels);
	/* Every allowed value is taken. */
	for (i = 0; owners[i]; i++) {
		char *path = wp_ts_fmt("systeemfouten/it-eigenaar-%zu", i);
		char *extra = wp_ts_fmt("eigenaar: %s\nescalatie: %s\n", owners[i], levels[i % 4]);
		char *content = report("Eigenaar", extra);
		json_t *meta;

		put_expect(prof, path, content, NULL, 201);
		meta = meta_of(prof, path);
		cr_assert_str_eq(str_at(meta, "eigenaar"), owners[i]);
		cr_assert_str_eq(str_at(meta, "escalatie"), levels[i % 4]);
		json_decref(meta);
		free(path);
		free(extra);
		free(content);
	}
}

Test(systeemfout, terugkoppeling_is_a_mapping_with_tekst)
{
	const char *path = "systeemfouten/it-antwoord";
	char *as_text = report("Antwoord", "terugkoppeling: \"De gemeente kijkt ernaar.\"\n");
	char *no_text = report("Antwoord", "terugkoppeling:\n  datum: \"2025-09-15\"\n");
	char *month = report("Antwoord", "terugkoppeling:\n  tekst: \"De gemeente kijkt ernaar.\"\n"
					 "  datum: \"2025-09\"\n");
	char *good = report("Antwoord", "terugkoppeling:\n  tekst: \"De gemeente kijkt ernaar.\"\n"
					"  datum: \"2025-09-15\"\n");
	wp_ts_response *r;
	json_t *meta, *answer;
	char *msg;

	r = put_as(prof, path, as_text, NULL);
	msg = wp_ts_problem(r, "terugkoppeling");
	wp_ts_response_free(r);
	free(msg);
	r = put_as(prof, path, no_text, NULL);
	msg = wp_ts_problem(r, "terugkoppeling.tekst");
	cr_assert_eq(wp_ts_problem_count(r), 1, "only the tekst is missing: %s", r->body);
	wp_ts_response_free(r);
	free(msg);
	/* The answer's date is a day: the dashboard tells how long it took. */
	r = put_as(prof, path, month, NULL);
	msg = wp_ts_problem(r, "terugkoppeling.datum");
	wp_ts_response_free(r);
	free(msg);
	assert_absent(path);
	put_expect(prof, path, good, NULL, 201);
	meta = meta_of(prof, path);
	answer = json_object_get(meta, "terugkoppeling");
	cr_assert_str_eq(str_at(answer, "tekst"), "De gemeente kijkt ernaar.");
	cr_assert_str_eq(str_at(answer, "datum"), "2025-09-15");
	json_decref(meta);
	free(as_text);
	free(month);
	free(no_text);
	free(good);
}

/* Asserts the HTML form r came back 400 listing each of fields with its
 * label, and the person's front matter and body as they sent them. */
static void assert_form_kept(const wp_ts_response *r, const char *const *fields,
			     const char *const *labels, const char *fm, const char *body)
{
	char *got_fm = wp_ts_textarea(r->body, "frontmatter");
	char *got_body = wp_ts_textarea(r->body, "body");
	const char *ct = wp_ts_header(r, "Content-Type");
	size_t i;

	assert_status(r, 400, "bad save in the form");
	cr_assert(ct && strstr(ct, "text/html"), "not HTML but %s", ct ? ct : "-");
	cr_assert_not_null(strstr(r->body, "class=\"problems\""), "no problem list");
	for (i = 0; fields[i]; i++) {
		char *code =
		    wp_ts_fmt("<strong>%s</strong> (<code>%s</code>)", labels[i], fields[i]);

		cr_assert_not_null(strstr(r->body, code), "field %s not listed with its label",
				   fields[i]);
		free(code);
	}
	cr_assert_str_eq(got_fm ? got_fm : "<none>", fm, "front matter not kept");
	cr_assert_str_eq(got_body ? got_body : "<none>", body, "body not kept");
	free(got_fm);
	free(got_body);
}

Test(systeemfout, edit_form_lists_the_field_problems_and_keeps_the_text)
{
	const char *path = "systeemfouten/it-formulier";
	const char *fm = "titel: \"Formulier\"\nstatus: gemeld\neigenaar: iedereen\n"
			 "escalatie: regio\nterugkoppeling: \"alleen tekst\"\n";
	const char *body = "Mijn eigen uitleg <b>blijft</b> staan, regel 4711.\n";
	const char *fields[] = {"regeling", "eigenaar", "terugkoppeling", NULL};
	const char *labels[] = {"Regeling", "Eigenaar", "Terugkoppeling", NULL};
	char *good = report("Formulier", "status: gemeld\n");
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	json_t *meta;
	char *stored;

	put_expect(prof, path, good, NULL, 201);
	wp_ts_api_revision(rev, srv, path);
	{
		const char *f[] = {"path", path,      "base", rev,	"frontmatter", fm,  "body",
				   body,   "message", "x",    "action", "save",	       NULL};

		r = wp_ts_post_form_as(srv, prof, "/bewerken/systeemfouten/it-formulier", f);
	}
	assert_form_kept(r, fields, labels, fm, body);
	/* The enum's message, as shown, names the owners to choose from. */
	cr_assert_not_null(strstr(r->body, owners[4]), "allowed owners not shown");
	wp_ts_response_free(r);
	/* A new report through the form: the same answer, nothing saved. */
	{
		const char *f[] = {"path",	  "systeemfouten/it-formulier-nieuw",
				   "frontmatter", fm,
				   "body",	  body,
				   "message",	  "x",
				   "action",	  "save",
				   NULL};

		r = wp_ts_post_form_as(srv, prof, "/nieuw", f);
	}
	assert_form_kept(r, fields, labels, fm, body);
	wp_ts_response_free(r);
	assert_absent("systeemfouten/it-formulier-nieuw");
	meta = meta_of(prof, path);
	cr_assert_str_eq(str_at(meta, "titel"), "Formulier");
	json_decref(meta);
	stored = wp_ts_fmt("HEAD:%s.md", path);
	{
		char *file = wp_ts_repo_file(wp_ts_data_dir(srv), stored);

		cr_assert_not_null(file);
		cr_assert_null(strstr(file, "4711"), "the bad save reached the repository");
		free(file);
	}
	free(stored);
	free(good);
}

/* ---- rights ---- */

Test(systeemfout, lezer_cannot_report_one)
{
	const char *path = "systeemfouten/it-lezer";
	char *content = report("Door een lezer", "status: gemeld\n");
	wp_ts_response *r = put_as(reader, path, content, NULL);
	char *e;

	assert_status(r, 403, "lezer reports");
	e = error_of(r);
	cr_assert_not_null(strstr(e, "Systeemfouten"), "refusal does not name the type: %s", e);
	free(e);
	wp_ts_response_free(r);
	assert_absent(path);
	r = put_as(NULL, path, content, NULL);
	cr_assert(r->status == 401 || r->status == 403, "anonymous report: %ld", r->status);
	wp_ts_response_free(r);
	assert_absent(path);
	free(content);
}
