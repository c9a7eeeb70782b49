/* gesprek.h - the modules of the gesprek plugin (the wat-werkt-gesprek):
 * the step plan (plan.c), the body of a conversation page split into its
 * steps and put back together (body.c), the form and what it saves
 * (form.c), the lists the form and the sections show (lists.c), the
 * routes (routes.c) and the page-view sections (sections.c).
 *
 * Everything a module hands over is a jansson value or a malloc'd string;
 * each function comment says who frees what. */
#ifndef GS_GESPREK_H
#define GS_GESPREK_H

#include "plugin.h"

#include <jansson.h>
#include <stddef.h>

/* Error codes of host->save() that plugin.h does not name (error.h's
 * values, which the host passes through). */
#define GS_ENOTFOUND (-2)
#define GS_ECONFLICT (-4)
#define GS_ETOOBIG   (-5)
#define GS_EEXISTS   (-6)
#define GS_ENOMEM    (-7)

#define GS_TYPE	     "gesprek"
#define GS_FOLDER    "gesprekken"
#define GS_PLAN_PATH "sjablonen/wat-werkt-gesprek"
#define GS_MAX_STEPS 30 /* a plan or a page with more steps is cut off here */

/* The host's function table, set once by wp_plugin_init() before the
 * server's threads start and only read afterwards. */
const wp_host *gs_host(void);

/* The text for key (shorthand for gs_host()->text()). Static. */
const char *gs_t(const char *key);

/* ---- util.c: a growable string buffer and small string helpers ---- */

typedef struct {
	char *ptr;
	size_t len, cap;
	int failed; /* an append ran out of memory or over GS_BUF_MAX */
} gs_buf;
#define GS_BUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0, 0                                                                      \
	}
#define GS_BUF_MAX (8u << 20)

