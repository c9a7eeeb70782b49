/* form.c - the form of a wat-werkt-gesprek: what fills it (the query, a
 * saved page, a posted form, a JSON request), what it checks, the page
 * file it saves and the data its template shows.
 *
 * A form's steps are the plan's steps, each with its text; a section of a
 * saved page that no plan step matches (the plan changed since) is kept
 * as an extra step with its own number and name, so continuing a
 * conversation never drops text. */
#include "gesprek.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIELD_MAX 64

void gs_form_init(gs_form *f)
{
	memset(f, 0, sizeof(*f));
	f->problems = json_array();
}

static void ref_dispose(gs_ref *ref)
{
	free(ref->value);
	free(ref->path);
	json_decref(ref->page);
	memset(ref, 0, sizeof(*ref));
}

void gs_form_dispose(gs_form *f)
{
	free(f->path);
	free(f->base);
	free(f->titel);
	free(f->datum);
	free(f->deelnemers);
	free(f->inleiding);
	ref_dispose(&f->verhaal);
	ref_dispose(&f->dilemma);
	json_decref(f->steps);
	json_decref(f->meta);
	json_decref(f->problems);
	memset(f, 0, sizeof(*f));
}

void gs_form_problem(gs_form *f, const char *field, const char *message)
{
	json_array_append_new(f->problems,
			      json_pack("{s:s?, s:s}", "field", field, "message", message));
}

/* The message of the first problem with field, or NULL. Borrowed. */
static const char *problem_of(const gs_form *f, const char *field)
{
	const json_t *p;
	size_t i;

	json_array_foreach(f->problems, i, p) {
		if (strcmp(gs_str(p, "field"), field) == 0)
			return gs_str(p, "message");
	}
	return NULL;
}

/* Finds the page ref->value names, of type; leaves ref->page NULL when it
 * is missing, unreadable or of another type. */
static void ref_resolve(wp_request *r, gs_ref *ref, const char *type)
{
	char path[256];
	json_t *page = NULL;

	if (gs_blank(ref->value) || strlen(ref->value) > 200)
		return;
	if (gs_host()->link_path(path, sizeof(path), type, ref->value) != 0 || !gs_path_ok(path))
		return;
	if (gs_host()->page(r, &page, path) != 0)
		return;
	if (strcmp(gs_str(page, "type"), type) != 0) {
		json_decref(page);
		return;
	}
	ref->path = strdup(path);
	ref->page = page;
}

/* Sets ref->value to a trimmed copy of value (which the call owns). */
static void ref_take(gs_ref *ref, char *value)
{
	free(ref->value);
	ref->value = value ? gs_trim(value, strlen(value)) : NULL;
	free(value);
}

static json_t *plan_step(const json_t *ps, const char *tekst)
{
	char veld[FIELD_MAX];
	int nummer = (int)json_integer_value(json_object_get(ps, "nummer"));

	snprintf(veld, sizeof(veld), "stap_%d", nummer);
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:b}", "nummer", nummer, "naam",
			 gs_str(ps, "naam"), "vraag", gs_str(ps, "vraag"), "tekst", tekst, "veld",
			 veld, "extra", 0);
}

static json_t *extra_step(int k, int nummer, const char *naam, const char *tekst)
{
	char veld[FIELD_MAX];

	snprintf(veld, sizeof(veld), "extra_%d", k);
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:b, s:i}", "nummer", nummer, "naam", naam,
			 "vraag", "", "tekst", tekst, "veld", veld, "extra", 1, "k", k);
}

/* The plan's steps, all without text. */
static json_t *empty_steps(const gs_plan *plan)
{
	json_t *steps = json_array(), *ps;
	size_t i;

	json_array_foreach(plan->steps, i, ps) {
		json_array_append_new(steps, plan_step(ps, ""));
	}
	return steps;
}

/* "2026-11": the current month, the default date of a new conversation. */
static char *this_month(void)
{
	char out[16];
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || strftime(out, sizeof(out), "%Y-%m", &tm) == 0)
		return strdup("");
	return strdup(out);
}

