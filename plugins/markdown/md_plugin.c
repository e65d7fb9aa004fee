/* md_plugin.c — registers the Markdown writer ("markdown", aliases "md" and
 * "gfm") with galley. */
#include "md.h"

static const galley_writer_desc S_markdown = {
	GALLEY_WRITER_VERSION,
	"markdown",
	"md,gfm",
	"md,markdown",
	"CommonMark with YAML front matter (gfm: GitHub pipe tables and footnotes)",
	0,
	md_write,
	NULL,
	{0},
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_markdown);
}

GALLEY_PLUGIN_DEFINE("markdown", "0.1.0", "MIT", "Markdown writer (CommonMark, GFM)", S_init);
