/* http_forms.c - the HTML forms that change pages: new, edit (with
 * preview), revert, delete and rename. A refused save shows the form again
 * with the person's text intact; nothing typed is ever dropped. */
#include "error.h"
#include "frontmatter.h"
#include "http_findings.h"
#include "http_int.h"
#include "path.h"
#include "plugin_host.h"
#include "schema.h"
#include "texts.h"
#include "types.h"
#include "wiki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The actor of a change made through r: the account, with its rights
 * and the warnings it confirmed (owned; req_actor_dispose()). */
typedef struct {
	wp_actor who;
	char email[WP_NAME_MAX + 32];
	json_t *confirm;
} req_actor;

static const wp_actor *actor_of(req_actor *a, wp_req *r, const char *message)
{
	wp_req_email(r, a->email, sizeof(a->email));
	a->confirm = wp_req_confirms(r);
	a->who = (wp_actor){ wp_req_author(r), message, a->email, &r->viewer, NULL, a->confirm };
	return &a->who;
}

static void req_actor_dispose(req_actor *a)
{
	json_decref(a->confirm);
	a->confirm = NULL;
}

/* Before a form is shown: a visitor is sent to log in (and back), an
 * account without the right is told so, and a page they may not read
 * does not exist. path NULL: a new page. Returns 0 to go on, or the status
 * of the answer sent. */
static int may_open_form(wp_req *r, const char *path)
{
	int rc;

	if (!r->account.id)
		return wp_auth_to_login(r);
	if (path && (rc = wp_req_check_readable(r, path, NULL)) != 0)
		return rc;
	if (!path && wp_req_may_write(r))
		return 0;
	/* The rights table's own check, for its message; a new page of a type
	 * not yet chosen is refused as a general page. */
	if (wp_access_check_change(&r->viewer, path ? wp_type_of_path(path) : "pagina", NULL,
				   NULL) == 0)
		return 0;
	return wp_send_error(r, 403, wp_error_last());
}

/* The fields of the edit form, owned. plek: the spots a refusal
 * marked, carried back for a replacement (http_findings.h). */
typedef struct {
	char *path, *base, *frontmatter, *body, *message, *action, *replace;
	json_t *plek;
} edit_form;

static void edit_form_dispose(edit_form *f)
{
	free(f->path);
	free(f->base);
	free(f->frontmatter);
	free(f->body);
	free(f->message);
	free(f->action);
	free(f->replace);
	json_decref(f->plek);
}

/* Browsers send CRLF from text areas; pages are stored with LF. */
static void strip_cr(char *s)
{
	char *w = s;

	for (; s && *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*w++ = *s;
	if (w)
		*w = '\0';
}

static int read_edit_form(wp_req *r, edit_form *f)
{
	const char *d;
	size_t n;

	memset(f, 0, sizeof(*f));
	if (wp_req_read_body(r) < 0)
		return -1;
	d = wp_buf_cstr(&r->body);
	n = r->body.len;
	f->path = wp_form_get(d, n, "path");
	f->base = wp_form_get(d, n, "base");
	f->frontmatter = wp_form_get(d, n, "frontmatter");
	f->body = wp_form_get(d, n, "body");
	f->message = wp_form_get(d, n, "message");
	f->action = wp_form_get(d, n, "action");
	f->replace = wp_form_get(d, n, "vervang");
	f->plek = wp_form_get_all(d, n, "plek");
	strip_cr(f->frontmatter);
	strip_cr(f->body);
	return 0;
}

/* Joins the two text areas into a page file. */
static int compose(wp_buf *out, const char *fm, const char *body)
{
	const char *p = fm ? fm : "";
	size_t n = strlen(p);

	while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
		n--;
	if (n == 0)
		return wp_buf_puts(out, body ? body : "");
	return wp_buf_printf(out, "---\n%.*s\n---\n%s", (int)n, p, body ? body : "");
}

/* Splits a page file into the front-matter text (without the --- lines)
 * and the body, for the two text areas. A file whose front matter does not
 * parse goes whole into the body, so the person can repair it. */
static void split_content(const char *c, size_t len, char **fm, char **body)
{
	json_t *meta = NULL;
	size_t off = 0, start, end;

	*fm = NULL;
	*body = NULL;
	if (wp_fm_parse(&meta, &off, c, len) < 0 || off == 0) {
		*fm = strdup("");
		*body = strndup(c, len);
		json_decref(meta);
		return;
	}
	json_decref(meta);
	start = strchr(c, '\n') ? (size_t)(strchr(c, '\n') - c) + 1 : len;
	end = off;
	if (end > 0)
		end--; /* the closing line's newline */
	while (end > start && c[end - 1] != '\n')
		end--;
	*fm = strndup(c + start, end > start ? end - start : 0);
	*body = strndup(c + off, len - off);
}

/* The problems of a refused save with each field's label, for the form
 * (steals problems). */
static json_t *labelled(json_t *problems)
{
	json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const char *field = json_string_value(json_object_get(p, "field"));

		if (field) {
			wp_buf label = WP_BUF_INIT;

			wp_schema_label_into(&label, field);
			json_object_set_new(p, "label", json_string(wp_buf_cstr(&label)));
			wp_buf_dispose(&label);
		}
	}
	return problems;
}

