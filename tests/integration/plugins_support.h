/* plugins_support.h - assertions shared by the plugin API tests
 * (plugins.c for 1.0, plugins11.c for 1.1). */
#ifndef PLUGINS_SUPPORT_H
#define PLUGINS_SUPPORT_H

#include "server.h"

#include <jansson.h>

/* Fails the test unless r has status (the body is shown). */
void pl_assert_status(const wp_ts_response *r, long status);
/* pl_assert_status() and a JSON content type. */
void pl_assert_json(const wp_ts_response *r, long status);
/* The string at key of j, or "<missing>". */
const char *pl_jstr(const json_t *j, const char *key);
/* GET path as JSON with status 200; caller decrefs. */
json_t *pl_get_json(const wp_test_server *srv, const char *path);

#endif
