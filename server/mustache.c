/* mustache.c - the Mustache template engine that renders every theme page.
 *
 * A template is parsed into one flat array of tokens in three passes:
 * tokenize (delimiters and tag kinds), match sections (each opening tag
 * learns the index of its closing tag), and mark standalone lines, whose
 * indentation and newline the spec removes. Rendering walks that array with
 * a context stack, an indentation state (standalone partials and blocks
 * indent every line they produce) and a chain of parent frames (the blocks
 * a {{<parent}} tag passes down). All state lives in the render call, so
 * worker threads can render at the same time. */
#include "mustache.h"

#include "error.h"
#include "texts.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTIAL_DEPTH 64 /* promised in mustache.h */
#define MAX_NEST 100	     /* open sections in one template */
#define MAX_DEPTH 1024	     /* render recursion, so the C stack stays small */
#define MAX_DELIM 16	     /* bytes in a delimiter set with {{=a b=}} */

enum {
	T_TEXT,	   /* one line of literal text at most, newline included */
	T_SKIP,	   /* whitespace removed with a standalone line */
	T_VAR,	   /* {{name}}, HTML-escaped */
	T_RAW,	   /* {{{name}}} and {{&name}} */
	T_COMMENT, /* {{! ...}} */
	T_DELIM,   /* {{=a b=}} */
	T_PARTIAL, /* {{>name}} */
	T_SECTION, /* {{#name}}: this and the three below have a T_CLOSE */
	T_INVERTED,
	T_PARENT, /* {{<name}} */
	T_BLOCK,  /* {{$name}} */
	T_CLOSE
};

typedef struct {
	unsigned char kind;
	unsigned char bol;   /* begins a template line: gets the indentation */
	unsigned char alone; /* the tag's line was removed as standalone */
	const char *s;	     /* the text, or the tag's name */
	size_t n;
	const char *ws; /* whitespace in front of a standalone tag (never NULL then) */
	size_t ws_n;
	const char *pre; /* standalone block: the indentation its lines share */
	size_t pre_n;
	size_t at, to; /* byte range of the token in the template */
	size_t end;    /* opening tag: index of its T_CLOSE, and back */
} tok;

typedef struct {
	tok *v;
	size_t n, cap;
	const char *src;
	size_t len;
	const char *name; /* partial name for messages; NULL for the main template */
} tmpl;

typedef struct {
	char open[MAX_DELIM], close[MAX_DELIM];
	size_t open_n, close_n;
} delims;

/* The context stack: the innermost value first. */
typedef struct ctx {
	json_t *v;
	const struct ctx *up;
} ctx;

/* How template lines are shifted: up to `strip` leading blanks go, then s
 * is put in front. Standalone partials and blocks change this; the textual
 * re-indentation of the spec composes into this one form. */
typedef struct {
	const char *s;
	size_t n;
	size_t strip;
} indent;

/* One {{<parent}} being rendered: the blocks inside its tag override the
 * parent's blocks of the same name. */
typedef struct frame {
	const tmpl *t;
	size_t at; /* index of the T_PARENT token in t */
	indent in; /* the indentation in effect at the tag */
	const struct frame *outer;
} frame;

/* A partial parsed once per render call, so loops do not re-parse it. */
typedef struct cached {
	char *name;
	size_t name_n;
	int missing;
	tmpl t;
	struct cached *next;
} cached;

typedef struct {
	wp_buf *out;
	wp_mustache_loader loader;
	void *payload;
	cached *partials;
	int partial_depth;
	int depth;
} run;

static int is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

