/* probe.h - the parts of the test plugin "probe" shared by its files. */
#ifndef PROBE_H
#define PROBE_H

#include "plugin.h"

/* The Dutch texts (texts_nl.c). */
extern const wp_plugin_text probe_texts[];
extern const size_t probe_ntexts;

/* The routes (routes.c): /proef (HTML) and /api/proef (JSON). */
int probe_route_html(wp_plugin *self, wp_request *r);
int probe_route_api(wp_plugin *self, wp_request *r);

/* The host table given to wp_plugin_init. Hooks receive only their
 * plugin, so the table is kept once at init (before any thread runs) and
 * only read afterwards. */
const wp_host *probe_host(void);

#endif
