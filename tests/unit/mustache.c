/* Unit tests for server/mustache.c: every case of the official Mustache spec
 * files, then what a theme author runs into: broken templates, runaway
 * partials, the output cap, and values the spec leaves open. */
#include "buf.h"
#include "error.h"
#include "mustache.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SPEC_DIR WP_SOURCE_DIR "/../shared/test-suites/mustache-spec"

/* Partials from a JSON object {name: template}; payload is that object. */
static int load_json(void *payload, const char *name, const char **out, size_t *out_len)
{
	json_t *v = json_object_get((json_t *)payload, name);

	*out = NULL;
	*out_len = 0;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		*out_len = json_string_length(v);
	}
	return 0;
}

/* Runs every case of one spec file and reports each failing one by name. */
static void run_spec(const char *file)
{
	char path[1024];
	json_error_t jerr;
	json_t *root, *tests, *tc;
	size_t i, failed = 0, ran = 0;

	snprintf(path, sizeof(path), "%s/%s", SPEC_DIR, file);
	root = json_load_file(path, 0, &jerr);
	cr_assert_not_null(root, "cannot read %s: %s", path, jerr.text);
	tests = json_object_get(root, "tests");
	cr_assert(json_is_array(tests), "%s has no tests array", path);
	json_array_foreach(tests, i, tc) {
		json_t *tmpl = json_object_get(tc, "template");
		json_t *want = json_object_get(tc, "expected");
		wp_buf out = WP_BUF_INIT;
		int rc;

		cr_assert(json_is_string(tmpl) && json_is_string(want));
		rc = wp_mustache_render(&out, json_string_value(tmpl), json_string_length(tmpl),
					json_object_get(tc, "data"), load_json,
					json_object_get(tc, "partials"));
		ran++;
		if (rc != 0 || out.len != json_string_length(want) ||
		    memcmp(wp_buf_cstr(&out), json_string_value(want), out.len) != 0) {
			failed++;
			fprintf(stderr,
				"%s: \"%s\" failed (rc %d, %s)\n  expected: [%s]\n  got: [%s]\n",
				file, json_string_value(json_object_get(tc, "name")), rc,
				wp_error_last(), json_string_value(want), wp_buf_cstr(&out));
		}
		wp_buf_dispose(&out);
	}
	json_decref(root);
	cr_assert_gt(ran, 0, "%s has no cases", file);
	cr_assert_eq(failed, 0, "%zu of %zu cases in %s fail", failed, ran, file);
}

Test(mustache, spec_comments_all_pass) { run_spec("comments.json"); }
Test(mustache, spec_delimiters_all_pass) { run_spec("delimiters.json"); }
Test(mustache, spec_interpolation_all_pass) { run_spec("interpolation.json"); }
Test(mustache, spec_inverted_all_pass) { run_spec("inverted.json"); }
Test(mustache, spec_partials_all_pass) { run_spec("partials.json"); }
Test(mustache, spec_sections_all_pass) { run_spec("sections.json"); }
Test(mustache, spec_inheritance_all_pass) { run_spec("~inheritance.json"); }

/* Renders tmpl with data (JSON text) and partials (JSON text or NULL);
 * returns the code and leaves the output in out. */
static int render(wp_buf *out, const char *tmpl, const char *data, const char *partials)
{
	json_t *d = json_loads(data, 0, NULL);
	json_t *p = partials ? json_loads(partials, 0, NULL) : json_object();
	int rc;

	cr_assert_not_null(d);
	cr_assert_not_null(p);
	rc = wp_mustache_render(out, tmpl, strlen(tmpl), d, load_json, p);
	json_decref(d);
	json_decref(p);
	return rc;
}

/* Expects tmpl to fail with code rc and a message containing each of the
 * NULL-terminated strings that follow. */
static void expect_error(const char *tmpl, const char *partials, int rc, ...)
{
	wp_buf out = WP_BUF_INIT;
	const char *part;
	va_list ap;

	cr_assert_eq(render(&out, tmpl, "{\"a\": true}", partials), rc, "template: %s", tmpl);
	va_start(ap, rc);
	for (part = va_arg(ap, const char *); part; part = va_arg(ap, const char *))
		cr_expect_not_null(strstr(wp_error_last(), part),
				   "template %s: message \"%s\" lacks \"%s\"", tmpl,
				   wp_error_last(), part);
	va_end(ap);
	cr_expect_eq(out.len, 0);
	wp_buf_dispose(&out);
}

Test(mustache, unclosed_tag_is_refused_with_its_line)
{
	expect_error("Hallo\nwereld {{naam", NULL, WP_EINVALID, "regel 2", "}}", NULL);
	expect_error("{{{naam}}", NULL, WP_EINVALID, "}}}", NULL);
	expect_error("{{! nooit dicht", NULL, WP_EINVALID, "regel 1", NULL);
}

