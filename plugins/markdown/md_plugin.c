/* md_plugin.c — registers the Markdown writer ("markdown", aliases "md" and
 * "gfm") with galley. */
#include "md.h"

/* What md_write() reads; md_write() still parses them, for callers that
 * set options without galley_check_options(). */
static const galley_option_desc S_options[] = {
	{"wrap", GALLEY_OPTION_INT, "none|preserve|auto",
		"wrap at N columns; none or 0: one paragraph a line (default); preserve: keep the tree's line breaks; auto: 72",
		0, 100000},
	{"front-matter", GALLEY_OPTION_BOOL, NULL, "write the YAML metadata block (default true)", 0, 0},
	{"flavor", GALLEY_OPTION_ENUM, "commonmark|gfm", "gfm adds pipe tables and footnotes, as -t gfm does", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_writer_desc S_markdown = {
	GALLEY_WRITER_VERSION,
	"markdown",
	"md,gfm",
	"md,markdown",
	"CommonMark with YAML front matter (gfm: GitHub pipe tables and footnotes)",
	0,
	md_write,
	NULL,
	S_options,
	{0},
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_markdown);
}

GALLEY_PLUGIN_DEFINE("markdown", "0.1.0", "MIT", "Markdown writer (CommonMark, GFM)", S_init);
