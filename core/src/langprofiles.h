/* langprofiles.h — the language profiles prepared at build time by
 * core/tools/langgen.c (langprofiles.c in the build tree), inverted: every
 * n-gram any profile holds, once, with the profiles that hold it and its
 * rank in each, found through a hash table made at build time. A text's
 * 400 n-grams then cost 400 look-ups instead of a merge with every
 * profile. Private. */
#ifndef GALLEY_LANGPROFILES_H
#define GALLEY_LANGPROFILES_H

#include <stddef.h>

#define GALLEY__LANG_SLOTS (1u << 16)       /* the hash table; at most half full */
#define GALLEY__LANG_MAX_PROFILES 512u

typedef struct {
	unsigned off;   /* the n-gram, in galley__lang_pool */
	unsigned first; /* its postings: [first, the next n-gram's first) */
} galley__lang_ngram;

typedef struct {
	unsigned short profile; /* in galley__lang_names */
	unsigned short rank;    /* 0 = that language's most frequent n-gram */
} galley__lang_posting;

extern const char galley__lang_pool[];
extern const galley__lang_ngram galley__lang_ngrams[]; /* galley__lang_nngrams + 1 (an end) */
extern const unsigned galley__lang_nngrams;
extern const galley__lang_posting galley__lang_postings[];
extern const unsigned short galley__lang_slots[];      /* an n-gram's index + 1; 0 = empty */
extern const unsigned galley__lang_names[];            /* textcat's names ("en--utf8"), in the pool */
extern const unsigned galley__lang_nprofiles;

/* FNV-1a, the hash both the build-time table and the look-up use. */
static inline unsigned galley__lang_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#endif
