/* cli.c - the `werkplaats` command line. Each verb parses its own flags
 * with getopt_long; every mistake gets a message and exit code 2.
 * `werkplaats user VERB` manages accounts in the state database; a
 * password is never an argument (it would show in ps and the shell
 * history): it is typed without echo, or read as one line from stdin. */
#include "cli.h"
#include "plugin_host.h"

#include "accounts.h"
#include "config.h"
#include "datalock.h"
#include "erase.h"
#include "error.h"
#include "http.h"
#include "index.h"
#include "path.h"
#include "store.h"
#include "texts.h"
#include "wiki.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define EXIT_PROBLEMS 1
#define EXIT_USAGE 2

typedef struct {
	const char *data;
	const char *content;
	const char *listen;
	const char *theme;
	const char *author;
	const char *message;
	const char *role;
	const char *team;
	const char *display;
	const char *label;
	const char *admin;
	long port, max_body, threads;
	int demo;
	int no_team;
	int yes;
	int mark;
	int help;
} cli_opts;

enum { OPT_DATA = 256, OPT_DEMO, OPT_CONTENT, OPT_PORT, OPT_LISTEN, OPT_THEME,
       OPT_MAX_BODY, OPT_THREADS, OPT_AUTHOR, OPT_MESSAGE, OPT_ROLE, OPT_TEAM, OPT_NO_TEAM,
       OPT_DISPLAY, OPT_LABEL, OPT_ADMIN, OPT_YES, OPT_MARK };

static int usage_error(const char *verb, const char *what)
{
	fprintf(stderr, "werkplaats %s: %s\n", verb, what);
	fprintf(stderr, wp_t("cli.see_help"), verb);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parses the flags of verb; `allowed` lists the OPT_* values it takes.
 * Returns 0, or an exit code after printing the problem. */
static int parse_opts(cli_opts *o, const char *verb, const int *allowed, int argc, char **argv)
{
	static const struct option all[] = {
		{ "data", required_argument, NULL, OPT_DATA },
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "content", required_argument, NULL, OPT_CONTENT },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "max-body", required_argument, NULL, OPT_MAX_BODY },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "message", required_argument, NULL, OPT_MESSAGE },
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "no-team", no_argument, NULL, OPT_NO_TEAM },
		{ "display", required_argument, NULL, OPT_DISPLAY },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "admin", required_argument, NULL, OPT_ADMIN },
		{ "yes", no_argument, NULL, OPT_YES },
		{ "mark", no_argument, NULL, OPT_MARK },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char msg[256];
	int c, i, ok;

	memset(o, 0, sizeof(*o));
	o->port = o->max_body = o->threads = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", all, NULL)) != -1) {
		if (c == 'h') {
			o->help = 1;
			return 0;
		}
		if (c == '?' || c == ':') {
			snprintf(msg, sizeof(msg), wp_t(c == '?' ? "cli.unknown_flag"
								   : "cli.missing_value"),
				 argv[optind - 1]);
			return usage_error(verb, msg);
		}
		for (i = 0, ok = 0; allowed[i]; i++)
			ok |= allowed[i] == c;
		if (!ok) {
			snprintf(msg, sizeof(msg), wp_t("cli.unknown_flag"), argv[optind - 1]);
			return usage_error(verb, msg);
		}
		switch (c) {
		case OPT_DATA: o->data = optarg; break;
		case OPT_DEMO: o->demo = 1; break;
		case OPT_CONTENT: o->content = optarg; break;
		case OPT_LISTEN: o->listen = optarg; break;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_AUTHOR: o->author = optarg; break;
		case OPT_MESSAGE: o->message = optarg; break;
		case OPT_ROLE: o->role = optarg; break;
		case OPT_TEAM: o->team = optarg; break;
		case OPT_NO_TEAM: o->no_team = 1; break;
		case OPT_DISPLAY: o->display = optarg; break;
		case OPT_LABEL: o->label = optarg; break;
		case OPT_ADMIN: o->admin = optarg; break;
		case OPT_YES: o->yes = 1; break;
		case OPT_MARK: o->mark = 1; break;
		case OPT_PORT:
			if (parse_long(optarg, 0, 65535, &o->port) < 0)
				return usage_error(verb, wp_t("cli.bad_port"));
			break;
		case OPT_MAX_BODY:
			if (parse_long(optarg, 1024, 1L << 30, &o->max_body) < 0)
				return usage_error(verb, wp_t("cli.bad_max_body"));
			break;
		case OPT_THREADS:
			if (parse_long(optarg, 1, 256, &o->threads) < 0)
				return usage_error(verb, wp_t("cli.bad_threads"));
			break;
		}
	}
	if (!o->data)
		return usage_error(verb, wp_t("cli.need_data"));
	return 0;
}

