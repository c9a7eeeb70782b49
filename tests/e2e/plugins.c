/* plugins.c - end-to-end tests of the method plugins (issue 5) in a real
 * browser: headless Chromium, driven through chromedriver, walks the paths
 * a team takes through the real server with the demo content. A
 * professional adds a retold resident's perspective through the
 * invitation on a story, an ervaringswerker adds one that is marked as
 * lived experience, a story's dilemmas are set in the normal editor (and
 * an unknown one refused with the text kept), a wat-werkt-gesprek is
 * started from a dilemma page and shows up where the team looks for it,
 * and the dilemma overview is reached from the navigation with counts
 * that agree with the pages it links to. Everything is checked as a
 * person sees it: texts, links and URLs. */
#include "server.h"
#include "webdriver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORY	       "verhalen/schuld-eerst-of-het-kind"
#define STORY_TITLE    "Schuld eerst, of het kind?"
#define EDITED	       "verhalen/vijftig-euro-te-veel"
#define EDITED_TITLE   "Vijftig euro te veel"
#define DILEMMA	       "dilemmas/gezin-centraal-versus-kind-centraal"
#define DILEMMA_SLUG   "gezin-centraal-versus-kind-centraal"
#define DILEMMA_TITLE  "Gezin centraal versus kind centraal"
#define DILEMMA2_SLUG  "privacy-versus-samenwerken"
#define DILEMMA2_TITLE "Privacy versus samenwerken"
#define UNKNOWN_SLUG   "thuis-versus-elders"

/* The accounts of the team; wp_ts_as() gives accounts this password too. */
#define TEAM	    "wijkteam-noord"
#define PRO	    "wijkcoach-noord"
#define PEER	    "ervaringswerker-noord"
#define PASSWORD_OF "wachtwoord-van-%s"

/* Labels of the Dutch interface (the core's and the plugins' texts_nl.c),
 * as a person reads them. */
#define LOGIN_LINK	   "Inloggen"
#define EDIT_LINK	   "Bewerken"
#define ROLE_RESIDENT	   "Inwoner (naverteld)"
#define ROLE_PEER	   "Ervaringswerker"
#define INVITE_PREFIX	   "Perspectief toevoegen als"
#define ADD_PERSPECTIVE	   "Een perspectief toevoegen"
#define SAVE_PERSPECTIVE   "Perspectief opslaan"
#define BACK_TO_STORY	   "Terug naar het verhaal"
#define SOURCE_CRAFT	   "Vakmanschap"
#define SOURCE_LIVED	   "Ervaringskennis"
#define LIVED_BADGE	   "Ervaringskennis"
#define NO_PERSPECTIVE	   "Nog geen perspectief vanuit deze rol."
#define DILEMMAS_LABEL	   "Dilemma's"
#define START_CONVERSATION "Start een wat-werkt-gesprek"
#define SHOW_LISTS	   "Toon perspectieven en verhalen"
#define SAVE_CONVERSATION  "Gesprek opslaan"
#define NAV_OVERVIEW	   "Dilemma-overzicht"
#define SEARCH_STORIES	   "Zoek de verhalen"

#define SAVE	      "button[value=save]"
#define LOGIN_BUTTON  "//form[.//input[@name='wachtwoord']]//button"
#define BUTTON(label) "//button[normalize-space()='" label "']"
/* A link whose text starts with text. */
#define STARTS_WITH(text) "//a[starts-with(normalize-space(), '" text "')]"
/* The column of one role in the perspectives section, by its heading. */
#define ROLE_COLUMN(label)                                                                         \
	"//section[contains(@class,'perspective-role')][h3[starts-with(normalize-space(), '" label \
	" ')]]"
/* The stories a dilemma page lists (not the perspectives under them). */
#define DILEMMA_STORIES "#dilemma-verhalen-h + ul.pages > li > a"
#define SUMMARY_DILEMMAS                                                                           \
	"//aside[contains(@class,'summary')]//dt[normalize-space()=\"" DILEMMAS_LABEL              \
	"\"]/following-sibling::dd[1]//a"
#define OVERVIEW_ROWS "table.dilemma-overview tbody tr"
#define MAX_ROWS      64

/* The server and the browser of the running test. Criterion runs each test
 * in a process of its own and its .fini must reach both, also after a
 * failed assertion; this is the only state kept outside a function. */
static struct {
	wp_test_server *srv;
	wp_wd *wd;
} fx;

/* Called first by each test rather than as .init: Criterion skips .fini
 * when .init fails, and a half-started browser must still be stopped. */
static void start(void)
{
	fx.srv = wp_ts_start(NULL);
	wp_wd_start(&fx.wd);
}

static void stop(void)
{
	wp_wd_quit(fx.wd);
	fx.wd = NULL;
	wp_ts_stop(fx.srv);
	fx.srv = NULL;
}

TestSuite(e2e_plugins, .fini = stop, .timeout = 90);

