/* gesprek.c - the gesprek plugin: the wat-werkt-gesprek (DOMAIN.md), a
 * team conversation about one story and one dilemma along a step plan.
 *
 * It registers the page type "gesprek" (folder gesprekken/) with its
 * schema, the form that starts and continues a conversation, the JSON
 * API, the sections on story and conversation pages, and its texts. */
#include "gesprek.h"

#include <stddef.h>

/* Set once in wp_plugin_init(), before the server's threads start, and
 * only read afterwards: hooks receive no host pointer of their own. */
static const wp_host *the_host;

const wp_host *gs_host(void)
{
	return the_host;
}

const char *gs_t(const char *key)
{
	const char *s = the_host->text(key);

	return s ? s : key;
}

static const wp_field fields[] = {
    {.name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "verhaal", .kind = WP_FIELD_LINK, .flags = WP_FIELD_REQUIRED, .link_type = "verhaal"},
    {.name = "dilemma", .kind = WP_FIELD_LINK, .flags = WP_FIELD_REQUIRED, .link_type = "dilemma"},
    /* Month and year, as the demo conversations have it: no exact dates. */
    {.name = "datum", .kind = WP_FIELD_MONTH},
    {.name = "deelnemers", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST},
    {.name = "stappen", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST},
    {.name = NULL}};

static const wp_type_def type = {
    .name = GS_TYPE,
    .folder = GS_FOLDER,
    .writer = WP_ROLE_PROFESSIONAL,
    .fields = fields,
    .listed = 1,
};

static const struct {
	const char *prefix;
	int methods;
	wp_route_fn fn;
} routes[] = {
    {"/gesprek", WP_GET | WP_POST, gs_route_page},
    {"/api/gesprek", WP_GET | WP_POST, gs_route_api},
};

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	size_t i;
	int rc;

	/* confirm_keys() came with 1.2. */
	if (!WP_PLUGIN_API_HAS(host->version, 102))
		return WP_PLUGIN_EVERSION;
	the_host = host;
	rc = host->add_type(self, &type);
	if (rc == 0)
		rc = host->add_texts(self, gs_texts, gs_texts_count);
	for (i = 0; rc == 0 && i < sizeof(routes) / sizeof(routes[0]); i++)
		rc = host->add_route(self, routes[i].prefix, 0, routes[i].methods, routes[i].fn);
	if (rc == 0)
		rc = host->add_section(self, "verhaal", "gesprek/verhaal", gs_section_story);
	if (rc == 0)
		rc = host->add_section(self, GS_TYPE, "gesprek/gesprek", gs_section_conversation);
	return rc;
}
