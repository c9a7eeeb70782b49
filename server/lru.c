/* lru.c - bounded LRU cache: a hash table of chained entries (FNV-1a over
 * the key) and a doubly linked list from newest to oldest, under one
 * mutex. Lookups are short, so one lock is cheaper than anything finer. */
#include "lru.h"

#include "error.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS_MAX ((size_t)1 << 20)

typedef struct entry {
	char *key;
	void *value; /* the cache's own reference */
	size_t cost;
	struct entry *hnext;	      /* bucket chain */
	struct entry *newer, *older; /* LRU list */
} entry;

struct wp_lru {
	pthread_mutex_t lock;
	const wp_lru_ops *ops;
	size_t max_entries, max_cost, count, cost, nbuckets; /* nbuckets: a power of two */
	entry **buckets;
	entry *newest, *oldest;
};

static size_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

int wp_lru_new(wp_lru **out, size_t max_entries, size_t max_cost, const wp_lru_ops *ops)
{
	wp_lru *c;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return WP_ENOMEM;
	c->ops = ops;
	c->max_entries = max_entries;
	c->max_cost = max_cost;
	c->nbuckets = 16;
	while (c->nbuckets < max_entries && c->nbuckets < BUCKETS_MAX)
		c->nbuckets *= 2;
	c->buckets = calloc(c->nbuckets, sizeof(*c->buckets));
	if (!c->buckets) {
		free(c);
		return WP_ENOMEM;
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c->buckets);
		free(c);
		return WP_ERROR;
	}
	*out = c;
	return 0;
}

static void entry_free(wp_lru *c, entry *e)
{
	c->ops->release(e->value);
	free(e->key);
	free(e);
}

void wp_lru_free(wp_lru *c)
{
	entry *e, *next;

	if (!c)
		return;
	for (e = c->newest; e; e = next) {
		next = e->older;
		entry_free(c, e);
	}
	free(c->buckets);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void lru_unlink(wp_lru *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(wp_lru *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* The bucket slot pointing at the entry for key (or at NULL). Call with
 * the lock held. */
static entry **find(wp_lru *c, const char *key)
{
	entry **pp = &c->buckets[hash_key(key) & (c->nbuckets - 1)];

	while (*pp && strcmp((*pp)->key, key) != 0)
		pp = &(*pp)->hnext;
	return pp;
}

/* Unlinks and frees the entry *pp points at. Call with the lock held;
 * readers holding a reference keep the value. */
static void drop(wp_lru *c, entry **pp)
{
	entry *e = *pp;

	*pp = e->hnext;
	lru_unlink(c, e);
	c->count--;
	c->cost -= e->cost;
	entry_free(c, e);
}

void *wp_lru_get(wp_lru *c, const char *key)
{
	entry *e;
	void *v = NULL;

	pthread_mutex_lock(&c->lock);
	e = *find(c, key);
	if (e) {
		if (e != c->newest) {
			lru_unlink(c, e);
			lru_push(c, e);
		}
		v = c->ops->retain(e->value);
	}
	pthread_mutex_unlock(&c->lock);
	return v;
}

void wp_lru_put(wp_lru *c, const char *key, void *value, size_t cost)
{
	entry *e, **pp;
	size_t b;

	if (c->max_entries == 0 || (c->max_cost && cost > c->max_cost))
		return;
	e = calloc(1, sizeof(*e));
	if (e)
		e->key = strdup(key);
	if (!e || !e->key) {
		free(e);
		return;
	}
	e->cost = cost;
	pthread_mutex_lock(&c->lock);
	pp = find(c, key);
	if (*pp)
		drop(c, pp);
	while (c->oldest &&
	       (c->count >= c->max_entries || (c->max_cost && c->cost + cost > c->max_cost)))
		drop(c, find(c, c->oldest->key));
	e->value = c->ops->retain(value);
	b = hash_key(key) & (c->nbuckets - 1);
	e->hnext = c->buckets[b];
	c->buckets[b] = e;
	lru_push(c, e);
	c->count++;
	c->cost += cost;
	pthread_mutex_unlock(&c->lock);
}
