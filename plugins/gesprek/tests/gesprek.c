/* Integration tests of the gesprek plugin (the wat-werkt-gesprek):
 * starting a conversation from a story, what the form shows beside its
 * steps, continuing it later, the plan page that shapes the form, the
 * JSON API and who may do what, against the real server with the demo
 * content. Expected lists come from the demo content folder, not from
 * constants. */
#include "server.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define STORY	    "verhalen/schuld-eerst-of-het-kind"
#define STORY_TITLE "Schuld eerst, of het kind?"
#define DILEMMA	    "dilemmas/regels-volgen-versus-maatwerk-leveren"
#define PLAN	    "sjablonen/wat-werkt-gesprek"
#define TEAM_NOORD  "wijkteam-noord"
#define TEAM_ZUID   "wijkteam-zuid"
/* A story and a perspective only team noord reads (added by the tests). */
#define NOORD_STORY	  "verhalen/alleen-voor-noord"
#define NOORD_PERSPECTIVE STORY "/perspectieven/blik-van-noord"

static wp_test_server *srv;
static wp_ts_auth *zuid;  /* professional of another team than the team pages */
static wp_ts_auth *noord; /* regioteam member of TEAM_NOORD */
static wp_ts_auth *lezer;

static void start(void)
{
	srv = wp_ts_start(NULL);
	zuid = wp_ts_as(srv, "zuid", "professional", TEAM_ZUID);
	noord = wp_ts_as(srv, "noord", "regioteam", TEAM_NOORD);
	lezer = wp_ts_as(srv, "lezer", "lezer", NULL);
	wp_ts_use(srv, zuid);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(zuid);
	wp_ts_auth_free(noord);
	wp_ts_auth_free(lezer);
	zuid = noord = lezer = NULL;
}

TestSuite(gesprek, .init = start, .fini = stop, .timeout = 120);

/* ---- helpers ---- */

static wp_ts_response *get(const char *path, long status)
{
	wp_ts_response *r = wp_ts_get(srv, path);

	cr_assert_eq(r->status, status, "GET %s: expected %ld, got %ld: %.600s", path, status,
		     r->status, r->body);
	return r;
}

static wp_ts_response *post(const char *path, const char *const *fields, long status)
{
	wp_ts_response *r = wp_ts_post_form(srv, path, fields);

	cr_assert_eq(r->status, status, "POST %s: expected %ld, got %ld: %.1500s", path, status,
		     r->status, r->body);
	return r;
}

/* The page's front matter from the JSON API (as the current account). */
static json_t *meta_of(const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = get(url, 200);
	json_t *page = wp_ts_json(r), *meta = json_incref(json_object_get(page, "meta"));

	cr_assert(json_is_object(meta), "%s has no front matter: %s", path, r->body);
	json_decref(page);
	wp_ts_response_free(r);
	free(url);
	return meta;
}

/* Non-zero when the JSON list holds the string s. */
static int list_has(const json_t *list, const char *s)
{
	const json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

/* The HTML of the form's step section n (up to its </section>).
 * Caller frees. */
static char *step_html(const char *html, int n)
{
	char *marker = wp_ts_fmt("aria-labelledby=\"stap_%d-kop\"", n);
	const char *start = strstr(html, marker), *end;

	cr_assert_not_null(start, "no step %d on the form", n);
	end = strstr(start, "</section>");
	cr_assert_not_null(end);
	free(marker);
	return strndup(start, (size_t)(end - start));
}

/* Number of links to pages under folder/ in html. */
static size_t links_under(const char *html, const char *folder)
{
	char *needle = wp_ts_fmt("<a href=\"/%s/", folder);
	size_t n = wp_ts_count(html, needle);

	free(needle);
	return n;
}

static int links_to(const char *html, const char *path)
{
	char *needle = wp_ts_fmt("href=\"/%s\"", path);
	int found = strstr(html, needle) != NULL;

	free(needle);
	return found;
}

/* A list of page paths. */
typedef struct {
	char *path[64];
	size_t n;
} path_list;

static void paths_add(path_list *l, const char *path)
{
	cr_assert_lt(l->n, 64);
	l->path[l->n++] = strdup(path);
}

static void paths_free(path_list *l)
{
	while (l->n)
		free(l->path[--l->n]);
}

/* Reads the front matter of a demo file: whether its list `dilemmas`
 * holds slug, and its zichtbaarheid and team. */
static void demo_front_matter(const char *file, const char *slug, int *has_dilemma, int *team_only,
			      char team[64])
{
	char *text = wp_ts_read_file(file), *line, *save = NULL;
	int in_fm = 0, in_dilemmas = 0;

	cr_assert_not_null(text, "cannot read %s", file);
	*has_dilemma = *team_only = 0;
	team[0] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strcmp(line, "---") == 0) {
			if (in_fm)
				break;
			in_fm = 1;
			continue;
		}
		if (in_dilemmas && strncmp(line, "  - ", 4) == 0) {
			*has_dilemma |= strcmp(line + 4, slug) == 0;
			continue;
		}
		in_dilemmas = strcmp(line, "dilemmas:") == 0;
		if (strcmp(line, "zichtbaarheid: team") == 0)
			*team_only = 1;
		if (strncmp(line, "team: ", 6) == 0)
			snprintf(team, 64, "%s", line + 6);
	}
	free(text);
}

