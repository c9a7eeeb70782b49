/* http_api.c - the JSON API: read, save, delete pages, history and recent
 * changes (contract in docs/http.md). */
#include "error.h"
#include "http_findings.h"
#include "http_int.h"
#include "plugin_host.h"
#include "path.h"
#include "texts.h"
#include "wiki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_SUFFIX "/history"

/* The page as the API shows it; NULL when out of memory. */
static json_t *page_json(const wp_page *p)
{
	return json_pack("{s:s, s:s, s:s, s:O, s:s%, s:s}", "path", wp_page_path(p), "type",
			 wp_page_type(p), "title", wp_page_title(p), "meta", wp_page_meta(p),
			 "body", wp_page_body(p), wp_page_body_len(p), "revision",
			 wp_page_file_of(p)->revision);
}

static int api_get(wp_req *r, const char *path)
{
	wp_page *p = NULL;
	char etag[WP_OID_HEX + 2];
	const char *hdr[] = { "ETag", etag, "Cache-Control", "no-cache", NULL };
	int rc;

	if ((rc = wp_req_check_readable(r, path, NULL)) != 0)
		return rc;
	rc = wp_page_load(&p, r->store, path, NULL, 1);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	snprintf(etag, sizeof(etag), "\"%s\"", wp_page_file_of(p)->revision);
	rc = wp_send_json(r, 200, page_json(p), hdr);
	wp_page_free(p);
	return rc;
}

/* The merge of a stale save for an answer: {"content", "conflicts"},
 * or NULL when there was none. */
static json_t *merge_json(const wp_merge_info *m)
{
	if (!m || !m->result.content)
		return NULL;
	return json_pack("{s:s%, s:O}", "content", m->result.content, m->result.len, "conflicts",
			 m->result.conflicts);
}

/* Answers a refused save: 409 with the current page (and, for a stale
 * save that overlapped, the merge with its conflicts), else the error. */
static int send_save_error(wp_req *r, int rc, const char *path, const wp_merge_info *merge)
{
	char msg[1024];
	wp_page *cur = NULL;
	json_t *body, *m;

	snprintf(msg, sizeof(msg), "%s", wp_error_last());
	if (wp_status_for(rc) != 409)
		return wp_send_error(r, wp_status_for(rc), msg);
	body = json_pack("{s:s}", "error", msg);
	if (body && (m = merge_json(merge)))
		json_object_set_new(body, "merge", m);
	if (body && wp_page_load(&cur, r->store, path, NULL, 1) == 0 &&
	    wp_may_read_meta(&r->viewer, wp_page_meta(cur)))
		json_object_set_new(body, "current", page_json(cur));
	else if (body)
		json_object_set_new(body, "current", json_null());
	wp_page_free(cur);
	return wp_send_json(r, 409, body, NULL);
}

/* Parses the request body as a JSON object; sends 400/413 itself. */
static json_t *read_json(wp_req *r)
{
	json_t *j;

	if (wp_req_read_body(r) < 0)
		return NULL;
	j = wp_body_object(r->body.ptr, r->body.len);
	if (!j)
		wp_send_error(r, 400, wp_error_last());
	return j;
}

/* Reads a change request (body.h wp_body_change()). Sends 400/413 itself
 * and returns NULL then; else the object (caller decrefs). */
static json_t *read_change(wp_req *r, const char **base, const char **message)
{
	json_t *j = read_json(r);

	if (j && wp_body_change(j, base, message) < 0) {
		wp_send_error(r, 400, wp_error_last());
		json_decref(j);
		return NULL;
	}
	return j;
}

/* The answer to a save refused with problems: {"error", "problems"},
 * and for warnings only (422) "confirm": the keys to send back in
 * "confirm" to save anyway. */
static json_t *refusal_json(int rc, const json_t *problems)
{
	json_t *o = json_pack("{s:s, s:O}", "error", wp_error_last(), "problems", problems);
	json_t *keys = json_array(), *p;
	size_t i;

	if (rc == WP_ECONFIRM && o && keys) {
		json_array_foreach(problems, i, p) {
			json_t *k = json_object_get(p, "confirm"), *seen;
			size_t j;
			int dup = 0;

			json_array_foreach(keys, j, seen)
				dup |= json_equal(seen, k);
			if (json_is_string(k) && !dup)
				json_array_append(keys, k);
		}
		json_object_set(o, "confirm", keys);
	}
	json_decref(keys);
	return o;
}

static int api_put(wp_req *r, const char *path)
{
	char rev[WP_OID_HEX], email[WP_NAME_MAX + 32];
	wp_actor who = { wp_req_author(r), NULL, email, &r->viewer, NULL };
	const char *base;
	json_t *j, *content, *confirm;
	wp_merge_info merge = { 0 };
	int rc;

	wp_req_email(r, email, sizeof(email));
	j = read_change(r, &base, &who.message);
	if (!j)
		return 400;
	who.problems = json_array();
	who.confirm = confirm = wp_req_confirms(r);
	who.merge = &merge;
	content = json_object_get(j, "content");
	if (!confirm) {
		rc = wp_send_error(r, 400, wp_error_last());
	} else if (!json_is_string(content)) {
		rc = wp_send_error(r, 400, wp_t("api.need_content"));
	} else if ((rc = wp_wiki_save(rev, r->store, path, json_string_value(content),
				      json_string_length(content), base, &who)) < 0) {
		/* Field problems go with the error, one per field; spots in
		 * the text (warnings too) with their offsets in content. */
		if (json_array_size(who.problems) > 0) {
			json_t *answer = refusal_json(rc, who.problems), *m = merge_json(&merge);

			/* Merged first: the offsets of spots count in the merge. */
			if (answer && m)
				json_object_set_new(answer, "merge", m);
			rc = wp_send_json(r, wp_status_for(rc), answer, NULL);
		} else {
			rc = send_save_error(r, rc, path, &merge);
		}
	} else {
		wp_req_reindex(r);
		rc = wp_send_json(r, base ? 200 : 201,
				  json_pack("{s:s, s:s, s:b}", "path", path, "revision", rev,
					    "merged", merge.merged),
				  NULL);
	}
	wp_merge_info_dispose(&merge);
	json_decref(who.problems);
	json_decref(confirm);
	json_decref(j);
	return rc;
}

