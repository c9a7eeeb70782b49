/* badversion.c - a test-only plugin that says it was built for another
 * version of the plugin API: the host must refuse to start. */
#include "plugin.h"

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	(void)host;
	(void)self;
	return WP_PLUGIN_EVERSION;
}
