/* Integration tests of a system error's life over HTTP, against the real
 * server with the demo content: a new report's dates and team, status
 * moves through the form and the JSON API (regio team only, always with a
 * reason, one commit each), the status history read back from git, the
 * owner's answer, a reporter shown by role only outside their team, and
 * the sections that show which workarounds and stories point at an error.
 * Every test writes pages of its own, named it-*. */
#include "server.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEAM  "wijkteam-noord"
#define OTHER "wijkteam-zuid"
#define ERR   "systeemfouten/it-fout"

static wp_test_server *srv;
/* prof, regio: of TEAM; stranger: a professional of OTHER; far: the regio
 * team member of OTHER. */
static wp_ts_auth *prof, *regio, *stranger, *far;

static void start(void)
{
	/* Without the privacy plugin: these tests count stories professionals
	 * publish for every account at once, which the privacy plugin keeps
	 * within their team until the regio team approves (its own tests). */
	wp_ts_opts o = WP_TS_OPTS_INIT;

	o.config = WP_TS_PLUGINS_WITHOUT_PRIVACY;
	srv = wp_ts_start(&o);
	wp_ts_user_add_display(srv, "melder", "professional", TEAM, "Mila Melder",
			       "wachtwoord-van-melder");
	prof = wp_ts_login(srv, "melder", "wachtwoord-van-melder");
	regio = wp_ts_as(srv, "rita", "regioteam", TEAM);
	stranger = wp_ts_as(srv, "sven", "professional", OTHER);
	far = wp_ts_as(srv, "fien", "regioteam", OTHER);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(regio);
	wp_ts_auth_free(stranger);
	wp_ts_auth_free(far);
	prof = regio = stranger = far = NULL;
}

/* The same timeout as the other suite of this binary: Criterion 2.4.1 leaks a
 * timeout record in its runner when suites of one binary mix timeouts, and
 * the ASan run fails on that leak. */
TestSuite(sf_status, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

static void assert_status(const wp_ts_response *r, long status, const char *what)
{
	cr_assert_eq(r->status, status, "%s: expected %ld, got %ld: %.1500s", what, status,
		     r->status, r->body);
}

/* PUT /api/pages/PATH as a; base NULL: new; message NULL: none. */
static wp_ts_response *put_as(const wp_ts_auth *a, const char *path, const char *content,
			      const char *base, const char *message)
{
	json_t *j =
	    json_pack("{s:s, s:s?, s:s?}", "content", content, "base", base, "message", message);
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	json_decref(j);
	free(body);
	free(url);
	return r;
}

static void put_expect(const wp_ts_auth *a, const char *path, const char *content, long status)
{
	wp_ts_response *r = put_as(a, path, content, NULL, "Nieuw");

	assert_status(r, status, path);
	wp_ts_response_free(r);
}

static wp_ts_response *get_as(const wp_ts_auth *a, const char *path)
{
	return wp_ts_request_as(srv, a, "GET", path, NULL, NULL, NULL);
}

static json_t *meta_of(const char *path)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = get_as(regio, url);
	json_t *j, *meta;

	assert_status(r, 200, url);
	j = wp_ts_json(r);
	meta = json_incref(json_object_get(j, "meta"));
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return meta;
}