static int api_delete(wp_req *r, const char *path)
{
	char rev[WP_OID_HEX], email[WP_NAME_MAX + 32];
	wp_actor who = { wp_req_author(r), NULL, email, &r->viewer, NULL };
	const char *base;
	json_t *j;
	int rc;

	wp_req_email(r, email, sizeof(email));
	j = read_change(r, &base, &who.message);
	if (!j)
		return 400;
	if (!base) {
		rc = wp_send_error(r, 400, wp_t("api.need_base"));
	} else if ((rc = wp_wiki_delete(rev, r->store, path, base, &who)) < 0) {
		rc = send_save_error(r, rc, path, NULL);
	} else {
		wp_req_reindex(r);
		rc = wp_send_json(r, 200, json_pack("{s:s, s:s}", "path", path, "revision", rev),
				  NULL);
	}
	json_decref(j);
	return rc;
}

static json_t *log_json(const wp_log *log, int with_path)
{
	json_t *list = json_array();
	char date[32];
	size_t i;

	for (i = 0; list && i < log->count; i++) {
		const wp_log_entry *e = &log->entries[i];
		json_t *o;

		wp_format_iso(date, sizeof(date), e->time);
		o = json_pack("{s:s, s:s, s:s, s:s}", "revision", e->revision, "author",
			      e->author ? e->author : "", "date", date, "message",
			      e->message ? e->message : "");
		if (o && with_path) {
			json_object_set_new(o, "path", json_string(e->path ? e->path : ""));
			json_object_set_new(o, "deleted", json_boolean(e->deleted));
		}
		if (!o || json_array_append_new(list, o) < 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

static int api_history(wp_req *r, const char *path)
{
	wp_log log = { NULL, 0 };
	int rc;

	if ((rc = wp_req_check_readable(r, path, NULL)) != 0)
		return rc;
	rc = wp_store_history(&log, r->store, path, 0);
	if (rc == 0)
		rc = wp_req_filter_log(r, &log, path);
	if (rc == 0 && log.count == 0) {
		wp_error_set("%s", wp_t("http.404"));
		rc = WP_ENOTFOUND;
	}
	if (rc < 0)
		rc = wp_send_error(r, wp_status_for(rc), wp_error_last());
	else
		rc = wp_send_json(r, 200, log_json(&log, 0), NULL);
	wp_log_dispose(&log);
	return rc;
}

static int api_pages(wp_req *r)
{
	char path[WP_PATH_MAX + sizeof(HISTORY_SUFFIX) + 1];
	size_t n = strlen(r->rest), hn = strlen(HISTORY_SUFFIX);
	int history = 0;

	if (n >= sizeof(path))
		return wp_send_error(r, 400, wp_t("path.too_long_plain"));
	memcpy(path, r->rest, n + 1);
	if (n > hn && strcmp(path + n - hn, HISTORY_SUFFIX) == 0) {
		path[n - hn] = '\0';
		history = 1;
	}
	if (wp_path_check(path) < 0)
		return wp_send_error(r, 400, wp_error_last());
	if (history)
		return r->method & (WP_GET | WP_HEAD) ? api_history(r, path)
						      : wp_send_error(r, 405, NULL);
	if (r->method == WP_PUT)
		return api_put(r, path);
	if (r->method == WP_DELETE)
		return api_delete(r, path);
	return api_get(r, path);
}

static int api_changes(wp_req *r)
{
	char *limit_s = wp_query_get(r, "limit");
	long limit = limit_s ? strtol(limit_s, NULL, 10) : 50;
	wp_log log = { NULL, 0 };
	int rc;

	free(limit_s);
	if (limit < 1 || limit > 1000)
		limit = 50;
	rc = wp_store_changes(&log, r->store, (size_t)limit);
	if (rc == 0)
		rc = wp_req_filter_log(r, &log, NULL);
	if (rc < 0)
		rc = wp_send_error(r, wp_status_for(rc), wp_error_last());
	else
		rc = wp_send_json(r, 200, log_json(&log, 1), NULL);
	wp_log_dispose(&log);
	return rc;
}

const wp_route wp_api_routes[] = {
	{ "/api/pages/", 0, WP_GET | WP_PUT | WP_DELETE, api_pages },
	{ "/api/changes", 1, WP_GET, api_changes },
	{ "/api/search", 1, WP_GET, wp_api_search },
	{ "/api/suggest", 1, WP_GET, wp_api_suggest },
	{ "/api/tags/", 0, WP_GET, wp_api_tags },
	{ NULL, 0, 0, NULL },
};

int wp_api_segment_taken(const char *seg)
{
	const wp_route *rt;
	size_t n = strlen(seg);

	for (rt = wp_api_routes; rt->prefix; rt++)
		if (strncmp(rt->prefix + 5, seg, n) == 0 &&
		    (rt->prefix[5 + n] == '\0' || rt->prefix[5 + n] == '/'))
			return 1;
	return 0;
}
