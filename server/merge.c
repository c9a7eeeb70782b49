/* merge.c - three-way merge of a stale save (see merge.h). */
#include "merge.h"

#include "buf.h"
#include "error.h"
#include "frontmatter.h"
#include "texts.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

void wp_merge_result_dispose(wp_merge_result *r)
{
	free(r->content);
	json_decref(r->conflicts);
	memset(r, 0, sizeof(*r));
}

/* One file split into its front matter (an empty object when it has
 * none) and body; parsed 0 when the front matter does not parse. */
typedef struct {
	json_t *meta;
	const char *body;
	size_t body_len;
	int parsed;
} split_file;

static void split(split_file *f, const char *text, size_t len)
{
	size_t off = 0;

	f->meta = NULL;
	f->parsed = wp_fm_parse(&f->meta, &off, text, len) == 0;
	if (!f->parsed) {
		json_decref(f->meta);
		f->meta = json_object();
		off = 0;
	}
	f->body = text + off;
	f->body_len = len - off;
}

/* Text merge of mine and current over base with git_merge_file(): the
 * result into out; *clean set when nothing overlapped. */
static int merge_text(wp_buf *out, int *clean, const char *base, size_t blen, const char *current,
		      size_t clen, const char *mine, size_t mlen)
{
	git_merge_file_input a = GIT_MERGE_FILE_INPUT_INIT, o = GIT_MERGE_FILE_INPUT_INIT,
			     t = GIT_MERGE_FILE_INPUT_INIT;
	git_merge_file_options opts = GIT_MERGE_FILE_OPTIONS_INIT;
	git_merge_file_result res;
	int rc;

	a.ptr = base, a.size = blen;
	o.ptr = current, o.size = clen;
	t.ptr = mine, t.size = mlen;
	opts.ancestor_label = wp_t("merge.label_base");
	opts.our_label = wp_t("merge.label_current");
	opts.their_label = wp_t("merge.label_mine");
	memset(&res, 0, sizeof(res));
	if (git_merge_file(&res, &a, &o, &t, &opts) < 0) {
		wp_error_set(wp_t("merge.failed"),
			     git_error_last() ? git_error_last()->message : "");
		return WP_ERROR;
	}
	*clean = res.automergeable;
	rc = wp_buf_put(out, res.ptr ? res.ptr : "", res.len);
	git_merge_file_result_free(&res);
	return rc;
}

/* The merged value of key, or NULL for a key that goes; adds key to
 * conflicts when both sides changed it differently (mine wins then, so
 * the person's text is never lost). Borrowed. */
static json_t *merged_value(const char *key, const json_t *b, json_t *cur, json_t *mine,
			    json_t *conflicts)
{
	json_t *vb = json_object_get(b, key), *vc = json_object_get(cur, key),
	       *vm = json_object_get(mine, key);

	if ((!vm && !vb) || (vm && vb && json_equal(vm, vb)))
		return vc; /* the person left it: the current value */
	if ((!vc && !vb) || (vc && vb && json_equal(vc, vb)))
		return vm; /* only the person changed it */
	if ((!vc && !vm) || (vc && vm && json_equal(vc, vm)))
		return vm; /* both alike */
	json_array_append_new(conflicts, json_string(key));
	return vm ? vm : vc;
}

/* The front matter merged key by key: current's keys in their order,
 * then the person's new ones. */
static json_t *merge_meta(const json_t *b, json_t *cur, json_t *mine, json_t *conflicts)
{
	json_t *out = json_object(), *v;
	const char *key;

	json_object_foreach(cur, key, v) {
		json_t *m = merged_value(key, b, cur, mine, conflicts);

		if (m)
			json_object_set(out, key, m);
	}
	json_object_foreach(mine, key, v) {
		json_t *m;

		if (json_object_get(cur, key))
			continue;
		if ((m = merged_value(key, b, cur, mine, conflicts)))
			json_object_set(out, key, m);
	}
	return out;
}

int wp_merge_page(wp_merge_result *out, const char *base, size_t base_len, const char *current,
		  size_t current_len, const char *mine, size_t mine_len)
{
	split_file fb, fc, fm;
	wp_buf file = WP_BUF_INIT;
	json_t *meta = NULL;
	int rc, clean = 0;

	memset(out, 0, sizeof(*out));
	if (!(out->conflicts = json_array()))
		return WP_ENOMEM;
	split(&fb, base, base_len);
	split(&fc, current, current_len);
	split(&fm, mine, mine_len);
	if (!fb.parsed || !fc.parsed || !fm.parsed) {
		/* A broken front matter somewhere: the whole files as text. */
		rc =
		    merge_text(&file, &clean, base, base_len, current, current_len, mine, mine_len);
	} else {
		meta = merge_meta(fb.meta, fc.meta, fm.meta, out->conflicts);
		rc = meta ? wp_fm_write(&file, meta) : WP_ENOMEM;
		if (rc == 0)
			rc = merge_text(&file, &clean, fb.body, fb.body_len, fc.body, fc.body_len,
					fm.body, fm.body_len);
	}
	if (rc == 0 && !clean)
		json_array_append_new(out->conflicts, json_string("tekst"));
	if (rc == 0 && !(out->content = wp_buf_detach(&file)))
		out->content = strdup("");
	out->len = out->content ? strlen(out->content) : 0;
	if (rc == 0 && !out->content)
		rc = WP_ENOMEM;
	wp_buf_dispose(&file);
	json_decref(meta);
	json_decref(fb.meta);
	json_decref(fc.meta);
	json_decref(fm.meta);
	if (rc < 0)
		wp_merge_result_dispose(out);
	return rc;
}
