/* Integration tests of the dilemma plugin, through HTTP against the real
 * server with the demo content: tagging stories with dilemmas (API and
 * edit form), the refusal of an unknown dilemma, who may create a
 * dilemma, the overview's counts per dilemma and region, the section on a
 * dilemma's page, and the search filtered on a dilemma. Each test makes
 * dilemmas of its own, so its counts are exactly what it saved. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define TEAM	  "wijkteam-zuid"
#define OTHER_TEAM "wijkteam-oost"
#define D1	  "proeven-versus-plannen"
#define D2	  "luisteren-versus-beslissen"
#define D1_TITLE  "Proeven versus plannen"
#define D2_TITLE  "Luisteren versus beslissen"
#define NO_SUCH	  "bestaat-niet-versus-niets"
#define REGION_A  "Proefregio Oost"
#define REGION_B  "Proefregio West"
#define WORD	  "kwartelkoning" /* in the body of every test story, in no demo page */

static wp_test_server *srv;
/* prof and colleague: professionals of TEAM; outsider: a professional of
 * OTHER_TEAM; regio: the regio team (also of TEAM); reader: a lezer of
 * TEAM. All are made before the first request. */
static wp_ts_auth *prof, *colleague, *outsider, *regio, *reader;

static void start(void)
{
	/* Without the privacy plugin: these tests count stories professionals
	 * publish for every account at once, which the privacy plugin keeps
	 * within their team until the regio team approves (its own tests). */
	wp_ts_opts o = WP_TS_OPTS_INIT;

	o.config = WP_TS_PLUGINS_WITHOUT_PRIVACY;
	srv = wp_ts_start(&o);
	prof = wp_ts_as(srv, "prof", "professional", TEAM);
	colleague = wp_ts_as(srv, "collega", "professional", TEAM);
	outsider = wp_ts_as(srv, "buiten", "professional", OTHER_TEAM);
	regio = wp_ts_as(srv, "regio", "regioteam", TEAM);
	reader = wp_ts_as(srv, "lezer", "lezer", TEAM);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(colleague);
	wp_ts_auth_free(outsider);
	wp_ts_auth_free(regio);
	wp_ts_auth_free(reader);
	prof = colleague = outsider = regio = reader = NULL;
}

TestSuite(dilemma, .init = start, .fini = stop, .timeout = 120);

/* ---- helpers ---- */

/* PUT /api/pages/PATH with content as a new page, as a (NULL: nobody). */
static wp_ts_response *put_page(const wp_ts_auth *a, const char *path, const char *content)
{
	json_t *j = json_pack("{s:s, s:n, s:s}", "content", content, "base", "message", "test");
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r =
		wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	json_decref(j);
	free(body);
	free(url);
	return r;
}

/* put_page() that must answer status. */
static void put_expect(const wp_ts_auth *a, const char *path, const char *content, long status)
{
	wp_ts_response *r = put_page(a, path, content);

	cr_assert_eq(r->status, status, "PUT %s: expected %ld, got %ld: %.600s", path, status,
		     r->status, r->body);
	wp_ts_response_free(r);
}

/* A dilemma page, made by the regio team. */
static void make_dilemma(const char *slug, const char *title, const char *extra)
{
	char *path = wp_ts_fmt("dilemmas/%s", slug);
	char *content = wp_ts_fmt("---\ntitel: \"%s\"\nbron: \"Intervisie in de test\"\n%s---\n\n"
				  "Twee kanten die allebei kloppen.\n",
				  title, extra ? extra : "");

	put_expect(regio, path, content, 201);
	free(path);
	free(content);
}

/* The file of a story naming the dilemmas in the YAML flow list tags
 * ("" for none), in region (NULL: none), with the lines extra. */
static char *story(const char *title, const char *tags, const char *region, const char *extra)
{
	char *reg = region ? wp_ts_fmt("regio: \"%s\"\n", region) : strdup("");
	char *s = wp_ts_fmt("---\ntitel: \"%s\"\nverteller: \"wijkcoach\"\n%s%s%s%sdatum: \"2025-06\"\n"
			    "anonimisering: concept\n%s---\n\nEen verhaal over een %s in de wijk.\n",
			    title, *tags ? "dilemmas: [" : "", tags, *tags ? "]\n" : "", reg,
			    extra ? extra : "", WORD);

	free(reg);
	return s;
}

