/* epub.h — private to the EPUB plugin: the writer entry point (so tests can
 * link the plugin code directly), the book the package and XHTML files are
 * made from, and the XML and value helpers of epub_util.c. */
#ifndef GALLEY_EPUB_H
#define GALLEY_EPUB_H

#include <galley/galley.h>
#include <galley/plugin.h>

#include <string.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

/** The writer callback registered as "epub". */
int epub_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload);

/* One release of the book: its own XHTML file, with its title page. */
typedef struct {
	const galley_node *doc;
	const galley_meta *meta;
	char lang[64];      /* a well-formed BCP 47 tag, "und" when unknown */
	char file[48];      /* "release-1.xhtml" */
	char *label;        /* its name in the contents, never empty */
	char date[16];      /* the date as W3C (YYYY[-MM[-DD]]), "" when unknown */
	char **heads;       /* labels of its headings (not in notes), in order; ids h-1... */
	size_t nheads;
	size_t *head_part;  /* the file each heading is in */
	/* A long release is split into files before its top-level level-1
	 * headings: parts[k] is the top-level block file k starts with. */
	const galley_node **parts;
	size_t nparts;      /* 1 unless split */
	size_t *part_head;  /* how many headings come before file k */
	size_t capparts, capheads;
} epub_chapter;

/* An image packaged in the book: from a data: URI of the tree, or a local
 * file beside its release's input (galley_image_load). */
typedef struct {
	const char *src;    /* the URI as the tree has it (borrowed) */
	size_t ch;          /* the release it was found in (a path is relative to its input) */
	char href[32];      /* "images/img-1.png" */
	const char *type;   /* "image/png" */
	galley_buffer data; /* the decoded bytes */
} epub_image;

typedef struct {
	galley_context *ctx;
	epub_image *images;
	size_t nimages;
	epub_chapter *ch;
	size_t nch;
	char *title;         /* the book's title, never empty */
	char *identifier;    /* dc:identifier */
	char modified[32];   /* dcterms:modified, YYYY-MM-DDThh:mm:ssZ */
	const char *lang;    /* the book's language: the first release's */
} epub_book;

/* An xmlTextWriter with the job's context and the first error met. The
 * writer opens the document and its root element (with their declaration,
 * doctype and namespaces) and closes them; what is inside the root, the
 * markup made here (epub_start/epub_attr/epub_end keep their own stack of
 * open elements, of names that are string constants) and text escaped here,
 * collects in raw and goes to the xmlTextWriter in pieces
 * (xmlTextWriterWriteRawLen): before any other call on it, and when a block
 * ends with 16 KiB or more. */
#define EPUB_XML_DEPTH 16
typedef struct {
	galley_context *ctx;
	struct _xmlTextWriter *w;
	galley_buffer scratch;
	galley_buffer raw;
	const char *open[EPUB_XML_DEPTH]; /* elements open in raw */
	int depth;
	int tag;      /* the start tag of open[depth - 1] is not closed yet */
	long dropped; /* characters XML cannot carry, removed */
	int err;
} epub_xml;

/** Hand the markup collected in raw to the xmlTextWriter. */
int epub_flush(epub_xml *x);
/** Append markup (well-formed, made by the writer) to raw. */
static inline void epub_put(epub_xml *x, const char *s, size_t n)
{
	galley_buffer *r = &x->raw;
	if (r->len + n < r->cap) {
		memcpy(r->data + r->len, s, n);
		r->len += n;
	} else {
		galley_buffer_append(r, s, n);
	}
}
#define EPUB_PUT(x, lit) epub_put((x), (lit), sizeof(lit) - 1)
/** Close a start tag epub_start() left open for attributes. */
static inline void epub_close_tag(epub_xml *x)
{
	if (x->tag) {
		x->tag = 0;
		epub_put(x, ">", 1);
	}
}
/** Text escaped as character data (attr 0) or an attribute value (attr 1)
 * onto raw, with the characters XML 1.0 cannot carry dropped (counted). */
int epub_esc(epub_xml *x, const char *s, size_t len, int attr);
/** A decimal number onto raw. */
void epub_put_num(epub_xml *x, unsigned long v);
/** The start of an XHTML file: html with both language attributes, head
 * with title and stylesheet, then body (open). */
int epub_xhtml_head(epub_xml *x, const char *lang, const char *title);
/** Close body and html, end the document. */
int epub_xhtml_foot(epub_xml *x);

int epub_xml_open(epub_xml *x, galley_context *ctx, galley_buffer *out);
/** Free the writer and its scratch; returns the first error (0 when none). */
int epub_xml_close(epub_xml *x);
int epub_xml_fail(epub_xml *x);
/** Open element name (a string constant) in raw. */
int epub_start(epub_xml *x, const char *name);
/** Close the element epub_start() opened last, else the root element. */
int epub_end(epub_xml *x);
/** An attribute of the element just opened (epub_start(), else the root). */
int epub_attr(epub_xml *x, const char *name, const char *value);
int epub_text(epub_xml *x, const char *s, size_t len);
int epub_str(epub_xml *x, const char *s);
int epub_raw(epub_xml *x, const char *s);
/** <name>text</name>, nothing when text is NULL. */
int epub_element(epub_xml *x, const char *name, const char *text);

/** 1 when s (trimmed, "_" read as "-") is a well-formed language tag; the
 * tag goes to out. */
int epub_lang(const char *s, char *out, size_t outsz);
/** 1 when s starts with a W3C date (YYYY, YYYY-MM, YYYY-MM-DD); that date goes to out. */
int epub_date(const char *s, char *out, size_t outsz);
/** 1 for a URL with a scheme a reading system opens outside the book. */
int epub_is_external(const char *url);
/** s as one class token: letters, digits, '-' and '_' kept, the rest '-'. */
int epub_token(const char *s, galley_buffer *out);
/** A urn:uuid (RFC 9562 version 8, name-based on the XXH3 128-bit hash of
 * the bytes added, in pieces) into out, 46 bytes at least. The pieces
 * (often a byte or a word) are gathered in buf and hashed 4 KiB at a time. */
typedef struct {
	XXH3_state_t state;
	size_t n;
	unsigned char buf[4096];
} epub_hash;
void epub_hash_init(epub_hash *h);
void epub_hash_add(epub_hash *h, const char *data, size_t len);
void epub_hash_uuid(epub_hash *h, char *out, size_t outsz);

/** The book's packaged image for src in chapter ch, or NULL. */
const epub_image *epub_book_image(const epub_book *b, size_t ch, const char *src);

/** The name of file `part` of chapter i: "release-1.xhtml", "release-1-2.xhtml". */
void epub_part_file(size_t i, size_t part, char *out, size_t outsz);

/** The XHTML files (epub_xhtml.c): file `part` of release i. */
int epub_chapter_xhtml(const epub_book *b, size_t i, size_t part, galley_buffer *out);
int epub_nav_xhtml(const epub_book *b, galley_buffer *out);
int epub_contents_xhtml(const epub_book *b, galley_buffer *out);

#define EPUB_XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_OPS_NS "http://www.idpf.org/2007/ops"

#endif
