/* Unit tests for server/index.c: the search and listing index, built from
 * a real bare repository into a real SQLite file. */
#include "error.h"
#include "frontmatter.h"
#include "index.h"
#include "store.h"
#include "tokenize.h"
#include "wiki.h"
#include "types_fixture.h"

#include <cmark-gfm-core-extensions.h>
#include <criterion/criterion.h>
#include <git2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], repo_dir[128], db_file[128];
static wp_store *store;
static wp_index *ix;
static const wp_actor who = { "tester", "test" };
/* A logged-in reader without a team: sees every page without zichtbaarheid. */
static const wp_viewer reader = { WP_ROLE_LEZER, "lezer", "Lezer", NULL, WP_VIS_INGELOGD };

static void setup(void)
{
	wp_test_types();
	git_libgit2_init();
	cmark_gfm_core_extensions_ensure_registered();
	strcpy(dir, "/tmp/wp-index-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(repo_dir, sizeof(repo_dir), "%s/repo.git", dir);
	snprintf(db_file, sizeof(db_file), "%s/index.db", dir);
	cr_assert_eq(wp_store_init(repo_dir), 0);
	cr_assert_eq(wp_store_open(&store, repo_dir), 0);
	cr_assert_eq(wp_index_open(&ix, db_file, "dutch"), 0, "%s", wp_error_last());
}

static void teardown(void)
{
	char cmd[128];

	wp_index_free(ix);
	wp_store_free(store);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	git_libgit2_shutdown();
}

TestSuite(index, .init = setup, .fini = teardown);

/* ---- helpers --------------------------------------------------------------------------------- */

static void save(const char *path, const char *text)
{
	char rev[WP_OID_HEX];

	cr_assert_eq(wp_wiki_save(rev, store, path, text, strlen(text), "", &who), 0, "%s: %s",
		     path, wp_error_last());
}

static void catch_up_expect(int pages)
{
	char head[WP_OID_HEX];

	cr_assert_eq(wp_index_catch_up(ix, store), pages, "%s", wp_error_last());
	cr_assert_eq(wp_store_head(head, store), 0);
	cr_assert_str_eq(wp_index_commit(ix), head);
}

/* Makes a commit with libgit2 directly, with a chosen author and time (a
 * save always uses "now"). text NULL deletes the page. With root set the
 * commit has no parent and the branch is forced to it: history rewritten. */
static void commit_at(const char *path, const char *text, const char *author, int64_t when,
		      int root, char out[WP_OID_HEX])
{
	git_repository *repo = NULL;
	git_index *idx = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_oid id, tree_id, commit_id;
	char file[256];

	snprintf(file, sizeof(file), "%s.md", path);
	cr_assert_eq(git_repository_open_bare(&repo, repo_dir), 0);
	cr_assert_eq(git_index_new(&idx), 0);
	if (!root && git_reference_name_to_id(&id, repo, WP_BRANCH) == 0) {
		cr_assert_eq(git_commit_lookup(&parent, repo, &id), 0);
		cr_assert_eq(git_commit_tree(&tree, parent), 0);
		cr_assert_eq(git_index_read_tree(idx, tree), 0);
		git_tree_free(tree);
	}
	if (text) {
		git_index_entry e;

		memset(&e, 0, sizeof(e));
		cr_assert_eq(git_blob_create_from_buffer(&e.id, repo, text, strlen(text)), 0);
		e.mode = GIT_FILEMODE_BLOB;
		e.path = file;
		cr_assert_eq(git_index_add(idx, &e), 0);
	} else {
		cr_assert_eq(git_index_remove(idx, file, 0), 0);
	}
	cr_assert_eq(git_index_write_tree_to(&tree_id, idx, repo), 0);
	cr_assert_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	cr_assert_eq(git_signature_new(&sig, author, "x@werkplaats.invalid", when, 0), 0);
	cr_assert_eq(git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, "test", tree,
				       parent ? 1 : 0, (const git_commit **)&parent),
		     0);
	cr_assert_eq(git_reference_create(&ref, repo, WP_BRANCH, &commit_id, 1, "test"), 0);
	if (out)
		git_oid_tostr(out, WP_OID_HEX, &commit_id);
	git_reference_free(ref);
	git_signature_free(sig);
	git_tree_free(tree);
	git_commit_free(parent);
	git_index_free(idx);
	git_repository_free(repo);
}

/* The paths in a JSON array of objects, joined with spaces. */
static char *paths_of(const json_t *list)
{
	static char buf[1024];
	const json_t *x;
	size_t i;

	buf[0] = '\0';
	json_array_foreach(list, i, x) {
		if (i)
			strcat(buf, " ");
		strcat(buf, json_string_value(json_object_get(x, "path")));
	}
	return buf;
}

static char *backlinks(const char *path)
{
	json_t *list = NULL;
	char *s;

	cr_assert_eq(wp_index_backlinks(&list, ix, &reader, path), 0, "%s", wp_error_last());
	s = paths_of(list);
	json_decref(list);
	return s;
}

static char *tagged(const char *key, const char *value)
{
	json_t *list = NULL;
	char *s;

	cr_assert_eq(wp_index_tag(&list, ix, &reader, key, value), 0, "%s", wp_error_last());
	s = paths_of(list);
	json_decref(list);
	return s;
}

/* Runs a search and returns the result object (caller decrefs). */
static json_t *search(const char *match, const char *filters_json)
{
	json_t *res = NULL, *filters = NULL;

	if (filters_json) {
		filters = json_loads(filters_json, 0, NULL);
		cr_assert_not_null(filters);
	}
	cr_assert_eq(wp_index_search(&res, ix, &reader, match, filters, 10, 0), 0, "%s", wp_error_last());
	json_decref(filters);
	return res;
}

static json_int_t total_of(const char *match)
{
	json_t *res = search(match, NULL);
	json_int_t n = json_integer_value(json_object_get(res, "total"));

	json_decref(res);
	return n;
}

