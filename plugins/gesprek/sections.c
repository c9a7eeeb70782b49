/* sections.c - what the gesprek plugin adds to the page view: on a story,
 * the conversations held about it and the button that starts one; on a
 * conversation, which steps are done, which remain and the way to go on.
 * (A dilemma's conversations are listed by the dilemma plugin.) */
#include "gesprek.h"

#include <stdlib.h>
#include <string.h>

int gs_section_story(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	json_t *rows = NULL;
	gs_buf href = GS_BUF_INIT;
	char *start = NULL;
	int rc, writer = gs_may_write(r);

	(void)self;
	*data = NULL;
	rc = gs_list_conversations(r, &rows, page->path);
	if (rc < 0)
		return rc;
	if (json_array_size(rows) == 0 && !writer) {
		json_decref(rows);
		return 0;
	}
	if (writer) {
		gs_buf_puts(&href, "/gesprek/nieuw?verhaal=");
		gs_buf_urlenc(&href, page->path);
		start = gs_buf_detach(&href);
	}
	*data = json_pack("{s:b, s:o, s:s?}", "has_gesprekken", json_array_size(rows) > 0,
			  "gesprekken", rows, "start_href", start);
	free(start);
	return *data ? 0 : GS_ENOMEM;
}

/* Non-zero when the list of names holds name. */
static int has_name(const json_t *names, const char *name)
{
	const json_t *n;
	size_t i;

	json_array_foreach(names, i, n) {
		if (json_is_string(n) && gs_same_name(json_string_value(n), name))
			return 1;
	}
	return 0;
}

/* The steps done (as the page's `stappen` names them) and the steps of
 * the plan still open. */
static void step_lists(const gs_plan *plan, const json_t *done_names, json_t *done, json_t *open)
{
	const json_t *step, *n;
	size_t i;

	json_array_foreach(done_names, i, n) {
		if (json_is_string(n))
			json_array_append_new(done, json_pack("{s:O}", "naam", n));
	}
	json_array_foreach(plan->steps, i, step) {
		if (!has_name(done_names, gs_str(step, "naam")))
			json_array_append_new(
			    open, json_pack("{s:O, s:O}", "nummer", json_object_get(step, "nummer"),
					    "naam", json_object_get(step, "naam")));
	}
}

int gs_section_conversation(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	const json_t *names = json_object_get(page->meta, "stappen");
	json_t *done = json_array(), *open = json_array();
	gs_plan plan;
	char *href = NULL;
	gs_buf b = GS_BUF_INIT;

	(void)self;
	*data = NULL;
	if (gs_plan_load(r, &plan) < 0 || !done || !open) {
		json_decref(done);
		json_decref(open);
		return GS_ENOMEM;
	}
	step_lists(&plan, json_is_array(names) ? names : NULL, done, open);
	if (gs_may_write(r)) {
		gs_buf_printf(&b, "/gesprek/verder/%s", page->path);
		href = gs_buf_detach(&b);
	}
	*data = json_pack("{s:b, s:o, s:o, s:b, s:s?}", "has_gedaan", json_array_size(done) > 0,
			  "gedaan", done, "open", open, "compleet", json_array_size(open) == 0,
			  "verder_href", href);
	free(href);
	gs_plan_dispose(&plan);
	return *data ? 0 : GS_ENOMEM;
}
