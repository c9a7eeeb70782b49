/* form.c - GET/POST /olifantenpad/nieuw[?verhaal=…][&systeemfout=…]: the
 * form that records a workaround together with the system error behind
 * it, an existing one (a plain select, searched as you type when
 * JavaScript runs) or a new one described right there. A refused form
 * comes back (400/409) with each message next to its field and everything
 * typed kept; a saved one sends the person to the new workaround (303). */
#include "olifantenpad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE "olifantenpad/nieuw"
#define ERRORS_LISTED 1000 /* errors in the select; more are found by searching */

/* The form's fields in the order of op_input. */
static const char *const fields[] = { "titel",	    "obstakel",	   "oplossing",	 "mandaat",
				      "risico",	    "tekst",	   "verhalen",	 "keuze",
				      "systeemfout", "sf_titel",	   "sf_regeling", "sf_eigenaar",
				      "sf_impact",  "sf_escalatie", "melder",	 NULL };
#define NFIELDS 15

typedef struct {
	char *v[NFIELDS]; /* malloc'd or NULL */
} form_values;

static void values_free(form_values *f)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		free(f->v[i]);
}

/* The index of a form field, or -1. */
static int value_index(const char *field)
{
	int i;

	for (i = 0; fields[i]; i++)
		if (strcmp(fields[i], field) == 0)
			return i;
	return -1;
}

static const char *value(const form_values *f, const char *field)
{
	int i = value_index(field);

	return i < 0 ? NULL : f->v[i];
}

/* Browsers send CRLF from text areas; pages are stored with LF. */
static void strip_cr(char *s)
{
	char *w = s;

	for (; s && *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*w++ = *s;
	if (w)
		*w = '\0';
}

/* The values from the posted form, or (GET) the two the query may give. */
static void read_values(wp_request *r, form_values *f, int posted)
{
	size_t i;

	for (i = 0; fields[i]; i++) {
		if (posted)
			f->v[i] = op_host->form(r, fields[i]);
		else if (strcmp(fields[i], "systeemfout") == 0)
			f->v[i] = op_host->query(r, "systeemfout");
		else if (strcmp(fields[i], "verhalen") == 0)
			f->v[i] = op_host->query(r, "verhaal");
		strip_cr(f->v[i]);
	}
	/* Coming from an error's page, that error is the choice. */
	if (!posted && op_filled(value(f, "systeemfout")))
		f->v[value_index("keuze")] = strdup("bestaand");
}

static op_input input_of(const form_values *f)
{
	const char *const *v = (const char *const *)f->v;

	return (op_input){ v[0], v[1], v[2],  v[3],  v[4],  v[5],  v[6], v[7],
			   v[8], v[9], v[10], v[11], v[12], v[13], v[14] };
}

/* [{"value","label","selected"}] for a select of list (labels from texts
 * prefix + value, as the systeemfout plugin names them). */
static json_t *options(const char *const *list, const char *prefix, const char *chosen)
{
	json_t *a = json_array();
	char key[96];
	size_t i;

	for (i = 0; list[i]; i++) {
		snprintf(key, sizeof(key), "%s%s", prefix, list[i]);
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", list[i], "label",
						   op_host->text(key), "selected",
						   chosen && strcmp(chosen, list[i]) == 0));
	}
	return a;
}

/* The errors to choose from, the chosen one marked (a path or a slug
 * names it). */
static json_t *error_options(wp_request *r, const char *chosen)
{
	json_t *list = op_error_list(r, ERRORS_LISTED), *e;
	char path[OP_PATH_MAX] = "";
	size_t i;

	if (op_filled(chosen))
		op_host->link_path(path, sizeof(path), OP_ERROR_TYPE, chosen);
	json_array_foreach(list, i, e)
		json_object_set_new(e, "selected",
				    json_boolean(path[0] && strcmp(op_str(e, "path"), path) == 0));
	return list ? list : json_array();
}

/* Problems as {"<form field>": message} (a problem of the new error's page
 * goes to its sf_ field) and the others as a list. */
static void sort_problems(json_t *data, const json_t *problems, const char *error_path)
{
	json_t *errors = json_object(), *others = json_array(), *p;
	char key[80];
	size_t i;

	json_array_foreach(problems, i, p) {
		const char *field = op_str(p, "field"), *msg = op_str(p, "message");
		const char *path = op_str(p, "path");

		if (!msg)
			continue;
		if (field && path && error_path && strcmp(path, error_path) == 0) {
			snprintf(key, sizeof(key), "sf_%s", field);
			field = key;
		}
		if (field && value_index(field) >= 0 && !json_object_get(errors, field))
			json_object_set_new(errors, field, json_string(msg));
		else
			json_array_append_new(others, json_pack("{s:s}", "message", msg));
	}
	json_object_set_new(data, "errors", errors);
	json_object_set_new(data, "other_problems", others);
	json_object_set_new(data, "confirms", op_host->confirm_keys(problems));
}

