/* Integration tests of account management on the command line
 * (docs/accounts.md): the first beheerder made by init, and every
 * `werkplaats user` verb, run as a real process. Passwords go in on stdin. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD "een-goed-wachtwoord"

/* The last line of s (without its newline), malloc'd. */
static char *last_line(const char *s)
{
	size_t len = strlen(s), start;

	while (len > 0 && s[len - 1] == '\n')
		len--;
	for (start = len; start > 0 && s[start - 1] != '\n'; start--)
		;
	return wp_ts_fmt("%.*s", (int)(len - start), s + start);
}

/* The line before the last one of s, malloc'd ("" when none). */
static char *line_before_last(const char *s)
{
	char *copy = wp_ts_fmt("%s", s), *nl, *line;
	size_t len = strlen(copy);

	while (len > 0 && copy[len - 1] == '\n')
		copy[--len] = '\0';
	nl = strrchr(copy, '\n');
	if (nl)
		*nl = '\0';
	line = nl ? last_line(copy) : wp_ts_fmt("%s", "");
	free(copy);
	return line;
}

static void assert_exit(const wp_ts_run_result *r, int code, const char *what)
{
	cr_assert_eq(r->exit_code, code, "%s: exit %d, want %d\nstdout: %s\nstderr: %s", what,
		     r->exit_code, code, r->out, r->err);
	if (code != 0)
		cr_assert_gt(strlen(r->err), 0, "%s: no message on stderr", what);
}

/* A data folder made by `init` in a new temp dir (*tmp, to remove); *init
 * (may be NULL) gets init's result. Caller frees. */
static char *new_data(char **tmp, wp_ts_run_result **init)
{
	char *data;
	wp_ts_run_result *r;

	*tmp = wp_ts_tmpdir();
	data = wp_ts_fmt("%s/data", *tmp);
	{
		const char *a[] = { "init", "--data", data, NULL };

		r = wp_ts_run(a);
	}
	assert_exit(r, 0, "init");
	if (init)
		*init = r;
	else
		wp_ts_run_free(r);
	return data;
}

static void cleanup(char *tmp, char *data)
{
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

/* `werkplaats user VERB --data DATA ARGS...` with input on stdin (NULL:
 * none). args: NULL-terminated, at most 8. */
static wp_ts_run_result *user(const char *data, const char *input, const char *verb, ...)
{
	const char *args[16] = { "user", verb, "--data", data };
	size_t n = 4;
	va_list ap;
	const char *s;

	va_start(ap, verb);
	for (s = va_arg(ap, const char *); s && n < 14; s = va_arg(ap, const char *))
		args[n++] = s;
	va_end(ap);
	args[n] = NULL;
	return wp_ts_run_input(args, input);
}

/* The output of `user list`. Caller frees. */
static char *list(const char *data)
{
	wp_ts_run_result *r = user(data, NULL, "list", NULL);
	char *out;

	assert_exit(r, 0, "user list");
	out = wp_ts_fmt("%s", r->out);
	wp_ts_run_free(r);
	return out;
}

/* The line of `user list` for account name (a copy), or NULL. */
static char *list_line(const char *data, const char *name)
{
	char *all = list(data), *line = NULL, *p;
	size_t n = strlen(name);

	for (p = all; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == ' ') {
			line = wp_ts_fmt("%.*s", (int)strcspn(p, "\n"), p);
			break;
		}
	}
	free(all);
	return line;
}

static void add(const char *data, const char *name, const char *role)
{
	wp_ts_run_result *r = user(data, PASSWORD "\n", "add", name, "--role", role, NULL);

	assert_exit(r, 0, "user add");
	wp_ts_run_free(r);
}

/* ---- init ---- */

Test(cli_users, init_prints_the_one_time_password_last_and_makes_beheer)
{
	wp_ts_run_result *init;
	char *tmp, *data = new_data(&tmp, &init);
	char *pw = last_line(init->out), *before = line_before_last(init->out), *line;
	size_t i;

	cr_assert_eq(strlen(pw), 20, "last line is not a 20-character password: '%s'\n%s", pw,
		     init->out);
	for (i = 0; pw[i]; i++)
		cr_assert_null(strchr("0Oo1lIi ", pw[i]), "ambiguous character in '%s'", pw);
	cr_assert_not_null(strstr(before, "één keer"), "no 'shown once' line: %s", before);
	cr_assert_not_null(strstr(before, "wijzig"), "no 'change it' line: %s", before);
	cr_assert_null(strstr(init->err, pw), "password on stderr");
	line = list_line(data, "beheer");
	cr_assert_not_null(line, "no account beheer in the list");
	cr_assert_not_null(strstr(line, "beheerder"), "%s", line);
	cr_assert_not_null(strstr(line, "eenmalig wachtwoord"), "%s", line);
	free(line);
	free(pw);
	free(before);
	wp_ts_run_free(init);
	cleanup(tmp, data);
}

