/* path.h - validation of page paths.
 *
 * A page path names a page without the ".md": one or more segments of
 * lowercase ASCII letters, digits and '-', separated by single '/'. No
 * leading or trailing '/', no empty segment, no "." or "..". The first
 * segment may not be one of the server's reserved route names. */
#ifndef WP_PATH_H
#define WP_PATH_H

#include <stddef.h>

#define WP_PATH_MAX 200	     /* bytes */
#define WP_PATH_MAX_DEPTH 8  /* segments */

/* Returns 0 when path is a valid page path, else WP_EINVALID with a
 * message (Dutch) in wp_error_last(). */
int wp_path_check(const char *path);

/* Non-zero when name is a reserved first segment (route name). */
int wp_path_is_reserved(const char *name);

/* Reserves one more first segment, for a plugin's route. Only at start,
 * before threads run. Returns 0 or WP_ETOOBIG. */
int wp_path_reserve(const char *name);
/* Forgets the reserved segments added (at shutdown). */
void wp_path_reserve_reset(void);

/* The folder part of a path ("verhalen" for "verhalen/x"; "" for "x").
 * Writes at most n bytes into out including the NUL. */
void wp_path_folder(char *out, size_t n, const char *path);

/* The last segment of a path ("x" for "verhalen/x"). Points into path. */
const char *wp_path_slug(const char *path);

#define WP_SLUG_MAX 60 /* bytes a slug made from a title keeps at most */

/* The slug of a title, for a new page's path: lower-case ASCII letters,
 * digits and '-' (accents of Latin-1 letters dropped, everything else a
 * separator, runs of them one '-'), at most WP_SLUG_MAX and n - 1
 * bytes; "" when nothing is left. */
void wp_slug(char *out, size_t n, const char *title);

#endif