/* The schema of the type page path will have, as a hint beside the
 * front-matter box: [{name, label, required, values}]. */
static json_t *schema_hint(const char *path)
{
	const wp_type *t = wp_type_find(path && *path ? wp_type_of_path(path) : "pagina");
	json_t *list = json_array();
	size_t i;

	for (i = 0; t && list && i < t->nfields; i++) {
		const wp_field *f = t->fields[i];
		char values[512];

		wp_schema_values(values, sizeof(values), f);
		json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:s, s:b}", "name", f->name,
						      "label", wp_schema_label(f->name), "required",
						      (f->flags & WP_FIELD_REQUIRED) != 0, "values",
						      values, "list", (f->flags & WP_FIELD_LIST) != 0));
	}
	return list;
}

/* Shows the edit form. f holds the person's text; extra (stolen, may be
 * NULL) adds fields such as an error, a preview or the current version. */
static int send_form(wp_req *r, int status, int is_new, const edit_form *f, json_t *extra)
{
	json_t *data;

	data = json_pack("{s:s, s:b, s:s, s:s, s:s, s:s, s:s}", "title",
			 is_new ? wp_t("edit.title_new") : wp_t("edit.title"), "is_new", is_new,
			 "path", f->path ? f->path : "", "base", f->base ? f->base : "",
			 "frontmatter", f->frontmatter ? f->frontmatter : "", "body",
			 f->body ? f->body : "", "message", f->message ? f->message : "");
	if (data && extra)
		json_object_update(data, extra);
	json_decref(extra);
	if (data) {
		json_t *hint = schema_hint(f->path);

		json_object_set_new(data, "has_schema", json_boolean(json_array_size(hint)));
		json_object_set_new(data, "schema", hint);
	}
	return wp_send_page(r, status, "edit", data, NULL);
}

static int send_form_error(wp_req *r, int status, int is_new, const edit_form *f,
			   const char *msg)
{
	return send_form(r, status, is_new, f, json_pack("{s:s}", "error", msg));
}

/* The conflict form: the person's text stays in the form, the current
 * version is shown beside it and becomes the new base; for a stale save
 * that overlapped (merge may be NULL), the merge with the conflicting
 * parts marked and the fields in conflict. */
