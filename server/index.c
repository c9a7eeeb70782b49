/* index.c - the search and listing index, a SQLite database kept in step
 * with the git repository by replaying its first-parent history.
 *
 * A catch-up walks the commits after the recorded one, oldest first, and
 * collects the last change of each page in a temporary table, so a page
 * changed by many commits is parsed once and its last commit, author and
 * time are right. It then re-indexes those pages, re-resolves the links
 * that may point to them, and records the new commit, all in one
 * transaction: a reader sees the old state or the new, never half.
 *
 * Links are resolved in SQL (the function wp_resolve()) with the same
 * rule as the page view (wp_link_resolve() in types.c), against the pages in the index;
 * because a link's target may appear later, links are resolved again
 * whenever a page with their target's path or slug comes or goes.
 *
 * The schema is versioned in the meta table together with the tokenizer;
 * when either differs from what this code expects, the tables are dropped
 * and the next catch-up rebuilds them from the root commit. */
#include "index.h"
#include "index_int.h"

#include "error.h"
#include "path.h"
#include "plugin_host.h"
#include "render.h"
#include "texts.h"
#include "types.h"
#include "wiki.h"

#define WP_INDEX_STEM 1 /* 1: the Dutch/English stemmer of tokenize.c; 0: unicode61 only */
#if WP_INDEX_STEM
#include "tokenize.h"
#endif

#include <assert.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION "5"
#define BULK_CHANGES 500	/* a catch-up of more pages than this gets a bigger cache: */
#define BULK_CACHE "-65536"	/* 64 MiB, only for the length of that transaction */
#define DEFAULT_CACHE "-2000"	/* SQLite's default, 2 MB */
#define BUSY_TIMEOUT_MS 30000	/* another connection's catch-up may take this long */
#define LOOKAHEAD 512		/* bytes searched for the end of a link in a body */