/* Rows for path in a table of the index file, read with a separate connection. */
static int rows_for(const char *sql, const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int n;

	cr_assert_eq(sqlite3_open_v2(db_file, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(wp_tokenize_register(db), 0);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

typedef struct {
	size_t calls, last_done, last_total;
	int monotonic;
} progress_log;

static void on_progress(void *payload, size_t done, size_t total)
{
	progress_log *p = payload;

	if (p->calls && done < p->last_done)
		p->monotonic = 0;
	p->calls++;
	p->last_done = done;
	p->last_total = total;
}

/* ---- building -------------------------------------------------------------------------------- */

Test(index, rebuild_indexes_every_page_with_title_type_author_and_dates)
{
	const int64_t t0 = 1600000000;
	char r3[WP_OID_HEX];
	progress_log prog = { 0, 0, 0, 1 };
	json_t *page = NULL, *list = NULL;

	commit_at("verhalen/moeder", "---\ntitel: Moeder van drie\n---\nEerste versie\n", "anna",
		  t0, 0, NULL);
	commit_at("dilemmas/regels", "---\ntitel: Regels versus maatwerk\n---\nTekst\n", "bert",
		  t0 + 100, 0, NULL);
	commit_at("verhalen/moeder", "---\ntitel: Moeder van drie\n---\nTweede versie\n", "carla",
		  t0 + 200, 0, r3);

	cr_assert_eq(wp_index_rebuild(ix, store, on_progress, &prog), 2, "%s", wp_error_last());
	cr_assert_str_eq(wp_index_commit(ix), r3);
	cr_assert_eq(prog.last_done, 2);
	cr_assert_eq(prog.last_total, 2);
	cr_assert(prog.monotonic);

	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/moeder"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(page, "title")), "Moeder van drie");
	cr_assert_str_eq(json_string_value(json_object_get(page, "type")), "verhaal");
	cr_assert_str_eq(json_string_value(json_object_get(page, "author")), "carla");
	cr_assert_str_eq(json_string_value(json_object_get(page, "revision")), r3);
	cr_assert_eq(json_integer_value(json_object_get(page, "created")), t0);
	cr_assert_eq(json_integer_value(json_object_get(page, "updated")), t0 + 200);
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(page, "fields"),
							   "titel")),
			 "Moeder van drie");
	json_decref(page);

	cr_assert_eq(wp_index_page(&page, ix, &reader, "dilemmas/regels"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(page, "type")), "dilemma");
	cr_assert_str_eq(json_string_value(json_object_get(page, "author")), "bert");
	cr_assert_eq(json_integer_value(json_object_get(page, "created")), t0 + 100);
	json_decref(page);

	cr_assert_eq(wp_index_recent(&list, ix, &reader, 10), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/moeder dilemmas/regels");
	json_decref(list);
	cr_assert_eq(wp_index_recent(&list, ix, &reader, 1), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/moeder");
	json_decref(list);
}

Test(index, list_type_sorts_by_title_and_pages)
{
	json_t *list = NULL;

	save("verhalen/c", "---\ntitel: Wonen\n---\n");
	save("verhalen/a", "---\ntitel: armoede\n---\n");
	save("verhalen/b", "---\ntitel: Budget\n---\n");
	save("dilemmas/d", "---\ntitel: Anders\n---\n");
	catch_up_expect(4);
	cr_assert_eq(wp_index_list_type(&list, ix, &reader, "verhaal", 0, 0), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/a verhalen/b verhalen/c");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(list, 0), "author")),
			 "tester");
	cr_assert(json_is_integer(json_object_get(json_array_get(list, 0), "updated")));
	json_decref(list);
	cr_assert_eq(wp_index_list_type(&list, ix, &reader, "verhaal", 1, 1), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/b");
	json_decref(list);
	cr_assert_eq(wp_index_list_type(&list, ix, &reader, "gesprek", 10, 0), 0);
	cr_assert_eq(json_array_size(list), 0);
	json_decref(list);
}

Test(index, catch_up_after_a_save_updates_exactly_that_page)
{
	json_t *page = NULL;
	char head[WP_OID_HEX];

	save("verhalen/een", "---\ntitel: Een\n---\nappel\n");
	save("verhalen/twee", "---\ntitel: Twee\n---\npeer\n");
	catch_up_expect(2);
	cr_assert_eq(wp_index_catch_up(ix, store), 0);

	save("verhalen/een", "---\ntitel: Een bijgewerkt\n---\nkiwi\n");
	catch_up_expect(1);
	cr_assert_eq(wp_store_head(head, store), 0);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/een"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(page, "title")), "Een bijgewerkt");
	cr_assert_str_eq(json_string_value(json_object_get(page, "revision")), head);
	json_decref(page);
	cr_assert_eq(total_of("\"kiwi\""), 1);
	cr_assert_eq(total_of("\"appel\""), 0);
	cr_assert_eq(total_of("\"peer\""), 1);
}

Test(index, created_stays_at_the_first_commit_that_added_the_page)
{
	const int64_t t0 = 1500000000;
	json_t *page = NULL;

	commit_at("p", "een\n", "anna", t0, 0, NULL);
	catch_up_expect(1);
	commit_at("p", "twee\n", "bert", t0 + 50, 0, NULL);
	commit_at("q", "ander\n", "bert", t0 + 60, 0, NULL);
	commit_at("p", "drie\n", "carla", t0 + 70, 0, NULL);
	catch_up_expect(2);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "p"), 0);
	cr_assert_eq(json_integer_value(json_object_get(page, "created")), t0);
	cr_assert_eq(json_integer_value(json_object_get(page, "updated")), t0 + 70);
	cr_assert_str_eq(json_string_value(json_object_get(page, "author")), "carla");
	json_decref(page);
}

Test(index, delete_removes_the_page_from_pages_search_links_and_fields)
{
	char rev[WP_OID_HEX];
	json_t *page = NULL;

	save("dilemmas/geld", "---\ntitel: Geld versus zorg\n---\n");
	save("verhalen/weg", "---\ntitel: Weg\ntags: [schuld]\ndilemmas: [geld]\n---\n"
			     "Over [[dilemmas/geld]] en giraffen.\n");
	catch_up_expect(2);
	cr_assert_str_eq(backlinks("dilemmas/geld"), "verhalen/weg");
	cr_assert_str_eq(tagged("tags", "schuld"), "verhalen/weg");
	cr_assert_eq(total_of("\"giraffen\""), 1);

	cr_assert_eq(wp_wiki_delete(rev, store, "verhalen/weg", "", &who), 0);
	catch_up_expect(1);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/weg"), WP_ENOTFOUND);
	cr_assert_null(page);
	cr_assert_str_eq(backlinks("dilemmas/geld"), "");
	cr_assert_str_eq(tagged("tags", "schuld"), "");
	cr_assert_eq(total_of("\"giraffen\""), 0);
	cr_assert_eq(rows_for("SELECT count(*) FROM pages WHERE path = ?1", "verhalen/weg"), 0);
	cr_assert_eq(rows_for("SELECT count(*) FROM fields WHERE path = ?1", "verhalen/weg"), 0);
	cr_assert_eq(rows_for("SELECT count(*) FROM links WHERE from_path = ?1", "verhalen/weg"),
		     0);
	cr_assert_eq(rows_for("SELECT count(*) FROM fts WHERE fts MATCH ?1", "giraffen"), 0);
}

Test(index, rename_records_a_redirect_and_lists_the_new_page)
{
	char rev[WP_OID_HEX];
	json_t *list = NULL, *page = NULL;
	char *target = NULL;

	save("verhalen/oud", "---\ntitel: Het verhaal\n---\nInhoud\n");
	save("verhalen/lezer", "Zie [[verhalen/oud]].\n");
	catch_up_expect(2);
	cr_assert_eq(wp_index_redirect(&target, ix, &reader, "verhalen/oud"), WP_ENOTFOUND);

	cr_assert_eq(wp_wiki_rename(rev, store, "verhalen/oud", "verhalen/nieuw", "", &who), 0);
	catch_up_expect(2);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/oud"), WP_ENOTFOUND);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/nieuw"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(page, "title")), "Het verhaal");
	json_decref(page);
	cr_assert_eq(wp_index_redirect(&target, ix, &reader, "verhalen/oud"), 0);
	cr_assert_str_eq(target, "verhalen/nieuw");
	free(target);

	cr_assert_eq(wp_index_list_type(&list, ix, &reader, "verhaal", 0, 0), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/nieuw verhalen/lezer");
	json_decref(list);
	cr_assert_eq(wp_index_recent(&list, ix, &reader, 0), 0);
	cr_assert_null(strstr(paths_of(list), "verhalen/oud"));
	json_decref(list);
	/* A link to the old name still counts for the page under its new name. */
	cr_assert_str_eq(backlinks("verhalen/nieuw"), "verhalen/lezer");
	cr_assert_eq(total_of("\"doorverwijzing\""), 0);
}

