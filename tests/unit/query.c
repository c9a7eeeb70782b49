/* Unit tests for server/query.c: what a person types in the search box becomes an FTS5 MATCH
 * expression of the documented shape, which SQLite always accepts (also for hostile text) and
 * which finds what the person meant. The expected strings follow from the rules in query.h. */
#include "error.h"
#include "query.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the test index: rowid = position + 1. */
static const char *const rows[][2] = {
	{ "Verhaal over schulden", "schulden en opvoeding gaan samen" }, /* 1 */
	{ "Een ander verhaal", "over opvoeding en de schuld" },	  /* 2 */
	{ "Lening", "geld lenen zonder schuld" },			  /* 3 */
	{ "Moeder van drie", "opvoeding en schulden, een zin zoals deze" }, /* 4 */
	{ "Café één", "NEAR AND NOT OR title body" },			  /* 5 */
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* An in-memory index with the default tokenizer and the rows above. */
static sqlite3 *db_open(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;

	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, body)", NULL,
				  NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)",
					-1, &st, NULL),
		     SQLITE_OK);
	for (i = 0; i < NROWS; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, rows[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, rows[i][1], -1, SQLITE_STATIC);
		cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return db;
}

/* Runs match against the index; fails the test on any SQLite error. Returns a bit per row
 * found (bit 1 << rowid). */
static unsigned run_match(sqlite3 *db, const char *match, const char *q)
{
	sqlite3_stmt *st = NULL;
	unsigned found = 0;
	int rc;

	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT rowid FROM fts WHERE fts MATCH ?", -1, &st,
					NULL),
		     SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	for (rc = sqlite3_step(st); rc == SQLITE_ROW; rc = sqlite3_step(st))
		found |= 1u << sqlite3_column_int(st, 0);
	cr_assert_eq(rc, SQLITE_DONE, "SQLite refused %s (from \"%s\"): %s", match, q,
		     sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return found;
}

#define ROWS(a) (1u << (a))

/* Asserts that q translates to want (NULL: nothing to search for) and that SQLite runs it. */
static void expect(sqlite3 *db, const char *q, const char *want)
{
	char *match = (char *)"unset";
	int rc = wp_query_translate(&match, q, strlen(q));

	cr_assert_eq(rc, 0, "refused \"%s\": %s", q, wp_error_last());
	if (!want) {
		cr_assert_null(match, "\"%s\" gave %s, want nothing", q, match);
		return;
	}
	cr_assert_not_null(match, "\"%s\" gave nothing, want %s", q, want);
	cr_assert_str_eq(match, want, "\"%s\" gave %s, want %s", q, match, want);
	run_match(db, match, q);
	free(match);
}

static void expect_suggest(sqlite3 *db, const char *q, const char *want)
{
	char *match = (char *)"unset";
	int rc = wp_query_suggest(&match, q, strlen(q));

	cr_assert_eq(rc, 0, "refused \"%s\": %s", q, wp_error_last());
	if (!want) {
		cr_assert_null(match, "\"%s\" gave %s, want nothing", q, match);
		return;
	}
	cr_assert_not_null(match, "\"%s\" gave nothing, want %s", q, want);
	cr_assert_str_eq(match, want);
	run_match(db, match, q);
	free(match);
}

/* Asserts that q[0..len) is refused by all three functions with rc and a message holding
 * needle, and that nothing is returned. */
static void expect_refused(const char *q, size_t len, int want_rc, const char *needle)
{
	char *match = (char *)"unset";
	char **terms = (char **)&match;

	wp_error_clear();
	cr_assert_eq(wp_query_translate(&match, q, len), want_rc, "translate: %s", q);
	cr_assert_null(match);
	cr_assert(strstr(wp_error_last(), needle), "message: %s", wp_error_last());
	wp_error_clear();
	cr_assert_eq(wp_query_terms(&terms, q, len), want_rc, "terms: %s", q);
	cr_assert_null(terms);
	cr_assert(strstr(wp_error_last(), needle), "message: %s", wp_error_last());
	if (want_rc == WP_EINVALID && strstr(needle, "minstens"))
		return; /* suggest has no exclusions */
	wp_error_clear();
	match = (char *)"unset";
	cr_assert_eq(wp_query_suggest(&match, q, len), want_rc, "suggest: %s", q);
	cr_assert_null(match);
	cr_assert(strstr(wp_error_last(), needle), "message: %s", wp_error_last());
}

