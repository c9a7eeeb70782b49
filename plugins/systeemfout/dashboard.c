/* dashboard.c - the regio team's dashboard, "van spiegel naar venster":
 *   GET /dashboard               the page (charts as inline SVG, each with
 *                                a table of the same numbers)
 *   GET /api/dashboard           the same numbers as JSON
 *   GET /dashboard/export.json   that JSON as a download
 *   GET /dashboard/export.csv    the errors as CSV (dashboard_export.c)
 *   GET /dashboard/feed.atom     the errors as an Atom feed (dashboard_export.c)
 * Query parameters eigenaar, status ("open" too), regio and wet narrow
 * every answer. Every count is of pages the asker may read; an error with
 * fewer visible stories than plugin_config.systeemfout.min_verhalen is
 * shown only inside its reporter's team (small numbers identify people)
 * and counted as "achtergehouden" elsewhere. */
#include "systeemfout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIN_STORIES_DEFAULT 3
#define CHART_TOP	    10 /* bars in the chart of top errors */
#define CHART_WIDTH	    360

/* The plugin's read-only data, set at init. */
typedef struct {
	int min_verhalen;
} dash_conf;

static void conf_free(wp_plugin *self, void *data)
{
	(void)self;
	free(data);
}

int sf_dash_min_stories(wp_plugin *self)
{
	const dash_conf *c = sf_host->data(self);

	return c ? c->min_verhalen : MIN_STORIES_DEFAULT;
}

/* ---- filters ---- */

static int in_list(const char *s, const char *const *values)
{
	size_t i;

	for (i = 0; s && values[i]; i++)
		if (strcmp(s, values[i]) == 0)
			return 1;
	return 0;
}

/* Non-zero when value is one of the column col of the rows of sql. */
static int in_rows(wp_request *r, const char *sql, const char *value)
{
	json_t *rows = NULL, *row;
	size_t i;
	int found = 0;

	if (sf_host->query_index(r, &rows, sql, NULL, 0) < 0)
		return 0;
	json_array_foreach(rows, i, row)
		if (sf_str(row, "v") && strcmp(sf_str(row, "v"), value) == 0)
			found = 1;
	json_decref(rows);
	return found;
}

static const char regions_sql[] =
    "SELECT DISTINCT json_extract(p.fields, '$.regio') AS v FROM pages p WHERE p.type = "
    "'" SF_STORY_TYPE "' AND " WP_PLUGIN_VISIBLE("p");

static const char laws_sql[] =
    "SELECT DISTINCT j.value AS v FROM pages p, json_each(p.fields, '$.wetten') j "
    "WHERE p.type = '" SF_TYPE "' AND json_valid(p.fields) AND " WP_PLUGIN_VISIBLE("p");

void sf_dash_filters_dispose(sf_dash_filters *f)
{
	free(f->eigenaar);
	free(f->status);
	free(f->regio);
	free(f->wet);
	memset(f, 0, sizeof(*f));
}

/* A query value, NULL when absent or empty. malloc'd. */
static char *param(wp_request *r, const char *name)
{
	char *v = sf_host->query(r, name);

	if (v && !*v) {
		free(v);
		return NULL;
	}
	return v;
}

int sf_dash_filters_read(wp_request *r, sf_dash_filters *f, const char **message)
{
	static const char *const open_status[] = {"open", NULL};

	memset(f, 0, sizeof(*f));
	*message = NULL;
	f->eigenaar = param(r, "eigenaar");
	f->status = param(r, "status");
	f->regio = param(r, "regio");
	f->wet = param(r, "wet");
	if (f->eigenaar && !in_list(f->eigenaar, sf_owners))
		*message = sf_host->text("systeemfout.dashboard.bad_eigenaar");
	else if (f->status && !in_list(f->status, sf_statuses) && !in_list(f->status, open_status))
		*message = sf_host->text("systeemfout.dashboard.bad_status");
	else if (f->regio && (strlen(f->regio) > 200 || !in_rows(r, regions_sql, f->regio)))
		*message = sf_host->text("systeemfout.dashboard.bad_regio");
	else if (f->wet && (strlen(f->wet) > 200 || !in_rows(r, laws_sql, f->wet)))
		*message = sf_host->text("systeemfout.dashboard.bad_wet");
	return *message ? WP_PLUGIN_EINVALID : 0;
}

