/* verhalen.c - the verhalen plugin's entry point: the story and
 * perspective types with their front-matter schemas, and everything the
 * plugin hooks into (see verhalen.h for the modules). */
#include "verhalen.h"

#include <stddef.h>

const wp_host *vh_host;

static const char *const anonymisation_values[] = {"concept", "gecontroleerd", "goedgekeurd", NULL};
/* Approving the anonymisation is the regio team's call (DOMAIN.md). */
static const char *const anonymisation_guarded[] = {"goedgekeurd", NULL};

/* The story's schema. `dilemmas` is added by the dilemma plugin;
 * zichtbaarheid and team are checked by the core. */
static const wp_field story_fields[] = {
    {.name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "verteller", .kind = WP_FIELD_TEXT},
    {.name = "wetten", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET},
    {.name = "leefgebieden", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET},
    {.name = "regio", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_FACET},
    {.name = "datum", .kind = WP_FIELD_MONTH},
    {.name = "anonimisering",
     .kind = WP_FIELD_ENUM,
     .values = anonymisation_values,
     .guard_role = WP_ROLE_REGIOTEAM,
     .guard_values = anonymisation_guarded,
     .guard_text = "verhalen.guard_anonymisation"},
    {.name = NULL},
};

static const char *const role_values[] = {"professional", "ervaringswerker", "inwoner",
					  "gemeente",	  "aanbieder",	     NULL};
static const char *const source_values[] = {"ervaring", "vakmanschap", "wetenschap", NULL};

/* A perspective's schema; `account` is kept by vh_on_save(). */
static const wp_field perspective_fields[] = {
    {.name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "rol",
     .kind = WP_FIELD_ENUM,
     .flags = WP_FIELD_REQUIRED | WP_FIELD_FACET,
     .values = role_values},
    {.name = "auteur", .kind = WP_FIELD_TEXT},
    {.name = "kennisbron",
     .kind = WP_FIELD_ENUM,
     .flags = WP_FIELD_REQUIRED | WP_FIELD_FACET,
     .values = source_values},
    {.name = "verhaal", .kind = WP_FIELD_LINK, .link_type = VH_STORY_TYPE},
    {.name = "account", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_HIDDEN},
    {.name = NULL},
};

static const wp_type_def story_type = {
    .name = VH_STORY_TYPE,
    .folder = VH_STORY_FOLDER,
    .writer = WP_ROLE_PROFESSIONAL,
    .fields = story_fields,
    .listed = 1,
};

static const wp_type_def perspective_type = {
    .name = VH_PERSPECTIVE_TYPE,
    .folder = VH_STORY_FOLDER "/*/" VH_PERSP_SEGMENT,
    .writer = WP_ROLE_PROFESSIONAL,
    .fields = perspective_fields,
    .listed = 0,
};

/* Registers everything; stops at the first refusal (the host says why). */
static int register_all(const wp_host *host, wp_plugin *self)
{
	int rc;

	if ((rc = host->add_texts(self, vh_texts_nl, vh_texts_nl_count)) < 0 ||
	    (rc = host->add_type(self, &story_type)) < 0 ||
	    (rc = host->add_type(self, &perspective_type)) < 0 ||
	    (rc = host->on_save(self, vh_on_save)) < 0 ||
	    (rc = host->add_section(self, VH_STORY_TYPE, "verhalen/perspectieven", vh_section)) <
		0 ||
	    (rc = host->add_route(self, "/perspectief", 0, WP_GET | WP_POST, vh_form_route)) < 0 ||
	    (rc = host->add_route(self, "/api/perspectieven", 1, WP_GET | WP_POST, vh_api_route)) <
		0)
		return rc;
	return host->add_index(self, vh_index_schema, vh_index_page, vh_index_remove);
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	if (!WP_PLUGIN_API_HAS(host->version, 102)) /* slug() (1.1), confirm_keys() (1.2) */
		return WP_PLUGIN_EVERSION;
	vh_host = host;
	return register_all(host, self);
}
