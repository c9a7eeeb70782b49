/* dilemma.c - the dilemma plugin: the page types dilemma and handreiking,
 * the field dilemmas on stories, the overview of every dilemma
 * (/dilemma-overzicht) and the section on a dilemma's page.
 *
 * A dilemma is named "X versus Y" (checked on save, dilemma_save.c).
 * Stories, handreikingen and conversations name dilemmas by slug or by
 * path; dilemma_index.c keeps one row per such link in dilemma_links so
 * the overview and the section count and list them with one join each,
 * always limited to what the viewer may read. */
#include "dilemma_int.h"

#include <stddef.h>
#include <string.h>

/* Set once in wp_plugin_init(), before the server's threads start, and
 * only read afterwards: hooks get no host of their own (the way a SQLite
 * loadable extension keeps its sqlite3_api). */
static const wp_host *host_table;

const wp_host *dl_host(void)
{
	return host_table;
}

static const char *const guide_status[] = { "concept", "vastgesteld", NULL };

static const wp_field dilemma_fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "bron", .kind = WP_FIELD_LONGTEXT },
	{ .name = "verwant", .kind = WP_FIELD_LINK, .flags = WP_FIELD_LIST, .link_type = DL_TYPE },
	{ .name = NULL },
};

/* herziening is a month: the demo's handreikingen give "2026-06". */
static const wp_field guide_fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "versie", .kind = WP_FIELD_TEXT },
	{ .name = "status", .kind = WP_FIELD_ENUM, .values = guide_status },
	{ .name = "redactie", .kind = WP_FIELD_TEXT },
	{ .name = "opdrachtgever", .kind = WP_FIELD_TEXT },
	{ .name = "herziening", .kind = WP_FIELD_MONTH },
	{ .name = "dilemmas",
	  .kind = WP_FIELD_LINK,
	  .flags = WP_FIELD_LIST | WP_FIELD_FACET,
	  .link_type = DL_TYPE },
	{ .name = NULL },
};

static const wp_field story_fields[] = {
	{ .name = "dilemmas",
	  .kind = WP_FIELD_LINK,
	  .flags = WP_FIELD_LIST | WP_FIELD_FACET,
	  .link_type = DL_TYPE },
	{ .name = NULL },
};

static const wp_type_def types[] = {
	{ .name = DL_TYPE,
	  .folder = DL_FOLDER,
	  .writer = WP_ROLE_REGIOTEAM,
	  .fields = dilemma_fields,
	  .listed = 1 },
	{ .name = DL_GUIDE_TYPE,
	  .folder = "handreikingen",
	  .writer = WP_ROLE_REGIOTEAM,
	  .fields = guide_fields,
	  .listed = 1 },
};

/* The pages that name dilemmas, and the key they use. */
static const struct {
	const char *type;
	const char *field;
} link_fields[] = {
	{ DL_STORY_TYPE, "dilemmas" },
	{ DL_GUIDE_TYPE, "dilemmas" },
	{ DL_CONVERSATION_TYPE, "dilemma" },
};

const char *dl_link_field(const char *type)
{
	size_t i;

	for (i = 0; type && i < sizeof(link_fields) / sizeof(link_fields[0]); i++)
		if (strcmp(link_fields[i].type, type) == 0)
			return link_fields[i].field;
	return NULL;
}

static const struct {
	const char *prefix;
	wp_route_fn fn;
} routes[] = {
	{ "/dilemma-overzicht", dl_route_overview },
	{ "/api/dilemma-overzicht", dl_route_overview },
};

static int register_all(const wp_host *host, wp_plugin *self)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof(types) / sizeof(types[0]); i++)
		rc = host->add_type(self, &types[i]);
	if (rc == 0)
		rc = host->add_fields(self, DL_STORY_TYPE, story_fields);
	if (rc == 0)
		rc = host->add_texts(self, dl_texts, dl_ntexts);
	if (rc == 0)
		rc = host->on_save(self, dl_on_save);
	for (i = 0; rc == 0 && i < sizeof(routes) / sizeof(routes[0]); i++)
		rc = host->add_route(self, routes[i].prefix, 1, WP_GET, routes[i].fn);
	if (rc == 0)
		rc = host->add_nav(self, "dilemma.nav", "/dilemma-overzicht", WP_ROLE_ANONIEM);
	if (rc == 0)
		rc = host->add_section(self, DL_TYPE, "dilemma/section", dl_section);
	if (rc == 0)
		rc = dl_index_register(host, self);
	return rc;
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	if (!host || WP_PLUGIN_API_MAJOR(host->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	host_table = host;
	return register_all(host, self);
}
