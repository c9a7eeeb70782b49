/* types.h - page types by folder, as DOMAIN.md describes them.
 *
 * The core maps a page's folder to its type so lists and labels work;
 * schemas and behaviour per type belong to plugins (a later step). */
#ifndef WP_TYPES_H
#define WP_TYPES_H

#include <stddef.h>

typedef struct {
	const char *name;   /* "verhaal" */
	const char *folder; /* "verhalen"; NULL for types not tied to one folder */
} wp_type;

/* The type of the page at path: the type of its folder, "perspectief" for
 * verhalen/<story>/perspectieven/<slug>, and "pagina" otherwise. Static
 * storage. */
const char *wp_type_of_path(const char *path);

/* The type called name, or NULL. */
const wp_type *wp_type_find(const char *name);

/* All types with a folder of their own, in display order, ending with a
 * zeroed entry. */
const wp_type *wp_types(void);

/* Says whether page path exists: 1 yes, 0 no, or a negative WP_E* code. */
typedef int (*wp_exists_fn)(void *payload, const char *path);

/* Where a link target written on page `from` (NULL: no page) points, by
 * the wiki's one rule: the target as a path; else, for a bare slug, the
 * slug in from's folder, then in each type's folder. Returns 1 with the
 * page's path in out when it exists, 0 when none does (out then holds the
 * path a new page would get: next to from for a bare slug), or the error
 * exists returned. Candidates that are not valid page paths are skipped. */
int wp_link_resolve(char *out, size_t n, const char *from, const char *target,
		    wp_exists_fn exists, void *payload);

#endif
