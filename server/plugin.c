/* plugin.c - loading plugins and keeping what they register (see
 * plugin.h for the contract, plugin_host.h for the core's side). The
 * request services of the host table live in http_plugin.c. */
#include "plugin_host.h"

#include "error.h"
#include "path.h"
#include "schema.h"
#include "texts.h"
#include "types.h"
#include "wiki.h"

#include <dlfcn.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PLUGINS 32
#define MAX_HOOKS 64 /* of each kind, over all plugins */

struct wp_plugin {
	char *name;
	char *template_dir;
	char *static_dir;
	void *dl;
	void *data;
	wp_destroy_fn destroy;
	json_t *config; /* its part of plugin_config, or an empty object */
	int initialising; /* registration is allowed */
};

struct wp_plugin_route {
	wp_plugin *plugin;
	char prefix[96];
	int exact;
	int methods;
	wp_route_fn fn;
};

typedef struct {
	wp_plugin *plugin;
	const char *text_key;
	char href[256];
	wp_role min_role;
} nav_entry;

typedef struct {
	wp_plugin *plugin;
	char type[48]; /* "" for every page */
	char template_name[128];
	wp_section_fn fn;
} section_entry;

typedef struct {
	wp_plugin *plugin;
	char *schema_sql;
	wp_index_page_fn on_page;
	wp_index_remove_fn on_remove;
} index_entry;

struct wp_ixctx {
	sqlite3 *db;
};

/* Filled by wp_plugins_load() in main(), read-only while threads run. */
static struct {
	wp_plugin plugins[MAX_PLUGINS];
	size_t count;
	struct wp_plugin_route routes[MAX_HOOKS];
	size_t nroutes;
	nav_entry nav[MAX_HOOKS];
	size_t nnav;
	section_entry sections[MAX_HOOKS];
	size_t nsections;
	index_entry index[MAX_HOOKS];
	size_t nindex;
	struct {
		wp_plugin *plugin;
		wp_on_save_fn fn;
	} savers[MAX_HOOKS];
	size_t nsavers;
	struct {
		wp_plugin *plugin;
		wp_render_fn fn;
	} renderers[MAX_HOOKS];
	size_t nrenderers;
	struct {
		wp_plugin *plugin;
		wp_author_mask_fn fn;
	} maskers[MAX_HOOKS];
	size_t nmaskers;
	char signature[33];
	wp_host host;
} reg;

/* ---- registration ---- */

/* Registration is for wp_plugin_init only; the registry is read by
 * every thread afterwards without locks. */
static int may_register(wp_plugin *self, size_t used, const char *what)
{
	if (!self->initialising) {
		wp_error_set(wp_t("plugin.not_now"), self->name);
		return 0;
	}
	if (used >= MAX_HOOKS) {
		wp_error_set(wp_t("plugin.too_many"), what);
		return 0;
	}
	return 1;
}

static const char *h_name(wp_plugin *self)
{
	return self->name;
}

static const json_t *h_config(wp_plugin *self)
{
	return self->config;
}

static void h_set_data(wp_plugin *self, void *data, wp_destroy_fn destroy)
{
	self->data = data;
	self->destroy = destroy;
}

static void *h_data(wp_plugin *self)
{
	return self->data;
}

static int h_add_type(wp_plugin *self, const wp_type_def *type)
{
	if (!may_register(self, 0, "types"))
		return WP_EINVALID;
	return wp_types_add(type, self->name);
}

static int h_add_fields(wp_plugin *self, const char *type, const wp_field *fields)
{
	if (!may_register(self, 0, "fields"))
		return WP_EINVALID;
	return wp_types_add_fields(type, fields);
}

static int h_add_texts(wp_plugin *self, const wp_plugin_text *texts, size_t count)
{
	if (!may_register(self, 0, "texts"))
		return WP_EINVALID;
	/* wp_plugin_text and wp_text have one layout: key, text. */
	return wp_texts_add((const wp_text *)texts, count) < 0 ? WP_ENOMEM : 0;
}

static int h_on_save(wp_plugin *self, wp_on_save_fn fn)
{
	if (!may_register(self, reg.nsavers, "on_save"))
		return WP_EINVALID;
	reg.savers[reg.nsavers].plugin = self;
	reg.savers[reg.nsavers++].fn = fn;
	return 0;
}

