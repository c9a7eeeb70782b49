/* Unit tests for server/render.c: GFM features, safe HTML, wikilinks
 * resolved at finish time, and the reference-counted, thread-safe cache. */
#include "error.h"
#include "render.h"
#include "texts.h"

#include <cmark-gfm-core-extensions.h>
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void setup(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

TestSuite(render, .init = setup);

/* The test's wiki: a list of existing page paths. A bare slug resolves
 * to the first page with that last segment. */
typedef struct {
	const char *const *pages;
	int calls;
	int fail;
} fake_wiki;

static int resolve(void *payload, const char *target, char *out, size_t n)
{
	fake_wiki *w = payload;
	size_t i;

	w->calls++;
	if (w->fail)
		return WP_ERROR;
	for (i = 0; w->pages[i]; i++) {
		const char *slash = strrchr(w->pages[i], '/');
		const char *slug = slash ? slash + 1 : w->pages[i];

		if (strcmp(w->pages[i], target) == 0 ||
		    (!strchr(target, '/') && strcmp(slug, target) == 0)) {
			snprintf(out, n, "%s", w->pages[i]);
			return 1;
		}
	}
	snprintf(out, n, "%s", target);
	return 0;
}

static const char *const pages[] = { "verhalen/moeder-van-drie", "dilemmas/regels-versus-maatwerk",
				      "start", NULL };

/* Renders md without cache and finishes it against the fake wiki; the
 * caller frees the result. */
static char *html_of(const char *md)
{
	fake_wiki w = { pages, 0, 0 };
	wp_buf b = WP_BUF_INIT;
	int rc = wp_render_preview(&b, md, strlen(md), resolve, &w);

	cr_assert_eq(rc, 0, "render failed: %s", wp_error_last());
	return wp_buf_detach(&b);
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + strlen(needle), needle))
		n++;
	return n;
}

/* The opening tag of a link to a page that does not exist yet. */
static char *new_link(const char *encoded_path)
{
	wp_buf b = WP_BUF_INIT;

	wp_buf_printf(&b, "<a class=\"wikilink nieuw\" href=\"/nieuw?pad=%s\" title=\"%h\">",
		      encoded_path, wp_t("render.new_page_hint"));
	return wp_buf_detach(&b);
}

Test(render, gfm_table_strikethrough_and_autolink_are_rendered)
{
	char *h = html_of("| rol | wet |\n|---|:--:|\n| wijkcoach | Wmo |\n\n"
			  "~~oud~~ en www.example.nl en https://example.org/x\n");

	cr_assert(strstr(h, "<table>"), "%s", h);
	cr_assert(strstr(h, "<th>rol</th>"), "%s", h);
	cr_assert(strstr(h, "<td align=\"center\">Wmo</td>"), "%s", h);
	cr_assert(strstr(h, "<del>oud</del>"), "%s", h);
	cr_assert(strstr(h, "<a href=\"http://www.example.nl\">www.example.nl</a>"), "%s", h);
	cr_assert(strstr(h, "<a href=\"https://example.org/x\">"), "%s", h);
	free(h);
}

Test(render, raw_html_is_omitted)
{
	char *h = html_of("<script>alert(1)</script>\n\n"
			  "tekst <img src=x onerror=alert(1)> en <b onclick=\"x()\">vet</b>\n\n"
			  "<div style=\"x\">blok</div>\n");

	cr_assert_null(strstr(h, "<script"), "%s", h);
	cr_assert_null(strstr(h, "<img"), "%s", h);
	cr_assert_null(strstr(h, "onerror"), "%s", h);
	cr_assert_null(strstr(h, "onclick"), "%s", h);
	cr_assert_null(strstr(h, "<div"), "%s", h);
	cr_assert_geq(count_of(h, "<!-- raw HTML omitted -->"), 4, "%s", h);
	free(h);
}

