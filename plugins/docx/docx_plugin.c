/* docx_plugin.c — registers the DOCX writer with galley; the writer is the
 * docx code library (docx.c, docx_package.c, docx_value.c). */
#include "docx.h"

/* Takes no options of its own (only the core's data-dir, which overrides
 * formats/docx/). */
static const galley_option_desc S_no_options[] = {GALLEY_OPTIONS_END};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "docx", NULL, "docx", "Word document (Office Open XML, ECMA-376 transitional)",
	GALLEY_WRITER_BINARY, docx_write, NULL, S_no_options, {0}};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("docx", GALLEY_VERSION_STRING, "MIT", "DOCX (WordprocessingML) writer", S_init);
