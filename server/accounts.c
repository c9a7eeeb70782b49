/* accounts.c - accounts, sessions, API tokens and the login throttle in
 * the state database (SQLite) with libsodium for every secret.
 *
 * Passwords are argon2id strings (crypto_pwhash_str, interactive limits).
 * Session and API tokens are 256 random bits shown once as hex; the
 * database keeps only the hex of their BLAKE2b hash, so a copy of
 * state.db opens no session. CSRF tokens are kept as they are: they are
 * useless without the session token.
 *
 * The throttle counts failed logins per key: "name:<login name>" and
 * "addr:<client address>". A key with free_tries failures is locked for
 * lock_s seconds, doubled for every further failure (a try while locked
 * is one), up to lock_max_s. A success clears the name's key. The address
 * key is not cleared by a success - someone with an account of their own
 * could otherwise reset it between guesses at other names - but decays:
 * once its lock has run out and its last failure is lock_max_s old, it
 * starts again from zero (the same holds for a name nobody logs in to).
 *
 * A wp_accounts is one connection, used by one thread at a time; its
 * statements are prepared once and reset after every use, so none keeps
 * a read snapshot open. */
#include "accounts.h"

#include "error.h"
#include "texts.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCHEMA_VERSION "1"
#define BUSY_TIMEOUT_MS 30000 /* another process (the CLI beside the server) may write */
#define TOUCH_EVERY_S 60      /* last_seen / last_used are noted at most this often */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024
#define TOKEN_PREFIX "wpt_"
#define KEY_MAX 80 /* a throttle key: "name:" + login name, "addr:" + address */

/* Statements prepared once per connection. */
enum {
	ST_META_GET,
	ST_ACC_GET,
	ST_ACC_GET_ID,
	ST_ACC_LIST,
	ST_ACC_ADD,
	ST_ACC_PASSWORD,
	ST_SET_PASSWORD,
	ST_REHASH,
	ST_SET_ROLE,
	ST_SET_TEAM,
	ST_SET_DISPLAY,
	ST_SET_DISABLED,
	ST_SESS_END_ALL,
	ST_SESS_ADD,
	ST_SESS_GET,
	ST_SESS_TOUCH,
	ST_SESS_DEL,
	ST_SESS_PRUNE,
	ST_TOK_ADD,
	ST_TOK_GET,
	ST_TOK_TOUCH,
	ST_TOK_LIST,
	ST_TOK_REVOKE,
	ST_THR_GET,
	ST_THR_PUT,
	ST_THR_DEL,
	ST_THR_PRUNE,
	ST_COUNT
};

/* The columns of an account, in the order read_account() takes them. */
#define ACC_COLS "a.id, a.name, a.display, a.role, a.team, a.disabled, a.must_change, a.created"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_ACC_GET] = "SELECT " ACC_COLS " FROM accounts a WHERE a.name = ?1",
	[ST_ACC_GET_ID] = "SELECT " ACC_COLS " FROM accounts a WHERE a.id = ?1",
	[ST_ACC_LIST] = "SELECT " ACC_COLS " FROM accounts a ORDER BY a.name",
	[ST_ACC_ADD] = "INSERT INTO accounts(name, display, role, team, password, must_change, "
		       "disabled, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
	[ST_ACC_PASSWORD] = "SELECT " ACC_COLS ", a.password FROM accounts a WHERE a.name = ?1",
	[ST_SET_PASSWORD] = "UPDATE accounts SET password = ?2, must_change = ?3 WHERE name = ?1",
	[ST_REHASH] = "UPDATE accounts SET password = ?2 WHERE name = ?1",
	[ST_SET_ROLE] = "UPDATE accounts SET role = ?2 WHERE name = ?1",
	[ST_SET_TEAM] = "UPDATE accounts SET team = ?2 WHERE name = ?1",
	[ST_SET_DISPLAY] = "UPDATE accounts SET display = coalesce(nullif(?2, ''), name) "
			   "WHERE name = ?1",
	[ST_SET_DISABLED] = "UPDATE accounts SET disabled = ?2 WHERE name = ?1",
	[ST_SESS_END_ALL] = "DELETE FROM sessions WHERE account = "
			    "(SELECT id FROM accounts WHERE name = ?1)",
	[ST_SESS_ADD] = "INSERT INTO sessions(token, account, csrf, created, last_seen) "
			"SELECT ?1, id, ?3, ?4, ?4 FROM accounts WHERE id = ?2 AND disabled = 0",
	[ST_SESS_GET] = "SELECT s.token, s.csrf, s.created, s.last_seen, " ACC_COLS
			" FROM sessions s JOIN accounts a ON a.id = s.account WHERE s.token = ?1",
	[ST_SESS_TOUCH] = "UPDATE sessions SET last_seen = ?2 WHERE token = ?1",
	[ST_SESS_DEL] = "DELETE FROM sessions WHERE token = ?1",
	[ST_SESS_PRUNE] = "DELETE FROM sessions WHERE last_seen <= ?1 OR created <= ?2",
	[ST_TOK_ADD] = "INSERT INTO tokens(account, hash, label, created) VALUES (?1, ?2, ?3, ?4)",
	[ST_TOK_GET] = "SELECT t.hash, t.id, t.last_used, " ACC_COLS " FROM tokens t "
		       "JOIN accounts a ON a.id = t.account WHERE t.hash = ?1 AND t.revoked = 0",
	[ST_TOK_TOUCH] = "UPDATE tokens SET last_used = ?2 WHERE id = ?1",
	[ST_TOK_LIST] = "SELECT id, label, created, last_used FROM tokens "
			"WHERE account = ?1 AND revoked = 0 ORDER BY created DESC, id DESC",
	[ST_TOK_REVOKE] = "UPDATE tokens SET revoked = 1 "
			  "WHERE id = ?2 AND account = ?1 AND revoked = 0",
	[ST_THR_GET] = "SELECT failures, locked_until, last_failure FROM throttle WHERE key = ?1",
	[ST_THR_PUT] = "INSERT INTO throttle(key, failures, locked_until, last_failure) "
		       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET "
		       "failures = excluded.failures, locked_until = excluded.locked_until, "
		       "last_failure = excluded.last_failure",
	[ST_THR_DEL] = "DELETE FROM throttle WHERE key = ?1",
	[ST_THR_PRUNE] = "DELETE FROM throttle WHERE locked_until <= ?1 AND last_failure <= ?2",
};

