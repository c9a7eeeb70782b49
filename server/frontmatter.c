/* frontmatter.c - splits a page file into YAML front matter and Markdown
 * body, reads the YAML into JSON (libyaml's event API) and writes JSON back
 * as YAML (libyaml's emitter).
 *
 * Page files are written by people and by the API, so the reader is strict
 * about what could hurt the server (anchors and aliases, deep nesting,
 * size) and precise in its messages (the line in the file). Types follow a
 * small schema: plain true/false, null/~/empty and decimal integers get
 * their JSON type; every other scalar, and every quoted one, is a string.
 * The writer quotes a string exactly when that schema would read it as
 * something else, so write → parse gives the same JSON back. */
#include "frontmatter.h"

#include "error.h"
#include "texts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define FM_MAX_DEPTH 32 /* nesting of mappings and sequences, top level is 1 */

enum plain_type { PLAIN_STRING, PLAIN_NULL, PLAIN_TRUE, PLAIN_FALSE, PLAIN_INT };

static int text_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

/* How a plain scalar s[0..len) is read. Integers are decimal without
 * leading zeros ("007" stays text: turning it into 7 would lose the
 * zeros), with an optional sign, and must fit int64. */
static enum plain_type resolve_plain(const char *s, size_t len, json_int_t *iv)
{
	size_t i, digits;
	char tmp[24];
	long long v;
	char *end;

	if (len == 0 || text_is(s, len, "~") || text_is(s, len, "null") ||
	    text_is(s, len, "Null") || text_is(s, len, "NULL"))
		return PLAIN_NULL;
	if (text_is(s, len, "true") || text_is(s, len, "True") || text_is(s, len, "TRUE"))
		return PLAIN_TRUE;
	if (text_is(s, len, "false") || text_is(s, len, "False") || text_is(s, len, "FALSE"))
		return PLAIN_FALSE;
	i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
	digits = len - i;
	if (digits == 0 || digits > 19 || (s[i] == '0' && digits > 1))
		return PLAIN_STRING;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return PLAIN_STRING;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtoll(tmp, &end, 10);
	if (errno == ERANGE || *end != '\0')
		return PLAIN_STRING;
	if (iv)
		*iv = (json_int_t)v;
	return PLAIN_INT;
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
	yaml_parser_t parser;
	const char *yaml; /* the front matter text, for reader-error lines */
	size_t yaml_len;
	size_t first_line; /* line number in the file of the YAML's first line */
} fm_reader;

static int line_of(const fm_reader *r, const yaml_mark_t *m)
{
	return (int)(r->first_line + m->line);
}

/* Turns libyaml's failure into a message naming the line in the file. */
static int yaml_failure(fm_reader *r)
{
	const yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "onbekende fout";
	int line;

	if (p->error == YAML_MEMORY_ERROR) {
		wp_error_set("%s", wp_t("fm.no_memory"));
		return WP_ENOMEM;
	}
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset, not a mark */
		size_t i, lines = 0, end = p->problem_offset;

		if (end > r->yaml_len)
			end = r->yaml_len;
		for (i = 0; i < end; i++)
			if (r->yaml[i] == '\n')
				lines++;
		line = (int)(r->first_line + lines);
	} else {
		line = line_of(r, &p->problem_mark);
		/* an unclosed quote or bracket fails lines later: say where it began */
		if (p->context && p->context_mark.line < p->problem_mark.line) {
			wp_error_set(wp_t("fm.bad_yaml_from"), line, line_of(r, &p->context_mark),
				     problem);
			return WP_EINVALID;
		}
	}
	wp_error_set(wp_t("fm.bad_yaml"), line, problem);
	return WP_EINVALID;
}

static int next_event(fm_reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev))
		return yaml_failure(r);
	return 0;
}

static int refuse_at(const char *key, int line)
{
	wp_error_set(wp_t(key), line);
	return WP_EINVALID;
}

static json_t *scalar_to_json(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	json_int_t iv = 0;

	/* quoted, explicitly tagged or block scalars are text as written */
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || tag)
		return json_stringn(s, len);
	switch (resolve_plain(s, len, &iv)) {
	case PLAIN_NULL: return json_null();
	case PLAIN_TRUE: return json_true();
	case PLAIN_FALSE: return json_false();
	case PLAIN_INT: return json_integer(iv);
	default: return json_stringn(s, len);
	}
}