Test(mustache, unclosed_and_mismatched_sections_are_refused)
{
	expect_error("a\n{{#lijst}}\nx", NULL, WP_EINVALID, "regel 2", "'lijst'", NULL);
	expect_error("{{#a}}{{^b}}{{/a}}{{/b}}", NULL, WP_EINVALID, "'a'", "'b'", NULL);
	expect_error("tekst{{/a}}", NULL, WP_EINVALID, "'a'", NULL);
	expect_error("{{<ouder}}{{$blok}}{{/ouder}}", NULL, WP_EINVALID, "'ouder'", "'blok'", NULL);
}

Test(mustache, bad_set_delimiters_are_refused)
{
	expect_error("{{=<% %>}}", NULL, WP_EINVALID, "=}}", NULL);
	expect_error("{{= <% =}}", NULL, WP_EINVALID, "'<%'", NULL);
	expect_error("{{=<% %> x=}}", NULL, WP_EINVALID, "'<% %> x'", NULL);
	expect_error("{{=<=% %>=}}", NULL, WP_EINVALID, NULL);
	expect_error("{{=a a a a a a a a a a a a a a a a a a|b=}}", NULL, WP_EINVALID, NULL);
	/* The new delimiters hold afterwards: an unclosed <% is reported. */
	expect_error("{{=<% %>=}}\n<%naam", NULL, WP_EINVALID, "regel 2", "'%>'", NULL);
}

Test(mustache, empty_or_spaced_names_are_refused)
{
	expect_error("{{}}", NULL, WP_EINVALID, NULL);
	expect_error("{{#  }}{{/}}", NULL, WP_EINVALID, NULL);
	expect_error("{{voor naam}}", NULL, WP_EINVALID, "'voor naam'", NULL);
}

Test(mustache, errors_in_a_partial_name_the_partial)
{
	expect_error("x {{>kop}}", "{\"kop\": \"goed\\n{{#a}}\"}", WP_EINVALID, "'kop'",
		     "regel 2", NULL);
}

Test(mustache, errors_in_unrendered_branches_are_still_found)
{
	expect_error("{{#nooit}}{{oeps{{/nooit}}", NULL, WP_EINVALID, NULL);
}

Test(mustache, failed_render_leaves_earlier_output_untouched)
{
	wp_buf out = WP_BUF_INIT;

	wp_buf_puts(&out, "voor");
	cr_assert_eq(render(&out, "{{#a}}lang genoeg{{>x}}", "{\"a\": true}", NULL), WP_EINVALID);
	cr_assert_str_eq(wp_buf_cstr(&out), "voor");
	cr_assert_eq(render(&out, "{{>zelf}}", "{}", "{\"zelf\": \"x{{>zelf}}\"}"), WP_ETOOBIG);
	cr_assert_str_eq(wp_buf_cstr(&out), "voor");
	wp_buf_dispose(&out);
}

Test(mustache, output_cap_stops_rendering)
{
	wp_buf out = WP_BUF_INIT;

	out.max = 50;
	cr_assert_eq(render(&out, "{{#l}}0123456789{{/l}}", "{\"l\": [1, 2, 3, 4, 5]}", NULL), 0);
	cr_assert_eq(out.len, 50);
	wp_buf_clear(&out);
	cr_assert_eq(render(&out, "{{#l}}0123456789{{/l}}", "{\"l\": [1, 2, 3, 4, 5, 6]}", NULL),
		     WP_ETOOBIG);
	cr_assert_eq(out.len, 0);
	wp_buf_dispose(&out);
}

/* A tree of `levels` nested nodes rendered by a partial that calls itself
 * once per level. */
static int render_tree(wp_buf *out, int levels, wp_buf *want)
{
	json_t *root = NULL;
	json_t *partials = json_pack("{s:s}", "knoop", "{{naam}}{{#kind}}({{>knoop}}){{/kind}}");
	int i, rc;

	for (i = levels; i >= 1; i--) {
		json_t *node = json_pack("{s:i}", "naam", i);

		/* false stops {{#kind}} from finding the parent's kind up the stack */
		json_object_set_new(node, "kind", root ? root : json_false());
		root = node;
	}
	for (i = 1; i <= levels; i++)
		wp_buf_printf(want, i < levels ? "%d(" : "%d", i);
	for (i = 1; i < levels; i++)
		wp_buf_putc(want, ')');
	rc = wp_mustache_render(out, "{{>knoop}}", 10, root, load_json, partials);
	json_decref(root);
	json_decref(partials);
	return rc;
}

