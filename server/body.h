/* body.h - what a request's body says, read from its bytes alone: form
 * fields (x-www-form-urlencoded) and JSON objects. Apart from the
 * connection, so they are tested and fuzzed without a server. */
#ifndef WP_BODY_H
#define WP_BODY_H

#include <jansson.h>
#include <stddef.h>

/* The first form value called name in data[0..len), decoded; NULL when
 * there is none. Caller frees. A value may be as large as data. */
char *wp_form_get(const char *data, size_t len, const char *name);

/* Every form value called name, as a new array of strings. */
json_t *wp_form_get_all(const char *data, size_t len, const char *name);

/* data[0..len) as a JSON object (duplicate keys refused). NULL when it is
 * not one, with the reason in wp_error_last(). New reference. */
json_t *wp_body_object(const char *data, size_t len);

/* The fields of a change request j (an object): "base" a revision string
 * or null/absent (a new page), "message" a string or null/absent. Sets
 * both (borrowed from j, NULL when absent). Returns 0, or WP_EINVALID
 * with the reason in wp_error_last(). */
int wp_body_change(const json_t *j, const char **base, const char **message);

/* The warning keys a person confirmed: a JSON body's "confirm" (a string
 * or a list of strings) when json is non-zero, else every form value
 * "bevestig". New reference (an empty array for none); NULL when a JSON
 * "confirm" has another shape (reason in wp_error_last()). */
json_t *wp_body_confirms(const char *data, size_t len, int json);

#endif