static int print_help(const char *verb)
{
	char key[64];

	snprintf(key, sizeof(key), "cli.help_%s", verb);
	printf("%s\n", wp_t(key));
	return 0;
}

static int fail(const char *verb)
{
	fprintf(stderr, "werkplaats %s: %s\n", verb, wp_error_last());
	return EXIT_PROBLEMS;
}

/* Opens the repository of an initialised data folder, or explains why not. */
static int open_data(wp_config *cfg, wp_store **s, const char *verb, const char *data)
{
	int rc;

	*s = NULL;
	if (wp_config_defaults(cfg, data) < 0)
		return fail(verb);
	rc = wp_config_load(cfg);
	/* Types, schemas and index tables come from the plugins: every verb
	 * that reads or writes pages needs them. */
	if (rc == 0)
		rc = wp_plugins_load(cfg);
	if (rc == 0)
		rc = wp_store_open(s, cfg->repo_dir);
	if (rc < 0) {
		fprintf(stderr, "werkplaats %s: %s\n", verb, wp_error_last());
		return EXIT_USAGE;
	}
	return 0;
}

static int import_into(wp_store *s, const char *src, const char *author, const char *message,
		       const char *verb)
{
	wp_actor who = { author, message };
	wp_buf report = WP_BUF_INIT;
	char rev[WP_OID_HEX];
	size_t count = 0;
	int rc;

	rc = wp_wiki_import(rev, &count, s, src, &who, &report);
	if (report.len)
		fputs(wp_buf_cstr(&report), stderr);
	wp_buf_dispose(&report);
	if (rc < 0)
		return fail(verb);
	printf(wp_t("cli.imported"), count, 7, rev);
	putchar('\n');
	return 0;
}

/* Draws "[#####     ] 1234/5678" on a terminal; plain lines otherwise. */
static void progress(void *payload, size_t done, size_t total)
{
	int tty = *(const int *)payload;
	size_t width = 40, filled = total ? done * width / total : width, i;

	if (!tty) {
		if (done == total || done % 10000 == 0)
			printf(wp_t("cli.reindex_progress"), done, total);
		if (done == total || done % 10000 == 0)
			putchar('\n');
		return;
	}
	putchar('\r');
	putchar('[');
	for (i = 0; i < width; i++)
		putchar(i < filled ? '#' : ' ');
	printf("] %zu/%zu", done, total);
	if (done == total)
		putchar('\n');
	fflush(stdout);
}

/* Brings the index up to date (from scratch when full is set). */
static int build_index(const wp_config *cfg, wp_store *s, const char *verb, int full)
{
	wp_index *ix = NULL;
	int tty = isatty(STDOUT_FILENO), rc;

	rc = wp_index_open(&ix, cfg->index_file, cfg->language);
	if (rc == 0)
		rc = full ? wp_index_rebuild(ix, s, progress, &tty) : wp_index_catch_up(ix, s);
	wp_index_free(ix);
	if (rc < 0)
		return fail(verb);
	printf(wp_t("cli.indexed"), rc);
	putchar('\n');
	return 0;
}

/* The number of accounts in the state database into *n. */
static int count_accounts(wp_accounts *a, size_t *n)
{
	wp_account *all = NULL;
	int rc = wp_accounts_list(a, &all, n);

	free(all);
	return rc;
}

/* Creates the first beheerder with a one-time password, printed as the
 * last line of stdout so a script can take it with `tail -n 1`. */
static int first_admin(wp_accounts *a, const char *name)
{
	char pw[WP_ONETIME_LEN + 1];
	int rc;

	wp_password_onetime(pw);
	rc = wp_accounts_add(a, name, NULL, WP_ROLE_BEHEERDER, NULL, pw, 1, (long long)time(NULL));
	if (rc == 0) {
		printf(wp_t("cli.user.first_admin"), name);
		printf("\n%s\n", pw);
	}
	sodium_memzero(pw, sizeof(pw));
	return rc < 0 ? fail("init") : 0;
}

