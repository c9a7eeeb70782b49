/* http_tags.c - field ("tag") pages and their JSON: the pages whose
 * front-matter field holds a value (/tag/<field>/<value>), and every value
 * of a field with its number of pages (/tag/<field>), answered from the
 * index. The page view links its summary values here (wp_tag_href()). */
#include "error.h"
#include "http_int.h"
#include "schema.h"
#include "texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELD_MAX     40  /* bytes; as wp_is_field_name() allows */
#define TAG_VALUE_MAX 200 /* bytes; a longer value is prose, not something to group by */

/* What a tag URL names. */
typedef struct {
	char field[FIELD_MAX + 1];
	const char *value; /* NULL: the field's list of values */
} tag_target;

int wp_tag_value_check(const char *value)
{
	size_t i, n = strlen(value);
	json_t *utf8;

	if (n > TAG_VALUE_MAX) {
		wp_error_set(wp_t("tag.too_long"), TAG_VALUE_MAX);
		return WP_EINVALID;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f) {
			wp_error_set("%s", wp_t("tag.bad_value"));
			return WP_EINVALID;
		}
	}
	/* jansson checks UTF-8 when it makes a string. */
	utf8 = json_string(value);
	if (!utf8) {
		wp_error_set("%s", wp_t("tag.bad_value"));
		return WP_EINVALID;
	}
	json_decref(utf8);
	return 0;
}

int wp_tag_href(wp_buf *out, const char *field, const char *value)
{
	int rc;

	/* "." and ".." would be folded away by the browser as path segments. */
	if (!wp_is_field_name(field, strlen(field)) || !*value || strcmp(value, ".") == 0 ||
	    strcmp(value, "..") == 0 || wp_tag_value_check(value) < 0)
		return WP_EINVALID;
	rc = wp_buf_puts(out, "/tag/");
	if (rc == 0)
		rc = wp_buf_put_url(out, field, strlen(field), 0);
	if (rc == 0)
		rc = wp_buf_putc(out, '/');
	if (rc == 0)
		rc = wp_buf_put_url(out, value, strlen(value), 0);
	return rc;
}

/* The field's label as it reads inside a sentence ("wetten", not
 * "Wetten"), into out. */
