/* store.c - pages in a bare git repository, through libgit2's object
 * database only: a read is a tree lookup at a commit, a save is one commit
 * built with tree builders, and the branch moves with a compare-and-swap
 * so that concurrent writers (threads or processes) never lose each
 * other's work.
 *
 * Durability: main() sets GIT_OPT_ENABLE_FSYNC_GITDIR, so libgit2 fsyncs
 * the objects and the branch ref written here before a save returns. */
#include "store.h"

#include "error.h"
#include "path.h"
#include "texts.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define BLOB_PATH_MAX (WP_PATH_MAX + 4) /* page path + ".md" + NUL */
#define REV_MIN_HEX 7			/* shortest accepted abbreviated commit id */
#define COMMIT_TRIES 10			/* attempts before a save gives up as busy */
#define CHECK_MAX_DEPTH 100		/* folders nested deeper are reported */
#define LOST_RACE 1			/* internal: another writer moved the branch */
#define LOCKED 2			/* internal: the branch ref is locked right now */
#define BULK_CHANGES 64			/* a commit of this many pages is written as a pack */
#define BULK_PRIORITY 1000		/* ahead of the on-disk backends (1 and 2) */

struct wp_store {
	git_repository *repo;
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* Turns a libgit2 failure into a WP_E* code and a message naming the
 * operation, so that no library error is dropped. */
static int git_fail(int grc, const char *op)
{
	const git_error *e = git_error_last();

	wp_error_set(wp_t("store.git_error"), op, e && e->message ? e->message : "?");
	if (e && e->klass == GIT_ERROR_NOMEMORY)
		return WP_ENOMEM;
	switch (grc) {
	case GIT_ENOTFOUND: return WP_ENOTFOUND;
	case GIT_EEXISTS: return WP_EEXISTS;
	case GIT_EMODIFIED:
	case GIT_ELOCKED: return WP_ECONFLICT;
	case GIT_EAMBIGUOUS:
	case GIT_EINVALIDSPEC:
	case GIT_EINVALID: return WP_EINVALID;
	default: return WP_ERROR;
	}
}

static int no_memory(void)
{
	wp_error_set("%s", wp_t("store.no_memory"));
	return WP_ENOMEM;
}

/* Checks a page path and writes its file name in the tree ("x" -> "x.md"). */
static int blob_path(char out[BLOB_PATH_MAX], const char *path)
{
	size_t n;
	int rc;

	if (!path) {
		wp_error_set("%s", wp_t("store.bad_path"));
		return WP_EINVALID;
	}
	rc = wp_path_check(path);
	if (rc < 0)
		return rc;
	n = strlen(path);
	if (n == 0 || n > WP_PATH_MAX) {
		wp_error_set("%s", wp_t("store.bad_path"));
		return WP_EINVALID;
	}
	memcpy(out, path, n);
	memcpy(out + n, ".md", 4);
	return 0;
}

/* Non-zero when a file name in a tree is a page ("slug.md", not ".md"). */
static int is_page_file(const char *name, size_t len)
{
	return len > 3 && memcmp(name + len - 3, ".md", 3) == 0 && name[len - 4] != '/';
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, j, k;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			k = 1, cp = s[i] & 0x1F, min = 0x80;
		} else if ((s[i] & 0xF0) == 0xE0) {
			k = 2, cp = s[i] & 0x0F, min = 0x800;
		} else if ((s[i] & 0xF8) == 0xF0) {
			k = 3, cp = s[i] & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (n - i <= k)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Two "blob or nothing" values are the same. */
static int same_blob(int found_a, const git_oid *a, int found_b, const git_oid *b)
{
	if (found_a != found_b)
		return 0;
	return !found_a || git_oid_equal(a, b);
}

/* ---- commits, trees and blobs --------------------------------------------------------------- */

/* The commit the branch points at; *out = NULL for a repository without
 * commits. The caller frees it with git_commit_free(). */
static int head_commit(git_commit **out, wp_store *s)
{
	git_oid id;
	int grc;

	*out = NULL;
	grc = git_reference_name_to_id(&id, s->repo, WP_BRANCH);
	if (grc == GIT_ENOTFOUND)
		return 0;
	if (grc < 0)
		return git_fail(grc, "git_reference_name_to_id");
	grc = git_commit_lookup(out, s->repo, &id);
	return grc < 0 ? git_fail(grc, "git_commit_lookup") : 0;
}

/* Looks up the commit named by rev: NULL for the branch head, else 7 to 40
 * hex digits. Only hex is accepted, so that a rev taken from a request can
 * never become a revparse expression ("HEAD~1", ":/text", "main@{1}").
 * WP_ENOTFOUND when there is no such commit, WP_EINVALID when rev is
 * malformed or ambiguous. The caller frees *out with git_commit_free(). */
static int lookup_rev(git_commit **out, wp_store *s, const char *rev)
{
	git_oid id;
	size_t n, i;
	int rc, grc;

	*out = NULL;
	if (!rev) {
		rc = head_commit(out, s);
		if (rc == 0 && !*out) {
			wp_error_set("%s", wp_t("store.empty"));
			rc = WP_ENOTFOUND;
		}
		return rc;
	}
	n = strnlen(rev, GIT_OID_HEXSZ + 1);
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)rev[i]))
			break;
	if (i < n || n < REV_MIN_HEX || n > GIT_OID_HEXSZ) {
		wp_error_set("%s", wp_t("store.bad_rev"));
		return WP_EINVALID;
	}
	grc = git_oid_fromstrn(&id, rev, n);
	if (grc == 0)
		grc = git_commit_lookup_prefix(out, s->repo, &id, n);
	if (grc == GIT_ENOTFOUND) {
		wp_error_set("%s", wp_t("store.rev_not_found"));
		return WP_ENOTFOUND;
	}
	if (grc == GIT_EAMBIGUOUS) {
		wp_error_set("%s", wp_t("store.rev_ambiguous"));
		return WP_EINVALID;
	}
	return grc < 0 ? git_fail(grc, "git_commit_lookup_prefix") : 0;
}

/* The blob id of file bp in tree (NULL: an empty tree). *found = 0 when
 * there is no such file (or the name is a folder). */
static int tree_blob(git_oid *out, int *found, const git_tree *tree, const char *bp)
{
	git_tree_entry *e = NULL;
	int grc;

	*found = 0;
	if (!tree)
		return 0;
	grc = git_tree_entry_bypath(&e, tree, bp);
	if (grc == GIT_ENOTFOUND)
		return 0;
	if (grc < 0)
		return git_fail(grc, "git_tree_entry_bypath");
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(e));
		*found = 1;
	}
	git_tree_entry_free(e);
	return 0;
}

/* tree_blob() on the tree of commit c. */
static int commit_blob(git_oid *out, int *found, const git_commit *c, const char *bp)
{
	git_tree *t = NULL;
	int rc, grc;

	*found = 0;
	grc = git_commit_tree(&t, c);
	if (grc < 0)
		return git_fail(grc, "git_commit_tree");
	rc = tree_blob(out, found, t, bp);
	git_tree_free(t);
	return rc;
}

/* The first parent of c, or *out = NULL for a root commit. History here is
 * linear (the store only makes single-parent commits), so walking first
 * parents by hand is the whole walk; unlike a sorted git_revwalk it is
 * lazy, which keeps "newest N" queries independent of history length. */
