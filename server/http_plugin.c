/* http_plugin.c - what plugins do during a request (plugin.h's request
 * services): read the request, query the index and pages as the person
 * asking, save as them, and answer. A wp_request is the host's wp_req. */
#include "error.h"
#include "frontmatter.h"
#include "http_findings.h"
#include "http_int.h"
#include "index_int.h"
#include "path.h"
#include "plugin_host.h"
#include "query.h"
#include "schema.h"
#include "texts.h"
#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN_SEARCH_MAX 200 /* results one search() call returns at most */

/* The app whose theme renders plugin templates outside a request: set in
 * wp_http_start() before threads run. */
static const wp_app *bound_app;

void wp_http_plugin_bind(const wp_app *app)
{
	bound_app = app;
}

static wp_req *req_of(wp_request *r)
{
	return (wp_req *)(void *)r;
}

static const wp_viewer *q_viewer(wp_request *r)
{
	return &req_of(r)->viewer;
}

static int q_method(wp_request *r)
{
	return req_of(r)->method;
}

static const char *q_rest(wp_request *r)
{
	return req_of(r)->rest ? req_of(r)->rest : "";
}

static int q_is_api(wp_request *r)
{
	return req_of(r)->is_api;
}

static const char *q_csrf(wp_request *r)
{
	return req_of(r)->csrf;
}

static char *q_query(wp_request *r, const char *name)
{
	return wp_query_get(req_of(r), name);
}

static char *q_form(wp_request *r, const char *name)
{
	wp_req *q = req_of(r);

	if (!q->body_read && wp_req_read_body(q) < 0)
		return NULL;
	return wp_form_get(q->body.ptr ? q->body.ptr : "", q->body.len, name);
}

static json_t *q_json_body(wp_request *r)
{
	wp_req *q = req_of(r);

	if (!q->body_read && wp_req_read_body(q) < 0)
		return NULL;
	return wp_body_object(q->body.ptr, q->body.len);
}

/* The index reflects HEAD before a plugin reads it, so what it lists
 * agrees with the pages. */
static void at_head(wp_req *q)
{
	char head[WP_OID_HEX];

	if (q->index_at_head || wp_store_head(head, q->store) < 0)
		return;
	if (strcmp(wp_index_commit(q->index), head) != 0)
		wp_req_reindex(q);
	q->index_at_head = strcmp(wp_index_commit(q->index), head) == 0;
}

static int q_query_index(wp_request *r, json_t **rows, const char *sql,
			 const char *const *params, size_t n)
{
	wp_req *q = req_of(r);
	sqlite3_stmt *st = NULL;
	size_t i;

	*rows = NULL;
	at_head(q);
	if (sqlite3_prepare_v2(wp_ix_db(q->index), sql, -1, &st, NULL) != SQLITE_OK || !st) {
		wp_error_set("%s", sqlite3_errmsg(wp_ix_db(q->index)));
		sqlite3_finalize(st);
		return WP_EINVALID;
	}
	/* Plugins read; the index is written only by catch-ups. */
	if (!sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		wp_error_set("%s", "query_index: only SELECT");
		return WP_EINVALID;
	}
	for (i = 0; i < n; i++)
		if (params[i])
			sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_TRANSIENT);
	wp_ix_bind_viewer(st, &q->viewer);
	return wp_ix_rows_json(rows, q->index, st, 0);
}

static int q_search(wp_request *r, json_t **out, const char *text, const json_t *filters,
		    size_t limit)
{
	wp_req *q = req_of(r);
	char *match = NULL;
	int rc;

	*out = NULL;
	at_head(q);
	rc = wp_query_translate(&match, text ? text : "", text ? strlen(text) : 0);
	if (rc == 0)
		rc = wp_index_search(out, q->index, &q->viewer, match, filters,
				     limit && limit < PLUGIN_SEARCH_MAX ? limit : PLUGIN_SEARCH_MAX,
				     0);
	free(match);
	return rc;
}