/* Created when missing, in one write transaction, so two processes
 * opening a new file at once do not both create it. */
static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" SCHEMA_VERSION "');"
	/* role: its name (access.h); team: '' when none; password: argon2id string */
	"CREATE TABLE IF NOT EXISTS accounts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
	"  display TEXT NOT NULL, role TEXT NOT NULL, team TEXT NOT NULL DEFAULT '', "
	"  password TEXT NOT NULL, must_change INTEGER NOT NULL DEFAULT 0, "
	"  disabled INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL);"
	/* token: hex of the BLAKE2b hash of the session token */
	"CREATE TABLE IF NOT EXISTS sessions(token TEXT PRIMARY KEY, "
	"  account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, "
	"  csrf TEXT NOT NULL, created INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);"
	/* hash: hex of the BLAKE2b hash of the 64 hex digits after "wpt_" */
	"CREATE TABLE IF NOT EXISTS tokens(id INTEGER PRIMARY KEY, "
	"  account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, "
	"  hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL, created INTEGER NOT NULL, "
	"  last_used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS tokens_account ON tokens(account, created);"
	"CREATE TABLE IF NOT EXISTS throttle(key TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
	"  locked_until INTEGER NOT NULL, last_failure INTEGER NOT NULL);";

struct wp_accounts {
	sqlite3 *db;
	wp_accounts_limits lim;
	sqlite3_stmt *stmt[ST_COUNT];
	/* verified instead of a password for an unknown name; made at the
	 * first login of the connection, known name or not, so that the
	 * cost of making it does not tell either */
	char dummy[crypto_pwhash_STRBYTES];
};

/* ---- errors and statements ------------------------------------------------------------------ */

/* Turns a SQLite failure into a WP_E* code and a message naming the
 * operation. A lock held past the busy timeout is WP_ECONFLICT. */
static int db_fail(wp_accounts *a, int src, const char *op)
{
	wp_error_set(wp_t("accounts.db_error"), op, sqlite3_errmsg(a->db));
	switch (src & 0xff) {
	case SQLITE_NOMEM: return WP_ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return WP_ECONFLICT;
	default: return WP_ERROR;
	}
}

static int no_memory(void)
{
	wp_error_set("%s", wp_t("accounts.no_memory"));
	return WP_ENOMEM;
}

static int invalid(const char *key)
{
	wp_error_set("%s", wp_t(key));
	return WP_EINVALID;
}

static int exec(wp_accounts *a, const char *sql, const char *op)
{
	int src = sqlite3_exec(a->db, sql, NULL, NULL, NULL);

	return src == SQLITE_OK ? 0 : db_fail(a, src, op);
}

/* The cached statement id, reset, with its parameters bound from types
 * ('t': const char *, NULL binds NULL; 'i': long long; 'b': int as 0/1).
 * Text is bound SQLITE_STATIC: the caller keeps it alive until the
 * statement is reset, which every user does before returning. */
