/* store.h - pages in a bare git repository (libgit2).
 *
 * A page "folder/slug" is the blob "folder/slug.md" in the tree of the
 * branch refs/heads/main. Reads come from the object database (HEAD or any
 * revision), never from a work tree. A save is one commit, built with tree
 * builders (cost grows with path depth and folder size, not with the
 * number of pages), and the branch is moved with a compare-and-swap so two
 * writers can never overwrite each other.
 *
 * A page's revision is the id of the last commit that changed it.
 *
 * A wp_store is not thread-safe: open one per thread (libgit2 threading
 * rules). Writers in different threads or processes are serialised by the
 * ref compare-and-swap. Call git_libgit2_init() once in main(). */
#ifndef WP_STORE_H
#define WP_STORE_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

#define WP_OID_HEX 41 /* 40 hex digits + NUL */
#define WP_BRANCH "refs/heads/main"
#define WP_PAGE_MAX ((size_t)16 * 1024 * 1024) /* largest page file read or written */

typedef struct wp_store wp_store;

/* Creates a bare repository at dir (created if missing) whose HEAD points
 * at refs/heads/main. Fine if it already exists. Returns 0 or an error. */
int wp_store_init(const char *dir);

/* Opens the bare repository at dir. Returns WP_ENOTFOUND when dir is not a
 * git repository. Free with wp_store_free(). */
int wp_store_open(wp_store **out, const char *dir);
void wp_store_free(wp_store *s);

/* The commit HEAD points at, as hex; "" (and returns 0) for an empty
 * repository with no commit yet. */
int wp_store_head(char out[WP_OID_HEX], wp_store *s);

/* One page as stored at a revision. */
typedef struct {
	char *path;	     /* "folder/slug" */
	char *content;	     /* whole file: front matter + body; NUL-terminated */
	size_t content_len;
	char blob[WP_OID_HEX];	   /* blob id of the file */
	char revision[WP_OID_HEX]; /* last commit (at or before rev) that changed it */
	char *author;		   /* author name of that commit */
	char *email;		   /* its author e-mail ("" when unknown) */
	int64_t time;		   /* its commit time, seconds since the epoch */
} wp_page_file;

/* Reads page `path` at revision `rev` (a commit id in hex, or NULL for
 * HEAD). A rev is 7 to 40 hex digits (an unambiguous abbreviation is
 * accepted); nothing else is parsed, so "HEAD~1" or ":/x" are malformed.
 * Returns WP_ENOTFOUND when the page (or the revision) does not exist,
 * WP_EINVALID for a malformed path or rev, WP_ETOOBIG for a file above
 * WP_PAGE_MAX. Free with wp_page_file_free().
 * Finding the revision walks history back from rev until the blob
 * changes. When want_revision is 0 that walk is skipped and revision,
 * author and time are left empty (cheap reads for rendering links). */
int wp_store_read(wp_page_file **out, wp_store *s, const char *path, const char *rev,
		  int want_revision);
void wp_page_file_free(wp_page_file *p);

/* Non-zero when page `path` exists at HEAD. */
int wp_store_exists(wp_store *s, const char *path);

/* Who made a change and why. */
typedef struct {
	unsigned version;
	const char *author_name;  /* required */
	const char *author_email; /* NULL: "<name>@werkplaats.invalid" */
	const char *message;	  /* required; the commit message */
} wp_commit_opts;
#define WP_COMMIT_OPTS_VERSION 1
#define WP_COMMIT_OPTS_INIT { WP_COMMIT_OPTS_VERSION, NULL, NULL, NULL }

/* One file change inside a commit. content NULL deletes the page; a
 * delete needs base "" or a revision (base NULL would mean "a new page"
 * and fails with WP_EEXISTS), and fails with WP_ENOTFOUND when the page
 * is not there at HEAD. */
typedef struct {
	const char *path;    /* page path, without ".md" */
	const char *content; /* whole file */
	size_t len;
	const char *base; /* revision the edit started from; NULL: must be a new
			     page (fails with WP_EEXISTS if it exists); "" :
			     no check (used by import and revert of a
			     deleted page) */
} wp_change;

/* Writes all changes as one commit on the branch. For each change with a
 * base, the save is refused with WP_ECONFLICT if the page changed since
 * base (its blob at HEAD differs from its blob at base). On a lost
 * compare-and-swap with another writer, the commit is rebuilt on the new
 * HEAD and the base checks are done again (a bounded number of times).
 * Writers first queue on an flock of werkplaats.lock in the git directory,
 * so lost races are rare; the compare-and-swap is what guarantees safety.
 * On success writes the new commit id to out (may be NULL). A commit
 * that would change nothing (every blob already as given) is not made:
 * returns 0 with out set to the current HEAD ("" in an empty repository).
 * Fails with WP_EINVALID for a bad path, the same page twice, content that
 * is not valid UTF-8, an empty commit message or author name (or one
 * with '<', '>' or control characters); WP_ETOOBIG for content above
 * WP_PAGE_MAX; WP_ECONFLICT for a base that is not a known commit, or
 * when the compare-and-swap was lost too often in a row (busy). A base
 * may be abbreviated like a rev. */
