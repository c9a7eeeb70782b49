/* olifantenpad.h - what the modules of the olifantenpad plugin share.
 *
 * The plugin carries workarounds (DOMAIN.md) and keeps the basisafspraak:
 * a workaround names the system error behind it, and the form lets a
 * person describe a new one so both are written in one commit. Modules:
 *   olifantenpad.c  registration: the type and its schema, routes, texts
 *   texts_nl.c      every text a person reads, in Dutch
 *   create.c        a new workaround (and error) from the form or the API
 *   form.c          GET/POST /olifantenpad/nieuw
 *   api.c           POST /api/olifantenpad, GET /api/olifantenpad/systeemfouten */
#ifndef OLIFANTENPAD_H
#define OLIFANTENPAD_H

#include "plugin.h"

#include <jansson.h>
#include <stddef.h>

#define OP_TYPE "olifantenpad"
#define OP_FOLDER "olifantenpaden"
#define OP_ERROR_TYPE "systeemfout"
#define OP_ERROR_FOLDER "systeemfouten"
#define OP_STORY_TYPE "verhaal"
#define OP_PATH_MAX 256
#define OP_TEXT_MAX (100 * 1024) /* bytes of one field a person types */
#define OP_STORIES_MAX 50	 /* stories one workaround names */

/* Set once by wp_plugin_init() before the server's threads start. */
extern const wp_host *op_host;

/* The owners and escalation levels of a system error, NULL-terminated. */
extern const char *const op_owners[];
extern const char *const op_levels[];

/* ---- create.c ---- */

/* What a person filled in; NULL: left out. Strings are borrowed. */
typedef struct {
	const char *titel, *obstakel, *oplossing, *mandaat, *risico, *tekst;
	const char *verhalen; /* stories, one per line or separated by commas */
	const char *keuze;    /* "bestaand" or "nieuw" */
	const char *systeemfout; /* an existing error (slug or path), for bestaand */
	/* the new error, for nieuw */
	const char *sf_titel, *sf_regeling, *sf_eigenaar, *sf_impact, *sf_escalatie;
	const char *melder; /* "naam" or "rol", for both pages */
} op_input;

/* The outcome of op_create(). */
typedef struct {
	int status;	     /* 201, 400, 403, 409, 413 or 500 */
	const char *message; /* why not (static or thread-local), or NULL */
	char path[OP_PATH_MAX];	 /* the workaround, on 201 */
	char error[OP_PATH_MAX]; /* its system error (new or existing), on 201 */
	int created_error;	 /* the error is new */
	char revision[41];
} op_created;

/* Creates the workaround (and the new error) as the asker of r, in one
 * commit. Problems go to problems as [{"field","message"}], the new
 * error's fields named "sf_<field>". */
void op_create(wp_request *r, const op_input *in, json_t *problems, op_created *out);

/* The system errors the asker of r may read, by title: [{"path","title",
 * "status","status_label"}], at most limit. New reference, or NULL. */
json_t *op_error_list(wp_request *r, size_t limit);

/* The Dutch label of an error's status, as the systeemfout plugin names
 * it (text "systeemfout.status.<status>"), else status itself. */
const char *op_status_label(const char *status);
/* The string at key of obj, or NULL. */
const char *op_str(const json_t *obj, const char *key);
/* Non-zero when s holds something besides white space. */
int op_filled(const char *s);

/* ---- form.c, api.c ---- */

int op_route_form(wp_plugin *self, wp_request *r);
int op_route_api(wp_plugin *self, wp_request *r);

/* ---- texts_nl.c ---- */

extern const wp_plugin_text op_texts[];
extern const size_t op_ntexts;

#endif
