/* dilemma_save.c - the on_save hook: a dilemma is named "X versus Y",
 * and links to dilemmas are kept as slugs.
 *
 * The host has already checked the schema (so every value of a dilemma
 * link names an existing dilemma the writer may read). What is left is
 * the shape of a dilemma's title, which a schema cannot say, and writing
 * "dilemmas/<slug>" as "<slug>": list fields hold slugs (DOMAIN.md), and
 * the search filters on the stored value, so one spelling per dilemma
 * keeps a filtered search complete. */
#include "dilemma_int.h"

#include <ctype.h>
#include <string.h>

#define VERSUS " versus "

/* Non-zero when s[0..n) holds something besides white space. */
static int has_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 1;
	return 0;
}

/* Non-zero when title reads "X versus Y" with both sides filled in. */
static int is_versus(const char *title)
{
	const char *v = strcasestr(title, VERSUS);

	return v && has_text(title, (size_t)(v - title)) && has_text(v + strlen(VERSUS),
								       strlen(v + strlen(VERSUS)));
}

/* Returns WP_PLUGIN_EINVALID, with a problem on titel, unless the title
 * of a dilemma reads "X versus Y". */
static int check_title(const wp_host *host, wp_save *save, const json_t *meta)
{
	const json_t *title = json_object_get(meta, "titel");

	/* A missing or non-text title is the schema's message already. */
	if (!json_is_string(title) || is_versus(json_string_value(title)))
		return 0;
	host->problem(save, "titel", host->text("dilemma.titel_versus"));
	return WP_PLUGIN_EINVALID;
}

/* The slug value names when it is "dilemmas/<slug>", else NULL. */
static const char *path_slug(const json_t *value)
{
	const char *s = json_string_value(value);
	size_t n = strlen(DL_FOLDER);

	if (!s || strncmp(s, DL_FOLDER "/", n + 1) != 0 || !s[n + 1] || strchr(s + n + 1, '/'))
		return NULL;
	return s + n + 1;
}

/* Writes every "dilemmas/<slug>" under key of meta as "<slug>". */
static int keep_slugs(json_t *meta, const char *key)
{
	json_t *v = json_object_get(meta, key), *item;
	const char *slug;
	size_t i;

	if (json_is_string(v)) {
		slug = path_slug(v);
		return slug ? json_object_set_new(meta, key, json_string(slug)) : 0;
	}
	json_array_foreach(v, i, item) {
		slug = path_slug(item);
		if (slug && json_array_set_new(v, i, json_string(slug)) < 0)
			return -1;
	}
	return 0;
}

int dl_on_save(wp_plugin *self, wp_save *save)
{
	const wp_host *host = dl_host();
	const char *type = host->save_type(save);
	json_t *meta = host->save_meta(save);
	int rc = 0;

	(void)self;
	if (!meta || !type)
		return 0; /* a delete */
	if (strcmp(type, DL_TYPE) == 0) {
		rc = check_title(host, save, meta);
		if (rc < 0)
			return rc;
		rc = keep_slugs(meta, "verwant");
	} else if (strcmp(type, DL_STORY_TYPE) == 0 || strcmp(type, DL_GUIDE_TYPE) == 0) {
		rc = keep_slugs(meta, "dilemmas");
	}
	if (rc < 0) {
		host->fail("%s", host->text("dilemma.no_memory"));
		return WP_PLUGIN_EINVALID;
	}
	return 0;
}
