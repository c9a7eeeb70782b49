/* Integration tests of visibility through every door: a page its reader
 * may not see is, to them, a page that does not exist (README "Accounts,
 * roles and visibility"). Each test checks one door both ways: a member
 * of the page's team sees the page through it, while an outsider (logged
 * in, another team) and an anonymous visitor do not, so no test can pass
 * because the door is broken for everyone. Where a door answers 404, the
 * answer must also be the one a page that never existed gets, so it cannot
 * be told apart. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define HIDDEN	    "verhalen/geheim-noord"  /* team noord only */
#define MISSING	    "verhalen/nergens-noord" /* never existed */
#define RENAMED	    "verhalen/geheim-noord-nieuw"
#define PUBLIC	    "openbaar-overzicht" /* openbaar; links to HIDDEN, names it in `verhaal` */
#define TITLE	    "Geheim verhaal noord"
#define WORD	    "zwokkelbrimsel" /* in HIDDEN's body, in both versions */
#define WORD2	    "knarpelvlonder" /* added by HIDDEN's second version */
#define MSG	    "knobbelmelding" /* in the messages of HIDDEN's commits */
#define COMMON	    "gemeente"	     /* in HIDDEN and in many demo pages */
#define LAW	    "Geheimwet"	     /* HIDDEN's `wetten`; no other page has it */
#define NO_LAW	    "Nergenswet"     /* no page at all has it */
#define DILEMMA	    "privacy-versus-samenwerken"
#define TEAM_LINES  "zichtbaarheid: team\nteam: noord\n"
#define SECOND_PART "\nLater kwam de " WORD2 " erbij.\n"

static wp_test_server *srv;
/* anna: professional, team noord, wrote HIDDEN; erik: ervaringswerker,
 * team zuid. */
static wp_ts_auth *anna, *erik;
/* HIDDEN's two versions. */
static char rev1[WP_TS_OID_HEX], rev2[WP_TS_OID_HEX];

/* Someone asking, with a name for messages; auth NULL: anonymous. */
typedef struct {
	const char *name;
	const wp_ts_auth *auth;
} reader;

#define N_OUTSIDERS 2

static reader owner(void)
{
	return (reader){ "anna", anna };
}

/* The two who must never see HIDDEN: erik, then an anonymous visitor. */
static reader outsider(size_t i)
{
	return i == 0 ? (reader){ "erik", erik } : (reader){ "anoniem", NULL };
}

/* HIDDEN's file with the visibility lines vis and extra after its body. */
static char *hidden_content(const char *vis, const char *extra)
{
	return wp_ts_fmt("---\ntitel: " TITLE "\n%swetten: [" LAW "]\ndilemmas: [" DILEMMA "]\n"
			 "---\nEen verhaal over de " WORD " in de " COMMON
			 ". Zie ook [[welkom]].\n%s",
			 vis, extra);
}

/* PUT /api/pages/path as a (base NULL: a new page); returns the answer. */
static wp_ts_response *put_as(const wp_ts_auth *a, const char *path, const char *content,
			      const char *base, const char *message)
{
	wp_ts_response *r;

	wp_ts_use(srv, a);
	r = wp_ts_api_put(srv, path, content, base, message);
	wp_ts_use(srv, NULL);
	return r;
}

/* put_as() that must answer status; the new revision goes to rev (may be
 * NULL). */
static void save(const wp_ts_auth *a, const char *path, const char *content, const char *base,
		 const char *message, long status, char rev[WP_TS_OID_HEX])
{
	wp_ts_response *r = put_as(a, path, content, base, message);
	json_t *j;

	cr_assert_eq(r->status, status, "PUT %s: expected %ld, got %ld: %s", path, status,
		     r->status, r->body);
	j = wp_ts_json(r);
	if (rev) {
		const char *got = json_string_value(json_object_get(j, "revision"));

		cr_assert(got && strlen(got) == WP_TS_OID_HEX - 1, "PUT %s: %s", path, r->body);
		memcpy(rev, got, WP_TS_OID_HEX);
	}
	json_decref(j);
	wp_ts_response_free(r);
}

/* Every test: a fresh demo wiki with anna's team page HIDDEN (two
 * versions) and the public page PUBLIC pointing at it. Requests carry no
 * credentials unless a test names them. */
static void start(void)
{
	char *v1, *v2;

	srv = wp_ts_start(NULL);
	anna = wp_ts_as(srv, "anna", "professional", "noord");
	erik = wp_ts_as(srv, "erik", "ervaringswerker", "zuid");
	v1 = hidden_content(TEAM_LINES, "");
	v2 = hidden_content(TEAM_LINES, SECOND_PART);
	save(anna, HIDDEN, v1, NULL, MSG " eerste versie", 201, rev1);
	save(anna, HIDDEN, v2, rev1, MSG " aanvulling", 200, rev2);
	save(anna, PUBLIC,
	     "---\ntitel: Openbaar overzicht\nzichtbaarheid: openbaar\nverhaal: " HIDDEN
	     "\n---\nLees het verhaal [[" HIDDEN "]].\n",
	     NULL, "Overzicht voor iedereen", 201, NULL);
	free(v1);
	free(v2);
	wp_ts_use(srv, NULL);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(anna);
	wp_ts_auth_free(erik);
	anna = erik = NULL;
}

TestSuite(access, .init = start, .fini = stop, .timeout = 120);

/* ---- helpers ---- */

static wp_ts_response *get_any(reader who, const char *path)
{
	return wp_ts_request_as(srv, who.auth, "GET", path, NULL, NULL, NULL);
}

static wp_ts_response *get_as(reader who, const char *path, long status)
{
	wp_ts_response *r = get_any(who, path);

	cr_assert_eq(r->status, status, "GET %s as %s: expected %ld, got %ld: %.600s", path,
		     who.name, status, r->status, r->body);
	return r;
}