Test(cli_users, init_passwords_differ_per_data_folder)
{
	wp_ts_run_result *i1, *i2;
	char *t1, *t2, *d1 = new_data(&t1, &i1), *d2 = new_data(&t2, &i2);
	char *p1 = last_line(i1->out), *p2 = last_line(i2->out);

	cr_assert_str_neq(p1, p2);
	free(p1);
	free(p2);
	wp_ts_run_free(i1);
	wp_ts_run_free(i2);
	cleanup(t1, d1);
	cleanup(t2, d2);
}

Test(cli_users, init_with_admin_names_the_first_account)
{
	char *tmp = wp_ts_tmpdir(), *data = wp_ts_fmt("%s/data", tmp), *line;
	const char *a[] = { "init", "--data", data, "--admin", "anna", NULL };
	wp_ts_run_result *r = wp_ts_run(a);

	assert_exit(r, 0, "init --admin anna");
	line = list_line(data, "anna");
	cr_assert_not_null(line, "no account anna");
	cr_assert_not_null(strstr(line, "beheerder"), "%s", line);
	free(line);
	line = list_line(data, "beheer");
	cr_assert_null(line, "beheer made as well: %s", line);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, init_with_a_bad_admin_name_exits_2_and_makes_nothing)
{
	char *tmp = wp_ts_tmpdir(), *data = wp_ts_fmt("%s/data", tmp);
	char *config = wp_ts_fmt("%s/werkplaats.json", data), *found;
	const char *a[] = { "init", "--data", data, "--admin", "Anna Bos", NULL };
	wp_ts_run_result *r = wp_ts_run(a);

	assert_exit(r, 2, "init --admin 'Anna Bos'");
	cr_assert_not_null(strstr(r->err, "inlognaam"), "%s", r->err);
	found = wp_ts_read_file(config);
	cr_assert_null(found, "init went on after a bad --admin");
	free(config);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, second_init_makes_no_account_and_prints_no_password)
{
	wp_ts_run_result *first, *second;
	char *tmp, *data = new_data(&tmp, &first), *pw = last_line(first->out), *all;
	const char *a[] = { "init", "--data", data, "--admin", "tweede", NULL };

	second = wp_ts_run(a);
	assert_exit(second, 0, "second init");
	cr_assert_not_null(strstr(second->out, "bestaat al"), "%s", second->out);
	cr_assert_null(strstr(second->out, "beheerder"), "an account was mentioned: %s",
		       second->out);
	cr_assert_null(strstr(second->out, pw), "the password was printed again");
	all = list(data);
	cr_assert_null(strstr(all, "tweede"), "second init added an account:\n%s", all);
	cr_assert_eq(wp_ts_count(all, "beheerder"), 1, "%s", all);
	free(all);
	free(pw);
	wp_ts_run_free(first);
	wp_ts_run_free(second);
	cleanup(tmp, data);
}