/* Saves a story as a with a 201. */
static void make_story(const wp_ts_auth *a, const char *path, const char *title,
		       const char *tags, const char *region, const char *extra)
{
	char *content = story(title, tags, region, extra);

	put_expect(a, path, content, 201);
	free(content);
}

/* The part of an answer worth showing in a message: a page's main. */
static const char *shown(const wp_ts_response *r)
{
	const char *m = strstr(r->body, "<main");

	return m ? m : r->body;
}

static wp_ts_response *get_as(const wp_ts_auth *a, const char *path, long status)
{
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);

	if (r->status != status) {
		char *f = wp_ts_fmt("%s/../stderr", wp_ts_data_dir(srv)), *err = wp_ts_read_file(f);

		cr_assert_fail("GET %s: expected %ld, got %ld: %.600s\nserver: %s", path, status,
			       r->status, shown(r), err ? err : "");
	}
	return r;
}

static json_t *get_json_as(const wp_ts_auth *a, const char *path)
{
	wp_ts_response *r = get_as(a, path, 200);
	json_t *j = wp_ts_json(r);

	wp_ts_response_free(r);
	return j;
}

/* The value of list field key in the stored front matter of path. */
static json_t *stored_list(const char *path, const char *key)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	json_t *page = get_json_as(prof, url), *meta = json_object_get(page, "meta");
	json_t *v;

	if (!meta)
		meta = json_object_get(page, "fields");
	v = json_incref(json_object_get(meta, key));
	cr_assert(json_is_array(v), "%s: %s is not a list", path, key);
	json_decref(page);
	free(url);
	return v;
}

/* Non-zero when the JSON array of strings holds s. */
static int holds(const json_t *list, const char *s)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

/* The overview's entry of dilemma slug, borrowed from ov; NULL: none. */
static json_t *overview_dilemma(json_t *ov, const char *slug)
{
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(ov, "dilemmas"), i, d)
		if (strcmp(json_string_value(json_object_get(d, "slug")), slug) == 0)
			return d;
	return NULL;
}

/* The stories in region (NULL: without one) in a list of regions; -1
 * when the region is not listed. */
static json_int_t region_count(const json_t *regions, const char *region)
{
	const json_t *x, *name;
	size_t i;

	json_array_foreach(regions, i, x) {
		name = json_object_get(x, "regio");
		if (region ? json_is_string(name) && strcmp(json_string_value(name), region) == 0
			   : json_is_null(name))
			return json_integer_value(json_object_get(x, "verhalen"));
	}
	return -1;
}

static json_int_t int_of(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	cr_assert(json_is_integer(v), "no number %s", key);
	return json_integer_value(v);
}

/* Non-zero when html has a link to /path. */
static int links_to(const char *html, const char *path)
{
	char *needle = wp_ts_fmt("href=\"/%s\"", path);
	int found = strstr(html, needle) != NULL;

	free(needle);
	return found;
}

