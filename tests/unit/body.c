/* Unit tests for server/body.c: what a handler reads from a request
 * body. Form values are decoded as a browser encoded them; a JSON body
 * that is not an object, or a change request or confirmation of the wrong
 * shape, is refused with the message the person gets to see. */
#include "body.h"
#include "error.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define FORM(s) (s), strlen(s)

Test(body, a_form_value_is_decoded_as_a_browser_encoded_it)
{
	const char *f = "titel=Caf%C3%A9+%C3%A9%C3%A9n&leeg=&body=a%26b%3Dc%0A";
	char *v;

	v = wp_form_get(FORM(f), "titel");
	cr_expect_str_eq(v, "Café één");
	free(v);
	v = wp_form_get(FORM(f), "body");
	cr_expect_str_eq(v, "a&b=c\n");
	free(v);
	v = wp_form_get(FORM(f), "leeg");
	cr_expect_str_eq(v, "", "an empty value is there, and empty");
	free(v);
	cr_expect_null(wp_form_get(FORM(f), "ontbreekt"));
	cr_expect_null(wp_form_get(NULL, 0, "titel"));
}

Test(body, every_value_of_a_repeated_field_is_read_in_order)
{
	const char *f = "bevestig=privacy&x=1&bevestig=naam&bevestig=";
	json_t *all = wp_form_get_all(FORM(f), "bevestig");

	cr_assert_eq(json_array_size(all), 3);
	cr_expect_str_eq(json_string_value(json_array_get(all, 0)), "privacy");
	cr_expect_str_eq(json_string_value(json_array_get(all, 1)), "naam");
	cr_expect_str_eq(json_string_value(json_array_get(all, 2)), "");
	json_decref(all);
	all = wp_form_get_all(FORM(f), "geen");
	cr_expect_eq(json_array_size(all), 0);
	json_decref(all);
}

Test(body, a_body_that_is_no_json_object_is_refused_with_the_reason)
{
	json_t *j = wp_body_object(FORM("{\"content\": "));

	cr_expect_null(j);
	cr_expect(strstr(wp_error_last(), "Ongeldige JSON") != NULL, "%s", wp_error_last());
	j = wp_body_object(FORM("[\"content\"]"));
	cr_expect_null(j);
	cr_expect(strstr(wp_error_last(), "verwacht een object") != NULL, "%s", wp_error_last());
	j = wp_body_object(FORM("{\"base\": \"a\", \"base\": \"b\"}"));
	cr_expect_null(j, "a key twice is ambiguous");
	cr_expect_null(wp_body_object(NULL, 0));
	j = wp_body_object(FORM("{\"content\": \"x\"}"));
	cr_expect_str_eq(json_string_value(json_object_get(j, "content")), "x");
	json_decref(j);
}

static int change(const char *text, const char **base, const char **message, json_t **keep)
{
	*keep = wp_body_object(text, strlen(text));
	cr_assert_not_null(*keep, "%s", wp_error_last());
	return wp_body_change(*keep, base, message);
}

Test(body, a_change_names_its_base_and_message_as_text_or_null)
{
	const char *base = "x", *message = "x";
	json_t *j;

	cr_expect_eq(change("{\"base\": \"0a1b2c3\", \"message\": \"Klein\"}", &base, &message, &j),
		     0);
	cr_expect_str_eq(base, "0a1b2c3");
	cr_expect_str_eq(message, "Klein");
	json_decref(j);
	cr_expect_eq(change("{\"base\": null}", &base, &message, &j), 0);
	cr_expect_null(base, "null base: a new page");
	cr_expect_null(message);
	json_decref(j);
	cr_expect_eq(change("{\"base\": 12}", &base, &message, &j), WP_EINVALID);
	cr_expect(strstr(wp_error_last(), "\"base\"") != NULL, "%s", wp_error_last());
	json_decref(j);
	cr_expect_eq(change("{\"message\": [\"x\"]}", &base, &message, &j), WP_EINVALID);
	cr_expect(strstr(wp_error_last(), "\"message\"") != NULL, "%s", wp_error_last());
	json_decref(j);
}

Test(body, confirmed_keys_come_as_a_string_or_a_list_of_strings)
{
	json_t *c = wp_body_confirms(FORM("{\"confirm\": \"privacy\"}"), 1);

	cr_assert_eq(json_array_size(c), 1);
	cr_expect_str_eq(json_string_value(json_array_get(c, 0)), "privacy");
	json_decref(c);
	c = wp_body_confirms(FORM("{\"confirm\": [\"privacy\", \"naam\"]}"), 1);
	cr_expect_eq(json_array_size(c), 2);
	json_decref(c);
	c = wp_body_confirms(FORM("{\"content\": \"x\"}"), 1);
	cr_expect_eq(json_array_size(c), 0, "none confirmed");
	json_decref(c);
	cr_expect_null(wp_body_confirms(FORM("{\"confirm\": [\"privacy\", 1]}"), 1));
	cr_expect(strstr(wp_error_last(), "\"confirm\"") != NULL, "%s", wp_error_last());
	cr_expect_null(wp_body_confirms(FORM("{\"confirm\": {\"privacy\": true}}"), 1));
	c = wp_body_confirms(FORM("bevestig=privacy&bevestig=naam"), 0);
	cr_expect_eq(json_array_size(c), 2, "a form: every value \"bevestig\"");
	json_decref(c);
}
