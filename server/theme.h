/* theme.h - a theme: Mustache templates and static files from
 * themes/<name>/, loaded once at start and read-only afterwards, so one
 * wp_theme is shared by all server threads. */
#ifndef WP_THEME_H
#define WP_THEME_H

#include "buf.h"

#include <jansson.h>

typedef struct wp_theme wp_theme;

/* Loads every templates/NAME.mustache of themes_root/name and fingerprints the
 * static files (for cache-busting URLs). WP_ENOTFOUND with a message when
 * the theme or its "layout" template is missing. Free with wp_theme_free(). */
int wp_theme_load(wp_theme **out, const char *themes_root, const char *name);
void wp_theme_free(wp_theme *t);

/* Adds the templates of dir (a plugin's) as "<prefix>/NAME"; the theme's
 * own templates/<prefix>/NAME.mustache replaces one of the same name. A
 * missing dir adds nothing. Returns 0 or an error (WP_ETOOBIG: too many
 * templates). */
int wp_theme_add_templates(wp_theme *t, const char *prefix, const char *dir);

/* Renders template `name` (without .mustache) with data, appending HTML to
 * out. Partials and parents are the theme's other templates. */
int wp_theme_render(wp_buf *out, const wp_theme *t, const char *name, json_t *data);

/* Short hex fingerprint of the static files; changes when any changes. */
const char *wp_theme_version(const wp_theme *t);

/* Absolute directory of the static files. */
const char *wp_theme_static_dir(const wp_theme *t);

#endif
