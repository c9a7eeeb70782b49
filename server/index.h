/* index.h - the search and listing index: a SQLite database (WAL) derived
 * entirely from the git repository.
 *
 * It holds one row per page (type, title, front matter, last change and
 * its author, created and updated times), every scalar front-matter value
 * (fields, for tags and facets), the links between pages (wikilinks in the
 * body and front-matter values naming a page, for backlinks), rename stubs
 * as redirects, and a full-text table with the title weighted above the
 * body. It records the commit it reflects and is brought up to date by
 * walking the first-parent commits after that one, so deleting the file
 * loses nothing: the next catch-up rebuilds it.
 *
 * Times are seconds since the epoch. A wp_index is one SQLite connection:
 * open one per thread. Several connections (threads or processes) may
 * share the file; catch-ups are serialised by SQLite's write lock. */
#ifndef WP_INDEX_H
#define WP_INDEX_H

#include "access.h"
#include "store.h"

#include <jansson.h>
#include <stddef.h>

typedef struct wp_index wp_index;

/* Opens (creating it when missing) the index database in file for
 * language "dutch" or "english" (the stemmer of the full-text table). An
 * index built for another language, or by another version of this code,
 * is emptied so that the next wp_index_catch_up() rebuilds it. Registers
 * the search tokenizer on the connection. Returns 0, WP_EINVALID for an
 * unknown language, WP_ERROR when the file cannot be opened as a
 * database, or WP_ECONFLICT when the index must be emptied but another
 * connection holds the write lock past the busy timeout. Free with
 * wp_index_free(). */
int wp_index_open(wp_index **out, const char *file, const char *language);
void wp_index_free(wp_index *ix);

/* Brings the index up to HEAD of s: applies the page changes of each
 * first-parent commit after the recorded one, oldest first (everything
 * from the root for a new or emptied index; a full rebuild when the
 * recorded commit is no longer in the history). All in one transaction:
 * on failure the index keeps its previous state. Cheap when nothing
 * changed (one ref read and one row). Returns the number of pages
 * (including rename stubs) added, changed or removed (after a rebuild:
 * indexed), or an error: WP_ECONFLICT when another connection held the
 * write lock past the busy timeout (30 s), e.g. during its rebuild. */
int wp_index_catch_up(wp_index *ix, wp_store *s);

/* Empties the index and builds it again from the whole history, calling
 * progress (when not NULL) with the number of pages indexed so far and
 * the number to index (the first call has done 0). One transaction.
 * Returns the number of pages indexed, or an error. */
int wp_index_rebuild(wp_index *ix, wp_store *s,
		     void (*progress)(void *payload, size_t done, size_t total), void *payload);

/* The commit the index reflects (40 hex digits), "" when it is empty.
 * Owned by ix; valid until the next call on ix. */
const char *wp_index_commit(const wp_index *ix);

/* All the query functions below answer for viewer v: a page v may not
 * read (access.h) is left out of every list and count, and is "not
 * found" when asked for by path, exactly as if it did not exist. They set
 * *out to a new JSON value the caller json_decref()s, and return 0 or an
 * error (*out stays NULL). A limit of 0 means no limit. Rename stubs are
 * never listed as pages; a stub is visible when its target is. */

/* Pages of type (e.g. "verhaal"), sorted by title:
 * [{"path","title","updated","author"}]. */
int wp_index_list_type(json_t **out, wp_index *ix, const wp_viewer *v, const char *type,
		       size_t limit, size_t offset);

/* Pages by time of their last change, newest first:
 * [{"path","title","type","updated","author","author_email","masked","revision"}];
 * masked: a plugin shows the page's authors by role outside their team
 * (plugin.h wp_author_mask_fn). */
int wp_index_recent(json_t **out, wp_index *ix, const wp_viewer *v, size_t limit);

/* Pages per type: [{"type", "count"}] (rename stubs not counted). */
int wp_index_type_counts(json_t **out, wp_index *ix, const wp_viewer *v);

/* Pages that link to path, from a wikilink in their body or a
 * front-matter value, also through a rename stub that points at path;
 * sorted by title: [{"path","title","type"}]. */
int wp_index_backlinks(json_t **out, wp_index *ix, const wp_viewer *v, const char *path);

/* Pages whose front-matter field key is value or a list holding value
 * (booleans as "true"/"false", numbers in decimal), sorted by title:
 * [{"path","title","type"}]. */
int wp_index_tag(json_t **out, wp_index *ix, const wp_viewer *v, const char *key,
		 const char *value);

/* 1 when path is in the index as a page or a rename stub, 0 when not, or
 * a negative error. */
int wp_index_has(wp_index *ix, const wp_viewer *v, const char *path);

/* The title of page path into *out (malloc'd, the caller frees it), or
 * WP_ENOTFOUND. */
int wp_index_title(char **out, wp_index *ix, const wp_viewer *v, const char *path);

/* One page: {"path","type","title","revision","author","author_email","masked","created",
 * "updated","fields","blob"} with fields the front matter as an object.
 * WP_ENOTFOUND when the index has no page at path (also for a stub). */
int wp_index_page(json_t **out, wp_index *ix, const wp_viewer *v, const char *path);

/* The target of the rename stub at path into *out (malloc'd, the caller
 * frees it), or WP_ENOTFOUND when path is not a stub. */
int wp_index_redirect(char **out, wp_index *ix, const wp_viewer *v, const char *path);

/* Full-text search. match is an FTS5 MATCH expression that is already
 * safe (see query.h), or "" to browse: every page the filters let
 * through, by title (the snippet is the body's start; nothing at all
 * without filters); filters is NULL or {"type": "verhaal", "fields":
 * {"dilemmas": "x", "wetten": ["Wmo", "Jeugdwet"]}}: a string value must
 * be among the page's values for that key, an array value means any one
 * of them; different keys must all hold. Returns
 *   {"total": N, "results": [{"path","title","type","snippet","score"}],
 *    "facets": {"type": {"verhaal": 12, ...}, "<field>": {value: count}}}
 * ranked by bm25 with the title weighing ten times the body; score is
 * the negated bm25 (higher is better; for a browse, the negated place
 * in title order). snippet is safe HTML: page text
 * escaped, matches in <mark>...</mark>. Facets count over every match
 * with the filters applied (not only this page of results), for the
 * fields tags, trefwoorden, dilemmas, wetten and leefgebieden and every
 * key filtered on. A match that FTS5 cannot parse gives WP_EINVALID. */
int wp_index_search(json_t **out, wp_index *ix, const wp_viewer *v, const char *match,
		    const json_t *filters, size_t limit, size_t offset);

/* Suggestions while typing: the best matches for match (e.g. from
 * wp_query_suggest()), [{"path","title"}], at most limit. */
int wp_index_suggest(json_t **out, wp_index *ix, const wp_viewer *v, const char *match,
		     size_t limit);

/* Every value of the front-matter field key with the number of pages
 * holding it (as a scalar or in a list; a page counts once per value),
 * most used first, then by value: [{"value","count"}]. Values are text as
 * in wp_index_tag(). An unknown key gives an empty list. */
int wp_index_tag_values(json_t **out, wp_index *ix, const wp_viewer *v, const char *key);

#endif