int gs_form_from_query(wp_request *r, gs_form *f, const gs_plan *plan)
{
	ref_take(&f->verhaal, gs_host()->query(r, "verhaal"));
	ref_take(&f->dilemma, gs_host()->query(r, "dilemma"));
	ref_resolve(r, &f->verhaal, "verhaal");
	ref_resolve(r, &f->dilemma, "dilemma");
	f->verhaal.fixed = f->verhaal.page != NULL;
	f->dilemma.fixed = f->dilemma.page != NULL;
	if (!gs_blank(f->verhaal.value) && !f->verhaal.page)
		gs_form_problem(f, "verhaal", gs_t("gesprek.error.story_unknown"));
	if (!gs_blank(f->dilemma.value) && !f->dilemma.page)
		gs_form_problem(f, "dilemma", gs_t("gesprek.error.dilemma_unknown"));
	f->datum = this_month();
	f->steps = empty_steps(plan);
	return f->steps && f->datum && f->problems ? 0 : GS_ENOMEM;
}

/* A front-matter value as form text: a string as it is, a list of
 * strings one a line. malloc'd. */
static char *meta_text(const json_t *v)
{
	gs_buf b = GS_BUF_INIT;
	const json_t *item;
	size_t i;

	if (json_is_string(v))
		return strdup(json_string_value(v));
	json_array_foreach(v, i, item) {
		if (json_is_string(item))
			gs_buf_printf(&b, "%s%s", b.len ? "\n" : "", json_string_value(item));
	}
	return gs_buf_detach(&b);
}

static json_int_t number_at(const json_t *steps, size_t i)
{
	return json_integer_value(json_object_get(json_array_get(steps, i), "nummer"));
}

/* Orders steps by number, keeping the order of steps of the same number
 * (the plan's step before an extra one). */
static void sort_steps(json_t *steps)
{
	size_t i, j, n = json_array_size(steps);

	for (i = 1; i < n; i++) {
		json_int_t num = number_at(steps, i);
		json_t *step;

		j = i;
		while (j > 0 && number_at(steps, j - 1) > num)
			j--;
		if (j == i)
			continue;
		step = json_incref(json_array_get(steps, i));
		json_array_remove(steps, i);
		json_array_insert_new(steps, j, step);
	}
}

/* Puts each saved section into the plan step of the same number and name,
 * or after the plan's steps as an extra step. */
static json_t *merge_steps(const gs_plan *plan, const json_t *sections)
{
	json_t *steps = empty_steps(plan), *step;
	const json_t *s;
	size_t i, j;
	int extras = 0;

	json_array_foreach(sections, i, s) {
		int nummer = (int)json_integer_value(json_object_get(s, "nummer"));
		int placed = 0;

		json_array_foreach(steps, j, step) {
			if (json_is_true(json_object_get(step, "extra")) ||
			    json_integer_value(json_object_get(step, "nummer")) != nummer ||
			    !gs_same_name(gs_str(step, "naam"), gs_str(s, "naam")) ||
			    *gs_str(step, "tekst"))
				continue;
			json_object_set(step, "tekst", json_object_get(s, "tekst"));
			placed = 1;
			break;
		}
		if (!placed && extras < GS_MAX_STEPS)
			json_array_append_new(steps, extra_step(++extras, nummer, gs_str(s, "naam"),
								gs_str(s, "tekst")));
	}
	sort_steps(steps);
	return steps;
}

