/* http_account.c - the pages of accounts: login, logout, one's own
 * account (password, API tokens) and, for a beheerder, everyone's. */
#include "error.h"
#include "http_int.h"
#include "texts.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOGIN_COOKIE "wp_login"

static long long now_s(void)
{
	return (long long)time(NULL);
}

/* Frees a password read from a form, wiped first: freed memory is reused. */
static void free_secret(char *s)
{
	if (s)
		sodium_memzero(s, strlen(s));
	free(s);
}

/* A place to return to after login: a path on this site only, never
 * "//elsewhere" or anything a browser could read as another origin. */
static void safe_return(char *out, size_t n, const char *terug)
{
	const char *p;

	snprintf(out, n, "/");
	if (!terug || terug[0] != '/' || terug[1] == '/' || terug[1] == '\\')
		return;
	for (p = terug; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return;
	if (strlen(terug) < n)
		snprintf(out, n, "%s", terug);
}

static void session_cookie(char *out, size_t n, const wp_req *r, const char *token,
			   long long max_age)
{
	snprintf(out, n, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%lld%s", WP_SESSION_COOKIE,
		 token, max_age, r->tls ? "; Secure" : "");
}

/* ---- login and logout ---- */

/* The login form with a fresh form token, kept in a cookie of its own:
 * there is no session yet to hold it, and a form posted from another
 * site cannot know it (login CSRF). */
static int login_form(wp_req *r, int status, const char *error, const char *name,
		      const char *terug, const char *retry_after)
{
	unsigned char raw[32];
	char nonce[65], cookie[200], back[1100];
	const char *hdr[] = { "Set-Cookie", cookie, NULL, NULL, NULL };
	json_t *data;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(nonce, sizeof(nonce), raw, sizeof(raw));
	snprintf(cookie, sizeof(cookie),
		 "%s=%s; Path=/inloggen; HttpOnly; SameSite=Strict; Max-Age=3600%s", LOGIN_COOKIE,
		 nonce, r->tls ? "; Secure" : "");
	if (retry_after) {
		hdr[2] = "Retry-After";
		hdr[3] = retry_after;
	}
	safe_return(back, sizeof(back), terug);
	data = json_pack("{s:s, s:s, s:s, s:s}", "title", wp_t("login.title"), "login_token",
			 nonce, "name", name ? name : "", "terug", back);
	if (data && error)
		json_object_set_new(data, "error", json_string(error));
	return wp_send_page(r, status, "login", data, hdr);
}

static int login_token_ok(wp_req *r, const char *posted)
{
	const char *cookies = mg_get_header(r->conn, "Cookie");
	char kept[80];

	if (!posted || !cookies || mg_get_cookie(cookies, LOGIN_COOKIE, kept, sizeof(kept)) != 64)
		return 0;
	return strlen(posted) == 64 && sodium_memcmp(posted, kept, 64) == 0;
}

/* A session for acct: ends the one the browser had (a new token at every
 * login, so a planted one is useless) and answers with the cookie. */
static int start_session(wp_req *r, const wp_account *acct, const char *to)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], cookie[300];
	const char *hdr[] = { "Set-Cookie", cookie, "Location", to, NULL };
	int rc;

	if (r->session[0])
		wp_session_end(r->accounts, r->session);
	rc = wp_session_create(r->accounts, acct->id, now_s(), token, csrf);
	if (rc < 0)
		return wp_send_error(r, 500, NULL);
	session_cookie(cookie, sizeof(cookie), r, token, r->app->limits.max_s);
	sodium_memzero(token, sizeof(token));
	return wp_send(r, 303, "text/plain; charset=utf-8", "", 0, hdr);
}

