/* Unit tests for server/frontmatter.c: splitting a page file, reading YAML
 * into JSON with the documented types, refusing what could hurt, and
 * writing JSON back as YAML that reads back the same. */
#include "error.h"
#include "frontmatter.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static const char story[] = "---\n"
			    "titel: Moeder van drie, met schulden\n"
			    "verteller: wijkcoach\n"
			    "dilemmas: [zelfregie-versus-bescherming, regels-versus-maatwerk]\n"
			    "wetten:\n"
			    "  - Wmo\n"
			    "  - Participatiewet\n"
			    "  - Wgs\n"
			    "leefgebieden: [financien, opvoeding]\n"
			    "datum: \"2025-03\"\n"
			    "regio: Utrecht-West\n"
			    "zichtbaarheid: team\n"
			    "anonimisering: concept\n"
			    "---\n"
			    "Ze belde op een dinsdag.\n";

static json_t *parse_ok(const char *text, size_t *body_off)
{
	json_t *meta = NULL;
	size_t off = 0;
	int rc = wp_fm_parse(&meta, &off, text, strlen(text));

	cr_assert_eq(rc, 0, "parse failed (%d): %s", rc, wp_error_last());
	cr_assert(json_is_object(meta));
	if (body_off)
		*body_off = off;
	return meta;
}

/* Asserts that text is refused with code and a message containing the
 * given pieces (NULL ends the list). */
static void assert_refused(const char *text, size_t len, int code, const char *piece1,
			   const char *piece2)
{
	json_t *meta = (json_t *)1;
	size_t off = 99;
	int rc;

	wp_error_clear();
	rc = wp_fm_parse(&meta, &off, text, len);
	cr_assert_eq(rc, code, "rc %d for: %.60s", rc, text);
	cr_assert_null(meta);
	if (piece1)
		cr_assert(strstr(wp_error_last(), piece1), "message: %s", wp_error_last());
	if (piece2)
		cr_assert(strstr(wp_error_last(), piece2), "message: %s", wp_error_last());
}

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

Test(frontmatter, story_reads_with_lists_and_strings)
{
	size_t off;
	json_t *m = parse_ok(story, &off);
	json_t *wetten = json_object_get(m, "wetten");

	cr_assert_str_eq(str_of(m, "titel"), "Moeder van drie, met schulden");
	cr_assert_str_eq(str_of(m, "datum"), "2025-03");
	cr_assert_eq(json_array_size(json_object_get(m, "dilemmas")), 2);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(m, "dilemmas"), 1)),
			 "regels-versus-maatwerk");
	cr_assert_eq(json_array_size(wetten), 3);
	cr_assert_str_eq(json_string_value(json_array_get(wetten, 2)), "Wgs");
	cr_assert_str_eq(story + off, "Ze belde op een dinsdag.\n");
	json_decref(m);
}

Test(frontmatter, round_trip_gives_equal_json_in_the_same_key_order)
{
	json_t *m = parse_ok(story, NULL), *again;
	wp_buf b = WP_BUF_INIT;
	const char *y;
	size_t off;

	cr_assert_eq(wp_fm_write(&b, m), 0, "%s", wp_error_last());
	y = wp_buf_cstr(&b);
	cr_assert(strncmp(y, "---\n", 4) == 0, "%s", y);
	cr_assert(b.len > 8 && strcmp(y + b.len - 4, "---\n") == 0, "%s", y);
	cr_assert_null(strstr(y, "..."));
	cr_assert_null(strstr(y, "%YAML"));
	cr_assert(strstr(y, "dilemmas: [zelfregie-versus-bescherming, regels-versus-maatwerk]\n"),
		  "%s", y);
	cr_assert(strstr(y, "titel: Moeder van drie, met schulden\n"), "%s", y);
	cr_assert(strstr(y, "titel") < strstr(y, "verteller"));
	cr_assert(strstr(y, "regio") < strstr(y, "zichtbaarheid"));

	again = parse_ok(y, &off);
	cr_assert_eq(off, b.len);
	cr_assert(json_equal(m, again), "%s", y);
	json_decref(again);
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, plain_scalars_get_types_and_quoted_ones_stay_strings)
{
	json_t *m = parse_ok("---\n"
			     "a: true\nb: false\nc: null\nd: ~\ne:\nf: 42\ng: -7\nh: +3\n"
			     "i: 'true'\nj: \"42\"\nk: 1.5\nl: 007\nm: 99999999999999999999\n"
			     "n: yes\no: \"\"\np: 'null'\nq: True\n"
			     "---\n",
			     NULL);

	cr_assert(json_is_true(json_object_get(m, "a")));
	cr_assert(json_is_false(json_object_get(m, "b")));
	cr_assert(json_is_null(json_object_get(m, "c")));
	cr_assert(json_is_null(json_object_get(m, "d")));
	cr_assert(json_is_null(json_object_get(m, "e")));
	cr_assert_eq(json_integer_value(json_object_get(m, "f")), 42);
	cr_assert_eq(json_integer_value(json_object_get(m, "g")), -7);
	cr_assert_eq(json_integer_value(json_object_get(m, "h")), 3);
	cr_assert_str_eq(str_of(m, "i"), "true");
	cr_assert_str_eq(str_of(m, "j"), "42");
	cr_assert_str_eq(str_of(m, "k"), "1.5");
	cr_assert_str_eq(str_of(m, "l"), "007");
	cr_assert_str_eq(str_of(m, "m"), "99999999999999999999");
	cr_assert_str_eq(str_of(m, "n"), "yes");
	cr_assert_str_eq(str_of(m, "o"), "");
	cr_assert_str_eq(str_of(m, "p"), "null");
	cr_assert(json_is_true(json_object_get(m, "q")));
	json_decref(m);
}

