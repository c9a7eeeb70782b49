/* check.c - the privacy check on every save, by every door (edit form,
 * API, plugin forms, revert, rename):
 *   - a BSN or an IBAN refuses the save;
 *   - any other finding is a warning: the save waits (422) until the
 *     person confirms "privacy", and the commit message then says which
 *     kinds they confirmed (never the text itself); a finding the page
 *     already held before the change is not asked about again;
 *   - a story shown beyond its team (zichtbaarheid openbaar or ingelogd)
 *     needs anonimisering goedgekeurd and a check that finds nothing at
 *     all; one that names no zichtbaarheid and is not approved is kept
 *     with its writer's team; a story is marked gecontroleerd or goedgekeurd only when
 *     the check finds nothing. Approving is the regio team's (the
 *     verhalen plugin guards the value). */
#include "privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The top-level front-matter key of the line holding offset at (the
 * nearest unindented "key:" line at or above it), into key; "" when at
 * is in the body or no key is found. */
static void field_at(char *key, size_t n, const char *c, size_t body_off, size_t at)
{
	size_t line = at, k;

	key[0] = '\0';
	if (at >= body_off)
		return;
	for (;;) {
		while (line > 0 && c[line - 1] != '\n')
			line--;
		if (c[line] != ' ' && c[line] != '\t' && c[line] != '-')
			break;
		if (line == 0)
			return;
		line--;
	}
	for (k = line; k < body_off && c[k] != ':' && c[k] != '\n'; k++)
		;
	if (k >= body_off || c[k] != ':' || k == line || k - line >= n)
		return;
	memcpy(key, c + line, k - line);
	key[k - line] = '\0';
	if (strcmp(key, "---") == 0)
		key[0] = '\0';
}

static const char *kind_text(const char *what, pv_kind k)
{
	char key[64];

	snprintf(key, sizeof(key), "privacy.%s.%s", what, pv_kind_name(k));
	return pv_host->text(key);
}

/* The message of a finding: the text key's, with what was found (at
 * most 80 bytes of it) in place of %s. */
static json_t *message_for(const char *key_text, const pv_hit *h, const char *content)
{
	char msg[1200], shown[96];
	int n = (int)(h->end - h->start > 80 ? 80 : h->end - h->start);

	snprintf(shown, sizeof(shown), "\u201c%.*s\u201d", n, content + h->start);
	snprintf(msg, sizeof(msg), key_text, shown);
	return json_string(msg);
}

json_t *pv_finding_json(const pv_hit *h, const char *content, size_t len, size_t body_off)
{
	char field[64];
	json_t *o;

	(void)len;
	field_at(field, sizeof(field), content, body_off, h->start);
	o = json_pack("{s:s, s:s, s:I, s:I, s:s%, s:s, s:b}", "kind", pv_kind_name(h->kind),
		      "label", kind_text("kind", h->kind), "start", (json_int_t)h->start, "end",
		      (json_int_t)h->end, "text", content + h->start, h->end - h->start,
		      "placeholder", pv_placeholder(h->kind), "blocks", pv_blocks(h->kind));
	if (o)
		json_object_set_new(
		    o, "message",
		    message_for(kind_text(pv_blocks(h->kind) ? "block" : "warn", h->kind), h,
				content));
	if (o && field[0])
		json_object_set_new(o, "field", json_string(field));
	return o;
}

char *pv_replaced(const pv_hits *hits, const char *content, size_t len)
{
	size_t i, at = 0, total = len + 1;
	char *out, *w;

	for (i = 0; i < hits->n; i++)
		total += strlen(pv_placeholder(hits->v[i].kind));
	if (!(out = malloc(total)))
		return NULL;
	for (w = out, i = 0; i < hits->n; i++) {
		const char *ph = pv_placeholder(hits->v[i].kind);

		memcpy(w, content + at, hits->v[i].start - at);
		w += hits->v[i].start - at;
		memcpy(w, ph, strlen(ph));
		w += strlen(ph);
		at = hits->v[i].end;
	}
	memcpy(w, content + at, len - at);
	w[len - at] = '\0';
	return out;
}

/* The findings of the page before the change, as "kind\ttext" keys. */
static json_t *earlier_findings(pv_config *cfg, wp_save *s)
{
	size_t len = 0, i;
	const char *old = pv_host->save_old_content(s, &len);
	json_t *seen = json_object();
	pv_hits hits = {0};
	char key[600];

	if (!seen || !old || pv_config_scan(cfg, &hits, old, len) < 0) {
		pv_hits_dispose(&hits);
		return seen;
	}
	for (i = 0; i < hits.n; i++) {
		snprintf(key, sizeof(key), "%s\t%.*s", pv_kind_name(hits.v[i].kind),
			 (int)(hits.v[i].end - hits.v[i].start), old + hits.v[i].start);
		json_object_set_new(seen, key, json_true());
	}
	pv_hits_dispose(&hits);
	return seen;
}

static int seen_before(const json_t *seen, const pv_hit *h, const char *content)
{
	char key[600];

	snprintf(key, sizeof(key), "%s\t%.*s", pv_kind_name(h->kind), (int)(h->end - h->start),
		 content + h->start);
	return json_object_get(seen, key) != NULL;
}

