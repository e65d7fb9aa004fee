/* langprofiles.h — the language profiles prepared at build time by
 * core/tools/langgen.c (langprofiles.c in the build tree). Private. */
#ifndef GALLEY_LANGPROFILES_H
#define GALLEY_LANGPROFILES_H

typedef struct {
	unsigned off;         /* the n-gram, in galley__lang_pool */
	unsigned short rank;  /* 0 = the language's most frequent */
} galley__lang_gram;

typedef struct {
	unsigned name;        /* textcat's name ("en--utf8"), in the pool */
	unsigned first, count; /* its n-grams in galley__lang_grams, sorted bytewise */
} galley__lang_profile;

extern const char galley__lang_pool[];
extern const galley__lang_gram galley__lang_grams[];
extern const galley__lang_profile galley__lang_profiles[];
extern const unsigned galley__lang_nprofiles;

#endif