static int first_parent(git_commit **out, const git_commit *c)
{
	int grc;

	*out = NULL;
	if (git_commit_parentcount(c) == 0)
		return 0;
	grc = git_commit_parent(out, c, 0);
	return grc < 0 ? git_fail(grc, "git_commit_parent") : 0;
}

/* Copies the content of blob id into a new NUL-terminated string, refusing
 * blobs above WP_PAGE_MAX before loading them. The caller frees *out. */
static int load_content(char **out, size_t *len, wp_store *s, const git_oid *id, const char *path)
{
	git_odb *odb = NULL;
	git_blob *b = NULL;
	git_object_t type;
	size_t size;
	int rc = 0, grc;

	*out = NULL;
	grc = git_repository_odb(&odb, s->repo);
	if (grc == 0)
		grc = git_odb_read_header(&size, &type, odb, id);
	if (grc < 0) {
		rc = git_fail(grc, "git_odb_read_header");
		goto done;
	}
	if (size > WP_PAGE_MAX) {
		wp_error_set(wp_t("store.too_big"), path, (size_t)WP_PAGE_MAX);
		rc = WP_ETOOBIG;
		goto done;
	}
	grc = git_blob_lookup(&b, s->repo, id);
	if (grc < 0) {
		rc = git_fail(grc, "git_blob_lookup");
		goto done;
	}
	*len = (size_t)git_blob_rawsize(b);
	*out = malloc(*len + 1);
	if (!*out) {
		rc = no_memory();
		goto done;
	}
	memcpy(*out, git_blob_rawcontent(b), *len);
	(*out)[*len] = '\0';
done:
	git_blob_free(b);
	git_odb_free(odb);
	return rc;
}

/* ---- opening --------------------------------------------------------------------------------- */

int wp_store_init(const char *dir)
{
	git_repository_init_options o = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	git_repository *repo = NULL;
	int grc;

	assert(dir);
	grc = git_repository_open_bare(&repo, dir);
	if (grc == 0) {
		git_repository_free(repo);
		return 0;
	}
	if (grc != GIT_ENOTFOUND)
		return git_fail(grc, "git_repository_open_bare");
	o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = "main"; /* HEAD -> refs/heads/main (WP_BRANCH) */
	grc = git_repository_init_ext(&repo, dir, &o);
	if (grc < 0)
		return git_fail(grc, "git_repository_init_ext");
	git_repository_free(repo);
	return 0;
}

