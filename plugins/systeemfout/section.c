/* section.c - what the page view shows of system errors:
 *   - on an error's page: its status history read from git, every
 *     workaround and story behind it (from the index), whether the owner
 *     answered, and for the regio team the way to move its status;
 *   - on a story's or a workaround's page: the errors it points at, and
 *     on a story the way to record a workaround with its error.
 * The page view is kept per account and HEAD, so nothing here may hold a
 * form token: the status form is a page of its own (status.c). */
#include "systeemfout.h"

#include <stdlib.h>
#include <string.h>

/* "/<prefix><path>" with the path percent-encoded as a query value when
 * query is set. malloc'd. */
static char *href(const char *prefix, const char *path, int query)
{
	char *enc = query ? sf_host->url_encode(path) : NULL, *out;
	const char *p = query ? enc : path;
	size_t n;

	if (query && !enc)
		return NULL;
	n = strlen(prefix) + strlen(p) + 1;
	out = malloc(n);
	if (out) {
		memcpy(out, prefix, strlen(prefix));
		memcpy(out + strlen(prefix), p, strlen(p) + 1);
	}
	free(enc);
	return out;
}

static void set_href(json_t *data, const char *key, const char *prefix, const char *path, int query)
{
	char *h = href(prefix, path, query);

	if (h)
		json_object_set_new(data, key, json_string(h));
	free(h);
}

/* The owner's answer: {"tekst","datum"} when there is one. */
static void add_answer(json_t *data, const json_t *meta)
{
	const json_t *a = json_object_get(meta, "terugkoppeling");
	const char *text = sf_str(a, "tekst");

	json_object_set_new(data, "answered", json_boolean(text && *text));
	if (text && *text)
		json_object_set_new(data, "answer",
				    json_pack("{s:s, s:s}", "tekst", text, "datum",
					      sf_str(a, "datum") ? sf_str(a, "datum") : ""));
}

int sf_section_error(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	json_t *behind = NULL, *moves = NULL, *d;
	const char *status = sf_str(page->meta, "status");
	int rc;

	(void)self;
	*data = NULL;
	if ((rc = sf_behind(r, page->path, &behind)) < 0)
		return rc;
	if ((rc = sf_status_history(r, page->path, &moves)) < 0) {
		json_decref(behind);
		return rc;
	}
	d = json_pack(
	    "{s:s, s:s, s:b, s:b, s:o, s:b, s:I, s:I, s:b, s:b}", "path", page->path,
	    "status_label", sf_status_label(status ? status : "gemeld"), "closed",
	    sf_status_closed(status), "may_move", sf_is_regio(sf_host->viewer(r)), "moves", moves,
	    "has_moves", json_array_size(moves) > 0, "n_olifantenpaden",
	    (json_int_t)json_array_size(json_object_get(behind, "olifantenpaden")), "n_verhalen",
	    (json_int_t)json_array_size(json_object_get(behind, "verhalen")), "has_olifantenpaden",
	    json_array_size(json_object_get(behind, "olifantenpaden")) > 0, "has_verhalen",
	    json_array_size(json_object_get(behind, "verhalen")) > 0);
	if (!d) {
		json_decref(behind);
		return WP_PLUGIN_EINVALID;
	}
	json_object_update(d, behind);
	json_decref(behind);
	add_answer(d, page->meta);
	set_href(d, "status_href", "/systeemfout/status/", page->path, 0);
	set_href(d, "workaround_href", "/olifantenpad/nieuw?systeemfout=", page->path, 1);
	json_object_set_new(
	    d, "may_write",
	    json_boolean(sf_host->viewer(r) && sf_host->viewer(r)->role >= WP_ROLE_PROFESSIONAL));
	*data = d;
	return 0;
}

int sf_section_pointing(wp_plugin *self, wp_request *r, const wp_page_info *page, json_t **data)
{
	int story = strcmp(page->type, SF_STORY_TYPE) == 0;
	int may_write = sf_host->viewer(r) && sf_host->viewer(r)->role >= WP_ROLE_PROFESSIONAL;
	json_t *errors = NULL, *d;
	int rc;

	(void)self;
	*data = NULL;
	if ((rc = sf_errors_of(r, page->path, page->type, &errors)) < 0)
		return rc;
	if (json_array_size(errors) == 0 && !(story && may_write)) {
		json_decref(errors);
		return 0;
	}
	d = json_pack("{s:o, s:b, s:b, s:b}", "errors", errors, "has_errors",
		      json_array_size(errors) > 0, "story", story, "may_write", may_write);
	if (!d)
		return WP_PLUGIN_EINVALID;
	if (story && may_write)
		set_href(d, "workaround_href", "/olifantenpad/nieuw?verhaal=", page->path, 1);
	*data = d;
	return 0;
}
