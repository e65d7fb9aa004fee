/* galley/iter.h — walking a tree, read-only (writers).
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_ITER_H
#define GALLEY_PUBLIC_ITER_H

#include <galley/tree.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Walking a tree (writers)                                           */
/* ------------------------------------------------------------------ */

typedef enum {
	GALLEY_EVENT_NONE = 0,
	GALLEY_EVENT_DONE,
	GALLEY_EVENT_ENTER,
	GALLEY_EVENT_EXIT
} galley_event_type;

/* Containers give ENTER then EXIT; leaves give ENTER only. */
typedef struct galley_iter galley_iter;

/* The walk only reads the tree, so several iterators (in several threads)
 * may walk one tree at once. */
GALLEY_EXTERN galley_iter *galley_iter_new(const galley_node *root);
GALLEY_EXTERN void galley_iter_free(galley_iter *it);
GALLEY_EXTERN galley_event_type galley_iter_next(galley_iter *it);
GALLEY_EXTERN const galley_node *galley_iter_get_node(const galley_iter *it);
GALLEY_EXTERN galley_event_type galley_iter_get_event(const galley_iter *it);
/** Resume the walk from `node` with `event` (EXIT skips a subtree). */
GALLEY_EXTERN void galley_iter_reset(galley_iter *it, const galley_node *node, galley_event_type event);

#ifdef __cplusplus
}
#endif
#endif
