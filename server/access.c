/* access.c - roles, the rights table and page visibility (see access.h). */
#include "access.h"

#include "error.h"
#include "texts.h"
#include "types.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[] = { "anoniem",	     "lezer",	  "professional",
					  "ervaringswerker", "regioteam", "beheerder" };

const char *wp_role_name(wp_role role)
{
	if ((int)role < 0 || (size_t)role >= sizeof(role_names) / sizeof(role_names[0]))
		return role_names[0];
	return role_names[role];
}

int wp_role_parse(const char *name, wp_role *out)
{
	size_t i;

	for (i = 1; name && i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		if (strcmp(name, role_names[i]) == 0) {
			*out = (wp_role)i;
			return 0;
		}
	}
	wp_error_set(wp_t("access.bad_role"), name ? name : "");
	return WP_EINVALID;
}

/* Rank for the cumulative rights: ervaringswerker has exactly the rights
 * of a professional (DOMAIN.md: never ranked lower). */
static int rank(wp_role role)
{
	switch (role) {
	case WP_ROLE_LEZER: return 1;
	case WP_ROLE_PROFESSIONAL:
	case WP_ROLE_ERVARINGSWERKER: return 2;
	case WP_ROLE_REGIOTEAM: return 3;
	case WP_ROLE_BEHEERDER: return 4;
	default: return 0;
	}
}

static int at_least(const wp_viewer *v, wp_role role)
{
	return v && rank(v->role) >= rank(role);
}

static const char *const vis_names[] = { "openbaar", "ingelogd", "team", "ongeldig" };

const char *wp_vis_name(wp_vis vis)
{
	return (unsigned)vis <= WP_VIS_ONGELDIG ? vis_names[vis] : vis_names[WP_VIS_ONGELDIG];
}

int wp_vis_parse(const char *name, wp_vis *out)
{
	int i;

	for (i = WP_VIS_OPENBAAR; name && i <= WP_VIS_TEAM; i++) {
		if (strcmp(name, vis_names[i]) == 0) {
			*out = (wp_vis)i;
			return 0;
		}
	}
	wp_error_set(wp_t("access.bad_visibility"), name ? name : "");
	return WP_EINVALID;
}

wp_vis wp_page_vis(const json_t *meta, wp_vis default_vis, const char **team)
{
	const json_t *v = meta ? json_object_get(meta, WP_VIS_FIELD) : NULL;
	const json_t *t = meta ? json_object_get(meta, WP_TEAM_FIELD) : NULL;
	wp_vis vis;

	*team = json_is_string(t) && *json_string_value(t) ? json_string_value(t) : NULL;
	if (!v)
		vis = default_vis;
	else if (!json_is_string(v) || wp_vis_parse(json_string_value(v), &vis) < 0)
		return WP_VIS_ONGELDIG;
	if (vis == WP_VIS_TEAM && !*team)
		return WP_VIS_ONGELDIG;
	return vis;
}

int wp_may_read(const wp_viewer *v, wp_vis vis, const char *team)
{
	if (!v)
		return 0;
	switch (vis) {
	case WP_VIS_OPENBAAR: return 1;
	case WP_VIS_INGELOGD: return v->role != WP_ROLE_ANONIEM;
	case WP_VIS_TEAM:
		return v->role != WP_ROLE_ANONIEM && v->team && *v->team && team &&
		       strcmp(v->team, team) == 0;
	default: return v->role == WP_ROLE_BEHEERDER; /* so it can be repaired */
	}
}

int wp_may_read_meta(const wp_viewer *v, const json_t *meta)
{
	const char *team;
	wp_vis vis = wp_page_vis(meta, v ? v->default_vis : WP_VIS_INGELOGD, &team);

	return wp_may_read(v, vis, team);
}

/* ---- rights from the type registry (types.h) ---- */

int wp_may_write_type(const wp_viewer *v, const char *type)
{
	const wp_type *t = wp_type_find(type);

	return t && at_least(v, t->writer);
}