/* The paths of the results of a search API answer, sorted, joined by ' '. */
static char *result_paths(const json_t *res)
{
	const json_t *x;
	char *out = strdup(""), *next, *tmp;
	const char *paths[64];
	size_t i, n = 0, j;

	json_array_foreach(json_object_get(res, "results"), i, x) {
		cr_assert_lt(n, 64);
		paths[n++] = json_string_value(json_object_get(x, "path"));
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(paths[j - 1], paths[j]) > 0; j--) {
			const char *t = paths[j];

			paths[j] = paths[j - 1];
			paths[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		next = wp_ts_fmt("%s%s%s", out, i ? " " : "", paths[i]);
		tmp = out;
		out = next;
		free(tmp);
	}
	return out;
}

/* ---- tagging ---- */

Test(dilemma, professional_tags_a_story_with_two_dilemmas_through_api_and_edit_form)
{
	wp_ts_auth *session;
	wp_ts_response *r;
	char *base, *fm, *body, *new_fm;
	json_t *tags;

	make_dilemma(D1, D1_TITLE, NULL);
	make_dilemma(D2, D2_TITLE, NULL);

	/* Through the API. */
	make_story(prof, "verhalen/proef-api", "Proef via de API", D1 ", " D2, REGION_A, NULL);
	tags = stored_list("verhalen/proef-api", "dilemmas");
	cr_assert_eq(json_array_size(tags), 2);
	cr_assert(holds(tags, D1) && holds(tags, D2));
	json_decref(tags);

	/* Through the edit form, in a browser session: a story without
	 * dilemmas gets both. */
	make_story(prof, "verhalen/proef-formulier", "Proef via het formulier", "", REGION_A, NULL);
	session = wp_ts_login(srv, "prof", "wachtwoord-van-prof");
	r = get_as(session, "/bewerken/verhalen/proef-formulier", 200);
	base = wp_ts_input_value(r->body, "base");
	fm = wp_ts_textarea(r->body, "frontmatter");
	body = wp_ts_textarea(r->body, "body");
	cr_assert(base && fm && body, "the edit form lacks base, frontmatter or body");
	wp_ts_response_free(r);
	new_fm = wp_ts_fmt("%sdilemmas:\n  - %s\n  - %s\n", fm, D1, D2);
	{
		const char *f[] = { "base",    base,   "frontmatter", new_fm, "body", body,
				    "message", "tags", "action",      "save", NULL };

		r = wp_ts_post_form_as(srv, session, "/bewerken/verhalen/proef-formulier", f);
	}
	cr_assert_eq(r->status, 303, "form save: %ld %.600s", r->status, r->body);
	wp_ts_response_free(r);
	tags = stored_list("verhalen/proef-formulier", "dilemmas");
	cr_assert_eq(json_array_size(tags), 2);
	cr_assert(holds(tags, D1) && holds(tags, D2));
	json_decref(tags);

	/* The story's page links to both dilemmas. */
	r = get_as(prof, "/verhalen/proef-formulier", 200);
	cr_assert(links_to(r->body, "dilemmas/" D1) && links_to(r->body, "dilemmas/" D2),
		  "%.3000s", r->body);
	wp_ts_response_free(r);
	free(base);
	free(fm);
	free(body);
	free(new_fm);
	wp_ts_auth_free(session);
}

Test(dilemma, dilemma_named_by_path_is_kept_as_slug)
{
	json_t *tags;

	make_dilemma(D1, D1_TITLE, NULL);
	make_story(prof, "verhalen/proef-pad", "Proef met een pad", "dilemmas/" D1, NULL, NULL);
	tags = stored_list("verhalen/proef-pad", "dilemmas");
	cr_assert_eq(json_array_size(tags), 1);
	cr_assert_str_eq(json_string_value(json_array_get(tags, 0)), D1);
	json_decref(tags);
}

Test(dilemma, unknown_dilemma_is_refused_with_a_field_message_by_api_and_form)
{
	char *content = story("Proef met een fout", D1 ", " NO_SUCH, REGION_A, NULL);
	const char *fm = "titel: \"Proef met een fout\"\nverteller: \"wijkcoach\"\ndilemmas:\n"
			 "  - " D1 "\n  - " NO_SUCH "\n";
	const char *text = "Tekst die na de fout nog moet staan 4711.\n";
	const char *f[] = { "path", "verhalen/proef-fout-formulier", "frontmatter", fm, "body",
			    text, "message", "x", "action", "save", NULL };
	wp_ts_response *r;
	json_t *j, *problems, *p;
	const char *message = NULL;
	char *kept_fm, *kept_body, *url;
	size_t i, commits;

	make_dilemma(D1, D1_TITLE, NULL);
	commits = wp_ts_repo_count(wp_ts_data_dir(srv));

	/* API: 400 with the problem on the field. */
	r = put_page(prof, "verhalen/proef-fout", content);
	cr_assert_eq(r->status, 400, "%ld %.600s", r->status, r->body);
	j = wp_ts_json(r);
	problems = json_object_get(j, "problems");
	cr_assert(json_is_array(problems), "no problems: %.600s", r->body);
	json_array_foreach(problems, i, p)
		if (json_is_string(json_object_get(p, "field")) &&
		    strcmp(json_string_value(json_object_get(p, "field")), "dilemmas") == 0)
			message = json_string_value(json_object_get(p, "message"));
	cr_assert_not_null(message, "no problem on dilemmas: %.600s", r->body);
	cr_assert_not_null(strstr(message, NO_SUCH), "message does not name the value: %s",
			   message);
	json_decref(j);
	wp_ts_response_free(r);

	/* Form: shown again with the text intact and the message. */
	{
		wp_ts_auth *session = wp_ts_login(srv, "prof", "wachtwoord-van-prof");

		r = wp_ts_post_form_as(srv, session, "/nieuw", f);
		wp_ts_auth_free(session);
	}
	cr_assert_eq(r->status, 400, "%ld %.600s", r->status, r->body);
	kept_fm = wp_ts_textarea(r->body, "frontmatter");
	kept_body = wp_ts_textarea(r->body, "body");
	cr_assert(kept_fm && strstr(kept_fm, NO_SUCH) && strstr(kept_fm, "Proef met een fout"),
		  "front matter lost: %s", kept_fm ? kept_fm : "(none)");
	cr_assert(kept_body && strstr(kept_body, "Tekst die na de fout nog moet staan 4711."),
		  "text lost");
	cr_assert_not_null(strstr(r->body, "role=\"alert\""), "no error shown");
	cr_assert_not_null(strstr(r->body, NO_SUCH "&#39;"), "the message is not shown: %.3000s",
			   r->body);
	wp_ts_response_free(r);

	/* Nothing was saved either way. */
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits);
	url = wp_ts_fmt("/api/pages/%s", "verhalen/proef-fout");
	r = get_as(prof, url, 404);
	wp_ts_response_free(r);
	free(url);
	free(kept_fm);
	free(kept_body);
	free(content);
}

