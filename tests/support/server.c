/* server.c - test support: the werkplaats binary as a child process, HTTP
 * through libcurl and raw sockets, CLI runs, and repository inspection with
 * libgit2 (see server.h). */
#include "server.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <git2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef WP_BINARY
#error "WP_BINARY (path of the werkplaats binary) must be defined"
#endif
#ifndef WP_SOURCE_DIR
#error "WP_SOURCE_DIR must be defined"
#endif

#define START_TIMEOUT_MS 15000
#define STOP_TIMEOUT_MS 10000
#define RUN_TIMEOUT_MS 60000
#define HTTP_TIMEOUT_S 10L
#define BODY_CAP (64u * 1024 * 1024)
#define READY_PREFIX "Werkplaats draait op http"
#define MAX_LIVE 16
#define TESTER_PASSWORD "tester-wachtwoord-42"
#define SESSION_COOKIE "wp_session"
#define LOGIN_COOKIE "wp_login"
#define TOKEN_PREFIX "wpt_"
#define TOKEN_HEX_LEN 64

struct wp_test_server {
	pid_t pid; /* 0 once reaped */
	char *root; /* temp folder holding data/, stdout and stderr */
	char *data;
	char *out_path;
	char *err_path;
	char *base_url;
	char *listen; /* the --listen address */
	int port;
	wp_ts_auth tester;  /* tester's API token (the default credentials) */
	wp_ts_auth current; /* what requests carry now; all NULL: anonymous */
	char *tester_pw;
	char *beheer_pw; /* the one-time password init printed */
	char **serve_args; /* the `serve` arguments, for wp_ts_restart(); NULL-terminated */
};

/* Servers of this (Criterion worker) process that are still running. A
 * failed assertion ends a test without reaching wp_ts_stop(); the exit
 * handler then stops the server and removes its folder. This is the one
 * piece of process-wide state, and it exists only for that clean-up. */
static wp_test_server *live[MAX_LIVE];
static int exit_handler_set;

char *wp_ts_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	cr_assert_geq(n, 0, "out of memory");
	return s;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	cr_assert_not_null(p, "out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	cr_assert_not_null(p, "out of memory");
	return p;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static void auth_clear(wp_ts_auth *a)
{
	free(a->bearer);
	free(a->cookie);
	free(a->csrf);
	a->bearer = a->cookie = a->csrf = NULL;
}

/* *dst becomes a deep copy of src (NULL: no credentials). */
static void auth_copy(wp_ts_auth *dst, const wp_ts_auth *src)
{
	dst->bearer = src && src->bearer ? xstrdup(src->bearer) : NULL;
	dst->cookie = src && src->cookie ? xstrdup(src->cookie) : NULL;
	dst->csrf = src && src->csrf ? xstrdup(src->csrf) : NULL;
}

/* The last non-empty line of text, without its line end. Caller frees. */
static char *last_line(const char *text)
{
	size_t end = strlen(text), start;
	char *line;

	while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	line = strndup(text + start, end - start);
	cr_assert_not_null(line, "out of memory");
	return line;
}

/* ---- files ---- */

char *wp_ts_tmpdir(void)
{
	char *dir = xstrdup("/tmp/wp-it-XXXXXX");

	cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	return dir;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

void wp_ts_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void mkdirs_for(const char *file)
{
	char *p = xstrdup(file);
	char *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			cr_assert_fail("mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	free(p);
}

void wp_ts_write_file(const char *dir, const char *rel, const char *content)
{
	char *path = wp_ts_fmt("%s/%s", dir, rel);
	FILE *f;
	size_t len = strlen(content);

	mkdirs_for(path);
	f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(content, 1, len, f), len, "short write to %s", path);
	cr_assert_eq(fclose(f), 0, "close %s", path);
	free(path);
}

char *wp_ts_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			s = realloc(s, cap);
			cr_assert_not_null(s, "out of memory");
		}
		n = fread(s + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	s[len] = '\0';
	return s;
}

char *wp_ts_external_ipv4(void)
{
	struct ifaddrs *all = NULL, *i;
	char *found = NULL;

	if (getifaddrs(&all) < 0)
		return NULL;
	for (i = all; i && !found; i = i->ifa_next) {
		char text[INET_ADDRSTRLEN];
		const struct sockaddr_in *sin = (const struct sockaddr_in *)i->ifa_addr;

		if (!sin || sin->sin_family != AF_INET)
			continue;
		if ((ntohl(sin->sin_addr.s_addr) >> 24) == 127)
			continue;
		if (inet_ntop(AF_INET, &sin->sin_addr, text, sizeof(text)))
			found = xstrdup(text);
	}
	freeifaddrs(all);
	return found;
}

const char *wp_ts_content_dir(void)
{
	return WP_SOURCE_DIR "/content";
}

static void link_or_fail(const char *target, const char *link)
{
	cr_assert_eq(symlink(target, link), 0, "symlink %s -> %s", link, target);
}

char *wp_ts_plugin_root(const char *plugin)
{
	char *root = wp_ts_tmpdir(), *p, *target;

	p = wp_ts_fmt("%s/themes", root);
	link_or_fail(WP_SOURCE_DIR "/themes", p);
	free(p);
	p = wp_ts_fmt("%s/content", root);
	link_or_fail(WP_SOURCE_DIR "/content", p);
	free(p);
	p = wp_ts_fmt("%s/plugins", root);
	cr_assert_eq(mkdir(p, 0700), 0, "mkdir %s", p);
	free(p);
	p = wp_ts_fmt("%s/plugins/%s", root, plugin);
	target = wp_ts_fmt("%s/tests/plugins/%s", WP_SOURCE_DIR, plugin);
	link_or_fail(target, p);
	free(target);
	free(p);
	setenv("WERKPLAATS_ROOT", root, 1);
	return root;
}

void wp_ts_plugin_root_drop(char *root)
{
	unsetenv("WERKPLAATS_ROOT");
	if (root)
		wp_ts_rmtree(root);
	free(root);
}

/* ---- child processes ---- */

/* Forks and execs WP_BINARY with args; stdout and stderr go to the given
 * files (truncated), stdin is in_path (NULL: /dev/null). Returns the
 * child's pid. */
/* The words of $WP_TS_WRAP (e.g. "valgrind --error-exitcode=99 -q"), the
 * command `serve` runs under when it is set: n words into words (the
 * string is kept in *keep), 0 when it is not set. */
static size_t wrap_words(const char **words, size_t max, char **keep)
{
	const char *env = getenv("WP_TS_WRAP");
	size_t n = 0;
	char *w, *save = NULL;

	*keep = NULL;
	if (!env || !*env)
		return 0;
	*keep = xstrdup(env);
	for (w = strtok_r(*keep, " ", &save); w && n < max; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	return n;
}

/* Non-zero when servers run under $WP_TS_WRAP (slower: longer waits). */
static int wrapped(void)
{
	const char *env = getenv("WP_TS_WRAP");

	return env && *env;
}

static pid_t spawn(const char *const *args, const char *in_path, const char *out_path,
		   const char *err_path, int die_with_parent)
{
	size_t n = 0, i, nw = 0;
	const char **argv, *wrap[32];
	char *keep = NULL;
	pid_t parent = getpid(), pid;

	while (args[n])
		n++;
	if (n > 0 && strcmp(args[0], "serve") == 0)
		nw = wrap_words(wrap, 32, &keep);
	argv = xmalloc((nw + n + 2) * sizeof(*argv));
	for (i = 0; i < nw; i++)
		argv[i] = wrap[i];
	argv[nw] = WP_BINARY;
	for (i = 0; i < n; i++)
		argv[nw + i + 1] = args[i];
	argv[nw + n + 1] = NULL;
	fflush(NULL);
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open(in_path ? in_path : "/dev/null", O_RDONLY);
		int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		/* A test process that dies must not leave its server behind. */
		if (die_with_parent) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			if (getppid() != parent)
				_exit(126);
		}
		if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(err, 2) < 0)
			_exit(126);
		if (nw)
			execvp(argv[0], (char *const *)argv);
		else
			execv(WP_BINARY, (char *const *)argv);
		_exit(127);
	}
	free(argv);
	free(keep);
	return pid;
}

