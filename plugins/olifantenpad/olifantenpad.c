/* olifantenpad.c - the olifantenpad plugin's entry point: workarounds
 * (DOMAIN.md). A workaround names the system error behind it, always:
 * the basisafspraak asks for both at once, so `systeemfout` is required,
 * and the form (form.c) lets a person describe a new error that is saved
 * with the workaround in one commit. Only the regio team declares a
 * workaround team practice or formalised. */
#include "olifantenpad.h"

const wp_host *op_host;

static const char *const statuses[] = { "experiment", "teampraktijk", "geformaliseerd",
					"vervallen", NULL };
static const char *const practice[] = { "teampraktijk", "geformaliseerd", NULL };
static const char *const reporter_shown[] = { "naam", "rol", NULL };

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
	/* naam: the writer is named; rol: outside their team only their role
	 * (the systeemfout plugin masks the authors). */
	{ .name = "melder", .kind = WP_FIELD_ENUM, .values = reporter_shown },
	{ .name = NULL },
};

static const wp_type_def type = { OP_TYPE, OP_FOLDER, WP_ROLE_PROFESSIONAL, fields, 1 };

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	int rc;

	/* save_pages(), slug() and url_encode() came with 1.1, confirm_keys()
	 * with 1.2. */
	if (!WP_PLUGIN_API_HAS(host->version, 102))
		return WP_PLUGIN_EVERSION;
	op_host = host;
	if ((rc = host->add_texts(self, op_texts, op_ntexts)) < 0 ||
	    (rc = host->add_type(self, &type)) < 0 ||
	    (rc = host->add_route(self, "/olifantenpad", 0, WP_GET | WP_POST, op_route_form)) < 0 ||
	    (rc = host->add_nav(self, "olifantenpad.new_link", "/olifantenpad/nieuw",
				WP_ROLE_PROFESSIONAL)) < 0)
		return rc;
	return host->add_route(self, "/api/olifantenpad", 0, WP_GET | WP_POST, op_route_api);
}