static int login_post(wp_req *r)
{
	char *name, *password, *token, *terug, back[1100], retry[32], msg[256];
	long long retry_after = 0;
	wp_account acct;
	int rc;

	if (wp_req_read_body(r) < 0)
		return 413;
	name = wp_form_get(r->body.ptr, r->body.len, "naam");
	password = wp_form_get(r->body.ptr, r->body.len, "wachtwoord");
	token = wp_form_get(r->body.ptr, r->body.len, "csrf");
	terug = wp_form_get(r->body.ptr, r->body.len, "terug");
	if (!login_token_ok(r, token)) {
		rc = login_form(r, 403, wp_t("login.expired"), name, terug, NULL);
	} else if (!name || !*name || !password || !*password) {
		rc = login_form(r, 400, wp_t("login.need_both"), name, terug, NULL);
	} else {
		rc = wp_accounts_login(r->accounts, name, password, r->addr, now_s(), &acct,
				       &retry_after);
		if (rc == 0) {
			safe_return(back, sizeof(back), terug);
			rc = start_session(r, &acct,
					   acct.must_change ? "/account/wachtwoord" : back);
		} else if (rc == WP_ELOCKED) {
			snprintf(retry, sizeof(retry), "%lld", retry_after);
			snprintf(msg, sizeof(msg), wp_t("login.locked"), (retry_after + 59) / 60);
			rc = login_form(r, 429, msg, name, terug, retry);
		} else if (rc == WP_EFORBIDDEN) {
			rc = login_form(r, 401, wp_t("login.failed"), name, terug, NULL);
		} else {
			rc = wp_send_error(r, 500, NULL);
		}
	}
	free_secret(password);
	free(name);
	free(token);
	free(terug);
	return rc;
}

int wp_page_login(wp_req *r)
{
	char *terug;
	int rc;

	if (r->method == WP_POST)
		return login_post(r);
	terug = wp_query_get(r, "terug");
	rc = login_form(r, 200, NULL, NULL, terug, NULL);
	free(terug);
	return rc;
}

int wp_page_logout(wp_req *r)
{
	char cookie[200];
	const char *hdr[] = { "Set-Cookie", cookie, "Location", "/", NULL };

	if (!r->session[0])
		return wp_send_redirect(r, 303, "/");
	if (r->method != WP_POST)
		return wp_send_page(r, 200, "logout",
				    json_pack("{s:s}", "title", wp_t("logout.title")), NULL);
	if (wp_session_end(r->accounts, r->session) < 0)
		return wp_send_error(r, 500, NULL);
	session_cookie(cookie, sizeof(cookie), r, "", 0);
	return wp_send(r, 303, "text/plain; charset=utf-8", "", 0, hdr);
}

/* ---- one's own account ---- */

static json_t *token_rows(wp_req *r)
{
	wp_token_info *list = NULL;
	json_t *rows = json_array();
	char date[32], used[32];
	size_t n = 0, i;

	if (wp_token_list(r->accounts, r->account.id, &list, &n) < 0) {
		json_decref(rows);
		return NULL;
	}
	for (i = 0; rows && i < n; i++) {
		wp_format_time(date, sizeof(date), list[i].created);
		if (list[i].last_used)
			wp_format_time(used, sizeof(used), list[i].last_used);
		else
			snprintf(used, sizeof(used), "%s", wp_t("account.never"));
		json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:s}", "id",
						      (json_int_t)list[i].id, "label", list[i].label,
						      "created", date, "used", used));
	}
	free(list);
	return rows;
}

static int account_page(wp_req *r, int status, json_t *extra)
{
	json_t *data, *tokens = token_rows(r);

	if (!tokens) {
		json_decref(extra);
		return wp_send_error(r, 500, NULL);
	}
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:b}", "title",
			 wp_t("account.title"), "name", r->account.name, "display",
			 r->account.display, "role", wp_role_name(r->account.role), "team",
			 r->account.team, "has_tokens", json_array_size(tokens) > 0, "tokens",
			 tokens, "by_session", r->session[0] != 0);
	if (data && extra)
		json_object_update(data, extra);
	json_decref(extra);
	return wp_send_page(r, status, "account", data, NULL);
}

int wp_page_account(wp_req *r)
{
	if (!r->account.id)
		return wp_auth_to_login(r);
	return account_page(r, 200, NULL);
}

static int password_form(wp_req *r, int status, const char *error)
{
	json_t *data = json_pack("{s:s, s:b}", "title", wp_t("password.title"), "must_change",
				 r->account.must_change);

	if (data && error)
		json_object_set_new(data, "error", json_string(error));
	return wp_send_page(r, status, "password", data, NULL);
}

/* Changes the password of the session's account after checking the
 * current one (through the login check, so guessing here is throttled
 * like guessing at the login form); a new session replaces every old
 * one. */