int wp_store_open(wp_store **out, const char *dir)
{
	wp_store *s;
	int grc;

	assert(out && dir);
	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return no_memory();
	grc = git_repository_open_bare(&s->repo, dir);
	if (grc < 0) {
		int rc = git_fail(grc, "git_repository_open_bare");

		if (grc == GIT_ENOTFOUND)
			wp_error_set(wp_t("store.no_repo"), dir);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void wp_store_free(wp_store *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
	free(s);
}

int wp_store_head(char out[WP_OID_HEX], wp_store *s)
{
	git_oid id;
	int grc;

	assert(out && s);
	out[0] = '\0';
	grc = git_reference_name_to_id(&id, s->repo, WP_BRANCH);
	if (grc == GIT_ENOTFOUND)
		return 0;
	if (grc < 0)
		return git_fail(grc, "git_reference_name_to_id");
	git_oid_tostr(out, WP_OID_HEX, &id);
	return 0;
}

/* ---- reading --------------------------------------------------------------------------------- */

void wp_page_file_free(wp_page_file *p)
{
	if (!p)
		return;
	free(p->path);
	free(p->content);
	free(p->author);
	free(p->email);
	free(p);
}

/* Fills revision, author and time of p from the newest commit at or
 * before start whose blob for bp (blob at start) differs from its
 * parent's. */
static int find_revision(wp_page_file *p, const git_commit *start, const char *bp,
			 const git_oid *blob)
{
	git_commit *cur = NULL, *par = NULL;
	git_oid pb;
	int found, rc = 0, grc;

	grc = git_commit_dup(&cur, (git_commit *)start);
	if (grc < 0)
		return git_fail(grc, "git_commit_dup");
	for (;;) {
		rc = first_parent(&par, cur);
		if (rc < 0 || !par)
			break;
		rc = commit_blob(&pb, &found, par, bp);
		if (rc < 0 || !found || !git_oid_equal(&pb, blob))
			break;
		git_commit_free(cur);
		cur = par;
		par = NULL;
	}
	if (rc == 0) {
		git_oid_tostr(p->revision, WP_OID_HEX, git_commit_id(cur));
		p->author = strdup(git_commit_author(cur)->name);
		p->email = strdup(git_commit_author(cur)->email);
		p->time = (int64_t)git_commit_time(cur);
		if (!p->author || !p->email)
			rc = no_memory();
	}
	git_commit_free(par);
	git_commit_free(cur);
	return rc;
}

int wp_store_read(wp_page_file **out, wp_store *s, const char *path, const char *rev,
		  int want_revision)
{
	char bp[BLOB_PATH_MAX];
	wp_page_file *p = NULL;
	git_commit *c = NULL;
	git_oid blob;
	int found, rc;

	assert(out && s);
	*out = NULL;
	rc = blob_path(bp, path);
	if (rc < 0)
		return rc;
	rc = lookup_rev(&c, s, rev);
	if (rc == WP_ENOTFOUND && !rev)
		wp_error_set(wp_t("store.not_found"), path);
	if (rc == 0)
		rc = commit_blob(&blob, &found, c, bp);
	if (rc < 0)
		goto done;
	if (!found) {
		wp_error_set(wp_t("store.not_found"), path);
		rc = WP_ENOTFOUND;
		goto done;
	}
	p = calloc(1, sizeof(*p));
	if (p)
		p->path = strdup(path);
	if (!p || !p->path) {
		rc = no_memory();
		goto done;
	}
	git_oid_tostr(p->blob, WP_OID_HEX, &blob);
	rc = load_content(&p->content, &p->content_len, s, &blob, path);
	if (rc == 0 && want_revision)
		rc = find_revision(p, c, bp, &blob);
	if (rc < 0)
		goto done;
	*out = p;
	p = NULL;
done:
	wp_page_file_free(p);
	git_commit_free(c);
	return rc;
}

int wp_store_exists(wp_store *s, const char *path)
{
	char bp[BLOB_PATH_MAX];
	git_commit *c = NULL;
	git_oid blob;
	int found = 0;

	assert(s);
	if (blob_path(bp, path) < 0 || head_commit(&c, s) < 0 || !c)
		return 0;
	if (commit_blob(&blob, &found, c, bp) < 0)
		found = 0;
	git_commit_free(c);
	return found;
}

/* ---- writing --------------------------------------------------------------------------------- */

/* One change, resolved: its file name in the tree and the blob written. */
typedef struct {
	char path[BLOB_PATH_MAX]; /* "folder/slug.md" */
	git_oid blob;		  /* new content (unless del) */
	int del;
	const wp_change *change;
} edit;

static int edit_cmp(const void *a, const void *b)
{
	return strcmp(((const edit *)a)->path, ((const edit *)b)->path);
}

/* Checks every change and writes its blob, then sorts the edits by file
 * name so that the edits below one folder are contiguous. Blobs are
 * written once, outside the retry loop: they do not depend on HEAD. */
static int prepare_edits(edit **out, wp_store *s, const wp_change *changes, size_t n)
{
	edit *ed;
	size_t i;
	int rc = 0, grc;

	*out = NULL;
	ed = calloc(n ? n : 1, sizeof(*ed));
	if (!ed)
		return no_memory();
	for (i = 0; i < n && rc == 0; i++) {
		const wp_change *c = &changes[i];

		rc = blob_path(ed[i].path, c->path);
		ed[i].change = c;
		ed[i].del = c->content == NULL;
		if (rc == 0 && c->content && c->len > WP_PAGE_MAX) {
			wp_error_set(wp_t("store.too_big"), c->path, (size_t)WP_PAGE_MAX);
			rc = WP_ETOOBIG;
		} else if (rc == 0 && c->content &&
			   !utf8_valid((const unsigned char *)c->content, c->len)) {
			wp_error_set(wp_t("store.not_utf8"), c->path);
			rc = WP_EINVALID;
		}
	}
	if (rc == 0)
		qsort(ed, n, sizeof(*ed), edit_cmp);
	for (i = 1; i < n && rc == 0; i++) {
		if (strcmp(ed[i - 1].path, ed[i].path) == 0) {
			wp_error_set(wp_t("store.duplicate"), ed[i].change->path);
			rc = WP_EINVALID;
		}
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (ed[i].del)
			continue;
		grc = git_blob_create_from_buffer(&ed[i].blob, s->repo, ed[i].change->content,
						  ed[i].change->len);
		if (grc < 0)
			rc = git_fail(grc, "git_blob_create_from_buffer");
	}
	if (rc < 0) {
		free(ed);
		return rc;
	}
	*out = ed;
	return 0;
}

/* Compares a page's blob at its base revision with its blob at HEAD. */
static int check_base(wp_store *s, const edit *e, int head_found, const git_oid *head_blob)
{
	git_commit *bc = NULL;
	git_oid bb;
	int found, rc;

	rc = lookup_rev(&bc, s, e->change->base);
	if (rc == WP_ENOTFOUND) {
		wp_error_set(wp_t("store.base_unknown"), e->change->path);
		return WP_ECONFLICT;
	}
	if (rc < 0)
		return rc;
	rc = commit_blob(&bb, &found, bc, e->path);
	if (rc == 0 && !same_blob(found, &bb, head_found, head_blob)) {
		wp_error_set(wp_t("store.conflict"), e->change->path);
		rc = WP_ECONFLICT;
	}
	git_commit_free(bc);
	return rc;
}

/* Refuses the save when a change does not fit HEAD (htree; NULL for an
 * empty repository): a new page that exists, a page changed since its
 * base, a delete of a page that is not there. Redone on every retry. */
static int check_bases(wp_store *s, const git_tree *htree, const edit *ed, size_t n)
{
	git_oid hb;
	size_t i;
	int found, rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const wp_change *c = ed[i].change;

		rc = tree_blob(&hb, &found, htree, ed[i].path);
		if (rc < 0)
			break;
		if (!c->base && found) {
			wp_error_set(wp_t("store.exists"), c->path);
			rc = WP_EEXISTS;
		} else if (c->base && c->base[0]) {
			rc = check_base(s, &ed[i], found, &hb);
		}
		if (rc == 0 && ed[i].del && !found) {
			wp_error_set(wp_t("store.not_found"), c->path);
			rc = WP_ENOTFOUND;
		}
	}
	return rc;
}

static int build_tree(git_oid *out, int *empty, wp_store *s, const git_tree *base,
		      const edit *ed, size_t n, size_t skip);

/* Applies an edit to a file directly in the folder being built. */
static int apply_file(git_treebuilder *tb, const edit *e, const char *name)
{
	const git_tree_entry *te = git_treebuilder_get(tb, name);
	int grc;

	if (te && git_tree_entry_type(te) != GIT_OBJECT_BLOB) {
		wp_error_set(wp_t("store.not_file"), e->change->path);
		return WP_EINVALID;
	}
	if (e->del && !te) {
		wp_error_set(wp_t("store.not_found"), e->change->path);
		return WP_ENOTFOUND;
	}
	if (e->del)
		grc = git_treebuilder_remove(tb, name);
	else
		grc = git_treebuilder_insert(NULL, tb, name, &e->blob, GIT_FILEMODE_BLOB);
	return grc < 0 ? git_fail(grc, "git_treebuilder") : 0;
}

/* Rebuilds subfolder name[0..len) with the n edits below it, and drops it
 * when its last page is gone (git has no empty folders). */
static int apply_folder(git_treebuilder *tb, wp_store *s, const char *name, size_t len,
			const edit *ed, size_t n, size_t skip)
{
	char seg[BLOB_PATH_MAX];
	const git_tree_entry *te;
	git_tree *sub = NULL;
	git_oid id;
	int empty, rc = 0, grc = 0;

	memcpy(seg, name, len);
	seg[len] = '\0';
	te = git_treebuilder_get(tb, seg);
	if (te && git_tree_entry_type(te) != GIT_OBJECT_TREE) {
		wp_error_set(wp_t("store.not_folder"), seg);
		return WP_EINVALID;
	}
	if (te) {
		grc = git_tree_lookup(&sub, s->repo, git_tree_entry_id(te));
		if (grc < 0)
			return git_fail(grc, "git_tree_lookup");
	}
	rc = build_tree(&id, &empty, s, sub, ed, n, skip);
	if (rc == 0 && empty && te)
		grc = git_treebuilder_remove(tb, seg);
	else if (rc == 0 && !empty)
		grc = git_treebuilder_insert(NULL, tb, seg, &id, GIT_FILEMODE_TREE);
	if (rc == 0 && grc < 0)
		rc = git_fail(grc, "git_treebuilder");
	git_tree_free(sub);
	return rc;
}

/* Writes the tree `base` (NULL: a new folder) with the edits applied. All
 * edits lie below this folder; their names below it start at offset skip.
 * Only folders on an edited path are rebuilt, the rest is kept by id, so
 * the cost grows with depth and folder size, not with the number of pages.
 * *empty is set when nothing is left in the folder. */
static int build_tree(git_oid *out, int *empty, wp_store *s, const git_tree *base,
		      const edit *ed, size_t n, size_t skip)
{
	git_treebuilder *tb = NULL;
	size_t i = 0, j;
	int rc = 0, grc;

	*empty = 0;
	grc = git_treebuilder_new(&tb, s->repo, base);
	if (grc < 0)
		return git_fail(grc, "git_treebuilder_new");
	while (i < n && rc == 0) {
		const char *name = ed[i].path + skip;
		const char *slash = strchr(name, '/');
		size_t len;

		if (!slash) {
			rc = apply_file(tb, &ed[i], name);
			i++;
			continue;
		}
		len = (size_t)(slash - name) + 1; /* with the '/' */
		for (j = i + 1; j < n && strncmp(ed[j].path + skip, name, len) == 0; j++)
			;
		rc = apply_folder(tb, s, name, len - 1, ed + i, j - i, skip + len);
		i = j;
	}
	if (rc == 0) {
		*empty = git_treebuilder_entrycount(tb) == 0;
		grc = git_treebuilder_write(out, tb);
		if (grc < 0)
			rc = git_fail(grc, "git_treebuilder_write");
	}
	git_treebuilder_free(tb);
	return rc;
}

/* Moves the branch from head (NULL: unborn) to id, only if it still
 * points at head. Returns LOST_RACE when another writer was first, or
 * LOCKED while one is moving it, so the caller rebuilds on the new HEAD. */
static int move_branch(wp_store *s, const git_commit *head, const git_oid *id)
{
	git_reference *ref = NULL;
	int grc;

	if (head)
		grc = git_reference_create_matching(&ref, s->repo, WP_BRANCH, id, 1,
						    git_commit_id(head), NULL);
	else
		grc = git_reference_create(&ref, s->repo, WP_BRANCH, id, 0, NULL);
	git_reference_free(ref);
	if (grc == GIT_EMODIFIED || grc == GIT_EEXISTS)
		return LOST_RACE;
	if (grc == GIT_ELOCKED)
		return LOCKED;
	return grc < 0 ? git_fail(grc, "git_reference_create") : 0;
}

/* Writes the objects of commit id that head does not have into one pack
 * file through the ODB of repo (fsync'ed with the rest of the git
 * directory). */
static int write_pack(git_repository *repo, const git_oid *id, const git_commit *head)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_buf pack = { 0 };
	git_odb *odb = NULL;
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats = { 0 };
	const char *op = "git_packbuilder_new";
	int grc;

	grc = git_packbuilder_new(&pb, repo);
	if (grc == 0)
		git_packbuilder_set_threads(pb, 0); /* delta search on every core */
	if (grc == 0 && (op = "git_revwalk_new", grc = git_revwalk_new(&walk, repo)) == 0)
		grc = git_revwalk_push(walk, id);
	if (grc == 0 && head)
		grc = git_revwalk_hide(walk, git_commit_id(head));
	if (grc == 0 && (op = "git_packbuilder_insert_walk",
			 grc = git_packbuilder_insert_walk(pb, walk)) == 0)
		grc = (op = "git_packbuilder_write_buf", git_packbuilder_write_buf(&pack, pb));
	if (grc == 0 && (op = "git_odb_write_pack", grc = git_repository_odb(&odb, repo)) == 0)
		grc = git_odb_write_pack(&wp, odb, NULL, NULL);
	if (grc == 0)
		grc = wp->append(wp, pack.ptr, pack.size, &stats);
	if (grc == 0)
		grc = wp->commit(wp, &stats);
	if (wp)
		wp->free(wp);
	git_odb_free(odb);
	git_buf_dispose(&pack);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return grc < 0 ? git_fail(grc, op) : 0;
}

