/* frontmatter.h - page files: YAML front matter (libyaml) + Markdown body.
 *
 * A page file starts with a line "---", then YAML, then a line "---" (or
 * "..."), then the Markdown body. A file without a leading "---" line has
 * an empty front matter and is all body. */
#ifndef WP_FRONTMATTER_H
#define WP_FRONTMATTER_H

#include "buf.h"

#include <jansson.h>
#include <stddef.h>

#define WP_FM_MAX_BYTES (256 * 1024) /* front matter larger than this is refused */

/* Splits and parses a page file. On success *meta_out is a new JSON object
 * (caller json_decref()s it): YAML mappings become objects, sequences
 * arrays, plain scalars true/false become booleans, plain integers become
 * integers, null/~/empty become null, everything else (and every quoted
 * scalar) a string. *body_off is the byte offset of the body in text.
 * The top level of the front matter must be a mapping. Anchors and aliases
 * are refused (they can expand without bound). Returns 0, or WP_EINVALID
 * with a Dutch message naming the line for bad YAML, an unclosed front
 * matter or a non-mapping top level, or WP_ETOOBIG. */
int wp_fm_parse(json_t **meta_out, size_t *body_off, const char *text, size_t len);

/* Writes meta (a JSON object) as a YAML front-matter block including both
 * "---" lines, in the object's key order, appending to out. Strings are
 * quoted when YAML would read them as something else. Returns 0 or an
 * error. An empty object writes nothing. */
int wp_fm_write(wp_buf *out, json_t *meta);

#endif
