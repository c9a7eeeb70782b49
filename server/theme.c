/* theme.c - loading a theme's templates and fingerprinting its assets. */
#include "theme.h"

#include "error.h"
#include "mustache.h"
#include "texts.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_TEMPLATES 256
#define MAX_TEMPLATE_BYTES (1024 * 1024)

typedef struct {
	char *name;
	char *text;
	size_t len;
} template;

struct wp_theme {
	template templates[MAX_TEMPLATES];
	size_t count;
	char *static_dir;
	char *templates_dir; /* the theme's own, for plugin template overrides */
	char version[17];
};

static int slurp(char **out, size_t *len, const char *file, size_t max)
{
	FILE *f = fopen(file, "rb");
	wp_buf b = WP_BUF_INIT;
	char chunk[16384];
	size_t n;
	int rc = 0;

	*out = NULL;
	if (!f)
		return WP_ENOTFOUND;
	b.max = max;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = wp_buf_put(&b, chunk, n);
	fclose(f);
	if (rc < 0) {
		wp_buf_dispose(&b);
		return rc;
	}
	*len = b.len;
	*out = wp_buf_detach(&b);
	return *out ? 0 : WP_ENOMEM;
}

static const template *find(const wp_theme *t, const char *name);

/* Loads dir/NAME.mustache as template "<prefix>/NAME" (prefix NULL:
 * "NAME"), skipping names already loaded (a theme's override). */
static int load_templates(wp_theme *t, const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return WP_ENOTFOUND;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char file[4096];
		template *tp;

		if (n <= 9 || strcmp(e->d_name + n - 9, ".mustache") != 0)
			continue;
		if (t->count == MAX_TEMPLATES) {
			rc = WP_ETOOBIG;
			break;
		}
		tp = &t->templates[t->count];
		if (snprintf(file, sizeof(file), "%s/%s", dir, e->d_name) >= (int)sizeof(file))
			continue;
		if (prefix) {
			size_t need = strlen(prefix) + n - 9 + 2;

			tp->name = malloc(need);
			if (tp->name)
				snprintf(tp->name, need, "%s/%.*s", prefix, (int)(n - 9), e->d_name);
		} else {
			tp->name = strndup(e->d_name, n - 9);
		}
		if (!tp->name) {
			rc = WP_ENOMEM;
			break;
		}
		if (find(t, tp->name)) {
			free(tp->name);
			continue;
		}
		rc = slurp(&tp->text, &tp->len, file, MAX_TEMPLATE_BYTES);
		if (rc < 0) {
			free(tp->name);
			break;
		}
		t->count++;
	}
	closedir(d);
	return rc;
}

/* Hashes names and contents of the static files in directory order of
 * names (sorted) so the fingerprint is stable. */
static int fingerprint(wp_theme *t)
{
	crypto_generichash_state st;
	struct dirent **list = NULL;
	unsigned char h[8];
	int n, i, rc = 0;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	n = scandir(t->static_dir, &list, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char file[4096], *text = NULL;
		size_t len = 0;

		if (snprintf(file, sizeof(file), "%s/%s", t->static_dir, list[i]->d_name) <
			    (int)sizeof(file) &&
		    list[i]->d_name[0] != '.' &&
		    slurp(&text, &len, file, 16 * 1024 * 1024) == 0) {
			crypto_generichash_update(&st, (const unsigned char *)list[i]->d_name,
						  strlen(list[i]->d_name) + 1);
			crypto_generichash_update(&st, (const unsigned char *)text, len);
		}
		free(text);
		free(list[i]);
	}
	free(list);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(t->version, sizeof(t->version), h, sizeof(h));
	return rc;
}

static const template *find(const wp_theme *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		if (strcmp(t->templates[i].name, name) == 0)
			return &t->templates[i];
	return NULL;
}

int wp_theme_load(wp_theme **out, const char *themes_root, const char *name)
{
	char dir[4096];
	wp_theme *t;
	int rc;

	*out = NULL;
	if (!name[0] || strchr(name, '/') || strchr(name, '.')) {
		wp_error_set(wp_t("theme.bad_name"), name);
		return WP_EINVALID;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return WP_ENOMEM;
	snprintf(dir, sizeof(dir), "%s/%s/templates", themes_root, name);
	t->templates_dir = strdup(dir);
	rc = t->templates_dir ? load_templates(t, dir, NULL) : WP_ENOMEM;
	if (rc == 0 && !find(t, "layout"))
		rc = WP_ENOTFOUND;
	if (rc < 0) {
		if (rc == WP_ENOTFOUND)
			wp_error_set(wp_t("theme.not_found"), name, dir);
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%s/%s/static", themes_root, name);
	t->static_dir = realpath(dir, NULL);
	if (!t->static_dir) {
		wp_error_set(wp_t("theme.not_found"), name, dir);
		rc = WP_ENOTFOUND;
		goto fail;
	}
	if ((rc = fingerprint(t)) < 0)
		goto fail;
	*out = t;
	return 0;
fail:
	wp_theme_free(t);
	return rc;
}

void wp_theme_free(wp_theme *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->count; i++) {
		free(t->templates[i].name);
		free(t->templates[i].text);
	}
	free(t->static_dir);
	free(t->templates_dir);
	free(t);
}

int wp_theme_add_templates(wp_theme *t, const char *prefix, const char *dir)
{
	char own[4096];
	int rc;

	snprintf(own, sizeof(own), "%s/%s", t->templates_dir, prefix);
	rc = load_templates(t, own, prefix);
	if (rc < 0 && rc != WP_ENOTFOUND)
		return rc;
	rc = load_templates(t, dir, prefix);
	return rc == WP_ENOTFOUND ? 0 : rc;
}

static int loader(void *payload, const char *name, const char **out, size_t *out_len)
{
	const template *tp = find(payload, name);

	*out = tp ? tp->text : NULL;
	*out_len = tp ? tp->len : 0;
	return 0;
}

int wp_theme_render(wp_buf *out, const wp_theme *t, const char *name, json_t *data)
{
	const template *tp = find(t, name);

	if (!tp) {
		wp_error_set(wp_t("theme.no_template"), name);
		return WP_ENOTFOUND;
	}
	return wp_mustache_render(out, tp->text, tp->len, data, loader, (void *)t);
}

const char *wp_theme_version(const wp_theme *t)
{
	return t->version;
}

const char *wp_theme_static_dir(const wp_theme *t)
{
	return t->static_dir;
}
