/* galley/common.h — export macros, the version, errors and the context (options, log), the allocator.
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_COMMON_H
#define GALLEY_PUBLIC_COMMON_H

#include <stddef.h>
#include <stdarg.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GALLEY_EXTERN __attribute__((visibility("default")))
#define GALLEY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define GALLEY_EXTERN
#define GALLEY_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------ */
/* Version                                                            */
/* ------------------------------------------------------------------ */

#define GALLEY_VERSION_MAJOR 0
#define GALLEY_VERSION_MINOR 1
#define GALLEY_VERSION_PATCH 0
#define GALLEY_VERSION_STRING "0.1.0"

/** The version of the library actually linked, "MAJOR.MINOR.PATCH". */
GALLEY_EXTERN const char *galley_version(void);

/* ------------------------------------------------------------------ */
/* Errors and the context                                             */
/* ------------------------------------------------------------------ */

/* Functions that can fail return 0 or one of these (negative). The
 * message lives on the context: galley_context_error(). Values only grow. */
typedef enum {
	GALLEY_OK = 0,
	GALLEY_ERROR = -1,       /* generic failure */
	GALLEY_ENOMEM = -2,      /* out of memory */
	GALLEY_EINVAL = -3,      /* bad or unsupported input (exit 1) */
	GALLEY_EIO = -4,         /* I/O or system error (exit 3) */
	GALLEY_ENOTFOUND = -5,   /* no such format, file, key */
	GALLEY_EUSAGE = -6,      /* the caller asked for something impossible (exit 2) */
	GALLEY_EABI = -7,        /* plugin ABI mismatch */
	GALLEY_ETREE = -8        /* a node may not go there (tree rules) */
} galley_error_code;

/* Log levels for galley_log(). The context prints a message when its
 * verbosity is at least the level. */
typedef enum {
	GALLEY_LOG_ERROR = -1, /* shown unless quiet (verbosity -1 hides warnings only) */
	GALLEY_LOG_WARN = 0,   /* shown by default */
	GALLEY_LOG_INFO = 1,   /* shown with -v */
	GALLEY_LOG_DEBUG = 2   /* shown with -v -v */
} galley_log_level;

typedef struct galley_context galley_context;
typedef struct galley_registry galley_registry;

/* Three lifetimes:
 * - the process: galley_init() once (any thread, any number of times; it is
 *   reference-counted) sets up libxml2 and libltdl, galley_shutdown() drops
 *   a reference. A registry holds one of its own, so programs that never
 *   call them still work; threaded programs call galley_init() in main()
 *   before starting threads.
 * - the registry: the plugins and the readers and writers they register,
 *   loaded once and read-only afterwards, shared by any number of threads.
 * - the context: one per job (per thread at a time), cheap to make: the
 *   last error, options, input name, verbosity and log callback.
 * Nothing in libgalley or its plugins keeps mutable state of its own
 * outside these, and nothing writes to stderr by itself. */

/* Memory. Everything libgalley and its plugins allocate goes through one
 * allocator (as cmark_mem, or libgit2's allocator option): the C library's
 * unless a program sets its own with galley_set_allocator(), once, before
 * any other galley call and before threads start; it is never changed
 * afterwards. Out of memory is an error (GALLEY_ENOMEM), never an abort:
 * every reader and writer is tested failing each allocation in turn.
 * Memory libgalley hands over (galley_buffer_detach) is freed with
 * galley_free(). Libraries galley uses (libxml2, jansson, ...) keep their
 * own allocators. */
typedef struct galley_allocator {
	void *(*calloc)(size_t count, size_t size, void *payload);   /* zeroed; NULL on failure */
	void *(*realloc)(void *ptr, size_t size, void *payload);     /* ptr may be NULL */
	void (*free)(void *ptr, void *payload);                      /* ptr may be NULL */
	void *payload;
} galley_allocator;

/** Use a (copied) allocator, or the C library's again when NULL. Only before
 * any other galley call; GALLEY_EUSAGE when a callback is missing. */