/* Statements prepared once per connection. */
enum {
	ST_META_GET,
	ST_META_SET,
	ST_CHANGE_PUT,
	ST_BORN_PUT,
	ST_CHANGES,
	ST_CHANGES_COUNT,
	ST_FTS_DEL,
	ST_PAGE_DEL,
	ST_FIELDS_DEL,
	ST_LINKS_DEL,
	ST_REDIRECT_DEL,
	ST_PAGE_PUT,
	ST_FTS_PUT,
	ST_FIELD_PUT,
	ST_LINK_PUT,
	ST_REDIRECT_PUT,
	ST_EXISTS,
	ST_EXISTS_VIS,
	ST_TITLE,
	ST_REDIRECT_GET,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
			"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[ST_CHANGE_PUT] = "INSERT INTO temp.changes(path, slug, blob, revision, author, email, "
			  "time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(path) DO UPDATE "
			  "SET blob = excluded.blob, revision = excluded.revision, "
			  "author = excluded.author, email = excluded.email, time = excluded.time",
	[ST_BORN_PUT] = "INSERT OR IGNORE INTO born(path, time) VALUES (?1, ?2)",
	[ST_CHANGES] = "SELECT path, blob, revision, author, email, time FROM temp.changes "
		       "ORDER BY path",
	[ST_CHANGES_COUNT] = "SELECT count(*) FROM temp.changes",
	[ST_FTS_DEL] = "DELETE FROM fts WHERE rowid = (SELECT id FROM pages WHERE path = ?1)",
	[ST_PAGE_DEL] = "DELETE FROM pages WHERE path = ?1",
	[ST_FIELDS_DEL] = "DELETE FROM fields WHERE pid = (SELECT id FROM pages WHERE path = ?1)",
	[ST_LINKS_DEL] = "DELETE FROM links WHERE from_path = ?1",
	[ST_REDIRECT_DEL] = "DELETE FROM redirects WHERE path = ?1",
	[ST_PAGE_PUT] = "INSERT INTO pages(path, type, title, fields, blob, revision, author, "
			"created, updated, vis, team, author_email, masked) VALUES (?1, ?2, ?3, "
			"?4, ?5, ?6, ?7, coalesce((SELECT time FROM born WHERE path = ?1), ?8), "
			"?8, ?9, ?10, ?11, ?12)",
	[ST_FTS_PUT] = "INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)",
	[ST_FIELD_PUT] = "INSERT INTO fields(pid, path, key, value) "
			 "VALUES ((SELECT id FROM pages WHERE path = ?1), ?1, ?2, ?3)",
	[ST_LINK_PUT] = "INSERT INTO links(from_path, field, target) VALUES (?1, ?2, ?3)",
	[ST_REDIRECT_PUT] = "INSERT INTO redirects(path, target, blob, revision, author, updated) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_EXISTS] = "SELECT 1 FROM pages WHERE path = ?1 UNION ALL "
		      "SELECT 1 FROM redirects WHERE path = ?1",
	[ST_EXISTS_VIS] = "SELECT 1 FROM pages p WHERE p.path = ?1 AND " WP_IX_VISIBLE("p")
			  " UNION ALL SELECT 1 FROM redirects r JOIN pages p ON p.path = r.target "
			  "WHERE r.path = ?1 AND " WP_IX_VISIBLE("p"),
	[ST_TITLE] = "SELECT title FROM pages p WHERE p.path = ?1 AND " WP_IX_VISIBLE("p"),
	[ST_REDIRECT_GET] = "SELECT r.target FROM redirects r JOIN pages p ON p.path = r.target "
			    "WHERE r.path = ?1 AND " WP_IX_VISIBLE("p"),
};

static const char schema_sql[] =
	"CREATE TABLE pages(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
	"  type TEXT NOT NULL, title TEXT NOT NULL, fields TEXT NOT NULL, blob TEXT NOT NULL, "
	"  revision TEXT NOT NULL, author TEXT NOT NULL, created INTEGER NOT NULL, "
	"  updated INTEGER NOT NULL, vis INTEGER, team TEXT, "
	/* masked: a plugin shows the page's authors by role outside their team */
	"  author_email TEXT NOT NULL, masked INTEGER NOT NULL);"
	"CREATE INDEX pages_type ON pages(type, title COLLATE NOCASE);"
	"CREATE INDEX pages_updated ON pages(updated);"
	/* covering: the pages a reader may not see, found without the rows */
	"CREATE INDEX pages_vis ON pages(vis, team);"
	"CREATE TABLE redirects(path TEXT PRIMARY KEY, target TEXT NOT NULL, blob TEXT NOT NULL, "
	"  revision TEXT NOT NULL, author TEXT NOT NULL, updated INTEGER NOT NULL);"
	"CREATE INDEX redirects_target ON redirects(target);"
	/* first time each path was added, kept when the page is deleted */
	"CREATE TABLE born(path TEXT PRIMARY KEY, time INTEGER NOT NULL);"
	/* pid: the page's id in pages (and rowid in fts), for search filters and facets */
	"CREATE TABLE fields(pid INTEGER NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL, "
	"  value TEXT NOT NULL);"
	"CREATE INDEX fields_key ON fields(key, value, pid);"
	"CREATE INDEX fields_pid ON fields(pid, key, value);"
	/* field NULL: a wikilink in the body; resolved NULL: no such page (yet) */
	"CREATE TABLE links(id INTEGER PRIMARY KEY, from_path TEXT NOT NULL, field TEXT, "
	"  target TEXT NOT NULL, resolved TEXT);"
	"CREATE INDEX links_from ON links(from_path);"
	"CREATE INDEX links_target ON links(target);"
	"CREATE INDEX links_resolved ON links(resolved);";

static const char drop_sql[] = "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS pages;"
			       "DROP TABLE IF EXISTS redirects; DROP TABLE IF EXISTS born;"
			       "DROP TABLE IF EXISTS fields; DROP TABLE IF EXISTS links;";

static const char clear_sql[] = "DELETE FROM fts; DELETE FROM pages; DELETE FROM redirects;"
				"DELETE FROM born; DELETE FROM fields; DELETE FROM links;";

struct wp_index {
	sqlite3 *db;
	const char *tokenizer; /* static: the fts5 tokenize option */
	wp_render *render;     /* finds the wikilinks of a body */
	sqlite3_stmt *stmt[ST_COUNT];
	char commit[WP_OID_HEX];
};

/* ---- errors and statements ------------------------------------------------------------------ */

/* Turns a SQLite failure into a WP_E* code and a message naming the
 * operation. A lock held past the busy timeout (another connection's long
 * rebuild) is WP_ECONFLICT: worth trying again later. */
int wp_ix_fail(wp_index *ix, int src, const char *op)
{
	wp_error_set(wp_t("index.db_error"), op, sqlite3_errmsg(ix->db));
	switch (src & 0xff) {
	case SQLITE_NOMEM: return WP_ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return WP_ECONFLICT;
	default: return WP_ERROR;
	}
}

int wp_ix_no_memory(void)
{
	wp_error_set("%s", wp_t("index.no_memory"));
	return WP_ENOMEM;
}

sqlite3 *wp_ix_db(wp_index *ix)
{
	return ix->db;
}

/* Runs one or more statements without parameters or results. */
static int exec(wp_index *ix, const char *sql)
{
	int src = sqlite3_exec(ix->db, sql, NULL, NULL, NULL);

	return src == SQLITE_OK ? 0 : wp_ix_fail(ix, src, "exec");
}

/* The cached statement id, reset and with its parameters cleared. Each
 * user resets it again when done, so no statement keeps a read snapshot. */
static int stmt(sqlite3_stmt **out, wp_index *ix, int id)
{
	int src;

	if (!ix->stmt[id]) {
		src = sqlite3_prepare_v3(ix->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					 &ix->stmt[id], NULL);
		if (src != SQLITE_OK)
			return wp_ix_fail(ix, src, "prepare");
	}
	sqlite3_reset(ix->stmt[id]);
	sqlite3_clear_bindings(ix->stmt[id]);
	*out = ix->stmt[id];
	return 0;
}

/* Steps st to its end (a write, or a read whose rows do not matter) and
 * resets it. */
static int step_done(wp_index *ix, sqlite3_stmt *st, const char *op)
{
	int src;

	do
		src = sqlite3_step(st);
	while (src == SQLITE_ROW);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : wp_ix_fail(ix, src, op);
}

void wp_ix_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* A limit for SQL: 0 (no limit) becomes -1. */
sqlite3_int64 wp_ix_limit(size_t n)
{
	return n == 0 || n > (size_t)INT64_MAX ? -1 : (sqlite3_int64)n;
}

static sqlite3_int64 sql_offset(size_t n)
{
	return n > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)n;
}

/* Reads meta value key into out (n bytes); "" when absent. */
static int meta_get(char *out, size_t n, wp_index *ix, const char *key)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc, src;

	out[0] = '\0';
	rc = stmt(&st, ix, ST_META_GET);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		snprintf(out, n, "%s", v ? (const char *)v : "");
	} else if (src != SQLITE_DONE) {
		rc = wp_ix_fail(ix, src, "meta");
	}
	sqlite3_reset(st);
	return rc;
}

