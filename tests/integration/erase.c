/* Integration tests of `werkplaats erase` (README "Erasing a page from
 * the history"): a story saved several times through the HTTP API,
 * renamed, with perspectives below its old and new name and a CLI import
 * that changed it together with another page, is erased from the whole
 * history of the bare repository. The other pages keep every version,
 * the content is in no object and no file of the data folder, the
 * restarted server knows nothing of it, and refusals change nothing. */
#include "server.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE	  "verhalen/mevrouw-x"
#define OLD	  "verhalen/oude-naam"
#define PERSP_OLD OLD "/perspectieven/eerste-blik"
#define PERSP	  PAGE "/perspectieven/ervaring"
#define OTHER1	  "buurthuis-de-linde"
#define OTHER2	  "verhalen/een-ander-verhaal"
#define TITLE	  "Een verhaal over de kwartelkoning"
#define SECRET	  "De reservesleutel ligt onder de derde bloempot links van de schuur"
#define WORD	  "zwaluwstaartvlinder"

static wp_test_server *srv;

static void start(void)
{
	wp_ts_opts o = WP_TS_OPTS_INIT;

	o.empty = 1; /* only the pages of the test: a short history */
	/* stories and perspectives are all it needs; the other plugins'
	 * checks of a page's text are not what is tested here */
	o.config = "{\"plugins\": [\"verhalen\"]}";
	srv = wp_ts_start(&o);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
}

TestSuite(erase, .init = start, .fini = stop, .timeout = 120);

/* ---- building a history ---- */

static char *story(const char *version)
{
	/* a team page of tester's team: no rule on stories outside a team applies */
	return wp_ts_fmt("---\ntitel: \"%s\"\nzichtbaarheid: team\nteam: " WP_TS_TESTER_TEAM
			 "\n---\n%s. " SECRET ". Ze houdt van de " WORD ".\n",
			 TITLE, version);
}

static char *perspective(const char *title)
{
	return wp_ts_fmt("---\ntitel: \"%s\"\nrol: professional\nkennisbron: vakmanschap\n---\n"
			 "Ik ken haar van het buurthuis. " SECRET ".\n",
			 title);
}

static char *other(const char *version)
{
	return wp_ts_fmt("---\ntitel: \"Buurthuis de Linde\"\n---\nOpen op %s.\n", version);
}

/* PUT /api/pages/path: a new page (base NULL) or on top of its current
 * revision. */
static void put(const char *path, const char *content, int is_new)
{
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	if (!is_new)
		wp_ts_api_revision(rev, srv, path);
	r = wp_ts_api_put(srv, path, content, is_new ? NULL : rev, "Bijgewerkt");
	cr_assert_eq(r->status, is_new ? 201 : 200, "PUT %s: %ld %s", path, r->status, r->body);
	wp_ts_response_free(r);
}

static void put_free(const char *path, char *content, int is_new)
{
	put(path, content, is_new);
	free(content);
}

static void rename_page(const char *from, const char *to)
{
	char rev[WP_TS_OID_HEX], *url = wp_ts_fmt("/hernoemen/%s", from);
	wp_ts_response *r;

	wp_ts_api_revision(rev, srv, from);
	r = wp_ts_post_form(srv, url,
			    (const char *const[]){ "base", rev, "new_path", to, "message",
						   "Andere naam", NULL });
	cr_assert_eq(r->status, 303, "rename %s: %ld %.400s", from, r->status, r->body);
	wp_ts_response_free(r);
	free(url);
}

/* One commit, from the command line, that changes PAGE and OTHER1. */
static void import_both(void)
{
	char *src = wp_ts_tmpdir(), *a = story("Vierde versie"), *b = other("dinsdag");
	const char *args[] = { "import",   "--data",   wp_ts_data_dir(srv), src, "--author",
			       "Importeur", "--message", "Verhalen en buurthuis bijgewerkt", NULL };
	wp_ts_run_result *r;

	wp_ts_write_file(src, PAGE ".md", a);
	wp_ts_write_file(src, OTHER1 ".md", b);
	r = wp_ts_run(args);
	cr_assert_eq(r->exit_code, 0, "import: %s%s", r->out, r->err);
	wp_ts_run_free(r);
	wp_ts_rmtree(src);
	free(src);
	free(a);
	free(b);
}

/* The history of the full test: 11 commits, of which 6 change only the
 * erased story (they are dropped), 4 come after the first of those (they
 * are rewritten) and one comes before (it keeps its id). */
