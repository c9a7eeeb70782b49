/* Integration tests of the web pages (docs/http.md "Web pages"): views,
 * forms, history, diff, revert, rename, delete and the lists, against the
 * real server with the demo content. */
#include "server.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <string.h>

#define STORY "verhalen/schuld-eerst-of-het-kind"
#define STORY_TITLE "Schuld eerst, of het kind?"
#define DILEMMA "dilemmas/gezin-centraal-versus-kind-centraal"
#define STORY_WITH_MISSING_LINK "verhalen/meneer-wil-geen-hulp-in-huis"
#define MISSING_TARGET "dilemmas/tijd-versus-aandacht"
#define ADDED_LINE "Een nieuwe alinea uit de integratietest."
/* The demo story only members of its team read ("zichtbaarheid: team"). */
#define TEAM_STORY "verhalen/twee-gemeentes-een-gezin"
#define TEAM_OF_STORY "wijkteam-noord"

static void assert_html(const wp_ts_response *r, long status)
{
	const char *ct = wp_ts_header(r, "Content-Type");

	cr_assert_eq(r->status, status, "expected %ld, got %ld: %.400s", status, r->status,
		     r->body);
	cr_assert(ct && strncmp(ct, "text/html", 9) == 0, "Content-Type %s", ct ? ct : "-");
}

/* Asserts a redirect with status to path (relative or on this server). */
static void assert_redirect(const wp_test_server *srv, const wp_ts_response *r, long status,
			    const char *path)
{
	const char *loc = wp_ts_header(r, "Location");
	char *abs = wp_ts_fmt("%s%s", wp_ts_base_url(srv), path);

	cr_assert_eq(r->status, status, "expected %ld to %s, got %ld: %.400s", status, path,
		     r->status, r->body);
	cr_assert(loc && (strcmp(loc, path) == 0 || strcmp(loc, abs) == 0),
		  "Location %s, want %s", loc ? loc : "-", path);
	free(abs);
}

/* Asserts c was made by the test account: its display name as author,
 * with its e-mail. */
static void assert_by_tester(const wp_ts_commit *c)
{
	cr_assert_str_eq(c->author, WP_TS_TESTER_DISPLAY);
	cr_assert_str_eq(c->email, WP_TS_TESTER_EMAIL);
}

static wp_ts_response *get_html(const wp_test_server *srv, const char *path, long status)
{
	wp_ts_response *r = wp_ts_get(srv, path);

	assert_html(r, status);
	return r;
}

/* The edit form of path: base, front matter and body as a browser would
 * send them back. Caller frees the three strings. */
static void read_edit_form(char **base, char **fm, char **body, const wp_test_server *srv,
			   const char *path)
{
	char *url = wp_ts_fmt("/bewerken/%s", path);
	wp_ts_response *r = get_html(srv, url, 200);

	*base = wp_ts_input_value(r->body, "base");
	*fm = wp_ts_textarea(r->body, "frontmatter");
	*body = wp_ts_textarea(r->body, "body");
	cr_assert_not_null(*base, "no input \"base\" in the edit form");
	cr_assert_not_null(*fm, "no textarea \"frontmatter\" in the edit form");
	cr_assert_not_null(*body, "no textarea \"body\" in the edit form");
	wp_ts_response_free(r);
	free(url);
}

/* Saves path through the edit form with `extra` appended to the body;
 * expects 303 to the page. Writes the revision before the edit to old_rev. */
static void form_edit(char old_rev[WP_TS_OID_HEX], const wp_test_server *srv, const char *path,
		      const char *extra, const char *message)
{
	char *base, *fm, *body, *new_body, *url, *to;
	wp_ts_response *r;

	read_edit_form(&base, &fm, &body, srv, path);
	cr_assert_eq(strlen(base), WP_TS_OID_HEX - 1, "base \"%s\"", base);
	strcpy(old_rev, base);
	new_body = wp_ts_fmt("%s\n%s\n", body, extra);
	url = wp_ts_fmt("/bewerken/%s", path);
	{
		const char *f[] = { "base", base, "frontmatter", fm, "body", new_body,
				    "message", message, "action", "save", NULL };

		r = wp_ts_post_form(srv, url, f);
	}
	to = wp_ts_fmt("/%s", path);
	assert_redirect(srv, r, 303, to);
	wp_ts_response_free(r);
	free(to);
	free(url);
	free(new_body);
	free(base);
	free(fm);
	free(body);
}

