/* check.c - the load test's checks of the data folder (see check.h): the
 * history through libgit2, the repository through `git fsck`, the index's
 * recorded commit through SQLite. */
#include "check.h"

#include "server.h"

#include <criterion/criterion.h>
#include <git2.h>
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MESSAGE_ID "Lasttest: Client "
#define FSCK_TIMEOUT_MS 300000L

/* ---- running a command ---- */

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int wp_load_exec(const char *const *argv, char **output, long timeout_ms)
{
	char *dir = wp_ts_tmpdir(), *file = wp_ts_fmt("%s/out", dir);
	long long until = wp_load_now_ns() + (long long)timeout_ms * 1000000LL;
	pid_t parent = getpid(), pid, r;
	int status = 0, ended = 0;

	fflush(NULL);
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent || in < 0 || out < 0 || dup2(in, 0) < 0 ||
		    dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (!ended) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			ended = 1;
		} else if (wp_load_now_ns() > until) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		} else {
			sleep_ms(10);
		}
	}
	*output = wp_ts_read_file(file);
	if (!*output)
		*output = wp_ts_fmt("%s", "");
	wp_ts_rmtree(dir);
	free(dir);
	free(file);
	cr_assert(ended, "%s did not finish within %ld s", argv[0], timeout_ms / 1000);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- git ---- */

void wp_load_head(char out[WP_LOAD_OID_HEX], const char *data_dir)
{
	git_repository *repo;
	git_oid id;
	int grc;

	git_libgit2_init();
	repo = wp_ts_repo_open(data_dir);
	grc = git_reference_name_to_id(&id, repo, "HEAD");
	out[0] = '\0';
	if (grc == 0)
		git_oid_tostr(out, WP_LOAD_OID_HEX, &id);
	else
		cr_assert_eq(grc, GIT_ENOTFOUND, "HEAD of %s: %s", data_dir,
			     git_error_last() ? git_error_last()->message : "?");
	git_repository_free(repo);
	git_libgit2_shutdown();
}

/* A growing string (test code: out of memory fails the test). */
typedef struct {
	char *p;
	size_t len;
} growbuf;