static void build_history(void)
{
	put_free(OTHER1, other("maandag"), 1);
	put_free(OLD, story("Eerste versie"), 1);
	put_free(OTHER2, wp_ts_fmt("---\ntitel: \"Een ander verhaal\"\n---\nNiets geheims.\n"), 1);
	put_free(OLD, story("Tweede versie"), 0);
	put_free(PERSP_OLD, perspective("Eerste blik"), 1);
	rename_page(OLD, PAGE);
	put_free(PAGE, story("Derde versie"), 0);
	put_free(PERSP, perspective("Ervaring"), 1);
	import_both();
	put_free(OTHER1, other("woensdag"), 0);
	put_free(OTHER2, wp_ts_fmt("---\ntitel: \"Een ander verhaal\"\n---\nNog steeds niet.\n"),
		 0);
}

/* ---- looking into the repository ---- */

static git_repository *repo_open(void)
{
	char *path = wp_ts_fmt("%s/repo.git", wp_ts_data_dir(srv));
	git_repository *repo = NULL;

	git_libgit2_init();
	cr_assert_eq(git_repository_open_bare(&repo, path), 0, "open %s", path);
	free(path);
	return repo;
}

static void repo_close(git_repository *repo)
{
	git_repository_free(repo);
	git_libgit2_shutdown();
}

typedef struct {
	git_oid *ids;
	size_t n, cap;
} oid_list;

static int collect_cb(const git_oid *id, void *payload)
{
	oid_list *l = payload;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->ids = realloc(l->ids, l->cap * sizeof(*l->ids));
		cr_assert_not_null(l->ids);
	}
	l->ids[l->n++] = *id;
	return 0;
}

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Every object id in the repository's object database, sorted. */
static oid_list all_objects(git_repository *repo)
{
	oid_list l = { NULL, 0, 0 };
	git_odb *odb = NULL;

	cr_assert_eq(git_repository_odb(&odb, repo), 0);
	cr_assert_eq(git_odb_foreach(odb, collect_cb, &l), 0, "git_odb_foreach");
	git_odb_free(odb);
	qsort(l.ids, l.n, sizeof(*l.ids), oid_cmp);
	return l;
}

/* The number of objects (blobs, trees, commits with their messages,
 * tags) whose inflated data holds needle. */
static size_t objects_holding(const char *needle)
{
	git_repository *repo = repo_open();
	oid_list l = all_objects(repo);
	git_odb *odb = NULL;
	size_t i, found = 0;

	cr_assert_eq(git_repository_odb(&odb, repo), 0);
	for (i = 0; i < l.n; i++) {
		git_odb_object *o = NULL;

		cr_assert_eq(git_odb_read(&o, odb, &l.ids[i]), 0, "unreadable %s",
			     git_oid_tostr_s(&l.ids[i]));
		found += memmem(git_odb_object_data(o), git_odb_object_size(o), needle,
				strlen(needle)) != NULL;
		git_odb_object_free(o);
	}
	git_odb_free(odb);
	free(l.ids);
	repo_close(repo);
	return found;
}

/* The refs, every object id and the state of the index file and of the
 * erasure files, as text: two equal snapshots mean nothing changed. */
