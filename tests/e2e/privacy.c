/* privacy.c - end-to-end tests of the privacy plugin in a real browser:
 * headless Chromium, driven through chromedriver, saves a new story
 * through the editor of the real server. Details pasted from notes (a
 * phone number, an e-mail address, an address) stop the save and are
 * shown marked in the text; "Vervang alles door aanduidingen" puts
 * placeholders in their place and the next save goes through. An
 * organisation's phone number is kept by confirming it, which the commit
 * message records without the number; a BSN cannot be confirmed at all.
 * Everything is checked as a person sees it, and in the repository. */
#include "server.h"
#include "webdriver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEAM	    "wijkteam-zuid"
#define PRO	    "wijkcoach-zuid"
#define PASSWORD_OF "wachtwoord-van-%s"

#define PATH	  "verhalen/notities-uit-de-browser"
#define FILE_AT	  "HEAD:" PATH ".md"
#define FM	  "titel: Notities uit de browser"
#define PHONE	  "06-12345678"
#define EMAIL	  "fam.jansen@example.nl"
#define ADDRESS	  "Kerkstraat 12, 1234 AB Utrecht"
#define ORG_PHONE "020-1234567"
#define BSN	  "123456782"

#define SAVE		  "button[name=action][value=save]"
#define REPLACE_ALL_LABEL "Vervang alles door aanduidingen"
#define REPLACE_ALL                                                                                \
	"//button[@name='vervang'][@value='alle'][normalize-space()='" REPLACE_ALL_LABEL "']"
#define FINDINGS       "section.findings #plekken"
#define FINDING_LABELS "section.findings ol.findings-list li a strong"
#define CONFIRM	       "section.findings input[type=checkbox][name=bevestig][value=privacy]"
#define LOGIN_BUTTON   "//form[.//input[@name='wachtwoord']]//button"

/* The server and the browser of the running test (see plugins.c). */
static struct {
	wp_test_server *srv;
	wp_wd *wd;
} fx;

static void stop(void)
{
	wp_wd_quit(fx.wd);
	fx.wd = NULL;
	wp_ts_stop(fx.srv);
	fx.srv = NULL;
}

TestSuite(e2e_privacy, .fini = stop, .timeout = 90);

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

static void type(const char *css, const char *text)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);

	wp_wd_clear(fx.wd, el);
	wp_wd_send_keys(fx.wd, el, text);
	free(el);
}

static char *text_of(const char *css)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *t = wp_wd_text(fx.wd, el);

	free(el);
	return t;
}

static char *value_of(const char *css)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *v = wp_wd_property(fx.wd, el, "value");

	free(el);
	cr_assert_not_null(v, "%s has no value", css);
	return v;
}

static int shown(const char *css)
{
	char *el = wp_wd_try_find(fx.wd, WP_WD_CSS, css);

	free(el);
	return el != NULL;
}

static void assert_contains(const char *hay, const char *needle, const char *what)
{
	cr_assert_not_null(strstr(hay, needle), "%s does not show \"%s\": %s", what, needle, hay);
}

static void assert_lacks(const char *hay, const char *needle, const char *what)
{
	cr_assert_null(strstr(hay, needle), "%s still holds \"%s\": %s", what, needle, hay);
}

static void assert_not_committed(void)
{
	char *file = wp_ts_repo_file(wp_ts_data_dir(fx.srv), FILE_AT);

	cr_assert_null(file, "the refused page was committed: %s", file);
}

/* Starts server and browser, adds the professional of TEAM, logs in
 * through the browser and opens the new-page editor. */
static void start_at_editor(void)
{
	char *password, *me;

	fx.srv = wp_ts_start(NULL);
	wp_wd_start(&fx.wd);
	password = wp_ts_fmt(PASSWORD_OF, PRO);
	me = wp_ts_fmt("//nav[contains(@class,'user')]//a[normalize-space()='%s']", PRO);
	wp_ts_user_add(fx.srv, PRO, "professional", TEAM, password);
	go("/inloggen?terug=/nieuw");
	type("#naam", PRO);
	type("#wachtwoord", password);
	click(WP_WD_XPATH, LOGIN_BUTTON);
	free(wp_wd_wait_find(fx.wd, WP_WD_XPATH, me));
	wait_at("/nieuw");
	free(me);
	free(password);
}

/* Fills in the new story with body and clicks save; waits for the
 * findings the refusal shows. */
