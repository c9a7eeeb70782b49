/* Integration test of what a crash leaves behind: a server killed in the
 * middle of moving the branch leaves git's lock file on it, which would
 * refuse every later save as busy. The next start clears it, and saves
 * go on with nothing lost. */
#include "server.h"

#include <criterion/criterion.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE "notities/na-de-crash"

/* The id of HEAD's first parent in data_dir's repository. */
static const char *parent_of_head(const char *data_dir)
{
	static char hex[WP_TS_OID_HEX];
	git_repository *repo = wp_ts_repo_open(data_dir);
	git_object *obj = NULL;

	cr_assert_eq(git_revparse_single(&obj, repo, "HEAD~1"), 0, "no HEAD~1 in %s", data_dir);
	git_oid_tostr(hex, sizeof(hex), git_object_id(obj));
	git_object_free(obj);
	git_repository_free(repo);
	return hex;
}

Test(recover, a_branch_lock_left_by_a_crash_is_cleared_at_start, .timeout = 120)
{
	wp_test_server *srv = wp_ts_start(NULL);
	char *lock = wp_ts_fmt("%s/repo.git/refs/heads/main.lock", wp_ts_data_dir(srv));
	char before[WP_TS_OID_HEX];
	wp_ts_commit head;
	wp_ts_response *r;

	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	snprintf(before, sizeof(before), "%s", head.id);
	wp_ts_commit_dispose(&head);
	wp_ts_halt(srv);
	/* What git writes first when it moves a branch: the new id, in the
	 * lock file, renamed over the ref once complete. */
	wp_ts_write_file(wp_ts_data_dir(srv), "repo.git/refs/heads/main.lock",
			 "0123456789012345678901234567890123456789\n");
	wp_ts_restart(srv);

	cr_expect_neq(access(lock, F_OK), 0, "the lock file is still there after the start");
	r = wp_ts_api_put(srv, PAGE, "---\ntitel: Na de crash\n---\nGewoon verder.\n", NULL,
			  "Eerste versie na de crash");
	cr_assert_eq(r->status, 201, "save after the restart: %ld %s", r->status, r->body);
	wp_ts_response_free(r);
	wp_ts_repo_head(&head, wp_ts_data_dir(srv));
	cr_expect_str_eq(head.message, "Eerste versie na de crash\n");
	cr_expect_eq(head.parents, 1);
	wp_ts_commit_dispose(&head);
	/* The commit before the crash is the new one's parent: nothing lost. */
	cr_expect_str_eq(parent_of_head(wp_ts_data_dir(srv)), before);
	free(lock);
	wp_ts_stop(srv);
}
