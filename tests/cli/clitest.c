/* clitest.c — a test-only plugin for the command-line and loader tests:
 * a "lines" reader (one paragraph a line; fails on a line saying FAIL) and
 * small writers that exercise every writer flag and the core services.
 * "opts" declares an option of each type; the others declare nothing, as
 * plugins older than ABI 1.1 do, so their options are not checked.
 * Built with -DCLITEST_SECOND it is "clitest2", with one writer "second". */
#define _GNU_SOURCE /* memmem */
#include <galley/plugin.h>

#include <string.h>

#ifndef CLITEST_SECOND

static int S_probe(const char *data, size_t len)
{
	return len >= 6 && memcmp(data, "LINES\n", 6) == 0 ? 60 : 0;
}

static int S_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	size_t i = 0, lineno = 0;
	int rc;
	(void)payload;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
		lineno++;
		if (n >= 4 && memmem(data + i, n, "FAIL", 4))
			return galley_error(ctx, GALLEY_EINVAL, "line %zu says FAIL", lineno);
		if (n && !(lineno == 1 && n == 5 && memcmp(data, "LINES", 5) == 0)) {
			if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0 ||
				(rc = galley_builder_text(b, data + i, n)) < 0 || (rc = galley_builder_leave(b)) < 0)
				return rc;
		}
		i += n + 1;
	}
	return 0;
}

/* One line per paragraph, after a header naming the writer as asked for
 * and the metadata and options it was given. */
static int S_write_doc(galley_context *ctx, const char *name, const galley_node *doc, galley_buffer *out)
{
	galley_meta *meta = galley_document_meta(doc);
	galley_iter *it = galley_iter_new(doc);
	galley_event_type ev;
	size_t k, j;
	const char *opts[] = {"wrap", "front-matter", "data-dir", "x", "charset", "level", "mode", "strict", "label"};

	if (!it)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	galley_buffer_printf(out, "# %s\n", name);
	for (k = 0; k < galley_meta_key_count(meta); k++) {
		const char *key = galley_meta_key_at(meta, k);
		for (j = 0; j < galley_meta_count(meta, key); j++)
			galley_buffer_printf(out, "@%s=%s\n", key, galley_meta_get_nth(meta, key, j));
	}
	for (k = 0; k < sizeof opts / sizeof *opts; k++)
		if (galley_context_option(ctx, opts[k]))
			galley_buffer_printf(out, "%%%s=%s\n", opts[k], galley_context_option(ctx, opts[k]));
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		switch (galley_node_get_type(n)) {
		case GALLEY_NODE_PARAGRAPH:
			if (ev == GALLEY_EVENT_EXIT)
				galley_buffer_putc(out, '\n');
			break;
		case GALLEY_NODE_TEXT:
			galley_buffer_append(out, galley_node_get_text(n), galley_node_get_text_len(n));
			break;
		default:
			break;
		}
	}
	galley_iter_free(it);
	return out->oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : 0;
}

static int S_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	size_t i;
	int rc;
	(void)payload;
	for (i = 0; i < ndocs; i++) {
		if (i)
			galley_buffer_puts(out, "---\n");
		if ((rc = S_write_doc(ctx, name, docs[i], out)) < 0)
			return rc;
	}
	return 0;
}

static int S_write_pack(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	galley_buffer_append(out, "PACK\0\1\2", 7);
	return S_write(ctx, name, docs, ndocs, out, payload);
}

static int S_write_fail(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	(void)name, (void)docs, (void)ndocs, (void)payload;
	/* 2 MiB first, handed on as it goes (galley_writer_flush): the program
	 * gets pieces of it before the failure (past 1 MiB it spills them to a
	 * temporary file), and must still show none */
	for (int i = 0; i < 49152; i++) {
		galley_buffer_puts(out, "partial output that must never reach a file\n");
		if (galley_writer_flush(ctx, out) < 0)
			return galley_context_error_code(ctx);
	}
	return galley_error(ctx, GALLEY_EINVAL, "this writer always fails");
}

/* An EPUB-like package through the zip service: mimetype first and stored. */
static int S_write_zip(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	galley_buffer body = GALLEY_BUFFER_INIT;
	galley_zip *z = galley_zip_new(ctx);
	int rc;

	if (!z)
		return galley_context_error_code(ctx);
	if ((rc = S_write(ctx, name, docs, ndocs, &body, payload)) < 0 ||
		(rc = galley_zip_add(z, "mimetype", "application/x-clitest", 21, 1)) < 0 ||
		(rc = galley_zip_add(z, "doc/body.txt", body.data, body.len, 0)) < 0) {
		galley_zip_discard(z);
		galley_buffer_dispose(&body);
		return rc;
	}
	galley_buffer_dispose(&body);
	return galley_zip_finish(z, out);
}

static const galley_option_desc S_opts[] = {
	{"level", GALLEY_OPTION_INT, "max", "a level from 1 to 9, or max", 1, 9},
	{"mode", GALLEY_OPTION_ENUM, "fast|slow", "how to go", 0, 0},
	{"strict", GALLEY_OPTION_BOOL, NULL, "refuse what is odd", 0, 0},
	{"label", GALLEY_OPTION_STRING, "TEXT", "any text", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_reader_desc S_lines_reader = {
	GALLEY_READER_VERSION, "lines", "ln", "lines,lns", "one paragraph a line", S_probe, S_read, NULL, NULL, {0}};
static const galley_writer_desc S_writers[] = {
	{GALLEY_WRITER_VERSION, "lines", "ln", "lines", "one paragraph a line", 0, S_write, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "dotted", NULL, "d.lines", "longest-suffix test", 0, S_write, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "pack", NULL, "pack", "binary", GALLEY_WRITER_BINARY, S_write_pack, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "book", NULL, "book", "several documents", GALLEY_WRITER_MANY, S_write, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "failw", NULL, "failw", "always fails", 0, S_write_fail, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "zipw", NULL, "zipw", "zip package", GALLEY_WRITER_BINARY, S_write_zip, NULL, NULL, {0}},
	{GALLEY_WRITER_VERSION, "opts", NULL, "opts", "declares its options", 0, S_write, NULL, S_opts, {0}},
};

static int S_init(galley_registry *reg)
{
	size_t i;
	int rc = galley_registry_add_reader(reg, &S_lines_reader);
	for (i = 0; rc == 0 && i < sizeof S_writers / sizeof *S_writers; i++)
		rc = galley_registry_add_writer(reg, &S_writers[i]);
	return rc;
}

GALLEY_PLUGIN_DEFINE("clitest", "1.2.3", "MIT", "test-only formats", S_init);

#else /* CLITEST_SECOND */

static int S_write2(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	(void)ctx, (void)name, (void)docs, (void)ndocs, (void)payload;
	return galley_buffer_puts(out, "second\n");
}

static const galley_writer_desc S_second = {
	GALLEY_WRITER_VERSION, "second", NULL, "second", "a second plugin", 0, S_write2, NULL, NULL, {0}};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_second);
}

GALLEY_PLUGIN_DEFINE("clitest2", "0.0.1", "MIT", "a second test-only plugin", S_init);

#endif
