/* galley.h — the public API of libgalley: contexts and errors, the document
 * tree, its builder and iterator, metadata, buffers and the conversion calls.
 * Plugin authors also include <galley/plugin.h>. */
#ifndef GALLEY_H
#define GALLEY_H

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

/** Where a context's messages go: `level` is a galley_log_level, `input` the
 * context's input name (NULL when none), `message` one line without a
 * newline. Called from the thread that uses the context. */
typedef void (*galley_log_cb)(int level, const char *input, const char *message, void *payload);
/** Install the log callback (NULL: messages are dropped, the default; the
 * library never prints by itself). */
GALLEY_EXTERN void galley_context_set_log(galley_context *ctx, galley_log_cb cb, void *payload);

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

/** The options every format takes, served by the core itself ("data-dir",
 * galley_format_data()); NULL-terminated. */
GALLEY_EXTERN const galley_option_desc *galley_core_options(void);
/** 0 when value is valid for opt, else GALLEY_EUSAGE with the message on
 * ctx: "option wrap: expected none, preserve, auto or a number from 0 to
 * 100000, not 'wide'". */
GALLEY_EXTERN int galley_option_check(galley_context *ctx, const galley_option_desc *opt, const char *value);

/* ------------------------------------------------------------------ */
/* Buffers                                                            */
/* ------------------------------------------------------------------ */

/* A growable byte buffer, always NUL-terminated after `len` bytes. The
 * fields are public and read-only for callers: they change only through
 * the functions below (galley_buffer_append_fast() is the inline one). */
typedef struct galley_buffer {
	char *data;
	size_t len;
	size_t cap;
	int oom; /* set once an allocation failed; further appends do nothing */
} galley_buffer;

#define GALLEY_BUFFER_INIT {NULL, 0, 0, 0}

GALLEY_EXTERN int galley_buffer_append(galley_buffer *buf, const char *data, size_t len);
GALLEY_EXTERN int galley_buffer_puts(galley_buffer *buf, const char *s);
GALLEY_EXTERN int galley_buffer_putc(galley_buffer *buf, int c);
GALLEY_EXTERN int galley_buffer_printf(galley_buffer *buf, const char *fmt, ...) GALLEY_PRINTF(2, 3);
GALLEY_EXTERN int galley_buffer_vprintf(galley_buffer *buf, const char *fmt, va_list ap);
GALLEY_EXTERN int galley_buffer_reserve(galley_buffer *buf, size_t extra);
/** Replace the `del` bytes at `pos` with data[0..len): an insertion when
 * del is 0 (pos + del must not pass len). */
GALLEY_EXTERN int galley_buffer_splice(galley_buffer *buf, size_t pos, size_t del, const char *data, size_t len);
/** galley_buffer_append() in line when the bytes fit the memory the buffer
 * has, for writers that append a few bytes at a time; the same result. */
static inline int galley_buffer_append_fast(galley_buffer *buf, const char *data, size_t len)
{
	if (!buf->oom && len < buf->cap - buf->len) {
		memcpy(buf->data + buf->len, data, len);
		buf->len += len;
		buf->data[buf->len] = '\0';
		return 0;
	}
	return galley_buffer_append(buf, data, len);
}
/** Empty the buffer but keep its memory. */
GALLEY_EXTERN void galley_buffer_clear(galley_buffer *buf);
GALLEY_EXTERN void galley_buffer_truncate(galley_buffer *buf, size_t len);
/** Release the memory; the buffer is empty and reusable afterwards. */
GALLEY_EXTERN void galley_buffer_dispose(galley_buffer *buf);
/** Hand the bytes to the caller (galley_free() them); the buffer is left empty. */
GALLEY_EXTERN char *galley_buffer_detach(galley_buffer *buf, size_t *len_out);

/* ------------------------------------------------------------------ */
/* The document tree                                                  */
/* ------------------------------------------------------------------ */

/* Node kinds. Block kinds, then inline kinds. The JSON names are those
 * of INTERFACE.md. Values only grow at the end. */