/* ---- who writes dilemmas ---- */

Test(dilemma, only_the_regio_team_creates_dilemmas_named_x_versus_y)
{
	const char *ok = "---\ntitel: \"" D1_TITLE "\"\nbron: \"Intervisie\"\n---\n\nTekst.\n";
	const char *bad = "---\ntitel: \"Proeven en plannen\"\n---\n\nTekst.\n";
	const char *guide = "---\ntitel: \"Proefhandreiking\"\nversie: \"0.1\"\nstatus: concept\n"
			    "herziening: \"2027-01\"\ndilemmas: [" D1 "]\n---\n\nTekst.\n";
	const char *bad_guide = "---\ntitel: \"Proefhandreiking\"\nherziening: \"2027-01-15\"\n"
				"status: definitief\n---\n\nTekst.\n";
	wp_ts_response *r;
	json_t *j;

	put_expect(prof, "dilemmas/" D1, ok, 403);
	put_expect(NULL, "dilemmas/" D1, ok, 403);

	/* The regio team: only "X versus Y" is a dilemma. */
	r = put_page(regio, "dilemmas/" D1, bad);
	cr_assert_eq(r->status, 400, "%ld %.600s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert_str_eq(json_string_value(json_object_get(
				 json_array_get(json_object_get(j, "problems"), 0), "field")),
			 "titel", "%.600s", r->body);
	cr_assert_not_null(strstr(r->body, "versus"), "the message does not explain: %s", r->body);
	json_decref(j);
	wp_ts_response_free(r);
	put_expect(regio, "dilemmas/" D1, ok, 201);

	/* Handreikingen likewise, with a month for herziening. */
	put_expect(prof, "handreikingen/proefhandreiking", guide, 403);
	put_expect(regio, "handreikingen/proefhandreiking", bad_guide, 400);
	put_expect(regio, "handreikingen/proefhandreiking", guide, 201);
}

/* ---- the overview ---- */

