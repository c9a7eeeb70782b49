/* http_findings.h - spots in a page's text that a save was refused or
 * held back for (plugin.h problem_detail: a problem with "start" and
 * "end"), as the edit form shows them: the text with the spots marked,
 * a one-click replacement by each spot's placeholder, and a checkbox per
 * warning key the person may confirm. */
#ifndef WP_HTTP_FINDINGS_H
#define WP_HTTP_FINDINGS_H

#include "body.h"
#include "buf.h"

#include <jansson.h>
#include <stddef.h>

/* Moves the problems that point at a spot in the text (those with
 * "start" and "end") from problems to a new array, returned. */
json_t *wp_findings_take(json_t *problems);

/* Where the two text areas of the edit form sit in the page file they
 * make: the front matter's text at fm_off, the body at body_off. */
typedef struct {
	const char *content;
	size_t fm_off, fm_len, body_off, body_len;
} wp_findings_layout;

/* The edit form's data for findings (borrowed): {"has_findings",
 * "findings": [{"n", "label", "text", "message", "placeholder", "plek"}],
 * "marked_frontmatter", "marked_body" (safe HTML, "" when no spot is
 * there), "has_placeholders", "confirms": [{"key", "label"}]}. New
 * reference, NULL on allocation failure. */
json_t *wp_findings_view(const json_t *findings, const wp_findings_layout *at);

/* The warning keys among problems, once each, with their checkbox
 * label (the text "confirm.<key>"): [{"key", "label"}]. New reference. */
json_t *wp_findings_confirms(const json_t *problems);

/* Replaces spots of content[0..len) by their placeholders into out: plek
 * holds the form's "plek" values (each the JSON [start, end,
 * placeholder, text] the form was given); which is "alle" or the number
 * of one spot. A spot whose text is no longer there (the person edited
 * since) is left. Sets *done to the spots replaced. Returns 0 or
 * WP_EINVALID for a bad which. */
int wp_findings_replace(wp_buf *out, const char *content, size_t len, const json_t *plek,
			const char *which, size_t *done);

#endif
