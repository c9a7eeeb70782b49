/* query.h - what a person types into the search box, as a safe FTS5 MATCH expression.
 *
 * Search text never reaches FTS5 as syntax: every word or phrase leaves here as an FTS5 string
 * ("...", inner '"' doubled), so AND, NOT, NEAR(, ^, +, ':', '(' and column names in the text are
 * only ever searched for as words. What a person may write:
 *
 *   schulden opvoeding      both words (AND)           -> "schulden" "opvoeding"
 *   "schulden en opvoeding" the words next to each other -> "schulden en opvoeding"
 *   verhal*                 words that start with this   -> "verhal"*
 *   verhaal -schuld         without pages that hold it   -> "verhaal" NOT "schuld"
 *   -"een zin"              also for a phrase            -> ... NOT "een zin"
 *   schuld OF lening        either (also OR, uppercase)  -> ("schuld" OR "lening")
 *
 * Details that decide edge cases:
 * - Words are separated by white space (also no-break and other Unicode spaces) and by '"'.
 * - A '"' without a closing '"' makes the rest of the text one phrase (the person is still
 *   typing it). "" and a '*' after a closing '"' are ignored.
 * - '-' only excludes at the start of a word; "-" alone is ignored; elsewhere it is literal.
 * - One or more '*' at the end of a word make it a prefix; '*' elsewhere is literal.
 * - OF and OR (uppercase) join the positive words or phrases right before and after them; runs of
 *   them count as one. Anywhere else (at the start or end, next to a -word) they are searched for
 *   as words, like "of" in lower case. An OR group is emitted in parentheses and joined to its
 *   neighbours with an explicit AND, because FTS5 in SQLite 3.40 has no implicit AND next to a
 *   parenthesised group.
 * - A word or phrase without any letter or digit ("...", "*", an emoji) is dropped.
 * - Exclusions follow the positive part: FTS5's NOT is binary, so a query of only exclusions
 *   cannot run and is refused.
 *
 * Limits: WP_QUERY_MAX_BYTES after trimming ASCII white space (WP_ETOOBIG), WP_QUERY_MAX_TERMS
 * words and phrases (WP_EINVALID), valid UTF-8 without NUL bytes (WP_EINVALID). Every error
 * leaves a Dutch message in wp_error_last(). */
#ifndef WP_QUERY_H
#define WP_QUERY_H

#include <stddef.h>

#define WP_QUERY_MAX_BYTES 1000 /* after trimming */
#define WP_QUERY_MAX_TERMS 32	/* words and phrases, exclusions included */

/* Translates the search text q (len bytes, need not be NUL-terminated) into an FTS5 MATCH
 * expression for the whole row. Returns 0 with *match a malloc'd string the caller frees, or 0
 * with *match NULL when q holds nothing to search for (empty, white space, punctuation only) so
 * the caller shows an empty search page. Errors: WP_ETOOBIG (too long), WP_EINVALID (too many
 * words, only exclusions, NUL, bad UTF-8), WP_ENOMEM. */
int wp_query_translate(char **match, const char *q, size_t len);

/* The positive words and phrases of q as translate() reads them (no quotes, no '*', without
 * exclusions and OF/OR operators), in the order typed, for highlighting and "did you mean".
 * Returns 0 with *terms a NULL-terminated malloc'd array of malloc'd strings (free it with
 * wp_query_terms_free()), or NULL when q holds nothing to search for; the same errors as
 * wp_query_translate(). */
int wp_query_terms(char ***terms, const char *q, size_t len);

/* Frees an array from wp_query_terms(); NULL does nothing. */
void wp_query_terms_free(char **terms);

/* A MATCH expression for search-as-you-type title suggestions: every word of q becomes a prefix
 * term, limited to the title column: {title} : ("moe"* "van"* "dr"*). Here '"' only separates
 * words, and a leading '-' and OF/OR are plain text. Returns like wp_query_translate() (0 and
 * NULL for nothing to search for), with the same limits and errors (no "only exclusions"). */
int wp_query_suggest(char **match, const char *q, size_t len);

#endif
