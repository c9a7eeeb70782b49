/* Integration tests of accounts over HTTP (docs/http.md "Accounts and
 * access"): login and its abuse, sessions and their expiry, CSRF, API
 * tokens, roles, authorship, the one-time password, the beheerder's page
 * and the security headers. Which pages a reader sees is tested in
 * access.c. */
#include "server.h"

#include <criterion/criterion.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define PW "een-lang-wachtwoord"

static void assert_status(const wp_ts_response *r, long want, const char *what)
{
	cr_assert_eq(r->status, want, "%s: status %ld, want %ld\n%.600s", what, r->status, want,
		     r->body);
}

/* A session of a new account name with role and team. */
static wp_ts_auth *session_of(wp_test_server *srv, const char *name, const char *role,
			      const char *team)
{
	wp_ts_user_add(srv, name, role, team, PW);
	return wp_ts_login(srv, name, PW);
}

/* GET path with credentials a; the status. */
static long status_as(wp_test_server *srv, const wp_ts_auth *a, const char *path)
{
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);
	long s = r->status;

	wp_ts_response_free(r);
	return s;
}

/* True when a is logged in, judged by what /account answers (a visitor is
 * sent to the login page). */
static int logged_in(wp_test_server *srv, const wp_ts_auth *a)
{
	return status_as(srv, a, "/account") == 200;
}

/* ---- login ---- */

Test(auth, login_sets_a_new_httponly_session_cookie_and_returns)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *planted = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	char *form_cookie, *sent_cookie, *csrf;
	const char *set;
	wp_ts_response *r;

	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	r = wp_ts_request_as(srv, NULL, "GET", "/inloggen?terug=/wijzigingen", NULL, NULL, NULL);
	assert_status(r, 200, "login form");
	csrf = wp_ts_input_value(r->body, "csrf");
	form_cookie = wp_ts_set_cookie(r, "wp_login");
	cr_assert(csrf && form_cookie && strcmp(csrf, form_cookie) == 0,
		  "the form token is in the form and in its cookie");
	wp_ts_response_free(r);
	{
		/* A planted session cookie (fixation) must not survive the login. */
		char *cookie = wp_ts_fmt("Cookie: wp_login=%s; wp_session=%s", form_cookie, planted);
		const char *hdr[] = { cookie, NULL };
		char *body = wp_ts_fmt("naam=anna&wachtwoord=%s&csrf=%s&terug=%%2Fwijzigingen", PW,
				       csrf);

		r = wp_ts_request_as(srv, NULL, "POST", "/inloggen", body,
				     "application/x-www-form-urlencoded", hdr);
		free(cookie);
		free(body);
	}
	assert_status(r, 303, "login");
	cr_assert_str_eq(wp_ts_header(r, "Location"), "/wijzigingen");
	sent_cookie = wp_ts_set_cookie(r, "wp_session");
	cr_assert_not_null(sent_cookie);
	cr_assert_eq(strlen(sent_cookie), 64, "256 bits as hex: %s", sent_cookie);
	cr_assert_str_neq(sent_cookie, planted, "a new token at login");
	set = NULL;
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->names[i], "Set-Cookie") == 0 && strstr(r->values[i], "wp_session="))
			set = r->values[i];
	cr_assert(set && strstr(set, "HttpOnly") && strstr(set, "SameSite=Lax") &&
			  strstr(set, "Path=/"),
		  "cookie flags: %s", set ? set : "(none)");
	cr_assert_null(strstr(set, "Secure"), "plain HTTP: no Secure flag");
	{
		wp_ts_auth a = { NULL, sent_cookie, NULL };

		cr_assert(logged_in(srv, &a));
	}
	wp_ts_response_free(r);
	free(sent_cookie);
	free(form_cookie);
	free(csrf);
	wp_ts_stop(srv);
}

