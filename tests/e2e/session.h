/* session.h - what the browser tests share: the server and the browser of
 * the running test, and the few steps every test takes with them (open a
 * path, wait for it, click, type, read a field, log in as a person does).
 * Each step fails the test with a clear message when it cannot be done.
 * Criterion runs each test in its own process, so one fixture serves. */
#ifndef WP_E2E_SESSION_H
#define WP_E2E_SESSION_H

#include "server.h"
#include "webdriver.h"

typedef struct {
	wp_test_server *srv;
	wp_wd *wd;
} wp_e2e;

extern wp_e2e wp_e2e_fx;

/* Starts the server (opts may be NULL) and the browser. */
void wp_e2e_start(const wp_ts_opts *opts);
/* Quits the browser and stops the server: a suite's .fini. */
void wp_e2e_stop(void);

/* The server's URL of path. Caller frees. */
char *wp_e2e_at(const char *path);
void wp_e2e_go(const char *path);
void wp_e2e_wait_at(const char *path);
void wp_e2e_click(const char *using, const char *value);
/* Clears the field css and types text into it. */
void wp_e2e_type(const char *css, const char *text);
/* The value of field css (must have one). Caller frees. */
char *wp_e2e_value_of(const char *css);
/* The rendered text of element css. Caller frees. */
char *wp_e2e_text_of(const char *css);
/* Non-zero when an element css is on the page. */
int wp_e2e_shown(const char *css);
/* Fails the test when hay does not hold needle (what: for the message). */
void wp_e2e_assert_contains(const char *hay, const char *needle, const char *what);
/* Logs name in through the login form and waits until the browser is at
 * terug (a path) with the account named in the menu. */
void wp_e2e_login(const char *name, const char *password, const char *terug);

#endif
