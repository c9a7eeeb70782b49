/* wiki.c - page-level operations on top of the store: parsing a page file
 * into front matter and body, and saving, deleting, renaming, reverting
 * and importing pages as single commits. */
#include "wiki.h"

#include "error.h"
#include "frontmatter.h"
#include "path.h"
#include "plugin_host.h"
#include "render.h"
#include "schema.h"
#include "texts.h"
#include "types.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define IMPORT_MAX_FILES 200000
#define IMPORT_MAX_FILE_BYTES (16u * 1024 * 1024)
#define WIKI_MAX_CHANGES 16 /* pages in one save, with those plugins add */
#define MERGE_TRIES 10	    /* a save that keeps losing the race is refused (409) */

struct wp_page {
	wp_page_file *file;
	json_t *meta;
	size_t body_off;
	char *parse_error;
};

int wp_page_load(wp_page **out, wp_store *s, const char *path, const char *rev,
		 int want_revision)
{
	wp_page *p;
	int rc;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return WP_ENOMEM;
	rc = wp_store_read(&p->file, s, path, rev, want_revision);
	if (rc < 0)
		goto fail;
	rc = wp_fm_parse(&p->meta, &p->body_off, p->file->content, p->file->content_len);
	if (rc < 0) {
		/* Keep the page viewable so a person can repair it. */
		p->parse_error = strdup(wp_error_last());
		p->meta = json_object();
		p->body_off = 0;
		if (!p->parse_error || !p->meta) {
			rc = WP_ENOMEM;
			goto fail;
		}
	}
	*out = p;
	return 0;
fail:
	wp_page_free(p);
	return rc;
}

void wp_page_free(wp_page *p)
{
	if (!p)
		return;
	wp_page_file_free(p->file);
	json_decref(p->meta);
	free(p->parse_error);
	free(p);
}

const char *wp_page_path(const wp_page *p)
{
	return p->file->path;
}

const char *wp_page_type(const wp_page *p)
{
	return wp_type_of_path(p->file->path);
}

const char *wp_page_title(const wp_page *p)
{
	const char *t = json_string_value(json_object_get(p->meta, "titel"));

	return t && *t ? t : wp_path_slug(p->file->path);
}

json_t *wp_page_meta(const wp_page *p)
{
	return p->meta;
}

const char *wp_page_body(const wp_page *p)
{
	return p->file->content + p->body_off;
}

size_t wp_page_body_len(const wp_page *p)
{
	return p->file->content_len - p->body_off;
}

const char *wp_page_content(const wp_page *p)
{
	return p->file->content;
}

size_t wp_page_content_len(const wp_page *p)
{
	return p->file->content_len;
}

const wp_page_file *wp_page_file_of(const wp_page *p)
{
	return p->file;
}

const char *wp_page_redirect(const wp_page *p)
{
	const char *to = json_string_value(json_object_get(p->meta, WP_REDIRECT_FIELD));

	return to && wp_path_check(to) == 0 ? to : NULL;
}

int wp_page_set_revision(wp_page *p, const char *revision, const char *author,
			 const char *email, int64_t time)
{
	char *a = strdup(author ? author : ""), *e = strdup(email ? email : "");

	if (!a || !e) {
		free(a);
		free(e);
		return WP_ENOMEM;
	}
	free(p->file->author);
	free(p->file->email);
	p->file->author = a;
	p->file->email = e;
	snprintf(p->file->revision, sizeof(p->file->revision), "%s", revision);
	p->file->time = time;
	return 0;
}

const char *wp_page_parse_error(const wp_page *p)
{
	return p->parse_error;
}

int wp_wiki_validate(const char *content, size_t len)
{
	json_t *meta = NULL;
	size_t off;
	int rc;

	if (memchr(content, '\0', len)) {
		wp_error_set("%s", wp_t("wiki.nul_byte"));
		return WP_EINVALID;
	}
	rc = wp_fm_parse(&meta, &off, content, len);
	if (rc < 0)
		return rc;
	if (wp_render_check(content + off, len - off) < 0) {
		rc = WP_EINVALID;
	} else if (json_object_get(meta, WP_REDIRECT_FIELD)) {
		wp_error_set(wp_t("wiki.reserved_field"), WP_REDIRECT_FIELD);
		rc = WP_EINVALID;
	}
	json_decref(meta);
	return rc;
}