int gs_form_from_page(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *page)
{
	const json_t *meta = json_object_get(page, "meta");
	const char *body = gs_str(page, "body");
	json_t *sections = NULL;
	int rc;

	f->path = strdup(gs_str(page, "path"));
	f->base = strdup(gs_str(page, "revision"));
	f->meta = json_is_object(meta) ? json_deep_copy(meta) : json_object();
	f->titel = strdup(gs_str(meta, "titel"));
	f->datum = strdup(gs_str(meta, "datum"));
	f->deelnemers = meta_text(json_object_get(meta, "deelnemers"));
	ref_take(&f->verhaal, strdup(gs_str(meta, "verhaal")));
	ref_take(&f->dilemma, strdup(gs_str(meta, "dilemma")));
	ref_resolve(r, &f->verhaal, "verhaal");
	ref_resolve(r, &f->dilemma, "dilemma");
	f->verhaal.fixed = f->verhaal.page != NULL;
	f->dilemma.fixed = f->dilemma.page != NULL;
	rc = gs_body_split(body, strlen(body), &f->inleiding, &sections);
	if (rc == 0)
		f->steps = merge_steps(plan, sections);
	json_decref(sections);
	if (rc == 0 &&
	    !(f->path && f->base && f->meta && f->titel && f->datum && f->deelnemers && f->steps))
		rc = GS_ENOMEM;
	return rc;
}

/* A posted text field, cleaned (see gs_text_clean()); "" when absent.
 * malloc'd. */
static char *post_text(wp_request *r, const char *name)
{
	char *raw = gs_host()->form(r, name), *out = gs_text_clean(raw ? raw : "");

	free(raw);
	return out;
}

