/* server.h - test support: run the real werkplaats binary and talk to it.
 *
 * Integration tests start their own server on an ephemeral loopback port
 * (wp_ts_start), speak HTTP to it through libcurl (wp_ts_request and its
 * shorthands) or through a raw socket for requests libcurl would clean up
 * (wp_ts_raw), look into the bare repository with libgit2 (wp_ts_repo_*),
 * and run CLI verbs (wp_ts_run). Every helper fails the running Criterion
 * test with a clear message when the machinery itself breaks, so a test
 * only asserts behaviour.
 *
 * Writing needs an account and most pages are visible only when logged in,
 * so every server starts with an account "tester" (beheerder, team
 * "testteam", display name "Tester") and the HTTP helpers act as tester
 * through an API token, unless a test chooses other credentials with
 * wp_ts_use() (see "Accounts" below).
 *
 * A server left running by a failing test is stopped and its temp folder
 * removed when the test process exits. */
#ifndef WP_TEST_SERVER_H
#define WP_TEST_SERVER_H

#include <jansson.h>
#include <stddef.h>

#define WP_TS_OID_HEX 41 /* 40 hex digits + NUL */

typedef struct wp_test_server wp_test_server;

typedef struct {
	unsigned version;
	int empty;		       /* non-zero: init without --demo */
	const char *const *extra_args; /* NULL-terminated; appended to `serve` */
	const char *listen;	       /* --listen address; NULL: 127.0.0.1 */
	/* A JSON object whose keys are set in werkplaats.json before `serve`
	 * (e.g. "{\"session_idle_seconds\": 2}"); NULL: none. */
	const char *config;
} wp_ts_opts;
#define WP_TS_OPTS_VERSION 1
#define WP_TS_OPTS_INIT { WP_TS_OPTS_VERSION, 0, NULL, NULL, NULL }
/* wp_ts_opts.config for a server with every plugin but privacy. */
#define WP_TS_PLUGINS_WITHOUT_PRIVACY                                                            \
	"{\"plugins\": [\"verhalen\", \"dilemma\", \"gesprek\", \"olifantenpad\", \"systeemfout\"]}"

/* With $WP_TS_WRAP set (e.g. "valgrind -q --error-exitcode=99"), `serve`
 * runs under that command and the start and stop waits are 8 times as
 * long. */

/* Creates a temp data folder, fills it (init --demo unless opts->empty),
 * keeps the one-time password init gave account "beheer", adds account
 * WP_TS_TESTER with an API token through the CLI, starts `serve --port 0
 * --listen ADDR` and waits (15 s at most) for its "Werkplaats draait op"
 * line. Requests then carry tester's token (wp_ts_default_auth()). opts
 * may be NULL. Fails the test with the server's stderr when it does not
 * come up. Stop with wp_ts_stop(). */
wp_test_server *wp_ts_start(const wp_ts_opts *opts);

/* Sends SIGTERM, waits (SIGKILL after 10 s), asserts a clean exit 0, and
 * removes the temp folder. NULL is a no-op. */
void wp_ts_stop(wp_test_server *srv);

/* Stops the server as wp_ts_stop() does (SIGTERM; a clean exit 0 is
 * asserted) but keeps srv, its data folder and its credentials, for work
 * on the folder that needs the server stopped. wp_ts_restart() starts it
 * again; wp_ts_stop() of a halted server only removes the folder. */
void wp_ts_halt(wp_test_server *srv);
/* Starts `serve` again on the data folder of a halted srv, with the same
 * arguments (a new port: wp_ts_base_url() changes), and waits until it is
 * ready. */
void wp_ts_restart(wp_test_server *srv);
/* Kills a running server with SIGKILL, as the OOM killer or a crash
 * would (not a power cut: what it wrote stays in the page cache), and
 * reaps it; fails the test unless it was that SIGKILL that ended it (a
 * server that had already exited is a failure). Keeps srv, its data
 * folder and its credentials as wp_ts_halt() does, so wp_ts_restart()
 * starts it again on whatever the kill left on disk. */
void wp_ts_crash(wp_test_server *srv);

/* "http://ADDR:PORT" (no trailing '/'), "https://…" when the config
 * names a TLS certificate (requests then accept any certificate). Owned
 * by srv. */
