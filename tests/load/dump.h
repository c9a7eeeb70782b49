/* dump.h - the search index as canonical text, to compare the index a
 * server kept up to date save by save (and caught up after each crash)
 * with one `werkplaats reindex` builds from scratch.
 *
 * Main test thread only: failures end the running Criterion test. */
#ifndef WP_LOAD_DUMP_H
#define WP_LOAD_DUMP_H

/* A canonical dump of the SQLite index file: PRAGMA integrity_check and
 * the FTS5 integrity-check, the schema, then every table but SQLite's own
 * and the FTS shadow tables, rows sorted, without the row-id columns id
 * and pid (numbering depends on the order rows came in); the fts table's
 * title and body are joined to their page's path instead of its rowid.
 * meta (with the indexed commit) is dumped whole. Opens the file
 * read-write (FTS5's integrity-check is an INSERT): no server may run on
 * it. Caller frees. */
char *wp_load_index_dump(const char *file);

/* Copies data_dir (which no server runs on) to a temp folder, removes
 * the copy's index, runs `werkplaats reindex` on it, and fails the test
 * unless the dumps of data_dir's index and of the fresh one are equal,
 * naming the first line that differs (both dumps are kept in /tmp then). */
void wp_load_check_index_equals_reindex(const char *data_dir);

#endif