Test(query, words_phrases_prefixes_and_exclusions_have_their_fts5_form)
{
	sqlite3 *db = db_open();

	expect(db, "schulden opvoeding", "\"schulden\" \"opvoeding\"");
	expect(db, "\"schulden en opvoeding\"", "\"schulden en opvoeding\"");
	expect(db, "verhal*", "\"verhal\"*");
	expect(db, "verhal***", "\"verhal\"*");
	expect(db, "verhaal -schuld", "\"verhaal\" NOT \"schuld\"");
	expect(db, "verhaal -\"een zin\"", "\"verhaal\" NOT \"een zin\"");
	expect(db, "-schuld verhaal", "\"verhaal\" NOT \"schuld\"");
	expect(db, "a -b c -d", "\"a\" \"c\" NOT \"b\" NOT \"d\"");
	expect(db, "-verh* geld", "\"geld\" NOT \"verh\"*");
	expect(db, "--schuld geld", "\"geld\" NOT \"-schuld\"");
	expect(db, " \t schulden \r\n", "\"schulden\"");
	expect(db, "één café", "\"één\" \"café\"");
	expect(db, "moeder\xc2\xa0van\xe3\x80\x80" "drie", "\"moeder\" \"van\" \"drie\"");
	sqlite3_close(db);
}

Test(query, fts5_syntax_in_the_text_is_searched_for_as_words)
{
	sqlite3 *db = db_open();

	expect(db, "AND", "\"AND\"");
	expect(db, "a AND b", "\"a\" \"AND\" \"b\"");
	expect(db, "NOT schuld", "\"NOT\" \"schuld\"");
	expect(db, "NEAR(a b)", "\"NEAR(a\" \"b)\"");
	expect(db, "NEAR/2", "\"NEAR/2\"");
	expect(db, "title:verhaal", "\"title:verhaal\"");
	expect(db, "{title body}:x", "\"{title\" \"body}:x\"");
	expect(db, "^start", "\"^start\"");
	expect(db, "+a", "\"+a\"");
	expect(db, "a-b", "\"a-b\"");
	expect(db, "ver*haal", "\"ver*haal\"");
	expect(db, "(schuld)", "\"(schuld)\"");
	expect(db, "a ) ( : ^ + b", "\"a\" \"b\"");
	expect(db, "rank:1", "\"rank:1\"");
	expect(db, "x'; DROP TABLE fts; --", "\"x';\" \"DROP\" \"TABLE\" \"fts;\"");
	sqlite3_close(db);
}

Test(query, column_filter_in_the_text_does_not_filter)
{
	sqlite3 *db = db_open();
	char *match = NULL;

	/* Raw, this would find row 1 ("Verhaal" in the title); as text it is the phrase
	 * "title verhaal", which no row holds. */
	cr_assert_eq(run_match(db, "title:verhaal", "raw"), ROWS(1) | ROWS(2));
	cr_assert_eq(wp_query_translate(&match, "title:verhaal", 13), 0);
	cr_assert_eq(run_match(db, match, "title:verhaal"), 0);
	free(match);
	/* Row 5 holds the operator names as words: they are found like any word. */
	cr_assert_eq(wp_query_translate(&match, "NEAR AND NOT", 12), 0);
	cr_assert_eq(run_match(db, match, "NEAR AND NOT"), ROWS(5));
	free(match);
	sqlite3_close(db);
}

