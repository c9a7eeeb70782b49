/* types.c - the page-type registry (see types.h) and the link rule. */
#include "types.h"

#include "error.h"
#include "path.h"
#include "texts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TYPES 64
#define MAX_EXTRA 64 /* add_fields calls */

typedef struct {
	const char *type;
	const wp_field *fields;
} extra_fields;

/* Filled in main() before any thread starts, read-only afterwards. */
static struct {
	wp_type types[MAX_TYPES];
	size_t count;
	extra_fields extra[MAX_EXTRA];
	size_t nextra;
	int frozen;
} reg;

static const wp_field core_fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT },
	{ .name = NULL },
};

static const wp_type_def core_types[] = {
	{ "sjabloon", "sjablonen", WP_ROLE_REGIOTEAM, core_fields, 1 },
	{ "pagina", NULL, WP_ROLE_PROFESSIONAL, core_fields, 0 },
};

static int valid_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* A folder is a page path whose segments may each be '*'. */
static int valid_folder(const char *f)
{
	char tmp[WP_PATH_MAX + 1];
	char *seg;
	size_t i;

	if (strlen(f) > WP_PATH_MAX || f[0] == '*')
		return 0;
	snprintf(tmp, sizeof(tmp), "%s", f);
	for (i = 0; tmp[i]; i++)
		if (tmp[i] == '*' && (i == 0 || tmp[i - 1] == '/') &&
		    (tmp[i + 1] == '/' || tmp[i + 1] == '\0'))
			tmp[i] = 'x';
	seg = tmp;
	return wp_path_check(seg) == 0;
}

static int count_fields(const wp_field *f)
{
	int n = 0;

	while (f && f[n].name)
		n++;
	return n;
}

static int fail(const char *key, const char *name)
{
	wp_error_set(wp_t(key), name ? name : "");
	return WP_EINVALID;
}

int wp_types_add(const wp_type_def *def, const char *plugin)
{
	wp_type *t;
	size_t i;
	int n;

	if (reg.frozen || reg.count == MAX_TYPES)
		return fail("types.registry_closed", def->name);
	if (!valid_name(def->name))
		return fail("types.bad_name", def->name);
	if (def->folder && !valid_folder(def->folder))
		return fail("types.bad_folder", def->folder);
	for (i = 0; i < reg.count; i++) {
		if (strcmp(reg.types[i].name, def->name) == 0 ||
		    (def->folder && reg.types[i].folder &&
		     strcmp(reg.types[i].folder, def->folder) == 0)) {
			wp_error_set(wp_t("types.exists"), def->name);
			return WP_EEXISTS;
		}
	}
	n = count_fields(def->fields);
	t = &reg.types[reg.count];
	memset(t, 0, sizeof(*t));
	t->fields = calloc((size_t)n + 1, sizeof(*t->fields));
	if (!t->fields)
		return WP_ENOMEM;
	for (i = 0; i < (size_t)n; i++)
		((const wp_field **)t->fields)[i] = &def->fields[i];
	t->nfields = (size_t)n;
	t->name = def->name;
	t->folder = def->folder;
	t->writer = def->writer;
	t->listed = def->listed;
	t->plugin = plugin;
	reg.count++;
	return 0;
}

int wp_types_add_fields(const char *type, const wp_field *fields)
{
	if (reg.frozen || reg.nextra == MAX_EXTRA)
		return fail("types.registry_closed", type);
	reg.extra[reg.nextra].type = type;
	reg.extra[reg.nextra].fields = fields;
	reg.nextra++;
	return 0;
}

/* Appends fields to t's schema; a key t has already is skipped (the
 * first definition wins). */
static int append_fields(wp_type *t, const wp_field *fields)
{
	int add = count_fields(fields), i;
	const wp_field **list = realloc((void *)t->fields, (t->nfields + (size_t)add + 1) *
								 sizeof(*list));

	if (!list)
		return WP_ENOMEM;
	t->fields = list;
	for (i = 0; i < add; i++)
		if (!wp_type_field(t, fields[i].name))
			list[t->nfields++] = &fields[i];
	list[t->nfields] = NULL;
	return 0;
}

int wp_types_freeze(void)
{
	size_t i;
	int rc;

	if (reg.frozen)
		return 0;
	for (i = 0; i < sizeof(core_types) / sizeof(core_types[0]); i++)
		if (!wp_type_find(core_types[i].name) &&
		    (rc = wp_types_add(&core_types[i], NULL)) < 0)
			return rc;
	for (i = 0; i < reg.nextra; i++) {
		wp_type *t = (wp_type *)wp_type_find(reg.extra[i].type);

		if (t && (rc = append_fields(t, reg.extra[i].fields)) < 0)
			return rc;
	}
	reg.frozen = 1;
	return 0;
}

void wp_types_reset(void)
{
	size_t i;

	for (i = 0; i < reg.count; i++)
		free((void *)reg.types[i].fields);
	memset(&reg, 0, sizeof(reg));
}

/* Non-zero when folder (a pattern) holds path's parent folder exactly. */
static int folder_holds(const char *pattern, const char *path)
{
	const char *p = pattern, *s = path;

	while (*p) {
		if (*p == '*') {
			const char *end = strchr(s, '/');

			if (!end || end == s)
				return 0;
			s = end;
			p++;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	/* The rest of path must be "/slug". */
	return *s == '/' && s[1] && !strchr(s + 1, '/');
}

const char *wp_type_of_path(const char *path)
{
	size_t i;

	for (i = 0; path && i < reg.count; i++)
		if (reg.types[i].folder && folder_holds(reg.types[i].folder, path))
			return reg.types[i].name;
	return "pagina";
}

const wp_type *wp_type_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < reg.count; i++)
		if (strcmp(reg.types[i].name, name) == 0)
			return &reg.types[i];
	return NULL;
}

size_t wp_type_count(void)
{
	return reg.count;
}

const wp_type *wp_type_at(size_t i)
{
	return i < reg.count ? &reg.types[i] : NULL;
}

const wp_field *wp_type_field(const wp_type *t, const char *key)
{
	size_t i;

	for (i = 0; t && i < t->nfields; i++)
		if (strcmp(t->fields[i]->name, key) == 0)
			return t->fields[i];
	return NULL;
}

int wp_type_link_path(char *out, size_t n, const char *link_type, const char *value)
{
	const wp_type *t = wp_type_find(link_type);
	size_t flen;

	if (!t || !t->folder || strchr(t->folder, '*') || !value || !*value)
		return WP_EINVALID;
	flen = strlen(t->folder);
	if (strchr(value, '/')) {
		if (strncmp(value, t->folder, flen) != 0 || value[flen] != '/' ||
		    strchr(value + flen + 1, '/'))
			return WP_EINVALID;
		snprintf(out, n, "%s", value);
	} else {
		snprintf(out, n, "%s/%s", t->folder, value);
	}
	return wp_path_check(out) == 0 ? 0 : WP_EINVALID;
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
	size_t i;
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
		for (i = 0; i < reg.count; i++) {
			const wp_type *ty = &reg.types[i];

			if (!ty->folder || strchr(ty->folder, '*'))
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