static int meta_set(wp_index *ix, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	rc = stmt(&st, ix, ST_META_SET);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, key);
	wp_ix_bind_text(st, 2, value);
	return step_done(ix, st, "meta");
}

/* ---- schema ---------------------------------------------------------------------------------- */

/* The tokenize option of the full-text table for language, or NULL. */
static const char *tokenizer_for(const char *language)
{
#if WP_INDEX_STEM
	if (strcmp(language, "dutch") == 0)
		return "wp_stem dutch";
	if (strcmp(language, "english") == 0)
		return "wp_stem english";
#else
	if (strcmp(language, "dutch") == 0 || strcmp(language, "english") == 0)
		return "unicode61 remove_diacritics 2";
#endif
	return NULL;
}

/* Drops and re-creates every data table, recording an empty commit so the
 * next catch-up starts from the root. Inside a transaction. */
static int reset_tables(wp_index *ix, const char *language)
{
	wp_buf sql = WP_BUF_INIT;
	int rc;

	/* The tokenizer name is one of ours (tokenizer_for), never user text. */
	rc = wp_buf_printf(&sql, "%sCREATE VIRTUAL TABLE fts USING fts5(title, body, "
				 "tokenize = '%s');",
			   schema_sql, ix->tokenizer);
	if (rc == 0)
		rc = exec(ix, drop_sql);
	if (rc == 0)
		rc = exec(ix, wp_buf_cstr(&sql));
	/* The plugins' tables are part of the index: made and emptied with it. */
	if (rc == 0)
		rc = wp_plugins_index_schema(ix->db, 0);
	if (rc == 0)
		rc = meta_set(ix, "schema", SCHEMA_VERSION);
	if (rc == 0)
		rc = meta_set(ix, "plugins", wp_plugins_index_signature());
	if (rc == 0)
		rc = meta_set(ix, "tokenizer", ix->tokenizer);
	if (rc == 0)
		rc = meta_set(ix, "language", language);
	if (rc == 0)
		rc = meta_set(ix, "commit", "");
	wp_buf_dispose(&sql);
	return rc;
}

/* Non-zero when the file holds tables of this schema version, made with
 * this tokenizer for this language (0 also when it has no tables yet). */
static int schema_current(wp_index *ix, const char *language)
{
	char schema[16], tok[64], lang[16], plugins[64];

	return meta_get(schema, sizeof(schema), ix, "schema") == 0 &&
	       meta_get(tok, sizeof(tok), ix, "tokenizer") == 0 &&
	       meta_get(lang, sizeof(lang), ix, "language") == 0 &&
	       meta_get(plugins, sizeof(plugins), ix, "plugins") == 0 &&
	       strcmp(schema, SCHEMA_VERSION) == 0 && strcmp(tok, ix->tokenizer) == 0 &&
	       strcmp(lang, language) == 0 && strcmp(plugins, wp_plugins_index_signature()) == 0;
}

/* Creates the tables of a new file, or empties those of an index made for
 * another language or by another version of this code. The usual case,
 * all in order, takes no write lock, so opening does not wait for another
 * connection's catch-up. */
