/* form.c - GET/POST /perspectief/nieuw?verhaal=verhalen/<s>&rol=<r>: the
 * form that adds a perspective to a story (rol, kennisbron, auteur,
 * titel, tekst). A refused form comes back (400) with each message next
 * to its field and everything the person wrote kept; a saved one sends
 * them to the story (303). */
#include "verhalen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_TEMPLATE "verhalen/perspectief"

/* The fields of the form, in the order they appear. */
static const char *const form_fields[] = {"verhaal", "rol",   "kennisbron", "auteur",
					  "titel",   "tekst", NULL};

/* What the person sent or asked for; every string malloc'd or NULL. */
typedef struct {
	char *v[6]; /* in the order of form_fields */
} form_values;

static void values_free(form_values *f)
{
	size_t i;

	for (i = 0; i < sizeof(f->v) / sizeof(f->v[0]); i++)
		free(f->v[i]);
}

static const char *value(const form_values *f, const char *field)
{
	size_t i;

	for (i = 0; form_fields[i]; i++)
		if (strcmp(form_fields[i], field) == 0)
			return f->v[i];
	return NULL;
}

/* Percent-encodes s into out (n bytes; truncated at a whole escape). */
static void url_encode(char *out, size_t n, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = 0;

	for (; s && *s && len + 4 < n; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			out[len++] = (char)c;
		} else {
			out[len++] = '%';
			out[len++] = hex[c >> 4];
			out[len++] = hex[c & 15];
		}
	}
	out[len] = '\0';
}

/* A visitor logs in first and comes back to this form. */
static int to_login(wp_request *r, const form_values *f)
{
	char ev[VH_PATH_MAX * 3], er[64], back[sizeof(ev) + sizeof(er) + 64];
	char enc[sizeof(back) * 3], loc[sizeof(enc) + 32];

	url_encode(ev, sizeof(ev), value(f, "verhaal"));
	url_encode(er, sizeof(er), value(f, "rol"));
	snprintf(back, sizeof(back), "/perspectief/nieuw?verhaal=%s&rol=%s", ev, er);
	url_encode(enc, sizeof(enc), back);
	snprintf(loc, sizeof(loc), "/inloggen?terug=%s", enc);
	return vh_host->send_redirect(r, 303, loc);
}

/* [{"value","label","selected"}] for a select of list with chosen. */
static json_t *options(const char *const *list, const char *(*label)(const char *),
		       const char *chosen)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; list[i]; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", list[i], "label",
						   label(list[i]), "selected",
						   chosen && strcmp(chosen, list[i]) == 0));
	return a;
}

/* Field problems to {"field": message}; the others to a list. */
static void sort_problems(json_t *data, const json_t *problems)
{
	json_t *errors = json_object(), *others = json_array(), *p;
	size_t i;

	json_array_foreach(problems, i, p)
	{
		const char *field = vh_str(p, "field"), *msg = vh_str(p, "message");

		if (!msg)
			continue;
		if (field && vh_in_list(field, form_fields) && !json_object_get(errors, field))
			json_object_set_new(errors, field, json_string(msg));
		else
			json_array_append_new(others, json_pack("{s:s}", "message", msg));
	}
	json_object_set_new(data, "errors", errors);
	json_object_set_new(data, "other_problems", others);
	json_object_set_new(data, "confirms", vh_host->confirm_keys(problems));
}

/* Sends the form with status; story_page (may be NULL) names the story,
 * problems (may be NULL) and message (may be NULL) say what went wrong. */
