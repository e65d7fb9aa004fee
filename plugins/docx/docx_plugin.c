/* docx_plugin.c — registers the DOCX writer with galley; the writer is the
 * docx code library (docx.c, docx_package.c, docx_reference.c, docx_value.c). */
#include "docx.h"

/* Besides the core's data-dir (which overrides formats/docx/): a reference
 * document to take the styles and page setup from (--reference-doc). */
static const galley_option_desc S_options[] = {
	{"reference-doc", GALLEY_OPTION_STRING, "FILE",
		"take styles, numbering, page setup, headers, footers, fonts and theme from FILE.docx", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "docx", NULL, "docx", "Word document (Office Open XML, ECMA-376 transitional)",
	GALLEY_WRITER_BINARY, docx_write, NULL, S_options, {0}};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("docx", GALLEY_VERSION_STRING, "MIT", "DOCX (WordprocessingML) writer", S_init);
