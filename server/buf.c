/* buf.c - growable string buffer with escaping helpers and a typed
 * formatter, so that request text is escaped where output is written. */
#include "buf.h"

#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(wp_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->len > b->max - extra) {
		wp_error_set("tekst is te groot (meer dan %zu bytes)", b->max);
		return WP_ETOOBIG;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap * 2;
	p = realloc(b->ptr, cap);
	if (!p)
		return WP_ENOMEM;
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int wp_buf_put(wp_buf *b, const char *s, size_t len)
{
	int rc = grow(b, len);

	if (rc < 0)
		return rc;
	if (len)
		memcpy(b->ptr + b->len, s, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int wp_buf_puts(wp_buf *b, const char *s)
{
	return wp_buf_put(b, s, strlen(s));
}

int wp_buf_putc(wp_buf *b, char c)
{
	return wp_buf_put(b, &c, 1);
}

int wp_buf_put_html(wp_buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		rc = wp_buf_put(b, s + start, i - start);
		if (rc == 0)
			rc = wp_buf_puts(b, rep);
		start = i + 1;
	}
	if (rc == 0)
		rc = wp_buf_put(b, s + start, len - start);
	return rc;
}

int wp_buf_put_url(wp_buf *b, const char *s, size_t len, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~' || (c == '/' && keep_slash)) {
			rc = wp_buf_putc(b, (char)c);
		} else {
			char enc[3] = { '%', hex[c >> 4], hex[c & 15] };

			rc = wp_buf_put(b, enc, 3);
		}
	}
	return rc;
}

int wp_buf_put_json(wp_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			char esc[2] = { '\\', (char)c };

			rc = wp_buf_put(b, esc, 2);
		} else if (c == '\n') {
			rc = wp_buf_puts(b, "\\n");
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			/* < > & escaped too, so JSON is safe inside HTML */
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

			rc = wp_buf_put(b, esc, 6);
		} else {
			rc = wp_buf_putc(b, (char)c);
		}
	}
	return rc;
}

static int put_number(wp_buf *b, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return WP_ERROR;
	return wp_buf_put(b, tmp, (size_t)n);
}

/* Handles one conversion starting after '%'; returns the number of format
 * characters consumed or a negative error. */
static int convert(wp_buf *b, const char *f, va_list *ap)
{
	const char *s;
	int rc, prec = -1, used = 0;

	if (f[0] == '.' && f[1] == '*') {
		prec = va_arg(*ap, int);
		f += 2;
		used = 2;
	}
	switch (f[0]) {
	case 's':
	case 'h':
	case 'u':
	case 'j': {
		size_t len;

		s = va_arg(*ap, const char *);
		if (!s)
			s = "";
		len = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
		if (f[0] == 's')
			rc = wp_buf_put(b, s, len);
		else if (f[0] == 'h')
			rc = wp_buf_put_html(b, s, len);
		else if (f[0] == 'u')
			rc = wp_buf_put_url(b, s, len, 1);
		else
			rc = wp_buf_put_json(b, s, len);
		return rc < 0 ? rc : used + 1;
	}
	case 'd':
		rc = put_number(b, "%d", va_arg(*ap, int));
		return rc < 0 ? rc : used + 1;
	case 'c':
		rc = wp_buf_putc(b, (char)va_arg(*ap, int));
		return rc < 0 ? rc : used + 1;
	case '%':
		rc = wp_buf_putc(b, '%');
		return rc < 0 ? rc : used + 1;
	case 'z':
		if (f[1] == 'u') {
			rc = put_number(b, "%zu", va_arg(*ap, size_t));
			return rc < 0 ? rc : used + 2;
		}
		break;
	case 'l':
		if (f[1] == 'd') {
			rc = put_number(b, "%ld", va_arg(*ap, long));
			return rc < 0 ? rc : used + 2;
		}
		if (f[1] == 'l' && f[2] == 'd') {
			rc = put_number(b, "%lld", va_arg(*ap, long long));
			return rc < 0 ? rc : used + 3;
		}
		break;
	default:
		break;
	}
	wp_error_set("unknown format conversion");
	return WP_EINVALID;
}

int wp_buf_vprintf(wp_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int rc = 0;

	va_copy(cp, ap);
	while (*fmt && rc >= 0) {
		const char *pct = strchr(fmt, '%');

		if (!pct) {
			rc = wp_buf_puts(b, fmt);
			break;
		}
		rc = wp_buf_put(b, fmt, (size_t)(pct - fmt));
		if (rc < 0)
			break;
		rc = convert(b, pct + 1, &cp);
		if (rc < 0)
			break;
		fmt = pct + 1 + rc;
		rc = 0;
	}
	va_end(cp);
	return rc < 0 ? rc : 0;
}

int wp_buf_printf(wp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = wp_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *wp_buf_cstr(const wp_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *wp_buf_detach(wp_buf *b)
{
	char *s = b->ptr ? b->ptr : strdup("");

	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

void wp_buf_clear(wp_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void wp_buf_dispose(wp_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}
