/* fuzz_text.c — fuzz target for the text reader: any bytes (any charset,
 * any line ends) give either a tree whose every node may sit where it is and
 * whose every string is UTF-8, or an error with a message; never a crash, a
 * leak or a hang. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "../../plugins/text/text_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b;
	galley_node *doc = NULL;
	int rc;

	if (!ctx || !(b = galley_builder_new(ctx)))
		abort();
	rc = text_read(ctx, b, (const char *)data, size, NULL);
	if (rc == 0)
		rc = galley_builder_finish(b, &doc);
	galley_builder_free(b);
	if (rc == 0) {
		fuzz_check_tree(doc);
		fuzz_write_all(ctx, doc);
		galley_node_free(doc);
	} else if (galley_context_error(ctx)[0] == '\0') {
		abort(); /* a failure always says why */
	}
	galley_context_free(ctx);
	return 0;
}
