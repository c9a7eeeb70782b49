/* Unit tests for server/accounts.c: accounts, logins and their throttle,
 * sessions and API tokens, on a real state database in a temporary
 * directory. Times are passed in, so expiry and locks need no waiting. */
#include "accounts.h"
#include "error.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define T0 1700000000LL /* a fixed "now" */
#define PW "correct horse battery"
#define ADDR "192.0.2.7"

static char dir[64];
static char file[128];
static wp_accounts *acc;

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void setup(void)
{
	strcpy(dir, "/tmp/wp-accounts-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/state.db", dir);
	cr_assert_eq(wp_accounts_open(&acc, file, NULL), 0, "%s", wp_error_last());
}

static void teardown(void)
{
	wp_accounts_free(acc);
	acc = NULL;
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(accounts, .init = setup, .fini = teardown, .timeout = 120);

/* ---- helpers ---- */

static void add(const char *name, wp_role role, const char *team)
{
	int rc = wp_accounts_add(acc, name, NULL, role, team, PW, 0, T0);

	cr_assert_eq(rc, 0, "add %s: %d %s", name, rc, wp_error_last());
}

static wp_account get(const char *name)
{
	wp_account a;
	int rc = wp_accounts_get(acc, name, &a);

	cr_assert_eq(rc, 0, "get %s: %d %s", name, rc, wp_error_last());
	return a;
}

static int login_at(const char *name, const char *pw, const char *addr, long long now,
		    long long *retry)
{
	wp_account a;

	return wp_accounts_login(acc, name, pw, addr, now, &a, retry);
}

/* Logs name in and starts a session; token and csrf get its tokens. */
static wp_account session_for(const char *name, long long now, char token[WP_TOKEN_HEX],
			      char csrf[WP_TOKEN_HEX])
{
	wp_account a;
	long long retry;
	int rc = wp_accounts_login(acc, name, PW, ADDR, now, &a, &retry);

	cr_assert_eq(rc, 0, "login %s: %d %s", name, rc, wp_error_last());
	rc = wp_session_create(acc, a.id, now, token, csrf);
	cr_assert_eq(rc, 0, "session: %d %s", rc, wp_error_last());
	return a;
}

static int lookup(const char *token, long long now)
{
	wp_account a;
	char csrf[WP_TOKEN_HEX];

	return wp_session_lookup(acc, token, now, &a, csrf);
}

static int lookup_api(const char *token)
{
	wp_account a;

	return wp_token_lookup(acc, token, T0, &a);
}

static int all_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return s[n] == '\0';
}

/* ---- accounts ---- */

Test(accounts, add_then_get_returns_what_was_given)
{
	wp_account a;

	cr_assert_eq(wp_accounts_add(acc, "anna", "Anna de Vries", WP_ROLE_PROFESSIONAL,
				     "wijkteam-noord", PW, 1, T0),
		     0, "%s", wp_error_last());
	a = get("anna");
	cr_assert_gt(a.id, 0);
	cr_assert_str_eq(a.name, "anna");
	cr_assert_str_eq(a.display, "Anna de Vries");
	cr_assert_eq(a.role, WP_ROLE_PROFESSIONAL);
	cr_assert_str_eq(a.team, "wijkteam-noord");
	cr_assert_eq(a.must_change, 1);
	cr_assert_eq(a.disabled, 0);
	cr_assert_eq(a.created, T0);
}

Test(accounts, display_defaults_to_name_and_team_to_none)
{
	wp_account a;

	add("bram", WP_ROLE_LEZER, NULL);
	a = get("bram");
	cr_assert_str_eq(a.display, "bram");
	cr_assert_str_eq(a.team, "");
	cr_assert_eq(wp_accounts_add(acc, "carla", "", WP_ROLE_LEZER, "", PW, 0, T0), 0);
	a = get("carla");
	cr_assert_str_eq(a.display, "carla");
	cr_assert_str_eq(a.team, "");
}

Test(accounts, list_is_sorted_by_name)
{
	wp_account *all = NULL;
	size_t n = 99;

	cr_assert_eq(wp_accounts_list(acc, &all, &n), 0);
	cr_assert_eq(n, 0);
	free(all);
	add("zoe", WP_ROLE_LEZER, NULL);
	add("anna", WP_ROLE_BEHEERDER, NULL);
	add("mo", WP_ROLE_REGIOTEAM, "regio-west");
	cr_assert_eq(wp_accounts_list(acc, &all, &n), 0, "%s", wp_error_last());
	cr_assert_eq(n, 3);
	cr_assert_str_eq(all[0].name, "anna");
	cr_assert_eq(all[0].role, WP_ROLE_BEHEERDER);
	cr_assert_str_eq(all[1].name, "mo");
	cr_assert_str_eq(all[1].team, "regio-west");
	cr_assert_str_eq(all[2].name, "zoe");
	free(all);
}