static const char *str_at(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "<missing>";
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A new error at ERR reported by prof, with the front-matter lines extra. */
static void report(const char *extra)
{
	char *c = wp_ts_fmt("---\ntitel: \"Testfout\"\nregeling: \"Regel 7\"\neigenaar: gemeente\n"
			    "%s---\n\nDe regel knelt.\n",
			    extra);

	put_expect(prof, ERR, c, 201);
	free(c);
}

/* POST the status form as a with status, reden and antwoord (NULL: left
 * out), with a's session token. */
static wp_ts_response *post_status(const wp_ts_auth *a, const char *status, const char *reden,
				   const char *antwoord, const char *datum)
{
	const char *fields[11];
	size_t n = 0;

	fields[n++] = "status";
	fields[n++] = status;
	if (reden) {
		fields[n++] = "reden";
		fields[n++] = reden;
	}
	if (antwoord) {
		fields[n++] = "antwoord";
		fields[n++] = antwoord;
	}
	if (datum) {
		fields[n++] = "antwoord_datum";
		fields[n++] = datum;
	}
	fields[n] = NULL;
	return wp_ts_post_form_as(srv, a, "/systeemfout/status/" ERR, fields);
}

/* POST /api/systeemfout/status/ERR as a with json. */
static wp_ts_response *api_status(const wp_ts_auth *a, const char *json)
{
	return wp_ts_request_as(srv, a, "POST", "/api/systeemfout/status/" ERR, json,
				"application/json", NULL);
}

/* ---- a new report ---- */

Test(sf_status, new_report_is_dated_gemeld_and_keeps_its_reporters_team)
{
	char day[11], rev[WP_TS_OID_HEX];
	json_t *meta;
	wp_ts_response *r;

	report("");
	today(day);
	meta = meta_of(ERR);
	cr_assert_str_eq(str_at(meta, "status"), "gemeld");
	cr_assert_str_eq(str_at(meta, "gemeld"), day);
	cr_assert_str_eq(str_at(meta, "status_sinds"), day);
	cr_assert_str_eq(str_at(meta, "melder_team"), TEAM);
	json_decref(meta);
	/* A later edit cannot move the error to another team. */
	wp_ts_api_revision(rev, srv, ERR);
	r = put_as(stranger, ERR,
		   "---\ntitel: \"Testfout\"\nregeling: \"Regel 7\"\nstatus: gemeld\n"
		   "melder_team: " OTHER "\n---\n\nAnders.\n",
		   rev, "Aangevuld");
	assert_status(r, 200, "another team's professional edits the text");
	wp_ts_response_free(r);
	meta = meta_of(ERR);
	cr_assert_str_eq(str_at(meta, "melder_team"), TEAM);
	json_decref(meta);
	/* melder names naam or rol, nothing else. */
	r = put_as(prof, "systeemfouten/it-melder",
		   "---\ntitel: X\nregeling: R\nmelder: wijkcoach\n---\nx\n", NULL, "Nieuw");
	assert_status(r, 400, "melder is naam or rol");
	cr_assert_not_null(strstr(r->body, "melder"), "%s", r->body);
	wp_ts_response_free(r);
}

/* ---- moving the status ---- */

Test(sf_status, form_moves_the_status_with_a_reason_in_one_commit)
{
	wp_ts_response *r;
	wp_ts_commit c;
	json_t *meta;
	size_t commits;
	char day[11], *answer;

	report("");
	r = get_as(regio, "/systeemfout/status/" ERR);
	assert_status(r, 200, "the regio team opens the form");
	cr_assert_not_null(strstr(r->body, "name=\"reden\""));
	wp_ts_response_free(r);
	commits = wp_ts_repo_count(wp_ts_data_dir(srv));
	/* No reason: refused, the answer typed is kept, nothing committed. */
	r = post_status(regio, "herkend", "  ", "De gemeente kijkt <ernaar>.", NULL);
	assert_status(r, 400, "a move without a reason");
	cr_assert_not_null(strstr(r->body, "Geef een reden"), "%.3000s", r->body);
	answer = wp_ts_textarea(r->body, "antwoord");
	cr_assert_str_eq(answer, "De gemeente kijkt <ernaar>.");
	free(answer);
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits);
	/* With a reason (on two lines): one commit, its message says why. */
	r = post_status(regio, "herkend", "Besproken in het\nregio-overleg", NULL, NULL);
	assert_status(r, 303, "a move with a reason");
	cr_assert_str_eq(wp_ts_header(r, "Location"), "/" ERR "#status");
	wp_ts_response_free(r);
	cr_assert_eq(wp_ts_repo_count(wp_ts_data_dir(srv)), commits + 1);
	wp_ts_repo_head(&c, wp_ts_data_dir(srv));
	/* The first line (what a history shows) holds the move and the reason. */
	c.message[strcspn(c.message, "\n")] = '\0';
	cr_assert_not_null(strstr(c.message, "Gemeld → Herkend: Besproken in het regio-overleg"),
			   "%s", c.message);
	wp_ts_commit_dispose(&c);
	today(day);
	meta = meta_of(ERR);
	cr_assert_str_eq(str_at(meta, "status"), "herkend");
	cr_assert_str_eq(str_at(meta, "status_sinds"), day);
	json_decref(meta);
	/* The same status again, no answer: nothing to save. */
	r = post_status(regio, "herkend", "nog eens", NULL, NULL);
	assert_status(r, 400, "nothing changed");
	wp_ts_response_free(r);
	/* The owner's answer alone needs no reason. */
	r = post_status(regio, "herkend", NULL, "We passen de regel aan.", "2026-11-30");
	assert_status(r, 303, "the owner's answer");
	wp_ts_response_free(r);
	meta = meta_of(ERR);
	cr_assert_str_eq(str_at(json_object_get(meta, "terugkoppeling"), "tekst"),
			 "We passen de regel aan.");
	cr_assert_str_eq(str_at(json_object_get(meta, "terugkoppeling"), "datum"), "2026-11-30");
	json_decref(meta);
	r = get_as(stranger, "/" ERR);
	cr_assert_not_null(strstr(r->body, "We passen de regel aan."));
	cr_assert_null(strstr(r->body, "De eigenaar heeft nog niet geantwoord"));
	wp_ts_response_free(r);
}