static int send_form(wp_request *r, int status, const form_values *f, const json_t *story_page,
		     const json_t *problems, const char *message)
{
	const char *story = vh_str(story_page, "path");
	json_t *data;
	size_t i;

	data = json_pack("{s:s, s:o, s:o, s:o}", "title", vh_host->text("verhalen.form.title"),
			 "roles", options(vh_roles, vh_role_label, value(f, "rol")), "sources",
			 options(vh_sources, vh_source_label, value(f, "kennisbron")), "tx",
			 vh_texts_json());
	if (!data)
		return vh_host->send_error(r, 500, vh_host->text("verhalen.error"));
	for (i = 0; form_fields[i]; i++)
		json_object_set_new(data, form_fields[i], json_string(f->v[i] ? f->v[i] : ""));
	if (story) {
		json_object_set_new(data, "story_href", json_pack("s+", "/", story));
		json_object_set_new(
		    data, "story_title",
		    json_string(vh_str(story_page, "title") ? vh_str(story_page, "title") : story));
	}
	if (message)
		json_object_set_new(data, "error", json_string(message));
	sort_problems(data, problems);
	return vh_host->send_page(r, status, FORM_TEMPLATE, data);
}

/* Reads the values from the query (GET) or the posted form (POST). */
static void read_values(wp_request *r, form_values *f, int posted)
{
	size_t i;

	for (i = 0; form_fields[i]; i++)
		f->v[i] = posted ? vh_host->form(r, form_fields[i])
				 : (i < 2 ? vh_host->query(r, form_fields[i]) : NULL);
}

static int show_form(wp_request *r, const form_values *f)
{
	char story[VH_PATH_MAX];
	json_t *page = NULL;
	int rc;

	if (vh_find_story(r, value(f, "verhaal"), story, sizeof(story), &page) < 0)
		return vh_host->send_error(r, 404, vh_host->text("verhalen.form.no_story"));
	rc = send_form(r, 200, f, page, NULL, NULL);
	json_decref(page);
	return rc;
}

/* What the form says above a refused save. */
static const char *refusal(const vh_created *out)
{
	if (out->status == 400)
		return vh_host->text("verhalen.create.problems");
	if (out->status == 409)
		return vh_host->text("verhalen.create.exists");
	return out->message ? out->message : vh_host->text("verhalen.error");
}

static int post_form(wp_request *r, const form_values *f)
{
	vh_input in = {value(f, "verhaal"), value(f, "rol"),   value(f, "kennisbron"),
		       value(f, "auteur"),  value(f, "titel"), value(f, "tekst")};
	json_t *problems = json_array(), *page = NULL;
	vh_created out;
	char loc[VH_PATH_MAX + 20];
	int rc;

	vh_create(r, &in, problems, &out);
	if (out.status == 201) {
		snprintf(loc, sizeof(loc), "/%s#perspectieven", out.story);
		rc = vh_host->send_redirect(r, 303, loc);
	} else if (out.status == 403 || out.status >= 500) {
		rc = vh_host->send_error(
		    r, out.status, out.message ? out.message : vh_host->text("verhalen.error"));
	} else {
		if (out.story[0])
			vh_host->page(r, &page, out.story);
		rc = send_form(r, out.status, f, page, problems, refusal(&out));
	}
	json_decref(page);
	json_decref(problems);
	return rc;
}

int vh_form_route(wp_plugin *self, wp_request *r)
{
	int posted = vh_host->method(r) == WP_POST, rc;
	form_values f = {{NULL}};

	(void)self;
	if (strcmp(vh_host->rest(r), "/nieuw") != 0)
		return vh_host->send_error(r, 404, vh_host->text("verhalen.form.not_found"));
	read_values(r, &f, posted);
	if (!vh_host->viewer(r) || vh_host->viewer(r)->role == WP_ROLE_ANONIEM)
		rc = posted ? vh_host->send_error(r, 403, vh_host->text("verhalen.create.may_not"))
			    : to_login(r, &f);
	else if (!vh_may_write(vh_host->viewer(r)))
		rc = vh_host->send_error(r, 403, vh_host->text("verhalen.create.may_not"));
	else
		rc = posted ? post_form(r, &f) : show_form(r, &f);
	values_free(&f);
	return rc;
}