static int cmd_init(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_DEMO, OPT_CONTENT, OPT_ADMIN, 0 };
	char content[4096];
	wp_config cfg;
	wp_store *s = NULL;
	wp_accounts *a = NULL;
	char head[WP_OID_HEX];
	size_t accounts = 0;
	cli_opts o;
	int rc;

	if ((rc = parse_opts(&o, "init", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("init") : rc;
	if (optind < argc)
		return usage_error("init", wp_t("cli.extra_args"));
	if (o.admin && wp_account_name_check(o.admin) < 0)
		return usage_error("init", wp_error_last());
	if (wp_config_defaults(&cfg, o.data) < 0)
		return fail("init");
	rc = wp_config_write_default(&cfg);
	if (rc == 0)
		rc = wp_config_load(&cfg);
	if (rc == 0)
		rc = wp_plugins_load(&cfg);
	if (rc == 0)
		rc = wp_store_init(cfg.repo_dir);
	if (rc == 0)
		rc = wp_store_open(&s, cfg.repo_dir);
	if (rc == 0)
		rc = wp_store_head(head, s);
	if (rc == 0)
		rc = wp_accounts_open(&a, cfg.state_file, NULL);
	if (rc == 0)
		rc = count_accounts(a, &accounts);
	if (rc < 0) {
		rc = fail("init");
		goto done;
	}
	/* Pages or accounts: made before (an empty wiki has only the latter). */
	if (head[0] || accounts > 0) {
		printf(wp_t("cli.already_initialised"), o.data);
		putchar('\n');
		goto done;
	}
	printf(wp_t("cli.initialised"), o.data);
	putchar('\n');
	if (o.demo) {
		snprintf(content, sizeof(content), "%s/content", cfg.root_dir);
		rc = import_into(s, o.content ? o.content : content, "Werkplaats",
				 wp_t("cli.demo_message"), "init");
	}
	if (rc == 0)
		rc = build_index(&cfg, s, "init", 0);
	if (rc == 0)
		rc = first_admin(a, o.admin ? o.admin : "beheer");
done:
	wp_accounts_free(a);
	wp_store_free(s);
	wp_config_dispose(&cfg);
	return rc;
}

static int cmd_serve(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA,     OPT_PORT,	  OPT_LISTEN, OPT_THEME,
				       OPT_MAX_BODY, OPT_THREADS, 0 };
	wp_config cfg;
	wp_store *s = NULL;
	cli_opts o;
	int rc, lock = -1;

	if ((rc = parse_opts(&o, "serve", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("serve") : rc;
	if (optind < argc)
		return usage_error("serve", wp_t("cli.extra_args"));
	if ((rc = open_data(&cfg, &s, "serve", o.data)) != 0)
		goto done;
	wp_store_free(s);
	s = NULL;
	/* Held until the server ends: `erase` must not rewrite the history
	 * under a running server (datalock.h). Shared: servers may share. */
	rc = wp_datalock_take(&lock, o.data, 0);
	if (rc == WP_ELOCKED)
		wp_error_set("%s", wp_t("cli.erase.serve_refused"));
	if (rc < 0) {
		rc = fail("serve");
		goto done;
	}
	if (o.port >= 0)
		cfg.port = (int)o.port;
	if (o.max_body > 0)
		cfg.max_body = (size_t)o.max_body;
	if (o.threads > 0)
		cfg.threads = (int)o.threads;
	if ((o.listen && !(cfg.listen = (free(cfg.listen), strdup(o.listen)))) ||
	    (o.theme && !(cfg.theme = (free(cfg.theme), strdup(o.theme))))) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	rc = wp_http_serve(&cfg) < 0 ? fail("serve") : 0;
done:
	wp_datalock_release(lock);
	wp_store_free(s);
	wp_config_dispose(&cfg);
	return rc;
}

static int cmd_import(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_AUTHOR, OPT_MESSAGE, 0 };
	wp_config cfg;
	wp_store *s = NULL;
	struct stat st;
	cli_opts o;
	int rc;

	if ((rc = parse_opts(&o, "import", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("import") : rc;
	if (optind != argc - 1)
		return usage_error("import", wp_t("cli.need_srcdir"));
	if (stat(argv[optind], &st) != 0 || !S_ISDIR(st.st_mode))
		return usage_error("import", wp_t("cli.srcdir_missing"));
	if ((rc = open_data(&cfg, &s, "import", o.data)) == 0)
		rc = import_into(s, argv[optind], o.author ? o.author : "anoniem", o.message,
				 "import");
	if (rc == 0)
		rc = build_index(&cfg, s, "import", 0);
	wp_store_free(s);
	wp_config_dispose(&cfg);
	return rc;
}

static int cmd_reindex(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, 0 };
	wp_config cfg;
	wp_store *s = NULL;
	cli_opts o;
	int rc;

	if ((rc = parse_opts(&o, "reindex", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("reindex") : rc;
	if (optind < argc)
		return usage_error("reindex", wp_t("cli.extra_args"));
	if ((rc = open_data(&cfg, &s, "reindex", o.data)) == 0)
		rc = build_index(&cfg, s, "reindex", 1);
	wp_store_free(s);
	wp_config_dispose(&cfg);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, 0 };
	wp_buf report = WP_BUF_INIT;
	wp_config cfg;
	wp_store *s = NULL;
	cli_opts o;
	int rc;

	if ((rc = parse_opts(&o, "check", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("check") : rc;
	if (optind < argc)
		return usage_error("check", wp_t("cli.extra_args"));
	if ((rc = open_data(&cfg, &s, "check", o.data)) != 0)
		goto done;
	rc = wp_wiki_check(&report, s);
	fputs(wp_buf_cstr(&report), stdout);
	if (rc < 0) {
		rc = fail("check");
	} else {
		printf(wp_t(rc ? "cli.check_problems" : "cli.check_ok"), rc);
		putchar('\n');
		rc = rc ? EXIT_PROBLEMS : 0;
	}
done:
	wp_buf_dispose(&report);
	wp_store_free(s);
	wp_config_dispose(&cfg);
	return rc;
}

/* ---- werkplaats user VERB ---- */

#define PASSWORD_LINE 2048 /* more than the longest password, so that one too long is seen */

/* What every user verb has: its name for messages, its flags, the NAME
 * argument and the open state database. */
typedef struct {
	char verb[32]; /* "user add" */
	const char *sub;
	cli_opts o;
	const char *name; /* NULL for list */
	wp_config cfg;
	wp_accounts *a;
} user_cmd;

static int user_help(const char *sub)
{
	char key[64];

	snprintf(key, sizeof(key), "cli.user.help_%s", sub);
	printf("%s\n", wp_t(key));
	return 0;
}

/* Parses the flags and NAME (when need_name) of user verb sub and opens
 * the state database. Returns 0 to go on, -1 when help was asked for and
 * printed, or an exit code after a message. Free with user_end(). */
static int user_begin(user_cmd *u, const char *sub, const int *allowed, int need_name, int argc,
		      char **argv)
{
	wp_accounts_limits lim = WP_ACCOUNTS_LIMITS_DEFAULT;
	int rc;

	memset(u, 0, sizeof(*u));
	snprintf(u->verb, sizeof(u->verb), "user %s", sub);
	u->sub = sub;
	rc = parse_opts(&u->o, u->verb, allowed, argc, argv);
	if (rc != 0 || u->o.help)
		return rc != 0 ? rc : (user_help(sub), -1);
	if (need_name && optind != argc - 1)
		return usage_error(u->verb, wp_t("cli.user.need_name"));
	if (!need_name && optind < argc)
		return usage_error(u->verb, wp_t("cli.extra_args"));
	u->name = need_name ? argv[optind] : NULL;
	if (wp_config_defaults(&u->cfg, u->o.data) < 0)
		return fail(u->verb);
	if (wp_config_load(&u->cfg) < 0) {
		fprintf(stderr, "werkplaats %s: %s\n", u->verb, wp_error_last());
		return EXIT_USAGE;
	}
	lim.idle_s = u->cfg.session_idle_s;
	lim.max_s = u->cfg.session_max_s;
	return wp_accounts_open(&u->a, u->cfg.state_file, &lim) < 0 ? fail(u->verb) : 0;
}

/* Ends a user verb: rc is its result so far (0, or an exit code). */
static int user_end(user_cmd *u, int rc)
{
	wp_accounts_free(u->a);
	wp_config_dispose(&u->cfg);
	return rc < 0 ? 0 : rc;
}

/* Prints a confirmation with one or two %s. */
static int user_done(const char *key, const char *a, const char *b)
{
	printf(wp_t(key), a, b);
	putchar('\n');
	return 0;
}

/* Reads one line into buf with echo off when stdin is a terminal. Returns
 * the length, or -1 at the end of input. */
static long read_line(char *buf, size_t size, const char *prompt, int tty)
{
	struct termios old, quiet;
	int quieted = 0;
	size_t len;
	char *got;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			quiet.c_lflag |= ECHONL;
			quieted = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	got = fgets(buf, (int)size, stdin);
	if (quieted)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	if (!got)
		return -1;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return (long)len;
}

/* Reads the new password of name into pw (PASSWORD_LINE bytes): typed
 * twice without echo on a terminal, else one line from stdin. Returns 0,
 * or an exit code after a message. */
static int read_new_password(char *pw, const char *name, const char *verb)
{
	char prompt[128], again[PASSWORD_LINE];
	int tty = isatty(STDIN_FILENO), rc = 0;

	snprintf(prompt, sizeof(prompt), wp_t("cli.user.password_prompt"), name);
	if (read_line(pw, PASSWORD_LINE, prompt, tty) <= 0) {
		wp_error_set("%s", wp_t("cli.user.password_empty"));
		return fail(verb);
	}
	if (wp_password_check(pw) < 0)
		rc = fail(verb);
	if (rc == 0 && tty &&
	    (read_line(again, sizeof(again), wp_t("cli.user.password_again"), tty) < 0 ||
	     strcmp(again, pw) != 0)) {
		wp_error_set("%s", wp_t("cli.user.password_mismatch"));
		rc = fail(verb);
	}
	sodium_memzero(again, sizeof(again));
	return rc;
}

/* An account change's result: 0, or exit code 1 with the message. */
static int user_result(const user_cmd *u, int rc)
{
	return rc < 0 ? fail(u->verb) : 0;
}

static int user_add(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_ROLE, OPT_TEAM, OPT_DISPLAY, 0 };
	char pw[PASSWORD_LINE] = "";
	wp_account existing;
	wp_role role = WP_ROLE_LEZER;
	user_cmd u;
	int rc = user_begin(&u, "add", allowed, 1, argc, argv);

	if (rc == 0 && !u.o.role)
		rc = usage_error(u.verb, wp_t("cli.user.need_role"));
	/* every argument is checked before the password is asked for */
	if (rc == 0 && (wp_account_name_check(u.name) < 0 || wp_role_parse(u.o.role, &role) < 0 ||
			(u.o.team && wp_team_name_check(u.o.team) < 0) ||
			(u.o.display && wp_display_name_check(u.o.display) < 0)))
		rc = usage_error(u.verb, wp_error_last());
	if (rc == 0 && wp_accounts_get(u.a, u.name, &existing) == 0) {
		wp_error_set(wp_t("accounts.exists"), u.name);
		rc = fail(u.verb);
	}
	if (rc == 0)
		rc = read_new_password(pw, u.name, u.verb);
	if (rc == 0)
		rc = user_result(&u, wp_accounts_add(u.a, u.name, u.o.display, role, u.o.team, pw,
						     0, (long long)time(NULL)));
	if (rc == 0)
		rc = user_done("cli.user.added", u.name, wp_role_name(role));
	sodium_memzero(pw, sizeof(pw));
	return user_end(&u, rc);
}

static int user_passwd(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, 0 };
	char pw[PASSWORD_LINE] = "";
	wp_account acct;
	user_cmd u;
	int rc = user_begin(&u, "passwd", allowed, 1, argc, argv);

	/* an unknown name is told before the password is typed */
	if (rc == 0)
		rc = user_result(&u, wp_accounts_get(u.a, u.name, &acct));
	if (rc == 0)
		rc = read_new_password(pw, u.name, u.verb);
	if (rc == 0)
		rc = user_result(&u, wp_accounts_set_password(u.a, u.name, pw, 0));
	if (rc == 0)
		rc = user_done("cli.user.password_set", u.name, NULL);
	sodium_memzero(pw, sizeof(pw));
	return user_end(&u, rc);
}

static int user_role(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_ROLE, 0 };
	wp_role role = WP_ROLE_LEZER;
	user_cmd u;
	int rc = user_begin(&u, "role", allowed, 1, argc, argv);

	if (rc == 0 && !u.o.role)
		rc = usage_error(u.verb, wp_t("cli.user.need_role"));
	if (rc == 0 && wp_role_parse(u.o.role, &role) < 0)
		rc = usage_error(u.verb, wp_error_last());
	if (rc == 0)
		rc = user_result(&u, wp_accounts_set_role(u.a, u.name, role));
	if (rc == 0)
		rc = user_done("cli.user.role_set", u.name, wp_role_name(role));
	return user_end(&u, rc);
}

static int user_team(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_TEAM, OPT_NO_TEAM, 0 };
	user_cmd u;
	int rc = user_begin(&u, "team", allowed, 1, argc, argv);

	if (rc == 0 && !u.o.team == !u.o.no_team)
		rc = usage_error(u.verb, wp_t("cli.user.need_team"));
	if (rc == 0 && u.o.team && wp_team_name_check(u.o.team) < 0)
		rc = usage_error(u.verb, wp_error_last());
	if (rc == 0)
		rc = user_result(&u, wp_accounts_set_team(u.a, u.name, u.o.team));
	if (rc == 0)
		rc = u.o.team ? user_done("cli.user.team_set", u.name, u.o.team)
			      : user_done("cli.user.team_removed", u.name, NULL);
	return user_end(&u, rc);
}

static int user_display(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_DISPLAY, 0 };
	user_cmd u;
	int rc = user_begin(&u, "display", allowed, 1, argc, argv);

	if (rc == 0 && !u.o.display)
		rc = usage_error(u.verb, wp_t("cli.user.need_display"));
	if (rc == 0 && wp_display_name_check(u.o.display) < 0)
		rc = usage_error(u.verb, wp_error_last());
	if (rc == 0)
		rc = user_result(&u, wp_accounts_set_display(u.a, u.name, u.o.display));
	if (rc == 0)
		rc = user_done("cli.user.display_set", u.name, u.o.display);
	return user_end(&u, rc);
}

static int user_switch(int argc, char **argv, const char *sub, int disabled)
{
	static const int allowed[] = { OPT_DATA, 0 };
	user_cmd u;
	int rc = user_begin(&u, sub, allowed, 1, argc, argv);

	if (rc == 0)
		rc = user_result(&u, wp_accounts_set_disabled(u.a, u.name, disabled));
	if (rc == 0)
		rc = user_done(disabled ? "cli.user.disabled" : "cli.user.enabled", u.name, NULL);
	return user_end(&u, rc);
}

static int user_disable(int argc, char **argv)
{
	return user_switch(argc, argv, "disable", 1);
}

static int user_enable(int argc, char **argv)
{
	return user_switch(argc, argv, "enable", 0);
}

/* Characters (not bytes) of UTF-8 text s, for lining up columns. */
static size_t text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

enum { COL_NAME, COL_DISPLAY, COL_ROLE, COL_TEAM, COL_STATUS, COLS };

/* The cells of account row (row NULL: the header). */
static void row_cells(const char *cell[COLS], const wp_account *row)
{
	if (!row) {
		cell[COL_NAME] = wp_t("cli.user.col_name");
		cell[COL_DISPLAY] = wp_t("cli.user.col_display");
		cell[COL_ROLE] = wp_t("cli.user.col_role");
		cell[COL_TEAM] = wp_t("cli.user.col_team");
		cell[COL_STATUS] = wp_t("cli.user.col_status");
		return;
	}
	cell[COL_NAME] = row->name;
	cell[COL_DISPLAY] = row->display;
	cell[COL_ROLE] = wp_role_name(row->role);
	cell[COL_TEAM] = row->team[0] ? row->team : "-";
	cell[COL_STATUS] = wp_t(row->disabled	     ? "cli.user.status_disabled"
				: row->must_change ? "cli.user.status_must_change"
						   : "cli.user.status_active");
}

static void print_row(const wp_account *row, const size_t width[COLS])
{
	const char *cell[COLS];
	size_t c, pad;

	row_cells(cell, row);
	for (c = 0; c < COLS; c++) {
		fputs(cell[c], stdout);
		for (pad = text_width(cell[c]); c + 1 < COLS && pad < width[c] + 2; pad++)
			putchar(' ');
	}
	putchar('\n');
}

static int user_list(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, 0 };
	size_t width[COLS] = { 0 }, n = 0, i, c;
	const char *cell[COLS];
	wp_account *all = NULL;
	user_cmd u;
	int rc = user_begin(&u, "list", allowed, 0, argc, argv);

	if (rc == 0)
		rc = user_result(&u, wp_accounts_list(u.a, &all, &n));
	if (rc == 0 && n == 0)
		rc = user_done("cli.user.none", NULL, NULL);
	for (i = 0; rc == 0 && i <= n; i++) {
		row_cells(cell, i ? &all[i - 1] : NULL);
		for (c = 0; c < COLS; c++)
			if (text_width(cell[c]) > width[c])
				width[c] = text_width(cell[c]);
	}
	for (i = 0; rc == 0 && n > 0 && i <= n; i++)
		print_row(i ? &all[i - 1] : NULL, width);
	free(all);
	return user_end(&u, rc);
}

static int user_token(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_LABEL, 0 };
	char token[4 + WP_TOKEN_HEX] = "";
	wp_account acct;
	user_cmd u;
	int rc = user_begin(&u, "token", allowed, 1, argc, argv);

	if (rc == 0 && u.o.label && wp_display_name_check(u.o.label) < 0)
		rc = usage_error(u.verb, wp_t("accounts.bad_label"));
	if (rc == 0)
		rc = user_result(&u, wp_accounts_get(u.a, u.name, &acct));
	if (rc == 0)
		rc = user_result(&u, wp_token_create(u.a, acct.id, u.o.label,
						     (long long)time(NULL), token));
	if (rc == 0) {
		/* the token alone on the last line, for scripts */
		user_done("cli.user.token_once", u.name, NULL);
		printf("%s\n", token);
	}
	sodium_memzero(token, sizeof(token));
	return user_end(&u, rc);
}

static int cmd_user(int argc, char **argv)
{
	static const struct {
		const char *sub;
		int (*run)(int argc, char **argv);
	} subs[] = { { "add", user_add },	  { "passwd", user_passwd },
		     { "role", user_role },	  { "team", user_team },
		     { "display", user_display }, { "disable", user_disable },
		     { "enable", user_enable },	  { "list", user_list },
		     { "token", user_token } };
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "%s\n", wp_t("cli.user.help"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		printf("%s\n", wp_t("cli.user.help"));
		return 0;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].sub) == 0)
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, wp_t("cli.user.unknown_verb"), argv[1]);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* ---- werkplaats erase ---- */

/* What erase works with: its flags, the page path, the open data folder
 * and state database, the beheerder, and the data folder's use lock. */
typedef struct {
	cli_opts o;
	char path[WP_PATH_MAX + 1]; /* without ".md" */
	wp_config cfg;
	wp_store *s;
	wp_accounts *a;
	wp_account admin;
	int lock;
	int tty; /* stdin is a terminal */
} erase_cmd;

/* The page path of arg ("verhalen/x.md" or "verhalen/x") into out. */
static int erase_path(char out[WP_PATH_MAX + 1], const char *arg)
{
	size_t n = strlen(arg);

	if (n > 3 && strcmp(arg + n - 3, ".md") == 0)
		n -= 3;
	if (n > WP_PATH_MAX) {
		wp_error_set("%s", wp_t("store.bad_path"));
		return WP_EINVALID;
	}
	memcpy(out, arg, n);
	out[n] = '\0';
	return wp_path_check(out);
}

/* Parses the flags and PATH and opens the data folder and the state
 * database. Returns 0 to go on, -1 when help was printed, or an exit
 * code after a message. Free with erase_end(). */
static int erase_begin(erase_cmd *x, int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_ADMIN, OPT_YES, OPT_MARK, 0 };
	wp_accounts_limits lim = WP_ACCOUNTS_LIMITS_DEFAULT;
	int rc;

	memset(x, 0, sizeof(*x));
	x->lock = -1;
	x->tty = isatty(STDIN_FILENO);
	if ((rc = parse_opts(&x->o, "erase", allowed, argc, argv)) != 0 || x->o.help)
		return x->o.help ? (print_help("erase"), -1) : rc;
	if (optind != argc - 1)
		return usage_error("erase", wp_t("cli.erase.need_path"));
	if (erase_path(x->path, argv[optind]) < 0)
		return usage_error("erase", wp_error_last());
	if (!x->o.mark && !x->o.admin)
		return usage_error("erase", wp_t("cli.erase.need_admin"));
	if (x->o.admin && wp_account_name_check(x->o.admin) < 0)
		return usage_error("erase", wp_error_last());
	if ((rc = open_data(&x->cfg, &x->s, "erase", x->o.data)) != 0)
		return rc;
	lim.idle_s = x->cfg.session_idle_s;
	lim.max_s = x->cfg.session_max_s;
	return wp_accounts_open(&x->a, x->cfg.state_file, &lim) < 0 ? fail("erase") : 0;
}