Test(frontmatter, strings_that_look_typed_are_written_quoted_and_read_back)
{
	json_t *m = json_object(), *again;
	wp_buf b = WP_BUF_INIT;
	static const char *const tricky[] = {
		"true", "False", "null", "~", "", "42", "-1", "007", "a: b", "# nee", "- x",
		"[x]", " spatie", "regel\nnog een", "ja, nee", "'", "\"", "café", "@x", "%x",
	};
	char key[8];
	size_t i;

	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		json_object_set_new(m, key, json_string(tricky[i]));
	}
	json_object_set_new(m, "n", json_integer(-12));
	json_object_set_new(m, "t", json_true());
	json_object_set_new(m, "z", json_null());
	cr_assert_eq(wp_fm_write(&b, m), 0, "%s", wp_error_last());
	cr_assert(strstr(wp_buf_cstr(&b), "k0: \"true\"\n"), "%s", wp_buf_cstr(&b));
	cr_assert(strstr(wp_buf_cstr(&b), "k5: \"42\"\n"), "%s", wp_buf_cstr(&b));
	cr_assert(strstr(wp_buf_cstr(&b), "n: -12\n"), "%s", wp_buf_cstr(&b));
	cr_assert(strstr(wp_buf_cstr(&b), "t: true\n"), "%s", wp_buf_cstr(&b));
	again = parse_ok(wp_buf_cstr(&b), NULL);
	cr_assert(json_equal(m, again), "%s", wp_buf_cstr(&b));
	json_decref(again);
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, nested_values_are_written_in_block_style_and_read_back)
{
	json_t *m = json_pack("{s:[{s:s,s:[s,s]},s], s:{s:i}, s:[], s:{}}", "stappen", "titel",
			      "Casus", "rollen", "wijkcoach", "inwoner", "Dilemma", "terugkoppeling",
			      "dagen", 12, "leeg", "niets");
	wp_buf b = WP_BUF_INIT;
	json_t *again;

	cr_assert_not_null(m);
	cr_assert_eq(wp_fm_write(&b, m), 0, "%s", wp_error_last());
	cr_assert(strstr(wp_buf_cstr(&b), "stappen:\n- "), "%s", wp_buf_cstr(&b));
	cr_assert(strstr(wp_buf_cstr(&b), "rollen: [wijkcoach, inwoner]"), "%s", wp_buf_cstr(&b));
	again = parse_ok(wp_buf_cstr(&b), NULL);
	cr_assert(json_equal(m, again), "%s", wp_buf_cstr(&b));
	json_decref(again);
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, writer_appends_and_writes_nothing_for_an_empty_object)
{
	wp_buf b = WP_BUF_INIT;
	json_t *m = json_object();

	wp_buf_puts(&b, "x");
	cr_assert_eq(wp_fm_write(&b, m), 0);
	cr_assert_str_eq(wp_buf_cstr(&b), "x");
	json_object_set_new(m, "titel", json_string("Hallo"));
	cr_assert_eq(wp_fm_write(&b, m), 0);
	cr_assert_str_eq(wp_buf_cstr(&b), "x---\ntitel: Hallo\n---\n");
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, writer_refuses_a_non_object_and_leaves_the_buffer)
{
	wp_buf b = WP_BUF_INIT;
	json_t *a = json_array();

	cr_assert_eq(wp_fm_write(&b, a), WP_EINVALID);
	cr_assert_eq(b.len, 0);
	json_decref(a);
}