Test(auth, wrong_password_and_unknown_user_get_the_same_generic_answer)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *wrong, *unknown;
	char *m1, *m2;

	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	wrong = wp_ts_login_attempt(srv, "anna", "niet-het-wachtwoord");
	unknown = wp_ts_login_attempt(srv, "niemand", "niet-het-wachtwoord");
	assert_status(wrong, 401, "wrong password");
	assert_status(unknown, 401, "unknown user");
	cr_assert_null(wp_ts_set_cookie(wrong, "wp_session"), "no session");
	m1 = strstr(wrong->body, "Inloggen is niet gelukt");
	m2 = strstr(unknown->body, "Inloggen is niet gelukt");
	cr_assert(m1 && m2, "the same generic message for both");
	cr_assert_null(strstr(unknown->body, "bestaat niet"), "never says the name is unknown");
	cr_assert_null(strstr(wrong->body, "niet-het-wachtwoord"), "the password is not echoed");
	wp_ts_response_free(wrong);
	wp_ts_response_free(unknown);
	wp_ts_stop(srv);
}

Test(auth, a_login_without_its_form_token_is_refused)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *fields[] = { "naam", "anna", "wachtwoord", PW, "csrf",
				 "0000000000000000000000000000000000000000000000000000000000000000",
				 NULL };
	wp_ts_response *r;

	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	r = wp_ts_post_form_as(srv, NULL, "/inloggen", fields);
	assert_status(r, 403, "login posted from elsewhere");
	cr_assert_null(wp_ts_set_cookie(r, "wp_session"));
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(auth, repeated_failures_lock_the_account_and_the_right_password_waits)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r;
	int i;

	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	for (i = 0; i < 5; i++) {
		r = wp_ts_login_attempt(srv, "anna", "fout-wachtwoord-x");
		assert_status(r, 401, "a failure before the lock");
		wp_ts_response_free(r);
	}
	r = wp_ts_login_attempt(srv, "anna", PW);
	assert_status(r, 429, "locked, even with the right password");
	cr_assert_not_null(wp_ts_header(r, "Retry-After"));
	cr_assert_gt(atoi(wp_ts_header(r, "Retry-After")), 0);
	cr_assert_null(wp_ts_set_cookie(r, "wp_session"));
	wp_ts_response_free(r);
	/* An unknown name locks the same way: the lock says nothing about it. */
	for (i = 0; i < 5; i++)
		wp_ts_response_free(wp_ts_login_attempt(srv, "niemand", "fout-wachtwoord-x"));
	r = wp_ts_login_attempt(srv, "niemand", "fout-wachtwoord-x");
	cr_assert(r->status == 429, "unknown names lock too: %ld", r->status);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(auth, failures_from_one_address_lock_it_for_every_name)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char name[16];
	wp_ts_response *r;
	int i;

	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	/* A different name each time: only the address links the tries
	 * (20 are allowed, as a team may share one address). */
	for (i = 0; i < 22; i++) {
		snprintf(name, sizeof(name), "gok%d", i);
		wp_ts_response_free(wp_ts_login_attempt(srv, name, "fout-wachtwoord-x"));
	}
	r = wp_ts_login_attempt(srv, "anna", PW);
	assert_status(r, 429, "the address is locked");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(auth, a_forged_session_cookie_is_a_visitor)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth forged = { NULL,
			      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };
	wp_ts_auth *real = session_of(srv, "anna", "professional", "noord");
	wp_ts_response *r;

	cr_assert(logged_in(srv, real));
	cr_assert_not(logged_in(srv, &forged));
	cr_assert_eq(status_as(srv, &forged, "/verhalen/vijftig-euro-te-veel"), 404,
		     "an ingelogd page stays hidden");
	r = wp_ts_request_as(srv, &forged, "PUT", "/api/pages/verhalen/vervalst",
			     "{\"content\": \"x\", \"base\": null}", "application/json", NULL);
	assert_status(r, 403, "a forged session cannot write");
	wp_ts_response_free(r);
	wp_ts_auth_free(real);
	wp_ts_stop(srv);
}