/* The demo stories with dilemma slug that an account of team may read
 * (team pages of other teams left out), except the story except. */
static void demo_stories_with(path_list *out, const char *slug, const char *team,
			      const char *except)
{
	char *dir = wp_ts_fmt("%s/verhalen", wp_ts_content_dir());
	DIR *d = opendir(dir);
	struct dirent *e;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *file, *path, team_of[64];
		int has, team_only;

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		file = wp_ts_fmt("%s/%s", dir, e->d_name);
		path = wp_ts_fmt("verhalen/%.*s", (int)(len - 3), e->d_name);
		demo_front_matter(file, slug, &has, &team_only, team_of);
		if (has && strcmp(path, except) != 0 && (!team_only || strcmp(team_of, team) == 0))
			paths_add(out, path);
		free(file);
		free(path);
	}
	closedir(d);
	free(dir);
}

/* The demo perspectives on story (all readable by any account). */
static void demo_perspectives(path_list *out, const char *story)
{
	char *dir = wp_ts_fmt("%s/%s/perspectieven", wp_ts_content_dir(), story);
	DIR *d = opendir(dir);
	struct dirent *e;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *path;

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		path = wp_ts_fmt("%s/perspectieven/%.*s", story, (int)(len - 3), e->d_name);
		paths_add(out, path);
		free(path);
	}
	closedir(d);
	free(dir);
}

/* Asserts the html (a step's section) links to exactly the pages of
 * want under folder. */
static void assert_lists_exactly(const char *html, const char *folder, const path_list *want)
{
	size_t i;

	for (i = 0; i < want->n; i++)
		cr_assert(links_to(html, want->path[i]), "%s is not listed in:\n%s", want->path[i],
			  html);
	cr_assert_eq(links_under(html, folder), want->n, "expected %zu links under %s/:\n%s",
		     want->n, folder, html);
}

/* Saves a page as account a through the JSON API; expects 201 or 200. */
static void put_as(wp_ts_auth *a, const char *path, const char *content)
{
	char rev[WP_TS_OID_HEX] = "";
	wp_ts_response *probe, *r;
	char *url = wp_ts_fmt("/api/pages/%s", path);

	wp_ts_use(srv, a);
	probe = wp_ts_get(srv, url);
	if (probe->status == 200)
		wp_ts_api_revision(rev, srv, path);
	r = wp_ts_api_put(srv, path, content, *rev ? rev : NULL, "test");
	cr_assert(r->status == 200 || r->status == 201, "PUT %s: %ld %s", path, r->status, r->body);
	wp_ts_response_free(probe);
	wp_ts_response_free(r);
	free(url);
	wp_ts_use(srv, zuid);
}

/* Adds a story and a perspective only team noord may read. */
static void add_team_pages(void)
{
	put_as(noord, NOORD_STORY,
	       "---\ntitel: \"Alleen voor noord\"\ndilemmas:\n  - "
	       "regels-volgen-versus-maatwerk-leveren\ndatum: \"2025-06\"\nzichtbaarheid: team\n"
	       "team: " TEAM_NOORD
	       "\nanonimisering: concept\n---\n\nEen verhaal van team noord.\n");
	put_as(noord, NOORD_PERSPECTIVE,
	       "---\ntitel: \"Blik van noord\"\nrol: professional\nkennisbron: vakmanschap\n"
	       "verhaal: " STORY "\n"
	       "zichtbaarheid: team\nteam: " TEAM_NOORD "\n---\n\nAlleen voor team noord.\n");
}

/* The fields of a new-conversation form about STORY and DILEMMA. */
#define NEW_FIELDS(datum)                                                                          \
	"verhaal", STORY, "verhaal_vast", "1", "dilemma", DILEMMA, "dilemma_vast", "1", "datum",   \
	    datum, "deelnemers", "wijkcoach\r\nervaringswerker\r\n", "stap_1",                     \
	    "Moeder van drie, zes schuldeisers.\r\nDe zoon spijbelt.", "stap_2",                   \
	    "Gezin centraal versus kind centraal.", "stap_3", "De ervaringswerker: rust eerst."

/* Starts a conversation through the form; returns its path. Caller frees. */
static char *start_conversation(const char *datum)
{
	const char *fields[] = {NEW_FIELDS(datum), NULL};
	wp_ts_response *r = post("/gesprek/nieuw", fields, 303);
	const char *loc = wp_ts_header(r, "Location");
	char *path;

	cr_assert(loc && strncmp(loc, "/gesprekken/", 12) == 0, "Location %s", loc ? loc : "-");
	path = strdup(loc + 1);
	wp_ts_response_free(r);
	return path;
}

