/* loader.h — the registry's reader and writer handles, shared by loader.c
 * (which fills them) and convert.c (which calls them). Private to libgalley. */
#ifndef GALLEY_LOADER_H
#define GALLEY_LOADER_H

#include "internal.h"

/* One handle per name a format answers to: a writer registered as
 * "markdown" with aliases "md,gfm" gets three handles sharing one
 * descriptor, so galley_write() can tell the writer which name was asked
 * for. Readers and writers share the handle layout so one piece of code
 * registers, finds and lists both. */
enum { GALLEY__READER = 0, GALLEY__WRITER = 1, GALLEY__FILTER = 2 };
struct galley_format {
	int kind;                         /* GALLEY__READER, _WRITER or _FILTER */
	const galley_reader_desc *reader; /* exactly one of reader/writer/filter is set */
	const galley_writer_desc *writer;
	const galley_filter_desc *filter;
	char *name;    /* the name or alias this handle answers to (owned) */
	char *ext;     /* a writer's first extension, its outputs' (owned) */
	int primary;   /* 1 for the handle of the descriptor's own name */
	size_t plugin; /* index of the plugin that registered it */
};

/* The public opaque types are the handle itself (first member), so a
 * pointer to one converts to the other. */
struct galley_reader {
	struct galley_format f;
};
struct galley_writer {
	struct galley_format f;
};
struct galley_filter {
	struct galley_format f;
};

#endif
