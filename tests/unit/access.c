/* Unit tests for access.c: roles, visibility and the rights table. */
#include "access.h"
#include "types_fixture.h"
#include "error.h"

#include <criterion/criterion.h>
#include <string.h>

static const wp_viewer anon = { WP_ROLE_ANONIEM, NULL, NULL, NULL, WP_VIS_INGELOGD };
static const wp_viewer lezer = { WP_ROLE_LEZER, "lea", "Lea", "noord", WP_VIS_INGELOGD };
static const wp_viewer prof = { WP_ROLE_PROFESSIONAL, "anna", "Anna", "noord", WP_VIS_INGELOGD };
static const wp_viewer ervar = { WP_ROLE_ERVARINGSWERKER, "erik", "Erik", "zuid",
				 WP_VIS_INGELOGD };
static const wp_viewer regio = { WP_ROLE_REGIOTEAM, "rita", "Rita", "regio", WP_VIS_INGELOGD };
static const wp_viewer beheer = { WP_ROLE_BEHEERDER, "bea", "Bea", NULL, WP_VIS_INGELOGD };

static json_t *meta(const char *json)
{
	json_t *m = json_loads(json, 0, NULL);

	cr_assert_not_null(m, "bad test JSON %s", json);
	return m;
}

/* The rights of v for a change of type from before to after (JSON or NULL). */
static int change(const wp_viewer *v, const char *type, const char *before, const char *after)
{
	json_t *b = before ? meta(before) : NULL, *a = after ? meta(after) : NULL;
	int rc = wp_access_check_change(v, type, b, a);

	json_decref(b);
	json_decref(a);
	return rc;
}

TestSuite(access, .init = wp_test_types);

Test(access, roles_parse_and_print)
{
	wp_role r;

	cr_assert_eq(wp_role_parse("regioteam", &r), 0);
	cr_assert_eq(r, WP_ROLE_REGIOTEAM);
	cr_assert_str_eq(wp_role_name(WP_ROLE_ERVARINGSWERKER), "ervaringswerker");
	cr_assert_eq(wp_role_parse("anoniem", &r), WP_EINVALID, "no account has the visitor role");
	cr_assert_eq(wp_role_parse("Beheerder", &r), WP_EINVALID);
	cr_assert_eq(wp_role_parse(NULL, &r), WP_EINVALID);
	cr_assert(strstr(wp_error_last(), "professional"), "the message lists the roles");
}

Test(access, visibility_from_front_matter)
{
	const char *team;
	json_t *m = meta("{\"zichtbaarheid\": \"team\", \"team\": \"noord\"}");

	cr_assert_eq(wp_page_vis(m, WP_VIS_INGELOGD, &team), WP_VIS_TEAM);
	cr_assert_str_eq(team, "noord");
	json_decref(m);
	m = meta("{\"titel\": \"x\"}");
	cr_assert_eq(wp_page_vis(m, WP_VIS_OPENBAAR, &team), WP_VIS_OPENBAAR, "the default");
	cr_assert_eq(wp_page_vis(NULL, WP_VIS_INGELOGD, &team), WP_VIS_INGELOGD);
	json_decref(m);
	m = meta("{\"zichtbaarheid\": \"team\"}");
	cr_assert_eq(wp_page_vis(m, WP_VIS_OPENBAAR, &team), WP_VIS_ONGELDIG, "team without team");
	json_decref(m);
	m = meta("{\"zichtbaarheid\": \"geheim\"}");
	cr_assert_eq(wp_page_vis(m, WP_VIS_OPENBAAR, &team), WP_VIS_ONGELDIG);
	json_decref(m);
	m = meta("{\"zichtbaarheid\": [\"openbaar\"]}");
	cr_assert_eq(wp_page_vis(m, WP_VIS_OPENBAAR, &team), WP_VIS_ONGELDIG, "not a string");
	json_decref(m);
}

Test(access, who_reads_what)
{
	cr_assert(wp_may_read(&anon, WP_VIS_OPENBAAR, NULL));
	cr_assert_not(wp_may_read(&anon, WP_VIS_INGELOGD, NULL));
	cr_assert_not(wp_may_read(&anon, WP_VIS_TEAM, "noord"));
	cr_assert(wp_may_read(&lezer, WP_VIS_INGELOGD, NULL));
	cr_assert(wp_may_read(&lezer, WP_VIS_TEAM, "noord"), "own team");
	cr_assert_not(wp_may_read(&ervar, WP_VIS_TEAM, "noord"), "another team");
	cr_assert_not(wp_may_read(&regio, WP_VIS_TEAM, "noord"), "no role sees every team");
	cr_assert_not(wp_may_read(&beheer, WP_VIS_TEAM, "noord"), "not even a beheerder");
	cr_assert(wp_may_read(&beheer, WP_VIS_ONGELDIG, NULL), "a beheerder repairs bad values");
	cr_assert_not(wp_may_read(&prof, WP_VIS_ONGELDIG, NULL));
	cr_assert_not(wp_may_read(NULL, WP_VIS_OPENBAAR, NULL));
}