static void save_refused(const char *body)
{
	type("#path", PATH);
	type("#frontmatter", FM);
	type("#body", body);
	click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, FINDINGS));
	wait_at("/nieuw");
	assert_not_committed();
}

/* The rendered text of the marked spot n (<mark id="plek-N">). */
static char *spot(size_t n)
{
	char *css = wp_ts_fmt("section.findings pre.marked mark#plek-%zu", n);
	char *t = text_of(css);

	free(css);
	return t;
}

Test(e2e_privacy, details_from_notes_are_marked_and_replaced_before_the_save)
{
	const char *body = "Gesprek met de familie.\nBel ze op " PHONE " of mail " EMAIL
			   ".\nZe wonen op " ADDRESS ".";
	const char *details[] = {PHONE, EMAIL, ADDRESS};
	const char *labels[] = {"telefoonnummer", "e-mailadres", "adres"};
	json_t *rows;
	char *kept, *t, *file;
	size_t i;

	start_at_editor();
	save_refused(body);
	rows = wp_wd_find_all(fx.wd, WP_WD_CSS, FINDING_LABELS);
	t = text_of("section.findings ol.findings-list");
	cr_assert_eq(json_array_size(rows), 3, "the findings list: %s", t);
	free(t);
	for (i = 0; i < 3; i++) {
		t = wp_wd_text(fx.wd, json_string_value(json_array_get(rows, i)));
		cr_assert_str_eq(t, labels[i], "finding %zu is called \"%s\"", i + 1, t);
		free(t);
		t = spot(i + 1);
		cr_assert_str_eq(t, details[i], "spot %zu is marked as \"%s\"", i + 1, t);
		free(t);
	}
	json_decref(rows);
	kept = value_of("#body");
	cr_assert_str_eq(kept, body, "the form did not keep the typed text");
	free(kept);

	click(WP_WD_XPATH, REPLACE_ALL);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "#melding"));
	kept = value_of("#body");
	for (i = 0; i < 3; i++)
		assert_lacks(kept, details[i], "the body after replacing");
	assert_contains(kept, "[telefoon]", "the body after replacing");
	assert_contains(kept, "[e-mail]", "the body after replacing");
	assert_contains(kept, "[adres]", "the body after replacing");
	free(kept);
	assert_not_committed();

	click(WP_WD_CSS, SAVE);
	wait_at("/" PATH);
	file = wp_ts_repo_file(wp_ts_data_dir(fx.srv), FILE_AT);
	cr_assert_not_null(file, "the page was not committed");
	assert_contains(file, "[telefoon]", "the committed page");
	assert_contains(file, "[e-mail]", "the committed page");
	assert_contains(file, "[adres]", "the committed page");
	for (i = 0; i < 3; i++)
		assert_lacks(file, details[i], "the committed page");
	free(file);
}

Test(e2e_privacy, an_organisations_phone_number_is_kept_after_confirming)
{
	wp_ts_commit head;
	char *t, *file;

	start_at_editor();
	save_refused("De wijkpost is bereikbaar op " ORG_PHONE ".");
	t = text_of("section.findings ol.findings-list");
	assert_contains(t, "telefoonnummer", "the findings list");
	free(t);
	click(WP_WD_CSS, CONFIRM);
	click(WP_WD_CSS, "section.findings " SAVE);
	wait_at("/" PATH);
	file = wp_ts_repo_file(wp_ts_data_dir(fx.srv), FILE_AT);
	cr_assert_not_null(file, "the confirmed page was not committed");
	assert_contains(file, ORG_PHONE, "the committed page");
	free(file);
	wp_ts_repo_head(&head, wp_ts_data_dir(fx.srv));
	assert_contains(head.message, "Privacycontrole", "the commit message");
	assert_contains(head.message, "telefoonnummer", "the commit message");
	assert_lacks(head.message, ORG_PHONE, "the commit message");
	wp_ts_commit_dispose(&head);
}

Test(e2e_privacy, a_bsn_blocks_the_save_and_cannot_be_confirmed)
{
	char *t;

	start_at_editor();
	save_refused("Het BSN van de cliënt is " BSN ".");
	t = text_of("section.findings ol.findings-list");
	assert_contains(t, "BSN", "the findings list");
	free(t);
	t = spot(1);
	cr_assert_str_eq(t, BSN, "the BSN is marked as \"%s\"", t);
	free(t);
	cr_assert(!shown("input[name=bevestig]"), "a BSN can be confirmed");
	assert_not_committed();
}
