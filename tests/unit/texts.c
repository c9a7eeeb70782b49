/* Unit tests for server/texts_nl.c. */
#include "texts.h"

#include <criterion/criterion.h>

Test(texts, known_key_gives_dutch_and_unknown_gives_key)
{
	cr_assert_str_eq(wp_t("nav.home"), "Start");
	cr_assert_str_eq(wp_t("no.such.key"), "no.such.key");
}

Test(texts, json_nests_dotted_keys_for_templates)
{
	json_t *t = wp_texts_json();

	cr_assert_not_null(t);
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(t, "nav"), "home")),
			 "Start");
	json_decref(t);
}