Test(cli_users, demo_init_also_ends_with_the_password)
{
	char *tmp = wp_ts_tmpdir(), *data = wp_ts_fmt("%s/data", tmp), *pw;
	const char *a[] = { "init", "--data", data, "--demo", "--content", wp_ts_content_dir(),
			    NULL };
	wp_ts_run_result *r = wp_ts_run(a);

	assert_exit(r, 0, "init --demo");
	pw = last_line(r->out);
	cr_assert_eq(strlen(pw), 20, "last line: '%s'\n%s", pw, r->out);
	free(pw);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

/* ---- user add ---- */

Test(cli_users, add_takes_the_password_from_stdin)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r = user(data, PASSWORD "\n", "add", "anna", "--role", "professional",
				   "--team", "wijkteam-noord", "--display", "Anna de Vriës", NULL);

	assert_exit(r, 0, "user add");
	cr_assert_not_null(strstr(r->out, "anna"), "no confirmation: %s", r->out);
	cr_assert_null(strstr(r->out, PASSWORD), "password echoed on stdout");
	cr_assert_null(strstr(r->err, PASSWORD), "password echoed on stderr");
	line = list_line(data, "anna");
	cr_assert_not_null(line, "anna not listed");
	cr_assert_not_null(strstr(line, "Anna de Vriës"), "%s", line);
	cr_assert_not_null(strstr(line, "professional"), "%s", line);
	cr_assert_not_null(strstr(line, "wijkteam-noord"), "%s", line);
	cr_assert_not_null(strstr(line, "actief"), "%s", line);
	free(line);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, add_accepts_a_password_line_ending_in_crlf)
{
	char *tmp, *data = new_data(&tmp, NULL);
	wp_ts_run_result *r = user(data, PASSWORD "\r\n", "add", "bram", "--role", "lezer", NULL);

	assert_exit(r, 0, "user add with CRLF");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, add_without_a_password_exits_1_and_adds_nothing)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r = user(data, NULL, "add", "anna", "--role", "lezer", NULL);

	assert_exit(r, 1, "user add without stdin");
	cr_assert_not_null(strstr(r->err, "wachtwoord"), "%s", r->err);
	wp_ts_run_free(r);
	r = user(data, "\n", "add", "anna", "--role", "lezer", NULL);
	assert_exit(r, 1, "user add with an empty line");
	wp_ts_run_free(r);
	r = user(data, "kort\n", "add", "anna", "--role", "lezer", NULL);
	assert_exit(r, 1, "user add with a short password");
	cr_assert_not_null(strstr(r->err, "10"), "no minimum in the message: %s", r->err);
	line = list_line(data, "anna");
	cr_assert_null(line, "anna added anyway");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, password_is_never_an_argument)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r = user(data, NULL, "add", "anna", "--role", "lezer", "--password",
				   PASSWORD, NULL);

	assert_exit(r, 2, "user add --password");
	cr_assert_not_null(strstr(r->err, "--password"), "%s", r->err);
	wp_ts_run_free(r);
	r = user(data, NULL, "passwd", "beheer", "--password", PASSWORD, NULL);
	assert_exit(r, 2, "user passwd --password");
	line = list_line(data, "anna");
	cr_assert_null(line, "anna added");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, add_refuses_bad_role_team_name_and_display_with_exit_2)
{
	static const char *const bad[][8] = {
		{ "anna", "--role", "koning", NULL },
		{ "anna", "--role", "anoniem", NULL },
		{ "anna", "--role", "lezer", "--team", "Team Noord", NULL },
		{ "Anna", "--role", "lezer", NULL },
		{ "anna bos", "--role", "lezer", NULL },
		{ "anna", "--role", "lezer", "--display", "<script>", NULL },
		{ "anna", NULL },
		{ "--role", "lezer", NULL },
		{ "anna", "bram", "--role", "lezer", NULL },
	};
	char *tmp, *data = new_data(&tmp, NULL), *all;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		wp_ts_run_result *r = user(data, PASSWORD "\n", "add", bad[i][0], bad[i][1],
					   bad[i][2], bad[i][3], bad[i][4], bad[i][5], NULL);

		assert_exit(r, 2, bad[i][0]);
		cr_assert_not_null(strstr(r->err, "werkplaats user add"), "case %zu: %s", i,
				   r->err);
		wp_ts_run_free(r);
	}
	all = list(data);
	cr_assert_null(strstr(all, "anna"), "an account was added:\n%s", all);
	cr_assert_null(strstr(all, "Anna"), "an account was added:\n%s", all);
	free(all);
	cleanup(tmp, data);
}

Test(cli_users, bad_role_message_lists_the_roles)
{
	char *tmp, *data = new_data(&tmp, NULL);
	wp_ts_run_result *r = user(data, PASSWORD "\n", "add", "anna", "--role", "koning", NULL);

	assert_exit(r, 2, "bad role");
	cr_assert_not_null(strstr(r->err, "koning"), "%s", r->err);
	cr_assert_not_null(strstr(r->err, "ervaringswerker"), "%s", r->err);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, duplicate_name_exits_1_and_keeps_the_first)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r;

	add(data, "anna", "lezer");
	r = user(data, PASSWORD "\n", "add", "anna", "--role", "beheerder", NULL);
	assert_exit(r, 1, "duplicate add");
	cr_assert_not_null(strstr(r->err, "anna"), "%s", r->err);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "lezer"), "the first account changed: %s", line);
	free(line);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

/* ---- changes ---- */