/* ---- links and fields ------------------------------------------------------------------------ */

Test(index, backlinks_come_from_body_wikilinks_and_front_matter_values)
{
	save("dilemmas/geld-versus-zorg", "---\ntitel: Geld versus zorg\n---\n");
	save("verhalen/a", "---\ntitel: A\n---\nZie [[dilemmas/geld-versus-zorg|het dilemma]].\n");
	save("verhalen/b", "---\ntitel: B\ndilemmas: [geld-versus-zorg, bestaat-niet]\n---\n");
	save("gesprekken/c", "---\ntitel: C\ndilemma: geld-versus-zorg\n---\n");
	save("verhalen/d", "---\ntitel: D\n---\n`[[dilemmas/geld-versus-zorg]]` in code telt "
			   "niet.\n");
	save("dilemmas/zelf", "---\ntitel: Zelf\n---\n[[zelf]] is geen terugverwijzing.\n");
	catch_up_expect(6);
	cr_assert_str_eq(backlinks("dilemmas/geld-versus-zorg"),
			 "verhalen/a verhalen/b gesprekken/c");
	cr_assert_str_eq(backlinks("dilemmas/zelf"), "");
	cr_assert_str_eq(backlinks("dilemmas/bestaat-niet"), "");
}

Test(index, a_link_to_a_page_made_later_becomes_a_backlink)
{
	save("verhalen/vroeg", "Eerst [[nog-niet]] en [[olifantenpaden/later]].\n");
	catch_up_expect(1);
	cr_assert_str_eq(backlinks("verhalen/nog-niet"), "");
	save("verhalen/nog-niet", "Nu wel.\n");
	save("olifantenpaden/later", "---\nsysteemfout: x\n---\nOok.\n");
	catch_up_expect(2);
	cr_assert_str_eq(backlinks("verhalen/nog-niet"), "verhalen/vroeg");
	cr_assert_str_eq(backlinks("olifantenpaden/later"), "verhalen/vroeg");
}

Test(index, bare_slug_prefers_the_linking_pages_folder)
{
	save("verhalen/thuis", "Thuis.\n");
	save("dilemmas/thuis", "Ook thuis.\n");
	save("dilemmas/x", "[[thuis]]\n");
	save("verhalen/y", "[[thuis]]\n");
	catch_up_expect(4);
	cr_assert_str_eq(backlinks("dilemmas/thuis"), "dilemmas/x");
	cr_assert_str_eq(backlinks("verhalen/thuis"), "verhalen/y");
}

