/* merge.c - end-to-end tests of editing at the same time, in a real
 * browser (headless Chromium through chromedriver): a person opens the
 * editor, someone else saves the page meanwhile (through the API), and
 * the person saves. Changes to other parts are merged and saved, and the
 * page says so; a change to the same part keeps the person on the form
 * with their text, the current version and the merge with the overlap
 * marked, and nothing is committed. */
#include "session.h"

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

#define SAVE "button[name=action][value=save]"

TestSuite(e2e_merge, .fini = wp_e2e_stop, .timeout = 90);

static char *stored(void)
{
	return wp_ts_repo_file(wp_ts_data_dir(wp_e2e_fx.srv), FILE_AT);
}

/* Saves the page through the API as the default account (someone else). */
static void api_save(const char *body, const char *base)
{
	char *content = wp_ts_fmt(FM "%s", body);
	wp_ts_response *r = wp_ts_api_put(wp_e2e_fx.srv, PAGE, content, base, "Ander");

	cr_assert(r->status == 200 || r->status == 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	free(content);
}

/* Starts server and browser with PAGE saved, logs in as PRO and opens
 * the editor of PAGE; then someone else saves other_body over it. */
static void open_editor_then_other_saves(const char *other_body)
{
	char *password = wp_ts_fmt(PASSWORD_OF, PRO), rev[WP_TS_OID_HEX];

	wp_e2e_start(NULL);
	api_save(BODY(P1, P2, P3), NULL);
	wp_ts_user_add(wp_e2e_fx.srv, PRO, "professional", NULL, password);
	wp_e2e_login(PRO, password, "/bewerken/" PAGE);
	free(password);
	wp_ts_api_revision(rev, wp_e2e_fx.srv, PAGE);
	api_save(other_body, rev);
}

Test(e2e_merge, a_change_elsewhere_is_merged_and_saved)
{
	char *now, *notice;

	open_editor_then_other_saves(BODY("Eerste alinea, door een ander herschreven.", P2, P3));
	wp_e2e_type("#body",
		    BODY(P1, P2, "Derde alinea over de afspraken, aangevuld in de browser."));
	wp_e2e_click(WP_WD_CSS, SAVE);
	wp_e2e_wait_at("/" PAGE "?samengevoegd=1");
	notice = wp_e2e_text_of("p.notice[role=status]");
	wp_e2e_assert_contains(notice, "samengevoegd", "the notice on the page");
	free(notice);
	now = stored();
	wp_e2e_assert_contains(now, "door een ander herschreven", "the saved page");
	wp_e2e_assert_contains(now, "aangevuld in de browser", "the saved page");
	free(now);
}

Test(e2e_merge, a_change_to_the_same_part_keeps_the_text_and_shows_the_merge)
{
	const char *mine = BODY(P1, "Tweede alinea: het plan uit de browser.", P3);
	char *merged, *kept, *now;

	open_editor_then_other_saves(BODY(P1, "Tweede alinea: het plan van een ander.", P3));
	wp_e2e_type("#body", mine);
	wp_e2e_click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(wp_e2e_fx.wd, WP_WD_CSS, "section.merged #samengevoegd"));
	wp_e2e_wait_at("/bewerken/" PAGE);
	merged = wp_e2e_value_of("#merged");
	wp_e2e_assert_contains(merged, "<<<<<<<", "the merge");
	wp_e2e_assert_contains(merged, "het plan uit de browser", "the merge");
	wp_e2e_assert_contains(merged, "het plan van een ander", "the merge");
	kept = wp_e2e_value_of("#body");
	cr_assert_str_eq(kept, mine, "the person's text must stay in the form");
	now = stored();
	wp_e2e_assert_contains(now, "het plan van een ander", "the stored page");
	cr_assert_null(strstr(now, "uit de browser"), "committed: %s", now);
	free(merged);
	free(kept);
	free(now);
}
