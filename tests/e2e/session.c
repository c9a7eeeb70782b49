/* session.c - the shared steps of the browser tests (see session.h). */
#include "session.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define LOGIN_BUTTON "//form[.//input[@name='wachtwoord']]//button"

wp_e2e wp_e2e_fx;

void wp_e2e_start(const wp_ts_opts *opts)
{
	wp_e2e_fx.srv = wp_ts_start(opts);
	wp_wd_start(&wp_e2e_fx.wd);
}

void wp_e2e_stop(void)
{
	wp_wd_quit(wp_e2e_fx.wd);
	wp_e2e_fx.wd = NULL;
	wp_ts_stop(wp_e2e_fx.srv);
	wp_e2e_fx.srv = NULL;
}

char *wp_e2e_at(const char *path)
{
	return wp_ts_fmt("%s%s", wp_ts_base_url(wp_e2e_fx.srv), path);
}

void wp_e2e_go(const char *path)
{
	char *url = wp_e2e_at(path);

	wp_wd_navigate(wp_e2e_fx.wd, url);
	free(url);
}

void wp_e2e_wait_at(const char *path)
{
	char *url = wp_e2e_at(path);

	wp_wd_wait_url(wp_e2e_fx.wd, url);
	free(url);
}

void wp_e2e_click(const char *using, const char *value)
{
	char *el = wp_wd_find(wp_e2e_fx.wd, using, value);

	wp_wd_click(wp_e2e_fx.wd, el);
	free(el);
}

void wp_e2e_type(const char *css, const char *text)
{
	char *el = wp_wd_find(wp_e2e_fx.wd, WP_WD_CSS, css);

	wp_wd_clear(wp_e2e_fx.wd, el);
	wp_wd_send_keys(wp_e2e_fx.wd, el, text);
	free(el);
}

char *wp_e2e_value_of(const char *css)
{
	char *el = wp_wd_find(wp_e2e_fx.wd, WP_WD_CSS, css);
	char *v = wp_wd_property(wp_e2e_fx.wd, el, "value");

	free(el);
	cr_assert_not_null(v, "%s has no value", css);
	return v;
}

char *wp_e2e_text_of(const char *css)
{
	char *el = wp_wd_find(wp_e2e_fx.wd, WP_WD_CSS, css);
	char *t = wp_wd_text(wp_e2e_fx.wd, el);

	free(el);
	return t;
}

int wp_e2e_shown(const char *css)
{
	char *el = wp_wd_try_find(wp_e2e_fx.wd, WP_WD_CSS, css);

	free(el);
	return el != NULL;
}

void wp_e2e_login(const char *name, const char *password, const char *terug)
{
	char *login = wp_ts_fmt("/inloggen?terug=%s", terug);
	char *me = wp_ts_fmt("//nav[contains(@class,'user')]//a[normalize-space()='%s']", name);

	wp_e2e_go(login);
	wp_e2e_type("#naam", name);
	wp_e2e_type("#wachtwoord", password);
	wp_e2e_click(WP_WD_XPATH, LOGIN_BUTTON);
	free(wp_wd_wait_find(wp_e2e_fx.wd, WP_WD_XPATH, me));
	wp_e2e_wait_at(terug);
	free(me);
	free(login);
}

void wp_e2e_assert_contains(const char *hay, const char *needle, const char *what)
{
	cr_assert_not_null(strstr(hay, needle), "%s does not show \"%s\": %s", what, needle, hay);
}