Test(auth, logout_ends_the_session_on_the_server)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a = session_of(srv, "anna", "professional", "noord");
	const char *fields[] = { NULL };
	wp_ts_response *r;

	cr_assert(logged_in(srv, a));
	r = wp_ts_post_form_as(srv, a, "/uitloggen", fields);
	assert_status(r, 303, "logout");
	wp_ts_response_free(r);
	/* The browser could keep the cookie; the server must not. */
	cr_assert_not(logged_in(srv, a), "the old cookie is dead");
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, an_idle_session_expires)
{
	const char *cfg = "{\"session_idle_seconds\": 2, \"session_max_seconds\": 60}";
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_auth *a;

	opts.config = cfg;
	srv = wp_ts_start(&opts);
	a = session_of(srv, "anna", "professional", "noord");
	cr_assert(logged_in(srv, a));
	sleep(4);
	cr_assert_not(logged_in(srv, a), "idle for longer than session_idle_seconds");
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, a_busy_session_still_ends_at_its_absolute_limit)
{
	const char *cfg = "{\"session_idle_seconds\": 60, \"session_max_seconds\": 3}";
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_auth *a;
	int i;

	opts.config = cfg;
	srv = wp_ts_start(&opts);
	a = session_of(srv, "anna", "professional", "noord");
	for (i = 0; i < 2; i++) {
		cr_assert(logged_in(srv, a), "in use, within the limit");
		sleep(1);
	}
	sleep(3);
	cr_assert_not(logged_in(srv, a), "past session_max_seconds, however busy");
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

/* ---- CSRF ---- */

Test(auth, a_form_post_without_or_with_a_wrong_csrf_token_is_403_and_changes_nothing)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a = session_of(srv, "anna", "professional", "noord");
	wp_ts_auth missing = { NULL, a->cookie, NULL };
	wp_ts_auth wrong = { NULL, a->cookie,
			     "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" };
	const char *fields[] = { "path", "verhalen/via-csrf", "frontmatter", "titel: CSRF",
				 "body", "Tekst.", "action", "save", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;

	r = wp_ts_post_form_as(srv, &missing, "/nieuw", fields);
	assert_status(r, 403, "no CSRF token");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, &wrong, "/nieuw", fields);
	assert_status(r, 403, "wrong CSRF token");
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before, "nothing committed");
	r = wp_ts_post_form_as(srv, a, "/nieuw", fields);
	assert_status(r, 303, "with the session's token");
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before + 1);
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, an_api_write_with_a_session_needs_the_csrf_header)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a = session_of(srv, "anna", "professional", "noord");
	wp_ts_auth no_csrf = { NULL, a->cookie, NULL };
	const char *body = "{\"content\": \"---\\ntitel: Api\\n---\\nTekst\", \"base\": null}";
	wp_ts_response *r;

	r = wp_ts_request_as(srv, &no_csrf, "PUT", "/api/pages/verhalen/api-sessie", body,
			     "application/json", NULL);
	assert_status(r, 403, "no X-CSRF-Token");
	cr_assert_not_null(strstr(r->body, "\"error\""));
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, a, "PUT", "/api/pages/verhalen/api-sessie", body,
			     "application/json", NULL);
	assert_status(r, 201, "with X-CSRF-Token");
	wp_ts_response_free(r);
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, anonymous_writes_are_refused_everywhere)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *fields[] = { "path", "anoniem-stuk", "frontmatter", "titel: x", "body", "x",
				 "action", "save", NULL };
	size_t before = wp_ts_repo_count(wp_ts_data_dir(srv));
	wp_ts_response *r;

	r = wp_ts_request_as(srv, NULL, "PUT", "/api/pages/anoniem-stuk",
			     "{\"content\": \"x\", \"base\": null}", "application/json", NULL);
	assert_status(r, 403, "anonymous PUT");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, NULL, "/nieuw", fields);
	assert_status(r, 403, "anonymous form");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, NULL, "GET", "/nieuw", NULL, NULL, NULL);
	assert_status(r, 303, "the form sends a visitor to log in");
	cr_assert_not_null(strstr(wp_ts_header(r, "Location"), "/inloggen?terug="));
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), before);
	wp_ts_stop(srv);
}

/* ---- API tokens ---- */

