/* load.c - the load and crash test of issue 8, "No edit is ever lost".
 *
 * WP_LOAD_CLIENTS client threads (default 16) save edits to WP_LOAD_PAGES
 * pages (50) through the JSON API for WP_LOAD_SECONDS (60), each client
 * rewriting only its own paragraph of a page (client.h), so stale saves
 * merge. The crash variant also kills the server with SIGKILL at one
 * random moment in each of WP_LOAD_KILLS (5) equal windows of the first
 * 80% of the run and starts it again on the same data folder. Afterwards
 * (check.h, dump.h): every acknowledged save is in the history with its text, none is
 * missing at HEAD, `git fsck` is clean, the index equals a fresh reindex,
 * and after every restart the index had caught up with HEAD before the
 * first request. Each run prints one "load summary:" line with its figures
 * (tests/load/run.sh puts them in BENCHMARKS.md).
 *
 * Other knobs: WP_LOAD_SEED (the random seed, printed in the summary),
 * WP_LOAD_THREADS (`serve --threads`, the sets of handles requests share;
 * default 8, the server's own default: each kept-alive connection holds
 * a connection thread, not a set). */
#include "check.h"
#include "client.h"
#include "dump.h"
#include "server.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_KILLS 100
#define TICK_MS 20 /* the main thread's step while the load runs */
#define CLIENT_GRACE_S 30 /* a client's own bound beyond the run's end */

typedef struct {
	unsigned seconds, clients, pages, kills, threads;
	unsigned seed;
} config;

/* What the main thread saw around each kill. */
typedef struct {
	unsigned done;
	unsigned index_behind; /* kills after which the index on disk lagged HEAD */
	unsigned not_caught_up; /* restarts after which it still lagged */
	char not_caught_up_detail[512];
	char *locks; /* lock files a kill left (first kill that left any) */
	unsigned locks_at;
	long long last_restart_ns;
} kills_seen;

static unsigned env_uint(const char *name, unsigned def, unsigned min, unsigned max)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtoul(v, &end, 10);
	cr_assert(errno == 0 && *end == '\0' && n >= min && n <= max,
		  "%s=%s: want a whole number from %u to %u", name, v, min, max);
	return (unsigned)n;
}

