/* dilemma_index.c - the index table dilemma_links: one row for every page
 * that names a dilemma (a story, a handreiking, a conversation).
 *
 * Why a table of its own when fields and links exist: a page may name a
 * dilemma by slug or by path, and fields holds the value as written, so
 * every count would have to match both spellings; links resolves a slug
 * by the wiki's general rule (the linking page's own folder first), not
 * by the field's type. Here each row holds the dilemma's page path as the
 * host resolves a LINK to a dilemma, the kind of the naming page, and a
 * story's region, so the overview groups by dilemma and region in one
 * join, and the section lists a dilemma's pages by its key. */
#include "dilemma_int.h"

#include <ctype.h>
#include <string.h>

#define PATH_BYTES 512

static const char schema_sql[] =
	"CREATE TABLE dilemma_links(dilemma TEXT NOT NULL, page TEXT NOT NULL, "
	"  kind TEXT NOT NULL, regio TEXT, UNIQUE(dilemma, kind, page));"
	"CREATE INDEX dilemma_links_page ON dilemma_links(page);";

/* A story's region as it groups in the overview: NULL when it has none,
 * or only white space, or a value that is not text. */
static const char *story_region(const char *type, const json_t *meta)
{
	const char *s = json_string_value(json_object_get(meta, "regio")), *p;

	if (!s || strcmp(type, DL_STORY_TYPE) != 0)
		return NULL;
	for (p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			return s;
	return NULL;
}

/* Adds the row for one value that names a dilemma; a value that names
 * no dilemma page is left out (the schema refuses it on save; content
 * that bypassed the check counts for nothing). */
static int put_link(const wp_host *host, wp_ixctx *ix, const char *path, const char *type,
		    const char *regio, const json_t *value)
{
	char dilemma[PATH_BYTES];
	const char *params[4];

	if (!json_is_string(value) ||
	    host->link_path(dilemma, sizeof(dilemma), DL_TYPE, json_string_value(value)) < 0)
		return 0;
	params[0] = dilemma;
	params[1] = path;
	params[2] = type;
	params[3] = regio;
	return host->ix_exec(ix,
			     "INSERT OR IGNORE INTO dilemma_links(dilemma, page, kind, regio) "
			     "VALUES (?1, ?2, ?3, ?4)",
			     params, 4);
}

static int forget_page(const wp_host *host, wp_ixctx *ix, const char *path)
{
	const char *params[1] = { path };

	return host->ix_exec(ix, "DELETE FROM dilemma_links WHERE page = ?1", params, 1);
}

static int on_page(wp_plugin *self, wp_ixctx *ix, const char *path, const char *type,
		   const json_t *meta, const char *body, size_t body_len)
{
	const wp_host *host = dl_host();
	const char *field = dl_link_field(type), *regio;
	const json_t *v, *item;
	size_t i;
	int rc;

	(void)self;
	(void)body;
	(void)body_len;
	rc = forget_page(host, ix, path); /* the page may have changed type or links */
	if (rc < 0 || !field || !meta)
		return rc;
	regio = story_region(type, meta);
	v = json_object_get(meta, field);
	if (!json_is_array(v))
		return put_link(host, ix, path, type, regio, v);
	json_array_foreach(v, i, item) {
		rc = put_link(host, ix, path, type, regio, item);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int on_remove(wp_plugin *self, wp_ixctx *ix, const char *path)
{
	(void)self;
	return forget_page(dl_host(), ix, path);
}

int dl_index_register(const wp_host *host, wp_plugin *self)
{
	return host->add_index(self, schema_sql, on_page, on_remove);
}