Test(auth, a_token_made_on_the_account_page_works_until_revoked)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a = session_of(srv, "anna", "professional", "noord");
	const char *make[] = { "actie", "maken", "label", "mijn script", NULL };
	wp_ts_auth bearer = { NULL, NULL, NULL };
	wp_ts_response *r;
	char *token, *id, *revoke_id;

	r = wp_ts_post_form_as(srv, a, "/account/tokens", make);
	assert_status(r, 201, "token made");
	token = wp_ts_input_value(r->body, "token");
	cr_assert(token && strncmp(token, "wpt_", 4) == 0 && strlen(token) == 68, "token %s",
		  token ? token : "(none)");
	wp_ts_response_free(r);
	bearer.bearer = token;
	r = wp_ts_request_as(srv, &bearer, "GET", "/api/pages/verhalen/vijftig-euro-te-veel",
			     NULL, NULL, NULL);
	assert_status(r, 200, "the token reads an ingelogd page");
	wp_ts_response_free(r);
	/* The token is listed (with its label), never shown again. */
	r = wp_ts_request_as(srv, a, "GET", "/account", NULL, NULL, NULL);
	cr_assert_not_null(strstr(r->body, "mijn script"));
	cr_assert_null(strstr(r->body, token), "shown only once");
	id = wp_ts_input_value(strstr(r->body, "value=\"intrekken\""), "id");
	cr_assert_not_null(id);
	wp_ts_response_free(r);
	revoke_id = id;
	{
		const char *revoke[] = { "actie", "intrekken", "id", revoke_id, NULL };

		r = wp_ts_post_form_as(srv, a, "/account/tokens", revoke);
		assert_status(r, 303, "revoked");
		wp_ts_response_free(r);
	}
	r = wp_ts_request_as(srv, &bearer, "GET", "/api/pages/verhalen/vijftig-euro-te-veel",
			     NULL, NULL, NULL);
	assert_status(r, 401, "a revoked token");
	cr_assert_not_null(wp_ts_header(r, "WWW-Authenticate"));
	cr_assert_not_null(strstr(r->body, "\"error\""));
	wp_ts_response_free(r);
	free(id);
	free(token);
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, a_bad_bearer_token_is_401_not_a_visitor)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth bad = { "wpt_0000000000000000000000000000000000000000000000000000000000000000",
			   NULL, NULL };
	wp_ts_response *r;

	r = wp_ts_request_as(srv, &bad, "GET", "/welkom", NULL, NULL, NULL);
	assert_status(r, 401, "unknown token on an openbaar page");
	wp_ts_response_free(r);
	{
		const char *hdr[] = { "Authorization: Basic YWRtaW46YWRtaW4=", NULL };

		r = wp_ts_request_as(srv, NULL, "GET", "/api/search?q=hulp", NULL, NULL, hdr);
		assert_status(r, 401, "not a bearer token");
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}

Test(auth, a_disabled_account_loses_its_session_and_tokens)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *tok = wp_ts_as(srv, "anna", "professional", "noord");
	wp_ts_auth *ses = wp_ts_login(srv, "anna", "wachtwoord-van-anna");
	const char *args[] = { "user", "disable", "--data", wp_ts_data_dir(srv), "anna", NULL };
	wp_ts_run_result *run;

	cr_assert(logged_in(srv, ses));
	cr_assert_eq(status_as(srv, tok, "/api/search?q=hulp"), 200);
	run = wp_ts_run(args);
	cr_assert_eq(run->exit_code, 0, "%s", run->err);
	wp_ts_run_free(run);
	cr_assert_not(logged_in(srv, ses), "the running session ended");
	cr_assert_eq(status_as(srv, tok, "/api/search?q=hulp"), 401, "the token stopped");
	wp_ts_auth_free(tok);
	wp_ts_auth_free(ses);
	wp_ts_stop(srv);
}

/* ---- roles ---- */

static wp_ts_response *put_page(wp_test_server *srv, const wp_ts_auth *a, const char *path,
				const char *content, const char *base)
{
	json_t *j = json_pack("{s:s, s:s?}", "content", content, "base", base);
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	free(body);
	free(url);
	json_decref(j);
	return r;
}

