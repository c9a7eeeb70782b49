/* http.h - the web server: CivetWeb set-up, routing, and the lifetime of
 * what the request handlers share. */
#ifndef WP_HTTP_H
#define WP_HTTP_H

#include "config.h"

/* Serves the wiki described by cfg until SIGINT or SIGTERM. Prints the
 * line "Werkplaats draait op http://ADDR:PORT/" on stdout once it accepts
 * connections. Returns 0 after a clean stop, or an error (with a message)
 * when the theme, repository or listening address cannot be used. */
int wp_http_serve(const wp_config *cfg);

#endif