typedef enum {
	GALLEY_NODE_NONE = 0,
	GALLEY_NODE_DOCUMENT,

	/* blocks */
	GALLEY_NODE_PARAGRAPH,  /* inlines */
	GALLEY_NODE_HEADING,    /* inlines; level 1-6 */
	GALLEY_NODE_LIST,       /* items; ordered, start */
	GALLEY_NODE_ITEM,       /* blocks (one list item) */
	GALLEY_NODE_QUOTE,      /* blocks */
	GALLEY_NODE_CODE_BLOCK, /* leaf: text, language */
	GALLEY_NODE_TABLE,      /* optional caption, then rows */
	GALLEY_NODE_ROW,        /* cells */
	GALLEY_NODE_CELL,       /* blocks; header, colspan, rowspan */
	GALLEY_NODE_FIGURE,     /* optional caption; url (src), alt */
	GALLEY_NODE_BREAK,      /* leaf: thematic break */
	GALLEY_NODE_DIV,        /* blocks; role ("signature", "contact", "note", "dateline") */
	GALLEY_NODE_CAPTION,    /* inlines: caption of a table or figure */

	/* inlines */
	GALLEY_NODE_TEXT,       /* leaf: text */
	GALLEY_NODE_EMPH,       /* inlines */
	GALLEY_NODE_STRONG,     /* inlines */
	GALLEY_NODE_CODE,       /* leaf: text */
	GALLEY_NODE_LINK,       /* inlines; url (href) */
	GALLEY_NODE_IMAGE,      /* leaf: url (src), alt */
	GALLEY_NODE_LINEBREAK,  /* leaf */
	GALLEY_NODE_SUP,        /* inlines */
	GALLEY_NODE_SUB,        /* inlines */
	GALLEY_NODE_NOTE        /* blocks: a footnote */
} galley_node_type;

#define GALLEY_NODE_FIRST_BLOCK GALLEY_NODE_PARAGRAPH
#define GALLEY_NODE_LAST_BLOCK GALLEY_NODE_CAPTION
#define GALLEY_NODE_FIRST_INLINE GALLEY_NODE_TEXT
#define GALLEY_NODE_LAST_INLINE GALLEY_NODE_NOTE

typedef struct galley_node galley_node;
typedef struct galley_meta galley_meta;

/** The type's name as in the JSON form ("paragraph", "code_block" -> "code"
 * for blocks; "item"/"row"/"cell"/"caption"/"document" for the structural kinds). */
GALLEY_EXTERN const char *galley_node_type_name(galley_node_type type);
GALLEY_EXTERN int galley_node_type_is_block(galley_node_type type);
GALLEY_EXTERN int galley_node_type_is_inline(galley_node_type type);
/** Leaves carry no children (text, code, code_block, image, linebreak, break). */
GALLEY_EXTERN int galley_node_type_is_leaf(galley_node_type type);
/** The one place that says what type may contain what type. */
GALLEY_EXTERN int galley_node_can_contain(galley_node_type parent, galley_node_type child);
/** galley_node_can_contain() for these two nodes, plus the one rule that
 * needs the tree: no link anywhere under a link (link > emph > link too),
 * whether child is a link or a subtree holding one. 1 when child may be
 * attached under parent. Every tree edit and the builder ask this. */
GALLEY_EXTERN int galley_node_can_insert(const galley_node *parent, const galley_node *child);

/** A new, detached node; NULL on out-of-memory. */
GALLEY_EXTERN galley_node *galley_node_new(galley_node_type type);
/** Frees the node and its subtree (unlinks it from its parent first). */
GALLEY_EXTERN void galley_node_free(galley_node *node);
/** Deep copy of a subtree (and of the metadata for a document); NULL on OOM. */
GALLEY_EXTERN galley_node *galley_node_copy(const galley_node *node);

