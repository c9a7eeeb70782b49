/* cli.c - the `werkplaats` command line. Each verb parses its own flags
 * with getopt_long; every mistake gets a message and exit code 2. */
#include "cli.h"

#include "config.h"
#include "error.h"
#include "http.h"
#include "index.h"
#include "store.h"
#include "texts.h"
#include "wiki.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	long port, max_body, threads;
	int demo;
	int help;
} cli_opts;

enum { OPT_DATA = 256, OPT_DEMO, OPT_CONTENT, OPT_PORT, OPT_LISTEN, OPT_THEME,
       OPT_MAX_BODY, OPT_THREADS, OPT_AUTHOR, OPT_MESSAGE };

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

static int cmd_init(int argc, char **argv)
{
	static const int allowed[] = { OPT_DATA, OPT_DEMO, OPT_CONTENT, 0 };
	char content[4096];
	wp_config cfg;
	wp_store *s = NULL;
	char head[WP_OID_HEX];
	cli_opts o;
	int rc;

	if ((rc = parse_opts(&o, "init", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("init") : rc;
	if (optind < argc)
		return usage_error("init", wp_t("cli.extra_args"));
	if (wp_config_defaults(&cfg, o.data) < 0)
		return fail("init");
	rc = wp_config_write_default(&cfg);
	if (rc == 0)
		rc = wp_store_init(cfg.repo_dir);
	if (rc == 0)
		rc = wp_store_open(&s, cfg.repo_dir);
	if (rc == 0)
		rc = wp_store_head(head, s);
	if (rc < 0) {
		rc = fail("init");
		goto done;
	}
	if (head[0]) {
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
done:
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
	int rc;

	if ((rc = parse_opts(&o, "serve", allowed, argc, argv)) != 0 || o.help)
		return o.help ? print_help("serve") : rc;
	if (optind < argc)
		return usage_error("serve", wp_t("cli.extra_args"));
	if ((rc = open_data(&cfg, &s, "serve", o.data)) != 0)
		goto done;
	wp_store_free(s);
	s = NULL;
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

int wp_cli_main(int argc, char **argv)
{
	static const struct {
		const char *verb;
		int (*run)(int argc, char **argv);
	} verbs[] = { { "init", cmd_init }, { "serve", cmd_serve }, { "import", cmd_import },
		      { "check", cmd_check }, { "reindex", cmd_reindex } };
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
