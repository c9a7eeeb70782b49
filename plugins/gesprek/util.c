/* util.c - the plugin's growable string buffer and small string helpers. */
#include "gesprek.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(gs_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return GS_ENOMEM;
	if (extra > GS_BUF_MAX || b->len + extra + 1 > GS_BUF_MAX) {
		b->failed = 1;
		return GS_ETOOBIG;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (!p) {
		b->failed = 1;
		return GS_ENOMEM;
	}
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int gs_buf_put(gs_buf *b, const char *s, size_t len)
{
	int rc = grow(b, len);

	if (rc < 0)
		return rc;
	memcpy(b->ptr + b->len, s, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int gs_buf_puts(gs_buf *b, const char *s)
{
	return gs_buf_put(b, s, strlen(s));
}

int gs_buf_printf(gs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return GS_ENOMEM;
	rc = grow(b, (size_t)n);
	if (rc < 0)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *gs_buf_cstr(const gs_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *gs_buf_detach(gs_buf *b)
{
	char *s = b->failed ? NULL : b->ptr ? b->ptr : strdup("");

	if (b->failed)
		free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
	return s;
}

void gs_buf_dispose(gs_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

char *gs_text_clean(const char *s)
{
	size_t n = s ? strlen(s) : 0, i, o = 0, start;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			out[o++] = '\n';
			if (s[i + 1] == '\n')
				i++;
		} else {
			out[o++] = s[i];
		}
	}
	while (o > 0 && isspace((unsigned char)out[o - 1]))
		o--;
	out[o] = '\0';
	/* Blank lines before the text go; the first line's indent stays. */
	start = 0;
	for (i = 0; i < o; i++) {
		if (out[i] == '\n')
			start = i + 1;
		else if (!isspace((unsigned char)out[i]))
			break;
	}
	if (start > 0)
		memmove(out, out + start, o - start + 1);
	return out;
}

char *gs_trim(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return strndup(s, len);
}

int gs_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int gs_same_name(const char *a, const char *b)
{
	size_t la, lb;

	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && isspace((unsigned char)a[la - 1]))
		la--;
	while (lb > 0 && isspace((unsigned char)b[lb - 1]))
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

int gs_buf_urlenc(gs_buf *b, const char *s)
{
	int rc = 0;

	for (; *s && rc == 0; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
			rc = gs_buf_put(b, (const char *)&c, 1);
		else
			rc = gs_buf_printf(b, "%%%02X", c);
	}
	return rc;
}

int gs_path_ok(const char *path)
{
	const char *p;
	size_t seg = 0;

	if (!path || !*path || strlen(path) > 200)
		return 0;
	for (p = path; *p; p++) {
		if (*p == '/') {
			if (seg == 0)
				return 0;
			seg = 0;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-') {
			seg++;
		} else {
			return 0;
		}
	}
	return seg > 0;
}

const char *gs_slug(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

const char *gs_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}