Test(auth, only_regioteam_edits_a_handreiking)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *prof = wp_ts_as(srv, "anna", "professional", "noord");
	wp_ts_auth *erv = wp_ts_as(srv, "erik", "ervaringswerker", "zuid");
	wp_ts_auth *lezer = wp_ts_as(srv, "lea", "lezer", "noord");
	wp_ts_auth *regio = wp_ts_as(srv, "rita", "regioteam", "regio");
	const char *path = "handreikingen/basisafspraak-in-de-praktijk";
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;
	char *content;

	wp_ts_api_revision(rev, srv, path);
	content = wp_ts_fmt("---\ntitel: Aangepast\nzichtbaarheid: openbaar\n---\nNieuw.\n");
	r = put_page(srv, prof, path, content, rev);
	assert_status(r, 403, "professional");
	cr_assert_not_null(strstr(r->body, "professional"), "names the role: %s", r->body);
	wp_ts_response_free(r);
	r = put_page(srv, erv, path, content, rev);
	assert_status(r, 403, "ervaringswerker");
	wp_ts_response_free(r);
	r = put_page(srv, lezer, "verhalen/van-een-lezer", content, NULL);
	assert_status(r, 403, "a lezer writes nothing");
	wp_ts_response_free(r);
	r = put_page(srv, regio, path, content, rev);
	assert_status(r, 200, "regioteam");
	wp_ts_response_free(r);
	/* The edit form says so too, before anyone types. */
	{
		wp_ts_auth *s = wp_ts_login(srv, "anna", "wachtwoord-van-anna");

		cr_assert_eq(status_as(srv, s, "/bewerken/handreikingen/basisafspraak-in-de-praktijk"),
			     403);
		wp_ts_auth_free(s);
	}
	free(content);
	wp_ts_auth_free(prof);
	wp_ts_auth_free(erv);
	wp_ts_auth_free(lezer);
	wp_ts_auth_free(regio);
	wp_ts_stop(srv);
}

Test(auth, only_regioteam_moves_a_systeemfout_status)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *prof = wp_ts_as(srv, "anna", "professional", "noord");
	wp_ts_auth *regio = wp_ts_as(srv, "rita", "regioteam", "regio");
	const char *path = "systeemfouten/testfout";
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	r = put_page(srv, prof, path, "---\ntitel: Testfout\nregeling: R\nstatus: gemeld\n---\nx\n", NULL);
	assert_status(r, 201, "a professional reports an error as gemeld");
	wp_ts_response_free(r);
	r = put_page(srv, prof, "systeemfouten/meteen-opgelost",
		     "---\ntitel: X\nregeling: R\nstatus: opgelost\n---\nx\n", NULL);
	assert_status(r, 403, "but cannot start it further along");
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, path);
	r = put_page(srv, prof, path,
		     "---\ntitel: Testfout\nregeling: R\nstatus: in behandeling\n---\nx\n", rev);
	assert_status(r, 403, "professional moves the status");
	cr_assert_not_null(strstr(r->body, "regioteam"), "%s", r->body);
	wp_ts_response_free(r);
	r = put_page(srv, prof, path, "---\ntitel: Testfout\nregeling: R\nstatus: gemeld\nimpact: groot\n---\nx\n",
		     rev);
	assert_status(r, 200, "other fields stay open to the professional");
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, path);
	r = put_page(srv, regio, path, "---\ntitel: Testfout\nregeling: R\nstatus: herkend\n---\nx\n", rev);
	assert_status(r, 400, "a move needs a reason");
	wp_ts_response_free(r);
	wp_ts_use(srv, regio);
	r = wp_ts_api_put(srv, path, "---\ntitel: Testfout\nregeling: R\nstatus: herkend\n---\nx\n",
			  rev, "Besproken in het regio-overleg");
	wp_ts_use(srv, wp_ts_default_auth(srv));
	assert_status(r, 200, "regioteam moves it, saying why");
	wp_ts_response_free(r);
	wp_ts_auth_free(prof);
	wp_ts_auth_free(regio);
	wp_ts_stop(srv);
}

Test(auth, a_save_is_authored_by_the_account)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a;
	wp_ts_commit c;
	const char *fields[] = { "path", "verhalen/door-anna", "frontmatter", "titel: Door Anna",
				 "body", "Tekst.", "action", "save", NULL };
	wp_ts_response *r;

	wp_ts_user_add_display(srv, "anna", "professional", "noord", "Anna de Vries", PW);
	a = wp_ts_login(srv, "anna", PW);
	r = wp_ts_post_form_as(srv, a, "/nieuw", fields);
	assert_status(r, 303, "save");
	wp_ts_response_free(r);
	wp_ts_repo_head(&c, wp_ts_data_dir(srv));
	cr_assert_str_eq(c.author, "Anna de Vries");
	wp_ts_commit_dispose(&c);
	{
		char *log = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:verhalen/door-anna.md");

		cr_assert_not_null(log);
		free(log);
	}
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

