/* docx.h — private to the DOCX plugin: the writer entry point (so tests can
 * link the plugin code directly) and what docx.c (the body) and
 * docx_package.c (the package's other parts) share. */
#ifndef GALLEY_DOCX_H
#define GALLEY_DOCX_H

#include <galley/galley.h>
#include <galley/plugin.h>

/* An XML writer with its first error (docx_xml.c). */
typedef struct {
	galley_context *ctx;
	struct _xmlTextWriter *w;
	int err;
	galley_buffer tmp; /* docx_xml_empty()'s, kept from one element to the next */
} docx_xml;

int docx_xml_fail(docx_xml *x);
int docx_xml_start(docx_xml *x, const char *name);
int docx_xml_end(docx_xml *x);
int docx_xml_attr(docx_xml *x, const char *name, const char *value);
/** <name a="v" .../> in one raw piece, the values escaped: attrs holds
 * name, value pairs up to a NULL name; a pair with a NULL value is left out. */
int docx_xml_empty(docx_xml *x, const char *name, const char *const *attrs);

/** The writer callback registered as "docx". */
int docx_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload);

/* One list of the document: a w:num of its own in numbering.xml. */
typedef struct {
	int abstract_id; /* 1 numbered, 2 bullets, 3 Korean outline bullets */
	int ilvl;
	long start;
} docx_list;

/* The hyperlink targets of one part: relationship rId(DOCX_FIRST_LINK_RID + i)
 * of its .rels. */
typedef struct {
	char *target;
	int image; /* an image in the package (media/...), else an external hyperlink */
} docx_rel;

typedef struct {
	docx_rel *v;
	size_t n, cap;
} docx_links;

/* An image embedded as word/media/NAME. */
typedef struct {
	char *name; /* "media/image1.png" */
	char *data;
	size_t len;
} docx_media;

/* What writing word/document.xml (and footnotes.xml) found that the other
 * parts must describe. */
typedef struct {
	galley_buffer document;  /* word/document.xml */
	galley_buffer footnotes; /* word/footnotes.xml, empty when there are none */
	docx_links links;        /* of document.xml */
	docx_links note_links;   /* of footnotes.xml */
	docx_list *lists;        /* w:num numId(i + 1) */
	size_t nlists, caplists;
	docx_media *media;
	size_t nmedia, capmedia;
	int has_png, has_jpeg, has_gif; /* for the content types' Defaults */
	/* set before docx_body_write: a reference document's page setup */
	const galley_buffer *sectpr; /* written as it is when not empty */
	long num_base;               /* w:num ids start after it */
	long text_width;             /* twips; 0: A4 with 1-inch margins */
	int lang_in_styles;          /* the styles' run defaults carry the language: no w:lang on runs */
} docx_body;

/* A part taken from a reference document, under its new name. */
typedef struct {
	char *name;  /* "word/ref-header1.xml" */
	char *ctype; /* its content type (an Override), NULL for a relationships part */
	galley_buffer data;
} docx_ref_part;

/* What the reference-doc option takes from a user's DOCX (docx_reference.c). */
typedef struct {
	int active;
	galley_buffer styles;    /* word/styles.xml, with the styles galley needs added */
	galley_buffer numbering; /* word/numbering.xml with galley's abstractNums; empty: galley's own */
	long abstract_base, num_base; /* galley's abstractNum and num ids come after these */
	galley_buffer fonts;     /* word/fontTable.xml; empty: galley's own */
	galley_buffer sectpr;    /* its last w:sectPr, relationship ids renamed; empty: galley's own */
	long text_width;         /* twips between its margins; 0: galley's A4 */
	galley_buffer doc_rels;  /* <Relationship>s document.xml.rels gets for them */
	docx_ref_part *parts;    /* headers, footers, what they refer to, the theme */
	size_t nparts, capparts;
} docx_reference;

/** Read the reference document at path; on failure (not a zip, no
 * word/styles.xml, XML that is not well-formed, a part named but missing)
 * a one-line error naming path, and nothing to dispose. */
int docx_reference_load(galley_context *ctx, const char *path, docx_reference *r);
void docx_reference_dispose(docx_reference *r);

/* Relationship ids of document.xml.rels: the fixed parts, then links. */
#define DOCX_RID_STYLES 1
#define DOCX_RID_NUMBERING 2
#define DOCX_RID_SETTINGS 3
#define DOCX_RID_FONTS 4
#define DOCX_RID_FOOTNOTES 5
#define DOCX_FIRST_LINK_RID 6

/** Write word/document.xml and word/footnotes.xml of doc into body. */
int docx_body_write(galley_context *ctx, const galley_node *doc, docx_body *body);
void docx_body_dispose(docx_body *body);

/** The language's tag as w:lang takes it (trimmed, "_" as "-"), or 0 when
 * it is not a plausible BCP 47 tag; *east_asian gets the w:eastAsia tag
 * ("ko-KR", "ja-JP", "zh-CN", "zh-TW") or NULL, *font the East Asian font. */
int docx_lang(const char *s, char *out, size_t outsz, const char **east_asian, const char **font);

/** The value for dcterms:created from a release date: its W3CDTF form (a
 * date, or a time with its zone; a time without a zone keeps only the
 * date), or 0 when the date is not in a W3C form. */
int docx_w3cdtf(const char *date, char *out, size_t outsz);


#endif
