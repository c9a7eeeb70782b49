/* routes.c - the routes of the test plugin "probe": /proef, an HTML list
 * of the proef pages the person may read, and /api/proef/..., JSON doors
 * to each request service of the host (query_index, search, page,
 * markdown, save), and one that tries to write through query_index. */
#include "probe.h"

#include <stdlib.h>
#include <string.h>

/* The codes host->save and host->page return besides plugin.h's own. */
#define PROBE_ENOTFOUND (-2)
#define PROBE_ECONFLICT (-4)
#define PROBE_EEXISTS (-6)

#define SEARCH_LIMIT 50

static const char list_sql[] = "SELECT p.path AS pad, p.title AS titel FROM pages p "
			       "WHERE p.type = 'proef' AND " WP_PLUGIN_VISIBLE("p")
			       " ORDER BY p.path";

/* The plugin's own table, only rows whose page the person may read. */
static const char table_sql[] = "SELECT t.path AS pad, t.titel FROM probe_pages t "
				"JOIN pages p ON p.path = t.path WHERE " WP_PLUGIN_VISIBLE("p")
				" ORDER BY t.path";

/* Rows left behind by a page that is gone: a count only, no paths. */
static const char stale_sql[] = "SELECT count(*) AS n FROM probe_pages t "
				"WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.path = t.path)";

static int send_failure(wp_request *r)
{
	const wp_host *h = probe_host();
	const char *why = h->error();

	return h->send_error(r, 500, why && *why ? why : h->text("probe.failed"));
}

int probe_route_html(wp_plugin *self, wp_request *r)
{
	const wp_host *h = probe_host();
	json_t *rows = NULL, *data;
	size_t n;

	if (*h->rest(r) || h->is_api(r))
		return h->send_error(r, 404, h->text("probe.unknown_route"));
	if (h->query_index(r, &rows, list_sql, NULL, 0) < 0)
		return send_failure(r);
	n = json_array_size(rows);
	data = json_pack("{s:s, s:o, s:b, s:s}", "title", h->text("probe.title"), "proeven", rows,
			 "has_proeven", n > 0, "plugin", h->name(self));
	if (!data)
		return send_failure(r);
	return h->send_page(r, 200, "probe/overzicht", data);
}

static int api_list(wp_request *r)
{
	const wp_host *h = probe_host();
	json_t *rows = NULL;

	if (h->query_index(r, &rows, list_sql, NULL, 0) < 0)
		return send_failure(r);
	return h->send_json(r, 200, json_pack("{s:I, s:o, s:b}", "aantal",
					      (json_int_t)json_array_size(rows), "proeven", rows,
					      "api", h->is_api(r)));
}

static int api_table(wp_request *r)
{
	const wp_host *h = probe_host();
	json_t *rows = NULL, *stale = NULL, *out;
	int rc;

	rc = h->query_index(r, &rows, table_sql, NULL, 0);
	if (rc == 0)
		rc = h->query_index(r, &stale, stale_sql, NULL, 0);
	if (rc < 0) {
		json_decref(rows);
		json_decref(stale);
		return send_failure(r);
	}
	out = json_pack("{s:o, s:O}", "rijen", rows, "zonder_pagina",
			json_object_get(json_array_get(stale, 0), "n"));
	json_decref(stale);
	return out ? h->send_json(r, 200, out) : send_failure(r);
}

/* ?q= with an optional ?thema= filter, limited to proef pages when
 * ?alleen=proef. */
static int api_search(wp_request *r)
{
	const wp_host *h = probe_host();
	char *q = h->query(r, "q"), *theme = h->query(r, "thema"), *only = h->query(r, "alleen");
	json_t *filters = json_object(), *out = NULL;
	int rc = 0;

	if (!q) {
		rc = h->send_error(r, 400, h->text("probe.need_query"));
		goto done;
	}
	if (only)
		json_object_set_new(filters, "type", json_string(only));
	if (theme)
		json_object_set_new(filters, "fields", json_pack("{s:s}", "thema", theme));
	if (h->search(r, &out, q, filters, SEARCH_LIMIT) < 0)
		rc = h->send_error(r, 400, h->error());
	else
		rc = h->send_json(r, 200, out);
done:
	json_decref(filters);
	free(q);
	free(theme);
	free(only);
	return rc;
}

