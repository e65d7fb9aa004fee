/* internal.h — declarations shared by libgalley's own source files only;
 * nothing here is part of the public API or the plugin SDK. */
#ifndef GALLEY_INTERNAL_H
#define GALLEY_INTERNAL_H

#include "galley/plugin.h"

#define GALLEY_INTERNAL __attribute__((visibility("hidden")))

/* The context's own registry (galley_add_plugin_dir/galley_load_plugins),
 * made on first use and used by its lookups; NULL on OOM. */
GALLEY_INTERNAL galley_registry *galley__context_own_registry(galley_context *ctx);

/* libltdl keeps process-wide state and has no locking of its own: every
 * lt_* call in libgalley is made under this lock (init.c). */
GALLEY_INTERNAL void galley__ltdl_lock(void);
GALLEY_INTERNAL void galley__ltdl_unlock(void);

/* strdup that reports failure by returning NULL (like strdup) but accepts NULL. */
GALLEY_INTERNAL char *galley__strdup(const char *s);
GALLEY_INTERNAL char *galley__strndup(const char *s, size_t n);

/* Builder access for the conversion call: the context it reports to. */
GALLEY_INTERNAL galley_context *galley__builder_context(galley_builder *b);

#endif
