/* needsnewer.c - a test-only plugin that needs a newer minor version of
 * the plugin API than the host offers (it asks WP_PLUGIN_API_HAS for the
 * host's version plus one): the host must refuse to start, naming it. */
#include "plugin.h"

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	(void)self;
	if (!WP_PLUGIN_API_HAS(host->version, WP_PLUGIN_API_VERSION + 1))
		return WP_PLUGIN_EVERSION;
	return 0;
}
