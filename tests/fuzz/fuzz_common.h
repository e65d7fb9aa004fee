/* fuzz_common.h — checks the writer and reader fuzz targets share: a JSON
 * input read into a tree, the tree's shape, UTF-8 validity. */
#ifndef GALLEY_FUZZ_COMMON_H
#define GALLEY_FUZZ_COMMON_H

#include <galley/galley.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** Read data with the json reader into *doc; 0, or the reader's code (the
 * input was refused, which is fine: the writers only see what reads). */
int fuzz_read_json(galley_context *ctx, const uint8_t *data, size_t size, galley_node **doc);
/** 1 when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). */
int fuzz_utf8_valid(const char *s, size_t len);
/** abort() unless every node may sit where it is and every string in the
 * tree and the document's metadata is valid UTF-8. */
void fuzz_check_tree(galley_node *doc);

/** A writer's entry point, as plugins register it. */
typedef int (*fuzz_writer_fn)(galley_context *ctx, const char *name, const galley_node *const *docs,
	size_t ndocs, galley_buffer *out, void *payload);
/** Write doc twice with write(ctx, name, ...); abort() unless each time it
 * succeeds (or runs out of memory) with valid UTF-8 that check (may be
 * NULL) accepts, and both outputs are the very same bytes. */
void fuzz_write_twice(galley_context *ctx, fuzz_writer_fn write, const char *name, const galley_node *doc,
	void (*check)(const galley_buffer *out));

/** Run every writer on doc: markdown and gfm (unwrapped and at 40
 * columns), tei and json twice each with the checks of fuzz_write_twice,
 * docx and epub (binary) once; the json output must read back. */
void fuzz_write_all(galley_context *ctx, const galley_node *doc);

#endif
