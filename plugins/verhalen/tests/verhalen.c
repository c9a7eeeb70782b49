/* Integration tests of the verhalen plugin over HTTP, against the real
 * server with the demo content: perspectives added through the API and the
 * form, shown side by side on their story with lived experience marked,
 * counted per role with invitations for the missing roles; who may change
 * whose perspective; schema violations answered with field messages; and
 * perspectives hidden from whoever may not read them. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* A demo story (ingelogd) without perspectives of its own. */
#define STORY "verhalen/vijftig-euro-te-veel"
/* The demo story only team wijkteam-noord reads. */
#define TEAM_STORY "verhalen/twee-gemeentes-een-gezin"
#define TEAM	   "wijkteam-noord"
#define MISSING	   "verhalen/bestaat-nergens"
/* A demo perspective (no `account`: only the regio team changes it). */
#define DEMO_PERSP  "verhalen/schuld-eerst-of-het-kind/perspectieven/gemeente-schuldhulp-in-de-keten"
#define PRO_TITLE   "Regels zijn er voor iedereen"
#define PRO_WORD    "vrijlatingsgrens"
#define LIVED_TITLE "Ik durfde niets meer"
#define LIVED_WORD  "brievenbusangst"

static wp_test_server *srv;
/* piet: professional, eva: ervaringswerker (both team wijkteam-noord);
 * karel: professional of another team; lotte: lezer; rita: regioteam. */
static wp_ts_auth *piet, *eva, *karel, *lotte, *rita;

static void start(void)
{
	srv = wp_ts_start(NULL);
	piet = wp_ts_as(srv, "piet", "professional", TEAM);
	eva = wp_ts_as(srv, "eva", "ervaringswerker", TEAM);
	karel = wp_ts_as(srv, "karel", "professional", "wijkteam-zuid");
	lotte = wp_ts_as(srv, "lotte", "lezer", "wijkteam-zuid");
	rita = wp_ts_as(srv, "rita", "regioteam", "regio");
	wp_ts_use(srv, NULL);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(piet);
	wp_ts_auth_free(eva);
	wp_ts_auth_free(karel);
	wp_ts_auth_free(lotte);
	wp_ts_auth_free(rita);
	piet = eva = karel = lotte = rita = NULL;
}

TestSuite(verhalen, .init = start, .fini = stop, .timeout = 120);

/* ---- helpers ---- */

static wp_ts_response *get_as(const wp_ts_auth *a, const char *path, long status)
{
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);

	cr_assert_eq(r->status, status, "GET %s: expected %ld, got %ld: %.800s", path, status,
		     r->status, r->body);
	return r;
}

static json_t *get_json_as(const wp_ts_auth *a, const char *path, long status)
{
	wp_ts_response *r = get_as(a, path, status);
	json_t *j = wp_ts_json(r);

	wp_ts_response_free(r);
	return j;
}

/* POST /api/perspectieven with the JSON object j (stolen) as a. */
static wp_ts_response *api_post_as(const wp_ts_auth *a, json_t *j)
{
	char *body = json_dumps(j, JSON_COMPACT);
	wp_ts_response *r;

	cr_assert_not_null(body);
	r = wp_ts_request_as(srv, a, "POST", "/api/perspectieven", body, "application/json", NULL);
	free(body);
	json_decref(j);
	return r;
}

/* A new perspective through the API that must succeed; its path goes to
 * path (malloc'd, caller frees; may be NULL). */
static void api_add(const wp_ts_auth *a, const char *story, const char *rol, const char *bron,
		    const char *auteur, const char *titel, const char *tekst, char **path)
{
	wp_ts_response *r = api_post_as(
	    a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "verhaal", story, "rol", rol,
			 "kennisbron", bron, "auteur", auteur, "titel", titel, "tekst", tekst));
	json_t *j;
	const char *p, *rev;
	char *prefix = strchr(story, '/') ? wp_ts_fmt("%s/perspectieven/", story)
					  : wp_ts_fmt("verhalen/%s/perspectieven/", story);

	cr_assert_eq(r->status, 201, "POST /api/perspectieven: %ld %s", r->status, r->body);
	j = wp_ts_json(r);
	p = json_string_value(json_object_get(j, "path"));
	rev = json_string_value(json_object_get(j, "revision"));
	cr_assert(p && strncmp(p, prefix, strlen(prefix)) == 0, "path %s", r->body);
	cr_assert(rev && strlen(rev) == WP_TS_OID_HEX - 1, "revision %s", r->body);
	if (path)
		*path = strdup(p);
	json_decref(j);
	free(prefix);
	wp_ts_response_free(r);
}