static int erase_end(erase_cmd *x, int rc)
{
	wp_datalock_release(x->lock);
	wp_accounts_free(x->a);
	wp_store_free(x->s);
	wp_config_dispose(&x->cfg);
	return rc < 0 ? 0 : rc;
}

/* Fails with text key and its one %s, telling that nothing was erased. */
static int erase_refused(const char *key, const char *arg)
{
	fputs("werkplaats erase: ", stderr);
	fprintf(stderr, wp_t(key), arg);
	fputc('\n', stderr);
	return EXIT_PROBLEMS;
}

/* The beheerder named by --admin, with their password: an active account
 * with role beheerder, the password checked as a login is (failures
 * count towards the lock-out of the name). */
static int erase_admin(erase_cmd *x)
{
	char pw[PASSWORD_LINE] = "", prompt[160];
	wp_account who; /* not x->admin: a login zeroes its out first, and name is in it */
	long long retry = 0;
	int rc;

	if (wp_accounts_get(x->a, x->o.admin, &x->admin) < 0)
		return erase_refused("cli.erase.no_admin", wp_error_last());
	if (x->admin.disabled)
		return erase_refused("cli.erase.admin_disabled", x->admin.name);
	if (x->admin.role != WP_ROLE_BEHEERDER)
		return erase_refused("cli.erase.not_admin", x->admin.name);
	snprintf(prompt, sizeof(prompt), wp_t("cli.erase.password_prompt"), x->admin.name);
	if (read_line(pw, sizeof(pw), prompt, x->tty) <= 0)
		return erase_refused("cli.erase.password_empty", x->admin.name);
	rc = wp_accounts_login(x->a, x->admin.name, pw, NULL, (long long)time(NULL), &who, &retry);
	sodium_memzero(pw, sizeof(pw));
	if (rc == WP_EFORBIDDEN)
		return erase_refused("cli.erase.bad_password", x->admin.name);
	if (rc < 0)
		return erase_refused("cli.erase.refused", wp_error_last());
	return 0;
}

