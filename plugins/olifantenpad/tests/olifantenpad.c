/* Integration tests of the olifantenpad plugin over HTTP and the command
 * line, against the real server with the demo content: a workaround
 * always names an existing system error its writer may read (a hidden one
 * is refused without giving its title away), names existing stories, and
 * is declared team practice or formalised by the regio team only; the
 * demo workarounds pass `werkplaats check`. Every test saves pages of its
 * own under olifantenpaden/it-* and systeemfouten/it-*. */
#include "server.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>

#define TEAM	   "wijkteam-zuid"
#define OTHER_TEAM "wijkteam-oost"
/* A demo systeemfout and a demo story every account reads. */
#define DEMO_FOUT  "overgang-18-min-18-plus"
#define DEMO_STORY "schuld-eerst-of-het-kind"
/* The title of OTHER_TEAM's hidden systeemfout: a word in no demo page. */
#define SECRET_WORD  "roerdompmelding"
#define SECRET_TITLE "Geheime " SECRET_WORD " van team oost"
#define SECRET_SLUG  "it-team-oost"

static wp_test_server *srv;
/* prof: professional of TEAM; outsider: professional of OTHER_TEAM;
 * regio: the regio team (TEAM). */
static wp_ts_auth *prof, *outsider, *regio;

static void start(void)
{
	srv = wp_ts_start(NULL);
	prof = wp_ts_as(srv, "prof", "professional", TEAM);
	outsider = wp_ts_as(srv, "oost", "professional", OTHER_TEAM);
	regio = wp_ts_as(srv, "regio", "regioteam", TEAM);
}

static void stop(void)
{
	wp_ts_stop(srv);
	srv = NULL;
	wp_ts_auth_free(prof);
	wp_ts_auth_free(outsider);
	wp_ts_auth_free(regio);
	prof = outsider = regio = NULL;
}

TestSuite(olifantenpad, .init = start, .fini = stop, .timeout = 60);

/* ---- helpers ---- */

/* An olifantenpad file with the required texts, then the lines extra. */
static char *pad(const char *title, const char *extra)
{
	return wp_ts_fmt("---\ntitel: \"%s\"\nobstakel: \"Het loket wacht op een beschikking.\"\n"
			 "oplossing: \"We starten alvast, met toestemming.\"\n%s---\n\n"
			 "Een pad langs de kwartelkoning.\n",
			 title, extra);
}

/* pad() naming systeemfout fout and status (NULL: none). */
static char *pad_with(const char *title, const char *fout, const char *status)
{
	char *extra = wp_ts_fmt("systeemfout: %s\n%s%s%s", fout, status ? "status: " : "",
				status ? status : "", status ? "\n" : "");
	char *s = pad(title, extra);

	free(extra);
	return s;
}

/* PUT /api/pages/PATH as a with content; base NULL: a new page. */
static wp_ts_response *put_as(const wp_ts_auth *a, const char *path, const char *content,
			      const char *base)
{
	json_t *j = json_pack("{s:s, s:s?, s:s}", "content", content, "base", base, "message",
			      "Olifantenpad");
	char *body = json_dumps(j, 0), *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "PUT", url, body, "application/json", NULL);

	json_decref(j);
	free(body);
	free(url);
	return r;
}

static void assert_status(const wp_ts_response *r, long status, const char *what)
{
	cr_assert_eq(r->status, status, "%s: expected %ld, got %ld: %.800s", what, status,
		     r->status, r->body);
}

static void put_expect(const wp_ts_auth *a, const char *path, const char *content, const char *base,
		       long status)
{
	wp_ts_response *r = put_as(a, path, content, base);

	assert_status(r, status, path);
	wp_ts_response_free(r);
}

/* Asserts the new page content at path is refused (400) with a problem
 * on field only, and nothing saved; returns the answer (caller frees). */
static wp_ts_response *assert_refused_on(const wp_ts_auth *a, const char *path, const char *content,
					 const char *field)
{
	wp_ts_response *r = put_as(a, path, content, NULL), *g;
	char *msg = wp_ts_problem(r, field), *url = wp_ts_fmt("/api/pages/%s", path);

	cr_assert_eq(wp_ts_problem_count(r), 1, "only %s is wrong: %s", field, r->body);
	free(msg);
	g = wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
	assert_status(g, 404, "a refused page was saved");
	wp_ts_response_free(g);
	free(url);
	return r;
}

