/* Integration tests of stale saves: two people edit the same revision of
 * a page. Changes that do not overlap are merged and committed (the API
 * says "merged": true); overlapping ones are refused with the merge and
 * its conflicts, the current page, and nothing committed; the front
 * matter is merged field by field. Through the API and the edit form. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define PAGE "notities/samen-bewerkt"
#define V1                                                                                         \
	"---\ntitel: Samen bewerkt\nregio: Noord\nstatus: concept\n---\n"                          \
	"Eerste alinea over de buurt.\n\nTweede alinea over het plan.\n\n"                         \
	"Derde alinea over de afspraken.\n"

static wp_test_server *srv;
static char base[WP_TS_OID_HEX];

static void start(void)
{
	wp_ts_response *r;

	srv = wp_ts_start(NULL);
	r = wp_ts_api_put(srv, PAGE, V1, NULL, "Eerste versie");
	cr_assert_eq(r->status, 201, "%s", r->body);
	wp_ts_response_free(r);
	wp_ts_api_revision(base, srv, PAGE);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
}

TestSuite(merge, .init = start, .fini = stop, .timeout = 120);

/* V1 with from replaced by to (which must be there). */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(V1, from);

	cr_assert_not_null(at, "no '%s' in V1", from);
	return wp_ts_fmt("%.*s%s%s", (int)(at - V1), V1, to, at + strlen(from));
}

static char *stored(void)
{
	return wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" PAGE ".md");
}

static json_t *put_json(const char *content, const char *from, long status)
{
	wp_ts_response *r = wp_ts_api_put(srv, PAGE, content, from, "Bewerking");
	json_t *j;

	cr_assert_eq(r->status, status, "expected %ld: %ld %s", status, r->status, r->body);
	j = wp_ts_json(r);
	wp_ts_response_free(r);
	return j;
}

Test(merge, changes_to_different_parts_are_merged_and_committed)
{
	char *a = edit("Eerste alinea", "Eerste alinea, herschreven door Anna,");
	char *b = edit("Derde alinea", "Derde alinea, aangevuld door Bram,");
	size_t commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	json_t *j = put_json(a, base, 200);
	char *now;

	cr_assert(json_is_false(json_object_get(j, "merged")), "a save of the current version");
	json_decref(j);
	/* Bram still edits the first version. */
	j = put_json(b, base, 200);
	cr_assert(json_is_true(json_object_get(j, "merged")), "merged flag");
	json_decref(j);
	now = stored();
	cr_assert(strstr(now, "herschreven door Anna") && strstr(now, "aangevuld door Bram"),
		  "both changes kept: %s", now);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 2);
	free(now);
	free(a);
	free(b);
}

Test(merge, overlapping_changes_are_refused_with_the_merge_and_nothing_committed)
{
	char *a = edit("Tweede alinea over het plan.", "Tweede alinea: het plan van Anna.");
	char *b = edit("Tweede alinea over het plan.", "Tweede alinea: het plan van Bram.");
	json_t *j = put_json(a, base, 200), *merge, *current;
	char head[WP_TS_OID_HEX], *now;
	const char *merged;

	json_decref(j);
	wp_ts_api_revision(head, srv, PAGE);
	j = put_json(b, base, 409);
	merge = json_object_get(j, "merge");
	merged = json_string_value(json_object_get(merge, "content"));
	cr_assert(merged && strstr(merged, "<<<<<<<") && strstr(merged, ">>>>>>>"), "%s",
		  merged ? merged : "no merge");
	cr_assert(strstr(merged, "het plan van Anna") && strstr(merged, "het plan van Bram"));
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(merge, "conflicts"), 0)),
			 "tekst");
	current = json_object_get(j, "current");
	cr_assert_str_eq(json_string_value(json_object_get(current, "revision")), head);
	now = stored();
	cr_assert(strstr(now, "het plan van Anna") && !strstr(now, "Bram"), "%s", now);
	free(now);
	json_decref(j);
	free(a);
	free(b);
}

Test(merge, front_matter_is_merged_field_by_field)
{
	char *a = edit("regio: Noord", "regio: Zuid");
	char *b = edit("status: concept", "status: klaar");
	char *c = edit("regio: Noord", "regio: Oost");
	json_t *j = put_json(a, base, 200), *conflicts;
	char *now;

	json_decref(j);
	j = put_json(b, base, 200);
	cr_assert(json_is_true(json_object_get(j, "merged")));
	json_decref(j);
	now = stored();
	cr_assert(strstr(now, "regio: Zuid") && strstr(now, "status: klaar"), "%s", now);
	free(now);
	/* The same field changed differently: a conflict on that field. */
	j = put_json(c, base, 409);
	conflicts = json_object_get(json_object_get(j, "merge"), "conflicts");
	cr_assert_eq(json_array_size(conflicts), 1, "%s", json_dumps(j, 0));
	cr_assert_str_eq(json_string_value(json_array_get(conflicts, 0)), "regio");
	json_decref(j);
	free(a);
	free(b);
	free(c);
}

/* The edit form as a browser posts it, for V1-based text. */
static wp_ts_response *post_edit(const char *body_text)
{
	const char *fields[] = {
	    "base", base,      "frontmatter", "titel: Samen bewerkt\nregio: Noord\nstatus: concept",
	    "body", body_text, "action",      "save",
	    NULL};

	return wp_ts_post_form(srv, "/bewerken/" PAGE, fields);
}

Test(merge, the_edit_form_merges_or_shows_the_conflict_with_the_text_kept)
{
	char *a = edit("Eerste alinea", "Eerste alinea van Anna");
	json_t *j = put_json(a, base, 200);
	const char *mine = "Eerste alinea van Bram over de buurt.\n\nTweede alinea over het "
			   "plan.\n\nDerde alinea over de afspraken.\n";
	const char *apart = "Eerste alinea over de buurt.\n\nTweede alinea over het plan.\n\n"
			    "Derde alinea over de afspraken, met Bram.\n";
	wp_ts_response *r = post_edit(mine);
	char *area, *now;

	json_decref(j);
	cr_assert_eq(r->status, 409, "%.2000s", r->body);
	cr_assert(strstr(r->body, "id=\"samengevoegd\""), "%.3000s", r->body);
	cr_assert(strstr(r->body, "&lt;&lt;&lt;&lt;&lt;&lt;&lt;"), "markers shown");
	area = wp_ts_textarea(r->body, "body");
	cr_assert_str_eq(area, mine, "the person's text stays in the form");
	free(area);
	wp_ts_response_free(r);

	/* A change elsewhere from the same old base is merged and saved, and
	 * the page it lands on says so. */
	r = post_edit(apart);
	cr_assert_eq(r->status, 303, "%.2000s", r->body);
	cr_assert_str_eq(wp_ts_header(r, "Location"), "/" PAGE "?samengevoegd=1");
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/" PAGE "?samengevoegd=1");
	cr_assert_eq(r->status, 200);
	cr_expect(strstr(r->body, "samengevoegd met die wijziging"), "the notice: %.3000s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/" PAGE);
	cr_expect_null(strstr(r->body, "samengevoegd met die wijziging"), "no notice otherwise");
	wp_ts_response_free(r);
	now = stored();
	cr_assert(strstr(now, "Eerste alinea van Anna") && strstr(now, "met Bram"), "%s", now);
	free(now);
	free(a);
}
