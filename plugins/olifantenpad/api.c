/* api.c - the JSON API of the olifantenpad plugin:
 *   POST /api/olifantenpad  {"olifantenpad": {"titel", "obstakel",
 *        "oplossing", "mandaat", "risico", "verhalen": [slugs], "tekst",
 *        "melder"}, "systeemfout": "<slug or path>" | {"titel",
 *        "regeling", "eigenaar", "impact", "escalatie"}}
 *        -> 201 {"path", "revision", "systeemfout", "nieuw"}; 400 with
 *        {"error", "problems": [{"path"?, "field", "message"}]}; 403.
 *   GET  /api/olifantenpad/systeemfouten?q=…  the errors the asker may
 *        read whose title or rule holds q (the form's search as you
 *        type): [{"path", "title", "status", "status_label",
 *        "eigenaar"}], at most 20, by title. */
#include "olifantenpad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HITS_MAX 20
#define QUERY_MAX 200

/* ---- POST ---- */

/* The stories of the JSON ("verhalen": a list of strings, or one string)
 * as one text, one per line, into *out (malloc'd; NULL when absent).
 * -1 when they are neither. */
static int stories_text(const json_t *v, char **out)
{
	size_t i, n = 0;
	const json_t *s;

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return (*out = strdup(json_string_value(v))) ? 0 : -1;
	if (!json_is_array(v))
		return -1;
	json_array_foreach(v, i, s) {
		if (!json_is_string(s))
			return -1;
		n += json_string_length(s) + 1;
	}
	if (!(*out = calloc(1, n + 1)))
		return -1;
	json_array_foreach(v, i, s) {
		strcat(*out, json_string_value(s));
		strcat(*out, "\n");
	}
	return 0;
}

/* Non-zero when every member of obj named in keys is a string or null. */
static int strings_only(const json_t *obj, const char *const *keys)
{
	const json_t *v;

	for (; *keys; keys++)
		if ((v = json_object_get(obj, *keys)) && !json_is_string(v) && !json_is_null(v))
			return 0;
	return 1;
}

static const char *const workaround_keys[] = { "titel",	 "obstakel", "oplossing", "mandaat",
					       "risico", "tekst",    "melder",	  NULL };
static const char *const error_keys[] = { "titel",  "regeling",	 "eigenaar",
					  "impact", "escalatie", NULL };

/* Reads the body into in (strings borrowed from body, *stories
 * malloc'd). 0, or -1 when the body does not have the documented shape. */
static int read_body(const json_t *body, op_input *in, char **stories)
{
	const json_t *w = json_object_get(body, "olifantenpad");
	const json_t *e = json_object_get(body, "systeemfout");

	memset(in, 0, sizeof(*in));
	*stories = NULL;
	if (!json_is_object(body) || !json_is_object(w) || !strings_only(w, workaround_keys) ||
	    (e && !json_is_null(e) && !json_is_string(e) &&
	     !(json_is_object(e) && strings_only(e, error_keys))))
		return -1;
	if (stories_text(json_object_get(w, "verhalen"), stories) < 0)
		return -1;
	in->titel = op_str(w, "titel");
	in->obstakel = op_str(w, "obstakel");
	in->oplossing = op_str(w, "oplossing");
	in->mandaat = op_str(w, "mandaat");
	in->risico = op_str(w, "risico");
	in->tekst = op_str(w, "tekst");
	in->melder = op_str(w, "melder");
	in->verhalen = *stories;
	if (json_is_object(e)) {
		in->keuze = "nieuw";
		in->sf_titel = op_str(e, "titel");
		in->sf_regeling = op_str(e, "regeling");
		in->sf_eigenaar = op_str(e, "eigenaar");
		in->sf_impact = op_str(e, "impact");
		in->sf_escalatie = op_str(e, "escalatie");
	} else {
		in->keuze = "bestaand";
		in->systeemfout = json_string_value(e);
	}
	return 0;
}

static int api_post(wp_request *r)
{
	json_t *body = op_host->json_body(r), *problems = json_array(), *answer;
	char *stories = NULL;
	op_created out;
	op_input in;
	int rc;

	if (read_body(body, &in, &stories) < 0) {
		free(stories);
		json_decref(body);
		json_decref(problems);
		return op_host->send_error(r, 400, op_host->text("olifantenpad.api.bad_json"));
	}
	op_create(r, &in, problems, &out);
	if (out.status == 201)
		answer = json_pack("{s:s, s:s, s:s, s:b}", "path", out.path, "revision",
				   out.revision, "systeemfout", out.error, "nieuw",
				   out.created_error);
	else
		answer = json_pack("{s:s, s:O}", "error",
				   out.message ? out.message : op_host->text("olifantenpad.problems"),
				   "problems", problems);
	rc = answer ? op_host->send_json(r, out.status, answer) : op_host->send_error(r, 500, NULL);
	free(stories);
	json_decref(problems);
	json_decref(body);
	return rc;
}

/* ---- GET: the search as you type ---- */

/* q as a LIKE pattern "%q%" with %, _ and \ escaped by '\'. malloc'd. */
static char *like_pattern(const char *q)
{
	char *out = malloc(2 * strlen(q) + 3), *w = out;

	if (!out)
		return NULL;
	*w++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*w++ = '\\';
		*w++ = *q;
	}
	*w++ = '%';
	*w = '\0';
	return out;
}

static int api_search(wp_request *r)
{
	char *q = op_host->query(r, "q"), *pattern, n[8];
	const char *params[2];
	json_t *rows = NULL, *row;
	size_t i;
	int rc;

	if (q && strlen(q) > QUERY_MAX) {
		free(q);
		return op_host->send_error(r, 400, op_host->text("olifantenpad.api.bad_query"));
	}
	pattern = like_pattern(q ? q : "");
	free(q);
	if (!pattern)
		return op_host->send_error(r, 500, NULL);
	snprintf(n, sizeof(n), "%d", HITS_MAX);
	params[0] = pattern;
	params[1] = n;
	rc = op_host->query_index(
		r, &rows,
		"SELECT p.path AS path, p.title AS title, "
		"coalesce(json_extract(p.fields, '$.status'), 'gemeld') AS status, "
		"json_extract(p.fields, '$.eigenaar') AS eigenaar FROM pages p "
		"WHERE p.type = 'systeemfout' AND " WP_PLUGIN_VISIBLE("p")
		" AND (p.title LIKE ?1 ESCAPE '\\' OR "
		"coalesce(json_extract(p.fields, '$.regeling'), '') LIKE ?1 ESCAPE '\\') "
		"ORDER BY p.title COLLATE NOCASE, p.path LIMIT ?2",
		params, 2);
	free(pattern);
	if (rc < 0)
		return op_host->send_error(r, 500, op_host->error());
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "status_label",
				    json_string(op_status_label(op_str(row, "status"))));
	return op_host->send_json(r, 200, rows);
}

int op_route_api(wp_plugin *self, wp_request *r)
{
	const char *rest = op_host->rest(r);
	int post = op_host->method(r) == WP_POST;

	(void)self;
	if (!op_host->viewer(r) || op_host->viewer(r)->role == WP_ROLE_ANONIEM)
		return op_host->send_error(r, 403, op_host->text("olifantenpad.may_not"));
	if (!rest[0] || strcmp(rest, "/") == 0)
		return post ? api_post(r) : op_host->send_error(r, 405, NULL);
	if (strcmp(rest, "/systeemfouten") == 0 && !post)
		return api_search(r);
	return op_host->send_error(r, 404, NULL);
}
