/* Unit tests for schema.c: front matter against a type's schema. */
#include "error.h"
#include "schema.h"
#include "types.h"

#include <criterion/criterion.h>
#include <string.h>

static const char *const colours[] = { "rood", "groen", NULL };
static const wp_field answer[] = {
	{ .name = "tekst", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "datum", .kind = WP_FIELD_DATE },
	{ .name = NULL },
};
static const wp_field fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "kleur", .kind = WP_FIELD_ENUM, .values = colours },
	{ .name = "maand", .kind = WP_FIELD_MONTH },
	{ .name = "dag", .kind = WP_FIELD_DATE },
	{ .name = "aantal", .kind = WP_FIELD_INTEGER },
	{ .name = "klaar", .kind = WP_FIELD_BOOLEAN },
	{ .name = "tekst", .kind = WP_FIELD_LONGTEXT },
	{ .name = "buren", .kind = WP_FIELD_LINK, .link_type = "proef", .flags = WP_FIELD_LIST },
	{ .name = "eén", .kind = WP_FIELD_TEXT },
	{ .name = "antwoord", .kind = WP_FIELD_OBJECT, .fields = answer },
	{ .name = NULL },
};
static const wp_type_def proef = { "proef", "proeven", WP_ROLE_PROFESSIONAL, fields, 1 };
static const wp_field extra[] = {
	{ .name = "extra", .kind = WP_FIELD_INTEGER, .flags = WP_FIELD_REQUIRED },
	{ .name = NULL },
};

static void setup(void)
{
	cr_assert_eq(wp_types_add(&proef, NULL), 0);
	cr_assert_eq(wp_types_add_fields("pagina", extra), 0);
	cr_assert_eq(wp_types_add_fields("bestaat-niet", extra), 0);
	cr_assert_eq(wp_types_freeze(), 0);
}

TestSuite(schema, .init = setup, .fini = wp_types_reset);

/* Only proeven/bestaat exists. */
static int exists(void *payload, const char *path)
{
	(void)payload;
	return strcmp(path, "proeven/bestaat") == 0;
}

/* Checks the YAML-like JSON text and returns the problems. */
static json_t *check(const char *type, const char *json)
{
	json_t *meta = json_loads(json, 0, NULL), *problems = json_array();
	int rc;

	cr_assert_not_null(meta, "bad test JSON %s", json);
	rc = wp_schema_check(problems, type, meta, exists, NULL);
	cr_assert_geq(rc, 0);
	cr_assert_eq((size_t)rc, json_array_size(problems));
	json_decref(meta);
	return problems;
}

/* The message for field, or NULL when it has no problem. */
static const char *problem_of(json_t *problems, const char *field)
{
	json_t *p;
	size_t i;

	json_array_foreach(problems, i, p)
		if (strcmp(json_string_value(json_object_get(p, "field")), field) == 0)
			return json_string_value(json_object_get(p, "message"));
	return NULL;
}

Test(schema, a_valid_page_has_no_problems)
{
	json_t *p = check("proef", "{\"titel\": \"T\", \"kleur\": \"rood\", \"maand\": \"2026-11\","
				   "\"dag\": \"2024-02-29\", \"aantal\": 3, \"klaar\": true,"
				   "\"tekst\": \"a\\nb\", \"buren\": [\"bestaat\", \"proeven/bestaat\"],"
				   "\"antwoord\": {\"tekst\": \"ja\", \"datum\": \"2026-01-31\"},"
				   "\"onbekend\": [1, 2]}");

	cr_assert_eq(json_array_size(p), 0, "%s", json_dumps(p, 0));
	json_decref(p);
}

Test(schema, each_wrong_value_names_its_field)
{
	json_t *p = check("proef", "{\"kleur\": \"blauw\", \"maand\": \"2026-11-23\","
				   "\"dag\": \"2023-02-29\", \"aantal\": \"drie\", \"klaar\": \"ja\","
				   "\"buren\": [\"bestaat\", \"weg\", \"andere/map\"],"
				   "\"eén\": \"twee\\nregels\", \"antwoord\": {\"datum\": \"morgen\"}}");

	cr_assert_not_null(problem_of(p, "titel"));
	cr_assert_not_null(strstr(problem_of(p, "kleur"), "rood, groen"));
	cr_assert_not_null(strstr(problem_of(p, "maand"), "2026-11"));
	cr_assert_not_null(problem_of(p, "dag"), "29 February 2023 is no date");
	cr_assert_not_null(problem_of(p, "aantal"));
	cr_assert_not_null(problem_of(p, "klaar"));
	cr_assert_not_null(problem_of(p, "eén"));
	cr_assert_not_null(problem_of(p, "antwoord.tekst"), "a required key of an object");
	cr_assert_not_null(problem_of(p, "antwoord.datum"));
	/* Two link problems: a missing page and one in another folder. */
	cr_assert_eq(json_array_size(p), 11, "%s", json_dumps(p, 0));
	json_decref(p);
}

Test(schema, a_list_needs_the_list_flag_and_a_single_value_counts_as_a_list)
{
	json_t *p = check("proef", "{\"titel\": [\"a\", \"b\"], \"buren\": \"bestaat\"}");

	cr_assert_not_null(problem_of(p, "titel"));
	cr_assert_eq(json_array_size(p), 1, "%s", json_dumps(p, 0));
	json_decref(p);
}

Test(schema, empty_values_count_as_missing)
{
	json_t *p = check("proef", "{\"titel\": \"\"}");

	cr_assert_not_null(problem_of(p, "titel"));
	json_decref(p);
	p = check("proef", "{\"titel\": null}");
	cr_assert_not_null(problem_of(p, "titel"));
	json_decref(p);
}

Test(schema, fields_added_by_another_plugin_are_checked)
{
	json_t *p = check("pagina", "{}");

	cr_assert_not_null(problem_of(p, "extra"));
	json_decref(p);
}

Test(schema, explain_names_each_field_by_label)
{
	json_t *p = check("proef", "{\"kleur\": \"blauw\"}");

	wp_schema_explain(p);
	/* titel has a label in the core's texts; kleur has none and shows as is. */
	cr_assert_not_null(strstr(wp_error_last(), "Titel: "), "%s", wp_error_last());
	cr_assert_not_null(strstr(wp_error_last(), "kleur: "), "%s", wp_error_last());
	cr_assert_not_null(strstr(wp_error_last(), "; "), "%s", wp_error_last());
	json_decref(p);
}

Test(schema, types_by_folder_pattern_and_link_paths)
{
	char out[256];

	cr_assert_str_eq(wp_type_of_path("proeven/x"), "proef");
	cr_assert_str_eq(wp_type_of_path("proeven/x/y"), "pagina");
	cr_assert_str_eq(wp_type_of_path("sjablonen/x"), "sjabloon");
	cr_assert_eq(wp_type_link_path(out, sizeof(out), "proef", "x"), 0);
	cr_assert_str_eq(out, "proeven/x");
	cr_assert_eq(wp_type_link_path(out, sizeof(out), "proef", "andere/x"), WP_EINVALID);
	cr_assert_eq(wp_type_link_path(out, sizeof(out), "proef", "proeven/x/y"), WP_EINVALID);
}

Test(schema, registry_refuses_types_once_frozen)
{
	wp_type_def again = proef;

	cr_assert_eq(wp_types_add(&again, NULL), WP_EINVALID, "frozen");
}
