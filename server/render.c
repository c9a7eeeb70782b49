/* render.c - Markdown to safe HTML (cmark-gfm), wikilinks, and a cache of
 * rendered pages keyed by blob id.
 *
 * Safety comes from cmark-gfm itself: no CMARK_OPT_UNSAFE, so raw HTML
 * becomes a comment and javascript:/vbscript:/file:/data: links lose their
 * target; tagfilter is attached as a second line of defence.
 *
 * Wikilinks are found in the syntax tree, not in the source, so "[[x]]" in
 * code stays code. Each becomes an ordinary cmark link to the placeholder
 * "wikilink:N"; wp_render_finish() swaps those for real links at request
 * time, because whether a target exists changes after the page was cached.
 * A placeholder can only come from this file: before the wikilinks are
 * added, every link the author wrote whose target starts with "wikilink:"
 * loses its target (it renders as href=""), and raw HTML never reaches the
 * output. */
#include "render.h"

#include "lru.h"

#include "error.h"
#include "texts.h"

#include <assert.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PLACEHOLDER "wikilink:"
#define PLACEHOLDER_HREF "<a href=\"" PLACEHOLDER
#define TARGET_MAX 200 /* bytes in a wikilink target */
#define RESOLVED_MAX 512

struct wp_rendered {
	atomic_size_t refs;
	char *html; /* from cmark's allocator */
	size_t html_len;
	char **links; /* targets as written, trimmed */
	size_t nlinks;
};

/* ---- the rendered page ------------------------------------------------ */

static void page_free(wp_rendered *p)
{
	size_t i;

	if (!p)
		return;
	if (p->html)
		cmark_get_default_mem_allocator()->free(p->html);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	free(p);
}

void wp_rendered_release(wp_rendered *p)
{
	if (p && atomic_fetch_sub(&p->refs, 1) == 1)
		page_free(p);
}

static wp_rendered *retain(wp_rendered *p)
{
	atomic_fetch_add(&p->refs, 1);
	return p;
}

size_t wp_rendered_link_count(const wp_rendered *p)
{
	return p->nlinks;
}

const char *wp_rendered_link(const wp_rendered *p, size_t i)
{
	return i < p->nlinks ? p->links[i] : NULL;
}

/* ---- wikilinks in the syntax tree ------------------------------------- */

/* A growable array of pointers (nodes to visit, link targets). */
typedef struct {
	void **v;
	size_t n, cap;
} ptr_list;

static int list_push(ptr_list *l, void *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return WP_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = p;
	return 0;
}

/* One run of adjacent TEXT and HTML_INLINE siblings, concatenated. A
 * wikilink's brackets must lie in TEXT; its inside may cross inline HTML,
 * which then becomes part of the (escaped) label. */
typedef struct {
	cmark_node **nodes;
	size_t *off; /* start of each node's literal in text */
	size_t count;
	wp_buf text;
} run;

typedef struct {
	size_t start, end; /* "[[" .. after "]]" in the run's text */
	size_t target, target_len, label, label_len;
} wikilink;

static int is_run_node(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	return t == CMARK_NODE_TEXT || t == CMARK_NODE_HTML_INLINE;
}

/* Non-zero when byte pos of the run's text lies in a TEXT node. A binary
 * search: a run may alternate thousands of text and HTML nodes. */
