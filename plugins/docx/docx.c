/* docx.c — the body of the "docx" writer: word/document.xml (the release's
 * header lines, then the tree) and word/footnotes.xml, written through the
 * core's xmlTextWriter. The other parts are docx_package.c's. */
#include "docx.h"

#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define WP_NS "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC_NS "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* EMU: 914400 an inch; pixels at 96 dpi; at most the text's width. */
#define S_EMU_PER_PX 9525L
#define S_TEXT_WIDTH_EMU (S_TEXT_WIDTH * 635L)

/* The text width in twips: a reference document's, else that of an A4
 * page with 1-inch margins. */
#define S_TEXT_WIDTH (st->body->text_width > 0 ? st->body->text_width : 9026L)

typedef struct {
	int numid;   /* w:numId of the list */
	int ilvl;
	int pending; /* the current item's number is still to be written */
} S_list;

typedef struct {
	int ncols;
	int *busy;  /* rows a vertical span from above still covers, per column */
	int *bspan; /* the width of the span starting at that column (0: not a start) */
	int col;
	int header; /* every row so far was a header row */
} S_table;

typedef struct {
	docx_xml x;       /* the part being written */
	galley_buffer out; /* markup of our own, not yet handed to the writer */
	docx_body *body;
	docx_links *links; /* of the part being written */
	galley_buffer scratch;
	galley_buffer uri;
	galley_buffer image;
	long drawings;    /* wp:docPr ids */
	int in_par;       /* a w:p is open */
	int implicit;     /* ... opened for inlines found outside a paragraph */
	int last_par;     /* the last block written in the current container was a w:p */
	long blocks;      /* blocks written into the body */
	int bold, italic, sup, sub;
	const galley_node *link; /* the LINK whose w:hyperlink is open */
	int in_link;
	int ref_pending;  /* a footnote's footnoteRef is still to be written */
	int in_note;
	char lang[40];
	int has_lang;
	const char *ea_lang, *ea_font;
	int korean;
	S_list *lists;
	size_t nlists, caplists;
	S_table *tables;
	size_t ntables, captables;
	const galley_node **notes;
	size_t nnotes, capnotes;
} S_state;

static int S_fail(S_state *st)
{
	return docx_xml_fail(&st->x);
}

#define X(call) \
	do { \
		if ((call) < 0) \
			return S_fail(st); \
	} while (0)

static int S_grow(S_state *st, void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *nv = galley_realloc(*v, ncap * size);
	if (!nv)
		return S_fail(st);
	*v = nv;
	*cap = ncap;
	return 0;
}

/* Markup of our own making (names, style ids, numbers, language tags:
 * nothing to escape) and text escaped here collect in st->out and go to
 * the writer as raw pieces of 16 KiB: an xmlTextWriter call per element,
 * attribute or run was most of the time the body took. Every call of the
 * writer's own hands it what was collected first, so the order holds. */
#define S_CHUNK 16384

static int S_flush(S_state *st)
{
	galley_buffer *o = &st->out;
	if (o->oom)
		return S_fail(st);
	if (!o->len)
		return 0;
	if (xmlTextWriterWriteRawLen(st->x.w, BAD_CAST o->data, (int)o->len) < 0)
		return S_fail(st);
	galley_buffer_clear(o);
	return 0;
}

/* (what was collected goes before more is added, so the last piece is
 * always still here for S_close()) */
#if defined(__GNUC__)
__attribute__((always_inline)) /* a literal's memcpy then is a move or two */
#endif
static inline int S_raw(S_state *st, const char *s, size_t len)
{
	if (st->out.len >= S_CHUNK && S_flush(st) < 0)
		return st->x.err;
	return galley_buffer_append_fast(&st->out, s, len) < 0 ? S_fail(st) : 0;
}

#define S_RAW(st, lit) S_raw(st, lit, sizeof lit - 1)

static int S_raws(S_state *st, const char *s)
{
	return S_raw(st, s, strlen(s));
}

static int S_raw_long(S_state *st, long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return S_raw(st, p, (size_t)(buf + sizeof buf - p));
}

/* The end tag of an element opened here with raw markup; one with
 * nothing in it is closed as <name/>, as the writer closes its own. */
static int S_close(S_state *st, const char *end_tag, size_t len)
{
	galley_buffer *o = &st->out;
	size_t lt = o->len;
	if (o->len >= 2 && o->data[o->len - 1] == '>' && o->data[o->len - 2] != '/')
		while (lt > 0 && o->data[--lt] != '<')
			;
	if (lt < o->len && o->data[lt] == '<' && o->data[lt + 1] != '/') {
		galley_buffer_truncate(o, o->len - 1);
		return S_RAW(st, "/>");
	}
	return S_raw(st, end_tag, len);
}

#define S_CLOSE(st, lit) S_close(st, lit, sizeof lit - 1)

/* <name w:val="value"/> (value: nothing to escape) */
static int S_val(S_state *st, const char *name, const char *value)
{
	if (S_RAW(st, "<") < 0 || S_raws(st, name) < 0)
		return st->x.err;
	if (value && (S_RAW(st, " w:val=\"") < 0 || S_raws(st, value) < 0 || S_RAW(st, "\"") < 0))
		return st->x.err;
	return S_RAW(st, "/>");
}