/* Waits up to ms for pid; returns 1 with *status set when it ended. */
static int wait_bounded(pid_t pid, int *status, long ms)
{
	long until = now_ms() + ms;

	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 1;
		cr_assert(r == 0 || errno == EINTR, "waitpid: %s", strerror(errno));
		if (now_ms() > until)
			return 0;
		sleep_ms(5);
	}
}

wp_ts_run_result *wp_ts_run(const char *const *args)
{
	return wp_ts_run_input(args, NULL);
}

wp_ts_run_result *wp_ts_run_input(const char *const *args, const char *input)
{
	char *dir = wp_ts_tmpdir();
	char *out_path = wp_ts_fmt("%s/out", dir), *err_path = wp_ts_fmt("%s/err", dir);
	char *in_path = input ? wp_ts_fmt("%s/in", dir) : NULL;
	wp_ts_run_result *r = xmalloc(sizeof(*r));
	pid_t pid;
	int status = 0;
	int ended;

	if (input)
		wp_ts_write_file(dir, "in", input);
	pid = spawn(args, in_path, out_path, err_path, 1);
	ended = wait_bounded(pid, &status, RUN_TIMEOUT_MS);

	if (!ended) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	r->out = wp_ts_read_file(out_path);
	r->err = wp_ts_read_file(err_path);
	if (!r->out)
		r->out = xstrdup("");
	if (!r->err)
		r->err = xstrdup("");
	wp_ts_rmtree(dir);
	free(dir);
	free(in_path);
	free(out_path);
	free(err_path);
	cr_assert(ended, "%s %s did not finish within %d s", WP_BINARY, args[0] ? args[0] : "",
		  RUN_TIMEOUT_MS / 1000);
	return r;
}

void wp_ts_run_free(wp_ts_run_result *r)
{
	if (!r)
		return;
	free(r->out);
	free(r->err);
	free(r);
}

/* ---- server lifetime ---- */

static void server_free(wp_test_server *srv)
{
	size_t i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i] == srv)
			live[i] = NULL;
	free(srv->root);
	free(srv->data);
	free(srv->out_path);
	free(srv->err_path);
	free(srv->base_url);
	free(srv->listen);
	auth_clear(&srv->tester);
	auth_clear(&srv->current);
	free(srv->tester_pw);
	free(srv->beheer_pw);
	for (i = 0; srv->serve_args && srv->serve_args[i]; i++)
		free(srv->serve_args[i]);
	free(srv->serve_args);
	free(srv);
}

static void stop_all_at_exit(void)
{
	size_t i;

	for (i = 0; i < MAX_LIVE; i++) {
		wp_test_server *srv = live[i];
		int status;

		if (!srv)
			continue;
		if (srv->pid > 0) {
			kill(srv->pid, SIGKILL);
			waitpid(srv->pid, &status, 0);
		}
		wp_ts_rmtree(srv->root);
		server_free(srv);
	}
}

static void track(wp_test_server *srv)
{
	size_t i;

	if (!exit_handler_set) {
		atexit(stop_all_at_exit);
		exit_handler_set = 1;
	}
	for (i = 0; i < MAX_LIVE; i++) {
		if (!live[i]) {
			live[i] = srv;
			return;
		}
	}
	cr_assert_fail("more than %d servers in one test", MAX_LIVE);
}

/* A fresh data folder at data: `werkplaats init` (with the demo content
 * unless empty) and the tester's account. Sets the one-time password
 * init printed for beheer and the tester's API token. */
static void fresh_data(const char *data, int empty, char **beheer_pw, char **tester_token)
{
	const char *demo[] = {"init", "--data", data, "--demo", "--content", wp_ts_content_dir(),
			      NULL};
	const char *plain[] = {"init", "--data", data, NULL};
	wp_ts_run_result *r = wp_ts_run(empty ? plain : demo);
	wp_test_server at = {.data = (char *)data};

	cr_assert_eq(r->exit_code, 0, "werkplaats init failed (exit %d):\n%s%s", r->exit_code,
		     r->out, r->err);
	/* The last line is the one-time password of account beheer. */
	*beheer_pw = last_line(r->out);
	cr_assert_geq(strlen(*beheer_pw), 10,
		      "werkplaats init printed no password for beheer as its last line:\n%s",
		      r->out);
	wp_ts_run_free(r);
	wp_ts_user_add_display(&at, WP_TS_TESTER, WP_TS_TESTER_ROLE, WP_TS_TESTER_TEAM,
			       WP_TS_TESTER_DISPLAY, TESTER_PASSWORD);
	*tester_token = wp_ts_user_token(&at, WP_TS_TESTER);
}

/* ---- data folder templates ------------------------------------------------------------------
 * A fresh data folder costs about a second (the demo import's fsync'ed
 * commits, its index, two password hashes), and every test server paid
 * it. Now the Criterion runner makes a folder for templates before the
 * first test and removes it after the last; the first test process that
 * needs a kind of data folder makes its template there, and every later
 * server copies it. Run without the runner's folder, each server makes
 * its own as before. */
#define TEMPLATES_ENV "WP_TS_TEMPLATES"

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	char dir[] = "/tmp/wp-tpl-XXXXXX";

	(void)set;
	if (mkdtemp(dir))
		setenv(TEMPLATES_ENV, dir, 1);
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	const char *dir = getenv(TEMPLATES_ENV);

	(void)stats;
	if (dir)
		wp_ts_rmtree(dir);
}

static void copy_tree(const char *from, const char *to)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		execlp("cp", "cp", "-a", "--", from, to, (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid, "waitpid: %s", strerror(errno));
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "cp -a %s %s failed", from, to);
}

/* The template folder for empty (or demo) data folders: data/, beheer
 * (the password) and token (the tester's). NULL outside the runner. */
static char *template_dir(int empty)
{
	const char *root = getenv(TEMPLATES_ENV);
	char *ready, *build, *data, *pw, *token;

	if (!root || !*root)
		return NULL;
	ready = wp_ts_fmt("%s/%s", root, empty ? "plain" : "demo");
	if (access(ready, F_OK) == 0)
		return ready;
	build = wp_ts_fmt("%s/build-XXXXXX", root);
	cr_assert_not_null(mkdtemp(build), "mkdtemp: %s", strerror(errno));
	data = wp_ts_fmt("%s/data", build);
	fresh_data(data, empty, &pw, &token);
	wp_ts_write_file(build, "beheer", pw);
	wp_ts_write_file(build, "token", token);
	/* Renamed into place whole: the other test process may be making the
	 * same template, and the first one done wins. */
	if (rename(build, ready) != 0) {
		cr_assert(errno == EEXIST || errno == ENOTEMPTY, "rename %s: %s", build,
			  strerror(errno));
		wp_ts_rmtree(build);
	}
	free(pw);
	free(token);
	free(data);
	free(build);
	return ready;
}