static int in_text(const run *r, size_t pos)
{
	size_t lo = 0, hi = r->count; /* the node is the last with off <= pos */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->off[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return cmark_node_get_type(r->nodes[lo]) == CMARK_NODE_TEXT;
}

static void trim(const char *s, size_t *start, size_t *len)
{
	while (*len > 0 && (s[*start] == ' ' || s[*start] == '\t')) {
		(*start)++;
		(*len)--;
	}
	while (*len > 0 && (s[*start + *len - 1] == ' ' || s[*start + *len - 1] == '\t'))
		(*len)--;
}

/* Splits the inside of "[[...]]" (from open+2 to close) into target and
 * label; returns 0 when it is not a usable wikilink. */
static int split_inner(wikilink *w, const char *s, size_t open, size_t close)
{
	const char *bar = memchr(s + open + 2, '|', close - open - 2);

	w->start = open;
	w->end = close + 2;
	w->target = open + 2;
	w->target_len = (bar ? (size_t)(bar - s) : close) - w->target;
	trim(s, &w->target, &w->target_len);
	if (w->target_len == 0 || w->target_len > TARGET_MAX)
		return 0;
	w->label = w->target;
	w->label_len = w->target_len;
	if (bar) {
		size_t label = (size_t)(bar - s) + 1, label_len = close - label;

		trim(s, &label, &label_len);
		if (label_len > 0) {
			w->label = label;
			w->label_len = label_len;
		}
	}
	return 1;
}

/* Finds the next wikilink at or after from in one pass: the innermost
 * "[[" before a "]]", nothing in between crossing a line. Linear, so a page
 * full of brackets cannot make it slow. */
static int next_wikilink(wikilink *w, const run *r, size_t from)
{
	const char *s = r->text.ptr;
	size_t i, len = r->text.len, open = SIZE_MAX;

	for (i = from; i + 1 < len; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			open = SIZE_MAX;
		} else if (s[i] == '[' && s[i + 1] == '[' && in_text(r, i) && in_text(r, i + 1)) {
			open = i;
		} else if (s[i] == ']' && s[i + 1] == ']' && open != SIZE_MAX && i >= open + 2 &&
			   in_text(r, i) && in_text(r, i + 1)) {
			if (split_inner(w, s, open, i))
				return 1;
			open = SIZE_MAX;
		}
	}
	return 0;
}

/* cmark_node_free() does not accept NULL. */
static void free_node(cmark_node *n)
{
	if (n)
		cmark_node_free(n);
}

/* Inserts a new node of type t with literal s[0..len) before anchor. */
static int insert_literal(cmark_node *anchor, cmark_node_type t, const char *s, size_t len)
{
	cmark_node *n = cmark_node_new(t);
	char *lit = strndup(s, len);
	int ok = n && lit && cmark_node_set_literal(n, lit) &&
		 cmark_node_insert_before(anchor, n);

	free(lit);
	if (!ok) {
		free_node(n);
		return WP_ERROR;
	}
	return 0;
}

/* Re-creates the run's text between a and b with the original node types
 * (inline HTML outside wikilinks stays inline HTML, to be omitted). *k is
 * the first node that may overlap [a, b); gaps come in order, so each
 * node is looked at about once per gap it touches. */
static int insert_pieces(const run *r, size_t *k, size_t a, size_t b)
{
	int rc = 0;

	for (; *k < r->count && rc == 0; (*k)++) {
		size_t start = r->off[*k];
		size_t end = *k + 1 < r->count ? r->off[*k + 1] : r->text.len;
		size_t lo = start > a ? start : a, hi = end < b ? end : b;

		if (start >= b)
			break;
		if (lo < hi)
			rc = insert_literal(r->nodes[0], cmark_node_get_type(r->nodes[*k]),
					    r->text.ptr + lo, hi - lo);
		if (end > b)
			break; /* the node goes on after this gap */
	}
	return rc;
}

static int insert_link(const run *r, const wikilink *w, ptr_list *targets)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
	cmark_node *label = cmark_node_new(CMARK_NODE_TEXT);
	char *target = strndup(r->text.ptr + w->target, w->target_len);
	char *text = strndup(r->text.ptr + w->label, w->label_len);
	char url[sizeof(PLACEHOLDER) + 24];
	int rc = WP_ERROR;

	snprintf(url, sizeof(url), PLACEHOLDER "%zu", targets->n);
	if (link && label && target && text && cmark_node_set_url(link, url) &&
	    cmark_node_set_literal(label, text) && cmark_node_append_child(link, label)) {
		label = NULL; /* owned by link now */
		if (cmark_node_insert_before(r->nodes[0], link)) {
			link = NULL;
			rc = list_push(targets, target);
			if (rc == 0)
				target = NULL;
		}
	}
	free(target);
	free(text);
	free_node(label);
	free_node(link);
	return rc;
}