Test(render, dangerous_link_targets_are_dropped)
{
	char *h = html_of("[a](javascript:alert(1)) [b](JavaScript:alert(1)) "
			  "[c](vbscript:x) [d](data:text/html;base64,PHNjcmlwdD4=) "
			  "<javascript:alert(1)> ![e](javascript:alert(1))\n");

	/* the autolink's text may still read "javascript:...": it is only text */
	cr_assert_null(strstr(h, "=\"javascript:"), "%s", h);
	cr_assert_null(strstr(h, "=\"JavaScript:"), "%s", h);
	cr_assert_null(strstr(h, "vbscript:"), "%s", h);
	cr_assert_null(strstr(h, "data:"), "%s", h);
	cr_assert_eq(count_of(h, "<a href=\"\">"), 5, "%s", h);
	cr_assert(strstr(h, "<img src=\"\""), "%s", h);
	free(h);
}

Test(render, filtered_tags_never_reach_the_output)
{
	char *h = html_of("<textarea>x</textarea>\n\n<title>t</title> <iframe src=x></iframe> "
			  "<style>p{}</style> <xmp>x</xmp> <noembed> <plaintext>\n");

	cr_assert_null(strstr(h, "<textarea"), "%s", h);
	cr_assert_null(strstr(h, "<title"), "%s", h);
	cr_assert_null(strstr(h, "<iframe"), "%s", h);
	cr_assert_null(strstr(h, "<style"), "%s", h);
	cr_assert_null(strstr(h, "<xmp"), "%s", h);
	cr_assert_null(strstr(h, "<noembed"), "%s", h);
	cr_assert_null(strstr(h, "<plaintext"), "%s", h);
	free(h);
}

Test(render, wikilinks_to_existing_pages_link_to_their_path)
{
	char *h = html_of("Zie [[moeder-van-drie]], [[dilemmas/regels-versus-maatwerk]] en "
			  "[[ verhalen/moeder-van-drie | het verhaal ]].\n");

	cr_assert(strstr(h, "<a class=\"wikilink\" href=\"/verhalen/moeder-van-drie\">"
			    "moeder-van-drie</a>"),
		  "%s", h);
	cr_assert(strstr(h, "<a class=\"wikilink\" href=\"/dilemmas/regels-versus-maatwerk\">"
			    "dilemmas/regels-versus-maatwerk</a>"),
		  "%s", h);
	cr_assert(strstr(h, "<a class=\"wikilink\" href=\"/verhalen/moeder-van-drie\">"
			    "het verhaal</a>"),
		  "%s", h);
	cr_assert_null(strstr(h, "wikilink:"), "%s", h);
	free(h);
}

Test(render, wikilinks_to_missing_pages_offer_to_create_them)
{
	char *h = html_of("[[nog-niet]] en [[olifantenpaden/omweg|de omweg]]\n");
	char *a = new_link("nog-niet"), *b = new_link("olifantenpaden/omweg");
	wp_buf want = WP_BUF_INIT;

	wp_buf_printf(&want, "%snog-niet</a>", a);
	cr_assert(strstr(h, wp_buf_cstr(&want)), "%s", h);
	wp_buf_clear(&want);
	wp_buf_printf(&want, "%sde omweg</a>", b);
	cr_assert(strstr(h, wp_buf_cstr(&want)), "%s", h);
	wp_buf_dispose(&want);
	free(a);
	free(b);
	free(h);
}

static int odd_resolver(void *payload, const char *target, char *out, size_t n)
{
	(void)payload;
	(void)target;
	snprintf(out, n, "a b\"><script>/ü");
	return 1;
}

Test(render, resolved_path_is_percent_encoded_in_the_href)
{
	wp_buf b = WP_BUF_INIT;

	cr_assert_eq(wp_render_preview(&b, "[[x]]", 5, odd_resolver, NULL), 0);
	cr_assert(strstr(wp_buf_cstr(&b), "href=\"/a%20b%22%3E%3Cscript%3E/%C3%BC\">x</a>"), "%s",
		  wp_buf_cstr(&b));
	wp_buf_dispose(&b);
}

