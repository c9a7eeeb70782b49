/* dump.c - the search index as canonical text (see dump.h), and the
 * comparison of a server's index with a fresh reindex. */
#include "dump.h"

#include "check.h"
#include "server.h"
#include "tokenize.h"

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COPY_TIMEOUT_MS 120000L
#define SHOW_MAX 400 /* bytes of a differing line shown */

/* A growing string; out of memory fails the test. */
typedef struct {
	char *p;
	size_t len, cap;
} text;

static void text_add(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
		cr_assert_not_null(t->p, "out of memory");
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void text_str(text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/* A value as text that keeps every row on one line: NULL, integers and
 * reals as such, text quoted with \ escapes, blobs as x'hex'. */
static void add_value(text *t, sqlite3_stmt *st, int i)
{
	char num[64];
	const unsigned char *s;
	int n, k;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		text_str(t, "NULL");
		break;
	case SQLITE_INTEGER:
		snprintf(num, sizeof(num), "%lld", (long long)sqlite3_column_int64(st, i));
		text_str(t, num);
		break;
	case SQLITE_FLOAT:
		snprintf(num, sizeof(num), "%.17g", sqlite3_column_double(st, i));
		text_str(t, num);
		break;
	case SQLITE_BLOB:
		s = sqlite3_column_blob(st, i);
		n = sqlite3_column_bytes(st, i);
		text_str(t, "x'");
		for (k = 0; k < n; k++) {
			snprintf(num, sizeof(num), "%02x", s[k]);
			text_str(t, num);
		}
		text_str(t, "'");
		break;
	default:
		s = sqlite3_column_text(st, i);
		n = sqlite3_column_bytes(st, i);
		text_str(t, "\"");
		for (k = 0; k < n; k++) {
			if (s[k] == '\n')
				text_str(t, "\\n");
			else if (s[k] == '\t')
				text_str(t, "\\t");
			else if (s[k] == '\\' || s[k] == '"')
				text_str(t, s[k] == '"' ? "\\\"" : "\\\\");
			else
				text_add(t, (const char *)&s[k], 1);
		}
		text_str(t, "\"");
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends one line per row of sql, each "label: col=value col=value ...",
 * sorted; columns named id or pid are left out. */
static void add_rows(text *out, sqlite3 *db, const char *label, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char **rows = NULL;
	size_t n = 0, cap = 0, i;
	int src, cols, k;

	src = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	cr_assert_eq(src, SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
	cols = sqlite3_column_count(st);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		text row = { NULL, 0, 0 };

		text_str(&row, label);
		text_str(&row, ":");
		for (k = 0; k < cols; k++) {
			const char *name = sqlite3_column_name(st, k);

			if (strcmp(name, "id") == 0 || strcmp(name, "pid") == 0)
				continue;
			text_str(&row, " ");
			text_str(&row, name);
			text_str(&row, "=");
			add_value(&row, st, k);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			rows = realloc(rows, cap * sizeof(*rows));
			cr_assert_not_null(rows, "out of memory");
		}
		rows[n++] = row.p;
	}
	cr_assert_eq(src, SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_str);
	for (i = 0; i < n; i++) {
		text_str(out, rows[i]);
		text_str(out, "\n");
		free(rows[i]);
	}
	free(rows);
}

/* Names of the virtual tables, whose shadow tables ("<name>_…") hold
 * FTS5's inner data: their content is dumped through the table itself. */
static int is_shadow(const char *name, char **virtuals, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(virtuals[i]);
		if (strncmp(name, virtuals[i], len) == 0 && name[len] == '_')
			return 1;
	}
	return 0;
}

char *wp_load_index_dump(const char *file)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	text out = { NULL, 0, 0 };
	char **tables = NULL, **virtuals = NULL;
	size_t nt = 0, nv = 0, i;
	int src;

	src = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL);
	cr_assert_eq(src, SQLITE_OK, "cannot open %s: %s", file,
		     db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(wp_tokenize_register(db), 0, "cannot register the index's tokenizer");
	add_rows(&out, db, "integrity_check", "PRAGMA integrity_check");
	add_rows(&out, db, "schema",
		 "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE "
		 "'sqlite_%'");

	src = sqlite3_prepare_v2(db,
				 "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master "
				 "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
				 -1, &st, NULL);
	cr_assert_eq(src, SQLITE_OK, "%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *name = wp_ts_fmt("%s", (const char *)sqlite3_column_text(st, 0));
		char ***list = sqlite3_column_int(st, 1) ? &virtuals : &tables;
		size_t *count = sqlite3_column_int(st, 1) ? &nv : &nt;

		*list = realloc(*list, (*count + 1) * sizeof(**list));
		cr_assert_not_null(*list, "out of memory");
		(*list)[(*count)++] = name;
	}
	sqlite3_finalize(st);

	for (i = 0; i < nv; i++) {
		char *check = wp_ts_fmt("INSERT INTO \"%s\"(\"%s\") VALUES ('integrity-check')",
					virtuals[i], virtuals[i]);
		char *sql;

		src = sqlite3_exec(db, check, NULL, NULL, NULL);
		text_str(&out, "fts5_integrity_check: ");
		text_str(&out, virtuals[i]);
		text_str(&out, src == SQLITE_OK ? " ok\n" : " FAILED: ");
		if (src != SQLITE_OK) {
			text_str(&out, sqlite3_errmsg(db));
			text_str(&out, "\n");
		}
		/* fts rows by their page's path (its rowid is the page's id). */
		if (strcmp(virtuals[i], "fts") == 0)
			sql = wp_ts_fmt("SELECT coalesce(p.path, '(no page)') AS page, f.* FROM fts f "
					"LEFT JOIN pages p ON p.id = f.rowid");
		else
			sql = wp_ts_fmt("SELECT * FROM \"%s\"", virtuals[i]);
		add_rows(&out, db, virtuals[i], sql);
		free(sql);
		free(check);
	}
	for (i = 0; i < nt; i++) {
		if (!is_shadow(tables[i], virtuals, nv)) {
			char *sql = wp_ts_fmt("SELECT * FROM \"%s\"", tables[i]);

			add_rows(&out, db, tables[i], sql);
			free(sql);
		}
		free(tables[i]);
	}
	for (i = 0; i < nv; i++)
		free(virtuals[i]);
	free(tables);
	free(virtuals);
	sqlite3_close(db);
	return out.p ? out.p : wp_ts_fmt("%s", "");
}

/* Writes text to a new file under /tmp named after what; returns its path
 * (caller frees). */
static char *keep(const char *what, const char *content)
{
	char *path = wp_ts_fmt("/tmp/wp-load-%s.XXXXXX", what);
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (f) {
		fputs(content, f);
		fclose(f);
	}
	return path;
}

/* Line number (from 1) of the first line where a and b differ, with both
 * lines; 0 when equal. */
static size_t first_difference(const char *a, const char *b, char **la, char **lb)
{
	size_t line = 1;
	const char *ea, *eb;

	while (*a || *b) {
		ea = strchr(a, '\n');
		eb = strchr(b, '\n');
		ea = ea ? ea : a + strlen(a);
		eb = eb ? eb : b + strlen(b);
		if (ea - a != eb - b || memcmp(a, b, (size_t)(ea - a)) != 0) {
			*la = wp_ts_fmt("%.*s", (int)(ea - a > SHOW_MAX ? SHOW_MAX : ea - a), a);
			*lb = wp_ts_fmt("%.*s", (int)(eb - b > SHOW_MAX ? SHOW_MAX : eb - b), b);
			return line;
		}
		a = *ea ? ea + 1 : ea;
		b = *eb ? eb + 1 : eb;
		line++;
	}
	return 0;
}

void wp_load_check_index_equals_reindex(const char *data_dir)
{
	char *tmp = wp_ts_tmpdir(), *copy = wp_ts_fmt("%s/data", tmp), *out = NULL;
	const char *cp[] = { "cp", "-a", data_dir, copy, NULL };
	const char *reindex[] = { "reindex", "--data", copy, NULL };
	const char *suffix[] = { "", "-wal", "-shm" };
	char *file = wp_ts_fmt("%s/index.db", data_dir), *fresh_file;
	char *kept, *fresh, *la = NULL, *lb = NULL;
	wp_ts_run_result *r;
	size_t i, line;
	int code;

	code = wp_load_exec(cp, &out, COPY_TIMEOUT_MS);
	cr_assert_eq(code, 0, "cp -a %s %s: %s", data_dir, copy, out);
	free(out);
	for (i = 0; i < 3; i++) {
		char *f = wp_ts_fmt("%s/index.db%s", copy, suffix[i]);

		unlink(f);
		free(f);
	}
	r = wp_ts_run(reindex);
	cr_assert_eq(r->exit_code, 0, "werkplaats reindex on a copy failed (exit %d):\n%s%s",
		     r->exit_code, r->out, r->err);
	wp_ts_run_free(r);

	kept = wp_load_index_dump(file);
	fresh_file = wp_ts_fmt("%s/index.db", copy);
	fresh = wp_load_index_dump(fresh_file);
	line = first_difference(kept, fresh, &la, &lb);
	if (line) {
		char *ka = keep("server-index", kept), *kb = keep("reindex", fresh);

		cr_assert_fail("the server's index differs from a fresh `werkplaats reindex`, "
			       "first at line %zu of the dumps:\n  server's index: %s\n  fresh "
			       "reindex:   %s\n(dumps kept: %s and %s)",
			       line, la, lb, ka, kb);
	}
	cr_assert(strstr(kept, "integrity_check: integrity_check=\"ok\"\n") &&
			  !strstr(kept, "FAILED"),
		  "the index is not sound:\n%.2000s", kept);
	free(la);
	free(lb);
	free(kept);
	free(fresh);
	free(fresh_file);
	free(file);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(copy);
}
