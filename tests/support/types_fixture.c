/* types_fixture.c - see types_fixture.h. */
#include "types_fixture.h"

#include "types.h"

#include <stdlib.h>

static const char *const approved[] = { "goedgekeurd", NULL };
static const char *const practice[] = { "teampraktijk", "geformaliseerd", NULL };

static const wp_field story[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT },
	{ .name = "dilemmas", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET },
	{ .name = "wetten", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET },
	{ .name = "leefgebieden", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_LIST | WP_FIELD_FACET },
	{ .name = "anonimisering",
	  .kind = WP_FIELD_TEXT,
	  .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_values = approved },
	{ .name = NULL },
};
static const wp_field error_fields[] = {
	{ .name = "status", .kind = WP_FIELD_TEXT, .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_initial = "gemeld" },
	{ .name = NULL },
};
static const wp_field path_fields[] = {
	{ .name = "status", .kind = WP_FIELD_TEXT, .guard_role = WP_ROLE_REGIOTEAM,
	  .guard_values = practice },
	{ .name = NULL },
};

static const wp_type_def defs[] = {
	{ "verhaal", "verhalen", WP_ROLE_PROFESSIONAL, story, 1 },
	{ "dilemma", "dilemmas", WP_ROLE_REGIOTEAM, NULL, 1 },
	{ "gesprek", "gesprekken", WP_ROLE_PROFESSIONAL, NULL, 1 },
	{ "olifantenpad", "olifantenpaden", WP_ROLE_PROFESSIONAL, path_fields, 1 },
	{ "systeemfout", "systeemfouten", WP_ROLE_PROFESSIONAL, error_fields, 1 },
	{ "handreiking", "handreikingen", WP_ROLE_REGIOTEAM, NULL, 1 },
	{ "perspectief", "verhalen/*/perspectieven", WP_ROLE_PROFESSIONAL, NULL, 0 },
};

void wp_test_types(void)
{
	size_t i;

	if (wp_type_find("verhaal"))
		return;
	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (wp_types_add(&defs[i], NULL) < 0)
			abort();
	if (wp_types_freeze() < 0)
		abort();
}
