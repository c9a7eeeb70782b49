/* http_pages.c - the HTML pages: view, raw, history, diff, lists, static
 * files and health. The forms that change pages are in http_forms.c. */
#include "error.h"
#include "http_int.h"
#include "path.h"
#include "plugin_host.h"
#include "schema.h"
#include "texts.h"
#include "types.h"
#include "wiki.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RECENT_ON_HOME 15
#define RECENT_ON_PAGE 100

/* Validates r->rest as a page path; sends 400 itself. */
static int take_path(wp_req *r, const char **path)
{
	*path = r->rest;
	if (wp_path_check(r->rest) < 0) {
		wp_send_error(r, 400, wp_error_last());
		return -1;
	}
	return 0;
}

/* A revision from the query (?name=), or NULL; sends 400 for a malformed
 * one. *ok is set to 0 when the request was answered. */
static char *query_rev(wp_req *r, const char *name, int *ok)
{
	char *rev = wp_query_get(r, name);
	size_t i, n = rev ? strlen(rev) : 0;

	*ok = 1;
	if (rev && n == 0) {
		free(rev);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (!((rev[i] >= '0' && rev[i] <= '9') || (rev[i] >= 'a' && rev[i] <= 'f')) ||
		    n > 40 || n < 4) {
			free(rev);
			wp_send_error(r, 400, wp_t("http.bad_rev"));
			*ok = 0;
			return NULL;
		}
	}
	return rev;
}

/* Renders a page's Markdown, with wikilinks resolved for the current wiki. */
static int render_body(wp_req *r, wp_buf *html, const wp_page *p)
{
	wp_rendered *rd = NULL;
	wp_link_ctx lc = { wp_page_path(p), r->index, &r->viewer };
	int rc;

	rc = wp_render_markdown(&rd, r->app->render, wp_page_file_of(p)->blob, wp_page_body(p),
				wp_page_body_len(p));
	if (rc == 0)
		rc = wp_render_finish(html, rd, wp_resolve_link, &lc);
	wp_rendered_release(rd);
	return rc;
}

/* A summary value that names no page: a link to its tag page (the other
 * pages holding it), when it can have one. */
static json_t *tag_value(const char *key, const char *text)
{
	wp_buf href = WP_BUF_INIT;
	json_t *o;

	if (wp_tag_href(&href, key, text) == 0)
		o = json_pack("{s:s, s:s}", "text", text, "href", wp_buf_cstr(&href));
	else
		o = json_pack("{s:s}", "text", text);
	wp_buf_dispose(&href);
	return o;
}

/* One value of the summary box for field key: a link to the page it
 * names, else to its tag page. */
static json_t *meta_value(wp_req *r, const char *from, const char *key, json_t *v)
{
	wp_link_ctx lc = { from, r->index, &r->viewer };
	char path[WP_PATH_MAX + 1], href[WP_PATH_MAX + 2];
	wp_buf text = WP_BUF_INIT;
	json_t *o;

	if (json_is_string(v)) {
		if (wp_resolve_link(&lc, json_string_value(v), path, sizeof(path))) {
			wp_page *target = NULL;
			char *title = NULL;

			/* Show the page's title rather than its slug. */
			snprintf(href, sizeof(href), "/%s", path);
			if (wp_index_title(&title, lc.index, &r->viewer, path) == 0) {
				o = json_pack("{s:s, s:s}", "text", title, "href", href);
				free(title);
				return o;
			}
			/* A rename stub: its target's title. */
			if (wp_page_load(&target, r->store, path, NULL, 0) < 0)
				return json_pack("{s:s, s:s}", "text", json_string_value(v), "href",
						 href);
			o = json_pack("{s:s, s:s}", "text", wp_page_title(target), "href", href);
			wp_page_free(target);
			return o;
		}
		return tag_value(key, json_string_value(v));
	}
	if (json_is_object(v)) {
		const char *k;
		json_t *x;

		json_object_foreach(v, k, x) {
			char *s = json_is_string(x) ? NULL : json_dumps(x, JSON_ENCODE_ANY);

			wp_buf_printf(&text, "%s%s: %s", text.len ? "; " : "", k,
				      s ? s : json_string_value(x));
			free(s);
		}
	} else {
		char *s = json_dumps(v, JSON_ENCODE_ANY);

		/* Whole numbers and booleans are indexed as written here; reals
		 * are not (jansson writes 2.0, the index 2), so they get no link. */
		if (s && (json_is_integer(v) || json_is_boolean(v))) {
			o = tag_value(key, s);
			free(s);
			return o;
		}
		wp_buf_puts(&text, s ? s : "");
		free(s);
	}
	o = json_pack("{s:s}", "text", wp_buf_cstr(&text));
	wp_buf_dispose(&text);
	return o;
}

