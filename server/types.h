/* types.h - page types by folder, as DOMAIN.md describes them.
 *
 * The core maps a page's folder to its type so lists and labels work;
 * schemas and behaviour per type belong to plugins (a later step). */
#ifndef WP_TYPES_H
#define WP_TYPES_H

#include <jansson.h>

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

#endif
