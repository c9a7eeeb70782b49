/* erase.c - removing a page from the whole history (see erase.h).
 *
 * The rewrite works on a second handle on the repository whose new
 * objects stay in memory (a mempack in front of the disk backends), so
 * that planning writes nothing and the result goes to disk as one pack.
 * Two passes over the commits, parents first: the first finds the rename
 * stubs (to know the page's former names), the second filters each
 * distinct root tree once and rewrites the commits. Only folders on the
 * way to an erased path are rebuilt; everything else keeps its id, so a
 * commit that neither touched the page nor descends from a commit that
 * did keeps its id too. */
#include "erase.h"

#include "error.h"
#include "frontmatter.h"
#include "path.h"
#include "texts.h"
#include "wiki.h" /* WP_REDIRECT_FIELD */

#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MEM_PRIORITY 1000 /* the mempack goes before the disk backends (1 and 2) */
#define STUB_MAX 1024	  /* a rename stub is one short line of front matter */
#define DIGEST_LEN 32	  /* BLAKE2b-256: what of a tree was erased */
#define KEY_LEN 32	  /* the key of the marks */
#define MSG_PATHS 5	  /* other pages a neutral message names */
#define DATE_LEN 11	  /* "2026-12-02" + NUL */
#define FILE_MAX 4096

/* ---- small helpers ------------------------------------------------------------------------ */

/* A libgit2 failure as a WP_E* code with a message naming the operation. */
static int git_fail(int grc, const char *op)
{
	const git_error *e = git_error_last();

	wp_error_set(wp_t("store.git_error"), op, e && e->message ? e->message : "?");
	if (e && e->klass == GIT_ERROR_NOMEMORY)
		return WP_ENOMEM;
	if (grc == GIT_EMODIFIED || grc == GIT_ELOCKED) {
		wp_error_set("%s", wp_t("erase.changed"));
		return WP_ECONFLICT;
	}
	return grc == GIT_ENOTFOUND ? WP_ENOTFOUND : WP_ERROR;
}

static int no_memory(void)
{
	wp_error_set("%s", wp_t("store.no_memory"));
	return WP_ENOMEM;
}

/* A file operation on name failed with errno. */
static int io_fail(const char *name)
{
	wp_error_set(wp_t("erase.io_error"), name, strerror(errno));
	return WP_ERROR;
}

/* dir + "/" + name into out (FILE_MAX bytes). */
static int join(char *out, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (snprintf(out, FILE_MAX, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name) >=
	    FILE_MAX) {
		errno = ENAMETOOLONG;
		return io_fail(name);
	}
	return 0;
}

/* Non-zero for a page file name ("slug.md"). */
static int is_page_file(const char *name, size_t len)
{
	return len > 3 && memcmp(name + len - 3, ".md", 3) == 0;
}

/* ---- lists of strings --------------------------------------------------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} str_list;

static int list_add(str_list *l, const char *s, size_t len)
{
	char *copy;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return no_memory();
		l->v = v;
		l->cap = cap;
	}
	copy = strndup(s, len);
	if (!copy)
		return no_memory();
	l->v[l->n++] = copy;
	return 0;
}

static int list_has(const str_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts l and drops repeated strings. */
static void list_unique(str_list *l)
{
	size_t i, j = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), str_cmp);
	for (i = 0; i < l->n; i++) {
		if (j > 0 && strcmp(l->v[j - 1], l->v[i]) == 0)
			free(l->v[i]);
		else
			l->v[j++] = l->v[i];
	}
	l->n = j;
}

static void list_dispose(str_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- object id maps ----------------------------------------------------------------------- */

/* What the rewrite knows of a tree or commit. The all-zero id (never a
 * real object) marks a free slot. */
typedef struct {
	git_oid key;
	git_oid val; /* the filtered tree; the rewritten (or replacing) commit */
	unsigned char digest[DIGEST_LEN]; /* the erased entries of the (commit's) tree */
	unsigned char erased;		  /* the tree held erased entries */
} slot;

typedef struct {
	slot *v;
	size_t cap, n; /* cap: a power of two */
} oid_map;

static int oid_zero(const git_oid *id)
{
	static const git_oid zero;

	return memcmp(id, &zero, sizeof(zero)) == 0;
}

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h)); /* object ids are uniform already */
	return h;
}

static slot *map_find(const oid_map *m, const git_oid *key)
{
	size_t j;

	if (!m->cap)
		return NULL;
	for (j = oid_hash(key) & (m->cap - 1); !oid_zero(&m->v[j].key); j = (j + 1) & (m->cap - 1))
		if (git_oid_equal(&m->v[j].key, key))
			return &m->v[j];
	return NULL;
}

static int map_grow(oid_map *m)
{
	oid_map big = { NULL, m->cap ? m->cap * 2 : 1024, 0 };
	size_t i, j;

	big.v = calloc(big.cap, sizeof(*big.v));
	if (!big.v)
		return no_memory();
	for (i = 0; i < m->cap; i++) {
		if (oid_zero(&m->v[i].key))
			continue;
		for (j = oid_hash(&m->v[i].key) & (big.cap - 1); !oid_zero(&big.v[j].key);
		     j = (j + 1) & (big.cap - 1))
			;
		big.v[j] = m->v[i];
		big.n++;
	}
	free(m->v);
	*m = big;
	return 0;
}

/* The slot of key, added (zeroed) when new: *added tells which. The
 * pointer is valid until the next map_add(). */
static int map_add(slot **out, int *added, oid_map *m, const git_oid *key)
{
	size_t j;
	int rc;

	if (m->n * 2 >= m->cap && (rc = map_grow(m)) < 0)
		return rc;
	for (j = oid_hash(key) & (m->cap - 1); !oid_zero(&m->v[j].key); j = (j + 1) & (m->cap - 1))
		if (git_oid_equal(&m->v[j].key, key))
			break;
	*added = oid_zero(&m->v[j].key);
	if (*added) {
		memset(&m->v[j], 0, sizeof(m->v[j]));
		m->v[j].key = *key;
		m->n++;
	}
	*out = &m->v[j];
	return 0;
}