/* The <article> of the perspective at path in html (malloc'd), or NULL. */
static char *article_of(const char *html, const char *path)
{
	char *mark = wp_ts_fmt("data-path=\"%s\"", path);
	const char *hit = strstr(html, mark), *start, *end;
	char *out = NULL;

	if (hit) {
		for (start = hit; start > html && strncmp(start, "<article", 8) != 0; start--)
			;
		end = strstr(hit, "</article>");
		if (end)
			out = strndup(start, (size_t)(end - start));
	}
	free(mark);
	return out;
}

/* The count the section shows for rol, or -1. */
static long shown_count(const char *html, const char *rol)
{
	char *mark = wp_ts_fmt("data-count=\"%s\">", rol);
	const char *hit = strstr(html, mark);
	long n = hit ? strtol(hit + strlen(mark), NULL, 10) : -1;

	free(mark);
	return n;
}

static int has_invite(const char *html, const char *rol)
{
	char *mark = wp_ts_fmt("data-invite=\"%s\"", rol);
	int yes = strstr(html, mark) != NULL;

	free(mark);
	return yes;
}

static long api_count(const json_t *j, const char *rol)
{
	return (long)json_integer_value(json_object_get(json_object_get(j, "counts"), rol));
}

static int in_missing(const json_t *j, const char *rol)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(j, "missing"), i,
			   v) if (strcmp(json_string_value(v), rol) == 0) return 1;
	return 0;
}

/* The entry of path in the API's list, or NULL. Borrowed. */
static json_t *api_entry(const json_t *j, const char *path)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(j, "perspectives"), i,
			   p) if (strcmp(json_string_value(json_object_get(p, "path")), path) ==
				  0) return p;
	return NULL;
}

/* The message of the first problem with field in j's "problems", or NULL. */
static const char *problem_of(const json_t *j, const char *field)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(j, "problems"), i,
			   p) if (json_is_string(json_object_get(p, "field")) &&
				  strcmp(json_string_value(json_object_get(p, "field")), field) ==
				      0) return json_string_value(json_object_get(p, "message"));
	return NULL;
}

/* A PUT of path's content as a; returns the status. */
static long put_as(const wp_ts_auth *a, const char *path, const char *content, const char *base,
		   char **body)
{
	wp_ts_response *r;
	long status;

	wp_ts_use(srv, a);
	r = wp_ts_api_put(srv, path, content, base, "test");
	wp_ts_use(srv, NULL);
	status = r->status;
	if (body)
		*body = strdup(r->body);
	wp_ts_response_free(r);
	return status;
}

/* path's current file with from replaced by to (once). Caller frees. */
static char *edited(const char *path, const char *from, const char *to)
{
	char *spec = wp_ts_fmt("HEAD:%s.md", path);
	char *file = wp_ts_repo_file(wp_ts_data_dir(srv), spec), *hit, *out;

	cr_assert_not_null(file, "no file %s", spec);
	hit = strstr(file, from);
	cr_assert_not_null(hit, "%s has no \"%s\": %s", path, from, file);
	*hit = '\0';
	out = wp_ts_fmt("%s%s%s", file, to, hit + strlen(from));
	free(file);
	free(spec);
	return out;
}

/* path's current revision, read as the regio team (who reads it). */
static void revision_of(char rev[WP_TS_OID_HEX], const char *path)
{
	wp_ts_use(srv, rita);
	wp_ts_api_revision(rev, srv, path);
	wp_ts_use(srv, NULL);
}

static char *file_of(const char *path)
{
	char *spec = wp_ts_fmt("HEAD:%s.md", path);
	char *file = wp_ts_repo_file(wp_ts_data_dir(srv), spec);

	cr_assert_not_null(file, "no file %s", spec);
	free(spec);
	return file;
}

/* ---- perspectives side by side ---- */

/* A professional through the API and an ervaringswerker through the form
 * (logged in as a browser is) each add a perspective; the story's page
 * then shows both, lived experience first and marked, with the counts and
 * the invitations for the three missing roles. */
