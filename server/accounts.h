/* accounts.h - the state database: accounts, sessions, API tokens and
 * failed logins, in data_dir/state.db (SQLite, WAL).
 *
 * Unlike the search index this database is not derived from git: it is
 * the one place accounts live, so it belongs in every backup. Secrets are
 * never stored: passwords as libsodium argon2id strings
 * (crypto_pwhash_str), session and API tokens as BLAKE2b hashes (they are
 * 256 random bits, so a fast hash is enough). A wp_accounts is one SQLite
 * connection: open one per thread; processes (the CLI beside a running
 * server) may share the file.
 *
 * Times are seconds since the epoch and passed in (now), so expiry and
 * lockout can be tested without waiting. */
#ifndef WP_ACCOUNTS_H
#define WP_ACCOUNTS_H

#include "access.h"

#include <stddef.h>

#define WP_NAME_MAX 64	   /* login and team names */
#define WP_DISPLAY_MAX 128 /* display names, token labels */
#define WP_TOKEN_HEX 65	   /* 64 hex digits (256 bits) + NUL */

typedef struct wp_accounts wp_accounts;

typedef struct {
	long long id;
	char name[WP_NAME_MAX + 1];	  /* login name: [a-z0-9][a-z0-9._-]{0,63} */
	char display[WP_DISPLAY_MAX + 1]; /* shown as author; defaults to name */
	wp_role role;			  /* never WP_ROLE_ANONIEM */
	char team[WP_NAME_MAX + 1];	  /* "" when none */
	int disabled;
	int must_change; /* logged in with a one-time password: change it first */
	long long created;
} wp_account;

/* Session and login-throttle settings. */
typedef struct {
	long long idle_s;     /* a session unused this long ends (default 7200) */
	long long max_s;      /* a session ends this long after login (default 43200) */
	unsigned free_tries;  /* failed logins allowed before a lock (default 5) */
	long long lock_s;     /* first lock; doubles per further failure (default 60) */
	long long lock_max_s; /* longest lock (default 3600) */
	/* failed logins from one address before it is locked (default 20):
	 * higher than per name, as a team may share one address */
	unsigned addr_free_tries;
} wp_accounts_limits;
#define WP_ACCOUNTS_LIMITS_DEFAULT { 7200, 43200, 5, 60, 3600, 20 }

/* Opens (creating file and schema when missing) the state database.
 * limits NULL: the defaults. Returns 0, or WP_ERROR with a message when
 * the file cannot be used. Free with wp_accounts_free(). */
int wp_accounts_open(wp_accounts **out, const char *file, const wp_accounts_limits *limits);
void wp_accounts_free(wp_accounts *a);

/* Input checks, each 0 or WP_EINVALID with a Dutch message. */
int wp_account_name_check(const char *name);
int wp_team_name_check(const char *team); /* same shape as a login name */
int wp_display_name_check(const char *display); /* 1-128 bytes UTF-8, no controls */
int wp_password_check(const char *password);	/* 10 to 1024 bytes */

#define WP_ONETIME_LEN 20
/* A one-time password: WP_ONETIME_LEN characters drawn uniformly from
 * letters and digits that cannot be mistaken for one another (no 0/O/o,
 * 1/l/I/i), about 115 bits. */
void wp_password_onetime(char out[WP_ONETIME_LEN + 1]);

/* Adds an account. display NULL or "": name. team NULL or "": none.
 * must_change: the password is one-time. WP_EEXISTS when the name is
 * taken, WP_EINVALID for bad input. */
int wp_accounts_add(wp_accounts *a, const char *name, const char *display, wp_role role,
		    const char *team, const char *password, int must_change, long long now);

/* The account called name into *out, or WP_ENOTFOUND. */
int wp_accounts_get(wp_accounts *a, const char *name, wp_account *out);

/* Every account, sorted by name, into *out (malloc'd array the caller
 * frees) and *n. */
int wp_accounts_list(wp_accounts *a, wp_account **out, size_t *n);