/* ---- tests ---- */

Test(gesprek, started_from_a_story_is_saved_with_its_steps_and_linked_to_story_and_dilemma)
{
	wp_ts_response *r = get("/gesprek/nieuw?verhaal=" STORY "&dilemma=" DILEMMA, 200);
	char *path, *url, *file, *area;
	json_t *meta;
	int i;

	/* The form knows the story and shows one textarea per step. */
	cr_assert(strstr(r->body, STORY_TITLE), "%.2000s", r->body);
	for (i = 1; i <= 7; i++) {
		char name[16];

		snprintf(name, sizeof(name), "stap_%d", i);
		area = wp_ts_textarea(r->body, name);
		cr_assert(i <= 6 ? area != NULL : area == NULL, "%s", name);
		free(area);
	}
	wp_ts_response_free(r);

	path = start_conversation("2025-09");
	cr_assert_str_eq(path, "gesprekken/wat-werkt-schuld-eerst-of-het-kind-2025-09");
	meta = meta_of(path);
	cr_assert_str_eq(json_string_value(json_object_get(meta, "verhaal")), STORY);
	cr_assert_str_eq(json_string_value(json_object_get(meta, "dilemma")), DILEMMA);
	cr_assert_str_eq(json_string_value(json_object_get(meta, "datum")), "2025-09");
	cr_assert_str_eq(json_string_value(json_object_get(meta, "titel")),
			 "Wat-werkt-gesprek: " STORY_TITLE);
	cr_assert_eq(json_array_size(json_object_get(meta, "deelnemers")), 2);
	cr_assert(list_has(json_object_get(meta, "deelnemers"), "ervaringswerker"));
	/* stappen: the steps with text, by name. */
	cr_assert_eq(json_array_size(json_object_get(meta, "stappen")), 3);
	cr_assert(list_has(json_object_get(meta, "stappen"), "Casus"));
	cr_assert(list_has(json_object_get(meta, "stappen"), "Perspectieven"));
	cr_assert_not(list_has(json_object_get(meta, "stappen"), "Wat werkt"));
	json_decref(meta);

	/* The body: a section per step with text, under its heading. */
	url = wp_ts_fmt("HEAD:%s.md", path);
	file = wp_ts_repo_file(wp_ts_data_dir(srv), url);
	cr_assert_not_null(file);
	cr_assert(strstr(file, "## 1. Casus\n\nMoeder van drie, zes schuldeisers.\nDe zoon "
			       "spijbelt.\n"),
		  "%s", file);
	cr_assert(strstr(file, "## 3. Perspectieven\n\nDe ervaringswerker: rust eerst."), "%s",
		  file);
	cr_assert_null(strstr(file, "## 4."), "%s", file);
	free(file);
	free(url);

	/* The conversation page says what is done and what remains. */
	url = wp_ts_fmt("/%s", path);
	r = get(url, 200);
	cr_assert(strstr(r->body, "<li>4. Wat werkt</li>"), "%.3000s", r->body);
	cr_assert(strstr(r->body, "<li>6. Terugblik</li>"));
	cr_assert_null(strstr(r->body, "<li>1. Casus</li>"));
	free(url);
	url = wp_ts_fmt("href=\"/gesprek/verder/%s\"", path);
	cr_assert(strstr(r->body, url), "no link to continue");
	free(url);
	wp_ts_response_free(r);

	/* The story's section lists it; the dilemma links back to it. */
	r = get("/" STORY, 200);
	cr_assert(links_to(r->body, path), "the story does not list %s", path);
	cr_assert(strstr(r->body, "href=\"/gesprek/nieuw?verhaal=" STORY "\""));
	wp_ts_response_free(r);
	r = get("/" DILEMMA, 200);
	cr_assert(links_to(r->body, path), "the dilemma does not link to %s", path);
	wp_ts_response_free(r);

	/* A second conversation of the same story and month gets its own page. */
	{
		char *second = start_conversation("2025-09");

		cr_assert_str_neq(second, path);
		cr_assert(strncmp(second, path, strlen(path)) == 0, "%s", second);
		free(second);
	}
	free(path);
}