Test(sf_status, only_the_regio_team_opens_the_form)
{
	wp_ts_response *r;

	report("");
	r = get_as(prof, "/systeemfout/status/" ERR);
	assert_status(r, 403, "a professional");
	cr_assert_not_null(strstr(r->body, "regioteam"));
	wp_ts_response_free(r);
	r = post_status(prof, "herkend", "Want", NULL, NULL);
	assert_status(r, 403, "a professional posts");
	wp_ts_response_free(r);
	r = get_as(NULL, "/systeemfout/status/" ERR);
	assert_status(r, 303, "a visitor is sent to log in");
	cr_assert_not_null(strstr(wp_ts_header(r, "Location"), "/inloggen?terug="));
	wp_ts_response_free(r);
	r = get_as(regio, "/systeemfout/status/systeemfouten/bestaat-niet");
	assert_status(r, 404, "no such error");
	wp_ts_response_free(r);
	r = get_as(regio, "/systeemfout/status/verhalen/vijftig-euro-te-veel");
	assert_status(r, 404, "a story is no error");
	wp_ts_response_free(r);
	r = get_as(regio, "/systeemfout/iets-anders");
	assert_status(r, 404, "an unknown route");
	wp_ts_response_free(r);
	/* A session's form post without its token changes nothing. */
	r = wp_ts_request_as(srv, &(wp_ts_auth){NULL, prof->cookie, NULL}, "POST",
			     "/systeemfout/status/" ERR, "status=herkend&reden=x",
			     "application/x-www-form-urlencoded", NULL);
	assert_status(r, 403, "no CSRF token");
	wp_ts_response_free(r);
}

Test(sf_status, api_moves_and_reads_the_status_history_from_git)
{
	wp_ts_response *r;
	json_t *j, *h, *first, *last;
	char rev[WP_TS_OID_HEX], *body;

	report("");
	r = api_status(prof, "{\"status\": \"herkend\", \"reden\": \"x\"}");
	assert_status(r, 403, "a professional");
	wp_ts_response_free(r);
	r = api_status(regio, "{\"status\": \"herkend\"}");
	assert_status(r, 400, "no reason");
	cr_assert_eq(wp_ts_problem_count(r), 1);
	free(wp_ts_problem(r, "reden"));
	wp_ts_response_free(r);
	r = api_status(regio, "{\"status\": \"klaar\", \"reden\": \"x\"}");
	assert_status(r, 400, "unknown status");
	free(wp_ts_problem(r, "status"));
	wp_ts_response_free(r);
	r = api_status(regio, "{\"status\": 3}");
	assert_status(r, 400, "not a string");
	wp_ts_response_free(r);
	r = api_status(regio, "{\"status\": \"herkend\", \"reden\": \"x\", \"base\": "
			      "\"0123456789012345678901234567890123456789\"}");
	assert_status(r, 409, "a base that is not the page's");
	wp_ts_response_free(r);
	r = api_status(regio, "{\"status\": \"herkend\", \"reden\": \"Gezien\"}");
	assert_status(r, 200, "herkend");
	j = wp_ts_json(r);
	cr_assert_str_eq(str_at(j, "status"), "herkend");
	cr_assert_str_eq(str_at(j, "vorige"), "gemeld");
	json_decref(j);
	wp_ts_response_free(r);
	wp_ts_api_revision(rev, srv, ERR);
	body = wp_ts_fmt("{\"status\": \"in behandeling\", \"reden\": \"Gemeente pakt het op\", "
			 "\"base\": \"%s\", \"terugkoppeling\": {\"tekst\": \"Komt goed\", "
			 "\"datum\": \"2026-12-01\"}}",
			 rev);
	r = api_status(regio, body);
	assert_status(r, 200, "in behandeling with the owner's answer");
	wp_ts_response_free(r);
	free(body);
	r = get_as(stranger, "/api/systeemfout/status/" ERR);
	assert_status(r, 200, "the history");
	j = wp_ts_json(r);
	h = json_object_get(j, "history");
	cr_assert_eq(json_array_size(h), 3, "%s", r->body);
	first = json_array_get(h, 0);
	last = json_array_get(h, 2);
	cr_assert_str_eq(str_at(first, "status"), "gemeld");
	cr_assert_null(json_object_get(first, "vorige"));
	cr_assert_str_eq(str_at(json_array_get(h, 1), "status"), "herkend");
	cr_assert_not_null(strstr(str_at(json_array_get(h, 1), "reden"), "Gezien"));
	cr_assert_str_eq(str_at(last, "vorige"), "herkend");
	cr_assert_not_null(strstr(str_at(last, "reden"), "Gemeente pakt het op"));
	/* Each move is the commit git has for it. */
	{
		wp_ts_commit c;

		wp_ts_repo_head(&c, wp_ts_data_dir(srv));
		cr_assert_str_eq(str_at(last, "revision"), c.id);
		cr_assert(
		    strncmp(c.message, str_at(last, "reden"), strlen(str_at(last, "reden"))) == 0,
		    "%s", c.message);
		wp_ts_commit_dispose(&c);
	}
	json_decref(j);
	wp_ts_response_free(r);
	/* The page view shows the same moves. */
	r = get_as(stranger, "/" ERR);
	cr_assert_eq(wp_ts_count(r->body, "<tr data-status="), 3, "%.4000s", r->body);
	cr_assert_not_null(strstr(r->body, "Gemeente pakt het op"));
	wp_ts_response_free(r);
	r = get_as(regio, "/api/systeemfout/status/systeemfouten/bestaat-niet");
	assert_status(r, 404, "no such error");
	wp_ts_response_free(r);
}