const char *wp_ts_base_url(const wp_test_server *srv);
/* The data folder given to --data; its bare repo is DIR/repo.git. */
const char *wp_ts_data_dir(const wp_test_server *srv);
int wp_ts_port(const wp_test_server *srv);
/* Everything the server wrote to stdout so far (malloc'd; caller frees). */
char *wp_ts_stdout(const wp_test_server *srv);

/* One HTTP response. */
typedef struct {
	long status;
	char *body; /* NUL-terminated (the body may hold NULs: see body_len) */
	size_t body_len;
	size_t nheaders;
	char **names; /* header names and values, in arrival order */
	char **values;
} wp_ts_response;

/* Performs one request (no redirects followed, path sent as given, 10 s
 * timeout) with srv's current credentials (wp_ts_use()). body may be
 * NULL; content_type and extra_headers ("Name: value" strings,
 * NULL-terminated) may be NULL. Fails the test on a transport error. Free
 * with wp_ts_response_free(). */
wp_ts_response *wp_ts_request(const wp_test_server *srv, const char *method, const char *path,
			      const char *body, const char *content_type,
			      const char *const *extra_headers);
wp_ts_response *wp_ts_get(const wp_test_server *srv, const char *path);
wp_ts_response *wp_ts_put_json(const wp_test_server *srv, const char *path, const char *json);
wp_ts_response *wp_ts_delete_json(const wp_test_server *srv, const char *path, const char *json);
/* fields: name, value, name, value, …, NULL; sent form-urlencoded. With a
 * session (credentials with a cookie) the session's CSRF token goes along
 * as field "csrf", unless fields hold a "csrf" of their own. */
wp_ts_response *wp_ts_post_form(const wp_test_server *srv, const char *path,
				const char *const *fields);
/* fields (as for wp_ts_post_form) form-urlencoded, nothing added. Caller
 * frees. */
char *wp_ts_form_encode(const char *const *fields);
void wp_ts_response_free(wp_ts_response *r);

/* The first header called name (case-insensitive), or NULL. */
const char *wp_ts_header(const wp_ts_response *r, const char *name);

/* Parses the body as JSON; fails the test if it is not JSON. The caller
 * json_decref()s the result. */
json_t *wp_ts_json(const wp_ts_response *r);

/* Sends len raw bytes to the server's port and reads the answer until the
 * server closes (10 s bound). Only status, body and headers are filled.
 * Free with wp_ts_response_free(). */
wp_ts_response *wp_ts_raw(const wp_test_server *srv, const char *bytes, size_t len);
/* Sends len raw bytes to the server's port and returns every byte it
 * sends back until it closes the connection (10 s bound), NUL-terminated;
 * *out_len gets the count, *closed whether the server closed (0: the
 * bound ran out). Caller frees. */
char *wp_ts_raw_bytes(const wp_test_server *srv, const char *bytes, size_t len, size_t *out_len,
		      int *closed);
/* wp_ts_raw() of "METHOD TARGET HTTP/1.1" with Host, Connection: close
 * and the lines of srv's current credentials (wp_ts_auth_lines()); target
 * goes on the wire exactly as given. */
wp_ts_response *wp_ts_raw_request(const wp_test_server *srv, const char *method,
				  const char *target);

/* Value of the first <input name="NAME" value="…"> in html, entities
 * decoded; NULL when there is none. Caller frees. */
char *wp_ts_input_value(const char *html, const char *name);
/* Content of <textarea name="NAME">…</textarea>, entities decoded; NULL
 * when there is none. Caller frees. */
char *wp_ts_textarea(const char *html, const char *name);

/* PUT /api/pages/PATH with {"content", "base" (NULL: null), "message"},
 * the JSON built with jansson. Free with wp_ts_response_free(). */
wp_ts_response *wp_ts_api_put(const wp_test_server *srv, const char *path, const char *content,
			      const char *base, const char *message);
/* DELETE /api/pages/PATH with {"base", "message"}. */
wp_ts_response *wp_ts_api_delete(const wp_test_server *srv, const char *path, const char *base,
				 const char *message);
/* The page's current revision from GET /api/pages/PATH; fails the test
 * unless that answers 200. */
void wp_ts_api_revision(char out[WP_TS_OID_HEX], const wp_test_server *srv, const char *path);

/* Value of the class attribute of the first <a> whose href is href
 * (entities decoded); NULL when there is no such link. Caller frees. */
char *wp_ts_link_class(const char *html, const char *href);
/* Number of (non-overlapping) occurrences of needle in hay. */
size_t wp_ts_count(const char *hay, const char *needle);

