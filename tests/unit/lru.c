/* Unit tests of the LRU cache: bounds by entries and by cost, recency,
 * replacement, and values that outlive their eviction while held. */
#include "lru.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
	atomic_int refs;
	int n;
} val;

static atomic_int freed;

static void *v_retain(void *v)
{
	atomic_fetch_add(&((val *)v)->refs, 1);
	return v;
}

static void v_release(void *v)
{
	if (atomic_fetch_sub(&((val *)v)->refs, 1) == 1) {
		atomic_fetch_add(&freed, 1);
		free(v);
	}
}

static const wp_lru_ops ops = { v_retain, v_release };

static val *make(int n)
{
	val *v = calloc(1, sizeof(*v));

	cr_assert_not_null(v);
	atomic_init(&v->refs, 1);
	v->n = n;
	return v;
}

/* Puts a new value n under key and drops the caller's reference. */
static void put(wp_lru *c, const char *key, int n, size_t cost)
{
	val *v = make(n);

	wp_lru_put(c, key, v, cost);
	v_release(v);
}

/* The value under key, or -1. */
static int get(wp_lru *c, const char *key)
{
	val *v = wp_lru_get(c, key);
	int n = v ? v->n : -1;

	if (v)
		v_release(v);
	return n;
}

static void reset(void)
{
	atomic_store(&freed, 0);
}

TestSuite(lru, .init = reset);

Test(lru, keeps_at_most_max_entries_dropping_the_least_recently_used)
{
	wp_lru *c;

	cr_assert_eq(wp_lru_new(&c, 2, 0, &ops), 0);
	put(c, "a", 1, 1);
	put(c, "b", 2, 1);
	cr_assert_eq(get(c, "a"), 1); /* a is now newer than b */
	put(c, "c", 3, 1);
	cr_assert_eq(get(c, "b"), -1, "the least recently used entry stays");
	cr_assert_eq(get(c, "a"), 1);
	cr_assert_eq(get(c, "c"), 3);
	cr_assert_eq(atomic_load(&freed), 1);
	wp_lru_free(c);
	cr_assert_eq(atomic_load(&freed), 3, "freeing the cache releases every value");
}

Test(lru, cost_bound_evicts_until_the_new_value_fits)
{
	wp_lru *c;

	cr_assert_eq(wp_lru_new(&c, 100, 10, &ops), 0);
	put(c, "a", 1, 4);
	put(c, "b", 2, 4);
	put(c, "c", 3, 4); /* 12 > 10: a goes */
	cr_assert_eq(get(c, "a"), -1);
	cr_assert_eq(get(c, "b"), 2);
	cr_assert_eq(get(c, "c"), 3);
	put(c, "huge", 4, 11);
	cr_assert_eq(get(c, "huge"), -1, "a value dearer than the whole cache is not kept");
	cr_assert_eq(get(c, "b"), 2, "and evicts nothing");
	wp_lru_free(c);
}

Test(lru, put_replaces_the_value_under_a_key)
{
	wp_lru *c;

	cr_assert_eq(wp_lru_new(&c, 4, 0, &ops), 0);
	put(c, "k", 1, 1);
	put(c, "k", 2, 1);
	cr_assert_eq(get(c, "k"), 2);
	cr_assert_eq(atomic_load(&freed), 1, "the replaced value is released");
	put(c, "x", 3, 1);
	put(c, "y", 4, 1);
	put(c, "z", 5, 1);
	cr_assert_eq(get(c, "k"), 2, "a replacement counts as one entry");
	wp_lru_free(c);
}

Test(lru, a_held_value_survives_its_eviction)
{
	wp_lru *c;
	val *held;

	cr_assert_eq(wp_lru_new(&c, 1, 0, &ops), 0);
	put(c, "a", 7, 1);
	held = wp_lru_get(c, "a");
	cr_assert_not_null(held);
	put(c, "b", 8, 1); /* evicts a */
	cr_assert_eq(get(c, "a"), -1);
	cr_assert_eq(held->n, 7);
	cr_assert_eq(atomic_load(&freed), 0);
	v_release(held);
	cr_assert_eq(atomic_load(&freed), 1);
	wp_lru_free(c);
}

Test(lru, zero_entries_keeps_nothing)
{
	wp_lru *c;

	cr_assert_eq(wp_lru_new(&c, 0, 0, &ops), 0);
	put(c, "a", 1, 1);
	cr_assert_eq(get(c, "a"), -1);
	cr_assert_eq(atomic_load(&freed), 1);
	wp_lru_free(c);
}

static wp_lru *shared;

static void *churn(void *arg)
{
	char key[16];
	int i, t = (int)(intptr_t)arg;

	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "k%d", (i * 7 + t) % 50);
		if (i % 3 == 0) {
			put(shared, key, i, 1);
		} else {
			val *v = wp_lru_get(shared, key);

			if (v)
				v_release(v);
		}
	}
	return NULL;
}

Test(lru, threads_sharing_a_cache_lose_no_value)
{
	pthread_t th[4];
	int i;

	cr_assert_eq(wp_lru_new(&shared, 16, 0, &ops), 0);
	for (i = 0; i < 4; i++)
		cr_assert_eq(pthread_create(&th[i], NULL, churn, (void *)(intptr_t)i), 0);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	wp_lru_free(shared);
	/* every value made was freed exactly once: 4 threads x 6667 puts */
	cr_assert_eq(atomic_load(&freed), 4 * 6667);
}