/* Shows what the erasure takes away and what it does to the history. */
static void erase_show(const wp_erase *e)
{
	const wp_erase_facts *f = wp_erase_facts_of(e);
	size_t i;

	printf("%s\n", wp_t("cli.erase.plan"));
	for (i = 0; i < wp_erase_file_count(e); i++)
		printf("  %s\n", wp_erase_file(e, i));
	printf(wp_t("cli.erase.plan_commits"), f->commits, f->rewritten, f->dropped);
	putchar('\n');
	for (i = 0; i < wp_erase_moved_count(e); i++) {
		printf(wp_t("cli.erase.plan_moved"), wp_erase_moved(e, i));
		putchar('\n');
	}
	printf("%s\n", wp_t("cli.erase.plan_final"));
	fflush(stdout);
}

/* The person types the page path (with or without ".md"), unless --yes;
 * without a terminal it is the next line of stdin. */
static int erase_confirm(const erase_cmd *x)
{
	char line[WP_PATH_MAX + 8];
	size_t n = strlen(x->path);
	long got;

	if (x->o.yes)
		return 0;
	if (x->tty) {
		fprintf(stderr, wp_t("cli.erase.confirm_prompt"), x->path);
		fflush(stderr);
	}
	got = read_line(line, sizeof(line), NULL, 0); /* echoed: it is no secret */
	if (got >= 0 && strncmp(line, x->path, n) == 0 &&
	    (line[n] == '\0' || strcmp(line + n, ".md") == 0))
		return 0;
	fprintf(stderr, "%s\n", wp_t("cli.erase.aborted"));
	return EXIT_PROBLEMS;
}