Test(dilemma, overview_counts_the_saved_stories_per_dilemma_and_region)
{
	json_t *before = get_json_as(prof, "/api/dilemma-overzicht"), *after, *d1, *d2, *tot0,
	       *tot1;
	json_int_t a0 = region_count(json_object_get(before, "regios"), REGION_A);
	json_int_t none0 = region_count(json_object_get(before, "regios"), NULL);
	wp_ts_response *r;

	cr_assert_eq(a0, -1, "the demo already has region " REGION_A);
	make_dilemma(D1, D1_TITLE, NULL);
	make_dilemma(D2, D2_TITLE, NULL);
	make_story(prof, "verhalen/proef-een", "Proef een", D1 ", " D2, REGION_A, NULL);
	make_story(prof, "verhalen/proef-twee", "Proef twee", D1, REGION_A, NULL);
	make_story(colleague, "verhalen/proef-drie", "Proef drie", "dilemmas/" D1, REGION_B, NULL);
	make_story(prof, "verhalen/proef-vier", "Proef vier", D2, NULL, NULL);
	make_story(prof, "verhalen/proef-vijf", "Proef vijf", "", REGION_A, NULL);

	after = get_json_as(prof, "/api/dilemma-overzicht");
	d1 = overview_dilemma(after, D1);
	d2 = overview_dilemma(after, D2);
	cr_assert(d1 && d2, "the new dilemmas are not in the overview");
	cr_assert_str_eq(json_string_value(json_object_get(d1, "title")), D1_TITLE);
	cr_assert_eq(int_of(d1, "verhalen"), 3);
	cr_assert_eq(region_count(json_object_get(d1, "regios"), REGION_A), 2);
	cr_assert_eq(region_count(json_object_get(d1, "regios"), REGION_B), 1);
	cr_assert_eq(region_count(json_object_get(d1, "regios"), NULL), -1);
	cr_assert_eq(int_of(d2, "verhalen"), 2);
	cr_assert_eq(region_count(json_object_get(d2, "regios"), REGION_A), 1);
	cr_assert_eq(region_count(json_object_get(d2, "regios"), NULL), 1);

	/* Totals: each story once per region; each link once. */
	cr_assert_eq(region_count(json_object_get(after, "regios"), REGION_A), 2);
	cr_assert_eq(region_count(json_object_get(after, "regios"), REGION_B), 1);
	cr_assert_eq(region_count(json_object_get(after, "regios"), NULL),
		     (none0 < 0 ? 0 : none0) + 1);
	tot0 = json_object_get(before, "totals");
	tot1 = json_object_get(after, "totals");
	cr_assert_eq(int_of(tot1, "dilemmas"), int_of(tot0, "dilemmas") + 2);
	cr_assert_eq(int_of(tot1, "verhalen"), int_of(tot0, "verhalen") + 4);
	cr_assert_eq(int_of(tot1, "koppelingen"), int_of(tot0, "koppelingen") + 5);

	/* The page shows the same, links to the dilemma and its search. */
	r = get_as(prof, "/dilemma-overzicht", 200);
	cr_assert(links_to(r->body, "dilemmas/" D1), "%.3000s", r->body);
	cr_assert_not_null(strstr(r->body, REGION_A "</th>"));
	cr_assert_not_null(strstr(r->body, "href=\"/zoeken?type=verhaal&amp;dilemmas=" D1 "\""),
			   "%.3000s", r->body);
	wp_ts_response_free(r);
	json_decref(before);
	json_decref(after);
}

Test(dilemma, overview_is_in_the_navigation_for_everyone)
{
	wp_ts_response *r = get_as(NULL, "/", 200);

	cr_assert_not_null(strstr(r->body, "href=\"/dilemma-overzicht\""), "%.2000s", r->body);
	wp_ts_response_free(r);
	r = get_as(NULL, "/dilemma-overzicht", 200);
	cr_assert_not_null(strstr(r->body, "<h1>"));
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, prof, "POST", "/api/dilemma-overzicht", "{}",
			     "application/json", NULL);
	cr_assert_eq(r->status, 405, "%ld", r->status);
	wp_ts_response_free(r);
}