Test(mustache, partials_recurse_64_levels_deep)
{
	wp_buf out = WP_BUF_INIT, want = WP_BUF_INIT;

	cr_assert_eq(render_tree(&out, 64, &want), 0, "%s", wp_error_last());
	cr_assert_str_eq(wp_buf_cstr(&out), wp_buf_cstr(&want));
	wp_buf_dispose(&out);
	wp_buf_dispose(&want);
}

Test(mustache, partials_deeper_than_64_levels_are_refused)
{
	wp_buf out = WP_BUF_INIT, want = WP_BUF_INIT;

	cr_assert_eq(render_tree(&out, 65, &want), WP_ETOOBIG);
	cr_assert_not_null(strstr(wp_error_last(), "'knoop'"));
	cr_assert_not_null(strstr(wp_error_last(), "64"));
	cr_assert_eq(out.len, 0);
	wp_buf_dispose(&out);
	wp_buf_dispose(&want);
}

Test(mustache, endless_partial_and_parent_recursion_is_refused)
{
	expect_error("{{>a}}", "{\"a\": \"{{>b}}\", \"b\": \"{{>a}}\"}", WP_ETOOBIG, "64", NULL);
	expect_error("{{<a}}{{/a}}", "{\"a\": \"{{<a}}{{/a}}\"}", WP_ETOOBIG, NULL);
}

Test(mustache, block_that_overrides_itself_is_refused)
{
	expect_error("{{<p}}{{$b}}{{$b}}{{/b}}{{/b}}{{/p}}", "{\"p\": \"{{$b}}{{/b}}\"}",
		     WP_ETOOBIG, NULL);
}

Test(mustache, sections_nested_too_deep_are_refused)
{
	wp_buf tmpl = WP_BUF_INIT, out = WP_BUF_INIT;
	json_t *data = json_object();
	int i;

	for (i = 0; i < 101; i++)
		wp_buf_puts(&tmpl, "{{#a}}");
	for (i = 0; i < 101; i++)
		wp_buf_puts(&tmpl, "{{/a}}");
	cr_assert_eq(wp_mustache_render(&out, tmpl.ptr, tmpl.len, data, NULL, NULL), WP_ETOOBIG);
	/* 100 levels are fine. */
	cr_assert_eq(wp_mustache_render(&out, tmpl.ptr + 6, tmpl.len - 12, data, NULL, NULL), 0);
	json_decref(data);
	wp_buf_dispose(&tmpl);
	wp_buf_dispose(&out);
}

Test(mustache, without_a_loader_partials_render_empty)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(wp_mustache_render(&out, "a{{>x}}b{{<y}}{{$z}}c{{/z}}{{/y}}", 33, NULL, NULL,
					NULL),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out), "ab");
	wp_buf_dispose(&out);
}

static int load_fails(void *payload, const char *name, const char **out, size_t *out_len)
{
	(void)payload;
	(void)out_len;
	*out = NULL;
	wp_error_set("kan %s niet lezen", name);
	return WP_ENOTFOUND;
}

Test(mustache, a_failing_loader_stops_the_render)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(wp_mustache_render(&out, "a{{>x}}", 7, NULL, load_fails, NULL), WP_ENOTFOUND);
	cr_assert_str_eq(wp_error_last(), "kan x niet lezen");
	cr_assert_eq(out.len, 0);
	wp_buf_dispose(&out);
}

Test(mustache, values_print_as_a_reader_expects)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(render(&out, "{{i}} {{r}} {{g}} {{t}} {{f}} [{{n}}{{o}}{{l}}] {{x}}",
			    "{\"i\": -42, \"r\": 0.1, \"g\": 2.0, \"t\": true, \"f\": false, "
			    "\"n\": null, \"o\": {\"a\": 1}, \"l\": [1], \"x\": \"<a href='x'>&\"}",
			    NULL),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out),
			 "-42 0.1 2 true false [] &lt;a href=&#39;x&#39;&gt;&amp;");
	wp_buf_dispose(&out);
}

Test(mustache, empty_string_and_empty_list_are_falsy_zero_is_not)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(render(&out, "{{#s}}s{{/s}}{{^s}}!s{{/s}}{{#l}}l{{/l}}{{^l}}!l{{/l}}"
				  "{{#z}}z{{/z}}{{#o}}o{{/o}}",
			    "{\"s\": \"\", \"l\": [], \"z\": 0, \"o\": {}}", NULL),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out), "!s!lzo");
	wp_buf_dispose(&out);
}