/* The front-matter summary: [{label, values: [{text, href?}]}]. */
static json_t *meta_summary(wp_req *r, const wp_page *p)
{
	json_t *list = json_array(), *v;
	const char *key;

	json_object_foreach(wp_page_meta(p), key, v) {
		const wp_field *f = wp_type_field(wp_type_find(wp_page_type(p)), key);
		json_t *values = json_array(), *item;
		size_t i;

		if (strcmp(key, "titel") == 0 || json_is_null(v) || !values ||
		    (f && (f->flags & WP_FIELD_HIDDEN))) {
			json_decref(values);
			continue;
		}
		if (json_is_array(v)) {
			json_array_foreach(v, i, item)
				json_array_append_new(values,
						      meta_value(r, wp_page_path(p), key, item));
		} else {
			json_array_append_new(values, meta_value(r, wp_page_path(p), key, v));
		}
		json_array_append_new(list, json_pack("{s:s, s:o}", "label", wp_schema_label(key),
						      "values", values));
	}
	return list;
}

/* Fills the page's revision, author and time from the index row. Returns
 * -1 when the index does not have the page as loaded. */
static int revision_from_index(wp_req *r, wp_page *p)
{
	json_t *row = NULL;
	const char *rev, *blob;
	int rc = -1;

	if (wp_index_page(&row, r->index, &r->viewer, wp_page_path(p)) < 0)
		return -1;
	rev = json_string_value(json_object_get(row, "revision"));
	blob = json_string_value(json_object_get(row, "blob"));
	if (rev && (!blob || strcmp(blob, wp_page_file_of(p)->blob) == 0))
		rc = wp_page_set_revision(p, rev,
					  json_string_value(json_object_get(row, "author")),
					  json_string_value(json_object_get(row, "author_email")),
					  json_integer_value(json_object_get(row, "updated"))) < 0
			     ? -1
			     : 0;
	json_decref(row);
	return rc;
}

static json_t *page_data(wp_req *r, const wp_page *p, const char *rev, const char *html)
{
	const wp_page_file *f = wp_page_file_of(p);
	char date[32], iso[32], tkey[64], shown[160];
	const char *author = wp_req_shown_author(
	    r, wp_plugins_author_masked(wp_page_path(p), wp_page_type(p), wp_page_meta(p)),
	    f->author, f->email, shown, sizeof(shown));
	json_t *page;

	wp_format_time(date, sizeof(date), f->time);
	wp_format_iso(iso, sizeof(iso), f->time);
	snprintf(tkey, sizeof(tkey), "type.%s", wp_page_type(p));
	page = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s%, s:s, s:s, s:s, s:s, s:o, s:b}", "path",
			 wp_page_path(p), "title", wp_page_title(p), "type", wp_page_type(p),
			 "type_label", wp_t(tkey), "revision", f->revision, "short_revision",
			 f->revision, strnlen(f->revision, 7), "author", author, "date",
			 date, "iso", iso, "html", html, "summary", meta_summary(r, p), "old",
			 rev != NULL);
	if (page)
		json_object_set_new(page, "has_summary",
				    json_boolean(json_array_size(json_object_get(page, "summary"))));
	if (page) {
		json_t *back = NULL;

		if (wp_index_backlinks(&back, r->index, &r->viewer, wp_page_path(p)) == 0)
			json_object_set_new(page, "backlinks", back);
	}
	if (page && wp_page_parse_error(p))
		json_object_set_new(page, "parse_error", json_string(wp_page_parse_error(p)));
	if (page && !rev) { /* the edit form's redirect after a merged save */
		char *merged = wp_query_get(r, "samengevoegd");

		json_object_set_new(page, "merged", json_boolean(merged != NULL));
		free(merged);
	}
	/* Plugins' sections, for the current version only: they list what
	 * the wiki holds now. */
	if (page && !rev)
		wp_http_plugin_sections(r, page, p);
	return json_pack("{s:s, s:o, s:b}", "title", wp_page_title(p), "page", page, "may_write",
			 wp_may_write_type(&r->viewer, wp_page_type(p)));
}

static int send_missing(wp_req *r, const char *path)
{
	return wp_send_page(r, 404, "missing",
			    json_pack("{s:s, s:s}", "title", wp_t("http.404"), "path", path), NULL);
}

