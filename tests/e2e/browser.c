/* browser.c - end-to-end tests in a real browser: headless Chromium,
 * driven through chromedriver, walks the paths a new user takes through the
 * real server with the demo content (log in, read a story, edit it, look at
 * the history and the diff, revert, preview, create a missing page),
 * clicking links and buttons and typing into the forms as a person would.
 * What the browser shows is checked on the page; what was stored is checked
 * in the bare repository with libgit2 (tests/support/server.h). */
#include "server.h"
#include "webdriver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORY "verhalen/schuld-eerst-of-het-kind"
#define STORY_TITLE "Schuld eerst, of het kind?"
#define STORY_FILE "HEAD:" STORY ".md"
#define STORY_WITH_MISSING_LINK "verhalen/meneer-wil-geen-hulp-in-huis"
#define MISSING "dilemmas/tijd-versus-aandacht"
#define MISSING_TITLE "Tijd versus aandacht"
#define ADDED "Een nieuwe zin, getypt in de browser."
#define MESSAGE "Zin toegevoegd vanuit de browser"

/* Labels of the Dutch interface (server/texts_nl.c), as a person reads them. */
#define EDIT_LINK "Bewerken"
#define HISTORY_LINK "Geschiedenis"
#define NEW_PAGE_LINK "Nieuwe pagina"
#define DIFF_LINK "Verschil met vorige"
#define REVERT_BUTTON "Zet terug naar deze versie"

#define SAVE "button[value=save]"
#define PREVIEW "button[value=preview]"
#define HISTORY_ROWS "table.history tbody tr"
#define LOGIN_NAME "input[name=naam]"
#define LOGIN_PASSWORD "input[name=wachtwoord]"
#define LOGIN_BUTTON "//form[.//input[@name='wachtwoord']]//button"

/* The server and the browser of the running test. Criterion runs each test
 * in a process of its own and its .fini must reach both, also after a
 * failed assertion; this is the only state kept outside a function. */
static struct {
	wp_test_server *srv;
	wp_wd *wd;
} fx;

static void log_in(void);

/* Called first by each test rather than as .init: Criterion skips .fini
 * when .init fails, and a half-started browser must still be stopped.
 * Writing needs an account, so the browser logs in first. */
static void start(void)
{
	fx.srv = wp_ts_start(NULL);
	wp_wd_start(&fx.wd);
	log_in();
}

static void stop(void)
{
	wp_wd_quit(fx.wd);
	fx.wd = NULL;
	wp_ts_stop(fx.srv);
	fx.srv = NULL;
}

TestSuite(e2e, .fini = stop, .timeout = 90);

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

static void click(const char *using, const char *value)
{
	char *el = wp_wd_find(fx.wd, using, value);

	wp_wd_click(fx.wd, el);
	free(el);
}

static void type(const char *css, const char *text, int clear_first)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);

	if (clear_first)
		wp_wd_clear(fx.wd, el);
	wp_wd_send_keys(fx.wd, el, text);
	free(el);
}

/* Rendered text of the first element matching css. Caller frees. */
static char *text_of(const char *css)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *t = wp_wd_text(fx.wd, el);

	free(el);
	return t;
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

static size_t history_rows(void)
{
	json_t *rows = wp_wd_find_all(fx.wd, WP_WD_CSS, HISTORY_ROWS);
	size_t n = json_array_size(rows);

	json_decref(rows);
	return n;
}

/* The page file as stored at a rev-parse spec ("HEAD:x.md"). Caller frees. */
static char *stored(const char *spec)
{
	char *s = wp_ts_repo_file(wp_ts_data_dir(fx.srv), spec);

	cr_assert_not_null(s, "%s is not in the repository", spec);
	return s;
}

static size_t commits(void)
{
	return wp_ts_repo_count(wp_ts_data_dir(fx.srv));
}

/* Step 0: the login form, filled in as the test account and sent; the
 * browser comes back where it was sent from (terug). */
static void log_in(void)
{
	go("/inloggen?terug=/");
	type(LOGIN_NAME, WP_TS_TESTER, 1);
	type(LOGIN_PASSWORD, wp_ts_tester_password(fx.srv), 1);
	click(WP_WD_XPATH, LOGIN_BUTTON);
	wait_at("/");
}