/* ---- the numbers ---- */

static const char errors_sql[] =
    "SELECT e.path AS path, e.title AS title, e.fields AS fields, e.created AS created, "
    "e.updated AS updated, coalesce(c.np, 0) AS np, coalesce(c.nv, 0) AS nv "
    "FROM pages e LEFT JOIN (SELECT fout, sum(kind = 'olifantenpad') AS np, "
    "sum(kind = 'verhaal') AS nv FROM " SF_VISIBLE_LINKS " GROUP BY fout) c ON c.fout = e.path "
    "WHERE e.type = '" SF_TYPE "' AND " WP_PLUGIN_VISIBLE(
	"e") " AND (?1 IS NULL OR EXISTS "
	     "(SELECT 1 FROM " SF_VISIBLE_LINKS " v JOIN pages s ON s.path = v.page WHERE v.fout = "
	     "e.path AND v.kind = 'verhaal' AND json_extract(s.fields, '$.regio') = ?1)) "
	     "ORDER BY np + nv DESC, e.title COLLATE NOCASE, e.path";

/* Days since 1970 of "2026-12-02", or -1. */
static long day_number(const char *s)
{
	struct tm tm;
	int y, m, d;

	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return (long)(timegm(&tm) / 86400);
}

static json_int_t int_of(const json_t *row, const char *key)
{
	const json_t *v = json_object_get(row, key);

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v))
		return strtoll(json_string_value(v), NULL, 10);
	return 0;
}

/* Days the error is open: from gemeld (else its creation) to today, or to
 * status_sinds for a closed one. */
static json_int_t days_open(const json_t *meta, json_int_t created)
{
	const char *status = sf_str(meta, "status");
	long from = day_number(sf_str(meta, "gemeld")), to = -1;
	char today[11];

	if (from < 0)
		from = (long)(created / 86400);
	if (sf_status_closed(status))
		to = day_number(sf_str(meta, "status_sinds"));
	if (to < 0) {
		sf_today(today);
		to = day_number(today);
	}
	return to > from ? to - from : 0;
}

static int has_law(const json_t *meta, const char *wet)
{
	const json_t *v = json_object_get(meta, "wetten"), *item;
	size_t i;

	if (json_is_string(v))
		return strcmp(json_string_value(v), wet) == 0;
	json_array_foreach(v, i, item)
		if (json_is_string(item) && strcmp(json_string_value(item), wet) == 0)
			return 1;
	return 0;
}

static int matches(const json_t *meta, const sf_dash_filters *f)
{
	const char *status = sf_str(meta, "status");
	const char *owner = sf_str(meta, "eigenaar");

	if (!status)
		status = "gemeld";
	if (f->eigenaar && (!owner || strcmp(owner, f->eigenaar) != 0))
		return 0;
	if (f->status && strcmp(f->status, "open") == 0 && sf_status_closed(status))
		return 0;
	if (f->status && strcmp(f->status, "open") != 0 && strcmp(f->status, status) != 0)
		return 0;
	return !f->wet || has_law(meta, f->wet);
}

/* Non-zero when the asker is in the error's reporter's team. */
static int in_team(const wp_viewer *v, const json_t *meta)
{
	const char *team = sf_str(meta, "melder_team");

	if (!team)
		team = sf_str(meta, "team");
	return v && v->team && v->team[0] && team && strcmp(v->team, team) == 0;
}