Test(mustache, template_with_nul_bytes_renders_them)
{
	wp_buf out = WP_BUF_INIT;
	static const char tmpl[] = "a\0b{{x}}\0";

	cr_assert_eq(wp_mustache_render(&out, tmpl, sizeof(tmpl) - 1, NULL, NULL, NULL), 0);
	cr_assert_eq(out.len, 4);
	cr_assert_eq(memcmp(out.ptr, "a\0b\0", 4), 0);
	wp_buf_dispose(&out);
}

Test(mustache, nested_partial_indentation_adds_up)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(render(&out, "<ul>\n  {{>lijst}}\n</ul>\n", "{\"l\": [\"a\", \"b\"]}",
			    "{\"lijst\": \"{{#l}}\\n  {{>item}}\\n{{/l}}\\n\", "
			    "\"item\": \"<li>\\n  {{.}}\\n</li>\\n\"}"),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<ul>\n    <li>\n      a\n    </li>\n"
					    "    <li>\n      b\n    </li>\n</ul>\n");
	wp_buf_dispose(&out);
}

/* A small deterministic generator, so failures can be replayed. */
static unsigned next_random(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

Test(mustache, random_templates_never_crash)
{
	static const char *const pieces[] = {
		"{{", "}}", "{{{", "}}}", "#a", "#l", "^a", "/a", "/l", ">p", "<p", "$b", "/b",
		"/p", "&", "!", "=", "= | | =", "|", "a", ".", " ", "\n", "\r\n", "x",
		"{{/b}}{{/p}}", "{{<p}}{{$b}}", "{{$b}}{{/b}}", "{{.}}", "  ", "{{a.b}}", "\t",
	};
	json_t *data = json_loads("{\"a\": {\"b\": \"<&>\"}, \"l\": [1, 2.5, \"x\", [], {}]}", 0,
				  NULL);
	json_t *partials = json_pack("{s:s}", "p", "  {{$b}}\n  d\n{{/b}}\n{{#l}}{{>p}}{{/l}}");
	unsigned state = 12345;
	int i, j, ok = 0;

	for (i = 0; i < 20000; i++) {
		wp_buf tmpl = WP_BUF_INIT, out = WP_BUF_INIT;
		int n = (int)(next_random(&state) % 24), rc;

		for (j = 0; j < n; j++)
			wp_buf_puts(&tmpl, pieces[next_random(&state) % (sizeof(pieces) /
									  sizeof(pieces[0]))]);
		out.max = 1 << 20;
		rc = wp_mustache_render(&out, tmpl.ptr, tmpl.len, data, load_json, partials);
		cr_assert(rc == 0 || rc == WP_EINVALID || rc == WP_ETOOBIG, "rc %d for [%s]", rc,
			  wp_buf_cstr(&tmpl));
		if (rc == 0)
			ok++;
		else
			cr_assert_neq(wp_error_last()[0], '\0');
		wp_buf_dispose(&tmpl);
		wp_buf_dispose(&out);
	}
	cr_assert_gt(ok, 100);
	json_decref(data);
	json_decref(partials);
}

Test(mustache, page_blocks_take_the_indentation_of_the_layout)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(render(&out,
			    "{{<layout}}\n"
			    "{{$titel}}{{titel}}{{/titel}}\n"
			    "{{$inhoud}}\n"
			    "<article>\n"
			    "  {{{html}}}\n"
			    "</article>\n"
			    "{{/inhoud}}\n"
			    "{{/layout}}\n",
			    "{\"titel\": \"Koken & meer\", \"html\": \"<p>Hoi</p>\"}",
			    "{\"layout\": \"<html>\\n"
			    "  <title>{{$titel}}Werkplaats{{/titel}}</title>\\n"
			    "  <body>\\n"
			    "    {{$inhoud}}\\n"
			    "    <p>Leeg</p>\\n"
			    "    {{/inhoud}}\\n"
			    "  </body>\\n"
			    "</html>\\n\"}"),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<html>\n"
					    "  <title>Koken &amp; meer</title>\n"
					    "  <body>\n"
					    "    <article>\n"
					    "      <p>Hoi</p>\n"
					    "    </article>\n"
					    "  </body>\n"
					    "</html>\n");
	wp_buf_dispose(&out);
}

Test(mustache, layout_defaults_render_when_the_page_passes_no_block)
{
	wp_buf out = WP_BUF_INIT;

	cr_assert_eq(render(&out, "{{<layout}}{{/layout}}", "{}",
			    "{\"layout\": \"<body>\\n  {{$inhoud}}\\n  <p>Leeg</p>\\n"
			    "  {{/inhoud}}\\n</body>\\n\"}"),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&out), "<body>\n  <p>Leeg</p>\n</body>\n");
	wp_buf_dispose(&out);
}
