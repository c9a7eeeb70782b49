/* texts.h - every text a user reads, in one table per language.
 *
 * Code and templates refer to texts by key; server/texts_nl.c holds the
 * Dutch table. A second language is a second table of the same keys. */
#ifndef WP_TEXTS_H
#define WP_TEXTS_H

#include <jansson.h>
#include <stddef.h>

/* A text of a plugin: key and text (the layout of plugin.h's
 * wp_plugin_text). */
typedef struct {
	const char *key;
	const char *text;
} wp_text;

/* Adds a plugin's table of count texts (kept, not copied), searched
 * before the core's. Only at start, before threads run. Returns 0 or
 * WP_ENOMEM (-7) when too many tables were added. */
int wp_texts_add(const wp_text *table, size_t count);
/* Forgets every added table (at shutdown). */
void wp_texts_reset(void);

/* The text for key in the active language; the key itself when missing
 * (so a missing text shows up instead of crashing). Static storage. */
const char *wp_t(const char *key);

/* All texts as a JSON object {key: text} for the templates' "t" context.
 * New reference; caller json_decref()s it. */
json_t *wp_texts_json(void);

#endif
