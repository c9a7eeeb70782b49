/* http_search.c - search (page and JSON API) and suggestions while typing,
 * answered from the index. Every link the search page makes (pages,
 * facets, removing a filter) carries the whole search along. */
#include "error.h"
#include "http_int.h"
#include "schema.h"
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

int wp_is_field_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* Adds name's first value in the query to params, unless it is empty,
 * not UTF-8 (json_string() refuses it) or there already. */
static void add_param(json_t *params, const wp_req *r, const char *name)
{
	char *v;

	if (json_object_get(params, name))
		return;
	v = wp_query_get(r, name);
	if (v && *v)
		json_object_set_new(params, name, json_string(v));
	free(v);
}

/* The search as asked, without its page number: {name: value} for q,
 * type, tag and then every other name with the shape of a front-matter
 * key (a field filter), each with its first value. The links of the
 * search page are built from it, so they keep every filter. NULL when out
 * of memory. */
static json_t *read_params(const wp_req *r)
{
	json_t *params = json_object();
	const char *p;

	if (!params)
		return NULL;
	add_param(params, r, "q");
	add_param(params, r, "type");
	add_param(params, r, "tag");
	for (p = r->ri->query_string; p && *p;) {
		const char *amp = strchr(p, '&'), *eq = strchr(p, '=');
		size_t n = amp ? (size_t)(amp - p) : strlen(p);

		if (eq && (size_t)(eq - p) < n && wp_is_field_name(p, (size_t)(eq - p))) {
			char name[48];

			snprintf(name, sizeof(name), "%.*s", (int)(eq - p), p);
			if (!is_control_param(name))
				add_param(params, r, name);
		}
		p += n + (amp ? 1 : 0);
	}
	return params;
}

/* Builds {"type": …, "fields": {key: value}} for the index from params:
 * tag= is the field "tags" (a tags= filter comes later and wins). NULL
 * when there are no filters. */
static json_t *filters_of(json_t *params)
{
	json_t *filters = json_object(), *fields = json_object(), *v;
	const char *name;

	json_object_foreach(params, name, v) {
		if (strcmp(name, "type") == 0)
			json_object_set(filters, "type", v);
		else if (strcmp(name, "tag") == 0)
			json_object_set(fields, "tags", v);
		else if (strcmp(name, "q") != 0)
			json_object_set(fields, name, v);
	}
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

/* Runs the search for the request with the filters in params. On success
 * *out is the index's answer (or an empty one for an empty query). On a
 * bad query returns the error code with the message in wp_error_last().
 * q is read from the request as sent, so that a query that is not UTF-8
 * is refused rather than left out. */
static int run_search(json_t **out, wp_req *r, json_t *params, char **q_out, long *page_out)
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
	filters = filters_of(params);
	/* No words but a filter (a facet followed, a dilemma's stories):
	 * every page the filter lets through. */
	if (!match && filters)
		match = strdup("");
	if (!match) {
		json_decref(filters);
		*out = json_pack("{s:i, s:[], s:{}}", "total", 0, "results", "facets");
		return *out ? 0 : WP_ENOMEM;
	}
	rc = wp_index_search(out, r->index, &r->viewer, match, filters, RESULTS_PER_PAGE,
			     (size_t)(page - 1) * RESULTS_PER_PAGE);
	json_decref(filters);
	free(match);
	return rc;
}

int wp_api_search(wp_req *r)
{
	json_t *res = NULL, *params = read_params(r);
	char *q = NULL;
	long page;
	int rc;

	if (!params)
		return wp_send_error(r, 500, NULL);
	rc = run_search(&res, r, params, &q, &page);
	json_decref(params);
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
	rc = wp_index_suggest(&res, r->index, &r->viewer, match, SUGGESTIONS);
	free(match);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	return wp_send_json(r, 200, res, NULL);
}

/* Non-zero when the query parameter name sets field (tag= sets tags). */
static int sets_field(const char *name, const char *field)
{
	return strcmp(name, field) == 0 ||
	       (strcmp(field, "tags") == 0 && strcmp(name, "tag") == 0);
}

/* The search page's URL with params, leaving out those that set the field
 * skip (when not NULL), and then name=value (when name is not NULL), as a
 * JSON string; NULL when out of memory. */
static json_t *search_href(json_t *params, const char *skip, const char *name,
			   const char *value)
{
	wp_buf b = WP_BUF_INIT;
	const char *k;
	json_t *v, *href = NULL;
	int rc = wp_buf_puts(&b, "/zoeken");
	char sep = '?';

	json_object_foreach(params, k, v) {
		if (rc < 0 || (skip && sets_field(k, skip)))
			continue;
		rc = wp_buf_printf(&b, "%c%u=", sep, k);
		if (rc == 0)
			rc = wp_buf_put_url(&b, json_string_value(v), json_string_length(v), 0);
		sep = '&';
	}
	if (rc == 0 && name) {
		rc = wp_buf_printf(&b, "%c%u=", sep, name);
		if (rc == 0)
			rc = wp_buf_put_url(&b, value, strlen(value), 0);
	}
	if (rc == 0)
		href = json_string(wp_buf_cstr(&b));
	wp_buf_dispose(&b);
	return href;
}