/* Result of one CLI run. */
typedef struct {
	int exit_code; /* -1 when it did not exit normally */
	char *out;     /* stdout, NUL-terminated */
	char *err;     /* stderr */
} wp_ts_run_result;

/* Runs WP_BINARY with args (NULL-terminated, without the program name),
 * stdin from /dev/null, 60 s bound. Free with wp_ts_run_free(). */
wp_ts_run_result *wp_ts_run(const char *const *args);
/* The same with input (NULL: none) on stdin. */
wp_ts_run_result *wp_ts_run_input(const char *const *args, const char *input);
void wp_ts_run_free(wp_ts_run_result *r);

/* A new empty directory under /tmp (caller frees the string and removes
 * the tree with wp_ts_rmtree()). */
char *wp_ts_tmpdir(void);
/* Removes a directory tree; missing is fine. */
void wp_ts_rmtree(const char *dir);
/* Writes content to dir/rel, creating folders on the way. */
void wp_ts_write_file(const char *dir, const char *rel, const char *content);
/* Reads a whole file (caller frees), or NULL when it cannot be read. */
char *wp_ts_read_file(const char *path);

/* The last commit on HEAD of DATA_DIR/repo.git. */
typedef struct {
	char id[WP_TS_OID_HEX]; /* "" when the branch has no commit yet */
	char *author;		/* author name; "" when id is "" */
	char *email;		/* author e-mail; "" when id is "" */
	char *message;		/* whole message; "" when id is "" */
	unsigned parents;
} wp_ts_commit;

/* Opens DATA_DIR/repo.git with libgit2 (failing the test when it cannot);
 * free with git_repository_free(). */
struct git_repository *wp_ts_repo_open(const char *data_dir);

/* Reads HEAD's commit of data_dir's repository. Dispose with
 * wp_ts_commit_dispose(). */
void wp_ts_repo_head(wp_ts_commit *out, const char *data_dir);
void wp_ts_commit_dispose(wp_ts_commit *c);
/* Number of commits reachable from HEAD (0 for an unborn branch). */
size_t wp_ts_repo_count(const char *data_dir);
/* Content of the blob a rev-parse spec names ("HEAD:verhalen/x.md",
 * "HEAD~1:x.md"), or NULL when there is none. Caller frees. */
char *wp_ts_repo_file(const char *data_dir, const char *spec);
/* Commits file path (inside the repository, e.g. "verhalen/x.md") with
 * content on top of HEAD with libgit2 directly, bypassing every check of
 * the server: for pages the wiki would refuse. Fails the test on error. */
void wp_ts_repo_commit_raw(const char *data_dir, const char *path, const char *content);

/* The message of the problem about field in a 400 answer's "problems"
 * (malloc'd); fails the test when the answer is not a 400 or has none. */
char *wp_ts_problem(const wp_ts_response *r, const char *field);
/* The number of entries in an answer's "problems" (0 without). */
size_t wp_ts_problem_count(const wp_ts_response *r);

/* An IPv4 address of this machine that is not loopback (for requests that
 * must not count as local), or NULL when there is none. Caller frees. */
char *wp_ts_external_ipv4(void);

/* The demo content folder (WP_SOURCE_DIR "/content"). */
const char *wp_ts_content_dir(void);
/* A root folder for a server with a test plugin of tests/plugins/: links
 * to the source's themes and content, and plugins/<plugin> linked to
 * tests/plugins/<plugin> (the server finds a plugin's templates and static
 * files under <root>/plugins/<name>/), set as WERKPLAATS_ROOT for the
 * servers this process starts. Returns the folder (caller passes it to
 * wp_ts_plugin_root_drop()). Fails the test on error. */
char *wp_ts_plugin_root(const char *plugin);
/* Unsets WERKPLAATS_ROOT, removes root and frees it. */
void wp_ts_plugin_root_drop(char *root);

/* ---- Accounts ----
 *
 * Credentials a request carries. Requests send the current credentials
 * of srv (wp_ts_use()), each part that is set: bearer as "Authorization:
 * Bearer …"; cookie as "Cookie: wp_session=…"; csrf, with every POST, PUT
 * and DELETE only, as header X-CSRF-Token (wp_ts_post_form: as form field
 * "csrf" instead, as a browser does). A header of the same name in a
 * caller's extra_headers replaces the one that would be added. Functions
 * that take a const wp_ts_auth * only borrow it, so a test may pass one
 * built on the stack (a forged cookie, a session without its csrf, …). */