Test(dilemma, team_story_counts_only_for_its_team)
{
	const char *team_lines = "zichtbaarheid: team\nteam: " TEAM "\n";
	json_t *mine, *theirs, *d;
	wp_ts_response *r;

	make_dilemma(D1, D1_TITLE, NULL);
	make_story(prof, "verhalen/proef-open", "Proef open", D1, REGION_A, NULL);
	make_story(prof, "verhalen/proef-team", "Proef voor het team", D1, REGION_B, team_lines);
	{
		char *perspective = wp_ts_fmt(
			"---\ntitel: \"Teamperspectief\"\nrol: professional\nkennisbron: ervaring\n"
			"verhaal: \"verhalen/proef-team\"\n%s---\n\nAlleen voor het team.\n",
			team_lines);

		put_expect(prof, "verhalen/proef-team/perspectieven/eigen", perspective, 201);
		free(perspective);
	}

	/* A colleague of the team sees and counts both. */
	mine = get_json_as(colleague, "/api/dilemma-overzicht");
	d = overview_dilemma(mine, D1);
	cr_assert_eq(int_of(d, "verhalen"), 2);
	cr_assert_eq(region_count(json_object_get(d, "regios"), REGION_B), 1);
	cr_assert_eq(region_count(json_object_get(mine, "regios"), REGION_B), 1);
	r = get_as(colleague, "/dilemmas/" D1, 200);
	cr_assert(links_to(r->body, "verhalen/proef-team"), "%.3000s", r->body);
	cr_assert(links_to(r->body, "verhalen/proef-team/perspectieven/eigen"));
	wp_ts_response_free(r);

	/* An outsider neither sees nor counts the team's story. */
	theirs = get_json_as(outsider, "/api/dilemma-overzicht");
	d = overview_dilemma(theirs, D1);
	cr_assert_eq(int_of(d, "verhalen"), 1);
	cr_assert_eq(region_count(json_object_get(d, "regios"), REGION_B), -1);
	cr_assert_eq(region_count(json_object_get(theirs, "regios"), REGION_B), -1);
	cr_assert_eq(int_of(json_object_get(theirs, "totals"), "verhalen") + 1,
		     int_of(json_object_get(mine, "totals"), "verhalen"));
	r = get_as(outsider, "/dilemmas/" D1, 200);
	cr_assert(links_to(r->body, "verhalen/proef-open"));
	cr_assert_not(links_to(r->body, "verhalen/proef-team"), "the team's story is shown");
	cr_assert_null(strstr(r->body, "Proef voor het team"));
	cr_assert_null(strstr(r->body, "Teamperspectief"), "the team's perspective is shown");
	wp_ts_response_free(r);
	r = get_as(outsider, "/dilemma-overzicht", 200);
	cr_assert_null(strstr(r->body, REGION_B), "the team story's region is shown");
	wp_ts_response_free(r);

	/* Nor does an anonymous visitor, who reads no ingelogd story. */
	json_decref(theirs);
	theirs = get_json_as(NULL, "/api/dilemma-overzicht");
	cr_assert_null(overview_dilemma(theirs, D1), "an ingelogd dilemma shown to anyone");
	json_decref(mine);
	json_decref(theirs);
}

/* ---- the dilemma's page ---- */

Test(dilemma, dilemma_page_lists_stories_perspectives_conversations_and_guides)
{
	const char *perspective = "---\ntitel: \"Proefperspectief van de aanbieder\"\nrol: aanbieder\n"
				  "kennisbron: vakmanschap\nverhaal: \"verhalen/proef-pagina\"\n"
				  "zichtbaarheid: ingelogd\n---\n\n"
				  "Zo zag de aanbieder het.\n";
	const char *conversation =
		"---\ntitel: \"Proefgesprek over plannen\"\nverhaal: proef-pagina\ndilemma: " D1
		"\ndatum: \"2025-07\"\ndeelnemers:\n  - wijkcoach\n  - ervaringswerker\n---\n\n"
		"## 1. Casus\n\nHet verhaal.\n\n## 2. Dilemma\n\nProeven of plannen.\n";
	const char *guide = "---\ntitel: \"Proefhandreiking plannen\"\nversie: \"1.0\"\n"
			    "status: vastgesteld\nherziening: \"2027-01\"\ndilemmas: [" D1 "]\n---\n\n"
			    "Tekst.\n";
	wp_ts_response *r;

	make_dilemma(D1, D1_TITLE, NULL);
	make_dilemma(D2, D2_TITLE, "verwant: [" D1 "]\n");
	make_story(prof, "verhalen/proef-pagina", "Proef op de pagina", D1, REGION_A,
		   "zichtbaarheid: ingelogd\n");
	make_story(prof, "verhalen/proef-ander", "Proef met een ander dilemma", D2, REGION_A, NULL);
	put_expect(prof, "verhalen/proef-pagina/perspectieven/aanbieder", perspective, 201);
	put_expect(prof, "gesprekken/proef-gesprek", conversation, 201);
	put_expect(regio, "handreikingen/proef-handreiking", guide, 201);

	r = get_as(prof, "/dilemmas/" D1, 200);
	cr_assert(links_to(r->body, "verhalen/proef-pagina"), "story missing: %.4000s", r->body);
	cr_assert(links_to(r->body, "verhalen/proef-pagina/perspectieven/aanbieder"),
		  "perspective missing");
	cr_assert(links_to(r->body, "gesprekken/proef-gesprek"), "conversation missing");
	cr_assert(links_to(r->body, "handreikingen/proef-handreiking"), "handreiking missing");
	cr_assert(links_to(r->body, "dilemmas/" D2), "related dilemma missing");
	cr_assert_not(links_to(r->body, "verhalen/proef-ander"), "another dilemma's story listed");
	cr_assert_not_null(strstr(r->body, "href=\"/gesprek/nieuw?dilemma=dilemmas/" D1 "\""),
			   "no link to start a conversation");
	cr_assert_not_null(strstr(r->body, "Start een wat-werkt-gesprek"));
	cr_assert_not_null(strstr(r->body, "href=\"/zoeken?type=verhaal&amp;dilemmas=" D1 "\""));
	wp_ts_response_free(r);

	/* The related dilemma lists it back. */
	r = get_as(prof, "/dilemmas/" D2, 200);
	cr_assert(links_to(r->body, "dilemmas/" D1));
	cr_assert(links_to(r->body, "verhalen/proef-ander"));
	wp_ts_response_free(r);

	/* A reader may not write: no link to start a conversation. */
	r = get_as(reader, "/dilemmas/" D1, 200);
	cr_assert(links_to(r->body, "verhalen/proef-pagina"));
	cr_assert_null(strstr(r->body, "/gesprek/nieuw"), "a reader is offered to start one");
	wp_ts_response_free(r);
}