/* One attempt at a save on the current HEAD. Returns 0 (out set), an
 * error, or LOST_RACE / LOCKED. With pack set, s writes new objects to
 * memory and they go to disk as one pack before the branch moves. */
static int try_commit(char *out, wp_store *s, const edit *ed, size_t n, const git_signature *sig,
		      const char *msg, int pack)
{
	git_commit *head = NULL;
	git_tree *htree = NULL, *ntree = NULL;
	git_oid tree_id, id;
	int empty, rc, grc;

	rc = head_commit(&head, s);
	if (rc == 0 && head) {
		grc = git_commit_tree(&htree, head);
		if (grc < 0)
			rc = git_fail(grc, "git_commit_tree");
	}
	if (rc == 0)
		rc = check_bases(s, htree, ed, n);
	if (rc == 0)
		rc = build_tree(&tree_id, &empty, s, htree, ed, n, 0);
	if (rc < 0)
		goto done;
	if ((head && git_oid_equal(&tree_id, git_tree_id(htree))) || (!head && empty)) {
		if (out && head) /* nothing changes: no commit */
			git_oid_tostr(out, WP_OID_HEX, git_commit_id(head));
		goto done;
	}
	grc = git_tree_lookup(&ntree, s->repo, &tree_id);
	if (grc == 0) {
		const git_commit *parents[1] = { head };

		grc = git_commit_create(&id, s->repo, NULL, sig, sig, NULL, msg, ntree,
					head ? 1 : 0, parents);
	}
	if (grc < 0) {
		rc = git_fail(grc, "git_commit_create");
		goto done;
	}
	if (pack)
		rc = write_pack(s->repo, &id, head);
	if (rc == 0)
		rc = move_branch(s, head, &id);
	if (rc == 0 && out)
		git_oid_tostr(out, WP_OID_HEX, &id);
done:
	git_tree_free(ntree);
	git_tree_free(htree);
	git_commit_free(head);
	return rc;
}

/* Non-zero when s is missing, empty, or contains a character that would
 * break a commit header (control characters, '<' or '>'). */
static int bad_ident(const char *s)
{
	if (!s || !*s)
		return 1;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '<' || *s == '>' || *s == 0x7f)
			return 1;
	return 0;
}

/* The author (and committer) of a save, dated now. Without an e-mail
 * address the name stands in: "Jan de Vries" -> "Jan-de-Vries@werkplaats.invalid". */
static int make_signature(git_signature **out, const wp_commit_opts *o)
{
	wp_buf email = WP_BUF_INIT;
	const char *o_email = o->author_email, *p;
	int rc = 0, grc;

	*out = NULL;
	if (o->author_email && !o->author_email[0])
		o_email = NULL;
	if (bad_ident(o->author_name) || (o_email && bad_ident(o_email))) {
		wp_error_set("%s", wp_t("store.bad_author"));
		return WP_EINVALID;
	}
	if (o_email) {
		rc = wp_buf_puts(&email, o_email);
	} else {
		for (p = o->author_name; *p && rc == 0; p++)
			rc = wp_buf_putc(&email, isalnum((unsigned char)*p) || *p == '.' ||
							 *p == '_' || *p == '-'
						 ? *p
						 : '-');
		if (rc == 0)
			rc = wp_buf_puts(&email, "@werkplaats.invalid");
	}
	if (rc == 0) {
		grc = git_signature_now(out, o->author_name, wp_buf_cstr(&email));
		if (grc < 0) {
			git_fail(grc, "git_signature_now");
			wp_error_set("%s", wp_t("store.bad_author"));
			rc = WP_EINVALID;
		}
	}
	wp_buf_dispose(&email);
	return rc;
}

/* The commit message, ending in a newline as git expects. */
static int make_message(wp_buf *out, const char *message)
{
	const char *p;
	int rc;

	for (p = message; p && *p && isspace((unsigned char)*p); p++)
		;
	if (!p || !*p) {
		wp_error_set("%s", wp_t("store.no_message"));
		return WP_EINVALID;
	}
	rc = wp_buf_puts(out, message);
	if (rc == 0 && out->ptr[out->len - 1] != '\n')
		rc = wp_buf_putc(out, '\n');
	return rc;
}

/* Takes the repository's writer lock (an flock on werkplaats.lock inside
 * the git directory), so writers in this process and in others queue up
 * instead of racing. The ref compare-and-swap remains what guarantees
 * that no save is overwritten; the lock only makes lost races rare. On
 * failure returns -1 and the save goes on without the lock. */
static int writer_lock(wp_store *s)
{
	return wp_store_lock(git_repository_path(s->repo));
}

