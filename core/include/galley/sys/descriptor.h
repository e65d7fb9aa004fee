/* galley/sys/descriptor.h — the plugin ABI and the descriptor every plugin
 * exports (GALLEY_PLUGIN_DEFINE). See galley-plugin(7) / docs/PLUGINS.md. */
#ifndef GALLEY_SYS_DESCRIPTOR_H
#define GALLEY_SYS_DESCRIPTOR_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI. The major changes when a descriptor or callback changes
 * incompatibly; a plugin built for another major is refused before any of
 * its code runs. A newer minor only adds at the end (reserved slots): a
 * galley takes plugins of its own minor and older ones, and refuses a
 * plugin built for a newer minor, whose fields it would not read.
 *   1.0: galley 0.1.
 *   2.0: the services changed signatures (galley_to_utf8 and
 *        galley_detect_language take their output's size,
 *        galley_xml_writer_new the context), the release heuristics left
 *        the SDK for the readers' own library, writers get const trees, and
 *        galley_reader_desc / galley_writer_desc have `options` in the
 *        first of their 1.0 reserved slots (NULL: "declares nothing"). A
 *        1.0 plugin calling a changed service would misbehave, so it is
 *        refused. A source that fills a descriptor by position, ending in
 *        `payload, {0}`, still builds and declares nothing, but compilers
 *        warn about braces around `options`: write `payload, NULL, {0}`
 *        (or `S_options, {0}`), or name the fields (.write = ...).
 *   2.1: filters (galley/sys/filter.h: galley_filter_desc and
 *        galley_registry_add_filter()). A 2.0 plugin loads unchanged; a
 *        plugin built for 2.1 is refused by a 2.0 galley.
 *   2.2: galley_writer_flush() (sys/writer.h), for writers that stream
 *        their output. A 2.1 plugin loads unchanged. */
#define GALLEY_PLUGIN_ABI_MAJOR 2
#define GALLEY_PLUGIN_ABI_MINOR 2

/* The symbol every plugin exports (see GALLEY_PLUGIN_DEFINE). */
#define GALLEY_PLUGIN_SYMBOL "galley_plugin_descriptor"

/* The descriptor. abi_major/abi_minor come first and never move. */
typedef struct galley_plugin_desc {
	unsigned int abi_major;
	unsigned int abi_minor;
	const char *name;
	const char *version;
	const char *license;
	const char *description;
	int (*init)(galley_registry *reg); /* registers readers/writers; 0 or negative */
	void *reserved[8];
} galley_plugin_desc;

#if defined(__GNUC__)
#define GALLEY_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define GALLEY_PLUGIN_EXPORT
#endif

/* In exactly one source file of a plugin:
 *   GALLEY_PLUGIN_DEFINE("text", "0.1.0", "MIT", "Plain-text releases", S_init)
 */
#define GALLEY_PLUGIN_DEFINE(name_, version_, license_, desc_, init_) \
	GALLEY_PLUGIN_EXPORT const galley_plugin_desc galley_plugin_descriptor = { \
		GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR, name_, version_, license_, desc_, init_, {0} }

/** The context of the load in progress (for messages from init); NULL
 * outside galley_registry_load(). */
GALLEY_EXTERN galley_context *galley_registry_context(galley_registry *reg);

#ifdef __cplusplus
}
#endif
#endif
