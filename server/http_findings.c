/* http_findings.c - the spots a save was refused or held back for, in
 * the edit form (see http_findings.h). The form carries each spot's
 * offsets and text back in a hidden field, so a replacement needs no
 * second run of the checks: it is applied only where the text is still
 * what was found. */
#include "http_findings.h"

#include "error.h"
#include "texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *wp_findings_take(json_t *problems)
{
	json_t *found = json_array();
	size_t i = 0;

	while (found && i < json_array_size(problems)) {
		json_t *p = json_array_get(problems, i);

		if (json_is_integer(json_object_get(p, "start")) &&
		    json_is_integer(json_object_get(p, "end"))) {
			json_array_append(found, p);
			json_array_remove(problems, i);
		} else {
			i++;
		}
	}
	return found;
}

/* f's string value key, or "". */
static const char *str_of(const json_t *f, const char *key)
{
	const char *v = json_string_value(json_object_get(f, key));

	return v ? v : "";
}

/* A finding's span, checked against content: 0, or -1 when it does not
 * fit. */
static int span_of(const json_t *f, size_t len, size_t *start, size_t *end)
{
	json_int_t s = json_integer_value(json_object_get(f, "start"));
	json_int_t e = json_integer_value(json_object_get(f, "end"));

	if (s < 0 || e <= s || (size_t)e > len)
		return -1;
	*start = (size_t)s;
	*end = (size_t)e;
	return 0;
}

/* The text area [off, off+len) of content as HTML with each finding in
 * it marked (in order; one that overlaps the one before is not marked
 * twice). "" when no finding is there. */
static char *marked(const json_t *findings, const char *content, size_t off, size_t len)
{
	wp_buf out = WP_BUF_INIT;
	size_t i, at = off, start, end, marks = 0;
	const json_t *f;
	int rc = 0;

	json_array_foreach(findings, i, f) {
		if (span_of(f, off + len, &start, &end) < 0 || start < at)
			continue;
		rc |= wp_buf_put_html(&out, content + at, start - at);
		rc |= wp_buf_printf(&out, "<mark id=\"plek-%zu\" title=\"%h\">", i + 1,
				    str_of(f, "label"));
		rc |= wp_buf_put_html(&out, content + start, end - start);
		rc |= wp_buf_puts(&out, "</mark>");
		at = end;
		marks++;
	}
	if (marks == 0 || rc != 0) {
		wp_buf_dispose(&out);
		return strdup("");
	}
	rc = wp_buf_put_html(&out, content + at, off + len - at);
	return rc == 0 ? wp_buf_detach(&out) : (wp_buf_dispose(&out), strdup(""));
}

static int by_start(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "start"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "start"));

	return x < y ? -1 : x > y;
}

/* findings ordered by their place in the text (new reference). */
static json_t *in_order(const json_t *findings)
{
	size_t i, n = json_array_size(findings);
	json_t **v = calloc(n ? n : 1, sizeof(*v)), *out = json_array();

	for (i = 0; v && i < n; i++)
		v[i] = json_array_get(findings, i);
	if (v)
		qsort(v, n, sizeof(*v), by_start);
	for (i = 0; v && out && i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}

json_t *wp_findings_confirms(const json_t *findings)
{
	json_t *keys = json_array(), *seen = json_object(), *f;
	size_t i;

	json_array_foreach(findings, i, f) {
		const char *key = json_string_value(json_object_get(f, "confirm"));
		char tkey[128];

		if (!key || json_object_get(seen, key) || strlen(key) > 64)
			continue;
		json_object_set_new(seen, key, json_true());
		snprintf(tkey, sizeof(tkey), "confirm.%s", key);
		json_array_append_new(keys,
				      json_pack("{s:s, s:s}", "key", key, "label", wp_t(tkey)));
	}
	json_decref(seen);
	return keys;
}

/* One finding as the form lists it; plek carries it back on a replace. */
static json_t *finding_row(const json_t *f, size_t n)
{
	const char *ph = json_string_value(json_object_get(f, "placeholder"));
	json_t *plek = json_pack("[O, O, s, s]", json_object_get(f, "start"),
				 json_object_get(f, "end"), ph ? ph : "", str_of(f, "text"));
	char *pj = plek ? json_dumps(plek, JSON_COMPACT) : NULL;
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "n", (json_int_t)n, "label",
				str_of(f, "label"), "text", str_of(f, "text"), "message",
				str_of(f, "message"), "plek", pj ? pj : "[]", "warning",
				json_object_get(f, "confirm") != NULL);

	if (row && ph && *ph)
		json_object_set_new(row, "placeholder", json_string(ph));
	free(pj);
	json_decref(plek);
	return row;
}