/* srv's data folder, a copy of the template when there is one, with the
 * tester as the current credentials. */
static void init_data(wp_test_server *srv, int empty)
{
	char *tpl = template_dir(empty);

	if (tpl) {
		char *from = wp_ts_fmt("%s/data", tpl), *pw = wp_ts_fmt("%s/beheer", tpl),
		     *token = wp_ts_fmt("%s/token", tpl);

		copy_tree(from, srv->data);
		srv->beheer_pw = wp_ts_read_file(pw);
		srv->tester.bearer = wp_ts_read_file(token);
		cr_assert(srv->beheer_pw && srv->tester.bearer, "template %s is incomplete", tpl);
		free(from);
		free(pw);
		free(token);
		free(tpl);
	} else {
		fresh_data(srv->data, empty, &srv->beheer_pw, &srv->tester.bearer);
	}
	srv->tester_pw = xstrdup(TESTER_PASSWORD);
	auth_copy(&srv->current, &srv->tester);
}

/* Sets the keys of the JSON object text in DATA/werkplaats.json. */
static void merge_config(const wp_test_server *srv, const char *text)
{
	char *file = wp_ts_fmt("%s/werkplaats.json", srv->data);
	json_t *cfg = json_load_file(file, 0, NULL), *add = json_loads(text, 0, NULL);

	cr_assert(cfg && json_is_object(add), "config: %s", text);
	cr_assert_eq(json_object_update(cfg, add), 0);
	cr_assert_eq(json_dump_file(cfg, file, JSON_INDENT(2)), 0, "cannot write %s", file);
	json_decref(cfg);
	json_decref(add);
	free(file);
}

/* Looks for the ready line in what the server printed; fills base_url
 * and port. Returns 1 when found. */
static int parse_ready(wp_test_server *srv)
{
	char *out = wp_ts_read_file(srv->out_path);
	char *line, *end, *colon;
	int found = 0;

	if (!out)
		return 0;
	line = strstr(out, READY_PREFIX);
	end = line ? strchr(line, '\n') : NULL;
	if (end) {
		char *hostport = line + strlen("Werkplaats draait op ");
		char *slash = strstr(hostport, "://");

		slash = slash ? strchr(slash + 3, '/') : NULL;

		cr_assert(slash && slash < end && (slash[1] == '\n' || slash[1] == '\r'),
			  "ready line not of the form %sADDR:PORT/: %s", READY_PREFIX, line);
		*slash = '\0';
		srv->base_url = xstrdup(hostport);
		colon = strrchr(srv->base_url, ':');
		cr_assert_not_null(colon, "no port in %s", srv->base_url);
		srv->port = atoi(colon + 1);
		found = 1;
	}
	free(out);
	return found;
}

static void wait_ready(wp_test_server *srv)
{
	long until = now_ms() + START_TIMEOUT_MS * (wrapped() ? 8 : 1);
	int status;
	char *want;

	while (!parse_ready(srv)) {
		if (waitpid(srv->pid, &status, WNOHANG) == srv->pid) {
			char *err = wp_ts_read_file(srv->err_path);

			srv->pid = 0;
			cr_assert_fail("werkplaats serve exited (status %d) before it was ready:"
				       "\n%s", status, err ? err : "");
		}
		if (now_ms() > until) {
			char *err = wp_ts_read_file(srv->err_path);

			cr_assert_fail("werkplaats serve printed no ready line within %d s:\n%s",
				       START_TIMEOUT_MS / 1000, err ? err : "");
		}
		sleep_ms(10);
	}
	want = wp_ts_fmt("%s://%s:", strncmp(srv->base_url, "https:", 6) == 0 ? "https" : "http",
			 srv->listen);
	cr_assert(strncmp(srv->base_url, want, strlen(want)) == 0,
		  "server listens on %s, not on %s", srv->base_url, srv->listen);
	free(want);
	cr_assert_gt(srv->port, 0, "port 0 in ready line");
}

wp_test_server *wp_ts_start(const wp_ts_opts *opts)
{
	wp_test_server *srv = xmalloc(sizeof(*srv));
	const char *fixed[] = { "serve", "--data", NULL, "--port", "0", "--listen", NULL };
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), nextra = 0, i;
	const char **args;

	memset(srv, 0, sizeof(*srv));
	srv->root = wp_ts_tmpdir();
	srv->data = wp_ts_fmt("%s/data", srv->root);
	srv->out_path = wp_ts_fmt("%s/stdout", srv->root);
	srv->err_path = wp_ts_fmt("%s/stderr", srv->root);
	srv->listen = xstrdup(opts && opts->listen ? opts->listen : "127.0.0.1");
	track(srv);
	init_data(srv, opts && opts->empty);
	if (opts && opts->config)
		merge_config(srv, opts->config);
	while (opts && opts->extra_args && opts->extra_args[nextra])
		nextra++;
	args = xmalloc((nfixed + nextra + 1) * sizeof(*args));
	for (i = 0; i < nfixed; i++)
		args[i] = fixed[i];
	args[2] = srv->data;
	args[6] = srv->listen;
	for (i = 0; i < nextra; i++)
		args[nfixed + i] = opts->extra_args[i];
	args[nfixed + nextra] = NULL;
	srv->serve_args = xmalloc((nfixed + nextra + 1) * sizeof(*srv->serve_args));
	for (i = 0; i < nfixed + nextra; i++)
		srv->serve_args[i] = xstrdup(args[i]);
	srv->serve_args[nfixed + nextra] = NULL;
	git_libgit2_init();
	srv->pid = spawn(args, NULL, srv->out_path, srv->err_path, 1);
	free(args);
	wait_ready(srv);
	return srv;
}

/* Sends SIGTERM and waits (SIGKILL after STOP_TIMEOUT_MS); 1 when the
 * server ended by itself, with *status. */
static int terminate(wp_test_server *srv, int *status)
{
	int ended;

	*status = 0;
	if (srv->pid <= 0)
		return 1;
	kill(srv->pid, SIGTERM);
	ended = wait_bounded(srv->pid, status, STOP_TIMEOUT_MS * (wrapped() ? 8 : 1));
	if (!ended) {
		kill(srv->pid, SIGKILL);
		waitpid(srv->pid, status, 0);
	}
	srv->pid = 0;
	return ended;
}

void wp_ts_halt(wp_test_server *srv)
{
	int status, ended = terminate(srv, &status);
	char *err = wp_ts_read_file(srv->err_path);

	cr_assert(ended, "server did not stop within %d s of SIGTERM:\n%s",
		  STOP_TIMEOUT_MS / 1000, err ? err : "");
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "server did not exit 0 on SIGTERM:\n%s", err ? err : "");
	free(err);
}

