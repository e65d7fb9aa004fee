/* plugin.h — the plugin SDK: the descriptor a plugin exports, the reader
 * and writer structs it registers, and the services the core offers them
 * (XML writing, zip packages, charsets, language).
 *
 * The rule for plugin authors: no mutable state outside the call. A
 * registry is loaded once and then shared by any number of threads, each
 * converting with its own context, so a plugin's probe, read and write may
 * run concurrently, on one tree too (writers get it const and must not
 * change it). Keep everything a conversion needs in locals or in memory
 * the call allocates; no non-const `static` or global variables, no
 * caches; descriptors and tables are `static const`. Never change
 * process-wide library state (setlocale, umask, signal handlers, libxml2's
 * global error handlers or xmlCleanupParser, lt_dl* search paths): galley
 * initialises libxml2 and libltdl itself (galley_init()). Report through
 * the context (galley_error, galley_log), never to stderr. Data a plugin
 * must build once goes behind pthread_once and is read-only afterwards. */
#ifndef GALLEY_PLUGIN_H
#define GALLEY_PLUGIN_H

/* The SDK, one header per concern (each compiles alone):
 *   galley/sys/descriptor.h  the ABI, the descriptor, GALLEY_PLUGIN_DEFINE
 *   galley/sys/options.h     declared -O options
 *   galley/sys/reader.h      galley_reader_desc
 *   galley/sys/writer.h      galley_writer_desc
 *   galley/sys/filter.h      galley_filter_desc (ABI 2.1)
 *   galley/sys/xml.h         service: XML writing
 *   galley/sys/zip.h         service: zip packages (written and read)
 *   galley/sys/image.h       service: images to embed
 *   galley/sys/formatdata.h  service: format data files
 *   galley/sys/text.h        service: UTF-8, charsets, language
 * This header includes them all. */
#include <galley/galley.h>
#include <galley/sys/descriptor.h>
#include <galley/sys/options.h>
#include <galley/sys/reader.h>
#include <galley/sys/writer.h>
#include <galley/sys/filter.h>
#include <galley/sys/xml.h>
#include <galley/sys/zip.h>
#include <galley/sys/image.h>
#include <galley/sys/formatdata.h>
#include <galley/sys/text.h>

#endif