static const char *message_or(const wp_actor *who, const char *fallback_key, const char *path,
			      wp_buf *tmp)
{
	if (who->message && *who->message)
		return who->message;
	wp_buf_clear(tmp);
	if (wp_buf_printf(tmp, wp_t(fallback_key), path) < 0)
		return path;
	return wp_buf_cstr(tmp);
}

/* The message with the lines hooks noted (plugin.h save_note) after a
 * blank line, into out. */
static const char *with_notes(wp_buf *out, const char *message, const json_t *notes)
{
	const json_t *line;
	size_t i;
	int rc;

	if (json_array_size(notes) == 0)
		return message;
	wp_buf_clear(out);
	rc = wp_buf_printf(out, "%s\n", message);
	json_array_foreach(notes, i, line)
		if (rc == 0)
			rc = wp_buf_printf(out, "\n%s", json_string_value(line));
	return rc == 0 ? wp_buf_cstr(out) : message;
}

static int commit_one(char rev_out[WP_OID_HEX], wp_store *s, const wp_change *changes, size_t n,
		      const wp_actor *who, const char *fallback_key, const char *path,
		      const json_t *notes)
{
	wp_commit_opts opts = WP_COMMIT_OPTS_INIT;
	wp_buf msg = WP_BUF_INIT, full = WP_BUF_INIT;
	int rc;

	opts.author_name = who->author;
	opts.author_email = who->email;
	opts.message = with_notes(&full, message_or(who, fallback_key, path, &msg), notes);
	rc = wp_store_commit(rev_out, s, changes, n, &opts);
	wp_buf_dispose(&msg);
	wp_buf_dispose(&full);
	return rc;
}

/* Parses the front matter of content; a file that does not parse counts
 * as one without front matter (its visibility is the default). */
static int meta_of(json_t **out, const char *content, size_t len)
{
	size_t off;

	if (wp_fm_parse(out, &off, content, len) == 0)
		return 0;
	*out = json_object();
	return *out ? 0 : WP_ENOMEM;
}

/* The changes of one commit after checks and plugin hooks: owns the
 * contents it rewrote, and (in keep) the JSON the pages plugins added
 * point into. */
typedef struct {
	wp_change ch[WIKI_MAX_CHANGES];
	char *owned[WIKI_MAX_CHANGES];
	size_t n;
	json_t *keep;
	/* The pages of one wp_wiki_save_many() call, which LINK fields may
	 * name before they exist; NULL for other saves. */
	const wp_change *batch;
	size_t nbatch;
	/* What the hooks are told the person said (plugin.h save_message). */
	const char *message;
	/* Lines the hooks add to the commit message (save_note). */
	json_t *notes;
	/* A rename's page as it was at its old path: what the hooks are
	 * told the page was before (it is the same page). */
	const wp_page_file *prior;
} change_set;

static void change_set_dispose(change_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		free(set->owned[i]);
	json_decref(set->keep);
	json_decref(set->notes);
}

/* A LINK field's target exists for the writer: a page they cannot read is
 * no target (its existence stays hidden). A link the page already had is
 * left as it is, so someone who cannot see it can still edit the rest. */
typedef struct {
	wp_store *store;
	const wp_viewer *viewer;
	const char *type;	/* of the page being saved */
	const json_t *old_meta; /* its front matter before, or NULL */
	const change_set *set;	/* its batch: new pages written with it */
} link_check;

/* Non-zero when path is written (not deleted) by the same batch: the
 * writer's own new page, which the commit will hold. */
static int in_batch(const change_set *set, const char *path)
{
	size_t i;

	for (i = 0; set && i < set->nbatch; i++)
		if (set->batch[i].content && strcmp(set->batch[i].path, path) == 0)
			return 1;
	return 0;
}