/* ---- the browser, as a person uses it ---- */

/* Absolute URL of path on the test server. Caller frees. */
static char *at(const char *path)
{
	return wp_ts_fmt("%s%s", wp_ts_base_url(fx.srv), path);
}

static void go(const char *path)
{
	char *url = at(path);

	wp_wd_navigate(fx.wd, url);
	free(url);
}

/* Waits until the browser shows path on the test server. */
static void wait_at(const char *path)
{
	char *url = at(path);

	wp_wd_wait_url(fx.wd, url);
	free(url);
}

/* Waits until the browser shows a URL starting with path; returns the
 * path part of it (caller frees). */
static char *wait_at_prefix(const char *path)
{
	char *prefix = at(path);
	char *url = wp_wd_wait_url_prefix(fx.wd, prefix);
	char *rel = wp_ts_fmt("%s", url + strlen(wp_ts_base_url(fx.srv)));

	free(url);
	free(prefix);
	return rel;
}

static void click(const char *using, const char *value)
{
	char *el = wp_wd_find(fx.wd, using, value);

	wp_wd_click(fx.wd, el);
	free(el);
}

static void click_link(const char *text)
{
	click(WP_WD_LINK, text);
}

static void type(const char *css, const char *text, int clear_first)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);

	if (clear_first)
		wp_wd_clear(fx.wd, el);
	wp_wd_send_keys(fx.wd, el, text);
	free(el);
}

/* Rendered text of the first element matching (using, value). Caller
 * frees. */
static char *text_at(const char *using, const char *value)
{
	char *el = wp_wd_find(fx.wd, using, value);
	char *t = wp_wd_text(fx.wd, el);

	free(el);
	return t;
}

static char *text_of(const char *css)
{
	return text_at(WP_WD_CSS, css);
}

/* Current value of the form field matching css. Caller frees. */
static char *value_of(const char *css)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *v = wp_wd_property(fx.wd, el, "value");

	free(el);
	cr_assert_not_null(v, "%s has no value", css);
	return v;
}

/* Whether an element matches (using, value) now. */
static int shown(const char *using, const char *value)
{
	char *el = wp_wd_try_find(fx.wd, using, value);

	free(el);
	return el != NULL;
}

/* Rendered texts of every element matching (using, value), as a JSON
 * array of strings. Caller json_decref()s. */
static json_t *texts_of(const char *using, const char *value)
{
	json_t *els = wp_wd_find_all(fx.wd, using, value), *out = json_array(), *el;
	size_t i;

	json_array_foreach(els, i, el) {
		char *t = wp_wd_text(fx.wd, json_string_value(el));

		json_array_append_new(out, json_string(t));
		free(t);
	}
	json_decref(els);
	return out;
}

static int has_text(const json_t *texts, const char *s)
{
	const json_t *t;
	size_t i;

	json_array_foreach(texts, i, t)
		if (strcmp(json_string_value(t), s) == 0)
			return 1;
	return 0;
}

/* texts joined with " | ", for failure messages. Caller frees. */
static char *joined(const json_t *texts)
{
	const json_t *t;
	size_t i;
	char *out = wp_ts_fmt("%s", "");

	json_array_foreach(texts, i, t) {
		char *next = wp_ts_fmt("%s%s%s", out, i ? " | " : "", json_string_value(t));

		free(out);
		out = next;
	}
	return out;
}

/* Chooses the option labelled label in the select matching css, by
 * clicking it as a person does. */
static void choose(const char *css, const char *label)
{
	char *sel = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *xp = wp_ts_fmt(".//option[normalize-space()='%s']", label);
	char *opt = wp_wd_find_in(fx.wd, sel, WP_WD_XPATH, xp);

	wp_wd_click(fx.wd, opt);
	free(opt);
	free(xp);
	free(sel);
}

/* The label of the option the select matching css shows. Caller frees. */
static char *chosen(const char *css)
{
	char *value = value_of(css);
	char *opt_css = wp_ts_fmt("%s option[value='%s']", css, value);
	char *label = text_of(opt_css);

	free(opt_css);
	free(value);
	return label;
}

/* The first whole number in s (0 when there is none). */
static long number_in(const char *s)
{
	while (*s && (*s < '0' || *s > '9'))
		s++;
	return strtol(s, NULL, 10);
}

/* The number the element matching (using, value) shows. */
static long number_at(const char *using, const char *value)
{
	char *t = text_at(using, value);
	long n = number_in(t);

	free(t);
	return n;
}

static void assert_contains(const char *hay, const char *needle, const char *what)
{
	cr_assert_not_null(strstr(hay, needle), "%s does not show \"%s\": %s", what, needle, hay);
}

/* ---- accounts ---- */

/* Adds account name (role, team TEAM) with the password log_in() types. */
static void add_account(const char *name, const char *role)
{
	char *password = wp_ts_fmt(PASSWORD_OF, name);

	wp_ts_user_add(fx.srv, name, role, TEAM, password);
	free(password);
}