/* One error as the outputs show it (new reference). */
static json_t *error_entry(const json_t *row, const json_t *meta)
{
	const char *status = sf_str(meta, "status") ? sf_str(meta, "status") : "gemeld";
	const char *owner = sf_str(meta, "eigenaar");
	const json_t *answer = json_object_get(meta, "terugkoppeling"),
		     *w = json_object_get(meta, "wetten");
	const char *tekst = sf_str(answer, "tekst");
	json_t *laws = json_array(), *item;
	size_t i;

	if (json_is_string(w))
		json_array_append(laws, (json_t *)w);
	json_array_foreach(w, i, item)
		if (json_is_string(item))
			json_array_append(laws, item);
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s?, s:o, s:s?, s:I, s:I, s:I, s:b, "
			 "s:s?, s:I}",
			 "path", sf_str(row, "path"), "title",
			 sf_str(row, "title") ? sf_str(row, "title") : sf_str(row, "path"),
			 "status", status, "status_label", sf_status_label(status), "eigenaar",
			 owner, "eigenaar_label", owner ? sf_owner_label(owner) : "", "regeling",
			 sf_str(meta, "regeling"), "wetten", laws, "escalatie",
			 sf_str(meta, "escalatie"), "olifantenpaden", int_of(row, "np"), "verhalen",
			 int_of(row, "nv"), "open_dagen", days_open(meta, int_of(row, "created")),
			 "beantwoord", tekst && *tekst, "terugkoppeling_datum",
			 sf_str(answer, "datum"), SF_DASH_UPDATED, int_of(row, "updated"));
}

/* [{"<key>", "label", "aantal"}] counting errors by meta key over values. */
static json_t *tally(const json_t *errors, const char *key, const char *const *values,
		     const char *(*label)(const char *))
{
	json_t *out = json_array(), *e;
	size_t i, j;

	for (i = 0; values[i]; i++) {
		json_int_t n = 0;

		json_array_foreach(errors, j, e)
			if (sf_str(e, key) && strcmp(sf_str(e, key), values[i]) == 0)
				n++;
		json_array_append_new(out, json_pack("{s:s, s:s, s:I}", key, values[i], "label",
						     label(values[i]), "aantal", n));
	}
	return out;
}

int sf_dash_collect(wp_plugin *self, wp_request *r, const sf_dash_filters *f, json_t **out)
{
	const wp_viewer *v = sf_host->viewer(r);
	const char *params[1] = {f->regio};
	int min = sf_dash_min_stories(self), rc;
	json_t *rows = NULL, *row, *errors, *filters;
	json_int_t held = 0;
	size_t i;

	*out = NULL;
	if ((rc = sf_host->query_index(r, &rows, errors_sql, params, 1)) < 0)
		return rc;
	errors = json_array();
	json_array_foreach(rows, i, row) {
		json_t *meta =
		    json_loads(sf_str(row, "fields") ? sf_str(row, "fields") : "{}", 0, NULL);

		if (!meta)
			continue;
		if (matches(meta, f)) {
			if (int_of(row, "nv") < min && !in_team(v, meta))
				held++;
			else
				json_array_append_new(errors, error_entry(row, meta));
		}
		json_decref(meta);
	}
	json_decref(rows);
	filters = json_pack("{s:s?, s:s?, s:s?, s:s?}", "eigenaar", f->eigenaar, "status",
			    f->status, "regio", f->regio, "wet", f->wet);
	*out = json_pack("{s:o, s:i, s:I, s:o, s:o, s:o}", "filters", filters, "min_verhalen", min,
			 "achtergehouden", held, "per_status",
			 tally(errors, "status", sf_statuses, sf_status_label), "per_eigenaar",
			 tally(errors, "eigenaar", sf_owners, sf_owner_label), "systeemfouten",
			 errors);
	return *out ? 0 : WP_PLUGIN_EINVALID;
}

void sf_dash_strip(json_t *data)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(data, "systeemfouten"), i, e)
		json_object_del(e, SF_DASH_UPDATED);
}

/* ---- the page ---- */

/* A chart: {"id","title","bars": [{"label","n","y","w","ty","tx"}],
 * "height","has_bars"} from rows with label key lkey and count key nkey
 * (or the sum of two keys). */
