/* config.c - data folder layout and werkplaats.json (jansson). */
#include "config.h"

#include "access.h"
#include "error.h"
#include "texts.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WP_SOURCE_DIR
#define WP_SOURCE_DIR "."
#endif
#ifndef WP_PLUGIN_DIR
#define WP_PLUGIN_DIR "plugins"
#endif

static json_t *default_plugins(void)
{
	static const char *const names[] = { WP_DEFAULT_PLUGINS };
	json_t *list = json_array();
	size_t i;

	for (i = 0; list && i < sizeof(names) / sizeof(names[0]); i++)
		json_array_append_new(list, json_string(names[i]));
	return list;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

int wp_config_defaults(wp_config *cfg, const char *data_dir)
{
	const char *root = getenv("WERKPLAATS_ROOT");

	memset(cfg, 0, sizeof(*cfg));
	cfg->data_dir = strdup(data_dir);
	cfg->repo_dir = join(data_dir, "repo.git");
	cfg->index_file = join(data_dir, "index.db");
	cfg->state_file = join(data_dir, "state.db");
	cfg->language = strdup("dutch");
	cfg->listen = strdup("127.0.0.1");
	cfg->theme = strdup("default");
	cfg->root_dir = strdup(root && *root ? root : WP_SOURCE_DIR);
	cfg->port = 8080;
	cfg->max_body = 1024 * 1024;
	cfg->threads = 8;
	cfg->connections = 128;
	cfg->cache_entries = 2000;
	cfg->page_cache = (size_t)16 << 20;
	cfg->render_cache = (size_t)64 << 20;
	cfg->default_vis = WP_VIS_INGELOGD;
	cfg->session_idle_s = 7200;
	cfg->session_max_s = 43200;
	cfg->plugins = default_plugins();
	cfg->plugin_dir = strdup(WP_PLUGIN_DIR);
	cfg->plugin_config = json_object();
	if (!cfg->plugins || !cfg->plugin_dir || !cfg->plugin_config || !cfg->data_dir || !cfg->repo_dir || !cfg->index_file || !cfg->state_file ||
	    !cfg->language ||
	    !cfg->listen || !cfg->theme || !cfg->root_dir) {
		wp_config_dispose(cfg);
		return WP_ENOMEM;
	}
	return 0;
}

static int take_string(char **dst, json_t *v)
{
	char *s;

	if (!json_is_string(v))
		return 0;
	s = strdup(json_string_value(v));
	if (!s)
		return WP_ENOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

/* A file path from the config: relative paths are taken from the data
 * folder, so the folder can move as a whole. */
static int take_path(wp_config *cfg, char **dst, json_t *v)
{
	char *s;

	if (!json_is_string(v) || !*json_string_value(v))
		return 0;
	s = json_string_value(v)[0] == '/' ? strdup(json_string_value(v))
					    : join(cfg->data_dir, json_string_value(v));
	if (!s)
		return WP_ENOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

/* Settings that guard access are checked, not skipped when wrong: a typo
 * must not silently open or lock the wiki. */
static int load_access(wp_config *cfg, json_t *root, const char *file)
{
	json_t *v = json_object_get(root, "default_visibility");
	wp_vis vis;
	int rc;

	if (v) {
		if (!json_is_string(v) || wp_vis_parse(json_string_value(v), &vis) < 0) {
			wp_error_set(wp_t("config.bad_value"), file, "default_visibility",
				     wp_t("config.visibility_values"));
			return WP_EINVALID;
		}
		cfg->default_vis = (int)vis;
	}
	v = json_object_get(root, "session_idle_seconds");
	if (v && (!json_is_integer(v) || json_integer_value(v) < 1)) {
		wp_error_set(wp_t("config.bad_value"), file, "session_idle_seconds",
			     wp_t("config.positive_seconds"));
		return WP_EINVALID;
	}
	if (v)
		cfg->session_idle_s = json_integer_value(v);
	v = json_object_get(root, "session_max_seconds");
	if (v && (!json_is_integer(v) || json_integer_value(v) < 1)) {
		wp_error_set(wp_t("config.bad_value"), file, "session_max_seconds",
			     wp_t("config.positive_seconds"));
		return WP_EINVALID;
	}
	if (v)
		cfg->session_max_s = json_integer_value(v);
	if ((rc = take_path(cfg, &cfg->tls_cert, json_object_get(root, "tls_certificate"))) < 0 ||
	    (rc = take_path(cfg, &cfg->tls_key, json_object_get(root, "tls_private_key"))) < 0 ||
	    (rc = take_string(&cfg->trusted_proxy, json_object_get(root, "trusted_proxy"))) < 0)
		return rc;
	return 0;
}

/* The plugin list must be exactly right: a wiki that silently runs
 * without the plugin that checks its stories is worse than one that
 * does not start. */
static int load_plugins(wp_config *cfg, json_t *root, const char *file)
{
	json_t *v = json_object_get(root, "plugins"), *item;
	size_t i;
	int rc;

	if (v) {
		json_array_foreach(v, i, item)
			if (!json_is_string(item))
				break;
		if (!json_is_array(v) || i < json_array_size(v)) {
			wp_error_set(wp_t("config.bad_value"), file, "plugins",
				     wp_t("config.plugin_list"));
			return WP_EINVALID;
		}
		json_decref(cfg->plugins);
		cfg->plugins = json_incref(v);
	}
	v = json_object_get(root, "plugin_config");
	if (v && !json_is_object(v)) {
		wp_error_set(wp_t("config.bad_value"), file, "plugin_config",
			     wp_t("config.plugin_config"));
		return WP_EINVALID;
	}
	if (v) {
		json_decref(cfg->plugin_config);
		cfg->plugin_config = json_incref(v);
	}
	if ((rc = take_string(&cfg->plugin_dir, json_object_get(root, "plugin_dir"))) < 0)
		return rc;
	return 0;
}

int wp_config_load(wp_config *cfg)
{
	char *file = join(cfg->data_dir, "werkplaats.json");
	json_error_t jerr;
	json_t *root = NULL, *v;
	int rc = 0;

	if (!file)
		return WP_ENOMEM;
	if (access(file, F_OK) != 0) {
		wp_error_set(wp_t("config.not_initialised"), cfg->data_dir, cfg->data_dir);
		rc = WP_ENOTFOUND;
		goto done;
	}
	root = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	if (!root || !json_is_object(root)) {
		wp_error_set(wp_t("config.bad_file"), file, jerr.line, root ? "" : jerr.text);
		rc = WP_EINVALID;
		goto done;
	}
	if ((rc = take_string(&cfg->listen, json_object_get(root, "listen"))) < 0 ||
	    (rc = take_string(&cfg->theme, json_object_get(root, "theme"))) < 0 ||
	    (rc = take_string(&cfg->language, json_object_get(root, "search_language"))) < 0)
		goto done;
	v = json_object_get(root, "port");
	if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < 65536)
		cfg->port = (int)json_integer_value(v);
	v = json_object_get(root, "max_body_bytes");
	if (json_is_integer(v) && json_integer_value(v) > 0)
		cfg->max_body = (size_t)json_integer_value(v);
	v = json_object_get(root, "render_cache_mb");
	if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 4096)
		cfg->render_cache = (size_t)json_integer_value(v) << 20;
	v = json_object_get(root, "page_cache_mb");
	if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 4096)
		cfg->page_cache = (size_t)json_integer_value(v) << 20;
	v = json_object_get(root, "threads");
	if (json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 256)
		cfg->threads = (int)json_integer_value(v);
	v = json_object_get(root, "connections");
	if (json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 1024)
		cfg->connections = (int)json_integer_value(v);
	if ((rc = load_access(cfg, root, file)) == 0)
		rc = load_plugins(cfg, root, file);
done:
	json_decref(root);
	free(file);
	return rc;
}