/* ---- the reporter shown by role ---- */

/* Non-zero when the display name of the reporter appears in the answer
 * to path for a. */
static int shows_name(const wp_ts_auth *a, const char *path)
{
	wp_ts_response *r = get_as(a, path);
	int seen;

	assert_status(r, 200, path);
	seen = strstr(r->body, "Mila Melder") != NULL;
	wp_ts_response_free(r);
	return seen;
}

Test(sf_status, reporter_who_chose_rol_is_shown_by_role_outside_the_team)
{
	static const char *const doors[] = {
	    "/" ERR, "/geschiedenis/" ERR,	    "/api/changes", "/wijzigingen",
	    "/",     "/api/systeemfout/status/" ERR};
	wp_ts_response *r;
	size_t i;

	report("melder: rol\n");
	for (i = 0; i < sizeof(doors) / sizeof(doors[0]); i++) {
		cr_assert(shows_name(prof, doors[i]), "the reporter sees their name at %s",
			  doors[i]);
		cr_assert(shows_name(regio, doors[i]), "their team sees the name at %s", doors[i]);
		cr_assert_not(shows_name(stranger, doors[i]), "another team sees the name at %s",
			      doors[i]);
		cr_assert_not(shows_name(far, doors[i]),
			      "another team's regio member sees the name at %s", doors[i]);
	}
	r = get_as(stranger, "/geschiedenis/" ERR);
	cr_assert_not_null(strstr(r->body, "professional (naam afgeschermd)"), "%.3000s", r->body);
	wp_ts_response_free(r);
	/* A reporter who did not choose so is named. */
	put_expect(prof, "systeemfouten/it-genoemd",
		   "---\ntitel: Genoemd\nregeling: R\nmelder: naam\n---\nx\n", 201);
	cr_assert(shows_name(stranger, "/systeemfouten/it-genoemd"));
}

/* ---- what points at an error ---- */