static int h_on_render(wp_plugin *self, wp_render_fn fn)
{
	if (!may_register(self, reg.nrenderers, "on_render"))
		return WP_EINVALID;
	reg.renderers[reg.nrenderers].plugin = self;
	reg.renderers[reg.nrenderers++].fn = fn;
	return 0;
}

static int h_on_author(wp_plugin *self, wp_author_mask_fn fn)
{
	if (!may_register(self, reg.nmaskers, "on_author"))
		return WP_EINVALID;
	reg.maskers[reg.nmaskers].plugin = self;
	reg.maskers[reg.nmaskers++].fn = fn;
	return 0;
}

int wp_plugins_author_masked(const char *path, const char *type, const json_t *meta)
{
	size_t i;

	for (i = 0; path && i < reg.nmaskers; i++)
		if (reg.maskers[i].fn(reg.maskers[i].plugin, path, type ? type : "", meta))
			return 1;
	return 0;
}

const char *wp_plugins_static_dir(const char *name)
{
	size_t i;

	for (i = 0; name && i < reg.count; i++)
		if (strcmp(reg.plugins[i].name, name) == 0)
			return reg.plugins[i].static_dir;
	return NULL;
}

/* A route segment: [a-z0-9-], 1 to 40 bytes, no leading '-'. */
static int valid_segment(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* The first segment of a route prefix "/<seg>" or "/api/<seg>" into seg;
 * the rest of the prefix may hold more segments. */
static int route_segment(char *seg, size_t n, const char *prefix, int *api)
{
	const char *s = prefix, *end;

	if (s[0] != '/')
		return -1;
	s++;
	*api = strncmp(s, "api/", 4) == 0;
	if (*api)
		s += 4;
	end = strchr(s, '/');
	if (!end)
		end = s + strlen(s);
	if (!valid_segment(s, (size_t)(end - s)) || (size_t)(end - s) >= n)
		return -1;
	memcpy(seg, s, (size_t)(end - s));
	seg[end - s] = '\0';
	return 0;
}

/* Whether a segment is free for a plugin: not the core's, not another
 * plugin's, and (for pages) not a type's folder. */
static int segment_free(const char *seg, int api, const wp_plugin *self)
{
	size_t i;
	int other_api;
	char other[48];

	if (!api && wp_path_is_reserved(seg)) {
		/* A plugin's second route under its own segment is fine. */
		for (i = 0; i < reg.nroutes; i++)
			if (route_segment(other, sizeof(other), reg.routes[i].prefix,
					  &other_api) == 0 &&
			    !other_api && strcmp(other, seg) == 0)
				return reg.routes[i].plugin == self;
		return 0;
	}
	if (api && wp_api_segment_taken(seg))
		return 0;
	/* A route over a type's folder would hide its pages (a folder made
	 * after the route is refused by wp_path_check() instead). */
	for (i = 0; !api && i < wp_type_count(); i++) {
		const char *f = wp_type_at(i)->folder;
		size_t n = strlen(seg);

		if (f && strncmp(f, seg, n) == 0 && (f[n] == '\0' || f[n] == '/'))
			return 0;
	}
	for (i = 0; i < reg.nroutes; i++)
		if (route_segment(other, sizeof(other), reg.routes[i].prefix, &other_api) == 0 &&
		    other_api == api && strcmp(other, seg) == 0 && reg.routes[i].plugin != self)
			return 0;
	return 1;
}

static int h_add_route(wp_plugin *self, const char *prefix, int exact, int methods,
		       wp_route_fn fn)
{
	struct wp_plugin_route *rt;
	char seg[48];
	int api, i;

	if (!may_register(self, reg.nroutes, "routes"))
		return WP_EINVALID;
	if (!prefix || strlen(prefix) >= sizeof(rt->prefix) || !fn ||
	    route_segment(seg, sizeof(seg), prefix, &api) < 0) {
		wp_error_set(wp_t("plugin.bad_route"), prefix ? prefix : "");
		return WP_EINVALID;
	}
	for (i = 0; i < (int)reg.nroutes; i++)
		if (strcmp(reg.routes[i].prefix, prefix) == 0)
			break;
	if (i < (int)reg.nroutes || !segment_free(seg, api, self)) {
		wp_error_set(wp_t("plugin.route_taken"), prefix);
		return WP_EEXISTS;
	}
	if (!api && !wp_path_is_reserved(seg) && wp_path_reserve(seg) < 0) {
		wp_error_set(wp_t("plugin.too_many"), "routes");
		return WP_ETOOBIG;
	}
	rt = &reg.routes[reg.nroutes++];
	rt->plugin = self;
	snprintf(rt->prefix, sizeof(rt->prefix), "%s", prefix);
	rt->exact = exact;
	rt->methods = methods | ((methods & WP_GET) ? WP_HEAD : 0);
	rt->fn = fn;
	return 0;
}

static int h_add_nav(wp_plugin *self, const char *text_key, const char *href, wp_role min_role)
{
	nav_entry *e;

	if (!may_register(self, reg.nnav, "nav"))
		return WP_EINVALID;
	if (!text_key || !href || href[0] != '/' || strlen(href) >= sizeof(e->href)) {
		wp_error_set(wp_t("plugin.bad_route"), href ? href : "");
		return WP_EINVALID;
	}
	e = &reg.nav[reg.nnav++];
	e->plugin = self;
	e->text_key = text_key;
	snprintf(e->href, sizeof(e->href), "%s", href);
	e->min_role = min_role;
	return 0;
}

static int h_add_section(wp_plugin *self, const char *type, const char *template_name,
			 wp_section_fn fn)
{
	section_entry *e;

	if (!may_register(self, reg.nsections, "sections"))
		return WP_EINVALID;
	if (!fn || !template_name || strlen(template_name) >= sizeof(e->template_name) ||
	    (type && strlen(type) >= sizeof(e->type))) {
		wp_error_set(wp_t("plugin.bad_route"), template_name ? template_name : "");
		return WP_EINVALID;
	}
	e = &reg.sections[reg.nsections++];
	e->plugin = self;
	snprintf(e->type, sizeof(e->type), "%s", type ? type : "");
	snprintf(e->template_name, sizeof(e->template_name), "%s", template_name);
	e->fn = fn;
	return 0;
}

static int h_add_index(wp_plugin *self, const char *schema_sql, wp_index_page_fn on_page,
		       wp_index_remove_fn on_remove)
{
	index_entry *e;

	if (!may_register(self, reg.nindex, "index"))
		return WP_EINVALID;
	e = &reg.index[reg.nindex];
	e->schema_sql = strdup(schema_sql ? schema_sql : "");
	if (!e->schema_sql)
		return WP_ENOMEM;
	e->plugin = self;
	e->on_page = on_page;
	e->on_remove = on_remove;
	reg.nindex++;
	return 0;
}

/* ---- on_save ---- */

static const char *s_path(wp_save *s)
{
	return s->path;
}

static const char *s_type(wp_save *s)
{
	return s->type;
}

static const json_t *s_old_meta(wp_save *s)
{
	return s->old_meta;
}

static json_t *s_meta(wp_save *s)
{
	return s->meta;
}

static const char *s_body(wp_save *s, size_t *len)
{
	if (len)
		*len = s->body_len;
	return s->body;
}

static const wp_viewer *s_viewer(wp_save *s)
{
	return s->viewer;
}

static const char *s_message(wp_save *s)
{
	return s->message;
}

static int s_add_page(wp_save *s, const char *path, const char *content, size_t len,
		      const char *base)
{
	json_t *o;

	if (!path || !content)
		return WP_EINVALID;
	o = json_pack("{s:s, s:s%}", "path", path, "content", content, len);
	if (o && base)
		json_object_set_new(o, "base", json_string(base));
	return o && json_array_append_new(s->added, o) == 0 ? 0 : WP_ENOMEM;
}

static void s_problem(wp_save *s, const char *field, const char *message)
{
	json_t *o = json_pack("{s:s}", "message", message ? message : "");

	if (o && field)
		json_object_set_new(o, "field", json_string(field));
	json_array_append_new(s->problems, o);
}

static const char *s_content(wp_save *s, size_t *len)
{
	if (len)
		*len = s->content_len;
	return s->content;
}

static const char *s_old_content(wp_save *s, size_t *len)
{
	if (len)
		*len = s->old_len;
	return s->old_content;
}

static int s_visibility(wp_save *s)
{
	return s->vis;
}

static int s_confirmed(wp_save *s, const char *key)
{
	const json_t *k;
	size_t i;

	json_array_foreach(s->confirm, i, k)
		if (key && json_is_string(k) && strcmp(json_string_value(k), key) == 0)
			return 1;
	return 0;
}

/* Keeps a detail's known keys of the right JSON kind only, so a
 * plugin's slip cannot put arbitrary data into an answer. */
static void s_problem_detail(wp_save *s, json_t *detail)
{
	static const char *const strings[] = { "field", "text", "kind", "label", "placeholder",
					       "confirm" };
	json_t *o = json_object();
	const json_t *msg = json_object_get(detail, "message");
	size_t i;

	if (o && json_is_string(msg)) {
		json_object_set(o, "message", (json_t *)msg);
		for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
			json_t *v = json_object_get(detail, strings[i]);

			if (json_is_string(v))
				json_object_set(o, strings[i], v);
		}
		if (json_is_integer(json_object_get(detail, "start")) &&
		    json_is_integer(json_object_get(detail, "end"))) {
			json_object_set(o, "start", json_object_get(detail, "start"));
			json_object_set(o, "end", json_object_get(detail, "end"));
		}
		json_array_append(s->problems, o);
	}
	json_decref(o);
	json_decref(detail);
}

