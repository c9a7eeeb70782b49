/* Unit tests for server/store.c: pages in a bare git repository. Each test
 * gets a fresh repository in a temporary directory. */
#include "buf.h"
#include "error.h"
#include "store.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <ftw.h>
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static char tmp[64];
static char repo_dir[128];
static wp_store *st;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void setup(void)
{
	git_libgit2_init();
	strcpy(tmp, "/tmp/wp-store-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(repo_dir, sizeof(repo_dir), "%s/inhoud.git", tmp);
	cr_assert_eq(wp_store_init(repo_dir), 0, "%s", wp_error_last());
	cr_assert_eq(wp_store_open(&st, repo_dir), 0, "%s", wp_error_last());
}

static void teardown(void)
{
	wp_store_free(st);
	st = NULL;
	nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	git_libgit2_shutdown();
}

TestSuite(store, .init = setup, .fini = teardown);

/* ---- helpers ---- */

static int save_in(char out[WP_OID_HEX], wp_store *s, const char *path, const char *content,
		   const char *base)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change c = { path, content, content ? strlen(content) : 0, base };

	o.author_name = "Anna de Vries";
	o.message = "Pagina opgeslagen\n\nMet een toelichting.";
	return wp_store_commit(out, s, &c, 1, &o);
}

static int save(char out[WP_OID_HEX], const char *path, const char *content, const char *base)
{
	return save_in(out, st, path, content, base);
}

static void save_ok(char out[WP_OID_HEX], const char *path, const char *content, const char *base)
{
	char id[WP_OID_HEX];

	cr_assert_eq(save(out ? out : id, path, content, base), 0, "%s: %s", path,
		     wp_error_last());
}

static void head(char out[WP_OID_HEX])
{
	cr_assert_eq(wp_store_head(out, st), 0);
}

/* The page's content at rev, or NULL when reading fails; caller frees. */
static char *content_at(const char *path, const char *rev)
{
	wp_page_file *p = NULL;
	char *s;

	if (wp_store_read(&p, st, path, rev, 0) < 0)
		return NULL;
	s = strdup(p->content);
	wp_page_file_free(p);
	return s;
}

static void assert_content(const char *path, const char *rev, const char *want)
{
	char *got = content_at(path, rev);

	cr_assert_not_null(got, "%s: %s", path, wp_error_last());
	cr_assert_str_eq(got, want);
	free(got);
}

/* Commits on the branch, counted by libgit2 directly. */
static size_t commit_count(void)
{
	git_repository *repo;
	git_revwalk *walk;
	git_oid id;
	size_t n = 0;

	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_revwalk_new(&walk, repo), 0);
	if (git_revwalk_push_ref(walk, WP_BRANCH) == 0)
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_revwalk_free(walk);
	git_repository_free(repo);
	return n;
}

typedef struct {
	char *items[64];
	size_t n;
	size_t stop_after; /* 0: never stop */
} collected;

static int collect(void *payload, const char *path)
{
	collected *c = payload;

	cr_assert_lt(c->n, 64);
	c->items[c->n++] = strdup(path);
	return c->stop_after && c->n == c->stop_after ? 7 : 0;
}

static void collected_free(collected *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->items[i]);
	c->n = 0;
}

static int count_cb(void *payload, const char *path)
{
	(void)path;
	(*(size_t *)payload)++;
	return 0;
}

/* ---- opening ---- */

Test(store, init_makes_empty_bare_repository_with_head_on_main)
{
	git_repository *repo;
	git_reference *ref;
	char id[WP_OID_HEX] = "x";
	wp_store *other = NULL;

	head(id);
	cr_assert_str_eq(id, "");
	cr_assert_eq(wp_store_init(repo_dir), 0, "a second init is fine");
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert(git_repository_is_bare(repo));
	cr_assert_eq(git_reference_lookup(&ref, repo, "HEAD"), 0);
	cr_assert_str_eq(git_reference_symbolic_target(ref), WP_BRANCH);
	git_reference_free(ref);
	git_repository_free(repo);

	cr_assert_eq(wp_store_open(&other, tmp), WP_ENOTFOUND, "a plain directory is no store");
	cr_assert_null(other);
	cr_assert_neq(wp_error_last()[0], '\0');
	cr_assert_eq(wp_store_exists(st, "welkom"), 0);
	cr_assert_eq(wp_store_read(&(wp_page_file *){ NULL }, st, "welkom", NULL, 1), WP_ENOTFOUND);
}

Test(store, empty_repository_lists_nothing)
{
	collected c = { 0 };
	wp_log log;
	wp_buf report = WP_BUF_INIT;

	cr_assert_eq(wp_store_list(st, "", collect, &c), 0);
	cr_assert_eq(wp_store_list_all(st, collect, &c), 0);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(wp_store_history(&log, st, "welkom", 0), 0);
	cr_assert_eq(log.count, 0);
	cr_assert_eq(wp_store_changes(&log, st, 10), 0);
	cr_assert_eq(log.count, 0);
	cr_assert_eq(wp_store_check(&report, st), 0);
	wp_buf_dispose(&report);
}

/* ---- commit and read ---- */

