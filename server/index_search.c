/* index_search.c - full-text search over the index: ranked results with
 * snippets, filters on type and front-matter fields, facet counts, and
 * suggestions while typing.
 *
 * A search runs the match once: every matching page id and its bm25 rank
 * is collected in memory, which gives the total, the ids for the facets
 * (a bitmap) and, after a sort, the page of results. Only the pages shown
 * then get their title and snippet: snippet() reads and re-tokenizes the
 * page text, far too dear to do for thousands of matches that are never
 * shown (and SQLite computes every result column before ORDER BY ...
 * LIMIT). Facets are counted from the fields table either per match (few
 * matches) or by one scan of the facet fields' index (many matches),
 * whichever reads fewer rows. */
#include "index.h"
#include "index_int.h"
#include "types.h"

#include "buf.h"
#include "error.h"
#include "texts.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FILTER_MAX_KEYS 16   /* field filters in one search */
#define FILTER_MAX_VALUES 32 /* values per filter */
#define SNIPPET_OPEN '\x02'  /* snippet() markers, replaced after HTML escaping */
#define SNIPPET_CLOSE '\x03'
#define SCAN_RATIO 8 /* scan the facet index once matches exceed 1/8 of the pages */

#define MAX_FACET_KEYS 32

/* The fields counted as facets in every search: the core's tags and
 * trefwoorden, and every schema field a plugin marked WP_FIELD_FACET.
 * Fills keys (borrowed from the type registry); returns how many. */
static size_t facet_keys(const char **keys)
{
	size_t n = 0, t, f, k;

	keys[n++] = "tags";
	keys[n++] = "trefwoorden";
	for (t = 0; t < wp_type_count(); t++) {
		const wp_type *ty = wp_type_at(t);

		for (f = 0; f < ty->nfields && n < MAX_FACET_KEYS; f++) {
			if (!(ty->fields[f]->flags & WP_FIELD_FACET))
				continue;
			for (k = 0; k < n && strcmp(keys[k], ty->fields[f]->name) != 0; k++)
				;
			if (k == n)
				keys[n++] = ty->fields[f]->name;
		}
	}
	return n;
}

/* ---- filters --------------------------------------------------------------------------------- */

/* The filters of a search, read from its JSON (borrowed strings). */
typedef struct {
	const char *key; /* NULL: the page type */
	const char *values[FILTER_MAX_VALUES];
	size_t n;
} filter;

typedef struct {
	filter f[FILTER_MAX_KEYS + 1];
	size_t n;
} filters;

static int bad_filter(void)
{
	wp_error_set("%s", wp_t("index.bad_filter"));
	return WP_EINVALID;
}

/* Reads one filter value: a string or an array of strings ("" and [] mean
 * no filter). */
static int read_filter(filters *fs, const char *key, const json_t *v)
{
	filter *f = &fs->f[fs->n];
	const json_t *x;
	size_t i;

	if (fs->n > FILTER_MAX_KEYS)
		return bad_filter();
	f->key = key;
	f->n = 0;
	if (json_is_string(v)) {
		f->values[f->n++] = json_string_value(v);
	} else if (json_is_array(v) && json_array_size(v) <= FILTER_MAX_VALUES) {
		json_array_foreach(v, i, x) {
			if (!json_is_string(x))
				return bad_filter();
			f->values[f->n++] = json_string_value(x);
		}
	} else {
		return bad_filter();
	}
	if (f->n > 1 || (f->n == 1 && f->values[0][0]))
		fs->n++;
	return 0;
}