Test(sf_status, sections_show_the_workarounds_and_stories_each_reader_may_see)
{
	wp_ts_response *r;

	report("");
	put_expect(prof, "verhalen/it-verhaal",
		   "---\ntitel: \"Het eigen verhaal\"\nregio: Noord\n---\nVerhaal.\n", 201);
	put_expect(prof, "verhalen/it-teamverhaal",
		   "---\ntitel: \"Het teamverhaal\"\nzichtbaarheid: team\nteam: " TEAM
		   "\n---\nVerhaal.\n",
		   201);
	put_expect(
	    prof, "verhalen/it-noemt",
	    "---\ntitel: \"Het noemende verhaal\"\nsysteemfouten: [it-fout]\n---\nVerhaal.\n", 201);
	put_expect(prof, "olifantenpaden/it-pad",
		   "---\ntitel: \"Het open pad\"\nobstakel: O\noplossing: P\nsysteemfout: it-fout\n"
		   "verhalen: [it-verhaal]\n---\nPad.\n",
		   201);
	put_expect(prof, "olifantenpaden/it-teampad",
		   "---\ntitel: \"Het teampad\"\nobstakel: O\noplossing: P\nsysteemfout: it-fout\n"
		   "verhalen: [it-verhaal, it-teamverhaal]\nzichtbaarheid: team\nteam: " TEAM
		   "\n---\nPad.\n",
		   201);
	/* The team sees both workarounds and all three stories. */
	r = get_as(regio, "/" ERR);
	cr_assert_not_null(strstr(r->body, "data-count=\"olifantenpaden\">2<"), "%.5000s", r->body);
	cr_assert_not_null(strstr(r->body, "data-count=\"verhalen\">3<"));
	cr_assert_not_null(strstr(r->body, "Het teampad"));
	cr_assert_not_null(strstr(r->body, "Het teamverhaal"));
	wp_ts_response_free(r);
	/* Another team: no team pages, and no story that only a team page
	 * ties to the error. */
	r = get_as(stranger, "/" ERR);
	cr_assert_not_null(strstr(r->body, "data-count=\"olifantenpaden\">1<"), "%.5000s", r->body);
	cr_assert_not_null(strstr(r->body, "data-count=\"verhalen\">2<"));
	cr_assert_null(strstr(r->body, "Het teampad"));
	cr_assert_null(strstr(r->body, "Het teamverhaal"));
	wp_ts_response_free(r);
	/* A story shows its error, through a workaround or named itself. */
	r = get_as(stranger, "/verhalen/it-verhaal");
	cr_assert_not_null(strstr(r->body, "data-path=\"" ERR "\""), "%.3000s",
			   strstr(r->body, "id=\"systeemfouten\"")
			       ? strstr(r->body, "id=\"systeemfouten\"")
			       : "(no section)");
	cr_assert_not_null(strstr(r->body, "Het open pad"), "the workaround it came through");
	cr_assert_not_null(strstr(r->body, "/olifantenpad/nieuw?verhaal=verhalen%2Fit-verhaal"));
	wp_ts_response_free(r);
	r = get_as(stranger, "/verhalen/it-noemt");
	cr_assert_not_null(strstr(r->body, "data-path=\"" ERR "\""));
	wp_ts_response_free(r);
	r = get_as(stranger, "/olifantenpaden/it-pad");
	cr_assert_not_null(strstr(r->body, "data-path=\"" ERR "\""));
	wp_ts_response_free(r);
	/* A hidden error is not shown on a story either. */
	put_expect(prof, "systeemfouten/it-teamfout",
		   "---\ntitel: \"De teamfout\"\nregeling: R\nzichtbaarheid: team\nteam: " TEAM
		   "\n---\nx\n",
		   201);
	put_expect(prof, "verhalen/it-noemt-team",
		   "---\ntitel: \"Noemt de teamfout\"\nsysteemfouten: [it-teamfout]\n---\nx\n",
		   201);
	r = get_as(stranger, "/verhalen/it-noemt-team");
	cr_assert_null(strstr(r->body, "De teamfout"), "%.5000s", r->body);
	wp_ts_response_free(r);
	/* A workaround changing its error takes its stories along. */
	{
		char rev[WP_TS_OID_HEX];

		wp_ts_api_revision(rev, srv, "olifantenpaden/it-pad");
		r = put_as(
		    prof, "olifantenpaden/it-pad",
		    "---\ntitel: \"Het open pad\"\nobstakel: O\noplossing: P\n"
		    "systeemfout: overgang-18-min-18-plus\nverhalen: [it-verhaal]\n---\nPad.\n",
		    rev, "Andere fout");
		assert_status(r, 200, "the workaround names another error");
		wp_ts_response_free(r);
	}
	r = get_as(stranger, "/" ERR);
	cr_assert_not_null(strstr(r->body, "data-count=\"olifantenpaden\">0<"), "%.5000s", r->body);
	cr_assert_not_null(strstr(r->body, "data-count=\"verhalen\">1<"));
	wp_ts_response_free(r);
}