Test(gesprek, step_four_lists_exactly_the_visible_stories_with_the_same_dilemma)
{
	path_list want = {0};
	wp_ts_response *r;
	char *step;

	add_team_pages();
	/* An account of another team: the team story of noord stays out. */
	r = get("/gesprek/nieuw?verhaal=" STORY "&dilemma=" DILEMMA, 200);
	step = step_html(r->body, 4);
	demo_stories_with(&want, "regels-volgen-versus-maatwerk-leveren", TEAM_ZUID, STORY);
	cr_assert_gt(want.n, 0);
	assert_lists_exactly(step, "verhalen", &want);
	cr_assert_not(links_to(step, NOORD_STORY));
	cr_assert_not(links_to(step, STORY), "the story itself is listed");
	free(step);
	/* Step 3: the perspectives on the story, without noord's. */
	paths_free(&want);
	step = step_html(r->body, 3);
	demo_perspectives(&want, STORY);
	assert_lists_exactly(step, STORY "/perspectieven", &want);
	free(step);
	wp_ts_response_free(r);

	/* A member of team noord sees its team's story and perspective too. */
	wp_ts_use(srv, noord);
	r = get("/gesprek/nieuw?verhaal=" STORY "&dilemma=" DILEMMA, 200);
	step = step_html(r->body, 4);
	paths_free(&want);
	demo_stories_with(&want, "regels-volgen-versus-maatwerk-leveren", TEAM_NOORD, STORY);
	paths_add(&want, NOORD_STORY);
	assert_lists_exactly(step, "verhalen", &want);
	free(step);
	step = step_html(r->body, 3);
	paths_free(&want);
	demo_perspectives(&want, STORY);
	paths_add(&want, NOORD_PERSPECTIVE);
	assert_lists_exactly(step, STORY "/perspectieven", &want);
	free(step);
	wp_ts_response_free(r);
	paths_free(&want);

	/* Without a dilemma there is a choice instead of a list. */
	wp_ts_use(srv, zuid);
	r = get("/gesprek/nieuw?verhaal=" STORY, 200);
	cr_assert(strstr(r->body, "<select id=\"dilemma\" name=\"dilemma\""), "%.3000s", r->body);
	cr_assert(strstr(r->body, "<option value=\"" DILEMMA "\">"));
	step = step_html(r->body, 4);
	cr_assert_eq(links_under(step, "verhalen"), 0);
	free(step);
	wp_ts_response_free(r);
}

Test(gesprek, choosing_a_story_on_the_form_shows_its_lists_without_saving)
{
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	const char *fields[] = {"verhaal", STORY,    "dilemma",	     "",  "actie",
				"kiezen",  "stap_1", "Al begonnen.", NULL};
	wp_ts_response *r = get("/gesprek/nieuw", 200);
	path_list want = {0};
	char *step, *s;

	/* Without a story or dilemma: a choice of the stories one may read. */
	cr_assert(strstr(r->body, "<select id=\"verhaal\" name=\"verhaal\""), "%.2000s", r->body);
	cr_assert(strstr(r->body, "<option value=\"" STORY "\">"));
	cr_assert_null(strstr(r->body, "verhalen/twee-gemeentes-een-gezin"), "a team story shows");
	wp_ts_response_free(r);

	r = post("/gesprek/nieuw", fields, 200);
	cr_assert(strstr(r->body, "<option value=\"" STORY "\" selected>"), "%.3000s", r->body);
	step = step_html(r->body, 3);
	demo_perspectives(&want, STORY);
	assert_lists_exactly(step, STORY "/perspectieven", &want);
	free(step);
	s = wp_ts_textarea(r->body, "stap_1");
	cr_assert_str_eq(s, "Al begonnen.");
	free(s);
	wp_ts_response_free(r);
	paths_free(&want);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits);
}

Test(gesprek, hidden_conversations_stay_out_of_the_story_section)
{
	wp_ts_response *r;
	char *path;

	/* A conversation about noord's team story is a team page itself. */
	add_team_pages();
	wp_ts_use(srv, noord);
	{
		const char *fields[] = {"verhaal", NOORD_STORY, "dilemma", DILEMMA,
					"datum",   "2025-07",	"stap_1",  "Alleen voor noord.",
					NULL};

		r = post("/gesprek/nieuw", fields, 303);
		path = strdup(wp_ts_header(r, "Location") + 1);
		wp_ts_response_free(r);
	}
	{
		json_t *meta = meta_of(path);

		cr_assert_str_eq(json_string_value(json_object_get(meta, "zichtbaarheid")), "team");
		cr_assert_str_eq(json_string_value(json_object_get(meta, "team")), TEAM_NOORD);
		json_decref(meta);
	}
	/* And a team conversation about a story everyone reads. */
	put_as(noord, "gesprekken/team-gesprek",
	       "---\ntitel: \"Teamgesprek\"\nverhaal: schuld-eerst-of-het-kind\ndilemma: "
	       "regels-volgen-versus-maatwerk-leveren\nzichtbaarheid: team\nteam: " TEAM_NOORD
	       "\nstappen: [Casus]\n---\n\n## 1. Casus\n\nIntern.\n");
	wp_ts_use(srv, noord);
	r = get("/" STORY, 200);
	cr_assert(links_to(r->body, "gesprekken/team-gesprek"));
	wp_ts_response_free(r);
	wp_ts_use(srv, zuid);
	r = get("/" STORY, 200);
	cr_assert_not(links_to(r->body, "gesprekken/team-gesprek"), "a hidden conversation shows");
	wp_ts_response_free(r);
	free(path);
}