static int stmt(sqlite3_stmt **out, wp_accounts *a, int id, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int src = SQLITE_OK, i;

	*out = NULL;
	if (!a->stmt[id]) {
		src = sqlite3_prepare_v3(a->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					 &a->stmt[id], NULL);
		if (src != SQLITE_OK)
			return db_fail(a, src, "prepare");
	}
	st = a->stmt[id];
	/* A reset reports the error of the last step, which its user has
	 * already handled; clear_bindings cannot fail. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	va_start(ap, types);
	for (i = 0; types[i] && src == SQLITE_OK; i++) {
		if (types[i] == 't')
			src = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1,
						SQLITE_STATIC);
		else if (types[i] == 'i')
			src = sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
		else
			src = sqlite3_bind_int(st, i + 1, va_arg(ap, int) ? 1 : 0);
	}
	va_end(ap);
	if (src != SQLITE_OK)
		return db_fail(a, src, "bind");
	*out = st;
	return 0;
}

/* Steps a write to its end and resets it; *changes (may be NULL) gets the
 * number of rows it changed. */
static int step_done(wp_accounts *a, sqlite3_stmt *st, const char *op, int *changes)
{
	int src;

	do
		src = sqlite3_step(st);
	while (src == SQLITE_ROW);
	(void)sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return db_fail(a, src, op);
	if (changes)
		*changes = sqlite3_changes(a->db);
	return 0;
}

/* Steps a read: 1 with a row to read (the caller resets st when done),
 * 0 when there is none (st is reset), or a negative WP_E* code. */
static int step_row(wp_accounts *a, sqlite3_stmt *st, const char *op)
{
	int src = sqlite3_step(st);

	if (src == SQLITE_ROW)
		return 1;
	(void)sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_fail(a, src, op);
}

static const char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Runs the write(s) of fn in one IMMEDIATE transaction: committed when fn
 * returns 0 or more, rolled back otherwise. Returns fn's result. */
static int in_transaction(wp_accounts *a, int (*fn)(wp_accounts *a, void *arg), void *arg)
{
	int rc = exec(a, "BEGIN IMMEDIATE", "begin");

	if (rc < 0)
		return rc;
	rc = fn(a, arg);
	if (rc >= 0) {
		int crc = exec(a, "COMMIT", "commit");

		if (crc == 0)
			return rc;
		rc = crc;
	}
	/* Rolling back can fail only when SQLite already did; keep the first error. */
	(void)sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Fills *out from the account columns of st starting at column c. */
static int read_account(wp_account *out, sqlite3_stmt *st, int c)
{
	const char *role = column_text(st, c + 3);
	int r;

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, c);
	snprintf(out->name, sizeof(out->name), "%s", column_text(st, c + 1));
	snprintf(out->display, sizeof(out->display), "%s", column_text(st, c + 2));
	snprintf(out->team, sizeof(out->team), "%s", column_text(st, c + 4));
	out->disabled = sqlite3_column_int(st, c + 5) != 0;
	out->must_change = sqlite3_column_int(st, c + 6) != 0;
	out->created = sqlite3_column_int64(st, c + 7);
	for (r = WP_ROLE_LEZER; r <= WP_ROLE_BEHEERDER; r++) {
		if (strcmp(role, wp_role_name((wp_role)r)) == 0) {
			out->role = (wp_role)r;
			return 0;
		}
	}
	/* Only a hand edit of the database gets here: no role means no rights. */
	wp_error_set(wp_t("accounts.bad_stored_role"), out->name, role);
	return WP_ERROR;
}

/* ---- input checks ---------------------------------------------------------------------------- */

/* ASCII only, whatever the locale. */
static int small_or_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* [a-z0-9][a-z0-9._-]{0,63}: safe in a URL, a file name and a git author. */
static int name_shape_ok(const char *s)
{
	size_t i;

	if (!s || !small_or_digit(s[0]))
		return 0;
	for (i = 0; s[i]; i++)
		if (i >= WP_NAME_MAX || !(small_or_digit(s[i]) || strchr("._-", s[i])))
			return 0;
	return 1;
}

int wp_account_name_check(const char *name)
{
	return name_shape_ok(name) ? 0 : invalid("accounts.bad_name");
}

int wp_team_name_check(const char *team)
{
	return name_shape_ok(team) ? 0 : invalid("accounts.bad_team");
}

/* 1 to WP_DISPLAY_MAX bytes of UTF-8 without control characters (C0, DEL,
 * C1), not only spaces, and without '<' or '>': a display name becomes a
 * git author name, which libgit2 refuses with angle brackets or empty
 * after trimming. jansson does the UTF-8 check (it refuses overlong forms
 * and surrogates), as for tag values in http_tags.c. */
static int text_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;
	int visible = 0, ok;
	json_t *utf8;

	if (n == 0 || n > WP_DISPLAY_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '<' || c == '>')
			return 0;
		/* U+0080..U+009F are C2 80..C2 9F */
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9f)
			return 0;
		visible |= c != ' ';
	}
	utf8 = visible ? json_stringn(s, n) : NULL;
	ok = utf8 != NULL;
	json_decref(utf8);
	return ok;
}

int wp_display_name_check(const char *display)
{
	return text_ok(display) ? 0 : invalid("accounts.bad_display");
}

int wp_password_check(const char *password)
{
	size_t n = password ? strlen(password) : 0;

	if (n < PASSWORD_MIN) {
		wp_error_set(wp_t("accounts.password_short"), PASSWORD_MIN);
		return WP_EINVALID;
	}
	if (n > PASSWORD_MAX) {
		wp_error_set(wp_t("accounts.password_long"), PASSWORD_MAX);
		return WP_EINVALID;
	}
	return 0;
}

static int role_check(wp_role role)
{
	return role >= WP_ROLE_LEZER && role <= WP_ROLE_BEHEERDER ? 0
								   : invalid("accounts.bad_role");
}

/* team NULL or "" is none; anything else must be a team name. */
static int optional_team_check(const char *team)
{
	return !team || !team[0] ? 0 : wp_team_name_check(team);
}

/* Hashes password into out. */
static int hash_password(char out[crypto_pwhash_STRBYTES], const char *password)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		/* argon2 fails only when it cannot get its memory */
		wp_error_set("%s", wp_t("accounts.hash_failed"));
		return WP_ENOMEM;
	}
	return 0;
}

