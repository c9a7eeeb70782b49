/* webdriver.c - test support: a minimal W3C WebDriver client over libcurl
 * and jansson, driving headless Chromium through a chromedriver child
 * process on a loopback port (see webdriver.h). */
#include "webdriver.h"

#include "server.h"

#include <criterion/criterion.h>
#include <curl/curl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DRIVER_DEFAULT "/usr/bin/chromedriver"
#define BROWSER_DEFAULT "/usr/bin/chromium"
#define READY_TIMEOUT_MS 15000
#define STOP_TIMEOUT_MS 5000
#define POLL_MS 100
#define HTTP_TIMEOUT_S 30L /* also bounds session creation and page loads */
#define PAGE_LOAD_MS 15000
#define BODY_CAP (32u * 1024 * 1024)
#define SHOWN_CHARS 800 /* of a page quoted in a failure message */
#define PATH_CAP 512	/* a command's URL path */
#define FAIL_CAP 4096	/* a failure message */
/* W3C name of the member that holds an element reference. */
#define ELEMENT_KEY "element-6066-11e4-a52e-4f735466cecf"

struct wp_wd {
	pid_t driver;  /* chromedriver, leader of its own process group; 0 once reaped */
	char *root;    /* temp folder: profile/ and chromedriver.log */
	char *log;     /* chromedriver's stdout and stderr */
	char *base;    /* "http://127.0.0.1:PORT" */
	char *session; /* NULL until the session exists */
	CURL *curl;
};

/* A response body as it arrives. */
typedef struct {
	char *data;
	size_t len;
	int over; /* the body passed BODY_CAP */
} body_buf;

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

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	cr_assert_not_null(p, "out of memory");
	return p;
}

/* Fails the test with msg (from wp_ts_fmt), freed first: a failing test
 * should report its failure, not leaks of the message's pieces. */
static void fail(char *msg)
{
	char copy[FAIL_CAP];

	snprintf(copy, sizeof(copy), "%s", msg);
	free(msg);
	cr_assert_fail("%s", copy);
}

/* The end of chromedriver's log, for failure messages. Caller frees. */
static char *log_tail(const wp_wd *wd)
{
	char *all = wd->log ? wp_ts_read_file(wd->log) : NULL;
	char *tail;
	size_t n;

	if (!all)
		return xstrdup("(no chromedriver log)");
	n = strlen(all);
	tail = xstrdup(n > 1500 ? all + n - 1500 : all);
	free(all);
	return tail;
}

/* ---- starting chromedriver ---- */

/* The program named by environment variable env, or fallback; fails the
 * test with what to install when it is not an executable file. */
static const char *program(const char *env, const char *fallback, const char *package)
{
	const char *p = getenv(env);

	if (!p || !*p)
		p = fallback;
	if (access(p, X_OK) != 0)
		cr_assert_fail("browser test needs %s, which is missing or not executable (%s); "
			       "install the Debian package %s or set %s",
			       p, strerror(errno), package, env);
	return p;
}

/* A loopback port that was free a moment ago. chromedriver cannot take a
 * listening socket, so the small race with other processes is accepted;
 * a lost race shows up as chromedriver exiting, with its log. */
static int free_port(void)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int port;

	cr_assert_geq(fd, 0, "socket: %s", strerror(errno));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		close(fd);
		cr_assert_fail("finding a free port: %s", strerror(errno));
	}
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Forks and execs chromedriver in a process group of its own, so that
 * wp_wd_quit() can stop it together with any browser it left behind. */
static void spawn_driver(wp_wd *wd, const char *path, int port)
{
	char *port_arg = wp_ts_fmt("--port=%d", port);
	pid_t parent = getpid(), pid;

	fflush(NULL);
	pid = fork();
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(wd->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		setpgid(0, 0);
		/* A test process that dies must not leave chromedriver behind. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(126);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
			_exit(126);
		execl(path, "chromedriver", port_arg, (char *)NULL);
		_exit(127);
	}
	/* Also here, so the group exists before the child gets to run. */
	setpgid(pid, pid);
	wd->driver = pid;
	free(port_arg);
}

/* ---- HTTP ---- */

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	body_buf *b = ud;
	size_t len = size * n;
	char *grown;

	if (b->len + len > BODY_CAP) {
		b->over = 1;
		return 0;
	}
	grown = realloc(b->data, b->len + len + 1);
	if (!grown)
		return 0;
	b->data = grown;
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return len;
}

