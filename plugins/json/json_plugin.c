/* json_plugin.c — registers the reader and the writer of galley's JSON form
 * of the tree; both are the json code library (json_read.c, json_write.c). */
#include "json_plugin.h"

/* Takes no options of its own (only the core's, such as data-dir). */
static const galley_option_desc S_no_options[] = {GALLEY_OPTIONS_END};

static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "json", NULL, "json",
	"galley's JSON form of the document tree",
	json_probe, json_read, NULL, S_no_options, {0}
};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "json", NULL, "json",
	"galley's JSON form of the document tree",
	0, json_write, NULL, S_no_options, {0}
};

static int S_init(galley_registry *reg)
{
	int rc = galley_registry_add_reader(reg, &S_reader);

	if (rc < 0)
		return rc;
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("json", "0.1.0", "MIT", "JSON form of the document tree (jansson)", S_init);
