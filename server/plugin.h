/* plugin.h - the plugin API: what a plugin may register and what the host
 * offers it while it runs.
 *
 * A plugin is a shared object, plugins/<name>/ in the source tree, built as
 * <plugin_dir>/<name>.so and loaded with dlopen() at start when its name is
 * in the "plugins" list of werkplaats.json. It exports one function:
 *
 *     int wp_plugin_init(const wp_host *host, wp_plugin *self);
 *
 * which checks host->version against WP_PLUGIN_API_VERSION (refusing with
 * WP_EVERSION when the major version differs) and registers what the
 * plugin offers through the host's function table: page types with their
 * front-matter schema, fields added to other plugins' types, an on_save
 * hook, a render step, routes, index tables, navigation entries, sections
 * on the page view, and its Dutch texts. Everything registered is copied
 * or kept by the host; a plugin's static tables may be passed as they are.
 * Registration happens only inside wp_plugin_init(); the host freezes its
 * registry before the server's threads start.
 *
 * A plugin never calls the core's functions directly: everything goes
 * through the host table, so a plugin builds against this header (and
 * access.h, jansson, optionally cmark-gfm) alone. JSON values cross the
 * boundary as jansson objects; strings a host function returns as
 * "malloc'd" are freed by the plugin with free().
 *
 * Hooks run on the server's worker threads, several at once: a plugin
 * keeps no mutable global state (its private data, set with set_data(),
 * must be read-only after init or locked by the plugin). The one global
 * a plugin may keep is the host pointer, set once in wp_plugin_init: the
 * table lives as long as the process (as SQLite extensions keep
 * sqlite3_api).
 *
 * plugins/README.md is the guide; this header is the contract. */
#ifndef WP_PLUGIN_H
#define WP_PLUGIN_H

#include "access.h"

#include <jansson.h>
#include <stddef.h>

/* Major * 100 + minor. A plugin built for a different major version is
 * refused; a host with a higher minor version runs older plugins. */
#define WP_PLUGIN_API_VERSION 102
#define WP_PLUGIN_API_MAJOR(v) ((v) / 100)
/* Non-zero when a host of version v offers everything of version want
 * (the same major version, at least that minor): a plugin that uses a
 * function added in 1.1 asks WP_PLUGIN_API_HAS(host->version, 101). */
#define WP_PLUGIN_API_HAS(v, want)                                                                \
	(WP_PLUGIN_API_MAJOR(v) == WP_PLUGIN_API_MAJOR(want) && (v) >= (want))

/* Error codes a plugin may return (the same values as error.h). */
#define WP_PLUGIN_OK 0
#define WP_PLUGIN_ENOTFOUND (-2)  /* no such page, or one the person may not read */
#define WP_PLUGIN_EINVALID (-3)	  /* bad input: a save refused, with a message */
#define WP_PLUGIN_ECONFLICT (-4)  /* a save based on a revision that is no longer current */
#define WP_PLUGIN_ETOOBIG (-5)	  /* above a limit */
#define WP_PLUGIN_EEXISTS (-6)	  /* a new page whose path is taken */
#define WP_PLUGIN_EFORBIDDEN (-8) /* not allowed for this person */
#define WP_PLUGIN_EVERSION (-10)  /* the host's API version does not fit */
#define WP_PLUGIN_ECONFIRM (-11)  /* a save held back until the person confirms a warning
				   * (since 1.2; answered 422) */

typedef struct wp_plugin wp_plugin;   /* the host's record of one plugin */
typedef struct wp_request wp_request; /* one HTTP request, during a route or a section */
typedef struct wp_save wp_save;	      /* one change being saved, during on_save */
typedef struct wp_ixctx wp_ixctx;     /* the index during a catch-up */

/* HTTP methods, as bits (a route names the ones it takes). */
enum { WP_GET = 1, WP_HEAD = 2, WP_POST = 4, WP_PUT = 8, WP_DELETE = 16 };

