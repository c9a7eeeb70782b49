/* merge.h - the three-way merge of a stale save: a person edited an old
 * revision of a page (base) while someone else saved it (current). The
 * front matter is merged field by field (a field only one side changed
 * takes that side; both changed it alike: that value; both differently:
 * a conflict), the body with libgit2's git_merge_file(). */
#ifndef WP_MERGE_H
#define WP_MERGE_H

#include <jansson.h>
#include <stddef.h>

typedef struct {
	/* The merged page file (malloc'd, NUL-terminated). On a conflict the
	 * body holds git's conflict markers around the overlapping part and
	 * a conflicting field has the person's value. */
	char *content;
	size_t len;
	/* The parts in conflict: front-matter keys and "tekst" for the body;
	 * empty when the merge is clean. */
	json_t *conflicts;
} wp_merge_result;

/* Merges mine (the person's file, edited from base) with current (the
 * page as it is now) over their common ancestor base. Returns 0 (see
 * out->conflicts for whether it is clean) or an error; a file whose
 * front matter does not parse is merged as text, whole. */
int wp_merge_page(wp_merge_result *out, const char *base, size_t base_len, const char *current,
		  size_t current_len, const char *mine, size_t mine_len);

void wp_merge_result_dispose(wp_merge_result *r);

#endif
