/* Integration tests of resource limits: what one page or one client can
 * ask of the server. Slow clients hold a connection thread each but never
 * the handles the other requests need; a megabyte of front matter is
 * refused with a clear message; deep nesting and ten thousand wikilinks
 * are handled; Markdown that Debian's cmark-gfm would parse for minutes
 * is refused at save and shown as plain text when it is already stored. */
#include "server.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SLOW_HEADERS 64 /* eight times the default sets of handles */
#define SLOW_BODIES 16

static wp_test_server *srv;

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
}

/* The timeout every suite of this binary has: Criterion 2.4.1 leaks a record
 * in its runner when one binary mixes timeouts (the ASan run fails on it). */
TestSuite(limits, .fini = stop, .timeout = 120);

/* A connection to the server that has sent bytes and waits. */
static int open_slow(const char *bytes)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0, "socket: %s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)wp_ts_port(srv));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0, "connect: %s",
		     strerror(errno));
	cr_assert_eq(send(fd, bytes, strlen(bytes), MSG_NOSIGNAL), (ssize_t)strlen(bytes));
	return fd;
}

/* Still open and unanswered: the server neither wrote nor closed. */
static int waiting(int fd)
{
	char c;
	ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);

	return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

Test(limits, slow_clients_do_not_starve_the_others)
{
	int fds[SLOW_HEADERS + SLOW_BODIES], i;
	char *auth, *head;
	wp_ts_response *r;

	srv = wp_ts_start(NULL);
	auth = wp_ts_auth_lines(srv, "PUT");
	/* Half a request each: headers never finished, or a body that stops. */
	for (i = 0; i < SLOW_HEADERS; i++)
		fds[i] = open_slow("GET / HTTP/1.1\r\nHost: traag\r\nX-Nog: ");
	for (i = 0; i < SLOW_BODIES; i++) {
		head = wp_ts_fmt("PUT /api/pages/notities/traag-%d HTTP/1.1\r\nHost: traag\r\n%s"
				 "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
				 "{\"content\": \"",
				 i, auth);
		fds[SLOW_HEADERS + i] = open_slow(head);
		free(head);
	}
	/* Everyone else is still served, reading and writing. */
	r = wp_ts_api_put(srv, "notities/snel", "---\ntitel: Snel\n---\nGewoon.\n", NULL, "Snel");
	cr_expect_eq(r->status, 201, "a save among slow clients: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	r = wp_ts_get(srv, "/notities/snel");
	cr_expect_eq(r->status, 200, "a page view among slow clients: %ld", r->status);
	wp_ts_response_free(r);
	for (i = 0; i < SLOW_HEADERS + SLOW_BODIES; i++) {
		cr_expect(waiting(fds[i]), "slow client %d was answered or dropped early", i);
		close(fds[i]);
	}
	free(auth);
}

Test(limits, a_megabyte_of_front_matter_is_refused_with_its_reason)
{
	size_t big = 1000 * 1000;
	char *value = malloc(big + 1), *page;
	wp_ts_commit before, after;
	wp_ts_response *r;

	srv = wp_ts_start(NULL);
	memset(value, 'a', big);
	value[big] = '\0';
	page = wp_ts_fmt("---\ntitel: Groot\nlang: %s\n---\nTekst.\n", value);
	wp_ts_repo_head(&before, wp_ts_data_dir(srv));
	r = wp_ts_api_put(srv, "notities/grote-kop", page, NULL, "Te groot");
	cr_expect_eq(r->status, 413, "%ld %s", r->status, r->body);
	cr_expect(strstr(r->body, "256 kB") != NULL, "the limit is named: %s", r->body);
	wp_ts_response_free(r);
	wp_ts_repo_head(&after, wp_ts_data_dir(srv));
	cr_expect_str_eq(after.id, before.id, "nothing committed");
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	free(page);
	free(value);
}

/* The page at path as the server shows it (status must be 200). */
static char *view(const char *path)
{
	wp_ts_response *r = wp_ts_get(srv, path);
	char *body;

	cr_assert_eq(r->status, 200, "GET %s: %ld", path, r->status);
	body = r->body;
	r->body = NULL;
	wp_ts_response_free(r);
	return body;
}

static void put_new(const char *path, const char *body)
{
	char *page = wp_ts_fmt("---\ntitel: Grens\n---\n%s", body);
	wp_ts_response *r = wp_ts_api_put(srv, path, page, NULL, "Grens");

	cr_assert_eq(r->status, 201, "PUT %s: %ld %.300s", path, r->status, r->body);
	wp_ts_response_free(r);
	free(page);
}

Test(limits, deep_nesting_is_rendered)
{
	size_t depth = 100000, levels = 300, i;
	char *quotes = malloc(depth + 32), *list = malloc(levels * (2 * levels + 32)), *html, *at;

	srv = wp_ts_start(NULL);
	memset(quotes, '>', depth);
	strcpy(quotes + depth, " binnenste citaat\n");
	put_new("notities/diepe-citaten", quotes);
	html = view("/notities/diepe-citaten");
	cr_expect(strstr(html, "binnenste citaat") != NULL, "the innermost quote is shown");
	cr_expect_geq(wp_ts_count(html, "<blockquote>"), 1000, "quotes nested");
	free(html);
	at = list;
	for (i = 0; i < levels; i++)
		at += sprintf(at, "%*s- niveau %zu\n", (int)(2 * i), "", i + 1);
	put_new("notities/diepe-lijst", list);
	html = view("/notities/diepe-lijst");
	cr_expect(strstr(html, "niveau 300") != NULL, "the innermost item is shown");
	cr_expect_eq(wp_ts_count(html, "<ul>\n<li>niveau "), levels, "one list per level: %zu",
		     wp_ts_count(html, "<ul>\n<li>niveau "));
	free(html);
	free(list);
	free(quotes);
}

Test(limits, ten_thousand_wikilinks_in_one_page)
{
	size_t n = 10000, i;
	char *body = malloc(n * 32), *at = body, *html;
	wp_ts_response *r;

	srv = wp_ts_start(NULL);
	for (i = 0; i < n; i++)
		at += sprintf(at, "[[notities/doel-%zu]] ", i);
	strcpy(at, "\n");
	put_new("notities/veel-links", body);
	html = view("/notities/veel-links");
	cr_expect_eq(wp_ts_count(html, "class=\"wikilink nieuw\""), n, "every link is shown");
	free(html);
	/* A target made later knows the page links to it. */
	put_new("notities/doel-9999", "Het laatste doel.\n");
	r = wp_ts_get(srv, "/notities/doel-9999");
	cr_assert_eq(r->status, 200);
	cr_expect(strstr(r->body, "href=\"/notities/veel-links\"") != NULL,
		  "the backlink is listed");
	wp_ts_response_free(r);
	html = view("/notities/veel-links");
	cr_expect_eq(wp_ts_count(html, "class=\"wikilink nieuw\""), n - 1,
		     "the link to the new page is no longer marked new");
	free(html);
	free(body);
}

/* A body of n copies of unit. Caller frees. */
static char *repeat(const char *head, const char *unit, size_t n)
{
	size_t h = strlen(head), u = strlen(unit), i;
	char *s = malloc(h + n * u + 2);

	memcpy(s, head, h);
	for (i = 0; i < n; i++)
		memcpy(s + h + i * u, unit, u);
	strcpy(s + h + n * u, "\n");
	return s;
}

Test(limits, markdown_that_would_parse_for_minutes_is_refused_and_shown_plain)
{
	char *row = repeat("---\ntitel: T\n---\na|\n-|\n", "|", 300000);
	char *images = repeat("---\ntitel: P\n---\n", "![[]()", 50000);
	char *page, *html;
	wp_ts_response *r;

	srv = wp_ts_start(NULL);
	r = wp_ts_api_put(srv, "notities/tabel", row, NULL, "Tabel");
	cr_expect_eq(r->status, 400, "%ld", r->status);
	cr_expect(strstr(r->body, "Regel 3") && strstr(r->body, "128"), "%s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_api_put(srv, "notities/plaatjes", images, NULL, "Plaatjes");
	cr_expect_eq(r->status, 400, "%ld", r->status);
	cr_expect(strstr(r->body, "regel 1") && strstr(r->body, "64"), "%s", r->body);
	wp_ts_response_free(r);
	/* Just within the bounds: saved and rendered as Markdown. */
	free(row);
	row = repeat("a|\n-|\n", "|", 128);
	put_new("notities/brede-tabel", row);
	/* Already in the repository (an import, an older version): shown as
	 * text under a notice, quickly, with nothing left out. */
	page = repeat("---\ntitel: Oud\n---\n", "![[]()", 50000);
	wp_ts_repo_commit_raw(wp_ts_data_dir(srv), "notities/oud.md", page);
	html = view("/notities/oud");
	cr_expect(strstr(html, "te ingewikkeld om op te maken") != NULL, "the notice is shown");
	cr_expect_eq(wp_ts_count(html, "![[]()"), 50000, "all of the text is shown");
	cr_expect_eq(wp_ts_count(html, "<img"), 0, "and none of it as Markdown");
	free(html);
	free(page);
	free(images);
	free(row);
}