Test(store, first_commit_creates_branch_and_read_returns_it)
{
	const char *text = "---\ntitel: Welkom\n---\nHallo wijkteam.\n";
	char id[WP_OID_HEX], h[WP_OID_HEX], blob[WP_OID_HEX];
	wp_page_file *p = NULL;
	git_oid want;
	int64_t now = (int64_t)time(NULL);

	save_ok(id, "welkom", text, NULL);
	cr_assert_eq(strlen(id), 40);
	head(h);
	cr_assert_str_eq(h, id);
	cr_assert_eq(wp_store_read(&p, st, "welkom", NULL, 1), 0, "%s", wp_error_last());
	cr_assert_str_eq(p->path, "welkom");
	cr_assert_eq(p->content_len, strlen(text));
	cr_assert_str_eq(p->content, text);
	cr_assert_eq(git_odb_hash(&want, text, strlen(text), GIT_OBJECT_BLOB), 0);
	git_oid_tostr(blob, sizeof(blob), &want);
	cr_assert_str_eq(p->blob, blob);
	cr_assert_str_eq(p->revision, id);
	cr_assert_str_eq(p->author, "Anna de Vries");
	cr_assert(p->time >= now - 60 && p->time <= now + 60);
	cr_assert(wp_store_exists(st, "welkom"));
	wp_page_file_free(p);
	wp_page_file_free(NULL);

	/* without want_revision the history walk is skipped */
	cr_assert_eq(wp_store_read(&p, st, "welkom", NULL, 0), 0);
	cr_assert_str_eq(p->revision, "");
	cr_assert_null(p->author);
	wp_page_file_free(p);
	cr_assert_eq(commit_count(), 1);
}

Test(store, commit_records_author_email_and_message)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change c = { "welkom", "x\n", 2, NULL };
	git_repository *repo;
	git_commit *commit;
	git_oid id;
	char h[WP_OID_HEX];

	o.author_name = "Jan de Vries";
	o.message = "Eerste versie";
	cr_assert_eq(wp_store_commit(h, st, &c, 1, &o), 0);
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_oid_fromstr(&id, h), 0);
	cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0);
	cr_assert_str_eq(git_commit_author(commit)->email, "Jan-de-Vries@werkplaats.invalid");
	cr_assert_str_eq(git_commit_committer(commit)->name, "Jan de Vries");
	cr_assert_str_eq(git_commit_message(commit), "Eerste versie\n");
	cr_assert_eq(git_commit_parentcount(commit), 0);
	git_commit_free(commit);

	c.path = "tweede";
	o.author_email = "jan@example.org";
	cr_assert_eq(wp_store_commit(h, st, &c, 1, &o), 0);
	cr_assert_eq(git_oid_fromstr(&id, h), 0);
	cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0);
	cr_assert_str_eq(git_commit_author(commit)->email, "jan@example.org");
	cr_assert_eq(git_commit_parentcount(commit), 1);
	git_commit_free(commit);
	git_repository_free(repo);
}

Test(store, nested_paths_become_nested_folders)
{
	const char *path = "verhalen/moeder-van-drie/perspectieven/wijkcoach";
	git_repository *repo;
	git_commit *commit;
	git_tree *tree;
	git_tree_entry *e;
	git_oid id;
	char h[WP_OID_HEX];

	save_ok(h, path, "Mijn kant.\n", NULL);
	assert_content(path, NULL, "Mijn kant.\n");
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_oid_fromstr(&id, h), 0);
	cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0);
	cr_assert_eq(git_commit_tree(&tree, commit), 0);
	cr_assert_eq(git_tree_entry_bypath(&e, tree, "verhalen/moeder-van-drie/perspectieven/"
						   "wijkcoach.md"),
		     0);
	cr_assert_eq(git_tree_entry_type(e), GIT_OBJECT_BLOB);
	git_tree_entry_free(e);
	cr_assert_eq(git_tree_entry_bypath(&e, tree, "verhalen/moeder-van-drie"), 0);
	cr_assert_eq(git_tree_entry_type(e), GIT_OBJECT_TREE);
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(commit);
	git_repository_free(repo);
	cr_assert_eq(wp_store_exists(st, "verhalen/moeder-van-drie"), 0, "a folder is no page");
}

Test(store, change_to_other_page_keeps_first_page_revision)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX];
	wp_page_file *p = NULL;

	save_ok(c1, "dilemmas/regels-versus-maatwerk", "Regels of maatwerk?\n", NULL);
	save_ok(c2, "dilemmas/snelheid-versus-zorgvuldigheid", "Snel of zorgvuldig?\n", NULL);
	cr_assert_str_neq(c1, c2);
	cr_assert_eq(wp_store_read(&p, st, "dilemmas/regels-versus-maatwerk", NULL, 1), 0);
	cr_assert_str_eq(p->revision, c1);
	wp_page_file_free(p);
	cr_assert_eq(wp_store_read(&p, st, "dilemmas/snelheid-versus-zorgvuldigheid", NULL, 1), 0);
	cr_assert_str_eq(p->revision, c2);
	wp_page_file_free(p);
	/* reading at c2 finds the same last change */
	cr_assert_eq(wp_store_read(&p, st, "dilemmas/regels-versus-maatwerk", c2, 1), 0);
	cr_assert_str_eq(p->revision, c1);
	wp_page_file_free(p);
}