/* Step 1: home → story list → story, by clicking. */
static void open_story_from_home(void)
{
	char *el, *label, *h1;

	go("/");
	el = wp_wd_find(fx.wd, WP_WD_CSS, "ul.types a[href='/type/verhaal']");
	label = wp_wd_text(fx.wd, el);
	cr_assert_str_eq(label, "Praktijkverhalen");
	wp_wd_click(fx.wd, el);
	wait_at("/type/verhaal");
	click(WP_WD_LINK, STORY_TITLE);
	wait_at("/" STORY);
	h1 = text_of("article h1");
	cr_assert_str_eq(h1, STORY_TITLE);
	free(h1);
	free(label);
	free(el);
}

/* Step 2: the edit form, a sentence appended to the body, saved. */
static void append_sentence(void)
{
	char *shown;

	click(WP_WD_LINK, EDIT_LINK);
	wait_at("/bewerken/" STORY);
	/* WebDriver types at the end of the text area's content. */
	type("#body", "\n" ADDED "\n", 0);
	type("#message", MESSAGE, 0);
	click(WP_WD_CSS, SAVE);
	wait_at("/" STORY);
	shown = text_of("article .body");
	cr_assert_not_null(strstr(shown, ADDED), "the saved page does not show the new sentence");
	free(shown);
}

/* The edit of step 2 is one commit by the logged-in account (its display
 * name and e-mail) with the typed message. */
static void assert_edit_commit(size_t before)
{
	wp_ts_commit c;
	char *file = stored(STORY_FILE);
	size_t n = strlen(file), m = strlen(ADDED "\n"), len;

	wp_ts_repo_head(&c, wp_ts_data_dir(fx.srv));
	cr_assert_eq(commits(), before + 1, "the save made %zu commits", commits() - before);
	cr_assert_str_eq(c.author, WP_TS_TESTER_DISPLAY);
	cr_assert_str_eq(c.email, WP_TS_TESTER_EMAIL);
	/* git messages may end in a newline the person did not type. */
	len = strlen(c.message);
	while (len && c.message[len - 1] == '\n')
		len--;
	cr_assert(len == strlen(MESSAGE) && strncmp(c.message, MESSAGE, len) == 0,
		  "commit message \"%s\", typed \"%s\"", c.message, MESSAGE);
	cr_assert(n >= m && strcmp(file + n - m, ADDED "\n") == 0,
		  "the stored page does not end with the sentence: …%s",
		  file + (n > 80 ? n - 80 : 0));
	cr_assert_null(strchr(file, '\r'), "the stored page holds CR characters");
	wp_ts_commit_dispose(&c);
	free(file);
}

/* Step 3: history → diff of the newest row shows the sentence as added. */
static void check_diff_of_newest_row(void)
{
	json_t *rows, *adds;
	char *link, *url, *prefix = at("/verschil/" STORY "?");
	size_t i, found = 0;
	json_t *item;

	click(WP_WD_LINK, HISTORY_LINK);
	wait_at("/geschiedenis/" STORY);
	rows = wp_wd_find_all(fx.wd, WP_WD_CSS, HISTORY_ROWS);
	cr_assert_geq(json_array_size(rows), 2, "history has %zu rows", json_array_size(rows));
	link = wp_wd_find_in(fx.wd, json_string_value(json_array_get(rows, 0)), WP_WD_LINK,
			     DIFF_LINK);
	wp_wd_click(fx.wd, link);
	url = wp_wd_wait_url_prefix(fx.wd, prefix);
	adds = wp_wd_find_all(fx.wd, WP_WD_CSS, "pre.diff .add");
	json_array_foreach (adds, i, item) {
		char *t = wp_wd_text(fx.wd, json_string_value(item));

		found += strstr(t, ADDED) != NULL;
		free(t);
	}
	cr_assert_eq(found, 1, "the diff at %s shows the sentence as added %zu times", url, found);
	json_decref(adds);
	json_decref(rows);
	free(link);
	free(url);
	free(prefix);
}

/* Step 4: back to the history, revert to the second row's version. */
static void revert_to_second_row(void)
{
	json_t *rows;
	char *button, *shown, *before = stored("HEAD~1:" STORY ".md"), *after;
	size_t n, c0 = commits();

	wp_wd_back(fx.wd);
	wait_at("/geschiedenis/" STORY);
	rows = wp_wd_find_all(fx.wd, WP_WD_CSS, HISTORY_ROWS);
	n = json_array_size(rows);
	cr_assert_geq(n, 2, "history has %zu rows", n);
	button = wp_wd_find_in(fx.wd, json_string_value(json_array_get(rows, 1)), WP_WD_XPATH,
			       ".//button[normalize-space()='" REVERT_BUTTON "']");
	wp_wd_click(fx.wd, button);
	wait_at("/" STORY);
	shown = text_of("article .body");
	cr_assert_null(strstr(shown, ADDED), "the reverted page still shows the sentence");
	click(WP_WD_LINK, HISTORY_LINK);
	wait_at("/geschiedenis/" STORY);
	cr_assert_eq(history_rows(), n + 1, "history has %zu rows after the revert, before %zu",
		     history_rows(), n);
	cr_assert_eq(commits(), c0 + 1, "the revert made %zu commits", commits() - c0);
	after = stored(STORY_FILE);
	cr_assert_str_eq(after, before, "the revert did not restore the earlier version");
	json_decref(rows);
	free(button);
	free(shown);
	free(before);
	free(after);
}

