/* status.c - the regio team moves an error's status, with a reason, and
 * records the owner's answer:
 *   GET  /systeemfout/status/<path>       the form
 *   POST /systeemfout/status/<path>       status, reden, base, antwoord,
 *                                         antwoord_datum, csrf -> 303 to
 *                                         the page; refused: the form
 *                                         again (400/409) with the text kept
 *   GET  /api/systeemfout/status/<path>   {"path","status","status_label",
 *                                         "history": [...]} (history.c)
 *   POST /api/systeemfout/status/<path>   {"status","reden","base"?,
 *                                         "terugkoppeling"?: {"tekst",
 *                                         "datum"}} -> 200 {"path",
 *                                         "revision","status","vorige"}
 * Each move is one commit whose message carries the reason, so the status
 * history read from git says why. The save goes through the host, so the
 * guard (regio team only) and save.c (a reason, the date) hold here as at
 * every other door. */
#include "systeemfout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REASON_MAX 500	 /* bytes of a reason kept in the commit's first line */
#define ANSWER_MAX 20000 /* bytes of the owner's answer */
#define TEMPLATE   "systeemfout/status"

/* What was asked; strings malloc'd (form) or borrowed (JSON), see owned. */
typedef struct {
	const char *status, *reden, *base, *antwoord, *antwoord_datum;
	int owned;
} change;

static void change_dispose(change *c)
{
	if (!c->owned)
		return;
	free((char *)c->status);
	free((char *)c->reden);
	free((char *)c->base);
	free((char *)c->antwoord);
	free((char *)c->antwoord_datum);
}

/* The outcome of apply(). */
typedef struct {
	int status;	     /* 200, 400, 403, 404, 409 or 500 */
	const char *message; /* why not, or NULL */
	char revision[41];
	const char *vorige; /* the status before (borrowed from the page) */
} outcome;

static int filled(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

static int known_status(const char *s)
{
	size_t i;

	for (i = 0; s && sf_statuses[i]; i++)
		if (strcmp(s, sf_statuses[i]) == 0)
			return 1;
	return 0;
}

static void add_problem(json_t *problems, const char *field, const char *key)
{
	json_array_append_new(
	    problems, json_pack("{s:s, s:s}", "field", field, "message", sf_host->text(key)));
}

/* The error at path for the asker, as {"path","type","meta","body",
 * "revision"} (new reference), or NULL when there is none they may read. */
static json_t *find_error(wp_request *r, const char *path)
{
	json_t *page = NULL;

	if (!path || !*path || sf_host->page(r, &page, path) < 0)
		return NULL;
	if (!sf_str(page, "type") || strcmp(sf_str(page, "type"), SF_TYPE) != 0) {
		json_decref(page);
		return NULL;
	}
	return page;
}

/* The reason on one line (a commit's first line is what history shows),
 * white space runs as one space, at most REASON_MAX bytes at a UTF-8
 * boundary. */
static void one_line(char *out, size_t n, const char *s)
{
	size_t len = 0;
	int space = 0;

	for (; s && *s && len + 2 < n && len < REASON_MAX; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			space = len > 0;
			continue;
		}
		if (space)
			out[len++] = ' ';
		space = 0;
		out[len++] = *s;
	}
	while (len > 0 && ((unsigned char)out[len - 1] & 0xc0) == 0x80)
		len--; /* a cut inside a character: drop its tail... */
	if (len > 0 && ((unsigned char)out[len - 1] & 0xc0) == 0xc0)
		len--; /* ...and its lead byte */
	out[len] = '\0';
}

/* The checks before saving; returns the number of problems added. */
static size_t precheck(const change *c, const char *was, json_t *problems)
{
	size_t before = json_array_size(problems);
	int moves = c->status && (!was || strcmp(c->status, was) != 0);

	if (!filled(c->status))
		add_problem(problems, "status", "systeemfout.status_form.status_missing");
	else if (!known_status(c->status))
		add_problem(problems, "status", "systeemfout.status_form.status_unknown");
	else if (moves && !filled(c->reden))
		add_problem(problems, "reden", "systeemfout.reason_missing");
	if (c->reden && strlen(c->reden) > REASON_MAX)
		add_problem(problems, "reden", "systeemfout.status_form.reason_long");
	if (c->antwoord && strlen(c->antwoord) > ANSWER_MAX)
		add_problem(problems, "antwoord", "systeemfout.status_form.answer_long");
	if (filled(c->antwoord_datum) && !filled(c->antwoord))
		add_problem(problems, "antwoord", "systeemfout.status_form.answer_missing");
	return json_array_size(problems) - before;
}