Test(render, wikilinks_are_found_in_headings_emphasis_lists_and_tables)
{
	char *h = html_of("# Over [[start]]\n\n*zie [[start|hier]]*\n\n- [[start]]\n\n"
			  "| kolom |\n|---|\n| [[start\\|in tabel]] |\n");

	cr_assert_eq(count_of(h, "<a class=\"wikilink\" href=\"/start\">"), 4, "%s", h);
	cr_assert(strstr(h, "<h1>Over <a class=\"wikilink\""), "%s", h);
	cr_assert(strstr(h, "<em>zie <a class=\"wikilink\" href=\"/start\">hier</a></em>"), "%s", h);
	cr_assert(strstr(h, "<td><a class=\"wikilink\" href=\"/start\">in tabel</a></td>"), "%s", h);
	free(h);
}

Test(render, link_targets_are_kept_trimmed_in_order)
{
	const char *md = "[[ b ]] [[a|x]] [[verhalen/c | y]] `[[code]]`";
	wp_rendered *p;
	wp_render *r;

	cr_assert_eq(wp_render_new(&r, 0, 0), 0);
	cr_assert_eq(wp_render_markdown(&p, r, NULL, md, strlen(md)), 0);
	wp_render_free(r);
	cr_assert_eq(wp_rendered_link_count(p), 3);
	cr_assert_str_eq(wp_rendered_link(p, 0), "b");
	cr_assert_str_eq(wp_rendered_link(p, 1), "a");
	cr_assert_str_eq(wp_rendered_link(p, 2), "verhalen/c");
	cr_assert_null(wp_rendered_link(p, 3));
	wp_rendered_release(p);
}

Test(render, wikilinks_in_code_stay_as_written)
{
	char *h = html_of("Inline `[[start]]` code.\n\n```\n[[start]]\n```\n\n    [[start]]\n");

	cr_assert_null(strstr(h, "class=\"wikilink"), "%s", h);
	cr_assert(strstr(h, "<code>[[start]]</code>"), "%s", h);
	cr_assert_eq(count_of(h, "[[start]]"), 3, "%s", h);
	free(h);
}

Test(render, a_forged_placeholder_link_is_not_a_wikilink)
{
	char *h = html_of("[[start]] [nep](wikilink:0) [nep2](WIKILINK:0) <wikilink:0> [ref][r] "
			  "[x](<wikilink:0> \"titel\")\n\n[r]: wikilink:0\n");

	cr_assert_eq(count_of(h, "class=\"wikilink"), 1, "%s", h);
	cr_assert(strstr(h, "<a href=\"\">nep</a>"), "%s", h);
	cr_assert(strstr(h, "<a href=\"\">nep2</a>"), "%s", h);
	cr_assert(strstr(h, "<a href=\"\">ref</a>"), "%s", h);
	cr_assert_null(strstr(h, "href=\"wikilink:"), "%s", h);
	cr_assert_null(strstr(h, "href=\"WIKILINK:"), "%s", h);
	free(h);
}

Test(render, placeholder_text_in_the_page_stays_text)
{
	char *h = html_of("Tekst <a href=\"wikilink:0\">x</a> en `<a href=\"wikilink:0\">` "
			  "en [[start]]\n");

	cr_assert_eq(count_of(h, "class=\"wikilink"), 1, "%s", h);
	cr_assert(strstr(h, "<code>&lt;a href=&quot;wikilink:0&quot;&gt;</code>"), "%s", h);
	free(h);
}

Test(render, label_is_html_escaped)
{
	char *h = html_of("[[start|<b>]] en [[start|a & \"b\" 'c']]\n");

	cr_assert(strstr(h, "href=\"/start\">&lt;b&gt;</a>"), "%s", h);
	cr_assert(strstr(h, "href=\"/start\">a &amp; &quot;b&quot; 'c'</a>"), "%s", h);
	cr_assert_null(strstr(h, "<b>"), "%s", h);
	free(h);
}

