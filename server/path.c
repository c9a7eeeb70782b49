/* path.c - validation of page paths.
 *
 * Every page path that reaches the store, the index or a URL passes
 * wp_path_check() first, so that no request text can name a file outside
 * the content tree ("..", "/etc/passwd"), shadow a server route ("api/x")
 * or create two pages that differ only in case or encoding. The rules are
 * deliberately narrow: [a-z0-9-] segments joined by single '/'. */
#include "path.h"

#include "error.h"
#include "texts.h"

#include <stdio.h>
#include <string.h>

#define SEGMENT_MAX 80 /* bytes per segment */

/* First segments that are route names of the server (see http*.c). */
static const char *const reserved[] = {
	"api", "static", "health", "nieuw", "bewerken", "geschiedenis", "verschil",
	"terugzetten", "verwijderen", "hernoemen", "bron", "type", "tag", "wijzigingen", "zoeken",
	"inloggen", "uitloggen", "beheer", "account", "feed", "_",
};

#define MAX_RESERVED_EXTRA 64

/* First segments plugins' routes took: set in main() before threads
 * start, read-only afterwards. */
static char extra[MAX_RESERVED_EXTRA][SEGMENT_MAX + 1];
static size_t nextra;

int wp_path_reserve(const char *name)
{
	if (nextra == MAX_RESERVED_EXTRA || strlen(name) > SEGMENT_MAX)
		return WP_ETOOBIG;
	snprintf(extra[nextra++], sizeof(extra[0]), "%s", name);
	return 0;
}

void wp_path_reserve_reset(void)
{
	nextra = 0;
}

int wp_path_is_reserved(const char *name)
{
	size_t i;

	for (i = 0; name && i < nextra; i++)
		if (strcmp(name, extra[i]) == 0)
			return 1;
	if (!name)
		return 0;
	/* '_' starts the server's own namespace (e.g. "_static"). */
	if (name[0] == '_')
		return 1;
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(name, reserved[i]) == 0)
			return 1;
	return 0;
}

static int refuse(const char *key)
{
	wp_error_set("%s", wp_t(key));
	return WP_EINVALID;
}

/* Checks the characters of one segment s[0..len). */
static int check_segment(const char *s, size_t len)
{
	size_t i;
	int has_alnum = 0;

	if (len == 0)
		return refuse("path.slash");
	if (len > SEGMENT_MAX) {
		wp_error_set(wp_t("path.segment_too_long"), SEGMENT_MAX);
		return WP_EINVALID;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			has_alnum = 1;
		} else if (c == '-') {
			continue;
		} else if (c >= 'A' && c <= 'Z') {
			return refuse("path.uppercase");
		} else if (c == '.') {
			return refuse("path.dot");
		} else if (c >= 0x80) {
			return refuse("path.non_ascii");
		} else if (c > 0x20 && c < 0x7f) {
			wp_error_set(wp_t("path.bad_char"), (char)c);
			return WP_EINVALID;
		} else {
			/* space and control characters: not worth echoing */
			return refuse("path.space");
		}
	}
	if (!has_alnum)
		return refuse("path.only_dashes");
	return 0;
}

int wp_path_check(const char *path)
{
	const char *seg, *end;
	size_t len, depth = 0;
	int rc;

	if (!path || !path[0])
		return refuse("path.empty");
	len = strlen(path);
	if (len > WP_PATH_MAX) {
		wp_error_set(wp_t("path.too_long"), WP_PATH_MAX);
		return WP_EINVALID;
	}
	if (path[0] == '/' || path[len - 1] == '/')
		return refuse("path.slash");
	for (seg = path; seg <= path + len; seg = end + 1) {
		end = strchr(seg, '/');
		if (!end)
			end = path + len;
		if (++depth > WP_PATH_MAX_DEPTH) {
			wp_error_set(wp_t("path.too_deep"), WP_PATH_MAX_DEPTH);
			return WP_EINVALID;
		}
		rc = check_segment(seg, (size_t)(end - seg));
		if (rc < 0)
			return rc;
		if (depth == 1) {
			char first[SEGMENT_MAX + 1];

			memcpy(first, seg, (size_t)(end - seg));
			first[end - seg] = '\0';
			if (wp_path_is_reserved(first)) {
				wp_error_set(wp_t("path.reserved"), first);
				return WP_EINVALID;
			}
		}
	}
	return 0;
}

void wp_path_folder(char *out, size_t n, const char *path)
{
	const char *slash;
	size_t len;

	if (n == 0)
		return;
	slash = path ? strrchr(path, '/') : NULL;
	len = slash ? (size_t)(slash - path) : 0;
	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(out, path, len);
	out[len] = '\0';
}

const char *wp_path_slug(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The ASCII letter for the second byte b of a two-byte UTF-8 Latin-1
 * letter c3 xx (lower case), or 0. */
static char unaccent(unsigned char b)
{
	static const char map[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"  /* 0x80..0x9f */
				  "aaaaaaaceeeeiiiidnooooo-ouuuuyty"; /* 0xa0..0xbf */

	if (b < 0x80 || b > 0xbf)
		return 0;
	return map[b - 0x80] == '-' ? 0 : map[b - 0x80];
}

/* The slug letter for byte *p and, for a two-byte Latin-1 letter, the
 * byte after it; *used: bytes taken. 0 for anything else. */
static char slug_char(const unsigned char *p, size_t *used)
{
	*used = 1;
	if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
		return (char)*p;
	if (*p >= 'A' && *p <= 'Z')
		return (char)(*p - 'A' + 'a');
	if (*p == 0xc3 && unaccent(p[1])) {
		*used = 2;
		return unaccent(p[1]);
	}
	return 0;
}

void wp_slug(char *out, size_t n, const char *title)
{
	const unsigned char *p = (const unsigned char *)(title ? title : "");
	size_t len = 0, used, max;
	int dash = 0;

	if (n == 0)
		return;
	max = n - 1 < WP_SLUG_MAX ? n - 1 : WP_SLUG_MAX;
	for (; *p; p += used) {
		char c = slug_char(p, &used);

		if (!c) {
			dash = len > 0;
			continue;
		}
		if (len + (size_t)dash + 1 > max)
			break;
		if (dash)
			out[len++] = '-';
		dash = 0;
		out[len++] = c;
	}
	out[len] = '\0';
}