Test(query, lone_operators_and_punctuation_give_nothing_to_search)
{
	sqlite3 *db = db_open();
	static const char *const nothing[] = {
		"", " ", "\t\n\r\v\f", "*", "-", "\"", "\"\"", "- * \"", "***", "...", "-\"",
		"-*", "\xf0\x9f\x98\x80", "\xcc\x81", "\xc2\xa0", "\xe3\x80\x80", "( ) : ^ +",
		"\xe2\x80\x94 \xe2\x80\x9c\xe2\x80\x9d", "\xef\xbb\xbf",
	};
	size_t i;
	char *match = (char *)"unset";
	char **terms = &match;

	for (i = 0; i < sizeof(nothing) / sizeof(nothing[0]); i++) {
		expect(db, nothing[i], NULL);
		expect_suggest(db, nothing[i], NULL);
		cr_assert_eq(wp_query_terms(&terms, nothing[i], strlen(nothing[i])), 0);
		cr_assert_null(terms);
	}
	cr_assert_eq(wp_query_translate(&match, NULL, 0), 0);
	cr_assert_null(match);
	sqlite3_close(db);
}

Test(query, unbalanced_quote_makes_the_rest_a_phrase)
{
	sqlite3 *db = db_open();

	expect(db, "\"schulden en", "\"schulden en\"");
	expect(db, "a \"b c", "\"a\" \"b c\"");
	expect(db, "a -\"een zin", "\"a\" NOT \"een zin\"");
	expect(db, "a\"b\"c", "\"a\" \"b\" \"c\"");
	expect(db, "\"a b\"*", "\"a b\"");
	expect(db, "x \"\"", "\"x\"");
	expect(db, "\"a\"\"b\"", "\"a\" \"b\"");
	expect(db, "a \" -b *c \"", "\"a\" \" -b *c \"");
	sqlite3_close(db);
}

Test(query, uppercase_of_and_or_join_their_neighbours)
{
	sqlite3 *db = db_open();

	expect(db, "schuld OF lening", "(\"schuld\" OR \"lening\")");
	expect(db, "a OR b OR c", "(\"a\" OR \"b\" OR \"c\")");
	expect(db, "a OR b c", "(\"a\" OR \"b\") AND \"c\"");
	expect(db, "c a OR b", "\"c\" AND (\"a\" OR \"b\")");
	expect(db, "a OR b c OR d", "(\"a\" OR \"b\") AND (\"c\" OR \"d\")");
	expect(db, "x y a OR b z", "\"x\" \"y\" AND (\"a\" OR \"b\") AND \"z\"");
	expect(db, "a OR OF OR b", "(\"a\" OR \"b\")");
	expect(db, "\"a b\" OF \"c d\"", "(\"a b\" OR \"c d\")");
	expect(db, "a OF b -c", "(\"a\" OR \"b\") NOT \"c\"");
	expect(db, "a OR \"OR\" b", "(\"a\" OR \"OR\") AND \"b\"");
	expect(db, "verh* OR len*", "(\"verh\"* OR \"len\"*)");
	sqlite3_close(db);
}

Test(query, of_and_or_without_two_positive_neighbours_are_words)
{
	sqlite3 *db = db_open();

	expect(db, "OR", "\"OR\"");
	expect(db, "OR a", "\"OR\" \"a\"");
	expect(db, "a OR", "\"a\" \"OR\"");
	expect(db, "a OR OR", "\"a\" \"OR\" \"OR\"");
	expect(db, "a OR -b", "\"a\" \"OR\" NOT \"b\"");
	expect(db, "-b OR a", "\"OR\" \"a\" NOT \"b\"");
	expect(db, "a of b", "\"a\" \"of\" \"b\"");
	expect(db, "a Or b", "\"a\" \"Or\" \"b\"");
	expect(db, "a OR* b", "\"a\" \"OR\"* \"b\"");
	expect(db, "a -OR b", "\"a\" \"b\" NOT \"OR\"");
	expect(db, "a ORB b", "\"a\" \"ORB\" \"b\"");
	sqlite3_close(db);
}

Test(query, length_limit_applies_after_trimming)
{
	char q[WP_QUERY_MAX_BYTES + 11];
	char *match = NULL;

	memset(q, ' ', sizeof(q));
	memset(q + 5, 'a', WP_QUERY_MAX_BYTES);
	cr_assert_eq(wp_query_translate(&match, q, sizeof(q)), 0, "%s", wp_error_last());
	cr_assert_not_null(match);
	cr_assert_eq(strlen(match), WP_QUERY_MAX_BYTES + 2);
	free(match);
	q[5 + WP_QUERY_MAX_BYTES] = 'a';
	expect_refused(q, sizeof(q), WP_ETOOBIG, "1000");
}