static char *snapshot(void)
{
	git_repository *repo = repo_open();
	oid_list l = all_objects(repo);
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	char *text = wp_ts_fmt("%s", ""), *next, *file;
	const char *files[] = { "index.db", "erasures.log", "erase.key", "erase.unfinished" };
	struct stat st;
	size_t i;

	cr_assert_eq(git_reference_iterator_new(&it, repo), 0);
	while (git_reference_next(&r, it) == 0) {
		next = wp_ts_fmt("%sref %s %s\n", text, git_reference_name(r),
				 git_reference_type(r) == GIT_REFERENCE_DIRECT
					 ? git_oid_tostr_s(git_reference_target(r))
					 : git_reference_symbolic_target(r));
		free(text);
		text = next;
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	for (i = 0; i < l.n; i++) {
		next = wp_ts_fmt("%s%s\n", text, git_oid_tostr_s(&l.ids[i]));
		free(text);
		text = next;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		file = wp_ts_fmt("%s/%s", wp_ts_data_dir(srv), files[i]);
		next = stat(file, &st) == 0
			       ? wp_ts_fmt("%s%s %lld %lld.%09ld\n", text, files[i],
					   (long long)st.st_size, (long long)st.st_mtim.tv_sec,
					   st.st_mtim.tv_nsec)
			       : wp_ts_fmt("%s%s missing\n", text, files[i]);
		free(text);
		free(file);
		text = next;
	}
	free(l.ids);
	repo_close(repo);
	return text;
}

/* Appends to *text the version of file that commit c made, if it
 * changed the file against its first parent: author, author and commit
 * times, whole file ("<deleted>" for a delete). */
static void add_version(char **text, git_repository *repo, git_commit *c, const char *file)
{
	git_commit *parent = NULL;
	git_tree *t = NULL, *pt = NULL;
	git_tree_entry *e = NULL, *pe = NULL;
	const git_signature *a = git_commit_author(c);
	git_blob *b = NULL;
	char *next;

	if (git_commit_parentcount(c) > 0) {
		cr_assert_eq(git_commit_parent(&parent, c, 0), 0);
		cr_assert_eq(git_commit_tree(&pt, parent), 0);
		git_tree_entry_bypath(&pe, pt, file);
	}
	cr_assert_eq(git_commit_tree(&t, c), 0);
	git_tree_entry_bypath(&e, t, file);
	if ((e || pe) &&
	    !(e && pe && git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(pe)))) {
		if (e)
			cr_assert_eq(git_blob_lookup(&b, repo, git_tree_entry_id(e)), 0);
		next = wp_ts_fmt("%s%s %lld %lld\n%.*s\n", *text, a->name, (long long)a->when.time,
				 (long long)git_commit_time(c), b ? (int)git_blob_rawsize(b) : 9,
				 b ? (const char *)git_blob_rawcontent(b) : "<deleted>");
		free(*text);
		*text = next;
	}
	git_blob_free(b);
	git_tree_entry_free(e);
	git_tree_entry_free(pe);
	git_tree_free(t);
	git_tree_free(pt);
	git_commit_free(parent);
}

/* Every version of page path on the branch, newest first, as text. */
static char *versions(const char *path)
{
	git_repository *repo = repo_open();
	char *file = wp_ts_fmt("%s.md", path), *text = wp_ts_fmt("%s", "");
	git_commit *c = NULL, *parent;
	git_oid head;

	cr_assert_eq(git_reference_name_to_id(&head, repo, "refs/heads/main"), 0);
	cr_assert_eq(git_commit_lookup(&c, repo, &head), 0);
	while (c) {
		add_version(&text, repo, c, file);
		parent = NULL;
		if (git_commit_parentcount(c) > 0)
			cr_assert_eq(git_commit_parent(&parent, c, 0), 0);
		git_commit_free(c);
		c = parent;
	}
	free(file);
	repo_close(repo);
	return text;
}

/* The id of the root commit of the branch (malloc'd). */
static char *root_id(void)
{
	git_repository *repo = repo_open();
	git_commit *c = NULL, *parent = NULL;
	git_oid head;
	char *id;

	cr_assert_eq(git_reference_name_to_id(&head, repo, "refs/heads/main"), 0);
	cr_assert_eq(git_commit_lookup(&c, repo, &head), 0);
	while (git_commit_parentcount(c) > 0) {
		cr_assert_eq(git_commit_parent(&parent, c, 0), 0);
		git_commit_free(c);
		c = parent;
	}
	id = wp_ts_fmt("%s", git_oid_tostr_s(git_commit_id(c)));
	git_commit_free(c);
	repo_close(repo);
	return id;
}

/* The number of files in the data folder (recursively) holding needle,
 * the first of them into *which (malloc'd; may be NULL). */
static size_t files_holding(const char *dir, const char *needle, char **which)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	size_t found = 0;

	cr_assert_not_null(d, "opendir %s", dir);
	while ((ent = readdir(d)) != NULL) {
		char *path = wp_ts_fmt("%s/%s", dir, ent->d_name), *data;
		struct stat st;

		if (ent->d_name[0] == '.' || lstat(path, &st) != 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			found += files_holding(path, needle, which);
		} else if (S_ISREG(st.st_mode) && (data = wp_ts_read_file(path)) != NULL) {
			if (memmem(data, (size_t)st.st_size, needle, strlen(needle))) {
				found++;
				if (which && !*which)
					*which = wp_ts_fmt("%s", path);
			}
			free(data);
		}
		free(path);
	}
	closedir(d);
	return found;
}

