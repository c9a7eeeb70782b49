/* Integration tests of the command line (docs/http.md "CLI"): help, usage
 * errors, init, import and check, run as a real process. */
#include "server.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <git2.h>
#include <string.h>
#include <sys/stat.h>

#define PAGE_A "---\ntitel: \"Eerste import\"\n---\nTekst A.\n"
#define PAGE_B "---\ntitel: \"Tweede import\"\nverwant:\n  - a\n---\nTekst B.\n"
#define PAGE_C "Een pagina zonder front matter.\n"

static wp_ts_run_result *run(const char *const *args)
{
	return wp_ts_run(args);
}

/* A fresh data folder inside a new temp dir; *tmp gets the temp dir to
 * remove. demo: fill it with the demo content. Caller frees both. */
static char *new_data(char **tmp, int demo)
{
	char *data;
	wp_ts_run_result *r;

	*tmp = wp_ts_tmpdir();
	data = wp_ts_fmt("%s/data", *tmp);
	{
		const char *with[] = { "init", "--data", data, "--demo", "--content",
				       wp_ts_content_dir(), NULL };
		const char *without[] = { "init", "--data", data, NULL };

		r = run(demo ? with : without);
	}
	cr_assert_eq(r->exit_code, 0, "init: %d\n%s%s", r->exit_code, r->out, r->err);
	wp_ts_run_free(r);
	return data;
}

static void assert_usage_error(const wp_ts_run_result *r)
{
	cr_assert_eq(r->exit_code, 2, "exit %d, want 2 (stderr: %s)", r->exit_code, r->err);
	cr_assert_gt(strlen(r->err), 0, "no message on stderr");
}

Test(cli, help_exits_0_with_usage)
{
	const char *a[] = { "--help", NULL };
	wp_ts_run_result *r = run(a);

	cr_assert_eq(r->exit_code, 0, "exit %d: %s", r->exit_code, r->err);
	cr_assert_not_null(strstr(r->out, "init"), "usage: %s", r->out);
	cr_assert_not_null(strstr(r->out, "serve"), "usage: %s", r->out);
	cr_assert_not_null(strstr(r->out, "import"), "usage: %s", r->out);
	cr_assert_not_null(strstr(r->out, "check"), "usage: %s", r->out);
	wp_ts_run_free(r);
}

Test(cli, verb_help_exits_0_with_its_flags)
{
	const char *a[] = { "serve", "--help", NULL };
	wp_ts_run_result *r = run(a);

	cr_assert_eq(r->exit_code, 0, "exit %d: %s", r->exit_code, r->err);
	cr_assert_not_null(strstr(r->out, "--port"), "serve usage: %s", r->out);
	cr_assert_not_null(strstr(r->out, "--data"), "serve usage: %s", r->out);
	wp_ts_run_free(r);
}