static size_t history_length(const wp_test_server *srv, const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s/history", path);
	wp_ts_response *r = wp_ts_get(srv, url);
	json_t *j;
	size_t n;

	cr_assert_eq(r->status, 200, "%s: %ld %s", url, r->status, r->body);
	j = wp_ts_json(r);
	n = json_array_size(j);
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return n;
}

Test(pages, home_is_html_with_links_to_pages_and_types)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/", 200);
	DIR *d = opendir(wp_ts_content_dir());
	struct dirent *e;
	size_t linked = 0;

	/* Recent changes link to demo pages; which ones depends on the list. */
	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL) {
		char *prefix = wp_ts_fmt("href=\"/%s/", e->d_name);

		if (e->d_name[0] != '.')
			linked += wp_ts_count(r->body, prefix);
		free(prefix);
	}
	closedir(d);
	cr_assert_gt(linked, 0, "no link to any demo page on the home page");
	cr_assert_not_null(strstr(r->body, "href=\"/type/verhaal\""), "no link to the type list");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, page_view_shows_title_and_rendered_markdown)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/" STORY, 200);

	cr_assert_not_null(strstr(r->body, STORY_TITLE), "no title");
	cr_assert_not_null(strstr(r->body, "Wat er gebeurde</h2>"), "no rendered heading");
	cr_assert_not_null(strstr(r->body, "<strong>elk een eigen intake</strong>"),
			   "no rendered emphasis");
	cr_assert_not_null(strstr(r->body, "<li>"), "no rendered list");
	cr_assert_null(strstr(r->body, "## Wat er gebeurde"), "Markdown shown unrendered");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, wikilink_to_existing_page_is_plain_wikilink)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/" DILEMMA, 200);
	char *cls = wp_ts_link_class(r->body, "/" STORY);

	cr_assert_not_null(cls, "no link to /%s in %s", STORY, DILEMMA);
	cr_assert_str_eq(cls, "wikilink");
	free(cls);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, wikilink_to_missing_page_is_marked_new_and_links_to_form)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char *src = wp_ts_fmt("%s/%s.md", wp_ts_content_dir(), MISSING_TARGET);
	char *missing = wp_ts_read_file(src);
	wp_ts_response *r;
	char *cls;

	cr_assert_null(missing, "demo content changed: %s exists now", src);
	r = get_html(srv, "/" STORY_WITH_MISSING_LINK, 200);
	cls = wp_ts_link_class(r->body, "/nieuw?pad=" MISSING_TARGET);
	if (!cls)
		cls = wp_ts_link_class(r->body, "/nieuw?pad=dilemmas%2Ftijd-versus-aandacht");
	cr_assert_not_null(cls, "no link to /nieuw?pad=%s", MISSING_TARGET);
	cr_assert_str_eq(cls, "wikilink nieuw");
	free(cls);
	free(src);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, wikilinks_in_a_saved_page_resolve_by_existence)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_api_put(srv, "verhalen/it-links",
					  "---\ntitel: Links\n---\nZie [[" STORY "|het verhaal]] en "
					  "[[dilemmas/it-bestaat-niet|iets nieuws]].\n",
					  NULL, "Links");
	char *cls;

	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	r = get_html(srv, "/verhalen/it-links", 200);
	cls = wp_ts_link_class(r->body, "/" STORY);
	cr_assert(cls && strcmp(cls, "wikilink") == 0, "class %s", cls ? cls : "-");
	free(cls);
	cls = wp_ts_link_class(r->body, "/nieuw?pad=dilemmas/it-bestaat-niet");
	if (!cls)
		cls = wp_ts_link_class(r->body, "/nieuw?pad=dilemmas%2Fit-bestaat-niet");
	cr_assert(cls && strcmp(cls, "wikilink nieuw") == 0, "class %s", cls ? cls : "-");
	free(cls);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, front_matter_summary_shows_field_values)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/" STORY, 200);

	/* Both values appear only in the front matter, not in the body. */
	cr_assert_not_null(strstr(r->body, "wijkcoach"), "verteller not shown");
	cr_assert_not_null(strstr(r->body, "regio Noord"), "regio not shown");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, raw_html_in_a_saved_page_is_not_rendered)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_api_put(srv, "verhalen/it-script",
					  "---\ntitel: \"Script <b>vet</b>\"\nverteller: "
					  "\"<i>schuin</i>\"\n---\nGewone tekst.\n\n"
					  "<script>alert(1)</script>\n\n"
					  "<img src=x onerror=alert(2)>\n\n"
					  "[klik](javascript:alert(3))\n", NULL, "Script");

	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	r = get_html(srv, "/verhalen/it-script", 200);
	cr_assert_not_null(strstr(r->body, "Gewone tekst."));
	cr_assert_null(strstr(r->body, "<script>alert"), "raw <script> rendered");
	cr_assert_null(strstr(r->body, "<img src=x onerror"), "raw <img> rendered");
	cr_assert_null(strstr(r->body, "href=\"javascript:"), "javascript: link rendered");
	cr_assert_null(strstr(r->body, "<b>vet</b>"), "title not escaped");
	cr_assert_null(strstr(r->body, "<i>schuin</i>"), "front matter value not escaped");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, missing_page_is_404_html_with_create_link)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/verhalen/bestaat-niet", 404);

	cr_assert(strstr(r->body, "/nieuw?pad=verhalen/bestaat-niet") ||
		  strstr(r->body, "/nieuw?pad=verhalen%2Fbestaat-niet"),
		  "no link to create the page");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, raw_source_is_the_stored_markdown)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/bron/" STORY);
	char *stored = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	const char *ct = wp_ts_header(r, "Content-Type");

	cr_assert_eq(r->status, 200, "%ld", r->status);
	cr_assert(ct && strcmp(ct, "text/markdown; charset=utf-8") == 0, "Content-Type %s",
		  ct ? ct : "-");
	cr_assert_not_null(stored);
	cr_assert_str_eq(r->body, stored);
	free(stored);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, page_at_old_revision_shows_old_text)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX];
	char *url;
	wp_ts_response *r;

	form_edit(old_rev, srv, STORY, ADDED_LINE, "Nieuwe alinea");
	r = get_html(srv, "/" STORY, 200);
	cr_assert_not_null(strstr(r->body, ADDED_LINE));
	wp_ts_response_free(r);
	url = wp_ts_fmt("/%s?rev=%s", STORY, old_rev);
	r = get_html(srv, url, 200);
	cr_assert_null(strstr(r->body, ADDED_LINE), "old revision shows the new text");
	cr_assert_not_null(strstr(r->body, "Wat er gebeurde</h2>"));
	wp_ts_response_free(r);
	free(url);
	wp_ts_stop(srv);
}

