/* lists.c - the pages the form and the sections list, from the index.
 *
 * Every query keeps only the pages the person asking may read
 * (WP_PLUGIN_VISIBLE), so a hidden page never shows up in a list. A list
 * field names a page by slug or by path; both are matched. */
#include "gesprek.h"

#include <stdio.h>
#include <string.h>

#define MAX_OPTIONS "500" /* a <select> longer than this is no help */
#define VISIBLE_P   WP_PLUGIN_VISIBLE("p")

int gs_list_type(wp_request *r, json_t **out, const char *type)
{
	static const char sql[] =
	    "SELECT p.path, p.title FROM pages p WHERE p.type = ?1 AND " VISIBLE_P
	    " ORDER BY p.title COLLATE NOCASE, p.path LIMIT " MAX_OPTIONS;
	const char *params[] = {type};

	return gs_host()->query_index(r, out, sql, params, 1);
}

int gs_list_perspectives(wp_request *r, json_t **out, const char *story_path)
{
	static const char sql[] =
	    "SELECT p.path, p.title, "
	    "(SELECT f.value FROM fields f WHERE f.pid = p.id AND f.key = 'rol' LIMIT 1) AS rol, "
	    "(SELECT f.value FROM fields f WHERE f.pid = p.id AND f.key = 'kennisbron' LIMIT 1) "
	    "AS kennisbron FROM pages p WHERE p.type = 'perspectief' "
	    "AND substr(p.path, 1, length(?1)) = ?1 AND instr(substr(p.path, length(?1) + 1), "
	    "'/') = 0 AND " VISIBLE_P " ORDER BY p.title COLLATE NOCASE, p.path";
	char prefix[260];
	const char *params[] = {prefix};

	snprintf(prefix, sizeof(prefix), "%s/perspectieven/", story_path);
	return gs_host()->query_index(r, out, sql, params, 1);
}

int gs_list_same_dilemma(wp_request *r, json_t **out, const char *dilemma_path,
			 const char *except_story)
{
	static const char sql[] =
	    "SELECT p.path, p.title FROM pages p WHERE p.type = 'verhaal' AND p.path <> ?3 "
	    "AND EXISTS (SELECT 1 FROM fields f WHERE f.pid = p.id AND f.key = 'dilemmas' "
	    "AND f.value IN (?1, ?2)) AND " VISIBLE_P " ORDER BY p.title COLLATE NOCASE, p.path";
	const char *params[] = {gs_slug(dilemma_path), dilemma_path,
				except_story ? except_story : ""};

	return gs_host()->query_index(r, out, sql, params, 3);
}

int gs_list_conversations(wp_request *r, json_t **out, const char *story_path)
{
	static const char sql[] =
	    "SELECT p.path, p.title, "
	    "(SELECT f.value FROM fields f WHERE f.pid = p.id AND f.key = 'datum' LIMIT 1) "
	    "AS datum FROM pages p WHERE p.type = '" GS_TYPE "' "
	    "AND EXISTS (SELECT 1 FROM fields f WHERE f.pid = p.id AND f.key = 'verhaal' "
	    "AND f.value IN (?1, ?2)) AND " VISIBLE_P
	    " ORDER BY datum DESC, p.title COLLATE NOCASE, p.path";
	const char *params[] = {gs_slug(story_path), story_path};

	return gs_host()->query_index(r, out, sql, params, 2);
}
