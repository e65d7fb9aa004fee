/* galley/sys/filter.h — a filter (since plugin ABI 2.1): a document in, a
 * document out, run between the reader and the writer (--filter NAME, in
 * command-line order). */
#ifndef GALLEY_SYS_FILTER_H
#define GALLEY_SYS_FILTER_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A filter changes the document through the node editing API of galley.h
 * (galley_node_set_*, galley_node_append_child, galley_node_unlink,
 * galley_node_free, ...), which keeps the tree rules (GALLEY_ETREE), or
 * builds a new document (with a builder, or galley_node_copy and editing)
 * and puts it in *doc, freeing the old one. It never sees the node struct.
 * The document is the filter's alone for the call (each job has its own),
 * so no locking is needed; the filter keeps no state between calls (one
 * registry, many threads). On failure return a negative code with
 * galley_error() set; *doc must then still be a document the caller frees
 * (the old one, or its replacement). */
#define GALLEY_FILTER_VERSION 1
typedef struct galley_filter_desc {
	unsigned int version;    /* GALLEY_FILTER_VERSION */
	const char *name;        /* "strip-links": no '/', ',' or spaces */
	const char *description; /* one line */
	int (*filter)(galley_context *ctx, galley_node **doc, void *payload);
	void *payload;
	/* The -O keys the filter reads (galley/sys/options.h), listed by
	 * --plugin-info and checked with the job's reader and writer; NULL:
	 * declares nothing. */
	const galley_option_desc *options;
	void *reserved[6];
} galley_filter_desc;

/** Register a filter, as galley_registry_add_reader() does a reader: its
 * name must be new among filters. Only from a plugin's init. */
GALLEY_EXTERN int galley_registry_add_filter(galley_registry *reg, const galley_filter_desc *desc);

#ifdef __cplusplus
}
#endif
#endif
