/* Unit tests for server/wiki.c: page operations as single commits in a
 * real bare repository. */
#include "error.h"
#include "store.h"
#include "wiki.h"
#include "types_fixture.h"

#include <criterion/criterion.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static wp_store *store;
static const wp_actor who = { "tester", "test" };

static void setup(void)
{
	wp_test_types();
	char repo[128];

	git_libgit2_init();
	strcpy(dir, "/tmp/wp-wiki-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(repo, sizeof(repo), "%s/repo.git", dir);
	cr_assert_eq(wp_store_init(repo), 0);
	cr_assert_eq(wp_store_open(&store, repo), 0);
}

static void teardown(void)
{
	char cmd[128];

	wp_store_free(store);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	git_libgit2_shutdown();
}

static void write_file(const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/src/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static int count_commits(void)
{
	wp_log log = { NULL, 0 };
	int n;

	cr_assert_eq(wp_store_changes(&log, store, 1000), 0);
	n = (int)log.count;
	wp_log_dispose(&log);
	return n;
}

TestSuite(wiki, .init = setup, .fini = teardown);

Test(wiki, saved_page_loads_with_type_title_meta_and_body)
{
	const char *text = "---\ntitel: Schuld eerst\nwetten: [Wmo, Jeugdwet]\n---\n# Kop\n";
	char rev[WP_OID_HEX];
	wp_page *p = NULL;

	cr_assert_eq(wp_wiki_save(rev, store, "verhalen/schuld", text, strlen(text), NULL, &who),
		     0);
	cr_assert_eq(wp_page_load(&p, store, "verhalen/schuld", NULL, 1), 0);
	cr_assert_str_eq(wp_page_type(p), "verhaal");
	cr_assert_str_eq(wp_page_title(p), "Schuld eerst");
	cr_assert_eq(json_array_size(json_object_get(wp_page_meta(p), "wetten")), 2);
	cr_assert_str_eq(wp_page_body(p), "# Kop\n");
	cr_assert_str_eq(wp_page_file_of(p)->revision, rev);
	cr_assert_str_eq(wp_page_file_of(p)->author, "tester");
	wp_page_free(p);
}

Test(wiki, broken_front_matter_is_refused_and_nothing_committed)
{
	const char *text = "---\ntitel: [niet gesloten\n---\ntekst\n";
	char rev[WP_OID_HEX];

	cr_assert_eq(wp_wiki_save(rev, store, "verhalen/x", text, strlen(text), NULL, &who),
		     WP_EINVALID);
	cr_assert_neq(strlen(wp_error_last()), 0);
	cr_assert_eq(count_commits(), 0);
}

Test(wiki, hand_written_redirect_field_is_refused)
{
	const char *text = "---\ndoorverwijzing: elders\n---\n";
	char rev[WP_OID_HEX];

	cr_assert_eq(wp_wiki_save(rev, store, "a", text, strlen(text), NULL, &who), WP_EINVALID);
}

Test(wiki, rename_moves_content_and_leaves_a_redirect)
{
	const char *text = "---\ntitel: Oud\n---\nInhoud\n";
	char rev[WP_OID_HEX], rev2[WP_OID_HEX];
	wp_page *p = NULL;

	cr_assert_eq(wp_wiki_save(rev, store, "verhalen/oud", text, strlen(text), NULL, &who), 0);
	cr_assert_eq(wp_wiki_rename(rev2, store, "verhalen/oud", "verhalen/nieuw", rev, &who), 0);
	cr_assert_eq(wp_page_load(&p, store, "verhalen/nieuw", NULL, 0), 0);
	cr_assert_str_eq(wp_page_content(p), text);
	wp_page_free(p);
	cr_assert_eq(wp_page_load(&p, store, "verhalen/oud", NULL, 0), 0);
	cr_assert_str_eq(wp_page_redirect(p), "verhalen/nieuw");
	wp_page_free(p);
	/* Renaming onto an existing page is refused. */
	cr_assert_eq(wp_wiki_save(rev, store, "verhalen/ander", text, strlen(text), NULL, &who), 0);
	cr_assert_eq(wp_wiki_rename(rev2, store, "verhalen/ander", "verhalen/nieuw", rev, &who),
		     WP_EEXISTS);
}

Test(wiki, revert_restores_old_content_as_a_new_commit)
{
	const char *v1 = "versie een\n", *v2 = "versie twee\n";
	char r1[WP_OID_HEX], r2[WP_OID_HEX], r3[WP_OID_HEX];
	wp_page *p = NULL;

	cr_assert_eq(wp_wiki_save(r1, store, "p", v1, strlen(v1), NULL, &who), 0);
	cr_assert_eq(wp_wiki_save(r2, store, "p", v2, strlen(v2), r1, &who), 0);
	cr_assert_eq(wp_wiki_revert(r3, store, "p", r1, r2, &who), 0);
	cr_assert_str_neq(r3, r1);
	cr_assert_eq(wp_page_load(&p, store, "p", NULL, 1), 0);
	cr_assert_str_eq(wp_page_content(p), v1);
	cr_assert_str_eq(wp_page_file_of(p)->revision, r3);
	wp_page_free(p);
	cr_assert_eq(count_commits(), 3);
}

Test(wiki, delete_with_stale_base_is_a_conflict)
{
	const char *v1 = "een\n", *v2 = "twee\n";
	char r1[WP_OID_HEX], r2[WP_OID_HEX], r3[WP_OID_HEX];

	cr_assert_eq(wp_wiki_save(r1, store, "p", v1, strlen(v1), NULL, &who), 0);
	cr_assert_eq(wp_wiki_save(r2, store, "p", v2, strlen(v2), r1, &who), 0);
	cr_assert_eq(wp_wiki_delete(r3, store, "p", r1, &who), WP_ECONFLICT);
	cr_assert(wp_store_exists(store, "p"));
	cr_assert_eq(wp_wiki_delete(r3, store, "p", r2, &who), 0);
	cr_assert_not(wp_store_exists(store, "p"));
}

Test(wiki, import_commits_all_pages_once)
{
	wp_buf report = WP_BUF_INIT;
	char rev[WP_OID_HEX], src[128];
	size_t count = 0;

	write_file("welkom.md", "---\ntitel: Welkom\n---\nHallo\n");
	write_file("verhalen/een.md", "Een\n");
	write_file("verhalen/een/perspectieven/p.md", "---\nrol: ervaringswerker\n---\nP\n");
	write_file("verhalen/notities.txt", "geen pagina\n");
	snprintf(src, sizeof(src), "%s/src", dir);
	cr_assert_eq(wp_wiki_import(rev, &count, store, src, &who, &report), 0);
	cr_assert_eq(count, 3);
	cr_assert_eq(count_commits(), 3); /* one commit, three pages changed */
	cr_assert(wp_store_exists(store, "verhalen/een/perspectieven/p"));
	cr_assert_not(wp_store_exists(store, "verhalen/notities"));
	wp_buf_dispose(&report);
}

Test(wiki, import_with_a_bad_file_commits_nothing_and_names_it)
{
	wp_buf report = WP_BUF_INIT;
	char rev[WP_OID_HEX], src[128];
	size_t count = 0;

	write_file("goed.md", "goed\n");
	write_file("Fout Pad.md", "pad met hoofdletters\n");
	write_file("kapot.md", "---\ntitel: [\n---\n");
	snprintf(src, sizeof(src), "%s/src", dir);
	cr_assert_eq(wp_wiki_import(rev, &count, store, src, &who, &report), WP_EINVALID);
	cr_assert_eq(count, 0);
	cr_assert_not_null(strstr(wp_buf_cstr(&report), "Fout Pad.md"));
	cr_assert_not_null(strstr(wp_buf_cstr(&report), "kapot.md"));
	cr_assert_eq(count_commits(), 0);
	wp_buf_dispose(&report);
}

Test(wiki, check_reports_a_page_whose_front_matter_broke)
{
	wp_commit_opts opts = WP_COMMIT_OPTS_INIT;
	const char *broken = "---\ntitel: [\n---\n";
	wp_change ch = { "kapot", broken, strlen(broken), NULL };
	wp_buf report = WP_BUF_INIT;
	char rev[WP_OID_HEX];
	const char *ok = "goed\n";

	cr_assert_eq(wp_wiki_save(rev, store, "goed", ok, strlen(ok), NULL, &who), 0);
	cr_assert_eq(wp_wiki_check(&report, store), 0);
	/* Written past the wiki's validation, as a push from elsewhere could. */
	opts.author_name = "iemand";
	opts.message = "direct";
	cr_assert_eq(wp_store_commit(rev, store, &ch, 1, &opts), 0);
	cr_assert_eq(wp_wiki_check(&report, store), 1);
	cr_assert_not_null(strstr(wp_buf_cstr(&report), "kapot"));
	wp_buf_dispose(&report);
}