int gs_buf_put(gs_buf *b, const char *s, size_t len);
int gs_buf_puts(gs_buf *b, const char *s);
int gs_buf_printf(gs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string built (never NULL while the buffer is usable). */
const char *gs_buf_cstr(const gs_buf *b);
/* Hands the string to the caller (who frees it), or NULL when an append
 * failed; the buffer is empty afterwards. */
char *gs_buf_detach(gs_buf *b);
void gs_buf_dispose(gs_buf *b);

/* A copy of s with "\r\n" and lone "\r" made "\n", leading blank lines
 * and trailing white space removed. malloc'd; NULL (out of memory) only. */
char *gs_text_clean(const char *s);
/* A copy of s without white space at either end. malloc'd. */
char *gs_trim(const char *s, size_t len);
/* Non-zero when s is NULL or only white space. */
int gs_blank(const char *s);
/* Non-zero when a and b are equal ignoring ASCII case and white space at
 * either end. */
int gs_same_name(const char *a, const char *b);
/* s percent-encoded for a query value into b. */
int gs_buf_urlenc(gs_buf *b, const char *s);
/* Non-zero when path is a page path the plugin may pass on: segments of
 * [a-z0-9-] joined by single '/'. */
int gs_path_ok(const char *path);
/* The last segment of path. Points into path. */
const char *gs_slug(const char *path);
/* The string of key in object o, or "" (never NULL). Borrowed. */
const char *gs_str(const json_t *o, const char *key);

/* ---- plan.c: the step plan ---- */

/* The plan as [{"nummer": int, "naam": str, "vraag": str}] (at least one
 * step, numbers unique), and why the default plan is used, if it is:
 * notice is a text key or NULL. */
typedef struct {
	json_t *steps;
	const char *notice;
} gs_plan;

/* Reads the plan page at request time (as the person asking may read it)
 * and falls back to the default plan of the texts when the page is
 * missing or malformed. Returns 0 or GS_ENOMEM; dispose the plan with
 * gs_plan_dispose(). */
int gs_plan_load(wp_request *r, gs_plan *out);
void gs_plan_dispose(gs_plan *p);
/* The plan as the JSON API answers it. New reference. */
json_t *gs_plan_json(const gs_plan *p);

/* ---- body.c: the body of a conversation page ---- */

/* Splits a page body on its step headings "## <n>. <naam>" (outside code
 * fences): *preamble gets the text before the first heading (malloc'd),
 * *sections [{"nummer","naam","tekst"}] (new reference). Returns 0 or
 * GS_ENOMEM. */
int gs_body_split(const char *body, size_t len, char **preamble, json_t **sections);
/* Non-zero when text holds a line that would read as a step heading. */
int gs_body_has_heading(const char *text);
/* The body for preamble and steps [{"nummer","naam","tekst"}]: only the
 * steps with text, each under its heading. malloc'd; NULL: out of memory. */
char *gs_body_compose(const char *preamble, const json_t *steps);

/* ---- lists.c: what the index knows, as the person asking may see it ---- */

/* Each returns rows [{"path","title",...}] (new reference in *out) or an
 * error code. */
int gs_list_type(wp_request *r, json_t **out, const char *type);
int gs_list_perspectives(wp_request *r, json_t **out, const char *story_path);
int gs_list_same_dilemma(wp_request *r, json_t **out, const char *dilemma_path,
			 const char *except_story);
int gs_list_conversations(wp_request *r, json_t **out, const char *story_path);

/* ---- form.c: the form of a conversation ---- */

/* A story or dilemma named on the form and the page it names. */
typedef struct {
	char *value;  /* as given (slug or path); NULL: none */
	char *path;   /* the page path it reaches, or NULL */
	json_t *page; /* the page (host->page()), or NULL: missing or unreadable */
	int fixed;    /* shown as chosen (hidden field) instead of a <select> */
} gs_ref;

typedef struct {
	char *path; /* the conversation continued; NULL: a new one */
	char *base; /* its revision the form was filled from */
	char *titel, *datum, *deelnemers, *inleiding;
	gs_ref verhaal, dilemma;
	json_t *steps;	  /* [{"nummer","naam","vraag","tekst","veld","extra"}] */
	json_t *meta;	  /* the continued page's front matter (others' keys kept), or NULL */
	json_t *problems; /* [{"field","message"}] */
	int choose;	  /* the person asked to show the lists for a new choice */
} gs_form;

void gs_form_init(gs_form *f);
void gs_form_dispose(gs_form *f);
/* Fills f for a new conversation from the query (?verhaal=&dilemma=). */
int gs_form_from_query(wp_request *r, gs_form *f, const gs_plan *plan);
/* Fills f from the conversation page (host->page() JSON). */
int gs_form_from_page(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *page);
/* Fills f from the posted form. */
int gs_form_from_post(wp_request *r, gs_form *f, const gs_plan *plan);
/* Fills f from a JSON request {verhaal, dilemma, datum, deelnemers,
 * stappen: {"1": text}, titel?}; bad shapes become problems. */
int gs_form_from_json(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *in);
/* Adds a problem for field (NULL: the form as a whole). */
void gs_form_problem(gs_form *f, const char *field, const char *message);
/* Checks what the host cannot: story and dilemma given, existing and
 * readable, step texts without headings, at least one step. Problems go
 * to f->problems; returns the number found. */
size_t gs_form_check(gs_form *f);
/* The page file the form saves (front matter and body). malloc'd; NULL:
 * out of memory. */
char *gs_form_content(const gs_form *f);
/* The path a new conversation is saved at on try n (1, 2, ...) into out. */
void gs_form_new_path(const gs_form *f, unsigned n, char *out, size_t size);
/* The template data of the form page (new reference). */
json_t *gs_form_data(wp_request *r, const gs_form *f, const gs_plan *plan);

/* ---- routes.c and sections.c ---- */

int gs_route_page(wp_plugin *self, wp_request *r);
int gs_route_api(wp_plugin *self, wp_request *r);
int gs_section_story(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data);
int gs_section_conversation(wp_plugin *self, wp_request *r, const wp_page_info *page,
			    json_t **data);

/* Non-zero when the person asking may write conversations. */
int gs_may_write(wp_request *r);

/* ---- texts_nl.c ---- */

extern const wp_plugin_text gs_texts[];
extern const size_t gs_texts_count;

#endif