static json_t *get_json_as(reader who, const char *path, long status)
{
	wp_ts_response *r = get_as(who, path, status);
	json_t *j = wp_ts_json(r);

	wp_ts_response_free(r);
	return j;
}

/* s with every from replaced by to. Caller frees. */
static char *replace_all(const char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), n = wp_ts_count(s, from);
	char *out = malloc(strlen(s) + n * nt + 1), *o = out;
	const char *hit;

	cr_assert_not_null(out);
	while ((hit = strstr(s, from)) != NULL) {
		memcpy(o, s, (size_t)(hit - s));
		o += hit - s;
		memcpy(o, to, nt);
		o += nt;
		s = hit + nf;
	}
	strcpy(o, s);
	return out;
}

/* Fails when r, an answer to who for path, shows anything of HIDDEN: its
 * title, its words, its commit messages. */
static void assert_tells_nothing(reader who, const char *path, const wp_ts_response *r)
{
	static const char *const secrets[] = { TITLE, WORD, WORD2, MSG };
	size_t i;

	for (i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		cr_assert_null(strstr(r->body, secrets[i]), "%s as %s shows \"%s\": %.1500s", path,
			       who.name, secrets[i], r->body);
}

/* who gets 404 for path, showing nothing of HIDDEN, and exactly the answer
 * (status, type, body) the same path with secret replaced by absent gets,
 * absent naming what never existed: the two cannot be told apart. */
static void assert_as_missing_for(reader who, const char *path, const char *secret,
				  const char *absent)
{
	char *other = replace_all(path, secret, absent), *want;
	wp_ts_response *r = get_as(who, path, 404), *m = get_any(who, other);
	const char *ct = wp_ts_header(r, "Content-Type"), *mct = wp_ts_header(m, "Content-Type");

	assert_tells_nothing(who, path, r);
	cr_assert_eq(m->status, r->status, "%s as %s: %ld, but %s: %ld", path, who.name, r->status,
		     other, m->status);
	want = replace_all(m->body, absent, secret);
	if (strcmp(r->body, want) != 0) {
		size_t at = 0;

		while (r->body[at] && r->body[at] == want[at])
			at++;
		at = at > 100 ? at - 100 : 0;
		/* Not fatal: the test goes on to report every door that differs. */
		cr_expect_fail("%s as %s differs from the answer for what never existed (%s), "
			       "from byte %zu on:\n%.600s\n---- while that gets ----\n%.600s",
			       path, who.name, other, at, r->body + at, want + at);
	}
	cr_assert(ct && mct && strcmp(ct, mct) == 0, "%s as %s: Content-Type %s, %s: %s", path,
		  who.name, ct ? ct : "-", other, mct ? mct : "-");
	free(want);
	free(other);
	wp_ts_response_free(r);
	wp_ts_response_free(m);
}

/* Both outsiders get for path (naming HIDDEN) what MISSING would get. */
static void assert_hidden(const char *path)
{
	size_t i;

	for (i = 0; i < N_OUTSIDERS; i++)
		assert_as_missing_for(outsider(i), path, HIDDEN, MISSING);
}

/* The owner gets 200 for path with every one of the NULL-terminated
 * needles in the body. */
static void assert_shown(const char *path, const char *const *needles)
{
	wp_ts_response *r = get_as(owner(), path, 200);

	for (; needles && *needles; needles++)
		cr_assert_not_null(strstr(r->body, *needles), "%s as anna lacks \"%s\": %.1500s",
				   path, *needles, r->body);
	wp_ts_response_free(r);
}

/* who gets 200 for path, with nothing of HIDDEN in it and no link to it;
 * returns the answer for more checks (caller frees). */
static wp_ts_response *get_clean(reader who, const char *path)
{
	wp_ts_response *r = get_as(who, path, 200);

	assert_tells_nothing(who, path, r);
	cr_assert_null(strstr(r->body, "href=\"/" HIDDEN "\""), "%s as %s links to " HIDDEN, path,
		       who.name);
	return r;
}

/* Non-zero when the JSON array holds an object whose key is value. */
static int lists(const json_t *array, const char *key, const char *value)
{
	const json_t *o;
	size_t i;

	json_array_foreach(array, i, o) {
		const char *v = json_string_value(json_object_get(o, key));

		if (v && strcmp(v, value) == 0)
			return 1;
	}
	return 0;
}

/* facets[field][value] of a search answer; 0 when absent. */
static long long facet(const json_t *res, const char *field, const char *value)
{
	return json_integer_value(
	    json_object_get(json_object_get(json_object_get(res, "facets"), field), value));
}

static long long total(const json_t *res)
{
	const json_t *t = json_object_get(res, "total");

	cr_assert(json_is_integer(t), "no total in the search answer");
	return json_integer_value(t);
}

#define COUNT_SPAN " <span class=\"count\">"

/* The count in a list page's heading: <h1>Title <span class="count">N. */
static long heading_count(const char *html)
{
	const char *h1 = strstr(html, "<h1>"), *span = h1 ? strstr(h1, COUNT_SPAN) : NULL;

	cr_assert(span && !memchr(h1 + 4, '<', (size_t)(span - (h1 + 4))), "no count: %.1500s",
		  html);
	return strtol(span + strlen(COUNT_SPAN), NULL, 10);
}

/* The count after the home page's link to the list of pages of type (the
 * menu's link to it has none). */
static long home_count(const char *html, const char *type)
{
	char *link = wp_ts_fmt("<a href=\"/type/%s\">", type);
	const char *at = html, *close;
	long n = -1;

	while (n < 0 && (at = strstr(at, link)) != NULL) {
		close = strstr(at, "</a>");
		if (close && strncmp(close + 4, COUNT_SPAN, strlen(COUNT_SPAN)) == 0)
			n = strtol(close + 4 + strlen(COUNT_SPAN), NULL, 10);
		at += strlen(link);
	}
	cr_assert_geq(n, 0, "no count after %s: %.1500s", link, html);
	free(link);
	return n;
}

static size_t commits(void)
{
	return wp_ts_repo_count(wp_ts_data_dir(srv));
}

/* The class of the link to href in html ("" when it has none, "-" when
 * there is no such link), for messages and comparisons. Caller frees. */
static char *link_class(const char *html, const char *href)
{
	char *c = wp_ts_link_class(html, href);

	return c ? c : strdup("-");
}

/* Asserts the body of page links to HIDDEN as to a page that exists (class
 * "wikilink") when exists, else as to a new page: "wikilink nieuw" on the
 * link to /nieuw?pad=HIDDEN and no link to /HIDDEN at all. */
static void assert_link(reader who, const char *what, const char *page, int exists)
{
	/* The Markdown body: the summary box above it links without a class. */
	const char *html =
	    strstr(page, "<div class=\"body\">") ? strstr(page, "<div class=\"body\">") : page;
	char *to_page = link_class(html, "/" HIDDEN);
	char *to_new = link_class(html, "/nieuw?pad=" HIDDEN);

	if (exists) {
		cr_assert_str_eq(to_page, "wikilink", "%s as %s: link to /" HIDDEN " has class %s",
				 what, who.name, to_page);
	} else {
		cr_assert_str_eq(to_page, "-", "%s as %s: a link to /" HIDDEN " (class %s)", what,
				 who.name, to_page);
		cr_assert_str_eq(to_new, "wikilink nieuw",
				 "%s as %s: the link to the hidden page is not one to a new page "
				 "(class %s): %.1500s",
				 what, who.name, to_new, html);
	}
	free(to_page);
	free(to_new);
}

/* ---- the doors ---- */

Test(access, page_view_is_404_for_outsiders_and_shown_to_the_team)
{
	assert_shown("/" HIDDEN, (const char *const[]){ TITLE, WORD, WORD2, NULL });
	assert_hidden("/" HIDDEN);
}

Test(access, source_is_404_for_outsiders_at_every_revision)
{
	wp_ts_response *r = get_as(owner(), "/bron/" HIDDEN, 200);
	char *old = wp_ts_fmt("/bron/" HIDDEN "?rev=%s", rev1);

	cr_assert_not_null(strstr(r->body, WORD2));
	wp_ts_response_free(r);
	r = get_as(owner(), old, 200);
	cr_assert(strstr(r->body, WORD) && !strstr(r->body, WORD2), "%s: %s", old, r->body);
	wp_ts_response_free(r);
	assert_hidden("/bron/" HIDDEN);
	assert_hidden(old);
	free(old);
}

Test(access, history_is_404_for_outsiders)
{
	char s1[8], s2[8];

	snprintf(s1, sizeof(s1), "%.7s", rev1);
	snprintf(s2, sizeof(s2), "%.7s", rev2);
	assert_shown("/geschiedenis/" HIDDEN, (const char *const[]){ s1, s2, MSG, NULL });
	assert_hidden("/geschiedenis/" HIDDEN);
}

Test(access, diff_is_404_for_outsiders_with_and_without_revisions)
{
	char *both = wp_ts_fmt("/verschil/" HIDDEN "?van=%s&naar=%s", rev1, rev2);
	char *from = wp_ts_fmt("/verschil/" HIDDEN "?van=%s", rev1);
	char *to = wp_ts_fmt("/verschil/" HIDDEN "?naar=%s", rev2);

	assert_shown("/verschil/" HIDDEN, (const char *const[]){ WORD2, NULL });
	assert_shown(both, (const char *const[]){ WORD2, NULL });
	assert_hidden("/verschil/" HIDDEN);
	assert_hidden(both);
	assert_hidden(from);
	assert_hidden(to);
	free(both);
	free(from);
	free(to);
}

/* An old revision of a page is as hidden as the page: also for a revision
 * any visitor can learn, HEAD from /health, under which the page exists. */
Test(access, old_revisions_are_404_for_outsiders)
{
	char *at2 = wp_ts_fmt("/" HIDDEN "?rev=%s", rev2);
	char *at1 = wp_ts_fmt("/" HIDDEN "?rev=%s", rev1);
	char *short1 = wp_ts_fmt("/" HIDDEN "?rev=%.7s", rev1);
	json_t *health = get_json_as(outsider(1), "/health", 200);
	char *at_head =
	    wp_ts_fmt("/" HIDDEN "?rev=%s", json_string_value(json_object_get(health, "head")));
	wp_ts_response *r;

	assert_shown(at2, (const char *const[]){ TITLE, WORD2, NULL });
	r = get_as(owner(), at1, 200);
	cr_assert(strstr(r->body, WORD) && !strstr(r->body, WORD2), "%s is not the first version",
		  at1);
	wp_ts_response_free(r);
	assert_shown(short1, (const char *const[]){ TITLE, NULL });
	assert_hidden(at2);
	assert_hidden(at1);
	assert_hidden(short1);
	assert_hidden(at_head);
	json_decref(health);
	free(at2);
	free(at1);
	free(short1);
	free(at_head);
}

Test(access, search_finds_nothing_of_the_page_for_outsiders)
{
	static const char *const queries[] = { WORD, "zwokkel*", "\"" TITLE "\"" };
	size_t q, i;

	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		char *esc = replace_all(queries[q], " ", "%20"), *api, *html, *tmp;
		json_t *res;
		wp_ts_response *r;

		tmp = replace_all(esc, "\"", "%22");
		api = wp_ts_fmt("/api/search?q=%s", tmp);
		html = wp_ts_fmt("/zoeken?q=%s", tmp);
		res = get_json_as(owner(), api, 200);
		cr_assert_eq(total(res), 1, "%s as anna: total %lld", api, total(res));
		cr_assert(lists(json_object_get(res, "results"), "path", HIDDEN), "%s as anna",
			  api);
		json_decref(res);
		assert_shown(html, (const char *const[]){ "href=\"/" HIDDEN "\"", TITLE, NULL });
		for (i = 0; i < N_OUTSIDERS; i++) {
			res = get_json_as(outsider(i), api, 200);
			cr_assert_eq(total(res), 0, "%s as %s: total %lld", api, outsider(i).name,
				     total(res));
			cr_assert_eq(json_array_size(json_object_get(res, "results")), 0);
			json_decref(res);
			r = get_as(outsider(i), html, 200);
			cr_assert_null(strstr(r->body, "href=\"/" HIDDEN "\""), "%s as %s", html,
				       outsider(i).name);
			cr_assert_null(strstr(r->body, ">" TITLE "<"), "%s as %s", html,
				       outsider(i).name);
			cr_assert_not_null(strstr(r->body, "role=\"status\">0 "),
					   "%s as %s: not 0 results", html, outsider(i).name);
			wp_ts_response_free(r);
		}
		free(esc);
		free(tmp);
		free(api);
		free(html);
	}
}

