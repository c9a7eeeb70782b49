/* create.c - a new workaround from the form or the API, and when the
 * person describes one, the new system error behind it: both pages are
 * built from the fields, given free paths from their titles and saved
 * with host->save_pages() in one commit, so the basisafspraak (workaround
 * and error at the same time) holds in git too. The host checks both
 * pages (schema, rights, hooks): the systeemfout plugin dates the new
 * error and keeps its reporter's team. */
#include "olifantenpad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const op_owners[] = { "gemeente",	     "regio",		"aanbieder",
				  "zorgverzekeraar", "rijksuitvoerder", "ministerie",
				  NULL };
const char *const op_levels[] = { "team", "gemeente", "regio", "landelijk", NULL };

const char *op_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int op_filled(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

static void add_problem(json_t *problems, const char *field, const char *key)
{
	json_array_append_new(problems, json_pack("{s:s, s:s}", "field", field, "message",
						  op_host->text(key)));
}

/* ---- the system errors to choose from ---- */

const char *op_status_label(const char *status)
{
	char key[96];
	size_t n, i;

	if (!status)
		return "";
	n = (size_t)snprintf(key, sizeof(key), "systeemfout.status.");
	for (i = 0; status[i] && n + 1 < sizeof(key); i++)
		key[n++] = status[i] == ' ' ? '_' : status[i];
	key[n] = '\0';
	return strcmp(op_host->text(key), key) == 0 ? status : op_host->text(key);
}

json_t *op_error_list(wp_request *r, size_t limit)
{
	char n[24];
	const char *params[1] = { n };
	json_t *rows = NULL, *row;
	size_t i;

	snprintf(n, sizeof(n), "%zu", limit);
	if (op_host->query_index(r, &rows,
				 "SELECT p.path AS path, p.title AS title, "
				 "json_extract(p.fields, '$.status') AS status FROM pages p "
				 "WHERE p.type = 'systeemfout' AND " WP_PLUGIN_VISIBLE("p")
				 " ORDER BY p.title COLLATE NOCASE, p.path LIMIT ?1",
				 params, 1) < 0)
		return NULL;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "status_label",
				    json_string(op_status_label(op_str(row, "status"))));
	return rows;
}

/* ---- paths ---- */

/* Non-zero when the index knows a page or a rename stub at path, readable
 * or not: a new page must not collide with one the asker cannot see. */
static int taken(wp_request *r, const char *path)
{
	const char *params[1] = { path };
	json_t *rows = NULL;
	int hit;

	if (op_host->query_index(r, &rows,
				 "SELECT 1 AS hit FROM pages WHERE path = ?1 UNION ALL "
				 "SELECT 1 FROM redirects WHERE path = ?1",
				 params, 1) < 0)
		return 0; /* the save itself refuses a page that exists */
	hit = json_array_size(rows) > 0;
	json_decref(rows);
	return hit;
}

/* A free path <folder>/<slug of title>[-n] into out, not equal to avoid. */
static void free_path(wp_request *r, const char *folder, const char *title, const char *fallback,
		      const char *avoid, char *out, size_t n)
{
	char slug[64];
	size_t len;
	int i;

	op_host->slug(slug, sizeof(slug), title);
	len = (size_t)snprintf(out, n, "%s/%s", folder, slug[0] ? slug : fallback);
	for (i = 2; i < 100 && (taken(r, out) || (avoid && strcmp(out, avoid) == 0)); i++)
		snprintf(out + len, n - len, "-%d", i);
}

/* ---- the fields ---- */

/* The slug of a page path (what follows the last '/'). */
static const char *slug_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The stories in text (one per line or separated by commas or
 * semicolons) as slugs, each once (list fields hold slugs, DOMAIN.md). A
 * name that is no story's is kept as typed, so the schema says which. */