Test(store, reverted_content_counts_as_a_new_change)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX];
	wp_page_file *p = NULL;

	save_ok(c1, "welkom", "A\n", NULL);
	save_ok(c2, "welkom", "B\n", c1);
	save_ok(c3, "welkom", "A\n", c2);
	cr_assert_eq(wp_store_read(&p, st, "welkom", NULL, 1), 0);
	cr_assert_str_eq(p->revision, c3);
	wp_page_file_free(p);
}

Test(store, read_at_older_revision_returns_old_content)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX], abbrev[8];
	wp_page_file *p = NULL;

	save_ok(c1, "welkom", "versie 1\n", NULL);
	save_ok(c2, "anders", "x\n", NULL);
	save_ok(c3, "welkom", "versie 2\n", c2);
	assert_content("welkom", c2, "versie 1\n");
	assert_content("welkom", c3, "versie 2\n");
	assert_content("welkom", NULL, "versie 2\n");
	cr_assert_eq(wp_store_read(&p, st, "welkom", c2, 1), 0);
	cr_assert_str_eq(p->revision, c1);
	wp_page_file_free(p);
	/* an unambiguous abbreviation works too */
	memcpy(abbrev, c1, 7);
	abbrev[7] = '\0';
	assert_content("welkom", abbrev, "versie 1\n");
	/* a page that did not exist yet */
	p = (wp_page_file *)&p; /* must be reset on entry */
	cr_assert_eq(wp_store_read(&p, st, "anders", c1, 1), WP_ENOTFOUND);
	cr_assert_null(p);
}

/* ---- bases and conflicts ---- */

Test(store, new_page_over_existing_page_is_refused)
{
	char c1[WP_OID_HEX], h[WP_OID_HEX], out[WP_OID_HEX];

	save_ok(c1, "welkom", "eerste\n", NULL);
	cr_assert_eq(save(out, "welkom", "tweede\n", NULL), WP_EEXISTS);
	cr_assert_str_eq(out, "");
	cr_assert_neq(wp_error_last()[0], '\0');
	head(h);
	cr_assert_str_eq(h, c1);
	assert_content("welkom", NULL, "eerste\n");
}

Test(store, stale_base_conflicts_and_changes_nothing)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], h[WP_OID_HEX];

	save_ok(c1, "welkom", "v1\n", NULL);
	save_ok(c2, "welkom", "v2 van Anna\n", c1);
	cr_assert_eq(save(NULL, "welkom", "v2 van Piet\n", c1), WP_ECONFLICT);
	cr_assert(strstr(wp_error_last(), "welkom") != NULL, "%s", wp_error_last());
	head(h);
	cr_assert_str_eq(h, c2);
	assert_content("welkom", NULL, "v2 van Anna\n");
	cr_assert_eq(commit_count(), 2);
}

Test(store, older_base_where_page_was_identical_is_accepted)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX];

	save_ok(c1, "welkom", "v1\n", NULL);
	save_ok(c2, "anders", "iets anders\n", NULL);
	cr_assert_eq(save(c3, "welkom", "v2\n", c1), 0, "%s", wp_error_last());
	assert_content("welkom", NULL, "v2\n");
	assert_content("anders", NULL, "iets anders\n");
	/* base "" skips the check */
	save_ok(NULL, "welkom", "v3\n", "");
	assert_content("welkom", NULL, "v3\n");
}

Test(store, unknown_or_malformed_base_is_refused)
{
	char c1[WP_OID_HEX];

	save_ok(c1, "welkom", "v1\n", NULL);
	cr_assert_eq(save(NULL, "welkom", "v2\n", "0123456789012345678901234567890123456789"),
		     WP_ECONFLICT);
	cr_assert_eq(save(NULL, "welkom", "v2\n", "HEAD"), WP_EINVALID);
	cr_assert_eq(save(NULL, "welkom", "v2\n", "HEAD~1"), WP_EINVALID);
	assert_content("welkom", NULL, "v1\n");
}

Test(store, second_store_on_old_base_commits_other_page)
{
	char h0[WP_OID_HEX], ca[WP_OID_HEX], cb[WP_OID_HEX];
	wp_store *a = NULL, *b = NULL;
	git_repository *repo;
	git_commit *commit;
	git_oid id;

	save_ok(h0, "gedeeld", "start\n", NULL);
	save_ok(NULL, "ander", "start\n", h0);
	head(h0);
	cr_assert_eq(wp_store_open(&a, repo_dir), 0);
	cr_assert_eq(wp_store_open(&b, repo_dir), 0);
	/* both started editing at h0; A saves first */
	cr_assert_eq(save_in(ca, a, "gedeeld", "van A\n", h0), 0, "%s", wp_error_last());
	cr_assert_eq(save_in(cb, b, "ander", "van B\n", h0), 0, "%s", wp_error_last());
	cr_assert_str_neq(ca, cb);
	assert_content("gedeeld", NULL, "van A\n");
	assert_content("ander", NULL, "van B\n");
	/* B's commit sits on top of A's: nothing was overwritten */
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_oid_fromstr(&id, cb), 0);
	cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0);
	git_oid_tostr(h0, sizeof(h0), git_commit_parent_id(commit, 0));
	cr_assert_str_eq(h0, ca);
	git_commit_free(commit);
	git_repository_free(repo);
	/* B on A's page with the old base loses */
	cr_assert_eq(save_in(NULL, b, "gedeeld", "ook van B\n", ca), 0);
	cr_assert_eq(save_in(NULL, a, "gedeeld", "weer van A\n", ca), WP_ECONFLICT);
	assert_content("gedeeld", NULL, "ook van B\n");
	wp_store_free(a);
	wp_store_free(b);
}