Test(pages, edit_form_holds_base_front_matter_and_body)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	char *base, *fm, *body;

	wp_ts_api_revision(rev, srv, STORY);
	read_edit_form(&base, &fm, &body, srv, STORY);
	cr_assert_str_eq(base, rev);
	cr_assert_not_null(strstr(fm, "verteller"), "front matter: %s", fm);
	cr_assert_null(strstr(body, "verteller:"), "body holds the front matter");
	cr_assert_not_null(strstr(body, "## Wat er gebeurde"), "body: %s", body);
	free(base);
	free(fm);
	free(body);
	wp_ts_stop(srv);
}

Test(pages, edit_form_save_redirects_and_page_shows_new_text)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX];
	wp_ts_commit head;
	wp_ts_response *r;
	char *stored;

	form_edit(old_rev, srv, STORY, ADDED_LINE, "Nieuwe alinea");
	r = get_html(srv, "/" STORY, 200);
	cr_assert_not_null(strstr(r->body, ADDED_LINE));
	cr_assert_not_null(strstr(r->body, STORY_TITLE), "title lost in the edit");
	wp_ts_response_free(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Nieuwe alinea", 13), 0, "message %s", head.message);
	/* The front matter survives the round trip through the form. */
	stored = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	cr_assert_not_null(stored);
	cr_assert_not_null(strstr(stored, "wijkcoach"), "front matter lost: %s", stored);
	cr_assert_eq(strncmp(stored, "---\n", 4), 0, "stored file: %.200s", stored);
	free(stored);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(pages, history_page_lists_both_revisions_after_an_edit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	char old_short[8], new_short[8];
	wp_ts_response *r;

	form_edit(old_rev, srv, STORY, ADDED_LINE, "Nieuwe alinea");
	wp_ts_api_revision(new_rev, srv, STORY);
	cr_assert_eq(history_length(srv, STORY), 2);
	r = get_html(srv, "/geschiedenis/" STORY, 200);
	memcpy(old_short, old_rev, 7);
	old_short[7] = '\0';
	memcpy(new_short, new_rev, 7);
	new_short[7] = '\0';
	cr_assert_not_null(strstr(r->body, old_short), "old revision %s missing", old_short);
	cr_assert_not_null(strstr(r->body, new_short), "new revision %s missing", new_short);
	cr_assert_not_null(strstr(r->body, "Nieuwe alinea"), "commit message missing");
	/* In the table: the header names the account too. */
	cr_assert_not_null(strstr(r->body, "<td>" WP_TS_TESTER_DISPLAY "</td>"), "author missing");
	cr_assert_not_null(strstr(r->body, "/verschil/" STORY), "no link to a diff");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, diff_page_shows_the_added_line)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	char *url;

	form_edit(old_rev, srv, STORY, ADDED_LINE, "Nieuwe alinea");
	wp_ts_api_revision(new_rev, srv, STORY);
	/* Defaults: from the predecessor to the current revision. */
	r = get_html(srv, "/verschil/" STORY, 200);
	cr_assert_not_null(strstr(r->body, ADDED_LINE), "added line not in the diff");
	wp_ts_response_free(r);
	url = wp_ts_fmt("/verschil/%s?van=%s&naar=%s", STORY, old_rev, new_rev);
	r = get_html(srv, url, 200);
	cr_assert_not_null(strstr(r->body, ADDED_LINE), "added line not in the diff");
	wp_ts_response_free(r);
	free(url);
	wp_ts_stop(srv);
}

