/* query.c - search text to FTS5 MATCH expression (see query.h for the syntax).
 *
 * Two passes over the checked text: lex() splits it into items (word, phrase, OF/OR keyword,
 * each maybe excluded or a prefix), mark_operators() decides which keywords join neighbours,
 * then the items are written out. Only put_string() writes item text, and always inside an FTS5
 * string, which is what keeps FTS5 syntax in the text from ever acting as syntax. */
#include "query.h"

#include "buf.h"
#include "error.h"
#include "texts.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Far above what WP_QUERY_MAX_BYTES of input can produce; a bug must not grow without bound. */
#define OUT_MAX ((size_t)64 * 1024)

enum {
	ITEM_NOT = 1,	  /* -word: exclude */
	ITEM_PREFIX = 2,  /* word*: prefix */
	ITEM_KEYWORD = 4, /* bare OF or OR, operator or not still to be decided */
	ITEM_OR = 8	  /* a keyword that joins its neighbours */
};

typedef struct {
	const char *s;
	size_t len;
	unsigned flags;
} item;

typedef struct {
	item *v;
	size_t n, cap;
	size_t terms;	 /* items that are words or phrases (not operators) */
	size_t positive; /* of which not excluded */
} items;

/* Decodes one UTF-8 sequence at s (n > 0 bytes left). Returns its length, 0 when invalid:
 * overlong forms, surrogates and values above U+10FFFF are refused like bad bytes. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* Lead bytes 0x80..0xc1 and above 0xf4 never start a valid sequence. */
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int is_space(uint32_t c)
{
	return c <= 0x20 || c == 0x7f || c == 0x85 || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
	       c == 0x205f || c == 0x3000;
}

/* Whether c can be (part of) a word the index holds. Only decides whether a term is worth
 * sending: a term of symbols that slips through is still quoted, and FTS5 then finds nothing
 * for it. Besides ASCII letters and digits, everything counts except the punctuation, symbol,
 * combining-mark and emoji blocks, which the unicode61 tokenizer treats as separators. */