static int prepare_schema(wp_index *ix, const char *language)
{
	int rc;

	if (schema_current(ix, language))
		return 0;
	rc = exec(ix, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS meta("
		      "key TEXT PRIMARY KEY, value TEXT NOT NULL);");
	if (rc < 0)
		return rc;
	if (!schema_current(ix, language))
		rc = reset_tables(ix, language);
	if (rc == 0)
		rc = exec(ix, "COMMIT");
	if (rc < 0)
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- links ----------------------------------------------------------------------------------- */

/* Sets *found when page path is in the index (as a page or a rename stub). */
static int page_exists(int *found, wp_index *ix, const char *path)
{
	sqlite3_stmt *st;
	int rc, src;

	*found = 0;
	rc = stmt(&st, ix, ST_EXISTS);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*found = 1;
	else if (src != SQLITE_DONE)
		rc = wp_ix_fail(ix, src, "exists");
	sqlite3_reset(st);
	return rc;
}

static int index_has(void *payload, const char *path)
{
	int found = 0, rc = page_exists(&found, payload, path);

	return rc < 0 ? rc : found;
}

void wp_ix_bind_viewer(sqlite3_stmt *st, const wp_viewer *v)
{
	int logged = v && v->role != WP_ROLE_ANONIEM;

	sqlite3_bind_int(st, 601, v ? (int)v->default_vis : WP_VIS_INGELOGD);
	sqlite3_bind_int(st, 602, logged);
	if (logged && v->team && *v->team)
		sqlite3_bind_text(st, 603, v->team, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 603);
	sqlite3_bind_int(st, 604, v && v->role == WP_ROLE_BEHEERDER);
}

int wp_index_has(wp_index *ix, const wp_viewer *v, const char *path)
{
	sqlite3_stmt *st;
	int rc, src;

	assert(ix && v && path);
	rc = stmt(&st, ix, ST_EXISTS_VIS);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	wp_ix_bind_viewer(st, v);
	src = sqlite3_step(st);
	rc = src == SQLITE_ROW ? 1 : src == SQLITE_DONE ? 0 : wp_ix_fail(ix, src, "exists");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* The text column of the one row statement id gives for path, in *out
 * (malloc'd), or WP_ENOTFOUND; op names the lookup in a message. */
static int path_text(char **out, wp_index *ix, const wp_viewer *v, int id, const char *path,
		     const char *op)
{
	sqlite3_stmt *st;
	int rc, src;

	*out = NULL;
	rc = stmt(&st, ix, id);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	wp_ix_bind_viewer(st, v);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*out = strdup((const char *)sqlite3_column_text(st, 0));
		rc = *out ? 0 : wp_ix_no_memory();
	} else if (src == SQLITE_DONE) {
		wp_error_set(wp_t("index.not_found"), path);
		rc = WP_ENOTFOUND;
	} else {
		rc = wp_ix_fail(ix, src, op);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

int wp_index_title(char **out, wp_index *ix, const wp_viewer *v, const char *path)
{
	assert(out && ix && v && path);
	return path_text(out, ix, v, ST_TITLE, path, "title");
}

/* SQL function wp_resolve(from_path, target): the resolved path or NULL. */
static void sql_resolve(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	wp_index *ix = sqlite3_user_data(ctx);
	const char *from = (const char *)sqlite3_value_text(argv[0]);
	const char *target = (const char *)sqlite3_value_text(argv[1]);
	char out[2 * WP_PATH_MAX + 2];
	int found;

	(void)argc;
	if (!from || !target) {
		sqlite3_result_null(ctx);
		return;
	}
	/* The wiki's one link rule (types.c), against the pages in the index. */
	found = wp_link_resolve(out, sizeof(out), from, target, index_has, ix);
	if (found < 0)
		sqlite3_result_error(ctx, wp_error_last(), -1);
	else if (found)
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* Re-resolves the links that a catch-up may have changed: those from a
 * changed page and those whose target is a changed page's path or slug
 * (all links after a rebuild). */
static int resolve_links(wp_index *ix, int all)
{
	if (all)
		return exec(ix, "UPDATE links SET resolved = wp_resolve(from_path, target)");
	return exec(ix, "UPDATE links SET resolved = wp_resolve(from_path, target) "
			"WHERE from_path IN (SELECT path FROM temp.changes) "
			"OR target IN (SELECT path FROM temp.changes) "
			"OR target IN (SELECT slug FROM temp.changes)");
}

/* ---- page text ------------------------------------------------------------------------------- */

/* Appends a wikilink's visible text: the label, else the target. */
static int put_wikilink(wp_buf *out, const char *s, size_t len)
{
	const char *bar = memchr(s, '|', len);

	if (bar)
		return wp_buf_put(out, bar + 1, len - (size_t)(bar + 1 - s));
	return wp_buf_put(out, s, len);
}

/* The end of the construct opened at md[from] that closes with close,
 * looked for on the same line and at most LOOKAHEAD bytes on (so that a
 * page full of openers stays linear); NULL when there is none. */
static const char *closing(const char *md, size_t len, size_t from, const char *close)
{
	size_t n = len - from < LOOKAHEAD ? len - from : LOOKAHEAD;
	const char *nl = memchr(md + from, '\n', n);

	if (nl)
		n = (size_t)(nl - (md + from));
	return memmem(md + from, n, close, strlen(close));
}

/* Appends the Markdown body md as plain text for the full-text table:
 * heading and quote marks, emphasis, code ticks, link targets and wikilink
 * brackets go; the snippet markers and other control bytes become
 * spaces. It only needs to read well in a snippet. */
static int put_plain(wp_buf *out, const char *md, size_t len)
{
	size_t i = 0;
	int rc = 0, line_start = 1;
	const char *end;

	while (i < len && rc == 0) {
		unsigned char c = (unsigned char)md[i];

		if (line_start && (c == '#' || c == '>' || c == ' ')) {
			i++;
			continue;
		}
		line_start = c == '\n';
		if (c == '[' && i + 1 < len && md[i + 1] == '[') {
			end = closing(md, len, i + 2, "]]");
			if (end) {
				rc = put_wikilink(out, md + i + 2, (size_t)(end - md) - i - 2);
				i = (size_t)(end - md) + 2;
				continue;
			}
		}
		if (c == ']' && i + 1 < len && md[i + 1] == '(') {
			end = closing(md, len, i + 2, ")");
			if (end) {
				i = (size_t)(end - md) + 1;
				continue;
			}
		}
		if (c == '*' || c == '`' || c == '~' || c == '[' || c == ']')
			c = 0;
		else if (c < 0x20 && c != '\n' && c != '\t')
			c = ' ';
		if (c)
			rc = wp_buf_putc(out, (char)c);
		i++;
	}
	return rc;
}

/* ---- indexing one page ----------------------------------------------------------------------- */

/* Non-zero when s could name a page ("slug" or "folder/slug"): only then
 * is a front-matter value worth resolving as a link. */
static int looks_like_path(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-/");

	return n > 0 && s[n] == '\0' && n <= WP_PATH_MAX;
}

/* Adds one scalar front-matter value to fields (and to links when it could
 * name a page). Objects and null are not values one filters on. */
static int put_value(wp_index *ix, const char *path, const char *key, json_t *v)
{
	char num[32];
	const char *text;
	sqlite3_stmt *st;
	int rc;

	if (json_is_string(v)) {
		text = json_string_value(v);
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		text = num;
	} else if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		text = num;
	} else if (json_is_boolean(v)) {
		text = json_is_true(v) ? "true" : "false";
	} else {
		return 0;
	}
	rc = stmt(&st, ix, ST_FIELD_PUT);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	wp_ix_bind_text(st, 2, key);
	wp_ix_bind_text(st, 3, text);
	rc = step_done(ix, st, "fields");
	if (rc < 0 || !json_is_string(v) || strcmp(key, "titel") == 0 || !looks_like_path(text))
		return rc;
	rc = stmt(&st, ix, ST_LINK_PUT);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	wp_ix_bind_text(st, 2, key);
	wp_ix_bind_text(st, 3, text);
	return step_done(ix, st, "links");
}

/* Adds every scalar and list-of-scalar front-matter field. */
static int put_fields(wp_index *ix, const char *path, json_t *meta)
{
	const wp_type *t = wp_type_find(wp_type_of_path(path));
	const char *key;
	json_t *v, *x;
	size_t i;
	int rc = 0;

	json_object_foreach(meta, key, v) {
		const wp_field *f = wp_type_field(t, key);

		/* A hidden field is the plugin's own: no tag page, no facet. */
		if (f && (f->flags & WP_FIELD_HIDDEN))
			continue;
		if (json_is_array(v)) {
			json_array_foreach(v, i, x) {
				rc = put_value(ix, path, key, x);
				if (rc < 0)
					return rc;
			}
		} else {
			rc = put_value(ix, path, key, v);
			if (rc < 0)
				return rc;
		}
	}
	return rc;
}

/* Adds the wikilinks of a page body (unresolved; resolve_links() follows). */
static int put_body_links(wp_index *ix, const wp_page *p)
{
	wp_rendered *rd = NULL;
	sqlite3_stmt *st;
	size_t i, n;
	int rc;

	rc = wp_render_markdown(&rd, ix->render, NULL, wp_page_body(p), wp_page_body_len(p));
	n = rc == 0 ? wp_rendered_link_count(rd) : 0;
	for (i = 0; i < n && rc == 0; i++) {
		rc = stmt(&st, ix, ST_LINK_PUT);
		if (rc < 0)
			break;
		wp_ix_bind_text(st, 1, wp_page_path(p));
		sqlite3_bind_null(st, 2);
		wp_ix_bind_text(st, 3, wp_rendered_link(rd, i));
		rc = step_done(ix, st, "links");
	}
	wp_rendered_release(rd);
	return rc;
}

/* A change of one page as the walk collected it. */
typedef struct {
	const char *path, *blob, *revision, *author, *email;
	int64_t time;
} change;

/* Records a rename stub. */
static int put_redirect(wp_index *ix, const change *c, const char *target)
{
	sqlite3_stmt *st;
	int rc;

	rc = stmt(&st, ix, ST_REDIRECT_PUT);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, c->path);
	wp_ix_bind_text(st, 2, target);
	wp_ix_bind_text(st, 3, c->blob);
	wp_ix_bind_text(st, 4, c->revision);
	wp_ix_bind_text(st, 5, c->author);
	sqlite3_bind_int64(st, 6, c->time);
	return step_done(ix, st, "redirects");
}

/* Binds the page's declared visibility (NULL when it names none, so the
 * wiki's default applies when asked) and team to parameters i and i + 1. */
static void bind_visibility(sqlite3_stmt *st, int i, const json_t *meta)
{
	const char *team;
	wp_vis vis = wp_page_vis(meta, WP_VIS_INGELOGD, &team);

	if (json_object_get(meta, WP_VIS_FIELD))
		sqlite3_bind_int(st, i, (int)vis);
	else
		sqlite3_bind_null(st, i);
	if (team)
		wp_ix_bind_text(st, i + 1, team);
	else
		sqlite3_bind_null(st, i + 1);
}

/* Adds the row of page p to pages and fts. */
static int put_page_row(wp_index *ix, const change *c, const wp_page *p)
{
	wp_buf body = WP_BUF_INIT;
	sqlite3_stmt *st;
	char *fields;
	int rc;

	fields = json_dumps(wp_page_meta(p), JSON_COMPACT);
	if (!fields)
		return wp_ix_no_memory();
	rc = stmt(&st, ix, ST_PAGE_PUT);
	if (rc == 0) {
		wp_ix_bind_text(st, 1, c->path);
		wp_ix_bind_text(st, 2, wp_page_type(p));
		wp_ix_bind_text(st, 3, wp_page_title(p));
		wp_ix_bind_text(st, 4, fields);
		wp_ix_bind_text(st, 5, c->blob);
		wp_ix_bind_text(st, 6, c->revision);
		wp_ix_bind_text(st, 7, c->author);
		sqlite3_bind_int64(st, 8, c->time);
		bind_visibility(st, 9, wp_page_meta(p));
		wp_ix_bind_text(st, 11, c->email);
		sqlite3_bind_int(st, 12, wp_plugins_author_masked(c->path, wp_page_type(p),
								  wp_page_meta(p)));
		rc = step_done(ix, st, "pages");
	}
	if (rc == 0)
		rc = put_plain(&body, wp_page_body(p), wp_page_body_len(p));
	if (rc == 0)
		rc = stmt(&st, ix, ST_FTS_PUT);
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(ix->db));
		wp_ix_bind_text(st, 2, wp_page_title(p));
		wp_ix_bind_text(st, 3, wp_buf_cstr(&body));
		rc = step_done(ix, st, "fts");
	}
	wp_buf_dispose(&body);
	free(fields);
	return rc;
}

/* Removes page path (or its stub) from every table. */
static int remove_page(wp_index *ix, const char *path)
{
	static const int ids[] = { ST_FTS_DEL, ST_FIELDS_DEL, ST_PAGE_DEL, ST_LINKS_DEL,
				   ST_REDIRECT_DEL };
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]) && rc == 0; i++) {
		rc = stmt(&st, ix, ids[i]);
		if (rc == 0) {
			wp_ix_bind_text(st, 1, path);
			rc = step_done(ix, st, "delete");
		}
	}
	if (rc == 0)
		rc = wp_plugins_index_remove(ix->db, path);
	return rc;
}