Test(query, more_than_32_terms_are_refused)
{
	char q[400] = "";
	char *match = NULL;
	int i;

	for (i = 0; i < WP_QUERY_MAX_TERMS; i++)
		strcat(q, i % 2 ? "-w " : "w ");
	cr_assert_eq(wp_query_translate(&match, q, strlen(q)), 0, "%s", wp_error_last());
	free(match);
	strcat(q, "w");
	expect_refused(q, strlen(q), WP_EINVALID, "32");

	/* Operators are not terms: 32 words joined by 31 ORs are fine. */
	q[0] = '\0';
	for (i = 0; i < WP_QUERY_MAX_TERMS; i++)
		strcat(q, i ? " OR w" : "w");
	cr_assert_eq(wp_query_translate(&match, q, strlen(q)), 0, "%s", wp_error_last());
	free(match);
	/* Punctuation that is dropped does not count either. */
	q[0] = '\0';
	for (i = 0; i < 60; i++)
		strcat(q, i < WP_QUERY_MAX_TERMS ? "w " : "* ");
	cr_assert_eq(wp_query_translate(&match, q, strlen(q)), 0, "%s", wp_error_last());
	free(match);
}

Test(query, only_exclusions_are_refused_with_a_dutch_hint)
{
	sqlite3 *db = db_open();

	expect_refused("-schuld", 7, WP_EINVALID, "Zoek op minstens één woord");
	expect_refused("-schuld -\"een zin\" -verh*", 25, WP_EINVALID, "minstens één woord");
	/* As a title suggestion "-schuld" is just text. */
	expect_suggest(db, "-schuld", "{title} : (\"-schuld\"*)");
	sqlite3_close(db);
}

Test(query, nul_bytes_and_invalid_utf8_are_refused)
{
	static const char *const bad[] = {
		"\xff", "a \xfe b", "\x80", "caf\xc3", "\xe2\x82", "verhaal \xc3\x28",
		"\xc0\xaf", "\xe0\x80\xaf", /* overlong */
		"\xed\xa0\x80", /* surrogate */
		"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", /* above U+10FFFF */
	};
	size_t i;

	expect_refused("a\0b", 3, WP_EINVALID, "NUL");
	expect_refused("\0", 1, WP_EINVALID, "NUL");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_refused(bad[i], strlen(bad[i]), WP_EINVALID, "UTF-8");
}

Test(query, text_is_read_only_up_to_len)
{
	char *match = NULL;

	cr_assert_eq(wp_query_translate(&match, "schulden opvoeding", 8), 0);
	cr_assert_str_eq(match, "\"schulden\"");
	free(match);
	cr_assert_eq(wp_query_translate(&match, "\"a b\" c", 4), 0);
	cr_assert_str_eq(match, "\"a b\"");
	free(match);
}

Test(query, terms_are_the_positive_words_and_phrases_in_order)
{
	static const char q[] = "verhaal -schuld \"een zin\" verh* a OF b AND ...";
	static const char *const want[] = { "verhaal", "een zin", "verh", "a", "b", "AND", NULL };
	char **terms = NULL;
	size_t i;

	cr_assert_eq(wp_query_terms(&terms, q, strlen(q)), 0, "%s", wp_error_last());
	cr_assert_not_null(terms);
	for (i = 0; want[i]; i++) {
		cr_assert_not_null(terms[i], "term %zu missing", i);
		cr_assert_str_eq(terms[i], want[i]);
	}
	cr_assert_null(terms[i]);
	wp_query_terms_free(terms);
	wp_query_terms_free(NULL);
}