/* ---- the first beheerder and the users page ---- */

Test(auth, the_one_time_password_must_be_changed_first)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *a = wp_ts_login(srv, "beheer", wp_ts_beheer_password(srv));
	wp_ts_response *r;

	r = wp_ts_request_as(srv, a, "GET", "/", NULL, NULL, NULL);
	assert_status(r, 303, "every page sends there first");
	cr_assert_str_eq(wp_ts_header(r, "Location"), "/account/wachtwoord");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, a, "GET", "/api/search?q=hulp", NULL, NULL, NULL);
	assert_status(r, 403, "the API too");
	wp_ts_response_free(r);
	{
		const char *mismatch[] = { "huidig", wp_ts_beheer_password(srv), "nieuw",
					   "nieuw-geheim-123", "herhaal", "anders-geheim-123", NULL };
		const char *ok[] = { "huidig", wp_ts_beheer_password(srv), "nieuw",
				     "nieuw-geheim-123", "herhaal", "nieuw-geheim-123", NULL };

		r = wp_ts_post_form_as(srv, a, "/account/wachtwoord", mismatch);
		assert_status(r, 400, "the two new passwords differ");
		wp_ts_response_free(r);
		r = wp_ts_post_form_as(srv, a, "/account/wachtwoord", ok);
		assert_status(r, 303, "changed");
		wp_ts_response_free(r);
	}
	cr_assert_not(logged_in(srv, a), "the one-time session ended with the change");
	r = wp_ts_login_attempt(srv, "beheer", wp_ts_beheer_password(srv));
	assert_status(r, 401, "the one-time password is spent");
	wp_ts_response_free(r);
	wp_ts_auth_free(a);
	a = wp_ts_login(srv, "beheer", "nieuw-geheim-123");
	cr_assert_eq(status_as(srv, a, "/"), 200);
	wp_ts_auth_free(a);
	wp_ts_stop(srv);
}

Test(auth, a_beheerder_adds_an_account_on_the_users_page)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_auth *admin = wp_ts_login(srv, WP_TS_TESTER, wp_ts_tester_password(srv));
	wp_ts_auth *prof = session_of(srv, "anna", "professional", "noord");
	const char *add[] = { "actie", "toevoegen", "naam", "nieuwkomer", "weergavenaam",
			      "Nieuw Komer", "rol", "ervaringswerker", "team", "zuid", NULL };
	const char *bad[] = { "actie", "toevoegen", "naam", "Hoofd Letters", "rol", "lezer", NULL };
	wp_ts_response *r;
	char *pw;

	cr_assert_eq(status_as(srv, prof, "/beheer/gebruikers"), 403, "not for a professional");
	r = wp_ts_post_form_as(srv, prof, "/beheer/gebruikers", add);
	assert_status(r, 403, "nor its form");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, admin, "/beheer/gebruikers", bad);
	assert_status(r, 400, "a bad name");
	wp_ts_response_free(r);
	r = wp_ts_post_form_as(srv, admin, "/beheer/gebruikers", add);
	assert_status(r, 200, "added");
	pw = wp_ts_input_value(r->body, "eenmalig");
	cr_assert(pw && strlen(pw) >= 12, "a one-time password is shown once");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, admin, "GET", "/beheer/gebruikers", NULL, NULL, NULL);
	cr_assert_not_null(strstr(r->body, "nieuwkomer"));
	cr_assert_null(strstr(r->body, pw), "never shown again");
	wp_ts_response_free(r);
	{
		wp_ts_auth *n = wp_ts_login(srv, "nieuwkomer", pw);

		cr_assert_eq(status_as(srv, n, "/"), 303, "must choose a password first");
		wp_ts_auth_free(n);
	}
	free(pw);
	wp_ts_auth_free(admin);
	wp_ts_auth_free(prof);
	wp_ts_stop(srv);
}

/* ---- hardening ---- */

