/* check.h - what the load test checks in the data folder afterwards: every
 * acknowledged save in the history with its text, none missing, nothing
 * refused yet committed, `git fsck`; and what it looks at around a kill:
 * the lock files a killed server left behind, HEAD, and the commit the
 * index records.
 *
 * These run in the main test thread only: they fail the running Criterion
 * test (cr_assert) with a message that says which save and what was found. */
#ifndef WP_LOAD_CHECK_H
#define WP_LOAD_CHECK_H

#include "client.h"

/* Checks the clients' records against DATA/repo.git:
 * - each acknowledged save's revision is a commit reachable from HEAD, the
 *   one whose message holds that save's marker, and its tree holds the
 *   page with that marker as the client's paragraph;
 * - no save is committed twice, and none answered 409 or another 4xx is
 *   committed at all;
 * - at HEAD, every page holds each client's paragraph exactly once, and it
 *   is the client's last acknowledged save of that page or a later attempt
 *   that got no answer (never anything older), and nothing else.
 * Returns the number of attempts without an answer that were committed. */
unsigned long wp_load_check_history(const char *data_dir, const wp_load_client *clients,
				    unsigned n, unsigned pages);

/* Runs `git --git-dir=DATA/repo.git fsck --full --strict` (bounded) and
 * fails the test unless it exits 0 without a line that says error,
 * missing or broken (dangling objects are fine). */
void wp_load_check_fsck(const char *data_dir);

/* The lock files ("*.lock", but for the writer lock werkplaats.lock, an
 * flock that never goes stale) under DATA/repo.git, space-separated and
 * relative to it; NULL when there are none. Caller frees. */
char *wp_load_lock_files(const char *data_dir);

/* HEAD's commit id of DATA/repo.git into out ("" for an unborn branch). */
void wp_load_head(char out[WP_LOAD_OID_HEX], const char *data_dir);

/* The commit DATA/index.db records as indexed (meta key "commit") into
 * out, read through a read-only connection, so also while a server runs.
 * Returns 0, or -1 with the reason in out when it cannot be read. */
int wp_load_index_commit(char *out, size_t n, const char *data_dir);

/* Runs argv (argv[0] looked up in PATH), stdin /dev/null, stdout and
 * stderr together into *output (caller frees), for at most timeout_ms
 * (then killed). Returns the exit code, or -1 when it did not exit
 * normally. */
int wp_load_exec(const char *const *argv, char **output, long timeout_ms);

#endif