static void map_dispose(oid_map *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Marks the pair (object id, path) seen; returns 1 when it was seen
 * before. Keyed by a hash of both: the same tree or blob at another path
 * is another thing to look at. */
static int seen_before(oid_map *seen, const git_oid *id, const char *path, size_t len)
{
	crypto_generichash_state h;
	git_oid key;
	slot *s;
	int added, rc;

	crypto_generichash_init(&h, NULL, 0, GIT_OID_RAWSZ);
	crypto_generichash_update(&h, id->id, GIT_OID_RAWSZ);
	crypto_generichash_update(&h, (const unsigned char *)path, len);
	crypto_generichash_final(&h, key.id, GIT_OID_RAWSZ);
	rc = map_add(&s, &added, seen, &key);
	return rc < 0 ? rc : !added;
}

/* ---- the plan ----------------------------------------------------------------------------- */

typedef struct {
	char *name;
	git_oid old, new;
} ref_move;

struct wp_erase {
	const wp_config *cfg;
	git_repository *repo; /* new objects go to memory until wp_erase_apply() */
	char *path, *admin, *display;
	long long now;
	int lock; /* the store's writer lock */
	int applied;
	git_oid *order; /* every commit, parents before children */
	size_t norder;
	ref_move *refs;
	size_t nrefs;
	str_list from, to; /* rename stubs seen: from[i] pointed at to[i] */
	str_list names;	   /* P and its former names */
	str_list files;	   /* erased files */
	str_list moved;	   /* where erased names were renamed to, outside the names */
	oid_map seen, trees, commits;
	wp_buf prefix; /* the folder being walked */
	int cb_rc;     /* what a tree walk's callback failed with */
	wp_erase_facts facts;
};

/* Cuts the folder being walked back to len bytes. */
static void prefix_cut(wp_erase *e, size_t len)
{
	e->prefix.len = len;
	if (e->prefix.ptr)
		e->prefix.ptr[len] = '\0';
}

/* Starts a walk at the root: an empty (but allocated) prefix. */
static int prefix_reset(wp_erase *e)
{
	prefix_cut(e, 0);
	return wp_buf_puts(&e->prefix, "");
}

/* Opens the repository at dir with a mempack in front. */
static int open_repo(git_repository **out, const char *dir)
{
	git_odb_backend *mem = NULL;
	git_odb *odb = NULL;
	int grc;

	*out = NULL;
	grc = git_repository_open_bare(out, dir);
	if (grc == 0)
		grc = git_repository_odb(&odb, *out);
	if (grc == 0)
		grc = git_mempack_new(&mem);
	if (grc == 0) {
		grc = git_odb_add_backend(odb, mem, MEM_PRIORITY);
		if (grc < 0)
			mem->free(mem);
	}
	git_odb_free(odb);
	if (grc < 0) {
		int rc = git_fail(grc, "git_repository_open_bare");

		git_repository_free(*out);
		*out = NULL;
		return rc;
	}
	return 0;
}

/* Notes ref r (a direct one) and pushes the commit it names onto walk. */
static int add_ref(wp_erase *e, git_reference *r, git_revwalk *walk)
{
	git_object *peeled = NULL;
	ref_move *grown;
	int grc;

	grown = realloc(e->refs, (e->nrefs + 1) * sizeof(*grown));
	if (!grown)
		return no_memory();
	e->refs = grown;
	memset(&e->refs[e->nrefs], 0, sizeof(*grown));
	e->refs[e->nrefs].name = strdup(git_reference_name(r));
	if (!e->refs[e->nrefs].name)
		return no_memory();
	git_oid_cpy(&e->refs[e->nrefs].old, git_reference_target(r));
	e->nrefs++;
	grc = git_reference_peel(&peeled, r, GIT_OBJECT_COMMIT);
	if (grc < 0) {
		wp_error_set(wp_t("erase.not_commit"), git_reference_name(r));
		return WP_EINVALID;
	}
	grc = git_revwalk_push(walk, git_object_id(peeled));
	git_object_free(peeled);
	return grc < 0 ? git_fail(grc, "git_revwalk_push") : 0;
}

/* Notes every direct ref and pushes what it reaches onto walk. */
static int collect_refs(wp_erase *e, git_revwalk *walk)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	int rc = 0, grc;

	grc = git_reference_iterator_new(&it, e->repo);
	while (grc == 0 && rc == 0) {
		grc = git_reference_next(&r, it);
		if (grc < 0)
			break;
		if (git_reference_type(r) == GIT_REFERENCE_DIRECT)
			rc = add_ref(e, r, walk);
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	if (rc == 0 && grc < 0 && grc != GIT_ITEROVER)
		rc = git_fail(grc, "git_reference_next");
	return rc;
}

/* Collects every direct ref and every commit they reach, parents first. */
static int walk_order(wp_erase *e)
{
	git_revwalk *walk = NULL;
	git_oid id, *grown;
	size_t cap = 0;
	int rc = 0, grc;

	grc = git_revwalk_new(&walk, e->repo);
	if (grc == 0)
		grc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (grc < 0)
		rc = git_fail(grc, "git_revwalk_new");
	if (rc == 0)
		rc = collect_refs(e, walk);
	while (rc == 0 && e->nrefs) {
		grc = git_revwalk_next(&id, walk);
		if (grc < 0)
			break;
		if (e->norder == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(e->order, cap * sizeof(*grown));
			if (!grown) {
				rc = no_memory();
				break;
			}
			e->order = grown;
		}
		e->order[e->norder++] = id;
	}
	if (rc == 0 && grc < 0 && grc != GIT_ITEROVER)
		rc = git_fail(grc, "git_revwalk_next");
	git_revwalk_free(walk);
	e->facts.commits = e->norder;
	return rc;
}

/* ---- pass 1: the former names ------------------------------------------------------------- */

/* Notes blob id at path (a page file) as a stub edge when it is one. */
static int scan_blob(wp_erase *e, const git_oid *id, const char *path, size_t len)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_object_t type;
	json_t *meta = NULL;
	const char *to;
	size_t size, body;
	int rc, grc;

	rc = seen_before(&e->seen, id, path, len);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	grc = git_repository_odb(&odb, e->repo);
	if (grc == 0)
		grc = git_odb_read_header(&size, &type, odb, id);
	if (grc == 0 && size <= STUB_MAX)
		grc = git_odb_read(&obj, odb, id);
	git_odb_free(odb);
	if (grc < 0)
		return git_fail(grc, "git_odb_read");
	if (!obj)
		return 0;
	size = git_odb_object_size(obj);
	/* A stub is written by wiki.c alone; anything else is an ordinary page. */
	if (memmem(git_odb_object_data(obj), size, WP_REDIRECT_FIELD, strlen(WP_REDIRECT_FIELD)) &&
	    wp_fm_parse(&meta, &body, git_odb_object_data(obj), size) == 0) {
		to = json_string_value(json_object_get(meta, WP_REDIRECT_FIELD));
		if (to && wp_path_check(to) == 0) {
			rc = list_add(&e->from, path, len - 3);
			if (rc == 0)
				rc = list_add(&e->to, to, strlen(to));
		}
	}
	json_decref(meta);
	git_odb_object_free(obj);
	return rc;
}

