/* fuzz_json.c — fuzz target for the json reader and writer: any input is
 * either refused with a message that names a JSON path, or read into a tree
 * whose JSON reads back and writes again to the very same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "json_plugin.h"

/* Read, then write; 0, or the reader's/writer's code. */
static int S_convert(const char *data, size_t size, galley_buffer *out, galley_context *ctx)
{
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc = NULL;
	int rc;

	if (!b)
		abort();
	rc = json_read(ctx, b, data, size, NULL);
	if (rc == 0)
		rc = galley_builder_finish(b, &doc);
	galley_builder_free(b);
	if (rc == 0) {
		fuzz_write_all(ctx, doc);
		rc = json_write(ctx, "json", (const galley_node *const *)&doc, 1, out, NULL);
		galley_node_free(doc);
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	galley_context *ctx = galley_context_new();
	galley_buffer once = GALLEY_BUFFER_INIT, twice = GALLEY_BUFFER_INIT;
	int rc;

	if (!ctx)
		abort();
	rc = S_convert((const char *)data, size, &once, ctx);
	if (rc == 0) {
		/* galley's own output is a fixed point */
		if (S_convert(once.data, once.len, &twice, ctx) != 0)
			abort();
		if (twice.len != once.len || memcmp(twice.data, once.data, once.len) != 0)
			abort();
	} else if (rc == GALLEY_EINVAL) {
		/* every refusal says where, but binary input (NUL in the first
		 * 4 KiB) and a named limit, which concern the whole input */
		const char *msg = galley_context_error(ctx);
		if (msg[0] != '$' && strcmp(msg, "binary data, not JSON") != 0 && !strstr(msg, " limit"))
			abort();
	} else if (rc != GALLEY_ENOMEM) {
		abort();
	}
	galley_buffer_dispose(&once);
	galley_buffer_dispose(&twice);
	galley_context_free(ctx);
	return 0;
}
