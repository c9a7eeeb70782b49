/* common.c - roles, sources of knowledge, paths, slugs and rights that
 * the verhalen plugin's modules share. */
#include "verhalen.h"

#include <stdio.h>
#include <string.h>

/* Lived experience first, then the resident as retold, then the
 * professions: a fixed order that never puts lived experience below. */
const char *const vh_roles[] = {"ervaringswerker", "inwoner",	"professional",
				"gemeente",	   "aanbieder", NULL};
const char *const vh_sources[] = {"ervaring", "vakmanschap", "wetenschap", NULL};

int vh_in_list(const char *value, const char *const *list)
{
	for (; value && *list; list++)
		if (strcmp(value, *list) == 0)
			return 1;
	return 0;
}

int vh_is_lived(const char *rol, const char *kennisbron)
{
	return (rol && strcmp(rol, "ervaringswerker") == 0) ||
	       (kennisbron && strcmp(kennisbron, "ervaring") == 0);
}

/* The text prefix.value when value is one of list; else value. */
static const char *label_of(const char *prefix, const char *value, const char *const *list)
{
	char key[96];

	if (!vh_in_list(value, list))
		return value ? value : "";
	snprintf(key, sizeof(key), "%s%s", prefix, value);
	return vh_host->text(key);
}

const char *vh_role_label(const char *rol)
{
	return label_of("verhalen.rol.", rol, vh_roles);
}

const char *vh_source_label(const char *kennisbron)
{
	return label_of("verhalen.bron.", kennisbron, vh_sources);
}

/* The plugin cannot ask the core: the ranks mirror access.h, where an
 * ervaringswerker has exactly a professional's rights. */
static int rank(wp_role role)
{
	switch (role) {
	case WP_ROLE_LEZER:
		return 1;
	case WP_ROLE_PROFESSIONAL:
	case WP_ROLE_ERVARINGSWERKER:
		return 2;
	case WP_ROLE_REGIOTEAM:
		return 3;
	case WP_ROLE_BEHEERDER:
		return 4;
	default:
		return 0;
	}
}

int vh_may_write(const wp_viewer *v)
{
	return v && rank(v->role) >= rank(WP_ROLE_PROFESSIONAL);
}

int vh_may_manage(const wp_viewer *v)
{
	return v && rank(v->role) >= rank(WP_ROLE_REGIOTEAM);
}

int vh_may_edit(const wp_viewer *v, const char *account)
{
	if (!vh_may_write(v))
		return 0;
	if (vh_may_manage(v))
		return 1;
	return account && v->name && strcmp(account, v->name) == 0;
}

/* Non-zero when s[0..n) is a non-empty path segment of [a-z0-9-]. */
static int is_segment(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int vh_is_story_path(const char *path)
{
	size_t f = strlen(VH_STORY_FOLDER);

	if (!path || strncmp(path, VH_STORY_FOLDER "/", f + 1) != 0)
		return 0;
	path += f + 1;
	return is_segment(path, strlen(path));
}

int vh_story_of(char *out, size_t n, const char *path)
{
	size_t f = strlen(VH_STORY_FOLDER), s = strlen(VH_PERSP_SEGMENT);
	const char *seg, *slash;

	if (!path || strncmp(path, VH_STORY_FOLDER "/", f + 1) != 0)
		return -1;
	seg = path + f + 1;
	slash = strchr(seg, '/');
	if (!slash || !is_segment(seg, (size_t)(slash - seg)) ||
	    strncmp(slash + 1, VH_PERSP_SEGMENT "/", s + 1) != 0 || !slash[s + 2] ||
	    strchr(slash + s + 2, '/'))
		return -1;
	if ((size_t)(slash - path) >= n)
		return -1;
	memcpy(out, path, (size_t)(slash - path));
	out[slash - path] = '\0';
	return 0;
}

const char *vh_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

json_t *vh_texts_json(void)
{
	json_t *t = json_object();
	size_t i, pre = strlen("verhalen.");

	for (i = 0; t && i < vh_texts_nl_count; i++) {
		const char *key = vh_texts_nl[i].key;
		char name[96];
		size_t j;

		if (strncmp(key, "verhalen.", pre) != 0)
			continue;
		snprintf(name, sizeof(name), "%s", key + pre);
		for (j = 0; name[j]; j++)
			if (name[j] == '.')
				name[j] = '_';
		json_object_set_new(t, name, json_string(vh_host->text(key)));
	}
	return t;
}