/* Looks at every page file below tree id (folder e->prefix) not seen
 * before at the same place. */
static int scan_tree(wp_erase *e, const git_oid *id)
{
	size_t len = e->prefix.len, i, n;
	git_tree *t = NULL;
	int rc, grc;

	rc = seen_before(&e->seen, id, wp_buf_cstr(&e->prefix), len);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	grc = git_tree_lookup(&t, e->repo, id);
	if (grc < 0)
		return git_fail(grc, "git_tree_lookup");
	n = git_tree_entrycount(t);
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(te);

		rc = wp_buf_puts(&e->prefix, name);
		if (rc == 0 && git_tree_entry_type(te) == GIT_OBJECT_TREE) {
			rc = wp_buf_putc(&e->prefix, '/');
			if (rc == 0)
				rc = scan_tree(e, git_tree_entry_id(te));
		} else if (rc == 0 && git_tree_entry_type(te) == GIT_OBJECT_BLOB &&
			   is_page_file(name, strlen(name))) {
			rc = scan_blob(e, git_tree_entry_id(te), wp_buf_cstr(&e->prefix),
				       e->prefix.len);
		}
		prefix_cut(e, len);
	}
	git_tree_free(t);
	return rc;
}

/* The names to erase: P, and every path whose stub pointed at one of
 * them; and where any of them was renamed to outside that set. */
static int find_names(wp_erase *e)
{
	git_commit *c = NULL;
	size_t i;
	int rc = 0, grc, grew;

	for (i = 0; i < e->norder && rc == 0; i++) {
		grc = git_commit_lookup(&c, e->repo, &e->order[i]);
		if (grc < 0)
			return git_fail(grc, "git_commit_lookup");
		rc = prefix_reset(e);
		if (rc == 0)
			rc = scan_tree(e, git_commit_tree_id(c));
		git_commit_free(c);
	}
	if (rc == 0)
		rc = list_add(&e->names, e->path, strlen(e->path));
	do {
		grew = 0;
		for (i = 0; i < e->from.n && rc == 0; i++) {
			if (list_has(&e->names, e->to.v[i]) && !list_has(&e->names, e->from.v[i])) {
				rc = list_add(&e->names, e->from.v[i], strlen(e->from.v[i]));
				grew = 1;
			}
		}
	} while (grew && rc == 0);
	for (i = 0; i < e->from.n && rc == 0; i++)
		if (list_has(&e->names, e->from.v[i]) && !list_has(&e->names, e->to.v[i]))
			rc = list_add(&e->moved, e->to.v[i], strlen(e->to.v[i]));
	list_unique(&e->moved);
	return rc;
}

/* ---- pass 2: filtering trees -------------------------------------------------------------- */

enum { KEEP, ERASE, DESCEND };

/* What to do with the entry at path full (a folder when is_tree). */
static int classify(const wp_erase *e, const char *full, size_t len, int is_tree)
{
	size_t i, nl;

	for (i = 0; i < e->names.n; i++) {
		nl = strlen(e->names.v[i]);
		if (memcmp(full, e->names.v[i], len < nl ? len : nl) != 0)
			continue;
		if ((is_tree && len == nl) ||
		    (!is_tree && len == nl + 3 && memcmp(full + nl, ".md", 3) == 0))
			return ERASE;
	}
	for (i = 0; is_tree && i < e->names.n; i++) {
		nl = strlen(e->names.v[i]);
		if (len < nl && memcmp(full, e->names.v[i], len) == 0 && e->names.v[i][len] == '/')
			return DESCEND;
	}
	return KEEP;
}

static int list_file_cb(const char *root, const git_tree_entry *te, void *payload)
{
	wp_erase *e = payload;
	size_t len = e->prefix.len;
	int rc;

	if (git_tree_entry_type(te) == GIT_OBJECT_TREE)
		return 0;
	rc = wp_buf_puts(&e->prefix, root);
	if (rc == 0)
		rc = wp_buf_puts(&e->prefix, git_tree_entry_name(te));
	if (rc == 0)
		rc = list_add(&e->files, e->prefix.ptr, e->prefix.len);
	prefix_cut(e, len);
	e->cb_rc = rc;
	return rc < 0 ? -1 : 0;
}

/* Lists the files of erased entry te, at path e->prefix (without '/'). */
static int list_erased(wp_erase *e, const git_tree_entry *te)
{
	size_t len = e->prefix.len;
	git_tree *t = NULL;
	int rc, grc;

	rc = seen_before(&e->seen, git_tree_entry_id(te), e->prefix.ptr, len);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (git_tree_entry_type(te) != GIT_OBJECT_TREE)
		return list_add(&e->files, e->prefix.ptr, len);
	rc = wp_buf_putc(&e->prefix, '/');
	e->cb_rc = 0;
	grc = rc == 0 ? git_tree_lookup(&t, e->repo, git_tree_entry_id(te)) : 0;
	if (rc == 0 && grc == 0)
		grc = git_tree_walk(t, GIT_TREEWALK_PRE, list_file_cb, e);
	git_tree_free(t);
	prefix_cut(e, len);
	if (rc == 0 && e->cb_rc < 0)
		rc = e->cb_rc;
	else if (rc == 0 && grc < 0)
		rc = git_fail(grc, "git_tree_walk");
	return rc;
}

static int filter_tree(git_oid *out, int *empty, wp_erase *e, const git_oid *id,
		       crypto_generichash_state *h, unsigned char *erased);

/* Erases or filters entry te of the folder being built (tb made from t
 * when the first entry changes). */
static int filter_entry(git_treebuilder **tb, wp_erase *e, const git_tree *t,
			const git_tree_entry *te, crypto_generichash_state *h,
			unsigned char *erased)
{
	const char *name = git_tree_entry_name(te);
	int kind, empty = 0, rc = 0, grc = 0;
	git_oid sub = { { 0 } };

	kind = classify(e, e->prefix.ptr, e->prefix.len,
			git_tree_entry_type(te) == GIT_OBJECT_TREE);
	if (kind == KEEP)
		return 0;
	if (kind == ERASE) {
		/* the digest: which entries at which places, to tell a commit
		 * that changed an erased file from one that did not */
		crypto_generichash_update(h, (const unsigned char *)e->prefix.ptr,
					  e->prefix.len + 1);
		crypto_generichash_update(h, git_tree_entry_id(te)->id, GIT_OID_RAWSZ);
		*erased = 1;
		rc = list_erased(e, te);
	} else {
		size_t len = e->prefix.len;

		rc = wp_buf_putc(&e->prefix, '/');
		if (rc == 0)
			rc = filter_tree(&sub, &empty, e, git_tree_entry_id(te), h, erased);
		prefix_cut(e, len);
		if (rc == 0 && git_oid_equal(&sub, git_tree_entry_id(te)))
			return 0;
	}
	if (rc == 0 && !*tb)
		grc = git_treebuilder_new(tb, e->repo, t);
	if (rc == 0 && grc == 0)
		grc = kind == ERASE || empty ? git_treebuilder_remove(*tb, name)
					     : git_treebuilder_insert(NULL, *tb, name, &sub,
								      git_tree_entry_filemode(te));
	return rc == 0 && grc < 0 ? git_fail(grc, "git_treebuilder") : rc;
}