void wp_password_onetime(char out[WP_ONETIME_LEN + 1])
{
	/* no 0/O/o, 1/l/I/i: read aloud or copied from paper without doubt */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	for (i = 0; i < WP_ONETIME_LEN; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	out[WP_ONETIME_LEN] = '\0';
}

/* ---- opening --------------------------------------------------------------------------------- */

/* The file is created owner-only before SQLite sees it: it holds
 * password hashes, and SQLite gives its -wal and -shm files the same mode.
 * Only a missing file is opened here: closing any descriptor of a file
 * drops every POSIX lock this process holds on it, including those of
 * SQLite connections on other threads, and another process could then
 * check-point and remove the WAL under them. */
static int create_private(const char *file)
{
	int fd = open(file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	return close(fd);
}

static int create_schema(wp_accounts *a, void *arg)
{
	(void)arg;
	return exec(a, schema_sql, "schema");
}

/* Creates the tables when missing and refuses a file of another schema
 * version: this database is not derived, so it is never dropped. */
static int check_schema(wp_accounts *a, const char *file)
{
	char version[32] = "";
	sqlite3_stmt *st;
	int rc = in_transaction(a, create_schema, NULL);

	if (rc == 0)
		rc = stmt(&st, a, ST_META_GET, "t", "schema");
	if (rc == 0)
		rc = step_row(a, st, "schema");
	if (rc == 1) {
		snprintf(version, sizeof(version), "%s", column_text(st, 0));
		(void)sqlite3_reset(st);
		rc = 0;
	}
	if (rc == 0 && strcmp(version, SCHEMA_VERSION) != 0) {
		wp_error_set(wp_t("accounts.schema_unknown"), file, version);
		rc = WP_ERROR;
	}
	return rc;
}

int wp_accounts_open(wp_accounts **out, const char *file, const wp_accounts_limits *limits)
{
	static const wp_accounts_limits defaults = WP_ACCOUNTS_LIMITS_DEFAULT;
	wp_accounts *a;
	int rc = 0, src;

	assert(out && file);
	*out = NULL;
	if (sodium_init() < 0) {
		wp_error_set(wp_t("accounts.open_failed"), file, "libsodium");
		return WP_ERROR;
	}
	a = calloc(1, sizeof(*a));
	if (!a)
		return no_memory();
	a->lim = limits ? *limits : defaults;
	assert(a->lim.idle_s > 0 && a->lim.max_s > 0 && a->lim.lock_s > 0 &&
	       a->lim.lock_max_s >= a->lim.lock_s);
	if (create_private(file) < 0) {
		wp_error_set(wp_t("accounts.open_failed"), file, strerror(errno));
		free(a);
		return WP_ERROR;
	}
	/* One thread at a time uses a connection: SQLite's own mutex would
	 * only cost time. */
	src = sqlite3_open_v2(file, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_busy_timeout(a->db, BUSY_TIMEOUT_MS);
	/* FULL: a changed password or a disabled account must survive a power cut. */
	if (src == SQLITE_OK)
		src = sqlite3_exec(a->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
					  "PRAGMA foreign_keys = ON;",
				   NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		wp_error_set(wp_t("accounts.open_failed"), file,
			     a->db ? sqlite3_errmsg(a->db) : sqlite3_errstr(src));
		rc = WP_ERROR;
	}
	if (rc == 0)
		rc = check_schema(a, file);
	if (rc < 0) {
		wp_accounts_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

void wp_accounts_free(wp_accounts *a)
{
	size_t i;

	if (!a)
		return;
	/* finalize repeats the last step's error, already handled */
	for (i = 0; i < ST_COUNT; i++)
		(void)sqlite3_finalize(a->stmt[i]);
	/* with every statement finalized, close cannot be kept busy */
	(void)sqlite3_close(a->db);
	free(a);
}

/* ---- accounts -------------------------------------------------------------------------------- */

static int not_found(const char *name)
{
	wp_error_set(wp_t("accounts.not_found"), name);
	return WP_ENOTFOUND;
}

/* Reads the one account row of st (already bound) into *out: 1 when
 * there is one, 0 when not, or a negative WP_E* code. */
static int account_row(wp_accounts *a, sqlite3_stmt *st, wp_account *out)
{
	int rc = step_row(a, st, "account"), read;

	if (rc != 1)
		return rc;
	read = read_account(out, st, 0);
	(void)sqlite3_reset(st);
	return read < 0 ? read : 1;
}

/* The account with id into *out; WP_ENOTFOUND when there is none. */
static int account_by_id(wp_accounts *a, long long id, wp_account *out)
{
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_ACC_GET_ID, "i", id);

	if (rc == 0)
		rc = account_row(a, st, out);
	if (rc == 0) {
		wp_error_set("%s", wp_t("accounts.no_account"));
		rc = WP_ENOTFOUND;
	}
	return rc < 0 ? rc : 0;
}

static int check_new(const char *name, const char *display, wp_role role, const char *team,
		     const char *password)
{
	int rc = wp_account_name_check(name);

	if (rc == 0 && display && display[0])
		rc = wp_display_name_check(display);
	if (rc == 0)
		rc = role_check(role);
	if (rc == 0)
		rc = optional_team_check(team);
	if (rc == 0)
		rc = wp_password_check(password);
	return rc;
}

int wp_accounts_add(wp_accounts *a, const char *name, const char *display, wp_role role,
		    const char *team, const char *password, int must_change, long long now)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc, src;

	assert(a);
	rc = check_new(name, display, role, team, password);
	if (rc == 0)
		rc = hash_password(hash, password);
	if (rc == 0)
		rc = stmt(&st, a, ST_ACC_ADD, "tttttbi", name,
			  display && display[0] ? display : name, wp_role_name(role),
			  team ? team : "", hash, must_change, now);
	if (rc < 0)
		return rc;
	src = sqlite3_step(st);
	(void)sqlite3_reset(st);
	if (src == SQLITE_CONSTRAINT) {
		/* the only constraint an insert of checked values can break */
		wp_error_set(wp_t("accounts.exists"), name);
		return WP_EEXISTS;
	}
	return src == SQLITE_DONE ? 0 : db_fail(a, src, "add");
}

int wp_accounts_get(wp_accounts *a, const char *name, wp_account *out)
{
	sqlite3_stmt *st;
	int rc;

	assert(a && name && out);
	rc = stmt(&st, a, ST_ACC_GET, "t", name);
	if (rc == 0)
		rc = account_row(a, st, out);
	if (rc == 0)
		rc = not_found(name);
	return rc < 0 ? rc : 0;
}

/* Makes room for element len in the array *v of *cap elements of size
 * bytes while st steps through the rows to go in it; on failure st is
 * reset and the array stays as it was (the caller frees it). */
static int room_for_one(sqlite3_stmt *st, void **v, size_t *cap, size_t len, size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *grown;

	if (len < *cap)
		return 0;
	grown = realloc(*v, want * size);
	if (!grown) {
		(void)sqlite3_reset(st);
		return no_memory();
	}
	*v = grown;
	*cap = want;
	return 0;
}

int wp_accounts_list(wp_accounts *a, wp_account **out, size_t *n)
{
	wp_account *v = NULL;
	void *grown;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	int rc;

	assert(a && out && n);
	*out = NULL;
	*n = 0;
	rc = stmt(&st, a, ST_ACC_LIST, "");
	while (rc == 0) {
		rc = step_row(a, st, "list");
		if (rc <= 0)
			break;
		grown = v;
		if ((rc = room_for_one(st, &grown, &cap, len, sizeof(*v))) < 0)
			break;
		v = grown;
		rc = read_account(&v[len], st, 0);
		if (rc < 0)
			(void)sqlite3_reset(st);
		else
			len++;
	}
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return 0;
}

/* The arguments of a change made in a transaction. */
typedef struct {
	const char *name;
	const char *hash; /* new password hash */
	int flag;	  /* must_change, or disabled */
} change;

/* Steps an update of one account (bound, by name); WP_ENOTFOUND when no
 * row changed. */
static int update_named(wp_accounts *a, sqlite3_stmt *st, const char *name)
{
	int changes = 0, rc = step_done(a, st, "update", &changes);

	if (rc == 0 && changes == 0)
		rc = not_found(name);
	return rc;
}

static int end_sessions_of(wp_accounts *a, const char *name)
{
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_SESS_END_ALL, "t", name);

	return rc == 0 ? step_done(a, st, "sessions", NULL) : rc;
}

static void throttle_key(char out[KEY_MAX], const char *kind, const char *what)
{
	snprintf(out, KEY_MAX, "%s%s", kind, what);
}

static int throttle_clear(wp_accounts *a, const char *name)
{
	char key[KEY_MAX];
	sqlite3_stmt *st;
	int rc;

	throttle_key(key, "name:", name);
	rc = stmt(&st, a, ST_THR_DEL, "t", key);
	return rc == 0 ? step_done(a, st, "throttle", NULL) : rc;
}

/* A new password ends the sessions, and lifts a lock on the name: a
 * beheerder who sets one means the person to log in with it now. */
static int tx_password(wp_accounts *a, void *arg)
{
	const change *c = arg;
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_SET_PASSWORD, "ttb", c->name, c->hash, c->flag);

	if (rc == 0)
		rc = update_named(a, st, c->name);
	if (rc == 0)
		rc = end_sessions_of(a, c->name);
	if (rc == 0)
		rc = throttle_clear(a, c->name);
	return rc;
}

int wp_accounts_set_password(wp_accounts *a, const char *name, const char *password,
			     int must_change)
{
	char hash[crypto_pwhash_STRBYTES];
	change c = { name, hash, must_change };
	int rc;

	assert(a && name);
	rc = wp_password_check(password);
	if (rc == 0)
		rc = hash_password(hash, password);
	return rc == 0 ? in_transaction(a, tx_password, &c) : rc;
}

int wp_accounts_set_role(wp_accounts *a, const char *name, wp_role role)
{
	sqlite3_stmt *st;
	int rc;

	assert(a && name);
	rc = role_check(role);
	if (rc == 0)
		rc = stmt(&st, a, ST_SET_ROLE, "tt", name, wp_role_name(role));
	return rc == 0 ? update_named(a, st, name) : rc;
}

int wp_accounts_set_team(wp_accounts *a, const char *name, const char *team)
{
	sqlite3_stmt *st;
	int rc;

	assert(a && name);
	rc = optional_team_check(team);
	if (rc == 0)
		rc = stmt(&st, a, ST_SET_TEAM, "tt", name, team ? team : "");
	return rc == 0 ? update_named(a, st, name) : rc;
}

int wp_accounts_set_display(wp_accounts *a, const char *name, const char *display)
{
	sqlite3_stmt *st;
	int rc = 0;

	assert(a && name);
	if (display && display[0])
		rc = wp_display_name_check(display);
	if (rc == 0)
		rc = stmt(&st, a, ST_SET_DISPLAY, "tt", name, display ? display : "");
	return rc == 0 ? update_named(a, st, name) : rc;
}

/* Disabling ends the sessions; the API tokens stay but stop working
 * (every lookup checks the account), so enabling brings them back. */
static int tx_disabled(wp_accounts *a, void *arg)
{
	const change *c = arg;
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_SET_DISABLED, "tb", c->name, c->flag);

	if (rc == 0)
		rc = update_named(a, st, c->name);
	if (rc == 0 && c->flag)
		rc = end_sessions_of(a, c->name);
	return rc;
}