/* Replaces the run's nodes by text, inline HTML and wikilink nodes. */
static int rewrite_run(run *r, ptr_list *targets)
{
	wikilink w;
	size_t pos = 0, k, cursor = 0;
	int rc = 0, found = 0;

	while (rc == 0 && next_wikilink(&w, r, pos)) {
		found = 1;
		rc = insert_pieces(r, &cursor, pos, w.start);
		if (rc == 0)
			rc = insert_link(r, &w, targets);
		pos = w.end;
	}
	if (rc == 0 && found)
		rc = insert_pieces(r, &cursor, pos, r->text.len);
	if (rc == 0 && found)
		for (k = 0; k < r->count; k++)
			cmark_node_free(r->nodes[k]);
	return rc;
}

/* Handles the run starting at first with count nodes. */
static int do_run(cmark_node *first, size_t count, ptr_list *targets)
{
	run r = { NULL, NULL, count, WP_BUF_INIT };
	cmark_node *n = first;
	size_t k;
	int rc = 0;

	r.nodes = calloc(count, sizeof(*r.nodes));
	r.off = calloc(count, sizeof(*r.off));
	if (!r.nodes || !r.off)
		rc = WP_ENOMEM;
	for (k = 0; k < count && rc == 0; k++, n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);

		r.nodes[k] = n;
		r.off[k] = r.text.len;
		rc = wp_buf_puts(&r.text, lit ? lit : "");
	}
	if (rc == 0 && r.text.ptr && strstr(r.text.ptr, "[["))
		rc = rewrite_run(&r, targets);
	wp_buf_dispose(&r.text);
	free(r.nodes);
	free(r.off);
	return rc;
}

/* Finds wikilinks among the children of parent. */
static int do_children(cmark_node *parent, ptr_list *targets)
{
	cmark_node *n = cmark_node_first_child(parent), *first, *after;
	size_t count;
	int rc = 0;

	while (n && rc == 0) {
		if (!is_run_node(n)) {
			n = cmark_node_next(n);
			continue;
		}
		first = n;
		for (count = 0; n && is_run_node(n); count++)
			n = cmark_node_next(n);
		after = n; /* survives: only the run's nodes are replaced */
		rc = do_run(first, count, targets);
		n = after;
	}
	return rc;
}

static int has_link_start(cmark_node *parent)
{
	cmark_node *n;

	for (n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		const char *lit;

		if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
			continue;
		lit = cmark_node_get_literal(n);
		if (lit && strstr(lit, "[["))
			return 1;
	}
	return 0;
}

/* One walk over the tree: links the author wrote to "wikilink:..." lose
 * their target (so nobody can forge a placeholder), and every node
 * outside links and images whose text may hold a wikilink is collected.
 * The tree is changed only after the walk, as cmark's iterator requires. */
static int collect(ptr_list *parents, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int in_link = 0, rc = 0;

	if (!it)
		return WP_ENOMEM;
	for (ev = cmark_iter_next(it); rc == 0 && ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it)) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int is_link = t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE;

		if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_LINK) {
			const char *url = cmark_node_get_url(n);

			if (url && strncasecmp(url, PLACEHOLDER, strlen(PLACEHOLDER)) == 0)
				cmark_node_set_url(n, "");
		}
		if (ev == CMARK_EVENT_ENTER && is_link)
			in_link++;
		if (ev != CMARK_EVENT_EXIT)
			continue;
		if (is_link)
			in_link--;
		else if (in_link == 0 && has_link_start(n))
			rc = list_push(parents, n);
	}
	cmark_iter_free(it);
	return rc;
}

static int add_wikilinks(ptr_list *targets, cmark_node *root)
{
	ptr_list parents = { NULL, 0, 0 };
	size_t i;
	int rc;

	cmark_consolidate_text_nodes(root);
	rc = collect(&parents, root);
	for (i = 0; i < parents.n && rc == 0; i++)
		rc = do_children(parents.v[i], targets);
	free(parents.v);
	return rc;
}

/* ---- rendering -------------------------------------------------------- */

static int attach_extensions(cmark_parser *parser)
{
	static const char *const names[] = { "table", "strikethrough", "autolink", "tagfilter" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);

		/* missing when main() did not register the core extensions */
		if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
			wp_error_set(wp_t("render.no_extension"), names[i]);
			return WP_ERROR;
		}
	}
	return 0;
}

