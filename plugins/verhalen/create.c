/* create.c - a new perspective from the form or the API: find the story,
 * build the page (front matter from the fields, the text as body), pick a
 * free path from the title and save it through the host, which checks the
 * schema, the rights and vh_on_save() (which adds the story's
 * visibility). */
#include "verhalen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vh_find_story(wp_request *r, const char *verhaal, char *story, size_t n, json_t **page)
{
	json_t *p = NULL;

	if (page)
		*page = NULL;
	if (!verhaal || !*verhaal || strlen(verhaal) >= n ||
	    vh_host->link_path(story, n, VH_STORY_TYPE, verhaal) < 0 || !vh_is_story_path(story))
		return -1;
	/* page() says "not found" for a story the asker may not read too. */
	if (vh_host->page(r, &p, story) < 0)
		return -1;
	if (page)
		*page = p;
	else
		json_decref(p);
	return 0;
}

static void add_problem(json_t *problems, const char *field, const char *key)
{
	json_array_append_new(
	    problems, json_pack("{s:s, s:s}", "field", field, "message", vh_host->text(key)));
}

/* Non-zero when s holds something besides white space. */
static int filled(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

/* The checks the host cannot make: the story, a title to name the file
 * by, a text. Returns the number of problems added. */
static size_t precheck(wp_request *r, const vh_input *in, json_t *problems, vh_created *out)
{
	size_t before = json_array_size(problems);

	if (!filled(in->verhaal))
		add_problem(problems, "verhaal", "verhalen.create.story_missing");
	else if (vh_find_story(r, in->verhaal, out->story, sizeof(out->story), NULL) < 0)
		add_problem(problems, "verhaal", "verhalen.create.story_unknown");
	if (!filled(in->titel))
		add_problem(problems, "titel", "verhalen.create.title_missing");
	else if (strlen(in->titel) > VH_TITLE_MAX)
		add_problem(problems, "titel", "verhalen.create.title_long");
	if (!filled(in->tekst))
		add_problem(problems, "tekst", "verhalen.create.text_missing");
	else if (strlen(in->tekst) > VH_BODY_MAX)
		add_problem(problems, "tekst", "verhalen.create.text_long");
	return json_array_size(problems) - before;
}

/* Sets key to value when the person filled it in. */
static void set_filled(json_t *meta, const char *key, const char *value)
{
	if (filled(value))
		json_object_set_new(meta, key, json_string(value));
}

/* The new page's front matter. Its zichtbaarheid and team are left to
 * vh_on_save(), which copies the story's to a perspective naming none:
 * one rule for every door. */
static json_t *new_meta(const vh_input *in, const char *story)
{
	json_t *meta = json_object();

	set_filled(meta, "titel", in->titel);
	set_filled(meta, "rol", in->rol);
	set_filled(meta, "kennisbron", in->kennisbron);
	set_filled(meta, "auteur", in->auteur);
	json_object_set_new(meta, "verhaal", json_string(story));
	return meta;
}

/* Non-zero when the index knows a page at path, readable or not: a new
 * page must not collide with one the asker cannot see. */
static int taken(wp_request *r, const char *path)
{
	const char *params[1] = {path};
	json_t *rows = NULL;
	int hit;

	if (vh_host->query_index(r, &rows, "SELECT 1 AS hit FROM pages WHERE path = ?1", params,
				 1) < 0)
		return 0; /* the save itself refuses a page that exists */
	hit = json_array_size(rows) > 0;
	json_decref(rows);
	return hit;
}

/* A free path for the perspective: <story>/perspectieven/<slug>[-n]. */
static void pick_path(wp_request *r, const vh_input *in, vh_created *out)
{
	char slug[VH_SLUG_MAX + 1];
	size_t len;
	int i;

	vh_host->slug(slug, sizeof(slug), in->titel);
	if (!slug[0])
		snprintf(slug, sizeof(slug), "perspectief");
	len = (size_t)snprintf(out->path, sizeof(out->path), "%s/%s/%s", out->story,
			       VH_PERSP_SEGMENT, slug);
	for (i = 2; i < 100 && taken(r, out->path); i++)
		snprintf(out->path + len, sizeof(out->path) - len, "-%d", i);
}

/* The HTTP status for a refused save. */
static int status_of(int rc)
{
	switch (rc) {
	case WP_PLUGIN_EINVALID:
		return 400;
	case WP_PLUGIN_ECONFIRM: /* a warning to confirm (since API 1.2) */
		return 422;
	case WP_PLUGIN_EFORBIDDEN:
		return 403;
	case -2: /* WP_ENOTFOUND: a page there the asker cannot see */
	case -4: /* WP_ECONFLICT */
	case -6: /* WP_EEXISTS */
		return 409;
	case -5: /* WP_ETOOBIG */
		return 413;
	default:
		return 500;
	}
}

/* Saves the page; fills out's status, message and revision. */
static void save_page(wp_request *r, const vh_input *in, json_t *problems, vh_created *out)
{
	json_t *meta = new_meta(in, out->story);
	char *content = vh_host->compose(meta, in->tekst), message[VH_TITLE_MAX + 80];
	int rc;

	json_decref(meta);
	if (!content) {
		out->status = 500;
		return;
	}
	pick_path(r, in, out);
	snprintf(message, sizeof(message), vh_host->text("verhalen.create.commit"), in->titel);
	rc = vh_host->save(r, out->path, content, strlen(content), NULL, message, problems,
			   out->revision);
	free(content);
	out->status = rc < 0 ? status_of(rc) : 201;
	if (rc < 0)
		out->message = vh_host->error();
}

void vh_create(wp_request *r, const vh_input *in, json_t *problems, vh_created *out)
{
	memset(out, 0, sizeof(*out));
	if (!vh_may_write(vh_host->viewer(r))) {
		out->status = 403;
		out->message = vh_host->text("verhalen.create.may_not");
		return;
	}
	if (precheck(r, in, problems, out) > 0) {
		out->status = 400;
		out->message = vh_host->text("verhalen.create.problems");
		return;
	}
	save_page(r, in, problems, out);
}