/* Fills in the login form the browser shows and sends it; waits until a
 * page shows name in the account part of the header. */
static void log_in(const char *name)
{
	char *password = wp_ts_fmt(PASSWORD_OF, name);
	char *me = wp_ts_fmt("//nav[contains(@class,'user')]//a[normalize-space()='%s']", name);

	type("#naam", name, 1);
	type("#wachtwoord", password, 1);
	click(WP_WD_XPATH, LOGIN_BUTTON);
	free(wp_wd_wait_find(fx.wd, WP_WD_XPATH, me));
	free(me);
	free(password);
}

/* ---- the perspectives section of a story ---- */

/* XPath of part (an XPath step such as "//p[@class='x']", "" for the
 * whole article) of the perspective titled title in the column
 * role_column. Caller frees. */
static char *perspective_part(const char *role_column, const char *title, const char *part)
{
	return wp_ts_fmt("%s//article[.//h4[normalize-space()='%s']]%s", role_column, title, part);
}

/* Rendered text of part of a perspective (see perspective_part()).
 * Caller frees. */
static char *perspective_text(const char *role_column, const char *title, const char *part)
{
	char *xp = perspective_part(role_column, title, part);
	char *t = text_at(WP_WD_XPATH, xp);

	free(xp);
	return t;
}

/* Whether the perspective shows a badge (lived experience). */
static int has_badge(const char *role_column, const char *title)
{
	char *xp = perspective_part(role_column, title, "//*[contains(@class,'badge')]");
	int yes = shown(WP_WD_XPATH, xp);

	free(xp);
	return yes;
}

/* The number in the heading of a role's column. */
static long column_count(const char *role_column)
{
	char *xp = wp_ts_fmt("%s/h3/span[contains(@class,'count')]", role_column);
	long n = number_at(WP_WD_XPATH, xp);

	free(xp);
	return n;
}

static long perspectives_total(void)
{
	return number_at(WP_WD_CSS, "#perspectieven-h .count");
}

/* ---- 1. a professional retells the resident's view ---- */

Test(e2e_plugins, professional_adds_a_retold_resident_perspective_through_the_invitation)
{
	const char *title = "Eerst wil ik weer slapen";
	const char *author = "Wijkcoach, naverteld van moeder";
	const char *sentence =
	    "Moeder vertelde dat ze pas kon nadenken toen de brieven open waren.";
	char *column, *story, *role, *article, *byline, *link, *url, *h1;
	long total;

	start();
	add_account(PRO, "professional");
	/* A visitor reads the story; only an account that writes is invited. */
	go("/" STORY);
	cr_assert(!shown(WP_WD_XPATH, STARTS_WITH(INVITE_PREFIX)), "a visitor is invited to write");
	click_link(LOGIN_LINK);
	free(wait_at_prefix("/inloggen"));
	log_in(PRO);
	go("/" STORY);
	total = perspectives_total();
	column = text_at(WP_WD_XPATH, ROLE_COLUMN(ROLE_RESIDENT));
	assert_contains(column, NO_PERSPECTIVE, "the empty resident column");
	click_link(INVITE_PREFIX " " ROLE_RESIDENT);
	free(wait_at_prefix("/perspectief/nieuw?"));
	story = text_of("p.lead a");
	cr_assert_str_eq(story, STORY_TITLE, "the form does not name the story");
	role = chosen("#rol");
	cr_assert_str_eq(role, ROLE_RESIDENT, "the invitation did not choose the role");
	choose("#kennisbron", SOURCE_CRAFT);
	type("#auteur", author, 1);
	type("#titel", title, 1);
	type("#tekst", sentence, 1);
	click(WP_WD_XPATH, BUTTON(SAVE_PERSPECTIVE));

	wait_at("/" STORY "#perspectieven");
	cr_assert_eq(perspectives_total(), total + 1, "the total did not go up by one");
	cr_assert_eq(column_count(ROLE_COLUMN(ROLE_RESIDENT)), 1);
	article = perspective_text(ROLE_COLUMN(ROLE_RESIDENT), title, "");
	assert_contains(article, sentence, "the new perspective");
	byline =
	    perspective_text(ROLE_COLUMN(ROLE_RESIDENT), title, "//p[contains(@class,'meta')]");
	assert_contains(byline, author, "the perspective's byline");
	assert_contains(byline, SOURCE_CRAFT, "the perspective's byline");
	cr_assert(!has_badge(ROLE_COLUMN(ROLE_RESIDENT), title),
		  "a professional's retelling is marked as lived experience");
	cr_assert(!shown(WP_WD_XPATH, STARTS_WITH(INVITE_PREFIX " " ROLE_RESIDENT)),
		  "the resident column still invites a perspective");
	/* The title leads to the perspective's own page. */
	link = perspective_part(ROLE_COLUMN(ROLE_RESIDENT), title, "//h4/a");
	click(WP_WD_XPATH, link);
	url = wait_at_prefix("/" STORY "/perspectieven/");
	h1 = text_of("article h1");
	cr_assert_str_eq(h1, title, "%s shows another title", url);
	free(h1);
	free(url);
	free(link);
	free(byline);
	free(article);
	free(role);
	free(story);
	free(column);
}