Test(store, same_page_with_old_base_from_second_store_conflicts)
{
	char h0[WP_OID_HEX], h[WP_OID_HEX], ca[WP_OID_HEX];
	wp_store *a = NULL, *b = NULL;

	save_ok(h0, "gedeeld", "start\n", NULL);
	cr_assert_eq(wp_store_open(&a, repo_dir), 0);
	cr_assert_eq(wp_store_open(&b, repo_dir), 0);
	cr_assert_eq(save_in(ca, a, "gedeeld", "van A\n", h0), 0);
	cr_assert_eq(save_in(NULL, b, "gedeeld", "van B\n", h0), WP_ECONFLICT);
	head(h);
	cr_assert_str_eq(h, ca);
	assert_content("gedeeld", NULL, "van A\n");
	wp_store_free(a);
	wp_store_free(b);
}

typedef struct {
	const char *prefix;
	int saved[25]; /* 1: the save of page i reported success */
	int other_errors;
	char error[256];
} racer;

#define RACE_COMMITS 25

static void *race(void *arg)
{
	racer *r = arg;
	wp_store *s = NULL;
	char path[64];
	int i, rc;

	if (wp_store_open(&s, repo_dir) < 0) {
		r->other_errors++;
		return NULL;
	}
	for (i = 0; i < RACE_COMMITS; i++) {
		snprintf(path, sizeof(path), "race/%s-%d", r->prefix, i);
		rc = save_in(NULL, s, path, path, NULL);
		r->saved[i] = rc == 0;
		if (rc < 0) { /* writers queue on the writer lock: none may fail */
			r->other_errors++;
			snprintf(r->error, sizeof(r->error), "%d %s", rc, wp_error_last());
		}
	}
	wp_store_free(s);
	return NULL;
}

/* Three writers in a tight loop: every save succeeds (they queue on the
 * writer lock), is in the final tree and has its own commit. */
Test(store, concurrent_writers_in_threads_all_succeed_and_lose_nothing)
{
	racer r[3] = { { .prefix = "a" }, { .prefix = "b" }, { .prefix = "c" } };
	pthread_t t[3];
	size_t i, j, n = 0, saved = 0;
	char path[64];

	for (i = 0; i < 3; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 3; i++) {
		cr_assert_eq(r[i].other_errors, 0, "%s", r[i].error);
		for (j = 0; j < RACE_COMMITS; j++) {
			snprintf(path, sizeof(path), "race/%s-%zu", r[i].prefix, j);
			cr_assert_eq(wp_store_exists(st, path), r[i].saved[j], "%s", path);
			saved += (size_t)r[i].saved[j];
		}
	}
	cr_assert_eq(saved, 3 * RACE_COMMITS);
	cr_assert_eq(wp_store_list(st, "race", count_cb, &n), 0);
	cr_assert_eq(n, saved);
	cr_assert_eq(commit_count(), saved);
}

/* ---- deleting ---- */

Test(store, delete_removes_page_and_emptied_folders)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX];
	git_repository *repo;
	git_commit *commit;
	git_tree *tree;
	git_oid id;
	collected c = { 0 };

	save_ok(c1, "verhalen/een/perspectieven/coach", "coach\n", NULL);
	save_ok(c2, "welkom", "welkom\n", NULL);
	save_ok(c3, "verhalen/een/perspectieven/coach", NULL, "");
	cr_assert_eq(wp_store_exists(st, "verhalen/een/perspectieven/coach"), 0);
	cr_assert_null(content_at("verhalen/een/perspectieven/coach", NULL));
	cr_assert_eq(wp_store_read(&(wp_page_file *){ NULL }, st,
				   "verhalen/een/perspectieven/coach", NULL, 0),
		     WP_ENOTFOUND);
	assert_content("verhalen/een/perspectieven/coach", c2, "coach\n");

	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_oid_fromstr(&id, c3), 0);
	cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0);
	cr_assert_eq(git_commit_tree(&tree, commit), 0);
	cr_assert_null(git_tree_entry_byname(tree, "verhalen"), "empty folders are gone");
	cr_assert_not_null(git_tree_entry_byname(tree, "welkom.md"));
	git_tree_free(tree);
	git_commit_free(commit);
	git_repository_free(repo);

	cr_assert_eq(wp_store_list_all(st, collect, &c), 0);
	cr_assert_eq(c.n, 1);
	cr_assert_str_eq(c.items[0], "welkom");
	collected_free(&c);
}

Test(store, deleting_a_missing_page_is_not_found)
{
	char c1[WP_OID_HEX], h[WP_OID_HEX];

	save_ok(c1, "welkom", "x\n", NULL);
	cr_assert_eq(save(NULL, "bestaat-niet", NULL, ""), WP_ENOTFOUND);
	cr_assert_eq(save(NULL, "map/bestaat-niet", NULL, c1), WP_ENOTFOUND);
	cr_assert_eq(save(NULL, "welkom", NULL, NULL), WP_EEXISTS, "a delete needs a base");
	head(h);
	cr_assert_str_eq(h, c1);
}