Test(accounts, duplicate_name_is_refused_as_existing)
{
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, WP_ROLE_BEHEERDER, NULL, PW, 0, T0),
		     WP_EEXISTS);
	cr_assert_not_null(strstr(wp_error_last(), "anna"), "%s", wp_error_last());
	cr_assert_eq(get("anna").role, WP_ROLE_LEZER, "the first account was changed");
}

Test(accounts, get_of_unknown_name_is_not_found)
{
	wp_account a;

	cr_assert_eq(wp_accounts_get(acc, "niemand", &a), WP_ENOTFOUND);
	cr_assert_not_null(strstr(wp_error_last(), "niemand"), "%s", wp_error_last());
}

Test(accounts, bad_names_are_refused_with_a_message)
{
	static const char *bad[] = { "", "Anna", "-anna", ".anna", "anna bos", "anna/x",
				     "zoë", "anna\n", "a'b" };
	char long_name[WP_NAME_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		wp_error_clear();
		cr_assert_eq(wp_account_name_check(bad[i]), WP_EINVALID, "'%s' accepted", bad[i]);
		cr_assert_gt(strlen(wp_error_last()), 0);
		cr_assert_eq(wp_accounts_add(acc, bad[i], NULL, WP_ROLE_LEZER, NULL, PW, 0, T0),
			     WP_EINVALID, "'%s' added", bad[i]);
	}
	cr_assert_eq(wp_account_name_check(NULL), WP_EINVALID);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	cr_assert_eq(wp_account_name_check(long_name), WP_EINVALID, "65 characters accepted");
	long_name[WP_NAME_MAX] = '\0';
	cr_assert_eq(wp_account_name_check(long_name), 0, "64 characters refused");
	cr_assert_eq(wp_account_name_check("a"), 0);
	cr_assert_eq(wp_account_name_check("anna.de-vries_2"), 0);
	cr_assert_eq(wp_account_name_check("2anna"), 0);
}

Test(accounts, bad_teams_are_refused)
{
	cr_assert_eq(wp_team_name_check("Wijkteam Noord"), WP_EINVALID);
	cr_assert_gt(strlen(wp_error_last()), 0);
	cr_assert_eq(wp_team_name_check("wijkteam-noord"), 0);
	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, WP_ROLE_LEZER, "team x", PW, 0, T0),
		     WP_EINVALID);
	add("bram", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_set_team(acc, "bram", "Team!"), WP_EINVALID);
	cr_assert_str_eq(get("bram").team, "");
}

Test(accounts, bad_display_names_are_refused)
{
	static const char *bad[] = {
		"", "   ", "regel\nregel", "tab\there", "del\x7f", "c1\xc2\x85", "kapot\xff",
		"overlong\xc0\xaf", "surrogaat\xed\xa0\x80", "<anna>", "half\xc3",
	};
	static const char *good[] = { "Anna de Vries", "Zoë Şahin", "José (wijkteam)", "李" };
	char long_display[WP_DISPLAY_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(wp_display_name_check(bad[i]), WP_EINVALID, "bad display %zu accepted",
			     i);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		cr_assert_eq(wp_display_name_check(good[i]), 0, "'%s' refused: %s", good[i],
			     wp_error_last());
	memset(long_display, 'x', sizeof(long_display) - 1);
	long_display[sizeof(long_display) - 1] = '\0';
	cr_assert_eq(wp_display_name_check(long_display), WP_EINVALID, "129 bytes accepted");
	long_display[WP_DISPLAY_MAX] = '\0';
	cr_assert_eq(wp_display_name_check(long_display), 0, "128 bytes refused");
	cr_assert_eq(wp_accounts_add(acc, "anna", "a\nb", WP_ROLE_LEZER, NULL, PW, 0, T0),
		     WP_EINVALID);
}

Test(accounts, bad_passwords_are_refused_with_the_limits)
{
	char pw[1026];

	cr_assert_eq(wp_password_check(NULL), WP_EINVALID);
	cr_assert_eq(wp_password_check(""), WP_EINVALID);
	cr_assert_eq(wp_password_check("123456789"), WP_EINVALID);
	cr_assert_not_null(strstr(wp_error_last(), "10"), "%s", wp_error_last());
	cr_assert_eq(wp_password_check("1234567890"), 0);
	memset(pw, 'p', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	cr_assert_eq(wp_password_check(pw), WP_EINVALID, "1025 bytes accepted");
	cr_assert_not_null(strstr(wp_error_last(), "1024"), "%s", wp_error_last());
	pw[1024] = '\0';
	cr_assert_eq(wp_password_check(pw), 0);
	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, WP_ROLE_LEZER, NULL, "kort", 0, T0),
		     WP_EINVALID);
	cr_assert_eq(wp_accounts_get(acc, "anna", &(wp_account){ 0 }), WP_ENOTFOUND);
}