/* Whether r's viewer may see page p as loaded for a page view: a current
 * page by its own front matter, a rename stub by its target, an old
 * revision only when the page is readable now as well. */
static int view_allowed(wp_req *r, const wp_page *p, const char *rev)
{
	int own = wp_req_page_readable(r, p);

	if (rev || wp_page_redirect(p))
		return own && wp_req_readable_now(r, wp_page_path(p)) == 1;
	return own;
}

static int page_view(wp_req *r)
{
	const char *path, *inm;
	char *rev, head[WP_OID_HEX], etag[320], lastmod[64];
	const char *hdr[] = { "ETag", etag, "Last-Modified", lastmod, "Cache-Control",
			      "no-cache", NULL };
	wp_buf html = WP_BUF_INIT;
	wp_page *p = NULL;
	int ok, rc;

	if (take_path(r, &path) < 0)
		return 400;
	rev = query_rev(r, "rev", &ok);
	if (!ok)
		return 400;
	/* Any commit can change how the page looks (its links), so the tag
	 * follows HEAD; the theme version covers template changes. */
	if ((rc = wp_store_head(head, r->store)) < 0)
		goto fail;
	{
		char who[200];

		/* What the page shows depends on who asks. */
		wp_auth_cache_class(r, who, sizeof(who));
		snprintf(etag, sizeof(etag), "\"%s-%s-%s-%s\"", head,
			 wp_theme_version(r->app->theme), rev ? rev : "", who);
	}
	inm = mg_get_header(r->conn, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		free(rev);
		return wp_send(r, 304, NULL, NULL, 0, (const char *const[]){ "ETag", etag, NULL });
	}
	/* The current page's revision comes from the index (kept up to date
	 * with HEAD); only old revisions walk history. */
	if (strcmp(wp_index_commit(r->index), head) != 0)
		wp_req_reindex(r);
	r->index_at_head = strcmp(wp_index_commit(r->index), head) == 0;
	rc = wp_page_load(&p, r->store, path, rev, rev != NULL);
	if (rc == 0 && !rev && revision_from_index(r, p) < 0) {
		wp_page_free(p);
		rc = wp_page_load(&p, r->store, path, NULL, 1);
	}
	/* The same answer with or without ?rev=, so a hidden page and a
	 * missing one look alike. */
	if (rc == WP_ENOTFOUND) {
		free(rev);
		return send_missing(r, path);
	}
	if (rc < 0)
		goto fail;
	/* A page the viewer may not read is, to them, a page that does not
	 * exist: the same answer, whatever the door. */
	if (!view_allowed(r, p, rev)) {
		wp_page_free(p);
		free(rev);
		return send_missing(r, path);
	}
	if (wp_page_redirect(p) && !rev) {
		char to[WP_PATH_MAX + 2];

		snprintf(to, sizeof(to), "/%s", wp_page_redirect(p));
		wp_page_free(p);
		free(rev);
		return wp_send_redirect(r, 301, to);
	}
	if ((rc = render_body(r, &html, p)) < 0 || (rc = wp_http_plugin_render(r, p, &html)) < 0)
		goto fail;
	/* Backlinks and the page's last change came from the index: keep the
	 * page only when the index was at HEAD. */
	if (!rev && r->index_at_head)
		wp_http_cache_mark(r, head);
	{
		time_t t = (time_t)wp_page_file_of(p)->time;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(lastmod, sizeof(lastmod), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	}
	rc = wp_send_page(r, 200, "page", page_data(r, p, rev, wp_buf_cstr(&html)), hdr);
	wp_buf_dispose(&html);
	wp_page_free(p);
	free(rev);
	return rc;
fail:
	wp_buf_dispose(&html);
	wp_page_free(p);
	free(rev);
	return wp_send_error(r, wp_status_for(rc), wp_error_last());
}

static int page_raw(wp_req *r)
{
	const char *path;
	wp_page_file *f = NULL;
	char *rev;
	int ok, rc;

	if (take_path(r, &path) < 0)
		return 400;
	rev = query_rev(r, "rev", &ok);
	if (!ok)
		return 400;
	if ((rc = wp_req_check_readable(r, path, rev)) != 0) {
		free(rev);
		return rc;
	}
	rc = wp_store_read(&f, r->store, path, rev, 0);
	free(rev);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	rc = wp_send(r, 200, "text/markdown; charset=utf-8", f->content, f->content_len,
		     (const char *const[]){ "Cache-Control", "no-cache", NULL });
	wp_page_file_free(f);
	return rc;
}

/* A page's history for the template; each entry can be compared with the
 * one before it, and the newest is marked current (no revert button). */
static json_t *log_entries(const wp_log *log, const char *path)
{
	json_t *list = json_array();
	char date[32];
	size_t i;

	for (i = 0; list && i < log->count; i++) {
		const wp_log_entry *e = &log->entries[i];
		json_t *o;

		wp_format_time(date, sizeof(date), e->time);
		o = json_pack("{s:s, s:s%, s:s, s:s, s:s, s:s, s:b, s:b}", "revision", e->revision,
			      "short_revision", e->revision, strnlen(e->revision, 7), "author",
			      e->author ? e->author : "", "date", date, "message",
			      e->message ? e->message : "", "path", path, "deleted", e->deleted,
			      "current", i == 0);
		if (o && i + 1 < log->count)
			json_object_set_new(o, "previous", json_string(log->entries[i + 1].revision));
		json_array_append_new(list, o);
	}
	return list;
}

static int page_history(wp_req *r)
{
	const char *path;
	wp_log log = { NULL, 0 };
	int rc;

	if (take_path(r, &path) < 0)
		return 400;
	if ((rc = wp_req_check_readable(r, path, NULL)) != 0)
		return rc;
	rc = wp_store_history(&log, r->store, path, 0);
	if (rc == 0)
		rc = wp_req_filter_log(r, &log, path);
	if (rc == 0 && log.count == 0)
		rc = WP_ENOTFOUND;
	if (rc < 0) {
		wp_log_dispose(&log);
		return rc == WP_ENOTFOUND ? send_missing(r, path)
					  : wp_send_error(r, wp_status_for(rc), wp_error_last());
	}
	rc = wp_send_page(r, 200, "history",
			  json_pack("{s:s, s:s, s:s, s:o, s:b}", "title", wp_t("history.title"),
				    "path", path, "base", log.entries[0].revision, "entries",
				    log_entries(&log, path), "may_write",
				    wp_may_write_type(&r->viewer, wp_type_of_path(path))),
			  NULL);
	wp_log_dispose(&log);
	return rc;
}

/* Splits a unified diff into lines with a kind for the template. */
static json_t *diff_lines(const char *diff)
{
	json_t *list = json_array();
	const char *line = diff;

	while (list && *line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		const char *kind = "ctx";

		if (strncmp(line, "+++", 3) == 0 || strncmp(line, "---", 3) == 0)
			kind = "file";
		else if (line[0] == '+')
			kind = "add";
		else if (line[0] == '-')
			kind = "del";
		else if (line[0] == '@')
			kind = "hunk";
		if (strcmp(kind, "file") != 0)
			json_array_append_new(list, json_pack("{s:s, s:s%}", "kind", kind, "text",
							      line, n));
		line += n + (nl ? 1 : 0);
	}
	return list;
}

static int page_diff(wp_req *r)
{
	const char *path;
	char *from = NULL, *to = NULL;
	wp_log log = { NULL, 0 };
	wp_buf diff = WP_BUF_INIT;
	int ok = 1, rc;

	if (take_path(r, &path) < 0)
		return 400;
	from = query_rev(r, "van", &ok);
	if (ok)
		to = query_rev(r, "naar", &ok);
	if (!ok) {
		free(from);
		return 400;
	}
	if ((rc = wp_req_check_readable(r, path, NULL)) != 0) {
		free(from);
		free(to);
		return rc;
	}
	/* Defaults: the current revision against the one before it. */
	if (!from || !to) {
		rc = wp_store_history(&log, r->store, path, 2);
		if (rc == 0 && log.count == 0)
			rc = WP_ENOTFOUND;
		if (rc < 0)
			goto done;
		if (!to)
			to = strdup(log.entries[0].revision);
		if (!from)
			from = strdup(log.count > 1 ? log.entries[1].revision : "");
	}
	/* Both sides as they were must be readable too. */
	if ((*from && (rc = wp_req_check_readable(r, path, from)) != 0) ||
	    (rc = wp_req_check_readable(r, path, to)) != 0)
		goto answered;
	rc = wp_store_diff(&diff, r->store, path, from, to);
	if (rc < 0)
		goto done;
	rc = wp_send_page(r, 200, "diff",
			  json_pack("{s:s, s:s, s:s%, s:s%, s:o, s:b}", "title",
				    wp_t("diff.title"), "path", path, "from", from,
				    strnlen(from, 7), "to", to, strnlen(to, 7), "lines",
				    diff_lines(wp_buf_cstr(&diff)), "empty", diff.len == 0),
			  NULL);
done:
	if (rc < 0)
		rc = wp_send_error(r, wp_status_for(rc), wp_error_last());
answered:
	wp_buf_dispose(&diff);
	wp_log_dispose(&log);
	free(from);
	free(to);
	return rc;
}

/* Recent-change rows from the index get a readable "date" and the
 * message of their commit (one object lookup each, no history walk). */
static void add_dates(wp_req *r, json_t *rows)
{
	json_t *row;
	size_t i;
	char date[32], *msg;

	json_array_foreach(rows, i, row) {
		char shown[160];

		wp_format_time(date, sizeof(date),
			       json_integer_value(json_object_get(row, "updated")));
		json_object_set_new(row, "date", json_string(date));
		json_object_set_new(
		    row, "author",
		    json_string(wp_req_shown_author(
			r, (int)json_integer_value(json_object_get(row, "masked")),
			json_string_value(json_object_get(row, "author")),
			json_string_value(json_object_get(row, "author_email")), shown,
			sizeof(shown))));
		json_object_del(row, "author_email");
		if (wp_store_message(&msg, r->store,
				     json_string_value(json_object_get(row, "revision"))) == 0)
			json_object_set_new(row, "message", json_string(msg));
		free(msg);
	}
}

static int page_type(wp_req *r)
{
	const wp_type *ty = wp_type_find(r->rest);
	json_t *pages = NULL;
	char key[64];
	int rc;

	if (!ty)
		return wp_send_error(r, 404, wp_t("http.unknown_type"));
	rc = wp_index_list_type(&pages, r->index, &r->viewer, ty->name, 0, 0);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	snprintf(key, sizeof(key), "types.%s", ty->name);
	return wp_send_page(r, 200, "list",
			    json_pack("{s:s, s:s, s:s, s:i, s:o, s:b}", "title", wp_t(key), "type",
				      ty->name, "folder", ty->folder ? ty->folder : "", "count",
				      (int)json_array_size(pages), "pages", pages, "may_write",
				      wp_may_write_type(&r->viewer, ty->name)),
			    NULL);
}

static int page_changes(wp_req *r)
{
	json_t *entries = NULL;
	int rc;

	rc = wp_index_recent(&entries, r->index, &r->viewer, RECENT_ON_PAGE);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	add_dates(r, entries);
	return wp_send_page(r, 200, "changes",
			    json_pack("{s:s, s:o}", "title", wp_t("nav.changes"), "entries",
				      entries),
			    NULL);
}

/* The listed page types with their number of pages, in the order they
 * were registered. */
static json_t *type_counts(json_t *counts)
{
	json_t *types = json_array(), *row;
	const wp_type *ty;
	char key[64];
	size_t i, t;

	for (t = 0; types && t < wp_type_count(); t++) {
		json_int_t n = 0;

		ty = wp_type_at(t);
		if (!ty->listed)
			continue;
		json_array_foreach(counts, i, row)
			if (strcmp(json_string_value(json_object_get(row, "type")), ty->name) == 0)
				n = json_integer_value(json_object_get(row, "count"));
		snprintf(key, sizeof(key), "types.%s", ty->name);
		json_array_append_new(types, json_pack("{s:s, s:s, s:I}", "name", ty->name,
						       "label", wp_t(key), "count", n));
	}
	return types;
}

static int page_home(wp_req *r)
{
	json_t *counts = NULL, *entries = NULL;
	int rc;

	rc = wp_index_type_counts(&counts, r->index, &r->viewer);
	if (rc == 0)
		rc = wp_index_recent(&entries, r->index, &r->viewer, RECENT_ON_HOME);
	if (rc < 0) {
		json_decref(counts);
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	}
	add_dates(r, entries);
	rc = wp_send_page(r, 200, "home",
			  json_pack("{s:s, s:o, s:o, s:b}", "title", wp_t("home.title"), "types",
				    type_counts(counts), "entries", entries, "welcome",
				    wp_index_has(r->index, &r->viewer, "welkom") == 1),
			  NULL);
	json_decref(counts);
	return rc;
}

static int page_health(wp_req *r)
{
	char head[WP_OID_HEX];

	if (wp_store_head(head, r->store) < 0)
		return wp_send_json(r, 503, json_pack("{s:s, s:s}", "status", "error", "error",
						      wp_error_last()), NULL);
	return wp_send_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "head", head), NULL);
}

