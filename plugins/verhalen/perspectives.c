/* perspectives.c - the index table verhalen_perspectives (which story a
 * perspective belongs to, its role and source of knowledge), kept in
 * step with the pages, and the query that lists and counts a story's
 * perspectives for one reader. */
#include "verhalen.h"

#include <string.h>

const char vh_index_schema[] =
    "CREATE TABLE verhalen_perspectives(path TEXT PRIMARY KEY, story TEXT, rol TEXT, "
    "kennisbron TEXT);"
    "CREATE INDEX verhalen_perspectives_story ON verhalen_perspectives(story);";

int vh_index_page(wp_plugin *self, wp_ixctx *ix, const char *path, const char *type,
		  const json_t *meta, const char *body, size_t body_len)
{
	char story[VH_PATH_MAX];
	const char *params[4];

	(void)self;
	(void)body;
	(void)body_len;
	if (!type || strcmp(type, VH_PERSPECTIVE_TYPE) != 0 ||
	    vh_story_of(story, sizeof(story), path) < 0)
		return 0;
	/* The story comes from the path, which cannot lie; `verhaal` can. */
	params[0] = path;
	params[1] = story;
	params[2] = vh_str(meta, "rol");
	params[3] = vh_str(meta, "kennisbron");
	return vh_host->ix_exec(ix,
				"INSERT OR REPLACE INTO verhalen_perspectives(path, story, rol, "
				"kennisbron) VALUES (?1, ?2, ?3, ?4)",
				params, 4);
}

int vh_index_remove(wp_plugin *self, wp_ixctx *ix, const char *path)
{
	const char *params[1] = {path};

	(void)self;
	return vh_host->ix_exec(ix, "DELETE FROM verhalen_perspectives WHERE path = ?1", params, 1);
}

/* A front-matter text of pages alias p, NULL when fields is no JSON. */
#define FIELD(key)                                                                                 \
	"CASE WHEN json_valid(p.fields) THEN json_extract(p.fields, '$." key "') END AS " key

/* Only the perspectives the asker may read: hidden ones are neither
 * listed nor counted. */
/* clang-format off */
static const char list_sql[] =
	"SELECT v.path AS path, p.title AS title, v.rol AS rol, v.kennisbron AS kennisbron, "
	FIELD("auteur") ", " FIELD("account") " "
	"FROM verhalen_perspectives v JOIN pages p ON p.path = v.path "
	"WHERE v.story = ?1 AND " WP_PLUGIN_VISIBLE("p") " "
	"ORDER BY p.created, v.path";
/* clang-format on */

/* The index of rol in vh_roles, or the count of roles (an unknown role
 * goes last). */
static size_t role_index(const char *rol)
{
	size_t i;

	for (i = 0; vh_roles[i]; i++)
		if (rol && strcmp(rol, vh_roles[i]) == 0)
			return i;
	return i;
}

/* One perspective of the answer, from an index row; may_edit says
 * whether v may change it (the account itself stays out). New reference. */
static json_t *entry_of(const json_t *row, const wp_viewer *v)
{
	const char *rol = vh_str(row, "rol"), *src = vh_str(row, "kennisbron");
	const char *title = vh_str(row, "title"), *path = vh_str(row, "path");

	return json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:b, s:b}", "path", path ? path : "",
			 "title", title && *title ? title : (path ? path : ""), "rol", rol,
			 "kennisbron", src, "auteur", vh_str(row, "auteur"), "lived",
			 vh_is_lived(rol, src), "may_edit", vh_may_edit(v, vh_str(row, "account")));
}

/* Sorts rows into perspectives (role order, stable) and counts. */
static int fill(json_t *out, const json_t *rows, const wp_viewer *v)
{
	json_t *list = json_object_get(out, "perspectives");
	json_t *counts = json_object_get(out, "counts"), *missing = json_object_get(out, "missing");
	size_t r, i;
	json_int_t n;

	for (r = 0; r <= role_index(NULL); r++) {
		json_t *row;

		json_array_foreach(rows, i, row)
		{
			if (role_index(vh_str(row, "rol")) == r &&
			    json_array_append_new(list, entry_of(row, v)) < 0)
				return -1;
		}
	}
	for (r = 0; vh_roles[r]; r++) {
		n = 0;
		for (i = 0; i < json_array_size(rows); i++)
			n += role_index(vh_str(json_array_get(rows, i), "rol")) == r;
		json_object_set_new(counts, vh_roles[r], json_integer(n));
		if (n == 0)
			json_array_append_new(missing, json_string(vh_roles[r]));
	}
	json_object_set_new(out, "total", json_integer((json_int_t)json_array_size(rows)));
	return 0;
}

int vh_story_perspectives(wp_request *r, const char *story, const char *title, json_t **out)
{
	const char *params[1] = {story};
	json_t *rows = NULL;
	int rc;

	*out = NULL;
	if ((rc = vh_host->query_index(r, &rows, list_sql, params, 1)) < 0)
		return rc;
	*out = json_pack("{s:s, s:s, s:{}, s:[], s:[]}", "story", story, "title",
			 title ? title : story, "counts", "missing", "perspectives");
	if (!*out || fill(*out, rows, vh_host->viewer(r)) < 0) {
		json_decref(*out);
		*out = NULL;
		rc = -1;
	}
	json_decref(rows);
	return rc;
}