static int q_page(wp_request *r, json_t **out, const char *path)
{
	wp_req *q = req_of(r);
	wp_page *p = NULL;
	int rc;

	*out = NULL;
	if (!path || wp_path_check(path) < 0)
		return WP_ENOTFOUND;
	rc = wp_page_load(&p, q->store, path, NULL, 0);
	if (rc == 0 && (wp_page_redirect(p) || !wp_req_page_readable(q, p)))
		rc = WP_ENOTFOUND;
	if (rc == 0) {
		json_t *row = NULL;
		const char *rev = "";

		at_head(q);
		if (wp_index_page(&row, q->index, &q->viewer, path) == 0 &&
		    json_string_value(json_object_get(row, "revision")))
			rev = json_string_value(json_object_get(row, "revision"));
		*out = json_pack("{s:s, s:s, s:s, s:O, s:s%, s:s}", "path", wp_page_path(p),
				 "type", wp_page_type(p), "title", wp_page_title(p), "meta",
				 wp_page_meta(p), "body", wp_page_body(p), wp_page_body_len(p),
				 "revision", rev);
		json_decref(row);
		if (!*out)
			rc = WP_ENOMEM;
	}
	wp_page_free(p);
	return rc;
}

static char *q_markdown(wp_request *r, const char *md, size_t len)
{
	wp_req *q = req_of(r);
	wp_link_ctx lc = { NULL, q->index, &q->viewer };
	wp_buf out = WP_BUF_INIT;

	at_head(q);
	if (wp_render_preview(&out, md ? md : "", md ? len : 0, wp_resolve_link, &lc) < 0) {
		wp_buf_dispose(&out);
		return NULL;
	}
	if (!out.ptr)
		return strdup("");
	return wp_buf_detach(&out);
}

static int q_save(wp_request *r, const char *path, const char *content, size_t len,
		  const char *base, const char *message, json_t *problems, char *rev_out)
{
	wp_req *q = req_of(r);
	char rev[WP_OID_HEX], email[WP_NAME_MAX + 32];
	wp_actor who = { wp_req_author(q), message, email, &q->viewer, problems, NULL };
	json_t *confirm;
	int rc;

	if (!q->account.id) {
		wp_error_set("%s", wp_t("access.login_to_write"));
		return WP_EFORBIDDEN;
	}
	wp_req_email(q, email, sizeof(email));
	if (!(confirm = wp_req_confirms(q)))
		return WP_EINVALID;
	who.confirm = confirm;
	rc = wp_wiki_save(rev, q->store, path, content, len, base, &who);
	json_decref(confirm);
	if (rc == 0) {
		wp_req_reindex(q);
		q->index_at_head = 0;
		if (rev_out)
			memcpy(rev_out, rev, WP_OID_HEX);
	}
	return rc;
}

static int q_save_pages(wp_request *r, const wp_page_write *pages, size_t n,
			const char *message, json_t *problems, char *rev_out)
{
	wp_req *q = req_of(r);
	char rev[WP_OID_HEX], email[WP_NAME_MAX + 32];
	wp_actor who = { wp_req_author(q), message, email, &q->viewer, problems, NULL };
	json_t *confirm;
	wp_change ch[16];
	size_t i;
	int rc;

	if (!q->account.id) {
		wp_error_set("%s", wp_t("access.login_to_write"));
		return WP_EFORBIDDEN;
	}
	if (!pages || n == 0 || n > sizeof(ch) / sizeof(ch[0])) {
		wp_error_set("%s", wp_t("wiki.too_many_changes"));
		return n ? WP_ETOOBIG : WP_EINVALID;
	}
	for (i = 0; i < n; i++) {
		if (!pages[i].path || !pages[i].content) {
			wp_error_set("%s", wp_t("plugin.bad_write"));
			return WP_EINVALID;
		}
		ch[i] = (wp_change){ pages[i].path, pages[i].content, pages[i].len, pages[i].base };
	}
	wp_req_email(q, email, sizeof(email));
	if (!(confirm = wp_req_confirms(q)))
		return WP_EINVALID;
	who.confirm = confirm;
	rc = wp_wiki_save_many(rev, q->store, ch, n, &who);
	json_decref(confirm);
	if (rc == 0) {
		wp_req_reindex(q);
		q->index_at_head = 0;
		if (rev_out)
			memcpy(rev_out, rev, WP_OID_HEX);
	}
	return rc;
}