int wp_store_commit(char out[WP_OID_HEX], wp_store *s, const wp_change *changes, size_t n,
		    const wp_commit_opts *opts);

/* Takes the writers' lock that wp_store_commit() queues on (an flock of
 * werkplaats.lock in the git directory git_dir), waiting until it is
 * free: for work that must not interleave with saves, such as rewriting
 * history (erase.h). Returns the descriptor to pass to wp_store_unlock(),
 * or -1 when the lock file cannot be used. */
int wp_store_lock(const char *git_dir);
void wp_store_unlock(int fd);

/* Repairs what a writer killed in the middle of a save leaves behind:
 * the branch's lock file (refs/heads/main.lock), which would otherwise
 * refuse every later save as busy. Every werkplaats writer holds the
 * writers' lock while that file exists, so one found under that lock
 * was left by a process that died. (Objects half written are temporary
 * files git ignores; the branch still names the last complete commit.)
 * Sets *removed to 1 when it removed the file. Returns 0 or an error. */
int wp_store_recover(wp_store *s, int *removed);

/* One entry of a history or change list. */
typedef struct {
	char revision[WP_OID_HEX];
	char *author;
	char *email;   /* the author's e-mail */
	char *message; /* first line */
	int64_t time;
	char *path; /* for wp_store_changes: the page changed (one entry per page) */
	int deleted; /* for wp_store_changes: the change deleted the page */
} wp_log_entry;

typedef struct {
	wp_log_entry *entries;
	size_t count;
} wp_log;

/* History of one page, newest first: the commits that changed it
 * (including one that deleted it: deleted set), at most `limit` (0: no
 * limit); path is filled too. Empty (0) for a page that never existed. A
 * page that was renamed is followed no further than the rename. Free
 * with wp_log_dispose(). */
int wp_store_history(wp_log *out, wp_store *s, const char *path, size_t limit);

/* Recent changes over all pages, newest first, at most `limit` entries
 * (0: no limit), one per (commit, page); within a commit sorted by path.
 * Only "*.md" files count. Free with wp_log_dispose(). */
int wp_store_changes(wp_log *out, wp_store *s, size_t limit);
void wp_log_dispose(wp_log *log);

/* Appends a unified diff of page `path` between revisions `from` and `to`
 * (either may name a revision where the page did not exist: shown as
 * all-added or all-removed) to out, with 3 lines of context. NULL means
 * HEAD; "" means an empty side (before the page existed). Nothing is appended when the page is the same in both. Returns
 * WP_ENOTFOUND for an unknown revision, WP_EINVALID for a malformed one. */
int wp_store_diff(wp_buf *out, wp_store *s, const char *path, const char *from, const char *to);

/* Page paths in folder (e.g. "verhalen"; "" or NULL for the top level),
 * sorted, not recursive; full paths ("verhalen/x"). A folder without
 * pages, or an empty repository, gives no callbacks and returns 0. Calls
 * cb for each; stops early when cb returns non-zero and returns that
 * value. */
typedef int (*wp_path_cb)(void *payload, const char *path);
int wp_store_list(wp_store *s, const char *folder, wp_path_cb cb, void *payload);

/* Every page path at HEAD, recursively, sorted. Same callback rules. */
int wp_store_list_all(wp_store *s, wp_path_cb cb, void *payload);

/* Checks the repository: every object reachable from the branch can be
 * read, every .md blob is valid UTF-8. Appends one line per problem to
 * report and returns the number of problems (0: all well), or an error. */
int wp_store_check(wp_buf *report, wp_store *s);

/* ---- walking history (for the search index) ---- */

/* One page change in a commit, as wp_store_walk() reports it: the commit
 * (hex), its author name and e-mail and commit time, the page path (without ".md")
 * and the page's new blob id, "" when the commit deleted it. All strings
 * are only valid during the call. */
typedef int (*wp_commit_cb)(void *payload, const char *commit, const char *author,
			    const char *email, int64_t time, const char *path, const char *blob);

/* Calls cb for every page (*.md) change of every first-parent commit after
 * `since` (NULL or "": from the root commit) up to HEAD, oldest commit
 * first; within a commit in path order. Renames show as a delete and an
 * add. Writes the commit the walk ended at (HEAD when it started; "" for
 * an empty repository) to head. Returns 0; WP_ENOTFOUND (before any call)
 * when since is not a first-parent ancestor of HEAD (history rewritten:
 * start again from the root); WP_EINVALID when since is not 40 hex digits;
 * or a non-zero value returned by cb, which stops the walk. Memory grows
 * with the number of commits walked (one id each). */
int wp_store_walk(char head[WP_OID_HEX], wp_store *s, const char *since, wp_commit_cb cb,
		  void *payload);

/* The first line of the message of commit rev into *out (malloc'd; the
 * caller frees it). Errors as for wp_store_read()'s rev. */
int wp_store_message(char **out, wp_store *s, const char *rev);

#endif
