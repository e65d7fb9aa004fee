/* fuzz_tei.c — fuzz target for the TEI writer: whatever tree the json reader
 * builds from the input is written as TEI, which libxml2 parses back without
 * a single error, and writing again gives the very same bytes. Validity
 * against tei_all needs jing: tei_valid.sh checks a grown corpus afterwards. */
#include <libxml/parser.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "../../plugins/tei/tei.h"

static int S_errors;

static void S_on_error(void *user, xmlErrorPtr error)
{
	(void)user;
	if (error->level >= XML_ERR_ERROR)
		S_errors++;
}

static void S_check_xml(const galley_buffer *out)
{
	xmlDocPtr xml;

	if (out->len > (size_t)INT32_MAX)
		abort();
	S_errors = 0;
	xmlSetStructuredErrorFunc(NULL, S_on_error);
	xml = xmlReadMemory(out->data, (int)out->len, "fuzz.tei.xml", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!xml || S_errors)
		abort();
	xmlFreeDoc(xml);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	galley_context *ctx = galley_context_new();
	galley_node *doc;

	if (!ctx)
		abort();
	if (fuzz_read_json(ctx, data, size, &doc) == 0) {
		fuzz_write_twice(ctx, tei_write, "tei", doc, S_check_xml);
		galley_node_free(doc);
	}
	galley_context_free(ctx);
	return 0;
}