Test(verhalen, two_perspectives_shown_side_by_side_with_lived_experience_marked)
{
	const char *form[] = {
	    "verhaal",	  STORY,       "rol",	 "ervaringswerker",
	    "kennisbron", "ervaring",  "auteur", "Ervaringswerker regio Zuid",
	    "titel",	  LIVED_TITLE, "tekst",	 "Ik ken de " LIVED_WORD " maar al te goed.",
	    NULL};
	char *pro = NULL, *lived, *art, *sel;
	wp_ts_auth *browser;
	wp_ts_response *r;
	const char *loc;
	json_t *j;

	api_add(piet, STORY, "professional", "vakmanschap", "Consulent werk en inkomen", PRO_TITLE,
		"De " PRO_WORD " is er niet voor niets.", &pro);

	browser = wp_ts_login(srv, "eva", "wachtwoord-van-eva");
	r = get_as(browser, "/perspectief/nieuw?verhaal=" STORY "&rol=ervaringswerker", 200);
	sel = strstr(r->body, "<option value=\"ervaringswerker\" selected");
	cr_assert_not_null(sel, "role not preselected: %.2000s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, browser, "/perspectief/nieuw", form);
	loc = wp_ts_header(r, "Location");
	cr_assert_eq(r->status, 303, "form: %ld %.1500s", r->status, r->body);
	cr_assert(loc && strstr(loc, "/" STORY), "Location %s", loc ? loc : "-");
	wp_ts_response_free(r);
	wp_ts_auth_free(browser);

	/* karel: another team's professional, who reads the story */
	r = get_as(karel, "/" STORY, 200);
	cr_assert_not_null(strstr(r->body, "perspectives-side-by-side"), "%.3000s", r->body);
	j = get_json_as(karel, "/api/perspectieven?verhaal=" STORY, 200);
	lived = strdup(json_string_value(
	    json_object_get(json_array_get(json_object_get(j, "perspectives"), 0), "path")));
	cr_assert_str_neq(lived, pro, "the lived-experience perspective comes first");
	cr_assert(json_is_true(json_object_get(api_entry(j, lived), "lived")));
	cr_assert(json_is_false(json_object_get(api_entry(j, pro), "lived")));
	cr_assert(json_is_false(json_object_get(api_entry(j, pro), "may_edit")));
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 2);

	art = article_of(r->body, lived);
	cr_assert_not_null(art, "no article for %s: %.3000s", lived, r->body);
	cr_assert(strstr(art, "lived-experience") && strstr(art, "Ervaringskennis"), "%s", art);
	cr_assert(strstr(art, LIVED_TITLE) && strstr(art, LIVED_WORD), "%s", art);
	cr_assert(strstr(art, "Ervaringswerker regio Zuid"), "auteur missing: %s", art);
	free(art);
	art = article_of(r->body, pro);
	cr_assert_not_null(art, "no article for %s", pro);
	cr_assert_null(strstr(art, "lived-experience"), "%s", art);
	cr_assert(strstr(art, PRO_TITLE) && strstr(art, PRO_WORD), "%s", art);
	cr_assert_null(strstr(art, "/bewerken/"), "karel may not edit piet's: %s", art);
	free(art);
	cr_assert_lt(strstr(r->body, lived) - r->body, strstr(r->body, pro) - r->body,
		     "lived experience is not shown after the professional");

	cr_assert_eq(shown_count(r->body, "ervaringswerker"), 1);
	cr_assert_eq(shown_count(r->body, "professional"), 1);
	cr_assert_eq(shown_count(r->body, "inwoner"), 0);
	cr_assert_eq(api_count(j, "ervaringswerker"), 1);
	cr_assert_eq(api_count(j, "professional"), 1);
	cr_assert_eq(api_count(j, "gemeente"), 0);
	cr_assert(!has_invite(r->body, "ervaringswerker") && !has_invite(r->body, "professional"));
	cr_assert(has_invite(r->body, "inwoner") && has_invite(r->body, "gemeente") &&
		  has_invite(r->body, "aanbieder"));
	cr_assert(strstr(r->body, "/perspectief/nieuw?verhaal=" STORY "&amp;rol=inwoner"),
		  "invitation does not preselect the role");
	cr_assert(in_missing(j, "inwoner") && in_missing(j, "gemeente") &&
		  in_missing(j, "aanbieder") && !in_missing(j, "professional") &&
		  !in_missing(j, "ervaringswerker"));
	wp_ts_response_free(r);
	json_decref(j);

	/* a lezer sees the perspectives and counts, but is invited to nothing */
	r = get_as(lotte, "/" STORY, 200);
	cr_assert(strstr(r->body, LIVED_TITLE) && strstr(r->body, PRO_TITLE));
	cr_assert_eq(shown_count(r->body, "ervaringswerker"), 1);
	cr_assert(!has_invite(r->body, "inwoner"), "a lezer is invited to write");
	wp_ts_response_free(r);
	free(pro);
	free(lived);
}

