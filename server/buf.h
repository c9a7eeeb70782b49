/* buf.h - the one growable string buffer, with a hard size cap.
 *
 * A wp_buf always holds a NUL-terminated string once anything was added.
 * Appending past `max` fails with WP_ETOOBIG and leaves the buffer as it
 * was, so a request can never grow a buffer without bound. */
#ifndef WP_BUF_H
#define WP_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define WP_BUF_DEFAULT_MAX ((size_t)64 * 1024 * 1024)

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* hard cap on len */
} wp_buf;

#define WP_BUF_INIT { NULL, 0, 0, WP_BUF_DEFAULT_MAX }

/* Appends len bytes of s. Returns 0, WP_ETOOBIG or WP_ENOMEM. */
int wp_buf_put(wp_buf *b, const char *s, size_t len);
int wp_buf_puts(wp_buf *b, const char *s);
int wp_buf_putc(wp_buf *b, char c);

/* Appends text escaped for HTML text and attribute values (& < > " '). */
int wp_buf_put_html(wp_buf *b, const char *s, size_t len);
/* Appends text percent-encoded for a URL query value or path ('/' kept
 * when keep_slash is non-zero). */
int wp_buf_put_url(wp_buf *b, const char *s, size_t len, int keep_slash);
/* Appends the body of a JSON string (no surrounding quotes). */
int wp_buf_put_json(wp_buf *b, const char *s, size_t len);

/* Typed formatter. Besides %s %d %ld %lld %zu %c %% and %.*s it knows:
 *   %h  a string escaped for HTML
 *   %u  a string percent-encoded for a URL (slashes kept)
 *   %j  a string escaped for the inside of a JSON string
 * Use %h/%u/%j for every value that came from a request or a page. */
int wp_buf_printf(wp_buf *b, const char *fmt, ...);
int wp_buf_vprintf(wp_buf *b, const char *fmt, va_list ap);

/* The contents as a C string; "" for an empty buffer. Owned by b. */
const char *wp_buf_cstr(const wp_buf *b);

/* Hands the string to the caller (free() it) and resets b. Never NULL on
 * success: an empty buffer yields an empty malloc'd string; NULL only when
 * out of memory. */
char *wp_buf_detach(wp_buf *b);

void wp_buf_clear(wp_buf *b);
void wp_buf_dispose(wp_buf *b);

#endif
