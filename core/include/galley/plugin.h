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
 *        (or `S_options, {0}`), or name the fields (.write = ...). */
#define GALLEY_PLUGIN_ABI_MAJOR 2
#define GALLEY_PLUGIN_ABI_MINOR 0

/* The symbol every plugin exports (see GALLEY_PLUGIN_DEFINE). */
#define GALLEY_PLUGIN_SYMBOL "galley_plugin_descriptor"

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
	const galley_option_desc *options; /* since ABI 2.0; NULL: declares nothing */
	void *reserved[5];
} galley_reader_desc;

#define GALLEY_WRITER_BINARY 0x1u /* output is not text (zip packages) */
#define GALLEY_WRITER_MANY 0x2u   /* takes several documents (a book) */

#define GALLEY_WRITER_VERSION 1
typedef struct galley_writer_desc {
	unsigned int version;     /* GALLEY_WRITER_VERSION */
	const char *name;         /* "markdown" */
	const char *aliases;      /* "md,gfm" or NULL */
	/* Comma-separated, no dots: "md,markdown", "tei.xml". All of them pick
	 * this writer for -o; the first is the one its outputs are named with. */
	const char *extension;
	const char *description;
	unsigned int flags;       /* GALLEY_WRITER_* */
	/* Write docs[0..ndocs) (ndocs is 1 unless GALLEY_WRITER_MANY) to out.
	 * `name` is the name the writer was asked for (an alias, e.g. "gfm").
	 * The documents are read-only: other threads may be writing them too. */
	int (*write)(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
		galley_buffer *out, void *payload);
	void *payload;
	const galley_option_desc *options; /* since ABI 2.0; NULL: declares nothing */
	void *reserved[5];
} galley_writer_desc;

/** Register a reader or writer; the descriptor must outlive the plugin
 * (a static const struct). Checks the version field. Only from a plugin's
 * init: a loaded registry no longer changes (GALLEY_EUSAGE). */
GALLEY_EXTERN int galley_registry_add_reader(galley_registry *reg, const galley_reader_desc *desc);
GALLEY_EXTERN int galley_registry_add_writer(galley_registry *reg, const galley_writer_desc *desc);
/** The context of the load in progress (for messages from init); NULL
 * outside galley_registry_load(). */
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

/** An xmlTextWriter whose bytes are appended to out (UTF-8), reporting to
 * ctx: from here to galley_xml_writer_free() libxml2's errors about
 * writing (the writer's, its output's, memory, encoding) go to the
 * context as the job's error ("XML writer: ..."; the first one counts),
 * not to libxml2's global handler; other libxml2 errors go to the handler
 * that was set before. The handler is the thread's: free the writer on
 * the thread that made it; while two writers are open on one thread,
 * libxml2 (which does not say which writer failed) reports to the newer. NULL on OOM or without ctx/out. */
GALLEY_EXTERN struct _xmlTextWriter *galley_xml_writer_new(galley_context *ctx, galley_buffer *out);
/** Flush and free the writer; 0, or the first error the writer met (its
 * message already on the context). */
GALLEY_EXTERN int galley_xml_writer_free(struct _xmlTextWriter *w);
/** The first error the writer met so far (its message on the context), or
 * 0: for a writer that sees an xmlTextWriter call fail. */
GALLEY_EXTERN int galley_xml_writer_error(struct _xmlTextWriter *w);
/** Copy text into out with the characters XML 1.0 forbids (C0 controls but
 * tab/newline/CR, U+FFFE/U+FFFF, invalid UTF-8) replaced or dropped.
 * Returns how many were removed (>= 0) or a negative error. */
GALLEY_EXTERN long galley_xml_clean(const char *text, size_t len, galley_buffer *out);
/** galley_xml_clean() and escaping in one pass: text as XML character data
 * (attr 0: & < > escaped, CR as &#13;) or as an attribute value (attr 1:
 * also ", tab and newline), for a writer that hands markup of its own to
 * xmlTextWriterWriteRaw. Returns how many characters were removed (>= 0)
 * or a negative error. */
GALLEY_EXTERN long galley_xml_escape(const char *text, size_t len, galley_buffer *out, int attr);

/* ------------------------------------------------------------------ */
/* Service: zip packages (libzip, written in memory)                  */
/* ------------------------------------------------------------------ */

typedef struct galley_zip galley_zip;

GALLEY_EXTERN galley_zip *galley_zip_new(galley_context *ctx);
/** Add an entry; stored (not compressed) when `store` is set. Entries are
 * written in the order they are added. */
GALLEY_EXTERN int galley_zip_add(galley_zip *z, const char *name, const char *data, size_t len, int store);
/** Add an entry whose data is deflated already (raw deflate, RFC 1951),
 * such as a fixed part compressed at build time: `size` bytes once
 * inflated, with that CRC-32. The data is borrowed until the archive is
 * finished or discarded. */
GALLEY_EXTERN int galley_zip_add_deflated(galley_zip *z, const char *name, const void *data, size_t len, size_t size,
	unsigned long crc);
/** Finish the archive and append its bytes to out; frees z. */
GALLEY_EXTERN int galley_zip_finish(galley_zip *z, galley_buffer *out);
/** Abandon an archive; frees z. */
GALLEY_EXTERN void galley_zip_discard(galley_zip *z);

/* Reading one (a writer's input such as a reference document): the whole
 * file is read in (at most 64 MiB), members looked up by name. */
typedef struct galley_unzip galley_unzip;