int wp_render_check(const char *md, size_t len)
{
	size_t i, line = 1, block_line = 1, pipes = 0, images = 0;
	int blank = 1; /* the current line holds only spaces and tabs so far */

	for (i = 0; md && i < len; i++) {
		char c = md[i];

		if (c == '\r' && i + 1 < len && md[i + 1] == '\n')
			continue;
		if (c == '\n' || c == '\r') { /* CommonMark's line endings: \n, \r\n, \r */
			if (blank) { /* a blank line ends the block */
				images = 0;
				block_line = line + 1;
			}
			line++;
			pipes = 0;
			blank = 1;
			continue;
		}
		if (c != ' ' && c != '\t')
			blank = 0;
		if (c == '|' && ++pipes > WP_MD_LINE_PIPES_MAX) {
			wp_error_set(wp_t("render.too_many_columns"), line, WP_MD_LINE_PIPES_MAX);
			return WP_EINVALID;
		}
		if (c == '!' && i + 1 < len && md[i + 1] == '[' &&
		    ++images > WP_MD_BLOCK_IMAGES_MAX) {
			wp_error_set(wp_t("render.too_many_images"), block_line,
				     WP_MD_BLOCK_IMAGES_MAX);
			return WP_EINVALID;
		}
	}
	return 0;
}

/* A page beyond wp_render_check()'s bounds: the notice and the escaped
 * source, which costs linear time. */
static int render_plain(wp_rendered **out, const char *md, size_t len)
{
	const char *notice = wp_t("render.too_complex"), *why = wp_error_last();
	wp_buf html = WP_BUF_INIT;
	wp_rendered *p;
	int rc;

	rc = wp_buf_puts(&html, "<div class=\"te-complex\"><p>");
	if (rc == 0)
		rc = wp_buf_put_html(&html, notice, strlen(notice));
	if (rc == 0)
		rc = wp_buf_puts(&html, " ");
	if (rc == 0)
		rc = wp_buf_put_html(&html, why, strlen(why));
	if (rc == 0)
		rc = wp_buf_puts(&html, "</p><pre>");
	if (rc == 0)
		rc = wp_buf_put_html(&html, md ? md : "", md ? len : 0);
	if (rc == 0)
		rc = wp_buf_puts(&html, "</pre></div>\n");
	p = rc == 0 ? calloc(1, sizeof(*p)) : NULL;
	if (!p) {
		wp_buf_dispose(&html);
		return WP_ENOMEM;
	}
	atomic_init(&p->refs, 1);
	p->html_len = html.len;
	p->html = wp_buf_detach(&html);
	*out = p;
	return 0;
}

/* Renders md into a new page with one reference. */
static int render_page(wp_rendered **out, const char *md, size_t len)
{
	cmark_parser *parser;
	ptr_list targets = { NULL, 0, 0 };
	cmark_node *root = NULL;
	wp_rendered *p = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (wp_render_check(md, len) < 0)
		return render_plain(out, md, len);
	parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (!parser)
		return WP_ENOMEM;
	rc = attach_extensions(parser);
	if (rc < 0) {
		cmark_parser_free(parser); /* keeps attach_extensions' message */
		return rc;
	}
	cmark_parser_feed(parser, md ? md : "", md ? len : 0);
	root = cmark_parser_finish(parser);
	rc = root ? add_wikilinks(&targets, root) : WP_ENOMEM;
	if (rc < 0)
		goto done;
	p = calloc(1, sizeof(*p));
	if (!p) {
		rc = WP_ENOMEM;
		goto done;
	}
	atomic_init(&p->refs, 1);
	p->html = cmark_render_html(root, CMARK_OPT_DEFAULT,
				    cmark_parser_get_syntax_extensions(parser));
	if (!p->html) {
		rc = WP_ENOMEM;
		goto done;
	}
	p->html_len = strlen(p->html);
	p->links = (char **)targets.v;
	p->nlinks = targets.n;
	targets.v = NULL;
	targets.n = 0;
	*out = p;
	p = NULL;
done:
	if (rc < 0)
		wp_error_set("%s", wp_t("render.failed"));
	for (i = 0; i < targets.n; i++)
		free(targets.v[i]);
	free(targets.v);
	page_free(p);
	free_node(root);
	cmark_parser_free(parser);
	return rc;
}

