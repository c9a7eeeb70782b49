/* lru.h - a bounded, thread-safe cache of reference-counted values under
 * string keys, least recently used out first.
 *
 * The cache holds its own reference to every value it keeps (taken with
 * ops->retain, dropped with ops->release when the value is evicted,
 * replaced or the cache is freed), and every value it hands out is a new
 * reference for the caller, so a value stays valid for a reader even when
 * another thread evicts it meanwhile. */
#ifndef WP_LRU_H
#define WP_LRU_H

#include <stddef.h>

typedef struct wp_lru wp_lru;

typedef struct {
	void *(*retain)(void *value); /* returns value with one more reference */
	void (*release)(void *value); /* drops a reference */
} wp_lru_ops;

/* A cache keeping at most max_entries values whose costs (e.g. bytes)
 * add up to at most max_cost (0: entries alone count). max_entries 0
 * makes a cache that keeps nothing. ops must outlive the cache. Returns
 * 0 or WP_ENOMEM / WP_ERROR. Free with wp_lru_free(). */
int wp_lru_new(wp_lru **out, size_t max_entries, size_t max_cost, const wp_lru_ops *ops);
void wp_lru_free(wp_lru *c);

/* A new reference to the value under key (now the most recently used),
 * or NULL. */
void *wp_lru_get(wp_lru *c, const char *key);

/* Keeps value under key at the given cost, replacing what was there and
 * evicting the least recently used values until the bounds hold. A value
 * costing more than max_cost is not kept. Failure to allocate only means
 * the value is not kept. */
void wp_lru_put(wp_lru *c, const char *key, void *value, size_t cost);

#endif