/* ---- running erase ---- */

/* `werkplaats erase --data DATA` with the arguments (NULL-terminated, at
 * most 8) and input on stdin. */
static wp_ts_run_result *erase_run(const char *input, const char *const *more)
{
	const char *args[16] = { "erase", "--data", wp_ts_data_dir(srv) };
	size_t n = 3, i;

	for (i = 0; more[i] && n < 15; i++)
		args[n++] = more[i];
	args[n] = NULL;
	return wp_ts_run_input(args, input);
}

static char *password_line(void)
{
	return wp_ts_fmt("%s\n", wp_ts_tester_password(srv));
}

static void assert_exit(const wp_ts_run_result *r, int code, const char *what)
{
	cr_assert_eq(r->exit_code, code, "%s: exit %d, want %d\nstdout: %s\nstderr: %s", what,
		     r->exit_code, code, r->out, r->err);
}

/* The one line of DATA/erasures.log as JSON. */
static json_t *erasure_log(void)
{
	char *file = wp_ts_fmt("%s/erasures.log", wp_ts_data_dir(srv));
	char *text = wp_ts_read_file(file);
	json_t *j;

	cr_assert_not_null(text, "no %s", file);
	cr_assert_eq(wp_ts_count(text, "\n"), 1, "not one line: %s", text);
	j = json_loads(text, 0, NULL);
	cr_assert(json_is_object(j), "not JSON: %s", text);
	free(text);
	free(file);
	return j;
}

static size_t log_count(json_t *log, const char *key)
{
	return (size_t)json_integer_value(json_object_get(log, key));
}

/* ---- what must hold afterwards ---- */

/* (a) Nothing of the page in any object (blobs, trees, commits with
 * their messages, tags) or in any file of the data folder. */
static void assert_gone_everywhere(void)
{
	static const char *const gone[] = { SECRET,	 WORD,		  "mevrouw-x",
					    "oude-naam", "kwartelkoning", "eerste-blik" };
	char *which = NULL;
	size_t i;

	for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
		cr_assert_eq(objects_holding(gone[i]), 0, "'%s' still in an object", gone[i]);
		cr_assert_eq(files_holding(wp_ts_data_dir(srv), gone[i], &which), 0,
			     "'%s' still in %s", gone[i], which);
	}
}

/* (d) The record on top of the branch: by the beheerder, the same tree as
 * its parent, the mark of the log line and nothing of the page. */
static void assert_record(json_t *log)
{
	char *mark = wp_ts_fmt("Kenmerk: %s", json_string_value(json_object_get(log, "mark")));
	char *now = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD:" OTHER1 ".md");
	char *then = wp_ts_repo_file(wp_ts_data_dir(srv), "HEAD~1:" OTHER1 ".md");
	const char *args[] = { "erase", "--data", wp_ts_data_dir(srv), "--mark", PAGE, NULL };
	wp_ts_run_result *r;
	wp_ts_commit head;

	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_assert_eq(strlen(mark), strlen("Kenmerk: ") + 64, "%s", mark);
	cr_assert(strstr(head.message, mark), "record: %s", head.message);
	cr_assert(strstr(head.message, "beheerder " WP_TS_TESTER), "%s", head.message);
	cr_assert_str_eq(head.author, WP_TS_TESTER_DISPLAY);
	cr_assert_eq(head.parents, 1);
	cr_assert(now && then && strcmp(now, then) == 0, "the record changed a page");
	r = wp_ts_run(args);
	assert_exit(r, 0, "erase --mark");
	cr_assert(strncmp(r->out, mark + strlen("Kenmerk: "), 64) == 0, "%s vs %s", r->out, mark);
	wp_ts_run_free(r);
	wp_ts_commit_dispose(&head);
	free(mark);
	free(now);
	free(then);
}

/* The repository passes `werkplaats check`. */
static void assert_check_passes(void)
{
	const char *args[] = { "check", "--data", wp_ts_data_dir(srv), NULL };
	wp_ts_run_result *r = wp_ts_run(args);

	assert_exit(r, 0, "check after erase");
	wp_ts_run_free(r);
}

/* ---- the tests ---- */

/* (a) nothing of the page in any object or file, (b) the other pages
 * keep every version, (d) one record commit with only the mark; the
 * server side (c) is the next test. */
