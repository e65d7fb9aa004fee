/* fuzz_html.c — fuzz target for the html reader: any bytes give either a
 * tree whose every node may sit where it is, or an error with a message;
 * never a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/html/html_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check_tree(galley_node *n)
{
	for (galley_node *c = galley_node_first_child(n); c != NULL; c = galley_node_next(c)) {
		if (!galley_node_can_contain(galley_node_get_type(n), galley_node_get_type(c)))
			abort();
		S_check_tree(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	galley_context *ctx = galley_context_new();
	if (ctx == NULL)
		abort();
	galley_builder *b = galley_builder_new(ctx);
	if (b == NULL)
		abort();
	galley_node *doc = NULL;
	int rc = html_read(ctx, b, (const char *)data, size);
	if (rc == 0)
		rc = galley_builder_finish(b, &doc);
	galley_builder_free(b);
	if (rc == 0) {
		if (doc == NULL || galley_node_get_type(doc) != GALLEY_NODE_DOCUMENT)
			abort();
		S_check_tree(doc);
		galley_node_free(doc);
	} else if (galley_context_error(ctx)[0] == '\0') {
		abort(); /* a failure always says why */
	}
	galley_context_free(ctx);
	return 0;
}