Test(gesprek, continuing_adds_a_terugblik_as_a_second_commit)
{
	char *path = start_conversation("2025-10"), *url, *base, *spec, *file;
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;
	json_t *meta;

	url = wp_ts_fmt("/gesprek/verder/%s", path);
	r = get(url, 200);
	base = wp_ts_input_value(r->body, "base");
	cr_assert(base && strlen(base) == 40, "no base on the continue form");
	{
		char *casus = wp_ts_textarea(r->body, "stap_1");
		char *roles = wp_ts_textarea(r->body, "deelnemers");

		cr_assert_str_eq(casus, "Moeder van drie, zes schuldeisers.\nDe zoon spijbelt.");
		cr_assert_str_eq(roles, "wijkcoach\nervaringswerker");
		free(casus);
		free(roles);
	}
	wp_ts_response_free(r);
	{
		const char *fields[] = {NEW_FIELDS("2025-10"),
					"base",
					base,
					"stap_6",
					"Drie maanden later: het hielp.",
					NULL};

		r = post(url, fields, 303);
	}
	free(url);
	url = wp_ts_fmt("/%s", path);
	cr_assert_str_eq(wp_ts_header(r, "Location"), url);
	wp_ts_response_free(r);

	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 1);
	spec = wp_ts_fmt("HEAD:%s.md", path);
	file = wp_ts_repo_file(wp_ts_data_dir(srv), spec);
	cr_assert(strstr(file, "## 6. Terugblik\n\nDrie maanden later: het hielp."), "%s", file);
	cr_assert(strstr(file, "## 1. Casus\n\nMoeder van drie"), "%s", file);
	free(file);
	free(spec);
	spec = wp_ts_fmt("HEAD~1:%s.md", path);
	file = wp_ts_repo_file(wp_ts_data_dir(srv), spec);
	cr_assert_null(strstr(file, "Terugblik"), "%s", file);
	free(file);
	free(spec);
	meta = meta_of(path);
	cr_assert(list_has(json_object_get(meta, "stappen"), "Terugblik"));
	cr_assert_eq(json_array_size(json_object_get(meta, "stappen")), 4);
	json_decref(meta);

	r = get(url, 200);
	cr_assert_null(strstr(r->body, "<li>6. Terugblik</li>"), "Terugblik is still open");
	wp_ts_response_free(r);
	free(url);
	free(base);
	free(path);
}

Test(gesprek, continuing_keeps_the_text_before_and_between_the_steps_of_a_demo_page)
{
	const char *path = "gesprekken/wat-werkt-mantelzorger-op-de-grens";
	char *spec = wp_ts_fmt("HEAD:%s.md", path), *before, *after, *base, *intro, *casus;
	wp_ts_response *r =
	    get("/gesprek/verder/gesprekken/wat-werkt-mantelzorger-op-de-grens", 200);
	const char *body;

	base = wp_ts_input_value(r->body, "base");
	intro = wp_ts_textarea(r->body, "inleiding");
	casus = wp_ts_textarea(r->body, "stap_1");
	cr_assert(strstr(intro, "stappenplan"), "%s", intro);
	cr_assert(strstr(casus, "Een werkende dochter"), "%s", casus);
	wp_ts_response_free(r);
	before = wp_ts_repo_file(wp_ts_data_dir(srv), spec);
	body = strstr(before + 3, "---\n");
	cr_assert_not_null(body);
	/* Every section of the page comes back on the form, word for word. */
	{
		char *s2 = NULL, *s3, *s4, *s5, *s6, *roles;
		wp_ts_response *f = get("/gesprek/verder/"
					"gesprekken/wat-werkt-mantelzorger-op-"
					"de-grens",
					200);

		s2 = wp_ts_textarea(f->body, "stap_2");
		s3 = wp_ts_textarea(f->body, "stap_3");
		s4 = wp_ts_textarea(f->body, "stap_4");
		s5 = wp_ts_textarea(f->body, "stap_5");
		s6 = wp_ts_textarea(f->body, "stap_6");
		roles = wp_ts_textarea(f->body, "deelnemers");
		{
			const char *fields[] = {"verhaal",
						"mantelzorger-op-de-grens",
						"verhaal_vast",
						"1",
						"dilemma",
						"regels-volgen-versus-maatwerk-leveren",
						"dilemma_vast",
						"1",
						"titel",
						"Wat-werkt-gesprek: Mantelzorger op de grens",
						"datum",
						"2025-03",
						"deelnemers",
						roles,
						"inleiding",
						intro,
						"base",
						base,
						"stap_1",
						casus,
						"stap_2",
						s2,
						"stap_3",
						s3,
						"stap_4",
						s4,
						"stap_5",
						s5,
						"stap_6",
						s6,
						NULL};

			wp_ts_response_free(
			    post("/gesprek/verder/gesprekken/wat-werkt-mantelzorger-"
				 "op-de-grens",
				 fields, 303));
		}
		free(s2);
		free(s3);
		free(s4);
		free(s5);
		free(s6);
		free(roles);
		wp_ts_response_free(f);
	}
	after = wp_ts_repo_file(wp_ts_data_dir(srv), spec);
	/* The body is the same text; only the step list in the front matter
	 * grew (the demo's terugblik has a note, so it counts as text). */
	cr_assert_str_eq(strstr(after + 3, "---\n"), body);
	free(before);
	free(after);
	free(spec);
	free(base);
	free(intro);
	free(casus);
}

