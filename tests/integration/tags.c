/* Integration tests of the tag pages (/tag/<field>[/<value>] and
 * /api/tags/...), the summary box's links to them, and search links that
 * keep every filter, against the real server with the demo content. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* The demo pages whose front matter lists the law Wmo under wetten: the
 * stories first, then the system errors. */
static const char *const wmo_pages[] = {
	"verhalen/achttien-en-ineens-volwassen",
	"verhalen/mantelzorger-op-de-grens",
	"verhalen/meneer-wil-geen-hulp-in-huis",
	"verhalen/twee-gemeentes-een-gezin",
	"systeemfouten/indicatie-vervalt-bij-verhuizing",
	"systeemfouten/overgang-18-min-18-plus",
	"systeemfouten/wlz-aanvraag-blokkeert-wmo-respijt",
};
#define WMO_COUNT (sizeof(wmo_pages) / sizeof(wmo_pages[0]))
#define WMO_STORIES 4 /* the first of wmo_pages */
#define STORY "verhalen/schuld-eerst-of-het-kind" /* wetten: Jeugdwet, Wgs, Participatiewet */
/* The one Wmo page only its team reads ("zichtbaarheid: team"). */
#define TEAM_PAGE "verhalen/twee-gemeentes-een-gezin"
#define TEAM_OF_PAGE "wijkteam-noord"

static wp_test_server *srv;
static wp_ts_auth *member; /* of TEAM_OF_PAGE, who reads every demo page */

/* The tests read and write as a regio team member of TEAM_OF_PAGE, who
 * sees every demo page and may write stories and dilemmas. */
static void start(void)
{
	srv = wp_ts_start(NULL);
	member = wp_ts_as(srv, "noord", "regioteam", TEAM_OF_PAGE);
	wp_ts_use(srv, member);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(member);
	member = NULL;
}

TestSuite(tags, .init = start, .fini = stop, .timeout = 120);

static wp_ts_response *get(const char *path, long status)
{
	wp_ts_response *r = wp_ts_get(srv, path);

	cr_assert_eq(r->status, status, "GET %s: expected %ld, got %ld: %.400s", path, status,
		     r->status, r->body);
	return r;
}

static json_t *get_json(const char *path, long status)
{
	wp_ts_response *r = get(path, status);
	const char *ct = wp_ts_header(r, "Content-Type");
	json_t *j;

	cr_assert(ct && strncmp(ct, "application/json", 16) == 0, "%s: Content-Type %s", path,
		  ct ? ct : "-");
	j = wp_ts_json(r);
	wp_ts_response_free(r);
	return j;
}

/* Non-zero when the JSON array of pages has one with this path. */
static int lists_path(const json_t *pages, const char *path)
{
	const json_t *p;
	size_t i;

	json_array_foreach(pages, i, p)
		if (strcmp(json_string_value(json_object_get(p, "path")), path) == 0)
			return 1;
	return 0;
}

/* Non-zero when html links to /path. */
static int links_to(const char *html, const char *path)
{
	char *needle = wp_ts_fmt("<a href=\"/%s\">", path);
	int found = strstr(html, needle) != NULL;

	free(needle);
	return found;
}

/* The href of the link whose attributes go on with rel="REL", with
 * &amp; decoded; NULL when there is none. Caller frees. */
static char *rel_link(const char *html, const char *rel)
{
	char *marker = wp_ts_fmt("\" rel=\"%s\"", rel), *out, *o;
	const char *end = strstr(html, marker), *start;

	free(marker);
	if (!end)
		return NULL;
	for (start = end; start > html && strncmp(start, "href=\"", 6) != 0; start--)
		;
	cr_assert(strncmp(start, "href=\"", 6) == 0);
	start += 6;
	out = strndup(start, (size_t)(end - start));
	for (o = out; (o = strstr(o, "&amp;")) != NULL; o++)
		memmove(o + 1, o + 5, strlen(o + 5) + 1);
	return out;
}

