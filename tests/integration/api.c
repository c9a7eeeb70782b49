/* Integration tests of the JSON API (docs/http.md "JSON API") against the
 * real server with the demo content. */
#include "server.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

#define DEMO_STORY "verhalen/schuld-eerst-of-het-kind"
#define NEW_PAGE "verhalen/it-nieuw-verhaal"
#define NEW_CONTENT                                                                  \
	"---\ntitel: \"Testverhaal\"\nverteller: \"wijkcoach\"\nzichtbaarheid: team\n"       \
	"team: testteam\n---\n# Testverhaal\n\n"                                              \
	"Een regel tekst.\n"

/* Asserts that r is a JSON error {"error": "<non-empty>"} with status. */
static void assert_json_error(const wp_ts_response *r, long status)
{
	json_t *j;
	const char *msg;
	const char *ct = wp_ts_header(r, "Content-Type");

	cr_assert_eq(r->status, status, "expected %ld, got %ld: %s", status, r->status, r->body);
	cr_assert(ct && strstr(ct, "application/json"), "error not JSON but %s", ct ? ct : "-");
	j = wp_ts_json(r);
	msg = json_string_value(json_object_get(j, "error"));
	cr_assert(msg && msg[0], "no \"error\" text in %s", r->body);
	json_decref(j);
}

/* The string at key, or "<missing>" so that a failed comparison says so
 * instead of crashing on NULL. */
static const char *jstr(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));

	return s ? s : "<missing>";
}

static int has_str(json_t *j, const char *key)
{
	return json_is_string(json_object_get(j, key));
}

/* Asserts c was made by the test account: its display name as author,
 * with its e-mail. */
static void assert_by_tester(const wp_ts_commit *c)
{
	cr_assert_str_eq(c->author, WP_TS_TESTER_DISPLAY);
	cr_assert_str_eq(c->email, WP_TS_TESTER_EMAIL);
}

/* Asserts a PUT with json makes no commit and answers 400. */
static void assert_put_refused(const char *url, const char *json)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_commit before, after;
	wp_ts_response *r;

	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_put_json(srv, url, json);
	assert_json_error(r, 400);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "a refused PUT made a commit");
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

