/* galley/builder.h — building a tree (readers).
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_BUILDER_H
#define GALLEY_PUBLIC_BUILDER_H

#include <galley/meta.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Building a tree (readers)                                          */
/* ------------------------------------------------------------------ */

/* A builder keeps a cursor: enter() opens a container under the current
 * one and makes it current, leave() closes it. Every insertion is checked
 * against galley_node_can_contain() and the ancestors (no link under a
 * link at any depth: "a link may not go in a link"). One convenience: inline content
 * (text, inline containers, inline leaves) given where only blocks may go
 * is wrapped in an implicit paragraph, closed by the next block or leave().
 * Any failure is recorded on the context and returned (GALLEY_ETREE for a
 * kind that may not go where it was put). */
typedef struct galley_builder galley_builder;

GALLEY_EXTERN galley_builder *galley_builder_new(galley_context *ctx);
/** Frees the builder and, unless finished, the tree it was building. */
GALLEY_EXTERN void galley_builder_free(galley_builder *b);

/** The metadata of the document under construction. */
GALLEY_EXTERN galley_meta *galley_builder_meta(galley_builder *b);
/** The current container (the document at first). */
GALLEY_EXTERN galley_node *galley_builder_current(const galley_builder *b);
/** Open a container of the given kind under the current node. */
GALLEY_EXTERN int galley_builder_enter(galley_builder *b, galley_node_type type);
/** Close the current container (an implicit paragraph is closed first). */
GALLEY_EXTERN int galley_builder_leave(galley_builder *b);
/** Close containers until one of `type` has been closed (GALLEY_ETREE if none open). */
GALLEY_EXTERN int galley_builder_leave_to(galley_builder *b, galley_node_type type);
/** Append text; adjacent text is merged into one TEXT node. */
GALLEY_EXTERN int galley_builder_text(galley_builder *b, const char *text, size_t len);
/** Append a leaf of the given kind (LINEBREAK, BREAK, ...), returned borrowed
 * through out (may be NULL) so its fields can be set. */
GALLEY_EXTERN int galley_builder_leaf(galley_builder *b, galley_node_type type, galley_node **out);
/** Append a CODE inline. */
GALLEY_EXTERN int galley_builder_code(galley_builder *b, const char *text, size_t len);
/** Append a CODE_BLOCK with an optional language. */
GALLEY_EXTERN int galley_builder_code_block(galley_builder *b, const char *text, size_t len, const char *lang);
/** Append an IMAGE inline. */
GALLEY_EXTERN int galley_builder_image(galley_builder *b, const char *src, const char *alt);
/** Append a detached subtree built elsewhere (ownership moves on success). */
GALLEY_EXTERN int galley_builder_append(galley_builder *b, galley_node *node);
/** Close every open container and hand the document to the caller.
 * Empty paragraphs and containers are kept; readers drop their own. */
GALLEY_EXTERN int galley_builder_finish(galley_builder *b, galley_node **out);

/* Setters on the current container, for convenience after enter(). */
GALLEY_EXTERN int galley_builder_set_level(galley_builder *b, int level);
GALLEY_EXTERN int galley_builder_set_list(galley_builder *b, int ordered, long start);
GALLEY_EXTERN int galley_builder_set_url(galley_builder *b, const char *url);
GALLEY_EXTERN int galley_builder_set_alt(galley_builder *b, const char *alt);
GALLEY_EXTERN int galley_builder_set_role(galley_builder *b, const char *role);
GALLEY_EXTERN int galley_builder_set_cell(galley_builder *b, int header, int colspan, int rowspan);

#ifdef __cplusplus
}
#endif
#endif