static int in_list(const json_t *value, const char *const *list)
{
	for (; json_is_string(value) && *list; list++)
		if (strcmp(json_string_value(value), *list) == 0)
			return 1;
	return 0;
}

/* Non-zero when the change of guarded field f from before to after
 * (either may be NULL: absent) needs the guard's role. */
static int guard_hit(const wp_field *f, const json_t *before, const json_t *after, int is_new)
{
	if (json_equal((json_t *)before, (json_t *)after) || (!before && !after))
		return 0;
	/* Removing the field: guarded when any change is, or when it held a
	 * guarded value (a workaround's approval is not undone by deleting
	 * the line). */
	if (!after)
		return f->guard_values == NULL || in_list(before, f->guard_values);
	if (is_new && f->guard_initial && json_is_string(after) &&
	    strcmp(json_string_value(after), f->guard_initial) == 0)
		return 0;
	return f->guard_values ? in_list(after, f->guard_values) : 1;
}

static int check_guards(const wp_viewer *v, const char *type, const json_t *old_meta,
			const json_t *new_meta)
{
	const wp_type *t = wp_type_find(type);
	size_t i;

	for (i = 0; t && new_meta && i < t->nfields; i++) {
		const wp_field *f = t->fields[i];
		const json_t *before, *after;

		if (f->guard_role == WP_ROLE_ANONIEM || at_least(v, f->guard_role))
			continue;
		before = old_meta ? json_object_get(old_meta, f->name) : NULL;
		after = json_object_get(new_meta, f->name);
		if (guard_hit(f, before, after, old_meta == NULL)) {
			wp_error_set("%s", wp_t(f->guard_text ? f->guard_text : "access.guarded"));
			return WP_EFORBIDDEN;
		}
	}
	return 0;
}

/* The visibility a change sets must be valid and must include its writer:
 * nobody writes a page away from themselves by mistake. */
static int check_new_visibility(const wp_viewer *v, const json_t *meta)
{
	const char *team;
	wp_vis vis = wp_page_vis(meta, v->default_vis, &team);

	if (vis == WP_VIS_ONGELDIG) {
		const json_t *f = json_object_get(meta, WP_VIS_FIELD);
		wp_vis named;

		if (json_is_string(f) && wp_vis_parse(json_string_value(f), &named) == 0)
			wp_error_set("%s", wp_t("access.team_missing"));
		else
			wp_error_set("%s", wp_t("access.visibility_values"));
		return WP_EINVALID;
	}
	if (!wp_may_read(v, vis, team)) {
		if (v->team && *v->team)
			wp_error_set(wp_t("access.not_your_team"), v->team);
		else
			wp_error_set("%s", wp_t("access.no_team"));
		return WP_EFORBIDDEN;
	}
	return 0;
}

int wp_access_check_change(const wp_viewer *v, const char *type, const json_t *old_meta,
			   const json_t *new_meta)
{
	int rc;

	if (!wp_may_write_type(v, type)) {
		char key[64];

		snprintf(key, sizeof(key), "types.%s", type ? type : "pagina");
		if (v && v->role != WP_ROLE_ANONIEM)
			wp_error_set(wp_t("access.may_not_write"), wp_role_name(v->role), wp_t(key));
		else
			wp_error_set("%s", wp_t("access.login_to_write"));
		return WP_EFORBIDDEN;
	}
	/* Callers answer 404 for a page the writer cannot read; this is the
	 * backstop should one forget. */
	if (old_meta && !wp_may_read_meta(v, old_meta)) {
		wp_error_set("%s", wp_t("http.404"));
		return WP_EFORBIDDEN;
	}
	if (new_meta && (rc = check_new_visibility(v, new_meta)) < 0)
		return rc;
	return check_guards(v, type, old_meta, new_meta);
}

int wp_role_at_least(const wp_viewer *v, wp_role role)
{
	return at_least(v, role);
}

int wp_may_manage_users(const wp_viewer *v)
{
	return at_least(v, WP_ROLE_BEHEERDER);
}

int wp_may_have_tokens(const wp_viewer *v)
{
	return v && v->role != WP_ROLE_ANONIEM;
}
