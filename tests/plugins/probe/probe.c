/* probe.c - a test-only plugin that uses every part of the plugin API
 * (plugin.h) once, so tests/integration/plugins.c can check the host's
 * side over HTTP: a page type "proef" whose schema has a field of every
 * kind and flag, a field added to the core's "pagina", an on_save hook
 * that refuses, enriches and adds a page to the commit, a render step, an
 * HTML and a JSON route (routes.c), a navigation entry, a section and an
 * index table. It is never part of a real wiki. */
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORBIDDEN_WORD "VERBODEN"
#define LOG_SUFFIX "-log"

static const char *const kinds[] = { "klein", "groot", NULL };
static const char *const phases[] = { "open", "goedgekeurd", NULL };
static const char *const approved[] = { "goedgekeurd", NULL };
static const char *const colours[] = { "rood", "blauw", NULL };

static const wp_field detail_fields[] = {
	{ .name = "naam", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "toelichting", .kind = WP_FIELD_LONGTEXT },
	{ .name = NULL },
};

static const wp_field proef_fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "samenvatting", .kind = WP_FIELD_LONGTEXT },
	{ .name = "soort", .kind = WP_FIELD_ENUM, .values = kinds },
	{ .name = "thema", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_FACET },
	{ .name = "maand", .kind = WP_FIELD_MONTH },
	{ .name = "datum", .kind = WP_FIELD_DATE },
	{ .name = "aantal", .kind = WP_FIELD_INTEGER },
	{ .name = "actief", .kind = WP_FIELD_BOOLEAN },
	{ .name = "verwijzing", .kind = WP_FIELD_LINK, .link_type = "proef" },
	{ .name = "verwant", .kind = WP_FIELD_LINK, .flags = WP_FIELD_LIST, .link_type = "proef" },
	{ .name = "labels", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST },
	{ .name = "details", .kind = WP_FIELD_OBJECT, .fields = detail_fields },
	/* Approving needs the regio team; any other phase is free. */
	{ .name = "fase",
	  .kind = WP_FIELD_ENUM,
	  .values = phases,
	  .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_values = approved,
	  .guard_text = "probe.guard_fase" },
	{ .name = "log", .kind = WP_FIELD_BOOLEAN },
	{ .name = "gecontroleerd", .kind = WP_FIELD_BOOLEAN },
	{ .name = NULL },
};

/* Added to the core's plain pages. */
static const wp_field pagina_fields[] = {
	{ .name = "kleur", .kind = WP_FIELD_ENUM, .values = colours },
	{ .name = NULL },
};

static const wp_type_def proef_type = { "proef", "proeven", WP_ROLE_PROFESSIONAL, proef_fields,
					1 };

/* The plugin's data (set_data): read-only after init. */
typedef struct {
	char *mark; /* the text the render step appends */
} probe_data;

/* Set once by wp_plugin_init before the server's threads start; read-only
 * afterwards (hooks get only their plugin, not the host table). */
static const wp_host *host_table;

const wp_host *probe_host(void)
{
	return host_table;
}