static int parse_node(json_t **out, fm_reader *r, const yaml_event_t *ev, int depth);

/* Reads "key: value" pairs until MAPPING_END into obj. */
static int parse_mapping(json_t *obj, fm_reader *r, int depth)
{
	yaml_event_t key, val;
	json_t *child;
	int rc = 0, line;

	for (;;) {
		rc = next_event(r, &key);
		if (rc < 0)
			return rc;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return 0;
		}
		line = line_of(r, &key.start_mark);
		if (key.type != YAML_SCALAR_EVENT) {
			rc = key.type == YAML_ALIAS_EVENT ? refuse_at("fm.alias", line)
							  : refuse_at("fm.complex_key", line);
		} else if (key.data.scalar.anchor) {
			rc = refuse_at("fm.alias", line);
		} else if (memchr(key.data.scalar.value, '\0', key.data.scalar.length)) {
			rc = refuse_at("fm.nul", line);
		} else if (json_object_get(obj, (const char *)key.data.scalar.value)) {
			wp_error_set(wp_t("fm.duplicate"), line, (const char *)key.data.scalar.value);
			rc = WP_EINVALID;
		}
		if (rc == 0)
			rc = next_event(r, &val);
		if (rc == 0) {
			rc = parse_node(&child, r, &val, depth);
			yaml_event_delete(&val);
		}
		if (rc == 0 &&
		    json_object_set_new(obj, (const char *)key.data.scalar.value, child) < 0)
			rc = WP_ENOMEM;
		yaml_event_delete(&key);
		if (rc < 0)
			return rc;
	}
}

/* Reads items until SEQUENCE_END into arr. */
static int parse_sequence(json_t *arr, fm_reader *r, int depth)
{
	yaml_event_t ev;
	json_t *child;
	int rc;

	for (;;) {
		rc = next_event(r, &ev);
		if (rc < 0)
			return rc;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		rc = parse_node(&child, r, &ev, depth);
		yaml_event_delete(&ev);
		if (rc == 0 && json_array_append_new(arr, child) < 0)
			rc = WP_ENOMEM;
		if (rc < 0)
			return rc;
	}
}

/* Builds the JSON value of the node that starts with ev (owned by the
 * caller); depth is the nesting level of its parent. */
static int parse_node(json_t **out, fm_reader *r, const yaml_event_t *ev, int depth)
{
	int line = line_of(r, &ev->start_mark);
	const yaml_char_t *anchor = NULL;
	json_t *v = NULL;
	int rc;

	*out = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		anchor = ev->data.scalar.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		anchor = ev->data.sequence_start.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		anchor = ev->data.mapping_start.anchor;
	if (ev->type == YAML_ALIAS_EVENT || anchor)
		return refuse_at("fm.alias", line);
	if (ev->type == YAML_SCALAR_EVENT) {
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
			return refuse_at("fm.nul", line);
		v = scalar_to_json(ev);
		if (!v)
			return WP_ENOMEM;
		*out = v;
		return 0;
	}
	if (depth + 1 > FM_MAX_DEPTH) {
		wp_error_set(wp_t("fm.too_deep"), line, FM_MAX_DEPTH);
		return WP_EINVALID;
	}
	v = ev->type == YAML_MAPPING_START_EVENT ? json_object() : json_array();
	if (!v)
		return WP_ENOMEM;
	if (ev->type == YAML_MAPPING_START_EVENT)
		rc = parse_mapping(v, r, depth + 1);
	else
		rc = parse_sequence(v, r, depth + 1);
	if (rc < 0) {
		json_decref(v);
		return rc;
	}
	*out = v;
	return 0;
}

/* Parses the YAML stream: nothing (only comments) or one document whose
 * root is a mapping. */
