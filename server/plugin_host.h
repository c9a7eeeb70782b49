/* plugin_host.h - the host side of the plugin API (plugin.h), for the
 * core: loading the plugins named in the configuration, and calling what
 * they registered. The registry is filled by wp_plugins_load() in main()
 * before any server thread starts and is read-only afterwards. */
#ifndef WP_PLUGIN_HOST_H
#define WP_PLUGIN_HOST_H

#include "config.h"
#include "plugin.h"
#include "store.h"

#include <sqlite3.h>

/* Loads every plugin cfg names, in order, from cfg->plugin_dir, calls
 * its wp_plugin_init, then freezes the type registry. A plugin that is
 * missing, has no entry point, was built for another API version or
 * fails its init stops the loading: returns WP_EINVALID with a Dutch
 * message naming the plugin (the caller must not start). With no
 * plugins, only the core's types exist. */
int wp_plugins_load(const wp_config *cfg);

/* Calls each plugin's destroy callback, closes the shared objects and
 * empties the registries (types and texts too). */
void wp_plugins_unload(void);

/* Number of loaded plugins and the i-th one's name and template folder
 * (<root_dir>/plugins/<name>/templates). Static storage. */
size_t wp_plugins_count(void);
const char *wp_plugins_name(size_t i);
const char *wp_plugins_template_dir(size_t i);

/* ---- on_save ---- */

/* One change being saved: filled by wiki.c, passed to each plugin's
 * on_save. */
struct wp_save {
	const char *path;
	const char *type;
	const json_t *old_meta; /* NULL: a new page */
	json_t *meta;		/* NULL: a delete; plugins may change it */
	const char *body;
	size_t body_len;
	const wp_viewer *viewer;
	json_t *problems; /* [{"field","message"}], filled by problem() */
	/* Pages plugins add to the commit: [{"path","content","base"}]. */
	json_t *added;
	wp_store *store; /* for save_page() */
	const char *message; /* what the person said, or NULL (save_message()) */
	/* Since 1.2: the file as sent (NULL for a delete) and as it was
	 * (NULL for a new page), the page's visibility after the change,
	 * the keys the person confirmed (an array of strings, may be NULL)
	 * and the lines hooks add to the commit message (an array). */
	const char *content;
	size_t content_len;
	const char *old_content;
	size_t old_len;
	int vis;
	const json_t *confirm;
	json_t *notes;
};

/* Non-zero when a plugin masks the authors of page path (type, front
 * matter meta): they are shown by role to readers outside their team. */
int wp_plugins_author_masked(const char *path, const char *type, const json_t *meta);

/* The folder of plugin name's static files (<root>/plugins/<name>/static
 * or next to the installed plugin), or NULL for no such plugin. Static. */
const char *wp_plugins_static_dir(const char *name);

/* Runs every plugin's on_save hook on s. Returns 0, or the first
 * refusal (WP_EINVALID when problems were recorded, or the hook's code)
 * with its message in wp_error_last(). */
int wp_plugins_on_save(struct wp_save *s);

/* ---- the page view ---- */

/* Passes html through every plugin's render step: *out is a malloc'd
 * replacement, or NULL when no plugin changed it. */
int wp_plugins_render(char **out, const wp_page_info *page, const char *html);

/* A plugin route for URL path (decoded), or NULL. api: path starts with
 * "/api/". */
typedef struct wp_plugin_route wp_plugin_route;
const wp_plugin_route *wp_plugins_route(const char *path);
/* Calls route for request r (the host's wp_req, opaque here) after
 * checking the method; rest: path after the prefix. Returns the status
 * sent. */
int wp_plugins_call_route(const wp_plugin_route *route, wp_request *r, int method,
			  int (*send_405)(wp_request *r, int allowed));
/* The route's prefix length (to find rest). */
size_t wp_plugins_route_prefix_len(const wp_plugin_route *route);

/* Navigation entries for a viewer of role: [{"label","href"}]. */
json_t *wp_plugins_nav(wp_role role);

/* Calls the section hooks for page (type page->type): renders each
 * section's data with render and appends {"plugin","html"} to sections,
 * and sets plugins[name] = data. A failing hook is logged and skipped. */
int wp_plugins_sections(json_t *sections, json_t *plugins, wp_request *r,
			const wp_page_info *page,
			char *(*render)(wp_request *r, const char *template_name, json_t *data));

/* ---- the index ---- */

/* A fingerprint of every plugin's index schema ("" without plugins), so
 * the index is rebuilt when plugins or their tables change. Static. */
const char *wp_plugins_index_signature(void);
/* Drops (drop non-zero) or creates every plugin's index tables on db. */
int wp_plugins_index_schema(sqlite3 *db, int drop);
/* Every plugin's on_page / on_remove for one page. */
int wp_plugins_index_page(sqlite3 *db, const char *path, const char *type, const json_t *meta,
			  const char *body, size_t body_len);
int wp_plugins_index_remove(sqlite3 *db, const char *path);

/* ---- the request services of the host table (http_plugin.c) ---- */

/* Fills the request part of the host table. */
void wp_http_plugin_services(wp_host *host);

/* Non-zero when the core's JSON API has a route /api/<seg>[/...]
 * (http_api.c). */
int wp_api_segment_taken(const char *seg);

#endif