/* memmem, by memchr: sanitizers check all of memmem's haystack on every
 * call, which would make tokenizing a big template quadratic there. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *end = hay + n, *p = hay;

	while (m && (size_t)(end - p) >= m) {
		p = memchr(p, needle[0], (size_t)(end - p) - m + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
		p++;
	}
	return NULL;
}

static int line_of(const tmpl *t, size_t at)
{
	int line = 1;
	size_t i;

	for (i = 0; i < at && i < t->len; i++)
		if (t->src[i] == '\n' && line < INT_MAX)
			line++;
	return line;
}

/* A NUL-terminated copy of s for a message, shortened if need be (but not
 * in the middle of a UTF-8 character). */
static const char *shown(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Sets the message for a parse error at byte `at`: the problem text (key,
 * formatted with the arguments) behind the template's name and line. */
static int fail(const tmpl *t, size_t at, int rc, const char *key, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, key);
	vsnprintf(what, sizeof(what), wp_t(key), ap);
	va_end(ap);
	if (t->name)
		wp_error_set(wp_t("mustache.where_partial"), t->name, line_of(t, at), what);
	else
		wp_error_set(wp_t("mustache.where"), line_of(t, at), what);
	return rc;
}

/* ---- parsing ---------------------------------------------------------- */

static int push(tmpl *t, const tok *k)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		tok *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return WP_ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *k;
	return 0;
}

/* Adds text [at, to) as one token per line, so every line start is a token
 * start: indentation and standalone lines work on whole tokens. */
static int push_text(tmpl *t, size_t at, size_t to)
{
	while (at < to) {
		const char *nl = memchr(t->src + at, '\n', to - at);
		size_t e = nl ? (size_t)(nl - t->src) + 1 : to;
		tok k = { .kind = T_TEXT, .s = t->src + at, .n = e - at, .at = at, .to = e };
		int rc = push(t, &k);

		if (rc < 0)
			return rc;
		at = e;
	}
	return 0;
}

