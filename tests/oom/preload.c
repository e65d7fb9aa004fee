/* preload.c — out of memory in a whole galley process (batch.sh):
 * LD_PRELOAD'ed, it gives galley an allocator (galley_set_allocator, from a
 * constructor, before main) that fails the Nth of galley's allocations,
 * N = GALLEY_OOM_AT (0: none, only count). Every block it hands out and
 * that is not freed by the end of the process is counted: at exit it
 * writes "ALLOCATIONS LIVE" to the file GALLEY_OOM_REPORT names.
 * Allocations come from several threads (batch's workers): the count is
 * atomic and the set of live blocks is under a lock. */
#define _GNU_SOURCE
#include <galley/galley.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state of the one allocator of the process: what a preloaded test
 * allocator is for. */
static long S_fail_at;
static long S_count;
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

#define S_SLOTS (1u << 20)
#define S_TOMB ((uintptr_t)1)
static uintptr_t *S_live; /* open addressing, tombstones for the freed */
static long S_nlive;

static size_t S_slot(uintptr_t p)
{
	return (size_t)((p >> 4) * 2654435761u) & (S_SLOTS - 1);
}

static void S_track(void *p)
{
	size_t i;
	if (!p)
		return;
	pthread_mutex_lock(&S_lock);
	for (i = S_slot((uintptr_t)p); S_live[i] > S_TOMB; i = (i + 1) & (S_SLOTS - 1))
		;
	S_live[i] = (uintptr_t)p;
	S_nlive++;
	pthread_mutex_unlock(&S_lock);
}

/* By address only: a block realloc() moved is looked up by its old one. */
static void S_untrack(uintptr_t p)
{
	size_t i;
	if (!p)
		return;
	pthread_mutex_lock(&S_lock);
	for (i = S_slot(p); S_live[i]; i = (i + 1) & (S_SLOTS - 1))
		if (S_live[i] == p) {
			S_live[i] = S_TOMB;
			S_nlive--;
			break;
		}
	pthread_mutex_unlock(&S_lock);
}

static int S_fail_now(void)
{
	long n = __atomic_add_fetch(&S_count, 1, __ATOMIC_SEQ_CST);
	return n == S_fail_at;
}

static void *S_calloc(size_t n, size_t m, void *payload)
{
	void *p;
	(void)payload;
	if (S_fail_now())
		return NULL;
	p = calloc(n, m);
	S_track(p);
	return p;
}

/* The old address is a key of the set, never dereferenced. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuse-after-free"
static void *S_realloc(void *p, size_t n, void *payload)
{
	uintptr_t old = (uintptr_t)p;
	void *q;
	(void)payload;
	if (S_fail_now())
		return NULL;
	q = realloc(p, n);
	if (q) {
		S_untrack(old);
		S_track(q);
	}
	return q;
}
#pragma GCC diagnostic pop

static void S_free(void *p, void *payload)
{
	(void)payload;
	S_untrack((uintptr_t)p);
	free(p);
}

__attribute__((constructor)) static void S_init(void)
{
	static const galley_allocator hook = {S_calloc, S_realloc, S_free, NULL};
	const char *at = getenv("GALLEY_OOM_AT");
	if (!at)
		return;
	S_fail_at = atol(at);
	S_live = calloc(S_SLOTS, sizeof *S_live);
	if (!S_live || galley_set_allocator(&hook) < 0)
		abort();
}

/* Destructors of a preloaded library run last, after main and the other
 * libraries': what is live then was never freed. */
__attribute__((destructor)) static void S_report(void)
{
	const char *path = getenv("GALLEY_OOM_REPORT");
	FILE *f;
	if (!S_live || !path || !(f = fopen(path, "w")))
		return;
	fprintf(f, "%ld %ld\n", __atomic_load_n(&S_count, __ATOMIC_SEQ_CST), S_nlive);
	fclose(f);
}