int wp_store_lock(const char *git_dir)
{
	size_t n = strlen(git_dir);
	char file[4096];
	int fd;

	if (snprintf(file, sizeof(file), "%s%swerkplaats.lock", git_dir,
		     n && git_dir[n - 1] == '/' ? "" : "/") >= (int)sizeof(file))
		return -1;
	fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void wp_store_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing releases the flock */
}

int wp_store_recover(wp_store *s, int *removed)
{
	const char *git_dir = git_repository_path(s->repo);
	char file[4096];
	int lock, rc = 0;

	*removed = 0;
	if (snprintf(file, sizeof(file), "%s%s%s.lock", git_dir,
		     git_dir[strlen(git_dir) - 1] == '/' ? "" : "/",
		     WP_BRANCH) >= (int)sizeof(file)) {
		wp_error_set(wp_t("store.recover_failed"), git_dir, strerror(ENAMETOOLONG));
		return WP_ERROR;
	}
	lock = wp_store_lock(git_dir);
	if (lock < 0) {
		wp_error_set(wp_t("store.recover_failed"), file, strerror(errno));
		return WP_ERROR;
	}
	if (unlink(file) == 0)
		*removed = 1;
	else if (errno != ENOENT) {
		wp_error_set(wp_t("store.recover_failed"), file, strerror(errno));
		rc = WP_ERROR;
	}
	wp_store_unlock(lock);
	return rc;
}

/* Waits a random while, growing with each lost attempt, before trying
 * again: writers that collided once would otherwise collide again in
 * lockstep. The seed is the caller's (no shared random state). */
static void back_off(int attempt, unsigned *seed)
{
	long max_us = 1000L << (attempt < 6 ? attempt : 6); /* 1 ms .. 64 ms */
	long us = (long)(rand_r(seed) % (unsigned)max_us);
	struct timespec ts = { 0, us * 1000L };

	nanosleep(&ts, NULL);
}

/* A second handle on the repository of s whose new objects are kept in
 * memory (a mempack backend in front of the others): a commit of many
 * pages then writes one pack file, fsync'ed once, instead of a loose
 * object file per page, each fsync'ed. */
static int bulk_open(wp_store *bulk, const wp_store *s)
{
	git_odb_backend *mem = NULL;
	git_odb *odb = NULL;
	int grc;

	bulk->repo = NULL;
	grc = git_repository_open_bare(&bulk->repo, git_repository_path(s->repo));
	if (grc == 0)
		grc = git_repository_odb(&odb, bulk->repo);
	if (grc == 0)
		grc = git_mempack_new(&mem);
	if (grc == 0) {
		grc = git_odb_add_backend(odb, mem, BULK_PRIORITY);
		if (grc < 0)
			mem->free(mem);
	}
	git_odb_free(odb);
	if (grc < 0) {
		git_repository_free(bulk->repo);
		bulk->repo = NULL;
		return git_fail(grc, "git_mempack_new");
	}
	return 0;
}

int wp_store_commit(char out[WP_OID_HEX], wp_store *s, const wp_change *changes, size_t n,
		    const wp_commit_opts *opts)
{
	git_signature *sig = NULL;
	wp_buf msg = WP_BUF_INIT;
	edit *ed = NULL;
	wp_store bulk = { NULL };
	struct timespec now;
	unsigned seed;
	int attempt, rc, lock = -1;

	assert(s && opts && opts->version == WP_COMMIT_OPTS_VERSION && (changes || n == 0));
	if (out)
		out[0] = '\0';
	rc = make_message(&msg, opts->message);
	if (rc == 0)
		rc = make_signature(&sig, opts);
	if (rc == 0 && n >= BULK_CHANGES)
		rc = bulk_open(&bulk, s);
	if (rc == 0)
		rc = prepare_edits(&ed, bulk.repo ? &bulk : s, changes, n);
	if (rc < 0)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &now);
	seed = (unsigned)now.tv_nsec ^ (unsigned)(uintptr_t)&now;
	lock = writer_lock(s);
	/* Writers are serialised by the compare-and-swap on the branch alone:
	 * the loser rebuilds on the winner's commit and re-checks its bases. */
	for (attempt = 0; attempt < COMMIT_TRIES; attempt++) {
		rc = try_commit(out, bulk.repo ? &bulk : s, ed, n, sig, wp_buf_cstr(&msg),
				bulk.repo != NULL);
		if (rc <= 0)
			break;
		if (rc == LOCKED) /* a winner is mid-update: let it finish */
			back_off(attempt, &seed);
	}
	if (rc > 0) {
		wp_error_set("%s", wp_t("store.busy"));
		rc = WP_ECONFLICT;
	}
done:
	git_repository_free(bulk.repo);
	wp_store_unlock(lock);
	free(ed);
	git_signature_free(sig);
	wp_buf_dispose(&msg);
	return rc;
}

/* ---- history and changes --------------------------------------------------------------------- */

void wp_log_dispose(wp_log *log)
{
	size_t i;

	if (!log)
		return;
	for (i = 0; i < log->count; i++) {
		free(log->entries[i].author);
		free(log->entries[i].email);
		free(log->entries[i].message);
		free(log->entries[i].path);
	}
	free(log->entries);
	log->entries = NULL;
	log->count = 0;
}

/* Appends an entry for commit c; page is the file name (".md" is cut off)
 * of the page it concerns. */
static int log_add(wp_log *log, const git_commit *c, const char *file, int deleted)
{
	const char *msg = git_commit_message(c);
	wp_log_entry *e;
	size_t n = log->count;

	/* capacity is implied by count: 8, then doubling */
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		e = realloc(log->entries, (n == 0 ? 8 : n * 2) * sizeof(*e));
		if (!e)
			return no_memory();
		log->entries = e;
	}
	e = &log->entries[n];
	memset(e, 0, sizeof(*e));
	log->count++;
	git_oid_tostr(e->revision, WP_OID_HEX, git_commit_id(c));
	e->time = (int64_t)git_commit_time(c);
	e->deleted = deleted;
	e->author = strdup(git_commit_author(c)->name);
	e->email = strdup(git_commit_author(c)->email);
	e->message = strndup(msg ? msg : "", msg ? strcspn(msg, "\n") : 0);
	e->path = strndup(file, strlen(file) - 3);
	if (!e->author || !e->email || !e->message || !e->path)
		return no_memory();
	return 0;
}

int wp_store_history(wp_log *out, wp_store *s, const char *path, size_t limit)
{
	char bp[BLOB_PATH_MAX];
	git_commit *cur = NULL, *par = NULL;
	git_oid cb, pb;
	int cfound = 0, pfound = 0, rc;

	assert(out && s);
	memset(&cb, 0, sizeof(cb));
	memset(&pb, 0, sizeof(pb));
	out->entries = NULL;
	out->count = 0;
	rc = blob_path(bp, path);
	if (rc == 0)
		rc = head_commit(&cur, s);
	if (rc == 0 && cur)
		rc = commit_blob(&cb, &cfound, cur, bp);
	while (rc == 0 && cur && (limit == 0 || out->count < limit)) {
		pfound = 0;
		rc = first_parent(&par, cur);
		if (rc == 0 && par)
			rc = commit_blob(&pb, &pfound, par, bp);
		if (rc == 0 && !same_blob(cfound, &cb, pfound, &pb))
			rc = log_add(out, cur, bp, !cfound);
		git_commit_free(cur);
		cur = par;
		par = NULL;
		cb = pb;
		cfound = pfound;
	}
	git_commit_free(cur);
	if (rc < 0)
		wp_log_dispose(out);
	return rc;
}

