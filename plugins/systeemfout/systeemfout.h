/* systeemfout.h - what the modules of the systeemfout plugin share.
 *
 * The plugin carries the system errors raised (DOMAIN.md) and shows the
 * regio team where the system fails. Its modules:
 *   systeemfout.c  registration: the type and its schema, hooks, routes
 *   texts_nl.c     every text a person reads, in Dutch
 *   save.c         on_save: a new report's status and date, a status
 *                  move's reason and date; the reporter shown by role
 *   links.c        the index table systeemfout_links: which workarounds
 *                  and stories point at which error
 *   history.c      an error's status history, read from git
 *   section.c      the sections on error, story and workaround pages
 *   status.c       moving an error's status (form and JSON API)
 *   dashboard*.c   the regio team's dashboard, its exports and feed
 *
 * How a page points at an error: a workaround (olifantenpad) names it in
 * `systeemfout` and names the stories it was used for in `verhalen`; a
 * story may name it in its own `systeemfouten`. So an error's workarounds
 * are the olifantenpaden naming it, and its stories are the stories those
 * workarounds name plus the stories naming it themselves. */
#ifndef SYSTEEMFOUT_H
#define SYSTEEMFOUT_H

#include "plugin.h"

#include <jansson.h>
#include <stddef.h>

#define SF_TYPE		   "systeemfout"
#define SF_FOLDER	   "systeemfouten"
#define SF_WORKAROUND_TYPE "olifantenpad"
#define SF_STORY_TYPE	   "verhaal"
#define SF_PATH_MAX	   512

/* The host table, set once by wp_plugin_init() before the server's
 * threads start and only read afterwards. */
extern const wp_host *sf_host;

/* The statuses in lifecycle order, NULL-terminated, and the ones that end
 * an error's life (it no longer counts as open). */
extern const char *const sf_statuses[];
int sf_status_closed(const char *status);
/* The owners (eigenaar), NULL-terminated. */
extern const char *const sf_owners[];

/* ---- links.c ---- */

/* The rows of systeemfout_links as they stand now, a renamed error or
 * story followed to its new path: (fout, page, kind, source) with kind
 * "olifantenpad" or "verhaal" and source the page whose front matter
 * made the row. A subquery for FROM. */
#define SF_LINKS                                                                                   \
	"(SELECT coalesce(rf.target, l.fout) AS fout, coalesce(rp.target, l.page) AS page, "       \
	"l.kind AS kind, l.source AS source FROM systeemfout_links l "                             \
	"LEFT JOIN redirects rf ON rf.path = l.fout LEFT JOIN redirects rp ON rp.path = l.page)"

/* The links the person asking may see: the page pointing and the page
 * that made the row both readable (a story counts through a workaround
 * only when the workaround is readable too). The error itself is not
 * checked here: join pages on fout with WP_PLUGIN_VISIBLE for that. A
 * subquery for FROM with columns fout, page, kind. */
#define SF_VISIBLE_LINKS                                                                           \
	"(SELECT DISTINCT x.fout AS fout, x.page AS page, x.kind AS kind FROM " SF_LINKS " x "     \
	"JOIN pages ps ON ps.path = x.source JOIN pages pp ON pp.path = x.page "                   \
	"WHERE " WP_PLUGIN_VISIBLE("ps") " AND " WP_PLUGIN_VISIBLE("pp") ")"

/* Registers the table and its index hooks. */
int sf_links_register(const wp_host *host, wp_plugin *self);

/* The workarounds and stories behind error path the asker may read:
 * {"olifantenpaden": [{"path","title","status"}], "verhalen": [{"path",
 * "title","regio"}]}, each by title. *out: new reference. */
int sf_behind(wp_request *r, const char *path, json_t **out);

/* The errors page path points at (a workaround's, a story's own and
 * through its workarounds) the asker may read: [{"path","title",
 * "status","eigenaar","via","via_title"}] by title, via the workaround's path for a
 * story's error it does not name itself (else absent). *out: new
 * reference. */
int sf_errors_of(wp_request *r, const char *path, const char *type, json_t **out);

/* ---- history.c ---- */

/* The status moves of error path as the asker may see them, oldest
 * first: [{"status", "vorige" (absent for the first), "date", "iso",
 * "time", "author", "reden" (the commit message), "revision"}], one per
 * version whose status differs from the one before. *out: new
 * reference. */
int sf_status_history(wp_request *r, const char *path, json_t **out);

/* ---- save.c ---- */

int sf_on_save(wp_plugin *self, wp_save *s);
/* Authors of an error whose reporter chose `melder: rol` are shown by
 * role outside their team (plugin.h wp_author_mask_fn). */
int sf_author_masked(wp_plugin *self, const char *path, const char *type, const json_t *meta);
/* Today as "2026-12-02" (UTC) into out (11 bytes). */
void sf_today(char out[11]);

/* ---- section.c ---- */

int sf_section_error(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data);
int sf_section_pointing(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data);

/* ---- status.c ---- */

/* GET/POST /systeemfout/status/<path> and POST /api/systeemfout/status/<path>. */
int sf_route_status(wp_plugin *self, wp_request *r);
int sf_route_status_api(wp_plugin *self, wp_request *r);

/* ---- dashboard.c ---- */

/* Registers the dashboard's routes and navigation entry, and reads
 * plugin_config.systeemfout.min_verhalen (default 3). */
int sf_dashboard_register(const wp_host *host, wp_plugin *self);

/* The filters of a dashboard request; strings malloc'd, NULL: not set. */
typedef struct {
	char *eigenaar, *status, *regio, *wet;
} sf_dash_filters;

/* Reads and checks the query parameters eigenaar, status, regio and wet.
 * 0, or WP_PLUGIN_EINVALID with *message the Dutch reason (static).
 * Dispose f in both cases. */
int sf_dash_filters_read(wp_request *r, sf_dash_filters *f, const char **message);
void sf_dash_filters_dispose(sf_dash_filters *f);
/* The minimum number of visible stories before an error shows outside
 * its reporter's team. */
int sf_dash_min_stories(wp_plugin *self);
/* The dashboard's numbers for the asker of r under f: {"filters",
 * "min_verhalen","achtergehouden","systeemfouten","per_status",
 * "per_eigenaar"}, errors ranked; each error also holds SF_DASH_UPDATED
 * (seconds of its last change) until sf_dash_strip(). *out: new
 * reference. */
#define SF_DASH_UPDATED "_updated"
int sf_dash_collect(wp_plugin *self, wp_request *r, const sf_dash_filters *f, json_t **out);
void sf_dash_strip(json_t *data);

/* ---- dashboard_export.c ---- */

/* GET /dashboard/export.csv and /dashboard/feed.atom. */
int sf_dash_csv(wp_plugin *self, wp_request *r);
int sf_dash_feed(wp_plugin *self, wp_request *r);

/* ---- small helpers (links.c) ---- */

/* The string in column key of a row, or NULL. */
const char *sf_str(const json_t *row, const char *key);
/* The Dutch label of a status or an owner: text "systeemfout.status.<s>"
 * / "systeemfout.eigenaar.<e>", or value itself when it has none. Static
 * or borrowed from value. */
const char *sf_status_label(const char *status);
const char *sf_owner_label(const char *owner);
/* Non-zero when v is regioteam or beheerder. */
int sf_is_regio(const wp_viewer *v);

/* texts_nl.c */
extern const wp_plugin_text sf_texts[];
extern const size_t sf_ntexts;

#endif
