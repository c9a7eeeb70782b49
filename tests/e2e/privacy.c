/* privacy.c - end-to-end tests of the privacy plugin in a real browser:
 * headless Chromium, driven through chromedriver, saves a new story
 * through the editor of the real server. Details pasted from notes (a
 * phone number, an e-mail address, an address) stop the save and are
 * shown marked in the text; "Vervang alles door aanduidingen" puts
 * placeholders in their place and the next save goes through. An
 * organisation's phone number is kept by confirming it, which the commit
 * message records without the number; a BSN cannot be confirmed at all.
 * Everything is checked as a person sees it, and in the repository. */
#include "session.h"

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

TestSuite(e2e_privacy, .fini = wp_e2e_stop, .timeout = 90);

static void assert_lacks(const char *hay, const char *needle, const char *what)
{
	cr_assert_null(strstr(hay, needle), "%s still holds \"%s\": %s", what, needle, hay);
}

static void assert_not_committed(void)
{
	char *file = wp_ts_repo_file(wp_ts_data_dir(wp_e2e_fx.srv), FILE_AT);

	cr_assert_null(file, "the refused page was committed: %s", file);
}

/* Starts server and browser, adds the professional of TEAM, logs in
 * through the browser and opens the new-page editor. */
static void start_at_editor(void)
{
	char *password = wp_ts_fmt(PASSWORD_OF, PRO);

	wp_e2e_start(NULL);
	wp_ts_user_add(wp_e2e_fx.srv, PRO, "professional", TEAM, password);
	wp_e2e_login(PRO, password, "/nieuw");
	free(password);
}

/* Fills in the new story with body and clicks save; waits for the
 * findings the refusal shows. */
static void save_refused(const char *body)
{
	wp_e2e_type("#path", PATH);
	wp_e2e_type("#frontmatter", FM);
	wp_e2e_type("#body", body);
	wp_e2e_click(WP_WD_CSS, SAVE);
	free(wp_wd_wait_find(wp_e2e_fx.wd, WP_WD_CSS, FINDINGS));
	wp_e2e_wait_at("/nieuw");
	assert_not_committed();
}

/* The rendered text of the marked spot n (<mark id="plek-N">). */
static char *spot(size_t n)
{
	char *css = wp_ts_fmt("section.findings pre.marked mark#plek-%zu", n);
	char *t = wp_e2e_text_of(css);

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
	rows = wp_wd_find_all(wp_e2e_fx.wd, WP_WD_CSS, FINDING_LABELS);
	t = wp_e2e_text_of("section.findings ol.findings-list");
	cr_assert_eq(json_array_size(rows), 3, "the findings list: %s", t);
	free(t);
	for (i = 0; i < 3; i++) {
		t = wp_wd_text(wp_e2e_fx.wd, json_string_value(json_array_get(rows, i)));
		cr_assert_str_eq(t, labels[i], "finding %zu is called \"%s\"", i + 1, t);
		free(t);
		t = spot(i + 1);
		cr_assert_str_eq(t, details[i], "spot %zu is marked as \"%s\"", i + 1, t);
		free(t);
	}
	json_decref(rows);
	kept = wp_e2e_value_of("#body");
	cr_assert_str_eq(kept, body, "the form did not keep the typed text");
	free(kept);

	wp_e2e_click(WP_WD_XPATH, REPLACE_ALL);
	free(wp_wd_wait_find(wp_e2e_fx.wd, WP_WD_CSS, "#melding"));
	kept = wp_e2e_value_of("#body");
	for (i = 0; i < 3; i++)
		assert_lacks(kept, details[i], "the body after replacing");
	wp_e2e_assert_contains(kept, "[telefoon]", "the body after replacing");
	wp_e2e_assert_contains(kept, "[e-mail]", "the body after replacing");
	wp_e2e_assert_contains(kept, "[adres]", "the body after replacing");
	free(kept);
	assert_not_committed();

	wp_e2e_click(WP_WD_CSS, SAVE);
	wp_e2e_wait_at("/" PATH);
	file = wp_ts_repo_file(wp_ts_data_dir(wp_e2e_fx.srv), FILE_AT);
	cr_assert_not_null(file, "the page was not committed");
	wp_e2e_assert_contains(file, "[telefoon]", "the committed page");
	wp_e2e_assert_contains(file, "[e-mail]", "the committed page");
	wp_e2e_assert_contains(file, "[adres]", "the committed page");
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
	t = wp_e2e_text_of("section.findings ol.findings-list");
	wp_e2e_assert_contains(t, "telefoonnummer", "the findings list");
	free(t);
	wp_e2e_click(WP_WD_CSS, CONFIRM);
	wp_e2e_click(WP_WD_CSS, "section.findings " SAVE);
	wp_e2e_wait_at("/" PATH);
	file = wp_ts_repo_file(wp_ts_data_dir(wp_e2e_fx.srv), FILE_AT);
	cr_assert_not_null(file, "the confirmed page was not committed");
	wp_e2e_assert_contains(file, ORG_PHONE, "the committed page");
	free(file);
	wp_ts_repo_head(&head, wp_ts_data_dir(wp_e2e_fx.srv));
	wp_e2e_assert_contains(head.message, "Privacycontrole", "the commit message");
	wp_e2e_assert_contains(head.message, "telefoonnummer", "the commit message");
	assert_lacks(head.message, ORG_PHONE, "the commit message");
	wp_ts_commit_dispose(&head);
}

Test(e2e_privacy, a_bsn_blocks_the_save_and_cannot_be_confirmed)
{
	char *t;

	start_at_editor();
	save_refused("Het BSN van de cliënt is " BSN ".");
	t = wp_e2e_text_of("section.findings ol.findings-list");
	wp_e2e_assert_contains(t, "BSN", "the findings list");
	free(t);
	t = spot(1);
	cr_assert_str_eq(t, BSN, "the BSN is marked as \"%s\"", t);
	free(t);
	cr_assert(!wp_e2e_shown("input[name=bevestig]"), "a BSN can be confirmed");
	assert_not_committed();
}