/* Puts the owner's answer into meta when one was given; returns non-zero
 * when that changed it. */
static int set_answer(json_t *meta, const change *c)
{
	json_t *now, *old = json_object_get(meta, "terugkoppeling");
	int changed;

	if (!c->antwoord)
		return 0;
	if (!filled(c->antwoord)) {
		changed = old != NULL;
		json_object_del(meta, "terugkoppeling");
		return changed;
	}
	now = json_pack("{s:s}", "tekst", c->antwoord);
	if (now && filled(c->antwoord_datum))
		json_object_set_new(now, "datum", json_string(c->antwoord_datum));
	changed = !json_equal(old, now);
	json_object_set_new(meta, "terugkoppeling", now);
	return changed;
}

/* The commit message: the move and its reason, or the answer recorded. */
static void commit_message(char *out, size_t n, const change *c, const char *was, int moved)
{
	char reason[REASON_MAX + 1];

	one_line(reason, sizeof(reason), c->reden);
	if (moved)
		snprintf(out, n, sf_host->text("systeemfout.status_form.commit"),
			 sf_status_label(was ? was : "gemeld"), sf_status_label(c->status), reason);
	else if (reason[0])
		snprintf(out, n, sf_host->text("systeemfout.status_form.commit_answer_reason"),
			 reason);
	else
		snprintf(out, n, "%s", sf_host->text("systeemfout.status_form.commit_answer"));
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
	case WP_PLUGIN_ENOTFOUND:
		return 404;
	case WP_PLUGIN_ECONFLICT:
		return 409;
	case WP_PLUGIN_ETOOBIG:
		return 413;
	default:
		return 500;
	}
}

/* Saves the change to error page (as find_error() gave it). */
static void save_change(wp_request *r, const json_t *page, const change *c, json_t *problems,
			outcome *out)
{
	json_t *meta = json_deep_copy(json_object_get(page, "meta"));
	const char *was = out->vorige;
	int moved = !was || strcmp(c->status, was) != 0, answered, rc;
	char message[REASON_MAX + 200], *content;

	if (!meta) {
		out->status = 500;
		return;
	}
	json_object_set_new(meta, "status", json_string(c->status));
	answered = set_answer(meta, c);
	if (!moved && !answered) {
		json_decref(meta);
		out->status = 400;
		out->message = sf_host->text("systeemfout.status_form.nothing");
		return;
	}
	commit_message(message, sizeof(message), c, was, moved);
	content = sf_host->compose(meta, sf_str(page, "body"));
	json_decref(meta);
	if (!content) {
		out->status = 500;
		return;
	}
	rc = sf_host->save(r, sf_str(page, "path"), content, strlen(content),
			   filled(c->base) ? c->base : sf_str(page, "revision"), message, problems,
			   out->revision);
	free(content);
	out->status = rc < 0 ? status_of(rc) : 200;
	if (rc < 0)
		out->message = rc == WP_PLUGIN_ECONFLICT
				   ? sf_host->text("systeemfout.status_form.conflict")
				   : sf_host->error();
}

/* Checks who asks, the error and the change, then saves it. page: the
 * error (find_error()), NULL when there is none. */
static void apply(wp_request *r, const json_t *page, const change *c, json_t *problems,
		  outcome *out)
{
	memset(out, 0, sizeof(*out));
	if (!sf_is_regio(sf_host->viewer(r))) {
		out->status = 403;
		out->message = sf_host->text("systeemfout.guard_status");
		return;
	}
	if (!page) {
		out->status = 404;
		out->message = sf_host->text("systeemfout.status_form.no_error");
		return;
	}
	out->vorige = sf_str(json_object_get(page, "meta"), "status");
	if (precheck(c, out->vorige, problems) > 0) {
		out->status = 400;
		out->message = sf_host->text("systeemfout.status_form.problems");
		return;
	}
	save_change(r, page, c, problems, out);
}

/* ---- the form ---- */

/* [{"value","label","selected"}] of every status. */
static json_t *status_options(const char *chosen)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; sf_statuses[i]; i++)
		json_array_append_new(a,
				      json_pack("{s:s, s:s, s:b}", "value", sf_statuses[i], "label",
						sf_status_label(sf_statuses[i]), "selected",
						chosen && strcmp(chosen, sf_statuses[i]) == 0));
	return a;
}