/* s with & < > " ' replaced by entities: malloc'd, NULL without memory. */
static char *probe_escape(const char *s)
{
	size_t n = 0, i;
	char *out, *o;

	for (i = 0; s[i]; i++)
		n += strchr("&<>\"'", s[i]) ? 6 : 1;
	out = malloc(n + 1);
	if (!out)
		return NULL;
	for (o = out, i = 0; s[i]; i++) {
		const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
			      : s[i] == '"' ? "&quot;" : s[i] == '\'' ? "&#39;" : NULL;

		if (e) {
			memcpy(o, e, strlen(e));
			o += strlen(e);
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* ---- on_save ---- */

/* Whether a page file's text holds the forbidden word. */
static int has_forbidden_word(const char *body, size_t len)
{
	size_t n = strlen(FORBIDDEN_WORD), i;

	for (i = 0; body && i + n <= len; i++)
		if (memcmp(body + i, FORBIDDEN_WORD, n) == 0)
			return 1;
	return 0;
}

/* Copies the visibility of meta to the log page's front matter, so the
 * log is never more visible than its page. */
static void copy_visibility(json_t *log_meta, const json_t *meta)
{
	json_t *v = json_object_get(meta, WP_VIS_FIELD), *t = json_object_get(meta, WP_TEAM_FIELD);

	if (v)
		json_object_set(log_meta, WP_VIS_FIELD, v);
	if (t)
		json_object_set(log_meta, WP_TEAM_FIELD, t);
}

/* Adds the new page "<path>-log" to the commit being saved. */
static int add_log_page(wp_save *s, const json_t *meta)
{
	const wp_host *h = host_table;
	char path[256];
	json_t *log_meta = json_pack("{s:s}", "titel", h->text("probe.log_title"));
	char *content;
	int rc;

	if (!log_meta)
		return WP_PLUGIN_EINVALID;
	copy_visibility(log_meta, meta);
	if ((size_t)snprintf(path, sizeof(path), "%s" LOG_SUFFIX, h->save_path(s)) >= sizeof(path)) {
		json_decref(log_meta);
		h->problem(s, "log", h->text("probe.failed"));
		return WP_PLUGIN_EINVALID;
	}
	content = h->compose(log_meta, h->text("probe.log_body"));
	json_decref(log_meta);
	if (!content)
		return WP_PLUGIN_EINVALID;
	rc = h->save_add_page(s, path, content, strlen(content), NULL);
	free(content);
	return rc;
}

/* Refuses a body with the forbidden word (any type); on proef pages sets
 * gecontroleerd and, when log is switched on, adds the log page. */
static int probe_on_save(wp_plugin *self, wp_save *s)
{
	const wp_host *h = host_table;
	const json_t *old = h->save_old_meta(s);
	json_t *meta = h->save_meta(s);
	size_t len = 0;
	const char *body = h->save_body(s, &len);

	(void)self;
	if (!meta)
		return 0; /* a delete */
	if (has_forbidden_word(body, len)) {
		h->problem(s, NULL, h->text("probe.forbidden_word"));
		return WP_PLUGIN_EINVALID;
	}
	if (strcmp(h->save_type(s), "proef") != 0)
		return 0;
	if (json_object_set_new(meta, "gecontroleerd", json_true()) < 0)
		return WP_PLUGIN_EINVALID;
	if (json_is_true(json_object_get(meta, "log")) &&
	    !(old && json_is_true(json_object_get(old, "log"))))
		return add_log_page(s, meta);
	return 0;
}

/* ---- the page view ---- */

/* Appends the mark to every page's HTML. */
static char *probe_on_render(wp_plugin *self, const wp_page_info *page, const char *html)
{
	const probe_data *d = host_table->data(self);
	char *mark = probe_escape(d->mark), *out = NULL;
	size_t n;

	(void)page;
	if (!mark)
		return NULL;
	n = strlen(html) + strlen(mark) + 64;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s<p class=\"probe-merk\">%s</p>", html, mark);
	free(mark);
	return out;
}

/* The section on proef pages: the number of front-matter keys. */
static int probe_section(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	(void)self;
	(void)r;
	*data = json_pack("{s:s, s:s, s:i}", "pad", page->path, "titel",
			  page->title ? page->title : "", "velden",
			  (int)(page->meta ? json_object_size(page->meta) : 0));
	return *data ? 0 : WP_PLUGIN_EINVALID;
}

/* ---- index extras ---- */

static const char index_schema[] =
	"CREATE TABLE probe_pages(path TEXT PRIMARY KEY, titel TEXT NOT NULL);";

static int probe_index_remove(wp_plugin *self, wp_ixctx *ix, const char *path)
{
	const char *params[] = { path };

	(void)self;
	return host_table->ix_exec(ix, "DELETE FROM probe_pages WHERE path = ?1", params, 1);
}

static int probe_index_page(wp_plugin *self, wp_ixctx *ix, const char *path, const char *type,
			    const json_t *meta, const char *body, size_t body_len)
{
	const char *title = json_string_value(json_object_get(meta, "titel"));
	const char *params[] = { path, title ? title : "" };
	int rc;

	(void)body;
	(void)body_len;
	rc = probe_index_remove(self, ix, path);
	if (rc == 0 && strcmp(type, "proef") == 0)
		rc = host_table->ix_exec(ix, "INSERT INTO probe_pages(path, titel) VALUES (?1, ?2)",
					 params, 2);
	return rc;
}

/* ---- set-up ---- */

static void probe_destroy(wp_plugin *self, void *data)
{
	probe_data *d = data;

	(void)self;
	if (d)
		free(d->mark);
	free(d);
}

/* The plugin's data: the mark comes from plugin_config.probe.merk when
 * set, else from the texts. */
static int make_data(const wp_host *h, wp_plugin *self)
{
	const char *mark = json_string_value(json_object_get(h->config(self), "merk"));
	probe_data *d = calloc(1, sizeof(*d));

	if (!d)
		return WP_PLUGIN_EINVALID;
	d->mark = strdup(mark ? mark : h->text("probe.mark"));
	if (!d->mark) {
		free(d);
		return WP_PLUGIN_EINVALID;
	}
	h->set_data(self, d, probe_destroy);
	return 0;
}

static int register_all(const wp_host *h, wp_plugin *self)
{
	int rc;

	if ((rc = h->add_texts(self, probe_texts, probe_ntexts)) < 0 ||
	    (rc = make_data(h, self)) < 0 || (rc = h->add_type(self, &proef_type)) < 0 ||
	    (rc = h->add_fields(self, "pagina", pagina_fields)) < 0 ||
	    (rc = h->on_save(self, probe_on_save)) < 0 ||
	    (rc = h->on_render(self, probe_on_render)) < 0 ||
	    (rc = h->add_route(self, "/proef", 0, WP_GET, probe_route_html)) < 0 ||
	    (rc = h->add_route(self, "/api/proef", 0, WP_GET | WP_POST, probe_route_api)) < 0 ||
	    (rc = h->add_nav(self, "probe.nav", "/proef", WP_ROLE_LEZER)) < 0 ||
	    (rc = h->add_section(self, "proef", "probe/sectie", probe_section)) < 0 ||
	    (rc = h->add_index(self, index_schema, probe_index_page, probe_index_remove)) < 0)
		return rc;
	h->log(self, "geladen als '%s'", h->name(self));
	return 0;
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	if (WP_PLUGIN_API_MAJOR(host->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	host_table = host;
	return register_all(host, self);
}