void wp_ts_restart(wp_test_server *srv)
{
	cr_assert_eq(srv->pid, 0, "wp_ts_restart() of a server that runs");
	free(srv->base_url);
	srv->base_url = NULL;
	srv->port = 0;
	/* the old ready line must not be read before the child truncates it */
	cr_assert_eq(truncate(srv->out_path, 0), 0, "truncate %s: %s", srv->out_path,
		     strerror(errno));
	srv->pid = spawn((const char *const *)srv->serve_args, NULL, srv->out_path,
			 srv->err_path, 1);
	wait_ready(srv);
}

void wp_ts_crash(wp_test_server *srv)
{
	int status = 0, ended;
	char *err;

	cr_assert_gt(srv->pid, 0, "wp_ts_crash() of a server that does not run");
	cr_assert_eq(kill(srv->pid, SIGKILL), 0, "kill: %s", strerror(errno));
	ended = wait_bounded(srv->pid, &status, STOP_TIMEOUT_MS * (wrapped() ? 8 : 1));
	cr_assert(ended, "server did not end within %d s of SIGKILL", STOP_TIMEOUT_MS / 1000);
	srv->pid = 0;
	err = wp_ts_read_file(srv->err_path);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		  "server had already ended by itself (%s %d) before the SIGKILL:\n%s",
		  WIFEXITED(status) ? "exit" : "signal",
		  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), err ? err : "");
	free(err);
}

void wp_ts_stop(wp_test_server *srv)
{
	int status = 0, ended;
	char *err;

	if (!srv)
		return;
	ended = terminate(srv, &status);
	err = wp_ts_read_file(srv->err_path);
	wp_ts_rmtree(srv->root);
	server_free(srv);
	git_libgit2_shutdown();
	cr_assert(ended, "server did not stop within %d s of SIGTERM:\n%s",
		  STOP_TIMEOUT_MS / 1000, err ? err : "");
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "server did not exit 0 on SIGTERM (%s %d):\n%s",
		  WIFEXITED(status) ? "exit" : "signal",
		  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), err ? err : "");
	free(err);
}

const char *wp_ts_base_url(const wp_test_server *srv)
{
	return srv->base_url;
}

const char *wp_ts_data_dir(const wp_test_server *srv)
{
	return srv->data;
}

int wp_ts_port(const wp_test_server *srv)
{
	return srv->port;
}

char *wp_ts_stdout(const wp_test_server *srv)
{
	char *out = wp_ts_read_file(srv->out_path);

	return out ? out : xstrdup("");
}

/* ---- HTTP through libcurl ---- */

typedef struct {
	char *data;
	size_t len, cap;
} membuf;

static void membuf_add(membuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = realloc(b->data, cap);
		cr_assert_not_null(b->data, "out of memory");
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	membuf *b = ud;

	if (b->len + size * n > BODY_CAP)
		return 0;
	membuf_add(b, p, size * n);
	return size * n;
}

static void headers_clear(wp_ts_response *r)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++) {
		free(r->names[i]);
		free(r->values[i]);
	}
	free(r->names);
	free(r->values);
	r->names = r->values = NULL;
	r->nheaders = 0;
}

/* Adds one "Name: value" line (with or without CRLF) to r. A status line
 * starts a new header block (an interim 100 Continue, for instance). */
static void header_line(wp_ts_response *r, const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	const char *v;
	size_t vlen;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
		n--;
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		headers_clear(r);
		return;
	}
	if (!colon || colon >= p + n)
		return;
	v = colon + 1;
	while (v < p + n && (*v == ' ' || *v == '\t'))
		v++;
	vlen = (size_t)(p + n - v);
	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	r->names = realloc(r->names, (r->nheaders + 1) * sizeof(char *));
	r->values = realloc(r->values, (r->nheaders + 1) * sizeof(char *));
	cr_assert(r->names && r->values, "out of memory");
	r->names[r->nheaders] = strndup(p, (size_t)(colon - p));
	r->values[r->nheaders] = strndup(v, vlen);
	cr_assert(r->names[r->nheaders] && r->values[r->nheaders], "out of memory");
	r->nheaders++;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	header_line(ud, p, size * n);
	return size * n;
}

static wp_ts_response *response_new(void)
{
	wp_ts_response *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	return r;
}

#define TAIL_MAX 6000

/* Copies the end of what the server wrote to stderr into tail (at most
 * TAIL_MAX bytes + NUL), to explain a failed request (a crash report, for
 * instance). A stack buffer, so a failing assertion leaks nothing. */
static void server_stderr_tail(char tail[TAIL_MAX + 1], const wp_test_server *srv)
{
	char *err = wp_ts_read_file(srv->err_path);
	size_t len = err ? strlen(err) : 0;

	tail[0] = '\0';
	if (err)
		memcpy(tail, err + (len > TAIL_MAX ? len - TAIL_MAX : 0),
		       (len > TAIL_MAX ? TAIL_MAX : len) + 1);
	free(err);
}

/* Non-zero when headers ("Name: value", NULL-terminated; NULL: none)
 * hold one called name. */
static int has_header(const char *const *headers, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; headers && headers[i]; i++)
		if (strncasecmp(headers[i], name, n) == 0 && headers[i][n] == ':')
			return 1;
	return 0;
}

static int is_write(const char *method)
{
	return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
	       strcmp(method, "DELETE") == 0;
}

#define AUTH_HEADERS_MAX 3

/* The headers credentials a (NULL: none) add to a request of method, each
 * malloc'd, NULL-terminated in out; a header that given (the caller's
 * headers) names already is left out. csrf_header: a write carries the
 * CSRF token as X-CSRF-Token (not for forms, which carry it as a field). */
static void auth_headers(char *out[AUTH_HEADERS_MAX + 1], const wp_ts_auth *a,
			 const char *method, int csrf_header, const char *const *given)
{
	size_t n = 0;

	if (a && a->bearer && !has_header(given, "Authorization"))
		out[n++] = wp_ts_fmt("Authorization: Bearer %s", a->bearer);
	if (a && a->cookie && !has_header(given, "Cookie"))
		out[n++] = wp_ts_fmt("Cookie: " SESSION_COOKIE "=%s", a->cookie);
	if (a && a->csrf && csrf_header && is_write(method) && !has_header(given, "X-CSRF-Token"))
		out[n++] = wp_ts_fmt("X-CSRF-Token: %s", a->csrf);
	out[n] = NULL;
}

static void auth_headers_free(char *lines[AUTH_HEADERS_MAX + 1])
{
	size_t i;

	for (i = 0; lines[i]; i++)
		free(lines[i]);
}

static struct curl_slist *request_headers(const char *content_type,
					  const char *const *extra_headers,
					  char *const *auth_lines)
{
	struct curl_slist *h = NULL;
	size_t i;

	/* Bodies go out at once; no waiting for 100 Continue. */
	h = curl_slist_append(h, "Expect:");
	if (content_type) {
		char *ct = wp_ts_fmt("Content-Type: %s", content_type);

		h = curl_slist_append(h, ct);
		free(ct);
	}
	for (i = 0; extra_headers && extra_headers[i]; i++)
		h = curl_slist_append(h, extra_headers[i]);
	for (i = 0; auth_lines[i]; i++)
		h = curl_slist_append(h, auth_lines[i]);
	cr_assert_not_null(h, "out of memory");
	return h;
}

/* One request with credentials a (NULL: none); see wp_ts_request() and
 * auth_headers(). */