Test(accounts, bad_roles_are_refused)
{
	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, WP_ROLE_ANONIEM, NULL, PW, 0, T0),
		     WP_EINVALID);
	cr_assert_gt(strlen(wp_error_last()), 0);
	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, (wp_role)99, NULL, PW, 0, T0),
		     WP_EINVALID);
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_set_role(acc, "anna", WP_ROLE_ANONIEM), WP_EINVALID);
	cr_assert_eq(get("anna").role, WP_ROLE_LEZER);
}

Test(accounts, changes_of_an_unknown_name_are_not_found)
{
	cr_assert_eq(wp_accounts_set_password(acc, "niemand", PW, 0), WP_ENOTFOUND);
	cr_assert_eq(wp_accounts_set_role(acc, "niemand", WP_ROLE_LEZER), WP_ENOTFOUND);
	cr_assert_eq(wp_accounts_set_team(acc, "niemand", "x"), WP_ENOTFOUND);
	cr_assert_eq(wp_accounts_set_display(acc, "niemand", "X"), WP_ENOTFOUND);
	cr_assert_eq(wp_accounts_set_disabled(acc, "niemand", 1), WP_ENOTFOUND);
	cr_assert_not_null(strstr(wp_error_last(), "niemand"), "%s", wp_error_last());
}

Test(accounts, role_team_and_display_changes_are_kept)
{
	wp_account a;

	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_set_role(acc, "anna", WP_ROLE_REGIOTEAM), 0);
	cr_assert_eq(wp_accounts_set_team(acc, "anna", "regio-oost"), 0);
	cr_assert_eq(wp_accounts_set_display(acc, "anna", "Anna B."), 0);
	a = get("anna");
	cr_assert_eq(a.role, WP_ROLE_REGIOTEAM);
	cr_assert_str_eq(a.team, "regio-oost");
	cr_assert_str_eq(a.display, "Anna B.");
	cr_assert_eq(wp_accounts_set_team(acc, "anna", NULL), 0);
	cr_assert_eq(wp_accounts_set_display(acc, "anna", ""), 0);
	a = get("anna");
	cr_assert_str_eq(a.team, "");
	cr_assert_str_eq(a.display, "anna");
}

Test(accounts, new_password_ends_sessions_and_replaces_the_old)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, token, csrf);
	cr_assert_eq(lookup(token, T0), 0);
	cr_assert_eq(wp_accounts_set_password(acc, "anna", "een heel nieuw wachtwoord", 1), 0,
		     "%s", wp_error_last());
	cr_assert_eq(lookup(token, T0), WP_ENOTFOUND, "session survived a new password");
	cr_assert_eq(login_at("anna", PW, ADDR, T0, NULL), WP_EFORBIDDEN, "old password works");
	cr_assert_eq(login_at("anna", "een heel nieuw wachtwoord", ADDR, T0, NULL), 0);
	cr_assert_eq(get("anna").must_change, 1);
	cr_assert_eq(wp_accounts_set_password(acc, "anna", "kort", 0), WP_EINVALID);
}

Test(accounts, disabling_ends_sessions_and_stops_tokens_until_enabled)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], api[4 + WP_TOKEN_HEX];
	char refused[4 + WP_TOKEN_HEX];
	wp_account a;

	add("anna", WP_ROLE_PROFESSIONAL, NULL);
	a = session_for("anna", T0, token, csrf);
	cr_assert_eq(wp_token_create(acc, a.id, "script", T0, api), 0, "%s", wp_error_last());
	cr_assert_eq(lookup_api(api), 0);
	cr_assert_eq(wp_accounts_set_disabled(acc, "anna", 1), 0);
	cr_assert_eq(get("anna").disabled, 1);
	cr_assert_eq(lookup(token, T0), WP_ENOTFOUND, "session of a disabled account");
	cr_assert_eq(lookup_api(api), WP_ENOTFOUND, "token of a disabled account");
	cr_assert_eq(wp_session_create(acc, a.id, T0, token, csrf), WP_ENOTFOUND,
		     "new session for a disabled account");
	cr_assert_eq(wp_token_create(acc, a.id, NULL, T0, refused), WP_EFORBIDDEN,
		     "new token for a disabled account");
	cr_assert_eq(wp_accounts_set_disabled(acc, "anna", 0), 0);
	cr_assert_eq(get("anna").disabled, 0);
	cr_assert_eq(lookup_api(api), 0, "token does not work after enabling: %s", wp_error_last());
	cr_assert_eq(lookup(token, T0), WP_ENOTFOUND, "enabling brought a session back");
}

/* ---- login ---- */

Test(accounts, login_with_the_right_password_gives_the_account)
{
	wp_account a;
	long long retry = 7;

	cr_assert_eq(wp_accounts_add(acc, "anna", "Anna", WP_ROLE_REGIOTEAM, "regio", PW, 1, T0),
		     0);
	cr_assert_eq(wp_accounts_login(acc, "anna", PW, ADDR, T0, &a, &retry), 0, "%s",
		     wp_error_last());
	cr_assert_str_eq(a.name, "anna");
	cr_assert_eq(a.role, WP_ROLE_REGIOTEAM);
	cr_assert_eq(a.must_change, 1, "one-time password not reported");
	cr_assert_eq(retry, 0);
}