Test(frontmatter, writer_stops_at_the_buffer_cap_without_partial_output)
{
	wp_buf b = WP_BUF_INIT;
	json_t *m = json_pack("{s:s}", "titel", "een titel die niet past");

	b.max = 16;
	wp_buf_puts(&b, "ab");
	cr_assert_eq(wp_fm_write(&b, m), WP_ETOOBIG);
	cr_assert_str_eq(wp_buf_cstr(&b), "ab");
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, file_without_front_matter_is_all_body)
{
	size_t off = 5;
	json_t *m = parse_ok("# Kop\n\n---\na: 1\n---\n", &off);

	cr_assert_eq(json_object_size(m), 0);
	cr_assert_eq(off, 0);
	json_decref(m);
	m = parse_ok("", &off);
	cr_assert_eq(json_object_size(m), 0);
	cr_assert_eq(off, 0);
	json_decref(m);
	m = parse_ok("----\na: 1\n---\n", &off);
	cr_assert_eq(json_object_size(m), 0);
	cr_assert_eq(off, 0);
	json_decref(m);
}

Test(frontmatter, empty_front_matter_is_an_empty_object)
{
	const char *text = "---\n---\nTekst";
	size_t off;
	json_t *m = parse_ok(text, &off);

	cr_assert_eq(json_object_size(m), 0);
	cr_assert_str_eq(text + off, "Tekst");
	json_decref(m);

	text = "---\n# alleen commentaar\n\n---\nTekst";
	m = parse_ok(text, &off);
	cr_assert_eq(json_object_size(m), 0);
	cr_assert_str_eq(text + off, "Tekst");
	json_decref(m);
}

Test(frontmatter, crlf_line_endings_are_accepted)
{
	const char *text = "---\r\ntitel: Hallo\r\nwetten:\r\n  - Wmo\r\n---\r\nTekst\r\n";
	size_t off;
	json_t *m = parse_ok(text, &off);

	cr_assert_str_eq(str_of(m, "titel"), "Hallo");
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(m, "wetten"), 0)),
			 "Wmo");
	cr_assert_str_eq(text + off, "Tekst\r\n");
	json_decref(m);
}

Test(frontmatter, utf8_bom_before_the_opening_line_is_skipped)
{
	const char *text = "\xEF\xBB\xBF---\ntitel: Caf\xC3\xA9\n---\nTekst";
	size_t off;
	json_t *m = parse_ok(text, &off);

	cr_assert_str_eq(str_of(m, "titel"), "Caf\xC3\xA9");
	cr_assert_str_eq(text + off, "Tekst");
	json_decref(m);
}

Test(frontmatter, body_offset_follows_the_closing_line)
{
	const char *text = "---\na: 1\n...\nTekst";
	size_t off;
	json_t *m = parse_ok(text, &off);

	cr_assert_eq(json_integer_value(json_object_get(m, "a")), 1);
	cr_assert_str_eq(text + off, "Tekst");
	json_decref(m);

	text = "---\na: 1\n---";
	m = parse_ok(text, &off);
	cr_assert_eq(off, strlen(text));
	json_decref(m);

	text = "---  \na: 1\n---\t\n\nTekst";
	m = parse_ok(text, &off);
	cr_assert_str_eq(text + off, "\nTekst");
	json_decref(m);
}

Test(frontmatter, unclosed_front_matter_is_refused)
{
	static const char text[] = "---\ntitel: Hallo\n\nTekst zonder afsluiting\n";

	assert_refused(text, strlen(text), WP_EINVALID, "niet afgesloten", NULL);
	assert_refused("---", 3, WP_EINVALID, "niet afgesloten", NULL);
	assert_refused("---\n--- x\n", 10, WP_EINVALID, "niet afgesloten", NULL);
}

Test(frontmatter, bad_yaml_names_the_line_in_the_file)
{
	static const char text[] = "---\ntitel: x\nregio: y\n  wetten: z\n---\nTekst\n";
	static const char crlf[] = "---\r\na: 1\r\nb: [x, y\r\n---\r\n";

	assert_refused(text, strlen(text), WP_EINVALID, "regel 4",
		       "mapping values are not allowed");
	assert_refused(crlf, strlen(crlf), WP_EINVALID, "regel 4", "vanaf regel 3");
}

Test(frontmatter, unclosed_quote_names_the_line_where_it_began)
{
	static const char text[] = "---\na: 1\ntitel: \"Moeder van drie\nregio: x\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "vanaf regel 3", NULL);
}