/* One entry of page_history(): the version's front matter with the
 * change. */
static json_t *history_entry(wp_req *q, const wp_log_entry *e, const char *path)
{
	char date[32], iso[32];
	wp_page *p = NULL;
	json_t *o;

	wp_format_time(date, sizeof(date), e->time);
	wp_format_iso(iso, sizeof(iso), e->time);
	o = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:b}", "revision", e->revision, "author",
		      e->author ? e->author : "", "time", (json_int_t)e->time, "date", date, "iso",
		      iso, "message", e->message ? e->message : "", "deleted", e->deleted);
	if (o && !e->deleted && wp_page_load(&p, q->store, path, e->revision, 0) == 0)
		json_object_set(o, "meta", wp_page_meta(p));
	else if (o)
		json_object_set_new(o, "meta", json_object());
	wp_page_free(p);
	return o;
}

static int q_page_history(wp_request *r, json_t **out, const char *path, size_t limit)
{
	wp_req *q = req_of(r);
	wp_log log = { NULL, 0 };
	size_t i;
	int rc;

	*out = NULL;
	if (!path || wp_path_check(path) < 0)
		return WP_ENOTFOUND;
	rc = wp_req_readable_now(q, path);
	if (rc == 0)
		rc = WP_ENOTFOUND;
	if (rc > 0)
		rc = wp_store_history(&log, q->store, path, 0);
	/* Filtered before the limit: the newest entries the person may see. */
	if (rc == 0)
		rc = wp_req_filter_log(q, &log, path);
	if (rc == 0 && !(*out = json_array()))
		rc = WP_ENOMEM;
	for (i = 0; rc == 0 && i < log.count && (limit == 0 || i < limit); i++)
		if (json_array_append_new(*out, history_entry(q, &log.entries[i], path)) < 0)
			rc = WP_ENOMEM;
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	wp_log_dispose(&log);
	return rc;
}

static int q_send_text(wp_request *r, int status, const char *content_type, const char *body,
		       size_t len, const char *filename)
{
	char disposition[160];
	const char *hdr[] = { "Content-Disposition", disposition, NULL };
	size_t i;

	if (!filename)
		return wp_send(req_of(r), status, content_type, body, len, NULL);
	/* The name goes into a header: only a plain file name. */
	for (i = 0; filename[i]; i++)
		if (!((filename[i] >= 'a' && filename[i] <= 'z') ||
		      (filename[i] >= '0' && filename[i] <= '9') || filename[i] == '.' ||
		      filename[i] == '-' || filename[i] == '_') ||
		    i > 100)
			return wp_send_error(req_of(r), 500, NULL);
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"", filename);
	return wp_send(req_of(r), status, content_type, body, len, hdr);
}

static char *q_compose(const json_t *meta, const char *body)
{
	wp_buf out = WP_BUF_INIT;

	if ((meta && wp_fm_write(&out, (json_t *)meta) < 0) || wp_buf_puts(&out, body ? body : "") < 0) {
		wp_buf_dispose(&out);
		return NULL;
	}
	if (!out.ptr)
		return strdup("");
	return wp_buf_detach(&out);
}

static int q_send_page(wp_request *r, int status, const char *template_name, json_t *data)
{
	return wp_send_page(req_of(r), status, template_name, data, NULL);
}

static int q_send_json(wp_request *r, int status, json_t *json)
{
	return wp_send_json(req_of(r), status, json, NULL);
}

static int q_send_error(wp_request *r, int status, const char *message)
{
	return wp_send_error(req_of(r), status, message);
}

static int q_send_redirect(wp_request *r, int status, const char *location)
{
	return wp_send_redirect(req_of(r), status, location);
}