Test(accounts, login_takes_capitals_in_the_name_as_small_letters)
{
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(login_at("Anna", PW, ADDR, T0, NULL), 0, "%s", wp_error_last());
}

Test(accounts, wrong_unknown_and_disabled_logins_fail_alike)
{
	wp_account a;
	char msg[3][1024];
	int rc[3];

	add("anna", WP_ROLE_LEZER, NULL);
	add("bram", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_set_disabled(acc, "bram", 1), 0);
	rc[0] = wp_accounts_login(acc, "anna", "verkeerd wachtwoord", ADDR, T0, &a, NULL);
	snprintf(msg[0], sizeof(msg[0]), "%s", wp_error_last());
	cr_assert_eq(a.id, 0, "account filled on failure");
	rc[1] = wp_accounts_login(acc, "niemand", PW, ADDR, T0, &a, NULL);
	snprintf(msg[1], sizeof(msg[1]), "%s", wp_error_last());
	rc[2] = wp_accounts_login(acc, "bram", PW, ADDR, T0, &a, NULL);
	snprintf(msg[2], sizeof(msg[2]), "%s", wp_error_last());
	cr_assert_eq(a.id, 0, "account filled on failure");
	cr_assert_eq(rc[0], WP_EFORBIDDEN);
	cr_assert_eq(rc[1], WP_EFORBIDDEN);
	cr_assert_eq(rc[2], WP_EFORBIDDEN);
	cr_assert_str_eq(msg[0], msg[1]);
	cr_assert_str_eq(msg[0], msg[2]);
	cr_assert_not_null(strstr(msg[0], "Inloggen is niet gelukt"), "%s", msg[0]);
	cr_assert_eq(login_at("", PW, ADDR, T0, NULL), WP_EFORBIDDEN);
	cr_assert_eq(login_at("anna", NULL, ADDR, T0, NULL), WP_EFORBIDDEN);
}

Test(accounts, name_is_locked_after_five_failures_even_for_the_right_password)
{
	long long retry = 0;
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < 5; i++)
		cr_assert_eq(login_at("anna", "verkeerd!!", NULL, T0, &retry), WP_EFORBIDDEN,
			     "failure %d", i + 1);
	cr_assert_eq(login_at("anna", PW, NULL, T0 + 10, &retry), WP_ELOCKED);
	cr_assert_gt(retry, 0);
	cr_assert_leq(retry, 3600);
	cr_assert_not_null(strstr(wp_error_last(), "minuten"), "%s", wp_error_last());
	/* another address does not help: the name itself is locked */
	cr_assert_eq(login_at("anna", PW, "198.51.100.1", T0 + 10, &retry), WP_ELOCKED);
}

Test(accounts, unknown_name_is_locked_like_a_known_one)
{
	long long retry = 0;
	int i;

	for (i = 0; i < 5; i++)
		cr_assert_eq(login_at("niemand", "verkeerd!!", NULL, T0, &retry), WP_EFORBIDDEN);
	cr_assert_eq(login_at("niemand", "verkeerd!!", NULL, T0, &retry), WP_ELOCKED);
	cr_assert_gt(retry, 0);
}

Test(accounts, lock_doubles_per_try_while_locked_up_to_the_maximum)
{
	long long retry = 0;
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < 5; i++)
		login_at("anna", "verkeerd!!", NULL, T0, &retry);
	cr_assert_eq(login_at("anna", PW, NULL, T0, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 120, "first try while locked: %lld", retry);
	cr_assert_eq(login_at("anna", PW, NULL, T0, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 240, "second try while locked: %lld", retry);
	for (i = 0; i < 10; i++)
		login_at("anna", PW, NULL, T0, &retry);
	cr_assert_eq(retry, 3600, "lock above the maximum: %lld", retry);
}

Test(accounts, lock_runs_out_with_time)
{
	long long retry = 0;
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < 5; i++)
		login_at("anna", "verkeerd!!", NULL, T0, &retry);
	cr_assert_eq(login_at("anna", PW, NULL, T0 + 59, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 120, "%lld", retry);
	cr_assert_eq(login_at("anna", PW, NULL, T0 + 59 + 120, &retry), 0, "%s", wp_error_last());
}

Test(accounts, success_clears_the_failures_of_the_name)
{
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < 4; i++)
		login_at("anna", "verkeerd!!", NULL, T0, NULL);
	cr_assert_eq(login_at("anna", PW, NULL, T0, NULL), 0);
	for (i = 0; i < 4; i++)
		cr_assert_eq(login_at("anna", "verkeerd!!", NULL, T0, NULL), WP_EFORBIDDEN);
	cr_assert_eq(login_at("anna", PW, NULL, T0, NULL), 0, "%s", wp_error_last());
}

/* Failures allowed from one address by default (more than per name). */
static int addr_tries(void)
{
	wp_accounts_limits lim = WP_ACCOUNTS_LIMITS_DEFAULT;

	return (int)lim.addr_free_tries;
}