Test(auth, every_response_carries_the_security_headers)
{
	wp_test_server *srv = wp_ts_start(NULL);
	const char *paths[] = { "/", "/api/search?q=hulp", "/bron/welkom", "/bestaat-niet",
				"/static/style.css", NULL };
	size_t i;

	for (i = 0; paths[i]; i++) {
		wp_ts_response *r = wp_ts_request_as(srv, NULL, "GET", paths[i], NULL, NULL, NULL);
		const char *csp = wp_ts_header(r, "Content-Security-Policy");

		cr_assert(csp && strstr(csp, "frame-ancestors 'none'") &&
				  strstr(csp, "script-src 'self'") && !strstr(csp, "unsafe-inline"),
			  "%s: CSP %s", paths[i], csp ? csp : "(none)");
		cr_assert_str_eq(wp_ts_header(r, "X-Content-Type-Options"), "nosniff", "%s",
				 paths[i]);
		cr_assert_str_eq(wp_ts_header(r, "Referrer-Policy"), "same-origin", "%s", paths[i]);
		wp_ts_response_free(r);
	}
	wp_ts_stop(srv);
}

/* One failed login as name, sent with X-Forwarded-For: xff. */
static void fail_from(wp_test_server *srv, const char *name, const char *xff)
{
	wp_ts_response *form = wp_ts_request_as(srv, NULL, "GET", "/inloggen", NULL, NULL, NULL);
	char *csrf = wp_ts_input_value(form->body, "csrf");
	char *cookie = wp_ts_set_cookie(form, "wp_login");
	char *cookie_hdr = wp_ts_fmt("Cookie: wp_login=%s", cookie);
	char *xff_hdr = wp_ts_fmt("X-Forwarded-For: %s", xff);
	char *body = wp_ts_fmt("naam=%s&wachtwoord=fout-wachtwoord-x&csrf=%s", name, csrf);
	const char *hdr[] = { xff_hdr, cookie_hdr, NULL };
	wp_ts_response *r = wp_ts_request_as(srv, NULL, "POST", "/inloggen", body,
					     "application/x-www-form-urlencoded", hdr);

	cr_assert(r->status == 401 || r->status == 429, "a failed login: %ld", r->status);
	wp_ts_response_free(r);
	wp_ts_response_free(form);
	free(body);
	free(xff_hdr);
	free(cookie_hdr);
	free(cookie);
	free(csrf);
}

Test(auth, forwarded_addresses_count_only_from_the_trusted_proxy)
{
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_response *r;
	char name[16], xff[32];
	int i;

	/* Without a trusted proxy a client cannot dodge the address lock by
	 * sending a new X-Forwarded-For each time. */
	srv = wp_ts_start(NULL);
	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	for (i = 0; i < 22; i++) {
		snprintf(name, sizeof(name), "gok%d", i);
		snprintf(xff, sizeof(xff), "10.0.0.%d", i);
		fail_from(srv, name, xff);
	}
	r = wp_ts_login_attempt(srv, "anna", PW);
	assert_status(r, 429, "still one address");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
	/* With the proxy trusted, its clients are told apart. */
	opts.config = "{\"trusted_proxy\": \"127.0.0.1\"}";
	srv = wp_ts_start(&opts);
	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	for (i = 0; i < 22; i++) {
		snprintf(name, sizeof(name), "gok%d", i);
		fail_from(srv, name, "10.0.0.99");
	}
	r = wp_ts_login_attempt(srv, "anna", PW);
	assert_status(r, 303, "the locked address was 10.0.0.99, not the proxy");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}