json_t *wp_findings_view(const json_t *findings, const wp_findings_layout *at)
{
	json_t *ordered = in_order(findings), *rows = json_array(), *view, *f;
	char *fm, *body;
	size_t i;
	int placeholders = 0;

	if (!ordered || !rows) {
		json_decref(ordered);
		json_decref(rows);
		return NULL;
	}
	json_array_foreach(ordered, i, f) {
		json_array_append_new(rows, finding_row(f, i + 1));
		placeholders |= json_string_length(json_object_get(f, "placeholder")) > 0;
	}
	fm = marked(ordered, at->content, at->fm_off, at->fm_len);
	body = marked(ordered, at->content, at->body_off, at->body_len);
	view = json_pack("{s:b, s:o, s:s, s:s, s:b, s:o}", "has_findings",
			 json_array_size(rows) > 0, "findings", rows, "marked_frontmatter",
			 fm ? fm : "", "marked_body", body ? body : "", "has_placeholders",
			 placeholders, "confirms", wp_findings_confirms(ordered));
	free(fm);
	free(body);
	json_decref(ordered);
	return view;
}

/* One "plek" value parsed: 0, or -1 when it is not [start, end,
 * placeholder, text] or its text is no longer at the spot. */
static int plek_at(const char *value, const char *content, size_t len, size_t *start, size_t *end,
		   const char **ph, json_t **keep)
{
	json_t *j = json_loads(value ? value : "", 0, NULL);
	json_int_t s, e;
	const char *text;

	*keep = j;
	if (!json_is_array(j) || json_array_size(j) != 4)
		return -1;
	s = json_integer_value(json_array_get(j, 0));
	e = json_integer_value(json_array_get(j, 1));
	*ph = json_string_value(json_array_get(j, 2));
	text = json_string_value(json_array_get(j, 3));
	if (!*ph || !**ph || !text || s < 0 || e <= s || (size_t)e > len ||
	    strlen(text) != (size_t)(e - s) || memcmp(content + s, text, (size_t)(e - s)) != 0)
		return -1;
	*start = (size_t)s;
	*end = (size_t)e;
	return 0;
}

int wp_findings_replace(wp_buf *out, const char *content, size_t len, const json_t *plek,
			const char *which, size_t *done)
{
	size_t n = json_array_size(plek), i, at = 0, start, end, one = 0;
	json_t *ordered = json_array(), *keep = NULL;
	const char *ph;
	char *stop;
	int rc = 0;

	*done = 0;
	if (!which || strcmp(which, "alle") != 0) {
		one = which ? strtoul(which, &stop, 10) : 0;
		if (!which || !*which || *stop || one == 0 || one > n) {
			json_decref(ordered);
			wp_error_set("%s", wp_t("edit.bad_replace"));
			return WP_EINVALID;
		}
	}
	/* The spots as [start, end, placeholder] in text order. */
	for (i = 0; ordered && i < n; i++) {
		keep = NULL;
		if ((one == 0 || one == i + 1) &&
		    plek_at(json_string_value(json_array_get(plek, i)), content, len, &start, &end,
			    &ph, &keep) == 0)
			json_array_append_new(
			    ordered, json_pack("{s:I, s:I, s:s}", "start", (json_int_t)start, "end",
					       (json_int_t)end, "placeholder", ph));
		json_decref(keep);
	}
	keep = in_order(ordered);
	json_decref(ordered);
	for (i = 0; rc == 0 && i < json_array_size(keep); i++) {
		const json_t *f = json_array_get(keep, i);

		if (span_of(f, len, &start, &end) < 0 || start < at)
			continue;
		rc = wp_buf_put(out, content + at, start - at);
		if (rc == 0)
			rc = wp_buf_puts(out, json_string_value(json_object_get(f, "placeholder")));
		at = end;
		(*done)++;
	}
	if (rc == 0)
		rc = wp_buf_put(out, content + at, len - at);
	json_decref(keep);
	return rc;
}
