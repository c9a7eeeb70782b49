/* body.c - a perspective's body as HTML inside its story's page.
 *
 * Two things differ from the perspective's own page:
 *   - host->markdown() resolves wikilinks as if written on no page, so a
 *     bare [[slug]] naming a sibling perspective (as the demo ones do)
 *     would point nowhere; such links are made explicit first, for the
 *     siblings the reader may see;
 *   - the body's headings sit under the section's own (h2 > h3 > h4), so
 *     they move down three levels. */
#include "verhalen.h"

#include <stdlib.h>
#include <string.h>

/* The slugs of the pages next to path (same folder) the asker may read,
 * as a JSON object {slug: true}; NULL on failure. */
static json_t *siblings(wp_request *r, const char *folder)
{
	char lo[VH_PATH_MAX + 2], hi[VH_PATH_MAX + 2];
	const char *params[2] = {lo, hi};
	json_t *rows = NULL, *set, *row;
	size_t i, n = strlen(folder);

	if (n + 2 > sizeof(lo))
		return NULL;
	memcpy(lo, folder, n);
	memcpy(hi, folder, n);
	memcpy(lo + n, "/", 2);
	memcpy(hi + n, "0", 2); /* '0' follows '/': the range is the folder */
	if (vh_host->query_index(r, &rows,
				 "SELECT p.path AS path FROM pages p WHERE p.path > ?1 AND "
				 "p.path < ?2 AND " WP_PLUGIN_VISIBLE("p"),
				 params, 2) < 0)
		return NULL;
	set = json_object();
	json_array_foreach(rows, i, row)
	{
		const char *slug = vh_str(row, "path") ? vh_str(row, "path") + n + 1 : NULL;

		if (set && slug && !strchr(slug, '/'))
			json_object_set_new(set, slug, json_true());
	}
	json_decref(rows);
	return set;
}

/* Appends s[0..n) to *out (of *len bytes, *cap allocated). */
static int append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t want = (*len + n + 1) * 2;
		char *p = realloc(*out, want);

		if (!p)
			return -1;
		*out = p;
		*cap = want;
	}
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
	return 0;
}

/* md with every [[slug that names a sibling written as [[folder/slug.
 * malloc'd, or NULL. */
static char *explicit_links(const char *md, const char *folder, const json_t *sibs)
{
	size_t len = 0, cap = 0, flen = strlen(folder);
	const char *p = md, *hit;
	char *out = NULL, slug[VH_SLUG_MAX * 2];
	int rc = append(&out, &len, &cap, "", 0);

	for (hit = strstr(p, "[["); rc == 0 && hit; hit = strstr(p, "[[")) {
		size_t t = strcspn(hit + 2, "|]\n/");

		rc = append(&out, &len, &cap, p, (size_t)(hit - p) + 2);
		p = hit + 2;
		if (rc < 0 || t == 0 || t >= sizeof(slug) || hit[2 + t] == '/' ||
		    hit[2 + t] == '\n')
			continue;
		memcpy(slug, hit + 2, t);
		slug[t] = '\0';
		if (json_object_get(sibs, slug) &&
		    ((rc = append(&out, &len, &cap, folder, flen)) < 0 ||
		     (rc = append(&out, &len, &cap, "/", 1)) < 0))
			break;
	}
	if (rc == 0)
		rc = append(&out, &len, &cap, p, strlen(p));
	if (rc < 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Moves every heading tag of html (safe HTML from the renderer, where a
 * literal "<h" in text is escaped) three levels down, h6 at most. */
static void demote_headings(char *html)
{
	char *p;

	for (p = strstr(html, "<"); p; p = strstr(p + 1, "<")) {
		char *h = p[1] == '/' ? p + 2 : p + 1;

		if (h[0] == 'h' && h[1] >= '1' && h[1] <= '6' && (h[2] == '>' || h[2] == ' '))
			h[1] = (char)(h[1] + 3 > '6' ? '6' : h[1] + 3);
	}
}

char *vh_body_html(wp_request *r, const char *path, const char *md)
{
	char folder[VH_PATH_MAX], *slash, *rewritten = NULL, *html;
	json_t *sibs = NULL;

	if (strlen(path) < sizeof(folder)) {
		memcpy(folder, path, strlen(path) + 1);
		slash = strrchr(folder, '/');
		if (slash) {
			*slash = '\0';
			sibs = siblings(r, folder);
		}
		if (sibs && json_object_size(sibs) > 0)
			rewritten = explicit_links(md, folder, sibs);
	}
	if (rewritten)
		md = rewritten;
	html = vh_host->markdown(r, md, strlen(md));
	if (html)
		demote_headings(html);
	free(rewritten);
	json_decref(sibs);
	return html;
}