static int S_val_long(S_state *st, const char *name, long value)
{
	if (S_RAW(st, "<") < 0 || S_raws(st, name) < 0 || S_RAW(st, " w:val=\"") < 0 || S_raw_long(st, value) < 0)
		return st->x.err;
	return S_RAW(st, "\"/>");
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */
/* ------------------------------------------------------------------ */

/* w:rPr in the order CT_RPr's sequence has it: rStyle, rFonts, b, bCs, i,
 * iCs, ..., vertAlign, ..., lang. The language is left out when the
 * styles' run defaults carry it. */
static int S_rpr(S_state *st, const char *rstyle)
{
	int lang = st->has_lang && !st->body->lang_in_styles;
	if (!(rstyle || st->ea_font || st->bold || st->italic || st->sup || st->sub || lang))
		return 0;
	if (S_RAW(st, "<w:rPr>") < 0 ||
		(rstyle && (S_RAW(st, "<w:rStyle w:val=\"") < 0 || S_raws(st, rstyle) < 0 || S_RAW(st, "\"/>") < 0)) ||
		(st->ea_font && (S_RAW(st, "<w:rFonts w:eastAsia=\"") < 0 || S_raws(st, st->ea_font) < 0 || S_RAW(st, "\"/>") < 0)) ||
		(st->bold && S_RAW(st, "<w:b/><w:bCs/>") < 0) || (st->italic && S_RAW(st, "<w:i/><w:iCs/>") < 0) ||
		((st->sup || st->sub) &&
			S_raws(st, st->sup >= st->sub ? "<w:vertAlign w:val=\"superscript\"/>" : "<w:vertAlign w:val=\"subscript\"/>") < 0))
		return st->x.err;
	if (lang && st->ea_lang &&
		(S_RAW(st, "<w:lang w:val=\"") < 0 || S_raws(st, st->ea_lang) < 0 || S_RAW(st, "\" w:eastAsia=\"") < 0 ||
		S_raws(st, st->ea_lang) < 0 || S_RAW(st, "\"/>") < 0))
		return st->x.err;
	if (lang && !st->ea_lang && (S_RAW(st, "<w:lang w:val=\"") < 0 || S_raws(st, st->lang) < 0 || S_RAW(st, "\"/>") < 0))
		return st->x.err;
	return S_RAW(st, "</w:rPr>");
}

/* One piece of text without newlines or tabs, as w:t, escaped straight
 * into what goes to the writer; xml:space="preserve" only where spaces
 * would be lost: at either end, or two in a row. */
static int S_t(S_state *st, const char *s, size_t len)
{
	const char *p, *end = s + len;
	int preserve;
	if (!len)
		return 0;
	preserve = s[0] == ' ' || s[len - 1] == ' ';
	/* two spaces in a row, eight bytes at a time: z marks the spaces of
	 * a word exactly, and a pair within it or across its end counts */
	for (p = s; !preserve && p + 8 <= end; p += 7) {
		uint64_t x, t, z;
		memcpy(&x, p, 8);
		t = x ^ 0x2020202020202020ull;
		z = ~(((t & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | t | 0x7F7F7F7F7F7F7F7Full);
		preserve = (z & (z >> 8)) != 0;
	}
	for (; !preserve && p + 1 < end; p++)
		preserve = p[0] == ' ' && p[1] == ' ';
	if ((preserve ? S_RAW(st, "<w:t xml:space=\"preserve\">") : S_RAW(st, "<w:t>")) < 0)
		return st->x.err;
	if (galley_xml_escape(s, len, &st->out, 0) < 0)
		return S_fail(st);
	return S_RAW(st, "</w:t>");
}

/* What S_text() looks for: 1 a byte that ends a w:t (tab, newline, CR),
 * 2 one galley_xml_clean() drops (the other controls), 3 0xEF (U+FFFE
 * and U+FFFF, which it drops too, start with it), 0 the rest. */
static const unsigned char S_text_class[256] = {
	2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* 2 when text holds what galley_xml_clean() drops: the escape would drop
 * it too, but the spaces on either side of it are seen together only
 * once it is gone; else 1 when it has a tab, newline or CR, 0 when none. */
static int S_scan(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	int split = 0;
	size_t i = 0;
	for (;; i++) {
		/* eight bytes at a time while none is below 0x20 or 0xEF */
		uint64_t x, e;
		while (i + 8 <= len) {
			memcpy(&x, s + i, 8);
			e = x ^ 0xEFEFEFEFEFEFEFEFull;
			if (((x - 0x2020202020202020ull) & ~x & 0x8080808080808080ull) |
				((e - 0x0101010101010101ull) & ~e & 0x8080808080808080ull))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char k = S_text_class[s[i]];
		if (!k)
			continue;
		if (k == 1)
			split = 1;
		else if (k == 2 || (i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] & 0xFE) == 0xBE))
			return 2;
	}
	return split;
}

/* Text as one run: newlines become w:br (never a newline in w:t), tabs w:tab. */
static int S_text(S_state *st, const char *text, size_t len, const char *rstyle)
{
	const unsigned char *u;
	size_t i, from = 0;
	const char *s = text;
	int scan;

	if (!text || !len)
		return 0;
	if ((scan = S_scan(text, len)) == 2) {
		galley_buffer_clear(&st->scratch);
		if (galley_xml_clean(text, len, &st->scratch) < 0 || st->scratch.oom)
			return S_fail(st);
		s = st->scratch.data;
		len = st->scratch.len;
		if (!len)
			return 0;
		scan = S_scan(s, len);
	}
	if (S_RAW(st, "<w:r>") < 0 || S_rpr(st, rstyle) < 0)
		return st->x.err;
	if (!scan) {
		if (S_t(st, s, len) < 0)
			return st->x.err;
		return S_RAW(st, "</w:r>");
	}
	u = (const unsigned char *)s;
	for (i = 0; i <= len; i++) {
		char c;
		if (i < len && S_text_class[u[i]] != 1)
			continue;
		c = i < len ? s[i] : '\0';
		if (S_t(st, s + from, i - from) < 0)
			return st->x.err;
		if (c == '\t' && S_RAW(st, "<w:tab/>") < 0)
			return st->x.err;
		if ((c == '\n' || (c == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) && S_RAW(st, "<w:br/>") < 0)
			return st->x.err;
		from = i + 1;
	}
	return S_RAW(st, "</w:r>");
}

static int S_str(S_state *st, const char *s, const char *rstyle)
{
	return s ? S_text(st, s, strlen(s), rstyle) : 0;
}

/* An external hyperlink to the address S_linkable() has just encoded in
 * st->uri: its relationship, and w:hyperlink opened. */
static int S_open_link(S_state *st)
{
	docx_links *l = st->links;
	char *copy;

	if (st->uri.oom)
		return S_fail(st);
	if (S_grow(st, (void **)&l->v, &l->cap, l->n, sizeof *l->v) < 0)
		return st->x.err;
	if (!(copy = galley_strdup(st->uri.data)))
		return S_fail(st);
	l->v[l->n].target = copy;
	l->v[l->n++].image = 0;
	if (S_RAW(st, "<w:hyperlink r:id=\"rId") < 0 || S_raw_long(st, (long)(DOCX_FIRST_LINK_RID + l->n - 1)) < 0)
		return st->x.err;
	return S_RAW(st, "\">");
}

/* A URL worth a hyperlink: not empty, not a fragment of a page that is
 * not here, and a valid URI once percent-encoded (galley_uri_valid: the
 * relationship's Target is an xs:anyURI). */
static int S_linkable(S_state *st, const char *url)
{
	if (!url || !*url || *url == '#')
		return 0;
	galley_buffer_clear(&st->uri);
	if (galley_uri_encode(url, &st->uri) < 0 || galley_buffer_putc(&st->uri, '\0') < 0)
		return 1; /* out of memory: S_open_link says so (st->uri.oom) */
	return galley_uri_valid(st->uri.data);
}

/* An embedded image: word/media/imageN.EXT, a relationship to it, and
 * the wp:inline drawing (extent, effectExtent, docPr, cNvGraphicFramePr,
 * graphic, in that order). */
static int S_drawing(S_state *st, const char *ext, long w, long h, const char *alt)
{
	docx_body *b = st->body;
	docx_links *l = st->links;
	docx_media *m;
	char name[64], rid[32];
	long cx = w * S_EMU_PER_PX, cy = h * S_EMU_PER_PX;

	if (cx > S_TEXT_WIDTH_EMU) {
		cy = (long)((double)cy * S_TEXT_WIDTH_EMU / cx);
		cx = S_TEXT_WIDTH_EMU;
		if (cy < 1)
			cy = 1;
	}
	if (S_grow(st, (void **)&b->media, &b->capmedia, b->nmedia, sizeof *b->media) < 0 ||
		S_grow(st, (void **)&l->v, &l->cap, l->n, sizeof *l->v) < 0)
		return st->x.err;
	snprintf(name, sizeof name, "media/image%zu.%s", b->nmedia + 1, ext);
	m = &b->media[b->nmedia];
	if (!(m->name = galley_strdup(name)))
		return S_fail(st);
	m->len = st->image.len;
	if (!(m->data = galley_buffer_detach(&st->image, NULL))) {
		galley_free(m->name);
		return S_fail(st);
	}
	b->nmedia++;
	b->has_png |= !strcmp(ext, "png");
	b->has_jpeg |= !strcmp(ext, "jpeg");
	b->has_gif |= !strcmp(ext, "gif");
	if (!(l->v[l->n].target = galley_strdup(name)))
		return S_fail(st);
	l->v[l->n++].image = 1;
	snprintf(rid, sizeof rid, "rId%zu", DOCX_FIRST_LINK_RID + l->n - 1);
	st->drawings++;
	if (!alt)
		alt = "";
	galley_buffer_clear(&st->scratch);
	if (galley_xml_escape(alt, strlen(alt), &st->scratch, 1) < 0 || st->scratch.oom)
		return S_fail(st);
	if (S_RAW(st, "<w:r>") < 0 || S_rpr(st, NULL) < 0 ||
		S_RAW(st, "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"") < 0 ||
		S_raw_long(st, cx) < 0 || S_RAW(st, "\" cy=\"") < 0 || S_raw_long(st, cy) < 0 ||
		S_RAW(st, "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"") < 0 ||
		S_raw_long(st, st->drawings) < 0 || S_RAW(st, "\" name=\"") < 0 || S_raws(st, name + 6) < 0 ||
		(*alt && (S_RAW(st, "\" descr=\"") < 0 || S_raw(st, st->scratch.data, st->scratch.len) < 0)) ||
		S_RAW(st, "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
			"<a:graphic><a:graphicData uri=\"" PIC_NS "\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"") < 0 ||
		S_raws(st, name + 6) < 0 ||
		S_RAW(st, "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"") < 0 || S_raws(st, rid) < 0 ||
		S_RAW(st, "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
			"<a:ext cx=\"") < 0 || S_raw_long(st, cx) < 0 || S_RAW(st, "\" cy=\"") < 0 || S_raw_long(st, cy) < 0)
		return st->x.err;
	return S_RAW(st, "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
		"</a:graphic></wp:inline></w:drawing></w:r>");
}

/* An image from a data: URI or a local file is embedded; a remote one is
 * never fetched: its alt text, linked to the image's address. */
static int S_image(S_state *st, const galley_node *node)
{
	const char *url = galley_node_get_url(node);
	const char *alt = galley_node_get_alt(node);
	int data = url && !strncmp(url, "data:", 5);
	galley_image_info info;
	int rc;

	galley_buffer_clear(&st->image);
	if ((rc = galley_image_load(st->x.ctx, NULL, url, &st->image, &info)) < 0)
		return st->x.err = rc;
	if (rc == 1)
		return S_drawing(st, info.ext, info.width, info.height, alt);

	if (!alt || !*alt)
		alt = data || !url ? NULL : url;
	if (!alt)
		return 0;
	if (st->in_link || data || !S_linkable(st, url))
		return S_str(st, alt, st->in_link ? "Hyperlink" : NULL);
	if (S_open_link(st) < 0 || S_str(st, alt, "Hyperlink") < 0)
		return st->x.err;
	return S_CLOSE(st, "</w:hyperlink>");
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */
/* ------------------------------------------------------------------ */

static int S_footnote_ref(S_state *st)
{
	st->ref_pending = 0;
	if (S_RAW(st, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>") < 0)
		return st->x.err;
	return S_str(st, " ", NULL);
}

/* <w:p><w:pPr> pStyle, numPr, ind (CT_PPrBase's order) </w:pPr> */
static int S_open_par(S_state *st, const char *style, int numid, int ilvl, long indent)
{
	if (!style && !numid && !indent) {
		if (S_RAW(st, "<w:p>") < 0)
			return st->x.err;
	} else if (S_RAW(st, "<w:p><w:pPr>") < 0 ||
		(style && (S_RAW(st, "<w:pStyle w:val=\"") < 0 || S_raws(st, style) < 0 || S_RAW(st, "\"/>") < 0)) ||
		(numid && (S_RAW(st, "<w:numPr><w:ilvl w:val=\"") < 0 || S_raw_long(st, ilvl) < 0 ||
			S_RAW(st, "\"/><w:numId w:val=\"") < 0 || S_raw_long(st, numid) < 0 || S_RAW(st, "\"/></w:numPr>") < 0)) ||
		(indent && (S_RAW(st, "<w:ind w:left=\"") < 0 || S_raw_long(st, indent) < 0 || S_RAW(st, "\"/>") < 0)) ||
		S_RAW(st, "</w:pPr>") < 0) {
		return st->x.err;
	}
	st->in_par = 1;
	st->blocks++;
	if (st->ref_pending)
		return S_footnote_ref(st);
	return 0;
}

static int S_close_par(S_state *st)
{
	if (!st->in_par)
		return 0;
	st->in_par = 0;
	st->implicit = 0;
	st->last_par = 1;
	return S_CLOSE(st, "</w:p>");
}

/* The paragraph style a block's context gives: a quote, a role div, a
 * table cell or a footnote around it (the nearest decides). */
static const char *S_context_style(const galley_node *node)
{
	const galley_node *p;
	for (p = galley_node_parent(node); p; p = galley_node_parent(p)) {
		const char *role;
		switch (galley_node_get_type(p)) {
		case GALLEY_NODE_QUOTE:
			return "Quote";
		case GALLEY_NODE_DIV:
			if (!(role = galley_node_get_role(p)))
				break;
			if (!strcmp(role, "signature"))
				return "Signature";
			if (!strcmp(role, "contact"))
				return "Contact";
			if (!strcmp(role, "note"))
				return "Note";
			if (!strcmp(role, "dateline"))
				return "Dateline";
			break;
		case GALLEY_NODE_CELL:
			return galley_node_get_cell_header(p) ? "TableHeading" : "TableContents";
		case GALLEY_NODE_NOTE:
			return "FootnoteText";
		case GALLEY_NODE_DOCUMENT:
			return NULL;
		default:
			break;
		}
	}
	return NULL;
}

static S_list *S_item_list(S_state *st, const galley_node *node)
{
	const galley_node *parent = galley_node_parent(node);
	if (!st->nlists || !parent || galley_node_get_type(parent) != GALLEY_NODE_ITEM)
		return NULL;
	return &st->lists[st->nlists - 1];
}

/* 1 when an item holds node below a quote or div (not across a cell or a note). */
static int S_in_item(const galley_node *node)
{
	const galley_node *p;
	for (p = galley_node_parent(node); p; p = galley_node_parent(p)) {
		galley_node_type t = galley_node_get_type(p);
		if (t == GALLEY_NODE_ITEM)
			return 1;
		if (t != GALLEY_NODE_QUOTE && t != GALLEY_NODE_DIV)
			return 0;
	}
	return 0;
}

/* A paragraph-like block (paragraph, heading, caption, break): in an item
 * the first one carries the item's number, the others the item's indent. */
static int S_open_block_par(S_state *st, const galley_node *node, const char *style)
{
	S_list *l = S_item_list(st, node);
	if (l && l->pending) {
		l->pending = 0;
		return S_open_par(st, style ? style : "ListParagraph", l->numid, l->ilvl, 0);
	}
	if (l)
		return S_open_par(st, style ? style : "ListParagraph", 0, 0, 720L * (l->ilvl + 1));
	if (st->nlists && S_in_item(node)) /* in a quote or div of an item: the item's indent, its own style */
		return S_open_par(st, style ? style : S_context_style(node), 0, 0, 720L * (st->lists[st->nlists - 1].ilvl + 1));
	return S_open_par(st, style ? style : S_context_style(node), 0, 0, 0);
}

/* An empty paragraph that carries a pending number or footnote mark. */
static int S_flush_pending(S_state *st, const galley_node *node)
{
	S_list *l = S_item_list(st, node);
	if ((l && l->pending) || st->ref_pending) {
		if (S_open_block_par(st, node, NULL) < 0)
			return st->x.err;
		return S_close_par(st);
	}
	return 0;
}

/* Inline content where no paragraph is open gets one of its own. */
static int S_ensure_par(S_state *st, const galley_node *node)
{
	if (st->in_par)
		return 0;
	st->implicit = 1;
	return S_open_block_par(st, node, NULL);
}

static int S_close_implicit(S_state *st)
{
	return st->implicit ? S_close_par(st) : 0;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

/* The next free column from *col, skipping those vertical spans cover;
 * the width a cell of colspan there gets (up to the next covered one). */
static int S_place(const int *busy, int ncols, int *col, int colspan)
{
	int w = 0;
	while (*col < ncols && busy[*col] > 0)
		(*col)++;
	while (w < colspan && (*col + w >= ncols || busy[*col + w] == 0))
		w++;
	return w ? w : 1;
}

/* How many grid columns the table needs. */
static int S_table_columns(S_state *st, const galley_node *table)
{
	const galley_node *row, *cell;
	int ncols = 0, cap = 0, *busy = NULL;

	for (row = galley_node_first_child(table); row; row = galley_node_next(row)) {
		int col = 0, c;
		if (galley_node_get_type(row) != GALLEY_NODE_ROW)
			continue;
		for (cell = galley_node_first_child(row); cell; cell = galley_node_next(cell)) {
			int span = galley_node_get_colspan(cell), rows = galley_node_get_rowspan(cell), w;
			w = S_place(busy, cap, &col, span < 1 ? 1 : span);
			if (col + w > cap) {
				int ncap = (col + w) * 2, *nb = galley_realloc(busy, (size_t)ncap * sizeof *nb);
				if (!nb) {
					galley_free(busy);
					return S_fail(st);
				}
				memset(nb + cap, 0, (size_t)(ncap - cap) * sizeof *nb);
				busy = nb;
				cap = ncap;
			}
			for (c = col; c < col + w; c++)
				busy[c] = rows > 1 ? rows : 0; /* decremented below, with the row */
			col += w;
			if (col > ncols)
				ncols = col;
		}
		for (c = 0; c < cap; c++)
			if (busy[c] > 0)
				busy[c]--;
	}
	galley_free(busy);
	return ncols;
}

static int S_tc_open(S_state *st, int width, int span, const char *vmerge)
{
	if (S_RAW(st, "<w:tc><w:tcPr><w:tcW w:w=\"") < 0 || S_raw_long(st, (long)width * span) < 0 ||
		S_RAW(st, "\" w:type=\"dxa\"/>") < 0)
		return st->x.err;
	if (span > 1 && S_val_long(st, "w:gridSpan", span) < 0)
		return st->x.err;
	if (vmerge && S_val(st, "w:vMerge", *vmerge ? vmerge : NULL) < 0)
		return st->x.err;
	return S_RAW(st, "</w:tcPr>");
}

/* The cells a vertical span continues into (and, with fill, empty cells)
 * up to column `to`. */
static int S_fill_row(S_state *st, S_table *t, int to, int fill)
{
	int width = S_TEXT_WIDTH / t->ncols;
	while (t->col < t->ncols && t->col < to) {
		int c, span;
		if (t->busy[t->col] > 0) {
			span = t->bspan[t->col] > 0 ? t->bspan[t->col] : 1;
			for (c = t->col; c < t->col + span && c < t->ncols; c++)
				t->busy[c]--;
			if (S_tc_open(st, width, span, "") < 0)
				return st->x.err;
		} else if (fill) {
			span = 1;
			if (S_tc_open(st, width, 1, NULL) < 0)
				return st->x.err;
		} else {
			break;
		}
		if (S_RAW(st, "<w:p/></w:tc>") < 0)
			return st->x.err;
		t->col += span;
	}
	return 0;
}

static int S_table_enter(S_state *st, const galley_node *node, int *skip);

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

static int S_walk(S_state *st, const galley_node *root, int with_root);

/* Before any block: inlines that were put outside a paragraph end, and an
 * item or a footnote that has not written its mark yet does so. */
static int S_before_block(S_state *st, const galley_node *node)
{
	galley_node_type t = galley_node_get_type(node);
	if (S_close_implicit(st) < 0)
		return st->x.err;
	if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING || t == GALLEY_NODE_CAPTION || t == GALLEY_NODE_BREAK ||
		t == GALLEY_NODE_CODE_BLOCK || t == GALLEY_NODE_FIGURE)
		return 0;
	return S_flush_pending(st, node);
}

static int S_enter(S_state *st, const galley_node *node, int *skip)
{
	galley_node_type type = galley_node_get_type(node);
	char style[16];
	const char *s;

	if (galley_node_type_is_block(type) || type == GALLEY_NODE_ITEM) {
		if (S_before_block(st, node) < 0)
			return st->x.err;
	} else if (galley_node_type_is_inline(type) && S_ensure_par(st, node) < 0) {
		return st->x.err;
	}
	switch (type) {
	case GALLEY_NODE_NONE:
	case GALLEY_NODE_DOCUMENT:
		return 0;
	case GALLEY_NODE_PARAGRAPH:
		return S_open_block_par(st, node, NULL);
	case GALLEY_NODE_HEADING:
		snprintf(style, sizeof style, "Heading%d", galley_node_get_level(node));
		return S_open_block_par(st, node, style);
	case GALLEY_NODE_CAPTION:
		return S_open_block_par(st, node, "Caption");
	case GALLEY_NODE_BREAK:
		if (S_open_block_par(st, node, "ThematicBreak") < 0)
			return st->x.err;
		return S_close_par(st);
	case GALLEY_NODE_CODE_BLOCK: {
		size_t len = galley_node_get_text_len(node);
		s = galley_node_get_text(node);
		while (len && s && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (S_open_block_par(st, node, "SourceCode") < 0 || S_text(st, s, len, NULL) < 0)
			return st->x.err;
		return S_close_par(st);
	}
	case GALLEY_NODE_LIST: {
		docx_body *b = st->body;
		S_list *l;
		if (!galley_node_first_child(node)) {
			*skip = 1;
			return 0;
		}
		if (S_grow(st, (void **)&b->lists, &b->caplists, b->nlists, sizeof *b->lists) < 0 ||
			S_grow(st, (void **)&st->lists, &st->caplists, st->nlists, sizeof *st->lists) < 0)
			return st->x.err;
		b->lists[b->nlists].abstract_id = galley_node_get_list_ordered(node) ? 1 : st->korean ? 3 : 2;
		b->lists[b->nlists].ilvl = st->nlists > 8 ? 8 : (int)st->nlists;
		b->lists[b->nlists].start = galley_node_get_list_start(node);
		l = &st->lists[st->nlists++];
		l->numid = (int)(b->num_base + (long)++b->nlists);
		l->ilvl = b->lists[b->nlists - 1].ilvl;
		l->pending = 0;
		return 0;
	}
	case GALLEY_NODE_ITEM:
		if (st->nlists)
			st->lists[st->nlists - 1].pending = 1;
		return 0;
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_DIV:
		return 0;
	case GALLEY_NODE_TABLE:
		return S_table_enter(st, node, skip);
	case GALLEY_NODE_ROW: {
		S_table *t = &st->tables[st->ntables - 1];
		const galley_node *c;
		int header = galley_node_first_child(node) != NULL;
		for (c = galley_node_first_child(node); c; c = galley_node_next(c))
			header &= galley_node_get_cell_header(c);
		t->header &= header;
		t->col = 0;
		return t->header ? S_RAW(st, "<w:tr><w:trPr><w:tblHeader/></w:trPr>") : S_RAW(st, "<w:tr>");
	}
	case GALLEY_NODE_CELL: {
		S_table *t = &st->tables[st->ntables - 1];
		int span = galley_node_get_colspan(node), rows = galley_node_get_rowspan(node), c;
		int col = t->col, w;
		w = S_place(t->busy, t->ncols, &col, span < 1 ? 1 : span);
		if (S_fill_row(st, t, col, 0) < 0)
			return st->x.err;
		if (t->col >= t->ncols) { /* cannot happen: the grid was measured with the same rule */
			*skip = 1;
			return 0;
		}
		if (t->col + w > t->ncols)
			w = t->ncols - t->col;
		if (S_tc_open(st, S_TEXT_WIDTH / t->ncols, w, rows > 1 ? "restart" : NULL) < 0)
			return st->x.err;
		for (c = t->col; c < t->col + w; c++) {
			t->busy[c] = rows > 1 ? rows - 1 : 0;
			t->bspan[c] = c == t->col && rows > 1 ? w : 0;
		}
		t->col += w;
		st->last_par = 0;
		return 0;
	}
	case GALLEY_NODE_FIGURE:
		if (S_open_block_par(st, node, "Figure") < 0 || S_image(st, node) < 0)
			return st->x.err;
		return S_close_par(st);
	case GALLEY_NODE_TEXT:
		return S_text(st, galley_node_get_text(node), galley_node_get_text_len(node),
			st->in_link ? "Hyperlink" : NULL);
	case GALLEY_NODE_EMPH:
		st->italic++;
		return 0;
	case GALLEY_NODE_STRONG:
		st->bold++;
		return 0;
	case GALLEY_NODE_SUP:
		st->sup++;
		return 0;
	case GALLEY_NODE_SUB:
		st->sub++;
		return 0;
	case GALLEY_NODE_CODE:
		return S_text(st, galley_node_get_text(node), galley_node_get_text_len(node), "VerbatimChar");
	case GALLEY_NODE_LINK:
		if (st->in_link || !S_linkable(st, galley_node_get_url(node)))
			return 0;
		if (S_open_link(st) < 0)
			return st->x.err;
		st->link = node;
		st->in_link = 1;
		return 0;
	case GALLEY_NODE_IMAGE:
		return S_image(st, node);
	case GALLEY_NODE_LINEBREAK:
		return S_RAW(st, "<w:r><w:br/></w:r>");
	case GALLEY_NODE_NOTE:
		/* the mark here, the note's blocks in footnotes.xml once the body is done */
		if (S_grow(st, (void **)&st->notes, &st->capnotes, st->nnotes, sizeof *st->notes) < 0)
			return st->x.err;
		st->notes[st->nnotes++] = node;
		*skip = 1;
		if (S_RAW(st, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"") < 0 ||
			S_raw_long(st, (long)st->nnotes) < 0)
			return st->x.err;
		return S_RAW(st, "\"/></w:r>");
	}
	return 0;
}

static int S_exit(S_state *st, const galley_node *node)
{
	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_CAPTION:
		st->implicit = 0;
		return S_close_par(st);
	case GALLEY_NODE_LIST:
		if (S_close_implicit(st) < 0)
			return st->x.err;
		st->nlists--;
		return 0;
	case GALLEY_NODE_ITEM:
		if (S_close_implicit(st) < 0)
			return st->x.err;
		if (st->nlists && st->lists[st->nlists - 1].pending) {
			/* an empty item still counts */
			S_list *l = &st->lists[st->nlists - 1];
			l->pending = 0;
			if (S_open_par(st, "ListParagraph", l->numid, l->ilvl, 0) < 0)
				return st->x.err;
			return S_close_par(st);
		}
		return 0;
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_DIV:
		return S_close_implicit(st);
	case GALLEY_NODE_TABLE: {
		S_table *t = &st->tables[--st->ntables];
		galley_free(t->busy);
		galley_free(t->bspan);
		st->last_par = 0;
		return S_RAW(st, "</w:tbl>");
	}
	case GALLEY_NODE_ROW: {
		S_table *t = &st->tables[st->ntables - 1];
		if (S_fill_row(st, t, t->ncols, 1) < 0)
			return st->x.err;
		return S_RAW(st, "</w:tr>");
	}
	case GALLEY_NODE_CELL:
		if (S_close_implicit(st) < 0)
			return st->x.err;
		if (!st->last_par && S_RAW(st, "<w:p/>") < 0)
			return st->x.err;
		st->last_par = 1;
		return S_RAW(st, "</w:tc>");
	case GALLEY_NODE_EMPH:
		st->italic--;
		return 0;
	case GALLEY_NODE_STRONG:
		st->bold--;
		return 0;
	case GALLEY_NODE_SUP:
		st->sup--;
		return 0;
	case GALLEY_NODE_SUB:
		st->sub--;
		return 0;
	case GALLEY_NODE_LINK:
		if (st->link != node)
			return 0;
		st->link = NULL;
		st->in_link = 0;
		return S_CLOSE(st, "</w:hyperlink>");
	default:
		return 0;
	}
}

/* Captions first (a w:tbl holds only rows), then tblPr, tblGrid, and a frame. */
static int S_table_enter(S_state *st, const galley_node *node, int *skip)
{
	const galley_node *c;
	S_table *t;
	int ncols, i;

	for (c = galley_node_first_child(node); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION && S_walk(st, c, 1) < 0)
			return st->x.err;
	if ((ncols = S_table_columns(st, node)) < 0)
		return st->x.err;
	if (ncols == 0) {
		*skip = 1;
		return 0;
	}
	if (S_grow(st, (void **)&st->tables, &st->captables, st->ntables, sizeof *st->tables) < 0)
		return st->x.err;
	t = &st->tables[st->ntables];
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->header = 1;
	t->busy = galley_calloc((size_t)ncols, sizeof *t->busy);
	t->bspan = galley_calloc((size_t)ncols, sizeof *t->bspan);
	if (!t->busy || !t->bspan) {
		galley_free(t->busy);
		galley_free(t->bspan);
		return S_fail(st);
	}
	st->ntables++;
	st->blocks++;
	if (S_RAW(st, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>") < 0)
		return st->x.err;
	for (i = 0; i < ncols; i++)
		if (S_RAW(st, "<w:gridCol w:w=\"") < 0 || S_raw_long(st, S_TEXT_WIDTH / ncols) < 0 || S_RAW(st, "\"/>") < 0)
			return st->x.err;
	return S_RAW(st, "</w:tblGrid>");
}

/* Walk root's subtree (root's own events too when with_root). Subtrees
 * an ENTER asks to skip (notes, empty lists, captions already written)
 * are passed over. */
static int S_walk(S_state *st, const galley_node *root, int with_root)
{
	galley_iter *it = galley_iter_new(root);
	galley_event_type ev;

	if (!it)
		return S_fail(st);
	while (!st->x.err && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (node == root && !with_root)
			continue;
		if (ev == GALLEY_EVENT_ENTER) {
			int skip = 0;
			if (galley_node_get_type(node) == GALLEY_NODE_CAPTION && galley_node_parent(node) &&
				galley_node_get_type(galley_node_parent(node)) == GALLEY_NODE_TABLE && node != root) {
				skip = 1; /* written before the table */
			} else if (S_enter(st, node, &skip) < 0) {
				break;
			}
			if (skip && !galley_node_type_is_leaf(galley_node_get_type(node)))
				galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
		} else if (ev == GALLEY_EVENT_EXIT) {
			S_exit(st, node);
		}
	}
	galley_iter_free(it);
	if (!st->x.err)
		S_close_implicit(st);
	return st->x.err;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

/* The declaration by the writer, the root's start tag (with every
 * namespace the body uses) raw; S_end_root() closes it. */
static int S_root(S_state *st, const char *name)
{
	if (galley_xml_writer_start_document(st->x.w, 1) < 0)
		return S_fail(st);
	if (S_RAW(st, "<") < 0 || S_raws(st, name) < 0)
		return st->x.err;
	return S_RAW(st, " xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\" xmlns:wp=\"" WP_NS "\" xmlns:a=\"" A_NS
		"\" xmlns:pic=\"" PIC_NS "\">");
}

static int S_end_root(S_state *st, const char *name)
{
	if (S_RAW(st, "</") < 0 || S_raws(st, name) < 0 || S_RAW(st, ">") < 0 || S_flush(st) < 0)
		return st->x.err;
	X(xmlTextWriterEndDocument(st->x.w));
	return 0;
}

/* Category above the title, the title, subtitle, and the date and issuer line. */
static int S_header(S_state *st, const galley_meta *m)
{
	const char *v, *date = galley_meta_get(m, "date"), *issuer = galley_meta_get(m, "issuer");

	if ((v = galley_meta_get(m, "category")) && *v &&
		(S_open_par(st, "ReleaseCategory", 0, 0, 0) < 0 || S_str(st, v, NULL) < 0 || S_close_par(st) < 0))
		return st->x.err;
	if ((v = galley_meta_get(m, "title")) && *v &&
		(S_open_par(st, "Title", 0, 0, 0) < 0 || S_str(st, v, NULL) < 0 || S_close_par(st) < 0))
		return st->x.err;
	if ((v = galley_meta_get(m, "subtitle")) && *v &&
		(S_open_par(st, "Subtitle", 0, 0, 0) < 0 || S_str(st, v, NULL) < 0 || S_close_par(st) < 0))
		return st->x.err;
	if ((date && *date) || (issuer && *issuer)) {
		if (S_open_par(st, "ReleaseInfo", 0, 0, 0) < 0)
			return st->x.err;
		if (date && *date && S_str(st, date, "ReleaseDate") < 0)
			return st->x.err;
		if (date && *date && issuer && *issuer && S_str(st, " \xc2\xb7 ", NULL) < 0)
			return st->x.err;
		if (issuer && *issuer && S_str(st, issuer, "ReleaseIssuer") < 0)
			return st->x.err;
		if (S_close_par(st) < 0)
			return st->x.err;
	}
	return 0;
}

/* A4, 1-inch margins; last in the body. CT_SectPr's order: pgSz, pgMar, cols, docGrid. */
static int S_sect_pr(S_state *st)
{
	if (st->body->sectpr && st->body->sectpr->len) /* a reference document's, checked when it was read */
		return S_raw(st, st->body->sectpr->data, st->body->sectpr->len);
	return S_RAW(st, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
		"w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
		"<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>");
}

/* The separator (-1) and continuation separator (0) notes. */
static int S_separators(S_state *st)
{
	return S_RAW(st, "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
		"w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
		"<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
		"w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");
}

/* footnotes.xml: the separators (-1, 0), then the notes from 1 in the
 * order their marks were written; a note's own notes join the queue. */
static int S_footnotes(S_state *st)
{
	size_t i;
	if (!(st->x.w = galley_xml_writer_new(st->x.ctx, &st->body->footnotes)))
		return st->x.err = galley_error(st->x.ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
	st->links = &st->body->note_links;
	if (S_root(st, "w:footnotes") < 0 || S_separators(st) < 0)
		goto out;
	for (i = 0; i < st->nnotes && !st->x.err; i++) {
		if (S_RAW(st, "<w:footnote w:id=\"") < 0 || S_raw_long(st, (long)i + 1) < 0 || S_RAW(st, "\">") < 0)
			break;
		st->ref_pending = 1;
		st->last_par = 0;
		if (S_walk(st, st->notes[i], 0) < 0)
			break;
		if (st->ref_pending) {
			if (S_open_par(st, "FootnoteText", 0, 0, 0) < 0 || S_close_par(st) < 0)
				break;
		} else if (!st->last_par && S_RAW(st, "<w:p/>") < 0) {
			break;
		}
		if (S_RAW(st, "</w:footnote>") < 0)
			break;
	}
	if (!st->x.err)
		S_end_root(st, "w:footnotes");
out:;
	int rc = galley_xml_writer_free(st->x.w);
	st->x.w = NULL;
	if (rc < 0 && !st->x.err)
		st->x.err = rc;
	return st->x.err;
}

int docx_body_write(galley_context *ctx, const galley_node *doc, docx_body *body)
{
	S_state st;
	const galley_meta *m = galley_document_meta(doc);
	const char *lang = m ? galley_meta_get(m, "language") : NULL;
	int rc;

	if (!m)
		return galley_error(ctx, GALLEY_EINVAL, "DOCX writer: the root is not a document");
	memset(&st, 0, sizeof st);
	st.x.ctx = ctx;
	st.body = body;
	st.links = &body->links;
	if (lang) {
		st.has_lang = docx_lang(lang, st.lang, sizeof st.lang, &st.ea_lang, &st.ea_font);
		if (!st.has_lang)
			galley_log(ctx, GALLEY_LOG_INFO, "DOCX: language \"%s\" is not a BCP 47 tag; left out", lang);
		st.korean = st.ea_lang && !strcmp(st.ea_lang, "ko-KR");
	}
	/* room once, not a doubling from 64 bytes: the buffers of a page's
	 * body are some ten reallocations each otherwise */
	if (galley_buffer_reserve(&st.out, 2 * S_CHUNK) < 0 || galley_buffer_reserve(&body->document, 4 * S_CHUNK) < 0) {
		galley_buffer_dispose(&st.out);
		return galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
	}
	if (!(st.x.w = galley_xml_writer_new(ctx, &body->document))) {
		galley_buffer_dispose(&st.out);
		return galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
	}
	if (S_root(&st, "w:document") == 0 && S_RAW(&st, "<w:body>") == 0 && S_header(&st, m) == 0 &&
		S_walk(&st, doc, 0) == 0) {
		if (st.blocks == 0 && S_RAW(&st, "<w:p/>") < 0)
			S_fail(&st);
		if (!st.x.err && S_sect_pr(&st) == 0 && S_RAW(&st, "</w:body>") == 0)
			S_end_root(&st, "w:document");
	}
	rc = galley_xml_writer_free(st.x.w);
	st.x.w = NULL;
	if (rc < 0 && !st.x.err)
		st.x.err = rc;
	if (!st.x.err && st.nnotes)
		S_footnotes(&st);
	while (st.ntables) {
		st.ntables--;
		galley_free(st.tables[st.ntables].busy);
		galley_free(st.tables[st.ntables].bspan);
	}
	galley_free(st.tables);
	galley_free(st.lists);
	galley_free(st.notes);
	galley_buffer_dispose(&st.scratch);
	galley_buffer_dispose(&st.out);
	galley_buffer_dispose(&st.uri);
	galley_buffer_dispose(&st.image);
	return st.x.err;
}

static void S_links_dispose(docx_links *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		galley_free(l->v[i].target);
	galley_free(l->v);
	memset(l, 0, sizeof *l);
}

void docx_body_dispose(docx_body *body)
{
	galley_buffer_dispose(&body->document);
	galley_buffer_dispose(&body->footnotes);
	S_links_dispose(&body->links);
	S_links_dispose(&body->note_links);
	size_t i;
	galley_free(body->lists);
	body->lists = NULL;
	body->nlists = body->caplists = 0;
	for (i = 0; i < body->nmedia; i++) {
		galley_free(body->media[i].name);
		galley_free(body->media[i].data);
	}
	galley_free(body->media);
	body->media = NULL;
	body->nmedia = body->capmedia = 0;
}