Test(query, suggest_makes_every_word_a_title_prefix)
{
	sqlite3 *db = db_open();

	expect_suggest(db, "moe van dr", "{title} : (\"moe\"* \"van\"* \"dr\"*)");
	expect_suggest(db, "\"moeder van", "{title} : (\"moeder\"* \"van\"*)");
	expect_suggest(db, "verh*", "{title} : (\"verh\"*)");
	expect_suggest(db, "a OR b", "{title} : (\"a\"* \"OR\"* \"b\"*)");
	expect_suggest(db, "title:x NEAR(", "{title} : (\"title:x\"* \"NEAR(\"*)");
	sqlite3_close(db);
}

/* Rows found for q by the translated expression. */
static unsigned found_by(sqlite3 *db, const char *q, int suggest)
{
	char *match = NULL;
	unsigned found;
	int rc = suggest ? wp_query_suggest(&match, q, strlen(q))
			 : wp_query_translate(&match, q, strlen(q));

	cr_assert_eq(rc, 0, "%s: %s", q, wp_error_last());
	cr_assert_not_null(match, "%s", q);
	found = run_match(db, match, q);
	free(match);
	return found;
}

Test(query, results_follow_what_the_person_meant)
{
	sqlite3 *db = db_open();

	cr_assert_eq(found_by(db, "verhaal", 0), ROWS(1) | ROWS(2));
	cr_assert_eq(found_by(db, "verhaal -schuld", 0), ROWS(1));
	cr_assert_eq(found_by(db, "opvoeding -schulden -schuld", 0), 0);
	cr_assert_eq(found_by(db, "opvoeding -\"een zin\"", 0), ROWS(1) | ROWS(2));
	/* Adjacent and in order only: rows 1 and 4 hold both words, with "en" between. */
	cr_assert_eq(found_by(db, "schulden opvoeding", 0), ROWS(1) | ROWS(4));
	cr_assert_eq(found_by(db, "\"schulden opvoeding\"", 0), 0);
	cr_assert_eq(found_by(db, "\"schulden en opvoeding\"", 0), ROWS(1));
	cr_assert_eq(found_by(db, "\"opvoeding en schulden\"", 0), ROWS(4));
	cr_assert_eq(found_by(db, "verh*", 0), ROWS(1) | ROWS(2));
	cr_assert_eq(found_by(db, "len*", 0), ROWS(3));
	cr_assert_eq(found_by(db, "lening OF moeder", 0), ROWS(3) | ROWS(4));
	cr_assert_eq(found_by(db, "opvoeding schuld OF samen", 0), ROWS(1) | ROWS(2));
	cr_assert_eq(found_by(db, "café", 0), ROWS(5));
	/* Suggestions look at titles only: "opvoeding" is in bodies alone. */
	cr_assert_eq(found_by(db, "verh", 1), ROWS(1) | ROWS(2));
	cr_assert_eq(found_by(db, "moe dr", 1), ROWS(4));
	cr_assert_eq(found_by(db, "opvoeding", 1), 0);
	sqlite3_close(db);
}

/* Deterministic xorshift64, so a failing hostile query can be reproduced. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const char *const pieces[] = {
	"\"", "\"", "*", "-", "(", ")", ":", "^", "+", "NEAR(", "NEAR/3", "AND", "OR", "OF", "NOT",
	"title", "body", "title:", "{title body}:", "rank", "fts", "-\"", "*\"", "\"\"", "'", ";",
	"%", "\\", ",", ".", "{", "}", "[", "]", " ", " ", " ", "\t", "\n", "schulden", "verhaal",
	"een", "zin", "a", "x", "één", "café", "Straße", "ĳs", "日本語", "مرحبا",
	"\xf0\x9f\x98\x80", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", "e\xcc\x81", "\xcc\x81",
	"\xcc\x81\xcc\x81\xcc\x81", "\xe2\x80\x8b", "\xe2\x80\x8f", "\xc2\xa0", "\xef\xbb\xbf",
	"\xf4\x8f\xbf\xbf", "\xee\x80\x80", "\x01", "\x7f", "0", "42", "-1", "*-*",
};
static const char *const bad_bytes[] = {
	"\xff", "\xc3", "\xed\xa0\x80", "\xc0\x80", "\xf5\x80\x80\x80", "\x80", "\0",
};

/* Appends random pieces to b (cap bytes incl. NUL) up to about want bytes. */
static size_t hostile_fill(char *b, size_t cap, size_t want, uint64_t *seed)
{
	size_t len = 0, n;
	const char *p;

	while (len < want) {
		p = pieces[next_rand(seed) % (sizeof(pieces) / sizeof(pieces[0]))];
		n = strlen(p);
		if (len + n >= cap)
			break;
		memcpy(b + len, p, n);
		len += n;
		if (next_rand(seed) % 3 == 0 && len + 1 < cap)
			b[len++] = ' ';
	}
	return len;
}