static int read_filters(filters *fs, const json_t *js)
{
	const json_t *fields, *v;
	const char *key;
	int rc = 0;

	fs->n = 0;
	if (!js || json_is_null(js))
		return 0;
	if (!json_is_object(js))
		return bad_filter();
	v = json_object_get(js, "type");
	if (v && !json_is_null(v))
		rc = read_filter(fs, NULL, v);
	fields = json_object_get(js, "fields");
	if (rc < 0 || !fields || json_is_null(fields))
		return rc;
	if (!json_is_object(fields))
		return bad_filter();
	json_object_foreach((json_t *)fields, key, v) {
		rc = read_filter(fs, key, v);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Appends " (?, ?, ...)" for n parameters. */
static int put_params(wp_buf *sql, size_t n)
{
	size_t i;
	int rc = wp_buf_puts(sql, " (?");

	for (i = 1; i < n && rc == 0; i++)
		rc = wp_buf_puts(sql, ", ?");
	return rc == 0 ? wp_buf_puts(sql, ")") : rc;
}

/* The query of every match: "SELECT rowid, rank". The filters are
 * correlated subqueries of the FTS5 row, so SQLite always runs the match
 * first and never re-runs it per candidate page (which a join that starts
 * from pages would do). Parameters: the match, then bind_filters(). A
 * browse (no words, only filters) takes every page instead, ranked by
 * title; its parameters are bind_filters()' alone. */
static int put_match_sql(wp_buf *sql, const filters *fs, int browse)
{
	const char *id = browse ? "p.id" : "fts.rowid";
	size_t i;
	int rc;

	rc = wp_buf_puts(sql, browse ? "SELECT p.id, row_number() OVER (ORDER BY p.title "
				       "COLLATE NOCASE, p.path) FROM pages p WHERE 1"
				     : "SELECT fts.rowid, bm25(fts, 10.0, 1.0) FROM fts "
				       "WHERE fts MATCH ?");
	for (i = 0; i < fs->n && rc == 0; i++) {
		if (fs->f[i].key)
			rc = wp_buf_printf(sql, " AND EXISTS (SELECT 1 FROM fields f WHERE "
						"f.pid = %s AND f.key = ? AND f.value IN", id);
		else
			rc = wp_buf_printf(sql, " AND ((SELECT type FROM pages WHERE id = %s) IN",
					   id);
		if (rc == 0)
			rc = put_params(sql, fs->f[i].n);
		if (rc == 0)
			rc = wp_buf_puts(sql, ")");
	}
	return rc;
}

static void bind_filters(sqlite3_stmt *st, int n, const filters *fs)
{
	size_t i, j;

	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].key)
			wp_ix_bind_text(st, n++, fs->f[i].key);
		for (j = 0; j < fs->f[i].n; j++)
			wp_ix_bind_text(st, n++, fs->f[i].values[j]);
	}
}

/* ---- matching -------------------------------------------------------------------------------- */

/* One match: its page id and bm25 rank (lower is better). */
typedef struct {
	sqlite3_int64 id;
	double rank;
} hit;

/* Every match of a search, and a bitmap of their ids. */
typedef struct {
	hit *hits;
	size_t n, cap;
	unsigned char *bits;
	size_t nbits;
} matches;

static void matches_dispose(matches *m)
{
	free(m->hits);
	free(m->bits);
}

static int matches_has(const matches *m, sqlite3_int64 id)
{
	return id >= 0 && (size_t)id < m->nbits && (m->bits[id / 8] >> (id % 8)) & 1;
}

static int matches_add(matches *m, sqlite3_int64 id, double rank)
{
	size_t want;

	if (m->n == m->cap) {
		hit *h = realloc(m->hits, (m->cap ? m->cap * 2 : 64) * sizeof(*h));

		if (!h)
			return wp_ix_no_memory();
		m->hits = h;
		m->cap = m->cap ? m->cap * 2 : 64;
	}
	m->hits[m->n].id = id;
	m->hits[m->n++].rank = rank;
	if (id < 0)
		return 0;
	if ((size_t)id >= m->nbits) {
		want = ((size_t)id + 1024) / 8 * 8 * 2;
		unsigned char *b = realloc(m->bits, want / 8);

		if (!b)
			return wp_ix_no_memory();
		memset(b + m->nbits / 8, 0, (want - m->nbits) / 8);
		m->bits = b;
		m->nbits = want;
	}
	m->bits[id / 8] |= (unsigned char)(1u << (id % 8));
	return 0;
}

/* Best rank first; equal ranks by page id, so pages keep their order
 * from one request to the next. */
