/* http_search.c - search (page and JSON API), suggestions while typing,
 * and field ("tag") pages, all answered from the index. */
#include "error.h"
#include "http_int.h"
#include "query.h"
#include "texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESULTS_PER_PAGE 20
#define MAX_PAGE 500
#define SUGGESTIONS 8

/* Query parameters that are not field filters. */
static int is_control_param(const char *name)
{
	return strcmp(name, "q") == 0 || strcmp(name, "type") == 0 ||
	       strcmp(name, "page") == 0 || strcmp(name, "tag") == 0;
}

/* A field name a filter may use: the shape of front-matter keys. */
static int is_field_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* Builds {"type": …, "fields": {key: value}} from the query string:
 * type=, tag= (the field "tags") and any other name=value whose name looks
 * like a front-matter key. NULL when there are no filters. */
static json_t *read_filters(const wp_req *r)
{
	const char *q = r->ri->query_string, *p;
	json_t *filters = json_object(), *fields = json_object();
	char *type = wp_query_get(r, "type"), *tag = wp_query_get(r, "tag");

	if (type && *type)
		json_object_set_new(filters, "type", json_string(type));
	if (tag && *tag)
		json_object_set_new(fields, "tags", json_string(tag));
	for (p = q; p && *p;) {
		const char *amp = strchr(p, '&'), *eq = strchr(p, '=');
		size_t n = amp ? (size_t)(amp - p) : strlen(p);

		if (eq && (size_t)(eq - p) < n && is_field_name(p, (size_t)(eq - p))) {
			char name[48];
			char *v;

			snprintf(name, sizeof(name), "%.*s", (int)(eq - p), p);
			v = is_control_param(name) ? NULL : wp_query_get(r, name);
			if (v && *v) /* json_string() refuses invalid UTF-8 */
				json_object_set_new(fields, name, json_string(v));
			free(v);
		}
		p += n + (amp ? 1 : 0);
	}
	free(type);
	free(tag);
	if (json_object_size(fields))
		json_object_set_new(filters, "fields", fields);
	else
		json_decref(fields);
	if (json_object_size(filters) == 0) {
		json_decref(filters);
		return NULL;
	}
	return filters;
}

static long read_page(const wp_req *r)
{
	char *s = wp_query_get(r, "page"), *end = NULL;
	long page = s ? strtol(s, &end, 10) : 1;

	if (!s || end == s || *end || page < 1)
		page = 1;
	free(s);
	return page > MAX_PAGE ? MAX_PAGE : page;
}

/* A refused query is the asker's to fix (400), even when it was refused
 * for its length. */
static int query_status(int rc)
{
	return rc == WP_ETOOBIG ? 400 : wp_status_for(rc);
}

/* Runs the search for the request. On success *out is the index's answer
 * (or an empty one for an empty query). On a bad query returns the error
 * code with the message in wp_error_last(). */
static int run_search(json_t **out, wp_req *r, char **q_out, long *page_out)
{
	char *q = wp_query_get(r, "q"), *match = NULL;
	json_t *filters = NULL;
	long page = read_page(r);
	int rc;

	*out = NULL;
	*q_out = q;
	*page_out = page;
	rc = wp_query_translate(&match, q ? q : "", q ? strlen(q) : 0);
	if (rc < 0)
		return rc;
	if (!match) {
		*out = json_pack("{s:i, s:[], s:{}}", "total", 0, "results", "facets");
		return *out ? 0 : WP_ENOMEM;
	}
	filters = read_filters(r);
	rc = wp_index_search(out, r->index, match, filters, RESULTS_PER_PAGE,
			     (size_t)(page - 1) * RESULTS_PER_PAGE);
	json_decref(filters);
	free(match);
	return rc;
}

int wp_api_search(wp_req *r)
{
	json_t *res = NULL;
	char *q = NULL;
	long page;
	int rc;

	rc = run_search(&res, r, &q, &page);
	free(q);
	if (rc < 0)
		return wp_send_error(r, query_status(rc), wp_error_last());
	json_object_set_new(res, "page", json_integer(page));
	json_object_set_new(res, "per_page", json_integer(RESULTS_PER_PAGE));
	return wp_send_json(r, 200, res, NULL);
}

int wp_api_suggest(wp_req *r)
{
	char *q = wp_query_get(r, "q"), *match = NULL;
	json_t *res = NULL;
	int rc;

	rc = wp_query_suggest(&match, q ? q : "", q ? strlen(q) : 0);
	free(q);
	if (rc < 0)
		return wp_send_error(r, query_status(rc), wp_error_last());
	if (!match)
		return wp_send_json(r, 200, json_array(), NULL);
	rc = wp_index_suggest(&res, r->index, match, SUGGESTIONS);
	free(match);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	return wp_send_json(r, 200, res, NULL);
}

/* Facets as lists for the template: [{name, label, values: [{value, count}]}]. */
static json_t *facet_lists(json_t *facets)
{
	json_t *list = json_array(), *counts, *n;
	const char *field, *value;
	char key[96];

	json_object_foreach(facets, field, counts) {
		json_t *values = json_array();

		json_object_foreach(counts, value, n)
			json_array_append_new(values, json_pack("{s:s, s:s, s:O}", "field", field,
								"value", value, "count", n));
		snprintf(key, sizeof(key), "field.%s", field);
		json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "name", field, "label",
						      strcmp(wp_t(key), key) ? wp_t(key) : field,
						      "values", values));
	}
	return list;
}

int wp_page_search(wp_req *r)
{
	json_t *res = NULL, *data;
	char *q = NULL;
	long page;
	int rc, status = 200;
	json_int_t total;

	rc = run_search(&res, r, &q, &page);
	data = json_pack("{s:s, s:s}", "title", wp_t("search.title"), "q", q ? q : "");
	free(q);
	if (rc < 0) {
		status = query_status(rc) == 500 ? 500 : 400;
		json_object_set_new(data, "error", json_string(wp_error_last()));
		return wp_send_page(r, status, "search", data, NULL);
	}
	total = json_integer_value(json_object_get(res, "total"));
	json_object_set(data, "results", json_object_get(res, "results"));
	json_object_set_new(data, "facets", facet_lists(json_object_get(res, "facets")));
	json_object_set_new(data, "total", json_integer(total));
	json_object_set_new(data, "searched", json_boolean(json_object_get(data, "q") &&
							   *json_string_value(json_object_get(data, "q"))));
	if (page > 1)
		json_object_set_new(data, "prev_page", json_integer(page - 1));
	if (page * RESULTS_PER_PAGE < total)
		json_object_set_new(data, "next_page", json_integer(page + 1));
	json_decref(res);
	return wp_send_page(r, status, "search", data, NULL);
}
