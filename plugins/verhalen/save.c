/* save.c - what every change to a perspective must respect, by every
 * door (form, API, page editor, command line, rename, revert):
 *   - it sits under an existing story its writer may read, and its
 *     `verhaal` names that story (filled in when left out);
 *   - a new one records its writer's account, and one that names no
 *     visibility takes the story's zichtbaarheid and team, so it is never
 *     more visible than the story by being left out (a rename writes the
 *     page anew: a demo perspective without them gets them so too);
 *   - only its writer (the account in `account`) or the regio team edits
 *     or deletes it, and only the regio team changes `account`.
 * The command line (no viewer) is the owner and passes the rights. */
#include "verhalen.h"

#include <stdio.h>
#include <string.h>

/* Refuses with a Dutch message (text key). */
static int forbid(const char *key)
{
	vh_host->fail("%s", vh_host->text(key));
	return WP_PLUGIN_EFORBIDDEN;
}

/* Records a problem with field, its message the text key formatted
 * with the story's path. */
static int story_problem(wp_save *s, const char *field, const char *key, const char *story)
{
	char msg[VH_PATH_MAX + 300];

	snprintf(msg, sizeof(msg), vh_host->text(key), story);
	vh_host->problem(s, field, msg);
	return WP_PLUGIN_EINVALID;
}

/* The story of the perspective's folder as the writer may read it, into
 * *page (new reference); a problem with `verhaal` when it is missing or
 * hidden (one message for both: a hidden story is not revealed). */
static int load_story(wp_save *s, const char *story, json_t **page)
{
	int rc = vh_host->save_page(s, page, story);
	const char *type = rc < 0 ? NULL : vh_str(*page, "type");

	if (rc < 0 && rc != WP_PLUGIN_ENOTFOUND)
		return rc; /* the host's own failure, with its message */
	if (rc < 0 || !type || strcmp(type, VH_STORY_TYPE) != 0) {
		json_decref(*page);
		*page = NULL;
		return story_problem(s, "verhaal", "verhalen.save.no_story", story);
	}
	return 0;
}

/* `verhaal` names the story of the folder: set when left out, refused
 * when it names another (the host checked that one exists already). */
static int check_link(wp_save *s, json_t *meta, const char *story)
{
	char named[VH_PATH_MAX];
	const char *given = vh_str(meta, "verhaal");

	if (given && (vh_host->link_path(named, sizeof(named), VH_STORY_TYPE, given) < 0 ||
		      strcmp(named, story) != 0))
		return story_problem(s, "verhaal", "verhalen.save.other_story", story);
	json_object_set_new(meta, "verhaal", json_string(story));
	return 0;
}

/* Copies the story's zichtbaarheid and team (each, or its absence) to a
 * perspective that names no visibility of its own. */
static void take_visibility(json_t *meta, const json_t *story_page)
{
	static const char *const keys[] = {"zichtbaarheid", "team"};
	const json_t *smeta = json_object_get(story_page, "meta");
	size_t i;

	if (json_object_get(meta, "zichtbaarheid"))
		return;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(smeta, keys[i]);

		if (v)
			json_object_set(meta, keys[i], v);
		else
			json_object_del(meta, keys[i]);
	}
}

/* How widely a zichtbaarheid value shows a page: openbaar 0, ingelogd 1,
 * team 2; -1 for no value (the wiki's default, which the plugin does not
 * know) or one the core refuses anyway. */
static int breadth(const json_t *meta)
{
	static const char *const names[] = {"openbaar", "ingelogd", "team"};
	const char *v = vh_str(meta, "zichtbaarheid");
	int i;

	for (i = 0; v && i < 3; i++)
		if (strcmp(v, names[i]) == 0)
			return i;
	return -1;
}

/* A perspective retells part of its story: it may not be shown to more
 * people than the story itself (a team story's perspective stays with
 * that team). */
static int check_visibility(wp_save *s, const json_t *meta, const json_t *story_page)
{
	const json_t *smeta = json_object_get(story_page, "meta");
	int mine = breadth(meta), story = breadth(smeta);
	const char *team = vh_str(meta, "team"), *story_team = vh_str(smeta, "team");

	if (story < 0 || mine < 0)
		return 0;
	if (mine < story || (story == 2 && (!team || !story_team || strcmp(team, story_team) != 0))) {
		vh_host->problem(s, "zichtbaarheid", vh_host->text("verhalen.save.wider_than_story"));
		return WP_PLUGIN_EINVALID;
	}
	return 0;
}

/* A new perspective (or one renamed to here): the story's visibility
 * when it names none, and its writer's account in `account`. */
static void start_perspective(const wp_viewer *v, json_t *meta, const json_t *story_page)
{
	take_visibility(meta, story_page);
	/* A rename creates the page anew: the regio team keeps its account. */
	if (v && v->name && !(vh_may_manage(v) && vh_str(meta, "account")))
		json_object_set_new(meta, "account", json_string(v->name));
}

/* An edit: only the writer or the regio team; `account` stays unless the
 * regio team changes it (left out by someone else, it is put back). */
static int check_edit(const wp_viewer *v, const json_t *old, json_t *meta)
{
	const char *account = vh_str(old, "account");
	json_t *before = json_object_get(old, "account"), *after = json_object_get(meta, "account");

	if (!v)
		return 0;
	if (!vh_may_edit(v, account))
		return forbid("verhalen.save.not_yours");
	if (json_equal(before, after) || (!before && !after) || vh_may_manage(v))
		return 0;
	if (!after) {
		json_object_set(meta, "account", before);
		return 0;
	}
	return forbid("verhalen.save.account_guarded");
}

int vh_on_save(wp_plugin *self, wp_save *s)
{
	const wp_viewer *v = vh_host->save_viewer(s);
	const json_t *old = vh_host->save_old_meta(s);
	json_t *meta = vh_host->save_meta(s), *story_page = NULL;
	char story[VH_PATH_MAX];
	int rc;

	(void)self;
	if (strcmp(vh_host->save_type(s), VH_PERSPECTIVE_TYPE) != 0)
		return 0;
	if (!meta) /* a delete */
		return v && !vh_may_edit(v, vh_str(old, "account"))
			   ? forbid("verhalen.save.not_yours_delete")
			   : 0;
	if (vh_story_of(story, sizeof(story), vh_host->save_path(s)) < 0) {
		vh_host->problem(s, NULL, vh_host->text("verhalen.save.bad_path"));
		return WP_PLUGIN_EINVALID;
	}
	if ((rc = load_story(s, story, &story_page)) < 0)
		return rc;
	if ((rc = check_link(s, meta, story)) == 0) {
		if (old)
			rc = check_edit(v, old, meta);
		else
			start_perspective(v, meta, story_page);
	}
	if (rc == 0)
		rc = check_visibility(s, meta, story_page);
	json_decref(story_page);
	return rc;
}