Test(e2e, new_user_reads_edits_compares_and_reverts_a_story)
{
	size_t c0;

	start();
	c0 = commits();
	open_story_from_home();
	append_sentence();
	assert_edit_commit(c0);
	check_diff_of_newest_row();
	revert_to_second_row();
}

Test(e2e, preview_shows_rendered_markdown_and_commits_nothing)
{
	char rev[WP_TS_OID_HEX], rev_after[WP_TS_OID_HEX];
	size_t c0;
	char *el, *strong, *src, *kept;

	start();
	c0 = commits();
	wp_ts_api_revision(rev, fx.srv, STORY);
	go("/" STORY);
	click(WP_WD_LINK, EDIT_LINK);
	wait_at("/bewerken/" STORY);
	type("#body", "**vet**", 1);
	click(WP_WD_CSS, PREVIEW);
	el = wp_wd_wait_find(fx.wd, WP_WD_CSS, "section.preview strong");
	strong = wp_wd_text(fx.wd, el);
	cr_assert_str_eq(strong, "vet");
	src = wp_wd_source(fx.wd);
	cr_assert_not_null(strstr(src, "<strong>vet</strong>"), "no <strong>vet</strong> shown");
	kept = value_of("#body");
	cr_assert_str_eq(kept, "**vet**", "the text area lost the typed text");
	wait_at("/bewerken/" STORY);
	cr_assert_eq(commits(), c0, "the preview made a commit");
	wp_ts_api_revision(rev_after, fx.srv, STORY);
	cr_assert_str_eq(rev_after, rev, "the preview changed the page");
	free(kept);
	free(src);
	free(strong);
	free(el);
}

/* Class of the story's link to MISSING ("" when it has none). Caller frees. */
static char *missing_link_class(void)
{
	char *el = wp_wd_find(fx.wd, WP_WD_XPATH,
			      "//article//a[contains(@href, '" MISSING "')]");
	char *cls = wp_wd_attribute(fx.wd, el, "class");

	free(el);
	return cls ? cls : wp_ts_fmt("%s", "");
}

Test(e2e, missing_page_link_opens_filled_form_and_creates_the_page)
{
	char *el, *text, *path, *h1, *shown, *cls, *file, *still_new;

	start();
	go("/" STORY_WITH_MISSING_LINK);
	el = wp_wd_find(fx.wd, WP_WD_CSS, "article a.wikilink.nieuw");
	text = wp_wd_text(fx.wd, el);
	cr_assert_str_eq(text, "tijd versus aandacht");
	wp_wd_click(fx.wd, el);
	wait_at("/nieuw?pad=" MISSING);
	path = value_of("#path");
	cr_assert_str_eq(path, MISSING, "the path field is not filled in");
	type("#frontmatter", "titel: " MISSING_TITLE, 1);
	type("#body", "Korte bezoeken laten weinig ruimte voor een echt gesprek.", 0);
	type("#message", "Nieuw dilemma", 0);
	click(WP_WD_CSS, SAVE);
	wait_at("/" MISSING);
	h1 = text_of("article h1");
	cr_assert_str_eq(h1, MISSING_TITLE);
	shown = text_of("article .body");
	cr_assert_not_null(strstr(shown, "weinig ruimte voor een echt gesprek"), "body: %s", shown);
	file = stored("HEAD:" MISSING ".md");
	cr_assert_not_null(strstr(file, "titel: " MISSING_TITLE), "stored: %s", file);
	go("/" STORY_WITH_MISSING_LINK);
	cls = missing_link_class();
	cr_assert_null(strstr(cls, "nieuw"), "the link is still marked new: class \"%s\"", cls);
	cr_assert_not_null(strstr(cls, "wikilink"), "class \"%s\"", cls);
	still_new = wp_wd_try_find(fx.wd, WP_WD_CSS, "article a.wikilink.nieuw");
	cr_assert_null(still_new, "the story still has a link marked new");
	free(file);
	free(cls);
	free(shown);
	free(h1);
	free(path);
	free(text);
	free(el);
}

