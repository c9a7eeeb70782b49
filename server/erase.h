/* erase.h - removing a page from the whole history of the repository.
 *
 * Erasing page P takes out of every commit reachable from any ref the
 * file P.md and everything in the folder P/ (a story's perspectives),
 * and the same for each former name of P: a path whose rename stub
 * pointed at P, directly or through a chain of renames, held the same
 * content before the rename. Commits are rewritten parents first and keep
 * their authors, committers, dates and order; one that changed an erased
 * file gets a neutral message (naming only the other pages it changed),
 * one that changed nothing else is left out. One commit on the branch
 * then records the erasure without naming the page: only a mark, a keyed
 * BLAKE2b hash of P (a path is a slug of a title, which may hold a name,
 * and an unkeyed hash of a guessable slug would confirm a guess). Finally
 * every object no longer reachable is deleted from disk, so the content
 * is gone from this repository - not from clones, mirrors or backups.
 *
 * Two steps, so that a person can look before anything changes:
 * wp_erase_prepare() does the whole rewrite in memory and writes nothing
 * to the repository; wp_erase_apply() writes it. Crash safety: the new
 * pack (every reachable object) is on disk before any ref moves, and a
 * marker file in the data folder says an erase is under way until the
 * caller has rebuilt the search index (wp_erase_finish()); while it
 * exists, wp_erase_resume() completes the clean-up. The caller makes sure
 * no server runs on the data folder (datalock.h); saves from other
 * processes are held off with the store's writer lock (store.h) from
 * prepare to free. */
#ifndef WP_ERASE_H
#define WP_ERASE_H

#include "config.h"
#include "store.h"

#include <stddef.h>

#define WP_ERASE_MARK_HEX 65		      /* 64 hex digits + NUL */
#define WP_ERASE_LOG "erasures.log"	      /* in the data folder: one JSON line per erasure */
#define WP_ERASE_KEY "erase.key"	      /* in the data folder: the key of the marks */
#define WP_ERASE_UNFINISHED "erase.unfinished" /* in the data folder: an erase is under way */

typedef struct wp_erase wp_erase;

typedef struct {
	unsigned version;
	const char *path;    /* the page path P, without ".md" (wp_path_check()ed) */
	const char *admin;   /* login name of the beheerder who erases */
	const char *display; /* their display name: the author of the record commit */
	long long now;	     /* seconds since the epoch: the date in the messages */
} wp_erase_opts;
#define WP_ERASE_OPTS_VERSION 1
#define WP_ERASE_OPTS_INIT { WP_ERASE_OPTS_VERSION, NULL, NULL, NULL, 0 }

/* What an erasure does; the counts are known after wp_erase_prepare(). */
typedef struct {
	size_t pages;	  /* files P.md and those of the former names that existed */
	size_t subpages;  /* files in their folders */
	size_t commits;	  /* commits reachable from the refs */
	size_t rewritten; /* commits that stay with a new id (the record not counted) */
	size_t dropped;	  /* commits left out: they changed erased files only */
	size_t refs;	  /* refs that move (the branch always does) */
	char mark[WP_ERASE_MARK_HEX]; /* set by wp_erase_apply() */
	char record[WP_OID_HEX];      /* the record commit, set by wp_erase_apply() */
} wp_erase_facts;

/* Plans the erasure of opts->path in the data folder of cfg (cfg must
 * outlive the wp_erase) and rewrites the history in memory. Waits for
 * the store's writer lock and holds it until wp_erase_free(). Returns 0;
 * WP_ENOTFOUND with a message when no commit ever held the page or its
 * folder; WP_EINVALID when a ref names something other than a commit or
 * an annotated tag of one; or an error. Free with wp_erase_free(). */
int wp_erase_prepare(wp_erase **out, const wp_config *cfg, const wp_erase_opts *opts);
void wp_erase_free(wp_erase *e);

/* The facts of e. Owned by e. */
const wp_erase_facts *wp_erase_facts_of(const wp_erase *e);
/* The erased files ("verhalen/x.md", "verhalen/x/perspectieven/y.md"),
 * sorted, each once. Owned by e. */
size_t wp_erase_file_count(const wp_erase *e);
const char *wp_erase_file(const wp_erase *e, size_t i);
/* Pages an erased name was renamed to that are not erased themselves
 * (the content lives on there). Owned by e. */
size_t wp_erase_moved_count(const wp_erase *e);
const char *wp_erase_moved(const wp_erase *e, size_t i);

/* Writes the erasure: the record commit, one pack with every object the
 * refs reach, the marker, the refs (each with a compare-and-swap), a line
 * in DATA/erasures.log, and then deletes every other pack, every loose
 * object, the commit graph and the reflogs. The search index still holds
 * the old text: the caller drops it (wp_erase_drop_index()), builds it
 * again and then calls wp_erase_finish(). Call at most once. Returns 0 or
 * an error with a message; WP_ECONFLICT when a ref moved meanwhile. */
int wp_erase_apply(wp_erase *e);

/* The mark of page path: hex of BLAKE2b keyed with DATA/erase.key, made
 * with random bytes when create is set and it is missing (else
 * WP_ENOTFOUND). */
int wp_erase_mark(char out[WP_ERASE_MARK_HEX], const wp_config *cfg, const char *path,
		  int create);

/* 1 when an erase in cfg's data folder was cut off before
 * wp_erase_finish(), else 0. */
int wp_erase_unfinished(const wp_config *cfg);

/* Completes an erase that was cut off: one new pack of everything the
 * refs reach now, then every other object deleted as wp_erase_apply()
 * does. Takes the store's writer lock meanwhile. The caller then
 * rebuilds the index as after wp_erase_apply(). Returns 0 or an error. */
int wp_erase_resume(const wp_config *cfg);

/* Deletes the search index files (index.db and its -wal, -shm and
 * -journal): deleted text lingers in FTS5 segments and free pages, so
 * only a database built anew is clean. Missing files are fine. */
int wp_erase_drop_index(const wp_config *cfg);

/* Removes the marker: the erase is complete. */
int wp_erase_finish(const wp_config *cfg);

#endif