int wp_accounts_set_disabled(wp_accounts *a, const char *name, int disabled)
{
	change c = { name, NULL, disabled };

	assert(a && name);
	return in_transaction(a, tx_disabled, &c);
}

/* ---- login and its throttle ------------------------------------------------------------------ */

typedef struct {
	long long failures, locked_until, last_failure;
} throttle;

/* The state of key at now. A key whose lock ran out and whose last
 * failure is lock_max_s old reads as new (the decay). */
static int throttle_get(wp_accounts *a, const char *key, long long now, throttle *t)
{
	sqlite3_stmt *st;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = stmt(&st, a, ST_THR_GET, "t", key);
	if (rc == 0)
		rc = step_row(a, st, "throttle");
	if (rc != 1)
		return rc;
	t->failures = sqlite3_column_int64(st, 0);
	t->locked_until = sqlite3_column_int64(st, 1);
	t->last_failure = sqlite3_column_int64(st, 2);
	(void)sqlite3_reset(st);
	if (t->locked_until <= now && t->last_failure <= now - a->lim.lock_max_s)
		memset(t, 0, sizeof(*t));
	return 0;
}

/* Forgets keys that have decayed, so the table does not grow with every
 * name ever tried. */
static int throttle_prune(wp_accounts *a, long long now)
{
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_THR_PRUNE, "ii", now, now - a->lim.lock_max_s);

	return rc == 0 ? step_done(a, st, "throttle", NULL) : rc;
}

