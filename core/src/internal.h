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

/* The i-th option set on ctx (in the order first set; value NULL when
 * unset again): 1, or 0 past the end. */
GALLEY_INTERNAL int galley__context_option_at(const galley_context *ctx, size_t i, const char **key,
	const char **value);

/* Check an option table a plugin registers (options.c): 0, or GALLEY_EINVAL
 * with what is wrong written to why. */
GALLEY_INTERNAL int galley__options_table_check(const galley_option_desc *t, char *why, size_t size);
GALLEY_INTERNAL int galley__check_options(galley_context *ctx, const galley_reader *r, const galley_writer *w,
	const char *const *specs, size_t nspecs);

/* Builder access for the conversion call: the context it reports to. */
GALLEY_INTERNAL galley_context *galley__builder_context(galley_builder *b);

/* The output sink of galley_write() (galley_context_set_output()): begin
 * before the writer runs; end after it (ok: it succeeded) sends the rest of
 * out when the sink took the earlier pieces, and returns the sink's
 * failure (GALLEY_EIO, message set) or 0. */
#define GALLEY__OUTPUT_PIECE 65536
GALLEY_INTERNAL void galley__output_begin(galley_context *ctx, galley_buffer *out);
GALLEY_INTERNAL int galley__output_end(galley_context *ctx, galley_buffer *out, int ok);

#endif