/* Indexes page c->path as it is at commit head. A page too big to read is
 * left out (the store refuses it everywhere else too). */
static int add_page(wp_index *ix, wp_store *s, const char *head, const change *c)
{
	wp_page *p = NULL;
	const char *target;
	int rc;

	rc = wp_page_load(&p, s, c->path, head, 0);
	if (rc == WP_ETOOBIG)
		return 0;
	if (rc < 0)
		return rc;
	target = wp_page_redirect(p);
	if (target) {
		rc = put_redirect(ix, c, target);
	} else {
		rc = put_page_row(ix, c, p);
		if (rc == 0)
			rc = put_fields(ix, c->path, wp_page_meta(p));
		if (rc == 0)
			rc = put_body_links(ix, p);
		if (rc == 0)
			rc = wp_plugins_index_page(ix->db, c->path, wp_page_type(p),
						   wp_page_parse_error(p) ? NULL : wp_page_meta(p),
						   wp_page_body(p), wp_page_body_len(p));
	}
	wp_page_free(p);
	return rc;
}

/* ---- catching up ----------------------------------------------------------------------------- */

/* wp_store_walk() callback: keeps the last change of each page. */
static int collect(void *payload, const char *commit, const char *author, const char *email,
		   int64_t time, const char *path, const char *blob)
{
	wp_index *ix = payload;
	sqlite3_stmt *st;
	int rc;

	rc = stmt(&st, ix, ST_CHANGE_PUT);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	wp_ix_bind_text(st, 2, wp_path_slug(path));
	wp_ix_bind_text(st, 3, blob);
	wp_ix_bind_text(st, 4, commit);
	wp_ix_bind_text(st, 5, author);
	wp_ix_bind_text(st, 6, email);
	sqlite3_bind_int64(st, 7, time);
	rc = step_done(ix, st, "changes");
	if (rc < 0 || !blob[0])
		return rc;
	rc = stmt(&st, ix, ST_BORN_PUT);
	if (rc < 0)
		return rc;
	wp_ix_bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, time);
	return step_done(ix, st, "born");
}