/* Updates DEMO_STORY once; writes its old and new revision. */
static void update_demo_story(char old_rev[WP_TS_OID_HEX], char new_rev[WP_TS_OID_HEX],
			      wp_test_server *srv)
{
	wp_ts_response *r;
	json_t *j;
	char *content;

	wp_ts_api_revision(old_rev, srv, DEMO_STORY);
	content = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" DEMO_STORY ".md");
	cr_assert_not_null(content);
	content = realloc(content, strlen(content) + 64);
	strcat(content, "\nEen aanvulling van de test.\n");
	r = wp_ts_api_put(srv, DEMO_STORY, content, old_rev, "Aanvulling");
	cr_assert_eq(r->status, 200, "update: %ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert_eq(strlen(jstr(j, "revision")), WP_TS_OID_HEX - 1, "revision in %s", r->body);
	strcpy(new_rev, jstr(j, "revision"));
	json_decref(j);
	wp_ts_response_free(r);
	free(content);
}

Test(api, get_demo_page_returns_fields_and_etag_of_revision)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/api/pages/" DEMO_STORY);
	json_t *j;
	const char *etag;
	char *want;
	wp_ts_commit head;

	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert_str_eq(jstr(j, "path"), DEMO_STORY);
	cr_assert_str_eq(jstr(j, "type"), "verhaal");
	cr_assert_str_eq(jstr(j, "title"), "Schuld eerst, of het kind?");
	cr_assert(json_is_object(json_object_get(j, "meta")), "meta is not an object");
	cr_assert_str_eq(jstr(json_object_get(j, "meta"), "verteller"), "wijkcoach");
	cr_assert(json_is_array(json_object_get(json_object_get(j, "meta"), "dilemmas")));
	cr_assert(has_str(j, "body"));
	cr_assert_not_null(strstr(jstr(j, "body"), "## Wat er gebeurde"), "body: %s",
			   jstr(j, "body"));
	cr_assert_null(strstr(jstr(j, "body"), "verteller:"), "body holds the front matter");
	/* The demo is one commit, so the page's revision is HEAD. */
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(jstr(j, "revision"), head.id);
	etag = wp_ts_header(r, "ETag");
	want = wp_ts_fmt("\"%s\"", jstr(j, "revision"));
	cr_assert(etag && strcmp(etag, want) == 0, "ETag %s, want %s", etag ? etag : "-", want);
	free(want);
	wp_ts_commit_dispose(&head);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, get_missing_page_is_404_json_error)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/api/pages/verhalen/bestaat-niet");

	assert_json_error(r, 404);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, put_new_page_is_201_and_commits_as_the_account)
{
	wp_test_server *srv = wp_ts_start(NULL);
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r = wp_ts_api_put(srv, NEW_PAGE, NEW_CONTENT, NULL, "Nieuw testverhaal");
	json_t *j;
	wp_ts_commit head;
	char *stored;

	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert_str_eq(jstr(j, "path"), NEW_PAGE);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(jstr(j, "revision"), head.id);
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Nieuw testverhaal", 17), 0, "message %s", head.message);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 1);
	stored = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" NEW_PAGE ".md");
	cr_assert_not_null(stored, "the new page is not in HEAD");
	cr_assert_str_eq(stored, NEW_CONTENT);
	json_decref(j);
	wp_ts_response_free(r);

	r = wp_ts_get(srv, "/api/pages/" NEW_PAGE);
	cr_assert_eq(r->status, 200);
	j = wp_ts_json(r);
	cr_assert_str_eq(jstr(j, "title"), "Testverhaal");
	cr_assert_str_eq(jstr(j, "type"), "verhaal");
	cr_assert_not_null(strstr(jstr(j, "body"), "Een regel tekst."));
	cr_assert_str_eq(jstr(j, "revision"), head.id);
	json_decref(j);
	wp_ts_response_free(r);
	free(stored);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(api, put_with_current_base_is_200_with_new_revision)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	wp_ts_commit head;
	char *stored;

	update_demo_story(old_rev, new_rev, srv);
	cr_assert_str_neq(new_rev, old_rev);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(new_rev, head.id);
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Aanvulling", 10), 0);
	cr_assert_eq(head.parents, 1);
	stored = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" DEMO_STORY ".md");
	cr_assert_not_null(stored);
	cr_assert_not_null(strstr(stored, "Een aanvulling van de test."));
	free(stored);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(api, put_with_stale_base_is_409_with_current_and_no_commit)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	wp_ts_commit before, after;
	wp_ts_response *r;
	json_t *j, *cur;
	char *stored_before, *stored_after;

	update_demo_story(old_rev, new_rev, srv);
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	stored_before = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" DEMO_STORY ".md");
	r = wp_ts_api_put(srv, DEMO_STORY, "---\ntitel: \"Overschreven\"\n---\nWeg ermee.\n",
			  old_rev, "Verouderde bewerking");
	assert_json_error(r, 409);
	j = wp_ts_json(r);
	cur = json_object_get(j, "current");
	cr_assert(json_is_object(cur), "no \"current\" object in %s", r->body);
	cr_assert_str_eq(jstr(cur, "path"), DEMO_STORY);
	cr_assert_str_eq(jstr(cur, "revision"), new_rev);
	cr_assert_str_eq(jstr(cur, "title"), "Schuld eerst, of het kind?");
	cr_assert_not_null(strstr(jstr(cur, "body"), "Een aanvulling van de test."));
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "a stale PUT made a commit");
	stored_after = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" DEMO_STORY ".md");
	cr_assert(stored_before && stored_after, "the page is missing from HEAD");
	cr_assert_str_eq(stored_after, stored_before);
	free(stored_before);
	free(stored_after);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(api, put_with_null_base_on_existing_page_is_409)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_commit before, after;
	wp_ts_response *r;
	json_t *j;

	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_api_put(srv, DEMO_STORY, NEW_CONTENT, NULL, "Dubbel aangemaakt");
	assert_json_error(r, 409);
	j = wp_ts_json(r);
	cr_assert(json_is_object(json_object_get(j, "current")), "no \"current\": %s", r->body);
	cr_assert_str_eq(jstr(json_object_get(j, "current"), "revision"), before.id);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(api, put_bad_json_is_400_without_commit)
{
	assert_put_refused("/api/pages/" NEW_PAGE, "{\"content\": \"x\", \"base\": null,");
}

Test(api, put_without_content_is_400_without_commit)
{
	assert_put_refused("/api/pages/" NEW_PAGE,
			   "{\"base\": null, \"message\": \"Geen inhoud\"}");
}

Test(api, put_content_that_is_not_a_string_is_400_without_commit)
{
	assert_put_refused("/api/pages/" NEW_PAGE,
			   "{\"content\": 42, \"base\": null, \"message\": \"Getal\"}");
}

Test(api, put_broken_front_matter_is_400_without_commit)
{
	assert_put_refused("/api/pages/" NEW_PAGE,
			   "{\"content\": \"---\\ntitel: [niet gesloten\\n---\\nTekst\\n\", "
			   "\"base\": null, \"message\": \"Kapot\"}");
}

Test(api, put_unclosed_front_matter_is_400_without_commit)
{
	assert_put_refused("/api/pages/" NEW_PAGE,
			   "{\"content\": \"---\\ntitel: x\\nTekst zonder einde\\n\", "
			   "\"base\": null, \"message\": \"Open\"}");
}

