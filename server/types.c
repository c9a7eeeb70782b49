/* types.c - the page-type table (folder → type). */
#include "types.h"

#include "path.h"

#include <stdio.h>
#include <string.h>

static const wp_type types[] = {
	{ "verhaal", "verhalen" },
	{ "dilemma", "dilemmas" },
	{ "gesprek", "gesprekken" },
	{ "olifantenpad", "olifantenpaden" },
	{ "systeemfout", "systeemfouten" },
	{ "handreiking", "handreikingen" },
	{ "sjabloon", "sjablonen" },
	{ "perspectief", NULL },
	{ "pagina", NULL },
	{ NULL, NULL },
};

/* Non-zero when path is verhalen/<story>/perspectieven/<slug>. */
static int is_perspective(const char *path)
{
	const char *p;

	if (strncmp(path, "verhalen/", 9) != 0)
		return 0;
	p = strchr(path + 9, '/');
	if (!p || strncmp(p, "/perspectieven/", 15) != 0)
		return 0;
	return strchr(p + 15, '/') == NULL && p[15] != '\0';
}

const char *wp_type_of_path(const char *path)
{
	const char *slash = strchr(path, '/');
	size_t i, n;

	if (is_perspective(path))
		return "perspectief";
	if (!slash || strchr(slash + 1, '/'))
		return "pagina";
	n = (size_t)(slash - path);
	for (i = 0; types[i].name; i++)
		if (types[i].folder && strlen(types[i].folder) == n &&
		    strncmp(types[i].folder, path, n) == 0)
			return types[i].name;
	return "pagina";
}

const wp_type *wp_type_find(const char *name)
{
	size_t i;

	for (i = 0; types[i].name; i++)
		if (strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

const wp_type *wp_types(void)
{
	return types;
}

/* Tries one candidate path; 1 when it exists (copied to out). */
static int try_candidate(char *out, size_t n, const char *cand, wp_exists_fn exists,
			 void *payload)
{
	int rc;

	if (wp_path_check(cand) < 0)
		return 0;
	rc = exists(payload, cand);
	if (rc == 1)
		snprintf(out, n, "%s", cand);
	return rc;
}

int wp_link_resolve(char *out, size_t n, const char *from, const char *target,
		    wp_exists_fn exists, void *payload)
{
	char folder[WP_PATH_MAX + 1] = "", cand[2 * WP_PATH_MAX + 2];
	const wp_type *ty;
	int rc;

	rc = try_candidate(out, n, target, exists, payload);
	if (rc != 0)
		return rc;
	if (from)
		wp_path_folder(folder, sizeof(folder), from);
	if (!strchr(target, '/')) {
		if (folder[0]) {
			snprintf(cand, sizeof(cand), "%s/%s", folder, target);
			if ((rc = try_candidate(out, n, cand, exists, payload)) != 0)
				return rc;
		}
		for (ty = types; ty->name; ty++) {
			if (!ty->folder)
				continue;
			snprintf(cand, sizeof(cand), "%s/%s", ty->folder, target);
			if ((rc = try_candidate(out, n, cand, exists, payload)) != 0)
				return rc;
		}
	}
	/* Missing: a new page next to the linking page. */
	if (!strchr(target, '/') && folder[0])
		snprintf(out, n, "%s/%s", folder, target);
	else
		snprintf(out, n, "%s", target);
	return 0;
}
