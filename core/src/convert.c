/* convert.c — the conversion calls: run a reader through a builder, run a
 * writer over documents, and the accessors for reader and writer handles. */
#include "loader.h"

#include <stdlib.h>

const char *galley_reader_name(const galley_reader *r)
{
	return r ? r->f.reader->name : NULL;
}

const char *galley_writer_name(const galley_writer *w)
{
	return w ? w->f.writer->name : NULL;
}

const char *galley_writer_extension(const galley_writer *w)
{
	return w ? w->f.ext : NULL;
}

int galley_writer_is_binary(const galley_writer *w)
{
	return w && (w->f.writer->flags & GALLEY_WRITER_BINARY) != 0;
}

int galley_writer_takes_many(const galley_writer *w)
{
	return w && (w->f.writer->flags & GALLEY_WRITER_MANY) != 0;
}

int galley_read(galley_context *ctx, const galley_reader *r, const char *data, size_t len, galley_node **out)
{
	galley_builder *b;
	long max_mib;
	int rc;

	if (!out)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_read: no output");
	*out = NULL;
	if (!r)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_read: no reader");
	if (!data && len)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_read: no data");
	max_mib = galley_context_option_long(ctx, "max-input-size", GALLEY_DEFAULT_MAX_INPUT_SIZE);
	if (max_mib > 0 && len / 1048576 >= (size_t)max_mib && len - (size_t)max_mib * 1048576 > 0)
		return galley_error(ctx, GALLEY_EINVAL,
			"the input is %zu MiB, over the max-input-size limit of %ld MiB (raise it with -O max-input-size=MIB)",
			(len + 1048575) / 1048576, max_mib);
	if (!(b = galley_builder_new(ctx)))
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	galley_error_clear(ctx);
	rc = r->f.reader->read(ctx, b, data ? data : "", len, r->f.reader->payload);
	if (rc >= 0)
		rc = galley_builder_finish(b, out);
	if (rc < 0 && galley_context_error_code(ctx) == 0)
		/* A reader that failed without saying why still gets a message. */
		galley_error(ctx, rc, "the %s reader failed", r->f.reader->name);
	galley_builder_free(b);
	return rc < 0 ? (galley_context_error_code(ctx) < 0 ? galley_context_error_code(ctx) : rc) : 0;
}

int galley_write(galley_context *ctx, const galley_writer *w, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out)
{
	size_t before, i;
	int rc;

	if (!w || !out || !docs || !ndocs)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_write: nothing to write");
	if (ndocs > 1 && !galley_writer_takes_many(w))
		return galley_error(ctx, GALLEY_EUSAGE, "the %s writer takes one document, not %zu",
			w->f.writer->name, ndocs);
	for (i = 0; i < ndocs; i++)
		if (!docs[i] || galley_node_get_type(docs[i]) != GALLEY_NODE_DOCUMENT)
			return galley_error(ctx, GALLEY_EUSAGE, "galley_write: not a document");
	before = out->len;
	galley_error_clear(ctx);
	galley__output_begin(ctx, out);
	rc = w->f.writer->write(ctx, w->f.name, docs, ndocs, out, w->f.writer->payload);
	if (rc >= 0 && out->oom)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	{
		/* a sink's failure outranks what the writer made of it */
		int sink = galley__output_end(ctx, out, rc >= 0);
		if (sink < 0)
			rc = sink;
	}
	if (rc < 0) {
		if (galley_context_error_code(ctx) == 0)
			galley_error(ctx, rc, "the %s writer failed", w->f.writer->name);
		/* Leave out as it was: a failed writer's half output is worthless. */
		galley_buffer_truncate(out, before);
		return galley_context_error_code(ctx) < 0 ? galley_context_error_code(ctx) : rc;
	}
	return 0;
}