Test(api, put_uppercase_path_is_400_without_commit)
{
	assert_put_refused("/api/pages/Verhalen/Nieuw",
			   "{\"content\": \"Tekst\\n\", \"base\": null, \"message\": \"x\"}");
}

Test(api, put_dotdot_path_is_400_without_commit)
{
	assert_put_refused("/api/pages/verhalen/../x",
			   "{\"content\": \"Tekst\\n\", \"base\": null, \"message\": \"x\"}");
}

Test(api, put_reserved_path_is_400_without_commit)
{
	assert_put_refused("/api/pages/api/x",
			   "{\"content\": \"Tekst\\n\", \"base\": null, \"message\": \"x\"}");
}

Test(api, put_over_max_body_is_413_without_commit)
{
	const char *extra[] = { "--max-body", "2048", NULL };
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_commit before, after;
	wp_ts_response *r;
	char big[4097];

	o.extra_args = extra;
	srv = wp_ts_start(&o);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_api_put(srv, NEW_PAGE, big, NULL, "Te groot");
	cr_assert_eq(r->status, 413, "%ld %s", r->status, r->body);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	wp_ts_response_free(r);
	/* A body under the limit is still fine. */
	r = wp_ts_api_put(srv, NEW_PAGE, NEW_CONTENT, NULL, "Klein genoeg");
	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(api, delete_with_base_is_200_and_page_is_gone)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	wp_ts_commit head;
	json_t *j;
	char *old;

	wp_ts_api_revision(rev, srv, DEMO_STORY);
	r = wp_ts_api_delete(srv, DEMO_STORY, rev, "Weg met dit verhaal");
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_str_eq(jstr(j, "path"), DEMO_STORY);
	cr_assert_str_eq(jstr(j, "revision"), head.id);
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Weg met dit verhaal", 19), 0);
	cr_assert_null(wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" DEMO_STORY ".md"));
	old = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD~1:" DEMO_STORY ".md");
	cr_assert_not_null(old, "the page vanished from history");
	free(old);
	json_decref(j);
	wp_ts_response_free(r);

	r = wp_ts_get(srv, "/api/pages/" DEMO_STORY);
	assert_json_error(r, 404);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

Test(api, delete_with_stale_base_is_409_and_keeps_page)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	wp_ts_commit before, after;
	wp_ts_response *r;

	update_demo_story(old_rev, new_rev, srv);
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_api_delete(srv, DEMO_STORY, old_rev, "Verouderd verwijderen");
	assert_json_error(r, 409);
	wp_ts_response_free(r);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id);
	r = wp_ts_get(srv, "/api/pages/" DEMO_STORY);
	cr_assert_eq(r->status, 200);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_stop(srv);
}

Test(api, delete_missing_page_is_404)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_commit head;
	wp_ts_response *r;

	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	r = wp_ts_api_delete(srv, "verhalen/bestaat-niet", head.id, "Niets");
	assert_json_error(r, 404);
	wp_ts_response_free(r);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
}

/* True when s is "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+00:00". */
static int is_iso_utc(const char *s)
{
	const char *shape = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	if (!s || strlen(s) < 20)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return 0;
	return strcmp(s + 19, "Z") == 0 || strcmp(s + 19, "+00:00") == 0;
}

