/* http_int.h - what the request handlers of http.c, http_pages.c and
 * http_api.c share: the request, the response helpers and the routes.
 * Internal to the server; not a plugin interface. */
#ifndef WP_HTTP_INT_H
#define WP_HTTP_INT_H

#include "access.h"
#include "accounts.h"
#include "body.h"
#include "buf.h"
#include "config.h"
#include "index.h"
#include "lru.h"
#include "plugin.h"
#include "pool.h"
#include "render.h"
#include "store.h"
#include "theme.h"
#include "wiki.h"

#include <civetweb.h>
#include <jansson.h>

/* Shared by all threads; read-only after start (the render cache locks
 * itself). */
typedef struct {
	const wp_config *cfg;
	wp_theme *theme;
	wp_render *render;
	json_t *texts;	    /* {{t.*}} for the templates */
	wp_lru *responses; /* page views as sent, see http_cache.c */
	wp_accounts_limits limits; /* sessions and login throttle */
	wp_pool *pool;		   /* the handles requests take (locks itself) */
} wp_app;

/* WP_GET ... WP_DELETE come from plugin.h: plugins name methods too. */

/* One request, alive for the duration of a handler call. */
typedef struct {
	struct mg_connection *conn;
	const struct mg_request_info *ri;
	const wp_app *app;
	wp_store *store; /* the request's set of handles (pool.h) */
	wp_index *index;
	int method;	 /* one WP_* bit */
	const char *rest; /* the URL path after the route prefix (decoded) */
	int is_api;
	wp_buf body; /* the request body once read */
	const char *path; /* the whole URL path, decoded */
	/* Set by a handler (wp_http_cache_mark()): the 200 it sends is the
	 * answer for this URL while HEAD is cache_head. */
	int cache_marked;
	char cache_head[WP_OID_HEX];
	int index_at_head; /* the index is known to reflect HEAD */
	int body_read;	   /* wp_req_read_body() has run, and the body is whole */
	int body_fetched;  /* the body was read from the connection... */
	int body_too_big;  /* ...and is over the limit (cut short) */
	/* Who is asking (http_auth.c), set before any handler runs. */
	wp_accounts *accounts;	    /* the request's state database */
	wp_account account;	    /* id 0 when anonymous */
	wp_viewer viewer;	    /* for every access decision */
	char session[WP_TOKEN_HEX]; /* the session token, "" without session */
	char csrf[WP_TOKEN_HEX];    /* that session's CSRF token, "" without */
	int by_token;		    /* authenticated by an API token */
	char addr[64];		    /* the client's address */
	int tls;		    /* reached over HTTPS (directly or via the proxy) */
	int sent;		    /* the status of the answer sent, 0 before */
	int must_close;		    /* the connection closes after the answer */
} wp_req;

typedef int (*wp_handler)(wp_req *r);

typedef struct {
	const char *prefix; /* a route matches when the path starts with it... */
	int exact;	    /* ...or equals it when exact */
	int methods;	    /* allowed WP_* bits (HEAD comes with GET) */
	wp_handler handler;
} wp_route;

/* ---- the response cache (http_cache.c) ----
 * A page view costs a template render and several index queries, but its
 * bytes only change with HEAD (any commit can change its links and
 * backlinks), the theme (fixed while running) and who asks. Kept page
 * views are served straight from memory, on CivetWeb's own thread, after
 * one read of the branch ref to check HEAD. */

/* A cache of at most max_bytes of responses in *out. */
int wp_http_cache_new(wp_lru **out, size_t max_bytes);

/* Sends the kept answer for a GET or HEAD of path (decoded) when there is
 * one for the current HEAD and this kind of client; returns the status
 * sent, or 0 when r must be handled. */
int wp_http_cache_serve(wp_req *r, const char *path);

/* Marks r's coming 200 response as the answer for r's URL path while HEAD
 * is head (a GET without query string only). */
void wp_http_cache_mark(wp_req *r, const char *head);

/* Called by wp_send(): keeps the response when r was marked. */
void wp_http_cache_keep(wp_req *r, int status, const char *content_type, const char *data,
			size_t len, const char *const *headers);

/* ---- who is asking (http_auth.c) ---- */

#define WP_SESSION_COOKIE "wp_session"

/* Sends a visitor to the login page, to come back to r's path after it
 * (303). Returns the status sent. */