static int password_post(wp_req *r)
{
	char *cur, *fresh, *again;
	long long retry = 0;
	wp_account acct;
	int rc;

	if (wp_req_read_body(r) < 0)
		return 413;
	cur = wp_form_get(r->body.ptr, r->body.len, "huidig");
	fresh = wp_form_get(r->body.ptr, r->body.len, "nieuw");
	again = wp_form_get(r->body.ptr, r->body.len, "herhaal");
	if (!cur || !fresh || !again) {
		rc = password_form(r, 400, wp_t("password.need_all"));
	} else if (strcmp(fresh, again) != 0) {
		rc = password_form(r, 400, wp_t("password.mismatch"));
	} else if (wp_password_check(fresh) < 0) {
		rc = password_form(r, 400, wp_error_last());
	} else if (strcmp(fresh, cur) == 0) {
		rc = password_form(r, 400, wp_t("password.same"));
	} else if ((rc = wp_accounts_login(r->accounts, r->account.name, cur, r->addr, now_s(),
					   &acct, &retry)) < 0) {
		rc = rc == WP_ELOCKED ? password_form(r, 429, wp_error_last())
		     : rc == WP_EFORBIDDEN ? password_form(r, 403, wp_t("password.wrong"))
					   : wp_send_error(r, 500, NULL);
	} else if (wp_accounts_set_password(r->accounts, r->account.name, fresh, 0) < 0) {
		rc = password_form(r, 400, wp_error_last());
	} else {
		r->session[0] = '\0'; /* already ended with the others */
		rc = start_session(r, &acct, "/account?wachtwoord=gewijzigd");
	}
	free_secret(cur);
	free_secret(fresh);
	free_secret(again);
	return rc;
}

int wp_page_password(wp_req *r)
{
	if (!r->session[0])
		return wp_auth_to_login(r);
	return r->method == WP_POST ? password_post(r) : password_form(r, 200, NULL);
}

/* POST /account/tokens: action "maken" (with "label") shows the new token
 * once; action "intrekken" (with "id") revokes one of one's own. */
int wp_page_tokens(wp_req *r)
{
	char *action, *label, *id, token[4 + WP_TOKEN_HEX], *end;
	long long tid;
	int rc;

	if (!r->account.id)
		return wp_auth_to_login(r);
	if (r->method != WP_POST)
		return wp_send_redirect(r, 303, "/account");
	if (wp_req_read_body(r) < 0)
		return 413;
	action = wp_form_get(r->body.ptr, r->body.len, "actie");
	label = wp_form_get(r->body.ptr, r->body.len, "label");
	id = wp_form_get(r->body.ptr, r->body.len, "id");
	if (action && strcmp(action, "maken") == 0) {
		if (label && *label && wp_display_name_check(label) < 0)
			rc = account_page(r, 400, json_pack("{s:s}", "error", wp_error_last()));
		else if (wp_token_create(r->accounts, r->account.id, label, now_s(), token) < 0)
			rc = wp_send_error(r, 500, NULL);
		else
			rc = account_page(r, 201, json_pack("{s:s}", "new_token", token));
		sodium_memzero(token, sizeof(token));
	} else if (action && strcmp(action, "intrekken") == 0 && id &&
		   (tid = strtoll(id, &end, 10)) > 0 && !*end) {
		rc = wp_token_revoke(r->accounts, r->account.id, tid);
		rc = rc == 0 ? wp_send_redirect(r, 303, "/account")
		     : rc == WP_ENOTFOUND ? wp_send_error(r, 404, wp_t("account.no_such_token"))
					  : wp_send_error(r, 500, NULL);
	} else {
		rc = wp_send_error(r, 400, wp_t("account.bad_action"));
	}
	free(action);
	free(label);
	free(id);
	return rc;
}

/* ---- accounts, for a beheerder ---- */

static json_t *user_rows(wp_req *r)
{
	wp_account *list = NULL;
	json_t *rows = json_array();
	size_t n = 0, i;

	if (wp_accounts_list(r->accounts, &list, &n) < 0) {
		json_decref(rows);
		return NULL;
	}
	for (i = 0; rows && i < n; i++)
		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "name", list[i].name,
					"display", list[i].display, "role",
					wp_role_name(list[i].role), "team", list[i].team,
					"disabled", list[i].disabled, "must_change",
					list[i].must_change, "is_me", list[i].id == r->account.id));
	free(list);
	return rows;
}