/* Adds the pages changed by commit c (against its first parent) to log. */
static int commit_changes(wp_log *log, wp_store *s, const git_commit *c, size_t limit)
{
	git_commit *par = NULL;
	git_tree *t = NULL, *pt = NULL;
	git_diff *diff = NULL;
	size_t i, nd;
	int rc, grc;

	rc = first_parent(&par, c);
	if (rc < 0)
		return rc;
	grc = git_commit_tree(&t, c);
	if (grc == 0 && par)
		grc = git_commit_tree(&pt, par);
	if (grc == 0)
		grc = git_diff_tree_to_tree(&diff, s->repo, pt, t, NULL);
	if (grc < 0)
		rc = git_fail(grc, "git_diff_tree_to_tree");
	nd = diff ? git_diff_num_deltas(diff) : 0;
	for (i = 0; i < nd && rc == 0 && (limit == 0 || log->count < limit); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		int del = d->status == GIT_DELTA_DELETED;
		const char *file = del ? d->old_file.path : d->new_file.path;

		if (is_page_file(file, strlen(file)))
			rc = log_add(log, c, file, del);
	}
	git_diff_free(diff);
	git_tree_free(pt);
	git_tree_free(t);
	git_commit_free(par);
	return rc;
}

int wp_store_changes(wp_log *out, wp_store *s, size_t limit)
{
	git_commit *cur = NULL, *par = NULL;
	int rc;

	assert(out && s);
	out->entries = NULL;
	out->count = 0;
	rc = head_commit(&cur, s);
	while (rc == 0 && cur && (limit == 0 || out->count < limit)) {
		rc = commit_changes(out, s, cur, limit);
		if (rc == 0)
			rc = first_parent(&par, cur);
		git_commit_free(cur);
		cur = par;
		par = NULL;
	}
	git_commit_free(cur);
	if (rc < 0)
		wp_log_dispose(out);
	return rc;
}

/* ---- diff ------------------------------------------------------------------------------------ */

/* The blob of file bp at revision rev, or *out = NULL when the page is
 * not there. WP_ENOTFOUND when the revision does not exist. */
static int rev_blob(git_blob **out, wp_store *s, const char *rev, const char *bp)
{
	git_commit *c = NULL;
	git_oid id;
	int found, rc, grc;

	*out = NULL;
	rc = lookup_rev(&c, s, rev);
	if (rc == 0)
		rc = commit_blob(&id, &found, c, bp);
	if (rc == 0 && found) {
		grc = git_blob_lookup(out, s->repo, &id);
		if (grc < 0)
			rc = git_fail(grc, "git_blob_lookup");
	}
	git_commit_free(c);
	return rc;
}

/* Appends the patch as a unified diff: file header, then each hunk. */
static int print_patch(wp_buf *out, git_patch *patch, int has_old, int has_new, const char *bp)
{
	size_t h, l, nh = git_patch_num_hunks(patch), nl;
	int rc = 0, grc;

	if (nh == 0)
		return 0;
	rc = has_old ? wp_buf_printf(out, "--- a/%s\n", bp) : wp_buf_puts(out, "--- /dev/null\n");
	if (rc == 0)
		rc = has_new ? wp_buf_printf(out, "+++ b/%s\n", bp)
			     : wp_buf_puts(out, "+++ /dev/null\n");
	for (h = 0; h < nh && rc == 0; h++) {
		const git_diff_hunk *hunk;

		grc = git_patch_get_hunk(&hunk, &nl, patch, h);
		if (grc < 0)
			return git_fail(grc, "git_patch_get_hunk");
		rc = wp_buf_put(out, hunk->header, hunk->header_len);
		for (l = 0; l < nl && rc == 0; l++) {
			const git_diff_line *line;

			grc = git_patch_get_line_in_hunk(&line, patch, h, l);
			if (grc < 0)
				return git_fail(grc, "git_patch_get_line_in_hunk");
			/* the "no newline at end of file" markers carry their own text */
			if (line->origin == GIT_DIFF_LINE_CONTEXT ||
			    line->origin == GIT_DIFF_LINE_ADDITION ||
			    line->origin == GIT_DIFF_LINE_DELETION)
				rc = wp_buf_putc(out, line->origin);
			if (rc == 0)
				rc = wp_buf_put(out, line->content, line->content_len);
		}
	}
	return rc;
}

int wp_store_diff(wp_buf *out, wp_store *s, const char *path, const char *from, const char *to)
{
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	char bp[BLOB_PATH_MAX];
	git_blob *a = NULL, *b = NULL;
	git_patch *patch = NULL;
	int rc, grc;

	assert(out && s);
	rc = blob_path(bp, path);
	/* "" stands for "before the page existed": an empty side. */
	if (rc == 0 && !(from && !*from))
		rc = rev_blob(&a, s, from, bp);
	if (rc == 0 && !(to && !*to))
		rc = rev_blob(&b, s, to, bp);
	if (rc < 0)
		goto done;
	o.context_lines = 3;
	o.flags = GIT_DIFF_FORCE_TEXT; /* a page is text, even with a stray NUL */
	grc = git_patch_from_blobs(&patch, a, bp, b, bp, &o);
	if (grc < 0) {
		rc = git_fail(grc, "git_patch_from_blobs");
		goto done;
	}
	rc = print_patch(out, patch, a != NULL, b != NULL, bp);
done:
	git_patch_free(patch);
	git_blob_free(b);
	git_blob_free(a);
	return rc;
}

/* ---- listing --------------------------------------------------------------------------------- */

/* A growing list of page paths, sorted before the callbacks run. */
typedef struct {
	char **v;
	size_t n, cap;
	int rc;
} path_list;

static int path_list_add(path_list *l, const char *prefix, const char *file)
{
	size_t np = strlen(prefix), nf = strlen(file) - 3;
	char *p;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return no_memory();
		l->v = v;
		l->cap = cap;
	}
	p = malloc(np + nf + 1);
	if (!p)
		return no_memory();
	memcpy(p, prefix, np);
	memcpy(p + np, file, nf);
	p[np + nf] = '\0';
	l->v[l->n++] = p;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void path_list_free(path_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* Sorts the list, calls cb for each path until it returns non-zero, and
 * frees the list. Returns cb's non-zero value or 0. */
static int path_list_emit(path_list *l, wp_path_cb cb, void *payload)
{
	size_t i;
	int rc = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), str_cmp);
	for (i = 0; i < l->n && rc == 0; i++)
		rc = cb(payload, l->v[i]);
	path_list_free(l);
	return rc;
}

/* The tree of folder at HEAD; *out = NULL when there is no commit or no
 * such folder. */