static int is_wordchar(uint32_t c)
{
	static const uint32_t not_word[][2] = {
		{ 0x80, 0xa9 }, { 0xab, 0xb1 }, { 0xb4, 0xb4 }, { 0xb6, 0xb8 }, { 0xbb, 0xbb },
		{ 0xbf, 0xbf }, { 0xd7, 0xd7 }, { 0xf7, 0xf7 }, /* Latin-1 punctuation, signs */
		{ 0x300, 0x36f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, /* combining marks */
		{ 0x2000, 0x206f }, { 0x20a0, 0x20ff }, { 0x2190, 0x245f }, { 0x2500, 0x2bff },
		{ 0x2e00, 0x2e7f }, { 0x3000, 0x3004 }, { 0x3008, 0x303f },
		{ 0xfe00, 0xfe6f }, { 0xfeff, 0xfeff }, { 0xff01, 0xff0f }, { 0xff1a, 0xff20 },
		{ 0xff3b, 0xff40 }, { 0xff5b, 0xff65 }, { 0xfff0, 0xffff },
		{ 0x1f000, 0x1faff }, { 0xe0000, 0xe0fff }, /* emoji, tags and selectors */
	};
	size_t i;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	for (i = 0; i < sizeof(not_word) / sizeof(not_word[0]); i++)
		if (c >= not_word[i][0] && c <= not_word[i][1])
			return 0;
	return 1;
}

/* Length of the white space character at s (n > 0 bytes left, valid UTF-8), 0 if none. */
static size_t space_len(const char *s, size_t n)
{
	uint32_t c = 0;
	size_t len = utf8_next((const unsigned char *)s, n, &c);

	return len && is_space(c) ? len : 0;
}

static int has_wordchar(const char *s, size_t n)
{
	uint32_t c = 0;
	size_t i = 0, len;

	while (i < n) {
		len = utf8_next((const unsigned char *)s + i, n - i, &c);
		if (!len)
			return 0;
		if (is_wordchar(c))
			return 1;
		i += len;
	}
	return 0;
}

/* Trims *q and checks length, NUL bytes and encoding. */
static int check_input(const char **q, size_t *len)
{
	const char *s = *q;
	size_t n = *len, i, step;
	uint32_t c;

	while (n && s[0] && strchr(" \t\n\v\f\r", s[0])) {
		s++;
		n--;
	}
	while (n && s[n - 1] && strchr(" \t\n\v\f\r", s[n - 1]))
		n--;
	if (n > WP_QUERY_MAX_BYTES) {
		wp_error_set(wp_t("query.too_long"), WP_QUERY_MAX_BYTES);
		return WP_ETOOBIG;
	}
	if (memchr(s, '\0', n)) {
		wp_error_set("%s", wp_t("query.nul"));
		return WP_EINVALID;
	}
	for (i = 0; i < n; i += step) {
		step = utf8_next((const unsigned char *)s + i, n - i, &c);
		if (!step) {
			wp_error_set("%s", wp_t("query.bad_utf8"));
			return WP_EINVALID;
		}
	}
	*q = s;
	*len = n;
	return 0;
}

/* Keeps an item unless it holds nothing to search for. */
static void add_item(items *it, const char *s, size_t len, unsigned flags)
{
	if (!has_wordchar(s, len))
		return;
	/* Each kept item uses at least one byte and one separator: cap is len / 2 + 2. */
	assert(it->n < it->cap);
	if (it->n == it->cap)
		return;
	it->v[it->n].s = s;
	it->v[it->n].len = len;
	it->v[it->n].flags = flags;
	it->n++;
}

/* Reads the word at s[0..n) up to white space or '"'. Returns the bytes it used. */
static size_t lex_word(items *it, const char *s, size_t n, unsigned flags, int suggest)
{
	size_t len = 0, end, step;
	uint32_t c = 0;

	while (len < n && s[len] != '"') {
		step = utf8_next((const unsigned char *)s + len, n - len, &c);
		assert(step); /* checked by check_input() */
		if (is_space(c))
			break;
		len += step;
	}
	end = len;
	while (end && s[end - 1] == '*')
		end--;
	if (end < len || suggest)
		flags |= ITEM_PREFIX;
	if (!suggest && !(flags & ITEM_NOT) && len == 2 &&
	    (memcmp(s, "OR", 2) == 0 || memcmp(s, "OF", 2) == 0))
		flags |= ITEM_KEYWORD;
	add_item(it, s, end, flags);
	return len;
}

/* Reads the phrase at s[0..n) (s[0] is '"'), to the closing '"' or, when there is none, to the
 * end. Returns the bytes it used. */
static size_t lex_phrase(items *it, const char *s, size_t n, unsigned flags)
{
	size_t end = 1;

	while (end < n && s[end] != '"')
		end++;
	add_item(it, s + 1, end - 1, flags);
	return end < n ? end + 1 : n;
}

/* Splits s[0..n) (checked) into items. suggest: only words, every one a prefix. */
static void lex(items *it, const char *s, size_t n, int suggest)
{
	size_t pos = 0, sp;
	unsigned flags;

	while (pos < n) {
		sp = space_len(s + pos, n - pos);
		if (sp) {
			pos += sp;
			continue;
		}
		flags = 0;
		if (s[pos] == '-' && !suggest) {
			flags = ITEM_NOT;
			if (++pos == n)
				break;
		}
		if (s[pos] != '"')
			pos += lex_word(it, s + pos, n - pos, flags, suggest);
		else if (suggest)
			pos++;
		else
			pos += lex_phrase(it, s + pos, n - pos, flags);
	}
}

/* Decides which OF/OR keywords are operators: a run of them between two positive terms is one
 * operator; any other is searched for as a word. Then counts the terms. */
static void mark_operators(items *it)
{
	size_t i = 0, j, k;
	int joins;

	while (i < it->n) {
		if (!(it->v[i].flags & ITEM_KEYWORD)) {
			i++;
			continue;
		}
		for (j = i; j < it->n && (it->v[j].flags & ITEM_KEYWORD); j++)
			;
		/* Runs are maximal, so neither neighbour is a keyword. */
		joins = i > 0 && !(it->v[i - 1].flags & ITEM_NOT) && j < it->n &&
			!(it->v[j].flags & ITEM_NOT);
		for (k = i; k < j; k++)
			it->v[k].flags = joins ? ITEM_OR : 0;
		i = j;
	}
	for (i = 0; i < it->n; i++) {
		if (it->v[i].flags & ITEM_OR)
			continue;
		it->terms++;
		if (!(it->v[i].flags & ITEM_NOT))
			it->positive++;
	}
}

static void items_dispose(items *it)
{
	free(it->v);
	it->v = NULL;
}

/* Reads q into *it: checks, splits, applies the limits. On success it->n is 0 when there is
 * nothing to search for. Dispose of *it with items_dispose() either way. */
static int parse(items *it, const char *q, size_t len, int suggest)
{
	int rc;

	memset(it, 0, sizeof(*it));
	assert(q || !len);
	if (!q)
		return 0;
	rc = check_input(&q, &len);
	if (rc < 0)
		return rc;
	it->cap = len / 2 + 2;
	it->v = calloc(it->cap, sizeof(*it->v));
	if (!it->v)
		return WP_ENOMEM;
	lex(it, q, len, suggest);
	mark_operators(it);
	if (it->terms > WP_QUERY_MAX_TERMS) {
		wp_error_set(wp_t("query.too_many"), WP_QUERY_MAX_TERMS);
		return WP_EINVALID;
	}
	if (it->terms && !it->positive) {
		wp_error_set("%s", wp_t("query.only_excluded"));
		return WP_EINVALID;
	}
	return 0;
}

/* Appends t as an FTS5 string, the one place where search text enters the expression. */
static int put_string(wp_buf *b, const item *t)
{
	const char *s = t->s, *end = t->s + t->len, *quote;
	int rc = wp_buf_putc(b, '"');

	while (rc == 0 && s < end) {
		quote = memchr(s, '"', (size_t)(end - s));
		if (!quote) {
			rc = wp_buf_put(b, s, (size_t)(end - s));
			break;
		}
		rc = wp_buf_put(b, s, (size_t)(quote + 1 - s));
		if (rc == 0)
			rc = wp_buf_putc(b, '"');
		s = quote + 1;
	}
	if (rc == 0)
		rc = wp_buf_putc(b, '"');
	if (rc == 0 && (t->flags & ITEM_PREFIX))
		rc = wp_buf_putc(b, '*');
	return rc;
}

/* Appends the OR group v[i..j) (terms with operators between them) in parentheses. */
static int put_group(wp_buf *b, const item *v, size_t i, size_t j)
{
	int rc = wp_buf_putc(b, '(');
	size_t k;

	for (k = i; rc == 0 && k < j; k++) {
		if (v[k].flags & ITEM_OR)
			continue;
		if (k > i)
			rc = wp_buf_puts(b, " OR ");
		if (rc == 0)
			rc = put_string(b, &v[k]);
	}
	return rc ? rc : wp_buf_putc(b, ')');
}

/* Appends the positive terms and groups, then each exclusion as NOT. */
static int put_match(wp_buf *b, const items *it)
{
	const item *v = it->v;
	size_t i, j;
	int rc = 0, group, prev = -1; /* prev: -1 none yet, else whether it was a group */

	for (i = 0; rc == 0 && i < it->n; i = j) {
		j = i + 1;
		if (v[i].flags & ITEM_NOT)
			continue;
		/* An operator run is always followed by a positive term: take both. */
		group = 0;
		while (j < it->n && (v[j].flags & ITEM_OR)) {
			while (j < it->n && (v[j].flags & ITEM_OR))
				j++;
			j++;
			group = 1;
		}
		if (prev >= 0)
			rc = wp_buf_puts(b, prev || group ? " AND " : " ");
		if (rc == 0)
			rc = group ? put_group(b, v, i, j) : put_string(b, &v[i]);
		prev = group;
	}
	for (i = 0; rc == 0 && i < it->n; i++) {
		if (!(v[i].flags & ITEM_NOT))
			continue;
		rc = wp_buf_puts(b, " NOT ");
		if (rc == 0)
			rc = put_string(b, &v[i]);
	}
	return rc;
}

/* Appends every term, each already a prefix, within the title column. */
static int put_suggest(wp_buf *b, const items *it)
{
	size_t i;
	int rc = wp_buf_puts(b, "{title} : (");

	for (i = 0; rc == 0 && i < it->n; i++) {
		if (i > 0)
			rc = wp_buf_putc(b, ' ');
		if (rc == 0)
			rc = put_string(b, &it->v[i]);
	}
	return rc ? rc : wp_buf_putc(b, ')');
}

/* Shared by translate and suggest: parse, then write with put. */
static int build(char **match, const char *q, size_t len, int suggest,
		 int (*put)(wp_buf *, const items *))
{
	items it;
	wp_buf b = WP_BUF_INIT;
	int rc;

	assert(match);
	*match = NULL;
	b.max = OUT_MAX;
	rc = parse(&it, q, len, suggest);
	if (rc < 0 || it.n == 0)
		goto done;
	rc = put(&b, &it);
	assert(rc != WP_ETOOBIG); /* OUT_MAX is far above what the input limits allow */
	if (rc < 0)
		goto done;
	*match = wp_buf_detach(&b);
	if (!*match)
		rc = WP_ENOMEM;
done:
	if (rc == WP_ENOMEM)
		wp_error_set("%s", wp_t("query.no_memory"));
	wp_buf_dispose(&b);
	items_dispose(&it);
	return rc;
}

int wp_query_translate(char **match, const char *q, size_t len)
{
	return build(match, q, len, 0, put_match);
}

int wp_query_suggest(char **match, const char *q, size_t len)
{
	return build(match, q, len, 1, put_suggest);
}

int wp_query_terms(char ***terms, const char *q, size_t len)
{
	items it;
	char **out = NULL;
	size_t i, n = 0;
	int rc;

	assert(terms);
	*terms = NULL;
	rc = parse(&it, q, len, 0);
	if (rc < 0 || it.positive == 0)
		goto done;
	out = calloc(it.positive + 1, sizeof(*out));
	if (!out) {
		rc = WP_ENOMEM;
		goto done;
	}
	for (i = 0; i < it.n; i++) {
		if (it.v[i].flags & (ITEM_NOT | ITEM_OR))
			continue;
		out[n] = strndup(it.v[i].s, it.v[i].len);
		if (!out[n++]) {
			rc = WP_ENOMEM;
			goto done;
		}
	}
	*terms = out;
	out = NULL;
done:
	if (rc == WP_ENOMEM)
		wp_error_set("%s", wp_t("query.no_memory"));
	wp_query_terms_free(out);
	items_dispose(&it);
	return rc;
}

void wp_query_terms_free(char **terms)
{
	size_t i;

	if (!terms)
		return;
	for (i = 0; terms[i]; i++)
		free(terms[i]);
	free(terms);
}