Test(tags, tag_page_lists_exactly_the_pages_holding_the_value)
{
	wp_ts_response *r = get("/tag/wetten/Wmo", 200);
	json_t *api = get_json("/api/tags/wetten/Wmo", 200), *pages, *p;
	size_t i;

	cr_assert(strstr(r->body, "<h1>Pagina&#39;s met wetten: Wmo</h1>"), "%.2000s", r->body);
	cr_assert(strstr(r->body, "7 pagina&#39;s"));
	for (i = 0; i < WMO_COUNT; i++)
		cr_assert(links_to(r->body, wmo_pages[i]), "missing %s", wmo_pages[i]);
	cr_assert_not(links_to(r->body, STORY), "a page without Wmo is listed");
	/* Each page shows its type. */
	cr_assert_eq(wp_ts_count(r->body, "Praktijkverhaal</span></li>"), WMO_STORIES);
	cr_assert_eq(wp_ts_count(r->body, "Systeemfout</span></li>"), WMO_COUNT - WMO_STORIES);
	/* The API names the same pages, and only those. */
	pages = json_object_get(api, "pages");
	cr_assert_eq(json_integer_value(json_object_get(api, "total")), WMO_COUNT);
	cr_assert_eq(json_array_size(pages), WMO_COUNT);
	json_array_foreach(pages, i, p)
		cr_assert(links_to(r->body, json_string_value(json_object_get(p, "path"))));
	for (i = 0; i < WMO_COUNT; i++)
		cr_assert(lists_path(pages, wmo_pages[i]), "API misses %s", wmo_pages[i]);
	json_decref(api);
	wp_ts_response_free(r);
	/* Someone outside the team gets the list without the team's page. */
	wp_ts_use(srv, wp_ts_default_auth(srv));
	r = get("/tag/wetten/Wmo", 200);
	cr_assert(strstr(r->body, "6 pagina&#39;s"), "%.2000s", r->body);
	cr_assert_not(links_to(r->body, TEAM_PAGE), "a team's page is listed outside the team");
	wp_ts_response_free(r);
	api = get_json("/api/tags/wetten/Wmo", 200);
	cr_assert_eq(json_integer_value(json_object_get(api, "total")), WMO_COUNT - 1);
	cr_assert_not(lists_path(json_object_get(api, "pages"), TEAM_PAGE));
	json_decref(api);
}

Test(tags, page_saved_with_the_value_is_listed_at_once_and_gone_when_it_drops_it)
{
	const char *form[] = { "path", "verhalen/it-nieuw-met-wmo", "frontmatter",
			       "titel: Nieuw met Wmo\nwetten: [Wmo, Wlz]\n", "body", "Tekst.\n",
			       "message", "nieuw", "action", "save", NULL };
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r = wp_ts_post_form(srv, "/nieuw", form);
	json_t *api;

	cr_assert_eq(r->status, 303, "%.400s", r->body);
	wp_ts_response_free(r);
	r = get("/tag/wetten/Wmo", 200);
	cr_assert(links_to(r->body, "verhalen/it-nieuw-met-wmo"), "new page not listed");
	cr_assert(strstr(r->body, "8 pagina&#39;s"));
	wp_ts_response_free(r);
	api = get_json("/api/tags/wetten/Wmo", 200);
	cr_assert_eq(json_integer_value(json_object_get(api, "total")), WMO_COUNT + 1);
	cr_assert(lists_path(json_object_get(api, "pages"), "verhalen/it-nieuw-met-wmo"));
	json_decref(api);
	/* Editing the value away takes the page off the list. */
	wp_ts_api_revision(rev, srv, "verhalen/it-nieuw-met-wmo");
	r = wp_ts_api_put(srv, "verhalen/it-nieuw-met-wmo",
			  "---\ntitel: Nieuw met Wmo\nwetten: [Wlz]\n---\nTekst.\n", rev, "weg");
	cr_assert_eq(r->status, 200, "%.400s", r->body);
	wp_ts_response_free(r);
	r = get("/tag/wetten/Wmo", 200);
	cr_assert_not(links_to(r->body, "verhalen/it-nieuw-met-wmo"));
	wp_ts_response_free(r);
}

Test(tags, summary_box_links_values_to_tag_pages_and_page_names_to_pages)
{
	wp_ts_response *r = get("/" STORY, 200), *t;

	cr_assert(strstr(r->body, "<a href=\"/tag/wetten/Jeugdwet\">Jeugdwet</a>"), "%.3000s",
		  r->body);
	/* Values are URL-encoded: "financiën", "psychisch welzijn". */
	cr_assert(strstr(r->body, "<a href=\"/tag/leefgebieden/financi%C3%ABn\">financiën</a>"));
	cr_assert(strstr(r->body, "href=\"/tag/leefgebieden/psychisch%20welzijn\""));
	cr_assert(strstr(r->body, "href=\"/tag/regio/regio%20Noord\""));
	/* A value naming a page still links to that page. */
	cr_assert(strstr(r->body, "href=\"/dilemmas/gezin-centraal-versus-kind-centraal\""));
	cr_assert_null(strstr(r->body, "href=\"/tag/dilemmas/"));
	wp_ts_response_free(r);
	/* And the link leads to a page listing the story. */
	t = get("/tag/leefgebieden/financi%C3%ABn", 200);
	cr_assert(strstr(t->body, "Pagina&#39;s met leefgebieden: financiën"));
	cr_assert(links_to(t->body, STORY));
	wp_ts_response_free(t);
}

