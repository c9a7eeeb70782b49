/* privacy.h - what the modules of the privacy plugin share.
 *
 * The plugin keeps identifying details out of the wiki (DOMAIN.md,
 * privacy; the AVG asks to keep only what is needed). On every save it
 * scans the page file: a BSN or an IBAN refuses the save; a phone
 * number, e-mail address, address, date of birth or listed name is a
 * warning the person confirms (recorded in the commit message) or
 * replaces by a placeholder. A story is shown beyond its team only when
 * the regio team approved its anonymisation and the check finds nothing.
 * Modules:
 *   privacy.c        registration and configuration (the name list)
 *   detect*.c        the detectors (detect.h), free of the host
 *   check.c          the on_save hook: findings, warnings, the approval rule
 *   api.c            POST /api/privacy/controle: check a text without saving
 *   texts_nl.c       every text a person reads, in Dutch */
#ifndef PRIVACY_H
#define PRIVACY_H

#include "detect.h"
#include "plugin.h"

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <time.h>

#define PV_CONFIRM_KEY "privacy"
#define PV_STORY_TYPE  "verhaal"
#define PV_NAMES_MAX   100000 /* names a list may hold */

/* Set once by wp_plugin_init() before the server's threads start. */
extern const wp_host *pv_host;

/* The plugin's data (set_data): the configuration, and the name list,
 * which is read again when its file changes (under the lock). */
typedef struct {
	json_t *types; /* the page types checked; NULL: every type */
	char *names_file;
	json_t *inline_names; /* from the configuration */
	pthread_mutex_t lock;
	pv_names *names;
	time_t names_mtime;
	long long names_size;
} pv_config;

/* ---- privacy.c ---- */

/* Scans text with the current name list into hits. Returns 0 or -1. */
int pv_config_scan(pv_config *cfg, pv_hits *hits, const char *text, size_t len);
/* Non-zero when pages of type are checked. */
int pv_config_checks(const pv_config *cfg, const char *type);

/* ---- check.c ---- */

int pv_on_save(wp_plugin *self, wp_save *s);

/* One finding as the API shows it: {"kind", "label", "start", "end",
 * "text", "placeholder", "blocks", "message", "field"?}. New reference. */
json_t *pv_finding_json(const pv_hit *h, const char *content, size_t len, size_t body_off);
/* content with every finding replaced by its placeholder. malloc'd. */
char *pv_replaced(const pv_hits *hits, const char *content, size_t len);

/* ---- api.c ---- */

int pv_route_check(wp_plugin *self, wp_request *r);

/* ---- texts_nl.c ---- */

extern const wp_plugin_text pv_texts[];
extern const size_t pv_ntexts;

#endif