/* Non-zero when a LINK field of the old front matter names path. */
static int linked_before(const link_check *lc, const char *path)
{
	const wp_type *t = wp_type_find(lc->type);
	char old[WP_PATH_MAX + 1];
	size_t i, j;

	for (i = 0; t && lc->old_meta && i < t->nfields; i++) {
		const wp_field *f = t->fields[i];
		const json_t *v = json_object_get(lc->old_meta, f->name), *x;

		if (f->kind != WP_FIELD_LINK || !v)
			continue;
		if (json_is_string(v) && wp_type_link_path(old, sizeof(old), f->link_type,
							   json_string_value(v)) == 0 &&
		    strcmp(old, path) == 0)
			return 1;
		json_array_foreach(v, j, x)
			if (json_is_string(x) &&
			    wp_type_link_path(old, sizeof(old), f->link_type,
					      json_string_value(x)) == 0 &&
			    strcmp(old, path) == 0)
				return 1;
	}
	return 0;
}

static int link_exists(void *payload, const char *path)
{
	link_check *lc = payload;
	wp_page_file *f = NULL;
	json_t *meta = NULL;
	int rc;

	if (linked_before(lc, path) || in_batch(lc->set, path))
		return 1;
	rc = wp_store_read(&f, lc->store, path, NULL, 0);
	if (rc == WP_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	rc = 1;
	if (lc->viewer) {
		rc = meta_of(&meta, f->content, f->content_len);
		rc = rc < 0 ? rc : wp_may_read_meta(lc->viewer, meta) ? 1 : 0;
		if (rc == 1 && json_object_get(meta, WP_REDIRECT_FIELD))
			rc = 0;
	}
	json_decref(meta);
	wp_page_file_free(f);
	return rc;
}

/* Checks after's front matter against the schema of path's type (links
 * kept from before pass); the problems go to who->problems when given. */
static int check_schema(wp_store *s, const wp_actor *who, const change_set *set, const char *path,
			const json_t *old_meta, const json_t *after)
{
	link_check lc = { s, who->viewer, wp_type_of_path(path), old_meta, set };
	json_t *problems = who->problems ? who->problems : json_array();
	size_t before = json_array_size(problems);
	int rc;

	if (!problems)
		return WP_ENOMEM;
	rc = wp_schema_check(problems, wp_type_of_path(path), after, link_exists, &lc);
	if (rc > 0) {
		json_t *mine = json_array();
		size_t i;

		for (i = before; mine && i < json_array_size(problems); i++)
			json_array_append(mine, json_array_get(problems, i));
		wp_schema_explain(mine ? mine : problems);
		json_decref(mine);
		rc = WP_EINVALID;
	}
	if (!who->problems)
		json_decref(problems);
	return rc;
}

/* One change as the hooks see it: the page file before it (NULL for a
 * new page) with its front matter, and after it. */
typedef struct {
	const wp_change *c;
	const wp_page_file *now;
	const json_t *before;
	json_t *after;
} hook_change;

/* The visibility a page will have (plugin.h save_visibility). */
static int vis_after(const wp_actor *who, const json_t *after)
{
	const char *team = NULL;

	return (int)wp_page_vis(after, who->viewer ? who->viewer->default_vis : WP_VIS_INGELOGD,
				&team);
}

/* Runs the plugins' on_save hooks on one change and takes what they did:
 * a changed front matter rewrites the file (into *rewritten), added
 * pages go to *added, notes for the commit message to set->notes. */
static int run_hooks(wp_store *s, const wp_actor *who, change_set *set, const hook_change *h,
		     char **rewritten, json_t *added)
{
	struct wp_save sv = { 0 };
	const char *content = h->c->content;
	const wp_page_file *was = h->now ? h->now : set->prior;
	size_t off = 0, len = h->c->len;
	json_t *orig = h->after ? json_deep_copy(h->after) : NULL, *problems;
	int rc;

	*rewritten = NULL;
	problems = who->problems ? who->problems : json_array();
	if (!set->notes)
		set->notes = json_array();
	if ((h->after && !orig) || !problems || !set->notes) {
		json_decref(orig);
		if (!who->problems)
			json_decref(problems);
		return WP_ENOMEM;
	}
	if (content) {
		json_t *tmp = NULL;

		if (wp_fm_parse(&tmp, &off, content, len) < 0)
			off = 0;
		json_decref(tmp);
	}
	sv = (struct wp_save){ h->c->path, wp_type_of_path(h->c->path), h->before, h->after,
			       content ? content + off : NULL, content ? len - off : 0,
			       who->viewer, problems, added, s, set->message };
	sv.content = content;
	sv.content_len = content ? len : 0;
	sv.old_content = was ? was->content : NULL;
	sv.old_len = was ? was->content_len : 0;
	sv.vis = h->after ? vis_after(who, h->after) : 0;
	sv.confirm = who->confirm;
	sv.notes = set->notes;
	rc = wp_plugins_on_save(&sv);
	if (rc == 0 && h->after && !json_equal(orig, h->after)) {
		wp_buf file = WP_BUF_INIT;

		rc = wp_fm_write(&file, h->after);
		if (rc == 0)
			rc = wp_buf_put(&file, content + off, len - off);
		if (rc == 0 && !(*rewritten = wp_buf_detach(&file)))
			rc = WP_ENOMEM;
		wp_buf_dispose(&file);
	}
	json_decref(orig);
	if (!who->problems)
		json_decref(problems);
	return rc;
}

static int prepare(change_set *set, wp_store *s, const wp_actor *who, const wp_change *c,
		   int hooks);

/* Names the page of each problem from index `from` on that names none,
 * so a save of several pages says which page a problem is about. */
static void tag_problems(json_t *problems, size_t from, const char *path)
{
	size_t i;

	for (i = from; i < json_array_size(problems); i++) {
		json_t *p = json_array_get(problems, i);

		if (json_is_object(p) && !json_object_get(p, "path"))
			json_object_set_new(p, "path", json_string(path));
	}
}

/* Adds the pages plugins asked for to set, each checked like a save. */
static int prepare_added(change_set *set, wp_store *s, const wp_actor *who, json_t *added)
{
	json_t *o;
	size_t i;
	int rc = 0;

	json_array_foreach(added, i, o) {
		const char *content = json_string_value(json_object_get(o, "content"));
		wp_change c = { json_string_value(json_object_get(o, "path")), content,
				json_string_length(json_object_get(o, "content")),
				json_string_value(json_object_get(o, "base")) };

		if ((rc = wp_path_check(c.path)) < 0 || (rc = wp_wiki_validate(content, c.len)) < 0 ||
		    (rc = prepare(set, s, who, &c, 0)) < 0)
			break;
	}
	return rc;
}

/* Checks change c (content NULL: a delete) against who->viewer's rights,
 * the schema of its type and the plugins' hooks (when hooks is set), and
 * appends it to set, with what the hooks added. */
static int prepare(change_set *set, wp_store *s, const wp_actor *who, const wp_change *c,
		   int hooks)
{
	wp_page_file *now = NULL;
	json_t *before = NULL, *after = NULL, *added = json_array();
	char *rewritten = NULL;
	size_t had = who->problems ? json_array_size(who->problems) : 0;
	int rc;

	if (!added)
		return WP_ENOMEM;
	rc = wp_store_read(&now, s, c->path, NULL, 0);
	if (rc == WP_ENOTFOUND)
		rc = 0;
	else if (rc == 0)
		rc = meta_of(&before, now->content, now->content_len);
	if (rc == 0 && c->content)
		rc = meta_of(&after, c->content, c->len);
	if (rc == 0 && who->viewer) {
		if (before && !wp_may_read_meta(who->viewer, before)) {
			wp_error_set(wp_t("wiki.not_found"), c->path);
			rc = WP_ENOTFOUND;
		} else {
			rc = wp_access_check_change(who->viewer, wp_type_of_path(c->path), before,
						    after);
		}
	}
	if (rc == 0 && after)
		rc = check_schema(s, who, set, c->path, before, after);
	if (rc == 0 && hooks) {
		hook_change h = { c, now, before, after };

		rc = run_hooks(s, who, set, &h, &rewritten, added);
	}
	if (rc == 0 && set->n == WIKI_MAX_CHANGES) {
		wp_error_set("%s", wp_t("wiki.too_many_changes"));
		rc = WP_ETOOBIG;
	}
	if (rc == 0) {
		set->ch[set->n] = *c;
		if (rewritten) {
			set->ch[set->n].content = rewritten;
			set->ch[set->n].len = strlen(rewritten);
		}
		set->owned[set->n++] = rewritten;
		rewritten = NULL;
		if (json_array_size(added) > 0) {
			if (!set->keep)
				set->keep = json_array();
			rc = json_array_append(set->keep, added) == 0 ? 0 : WP_ENOMEM;
		}
		if (rc == 0)
			rc = prepare_added(set, s, who, added);
	}
	tag_problems(who->problems, had, c->path);
	free(rewritten);
	json_decref(before);
	json_decref(after);
	json_decref(added);
	wp_page_file_free(now);
	return rc;
}

/* Checks one change with its hooks and commits it with whatever the
 * hooks added, as one commit. */
static int commit_checked(char rev_out[WP_OID_HEX], wp_store *s, const wp_change *c,
			  const wp_actor *who, const char *fallback_key)
{
	change_set set = { 0 };
	wp_buf msg = WP_BUF_INIT;
	int rc;

	/* A revert's default message says what it did, which is reason
	 * enough for a hook that asks why something changed. */
	set.message = who->message && *who->message ? who->message : NULL;
	if (!set.message && strcmp(fallback_key, "wiki.msg_revert") == 0)
		set.message = message_or(who, fallback_key, c->path, &msg);
	rc = prepare(&set, s, who, c, 1);
	if (rc == 0)
		rc = commit_one(rev_out, s, set.ch, set.n, who, fallback_key, c->path, set.notes);
	change_set_dispose(&set);
	wp_buf_dispose(&msg);
	return rc;
}

void wp_merge_info_dispose(wp_merge_info *m)
{
	wp_merge_result_dispose(&m->result);
	m->merged = 0;
}

/* The page at base and now, when it changed since base: 1 with both set,
 * 0 when it did not change (or is new or gone, which the store's own
 * check answers), or an error. */
static int changed_since(wp_page_file **then, wp_page_file **now, wp_store *s, const char *path,
			 const char *base)
{
	int rc;

	*then = *now = NULL;
	if ((rc = wp_store_read(now, s, path, NULL, 0)) == 0)
		rc = wp_store_read(then, s, path, base, 0);
	if (rc == WP_ENOTFOUND || rc == WP_EINVALID)
		rc = 0; /* gone, new since base, or a bad base: the store says */
	else if (rc == 0)
		rc = strcmp((*then)->blob, (*now)->blob) != 0;
	if (rc <= 0) {
		wp_page_file_free(*then);
		wp_page_file_free(*now);
		*then = *now = NULL;
	}
	return rc;
}

/* A save with a base (who->merge set): saved as it is while the page is
 * still at its base, else merged with what changed since and saved over
 * the current version; overlapping changes fill who->merge->result and
 * refuse with WP_ECONFLICT. A save that loses the race to another one
 * (the page changed while it waited for the writers' lock) merges then,
 * a bounded number of times. */
static int save_merging(char rev_out[WP_OID_HEX], wp_store *s, const wp_change *c,
			const wp_actor *who)
{
	char head[WP_OID_HEX];
	int attempt, rc = WP_ECONFLICT, merging = 0;

	for (attempt = 0; attempt < MERGE_TRIES && rc == WP_ECONFLICT; attempt++) {
		wp_page_file *then, *now;
		wp_merge_result *m = &who->merge->result;
		wp_change merged = *c;

		if ((rc = wp_store_head(head, s)) < 0 ||
		    (rc = changed_since(&then, &now, s, c->path, c->base)) < 0)
			return rc;
		if (rc == 0) {
			merging = 0;
			rc = commit_checked(rev_out, s, c, who, "wiki.msg_edit");
			continue;
		}
		merging = 1;
		wp_merge_result_dispose(m);
		rc = wp_merge_page(m, then->content, then->content_len, now->content,
				   now->content_len, c->content, c->len);
		wp_page_file_free(then);
		wp_page_file_free(now);
		if (rc < 0)
			return rc;
		if (json_array_size(m->conflicts) > 0) {
			wp_error_set("%s", wp_t("merge.conflict"));
			return WP_ECONFLICT;
		}
		merged = (wp_change){ c->path, m->content, m->len, head };
		rc = commit_checked(rev_out, s, &merged, who, "wiki.msg_edit");
	}
	if (rc == 0 && merging) {
		who->merge->merged = 1;
		wp_merge_result_dispose(&who->merge->result);
	}
	return rc;
}

int wp_wiki_save(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *content,
		 size_t len, const char *base, const wp_actor *who)
{
	wp_change ch = { path, content, len, base };
	int rc;

	if ((rc = wp_path_check(path)) < 0 || (rc = wp_wiki_validate(content, len)) < 0)
		return rc;
	if (base && *base && who->merge)
		return save_merging(rev_out, s, &ch, who);
	return commit_checked(rev_out, s, &ch, who, base ? "wiki.msg_edit" : "wiki.msg_new");
}

int wp_wiki_save_many(char rev_out[WP_OID_HEX], wp_store *s, const wp_change *changes, size_t n,
		      const wp_actor *who)
{
	change_set set = { 0 };
	size_t i;
	int rc = 0;

	if (n == 0 || n > WIKI_MAX_CHANGES) {
		wp_error_set("%s", wp_t("wiki.too_many_changes"));
		return n ? WP_ETOOBIG : WP_EINVALID;
	}
	for (i = 0; rc == 0 && i < n; i++)
		if ((rc = wp_path_check(changes[i].path)) == 0 && changes[i].content)
			rc = wp_wiki_validate(changes[i].content, changes[i].len);
	set.batch = changes;
	set.nbatch = n;
	set.message = who->message && *who->message ? who->message : NULL;
	/* Every page is checked (and its problems listed) before any
	 * refusal stops the save, so a form can show them all at once. */
	for (i = 0; i < n && (rc == 0 || rc == WP_EINVALID || rc == WP_ECONFIRM); i++) {
		int one = prepare(&set, s, who, &changes[i], 1);

		/* A hard problem on any page outweighs a warning on another. */
		if (rc == 0 || (rc == WP_ECONFIRM && one < 0))
			rc = one;
	}
	if (rc == WP_ECONFIRM)
		wp_error_set("%s", wp_t("plugin.confirm_needed"));
	if (rc == 0)
		rc = commit_one(rev_out, s, set.ch, set.n, who,
				changes[0].base ? "wiki.msg_edit" : "wiki.msg_new", changes[0].path,
				set.notes);
	change_set_dispose(&set);
	return rc;
}

int wp_wiki_delete(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *base,
		   const wp_actor *who)
{
	wp_change ch = { path, NULL, 0, base ? base : "" };
	int rc;

	if ((rc = wp_path_check(path)) < 0)
		return rc;
	return commit_checked(rev_out, s, &ch, who, "wiki.msg_delete");
}

int wp_wiki_rename(char rev_out[WP_OID_HEX], wp_store *s, const char *from, const char *to,
		   const char *base, const wp_actor *who)
{
	wp_page_file *old = NULL;
	wp_buf stub = WP_BUF_INIT;
	change_set set = { 0 };
	wp_change gone, moved;
	int rc;

	if ((rc = wp_path_check(from)) < 0 || (rc = wp_path_check(to)) < 0)
		return rc;
	if (strcmp(from, to) == 0) {
		wp_error_set("%s", wp_t("wiki.rename_same"));
		return WP_EINVALID;
	}
	rc = wp_store_read(&old, s, from, NULL, 0);
	if (rc < 0)
		return rc;
	/* Moving is taking the page away from `from` and writing it at `to`:
	 * both must be allowed (the types may differ), hooks included. */
	moved = (wp_change){ to, old->content, old->content_len, NULL };
	gone = (wp_change){ from, NULL, 0, base ? base : "" };
	rc = prepare(&set, s, who, &gone, 1);
	set.prior = old;
	if (rc == 0)
		rc = prepare(&set, s, who, &moved, 1);
	if (rc == 0)
		rc = wp_buf_printf(&stub, "---\n%s: %s\n---\n", WP_REDIRECT_FIELD, to);
	if (rc < 0)
		goto done;
	/* The page leaves `from` as a stub, not as a delete. */
	set.ch[0].content = stub.ptr;
	set.ch[0].len = stub.len;
	rc = commit_one(rev_out, s, set.ch, set.n, who, "wiki.msg_rename", from, set.notes);
done:
	change_set_dispose(&set);
	wp_page_file_free(old);
	wp_buf_dispose(&stub);
	return rc;
}

int wp_wiki_revert(char rev_out[WP_OID_HEX], wp_store *s, const char *path, const char *rev,
		   const char *base, const wp_actor *who)
{
	wp_page_file *then = NULL;
	wp_change ch = { path, NULL, 0, base ? base : "" };
	int rc;

	if ((rc = wp_path_check(path)) < 0)
		return rc;
	rc = wp_store_read(&then, s, path, rev, 0);
	if (rc < 0 && rc != WP_ENOTFOUND)
		return rc;
	if (then) {
		ch.content = then->content;
		ch.len = then->content_len;
	}
	rc = commit_checked(rev_out, s, &ch, who, "wiki.msg_revert");
	wp_page_file_free(then);
	return rc;
}

/* Files collected by an import walk; owns paths and contents. */
typedef struct {
	wp_change *changes;
	size_t count, cap;
	wp_buf *report;
	int problems;
} import_set;

static void import_set_dispose(import_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++) {
		free((char *)set->changes[i].path);
		free((char *)set->changes[i].content);
	}
	free(set->changes);
}