Test(accounts, address_is_locked_after_failures_at_many_names)
{
	long long retry = 0;
	char name[32];
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_gt(addr_tries(), 5, "a shared office address gets more tries than a name");
	for (i = 0; i < addr_tries(); i++) {
		snprintf(name, sizeof(name), "naam%d", i);
		cr_assert_eq(login_at(name, "verkeerd!!", ADDR, T0, &retry), WP_EFORBIDDEN);
	}
	cr_assert_eq(login_at("anna", PW, ADDR, T0, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 120, "%lld", retry);
	cr_assert_eq(login_at("anna", PW, ADDR, T0, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 240, "the lock did not double: %lld", retry);
	/* anna from elsewhere is not locked out by someone else's address */
	cr_assert_eq(login_at("anna", PW, "198.51.100.1", T0, &retry), 0, "%s", wp_error_last());
}

Test(accounts, success_does_not_clear_the_address)
{
	long long retry = 0;
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < addr_tries() - 1; i++) {
		char name[16];

		snprintf(name, sizeof(name), "x%d", i); /* no name reaches its own lock */
		login_at(name, "verkeerd!!", ADDR, T0, NULL);
	}
	cr_assert_eq(login_at("anna", PW, ADDR, T0, NULL), 0);
	cr_assert_eq(login_at("y", "verkeerd!!", ADDR, T0, NULL), WP_EFORBIDDEN);
	cr_assert_eq(login_at("anna", PW, ADDR, T0, &retry), WP_ELOCKED);
}

Test(accounts, address_failures_decay_after_the_longest_lock)
{
	const long long later = T0 + 60 + 3600;
	int i;

	for (i = 0; i < addr_tries(); i++) {
		char name[16];

		snprintf(name, sizeof(name), "x%d", i);
		login_at(name, "verkeerd!!", ADDR, T0, NULL);
	}
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(login_at("anna", PW, ADDR, T0 + 30, NULL), WP_ELOCKED);
	/* the try at T0 + 30 counted: a lock until T0 + 150, last failure T0 + 30 */
	for (i = 0; i < addr_tries() - 1; i++) {
		char name[16];

		snprintf(name, sizeof(name), "y%d", i);
		cr_assert_eq(login_at(name, "verkeerd!!", ADDR, later, NULL), WP_EFORBIDDEN,
			     "failure %d after the decay", i + 1);
	}
	cr_assert_eq(login_at("anna", PW, ADDR, later, NULL), 0, "%s", wp_error_last());
}

Test(accounts, new_password_lifts_the_lock_on_the_name)
{
	int i;

	add("anna", WP_ROLE_LEZER, NULL);
	for (i = 0; i < 5; i++)
		login_at("anna", "verkeerd!!", NULL, T0, NULL);
	cr_assert_eq(login_at("anna", PW, NULL, T0, NULL), WP_ELOCKED);
	cr_assert_eq(wp_accounts_set_password(acc, "anna", "nieuw wachtwoord", 0), 0);
	cr_assert_eq(login_at("anna", "nieuw wachtwoord", NULL, T0, NULL), 0, "%s",
		     wp_error_last());
}

Test(accounts, custom_limits_are_used)
{
	wp_accounts_limits lim = WP_ACCOUNTS_LIMITS_DEFAULT;
	wp_accounts *b = NULL;
	wp_account a;
	long long retry = 0;

	lim.free_tries = 2;
	lim.lock_s = 10;
	lim.lock_max_s = 15;
	cr_assert_eq(wp_accounts_open(&b, file, &lim), 0, "%s", wp_error_last());
	add("anna", WP_ROLE_LEZER, NULL);
	wp_accounts_login(b, "anna", "verkeerd!!", NULL, T0, &a, &retry);
	wp_accounts_login(b, "anna", "verkeerd!!", NULL, T0, &a, &retry);
	cr_assert_eq(wp_accounts_login(b, "anna", PW, NULL, T0, &a, &retry), WP_ELOCKED);
	cr_assert_eq(retry, 15, "%lld", retry);
	wp_accounts_free(b);
}

/* ---- sessions ---- */

Test(accounts, session_gives_the_account_and_its_csrf)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], got[WP_TOKEN_HEX];
	wp_account a;

	add("anna", WP_ROLE_PROFESSIONAL, "noord");
	session_for("anna", T0, token, csrf);
	cr_assert(all_hex(token, 64), "token %s", token);
	cr_assert(all_hex(csrf, 64), "csrf %s", csrf);
	cr_assert_str_neq(token, csrf);
	cr_assert_eq(wp_session_lookup(acc, token, T0 + 5, &a, got), 0, "%s", wp_error_last());
	cr_assert_str_eq(a.name, "anna");
	cr_assert_str_eq(a.team, "noord");
	cr_assert_str_eq(got, csrf);
}