/* Builds the search index anew (the old file kept the erased text) and
 * marks the erasure complete. */
static int erase_reindex(erase_cmd *x)
{
	int rc;

	/* the store of open_data() knew the old pack files */
	wp_store_free(x->s);
	x->s = NULL;
	if (wp_store_open(&x->s, x->cfg.repo_dir) < 0 || wp_erase_drop_index(&x->cfg) < 0)
		return fail("erase");
	rc = build_index(&x->cfg, x->s, "erase", 1);
	if (rc == 0 && wp_erase_finish(&x->cfg) < 0)
		rc = fail("erase");
	return rc;
}

/* An erase that was cut off is completed before anything else. */
static int erase_resume(erase_cmd *x)
{
	if (!wp_erase_unfinished(&x->cfg))
		return 0;
	printf("%s\n", wp_t("cli.erase.resuming"));
	if (wp_erase_resume(&x->cfg) < 0)
		return fail("erase");
	return erase_reindex(x);
}

/* Plans, shows, asks and writes the erasure. */
static int erase_run(erase_cmd *x)
{
	wp_erase_opts opts = WP_ERASE_OPTS_INIT;
	const wp_erase_facts *f;
	wp_erase *e = NULL;
	int rc;

	opts.path = x->path;
	opts.admin = x->admin.name;
	opts.display = x->admin.display[0] ? x->admin.display : x->admin.name;
	opts.now = (long long)time(NULL);
	rc = wp_erase_prepare(&e, &x->cfg, &opts);
	if (rc == WP_ENOTFOUND)
		return erase_refused("cli.erase.refused", wp_error_last());
	if (rc < 0)
		return fail("erase");
	erase_show(e);
	rc = erase_confirm(x);
	if (rc == 0 && wp_erase_apply(e) < 0) {
		fprintf(stderr, "werkplaats erase: %s\n", wp_error_last());
		if (wp_erase_unfinished(&x->cfg))
			fprintf(stderr, "%s\n", wp_t("cli.erase.cut_off"));
		rc = EXIT_PROBLEMS;
	}
	f = wp_erase_facts_of(e);
	if (rc == 0) {
		printf(wp_t("cli.erase.done"), f->pages, f->subpages, f->rewritten, f->dropped,
		       f->mark, 7, f->record);
		putchar('\n');
	}
	wp_erase_free(e); /* lets saves go on: the index is rebuilt from what is there */
	return rc == 0 ? erase_reindex(x) : rc;
}