/* The string at key of path's stored front matter as a reads it,
 * malloc'd ("<missing>" when absent or not a string). */
static char *stored(const wp_ts_auth *a, const char *path, const char *key)
{
	char *url = wp_ts_fmt("/api/pages/%s", path);
	wp_ts_response *r = wp_ts_request_as(srv, a, "GET", url, NULL, NULL, NULL);
	json_t *j;
	const char *s;
	char *out;

	assert_status(r, 200, url);
	j = wp_ts_json(r);
	s = json_string_value(json_object_get(json_object_get(j, "meta"), key));
	out = strdup(s ? s : "<missing>");
	json_decref(j);
	wp_ts_response_free(r);
	free(url);
	return out;
}

static void assert_stored(const wp_ts_auth *a, const char *path, const char *key, const char *want)
{
	char *got = stored(a, path, key);

	cr_assert_str_eq(got, want, "%s: %s", path, key);
	free(got);
}

/* Asserts r is a 403 whose message names the regio team. */
static void assert_regio_only(const wp_ts_response *r, const char *what)
{
	json_t *j;
	const char *e;

	assert_status(r, 403, what);
	j = wp_ts_json(r);
	e = json_string_value(json_object_get(j, "error"));
	cr_assert(e && strstr(e, "regioteam"), "%s: refusal does not name the regio team: %s", what,
		  r->body);
	json_decref(j);
}

/* ---- the systeemfout behind it ---- */

Test(olifantenpad, systeemfout_is_required)
{
	char *content = pad("Zonder melding", "status: experiment\n");
	wp_ts_response *r =
	    assert_refused_on(prof, "olifantenpaden/it-zonder", content, "systeemfout");

	wp_ts_response_free(r);
	free(content);
	content = pad_with("Met melding", DEMO_FOUT, "experiment");
	put_expect(prof, "olifantenpaden/it-met", content, NULL, 201);
	assert_stored(prof, "olifantenpaden/it-met", "systeemfout", DEMO_FOUT);
	free(content);
}

Test(olifantenpad, systeemfout_must_exist)
{
	char *content = pad_with("Naar niets", "bestaat-nergens-ooit", NULL);
	wp_ts_response *r =
	    assert_refused_on(prof, "olifantenpaden/it-niets", content, "systeemfout");
	char *msg = wp_ts_problem(r, "systeemfout");

	cr_assert_not_null(strstr(msg, "bestaat-nergens-ooit"), "the bad name is not shown: %s",
			   msg);
	free(msg);
	wp_ts_response_free(r);
	free(content);
	/* A page of another type is no systeemfout. */
	content = pad_with("Naar een verhaal", "verhalen/" DEMO_STORY, NULL);
	r = assert_refused_on(prof, "olifantenpaden/it-verhaal", content, "systeemfout");
	wp_ts_response_free(r);
	free(content);
	/* A systeemfout made in the same minute, by path, is found. */
	content = wp_ts_fmt("---\ntitel: \"Vers gemeld\"\nregeling: \"Wmo\"\nstatus: gemeld\n---\n"
			    "\nNet gemeld.\n");
	put_expect(prof, "systeemfouten/it-vers", content, NULL, 201);
	free(content);
	content = pad_with("Naar een verse melding", "systeemfouten/it-vers", NULL);
	put_expect(prof, "olifantenpaden/it-vers", content, NULL, 201);
	free(content);
}

