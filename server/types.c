/* types.c - the page-type table (folder → type). */
#include "types.h"

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