Test(tags, unknown_value_or_field_is_a_404_with_a_message)
{
	wp_ts_response *r = get("/tag/wetten/Bestaatniet", 404);
	json_t *j;

	cr_assert(strstr(r->body, "Er zijn geen pagina&#39;s met wetten: Bestaatniet."), "%.2000s",
		  r->body);
	wp_ts_response_free(r);
	r = get("/tag/onbekendgegeven", 404);
	cr_assert(strstr(r->body, "Er zijn geen pagina&#39;s met het gegeven onbekendgegeven."));
	wp_ts_response_free(r);
	r = get("/tag/", 404);
	cr_assert(strstr(r->body, "/tag/wetten/Wmo"));
	wp_ts_response_free(r);
	/* Values are matched exactly: the case counts. */
	wp_ts_response_free(get("/tag/wetten/wmo", 404));
	j = get_json("/api/tags/wetten/Bestaatniet", 404);
	cr_assert_str_eq(json_string_value(json_object_get(j, "error")),
			 "Er zijn geen pagina's met wetten: Bestaatniet.");
	json_decref(j);
	j = get_json("/api/tags/onbekendgegeven", 404);
	cr_assert_not_null(json_string_value(json_object_get(j, "error")));
	json_decref(j);
}

Test(tags, bad_encoding_bad_field_or_long_value_is_a_400)
{
	static const char *const targets[] = {
		"/tag/wetten/%zz",     "/tag/wetten/Wm%",     "/tag/wetten/a%00b",
		"/tag/wetten/%C3%28",  "/tag/wetten/a%0Ab",   "/tag/Wetten/Wmo",
		"/tag/wet-ten/Wmo",    "/api/tags/wetten/%zz", "/api/tags/wetten/%C3%28",
	};
	char *long_value = malloc(302), *path;
	wp_ts_response *r;
	json_t *j;
	size_t i;

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		r = wp_ts_raw_request(srv, "GET", targets[i]);
		cr_assert_eq(r->status, 400, "%s gave %ld", targets[i], r->status);
		wp_ts_response_free(r);
	}
	memset(long_value, 'a', 301);
	long_value[301] = '\0';
	path = wp_ts_fmt("/tag/wetten/%s", long_value);
	r = get(path, 400);
	cr_assert(strstr(r->body, "hoogstens 200 tekens"), "%.2000s", r->body);
	wp_ts_response_free(r);
	free(path);
	path = wp_ts_fmt("/api/tags/wetten/%s", long_value);
	j = get_json(path, 400);
	cr_assert(strstr(json_string_value(json_object_get(j, "error")), "hoogstens 200 tekens"));
	json_decref(j);
	free(path);
	free(long_value);
	j = get_json("/api/tags/wetten/%C3%28", 400);
	cr_assert_not_null(json_string_value(json_object_get(j, "error")));
	json_decref(j);
}

Test(tags, api_answers_have_the_documented_shapes_and_counts_agree)
{
	json_t *values = get_json("/api/tags/wetten", 200), *v, *list;
	json_int_t last = -1, seen_wmo = 0;
	size_t i;

	cr_assert_str_eq(json_string_value(json_object_get(values, "field")), "wetten");
	list = json_object_get(values, "values");
	cr_assert(json_is_array(list) && json_array_size(list) >= 5);
	json_array_foreach(list, i, v) {
		const char *value = json_string_value(json_object_get(v, "value"));
		json_int_t count = json_integer_value(json_object_get(v, "count"));
		char *path = wp_ts_fmt("/api/tags/wetten/%s", value);
		json_t *one = get_json(path, 200), *p;
		size_t k;

		cr_assert(json_is_integer(json_object_get(v, "count")));
		cr_assert(last < 0 || count <= last, "not sorted by count");
		last = count;
		if (strcmp(value, "Wmo") == 0)
			seen_wmo = count;
		/* The count of the list is the total of the value's own answer. */
		cr_assert_str_eq(json_string_value(json_object_get(one, "field")), "wetten");
		cr_assert_str_eq(json_string_value(json_object_get(one, "value")), value);
		cr_assert_eq(json_integer_value(json_object_get(one, "total")), count, "%s", value);
		json_array_foreach(json_object_get(one, "pages"), k, p) {
			cr_assert(json_is_string(json_object_get(p, "path")));
			cr_assert(json_is_string(json_object_get(p, "title")));
			const char *type = json_string_value(json_object_get(p, "type"));

			/* Stories and system errors name laws. */
			cr_assert(type && (strcmp(type, "verhaal") == 0 ||
					   strcmp(type, "systeemfout") == 0),
				  "%s", type);
		}
		json_decref(one);
		free(path);
	}
	cr_assert_eq(seen_wmo, WMO_COUNT);
	json_decref(values);
}

