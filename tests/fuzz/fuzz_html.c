/* fuzz_html.c — fuzz target for the html reader: any bytes give either a
 * tree whose every node may sit where it is, or an error with a message;
 * never a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "../../plugins/html/html_internal.h"

/* A refusal the reader may give: out of memory, or a limit named in its
 * message. Anything else of text (valid UTF-8, no NUL) is a finding: every
 * page is HTML, the parser recovers, the reader must too. */
static int S_refusal_allowed(galley_context *ctx, int rc, const uint8_t *data, size_t size)
{
	const char *msg = galley_context_error(ctx);
	if (rc == GALLEY_ENOMEM || strstr(msg, "limit") != NULL)
		return 1;
	return !fuzz_utf8_valid((const char *)data, size) || memchr(data, '\0', size) != NULL;
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
		fuzz_check_tree(doc);
		fuzz_write_all(ctx, doc);
		galley_node_free(doc);
	} else if (galley_context_error(ctx)[0] == '\0') {
		abort(); /* a failure always says why */
	} else if (!S_refusal_allowed(ctx, rc, data, size)) {
		abort(); /* a page of text refused */
	}
	galley_context_free(ctx);
	return 0;
}