Test(access, search_counts_and_facets_leave_the_page_out_for_outsiders)
{
	json_t *a = get_json_as(owner(), "/api/search?q=" COMMON, 200);
	json_t *e = get_json_as(outsider(0), "/api/search?q=" COMMON, 200);
	json_t *v = get_json_as(outsider(1), "/api/search?q=" COMMON, 200), *page2, *f;
	wp_ts_response *r;
	size_t i;

	cr_assert_gt(total(e), 3, "too few pages hold \"" COMMON "\" to mean anything");
	cr_assert_eq(total(a), total(e) + 1, "total for anna %lld, for erik %lld", total(a),
		     total(e));
	cr_assert_eq(facet(a, "wetten", LAW), 1);
	cr_assert_eq(facet(e, "wetten", LAW), 0, "erik sees facet wetten " LAW);
	cr_assert_eq(facet(v, "wetten", LAW), 0, "a visitor sees facet wetten " LAW);
	cr_assert_eq(facet(a, "type", "verhaal"), facet(e, "type", "verhaal") + 1);
	cr_assert_eq(facet(a, "dilemmas", DILEMMA), facet(e, "dilemmas", DILEMMA) + 1);
	cr_assert_leq(total(v), total(e));
	cr_assert_gt(total(v), 0, "the visitor's search is broken");
	/* Not on any page of results either. */
	page2 = get_json_as(outsider(0), "/api/search?q=" COMMON "&page=2", 200);
	cr_assert_not(lists(json_object_get(e, "results"), "path", HIDDEN));
	cr_assert_not(lists(json_object_get(page2, "results"), "path", HIDDEN));
	cr_assert_not(lists(json_object_get(v, "results"), "path", HIDDEN));
	json_decref(page2);
	/* Filtering on the hidden value finds nothing, not a count of one. */
	f = get_json_as(owner(), "/api/search?q=" COMMON "&wetten=" LAW, 200);
	cr_assert_eq(total(f), 1);
	json_decref(f);
	for (i = 0; i < N_OUTSIDERS; i++) {
		f = get_json_as(outsider(i), "/api/search?q=" COMMON "&wetten=" LAW, 200);
		cr_assert_eq(total(f), 0, "as %s", outsider(i).name);
		json_decref(f);
		r = get_as(outsider(i), "/zoeken?q=" COMMON, 200);
		cr_assert_null(strstr(r->body, LAW), "the facet " LAW " on /zoeken as %s",
			       outsider(i).name);
		wp_ts_response_free(r);
	}
	assert_shown("/zoeken?q=" COMMON, (const char *const[]){ ">" LAW "</a>", NULL });
	json_decref(a);
	json_decref(e);
	json_decref(v);
}

