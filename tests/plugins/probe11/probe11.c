/* probe11.c - a test-only plugin for the members of the plugin API added
 * in 1.1 (plugin.h, "since 1.1"), so tests/integration/plugins11.c can
 * check the host's side over HTTP: a page type "blad" whose authors are
 * masked when its front matter says anoniem (on_author), an on_save hook
 * that writes the change's message into the page and refuses a message
 * with a forbidden word (save_message), JSON and text routes for
 * save_pages, page_history, send_text, slug and url_encode (routes.c), and
 * a static file (static/probe.txt). It refuses a host older than 1.1. It
 * is never part of a real wiki. */
#include "probe11.h"

#include <string.h>

#define FORBIDDEN_WORD "WEIGER"

static const wp_field blad_fields[] = {
	{ .name = "titel", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_REQUIRED },
	{ .name = "verwijzing", .kind = WP_FIELD_LINK, .link_type = "blad" },
	{ .name = "anoniem", .kind = WP_FIELD_BOOLEAN },
	/* Written by the hook: the message of the last change, and whether
	 * there was one. */
	{ .name = "bericht", .kind = WP_FIELD_TEXT, .flags = WP_FIELD_HIDDEN },
	{ .name = "met_bericht", .kind = WP_FIELD_BOOLEAN, .flags = WP_FIELD_HIDDEN },
	{ .name = NULL },
};

static const wp_type_def blad_type = { "blad", "bladen", WP_ROLE_PROFESSIONAL, blad_fields, 0 };

static const wp_plugin_text texts[] = {
	{ "type.blad", "Blad" },
	{ "types.blad", "Bladen" },
	{ "field.verwijzing", "Verwijzing" },
	{ "field.anoniem", "Anoniem" },
	{ "probe11.refused", "Het bericht bij deze wijziging bevat het woord WEIGER." },
	{ "probe11.bad_json",
	  "Stuur {\"pages\": [{\"path\", \"content\", \"base\"}], \"message\"}." },
	{ "probe11.unknown_route", "Deze proefroute bestaat niet." },
	{ "probe11.failed", "De proefplug-in probe11 kon dit niet doen." },
	{ "probe11.use_post", "Opslaan gaat met POST." },
};

/* Set once by wp_plugin_init before the server's threads start. */
static const wp_host *host_table;

const wp_host *probe11_host(void)
{
	return host_table;
}

/* Refuses a change whose message holds the forbidden word (any page); on
 * blad pages records the message in the front matter. */
static int probe11_on_save(wp_plugin *self, wp_save *s)
{
	const wp_host *h = host_table;
	const char *message = h->save_message(s);
	json_t *meta = h->save_meta(s);

	(void)self;
	if (message && strstr(message, FORBIDDEN_WORD)) {
		h->problem(s, NULL, h->text("probe11.refused"));
		return WP_PLUGIN_EINVALID;
	}
	if (!meta || strcmp(h->save_type(s), "blad") != 0)
		return 0;
	if (json_object_set_new(meta, "met_bericht", json_boolean(message != NULL)) < 0)
		return WP_PLUGIN_EINVALID;
	if (message)
		return json_object_set_new(meta, "bericht", json_string(message)) < 0
			       ? WP_PLUGIN_EINVALID
			       : 0;
	json_object_del(meta, "bericht");
	return 0;
}

/* A blad page that says anoniem: true is shown by role to outsiders. */
static int probe11_mask(wp_plugin *self, const char *path, const char *type, const json_t *meta)
{
	(void)self;
	(void)path;
	return strcmp(type, "blad") == 0 && json_is_true(json_object_get(meta, "anoniem"));
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	int rc;

	/* The members of 1.1 are used unconditionally: refuse an older host
	 * rather than call past the end of its table. */
	if (!WP_PLUGIN_API_HAS(host->version, 101))
		return WP_PLUGIN_EVERSION;
	host_table = host;
	if ((rc = host->add_texts(self, texts, sizeof(texts) / sizeof(texts[0]))) < 0 ||
	    (rc = host->add_type(self, &blad_type)) < 0 ||
	    (rc = host->on_save(self, probe11_on_save)) < 0 ||
	    (rc = host->on_author(self, probe11_mask)) < 0 ||
	    (rc = host->add_route(self, "/probe11", 0, WP_GET, probe11_route)) < 0 ||
	    (rc = host->add_route(self, "/api/probe11", 0, WP_GET | WP_POST, probe11_route)) < 0)
		return rc;
	return 0;
}