static wp_ts_response *perform(const wp_test_server *srv, const wp_ts_auth *a, int csrf_header,
			       const char *method, const char *path, const char *body,
			       const char *content_type, const char *const *extra_headers)
{
	CURL *c = curl_easy_init();
	char *url = wp_ts_fmt("%s%s", srv->base_url, path);
	char *auth[AUTH_HEADERS_MAX + 1];
	struct curl_slist *h;
	wp_ts_response *r = response_new();
	membuf b = { NULL, 0, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;

	auth_headers(auth, a, method, csrf_header, extra_headers);
	h = request_headers(content_type, extra_headers, auth);
	auth_headers_free(auth);
	cr_assert_not_null(c, "curl_easy_init failed");
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (strncmp(url, "https:", 6) == 0) {
		/* The tests' own self-signed certificate. */
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, HTTP_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0 || body)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		char tail[TAIL_MAX + 1], what[CURL_ERROR_SIZE + 300];

		snprintf(what, sizeof(what), "%s %.200s: %s", method, url,
			 errbuf[0] ? errbuf : curl_easy_strerror(rc));
		server_stderr_tail(tail, srv);
		free(url);
		free(b.data);
		wp_ts_response_free(r);
		cr_assert_fail("%s\nserver stderr:\n%s", what, tail);
	}
	free(url);
	r->body = b.data ? b.data : xstrdup("");
	r->body_len = b.len;
	return r;
}

/* The credentials requests to srv carry now; NULL when anonymous. */
static const wp_ts_auth *current(const wp_test_server *srv)
{
	const wp_ts_auth *a = &srv->current;

	return a->bearer || a->cookie || a->csrf ? a : NULL;
}

wp_ts_response *wp_ts_request(const wp_test_server *srv, const char *method, const char *path,
			      const char *body, const char *content_type,
			      const char *const *extra_headers)
{
	return perform(srv, current(srv), 1, method, path, body, content_type, extra_headers);
}

wp_ts_response *wp_ts_request_as(const wp_test_server *srv, const wp_ts_auth *a,
				 const char *method, const char *path, const char *body,
				 const char *content_type, const char *const *extra_headers)
{
	return perform(srv, a, 1, method, path, body, content_type, extra_headers);
}

wp_ts_response *wp_ts_get(const wp_test_server *srv, const char *path)
{
	return wp_ts_request(srv, "GET", path, NULL, NULL, NULL);
}

wp_ts_response *wp_ts_put_json(const wp_test_server *srv, const char *path, const char *json)
{
	return wp_ts_request(srv, "PUT", path, json, "application/json", NULL);
}

wp_ts_response *wp_ts_delete_json(const wp_test_server *srv, const char *path, const char *json)
{
	return wp_ts_request(srv, "DELETE", path, json, "application/json", NULL);
}

char *wp_ts_form_encode(const char *const *fields)
{
	CURL *c = curl_easy_init();
	membuf b = { NULL, 0, 0 };
	size_t i;

	cr_assert_not_null(c, "curl_easy_init failed");
	membuf_add(&b, "", 0);
	for (i = 0; fields[i]; i += 2) {
		char *name, *value;

		cr_assert_not_null(fields[i + 1], "form field %s has no value", fields[i]);
		name = curl_easy_escape(c, fields[i], 0);
		value = curl_easy_escape(c, fields[i + 1], 0);
		cr_assert(name && value, "out of memory");
		if (i > 0)
			membuf_add(&b, "&", 1);
		membuf_add(&b, name, strlen(name));
		membuf_add(&b, "=", 1);
		membuf_add(&b, value, strlen(value));
		curl_free(name);
		curl_free(value);
	}
	curl_easy_cleanup(c);
	return b.data;
}

/* Non-zero when fields (name, value, …, NULL) hold one called name. */
static int has_field(const char *const *fields, const char *name)
{
	size_t i;

	for (i = 0; fields[i]; i += 2)
		if (strcmp(fields[i], name) == 0)
			return 1;
	return 0;
}

wp_ts_response *wp_ts_post_form_as(const wp_test_server *srv, const wp_ts_auth *a,
				   const char *path, const char *const *fields)
{
	char *body = wp_ts_form_encode(fields);
	wp_ts_response *r;

	/* A browser sends the session's token as a form field. */
	if (a && a->csrf && !has_field(fields, "csrf")) {
		const char *csrf[] = { "csrf", a->csrf, NULL };
		char *field = wp_ts_form_encode(csrf);
		char *all = wp_ts_fmt("%s%s%s", body, body[0] ? "&" : "", field);

		free(body);
		free(field);
		body = all;
	}
	r = perform(srv, a, 0, "POST", path, body, "application/x-www-form-urlencoded", NULL);
	free(body);
	return r;
}

wp_ts_response *wp_ts_post_form(const wp_test_server *srv, const char *path,
				const char *const *fields)
{
	return wp_ts_post_form_as(srv, current(srv), path, fields);
}

void wp_ts_response_free(wp_ts_response *r)
{
	if (!r)
		return;
	headers_clear(r);
	free(r->body);
	free(r);
}

const char *wp_ts_header(const wp_ts_response *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->names[i], name) == 0)
			return r->values[i];
	return NULL;
}

json_t *wp_ts_json(const wp_ts_response *r)
{
	json_error_t e;
	json_t *j = json_loadb(r->body, r->body_len, 0, &e);

	cr_assert_not_null(j, "answer (status %ld) is not JSON (%s): %s", r->status, e.text,
			   r->body);
	return j;
}

/* ---- HTTP over a raw socket ---- */

static int raw_connect(const wp_test_server *srv)
{
	struct sockaddr_in a;
	struct timeval tv = { HTTP_TIMEOUT_S, 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0, "socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)srv->port);
	cr_assert_eq(inet_pton(AF_INET, srv->listen, &a.sin_addr), 1, "not IPv4: %s", srv->listen);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0, "connect: %s",
		     strerror(errno));
	return fd;
}

/* Splits a raw answer into status, headers and body. Returns 1 once the
 * body is complete by its Content-Length. */
static int raw_parse(wp_ts_response *r, const membuf *b)
{
	const char *end = b->data ? strstr(b->data, "\r\n\r\n") : NULL;
	const char *p, *eol, *cl;
	size_t have;

	if (!end)
		return 0;
	headers_clear(r);
	r->status = 0;
	if (strncmp(b->data, "HTTP/", 5) == 0 && strchr(b->data, ' '))
		r->status = strtol(strchr(b->data, ' ') + 1, NULL, 10);
	for (p = strstr(b->data, "\r\n") + 2; p < end; p = eol + 2) {
		eol = strstr(p, "\r\n");
		header_line(r, p, (size_t)(eol - p));
	}
	have = b->len - (size_t)(end + 4 - b->data);
	free(r->body);
	r->body = xstrdup(end + 4);
	r->body_len = have;
	cl = wp_ts_header(r, "Content-Length");
	return cl && have >= (size_t)strtoul(cl, NULL, 10);
}