Test(e2e, broken_front_matter_shows_error_and_keeps_the_typed_text)
{
	size_t c0;
	char *err, *body, *path;
	wp_ts_response *r;

	start();
	c0 = commits();
	go("/");
	click(WP_WD_LINK, NEW_PAGE_LINK);
	wait_at("/nieuw");
	type("#path", "verhalen/uit-de-browser", 1);
	type("#frontmatter", "titel: [niet gesloten", 1);
	type("#body", "Deze tekst mag niet verloren gaan.", 0);
	click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "#fout"));
	err = text_of("#fout");
	cr_assert_gt(strlen(err), 0, "the error box is empty");
	body = value_of("#body");
	cr_assert_str_eq(body, "Deze tekst mag niet verloren gaan.");
	path = value_of("#path");
	cr_assert_str_eq(path, "verhalen/uit-de-browser");
	cr_assert_eq(commits(), c0, "a page with broken front matter was committed");
	r = wp_ts_get(fx.srv, "/api/pages/verhalen/uit-de-browser");
	cr_assert_eq(r->status, 404, "the page exists after a failed save: %ld", r->status);
	wp_ts_response_free(r);
	/* The person repairs the front matter in the same form and saves. */
	type("#frontmatter", "titel: Uit de browser", 1);
	click(WP_WD_CSS, SAVE);
	wait_at("/verhalen/uit-de-browser");
	cr_assert_eq(commits(), c0 + 1);
	free(path);
	free(body);
	free(err);
}

Test(e2e, save_over_a_newer_version_shows_conflict_and_keeps_both_texts)
{
	char rev[WP_TS_OID_HEX];
	char *theirs, *content, *now, *mine, *current;
	wp_ts_response *r;
	size_t c0;

	start();
	go("/" STORY);
	click(WP_WD_LINK, EDIT_LINK);
	wait_at("/bewerken/" STORY);
	/* Someone else saves a new version while the form is open. */
	wp_ts_api_revision(rev, fx.srv, STORY);
	content = stored(STORY_FILE);
	theirs = wp_ts_fmt("%sIntussen door iemand anders toegevoegd.\n", content);
	r = wp_ts_api_put(fx.srv, STORY, theirs, rev, "Andere bewerking");
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	c0 = commits();
	type("#body", "\n" ADDED "\n", 0);
	click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "#fout"));
	wait_at("/bewerken/" STORY);
	mine = value_of("#body");
	cr_assert_not_null(strstr(mine, ADDED), "the form lost the person's text");
	current = value_of("#current");
	cr_assert_not_null(strstr(current, "Intussen door iemand anders toegevoegd."),
			   "the current version is not shown");
	cr_assert_eq(commits(), c0, "the stale save was committed");
	now = stored(STORY_FILE);
	cr_assert_str_eq(now, theirs, "the other person's version was overwritten");
	free(current);
	free(mine);
	free(now);
	free(theirs);
	free(content);
}

/* Up to 40 bytes of s from 20 before offset off, newlines shown as \n.
 * Caller frees. */
static char *excerpt(const char *s, size_t off)
{
	size_t i = off > 20 ? off - 20 : 0, n;
	char *out = malloc(81), *w = out;

	cr_assert_not_null(out, "out of memory");
	for (n = 0; s[i] && n < 40; i++, n++) {
		if (s[i] == '\n')
			*w++ = '\\';
		*w++ = s[i] == '\n' ? 'n' : s[i];
	}
	*w = '\0';
	return out;
}

Test(e2e, saving_the_edit_form_unchanged_keeps_the_file_as_it_was)
{
	char *before, *after, *was, *now;
	char msg[256];
	size_t i = 0;
	int same;

	start();
	before = stored(STORY_FILE);
	go("/" STORY);
	click(WP_WD_LINK, EDIT_LINK);
	wait_at("/bewerken/" STORY);
	click(WP_WD_CSS, SAVE);
	wait_at("/" STORY);
	after = stored(STORY_FILE);
	while (before[i] && before[i] == after[i])
		i++;
	same = before[i] == after[i];
	was = excerpt(before, i);
	now = excerpt(after, i);
	snprintf(msg, sizeof(msg),
		 "saving an untouched form changed the page file at byte %zu: was \"%s\", now "
		 "\"%s\"",
		 i, was, now);
	free(was);
	free(now);
	free(after);
	free(before);
	cr_assert(same, "%s", msg);
}
