/* internal.h — declarations shared by libgalley's own source files only;
 * nothing here is part of the public API or the plugin SDK. */
#ifndef GALLEY_INTERNAL_H
#define GALLEY_INTERNAL_H

#include "galley/plugin.h"

#define GALLEY_INTERNAL __attribute__((visibility("hidden")))

/* The plugin registry hangs off the context; loader.c defines the struct. */
struct galley_registry;
GALLEY_INTERNAL struct galley_registry *galley__context_registry(galley_context *ctx);
GALLEY_INTERNAL void galley__context_set_registry(galley_context *ctx, struct galley_registry *reg,
	void (*free_fn)(struct galley_registry *));

/* strdup that reports failure by returning NULL (like strdup) but accepts NULL. */
GALLEY_INTERNAL char *galley__strdup(const char *s);
GALLEY_INTERNAL char *galley__strndup(const char *s, size_t n);

/* Builder access for the conversion call: the context it reports to. */
GALLEY_INTERNAL galley_context *galley__builder_context(galley_builder *b);

#endif