static int send_conflict(wp_req *r, int is_new, edit_form *f, const char *msg,
			 const wp_merge_info *merge)
{
	wp_page *cur = NULL;
	json_t *extra = json_pack("{s:s, s:b}", "error", msg, "conflict", 1);

	if (extra && merge && merge->result.content) {
		json_t *fields = json_array(), *c;
		size_t i;

		json_array_foreach(merge->result.conflicts, i, c) {
			wp_buf label = WP_BUF_INIT;

			wp_schema_label_into(&label, json_string_value(c));
			json_array_append_new(fields, json_string(wp_buf_cstr(&label)));
			wp_buf_dispose(&label);
		}
		json_object_set_new(extra, "merged", json_stringn(merge->result.content,
								  merge->result.len));
		json_object_set_new(extra, "merge_conflicts", fields);
	}

	if (wp_page_load(&cur, r->store, f->path, NULL, 1) == 0 &&
	    wp_may_read_meta(&r->viewer, wp_page_meta(cur))) {
		free(f->base);
		f->base = strdup(wp_page_file_of(cur)->revision);
		json_object_set_new(extra, "current", json_stringn(wp_page_content(cur),
								   wp_page_content_len(cur)));
		char shown[160];

		json_object_set_new(
		    extra, "current_author",
		    json_string(wp_req_shown_author(
			r,
			wp_plugins_author_masked(f->path, wp_page_type(cur), wp_page_meta(cur)),
			wp_page_file_of(cur)->author, wp_page_file_of(cur)->email, shown,
			sizeof(shown))));
		is_new = 0;
	}
	wp_page_free(cur);
	return send_form(r, 409, is_new, f, extra);
}

static int preview(wp_req *r, int is_new, const edit_form *f)
{
	wp_buf html = WP_BUF_INIT, content = WP_BUF_INIT;
	wp_link_ctx lc = { f->path, r->index, &r->viewer };
	json_t *extra;
	int rc;

	wp_req_reindex(r); /* links as the wiki is now */
	rc = compose(&content, f->frontmatter, f->body);
	if (rc == 0 && wp_wiki_validate(content.ptr ? content.ptr : "", content.len) < 0)
		extra = json_pack("{s:s}", "error", wp_error_last());
	else
		extra = json_object();
	if (rc == 0)
		rc = wp_render_preview(&html, f->body ? f->body : "", f->body ? strlen(f->body) : 0,
				       wp_resolve_link, &lc);
	if (rc < 0) {
		json_decref(extra);
		wp_buf_dispose(&html);
		wp_buf_dispose(&content);
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	}
	json_object_set_new(extra, "preview", json_string(wp_buf_cstr(&html)));
	wp_buf_dispose(&html);
	wp_buf_dispose(&content);
	return send_form(r, 200, is_new, f, extra);
}

/* Where the two text areas sit in the file compose() made of them. */
static wp_findings_layout layout_of(const edit_form *f, const wp_buf *content)
{
	wp_findings_layout at = { wp_buf_cstr(content), 0, 0, 0, 0 };
	size_t body = f->body ? strlen(f->body) : 0;

	at.body_off = content->len >= body ? content->len - body : 0;
	at.body_len = content->len - at.body_off;
	if (content->len > body + 4) { /* "---\n" fm "\n---\n" body */
		at.fm_off = 4;
		at.fm_len = at.body_off >= 9 ? at.body_off - 9 : 0;
	}
	return at;
}

/* The form again after a refused save: its problems, and the spots in
 * the text among them marked (steals problems). */
static int send_refused(wp_req *r, int rc, int is_new, const edit_form *f, const wp_buf *content,
			json_t *problems)
{
	json_t *found = wp_findings_take(problems), *extra;
	wp_findings_layout at = layout_of(f, content);

	extra = json_pack("{s:s, s:o, s:b, s:b}", "error",
			  rc == WP_ECONFIRM ? wp_error_last() : wp_t("schema.problems"), "problems",
			  labelled(problems), "has_problems", json_array_size(problems) > 0,
			  "warning_only", rc == WP_ECONFIRM);
	if (extra && json_array_size(found) > 0)
		json_object_update_new(extra, wp_findings_view(found, &at));
	else if (extra) /* warnings without a spot to mark: their checkboxes */
		json_object_set_new(extra, "confirms", wp_findings_confirms(problems));
	json_decref(found);
	return send_form(r, wp_status_for(rc), is_new, f, extra);
}