Test(access, suggestions_leave_the_page_out_for_outsiders)
{
	static const char *const paths[] = { "/api/suggest?q=Geheim",
					     "/api/suggest?q=Geheim%20verhaal%20noo" };
	size_t p, i;

	for (p = 0; p < 2; p++) {
		json_t *j = get_json_as(owner(), paths[p], 200);

		cr_assert(lists(j, "path", HIDDEN), "%s as anna", paths[p]);
		json_decref(j);
		for (i = 0; i < N_OUTSIDERS; i++) {
			wp_ts_response *r = get_as(outsider(i), paths[p], 200);

			assert_tells_nothing(outsider(i), paths[p], r);
			j = wp_ts_json(r);
			cr_assert(json_is_array(j));
			cr_assert_not(lists(j, "path", HIDDEN), "%s as %s", paths[p],
				      outsider(i).name);
			json_decref(j);
			wp_ts_response_free(r);
		}
	}
}

Test(access, backlinks_leave_the_page_out_for_outsiders)
{
	size_t i;

	/* welkom is openbaar: everyone sees it, only the team the backlink. */
	assert_shown("/welkom",
		     (const char *const[]){ "<a href=\"/" HIDDEN "\">" TITLE "</a>", NULL });
	for (i = 0; i < N_OUTSIDERS; i++)
		wp_ts_response_free(get_clean(outsider(i), "/welkom"));
	/* The dilemma the page names in its front matter. */
	wp_ts_response_free(get_clean(outsider(0), "/dilemmas/" DILEMMA));
}

