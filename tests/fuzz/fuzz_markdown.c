/* fuzz_markdown.c — fuzz target for the markdown writer: whatever tree the
 * json reader builds from the input is written as CommonMark and as GFM,
 * with front matter, unwrapped and wrapped at 40 columns; the output is
 * valid UTF-8 and writing it again gives the very same bytes. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "md.h"

static void S_write(galley_context *ctx, const char *name, galley_node *doc, galley_buffer *out)
{
	int rc = md_write(ctx, name, &doc, 1, out, NULL);
	if (rc == GALLEY_ENOMEM)
		return;
	if (rc != 0)
		abort(); /* any tree the reader accepts can be written */
	if (!fuzz_utf8_valid(out->data, out->len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"markdown", "gfm"};
	static const char *const wraps[] = {"none", "40"};
	galley_context *ctx = galley_context_new();
	galley_node *doc;
	size_t i, j;

	if (!ctx)
		abort();
	if (fuzz_read_json(ctx, data, size, &doc) == 0) {
		galley_context_set_option(ctx, "front-matter", "on");
		for (i = 0; i < 2; i++) {
			for (j = 0; j < 2; j++) {
				galley_buffer once = GALLEY_BUFFER_INIT, twice = GALLEY_BUFFER_INIT;
				galley_context_set_option(ctx, "wrap", wraps[j]);
				S_write(ctx, names[i], doc, &once);
				S_write(ctx, names[i], doc, &twice);
				if (once.len != twice.len || (once.len && memcmp(once.data, twice.data, once.len) != 0))
					abort();
				galley_buffer_dispose(&once);
				galley_buffer_dispose(&twice);
			}
		}
		galley_node_free(doc);
	}
	galley_context_free(ctx);
	return 0;
}