/* ---- front-matter schemas ---- */

typedef enum {
	WP_FIELD_TEXT = 1, /* a string on one line */
	WP_FIELD_LONGTEXT, /* a string, may span lines */
	WP_FIELD_INTEGER,
	WP_FIELD_BOOLEAN,
	WP_FIELD_DATE,	/* "2026-11-23" */
	WP_FIELD_MONTH, /* "2026-11": month and year only (no exact dates in stories) */
	WP_FIELD_ENUM,	/* a string among values */
	WP_FIELD_LINK,	/* a page of type link_type, by slug or path; must exist and be
			 * readable by the writer */
	WP_FIELD_OBJECT /* a mapping whose keys are described by fields */
} wp_field_kind;

#define WP_FIELD_REQUIRED 1u /* must be present and not empty */
#define WP_FIELD_LIST 2u     /* a YAML list of values of the kind (a single value is
			      * accepted as a list of one) */
#define WP_FIELD_FACET 4u    /* counted as a facet in search and usable as a filter */
#define WP_FIELD_HIDDEN 8u   /* the plugin's own: not in the page's summary box, no tag
			      * page or facet (the index's fields table leaves it out;
			      * pages.fields still holds it) */

typedef struct wp_field wp_field;
struct wp_field {
	const char *name; /* the front-matter key; NULL ends a field table */
	wp_field_kind kind;
	unsigned flags;		   /* WP_FIELD_* */
	const char *const *values; /* ENUM: the allowed values, NULL-terminated */
	const char *link_type;	   /* LINK: the type of the page named */
	const wp_field *fields;	   /* OBJECT: its keys (others are allowed and kept) */
	/* A guarded field: changing it needs guard_role. guard_values: the
	 * values that need it (NULL: any change, including removal);
	 * guard_initial: a value a new page may start with without the role;
	 * guard_text: the text key of the refusal. */
	wp_role guard_role; /* WP_ROLE_ANONIEM (0): not guarded */
	const char *const *guard_values;
	const char *guard_initial;
	const char *guard_text;
};

/* A page type. Its label is the text "type.<name>", its plural
 * "types.<name>", a field's label "field.<key>" (register the texts). */
typedef struct {
	const char *name;   /* "verhaal": [a-z0-9_] */
	const char *folder; /* "verhalen", or with '*' standing for one segment:
			     * "verhalen/ * /perspectieven" (without the spaces);
			     * NULL: a type without pages of its own folder */
	wp_role writer;	    /* the least role that creates and edits its pages */
	const wp_field *fields; /* ends with a field whose name is NULL; may be NULL */
	int listed;		/* shown in the navigation and on the home page */
} wp_type_def;

/* ---- hooks ---- */

/* Called for every change to a page, by every door (form, API, revert,
 * rename, other plugins' saves), after the page's schema and access
 * rights were checked and before the commit. `werkplaats import` is the
 * exception: it brings files in as they are (their schema is checked, no
 * hook runs), so a restore is never rewritten. A plugin may read the change, enrich the
 * new front matter (meta() is mutable), add files to the same commit, or
 * refuse it: return WP_PLUGIN_EINVALID or WP_PLUGIN_EFORBIDDEN after
 * problem() or fail() said why. Return 0 to let it pass. */
typedef int (*wp_on_save_fn)(wp_plugin *self, wp_save *save);

/* A page as the page view shows it: borrowed for the call. */
typedef struct {
	const char *path;
	const char *type;
	const char *title;
	const json_t *meta;
	const char *body;
	size_t body_len;
	const char *revision; /* "" when unknown */
} wp_page_info;

/* Changes a page's final HTML (after wikilinks are resolved): returns
 * NULL to leave it, or a malloc'd replacement. The HTML is safe; a
 * plugin keeps it so (escape whatever it adds). */
typedef char *(*wp_render_fn)(wp_plugin *self, const wp_page_info *page, const char *html);