int wp_auth_to_login(wp_req *r);

/* Names the client (address, HTTPS) and finds its account from an API
 * token (Authorization: Bearer) or the session cookie, filling r's
 * identity fields. Returns 0 to go on, or the status of the answer it
 * sent itself (401 for a bad or revoked API token). */
int wp_auth_identify(wp_req *r);

/* For a request that may change state (POST, PUT, DELETE): passes API
 * token requests, and session requests carrying the session's CSRF token
 * (form field "csrf" or header X-CSRF-Token); anything else is answered
 * 403 and nothing changes. Also sends an account that must first change
 * its one-time password there. Returns 0 to go on, or the status sent. */
int wp_auth_guard(wp_req *r, const char *path);

/* The part of the response-cache key naming who sees the page. */
void wp_auth_cache_class(const wp_req *r, char *out, size_t n);

/* The account's own pages (http_account.c). */
int wp_page_login(wp_req *r);
int wp_page_logout(wp_req *r);
int wp_page_account(wp_req *r);
int wp_page_password(wp_req *r);
int wp_page_tokens(wp_req *r);
int wp_page_users(wp_req *r);

/* Route tables of the page and API modules. */
extern const wp_route wp_page_routes[];
extern const wp_route wp_api_routes[];

/* Writes the Allow header value for methods (WP_* bits). */
void wp_allow_header(char *out, size_t n, int methods);

/* ---- plugins (http_plugin.c) ---- */

/* Makes app's theme render plugin templates (before threads start). */
void wp_http_plugin_bind(const wp_app *app);
/* Runs a plugin's route for path when one matches: returns the status
 * sent, or 0 when no plugin route matches. */
int wp_http_plugin_route(wp_req *r, const char *path);
/* Lets plugins change the page view's HTML (their render steps). */
int wp_http_plugin_render(wp_req *r, const wp_page *p, wp_buf *html);
/* Adds the plugins' sections to the page view's data: page.sections
 * [{plugin, html}], page.has_sections and page.plugins {name: data}. */
int wp_http_plugin_sections(wp_req *r, json_t *page, const wp_page *p);

/* Finds the route for path and method in table and runs it, answering
 * 404 / 405 itself. */
int wp_http_route(wp_req *r, const wp_route *table, const char *path);

/* Reads the request body into r->body, at most cfg->max_body bytes.
 * Returns 0, or sends 413 and returns WP_ETOOBIG. */
int wp_req_read_body(wp_req *r);

/* The warning keys the person confirmed with request r (body.h
 * wp_body_confirms() of its body, JSON or form by its Content-Type). New
 * reference; NULL for a JSON "confirm" of another shape (message in
 * wp_error_last()). */
json_t *wp_req_confirms(wp_req *r);
/* A query-string value; NULL when missing. Caller frees. */
char *wp_query_get(const wp_req *r, const char *name);

/* Sends a complete response. extra_headers: NULL-terminated pairs
 * {name, value, name, value, …, NULL}, or NULL. A HEAD request gets the
 * headers only. Returns status. */
int wp_send(wp_req *r, int status, const char *content_type, const char *data, size_t len,
	    const char *const *extra_headers);

/* Sends json (stolen reference) with status. */
int wp_send_json(wp_req *r, int status, json_t *json, const char *const *extra_headers);

/* Sends an error: {"error": message} for API requests, else the theme's
 * error page. message NULL: the standard text for status. */
int wp_send_error(wp_req *r, int status, const char *message);
/* The same with extra headers (e.g. Allow for 405). */
int wp_send_error_with(wp_req *r, int status, const char *message,
		       const char *const *extra_headers);

/* Sends status (301/303) with a Location header. */
int wp_send_redirect(wp_req *r, int status, const char *location);

/* Renders template name with data (stolen reference) inside the layout
 * and sends it. Adds the common context: t, site, asset version, nav. */
int wp_send_page(wp_req *r, int status, const char *template_name, json_t *data,
		 const char *const *extra_headers);

/* Maps a WP_E* code from a store/wiki call to an HTTP status. */
int wp_status_for(int rc);

/* Formats a commit time as "23-11-2026 14:05" (UTC) into out. */
void wp_format_time(char *out, size_t n, long long t);
/* ISO 8601 UTC, "2026-11-23T14:05:00Z". */
void wp_format_iso(char *out, size_t n, long long t);