static void s_note(wp_save *s, const char *line)
{
	if (s->notes && line && *line)
		json_array_append_new(s->notes, json_stringn(line, strnlen(line, 500)));
}

static int s_save_page(wp_save *s, json_t **out, const char *path)
{
	wp_page *p = NULL;
	int rc;

	*out = NULL;
	if (!path || wp_path_check(path) < 0)
		return WP_ENOTFOUND;
	rc = wp_page_load(&p, s->store, path, NULL, 0);
	if (rc == 0 && (wp_page_redirect(p) || wp_page_parse_error(p) ||
			(s->viewer && !wp_may_read_meta(s->viewer, wp_page_meta(p)))))
		rc = WP_ENOTFOUND;
	if (rc == 0 && !(*out = json_pack("{s:s, s:s, s:s, s:O}", "path", wp_page_path(p), "type",
					  wp_page_type(p), "title", wp_page_title(p), "meta",
					  wp_page_meta(p))))
		rc = WP_ENOMEM;
	wp_page_free(p);
	return rc;
}

/* How the problems from index from on refuse a save: WP_EINVALID when
 * one is not a warning, WP_ECONFIRM when all are; 0 for none. */
static int refusal_of(const json_t *problems, size_t from)
{
	size_t i;
	int rc = 0;

	for (i = from; i < json_array_size(problems); i++) {
		if (!json_object_get(json_array_get(problems, i), "confirm"))
			return WP_EINVALID;
		rc = WP_ECONFIRM;
	}
	return rc;
}

