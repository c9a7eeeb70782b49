/* systeemfout.c - the systeemfout plugin's entry point: the type and its
 * schema, the field stories use to name an error, and everything the
 * plugin hooks into (see systeemfout.h for the modules).
 *
 * Only the regio team moves an error's status; each move is a commit
 * with a reason (save.c), read back from git as the status history. */
#include "systeemfout.h"

#include <string.h>

const wp_host *sf_host;

const char *const sf_owners[] = {"gemeente",	    "regio",	  "aanbieder", "zorgverzekeraar",
				 "rijksuitvoerder", "ministerie", NULL};
static const char *const levels[] = {"team", "gemeente", "regio", "landelijk", NULL};
const char *const sf_statuses[] = {"gemeld",	     "herkend",	 "aan de orde gesteld",
				   "in behandeling", "opgelost", "niet oplosbaar",
				   "gesloten",	     NULL};
static const char *const reporter_shown[] = {"naam", "rol", NULL};

int sf_status_closed(const char *status)
{
	return status && (strcmp(status, "opgelost") == 0 ||
			  strcmp(status, "niet oplosbaar") == 0 || strcmp(status, "gesloten") == 0);
}

/* The owner's answer and the date it came. */
static const wp_field answer[] = {
    {.name = "tekst", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "datum", .kind = WP_FIELD_DATE},
    {.name = NULL},
};

static const wp_field fields[] = {
    {.name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "regeling", .kind = WP_FIELD_LONGTEXT, .flags = WP_FIELD_REQUIRED},
    {.name = "eigenaar", .kind = WP_FIELD_ENUM, .flags = WP_FIELD_FACET, .values = sf_owners},
    {.name = "wetten", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET},
    {.name = "impact", .kind = WP_FIELD_LONGTEXT},
    {.name = "escalatie", .kind = WP_FIELD_ENUM, .values = levels},
    {.name = "status",
     .kind = WP_FIELD_ENUM,
     .flags = WP_FIELD_FACET,
     .values = sf_statuses,
     .guard_role = WP_ROLE_REGIOTEAM,
     .guard_initial = "gemeld",
     .guard_text = "systeemfout.guard_status"},
    /* Kept by save.c: the day it was reported, the day of the last move. */
    {.name = "gemeld", .kind = WP_FIELD_DATE},
    {.name = "status_sinds", .kind = WP_FIELD_DATE},
    /* naam: the reporter is named; rol: outside their team only their role. */
    {.name = "melder", .kind = WP_FIELD_ENUM, .values = reporter_shown},
    /* The reporter's team, kept by save.c: the dashboard shows an error
     * with few stories only inside it. */
    {.name = "melder_team", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_HIDDEN},
    {.name = "terugkoppeling", .kind = WP_FIELD_OBJECT, .fields = answer},
    {.name = NULL},
};

static const wp_type_def type = {SF_TYPE, SF_FOLDER, WP_ROLE_PROFESSIONAL, fields, 1};

/* A story may name the system errors it ran into itself. */
static const wp_field story_fields[] = {
    {.name = "systeemfouten",
     .kind = WP_FIELD_LINK,
     .flags = WP_FIELD_LIST | WP_FIELD_FACET,
     .link_type = SF_TYPE},
    {.name = NULL},
};

/* Registers everything; stops at the first refusal (the host says why). */
static int register_all(const wp_host *h, wp_plugin *self)
{
	int rc;

	if ((rc = h->add_texts(self, sf_texts, sf_ntexts)) < 0 ||
	    (rc = h->add_type(self, &type)) < 0 ||
	    (rc = h->add_fields(self, SF_STORY_TYPE, story_fields)) < 0 ||
	    (rc = h->on_save(self, sf_on_save)) < 0 ||
	    (rc = h->on_author(self, sf_author_masked)) < 0 ||
	    (rc = sf_links_register(h, self)) < 0 ||
	    (rc = h->add_section(self, SF_TYPE, "systeemfout/fout", sf_section_error)) < 0 ||
	    (rc = h->add_section(self, SF_STORY_TYPE, "systeemfout/wijst", sf_section_pointing)) <
		0 ||
	    (rc = h->add_section(self, SF_WORKAROUND_TYPE, "systeemfout/wijst",
				 sf_section_pointing)) < 0 ||
	    (rc = h->add_route(self, "/systeemfout", 0, WP_GET | WP_POST, sf_route_status)) < 0 ||
	    (rc = h->add_route(self, "/api/systeemfout", 0, WP_GET | WP_POST,
			       sf_route_status_api)) < 0)
		return rc;
	return sf_dashboard_register(h, self);
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *h, wp_plugin *self)
{
	if (!WP_PLUGIN_API_HAS(h->version, 101))
		return WP_PLUGIN_EVERSION;
	sf_host = h;
	return register_all(h, self);
}