static int parse_stream(json_t **out, fm_reader *r)
{
	yaml_event_t ev;
	json_t *root = NULL;
	int rc, have_doc = 0;

	*out = NULL;
	for (;;) {
		rc = next_event(r, &ev);
		if (rc < 0)
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT && have_doc) {
			rc = refuse_at("fm.two_documents", line_of(r, &ev.start_mark));
		} else if (ev.type == YAML_DOCUMENT_START_EVENT) {
			have_doc = 1;
		} else if (ev.type == YAML_MAPPING_START_EVENT && !root) {
			rc = parse_node(&root, r, &ev, 0);
		} else if (ev.type != YAML_STREAM_START_EVENT &&
			   ev.type != YAML_DOCUMENT_END_EVENT) {
			rc = refuse_at("fm.not_mapping", line_of(r, &ev.start_mark));
		}
		yaml_event_delete(&ev);
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		json_decref(root);
		return rc;
	}
	*out = root ? root : json_object();
	return *out ? 0 : WP_ENOMEM;
}

/* Length of the line starting at s (without its line break) and, in
 * *next, the offset after the break. */
static size_t line_at(const char *s, size_t len, size_t *next)
{
	const char *nl = memchr(s, '\n', len);
	size_t n = nl ? (size_t)(nl - s) : len;

	*next = nl ? n + 1 : len;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/* Non-zero when the line s[0..n) is marker ("---" or "...") followed by
 * nothing but spaces or tabs. */
static int is_marker(const char *s, size_t n, const char *marker)
{
	size_t i;

	if (n < 3 || memcmp(s, marker, 3) != 0)
		return 0;
	for (i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

int wp_fm_parse(json_t **meta_out, size_t *body_off, const char *text, size_t len)
{
	fm_reader r;
	size_t start = 0, yaml_start, pos, next, n;
	int rc;

	*meta_out = NULL;
	*body_off = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	n = line_at(text + start, len - start, &next);
	if (!is_marker(text + start, n, "---")) {
		*meta_out = json_object();
		return *meta_out ? 0 : WP_ENOMEM;
	}
	yaml_start = start + next;
	for (pos = yaml_start;; pos += next) {
		if (pos >= len) {
			wp_error_set("%s", wp_t("fm.unclosed"));
			return WP_EINVALID;
		}
		n = line_at(text + pos, len - pos, &next);
		if (is_marker(text + pos, n, "---") || is_marker(text + pos, n, "..."))
			break;
	}
	memset(&r, 0, sizeof(r));
	r.yaml = text + yaml_start;
	r.yaml_len = pos - yaml_start;
	r.first_line = 2;
	if (r.yaml_len > WP_FM_MAX_BYTES) {
		wp_error_set(wp_t("fm.too_big"), WP_FM_MAX_BYTES / 1024);
		return WP_ETOOBIG;
	}
	if (!yaml_parser_initialize(&r.parser))
		return WP_ENOMEM;
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)r.yaml, r.yaml_len);
	/* the BOM, if any, was before "---"; never guess UTF-16 */
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	rc = parse_stream(meta_out, &r);
	yaml_parser_delete(&r.parser);
	if (rc == 0)
		*body_off = pos + next;
	return rc;
}

/* ---- writing ---------------------------------------------------------- */

typedef struct {
	yaml_emitter_t emitter;
	wp_buf *out;
	int rc; /* why the output handler failed */
} fm_writer;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	fm_writer *w = data;

	w->rc = wp_buf_put(w->out, (const char *)buffer, size);
	return w->rc == 0;
}

/* Emits ev (the emitter owns it from here, also on failure). */
static int emit(fm_writer *w, yaml_event_t *ev, int init_ok)
{
	if (!init_ok)
		return WP_ENOMEM;
	if (!yaml_emitter_emit(&w->emitter, ev)) {
		if (w->rc < 0)
			return w->rc;
		wp_error_set(wp_t("fm.write_failed"),
			     w->emitter.problem ? w->emitter.problem : "?");
		return WP_ERROR;
	}
	return 0;
}

static int emit_scalar(fm_writer *w, const char *s, size_t len, int force_quotes)
{
	yaml_event_t ev;
	int ok;

	if (force_quotes)
		ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 0,
						  1, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else
		ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1,
						  1, YAML_ANY_SCALAR_STYLE);
	return emit(w, &ev, ok);
}

/* Non-zero for [-+]?[0-9]+, which YAML 1.1 tools read as a number even
 * with leading zeros (as octal), although this reader keeps it as text. */