GALLEY_EXTERN galley_node_type galley_node_get_type(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_parent(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_first_child(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_last_child(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_next(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_previous(const galley_node *node);
GALLEY_EXTERN size_t galley_node_child_count(const galley_node *node);

/** Tree edits; each checks galley_node_can_insert() (and that no node
 * goes under itself) and returns GALLEY_ETREE when the move is not
 * allowed. Attaching moves ownership. */
GALLEY_EXTERN int galley_node_append_child(galley_node *parent, galley_node *child);
GALLEY_EXTERN int galley_node_prepend_child(galley_node *parent, galley_node *child);
GALLEY_EXTERN int galley_node_insert_before(galley_node *sibling, galley_node *node);
GALLEY_EXTERN int galley_node_insert_after(galley_node *sibling, galley_node *node);
/** Detach from its parent; the caller owns it afterwards. */
GALLEY_EXTERN void galley_node_unlink(galley_node *node);

/* Typed fields. Getters return NULL/0 when the kind has no such field;
 * setters return GALLEY_EINVAL then. Strings are copied, UTF-8, and the
 * length-taking setters accept text that is not NUL-terminated. */

/** TEXT, CODE, CODE_BLOCK. */
GALLEY_EXTERN const char *galley_node_get_text(const galley_node *node);
GALLEY_EXTERN size_t galley_node_get_text_len(const galley_node *node);
GALLEY_EXTERN int galley_node_set_text(galley_node *node, const char *text, size_t len);
GALLEY_EXTERN int galley_node_append_text(galley_node *node, const char *text, size_t len);

/** HEADING: 1-6. */
GALLEY_EXTERN int galley_node_get_level(const galley_node *node);
GALLEY_EXTERN int galley_node_set_level(galley_node *node, int level);

/** LIST. */
GALLEY_EXTERN int galley_node_get_list_ordered(const galley_node *node);
GALLEY_EXTERN int galley_node_set_list_ordered(galley_node *node, int ordered);
GALLEY_EXTERN long galley_node_get_list_start(const galley_node *node); /* default 1 */
GALLEY_EXTERN int galley_node_set_list_start(galley_node *node, long start);

/** LINK (href), IMAGE and FIGURE (src). */
GALLEY_EXTERN const char *galley_node_get_url(const galley_node *node);
GALLEY_EXTERN int galley_node_set_url(galley_node *node, const char *url);
/** IMAGE and FIGURE. */
GALLEY_EXTERN const char *galley_node_get_alt(const galley_node *node);
GALLEY_EXTERN int galley_node_set_alt(galley_node *node, const char *alt);
/** LINK: optional title. */
GALLEY_EXTERN const char *galley_node_get_title(const galley_node *node);
GALLEY_EXTERN int galley_node_set_title(galley_node *node, const char *title);
/** CODE_BLOCK: optional language (info string). */
GALLEY_EXTERN const char *galley_node_get_language(const galley_node *node);
GALLEY_EXTERN int galley_node_set_language(galley_node *node, const char *lang);
/** DIV: role ("signature", "contact", "note", "dateline", ...), may be NULL. */
GALLEY_EXTERN const char *galley_node_get_role(const galley_node *node);
GALLEY_EXTERN int galley_node_set_role(galley_node *node, const char *role);

/** CELL. */
GALLEY_EXTERN int galley_node_get_cell_header(const galley_node *node);
GALLEY_EXTERN int galley_node_set_cell_header(galley_node *node, int header);
GALLEY_EXTERN int galley_node_get_colspan(const galley_node *node); /* >= 1 */
GALLEY_EXTERN int galley_node_set_colspan(galley_node *node, int n);
GALLEY_EXTERN int galley_node_get_rowspan(const galley_node *node); /* >= 1 */
GALLEY_EXTERN int galley_node_set_rowspan(galley_node *node, int n);

/* Attributes any node may carry: an id, classes, key/values. */
GALLEY_EXTERN const char *galley_node_get_id(const galley_node *node);
GALLEY_EXTERN int galley_node_set_id(galley_node *node, const char *id);
GALLEY_EXTERN size_t galley_node_class_count(const galley_node *node);
GALLEY_EXTERN const char *galley_node_class_at(const galley_node *node, size_t i);
GALLEY_EXTERN int galley_node_add_class(galley_node *node, const char *cls);
GALLEY_EXTERN size_t galley_node_kv_count(const galley_node *node);
GALLEY_EXTERN const char *galley_node_kv_key(const galley_node *node, size_t i);
GALLEY_EXTERN const char *galley_node_kv_value(const galley_node *node, size_t i);
/** The value for key, or NULL. */
GALLEY_EXTERN const char *galley_node_kv_get(const galley_node *node, const char *key);
/** Sets (replaces) key's value, keeping first-set order. */
GALLEY_EXTERN int galley_node_kv_set(galley_node *node, const char *key, const char *value);
/** 1 when the node has an id, classes or key/values. */
GALLEY_EXTERN int galley_node_has_attr(const galley_node *node);

/** The document's metadata (DOCUMENT nodes only; NULL otherwise). Borrowed. */
GALLEY_EXTERN galley_meta *galley_document_meta(const galley_node *doc);

/** The concatenated text of a subtree (TEXT and CODE contents; a space for
 * LINEBREAK; blocks separated by "\n"). Appends to out. */
GALLEY_EXTERN int galley_node_text_content(const galley_node *node, galley_buffer *out);

/** A readable indented dump of a subtree, for debugging and tests. */
GALLEY_EXTERN int galley_node_dump(const galley_node *node, galley_buffer *out);

/* ------------------------------------------------------------------ */
/* Metadata                                                           */
/* ------------------------------------------------------------------ */

/* A release's metadata. The known keys, in this order:
 *   title subtitle date issuer category language source identifier hits
 *   authors keywords description place
 * "authors" and "keywords" are lists; "hits" is a non-negative number;
 * every other key holds one string. Other keys are free key/values kept in
 * the order they were first set, after the known ones. */

/** The value of a single-valued key (for a list, its first value; for
 * "hits" its decimal text), or NULL when unknown. */
GALLEY_EXTERN const char *galley_meta_get(const galley_meta *meta, const char *key);
/** Set (replace) a key. For "hits" the value must be a decimal number
 * (GALLEY_EINVAL otherwise); for a list key it replaces the list with one value.
 * A NULL value removes the key. */
GALLEY_EXTERN int galley_meta_set(galley_meta *meta, const char *key, const char *value);
/** Append to a list key ("authors", "keywords"); GALLEY_EINVAL for other keys. */
GALLEY_EXTERN int galley_meta_add(galley_meta *meta, const char *key, const char *value);
/** Number of values of a key (0 when unknown, 1 for a set single key). */
GALLEY_EXTERN size_t galley_meta_count(const galley_meta *meta, const char *key);
GALLEY_EXTERN const char *galley_meta_get_nth(const galley_meta *meta, const char *key, size_t i);
/** hits, or -1 when unknown. */
GALLEY_EXTERN long long galley_meta_get_hits(const galley_meta *meta);
GALLEY_EXTERN int galley_meta_set_hits(galley_meta *meta, long long hits);
/** 1 for the list keys "authors" and "keywords". */
GALLEY_EXTERN int galley_meta_key_is_list(const char *key);
/** 1 for one of the known keys above. */
GALLEY_EXTERN int galley_meta_key_is_known(const char *key);
/** Every key that has a value, known keys first in the order above, then
 * the free keys in insertion order. */
GALLEY_EXTERN size_t galley_meta_key_count(const galley_meta *meta);
GALLEY_EXTERN const char *galley_meta_key_at(const galley_meta *meta, size_t i);
/** 1 when no key is set. */
GALLEY_EXTERN int galley_meta_is_empty(const galley_meta *meta);

/* ------------------------------------------------------------------ */
/* Building a tree (readers)                                          */
/* ------------------------------------------------------------------ */

/* A builder keeps a cursor: enter() opens a container under the current
 * one and makes it current, leave() closes it. Every insertion is checked
 * against galley_node_can_contain() and the ancestors (no link under a
 * link at any depth: "a link may not go in a link"). One convenience: inline content
 * (text, inline containers, inline leaves) given where only blocks may go
 * is wrapped in an implicit paragraph, closed by the next block or leave().
 * Any failure is recorded on the context and returned (GALLEY_ETREE for a
 * kind that may not go where it was put). */
typedef struct galley_builder galley_builder;

GALLEY_EXTERN galley_builder *galley_builder_new(galley_context *ctx);
/** Frees the builder and, unless finished, the tree it was building. */
GALLEY_EXTERN void galley_builder_free(galley_builder *b);

/** The metadata of the document under construction. */
GALLEY_EXTERN galley_meta *galley_builder_meta(galley_builder *b);
/** The current container (the document at first). */
GALLEY_EXTERN galley_node *galley_builder_current(const galley_builder *b);
/** Open a container of the given kind under the current node. */
GALLEY_EXTERN int galley_builder_enter(galley_builder *b, galley_node_type type);
/** Close the current container (an implicit paragraph is closed first). */
GALLEY_EXTERN int galley_builder_leave(galley_builder *b);
/** Close containers until one of `type` has been closed (GALLEY_ETREE if none open). */
GALLEY_EXTERN int galley_builder_leave_to(galley_builder *b, galley_node_type type);
/** Append text; adjacent text is merged into one TEXT node. */
GALLEY_EXTERN int galley_builder_text(galley_builder *b, const char *text, size_t len);
/** Append a leaf of the given kind (LINEBREAK, BREAK, ...), returned borrowed
 * through out (may be NULL) so its fields can be set. */
GALLEY_EXTERN int galley_builder_leaf(galley_builder *b, galley_node_type type, galley_node **out);
/** Append a CODE inline. */
GALLEY_EXTERN int galley_builder_code(galley_builder *b, const char *text, size_t len);
/** Append a CODE_BLOCK with an optional language. */
GALLEY_EXTERN int galley_builder_code_block(galley_builder *b, const char *text, size_t len, const char *lang);
/** Append an IMAGE inline. */
GALLEY_EXTERN int galley_builder_image(galley_builder *b, const char *src, const char *alt);
/** Append a detached subtree built elsewhere (ownership moves on success). */
GALLEY_EXTERN int galley_builder_append(galley_builder *b, galley_node *node);
/** Close every open container and hand the document to the caller.
 * Empty paragraphs and containers are kept; readers drop their own. */
GALLEY_EXTERN int galley_builder_finish(galley_builder *b, galley_node **out);

/* Setters on the current container, for convenience after enter(). */
GALLEY_EXTERN int galley_builder_set_level(galley_builder *b, int level);
GALLEY_EXTERN int galley_builder_set_list(galley_builder *b, int ordered, long start);
GALLEY_EXTERN int galley_builder_set_url(galley_builder *b, const char *url);
GALLEY_EXTERN int galley_builder_set_alt(galley_builder *b, const char *alt);
GALLEY_EXTERN int galley_builder_set_role(galley_builder *b, const char *role);
GALLEY_EXTERN int galley_builder_set_cell(galley_builder *b, int header, int colspan, int rowspan);

/* ------------------------------------------------------------------ */
/* Walking a tree (writers)                                           */
/* ------------------------------------------------------------------ */

typedef enum {
	GALLEY_EVENT_NONE = 0,
	GALLEY_EVENT_DONE,
	GALLEY_EVENT_ENTER,
	GALLEY_EVENT_EXIT
} galley_event_type;

/* Containers give ENTER then EXIT; leaves give ENTER only. */
typedef struct galley_iter galley_iter;

/* The walk only reads the tree, so several iterators (in several threads)
 * may walk one tree at once. */
GALLEY_EXTERN galley_iter *galley_iter_new(const galley_node *root);
GALLEY_EXTERN void galley_iter_free(galley_iter *it);
GALLEY_EXTERN galley_event_type galley_iter_next(galley_iter *it);
GALLEY_EXTERN const galley_node *galley_iter_get_node(const galley_iter *it);
GALLEY_EXTERN galley_event_type galley_iter_get_event(const galley_iter *it);
/** Resume the walk from `node` with `event` (EXIT skips a subtree). */
GALLEY_EXTERN void galley_iter_reset(galley_iter *it, const galley_node *node, galley_event_type event);

/* ------------------------------------------------------------------ */
/* Plugins and conversion                                             */
/* ------------------------------------------------------------------ */

typedef struct galley_reader galley_reader;
typedef struct galley_writer galley_writer;
typedef struct galley_filter galley_filter; /* since 0.2 (plugin ABI 2.1) */

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