Test(cli_users, passwd_sets_a_new_password_from_stdin)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r = user(data, "nieuw-wachtwoord-123\n", "passwd", "beheer", NULL);

	assert_exit(r, 0, "user passwd");
	cr_assert_not_null(strstr(r->out, "beheer"), "%s", r->out);
	line = list_line(data, "beheer");
	cr_assert_null(strstr(line, "eenmalig"), "still a one-time password: %s", line);
	free(line);
	wp_ts_run_free(r);
	r = user(data, "kort\n", "passwd", "beheer", NULL);
	assert_exit(r, 1, "user passwd with a short password");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, role_changes_the_role)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r;

	add(data, "anna", "lezer");
	r = user(data, NULL, "role", "anna", "--role", "regioteam", NULL);
	assert_exit(r, 0, "user role");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "regioteam"), "%s", line);
	free(line);
	r = user(data, NULL, "role", "anna", "--role", "baas", NULL);
	assert_exit(r, 2, "user role baas");
	wp_ts_run_free(r);
	r = user(data, NULL, "role", "anna", NULL);
	assert_exit(r, 2, "user role without --role");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, team_sets_and_no_team_removes_the_team)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r;

	add(data, "anna", "professional");
	r = user(data, NULL, "team", "anna", "--team", "wijkteam-zuid", NULL);
	assert_exit(r, 0, "user team");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "wijkteam-zuid"), "%s", line);
	free(line);
	r = user(data, NULL, "team", "anna", "--no-team", NULL);
	assert_exit(r, 0, "user team --no-team");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_null(strstr(line, "wijkteam-zuid"), "team still set: %s", line);
	free(line);
	r = user(data, NULL, "team", "anna", NULL);
	assert_exit(r, 2, "user team without --team or --no-team");
	wp_ts_run_free(r);
	r = user(data, NULL, "team", "anna", "--team", "x", "--no-team", NULL);
	assert_exit(r, 2, "user team with both");
	wp_ts_run_free(r);
	r = user(data, NULL, "team", "anna", "--team", "Zuid!", NULL);
	assert_exit(r, 2, "user team with a bad name");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, display_changes_the_display_name)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r;

	add(data, "anna", "lezer");
	r = user(data, NULL, "display", "anna", "--display", "Anna Bos", NULL);
	assert_exit(r, 0, "user display");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "Anna Bos"), "%s", line);
	free(line);
	r = user(data, NULL, "display", "anna", "--display", "", NULL);
	assert_exit(r, 2, "user display ''");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, disable_and_enable_show_in_the_list)
{
	char *tmp, *data = new_data(&tmp, NULL), *line;
	wp_ts_run_result *r;

	add(data, "anna", "lezer");
	r = user(data, NULL, "disable", "anna", NULL);
	assert_exit(r, 0, "user disable");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "uitgeschakeld"), "%s", line);
	free(line);
	r = user(data, NULL, "token", "anna", NULL);
	assert_exit(r, 1, "token for a disabled account");
	cr_assert_null(strstr(r->out, "wpt_"), "a token was printed: %s", r->out);
	wp_ts_run_free(r);
	r = user(data, NULL, "enable", "anna", NULL);
	assert_exit(r, 0, "user enable");
	wp_ts_run_free(r);
	line = list_line(data, "anna");
	cr_assert_not_null(strstr(line, "actief"), "%s", line);
	free(line);
	cleanup(tmp, data);
}

Test(cli_users, list_is_a_table_with_a_header)
{
	char *tmp, *data = new_data(&tmp, NULL), *all, *anna, *beheer;

	add(data, "anna", "ervaringswerker");
	all = list(data);
	cr_assert_eq(strncmp(all, "NAAM", 4), 0, "no header: %s", all);
	cr_assert_not_null(strstr(all, "ROL"), "%s", all);
	cr_assert_not_null(strstr(all, "STATUS"), "%s", all);
	anna = strstr(all, "\nanna ");
	beheer = strstr(all, "\nbeheer ");
	cr_assert(anna && beheer && anna < beheer, "not sorted by name:\n%s", all);
	free(all);
	cleanup(tmp, data);
}

/* ---- tokens ---- */