static const char *mime_for(const char *name)
{
	static const char *const types[][2] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* Static files: a flat folder, names of [a-z0-9._-] not starting with a
 * dot, so no request can name a file outside it. */
/* Non-zero when name[0..n) is a safe file name: [a-z0-9._-], not
 * starting with '.'. */
static int static_name_ok(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '.' || name[i] == '-' || name[i] == '_'))
			return 0;
	return n > 0 && name[0] != '.';
}

/* The file /static/<name> names: the theme's <name>, or a plugin's own
 * static file for /static/<plugin>/<file>. Returns 0, or the status of
 * the error to send (400, 404). */
static int static_file(wp_req *r, const char *name, char *file, size_t size)
{
	const char *slash = strchr(name, '/'), *dir;
	size_t n = strlen(name);
	char plugin[48];

	if (n == 0)
		return 404;
	if (n > 100)
		return 400;
	if (!slash) {
		if (!static_name_ok(name, n))
			return 400;
		snprintf(file, size, "%s/%s", wp_theme_static_dir(r->app->theme), name);
		return 0;
	}
	if (!static_name_ok(name, (size_t)(slash - name)) ||
	    !static_name_ok(slash + 1, strlen(slash + 1)))
		return 400;
	if ((size_t)(slash - name) >= sizeof(plugin))
		return 404;
	memcpy(plugin, name, (size_t)(slash - name));
	plugin[slash - name] = '\0';
	if (!(dir = wp_plugins_static_dir(plugin)))
		return 404;
	snprintf(file, size, "%s/%s", dir, slash + 1);
	return 0;
}

