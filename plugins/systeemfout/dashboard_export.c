/* dashboard_export.c - the dashboard's numbers leaving the wiki:
 *   GET /dashboard/export.csv   RFC 4180, UTF-8, one row per error, with a
 *                               leading ' on cells a spreadsheet would
 *                               read as a formula
 *   GET /dashboard/feed.atom    Atom 1.0, the errors newest change first
 * Both hold the same rows as the dashboard: filters, visibility and the
 * min_verhalen rule (dashboard.c). */
#include "systeemfout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXPORT_MAX (8u << 20) /* bytes of an export */
#define FEED_MAX   50

/* A growable string with a cap; failed is set once it would pass it. */
typedef struct {
	char *s;
	size_t len, cap;
	int failed;
} out_buf;

static void put(out_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *t;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > EXPORT_MAX || !(t = realloc(b->s, cap))) {
			b->failed = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(out_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* ---- CSV ---- */

/* One cell: a formula's first character defused, quoted when needed. */
static void csv_cell(out_buf *b, const char *s, int first)
{
	const char *p;

	if (!first)
		put(b, ",", 1);
	if (!s)
		s = "";
	put(b, "\"", 1);
	if (strchr("=+-@\t\r", s[0]) && s[0])
		put(b, "'", 1);
	for (p = s; *p; p++) {
		put(b, p, 1);
		if (*p == '"')
			put(b, "\"", 1); /* a quote is doubled */
	}
	put(b, "\"", 1);
}

static void csv_int(out_buf *b, json_int_t n)
{
	char s[32];

	snprintf(s, sizeof(s), ",%lld", (long long)n);
	puts_(b, s);
}

static const char *const csv_header[] = {"path",       "titel",
					 "status",     "status_label",
					 "eigenaar",   "eigenaar_label",
					 "regeling",   "wetten",
					 "escalatie",  "olifantenpaden",
					 "verhalen",   "open_dagen",
					 "beantwoord", "terugkoppeling_datum",
					 NULL};

static void csv_row(out_buf *b, const json_t *e)
{
	const json_t *w = json_object_get(e, "wetten"), *item;
	out_buf laws = {0};
	size_t i;

	json_array_foreach(w, i, item) {
		if (i)
			puts_(&laws, "; ");
		puts_(&laws, json_string_value(item));
	}
	csv_cell(b, sf_str(e, "path"), 1);
	csv_cell(b, sf_str(e, "title"), 0);
	csv_cell(b, sf_str(e, "status"), 0);
	csv_cell(b, sf_str(e, "status_label"), 0);
	csv_cell(b, sf_str(e, "eigenaar"), 0);
	csv_cell(b, sf_str(e, "eigenaar_label"), 0);
	csv_cell(b, sf_str(e, "regeling"), 0);
	csv_cell(b, laws.s, 0);
	csv_cell(b, sf_str(e, "escalatie"), 0);
	csv_int(b, json_integer_value(json_object_get(e, "olifantenpaden")));
	csv_int(b, json_integer_value(json_object_get(e, "verhalen")));
	csv_int(b, json_integer_value(json_object_get(e, "open_dagen")));
	puts_(b, json_is_true(json_object_get(e, "beantwoord")) ? ",ja" : ",nee");
	csv_cell(b, sf_str(e, "terugkoppeling_datum"), 0);
	puts_(b, "\r\n");
	free(laws.s);
}

/* The rows for the request, or an answer sent: returns 0 with *data set,
 * or the HTTP status already sent (> 0). anonymous_ok: a feed reader has
 * no session and sees what is public. */
static int rows_or_answer(wp_plugin *self, wp_request *r, json_t **data, int anonymous_ok)
{
	const wp_viewer *v = sf_host->viewer(r);
	sf_dash_filters f;
	const char *message;
	int rc;

	*data = NULL;
	if (!anonymous_ok && (!v || v->role == WP_ROLE_ANONIEM))
		return sf_host->send_error(r, 403, sf_host->text("systeemfout.dashboard.login"));
	if (sf_dash_filters_read(r, &f, &message) < 0) {
		sf_dash_filters_dispose(&f);
		return sf_host->send_error(r, 400, message);
	}
	rc = sf_dash_collect(self, r, &f, data);
	sf_dash_filters_dispose(&f);
	if (rc < 0)
		return sf_host->send_error(r, 500, sf_host->text("systeemfout.error"));
	return 0;
}

int sf_dash_csv(wp_plugin *self, wp_request *r)
{
	json_t *data, *e;
	out_buf b = {0};
	size_t i;
	int rc;

	if ((rc = rows_or_answer(self, r, &data, 0)) > 0)
		return rc;
	for (i = 0; csv_header[i]; i++)
		csv_cell(&b, csv_header[i], i == 0);
	puts_(&b, "\r\n");
	json_array_foreach(json_object_get(data, "systeemfouten"), i, e)
		csv_row(&b, e);
	json_decref(data);
	rc = b.failed ? sf_host->send_error(r, 413, sf_host->text("systeemfout.dashboard.too_big"))
		      : sf_host->send_text(r, 200, "text/csv; charset=utf-8", b.s, b.len,
					   "systeemfouten.csv");
	free(b.s);
	return rc;
}

/* ---- Atom ---- */

static void xml(out_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			puts_(b, "&lt;");
			break;
		case '>':
			puts_(b, "&gt;");
			break;
		case '&':
			puts_(b, "&amp;");
			break;
		case '"':
			puts_(b, "&quot;");
			break;
		case '\'':
			puts_(b, "&apos;");
			break;
		default:
			/* XML 1.0 allows no control characters but TAB, CR, LF. */
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
				put(b, s, 1);
		}
	}
}