/* The keys a login counts against, and the longest wait among them. */
typedef struct {
	char name[KEY_MAX], addr[KEY_MAX];
	const char *keys[2];
	size_t n;
	long long now;
	long long wait;
} login_keys;

/* Seconds until every key of k is free into k->wait (0: none locked). */
static int throttle_wait(wp_accounts *a, login_keys *k)
{
	throttle t;
	size_t i;
	int rc = 0;

	k->wait = 0;
	for (i = 0; i < k->n && rc == 0; i++) {
		rc = throttle_get(a, k->keys[i], k->now, &t);
		if (rc == 0 && t.locked_until - k->now > k->wait)
			k->wait = t.locked_until - k->now;
	}
	return rc;
}

/* The lock of key after failures failures: none before free_tries (for an
 * address: addr_free_tries), then lock_s,
 * doubled for every failure after that, at most lock_max_s. */
static long long lock_length(const wp_accounts_limits *lim, const char *key, long long failures)
{
	long long d = lim->lock_s, over;
	long long free_tries = strncmp(key, "addr:", 5) == 0 ? (long long)lim->addr_free_tries
							     : (long long)lim->free_tries;

	if (failures < free_tries)
		return 0;
	for (over = failures - free_tries; over > 0 && d < lim->lock_max_s; over--)
		d *= 2;
	return d < lim->lock_max_s ? d : lim->lock_max_s;
}

/* Counts one failure against every key of k, in one transaction so two
 * failures at once both count; k->wait gets the longest lock now. */
static int tx_fail(wp_accounts *a, void *arg)
{
	login_keys *k = arg;
	sqlite3_stmt *st;
	throttle t;
	long long d;
	size_t i;
	int rc = 0;

	k->wait = 0;
	for (i = 0; i < k->n && rc == 0; i++) {
		rc = throttle_get(a, k->keys[i], k->now, &t);
		if (rc < 0)
			break;
		t.failures++;
		t.last_failure = k->now;
		d = lock_length(&a->lim, k->keys[i], t.failures);
		if (d > 0)
			t.locked_until = k->now + d;
		if (t.locked_until - k->now > k->wait)
			k->wait = t.locked_until - k->now;
		rc = stmt(&st, a, ST_THR_PUT, "tiii", k->keys[i], t.failures, t.locked_until,
			  t.last_failure);
		if (rc == 0)
			rc = step_done(a, st, "throttle", NULL);
	}
	return rc;
}

/* Lower-cases an ASCII login name into out (people type "Anna" on a
 * phone); 0 when it cannot be a login name at all. */
