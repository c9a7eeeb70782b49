/* access.h - who may read and change what.
 *
 * Roles (DOMAIN.md) are cumulative: lezer < professional = ervaringswerker
 * < regioteam < beheerder. Every right is decided here, from the page
 * types' writers and guarded front-matter fields (types.h, filled by the
 * plugins that define the types); handlers ask, they never compare roles
 * themselves.
 *
 * A page's visibility comes from its front matter: `zichtbaarheid:
 * openbaar | ingelogd | team` and, for team, `team: <name>`. A page
 * without the field gets the wiki's default (config "default_visibility",
 * default ingelogd). A value that is none of these, or team without a
 * team, is "ongeldig": no one but a beheerder (who can repair it) reads
 * such a page. */
#ifndef WP_ACCESS_H
#define WP_ACCESS_H

#include <jansson.h>

typedef enum {
	WP_ROLE_ANONIEM = 0, /* not logged in */
	WP_ROLE_LEZER,
	WP_ROLE_PROFESSIONAL,
	WP_ROLE_ERVARINGSWERKER,
	WP_ROLE_REGIOTEAM,
	WP_ROLE_BEHEERDER
} wp_role;

/* "lezer", …, "beheerder"; "anoniem" for WP_ROLE_ANONIEM. Static. */
const char *wp_role_name(wp_role role);
/* Parses an account role (not "anoniem"). Returns 0, or WP_EINVALID with
 * a message listing the roles. */
int wp_role_parse(const char *name, wp_role *out);

typedef enum {
	WP_VIS_OPENBAAR = 0,
	WP_VIS_INGELOGD = 1,
	WP_VIS_TEAM = 2,
	WP_VIS_ONGELDIG = 3
} wp_vis;

#define WP_VIS_FIELD "zichtbaarheid"
#define WP_TEAM_FIELD "team"

/* "openbaar", "ingelogd", "team", "ongeldig". Static. */
const char *wp_vis_name(wp_vis vis);
/* Parses openbaar / ingelogd / team (the values a page or the config may
 * name). Returns 0 or WP_EINVALID with a message. */
int wp_vis_parse(const char *name, wp_vis *out);

/* Who is asking: the reader of a page, the writer of a change. Strings
 * are borrowed from the request for its lifetime. */
typedef struct {
	wp_role role;
	const char *name;    /* account name; NULL when anonymous */
	const char *display; /* display name; NULL when anonymous */
	const char *team;    /* NULL or "" when none */
	wp_vis default_vis;  /* the wiki's visibility for pages without the field */
} wp_viewer;

/* Visibility of a page with front matter meta (NULL: none) under
 * default_vis; *team is set to the page's team (borrowed from meta) or
 * NULL. */
wp_vis wp_page_vis(const json_t *meta, wp_vis default_vis, const char **team);

/* Non-zero when v may read a page of visibility vis and team. */
int wp_may_read(const wp_viewer *v, wp_vis vis, const char *team);
/* The same for a page's front matter. */
int wp_may_read_meta(const wp_viewer *v, const json_t *meta);

/* Non-zero when v may create, edit, rename, delete or revert pages of
 * type (see types.h) at all. */
int wp_may_write_type(const wp_viewer *v, const char *type);

/* Checks one change by v to a page of type: old_meta is the front matter
 * before (NULL for a new page), new_meta after (NULL for a delete). Checks
 * the type's write right, that v may read the page before and after (the
 * visibility v sets must include v: a team page is for v's own team), the
 * value of zichtbaarheid, and the type's guarded fields (e.g. a
 * systeemfout's status, approving a workaround or an anonymisation). Returns 0, WP_EFORBIDDEN or
 * WP_EINVALID with a Dutch message in wp_error_last(). */
int wp_access_check_change(const wp_viewer *v, const char *type, const json_t *old_meta,
			   const json_t *new_meta);

/* Non-zero when v's role has at least the rights of role (ervaringswerker
 * and professional count the same). */
int wp_role_at_least(const wp_viewer *v, wp_role role);

/* Non-zero when v manages accounts (beheerder). */
int wp_may_manage_users(const wp_viewer *v);
/* Non-zero when v is logged in and may keep API tokens of their own. */
int wp_may_have_tokens(const wp_viewer *v);

#endif