/* ---- 2. an ervaringswerker's view is marked as lived experience ---- */

/* Asserts that the form field matching css still holds want. */
static void assert_kept(const char *css, const char *want)
{
	char *v = value_of(css);

	cr_assert_str_eq(v, want, "the form lost what was typed in %s", css);
	free(v);
}

/* Asserts that the select matching css still shows the option label. */
static void assert_chosen(const char *css, const char *label)
{
	char *v = chosen(css);

	cr_assert_str_eq(v, label, "the form lost the choice in %s", css);
	free(v);
}

Test(e2e_plugins, ervaringswerker_perspective_is_marked_as_lived_experience)
{
	const char *title = "Wie opent de brieven met haar?";
	const char *author = "Ervaringswerker wijkteam Noord";
	const char *sentence = "Ik zou eerst naast haar gaan zitten en samen de enveloppen openen.";
	char *err, *badge, *first;
	long n0;

	start();
	add_account(PEER, "ervaringswerker");
	go("/" STORY);
	cr_assert(!shown(WP_WD_LINK, ADD_PERSPECTIVE), "a visitor is offered to add a perspective");
	/* A colleague's link to the form: log in first, then the form. */
	go("/perspectief/nieuw?verhaal=" STORY);
	free(wait_at_prefix("/inloggen?"));
	log_in(PEER);
	free(wait_at_prefix("/perspectief/nieuw?"));
	/* A look at the story first, and back to the form from there. */
	click_link(BACK_TO_STORY);
	wait_at("/" STORY);
	n0 = column_count(ROLE_COLUMN(ROLE_PEER));
	click_link(ADD_PERSPECTIVE);
	free(wait_at_prefix("/perspectief/nieuw?"));
	choose("#rol", ROLE_PEER);
	choose("#kennisbron", SOURCE_LIVED);
	type("#auteur", author, 1);
	type("#titel", title, 1);
	/* Sent without the perspective itself: the form says what is missing
	 * next to the field and keeps what was filled in. */
	click(WP_WD_XPATH, BUTTON(SAVE_PERSPECTIVE));
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "#fout"));
	err = text_of("#tekst-fout");
	cr_assert_gt(strlen(err), 0, "no message next to the empty text");
	assert_kept("#titel", title);
	assert_kept("#auteur", author);
	assert_chosen("#rol", ROLE_PEER);
	assert_chosen("#kennisbron", SOURCE_LIVED);
	type("#tekst", sentence, 1);
	click(WP_WD_XPATH, BUTTON(SAVE_PERSPECTIVE));

	wait_at("/" STORY "#perspectieven");
	cr_assert_eq(column_count(ROLE_COLUMN(ROLE_PEER)), n0 + 1);
	badge = perspective_text(ROLE_COLUMN(ROLE_PEER), title, "//*[contains(@class,'badge')]");
	cr_assert_str_eq(badge, LIVED_BADGE,
			 "the new perspective is not marked as lived experience");
	/* Lived experience comes first, never below the others. */
	first = text_of("section.perspective-role h3");
	cr_assert(strncmp(first, ROLE_PEER, strlen(ROLE_PEER)) == 0, "the first column is %s",
		  first);
	free(first);
	free(badge);
	free(err);
}

/* ---- 3. a story's dilemmas, set in the normal editor ---- */

/* front with the list field key replaced by items (NULL-terminated), or
 * added at the end when front has no such field. Caller frees. */
static char *with_list(const char *front, const char *key, const char *const *items)
{
	size_t klen = strlen(key);
	const char *p = front, *end;
	char *list = wp_ts_fmt("%s:\n", key), *out;

	for (; *items; items++) {
		char *next = wp_ts_fmt("%s  - %s\n", list, *items);

		free(list);
		list = next;
	}
	while (*p && !(strncmp(p, key, klen) == 0 && p[klen] == ':'))
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
	if (!*p) {
		size_t n = strlen(front);

		out = wp_ts_fmt("%s%s%s", front, n && front[n - 1] != '\n' ? "\n" : "", list);
		free(list);
		return out;
	}
	/* The field runs on over its indented or "- " lines. */
	end = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
	while (*end == ' ' || *end == '-')
		end = strchr(end, '\n') ? strchr(end, '\n') + 1 : end + strlen(end);
	out = wp_ts_fmt("%.*s%s%s", (int)(p - front), front, list, end);
	free(list);
	return out;
}

