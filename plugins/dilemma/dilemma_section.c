/* dilemma_section.c - the section of a dilemma's page view: the stories
 * naming it with their perspectives, its wat-werkt-gesprekken, the
 * handreikingen naming it, the related dilemmas (both ways of verwant),
 * a link to the search on it, and for people who may write, a link to
 * start a conversation about it.
 *
 * Every list is a query under WP_PLUGIN_VISIBLE for each page it shows:
 * a perspective is listed only when both it and its story may be read. */
#include "dilemma_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINKED(kind, extra)                                                                       \
	"SELECT s.path AS path, s.title AS title" extra " FROM dilemma_links l "                 \
	"JOIN pages s ON s.path = l.page AND s.type = l.kind "                                    \
	"WHERE l.dilemma = ?1 AND l.kind = '" kind "' AND " WP_PLUGIN_VISIBLE("s")                \
	" ORDER BY s.title COLLATE NOCASE, s.path"

static const char stories_sql[] = LINKED(DL_STORY_TYPE, ", l.regio AS regio");
static const char conversations_sql[] =
	LINKED(DL_CONVERSATION_TYPE, ", json_extract(s.fields, '$.datum') AS datum");
static const char guides_sql[] =
	LINKED(DL_GUIDE_TYPE, ", json_extract(s.fields, '$.versie') AS versie, "
			      "json_extract(s.fields, '$.status') AS status");

/* The perspectives of the readable stories naming ?1: the pages of type
 * perspectief under verhalen/<story>/perspectieven/ (a range on the path,
 * '0' being the byte after '/'). */
static const char perspectives_sql[] =
	"SELECT s.path AS verhaal, p.path AS path, p.title AS title, "
	"json_extract(p.fields, '$.rol') AS rol FROM dilemma_links l "
	"JOIN pages s ON s.path = l.page AND s.type = l.kind "
	"JOIN pages p ON p.path > s.path || '/perspectieven/' AND "
	"p.path < s.path || '/perspectieven0' AND p.type = '" DL_PERSPECTIVE_TYPE "' "
	"WHERE l.dilemma = ?1 AND l.kind = '" DL_STORY_TYPE "' AND " WP_PLUGIN_VISIBLE("s")
	" AND " WP_PLUGIN_VISIBLE("p") " ORDER BY p.title COLLATE NOCASE, p.path";

/* Dilemmas this one names in verwant and those naming it there; links
 * holds each value resolved to the page it reaches. */
static const char related_sql[] =
	"SELECT d.path AS path, d.title AS title FROM pages d WHERE d.type = '" DL_TYPE "' "
	"AND d.path <> ?1 AND " WP_PLUGIN_VISIBLE("d") " AND d.path IN "
	"(SELECT l.resolved FROM links l WHERE l.from_path = ?1 AND l.field = 'verwant' "
	"UNION SELECT l.from_path FROM links l WHERE l.resolved = ?1 AND l.field = 'verwant') "
	"ORDER BY d.title COLLATE NOCASE, d.path";

/* Runs sql with the dilemma's path as ?1 into *rows. */
static int list(wp_request *r, json_t **rows, const char *sql, const char *path)
{
	const char *params[1] = { path };
	int rc = dl_host()->query_index(r, rows, sql, params, 1);

	if (rc < 0)
		*rows = NULL;
	return rc;
}

/* Hangs each perspective under its story as "perspectieven". */
static int attach_perspectives(json_t *stories, const json_t *perspectives)
{
	json_t *by_path = json_object(), *story, *own;
	const json_t *p;
	size_t i;
	int rc = by_path ? 0 : -1;

	json_array_foreach(stories, i, story) {
		own = json_array();
		if (rc < 0 || !own || json_object_set_new(story, "perspectieven", own) < 0 ||
		    json_object_set(by_path, dl_row_str(story, "path"), own) < 0)
			rc = -1;
	}
	json_array_foreach(perspectives, i, p) {
		own = json_object_get(by_path, dl_row_str(p, "verhaal"));
		if (rc == 0 && own && json_array_append(own, (json_t *)p) < 0)
			rc = -1;
	}
	/* Mustache cannot test a list for items: say it. */
	json_array_foreach(stories, i, story) {
		own = json_object_get(story, "perspectieven");
		if (rc == 0 && json_object_set_new(story, "has_perspectieven",
						   json_boolean(json_array_size(own) > 0)) < 0)
			rc = -1;
	}
	json_decref(by_path);
	return rc;
}

/* Sets key of data to rows (stolen) and "has_<key>" to whether it has any. */
static int set_list(json_t *data, const char *key, json_t *rows)
{
	char has[32];

	snprintf(has, sizeof(has), "has_%s", key);
	if (json_object_set_new(data, has, json_boolean(json_array_size(rows) > 0)) < 0) {
		json_decref(rows);
		return -1;
	}
	return json_object_set_new(data, key, rows);
}

/* The section's lists, each under its key in data. */
static int add_lists(wp_request *r, json_t *data, const char *path)
{
	static const struct {
		const char *key;
		const char *sql;
	} lists[] = {
		{ "verhalen", stories_sql },	       { "perspectieven", perspectives_sql },
		{ "gesprekken", conversations_sql },   { "handreikingen", guides_sql },
		{ "verwant", related_sql },
	};
	json_t *rows;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof(lists) / sizeof(lists[0]); i++) {
		rc = list(r, &rows, lists[i].sql, path);
		if (rc == 0)
			rc = set_list(data, lists[i].key, rows);
	}
	if (rc == 0)
		rc = attach_perspectives(json_object_get(data, "verhalen"),
					 json_object_get(data, "perspectieven"));
	return rc;
}

/* The links of the section: the filtered search, and starting a
 * conversation for those who may write one. */
static int add_links(wp_request *r, json_t *data, const char *path)
{
	const wp_viewer *v = dl_host()->viewer(r);
	char *search = dl_search_href(dl_slug(path));
	char *start = malloc(strlen(path) + sizeof("/gesprek/nieuw?dilemma="));
	int rc = -1;

	if (search && start) {
		strcpy(start, "/gesprek/nieuw?dilemma=");
		strcat(start, path); /* a page path needs no encoding in a query */
		rc = json_object_set_new(data, "search_href", json_string(search));
		if (rc == 0 && v && v->role >= WP_ROLE_PROFESSIONAL)
			rc = json_object_set_new(data, "start_href", json_string(start));
	}
	free(search);
	free(start);
	return rc;
}

int dl_section(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	json_t *d = json_object();
	int rc = d ? 0 : -1;

	(void)self;
	*data = NULL;
	if (rc == 0)
		rc = dl_set_str(d, "path", page->path);
	if (rc == 0)
		rc = add_lists(r, d, page->path);
	if (rc == 0)
		rc = add_links(r, d, page->path);
	if (rc < 0) {
		json_decref(d);
		return rc;
	}
	*data = d;
	return 0;
}