int wp_plugins_on_save(struct wp_save *s)
{
	size_t i, before, first = json_array_size(s->problems);
	int rc;

	for (i = 0; i < reg.nsavers; i++) {
		before = json_array_size(s->problems);
		wp_error_set("%s", "");
		rc = reg.savers[i].fn(reg.savers[i].plugin, s);
		/* Warnings wait until every hook has run: a later hook's hard
		 * problem is shown with them, so the person fixes all at once. */
		if ((rc == 0 || rc == WP_ECONFIRM) && refusal_of(s->problems, before) != WP_EINVALID)
			continue;
		if (rc == 0)
			rc = WP_EINVALID;
		if (rc < 0) {
			if (json_array_size(s->problems) > before)
				wp_schema_explain(s->problems);
			else if (!*wp_error_last())
				wp_error_set(wp_t("plugin.hook_failed"), reg.savers[i].plugin->name,
					     wp_t("schema.invalid"));
			return rc == WP_EFORBIDDEN ? WP_EFORBIDDEN : rc == WP_ENOMEM ? rc
										 : WP_EINVALID;
		}
	}
	if ((rc = refusal_of(s->problems, first)) == WP_ECONFIRM)
		wp_error_set("%s", wp_t("plugin.confirm_needed"));
	return rc;
}

/* ---- rendering, routes, navigation, sections ---- */

int wp_plugins_render(char **out, const wp_page_info *page, const char *html)
{
	char *cur = NULL, *next;
	size_t i;

	*out = NULL;
	for (i = 0; i < reg.nrenderers; i++) {
		next = reg.renderers[i].fn(reg.renderers[i].plugin, page, cur ? cur : html);
		if (next) {
			free(cur);
			cur = next;
		}
	}
	*out = cur;
	return 0;
}

