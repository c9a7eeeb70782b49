/* privacy.c - the privacy plugin's entry point and configuration:
 *
 *   "plugin_config": {"privacy": {
 *       "namen_bestand": "/etc/werkplaats/clientnamen.txt",
 *       "namen": ["Jansen", "de Vries"],
 *       "types": ["verhaal", "perspectief"]}}
 *
 * The name list (one name per line) lives outside the repository, so
 * the names of a team's clients are never in the wiki's history; the
 * file is read again when it changes, without a restart. "types" limits
 * the check to some page types (default: every page). */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const wp_host *pv_host;

static void config_free(wp_plugin *self, void *data)
{
	pv_config *cfg = data;

	(void)self;
	if (!cfg)
		return;
	json_decref(cfg->types);
	json_decref(cfg->inline_names);
	free(cfg->names_file);
	pv_names_free(cfg->names);
	pthread_mutex_destroy(&cfg->lock);
	free(cfg);
}

/* A new name list of the configured names and the file's. */
static pv_names *load_names(const pv_config *cfg, int log_failure, wp_plugin *self)
{
	pv_names *n = pv_names_new();
	const json_t *v;
	size_t i;

	if (!n)
		return NULL;
	json_array_foreach(cfg->inline_names, i, v)
		if (pv_names_add(n, json_string_value(v), json_string_length(v)) < 0)
			goto fail;
	if (cfg->names_file && pv_names_load(n, cfg->names_file) < 0 && log_failure)
		pv_host->log(self, "privacy: namenlijst %s niet te lezen", cfg->names_file);
	return n;
fail:
	pv_names_free(n);
	return NULL;
}

/* Reads the name list again when its file changed since. Called with
 * the lock held; keeps the old list when the new one cannot be made. */
static void refresh_names(pv_config *cfg)
{
	struct stat st;
	pv_names *n;

	if (!cfg->names_file || stat(cfg->names_file, &st) != 0)
		return;
	if (st.st_mtime == cfg->names_mtime && (long long)st.st_size == cfg->names_size)
		return;
	if (!(n = load_names(cfg, 0, NULL)))
		return;
	pv_names_free(cfg->names);
	cfg->names = n;
	cfg->names_mtime = st.st_mtime;
	cfg->names_size = (long long)st.st_size;
}

int pv_config_scan(pv_config *cfg, pv_hits *hits, const char *text, size_t len)
{
	int rc;

	pthread_mutex_lock(&cfg->lock);
	refresh_names(cfg);
	rc = pv_scan(hits, text, len, cfg->names);
	pthread_mutex_unlock(&cfg->lock);
	return rc;
}

int pv_config_checks(const pv_config *cfg, const char *type)
{
	const json_t *v;
	size_t i;

	if (!cfg->types)
		return 1;
	json_array_foreach(cfg->types, i, v)
		if (type && strcmp(json_string_value(v), type) == 0)
			return 1;
	return 0;
}

/* A list of strings from the configuration, or a message why not. */
static int string_list(json_t **out, const json_t *v, const char *key, wp_plugin *self)
{
	const json_t *x;
	size_t i;

	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_array(v))
		goto bad;
	json_array_foreach(v, i, x)
		if (!json_is_string(x))
			goto bad;
	*out = json_deep_copy(v);
	return *out ? 0 : WP_PLUGIN_EINVALID;
bad:
	pv_host->log(self, "plugin_config.privacy.%s: geen lijst met teksten", key);
	return WP_PLUGIN_EINVALID;
}

static int configure(pv_config *cfg, wp_plugin *self)
{
	const json_t *conf = pv_host->config(self);
	const json_t *file = json_object_get(conf, "namen_bestand");
	struct stat st;
	int rc;

	if ((rc = string_list(&cfg->types, json_object_get(conf, "types"), "types", self)) < 0 ||
	    (rc = string_list(&cfg->inline_names, json_object_get(conf, "namen"), "namen", self)) <
		0)
		return rc;
	if (file && (!json_is_string(file) || json_string_length(file) == 0)) {
		pv_host->log(self, "plugin_config.privacy.namen_bestand: geen bestandsnaam");
		return WP_PLUGIN_EINVALID;
	}
	if (file && !(cfg->names_file = strdup(json_string_value(file))))
		return WP_PLUGIN_EINVALID;
	if (!(cfg->names = load_names(cfg, 1, self)))
		return WP_PLUGIN_EINVALID;
	if (cfg->names_file && stat(cfg->names_file, &st) == 0) {
		cfg->names_mtime = st.st_mtime;
		cfg->names_size = (long long)st.st_size;
	}
	return 0;
}

__attribute__((visibility("default"))) int wp_plugin_init(const wp_host *host, wp_plugin *self)
{
	pv_config *cfg;
	int rc;

	/* problem_detail(), save_content() and save_note() came with 1.2. */
	if (!WP_PLUGIN_API_HAS(host->version, 102))
		return WP_PLUGIN_EVERSION;
	pv_host = host;
	if (!(cfg = calloc(1, sizeof(*cfg))))
		return WP_PLUGIN_EINVALID;
	pthread_mutex_init(&cfg->lock, NULL);
	host->set_data(self, cfg, config_free);
	if ((rc = host->add_texts(self, pv_texts, pv_ntexts)) < 0)
		return rc;
	if ((rc = configure(cfg, self)) < 0) {
		host->fail("%s", host->text("privacy.bad_config"));
		return rc;
	}
	if ((rc = host->on_save(self, pv_on_save)) < 0)
		return rc;
	return host->add_route(self, "/api/privacy", 0, WP_POST, pv_route_check);
}