Test(access, write_rights_per_type)
{
	cr_assert_not(wp_may_write_type(&anon, "verhaal"));
	cr_assert_not(wp_may_write_type(&lezer, "verhaal"));
	cr_assert(wp_may_write_type(&prof, "verhaal"));
	cr_assert(wp_may_write_type(&ervar, "perspectief"), "same rights as a professional");
	cr_assert(wp_may_write_type(&ervar, "systeemfout"));
	cr_assert_not(wp_may_write_type(&prof, "handreiking"));
	cr_assert_not(wp_may_write_type(&ervar, "handreiking"));
	cr_assert(wp_may_write_type(&regio, "handreiking"));
	cr_assert(wp_may_write_type(&beheer, "handreiking"));
	cr_assert_not(wp_may_write_type(&prof, "onbekend"), "unknown types: nobody");
}

Test(access, handreiking_only_by_regioteam)
{
	cr_assert_eq(change(&prof, "handreiking", NULL, "{\"titel\": \"x\"}"), WP_EFORBIDDEN);
	cr_assert(strstr(wp_error_last(), "professional"), "names the role: %s", wp_error_last());
	cr_assert_eq(change(&regio, "handreiking", NULL, "{\"titel\": \"x\"}"), 0);
	cr_assert_eq(change(&anon, "verhaal", NULL, "{}"), WP_EFORBIDDEN);
	cr_assert(strstr(wp_error_last(), "Log in"), "%s", wp_error_last());
}

Test(access, systeemfout_status_only_by_regioteam)
{
	cr_assert_eq(change(&prof, "systeemfout", NULL, "{\"status\": \"gemeld\"}"), 0,
		     "a new error starts as gemeld");
	cr_assert_eq(change(&prof, "systeemfout", NULL, "{}"), 0);
	cr_assert_eq(change(&prof, "systeemfout", NULL, "{\"status\": \"opgelost\"}"),
		     WP_EFORBIDDEN);
	cr_assert_eq(change(&prof, "systeemfout", "{\"status\": \"gemeld\"}",
			    "{\"status\": \"herkend\"}"),
		     WP_EFORBIDDEN);
	cr_assert_eq(change(&prof, "systeemfout", "{\"status\": \"herkend\"}",
			    "{\"status\": \"herkend\", \"impact\": \"groot\"}"),
		     0, "other fields stay free");
	cr_assert_eq(change(&prof, "systeemfout", "{\"status\": \"herkend\"}", "{}"),
		     WP_EFORBIDDEN, "removing the status is moving it");
	cr_assert_eq(change(&regio, "systeemfout", "{\"status\": \"gemeld\"}",
			    "{\"status\": \"herkend\"}"),
		     0);
}

Test(access, practice_and_anonymisation_approval)
{
	cr_assert_eq(change(&prof, "olifantenpad", "{\"status\": \"experiment\"}",
			    "{\"status\": \"teampraktijk\"}"),
		     WP_EFORBIDDEN);
	cr_assert_eq(change(&prof, "olifantenpad", "{\"status\": \"teampraktijk\"}",
			    "{\"status\": \"vervallen\"}"),
		     0);
	cr_assert_eq(change(&prof, "olifantenpad", "{\"status\": \"teampraktijk\"}", "{}"),
		     WP_EFORBIDDEN, "deleting the approved status is not allowed either");
	cr_assert_eq(change(&prof, "olifantenpad", "{\"status\": \"experiment\"}", "{}"), 0);
	cr_assert_eq(change(&regio, "olifantenpad", "{\"status\": \"experiment\"}",
			    "{\"status\": \"teampraktijk\"}"),
		     0);
	cr_assert_eq(change(&ervar, "verhaal", "{\"anonimisering\": \"concept\"}",
			    "{\"anonimisering\": \"goedgekeurd\"}"),
		     WP_EFORBIDDEN);
	cr_assert_eq(change(&ervar, "verhaal", "{\"anonimisering\": \"concept\"}",
			    "{\"anonimisering\": \"gecontroleerd\"}"),
		     0);
}

Test(access, visibility_a_writer_sets)
{
	cr_assert_eq(change(&prof, "verhaal", NULL,
			    "{\"zichtbaarheid\": \"team\", \"team\": \"noord\"}"),
		     0);
	cr_assert_eq(change(&prof, "verhaal", NULL,
			    "{\"zichtbaarheid\": \"team\", \"team\": \"zuid\"}"),
		     WP_EFORBIDDEN, "not for another team");
	cr_assert(strstr(wp_error_last(), "noord"), "suggests the own team: %s", wp_error_last());
	cr_assert_eq(change(&prof, "verhaal", NULL, "{\"zichtbaarheid\": \"team\"}"),
		     WP_EINVALID);
	cr_assert_eq(change(&prof, "verhaal", NULL, "{\"zichtbaarheid\": \"geheim\"}"),
		     WP_EINVALID);
	cr_assert_eq(change(&beheer, "verhaal", NULL,
			    "{\"zichtbaarheid\": \"team\", \"team\": \"noord\"}"),
		     WP_EFORBIDDEN, "a beheerder without the team would lose the page");
	cr_assert_eq(change(&ervar, "verhaal",
			    "{\"zichtbaarheid\": \"team\", \"team\": \"noord\"}", NULL),
		     WP_EFORBIDDEN, "a page one cannot read cannot be deleted");
}

Test(access, managing_users)
{
	cr_assert(wp_may_manage_users(&beheer));
	cr_assert_not(wp_may_manage_users(&regio));
	cr_assert_not(wp_may_manage_users(&anon));
	cr_assert(wp_may_have_tokens(&lezer));
	cr_assert_not(wp_may_have_tokens(&anon));
}
