/* index_int.h - what the modules of the index (index.c: the tables and
 * catching up; index_search.c: full-text search) share. Not for use
 * outside them. */
#ifndef WP_INDEX_INT_H
#define WP_INDEX_INT_H

#include "access.h"
#include "buf.h"
#include "index.h"
#include "plugin.h"

#include <sqlite3.h>

/* An SQL condition, true when the page row called p may be read by the
 * viewer bound with wp_ix_bind_viewer() (see access.h; the same rule as
 * wp_may_read()). Pages without zichtbaarheid have vis NULL and get the
 * viewer's default_vis. It uses the fixed parameters ?601 to ?604, above
 * any a statement numbers itself (search filters use at most 562), so a
 * statement holding it can be prepared once and cached; plain "?"
 * parameters must come before it in the SQL text. */
#define WP_IX_VISIBLE(p) WP_PLUGIN_VISIBLE(p) /* one rule for the core and plugins */

/* Binds the parameters of WP_IX_VISIBLE for v (those st holds). */
void wp_ix_bind_viewer(sqlite3_stmt *st, const wp_viewer *v);

/* The connection of ix. */
sqlite3 *wp_ix_db(wp_index *ix);

/* Turns SQLite result src of operation op into a WP_E* code and a message;
 * a lock held past the busy timeout is WP_ECONFLICT. */
int wp_ix_fail(wp_index *ix, int src, const char *op);

/* Sets the out-of-memory message; returns WP_ENOMEM. */
int wp_ix_no_memory(void);

/* Like wp_ix_fail() for a statement holding the caller's FTS5 MATCH: a
 * plain SQLITE_ERROR while stepping is a query FTS5 cannot parse
 * (WP_EINVALID). */
int wp_ix_search_fail(wp_index *ix, int src);

/* Prepares a one-off statement the caller finalizes. */
int wp_ix_prepare(sqlite3_stmt **st, wp_index *ix, const char *sql);

/* Binds s (borrowed until the statement is reset) to parameter i. */
void wp_ix_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A SQL LIMIT for n (0: no limit, -1). */
sqlite3_int64 wp_ix_limit(size_t n);

/* Steps st to its end, collecting the rows as an array of objects keyed by
 * column name into *out; finalizes st. match: st holds the caller's FTS5
 * MATCH, so an error while stepping is blamed on the query. */
int wp_ix_rows_json(json_t **out, wp_index *ix, sqlite3_stmt *st, int match);

#endif