Test(accounts, session_sees_a_changed_role_at_once)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];
	wp_account a;

	add("anna", WP_ROLE_PROFESSIONAL, NULL);
	session_for("anna", T0, token, csrf);
	cr_assert_eq(wp_accounts_set_role(acc, "anna", WP_ROLE_LEZER), 0);
	cr_assert_eq(wp_session_lookup(acc, token, T0, &a, NULL), 0);
	cr_assert_eq(a.role, WP_ROLE_LEZER);
}

Test(accounts, csrf_and_token_differ_per_session)
{
	char t1[WP_TOKEN_HEX], c1[WP_TOKEN_HEX], t2[WP_TOKEN_HEX], c2[WP_TOKEN_HEX];

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, t1, c1);
	session_for("anna", T0, t2, c2);
	cr_assert_str_neq(t1, t2);
	cr_assert_str_neq(c1, c2);
	cr_assert_eq(lookup(t1, T0), 0);
	cr_assert_eq(lookup(t2, T0), 0);
}

Test(accounts, idle_session_ends)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, token, csrf);
	cr_assert_eq(lookup(token, T0 + 7199), 0, "used within the idle time");
	cr_assert_eq(lookup(token, T0 + 7199 + 7199), 0, "the use was not noted");
	cr_assert_eq(lookup(token, T0 + 7199 + 7199 + 7200), WP_ENOTFOUND, "idle session lives");
	cr_assert_not_null(strstr(wp_error_last(), "Log opnieuw in"), "%s", wp_error_last());
	/* and it is gone, not just out of time */
	cr_assert_eq(lookup(token, T0 + 7199 + 7199), WP_ENOTFOUND);
}

Test(accounts, session_ends_after_the_longest_time_however_used)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];
	long long t;

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, token, csrf);
	for (t = T0; t < T0 + 43200; t += 3600)
		cr_assert_eq(lookup(token, t), 0, "at %lld s", t - T0);
	cr_assert_eq(lookup(token, T0 + 43200), WP_ENOTFOUND);
}

Test(accounts, ended_session_is_gone_and_ending_unknown_tokens_is_fine)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], other[WP_TOKEN_HEX];

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, token, csrf);
	session_for("anna", T0, other, csrf);
	cr_assert_eq(wp_session_end(acc, token), 0);
	cr_assert_eq(lookup(token, T0), WP_ENOTFOUND);
	cr_assert_eq(lookup(other, T0), 0, "logout ended another session");
	cr_assert_eq(wp_session_end(acc, token), 0);
	cr_assert_eq(wp_session_end(acc, "rommel"), 0);
	cr_assert_eq(wp_session_end(acc, NULL), 0);
}

Test(accounts, forged_and_malformed_session_tokens_are_not_found)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], forged[WP_TOKEN_HEX + 1];
	size_t i;

	add("anna", WP_ROLE_LEZER, NULL);
	session_for("anna", T0, token, csrf);
	snprintf(forged, sizeof(forged), "%s", token);
	forged[0] = forged[0] == 'a' ? 'b' : 'a';
	cr_assert_eq(lookup(forged, T0), WP_ENOTFOUND, "changed digit");
	for (i = 0; i < 64; i++)
		forged[i] = (char)toupper((unsigned char)token[i]);
	cr_assert_eq(lookup(forged, T0), WP_ENOTFOUND, "capitals");
	snprintf(forged, sizeof(forged), "%.63s", token);
	cr_assert_eq(lookup(forged, T0), WP_ENOTFOUND, "63 digits");
	snprintf(forged, sizeof(forged), "%s0", token);
	cr_assert_eq(lookup(forged, T0), WP_ENOTFOUND, "65 digits");
	cr_assert_eq(lookup(csrf, T0), WP_ENOTFOUND, "the CSRF token as session");
	cr_assert_eq(lookup("", T0), WP_ENOTFOUND);
	cr_assert_eq(lookup(NULL, T0), WP_ENOTFOUND);
	cr_assert_eq(lookup("zz' OR 1=1 --", T0), WP_ENOTFOUND);
	cr_assert_eq(lookup(token, T0), 0);
}

/* ---- API tokens ---- */