Test(olifantenpad, hidden_systeemfout_of_another_team_is_no_target_and_stays_hidden)
{
	const char *hidden = "---\ntitel: \"" SECRET_TITLE "\"\nregeling: \"Jeugdwet\"\n"
			     "status: gemeld\nzichtbaarheid: team\nteam: " OTHER_TEAM "\n---\n\n"
			     "Alleen voor team oost.\n";
	char *content = pad_with("Over de muur", SECRET_SLUG, "experiment");
	char *by_path = pad_with("Over de muur", "systeemfouten/" SECRET_SLUG, "experiment");
	char *msg;
	wp_ts_response *r;

	put_expect(outsider, "systeemfouten/" SECRET_SLUG, hidden, NULL, 201);
	r = assert_refused_on(prof, "olifantenpaden/it-muur", content, "systeemfout");
	cr_assert_null(strstr(r->body, SECRET_WORD), "the hidden title leaked: %s", r->body);
	msg = wp_ts_problem(r, "systeemfout");
	wp_ts_response_free(r);
	r = assert_refused_on(prof, "olifantenpaden/it-muur", by_path, "systeemfout");
	cr_assert_null(strstr(r->body, SECRET_WORD), "the hidden title leaked: %s", r->body);
	wp_ts_response_free(r);
	/* The answer is the one for a systeemfout that does not exist. */
	{
		char *none = pad_with("Over de muur", "it-team-west", "experiment");
		char *other;

		r = put_as(prof, "olifantenpaden/it-muur", none, NULL);
		other = wp_ts_problem(r, "systeemfout");
		wp_ts_response_free(r);
		{
			const char *a = strstr(msg, SECRET_SLUG),
				   *b = strstr(other, "it-team-west");

			cr_assert(a && b, "messages do not name the slugs: '%s' / '%s'", msg,
				  other);
			cr_assert_eq(a - msg, b - other);
			cr_assert_str_eq(a + strlen(SECRET_SLUG), b + strlen("it-team-west"),
					 "hidden and missing answered differently: '%s' / '%s'",
					 msg, other);
		}
		free(other);
		free(none);
	}
	/* The same in the form, which also shows no title. */
	{
		const char *fm = "titel: \"Over de muur\"\nobstakel: \"x\"\noplossing: \"y\"\n"
				 "systeemfout: " SECRET_SLUG "\n";
		const char *f[] = {"path",	  "olifantenpaden/it-muur",
				   "frontmatter", fm,
				   "body",	  "Tekst.\n",
				   "message",	  "x",
				   "action",	  "save",
				   NULL};

		r = wp_ts_post_form_as(srv, prof, "/nieuw", f);
		assert_status(r, 400, "form naming a hidden systeemfout");
		cr_assert_not_null(strstr(r->body, "<code>systeemfout</code>"));
		cr_assert_null(strstr(r->body, SECRET_WORD), "the hidden title leaked in the form");
		wp_ts_response_free(r);
	}
	/* Its own team links it; the workaround's page then shows the title
	 * to that team only. */
	put_expect(outsider, "olifantenpaden/it-muur", content, NULL, 201);
	r = wp_ts_request_as(srv, outsider, "GET", "/olifantenpaden/it-muur", NULL, NULL, NULL);
	assert_status(r, 200, "the team's view");
	cr_assert_not_null(strstr(r->body, SECRET_WORD), "the team does not see its systeemfout");
	wp_ts_response_free(r);
	r = wp_ts_request_as(srv, prof, "GET", "/olifantenpaden/it-muur", NULL, NULL, NULL);
	assert_status(r, 200, "an outsider's view");
	cr_assert_null(strstr(r->body, SECRET_WORD), "the hidden title leaked on the page view");
	wp_ts_response_free(r);
	free(msg);
	free(content);
	free(by_path);
}

/* ---- the stories it comes from ---- */

Test(olifantenpad, verhalen_must_name_existing_stories)
{
	char *bad =
	    pad("Met verhalen", "systeemfout: " DEMO_FOUT "\nverhalen:\n  - " DEMO_STORY "\n"
				"  - een-verhaal-dat-er-niet-is\n");
	char *dilemma = pad("Met verhalen", "systeemfout: " DEMO_FOUT "\nverhalen:\n"
					    "  - dilemmas/privacy-versus-samenwerken\n");
	char *good = pad("Met verhalen", "systeemfout: " DEMO_FOUT "\nverhalen:\n  - " DEMO_STORY
					 "\n  - verhalen/vijftig-euro-te-veel\n");
	wp_ts_response *r = assert_refused_on(prof, "olifantenpaden/it-verhalen", bad, "verhalen");
	char *msg = wp_ts_problem(r, "verhalen");

	cr_assert_not_null(strstr(msg, "een-verhaal-dat-er-niet-is"), "%s", msg);
	cr_assert_null(strstr(msg, DEMO_STORY), "the existing story is blamed: %s", msg);
	free(msg);
	wp_ts_response_free(r);
	r = assert_refused_on(prof, "olifantenpaden/it-verhalen", dilemma, "verhalen");
	wp_ts_response_free(r);
	put_expect(prof, "olifantenpaden/it-verhalen", good, NULL, 201);
	free(bad);
	free(dilemma);
	free(good);
}