Test(access, links_and_titles_in_other_pages_treat_it_as_missing)
{
	wp_ts_response *r = get_as(owner(), "/" PUBLIC, 200);
	size_t i;

	assert_link(owner(), "/" PUBLIC, r->body, 1);
	cr_assert_not_null(strstr(r->body, ">" TITLE "</a>"), "the summary box lacks the title");
	wp_ts_response_free(r);
	for (i = 0; i < N_OUTSIDERS; i++) {
		r = get_clean(outsider(i), "/" PUBLIC);
		assert_link(outsider(i), "/" PUBLIC, r->body, 0);
		wp_ts_response_free(r);
	}
}

Test(access, tag_pages_and_lists_leave_the_page_out_for_outsiders)
{
	json_t *j = get_json_as(owner(), "/api/tags/wetten/" LAW, 200);
	size_t i;

	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 1);
	cr_assert(lists(json_object_get(j, "pages"), "path", HIDDEN));
	json_decref(j);
	j = get_json_as(owner(), "/api/tags/wetten", 200);
	cr_assert(lists(json_object_get(j, "values"), "value", LAW));
	json_decref(j);
	assert_shown("/tag/wetten/" LAW, (const char *const[]){ "href=\"/" HIDDEN "\"", NULL });
	assert_shown("/tag/wetten", (const char *const[]){ LAW, NULL });
	for (i = 0; i < N_OUTSIDERS; i++) {
		wp_ts_response *r;

		assert_as_missing_for(outsider(i), "/tag/wetten/" LAW, LAW, NO_LAW);
		assert_as_missing_for(outsider(i), "/api/tags/wetten/" LAW, LAW, NO_LAW);
		j = get_json_as(outsider(i), "/api/tags/wetten", 200);
		cr_assert_gt(json_array_size(json_object_get(j, "values")), 0);
		cr_assert_not(lists(json_object_get(j, "values"), "value", LAW), "as %s",
			      outsider(i).name);
		json_decref(j);
		r = get_clean(outsider(i), "/tag/wetten");
		cr_assert_null(strstr(r->body, LAW), "/tag/wetten as %s lists " LAW,
			       outsider(i).name);
		wp_ts_response_free(r);
	}
}

Test(access, type_list_and_home_counts_leave_the_page_out_for_outsiders)
{
	wp_ts_response *a = get_as(owner(), "/type/verhaal", 200);
	wp_ts_response *e = get_clean(outsider(0), "/type/verhaal");
	wp_ts_response *v = get_clean(outsider(1), "/type/verhaal");

	cr_assert_not_null(strstr(a->body, "href=\"/" HIDDEN "\""));
	cr_assert_eq(heading_count(a->body), heading_count(e->body) + 1);
	cr_assert_leq(heading_count(v->body), heading_count(e->body));
	wp_ts_response_free(a);
	wp_ts_response_free(e);
	wp_ts_response_free(v);
	a = get_as(owner(), "/", 200);
	e = get_clean(outsider(0), "/");
	v = get_clean(outsider(1), "/");
	cr_assert_eq(home_count(a->body, "verhaal"), home_count(e->body, "verhaal") + 1);
	cr_assert_leq(home_count(v->body, "verhaal"), home_count(e->body, "verhaal"));
	wp_ts_response_free(a);
	wp_ts_response_free(e);
	wp_ts_response_free(v);
}

Test(access, recent_changes_leave_the_page_out_for_outsiders)
{
	json_t *j = get_json_as(owner(), "/api/changes", 200);
	size_t i;

	cr_assert(lists(j, "path", HIDDEN));
	json_decref(j);
	assert_shown("/wijzigingen", (const char *const[]){ "href=\"/" HIDDEN "\"", MSG, NULL });
	for (i = 0; i < N_OUTSIDERS; i++) {
		wp_ts_response *r = get_clean(outsider(i), "/wijzigingen");

		/* The list works for them: the public page is in it. */
		cr_assert_not_null(strstr(r->body, "href=\"/" PUBLIC "\""), "as %s",
				   outsider(i).name);
		cr_assert_null(strstr(r->body, "/geschiedenis/" HIDDEN), "as %s", outsider(i).name);
		wp_ts_response_free(r);
		r = get_as(outsider(i), "/api/changes", 200);
		assert_tells_nothing(outsider(i), "/api/changes", r);
		j = wp_ts_json(r);
		cr_assert(lists(j, "path", PUBLIC), "as %s", outsider(i).name);
		cr_assert_not(lists(j, "path", HIDDEN), "as %s", outsider(i).name);
		json_decref(j);
		wp_ts_response_free(r);
	}
}

/* Reading, overwriting and deleting through the API: 404 for an
 * outsider, and the page stays as it was. */
