/* mdcheck.h — shared by the markdown tests: a canonical form of a document's
 * structure and text, computed from a galley tree and from `cmark -t xml`,
 * so the two can be compared. */
#ifndef GALLEY_MDCHECK_H
#define GALLEY_MDCHECK_H

#include <galley/galley.h>

/** The canonical form of a galley tree (blocks, inlines, text). */
int mdcheck_tree(galley_node *doc, galley_buffer *out);
/** Run `argv0 ... -t xml` (cmark or cmark-gfm) over markdown and write the
 * canonical form of what it parsed. Returns 0, or -1 when the program
 * could not be run. */
int mdcheck_cmark(const char *cmd, const char *markdown, size_t len, galley_buffer *out);
/** Render doc with the markdown writer (name "markdown" or "gfm"; wrap may be NULL). */
int mdcheck_render(galley_node *doc, const char *name, const char *wrap, int front_matter, galley_buffer *out);
/** Markdown without its YAML front matter. */
const char *mdcheck_body(const char *md);

#endif
