/* epub_plugin.c — registers the EPUB 3 writer with galley; the writer is the
 * epub code library (epub.c, epub_xhtml.c, epub_util.c). */
#include "epub.h"

static const galley_option_desc S_options[] = {
	{"css", GALLEY_OPTION_STRING, "FILE", "use FILE as the stylesheet instead of the default one", 0, 0},
	{"split", GALLEY_OPTION_INT, "none", "split a release longer than N bytes of text into files at its level-1 headings (default 65536)", 0, 1000000000},
	{"compress", GALLEY_OPTION_BOOL, NULL, "deflate the package's entries (default true; false stores them)", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "epub", NULL, "epub", "EPUB 3 (with an NCX for EPUB 2 readers); several inputs make one book",
	GALLEY_WRITER_BINARY | GALLEY_WRITER_MANY, epub_write, NULL, S_options, {0}};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("epub", GALLEY_VERSION_STRING, "MIT", "EPUB 3 writer", S_init);