/* The tree id (at folder e->prefix) without the erased entries: its new
 * id into *out (id itself when nothing changed), *empty when nothing is
 * left. Folders left empty are dropped (git has none). */
static int filter_tree(git_oid *out, int *empty, wp_erase *e, const git_oid *id,
		       crypto_generichash_state *h, unsigned char *erased)
{
	size_t len = e->prefix.len, i, n;
	git_treebuilder *tb = NULL;
	git_tree *t = NULL;
	int rc = 0, grc;

	grc = git_tree_lookup(&t, e->repo, id);
	if (grc < 0)
		return git_fail(grc, "git_tree_lookup");
	n = git_tree_entrycount(t);
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);

		rc = wp_buf_puts(&e->prefix, git_tree_entry_name(te));
		if (rc == 0)
			rc = filter_entry(&tb, e, t, te, h, erased);
		prefix_cut(e, len);
	}
	*out = *id;
	*empty = n == 0;
	if (rc == 0 && tb) {
		*empty = git_treebuilder_entrycount(tb) == 0;
		grc = git_treebuilder_write(out, tb);
		if (grc < 0)
			rc = git_fail(grc, "git_treebuilder_write");
	}
	git_treebuilder_free(tb);
	git_tree_free(t);
	return rc;
}

/* The filtered root tree of id, once per distinct tree, as a copy. */
static int filter_root(slot *out, wp_erase *e, const git_oid *id)
{
	crypto_generichash_state h;
	slot *s = map_find(&e->trees, id), *added_slot;
	int empty, added, rc;

	if (s) {
		*out = *s;
		return 0;
	}
	memset(out, 0, sizeof(*out));
	crypto_generichash_init(&h, NULL, 0, DIGEST_LEN);
	rc = prefix_reset(e);
	if (rc == 0)
		rc = filter_tree(&out->val, &empty, e, id, &h, &out->erased);
	crypto_generichash_final(&h, out->digest, DIGEST_LEN);
	if (!out->erased)
		memset(out->digest, 0, DIGEST_LEN);
	if (rc == 0)
		rc = map_add(&added_slot, &added, &e->trees, id);
	if (rc == 0) {
		out->key = *id;
		*added_slot = *out;
	}
	return rc;
}

/* ---- pass 2: rewriting commits ------------------------------------------------------------ */

/* "2026-12-02" for the time t. */
static void date_text(char out[DATE_LEN], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || strftime(out, DATE_LEN, "%Y-%m-%d", &tm) == 0)
		snprintf(out, DATE_LEN, "?");
}

/* The page path of a diff entry ("x.md" -> "x"), or NULL for another file. */
static const char *delta_page(const git_diff_delta *d, size_t *len)
{
	const char *file = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;

	*len = strlen(file);
	if (!is_page_file(file, *len))
		return NULL;
	*len -= 3;
	return file;
}

/* Appends the first pages the diff changed ("a, b en nog 3 andere") to
 * line and, when that is not all of them, every one to body (a line
 * each); *n gets how many there are. */
static int changed_pages(wp_buf *line, wp_buf *body, size_t *n, git_diff *diff)
{
	size_t i, len, nd = git_diff_num_deltas(diff);
	const char *page;
	int rc = 0;

	*n = 0;
	for (i = 0; i < nd && rc == 0; i++) {
		page = delta_page(git_diff_get_delta(diff, i), &len);
		if (page && *n > 0 && *n < MSG_PATHS)
			rc = wp_buf_puts(line, ", ");
		if (page && rc == 0 && *n < MSG_PATHS)
			rc = wp_buf_put(line, page, len);
		*n += page != NULL;
	}
	if (rc == 0 && *n > MSG_PATHS)
		rc = wp_buf_printf(line, wp_t("erase.msg_more"), *n - MSG_PATHS);
	if (rc == 0 && *n > MSG_PATHS)
		rc = wp_buf_printf(body, "\n%s\n", wp_t("erase.msg_all"));
	for (i = 0; i < nd && rc == 0 && *n > MSG_PATHS; i++) {
		page = delta_page(git_diff_get_delta(diff, i), &len);
		if (page)
			rc = wp_buf_printf(body, "%.*s\n", (int)len, page);
	}
	return rc;
}

/* The message of a commit that changed an erased file: neutral, naming
 * only the other pages it changed (between the new trees). */
static int neutral_message(wp_buf *out, wp_erase *e, const git_oid *parent_tree,
			   const git_oid *tree)
{
	git_tree *pt = NULL, *t = NULL;
	git_diff *diff = NULL;
	wp_buf pages = WP_BUF_INIT, body = WP_BUF_INIT;
	char date[DATE_LEN];
	size_t n = 0;
	int rc = 0, grc;

	grc = git_tree_lookup(&t, e->repo, tree);
	if (grc == 0 && parent_tree)
		grc = git_tree_lookup(&pt, e->repo, parent_tree);
	if (grc == 0)
		grc = git_diff_tree_to_tree(&diff, e->repo, pt, t, NULL);
	if (grc < 0)
		rc = git_fail(grc, "git_diff_tree_to_tree");
	if (rc == 0)
		rc = changed_pages(&pages, &body, &n, diff);
	date_text(date, e->now);
	if (rc == 0 && n == 0)
		rc = wp_buf_printf(out, wp_t("erase.msg_only"), date);
	else if (rc == 0)
		rc = wp_buf_printf(out, wp_t("erase.msg_others"), wp_buf_cstr(&pages), date);
	if (rc == 0)
		rc = wp_buf_putc(out, '\n');
	if (rc == 0 && body.len)
		rc = wp_buf_puts(out, body.ptr);
	wp_buf_dispose(&pages);
	wp_buf_dispose(&body);
	git_diff_free(diff);
	git_tree_free(pt);
	git_tree_free(t);
	return rc;
}

/* The parents of c as rewritten (each once) into np (*n of them); *same
 * when they are c's own; *touched when c's erased entries differ from a
 * parent's (info: c's tree). */
