/* galley/convert.h — the registry, plugins, lookups, declared options, reading, writing and filters.
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_CONVERT_H
#define GALLEY_PUBLIC_CONVERT_H

#include <galley/meta.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Plugins and conversion                                             */
/* ------------------------------------------------------------------ */

typedef struct galley_reader galley_reader;
typedef struct galley_writer galley_writer;
typedef struct galley_filter galley_filter; /* filters: plugin ABI 2.1 */

/* A registry: create it, add plugin folders, load it once, then share it
 * (read-only) between any number of contexts and threads. */

/** A new, empty registry (it takes a galley_init() reference); NULL on OOM. */
GALLEY_EXTERN galley_registry *galley_registry_new(void);
/** Frees the registry and unloads its plugins: no context may use it any more. */
GALLEY_EXTERN void galley_registry_free(galley_registry *reg);
/** Add a plugin folder, searched before those added later and before the
 * defaults: GALLEY_PLUGIN_PATH, then the built-in folder found beside the
 * libgalley that is loaded (LIBDIR/galley/plugins when installed; the
 * build tree's plugins/ for the library of a build tree). No path is
 * compiled in, and the current folder is never searched. GALLEY_EUSAGE
 * once the registry is loaded. */
GALLEY_EXTERN int galley_registry_add_dir(galley_registry *reg, const char *dir);
/** Load every plugin from the search path, once (a second call does
 * nothing). Plugins that are refused are reported through ctx's log
 * (GALLEY_LOG_WARN) and skipped; ctx (may be NULL) also gets the error
 * when the loader itself fails. Not to be called while other threads use
 * the registry. */
GALLEY_EXTERN int galley_registry_load(galley_registry *reg, galley_context *ctx);
/** Say, before galley_registry_load(), what the run will look up, so that
 * only the plugins that answer it are loaded: kind 0 a reader, 1 a writer,
 * 2 a filter; by `name` (-f, -t, --filter), or else by the `path` whose
 * extension picks it (an input, -o); a reader need whose path no
 * extension answers, and one with neither (standard input), need every
 * reader (the content decides). Which plugins answer comes from a cache of
 * what every plugin file registers (GALLEY_REGISTRY_CACHE names the file,
 * "none" turns it off; else $XDG_CACHE_HOME/galley/ or ~/.cache/galley/,
 * one file per search path), used only when it describes exactly the
 * plugin files (path, size, mtime, ctime, inode) and the libgalley there
 * are now, rebuilt by a full load otherwise, written atomically and never
 * an error when it cannot be. Refused plugins are warned about as a full
 * load would. Without needs, every plugin is loaded (listings). Repeatable;
 * GALLEY_EUSAGE once loaded. */
GALLEY_EXTERN int galley_registry_need(galley_registry *reg, int kind, const char *name, const char *path);
/** galley_registry_need() on the context's own registry. */
GALLEY_EXTERN int galley_plugins_need(galley_context *ctx, int kind, const char *name, const char *path);
/** Make ctx's lookups and listings use reg (borrowed: it must outlive ctx's
 * use of it). NULL detaches. */
GALLEY_EXTERN void galley_context_set_registry(galley_context *ctx, const galley_registry *reg);
/** The registry ctx uses, or NULL. */
GALLEY_EXTERN const galley_registry *galley_context_registry(const galley_context *ctx);

/* The one-context shorthand: the context makes a registry of its own (on
 * first use), freed with it. Programs with several contexts share one
 * registry instead. */
GALLEY_EXTERN int galley_add_plugin_dir(galley_context *ctx, const char *dir);
/** galley_registry_load() on the context's own registry. */
GALLEY_EXTERN int galley_load_plugins(galley_context *ctx);

/* Lookups and listings answer from the context's registry (read-only, so
 * contexts in several threads may ask at once). Readers and writers are
 * borrowed from the registry and valid as long as it is. */

/** Find a reader or writer by name or alias; NULL when none. */
GALLEY_EXTERN const galley_reader *galley_find_reader(galley_context *ctx, const char *name);
GALLEY_EXTERN const galley_writer *galley_find_writer(galley_context *ctx, const char *name);
/** The reader for a file name's extension, or NULL. */
GALLEY_EXTERN const galley_reader *galley_reader_for_path(galley_context *ctx, const char *path);
/** The writer for a file name's extension ("x.tei.xml" -> tei), or NULL. */
GALLEY_EXTERN const galley_writer *galley_writer_for_path(galley_context *ctx, const char *path);
/** The reader whose probe scores the bytes highest, or NULL when none claims them. */
GALLEY_EXTERN const galley_reader *galley_reader_probe(galley_context *ctx, const char *data, size_t len);

GALLEY_EXTERN const char *galley_reader_name(const galley_reader *r);
GALLEY_EXTERN const char *galley_writer_name(const galley_writer *w);
/** The extension a writer's outputs are named with ("md", "tei.xml"): the
 * first of its descriptor's extensions. */
GALLEY_EXTERN const char *galley_writer_extension(const galley_writer *w);
GALLEY_EXTERN int galley_writer_is_binary(const galley_writer *w);
GALLEY_EXTERN int galley_writer_takes_many(const galley_writer *w);

/** The options a reader or writer declares (NULL-terminated), or NULL when
 * it declares nothing (a plugin older than ABI 1.1 or one that chose not
 * to): its options are then not checked. */