static int page_static(wp_req *r)
{
	const char *name = r->rest;
	char file[4096];
	wp_buf data = WP_BUF_INIT;
	struct stat st;
	int fd, rc;
	ssize_t got;
	char chunk[16384];

	if ((rc = static_file(r, name, file, sizeof(file))) != 0)
		return wp_send_error(r, rc, rc == 400 ? wp_t("http.bad_static") : NULL);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return wp_send_error(r, 404, NULL);
	}
	data.max = 16 * 1024 * 1024;
	rc = 0;
	while (rc == 0 && (got = read(fd, chunk, sizeof(chunk))) > 0)
		rc = wp_buf_put(&data, chunk, (size_t)got);
	close(fd);
	if (rc < 0) {
		wp_buf_dispose(&data);
		return wp_send_error(r, 500, NULL);
	}
	/* Theme files are linked with the theme's fingerprint, so they never
	 * change under one URL; a plugin's files are not fingerprinted. */
	rc = wp_send(r, 200, mime_for(name), data.ptr, data.len,
		     (const char *const[]){ "Cache-Control",
					    strchr(name, '/') ? "public, max-age=3600"
							      : "public, max-age=31536000, immutable",
					    NULL });
	wp_buf_dispose(&data);
	return rc;
}

const wp_route wp_page_routes[] = {
	{ "/", 1, WP_GET, page_home },
	{ "/health", 1, WP_GET, page_health },
	{ "/static/", 0, WP_GET, page_static },
	{ "/wijzigingen", 1, WP_GET, page_changes },
	{ "/zoeken", 1, WP_GET, wp_page_search },
	{ "/type/", 0, WP_GET, page_type },
	{ "/tag/", 0, WP_GET, wp_page_tag },
	{ "/bron/", 0, WP_GET, page_raw },
	{ "/geschiedenis/", 0, WP_GET, page_history },
	{ "/verschil/", 0, WP_GET, page_diff },
	{ "/inloggen", 1, WP_GET | WP_POST, wp_page_login },
	{ "/uitloggen", 1, WP_GET | WP_POST, wp_page_logout },
	{ "/account/wachtwoord", 1, WP_GET | WP_POST, wp_page_password },
	{ "/account/tokens", 1, WP_GET | WP_POST, wp_page_tokens },
	{ "/account", 1, WP_GET, wp_page_account },
	{ "/beheer/gebruikers", 0, WP_GET | WP_POST, wp_page_users },
	{ "/nieuw", 1, WP_GET | WP_POST, wp_form_new },
	{ "/bewerken/", 0, WP_GET | WP_POST, wp_form_edit },
	{ "/terugzetten/", 0, WP_POST, wp_form_revert },
	{ "/verwijderen/", 0, WP_GET | WP_POST, wp_form_delete },
	{ "/hernoemen/", 0, WP_GET | WP_POST, wp_form_rename },
	{ "/", 0, WP_GET, page_view },
	{ NULL, 0, 0, NULL },
};