static int hit_cmp(const void *a, const void *b)
{
	const hit *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Matches up to this many are checked for visibility one by one; more
 * are checked against one scan of the covering index on (vis, team),
 * which costs about a millisecond per 10,000 pages. */
#define CHECK_EACH_MAX 256

/* Adds to hidden the pages v may not read: those among m's hits, or all
 * of them (scan). coalesce: a comparison with a NULL team counts as
 * hidden. */
static int hidden_pages(matches *hidden, const matches *m, wp_index *ix, const wp_viewer *v)
{
	int scan = m->n > CHECK_EACH_MAX, rc, src = SQLITE_DONE;
	sqlite3_stmt *st = NULL;
	size_t i;

	rc = wp_ix_prepare(&st, ix,
			   scan ? "SELECT id FROM pages p INDEXED BY pages_vis WHERE "
				  "coalesce(" WP_IX_VISIBLE("p") ", 0) = 0"
				: "SELECT id FROM pages p WHERE p.id = ?1 AND "
				  "coalesce(" WP_IX_VISIBLE("p") ", 0) = 0");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	for (i = 0; rc == 0 && i < (scan ? 1 : m->n); i++) {
		if (!scan) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, m->hits[i].id);
		}
		while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW)
			rc = matches_add(hidden, sqlite3_column_int64(st, 0), 0);
		if (rc == 0 && src != SQLITE_DONE)
			rc = wp_ix_fail(ix, src, "search");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Drops from m the matches v may not read. */
static int drop_hidden(matches *m, wp_index *ix, const wp_viewer *v)
{
	matches hidden = { 0 };
	size_t i, kept = 0;
	int rc = hidden_pages(&hidden, m, ix, v);

	for (i = 0; rc == 0 && i < m->n; i++) {
		sqlite3_int64 id = m->hits[i].id;

		if (!matches_has(&hidden, id))
			m->hits[kept++] = m->hits[i];
		else if (matches_has(m, id))
			m->bits[id / 8] &= (unsigned char)~(1u << (id % 8));
	}
	if (rc == 0)
		m->n = kept;
	matches_dispose(&hidden);
	return rc;
}

/* Collects every match of match under the filters that v may read into m. */
static int collect_matches(matches *m, wp_index *ix, const wp_viewer *v, const char *match,
			   const filters *fs)
{
	wp_buf sql = WP_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, src = SQLITE_DONE;

	rc = put_match_sql(&sql, fs, !*match);
	if (rc == 0)
		rc = wp_ix_prepare(&st, ix, wp_buf_cstr(&sql));
	wp_buf_dispose(&sql);
	if (rc < 0)
		return rc;
	if (*match)
		wp_ix_bind_text(st, 1, match);
	bind_filters(st, *match ? 2 : 1, fs);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW)
		rc = matches_add(m, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
	if (rc == 0 && src != SQLITE_DONE)
		rc = wp_ix_search_fail(ix, src);
	sqlite3_finalize(st);
	return rc == 0 ? drop_hidden(m, ix, v) : rc;
}

/* ---- facets ---------------------------------------------------------------------------------- */

/* Adds count to facets[key][value]. */
static int facet_add(json_t *facets, const char *key, const char *value, json_int_t count)
{
	json_t *group = json_object_get(facets, key), *old;

	if (!group) {
		group = json_object();
		if (!group || json_object_set_new(facets, key, group) < 0)
			return wp_ix_no_memory();
	}
	old = json_object_get(group, value);
	if (old)
		return json_integer_set(old, json_integer_value(old) + count) < 0 ? wp_ix_no_memory()
										  : 0;
	return json_object_set_new(group, value, json_integer(count)) < 0 ? wp_ix_no_memory() : 0;
}

/* The SQL of the facet rows "key, value, id" (key NULL for the type):
 * per match, the rows of page ?1; in a scan, the types of all pages or the
 * facet fields of all pages in index order. Either way one page's repeats
 * of a value are adjacent. The field keys are the parameters from first. */
static int facet_sql(wp_buf *sql, const filters *fs, int scan, int types, size_t nkeys)
{
	int rc;

	if (scan && types)
		return wp_buf_puts(sql, "SELECT NULL, type, id FROM pages ORDER BY type");
	if (scan)
		rc = wp_buf_puts(sql, "SELECT key, value, pid FROM fields WHERE key IN");
	else
		rc = wp_buf_puts(sql, "SELECT NULL, type, id FROM pages WHERE id = ?1 UNION ALL "
				      "SELECT key, value, pid FROM fields WHERE pid = ?1 AND key IN");
	if (rc == 0)
		rc = put_params(sql, nkeys + fs->n);
	if (rc == 0 && scan)
		rc = wp_buf_puts(sql, " ORDER BY key, value, pid");
	return rc;
}

