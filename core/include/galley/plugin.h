/* plugin.h — the plugin SDK: the descriptor a plugin exports, the reader
 * and writer structs it registers, and the services the core offers them
 * (XML writing, zip packages, charsets, language). */
#ifndef GALLEY_PLUGIN_H
#define GALLEY_PLUGIN_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI. The major changes when a descriptor or callback changes
 * incompatibly; a plugin built for another major is refused before any of
 * its code runs. A newer minor only adds at the end (reserved slots). */
#define GALLEY_PLUGIN_ABI_MAJOR 1
#define GALLEY_PLUGIN_ABI_MINOR 0

/* The symbol every plugin exports (see GALLEY_PLUGIN_DEFINE). */
#define GALLEY_PLUGIN_SYMBOL "galley_plugin_descriptor"

/* A reader turns bytes into a tree through the builder. */
#define GALLEY_READER_VERSION 1
typedef struct galley_reader_desc {
	unsigned int version;     /* GALLEY_READER_VERSION */
	const char *name;         /* "text" */
	const char *aliases;      /* comma-separated other names, or NULL */
	const char *extensions;   /* comma-separated, no dots: "txt,text" */
	const char *description;  /* one line */
	/* Score 0 (not mine) to 100 (certainly mine) from the first bytes
	 * (at most 4096; may be fewer). NULL: never chosen by content. */
	int (*probe)(const char *data, size_t len);
	/* Build the document. `data` is the whole input, not NUL-terminated.
	 * On failure return a negative code with galley_error() set. */
	int (*read)(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload);
	void *payload;
	void *reserved[6];
} galley_reader_desc;

#define GALLEY_WRITER_BINARY 0x1u /* output is not text (zip packages) */
#define GALLEY_WRITER_MANY 0x2u   /* takes several documents (a book) */

#define GALLEY_WRITER_VERSION 1
typedef struct galley_writer_desc {
	unsigned int version;     /* GALLEY_WRITER_VERSION */
	const char *name;         /* "markdown" */
	const char *aliases;      /* "md,gfm" or NULL */
	const char *extension;    /* "md", "tei.xml" (no leading dot) */
	const char *description;
	unsigned int flags;       /* GALLEY_WRITER_* */
	/* Write docs[0..ndocs) (ndocs is 1 unless GALLEY_WRITER_MANY) to out.
	 * `name` is the name the writer was asked for (an alias, e.g. "gfm"). */
	int (*write)(galley_context *ctx, const char *name, galley_node *const *docs, size_t ndocs,
		galley_buffer *out, void *payload);
	void *payload;
	void *reserved[6];
} galley_writer_desc;

typedef struct galley_registry galley_registry;

/** Register a reader or writer; the descriptor must outlive the plugin
 * (a static struct). Checks the version field. */
GALLEY_EXTERN int galley_registry_add_reader(galley_registry *reg, const galley_reader_desc *desc);
GALLEY_EXTERN int galley_registry_add_writer(galley_registry *reg, const galley_writer_desc *desc);
/** The context the registry belongs to (for messages from init). */
GALLEY_EXTERN galley_context *galley_registry_context(galley_registry *reg);

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

/* ------------------------------------------------------------------ */
/* Service: XML writing (libxml2's xmlTextWriter into a galley_buffer) */
/* ------------------------------------------------------------------ */

/* Plugins that write XML include <libxml/xmlwriter.h> and link libxml2. */
struct _xmlTextWriter;

/** An xmlTextWriter whose bytes are appended to out (UTF-8). Free it with
 * galley_xml_writer_free(), which flushes. NULL on OOM. */
GALLEY_EXTERN struct _xmlTextWriter *galley_xml_writer_new(galley_buffer *out);
GALLEY_EXTERN int galley_xml_writer_free(struct _xmlTextWriter *w);
/** Copy text into out with the characters XML 1.0 forbids (C0 controls but
 * tab/newline/CR, U+FFFE/U+FFFF, invalid UTF-8) replaced or dropped.
 * Returns how many were removed (>= 0) or a negative error. */
GALLEY_EXTERN long galley_xml_clean(const char *text, size_t len, galley_buffer *out);

/* ------------------------------------------------------------------ */
/* Service: zip packages (libzip, written in memory)                  */
/* ------------------------------------------------------------------ */

typedef struct galley_zip galley_zip;

GALLEY_EXTERN galley_zip *galley_zip_new(galley_context *ctx);
/** Add an entry; stored (not compressed) when `store` is set. Entries are
 * written in the order they are added. */
GALLEY_EXTERN int galley_zip_add(galley_zip *z, const char *name, const char *data, size_t len, int store);
/** Finish the archive and append its bytes to out; frees z. */
GALLEY_EXTERN int galley_zip_finish(galley_zip *z, galley_buffer *out);
/** Abandon an archive; frees z. */
GALLEY_EXTERN void galley_zip_discard(galley_zip *z);

/* ------------------------------------------------------------------ */
/* Service: format data (formats/NAME/ files, overridable)            */
/* ------------------------------------------------------------------ */

/** The bytes of a format's data file: from the folder given by the
 * "data-dir" option (DIR/FORMAT/NAME) if it exists there, else the
 * embedded default passed in. Appends to out. */
GALLEY_EXTERN int galley_format_data(galley_context *ctx, const char *format, const char *name,
	const char *embedded, size_t embedded_len, galley_buffer *out);

/* ------------------------------------------------------------------ */
/* Service: text (encodings, language)                                */
/* ------------------------------------------------------------------ */

/** Decode the UTF-8 sequence at s (len > 0 bytes available): its length
 * (1-4) with the code point in *cp (may be NULL), or 0 when the bytes are not
 * valid UTF-8 (overlong forms, surrogates, past U+10FFFF, truncated). */
GALLEY_EXTERN size_t galley_utf8_decode(const char *s, size_t len, unsigned long *cp);
/** 1 when data is valid UTF-8. */
GALLEY_EXTERN int galley_utf8_valid(const char *data, size_t len);
/** Convert input bytes to UTF-8: a BOM decides, else `hint` (a charset name
 * from the document, may be NULL), else valid UTF-8 stays, else the charset
 * is sniffed (uchardet) and converted (iconv). The BOM is removed. The
 * charset used is written to `charset_out` (may be NULL; at most 64 bytes).
 * Binary input (NUL bytes in the first 4 KiB that no UTF-16/32 BOM explains)
 * is GALLEY_EINVAL with a message. Appends to out. */
GALLEY_EXTERN int galley_to_utf8(galley_context *ctx, const char *data, size_t len, const char *hint,
	galley_buffer *out, char *charset_out);
/** The language of a text as a BCP 47 tag ("en", "ko", "ja", "de"...),
 * written to out (at most 16 bytes); 0 on success, GALLEY_ENOTFOUND when
 * it cannot tell. Scripts decide first (Hangul, kana, Han), then
 * libexttextcat for Latin and other scripts. */
GALLEY_EXTERN int galley_detect_language(const char *text, size_t len, char *out);

#ifdef __cplusplus
}
#endif
#endif