/* ?pad= a page path, or the slug of a proef page. */
static int api_page(wp_request *r)
{
	const wp_host *h = probe_host();
	char *value = h->query(r, "pad"), path[512];
	json_t *page = NULL;
	int rc = PROBE_ENOTFOUND;

	if (value && strchr(value, '/'))
		rc = snprintf(path, sizeof(path), "%s", value) < (int)sizeof(path) ? 0 : rc;
	else if (value)
		rc = h->link_path(path, sizeof(path), "proef", value) == 0 ? 0 : rc;
	free(value);
	if (rc == 0)
		rc = h->page(r, &page, path);
	if (rc < 0)
		return h->send_error(r, 404, h->text("probe.not_found"));
	json_object_set_new(page, "type_van_pad", json_string(h->type_of(path)));
	if (h->type_folder(h->type_of(path)))
		json_object_set_new(page, "map", json_string(h->type_folder(h->type_of(path))));
	return h->send_json(r, 200, page);
}

/* GET ?tekst= or a posted form field tekst. */
static int api_markdown(wp_request *r)
{
	const wp_host *h = probe_host();
	char *text = h->method(r) == WP_POST ? h->form(r, "tekst") : h->query(r, "tekst");
	char *html = text ? h->markdown(r, text, strlen(text)) : NULL;
	int rc;

	if (!html)
		rc = h->send_error(r, 400, h->text("probe.failed"));
	else
		rc = h->send_json(r, 200, json_pack("{s:s}", "html", html));
	free(text);
	free(html);
	return rc;
}

/* Tries to write through query_index, which must refuse anything but a
 * SELECT: answers {"geweigerd": true, "fout"} when it did. */
static int api_write_attempt(wp_request *r)
{
	const wp_host *h = probe_host();
	json_t *rows = NULL;
	int rc = h->query_index(r, &rows, "DELETE FROM probe_pages", NULL, 0);

	json_decref(rows);
	if (rc == 0)
		return h->send_error(r, 500, h->text("probe.wrote"));
	return h->send_json(r, 200, json_pack("{s:b, s:s}", "geweigerd", 1, "fout", h->error()));
}

static int save_status(int rc)
{
	switch (rc) {
	case WP_PLUGIN_EINVALID: return 400;
	case WP_PLUGIN_EFORBIDDEN: return 403;
	case PROBE_ENOTFOUND: return 404;
	case PROBE_ECONFLICT:
	case PROBE_EEXISTS: return 409;
	default: return 500;
	}
}

/* POST {"pad", "inhoud", "basis" (optional), "bericht" (optional)}. */
static int api_save(wp_request *r)
{
	const wp_host *h = probe_host();
	json_t *in = h->json_body(r), *problems = json_array();
	const char *path = json_string_value(json_object_get(in, "pad"));
	const char *content = json_string_value(json_object_get(in, "inhoud"));
	char rev[41] = "";
	int rc, status;

	if (!path || !content || !problems) {
		status = h->send_error(r, 400, h->text("probe.bad_json"));
		goto done;
	}
	rc = h->save(r, path, content, strlen(content),
		     json_string_value(json_object_get(in, "basis")),
		     json_string_value(json_object_get(in, "bericht")), problems, rev);
	if (rc == 0)
		status = h->send_json(r, 201, json_pack("{s:s, s:s}", "pad", path, "revisie", rev));
	else
		status = h->send_json(r, save_status(rc), json_pack("{s:s, s:O}", "error",
								    h->error(), "problems",
								    problems));
done:
	json_decref(in);
	json_decref(problems);
	return status;
}

typedef struct {
	const char *rest;
	int method;
	int (*fn)(wp_request *r);
} api_entry;

static const api_entry api[] = {
	{ "", WP_GET, api_list },	      { "/tabel", WP_GET, api_table },
	{ "/zoeken", WP_GET, api_search },    { "/pagina", WP_GET, api_page },
	{ "/markdown", WP_GET | WP_POST, api_markdown }, { "/opslaan", WP_POST, api_save },
	{ "/schrijven", WP_GET, api_write_attempt },
};

int probe_route_api(wp_plugin *self, wp_request *r)
{
	const wp_host *h = probe_host();
	const char *rest = h->rest(r);
	int method = h->method(r) == WP_HEAD ? WP_GET : h->method(r);
	size_t i;

	(void)self;
	for (i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		if (strcmp(api[i].rest, rest) != 0)
			continue;
		if (!(api[i].method & method))
			return h->send_error(r, 405, h->text(method == WP_GET ? "probe.use_post"
									: "probe.use_get"));
		return api[i].fn(r);
	}
	return h->send_error(r, 404, h->text("probe.unknown_route"));
}