/* The "vervang" button: the marked spots replaced by their
 * placeholders, shown again in the form (nothing is saved yet). */
static int replace_spots(wp_req *r, int is_new, edit_form *f)
{
	wp_buf content = WP_BUF_INIT, out = WP_BUF_INIT;
	char msg[256];
	size_t done = 0;
	int rc = compose(&content, f->frontmatter, f->body);

	if (rc == 0)
		rc = wp_findings_replace(&out, wp_buf_cstr(&content), content.len, f->plek,
					 f->replace, &done);
	wp_buf_dispose(&content);
	if (rc < 0) {
		wp_buf_dispose(&out);
		return send_form_error(r, 400, is_new, f, wp_error_last());
	}
	free(f->frontmatter);
	free(f->body);
	split_content(wp_buf_cstr(&out), out.len, &f->frontmatter, &f->body);
	wp_buf_dispose(&out);
	snprintf(msg, sizeof(msg), wp_t(done ? "edit.replaced" : "edit.replaced_none"), done);
	return send_form(r, 200, is_new, f, json_pack("{s:s}", "notice", msg));
}

/* Handles a submitted edit or new-page form. */
static int submit(wp_req *r, int is_new, edit_form *f)
{
	wp_buf content = WP_BUF_INIT;
	wp_merge_info merge = { 0 };
	req_actor who;
	char rev[WP_OID_HEX], loc[WP_PATH_MAX + 32];
	json_t *problems;
	int rc, merged;

	if (!f->path || wp_path_check(f->path) < 0)
		return send_form_error(r, 400, is_new, f,
				       f->path ? wp_error_last() : wp_t("edit.need_path"));
	if (f->action && strcmp(f->action, "preview") == 0)
		return preview(r, is_new, f);
	if (f->replace)
		return replace_spots(r, is_new, f);
	if (!is_new && (!f->base || !*f->base))
		return send_form_error(r, 400, is_new, f, wp_t("edit.need_base"));
	rc = compose(&content, f->frontmatter, f->body);
	actor_of(&who, r, f->message);
	who.who.problems = problems = json_array();
	who.who.merge = &merge;
	if (rc == 0 && !who.confirm)
		rc = WP_EINVALID;
	if (rc == 0)
		rc = wp_wiki_save(rev, r->store, f->path, wp_buf_cstr(&content), content.len,
				  is_new ? NULL : f->base, &who.who);
	req_actor_dispose(&who);
	if (rc == WP_ECONFLICT || rc == WP_EEXISTS) {
		wp_buf_dispose(&content);
		json_decref(problems);
		rc = send_conflict(r, is_new, f, wp_error_last(), &merge);
		wp_merge_info_dispose(&merge);
		return rc;
	}
	if (rc < 0 && merge.result.content) {
		/* Refused after a merge: the spots count in the merged text, not
		 * in the person's, so the messages go without marks. */
		json_t *spots = wp_findings_take(problems), *p;
		size_t i;

		json_array_foreach(spots, i, p) {
			json_object_del(p, "start");
			json_object_del(p, "end");
			json_array_append(problems, p);
		}
		json_decref(spots);
	}
	merged = merge.merged;
	wp_merge_info_dispose(&merge);
	if (rc < 0 && json_array_size(problems) > 0) {
		rc = send_refused(r, rc, is_new, f, &content, problems);
		wp_buf_dispose(&content);
		return rc;
	}
	wp_buf_dispose(&content);
	json_decref(problems);
	if (rc < 0)
		return send_form_error(r, wp_status_for(rc), is_new, f, wp_error_last());
	wp_req_reindex(r);
	/* A merged save says so on the page it lands on. */
	snprintf(loc, sizeof(loc), "/%s%s", f->path, merged ? "?samengevoegd=1" : "");
	return wp_send_redirect(r, 303, loc);
}

