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
} wp_ts_opts;
#define WP_TS_OPTS_VERSION 1
#define WP_TS_OPTS_INIT { WP_TS_OPTS_VERSION, 0, NULL, NULL }

/* Creates a temp data folder, fills it (init --demo unless opts->empty),
 * starts `serve --port 0 --listen ADDR` and waits (15 s at most) for
 * its "Werkplaats draait op" line. opts may be NULL. Fails the test with
 * the server's stderr when it does not come up. Stop with wp_ts_stop(). */
wp_test_server *wp_ts_start(const wp_ts_opts *opts);

/* Sends SIGTERM, waits (SIGKILL after 10 s), asserts a clean exit 0, and
 * removes the temp folder. NULL is a no-op. */
void wp_ts_stop(wp_test_server *srv);

/* "http://ADDR:PORT" (no trailing '/'). Owned by srv. */
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
 * timeout). body may be NULL; content_type and extra_headers ("Name:
 * value" strings, NULL-terminated) may be NULL. Fails the test on a
 * transport error. Free with wp_ts_response_free(). */
wp_ts_response *wp_ts_request(const wp_test_server *srv, const char *method, const char *path,
			      const char *body, const char *content_type,
			      const char *const *extra_headers);
wp_ts_response *wp_ts_get(const wp_test_server *srv, const char *path);
wp_ts_response *wp_ts_put_json(const wp_test_server *srv, const char *path, const char *json);
wp_ts_response *wp_ts_delete_json(const wp_test_server *srv, const char *path, const char *json);
/* fields: name, value, name, value, …, NULL; sent form-urlencoded. */
wp_ts_response *wp_ts_post_form(const wp_test_server *srv, const char *path,
				const char *const *fields);
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
/* wp_ts_raw() of "METHOD TARGET HTTP/1.1" with Host and Connection: close;
 * target goes on the wire exactly as given. */
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
	char *message;		/* whole message; "" when id is "" */
	unsigned parents;
} wp_ts_commit;

/* Reads HEAD's commit of data_dir's repository. Dispose with
 * wp_ts_commit_dispose(). */
void wp_ts_repo_head(wp_ts_commit *out, const char *data_dir);
void wp_ts_commit_dispose(wp_ts_commit *c);
/* Number of commits reachable from HEAD (0 for an unborn branch). */
size_t wp_ts_repo_count(const char *data_dir);
/* Content of the blob a rev-parse spec names ("HEAD:verhalen/x.md",
 * "HEAD~1:x.md"), or NULL when there is none. Caller frees. */
char *wp_ts_repo_file(const char *data_dir, const char *spec);

/* An IPv4 address of this machine that is not loopback (for requests that
 * must not count as local), or NULL when there is none. Caller frees. */
char *wp_ts_external_ipv4(void);

/* The demo content folder (WP_SOURCE_DIR "/content"). */
const char *wp_ts_content_dir(void);

/* asprintf that fails the test instead of returning -1. Caller frees. */
char *wp_ts_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