/* One hostile query q[0..len): every function gives a clean error with a message, or an
 * expression SQLite runs. Returns 1 when translate gave an expression. */
static int check_hostile(sqlite3 *db, const char *q, size_t len, size_t nr)
{
	char *match = NULL, *suggest = NULL;
	char **terms = NULL;
	int rc, rc2, rc3, ran = 0;

	wp_error_clear();
	rc = wp_query_translate(&match, q, len);
	cr_assert(rc == 0 || rc == WP_EINVALID || rc == WP_ETOOBIG, "query %zu: rc %d", nr, rc);
	if (rc < 0) {
		cr_assert_null(match);
		cr_assert_neq(wp_error_last()[0], '\0', "query %zu: no message", nr);
	} else if (match) {
		cr_assert_eq(strlen(match) > 0, 1);
		run_match(db, match, "hostile");
		ran = 1;
	}
	rc2 = wp_query_terms(&terms, q, len);
	cr_assert_eq(rc2, rc, "query %zu: terms %d, translate %d", nr, rc2, rc);
	cr_assert_eq(terms != NULL, match != NULL, "query %zu", nr);
	wp_query_terms_free(terms);
	wp_error_clear();
	rc3 = wp_query_suggest(&suggest, q, len);
	cr_assert(rc3 == 0 || rc3 == WP_EINVALID || rc3 == WP_ETOOBIG, "query %zu", nr);
	if (rc3 < 0) {
		cr_assert_null(suggest);
		cr_assert_neq(wp_error_last()[0], '\0', "query %zu: no message", nr);
	} else if (suggest) {
		run_match(db, suggest, "hostile suggest");
	}
	free(match);
	free(suggest);
	return ran;
}

Test(query, hostile_text_never_reaches_fts5_as_syntax)
{
	enum { COUNT = 600, BIG = 10 * 1024 };
	sqlite3 *db = db_open();
	uint64_t seed = 0x5eed5eed12345678u;
	char *q = malloc(BIG + 1);
	size_t i, len, want, at, n;
	int ran = 0, refused_big = 0;

	cr_assert_not_null(q);
	for (i = 0; i < COUNT; i++) {
		want = next_rand(&seed) % 60;
		if (i % 97 == 0)
			want = BIG; /* far above the limit */
		else if (i % 31 == 0)
			want = WP_QUERY_MAX_BYTES - 50; /* near it */
		len = hostile_fill(q, BIG + 1, want, &seed);
		if (i % 41 == 0 && len < BIG - 1000) { /* one very long word */
			n = 200 + next_rand(&seed) % 700;
			memset(q + len, 'w', n);
			len += n;
		}
		if (next_rand(&seed) % 10 == 0 && len > 0) { /* one bad byte sequence */
			const char *bad = bad_bytes[next_rand(&seed) %
						    (sizeof(bad_bytes) / sizeof(bad_bytes[0]))];
			size_t blen = bad[0] ? strlen(bad) : 1;

			at = next_rand(&seed) % len;
			if (len + blen <= BIG) {
				memmove(q + at + blen, q + at, len - at);
				memcpy(q + at, bad, blen);
				len += blen;
			}
		}
		if (len > WP_QUERY_MAX_BYTES + 100)
			refused_big++;
		ran += check_hostile(db, q, len, i);
	}
	/* The set must mostly reach SQLite, or it proves nothing. */
	cr_assert_gt(ran, COUNT / 2, "only %d of %d queries ran", ran, COUNT);
	cr_assert_gt(refused_big, 5);
	free(q);
	sqlite3_close(db);
}