/* A posted one-line field, trimmed, line breaks made spaces. malloc'd. */
static char *post_line(wp_request *r, const char *name)
{
	char *raw = gs_host()->form(r, name), *out, *p;

	out = raw ? gs_trim(raw, strlen(raw)) : strdup("");
	free(raw);
	for (p = out; p && *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	return out;
}

static int post_flag(wp_request *r, const char *name, const char *value)
{
	char *v = gs_host()->form(r, name);
	int on = v && strcmp(v, value) == 0;

	free(v);
	return on;
}

/* The extra steps a posted form carries in hidden fields. */
static void post_extras(wp_request *r, json_t *steps)
{
	char *count = post_line(r, "extra_aantal");
	int n = count ? atoi(count) : 0, k, kept = 0;

	free(count);
	if (n < 0 || n > GS_MAX_STEPS)
		n = 0;
	for (k = 1; k <= n; k++) {
		char name[FIELD_MAX];
		char *nummer, *naam, *tekst;
		int num;

		snprintf(name, sizeof(name), "extra_%d_nummer", k);
		nummer = post_line(r, name);
		snprintf(name, sizeof(name), "extra_%d_naam", k);
		naam = post_line(r, name);
		snprintf(name, sizeof(name), "extra_%d", k);
		tekst = post_text(r, name);
		num = nummer ? atoi(nummer) : 0;
		if (num >= 1 && num <= 999 && !gs_blank(naam) && tekst)
			json_array_append_new(steps, extra_step(++kept, num, naam, tekst));
		free(nummer);
		free(naam);
		free(tekst);
	}
}

int gs_form_from_post(wp_request *r, gs_form *f, const gs_plan *plan)
{
	json_t *step;
	size_t i;

	f->titel = post_line(r, "titel");
	f->datum = post_line(r, "datum");
	f->deelnemers = post_text(r, "deelnemers");
	f->inleiding = post_text(r, "inleiding");
	free(f->base);
	f->base = post_line(r, "base");
	ref_take(&f->verhaal, gs_host()->form(r, "verhaal"));
	ref_take(&f->dilemma, gs_host()->form(r, "dilemma"));
	ref_resolve(r, &f->verhaal, "verhaal");
	ref_resolve(r, &f->dilemma, "dilemma");
	f->verhaal.fixed = f->verhaal.page && post_flag(r, "verhaal_vast", "1");
	f->dilemma.fixed = f->dilemma.page && post_flag(r, "dilemma_vast", "1");
	f->choose = post_flag(r, "actie", "kiezen");
	f->steps = empty_steps(plan);
	json_array_foreach(f->steps, i, step) {
		char *tekst = post_text(r, gs_str(step, "veld"));

		json_object_set_new(step, "tekst", json_string(tekst ? tekst : ""));
		free(tekst);
	}
	post_extras(r, f->steps);
	sort_steps(f->steps);
	return f->titel && f->datum && f->deelnemers && f->inleiding && f->base && f->steps
		   ? 0
		   : GS_ENOMEM;
}

/* A JSON string member as a new string ("" when absent); a member of
 * another kind is a problem. */
static char *json_member(gs_form *f, const json_t *in, const char *key)
{
	const json_t *v = json_object_get(in, key);

	if (v && !json_is_string(v) && !json_is_null(v))
		gs_form_problem(f, key, gs_t("gesprek.error.not_text"));
	return strdup(json_is_string(v) ? json_string_value(v) : "");
}

/* The step texts of a JSON request: {"<nummer>": "text"}. */
static void json_steps(gs_form *f, const json_t *stappen)
{
	const char *key;
	const json_t *v;
	json_t *step;
	size_t i;

	if (stappen && !json_is_object(stappen)) {
		gs_form_problem(f, "stappen", gs_t("gesprek.error.steps_shape"));
		return;
	}
	json_object_foreach((json_t *)stappen, key, v) {
		char *tekst = NULL;
		int found = 0;

		json_array_foreach(f->steps, i, step) {
			char num[16];

			snprintf(num, sizeof(num), "%d",
				 (int)json_integer_value(json_object_get(step, "nummer")));
			if (strcmp(num, key) != 0)
				continue;
			found = 1;
			if (!json_is_string(v)) {
				gs_form_problem(f, gs_str(step, "veld"),
						gs_t("gesprek.error.not_text"));
				break;
			}
			tekst = gs_text_clean(json_string_value(v));
			json_object_set_new(step, "tekst", json_string(tekst ? tekst : ""));
			free(tekst);
			break;
		}
		if (!found) {
			gs_buf msg = GS_BUF_INIT;
			char *s;

			gs_buf_printf(&msg, "%s %s", gs_t("gesprek.error.step_unknown"), key);
			s = gs_buf_detach(&msg);
			gs_form_problem(f, "stappen", s ? s : gs_t("gesprek.error.step_unknown"));
			free(s);
		}
	}
}

/* The participants of a JSON request: a list of roles, or one text with
 * a role on each line. */
static char *json_participants(gs_form *f, const json_t *v)
{
	const json_t *item;
	size_t i;

	if (!v || json_is_null(v))
		return strdup("");
	if (json_is_string(v))
		return gs_text_clean(json_string_value(v));
	json_array_foreach(v, i, item) {
		if (!json_is_string(item) || strchr(json_string_value(item), '\n')) {
			gs_form_problem(f, "deelnemers", gs_t("gesprek.error.participants_shape"));
			return strdup("");
		}
	}
	if (!json_is_array(v)) {
		gs_form_problem(f, "deelnemers", gs_t("gesprek.error.participants_shape"));
		return strdup("");
	}
	return meta_text(v);
}

int gs_form_from_json(wp_request *r, gs_form *f, const gs_plan *plan, const json_t *in)
{
	char *raw;

	f->titel = json_member(f, in, "titel");
	f->datum = json_member(f, in, "datum");
	raw = json_member(f, in, "inleiding");
	f->inleiding = gs_text_clean(raw ? raw : "");
	free(raw);
	f->deelnemers = json_participants(f, json_object_get(in, "deelnemers"));
	ref_take(&f->verhaal, json_member(f, in, "verhaal"));
	ref_take(&f->dilemma, json_member(f, in, "dilemma"));
	ref_resolve(r, &f->verhaal, "verhaal");
	ref_resolve(r, &f->dilemma, "dilemma");
	f->steps = empty_steps(plan);
	if (f->steps)
		json_steps(f, json_object_get(in, "stappen"));
	return f->titel && f->datum && f->inleiding && f->deelnemers && f->steps ? 0 : GS_ENOMEM;
}

/* Checks that a story or dilemma is named and found. */
static void check_ref(gs_form *f, const gs_ref *ref, const char *field, const char *missing,
		      const char *unknown)
{
	if (problem_of(f, field))
		return;
	if (gs_blank(ref->value))
		gs_form_problem(f, field, gs_t(missing));
	else if (!ref->page)
		gs_form_problem(f, field, gs_t(unknown));
}

size_t gs_form_check(gs_form *f)
{
	const json_t *step;
	size_t i;
	int any = 0;

	check_ref(f, &f->verhaal, "verhaal", "gesprek.error.story_missing",
		  "gesprek.error.story_unknown");
	check_ref(f, &f->dilemma, "dilemma", "gesprek.error.dilemma_missing",
		  "gesprek.error.dilemma_unknown");
	if (f->inleiding && gs_body_has_heading(f->inleiding))
		gs_form_problem(f, "inleiding", gs_t("gesprek.error.heading"));
	json_array_foreach(f->steps, i, step) {
		const char *tekst = gs_str(step, "tekst");

		if (gs_blank(tekst))
			continue;
		any = 1;
		if (gs_body_has_heading(tekst))
			gs_form_problem(f, gs_str(step, "veld"), gs_t("gesprek.error.heading"));
	}
	if (!any)
		gs_form_problem(f, NULL, gs_t("gesprek.error.no_step"));
	return json_array_size(f->problems);
}

/* The participants as a list: one role a line, empty lines left out. */
static json_t *participants(const char *text)
{
	json_t *list = json_array();
	const char *p = text ? text : "", *nl;

	while (list && *p) {
		char *role;

		nl = strchr(p, '\n');
		role = gs_trim(p, nl ? (size_t)(nl - p) : strlen(p));
		if (role && *role)
			json_array_append_new(list, json_string(role));
		free(role);
		p = nl ? nl + 1 : p + strlen(p);
	}
	return list;
}

/* Sets key to a string, or removes it when the string is blank. */
static void set_or_remove(json_t *meta, const char *key, const char *value)
{
	if (gs_blank(value))
		json_object_del(meta, key);
	else
		json_object_set_new(meta, key, json_string(value));
}

/* The title: as typed, or "Wat-werkt-gesprek: <story title>". malloc'd. */
static char *title_of(const gs_form *f)
{
	gs_buf b = GS_BUF_INIT;

	if (!gs_blank(f->titel))
		return strdup(f->titel);
	gs_buf_printf(&b, "%s %s", gs_t("gesprek.title_prefix"), gs_str(f->verhaal.page, "title"));
	return gs_buf_detach(&b);
}

/* A new conversation about a team story stays within that team: the
 * conversation retells the story. */
static void inherit_visibility(json_t *meta, const json_t *story)
{
	const json_t *smeta = json_object_get(story, "meta");
	const char *vis = json_string_value(json_object_get(smeta, "zichtbaarheid"));
	const json_t *team = json_object_get(smeta, "team");

	if (vis && strcmp(vis, "team") == 0 && json_is_string(team)) {
		json_object_set_new(meta, "zichtbaarheid", json_string("team"));
		json_object_set(meta, "team", (json_t *)team);
	}
}

char *gs_form_content(const gs_form *f)
{
	json_t *meta = f->meta ? json_deep_copy(f->meta) : json_object();
	json_t *done = json_array(), *list = participants(f->deelnemers);
	const json_t *step;
	char *titel = title_of(f), *body = gs_body_compose(f->inleiding, f->steps), *out = NULL;
	size_t i;

	if (meta && done && list && titel && body) {
		json_array_foreach(f->steps, i, step) {
			if (!gs_blank(gs_str(step, "tekst")))
				json_array_append(done, json_object_get(step, "naam"));
		}
		json_object_set_new(meta, "titel", json_string(titel));
		json_object_set_new(meta, "verhaal", json_string(f->verhaal.value));
		json_object_set_new(meta, "dilemma", json_string(f->dilemma.value));
		set_or_remove(meta, "datum", f->datum);
		if (json_array_size(list))
			json_object_set(meta, "deelnemers", list);
		else
			json_object_del(meta, "deelnemers");
		json_object_set(meta, "stappen", done);
		if (!f->meta)
			inherit_visibility(meta, f->verhaal.page);
		out = gs_host()->compose(meta, body);
	}
	json_decref(meta);
	json_decref(done);
	json_decref(list);
	free(titel);
	free(body);
	return out;
}

/* Non-zero when s is "YYYY-MM" or starts a "YYYY-MM-DD". */
static int month_like(const char *s)
{
	int i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return s[7] == '\0' || s[7] == '-';
}

void gs_form_new_path(const gs_form *f, unsigned n, char *out, size_t size)
{
	char slug[101];
	char month[8] = "";

	snprintf(slug, sizeof(slug), "%s", f->verhaal.path ? gs_slug(f->verhaal.path) : "");
	while (*slug && slug[strlen(slug) - 1] == '-')
		slug[strlen(slug) - 1] = '\0';
	if (f->datum && month_like(f->datum))
		snprintf(month, sizeof(month), "%.7s", f->datum);
	snprintf(out, size, GS_FOLDER "/wat-werkt-%s%s%s", *slug ? slug : "gesprek",
		 *month ? "-" : "", month);
	if (n > 1)
		snprintf(out + strlen(out), size - strlen(out), "-%u", n);
}

/* ---- template data ---- */

/* The label of a problem's field, for the list above the form. */
static const char *field_label(const gs_form *f, const char *field)
{
	static const char *const labels[][2] = {
	    {"verhaal", "gesprek.form.story"},
	    {"dilemma", "gesprek.form.dilemma"},
	    {"titel", "gesprek.form.title"},
	    {"datum", "gesprek.form.date"},
	    {"deelnemers", "gesprek.form.participants"},
	    {"inleiding", "gesprek.form.intro"},
	    {"stappen", "gesprek.form.steps"},
	};
	const json_t *step;
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(field, labels[i][0]) == 0)
			return gs_t(labels[i][1]);
	json_array_foreach(f->steps, i, step) {
		if (strcmp(gs_str(step, "veld"), field) == 0)
			return gs_str(step, "naam");
	}
	return NULL;
}