Test(pages, diff_of_a_page_with_one_revision_shows_it_all_added)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/verschil/" STORY, 200);

	/* No predecessor: the whole page is new. */
	cr_assert_not_null(strstr(r->body, "Wat er gebeurde"), "diff without the page text");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, unknown_or_malformed_revisions_are_client_errors)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *urls[] = { "/" STORY "?rev=0123456789012345678901234567890123456789",
			       "/" STORY "?rev=geen-revisie", "/bron/" STORY "?rev=abc",
			       "/verschil/" STORY
			       "?van=xyz&naar=0000000000000000000000000000000000000000",
			       NULL };
	size_t i;

	for (i = 0; urls[i]; i++) {
		wp_ts_response *r = wp_ts_get(srv, urls[i]);

		cr_assert(r->status == 400 || r->status == 404, "GET %s: %ld", urls[i],
			  r->status);
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}

Test(pages, history_of_a_missing_page_is_404)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = get_html(srv, "/geschiedenis/verhalen/bestaat-niet", 404);

	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, revert_restores_old_text_in_a_new_commit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], cur_rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	char *stored, *original = wp_ts_fmt("%s/%s.md", wp_ts_content_dir(), STORY);
	char *original_text = wp_ts_read_file(original);

	form_edit(old_rev, srv, STORY, ADDED_LINE, "Nieuwe alinea");
	wp_ts_api_revision(cur_rev, srv, STORY);
	{
		const char *f[] = { "rev", old_rev, "base", cur_rev, NULL };

		r = wp_ts_post_form(srv, "/terugzetten/" STORY, f);
	}
	assert_redirect(srv, r, 303, "/" STORY);
	wp_ts_response_free(r);
	r = get_html(srv, "/" STORY, 200);
	cr_assert_null(strstr(r->body, ADDED_LINE), "revert kept the new text");
	cr_assert_not_null(strstr(r->body, "Wat er gebeurde</h2>"));
	wp_ts_response_free(r);
	cr_assert_eq(history_length(srv, STORY), 3);
	stored = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	cr_assert(stored && original_text, "page or demo file missing");
	cr_assert_str_eq(stored, original_text, "revert is not byte-identical");
	free(stored);
	free(original);
	free(original_text);
	wp_ts_stop(srv);
}