/* ---- status: practice is the regio team's call ---- */

Test(olifantenpad, professional_cannot_declare_team_practice)
{
	const char *const practice[] = {"teampraktijk", "geformaliseerd", NULL};
	const char *const free_values[] = {"experiment", "vervallen", NULL};
	size_t i;

	for (i = 0; practice[i]; i++) {
		char *content = pad_with("Meteen praktijk", DEMO_FOUT, practice[i]);
		wp_ts_response *r = put_as(prof, "olifantenpaden/it-meteen", content, NULL);

		assert_regio_only(r, practice[i]);
		wp_ts_response_free(r);
		free(content);
	}
	{
		wp_ts_response *g = wp_ts_request_as(srv, prof, "GET",
						     "/api/pages/olifantenpaden/"
						     "it-meteen",
						     NULL, NULL, NULL);

		assert_status(g, 404, "a refused page was saved");
		wp_ts_response_free(g);
	}
	for (i = 0; free_values[i]; i++) {
		char *path = wp_ts_fmt("olifantenpaden/it-vrij-%s", free_values[i]);
		char *content = pad_with("Vrij", DEMO_FOUT, free_values[i]);

		put_expect(prof, path, content, NULL, 201);
		assert_stored(prof, path, "status", free_values[i]);
		free(content);
		free(path);
	}
}

Test(olifantenpad, regio_team_moves_a_workaround_to_practice)
{
	const char *path = "olifantenpaden/it-groei";
	char *experiment = pad_with("Groeit", DEMO_FOUT, "experiment");
	char *practice = pad_with("Groeit", DEMO_FOUT, "teampraktijk");
	char *formal = pad_with("Groeit", DEMO_FOUT, "geformaliseerd");
	char *edited = pad_with("Groeit, aangescherpt", DEMO_FOUT, "geformaliseerd");
	char *lapsed = pad_with("Groeit, aangescherpt", DEMO_FOUT, "vervallen");
	char rev[WP_TS_OID_HEX];
	wp_ts_response *r;

	put_expect(prof, path, experiment, NULL, 201);
	wp_ts_api_revision(rev, srv, path);
	r = put_as(prof, path, practice, rev);
	assert_regio_only(r, "professional: teampraktijk");
	wp_ts_response_free(r);
	r = put_as(prof, path, formal, rev);
	assert_regio_only(r, "professional: geformaliseerd");
	wp_ts_response_free(r);
	assert_stored(prof, path, "status", "experiment");
	put_expect(regio, path, practice, rev, 200);
	assert_stored(prof, path, "status", "teampraktijk");
	wp_ts_api_revision(rev, srv, path);
	put_expect(regio, path, formal, rev, 200);
	assert_stored(prof, path, "status", "geformaliseerd");
	/* The rest of a formalised workaround stays open to professionals. */
	wp_ts_api_revision(rev, srv, path);
	put_expect(prof, path, edited, rev, 200);
	assert_stored(prof, path, "status", "geformaliseerd");
	assert_stored(prof, path, "titel", "Groeit, aangescherpt");
	/* And anyone may say it lapsed. */
	wp_ts_api_revision(rev, srv, path);
	put_expect(prof, path, lapsed, rev, 200);
	assert_stored(prof, path, "status", "vervallen");
	free(experiment);
	free(practice);
	free(formal);
	free(edited);
	free(lapsed);
}

/* ---- the demo content ---- */