Test(render, html_next_to_a_wikilink_is_still_omitted)
{
	char *h = html_of("<b>[[start]]</b> <a title=\"[[start]]\">x</a>\n");

	cr_assert_eq(count_of(h, "class=\"wikilink"), 1, "%s", h);
	cr_assert_eq(count_of(h, "<!-- raw HTML omitted -->"), 4, "%s", h);
	cr_assert_null(strstr(h, "<b>"), "%s", h);
	free(h);
}

Test(render, text_between_links_and_html_keeps_its_order)
{
	char *h = html_of("a [[start]] b <i>[[start|q <b> r]]</i> c [[start]] d\n");

	cr_assert(strstr(h, "<p>a <a class=\"wikilink\" href=\"/start\">start</a> b "
			    "<!-- raw HTML omitted --><a class=\"wikilink\" href=\"/start\">"
			    "q &lt;b&gt; r</a><!-- raw HTML omitted --> c "
			    "<a class=\"wikilink\" href=\"/start\">start</a> d</p>"),
		  "%s", h);
	free(h);
}

Test(render, malformed_wikilinks_stay_text)
{
	char target[202], md[260];
	char *h;

	h = html_of("[[]] [[ ]] [[|x]] [[a\nb]] ]] [[ [[open\n");
	cr_assert_null(strstr(h, "class=\"wikilink"), "%s", h);
	cr_assert(strstr(h, "[[]] [[ ]] [[|x]] [[a\nb]] ]] [[ [[open"), "%s", h);
	free(h);

	memset(target, 'a', 201);
	target[201] = '\0';
	snprintf(md, sizeof(md), "[[%s]]", target);
	h = html_of(md);
	cr_assert_null(strstr(h, "class=\"wikilink"), "%s", h);
	free(h);
	target[200] = '\0';
	snprintf(md, sizeof(md), "[[%s]]", target);
	h = html_of(md);
	cr_assert_eq(count_of(h, "class=\"wikilink"), 1, "%s", h);
	free(h);
}

Test(render, innermost_brackets_make_the_link)
{
	char *h = html_of("[[[start]]] en [[a [[start]]\n");

	cr_assert(strstr(h, "[<a class=\"wikilink\" href=\"/start\">start</a>]"), "%s", h);
	cr_assert(strstr(h, "[[a <a class=\"wikilink\" href=\"/start\">start</a>"), "%s", h);
	free(h);
}

Test(render, invalid_utf8_is_replaced)
{
	char *h = html_of("caf\xC3 en \xFF\n");

	cr_assert(strstr(h, "\xEF\xBF\xBD"), "%s", h);
	cr_assert_null(strstr(h, "\xFF"), "%s", h);
	free(h);
}

Test(render, cached_page_resolves_links_for_the_current_wiki)
{
	static const char *const before[] = { NULL };
	fake_wiki empty = { before, 0, 0 }, full = { pages, 0, 0 };
	wp_buf b1 = WP_BUF_INIT, b2 = WP_BUF_INIT;
	wp_render *r;
	wp_rendered *p, *q;

	cr_assert_eq(wp_render_new(&r, 4, 0), 0);
	cr_assert_eq(wp_render_markdown(&p, r, "blob1", "[[start]]", 9), 0);
	cr_assert_eq(wp_render_finish(&b1, p, resolve, &empty), 0);
	cr_assert_eq(wp_render_markdown(&q, r, "blob1", "[[start]]", 9), 0);
	cr_assert_eq(wp_render_finish(&b2, q, resolve, &full), 0);
	cr_assert(strstr(wp_buf_cstr(&b1), "class=\"wikilink nieuw\""), "%s", wp_buf_cstr(&b1));
	cr_assert(strstr(wp_buf_cstr(&b2), "<a class=\"wikilink\" href=\"/start\">"), "%s",
		  wp_buf_cstr(&b2));
	cr_assert_eq(empty.calls, 1);
	cr_assert_eq(full.calls, 1);
	wp_rendered_release(p);
	wp_rendered_release(q);
	wp_render_free(r);
	wp_buf_dispose(&b1);
	wp_buf_dispose(&b2);
}

