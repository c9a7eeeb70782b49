/* types.h - the page types: which folder holds which type, who writes
 * it, and its front-matter schema.
 *
 * The core knows two types of its own: "pagina" (any page outside a
 * type's folder) and "sjabloon" (sjablonen/, templates kept by the regio
 * team). Every other type comes from a plugin (plugin.h). The registry is
 * filled once at start, before the server's threads run, and is
 * read-only afterwards (wp_types_freeze()). */
#ifndef WP_TYPES_H
#define WP_TYPES_H

#include "plugin.h"

#include <stddef.h>

typedef struct {
	const char *name;   /* "verhaal" */
	const char *folder; /* "verhalen", or a pattern with '*' for one segment
			     * ("verhalen/ * /perspectieven"); NULL: none */
	wp_role writer;	    /* least role that writes its pages */
	int listed;	    /* in the navigation and on the home page */
	const wp_field *const *fields; /* the schema's fields, in order */
	size_t nfields;
	const char *plugin; /* the plugin that registered it; NULL: the core */
} wp_type;

/* Registers a type (def's strings and field tables are kept, not copied:
 * they must outlive the registry). plugin: its name (kept), NULL for the
 * core. Returns 0, WP_EEXISTS when a type of that name or folder exists,
 * WP_EINVALID for a bad name or folder or once the registry is frozen. */
int wp_types_add(const wp_type_def *def, const char *plugin);

/* Adds fields (ending with a NULL name) to type's schema when all types
 * are known (at wp_types_freeze()); kept, not copied. */
int wp_types_add_fields(const char *type, const wp_field *fields);

/* Adds the core's own types, applies the added fields and makes the
 * registry read-only. Returns 0 or WP_ENOMEM. */
int wp_types_freeze(void);

/* Empties the registry (at shutdown, and between unit tests). */
void wp_types_reset(void);

/* The type of the page at path: the type whose folder holds it (a
 * pattern's '*' matching one segment), else "pagina". Static storage. */
const char *wp_type_of_path(const char *path);

/* The type called name, or NULL. */
const wp_type *wp_type_find(const char *name);

/* The number of types and the i-th, in registration order (plugins in
 * the order they are loaded, then the core's). */
size_t wp_type_count(void);
const wp_type *wp_type_at(size_t i);

/* The field key of type's schema, or NULL. */
const wp_field *wp_type_field(const wp_type *t, const char *key);

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

/* The page a value of a LINK field to link_type names: "slug" or
 * "<folder>/slug" of that type's folder. Writes the path to out and
 * returns 0, or WP_EINVALID when value cannot name such a page (the type
 * has no plain folder, or value is another folder's path). */
int wp_type_link_path(char *out, size_t n, const char *link_type, const char *value);

#endif
