/* Unit tests for server/path.c: which page paths are accepted, why the
 * others are refused, and the folder/slug helpers. */
#include "error.h"
#include "path.h"

#include <criterion/criterion.h>
#include <string.h>

/* Asserts that path is refused and that the message contains needle. */
static void assert_refused(const char *path, const char *needle)
{
	wp_error_clear();
	cr_assert_eq(wp_path_check(path), WP_EINVALID, "accepted: %s", path ? path : "(null)");
	cr_assert(strstr(wp_error_last(), needle) != NULL, "message for %s: %s",
		  path ? path : "(null)", wp_error_last());
}

Test(path, valid_paths_are_accepted)
{
	static const char *const ok[] = {
		"x",
		"verhalen/moeder-van-drie",
		"verhalen/moeder-van-drie/perspectieven/wijkcoach",
		"olifantenpaden/2025-03-bijzondere-bijstand",
		"a-b/c1/d-2",
		"verhalen/api", /* reserved only as the first segment */
		"apis",
		"a/b/c/d/e/f/g/h",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		cr_assert_eq(wp_path_check(ok[i]), 0, "refused %s: %s", ok[i], wp_error_last());
}

Test(path, traversal_and_absolute_paths_are_refused)
{
	assert_refused("..", "punt");
	assert_refused("../etc/passwd", "punt");
	assert_refused("a/../b", "punt");
	assert_refused("a/./b", "punt");
	assert_refused("/etc/passwd", "'/'");
	assert_refused("verhalen/", "'/'");
	assert_refused("a//b", "'/'");
	assert_refused("%2e%2e", "'%'");
}

Test(path, empty_and_null_are_refused)
{
	assert_refused("", "paginapad op");
	assert_refused(NULL, "paginapad op");
	assert_refused("/", "'/'");
}

Test(path, characters_outside_lowercase_digits_and_dash_are_refused)
{
	assert_refused("A", "hoofdletters");
	assert_refused("verhalen/Moeder", "hoofdletters");
	assert_refused("a b", "spaties");
	assert_refused("a\tb", "spaties");
	assert_refused("a.md", "'.md'");
	assert_refused("caf\xc3\xa9", "accenten");
	assert_refused("a_b", "'_'");
	assert_refused("a\\b", "'\\'");
	assert_refused("a?b", "'?'");
	assert_refused("a:b", "':'");
}

Test(path, nul_ends_the_path)
{
	/* The C string ends at NUL; what follows is not part of the path. */
	cr_assert_eq(wp_path_check("abc\0/../x"), 0);
}

Test(path, segment_of_only_dashes_is_refused)
{
	assert_refused("-", "letter of cijfer");
	assert_refused("verhalen/---", "letter of cijfer");
	cr_assert_eq(wp_path_check("-a-"), 0);
}

Test(path, overlong_segment_and_path_are_refused)
{
	char seg[82], path[WP_PATH_MAX + 2];
	size_t i;

	memset(seg, 'a', 80);
	seg[80] = '\0';
	cr_assert_eq(wp_path_check(seg), 0);
	seg[80] = 'a';
	seg[81] = '\0';
	assert_refused(seg, "80 tekens");

	/* segments of 39 letters + '/': 200 bytes in total is fine, 201 not */
	for (i = 0; i < WP_PATH_MAX; i++)
		path[i] = (i % 40 == 39) ? '/' : 'a';
	path[WP_PATH_MAX - 1] = 'a';
	path[WP_PATH_MAX] = '\0';
	cr_assert_eq(wp_path_check(path), 0, "%s", wp_error_last());
	path[WP_PATH_MAX] = 'a';
	path[WP_PATH_MAX + 1] = '\0';
	assert_refused(path, "200 tekens");
}

Test(path, too_many_segments_are_refused)
{
	assert_refused("a/b/c/d/e/f/g/h/i", "8 delen");
}

Test(path, reserved_first_segment_is_refused)
{
	assert_refused("api", "'api'");
	assert_refused("api/x", "'api'");
	assert_refused("nieuw", "'nieuw'");
	assert_refused("static/style", "'static'");
	assert_refused("_/x", "'_'");
}

Test(path, reserved_names_are_known)
{
	cr_assert(wp_path_is_reserved("api"));
	cr_assert(wp_path_is_reserved("zoeken"));
	cr_assert(wp_path_is_reserved("_"));
	cr_assert(wp_path_is_reserved("_intern"));
	cr_assert_not(wp_path_is_reserved("verhalen"));
	cr_assert_not(wp_path_is_reserved("ap"));
	cr_assert_not(wp_path_is_reserved(NULL));
}

Test(path, folder_and_slug_split_at_the_last_slash)
{
	char folder[64];

	wp_path_folder(folder, sizeof(folder), "verhalen/x");
	cr_assert_str_eq(folder, "verhalen");
	cr_assert_str_eq(wp_path_slug("verhalen/x"), "x");

	wp_path_folder(folder, sizeof(folder), "verhalen/x/perspectieven/y");
	cr_assert_str_eq(folder, "verhalen/x/perspectieven");
	cr_assert_str_eq(wp_path_slug("verhalen/x/perspectieven/y"), "y");

	wp_path_folder(folder, sizeof(folder), "x");
	cr_assert_str_eq(folder, "");
	cr_assert_str_eq(wp_path_slug("x"), "x");
}

Test(path, folder_is_truncated_to_the_buffer)
{
	char folder[5];

	wp_path_folder(folder, sizeof(folder), "verhalen/x");
	cr_assert_str_eq(folder, "verh");
}