/* Opens the story's edit form through its Bewerken link and sets the
 * dilemmas field to items; returns the front matter as typed (caller
 * frees). */
static char *edit_dilemmas(const char *const *items)
{
	char *front, *typed;

	go("/" EDITED);
	click_link(EDIT_LINK);
	wait_at("/bewerken/" EDITED);
	front = value_of("#frontmatter");
	typed = with_list(front, "dilemmas", items);
	type("#frontmatter", typed, 1);
	click(WP_WD_CSS, SAVE);
	free(front);
	return typed;
}

Test(e2e_plugins, story_dilemmas_are_set_in_the_editor_and_an_unknown_one_is_refused)
{
	static const char *const two[] = {DILEMMA_SLUG, DILEMMA2_SLUG, NULL};
	static const char *const unknown[] = {DILEMMA_SLUG, UNKNOWN_SLUG, NULL};
	json_t *names, *stories;
	char *typed, *err, *kept, *list;
	size_t c0;

	start();
	add_account(PRO, "professional");
	go("/inloggen?terug=/" EDITED);
	log_in(PRO);
	wait_at("/" EDITED);
	names = texts_of(WP_WD_XPATH, SUMMARY_DILEMMAS);
	list = joined(names);
	cr_assert(!has_text(names, DILEMMA_TITLE) && !has_text(names, DILEMMA2_TITLE),
		  "the demo story already names the dilemmas: %s", list);
	free(list);
	json_decref(names);

	typed = edit_dilemmas(two);
	wait_at("/" EDITED);
	names = texts_of(WP_WD_XPATH, SUMMARY_DILEMMAS);
	list = joined(names);
	cr_assert(json_array_size(names) == 2 && has_text(names, DILEMMA_TITLE) &&
		      has_text(names, DILEMMA2_TITLE),
		  "the story shows the dilemmas %s", list);
	/* The dilemma, reached from the story, lists the story. */
	click_link(DILEMMA_TITLE);
	wait_at("/" DILEMMA);
	stories = texts_of(WP_WD_CSS, DILEMMA_STORIES);
	free(list);
	list = joined(stories);
	cr_assert(has_text(stories, EDITED_TITLE), "the dilemma lists only: %s", list);
	json_decref(stories);
	json_decref(names);
	free(list);
	free(typed);

	c0 = wp_ts_repo_count(wp_ts_data_dir(fx.srv));
	typed = edit_dilemmas(unknown);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "#fout"));
	wait_at("/bewerken/" EDITED);
	err = text_of("#fout ul.problems");
	assert_contains(err, DILEMMAS_LABEL, "the list of problems");
	assert_contains(err, UNKNOWN_SLUG, "the list of problems");
	kept = value_of("#frontmatter");
	cr_assert_str_eq(kept, typed, "the form did not keep the typed front matter");
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(fx.srv)), c0,
		     "the refused save was committed");
	/* The story still shows what the first save set. */
	go("/" EDITED);
	names = texts_of(WP_WD_XPATH, SUMMARY_DILEMMAS);
	list = joined(names);
	cr_assert(json_array_size(names) == 2 && has_text(names, DILEMMA2_TITLE),
		  "after the refused save the story shows %s", list);
	json_decref(names);
	free(list);
	free(kept);
	free(err);
	free(typed);
}

/* ---- 4. a wat-werkt-gesprek, started from a dilemma page ---- */

/* The stories a dilemma page lists, except the one titled except. */
static json_t *other_stories(const json_t *stories, const char *except)
{
	json_t *out = json_array(), *t;
	size_t i;

	json_array_foreach(stories, i, t)
		if (strcmp(json_string_value(t), except) != 0)
			json_array_append(out, t);
	return out;
}

/* Whether a and b hold the same texts, in any order. */
static int same_texts(const json_t *a, const json_t *b)
{
	const json_t *t;
	size_t i;

	if (json_array_size(a) != json_array_size(b))
		return 0;
	json_array_foreach(a, i, t)
		if (!has_text(b, json_string_value(t)))
			return 0;
	return 1;
}

/* The conversation link at path (XPath of an <a> in the section under
 * heading). Caller frees. */
static char *listed_link(const char *heading, const char *path)
{
	return wp_ts_fmt("//h2[normalize-space()='%s']/following-sibling::ul[1]//a[@href='%s']",
			 heading, path);
}