static json_t *stories_of(const char *text, json_t *problems)
{
	json_t *out = json_array();
	const char *p = text ? text : "";
	char item[OP_PATH_MAX], path[OP_PATH_MAX];

	while (out && *p) {
		size_t n = strcspn(p, "\n,;"), a = 0, b = n, i;
		const char *value;
		json_t *v;
		int seen = 0;

		while (a < b && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r' || p[a] == '/'))
			a++;
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t' || p[b - 1] == '\r'))
			b--;
		if (b > a && b - a < sizeof(item)) {
			memcpy(item, p + a, b - a);
			item[b - a] = '\0';
			value = op_host->link_path(path, sizeof(path), OP_STORY_TYPE, item) == 0
					? slug_of(path)
					: item;
			json_array_foreach(out, i, v)
				seen |= strcmp(json_string_value(v), value) == 0;
			if (!seen)
				json_array_append_new(out, json_string(value));
		}
		p += n;
		if (*p)
			p++;
	}
	if (json_array_size(out) > OP_STORIES_MAX)
		add_problem(problems, "verhalen", "olifantenpad.too_many_stories");
	return out;
}

/* Sets key to value when the person filled it in. */
static void set_filled(json_t *meta, const char *key, const char *value)
{
	if (op_filled(value))
		json_object_set_new(meta, key, json_string(value));
}

/* The new error's front matter and file. malloc'd, or NULL. */
static char *error_file(const op_input *in, const char *workaround)
{
	json_t *meta = json_object();
	char body[OP_PATH_MAX + 200], *file;

	set_filled(meta, "titel", in->sf_titel);
	set_filled(meta, "regeling", in->sf_regeling);
	set_filled(meta, "eigenaar", in->sf_eigenaar);
	set_filled(meta, "impact", in->sf_impact);
	set_filled(meta, "escalatie", in->sf_escalatie);
	set_filled(meta, "melder", in->melder);
	snprintf(body, sizeof(body), op_host->text("olifantenpad.error_body"), workaround);
	file = op_host->compose(meta, body);
	json_decref(meta);
	return file;
}

/* The workaround's file, naming error. malloc'd, or NULL. */
static char *workaround_file(const op_input *in, const char *error, json_t *problems)
{
	json_t *meta = json_object(), *stories = stories_of(in->verhalen, problems);
	char *file;

	set_filled(meta, "titel", in->titel);
	set_filled(meta, "obstakel", in->obstakel);
	set_filled(meta, "oplossing", in->oplossing);
	set_filled(meta, "mandaat", in->mandaat);
	set_filled(meta, "risico", in->risico);
	if (json_array_size(stories))
		json_object_set(meta, "verhalen", stories);
	json_object_set_new(meta, "systeemfout", json_string(slug_of(error)));
	json_object_set_new(meta, "status", json_string("experiment"));
	set_filled(meta, "melder", in->melder);
	file = op_host->compose(meta, in->tekst ? in->tekst : "");
	json_decref(stories);
	json_decref(meta);
	return file;
}

/* ---- checks and the save ---- */

/* The checks the host cannot make: a field too long to be typed, and the
 * choice of an error: an existing one the asker may read, or a new one.
 * Fills out->error with the existing error's path. Returns the number of
 * problems added. */
static size_t precheck(wp_request *r, const op_input *in, json_t *problems, op_created *out)
{
	const char *texts[] = { in->titel,    in->obstakel,	in->oplossing,	 in->mandaat,
				in->risico,   in->tekst,	in->verhalen,	 in->sf_titel,
				in->sf_regeling, in->sf_impact, in->systeemfout };
	size_t before = json_array_size(problems), i;
	int fresh = in->keuze && strcmp(in->keuze, "nieuw") == 0;
	json_t *page = NULL;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i] && strlen(texts[i]) > OP_TEXT_MAX) {
			add_problem(problems, NULL, "olifantenpad.too_long");
			break;
		}
	if (in->keuze && !fresh && strcmp(in->keuze, "bestaand") != 0)
		add_problem(problems, "systeemfout", "olifantenpad.bad_choice");
	else if (!fresh && !op_filled(in->systeemfout))
		add_problem(problems, "systeemfout", "olifantenpad.error_missing");
	else if (!fresh &&
		 (strlen(in->systeemfout) >= sizeof(out->error) ||
		  op_host->link_path(out->error, sizeof(out->error), OP_ERROR_TYPE,
				     in->systeemfout) < 0 ||
		  op_host->page(r, &page, out->error) < 0))
		add_problem(problems, "systeemfout", "olifantenpad.error_unknown");
	json_decref(page);
	return json_array_size(problems) - before;
}

static int status_of(int rc)
{
	switch (rc) {
	case WP_PLUGIN_EINVALID:
		return 400;
	case WP_PLUGIN_ECONFIRM: /* a warning to confirm (since API 1.2) */
		return 422;
	case WP_PLUGIN_EFORBIDDEN:
		return 403;
	case WP_PLUGIN_ENOTFOUND: /* a page there the asker cannot see */
	case WP_PLUGIN_ECONFLICT:
	case WP_PLUGIN_EEXISTS:
		return 409;
	case WP_PLUGIN_ETOOBIG:
		return 413;
	default:
		return 500;
	}
}

/* Saves the pages; fills out's status, message and revision. */
static void save(wp_request *r, const op_input *in, int fresh, json_t *problems, op_created *out)
{
	char *error = NULL, *workaround, message[600];
	wp_page_write pages[2];
	size_t n = 0;
	int rc;

	free_path(r, OP_FOLDER, in->titel, "olifantenpad", NULL, out->path, sizeof(out->path));
	if (fresh) {
		free_path(r, OP_ERROR_FOLDER, in->sf_titel, "systeemfout", NULL, out->error,
			  sizeof(out->error));
		error = error_file(in, out->path);
	}
	workaround = workaround_file(in, out->error, problems);
	if (!workaround || (fresh && !error)) {
		free(error);
		free(workaround);
		out->status = 500;
		return;
	}
	if (error)
		pages[n++] = (wp_page_write){ out->error, error, strlen(error), NULL };
	pages[n++] = (wp_page_write){ out->path, workaround, strlen(workaround), NULL };
	snprintf(message, sizeof(message),
		 op_host->text(fresh ? "olifantenpad.commit_both" : "olifantenpad.commit"),
		 in->titel ? in->titel : "", in->sf_titel ? in->sf_titel : "");
	rc = json_array_size(problems) ? WP_PLUGIN_EINVALID
				       : op_host->save_pages(r, pages, n, message, problems,
							     out->revision);
	free(error);
	free(workaround);
	out->created_error = fresh;
	out->status = rc < 0 ? status_of(rc) : 201;
	if (rc < 0)
		out->message = rc == WP_PLUGIN_EINVALID ? op_host->text("olifantenpad.problems")
							: op_host->error();
}

void op_create(wp_request *r, const op_input *in, json_t *problems, op_created *out)
{
	const wp_viewer *v = op_host->viewer(r);

	memset(out, 0, sizeof(*out));
	if (!v || v->role == WP_ROLE_ANONIEM || v->role == WP_ROLE_LEZER) {
		out->status = 403;
		out->message = op_host->text("olifantenpad.may_not");
		return;
	}
	if (precheck(r, in, problems, out) > 0) {
		out->status = 400;
		out->message = op_host->text("olifantenpad.problems");
		return;
	}
	save(r, in, in->keuze && strcmp(in->keuze, "nieuw") == 0, problems, out);
}
