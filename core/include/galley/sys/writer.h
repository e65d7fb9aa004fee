/* galley/sys/writer.h — a writer: a const tree in (walked with the
 * iterator, galley.h), bytes out. */
#ifndef GALLEY_SYS_WRITER_H
#define GALLEY_SYS_WRITER_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GALLEY_WRITER_BINARY 0x1u /* output is not text (zip packages) */
#define GALLEY_WRITER_MANY 0x2u   /* takes several documents (a book) */

#define GALLEY_WRITER_VERSION 1
typedef struct galley_writer_desc {
	unsigned int version;     /* GALLEY_WRITER_VERSION */
	const char *name;         /* "markdown" */
	const char *aliases;      /* "md,gfm" or NULL */
	/* Comma-separated, no dots: "md,markdown", "tei.xml". All of them pick
	 * this writer for -o; the first is the one its outputs are named with. */
	const char *extension;
	const char *description;
	unsigned int flags;       /* GALLEY_WRITER_* */
	/* Write docs[0..ndocs) (ndocs is 1 unless GALLEY_WRITER_MANY) to out.
	 * `name` is the name the writer was asked for (an alias, e.g. "gfm").
	 * The documents are read-only: other threads may be writing them too. */
	int (*write)(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
		galley_buffer *out, void *payload);
	void *payload;
	const galley_option_desc *options; /* since ABI 2.0; NULL: declares nothing */
	void *reserved[5];
} galley_writer_desc;

/** Register a writer, as galley_registry_add_reader() does a reader. */
GALLEY_EXTERN int galley_registry_add_writer(galley_registry *reg, const galley_writer_desc *desc);

/** A point where the bytes in out are final (since ABI 2.2): a writer that
 * never looks back at, truncates or splices what it wrote before such a
 * point calls this there, e.g. between top-level blocks, with the `out`
 * its write callback was given. When the program gave the context an
 * output sink (galley_context_set_output()) and out holds 64 KiB or more,
 * they go to the sink and out is emptied; otherwise nothing happens. 0, or
 * GALLEY_EIO when the sink failed (the context holds the message: stop
 * writing and return it). */
GALLEY_EXTERN int galley_writer_flush(galley_context *ctx, galley_buffer *out);

#ifdef __cplusplus
}
#endif
#endif