static int new_parents(git_oid *np, size_t *n, int *same, int *touched, const wp_erase *e,
		       const git_commit *c, const slot *info)
{
	size_t i, j, count = git_commit_parentcount(c);

	*n = 0;
	*same = 1;
	*touched = count == 0 && info->erased;
	for (i = 0; i < count; i++) {
		const git_oid *pid = git_commit_parent_id(c, (unsigned)i);
		const slot *ps = map_find(&e->commits, pid);

		if (!ps) { /* the walk is parents first: this cannot happen */
			wp_error_set(wp_t("erase.order"), git_oid_tostr_s(pid));
			return WP_ERROR;
		}
		if (ps->erased != info->erased || memcmp(ps->digest, info->digest, DIGEST_LEN) != 0)
			*touched = 1;
		if (!git_oid_equal(&ps->val, pid))
			*same = 0;
		for (j = 0; j < *n && !git_oid_equal(&np[j], &ps->val); j++)
			;
		if (j == *n)
			np[(*n)++] = ps->val;
	}
	return 0;
}

/* The tree of commit id into *out. */
static int tree_of(git_oid *out, wp_erase *e, const git_oid *id)
{
	git_commit *c = NULL;
	int grc = git_commit_lookup(&c, e->repo, id);

	if (grc < 0)
		return git_fail(grc, "git_commit_lookup");
	*out = *git_commit_tree_id(c);
	git_commit_free(c);
	return 0;
}

/* Writes the new commit of c: its tree info->val, parents np. */
static int write_commit(git_oid *out, wp_erase *e, const git_commit *c, const slot *info,
			const git_oid *np, size_t n, int touched)
{
	const git_oid **parents = NULL;
	wp_buf msg = WP_BUF_INIT;
	git_oid ptree;
	size_t i;
	int rc = 0, grc;

	parents = calloc(n ? n : 1, sizeof(*parents));
	if (!parents)
		return no_memory();
	for (i = 0; i < n; i++)
		parents[i] = &np[i];
	if (touched && n > 0)
		rc = tree_of(&ptree, e, &np[0]);
	if (touched && rc == 0)
		rc = neutral_message(&msg, e, n > 0 ? &ptree : NULL, &info->val);
	if (rc == 0) {
		grc = git_commit_create_from_ids(
			out, e->repo, NULL, git_commit_author(c), git_commit_committer(c),
			git_commit_message_encoding(c),
			touched ? wp_buf_cstr(&msg) : git_commit_message_raw(c), &info->val, n,
			parents);
		if (grc < 0)
			rc = git_fail(grc, "git_commit_create");
	}
	wp_buf_dispose(&msg);
	free(parents);
	return rc;
}

/* Rewrites commit id: kept as it is, dropped (it changed only erased
 * files: its children go to its parent), or written anew. */
static int rewrite_commit(wp_erase *e, const git_oid *id)
{
	git_commit *c = NULL;
	git_oid *np = NULL, result, ptree;
	size_t n = 0;
	slot info, *s;
	int same = 0, touched = 0, empty = 0, added, rc, grc;

	grc = git_commit_lookup(&c, e->repo, id);
	if (grc < 0)
		return git_fail(grc, "git_commit_lookup");
	rc = filter_root(&info, e, git_commit_tree_id(c));
	np = rc == 0 ? calloc(git_commit_parentcount(c) + 1, sizeof(*np)) : NULL;
	if (rc == 0 && !np)
		rc = no_memory();
	if (rc == 0)
		rc = new_parents(np, &n, &same, &touched, e, c, &info);
	if (rc < 0)
		goto done;
	result = *id;
	/* Left out: it changed erased files only (a root commit always stays). */
	if (touched && n == 1 && git_commit_parentcount(c) > 0) {
		rc = tree_of(&ptree, e, &np[0]);
		empty = rc == 0 && git_oid_equal(&ptree, &info.val);
	}
	if (rc == 0 && empty) {
		result = np[0];
		e->facts.dropped++;
	} else if (rc == 0 &&
		   (touched || !same || !git_oid_equal(&info.val, git_commit_tree_id(c)))) {
		rc = write_commit(&result, e, c, &info, np, n, touched);
		e->facts.rewritten++;
	}
	if (rc == 0)
		rc = map_add(&s, &added, &e->commits, id);
	if (rc == 0) {
		memcpy(s->digest, info.digest, DIGEST_LEN);
		s->erased = info.erased;
		s->val = result;
	}
done:
	free(np);
	git_commit_free(c);
	return rc;
}

/* ---- refs ---------------------------------------------------------------------------------- */

/* The new object for old (a commit, or an annotated tag of one, written
 * anew when what it names changed). */
static int move_target(git_oid *out, wp_erase *e, const git_oid *old, int depth)
{
	git_object *o = NULL, *target = NULL;
	const slot *s = map_find(&e->commits, old); /* a commit that was walked */
	git_oid nt;
	int rc = 0, grc;

	*out = *old;
	grc = git_object_lookup(&o, e->repo, old, GIT_OBJECT_ANY);
	if (grc < 0)
		return git_fail(grc, "git_object_lookup");
	if (git_object_type(o) == GIT_OBJECT_COMMIT && s) {
		*out = s->val;
	} else if (git_object_type(o) == GIT_OBJECT_TAG && depth < 16) {
		const git_tag *tag = (const git_tag *)o;

		rc = move_target(&nt, e, git_tag_target_id(tag), depth + 1);
		if (rc == 0 && !git_oid_equal(&nt, git_tag_target_id(tag))) {
			grc = git_object_lookup(&target, e->repo, &nt, GIT_OBJECT_ANY);
			if (grc == 0)
				grc = git_tag_annotation_create(
					out, e->repo, git_tag_name(tag), target, git_tag_tagger(tag),
					git_tag_message(tag) ? git_tag_message(tag) : "");
			if (grc < 0)
				rc = git_fail(grc, "git_tag_annotation_create");
		}
	} else {
		wp_error_set(wp_t("erase.not_commit"), git_oid_tostr_s(old));
		rc = WP_EINVALID;
	}
	git_object_free(target);
	git_object_free(o);
	return rc;
}

/* Works out where every ref goes; the branch must be among them (it
 * gets the record commit on top). */
static int plan_refs(wp_erase *e)
{
	size_t i;
	int rc = 0, branch = 0, is_branch;

	for (i = 0; i < e->nrefs && rc == 0; i++) {
		rc = move_target(&e->refs[i].new, e, &e->refs[i].old, 0);
		is_branch = strcmp(e->refs[i].name, WP_BRANCH) == 0;
		branch |= is_branch;
		/* the branch always moves: the record commit goes on top */
		if (rc == 0 && (is_branch || !git_oid_equal(&e->refs[i].new, &e->refs[i].old)))
			e->facts.refs++;
	}
	if (rc == 0 && !branch) {
		wp_error_set(wp_t("erase.no_branch"), WP_BRANCH);
		rc = WP_EINVALID;
	}
	return rc;
}

