/* pool.c - sets of per-request handles (see pool.h): a free list under a
 * mutex, and a condition variable for requests that wait for a set. */
#include "pool.h"

#include "error.h"

#include <pthread.h>
#include <stdlib.h>

struct wp_pool {
	pthread_mutex_t mu;
	pthread_cond_t freed;
	wp_handles *sets;  /* all n sets */
	wp_handles **free; /* a stack of the free ones */
	size_t n, nfree;
};

static void close_set(wp_handles *h)
{
	wp_accounts_free(h->accounts);
	wp_index_free(h->index);
	wp_store_free(h->store);
}

int wp_pool_new(wp_pool **out, const wp_config *cfg, const wp_accounts_limits *limits, size_t n)
{
	wp_pool *p = calloc(1, sizeof(*p));
	int rc = 0;

	*out = NULL;
	if (!p || !(p->sets = calloc(n, sizeof(*p->sets))) ||
	    !(p->free = calloc(n, sizeof(*p->free)))) {
		if (p)
			free(p->sets);
		free(p);
		return WP_ENOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->freed, NULL);
	for (; p->n < n && rc == 0; p->n++) {
		wp_handles *h = &p->sets[p->n];

		if ((rc = wp_store_open(&h->store, cfg->repo_dir)) == 0 &&
		    (rc = wp_index_open(&h->index, cfg->index_file, cfg->language)) == 0)
			rc = wp_accounts_open(&h->accounts, cfg->state_file, limits);
		p->free[p->nfree++] = h;
	}
	if (rc < 0) {
		wp_pool_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void wp_pool_free(wp_pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		close_set(&p->sets[i]);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->mu);
	free(p->free);
	free(p->sets);
	free(p);
}

wp_handles *wp_pool_take(wp_pool *p)
{
	wp_handles *h;

	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->mu);
	h = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return h;
}

void wp_pool_give(wp_pool *p, wp_handles *h)
{
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = h;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->mu);
}