Test(access, json_api_is_404_for_outsiders_and_changes_nothing)
{
	size_t before = commits(), i;
	wp_ts_response *r;
	json_t *j;

	j = get_json_as(owner(), "/api/pages/" HIDDEN, 200);
	cr_assert_str_eq(json_string_value(json_object_get(j, "revision")), rev2);
	json_decref(j);
	j = get_json_as(owner(), "/api/pages/" HIDDEN "/history", 200);
	cr_assert_eq(json_array_size(j), 2);
	json_decref(j);
	assert_hidden("/api/pages/" HIDDEN);
	assert_hidden("/api/pages/" HIDDEN "/history");
	/* Creating over it: not a 409 with the page as "current". */
	r = put_as(erik, HIDDEN, "---\ntitel: Van erik\n---\nOverschreven.\n", NULL, "erik");
	cr_assert_eq(r->status, 404, "PUT base null by erik: %ld %s", r->status, r->body);
	assert_tells_nothing(outsider(0), "PUT", r);
	j = wp_ts_json(r);
	cr_assert(json_is_string(json_object_get(j, "error")), "%s", r->body);
	cr_assert_null(json_object_get(j, "current"), "%s", r->body);
	json_decref(j);
	wp_ts_response_free(r);
	r = put_as(erik, HIDDEN, "---\ntitel: Van erik\n---\nOverschreven.\n", rev2, "erik");
	cr_assert_eq(r->status, 404, "PUT with base by erik: %ld %s", r->status, r->body);
	assert_tells_nothing(outsider(0), "PUT", r);
	wp_ts_response_free(r);
	wp_ts_use(srv, erik);
	r = wp_ts_api_delete(srv, HIDDEN, rev2, "weg ermee");
	wp_ts_use(srv, NULL);
	cr_assert_eq(r->status, 404, "DELETE by erik: %ld %s", r->status, r->body);
	assert_tells_nothing(outsider(0), "DELETE", r);
	wp_ts_response_free(r);
	/* A visitor may not write at all: the same 403 as anywhere. */
	r = put_as(NULL, HIDDEN, "---\ntitel: X\n---\nX\n", NULL, "x");
	cr_assert_eq(r->status, 403, "PUT by a visitor: %ld %s", r->status, r->body);
	assert_tells_nothing(outsider(1), "PUT", r);
	wp_ts_response_free(r);
	cr_assert_eq(commits(), before, "a refused change was committed");
	j = get_json_as(owner(), "/api/pages/" HIDDEN, 200);
	cr_assert_str_eq(json_string_value(json_object_get(j, "revision")), rev2);
	cr_assert_str_eq(json_string_value(json_object_get(j, "title")), TITLE);
	cr_assert_not_null(strstr(json_string_value(json_object_get(j, "body")), WORD2));
	json_decref(j);
	for (i = 0; i < N_OUTSIDERS; i++)
		assert_as_missing_for(outsider(i), "/api/pages/" HIDDEN, HIDDEN, MISSING);
}

/* POST /nieuw action=preview by a logged-in account; returns the answer. */
static wp_ts_response *preview_as(const wp_ts_auth *session)
{
	const char *const fields[] = { "path",	      "verhalen/concept",
				       "frontmatter", "titel: Concept",
				       "body",	      "Zie [[" HIDDEN "]] en [[welkom]].\n",
				       "action",      "preview",
				       NULL };

	return wp_ts_post_form_as(srv, session, "/nieuw", fields);
}

Test(access, previews_link_to_it_as_to_a_missing_page_for_outsiders)
{
	wp_ts_auth *a = wp_ts_login(srv, "anna", "wachtwoord-van-anna");
	wp_ts_auth *e = wp_ts_login(srv, "erik", "wachtwoord-van-erik");
	size_t before = commits();
	wp_ts_response *r = preview_as(a);
	char *welkom;

	cr_assert_eq(r->status, 200, "preview as anna: %ld %.600s", r->status, r->body);
	cr_assert_not_null(strstr(r->body, "class=\"preview\""), "no preview: %.1500s", r->body);
	assert_link(owner(), "preview", r->body, 1);
	wp_ts_response_free(r);
	r = preview_as(e);
	cr_assert_eq(r->status, 200, "preview as erik: %ld %.600s", r->status, r->body);
	cr_assert_not_null(strstr(r->body, "class=\"preview\""), "no preview: %.1500s", r->body);
	assert_link(outsider(0), "preview", r->body, 0);
	assert_tells_nothing(outsider(0), "preview", r);
	/* Links to pages erik can read are ordinary ones. */
	welkom = link_class(r->body, "/welkom");
	cr_assert_str_eq(welkom, "wikilink");
	free(welkom);
	wp_ts_response_free(r);
	cr_assert_eq(commits(), before, "a preview committed");
	wp_ts_auth_free(a);
	wp_ts_auth_free(e);
}

Test(access, forms_are_404_for_outsiders_and_refuse_their_changes)
{
	static const char *const forms[] = { "/bewerken/", "/verwijderen/", "/hernoemen/" };
	const char *const edit[] = { "base", rev2,  "frontmatter", "titel: Van erik",
				     "body", "Weg", "message",	   "erik",
				     NULL };
	const char *const del[] = { "base", rev2, NULL };
	const char *const ren[] = { "base", rev2, "new_path", "verhalen/van-erik", NULL };
	const char *const rev[] = { "rev", rev1, "base", rev2, NULL };
	static const char *const posts[] = { "/bewerken/", "/verwijderen/", "/hernoemen/",
					     "/terugzetten/" };
	const char *const *post_fields[] = { edit, del, ren, rev };
	size_t before = commits(), i;

	assert_shown("/bewerken/" HIDDEN, (const char *const[]){ WORD2, NULL });
	assert_shown("/verwijderen/" HIDDEN, (const char *const[]){ TITLE, NULL });
	assert_shown("/hernoemen/" HIDDEN, (const char *const[]){ TITLE, NULL });
	for (i = 0; i < 3; i++) {
		char *path = wp_ts_fmt("%s" HIDDEN, forms[i]);
		wp_ts_response *r = get_as(outsider(1), path, 303);
		const char *loc = wp_ts_header(r, "Location");

		assert_as_missing_for(outsider(0), path, HIDDEN, MISSING);
		cr_assert(loc && strncmp(loc, "/inloggen?terug=", 16) == 0, "%s: Location %s", path,
			  loc ? loc : "-");
		wp_ts_response_free(r);
		free(path);
	}
	for (i = 0; i < 4; i++) {
		char *path = wp_ts_fmt("%s" HIDDEN, posts[i]);
		wp_ts_response *r = wp_ts_post_form_as(srv, erik, path, post_fields[i]);

		cr_assert_eq(r->status, 404, "POST %s by erik: %ld %.600s", path, r->status,
			     r->body);
		assert_tells_nothing(outsider(0), path, r);
		wp_ts_response_free(r);
		free(path);
	}
	cr_assert_eq(commits(), before, "a refused change was committed");
	assert_shown("/" HIDDEN, (const char *const[]){ TITLE, WORD2, NULL });
}

