/* http.c - CivetWeb set-up, per-thread state, request dispatch and the
 * response helpers every handler uses. */
#include "http.h"

#include "error.h"
#include "http_int.h"
#include "path.h"
#include "texts.h"
#include "plugin_host.h"
#include "types.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WP_REQUEST_STACK ((size_t)8 * 1024 * 1024)
/* Bodies up to this size go out in the same write as the headers; a
 * bigger one follows in a write of its own rather than be copied. */
#define ONE_WRITE_MAX ((size_t)256 * 1024)

/* Headers on every HTML page: no inline script or style, no framing. */
static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
			  "form-action 'self'; frame-ancestors 'none'";

static int method_bit(const char *m)
{
	static const struct {
		const char *name;
		int bit;
	} methods[] = { { "GET", WP_GET },   { "HEAD", WP_HEAD },     { "POST", WP_POST },
			{ "PUT", WP_PUT },   { "DELETE", WP_DELETE } };
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].bit;
	return 0;
}

void wp_allow_header(char *out, size_t n, int methods)
{
	out[0] = '\0';
	if (methods & WP_GET)
		strncat(out, "GET, HEAD, ", n - strlen(out) - 1);
	if (methods & WP_POST)
		strncat(out, "POST, ", n - strlen(out) - 1);
	if (methods & WP_PUT)
		strncat(out, "PUT, ", n - strlen(out) - 1);
	if (methods & WP_DELETE)
		strncat(out, "DELETE, ", n - strlen(out) - 1);
	if (strlen(out) >= 2)
		out[strlen(out) - 2] = '\0';
}

int wp_http_route(wp_req *r, const wp_route *table, const char *path)
{
	const wp_route *rt;
	int want = r->method == WP_HEAD ? WP_GET : r->method;

	for (rt = table; rt->prefix; rt++) {
		size_t n = strlen(rt->prefix);

		if (rt->exact ? strcmp(path, rt->prefix) != 0 : strncmp(path, rt->prefix, n) != 0)
			continue;
		if (!(rt->methods & want)) {
			char allow[64];
			const char *hdr[] = { "Allow", allow, NULL };

			wp_allow_header(allow, sizeof(allow), rt->methods);
			return wp_send_error_with(r, 405, NULL, hdr);
		}
		r->rest = path + (rt->exact ? strlen(path) : n);
		return rt->handler(r);
	}
	return wp_send_error(r, 404, NULL);
}

int wp_req_may_write(const wp_req *r)
{
	size_t i;

	for (i = 0; i < wp_type_count(); i++)
		if (wp_may_write_type(&r->viewer, wp_type_at(i)->name))
			return 1;
	return 0;
}

const char *wp_req_author(const wp_req *r)
{
	return r->account.id ? r->account.display : "anoniem";
}

void wp_req_email(const wp_req *r, char *out, size_t n)
{
	snprintf(out, n, "%s@werkplaats.invalid", r->account.id ? r->account.name : "anoniem");
}

/* Reads the body into r->body, stopping at the limit (body_too_big). */
static void fetch_body(wp_req *r)
{
	long long cl = r->ri->content_length;
	char chunk[16384];
	int n;

	r->body_fetched = 1;
	r->body.max = r->app->cfg->max_body;
	if (cl > 0 && (unsigned long long)cl > r->app->cfg->max_body) {
		r->body_too_big = 1;
		return;
	}
	while ((n = mg_read(r->conn, chunk, sizeof(chunk))) > 0) {
		if (wp_buf_put(&r->body, chunk, (size_t)n) < 0) {
			r->body_too_big = 1;
			return;
		}
	}
	if (wp_buf_put(&r->body, "", 0) < 0) /* NUL-terminate an empty body */
		r->body_too_big = 1;
}

int wp_req_read_body(wp_req *r)
{
	if (!r->body_fetched)
		fetch_body(r);
	if (r->body_too_big) {
		wp_send_error(r, 413, NULL);
		return WP_ETOOBIG;
	}
	r->body_read = 1;
	return 0;
}

json_t *wp_req_confirms(wp_req *r)
{
	const char *type = mg_get_header(r->conn, "Content-Type");

	if (!r->body_read && wp_req_read_body(r) < 0)
		return json_array();
	return wp_body_confirms(r->body.ptr, r->body.len, type && strstr(type, "json"));
}