/* A route: answers the request and returns the HTTP status it sent. */
typedef int (*wp_route_fn)(wp_plugin *self, wp_request *r);

/* A section of the page view: sets *data to a JSON object (new
 * reference) for the plugin's section template, or leaves it NULL for no
 * section. The same data is also given to the page's own template as
 * page.plugins.<plugin name>, so a theme may use it. Return 0 or an
 * error (logged; the page is shown without the section). */
typedef int (*wp_section_fn)(wp_plugin *self, wp_request *r, const wp_page_info *page,
			     json_t **data);

/* Index extras: called inside the index's catch-up transaction for every
 * page added or changed (meta NULL when the page has no front matter)
 * and removed. */
typedef int (*wp_index_page_fn)(wp_plugin *self, wp_ixctx *ix, const char *path,
				const char *type, const json_t *meta, const char *body,
				size_t body_len);
typedef int (*wp_index_remove_fn)(wp_plugin *self, wp_ixctx *ix, const char *path);

/* Whether the authors of page path (type, front matter meta) are shown
 * by their role only to readers outside the author's own team: a
 * reporter who chose not to be named (DOMAIN.md, privacy). Non-zero:
 * mask. Called wherever the core shows who changed a page (page view,
 * history, recent changes, the API); since 1.1. */
typedef int (*wp_author_mask_fn)(wp_plugin *self, const char *path, const char *type,
				 const json_t *meta);

/* One page of save_pages(): its path, the whole file, and the revision
 * edited (NULL: a new page). */
typedef struct {
	const char *path;
	const char *content;
	size_t len;
	const char *base;
} wp_page_write;

/* Called once at shutdown with the plugin's data. */
typedef void (*wp_destroy_fn)(wp_plugin *self, void *data);

/* A plugin's text: key and its Dutch text. */
typedef struct {
	const char *key;
	const char *text;
} wp_plugin_text;

/* The SQL fragment that keeps only the rows of pages table alias a that
 * the asking person may read, for query(): e.g.
 *   "SELECT p.path FROM pages p WHERE p.type = ?1 AND " WP_PLUGIN_VISIBLE("p")
 * The host binds the person to the parameters ?601 to ?604: a query's own
 * parameters are ?1 to ?600. The index's tables a plugin may read:
 * pages(id, path, type, title, fields, revision, author, created,
 * updated, vis, team) with fields the front matter as JSON text;
 * fields(pid, path, key, value) with every scalar front-matter value as
 * text (list items one row each); links(from_path, field, target,
 * resolved) with field NULL for a wikilink in the body and resolved the
 * page path a link reaches (NULL: none). Rename stubs are not in pages. */
#define WP_PLUGIN_VISIBLE(a)                                                                      \
	"(CASE coalesce(" a ".vis, CASE WHEN ?601 = 2 AND " a ".team IS NULL THEN 3 ELSE ?601 "    \
	"END) WHEN 0 THEN 1 WHEN 1 THEN ?602 WHEN 2 THEN (?602 AND " a ".team = ?603) "           \
	"ELSE ?604 END)"

/* ---- the host ---- */