/* ---- search ---- */

Test(dilemma, search_filtered_on_a_dilemma_returns_exactly_its_stories)
{
	json_t *ov, *res, *facet;
	wp_ts_response *r;
	char *paths, *url;
	const char *href;

	make_dilemma(D1, D1_TITLE, NULL);
	make_dilemma(D2, D2_TITLE, NULL);
	make_story(prof, "verhalen/proef-zoek-een", "Zoekproef een", D1 ", " D2, REGION_A, NULL);
	make_story(prof, "verhalen/proef-zoek-twee", "Zoekproef twee", D1, REGION_B, NULL);
	make_story(prof, "verhalen/proef-zoek-drie", "Zoekproef drie", D2, REGION_B, NULL);
	make_story(prof, "verhalen/proef-zoek-vier", "Zoekproef vier", "", REGION_B, NULL);

	/* Without the filter all four match. */
	res = get_json_as(prof, "/api/search?q=" WORD);
	paths = result_paths(res);
	cr_assert_str_eq(paths, "verhalen/proef-zoek-drie verhalen/proef-zoek-een "
				"verhalen/proef-zoek-twee verhalen/proef-zoek-vier");
	free(paths);
	json_decref(res);

	/* The link the overview gives, with a query: exactly D1's stories. */
	ov = get_json_as(prof, "/api/dilemma-overzicht");
	href = json_string_value(json_object_get(overview_dilemma(ov, D1), "search_href"));
	cr_assert_not_null(href);
	cr_assert_eq(strncmp(href, "/zoeken?", 8), 0, "%s", href);
	url = wp_ts_fmt("/api/search?%s&q=" WORD, href + 8);
	res = get_json_as(prof, url);
	paths = result_paths(res);
	cr_assert_str_eq(paths, "verhalen/proef-zoek-een verhalen/proef-zoek-twee");
	cr_assert_eq(int_of(res, "total"), 2);
	facet = json_object_get(json_object_get(res, "facets"), "dilemmas");
	cr_assert_eq(json_integer_value(json_object_get(facet, D1)), 2, "facets: %s",
		     json_dumps(json_object_get(res, "facets"), 0));
	cr_assert_eq(json_integer_value(json_object_get(facet, D2)), 1);
	free(paths);
	json_decref(res);

	/* The search page likewise. */
	free(url);
	url = wp_ts_fmt("%s&q=" WORD, href);
	r = get_as(prof, url, 200);
	cr_assert(links_to(r->body, "verhalen/proef-zoek-een"));
	cr_assert(links_to(r->body, "verhalen/proef-zoek-twee"));
	cr_assert_not(links_to(r->body, "verhalen/proef-zoek-drie"));
	cr_assert_not(links_to(r->body, "verhalen/proef-zoek-vier"));
	wp_ts_response_free(r);
	free(url);

	/* D2 by the same filter: its two stories. */
	res = get_json_as(prof, "/api/search?q=" WORD "&dilemmas=" D2);
	paths = result_paths(res);
	cr_assert_str_eq(paths, "verhalen/proef-zoek-drie verhalen/proef-zoek-een");
	free(paths);
	json_decref(res);
	json_decref(ov);
}
