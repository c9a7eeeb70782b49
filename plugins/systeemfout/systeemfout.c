/* systeemfout.c - the systeemfout plugin: the system errors raised
 * (DOMAIN.md). Only the regio team moves an error's status; a new error
 * starts as gemeld (and gets that status when it names none). */
#include "plugin.h"

#include <string.h>

static const char *const owners[] = { "gemeente",	 "regio",	    "aanbieder",
				      "zorgverzekeraar", "rijksuitvoerder", "ministerie",
				      NULL };
static const char *const levels[] = { "team", "gemeente", "regio", "landelijk", NULL };
static const char *const statuses[] = { "gemeld",	   "herkend",	 "aan de orde gesteld",
					"in behandeling",  "opgelost",	 "niet oplosbaar",
					"gesloten",	   NULL };

static const wp_field answer[] = {
	{ .name = "tekst", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "datum", .kind = WP_FIELD_TEXT },
	{ .name = NULL },
};

static const wp_field fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "regeling", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "eigenaar", .kind = WP_FIELD_ENUM, .flags = WP_FIELD_FACET, .values = owners },
	{ .name = "impact", .kind = WP_FIELD_LONGTEXT },
	{ .name = "escalatie", .kind = WP_FIELD_ENUM, .values = levels },
	{ .name = "status",
	  .kind = WP_FIELD_ENUM,
	  .flags = WP_FIELD_FACET,
	  .values = statuses,
	  .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_initial = "gemeld",
	  .guard_text = "systeemfout.guard_status" },
	{ .name = "melder", .kind = WP_FIELD_TEXT },
	{ .name = "terugkoppeling", .kind = WP_FIELD_OBJECT, .fields = answer },
	{ .name = NULL },
};

static const wp_type_def type = { "systeemfout", "systeemfouten", WP_ROLE_PROFESSIONAL, fields,
				  1 };

static const wp_plugin_text texts[] = {
	{ "type.systeemfout", "Systeemfout" },
	{ "types.systeemfout", "Systeemfouten" },
	{ "field.regeling", "Regeling" },
	{ "field.eigenaar", "Eigenaar" },
	{ "field.impact", "Impact" },
	{ "field.escalatie", "Escalatie" },
	{ "field.status", "Status" },
	{ "field.melder", "Melder" },
	{ "field.terugkoppeling", "Terugkoppeling" },
	{ "systeemfout.guard_status",
	  "Alleen het regioteam verandert de status van een systeemfout. Een nieuwe melding "
	  "begint als 'gemeld'." },
};

/* Set once in wp_plugin_init, read-only afterwards (plugin.h). */
static const wp_host *host;

/* A new report without a status starts as gemeld, the one status its
 * writer may give it. */
static int on_save(wp_plugin *self, wp_save *s)
{
	json_t *meta = host->save_meta(s);

	(void)self;
	if (meta && !host->save_old_meta(s) && strcmp(host->save_type(s), "systeemfout") == 0 &&
	    !json_object_get(meta, "status"))
		return json_object_set_new(meta, "status", json_string("gemeld")) == 0
			       ? 0
			       : WP_PLUGIN_EINVALID;
	return 0;
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *h, wp_plugin *self)
{
	int rc;

	if (WP_PLUGIN_API_MAJOR(h->version) != WP_PLUGIN_API_MAJOR(WP_PLUGIN_API_VERSION))
		return WP_PLUGIN_EVERSION;
	host = h;
	if ((rc = h->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0 ||
	    (rc = h->add_type(self, &type)) < 0)
		return rc;
	return h->on_save(self, on_save);
}