Test(store, deleting_every_page_leaves_an_empty_tree)
{
	char c1[WP_OID_HEX];
	collected c = { 0 };

	save_ok(c1, "welkom", "x\n", NULL);
	save_ok(NULL, "welkom", NULL, c1);
	cr_assert_eq(wp_store_list_all(st, collect, &c), 0);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(commit_count(), 2);
}

/* ---- history, changes, diff ---- */

Test(store, history_lists_changes_to_one_page_newest_first)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX], c4[WP_OID_HEX];
	wp_log log;

	save_ok(c1, "welkom", "v1\n", NULL);
	save_ok(c2, "anders", "x\n", NULL);
	save_ok(c3, "welkom", "v2\n", c2);
	save_ok(c4, "welkom", "v3\n", c3);
	cr_assert_eq(wp_store_history(&log, st, "welkom", 0), 0);
	cr_assert_eq(log.count, 3);
	cr_assert_str_eq(log.entries[0].revision, c4);
	cr_assert_str_eq(log.entries[1].revision, c3);
	cr_assert_str_eq(log.entries[2].revision, c1);
	cr_assert_str_eq(log.entries[0].message, "Pagina opgeslagen");
	cr_assert_str_eq(log.entries[0].author, "Anna de Vries");
	cr_assert_str_eq(log.entries[0].path, "welkom");
	cr_assert(log.entries[0].time >= log.entries[2].time);
	wp_log_dispose(&log);

	cr_assert_eq(wp_store_history(&log, st, "welkom", 2), 0);
	cr_assert_eq(log.count, 2);
	cr_assert_str_eq(log.entries[1].revision, c3);
	wp_log_dispose(&log);
	wp_log_dispose(&log); /* twice is harmless */

	cr_assert_eq(wp_store_history(&log, st, "nooit-geweest", 0), 0);
	cr_assert_eq(log.count, 0);
	wp_log_dispose(&log);
	cr_assert_eq(wp_store_history(&log, st, "../etc", 0), WP_EINVALID);
}

Test(store, history_of_deleted_page_shows_the_delete)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX];
	wp_log log;

	save_ok(c1, "weg", "x\n", NULL);
	save_ok(c2, "weg", NULL, c1);
	cr_assert_eq(wp_store_history(&log, st, "weg", 0), 0);
	cr_assert_eq(log.count, 2);
	cr_assert_str_eq(log.entries[0].revision, c2);
	cr_assert(log.entries[0].deleted);
	cr_assert_not(log.entries[1].deleted);
	wp_log_dispose(&log);
}

Test(store, changes_list_one_entry_per_page_newest_first)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change two[2] = { { "b", "b\n", 2, NULL }, { "a", "a\n", 2, NULL } };
	char c1[WP_OID_HEX], c2[WP_OID_HEX], c3[WP_OID_HEX];
	wp_log log;

	o.author_name = "Piet";
	o.message = "Twee pagina's";
	cr_assert_eq(wp_store_commit(c1, st, two, 2, &o), 0);
	save_ok(c2, "a", "a2\n", c1);
	save_ok(c3, "b", NULL, c1);

	cr_assert_eq(wp_store_changes(&log, st, 0), 0);
	cr_assert_eq(log.count, 4);
	cr_assert_str_eq(log.entries[0].revision, c3);
	cr_assert_str_eq(log.entries[0].path, "b");
	cr_assert(log.entries[0].deleted);
	cr_assert_str_eq(log.entries[1].revision, c2);
	cr_assert_str_eq(log.entries[1].path, "a");
	cr_assert_not(log.entries[1].deleted);
	cr_assert_str_eq(log.entries[2].revision, c1);
	cr_assert_str_eq(log.entries[2].path, "a");
	cr_assert_str_eq(log.entries[2].author, "Piet");
	cr_assert_str_eq(log.entries[2].message, "Twee pagina's");
	cr_assert_str_eq(log.entries[3].revision, c1);
	cr_assert_str_eq(log.entries[3].path, "b");
	wp_log_dispose(&log);

	cr_assert_eq(wp_store_changes(&log, st, 3), 0);
	cr_assert_eq(log.count, 3);
	wp_log_dispose(&log);
}

Test(store, changes_ignore_files_that_are_not_pages)
{
	git_repository *repo;
	git_treebuilder *tb;
	git_signature *sig;
	git_commit *parent;
	git_tree *tree;
	git_oid blob, tree_id, id, head_id;
	wp_log log;
	char c1[WP_OID_HEX];

	save_ok(c1, "welkom", "x\n", NULL);
	/* someone adds a non-page file with plain git */
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_reference_name_to_id(&head_id, repo, WP_BRANCH), 0);
	cr_assert_eq(git_commit_lookup(&parent, repo, &head_id), 0);
	cr_assert_eq(git_commit_tree(&tree, parent), 0);
	cr_assert_eq(git_blob_create_from_buffer(&blob, repo, "readme", 6), 0);
	cr_assert_eq(git_treebuilder_new(&tb, repo, tree), 0);
	cr_assert_eq(git_treebuilder_insert(NULL, tb, "README", &blob, GIT_FILEMODE_BLOB), 0);
	cr_assert_eq(git_treebuilder_write(&tree_id, tb), 0);
	git_tree_free(tree);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_now(&sig, "git", "git@example.org"), 0);
	cr_assert_eq(git_commit_create_v(&id, repo, WP_BRANCH, sig, sig, NULL, "readme\n", tree, 1,
					 parent),
		     0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_commit_free(parent);
	git_repository_free(repo);

	cr_assert_eq(wp_store_changes(&log, st, 0), 0);
	cr_assert_eq(log.count, 1);
	cr_assert_str_eq(log.entries[0].path, "welkom");
	wp_log_dispose(&log);
}