static void growbuf_add(growbuf *b, const char *s, size_t n)
{
	b->p = realloc(b->p, b->len + n + 1);
	cr_assert_not_null(b->p, "out of memory");
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Where each (client, seq) was committed: per client an array indexed by
 * seq of the commit's position in the walk (+1; 0: not committed). */
typedef struct {
	git_oid *commits; /* reachable from HEAD, newest first */
	size_t n_commits;
	size_t **where;	 /* [client][seq] */
	unsigned **times; /* [client][seq]: how many commits carry it */
} history;

/* Reads "Lasttest: Client CC bewerking SSSSSS" from a message; 1 when it
 * holds one. */
static int message_id(const char *msg, unsigned *client, unsigned *seq)
{
	const char *at = msg ? strstr(msg, MESSAGE_ID) : NULL;
	char after = '\0';

	if (!at)
		return 0;
	if (sscanf(at, "Lasttest: Client %2u bewerking %6u%c", client, seq, &after) < 2)
		return 0;
	return after == '\0' || after == '\n' || after == ' ';
}

static void history_read(history *h, git_repository *repo, const wp_load_client *clients,
			 unsigned n)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t cap = 1024;
	unsigned c, s;
	int grc;

	memset(h, 0, sizeof(*h));
	h->where = calloc(n, sizeof(*h->where));
	h->times = calloc(n, sizeof(*h->times));
	cr_assert(h->where && h->times);
	for (c = 0; c < n; c++) {
		h->where[c] = calloc(clients[c].n_attempts + 1, sizeof(**h->where));
		h->times[c] = calloc(clients[c].n_attempts + 1, sizeof(**h->times));
		cr_assert(h->where[c] && h->times[c]);
	}
	h->commits = malloc(cap * sizeof(*h->commits));
	cr_assert(h->commits);
	cr_assert_eq(git_revwalk_new(&walk, repo), 0);
	cr_assert_eq(git_revwalk_push_head(walk), 0, "the repository has no HEAD commit");
	while ((grc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *commit = NULL;

		cr_assert_eq(git_commit_lookup(&commit, repo, &id), 0, "commit %s unreadable: %s",
			     git_oid_tostr_s(&id), git_error_last() ? git_error_last()->message : "");
		if (h->n_commits == cap) {
			cap *= 2;
			h->commits = realloc(h->commits, cap * sizeof(*h->commits));
			cr_assert(h->commits);
		}
		h->commits[h->n_commits++] = id;
		if (message_id(git_commit_message(commit), &c, &s)) {
			cr_assert(c < n && s >= 1 && s <= clients[c].n_attempts,
				  "commit %s carries \"Client %02u bewerking %06u\", a save no "
				  "client sent:\n%s",
				  git_oid_tostr_s(&id), c, s, git_commit_message(commit));
			h->times[c][s]++;
			h->where[c][s] = h->n_commits; /* position + 1 */
		}
		git_commit_free(commit);
	}
	cr_assert_eq(grc, GIT_ITEROVER, "walking the history: %s",
		     git_error_last() ? git_error_last()->message : "?");
	git_revwalk_free(walk);
}

static void history_dispose(history *h, unsigned n)
{
	unsigned c;

	for (c = 0; c < n; c++) {
		free(h->where[c]);
		free(h->times[c]);
	}
	free(h->where);
	free(h->times);
	free(h->commits);
}

/* The content of page at commit id (caller frees), or NULL when the commit
 * has no such file. */
static char *page_at(git_repository *repo, const git_oid *id, unsigned page)
{
	char path[80], rel[96];
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	char *text = NULL;

	wp_load_page_path(path, sizeof(path), page);
	snprintf(rel, sizeof(rel), "%s.md", path);
	cr_assert_eq(git_commit_lookup(&commit, repo, id), 0);
	cr_assert_eq(git_commit_tree(&tree, commit), 0, "tree of %s unreadable: %s",
		     git_oid_tostr_s(id), git_error_last() ? git_error_last()->message : "");
	if (git_tree_entry_bypath(&entry, tree, rel) == 0) {
		cr_assert_eq(git_blob_lookup(&blob, repo, git_tree_entry_id(entry)), 0,
			     "blob of %s at %s unreadable", rel, git_oid_tostr_s(id));
		text = wp_ts_fmt("%.*s", (int)git_blob_rawsize(blob),
				 (const char *)git_blob_rawcontent(blob));
	}
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return text;
}

/* Non-zero when text holds line as a whole line. */
static int has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[len] == '\n' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}

static const char *outcome_name(wp_load_outcome o)
{
	switch (o) {
	case WP_LOAD_ACKED: return "acknowledged";
	case WP_LOAD_REFUSED: return "refused with 409";
	case WP_LOAD_FAILED: return "refused with another 4xx";
	default: return "not answered";
	}
}

/* (a) and the refusals: every attempt against the commits carrying it. */
static void check_attempts(git_repository *repo, const history *h, const wp_load_client *clients,
			   unsigned n)
{
	unsigned c;
	size_t i;

	for (c = 0; c < n; c++) {
		for (i = 0; i < clients[c].n_attempts; i++) {
			const wp_load_attempt *a = &clients[c].attempts[i];
			char marker[64], path[80], at_rev[WP_LOAD_OID_HEX];
			size_t where = h->where[c][a->seq];
			git_oid rev;
			char *text;

			wp_load_marker(marker, sizeof(marker), c, a->seq);
			wp_load_page_path(path, sizeof(path), a->page);
			cr_assert_leq(h->times[c][a->seq], 1,
				      "save \"%s\" of %s is committed %u times", marker, path,
				      h->times[c][a->seq]);
			if (a->outcome == WP_LOAD_REFUSED || a->outcome == WP_LOAD_FAILED) {
				cr_assert_eq(where, 0,
					     "save \"%s\" of %s was %s (HTTP %ld), yet commit %s "
					     "holds it",
					     marker, path, outcome_name(a->outcome), a->status,
					     where ? git_oid_tostr_s(&h->commits[where - 1]) : "");
				continue;
			}
			if (a->outcome != WP_LOAD_ACKED)
				continue;
			cr_assert(a->revision[0],
				  "save \"%s\" of %s was acknowledged (HTTP %ld) without a "
				  "revision; the client's first such answer: \"%s\"",
				  marker, path, a->status, clients[c].bare_ack);
			cr_assert(where,
				  "LOST SAVE: \"%s\" of %s was acknowledged (HTTP %ld, revision %s) "
				  "but no commit reachable from HEAD carries it",
				  marker, path, a->status, a->revision);
			git_oid_tostr(at_rev, sizeof(at_rev), &h->commits[where - 1]);
			cr_assert_str_eq(a->revision, at_rev,
					 "save \"%s\" of %s was acknowledged as revision %s, but "
					 "it is commit %s that carries it",
					 marker, path, a->revision, at_rev);
			cr_assert_eq(git_oid_fromstr(&rev, a->revision), 0);
			text = page_at(repo, &rev, a->page);
			cr_assert(text && has_line(text, marker),
				  "save \"%s\" of %s: its commit %s does not hold the page with "
				  "that paragraph:\n%s",
				  marker, path, a->revision, text ? text : "(no such file)");
			free(text);
		}
	}
}