Test(e2e_plugins, team_starts_a_wat_werkt_gesprek_from_a_dilemma_page)
{
	const char *casus = "Moeder met schulden, zoon van veertien spijbelt.";
	const char *dilemma = "Eerst rust voor het gezin, of meteen hulp voor de zoon.";
	const char *works = "Een keukentafel met schuldhulp en jeugdhulp samen.";
	json_t *stories, *expected, *listed;
	char *fixed, *gesprek, *h1, *body, *done, *open, *link, *a, *b, *xp;
	long perspectives;

	start();
	add_account(PRO, "professional");
	go("/inloggen?terug=/");
	log_in(PRO);
	wait_at("/");
	click(WP_WD_CSS, "nav a[href='/type/dilemma']");
	wait_at("/type/dilemma");
	click_link(DILEMMA_TITLE);
	wait_at("/" DILEMMA);
	stories = texts_of(WP_WD_CSS, DILEMMA_STORIES);
	a = joined(stories);
	cr_assert(has_text(stories, STORY_TITLE), "the dilemma page lists only %s", a);
	free(a);
	/* The perspectives the dilemma page shows under the story. */
	xp = wp_ts_fmt("//a[normalize-space()='%s']/following-sibling::ul//a", STORY_TITLE);
	listed = wp_wd_find_all(fx.wd, WP_WD_XPATH, xp);
	perspectives = (long)json_array_size(listed);
	json_decref(listed);
	free(xp);

	click_link(START_CONVERSATION);
	free(wait_at_prefix("/gesprek/nieuw?"));
	fixed = text_at(WP_WD_XPATH, "//fieldset//p[a[@href='/" DILEMMA "']]");
	assert_contains(fixed, DILEMMA_TITLE, "the form's dilemma");
	choose("#verhaal", STORY_TITLE);
	click(WP_WD_XPATH, BUTTON(SHOW_LISTS));
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, ".stap-lijst.perspectieven"));
	/* Step 3 lists the story's perspectives, step 4 the other stories with
	 * the same dilemma: what the dilemma page showed. */
	listed = wp_wd_find_all(fx.wd, WP_WD_CSS, ".stap-lijst.perspectieven li a");
	cr_assert_eq((long)json_array_size(listed), perspectives,
		     "step 3 lists %zu perspectives, the dilemma page %ld", json_array_size(listed),
		     perspectives);
	json_decref(listed);
	listed = texts_of(WP_WD_CSS, ".stap-lijst.zelfde-dilemma li a");
	expected = other_stories(stories, STORY_TITLE);
	a = joined(listed);
	b = joined(expected);
	cr_assert(same_texts(listed, expected), "step 4 lists [%s], expected [%s]", a, b);
	free(a);
	free(b);
	json_decref(listed);
	json_decref(expected);
	type("#deelnemers", "wijkcoach\nervaringswerker\njeugdhulpverlener", 1);
	type("#stap_1", casus, 1);
	type("#stap_2", dilemma, 1);
	type("#stap_4", works, 1);
	click(WP_WD_XPATH, BUTTON(SAVE_CONVERSATION));

	gesprek = wait_at_prefix("/gesprekken/");
	h1 = text_of("article h1");
	assert_contains(h1, STORY_TITLE, "the conversation's title");
	body = text_of("article .body");
	assert_contains(body, casus, "the conversation");
	assert_contains(body, works, "the conversation");
	done = text_of("ul.stappen-gedaan");
	assert_contains(done, "Casus", "the steps done");
	assert_contains(done, "Wat werkt", "the steps done");
	open = text_of("ul.stappen-open");
	assert_contains(open, "Afspraken", "the steps still open");
	/* The story, reached from the conversation, lists it. */
	xp = wp_ts_fmt("//aside[contains(@class,'summary')]//a[normalize-space()='%s']",
		       STORY_TITLE);
	click(WP_WD_XPATH, xp);
	wait_at("/" STORY);
	link = listed_link("Wat-werkt-gesprekken over dit verhaal", gesprek);
	cr_assert(shown(WP_WD_XPATH, link), "the story does not list %s", gesprek);
	free(link);
	go("/" DILEMMA);
	link = listed_link("Wat-werkt-gesprekken over dit dilemma", gesprek);
	cr_assert(shown(WP_WD_XPATH, link), "the dilemma does not list %s", gesprek);
	free(link);
	free(xp);
	free(open);
	free(done);
	free(body);
	free(h1);
	free(gesprek);
	free(fixed);
	json_decref(stories);
}

/* ---- 5. the dilemma overview ---- */

/* One row of the overview as the browser showed it. */
typedef struct {
	char *title;
	char *href;	   /* the dilemma's page */
	char *search_href; /* "Zoek de verhalen" */
	long total;
} overview_row;

/* Reads the overview's rows into rows (at most MAX_ROWS); checks that a
 * row's regional cells add up to its total. Returns the number of rows;
 * *sum is set to the sum of the totals. */