Test(tags, values_page_lists_each_value_with_its_count_and_link)
{
	wp_ts_response *r = get("/tag/leefgebieden", 200);

	cr_assert(strstr(r->body, "<h1>Alle waarden van leefgebieden</h1>"), "%.2000s", r->body);
	cr_assert(strstr(r->body, "<a href=\"/tag/leefgebieden/financi%C3%ABn\">financiën</a> "
				  "<span class=\"count\">5</span>"),
		  "%.3000s", r->body);
	wp_ts_response_free(r);
	/* The tag page links back to it and to a search within the value. */
	r = get("/tag/wetten/Wmo", 200);
	cr_assert(strstr(r->body, "href=\"/tag/wetten\""));
	cr_assert(strstr(r->body, "href=\"/zoeken?wetten=Wmo\""));
	wp_ts_response_free(r);
}

Test(tags, search_from_a_tag_page_keeps_the_filter_in_the_form)
{
	wp_ts_response *r = get("/zoeken?wetten=Wmo", 200);
	json_t *j, *res;
	size_t i, k;

	/* The form carries the filter along with the next query. */
	cr_assert(strstr(r->body, "<input type=\"hidden\" name=\"wetten\" value=\"Wmo\">"),
		  "%.3000s", r->body);
	cr_assert(strstr(r->body, "Wetten: Wmo"));
	wp_ts_response_free(r);
	r = get("/zoeken?q=gemeente&wetten=Wmo", 200);
	cr_assert(strstr(r->body, "<input type=\"hidden\" name=\"wetten\" value=\"Wmo\">"));
	cr_assert_not(links_to(r->body, STORY), "a result without Wmo");
	wp_ts_response_free(r);
	j = get_json("/api/search?q=gemeente&wetten=Wmo", 200);
	cr_assert_gt(json_integer_value(json_object_get(j, "total")), 0);
	json_array_foreach(json_object_get(j, "results"), i, res) {
		const char *path = json_string_value(json_object_get(res, "path"));

		for (k = 0; k < WMO_COUNT && strcmp(path, wmo_pages[k]) != 0; k++)
			;
		cr_assert_lt(k, WMO_COUNT, "%s has no Wmo", path);
	}
	json_decref(j);
}

Test(tags, search_pages_and_facets_keep_the_type_filter_and_query)
{
	wp_ts_response *r;
	char *next, *prev, *path;
	json_t *j;
	int i;

	/* 22 stories and 3 dilemmas with a rare word: two pages of stories. */
	for (i = 0; i < 25; i++) {
		path = wp_ts_fmt(i < 22 ? "verhalen/it-quetzal-%02d" : "dilemmas/it-quetzal-%02d", i);
		r = wp_ts_api_put(srv, path,
				  "---\ntitel: Quetzal versus Ara\nwetten: [Wmo]\n---\n"
				  "De quetzalregeling.\n",
				  NULL, "quetzal");
		cr_assert_eq(r->status, 201, "%s: %.300s", path, r->body);
		wp_ts_response_free(r);
		free(path);
	}
	j = get_json("/api/search?q=quetzalregeling&type=verhaal", 200);
	cr_assert_eq(json_integer_value(json_object_get(j, "total")), 22);
	cr_assert_eq(json_integer_value(json_object_get(j, "per_page")), 20);
	json_decref(j);

	r = get("/zoeken?q=quetzalregeling&type=verhaal", 200);
	cr_assert_eq(wp_ts_count(r->body, "<p class=\"snippet\">"), 20);
	cr_assert_null(rel_link(r->body, "prev"));
	next = rel_link(r->body, "next");
	cr_assert_not_null(next, "no next link: %.3000s", r->body);
	cr_assert_str_eq(next, "/zoeken?q=quetzalregeling&type=verhaal&page=2");
	/* A facet link keeps the query and the type filter, and sets its own. */
	cr_assert(strstr(r->body, "href=\"/zoeken?q=quetzalregeling&amp;type=verhaal&amp;"
				  "wetten=Wmo\""),
		  "%.4000s", r->body);
	wp_ts_response_free(r);

	/* Page two holds the last two stories and no dilemma. */
	r = get(next, 200);
	cr_assert_eq(wp_ts_count(r->body, "<p class=\"snippet\">"), 2, "%.3000s", r->body);
	cr_assert_eq(wp_ts_count(r->body, "<span class=\"badge-type\">verhaal</span>"), 2);
	cr_assert_eq(wp_ts_count(r->body, "<span class=\"badge-type\">dilemma</span>"), 0);
	cr_assert_null(rel_link(r->body, "next"));
	prev = rel_link(r->body, "prev");
	cr_assert_str_eq(prev, "/zoeken?q=quetzalregeling&type=verhaal&page=1");
	/* The type facet keeps the query and leaves the page number behind. */
	cr_assert(strstr(r->body, "href=\"/zoeken?q=quetzalregeling&amp;type=verhaal\""),
		  "%.4000s", r->body);
	wp_ts_response_free(r);
	free(prev);
	free(next);
}
