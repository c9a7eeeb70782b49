/* badroute.c - a test-only plugin that claims the core's search page
 * "/zoeken" as its route: the host must refuse it and not start. */
#include "plugin.h"

static const wp_plugin_text texts[] = {
	{ "badroute.title", "Gekaapte zoekpagina" },
};

/* Never called: the host refuses the route at start. */
static int hijack(wp_plugin *self, wp_request *r)
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
	if ((rc = host->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0)
		return rc;
	return host->add_route(self, "/zoeken", 0, WP_GET, hijack);
}