static int users_page(wp_req *r, int status, json_t *extra)
{
	json_t *rows = user_rows(r), *data, *roles = json_array();
	wp_role role;

	for (role = WP_ROLE_LEZER; roles && role <= WP_ROLE_BEHEERDER; role++)
		json_array_append_new(roles, json_pack("{s:s}", "role", wp_role_name(role)));
	if (!rows || !roles) {
		json_decref(rows);
		json_decref(roles);
		json_decref(extra);
		return wp_send_error(r, 500, NULL);
	}
	data = json_pack("{s:s, s:o, s:o}", "title", wp_t("users.title"), "users", rows, "roles",
			 roles);
	if (data && extra)
		json_object_update(data, extra);
	json_decref(extra);
	return wp_send_page(r, status, "users", data, NULL);
}

/* The form fields of a users-page action, owned. */
typedef struct {
	char *action, *name, *display, *role, *team;
} user_form;

static void user_form_dispose(user_form *f)
{
	free(f->action);
	free(f->name);
	free(f->display);
	free(f->role);
	free(f->team);
}

/* Runs one action; on success fills *shown with what to tell (a new
 * one-time password is shown once). Returns 0 or an error with message. */
static int user_action(wp_req *r, const user_form *f, json_t **shown)
{
	char pw[WP_ONETIME_LEN + 1];
	wp_role role = WP_ROLE_LEZER;
	int rc;

	*shown = NULL;
	if (!f->action || !f->name) {
		wp_error_set("%s", wp_t("account.bad_action"));
		return WP_EINVALID;
	}
	if ((strcmp(f->action, "toevoegen") == 0 || strcmp(f->action, "rol") == 0) &&
	    (rc = wp_role_parse(f->role, &role)) < 0)
		return rc;
	/* A beheerder does not lock themselves out by accident. */
	if (strcmp(f->name, r->account.name) == 0 &&
	    (strcmp(f->action, "uitschakelen") == 0 ||
	     (strcmp(f->action, "rol") == 0 && role != WP_ROLE_BEHEERDER))) {
		wp_error_set("%s", wp_t("users.not_yourself"));
		return WP_EINVALID;
	}
	if (strcmp(f->action, "toevoegen") == 0 || strcmp(f->action, "herstellen") == 0) {
		wp_password_onetime(pw);
		rc = strcmp(f->action, "toevoegen") == 0
			     ? wp_accounts_add(r->accounts, f->name, f->display, role, f->team, pw,
					       1, now_s())
			     : wp_accounts_set_password(r->accounts, f->name, pw, 1);
		if (rc == 0)
			*shown = json_pack("{s:s, s:s}", "shown_name", f->name, "shown_password",
					   pw);
		sodium_memzero(pw, sizeof(pw));
		return rc;
	}
	if (strcmp(f->action, "rol") == 0)
		return wp_accounts_set_role(r->accounts, f->name, role);
	if (strcmp(f->action, "team") == 0)
		return wp_accounts_set_team(r->accounts, f->name, f->team);
	if (strcmp(f->action, "naam") == 0)
		return wp_accounts_set_display(r->accounts, f->name, f->display);
	if (strcmp(f->action, "uitschakelen") == 0 || strcmp(f->action, "inschakelen") == 0)
		return wp_accounts_set_disabled(r->accounts, f->name,
						strcmp(f->action, "uitschakelen") == 0);
	wp_error_set("%s", wp_t("account.bad_action"));
	return WP_EINVALID;
}

int wp_page_users(wp_req *r)
{
	json_t *shown = NULL;
	user_form f;
	int rc;

	if (!r->account.id)
		return wp_auth_to_login(r);
	if (!wp_may_manage_users(&r->viewer))
		return wp_send_error(r, 403, wp_t("users.beheerder_only"));
	if (strcmp(r->rest, "") != 0)
		return wp_send_error(r, 404, NULL);
	if (r->method != WP_POST)
		return users_page(r, 200, NULL);
	if (wp_req_read_body(r) < 0)
		return 413;
	f.action = wp_form_get(r->body.ptr, r->body.len, "actie");
	f.name = wp_form_get(r->body.ptr, r->body.len, "naam");
	f.display = wp_form_get(r->body.ptr, r->body.len, "weergavenaam");
	f.role = wp_form_get(r->body.ptr, r->body.len, "rol");
	f.team = wp_form_get(r->body.ptr, r->body.len, "team");
	rc = user_action(r, &f, &shown);
	if (rc == 0 && shown)
		rc = users_page(r, 200, shown);
	else if (rc == 0)
		rc = wp_send_redirect(r, 303, "/beheer/gebruikers");
	else
		rc = users_page(r, wp_status_for(rc),
				json_pack("{s:s}", "error", wp_error_last()));
	user_form_dispose(&f);
	return rc;
}
