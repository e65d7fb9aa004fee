/* release_internal.h — what the files of the release library share
 * beyond release.h: bounds and helpers over a paragraph's text. */
#ifndef GALLEY_RELEASE_INTERNAL_H
#define GALLEY_RELEASE_INTERNAL_H

#include "release.h"

/* No entry of the lists compared whole (end marks, contact heads,
 * categories, labels, the text reader's trailer labels) is longer than 33
 * bytes ("このページをシェアする"); 64 bounds the comparison with room to grow. */
#define GREL_ENTRY_MAX 64
/* Bytes of a paragraph's start read to find its number or marker: the
 * longest marker with its spaces is far shorter. */
#define GREL_PREFIX_MAX 64

/* The string lists of lines.c (grel_list() for them). */
const char *const *grel__line_list(grel_table table);
/* The first bytes of a paragraph's text, across inline containers (at most
 * GREL_PREFIX_MAX); stops at the first non-text leaf. */
size_t grel__prefix(galley_node *para, char *buf);
/* Remove the first `skip` bytes of a paragraph's text, dropping text nodes
 * and inline containers the cut leaves empty. 0 or GALLEY_ENOMEM. */
int grel__strip_prefix(galley_node *para, size_t skip);

/* Move the siblings from first up to (not including) stop, or to the end
 * when stop is NULL, to the end of parent. 0 or a negative error. */
int grel__move_to(galley_node *parent, galley_node *first, galley_node *stop);

#endif