/* Sends one request to chromedriver. body (JSON text) may be NULL. Returns
 * the HTTP status and the answer in *out (caller frees), or -1 with a
 * transport error in *out. */
static long http(char **out, wp_wd *wd, const char *method, const char *path, const char *body)
{
	char *url = wp_ts_fmt("%s%s", wd->base, path);
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
	body_buf b = { 0 };
	long status = -1;
	CURLcode rc;

	*out = NULL;
	curl_easy_reset(wd->curl);
	curl_easy_setopt(wd->curl, CURLOPT_URL, url);
	curl_easy_setopt(wd->curl, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(wd->curl, CURLOPT_TIMEOUT, HTTP_TIMEOUT_S);
	curl_easy_setopt(wd->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(wd->curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(wd->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(wd->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(wd->curl, CURLOPT_WRITEDATA, &b);
	if (body)
		curl_easy_setopt(wd->curl, CURLOPT_POSTFIELDS, body);
	rc = curl_easy_perform(wd->curl);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(wd->curl, CURLINFO_RESPONSE_CODE, &status);
		*out = b.data ? b.data : xstrdup("");
	} else {
		*out = wp_ts_fmt("%s %s: %s%s", method, url, curl_easy_strerror(rc),
				 b.over ? " (answer too large)" : "");
		free(b.data);
	}
	curl_slist_free_all(hdr);
	free(url);
	return status;
}

/* Runs one WebDriver command: body (stolen, may be NULL) is sent as JSON.
 * Returns 0 with the answer's "value" in *value (caller decrefs), or -1
 * with "error: message" in *err (caller frees). */
static int call(json_t **value, char **err, wp_wd *wd, const char *method, const char *path,
		json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	char *answer = NULL;
	long status = http(&answer, wd, method, path, text);
	json_t *doc = NULL, *v;
	const char *e = NULL, *m = NULL;
	int rc = -1;

	*value = NULL;
	*err = NULL;
	json_decref(body);
	free(text);
	if (status < 0) {
		*err = answer;
		return -1;
	}
	doc = json_loads(answer, 0, NULL);
	v = json_object_get(doc, "value");
	if (status == 200 && v) {
		*value = json_incref(v);
		rc = 0;
	} else if (json_unpack(v, "{s:s, s?s}", "error", &e, "message", &m) == 0) {
		*err = wp_ts_fmt("%s: %.600s", e, m ? m : "");
	} else {
		*err = wp_ts_fmt("HTTP %ld from chromedriver: %.400s", status, answer);
	}
	json_decref(doc);
	free(answer);
	return rc;
}

/* call() that fails the test on an error. Caller decrefs the value. */
static json_t *must(wp_wd *wd, const char *method, const char *path, json_t *body)
{
	json_t *v;
	char *err;

	if (call(&v, &err, wd, method, path, body) < 0) {
		char *tail = log_tail(wd);
		char *msg = wp_ts_fmt("WebDriver %s %s failed: %s\nchromedriver log:\n%s", method,
				      path, err, tail);

		free(tail);
		free(err);
		fail(msg);
	}
	return v;
}

static const char *spath(char out[PATH_CAP], const wp_wd *wd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes "/session/ID" and the formatted rest into out, a command's path;
 * returns out. On the stack, so a failing command leaks nothing. */
static const char *spath(char out[PATH_CAP], const wp_wd *wd, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(out, PATH_CAP, "/session/%s", wd->session), m;

	cr_assert(n > 0 && n < PATH_CAP, "session id too long");
	va_start(ap, fmt);
	m = vsnprintf(out + n, PATH_CAP - (size_t)n, fmt, ap);
	va_end(ap);
	cr_assert(m >= 0 && m < PATH_CAP - n, "WebDriver command path too long");
	return out;
}

/* Session command whose answer is not needed. body is stolen. */
static void command(wp_wd *wd, const char *method, const char *path, json_t *body)
{
	json_decref(must(wd, method, path, body));
}

/* Session command answering a string (or null: NULL). Caller frees. */
static char *command_string(wp_wd *wd, const char *method, const char *path)
{
	json_t *v = must(wd, method, path, NULL);
	char *s = json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
	int other = !s && !json_is_null(v);

	json_decref(v);
	cr_assert(!other, "WebDriver %s %s: expected a string", method, path);
	return s;
}

/* ---- session ---- */

/* Polls GET /status until chromedriver says it is ready. */
static void wait_ready(wp_wd *wd)
{
	long until = now_ms() + READY_TIMEOUT_MS;

	for (;;) {
		json_t *v = NULL;
		char *err = NULL;
		int status;

		if (call(&v, &err, wd, "GET", "/status", NULL) == 0 &&
		    json_is_true(json_object_get(v, "ready"))) {
			json_decref(v);
			return;
		}
		json_decref(v);
		free(err);
		if (waitpid(wd->driver, &status, WNOHANG) == wd->driver) {
			char *tail = log_tail(wd);
			char *msg = wp_ts_fmt("chromedriver exited (status %d) before it was "
					      "ready:\n%s",
					      status, tail);

			wd->driver = 0;
			free(tail);
			fail(msg);
		}
		if (now_ms() > until) {
			char *tail = log_tail(wd);
			char *msg = wp_ts_fmt("chromedriver did not answer ready within %d s:\n%s",
					      READY_TIMEOUT_MS / 1000, tail);

			free(tail);
			fail(msg);
		}
		sleep_ms(POLL_MS);
	}
}

/* POST /session: headless Chromium with its own profile, loopback only. */
static void open_session(wp_wd *wd, const char *browser)
{
	char *profile = wp_ts_fmt("--user-data-dir=%s/profile", wd->root);
	json_t *args = json_pack("[sssssssssss]", "--headless", "--no-sandbox", "--disable-gpu",
				 "--disable-quic", "--no-first-run",
				 "--disable-background-networking", "--disable-component-update",
				 "--disable-sync", "--no-proxy-server", profile,
				 "--window-size=1200,900");
	json_t *caps = json_pack("{s:{s:{s:s, s:s, s:{s:i, s:i}, s:{s:s, s:o}}}}", "capabilities",
				 "alwaysMatch", "browserName", "chrome", "pageLoadStrategy",
				 "normal", "timeouts", "pageLoad", PAGE_LOAD_MS, "implicit", 0,
				 "goog:chromeOptions", "binary", browser, "args", args);
	json_t *v = NULL;
	char *err = NULL;
	const char *id = NULL;

	free(profile);
	cr_assert_not_null(caps, "building the capabilities");
	if (call(&v, &err, wd, "POST", "/session", caps) < 0) {
		char *tail = log_tail(wd);
		char *msg = wp_ts_fmt("chromedriver could not start %s: %s\nchromedriver log:\n%s",
				      browser, err, tail);

		free(tail);
		free(err);
		fail(msg);
	}
	cr_assert(json_unpack(v, "{s:s}", "sessionId", &id) == 0, "no sessionId in the answer");
	wd->session = xstrdup(id);
	json_decref(v);
}

void wp_wd_start(wp_wd **out)
{
	const char *driver, *browser;
	wp_wd *wd = calloc(1, sizeof(*wd));
	int port;

	*out = wd;
	cr_assert_not_null(wd, "out of memory");
	driver = program("WP_CHROMEDRIVER", DRIVER_DEFAULT, "chromium-driver");
	browser = program("WP_CHROMIUM", BROWSER_DEFAULT, "chromium");
	port = free_port();
	wd->root = xstrdup("/tmp/wp-e2e-XXXXXX");
	cr_assert_not_null(mkdtemp(wd->root), "mkdtemp: %s", strerror(errno));
	wd->log = wp_ts_fmt("%s/chromedriver.log", wd->root);
	wd->base = wp_ts_fmt("http://127.0.0.1:%d", port);
	wd->curl = curl_easy_init();
	cr_assert_not_null(wd->curl, "curl_easy_init failed");
	spawn_driver(wd, driver, port);
	wait_ready(wd);
	open_session(wd, browser);
}

/* Stops chromedriver's process group: politely, then for sure. The group
 * is signalled only while its leader is unreaped, so its id cannot have
 * been reused by an unrelated process. */
static void stop_driver(wp_wd *wd)
{
	long until = now_ms() + STOP_TIMEOUT_MS;
	siginfo_t si;

	if (wd->driver <= 0)
		return;
	kill(-wd->driver, SIGTERM);
	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)wd->driver, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
		    si.si_pid == wd->driver || now_ms() > until)
			break;
		sleep_ms(20);
	}
	kill(-wd->driver, SIGKILL);
	waitpid(wd->driver, NULL, 0);
	wd->driver = 0;
}

void wp_wd_quit(wp_wd *wd)
{
	if (!wd)
		return;
	if (wd->session && wd->curl) {
		char p[PATH_CAP];
		char *answer = NULL;

		/* Closes the browser; errors do not matter, the group is killed next. */
		if (snprintf(p, sizeof(p), "/session/%s", wd->session) < PATH_CAP)
			http(&answer, wd, "DELETE", p, NULL);
		free(answer);
	}
	stop_driver(wd);
	if (wd->curl)
		curl_easy_cleanup(wd->curl);
	wp_ts_rmtree(wd->root);
	free(wd->root);
	free(wd->log);
	free(wd->base);
	free(wd->session);
	free(wd);
}

/* ---- navigation ---- */

void wp_wd_navigate(wp_wd *wd, const char *url)
{
	char p[PATH_CAP];

	command(wd, "POST", spath(p, wd, "/url"), json_pack("{s:s}", "url", url));
}

void wp_wd_back(wp_wd *wd)
{
	char p[PATH_CAP];

	command(wd, "POST", spath(p, wd, "/back"), json_object());
}

char *wp_wd_url(wp_wd *wd)
{
	char p[PATH_CAP];
	char *u = command_string(wd, "GET", spath(p, wd, "/url"));

	cr_assert_not_null(u, "WebDriver GET /url answered null");
	return u;
}

char *wp_wd_source(wp_wd *wd)
{
	char p[PATH_CAP];
	char *s = command_string(wd, "GET", spath(p, wd, "/source"));

	return s ? s : xstrdup("");
}

/* ---- elements ---- */

/* The reference inside a WebDriver element object, or NULL. Caller frees. */
static char *element_id(const json_t *v)
{
	const char *id = json_string_value(json_object_get(v, ELEMENT_KEY));

	return id ? xstrdup(id) : NULL;
}

/* Finds one element (inside parent when it is not NULL). Returns 1 with
 * *el set (caller frees), 0 when nothing matches, -1 with *err (caller
 * frees) on another WebDriver error. */
static int find(char **el, char **err, wp_wd *wd, const char *parent, const char *using,
		const char *value)
{
	char p[PATH_CAP];
	json_t *v = NULL;
	int rc;

	*el = NULL;
	if (parent)
		spath(p, wd, "/element/%s/element", parent);
	else
		spath(p, wd, "/element");
	rc = call(&v, err, wd, "POST", p, json_pack("{s:s, s:s}", "using", using, "value", value));
	if (rc == 0) {
		*el = element_id(v);
		rc = *el ? 1 : -1;
		if (!*el)
			*err = xstrdup("answer without an element reference");
	} else if (strncmp(*err, "no such element:", 16) == 0) {
		free(*err);
		*err = NULL;
		rc = 0;
	}
	json_decref(v);
	return rc;
}

/* find() that fails the test on a WebDriver error. */
static char *find_or_null(wp_wd *wd, const char *parent, const char *using, const char *value)
{
	char *el, *err;

	if (find(&el, &err, wd, parent, using, value) < 0) {
		char *msg = wp_ts_fmt("WebDriver find (%s) %s: %s", using, value, err);

		free(err);
		fail(msg);
	}
	return el;
}

/* Fails the test saying what (freed here) was expected and where the
 * browser is. */
static void fail_at_page(wp_wd *wd, char *what)
{
	char *url = wp_wd_url(wd);
	char *src = wp_wd_source(wd);
	const char *main = strstr(src, "<main");
	char *msg = wp_ts_fmt("%s\nbrowser at %s, showing:\n%.*s", what, url, SHOWN_CHARS,
			      main ? main : src);

	free(what);
	free(url);
	free(src);
	fail(msg);
}

char *wp_wd_try_find(wp_wd *wd, const char *using, const char *value)
{
	return find_or_null(wd, NULL, using, value);
}

char *wp_wd_find(wp_wd *wd, const char *using, const char *value)
{
	char *el = find_or_null(wd, NULL, using, value);

	if (!el) {
		char *what = wp_ts_fmt("no element matches (%s) %s", using, value);

		fail_at_page(wd, what);
	}
	return el;
}

char *wp_wd_find_in(wp_wd *wd, const char *parent, const char *using, const char *value)
{
	char *el = find_or_null(wd, parent, using, value);

	if (!el) {
		char *what = wp_ts_fmt("no element matches (%s) %s inside the given one", using,
				       value);

		fail_at_page(wd, what);
	}
	return el;
}

json_t *wp_wd_find_all(wp_wd *wd, const char *using, const char *value)
{
	char p[PATH_CAP];
	json_t *v = must(wd, "POST", spath(p, wd, "/elements"),
			 json_pack("{s:s, s:s}", "using", using, "value", value));
	json_t *ids = json_array(), *item;
	size_t i;

	cr_assert(json_is_array(v), "WebDriver find elements: expected an array");
	json_array_foreach (v, i, item) {
		char *id = element_id(item);

		cr_assert_not_null(id, "WebDriver find elements: item without a reference");
		json_array_append_new(ids, json_string(id));
		free(id);
	}
	json_decref(v);
	return ids;
}

void wp_wd_click(wp_wd *wd, const char *el)
{
	char p[PATH_CAP];

	command(wd, "POST", spath(p, wd, "/element/%s/click", el), json_object());
}

void wp_wd_send_keys(wp_wd *wd, const char *el, const char *text)
{
	char p[PATH_CAP];

	command(wd, "POST", spath(p, wd, "/element/%s/value", el),
		json_pack("{s:s}", "text", text));
}

void wp_wd_clear(wp_wd *wd, const char *el)
{
	char p[PATH_CAP];

	command(wd, "POST", spath(p, wd, "/element/%s/clear", el), json_object());
}

char *wp_wd_text(wp_wd *wd, const char *el)
{
	char p[PATH_CAP];
	char *s = command_string(wd, "GET", spath(p, wd, "/element/%s/text", el));

	return s ? s : xstrdup("");
}

char *wp_wd_property(wp_wd *wd, const char *el, const char *name)
{
	char p[PATH_CAP];

	return command_string(wd, "GET", spath(p, wd, "/element/%s/property/%s", el, name));
}

char *wp_wd_attribute(wp_wd *wd, const char *el, const char *name)
{
	char p[PATH_CAP];

	return command_string(wd, "GET", spath(p, wd, "/element/%s/attribute/%s", el, name));
}

/* ---- waiting ---- */

/* Polls the URL until it equals want (exact) or starts with it. */
static char *wait_url(wp_wd *wd, const char *want, int exact)
{
	long until = now_ms() + WP_WD_WAIT_MS;

	for (;;) {
		char *url = wp_wd_url(wd);
		int ok = exact ? strcmp(url, want) == 0 : strncmp(url, want, strlen(want)) == 0;

		if (ok)
			return url;
		free(url);
		if (now_ms() > until) {
			char *what = wp_ts_fmt("the browser did not reach %s%s within %d s", want,
					       exact ? "" : "…", WP_WD_WAIT_MS / 1000);

			fail_at_page(wd, what);
		}
		sleep_ms(POLL_MS);
	}
}

void wp_wd_wait_url(wp_wd *wd, const char *url)
{
	free(wait_url(wd, url, 1));
}

char *wp_wd_wait_url_prefix(wp_wd *wd, const char *prefix)
{
	return wait_url(wd, prefix, 0);
}

char *wp_wd_wait_find(wp_wd *wd, const char *using, const char *value)
{
	long until = now_ms() + WP_WD_WAIT_MS;

	for (;;) {
		char *el = NULL, *err = NULL;

		/* While a page is being replaced, finding may fail for a moment. */
		if (find(&el, &err, wd, NULL, using, value) == 1)
			return el;
		if (now_ms() > until) {
			char *what = wp_ts_fmt("no element matched (%s) %s within %d s%s%s", using,
					       value, WP_WD_WAIT_MS / 1000,
					       err ? "; last error: " : "", err ? err : "");

			free(err);
			fail_at_page(wd, what);
		}
		free(err);
		sleep_ms(POLL_MS);
	}
}
