/* galley/sys/reader.h — a reader: bytes in, a tree out through the builder
 * (galley.h). */
#ifndef GALLEY_SYS_READER_H
#define GALLEY_SYS_READER_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A reader turns bytes into a tree through the builder. */
#define GALLEY_READER_VERSION 1
typedef struct galley_reader_desc {
	unsigned int version;     /* GALLEY_READER_VERSION */
	const char *name;         /* "text" */
	const char *aliases;      /* comma-separated other names, or NULL */
	const char *extensions;   /* comma-separated, no dots: "txt,text" */
	const char *description;  /* one line */
	/* Score 0 (not mine) to 100 (certainly mine) from the first bytes
	 * (at most 4096; may be fewer). NULL: never chosen by content. */
	int (*probe)(const char *data, size_t len);
	/* Build the document. `data` is the whole input, not NUL-terminated.
	 * On failure return a negative code with galley_error() set. */
	int (*read)(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload);
	void *payload;
	const galley_option_desc *options; /* since ABI 2.0; NULL: declares nothing */
	void *reserved[5];
} galley_reader_desc;

/** Register a reader; the descriptor must outlive the plugin (a static
 * const struct). Checks the version field. Only from a plugin's init: a
 * loaded registry no longer changes (GALLEY_EUSAGE). */
GALLEY_EXTERN int galley_registry_add_reader(galley_registry *reg, const galley_reader_desc *desc);

#ifdef __cplusplus
}
#endif
#endif