typedef void (*progress_fn)(void *payload, size_t done, size_t total);

/* The number of collected changes. */
static int count_changes(size_t *out, wp_index *ix)
{
	sqlite3_stmt *st;
	int rc, src;

	*out = 0;
	rc = stmt(&st, ix, ST_CHANGES_COUNT);
	if (rc < 0)
		return rc;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = (size_t)sqlite3_column_int64(st, 0);
	else
		rc = wp_ix_fail(ix, src, "changes");
	sqlite3_reset(st);
	return rc;
}

/* Re-indexes every collected page as it is at head. Sets *count to the
 * number of pages done. */
static int apply_changes(size_t *count, wp_index *ix, wp_store *s, const char *head,
			 progress_fn progress, void *payload)
{
	sqlite3_stmt *st;
	size_t total;
	change c;
	int rc, src = SQLITE_DONE;

	*count = 0;
	rc = count_changes(&total, ix);
	/* A big batch would spill SQLite's small default page cache to the WAL
	 * and read it back (half a million writes and reads for 10,000 pages);
	 * replay_tx() sets the cache back afterwards. */
	if (rc == 0 && total > BULK_CHANGES)
		rc = exec(ix, "PRAGMA cache_size = " BULK_CACHE);
	if (rc == 0 && progress)
		progress(payload, 0, total);
	if (rc == 0)
		rc = stmt(&st, ix, ST_CHANGES);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		c.path = (const char *)sqlite3_column_text(st, 0);
		c.blob = (const char *)sqlite3_column_text(st, 1);
		c.revision = (const char *)sqlite3_column_text(st, 2);
		c.author = (const char *)sqlite3_column_text(st, 3);
		c.email = (const char *)sqlite3_column_text(st, 4);
		c.time = sqlite3_column_int64(st, 5);
		rc = remove_page(ix, c.path);
		if (rc == 0 && c.blob[0])
			rc = add_page(ix, s, head, &c);
		if (rc == 0 && progress)
			progress(payload, *count + 1, total);
		if (rc == 0)
			(*count)++;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = wp_ix_fail(ix, src, "changes");
	if (ix->stmt[ST_CHANGES])
		sqlite3_reset(ix->stmt[ST_CHANGES]);
	return rc;
}

/* Inside a write transaction: replays the history after the recorded
 * commit (all of it when full, when nothing is recorded, or when the
 * recorded commit is no longer in the history), and records head. */
static int replay(size_t *count, char head[WP_OID_HEX], wp_index *ix, wp_store *s, int full,
		  progress_fn progress, void *payload)
{
	char since[WP_OID_HEX] = "";
	int rc, incremental = 0;

	rc = exec(ix, "DELETE FROM temp.changes");
	if (rc == 0 && !full)
		rc = meta_get(since, sizeof(since), ix, "commit");
	if (rc == 0 && since[0]) {
		rc = wp_store_walk(head, s, since, collect, ix);
		incremental = rc == 0;
		/* History was rewritten (or the record is odd): start over. The
		 * walk fails so before reporting any change. */
		if (rc == WP_ENOTFOUND || rc == WP_EINVALID)
			rc = 0;
	}
	full = !incremental;
	if (rc == 0 && full) {
		rc = exec(ix, clear_sql);
		/* Plugins' tables are emptied by making them again. */
		if (rc == 0)
			rc = wp_plugins_index_schema(ix->db, 0);
		if (rc == 0)
			rc = wp_store_walk(head, s, "", collect, ix);
		/* From scratch, pages deleted along the way have nothing to remove. */
		if (rc == 0)
			rc = exec(ix, "DELETE FROM temp.changes WHERE blob = ''");
	}
	if (rc == 0)
		rc = apply_changes(count, ix, s, head, progress, payload);
	if (rc == 0)
		rc = resolve_links(ix, full);
	if (rc == 0)
		rc = meta_set(ix, "commit", head);
	if (rc == 0)
		rc = exec(ix, "DELETE FROM temp.changes");
	return rc;
}