int wp_config_write_default(const wp_config *cfg)
{
	char *file = join(cfg->data_dir, "werkplaats.json");
	json_t *root = NULL;
	int rc = 0;

	if (!file)
		return WP_ENOMEM;
	if (mkdir(cfg->data_dir, 0750) != 0 && errno != EEXIST) {
		wp_error_set(wp_t("config.mkdir_failed"), cfg->data_dir, strerror(errno));
		rc = WP_ERROR;
		goto done;
	}
	if (access(file, F_OK) == 0)
		goto done;
	root = json_pack("{s:s, s:i, s:s, s:I, s:i, s:s, s:s, s:O}", "listen", cfg->listen,
			 "port", cfg->port, "theme", cfg->theme, "max_body_bytes",
			 (json_int_t)cfg->max_body, "threads", cfg->threads, "language", "nl",
			 "search_language", cfg->language, "plugins", cfg->plugins);
	if (!root || json_dump_file(root, file, JSON_INDENT(2)) != 0) {
		wp_error_set(wp_t("config.write_failed"), file);
		rc = WP_ERROR;
	}
done:
	json_decref(root);
	free(file);
	return rc;
}

void wp_config_dispose(wp_config *cfg)
{
	free(cfg->data_dir);
	free(cfg->repo_dir);
	free(cfg->index_file);
	free(cfg->state_file);
	free(cfg->tls_cert);
	free(cfg->tls_key);
	free(cfg->trusted_proxy);
	free(cfg->language);
	free(cfg->listen);
	free(cfg->theme);
	free(cfg->root_dir);
	free(cfg->plugin_dir);
	json_decref(cfg->plugins);
	json_decref(cfg->plugin_config);
	memset(cfg, 0, sizeof(*cfg));
}