static void rfc3339(char out[32], json_int_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int newest_first(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, SF_DASH_UPDATED));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, SF_DASH_UPDATED));

	return x < y ? 1 : x > y ? -1 : 0;
}

static void feed_entry(out_buf *b, const json_t *e)
{
	char when[32], summary[512];

	rfc3339(when, json_integer_value(json_object_get(e, SF_DASH_UPDATED)));
	snprintf(summary, sizeof(summary), sf_host->text("systeemfout.dashboard.feed_summary"),
		 sf_str(e, "status_label"),
		 sf_str(e, "eigenaar_label") && *sf_str(e, "eigenaar_label")
		     ? sf_str(e, "eigenaar_label")
		     : "-",
		 (long long)json_integer_value(json_object_get(e, "olifantenpaden")),
		 (long long)json_integer_value(json_object_get(e, "verhalen")));
	puts_(b, "<entry>\n<id>urn:werkplaats:");
	xml(b, sf_str(e, "path"));
	puts_(b, "</id>\n<title>");
	xml(b, sf_str(e, "title"));
	puts_(b, "</title>\n<updated>");
	puts_(b, when);
	puts_(b, "</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"/");
	xml(b, sf_str(e, "path"));
	puts_(b, "\"/>\n<summary>");
	xml(b, summary);
	puts_(b, "</summary>\n</entry>\n");
}

int sf_dash_feed(wp_plugin *self, wp_request *r)
{
	json_t *data, *errors, *list[FEED_MAX];
	char when[32];
	out_buf b = {0};
	size_t i, n, total;
	json_int_t newest = 0;
	int rc;

	if ((rc = rows_or_answer(self, r, &data, 1)) > 0)
		return rc;
	errors = json_object_get(data, "systeemfouten");
	total = json_array_size(errors);
	/* The newest FEED_MAX: sort a copy of the pointers. */
	{
		json_t **all = calloc(total ? total : 1, sizeof(*all));

		if (!all) {
			json_decref(data);
			return sf_host->send_error(r, 500, NULL);
		}
		for (i = 0; i < total; i++)
			all[i] = json_array_get(errors, i);
		qsort(all, total, sizeof(*all), newest_first);
		n = total < FEED_MAX ? total : FEED_MAX;
		memcpy(list, all, n * sizeof(*all));
		free(all);
	}
	if (n > 0)
		newest = json_integer_value(json_object_get(list[0], SF_DASH_UPDATED));
	else
		newest = (json_int_t)time(NULL);
	rfc3339(when, newest);
	puts_(&b,
	      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>urn:werkplaats:dashboard</id>\n"
	      "<title>");
	xml(&b, sf_host->text("systeemfout.dashboard.feed_title"));
	puts_(&b, "</title>\n<updated>");
	puts_(&b, when);
	puts_(&b, "</updated>\n<author><name>Werkplaats</name></author>\n"
		  "<link rel=\"alternate\" type=\"text/html\" href=\"/dashboard\"/>\n");
	for (i = 0; i < n; i++)
		feed_entry(&b, list[i]);
	puts_(&b, "</feed>\n");
	json_decref(data);
	rc = b.failed ? sf_host->send_error(r, 413, sf_host->text("systeemfout.dashboard.too_big"))
		      : sf_host->send_text(r, 200, "application/atom+xml; charset=utf-8", b.s,
					   b.len, NULL);
	free(b.s);
	return rc;
}