const wp_plugin_route *wp_plugins_route(const char *path)
{
	size_t i, n;

	for (i = 0; i < reg.nroutes; i++) {
		const struct wp_plugin_route *rt = &reg.routes[i];

		n = strlen(rt->prefix);
		if (rt->exact ? strcmp(path, rt->prefix) == 0
			      : strncmp(path, rt->prefix, n) == 0 &&
					(path[n] == '\0' || path[n] == '/'))
			return rt;
	}
	return NULL;
}

size_t wp_plugins_route_prefix_len(const wp_plugin_route *route)
{
	return strlen(route->prefix);
}

int wp_plugins_call_route(const wp_plugin_route *route, wp_request *r, int method,
			  int (*send_405)(wp_request *r, int allowed))
{
	if (!(route->methods & method))
		return send_405(r, route->methods);
	return route->fn(route->plugin, r);
}

json_t *wp_plugins_nav(wp_role role)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; list && i < reg.nnav; i++) {
		/* The same ranks as access.c: ervaringswerker equals professional. */
		wp_viewer v = { role, NULL, NULL, NULL, WP_VIS_INGELOGD };

		if (!wp_role_at_least(&v, reg.nav[i].min_role))
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s}", "label",
						      wp_t(reg.nav[i].text_key), "href",
						      reg.nav[i].href));
	}
	return list;
}

int wp_plugins_sections(json_t *sections, json_t *plugins, wp_request *r,
			const wp_page_info *page,
			char *(*render)(wp_request *r, const char *template_name, json_t *data))
{
	size_t i;

	for (i = 0; i < reg.nsections; i++) {
		const section_entry *e = &reg.sections[i];
		json_t *data = NULL;
		char *html;
		int rc;

		if (e->type[0] && strcmp(e->type, page->type) != 0)
			continue;
		rc = e->fn(e->plugin, r, page, &data);
		if (rc < 0 || !data) {
			if (rc < 0)
				fprintf(stderr, "werkplaats: %s\n", wp_error_last());
			json_decref(data);
			continue;
		}
		html = render(r, e->template_name, data);
		if (html)
			json_array_append_new(sections, json_pack("{s:s, s:s}", "plugin",
								  e->plugin->name, "html", html));
		free(html);
		json_object_set_new(plugins, e->plugin->name, data);
	}
	return 0;
}

/* ---- the index ---- */

static int ix_exec(wp_ixctx *ix, const char *sql, const char *const *params, size_t n)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int src;

	src = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	for (i = 0; src == SQLITE_OK && i < n; i++)
		src = params[i] ? sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC)
				: sqlite3_bind_null(st, (int)i + 1);
	while (src == SQLITE_OK && (src = sqlite3_step(st)) == SQLITE_ROW)
		src = SQLITE_OK;
	if (src != SQLITE_DONE && src != SQLITE_OK)
		wp_error_set("%s", sqlite3_errmsg(ix->db));
	sqlite3_finalize(st);
	return src == SQLITE_DONE || src == SQLITE_OK ? 0 : WP_ERROR;
}

const char *wp_plugins_index_signature(void)
{
	return reg.signature;
}

/* The names of a plugin's tables, from its schema: every "CREATE TABLE
 * [IF NOT EXISTS] name" and "CREATE INDEX". Dropping the tables drops
 * their indexes. */
static int drop_tables(sqlite3 *db, const char *schema)
{
	const char *p = schema;
	char name[128], sql[200];
	int rc = 0;

	while (rc == 0 && (p = strcasestr(p, "CREATE TABLE")) != NULL) {
		size_t n;

		p += 12;
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "IF NOT EXISTS", 13) == 0)
			p += 13;
		while (*p == ' ')
			p++;
		n = strcspn(p, " (;");
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, p, n);
		name[n] = '\0';
		snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS \"%s\"", name);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			wp_error_set("%s", sqlite3_errmsg(db));
			rc = WP_ERROR;
		}
	}
	return rc;
}