Test(olifantenpad, demo_workarounds_pass_the_check)
{
	char *tmp = wp_ts_tmpdir(), *data = wp_ts_fmt("%s/data", tmp);
	const char *init[] = {"init", "--data", data, "--demo", "--content", wp_ts_content_dir(),
			      NULL};
	const char *check[] = {"check", "--data", data, NULL};
	wp_ts_run_result *r = wp_ts_run(init);

	cr_assert_eq(r->exit_code, 0, "init: %d\n%s%s", r->exit_code, r->out, r->err);
	wp_ts_run_free(r);
	r = wp_ts_run(check);
	cr_assert_eq(r->exit_code, 0, "check: %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert_null(strstr(r->out, "olifantenpaden/"), "check: %s", r->out);
	wp_ts_run_free(r);
	/* The check does look at workarounds: one without its systeemfout is
	 * named. */
	wp_ts_repo_commit_raw(data, "olifantenpaden/it-kapot.md",
		   "---\ntitel: \"Kapot\"\nobstakel: \"x\"\noplossing: \"y\"\n"
		   "status: experiment\n---\nTekst.\n");
	r = wp_ts_run(check);
	cr_assert_eq(r->exit_code, 1, "check: %d\n%s%s", r->exit_code, r->out, r->err);
	cr_assert_not_null(strstr(r->out, "olifantenpaden/it-kapot"), "not named: %s", r->out);
	wp_ts_run_free(r);
	wp_ts_rmtree(tmp);
	free(tmp);
	free(data);
}

Test(olifantenpad, demo_workarounds_are_served_with_their_systeemfout)
{
	char *dir = wp_ts_fmt("%s/olifantenpaden", wp_ts_content_dir());
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t seen = 0;

	cr_assert_not_null(d, "%s", dir);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char *path, *url, *fout, *target;
		wp_ts_response *r;
		json_t *j;

		if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
			continue;
		path = wp_ts_fmt("olifantenpaden/%.*s", (int)(n - 3), e->d_name);
		url = wp_ts_fmt("/api/pages/%s", path);
		r = wp_ts_request_as(srv, prof, "GET", url, NULL, NULL, NULL);
		assert_status(r, 200, url);
		j = wp_ts_json(r);
		cr_assert_str_eq(json_string_value(json_object_get(j, "type")), "olifantenpad",
				 "%s", path);
		json_decref(j);
		wp_ts_response_free(r);
		fout = stored(prof, path, "systeemfout");
		target = strchr(fout, '/') ? wp_ts_fmt("/api/pages/%s", fout)
					   : wp_ts_fmt("/api/pages/systeemfouten/%s", fout);
		r = wp_ts_request_as(srv, prof, "GET", target, NULL, NULL, NULL);
		assert_status(r, 200, target);
		wp_ts_response_free(r);
		free(target);
		free(fout);
		free(url);
		free(path);
		seen++;
	}
	closedir(d);
	cr_assert_gt(seen, 0, "no demo olifantenpaden in %s", dir);
	free(dir);
}

/* A workaround that names a story only its team may read stays editable
 * for everyone who may read the workaround: a link the page already had
 * is not checked again, only new ones are. (The demo's warme overdracht
 * names a story of wijkteam-noord.) */
Test(olifantenpad, a_link_the_writer_cannot_see_does_not_block_editing)
{
	const char *path = "olifantenpaden/warme-overdracht-bij-verhuizing";
	char rev[WP_TS_OID_HEX], *url = wp_ts_fmt("/bron/%s", path), *content;
	wp_ts_response *r = wp_ts_request_as(srv, regio, "GET", url, NULL, NULL, NULL);

	assert_status(r, 200, "regio reads the workaround's source");
	cr_assert_not_null(strstr(r->body, "twee-gemeentes-een-gezin"), "%s", r->body);
	wp_ts_api_revision(rev, srv, path);
	/* The same front matter, a changed text. */
	content = wp_ts_fmt("%s\nAangevuld door het regioteam.\n", r->body);
	wp_ts_response_free(r);
	put_expect(regio, path, content, rev, 200);
	free(content);
	/* A story it cannot see, newly named, is still refused. */
	content = pad("Nieuw pad", "systeemfout: " DEMO_FOUT "\nverhalen:\n"
				   "  - twee-gemeentes-een-gezin\n");
	r = assert_refused_on(regio, "olifantenpaden/it-nieuw-verborgen", content, "verhalen");
	wp_ts_response_free(r);
	free(content);
	free(url);
}
