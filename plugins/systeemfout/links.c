/* links.c - the index table systeemfout_links: one row for every page
 * that points at a system error, kept by the index's catch-up, and the
 * lists the page view shows from it.
 *
 * Why a table of its own when the core's links table exists: a story
 * points at an error through a workaround (the workaround names both),
 * which is a row the core cannot know of; and each row here holds the
 * paths as the host resolves a LINK of the field's type, so every count
 * is one join instead of matching slugs and paths. `source` is the page
 * whose front matter made the row, so a changed workaround takes its
 * stories' rows with it. */
#include "systeemfout.h"

#include <stdio.h>
#include <string.h>

static const char schema_sql[] =
    "CREATE TABLE systeemfout_links(source TEXT NOT NULL, fout TEXT NOT NULL, "
    "  page TEXT NOT NULL, kind TEXT NOT NULL, UNIQUE(source, fout, page, kind));"
    "CREATE INDEX systeemfout_links_fout ON systeemfout_links(fout, kind, page);"
    "CREATE INDEX systeemfout_links_page ON systeemfout_links(page);";

static int put_row(wp_ixctx *ix, const char *source, const char *fout, const char *page,
		   const char *kind)
{
	const char *params[4] = {source, fout, page, kind};

	return sf_host->ix_exec(ix,
				"INSERT OR IGNORE INTO systeemfout_links(source, fout, page, kind) "
				"VALUES (?1, ?2, ?3, ?4)",
				params, 4);
}

/* The paths the values of field key name as pages of link_type, as a
 * JSON array of strings (new reference); a value naming no such page is
 * left out (the schema refuses it on save). */
static json_t *linked(const json_t *meta, const char *key, const char *link_type)
{
	const json_t *v = json_object_get(meta, key), *item;
	json_t *out = json_array();
	char path[SF_PATH_MAX];
	size_t i;

	if (json_is_string(v) &&
	    sf_host->link_path(path, sizeof(path), link_type, json_string_value(v)) == 0)
		json_array_append_new(out, json_string(path));
	json_array_foreach(v, i, item)
		if (json_is_string(item) &&
		    sf_host->link_path(path, sizeof(path), link_type, json_string_value(item)) == 0)
			json_array_append_new(out, json_string(path));
	return out;
}

/* A workaround: a row for itself and one for each of its stories, under
 * each error it names. */
static int put_workaround(wp_ixctx *ix, const char *path, const json_t *meta)
{
	json_t *errors = linked(meta, "systeemfout", SF_TYPE);
	json_t *stories = linked(meta, "verhalen", SF_STORY_TYPE), *e, *s;
	size_t i, j;
	int rc = errors && stories ? 0 : WP_PLUGIN_EINVALID;

	json_array_foreach(errors, i, e) {
		if (rc == 0)
			rc = put_row(ix, path, json_string_value(e), path, SF_WORKAROUND_TYPE);
		json_array_foreach(stories, j, s)
			if (rc == 0)
				rc = put_row(ix, path, json_string_value(e), json_string_value(s),
					     SF_STORY_TYPE);
	}
	json_decref(errors);
	json_decref(stories);
	return rc;
}

/* A story naming errors itself. */
static int put_story(wp_ixctx *ix, const char *path, const json_t *meta)
{
	json_t *errors = linked(meta, "systeemfouten", SF_TYPE), *e;
	size_t i;
	int rc = errors ? 0 : WP_PLUGIN_EINVALID;

	json_array_foreach(errors, i, e)
		if (rc == 0)
			rc = put_row(ix, path, json_string_value(e), path, SF_STORY_TYPE);
	json_decref(errors);
	return rc;
}

static int forget(wp_ixctx *ix, const char *path)
{
	const char *params[1] = {path};

	return sf_host->ix_exec(ix, "DELETE FROM systeemfout_links WHERE source = ?1", params, 1);
}

static int on_page(wp_plugin *self, wp_ixctx *ix, const char *path, const char *type,
		   const json_t *meta, const char *body, size_t body_len)
{
	int rc;

	(void)self;
	(void)body;
	(void)body_len;
	rc = forget(ix, path); /* the page may have changed type or links */
	if (rc < 0 || !meta)
		return rc;
	if (strcmp(type, SF_WORKAROUND_TYPE) == 0)
		return put_workaround(ix, path, meta);
	if (strcmp(type, SF_STORY_TYPE) == 0)
		return put_story(ix, path, meta);
	return 0;
}

static int on_remove(wp_plugin *self, wp_ixctx *ix, const char *path)
{
	(void)self;
	return forget(ix, path);
}

