/* wiki.h - pages as the wiki sees them: parsed front matter, type, title,
 * and the operations a person does on them (save, delete, rename, revert,
 * import, check), each one commit in the store. */
#ifndef WP_WIKI_H
#define WP_WIKI_H

#include "access.h"
#include "buf.h"
#include "merge.h"
#include "store.h"

#include <jansson.h>

#define WP_REDIRECT_FIELD "doorverwijzing" /* front matter of a renamed page's stub */

typedef struct wp_page wp_page;

/* Loads and parses page path at rev (NULL: HEAD). want_revision as in
 * wp_store_read(). A page whose front matter no longer parses still loads
 * (meta empty, the whole file as body) so it can be viewed and repaired;
 * wp_page_parse_error() then tells why. Free with wp_page_free(). */
int wp_page_load(wp_page **out, wp_store *s, const char *path, const char *rev,
		 int want_revision);
void wp_page_free(wp_page *p);

const char *wp_page_path(const wp_page *p);
const char *wp_page_type(const wp_page *p);
/* The "titel" field, else the slug. */
const char *wp_page_title(const wp_page *p);
json_t *wp_page_meta(const wp_page *p); /* borrowed */
const char *wp_page_body(const wp_page *p);
size_t wp_page_body_len(const wp_page *p);
const char *wp_page_content(const wp_page *p); /* whole file */
size_t wp_page_content_len(const wp_page *p);
const wp_page_file *wp_page_file_of(const wp_page *p);
/* The target path when the page is a rename stub, else NULL. */
const char *wp_page_redirect(const wp_page *p);
/* Sets the page's revision, the author (name, e-mail) and time of that
 * commit, when they are known from elsewhere (the index) and were not
 * read with the page. Returns 0 or WP_ENOMEM. */
int wp_page_set_revision(wp_page *p, const char *revision, const char *author,
			 const char *email, int64_t time);

/* Why the front matter did not parse, or NULL. */
const char *wp_page_parse_error(const wp_page *p);

/* Who does it and why. */
typedef struct {
	const char *author;
	const char *message; /* NULL or "": a default message in Dutch */
	const char *email;   /* NULL: made from author (store.h) */
	/* The person acting, whose rights (access.h) every change below is
	 * checked against; NULL for the command line, which acts for the
	 * owner of the data folder. */
	const wp_viewer *viewer;
	/* NULL, or an array that receives the problems a save was refused
	 * for, one per front-matter field: [{"field", "message"}] (schema.h;
	 * "field" is missing for a problem with the page as a whole). */
	json_t *problems;
	/* NULL, or the keys of the warnings the person confirmed with this
	 * change (["privacy"]): plugin.h save_confirmed(). A save with
	 * warnings not confirmed is refused with WP_ECONFIRM, the warnings
	 * in problems with their "confirm" key. */
	const json_t *confirm;
	/* NULL, or where a save of an old revision reports its merge: a save
	 * whose base is older than the page's current version is then merged
	 * with it (merge.h) instead of refused. merged: set when it was saved
	 * merged; on overlapping changes the save is refused with
	 * WP_ECONFLICT and result holds the merge with the conflicting parts
	 * marked. Dispose with wp_merge_info_dispose(). */
	struct wp_merge_info *merge;
} wp_actor;

typedef struct wp_merge_info {
	int merged;
	wp_merge_result result;
} wp_merge_info;

void wp_merge_info_dispose(wp_merge_info *m);

/* Checks a whole page file before it is saved: front matter parses and is
 * a mapping, not a rename stub written by hand. Returns 0 or WP_EINVALID /
 * WP_ETOOBIG with a message. */
int wp_wiki_validate(const char *content, size_t len);

/* The operations below check who->viewer's rights first (access.h,
 * wp_access_check_change()): a page the viewer may not read is
 * WP_ENOTFOUND, as if it did not exist; a change their role may not make
 * is WP_EFORBIDDEN, and a bad zichtbaarheid WP_EINVALID, with a message.
 * Then the new front matter is checked against its type's schema
 * (schema.h: WP_EINVALID, problems in who->problems), and the plugins'
 * on_save hooks run (plugin.h): they may refuse, change the front matter
 * or add pages to the same commit.
 *
 * Saves content as page path (base as in wp_change). Returns 0 with the new
 * commit in rev_out, WP_ECONFLICT when stale, WP_EEXISTS when base is NULL
 * and the page exists, WP_EINVALID for a bad path or file. */
int wp_wiki_save(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *content,
		 size_t len, const char *base, const wp_actor *who);

/* Saves changes[0..n) (1 to 16; content NULL: a delete) as one commit,
 * each checked as wp_wiki_save() checks one; a LINK field may name a page
 * the same call creates. Every page is checked before a refusal, so
 * who->problems lists the problems of all of them, each with its "path".
 * Nothing is written unless all pass. The default message is the first
 * page's. */
int wp_wiki_save_many(char rev_out[WP_OID_HEX], wp_store *s, const wp_change *changes, size_t n,
		      const wp_actor *who);

/* Deletes page path if it has not changed since base. */
int wp_wiki_delete(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *base,
		   const wp_actor *who);

/* Moves page from → to in one commit, leaving at `from` a stub whose front
 * matter names `to`, so old links keep working. WP_EEXISTS when `to` exists. */
int wp_wiki_rename(char rev_out[WP_OID_HEX], wp_store *s, const char *from, const char *to,
		   const char *base, const wp_actor *who);

/* Makes a new commit in which page path has its content at revision rev
 * (deletes it when it did not exist at rev). */
int wp_wiki_revert(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *rev,
		   const char *base, const wp_actor *who);

/* Imports every *.md under srcdir as one commit. Invalid files are listed
 * in report (one line each) and nothing is committed: returns WP_EINVALID.
 * Sets *count to the number of pages imported. */
int wp_wiki_import(char rev_out[WP_OID_HEX], size_t *count, wp_store *s, const char *srcdir,
		   const wp_actor *who, wp_buf *report);

/* Checks the repository and every page at HEAD (path, UTF-8, front
 * matter). Appends a line per problem; returns the number of problems or
 * an error. */
int wp_wiki_check(wp_buf *report, wp_store *s);

#endif