Test(store, diff_shows_removed_and_added_lines)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX];
	wp_buf d = WP_BUF_INIT;

	save_ok(c1, "welkom", "een\ntwee\ndrie\n", NULL);
	save_ok(c2, "welkom", "een\nTWEE\ndrie\n", c1);
	cr_assert_eq(wp_store_diff(&d, st, "welkom", c1, c2), 0, "%s", wp_error_last());
	cr_assert_str_eq(wp_buf_cstr(&d), "--- a/welkom.md\n+++ b/welkom.md\n"
					  "@@ -1,3 +1,3 @@\n een\n-twee\n+TWEE\n drie\n");
	wp_buf_clear(&d);
	/* no change: nothing */
	cr_assert_eq(wp_store_diff(&d, st, "welkom", c2, NULL), 0);
	cr_assert_str_eq(wp_buf_cstr(&d), "");
	wp_buf_dispose(&d);
}

Test(store, diff_against_revision_without_page_is_all_added)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX];
	wp_buf d = WP_BUF_INIT;

	save_ok(c1, "anders", "x\n", NULL);
	save_ok(c2, "welkom", "een\ntwee", NULL);
	cr_assert_eq(wp_store_diff(&d, st, "welkom", c1, c2), 0, "%s", wp_error_last());
	cr_assert(strstr(wp_buf_cstr(&d), "--- /dev/null\n+++ b/welkom.md\n") != NULL, "%s",
		  wp_buf_cstr(&d));
	cr_assert(strstr(wp_buf_cstr(&d), "+een\n+twee\n\\ No newline at end of file\n") != NULL,
		  "%s", wp_buf_cstr(&d));
	wp_buf_clear(&d);
	cr_assert_eq(wp_store_diff(&d, st, "welkom", c2, c1), 0);
	cr_assert(strstr(wp_buf_cstr(&d), "-een\n-twee\n") != NULL, "%s", wp_buf_cstr(&d));
	cr_assert(strstr(wp_buf_cstr(&d), "+++ /dev/null\n") != NULL);
	wp_buf_dispose(&d);
}

Test(store, diff_with_unknown_or_malformed_revision_fails)
{
	char c1[WP_OID_HEX];
	wp_buf d = WP_BUF_INIT;

	save_ok(c1, "welkom", "x\n", NULL);
	cr_assert_eq(wp_store_diff(&d, st, "welkom", "ffffffffffffffffffffffffffffffffffffffff",
				   c1),
		     WP_ENOTFOUND);
	cr_assert_eq(wp_store_diff(&d, st, "welkom", c1, "HEAD~1"), WP_EINVALID);
	cr_assert_eq(wp_store_diff(&d, st, "Welkom", c1, c1), WP_EINVALID);
	cr_assert_str_eq(wp_buf_cstr(&d), "");
	wp_buf_dispose(&d);
}

/* ---- bad input ---- */

Test(store, malformed_revisions_are_errors_not_crashes)
{
	const char *bad[] = { "HEAD~1", ":/x", "zz", "HEAD", "", "main", "@{0}", "abc", "12345678^",
			      "-1234567", "0123456789abcdef0123456789abcdef012345678" /* 41 */ };
	char c1[WP_OID_HEX], blob_rev[WP_OID_HEX];
	wp_page_file *p = NULL;
	size_t i;

	save_ok(c1, "welkom", "x\n", NULL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(wp_store_read(&p, st, "welkom", bad[i], 1), WP_EINVALID, "%s", bad[i]);
		cr_assert_null(p);
		cr_assert_neq(wp_error_last()[0], '\0');
	}
	cr_assert_eq(wp_store_read(&p, st, "welkom", "0000000000000000000000000000000000000000",
				   1),
		     WP_ENOTFOUND);
	/* an object that is not a commit is no revision */
	cr_assert_eq(wp_store_read(&p, st, "welkom", NULL, 0), 0);
	strcpy(blob_rev, p->blob);
	wp_page_file_free(p);
	p = NULL;
	cr_assert_eq(wp_store_read(&p, st, "welkom", blob_rev, 1), WP_ENOTFOUND);
	/* upper case hex names the same commit */
	for (i = 0; c1[i]; i++)
		c1[i] = (char)toupper((unsigned char)c1[i]);
	assert_content("welkom", c1, "x\n");
}

Test(store, bad_paths_and_options_are_refused)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change c = { "welkom", "x\n", 2, NULL };
	wp_change dup[2] = { { "a", "1\n", 2, NULL }, { "a", "2\n", 2, NULL } };
	const char *paths[] = { "", "../x", "/x", "x/", "Welkom", "a//b", "x.md", "api/x" };
	char h[WP_OID_HEX];
	size_t i;

	o.author_name = "Anna";
	o.message = "bericht";
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		c.path = paths[i];
		cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID, "%s", paths[i]);
		cr_assert_eq(wp_store_read(&(wp_page_file *){ NULL }, st, paths[i], NULL, 0),
			     WP_EINVALID);
	}
	c.path = "welkom";
	o.message = "";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.message = " \n";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.message = NULL;
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.message = "bericht";
	o.author_name = NULL;
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.author_name = "";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.author_name = "Anna <x>";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.author_name = "Anna\nkwaad";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.author_name = "Anna";
	o.author_email = "a>b@example.org";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	o.author_email = NULL;
	cr_assert_eq(wp_store_commit(NULL, st, dup, 2, &o), WP_EINVALID);
	c.content = "\xff\xfe kapot";
	c.len = strlen(c.content);
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	c.content = "\xed\xa0\x80"; /* a UTF-16 surrogate */
	c.len = 3;
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_EINVALID);
	head(h);
	cr_assert_str_eq(h, "", "nothing was committed");
	cr_assert_eq(commit_count(), 0);
}