/* Changes of one account; each WP_ENOTFOUND for an unknown name and
 * WP_EINVALID for bad input. A new password and disabling end every
 * session of the account; disabling also stops its API tokens working
 * (until enabled again). A new password also lifts a lock on the name
 * (the login throttle). team NULL or "": none. display NULL or "": the
 * name. */
int wp_accounts_set_password(wp_accounts *a, const char *name, const char *password,
			     int must_change);
int wp_accounts_set_role(wp_accounts *a, const char *name, wp_role role);
int wp_accounts_set_team(wp_accounts *a, const char *name, const char *team);
int wp_accounts_set_display(wp_accounts *a, const char *name, const char *display);
int wp_accounts_set_disabled(wp_accounts *a, const char *name, int disabled);

/* Checks a login by name and password from client address addr (NULL:
 * not counted per address). ASCII capitals in name are taken as small
 * letters. The same work is done for an unknown name as for a known one
 * (a dummy hash is verified), and every failure - unknown name, wrong
 * password, disabled account - is the same WP_EFORBIDDEN with one generic
 * message, so nothing tells which. After limits.free_tries failures for
 * the name (known or not) or for the address, further tries are refused
 * with WP_ELOCKED and *retry_after (may be NULL) set to the seconds left,
 * without checking the password; each try while locked counts as a
 * failure and doubles the lock, up to lock_max_s. A success clears the
 * name's failures. The address's failures are not cleared by a success
 * (someone with an account could reset them between guesses at other
 * names); they decay instead: once the lock has run out and the last
 * failure is lock_max_s old, the count starts again (a name's as well).
 * Returns 0 and fills *out on success; *out is zeroed otherwise. */
int wp_accounts_login(wp_accounts *a, const char *name, const char *password, const char *addr,
		      long long now, wp_account *out, long long *retry_after);

/* Starts a session for account id: a new random token and CSRF token
 * (64 hex digits each) into token and csrf. Only the token's hash is
 * kept. WP_ENOTFOUND when the account does not exist or is disabled. */
int wp_session_create(wp_accounts *a, long long account_id, long long now,
		      char token[WP_TOKEN_HEX], char csrf[WP_TOKEN_HEX]);

/* The session of token: fills *acct and csrf (may be NULL), and notes
 * the use (at most once a minute, so reads stay reads). WP_ENOTFOUND when
 * the token is malformed, unknown, ended, idle or older than the limits,
 * or its account is disabled (an expired session is deleted). A session
 * is idle when unused for idle_s or more seconds, too old at max_s or
 * more. */
int wp_session_lookup(wp_accounts *a, const char *token, long long now, wp_account *acct,
		      char csrf[WP_TOKEN_HEX]);

/* Ends the session of token (logout). Unknown tokens are fine. */
int wp_session_end(wp_accounts *a, const char *token);

/* An API token of an account. */
typedef struct {
	long long id;
	char label[WP_DISPLAY_MAX + 1];
	long long created;
	long long last_used; /* 0: never */
} wp_token_info;

/* Creates an API token for account id with label (NULL or "": a default
 * label; else as a display name) into token: "wpt_" followed by 64 hex
 * digits. Only its hash is kept: it cannot be shown again. WP_ENOTFOUND
 * for an unknown account, WP_EFORBIDDEN for a disabled one. */
int wp_token_create(wp_accounts *a, long long account_id, const char *label, long long now,
		    char token[4 + WP_TOKEN_HEX]);

/* The account of API token token into *acct, noting its use (at most once
 * a minute). WP_ENOTFOUND when malformed, unknown, revoked, or the account
 * is disabled. */
int wp_token_lookup(wp_accounts *a, const char *token, long long now, wp_account *acct);

/* The tokens of account id, newest first, into *out (malloc'd, caller
 * frees) and *n. Revoked tokens are not listed. */
int wp_token_list(wp_accounts *a, long long account_id, wp_token_info **out, size_t *n);

/* Revokes token token_id of account id; WP_ENOTFOUND when the account
 * has no such (unrevoked) token. */
int wp_token_revoke(wp_accounts *a, long long account_id, long long token_id);

#endif