Test(accounts, api_token_is_made_found_listed_and_revoked)
{
	char t1[4 + WP_TOKEN_HEX], t2[4 + WP_TOKEN_HEX];
	wp_token_info *list = NULL;
	wp_account a, found;
	size_t n = 0;

	add("anna", WP_ROLE_PROFESSIONAL, NULL);
	a = get("anna");
	cr_assert_eq(wp_token_create(acc, a.id, "export", T0, t1), 0, "%s", wp_error_last());
	cr_assert_eq(wp_token_create(acc, a.id, NULL, T0 + 10, t2), 0, "%s", wp_error_last());
	cr_assert_eq(strncmp(t1, "wpt_", 4), 0, "%s", t1);
	cr_assert(all_hex(t1 + 4, 64), "%s", t1);
	cr_assert_str_neq(t1, t2);
	cr_assert_eq(wp_token_lookup(acc, t1, T0 + 100, &found), 0, "%s", wp_error_last());
	cr_assert_str_eq(found.name, "anna");
	cr_assert_eq(wp_token_list(acc, a.id, &list, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].label, "API-sleutel", "newest first, default label");
	cr_assert_eq(list[0].last_used, 0);
	cr_assert_str_eq(list[1].label, "export");
	cr_assert_eq(list[1].created, T0);
	cr_assert_eq(list[1].last_used, T0 + 100, "use not noted");
	cr_assert_eq(wp_token_revoke(acc, a.id, list[1].id), 0);
	cr_assert_eq(wp_token_lookup(acc, t1, T0, &found), WP_ENOTFOUND, "revoked token works");
	cr_assert_eq(wp_token_lookup(acc, t2, T0, &found), 0);
	cr_assert_eq(wp_token_revoke(acc, a.id, list[1].id), WP_ENOTFOUND, "revoked twice");
	free(list);
	cr_assert_eq(wp_token_list(acc, a.id, &list, &n), 0);
	cr_assert_eq(n, 1, "revoked token still listed");
	free(list);
}

Test(accounts, revoking_another_accounts_token_is_not_found)
{
	char t[4 + WP_TOKEN_HEX];
	wp_token_info *list = NULL;
	wp_account anna, bram;
	size_t n = 0;

	add("anna", WP_ROLE_PROFESSIONAL, NULL);
	add("bram", WP_ROLE_PROFESSIONAL, NULL);
	anna = get("anna");
	bram = get("bram");
	cr_assert_eq(wp_token_create(acc, anna.id, NULL, T0, t), 0);
	cr_assert_eq(wp_token_list(acc, anna.id, &list, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(wp_token_revoke(acc, bram.id, list[0].id), WP_ENOTFOUND);
	cr_assert_eq(lookup_api(t), 0, "bram revoked anna's token");
	free(list);
	cr_assert_eq(wp_token_list(acc, bram.id, &list, &n), 0);
	cr_assert_eq(n, 0, "anna's token listed for bram");
	free(list);
}

Test(accounts, forged_and_malformed_api_tokens_are_not_found)
{
	char t[4 + WP_TOKEN_HEX], forged[80];
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];

	add("anna", WP_ROLE_PROFESSIONAL, NULL);
	session_for("anna", T0, token, csrf);
	cr_assert_eq(wp_token_create(acc, get("anna").id, NULL, T0, t), 0);
	cr_assert_eq(lookup_api(t + 4), WP_ENOTFOUND, "without the prefix");
	snprintf(forged, sizeof(forged), "wpt_%s", token);
	cr_assert_eq(lookup_api(forged), WP_ENOTFOUND, "a session token as API token");
	snprintf(forged, sizeof(forged), "WPT_%s", t + 4);
	cr_assert_eq(lookup_api(forged), WP_ENOTFOUND, "prefix in capitals");
	snprintf(forged, sizeof(forged), "%.67s", t);
	cr_assert_eq(lookup_api(forged), WP_ENOTFOUND, "one digit short");
	snprintf(forged, sizeof(forged), "%sa", t);
	cr_assert_eq(lookup_api(forged), WP_ENOTFOUND, "one digit more");
	snprintf(forged, sizeof(forged), "%s", t);
	forged[10] = forged[10] == 'a' ? 'b' : 'a';
	cr_assert_eq(lookup_api(forged), WP_ENOTFOUND, "changed digit");
	cr_assert_eq(lookup_api(""), WP_ENOTFOUND);
	cr_assert_eq(lookup_api(NULL), WP_ENOTFOUND);
	cr_assert_eq(lookup(t + 4, T0), WP_ENOTFOUND, "an API token as session");
	cr_assert_eq(lookup_api(t), 0);
}

Test(accounts, api_token_needs_a_known_account_and_a_good_label)
{
	char t[4 + WP_TOKEN_HEX];

	cr_assert_eq(wp_token_create(acc, 4242, NULL, T0, t), WP_ENOTFOUND);
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_token_create(acc, get("anna").id, "regel\nregel", T0, t), WP_EINVALID);
	cr_assert_gt(strlen(wp_error_last()), 0);
}

/* ---- storage ---- */

/* Non-zero when any text or blob value in any table of the database
 * contains needle. */
static int db_holds(const char *needle)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *tables = NULL, *rows = NULL;
	int found = 0, i;

	cr_assert_eq(sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'",
					-1, &tables, NULL),
		     SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", sqlite3_column_text(tables, 0));

		cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK, "%s", sql);
		while (sqlite3_step(rows) == SQLITE_ROW)
			for (i = 0; i < sqlite3_column_count(rows); i++) {
				const unsigned char *v = sqlite3_column_text(rows, i);

				found |= v && strstr((const char *)v, needle) != NULL;
			}
		sqlite3_finalize(rows);
		sqlite3_free(sql);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return found;
}

