/* schema.c - front matter against a type's schema (see schema.h). */
#include "schema.h"

#include "buf.h"
#include "error.h"
#include "path.h"
#include "texts.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ENUM_LIST_MAX 512 /* bytes of "a, b, c" in an enum message */

typedef struct {
	json_t *problems;
	wp_exists_fn exists;
	void *payload;
	int count;
	int rc;
} checker;

static void problem(checker *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(checker *c, const char *field, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->count++;
	if (json_array_append_new(c->problems,
				  json_pack("{s:s, s:s}", "field", field, "message", msg)) < 0)
		c->rc = WP_ENOMEM;
}

static int is_empty(const json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
	       (json_is_array(v) && json_array_size(v) == 0);
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "YYYY-MM" (month) or "YYYY-MM-DD" with a real day. */
static int valid_date(const char *s, int month_only)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	int y, m, d;

	if (n != (month_only ? 7u : 10u) || !all_digits(s, 4) || s[4] != '-' ||
	    !all_digits(s + 5, 2) || (!month_only && (s[7] != '-' || !all_digits(s + 8, 2))))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return 0;
	if (month_only)
		return 1;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

void wp_schema_values(char *out, size_t n, const wp_field *f)
{
	const char *const *v;

	out[0] = '\0';
	for (v = f->values; v && *v; v++) {
		size_t used = strlen(out);

		snprintf(out + used, n - used, "%s%s", used ? ", " : "", *v);
	}
}

static void enum_problem(checker *c, const char *field, const wp_field *f)
{
	char list[ENUM_LIST_MAX];

	wp_schema_values(list, sizeof(list), f);
	problem(c, field, wp_t("schema.enum"), list);
}

static void check_link(checker *c, const char *field, const wp_field *f, const char *value)
{
	char path[WP_PATH_MAX + 1], key[64], label[128];
	int rc;

	snprintf(key, sizeof(key), "type.%s", f->link_type ? f->link_type : "pagina");
	/* The type's label inside a sentence: "geen dilemma", not "geen Dilemma". */
	snprintf(label, sizeof(label), "%s", wp_t(key));
	if (label[0] >= 'A' && label[0] <= 'Z')
		label[0] = (char)(label[0] - 'A' + 'a');
	if (wp_type_link_path(path, sizeof(path), f->link_type, value) < 0) {
		problem(c, field, wp_t("schema.link_form"), value, label);
		return;
	}
	if (!c->exists)
		return;
	rc = c->exists(c->payload, path);
	if (rc < 0)
		c->rc = rc;
	else if (rc == 0)
		problem(c, field, wp_t("schema.link_missing"), label, value);
}

static void check_fields(checker *c, const char *prefix, const wp_field *const *fields,
			 size_t n, const json_t *meta);

/* One value (a list item or the field's value) of kind f->kind. */
static void check_value(checker *c, const char *field, const wp_field *f, const json_t *v)
{
	const char *s = json_string_value(v);

	switch (f->kind) {
	case WP_FIELD_TEXT:
		if (json_is_integer(v))
			return;
		if (!s)
			problem(c, field, "%s", wp_t("schema.text"));
		else if (strchr(s, '\n'))
			problem(c, field, "%s", wp_t("schema.one_line"));
		return;
	case WP_FIELD_LONGTEXT:
		if (!s && !json_is_integer(v))
			problem(c, field, "%s", wp_t("schema.text"));
		return;
	case WP_FIELD_INTEGER:
		if (!json_is_integer(v))
			problem(c, field, "%s", wp_t("schema.integer"));
		return;
	case WP_FIELD_BOOLEAN:
		if (!json_is_boolean(v))
			problem(c, field, "%s", wp_t("schema.boolean"));
		return;
	case WP_FIELD_DATE:
	case WP_FIELD_MONTH:
		if (!s || !valid_date(s, f->kind == WP_FIELD_MONTH))
			problem(c, field, "%s",
				wp_t(f->kind == WP_FIELD_MONTH ? "schema.month" : "schema.date"));
		return;
	case WP_FIELD_ENUM: {
		const char *const *e;

		for (e = f->values; s && e && *e; e++)
			if (strcmp(*e, s) == 0)
				return;
		enum_problem(c, field, f);
		return;
	}
	case WP_FIELD_LINK:
		if (!s || !*s)
			problem(c, field, "%s", wp_t("schema.text"));
		else
			check_link(c, field, f, s);
		return;
	case WP_FIELD_OBJECT: {
		const wp_field *sub[64];
		size_t k = 0;

		if (!json_is_object(v)) {
			problem(c, field, "%s", wp_t("schema.object"));
			return;
		}
		while (f->fields && f->fields[k].name && k < 64) {
			sub[k] = &f->fields[k];
			k++;
		}
		check_fields(c, field, sub, k, v);
		return;
	}
	}
}

static void check_field(checker *c, const char *field, const wp_field *f, const json_t *v)
{
	size_t i;
	json_t *item;

	if (is_empty(v)) {
		if (f->flags & WP_FIELD_REQUIRED)
			problem(c, field, "%s", wp_t("schema.required"));
		return;
	}
	if (json_is_array(v)) {
		if (!(f->flags & WP_FIELD_LIST)) {
			problem(c, field, "%s", wp_t("schema.not_list"));
			return;
		}
		json_array_foreach(v, i, item) {
			check_value(c, field, f, item);
			if (c->rc < 0)
				return;
		}
		return;
	}
	check_value(c, field, f, v);
}

static void check_fields(checker *c, const char *prefix, const wp_field *const *fields,
			 size_t n, const json_t *meta)
{
	char name[256];
	size_t i;

	for (i = 0; i < n && c->rc == 0; i++) {
		if (prefix)
			snprintf(name, sizeof(name), "%s.%s", prefix, fields[i]->name);
		else
			snprintf(name, sizeof(name), "%s", fields[i]->name);
		check_field(c, name, fields[i], json_object_get(meta, fields[i]->name));
	}
}

int wp_schema_check(json_t *problems, const char *type, const json_t *meta, wp_exists_fn exists,
		    void *payload)
{
	const wp_type *t = wp_type_find(type);
	checker c = { problems, exists, payload, 0, 0 };

	if (!t || !json_is_object(meta))
		return 0;
	check_fields(&c, NULL, t->fields, t->nfields, meta);
	return c.rc < 0 ? c.rc : c.count;
}

const char *wp_schema_label(const char *key)
{
	char tkey[320];
	const char *text;

	if (snprintf(tkey, sizeof(tkey), "field.%s", key) >= (int)sizeof(tkey))
		return key;
	text = wp_t(tkey);
	return strcmp(text, tkey) != 0 ? text : key;
}

void wp_schema_label_into(wp_buf *out, const char *field)
{
	const char *dot = strchr(field, '.');
	char parent[96];

	if (!dot || (size_t)(dot - field) >= sizeof(parent)) {
		wp_buf_puts(out, wp_schema_label(field));
		return;
	}
	snprintf(parent, sizeof(parent), "%.*s", (int)(dot - field), field);
	wp_buf_printf(out, "%s › ", wp_schema_label(parent));
	wp_schema_label_into(out, dot + 1);
}

void wp_schema_explain(const json_t *problems)
{
	wp_buf line = WP_BUF_INIT;
	const json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const char *field = json_string_value(json_object_get(p, "field"));

		if (i)
			wp_buf_puts(&line, "; ");
		if (field) {
			wp_schema_label_into(&line, field);
			wp_buf_puts(&line, ": ");
		}
		wp_buf_puts(&line, json_string_value(json_object_get(p, "message")));
	}
	wp_error_set("%s", line.len ? wp_buf_cstr(&line) : wp_t("schema.invalid"));
	wp_buf_dispose(&line);
}