char *wp_query_get(const wp_req *r, const char *name)
{
	const char *q = r->ri->query_string;

	return q ? wp_form_get(q, strlen(q), name) : NULL;
}

/* Whether the connection stays open after this answer, as CivetWeb will
 * decide it (should_keep_alive() in civetweb.c): keep-alive unless the
 * client asked to close (or spoke HTTP/1.0 without asking to keep it),
 * the answer is 401, or the request was not read whole. */
static int keep_alive(const wp_req *r, int status)
{
	const char *v = mg_get_header(r->conn, "Connection");
	const char *version = r->ri->http_version;
	int keep = 0;

	if (status == 401 || r->must_close || r->body_too_big)
		return 0;
	if (!v)
		return version && strcmp(version, "1.1") == 0;
	while (*v) {
		size_t n;

		v += strspn(v, " \t,");
		n = strcspn(v, " \t,");
		keep |= n == 10 && strncasecmp(v, "keep-alive", 10) == 0;
		v += n;
	}
	return keep;
}

/* The Date header's value (RFC 9110 IMF-fixdate), in English whatever
 * the locale. */
static void http_date(char *out, size_t n)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	snprintf(out, n, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
		 months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int put_header(wp_buf *b, const char *name, const char *value)
{
	/* A line break in a value would start a header of its own. */
	if (strpbrk(value, "\r\n"))
		return 0;
	return wp_buf_printf(b, "%s: %s\r\n", name, value);
}

/* The status line and header section of an answer into b. Returns 0 or
 * a negative error. */
static int put_head(wp_buf *b, const wp_req *r, int status, const char *content_type, size_t len,
		    const char *const *extra_headers, int keep)
{
	const char *cache = NULL;
	char date[40];
	size_t i;
	int rc;

	rc = wp_buf_printf(b, "HTTP/1.1 %d %s\r\n", status,
			   mg_get_response_code_text(r->conn, status));
	if (content_type)
		rc |= put_header(b, "Content-Type", content_type);
	if (status != 304)
		rc |= wp_buf_printf(b, "Content-Length: %zu\r\n", len);
	/* On every response, not only HTML: a JSON or Markdown answer opened
	 * in a frame or sniffed as HTML must be as inert. */
	rc |= put_header(b, "X-Content-Type-Options", "nosniff");
	rc |= put_header(b, "Referrer-Policy", "same-origin");
	rc |= put_header(b, "Content-Security-Policy", csp);
	rc |= put_header(b, "X-Frame-Options", "DENY");
	if (r->tls)
		rc |= put_header(b, "Strict-Transport-Security", "max-age=31536000");
	rc |= put_header(b, "Vary", "Cookie, Authorization");
	for (i = 0; extra_headers && extra_headers[i]; i += 2) {
		if (strcasecmp(extra_headers[i], "Cache-Control") == 0)
			cache = extra_headers[i + 1];
		else
			rc |= put_header(b, extra_headers[i], extra_headers[i + 1]);
	}
	/* What a logged-in person sees is theirs: no shared cache keeps it
	 * (theme files, the same for all, stay public). */
	if (r->account.id && (!cache || strncmp(cache, "public", 6) != 0))
		cache = "private, no-cache";
	if (cache)
		rc |= put_header(b, "Cache-Control", cache);
	http_date(date, sizeof(date));
	rc |= put_header(b, "Date", date);
	rc |= put_header(b, "Connection", keep ? "keep-alive" : "close");
	rc |= wp_buf_puts(b, "\r\n");
	return rc < 0 ? rc : 0;
}

int wp_send(wp_req *r, int status, const char *content_type, const char *data, size_t len,
	    const char *const *extra_headers)
{
	wp_buf out = WP_BUF_INIT;
	size_t body = len;
	int keep, rc;

	/* One answer per request: a second one (a plugin answering after the
	 * host already sent 413 for its body) would corrupt the stream. */
	if (r->sent)
		return r->sent;
	r->sent = status;
	keep = keep_alive(r, status);
	if (!keep)
		mg_disable_connection_keep_alive(r->conn);
	/* The whole answer in one write, not CivetWeb's write per header: a
	 * server killed halfway through the headers left a cut-off header
	 * section that clients (curl among them) take for a complete answer,
	 * so a save could look acknowledged without its revision. One write
	 * is also one TCP segment (or TLS record) instead of a dozen. The
	 * status reaches CivetWeb's log as begin_request()'s return value. */
	if (r->method == WP_HEAD || status == 304)
		body = 0;
	rc = put_head(&out, r, status, content_type, len, extra_headers, keep);
	if (rc == 0 && body > 0 && body <= ONE_WRITE_MAX)
		rc = wp_buf_put(&out, data, body);
	if (rc < 0) {
		/* Better no answer than a wrong one: the client sees the
		 * connection close. */
		mg_disable_connection_keep_alive(r->conn);
	} else if (mg_write(r->conn, out.ptr, out.len) != (int)out.len ||
		   (body > ONE_WRITE_MAX && mg_write(r->conn, data, body) != (int)body)) {
		/* The client went away mid-answer: nothing more can follow. */
		mg_disable_connection_keep_alive(r->conn);
	}
	wp_buf_dispose(&out);
	wp_http_cache_keep(r, status, content_type, data, len, extra_headers);
	return status;
}

int wp_send_json(wp_req *r, int status, json_t *json, const char *const *extra_headers)
{
	char *s;
	int rc;

	if (!json)
		return wp_send(r, 500, "text/plain; charset=utf-8", "", 0, NULL);
	s = json_dumps(json, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(json);
	if (!s)
		return wp_send(r, 500, "text/plain; charset=utf-8", "", 0, NULL);
	rc = wp_send(r, status, "application/json; charset=utf-8", s, strlen(s), extra_headers);
	free(s);
	return rc;
}

int wp_send_redirect(wp_req *r, int status, const char *location)
{
	const char *hdr[] = { "Location", location, NULL };

	return wp_send(r, status, "text/plain; charset=utf-8", "", 0, hdr);
}

int wp_send_error_with(wp_req *r, int status, const char *message,
		       const char *const *extra_headers)
{
	char key[32];
	json_t *data;

	snprintf(key, sizeof(key), "http.%d", status);
	if (!message || !*message)
		message = wp_t(key);
	if (r->is_api)
		return wp_send_json(r, status, json_pack("{s:s}", "error", message),
				    extra_headers);
	data = json_pack("{s:s, s:i, s:s}", "title", wp_t(key), "status", status, "message",
			 message);
	return wp_send_page(r, status, "error", data, extra_headers);
}

int wp_send_error(wp_req *r, int status, const char *message)
{
	return wp_send_error_with(r, status, message, NULL);
}

int wp_status_for(int rc)
{
	switch (rc) {
	case WP_ENOTFOUND: return 404;
	case WP_EINVALID: return 400;
	case WP_ECONFLICT:
	case WP_EEXISTS: return 409;
	case WP_ETOOBIG: return 413;
	case WP_EFORBIDDEN: return 403;
	case WP_ECONFIRM: return 422;
	default: return 500;
	}
}

void wp_format_time(char *out, size_t n, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%d-%m-%Y %H:%M", &tm);
}

void wp_format_iso(char *out, size_t n, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int link_exists(void *payload, const char *path)
{
	const wp_link_ctx *lc = payload;

	return wp_index_has(lc->index, lc->viewer, path);
}

int wp_resolve_link(void *payload, const char *target, char *out, size_t n)
{
	const wp_link_ctx *lc = payload;

	return wp_link_resolve(out, n, lc->from_path, target, link_exists, payload);
}

static json_t *nav_types(void)
{
	json_t *list = json_array();
	const wp_type *ty;
	char key[64];
	size_t i;

	for (i = 0; list && i < wp_type_count(); i++) {
		ty = wp_type_at(i);
		if (!ty->listed)
			continue;
		snprintf(key, sizeof(key), "types.%s", ty->name);
		json_array_append_new(list, json_pack("{s:s, s:s}", "name", ty->name, "label",
						      wp_t(key)));
	}
	return list;
}

int wp_send_page(wp_req *r, int status, const char *template_name, json_t *data,
		 const char *const *extra_headers)
{
	wp_buf out = WP_BUF_INIT;
	int rc;

	if (!data)
		data = json_object();
	if (!data)
		return wp_send(r, 500, "text/plain; charset=utf-8", "", 0, NULL);
	json_object_set(data, "t", r->app->texts);
	json_object_set_new(data, "asset_version",
			    json_string(wp_theme_version(r->app->theme)));
	json_object_set_new(data, "nav_types", nav_types());
	json_object_set_new(data, "nav_plugins", wp_plugins_nav(r->viewer.role));
	if (!json_object_get(data, "may_write"))
		json_object_set_new(data, "may_write", json_boolean(wp_req_may_write(r)));
	json_object_set_new(data, "csrf", json_string(r->csrf));
	/* The login link brings a visitor back to the page they were on. */
	if (!r->account.id && r->method == WP_GET && r->ri->local_uri_raw &&
	    strncmp(r->ri->local_uri_raw, "/inloggen", 9) != 0 &&
	    strcmp(r->ri->local_uri_raw, "/") != 0) {
		wp_buf back = WP_BUF_INIT;

		if (wp_buf_put_url(&back, r->ri->local_uri_raw, strlen(r->ri->local_uri_raw), 1) == 0)
			json_object_set_new(data, "back", json_string(wp_buf_cstr(&back)));
		wp_buf_dispose(&back);
	}
	if (r->account.id)
		json_object_set_new(data, "user",
				    json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", r->account.name,
					      "display", r->account.display, "role",
					      wp_role_name(r->account.role), "team", r->account.team,
					      "manages", wp_may_manage_users(&r->viewer)));
	rc = wp_theme_render(&out, r->app->theme, template_name, data);
	json_decref(data);
	if (rc < 0) {
		const char *msg = wp_t("http.500");

		fprintf(stderr, "werkplaats: template %s: %s\n", template_name, wp_error_last());
		wp_buf_dispose(&out);
		return wp_send(r, 500, "text/plain; charset=utf-8", msg, strlen(msg), NULL);
	}
	rc = wp_send(r, status, "text/html; charset=utf-8", out.ptr, out.len, extra_headers);
	wp_buf_dispose(&out);
	return rc;
}

void wp_req_reindex(wp_req *r)
{
	if (wp_index_catch_up(r->index, r->store) < 0)
		fprintf(stderr, "werkplaats: index: %s\n", wp_error_last());
}

static void req_init(wp_req *r, struct mg_connection *conn)
{
	const char *path;

	memset(r, 0, sizeof(*r));
	r->conn = conn;
	r->ri = mg_get_request_info(conn);
	r->app = mg_get_user_data(mg_get_context(conn));
	r->body = (wp_buf)WP_BUF_INIT;
	r->viewer.default_vis = (wp_vis)r->app->cfg->default_vis; /* a visitor until identified */
	r->method = r->ri->request_method ? method_bit(r->ri->request_method) : WP_GET;
	path = r->ri->local_uri_raw ? r->ri->local_uri_raw : "";
	r->is_api = strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
	wp_error_clear();
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the URL path ourselves (CivetWeb is told not to): a bad escape
 * or an encoded NUL would otherwise cut the path short unseen. Returns 0,
 * or -1 for a path that no page or route can have. */
static int decode_path(char *out, size_t n, const char *raw)
{
	size_t o = 0;

	for (; *raw; raw++) {
		int c = (unsigned char)*raw;

		if (c == '%') {
			int hi = hex_value(raw[1]), lo = hi < 0 ? -1 : hex_value(raw[2]);

			if (lo < 0)
				return -1;
			c = hi * 16 + lo;
			raw += 2;
		}
		if (c == 0 || o + 1 >= n)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

/* Routes; who may do what was settled in begin_request() and is checked
 * again, per page, by the handlers and wiki.c. */
static int dispatch(wp_req *r, const char *path)
{
	int rc;

	if ((rc = wp_http_plugin_route(r, path)) != 0)
		return rc;
	return wp_http_route(r, r->is_api ? wp_api_routes : wp_page_routes, path);
}

typedef struct {
	wp_req *r;
	const char *path;
	int status;
} dispatch_job;

static void *dispatch_thread(void *arg)
{
	dispatch_job *job = arg;

	wp_error_clear();
	job->status = dispatch(job->r, job->path);
	return NULL;
}

/* CivetWeb as packaged gives its workers a fixed, small stack (100 KiB),
 * too small for libgit2's write path under the sanitizers and tight for
 * deep Markdown or templates. Each request therefore runs on a thread of
 * its own with a roomy stack; the worker waits for it, so the worker's
 * repository handle is never used by two threads at once. */
static int dispatch_on_big_stack(wp_req *r, const char *path)
{
	dispatch_job job = { r, path, 0 };
	pthread_attr_t attr;
	pthread_t tid;
	int rc;

	if (pthread_attr_init(&attr) != 0)
		return dispatch(r, path);
	rc = pthread_attr_setstacksize(&attr, WP_REQUEST_STACK);
	if (rc == 0)
		rc = pthread_create(&tid, &attr, dispatch_thread, &job);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return dispatch(r, path);
	pthread_join(tid, NULL);
	return job.status;
}

/* The request with a set of handles (pool.h), taken only now that the
 * request line, the headers and any body have arrived: a client that
 * sends slowly holds one of CivetWeb's many connection threads, never
 * the few sets everyone needs. */
static int handle(wp_req *r, const char *path)
{
	wp_handles *h = wp_pool_take(r->app->pool);
	int status;

	r->store = h->store;
	r->index = h->index;
	r->accounts = h->accounts;
	r->path = path;
	status = wp_auth_identify(r);
	if (status == 0)
		status = wp_auth_guard(r, path);
	if (status == 0 && r->body_too_big)
		status = wp_req_read_body(r) < 0 ? r->sent : 0;
	if (status == 0)
		status = wp_http_cache_serve(r, path);
	if (status == 0)
		status = dispatch_on_big_stack(r, path);
	wp_pool_give(r->app->pool, h);
	return status;
}

static int begin_request(struct mg_connection *conn)
{
	wp_req r;
	char path[1024];
	int status;

	req_init(&r, conn);
	if (r.method & (WP_POST | WP_PUT | WP_DELETE))
		fetch_body(&r);
	if (decode_path(path, sizeof(path), r.ri->local_uri_raw ? r.ri->local_uri_raw : "") < 0)
		status = wp_send_error(&r, 400, wp_t("http.bad_url"));
	else
		status = handle(&r, path);
	wp_buf_dispose(&r.body);
	return status ? status : 1;
}

/* Errors CivetWeb finds itself (a malformed request line, say) get the
 * theme's error page too. */
static int http_error(struct mg_connection *conn, int status, const char *errmsg)
{
	wp_req r;

	(void)errmsg;
	req_init(&r, conn);
	r.must_close = 1; /* CivetWeb closes after its own errors */
	wp_send_error(&r, status, NULL);
	return 0;
}

/* CivetWeb reads certificate and key from one PEM file. When they are
 * two files, they are joined into data_dir/tls.pem (owner-only) at
 * start; path receives the file to give CivetWeb. */
static int tls_pem(const wp_config *cfg, char *path, size_t n)
{
	const char *parts[2] = { cfg->tls_cert, cfg->tls_key };
	char buf[8192];
	FILE *out, *in;
	size_t i, got;
	int fd, rc = 0;

	for (i = 0; i < 2; i++) {
		if (parts[i] && access(parts[i], R_OK) != 0) {
			wp_error_set(wp_t("http.tls_file"), parts[i], strerror(errno));
			return WP_ERROR;
		}
	}
	if (!cfg->tls_key || strcmp(cfg->tls_key, cfg->tls_cert) == 0) {
		snprintf(path, n, "%s", cfg->tls_cert);
		return 0;
	}
	snprintf(path, n, "%s/tls.pem", cfg->data_dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && fchmod(fd, 0600) != 0) { /* an older file may be wider */
		close(fd);
		fd = -1;
	}
	out = fd < 0 ? NULL : fdopen(fd, "w");
	if (!out) {
		if (fd >= 0)
			close(fd);
		wp_error_set(wp_t("http.tls_file"), path, strerror(errno));
		return WP_ERROR;
	}
	for (i = 0; i < 2 && rc == 0; i++) {
		in = fopen(parts[i], "r");
		if (!in) {
			wp_error_set(wp_t("http.tls_file"), parts[i], strerror(errno));
			rc = WP_ERROR;
			break;
		}
		while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
			if (fwrite(buf, 1, got, out) != got)
				rc = WP_ERROR;
		fputc('\n', out);
		fclose(in);
	}
	if (fclose(out) != 0 || rc < 0) {
		if (rc == 0)
			wp_error_set(wp_t("http.tls_file"), path, strerror(errno));
		return WP_ERROR;
	}
	return 0;
}

/* Makes sure CivetWeb can do TLS before it is asked to (tls_shim.c says
 * why the shim is loaded first). CivetWeb would otherwise start and crash
 * at the first HTTPS request. */
static int tls_available(void)
{
#ifdef WP_SSL_SHIM
	/* Kept loaded for the life of the process, as CivetWeb keeps libssl. */
	if (!dlopen(WP_SSL_SHIM, RTLD_NOW | RTLD_GLOBAL))
		fprintf(stderr, "werkplaats: %s\n", dlerror());
#endif
	if (!(mg_init_library(MG_FEATURES_SSL) & MG_FEATURES_SSL)) {
		wp_error_set("%s", wp_t("http.tls_unavailable"));
		return WP_ERROR;
	}
	return 0;
}

static int start_server(struct mg_context **out, wp_app *app, char *url, size_t urln)
{
	const wp_config *cfg = app->cfg;
	struct mg_callbacks cb;
	struct mg_server_port ports[4];
	char listen[160], threads[16], pem[4200];
	const char *opts[] = { "listening_ports",	listen,	 "num_threads",	      threads,
			       "request_timeout_ms",	"30000", "enable_keep_alive", "yes",
			       "keep_alive_timeout_ms", "5000",	 "decode_url",	      "no",
			       "tcp_nodelay",		"1",	 NULL,		      NULL,
			       NULL,			NULL,	 NULL };
	int is6 = strchr(cfg->listen, ':') != NULL, tls = cfg->tls_cert != NULL;

	snprintf(listen, sizeof(listen), is6 ? "[%s]:%d%s" : "%s:%d%s", cfg->listen, cfg->port,
		 tls ? "s" : "");
	if (tls) {
		if (tls_available() < 0 || tls_pem(cfg, pem, sizeof(pem)) < 0)
			return WP_ERROR;
		opts[14] = "ssl_certificate";
		opts[15] = pem;
		opts[16] = "ssl_protocol_version";
		opts[17] = "4"; /* TLS 1.2 and newer */
	}
	snprintf(threads, sizeof(threads), "%d", cfg->connections);
	memset(&cb, 0, sizeof(cb));
	cb.begin_request = begin_request;
	cb.http_error = http_error;
	*out = mg_start(&cb, app, opts);
	if (!*out) {
		wp_error_set(wp_t("http.listen_failed"), listen);
		return WP_ERROR;
	}
	if (mg_get_server_ports(*out, 4, ports) < 1) {
		mg_stop(*out);
		*out = NULL;
		wp_error_set(wp_t("http.listen_failed"), listen);
		return WP_ERROR;
	}
	snprintf(url, urln, is6 ? "%s://[%s]:%d/" : "%s://%s:%d/", tls ? "https" : "http",
		 cfg->listen, ports[0].port);
	return 0;
}

/* CivetWeb 1.15 (Debian 12) sees mg_stop() in its master thread only
 * when that thread's poll on the listening sockets times out, up to two
 * seconds later (1.16 wakes it with a socket pair). A connection to our
 * own port wakes it at once, so a restart or a stop is not held up. */
typedef struct {
	char host[160];
	char port[16];
	atomic_int stopped;
} stop_waker;

static void *wake_master(void *arg)
{
	stop_waker *w = arg;
	struct addrinfo hints, *ai = NULL;
	int i, fd;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if (getaddrinfo(w->host, w->port, &hints, &ai) != 0)
		return NULL;
	/* Bounded: 50 tries over about a second, until mg_stop() returned. */
	for (i = 0; i < 50 && !atomic_load(&w->stopped); i++) {
		struct timespec ts = { 0, 20 * 1000000 };

		nanosleep(&ts, NULL);
		fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			break;
		(void)connect(fd, ai->ai_addr, ai->ai_addrlen);
		close(fd);
	}
	freeaddrinfo(ai);
	return NULL;
}

/* Stops the server, waking its master thread (see stop_waker). */
static void stop_server(struct mg_context *ctx, const wp_config *cfg)
{
	struct mg_server_port ports[4];
	stop_waker w;
	pthread_t t;
	int woken;

	memset(&w, 0, sizeof(w));
	atomic_init(&w.stopped, 0);
	snprintf(w.host, sizeof(w.host), "%s", cfg->listen);
	woken = mg_get_server_ports(ctx, 4, ports) > 0 &&
		snprintf(w.port, sizeof(w.port), "%d", ports[0].port) > 0 &&
		pthread_create(&t, NULL, wake_master, &w) == 0;
	mg_stop(ctx);
	atomic_store(&w.stopped, 1);
	if (woken)
		pthread_join(t, NULL);
}

/* A save cut off by a crash must not block the saves after it. */
static int recover_store(wp_store *s, const char *repo_dir)
{
	int removed = 0, rc = wp_store_recover(s, &removed);

	if (rc == 0 && removed)
		fprintf(stderr, wp_t("store.recovered"), repo_dir);
	return rc;
}

int wp_http_serve(const wp_config *cfg)
{
	wp_app app = { cfg, NULL, NULL, NULL, NULL, WP_ACCOUNTS_LIMITS_DEFAULT, NULL };
	struct mg_context *ctx = NULL;
	char themes[4096], url[256];
	sigset_t sigs;
	size_t i;
	int rc, sig;
	wp_store *probe = NULL;
	wp_index *ix = NULL;

	/* Refuse to start on a repository or index we cannot open, with its
	 * message; bring the index up to date before the first request. */
	wp_accounts *acc = NULL;

	app.limits.idle_s = cfg->session_idle_s;
	app.limits.max_s = cfg->session_max_s;
	if ((rc = wp_store_open(&probe, cfg->repo_dir)) < 0)
		return rc;
	if ((rc = recover_store(probe, cfg->repo_dir)) < 0) {
		wp_store_free(probe);
		return rc;
	}
	/* The state database must open here, not just fail per thread. */
	if ((rc = wp_accounts_open(&acc, cfg->state_file, &app.limits)) < 0) {
		wp_store_free(probe);
		return rc;
	}
	wp_accounts_free(acc);
	rc = wp_index_open(&ix, cfg->index_file, cfg->language);
	if (rc == 0)
		rc = wp_index_catch_up(ix, probe);
	wp_index_free(ix);
	wp_store_free(probe);
	if (rc < 0)
		return rc;
	snprintf(themes, sizeof(themes), "%s/themes", cfg->root_dir);
	if ((rc = wp_theme_load(&app.theme, themes, cfg->theme)) < 0)
		goto done;
	for (i = 0; i < wp_plugins_count(); i++)
		if ((rc = wp_theme_add_templates(app.theme, wp_plugins_name(i),
						 wp_plugins_template_dir(i))) < 0)
			goto done;
	if ((rc = wp_render_new(&app.render, cfg->cache_entries, cfg->render_cache)) < 0)
		goto done;
	if (cfg->page_cache > 0 && (rc = wp_http_cache_new(&app.responses, cfg->page_cache)) < 0)
		goto done;
	app.texts = wp_texts_json();
	if (!app.texts) {
		rc = WP_ENOMEM;
		goto done;
	}
	if ((rc = wp_pool_new(&app.pool, cfg, &app.limits, (size_t)cfg->threads)) < 0)
		goto done;
	wp_http_plugin_bind(&app);
	/* Signals are taken by sigwait below; worker threads inherit the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((rc = start_server(&ctx, &app, url, sizeof(url))) < 0)
		goto done;
	printf("%s%s\n", wp_t("http.running"), url);
	fflush(stdout);
	sigwait(&sigs, &sig);
	stop_server(ctx, cfg);
	rc = 0;
done:
	json_decref(app.texts);
	wp_http_plugin_bind(NULL);
	wp_pool_free(app.pool);
	wp_lru_free(app.responses);
	wp_render_free(app.render);
	wp_theme_free(app.theme);
	return rc;
}
