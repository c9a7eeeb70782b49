/* http_auth.c - who is asking: the client's address, API tokens, session
 * cookies, the CSRF check on every state-changing request, and the
 * one-time-password gate. Runs before the response cache and before any
 * handler, so no door is reached without an identity. */
#include "http_int.h"

#include "error.h"
#include "texts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int same_addr(const char *a, const char *b)
{
	if (strncmp(a, "::ffff:", 7) == 0)
		a += 7;
	if (strncmp(b, "::ffff:", 7) == 0)
		b += 7;
	return strcmp(a, b) == 0;
}

/* The client's address and scheme. A reverse proxy's headers are believed
 * only when the request comes from the configured proxy: anyone else
 * could send them to dodge the login lockout. The proxy appends the
 * address it saw, so the last entry of X-Forwarded-For is the one to
 * trust. */
static void name_client(wp_req *r)
{
	const char *proxy = r->app->cfg->trusted_proxy;
	const char *fwd, *proto, *last;
	size_t n;

	snprintf(r->addr, sizeof(r->addr), "%s", r->ri->remote_addr);
	r->tls = r->ri->is_ssl != 0;
	if (!proxy || !*proxy || !same_addr(r->ri->remote_addr, proxy))
		return;
	fwd = mg_get_header(r->conn, "X-Forwarded-For");
	if (fwd && *fwd) {
		last = strrchr(fwd, ',');
		last = last ? last + 1 : fwd;
		while (*last == ' ')
			last++;
		n = strcspn(last, " \t");
		if (n > 0 && n < sizeof(r->addr))
			snprintf(r->addr, sizeof(r->addr), "%.*s", (int)n, last);
	}
	proto = mg_get_header(r->conn, "X-Forwarded-Proto");
	if (proto && strcasecmp(proto, "https") == 0)
		r->tls = 1;
}

static void become(wp_req *r)
{
	r->viewer.role = r->account.role;
	r->viewer.name = r->account.name;
	r->viewer.display = r->account.display;
	r->viewer.team = r->account.team[0] ? r->account.team : NULL;
}

static int bad_token(wp_req *r)
{
	const char *hdr[] = { "WWW-Authenticate", "Bearer realm=\"werkplaats\"", NULL };

	return wp_send_error_with(r, 401, wp_t("auth.bad_token"), hdr);
}

int wp_auth_identify(wp_req *r)
{
	const char *auth = mg_get_header(r->conn, "Authorization");
	const char *cookies = mg_get_header(r->conn, "Cookie");
	long long now = (long long)time(NULL);
	char token[WP_TOKEN_HEX + 8];
	int rc;

	name_client(r);
	memset(&r->account, 0, sizeof(r->account));
	r->viewer = (wp_viewer){ WP_ROLE_ANONIEM, NULL, NULL, NULL,
				 (wp_vis)r->app->cfg->default_vis };
	if (!r->accounts)
		return wp_send_error(r, 500, NULL);
	/* A request that names a token means to act as its owner: a bad one
	 * is an error, never a silent fall-back to anonymous. */
	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7) != 0)
			return bad_token(r);
		rc = wp_token_lookup(r->accounts, auth + 7, now, &r->account);
		if (rc == WP_ENOTFOUND)
			return bad_token(r);
		if (rc < 0)
			return wp_send_error(r, 500, NULL);
		r->by_token = 1;
		become(r);
		return 0;
	}
	if (!cookies || mg_get_cookie(cookies, WP_SESSION_COOKIE, token, sizeof(token)) != 64)
		return 0; /* none, or not one of ours */
	rc = wp_session_lookup(r->accounts, token, now, &r->account, r->csrf);
	if (rc == WP_ENOTFOUND) {
		memset(&r->account, 0, sizeof(r->account));
		return 0; /* ended or expired: carry on as a visitor */
	}
	if (rc < 0)
		return wp_send_error(r, 500, NULL);
	memcpy(r->session, token, WP_TOKEN_HEX);
	become(r);
	return 0;
}

int wp_auth_to_login(wp_req *r)
{
	char enc[1200], loc[1300];

	mg_url_encode(r->path, enc, sizeof(enc));
	snprintf(loc, sizeof(loc), "/inloggen?terug=%s", enc);
	return wp_send_redirect(r, 303, loc);
}

/* The paths an account with a one-time password may still reach. */
static int allowed_before_change(const char *path)
{
	return strcmp(path, "/account/wachtwoord") == 0 || strcmp(path, "/uitloggen") == 0 ||
	       strncmp(path, "/static/", 8) == 0 || strcmp(path, "/health") == 0;
}

static int csrf_matches(wp_req *r)
{
	const char *hdr = mg_get_header(r->conn, "X-CSRF-Token");
	const char *ctype = mg_get_header(r->conn, "Content-Type");
	char *field = NULL;
	int ok = 0;

	if (!hdr && ctype && strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
		if (wp_req_read_body(r) < 0)
			return -1;
		field = wp_form_get(r->body.ptr, r->body.len, "csrf");
		hdr = field;
	}
	if (hdr && strlen(hdr) == WP_TOKEN_HEX - 1 && r->csrf[0])
		ok = sodium_memcmp(hdr, r->csrf, WP_TOKEN_HEX - 1) == 0;
	free(field);
	return ok;
}

int wp_auth_guard(wp_req *r, const char *path)
{
	int writes = r->method & (WP_POST | WP_PUT | WP_DELETE), ok;

	if (r->session[0] && r->account.must_change && !allowed_before_change(path)) {
		if (r->is_api)
			return wp_send_error(r, 403, wp_t("auth.change_password_first"));
		return wp_send_redirect(r, 303, "/account/wachtwoord");
	}
	/* The login form is guarded by its own cookie (there is no session
	 * yet); an API token is never sent by a browser on its own. */
	if (!writes || r->by_token || strcmp(path, "/inloggen") == 0)
		return 0;
	if (!r->session[0])
		return wp_send_error(r, 403, wp_t("auth.login_first"));
	ok = csrf_matches(r);
	if (ok < 0)
		return 413; /* wp_req_read_body() answered */
	if (!ok)
		return wp_send_error(r, 403, wp_t("auth.bad_csrf"));
	return 0;
}

void wp_auth_cache_class(const wp_req *r, char *out, size_t n)
{
	if (!r->account.id)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%lld:%d:%s", r->account.id, (int)r->account.role, r->account.team);
}
