/* webdriver.h - test support: a minimal W3C WebDriver client.
 *
 * Browser tests start chromedriver as a child process on a free loopback
 * port, open one headless Chromium session through it (wp_wd_start) and
 * drive it the way a person would: open a URL, find elements, type, click
 * and read what the page shows. No JavaScript is executed: the site has a
 * strict CSP and works without it, so the tests do too.
 *
 * Like tests/support/server.h, every helper fails the running Criterion
 * test with a clear message when the machinery breaks (chromedriver or
 * Chromium missing, a WebDriver error, a wait that runs out), so a test
 * only asserts behaviour. The exception is wp_wd_quit(), which is meant
 * for a Criterion .fini and never fails.
 *
 * Elements are WebDriver element references (strings, malloc'd; the
 * caller frees them). A reference goes stale when the page changes. */
#ifndef WP_TEST_WEBDRIVER_H
#define WP_TEST_WEBDRIVER_H

#include <jansson.h>
#include <stddef.h>

/* Location strategies (W3C WebDriver "using" values). */
#define WP_WD_CSS "css selector"
#define WP_WD_LINK "link text"
#define WP_WD_XPATH "xpath"

/* How long the wp_wd_wait_* helpers poll (every 100 ms) before failing. */
#define WP_WD_WAIT_MS 10000

typedef struct wp_wd wp_wd;

/* Starts chromedriver (WP_CHROMEDRIVER or /usr/bin/chromedriver) on a free
 * 127.0.0.1 port, waits (15 s at most) until it is ready and opens a
 * headless session of Chromium (WP_CHROMIUM or /usr/bin/chromium) with a
 * fresh profile folder. Fails the test, saying what is missing, when
 * either program is not installed or does not come up. *out is set before
 * anything is started, so a Criterion .fini that passes it to wp_wd_quit()
 * cleans up after a failed start too. */
void wp_wd_start(wp_wd **out);

/* Closes the session, stops chromedriver and the browser it started and
 * removes the profile folder. Never fails the test; NULL is a no-op. */
void wp_wd_quit(wp_wd *wd);

/* Opens url in the current tab and waits for it to load. */
void wp_wd_navigate(wp_wd *wd, const char *url);
/* Goes one step back in the tab's history (the browser's back button). */
void wp_wd_back(wp_wd *wd);
/* The URL the tab shows now. Caller frees. */
char *wp_wd_url(wp_wd *wd);
/* The current page's HTML as the browser holds it. Caller frees. */
char *wp_wd_source(wp_wd *wd);

/* The first element matching (using, value); fails the test when there is
 * none. Caller frees. */
char *wp_wd_find(wp_wd *wd, const char *using, const char *value);
/* As wp_wd_find(), but NULL when there is no match. */
char *wp_wd_try_find(wp_wd *wd, const char *using, const char *value);
/* The first element matching (using, value) inside element parent. */
char *wp_wd_find_in(wp_wd *wd, const char *parent, const char *using, const char *value);
/* Every element matching (using, value), in document order: a JSON array
 * of element references (strings). Caller json_decref()s it. */
json_t *wp_wd_find_all(wp_wd *wd, const char *using, const char *value);

/* Clicks the element (scrolling it into view first, as WebDriver does). */
void wp_wd_click(wp_wd *wd, const char *el);
/* Types text into the element, at the end of what it holds. "\n" is the
 * Enter key. */
void wp_wd_send_keys(wp_wd *wd, const char *el, const char *text);
/* Empties an input or text area. */
void wp_wd_clear(wp_wd *wd, const char *el);
/* The element's rendered text (as a person sees it). Caller frees. */
char *wp_wd_text(wp_wd *wd, const char *el);
/* The element's DOM property name (such as "value" of a form field) as a
 * string; NULL when it is null or absent. Caller frees. */
char *wp_wd_property(wp_wd *wd, const char *el, const char *name);
/* The element's HTML attribute name; NULL when it has none. Caller frees. */
char *wp_wd_attribute(wp_wd *wd, const char *el, const char *name);

/* Polls until the tab's URL equals url; fails the test (showing the URL
 * and the start of the page) when it does not within WP_WD_WAIT_MS. */
void wp_wd_wait_url(wp_wd *wd, const char *url);
/* Polls until the tab's URL starts with prefix; returns the URL (caller
 * frees) or fails the test as wp_wd_wait_url() does. */
char *wp_wd_wait_url_prefix(wp_wd *wd, const char *prefix);
/* Polls until an element matches (using, value) and returns it (caller
 * frees), or fails the test after WP_WD_WAIT_MS. */
char *wp_wd_wait_find(wp_wd *wd, const char *using, const char *value);

#endif