Test(index, tag_lookup_finds_list_and_scalar_values_of_any_field)
{
	save("verhalen/a", "---\ntitel: A\ntags: [schulden, wonen]\nwetten: Wmo\njaar: 2023\n"
			   "openbaar: true\nterugkoppeling: {datum: 2024}\n---\n");
	save("verhalen/b", "---\ntitel: B\ntrefwoorden: [wonen]\nwetten: [Wmo, Jeugdwet]\n---\n");
	catch_up_expect(2);
	cr_assert_str_eq(tagged("tags", "schulden"), "verhalen/a");
	cr_assert_str_eq(tagged("tags", "wonen"), "verhalen/a");
	cr_assert_str_eq(tagged("trefwoorden", "wonen"), "verhalen/b");
	cr_assert_str_eq(tagged("wetten", "Wmo"), "verhalen/a verhalen/b");
	cr_assert_str_eq(tagged("wetten", "Jeugdwet"), "verhalen/b");
	cr_assert_str_eq(tagged("jaar", "2023"), "verhalen/a");
	cr_assert_str_eq(tagged("openbaar", "true"), "verhalen/a");
	cr_assert_str_eq(tagged("wetten", "wmo"), "");
	cr_assert_str_eq(tagged("terugkoppeling", "2024"), "");
	cr_assert_str_eq(tagged("titel", "A"), "verhalen/a");
}

/* ---- search ---------------------------------------------------------------------------------- */

Test(index, dutch_plural_finds_singular)
{
	json_t *res;

	save("verhalen/a", "---\ntitel: Een\n---\nDit is een kort verhaal over de wijk.\n");
	save("verhalen/b", "---\ntitel: Twee\n---\nNiets hierover.\n");
	catch_up_expect(2);
	res = search("\"verhalen\"", NULL);
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 1);
	cr_assert_str_eq(paths_of(json_object_get(res, "results")), "verhalen/a");
	json_decref(res);
	cr_assert_eq(total_of("\"wijken\""), 1);
}

Test(index, a_title_match_ranks_above_body_matches)
{
	json_t *res, *first;

	save("verhalen/body", "---\ntitel: Een dag in de wijk\n---\n"
			      "Schulden, schulden en nog eens schulden: schulden overal.\n");
	save("verhalen/titel", "---\ntitel: Schulden\n---\nEen verhaal over geld en zorgen, "
			       "met heel veel andere woorden erbij zodat het lang is.\n");
	catch_up_expect(2);
	res = search("\"schulden\"", NULL);
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 2);
	first = json_array_get(json_object_get(res, "results"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(first, "path")), "verhalen/titel");
	cr_assert_str_eq(json_string_value(json_object_get(first, "title")), "Schulden");
	cr_assert_str_eq(json_string_value(json_object_get(first, "type")), "verhaal");
	cr_assert_gt(json_real_value(json_object_get(first, "score")),
		     json_real_value(json_object_get(json_array_get(json_object_get(res, "results"),
								     1),
						     "score")));
	json_decref(res);
}

Test(index, snippet_marks_the_match_and_escapes_html)
{
	json_t *res;
	const char *snip;

	save("verhalen/x", "---\ntitel: X\n---\n<script>alert(1)</script> De **schulden** & "
			   "\"zorgen\" van [[dilemmas/y|het gezin]].\n");
	catch_up_expect(1);
	res = search("\"schulden\"", NULL);
	snip = json_string_value(
		json_object_get(json_array_get(json_object_get(res, "results"), 0), "snippet"));
	cr_assert_not_null(snip);
	cr_assert_not_null(strstr(snip, "&lt;script&gt;"), "%s", snip);
	cr_assert_null(strstr(snip, "<script"), "%s", snip);
	cr_assert_not_null(strstr(snip, "<mark>schulden</mark>"), "%s", snip);
	cr_assert_not_null(strstr(snip, "&amp;"), "%s", snip);
	cr_assert_not_null(strstr(snip, "het gezin"), "%s", snip);
	cr_assert_null(strstr(snip, "**"), "%s", snip);
	cr_assert_null(strstr(snip, "\x02"), "%s", snip);
	json_decref(res);
}

Test(index, browse_lists_every_page_a_filter_lets_through_by_title)
{
	json_t *res, *first;

	save("verhalen/b", "---\ntitel: Bravo\ndilemmas: [geld]\n---\nTekst van bravo.\n");
	save("verhalen/a", "---\ntitel: Alfa\ndilemmas: [geld, tijd]\n---\nTekst van alfa.\n");
	save("dilemmas/c", "---\ntitel: Charlie\n---\nTekst.\n");
	catch_up_expect(3);

	res = search("", "{\"fields\": {\"dilemmas\": \"geld\"}}");
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 2);
	cr_assert_str_eq(paths_of(json_object_get(res, "results")), "verhalen/a verhalen/b");
	first = json_array_get(json_object_get(res, "results"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(first, "snippet")), "Tekst van alfa.");
	cr_assert_eq(json_integer_value(json_object_get(
			     json_object_get(json_object_get(res, "facets"), "dilemmas"), "tijd")),
		     1);
	json_decref(res);
	res = search("", "{\"type\": \"dilemma\"}");
	cr_assert_str_eq(paths_of(json_object_get(res, "results")), "dilemmas/c");
	json_decref(res);
	/* No words and no filter: nothing, not the whole wiki. */
	res = search("", NULL);
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
}

Test(index, facets_count_matches_per_type_and_field)
{
	json_t *res, *facets;

	save("verhalen/a", "---\ntitel: A\ndilemmas: [geld, tijd]\n---\nwachtlijst\n");
	save("verhalen/b", "---\ntitel: B\ndilemmas: [geld]\n---\nwachtlijst\n");
	save("dilemmas/c", "---\ntitel: C\n---\nwachtlijst\n");
	save("verhalen/d", "---\ntitel: D\ndilemmas: [geld]\n---\niets anders\n");
	catch_up_expect(4);

	res = search("\"wachtlijst\"", NULL);
	facets = json_object_get(res, "facets");
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 3);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(facets, "type"),
							"verhaal")),
		     2);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(facets, "type"),
							"dilemma")),
		     1);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(facets, "dilemmas"),
							"geld")),
		     2);
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(facets, "dilemmas"),
							"tijd")),
		     1);
	json_decref(res);

	res = search("\"wachtlijst\"",
		     "{\"type\": \"verhaal\", \"fields\": {\"dilemmas\": \"tijd\"}}");
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 1);
	cr_assert_str_eq(paths_of(json_object_get(res, "results")), "verhalen/a");
	json_decref(res);

	res = search("\"wachtlijst\"", "{\"type\": [\"verhaal\", \"dilemma\"], "
				       "\"fields\": {\"dilemmas\": \"\"}}");
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 3);
	json_decref(res);

	res = search("\"wachtlijst\"", "{\"type\": \"gesprek\"}");
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 0);
	cr_assert(json_is_object(json_object_get(json_object_get(res, "facets"), "type")));
	json_decref(res);
}