/* What the check says about the save, for the commit message. */
typedef struct {
	unsigned confirmed[PV_NKINDS];
	int any_confirmed;
} pv_tally;

/* Reports each finding: a block, a warning to confirm, or (beyond the
 * team) a spot that must go. */
static void report(wp_save *s, pv_config *cfg, const pv_hits *hits, const char *content, size_t len,
		   int wide, pv_tally *tally)
{
	size_t body_len = 0, body_off, i;
	int confirmed = pv_host->save_confirmed(s, PV_CONFIRM_KEY);
	json_t *seen = NULL;

	pv_host->save_body(s, &body_len);
	body_off = len >= body_len ? len - body_len : 0;
	for (i = 0; i < hits->n; i++) {
		const pv_hit *h = &hits->v[i];
		json_t *f = pv_finding_json(h, content, len, body_off);

		if (!f)
			continue;
		if (!pv_blocks(h->kind) && wide) {
			json_object_set_new(f, "message",
					    message_for(pv_host->text("privacy.wide"), h, content));
		} else if (!pv_blocks(h->kind)) {
			if (!seen)
				seen = earlier_findings(cfg, s);
			if (seen_before(seen, h, content) || confirmed) {
				if (confirmed && !seen_before(seen, h, content)) {
					tally->confirmed[h->kind]++;
					tally->any_confirmed = 1;
				}
				json_decref(f);
				continue;
			}
			json_object_set_new(f, "confirm", json_string(PV_CONFIRM_KEY));
		}
		pv_host->problem_detail(s, f);
	}
	json_decref(seen);
}

/* The commit message line for what the person confirmed. */
static void note_confirmed(wp_save *s, const pv_tally *t)
{
	char line[400];
	size_t n, k;
	int first = 1;

	n = (size_t)snprintf(line, sizeof(line), "%s", pv_host->text("privacy.note"));
	for (k = 0; k < PV_NKINDS && n < sizeof(line); k++) {
		if (!t->confirmed[k])
			continue;
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%u %s", first ? " " : ", ",
				      t->confirmed[k], kind_text("kind", (pv_kind)k));
		first = 0;
	}
	pv_host->save_note(s, line);
}

static const char *meta_str(const json_t *meta, const char *key)
{
	return json_string_value(json_object_get(meta, key));
}

/* A story that names no zichtbaarheid and is not approved stays with
 * its writer's team (the wiki's default would show it wider): sets
 * zichtbaarheid and team. Non-zero when it did. A writer without a team
 * (or the command line) is left to the rule, which says what to do. */
static int keep_in_team(wp_save *s)
{
	json_t *meta = pv_host->save_meta(s);
	const wp_viewer *v = pv_host->save_viewer(s);
	const char *a = meta_str(meta, "anonimisering");

	if (!meta || json_object_get(meta, "zichtbaarheid") ||
	    (a && strcmp(a, "goedgekeurd") == 0) || !v || !v->team || !*v->team)
		return 0;
	json_object_set_new(meta, "zichtbaarheid", json_string("team"));
	json_object_set_new(meta, "team", json_string(v->team));
	return 1;
}

/* The approval rule of a story (see the top of this file). */
static void story_rules(wp_save *s, const pv_hits *hits, int wide)
{
	const json_t *meta = pv_host->save_meta(s), *old = pv_host->save_old_meta(s);
	const char *a = meta_str(meta, "anonimisering"), *was = meta_str(old, "anonimisering");
	int marked = a && (strcmp(a, "gecontroleerd") == 0 || strcmp(a, "goedgekeurd") == 0);

	if (wide && (!a || strcmp(a, "goedgekeurd") != 0))
		pv_host->problem(s, "zichtbaarheid", pv_host->text("privacy.story_not_approved"));
	if (marked && hits->n > 0 && (!was || strcmp(was, a) != 0))
		pv_host->problem(s, "anonimisering", pv_host->text("privacy.story_not_clean"));
}

int pv_on_save(wp_plugin *self, wp_save *s)
{
	pv_config *cfg = pv_host->data(self);
	const char *type = pv_host->save_type(s), *content;
	pv_tally tally = {{0}, 0};
	pv_hits hits = {0};
	size_t len = 0;
	int story, wide;

	content = pv_host->save_content(s, &len);
	if (!content || !pv_config_checks(cfg, type))
		return 0;
	if (pv_config_scan(cfg, &hits, content, len) < 0) {
		pv_host->fail("%s", pv_host->text("privacy.no_memory"));
		return WP_PLUGIN_EINVALID;
	}
	story = type && strcmp(type, PV_STORY_TYPE) == 0;
	wide = story && pv_host->save_visibility(s) < 2 && !keep_in_team(s);
	report(s, cfg, &hits, content, len, wide, &tally);
	if (story)
		story_rules(s, &hits, wide);
	if (tally.any_confirmed)
		note_confirmed(s, &tally);
	pv_hits_dispose(&hits);
	return 0;
}
