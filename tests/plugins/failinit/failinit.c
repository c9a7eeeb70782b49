/* failinit.c - a test-only plugin whose init fails with its own Dutch
 * message: the host must refuse to start and show that message. */
#include "plugin.h"

static const wp_plugin_text texts[] = {
	{ "failinit.reason", "de proefinstelling 'sleutel' ontbreekt" },
};

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	int rc;

	if (WP_PLUGIN_API_MAJOR(host->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	if ((rc = host->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0)
		return rc;
	host->fail("%s", host->text("failinit.reason"));
	return WP_PLUGIN_EINVALID;
}