int wp_form_new(wp_req *r)
{
	edit_form f;
	int rc;

	if (r->method == WP_POST) {
		if (read_edit_form(r, &f) < 0)
			return 413;
	} else {
		char *map;

		if ((rc = may_open_form(r, NULL)) != 0)
			return rc;
		map = wp_query_get(r, "map");
		memset(&f, 0, sizeof(f));
		f.path = wp_query_get(r, "pad");
		if (!f.path && map && wp_path_check(map) == 0 && (f.path = malloc(strlen(map) + 2)))
			sprintf(f.path, "%s/", map);
		f.frontmatter = strdup("titel: \n");
		free(map);
	}
	rc = r->method == WP_POST ? submit(r, 1, &f) : send_form(r, 200, 1, &f, NULL);
	edit_form_dispose(&f);
	return rc;
}

int wp_form_edit(wp_req *r)
{
	edit_form f;
	wp_page *p = NULL;
	int rc;

	if (wp_path_check(r->rest) < 0)
		return wp_send_error(r, 400, wp_error_last());
	if (r->method == WP_POST) {
		if (read_edit_form(r, &f) < 0)
			return 413;
		free(f.path);
		f.path = strdup(r->rest);
		rc = submit(r, 0, &f);
		edit_form_dispose(&f);
		return rc;
	}
	if ((rc = may_open_form(r, r->rest)) != 0)
		return rc;
	rc = wp_page_load(&p, r->store, r->rest, NULL, 1);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	memset(&f, 0, sizeof(f));
	f.path = strdup(r->rest);
	f.base = strdup(wp_page_file_of(p)->revision);
	split_content(wp_page_content(p), wp_page_content_len(p), &f.frontmatter, &f.body);
	wp_page_free(p);
	rc = send_form(r, 200, 0, &f, NULL);
	edit_form_dispose(&f);
	return rc;
}

/* Reads the posted form; returns its data or NULL (413 already sent). */
static const char *posted(wp_req *r, size_t *len)
{
	if (wp_req_read_body(r) < 0)
		return NULL;
	*len = r->body.len;
	return wp_buf_cstr(&r->body);
}

/* After a refused change: the error page with the status that fits the
 * code and the store's message. */
static int change_failed(wp_req *r, int rc)
{
	return wp_send_error(r, wp_status_for(rc), wp_error_last());
}

/* A revert refused for what the old version holds (the privacy check):
 * the problems, and for warnings the same revert again with a checkbox
 * to confirm them. */
static int revert_refused(wp_req *r, int rc, const char *rev, const char *base,
			  const json_t *problems)
{
	json_t *keys = wp_findings_confirms(problems);
	json_t *data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:b, s:o}", "title",
				 wp_t("revert.refused_title"), "path", r->rest, "rev", rev, "base",
				 base, "error",
				 rc == WP_ECONFIRM ? wp_t("revert.confirm_needed") : wp_error_last(),
				 "problems", problems, "has_confirms", json_array_size(keys) > 0,
				 "confirms", keys);

	return wp_send_page(r, wp_status_for(rc), "revert", data, NULL);
}

int wp_form_revert(wp_req *r)
{
	const char *d;
	char *rev, *base, newrev[WP_OID_HEX], loc[WP_PATH_MAX + 2], msg[128];
	json_t *problems = NULL;
	req_actor who;
	size_t n;
	int rc;

	if (wp_path_check(r->rest) < 0)
		return wp_send_error(r, 400, wp_error_last());
	if (!(d = posted(r, &n)))
		return 413;
	rev = wp_form_get(d, n, "rev");
	base = wp_form_get(d, n, "base");
	if (!rev || strlen(rev) != 40 || !base) {
		rc = wp_send_error(r, 400, wp_t("http.bad_rev"));
		goto done;
	}
	snprintf(msg, sizeof(msg), wp_t("wiki.msg_revert_to"), r->rest, 7, rev);
	actor_of(&who, r, msg);
	who.who.problems = problems = json_array();
	rc = wp_wiki_revert(newrev, r->store, r->rest, rev, base, &who.who);
	req_actor_dispose(&who);
	if (rc < 0) {
		rc = json_array_size(problems) ? revert_refused(r, rc, rev, base, problems)
					       : change_failed(r, rc);
		goto done;
	}
	wp_req_reindex(r);
	snprintf(loc, sizeof(loc), "/%s", r->rest);
	rc = wp_send_redirect(r, 303, loc);
done:
	json_decref(problems);
	free(rev);
	free(base);
	return rc;
}