/* Non-zero when the bytes of path contain needle. */
static int file_holds(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long len;
	int found;

	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)len + 1);
	cr_assert_not_null(data);
	cr_assert_eq(fread(data, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	found = memmem(data, (size_t)len, needle, strlen(needle)) != NULL;
	free(data);
	return found;
}

Test(accounts, database_holds_no_password_and_no_token)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX], api[4 + WP_TOKEN_HEX], wal[160];
	const char *pw = "geheim-wachtwoord-42";

	cr_assert_eq(wp_accounts_add(acc, "anna", NULL, WP_ROLE_LEZER, NULL, pw, 0, T0), 0);
	cr_assert_eq(wp_accounts_set_password(acc, "anna", PW, 0), 0);
	session_for("anna", T0, token, csrf);
	cr_assert_eq(wp_token_create(acc, get("anna").id, NULL, T0, api), 0);
	cr_assert_not(db_holds(pw), "the first password is stored");
	cr_assert_not(db_holds(PW), "the password is stored");
	cr_assert_not(db_holds(token), "the session token is stored");
	cr_assert_not(db_holds(api + 4), "the API token is stored");
	cr_assert(db_holds("$argon2id$"), "no argon2id hash stored");
	snprintf(wal, sizeof(wal), "%s-wal", file);
	cr_assert_not(file_holds(file, PW) || file_holds(wal, PW), "password in the file");
	cr_assert_not(file_holds(file, pw) || file_holds(wal, pw), "password in the file");
	cr_assert_not(file_holds(file, token) || file_holds(wal, token), "token in the file");
	cr_assert_not(file_holds(file, api + 4) || file_holds(wal, api + 4), "API token in file");
}

Test(accounts, state_file_is_for_the_owner_only)
{
	struct stat st;

	cr_assert_eq(stat(file, &st), 0);
	cr_assert_eq(st.st_mode & 077, 0, "mode %o", (unsigned)st.st_mode & 0777);
}

Test(accounts, two_connections_share_one_file)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];
	wp_accounts *b = NULL;
	wp_account a;

	cr_assert_eq(wp_accounts_open(&b, file, NULL), 0, "%s", wp_error_last());
	add("anna", WP_ROLE_LEZER, NULL);
	cr_assert_eq(wp_accounts_get(b, "anna", &a), 0, "not seen by the second connection");
	session_for("anna", T0, token, csrf);
	cr_assert_eq(wp_session_lookup(b, token, T0, &a, NULL), 0);
	cr_assert_eq(wp_accounts_set_disabled(b, "anna", 1), 0);
	cr_assert_eq(lookup(token, T0), WP_ENOTFOUND, "the first connection missed the change");
	wp_accounts_free(b);
}

Test(accounts, reopened_file_keeps_everything)
{
	char token[WP_TOKEN_HEX], csrf[WP_TOKEN_HEX];

	add("anna", WP_ROLE_BEHEERDER, "noord");
	session_for("anna", T0, token, csrf);
	wp_accounts_free(acc);
	acc = NULL;
	cr_assert_eq(wp_accounts_open(&acc, file, NULL), 0, "%s", wp_error_last());
	cr_assert_eq(get("anna").role, WP_ROLE_BEHEERDER);
	cr_assert_eq(lookup(token, T0), 0);
}

Test(accounts, file_of_an_unknown_schema_is_refused)
{
	sqlite3 *db = NULL;
	wp_accounts *b = NULL;

	cr_assert_eq(sqlite3_open(file, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema'", NULL,
				  NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(db);
	cr_assert_eq(wp_accounts_open(&b, file, NULL), WP_ERROR);
	cr_assert_null(b);
	cr_assert_not_null(strstr(wp_error_last(), "99"), "%s", wp_error_last());
}

Test(accounts, file_that_is_not_a_database_is_refused)
{
	char junk[160];
	wp_accounts *b = NULL;
	FILE *f;

	snprintf(junk, sizeof(junk), "%s/junk.db", dir);
	f = fopen(junk, "wb");
	cr_assert_not_null(f);
	fputs("dit is geen database, maar wel lang genoeg om op een kop te lijken.......\n"
	      "................................................................\n",
	      f);
	fclose(f);
	cr_assert_eq(wp_accounts_open(&b, junk, NULL), WP_ERROR);
	cr_assert_null(b);
	cr_assert_not_null(strstr(wp_error_last(), junk), "%s", wp_error_last());
}

Test(accounts, one_time_passwords_are_long_unambiguous_and_differ)
{
	char a[WP_ONETIME_LEN + 1], b[WP_ONETIME_LEN + 1];
	size_t i;

	wp_password_onetime(a);
	wp_password_onetime(b);
	cr_assert_eq(strlen(a), 20);
	cr_assert_str_neq(a, b);
	for (i = 0; a[i]; i++)
		cr_assert_null(strchr("0Oo1lIi", a[i]), "ambiguous '%c' in %s", a[i], a);
	cr_assert_eq(wp_password_check(a), 0);
}