typedef struct wp_host {
	int version; /* WP_PLUGIN_API_VERSION of the host */

	/* -- registration (only inside wp_plugin_init) -- */

	/* The plugin's name as listed in the configuration. Static. */
	const char *(*name)(wp_plugin *self);
	/* This plugin's part of werkplaats.json: "plugin_config": {"<name>":
	 * {...}}; an empty object when there is none. Borrowed. */
	const json_t *(*config)(wp_plugin *self);
	/* The plugin's private data, given to every hook through self. */
	void (*set_data)(wp_plugin *self, void *data, wp_destroy_fn destroy);
	void *(*data)(wp_plugin *self);

	int (*add_type)(wp_plugin *self, const wp_type_def *type);
	/* Adds fields to the schema of type (another plugin's or the core's
	 * "pagina"); applied once all plugins are loaded. A type no plugin
	 * registered is skipped. */
	int (*add_fields)(wp_plugin *self, const char *type, const wp_field *fields);
	int (*add_texts)(wp_plugin *self, const wp_plugin_text *texts, size_t count);
	int (*on_save)(wp_plugin *self, wp_on_save_fn fn);
	int (*on_render)(wp_plugin *self, wp_render_fn fn);
	/* A route for URL paths starting with prefix: "/<segment>" reserves
	 * that first segment for the plugin (no page path may use it), and
	 * "/api/<segment>" is its JSON twin (answers errors as JSON). exact:
	 * only the prefix itself. methods: WP_* bits (HEAD comes with GET). */
	int (*add_route)(wp_plugin *self, const char *prefix, int exact, int methods,
			 wp_route_fn fn);
	/* An entry of the main navigation, shown to min_role and up. */
	int (*add_nav)(wp_plugin *self, const char *text_key, const char *href, wp_role min_role);
	/* A section of the page view of pages of type (NULL: every page),
	 * rendered with the plugin's template (see render()). */
	int (*add_section)(wp_plugin *self, const char *type, const char *template_name,
			   wp_section_fn fn);
	/* Index tables: schema_sql creates them (names start with "<plugin
	 * name>_"); they are dropped and made again with the index. */
	int (*add_index)(wp_plugin *self, const char *schema_sql, wp_index_page_fn on_page,
			 wp_index_remove_fn on_remove);

	/* -- during on_save -- */

	const char *(*save_path)(wp_save *s);
	const char *(*save_type)(wp_save *s);
	/* The front matter before the change (NULL for a new page) and after
	 * it (NULL for a delete; mutable: changes are written to the file). */
	const json_t *(*save_old_meta)(wp_save *s);
	json_t *(*save_meta)(wp_save *s);
	const char *(*save_body)(wp_save *s, size_t *len);
	const wp_viewer *(*save_viewer)(wp_save *s); /* NULL: the command line (owner) */
	/* Adds page path with content to the same commit; base as for a save
	 * (NULL: must be a new page). The added page is checked like any
	 * save (schema, rights) but is not passed to on_save hooks again. */
	int (*save_add_page)(wp_save *s, const char *path, const char *content, size_t len,
			     const char *base);
	/* Records a problem with front-matter field (NULL: the page as a
	 * whole); the save then fails with WP_PLUGIN_EINVALID. */
	void (*problem)(wp_save *s, const char *field, const char *message);
	/* Another page as it is now, for the person saving: {"path", "type",
	 * "title", "meta"} (new reference), or WP_ENOTFOUND (-2) when it does
	 * not exist or they may not read it. */
	int (*save_page)(wp_save *s, json_t **out, const char *path);

	/* -- during a route or a section -- */

	const wp_viewer *(*viewer)(wp_request *r);
	int (*method)(wp_request *r);	   /* a WP_* bit */
	const char *(*rest)(wp_request *r); /* the URL path after the route's prefix, decoded */
	int (*is_api)(wp_request *r);
	const char *(*csrf)(wp_request *r); /* the session's form token for hidden fields */
	/* A query-string value, or NULL. malloc'd. */
	char *(*query)(wp_request *r, const char *name);
	/* A value of the posted form (application/x-www-form-urlencoded), or
	 * NULL. malloc'd. A body above the wiki's limit is answered 413 by
	 * the host (form and json_body then give NULL, and whatever the
	 * plugin sends afterwards is dropped: the first answer stands). */
	char *(*form)(wp_request *r, const char *name);
	/* The request body parsed as JSON (new reference), or NULL. */
	json_t *(*json_body)(wp_request *r);

	/* Rows of a read-only SELECT on the index as [{column: value}], new
	 * reference in *rows. params[0..n): texts bound to ?1..?n (a NULL
	 * entry binds NULL). Use WP_PLUGIN_VISIBLE for anything that lists
	 * pages. */
	int (*query_index)(wp_request *r, json_t **rows, const char *sql,
			   const char *const *params, size_t n);
	/* Full-text search as in GET /api/search: {"total", "results",
	 * "facets"}. q is what a person types; filters NULL or {"type": T,
	 * "fields": {"<field>": "value" or ["any", "of"]}}. */
	int (*search)(wp_request *r, json_t **out, const char *q, const json_t *filters,
		      size_t limit);
	/* The page at path at HEAD as {"path","type","title","meta","body",
	 * "revision"}, when the person may read it; WP_ENOTFOUND (-2) else. */
	int (*page)(wp_request *r, json_t **out, const char *path);
	/* Markdown to safe HTML with the wiki's wikilinks. malloc'd. */
	char *(*markdown)(wp_request *r, const char *md, size_t len);
	/* Saves page path (front matter and body in content) as the person
	 * asking, one commit; base: the revision edited (NULL: a new page).
	 * problems (may be NULL) receives field problems as
	 * [{"field","message"}]; rev_out (41 bytes, may be NULL) the commit.
	 * Returns 0 or an error with its message in error(). */
	int (*save)(wp_request *r, const char *path, const char *content, size_t len,
		    const char *base, const char *message, json_t *problems, char *rev_out);
	/* Writes meta as YAML front matter followed by body: a page file.
	 * malloc'd. Usable anywhere, also outside a request. */
	char *(*compose)(const json_t *meta, const char *body);

	/* Answers: each returns the HTTP status sent. send_page and
	 * send_json take over the reference to data / json. */
	int (*send_page)(wp_request *r, int status, const char *template_name, json_t *data);
	int (*send_json)(wp_request *r, int status, json_t *json);
	int (*send_error)(wp_request *r, int status, const char *message);
	int (*send_redirect)(wp_request *r, int status, const char *location);
	/* Renders one of the plugin's templates with data (borrowed); malloc'd
	 * HTML. Template names are the files of plugins/<name>/templates/
	 * without ".mustache"; a theme overrides one with
	 * themes/<theme>/templates/<plugin>/<name>.mustache. */
	char *(*render)(wp_plugin *self, const char *template_name, json_t *data);

	/* -- index extras (inside add_index callbacks) -- */

	/* Runs one SQL statement on the index with params[0..n) bound to
	 * ?1..?n as text (a NULL entry binds NULL). */
	int (*ix_exec)(wp_ixctx *ix, const char *sql, const char *const *params, size_t n);

	/* -- always -- */

	/* The text for key (the plugin's or the core's). Static. */
	const char *(*text)(const char *key);
	/* Sets the message of the current error (printf format). */
	void (*fail)(const char *fmt, ...);
	/* The message of the last error on this thread. */
	const char *(*error)(void);
	/* Writes a line to the server log. */
	void (*log)(wp_plugin *self, const char *fmt, ...);
	/* The folder of pages of type, e.g. "verhalen", or NULL. Static. */
	const char *(*type_folder)(const char *type);
	/* The type of page path. Static. */
	const char *(*type_of)(const char *path);
	/* Resolves a slug or path named in a field of type link_type to a
	 * page path into out (n bytes): 0, or WP_PLUGIN_EINVALID. */
	int (*link_path)(char *out, size_t n, const char *link_type, const char *value);

	/* ---- since 1.1 (101): check host->version before using these ---- */

	/* Registration: authors of the pages fn says are shown by role only
	 * to readers outside their team (wp_author_mask_fn). */
	int (*on_author)(wp_plugin *self, wp_author_mask_fn fn);
	/* During on_save: the message the person gave with the change, or
	 * NULL when they gave none (the commit gets a default message). A
	 * revert gives its default message ("Teruggezet naar ..."). */
	const char *(*save_message)(wp_save *s);
	/* Saves n pages (1 to 16) as the person asking, in one commit: each
	 * is checked as save() checks one (rights, schema, on_save hooks),
	 * and a LINK field may name a new page of the same call. problems
	 * (may be NULL) receives [{"path","field","message"}]; rev_out (41
	 * bytes, may be NULL) the commit. Nothing is written unless every
	 * page passes. Returns 0 or an error with its message in error(). */
	int (*save_pages)(wp_request *r, const wp_page_write *pages, size_t n, const char *message,
			  json_t *problems, char *rev_out);
	/* The history of page path as the asker of r may see it, newest
	 * first, at most limit entries (0: all): [{"revision", "author",
	 * "time" (seconds since 1970), "date" (Dutch, for people), "iso",
	 * "message" (first line), "deleted", "meta" (the front matter of that
	 * version, {} for a deletion)}], new reference. Versions the asker
	 * could not read are left out, authors are masked as on the history
	 * page. WP_ENOTFOUND (-2) for a page they may not read now. */
	int (*page_history)(wp_request *r, json_t **out, const char *path, size_t limit);
	/* Sends body[0..len) with content_type ("text/csv; charset=utf-8",
	 * "application/atom+xml; charset=utf-8", ...); filename non-NULL:
	 * offered as a download of that name. Returns the status sent. */
	int (*send_text)(wp_request *r, int status, const char *content_type, const char *body,
			 size_t len, const char *filename);
	/* The slug of a title into out (n bytes): lower-case ASCII letters,
	 * digits and '-', accents dropped, at most 60 bytes; "" when nothing
	 * is left. Usable anywhere. */
	void (*slug)(char *out, size_t n, const char *title);
	/* s percent-encoded for a URL query value. malloc'd. */
	char *(*url_encode)(const char *s);

	/* ---- since 1.2 (102): check host->version before using these ---- */

	/* During on_save: the whole page file as the person sent it (front
	 * matter and body; NULL for a delete), and the file as it was before
	 * the change (NULL for a new page). Offsets a plugin reports count
	 * in bytes from the start of content. */
	const char *(*save_content)(wp_save *s, size_t *len);
	const char *(*save_old_content)(wp_save *s, size_t *len);
	/* The visibility the page will have after the change (0 openbaar,
	 * 1 ingelogd, 2 team): its zichtbaarheid, or the wiki's default for
	 * a page without one. */
	int (*save_visibility)(wp_save *s);
	/* Non-zero when the person confirmed key with this change: the form
	 * value "bevestig" (a checkbox per key; several allowed) or the JSON
	 * body's "confirm": ["key", ...] of the request that saves. */
	int (*save_confirmed)(wp_save *s, const char *key);
	/* Records a problem with detail (taken over): {"message" (required),
	 * "field" (a front-matter key; none: the page), and for a spot in the
	 * text "start" and "end" (byte offsets in save_content), "text" (what
	 * is there), "kind", "label" and "placeholder" (what may replace it:
	 * the edit form offers the replacement with one click)}. With
	 * "confirm": key it is a warning: when a change has warnings and no
	 * other problems, it is refused with WP_PLUGIN_ECONFIRM (HTTP 422,
	 * the form shows them with a checkbox per key) until the person
	 * confirms the key (save_confirmed()). */
	void (*problem_detail)(wp_save *s, json_t *detail);
	/* Adds a line to the commit message of the change (e.g. what the
	 * person confirmed). At most 500 bytes per line. */
	void (*save_note)(wp_save *s, const char *line);
	/* For a form shown again after a refusal: the warning keys among
	 * problems (those with "confirm"), each once, with the label of its
	 * checkbox (the text "confirm.<key>"): [{"key", "label"}], new
	 * reference. Render one <input type="checkbox" name="bevestig"
	 * value="{{key}}"> per entry. Usable anywhere. */
	json_t *(*confirm_keys)(const json_t *problems);
} wp_host;

/* The one symbol a plugin exports. */
typedef int (*wp_plugin_init_fn)(const wp_host *host, wp_plugin *self);
#define WP_PLUGIN_INIT_SYMBOL "wp_plugin_init"

#endif
