/* client.c - the load test's client threads (see client.h): each loops
 * GET a random page, rewrite its own paragraph, PUT it back with the
 * revision it read as base, and records the answer. libcurl with one easy
 * handle per thread (connections kept alive), jansson for the JSON. */
#include "client.h"

#include <curl/curl.h>
#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REQUEST_TIMEOUT_S 10L
#define CONNECT_TIMEOUT_MS 2000L
#define BACK_OFF_MS 20
#define PAUSE_POLL_MS 2
#define BODY_CAP (4u * 1024 * 1024)
#define MESSAGE_PREFIX "Lasttest: "
/* In the server's answer when a save gave up on a locked branch ref
 * ("store.busy" in server/texts_nl.c): the only way to tell it from a
 * 409 for a page that changed meanwhile. */
#define BUSY_TEXT "te druk"

typedef struct {
	char *p;
	size_t len, cap;
	int overflow;
} membuf;

long long wp_load_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Test code: out of memory ends the run at once. */
static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		fprintf(stderr, "load client: out of memory\n");
		abort();
	}
	return q;
}

void wp_load_page_path(char *out, size_t n, unsigned page)
{
	snprintf(out, n, "lasttest/pagina-%03u", page + 1);
}

void wp_load_marker(char *out, size_t n, unsigned client, unsigned seq)
{
	snprintf(out, n, "Client %02u bewerking %06u", client, seq);
}

/* The front matter of load page i. */
static void front_matter(char *out, size_t n, unsigned page)
{
	snprintf(out, n, "---\ntitel: Lastpagina %u\n---\n", page + 1);
}

