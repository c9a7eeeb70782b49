/* main.c - process-wide set-up, then the command line. */
#include "cli.h"
#include "plugin_host.h"

#include <cmark-gfm-core-extensions.h>
#include <git2.h>
#include <sodium.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	int rc;

	if (sodium_init() < 0 || git_libgit2_init() < 0) {
		fprintf(stderr, "werkplaats: libsodium/libgit2\n");
		return 1;
	}
	/* An acknowledged save is on disk: objects and refs are fsync'ed. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* Keep folder trees of any size in libgit2's object cache: the default
	 * (4 KiB) re-inflates a large folder tree for every page lookup. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)16 * 1024 * 1024);
	/* ...but bound the cache of all repositories together (every worker
	 * opens its own), so a stream of saves cannot grow memory unseen. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)48 * 1024 * 1024);
	cmark_gfm_core_extensions_ensure_registered();
	rc = wp_cli_main(argc, argv);
	wp_plugins_unload();
	git_libgit2_shutdown();
	return rc;
}