Test(store, page_above_the_size_limit_is_refused)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change c = { "groot", NULL, WP_PAGE_MAX + 1, NULL };
	char *big = malloc(WP_PAGE_MAX + 1);

	cr_assert_not_null(big);
	memset(big, 'a', WP_PAGE_MAX + 1);
	c.content = big;
	o.author_name = "Anna";
	o.message = "groot";
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), WP_ETOOBIG);
	c.len = WP_PAGE_MAX;
	cr_assert_eq(wp_store_commit(NULL, st, &c, 1, &o), 0, "%s", wp_error_last());
	free(big);
}

/* ---- listing ---- */

Test(store, list_gives_sorted_pages_of_one_folder)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change ch[] = {
		{ "b", "b", 1, NULL },
		{ "a", "a", 1, NULL },
		{ "a-b", "a-b", 3, NULL },
		{ "verhalen/x", "x", 1, NULL },
		{ "verhalen/x/perspectieven/y", "y", 1, NULL },
		{ "verhalen/a-b", "ab", 2, NULL },
		{ "dilemmas/d", "d", 1, NULL },
	};
	collected c = { 0 };

	o.author_name = "Anna";
	o.message = "import";
	cr_assert_eq(wp_store_commit(NULL, st, ch, sizeof(ch) / sizeof(ch[0]), &o), 0, "%s",
		     wp_error_last());

	cr_assert_eq(wp_store_list(st, "", collect, &c), 0);
	cr_assert_eq(c.n, 3);
	cr_assert_str_eq(c.items[0], "a");
	cr_assert_str_eq(c.items[1], "a-b");
	cr_assert_str_eq(c.items[2], "b");
	collected_free(&c);

	cr_assert_eq(wp_store_list(st, "verhalen", collect, &c), 0);
	cr_assert_eq(c.n, 2);
	cr_assert_str_eq(c.items[0], "verhalen/a-b");
	cr_assert_str_eq(c.items[1], "verhalen/x");
	collected_free(&c);

	cr_assert_eq(wp_store_list(st, "verhalen/x/perspectieven", collect, &c), 0);
	cr_assert_eq(c.n, 1);
	cr_assert_str_eq(c.items[0], "verhalen/x/perspectieven/y");
	collected_free(&c);

	cr_assert_eq(wp_store_list(st, "bestaat-niet", collect, &c), 0);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(wp_store_list(st, "../x", collect, &c), WP_EINVALID);

	c.stop_after = 2;
	cr_assert_eq(wp_store_list(st, "", collect, &c), 7, "the callback's value comes back");
	cr_assert_eq(c.n, 2);
	collected_free(&c);
}

Test(store, list_all_gives_every_page_sorted)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change ch[] = {
		{ "verhalen/x/perspectieven/y", "y", 1, NULL },
		{ "b", "b", 1, NULL },
		{ "verhalen/x", "x", 1, NULL },
		{ "a", "a", 1, NULL },
		{ "dilemmas/d", "d", 1, NULL },
	};
	const char *want[] = { "a", "b", "dilemmas/d", "verhalen/x", "verhalen/x/perspectieven/y" };
	collected c = { 0 };
	size_t i;

	o.author_name = "Anna";
	o.message = "import";
	cr_assert_eq(wp_store_commit(NULL, st, ch, sizeof(ch) / sizeof(ch[0]), &o), 0);
	cr_assert_eq(wp_store_list_all(st, collect, &c), 0);
	cr_assert_eq(c.n, 5);
	for (i = 0; i < 5; i++)
		cr_assert_str_eq(c.items[i], want[i]);
	collected_free(&c);
	c.stop_after = 1;
	cr_assert_eq(wp_store_list_all(st, collect, &c), 7);
	cr_assert_eq(c.n, 1);
	collected_free(&c);
}

/* ---- no-op, size ---- */

Test(store, commit_that_changes_nothing_makes_no_commit)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	char c1[WP_OID_HEX], out[WP_OID_HEX];

	save_ok(c1, "welkom", "zelfde\n", NULL);
	cr_assert_eq(save(out, "welkom", "zelfde\n", c1), 0);
	cr_assert_str_eq(out, c1);
	cr_assert_eq(commit_count(), 1);
	o.author_name = "Anna";
	o.message = "niets";
	cr_assert_eq(wp_store_commit(out, st, NULL, 0, &o), 0);
	cr_assert_str_eq(out, c1);
	cr_assert_eq(commit_count(), 1);
}

#define BULK 2000