/* A run of equal (key, value) rows being counted. */
typedef struct {
	wp_buf key, value;
	json_int_t count;
	sqlite3_int64 last; /* page of the last row counted */
} facet_run;

/* Adds the run's count to facets and empties it. */
static int run_flush(json_t *facets, facet_run *run)
{
	int rc = 0;

	if (run->count > 0)
		rc = facet_add(facets, wp_buf_cstr(&run->key), wp_buf_cstr(&run->value),
			       run->count);
	run->count = 0;
	return rc;
}

/* Counts the rows of st (key, value, id) whose id is a match, each page
 * once per key and value. Rows come grouped by key and value (a scan) or
 * by page (per match); either way equal rows are adjacent, so counting
 * runs touches the JSON once per run rather than once per row. */
static int count_facets(json_t *facets, const matches *m, wp_index *ix, sqlite3_stmt *st,
			facet_run *run)
{
	sqlite3_int64 id;
	const char *key, *value;
	int rc = 0, src;

	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		value = (const char *)sqlite3_column_text(st, 1);
		id = sqlite3_column_int64(st, 2);
		if (!key)
			key = "type";
		if (!value || !matches_has(m, id))
			continue;
		if (strcmp(wp_buf_cstr(&run->key), key) != 0 ||
		    strcmp(wp_buf_cstr(&run->value), value) != 0) {
			rc = run_flush(facets, run);
			wp_buf_clear(&run->key);
			wp_buf_clear(&run->value);
			if (rc == 0)
				rc = wp_buf_puts(&run->key, key);
			if (rc == 0)
				rc = wp_buf_puts(&run->value, value);
			run->last = -1;
		}
		if (id != run->last) /* a list holding a value twice counts once */
			run->count++;
		run->last = id;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = wp_ix_fail(ix, src, "facets");
	return rc;
}

/* Runs the facet query of facet_sql(), binding the field keys from
 * parameter n, once, or once per match with the page id as ?1. */
static int facet_query(json_t *facets, const matches *m, wp_index *ix, const filters *fs,
		       int scan, int types)
{
	wp_buf sql = WP_BUF_INIT;
	sqlite3_stmt *st = NULL;
	facet_run run = { WP_BUF_INIT, WP_BUF_INIT, 0, -1 };
	const char *keys[MAX_FACET_KEYS];
	size_t nkeys = facet_keys(keys);
	int rc, n = scan ? 1 : 2;
	size_t i, k;

	rc = facet_sql(&sql, fs, scan, types, nkeys);
	if (rc == 0)
		rc = wp_ix_prepare(&st, ix, wp_buf_cstr(&sql));
	wp_buf_dispose(&sql);
	if (rc < 0)
		return rc;
	if (!(scan && types)) {
		for (k = 0; k < nkeys; k++)
			wp_ix_bind_text(st, n + (int)k, keys[k]);
		for (k = 0; k < fs->n; k++) /* a type filter adds a harmless NULL */
			wp_ix_bind_text(st, n + (int)(nkeys + k), fs->f[k].key);
	}
	if (scan) {
		rc = count_facets(facets, m, ix, st, &run);
	} else {
		for (i = 0; i < m->n && rc == 0; i++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, m->hits[i].id);
			rc = count_facets(facets, m, ix, st, &run);
		}
	}
	if (rc == 0)
		rc = run_flush(facets, &run);
	sqlite3_finalize(st);
	wp_buf_dispose(&run.key);
	wp_buf_dispose(&run.value);
	return rc;
}

/* Fills facets {"type": {...}, field: {...}} over every match: per match
 * when they are few, else by scanning (pages: the largest page id). */
static int search_facets(json_t *facets, const matches *m, wp_index *ix, const filters *fs,
			 sqlite3_int64 pages)
{
	int rc;

	if (m->n <= (size_t)(pages / SCAN_RATIO))
		return facet_query(facets, m, ix, fs, 0, 0);
	rc = facet_query(facets, m, ix, fs, 1, 1);
	return rc == 0 ? facet_query(facets, m, ix, fs, 1, 0) : rc;
}

/* A facet value and its count, for sorting. */
typedef struct {
	const char *value;
	json_t *count;
} facet_entry;

/* Largest count first, then by value: the order the search page shows. */
static int entry_cmp(const void *a, const void *b)
{
	const facet_entry *x = a, *y = b;
	json_int_t cx = json_integer_value(x->count), cy = json_integer_value(y->count);

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(x->value, y->value);
}

