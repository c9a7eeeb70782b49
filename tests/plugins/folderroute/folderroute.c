/* folderroute.c - a test-only plugin that registers a page type and then
 * a route on that type's folder, which would make every page of the type
 * unreachable: the host must refuse it and not start. */
#include "plugin.h"

static const wp_field fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = NULL },
};

static const wp_type_def type = { "map", "mappen", WP_ROLE_PROFESSIONAL, fields, 1 };

static const wp_plugin_text texts[] = {
	{ "type.map", "Map" },
	{ "types.map", "Mappen" },
};

/* Never called: the host refuses the route at start. */
static int shadow(wp_plugin *self, wp_request *r)
{
	(void)self;
	(void)r;
	return 500;
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	int rc;

	if (WP_PLUGIN_API_MAJOR(host->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	if ((rc = host->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0 ||
	    (rc = host->add_type(self, &type)) < 0)
		return rc;
	return host->add_route(self, "/mappen", 0, WP_GET, shadow);
}