/* The writer's own perspective shows its edit link; the file records its
 * account, and its story's path in `verhaal`. */
Test(verhalen, new_perspective_records_account_and_story)
{
	char *path, *file, *url;
	wp_ts_response *r;
	char *art;

	api_add(piet, "vijftig-euro-te-veel", "inwoner", "ervaring", "Naverteld door de consulent",
		"Wat hij me vertelde", "Hij schaamde zich.", &path);
	file = file_of(path);
	cr_assert(strstr(file, "account: piet"), "%s", file);
	cr_assert(strstr(file, "verhaal: " STORY) || strstr(file, "verhaal: \"" STORY "\""), "%s",
		  file);
	free(file);
	r = get_as(piet, "/" STORY, 200);
	art = article_of(r->body, path);
	url = wp_ts_fmt("/bewerken/%s", path);
	cr_assert(art && strstr(art, url), "no edit link for its writer: %s", art ? art : "-");
	/* kennisbron ervaring marks it as lived experience whatever the role */
	cr_assert(strstr(art, "lived-experience"), "%s", art);
	free(art);
	free(url);
	free(path);
	wp_ts_response_free(r);
}

/* ---- who may change a perspective ---- */

Test(verhalen, only_its_writer_or_the_regio_team_changes_a_perspective)
{
	char rev[WP_TS_OID_HEX], *path, *content, *body = NULL;
	long status;

	api_add(piet, STORY, "professional", "vakmanschap", "Consulent", PRO_TITLE,
		"Eerste versie.", &path);

	revision_of(rev, path);
	content = edited(path, "Eerste versie.", "Door karel veranderd.");
	status = put_as(karel, path, content, rev, &body);
	cr_assert_eq(status, 403, "karel edits piet's perspective: %ld %s", status, body);
	cr_assert(strstr(body, "regioteam"), "message: %s", body);
	free(body);
	wp_ts_use(srv, karel);
	{
		wp_ts_response *r = wp_ts_api_delete(srv, path, rev, "weg");

		cr_assert_eq(r->status, 403, "karel deletes piet's perspective: %ld", r->status);
		wp_ts_response_free(r);
	}
	wp_ts_use(srv, NULL);

	/* the writer may, but may not hand it to someone else */
	free(content);
	content = edited(path, "account: piet", "account: karel");
	status = put_as(piet, path, content, rev, &body);
	cr_assert_eq(status, 403, "piet changes the account: %ld %s", status, body);
	free(body);
	free(content);
	content = edited(path, "Eerste versie.", "Door piet aangevuld.");
	cr_assert_eq(put_as(piet, path, content, rev, NULL), 200);
	free(content);

	revision_of(rev, path);
	content = edited(path, "Door piet aangevuld.", "Door het regioteam verbeterd.");
	status = put_as(rita, path, content, rev, &body);
	cr_assert_eq(status, 200, "regioteam: %ld %s", status, body);
	free(body);
	free(content);
	free(path);
}

/* A demo perspective has no account: only the regio team changes it. */
Test(verhalen, perspective_without_account_is_for_the_regio_team)
{
	char rev[WP_TS_OID_HEX],
	    *content = edited(DEMO_PERSP, "lees ik dit verhaal", "las ik dit verhaal");

	revision_of(rev, DEMO_PERSP);
	cr_assert_eq(put_as(piet, DEMO_PERSP, content, rev, NULL), 403);
	cr_assert_eq(put_as(rita, DEMO_PERSP, content, rev, NULL), 200);
	free(content);
}

/* ---- schema violations ---- */