static int kind_of(char sigil)
{
	switch (sigil) {
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '&':
	case '{': return T_RAW;
	case '!': return T_COMMENT;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

static void trim(const char **s, size_t *n)
{
	while (*n && (is_blank_char(**s) || **s == '\r' || **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n && (is_blank_char((*s)[*n - 1]) || (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
		(*n)--;
}

/* Applies {{=open close=}}; s is what stands between the two '='. */
static int set_delims(const tmpl *t, delims *d, size_t at, const char *s, size_t n)
{
	char buf[64];
	size_t a = 0, b;

	trim(&s, &n);
	while (a < n && !is_blank_char(s[a]))
		a++;
	b = a;
	while (b < n && is_blank_char(s[b]))
		b++;
	if (a == 0 || a > MAX_DELIM || b == n || n - b > MAX_DELIM || memchr(s, '=', n) ||
	    memchr(s + b, ' ', n - b) || memchr(s + b, '\t', n - b) || memchr(s, '\n', n) ||
	    memchr(s, '\r', n))
		return fail(t, at, WP_EINVALID, "mustache.bad_delimiters",
			    shown(buf, sizeof(buf), s, n));
	memcpy(d->open, s, a);
	d->open_n = a;
	memcpy(d->close, s + b, n - b);
	d->close_n = n - b;
	return 0;
}

static int check_name(const tmpl *t, size_t at, const char *s, size_t n)
{
	char buf[64];
	size_t i;

	if (n == 0)
		return fail(t, at, WP_EINVALID, "mustache.empty_name");
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ')
			return fail(t, at, WP_EINVALID, "mustache.bad_name",
				    shown(buf, sizeof(buf), s, n));
	return 0;
}

/* Reads the tag whose opening delimiter starts at byte `at`; sets *next to
 * the byte after it. */
static int read_tag(tmpl *t, delims *d, size_t at, size_t *next)
{
	char want[MAX_DELIM + 2];
	size_t want_n = 0, body = at + d->open_n;
	char sigil = body < t->len ? t->src[body] : '\0';
	tok k = { .kind = (unsigned char)kind_of(sigil), .at = at };
	const char *c;

	if (sigil == '{' || sigil == '=')
		want[want_n++] = sigil == '{' ? '}' : '=';
	memcpy(want + want_n, d->close, d->close_n);
	want_n += d->close_n;
	want[want_n] = '\0';
	if (k.kind != T_VAR)
		body++;
	c = find(t->src + body, t->len - body, want, want_n);
	if (!c)
		return fail(t, at, WP_EINVALID, "mustache.unclosed_tag", want);
	k.s = t->src + body;
	k.n = (size_t)(c - k.s);
	k.to = (size_t)(c - t->src) + want_n;
	*next = k.to;
	if (k.kind == T_DELIM) {
		int rc = set_delims(t, d, at, k.s, k.n);

		if (rc < 0)
			return rc;
	} else if (k.kind != T_COMMENT) {
		int rc;

		trim(&k.s, &k.n);
		rc = check_name(t, at, k.s, k.n);
		if (rc < 0)
			return rc;
	}
	return push(t, &k);
}

static int tokenize(tmpl *t)
{
	delims d = { "{{", "}}", 2, 2 };
	size_t pos = 0;
	int rc = 0;

	while (pos < t->len && rc == 0) {
		const char *o = find(t->src + pos, t->len - pos, d.open, d.open_n);
		size_t at = o ? (size_t)(o - t->src) : t->len;

		rc = push_text(t, pos, at);
		pos = at;
		if (rc == 0 && o)
			rc = read_tag(t, &d, at, &pos);
	}
	return rc;
}

static int is_open(int kind)
{
	return kind == T_SECTION || kind == T_INVERTED || kind == T_PARENT || kind == T_BLOCK;
}

static int same_name(const tok *a, const tok *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* Pairs every opening tag with its closing tag. */
static int match_sections(tmpl *t)
{
	size_t stack[MAX_NEST], depth = 0, i;
	char a[64], b[64];

	for (i = 0; i < t->n; i++) {
		tok *k = &t->v[i];

		if (is_open(k->kind)) {
			if (depth == MAX_NEST)
				return fail(t, k->at, WP_ETOOBIG, "mustache.too_deep", MAX_NEST);
			stack[depth++] = i;
		} else if (k->kind == T_CLOSE) {
			tok *o;

			if (depth == 0)
				return fail(t, k->at, WP_EINVALID, "mustache.unexpected_end",
					    shown(a, sizeof(a), k->s, k->n));
			o = &t->v[stack[--depth]];
			if (!same_name(o, k))
				return fail(t, k->at, WP_EINVALID, "mustache.mismatched_end",
					    shown(a, sizeof(a), k->s, k->n),
					    shown(b, sizeof(b), o->s, o->n));
			o->end = i;
			k->end = (size_t)(o - t->v);
		}
	}
	if (depth > 0) {
		const tok *o = &t->v[stack[depth - 1]];

		return fail(t, o->at, WP_EINVALID, "mustache.unclosed_section",
			    shown(a, sizeof(a), o->s, o->n));
	}
	return 0;
}

static int ends_line(const tok *k)
{
	return (k->kind == T_TEXT || k->kind == T_SKIP) && k->n && k->s[k->n - 1] == '\n';
}

/* Only blanks, then "\n", "\r\n" or nothing. */
static int is_blank_text(const tok *k)
{
	size_t n = k->n, i;

	if (n && k->s[n - 1] == '\n')
		n--;
	if (n && k->s[n - 1] == '\r')
		n--;
	for (i = 0; i < n; i++)
		if (!is_blank_char(k->s[i]))
			return 0;
	return 1;
}

/* Two tags that the inheritance spec lets share a standalone line:
 * {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}. */
static int is_pair(const tmpl *t, size_t x, size_t y)
{
	const tok *a = &t->v[x], *b = &t->v[y];

	if (y != x + 1)
		return 0;
	if ((a->kind == T_PARENT || a->kind == T_BLOCK) && a->end == y)
		return 1;
	if (a->kind == T_PARENT && b->kind == T_BLOCK)
		return 1;
	return a->kind == T_CLOSE && b->kind == T_CLOSE && t->v[a->end].kind == T_BLOCK &&
	       t->v[b->end].kind == T_PARENT;
}

/* Tokens a..b form one line; if it holds nothing but blanks and one tag
 * (or a pair, see is_pair) that prints nothing, the line disappears: its
 * leading blanks become the tag's indentation, its newline goes. An empty
 * {{$b}}{{/b}} keeps the newline, as the spec wants. */
static void standalone_line(tmpl *t, size_t a, size_t b)
{
	size_t tags[2], ntags = 0, i;
	int keep_nl;

	for (i = a; i <= b; i++) {
		const tok *k = &t->v[i];

		if (k->kind == T_TEXT) {
			if (!is_blank_text(k))
				return;
			continue;
		}
		if (k->kind == T_VAR || k->kind == T_RAW || ntags == 2)
			return;
		tags[ntags++] = i;
	}
	if (ntags == 0 || (ntags == 2 && !is_pair(t, tags[0], tags[1])))
		return;
	keep_nl = ntags == 2 && t->v[tags[0]].kind == T_BLOCK;
	if (a < tags[0]) {
		t->v[tags[0]].ws = t->v[a].s;
		t->v[tags[0]].ws_n = t->v[a].n;
		t->v[a].kind = T_SKIP;
	} else { /* no blanks in front: none, at the tag */
		t->v[tags[0]].ws = t->src + t->v[tags[0]].at;
		t->v[tags[0]].ws_n = 0;
	}
	if (b > tags[ntags - 1] && !keep_nl)
		t->v[b].kind = T_SKIP;
	for (i = 0; i < ntags; i++)
		t->v[tags[i]].alone = 1;
}

/* The indentation shared by the non-blank lines of a standalone block's
 * content, which the block drops where it is defined. */
static void block_prefix(tmpl *t, tok *k)
{
	const tok *c = &t->v[k->end];
	const char *src = t->src, *best = NULL;
	size_t from = k->to, to = c->at, best_n = 0;
	const char *nl = memchr(src + from, '\n', to - from);

	from = nl ? (size_t)(nl - src) + 1 : to;
	if (c->alone)
		while (to > from && src[to - 1] != '\n')
			to--;
	while (from < to) {
		size_t w = from, i;
		int blank;

		while (w < to && is_blank_char(src[w]))
			w++;
		blank = w == to || src[w] == '\n' ||
			    (src[w] == '\r' && w + 1 < to && src[w + 1] == '\n');

		if (!blank) {
			if (!best) {
				best = src + from;
				best_n = w - from;
			}
			for (i = 0; i < best_n && i < w - from && best[i] == src[from + i]; i++)
				;
			best_n = i;
		}
		nl = memchr(src + w, '\n', to - w);
		from = nl ? (size_t)(nl - src) + 1 : to;
	}
	k->pre = best;
	k->pre_n = best_n;
}

static void mark_lines(tmpl *t)
{
	size_t a = 0, i;

	while (a < t->n) {
		size_t b = a;

		while (b + 1 < t->n && !ends_line(&t->v[b]))
			b++;
		standalone_line(t, a, b);
		a = b + 1;
	}
	for (i = 0; i < t->n; i++) {
		tok *k = &t->v[i];

		k->bol = (i == 0 || ends_line(&t->v[i - 1])) && k->kind != T_SKIP && !k->alone;
		if (k->kind == T_BLOCK && k->alone && k->end != i + 1)
			block_prefix(t, k);
	}
}

static int parse(tmpl *t)
{
	int rc = tokenize(t);

	if (rc == 0)
		rc = match_sections(t);
	if (rc == 0)
		mark_lines(t);
	return rc;
}

/* ---- rendering -------------------------------------------------------- */

static json_t *lookup(const ctx *c, const char *name, size_t n)
{
	const char *dot;
	size_t part;
	json_t *v = NULL;

	if (n == 1 && name[0] == '.')
		return c->v;
	dot = memchr(name, '.', n);
	part = dot ? (size_t)(dot - name) : n;
	for (; c && !v; c = c->up)
		if (json_is_object(c->v))
			v = json_object_getn(c->v, name, part);
	/* Later parts resolve only against what the earlier ones found. */
	while (v && part < n) {
		name += part + 1;
		n -= part + 1;
		dot = memchr(name, '.', n);
		part = dot ? (size_t)(dot - name) : n;
		v = json_is_object(v) ? json_object_getn(v, name, part) : NULL;
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

/* The shortest of %.15g..%.17g that reads back as d: 1.21 stays "1.21". */
static size_t format_real(char *buf, size_t size, double d)
{
	int prec, n = 0;

	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return n > 0 ? (size_t)n : 0;
}

static int put_value(wp_buf *out, const json_t *v, int raw)
{
	char num[64];
	const char *s;
	size_t n;

	if (!v)
		return 0;
	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
				     json_integer_value(v));
		s = num;
		break;
	case JSON_REAL:
		n = format_real(num, sizeof(num), json_real_value(v));
		s = num;
		break;
	case JSON_TRUE:
		s = "true";
		n = 4;
		break;
	case JSON_FALSE:
		s = "false";
		n = 5;
		break;
	default: /* null, objects and arrays print nothing */
		return 0;
	}
	return raw ? wp_buf_put(out, s, n) : wp_buf_put_html(out, s, n);
}

/* A line of literal text: at a line start of its template (bol) it loses up
 * to in->strip blanks; where a line starts in the output (lead) it gains
 * the indentation, unless nothing but the newline is left. */
static int put_text(wp_buf *out, const tok *k, const indent *in, int bol, int lead)
{
	const char *s = k->s;
	size_t n = k->n, strip = bol ? in->strip : 0;
	int rc = 0;

	while (strip && n && is_blank_char(*s)) {
		s++;
		n--;
		strip--;
	}
	if (lead && in->n && n && *s != '\n' && !(*s == '\r' && n > 1 && s[1] == '\n'))
		rc = wp_buf_put(out, in->s, in->n);
	if (rc == 0)
		rc = wp_buf_put(out, s, n);
	return rc;
}

static int render_range(run *r, const tmpl *t, size_t from, size_t to, const ctx *c,
			const indent *in, const frame *f, int first_bol);

static int render_section(run *r, const tmpl *t, size_t i, const ctx *c, const indent *in,
			  const frame *f)
{
	const tok *k = &t->v[i];
	json_t *v = lookup(c, k->s, k->n), *item;
	size_t idx;

	if (k->kind == T_INVERTED)
		return truthy(v) ? 0 : render_range(r, t, i + 1, k->end, c, in, f, 0);
	if (json_is_array(v)) {
		json_array_foreach(v, idx, item) {
			ctx sub = { item, c };
			int rc = render_range(r, t, i + 1, k->end, &sub, in, f, 0);

			if (rc < 0)
				return rc;
		}
		return 0;
	}
	if (truthy(v)) {
		ctx sub = { v, c };

		return render_range(r, t, i + 1, k->end, &sub, in, f, 0);
	}
	return 0;
}

static void free_partials(cached *p)
{
	while (p) {
		cached *next = p->next;

		free(p->t.v);
		free(p->name);
		free(p);
		p = next;
	}
}

/* The parsed partial `name` from the cache or the loader; *out = NULL for
 * a missing one. */
static int get_partial(run *r, const char *name, size_t n, const tmpl **out)
{
	cached *p;
	const char *text = NULL;
	size_t len = 0;
	int rc = 0;

	*out = NULL;
	for (p = r->partials; p; p = p->next)
		if (p->name_n == n && memcmp(p->name, name, n) == 0)
			break;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (p)
			p->name = strndup(name, n);
		if (!p || !p->name) {
			free(p);
			return WP_ENOMEM;
		}
		p->name_n = n;
		p->next = r->partials;
		r->partials = p;
		if (r->loader)
			rc = r->loader(r->payload, p->name, &text, &len);
		p->missing = rc < 0 || !text;
		p->t = (tmpl){ .src = text, .len = text ? len : 0, .name = p->name };
		if (rc == 0 && !p->missing)
			rc = parse(&p->t);
		if (rc < 0) { /* do not keep half a template */
			p->missing = 1;
			return rc;
		}
	}
	if (!p->missing)
		*out = &p->t;
	return 0;
}

/* The indentation `base` with `head` + `tail` put in front. */
static int join_indent(wp_buf *b, indent *out, const indent *head, const char *tail,
		       size_t tail_n, const indent *base)
{
	int rc = wp_buf_put(b, head->s, head->n);

	if (rc == 0)
		rc = wp_buf_put(b, tail, tail_n);
	if (rc == 0)
		rc = wp_buf_put(b, base->s, base->n);
	out->s = b->len ? b->ptr : "";
	out->n = b->len;
	out->strip = base->strip;
	return rc;
}

/* {{>name}} and {{<name}}...{{/name}}: a standalone tag's indentation goes
 * in front of every line of the partial. */
static int render_partial(run *r, const tmpl *t, size_t i, const ctx *c, const indent *in,
			  const frame *f)
{
	static const indent none = { "", 0, 0 };
	const tok *k = &t->v[i];
	frame fr = { t, i, *in, f };
	wp_buf b = WP_BUF_INIT;
	indent sub = none;
	const tmpl *p;
	char buf[64];
	int rc;

	if (r->partial_depth >= MAX_PARTIAL_DEPTH) {
		wp_error_set(wp_t("mustache.partials_too_deep"),
			     shown(buf, sizeof(buf), k->s, k->n), MAX_PARTIAL_DEPTH);
		return WP_ETOOBIG;
	}
	rc = get_partial(r, k->s, k->n, &p);
	if (rc < 0 || !p)
		return rc;
	if (k->alone) {
		size_t cut = in->strip < k->ws_n ? in->strip : k->ws_n;

		rc = join_indent(&b, &sub, in, k->ws + cut, k->ws_n - cut, &none);
	}
	if (rc == 0) {
		r->partial_depth++;
		rc = render_range(r, p, 0, p->n, c, &sub, k->kind == T_PARENT ? &fr : f, 0);
		r->partial_depth--;
	}
	wp_buf_dispose(&b);
	return rc;
}

/* The block that fills {{$name}}: the outermost parent tag that passes
 * one wins, so the page overrides its layout's layout. */
static const frame *find_override(const frame *f, const tok *site, size_t *idx)
{
	const frame *hit = NULL;

	for (; f; f = f->outer) {
		const tmpl *t = f->t;
		size_t i = f->at + 1;

		while (i < t->v[f->at].end) {
			const tok *k = &t->v[i];

			if (k->kind == T_BLOCK && same_name(k, site)) {
				hit = f;
				*idx = i;
				break;
			}
			i = is_open(k->kind) ? k->end + 1 : i + 1;
		}
	}
	return hit;
}

/* {{$name}}: renders the overriding block or this one's own content.
 * A block defined standalone drops its shared indentation; one used
 * standalone indents like a partial, by its own content's indentation or
 * else by the blanks in front of the tag. */
static int render_block(run *r, const tmpl *t, size_t i, const ctx *c, const indent *in,
			const frame *f)
{
	const tok *site = &t->v[i];
	const tmpl *st = t;
	size_t si = i;
	indent base = *in, sub;
	const frame *hit = find_override(f, site, &si);
	wp_buf b = WP_BUF_INIT;
	const tok *src;
	int rc = 0;

	if (hit) {
		st = hit->t;
		base = hit->in;
	}
	src = &st->v[si];
	if (src->alone)
		base = (indent){ "", 0, base.strip > src->pre_n ? base.strip : src->pre_n };
	sub = base;
	if (site->alone) {
		const char *tail = site->pre_n > in->strip ? site->pre + in->strip : "";
		size_t tail_n = site->pre_n > in->strip ? site->pre_n - in->strip : 0;

		if (in->n + tail_n == 0) {
			size_t cut = in->strip < site->ws_n ? in->strip : site->ws_n;

			tail = site->ws + cut;
			tail_n = site->ws_n - cut;
		}
		rc = join_indent(&b, &sub, in, tail, tail_n, &base);
	}
	if (rc == 0)
		rc = render_range(r, st, si + 1, src->end, c, &sub, f, site->alone);
	wp_buf_dispose(&b);
	return rc;
}

static int render_token(run *r, const tmpl *t, size_t i, const ctx *c, const indent *in,
			const frame *f)
{
	const tok *k = &t->v[i];

	switch (k->kind) {
	case T_VAR:
	case T_RAW: return put_value(r->out, lookup(c, k->s, k->n), k->kind == T_RAW);
	case T_SECTION:
	case T_INVERTED: return render_section(r, t, i, c, in, f);
	case T_PARTIAL:
	case T_PARENT: return render_partial(r, t, i, c, in, f);
	case T_BLOCK: return render_block(r, t, i, c, in, f);
	default: return 0; /* comments, delimiters, removed blanks */
	}
}

/* Renders tokens [from, to) of t. first_bol: the first token starts a line
 * even if it did not in its own template (a block used standalone). */
static int render_range(run *r, const tmpl *t, size_t from, size_t to, const ctx *c,
			const indent *in, const frame *f, int first_bol)
{
	size_t i;
	int rc = 0;

	if (r->depth >= MAX_DEPTH) {
		wp_error_set(wp_t("mustache.render_too_deep"), MAX_DEPTH);
		return WP_ETOOBIG;
	}
	r->depth++;
	for (i = from; i < to && rc == 0; i++) {
		const tok *k = &t->v[i];
		int lead;

		if (k->kind == T_SKIP)
			continue;
		lead = k->bol || (first_bol && !k->alone);
		first_bol = 0;
		if (k->kind == T_TEXT) {
			rc = put_text(r->out, k, in, k->bol, lead);
			continue;
		}
		if (lead && in->n)
			rc = wp_buf_put(r->out, in->s, in->n);
		if (rc == 0)
			rc = render_token(r, t, i, c, in, f);
		if (is_open(k->kind)) {
			i = k->end;
			/* "{{/a}}text" at a line start: the line still gets indented */
			if (rc == 0 && t->v[i].bol && in->n)
				rc = wp_buf_put(r->out, in->s, in->n);
		}
	}
	r->depth--;
	return rc;
}

int wp_mustache_render(wp_buf *out, const char *tmpl_text, size_t tmpl_len, json_t *data,
		       wp_mustache_loader loader, void *payload)
{
	static const indent none = { "", 0, 0 };
	tmpl t = { .src = tmpl_text, .len = tmpl_text ? tmpl_len : 0 };
	run r = { .out = out, .loader = loader, .payload = payload };
	ctx root = { data, NULL };
	size_t start;
	int rc;

	assert(out);
	start = out->len;
	rc = parse(&t);
	if (rc == 0)
		rc = render_range(&r, &t, 0, t.n, &root, &none, NULL, 0);
	if (rc < 0 && out->ptr) { /* no half page for the caller */
		out->len = start;
		out->ptr[start] = '\0';
	}
	if (rc == WP_ENOMEM)
		wp_error_set("%s", wp_t("mustache.no_memory"));
	free_partials(r.partials);
	free(t.v);
	return rc;
}