/* Rebuilds each facet group with its values in entry_cmp() order. */
static int sort_facets(json_t *facets)
{
	const char *key, *value;
	json_t *group, *sorted, *count;
	facet_entry *e;
	size_t i, n;
	int rc = 0;

	json_object_foreach(facets, key, group) {
		n = json_object_size(group);
		e = malloc((n ? n : 1) * sizeof(*e));
		if (!e)
			return wp_ix_no_memory();
		i = 0;
		json_object_foreach(group, value, count) {
			e[i].value = value;
			e[i++].count = count;
		}
		qsort(e, n, sizeof(*e), entry_cmp);
		sorted = json_object();
		for (i = 0; sorted && i < n && rc == 0; i++)
			if (json_object_set(sorted, e[i].value, e[i].count) < 0)
				rc = -1;
		free(e);
		/* replacing the value of a key keeps the iteration valid */
		if (!sorted || rc < 0 || json_object_set_new(facets, key, sorted) < 0) {
			json_decref(sorted);
			return wp_ix_no_memory();
		}
	}
	return 0;
}

/* ---- results --------------------------------------------------------------------------------- */

/* Appends an FTS5 snippet as HTML: the text escaped, the markers turned
 * into <mark> tags. */
static int put_snippet(wp_buf *out, const char *s)
{
	const char marks[] = { SNIPPET_OPEN, SNIPPET_CLOSE, '\0' };
	size_t run;
	int rc = 0;

	while (*s && rc == 0) {
		run = strcspn(s, marks);
		rc = wp_buf_put_html(out, s, run);
		s += run;
		if (rc == 0 && *s) {
			rc = wp_buf_puts(out, *s == SNIPPET_OPEN ? "<mark>" : "</mark>");
			s++;
		}
	}
	return rc;
}

/* Appends the result for hit h: {"path","title","type","snippet","score"}. */
static int put_result(json_t *results, wp_index *ix, sqlite3_stmt *st, const hit *h)
{
	wp_buf snip = WP_BUF_INIT;
	json_t *row;
	int rc = 0, src;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 2, h->id);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		return 0; /* cannot happen inside one read transaction; skip rather than fail */
	if (src != SQLITE_ROW)
		return wp_ix_search_fail(ix, src);
	rc = put_snippet(&snip, (const char *)sqlite3_column_text(st, 3));
	if (rc == 0) {
		row = json_pack("{s:s, s:s, s:s, s:s, s:f}", "path", sqlite3_column_text(st, 0),
				"title", sqlite3_column_text(st, 1), "type",
				sqlite3_column_text(st, 2), "snippet", wp_buf_cstr(&snip), "score",
				-h->rank);
		if (json_array_append_new(results, row) < 0)
			rc = wp_ix_no_memory();
	}
	wp_buf_dispose(&snip);
	return rc;
}

/* Fills results with the matches offset .. offset + limit in rank order. */
static int search_results(json_t *results, matches *m, wp_index *ix, const char *match,
			  size_t limit, size_t offset)
{
	sqlite3_stmt *st = NULL;
	size_t i, end;
	int rc;

	if (offset >= m->n)
		return 0;
	end = limit == 0 || limit > m->n - offset ? m->n : offset + limit;
	qsort(m->hits, m->n, sizeof(*m->hits), hit_cmp);
	/* A browse has no words to mark: the snippet is the body's start. */
	rc = wp_ix_prepare(&st, ix,
			   *match ? "SELECT p.path, p.title, p.type, snippet(fts, 1, char(2), "
				    "char(3), '…', 24) FROM fts JOIN pages p ON p.id = fts.rowid "
				    "WHERE fts MATCH ?1 AND fts.rowid = ?2"
				  : "SELECT p.path, p.title, p.type, trim(replace(substr(fts.body, 1, "
				    "160), char(10), ' ')) || CASE WHEN length(fts.body) > 160 "
				    "THEN '…' ELSE '' END "
				    "FROM fts JOIN pages p ON p.id = fts.rowid WHERE fts.rowid = ?2");
	if (rc < 0)
		return rc;
	if (*match)
		wp_ix_bind_text(st, 1, match);
	for (i = offset; i < end && rc == 0; i++)
		rc = put_result(results, ix, st, &m->hits[i]);
	sqlite3_finalize(st);
	return rc;
}

