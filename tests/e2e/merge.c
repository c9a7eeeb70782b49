/* merge.c - end-to-end tests of editing at the same time, in a real
 * browser (headless Chromium through chromedriver): a person opens the
 * editor, someone else saves the page meanwhile (through the API), and
 * the person saves. Changes to other parts are merged and saved; a
 * change to the same part keeps the person on the form with their text,
 * the current version and the merge with the overlap marked, and nothing
 * is committed. */
#include "server.h"
#include "webdriver.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRO	      "wijkcoach-samen"
#define PASSWORD_OF   "wachtwoord-van-%s"
#define PAGE	      "notities/samen-in-de-browser"
#define FILE_AT	      "HEAD:" PAGE ".md"
#define FM	      "---\ntitel: Samen in de browser\n---\n"
#define P1	      "Eerste alinea over de buurt."
#define P2	      "Tweede alinea over het plan."
#define P3	      "Derde alinea over de afspraken."
#define BODY(a, b, c) a "\n\n" b "\n\n" c "\n"

#define SAVE	     "button[name=action][value=save]"
#define LOGIN_BUTTON "//form[.//input[@name='wachtwoord']]//button"

/* The server and the browser of the running test. */
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

TestSuite(e2e_merge, .fini = stop, .timeout = 90);

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

static char *value_of(const char *css)
{
	char *el = wp_wd_find(fx.wd, WP_WD_CSS, css);
	char *v = wp_wd_property(fx.wd, el, "value");

	free(el);
	cr_assert_not_null(v, "%s has no value", css);
	return v;
}

static void assert_contains(const char *hay, const char *needle, const char *what)
{
	cr_assert_not_null(strstr(hay, needle), "%s does not show \"%s\": %s", what, needle, hay);
}

static char *stored(void)
{
	return wp_ts_repo_file(wp_ts_data_dir(fx.srv), FILE_AT);
}

/* Saves the page through the API as the default account (someone else). */
static void api_save(const char *body, const char *base)
{
	char *content = wp_ts_fmt(FM "%s", body);
	wp_ts_response *r = wp_ts_api_put(fx.srv, PAGE, content, base, "Ander");

	cr_assert(r->status == 200 || r->status == 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	free(content);
}

/* Starts server and browser with PAGE saved, logs in as PRO and opens
 * the editor of PAGE; then someone else saves other_body over it. */
static void open_editor_then_other_saves(const char *other_body)
{
	char *password, *me, rev[WP_TS_OID_HEX];

	fx.srv = wp_ts_start(NULL);
	wp_wd_start(&fx.wd);
	api_save(BODY(P1, P2, P3), NULL);
	password = wp_ts_fmt(PASSWORD_OF, PRO);
	me = wp_ts_fmt("//nav[contains(@class,'user')]//a[normalize-space()='%s']", PRO);
	wp_ts_user_add(fx.srv, PRO, "professional", NULL, password);
	go("/inloggen?terug=/bewerken/" PAGE);
	type("#naam", PRO);
	type("#wachtwoord", password);
	click(WP_WD_XPATH, LOGIN_BUTTON);
	free(wp_wd_wait_find(fx.wd, WP_WD_XPATH, me));
	wait_at("/bewerken/" PAGE);
	free(me);
	free(password);
	wp_ts_api_revision(rev, fx.srv, PAGE);
	api_save(other_body, rev);
}

Test(e2e_merge, a_change_elsewhere_is_merged_and_saved)
{
	char *now;

	open_editor_then_other_saves(BODY("Eerste alinea, door een ander herschreven.", P2, P3));
	type("#body", BODY(P1, P2, "Derde alinea over de afspraken, aangevuld in de browser."));
	click(WP_WD_CSS, SAVE);
	wait_at("/" PAGE);
	now = stored();
	assert_contains(now, "door een ander herschreven", "the saved page");
	assert_contains(now, "aangevuld in de browser", "the saved page");
	free(now);
}

Test(e2e_merge, a_change_to_the_same_part_keeps_the_text_and_shows_the_merge)
{
	const char *mine = BODY(P1, "Tweede alinea: het plan uit de browser.", P3);
	char *merged, *kept, *now;

	open_editor_then_other_saves(BODY(P1, "Tweede alinea: het plan van een ander.", P3));
	type("#body", mine);
	click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(fx.wd, WP_WD_CSS, "section.merged #samengevoegd"));
	wait_at("/bewerken/" PAGE);
	merged = value_of("#merged");
	assert_contains(merged, "<<<<<<<", "the merge");
	assert_contains(merged, "het plan uit de browser", "the merge");
	assert_contains(merged, "het plan van een ander", "the merge");
	kept = value_of("#body");
	cr_assert_str_eq(kept, mine, "the person's text must stay in the form");
	now = stored();
	assert_contains(now, "het plan van een ander", "the stored page");
	cr_assert_null(strstr(now, "uit de browser"), "committed: %s", now);
	free(merged);
	free(kept);
	free(now);
}