static size_t read_overview(overview_row *rows, long *sum)
{
	json_t *trs = wp_wd_find_all(fx.wd, WP_WD_CSS, OVERVIEW_ROWS), *tr, *tds;
	size_t i, j, n = json_array_size(trs), regions;

	cr_assert_gt(n, 0, "the overview shows no dilemma");
	cr_assert_leq(n, MAX_ROWS);
	/* Dilemma, the regions, Totaal and the search column. */
	tds = wp_wd_find_all(fx.wd, WP_WD_CSS, "table.dilemma-overview thead th");
	regions = json_array_size(tds) - 3;
	json_decref(tds);
	*sum = 0;
	json_array_foreach(trs, i, tr) {
		const char *row = json_string_value(tr);
		char *link = wp_wd_find_in(fx.wd, row, WP_WD_CSS, "th a");
		char *search =
		    wp_wd_find_in(fx.wd, row, WP_WD_XPATH, "." STARTS_WITH(SEARCH_STORIES));
		char *xp = wp_ts_fmt(
		    "(//table[contains(@class,'dilemma-overview')]/tbody/tr)[%zu]/td", i + 1);
		long regional = 0;

		tds = wp_wd_find_all(fx.wd, WP_WD_XPATH, xp);
		cr_assert_eq(json_array_size(tds), regions + 2);
		rows[i].title = wp_wd_text(fx.wd, link);
		rows[i].href = wp_wd_attribute(fx.wd, link, "href");
		rows[i].search_href = wp_wd_attribute(fx.wd, search, "href");
		for (j = 0; j <= regions; j++) {
			char *t = wp_wd_text(fx.wd, json_string_value(json_array_get(tds, j)));

			if (j < regions)
				regional += number_in(t);
			else
				rows[i].total = number_in(t);
			free(t);
		}
		cr_assert_eq(regional, rows[i].total, "%s: the regions add up to %ld, total %ld",
			     rows[i].title, regional, rows[i].total);
		*sum += rows[i].total;
		json_decref(tds);
		free(xp);
		free(search);
		free(link);
	}
	json_decref(trs);
	return n;
}

static void rows_free(overview_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].title);
		free(rows[i].href);
		free(rows[i].search_href);
	}
}

/* Opens the overview through the navigation and checks every row against
 * the dilemma page it links to and the search it offers. */
static void check_overview(void)
{
	overview_row rows[MAX_ROWS];
	size_t i, n;
	long sum;
	char *h1, *note, *want;

	go("/");
	click_link(NAV_OVERVIEW);
	wait_at("/dilemma-overzicht");
	h1 = text_of("main h1");
	cr_assert_str_eq(h1, "Dilemma's in de verhalen");
	n = read_overview(rows, &sum);
	/* The note under the table counts every story-dilemma link. */
	note = text_of("main p.meta");
	want = wp_ts_fmt(" %ld ", sum);
	assert_contains(note, want, "the note under the overview");
	for (i = 0; i < n; i++) {
		json_t *stories;
		char *a;
		long found;

		go(rows[i].href);
		stories = texts_of(WP_WD_CSS, DILEMMA_STORIES);
		a = joined(stories);
		cr_assert_eq((long)json_array_size(stories), rows[i].total,
			     "the overview counts %ld stories for %s, its page lists %zu: %s",
			     rows[i].total, rows[i].title, json_array_size(stories), a);
		free(a);
		json_decref(stories);
		go(rows[i].search_href);
		found = number_at(WP_WD_CSS, "p.meta[role=status]");
		cr_assert_eq(found, rows[i].total, "\"%s\" for %s finds %ld, the overview says %ld",
			     SEARCH_STORIES, rows[i].title, found, rows[i].total);
	}
	rows_free(rows, n);
	free(want);
	free(note);
	free(h1);
}

Test(e2e_plugins, dilemma_overview_is_in_the_navigation_and_agrees_with_the_dilemma_pages)
{
	start();
	add_account(PRO, "professional");
	/* A visitor sees the public stories only, a team member more. */
	check_overview();
	go("/inloggen?terug=/");
	log_in(PRO);
	check_overview();
}

/* ---- olifantenpad and systeemfout (issue 6) ---- */

#define NEW_WORKAROUND	"Olifantenpad en systeemfout vastleggen bij dit verhaal"
#define SAVE_WORKAROUND "Olifantenpad en systeemfout opslaan"
#define WORKAROUND_TITLE "Inkomsten per kwartaal opgeven"
#define ERROR_PATH	"systeemfouten/verrekening-kleine-inkomsten-participatiewet"
#define ERROR_TITLE	"Volledige verrekening van kleine inkomsten in de bijstand"
/* The error select once the search left one error in it (and "— kies —"). */
#define ONE_ERROR_LEFT "//select[@id='systeemfout'][count(option)=2]"