/* Writes one resolved wikilink's opening tag. */
static int put_link_open(wp_buf *out, const char *target, wp_link_resolver resolve,
			 void *payload)
{
	char path[RESOLVED_MAX];
	int exists = 0;

	snprintf(path, sizeof(path), "%s", target);
	if (resolve) {
		exists = resolve(payload, target, path, sizeof(path));
		if (exists < 0)
			return exists;
		path[sizeof(path) - 1] = '\0';
	}
	if (exists)
		return wp_buf_printf(out, "<a class=\"wikilink\" href=\"/%u\">", path);
	return wp_buf_printf(out, "<a class=\"wikilink nieuw\" href=\"/nieuw?pad=%u\" title=\"%h\">",
			     path, wp_t("render.new_page_hint"));
}

/* Reads the "N\">" after a placeholder; returns the bytes used or 0. */
static size_t placeholder_index(const char *s, size_t len, size_t *index)
{
	size_t i = 0, v = 0;

	while (i < len && i < 18 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (size_t)(s[i++] - '0');
	if (i == 0 || i + 2 > len || s[i] != '"' || s[i + 1] != '>')
		return 0;
	*index = v;
	return i + 2;
}

int wp_render_finish(wp_buf *out, const wp_rendered *p, wp_link_resolver resolve,
		     void *payload)
{
	static const size_t plen = sizeof(PLACEHOLDER_HREF) - 1;
	const char *s = p->html, *end = p->html + p->html_len;
	int rc = 0;

	while (rc == 0 && s < end) {
		const char *hit = memmem(s, (size_t)(end - s), PLACEHOLDER_HREF, plen);
		size_t index = 0, used = 0;

		if (!hit)
			return wp_buf_put(out, s, (size_t)(end - s));
		rc = wp_buf_put(out, s, (size_t)(hit - s));
		if (rc == 0)
			used = placeholder_index(hit + plen, (size_t)(end - hit - plen), &index);
		if (rc == 0 && used && index < p->nlinks) {
			rc = put_link_open(out, p->links[index], resolve, payload);
			s = hit + plen + used;
		} else if (rc == 0) {
			rc = wp_buf_put(out, hit, plen); /* not ours: cannot happen, keep */
			s = hit + plen;
		}
	}
	return rc;
}

int wp_render_preview(wp_buf *out, const char *md, size_t len, wp_link_resolver resolve,
		      void *payload)
{
	wp_rendered *p;
	int rc = render_page(&p, md, len);

	if (rc < 0)
		return rc;
	rc = wp_render_finish(out, p, resolve, payload);
	wp_rendered_release(p);
	return rc;
}

/* ---- the cache -------------------------------------------------------- */

struct wp_render {
	wp_lru *cache; /* rendered pages by blob id */
};

static void *lru_retain(void *v)
{
	return retain(v);
}

static void lru_release(void *v)
{
	wp_rendered_release(v);
}

static const wp_lru_ops cache_ops = { lru_retain, lru_release };

int wp_render_new(wp_render **out, size_t max_entries, size_t max_bytes)
{
	wp_render *r;
	int rc;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return WP_ENOMEM;
	rc = wp_lru_new(&r->cache, max_entries, max_bytes, &cache_ops);
	if (rc < 0) {
		free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void wp_render_free(wp_render *r)
{
	if (!r)
		return;
	wp_lru_free(r->cache);
	free(r);
}

int wp_render_markdown(wp_rendered **out, wp_render *r, const char *blob_id, const char *md,
		       size_t len)
{
	int rc;

	assert(r);
	*out = blob_id ? wp_lru_get(r->cache, blob_id) : NULL;
	if (*out)
		return 0;
	/* parse outside the cache's lock: other pages render meanwhile (two
	 * threads rendering the same blob at once is harmless: same result) */
	rc = render_page(out, md, len);
	if (rc == 0 && blob_id)
		wp_lru_put(r->cache, blob_id, *out, sizeof(**out) + (*out)->html_len);
	return rc;
}