Test(erase, removes_page_perspectives_and_former_name_from_all_history)
{
	char *pw = password_line(), *v1, *v2, *now, *root;
	wp_ts_run_result *r;
	json_t *log;

	build_history();
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), 11);
	wp_ts_halt(srv);
	cr_assert_gt(objects_holding(SECRET), 0, "the test saved no secret");
	root = root_id(); /* from before the story: it keeps its id */
	v1 = versions(OTHER1);
	v2 = versions(OTHER2);
	cr_assert_eq(wp_ts_count(v1, "Open op"), 3, "%s", v1);

	r = erase_run(pw, (const char *const[]){ "--admin", WP_TS_TESTER, "--yes", PAGE ".md",
						 NULL });
	assert_exit(r, 0, "erase");
	cr_assert(strstr(r->out, PERSP ".md") && strstr(r->out, PERSP_OLD ".md") &&
			  strstr(r->out, OLD ".md") && strstr(r->out, PAGE ".md"),
		  "the plan does not list every file:\n%s", r->out);
	cr_assert(strstr(r->out, "niet ongedaan"), "no warning:\n%s", r->out);
	wp_ts_run_free(r);

	assert_gone_everywhere();
	now = versions(OTHER1);
	cr_assert_str_eq(now, v1, "versions of " OTHER1 " changed");
	free(now);
	now = versions(OTHER2);
	cr_assert_str_eq(now, v2, "versions of " OTHER2 " changed");
	free(now);
	log = erasure_log();
	cr_assert_eq(log_count(log, "dropped"), 6, "dropped %zu", log_count(log, "dropped"));
	cr_assert_eq(log_count(log, "rewritten"), 4);
	cr_assert_eq(log_count(log, "pages"), 2); /* PAGE and OLD */
	cr_assert_eq(log_count(log, "subpages"), 2);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), 11 - 6 + 1);
	now = root_id();
	cr_assert_str_eq(now, root, "the commit before the story was rewritten");
	free(now);
	free(root);
	assert_record(log);
	assert_check_passes();
	json_decref(log);
	free(v1);
	free(v2);
	free(pw);
}

/* GET path answers status. */
static void assert_status(const char *path, long status)
{
	wp_ts_response *r = wp_ts_get(srv, path);

	cr_assert_eq(r->status, status, "GET %s: %ld, want %ld", path, r->status, status);
	wp_ts_response_free(r);
}

/* The total of /api/search?q=word. */
static long search_total(const char *word)
{
	char *url = wp_ts_fmt("/api/search?q=%s", word);
	wp_ts_response *r = wp_ts_get(srv, url);
	json_t *j;
	long total;

	cr_assert_eq(r->status, 200, "%s: %ld", url, r->status);
	j = wp_ts_json(r);
	total = (long)json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return total;
}

/* GET path answers 200 without any of the words (NULL-terminated). */
static void assert_without(const char *path, const char *const *words)
{
	wp_ts_response *r = wp_ts_get(srv, path);
	size_t i;

	cr_assert_eq(r->status, 200, "GET %s: %ld", path, r->status);
	for (i = 0; words[i]; i++)
		cr_assert_null(strstr(r->body, words[i]), "GET %s shows '%s'", path, words[i]);
	wp_ts_response_free(r);
}

/* The history of OTHER1 is whole; the import that changed it and the
 * story together has a neutral message naming OTHER1 only. */
static void assert_other_history(void)
{
	wp_ts_response *r = wp_ts_get(srv, "/api/pages/" OTHER1 "/history");
	json_t *j = wp_ts_json(r), *import;
	const char *msg;

	cr_assert_eq(json_array_size(j), 3, "history of " OTHER1 ": %s", r->body);
	import = json_array_get(j, 1);
	msg = json_string_value(json_object_get(import, "message"));
	cr_assert(msg && strstr(msg, "gewiste pagina") && strstr(msg, OTHER1), "%s", r->body);
	cr_assert_str_eq(json_string_value(json_object_get(import, "author")), "Importeur");
	json_decref(j);
	wp_ts_response_free(r);
}

/* (c) the restarted server: the page and its parts are gone, search and
 * the lists know nothing of it, the other pages' histories are whole. */