wp_ts_response *wp_ts_raw(const wp_test_server *srv, const char *bytes, size_t len)
{
	int fd = raw_connect(srv);
	wp_ts_response *r = response_new();
	membuf b = { NULL, 0, 0 };
	size_t off = 0;
	char chunk[4096];

	/* The server may answer and close before it read everything. */
	while (off < len) {
		ssize_t n = send(fd, bytes + off, len - off, MSG_NOSIGNAL);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	for (;;) {
		ssize_t n = recv(fd, chunk, sizeof(chunk), 0);

		if (n <= 0 || b.len + (size_t)n > BODY_CAP)
			break;
		membuf_add(&b, chunk, (size_t)n);
		if (raw_parse(r, &b))
			break;
	}
	close(fd);
	if (b.data)
		raw_parse(r, &b);
	/* An answer cut off inside its headers still has a status line. */
	if (r->status == 0 && b.data && strncmp(b.data, "HTTP/", 5) == 0 && strchr(b.data, ' '))
		r->status = strtol(strchr(b.data, ' ') + 1, NULL, 10);
	if (!r->body)
		r->body = xstrdup("");
	free(b.data);
	return r;
}

char *wp_ts_raw_bytes(const wp_test_server *srv, const char *bytes, size_t len, size_t *out_len,
		      int *closed)
{
	int fd = raw_connect(srv);
	membuf b = { NULL, 0, 0 };
	size_t off = 0;
	char chunk[4096];
	ssize_t n;

	while (off < len && (n = send(fd, bytes + off, len - off, MSG_NOSIGNAL)) > 0)
		off += (size_t)n;
	cr_assert_eq(off, len, "sent %zu of %zu bytes: %s", off, len, strerror(errno));
	membuf_add(&b, "", 0);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0 && b.len + (size_t)n <= BODY_CAP)
		membuf_add(&b, chunk, (size_t)n);
	*closed = n == 0;
	close(fd);
	*out_len = b.len;
	return b.data;
}

char *wp_ts_auth_lines(const wp_test_server *srv, const char *method)
{
	char *lines[AUTH_HEADERS_MAX + 1];
	membuf b = { NULL, 0, 0 };
	size_t i;

	membuf_add(&b, "", 0);
	auth_headers(lines, current(srv), method, 1, NULL);
	for (i = 0; lines[i]; i++) {
		membuf_add(&b, lines[i], strlen(lines[i]));
		membuf_add(&b, "\r\n", 2);
	}
	auth_headers_free(lines);
	return b.data;
}

wp_ts_response *wp_ts_raw_request(const wp_test_server *srv, const char *method,
				  const char *target)
{
	char *auth = wp_ts_auth_lines(srv, method);
	char *req = wp_ts_fmt("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%sConnection: close\r\n"
			      "\r\n", method, target, srv->port, auth);
	wp_ts_response *r = wp_ts_raw(srv, req, strlen(req));

	free(req);
	free(auth);
	return r;
}

/* ---- HTML forms ---- */

/* Appends the UTF-8 encoding of code point cp. */
static void put_utf8(membuf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	membuf_add(b, u, n);
}

/* Decodes HTML character references in s[0..n). Caller frees. */
static char *html_decode(const char *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
		      { "apos;", '\'' } };
	membuf b = { NULL, 0, 0 };
	size_t i = 0, k;

	membuf_add(&b, "", 0);
	while (i < n) {
		int done = 0;

		if (s[i] == '&' && i + 2 < n && s[i + 1] == '#') {
			char *end;
			int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			unsigned long cp = strtoul(s + i + 2 + hex, &end, hex ? 16 : 10);

			if (*end == ';' && end > s + i + 2 + hex) {
				put_utf8(&b, cp);
				i = (size_t)(end - s) + 1;
				done = 1;
			}
		}
		for (k = 0; !done && s[i] == '&' && k < sizeof(named) / sizeof(named[0]); k++) {
			size_t len = strlen(named[k].name);

			if (i + 1 + len <= n && strncmp(s + i + 1, named[k].name, len) == 0) {
				membuf_add(&b, &named[k].c, 1);
				i += 1 + len;
				done = 1;
			}
		}
		if (!done)
			membuf_add(&b, s + i++, 1);
	}
	return b.data;
}

/* Value of attribute attr inside tag[0..n) ("<input … >"), decoded;
 * NULL when absent. */
static char *attr_get(const char *tag, size_t n, const char *attr)
{
	size_t alen = strlen(attr), i;

	for (i = 1; i + alen + 2 < n; i++) {
		char q;
		const char *v, *e;

		if (!(tag[i - 1] == ' ' || tag[i - 1] == '\t' || tag[i - 1] == '\n') ||
		    strncasecmp(tag + i, attr, alen) != 0 || tag[i + alen] != '=')
			continue;
		q = tag[i + alen + 1];
		if (q != '"' && q != '\'')
			continue;
		v = tag + i + alen + 2;
		e = memchr(v, q, (size_t)(tag + n - v));
		if (!e)
			return NULL;
		return html_decode(v, (size_t)(e - v));
	}
	return NULL;
}

/* Finds the first element <elem …> whose name attribute is name. Returns
 * its start and sets *len to the length of the start tag. */
static const char *find_named(const char *html, const char *elem, const char *name, size_t *len)
{
	char *open = wp_ts_fmt("<%s", elem);
	const char *p = html;

	while ((p = strcasestr(p, open)) != NULL) {
		const char *gt = strchr(p, '>');
		char *n;
		int match;

		if (!gt)
			break;
		n = attr_get(p, (size_t)(gt - p), "name");
		match = n && strcmp(n, name) == 0;
		free(n);
		if (match) {
			*len = (size_t)(gt - p) + 1;
			free(open);
			return p;
		}
		p = gt;
	}
	free(open);
	return NULL;
}

char *wp_ts_input_value(const char *html, const char *name)
{
	size_t len;
	const char *tag = find_named(html, "input", name, &len);
	char *v;

	if (!tag)
		return NULL;
	v = attr_get(tag, len, "value");
	return v ? v : xstrdup("");
}

char *wp_ts_textarea(const char *html, const char *name)
{
	size_t len;
	const char *tag = find_named(html, "textarea", name, &len);
	const char *start, *end;

	if (!tag)
		return NULL;
	start = tag + len;
	end = strcasestr(start, "</textarea>");
	if (!end)
		return NULL;
	/* A browser drops one newline right after the start tag. */
	if (start[0] == '\r' && start[1] == '\n')
		start += 2;
	else if (start[0] == '\n')
		start++;
	return html_decode(start, (size_t)(end - start));
}

/* ---- the bare repository ---- */

git_repository *wp_ts_repo_open(const char *data_dir)
{
	char *path = wp_ts_fmt("%s/repo.git", data_dir);
	git_repository *repo = NULL;
	int rc = git_repository_open_bare(&repo, path);

	cr_assert_eq(rc, 0, "cannot open %s: %s", path,
		     git_error_last() ? git_error_last()->message : "?");
	free(path);
	return repo;
}

void wp_ts_repo_head(wp_ts_commit *out, const char *data_dir)
{
	git_repository *repo;
	git_object *obj = NULL;

	memset(out, 0, sizeof(*out));
	git_libgit2_init();
	repo = wp_ts_repo_open(data_dir);
	if (git_revparse_single(&obj, repo, "HEAD^{commit}") == 0) {
		const git_commit *c = (const git_commit *)obj;

		git_oid_tostr(out->id, sizeof(out->id), git_commit_id(c));
		out->author = xstrdup(git_commit_author(c)->name);
		out->email = xstrdup(git_commit_author(c)->email);
		out->message = xstrdup(git_commit_message(c));
		out->parents = git_commit_parentcount(c);
		git_object_free(obj);
	} else {
		out->author = xstrdup("");
		out->email = xstrdup("");
		out->message = xstrdup("");
	}
	git_repository_free(repo);
	git_libgit2_shutdown();
}