static int fold_name(char out[WP_NAME_MAX + 1], const char *name)
{
	size_t i;

	if (!name || strlen(name) > WP_NAME_MAX)
		return 0;
	for (i = 0; name[i]; i++)
		out[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
	out[i] = '\0';
	return name_shape_ok(out);
}

/* Makes the connection's dummy hash, once. */
static int ensure_dummy(wp_accounts *a)
{
	unsigned char secret[16];
	char hex[sizeof(secret) * 2 + 1];
	int rc;

	if (a->dummy[0])
		return 0;
	randombytes_buf(secret, sizeof(secret));
	sodium_bin2hex(hex, sizeof(hex), secret, sizeof(secret));
	rc = hash_password(a->dummy, hex);
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* Stores a new hash of a right password when the stored one was made
 * with weaker settings than today's. */
static int rehash_if_old(wp_accounts *a, const char *stored, const char *name,
			 const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc;

	if (crypto_pwhash_str_needs_rehash(stored, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					   crypto_pwhash_MEMLIMIT_INTERACTIVE) != 1)
		return 0;
	rc = hash_password(hash, password);
	if (rc == 0)
		rc = stmt(&st, a, ST_REHASH, "tt", name, hash);
	return rc == 0 ? step_done(a, st, "rehash", NULL) : rc;
}

/* Checks password for the account called name (NULL: a name no account
 * can have). *ok is 1 when it is right and the account enabled; *out
 * then holds the account. An unknown name costs the same argon2 work. */
static int verify(wp_accounts *a, const char *name, const char *password, wp_account *out,
		  int *ok)
{
	char stored[crypto_pwhash_STRBYTES];
	size_t len = password ? strlen(password) : 0;
	sqlite3_stmt *st;
	int rc = 0, found = 0, right;

	*ok = 0;
	if (name) {
		rc = stmt(&st, a, ST_ACC_PASSWORD, "t", name);
		if (rc == 0)
			rc = step_row(a, st, "login");
		if (rc == 1) {
			found = 1;
			snprintf(stored, sizeof(stored), "%s", column_text(st, 8));
			rc = read_account(out, st, 0);
			(void)sqlite3_reset(st);
		}
		if (rc < 0)
			return rc;
	}
	if (!found)
		memcpy(stored, a->dummy, sizeof(stored));
	/* an over-long password is verified as empty: the same work, and no
	 * stored password is empty */
	right = crypto_pwhash_str_verify(stored, password ? password : "",
					 len > PASSWORD_MAX ? 0 : len) == 0;
	*ok = found && right && !out->disabled;
	return *ok ? rehash_if_old(a, stored, name, password) : 0;
}

static void locked_message(long long wait)
{
	long long minutes = (wait + 59) / 60;

	if (minutes <= 1)
		wp_error_set("%s", wp_t("accounts.locked_one"));
	else
		wp_error_set(wp_t("accounts.locked"), minutes);
}

int wp_accounts_login(wp_accounts *a, const char *name, const char *password, const char *addr,
		      long long now, wp_account *out, long long *retry_after)
{
	char folded[WP_NAME_MAX + 1];
	login_keys k;
	int rc, known_shape, ok = 0;

	assert(a && out);
	memset(&k, 0, sizeof(k));
	memset(out, 0, sizeof(*out));
	if (retry_after)
		*retry_after = 0;
	k.now = now;
	known_shape = fold_name(folded, name);
	if (known_shape) {
		throttle_key(k.name, "name:", folded);
		k.keys[k.n++] = k.name;
	}
	if (addr && addr[0]) {
		throttle_key(k.addr, "addr:", addr);
		k.keys[k.n++] = k.addr;
	}
	rc = ensure_dummy(a);
	if (rc == 0)
		rc = throttle_wait(a, &k);
	if (rc == 0 && k.wait > 0) {
		/* refused unseen; the try still counts and lengthens the lock */
		rc = in_transaction(a, tx_fail, &k);
		if (rc < 0)
			return rc;
		if (retry_after)
			*retry_after = k.wait;
		locked_message(k.wait);
		return WP_ELOCKED;
	}
	if (rc == 0)
		rc = verify(a, known_shape ? folded : NULL, password, out, &ok);
	if (rc == 0 && !ok)
		rc = in_transaction(a, tx_fail, &k);
	if (rc < 0 || !ok) {
		memset(out, 0, sizeof(*out));
		if (rc == 0) {
			wp_error_set("%s", wp_t("accounts.bad_login"));
			rc = WP_EFORBIDDEN;
		}
		return rc;
	}
	rc = throttle_clear(a, folded);
	if (rc == 0)
		rc = throttle_prune(a, now);
	return rc;
}

/* ---- sessions -------------------------------------------------------------------------------- */

/* 256 random bits as 64 lowercase hex digits. */
static void new_token(char out[WP_TOKEN_HEX])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, WP_TOKEN_HEX, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* Exactly 64 lowercase hex digits. */
static int hex64(const char *s)
{
	size_t i;

	for (i = 0; i < WP_TOKEN_HEX - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/* What is stored of a token: the hex of its BLAKE2b hash. A fast hash is
 * enough for 256 random bits; nobody guesses back from it. */
static void token_hash(char out[WP_TOKEN_HEX], const char *hex)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)hex, WP_TOKEN_HEX - 1, NULL, 0);
	sodium_bin2hex(out, WP_TOKEN_HEX, h, sizeof(h));
}

/* Non-zero when column c of st holds hash (compared in constant time). */
static int same_hash(sqlite3_stmt *st, int c, const char *hash)
{
	const char *stored = column_text(st, c);

	return strlen(stored) == WP_TOKEN_HEX - 1 &&
	       sodium_memcmp(stored, hash, WP_TOKEN_HEX - 1) == 0;
}

static int session_unknown(void)
{
	wp_error_set("%s", wp_t("accounts.session_unknown"));
	return WP_ENOTFOUND;
}

int wp_session_create(wp_accounts *a, long long account_id, long long now,
		      char token[WP_TOKEN_HEX], char csrf[WP_TOKEN_HEX])
{
	char hash[WP_TOKEN_HEX];
	sqlite3_stmt *st;
	int rc, changes = 0;

	assert(a && token && csrf);
	new_token(token);
	new_token(csrf);
	token_hash(hash, token);
	/* a login is the moment to forget sessions nobody can use any more */
	rc = stmt(&st, a, ST_SESS_PRUNE, "ii", now - a->lim.idle_s, now - a->lim.max_s);
	if (rc == 0)
		rc = step_done(a, st, "sessions", NULL);
	if (rc == 0)
		rc = stmt(&st, a, ST_SESS_ADD, "titi", hash, account_id, csrf, now);
	if (rc == 0)
		rc = step_done(a, st, "session", &changes);
	if (rc == 0 && changes == 0) {
		wp_error_set("%s", wp_t("accounts.no_account"));
		rc = WP_ENOTFOUND;
	}
	if (rc < 0) {
		sodium_memzero(token, WP_TOKEN_HEX);
		sodium_memzero(csrf, WP_TOKEN_HEX);
	}
	return rc;
}

/* Deletes the session stored under hash. */
static int session_delete(wp_accounts *a, const char *hash)
{
	sqlite3_stmt *st;
	int rc = stmt(&st, a, ST_SESS_DEL, "t", hash);

	return rc == 0 ? step_done(a, st, "session", NULL) : rc;
}

int wp_session_lookup(wp_accounts *a, const char *token, long long now, wp_account *acct,
		      char csrf[WP_TOKEN_HEX])
{
	char hash[WP_TOKEN_HEX], kept[WP_TOKEN_HEX];
	long long created, last_seen;
	sqlite3_stmt *st;
	int rc, same, read;

	assert(a && acct);
	memset(acct, 0, sizeof(*acct));
	if (!token || !hex64(token))
		return session_unknown();
	token_hash(hash, token);
	rc = stmt(&st, a, ST_SESS_GET, "t", hash);
	if (rc == 0)
		rc = step_row(a, st, "session");
	if (rc <= 0)
		return rc < 0 ? rc : session_unknown();
	same = same_hash(st, 0, hash);
	snprintf(kept, sizeof(kept), "%s", column_text(st, 1));
	created = sqlite3_column_int64(st, 2);
	last_seen = sqlite3_column_int64(st, 3);
	read = read_account(acct, st, 4);
	(void)sqlite3_reset(st);
	if (read < 0 || !same)
		return read < 0 ? read : session_unknown();
	if (now - last_seen >= a->lim.idle_s || now - created >= a->lim.max_s || acct->disabled) {
		memset(acct, 0, sizeof(*acct));
		rc = session_delete(a, hash);
		return rc < 0 ? rc : session_unknown();
	}
	if (now - last_seen >= TOUCH_EVERY_S) {
		rc = stmt(&st, a, ST_SESS_TOUCH, "ti", hash, now);
		if (rc == 0)
			rc = step_done(a, st, "session", NULL);
		if (rc < 0)
			return rc;
	}
	if (csrf)
		memcpy(csrf, kept, WP_TOKEN_HEX);
	return 0;
}

int wp_session_end(wp_accounts *a, const char *token)
{
	char hash[WP_TOKEN_HEX];

	assert(a);
	if (!token || !hex64(token))
		return 0;
	token_hash(hash, token);
	return session_delete(a, hash);
}

/* ---- API tokens ------------------------------------------------------------------------------ */

static int token_unknown(void)
{
	wp_error_set("%s", wp_t("accounts.token_unknown"));
	return WP_ENOTFOUND;
}

int wp_token_create(wp_accounts *a, long long account_id, const char *label, long long now,
		    char token[4 + WP_TOKEN_HEX])
{
	char hash[WP_TOKEN_HEX];
	wp_account acct;
	sqlite3_stmt *st;
	int rc = 0;

	assert(a && token);
	token[0] = '\0';
	if (!label || !label[0])
		label = wp_t("accounts.token_label");
	else if (!text_ok(label))
		rc = invalid("accounts.bad_label");
	if (rc == 0)
		rc = account_by_id(a, account_id, &acct);
	if (rc == 0 && acct.disabled) {
		wp_error_set(wp_t("accounts.disabled"), acct.name);
		rc = WP_EFORBIDDEN;
	}
	if (rc < 0)
		return rc;
	memcpy(token, TOKEN_PREFIX, 4);
	new_token(token + 4);
	token_hash(hash, token + 4);
	rc = stmt(&st, a, ST_TOK_ADD, "itti", account_id, hash, label, now);
	if (rc == 0)
		rc = step_done(a, st, "token", NULL);
	if (rc < 0)
		sodium_memzero(token, 4 + WP_TOKEN_HEX);
	return rc;
}

int wp_token_lookup(wp_accounts *a, const char *token, long long now, wp_account *acct)
{
	char hash[WP_TOKEN_HEX];
	long long id, last_used;
	sqlite3_stmt *st;
	int rc, same, read;

	assert(a && acct);
	memset(acct, 0, sizeof(*acct));
	if (!token || strncmp(token, TOKEN_PREFIX, 4) != 0 || !hex64(token + 4))
		return token_unknown();
	token_hash(hash, token + 4);
	rc = stmt(&st, a, ST_TOK_GET, "t", hash);
	if (rc == 0)
		rc = step_row(a, st, "token");
	if (rc <= 0)
		return rc < 0 ? rc : token_unknown();
	same = same_hash(st, 0, hash);
	id = sqlite3_column_int64(st, 1);
	last_used = sqlite3_column_int64(st, 2);
	read = read_account(acct, st, 3);
	(void)sqlite3_reset(st);
	if (read < 0 || !same || acct->disabled) {
		memset(acct, 0, sizeof(*acct));
		return read < 0 ? read : token_unknown();
	}
	rc = 0;
	if (now - last_used >= TOUCH_EVERY_S) {
		rc = stmt(&st, a, ST_TOK_TOUCH, "ii", id, now);
		if (rc == 0)
			rc = step_done(a, st, "token", NULL);
	}
	return rc;
}

int wp_token_list(wp_accounts *a, long long account_id, wp_token_info **out, size_t *n)
{
	wp_token_info *v = NULL;
	void *grown;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st;
	int rc;

	assert(a && out && n);
	*out = NULL;
	*n = 0;
	rc = stmt(&st, a, ST_TOK_LIST, "i", account_id);
	while (rc == 0) {
		rc = step_row(a, st, "tokens");
		if (rc <= 0)
			break;
		grown = v;
		if ((rc = room_for_one(st, &grown, &cap, len, sizeof(*v))) < 0)
			break;
		v = grown;
		v[len].id = sqlite3_column_int64(st, 0);
		snprintf(v[len].label, sizeof(v[len].label), "%s", column_text(st, 1));
		v[len].created = sqlite3_column_int64(st, 2);
		v[len].last_used = sqlite3_column_int64(st, 3);
		len++;
	}
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return 0;
}

int wp_token_revoke(wp_accounts *a, long long account_id, long long token_id)
{
	sqlite3_stmt *st;
	int rc, changes = 0;

	assert(a);
	rc = stmt(&st, a, ST_TOK_REVOKE, "ii", account_id, token_id);
	if (rc == 0)
		rc = step_done(a, st, "token", &changes);
	if (rc == 0 && changes == 0) {
		wp_error_set("%s", wp_t("accounts.token_not_found"));
		rc = WP_ENOTFOUND;
	}
	return rc;
}
