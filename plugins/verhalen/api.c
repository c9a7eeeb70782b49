/* api.c - /api/perspectieven, the JSON twin of the section and the form:
 *   GET  ?verhaal=<path or slug>  the story's perspectives the asker may
 *        read, with counts per role and the roles still missing; 404 for
 *        a story that does not exist or is hidden from the asker.
 *   POST {"verhaal","rol","kennisbron","auteur","titel","tekst"} creates
 *        one: 201 {"path","revision"}, or 400 {"error","problems"}. */
#include "verhalen.h"

#include <stdlib.h>
#include <string.h>

static int send_problem(wp_request *r, int status, const char *message, json_t *problems)
{
	json_t *body = json_pack("{s:s}", "error", message);

	if (problems)
		json_object_set(body, "problems", problems);
	return vh_host->send_json(r, status, body);
}

static int api_list(wp_request *r)
{
	char *verhaal = vh_host->query(r, "verhaal"), story[VH_PATH_MAX];
	json_t *page = NULL, *out = NULL;
	int rc;

	if (!verhaal || !*verhaal)
		rc = vh_host->send_error(r, 400, vh_host->text("verhalen.api.story_param"));
	else if (vh_find_story(r, verhaal, story, sizeof(story), &page) < 0)
		rc = vh_host->send_error(r, 404, vh_host->text("verhalen.api.no_story"));
	else if (vh_story_perspectives(r, story, vh_str(page, "title"), &out) < 0)
		rc = vh_host->send_error(r, 500, vh_host->text("verhalen.error"));
	else
		rc = vh_host->send_json(r, 200, out);
	json_decref(page);
	free(verhaal);
	return rc;
}

/* The request's fields into in; a field that is there but no string is
 * a problem of its own. Returns the number of such problems. */
static size_t read_input(const json_t *body, vh_input *in, json_t *problems)
{
	static const char *const names[] = {"verhaal", "rol",	"kennisbron", "auteur",
					    "titel",   "tekst", NULL};
	const char **slots[] = {&in->verhaal, &in->rol,	  &in->kennisbron,
				&in->auteur,  &in->titel, &in->tekst};
	size_t i, bad = 0;

	for (i = 0; names[i]; i++) {
		const json_t *v = json_object_get(body, names[i]);

		*slots[i] = json_string_value(v);
		if (v && !json_is_null(v) && !json_is_string(v)) {
			json_array_append_new(problems,
					      json_pack("{s:s, s:s}", "field", names[i], "message",
							vh_host->text("verhalen.api.not_text")));
			bad++;
		}
	}
	return bad;
}

static int api_create(wp_request *r)
{
	json_t *body = vh_host->json_body(r), *problems = json_array();
	vh_input in = {NULL};
	vh_created out;
	int rc;

	if (!json_is_object(body)) {
		rc = vh_host->send_error(r, 400, vh_host->text("verhalen.api.bad_json"));
	} else if (read_input(body, &in, problems) > 0) {
		rc = send_problem(r, 400, vh_host->text("verhalen.create.problems"), problems);
	} else {
		vh_create(r, &in, problems, &out);
		if (out.status == 201)
			rc = vh_host->send_json(
			    r, 201,
			    json_pack("{s:s, s:s}", "path", out.path, "revision", out.revision));
		else
			rc = send_problem(r, out.status,
					  out.message ? out.message
						      : vh_host->text("verhalen.error"),
					  out.status == 400 ? problems : NULL);
	}
	json_decref(problems);
	json_decref(body);
	return rc;
}

int vh_api_route(wp_plugin *self, wp_request *r)
{
	(void)self;
	return vh_host->method(r) == WP_POST ? api_create(r) : api_list(r);
}