/* The last acknowledged seq of client c on page (0: none). */
static unsigned last_acked(const wp_load_client *c, unsigned page)
{
	size_t i = c->n_attempts;

	while (i-- > 0)
		if (c->attempts[i].page == page && c->attempts[i].outcome == WP_LOAD_ACKED)
			return c->attempts[i].seq;
	return 0;
}

/* The line of client c in text, or NULL when text holds it not exactly
 * once (*count says how often). */
static const char *client_line(const char *text, unsigned c, unsigned *count)
{
	char prefix[16];
	const char *at = NULL, *q;
	size_t plen = (size_t)snprintf(prefix, sizeof(prefix), "Client %02u ", c);

	*count = 0;
	for (q = text; q && *q; q = strchr(q, '\n') ? strchr(q, '\n') + 1 : NULL) {
		if (strncmp(q, prefix, plen) == 0) {
			at = q;
			(*count)++;
		}
	}
	return *count == 1 ? at : NULL;
}

/* The seq the line of client c names: 0 for "Client CC begin", -1 for
 * anything a save of c did not write. */
static long line_seq(const char *line, unsigned c, const wp_load_client *client)
{
	char want[64];
	unsigned seq;

	snprintf(want, sizeof(want), "Client %02u begin", c);
	if (strcmp(line, want) == 0)
		return 0;
	snprintf(want, sizeof(want), "Client %02u bewerking ", c);
	if (strncmp(line, want, strlen(want)) != 0 ||
	    sscanf(line + strlen(want), "%6u", &seq) != 1 || seq < 1 || seq > client->n_attempts)
		return -1;
	wp_load_marker(want, sizeof(want), c, seq);
	return strcmp(line, want) == 0 ? (long)seq : -1;
}

/* (b): each page at HEAD holds, per client, its last acknowledged save or
 * a later unanswered attempt, and nothing else; returns how many were the
 * latter. */
static unsigned long check_head(git_repository *repo, const history *h,
				const wp_load_client *clients, unsigned n, unsigned pages)
{
	unsigned long unanswered = 0;
	unsigned p, c, count;

	cr_assert_gt(h->n_commits, 0);
	for (p = 0; p < pages; p++) {
		char path[80], fm[96];
		char *text = page_at(repo, &h->commits[0], p), *want;
		growbuf expect = { NULL, 0 };

		wp_load_page_path(path, sizeof(path), p);
		cr_assert_not_null(text, "page %s is missing at HEAD", path);
		snprintf(fm, sizeof(fm), "---\ntitel: Lastpagina %u\n---\n", p + 1);
		growbuf_add(&expect, fm, strlen(fm));
		for (c = 0; c < n; c++) {
			const wp_load_client *cl = &clients[c];
			const char *at = client_line(text, c, &count), *end;
			unsigned acked = last_acked(cl, p);
			char got[128], marker[64];
			long seq;

			cr_assert_not_null(at, "page %s holds client %02u's paragraph %u times at "
					       "HEAD:\n%s",
					   path, c, count, text);
			end = strchr(at, '\n');
			snprintf(got, sizeof(got), "%.*s", end ? (int)(end - at) : (int)strlen(at),
				 at);
			if (c > 0)
				growbuf_add(&expect, "\n", 1);
			growbuf_add(&expect, got, strlen(got));
			growbuf_add(&expect, "\n", 1);
			seq = line_seq(got, c, cl);
			cr_assert_geq(seq, 0,
				      "page %s: client %02u's paragraph at HEAD is \"%s\", which no "
				      "save of this client wrote",
				      path, c, got);
			if ((unsigned)seq == acked)
				continue;
			wp_load_marker(marker, sizeof(marker), c, acked);
			cr_assert((unsigned)seq > acked,
				  "LOST SAVE: page %s: client %02u's paragraph at HEAD is \"%s\", "
				  "older than its last acknowledged save of the page, \"%s\" "
				  "(revision %s)",
				  path, c, got, marker, cl->attempts[acked - 1].revision);
			cr_assert(cl->attempts[seq - 1].page == p &&
					  cl->attempts[seq - 1].outcome == WP_LOAD_UNKNOWN &&
					  h->where[c][seq],
				  "page %s: client %02u's paragraph at HEAD is \"%s\", an attempt "
				  "%s for %s page, after its last acknowledged save of the page "
				  "(%s)",
				  path, c, got, outcome_name(cl->attempts[seq - 1].outcome),
				  cl->attempts[seq - 1].page == p ? "this" : "another",
				  acked ? marker : "none");
			unanswered++;
		}
		want = expect.p;
		cr_assert_str_eq(text, want,
				 "page %s at HEAD is not its first version with each client's "
				 "paragraph replaced:\n%s\nexpected:\n%s",
				 path, text, want);
		free(want);
		free(text);
	}
	return unanswered;
}