Test(erase, the_server_knows_nothing_of_the_erased_page_after_a_restart)
{
	static const char *const missing[] = { "/" PAGE, "/" OLD, "/" PERSP, "/" PERSP_OLD,
					       "/api/pages/" PAGE, "/geschiedenis/" PAGE,
					       "/api/pages/" PAGE "/history" };
	static const char *const words[] = { "mevrouw-x", "oude-naam", "kwartelkoning", NULL };
	char *pw = password_line();
	wp_ts_run_result *r;
	size_t i;

	build_history();
	cr_assert_gt(search_total(WORD), 0, "the story is not found before the erase");
	wp_ts_halt(srv);
	r = erase_run(pw, (const char *const[]){ "--admin", WP_TS_TESTER, "--yes", PAGE, NULL });
	assert_exit(r, 0, "erase");
	wp_ts_run_free(r);
	wp_ts_restart(srv);

	for (i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
		assert_status(missing[i], 404);
	cr_assert_eq(search_total(WORD), 0);
	assert_without("/api/changes", words);
	assert_without("/wijzigingen", words);
	assert_without("/", words);
	assert_other_history();
	assert_status("/" OTHER1, 200);
	free(pw);
}

/* Adds to the repository what a plain wiki does not have: another
 * branch, a lightweight and an annotated tag on the story's commit, and
 * what an erase cut off after moving its refs leaves behind (a loose
 * object nothing reaches, and the marker). */
static void add_refs_and_leftovers(void)
{
	git_repository *repo = repo_open();
	git_object *head = NULL;
	git_reference *ref = NULL;
	git_signature *sig = NULL;
	git_oid tag, loose;

	cr_assert_eq(git_revparse_single(&head, repo, "refs/heads/main"), 0);
	cr_assert_eq(git_branch_create(&ref, repo, "archief", (git_commit *)head, 0), 0);
	git_reference_free(ref);
	cr_assert_eq(git_reference_create(&ref, repo, "refs/tags/licht", git_object_id(head), 0,
					  NULL),
		     0);
	git_reference_free(ref);
	cr_assert_eq(git_signature_now(&sig, "Tagger", "tagger@werkplaats.invalid"), 0);
	cr_assert_eq(git_tag_create(&tag, repo, "zwaar", head, sig, "Mijlpaal\n", 0), 0);
	cr_assert_eq(git_blob_create_from_buffer(&loose, repo, "los " SECRET, strlen(SECRET) + 4),
		     0);
	git_signature_free(sig);
	git_object_free(head);
	repo_close(repo);
	wp_ts_write_file(wp_ts_data_dir(srv), "erase.unfinished", "erase\n");
}

/* Each ref now names the only commit left before the story's (the root),
 * the annotated tag still as an annotated tag with its message. */
static void assert_refs_rewritten(void)
{
	static const char *const refs[] = { "refs/heads/archief", "refs/tags/licht",
					    "refs/tags/zwaar" };
	git_repository *repo = repo_open();
	size_t i;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		git_object *c = NULL, *named = NULL;
		char *spec = wp_ts_fmt("%s^{commit}", refs[i]);

		cr_assert_eq(git_revparse_single(&c, repo, spec), 0, "%s", refs[i]);
		cr_assert_eq(git_commit_parentcount((git_commit *)c), 0, "%s", refs[i]);
		cr_assert_eq(git_revparse_single(&named, repo, refs[i]), 0);
		cr_assert_eq(git_object_type(named), i == 2 ? GIT_OBJECT_TAG : GIT_OBJECT_COMMIT,
			     "%s", refs[i]);
		if (i == 2)
			cr_assert_str_eq(git_tag_message((git_tag *)named), "Mijlpaal\n");
		git_object_free(named);
		git_object_free(c);
		free(spec);
	}
	repo_close(repo);
}

/* Every ref is rewritten (another branch, a lightweight and an annotated
 * tag), the confirmation is the typed page path, and an erase that was
 * cut off earlier is completed first (its leftovers deleted). */
Test(erase, rewrites_every_ref_after_the_typed_path_and_completes_a_cut_off_one)
{
	char *input = wp_ts_fmt("%s\n" PAGE ".md\n", wp_ts_tester_password(srv));
	char *marker = wp_ts_fmt("%s/erase.unfinished", wp_ts_data_dir(srv));
	wp_ts_run_result *r;

	put_free(OTHER1, other("maandag"), 1);
	put_free(PAGE, story("Eerste versie"), 1);
	wp_ts_halt(srv);
	add_refs_and_leftovers();

	r = erase_run(input, (const char *const[]){ "--admin", WP_TS_TESTER, PAGE, NULL });
	assert_exit(r, 0, "erase with the typed path");
	cr_assert(strstr(r->out, "eerder afgebroken"), "no resume:\n%s", r->out);
	wp_ts_run_free(r);
	cr_assert_eq(objects_holding(SECRET), 0, "secret left");
	cr_assert_neq(access(marker, F_OK), 0, "marker left");
	assert_refs_rewritten();
	assert_check_passes();
	free(marker);
	free(input);
}