/* Field problems as {"field": message}, the others as a list. */
static void sort_problems(json_t *data, const json_t *problems)
{
	json_t *errors = json_object(), *others = json_array(), *p;
	size_t i;

	json_array_foreach(problems, i, p) {
		const char *field = sf_str(p, "field"), *msg = sf_str(p, "message");

		if (!msg)
			continue;
		if (field &&
		    (strcmp(field, "status") == 0 || strcmp(field, "reden") == 0 ||
		     strcmp(field, "antwoord") == 0) &&
		    !json_object_get(errors, field))
			json_object_set_new(errors, field, json_string(msg));
		else
			json_array_append_new(others, json_pack("{s:s}", "message", msg));
	}
	json_object_set_new(data, "errors", errors);
	json_object_set_new(data, "other_problems", others);
}

/* Sends the form for error page with the values of c (NULL: the page's
 * own), the error message and problems (both may be NULL). */
static int send_form(wp_request *r, int status, const json_t *page, const change *c,
		     const char *message, const json_t *problems)
{
	const json_t *meta = json_object_get(page, "meta"), *a;
	const char *now = sf_str(meta, "status");
	json_t *moves = NULL, *data;

	a = json_object_get(meta, "terugkoppeling");
	sf_status_history(r, sf_str(page, "path"), &moves);
	data = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:b}", "title",
	    sf_host->text("systeemfout.status_form.title"), "path", sf_str(page, "path"),
	    "page_title", sf_str(page, "title") ? sf_str(page, "title") : sf_str(page, "path"),
	    "current_label", sf_status_label(now ? now : "gemeld"), "base",
	    c && filled(c->base) ? c->base : sf_str(page, "revision"), "statuses",
	    status_options(c ? c->status : now), "reden", c && c->reden ? c->reden : "", "antwoord",
	    c && c->antwoord ? c->antwoord : (sf_str(a, "tekst") ? sf_str(a, "tekst") : ""),
	    "antwoord_datum",
	    c && c->antwoord_datum ? c->antwoord_datum
				   : (sf_str(a, "datum") ? sf_str(a, "datum") : ""),
	    "csrf", sf_host->csrf(r), "moves", moves ? moves : json_array(), "has_moves",
	    json_array_size(moves) > 0);
	if (!data)
		return sf_host->send_error(r, 500, NULL);
	if (message)
		json_object_set_new(data, "error", json_string(message));
	sort_problems(data, problems);
	return sf_host->send_page(r, status, TEMPLATE, data);
}

/* A visitor logs in first and comes back to the form. */
static int to_login(wp_request *r, const char *path)
{
	char back[SF_PATH_MAX + 32], *enc, *loc;
	int rc;

	snprintf(back, sizeof(back), "/systeemfout/status/%s", path);
	enc = sf_host->url_encode(back);
	loc = enc ? malloc(strlen(enc) + 32) : NULL;
	if (!loc) {
		free(enc);
		return sf_host->send_error(r, 500, NULL);
	}
	snprintf(loc, strlen(enc) + 32, "/inloggen?terug=%s", enc);
	rc = sf_host->send_redirect(r, 303, loc);
	free(loc);
	free(enc);
	return rc;
}

static int post_form(wp_request *r, const char *path, const json_t *page)
{
	change c = {sf_host->form(r, "status"),		sf_host->form(r, "reden"),
		    sf_host->form(r, "base"),		sf_host->form(r, "antwoord"),
		    sf_host->form(r, "antwoord_datum"), 1};
	json_t *problems = json_array();
	char loc[SF_PATH_MAX + 16];
	outcome out;
	int rc;

	apply(r, page, &c, problems, &out);
	if (out.status == 200) {
		snprintf(loc, sizeof(loc), "/%s#status", path);
		rc = sf_host->send_redirect(r, 303, loc);
	} else if (out.status == 400 || out.status == 409) {
		json_t *now = find_error(r, path); /* a conflict shows what is there now */
		change keep = c;

		if (out.status == 409)
			keep.base = NULL;
		rc = send_form(r, out.status, now ? now : page, &keep, out.message, problems);
		json_decref(now);
	} else {
		rc = sf_host->send_error(r, out.status, out.message);
	}
	json_decref(problems);
	change_dispose(&c);
	return rc;
}