int sf_links_register(const wp_host *host, wp_plugin *self)
{
	return host->add_index(self, schema_sql, on_page, on_remove);
}

/* ---- what the page view lists ---- */

static const char behind_workarounds_sql[] =
    "SELECT DISTINCT p.path AS path, p.title AS title, json_extract(p.fields, '$.status') "
    "AS status FROM " SF_VISIBLE_LINKS " v JOIN pages p ON p.path = v.page "
    "WHERE v.fout = ?1 AND v.kind = 'olifantenpad' ORDER BY p.title COLLATE NOCASE, p.path";

static const char behind_stories_sql[] =
    "SELECT DISTINCT p.path AS path, p.title AS title, json_extract(p.fields, '$.regio') "
    "AS regio FROM " SF_VISIBLE_LINKS " v JOIN pages p ON p.path = v.page "
    "WHERE v.fout = ?1 AND v.kind = 'verhaal' ORDER BY p.title COLLATE NOCASE, p.path";

int sf_behind(wp_request *r, const char *path, json_t **out)
{
	const char *params[1] = {path};
	json_t *workarounds = NULL, *stories = NULL;
	int rc;

	*out = NULL;
	rc = sf_host->query_index(r, &workarounds, behind_workarounds_sql, params, 1);
	if (rc == 0)
		rc = sf_host->query_index(r, &stories, behind_stories_sql, params, 1);
	if (rc < 0) {
		json_decref(workarounds);
		return rc;
	}
	/* "o" takes the references, also when packing fails. */
	*out = json_pack("{s:o, s:o}", "olifantenpaden", workarounds, "verhalen", stories);
	return *out ? 0 : WP_PLUGIN_EINVALID;
}

/* The errors a page points at. A story's own rows have source = page; the
 * rows a workaround made name it as source, which is the "via". The error
 * must be readable as well. */
static const char errors_of_sql[] =
    "SELECT g.*, (SELECT w.title FROM pages w WHERE w.path = g.via) AS via_title FROM ("
    "SELECT e.path AS path, e.title AS title, json_extract(e.fields, '$.status') AS status, "
    "json_extract(e.fields, '$.eigenaar') AS eigenaar, "
    "min(CASE WHEN x.source = ?1 THEN NULL ELSE x.source END) AS via "
    "FROM " SF_LINKS " x JOIN pages ps ON ps.path = x.source JOIN pages e ON e.path = x.fout "
    "WHERE x.page = ?1 AND " WP_PLUGIN_VISIBLE("ps") " AND " WP_PLUGIN_VISIBLE(
	"e") " GROUP BY e.path) g ORDER BY g.title COLLATE NOCASE, g.path";

int sf_errors_of(wp_request *r, const char *path, const char *type, json_t **out)
{
	const char *params[1] = {path};
	json_t *rows = NULL, *row;
	size_t i;
	int rc;

	(void)type;
	*out = NULL;
	rc = sf_host->query_index(r, &rows, errors_of_sql, params, 1);
	if (rc < 0)
		return rc;
	/* A story's own error may also come through a workaround: "via" then
	 * names that workaround, which is fine; a null via is dropped so the
	 * template can test for it. */
	json_array_foreach(rows, i, row) {
		if (json_is_null(json_object_get(row, "via"))) {
			json_object_del(row, "via");
			json_object_del(row, "via_title");
		}
		json_object_set_new(row, "status_label",
				    json_string(sf_status_label(sf_str(row, "status"))));
	}
	*out = rows;
	return 0;
}

/* ---- small helpers ---- */

const char *sf_str(const json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

/* The text prefix + value, or value when there is no such text. */
static const char *label(const char *prefix, const char *value, const char *const *values)
{
	char key[96];
	size_t i;

	if (!value)
		return "";
	for (i = 0; values[i]; i++) {
		if (strcmp(values[i], value) == 0) {
			/* Texts are keyed without spaces: "aan de orde gesteld". */
			size_t n = (size_t)snprintf(key, sizeof(key), "%s", prefix), j;

			for (j = 0; value[j] && n + 1 < sizeof(key); j++)
				key[n++] = value[j] == ' ' ? '_' : value[j];
			key[n] = '\0';
			return sf_host->text(key);
		}
	}
	return value;
}

const char *sf_status_label(const char *status)
{
	return label("systeemfout.status.", status, sf_statuses);
}

const char *sf_owner_label(const char *owner)
{
	return label("systeemfout.eigenaar.", owner, sf_owners);
}

int sf_is_regio(const wp_viewer *v)
{
	return v && (v->role == WP_ROLE_REGIOTEAM || v->role == WP_ROLE_BEHEERDER);
}
