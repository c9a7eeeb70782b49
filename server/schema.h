/* schema.h - checking a page's front matter against its type's schema
 * (the fields a plugin registered, plugin.h), with one Dutch message per
 * field so a form can show each next to its field. */
#ifndef WP_SCHEMA_H
#define WP_SCHEMA_H

#include "buf.h"
#include "types.h"

#include <jansson.h>

/* Checks meta (a JSON object) against the schema of type, appending
 * {"field": key, "message": text} to problems (a JSON array) for each
 * problem: a required field missing or empty, a value of the wrong kind,
 * a value outside an enum, a date or month that is no date. LINK values
 * are checked with exists (the page path the value names; NULL: links
 * are not checked): a link to a page exists answers 0 for is a problem.
 * Keys the schema does not name are allowed. Returns the number of
 * problems (0: valid), or an error (WP_ENOMEM, or what exists returned). */
int wp_schema_check(json_t *problems, const char *type, const json_t *meta, wp_exists_fn exists,
		    void *payload);

/* Sets wp_error_last() to one line naming each problem ("Label: message;
 * ..."), for callers that have no form to show them in. */
void wp_schema_explain(const json_t *problems);

/* The Dutch label of a front-matter field ("Wetten"), or the key itself.
 * Static storage or key. */
const char *wp_schema_label(const char *key);

/* The allowed values of an ENUM field as "a, b, c" into out (n bytes,
 * cut short when longer); "" for other kinds. */
void wp_schema_values(char *out, size_t n, const wp_field *f);

/* Appends the label of a problem's field to out: a key inside a mapping
 * ("terugkoppeling.tekst") as "Terugkoppeling › tekst", with the
 * parent's label. */
void wp_schema_label_into(wp_buf *out, const char *field);

#endif