Test(render, cache_hit_returns_the_same_page_without_parsing)
{
	wp_render *r;
	wp_rendered *a, *b, *c;
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(wp_render_new(&r, 8, 0), 0);
	cr_assert_eq(wp_render_markdown(&a, r, "aaaa", "*een*", 5), 0);
	/* same blob id: the cached page, even though the text differs */
	cr_assert_eq(wp_render_markdown(&b, r, "aaaa", "*twee*", 6), 0);
	cr_assert_eq(a, b);
	cr_assert_eq(wp_render_finish(&out, b, NULL, NULL), 0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<p><em>een</em></p>\n");
	/* another blob id renders anew */
	cr_assert_eq(wp_render_markdown(&c, r, "bbbb", "*twee*", 6), 0);
	cr_assert_neq(a, c);
	wp_buf_clear(&out);
	cr_assert_eq(wp_render_finish(&out, c, NULL, NULL), 0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<p><em>twee</em></p>\n");
	wp_rendered_release(a);
	wp_rendered_release(b);
	wp_rendered_release(c);
	wp_render_free(r);
	wp_buf_dispose(&out);
}

Test(render, without_blob_id_or_cache_nothing_is_shared)
{
	wp_render *r, *none;
	wp_rendered *a, *b, *c, *d;

	cr_assert_eq(wp_render_new(&r, 8, 0), 0);
	cr_assert_eq(wp_render_markdown(&a, r, NULL, "x", 1), 0);
	cr_assert_eq(wp_render_markdown(&b, r, NULL, "x", 1), 0);
	cr_assert_neq(a, b);
	cr_assert_eq(wp_render_new(&none, 0, 0), 0);
	cr_assert_eq(wp_render_markdown(&c, none, "blob", "x", 1), 0);
	cr_assert_eq(wp_render_markdown(&d, none, "blob", "x", 1), 0);
	cr_assert_neq(c, d);
	wp_rendered_release(a);
	wp_rendered_release(b);
	wp_rendered_release(c);
	wp_rendered_release(d);
	wp_render_free(r);
	wp_render_free(none);
}

Test(render, least_recently_used_page_is_evicted)
{
	wp_render *r;
	wp_rendered *a, *b, *c, *a2, *b2, *c2;

	cr_assert_eq(wp_render_new(&r, 2, 0), 0);
	cr_assert_eq(wp_render_markdown(&a, r, "a", "A", 1), 0);
	cr_assert_eq(wp_render_markdown(&b, r, "b", "B", 1), 0);
	cr_assert_eq(wp_render_markdown(&a2, r, "a", "A", 1), 0); /* a is now newest */
	cr_assert_eq(a, a2);
	cr_assert_eq(wp_render_markdown(&c, r, "c", "C", 1), 0); /* evicts b */
	cr_assert_eq(wp_render_markdown(&c2, r, "c", "C", 1), 0);
	cr_assert_eq(c, c2);
	wp_rendered_release(a2);
	cr_assert_eq(wp_render_markdown(&a2, r, "a", "A", 1), 0);
	cr_assert_eq(a, a2);
	/* b was evicted: rendered anew; the old b is still usable here */
	cr_assert_eq(wp_render_markdown(&b2, r, "b", "B", 1), 0);
	cr_assert_neq(b, b2);
	{
		wp_buf out = WP_BUF_INIT;

		cr_assert_eq(wp_render_finish(&out, b, NULL, NULL), 0);
		cr_assert_str_eq(wp_buf_cstr(&out), "<p>B</p>\n");
		wp_buf_dispose(&out);
	}
	wp_rendered_release(a);
	wp_rendered_release(a2);
	wp_rendered_release(b);
	wp_rendered_release(b2);
	wp_rendered_release(c);
	wp_rendered_release(c2);
	wp_render_free(r);
}

Test(render, page_outlives_the_renderer_while_referenced)
{
	wp_render *r;
	wp_rendered *p;
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(wp_render_new(&r, 2, 0), 0);
	cr_assert_eq(wp_render_markdown(&p, r, "x", "**x**", 5), 0);
	wp_render_free(r);
	cr_assert_eq(wp_render_finish(&out, p, NULL, NULL), 0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<p><strong>x</strong></p>\n");
	wp_rendered_release(p);
	wp_buf_dispose(&out);
	wp_render_free(NULL);
	wp_rendered_release(NULL);
}

typedef struct {
	wp_render *r;
	int seed;
	int failures;
} worker_arg;

static void *worker(void *arg)
{
	worker_arg *a = arg;
	fake_wiki w = { pages, 0, 0 };
	int i;

	for (i = 0; i < 300; i++) {
		int k = (i * 7 + a->seed) % 6;
		char blob[16], md[64], want[64];
		wp_rendered *p;
		wp_buf out = WP_BUF_INIT;

		snprintf(blob, sizeof(blob), "blob%d", k);
		snprintf(md, sizeof(md), "pagina %d en [[start]]", k);
		snprintf(want, sizeof(want), "<p>pagina %d en <a class=\"wikilink\"", k);
		if (wp_render_markdown(&p, a->r, blob, md, strlen(md)) < 0) {
			a->failures++;
			continue;
		}
		if (wp_render_finish(&out, p, resolve, &w) < 0 ||
		    strncmp(wp_buf_cstr(&out), want, strlen(want)) != 0)
			a->failures++;
		wp_rendered_release(p);
		wp_buf_dispose(&out);
	}
	return NULL;
}

Test(render, threads_share_the_cache_safely)
{
	pthread_t t[4];
	worker_arg args[4];
	wp_render *r;
	int i;

	/* fewer entries than blobs: pages are evicted while others use them */
	cr_assert_eq(wp_render_new(&r, 3, 0), 0);
	for (i = 0; i < 4; i++) {
		args[i] = (worker_arg){ r, i, 0 };
		cr_assert_eq(pthread_create(&t[i], NULL, worker, &args[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		cr_assert_eq(args[i].failures, 0, "thread %d", i);
	}
	wp_render_free(r);
}

Test(render, preview_is_finished_html)
{
	wp_buf b = WP_BUF_INIT;
	fake_wiki w = { pages, 0, 0 };
	const char *md = "# Titel\n\n[[start]] en [[nieuw-verhaal]]\n";
	char *n = new_link("nieuw-verhaal");

	cr_assert_eq(wp_render_preview(&b, md, strlen(md), resolve, &w), 0);
	cr_assert(strstr(wp_buf_cstr(&b), "<h1>Titel</h1>\n<p><a class=\"wikilink\" href=\"/start\">"
					  "start</a> en ") == wp_buf_cstr(&b),
		  "%s", wp_buf_cstr(&b));
	cr_assert(strstr(wp_buf_cstr(&b), n), "%s", wp_buf_cstr(&b));
	cr_assert_eq(w.calls, 2);
	free(n);
	wp_buf_dispose(&b);
}

Test(render, resolver_error_stops_finish)
{
	wp_buf b = WP_BUF_INIT;
	fake_wiki w = { pages, 0, 1 };

	cr_assert_eq(wp_render_preview(&b, "[[start]]", 9, resolve, &w), WP_ERROR);
	wp_buf_dispose(&b);
}

Test(render, finish_respects_the_buffer_cap)
{
	wp_buf b = WP_BUF_INIT;

	b.max = 10;
	cr_assert_eq(wp_render_preview(&b, "een lange alinea tekst", 22, NULL, NULL), WP_ETOOBIG);
	wp_buf_dispose(&b);
}

Test(render, without_resolver_links_offer_a_new_page)
{
	wp_buf b = WP_BUF_INIT;
	char *n = new_link("verhalen/x");

	cr_assert_eq(wp_render_preview(&b, "[[verhalen/x]]", 14, NULL, NULL), 0);
	cr_assert(strstr(wp_buf_cstr(&b), n), "%s", wp_buf_cstr(&b));
	free(n);
	wp_buf_dispose(&b);
}

/* text with n copies of unit after head, and tail. Caller frees. */
static char *repeated(const char *head, const char *unit, size_t n, const char *tail)
{
	wp_buf b = WP_BUF_INIT;
	size_t i;

	wp_buf_puts(&b, head);
	for (i = 0; i < n; i++)
		wp_buf_puts(&b, unit);
	wp_buf_puts(&b, tail);
	return wp_buf_detach(&b);
}

Test(render, a_table_row_may_have_as_many_bars_as_the_bound)
{
	char *ok = repeated("a|b\n-|-\n", "|", WP_MD_LINE_PIPES_MAX, "\n");
	char *over = repeated("a|b\n-|-\n", "|", WP_MD_LINE_PIPES_MAX + 1, "\n");

	cr_expect_eq(wp_render_check(ok, strlen(ok)), 0);
	cr_expect_eq(wp_render_check(over, strlen(over)), WP_EINVALID);
	cr_expect(strstr(wp_error_last(), "Regel 3 ") != NULL, "the line is named: %s",
		  wp_error_last());
	free(over);
	free(ok);
}

Test(render, image_openers_are_counted_per_block)
{
	char *ok = repeated("", "![a](b) ", WP_MD_BLOCK_IMAGES_MAX, "\n");
	char *over = repeated("Eerst tekst.\n\nDan:\n", "![a](b)\n", WP_MD_BLOCK_IMAGES_MAX + 1, "");
	char *split = repeated("", "![a](b)\n \t\n", 3 * WP_MD_BLOCK_IMAGES_MAX, "");

	cr_expect_eq(wp_render_check(ok, strlen(ok)), 0);
	cr_expect_eq(wp_render_check(over, strlen(over)), WP_EINVALID);
	cr_expect(strstr(wp_error_last(), "regel 3 ") != NULL, "the block's first line: %s",
		  wp_error_last());
	cr_expect_eq(wp_render_check(split, strlen(split)), 0,
		     "a line of blanks ends a block: %s", wp_error_last());
	free(split);
	split = repeated("", "![a](b)\r\n\r\n![a](b)\r\r", 2 * WP_MD_BLOCK_IMAGES_MAX, "");
	cr_expect_eq(wp_render_check(split, strlen(split)), 0,
		     "also with \\r\\n or \\r line endings: %s", wp_error_last());
	free(split);
	free(over);
	free(ok);
}

Test(render, a_page_beyond_the_bounds_is_shown_as_its_text)
{
	char *md = repeated("<b>vet</b> [[start]]\n", "![x](y)", WP_MD_BLOCK_IMAGES_MAX + 1, "\n");
	char *html = html_of(md);

	cr_expect(strstr(html, wp_t("render.too_complex")) != NULL, "the notice: %s", html);
	cr_expect(strstr(html, "&lt;b&gt;vet&lt;/b&gt; [[start]]") != NULL, "escaped, no links");
	cr_expect_eq(count_of(html, "<img"), 0);
	cr_expect_eq(count_of(html, "![x](y)"), WP_MD_BLOCK_IMAGES_MAX + 1);
	free(html);
	free(md);
}

Test(render, the_cache_keeps_no_more_html_than_its_bytes)
{
	char *big = repeated("", "> ", 2000, "diep\n"); /* 2,000 quotes: 54 KB of HTML */
	wp_render *r;
	wp_rendered *a, *b, *again;

	cr_assert_eq(wp_render_new(&r, 100, 64 * 1024), 0);
	cr_assert_eq(wp_render_markdown(&a, r, "groot1", big, strlen(big)), 0);
	cr_assert_eq(wp_render_markdown(&again, r, "groot1", big, strlen(big)), 0);
	cr_expect_eq(again, a, "one big page fits");
	wp_rendered_release(again);
	cr_assert_eq(wp_render_markdown(&b, r, "groot2", big, strlen(big)), 0);
	cr_assert_eq(wp_render_markdown(&again, r, "groot1", big, strlen(big)), 0);
	cr_expect_neq(again, a, "the first page made room for the second (100 entries would fit)");
	wp_rendered_release(again);
	wp_rendered_release(b);
	wp_rendered_release(a);
	wp_render_free(r);
	free(big);
}