/* Facets are counted per match when matches are few and by a scan of the
 * facet fields when they are many: both must count a page once per value,
 * also when its list repeats a value. */
Test(index, facets_agree_for_few_and_many_matches_and_count_a_page_once)
{
	json_t *res, *dil;
	char path[32];
	int i;

	for (i = 0; i < 24; i++) {
		snprintf(path, sizeof(path), "verhalen/v%02d", i);
		save(path, i < 2 ? "---\ntitel: R\ndilemmas: [geld, geld, tijd]\n---\nzeldzaam vaak\n"
				 : "---\ntitel: V\ndilemmas: [geld]\n---\nvaak\n");
	}
	catch_up_expect(24);
	res = search("\"zeldzaam\"", NULL); /* 2 of 24 pages: counted per match */
	dil = json_object_get(json_object_get(res, "facets"), "dilemmas");
	cr_assert_eq(json_integer_value(json_object_get(dil, "geld")), 2);
	cr_assert_eq(json_integer_value(json_object_get(dil, "tijd")), 2);
	cr_assert_eq(json_integer_value(json_object_get(
			     json_object_get(json_object_get(res, "facets"), "type"), "verhaal")),
		     2);
	json_decref(res);
	res = search("\"vaak\"", NULL); /* every page: counted by a scan */
	dil = json_object_get(json_object_get(res, "facets"), "dilemmas");
	cr_assert_eq(json_integer_value(json_object_get(dil, "geld")), 24);
	cr_assert_eq(json_integer_value(json_object_get(dil, "tijd")), 2);
	/* most pages first */
	cr_assert_str_eq(json_object_iter_key(json_object_iter(dil)), "geld");
	json_decref(res);
}

Test(index, results_page_through_limit_and_offset)
{
	json_t *res = NULL;
	char path[32];
	int i;

	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "verhalen/p%d", i);
		save(path, "gedeeld woord\n");
	}
	catch_up_expect(5);
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"gedeeld\"", NULL, 2, 4), 0);
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 5);
	cr_assert_eq(json_array_size(json_object_get(res, "results")), 1);
	json_decref(res);
}

Test(index, bad_match_or_filters_are_refused_as_invalid)
{
	json_t *res = NULL, *f;

	save("verhalen/a", "tekst\n");
	catch_up_expect(1);
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"open", NULL, 10, 0), WP_EINVALID);
	cr_assert_null(res);
	cr_assert_neq(strlen(wp_error_last()), 0);
	cr_assert_eq(wp_index_search(&res, ix, &reader, "AND AND", NULL, 10, 0), WP_EINVALID);
	cr_assert_eq(wp_index_search(&res, ix, &reader, NULL, NULL, 10, 0), WP_EINVALID);
	f = json_pack("{s:i}", "type", 3);
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"tekst\"", f, 10, 0), WP_EINVALID);
	json_decref(f);
	f = json_pack("{s:{s:[i]}}", "fields", "x", 1);
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"tekst\"", f, 10, 0), WP_EINVALID);
	json_decref(f);
	f = json_pack("[]");
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"tekst\"", f, 10, 0), WP_EINVALID);
	json_decref(f);
	cr_assert_eq(wp_index_suggest(&res, ix, &reader, "\"open", 5), WP_EINVALID);
	/* SQL in a MATCH is only ever FTS5 text. */
	cr_assert_eq(wp_index_search(&res, ix, &reader, "\"x'); DROP TABLE pages; --\"", NULL, 10, 0), 0);
	cr_assert_eq(json_integer_value(json_object_get(res, "total")), 0);
	json_decref(res);
	cr_assert_eq(total_of("\"tekst\""), 1);
}

Test(index, suggest_finds_titles_by_prefix)
{
	json_t *list = NULL;

	save("verhalen/a", "---\ntitel: Moeder van drie\n---\nover geld\n");
	save("verhalen/b", "---\ntitel: Vader alleen\n---\nmoeder komt niet voor in de titel\n");
	catch_up_expect(2);
	cr_assert_eq(wp_index_suggest(&list, ix, &reader, "{title} : (\"moe\"*)", 5), 0, "%s",
		     wp_error_last());
	cr_assert_str_eq(paths_of(list), "verhalen/a");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(list, 0), "title")),
			 "Moeder van drie");
	json_decref(list);
}

Test(index, a_page_full_of_link_openers_is_indexed_quickly, .timeout = 30)
{
	const size_t n = 200000;
	char *text = malloc(2 * n + 8);
	size_t i;

	cr_assert_not_null(text);
	for (i = 0; i < n; i++)
		memcpy(text + 2 * i, i % 2 ? "[[" : "](", 2);
	strcpy(text + 2 * n, " slot\n");
	save("verhalen/lang", text);
	free(text);
	catch_up_expect(1);
	cr_assert_eq(total_of("\"slot\""), 1);
}

/* ---- keeping in step ------------------------------------------------------------------------- */