int sf_route_status(wp_plugin *self, wp_request *r)
{
	const char *rest = sf_host->rest(r), *path;
	const wp_viewer *v = sf_host->viewer(r);
	json_t *page;
	int rc;

	(void)self;
	if (strncmp(rest, "/status/", 8) != 0)
		return sf_host->send_error(r, 404, NULL);
	path = rest + 8;
	if (!v || v->role == WP_ROLE_ANONIEM)
		return sf_host->method(r) == WP_POST
			   ? sf_host->send_error(r, 403, sf_host->text("systeemfout.guard_status"))
			   : to_login(r, path);
	if (!sf_is_regio(v))
		return sf_host->send_error(r, 403, sf_host->text("systeemfout.guard_status"));
	if (!(page = find_error(r, path)))
		return sf_host->send_error(r, 404,
					   sf_host->text("systeemfout.status_form.no_error"));
	rc = sf_host->method(r) == WP_POST ? post_form(r, path, page)
					   : send_form(r, 200, page, NULL, NULL, NULL);
	json_decref(page);
	return rc;
}

/* ---- the JSON API ---- */

static int api_get(wp_request *r, const char *path)
{
	json_t *page = find_error(r, path), *moves = NULL;
	const char *now;

	if (!page)
		return sf_host->send_error(r, 404,
					   sf_host->text("systeemfout.status_form.no_error"));
	now = sf_str(json_object_get(page, "meta"), "status");
	if (sf_status_history(r, path, &moves) < 0) {
		json_decref(page);
		return sf_host->send_error(r, 500, sf_host->error());
	}
	json_t *out =
	    json_pack("{s:s, s:s, s:s, s:o}", "path", path, "status", now ? now : "gemeld",
		      "status_label", sf_status_label(now ? now : "gemeld"), "history", moves);
	json_decref(page);
	return out ? sf_host->send_json(r, 200, out) : sf_host->send_error(r, 500, NULL);
}

/* Reads the JSON body into c (borrowed from body); 0, or -1 when it is
 * not an object of strings as described. */
static int read_json(const json_t *body, change *c)
{
	const json_t *a = json_object_get(body, "terugkoppeling");
	const char *keys[] = {"status", "reden", "base"};
	size_t i;

	memset(c, 0, sizeof(*c));
	if (!json_is_object(body))
		return -1;
	for (i = 0; i < 3; i++) {
		const json_t *v = json_object_get(body, keys[i]);

		if (v && !json_is_string(v) && !json_is_null(v))
			return -1;
	}
	c->status = sf_str(body, "status");
	c->reden = sf_str(body, "reden");
	c->base = sf_str(body, "base");
	if (a && json_is_null(a)) {
		c->antwoord = ""; /* remove the answer */
	} else if (a) {
		if (!json_is_object(a) || !json_is_string(json_object_get(a, "tekst")) ||
		    (json_object_get(a, "datum") && !json_is_string(json_object_get(a, "datum"))))
			return -1;
		c->antwoord = sf_str(a, "tekst");
		c->antwoord_datum = sf_str(a, "datum");
	}
	return 0;
}

static int api_post(wp_request *r, const char *path)
{
	json_t *body = sf_host->json_body(r), *page, *problems, *answer;
	outcome out;
	change c;
	int rc;

	if (!sf_host->viewer(r) || sf_host->viewer(r)->role == WP_ROLE_ANONIEM) {
		json_decref(body);
		return sf_host->send_error(r, 403, sf_host->text("systeemfout.guard_status"));
	}
	if (read_json(body, &c) < 0) {
		json_decref(body);
		return sf_host->send_error(r, 400,
					   sf_host->text("systeemfout.status_form.bad_json"));
	}
	page = find_error(r, path);
	problems = json_array();
	apply(r, page, &c, problems, &out);
	if (out.status == 200)
		answer = json_pack("{s:s, s:s, s:s, s:s?}", "path", path, "revision", out.revision,
				   "status", c.status, "vorige", out.vorige);
	else
		answer = json_pack("{s:s, s:O}", "error",
				   out.message ? out.message : sf_host->text("systeemfout.error"),
				   "problems", problems);
	rc = answer ? sf_host->send_json(r, out.status, answer) : sf_host->send_error(r, 500, NULL);
	json_decref(problems);
	json_decref(page);
	json_decref(body);
	return rc;
}

int sf_route_status_api(wp_plugin *self, wp_request *r)
{
	const char *rest = sf_host->rest(r);

	(void)self;
	if (strncmp(rest, "/status/", 8) != 0 || !rest[8])
		return sf_host->send_error(r, 404, NULL);
	return sf_host->method(r) == WP_POST ? api_post(r, rest + 8) : api_get(r, rest + 8);
}
