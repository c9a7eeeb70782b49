/* error.h - error codes and the thread-local "last error" message.
 *
 * Fallible functions return 0 or a negative WP_E* code and leave a message
 * for the user (in the interface language) with wp_error_set(). Callers that
 * show an error to a person read it back with wp_error_last(). */
#ifndef WP_ERROR_H
#define WP_ERROR_H

enum {
	WP_OK = 0,
	WP_ERROR = -1,     /* unexpected failure (I/O, library error) */
	WP_ENOTFOUND = -2, /* page, revision or file does not exist */
	WP_EINVALID = -3,  /* bad input from the user: path, YAML, JSON */
	WP_ECONFLICT = -4, /* stale base revision or lost compare-and-swap */
	WP_ETOOBIG = -5,   /* input above a configured limit */
	WP_EEXISTS = -6,   /* target already exists */
	WP_ENOMEM = -7,
	WP_EFORBIDDEN = -8,
	WP_ELOCKED = -9, /* too many failed logins: try again later */
	/* -10 is the plugin API's WP_PLUGIN_EVERSION. */
	WP_ECONFIRM = -11 /* a save that needs the person's confirmation (a warning) */
};

/* Sets the calling thread's last error message (printf-style). */
void wp_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The calling thread's last error message; "" when none. Owned by the
 * thread; valid until the next wp_error_set() on the same thread. */
const char *wp_error_last(void);

void wp_error_clear(void);

#endif
