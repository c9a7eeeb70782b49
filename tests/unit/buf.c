/* Unit tests for server/buf.c: growth, the hard cap and escaping. */
#include "buf.h"
#include "error.h"

#include <criterion/criterion.h>
#include <string.h>

Test(buf, typed_formatter_escapes_html_url_and_json)
{
	wp_buf b = WP_BUF_INIT;

	cr_assert_eq(wp_buf_printf(&b, "<p>%h</p> /%u?q=%j %d %zu %.*s", "<a href=\"x\">&'",
				   "a b/ü", "\"\n<", -5, (size_t)7, 3, "abcdef"),
		     0);
	cr_assert_str_eq(wp_buf_cstr(&b), "<p>&lt;a href=&quot;x&quot;&gt;&amp;&#39;</p> "
					  "/a%20b/%C3%BC?q=\\\"\\n\\u003c -5 7 abc");
	wp_buf_dispose(&b);
}

Test(buf, growth_stops_at_the_cap_and_keeps_content)
{
	wp_buf b = WP_BUF_INIT;
	int i;

	b.max = 100;
	for (i = 0; i < 10; i++)
		cr_assert_eq(wp_buf_puts(&b, "0123456789"), 0);
	cr_assert_eq(wp_buf_putc(&b, 'x'), WP_ETOOBIG);
	cr_assert_eq(b.len, 100);
	cr_assert_eq(strlen(wp_buf_cstr(&b)), 100);
	wp_buf_dispose(&b);
}

Test(buf, detach_hands_over_string_and_resets)
{
	wp_buf b = WP_BUF_INIT;
	char *s;

	s = wp_buf_detach(&b);
	cr_assert_str_eq(s, "");
	free(s);
	wp_buf_puts(&b, "abc");
	s = wp_buf_detach(&b);
	cr_assert_str_eq(s, "abc");
	cr_assert_null(b.ptr);
	cr_assert_str_eq(wp_buf_cstr(&b), "");
	free(s);
}

Test(buf, unknown_conversion_is_an_error)
{
	wp_buf b = WP_BUF_INIT;

	cr_assert_eq(wp_buf_printf(&b, "%q", 1), WP_EINVALID);
	wp_buf_dispose(&b);
}
