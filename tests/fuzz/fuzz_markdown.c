/* fuzz_markdown.c — fuzz target for the markdown writer: whatever tree the
 * json reader builds from the input is written as CommonMark and as GFM,
 * with front matter, unwrapped and wrapped at 40 columns; the output is
 * valid UTF-8 and writing it again gives the very same bytes. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "md.h"

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
				galley_context_set_option(ctx, "wrap", wraps[j]);
				fuzz_write_twice(ctx, md_write, names[i], doc, NULL);
			}
		}
		galley_node_free(doc);
	}
	galley_context_free(ctx);
	return 0;
}