/* Sends the form: the values of f, the problems (may be NULL) of a save
 * whose new error was error_path (may be NULL), and the message above. */
static int send_form(wp_request *r, int status, const form_values *f, const json_t *problems,
		     const char *error_path, const char *message)
{
	const char *keuze = value(f, "keuze");
	json_t *data;
	size_t i;

	data = json_pack("{s:s, s:o, s:o, s:o, s:b, s:b, s:b}", "title",
			 op_host->text("olifantenpad.form.title"), "errors_list",
			 error_options(r, value(f, "systeemfout")), "owners",
			 options(op_owners, "systeemfout.eigenaar.", value(f, "sf_eigenaar")),
			 "levels", options(op_levels, "olifantenpad.level.", value(f, "sf_escalatie")),
			 "existing", keuze && strcmp(keuze, "bestaand") == 0, "fresh",
			 keuze && strcmp(keuze, "nieuw") == 0, "by_role",
			 value(f, "melder") && strcmp(value(f, "melder"), "rol") == 0);
	if (!data)
		return op_host->send_error(r, 500, NULL);
	for (i = 0; fields[i]; i++)
		json_object_set_new(data, fields[i], json_string(f->v[i] ? f->v[i] : ""));
	json_object_set_new(data, "csrf", json_string(op_host->csrf(r)));
	if (message)
		json_object_set_new(data, "error", json_string(message));
	sort_problems(data, problems, error_path);
	return op_host->send_page(r, status, TEMPLATE, data);
}

/* A visitor logs in first and comes back to this form. */
static int to_login(wp_request *r, const form_values *f)
{
	char *story = op_host->url_encode(value(f, "verhalen")), *back, *enc;
	char *error = op_host->url_encode(value(f, "systeemfout")), loc[4096];
	int rc;

	size_t n = story && error ? strlen(story) + strlen(error) + 64 : 0;

	back = n ? malloc(n) : NULL;
	if (back)
		snprintf(back, n, "/olifantenpad/nieuw?verhaal=%s&systeemfout=%s", story, error);
	enc = back ? op_host->url_encode(back) : NULL;
	if (enc && strlen(enc) < sizeof(loc) - 32) {
		snprintf(loc, sizeof(loc), "/inloggen?terug=%s", enc);
		rc = op_host->send_redirect(r, 303, loc);
	} else {
		rc = op_host->send_redirect(r, 303, "/inloggen");
	}
	free(story);
	free(error);
	free(back);
	free(enc);
	return rc;
}

static int post_form(wp_request *r, const form_values *f)
{
	op_input in = input_of(f);
	json_t *problems = json_array();
	op_created out;
	char loc[OP_PATH_MAX + 8];
	int rc;

	op_create(r, &in, problems, &out);
	if (out.status == 201) {
		snprintf(loc, sizeof(loc), "/%s", out.path);
		rc = op_host->send_redirect(r, 303, loc);
	} else if (out.status == 400 || out.status == 409 || out.status == 413) {
		rc = send_form(r, out.status, f, problems,
			       in.keuze && strcmp(in.keuze, "nieuw") == 0 ? out.error : NULL,
			       out.message);
	} else {
		rc = op_host->send_error(r, out.status, out.message);
	}
	json_decref(problems);
	return rc;
}

int op_route_form(wp_plugin *self, wp_request *r)
{
	const wp_viewer *v = op_host->viewer(r);
	int posted = op_host->method(r) == WP_POST, rc;
	form_values f = { { NULL } };

	(void)self;
	if (strcmp(op_host->rest(r), "/nieuw") != 0)
		return op_host->send_error(r, 404, NULL);
	read_values(r, &f, posted);
	if (!v || v->role == WP_ROLE_ANONIEM)
		rc = posted ? op_host->send_error(r, 403, op_host->text("olifantenpad.may_not"))
			    : to_login(r, &f);
	else if (v->role == WP_ROLE_LEZER)
		rc = op_host->send_error(r, 403, op_host->text("olifantenpad.may_not"));
	else
		rc = posted ? post_form(r, &f) : send_form(r, 200, &f, NULL, NULL, NULL);
	values_free(&f);
	return rc;
}