Test(api, history_lists_revisions_newest_first)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char old_rev[WP_TS_OID_HEX], new_rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	json_t *j, *e0, *e1;

	update_demo_story(old_rev, new_rev, srv);
	r = wp_ts_get(srv, "/api/pages/" DEMO_STORY "/history");
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert(json_is_array(j));
	cr_assert_eq(json_array_size(j), 2, "history: %s", r->body);
	e0 = json_array_get(j, 0);
	e1 = json_array_get(j, 1);
	cr_assert_str_eq(jstr(e0, "revision"), new_rev);
	cr_assert_str_eq(jstr(e1, "revision"), old_rev);
	cr_assert_str_eq(jstr(e0, "author"), WP_TS_TESTER_DISPLAY);
	cr_assert_str_eq(jstr(e0, "message"), "Aanvulling");
	cr_assert(has_str(e1, "author"));
	cr_assert(has_str(e1, "message"));
	cr_assert(is_iso_utc(jstr(e0, "date")), "date %s", jstr(e0, "date"));
	cr_assert(is_iso_utc(jstr(e1, "date")), "date %s", jstr(e1, "date"));
	cr_assert_geq(strcmp(jstr(e0, "date"), jstr(e1, "date")), 0);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, changes_lists_recent_entries_newest_first)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r = wp_ts_api_put(srv, NEW_PAGE, NEW_CONTENT, NULL, "Nieuw testverhaal");
	json_t *j, *e0;

	cr_assert_eq(r->status, 201);
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, NEW_PAGE);
	r = wp_ts_api_delete(srv, NEW_PAGE, rev, "Toch weg");
	cr_assert_eq(r->status, 200);
	wp_ts_response_free(r);

	r = wp_ts_get(srv, "/api/changes");
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert(json_is_array(j));
	cr_assert_geq(json_array_size(j), 3, "changes: %s", r->body);
	e0 = json_array_get(j, 0);
	cr_assert_str_eq(jstr(e0, "path"), NEW_PAGE);
	cr_assert_str_eq(jstr(e0, "message"), "Toch weg");
	cr_assert_str_eq(jstr(e0, "author"), WP_TS_TESTER_DISPLAY);
	cr_assert(json_is_true(json_object_get(e0, "deleted")), "newest is the delete: %s",
		  r->body);
	cr_assert(is_iso_utc(jstr(e0, "date")));
	cr_assert_str_eq(jstr(json_array_get(j, 1), "path"), NEW_PAGE);
	cr_assert_str_eq(jstr(json_array_get(j, 1), "revision"), rev);
	cr_assert(json_is_false(json_object_get(json_array_get(j, 1), "deleted")));
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, changes_limit_caps_the_number_of_entries)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/api/changes?limit=2");
	json_t *j;

	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	j = wp_ts_json(r);
	/* The demo commit alone touches more than two pages. */
	cr_assert_eq(json_array_size(j), 2, "changes: %s", r->body);
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, wrong_method_is_405_with_allow)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_request(srv, "PATCH", "/api/pages/" DEMO_STORY, "{}",
					  "application/json", NULL);
	const char *allow;

	assert_json_error(r, 405);
	allow = wp_ts_header(r, "Allow");
	cr_assert(allow && strstr(allow, "GET") && strstr(allow, "PUT"), "Allow: %s",
		  allow ? allow : "-");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, unknown_api_route_is_404_json)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/api/bestaat-niet");

	assert_json_error(r, 404);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

/* Switches srv to anonymous and asserts that a PUT, a DELETE and a form
 * POST are each refused with 403 (the API's as a JSON error) and that
 * nothing is committed; then switches back to the test account. */
static void assert_anonymous_writes_refused(wp_test_server *srv)
{
	const char *f[] = { "path", NEW_PAGE, "frontmatter", "", "body", "x", "message",
			    "Anoniem", "action", "save", NULL };
	wp_ts_commit before, after;
	wp_ts_response *r;
	char rev[WP_TS_OID_HEX];

	wp_ts_api_revision(rev, srv, DEMO_STORY);
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	wp_ts_use(srv, NULL);
	r = wp_ts_api_put(srv, NEW_PAGE, NEW_CONTENT, NULL, "Anoniem");
	assert_json_error(r, 403);
	wp_ts_response_free(r);
	r = wp_ts_api_delete(srv, DEMO_STORY, rev, "Anoniem");
	assert_json_error(r, 403);
	wp_ts_response_free(r);
	r = wp_ts_post_form(srv, "/nieuw", f);
	cr_assert_eq(r->status, 403, "anonymous form POST: %ld", r->status);
	wp_ts_response_free(r);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_assert_str_eq(after.id, before.id, "an anonymous write made a commit");
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_use(srv, wp_ts_default_auth(srv));
}

Test(api, anonymous_writes_are_403_and_public_reads_still_work)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r;
	json_t *j;

	assert_anonymous_writes_refused(srv);
	/* DEMO_STORY is "zichtbaarheid: openbaar": anyone reads it. */
	wp_ts_use(srv, NULL);
	r = wp_ts_get(srv, "/api/pages/" DEMO_STORY);
	cr_assert_eq(r->status, 200, "anonymous read of a public page: %ld %s", r->status,
		     r->body);
	j = wp_ts_json(r);
	cr_assert_str_eq(jstr(j, "title"), "Schuld eerst, of het kind?");
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(api, writes_from_another_host_need_an_account_as_from_loopback)
{
	char *ip = wp_ts_external_ipv4();
	wp_ts_opts o = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_commit head;
	wp_ts_response *r;

	if (!ip)
		cr_skip_test("this machine has no non-loopback IPv4 address");
	/* Listening on that address only, the request comes from it too. */
	o.listen = ip;
	srv = wp_ts_start(&o);
	assert_anonymous_writes_refused(srv);
	/* The address no longer matters: with an account the write is made. */
	r = wp_ts_api_put(srv, NEW_PAGE, NEW_CONTENT, NULL, "Van buiten");
	cr_assert_eq(r->status, 201, "write with a token from another host: %ld %s", r->status,
		     r->body);
	wp_ts_response_free(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	assert_by_tester(&head);
	cr_assert_eq(strncmp(head.message, "Van buiten", 10), 0, "message %s", head.message);
	wp_ts_commit_dispose(&head);
	wp_ts_stop(srv);
	free(ip);
}