/* GET of delete and rename: a form naming the current revision as base. */
static int confirm_form(wp_req *r, const char *template_name, const char *title_key)
{
	wp_page *p = NULL;
	int rc;

	if ((rc = may_open_form(r, r->rest)) != 0)
		return rc;
	rc = wp_page_load(&p, r->store, r->rest, NULL, 1);
	if (rc < 0)
		return change_failed(r, rc);
	rc = wp_send_page(r, 200, template_name,
			  json_pack("{s:s, s:s, s:s, s:s}", "title", wp_t(title_key), "path",
				    r->rest, "page_title", wp_page_title(p), "base",
				    wp_page_file_of(p)->revision),
			  NULL);
	wp_page_free(p);
	return rc;
}

/* The posted fields of delete and rename, owned. */
typedef struct {
	char *base, *message, *new_path;
} change_form;

static void change_form_dispose(change_form *cf)
{
	free(cf->base);
	free(cf->message);
	free(cf->new_path);
}

/* The common start of delete and rename: a valid path, the confirmation
 * form on GET, and on POST the base (required) and message. Returns 0 to
 * go on with cf filled, or the status of the answer already sent. */
static int begin_change(wp_req *r, const char *tmpl, const char *title_key, change_form *cf)
{
	const char *d;
	size_t n;

	memset(cf, 0, sizeof(*cf));
	if (wp_path_check(r->rest) < 0)
		return wp_send_error(r, 400, wp_error_last());
	if (r->method != WP_POST)
		return confirm_form(r, tmpl, title_key);
	if (!(d = posted(r, &n)))
		return 413;
	cf->base = wp_form_get(d, n, "base");
	cf->message = wp_form_get(d, n, "message");
	cf->new_path = wp_form_get(d, n, "new_path");
	if (!cf->base || !*cf->base)
		return wp_send_error(r, 400, wp_t("edit.need_base"));
	return 0;
}

int wp_form_delete(wp_req *r)
{
	change_form cf;
	char rev[WP_OID_HEX];
	req_actor who;
	int rc;

	rc = begin_change(r, "delete", "delete.title", &cf);
	if (rc == 0) {
		rc = wp_wiki_delete(rev, r->store, r->rest, cf.base, actor_of(&who, r, cf.message));
		req_actor_dispose(&who);
		if (rc == 0)
			wp_req_reindex(r);
		rc = rc < 0 ? change_failed(r, rc) : wp_send_redirect(r, 303, "/");
	}
	change_form_dispose(&cf);
	return rc;
}

int wp_form_rename(wp_req *r)
{
	change_form cf;
	char rev[WP_OID_HEX], loc[WP_PATH_MAX + 2];
	req_actor who;
	int rc;

	rc = begin_change(r, "rename", "rename.title", &cf);
	if (rc != 0)
		goto done;
	if (!cf.new_path || wp_path_check(cf.new_path) < 0) {
		rc = wp_send_error(r, 400, cf.new_path ? wp_error_last() : wp_t("edit.need_path"));
	} else if ((rc = wp_wiki_rename(rev, r->store, r->rest, cf.new_path, cf.base,
					actor_of(&who, r, cf.message))) < 0) {
		req_actor_dispose(&who);
		rc = change_failed(r, rc);
	} else {
		req_actor_dispose(&who);
		wp_req_reindex(r);
		snprintf(loc, sizeof(loc), "/%s", cf.new_path);
		rc = wp_send_redirect(r, 303, loc);
	}
done:
	change_form_dispose(&cf);
	return rc;
}