Test(cli, unknown_verb_exits_2_with_message)
{
	const char *a[] = { "toveren", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
}

Test(cli, no_verb_exits_2_with_usage)
{
	const char *a[] = { NULL };
	wp_ts_run_result *r = run(a);

	/* The contract does not say where the usage goes; either stream will do. */
	cr_assert_eq(r->exit_code, 2, "exit %d, want 2", r->exit_code);
	cr_assert(strstr(r->out, "serve") || strstr(r->err, "serve"), "no usage:\n%s%s", r->out,
		  r->err);
	wp_ts_run_free(r);
}

Test(cli, unknown_flag_exits_2_with_message)
{
	char *tmp, *data = new_data(&tmp, 0);
	const char *a[] = { "check", "--data", data, "--onzin", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, flag_without_value_exits_2_with_message)
{
	const char *a[] = { "serve", "--data", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
}

Test(cli, serve_without_data_exits_2_with_message)
{
	const char *a[] = { "serve", "--port", "0", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
}

Test(cli, serve_with_nonexistent_data_exits_2_with_message)
{
	const char *a[] = { "serve", "--data", "/nonexistent/werkplaats-data", "--port", "0",
			    NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
}

Test(cli, serve_with_uninitialised_data_exits_2_with_message)
{
	char *tmp = wp_ts_tmpdir();
	const char *a[] = { "serve", "--data", tmp, "--port", "0", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	cr_assert_eq(strlen(r->out), 0, "serve said it runs: %s", r->out);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
}

Test(cli, serve_with_bad_port_exits_2_with_message)
{
	char *tmp, *data = new_data(&tmp, 0);
	const char *a[] = { "serve", "--data", data, "--port", "geen-getal", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, serve_prints_exactly_one_ready_line)
{
	wp_test_server *srv = wp_ts_start(NULL);
	wp_ts_response *r = wp_ts_get(srv, "/");
	char *out, *want;

	cr_assert_eq(r->status, 200);
	wp_ts_response_free(r);
	out = wp_ts_stdout(srv);
	want = wp_ts_fmt("Werkplaats draait op %s/\n", wp_ts_base_url(srv));
	cr_assert_str_eq(out, want);
	free(want);
	free(out);
	wp_ts_stop(srv);
}

Test(cli, init_creates_repo_and_config)
{
	char *tmp, *data = new_data(&tmp, 0);
	char *cfg_path = wp_ts_fmt("%s/werkplaats.json", data);
	char *cfg = wp_ts_read_file(cfg_path);
	json_t *j;
	json_error_t e;
	struct stat st;
	char *repo = wp_ts_fmt("%s/repo.git", data);

	cr_assert_eq(stat(repo, &st), 0, "no %s", repo);
	cr_assert_not_null(cfg, "no %s", cfg_path);
	j = json_loads(cfg, 0, &e);
	cr_assert_not_null(j, "config is not JSON: %s", e.text);
	cr_assert(json_is_integer(json_object_get(j, "port")), "no port in %s", cfg);
	cr_assert(json_is_integer(json_object_get(j, "max_body_bytes")), "no limit in %s", cfg);
	cr_assert(json_is_string(json_object_get(j, "listen")), "no listen in %s", cfg);
	cr_assert(json_is_string(json_object_get(j, "theme")), "no theme in %s", cfg);
	json_decref(j);
	wp_ts_rmtree(tmp);
	free(repo);
	free(cfg);
	free(cfg_path);
	free(tmp);
	free(data);
}

/* Asserts every *.md under dir/rel is at HEAD with identical bytes; counts
 * them in *n. */
static void assert_content_in_head(size_t *n, const char *data, const char *dir, const char *rel)
{
	char *path = rel[0] ? wp_ts_fmt("%s/%s", dir, rel) : strdup(dir);
	DIR *d = opendir(path);
	struct dirent *e;

	cr_assert_not_null(d, "cannot read %s", path);
	while ((e = readdir(d)) != NULL) {
		char *sub, *full;
		struct stat st;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		sub = rel[0] ? wp_ts_fmt("%s/%s", rel, e->d_name) : strdup(e->d_name);
		full = wp_ts_fmt("%s/%s", dir, sub);
		cr_assert_eq(stat(full, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			assert_content_in_head(n, data, dir, sub);
		} else if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) {
			char *spec = wp_ts_fmt("HEAD:%s", sub);
			char *stored = wp_ts_repo_file(data, spec);
			char *want = wp_ts_read_file(full);

			cr_assert_not_null(stored, "%s is not in the repository", sub);
			cr_assert_str_eq(stored, want, "%s differs from the demo file", sub);
			(*n)++;
			free(spec);
			free(stored);
			free(want);
		}
		free(sub);
		free(full);
	}
	closedir(d);
	free(path);
}

Test(cli, init_demo_stores_all_content_in_one_commit)
{
	char *tmp, *data = new_data(&tmp, 1);
	size_t n = 0;

	cr_assert_eq(wp_ts_repo_count(data), 1, "demo is not one commit");
	assert_content_in_head(&n, data, wp_ts_content_dir(), "");
	cr_assert_gt(n, 0, "no demo content");
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, init_twice_changes_nothing_and_says_so)
{
	char *tmp, *data = new_data(&tmp, 1);
	const char *a[] = { "init", "--data", data, "--demo", "--content", wp_ts_content_dir(),
			    NULL };
	wp_ts_commit before, after;
	wp_ts_run_result *r;

	wp_ts_repo_head(&before, data);
	r = run(a);
	cr_assert_eq(r->exit_code, 0, "second init: %d %s", r->exit_code, r->err);
	cr_assert_gt(strlen(r->out) + strlen(r->err), 0, "second init says nothing");
	wp_ts_repo_head(&after, data);
	cr_assert_str_eq(after.id, before.id, "second init made a commit");
	wp_ts_run_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, import_adds_all_pages_in_one_commit)
{
	char *tmp, *data = new_data(&tmp, 1);
	char *src = wp_ts_fmt("%s/src", tmp);
	const char *a[] = { "import", "--data", data, src, "--author", "Importeur", "--message",
			    "Drie pagina's", NULL };
	wp_ts_commit before, after;
	wp_ts_run_result *r;
	char *got;

	wp_ts_write_file(src, "verhalen/it-import-a.md", PAGE_A);
	wp_ts_write_file(src, "dilemmas/it-import-b.md", PAGE_B);
	wp_ts_write_file(src, "it-import-c.md", PAGE_C);
	wp_ts_write_file(src, "lees-mij.txt", "geen pagina\n");
	wp_ts_repo_head(&before, data);
	r = run(a);
	cr_assert_eq(r->exit_code, 0, "import: %d\n%s%s", r->exit_code, r->out, r->err);
	wp_ts_repo_head(&after, data);
	cr_assert_eq(wp_ts_repo_count(data), 2, "import is not one commit");
	cr_assert_eq(after.parents, 1);
	cr_assert_str_eq(after.author, "Importeur");
	cr_assert_eq(strncmp(after.message, "Drie pagina's", 13), 0, "message %s", after.message);
	got = wp_ts_repo_file(data, "HEAD:verhalen/it-import-a.md");
	cr_assert(got && strcmp(got, PAGE_A) == 0, "page a: %s", got ? got : "missing");
	free(got);
	got = wp_ts_repo_file(data, "HEAD:dilemmas/it-import-b.md");
	cr_assert(got && strcmp(got, PAGE_B) == 0, "page b: %s", got ? got : "missing");
	free(got);
	got = wp_ts_repo_file(data, "HEAD:it-import-c.md");
	cr_assert(got && strcmp(got, PAGE_C) == 0, "page c: %s", got ? got : "missing");
	free(got);
	got = wp_ts_repo_file(data, "HEAD:lees-mij.txt");
	cr_assert_null(got, "a non-.md file was imported");
	/* The demo pages are still there. */
	got = wp_ts_repo_file(data, "HEAD:verhalen/schuld-eerst-of-het-kind.md");
	cr_assert_not_null(got, "import dropped existing pages");
	free(got);
	wp_ts_run_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_rmtree(tmp);
	free(src);
	free(tmp);
	free(data);
}

Test(cli, import_into_a_wiki_without_demo_works)
{
	char *tmp, *data = new_data(&tmp, 0);
	char *src = wp_ts_fmt("%s/src", tmp);
	const char *a[] = { "import", "--data", data, src, NULL };
	wp_ts_run_result *r;
	size_t commits = wp_ts_repo_count(data);
	char *got;

	wp_ts_write_file(src, "verhalen/it-import-a.md", PAGE_A);
	wp_ts_write_file(src, "dilemmas/it-import-b.md", PAGE_B);
	wp_ts_write_file(src, "it-import-c.md", PAGE_C);
	r = run(a);
	cr_assert_eq(r->exit_code, 0, "import: %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert_eq(wp_ts_repo_count(data), commits + 1);
	got = wp_ts_repo_file(data, "HEAD:dilemmas/it-import-b.md");
	cr_assert_not_null(got);
	free(got);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(src);
	free(tmp);
	free(data);
}

/* Imports src (with one bad file among good ones) and asserts exit 1, the
 * bad file named in the output, and no commit. */
static void assert_import_refused(const char *bad_rel, const char *bad_content)
{
	char *tmp, *data = new_data(&tmp, 1);
	char *src = wp_ts_fmt("%s/src", tmp);
	const char *a[] = { "import", "--data", data, src, NULL };
	char *stem = strndup(bad_rel, strlen(bad_rel) - 3); /* without ".md" */
	wp_ts_commit before, after;
	wp_ts_run_result *r;

	wp_ts_write_file(src, "verhalen/it-import-a.md", PAGE_A);
	wp_ts_write_file(src, "dilemmas/it-import-b.md", PAGE_B);
	wp_ts_write_file(src, bad_rel, bad_content);
	wp_ts_repo_head(&before, data);
	r = run(a);
	cr_assert_eq(r->exit_code, 1, "import: exit %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert(strstr(r->out, stem) || strstr(r->err, stem), "%s is not named:\n%s%s", stem,
		  r->out, r->err);
	wp_ts_repo_head(&after, data);
	cr_assert_str_eq(after.id, before.id, "a refused import made a commit");
	wp_ts_run_free(r);
	wp_ts_commit_dispose(&before);
	wp_ts_commit_dispose(&after);
	wp_ts_rmtree(tmp);
	free(stem);
	free(src);
	free(tmp);
	free(data);
}

Test(cli, import_with_bad_front_matter_exits_1_without_commit)
{
	assert_import_refused("verhalen/kapot.md", "---\ntitel: [niet gesloten\n---\nTekst.\n");
}

Test(cli, import_with_bad_path_exits_1_without_commit)
{
	assert_import_refused("Hoofdletters.md", "Tekst.\n");
}

Test(cli, check_on_demo_data_exits_0)
{
	char *tmp, *data = new_data(&tmp, 1);
	const char *a[] = { "check", "--data", data, NULL };
	wp_ts_run_result *r = run(a);

	cr_assert_eq(r->exit_code, 0, "check: %d\n%s%s", r->exit_code, r->out, r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, check_finds_broken_front_matter_and_exits_1)
{
	char *tmp, *data = new_data(&tmp, 1);
	const char *a[] = { "check", "--data", data, NULL };
	wp_ts_run_result *r;

	wp_ts_repo_commit_raw(data, "verhalen/kapot.md", "---\ntitel: [niet gesloten\n---\nTekst.\n");
	r = run(a);
	cr_assert_eq(r->exit_code, 1, "check: %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert(strstr(r->out, "verhalen/kapot") || strstr(r->err, "verhalen/kapot"),
		  "the bad page is not named:\n%s%s", r->out, r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, check_finds_invalid_utf8_and_bad_path_and_exits_1)
{
	char *tmp, *data = new_data(&tmp, 1);
	const char *a[] = { "check", "--data", data, NULL };
	wp_ts_run_result *r;

	wp_ts_repo_commit_raw(data, "verhalen/latin1.md", "caf\xe9 zonder UTF-8\n");
	wp_ts_repo_commit_raw(data, "Verhalen/Hoofd.md", "Tekst.\n");
	r = run(a);
	cr_assert_eq(r->exit_code, 1, "check: %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert(strstr(r->out, "latin1") || strstr(r->err, "latin1"),
		  "the non-UTF-8 page is not named:\n%s%s", r->out, r->err);
	cr_assert(strstr(r->out, "Verhalen/Hoofd") || strstr(r->err, "Verhalen/Hoofd"),
		  "the bad path is not named:\n%s%s", r->out, r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(cli, check_without_data_exits_2)
{
	const char *a[] = { "check", NULL };
	wp_ts_run_result *r = run(a);

	assert_usage_error(r);
	wp_ts_run_free(r);
}