int wp_search_filter_href(wp_buf *out, const char *field, const char *value)
{
	if (!wp_is_field_name(field, strlen(field)) || is_control_param(field))
		return WP_EINVALID;
	return wp_buf_printf(out, "/zoeken?%u=%u", field, value);
}

/* How a search parameter reads for people: its label and the value's. */
static const char *param_label(const char *name)
{
	if (strcmp(name, "type") == 0)
		return wp_t("search.type");
	return wp_schema_label(strcmp(name, "tag") == 0 ? "tags" : name);
}

static json_t *value_text(const char *name, const char *value)
{
	char key[96];

	if (strcmp(name, "type") != 0)
		return json_string(value);
	snprintf(key, sizeof(key), "type.%s", value);
	return json_string(wp_t(key));
}

/* The filters in effect, for the form's hidden fields (so a new query
 * keeps them) and a list with a link that removes each:
 * [{name, value, label, text, remove_href}]. */
static json_t *filter_list(json_t *params)
{
	json_t *list = json_array(), *v;
	const char *name;

	json_object_foreach(params, name, v) {
		if (strcmp(name, "q") == 0)
			continue;
		json_array_append_new(list, json_pack("{s:s, s:O, s:s, s:o, s:o}", "name", name,
						      "value", v, "label", param_label(name),
						      "text", value_text(name, json_string_value(v)),
						      "remove_href", search_href(params, name, NULL,
										 NULL)));
	}
	return list;
}

/* Facets as lists for the template: [{name, label, values: [{field,
 * value, text, count, href, selected}]}]; each href keeps the query and
 * the other filters and sets this one. */
static json_t *facet_lists(json_t *facets, json_t *params)
{
	json_t *list = json_array(), *counts, *n;
	const char *field, *value;

	json_object_foreach(facets, field, counts) {
		json_t *values = json_array();

		json_object_foreach(counts, value, n) {
			const char *now = NULL, *k;
			json_t *pv;

			json_object_foreach(params, k, pv)
				if (sets_field(k, field))
					now = json_string_value(pv);
			json_array_append_new(
				values, json_pack("{s:s, s:s, s:o, s:O, s:o, s:b}", "field", field,
						  "value", value, "text", value_text(field, value),
						  "count", n, "href",
						  search_href(params, field, field, value), "selected",
						  now && strcmp(now, value) == 0));
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "name", field, "label",
						      param_label(field), "values", values));
	}
	return list;
}

/* Adds the links to the previous and the next page of results, keeping
 * the search and its filters. */
static void add_pages(json_t *data, json_t *params, long page, json_int_t total)
{
	char num[32];

	if (page > 1) {
		snprintf(num, sizeof(num), "%ld", page - 1);
		json_object_set_new(data, "prev_page", json_integer(page - 1));
		json_object_set_new(data, "prev_href", search_href(params, NULL, "page", num));
	}
	if (page * RESULTS_PER_PAGE < total) {
		snprintf(num, sizeof(num), "%ld", page + 1);
		json_object_set_new(data, "next_page", json_integer(page + 1));
		json_object_set_new(data, "next_href", search_href(params, NULL, "page", num));
	}
}

int wp_page_search(wp_req *r)
{
	json_t *res = NULL, *data, *params = read_params(r), *filters;
	char *q = NULL;
	long page;
	int rc, status = 200;
	json_int_t total;

	if (!params)
		return wp_send_error(r, 500, NULL);
	rc = run_search(&res, r, params, &q, &page);
	data = json_pack("{s:s, s:s}", "title", wp_t("search.title"), "q", q ? q : "");
	free(q);
	filters = filter_list(params);
	json_object_set_new(data, "has_filters", json_boolean(json_array_size(filters)));
	json_object_set_new(data, "filters", filters);
	if (rc < 0) {
		json_decref(params);
		status = query_status(rc) == 500 ? 500 : 400;
		json_object_set_new(data, "error", json_string(wp_error_last()));
		return wp_send_page(r, status, "search", data, NULL);
	}
	total = json_integer_value(json_object_get(res, "total"));
	json_object_set(data, "results", json_object_get(res, "results"));
	json_object_set_new(data, "facets", facet_lists(json_object_get(res, "facets"), params));
	json_object_set_new(data, "total", json_integer(total));
	/* Words typed, or a filter followed without words: results to show. */
	json_object_set_new(data, "searched",
			    json_boolean(*json_string_value(json_object_get(data, "q")) ||
					 json_array_size(json_object_get(data, "filters"))));
	add_pages(data, params, page, total);
	json_decref(params);
	json_decref(res);
	return wp_send_page(r, status, "search", data, NULL);
}
