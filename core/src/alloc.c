/* alloc.c — the one allocator libgalley and its plugins use: the C
 * library's, or a program's own set once before anything else runs. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *S_calloc(size_t count, size_t size, void *payload)
{
	(void)payload;
	return calloc(count, size);
}

static void *S_realloc(void *ptr, size_t size, void *payload)
{
	(void)payload;
	return realloc(ptr, size);
}

static void S_free(void *ptr, void *payload)
{
	(void)payload;
	free(ptr);
}

/* The process's allocator: configuration set before any other call (and
 * before threads), read-only afterwards — the one piece of process-wide
 * state in libgalley, as libgit2's allocator is in libgit2. */
static galley_allocator S_alloc = {S_calloc, S_realloc, S_free, NULL};

int galley_set_allocator(const galley_allocator *alloc)
{
	if (!alloc) {
		S_alloc = (galley_allocator){S_calloc, S_realloc, S_free, NULL};
		return 0;
	}
	if (!alloc->calloc || !alloc->realloc || !alloc->free)
		return GALLEY_EUSAGE;
	S_alloc = *alloc;
	return 0;
}

void *galley_malloc(size_t size)
{
	return S_alloc.realloc(NULL, size ? size : 1, S_alloc.payload);
}

void *galley_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return S_alloc.calloc(count ? count : 1, size ? size : 1, S_alloc.payload);
}

void *galley_realloc(void *ptr, size_t size)
{
	return S_alloc.realloc(ptr, size ? size : 1, S_alloc.payload);
}

void galley_free(void *ptr)
{
	if (ptr)
		S_alloc.free(ptr, S_alloc.payload);
}

char *galley_strndup(const char *s, size_t n)
{
	char *p;
	if (!s)
		return NULL;
	n = strnlen(s, n);
	if (!(p = galley_malloc(n + 1)))
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *galley_strdup(const char *s)
{
	return s ? galley_strndup(s, strlen(s)) : NULL;
}