Test(gesprek, a_stale_continue_gives_409_and_keeps_the_text)
{
	char *path = start_conversation("2025-11"), *url, *base, *kept, *newbase, *content;
	wp_ts_response *r;

	url = wp_ts_fmt("/gesprek/verder/%s", path);
	r = get(url, 200);
	base = wp_ts_input_value(r->body, "base");
	wp_ts_response_free(r);
	/* Someone else changes the page in the meantime. */
	content = wp_ts_fmt("---\ntitel: \"Intussen gewijzigd\"\nverhaal: %s\ndilemma: %s\n"
			    "---\n\n## 1. Casus\n\nAnders verteld.\n",
			    STORY, DILEMMA);
	put_as(noord, path, content);
	free(content);
	{
		const char *fields[] = {NEW_FIELDS("2025-11"),
					"base",
					base,
					"stap_6",
					"Mijn terugblik, niet kwijtraken.",
					NULL};

		r = post(url, fields, 409);
	}
	kept = wp_ts_textarea(r->body, "stap_6");
	cr_assert_str_eq(kept, "Mijn terugblik, niet kwijtraken.");
	free(kept);
	kept = wp_ts_textarea(r->body, "stap_1");
	cr_assert_str_eq(kept, "Moeder van drie, zes schuldeisers.\nDe zoon spijbelt.");
	free(kept);
	/* The current version is shown and becomes the new base. */
	kept = wp_ts_textarea(r->body, "current");
	cr_assert_null(kept, "the current version has no name: it is not sent back");
	cr_assert(strstr(r->body, "Anders verteld."), "%.3000s", r->body);
	newbase = wp_ts_input_value(r->body, "base");
	cr_assert_str_neq(newbase, base);
	wp_ts_response_free(r);
	free(newbase);
	free(base);
	free(url);
	free(path);
}

/* The plan page with three steps, as a regio team would write it. */
#define THREE_STEP_PLAN                                                                            \
	"---\ntitel: \"Kort stappenplan\"\nstappen:\n"                                             \
	"  - nummer: 1\n    naam: Casus\n    vraag: \"Wat gebeurde er?\"\n"                        \
	"  - nummer: 2\n    naam: Wat werkt\n    vraag: \"Wat werkte elders?\"\n"                  \
	"  - nummer: 3\n    naam: Nazorg\n    vraag: \"Wie houdt de vinger aan de pols?\"\n"       \
	"zichtbaarheid: openbaar\n---\n\nEen korter plan.\n"

Test(gesprek, a_changed_plan_page_changes_the_form)
{
	char *old = start_conversation("2025-08"), *url, *s, *base;
	wp_ts_response *r;
	json_t *plan;

	put_as(noord, PLAN, THREE_STEP_PLAN);
	r = get("/gesprek/nieuw?verhaal=" STORY "&dilemma=" DILEMMA, 200);
	cr_assert_not_null((s = wp_ts_textarea(r->body, "stap_3")));
	free(s);
	cr_assert_null(wp_ts_textarea(r->body, "stap_4"));
	cr_assert(strstr(r->body, "Wie houdt de vinger aan de pols?"), "%.3000s", r->body);
	cr_assert(strstr(r->body, "3. Nazorg"));
	cr_assert_null(strstr(r->body, "stap-lijst perspectieven"), "no step shows perspectives");
	cr_assert_null(strstr(r->body, "class=\"notice\""), "the plan page is fine");
	/* The "Wat werkt" step, now step 2, lists the stories with the dilemma. */
	s = step_html(r->body, 2);
	cr_assert_gt(links_under(s, "verhalen"), 0, "%s", s);
	free(s);
	wp_ts_response_free(r);
	r = get("/api/gesprek/plan", 200);
	plan = wp_ts_json(r);
	cr_assert_eq(json_array_size(json_object_get(plan, "stappen")), 3);
	cr_assert_str_eq(json_string_value(json_object_get(
			     json_array_get(json_object_get(plan, "stappen"), 2), "naam")),
			 "Nazorg");
	json_decref(plan);
	wp_ts_response_free(r);

	/* A conversation of the old plan keeps its other steps' text. */
	url = wp_ts_fmt("/gesprek/verder/%s", old);
	r = get(url, 200);
	s = wp_ts_textarea(r->body, "extra_2");
	cr_assert_str_eq(s, "De ervaringswerker: rust eerst.", "%.4000s", r->body);
	free(s);
	base = wp_ts_input_value(r->body, "base");
	wp_ts_response_free(r);
	{
		const char *fields[] = {"verhaal",
					STORY,
					"dilemma",
					DILEMMA,
					"base",
					base,
					"stap_1",
					"Casus opnieuw.",
					"extra_aantal",
					"2",
					"extra_1_nummer",
					"2",
					"extra_1_naam",
					"Dilemma",
					"extra_1",
					"Gezin centraal versus kind centraal.",
					"extra_2_nummer",
					"3",
					"extra_2_naam",
					"Perspectieven",
					"extra_2",
					"De ervaringswerker: rust eerst.",
					"stap_3",
					"Iemand belt na.",
					NULL};

		wp_ts_response_free(post(url, fields, 303));
	}
	{
		char *spec = wp_ts_fmt("HEAD:%s.md", old);
		char *file = wp_ts_repo_file(wp_ts_data_dir(srv), spec);

		cr_assert(strstr(file, "## 3. Perspectieven\n\nDe ervaringswerker: rust eerst."),
			  "%s", file);
		cr_assert(strstr(file, "## 3. Nazorg\n\nIemand belt na."), "%s", file);
		free(file);
		free(spec);
	}
	free(base);
	free(url);
	free(old);

	/* A malformed plan page: the default plan, and the form says so. */
	put_as(noord, PLAN,
	       "---\ntitel: \"Kapot\"\nstappen: kapot\nzichtbaarheid: openbaar\n---\n");
	r = get("/gesprek/nieuw?verhaal=" STORY "&dilemma=" DILEMMA, 200);
	cr_assert(strstr(r->body, "class=\"notice\""), "%.2000s", r->body);
	cr_assert_not_null((s = wp_ts_textarea(r->body, "stap_6")));
	free(s);
	wp_ts_response_free(r);
	r = get("/api/gesprek/plan", 200);
	plan = wp_ts_json(r);
	cr_assert_eq(json_array_size(json_object_get(plan, "stappen")), 6);
	cr_assert(json_is_true(json_object_get(plan, "standaard")));
	json_decref(plan);
	wp_ts_response_free(r);
}