GALLEY_EXTERN int galley_set_allocator(const galley_allocator *alloc);
GALLEY_EXTERN void *galley_malloc(size_t size);
GALLEY_EXTERN void *galley_calloc(size_t count, size_t size); /* NULL when count * size overflows */
GALLEY_EXTERN void *galley_realloc(void *ptr, size_t size);
GALLEY_EXTERN void galley_free(void *ptr);
GALLEY_EXTERN char *galley_strdup(const char *s);           /* NULL for NULL */
GALLEY_EXTERN char *galley_strndup(const char *s, size_t n); /* at most n bytes, NUL-terminated */

/** Set up the process-wide libraries (libxml2's parser, libltdl). Thread-safe
 * and reference-counted; 0 or a negative code. */
GALLEY_EXTERN int galley_init(void);
/** Drop a reference taken by galley_init(); the last one releases libltdl.
 * Call it once nothing of galley is in use any more. */
GALLEY_EXTERN void galley_shutdown(void);

/** A context holds the last error, the verbosity, the name of the input
 * being converted (so messages can name it), the options, the log callback
 * and the registry its lookups use. Use one context per thread at a time. */
GALLEY_EXTERN galley_context *galley_context_new(void);
/** Frees the context (and a registry it made itself with
 * galley_load_plugins(); a registry set with galley_context_set_registry()
 * stays the caller's). */
GALLEY_EXTERN void galley_context_free(galley_context *ctx);

/** The message of the last error set on ctx ("" when none). */
GALLEY_EXTERN const char *galley_context_error(const galley_context *ctx);
/** The code of the last error (0 when none). */
GALLEY_EXTERN int galley_context_error_code(const galley_context *ctx);
/** Record an error and return `code`, so `return galley_error(ctx, GALLEY_EINVAL, "...")` reads well.
 * The message should say what is wrong; the caller (the CLI) adds the input name. */
GALLEY_EXTERN int galley_error(galley_context *ctx, int code, const char *fmt, ...) GALLEY_PRINTF(3, 4);
GALLEY_EXTERN void galley_error_clear(galley_context *ctx);

GALLEY_EXTERN void galley_context_set_verbosity(galley_context *ctx, int verbosity);
GALLEY_EXTERN int galley_context_verbosity(const galley_context *ctx);
/** The name of the input being converted ("-" for standard input); borrowed copy kept. */
GALLEY_EXTERN void galley_context_set_input_name(galley_context *ctx, const char *name);
GALLEY_EXTERN const char *galley_context_input_name(const galley_context *ctx);
/** The file document i of a job came from, for a writer of several
 * documents (a book) that needs each one's folder (its images): set by the
 * program before galley_write(); NULL when not set. 0 or GALLEY_ENOMEM. */
GALLEY_EXTERN int galley_context_set_document_path(galley_context *ctx, size_t i, const char *path);
GALLEY_EXTERN const char *galley_context_document_path(const galley_context *ctx, size_t i);

/** Where a context's messages go: `level` is a galley_log_level, `input` the
 * context's input name (NULL when none), `message` one line without a
 * newline. Called from the thread that uses the context. */
typedef void (*galley_log_cb)(int level, const char *input, const char *message, void *payload);
/** Install the log callback (NULL: messages are dropped, the default; the
 * library never prints by itself). */
GALLEY_EXTERN void galley_context_set_log(galley_context *ctx, galley_log_cb cb, void *payload);

/** Where galley_write() may send the output as it is made, instead of
 * holding all of it in its buffer: `fn` gets the bytes in order, in pieces
 * of 64 KiB or more, each time the writer reaches a point where what it
 * wrote is final (galley_writer_flush(), sys/writer.h), and the rest once
 * the writer has finished; the buffer galley_write() was given is emptied
 * each time, so it is empty when galley_write() succeeds. fn returns 0 when
 * it took the bytes, 2 for "not yet" (they stay in the buffer and are
 * offered again, with what follows, at the next point; at the end they stay
 * in the buffer), 1 to decline them (nothing is sent to it again in
 * that call: the output stays in the buffer, as without a sink), or -1 with
 * errno set when it failed (galley_write() then fails with GALLEY_EIO).
 * When galley_write() fails, what fn already got is a partial output the
 * program must discard (write it to a temporary file, not to its target).
 * Writers that never reach such a point (zip packages) fill the buffer as
 * before. NULL fn: no sink (the default). Called from galley_write()'s
 * thread. */
