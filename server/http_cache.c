/* http_cache.c - page views kept as sent, served again while HEAD stands.
 *
 * A kept response is valid for one commit: serving it first reads the
 * branch ref (one small file) and compares, so a save is visible on the
 * very next request, from this process or any other writer. What else
 * changes a page view is part of the key: who asks (their account, role
 * and team: a page view shows their name, what they may edit, and only
 * the links and backlinks they may see). The theme cannot change while the server runs.
 * Only GET and HEAD without a query string are served from here; the 304
 * for a matching If-None-Match is answered here too. */
#include "http_int.h"

#include "error.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define HEADERS_MAX 8 /* name/value pairs a kept response may carry */
#define KEY_MAX 1300  /* who asks and a URL path (at most 1 KiB) */

typedef struct {
	atomic_int refs;
	char head[WP_OID_HEX];
	char *content_type;
	char *headers[2 * HEADERS_MAX + 1]; /* name, value, ..., NULL */
	char *etag;			      /* the value of the ETag header, or NULL */
	char *body;
	size_t len;
} kept;

static void kept_free(kept *k)
{
	size_t i;

	for (i = 0; k->headers[i]; i++)
		free(k->headers[i]);
	free(k->content_type);
	free(k->body);
	free(k);
}

static void *kept_retain(void *v)
{
	atomic_fetch_add(&((kept *)v)->refs, 1);
	return v;
}

static void kept_release(void *v)
{
	kept *k = v;

	if (k && atomic_fetch_sub(&k->refs, 1) == 1)
		kept_free(k);
}

static const wp_lru_ops kept_ops = { kept_retain, kept_release };

int wp_http_cache_new(wp_lru **out, size_t max_bytes)
{
	/* entries: a page view is rarely under 4 KiB */
	return wp_lru_new(out, max_bytes / 4096 + 1, max_bytes, &kept_ops);
}

/* The key of path for r's kind of client, in out. 0, or -1 when too long. */
static int make_key(char *out, size_t n, const wp_req *r, const char *path)
{
	char who[200];
	int len;

	wp_auth_cache_class(r, who, sizeof(who));
	len = snprintf(out, n, "%s %s", who, path);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

static int cacheable_request(const wp_req *r)
{
	const char *q = r->ri->query_string;

	return (r->method == WP_GET || r->method == WP_HEAD) && !r->is_api && (!q || !*q);
}

int wp_http_cache_serve(wp_req *r, const char *path)
{
	char key[KEY_MAX], head[WP_OID_HEX];
	const char *inm;
	kept *k;
	int status = 0;

	if (!r->app->responses || !r->store || !cacheable_request(r) ||
	    make_key(key, sizeof(key), r, path) < 0)
		return 0;
	k = wp_lru_get(r->app->responses, key);
	if (!k)
		return 0;
	if (wp_store_head(head, r->store) == 0 && strcmp(head, k->head) == 0) {
		inm = mg_get_header(r->conn, "If-None-Match");
		if (inm && k->etag && strcmp(inm, k->etag) == 0)
			status = wp_send(r, 304, NULL, NULL, 0,
					 (const char *const[]){ "ETag", k->etag, NULL });
		else
			status = wp_send(r, 200, k->content_type, k->body, k->len,
					 (const char *const *)k->headers);
	}
	kept_release(k);
	wp_error_clear();
	return status;
}

void wp_http_cache_mark(wp_req *r, const char *head)
{
	if (!cacheable_request(r) || r->method != WP_GET || !r->path)
		return;
	snprintf(r->cache_head, sizeof(r->cache_head), "%s", head);
	r->cache_marked = 1;
}

/* A copy of the response; NULL when memory runs out or it has too many
 * headers. */
static kept *kept_new(const char *head, const char *content_type, const char *data, size_t len,
		      const char *const *headers)
{
	kept *k = calloc(1, sizeof(*k));
	size_t i;

	if (!k)
		return NULL;
	atomic_init(&k->refs, 1);
	snprintf(k->head, sizeof(k->head), "%s", head);
	k->content_type = strdup(content_type ? content_type : "");
	k->body = malloc(len ? len : 1);
	if (!k->content_type || !k->body)
		goto fail;
	memcpy(k->body, data, len);
	k->len = len;
	for (i = 0; headers && headers[i]; i += 2) {
		if (i >= 2 * HEADERS_MAX)
			goto fail;
		k->headers[i] = strdup(headers[i]);
		if (!k->headers[i])
			goto fail;
		k->headers[i + 1] = strdup(headers[i + 1]);
		if (!k->headers[i + 1])
			goto fail;
		if (strcmp(headers[i], "ETag") == 0)
			k->etag = k->headers[i + 1];
	}
	return k;
fail:
	kept_free(k);
	return NULL;
}

void wp_http_cache_keep(wp_req *r, int status, const char *content_type, const char *data,
			size_t len, const char *const *headers)
{
	char key[KEY_MAX];
	kept *k;

	if (!r->cache_marked || status != 200 || !r->app->responses ||
	    make_key(key, sizeof(key), r, r->path) < 0)
		return;
	r->cache_marked = 0; /* one response per mark */
	k = kept_new(r->cache_head, content_type, data, len, headers);
	if (!k)
		return;
	wp_lru_put(r->app->responses, key, k, sizeof(*k) + len);
	kept_release(k);
}