/* Renders a plugin template with the texts the theme's templates get. */
static char *render_with(const wp_app *app, const char *template_name, json_t *data)
{
	wp_buf out = WP_BUF_INIT;
	json_t *ctx = json_copy(data); /* shallow: only "t" is added */
	int rc;

	if (!app || !ctx) {
		json_decref(ctx);
		return NULL;
	}
	if (!json_is_object(ctx)) {
		json_decref(ctx);
		ctx = json_pack("{s:O}", "data", data);
	}
	json_object_set(ctx, "t", app->texts);
	rc = wp_theme_render(&out, app->theme, template_name, ctx);
	json_decref(ctx);
	if (rc < 0) {
		fprintf(stderr, "werkplaats: template %s: %s\n", template_name, wp_error_last());
		wp_buf_dispose(&out);
		return NULL;
	}
	if (!out.ptr)
		return strdup("");
	return wp_buf_detach(&out);
}

static char *q_render(wp_plugin *self, const char *template_name, json_t *data)
{
	(void)self;
	return render_with(bound_app, template_name, data);
}

void wp_http_plugin_services(wp_host *h)
{
	h->viewer = q_viewer;
	h->method = q_method;
	h->rest = q_rest;
	h->is_api = q_is_api;
	h->csrf = q_csrf;
	h->query = q_query;
	h->form = q_form;
	h->json_body = q_json_body;
	h->query_index = q_query_index;
	h->search = q_search;
	h->page = q_page;
	h->markdown = q_markdown;
	h->save = q_save;
	h->save_pages = q_save_pages;
	h->confirm_keys = wp_findings_confirms;
	h->page_history = q_page_history;
	h->send_text = q_send_text;
	h->compose = q_compose;
	h->send_page = q_send_page;
	h->send_json = q_send_json;
	h->send_error = q_send_error;
	h->send_redirect = q_send_redirect;
	h->render = q_render;
}

/* ---- the core's side: routes and the page view ---- */

static int send_405(wp_request *r, int allowed)
{
	char allow[64] = "";
	const char *hdr[] = { "Allow", allow, NULL };

	wp_allow_header(allow, sizeof(allow), allowed);
	return wp_send_error_with(req_of(r), 405, NULL, hdr);
}

int wp_http_plugin_route(wp_req *r, const char *path)
{
	const wp_plugin_route *rt = wp_plugins_route(path);
	int want = r->method == WP_HEAD ? WP_GET : r->method;

	if (!rt)
		return 0;
	r->rest = path + wp_plugins_route_prefix_len(rt);
	return wp_plugins_call_route(rt, (wp_request *)(void *)r, want, send_405);
}

static char *section_render(wp_request *r, const char *template_name, json_t *data)
{
	return render_with(req_of(r)->app, template_name, data);
}

/* What plugins are told about a page of the view. */
static wp_page_info page_info(const wp_page *p)
{
	return (wp_page_info){ wp_page_path(p),	    wp_page_type(p),	 wp_page_title(p),
			       wp_page_meta(p),	    wp_page_body(p),	 wp_page_body_len(p),
			       wp_page_file_of(p)->revision };
}

int wp_http_plugin_render(wp_req *r, const wp_page *p, wp_buf *html)
{
	wp_page_info info = page_info(p);
	char *changed = NULL;
	int rc;

	(void)r;
	if (wp_plugins_render(&changed, &info, wp_buf_cstr(html)) < 0 || !changed)
		return 0;
	wp_buf_clear(html);
	rc = wp_buf_puts(html, changed);
	free(changed);
	return rc;
}

int wp_http_plugin_sections(wp_req *r, json_t *page, const wp_page *p)
{
	wp_page_info info = page_info(p);
	json_t *sections = json_array(), *plugins = json_object();

	if (!sections || !plugins) {
		json_decref(sections);
		json_decref(plugins);
		return WP_ENOMEM;
	}
	wp_plugins_sections(sections, plugins, (wp_request *)(void *)r, &info, section_render);
	json_object_set_new(page, "sections", sections);
	json_object_set_new(page, "has_sections", json_boolean(json_array_size(sections)));
	json_object_set_new(page, "plugins", plugins);
	return 0;
}
