/* tei_plugin.c — registers the TEI P5 writer with galley; the writer is the
 * tei code library (tei.c, tei_value.c). */
#include "tei.h"

/* Takes no options of its own (only the core's, such as data-dir). */
static const galley_option_desc S_no_options[] = {GALLEY_OPTIONS_END};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "tei", NULL, "tei.xml", "TEI P5 XML (valid against tei_all)", 0,
	tei_write, NULL, S_no_options, {0}};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("tei", GALLEY_VERSION_STRING, "MIT", "TEI P5 writer", S_init);
