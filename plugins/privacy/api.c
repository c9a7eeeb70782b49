/* api.c - POST /api/privacy/controle: checks a text without saving it,
 * for an editor that wants to mark the spots while the person writes,
 * or a script that cleans notes before they become a page.
 *
 *   {"content": "..."}  ->  200 {"findings": [...], "clean": bool,
 *                               "blocks": bool, "replaced": "..."}
 *
 * Each finding as in a refused save (kind, label, start, end in bytes,
 * text, placeholder, blocks, message, field); "replaced" is the text with
 * every spot replaced by its placeholder. Only for people who may log
 * in (an anonymous visitor gets 403): the answer repeats the text. */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

static int check(pv_config *cfg, wp_request *r, const char *content, size_t len)
{
	pv_hits hits = {0};
	json_t *list = json_array();
	char *replaced = NULL;
	size_t i;
	int blocks = 0;

	if (!list || pv_config_scan(cfg, &hits, content, len) < 0 ||
	    !(replaced = pv_replaced(&hits, content, len))) {
		json_decref(list);
		pv_hits_dispose(&hits);
		return pv_host->send_error(r, 500, pv_host->text("privacy.no_memory"));
	}
	for (i = 0; i < hits.n; i++) {
		json_array_append_new(list, pv_finding_json(&hits.v[i], content, len, 0));
		blocks |= pv_blocks(hits.v[i].kind);
	}
	pv_hits_dispose(&hits);
	i = (size_t)pv_host->send_json(r, 200,
				       json_pack("{s:o, s:b, s:b, s:s}", "findings", list, "clean",
						 json_array_size(list) == 0, "blocks", blocks,
						 "replaced", replaced));
	free(replaced);
	return (int)i;
}

int pv_route_check(wp_plugin *self, wp_request *r)
{
	const char *rest = pv_host->rest(r);
	json_t *body, *content;
	int rc;

	if (strcmp(rest, "/controle") != 0)
		return pv_host->send_error(r, 404, pv_host->text("privacy.api.not_found"));
	if (pv_host->viewer(r)->role == WP_ROLE_ANONIEM)
		return pv_host->send_error(r, 403, pv_host->text("privacy.api.login"));
	body = pv_host->json_body(r);
	content = json_object_get(body, "content");
	if (!json_is_string(content))
		rc = pv_host->send_error(r, 400, pv_host->text("privacy.api.need_content"));
	else
		rc = check(pv_host->data(self), r, json_string_value(content),
			   json_string_length(content));
	json_decref(body);
	return rc;
}