static json_t *chart(const char *id, const char *title_key, const json_t *rows, const char *lkey,
		     const char *nkey, const char *nkey2, size_t max)
{
	json_t *bars = json_array(), *row;
	json_int_t top = 1;
	size_t i, n = 0;

	json_array_foreach(rows, i, row) {
		json_int_t v = int_of(row, nkey) + (nkey2 ? int_of(row, nkey2) : 0);

		if (v > top)
			top = v;
	}
	json_array_foreach(rows, i, row) {
		json_int_t v = int_of(row, nkey) + (nkey2 ? int_of(row, nkey2) : 0);
		json_int_t y = (json_int_t)n * 26 + 4;

		if (n >= max)
			break;
		json_array_append_new(bars,
				      json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "label",
						sf_str(row, lkey) ? sf_str(row, lkey) : "", "n", v,
						"y", y, "ty", y + 14, "w", v * CHART_WIDTH / top,
						"tx", 260 + v * CHART_WIDTH / top + 6));
		n++;
	}
	return json_pack("{s:s, s:s, s:o, s:I, s:b}", "id", id, "title", sf_host->text(title_key),
			 "bars", bars, "height", (json_int_t)(n * 26 + 8), "has_bars", n > 0);
}

/* [{"value","label","selected"}] for a select. */
static json_t *options(const char *const *values, const char *(*label)(const char *),
		       const char *chosen)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; values[i]; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", values[i], "label",
						   label ? label(values[i]) : values[i], "selected",
						   chosen && strcmp(chosen, values[i]) == 0));
	return a;
}

/* Options from the rows of sql (column v). */
static json_t *options_of(wp_request *r, const char *sql, const char *chosen)
{
	json_t *rows = NULL, *row, *a = json_array();
	size_t i;

	if (sf_host->query_index(r, &rows, sql, NULL, 0) == 0)
		json_array_foreach(rows, i, row)
			if (sf_str(row, "v"))
				json_array_append_new(
				    a, json_pack("{s:s, s:s, s:b}", "value", sf_str(row, "v"),
						 "label", sf_str(row, "v"), "selected",
						 chosen && strcmp(chosen, sf_str(row, "v")) == 0));
	json_decref(rows);
	return a;
}

static int send_login(wp_request *r)
{
	return sf_host->send_redirect(r, 303, "/inloggen?terug=%2Fdashboard");
}

/* The query string of the filters for the export links ("" or "?..."). */
static void add_query(json_t *data, const sf_dash_filters *f)
{
	const char *names[4] = {"eigenaar", "status", "regio", "wet"};
	const char *vals[4] = {f->eigenaar, f->status, f->regio, f->wet};
	char q[2048] = "";
	size_t i, n = 0;

	for (i = 0; i < 4; i++) {
		char *enc;

		if (!vals[i] || !(enc = sf_host->url_encode(vals[i])))
			continue;
		n += (size_t)snprintf(q + n, n < sizeof(q) ? sizeof(q) - n : 0, "%c%s=%s",
				      n ? '&' : '?', names[i], enc);
		free(enc);
		if (n >= sizeof(q)) {
			q[0] = '\0';
			break;
		}
	}
	json_object_set_new(data, "query", json_string(q));
}

static int page_dashboard(wp_plugin *self, wp_request *r)
{
	const wp_viewer *v = sf_host->viewer(r);
	sf_dash_filters f;
	const char *message;
	json_t *data = NULL, *charts;
	int rc;

	if (!v || v->role == WP_ROLE_ANONIEM)
		return send_login(r);
	if (sf_dash_filters_read(r, &f, &message) < 0) {
		sf_dash_filters_dispose(&f);
		return sf_host->send_error(r, 400, message);
	}
	if ((rc = sf_dash_collect(self, r, &f, &data)) < 0) {
		sf_dash_filters_dispose(&f);
		return sf_host->send_error(r, 500, sf_host->text("systeemfout.error"));
	}
	charts =
	    json_pack("[o, o, o]",
		      chart("grafiek-top", "systeemfout.dashboard.chart_top",
			    json_object_get(data, "systeemfouten"), "title", "olifantenpaden",
			    "verhalen", CHART_TOP),
		      chart("grafiek-status", "systeemfout.dashboard.chart_status",
			    json_object_get(data, "per_status"), "label", "aantal", NULL, 100),
		      chart("grafiek-eigenaar", "systeemfout.dashboard.chart_eigenaar",
			    json_object_get(data, "per_eigenaar"), "label", "aantal", NULL, 100));
	json_object_set_new(data, "charts", charts);
	json_object_set_new(data, "title",
			    json_string(sf_host->text("systeemfout.dashboard.title")));
	json_object_set_new(data, "has_errors",
			    json_boolean(json_array_size(json_object_get(data, "systeemfouten"))));
	json_object_set_new(data, "eigenaren", options(sf_owners, sf_owner_label, f.eigenaar));
	json_object_set_new(data, "statussen", options(sf_statuses, sf_status_label, f.status));
	json_object_set_new(data, "open_selected",
			    json_boolean(f.status && strcmp(f.status, "open") == 0));
	json_object_set_new(data, "regios", options_of(r, regions_sql, f.regio));
	json_object_set_new(data, "wetten_opties", options_of(r, laws_sql, f.wet));
	add_query(data, &f);
	sf_dash_filters_dispose(&f);
	return sf_host->send_page(r, 200, "systeemfout/dashboard", data);
}