Test(verhalen, api_answers_schema_violations_with_field_messages)
{
	static const struct {
		const char *verhaal, *rol, *bron, *field;
	} bad[] = {
	    {STORY, NULL, "ervaring", "rol"},
	    {STORY, "professional", "gevoel", "kennisbron"},
	    {STORY, "koning", "ervaring", "rol"},
	    {MISSING, "professional", "vakmanschap", "verhaal"},
	    {TEAM_STORY, "professional", "vakmanschap", "verhaal"}, /* hidden from karel */
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *req =
		    json_pack("{s:s, s:s, s:s, s:s}", "verhaal", bad[i].verhaal, "kennisbron",
			      bad[i].bron, "titel", "Een titel", "tekst", "Een tekst.");
		wp_ts_response *r;
		json_t *j;

		if (bad[i].rol)
			json_object_set_new(req, "rol", json_string(bad[i].rol));
		r = api_post_as(karel, req);
		cr_assert_eq(r->status, 400, "case %zu: %ld %s", i, r->status, r->body);
		j = wp_ts_json(r);
		cr_assert(json_is_string(json_object_get(j, "error")), "case %zu: %s", i, r->body);
		cr_assert(problem_of(j, bad[i].field) && *problem_of(j, bad[i].field),
			  "case %zu: no message for %s: %s", i, bad[i].field, r->body);
		json_decref(j);
		wp_ts_response_free(r);
	}
	/* nothing was saved under the missing story */
	{
		json_t *j = get_json_as(karel, "/api/perspectieven?verhaal=" STORY, 200);

		cr_assert_eq(json_integer_value(json_object_get(j, "total")), 0);
		json_decref(j);
	}
}

/* The form comes back with 400, the message next to the field and every
 * word the person wrote still there. */
Test(verhalen, form_keeps_the_text_and_marks_the_field)
{
	static const struct {
		const char *verhaal, *rol, *bron, *field_id;
	} bad[] = {
	    {STORY, "", "ervaring", "rol-fout"},
	    {STORY, "inwoner", "gevoel", "kennisbron-fout"},
	    {MISSING, "inwoner", "ervaring", "verhaal-fout"},
	};
	const char *text = "Mijn tekst met <em>tekens</em> & regels\nop twee regels.";
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *f[] = {"verhaal",	bad[i].verhaal, "rol",	  bad[i].rol, "kennisbron",
				   bad[i].bron, "auteur",	"Iemand", "titel",    "Mijn titel",
				   "tekst",	text,		NULL};
		wp_ts_response *r = wp_ts_post_form_as(srv, karel, "/perspectief/nieuw", f);
		char *kept, *title;

		cr_assert_eq(r->status, 400, "case %zu: %ld %.1500s", i, r->status, r->body);
		cr_assert(strstr(r->body, bad[i].field_id), "case %zu: no %s: %.3000s", i,
			  bad[i].field_id, r->body);
		kept = wp_ts_textarea(r->body, "tekst");
		title = wp_ts_input_value(r->body, "titel");
		cr_assert(kept && strcmp(kept, text) == 0, "case %zu: text lost: [%s]", i,
			  kept ? kept : "-");
		cr_assert(title && strcmp(title, "Mijn titel") == 0, "case %zu", i);
		free(kept);
		free(title);
		wp_ts_response_free(r);
	}
}

/* The generic doors check the same schemas: a story's datum is a month,
 * a perspective needs its rol, and sits under an existing story its
 * writer may read, which its `verhaal` (when given) must name. */