Test(pages, preview_renders_the_text_without_a_commit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char *base, *fm, *body;
	wp_ts_commit before, after;
	wp_ts_response *r;

	read_edit_form(&base, &fm, &body, srv, STORY);
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	{
		const char *f[] = { "base", base, "frontmatter", fm, "body",
				    "Dit is **Voorbeeldtekst** uit de test.\n", "message", "x",
				    "action", "preview", NULL };

		r = wp_ts_post_form(srv, "/bewerken/" STORY, f);
	}
	assert_html(r, 200);
	cr_assert_not_null(strstr(r->body, "<strong>Voorbeeldtekst</strong>"), "no preview");
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "preview made a commit");
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	free(base);
	free(fm);
	free(body);
	wp_ts_stop(srv);
}

Test(pages, stale_base_in_edit_form_is_409_and_keeps_the_users_text)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char *base, *fm, *body, *stored_before, *stored_after;
	char rev[WP_TS_OID_HEX];
	wp_ts_commit before, after;
	wp_ts_response *r;

	/* Someone else saves between our GET of the form and our POST. */
	read_edit_form(&base, &fm, &body, srv, STORY);
	form_edit(rev, srv, STORY, "Een andere schrijver was eerder.", "Eerder");
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	stored_before = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	{
		const char *f[] = { "base", base, "frontmatter", fm, "body",
				    "Mijn zorgvuldig geschreven tekst 12345.\n", "message", "Later",
				    "action", "save", NULL };

		r = wp_ts_post_form(srv, "/bewerken/" STORY, f);
	}
	assert_html(r, 409);
	cr_assert_not_null(strstr(r->body, "Mijn zorgvuldig geschreven tekst 12345."),
			   "the user's text is lost");
	cr_assert_not_null(strstr(r->body, "Een andere schrijver was eerder."),
			   "the current version is not shown");
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "a stale save made a commit");
	stored_after = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md");
	cr_assert(stored_before && stored_after);
	cr_assert_str_eq(stored_after, stored_before);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	free(stored_before);
	free(stored_after);
	free(base);
	free(fm);
	free(body);
	wp_ts_stop(srv);
}

