/* dilemma_util.c - small helpers the plugin's modules share: reading query
 * rows, setting JSON strings, and building the search link. */
#include "dilemma_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dl_row_str(const json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

json_int_t dl_row_int(const json_t *row, const char *key)
{
	const json_t *v = json_object_get(row, key);

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v))
		return strtoll(json_string_value(v), NULL, 10);
	return 0;
}

int dl_set_str(json_t *obj, const char *key, const char *s)
{
	return json_object_set_new(obj, key, s ? json_string(s) : json_null());
}

const char *dl_slug(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Appends s to out (room for 3 * strlen(s) bytes more), every byte but
 * the unreserved ones of RFC 3986 as %XX. */
static char *put_encoded(char *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			*out++ = (char)c;
		} else {
			*out++ = '%';
			*out++ = hex[c >> 4];
			*out++ = hex[c & 15];
		}
	}
	*out = '\0';
	return out;
}

char *dl_search_href(const char *slug)
{
	static const char head[] = "/zoeken?type=" DL_STORY_TYPE "&dilemmas=";
	char *out = malloc(sizeof(head) + 3 * strlen(slug));

	if (!out)
		return NULL;
	memcpy(out, head, sizeof(head));
	put_encoded(out + sizeof(head) - 1, slug);
	return out;
}
