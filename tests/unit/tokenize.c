/* Unit tests for server/tokenize.c: what a search finds through an FTS5
 * table that uses the "wp_stem" tokenizer, in a real SQLite database. */
#include "error.h"
#include "tokenize.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Opens path with the tokenizer registered. */
static sqlite3 *open_db(const char *path)
{
	sqlite3 *db = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(wp_tokenize_register(db), 0, "%s", wp_error_last());
	return db;
}

/* Runs sql; returns SQLite's result code. */
static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* An in-memory database with table t(title, body) using tokenize. */
static sqlite3 *db_with(const char *tokenize)
{
	sqlite3 *db = open_db(":memory:");
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = '%s')", tokenize);
	cr_assert_eq(exec(db, sql), SQLITE_OK, "%s: %s / %s", sql, sqlite3_errmsg(db),
		     wp_error_last());
	return db;
}

static void add(sqlite3 *db, const char *body)
{
	sqlite3_stmt *st = NULL;

	cr_assert_eq(
	    sqlite3_prepare_v2(db, "INSERT INTO t(title, body) VALUES ('', ?1)", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, body, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

/* How many rows of t match the FTS5 query. */
static int hits(sqlite3 *db, const char *query)
{
	sqlite3_stmt *st = NULL;
	int n;

	cr_assert_eq(
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL),
	    SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s: %s", query, sqlite3_errmsg(db));
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Whether a page whose text is doc is found by query (Dutch, compounds). */
static int finds_in(const char *tokenize, const char *doc, const char *query)
{
	sqlite3 *db = db_with(tokenize);
	int n;

	add(db, doc);
	n = hits(db, query);
	sqlite3_close(db);
	return n > 0;
}

static int finds(const char *doc, const char *query)
{
	return finds_in("wp_stem dutch", doc, query);
}

#define assert_finds(doc, query)  cr_assert(finds(doc, query), "'%s' not found by %s", doc, query)
#define assert_misses(doc, query) cr_assert(!finds(doc, query), "'%s' found by %s", doc, query)

Test(tokenize, plural_and_singular_find_each_other)
{
	assert_finds("Het verhaal van een moeder van drie.", "verhalen");
	assert_finds("Drie verhalen uit de wijk.", "verhaal");
	assert_finds("De gemeente betaalt.", "gemeentes");
	assert_finds("Twee gemeentes, één gezin.", "gemeente");
	assert_finds("De ervaringswerker luistert.", "ervaringswerkers");
	assert_finds("Ervaringswerkers in het team.", "ervaringswerker");
}

Test(tokenize, diacritics_and_case_do_not_matter)
{
	assert_finds("Het probleem is geëscaleerd naar de regio.", "geescaleerd");
	assert_finds("Het probleem is geescaleerd naar de regio.", "geëscaleerd");
	assert_finds("VERHALEN UIT DE PRAKTIJK", "verhaal");
	assert_finds("Financiën op orde.", "financien");
}

Test(tokenize, compound_is_found_by_its_leading_and_trailing_parts)
{
	const char *doc = "Een jeugdhulpverlener belt de school.";

	assert_finds(doc, "jeugdhulpverlener");
	assert_finds(doc, "jeugdhulp");
	assert_finds(doc, "hulpverlener");
	assert_finds(doc, "hulpverleners");
	assert_finds(doc, "jeugd");
	assert_finds("De ervaringswerker vertelt.", "ervaring");
	assert_finds("De ervaringswerker vertelt.", "werker");
	assert_finds("Wat zegt de Jeugdwet?", "wet");
	assert_finds("Het wijkteam komt langs.", "team");
	assert_finds("Een olifantenpad naast de regels.", "olifant");
	assert_finds("Zij kreeg een bijstandsuitkering.", "uitkering");
	assert_finds("De zorgaanbieder stopt.", "aanbieder");
}

/* 'hulp' matches where it is the first or the last part of a word, not
 * inside one: 'jeugdhulpverlener' is a kind of 'verlener', not of 'hulp'. */
Test(tokenize, part_inside_a_compound_does_not_match)
{
	assert_finds("Snelle jeugdhulp.", "hulp");
	assert_finds("Een hulpverlener.", "hulp");
	assert_misses("Een jeugdhulpverlener.", "hulp");
}

/* Cuts that a cut-anywhere rule would make but that are not compounds. */
Test(tokenize, unrelated_words_do_not_match)
{
	assert_misses("De gemeente belt.", "verhaal");
	assert_misses("Een gemeentelijke regeling.", "gemeen");
	assert_misses("Het is geëscaleerd; wij escaleren.", "leren");
	assert_misses("Over de wetenschap.", "wet");
	assert_misses("De warme overdracht.", "acht");
	assert_misses("Veel aanmeldingen.", "dingen");
	assert_misses("Het registratiesysteem.", "stem");
}

Test(tokenize, query_is_not_split_into_parts)
{
	/* Were the query split, it would become 'jeugd OR hulp OR ...'. */
	assert_misses("Snelle jeugdhulp.", "jeugdhulpverlener");
	assert_misses("Vraag om hulp.", "hulpverlener");
}

Test(tokenize, query_is_not_split_after_the_same_word_was_indexed_split)
{
	sqlite3 *db = db_with("wp_stem dutch");

	/* The tokenizer remembers words: the query must not reuse the parts
	 * remembered from indexing the same word. */
	add(db, "Een jeugdhulpverlener belt.");
	add(db, "Snelle jeugdhulp.");
	add(db, "Vraag een hulpverlener.");
	cr_assert_eq(hits(db, "jeugdhulpverlener"), 1);
	cr_assert_eq(hits(db, "jeugdhulp"), 2);
	sqlite3_close(db);
}

Test(tokenize, compounds_can_be_switched_off)
{
	cr_assert(!finds_in("wp_stem dutch compounds 0", "Een jeugdhulpverlener.", "jeugdhulp"));
	cr_assert(
	    finds_in("wp_stem dutch compounds 0", "Een jeugdhulpverlener.", "jeugdhulpverleners"));
	cr_assert(finds_in("wp_stem compounds 1", "Een jeugdhulpverlener.", "jeugdhulp"));
	cr_assert(finds_in("wp_stem", "Een jeugdhulpverlener.", "jeugdhulp"));
}

Test(tokenize, phrase_keeps_word_order_and_positions)
{
	const char *doc = "Over schulden en opvoeding in samenhang.";

	assert_finds(doc, "\"schulden en opvoeding\"");
	assert_finds(doc, "\"schuld en opvoeding\"");
	assert_misses("Over opvoeding en schulden.", "\"schulden en opvoeding\"");
	/* The parts stand at the compound's own position. */
	assert_finds("De jeugdhulpverlener belt op.", "\"hulpverlener belt op\"");
	assert_finds("De jeugdhulpverlener belt op.", "\"de jeugdhulp belt\"");
	assert_misses("De jeugdhulpverlener, hij belt op.", "\"hulpverlener belt\"");
}

Test(tokenize, prefix_query_matches_the_unstemmed_prefix)
{
	assert_finds("Drie verhalen.", "verhal*");
	assert_finds("Eén verhaal.", "verhal*");
	/* The stem of 'systeem' is 'system', which does not begin
	 * 'systeemfout': the prefix itself is searched too. (Without compound
	 * parts, which would hide this.) */
	cr_assert(finds_in("wp_stem dutch compounds 0", "Twee systeemfouten.", "systeem*"));
	cr_assert(finds_in("wp_stem dutch compounds 0", "Zij probeerden het.", "probeer*"));
	cr_assert(finds_in("wp_stem dutch compounds 0", "Het blokkeert.", "blokkeer*"));
	/* ...and so is its stem, which finds 'verhaal' for 'verhalen*'. */
	assert_finds("Eén verhaal.", "verhalen*");
	assert_finds("Een jeugdhulpverlener.", "jeugdh*");
	assert_misses("Een gemeente.", "verhal*");
}

Test(tokenize, only_the_last_word_of_a_prefix_phrase_is_a_prefix)
{
	/* 'gemeentes' must still be stemmed to meet 'gemeente'. */
	assert_finds("De gemeente en opvoeding.", "\"gemeentes en opv\"*");
	assert_misses("De gemeente en opvoeding.", "\"gemeentes en opvx\"*");
}

Test(tokenize, english_stems_without_compounds)
{
	cr_assert(finds_in("wp_stem english", "A story about a mother.", "stories"));
	cr_assert(finds_in("wp_stem english", "Three stories.", "story"));
	cr_assert(!finds_in("wp_stem english", "Snelle jeugdhulp.", "hulp"));
	cr_assert(!finds_in("wp_stem english", "Three stories.", "mother"));
}

Test(tokenize, long_token_is_kept_whole)
{
	char word[101], other[101], doc[128];

	memset(word, 'a', 100);
	word[100] = '\0';
	memcpy(other, word, sizeof(other));
	other[99] = 'b';
	snprintf(doc, sizeof(doc), "x %s y", word);
	cr_assert(finds(doc, word));
	cr_assert(!finds(doc, other));
}

Test(tokenize, deleted_page_leaves_index_consistent)
{
	sqlite3 *db = db_with("wp_stem dutch");

	add(db, "De jeugdhulpverlener en de ervaringswerkers van het wijkteam.");
	add(db, "Schulden en opvoeding.");
	cr_assert_eq(hits(db, "hulpverlener"), 1);
	cr_assert_eq(exec(db, "DELETE FROM t WHERE rowid = 1"), SQLITE_OK);
	cr_assert_eq(hits(db, "hulpverlener"), 0);
	cr_assert_eq(hits(db, "team"), 0);
	cr_assert_eq(hits(db, "schuld"), 1);
	cr_assert_eq(exec(db, "INSERT INTO t(t) VALUES ('integrity-check')"), SQLITE_OK, "%s",
		     sqlite3_errmsg(db));
	sqlite3_close(db);
}

Test(tokenize, highlight_marks_the_whole_compound)
{
	sqlite3 *db = db_with("wp_stem dutch");
	sqlite3_stmt *st = NULL;

	add(db, "De jeugdhulpverlener belt.");
	cr_assert_eq(sqlite3_prepare_v2(db,
					"SELECT highlight(t, 1, '[', ']') FROM t "
					"WHERE t MATCH 'hulpverlener'",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), "De [jeugdhulpverlener] belt.");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Asserts that creating a table with tokenize fails, with needle in the
 * Dutch message. */
static void assert_refused(const char *tokenize, const char *needle)
{
	sqlite3 *db = open_db(":memory:");
	char sql[256];

	snprintf(sql, sizeof(sql), "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '%s')",
		 tokenize);
	wp_error_clear();
	cr_assert_neq(exec(db, sql), SQLITE_OK, "accepted: %s", tokenize);
	cr_assert(strstr(sqlite3_errmsg(db), "tokenizer") != NULL, "%s", sqlite3_errmsg(db));
	cr_assert(strstr(wp_error_last(), needle) != NULL, "message for %s: %s", tokenize,
		  wp_error_last());
	sqlite3_close(db);
}

Test(tokenize, bad_arguments_are_refused_with_a_message)
{
	assert_refused("wp_stem klingon", "Onbekende taal 'klingon'");
	assert_refused("wp_stem Dutch", "Onbekende taal 'Dutch'");
	assert_refused("wp_stem dutch compounds 2", "'compounds'");
	assert_refused("wp_stem dutch compounds", "'compounds'");
	assert_refused("wp_stem dutch splitsen 1", "'splitsen'");
	assert_refused("wp_stem dutch english", "'english'");
}

Test(tokenize, unregistered_connection_does_not_know_the_tokenizer)
{
	sqlite3 *db = NULL;

	cr_assert_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	cr_assert_neq(exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'wp_stem')"),
		      SQLITE_OK);
	sqlite3_close(db);
}

/* Concurrency: each thread has its own connection to one database file, as
 * the server's worker threads do, and writes and searches at the same time. */
#define THREADS 4
#define ROUNDS	60

typedef struct {
	const char *path;
	int id;
	int failures;
	char problem[256];
} worker_arg;

static void *worker(void *p)
{
	static const char *const words[] = {"jeugdhulpverleners", "verhalen", "gemeentes",
					    "geëscaleerd", "ervaringswerkers"};
	static const char *const queries[] = {"hulpverlener", "verhaal", "gemeente", "geescaleerd",
					      "werker"};
	worker_arg *a = p;
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *q = NULL;
	char doc[128];
	int i, k;

	if (sqlite3_open(a->path, &db) != SQLITE_OK || wp_tokenize_register(db) != 0 ||
	    exec(db, "PRAGMA busy_timeout = 10000") != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(title, body) VALUES (?1, ?2)", -1, &ins, NULL) !=
		SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE title = ?1 AND t MATCH ?2", -1, &q,
			       NULL) != SQLITE_OK) {
		snprintf(a->problem, sizeof(a->problem), "setup: %s", sqlite3_errmsg(db));
		a->failures++;
		goto done;
	}
	snprintf(doc, sizeof(doc), "w%d", a->id);
	for (i = 0; i < ROUNDS; i++) {
		k = (i + a->id) % 5;
		sqlite3_bind_text(ins, 1, doc, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, words[k], -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			snprintf(a->problem, sizeof(a->problem), "insert: %s", sqlite3_errmsg(db));
			a->failures++;
		}
		sqlite3_reset(ins);
		/* This thread's rows with this word: one per round that used it. */
		sqlite3_bind_text(q, 1, doc, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, queries[k], -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0) != i / 5 + 1) {
			snprintf(a->problem, sizeof(a->problem), "round %d, %s: %d rows (%s)", i,
				 queries[k], sqlite3_column_int(q, 0), sqlite3_errmsg(db));
			a->failures++;
		}
		sqlite3_reset(q);
	}
done:
	sqlite3_finalize(ins);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return NULL;
}

Test(tokenize, four_connections_in_four_threads_work_at_once)
{
	char dir[] = "/tmp/wp-tokenize-XXXXXX", path[64], wal[80], shm[80];
	pthread_t th[THREADS];
	worker_arg args[THREADS];
	sqlite3 *db;
	int i;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/index.db", dir);
	db = open_db(path);
	cr_assert_eq(exec(db, "PRAGMA journal_mode = WAL; CREATE VIRTUAL TABLE t USING "
			      "fts5(title, body, tokenize = 'wp_stem dutch')"),
		     SQLITE_OK, "%s", sqlite3_errmsg(db));
	for (i = 0; i < THREADS; i++) {
		memset(&args[i], 0, sizeof(args[i]));
		args[i].path = path;
		args[i].id = i;
		cr_assert_eq(pthread_create(&th[i], NULL, worker, &args[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < THREADS; i++)
		cr_expect_eq(args[i].failures, 0, "thread %d: %d failures, last: %s", i,
			     args[i].failures, args[i].problem);
	cr_expect_eq(hits(db, "hulpverlener"), THREADS * ROUNDS / 5);
	cr_expect_eq(exec(db, "INSERT INTO t(t) VALUES ('integrity-check')"), SQLITE_OK);
	sqlite3_close(db);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	unlink(wal);
	unlink(shm);
	unlink(path);
	cr_assert_eq(rmdir(dir), 0);
}
