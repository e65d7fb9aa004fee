/* text_plugin.c — registers the text reader with galley; the reader is the
 * text code library (text_read.c and the passes it calls). */
#include "text_read.h"

static const galley_option_desc S_options[] = {
	{"charset", GALLEY_OPTION_STRING, "CHARSET",
		"the input's charset, weighed as a label (a BOM or bytes that contradict it win)", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "text", "txt,plain", "txt,text",
	"plain text; recognises a press release (title, date, numbered paragraphs, site chrome)",
	text_probe, text_read, NULL, S_options, {0}
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_reader(reg, &S_reader);
}

GALLEY_PLUGIN_DEFINE("text", "0.1.0", "MIT", "Plain-text releases", S_init);