void wp_ts_commit_dispose(wp_ts_commit *c)
{
	free(c->author);
	free(c->email);
	free(c->message);
	c->author = c->email = c->message = NULL;
}

size_t wp_ts_repo_count(const char *data_dir)
{
	git_repository *repo;
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;

	git_libgit2_init();
	repo = wp_ts_repo_open(data_dir);
	cr_assert_eq(git_revwalk_new(&walk, repo), 0, "git_revwalk_new");
	if (git_revwalk_push_head(walk) == 0)
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	git_revwalk_free(walk);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return n;
}

char *wp_ts_repo_file(const char *data_dir, const char *spec)
{
	git_repository *repo;
	git_object *obj = NULL;
	char *s = NULL;

	git_libgit2_init();
	repo = wp_ts_repo_open(data_dir);
	if (git_revparse_single(&obj, repo, spec) == 0 && git_object_type(obj) == GIT_OBJECT_BLOB) {
		const git_blob *blob = (const git_blob *)obj;
		size_t n = (size_t)git_blob_rawsize(blob);

		s = xmalloc(n + 1);
		memcpy(s, git_blob_rawcontent(blob), n);
		s[n] = '\0';
	}
	git_object_free(obj);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return s;
}

/* ---- shorthands for tests ---- */

wp_ts_response *wp_ts_api_put(const wp_test_server *srv, const char *path, const char *content,
			      const char *base, const char *message)
{
	json_t *j = json_pack("{s:s, s:o, s:s}", "content", content, "base",
			      base ? json_string(base) : json_null(), "message", message);
	char *body, *url;
	wp_ts_response *r;

	cr_assert_not_null(j, "json_pack");
	body = json_dumps(j, 0);
	cr_assert_not_null(body, "json_dumps");
	url = wp_ts_fmt("/api/pages/%s", path);
	r = wp_ts_put_json(srv, url, body);
	free(url);
	free(body);
	json_decref(j);
	return r;
}

wp_ts_response *wp_ts_api_delete(const wp_test_server *srv, const char *path, const char *base,
				 const char *message)
{
	json_t *j = json_pack("{s:s, s:s}", "base", base, "message", message);
	char *body, *url;
	wp_ts_response *r;

	cr_assert_not_null(j, "json_pack");
	body = json_dumps(j, 0);
	cr_assert_not_null(body, "json_dumps");
	url = wp_ts_fmt("/api/pages/%s", path);
	r = wp_ts_delete_json(srv, url, body);
	free(url);
	free(body);
	json_decref(j);
	return r;
}

void wp_ts_api_revision(char out[WP_TS_OID_HEX], const wp_test_server *srv, const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_get(srv, url);
	json_t *j;
	const char *rev;

	cr_assert_eq(r->status, 200, "GET %s: %ld %s", url, r->status, r->body);
	j = wp_ts_json(r);
	rev = json_string_value(json_object_get(j, "revision"));
	cr_assert(rev && strlen(rev) == WP_TS_OID_HEX - 1, "GET %s: no revision in %s", url,
		  r->body);
	memcpy(out, rev, WP_TS_OID_HEX);
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
}

char *wp_ts_link_class(const char *html, const char *href)
{
	const char *p = html;

	while ((p = strcasestr(p, "<a")) != NULL) {
		const char *gt = strchr(p, '>');
		char *h;
		int match;

		if (!gt)
			break;
		if (p[2] == ' ' || p[2] == '\t' || p[2] == '\n') {
			h = attr_get(p, (size_t)(gt - p), "href");
			match = h && strcmp(h, href) == 0;
			free(h);
			if (match) {
				char *c = attr_get(p, (size_t)(gt - p), "class");

				return c ? c : xstrdup("");
			}
		}
		p = gt;
	}
	return NULL;
}

/* One pass, not strstr() per match: ASan's strstr() measures the rest of
 * the haystack on every call, which made counting 100,000 matches in a
 * page of a megabyte take minutes. */
size_t wp_ts_count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle), size = strlen(hay), i = 0;

	if (len == 0)
		return 0;
	while (i + len <= size) {
		if (hay[i] == needle[0] && memcmp(hay + i, needle, len) == 0) {
			n++;
			i += len;
		} else {
			i++;
		}
	}
	return n;
}

/* ---- accounts ---- */

void wp_ts_use(wp_test_server *srv, const wp_ts_auth *a)
{
	wp_ts_auth copy;

	/* Copied first: a may be srv's own current credentials. */
	auth_copy(&copy, a);
	auth_clear(&srv->current);
	srv->current = copy;
}

const wp_ts_auth *wp_ts_default_auth(const wp_test_server *srv)
{
	return &srv->tester;
}

const wp_ts_auth *wp_ts_current_auth(const wp_test_server *srv)
{
	return current(srv);
}

const char *wp_ts_tester_password(const wp_test_server *srv)
{
	return srv->tester_pw;
}

const char *wp_ts_beheer_password(const wp_test_server *srv)
{
	return srv->beheer_pw;
}

void wp_ts_auth_free(wp_ts_auth *a)
{
	if (!a)
		return;
	auth_clear(a);
	free(a);
}

void wp_ts_user_add_display(const wp_test_server *srv, const char *name, const char *role,
			    const char *team, const char *display, const char *password)
{
	const char *args[13];
	size_t n = 0;
	char *input = wp_ts_fmt("%s\n", password);
	wp_ts_run_result *r;

	args[n++] = "user";
	args[n++] = "add";
	args[n++] = "--data";
	args[n++] = srv->data;
	args[n++] = name;
	args[n++] = "--role";
	args[n++] = role;
	if (team) {
		args[n++] = "--team";
		args[n++] = team;
	}
	if (display) {
		args[n++] = "--display";
		args[n++] = display;
	}
	args[n] = NULL;
	r = wp_ts_run_input(args, input);
	free(input);
	cr_assert_eq(r->exit_code, 0, "werkplaats user add %s --role %s failed (exit %d):\n%s%s",
		     name, role, r->exit_code, r->out, r->err);
	wp_ts_run_free(r);
}

void wp_ts_user_add(const wp_test_server *srv, const char *name, const char *role,
		    const char *team, const char *password)
{
	wp_ts_user_add_display(srv, name, role, team, NULL, password);
}