/* ---- preparing ----------------------------------------------------------------------------- */

/* Rewrites every commit and counts the erased files. */
static int rewrite_all(wp_erase *e)
{
	size_t i, j;
	int rc = 0;

	map_dispose(&e->seen); /* pass 1's marks mean nothing to pass 2 */
	for (i = 0; i < e->norder && rc == 0; i++)
		rc = rewrite_commit(e, &e->order[i]);
	if (rc < 0)
		return rc;
	list_unique(&e->files);
	if (e->files.n == 0) {
		wp_error_set(wp_t("erase.not_found"), e->path);
		return WP_ENOTFOUND;
	}
	for (i = 0; i < e->files.n; i++) {
		size_t len = strlen(e->files.v[i]);

		for (j = 0; j < e->names.n; j++)
			if (len == strlen(e->names.v[j]) + 3 &&
			    strncmp(e->files.v[i], e->names.v[j], len - 3) == 0)
				break;
		if (j < e->names.n)
			e->facts.pages++;
		else
			e->facts.subpages++;
	}
	return 0;
}

int wp_erase_prepare(wp_erase **out, const wp_config *cfg, const wp_erase_opts *opts)
{
	wp_erase *e;
	int rc;

	assert(out && cfg && opts && opts->version == WP_ERASE_OPTS_VERSION && opts->path &&
	       opts->admin && opts->display);
	*out = NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return no_memory();
	e->cfg = cfg;
	e->lock = -1;
	e->prefix = (wp_buf)WP_BUF_INIT;
	e->now = opts->now;
	e->path = strdup(opts->path);
	e->admin = strdup(opts->admin);
	e->display = strdup(opts->display);
	rc = e->path && e->admin && e->display ? open_repo(&e->repo, cfg->repo_dir) : no_memory();
	if (rc == 0) {
		e->lock = wp_store_lock(git_repository_path(e->repo));
		if (e->lock < 0)
			rc = io_fail(git_repository_path(e->repo));
	}
	if (rc == 0)
		rc = walk_order(e);
	if (rc == 0)
		rc = find_names(e);
	if (rc == 0)
		rc = rewrite_all(e);
	if (rc == 0)
		rc = plan_refs(e);
	if (rc < 0) {
		wp_erase_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

void wp_erase_free(wp_erase *e)
{
	size_t i;

	if (!e)
		return;
	git_repository_free(e->repo); /* with the mempack and what it holds */
	wp_store_unlock(e->lock);
	for (i = 0; i < e->nrefs; i++)
		free(e->refs[i].name);
	free(e->refs);
	free(e->order);
	list_dispose(&e->from);
	list_dispose(&e->to);
	list_dispose(&e->names);
	list_dispose(&e->files);
	list_dispose(&e->moved);
	map_dispose(&e->seen);
	map_dispose(&e->trees);
	map_dispose(&e->commits);
	wp_buf_dispose(&e->prefix);
	free(e->path);
	free(e->admin);
	free(e->display);
	free(e);
}

const wp_erase_facts *wp_erase_facts_of(const wp_erase *e)
{
	return &e->facts;
}

size_t wp_erase_file_count(const wp_erase *e)
{
	return e->files.n;
}

const char *wp_erase_file(const wp_erase *e, size_t i)
{
	return i < e->files.n ? e->files.v[i] : NULL;
}

size_t wp_erase_moved_count(const wp_erase *e)
{
	return e->moved.n;
}

const char *wp_erase_moved(const wp_erase *e, size_t i)
{
	return i < e->moved.n ? e->moved.v[i] : NULL;
}

/* ---- files of the data folder -------------------------------------------------------------- */

/* Writes len bytes of data to file (flags for open()) and fsyncs it. */
static int write_file(const char *file, int flags, const void *data, size_t len)
{
	int fd = open(file, flags | O_WRONLY | O_CLOEXEC, 0600);
	ssize_t w = 0;
	size_t done = 0;

	if (fd < 0)
		return io_fail(file);
	while (done < len && (w = write(fd, (const char *)data + done, len - done)) > 0)
		done += (size_t)w;
	if (done < len || fsync(fd) != 0) {
		int saved = errno;

		close(fd);
		errno = saved ? saved : EIO;
		return io_fail(file);
	}
	return close(fd) == 0 ? 0 : io_fail(file);
}

/* The key of the marks from DATA/erase.key, made when create is set. */
static int read_key(unsigned char key[KEY_LEN], const wp_config *cfg, int create)
{
	char file[FILE_MAX];
	ssize_t got;
	int fd, rc;

	if ((rc = join(file, cfg->data_dir, WP_ERASE_KEY)) < 0)
		return rc;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && !create) {
		wp_error_set(wp_t("erase.no_key"), file);
		return WP_ENOTFOUND;
	}
	if (fd < 0 && errno == ENOENT) {
		randombytes_buf(key, KEY_LEN);
		rc = write_file(file, O_CREAT | O_EXCL, key, KEY_LEN);
		sodium_memzero(key, KEY_LEN);
		if (rc < 0)
			return rc;
		fd = open(file, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return io_fail(file);
	got = read(fd, key, KEY_LEN);
	close(fd);
	if (got != KEY_LEN) {
		wp_error_set(wp_t("erase.bad_key"), file, KEY_LEN);
		return WP_ERROR;
	}
	return 0;
}

int wp_erase_mark(char out[WP_ERASE_MARK_HEX], const wp_config *cfg, const char *path,
		  int create)
{
	unsigned char key[KEY_LEN], h[32];
	int rc;

	out[0] = '\0';
	rc = read_key(key, cfg, create);
	if (rc < 0)
		return rc;
	crypto_generichash(h, sizeof(h), (const unsigned char *)path, strlen(path), key, KEY_LEN);
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(out, WP_ERASE_MARK_HEX, h, sizeof(h));
	return 0;
}

int wp_erase_unfinished(const wp_config *cfg)
{
	char file[FILE_MAX];

	return join(file, cfg->data_dir, WP_ERASE_UNFINISHED) == 0 && access(file, F_OK) == 0;
}

int wp_erase_finish(const wp_config *cfg)
{
	char file[FILE_MAX];
	int rc = join(file, cfg->data_dir, WP_ERASE_UNFINISHED);

	if (rc == 0 && unlink(file) != 0 && errno != ENOENT)
		rc = io_fail(file);
	return rc;
}

int wp_erase_drop_index(const wp_config *cfg)
{
	static const char *const ends[] = { "", "-wal", "-shm", "-journal" };
	char file[FILE_MAX];
	size_t i;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		if (snprintf(file, sizeof(file), "%s%s", cfg->index_file, ends[i]) >=
		    (int)sizeof(file)) {
			errno = ENAMETOOLONG;
			return io_fail(cfg->index_file);
		}
		if (unlink(file) != 0 && errno != ENOENT)
			return io_fail(file);
	}
	return 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

/* The index of the branch among e->refs. */
static ref_move *branch_of(wp_erase *e)
{
	size_t i;

	for (i = 0; i < e->nrefs; i++)
		if (strcmp(e->refs[i].name, WP_BRANCH) == 0)
			return &e->refs[i];
	return NULL;
}

/* Adds the record commit on top of the rewritten branch: the same tree,
 * authored by the beheerder, naming only counts and the mark. */
static int record_commit(wp_erase *e)
{
	ref_move *b = branch_of(e);
	const git_oid *parents[1];
	git_signature *sig = NULL;
	wp_buf msg = WP_BUF_INIT, email = WP_BUF_INIT;
	git_oid tree;
	int rc, grc;

	assert(b); /* plan_refs() made sure */
	parents[0] = &b->new;
	rc = tree_of(&tree, e, &b->new);
	if (rc == 0)
		rc = wp_buf_printf(&email, "%s@werkplaats.invalid", e->admin);
	if (rc == 0)
		rc = wp_buf_printf(&msg, wp_t("erase.record"), e->admin, e->facts.pages,
				   e->facts.subpages, e->facts.rewritten, e->facts.dropped,
				   e->facts.mark);
	if (rc == 0)
		rc = wp_buf_putc(&msg, '\n');
	grc = rc == 0 ? git_signature_now(&sig, e->display, wp_buf_cstr(&email)) : 0;
	if (rc == 0 && grc == 0)
		grc = git_commit_create_from_ids(&b->new, e->repo, NULL, sig, sig, NULL,
						 wp_buf_cstr(&msg), &tree, 1, parents);
	if (rc == 0 && grc < 0)
		rc = git_fail(grc, "git_commit_create");
	if (rc == 0)
		git_oid_tostr(e->facts.record, sizeof(e->facts.record), &b->new);
	git_signature_free(sig);
	wp_buf_dispose(&msg);
	wp_buf_dispose(&email);
	return rc;
}

/* Puts tip (a commit, or tags down to one) into the pack being built. */
static int pack_tip(git_packbuilder *pb, git_revwalk *walk, git_repository *repo,
		    const git_oid *tip)
{
	git_object *o = NULL;
	git_oid id = *tip;
	int grc, depth;

	for (depth = 0; depth < 16; depth++) {
		grc = git_object_lookup(&o, repo, &id, GIT_OBJECT_ANY);
		if (grc < 0 || git_object_type(o) != GIT_OBJECT_TAG)
			break;
		grc = git_packbuilder_insert(pb, &id, NULL);
		id = *git_tag_target_id((const git_tag *)o);
		git_object_free(o);
		o = NULL;
		if (grc < 0)
			break;
	}
	if (grc == 0 && o && git_object_type(o) == GIT_OBJECT_COMMIT)
		grc = git_revwalk_push(walk, &id);
	else if (grc == 0)
		grc = git_packbuilder_insert_recur(pb, &id, NULL);
	git_object_free(o);
	return grc < 0 ? git_fail(grc, "git_packbuilder_insert") : 0;
}

/* Writes one pack (and its index) of every object the n tips reach into
 * objects/pack of repo; its name ("pack-<name>.pack") into name. */
static int write_pack(char name[WP_OID_HEX], git_repository *repo, const git_oid *tips,
		      size_t n)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	char dir[FILE_MAX];
	size_t i;
	int rc = 0, grc;

	rc = join(dir, git_repository_path(repo), "objects/pack");
	grc = rc == 0 ? git_packbuilder_new(&pb, repo) : 0;
	if (rc == 0 && grc == 0) {
		git_packbuilder_set_threads(pb, 0);
		grc = git_revwalk_new(&walk, repo);
	}
	if (rc == 0 && grc < 0)
		rc = git_fail(grc, "git_packbuilder_new");
	for (i = 0; i < n && rc == 0; i++)
		rc = pack_tip(pb, walk, repo, &tips[i]);
	if (rc == 0) {
		grc = git_packbuilder_insert_walk(pb, walk);
		if (grc == 0)
			grc = git_packbuilder_write(pb, dir, 0, NULL, NULL);
		if (grc < 0)
			rc = git_fail(grc, "git_packbuilder_write");
	}
	if (rc == 0)
		snprintf(name, WP_OID_HEX, "%s", git_packbuilder_name(pb));
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return rc;
}

/* Moves every ref that changes, each only if it still holds its old id. */
static int move_refs(wp_erase *e)
{
	git_reference *r = NULL;
	size_t i;
	int grc = 0;

	for (i = 0; i < e->nrefs && grc == 0; i++) {
		if (git_oid_equal(&e->refs[i].new, &e->refs[i].old))
			continue;
		grc = git_reference_create_matching(&r, e->repo, e->refs[i].name, &e->refs[i].new,
						    1, &e->refs[i].old, NULL);
		git_reference_free(r);
		r = NULL;
	}
	return grc < 0 ? git_fail(grc, "git_reference_create_matching") : 0;
}

/* Appends the erasure's facts, never the path, to DATA/erasures.log. */
static int append_log(const wp_erase *e)
{
	char file[FILE_MAX], when[32];
	time_t now = (time_t)e->now;
	wp_buf text = WP_BUF_INIT;
	struct tm tm;
	json_t *line;
	char *json = NULL;
	int rc;

	if ((rc = join(file, e->cfg->data_dir, WP_ERASE_LOG)) < 0)
		return rc;
	if (!gmtime_r(&now, &tm) || strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(when, sizeof(when), "%lld", e->now);
	line = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s}", "time", when,
			 "admin", e->admin, "pages", (json_int_t)e->facts.pages, "subpages",
			 (json_int_t)e->facts.subpages, "commits", (json_int_t)e->facts.commits,
			 "rewritten", (json_int_t)e->facts.rewritten, "dropped",
			 (json_int_t)e->facts.dropped, "refs", (json_int_t)e->facts.refs, "mark",
			 e->facts.mark, "commit", e->facts.record);
	json = line ? json_dumps(line, JSON_COMPACT) : NULL;
	json_decref(line);
	rc = json ? wp_buf_printf(&text, "%s\n", json) : no_memory();
	/* one write of the whole line: O_APPEND keeps lines whole */
	if (rc == 0)
		rc = write_file(file, O_CREAT | O_APPEND, text.ptr, text.len);
	wp_buf_dispose(&text);
	free(json);
	return rc;
}

/* ---- deleting what is no longer reachable -------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	int failed;

	(void)st;
	(void)ftw;
	failed = (flag == FTW_DP ? rmdir(path) : unlink(path)) != 0 && errno != ENOENT;
	if (failed)
		io_fail(path);
	return failed ? -1 : 0;
}

/* Removes file or folder tree `name` in dir; missing is fine. */
static int remove_tree(const char *dir, const char *name)
{
	char path[FILE_MAX];
	struct stat st;
	int rc = join(path, dir, name);

	if (rc < 0 || lstat(path, &st) != 0)
		return rc < 0 ? rc : errno == ENOENT ? 0 : io_fail(path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0 || errno == ENOENT ? 0 : io_fail(path);
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : WP_ERROR;
}

/* Flushes the entries of folder dir (the deletions) to disk. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) != 0)
		rc = io_fail(dir);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Deletes every file in objects/pack but the pack `keep` and its index. */
static int clean_packs(const char *objects, const char *keep)
{
	char dir[FILE_MAX], pack[80], idx[80];
	struct dirent *d;
	DIR *dh;
	int rc = join(dir, objects, "pack");

	snprintf(pack, sizeof(pack), "pack-%s.pack", keep);
	snprintf(idx, sizeof(idx), "pack-%s.idx", keep);
	dh = rc == 0 ? opendir(dir) : NULL;
	if (rc == 0 && !dh)
		rc = io_fail(dir);
	while (rc == 0 && (d = readdir(dh)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    strcmp(d->d_name, pack) == 0 || strcmp(d->d_name, idx) == 0)
			continue;
		rc = remove_tree(dir, d->d_name);
	}
	if (dh)
		closedir(dh);
	return rc == 0 ? sync_dir(dir) : rc;
}

/* Deletes the loose objects (objects/xx/...), the pack list and the
 * commit graph: all of them may name or hold what was erased. */
static int clean_loose(const char *objects)
{
	struct dirent *d;
	DIR *dh = opendir(objects);
	int rc = dh ? 0 : io_fail(objects);

	while (rc == 0 && (d = readdir(dh)) != NULL) {
		if (strlen(d->d_name) == 2 && isxdigit((unsigned char)d->d_name[0]) &&
		    isxdigit((unsigned char)d->d_name[1]))
			rc = remove_tree(objects, d->d_name);
	}
	if (dh)
		closedir(dh);
	if (rc == 0)
		rc = remove_tree(objects, "info/packs");
	if (rc == 0)
		rc = remove_tree(objects, "info/commit-graph");
	if (rc == 0)
		rc = remove_tree(objects, "info/commit-graphs");
	return rc == 0 ? sync_dir(objects) : rc;
}

/* Deletes every object of the repository at git_dir outside pack keep,
 * and the reflogs (they name the old commits). */
static int clean_objects(const char *git_dir, const char *keep)
{
	char objects[FILE_MAX];
	int rc = join(objects, git_dir, "objects");

	if (rc == 0)
		rc = clean_packs(objects, keep);
	if (rc == 0)
		rc = clean_loose(objects);
	if (rc == 0)
		rc = remove_tree(git_dir, "logs");
	return rc;
}

/* Writes the marker that an erase is under way. */
static int start_marker(const wp_config *cfg)
{
	char file[FILE_MAX];
	int rc = join(file, cfg->data_dir, WP_ERASE_UNFINISHED);

	return rc == 0 ? write_file(file, O_CREAT | O_TRUNC, "erase\n", 6) : rc;
}

int wp_erase_apply(wp_erase *e)
{
	char pack[WP_OID_HEX], git_dir[FILE_MAX];
	git_oid *tips = NULL;
	size_t i;
	int rc;

	assert(e && !e->applied);
	e->applied = 1;
	snprintf(git_dir, sizeof(git_dir), "%s", git_repository_path(e->repo));
	rc = wp_erase_mark(e->facts.mark, e->cfg, e->path, 1);
	if (rc == 0)
		rc = record_commit(e);
	tips = rc == 0 ? calloc(e->nrefs, sizeof(*tips)) : NULL;
	if (rc == 0 && !tips)
		rc = no_memory();
	for (i = 0; rc == 0 && i < e->nrefs; i++)
		tips[i] = e->refs[i].new;
	/* Every object of the new history is on disk before a ref moves. */
	if (rc == 0)
		rc = write_pack(pack, e->repo, tips, e->nrefs);
	free(tips);
	if (rc == 0)
		rc = start_marker(e->cfg);
	if (rc == 0)
		rc = move_refs(e);
	git_repository_free(e->repo);
	e->repo = NULL;
	/* the content first, then the record of it */
	if (rc == 0)
		rc = clean_objects(git_dir, pack);
	if (rc == 0)
		rc = append_log(e);
	return rc;
}

/* ---- resuming ------------------------------------------------------------------------------ */

/* The targets of every direct ref of repo into *tips (caller frees). */
static int ref_tips(git_oid **tips, size_t *n, git_repository *repo)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	git_oid *grown;
	int grc;

	*tips = NULL;
	*n = 0;
	grc = git_reference_iterator_new(&it, repo);
	while (grc == 0) {
		grc = git_reference_next(&r, it);
		if (grc < 0)
			break;
		if (git_reference_type(r) == GIT_REFERENCE_DIRECT) {
			grown = realloc(*tips, (*n + 1) * sizeof(*grown));
			if (!grown) {
				git_reference_free(r);
				git_reference_iterator_free(it);
				return no_memory();
			}
			*tips = grown;
			(*tips)[(*n)++] = *git_reference_target(r);
		}
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	return grc == GIT_ITEROVER ? 0 : git_fail(grc, "git_reference_next");
}

int wp_erase_resume(const wp_config *cfg)
{
	char pack[WP_OID_HEX], git_dir[FILE_MAX];
	git_repository *repo = NULL;
	git_oid *tips = NULL;
	size_t n = 0;
	int rc = 0, lock = -1, grc;

	grc = git_repository_open_bare(&repo, cfg->repo_dir);
	if (grc < 0)
		return git_fail(grc, "git_repository_open_bare");
	snprintf(git_dir, sizeof(git_dir), "%s", git_repository_path(repo));
	lock = wp_store_lock(git_dir);
	if (lock < 0)
		rc = io_fail(git_dir);
	if (rc == 0)
		rc = ref_tips(&tips, &n, repo);
	if (rc == 0)
		rc = write_pack(pack, repo, tips, n);
	free(tips);
	git_repository_free(repo);
	if (rc == 0)
		rc = clean_objects(git_dir, pack);
	wp_store_unlock(lock);
	return rc;
}