GALLEY_EXTERN const galley_option_desc *galley_reader_options(const galley_reader *r);
GALLEY_EXTERN const galley_option_desc *galley_writer_options(const galley_writer *w);
/** Check every option set on ctx against the job's reader and writer (either
 * may be NULL when the job has none, e.g. only reading) and the core's own
 * (galley_core_options()): a key none of them declares is GALLEY_EUSAGE
 * "unknown option 'wrapp' (did you mean 'wrap'? text reader: charset;
 * markdown writer: wrap, front-matter, flavor; any format: data-dir)"
 * (the suggestion when a declared key is a likely typo), a value its declaration
 * refuses is GALLEY_EUSAGE from galley_option_check(). When the reader or
 * the writer declares nothing (galley_*_options() is NULL) a key may be
 * its, so unknown keys are let through; values of declared keys are still
 * checked. galley_read() and galley_write() do not call this: a program
 * calls it once it knows both ends of the job. */
GALLEY_EXTERN int galley_check_options(galley_context *ctx, const galley_reader *r, const galley_writer *w);
/** Append what opt accepts, as listings show it: "none|preserve|auto|N",
 * "true|false", "commonmark|gfm", "DIR". */
GALLEY_EXTERN int galley_option_describe(const galley_option_desc *opt, galley_buffer *out);

/** Read bytes into a document (owned by the caller through out). */
GALLEY_EXTERN int galley_read(galley_context *ctx, const galley_reader *r,
	const char *data, size_t len, galley_node **out);
/** Write one or more documents; bytes are appended to out. Writers do not
 * change the documents, so one tree can be written to several formats at
 * once, from several threads (each with its own context). In C a
 * `galley_node **` array needs a cast to be passed here; one document is
 * `const galley_node *d = doc;` then `&d`. */
GALLEY_EXTERN int galley_write(galley_context *ctx, const galley_writer *w,
	const galley_node *const *docs, size_t ndocs, galley_buffer *out);

/** The i-th reader (writers = 0), writer (writers = 1) or filter
 * (writers = 2) name, aliases included as names of their own, in load
 * order; NULL past the end. */
GALLEY_EXTERN const char *galley_format_name_at(galley_context *ctx, int writers, size_t i);
/** How many plugins were loaded (refused ones are not counted). */
GALLEY_EXTERN size_t galley_plugin_count(galley_context *ctx);
/** The i-th loaded plugin: its name, version and the path of its shared
 * object (borrowed; any may be NULL), and "reader:x,writer:y" appended to
 * formats (may be NULL). GALLEY_ENOTFOUND past the end. */
GALLEY_EXTERN int galley_plugin_info(galley_context *ctx, size_t i, const char **name, const char **version,
	const char **path, galley_buffer *formats);

/** How many plugins were refused (a file that would not open, a wrong ABI,
 * a failed init or registration...). */
GALLEY_EXTERN size_t galley_refused_plugin_count(galley_context *ctx);
/** The i-th refused plugin: its path and the reason (borrowed; either may
 * be NULL), as the load warned. GALLEY_ENOTFOUND past the end. */
GALLEY_EXTERN int galley_refused_plugin_info(galley_context *ctx, size_t i, const char **path, const char **reason);
/** Describe the loaded plugin called `name` (its descriptor's name, or the
 * name of a reader, writer or filter it registers): "key: value" lines
 * (name, version, license, description, abi, path), then each reader,
 * writer and filter with its description, aliases, extensions and
 * declared options, appended to out. GALLEY_ENOTFOUND when none. */
GALLEY_EXTERN int galley_plugin_describe(galley_context *ctx, const char *name, galley_buffer *out);

/* ------------------------------------------------------------------ */
/* Filters: documents changed between reading and writing             */
/* ------------------------------------------------------------------ */

/** Find a filter plugin by name; NULL when none. */
GALLEY_EXTERN const galley_filter *galley_find_filter(galley_context *ctx, const char *name);
GALLEY_EXTERN const char *galley_filter_name(const galley_filter *f);
/** The options a filter declares, or NULL when it declares nothing. */
GALLEY_EXTERN const galley_option_desc *galley_filter_options(const galley_filter *f);
/** Run a filter plugin on *doc, which it may change or replace (the
 * caller owns *doc in every case, success or not). */
GALLEY_EXTERN int galley_filter_apply(galley_context *ctx, const galley_filter *f, galley_node **doc);
/** Run one filter named as on the command line: a name without '/' is a
 * filter plugin; a spec with a '/' ("./x.py", "/usr/bin/f") is a program,
 * run without a shell, that gets the document in the JSON form on its
 * standard input and writes the changed document in the same form on its
 * standard output (its standard error is galley's). The program fails
 * with a non-zero exit status, a signal, output that is not the JSON form,
 * or by running longer than the "filter-timeout" option (seconds, default
 * 60; 0 waits forever): GALLEY_EINVAL, the message naming it. Needs the
 * json reader and writer in the registry. On success *doc is replaced. */
GALLEY_EXTERN int galley_run_filter(galley_context *ctx, const char *spec, galley_node **doc);
/** Check that spec names a filter: a plugin that exists, or a program
 * (a path with '/') that is an executable file. 0, or GALLEY_EUSAGE with
 * the message set. */
GALLEY_EXTERN int galley_filter_check(galley_context *ctx, const char *spec);
/** galley_check_options() for a job that also runs filters: a key any of
 * the filter plugins among specs[0..nspecs) declares is theirs (programs
 * take no -O options). */
GALLEY_EXTERN int galley_check_job_options(galley_context *ctx, const galley_reader *r, const galley_writer *w,
	const char *const *specs, size_t nspecs);

#ifdef __cplusplus
}
#endif
#endif