static int read_file(char **out, size_t *len, const char *file)
{
	FILE *f = fopen(file, "rb");
	wp_buf b = WP_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = 0;

	*out = NULL;
	if (!f) {
		wp_error_set(wp_t("wiki.read_failed"), file);
		return WP_ERROR;
	}
	b.max = IMPORT_MAX_FILE_BYTES;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = wp_buf_put(&b, chunk, n);
	if (rc == 0 && ferror(f)) {
		wp_error_set(wp_t("wiki.read_failed"), file);
		rc = WP_ERROR;
	}
	fclose(f);
	if (rc < 0) {
		wp_buf_dispose(&b);
		return rc;
	}
	*len = b.len;
	*out = wp_buf_detach(&b);
	return *out ? 0 : WP_ENOMEM;
}

/* The schema of an imported page, links aside: the pages they name may
 * come in the same import. */
static int import_schema(const char *path, const char *content, size_t len)
{
	json_t *meta = NULL, *problems = json_array();
	int rc = problems ? meta_of(&meta, content, len) : WP_ENOMEM;

	if (rc == 0)
		rc = wp_schema_check(problems, wp_type_of_path(path), meta, NULL, NULL);
	if (rc > 0) {
		wp_schema_explain(problems);
		rc = WP_EINVALID;
	}
	json_decref(meta);
	json_decref(problems);
	return rc;
}

