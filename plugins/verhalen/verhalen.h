/* verhalen.h - the parts of the verhalen plugin that its modules share.
 *
 * The plugin carries practice stories (type verhaal) and the perspectives
 * people write on them (type perspectief, verhalen/<story>/perspectieven/
 * <slug>): one person's view, shown side by side with the others on the
 * story's page. Its modules:
 *   verhalen.c      registration (types, hooks, routes, index, texts)
 *   common.c        roles, sources of knowledge, paths, slugs, rights
 *   save.c          on_save: what a change to a perspective must respect
 *   perspectives.c  the index table and the visible perspectives of a story
 *   section.c       the section on a story's page
 *   body.c          a perspective's body as HTML inside that section
 *   create.c        a new perspective from the form or the API
 *   form.c          GET/POST /perspectief/nieuw
 *   api.c           GET/POST /api/perspectieven */
#ifndef VERHALEN_H
#define VERHALEN_H

#include "plugin.h"

#include <stddef.h>

/* The host's table, set once by wp_plugin_init() before the server's
 * threads start and only read afterwards (hooks receive no host). */
extern const wp_host *vh_host;

#define VH_STORY_TYPE	    "verhaal"
#define VH_PERSPECTIVE_TYPE "perspectief"
#define VH_STORY_FOLDER	    "verhalen"
#define VH_PERSP_SEGMENT    "perspectieven"
#define VH_PATH_MAX	    400
#define VH_TITLE_MAX	    200
#define VH_SLUG_MAX	    60
#define VH_BODY_MAX	    (200 * 1024)

/* ---- common.c ---- */

/* The roles of a perspective in display order, NULL-terminated: a fixed
 * order with lived experience first, so it is never ranked lower. */
extern const char *const vh_roles[];
/* The sources of knowledge (kennisbron), NULL-terminated. */
extern const char *const vh_sources[];

/* Non-zero when value is one of list. */
int vh_in_list(const char *value, const char *const *list);
/* Non-zero for lived experience: rol ervaringswerker or kennisbron ervaring. */
int vh_is_lived(const char *rol, const char *kennisbron);
/* The Dutch label of a role or a source (text "verhalen.rol.<r>" or
 * "verhalen.bron.<b>"); value itself when there is none. Static. */
const char *vh_role_label(const char *rol);
const char *vh_source_label(const char *kennisbron);

/* Non-zero when v may write perspectives (professional and up). */
int vh_may_write(const wp_viewer *v);
/* Non-zero when v is regioteam or beheerder (may change anyone's). */
int vh_may_manage(const wp_viewer *v);
/* Non-zero when v may edit a perspective whose `account` is account
 * (NULL: none). */
int vh_may_edit(const wp_viewer *v, const char *account);

/* Non-zero when path is verhalen/<slug> (a story). */
int vh_is_story_path(const char *path);
/* Writes the story of perspective path (verhalen/<s>/perspectieven/<p>)
 * to out: 0, or -1 when path is no perspective's path. */
int vh_story_of(char *out, size_t n, const char *path);

/* The string at key of obj, or NULL when absent or not a string. */
const char *vh_str(const json_t *obj, const char *key);
/* The plugin's texts as a JSON object for templates: key
 * "verhalen.a.b" as "a_b". New reference. */
json_t *vh_texts_json(void);

/* ---- texts_nl.c ---- */

extern const wp_plugin_text vh_texts_nl[];
extern const size_t vh_texts_nl_count;

/* ---- save.c ---- */

int vh_on_save(wp_plugin *self, wp_save *s);

/* ---- perspectives.c ---- */

extern const char vh_index_schema[];
int vh_index_page(wp_plugin *self, wp_ixctx *ix, const char *path, const char *type,
		  const json_t *meta, const char *body, size_t body_len);
int vh_index_remove(wp_plugin *self, wp_ixctx *ix, const char *path);

/* The perspectives of story the asker of r may read, with counts:
 * {"story", "title", "total", "counts": {role: n}, "missing": [role],
 *  "perspectives": [{"path","title","rol","kennisbron","auteur","lived",
 *  "may_edit"}]}, perspectives in role order, oldest first within
 * a role. story must be a story r may read (checked by the caller).
 * *out: new reference. Returns 0 or a negative code. */
int vh_story_perspectives(wp_request *r, const char *story, const char *title, json_t **out);

/* ---- body.c ---- */

/* The Markdown md of the page at path as safe HTML for a section of
 * another page: bare links to its sibling pages kept working, headings
 * moved below the section's. malloc'd, or NULL. */
char *vh_body_html(wp_request *r, const char *path, const char *md);

/* ---- section.c ---- */

int vh_section(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data);

/* ---- create.c ---- */

/* What a person filled in for a new perspective; NULL: left out. */
typedef struct {
	const char *verhaal;
	const char *rol;
	const char *kennisbron;
	const char *auteur;
	const char *titel;
	const char *tekst;
} vh_input;

/* The outcome of vh_create(). */
typedef struct {
	int status;		     /* 201, 400, 403, 409 or 500 */
	const char *message;	     /* why not (thread-local or static), or NULL */
	char story[VH_PATH_MAX];     /* the story's path, when found */
	char path[VH_PATH_MAX + 80]; /* the new perspective, on 201 */
	char revision[41];	     /* its commit, on 201 */
} vh_created;

/* Resolves and checks the story in->verhaal names for the asker of r:
 * 0 with its path in story (n bytes) and its page in *page (new
 * reference; may be NULL to skip), or -1 (missing, hidden or not a
 * story). */
int vh_find_story(wp_request *r, const char *verhaal, char *story, size_t n, json_t **page);

/* Creates the perspective in describes as the asker of r. Field problems
 * are appended to problems ([{"field","message"}]). */
void vh_create(wp_request *r, const vh_input *in, json_t *problems, vh_created *out);

/* ---- form.c, api.c ---- */

int vh_form_route(wp_plugin *self, wp_request *r);
int vh_api_route(wp_plugin *self, wp_request *r);

#endif