static int cmd_erase(int argc, char **argv)
{
	char mark[WP_ERASE_MARK_HEX];
	erase_cmd x;
	int rc = erase_begin(&x, argc, argv);

	if (rc == 0 && x.o.mark) {
		rc = wp_erase_mark(mark, &x.cfg, x.path, 0) < 0 ? fail("erase") : 0;
		if (rc == 0)
			printf("%s\n", mark);
		return erase_end(&x, rc);
	}
	/* no server may run on the folder while its history is rewritten */
	if (rc == 0) {
		rc = wp_datalock_take(&x.lock, x.o.data, 1);
		if (rc == WP_ELOCKED)
			rc = erase_refused("cli.erase.server_running", x.o.data);
		else if (rc < 0)
			rc = fail("erase");
	}
	if (rc == 0)
		rc = erase_admin(&x);
	if (rc == 0)
		rc = erase_resume(&x);
	if (rc == 0)
		rc = erase_run(&x);
	return erase_end(&x, rc);
}

int wp_cli_main(int argc, char **argv)
{
	static const struct {
		const char *verb;
		int (*run)(int argc, char **argv);
	} verbs[] = { { "init", cmd_init }, { "serve", cmd_serve }, { "import", cmd_import },
		      { "check", cmd_check }, { "reindex", cmd_reindex }, { "user", cmd_user },
		      { "erase", cmd_erase } };
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "%s\n", wp_t("cli.help"));
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		printf("%s\n", wp_t("cli.help"));
		return 0;
	}
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(argv[1], verbs[i].verb) == 0)
			return verbs[i].run(argc - 1, argv + 1);
	fprintf(stderr, wp_t("cli.unknown_verb"), argv[1]);
	fputc('\n', stderr);
	return EXIT_USAGE;
}