/** Open the zip archive at path; NULL with the error on ctx, naming the
 * file ("PATH: not a zip archive (...)", "PATH: No such file..."). */
GALLEY_EXTERN galley_unzip *galley_unzip_open(galley_context *ctx, const char *path);
/** Append member name's bytes to out: 0; GALLEY_ENOTFOUND (nothing set on
 * the context) when there is none; another negative code with the error
 * set (naming the archive and member) when it cannot be read (damaged, a
 * CRC that does not match, larger than 64 MiB). */
GALLEY_EXTERN int galley_unzip_read(galley_unzip *u, const char *name, galley_buffer *out);
GALLEY_EXTERN void galley_unzip_close(galley_unzip *u);

/* ------------------------------------------------------------------ */
/* Service: images a writer embeds (never fetched)                    */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *type; /* "image/png", "image/jpeg", "image/gif" */
	const char *ext;  /* "png", "jpeg", "gif" */
	long width, height; /* pixels, from the image's header */
} galley_image_info;

/** 1 with *info filled when data is a PNG, JPEG or GIF (known by its bytes,
 * whatever a name or a data: URI says) whose header gives a size; else 0. */
GALLEY_EXTERN int galley_image_sniff(const void *data, size_t len, galley_image_info *info);
/** 1 when url names a remote resource (a scheme such as http: or mailto:,
 * other than data: and file:, or a "//host" reference): never fetched. */
GALLEY_EXTERN int galley_url_is_remote(const char *url);
/** The bytes of an image to embed: a data: URI (base64), or a relative path
 * (percent-decoded) taken from the folder of `base` (an input's file name;
 * NULL: the context's input name; "-" or no folder: the current one) that
 * stays inside that folder (no ".." component, no symlink out of it).
 * Absolute paths and file: URLs are not taken (in a web page "/a.png" is
 * the site's, not this machine's), nor remote URLs (never fetched).
 * 1 with the bytes appended to out and *info filled; 0 when it is not
 * embedded (missing, refused, not PNG/JPEG/GIF, above 32 MiB: said at
 * INFO); GALLEY_ENOMEM with the error set. */
GALLEY_EXTERN int galley_image_load(galley_context *ctx, const char *base, const char *url, galley_buffer *out,
	galley_image_info *info);

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
/** galley_utf8_decode() with ASCII decoded in line: for loops over text
 * where most characters are ASCII (the Markdown writer's escaping). */
static inline size_t galley_utf8_next(const char *s, size_t len, unsigned long *cp)
{
	if (len > 0 && (unsigned char)s[0] < 0x80) {
		if (cp)
			*cp = (unsigned char)s[0];
		return 1;
	}
	return galley_utf8_decode(s, len, cp);
}
/** 1 when data is valid UTF-8. */
GALLEY_EXTERN int galley_utf8_valid(const char *data, size_t len);
/** Convert input bytes to UTF-8, with the one charset policy both readers
 * share: a BOM (UTF-8/16/32) decides; else `hint` (a charset label from the
 * document or the user, may be NULL), unless the bytes contradict it; else
 * valid UTF-8 stays, else the charset is sniffed (uchardet) and converted
 * (iconv). Valid UTF-8 beyond ASCII beats a label naming another charset,
 * a "UTF-8" label on bytes that are not is ignored, as are labels naming
 * UTF-16/32 (no BOM, and read as ASCII), labels iconv does not know, and
 * labels whose charset rejects more than 1 in 50 of the non-ASCII bytes
 * where detection rejects under a tenth as many: detection is retried
 * then (a page damaged in a few places keeps its label). Labels and sniffed names are decoded as
 * browsers do (the WHATWG aliases: EUC-KR as CP949, Latin-1 and ASCII as
 * Windows-1252, Shift_JIS as CP932, GB2312/GBK as GB18030, ...). The BOM is
 * removed; bytes invalid in the charset become U+FFFD (counted at INFO).
 * The charset used is written to `charset_out` (may be NULL), cut to
 * `charset_size` bytes with its NUL (64 holds every name). Binary input
 * (NUL bytes in the first 4 KiB that no UTF-16/32 BOM explains) is
 * GALLEY_EINVAL with a message. Appends to out. */
GALLEY_EXTERN int galley_to_utf8(galley_context *ctx, const char *data, size_t len, const char *hint,
	galley_buffer *out, char *charset_out, size_t charset_size);
/** The charset of text in UTF-32 or UTF-16 without a BOM ("UTF-32LE",
 * "UTF-32BE", "UTF-16LE", "UTF-16BE"), told from where its zero bytes fall
 * in the first 4 KiB (every unit a character, no control but tab, LF, CR,
 * FF); NULL for anything else. galley_to_utf8 reads such text rather than
 * calling it binary. */
GALLEY_EXTERN const char *galley_wide_charset(const char *data, size_t len);
/** The language of a text as a BCP 47 tag ("en", "ko", "ja", "de"...),
 * written to out (outsize bytes; 16 holds every tag galley gives); 0 on
 * success, GALLEY_ENOTFOUND when it cannot tell (or the tag does not fit),
 * GALLEY_ENOMEM when out of memory. Scripts decide first (Hangul, kana,
 * Han, Greek...), then n-gram profiles (libexttextcat's fingerprints,
 * prepared at build time) for Latin and other scripts, given at least 100
 * letters. */
GALLEY_EXTERN int galley_detect_language(const char *text, size_t len, char *out, size_t outsize);

#ifdef __cplusplus
}
#endif
#endif