/* While this test holds the data folder's lock as an erase does, `serve`
 * refuses to start. */
static void assert_serve_refused_while_locked(void)
{
	char *lockfile = wp_ts_fmt("%s/werkplaats.serve.lock", wp_ts_data_dir(srv));
	const char *args[] = { "serve", "--data", wp_ts_data_dir(srv), "--port", "0", NULL };
	int fd = open(lockfile, O_RDWR | O_CREAT, 0600);
	wp_ts_run_result *r;

	cr_assert(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0, "cannot lock %s", lockfile);
	r = wp_ts_run(args);
	assert_exit(r, 1, "serve during an erase");
	cr_assert(strstr(r->err, "gewist"), "%s", r->err);
	wp_ts_run_free(r);
	close(fd);
	free(lockfile);
}

/* stdin of the refusal cases */
enum { NO_INPUT, TESTER_PW, WRONG_PW, NO_CONFIRM, PIET_PW };

/* (e) Every refusal leaves the repository, the index and the erasure
 * files exactly as they were; the first is the lock of a running server. */
Test(erase, refusals_change_nothing)
{
	static const struct {
		int input;
		const char *args[6];
		int code;
		const char *says;
	} cases[] = {
		{ TESTER_PW, { "--admin", WP_TS_TESTER, "--yes", PAGE, NULL }, 1, "draait nog" },
		{ NO_INPUT, { "--yes", PAGE, NULL }, 2, "--admin" },
		{ TESTER_PW, { "--admin", WP_TS_TESTER, "--yes", "../geheim", NULL }, 2, "" },
		{ TESTER_PW, { "--admin", WP_TS_TESTER, "--yes", NULL }, 2, "PAD" },
		{ TESTER_PW, { "--admin", "niemand", "--yes", PAGE, NULL }, 1, "niets gewist" },
		{ PIET_PW, { "--admin", "piet", "--yes", PAGE, NULL }, 1, "geen beheerder" },
		{ WRONG_PW, { "--admin", WP_TS_TESTER, "--yes", PAGE, NULL }, 1, "klopt niet" },
		{ NO_INPUT, { "--admin", WP_TS_TESTER, "--yes", PAGE, NULL }, 1,
		  "Geen wachtwoord" },
		{ TESTER_PW, { "--admin", WP_TS_TESTER, "--yes", "verhalen/bestaat-niet", NULL }, 1,
		  "komt nergens" },
		{ NO_CONFIRM, { "--admin", WP_TS_TESTER, PAGE, NULL }, 1, "Afgebroken, er is niets "
									  "gewist." },
		{ TESTER_PW, { "--admin", WP_TS_TESTER, PAGE, NULL }, 1, "Afgebroken" },
	};
	char *pw = password_line(), *inputs[] = { NULL, pw, wp_ts_fmt("niet-het-wachtwoord\n"),
						  wp_ts_fmt("%sverhalen/iets-anders\n", pw),
						  wp_ts_fmt("wachtwoord-van-piet\n") };
	size_t i;

	put_free(OTHER1, other("maandag"), 1);
	put_free(PAGE, story("Eerste versie"), 1);
	wp_ts_user_add(srv, "piet", "professional", NULL, "wachtwoord-van-piet");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *before, *after;
		wp_ts_run_result *r;

		if (i == 1)
			wp_ts_halt(srv);
		before = snapshot();
		r = erase_run(inputs[cases[i].input], cases[i].args);
		assert_exit(r, cases[i].code, cases[i].says);
		cr_assert(strstr(r->err, cases[i].says), "case %zu: no '%s' in:\n%s", i,
			  cases[i].says, r->err);
		after = snapshot();
		cr_assert_str_eq(after, before, "case %zu (%s) changed something", i,
				 cases[i].says);
		wp_ts_run_free(r);
		free(before);
		free(after);
	}
	assert_serve_refused_while_locked();
	for (i = 1; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		free(inputs[i]);
}
