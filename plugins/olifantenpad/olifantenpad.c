/* olifantenpad.c - the olifantenpad plugin: workarounds (DOMAIN.md). A
 * workaround names the system error behind it, always: the basisafspraak
 * asks for both at once, so `systeemfout` is required. Only the regio
 * team declares a workaround team practice or formalised. */
#include "plugin.h"

#include <string.h>

static const char *const statuses[] = { "experiment", "teampraktijk", "geformaliseerd",
					"vervallen", NULL };
static const char *const practice[] = { "teampraktijk", "geformaliseerd", NULL };

static const wp_field fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "obstakel", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "oplossing", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "mandaat", .kind = WP_FIELD_LONGTEXT },
	{ .name = "risico", .kind = WP_FIELD_LONGTEXT },
	{ .name = "verhalen", .kind = WP_FIELD_LINK, .flags = WP_FIELD_LIST, .link_type = "verhaal" },
	{ .name = "systeemfout",
	  .kind = WP_FIELD_LINK,
	  .flags = WP_FIELD_REQUIRED | WP_FIELD_LIST | WP_FIELD_FACET,
	  .link_type = "systeemfout" },
	{ .name = "status",
	  .kind = WP_FIELD_ENUM,
	  .flags = WP_FIELD_FACET,
	  .values = statuses,
	  .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_values = practice,
	  .guard_text = "olifantenpad.guard_practice" },
	{ .name = NULL },
};

static const wp_type_def type = { "olifantenpad", "olifantenpaden", WP_ROLE_PROFESSIONAL, fields,
				  1 };

static const wp_plugin_text texts[] = {
	{ "type.olifantenpad", "Olifantenpad" },
	{ "types.olifantenpad", "Olifantenpaden" },
	{ "field.obstakel", "Obstakel" },
	{ "field.oplossing", "Oplossing" },
	{ "field.mandaat", "Mandaat" },
	{ "field.risico", "Risico" },
	{ "field.verhalen", "Verhalen" },
	{ "field.systeemfout", "Systeemfout" },
	{ "field.status", "Status" },
	{ "olifantenpad.guard_practice",
	  "Alleen het regioteam verklaart een olifantenpad tot teampraktijk of geformaliseerd." },
};

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	int rc;

	if (WP_PLUGIN_API_MAJOR(host->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	if ((rc = host->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0)
		return rc;
	return host->add_type(self, &type);
}