/* Adds one file (rel is its path below the import root, with ".md"). */
static int import_file(import_set *set, const char *file, const char *rel)
{
	size_t rlen = strlen(rel), len = 0;
	char *path, *content = NULL;
	int rc;

	path = strndup(rel, rlen - 3);
	if (!path)
		return WP_ENOMEM;
	if ((rc = wp_path_check(path)) < 0 || (rc = read_file(&content, &len, file)) < 0 ||
	    (rc = wp_wiki_validate(content, len)) < 0 ||
	    (rc = import_schema(path, content, len)) < 0) {
		if (rc == WP_ENOMEM)
			goto fail;
		set->problems++;
		rc = wp_buf_printf(set->report, "%s: %s\n", rel, wp_error_last());
		goto fail;
	}
	if (set->count == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		wp_change *c = realloc(set->changes, cap * sizeof(*c));

		if (!c) {
			rc = WP_ENOMEM;
			goto fail;
		}
		set->changes = c;
		set->cap = cap;
	}
	set->changes[set->count++] = (wp_change){ path, content, len, "" };
	return 0;
fail:
	free(path);
	free(content);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir (rel is its path below the root, "" at the top) in name order. */
static int import_dir(import_set *set, const char *dir, const char *rel, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		wp_error_set(wp_t("wiki.read_failed"), dir);
		return WP_ENOTFOUND;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden files such as .git */
		if (n == cap) {
			char **m = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*m));

			if (!m) {
				rc = WP_ENOMEM;
				break;
			}
			names = m;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = WP_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		char full[4096], sub[4096];
		struct stat st;
		size_t len = strlen(names[i]);

		snprintf(full, sizeof(full), "%s/%s", dir, names[i]);
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (lstat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < WP_PATH_MAX_DEPTH)
			rc = import_dir(set, full, sub, depth + 1);
		else if (S_ISREG(st.st_mode) && len > 3 && strcmp(names[i] + len - 3, ".md") == 0)
			rc = set->count >= IMPORT_MAX_FILES ? WP_ETOOBIG
							    : import_file(set, full, sub);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int wp_wiki_import(char rev_out[WP_OID_HEX], size_t *count, wp_store *s, const char *srcdir,
		   const wp_actor *who, wp_buf *report)
{
	import_set set = { NULL, 0, 0, report, 0 };
	int rc;

	*count = 0;
	rc = import_dir(&set, srcdir, "", 1);
	if (rc == WP_ETOOBIG)
		wp_error_set(wp_t("wiki.import_too_many"), IMPORT_MAX_FILES);
	if (rc < 0)
		goto done;
	if (set.problems) {
		wp_error_set(wp_t("wiki.import_problems"), set.problems);
		rc = WP_EINVALID;
		goto done;
	}
	if (set.count == 0) {
		wp_error_set(wp_t("wiki.import_empty"), srcdir);
		rc = WP_ENOTFOUND;
		goto done;
	}
	rc = commit_one(rev_out, s, set.changes, set.count, who, "wiki.msg_import", srcdir, NULL);
	if (rc == 0)
		*count = set.count;
done:
	import_set_dispose(&set);
	return rc;
}

typedef struct {
	wp_store *store;
	wp_buf *report;
	int problems;
	int rc;
} check_state;

static int check_page(void *payload, const char *path)
{
	check_state *st = payload;
	wp_page *p = NULL;
	int rc;

	rc = wp_page_load(&p, st->store, path, NULL, 0);
	if (rc == WP_ENOMEM) {
		st->rc = rc;
		return 1;
	}
	if (rc < 0 || wp_page_parse_error(p)) {
		st->problems++;
		wp_buf_printf(st->report, "%s: %s\n", path,
			      rc < 0 ? wp_error_last() : wp_page_parse_error(p));
	} else if (!wp_page_redirect(p)) {
		/* The schema, links included (against the pages at HEAD). */
		link_check lc = { st->store, NULL, wp_page_type(p), NULL };
		json_t *problems = json_array();

		rc = problems ? wp_schema_check(problems, wp_page_type(p), wp_page_meta(p),
						link_exists, &lc)
			      : WP_ENOMEM;
		if (rc > 0) {
			st->problems++;
			wp_schema_explain(problems);
			wp_buf_printf(st->report, "%s: %s\n", path, wp_error_last());
		}
		json_decref(problems);
		if (rc == WP_ENOMEM) {
			st->rc = rc;
			wp_page_free(p);
			return 1;
		}
	}
	wp_page_free(p);
	return 0;
}

int wp_wiki_check(wp_buf *report, wp_store *s)
{
	check_state st = { s, report, 0, 0 };
	int rc;

	rc = wp_store_check(report, s);
	if (rc < 0)
		return rc;
	st.problems = rc;
	rc = wp_store_list_all(s, check_page, &st);
	if (st.rc < 0)
		return st.rc;
	if (rc < 0)
		return rc;
	return st.problems;
}
