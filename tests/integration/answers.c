/* Integration test of the answers as bytes on the wire: each one a whole
 * HTTP message (status line, headers, exactly Content-Length bytes of
 * body), with a Date, and a Connection header that says truthfully
 * whether the server keeps the connection open. Read over raw sockets, so
 * that no client library smooths anything over. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PAGE "notities/op-de-draad"

/* One answer cut out of the bytes a connection carried. */
typedef struct {
	long status;
	char head[4096]; /* status line and headers, NUL-terminated */
	const char *body;
	size_t body_len;
} answer;

/* The value of header name in a->head (first one), or NULL. Points into
 * a static buffer. */
static const char *header(const answer *a, const char *name)
{
	static char value[512];
	size_t n = strlen(name);
	const char *p = strstr(a->head, "\r\n");

	while (p && p[2] != '\0') {
		const char *line = p + 2, *eol = strstr(line, "\r\n");

		if (eol && strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1 + strspn(line + n + 1, " ");

			snprintf(value, sizeof(value), "%.*s", (int)(eol - v), v);
			return value;
		}
		p = eol;
	}
	return NULL;
}

/* Cuts the answer at *p (with *left bytes after it) into a, advancing
 * *p and *left past it. Fails the test unless it is whole: a header
 * section ending in an empty line and a Content-Length of body. */
static void next_answer(answer *a, const char **p, size_t *left, int has_body)
{
	const char *end = strstr(*p, "\r\n\r\n"), *cl;
	size_t head_len, want;

	cr_assert(end, "an answer without the end of its headers: %.300s", *p);
	head_len = (size_t)(end - *p) + 4;
	cr_assert_lt(head_len, sizeof(a->head));
	memcpy(a->head, *p, head_len);
	a->head[head_len] = '\0';
	cr_assert_eq(strncmp(a->head, "HTTP/1.1 ", 9), 0, "status line: %.80s", a->head);
	a->status = strtol(a->head + 9, NULL, 10);
	cl = header(a, "Content-Length");
	cr_assert(cl, "no Content-Length in:\n%s", a->head);
	want = has_body ? strtoul(cl, NULL, 10) : 0;
	cr_assert_geq(*left, head_len + want, "the body is cut short: %zu of %zu bytes",
		      *left - head_len, want);
	a->body = *p + head_len;
	a->body_len = want;
	*p += head_len + want;
	*left -= head_len + want;
}

/* requests sent on one connection; the bytes that came back, and
 * whether the server closed it. */
static char *exchange(wp_test_server *srv, const char *requests, size_t *len, int *closed)
{
	return wp_ts_raw_bytes(srv, requests, strlen(requests), len, closed);
}

static wp_test_server *server_with_page(void)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r =
	    wp_ts_api_put(srv, PAGE, "---\ntitel: Op de draad\n---\nTekst.\n", NULL, "Nieuw");

	cr_assert_eq(r->status, 201, "%ld %s", r->status, r->body);
	wp_ts_response_free(r);
	return srv;
}

Test(answers, two_requests_share_a_connection_until_the_client_asks_to_close, .timeout = 120)
{
	wp_test_server *srv = server_with_page();
	char *auth = wp_ts_auth_lines(srv, "GET");
	char *req = wp_ts_fmt("GET /api/pages/%s HTTP/1.1\r\nHost: t\r\n%s\r\n"
			      "GET /api/pages/bestaat/niet HTTP/1.1\r\nHost: t\r\n%s"
			      "Connection: close\r\n\r\n",
			      PAGE, auth, auth);
	size_t len;
	int closed;
	char *got = exchange(srv, req, &len, &closed);
	const char *p = got;
	answer a, b;

	next_answer(&a, &p, &len, 1);
	cr_expect_eq(a.status, 200, "%s", a.head);
	cr_expect_str_eq(header(&a, "Connection"), "keep-alive");
	cr_expect(memmem(a.body, a.body_len, "\"revision\"", 10), "%.*s", (int)a.body_len, a.body);
	next_answer(&b, &p, &len, 1);
	cr_expect_eq(b.status, 404, "%s", b.head);
	cr_expect_str_eq(header(&b, "Connection"), "close");
	cr_expect_eq(len, 0, "bytes after the last answer: %s", p);
	cr_expect(closed, "the server kept the connection open after \"close\"");
	free(got);
	free(req);
	free(auth);
	wp_ts_stop(srv);
}

/* The answer to a single request on a fresh connection. */
static void one_answer(wp_test_server *srv, const char *request, answer *a, char **got, int *closed,
		       int has_body)
{
	size_t len;
	const char *p;

	*got = exchange(srv, request, &len, closed);
	p = *got;
	next_answer(a, &p, &len, has_body);
	cr_expect_eq(len, 0, "bytes after the answer: %s", p);
}

Test(answers, connections_close_when_http_says_so, .timeout = 120)
{
	wp_test_server *srv = wp_ts_start(NULL);
	answer a;
	char *got;
	int closed;

	/* HTTP/1.0 closes unless the client asks to keep the connection. */
	one_answer(srv, "GET /api/pages/bestaat/niet HTTP/1.0\r\n\r\n", &a, &got, &closed, 1);
	cr_expect_str_eq(header(&a, "Connection"), "close");
	cr_expect(closed, "an HTTP/1.0 connection stayed open");
	free(got);
	/* A 401 closes the connection (CivetWeb's rule): the answer says so. */
	one_answer(srv, "GET /api/pages HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer onzin\r\n\r\n",
		   &a, &got, &closed, 1);
	cr_expect_eq(a.status, 401, "%s", a.head);
	cr_expect_str_eq(header(&a, "Connection"), "close");
	cr_expect(closed, "the connection stayed open after a 401");
	free(got);
	wp_ts_stop(srv);
}

Test(answers, head_has_the_length_of_get_and_every_answer_a_date, .timeout = 120)
{
	wp_test_server *srv = server_with_page();
	char *auth = wp_ts_auth_lines(srv, "GET");
	char *get = wp_ts_fmt(
	    "GET /api/pages/%s HTTP/1.1\r\nHost: t\r\n%sConnection: close\r\n\r\n", PAGE, auth);
	char *head = wp_ts_fmt("HEAD /api/pages/%s HTTP/1.1\r\nHost: t\r\n%s"
			       "Connection: close\r\n\r\n",
			       PAGE, auth);
	char *got_get, *got_head, length[32];
	answer g, h;
	struct tm tm;
	const char *date, *end;
	int closed;

	one_answer(srv, get, &g, &got_get, &closed, 1);
	cr_assert_eq(g.status, 200, "%s", g.head);
	snprintf(length, sizeof(length), "%s", header(&g, "Content-Length"));
	one_answer(srv, head, &h, &got_head, &closed, 0);
	cr_expect_eq(h.status, 200, "%s", h.head);
	cr_expect_str_eq(header(&h, "Content-Length"), length);
	date = header(&g, "Date");
	cr_assert(date, "no Date in:\n%s", g.head);
	memset(&tm, 0, sizeof(tm));
	end = strptime(date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	cr_assert(end && *end == '\0', "not an HTTP date: \"%s\"", date);
	cr_expect_leq(labs((long)(timegm(&tm) - time(NULL))), 120, "Date %s is not now", date);
	free(got_get);
	free(got_head);
	free(get);
	free(head);
	free(auth);
	wp_ts_stop(srv);
}
