/* plan.c - the step plan of the wat-werkt-gesprek.
 *
 * The plan is a page in the content repo (sjablonen/wat-werkt-gesprek)
 * with front matter `stappen: [{nummer, naam, vraag}]`, so a team changes
 * it by editing that page. It is read on every request, as the person
 * asking may read it; when it is missing or malformed the default plan of
 * the texts (DOMAIN.md's six steps) stands in and the form says so. */
#include "gesprek.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The default plan: text keys of each step's name and question. */
static const struct {
	int nummer;
	const char *naam, *vraag;
} default_plan[] = {
    {1, "gesprek.standaard.1.naam", "gesprek.standaard.1.vraag"},
    {2, "gesprek.standaard.2.naam", "gesprek.standaard.2.vraag"},
    {3, "gesprek.standaard.3.naam", "gesprek.standaard.3.vraag"},
    {4, "gesprek.standaard.4.naam", "gesprek.standaard.4.vraag"},
    {5, "gesprek.standaard.5.naam", "gesprek.standaard.5.vraag"},
    {6, "gesprek.standaard.6.naam", "gesprek.standaard.6.vraag"},
};

static json_t *step_new(int nummer, const char *naam, const char *vraag)
{
	return json_pack("{s:i, s:s, s:s}", "nummer", nummer, "naam", naam, "vraag", vraag);
}

static json_t *default_steps(void)
{
	json_t *steps = json_array();
	size_t i;

	for (i = 0; steps && i < sizeof(default_plan) / sizeof(default_plan[0]); i++)
		if (json_array_append_new(steps, step_new(default_plan[i].nummer,
							  gs_t(default_plan[i].naam),
							  gs_t(default_plan[i].vraag))) < 0) {
			json_decref(steps);
			return NULL;
		}
	return steps;
}

/* A step number from YAML: an integer or a string of digits, 1 to 999. */
static int step_number(const json_t *v)
{
	const char *s = json_string_value(v);
	long n;
	char *end;

	if (json_is_integer(v)) {
		n = (long)json_integer_value(v);
	} else if (s && isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		if (*end)
			return 0;
	} else {
		return 0;
	}
	return n >= 1 && n <= 999 ? (int)n : 0;
}

/* A step name: one line of text, not empty. */
static int name_ok(const char *s)
{
	return s && !gs_blank(s) && !strchr(s, '\n') && !strchr(s, '\r') && strlen(s) <= 200;
}

/* The steps of the plan page's front matter, or NULL when they are not
 * a plan (no list, an item without number or name, a number twice). */
static json_t *page_steps(const json_t *meta)
{
	const json_t *list = json_object_get(meta, "stappen"), *item;
	json_t *steps;
	size_t i, j;

	if (!json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) > GS_MAX_STEPS)
		return NULL;
	steps = json_array();
	json_array_foreach(list, i, item) {
		int nummer = step_number(json_object_get(item, "nummer"));
		const char *naam = json_string_value(json_object_get(item, "naam"));
		const json_t *vraag = json_object_get(item, "vraag");
		char *trimmed;

		if (!steps || !nummer || !name_ok(naam) || (vraag && !json_is_string(vraag)))
			goto bad;
		for (j = 0; j < i; j++)
			if (json_integer_value(
				json_object_get(json_array_get(steps, j), "nummer")) == nummer)
				goto bad;
		trimmed = gs_trim(naam, strlen(naam));
		if (!trimmed || json_array_append_new(
				    steps, step_new(nummer, trimmed,
						    vraag ? json_string_value(vraag) : "")) < 0) {
			free(trimmed);
			goto bad;
		}
		free(trimmed);
	}
	return steps;
bad:
	json_decref(steps);
	return NULL;
}

int gs_plan_load(wp_request *r, gs_plan *out)
{
	json_t *page = NULL;
	int rc = gs_host()->page(r, &page, GS_PLAN_PATH);

	out->steps = NULL;
	out->notice = NULL;
	if (rc == 0)
		out->steps = page_steps(json_object_get(page, "meta"));
	json_decref(page);
	if (!out->steps) {
		out->notice = rc == 0 ? "gesprek.plan_malformed" : "gesprek.plan_missing";
		out->steps = default_steps();
	}
	return out->steps ? 0 : GS_ENOMEM;
}

void gs_plan_dispose(gs_plan *p)
{
	json_decref(p->steps);
	p->steps = NULL;
}

json_t *gs_plan_json(const gs_plan *p)
{
	json_t *out =
	    json_pack("{s:O, s:s, s:b}", "stappen", p->steps, "bron",
		      p->notice ? "standaard" : GS_PLAN_PATH, "standaard", p->notice != NULL);

	if (out && p->notice)
		json_object_set_new(out, "melding", json_string(gs_t(p->notice)));
	return out;
}
