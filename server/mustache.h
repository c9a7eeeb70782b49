/* mustache.h - a Mustache template engine over jansson values.
 *
 * Implements the Mustache spec (interpolation, sections, inverted sections,
 * comments, set delimiters, partials with standalone indentation) and the
 * optional inheritance module (parents {{<name}} and blocks {{$name}}), as
 * tested by ../shared/test-suites/mustache-spec. Lambdas are not supported.
 * The data model is JSON: objects, arrays, strings, numbers, true/false/null.
 * Dotted names and the implicit iterator {{.}} work as in the spec.
 *
 * Choices the spec leaves open:
 * - {{name}} escapes & < > " and ' for HTML; {{{name}}} and {{&name}} do not.
 * - Integers print as integers; reals in the shortest form that reads back
 *   the same (1.21 as "1.21", 2.0 as "2"); true and false as "true" and
 *   "false"; null, objects and arrays print nothing.
 * - A section is skipped for a missing name, null, false, an empty array and
 *   the empty string; 0 and {} count as true.
 * - A tag name has no spaces in it; {{ name }} may pad it. */
#ifndef WP_MUSTACHE_H
#define WP_MUSTACHE_H

#include "buf.h"

#include <jansson.h>

/* Looks up a partial (or parent) template by name. On success sets *out to
 * the template text and *out_len to its length; the text must stay valid
 * until wp_mustache_render() returns (the loader owns it). A missing
 * partial sets *out = NULL and returns 0 (the spec renders it as empty). */
typedef int (*wp_mustache_loader)(void *payload, const char *name, const char **out,
				  size_t *out_len);

/* Renders template tmpl (tmpl_len bytes) with the context `data` (may be
 * NULL: every name is then missing) and appends the result to out. Partials
 * and parents come from loader (NULL: they all render empty); each is
 * loaded and parsed once per call, when first used. The template itself is
 * checked whole before anything is rendered, so an error in a branch that
 * is not taken is still reported.
 *
 * Returns 0, or a negative code with a message in wp_error_last() and out
 * as it was before the call:
 * - WP_EINVALID for a malformed template or partial (unclosed tag or
 *   section, mismatched section end, bad delimiter, empty or spaced name);
 *   the message names the partial and the line;
 * - WP_ETOOBIG when the output passes out->max, partials and parents nest
 *   deeper than 64 levels, sections nest deeper than 100 levels in one
 *   template, or blocks keep filling themselves (1024 levels in all);
 * - WP_ENOMEM, or whatever negative code the loader returned. */
int wp_mustache_render(wp_buf *out, const char *tmpl, size_t tmpl_len, json_t *data,
		       wp_mustache_loader loader, void *payload);

#endif