typedef int (*galley_output_cb)(const char *data, size_t len, void *payload);
GALLEY_EXTERN void galley_context_set_output(galley_context *ctx, galley_output_cb fn, void *payload);

/** Diagnostics: passed to the context's log callback when verbosity >= level. */
GALLEY_EXTERN void galley_log(galley_context *ctx, int level, const char *fmt, ...) GALLEY_PRINTF(3, 4);

/* Options: string key/values the command line passes to readers and
 * writers ("wrap" = "72", "front-matter" = "false", "flavor" = "gfm",
 * "data-dir" = "DIR"). Readers and writers declare the keys they take
 * (galley_option_desc tables, below); galley_check_options() holds the
 * options set on a context against the tables of the reader and writer of
 * a job. Setting an option checks nothing. */
GALLEY_EXTERN int galley_context_set_option(galley_context *ctx, const char *key, const char *value);
/** The option's value, or NULL when not set. */
GALLEY_EXTERN const char *galley_context_option(const galley_context *ctx, const char *key);
/** An option as a boolean ("1", "true", "yes", "on"); `def` when unset. */
GALLEY_EXTERN int galley_context_option_bool(const galley_context *ctx, const char *key, int def);
/** An option as a decimal integer; `def` when unset or not a number. */
GALLEY_EXTERN long galley_context_option_long(const galley_context *ctx, const char *key, long def);

/* The limits on hostile input, core options every format takes (each error
 * names its option): "max-input-size" (MiB of input a reader takes),
 * "max-nodes" (nodes in one document tree), "max-attributes" (attributes on
 * one HTML element). Deeper nesting than a reader keeps is flattened (HTML)
 * or refused (JSON, 256 levels). */
#define GALLEY_DEFAULT_MAX_INPUT_SIZE 1024L   /* MiB */
#define GALLEY_DEFAULT_MAX_NODES 50000000L
#define GALLEY_DEFAULT_MAX_ATTRIBUTES 1000L

/* A declared option: one entry of the NULL-terminated (key == NULL) table
 * a reader or writer gives in its descriptor's `options` (plugin.h), read
 * back with galley_reader_options() / galley_writer_options(). */
typedef enum {
	GALLEY_OPTION_BOOL = 1, /* 1/0, true/false, yes/no, on/off (any case) */
	GALLEY_OPTION_INT,      /* an integer from min to max, or one of the words in `values` */
	GALLEY_OPTION_STRING,   /* any value; `values` names it in listings ("DIR"), may be NULL */
	GALLEY_OPTION_ENUM      /* one of `values`, '|'-separated: "commonmark|gfm" */
} galley_option_type;

typedef struct galley_option_desc {
	const char *key;    /* "wrap"; NULL ends the table */
	int type;           /* galley_option_type */
	const char *values; /* see the types; NULL for BOOL */
	const char *help;   /* one line, for galley --list-options */
	long min, max;      /* GALLEY_OPTION_INT only */
} galley_option_desc;

/** The options every format takes, served by the core itself ("data-dir":
 * galley_format_data(); "filter-timeout": galley_run_filter()); NULL-terminated. */
GALLEY_EXTERN const galley_option_desc *galley_core_options(void);
/** 0 when value is valid for opt, else GALLEY_EUSAGE with the message on
 * ctx: "option wrap: expected none, preserve, auto or a number from 0 to
 * 100000, not 'wide'". */
GALLEY_EXTERN int galley_option_check(galley_context *ctx, const galley_option_desc *opt, const char *value);

#ifdef __cplusplus
}
#endif
#endif
