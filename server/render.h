/* render.h - Markdown to safe HTML with cmark-gfm, wikilinks, and a cache
 * of rendered pages keyed by blob id.
 *
 * Rendering uses the table, strikethrough, autolink and tagfilter
 * extensions and never CMARK_OPT_UNSAFE: raw HTML is replaced by a comment,
 * and javascript:/vbscript:/data: link targets are dropped by cmark.
 *
 * Wikilinks: [[target]] and [[target|label]] outside code, links and
 * images; the target is trimmed, non-empty, at most 200 bytes and on one
 * line, else the text stays as written. The target is a page path or a bare
 * slug. In a table cell write [[target\|label]]: the table extension splits
 * cells at an unescaped '|' before wikilinks are seen. Because whether a
 * target exists changes as pages are added, the cached HTML keeps each
 * wikilink as a placeholder and wp_render_finish() resolves them for the
 * current state of the wiki. */
#ifndef WP_RENDER_H
#define WP_RENDER_H

#include "buf.h"

#include <stddef.h>

typedef struct wp_render wp_render;	  /* cache; safe to share between threads */
typedef struct wp_rendered wp_rendered; /* one rendered page; immutable */

/* Creates a renderer with a cache of at most max_entries pages (0: no
 * caching) whose HTML adds up to at most max_bytes (0: entries alone
 * count; a page of a megabyte can render to tens of megabytes). Call
 * cmark_gfm_core_extensions_ensure_registered() once in main() before
 * this. Free with wp_render_free(). */
int wp_render_new(wp_render **out, size_t max_entries, size_t max_bytes);
void wp_render_free(wp_render *r);

/* Renders Markdown md (len bytes). When blob_id is not NULL the result is
 * cached under it and a later call with the same blob_id returns the
 * cached result without parsing. The result is reference-counted: the
 * caller gets its own reference and releases it with wp_rendered_release().
 * Returns 0 or an error. */
int wp_render_markdown(wp_rendered **out, wp_render *r, const char *blob_id, const char *md,
		       size_t len);

void wp_rendered_release(wp_rendered *p);

/* Number of wikilinks in the rendered page and the i-th target as written
 * (trimmed, without the label). Owned by p. */
size_t wp_rendered_link_count(const wp_rendered *p);
const char *wp_rendered_link(const wp_rendered *p, size_t i);

/* Resolves a wikilink target (as written, e.g. "slug" or "folder/slug")
 * for the current wiki: writes the page path it points to into out (at
 * most n bytes incl. NUL) and returns 1 when the page exists, or 0 when it
 * does not (then out holds the path a new page would get). A negative
 * WP_E* return aborts wp_render_finish() with that code. out arrives
 * holding the target itself, so a resolver may leave it as is. */
typedef int (*wp_link_resolver)(void *payload, const char *target, char *out, size_t n);

/* Appends the page's final HTML to out: each wikilink becomes
 *   <a class="wikilink" href="/PATH">label</a>            (page exists)
 *   <a class="wikilink nieuw" href="/nieuw?pad=PATH" title="…">label</a>
 * where the title text is the Dutch 'nieuwe pagina' hint and PATH is
 * percent-encoded ('/' kept). With resolve NULL every wikilink is treated
 * as a missing page named by its target. Returns 0 or an error (out may
 * then hold part of the page). */
int wp_render_finish(wp_buf *out, const wp_rendered *p, wp_link_resolver resolve,
		     void *payload);

/* Markdown that Debian 12's cmark-gfm (0.29.0.gfm.6) would parse in far
 * more than linear time is not parsed: a table row with many cells
 * (CVE-2023-37463) and many image openers "![" before links in one block
 * (CVE-2023-22486) cost seconds to minutes for a page within the body
 * limit. These bounds keep the worst page to a fraction of a second
 * (BENCHMARKS.md, tests/bench/limits.sh). A block is a run of lines that
 * are not blank. */
#define WP_MD_LINE_PIPES_MAX 128  /* '|' in one line: table columns */
#define WP_MD_BLOCK_IMAGES_MAX 64 /* "![" in one block */

/* 0 when md stays within the bounds above; else WP_EINVALID with the
 * line (1-based, in md) and what to change in wp_error_last(). A page
 * beyond them renders as its escaped source under a notice, with no
 * links. */
int wp_render_check(const char *md, size_t len);

/* Convenience for previews: render md without caching and finish it. */
int wp_render_preview(wp_buf *out, const char *md, size_t len, wp_link_resolver resolve,
		      void *payload);

#endif