static void read_config(config *cfg, int crash)
{
	cfg->seconds = env_uint("WP_LOAD_SECONDS", 60, 1, 3600);
	cfg->clients = env_uint("WP_LOAD_CLIENTS", 16, 1, WP_LOAD_MAX_CLIENTS);
	cfg->pages = env_uint("WP_LOAD_PAGES", 50, 1, 999);
	cfg->kills = crash ? env_uint("WP_LOAD_KILLS", 5, 0, MAX_KILLS) : 0;
	cfg->threads = env_uint("WP_LOAD_THREADS", 8, 1, 256);
	cfg->seed = env_uint("WP_LOAD_SEED", (unsigned)time(NULL) ^ (unsigned)getpid(), 0,
			     0xffffffffu);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void set_url(wp_load_target *t, const char *url)
{
	pthread_mutex_lock(&t->mu);
	snprintf(t->url, sizeof(t->url), "%s", url);
	pthread_mutex_unlock(&t->mu);
}

/* Kills the server, looks at what the kill left, starts it again and,
 * before the clients may send anything, compares the index's commit with
 * HEAD. */
static void crash_and_restart(wp_test_server *srv, wp_load_target *target, kills_seen *k)
{
	char head[WP_LOAD_OID_HEX], indexed[256];
	const char *data = wp_ts_data_dir(srv);
	char *locks;

	wp_ts_crash(srv);
	set_url(target, ""); /* pause: requests in flight failed with the server */
	k->done++;
	wp_load_head(head, data);
	if (wp_load_index_commit(indexed, sizeof(indexed), data) != 0 ||
	    strcmp(indexed, head) != 0)
		k->index_behind++;
	locks = wp_load_lock_files(data);
	if (locks && !k->locks) {
		k->locks = locks;
		k->locks_at = k->done;
	} else {
		free(locks);
	}
	wp_ts_restart(srv);
	/* The server caught up before it printed its ready line; no client
	 * has its new address yet. */
	wp_load_head(head, data);
	if (wp_load_index_commit(indexed, sizeof(indexed), data) != 0 ||
	    strcmp(indexed, head) != 0) {
		if (!k->not_caught_up)
			snprintf(k->not_caught_up_detail, sizeof(k->not_caught_up_detail),
				 "after restart %u the index records %s, HEAD is %s", k->done,
				 indexed, head);
		k->not_caught_up++;
	}
	k->last_restart_ns = wp_load_now_ns();
	set_url(target, wp_ts_base_url(srv));
}

/* Runs the load for cfg->seconds, with cfg->kills crashes. */
static void drive(wp_test_server *srv, wp_load_target *target, const config *cfg, kills_seen *k,
		  double *elapsed_s)
{
	long long t0 = wp_load_now_ns(), window, end, at[MAX_KILLS];
	unsigned next = 0, i, rnd = cfg->seed ^ 0x9e3779b9u;

	/* The kills fall in the first 80% of the run, so that the server
	 * always saves for a while after its last restart: the check that
	 * it recovered needs saves to look at. */
	window = (long long)cfg->seconds * 800000000LL / (cfg->kills ? cfg->kills : 1);
	end = t0 + (long long)cfg->seconds * 1000000000LL;
	for (i = 0; i < cfg->kills; i++)
		at[i] = t0 + window * i + (long long)((double)rand_r(&rnd) / RAND_MAX * window);
	while (wp_load_now_ns() < end) {
		long long now = wp_load_now_ns(), wait = end - now;

		if (next < cfg->kills && now >= at[next]) {
			crash_and_restart(srv, target, k);
			next++;
			continue;
		}
		if (next < cfg->kills && at[next] - now < wait)
			wait = at[next] - now;
		sleep_ms(wait / 1000000 > TICK_MS ? TICK_MS : (long)(wait / 1000000) + 1);
	}
	*elapsed_s = (double)(wp_load_now_ns() - t0) / 1e9;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile q (0-100) of sorted v[0..n-1], in ms. */
static double percentile_ms(const long *v, size_t n, double q)
{
	size_t rank;

	if (n == 0)
		return 0;
	rank = (size_t)(q / 100.0 * (double)n + 0.999999);
	rank = rank < 1 ? 1 : rank > n ? n : rank;
	return (double)v[rank - 1] / 1000.0;
}

typedef struct {
	unsigned long attempts, acked, merged, conflicts, changed, busy, other_4xx, server_errors,
		transport_errors, get_failures, bad_pages, unanswered, after_last_restart;
	double p50, p99, max;
} totals;

static void add_up(totals *t, const wp_load_client *clients, unsigned n, long long since_ns)
{
	long *lat;
	size_t nl = 0, i, all = 0;
	unsigned c;

	memset(t, 0, sizeof(*t));
	for (c = 0; c < n; c++)
		all += clients[c].n_attempts;
	lat = malloc((all ? all : 1) * sizeof(*lat));
	cr_assert_not_null(lat);
	for (c = 0; c < n; c++) {
		const wp_load_client *cl = &clients[c];

		t->attempts += cl->n_attempts;
		t->acked += cl->acked;
		t->merged += cl->merged;
		t->conflicts += cl->conflicts;
		t->changed += cl->changed;
		t->busy += cl->busy;
		t->other_4xx += cl->other_4xx;
		t->server_errors += cl->server_errors;
		t->transport_errors += cl->transport_errors;
		t->get_failures += cl->get_failures;
		t->bad_pages += cl->bad_pages;
		for (i = 0; i < cl->n_attempts; i++) {
			const wp_load_attempt *a = &cl->attempts[i];

			if (a->outcome == WP_LOAD_UNKNOWN)
				t->unanswered++;
			if (a->outcome != WP_LOAD_ACKED)
				continue;
			lat[nl++] = a->latency_us;
			if (a->done_ns > since_ns)
				t->after_last_restart++;
		}
	}
	qsort(lat, nl, sizeof(*lat), cmp_long);
	t->p50 = percentile_ms(lat, nl, 50);
	t->p99 = percentile_ms(lat, nl, 99);
	t->max = nl ? (double)lat[nl - 1] / 1000.0 : 0;
	free(lat);
}

/* The first problem any client noted, or "". */
static const char *first_problem(const wp_load_client *clients, unsigned n)
{
	unsigned c;

	for (c = 0; c < n; c++)
		if (clients[c].problem[0])
			return clients[c].problem;
	return "";
}

/* The first busy 409 any client got, or "". */
static const char *first_busy(const wp_load_client *clients, unsigned n)
{
	unsigned c;

	for (c = 0; c < n; c++)
		if (clients[c].busy_answer[0])
			return clients[c].busy_answer;
	return "";
}

/* After the load: one save of a new page must still go through. A branch
 * left locked by a kill refuses it (409, the branch "busy"). */
static void probe_save(wp_test_server *srv)
{
	wp_ts_response *r = wp_ts_api_put(srv, "lasttest/na-de-last",
					  "---\ntitel: Na de last\n---\nNog een opslag.\n", NULL,
					  "Lasttest: proef na de last");
	char *locks = wp_load_lock_files(wp_ts_data_dir(srv));

	cr_assert_eq(r->status, 201,
		     "a save after the load answered %ld: %s\nlock files in repo.git: %s%s%s",
		     r->status, r->body, locks ? locks : "none",
		     locks ? " -- a SIGKILL left the branch ref locked (stale "
			     "refs/heads/main.lock): every later save is refused as busy"
			   : "");
	free(locks);
	wp_ts_response_free(r);
}

static void run(const char *name, int crash)
{
	config cfg;
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	char threads[16];
	const char *extra[] = { "--threads", threads, NULL };
	wp_test_server *srv;
	wp_load_target target;
	wp_load_client *clients;
	kills_seen k;
	totals t;
	double elapsed = 0;
	unsigned long committed_unanswered;
	unsigned p, c;
	char *token;

	read_config(&cfg, crash);
	snprintf(threads, sizeof(threads), "%u", cfg.threads);
	opts.empty = 1;
	opts.extra_args = extra;
	srv = wp_ts_start(&opts);
	for (p = 0; p < cfg.pages; p++) {
		char path[64], *content = wp_load_page_initial(p, cfg.clients);
		wp_ts_response *r;

		wp_load_page_path(path, sizeof(path), p);
		r = wp_ts_api_put(srv, path, content, NULL, "Lasttest: pagina aangemaakt");
		cr_assert_eq(r->status, 201, "creating %s: %ld %s", path, r->status, r->body);
		wp_ts_response_free(r);
		free(content);
	}

	memset(&k, 0, sizeof(k));
	memset(&target, 0, sizeof(target));
	cr_assert_eq(pthread_mutex_init(&target.mu, NULL), 0);
	set_url(&target, wp_ts_base_url(srv));
	token = wp_ts_fmt("%s", wp_ts_default_auth(srv)->bearer);
	clients = calloc(cfg.clients, sizeof(*clients));
	cr_assert_not_null(clients);
	for (c = 0; c < cfg.clients; c++) {
		clients[c].index = c;
		clients[c].pages = cfg.pages;
		clients[c].clients = cfg.clients;
		clients[c].token = token;
		clients[c].target = &target;
		clients[c].deadline_ns = wp_load_now_ns() +
					 (long long)(cfg.seconds + CLIENT_GRACE_S) * 1000000000LL;
		clients[c].seed = cfg.seed + 7919u * (c + 1);
	}
	cr_assert_eq(wp_load_clients_start(clients, cfg.clients), 0, "cannot start the clients");
	drive(srv, &target, &cfg, &k, &elapsed);
	wp_load_clients_join(clients, cfg.clients, &target);
	pthread_mutex_destroy(&target.mu);

	add_up(&t, clients, cfg.clients, k.last_restart_ns);
	printf("load summary: test=%s seconds=%.1f clients=%u pages=%u threads=%u kills=%u "
	       "seed=%u saves=%lu saves_per_s=%.1f merged=%lu conflict_409=%lu changed_409=%lu "
	       "busy_409=%lu "
	       "other_4xx=%lu server_5xx=%lu transport_errors=%lu unanswered_puts=%lu "
	       "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f index_behind_at_kill=%u "
	       "saves_after_last_restart=%lu\n",
	       name, elapsed, cfg.clients, cfg.pages, cfg.threads, k.done, cfg.seed, t.acked,
	       (double)t.acked / elapsed, t.merged, t.conflicts, t.changed, t.busy, t.other_4xx,
	       t.server_errors, t.transport_errors, t.unanswered, t.p50, t.p99, t.max,
	       k.index_behind, crash ? t.after_last_restart : t.acked);
	fflush(stdout);

	/* A lock file a kill left explains most of what can fail below. */
	cr_assert(!k.locks || (t.busy == 0 && t.after_last_restart > 0),
		  "SERVER BUG: kill %u left %s in repo.git; after it the server refused %lu saves "
		  "with 409 \"busy\" (first: %s) and acknowledged %lu after the last restart",
		  k.locks_at, k.locks, t.busy, first_busy(clients, cfg.clients),
		  t.after_last_restart);
	cr_assert_eq(t.busy, 0,
		     "%lu saves were refused with 409 \"busy\" (the branch ref stayed locked; "
		     "lock files after the kills: %s); first: %s",
		     t.busy, k.locks ? k.locks : "none", first_busy(clients, cfg.clients));
	/* The clients edit different paragraphs: every stale save merges. */
	cr_assert_eq(t.conflicts + t.changed, 0,
		     "%lu saves of edits that do not overlap were refused with 409 (%lu as "
		     "overlapping, %lu as changed meanwhile); first: %s",
		     t.conflicts + t.changed, t.conflicts, t.changed,
		     first_problem(clients, cfg.clients));
	cr_assert_eq(k.not_caught_up, 0, "the index did not catch up at start: %s",
		     k.not_caught_up_detail);
	cr_assert_eq(t.server_errors, 0, "%lu answers were 5xx (first problem: %s)",
		     t.server_errors, first_problem(clients, cfg.clients));
	cr_assert_eq(t.bad_pages, 0,
		     "%lu pages were read without the client's one paragraph (first problem: %s)",
		     t.bad_pages, first_problem(clients, cfg.clients));
	cr_assert_eq(t.other_4xx, 0, "%lu answers were a 4xx other than 409 (first: %s)",
		     t.other_4xx, first_problem(clients, cfg.clients));
	for (c = 0; c < cfg.clients; c++)
		cr_assert_gt(clients[c].acked, 0, "client %02u saved nothing (%s)", c,
			     clients[c].problem[0] ? clients[c].problem : "no problem noted");
	probe_save(srv);

	wp_ts_halt(srv);
	committed_unanswered = wp_load_check_history(wp_ts_data_dir(srv), clients, cfg.clients, cfg.pages);
	wp_load_check_fsck(wp_ts_data_dir(srv));
	wp_load_check_index_equals_reindex(wp_ts_data_dir(srv));
	printf("load checks: test=%s every acknowledged save found; %lu unanswered saves are at "
	       "HEAD; fsck clean; index equals a fresh reindex\n",
	       name, committed_unanswered);
	fflush(stdout);

	wp_ts_stop(srv);
	wp_load_clients_dispose(clients, cfg.clients);
	free(clients);
	free(token);
	free(k.locks);
}

static void init(void)
{
	cr_assert_eq(curl_global_init(CURL_GLOBAL_DEFAULT), 0);
	json_object_seed(0);
}

TestSuite(load, .init = init, .timeout = 3600);

Test(load, sixteen_clients_lose_no_save)
{
	run("sixteen_clients_lose_no_save", 0);
}

Test(load, sigkill_five_times_loses_no_acknowledged_save)
{
	run("sigkill_five_times_loses_no_acknowledged_save", 1);
}
