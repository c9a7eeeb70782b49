/* history.c - an error's status history, read from git: every version of
 * the page whose status differs from the version before it is a move,
 * with its date, who made it (as the asker may see them) and the reason,
 * which is the commit's message (save.c asks for one). */
#include "systeemfout.h"

#include <string.h>

/* The move to version e (status now) from status was (NULL: the first). */
static json_t *move(const json_t *e, const char *now, const char *was)
{
	json_t *m =
	    json_pack("{s:s, s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "status", now,
		      "status_label", sf_status_label(now), "date", json_object_get(e, "date"),
		      "iso", json_object_get(e, "iso"), "time", json_object_get(e, "time"),
		      "author", json_object_get(e, "author"), "reden",
		      json_object_get(e, "message"), "revision", json_object_get(e, "revision"));

	if (m && was) {
		json_object_set_new(m, "vorige", json_string(was));
		json_object_set_new(m, "vorige_label", json_string(sf_status_label(was)));
	}
	return m;
}

int sf_status_history(wp_request *r, const char *path, json_t **out)
{
	json_t *versions = NULL, *moves;
	const char *was = NULL;
	size_t i;
	int rc;

	*out = NULL;
	rc = sf_host->page_history(r, &versions, path, 0);
	if (rc < 0)
		return rc;
	if (!(moves = json_array())) {
		json_decref(versions);
		return WP_PLUGIN_EINVALID;
	}
	/* page_history() is newest first; a history reads oldest first. */
	for (i = json_array_size(versions); i-- > 0;) {
		const json_t *e = json_array_get(versions, i);
		const char *now = sf_str(json_object_get(e, "meta"), "status");

		if (json_is_true(json_object_get(e, "deleted"))) {
			was = NULL;
			continue;
		}
		if (!now)
			now = "gemeld"; /* what save.c gives a report naming none */
		if (was && strcmp(was, now) == 0)
			continue;
		json_array_append_new(moves, move(e, now, was));
		was = now;
	}
	json_decref(versions);
	*out = moves;
	return 0;
}