/* Everything a person can read from the index, as one JSON value. */
static json_t *dump(void)
{
	json_t *all = json_object(), *recent = NULL, *x, *v = NULL;
	size_t i;

	cr_assert_eq(wp_index_recent(&recent, ix, &reader, 0), 0);
	json_array_foreach(recent, i, x) {
		const char *path = json_string_value(json_object_get(x, "path"));
		json_t *entry = json_object();

		cr_assert_eq(wp_index_page(&v, ix, &reader, path), 0);
		json_object_set_new(entry, "page", v);
		cr_assert_eq(wp_index_backlinks(&v, ix, &reader, path), 0);
		json_object_set_new(entry, "backlinks", v);
		json_object_set_new(all, path, entry);
	}
	json_object_set_new(all, "recent", recent);
	json_object_set_new(all, "search", search("\"verhaal\" OR \"wijk\"", NULL));
	return all;
}

static void fill_wiki(void)
{
	char rev[WP_OID_HEX];

	save("dilemmas/d", "---\ntitel: Regels versus maatwerk\n---\nHet verhaal van de wijk.\n");
	save("verhalen/a", "---\ntitel: A\ndilemmas: [d]\ntags: [wijk]\n---\nEen verhaal.\n");
	save("verhalen/b", "---\ntitel: B\n---\nZie [[verhalen/a]] in de wijk.\n");
	cr_assert_eq(wp_wiki_rename(rev, store, "verhalen/a", "verhalen/c", "", &who), 0);
	cr_assert_eq(wp_wiki_delete(rev, store, "verhalen/b", "", &who), 0);
	save("verhalen/e", "---\ntitel: E\n---\nNog een [[c]] verhaal.\n");
}

Test(index, deleted_index_file_rebuilds_to_the_same_content)
{
	json_t *before, *after;
	char path[160];

	fill_wiki();
	catch_up_expect(4); /* verhalen/b came and went */
	before = dump();
	wp_index_free(ix);
	ix = NULL;
	cr_assert_eq(unlink(db_file), 0);
	snprintf(path, sizeof(path), "%s-wal", db_file);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", db_file);
	unlink(path);

	cr_assert_eq(wp_index_open(&ix, db_file, "dutch"), 0);
	cr_assert_str_eq(wp_index_commit(ix), "");
	catch_up_expect(4);
	after = dump();
	cr_assert(json_equal(before, after), "%s\n%s", json_dumps(before, 0), json_dumps(after, 0));
	json_decref(before);
	json_decref(after);
}

Test(index, incremental_catch_up_matches_a_rebuild)
{
	json_t *step, *full;

	save("verhalen/a", "---\ntitel: A\n---\nverhaal\n");
	catch_up_expect(1);
	fill_wiki();
	catch_up_expect(5); /* d, a (now a stub), b (gone again), c, e */
	step = dump();
	cr_assert_eq(wp_index_rebuild(ix, store, NULL, NULL), 4);
	full = dump();
	cr_assert(json_equal(step, full), "%s\n%s", json_dumps(step, 0), json_dumps(full, 0));
	json_decref(step);
	json_decref(full);
}

Test(index, another_language_empties_the_index_for_a_rebuild)
{
	wp_index *other = NULL;

	save("verhalen/a", "Verhalen uit de wijk.\n");
	save("verhalen/b", "Nog meer.\n");
	catch_up_expect(2);
	wp_index_free(ix);
	ix = NULL;

	cr_assert_eq(wp_index_open(&ix, db_file, "dutch"), 0);
	cr_assert_neq(strlen(wp_index_commit(ix)), 0, "the same language keeps the index");
	wp_index_free(ix);
	ix = NULL;

	cr_assert_eq(wp_index_open(&ix, db_file, "english"), 0);
	cr_assert_str_eq(wp_index_commit(ix), "");
	cr_assert_eq(total_of("\"wijk\""), 0);
	catch_up_expect(2);
	cr_assert_eq(total_of("\"wijk\""), 1);

	cr_assert_eq(wp_index_open(&other, db_file, "klingon"), WP_EINVALID);
	cr_assert_null(other);
	cr_assert_neq(strlen(wp_error_last()), 0);
}

Test(index, rewritten_history_triggers_a_full_rebuild)
{
	char head[WP_OID_HEX];
	json_t *page = NULL;

	save("verhalen/oud", "oude tekst\n");
	save("verhalen/ook-oud", "ook oud\n");
	catch_up_expect(2);
	commit_at("verhalen/nieuw", "nieuwe tekst\n", "dora", 1700000000, 1, head);
	catch_up_expect(1);
	cr_assert_str_eq(wp_index_commit(ix), head);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/oud"), WP_ENOTFOUND);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/nieuw"), 0);
	cr_assert_eq(json_integer_value(json_object_get(page, "created")), 1700000000);
	json_decref(page);
	cr_assert_eq(total_of("\"oude\""), 0);
}

Test(index, a_failed_catch_up_leaves_the_previous_state)
{
	wp_page_file *f = NULL;
	json_t *page = NULL;
	char before[WP_OID_HEX], obj[256];
	FILE *out;

	save("verhalen/a", "appel\n");
	catch_up_expect(1);
	strcpy(before, wp_index_commit(ix));
	save("verhalen/a", "peer\n");
	save("verhalen/b", "kapot\n");
	/* Make the new page unreadable: its loose object becomes garbage. */
	cr_assert_eq(wp_store_read(&f, store, "verhalen/b", NULL, 0), 0);
	snprintf(obj, sizeof(obj), "%s/objects/%.2s/%s", repo_dir, f->blob, f->blob + 2);
	wp_page_file_free(f);
	cr_assert_eq(chmod(obj, 0600), 0);
	out = fopen(obj, "w");
	cr_assert_not_null(out);
	fputs("geen git-object", out);
	fclose(out);

	cr_assert_lt(wp_index_catch_up(ix, store), 0);
	cr_assert_str_eq(wp_index_commit(ix), before);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/b"), WP_ENOTFOUND);
	cr_assert_eq(total_of("\"appel\""), 1);
	cr_assert_eq(total_of("\"peer\""), 0);
}

