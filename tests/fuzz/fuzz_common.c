/* fuzz_common.c — helpers shared by the fuzz targets (see fuzz_common.h). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "json_plugin.h"
#ifdef FUZZ_ALL_WRITERS
#include "docx.h"
#include "epub.h"
#include "md.h"
#include "tei.h"
#endif

int fuzz_read_json(galley_context *ctx, const uint8_t *data, size_t size, galley_node **doc)
{
	galley_builder *b = galley_builder_new(ctx);
	int rc;

	*doc = NULL;
	if (!b)
		abort();
	rc = json_read(ctx, b, (const char *)data, size, NULL);
	if (rc == 0)
		rc = galley_builder_finish(b, doc);
	galley_builder_free(b);
	return rc;
}

int fuzz_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		unsigned cp, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

static void S_check_string(const char *s)
{
	if (s && !fuzz_utf8_valid(s, strlen(s)))
		abort();
}

static void S_check_node(galley_node *n)
{
	size_t i;

	if (galley_node_get_text(n) &&
	    !fuzz_utf8_valid(galley_node_get_text(n), galley_node_get_text_len(n)))
		abort();
	S_check_string(galley_node_get_url(n));
	S_check_string(galley_node_get_alt(n));
	S_check_string(galley_node_get_title(n));
	S_check_string(galley_node_get_language(n));
	S_check_string(galley_node_get_role(n));
	S_check_string(galley_node_get_id(n));
	for (i = 0; i < galley_node_class_count(n); i++)
		S_check_string(galley_node_class_at(n, i));
	for (i = 0; i < galley_node_kv_count(n); i++) {
		S_check_string(galley_node_kv_key(n, i));
		S_check_string(galley_node_kv_value(n, i));
	}
	for (galley_node *c = galley_node_first_child(n); c != NULL; c = galley_node_next(c)) {
		if (!galley_node_can_contain(galley_node_get_type(n), galley_node_get_type(c)))
			abort();
		S_check_node(c);
	}
}

void fuzz_check_tree(galley_node *doc)
{
	const galley_meta *meta;
	size_t i, j;

	if (!doc || galley_node_get_type(doc) != GALLEY_NODE_DOCUMENT)
		abort();
	meta = galley_document_meta(doc);
	for (i = 0; i < galley_meta_key_count(meta); i++) {
		const char *key = galley_meta_key_at(meta, i);
		S_check_string(key);
		for (j = 0; j < galley_meta_count(meta, key); j++)
			S_check_string(galley_meta_get_nth(meta, key, j));
	}
	S_check_node(doc);
}

/* One write: any tree the reader accepts can be written. */
static void S_write_once(galley_context *ctx, fuzz_writer_fn write, const char *name, const galley_node *doc,
	void (*check)(const galley_buffer *out), galley_buffer *out)
{
	int rc = write(ctx, name, &doc, 1, out, NULL);
	if (rc == GALLEY_ENOMEM)
		return;
	if (rc != 0 || !fuzz_utf8_valid(out->data, out->len))
		abort();
	if (check)
		check(out);
}

void fuzz_write_twice(galley_context *ctx, fuzz_writer_fn write, const char *name, const galley_node *doc,
	void (*check)(const galley_buffer *out))
{
	galley_buffer once = GALLEY_BUFFER_INIT, twice = GALLEY_BUFFER_INIT;

	S_write_once(ctx, write, name, doc, check, &once);
	S_write_once(ctx, write, name, doc, check, &twice);
	if (once.len != twice.len || (once.len && memcmp(once.data, twice.data, once.len) != 0))
		abort();
	galley_buffer_dispose(&once);
	galley_buffer_dispose(&twice);
}

#ifdef FUZZ_ALL_WRITERS
static void S_binary(galley_context *ctx, fuzz_writer_fn write, const char *name, const galley_node *doc)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	int rc = write(ctx, name, &doc, 1, &out, NULL);
	/* a zip package: "PK" first */
	if (rc != 0 && rc != GALLEY_ENOMEM)
		abort();
	if (rc == 0 && (out.len < 4 || memcmp(out.data, "PK\3\4", 4) != 0))
		abort();
	galley_buffer_dispose(&out);
}

void fuzz_write_all(galley_context *ctx, const galley_node *doc)
{
	static const char *const wraps[] = {"none", "40"};
	galley_buffer js = GALLEY_BUFFER_INIT;
	galley_node *back = NULL;

	galley_context_set_option(ctx, "front-matter", "on");
	for (size_t j = 0; j < 2; j++) {
		galley_context_set_option(ctx, "wrap", wraps[j]);
		fuzz_write_twice(ctx, md_write, "markdown", doc, NULL);
		fuzz_write_twice(ctx, md_write, "gfm", doc, NULL);
	}
	galley_context_set_option(ctx, "wrap", NULL);
	galley_context_set_option(ctx, "front-matter", NULL);
	fuzz_write_twice(ctx, tei_write, "tei", doc, NULL);
	fuzz_write_twice(ctx, json_write, "json", doc, NULL);
	S_binary(ctx, docx_write, "docx", doc);
	S_binary(ctx, epub_write, "epub", doc);
	/* what galley writes it reads */
	if (json_write(ctx, "json", &doc, 1, &js, NULL) == 0) {
		int rc = fuzz_read_json(ctx, (const uint8_t *)js.data, js.len, &back);
		if (rc != 0 && rc != GALLEY_ENOMEM)
			abort();
		galley_node_free(back);
	}
	galley_buffer_dispose(&js);
}
#endif