Test(auth, https_serves_with_secure_cookies)
{
	char *dir = wp_ts_tmpdir();
	char *cmd = wp_ts_fmt("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost"
			      " -keyout %s/key.pem -out %s/cert.pem >/dev/null 2>&1",
			      dir, dir);
	char *cfg = wp_ts_fmt("{\"tls_certificate\": \"%s/cert.pem\", \"tls_private_key\": "
			      "\"%s/key.pem\"}",
			      dir, dir);
	wp_ts_opts opts = WP_TS_OPTS_INIT;
	wp_test_server *srv;
	wp_ts_response *r;
	const char *set = NULL;
	size_t i;
	int n;

	cr_assert_eq(system(cmd), 0, "openssl could not make a test certificate");
	opts.config = cfg;
	srv = wp_ts_start(&opts);
	cr_assert_eq(strncmp(wp_ts_base_url(srv), "https://", 8), 0, "%s", wp_ts_base_url(srv));
	/* Several requests: the server must survive each TLS connection. */
	for (n = 0; n < 5; n++) {
		r = wp_ts_request_as(srv, NULL, "GET", "/welkom", NULL, NULL, NULL);
		assert_status(r, 200, "page over HTTPS");
		cr_assert_not_null(wp_ts_header(r, "Strict-Transport-Security"));
		wp_ts_response_free(r);
	}
	wp_ts_user_add(srv, "anna", "professional", "noord", PW);
	r = wp_ts_login_attempt(srv, "anna", PW);
	assert_status(r, 303, "login over HTTPS");
	for (i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->names[i], "Set-Cookie") == 0 && strstr(r->values[i], "wp_session="))
			set = r->values[i];
	cr_assert(set && strstr(set, "; Secure"), "Secure cookie: %s", set ? set : "(none)");
	wp_ts_response_free(r);
	wp_ts_stop(srv);
	wp_ts_rmtree(dir);
	free(cmd);
	free(cfg);
	free(dir);
}

Test(auth, a_bad_certificate_stops_the_start_with_a_message)
{
	char *dir = wp_ts_tmpdir();
	char *data = wp_ts_fmt("%s/data", dir);
	const char *init[] = { "init", "--data", data, NULL };
	const char *serve[] = { "serve", "--data", data, "--port", "0", NULL };
	wp_ts_run_result *r = wp_ts_run(init);
	char *file = wp_ts_fmt("%s/werkplaats.json", data);
	json_t *cfg;

	cr_assert_eq(r->exit_code, 0, "%s", r->err);
	wp_ts_run_free(r);
	cfg = json_load_file(file, 0, NULL);
	json_object_set_new(cfg, "tls_certificate", json_string("bestaat-niet.pem"));
	cr_assert_eq(json_dump_file(cfg, file, 0), 0);
	json_decref(cfg);
	r = wp_ts_run(serve);
	cr_assert_eq(r->exit_code, 1, "exit %d: %s", r->exit_code, r->err);
	cr_assert_not_null(strstr(r->err, "bestaat-niet.pem"), "names the file: %s", r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(dir);
	free(file);
	free(data);
	free(dir);
}

/* Accounts added on the command line while the server runs work at once:
 * the server's own opening of state.db must not drop the locks its
 * SQLite connections hold (a regression: the CLI then removed the WAL
 * under the running server, and new tokens answered 401 or 500). */
Test(auth, accounts_added_while_the_server_runs_can_log_in)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r;
	int round, i;

	for (round = 0; round < 4; round++) {
		char *name = wp_ts_fmt("laat%d", round);
		wp_ts_auth *a;

		for (i = 0; i < 12; i++) {
			r = wp_ts_get(srv, "/");
			wp_ts_response_free(r);
		}
		a = wp_ts_as(srv, name, "professional", "noord");
		for (i = 0; i < 4; i++) {
			r = wp_ts_request_as(srv, a, "GET", "/api/changes", NULL, NULL, NULL);
			assert_status(r, 200, "a token made while the server runs");
			wp_ts_response_free(r);
		}
		wp_ts_auth_free(a);
		free(name);
	}
	wp_ts_stop(srv);
}

/* A visitor reading a page who clicks Inloggen comes back to that page:
 * the link carries it, and the login form keeps it. */
Test(auth, login_link_brings_a_visitor_back_to_the_page)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r;
	char *terug;

	r = wp_ts_request_as(srv, NULL, "GET", "/welkom", NULL, NULL, NULL);
	assert_status(r, 200, "an open page");
	cr_assert_not_null(strstr(r->body, "href=\"/inloggen?terug=/welkom\""), "%.3000s", r->body);
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, NULL, "GET", "/inloggen?terug=/welkom", NULL, NULL, NULL);
	terug = wp_ts_input_value(r->body, "terug");
	cr_assert_not_null(terug, "%.2000s", r->body);
	cr_assert_str_eq(terug, "/welkom");
	free(terug);
	wp_ts_response_free(r);
	wp_ts_stop(srv);
}