int wp_plugins_index_schema(sqlite3 *db, int drop)
{
	size_t i;

	for (i = 0; i < reg.nindex; i++) {
		const char *sql = reg.index[i].schema_sql;
		int rc = drop_tables(db, sql);

		if (rc == 0 && !drop && sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			wp_error_set(wp_t("plugin.bad_index"), reg.index[i].plugin->name,
				     sqlite3_errmsg(db));
			rc = WP_ERROR;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

int wp_plugins_index_page(sqlite3 *db, const char *path, const char *type, const json_t *meta,
			  const char *body, size_t body_len)
{
	wp_ixctx ix = { db };
	size_t i;
	int rc;

	for (i = 0; i < reg.nindex; i++) {
		if (!reg.index[i].on_page)
			continue;
		rc = reg.index[i].on_page(reg.index[i].plugin, &ix, path, type, meta, body,
					  body_len);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int wp_plugins_index_remove(sqlite3 *db, const char *path)
{
	wp_ixctx ix = { db };
	size_t i;
	int rc;

	for (i = 0; i < reg.nindex; i++) {
		if (!reg.index[i].on_remove)
			continue;
		if ((rc = reg.index[i].on_remove(reg.index[i].plugin, &ix, path)) < 0)
			return rc;
	}
	return 0;
}

/* A hash of the plugins and their index schemas, kept in the index: when
 * it changes the index is rebuilt with the new tables. */
static void sign_index(void)
{
	crypto_generichash_state st;
	unsigned char h[16];
	size_t i;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	for (i = 0; i < reg.nindex; i++) {
		crypto_generichash_update(&st, (const unsigned char *)reg.index[i].plugin->name,
					  strlen(reg.index[i].plugin->name) + 1);
		crypto_generichash_update(&st, (const unsigned char *)reg.index[i].schema_sql,
					  strlen(reg.index[i].schema_sql) + 1);
	}
	crypto_generichash_final(&st, h, sizeof(h));
	if (reg.nindex == 0)
		reg.signature[0] = '\0';
	else
		sodium_bin2hex(reg.signature, sizeof(reg.signature), h, sizeof(h));
}

/* ---- always ---- */

static void h_fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	wp_error_set("%s", msg);
}

static void h_log(wp_plugin *self, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "werkplaats: %s: %s\n", self->name, msg);
}

static const char *h_type_folder(const char *type)
{
	const wp_type *t = wp_type_find(type);

	return t ? t->folder : NULL;
}

static int h_link_path(char *out, size_t n, const char *link_type, const char *value)
{
	return wp_type_link_path(out, n, link_type, value) < 0 ? WP_EINVALID : 0;
}

static char *h_url_encode(const char *s)
{
	wp_buf out = WP_BUF_INIT;

	if (wp_buf_put_url(&out, s ? s : "", s ? strlen(s) : 0, 0) < 0) {
		wp_buf_dispose(&out);
		return NULL;
	}
	return wp_buf_detach(&out);
}

static void fill_host(wp_host *h)
{
	memset(h, 0, sizeof(*h));
	h->version = WP_PLUGIN_API_VERSION;
	h->name = h_name;
	h->config = h_config;
	h->set_data = h_set_data;
	h->data = h_data;
	h->add_type = h_add_type;
	h->add_fields = h_add_fields;
	h->add_texts = h_add_texts;
	h->on_save = h_on_save;
	h->on_render = h_on_render;
	h->add_route = h_add_route;
	h->add_nav = h_add_nav;
	h->add_section = h_add_section;
	h->add_index = h_add_index;
	h->save_path = s_path;
	h->save_type = s_type;
	h->save_old_meta = s_old_meta;
	h->save_meta = s_meta;
	h->save_body = s_body;
	h->save_viewer = s_viewer;
	h->save_add_page = s_add_page;
	h->problem = s_problem;
	h->save_page = s_save_page;
	h->ix_exec = ix_exec;
	h->text = wp_t;
	h->fail = h_fail;
	h->error = wp_error_last;
	h->log = h_log;
	h->type_folder = h_type_folder;
	h->type_of = wp_type_of_path;
	h->link_path = h_link_path;
	h->on_author = h_on_author;
	h->save_message = s_message;
	h->slug = wp_slug;
	h->url_encode = h_url_encode;
	h->save_content = s_content;
	h->save_old_content = s_old_content;
	h->save_visibility = s_visibility;
	h->save_confirmed = s_confirmed;
	h->problem_detail = s_problem_detail;
	h->save_note = s_note;
	wp_http_plugin_services(h);
}

/* ---- loading ---- */

static int load_one(wp_plugin *p, const wp_config *cfg, const char *name)
{
	char file[4096];
	wp_plugin_init_fn init;
	int rc;

	if (!valid_segment(name, strlen(name)) || strlen(name) > 40) {
		wp_error_set(wp_t("plugin.bad_name"), name);
		return WP_EINVALID;
	}
	p->name = strdup(name);
	/* Templates next to an installed plugin, else in the source tree. */
	snprintf(file, sizeof(file), "%s/%s/templates", cfg->plugin_dir, name);
	if (access(file, F_OK) != 0)
		snprintf(file, sizeof(file), "%s/plugins/%s/templates", cfg->root_dir, name);
	p->template_dir = strdup(file);
	snprintf(file, sizeof(file), "%s/%s/static", cfg->plugin_dir, name);
	if (access(file, F_OK) != 0)
		snprintf(file, sizeof(file), "%s/plugins/%s/static", cfg->root_dir, name);
	p->static_dir = strdup(file);
	if (!p->name || !p->template_dir || !p->static_dir)
		return WP_ENOMEM;
	p->config = json_object_get(cfg->plugin_config, name);
	p->config = json_is_object(p->config) ? json_incref(p->config) : json_object();
	if (!p->config)
		return WP_ENOMEM;
	snprintf(file, sizeof(file), "%s/%s.so", cfg->plugin_dir, name);
	p->dl = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!p->dl) {
		wp_error_set(wp_t("plugin.missing"), name, dlerror());
		return WP_EINVALID;
	}
	*(void **)&init = dlsym(p->dl, WP_PLUGIN_INIT_SYMBOL);
	if (!init) {
		wp_error_set(wp_t("plugin.no_entry"), name, dlerror());
		return WP_EINVALID;
	}
	p->initialising = 1;
	wp_error_set("%s", "");
	rc = init(&reg.host, p);
	p->initialising = 0;
	if (rc == WP_PLUGIN_EVERSION) {
		wp_error_set(wp_t("plugin.version"), name, WP_PLUGIN_API_VERSION);
		return WP_EINVALID;
	}
	if (rc < 0) {
		char why[512];

		snprintf(why, sizeof(why), "%s", *wp_error_last() ? wp_error_last() : "?");
		wp_error_set(wp_t("plugin.failed"), name, why);
		return WP_EINVALID;
	}
	return 0;
}

int wp_plugins_load(const wp_config *cfg)
{
	json_t *item;
	size_t i, j;
	int rc = 0;

	fill_host(&reg.host);
	json_array_foreach(cfg->plugins, i, item) {
		const char *name = json_string_value(item);

		for (j = 0; j < reg.count; j++)
			if (strcmp(reg.plugins[j].name, name) == 0)
				break;
		if (j < reg.count) {
			wp_error_set(wp_t("plugin.twice"), name);
			rc = WP_EINVALID;
			break;
		}
		if (reg.count == MAX_PLUGINS) {
			wp_error_set(wp_t("plugin.too_many_plugins"), MAX_PLUGINS);
			rc = WP_EINVALID;
			break;
		}
		rc = load_one(&reg.plugins[reg.count++], cfg, name);
		if (rc < 0)
			break;
	}
	if (rc == 0)
		rc = wp_types_freeze();
	if (rc == 0)
		sign_index();
	return rc;
}

void wp_plugins_unload(void)
{
	size_t i;

	for (i = 0; i < reg.count; i++) {
		wp_plugin *p = &reg.plugins[i];

		if (p->destroy)
			p->destroy(p, p->data);
	}
	/* The type and text registries hold pointers into the plugins'
	 * static tables: empty them before the code goes. */
	wp_types_reset();
	wp_texts_reset();
	wp_path_reserve_reset();
	for (i = 0; i < reg.nindex; i++)
		free(reg.index[i].schema_sql);
	for (i = 0; i < reg.count; i++) {
		wp_plugin *p = &reg.plugins[i];

		if (p->dl)
			dlclose(p->dl);
		free(p->name);
		free(p->template_dir);
		free(p->static_dir);
		json_decref(p->config);
	}
	memset(&reg, 0, sizeof(reg));
}

size_t wp_plugins_count(void)
{
	return reg.count;
}

const char *wp_plugins_name(size_t i)
{
	return i < reg.count ? reg.plugins[i].name : NULL;
}

const char *wp_plugins_template_dir(size_t i)
{
	return i < reg.count ? reg.plugins[i].template_dir : NULL;
}