/* ---- JSON ---- */

static int send_json_error(wp_request *r, int status, const char *message)
{
	json_t *j = json_pack("{s:s}", "error", message);

	return j ? sf_host->send_json(r, status, j) : sf_host->send_error(r, status, message);
}

/* The dashboard as JSON; as a download of that name when filename is set. */
static int send_dashboard_json(wp_plugin *self, wp_request *r, const char *filename)
{
	const wp_viewer *v = sf_host->viewer(r);
	sf_dash_filters f;
	const char *message;
	json_t *data = NULL;
	char *text;
	int rc;

	if (!v || v->role == WP_ROLE_ANONIEM)
		return send_json_error(r, 403, sf_host->text("systeemfout.dashboard.login"));
	if (sf_dash_filters_read(r, &f, &message) < 0) {
		sf_dash_filters_dispose(&f);
		return send_json_error(r, 400, message);
	}
	rc = sf_dash_collect(self, r, &f, &data);
	sf_dash_filters_dispose(&f);
	if (rc < 0)
		return send_json_error(r, 500, sf_host->text("systeemfout.error"));
	sf_dash_strip(data);
	if (!filename)
		return sf_host->send_json(r, 200, data);
	text = json_dumps(data, JSON_INDENT(2));
	json_decref(data);
	if (!text)
		return send_json_error(r, 500, sf_host->text("systeemfout.error"));
	rc = sf_host->send_text(r, 200, "application/json; charset=utf-8", text, strlen(text),
				filename);
	free(text);
	return rc;
}

static int route_api(wp_plugin *self, wp_request *r)
{
	return send_dashboard_json(self, r, NULL);
}

/* /dashboard and what lies under it. */
static int route_dashboard(wp_plugin *self, wp_request *r)
{
	const char *rest = sf_host->rest(r);

	if (!rest || !*rest || strcmp(rest, "/") == 0)
		return page_dashboard(self, r);
	if (strcmp(rest, "/export.json") == 0)
		return send_dashboard_json(self, r, "systeemfouten.json");
	if (strcmp(rest, "/export.csv") == 0)
		return sf_dash_csv(self, r);
	if (strcmp(rest, "/feed.atom") == 0)
		return sf_dash_feed(self, r);
	return sf_host->send_error(r, 404, NULL);
}

int sf_dashboard_register(const wp_host *host, wp_plugin *self)
{
	const json_t *cfg = json_object_get(host->config(self), "min_verhalen");
	dash_conf *c = malloc(sizeof(*c));
	int rc;

	if (!c)
		return WP_PLUGIN_EINVALID;
	c->min_verhalen = MIN_STORIES_DEFAULT;
	if (json_is_integer(cfg) && json_integer_value(cfg) >= 0 && json_integer_value(cfg) <= 1000)
		c->min_verhalen = (int)json_integer_value(cfg);
	else if (cfg)
		host->log(self,
			  "plugin_config.systeemfout.min_verhalen: geen geheel getal van 0 "
			  "tot 1000; %d gebruikt",
			  MIN_STORIES_DEFAULT);
	host->set_data(self, c, conf_free);
	if ((rc = host->add_route(self, "/dashboard", 0, WP_GET, route_dashboard)) < 0 ||
	    (rc = host->add_route(self, "/api/dashboard", 1, WP_GET, route_api)) < 0)
		return rc;
	return host->add_nav(self, "systeemfout.dashboard.nav", "/dashboard", WP_ROLE_LEZER);
}