/* Non-zero when s is an API token: "wpt_" and 64 lowercase hex digits. */
static int is_api_token(const char *s)
{
	size_t i, plen = strlen(TOKEN_PREFIX);

	if (strlen(s) != plen + TOKEN_HEX_LEN || strncmp(s, TOKEN_PREFIX, plen) != 0)
		return 0;
	for (i = plen; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

char *wp_ts_user_token(const wp_test_server *srv, const char *name)
{
	const char *args[] = { "user", "token", "--data", srv->data, name, NULL };
	wp_ts_run_result *r = wp_ts_run(args);
	char *token;

	cr_assert_eq(r->exit_code, 0, "werkplaats user token %s failed (exit %d):\n%s%s", name,
		     r->exit_code, r->out, r->err);
	token = last_line(r->out);
	cr_assert(is_api_token(token),
		  "werkplaats user token %s: last line is not " TOKEN_PREFIX "+64 hex:\n%s", name,
		  r->out);
	wp_ts_run_free(r);
	return token;
}

wp_ts_auth *wp_ts_as(const wp_test_server *srv, const char *name, const char *role,
		     const char *team)
{
	char *password = wp_ts_fmt("wachtwoord-van-%s", name);
	wp_ts_auth *a = xmalloc(sizeof(*a));

	wp_ts_user_add(srv, name, role, team, password);
	a->bearer = wp_ts_user_token(srv, name);
	a->cookie = a->csrf = NULL;
	free(password);
	return a;
}

char *wp_ts_set_cookie(const wp_ts_response *r, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < r->nheaders; i++) {
		const char *v = r->values[i];

		if (strcasecmp(r->names[i], "Set-Cookie") != 0)
			continue;
		while (*v == ' ')
			v++;
		if (strncmp(v, name, n) == 0 && v[n] == '=') {
			char *value = strndup(v + n + 1, strcspn(v + n + 1, ";"));

			cr_assert_not_null(value, "out of memory");
			return value;
		}
	}
	return NULL;
}

wp_ts_response *wp_ts_login_attempt(const wp_test_server *srv, const char *name,
				    const char *password)
{
	wp_ts_response *form = wp_ts_request_as(srv, NULL, "GET", "/inloggen", NULL, NULL, NULL);
	char *csrf, *cookie, *terug, *body, *hdr;
	wp_ts_response *r;

	cr_assert_eq(form->status, 200, "GET /inloggen: %ld %.400s", form->status, form->body);
	csrf = wp_ts_input_value(form->body, "csrf");
	cookie = wp_ts_set_cookie(form, LOGIN_COOKIE);
	cr_assert(csrf && csrf[0], "GET /inloggen: no hidden field csrf in %.2000s", form->body);
	cr_assert(cookie && cookie[0], "GET /inloggen sets no cookie " LOGIN_COOKIE);
	terug = wp_ts_input_value(form->body, "terug");
	{
		const char *f[] = { "naam", name, "wachtwoord", password, "csrf", csrf, "terug",
				    terug ? terug : "/", NULL };

		body = wp_ts_form_encode(f);
	}
	hdr = wp_ts_fmt("Cookie: " LOGIN_COOKIE "=%s", cookie);
	{
		const char *h[] = { hdr, NULL };

		r = wp_ts_request_as(srv, NULL, "POST", "/inloggen", body,
				     "application/x-www-form-urlencoded", h);
	}
	free(hdr);
	free(body);
	free(terug);
	free(cookie);
	free(csrf);
	wp_ts_response_free(form);
	return r;
}

/* The path of a redirect's Location (absolute on this server or not).
 * Caller frees. */
static char *location_path(const wp_test_server *srv, const wp_ts_response *r)
{
	const char *loc = wp_ts_header(r, "Location");
	size_t n = strlen(srv->base_url);

	cr_assert_not_null(loc, "redirect (%ld) without Location", r->status);
	if (strncmp(loc, srv->base_url, n) == 0)
		loc += n;
	return xstrdup(loc);
}

/* The CSRF token of session a, read from a form page as a browser has it:
 * /account, or the page that sends the account to first (a one-time
 * password must be changed before anything else). Caller frees. */
static char *session_csrf(const wp_test_server *srv, const wp_ts_auth *a)
{
	char *path = xstrdup("/account"), *csrf;
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);

	if (r->status == 302 || r->status == 303) {
		free(path);
		path = location_path(srv, r);
		wp_ts_response_free(r);
		r = wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);
	}
	cr_assert_eq(r->status, 200, "GET %s in a new session: %ld %.400s", path, r->status,
		     r->body);
	csrf = wp_ts_input_value(r->body, "csrf");
	cr_assert(csrf && strlen(csrf) == TOKEN_HEX_LEN, "GET %s: no csrf of 64 hex digits in %.2000s",
		  path, r->body);
	wp_ts_response_free(r);
	free(path);
	return csrf;
}

wp_ts_auth *wp_ts_login(const wp_test_server *srv, const char *name, const char *password)
{
	wp_ts_response *r = wp_ts_login_attempt(srv, name, password);
	wp_ts_auth *a = xmalloc(sizeof(*a));

	cr_assert_eq(r->status, 303, "login as %s: %ld %.400s", name, r->status, r->body);
	a->bearer = NULL;
	a->csrf = NULL;
	a->cookie = wp_ts_set_cookie(r, SESSION_COOKIE);
	cr_assert(a->cookie && strlen(a->cookie) == TOKEN_HEX_LEN,
		  "login as %s: no " SESSION_COOKIE " cookie of 64 hex digits", name);
	wp_ts_response_free(r);
	a->csrf = session_csrf(srv, a);
	return a;
}

void wp_ts_repo_commit_raw(const char *data, const char *path, const char *content)
{
	char *dir = wp_ts_fmt("%s/repo.git", data);
	git_repository *repo = NULL;
	git_object *head = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_oid blob, tree_id, commit_id;
	git_tree_update upd;
	git_signature *sig = NULL;
	const git_commit *parent;

	git_libgit2_init();
	cr_assert_eq(git_repository_open_bare(&repo, dir), 0);
	cr_assert_eq(git_revparse_single(&head, repo, "HEAD^{commit}"), 0);
	parent = (const git_commit *)head;
	cr_assert_eq(git_commit_tree(&base, parent), 0);
	cr_assert_eq(git_blob_create_from_buffer(&blob, repo, content, strlen(content)), 0);
	memset(&upd, 0, sizeof(upd));
	upd.action = GIT_TREE_UPDATE_UPSERT;
	upd.id = blob;
	upd.filemode = GIT_FILEMODE_BLOB;
	upd.path = path;
	cr_assert_eq(git_tree_create_updated(&tree_id, repo, base, 1, &upd), 0);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_now(&sig, "test", "test@example.invalid"), 0);
	cr_assert_eq(git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, "Kapot\n", tree,
				       1, &parent),
		     0, "commit: %s", git_error_last() ? git_error_last()->message : "?");
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_object_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(dir);
}

char *wp_ts_problem(const wp_ts_response *r, const char *field)
{
	json_t *j, *p;
	size_t i;
	char *msg = NULL;

	cr_assert_eq(r->status, 400, "%s: expected 400, got %ld: %.800s", field, r->status,
		     r->body);
	j = wp_ts_json(r);
	json_array_foreach(json_object_get(j, "problems"), i, p) {
		const char *f = json_string_value(json_object_get(p, "field"));
		const char *m = json_string_value(json_object_get(p, "message"));

		if (f && strcmp(f, field) == 0 && m && *m && !msg)
			msg = strdup(m);
	}
	json_decref(j);
	cr_assert_not_null(msg, "no problem for field %s: %s", field, r->body);
	return msg;
}

size_t wp_ts_problem_count(const wp_ts_response *r)
{
	json_t *j = json_loadb(r->body, r->body_len, 0, NULL);
	size_t n = json_array_size(json_object_get(j, "problems"));

	json_decref(j);
	return n;
}