Test(frontmatter, invalid_utf8_is_refused_with_its_line)
{
	static const char text[] = "---\na: 1\nb: caf\xC3\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "regel 3", "UTF-8");
}

Test(frontmatter, top_level_that_is_not_a_mapping_is_refused)
{
	static const char list[] = "---\n- a\n- b\n---\n";
	static const char scalar[] = "---\nzomaar tekst\n---\n";

	assert_refused(list, strlen(list), WP_EINVALID, "regel 2", "naam: waarde");
	assert_refused(scalar, strlen(scalar), WP_EINVALID, "regel 2", "naam: waarde");
}

Test(frontmatter, anchors_and_aliases_are_refused)
{
	static const char simple[] = "---\na: &x 1\nb: *x\n---\n";
	static const char laughs[] = "---\n"
				     "a: &a [\"lol\", \"lol\", \"lol\", \"lol\"]\n"
				     "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
				     "c: [*b, *b, *b, *b, *b, *b, *b, *b]\n"
				     "---\n";
	static const char on_key[] = "---\n&k a: 1\n---\n";

	assert_refused(simple, strlen(simple), WP_EINVALID, "regel 2", "'&'");
	assert_refused(laughs, strlen(laughs), WP_EINVALID, "regel 2", "'*'");
	assert_refused(on_key, strlen(on_key), WP_EINVALID, "regel 2", "'&'");
}

/* "---\na: " followed by n '[' and n ']': depth n + 1 (the top mapping is 1). */
static char *nested(int n)
{
	char *s = malloc((size_t)(2 * n) + 16);
	int i;

	strcpy(s, "---\na: ");
	for (i = 0; i < n; i++)
		strcat(s, "[");
	for (i = 0; i < n; i++)
		strcat(s, "]");
	strcat(s, "\n---\n");
	return s;
}

Test(frontmatter, nesting_deeper_than_32_is_refused)
{
	char *ok = nested(31), *deep = nested(32), *very = nested(100000);
	json_t *m = parse_ok(ok, NULL);

	json_decref(m);
	assert_refused(deep, strlen(deep), WP_EINVALID, "32", "regel 2");
	assert_refused(very, strlen(very), WP_EINVALID, "32", NULL);
	free(ok);
	free(deep);
	free(very);
}

Test(frontmatter, writer_refuses_nesting_it_could_not_read_back)
{
	json_t *m = json_object(), *inner = m;
	wp_buf b = WP_BUF_INIT;
	int i;

	for (i = 0; i < 40; i++) {
		json_t *next = json_object();

		json_object_set_new(inner, "x", next);
		inner = next;
	}
	json_object_set_new(inner, "x", json_integer(1));
	cr_assert_eq(wp_fm_write(&b, m), WP_EINVALID);
	cr_assert_eq(b.len, 0);
	json_decref(m);
	wp_buf_dispose(&b);
}

Test(frontmatter, front_matter_above_the_limit_is_too_big)
{
	size_t yaml = WP_FM_MAX_BYTES, len = 4 + yaml + 1 + 4;
	char *text = malloc(len + 8);
	json_t *m;

	/* a comment line of exactly WP_FM_MAX_BYTES bytes including its '\n' */
	memcpy(text, "---\n#", 5);
	memset(text + 5, 'x', yaml - 2);
	memcpy(text + 4 + yaml - 1, "\n---\nT", 6);
	text[4 + yaml + 5] = '\0';
	m = parse_ok(text, NULL);
	cr_assert_eq(json_object_size(m), 0);
	json_decref(m);

	memcpy(text, "---\n#", 5);
	memset(text + 5, 'x', yaml - 1);
	memcpy(text + 4 + yaml, "\n---\n", 5);
	text[len] = '\0';
	assert_refused(text, len, WP_ETOOBIG, "kB", NULL);
	free(text);
}

Test(frontmatter, duplicate_keys_are_refused)
{
	static const char text[] = "---\ntitel: a\nregio: b\ntitel: c\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "'titel'", "regel 4");
}

Test(frontmatter, a_second_document_is_refused)
{
	static const char text[] = "---\na: 1\n--- b: 2\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "regel 3", NULL);
}

Test(frontmatter, nul_character_is_refused)
{
	static const char text[] = "---\na: \"x\\0y\"\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "NUL", "regel 2");
}

Test(frontmatter, list_as_key_is_refused)
{
	static const char text[] = "---\n? [a, b]\n: c\n---\n";

	assert_refused(text, strlen(text), WP_EINVALID, "regel 2", "gewone tekst");
}
