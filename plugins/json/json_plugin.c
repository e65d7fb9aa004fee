/* json_plugin.c — the json plugin's descriptor: it registers the reader and
 * the writer for galley's JSON form (INTERFACE.md) and sniffs JSON input. */
#include <string.h>

#include "json_plugin.h"

int galley_json_probe(const char *data, size_t len)
{
	static const char key[] = "\"galley-ir\"";
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i >= len || data[i] != '{')
		return 0;
	/* Any JSON object might be ours; one that names our key certainly is. */
	for (; i + sizeof key - 1 <= len; i++) {
		if (memcmp(data + i, key, sizeof key - 1) == 0)
			return 95;
	}
	return 20;
}

static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "json", NULL, "json",
	"galley's JSON form of the document tree",
	galley_json_probe, galley_json_read, NULL, {0}
};

static const galley_writer_desc S_writer = {
	GALLEY_WRITER_VERSION, "json", NULL, "json",
	"galley's JSON form of the document tree",
	0, galley_json_write, NULL, {0}
};

static int S_init(galley_registry *reg)
{
	int rc = galley_registry_add_reader(reg, &S_reader);

	if (rc < 0)
		return rc;
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("json", "0.1.0", "MIT", "JSON form of the document tree (jansson)", S_init);