static int folder_tree(git_tree **out, wp_store *s, const char *folder)
{
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	int rc, grc = 0;

	*out = NULL;
	rc = head_commit(&c, s);
	if (rc < 0 || !c)
		return rc;
	grc = git_commit_tree(&root, c);
	if (grc == 0 && folder[0]) {
		grc = git_tree_entry_bypath(&e, root, folder);
		if (grc == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE)
			grc = git_tree_lookup(out, s->repo, git_tree_entry_id(e));
		else if (grc == GIT_ENOTFOUND)
			grc = 0;
		git_tree_entry_free(e);
		git_tree_free(root);
	} else if (grc == 0) {
		*out = root;
	}
	git_commit_free(c);
	return grc < 0 ? git_fail(grc, "git_tree_lookup") : 0;
}

int wp_store_list(wp_store *s, const char *folder, wp_path_cb cb, void *payload)
{
	path_list l = { NULL, 0, 0, 0 };
	git_tree *t = NULL;
	char prefix[BLOB_PATH_MAX];
	size_t i, n;
	int rc = 0;

	assert(s && cb);
	if (!folder)
		folder = "";
	if (folder[0]) {
		rc = wp_path_check(folder);
		if (rc < 0)
			return rc;
	}
	snprintf(prefix, sizeof(prefix), "%s%s", folder, folder[0] ? "/" : "");
	rc = folder_tree(&t, s, folder);
	n = t ? git_tree_entrycount(t) : 0;
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(e);

		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && is_page_file(name, strlen(name)))
			rc = path_list_add(&l, prefix, name);
	}
	git_tree_free(t);
	if (rc == 0)
		return path_list_emit(&l, cb, payload);
	path_list_free(&l);
	return rc;
}

static int list_all_cb(const char *root, const git_tree_entry *e, void *payload)
{
	path_list *l = payload;
	const char *name = git_tree_entry_name(e);

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !is_page_file(name, strlen(name)))
		return 0;
	l->rc = path_list_add(l, root, name);
	return l->rc < 0 ? -1 : 0;
}

int wp_store_list_all(wp_store *s, wp_path_cb cb, void *payload)
{
	path_list l = { NULL, 0, 0, 0 };
	git_tree *t = NULL;
	int rc, grc;

	assert(s && cb);
	rc = folder_tree(&t, s, "");
	if (rc == 0 && t) {
		grc = git_tree_walk(t, GIT_TREEWALK_PRE, list_all_cb, &l);
		if (l.rc < 0)
			rc = l.rc;
		else if (grc < 0)
			rc = git_fail(grc, "git_tree_walk");
	}
	git_tree_free(t);
	if (rc == 0)
		return path_list_emit(&l, cb, payload);
	path_list_free(&l);
	return rc;
}

/* ---- checking -------------------------------------------------------------------------------- */

#define SEEN_READ 1 /* object read back and hash verified */
#define SEEN_UTF8 2 /* blob checked as UTF-8 */

/* Object ids already checked (open addressing), so shared trees and
 * blobs are read once instead of once per commit. */
typedef struct {
	git_oid *ids;
	unsigned char *flags; /* 0: empty slot */
	size_t cap, n;
} oid_set;

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static int oid_set_grow(oid_set *set)
{
	oid_set big = { NULL, NULL, set->cap ? set->cap * 2 : 1024, 0 };
	size_t i, j;

	big.ids = malloc(big.cap * sizeof(*big.ids));
	big.flags = calloc(big.cap, 1);
	if (!big.ids || !big.flags) {
		free(big.ids);
		free(big.flags);
		return no_memory();
	}
	for (i = 0; i < set->cap; i++) {
		if (!set->flags[i])
			continue;
		for (j = oid_hash(&set->ids[i]) & (big.cap - 1); big.flags[j];
		     j = (j + 1) & (big.cap - 1))
			;
		big.ids[j] = set->ids[i];
		big.flags[j] = set->flags[i];
		big.n++;
	}
	free(set->ids);
	free(set->flags);
	*set = big;
	return 0;
}

/* Adds flags to id's entry; *prev gets the flags it had (0: new). */
static int oid_set_mark(unsigned char *prev, oid_set *set, const git_oid *id, unsigned char flags)
{
	size_t j;
	int rc;

	if (set->n * 2 >= set->cap) {
		rc = oid_set_grow(set);
		if (rc < 0)
			return rc;
	}
	for (j = oid_hash(id) & (set->cap - 1); set->flags[j]; j = (j + 1) & (set->cap - 1))
		if (git_oid_equal(&set->ids[j], id))
			break;
	*prev = set->flags[j];
	if (!set->flags[j]) {
		set->ids[j] = *id;
		set->n++;
	}
	set->flags[j] |= flags;
	return 0;
}

typedef struct {
	wp_store *s;
	git_odb *odb;
	wp_buf *report;
	oid_set seen;
	int problems;
} checker;

/* Appends one problem line to the report. */
static int problem(checker *ck, const char *fmt, const char *a, const char *b, const char *c)
{
	int rc = wp_buf_printf(ck->report, fmt, a, b, c);

	if (rc == 0)
		rc = wp_buf_putc(ck->report, '\n');
	ck->problems++;
	return rc;
}

static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "?";
}

/* Reads blob id (named `where`) back from the object database, and checks
 * a page's text as UTF-8. */
static int check_blob(checker *ck, const git_oid *id, const char *where, int page)
{
	unsigned char want = SEEN_READ | (page ? SEEN_UTF8 : 0), prev;
	char hex[WP_OID_HEX];
	git_odb_object *obj = NULL;
	int rc, grc;

	rc = oid_set_mark(&prev, &ck->seen, id, want);
	if (rc < 0 || (prev & want) == want)
		return rc;
	git_oid_tostr(hex, sizeof(hex), id);
	grc = git_odb_read(&obj, ck->odb, id);
	if (grc < 0)
		return problem(ck, wp_t("store.check_unreadable"), hex, where, git_msg());
	if (page && !(prev & SEEN_UTF8) &&
	    !utf8_valid(git_odb_object_data(obj), git_odb_object_size(obj)))
		rc = problem(ck, wp_t("store.check_not_utf8"), where, hex, NULL);
	git_odb_object_free(obj);
	return rc;
}

/* Reads tree id (folder `where`, a wp_buf so that subfolders extend it)
 * and everything below it that was not checked before. */
static int check_tree(checker *ck, const git_oid *id, wp_buf *where, int depth)
{
	char hex[WP_OID_HEX];
	unsigned char prev;
	git_tree *t = NULL;
	size_t i, n, len = where->len;
	int rc, grc;

	rc = oid_set_mark(&prev, &ck->seen, id, SEEN_READ);
	if (rc < 0 || prev)
		return rc;
	git_oid_tostr(hex, sizeof(hex), id);
	if (depth > CHECK_MAX_DEPTH)
		return problem(ck, wp_t("store.check_too_deep"), wp_buf_cstr(where), NULL, NULL);
	grc = git_tree_lookup(&t, ck->s->repo, id); /* reads, verifies the hash, parses */
	if (grc < 0)
		return problem(ck, wp_t("store.check_unreadable"), hex,
			       len ? wp_buf_cstr(where) : "/", git_msg());
	n = git_tree_entrycount(t);
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(e);

		rc = wp_buf_puts(where, name);
		if (rc == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			rc = wp_buf_putc(where, '/');
			if (rc == 0)
				rc = check_tree(ck, git_tree_entry_id(e), where, depth + 1);
		} else if (rc == 0 && git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
			rc = check_blob(ck, git_tree_entry_id(e), wp_buf_cstr(where),
					is_page_file(name, strlen(name)));
		}
		where->len = len;
		if (where->ptr)
			where->ptr[len] = '\0';
	}
	git_tree_free(t);
	return rc;
}