/* The problems as shown above the form, each linking to its field. */
static json_t *problems_data(const gs_form *f)
{
	json_t *list = json_array();
	const json_t *p;
	size_t i;

	json_array_foreach(f->problems, i, p) {
		const char *field = gs_str(p, "field");
		const char *label = *field ? field_label(f, field) : NULL;

		json_array_append_new(list, json_pack("{s:s, s:s?, s:s?}", "message",
						      gs_str(p, "message"), "label", label,
						      "anchor", label ? field : NULL));
	}
	return list;
}

/* {field: message} for the fields of the form. */
static json_t *field_errors(const gs_form *f)
{
	json_t *out = json_object();
	const json_t *p;
	size_t i;

	json_array_foreach(f->problems, i, p) {
		const char *field = gs_str(p, "field");

		if (*field && !json_object_get(out, field))
			json_object_set_new(out, field, json_string(gs_str(p, "message")));
	}
	return out;
}

/* The link that starts the form again without the story (or dilemma). */
static char *change_href(const char *keep_key, const gs_ref *keep)
{
	gs_buf b = GS_BUF_INIT;

	gs_buf_puts(&b, "/gesprek/nieuw");
	if (keep->fixed && keep->path) {
		gs_buf_printf(&b, "?%s=", keep_key);
		gs_buf_urlenc(&b, keep->path);
	}
	return gs_buf_detach(&b);
}

