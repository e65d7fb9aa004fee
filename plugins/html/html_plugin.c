/* html_plugin.c — registers the HTML reader with galley; the reader itself
 * is the html code library (html.c and the files it calls). */
#include "html_internal.h"

static int S_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	(void)payload;
	return html_read(ctx, b, data, len);
}

/* Takes no options of its own (only the core's, such as data-dir). */
static const galley_option_desc S_no_options[] = {GALLEY_OPTIONS_END};

static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "html", "htm,xhtml", "html,htm,xhtml",
	"web pages: the release in the page, its metadata, any charset",
	html_probe, S_read, NULL, S_no_options, {0}
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_reader(reg, &S_reader);
}

GALLEY_PLUGIN_DEFINE("html", "0.1.0", "MIT", "HTML reader (libxml2 parser, readability-style extraction)", S_init);