/* Walks every commit reachable from the branch and checks its tree. */
static int check_history(checker *ck, const git_oid *head)
{
	git_revwalk *walk = NULL;
	wp_buf where = WP_BUF_INIT;
	git_commit *c;
	git_oid id;
	char hex[WP_OID_HEX];
	int rc = 0, grc;

	grc = git_revwalk_new(&walk, ck->s->repo);
	if (grc == 0)
		grc = git_revwalk_push(walk, head);
	if (grc < 0)
		return problem(ck, wp_t("store.check_walk"), git_msg(), NULL, NULL);
	while (rc == 0) {
		grc = git_revwalk_next(&id, walk);
		if (grc == GIT_ITEROVER)
			break;
		if (grc < 0) { /* a commit that cannot be parsed ends the walk */
			rc = problem(ck, wp_t("store.check_walk"), git_msg(), NULL, NULL);
			break;
		}
		git_oid_tostr(hex, sizeof(hex), &id);
		grc = git_commit_lookup(&c, ck->s->repo, &id);
		if (grc < 0) {
			rc = problem(ck, wp_t("store.check_bad_commit"), hex, git_msg(), NULL);
			continue;
		}
		rc = check_tree(ck, git_commit_tree_id(c), &where, 0);
		git_commit_free(c);
	}
	wp_buf_dispose(&where);
	git_revwalk_free(walk);
	return rc;
}

int wp_store_check(wp_buf *report, wp_store *s)
{
	checker ck = { s, NULL, report, { NULL, NULL, 0, 0 }, 0 };
	git_oid head;
	int rc = 0, grc;

	assert(report && s);
	grc = git_reference_name_to_id(&head, s->repo, WP_BRANCH);
	if (grc == GIT_ENOTFOUND)
		return 0;
	if (grc < 0)
		return git_fail(grc, "git_reference_name_to_id");
	grc = git_repository_odb(&ck.odb, s->repo);
	if (grc < 0)
		return git_fail(grc, "git_repository_odb");
	rc = check_history(&ck, &head);
	git_odb_free(ck.odb);
	free(ck.seen.ids);
	free(ck.seen.flags);
	return rc < 0 ? rc : ck.problems;
}

/* ---- walking history (for the search index) -------------------------------------------------- */

/* The ids of the first-parent commits from HEAD back to (not including)
 * since, newest first; since NULL walks to the root. WP_ENOTFOUND when the
 * walk reaches the root without meeting since. The caller frees *out. */
static int walk_ids(git_oid **out, size_t *n, wp_store *s, const git_oid *since)
{
	git_commit *cur = NULL, *par = NULL;
	git_oid *ids = NULL, *grown;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = head_commit(&cur, s);
	while (rc == 0 && cur && !(since && git_oid_equal(git_commit_id(cur), since))) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(ids, cap * sizeof(*ids));
			if (!grown) {
				rc = no_memory();
				break;
			}
			ids = grown;
		}
		git_oid_cpy(&ids[(*n)++], git_commit_id(cur));
		rc = first_parent(&par, cur);
		git_commit_free(cur);
		cur = par;
		par = NULL;
	}
	if (rc == 0 && since && !cur) {
		wp_error_set("%s", wp_t("store.rev_not_found"));
		rc = WP_ENOTFOUND;
	}
	git_commit_free(cur);
	if (rc < 0) {
		free(ids);
		*n = 0;
		return rc;
	}
	*out = ids;
	return 0;
}

/* Reports the page changes of commit id (against its first parent) to cb. */
static int walk_commit(wp_store *s, const git_oid *id, wp_commit_cb cb, void *payload)
{
	git_commit *c = NULL, *par = NULL;
	git_tree *t = NULL, *pt = NULL;
	git_diff *diff = NULL;
	char hex[WP_OID_HEX], blob[WP_OID_HEX], path[BLOB_PATH_MAX];
	size_t i, nd, len;
	int rc = 0, grc;

	grc = git_commit_lookup(&c, s->repo, id);
	if (grc < 0)
		return git_fail(grc, "git_commit_lookup");
	rc = first_parent(&par, c);
	grc = rc == 0 ? git_commit_tree(&t, c) : 0;
	if (rc == 0 && grc == 0 && par)
		grc = git_commit_tree(&pt, par);
	if (rc == 0 && grc == 0)
		grc = git_diff_tree_to_tree(&diff, s->repo, pt, t, NULL);
	if (grc < 0)
		rc = git_fail(grc, "git_diff_tree_to_tree");
	git_oid_tostr(hex, sizeof(hex), id);
	nd = diff ? git_diff_num_deltas(diff) : 0;
	for (i = 0; i < nd && rc == 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		int del = d->status == GIT_DELTA_DELETED;
		const char *file = del ? d->old_file.path : d->new_file.path;

		len = strlen(file);
		if (!is_page_file(file, len) || len - 3 >= sizeof(path))
			continue;
		memcpy(path, file, len - 3);
		path[len - 3] = '\0';
		blob[0] = '\0';
		if (!del)
			git_oid_tostr(blob, sizeof(blob), &d->new_file.id);
		rc = cb(payload, hex, git_commit_author(c)->name, git_commit_author(c)->email,
			(int64_t)git_commit_time(c), path, blob);
	}
	git_diff_free(diff);
	git_tree_free(pt);
	git_tree_free(t);
	git_commit_free(par);
	git_commit_free(c);
	return rc;
}

int wp_store_walk(char head[WP_OID_HEX], wp_store *s, const char *since, wp_commit_cb cb,
		  void *payload)
{
	git_oid since_id, *ids = NULL;
	size_t n = 0, i;
	int rc, has_since;

	assert(head && s && cb);
	has_since = since && *since; /* read before head is written: they may alias */
	if (has_since &&
	    (strlen(since) != GIT_OID_HEXSZ || git_oid_fromstr(&since_id, since) < 0)) {
		head[0] = '\0';
		wp_error_set("%s", wp_t("store.bad_rev"));
		return WP_EINVALID;
	}
	head[0] = '\0';
	rc = walk_ids(&ids, &n, s, has_since ? &since_id : NULL);
	if (rc < 0)
		return rc;
	if (n > 0)
		git_oid_tostr(head, WP_OID_HEX, &ids[0]);
	else if (has_since)
		git_oid_tostr(head, WP_OID_HEX, &since_id);
	for (i = n; i > 0 && rc == 0; i--)
		rc = walk_commit(s, &ids[i - 1], cb, payload);
	free(ids);
	return rc;
}

/* ---- one commit ---------------------------------------------------------------------------- */

int wp_store_message(char **out, wp_store *s, const char *rev)
{
	git_commit *c = NULL;
	const char *msg;
	int rc;

	*out = NULL;
	rc = lookup_rev(&c, s, rev);
	if (rc < 0)
		return rc;
	msg = git_commit_message(c);
	*out = strndup(msg ? msg : "", msg ? strcspn(msg, "\n") : 0);
	git_commit_free(c);
	return *out ? 0 : no_memory();
}
