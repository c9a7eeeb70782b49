/* pool.h - the handles requests work with: a repository handle, an index
 * connection and a state-database connection per set. libgit2 and SQLite
 * want each used by one thread at a time, not by one thread for ever, so
 * a request takes a set when it is ready to be handled and gives it back
 * when it is done. There are fewer sets ("threads" in werkplaats.json)
 * than connection threads ("connections"): a slow client holds only a
 * connection thread while it sends its request, never a set. */
#ifndef WP_POOL_H
#define WP_POOL_H

#include "accounts.h"
#include "config.h"
#include "index.h"
#include "store.h"

#include <stddef.h>

typedef struct wp_pool wp_pool;

typedef struct {
	wp_store *store;
	wp_index *index;
	wp_accounts *accounts;
} wp_handles;

/* Opens n sets on cfg's repository, index and state database. Returns 0,
 * or the first error (nothing is left open). Free with wp_pool_free(). */
int wp_pool_new(wp_pool **out, const wp_config *cfg, const wp_accounts_limits *limits, size_t n);
/* Closes every set; none may be taken. NULL is a no-op. */
void wp_pool_free(wp_pool *p);

/* A free set, waiting until one is given back when all are taken. */
wp_handles *wp_pool_take(wp_pool *p);
void wp_pool_give(wp_pool *p, wp_handles *h);

#endif
