/* http_visible.c - what a reader may see of a page's past: whether a page
 * is readable as it stands or at a revision, and which changes of a
 * history or of the recent changes they may see. Every door that shows a
 * page from git (not from the index, which filters itself) asks here. */
#include "error.h"
#include "http_int.h"
#include "plugin_host.h"
#include "texts.h"
#include "wiki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether r's viewer may read page path as it stands: at HEAD, or for a
 * deleted page as it was last; a rename stub as its target. 1 yes, 0 no
 * (also for a page that never existed), or an error. History, diffs and
 * old revisions are only shown for a page readable now. */
/* Loads page path as it stands: at HEAD, or for a deleted page as it was
 * last. WP_ENOTFOUND for a page that never existed. */
static int load_now(wp_page **out, wp_req *r, const char *path)
{
	wp_log log = { NULL, 0 };
	int rc = wp_page_load(out, r->store, path, NULL, 0);

	if (rc == WP_ENOTFOUND) {
		rc = wp_store_history(&log, r->store, path, 2);
		if (rc == 0 && log.count == 2 && log.entries[0].deleted)
			rc = wp_page_load(out, r->store, path, log.entries[1].revision, 0);
		else if (rc == 0)
			rc = WP_ENOTFOUND;
		wp_log_dispose(&log);
	}
	return rc;
}

static int readable_now(wp_req *r, const char *path, int depth)
{
	wp_page *p = NULL;
	int rc = load_now(&p, r, path);

	if (rc == WP_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	if (wp_page_redirect(p))
		rc = depth < 2 ? readable_now(r, wp_page_redirect(p), depth + 1) : 0;
	else
		rc = wp_may_read_meta(&r->viewer, wp_page_meta(p));
	wp_page_free(p);
	return rc;
}

/* 0 when r's viewer may see page path (now, and at revision rev when
 * not NULL); else the answer is sent - the same 404 as for a page that
 * does not exist - and its status returned. */
int wp_req_check_readable(wp_req *r, const char *path, const char *rev)
{
	wp_page *then = NULL;
	int rc = readable_now(r, path, 0);

	if (rc == 1 && rev) {
		rc = wp_page_load(&then, r->store, path, rev, 0);
		if (rc == 0)
			rc = wp_req_page_readable(r, then);
		else if (rc == WP_ENOTFOUND)
			rc = 1; /* not there then: an empty side, nothing to hide */
		wp_page_free(then);
	}
	if (rc == 1)
		return 0;
	if (rc == 0)
		return wp_send_error(r, 404, NULL);
	return wp_send_error(r, wp_status_for(rc), wp_error_last());
}

int wp_req_page_readable(const wp_req *r, const wp_page *p)
{
	return wp_page_redirect(p) || wp_may_read_meta(&r->viewer, wp_page_meta(p));
}

int wp_req_readable_now(wp_req *r, const char *path)
{
	return readable_now(r, path, 0);
}

/* Whether the viewer could read page path as commit rev left it; for a
 * deletion (deleted set), as the commit before it found it. 1, 0 or an
 * error. */
static int entry_readable(wp_req *r, const char *path, const char *rev, int deleted)
{
	wp_log log = { NULL, 0 };
	wp_page *p = NULL;
	int rc;

	if (deleted) {
		/* The page's history up to the deletion: its second entry is the
		 * version that was deleted. */
		rc = wp_store_history(&log, r->store, path, 0);
		for (size_t i = 0; rc == 0 && i + 1 < log.count; i++) {
			if (strcmp(log.entries[i].revision, rev) == 0) {
				rc = wp_page_load(&p, r->store, path, log.entries[i + 1].revision,
						  0);
				break;
			}
		}
		wp_log_dispose(&log);
		if (rc == 0 && !p)
			return 0;
	} else {
		rc = wp_page_load(&p, r->store, path, rev, 0);
	}
	if (rc == WP_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	rc = wp_req_page_readable(r, p);
	wp_page_free(p);
	return rc;
}

/* The account name in a commit e-mail the wiki made
 * ("<name>@werkplaats.invalid") into out, or "" for any other address. */
static void account_of(char *out, size_t n, const char *email)
{
	static const char domain[] = "@werkplaats.invalid";
	const char *at = email ? strrchr(email, '@') : NULL;

	out[0] = '\0';
	if (at && strcmp(at, domain) == 0 && (size_t)(at - email) < n) {
		memcpy(out, email, (size_t)(at - email));
		out[at - email] = '\0';
	}
}

const char *wp_req_shown_author(wp_req *r, int masked, const char *name, const char *email,
				char *buf, size_t n)
{
	char account[WP_NAME_MAX + 1];
	wp_account a;
	char key[48];

	if (!masked)
		return name ? name : "";
	account_of(account, sizeof(account), email);
	if (account[0] && r->viewer.name && strcmp(account, r->viewer.name) == 0)
		return name ? name : "";
	if (!account[0] || wp_accounts_get(r->accounts, account, &a) < 0) {
		snprintf(buf, n, "%s", wp_t("author.masked"));
		return buf;
	}
	if (a.team[0] && r->viewer.team && strcmp(a.team, r->viewer.team) == 0)
		return name ? name : "";
	snprintf(key, sizeof(key), "author.role.%s", wp_role_name(a.role));
	snprintf(buf, n, wp_t("author.masked_role"), wp_t(key));
	return buf;
}

/* Whether the authors of page path, as it stands, are masked. */
static int page_masked(wp_req *r, const char *path)
{
	wp_page *p = NULL;
	int masked;

	if (load_now(&p, r, path) < 0)
		return 0;
	masked = wp_plugins_author_masked(path, wp_page_type(p), wp_page_meta(p));
	wp_page_free(p);
	return masked;
}

/* Replaces the authors of the entries whose page masks them by what the
 * viewer is shown (wp_req_shown_author). */
static int mask_log(wp_req *r, wp_log *log, const char *path)
{
	int all = path ? page_masked(r, path) : 0; /* a page's history: one page */
	char shown[160];
	size_t i;

	for (i = 0; i < log->count; i++) {
		wp_log_entry *e = &log->entries[i];
		const char *who;
		char *copy;

		if (path ? !all : !e->path || !page_masked(r, e->path))
			continue;
		who = wp_req_shown_author(r, 1, e->author, e->email, shown, sizeof(shown));
		if (who == e->author)
			continue;
		if (!(copy = strdup(who)))
			return WP_ENOMEM;
		free(e->author);
		e->author = copy;
	}
	return 0;
}

int wp_req_filter_log(wp_req *r, wp_log *log, const char *path)
{
	size_t i, kept = 0;
	int rc = 0, ok;

	for (i = 0; i < log->count; i++) {
		wp_log_entry *e = &log->entries[i];
		const char *p = path ? path : e->path;

		ok = 0;
		if (rc == 0 && p) {
			ok = path ? 1 : wp_req_readable_now(r, p);
			if (ok == 1)
				ok = entry_readable(r, p, e->revision, e->deleted);
			if (ok < 0)
				rc = ok;
		}
		if (ok == 1) {
			log->entries[kept++] = *e;
			continue;
		}
		free(e->author);
		free(e->email);
		free(e->message);
		free(e->path);
	}
	log->count = kept;
	return rc < 0 ? rc : mask_log(r, log, path);
}
