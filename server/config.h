/* config.h - the data folder and its configuration file.
 *
 * A data folder holds repo.git (the bare page repository), index.db (the
 * search index, derived from the repository and rebuilt when missing) and
 * werkplaats.json (settings). Command-line flags override the file. */
#ifndef WP_CONFIG_H
#define WP_CONFIG_H

#include <jansson.h>
#include <stddef.h>

typedef struct {
	char *data_dir;	  /* as given */
	char *repo_dir;	  /* data_dir/repo.git */
	char *index_file; /* data_dir/index.db: the derived search index */
	char *state_file; /* data_dir/state.db: accounts and sessions (not derived) */
	char *language;	  /* search language: "dutch" (default) or "english" */
	char *listen;	  /* address to bind, default 127.0.0.1 */
	int port;	  /* default 8080; 0 = any free port */
	char *theme;	  /* theme name, default "default" */
	char *root_dir;	  /* where themes/ and content/ live */
	size_t max_body;  /* request body limit in bytes, default 1 MiB */
	int threads;	  /* sets of repository/index handles (pool.h), default 8 */
	int connections;  /* connection threads (slow clients hold one), default 128 */
	size_t cache_entries; /* rendered pages kept in memory, default 2000 */
	size_t render_cache;  /* bytes of rendered HTML kept, default 64 MiB
			       * ("render_cache_mb") */
	size_t page_cache;    /* bytes of page views kept as sent, default 16 MiB
			       * ("page_cache_mb" in the file; 0: none) */
	int default_vis;      /* wp_vis of pages without zichtbaarheid
			       * ("default_visibility"), default ingelogd */
	long long session_idle_s; /* "session_idle_seconds", default 7200 */
	long long session_max_s;  /* "session_max_seconds", default 43200 */
	char *tls_cert;	      /* "tls_certificate": PEM file (relative: to data_dir);
			       * NULL serves plain HTTP */
	char *tls_key;	      /* "tls_private_key": PEM file; NULL: in tls_cert */
	char *trusted_proxy;  /* "trusted_proxy": address of a reverse proxy whose
			       * X-Forwarded-For / -Proto are believed; NULL none */
	/* Plugins (plugin.h): "plugins", the names to load in order (a JSON
	 * array of strings; default WP_DEFAULT_PLUGINS, [] for none);
	 * "plugin_dir", where <name>.so files are (default: the build's);
	 * "plugin_config", an object with each plugin's settings by name. */
	json_t *plugins;
	char *plugin_dir;
	json_t *plugin_config;
} wp_config;

/* The plugins a wiki loads when its configuration names none. */
#define WP_DEFAULT_PLUGINS "verhalen", "dilemma", "gesprek", "olifantenpad", "systeemfout", "privacy"

/* Fills cfg with the defaults for data folder data_dir. root_dir is
 * $WERKPLAATS_ROOT or the source tree the binary was built from.
 * Free with wp_config_dispose(). Returns 0 or WP_ENOMEM. */
int wp_config_defaults(wp_config *cfg, const char *data_dir);

/* Reads data_dir/werkplaats.json over the defaults. A missing file is
 * WP_ENOTFOUND ("not initialised"); a malformed one WP_EINVALID with the
 * line and problem. Unknown keys are ignored. */
int wp_config_load(wp_config *cfg);

/* Creates data_dir (if needed) and writes werkplaats.json from cfg unless
 * it exists. */
int wp_config_write_default(const wp_config *cfg);

void wp_config_dispose(wp_config *cfg);

#endif
