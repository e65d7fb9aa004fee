/* galley/sys/options.h — how a reader, writer or filter declares the -O
 * options it reads (galley_option_desc is in galley.h). */
#ifndef GALLEY_SYS_OPTIONS_H
#define GALLEY_SYS_OPTIONS_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Options. A reader or writer lists the -O keys it reads in `options`, a
 * static const table of galley_option_desc (galley.h) ended by an entry
 * whose key is NULL:
 *   static const galley_option_desc S_options[] = {
 *       {"wrap", GALLEY_OPTION_INT, "none|auto", "wrap at N columns", 0, 1000},
 *       {"front-matter", GALLEY_OPTION_BOOL, NULL, "write the metadata block", 0, 0},
 *       GALLEY_OPTIONS_END};
 * The command line then refuses a key that neither the reader, the writer
 * nor the core (galley_core_options(): data-dir) declares, and a value the
 * declaration refuses, before any conversion runs: a plugin reads only
 * values its table allows. An empty table (first key NULL) takes no
 * options. A NULL `options` declares nothing: the options of a job with such a reader or writer are
 * let through unchecked, since any key may be its. Registration refuses a
 * malformed table: an empty key or one with '=' or spaces, a key given
 * twice or one the core declares, an unknown type, an ENUM without
 * values, an INT whose min is above its max. */

#define GALLEY_OPTIONS_END {NULL, 0, NULL, NULL, 0, 0}

#ifdef __cplusplus
}
#endif
#endif