static void label_in_sentence(char *out, size_t n, const char *field)
{
	snprintf(out, n, "%s", wp_schema_label(field));
	if (out[0] >= 'A' && out[0] <= 'Z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

/* Reads "<field>[/<value>]" from r->rest (already percent-decoded, with
 * bad escapes refused as 400 before routing). A value may hold '/': it is
 * everything after the first one. Returns 0, or the status of the error
 * it sent. */
static int read_target(wp_req *r, tag_target *t)
{
	const char *slash = strchr(r->rest, '/');
	size_t n = slash ? (size_t)(slash - r->rest) : strlen(r->rest);

	if (n == 0)
		return wp_send_error(r, 404, wp_t("tag.no_field"));
	if (!wp_is_field_name(r->rest, n))
		return wp_send_error(r, 400, wp_t("tag.bad_field"));
	memcpy(t->field, r->rest, n);
	t->field[n] = '\0';
	t->value = slash && slash[1] ? slash + 1 : NULL;
	if (t->value && wp_tag_value_check(t->value) < 0)
		return wp_send_error(r, 400, wp_error_last());
	return 0;
}

/* The pages holding the target's value, or the field's values; sends 404
 * when there are none and the error when the index fails. Returns 0, or
 * the status of the answer it sent. */
static int load(json_t **out, wp_req *r, const tag_target *t)
{
	char label[96], msg[512];
	int rc;

	rc = t->value ? wp_index_tag(out, r->index, &r->viewer, t->field, t->value)
		      : wp_index_tag_values(out, r->index, &r->viewer, t->field);
	if (rc < 0)
		return wp_send_error(r, wp_status_for(rc), wp_error_last());
	if (json_array_size(*out) > 0)
		return 0;
	json_decref(*out);
	*out = NULL;
	label_in_sentence(label, sizeof(label), t->field);
	if (t->value)
		snprintf(msg, sizeof(msg), wp_t("tag.no_pages"), label, t->value);
	else
		snprintf(msg, sizeof(msg), wp_t("tag.no_values"), label);
	return wp_send_error(r, 404, msg);
}

/* "1 pagina" / "3 pagina's" and the like, from a pair of texts. */
static json_t *count_text(size_t n, const char *one_key, const char *many_key)
{
	char s[64];

	if (n == 1)
		return json_string(wp_t(one_key));
	snprintf(s, sizeof(s), wp_t(many_key), (int)n);
	return json_string(s);
}

/* A string made by f(out, field, value) into a wp_buf, or null when f
 * says there is none. */
static json_t *href_json(int (*f)(wp_buf *, const char *, const char *), const char *field,
			 const char *value)
{
	wp_buf b = WP_BUF_INIT;
	json_t *s = f(&b, field, value) == 0 ? json_string(wp_buf_cstr(&b)) : json_null();

	wp_buf_dispose(&b);
	return s;
}

/* Adds type_label to each page row for the template. */
static void add_type_labels(json_t *pages)
{
	json_t *row;
	size_t i;
	char key[64];

	json_array_foreach(pages, i, row) {
		snprintf(key, sizeof(key), "type.%s",
			 json_string_value(json_object_get(row, "type")));
		json_object_set_new(row, "type_label", json_string(wp_t(key)));
	}
}

/* Adds href (the value's tag page) to each value row. */
static void add_value_hrefs(json_t *values, const char *field)
{
	json_t *row;
	size_t i;

	json_array_foreach(values, i, row)
		json_object_set_new(row, "href",
				    href_json(wp_tag_href, field,
					      json_string_value(json_object_get(row, "value"))));
}

static int send_pages(wp_req *r, const tag_target *t, json_t *pages)
{
	char label[96], title[512], values_href[FIELD_MAX + 8];
	size_t n = json_array_size(pages);
	json_t *data;

	label_in_sentence(label, sizeof(label), t->field);
	snprintf(title, sizeof(title), wp_t("tag.title"), label, t->value);
	/* The field name needs no escaping: read_target() allowed [a-z0-9_] only. */
	snprintf(values_href, sizeof(values_href), "/tag/%s", t->field);
	add_type_labels(pages);
	data = json_pack("{s:s, s:s, s:s, s:b, s:i, s:o, s:o, s:o, s:o}", "title", title, "field",
			 t->field, "value", t->value, "by_value", 1, "total", (int)n, "count_text",
			 count_text(n, "tag.count_one", "tag.count"), "pages", pages, "search_href",
			 href_json(wp_search_filter_href, t->field, t->value), "values_href",
			 json_string(values_href));
	return wp_send_page(r, 200, "tag", data, NULL);
}

static int send_values(wp_req *r, const tag_target *t, json_t *values)
{
	char label[96], title[256];
	size_t n = json_array_size(values);
	json_t *data;

	label_in_sentence(label, sizeof(label), t->field);
	snprintf(title, sizeof(title), wp_t("tag.values_title"), label);
	add_value_hrefs(values, t->field);
	data =
	    json_pack("{s:s, s:s, s:b, s:i, s:o, s:o}", "title", title, "field", t->field,
		      "by_value", 0, "total", (int)n, "count_text",
		      count_text(n, "tag.values_count_one", "tag.values_count"), "values", values);
	return wp_send_page(r, 200, "tag", data, NULL);
}

int wp_page_tag(wp_req *r)
{
	tag_target t;
	json_t *rows = NULL;
	int st;

	st = read_target(r, &t);
	if (st == 0)
		st = load(&rows, r, &t);
	if (st != 0)
		return st;
	return t.value ? send_pages(r, &t, rows) : send_values(r, &t, rows);
}

int wp_api_tags(wp_req *r)
{
	tag_target t;
	json_t *rows = NULL;
	int st;

	st = read_target(r, &t);
	if (st == 0)
		st = load(&rows, r, &t);
	if (st != 0)
		return st;
	if (!t.value)
		return wp_send_json(
		    r, 200, json_pack("{s:s, s:o}", "field", t.field, "values", rows), NULL);
	return wp_send_json(r, 200,
			    json_pack("{s:s, s:s, s:i, s:o}", "field", t.field, "value", t.value,
				      "total", (int)json_array_size(rows), "pages", rows),
			    NULL);
}
