/* dilemma_int.h - what the modules of the dilemma plugin share.
 *
 * The plugin is split by concern: dilemma.c registers everything,
 * dilemma_save.c checks and tidies a change, dilemma_index.c keeps the
 * table dilemma_links, dilemma_overview.c answers /dilemma-overzicht and
 * dilemma_section.c fills the section of a dilemma page. */
#ifndef DILEMMA_INT_H
#define DILEMMA_INT_H

#include "plugin.h"

#include <jansson.h>
#include <stddef.h>

#define DL_TYPE "dilemma"
#define DL_FOLDER "dilemmas"
#define DL_GUIDE_TYPE "handreiking"
#define DL_STORY_TYPE "verhaal"
#define DL_CONVERSATION_TYPE "gesprek"
#define DL_PERSPECTIVE_TYPE "perspectief"

/* The front-matter key that names dilemmas on pages of type, or NULL
 * for a type that names none. */
const char *dl_link_field(const char *type);

/* The host table, kept by wp_plugin_init() before the server's threads
 * start and only read afterwards. Never NULL inside a hook. */
const wp_host *dl_host(void);

/* dilemma_save.c: the on_save hook. */
int dl_on_save(wp_plugin *self, wp_save *save);

/* dilemma_index.c: registers the table dilemma_links and its hooks. */
int dl_index_register(const wp_host *host, wp_plugin *self);

/* dilemma_overview.c: GET /dilemma-overzicht and /api/dilemma-overzicht. */
int dl_route_overview(wp_plugin *self, wp_request *r);

/* dilemma_section.c: the section of a dilemma's page view. */
int dl_section(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data);

/* ---- dilemma_util.c ---- */

/* The string of column key in a query row, or NULL when it is not one. */
const char *dl_row_str(const json_t *row, const char *key);
/* The number in column key of a query row (0 when it is none). */
json_int_t dl_row_int(const json_t *row, const char *key);
/* Sets key of obj to a new string of s (NULL: JSON null). Returns 0 or -1. */
int dl_set_str(json_t *obj, const char *key, const char *s);
/* The link to the search for stories naming dilemma slug: a malloc'd
 * URL with every part percent-encoded, or NULL when out of memory. */
char *dl_search_href(const char *slug);
/* The slug of a page path (what follows the last '/'). Points into path. */
const char *dl_slug(const char *path);

/* texts_nl.c */
extern const wp_plugin_text dl_texts[];
extern const size_t dl_ntexts;

#endif