unsigned long wp_load_check_history(const char *data_dir, const wp_load_client *clients,
				    unsigned n, unsigned pages)
{
	git_repository *repo;
	history h;
	unsigned long unanswered;

	git_libgit2_init();
	repo = wp_ts_repo_open(data_dir);
	history_read(&h, repo, clients, n);
	check_attempts(repo, &h, clients, n);
	unanswered = check_head(repo, &h, clients, n, pages);
	history_dispose(&h, n);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return unanswered;
}

/* ---- git fsck ---- */

void wp_load_check_fsck(const char *data_dir)
{
	char *gitdir = wp_ts_fmt("--git-dir=%s/repo.git", data_dir);
	const char *argv[] = { "git", gitdir, "fsck", "--full", "--strict", NULL };
	char *out = NULL, *line, *save = NULL, *copy;
	int code = wp_load_exec(argv, &out, FSCK_TIMEOUT_MS);

	cr_assert_eq(code, 0, "git fsck --full --strict exited %d:\n%s", code, out);
	copy = wp_ts_fmt("%s", out);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert(!strcasestr(line, "error") && !strcasestr(line, "missing") &&
				  !strcasestr(line, "broken"),
			  "git fsck --full --strict reports: %s\n(all of it:)\n%s", line, out);
	free(copy);
	free(out);
	free(gitdir);
}

/* ---- lock files ---- */

/* nftw has no user pointer: the walk's state for lock_entry. One walk at
 * a time, from the main thread only. */
static struct {
	size_t root_len;
	char *found;
} lock_walk;

static int lock_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	const char *rel = path + lock_walk.root_len;
	size_t len = strlen(path);
	char *old;

	(void)st;
	(void)ftw;
	if (flag != FTW_F || len < 5 || strcmp(path + len - 5, ".lock") != 0)
		return 0;
	while (*rel == '/')
		rel++;
	if (strcmp(rel, "werkplaats.lock") == 0)
		return 0;
	old = lock_walk.found;
	lock_walk.found = old ? wp_ts_fmt("%s %s", old, rel) : wp_ts_fmt("%s", rel);
	free(old);
	return 0;
}

char *wp_load_lock_files(const char *data_dir)
{
	char *root = wp_ts_fmt("%s/repo.git", data_dir);

	lock_walk.root_len = strlen(root);
	lock_walk.found = NULL;
	nftw(root, lock_entry, 16, FTW_PHYS);
	free(root);
	return lock_walk.found;
}

/* ---- the index ---- */

int wp_load_index_commit(char *out, size_t n, const char *data_dir)
{
	char *file = wp_ts_fmt("%s/index.db", data_dir);
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int src, rc = -1;

	src = sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(db, 5000);
	if (src == SQLITE_OK)
		src = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'commit'", -1, &st,
					 NULL);
	if (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
			rc = 0;
		} else {
			snprintf(out, n, "no commit recorded in %s", file);
		}
	} else {
		snprintf(out, n, "%s: %s", file, db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(file);
	return rc;
}