Test(e2e_plugins, workaround_from_a_story_finds_its_system_error_as_you_type)
{
	char *path, *value, *status, *link;

	start();
	add_account(PRO, "professional");
	go("/inloggen?terug=/" STORY);
	log_in(PRO);
	go("/" STORY);
	click_link(NEW_WORKAROUND);
	free(wait_at_prefix("/olifantenpad/nieuw"));
	value = value_of("#verhalen");
	assert_contains(value, "schuld-eerst-of-het-kind", "the stories field");
	free(value);
	/* The search box is there only because the script runs. */
	cr_assert(shown(WP_WD_CSS, "p.kiezer:not([hidden]) #zoek-systeemfout"),
		  "the search box is shown");
	type("#zoek-systeemfout", "kleine inkomsten", 0);
	free(wp_wd_wait_find(fx.wd, WP_WD_XPATH, ONE_ERROR_LEFT));
	value = value_of("#systeemfout");
	cr_assert_str_eq(value, ERROR_PATH, "the one error found is chosen");
	free(value);
	status = text_of("#zoek-status");
	assert_contains(status, "1 gevonden", "the search status");
	free(status);
	cr_assert(shown(WP_WD_CSS, "#keuze-bestaand:checked"),
		  "searching chooses 'an existing error'");

	type("#titel", WORKAROUND_TITLE, 0);
	type("#obstakel", "Elke kleine bijverdienste wordt meteen verrekend.", 0);
	type("#oplossing", "Het gezin geeft de inkomsten per kwartaal op.", 0);
	click(WP_WD_XPATH, BUTTON(SAVE_WORKAROUND));
	path = wait_at_prefix("/olifantenpaden/");
	cr_assert_str_eq(path, "/olifantenpaden/inkomsten-per-kwartaal-opgeven");
	link = wp_ts_fmt("//section[@id='systeemfouten']//a[@href='/%s']", ERROR_PATH);
	status = text_at(WP_WD_XPATH, link);
	cr_assert_str_eq(status, ERROR_TITLE, "the workaround shows its error");
	free(status);
	free(link);
	free(path);
}

#define NAV_DASHBOARD	 "Dashboard"
#define APPLY_FILTERS	 "Toepassen"
#define NEW_ERROR_TITLE	 "Medicatierol vergoed pas na machtiging"
#define OWNER_INSURER	 "Zorgverzekeraar"
#define REGIO		 "regio-noord"
/* The cells of the dashboard's ranking row of error path, in order: title,
 * status, owner, workarounds, stories, days open, answered. */
#define RANKING_ROW(path) "//table[contains(@class,'sf-ranking')]//tr[@data-path='" path "']/td"

/* The path the wijkcoach's new error gets from its title. */
#define NEW_ERROR_PATH "systeemfouten/medicatierol-vergoed-pas-na-machtiging"

Test(e2e_plugins, new_error_from_a_workaround_reaches_the_regio_teams_dashboard)
{
	json_t *cells;
	char *row_first, *path;

	start();
	add_account(PRO, "professional");
	add_account(REGIO, "regioteam");
	go("/inloggen?terug=/olifantenpad/nieuw");
	log_in(PRO);
	wait_at("/olifantenpad/nieuw");
	type("#titel", "Medicijnen voorschieten uit het potje", 0);
	type("#obstakel", "De apotheek levert pas als de machtiging rond is.", 0);
	type("#oplossing", "Het wijkteam schiet de eerste week voor.", 0);
	type("#verhalen", "verhalen/schuld-eerst-of-het-kind", 1);
	click(WP_WD_CSS, "#keuze-nieuw");
	type("#sf_titel", NEW_ERROR_TITLE, 0);
	type("#sf_regeling", "Machtiging vooraf (Zvw)", 0);
	choose("#sf_eigenaar", OWNER_INSURER);
	click(WP_WD_XPATH, BUTTON(SAVE_WORKAROUND));
	free(wait_at_prefix("/olifantenpaden/"));

	/* The regio team of the same team opens its dashboard from the menu. */
	go("/uitloggen");
	click(WP_WD_XPATH, BUTTON("Uitloggen"));
	/* Exactly "/", where logging out lands: every URL starts with "/",
	 * and going on from /uitloggen before the logout is done would find
	 * the login page redirecting a still logged-in browser. */
	wait_at("/");
	go("/inloggen?terug=/");
	log_in(REGIO);
	click_link(NAV_DASHBOARD);
	wait_at("/dashboard");
	choose("#f-eigenaar", OWNER_INSURER);
	click(WP_WD_XPATH, BUTTON(APPLY_FILTERS));
	path = wait_at_prefix("/dashboard?");
	assert_contains(path, "eigenaar=zorgverzekeraar", "the filtered dashboard");
	row_first = text_of("table.sf-ranking tbody tr:first-child td a");
	cr_assert_str_eq(row_first, NEW_ERROR_TITLE, "the new error heads the insurer's errors");
	cells = texts_of(WP_WD_XPATH, RANKING_ROW(NEW_ERROR_PATH));
	cr_assert_eq(json_array_size(cells), 7, "%s", row_first);
	cr_assert_str_eq(json_string_value(json_array_get(cells, 3)), "1", "one workaround");
	cr_assert_str_eq(json_string_value(json_array_get(cells, 4)), "1", "one story");
	cr_assert_str_eq(json_string_value(json_array_get(cells, 6)), "nee", "no answer yet");
	json_decref(cells);
	free(row_first);
	free(path);
}
