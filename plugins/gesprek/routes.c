/* routes.c - the pages and the JSON API of the wat-werkt-gesprek:
 *
 *   GET/POST /gesprek/nieuw[?verhaal=&dilemma=]   start a conversation
 *   GET/POST /gesprek/verder/<gesprekken/slug>    continue one (terugblik)
 *   GET      /api/gesprek/plan                    the step plan
 *   POST     /api/gesprek                         create one
 *
 * Each handler checks who may do this first, then reads its input, then
 * answers. A form with problems comes back with every text the person
 * typed; a save that lost a race comes back as 409 with the text kept. */
#include "gesprek.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEW_TRIES 50 /* gesprekken/<slug>-2 … -50 before giving up */

int gs_may_write(wp_request *r)
{
	const wp_viewer *v = gs_host()->viewer(r);

	return v && v->role >= WP_ROLE_PROFESSIONAL;
}

/* The HTTP status for an error code of the host. */
static int status_of(int rc)
{
	switch (rc) {
	case WP_PLUGIN_EINVALID:
		return 400;
	case WP_PLUGIN_ECONFIRM: /* a warning to confirm (since API 1.2) */
		return 422;
	case WP_PLUGIN_EFORBIDDEN:
		return 403;
	case GS_ENOTFOUND:
		return 404;
	case GS_ECONFLICT:
	case GS_EEXISTS:
		return 409;
	case GS_ETOOBIG:
		return 413;
	default:
		return 500;
	}
}

/* Sends an anonymous person to the login page (back to terug after), or
 * answers 401 on the API. */
static int to_login(wp_request *r, const char *terug)
{
	gs_buf loc = GS_BUF_INIT;
	char *s;
	int status;

	if (gs_host()->is_api(r))
		return gs_host()->send_error(r, 401, gs_t("gesprek.error.login"));
	gs_buf_puts(&loc, "/inloggen?terug=");
	gs_buf_urlenc(&loc, terug);
	s = gs_buf_detach(&loc);
	status = s ? gs_host()->send_redirect(r, 303, s)
		   : gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	free(s);
	return status;
}

/* 0 when the person may write conversations; else the status of the
 * answer sent (login page, 401 or 403). */
static int deny(wp_request *r, const char *terug)
{
	const wp_viewer *v = gs_host()->viewer(r);

	if (gs_may_write(r))
		return 0;
	if (!v || v->role == WP_ROLE_ANONIEM)
		return to_login(r, terug);
	return gs_host()->send_error(r, 403, gs_t("gesprek.error.forbidden"));
}

/* Sends the form page; extra (may be NULL; the call takes it) adds to
 * the template data. */
static int send_form(wp_request *r, int status, const gs_form *f, const gs_plan *plan,
		     json_t *extra)
{
	json_t *data = gs_form_data(r, f, plan);

	if (!data) {
		json_decref(extra);
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	}
	json_object_set_new(data, "confirms", gs_host()->confirm_keys(f->problems));
	if (extra)
		json_object_update(data, extra);
	json_decref(extra);
	/* send_page() takes the reference to data. */
	return gs_host()->send_page(r, status, "gesprek/form", data);
}

/* Copies the host's field problems to the form, or its error message
 * when it gave none. */
static void take_problems(gs_form *f, json_t *problems)
{
	const json_t *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		gs_form_problem(f, json_string_value(json_object_get(p, "field")),
				gs_str(p, "message"));
		/* A warning keeps its key, for the checkbox (plugin API 1.2). */
		if (json_object_get(p, "confirm"))
			json_object_set(json_array_get(f->problems, json_array_size(f->problems) - 1),
					"confirm", json_object_get(p, "confirm"));
	}
	if (json_array_size(problems) == 0) {
		const char *msg = gs_host()->error();

		gs_form_problem(f, NULL, msg && *msg ? msg : gs_t("gesprek.error.save"));
	}
}

/* The commit message: "<text> <title of the story>". malloc'd. */
static char *commit_message(const gs_form *f, const char *key)
{
	gs_buf b = GS_BUF_INIT;

	gs_buf_printf(&b, "%s %s", gs_t(key), gs_str(f->verhaal.page, "title"));
	return gs_buf_detach(&b);
}

/* Saves a new conversation at the first free path. Returns 0 with the
 * path and revision, or an error with the problems added to f. */
static int save_new(wp_request *r, gs_form *f, char *path, size_t size, char rev[41])
{
	char *content = gs_form_content(f), *msg = commit_message(f, "gesprek.commit_new");
	json_t *problems = json_array();
	unsigned n;
	int rc = GS_ENOMEM;

	for (n = 1; content && msg && problems && n <= NEW_TRIES; n++) {
		json_array_clear(problems);
		gs_form_new_path(f, n, path, size);
		rc = gs_host()->save(r, path, content, strlen(content), NULL, msg, problems, rev);
		if (rc != GS_EEXISTS && rc != GS_ECONFLICT)
			break;
	}
	if (rc < 0)
		take_problems(f, problems);
	json_decref(problems);
	free(content);
	free(msg);
	return rc;
}