Test(gesprek, missing_or_unknown_story_or_dilemma_gives_field_messages)
{
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;
	char *s;

	/* No story, an unknown dilemma: both fields say what is wrong. */
	{
		const char *fields[] = {"dilemma",    "dilemmas/bestaat-niet",
					"stap_1",     "Mijn tekst blijft staan.",
					"deelnemers", "wijkcoach",
					NULL};

		r = post("/gesprek/nieuw", fields, 400);
	}
	cr_assert(strstr(r->body, "id=\"verhaal-fout\""), "%.3000s", r->body);
	cr_assert(strstr(r->body, "id=\"dilemma-fout\""), "%.3000s", r->body);
	s = wp_ts_textarea(r->body, "stap_1");
	cr_assert_str_eq(s, "Mijn tekst blijft staan.");
	free(s);
	s = wp_ts_textarea(r->body, "deelnemers");
	cr_assert_str_eq(s, "wijkcoach");
	free(s);
	wp_ts_response_free(r);

	/* A story the person may not read is as unknown as a missing one. */
	add_team_pages();
	commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	{
		const char *fields[] = {"verhaal", NOORD_STORY, "dilemma", DILEMMA,
					"stap_1",  "Tekst.",	NULL};

		r = post("/gesprek/nieuw", fields, 400);
	}
	cr_assert(strstr(r->body, "id=\"verhaal-fout\""), "%.3000s", r->body);
	cr_assert_null(strstr(r->body, "Alleen voor noord"), "the hidden story's title shows");
	wp_ts_response_free(r);
	r = get("/gesprek/nieuw?verhaal=verhalen/bestaat-niet", 400);
	cr_assert(strstr(r->body, "id=\"verhaal-fout\""));
	cr_assert(strstr(r->body, "<select id=\"verhaal\""));
	wp_ts_response_free(r);

	/* A step heading inside a step's text would split it: refused. */
	{
		const char *fields[] = {"verhaal", STORY,    "dilemma",
					DILEMMA,   "stap_2", "Eerst dit.\n## 5. Afspraken\nen dat.",
					NULL};

		r = post("/gesprek/nieuw", fields, 400);
	}
	s = wp_ts_textarea(r->body, "stap_2");
	cr_assert_str_eq(s, "Eerst dit.\n## 5. Afspraken\nen dat.");
	free(s);
	cr_assert(strstr(r->body, "aria-invalid=\"true\""));
	wp_ts_response_free(r);

	/* Nothing written at all is no conversation. */
	{
		const char *fields[] = {"verhaal", STORY, "dilemma", DILEMMA, NULL};

		r = post("/gesprek/nieuw", fields, 400);
		cr_assert(strstr(r->body, "role=\"alert\""));
		wp_ts_response_free(r);
	}
	/* A month that is no month: the schema's message, text kept. */
	{
		const char *fields[] = {"verhaal", STORY,	 "dilemma", DILEMMA,
					"datum",   "23-11-2025", "stap_1",  "Tekst met een datum.",
					NULL};

		r = post("/gesprek/nieuw", fields, 400);
		s = wp_ts_textarea(r->body, "stap_1");
		cr_assert_str_eq(s, "Tekst met een datum.");
		free(s);
		s = wp_ts_input_value(r->body, "datum");
		cr_assert_str_eq(s, "23-11-2025");
		free(s);
		wp_ts_response_free(r);
	}
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits, "a refused form saved");
}