static int looks_numeric(const char *s, size_t len)
{
	size_t i = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;

	if (i == len)
		return 0;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* A string is quoted when a plain scalar would read back as another type;
 * libyaml quotes it on its own when it has special characters. Text with
 * line breaks is double-quoted too: on one line with "\n" it is easier to
 * read than libyaml's folded single quotes. */
static int emit_string(fm_writer *w, const char *s, size_t len)
{
	return emit_scalar(w, s, len,
			   resolve_plain(s, len, NULL) != PLAIN_STRING || looks_numeric(s, len) ||
				   memchr(s, '\n', len) != NULL);
}

static int is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static int emit_value(fm_writer *w, json_t *v, int depth);

static int emit_collection(fm_writer *w, json_t *v, int depth)
{
	yaml_event_t ev;
	const char *key;
	json_t *item;
	size_t i;
	int rc = 0, flow = 1;

	if (depth > FM_MAX_DEPTH) {
		wp_error_set(wp_t("fm.write_too_deep"), FM_MAX_DEPTH);
		return WP_EINVALID;
	}
	if (json_is_object(v)) {
		flow = json_object_size(v) == 0;
		rc = emit(w, &ev,
			  yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
							      flow ? YAML_FLOW_MAPPING_STYLE
								   : YAML_BLOCK_MAPPING_STYLE));
		json_object_foreach(v, key, item) {
			if (rc == 0)
				rc = emit_string(w, key, strlen(key));
			if (rc == 0)
				rc = emit_value(w, item, depth);
		}
		return rc < 0 ? rc : emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
	}
	json_array_foreach(v, i, item)
		if (!is_scalar(item))
			flow = 0;
	rc = emit(w, &ev,
		  yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						       flow ? YAML_FLOW_SEQUENCE_STYLE
							    : YAML_BLOCK_SEQUENCE_STYLE));
	json_array_foreach(v, i, item) {
		if (rc == 0)
			rc = emit_value(w, item, depth);
	}
	return rc < 0 ? rc : emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* Emits one JSON value; depth is the nesting level of its parent. */
static int emit_value(fm_writer *w, json_t *v, int depth)
{
	char num[32];

	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_ARRAY: return emit_collection(w, v, depth + 1);
	case JSON_STRING: return emit_string(w, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return emit_scalar(w, num, strlen(num), 0);
	case JSON_REAL:
		/* there are no floats in the schema: this reads back as text;
		 * the shortest form that gives the same double */
		snprintf(num, sizeof(num), "%.15g", json_real_value(v));
		if (strtod(num, NULL) != json_real_value(v))
			snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		return emit_scalar(w, num, strlen(num), 0);
	case JSON_TRUE: return emit_scalar(w, "true", 4, 0);
	case JSON_FALSE: return emit_scalar(w, "false", 5, 0);
	default: return emit_scalar(w, "null", 4, 0);
	}
}

static int emit_document(fm_writer *w, json_t *meta)
{
	yaml_event_t ev;
	int rc;

	rc = emit(w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	if (rc == 0)
		rc = emit(w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	if (rc == 0)
		rc = emit_value(w, meta, 0);
	if (rc == 0)
		rc = emit(w, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (rc == 0)
		rc = emit(w, &ev, yaml_stream_end_event_initialize(&ev));
	return rc;
}

int wp_fm_write(wp_buf *out, json_t *meta)
{
	size_t old_len = out->len;
	fm_writer w;
	int rc;

	if (!json_is_object(meta)) {
		wp_error_set("%s", wp_t("fm.write_not_object"));
		return WP_EINVALID;
	}
	if (json_object_size(meta) == 0)
		return 0;
	memset(&w, 0, sizeof(w));
	w.out = out;
	if (!yaml_emitter_initialize(&w.emitter))
		return WP_ENOMEM;
	yaml_emitter_set_output(&w.emitter, write_handler, &w);
	yaml_emitter_set_unicode(&w.emitter, 1);
	yaml_emitter_set_width(&w.emitter, -1); /* one line per value: readable diffs */
	yaml_emitter_set_break(&w.emitter, YAML_LN_BREAK);
	rc = wp_buf_puts(out, "---\n");
	if (rc == 0)
		rc = emit_document(&w, meta);
	yaml_emitter_delete(&w.emitter);
	if (rc == 0)
		rc = wp_buf_puts(out, "---\n");
	if (rc < 0) {
		/* leave out as it was: no half-written front matter */
		out->len = old_len;
		if (out->ptr)
			out->ptr[old_len] = '\0';
	}
	return rc;
}