/* A story or dilemma on the form: chosen (shown, in a hidden field) or a
 * <select> of the pages of type the person may read. */
static json_t *ref_data(wp_request *r, const gs_form *f, const gs_ref *ref, const char *type,
			const char *other_key, const gs_ref *other)
{
	json_t *out = json_pack("{s:s}", "value", ref->value ? ref->value : ""), *rows = NULL, *row;
	size_t i;

	if (!out)
		return NULL;
	if (ref->fixed) {
		char *href = f->path ? NULL : change_href(other_key, other);

		json_object_set_new(out, "fixed", json_true());
		json_object_set_new(out, "path", json_string(ref->path));
		json_object_set_new(out, "title", json_string(gs_str(ref->page, "title")));
		if (href)
			json_object_set_new(out, "change_href", json_string(href));
		free(href);
		return out;
	}
	if (gs_list_type(r, &rows, type) != 0)
		rows = json_array();
	json_array_foreach(rows, i, row) {
		if (ref->path && strcmp(gs_str(row, "path"), ref->path) == 0)
			json_object_set_new(row, "selected", json_true());
	}
	json_object_set_new(out, "options", rows ? rows : json_array());
	return out;
}

/* {"items": rows, "has_items"}; takes rows. */
static json_t *list_data(json_t *rows)
{
	size_t n = json_array_size(rows);

	return json_pack("{s:o, s:b}", "items", rows, "has_items", n > 0);
}