Test(gesprek, the_json_api_creates_a_conversation_or_names_the_problems)
{
	wp_ts_response *r;
	json_t *j, *meta;
	const char *path;

	r = wp_ts_request(srv, "POST", "/api/gesprek",
			  "{\"verhaal\": \"" STORY "\", \"dilemma\": \"" DILEMMA
			  "\", \"datum\": \"2025-12\", \"deelnemers\": [\"wijkcoach\"], "
			  "\"stappen\": {\"1\": \"Casus via de API.\", \"5\": \"Afspraak.\"}}",
			  "application/json", NULL);
	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	path = json_string_value(json_object_get(j, "path"));
	cr_assert_str_eq(path, "gesprekken/wat-werkt-schuld-eerst-of-het-kind-2025-12");
	cr_assert_eq(strlen(json_string_value(json_object_get(j, "revision"))), 40);
	meta = meta_of(path);
	cr_assert(list_has(json_object_get(meta, "stappen"), "Afspraken"));
	cr_assert_eq(json_array_size(json_object_get(meta, "stappen")), 2);
	json_decref(meta);
	json_decref(j);
	wp_ts_response_free(r);

	r = wp_ts_request(srv, "POST", "/api/gesprek",
			  "{\"dilemma\": \"dilemmas/bestaat-niet\", \"stappen\": {\"9\": \"x\"}}",
			  "application/json", NULL);
	cr_assert_eq(r->status, 400, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert(json_is_string(json_object_get(j, "error")));
	{
		const json_t *p;
		size_t i;
		int story = 0, dilemma = 0, steps = 0;

		json_array_foreach(json_object_get(j, "problems"), i, p) {
			const char *field = json_string_value(json_object_get(p, "field"));

			cr_assert(json_is_string(json_object_get(p, "message")));
			story |= field && strcmp(field, "verhaal") == 0;
			dilemma |= field && strcmp(field, "dilemma") == 0;
			steps |= field && strcmp(field, "stappen") == 0;
		}
		cr_assert(story && dilemma && steps, "%s", r->body);
	}
	json_decref(j);
	wp_ts_response_free(r);

	r = wp_ts_request(srv, "POST", "/api/gesprek", "[1, 2]", "application/json", NULL);
	cr_assert_eq(r->status, 400, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);

	r = get("/api/gesprek/plan", 200);
	j = wp_ts_json(r);
	cr_assert_eq(json_array_size(json_object_get(j, "stappen")), 6);
	cr_assert_str_eq(json_string_value(json_object_get(j, "bron")), PLAN);
	json_decref(j);
	wp_ts_response_free(r);
}

Test(gesprek, only_writers_start_or_continue_a_conversation)
{
	const char *fields[] = {NEW_FIELDS("2025-05"), NULL};
	char *path = start_conversation("2025-05"), *url;
	wp_ts_response *r;

	wp_ts_use(srv, lezer);
	wp_ts_response_free(get("/gesprek/nieuw?verhaal=" STORY, 403));
	wp_ts_response_free(post("/gesprek/nieuw", fields, 403));
	url = wp_ts_fmt("/gesprek/verder/%s", path);
	wp_ts_response_free(get(url, 403));
	r = wp_ts_request(srv, "POST", "/api/gesprek", "{}", "application/json", NULL);
	cr_assert_eq(r->status, 403);
	wp_ts_response_free(r);
	/* A reader sees the conversations, not the button. */
	r = get("/" STORY, 200);
	cr_assert(links_to(r->body, path));
	cr_assert_null(strstr(r->body, "/gesprek/nieuw"));
	wp_ts_response_free(r);
	r = get("/api/gesprek/plan", 200);
	wp_ts_response_free(r);

	/* Anonymous: to the login page, and back to the form after. */
	wp_ts_use(srv, NULL);
	r = get("/gesprek/nieuw?verhaal=" STORY, 303);
	cr_assert_str_eq(wp_ts_header(r, "Location"),
			 "/inloggen?terug=/gesprek/nieuw%3Fverhaal%3D" STORY);
	wp_ts_response_free(r);
	/* An anonymous write is refused before it reaches the plugin. */
	r = wp_ts_request(srv, "POST", "/api/gesprek", "{}", "application/json", NULL);
	cr_assert(r->status == 401 || r->status == 403, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	r = get(url, 303);
	cr_assert(strncmp(wp_ts_header(r, "Location"), "/inloggen?terug=", 16) == 0);
	wp_ts_response_free(r);

	/* Only conversations are continued here. */
	wp_ts_use(srv, zuid);
	wp_ts_response_free(get("/gesprek/verder/gesprekken/bestaat-niet", 404));
	wp_ts_response_free(get("/gesprek/verder/" STORY, 404));
	wp_ts_response_free(get("/gesprek/onbekend", 404));
	free(url);
	free(path);
}
