/* json_plugin.h — what the json plugin's files share (not installed): the
 * read/write/probe entry points, which the tests and the fuzz target also call. */
#ifndef GALLEY_JSON_PLUGIN_H
#define GALLEY_JSON_PLUGIN_H

#include <galley/plugin.h>

/* The deepest node nesting the JSON form carries (the document is depth 0,
 * a top-level block depth 1, a list item inside it depth 2, ...). The reader
 * refuses deeper input and the writer deeper trees, so that whatever one
 * writes the other reads, and jansson's recursive parser never runs out of
 * stack. */
#define GALLEY_JSON_MAX_DEPTH 256

int json_probe(const char *data, size_t len);
int json_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload);
int json_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload);

#endif