/* The list a step shows beside its question: the story's perspectives
 * or the other stories with the same dilemma. */
static void step_lists(wp_request *r, const gs_form *f, json_t *step)
{
	const char *naam = gs_str(step, "naam");
	json_t *rows = NULL;

	if (gs_same_name(naam, gs_t("gesprek.standaard.3.naam"))) {
		if (f->verhaal.page && gs_list_perspectives(r, &rows, f->verhaal.path) == 0)
			json_object_set_new(step, "perspectieven", list_data(rows));
		else
			json_object_set_new(step, "hint",
					    json_string(gs_t("gesprek.form.hint_story")));
	} else if (gs_same_name(naam, gs_t("gesprek.standaard.4.naam"))) {
		if (f->dilemma.page &&
		    gs_list_same_dilemma(r, &rows, f->dilemma.path, f->verhaal.path) == 0)
			json_object_set_new(step, "verhalen", list_data(rows));
		else
			json_object_set_new(step, "hint",
					    json_string(gs_t("gesprek.form.hint_dilemma")));
	}
}

static json_t *steps_data(wp_request *r, const gs_form *f, int *extras)
{
	json_t *list = json_deep_copy(f->steps), *step;
	size_t i;

	*extras = 0;
	json_array_foreach(list, i, step) {
		const char *err = problem_of(f, gs_str(step, "veld"));

		if (err)
			json_object_set_new(step, "stapfout", json_string(err));
		if (json_is_true(json_object_get(step, "extra")))
			(*extras)++;
		else
			step_lists(r, f, step);
	}
	return list;
}

json_t *gs_form_data(wp_request *r, const gs_form *f, const gs_plan *plan)
{
	json_t *data;
	gs_buf action = GS_BUF_INIT;
	char *href;
	int extras = 0;

	if (f->path)
		gs_buf_printf(&action, "/gesprek/verder/%s", f->path);
	else
		gs_buf_puts(&action, "/gesprek/nieuw");
	href = gs_buf_detach(&action);
	data = json_pack(
	    "{s:s, s:b, s:s, s:s?, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, "
	    "s:o, s:b}",
	    "title", gs_t(f->path ? "gesprek.form.heading_continue" : "gesprek.form.heading_new"),
	    "is_new", f->path == NULL, "action", href ? href : "/gesprek/nieuw", "path", f->path,
	    "base", f->base ? f->base : "", "titel", f->titel ? f->titel : "", "datum",
	    f->datum ? f->datum : "", "deelnemers", f->deelnemers ? f->deelnemers : "", "inleiding",
	    f->inleiding ? f->inleiding : "", "verhaal",
	    ref_data(r, f, &f->verhaal, "verhaal", "dilemma", &f->dilemma), "dilemma",
	    ref_data(r, f, &f->dilemma, "dilemma", "verhaal", &f->verhaal), "stappen",
	    steps_data(r, f, &extras), "problems", problems_data(f), "veldfout", field_errors(f),
	    "has_problems", json_array_size(f->problems) > 0);
	free(href);
	if (!data)
		return NULL;
	json_object_set_new(data, "extra_aantal", json_integer(extras));
	json_object_set_new(data, "choosing", json_boolean(!f->verhaal.fixed || !f->dilemma.fixed));
	if (plan->notice)
		json_object_set_new(data, "plan_notice", json_string(gs_t(plan->notice)));
	if (f->verhaal.page)
		json_object_set_new(data, "story_title",
				    json_string(gs_str(f->verhaal.page, "title")));
	return data;
}
