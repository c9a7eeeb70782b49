/* tokenize.h - the stemming tokenizer of the search index (SQLite FTS5).
 *
 * "wp_stem" wraps FTS5's own unicode61 tokenizer (case folding, diacritics
 * removed: 'geëscaleerd' == 'geescaleerd') and passes each word on as its
 * Snowball stem, so 'verhalen' finds 'verhaal' and 'gemeentes' finds
 * 'gemeente'. For Dutch it also indexes the leading and trailing parts of
 * compound words, so 'jeugdhulp' and 'hulpverlener' find
 * 'jeugdhulpverlener'; queries are only stemmed, never split.
 *
 *   CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'wp_stem dutch');
 *
 * Arguments after the name: the language, "dutch" (default) or "english",
 * then optionally "compounds 0" or "compounds 1" (default 1; Dutch only,
 * English never splits). A prefix query ("verhal"*) is matched on the
 * folded, unstemmed prefix (and on its stem, when that differs).
 *
 * Each FTS5 table in each connection gets its own tokenizer instance with
 * its own stemmer; SQLite never runs one connection in two threads at once,
 * so instances need no lock. Register once per connection. */
#ifndef WP_TOKENIZE_H
#define WP_TOKENIZE_H

#include <sqlite3.h>

/* Changes whenever the tokens made for a text change (stemming, compound
 * rules): an index built with another version must be rebuilt. */
#define WP_TOKENIZE_VERSION 1

/* Registers the tokenizer "wp_stem" with db's FTS5. Returns 0, or WP_ERROR
 * with a message (wp_error_last()) when db has no FTS5 or registration
 * fails. A CREATE VIRTUAL TABLE with bad tokenizer arguments fails in SQLite
 * with "error in tokenizer constructor" (FTS5 passes no text of ours); the
 * reason, in Dutch, is then in wp_error_last() of the calling thread. */
int wp_tokenize_register(sqlite3 *db);

#endif