Test(store, one_change_in_a_repository_of_two_thousand_pages)
{
	wp_commit_opts o = WP_COMMIT_OPTS_INIT;
	wp_change *ch = calloc(BULK, sizeof(*ch));
	char (*paths)[32] = calloc(BULK, 32);
	char c1[WP_OID_HEX], c2[WP_OID_HEX];
	size_t i, n = 0;
	wp_log log;

	cr_assert(ch && paths);
	for (i = 0; i < BULK; i++) {
		snprintf(paths[i], 32, "%s/pagina-%04zu", i % 2 ? "verhalen" : "dilemmas", i);
		ch[i].path = paths[i];
		ch[i].content = paths[i];
		ch[i].len = strlen(paths[i]);
	}
	o.author_name = "Import";
	o.message = "import";
	cr_assert_eq(wp_store_commit(c1, st, ch, BULK, &o), 0, "%s", wp_error_last());
	cr_assert_eq(wp_store_list_all(st, count_cb, &n), 0);
	cr_assert_eq(n, BULK);

	save_ok(c2, "verhalen/pagina-0501", "nieuw\n", c1);
	assert_content("verhalen/pagina-0501", NULL, "nieuw\n");
	assert_content("verhalen/pagina-0503", NULL, "verhalen/pagina-0503");
	n = 0;
	cr_assert_eq(wp_store_list_all(st, count_cb, &n), 0);
	cr_assert_eq(n, BULK);
	cr_assert_eq(wp_store_changes(&log, st, 5), 0);
	cr_assert_eq(log.count, 5);
	cr_assert_str_eq(log.entries[0].path, "verhalen/pagina-0501");
	cr_assert_str_eq(log.entries[0].revision, c2);
	cr_assert_str_eq(log.entries[1].revision, c1);
	wp_log_dispose(&log);
	free(paths);
	free(ch);
}

/* ---- check ---- */

Test(store, check_finds_nothing_wrong_in_a_good_repository)
{
	wp_buf report = WP_BUF_INIT;
	char c1[WP_OID_HEX];

	save_ok(c1, "welkom", "hallo\n", NULL);
	save_ok(NULL, "verhalen/een", "één verhaal\n", NULL);
	save_ok(NULL, "welkom", "hallo allemaal\n", c1);
	cr_assert_eq(wp_store_check(&report, st), 0, "%s", wp_buf_cstr(&report));
	cr_assert_str_eq(wp_buf_cstr(&report), "");
	wp_buf_dispose(&report);
	/* and git itself agrees */
	if (system("git --version >/dev/null 2>&1") == 0) {
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "git --git-dir=%s fsck --strict --no-progress %s",
			 repo_dir, "--no-dangling 2>&1");
		cr_assert_eq(system(cmd), 0);
	}
}

Test(store, check_reports_page_that_is_not_utf8)
{
	git_repository *repo;
	git_treebuilder *tb;
	git_signature *sig;
	git_tree *tree;
	git_oid blob, tree_id, id;
	wp_buf report = WP_BUF_INIT;

	/* written with plain git: the store itself refuses such content */
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_blob_create_from_buffer(&blob, repo, "\xc0\xaf kapot", 8), 0);
	cr_assert_eq(git_treebuilder_new(&tb, repo, NULL), 0);
	cr_assert_eq(git_treebuilder_insert(NULL, tb, "kapot.md", &blob, GIT_FILEMODE_BLOB), 0);
	cr_assert_eq(git_treebuilder_insert(NULL, tb, "plaatje", &blob, GIT_FILEMODE_BLOB), 0);
	cr_assert_eq(git_treebuilder_write(&tree_id, tb), 0);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_now(&sig, "git", "git@example.org"), 0);
	cr_assert_eq(git_commit_create_v(&id, repo, WP_BRANCH, sig, sig, NULL, "kapot\n", tree, 0),
		     0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_repository_free(repo);

	cr_assert_eq(wp_store_check(&report, st), 1, "%s", wp_buf_cstr(&report));
	cr_assert(strstr(wp_buf_cstr(&report), "kapot.md") != NULL, "%s", wp_buf_cstr(&report));
	wp_buf_dispose(&report);
}

Test(store, check_reports_corrupt_object)
{
	wp_buf report = WP_BUF_INIT;
	wp_page_file *p = NULL;
	wp_store *fresh = NULL;
	char file[256];
	FILE *f;
	int problems;

	save_ok(NULL, "welkom", "hallo\n", NULL);
	cr_assert_eq(wp_store_read(&p, st, "welkom", NULL, 0), 0);
	snprintf(file, sizeof(file), "%s/objects/%.2s/%s", repo_dir, p->blob, p->blob + 2);
	cr_assert_eq(chmod(file, 0644), 0, "%s", file);
	f = fopen(file, "wb");
	cr_assert_not_null(f);
	fputs("geen zlib", f);
	fclose(f);

	/* a fresh store, so no cached copy hides the damage */
	cr_assert_eq(wp_store_open(&fresh, repo_dir), 0);
	problems = wp_store_check(&report, fresh);
	cr_assert_eq(problems, 1, "%s", wp_buf_cstr(&report));
	cr_assert(strstr(wp_buf_cstr(&report), p->blob) != NULL, "%s", wp_buf_cstr(&report));
	cr_assert_lt(wp_store_read(&(wp_page_file *){ NULL }, fresh, "welkom", NULL, 0), 0);
	wp_store_free(fresh);
	wp_page_file_free(p);
	wp_buf_dispose(&report);
}