/* Page views are kept as sent; what one account got is never what the
 * next one gets. */
Test(access, response_cache_keeps_each_account_apart)
{
	wp_ts_response *r = get_as(owner(), "/" HIDDEN, 200);
	char *etag = strdup(wp_ts_header(r, "ETag") ? wp_ts_header(r, "ETag") : "");
	char *inm = wp_ts_fmt("If-None-Match: %s", etag);
	const char *const hdr[] = { inm, NULL };
	size_t i;

	cr_assert_neq(strlen(etag), 0, "no ETag on a page view");
	wp_ts_response_free(r);
	assert_shown("/" HIDDEN, (const char *const[]){ TITLE, NULL });
	assert_hidden("/" HIDDEN);
	for (i = 0; i < N_OUTSIDERS; i++) {
		/* anna's tag does not answer "not modified" to them. */
		r = wp_ts_request_as(srv, outsider(i).auth, "GET", "/" HIDDEN, NULL, NULL, hdr);
		cr_assert_eq(r->status, 404, "with anna's ETag, %s gets %ld", outsider(i).name,
			     r->status);
		wp_ts_response_free(r);
	}
	assert_shown("/" HIDDEN, (const char *const[]){ TITLE, WORD, NULL });
	/* A public page looks different to each: anna's copy first, then
	 * theirs, then anna's again. */
	assert_shown("/" PUBLIC, (const char *const[]){ TITLE, NULL });
	assert_shown("/" PUBLIC, (const char *const[]){ TITLE, NULL });
	for (i = 0; i < N_OUTSIDERS; i++) {
		r = get_clean(outsider(i), "/" PUBLIC);
		assert_link(outsider(i), "/" PUBLIC, r->body, 0);
		wp_ts_response_free(r);
		r = get_clean(outsider(i), "/" PUBLIC);
		wp_ts_response_free(r);
	}
	assert_shown("/" PUBLIC, (const char *const[]){ TITLE, NULL });
	free(etag);
	free(inm);
}

/* After a rename the old path is a stub that sends the team on (301);
 * to anyone else it must not exist, or the 301 would give the new path
 * away. */
Test(access, rename_stub_is_404_for_outsiders)
{
	wp_ts_auth *a = wp_ts_login(srv, "anna", "wachtwoord-van-anna");
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", "/hernoemen/" HIDDEN, NULL, NULL, NULL);
	char *base = wp_ts_input_value(r->body, "base");
	const char *loc;
	size_t i;

	cr_assert_eq(r->status, 200);
	cr_assert(base && strcmp(base, rev2) == 0, "rename form base %s", base ? base : "-");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, a, "/hernoemen/" HIDDEN,
			       (const char *const[]){ "base", base, "new_path", RENAMED, "message",
						      "verplaatst", NULL });
	cr_assert_eq(r->status, 303, "rename: %ld %.600s", r->status, r->body);
	wp_ts_response_free(r);
	r = get_as(owner(), "/" HIDDEN, 301);
	loc = wp_ts_header(r, "Location");
	cr_assert(loc && strcmp(loc, "/" RENAMED) == 0, "Location %s", loc ? loc : "-");
	wp_ts_response_free(r);
	assert_shown("/" RENAMED, (const char *const[]){ TITLE, WORD2, NULL });
	r = get_as(owner(), "/" PUBLIC, 200);
	assert_link(owner(), "/" PUBLIC " after the rename", r->body, 1);
	wp_ts_response_free(r);
	for (i = 0; i < N_OUTSIDERS; i++) {
		r = get_as(outsider(i), "/" HIDDEN, 404);
		cr_assert_null(wp_ts_header(r, "Location"), "as %s", outsider(i).name);
		cr_assert_null(strstr(r->body, RENAMED), "as %s", outsider(i).name);
		wp_ts_response_free(r);
		r = get_clean(outsider(i), "/" PUBLIC);
		cr_assert_null(strstr(r->body, RENAMED), "as %s", outsider(i).name);
		assert_link(outsider(i), "/" PUBLIC " after the rename", r->body, 0);
		wp_ts_response_free(r);
		wp_ts_response_free(get_clean(outsider(i), "/welkom"));
		assert_as_missing_for(outsider(i), "/" RENAMED, RENAMED, MISSING);
	}
	assert_hidden("/" HIDDEN);
	assert_hidden("/bron/" HIDDEN);
	assert_hidden("/api/pages/" HIDDEN);
	assert_hidden("/geschiedenis/" HIDDEN);
	free(base);
	wp_ts_auth_free(a);
}

/* Once the page is for every account, its past as a team page stays
 * hidden: the old revisions and diffs into them. */