/* Runs replay() in one transaction. */
static int replay_tx(wp_index *ix, wp_store *s, int full, progress_fn progress, void *payload)
{
	char head[WP_OID_HEX] = "", now[WP_OID_HEX];
	size_t count = 0;
	int rc, up_to_date = 0;

	rc = exec(ix, "BEGIN IMMEDIATE");
	if (rc < 0)
		return rc;
	if (!full) {
		/* Another connection may have caught up while this one waited. */
		rc = wp_store_head(now, s);
		if (rc == 0)
			rc = meta_get(ix->commit, sizeof(ix->commit), ix, "commit");
		up_to_date = rc == 0 && strcmp(now, ix->commit) == 0;
	}
	if (rc == 0 && !up_to_date)
		rc = replay(&count, head, ix, s, full, progress, payload);
	if (rc == 0)
		rc = exec(ix, "COMMIT");
	sqlite3_exec(ix->db, "PRAGMA cache_size = " DEFAULT_CACHE, NULL, NULL, NULL);
	if (rc < 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		meta_get(ix->commit, sizeof(ix->commit), ix, "commit");
		return rc;
	}
	if (!up_to_date)
		snprintf(ix->commit, sizeof(ix->commit), "%s", head);
	return count > INT32_MAX ? INT32_MAX : (int)count;
}

int wp_index_catch_up(wp_index *ix, wp_store *s)
{
	char now[WP_OID_HEX];
	int rc;

	assert(ix && s);
	rc = wp_store_head(now, s);
	if (rc == 0)
		rc = meta_get(ix->commit, sizeof(ix->commit), ix, "commit");
	if (rc < 0 || strcmp(now, ix->commit) == 0)
		return rc;
	return replay_tx(ix, s, 0, NULL, NULL);
}

int wp_index_rebuild(wp_index *ix, wp_store *s,
		     void (*progress)(void *payload, size_t done, size_t total), void *payload)
{
	assert(ix && s);
	return replay_tx(ix, s, 1, progress, payload);
}

const char *wp_index_commit(const wp_index *ix)
{
	return ix->commit;
}

/* ---- opening --------------------------------------------------------------------------------- */

int wp_index_open(wp_index **out, const char *file, const char *language)
{
	wp_index *ix;
	int rc = 0, src;

	assert(out && file && language);
	*out = NULL;
	if (!tokenizer_for(language)) {
		wp_error_set(wp_t("index.bad_language"), language);
		return WP_EINVALID;
	}
	ix = calloc(1, sizeof(*ix));
	if (!ix)
		return wp_ix_no_memory();
	ix->tokenizer = tokenizer_for(language);
	/* A wp_index is used by one thread at a time, so SQLite's own
	 * per-call locking of the connection would only cost time. */
	src = sqlite3_open_v2(file, &ix->db,
			      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(ix->db, BUSY_TIMEOUT_MS);
	if (src == SQLITE_OK)
		src = sqlite3_exec(ix->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
					   "CREATE TEMP TABLE changes(path TEXT PRIMARY KEY, "
					   "slug TEXT NOT NULL, blob TEXT NOT NULL, "
					   "revision TEXT NOT NULL, author TEXT NOT NULL, "
					   "email TEXT NOT NULL, time INTEGER NOT NULL);",
				   NULL, NULL, NULL);
#if WP_INDEX_STEM
	if (src == SQLITE_OK && wp_tokenize_register(ix->db) != 0)
		src = SQLITE_ERROR;
#endif
	if (src == SQLITE_OK)
		src = sqlite3_create_function(ix->db, "wp_resolve", 2,
					      SQLITE_UTF8 | SQLITE_DIRECTONLY, ix, sql_resolve,
					      NULL, NULL);
	if (src != SQLITE_OK) {
		wp_error_set(wp_t("index.open_failed"), file,
			     ix->db ? sqlite3_errmsg(ix->db) : sqlite3_errstr(src));
		rc = WP_ERROR;
	}
	if (rc == 0)
		rc = wp_render_new(&ix->render, 0, 0);
	if (rc == 0)
		rc = prepare_schema(ix, language);
	if (rc == 0)
		rc = meta_get(ix->commit, sizeof(ix->commit), ix, "commit");
	if (rc < 0) {
		wp_index_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

void wp_index_free(wp_index *ix)
{
	size_t i;

	if (!ix)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ix->stmt[i]);
	sqlite3_close(ix->db);
	wp_render_free(ix->render);
	free(ix);
}

/* ---- queries --------------------------------------------------------------------------------- */

/* A column of the current row as JSON: integers stay numbers, text is a
 * string, NULL is null. */
static json_t *column_json(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT: return json_real(sqlite3_column_double(st, i));
	case SQLITE_NULL: return json_null();
	default: return json_string((const char *)sqlite3_column_text(st, i));
	}
}

/* The current row as an object keyed by the column names. */
static json_t *row_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int i, n = sqlite3_column_count(st);

	for (i = 0; o && i < n; i++) {
		if (json_object_set_new(o, sqlite3_column_name(st, i), column_json(st, i)) < 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Runs the bound statement st and collects its rows as an array of
 * objects; finalizes st. With match set, st holds an FTS5 MATCH from the
 * caller and an error while stepping is blamed on it. */
int wp_ix_rows_json(json_t **out, wp_index *ix, sqlite3_stmt *st, int match)
{
	json_t *list = json_array();
	int rc = 0, src = SQLITE_DONE;

	*out = NULL;
	if (!list)
		rc = wp_ix_no_memory();
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW)
		if (json_array_append_new(list, row_json(st)) < 0)
			rc = wp_ix_no_memory();
	if (rc == 0 && src != SQLITE_DONE)
		rc = match ? wp_ix_search_fail(ix, src) : wp_ix_fail(ix, src, "query");
	sqlite3_finalize(st);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* Prepares a one-off query. */
int wp_ix_prepare(sqlite3_stmt **st, wp_index *ix, const char *sql)
{
	int src = sqlite3_prepare_v2(ix->db, sql, -1, st, NULL);

	return src == SQLITE_OK ? 0 : wp_ix_fail(ix, src, "prepare");
}

int wp_index_list_type(json_t **out, wp_index *ix, const wp_viewer *v, const char *type,
		       size_t limit, size_t offset)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v && type);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix, "SELECT path, title, updated, author FROM pages p "
			      "WHERE type = ?1 AND " WP_IX_VISIBLE("p")
			      " ORDER BY title COLLATE NOCASE, path LIMIT ?2 OFFSET ?3");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, type);
	sqlite3_bind_int64(st, 2, wp_ix_limit(limit));
	sqlite3_bind_int64(st, 3, sql_offset(offset));
	return wp_ix_rows_json(out, ix, st, 0);
}

