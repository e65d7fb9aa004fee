/* galley.h — the public API of libgalley: contexts and errors, the document
 * tree, its builder and iterator, metadata, buffers and the conversion calls.
 * Plugin authors also include <galley/plugin.h>.
 *
 * One header per concern, each usable alone:
 *   galley/common.h   export macros, version, errors, the context, the allocator
 *   galley/buffer.h   galley_buffer
 *   galley/tree.h     the document tree and its editing API
 *   galley/meta.h     metadata
 *   galley/builder.h  building a tree (readers)
 *   galley/iter.h     walking a tree (writers)
 *   galley/convert.h  the registry, lookups, options, reading, writing, filters
 * This header includes them all. */
#ifndef GALLEY_H
#define GALLEY_H

#include <galley/common.h>
#include <galley/buffer.h>
#include <galley/tree.h>
#include <galley/meta.h>
#include <galley/builder.h>
#include <galley/iter.h>
#include <galley/convert.h>

#endif