typedef struct {
	char *bearer; /* API token ("wpt_" + 64 hex), or NULL */
	char *cookie; /* session token (value of cookie wp_session), or NULL */
	char *csrf;   /* the session's CSRF token, or NULL */
} wp_ts_auth;

/* The account wp_ts_start() adds; its commits are authored by its display
 * name, with its e-mail. */
#define WP_TS_TESTER "tester"
#define WP_TS_TESTER_ROLE "beheerder"
#define WP_TS_TESTER_TEAM "testteam"
#define WP_TS_TESTER_DISPLAY "Tester"
#define WP_TS_TESTER_EMAIL "tester@werkplaats.invalid"

/* From now on requests to srv carry a copy of a; NULL: none (anonymous).
 * a may be wp_ts_default_auth(srv). */
void wp_ts_use(wp_test_server *srv, const wp_ts_auth *a);
/* Tester's credentials (bearer token only). Owned by srv. */
const wp_ts_auth *wp_ts_default_auth(const wp_test_server *srv);
/* The credentials requests carry now; NULL when anonymous. Owned by srv,
 * valid until the next wp_ts_use(). */
const wp_ts_auth *wp_ts_current_auth(const wp_test_server *srv);
/* Tester's password, and the one-time password `init` printed for
 * account "beheer" (beheerder). Owned by srv. */
const char *wp_ts_tester_password(const wp_test_server *srv);
const char *wp_ts_beheer_password(const wp_test_server *srv);

/* wp_ts_request() with credentials a instead of the current ones; a NULL
 * sends none at all, so extra_headers hold the only ones (a forged
 * cookie, a missing CSRF token, …). */
wp_ts_response *wp_ts_request_as(const wp_test_server *srv, const wp_ts_auth *a,
				 const char *method, const char *path, const char *body,
				 const char *content_type, const char *const *extra_headers);
/* wp_ts_post_form() with credentials a (NULL: none). */
wp_ts_response *wp_ts_post_form_as(const wp_test_server *srv, const wp_ts_auth *a,
				   const char *path, const char *const *fields);
/* The header lines ("Name: value\r\n" each) of srv's current credentials
 * for a request of method, for requests built by hand for wp_ts_raw(); ""
 * when anonymous. Caller frees. */
char *wp_ts_auth_lines(const wp_test_server *srv, const char *method);

/* Adds an account through `werkplaats user add` (password on stdin);
 * role: lezer, professional, ervaringswerker, regioteam or beheerder;
 * team and display NULL: none / the name. Fails the test unless it exits
 * 0. */
void wp_ts_user_add(const wp_test_server *srv, const char *name, const char *role,
		    const char *team, const char *password);
void wp_ts_user_add_display(const wp_test_server *srv, const char *name, const char *role,
			    const char *team, const char *display, const char *password);
/* A new API token of account name (`werkplaats user token`). Caller
 * frees. */
char *wp_ts_user_token(const wp_test_server *srv, const char *name);
/* Adds account name (password "wachtwoord-van-NAME", so a test can log in
 * as it too) and returns credentials with a new API token of it. Free with
 * wp_ts_auth_free(). */
wp_ts_auth *wp_ts_as(const wp_test_server *srv, const char *name, const char *role,
		     const char *team);

/* Logs in as a browser does: GET /inloggen for the form's CSRF token and
 * the wp_login cookie, then POST /inloggen with naam, wachtwoord, csrf and
 * terug, sending no other credentials. Returns the raw answer to the POST
 * (303 with the session cookie, 401 for a wrong name or password, 429 when
 * locked out). Free with wp_ts_response_free(). */
wp_ts_response *wp_ts_login_attempt(const wp_test_server *srv, const char *name,
				    const char *password);
/* wp_ts_login_attempt() that must succeed (303 with a wp_session cookie);
 * the session's CSRF token is read from the next form page (/account, or
 * where that sends an account that must change its password). Returns
 * credentials with cookie and csrf. Free with wp_ts_auth_free(). */
wp_ts_auth *wp_ts_login(const wp_test_server *srv, const char *name, const char *password);
void wp_ts_auth_free(wp_ts_auth *a);

/* The value of cookie name as set by a Set-Cookie header of r; NULL when
 * r sets no such cookie. Caller frees. */
char *wp_ts_set_cookie(const wp_ts_response *r, const char *name);

/* asprintf that fails the test instead of returning -1. Caller frees. */
char *wp_ts_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
