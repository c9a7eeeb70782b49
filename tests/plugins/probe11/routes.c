/* routes.c - the routes of the test plugin "probe11", one door to each
 * request service added in plugin API 1.1:
 *
 *   POST /api/probe11/opslaan   {"pages": [{"path", "content", "base"}],
 *                               "message"} through save_pages: 201
 *                               {"revision"}, or {"error", "problems"}
 *   GET  /api/probe11/geschiedenis/<path>?limiet=N   page_history
 *   GET  /probe11/csv?naam=F    a CSV answer through send_text, offered
 *                               as download F when given
 *   GET  /api/probe11/slug?s=T&n=N   slug (into 128 bytes and into N) and
 *                               url_encode of T */
#include "probe11.h"

#include <stdlib.h>
#include <string.h>

/* The codes of plugin.h and error.h a save may return. */
#define PROBE11_ENOTFOUND (-2)
#define PROBE11_ECONFLICT (-4)
#define PROBE11_ETOOBIG (-5)
#define PROBE11_EEXISTS (-6)

#define MAX_PAGES 20 /* more than save_pages takes, to see it refuse */

#define CSV_BODY "naam;plaats\r\n\"Één\";Café\r\n"

static int status_of(int rc)
{
	switch (rc) {
	case WP_PLUGIN_EINVALID: return 400;
	case WP_PLUGIN_EFORBIDDEN: return 403;
	case PROBE11_ENOTFOUND: return 404;
	case PROBE11_ECONFLICT:
	case PROBE11_EEXISTS: return 409;
	case PROBE11_ETOOBIG: return 413;
	default: return 500;
	}
}

static int send_failure(wp_request *r)
{
	const wp_host *h = probe11_host();
	const char *why = h->error();

	return h->send_error(r, 500, why && *why ? why : h->text("probe11.failed"));
}

static int route_save(wp_request *r)
{
	const wp_host *h = probe11_host();
	json_t *in = h->json_body(r), *problems = json_array();
	json_t *list = json_object_get(in, "pages");
	wp_page_write pages[MAX_PAGES];
	char rev[41] = "";
	size_t i, n = json_array_size(list);
	int rc, status;

	if (!json_is_array(list) || n > MAX_PAGES || !problems) {
		status = h->send_error(r, 400, h->text("probe11.bad_json"));
		goto done;
	}
	for (i = 0; i < n; i++) {
		const json_t *p = json_array_get(list, i);

		pages[i] = (wp_page_write){ json_string_value(json_object_get(p, "path")),
					    json_string_value(json_object_get(p, "content")),
					    json_string_length(json_object_get(p, "content")),
					    json_string_value(json_object_get(p, "base")) };
	}
	rc = h->save_pages(r, pages, n, json_string_value(json_object_get(in, "message")),
			   problems, rev);
	if (rc == 0)
		status = h->send_json(r, 201, json_pack("{s:s}", "revision", rev));
	else
		status = h->send_json(r, status_of(rc), json_pack("{s:s, s:O}", "error",
								  h->error(), "problems",
								  problems));
done:
	json_decref(in);
	json_decref(problems);
	return status;
}

static int route_history(wp_request *r, const char *path)
{
	const wp_host *h = probe11_host();
	char *limit = h->query(r, "limiet");
	json_t *entries = NULL;
	int rc = h->page_history(r, &entries, path, limit ? strtoul(limit, NULL, 10) : 0);

	free(limit);
	if (rc == PROBE11_ENOTFOUND)
		return h->send_error(r, 404, h->error());
	if (rc < 0)
		return send_failure(r);
	return h->send_json(r, 200, json_pack("{s:o}", "entries", entries));
}

static int route_csv(wp_request *r)
{
	const wp_host *h = probe11_host();
	char *name = h->query(r, "naam");
	int rc = h->send_text(r, 200, "text/csv; charset=utf-8", CSV_BODY, strlen(CSV_BODY), name);

	free(name);
	return rc;
}

static int route_slug(wp_request *r)
{
	const wp_host *h = probe11_host();
	char *s = h->query(r, "s"), *n = h->query(r, "n"), *url;
	char slug[128], small[128];
	size_t size = n ? strtoul(n, NULL, 10) : sizeof(small);
	int rc;

	if (size > sizeof(small))
		size = sizeof(small);
	h->slug(slug, sizeof(slug), s);
	memset(small, 'x', sizeof(small));
	h->slug(small, size, s);
	url = h->url_encode(s);
	if (!url)
		rc = send_failure(r);
	else
		/* With n=0 the slug must not touch the buffer. */
		rc = h->send_json(r, 200, json_pack("{s:s, s:s%, s:s}", "slug", slug, "kort", small,
						    size ? strnlen(small, size) : 0, "url", url));
	free(s);
	free(n);
	free(url);
	return rc;
}

int probe11_route(wp_plugin *self, wp_request *r)
{
	const wp_host *h = probe11_host();
	const char *rest = h->rest(r);
	int post = h->method(r) == WP_POST;

	(void)self;
	if (strcmp(rest, "/opslaan") == 0 && h->is_api(r))
		return post ? route_save(r) : h->send_error(r, 405, h->text("probe11.use_post"));
	if (post)
		return h->send_error(r, 404, h->text("probe11.unknown_route"));
	if (strncmp(rest, "/geschiedenis/", 14) == 0 && h->is_api(r))
		return route_history(r, rest + 14);
	if (strcmp(rest, "/csv") == 0)
		return route_csv(r);
	if (strcmp(rest, "/slug") == 0 && h->is_api(r))
		return route_slug(r);
	return h->send_error(r, 404, h->text("probe11.unknown_route"));
}