Test(pages, new_page_form_creates_the_page)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *f[] = { "path", "verhalen/it-via-formulier", "frontmatter",
			    "titel: \"Via het formulier\"\nverteller: \"buurtcoach\"\n", "body",
			    "# Via het formulier\n\nEerste regel.\n", "message",
			    "Nieuw via formulier",
			    "action", "save", NULL };
	wp_ts_response *r;
	wp_ts_commit head;
	json_t *j;

	r = get_html(srv, "/nieuw?pad=verhalen/it-via-formulier", 200);
	cr_assert_not_null(strstr(r->body, "verhalen/it-via-formulier"), "path not prefilled");
	wp_ts_response_free(r);
	r = wp_ts_post_form(srv, "/nieuw", f);
	assert_redirect(srv, r, 303, "/verhalen/it-via-formulier");
	wp_ts_response_free(r);
	r = get_html(srv, "/verhalen/it-via-formulier", 200);
	cr_assert_not_null(strstr(r->body, "Eerste regel."));
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/api/pages/verhalen/it-via-formulier");
	cr_assert_eq(r->status, 200);
	j = wp_ts_json(r);
	cr_assert_str_eq(json_string_value(json_object_get(j, "title")), "Via het formulier");
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Nieuw via formulier", 19), 0);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(pages, new_page_form_with_bad_path_is_400_with_the_text_kept)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *f[] = { "path", "Verhalen/Slecht Pad", "frontmatter", "titel: \"x\"\n", "body",
			    "Tekst die niet verloren mag gaan 678.\n", "message", "x", "action",
			    "save", NULL };
	wp_ts_commit before, after;
	wp_ts_response *r;

	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_post_form(srv, "/nieuw", f);
	assert_html(r, 400);
	cr_assert_not_null(strstr(r->body, "Tekst die niet verloren mag gaan 678."));
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(pages, new_page_form_on_existing_path_makes_no_commit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *f[] = { "path", STORY, "frontmatter", "titel: \"Dubbel\"\n", "body",
			    "Overschrijven mag niet.\n", "message", "x", "action", "save", NULL };
	wp_ts_commit before, after;
	wp_ts_response *r;

	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_post_form(srv, "/nieuw", f);
	cr_assert(r->status == 400 || r->status == 409, "status %ld", r->status);
	cr_assert_not_null(strstr(r->body, "Overschrijven mag niet."), "the user's text is lost");
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "an existing page was overwritten");
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(pages, rename_moves_the_page_and_old_path_redirects)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;
	const char *nw = "verhalen/schuld-of-kind-hernoemd";

	wp_ts_api_revision(rev, srv, STORY);
	r = get_html(srv, "/hernoemen/" STORY, 200);
	wp_ts_response_free(r);
	{
		const char *f[] = { "new_path", nw, "base", rev, "message", "Hernoemd", NULL };

		r = wp_ts_post_form(srv, "/hernoemen/" STORY, f);
	}
	assert_redirect(srv, r, 303, "/verhalen/schuld-of-kind-hernoemd");
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 1,
		     "rename is not one commit");
	r = get_html(srv, "/verhalen/schuld-of-kind-hernoemd", 200);
	cr_assert_not_null(strstr(r->body, STORY_TITLE));
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/" STORY);
	assert_redirect(srv, r, 301, "/verhalen/schuld-of-kind-hernoemd");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, delete_form_removes_page_but_history_keeps_it)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	wp_ts_commit head;
	char *old;

	wp_ts_api_revision(rev, srv, STORY);
	r = get_html(srv, "/verwijderen/" STORY, 200);
	wp_ts_response_free(r);
	{
		const char *f[] = { "base", rev, "message", "Verwijderd via formulier", NULL };

		r = wp_ts_post_form(srv, "/verwijderen/" STORY, f);
	}
	assert_redirect(srv, r, 303, "/");
	wp_ts_response_free(r);
	r = get_html(srv, "/" STORY, 404);
	wp_ts_response_free(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Verwijderd via formulier", 24), 0);
	cr_assert_null(wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" STORY ".md"));
	old = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD~1:" STORY ".md");
	cr_assert_not_null(old, "the deleted page is gone from history");
	free(old);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(pages, type_page_lists_the_demo_stories)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *member = wp_ts_as(srv, "noord", "professional", TEAM_OF_STORY);
	char *dir = wp_ts_fmt("%s/verhalen", wp_ts_content_dir());
	DIR *d = opendir(dir);
	struct dirent *e;
	wp_ts_response *r;
	size_t n = 0;

	/* The test account is in another team than TEAM_STORY's: it sees
	 * every other story, but not that one. */
	r = get_html(srv, "/type/verhaal", 200);
	cr_assert_not_null(strstr(r->body, "href=\"/" STORY "\""), "%s missing", STORY);
	cr_assert_null(strstr(r->body, "href=\"/" TEAM_STORY "\""),
		       "a team's story is listed for someone outside the team");
	wp_ts_response_free(r);
	/* A member of that team sees every demo story. */
	wp_ts_use(srv, member);
	r = get_html(srv, "/type/verhaal", 200);
	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *href;

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		href = wp_ts_fmt("href=\"/verhalen/%.*s\"", (int)(len - 3), e->d_name);
		cr_assert_not_null(strstr(r->body, href), "%s missing from /type/verhaal", href);
		free(href);
		n++;
	}
	closedir(d);
	cr_assert_gt(n, 0, "no demo stories");
	cr_assert_null(strstr(r->body, "href=\"/" DILEMMA "\""), "a dilemma in the story list");
	free(dir);
	wp_ts_response_free(r);
	wp_ts_auth_free(member);
	wp_ts_stop(srv);
}

