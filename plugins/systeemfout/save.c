/* save.c - what every change to a system error keeps, by every door
 * (form, API, revert, another plugin's save):
 *   - a new report starts as gemeld, dated today, with its reporter's
 *     team (the dashboard shows a young error only inside that team);
 *   - a status move needs a reason, given as the change's message, so the
 *     status history read from git says why; it dates status_sinds;
 *   - the reporter's team stays what it was.
 * Only the regio team moves the status at all: the schema's guard. */
#include "systeemfout.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void sf_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Non-zero when s holds something besides white space. */
static int filled(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

static int set_str(json_t *meta, const char *key, const char *value)
{
	return json_object_set_new(meta, key, json_string(value)) == 0 ? 0 : WP_PLUGIN_EINVALID;
}

static int new_report(wp_save *s, json_t *meta)
{
	const wp_viewer *v = sf_host->save_viewer(s);
	char today[11];
	int rc = 0;

	sf_today(today);
	if (!json_object_get(meta, "status"))
		rc = set_str(meta, "status", "gemeld");
	if (rc == 0 && !json_object_get(meta, "gemeld"))
		rc = set_str(meta, "gemeld", today);
	if (rc == 0 && !json_object_get(meta, "status_sinds"))
		rc = set_str(meta, "status_sinds",
			     json_string_value(json_object_get(meta, "gemeld")));
	/* The command line acts for no team, and a renamed report (a new
	 * page to the host) keeps its reporter's. */
	if (rc == 0 && v && v->team && v->team[0] && !json_object_get(meta, "melder_team"))
		rc = set_str(meta, "melder_team", v->team);
	return rc;
}

static int changed_report(wp_save *s, const json_t *old, json_t *meta)
{
	const char *was = json_string_value(json_object_get(old, "status"));
	const char *now = json_string_value(json_object_get(meta, "status"));
	const json_t *team = json_object_get(old, "melder_team");
	char today[11];

	if (team)
		json_object_set(meta, "melder_team", (json_t *)team);
	else
		json_object_del(meta, "melder_team");
	if ((!was && !now) || (was && now && strcmp(was, now) == 0))
		return 0;
	if (!filled(sf_host->save_message(s))) {
		sf_host->problem(s, "status", sf_host->text("systeemfout.reason_missing"));
		return WP_PLUGIN_EINVALID;
	}
	sf_today(today);
	return set_str(meta, "status_sinds", today);
}

int sf_on_save(wp_plugin *self, wp_save *s)
{
	json_t *meta = sf_host->save_meta(s);
	const json_t *old = sf_host->save_old_meta(s);

	(void)self;
	if (!meta || strcmp(sf_host->save_type(s), SF_TYPE) != 0)
		return 0;
	return old ? changed_report(s, old, meta) : new_report(s, meta);
}

int sf_author_masked(wp_plugin *self, const char *path, const char *type, const json_t *meta)
{
	const char *shown = json_string_value(json_object_get(meta, "melder"));

	(void)self;
	(void)path;
	return shown && strcmp(shown, "rol") == 0 &&
	       (strcmp(type, SF_TYPE) == 0 || strcmp(type, SF_WORKAROUND_TYPE) == 0);
}