static int is_token(const char *s)
{
	size_t i;

	if (strlen(s) != 68 || strncmp(s, "wpt_", 4) != 0)
		return 0;
	for (i = 4; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

Test(cli_users, token_prints_a_new_token_alone_on_the_last_line)
{
	char *tmp, *data = new_data(&tmp, NULL), *t1, *t2, *before;
	wp_ts_run_result *r = user(data, NULL, "token", "beheer", "--label", "export", NULL);

	assert_exit(r, 0, "user token");
	t1 = last_line(r->out);
	before = line_before_last(r->out);
	cr_assert(is_token(t1), "last line is not wpt_ + 64 hex: '%s'", t1);
	cr_assert_not_null(strstr(before, "één keer"), "no 'shown once' line: %s", before);
	wp_ts_run_free(r);
	r = user(data, NULL, "token", "beheer", NULL);
	assert_exit(r, 0, "second user token");
	t2 = last_line(r->out);
	cr_assert(is_token(t2), "'%s'", t2);
	cr_assert_str_neq(t1, t2, "the same token twice");
	free(t1);
	free(t2);
	free(before);
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

Test(cli_users, token_with_a_bad_label_exits_2)
{
	char *tmp, *data = new_data(&tmp, NULL);
	wp_ts_run_result *r = user(data, NULL, "token", "beheer", "--label", "a\nb", NULL);

	assert_exit(r, 2, "user token --label with a newline");
	wp_ts_run_free(r);
	cleanup(tmp, data);
}

/* ---- mistakes ---- */

Test(cli_users, unknown_user_exits_1_with_a_message)
{
	static const char *const verbs[][4] = {
		{ "passwd", NULL },	       { "role", "--role", "lezer", NULL },
		{ "team", "--no-team", NULL }, { "display", "--display", "X", NULL },
		{ "disable", NULL },	       { "enable", NULL },
		{ "token", NULL },
	};
	char *tmp, *data = new_data(&tmp, NULL);
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		wp_ts_run_result *r = user(data, PASSWORD "\n", verbs[i][0], "niemand",
					   verbs[i][1], verbs[i][2], NULL);

		assert_exit(r, 1, verbs[i][0]);
		cr_assert_not_null(strstr(r->err, "niemand"), "%s: %s", verbs[i][0], r->err);
		wp_ts_run_free(r);
	}
	cleanup(tmp, data);
}

Test(cli_users, missing_or_uninitialised_data_exits_2)
{
	static const char *const verbs[] = { "add",	"passwd", "role", "team", "display",
					     "disable", "enable", "list", "token" };
	char *tmp = wp_ts_tmpdir();
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		int is_list = strcmp(verbs[i], "list") == 0;
		const char *no_data[] = { "user", verbs[i], is_list ? NULL : "anna", NULL };
		const char *empty[] = { "user", verbs[i], "--data", tmp, is_list ? NULL : "anna",
					NULL };
		wp_ts_run_result *r = wp_ts_run(no_data);

		assert_exit(r, 2, verbs[i]);
		cr_assert_not_null(strstr(r->err, "--data"), "%s: %s", verbs[i], r->err);
		wp_ts_run_free(r);
		r = wp_ts_run(empty);
		assert_exit(r, 2, verbs[i]);
		cr_assert_null(strstr(r->err, "NAAM"), "%s: not about the data folder: %s",
			       verbs[i], r->err);
		wp_ts_run_free(r);
	}
	wp_ts_rmtree(tmp);
	free(tmp);
}

Test(cli_users, user_help_and_unknown_verbs)
{
	const char *help[] = { "user", "--help", NULL };
	const char *add_help[] = { "user", "add", "--help", NULL };
	const char *bare[] = { "user", NULL };
	const char *unknown[] = { "user", "toveren", "--data", "/tmp", NULL };
	wp_ts_run_result *r = wp_ts_run(help);

	assert_exit(r, 0, "user --help");
	cr_assert_not_null(strstr(r->out, "passwd"), "%s", r->out);
	cr_assert_not_null(strstr(r->out, "token"), "%s", r->out);
	wp_ts_run_free(r);
	r = wp_ts_run(add_help);
	assert_exit(r, 0, "user add --help");
	cr_assert_not_null(strstr(r->out, "--role"), "%s", r->out);
	cr_assert_not_null(strstr(r->out, "stdin"), "%s", r->out);
	wp_ts_run_free(r);
	r = wp_ts_run(bare);
	assert_exit(r, 2, "user");
	wp_ts_run_free(r);
	r = wp_ts_run(unknown);
	assert_exit(r, 2, "user toveren");
	cr_assert_not_null(strstr(r->err, "toveren"), "%s", r->err);
	wp_ts_run_free(r);
}