Test(verhalen, page_doors_check_the_schemas)
{
	char rev[WP_TS_OID_HEX], *content, *body = NULL;
	long status;

	revision_of(rev, STORY);
	content = edited(STORY, "datum: \"2025-04\"", "datum: \"2025-04-17\"");
	status = put_as(piet, STORY, content, rev, &body);
	cr_assert_eq(status, 400, "exact date: %ld %s", status, body);
	cr_assert(strstr(body, "datum"), "no field message: %s", body);
	free(body);
	free(content);

	status = put_as(piet, STORY "/perspectieven/zonder-rol",
			"---\ntitel: Zonder rol\nkennisbron: ervaring\nverhaal: " STORY
			"\n---\nTekst.\n",
			NULL, &body);
	cr_assert_eq(status, 400, "no rol: %ld %s", status, body);
	cr_assert(strstr(body, "rol"), "%s", body);
	free(body);

	/* under a story that does not exist (named or not), under one karel
	 * may not read, and under one while naming another */
	{
		static const struct {
			wp_ts_auth *const *who;
			const char *path, *verhaal;
		} cases[] = {
		    {&piet, MISSING "/perspectieven/los", "verhaal: " MISSING "\n"},
		    {&piet, MISSING "/perspectieven/los", ""},
		    {&karel, TEAM_STORY "/perspectieven/los", ""},
		    {&piet, STORY "/perspectieven/los",
		     "verhaal: verhalen/mantelzorger-op-de-grens\n"},
		};
		size_t i;

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			char *c = wp_ts_fmt("---\ntitel: Los\nrol: professional\nkennisbron: "
					    "ervaring\n%szichtbaarheid: ingelogd\n---\nTekst.\n",
					    cases[i].verhaal);
			json_t *j;

			status = put_as(*cases[i].who, cases[i].path, c, NULL, &body);
			cr_assert_eq(status, 400, "case %zu: %ld %s", i, status, body);
			j = json_loads(body, 0, NULL);
			cr_assert(problem_of(j, "verhaal") && *problem_of(j, "verhaal"),
				  "case %zu: %s", i, body);
			/* a hidden story answers as a missing one: no title shown */
			cr_assert_null(strstr(body, "Twee gemeentes"), "case %zu: %s", i, body);
			json_decref(j);
			free(body);
			free(c);
		}
	}
	/* the page editor's form keeps the text too */
	{
		const char *f[] = {"path",	  STORY "-kopie",
				   "base",	  "",
				   "frontmatter", "titel: Kopie\ndatum: 2025-04-17\n",
				   "body",	  "Kopietekst blijft.",
				   "message",	  "",
				   "action",	  "save",
				   NULL};
		wp_ts_response *r = wp_ts_post_form_as(srv, piet, "/nieuw", f);
		char *kept = wp_ts_textarea(r->body, "body");

		cr_assert_eq(r->status, 400, "form: %ld %.1500s", r->status, r->body);
		cr_assert(kept && strstr(kept, "Kopietekst blijft."), "%s", kept ? kept : "-");
		cr_assert(strstr(r->body, "datum"), "%.2000s", r->body);
		free(kept);
		wp_ts_response_free(r);
	}
}

/* Approving the anonymisation is the regio team's call. The story waits
 * for approval as a page from before the privacy check (a checked story
 * visible to every account), committed as it is. */
Test(verhalen, only_the_regio_team_approves_anonymisation)
{
	char rev[WP_TS_OID_HEX], *content, *body = NULL, *waiting;
	const char *path = "verhalen/vh-wacht-op-goedkeuring";
	long status;

	waiting = edited(STORY, "anonimisering: goedgekeurd", "anonimisering: gecontroleerd");
	wp_ts_repo_commit_raw(wp_ts_data_dir(srv), "verhalen/vh-wacht-op-goedkeuring.md", waiting);
	free(waiting);
	revision_of(rev, path);
	content = edited(path, "anonimisering: gecontroleerd", "anonimisering: goedgekeurd");
	status = put_as(piet, path, content, rev, &body);
	cr_assert_eq(status, 403, "professional approves: %ld %s", status, body);
	cr_assert(strstr(body, "anonimisering"), "%s", body);
	free(body);
	cr_assert_eq(put_as(rita, path, content, rev, NULL), 200);
	free(content);
}

/* ---- visibility ---- */

/* A perspective of a team story takes the story's visibility: outsiders
 * see neither; a team perspective on a story everyone reads is left out of
 * the outsiders' section, list and counts. */
Test(verhalen, hidden_perspectives_are_neither_shown_nor_counted)
{
	char *team_p, *file, *url;
	json_t *j;
	wp_ts_response *r;
	long status;

	api_add(piet, TEAM_STORY, "professional", "vakmanschap", "Wijkcoach", "Teamblik",
		"Alleen voor het team.", &team_p);
	file = file_of(team_p);
	cr_assert(strstr(file, "zichtbaarheid: team") && strstr(file, TEAM), "%s", file);
	free(file);
	url = wp_ts_fmt("/%s", team_p);
	wp_ts_response_free(get_as(eva, url, 200));
	wp_ts_response_free(get_as(karel, url, 404));
	free(url);
	j = get_json_as(eva, "/api/perspectieven?verhaal=" TEAM_STORY, 200);
	cr_assert_eq(api_count(j, "professional"), 1);
	json_decref(j);
	r = get_as(karel, "/api/perspectieven?verhaal=" TEAM_STORY, 404);
	{
		wp_ts_response *m = get_as(karel, "/api/perspectieven?verhaal=" MISSING, 404);

		cr_assert_str_eq(r->body, m->body, "a hidden story answers unlike a missing one");
		wp_ts_response_free(m);
	}
	wp_ts_response_free(r);

	/* a team perspective on a story karel reads */
	status = put_as(piet, STORY "/perspectieven/binnen-het-team",
			"---\ntitel: Binnen het team\nrol: gemeente\nkennisbron: wetenschap\n"
			"verhaal: " STORY "\nzichtbaarheid: team\nteam: " TEAM "\n---\nGeheim.\n",
			NULL, NULL);
	cr_assert_eq(status, 201);
	r = get_as(eva, "/" STORY, 200);
	cr_assert(strstr(r->body, "Binnen het team"));
	cr_assert_eq(shown_count(r->body, "gemeente"), 1);
	wp_ts_response_free(r);
	r = get_as(karel, "/" STORY, 200);
	cr_assert_null(strstr(r->body, "Binnen het team"), "outsider sees the team perspective");
	cr_assert_eq(shown_count(r->body, "gemeente"), 0);
	cr_assert(has_invite(r->body, "gemeente"));
	wp_ts_response_free(r);
	j = get_json_as(karel, "/api/perspectieven?verhaal=" STORY, 200);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 0);
	cr_assert_eq(api_count(j, "gemeente"), 0);
	cr_assert(in_missing(j, "gemeente"));
	json_decref(j);
	r = wp_ts_request_as(srv, NULL, "GET", "/api/perspectieven?verhaal=" STORY, NULL, NULL,
			     NULL);
	cr_assert_eq(r->status, 404, "anonymous reads an ingelogd story's list: %ld", r->status);
	wp_ts_response_free(r);
	free(team_p);
}