Test(pages, changes_page_lists_a_recent_change)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_api_put(srv, "dilemmas/it-recent",
					  "---\ntitel: \"Recent versus later\"\n---\nTekst.\n", NULL,
					  "Een heel recente wijziging");

	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	r = get_html(srv, "/wijzigingen", 200);
	cr_assert_not_null(strstr(r->body, "href=\"/dilemmas/it-recent\""), "no link to the page");
	cr_assert_not_null(strstr(r->body, "Een heel recente wijziging"), "no message");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, health_is_ok_with_head)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/health");
	wp_ts_commit head;
	json_t *j;

	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(json_string_value(json_object_get(j, "status")), "ok");
	cr_assert_str_eq(json_string_value(json_object_get(j, "head")), head.id);
	wp_ts_commit_dispose(&head);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(pages, wrong_method_on_page_is_405_with_allow)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_request(srv, "DELETE", "/" STORY, NULL, NULL, NULL);

	cr_assert_eq(r->status, 405, "%ld", r->status);
	cr_assert_not_null(wp_ts_header(r, "Allow"));
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* The CSP directive that governs scripts: script-src, else default-src.
 * Returns a pointer into csp and its length in *len; NULL when neither. */
static const char *script_policy(const char *csp, size_t *len)
{
	const char *p = strstr(csp, "script-src ");

	if (!p)
		p = strstr(csp, "default-src ");
	if (!p)
		return NULL;
	*len = strcspn(p, ";");
	return p;
}

Test(pages, every_html_page_has_a_csp_without_inline_scripts)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *urls[] = { "/", "/" STORY, "/bewerken/" STORY, "/geschiedenis/" STORY,
			       "/verschil/" STORY, "/nieuw", "/hernoemen/" STORY,
			       "/verwijderen/" STORY, "/type/verhaal", "/wijzigingen",
			       "/verhalen/bestaat-niet", "/Verhalen/Fout", NULL };
	size_t i;

	for (i = 0; urls[i]; i++) {
		wp_ts_response *r = wp_ts_get(srv, urls[i]);
		const char *ct = wp_ts_header(r, "Content-Type");
		const char *csp = wp_ts_header(r, "Content-Security-Policy");
		const char *pol;
		size_t len = 0;

		cr_assert(ct && strncmp(ct, "text/html", 9) == 0, "%s: Content-Type %s", urls[i],
			  ct ? ct : "-");
		cr_assert_not_null(csp, "%s (%ld) has no Content-Security-Policy", urls[i],
				   r->status);
		pol = script_policy(csp, &len);
		cr_assert_not_null(pol, "%s: CSP without script-src/default-src: %s", urls[i], csp);
		cr_assert(!memmem(pol, len, "'unsafe-inline'", 15), "%s: scripts may be inline: %s",
			  urls[i], csp);
		cr_assert(!memmem(pol, len, "*", 1), "%s: scripts from anywhere: %s", urls[i],
			  csp);
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}
