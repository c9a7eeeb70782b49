/* noentry.c - a test-only plugin without the entry point wp_plugin_init
 * (it exports a function of another name): the host must refuse to
 * start. */
#include "plugin.h"

__attribute__((visibility("default"))) int wp_plugin_start(const wp_host *host, wp_plugin *self)
{
	(void)host;
	(void)self;
	return WP_PLUGIN_OK;
}