/* Wikilink resolver over this request's store (for wp_render_finish);
 * payload is a wp_link_ctx. */
typedef struct {
	const char *from_path; /* the page being rendered, or NULL */
	/* Answers whether a page exists for viewer: one the viewer may not
	 * read is a missing page to them. */
	wp_index *index;
	const wp_viewer *viewer;
} wp_link_ctx;
int wp_resolve_link(void *payload, const char *target, char *out, size_t n);

/* The page forms (http_forms.c), routed from wp_page_routes. */
int wp_form_new(wp_req *r);
int wp_form_edit(wp_req *r);
int wp_form_revert(wp_req *r);
int wp_form_delete(wp_req *r);
int wp_form_rename(wp_req *r);

/* Search (http_search.c). */
int wp_page_search(wp_req *r);
int wp_api_search(wp_req *r);
int wp_api_suggest(wp_req *r);
/* Non-zero when s (n bytes) has the shape of a front-matter key that a
 * search filter or a tag page may name: 1 to 40 of [a-z0-9_]. */
int wp_is_field_name(const char *s, size_t n);
/* Appends the URL of the search page filtered on field = value (no query
 * yet: the form keeps the filter), or returns WP_EINVALID, appending
 * nothing, when field cannot be a search filter (q, type, page, tag, or
 * not a field name). */
int wp_search_filter_href(wp_buf *out, const char *field, const char *value);

/* Tag pages (http_tags.c): GET /tag/<field>[/<value>] and
 * /api/tags/<field>[/<value>]. */
int wp_page_tag(wp_req *r);
int wp_api_tags(wp_req *r);
/* 0 when value can have a tag page: at most 200 bytes of UTF-8 without
 * control characters; else WP_EINVALID with the reason in
 * wp_error_last(). */
int wp_tag_value_check(const char *value);
/* Appends the URL of the tag page of field = value, percent-encoded; or
 * returns WP_EINVALID, appending nothing, when it can have none (a bad
 * field name, an empty value, or see wp_tag_value_check()). */
int wp_tag_href(wp_buf *out, const char *field, const char *value);

/* Brings this thread's index up to the repository after a change, so the
 * change is searchable and listed before the answer goes out. A failure is
 * logged, not fatal: the next catch-up repairs the index. */
void wp_req_reindex(wp_req *r);

/* Non-zero when r's viewer may write pages of some type (the "new page"
 * buttons). */
int wp_req_may_write(const wp_req *r);

/* Whether r's viewer may read page path as it stands: at HEAD, or for a
 * deleted page as it was last; a rename stub as its target. 1 yes, 0 no
 * (also for a page that never existed), or an error. */
int wp_req_readable_now(wp_req *r, const char *path);

/* Whether r's viewer may read page p as loaded (a rename stub: yes; its
 * target is judged where it is followed). */
int wp_req_page_readable(const wp_req *r, const wp_page *p);

/* Drops from log the entries r's viewer may not see: a change whose
 * version of the page they could not read then (a deletion: the version
 * it deleted), or whose page they cannot read now - so a page that left
 * `team` does not show the messages and authors of its team days. path:
 * the page of every entry (a page's history), or NULL to use each
 * entry's own path (recent changes). */
int wp_req_filter_log(wp_req *r, wp_log *log, const char *path);
/* (wp_req_filter_log also replaces the authors of the pages whose authors
 * are masked, as wp_req_shown_author says.) */

/* The name r's viewer is shown for the author (name, e-mail email) of a
 * change to a page whose authors are masked (masked non-zero; plugin.h
 * wp_author_mask_fn): the name itself for that author and for members of
 * the author's team, else the author's role, "professional (naam
 * afgeschermd)". Returns name, or buf (n bytes) holding the text. */
const char *wp_req_shown_author(wp_req *r, int masked, const char *name, const char *email,
				char *buf, size_t n);

/* 0 when r's viewer may see page path: readable now, and at revision rev
 * (when not NULL) as it was then. Otherwise answers 404 - exactly as for
 * a page that does not exist - and returns the status sent. */
int wp_req_check_readable(wp_req *r, const char *path, const char *rev);

/* The wp_actor fields for r's account: author and e-mail. */
const char *wp_req_author(const wp_req *r);
void wp_req_email(const wp_req *r, char *out, size_t n);

#endif
