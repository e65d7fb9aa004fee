/* galley/meta.h — a document's metadata.
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_META_H
#define GALLEY_PUBLIC_META_H

#include <galley/tree.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Metadata                                                           */
/* ------------------------------------------------------------------ */

/* A release's metadata. The known keys, in this order:
 *   title subtitle date issuer category language source identifier hits
 *   authors keywords description place
 * "authors" and "keywords" are lists; "hits" is a non-negative number;
 * every other key holds one string. Other keys are free key/values kept in
 * the order they were first set, after the known ones. */

/** The value of a single-valued key (for a list, its first value; for
 * "hits" its decimal text), or NULL when unknown. */
GALLEY_EXTERN const char *galley_meta_get(const galley_meta *meta, const char *key);
/** Set (replace) a key. For "hits" the value must be a decimal number
 * (GALLEY_EINVAL otherwise); for a list key it replaces the list with one value.
 * A NULL value removes the key. */
GALLEY_EXTERN int galley_meta_set(galley_meta *meta, const char *key, const char *value);
/** Append to a list key ("authors", "keywords"); GALLEY_EINVAL for other keys. */
GALLEY_EXTERN int galley_meta_add(galley_meta *meta, const char *key, const char *value);
/** Number of values of a key (0 when unknown, 1 for a set single key). */
GALLEY_EXTERN size_t galley_meta_count(const galley_meta *meta, const char *key);
GALLEY_EXTERN const char *galley_meta_get_nth(const galley_meta *meta, const char *key, size_t i);
/** hits, or -1 when unknown. */
GALLEY_EXTERN long long galley_meta_get_hits(const galley_meta *meta);
GALLEY_EXTERN int galley_meta_set_hits(galley_meta *meta, long long hits);
/** 1 for the list keys "authors" and "keywords". */
GALLEY_EXTERN int galley_meta_key_is_list(const char *key);
/** 1 for one of the known keys above. */
GALLEY_EXTERN int galley_meta_key_is_known(const char *key);
/** Every key that has a value, known keys first in the order above, then
 * the free keys in insertion order. */
GALLEY_EXTERN size_t galley_meta_key_count(const galley_meta *meta);
GALLEY_EXTERN const char *galley_meta_key_at(const galley_meta *meta, size_t i);
/** 1 when no key is set. */
GALLEY_EXTERN int galley_meta_is_empty(const galley_meta *meta);

#ifdef __cplusplus
}
#endif
#endif
