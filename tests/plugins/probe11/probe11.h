/* probe11.h - the parts of the test plugin "probe11" shared by its files. */
#ifndef PROBE11_H
#define PROBE11_H

#include "plugin.h"

/* The route of /probe11/... and /api/probe11/... (routes.c). */
int probe11_route(wp_plugin *self, wp_request *r);

/* The host table given to wp_plugin_init, kept once before any thread
 * runs and only read afterwards. */
const wp_host *probe11_host(void);

#endif
