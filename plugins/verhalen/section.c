/* section.c - the perspectives section on a story's page: every
 * perspective the reader may see, side by side and grouped by role in a
 * fixed order (lived experience first, visibly marked, never ranked
 * lower), how many each role gave, and for people who may write an
 * invitation for each role that is still missing. */
#include "verhalen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The perspective's body as safe HTML; "" when it cannot be read. */
static json_t *body_html(wp_request *r, const char *path)
{
	json_t *page = NULL, *html;
	const char *body;
	char *out = NULL;

	if (vh_host->page(r, &page, path) == 0) {
		body = vh_str(page, "body");
		if (body)
			out = vh_body_html(r, path, body);
	}
	html = json_string(out ? out : "");
	free(out);
	json_decref(page);
	return html;
}

/* Adds what the template shows to one perspective of the summary. */
static void decorate(wp_request *r, json_t *p)
{
	const char *path = vh_str(p, "path");
	char href[VH_PATH_MAX + 100];

	snprintf(href, sizeof(href), "/%s", path);
	json_object_set_new(p, "href", json_string(href));
	if (json_is_true(json_object_get(p, "may_edit"))) {
		snprintf(href, sizeof(href), "/bewerken/%s", path);
		json_object_set_new(p, "edit_href", json_string(href));
	}
	json_object_set_new(p, "rol_label", json_string(vh_role_label(vh_str(p, "rol"))));
	json_object_set_new(p, "kennisbron_label",
			    json_string(vh_source_label(vh_str(p, "kennisbron"))));
	json_object_set_new(p, "html", body_html(r, path));
}

/* The group of role rol (NULL: the unknown roles) with its perspectives
 * taken from list. New reference. */
static json_t *group(const char *rol, const json_t *list, const char *story, int may_write)
{
	json_t *g, *items = json_array(), *p;
	char href[VH_PATH_MAX + 100];
	size_t i;

	json_array_foreach(list, i, p)
	{
		const char *pr = vh_str(p, "rol");
		int mine = rol ? (pr && strcmp(pr, rol) == 0) : !vh_in_list(pr, vh_roles);

		if (mine)
			json_array_append(items, p);
	}
	g = json_pack("{s:s, s:s, s:I, s:o, s:b, s:b}", "rol", rol ? rol : "overig", "label",
		      rol ? vh_role_label(rol) : vh_host->text("verhalen.rol.overig"), "count",
		      (json_int_t)json_array_size(items), "perspectives", items, "empty",
		      json_array_size(items) == 0, "lived_role", vh_is_lived(rol, NULL));
	if (g && rol && may_write && json_array_size(items) == 0) {
		snprintf(href, sizeof(href), "/perspectief/nieuw?verhaal=%s&rol=%s", story, rol);
		json_object_set_new(g, "invite_href", json_string(href));
	}
	return g;
}

/* The template's data from the summary of vh_story_perspectives(). */
static json_t *section_data(wp_request *r, json_t *sum, const char *story)
{
	const wp_viewer *v = vh_host->viewer(r);
	json_t *list = json_object_get(sum, "perspectives"), *groups = json_array(), *p, *g;
	int may_write = vh_may_write(v);
	char href[VH_PATH_MAX + 60];
	size_t i;

	json_array_foreach(list, i, p) decorate(r, p);
	for (i = 0; vh_roles[i]; i++)
		json_array_append_new(groups, group(vh_roles[i], list, story, may_write));
	g = group(NULL, list, story, 0);
	if (json_integer_value(json_object_get(g, "count")) > 0)
		json_array_append(groups, g);
	json_decref(g);
	snprintf(href, sizeof(href), "/perspectief/nieuw?verhaal=%s", story);
	return json_pack("{s:s, s:O, s:o, s:b, s:b, s:s, s:o}", "story", story, "total",
			 json_object_get(sum, "total"), "roles", groups, "may_write", may_write,
			 "has_any", json_array_size(list) > 0, "new_href", href, "tx",
			 vh_texts_json());
}

int vh_section(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	json_t *sum = NULL;
	int rc;

	(void)self;
	*data = NULL;
	if (!vh_is_story_path(page->path))
		return 0;
	if ((rc = vh_story_perspectives(r, page->path, page->title, &sum)) < 0)
		return rc;
	*data = section_data(r, sum, page->path);
	json_decref(sum);
	return *data ? 0 : -1;
}