char *wp_load_page_initial(unsigned page, unsigned clients)
{
	size_t cap = 64 + (size_t)clients * 24, len;
	char *s = xrealloc(NULL, cap);
	unsigned c;

	front_matter(s, cap, page);
	len = strlen(s);
	for (c = 0; c < clients; c++)
		len += (size_t)snprintf(s + len, cap - len, "%sClient %02u begin\n", c ? "\n" : "",
					c);
	return s;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	membuf *b = ud;
	size_t add = size * n;

	if (b->len + add + 1 > BODY_CAP) {
		b->overflow = 1;
		return 0;
	}
	if (b->len + add + 1 > b->cap) {
		b->cap = (b->len + add + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, add);
	b->len += add;
	b->p[b->len] = '\0';
	return add;
}

/* Keeps the first unexpected thing a client met, for the test's message. */
static void note(wp_load_client *c, const char *what, long status, const char *detail)
{
	if (c->problem[0])
		return;
	snprintf(c->problem, sizeof(c->problem), "client %02u: %s: %ld %.*s", c->index, what,
		 status, 300, detail ? detail : "");
}

/* Keeps the first busy answer apart: the test names it when it fails. */
static void note_busy(wp_load_client *c, const char *detail)
{
	if (!c->busy_answer[0])
		snprintf(c->busy_answer, sizeof(c->busy_answer), "%.*s", 300, detail ? detail : "");
}

/* Performs the request set up on h into body; returns the curl code and
 * sets *status (0 without an answer). */
static CURLcode perform(CURL *h, membuf *body, long *status)
{
	CURLcode cc;

	body->len = 0;
	body->overflow = 0;
	if (body->p)
		body->p[0] = '\0';
	cc = curl_easy_perform(h);
	*status = 0;
	if (cc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	return cc;
}

/* body with this client's line replaced by marker, or NULL when body does
 * not hold exactly one line of this client. Caller frees. */
static char *replace_own_line(const char *body, unsigned client, const char *marker)
{
	char prefix[16];
	const char *at = NULL, *p = body, *end;
	size_t plen, mlen = strlen(marker);
	char *out;

	plen = (size_t)snprintf(prefix, sizeof(prefix), "Client %02u ", client);
	while (p && *p) {
		if (strncmp(p, prefix, plen) == 0) {
			if (at)
				return NULL;
			at = p;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!at)
		return NULL;
	end = strchr(at, '\n');
	if (!end)
		end = at + strlen(at);
	out = xrealloc(NULL, strlen(body) + mlen + 1);
	memcpy(out, body, (size_t)(at - body));
	memcpy(out + (at - body), marker, mlen);
	strcpy(out + (at - body) + mlen, end);
	return out;
}

static wp_load_attempt *new_attempt(wp_load_client *c, unsigned page)
{
	wp_load_attempt *a;

	if (c->n_attempts == c->cap_attempts) {
		c->cap_attempts = c->cap_attempts ? c->cap_attempts * 2 : 256;
		c->attempts = xrealloc(c->attempts, c->cap_attempts * sizeof(*c->attempts));
	}
	a = &c->attempts[c->n_attempts++];
	memset(a, 0, sizeof(*a));
	a->page = page;
	a->seq = (unsigned)c->n_attempts;
	a->outcome = WP_LOAD_UNKNOWN;
	return a;
}

/* Reads the answer to a PUT into a. */
static void put_answer(wp_load_client *c, wp_load_attempt *a, CURLcode cc, const membuf *body)
{
	const char *err;
	json_t *j;

	if (cc != CURLE_OK) {
		c->transport_errors++;
		note(c, "PUT", 0, curl_easy_strerror(cc));
		return; /* UNKNOWN: the server may have committed it before it died */
	}
	if (a->status == 200 || a->status == 201) {
		const char *rev;

		a->outcome = WP_LOAD_ACKED;
		c->acked++;
		j = json_loadb(body->p ? body->p : "", body->len, 0, NULL);
		rev = json_string_value(json_object_get(j, "revision"));
		/* An acknowledgement without a revision is checked (and fails)
		 * in the history check: the answer must name the commit. */
		if (rev && strlen(rev) == WP_LOAD_OID_HEX - 1)
			memcpy(a->revision, rev, WP_LOAD_OID_HEX);
		else if (!c->bare_ack[0])
			snprintf(c->bare_ack, sizeof(c->bare_ack), "%.*s", 300,
				 body->p ? body->p : "(no body)");
		a->merged = json_is_true(json_object_get(j, "merged"));
		if (a->merged)
			c->merged++;
		json_decref(j);
	} else if (a->status == 409) {
		a->outcome = WP_LOAD_REFUSED;
		j = json_loadb(body->p ? body->p : "", body->len, 0, NULL);
		err = json_string_value(json_object_get(j, "error"));
		if (json_object_get(j, "merge")) {
			c->conflicts++;
		} else if (err && strstr(err, BUSY_TEXT)) {
			c->busy++;
			note_busy(c, body->p);
		} else {
			c->changed++;
		}
		json_decref(j);
	} else if (a->status >= 500) {
		c->server_errors++;
		note(c, "PUT", a->status, body->p);
	} else {
		a->outcome = WP_LOAD_FAILED;
		c->other_4xx++;
		note(c, "PUT", a->status, body->p);
	}
}

/* One edit: GET page, rewrite this client's line, PUT with the revision
 * read as base. Returns 1 when the client should pause before the next
 * (the server did not answer, or answered with an error). */
static int one_edit(wp_load_client *c, CURL *h, membuf *body, const char *url, unsigned page)
{
	char path[64], full[512], marker[64], message[96], fm[96];
	const char *rev, *text;
	char *edited = NULL, *content = NULL, *payload = NULL;
	wp_load_attempt *a;
	json_t *j, *put;
	long status;
	long long t0;
	CURLcode cc;
	size_t fmlen, blen;

	wp_load_page_path(path, sizeof(path), page);
	snprintf(full, sizeof(full), "%s/api/pages/%s", url, path);
	curl_easy_setopt(h, CURLOPT_URL, full);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	c->gets++;
	cc = perform(h, body, &status);
	if (cc != CURLE_OK || status != 200) {
		c->get_failures++;
		if (cc != CURLE_OK)
			c->transport_errors++;
		else if (status >= 500)
			c->server_errors++;
		else
			c->other_4xx++;
		note(c, "GET", status, cc != CURLE_OK ? curl_easy_strerror(cc) : body->p);
		return 1;
	}
	j = json_loadb(body->p ? body->p : "", body->len, 0, NULL);
	rev = json_string_value(json_object_get(j, "revision"));
	text = json_string_value(json_object_get(j, "body"));
	if (!rev || !text) {
		c->get_failures++;
		note(c, "GET answered without revision or body", status, body->p);
		json_decref(j);
		return 1;
	}
	if (c->n_attempts >= WP_LOAD_SEQ_MAX) {
		json_decref(j);
		return 1;
	}
	wp_load_marker(marker, sizeof(marker), c->index, (unsigned)c->n_attempts + 1);
	edited = replace_own_line(text, c->index, marker);
	if (!edited) {
		c->bad_pages++;
		note(c, "GET: the page lacks this client's one paragraph", status, text);
		json_decref(j);
		return 1;
	}
	front_matter(fm, sizeof(fm), page);
	fmlen = strlen(fm);
	blen = strlen(edited);
	content = xrealloc(NULL, fmlen + blen + 1);
	memcpy(content, fm, fmlen);
	memcpy(content + fmlen, edited, blen + 1);
	snprintf(message, sizeof(message), "%s%s", MESSAGE_PREFIX, marker);
	put = json_pack("{s:s, s:s, s:s}", "content", content, "base", rev, "message", message);
	payload = put ? json_dumps(put, JSON_COMPACT) : NULL;
	json_decref(put);
	json_decref(j);
	free(edited);
	free(content);
	if (!payload) {
		fprintf(stderr, "load client: cannot build JSON\n");
		abort();
	}

	a = new_attempt(c, page);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(payload));
	t0 = wp_load_now_ns();
	cc = perform(h, body, &status);
	a->done_ns = wp_load_now_ns();
	a->latency_us = (long)((a->done_ns - t0) / 1000);
	a->status = status;
	put_answer(c, a, cc, body);
	/* The next GET must not send this body. */
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
	free(payload);
	return a->outcome == WP_LOAD_UNKNOWN || a->outcome == WP_LOAD_FAILED;
}

/* The server's current address into url; 0 while the clients are paused. */
static int current_url(char *url, size_t n, wp_load_target *t)
{
	pthread_mutex_lock(&t->mu);
	snprintf(url, n, "%s", t->url);
	pthread_mutex_unlock(&t->mu);
	return url[0] != '\0';
}

static void *client_main(void *arg)
{
	wp_load_client *c = arg;
	CURL *h = curl_easy_init();
	struct curl_slist *headers = NULL;
	membuf body = { NULL, 0, 0, 0 };
	char auth[256], url[256];

	if (!h) {
		note(c, "curl_easy_init failed", 0, NULL);
		return NULL;
	}
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", c->token);
	headers = curl_slist_append(headers, auth);
	headers = curl_slist_append(headers, "Content-Type: application/json");
	headers = curl_slist_append(headers, "Expect:");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");

	while (!atomic_load(&c->target->stop) && wp_load_now_ns() < c->deadline_ns) {
		if (!current_url(url, sizeof(url), c->target)) {
			sleep_ms(PAUSE_POLL_MS);
			continue;
		}
		if (one_edit(c, h, &body, url, (unsigned)rand_r(&c->seed) % c->pages))
			sleep_ms(BACK_OFF_MS);
	}
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
	free(body.p);
	return NULL;
}

int wp_load_clients_start(wp_load_client *clients, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (pthread_create(&clients[i].thread, NULL, client_main, &clients[i]) != 0) {
			wp_load_clients_join(clients, i, clients[0].target);
			return -1;
		}
		clients[i].started = 1;
	}
	return 0;
}

void wp_load_clients_join(wp_load_client *clients, unsigned n, wp_load_target *target)
{
	unsigned i;

	atomic_store(&target->stop, 1);
	for (i = 0; i < n; i++) {
		if (clients[i].started)
			pthread_join(clients[i].thread, NULL);
		clients[i].started = 0;
	}
}

void wp_load_clients_dispose(wp_load_client *clients, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		free(clients[i].attempts);
		clients[i].attempts = NULL;
		clients[i].n_attempts = clients[i].cap_attempts = 0;
	}
}