Test(index, a_second_connection_sees_the_catch_up_of_the_first)
{
	wp_index *other = NULL;
	json_t *list = NULL;

	save("verhalen/a", "tekst\n");
	cr_assert_eq(wp_index_open(&other, db_file, "dutch"), 0);
	catch_up_expect(1);
	cr_assert_eq(wp_index_catch_up(other, store), 0);
	cr_assert_str_eq(wp_index_commit(other), wp_index_commit(ix));
	cr_assert_eq(wp_index_recent(&list, other, &reader, 0), 0);
	cr_assert_str_eq(paths_of(list), "verhalen/a");
	json_decref(list);
	wp_index_free(other);
}

Test(index, empty_repository_indexes_nothing)
{
	json_t *list = NULL;

	cr_assert_eq(wp_index_catch_up(ix, store), 0);
	cr_assert_str_eq(wp_index_commit(ix), "");
	cr_assert_eq(wp_index_rebuild(ix, store, NULL, NULL), 0);
	cr_assert_eq(wp_index_recent(&list, ix, &reader, 0), 0);
	cr_assert_eq(json_array_size(list), 0);
	json_decref(list);
}

Test(index, page_with_broken_front_matter_is_still_found)
{
	json_t *page = NULL;

	commit_at("verhalen/kapot", "---\ntitel: [open\n---\nzoekbaar woord\n", "anna", 1600000000,
		  0, NULL);
	catch_up_expect(1);
	cr_assert_eq(wp_index_page(&page, ix, &reader, "verhalen/kapot"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(page, "title")), "kapot");
	json_decref(page);
	cr_assert_eq(total_of("\"zoekbaar\""), 1);
}

Test(index, a_file_that_is_not_a_database_is_refused)
{
	wp_index *other = NULL;
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/kapot.db", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("dit is geen database, maar wel lang genoeg om op een kop te lijken.......", f);
	fclose(f);
	cr_assert_lt(wp_index_open(&other, path, "dutch"), 0);
	cr_assert_null(other);
	cr_assert_neq(strlen(wp_error_last()), 0);
	wp_index_free(NULL);
}

/* ---- the store's history walk ---------------------------------------------------------------- */

typedef struct {
	char log[1024];
} walk_log;

static int on_change(void *payload, const char *commit, const char *author, const char *email,
		     int64_t when, const char *path, const char *blob)
{
	walk_log *w = payload;
	char line[128];

	(void)commit;
	cr_assert(email && strchr(email, '@'), "every change carries its author's e-mail");
	snprintf(line, sizeof(line), "%s %lld %s %s;", author, (long long)when, path,
		 blob[0] ? "+" : "-");
	strcat(w->log, line);
	return 0;
}

Test(index, store_walk_reports_changes_oldest_first_after_since)
{
	char c1[WP_OID_HEX], c2[WP_OID_HEX], head[WP_OID_HEX];
	walk_log w = { "" };

	commit_at("a", "1\n", "anna", 100, 0, c1);
	commit_at("b", "2\n", "bert", 200, 0, c2);
	commit_at("a", NULL, "carla", 300, 0, NULL);
	cr_assert_eq(wp_store_walk(head, store, NULL, on_change, &w), 0);
	cr_assert_str_eq(w.log, "anna 100 a +;bert 200 b +;carla 300 a -;");
	w.log[0] = '\0';
	cr_assert_eq(wp_store_walk(head, store, c1, on_change, &w), 0);
	cr_assert_str_eq(w.log, "bert 200 b +;carla 300 a -;");
	w.log[0] = '\0';
	cr_assert_eq(wp_store_walk(head, store, head, on_change, &w), 0);
	cr_assert_str_eq(w.log, "");
	cr_assert_eq(wp_store_walk(head, store, "123", on_change, &w), WP_EINVALID);
	cr_assert_eq(wp_store_walk(head, store, "0123456789012345678901234567890123456789",
				   on_change, &w),
		     WP_ENOTFOUND);
	cr_assert_str_eq(w.log, "");
}

/* ---- tag values ------------------------------------------------------------------------------ */

/* The values of a field as "value:count" joined with spaces. */
static char *tag_values(const char *key)
{
	static char buf[1024];
	json_t *list = NULL, *x;
	size_t i;

	cr_assert_eq(wp_index_tag_values(&list, ix, &reader, key), 0, "%s", wp_error_last());
	buf[0] = '\0';
	json_array_foreach(list, i, x) {
		char item[128];

		snprintf(item, sizeof(item), "%s%s:%lld", i ? " " : "",
			 json_string_value(json_object_get(x, "value")),
			 (long long)json_integer_value(json_object_get(x, "count")));
		strcat(buf, item);
	}
	json_decref(list);
	return buf;
}

Test(index, tag_values_count_pages_per_value_most_used_first)
{
	save("verhalen/a", "---\ntitel: A\nwetten: [Wmo, Jeugdwet, Wmo]\njaar: 2023\n---\n");
	save("verhalen/b", "---\ntitel: B\nwetten: [Wmo, Zvw]\n---\n");
	save("verhalen/c", "---\ntitel: C\nwetten: Jeugdwet\n---\n");
	save("verhalen/d", "---\ntitel: D\nwetten: [Wlz]\n---\n");
	catch_up_expect(4);
	/* Wmo twice in one list still counts one page; ties sort by value. */
	cr_assert_str_eq(tag_values("wetten"), "Jeugdwet:2 Wmo:2 Wlz:1 Zvw:1");
	cr_assert_str_eq(tag_values("jaar"), "2023:1");
	cr_assert_str_eq(tag_values("onbekend"), "");
	/* A deleted page no longer counts, and a value held by no page is gone. */
	commit_at("verhalen/d", NULL, "anna", 1700000000, 0, NULL);
	cr_assert_eq(wp_index_catch_up(ix, store), 1, "%s", wp_error_last());
	cr_assert_str_eq(tag_values("wetten"), "Jeugdwet:2 Wmo:2 Zvw:1");
}

/* ---- visibility ------------------------------------------------------------------------------ */