int wp_index_type_counts(json_t **out, wp_index *ix, const wp_viewer *v)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix, "SELECT type, count(*) AS count FROM pages p WHERE "
			      WP_IX_VISIBLE("p") " GROUP BY type");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	return wp_ix_rows_json(out, ix, st, 0);
}

int wp_index_recent(json_t **out, wp_index *ix, const wp_viewer *v, size_t limit)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix, "SELECT path, title, type, updated, author, author_email, "
			      "masked, revision FROM pages p WHERE " WP_IX_VISIBLE("p")
			      " ORDER BY updated DESC, path LIMIT ?1");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	sqlite3_bind_int64(st, 1, wp_ix_limit(limit));
	return wp_ix_rows_json(out, ix, st, 0);
}

int wp_index_backlinks(json_t **out, wp_index *ix, const wp_viewer *v, const char *path)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v && path);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix,
		     "SELECT DISTINCT p.path, p.title, p.type FROM links l "
		     "JOIN pages p ON p.path = l.from_path "
		     "WHERE (l.resolved = ?1 OR l.resolved IN "
		     "  (SELECT path FROM redirects WHERE target = ?1)) AND l.from_path <> ?1 "
		     "AND " WP_IX_VISIBLE("p") " ORDER BY p.title COLLATE NOCASE, p.path");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, path);
	return wp_ix_rows_json(out, ix, st, 0);
}

int wp_index_tag(json_t **out, wp_index *ix, const wp_viewer *v, const char *key,
		 const char *value)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v && key && value);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix,
		     "SELECT DISTINCT p.path, p.title, p.type FROM fields f "
		     "JOIN pages p ON p.id = f.pid WHERE f.key = ?1 AND f.value = ?2 AND "
		     WP_IX_VISIBLE("p") " ORDER BY p.title COLLATE NOCASE, p.path");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, key);
	wp_ix_bind_text(st, 2, value);
	return wp_ix_rows_json(out, ix, st, 0);
}

int wp_index_page(json_t **out, wp_index *ix, const wp_viewer *v, const char *path)
{
	json_t *list = NULL, *page, *fields;
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v && path);
	*out = NULL;
	rc = wp_ix_prepare(&st, ix, "SELECT path, type, title, revision, author, author_email, "
			      "masked, created, updated, fields, blob FROM pages p WHERE path = ?1 "
			      "AND " WP_IX_VISIBLE("p"));
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, path);
	rc = wp_ix_rows_json(&list, ix, st, 0);
	if (rc < 0)
		return rc;
	page = json_array_get(list, 0);
	if (!page) {
		json_decref(list);
		wp_error_set(wp_t("index.not_found"), path);
		return WP_ENOTFOUND;
	}
	fields = json_loads(json_string_value(json_object_get(page, "fields")), 0, NULL);
	if (!fields || json_object_set_new(page, "fields", fields) < 0) {
		json_decref(list);
		return wp_ix_no_memory();
	}
	*out = json_incref(page);
	json_decref(list);
	return 0;
}

int wp_index_redirect(char **out, wp_index *ix, const wp_viewer *v, const char *path)
{
	assert(out && ix && v && path);
	return path_text(out, ix, v, ST_REDIRECT_GET, path, "redirect");
}


int wp_index_tag_values(json_t **out, wp_index *ix, const wp_viewer *v, const char *key)
{
	sqlite3_stmt *st;
	int rc;

	assert(out && ix && v && key);
	*out = NULL;
	/* A page holding a value twice (a list with a repeat) counts once;
	 * the join leaves out anything that is not a page. */
	rc = wp_ix_prepare(&st, ix,
		     "SELECT f.value AS value, count(DISTINCT f.path) AS count FROM fields f "
		     "JOIN pages p ON p.path = f.path WHERE f.key = ?1 AND " WP_IX_VISIBLE("p")
		     " GROUP BY f.value ORDER BY count DESC, f.value COLLATE NOCASE, f.value");
	if (rc < 0)
		return rc;
	wp_ix_bind_viewer(st, v);
	wp_ix_bind_text(st, 1, key);
	return wp_ix_rows_json(out, ix, st, 0);
}