/* A perspective written through the page API without `verhaal` and
 * without zichtbaarheid takes both from its story: under a team story it
 * is the team's, and an outsider gets 404. */
Test(verhalen, page_api_perspective_takes_story_and_visibility)
{
	const char *path = TEAM_STORY "/perspectieven/via-de-api";
	char *body = NULL, *file, *url;
	long status;
	json_t *j;

	status = put_as(piet, path,
			"---\ntitel: Via de API\nrol: professional\nkennisbron: vakmanschap\n"
			"---\nZonder verhaal en zichtbaarheid.\n",
			NULL, &body);
	cr_assert_eq(status, 201, "%ld %s", status, body);
	free(body);
	file = file_of(path);
	cr_assert(strstr(file, "zichtbaarheid: team"), "%s", file);
	cr_assert(strstr(file, "team: " TEAM) || strstr(file, "team: \"" TEAM "\""), "%s", file);
	cr_assert(strstr(file, "verhaal: " TEAM_STORY) ||
		      strstr(file, "verhaal: \"" TEAM_STORY "\""),
		  "%s", file);
	cr_assert(strstr(file, "account: piet"), "%s", file);
	free(file);

	url = wp_ts_fmt("/%s", path);
	wp_ts_response_free(get_as(eva, url, 200));
	wp_ts_response_free(get_as(karel, url, 404));
	free(url);
	url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response_free(get_as(karel, url, 404));
	free(url);
	j = get_json_as(eva, "/api/perspectieven?verhaal=" TEAM_STORY, 200);
	cr_assert(api_entry(j, path), "not in the team's list");
	json_decref(j);
}

/* A perspective retells part of its story: under a team story it may not
 * be made openbaar, ingelogd or another team's, whoever writes it. */
Test(verhalen, perspective_is_never_wider_than_its_story)
{
	static const char *const wider[] = { "zichtbaarheid: openbaar\n",
					     "zichtbaarheid: ingelogd\n",
					     "zichtbaarheid: team\nteam: ander-team\n" };
	char *body = NULL, *content;
	long status;
	size_t i;

	for (i = 0; i < sizeof(wider) / sizeof(wider[0]); i++) {
		content = wp_ts_fmt("---\ntitel: Breder\nrol: professional\nkennisbron: "
				    "vakmanschap\n%s---\nTekst.\n",
				    wider[i]);
		status = put_as(piet, TEAM_STORY "/perspectieven/breder", content, NULL, &body);
		cr_assert(status == 400 || status == 403, "%s: %ld %s", wider[i], status, body);
		if (status == 400)
			cr_assert_not_null(strstr(body, "\"zichtbaarheid\""), "%s", body);
		free(body);
		body = NULL;
		free(content);
	}
	status = put_as(piet, TEAM_STORY "/perspectieven/breder",
			"---\ntitel: Smal\nrol: professional\nkennisbron: vakmanschap\n"
			"zichtbaarheid: team\nteam: " TEAM "\n---\nTekst.\n",
			NULL, &body);
	cr_assert_eq(status, 201, "the story's own team: %ld %s", status, body);
	free(body);
}