Test(access, revisions_from_before_a_visibility_change_stay_hidden)
{
	char *v3 = hidden_content("zichtbaarheid: ingelogd\n", "");
	char rev3[WP_TS_OID_HEX];
	char *old_view, *old_raw, *diff, *diff_back;
	wp_ts_response *r;
	wp_ts_commit head;

	/* Committed as it is: through the wiki a story leaves its team only
	 * once the regio team approved it (the privacy plugin's tests). */
	wp_ts_repo_commit_raw(wp_ts_data_dir(srv), HIDDEN ".md", v3);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	memcpy(rev3, head.id, WP_TS_OID_HEX);
	wp_ts_commit_dispose(&head);
	old_view = wp_ts_fmt("/" HIDDEN "?rev=%s", rev2);
	old_raw = wp_ts_fmt("/bron/" HIDDEN "?rev=%s", rev2);
	diff = wp_ts_fmt("/verschil/" HIDDEN "?van=%s&naar=%s", rev2, rev3);
	diff_back = wp_ts_fmt("/verschil/" HIDDEN "?van=%s&naar=%s", rev3, rev1);
	/* erik reads the page now. */
	r = get_as(outsider(0), "/" HIDDEN, 200);
	cr_assert(strstr(r->body, TITLE) && strstr(r->body, WORD));
	cr_assert_null(strstr(r->body, WORD2), "erik sees the old second part");
	wp_ts_response_free(r);
	r = get_as(outsider(0), "/bron/" HIDDEN, 200);
	cr_assert_null(strstr(r->body, WORD2));
	wp_ts_response_free(r);
	/* Not as it was. */
	assert_shown(old_view, (const char *const[]){ WORD2, NULL });
	assert_shown(old_raw, (const char *const[]){ WORD2, NULL });
	assert_shown(diff, (const char *const[]){ WORD2, NULL });
	assert_shown("/verschil/" HIDDEN, (const char *const[]){ WORD2, NULL });
	{
		const char *const doors[] = { old_view, old_raw, diff, diff_back,
					      "/verschil/" HIDDEN };
		size_t i;

		for (i = 0; i < sizeof(doors) / sizeof(doors[0]); i++) {
			r = get_as(outsider(0), doors[i], 404);
			cr_assert_null(strstr(r->body, WORD2), "%s as erik", doors[i]);
			wp_ts_response_free(r);
		}
	}
	/* Its history shows erik only the change he could read: not the
	 * messages, authors or revisions of its team days. */
	{
		const char *const lists[] = { "/geschiedenis/" HIDDEN, "/api/pages/" HIDDEN "/history",
					      "/api/changes?limit=1000" };
		size_t i;

		r = get_as(owner(), "/geschiedenis/" HIDDEN, 200);
		cr_assert(strstr(r->body, MSG) && strstr(r->body, rev3),
			  "the team sees the whole history");
		wp_ts_response_free(r);
		for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
			r = get_as(outsider(0), lists[i], 200);
			cr_assert_null(strstr(r->body, MSG), "%s as erik", lists[i]);
			cr_assert_null(strstr(r->body, rev1), "%s as erik", lists[i]);
			cr_assert_null(strstr(r->body, rev2), "%s as erik", lists[i]);
			cr_assert_not_null(strstr(r->body, rev3), "%s as erik", lists[i]);
			wp_ts_response_free(r);
		}
	}
	/* A visitor still has no page at all. */
	assert_as_missing_for(outsider(1), "/" HIDDEN, HIDDEN, MISSING);
	assert_as_missing_for(outsider(1), old_view, HIDDEN, MISSING);
	free(v3);
	free(old_view);
	free(old_raw);
	free(diff);
	free(diff_back);
}

Test(access, page_without_visibility_is_for_accounts_only)
{
	/* A general page: a story without the field stays with its team
	 * (the privacy plugin's rule, tested there). */
	const char *page = "notities/zonder-zichtbaarheid";
	json_t *j;

	save(anna, page, "---\ntitel: Zonder zichtbaarheid\n---\nOver de plonkerwaaier.\n", NULL,
	     "zonder", 201, NULL);
	wp_ts_response_free(get_as(outsider(0), "/notities/zonder-zichtbaarheid", 200));
	assert_as_missing_for(outsider(1), "/notities/zonder-zichtbaarheid", page, MISSING);
	j = get_json_as(outsider(0), "/api/search?q=plonkerwaaier", 200);
	cr_assert_eq(total(j), 1);
	json_decref(j);
	j = get_json_as(outsider(1), "/api/search?q=plonkerwaaier", 200);
	cr_assert_eq(total(j), 0, "a visitor finds a page for accounts");
	json_decref(j);
}

Test(access, bad_or_foreign_visibility_is_refused_and_not_committed)
{
	size_t before = commits();
	wp_ts_response *r;
	char *other_team = hidden_content("zichtbaarheid: team\nteam: zuid\n", "");
	json_t *j;

	r = put_as(anna, "verhalen/geheim-fout",
		   "---\ntitel: Fout\nzichtbaarheid: geheim\n---\nTekst.\n", NULL, "fout");
	cr_assert_eq(r->status, 400, "zichtbaarheid geheim: %ld %s", r->status, r->body);
	j = wp_ts_json(r);
	cr_assert(json_is_string(json_object_get(j, "error")));
	json_decref(j);
	wp_ts_response_free(r);
	r = put_as(anna, "verhalen/zuid-poging",
		   "---\ntitel: Zuid\nzichtbaarheid: team\nteam: zuid\n---\nTekst.\n", NULL,
		   "zuid");
	cr_assert_eq(r->status, 403, "team zuid by anna: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	/* Nor can she give her own page away to another team. */
	r = put_as(anna, HIDDEN, other_team, rev2, "weggeven");
	cr_assert_eq(r->status, 403, "HIDDEN to team zuid: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	cr_assert_eq(commits(), before, "a refused page was committed");
	json_decref(get_json_as(owner(), "/api/pages/verhalen/geheim-fout", 404));
	json_decref(get_json_as(owner(), "/api/pages/verhalen/zuid-poging", 404));
	j = get_json_as(owner(), "/api/pages/" HIDDEN, 200);
	cr_assert_str_eq(json_string_value(json_object_get(j, "revision")), rev2);
	json_decref(j);
	free(other_team);
}