/* The largest page id: the scale against which facets choose to scan. */
static int page_span(sqlite3_int64 *out, wp_index *ix)
{
	sqlite3_stmt *st;
	int rc, src;

	*out = 0;
	rc = wp_ix_prepare(&st, ix, "SELECT max(id) FROM pages");
	if (rc < 0)
		return rc;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = wp_ix_fail(ix, src, "search");
	sqlite3_finalize(st);
	return rc;
}

/* The search proper, inside one read transaction so that the matches,
 * facets and snippets all see the same index. */
static int run_search(json_t *res, wp_index *ix, const wp_viewer *v, const char *match,
		      const filters *fs, size_t limit, size_t offset)
{
	matches m = { 0 };
	json_t *results = json_array(), *facets = json_object();
	sqlite3_int64 span = 0;
	int rc = results && facets ? 0 : wp_ix_no_memory();

	if (rc == 0)
		rc = collect_matches(&m, ix, v, match, fs);
	if (rc == 0)
		rc = page_span(&span, ix);
	if (rc == 0 && m.n > 0)
		rc = search_facets(facets, &m, ix, fs, span);
	if (rc == 0)
		rc = sort_facets(facets);
	if (rc == 0)
		rc = search_results(results, &m, ix, match, limit, offset);
	if (rc == 0 && !json_object_get(facets, "type"))
		rc = json_object_set_new(facets, "type", json_object()) < 0 ? wp_ix_no_memory() : 0;
	if (rc == 0 && (json_object_set_new(res, "total", json_integer((json_int_t)m.n)) < 0 ||
			json_object_set(res, "results", results) < 0 ||
			json_object_set(res, "facets", facets) < 0))
		rc = wp_ix_no_memory();
	json_decref(results);
	json_decref(facets);
	matches_dispose(&m);
	return rc;
}

int wp_index_search(json_t **out, wp_index *ix, const wp_viewer *v, const char *match,
		    const json_t *filters_js, size_t limit, size_t offset)
{
	filters fs;
	json_t *res;
	int rc, src;

	assert(out && ix && v);
	*out = NULL;
	if (!match) {
		wp_error_set("%s", wp_t("index.bad_query"));
		return WP_EINVALID;
	}
	rc = read_filters(&fs, filters_js);
	if (rc < 0)
		return rc;
	/* No words and no filters: nothing to look for. */
	if (!*match && fs.n == 0) {
		*out = json_pack("{s:i, s:[], s:{}}", "total", 0, "results", "facets");
		return *out ? 0 : wp_ix_no_memory();
	}
	res = json_object();
	if (!res)
		return wp_ix_no_memory();
	src = sqlite3_exec(wp_ix_db(ix), "BEGIN", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		rc = wp_ix_fail(ix, src, "search");
	if (rc == 0) {
		rc = run_search(res, ix, v, match, &fs, limit, offset);
		sqlite3_exec(wp_ix_db(ix), "COMMIT", NULL, NULL, NULL);
	}
	if (rc < 0) {
		json_decref(res);
		return rc;
	}
	*out = res;
	return 0;
}

/* Maps a failing search step. The SQL is ours and prepared fine, so a
 * plain SQLITE_ERROR while stepping comes from the MATCH expression (FTS5
 * parses it then: "fts5: syntax error", "unterminated string"). */
int wp_ix_search_fail(wp_index *ix, int src)
{
	if (src == SQLITE_ERROR) {
		wp_error_set("%s", wp_t("index.bad_query"));
		return WP_EINVALID;
	}
	return wp_ix_fail(ix, src, "search");
}

int wp_index_suggest(json_t **out, wp_index *ix, const wp_viewer *v, const char *match,
		     size_t limit)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v);
	*out = NULL;
	if (!match) {
		wp_error_set("%s", wp_t("index.bad_query"));
		return WP_EINVALID;
	}
	rc = wp_ix_prepare(&st, ix,
			   "SELECT p.path, p.title FROM fts JOIN pages p ON p.id = fts.rowid "
			   "WHERE fts MATCH ?1 AND " WP_IX_VISIBLE("p")
			   " ORDER BY bm25(fts, 10.0, 1.0), p.title LIMIT ?2");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, wp_ix_limit(limit));
	return wp_ix_rows_json(out, ix, st, 1);
}