/* The index's visibility filter (SQL) and access.c's rule (C) must agree
 * for every kind of page, every kind of reader and every default. */
Test(index, visibility_filter_agrees_with_the_access_rule)
{
	static const char *const fronts[] = {
		"titel: geen veld\n",
		"zichtbaarheid: openbaar\n",
		"zichtbaarheid: ingelogd\n",
		"zichtbaarheid: team\nteam: noord\n",
		"zichtbaarheid: team\nteam: zuid\n",
		"zichtbaarheid: team\n",
		"zichtbaarheid: geheim\n",
		"zichtbaarheid: [openbaar]\n",
		"team: noord\n",
	};
	static const wp_viewer readers[] = {
		{ WP_ROLE_ANONIEM, NULL, NULL, NULL, WP_VIS_INGELOGD },
		{ WP_ROLE_LEZER, "l", "L", NULL, WP_VIS_INGELOGD },
		{ WP_ROLE_PROFESSIONAL, "p", "P", "noord", WP_VIS_INGELOGD },
		{ WP_ROLE_REGIOTEAM, "r", "R", "zuid", WP_VIS_INGELOGD },
		{ WP_ROLE_BEHEERDER, "b", "B", NULL, WP_VIS_INGELOGD },
	};
	const size_t nf = sizeof(fronts) / sizeof(fronts[0]);
	char path[32], text[160];
	size_t f, v, d, seen = 0;

	for (f = 0; f < nf; f++) {
		snprintf(path, sizeof(path), "pagina-%zu", f);
		snprintf(text, sizeof(text), "---\n%s---\nTekst %zu.\n", fronts[f], f);
		save(path, text);
	}
	cr_assert_geq(wp_index_catch_up(ix, store), 0, "%s", wp_error_last());
	for (d = WP_VIS_OPENBAAR; d <= WP_VIS_TEAM; d++) {
		for (v = 0; v < sizeof(readers) / sizeof(readers[0]); v++) {
			wp_viewer who_reads = readers[v];
			json_t *list = NULL;

			who_reads.default_vis = (wp_vis)d;
			for (f = 0; f < nf; f++) {
				json_t *meta = NULL;
				size_t off;
				int rule, found;

				snprintf(path, sizeof(path), "pagina-%zu", f);
				snprintf(text, sizeof(text), "---\n%s---\n", fronts[f]);
				cr_assert_eq(wp_fm_parse(&meta, &off, text, strlen(text)), 0);
				rule = wp_may_read_meta(&who_reads, meta);
				found = wp_index_has(ix, &who_reads, path);
				cr_assert_eq(found, rule, "%s for %s (default %s): index %d, rule %d",
					     fronts[f], wp_role_name(who_reads.role),
					     wp_vis_name((wp_vis)d), found, rule);
				seen += (size_t)rule;
				json_decref(meta);
			}
			cr_assert_eq(wp_index_type_counts(&list, ix, &who_reads), 0);
			json_decref(list);
		}
	}
	cr_assert_gt(seen, 0, "some pages are visible to someone");
}

/* The total and facets of match for viewer v. */
static json_int_t total_for(const wp_viewer *v, const char *match, json_int_t *team_facet)
{
	json_t *res = NULL;
	json_int_t total;

	cr_assert_eq(wp_index_search(&res, ix, v, match, NULL, 10, 0), 0, "%s", wp_error_last());
	total = json_integer_value(json_object_get(res, "total"));
	*team_facet = json_integer_value(
		json_object_get(json_object_get(json_object_get(res, "facets"), "wetten"), "Teamwet"));
	json_decref(res);
	return total;
}

/* Few matches are checked one by one, many against one scan of the
 * visibility index: both ways must leave out the same pages, from the
 * total, the facets and the results. */
Test(index, search_leaves_out_hidden_pages_for_few_and_many_matches)
{
	static const wp_viewer member = { WP_ROLE_PROFESSIONAL, "a", "A", "noord", WP_VIS_INGELOGD };
	static const wp_viewer other = { WP_ROLE_PROFESSIONAL, "e", "E", "zuid", WP_VIS_INGELOGD };
	static const wp_viewer visitor = { WP_ROLE_ANONIEM, NULL, NULL, NULL, WP_VIS_INGELOGD };
	wp_buf text = WP_BUF_INIT;
	json_int_t facet;
	char path[32];
	int i;

	for (i = 0; i < 300; i++) {
		wp_buf_clear(&text);
		snprintf(path, sizeof(path), "p%03d", i);
		if (i % 30 == 0) /* 10 team pages, one of them also holding the rare word */
			wp_buf_printf(&text, "---\nzichtbaarheid: team\nteam: noord\nwetten: [Teamwet]\n"
					     "---\nveelvoorkomend%s\n",
				      i == 0 ? " zeldzaamheid" : "");
		else if (i % 3 == 0)
			wp_buf_printf(&text, "---\nzichtbaarheid: openbaar\n---\nveelvoorkomend\n");
		else
			wp_buf_printf(&text, "veelvoorkomend\n");
		save(path, wp_buf_cstr(&text));
	}
	wp_buf_dispose(&text);
	cr_assert_geq(wp_index_catch_up(ix, store), 0, "%s", wp_error_last());
	/* many matches: 300 */
	cr_assert_eq(total_for(&member, "veelvoorkomend", &facet), 300);
	cr_assert_eq(facet, 10);
	cr_assert_eq(total_for(&other, "veelvoorkomend", &facet), 290);
	cr_assert_eq(facet, 0, "the facet counts hidden pages");
	cr_assert_eq(total_for(&visitor, "veelvoorkomend", &facet), 90, "openbaar only");
	/* few matches */
	cr_assert_eq(total_for(&member, "zeldzaamheid", &facet), 1);
	cr_assert_eq(total_for(&other, "zeldzaamheid", &facet), 0);
	cr_assert_eq(total_for(&visitor, "zeldzaamheid", &facet), 0);
}