/* The query of the form URL, for the way back after logging in. */
static char *new_url(wp_request *r)
{
	gs_buf b = GS_BUF_INIT;
	const char *keys[] = {"verhaal", "dilemma"};
	size_t i;
	int first = 1;

	gs_buf_puts(&b, "/gesprek/nieuw");
	for (i = 0; i < 2; i++) {
		char *v = gs_host()->query(r, keys[i]);

		if (v && gs_path_ok(v)) {
			gs_buf_printf(&b, "%c%s=", first ? '?' : '&', keys[i]);
			gs_buf_urlenc(&b, v);
			first = 0;
		}
		free(v);
	}
	return gs_buf_detach(&b);
}

static int new_get(wp_request *r, gs_form *f, const gs_plan *plan)
{
	if (gs_form_from_query(r, f, plan) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	/* A story or dilemma named in the link that is not there: 400. */
	return send_form(r, json_array_size(f->problems) ? 400 : 200, f, plan, NULL);
}

static int new_post(wp_request *r, gs_form *f, const gs_plan *plan)
{
	char path[256], rev[41], loc[260];
	int rc;

	if (gs_form_from_post(r, f, plan) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	if (f->choose)
		return send_form(r, 200, f, plan, NULL);
	if (gs_form_check(f) > 0)
		return send_form(r, 400, f, plan, NULL);
	rc = save_new(r, f, path, sizeof(path), rev);
	if (rc < 0)
		return send_form(r, status_of(rc), f, plan, NULL);
	snprintf(loc, sizeof(loc), "/%s", path);
	return gs_host()->send_redirect(r, 303, loc);
}

static int page_new(wp_request *r)
{
	gs_form f;
	gs_plan plan;
	char *terug = new_url(r);
	int status;

	status = deny(r, terug ? terug : "/gesprek/nieuw");
	free(terug);
	if (status)
		return status;
	if (gs_plan_load(r, &plan) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	gs_form_init(&f);
	if (gs_host()->method(r) == WP_POST)
		status = new_post(r, &f, &plan);
	else
		status = new_get(r, &f, &plan);
	gs_form_dispose(&f);
	gs_plan_dispose(&plan);
	return status;
}

/* The answer to a stale save: the form keeps the person's text, the
 * current version is shown beside it and becomes the new base. */
static int send_conflict(wp_request *r, gs_form *f, const gs_plan *plan)
{
	json_t *cur = NULL, *extra = json_pack("{s:b}", "conflict", 1);

	if (gs_host()->page(r, &cur, f->path) == 0) {
		free(f->base);
		f->base = strdup(gs_str(cur, "revision"));
		json_object_set_new(extra, "current", json_string(gs_str(cur, "body")));
	}
	json_decref(cur);
	return send_form(r, 409, f, plan, extra);
}

/* Saves the continued conversation over base. */
static int save_continue(wp_request *r, gs_form *f)
{
	char *content = gs_form_content(f), *msg = commit_message(f, "gesprek.commit_continue");
	json_t *problems = json_array();
	int rc = GS_ENOMEM;

	if (content && msg && problems)
		rc = gs_host()->save(r, f->path, content, strlen(content), f->base, msg, problems,
				     NULL);
	if (rc < 0 && rc != GS_ECONFLICT)
		take_problems(f, problems);
	json_decref(problems);
	free(content);
	free(msg);
	return rc;
}

/* Handles a posted continue form for the page (host->page() JSON). */
static int post_continue(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *page)
{
	const json_t *meta = json_object_get(page, "meta");
	char loc[260];
	int rc;

	f->path = strdup(gs_str(page, "path"));
	f->meta = json_is_object(meta) ? json_deep_copy(meta) : json_object();
	if (!f->path || !f->meta || gs_form_from_post(r, f, plan) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	if (f->choose)
		return send_form(r, 200, f, plan, NULL);
	if (gs_blank(f->base))
		gs_form_problem(f, NULL, gs_t("gesprek.error.need_base"));
	if (gs_form_check(f) > 0)
		return send_form(r, 400, f, plan, NULL);
	rc = save_continue(r, f);
	if (rc == GS_ECONFLICT)
		return send_conflict(r, f, plan);
	if (rc < 0)
		return send_form(r, status_of(rc), f, plan, NULL);
	snprintf(loc, sizeof(loc), "/%s", f->path);
	return gs_host()->send_redirect(r, 303, loc);
}

static int page_continue(wp_request *r, const char *path)
{
	gs_form f;
	gs_plan plan;
	json_t *page = NULL;
	char terug[280];
	int status;

	if (!gs_path_ok(path) || strcmp(gs_host()->type_of(path), GS_TYPE) != 0)
		return gs_host()->send_error(r, 404, gs_t("gesprek.error.not_found"));
	snprintf(terug, sizeof(terug), "/gesprek/verder/%s", path);
	status = deny(r, terug);
	if (status)
		return status;
	if (gs_host()->page(r, &page, path) != 0 || strcmp(gs_str(page, "type"), GS_TYPE) != 0) {
		json_decref(page);
		return gs_host()->send_error(r, 404, gs_t("gesprek.error.not_found"));
	}
	if (gs_plan_load(r, &plan) < 0) {
		json_decref(page);
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	}
	gs_form_init(&f);
	if (gs_host()->method(r) == WP_POST)
		status = post_continue(r, &f, &plan, page);
	else if (gs_form_from_page(r, &f, &plan, page) < 0)
		status = gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	else
		status = send_form(r, 200, &f, &plan, NULL);
	gs_form_dispose(&f);
	gs_plan_dispose(&plan);
	json_decref(page);
	return status;
}

/* The part of the URL after the route's prefix, without its leading '/'. */
static const char *rest_of(wp_request *r)
{
	const char *rest = gs_host()->rest(r);

	if (!rest)
		return "";
	while (*rest == '/')
		rest++;
	return rest;
}

int gs_route_page(wp_plugin *self, wp_request *r)
{
	const char *rest = rest_of(r);
	int method = gs_host()->method(r);

	(void)self;
	if (method != WP_GET && method != WP_HEAD && method != WP_POST)
		return gs_host()->send_error(r, 405, gs_t("gesprek.error.method"));
	if (strcmp(rest, "nieuw") == 0)
		return page_new(r);
	if (strncmp(rest, "verder/", 7) == 0)
		return page_continue(r, rest + 7);
	return gs_host()->send_error(r, 404, gs_t("gesprek.error.no_such_page"));
}

/* Sends json with status; like send_json(), the call takes json. */
static int send_json(wp_request *r, int status, json_t *json)
{
	if (!json)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	return gs_host()->send_json(r, status, json);
}

static int api_plan(wp_request *r)
{
	gs_plan plan;
	int status;

	if (gs_plan_load(r, &plan) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	status = send_json(r, 200, gs_plan_json(&plan));
	gs_plan_dispose(&plan);
	return status;
}

/* Answers a refused API request: {"error", "problems"}. */
static int api_problems(wp_request *r, int status, const gs_form *f)
{
	return send_json(
	    r, status,
	    json_pack("{s:s, s:O}", "error", gs_t("gesprek.error.api"), "problems", f->problems));
}

static int api_save(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *in)
{
	char path[256], rev[41];
	int rc;

	if (gs_form_from_json(r, f, plan, in) < 0)
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	if (gs_form_check(f) > 0)
		return api_problems(r, 400, f);
	rc = save_new(r, f, path, sizeof(path), rev);
	if (rc < 0)
		return api_problems(r, status_of(rc), f);
	return send_json(r, 201, json_pack("{s:s, s:s}", "path", path, "revision", rev));
}

static int api_create(wp_request *r)
{
	gs_form f;
	gs_plan plan;
	json_t *in;
	int status = deny(r, "/gesprek/nieuw");

	if (status)
		return status;
	in = gs_host()->json_body(r);
	if (!json_is_object(in)) {
		json_decref(in);
		return gs_host()->send_error(r, 400, gs_t("gesprek.error.json"));
	}
	if (gs_plan_load(r, &plan) < 0) {
		json_decref(in);
		return gs_host()->send_error(r, 500, gs_t("gesprek.error.memory"));
	}
	gs_form_init(&f);
	status = api_save(r, &f, &plan, in);
	gs_form_dispose(&f);
	gs_plan_dispose(&plan);
	json_decref(in);
	return status;
}

int gs_route_api(wp_plugin *self, wp_request *r)
{
	const char *rest = rest_of(r);
	int method = gs_host()->method(r);

	(void)self;
	if (strcmp(rest, "plan") == 0) {
		if (method != WP_GET && method != WP_HEAD)
			return gs_host()->send_error(r, 405, gs_t("gesprek.error.method"));
		return api_plan(r);
	}
	if (*rest)
		return gs_host()->send_error(r, 404, gs_t("gesprek.error.no_such_page"));
	if (method != WP_POST)
		return gs_host()->send_error(r, 405, gs_t("gesprek.error.method"));
	return api_create(r);
}