/* A demo perspective (no zichtbaarheid, no account) is renamed by the
 * regio team: it moves, takes its story's visibility (the story is
 * openbaar, so anyone reads it) and keeps its story. A professional may
 * not rename it. */
Test(verhalen, regio_team_renames_a_demo_perspective)
{
	const char *to = DEMO_PERSP "-hernoemd";
	char rev[WP_TS_OID_HEX], *file, *art, *url = wp_ts_fmt("/hernoemen/%s", DEMO_PERSP);
	const char *loc;
	wp_ts_response *r;

	revision_of(rev, DEMO_PERSP);
	{
		const char *f[] = {"new_path", to, "base", rev, "message", "Hernoemd", NULL};

		r = wp_ts_post_form_as(srv, piet, url, f);
		cr_assert_eq(r->status, 403, "professional renames a demo: %ld %.800s", r->status,
			     r->body);
		wp_ts_response_free(r);
		r = wp_ts_post_form_as(srv, rita, url, f);
	}
	cr_assert_eq(r->status, 303, "rename: %ld %.1500s", r->status, r->body);
	loc = wp_ts_header(r, "Location");
	cr_assert(loc && strstr(loc, to), "Location %s", loc ? loc : "-");
	wp_ts_response_free(r);
	free(url);

	file = file_of(to);
	cr_assert(strstr(file, "zichtbaarheid: openbaar"), "%s", file);
	cr_assert(strstr(file, "verhaal: \"verhalen/schuld-eerst-of-het-kind\"") ||
		      strstr(file, "verhaal: verhalen/schuld-eerst-of-het-kind"),
		  "%s", file);
	free(file);
	url = wp_ts_fmt("/%s", to);
	r = wp_ts_request_as(srv, NULL, "GET", url, NULL, NULL, NULL);
	cr_assert_eq(r->status, 200, "anonymous reads the renamed: %ld", r->status);
	wp_ts_response_free(r);
	free(url);
	r = get_as(karel, "/verhalen/schuld-eerst-of-het-kind", 200);
	art = article_of(r->body, to);
	cr_assert_not_null(art, "not on the story's page: %.2000s", r->body);
	free(art);
	wp_ts_response_free(r);
}

/* ---- the form's doors ---- */

Test(verhalen, form_needs_a_writer_and_a_readable_story)
{
	wp_ts_response *r = get_as(NULL, "/perspectief/nieuw?verhaal=" STORY, 303);
	const char *loc = wp_ts_header(r, "Location");

	cr_assert(loc && strstr(loc, "/inloggen"), "anonymous: %s", loc ? loc : "-");
	wp_ts_response_free(r);
	wp_ts_response_free(get_as(lotte, "/perspectief/nieuw?verhaal=" STORY, 403));
	wp_ts_response_free(get_as(karel, "/perspectief/nieuw?verhaal=" MISSING, 404));
	wp_ts_response_free(get_as(karel, "/perspectief/nieuw?verhaal=" TEAM_STORY, 404));
	wp_ts_response_free(get_as(karel, "/perspectief/elders", 404));
	r = api_post_as(lotte,
			json_pack("{s:s, s:s, s:s, s:s, s:s}", "verhaal", STORY, "rol", "inwoner",
				  "kennisbron", "ervaring", "titel", "T", "tekst", "x"));
	cr_assert_eq(r->status, 403, "lezer writes: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
}

/* Demo perspectives link to each other by bare slug; in the story's
 * section those links still reach the sibling, and the body's headings sit
 * below the section's own. */
Test(verhalen, section_keeps_links_between_perspectives_working)
{
	wp_ts_response *r = get_as(karel, "/verhalen/achttien-en-ineens-volwassen", 200);
	char *art = article_of(r->body, "verhalen/achttien-en-ineens-volwassen/perspectieven/"
					"aanbieder-doorwerken-zonder-beschikking");

	cr_assert_not_null(art, "%.3000s", r->body);
	cr_assert(strstr(art, "href=\"/verhalen/achttien-en-ineens-volwassen/perspectieven/"
			      "ervaringswerker-niemand-vertelde-het-mij\""),
		  "sibling link lost: %s", art);
	cr_assert_null(strstr(art, "<h2"), "%s", art);
	cr_assert_not_null(strstr(art, "<h5>"), "%s", art);
	free(art);
	wp_ts_response_free(r);
}
