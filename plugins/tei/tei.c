/* tei.c — the "tei" writer: TEI P5 (valid against tei_all) with a header
 * from the release's metadata, written through the core's xmlTextWriter. */
#include "tei.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#define TEI_NS "http://www.tei-c.org/ns/1.0"

/* What the TEI content model lets a container take next. A div (body)
 * is: head/dateline... (TOP), then either paragraphs and the like
 * (COMMON) followed by divs, or divs only (DIVS); after a div no more
 * paragraphs, so later content opens an anonymous div of its own. */
typedef enum { S_PART_TOP, S_PART_COMMON, S_PART_DIVS } S_part;

typedef enum {
	S_BODY,    /* text/body */
	S_SECTION, /* div opened by a heading, closed by one of the same or a higher level */
	S_ANON,    /* div holding content that follows a nested div */
	S_ROLE,    /* div type="contact" ... for a tree DIV */
	S_FLOAT,   /* floatingText/body: a tree DIV where div may not go */
	S_OPAQUE,  /* item, cell, quote, note: blocks but no div */
	S_FLAT,    /* dateline, closer/signed: paragraphs become lb-separated phrases */
	S_LIST,    /* list: items, numbered from start */
	S_TABLE,   /* table: head, rows */
	S_ROW,     /* row: cells */
	S_FIGURE   /* figure: graphic, head, figDesc */
} S_kind;

typedef struct {
	S_kind kind;
	S_part part;
	int level;                /* SECTION/ROLE: the level of its head (0: none) */
	const galley_node *owner; /* the tree node whose EXIT closes it; NULL for SECTION/ANON */
	int elements;             /* XML elements to end when it closes */
	long count;               /* LIST: next number; FLAT: paragraphs; TABLE: rows */
} S_frame;

typedef struct {
	galley_context *ctx;
	xmlTextWriterPtr w;
	galley_buffer scratch;
	galley_buffer uri;
	S_frame *frames;
	size_t nframes, capframes;
	int inl;      /* > 0 inside phrase content: no indentation there */
	int indent;   /* indentation of the elements around the frames (header, text) */
	long dropped; /* characters XML cannot carry, removed from the text */
	int err;
} S_state;

static int S_fail(S_state *st)
{
	/* libxml2's own word, when it said one, is on the context already */
	if (!st->err && (st->err = galley_xml_writer_error(st->w)) == 0)
		st->err = galley_error(st->ctx, GALLEY_ENOMEM, "TEI writer: out of memory while writing XML");
	return st->err;
}

#define X(call) \
	do { \
		if ((call) < 0) \
			return S_fail(st); \
	} while (0)

/* Clean text for XML 1.0 into st->scratch (counting what was dropped). */
static int S_clean(S_state *st, const char *s, size_t len)
{
	long n;
	galley_buffer_clear(&st->scratch);
	n = galley_xml_clean(s ? s : "", s ? len : 0, &st->scratch);
	if (n < 0 || galley_buffer_putc(&st->scratch, '\0') < 0)
		return S_fail(st);
	st->dropped += n;
	return 0;
}

static int S_text(S_state *st, const char *s, size_t len)
{
	if (!len)
		return 0;
	if (S_clean(st, s, len) < 0)
		return st->err;
	X(xmlTextWriterWriteString(st->w, BAD_CAST st->scratch.data));
	return 0;
}

static int S_str(S_state *st, const char *s)
{
	return s ? S_text(st, s, strlen(s)) : 0;
}

static int S_attr(S_state *st, const char *name, const char *value)
{
	if (S_clean(st, value, strlen(value)) < 0)
		return st->err;
	X(xmlTextWriterWriteAttribute(st->w, BAD_CAST name, BAD_CAST st->scratch.data));
	return 0;
}

static int S_attr_long(S_state *st, const char *name, long v)
{
	X(xmlTextWriterWriteFormatAttribute(st->w, BAD_CAST name, "%ld", v));
	return 0;
}

/* url as a URI in st->uri ("" when nothing is left: @url and @target want \S+). */
static const char *S_uri(S_state *st, const char *url)
{
	galley_buffer_clear(&st->uri);
	if (tei_uri(url, &st->uri) < 0 || galley_buffer_putc(&st->uri, '\0') < 0) {
		S_fail(st);
		return "";
	}
	return st->uri.data;
}

/* A URI-valued attribute, left out when the URL is empty. */
static int S_attr_uri(S_state *st, const char *name, const char *url)
{
	const char *u = S_uri(st, url);
	if (st->err)
		return st->err;
	return *u ? S_attr(st, name, u) : 0;
}

/* An enumerated attribute (@type, @subtype) as one token, left out when nothing usable remains. */
static int S_attr_token(S_state *st, const char *name, const char *value)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int rc = tei_token(value, &b);
	if (rc > 0)
		rc = S_attr(st, name, b.data);
	galley_buffer_dispose(&b);
	return rc < 0 ? S_fail(st) : 0;
}

static int S_start(S_state *st, const char *name)
{
	X(xmlTextWriterStartElement(st->w, BAD_CAST name));
	return 0;
}

static int S_end(S_state *st)
{
	X(xmlTextWriterEndElement(st->w));
	return 0;
}

/* Line breaks and indentation between block elements, never inside phrase content. */
static int S_indent(S_state *st)
{
	static const char spaces[] = "\n                                ";
	size_t depth = (size_t)st->indent + st->nframes;
	if (st->inl)
		return 0;
	if (depth > sizeof spaces - 2)
		depth = sizeof spaces - 2;
	X(xmlTextWriterWriteRawLen(st->w, BAD_CAST spaces, (int)depth + 1));
	return 0;
}

/* <name>text</name> on a line of its own, nothing when text is NULL. */
static int S_element(S_state *st, const char *name, const char *text)
{
	if (!text)
		return 0;
	if (S_indent(st) < 0 || S_start(st, name) < 0 || S_str(st, text) < 0)
		return st->err;
	return S_end(st);
}

/* ------------------------------------------------------------------ */
/* The header                                                          */
/* ------------------------------------------------------------------ */

/* <date when="…">text</date>: @when only for a W3C form. */
static int S_date(S_state *st, const char *date)
{
	char when[64];
	if (!date)
		return 0;
	if (S_start(st, "date") < 0)
		return st->err;
	if (tei_w3c_date(date, when, sizeof when) && S_attr(st, "when", when) < 0)
		return st->err;
	if (S_str(st, date) < 0)
		return st->err;
	return S_end(st);
}

static int S_idnos(S_state *st, const galley_meta *m)
{
	const char *source = galley_meta_get(m, "source");
	const char *id = galley_meta_get(m, "identifier");
	if (source) {
		if (S_indent(st) < 0 || S_start(st, "idno") < 0 || S_attr(st, "type", "URI") < 0 ||
			S_str(st, source) < 0 || S_end(st) < 0)
			return st->err;
	}
	return S_element(st, "idno", id);
}

static int S_title_stmt(S_state *st, const galley_meta *m)
{
	const char *title = galley_meta_get(m, "title");
	const char *subtitle = galley_meta_get(m, "subtitle");
	const char *issuer = galley_meta_get(m, "issuer");
	size_t i, n = galley_meta_count(m, "authors");

	if (S_indent(st) < 0 || S_start(st, "titleStmt") < 0)
		return st->err;
	st->indent++;
	/* A release without a title still has a (empty) title: tei_all needs one. */
	if (S_indent(st) < 0 || S_start(st, "title") < 0 || S_attr(st, "type", "main") < 0 ||
		S_str(st, title) < 0 || S_end(st) < 0)
		return st->err;
	if (subtitle && (S_indent(st) < 0 || S_start(st, "title") < 0 || S_attr(st, "type", "sub") < 0 ||
		S_str(st, subtitle) < 0 || S_end(st) < 0))
		return st->err;
	for (i = 0; i < n; i++)
		if (S_element(st, "author", galley_meta_get_nth(m, "authors", i)) < 0)
			return st->err;
	if (issuer) {
		if (S_indent(st) < 0 || S_start(st, "respStmt") < 0 || S_start(st, "resp") < 0 ||
			S_str(st, "issued by") < 0 || S_end(st) < 0 || S_start(st, "orgName") < 0 ||
			S_str(st, issuer) < 0 || S_end(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	st->indent--;
	if (S_indent(st) < 0)
		return st->err;
	return S_end(st);
}

/* publicationStmt may not be empty: the issuer as publisher with what
 * details are known, or else one <p> that says the publisher is unknown
 * (and carries the date and source, which p may hold). */
static int S_publication_stmt(S_state *st, const galley_meta *m)
{
	const char *issuer = galley_meta_get(m, "issuer");
	const char *date = galley_meta_get(m, "date");
	const char *source = galley_meta_get(m, "source");

	if (S_indent(st) < 0 || S_start(st, "publicationStmt") < 0)
		return st->err;
	st->indent++;
	if (issuer) {
		if (S_element(st, "publisher", issuer) < 0 || S_element(st, "pubPlace", galley_meta_get(m, "place")) < 0 ||
			S_idnos(st, m) < 0)
			return st->err;
		if (date && (S_indent(st) < 0 || S_date(st, date) < 0))
			return st->err;
	} else {
		if (S_indent(st) < 0 || S_start(st, "p") < 0 || S_str(st, "Publisher unknown.") < 0)
			return st->err;
		if (date && (S_str(st, " Issued ") < 0 || S_date(st, date) < 0 || S_str(st, ".") < 0))
			return st->err;
		if (source && (S_str(st, " Source: ") < 0 || S_start(st, "idno") < 0 || S_attr(st, "type", "URI") < 0 ||
			S_str(st, source) < 0 || S_end(st) < 0 || S_str(st, ".") < 0))
			return st->err;
		if (S_end(st) < 0)
			return st->err;
	}
	st->indent--;
	if (S_indent(st) < 0)
		return st->err;
	return S_end(st);
}

/* sourceDesc/bibl: the release as its issuer published it. */
static int S_source_desc(S_state *st, const galley_meta *m)
{
	static const char *const keys[] = {"title", "issuer", "place", "date", "source", "identifier", "category", "hits"};
	size_t i;
	int any = 0;

	for (i = 0; i < sizeof keys / sizeof *keys; i++)
		any |= galley_meta_get(m, keys[i]) != NULL;
	if (S_indent(st) < 0 || S_start(st, "sourceDesc") < 0)
		return st->err;
	st->indent++;
	if (!any) {
		if (S_element(st, "p", "No information about the source is known.") < 0)
			return st->err;
	} else {
		const char *v;
		if (S_indent(st) < 0 || S_start(st, "bibl") < 0)
			return st->err;
		st->indent++;
		if (S_element(st, "title", galley_meta_get(m, "title")) < 0 ||
			S_element(st, "publisher", galley_meta_get(m, "issuer")) < 0 ||
			S_element(st, "pubPlace", galley_meta_get(m, "place")) < 0)
			return st->err;
		if ((v = galley_meta_get(m, "date")) && (S_indent(st) < 0 || S_date(st, v) < 0))
			return st->err;
		if ((v = galley_meta_get(m, "source")) && (S_indent(st) < 0 || S_start(st, "ref") < 0 ||
			S_attr_uri(st, "target", v) < 0 || S_str(st, v) < 0 || S_end(st) < 0))
			return st->err;
		if (S_element(st, "idno", galley_meta_get(m, "identifier")) < 0)
			return st->err;
		if ((v = galley_meta_get(m, "category")) && (S_indent(st) < 0 || S_start(st, "note") < 0 ||
			S_attr(st, "type", "category") < 0 || S_str(st, v) < 0 || S_end(st) < 0))
			return st->err;
		if ((v = galley_meta_get(m, "hits")) && (S_indent(st) < 0 || S_start(st, "note") < 0 ||
			S_attr(st, "type", "hits") < 0 || S_str(st, v) < 0 || S_end(st) < 0))
			return st->err;
		st->indent--;
		if (S_indent(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	st->indent--;
	if (S_indent(st) < 0)
		return st->err;
	return S_end(st);
}

static int S_profile_desc(S_state *st, const galley_meta *m, const char *lang)
{
	const char *desc = galley_meta_get(m, "description");
	size_t i, nkw = galley_meta_count(m, "keywords");

	if (!desc && !lang && !nkw)
		return 0;
	if (S_indent(st) < 0 || S_start(st, "profileDesc") < 0)
		return st->err;
	st->indent++;
	if (desc) {
		if (S_indent(st) < 0 || S_start(st, "abstract") < 0 || S_start(st, "p") < 0 || S_str(st, desc) < 0 ||
			S_end(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	if (lang) {
		if (S_indent(st) < 0 || S_start(st, "langUsage") < 0 || S_start(st, "language") < 0 ||
			S_attr(st, "ident", lang) < 0 || S_str(st, lang) < 0 || S_end(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	if (nkw) {
		if (S_indent(st) < 0 || S_start(st, "textClass") < 0 || S_start(st, "keywords") < 0)
			return st->err;
		for (i = 0; i < nkw; i++)
			if (S_start(st, "term") < 0 || S_str(st, galley_meta_get_nth(m, "keywords", i)) < 0 || S_end(st) < 0)
				return st->err;
		if (S_end(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	st->indent--;
	if (S_indent(st) < 0)
		return st->err;
	return S_end(st);
}

static int S_header(S_state *st, const galley_meta *m, const char *lang)
{
	if (S_indent(st) < 0 || S_start(st, "teiHeader") < 0)
		return st->err;
	st->indent++;
	if (S_indent(st) < 0 || S_start(st, "fileDesc") < 0)
		return st->err;
	st->indent++;
	if (S_title_stmt(st, m) < 0 || S_publication_stmt(st, m) < 0 || S_source_desc(st, m) < 0)
		return st->err;
	st->indent--;
	if (S_indent(st) < 0 || S_end(st) < 0)
		return st->err;
	if (S_indent(st) < 0 || S_start(st, "encodingDesc") < 0 || S_start(st, "appInfo") < 0 ||
		S_start(st, "application") < 0 || S_attr(st, "ident", "galley") < 0 ||
		S_attr(st, "version", GALLEY_VERSION_STRING) < 0 || S_start(st, "label") < 0 ||
		S_str(st, "galley") < 0 || S_end(st) < 0 || S_end(st) < 0 || S_end(st) < 0 || S_end(st) < 0)
		return st->err;
	if (S_profile_desc(st, m, lang) < 0)
		return st->err;
	st->indent--;
	if (S_indent(st) < 0)
		return st->err;
	return S_end(st);
}

/* ------------------------------------------------------------------ */
/* The body: frames that keep the content model                        */
/* ------------------------------------------------------------------ */

static S_frame *S_top(S_state *st)
{
	return &st->frames[st->nframes - 1];
}

static int S_divlike(S_kind k)
{
	return k == S_BODY || k == S_SECTION || k == S_ANON || k == S_ROLE || k == S_FLOAT;
}

static int S_push(S_state *st, S_kind kind, const galley_node *owner, int elements)
{
	S_frame *f;
	if (st->nframes == st->capframes) {
		size_t cap = st->capframes ? st->capframes * 2 : 16;
		S_frame *nf = galley_realloc(st->frames, cap * sizeof *nf);
		if (!nf)
			return S_fail(st);
		st->frames = nf;
		st->capframes = cap;
	}
	f = &st->frames[st->nframes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->owner = owner;
	f->elements = elements;
	return 0;
}

/* Close the innermost frame. A body that got no content gets an empty p
 * (body needs one). */
static int S_pop(S_state *st)
{
	S_frame f = *S_top(st);
	int i;
	if ((f.kind == S_BODY || f.kind == S_FLOAT) && f.part == S_PART_TOP) {
		if (S_indent(st) < 0 || S_start(st, "p") < 0 || S_end(st) < 0)
			return st->err;
	}
	if (f.kind == S_TABLE && f.count == 0) { /* a table needs a row, a row a cell */
		if (S_indent(st) < 0 || S_start(st, "row") < 0 || S_start(st, "cell") < 0 || S_end(st) < 0 || S_end(st) < 0)
			return st->err;
	}
	st->nframes--;
	for (i = 0; i < f.elements; i++) {
		/* No line break inside phrases, nor before </item> after bare text. */
		if (f.kind != S_FLAT && (f.kind != S_OPAQUE || f.part != S_PART_TOP) && S_indent(st) < 0)
			return st->err;
		if (S_end(st) < 0)
			return st->err;
	}
	return 0;
}

/* Close frames up to and including the one a tree node opened. */
static int S_pop_owner(S_state *st, const galley_node *node)
{
	while (st->nframes > 0) {
		int last = S_top(st)->owner == node;
		if (S_pop(st) < 0)
			return st->err;
		if (last)
			break;
	}
	return 0;
}

/* Open a div (or floatingText/body) in a div-capable frame. */
static int S_open_div(S_state *st, S_kind kind, const galley_node *owner, const char *type)
{
	S_top(st)->part = S_PART_DIVS;
	if (S_indent(st) < 0 || S_start(st, kind == S_FLOAT ? "floatingText" : "div") < 0)
		return st->err;
	if (type && S_attr_token(st, "type", type) < 0)
		return st->err;
	if (kind == S_FLOAT && S_start(st, "body") < 0)
		return st->err;
	return S_push(st, kind, owner, kind == S_FLOAT ? 2 : 1);
}

/* Before a paragraph, list, table...: after a nested div the container
 * takes no more of these, so they go into a div of their own. */
static int S_common(S_state *st)
{
	S_frame *f = S_top(st);
	if (S_divlike(f->kind) && f->part == S_PART_DIVS) {
		if (S_open_div(st, S_ANON, NULL, NULL) < 0)
			return st->err;
		f = S_top(st);
	}
	f->part = S_PART_COMMON;
	return 0;
}

static int S_is_last_in_document(const galley_node *node)
{
	for (; node && galley_node_get_type(node) != GALLEY_NODE_DOCUMENT; node = galley_node_parent(node))
		if (galley_node_next(node))
			return 0;
	return 1;
}

static int S_only_paragraphs(const galley_node *node)
{
	const galley_node *c = galley_node_first_child(node);
	if (!c)
		return 0;
	for (; c; c = galley_node_next(c))
		if (galley_node_get_type(c) != GALLEY_NODE_PARAGRAPH)
			return 0;
	return 1;
}

/* A paragraph that is the only block of an item, cell or note is written
 * as that element's text (<item>text</item>), as TEI usually has it. */
static int S_bare_paragraph(const galley_node *node)
{
	const galley_node *parent = galley_node_parent(node);
	galley_node_type t = parent ? galley_node_get_type(parent) : GALLEY_NODE_NONE;
	return (t == GALLEY_NODE_ITEM || t == GALLEY_NODE_CELL || t == GALLEY_NODE_NOTE) &&
		!galley_node_previous(node) && !galley_node_next(node);
}

/* What filters add to a paragraph or heading (attr.kv): "n", its number
 * (number-paragraphs), and "lang", its language when it is not the
 * document's (lang): TEI's n and xml:lang. */
static int S_global_attrs(S_state *st, const galley_node *node)
{
	const char *n = galley_node_kv_get(node, "n"), *l = galley_node_kv_get(node, "lang");
	char lang[64];
	if (n && *n && S_attr(st, "n", n) < 0)
		return st->err;
	if (l && tei_lang(l, lang, sizeof lang) && S_attr(st, "xml:lang", lang) < 0)
		return st->err;
	return 0;
}

static int S_heading(S_state *st, const galley_node *node)
{
	int level = galley_node_get_level(node);
	S_frame *f = S_top(st);

	if (!S_divlike(f->kind)) {
		/* Inside an item, cell, quote or note no div may open. */
		if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "ab") < 0 || S_attr(st, "type", "heading") < 0 ||
			S_attr_long(st, "n", level) < 0)
			return st->err;
		st->inl++;
		return 0;
	}
	while (st->nframes > 1 && (S_top(st)->kind == S_ANON || (S_top(st)->kind == S_SECTION && S_top(st)->level >= level)))
		if (S_pop(st) < 0)
			return st->err;
	f = S_top(st);
	if (f->kind == S_ROLE && f->part == S_PART_TOP && f->level == 0 && galley_node_first_child(f->owner) == node) {
		f->level = level; /* the role div's own head */
	} else {
		if (S_open_div(st, S_SECTION, NULL, NULL) < 0)
			return st->err;
		S_top(st)->level = level;
	}
	if (S_indent(st) < 0 || S_start(st, "head") < 0 || S_global_attrs(st, node) < 0)
		return st->err;
	st->inl++;
	return 0;
}

/* A tree DIV: a dateline at the top of a div, a signature closing the
 * document as closer/signed, else div type="ROLE" (floatingText where
 * div may not go). */
static int S_div(S_state *st, const galley_node *node)
{
	const char *role = galley_node_get_role(node);
	S_frame *f = S_top(st);
	int divlike = S_divlike(f->kind);

	if (divlike && role && S_only_paragraphs(node)) {
		int at_end = S_is_last_in_document(node);
		if (!strcmp(role, "dateline") && (f->part == S_PART_TOP || at_end)) {
			if (S_indent(st) < 0 || S_start(st, "dateline") < 0)
				return st->err;
			st->inl++;
			return S_push(st, S_FLAT, node, 1);
		}
		/* closer is divBottom: only after content (a body needs some before it). */
		if (!strcmp(role, "signature") && at_end && f->part != S_PART_TOP) {
			if (S_indent(st) < 0 || S_start(st, "closer") < 0 || S_start(st, "signed") < 0)
				return st->err;
			st->inl++;
			return S_push(st, S_FLAT, node, 2);
		}
	}
	return S_open_div(st, divlike ? S_ROLE : S_FLOAT, node, role);
}

static int S_enter(S_state *st, const galley_node *node)
{
	S_frame *f = S_top(st);
	const char *s;

	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_NONE:
		return 0;
	case GALLEY_NODE_PARAGRAPH:
		if (f->kind == S_FLAT) {
			if (f->count++ > 0 && (S_start(st, "lb") < 0 || S_end(st) < 0))
				return st->err;
		} else if (!S_bare_paragraph(node)) {
			if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "p") < 0 || S_global_attrs(st, node) < 0)
				return st->err;
		}
		st->inl++;
		return 0;
	case GALLEY_NODE_HEADING:
		return S_heading(st, node);
	case GALLEY_NODE_LIST:
		if (!galley_node_first_child(node))
			return 0; /* list needs an item: an empty list is left out */
		if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "list") < 0 ||
			S_attr(st, "rend", galley_node_get_list_ordered(node) ? "numbered" : "bulleted") < 0 ||
			S_push(st, S_LIST, node, 1) < 0)
			return st->err;
		S_top(st)->count = galley_node_get_list_start(node);
		return 0;
	case GALLEY_NODE_ITEM:
		if (S_indent(st) < 0 || S_start(st, "item") < 0)
			return st->err;
		if (f->kind == S_LIST && galley_node_get_list_ordered(galley_node_parent(node)) &&
			S_attr_long(st, "n", f->count++) < 0)
			return st->err;
		return S_push(st, S_OPAQUE, node, 1);
	case GALLEY_NODE_QUOTE:
		if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "quote") < 0)
			return st->err;
		return S_push(st, S_OPAQUE, node, 1);
	case GALLEY_NODE_CODE_BLOCK:
		if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "ab") < 0 || S_attr(st, "type", "code") < 0)
			return st->err;
		if ((s = galley_node_get_language(node)) && S_attr_token(st, "subtype", s) < 0)
			return st->err;
		if (S_text(st, galley_node_get_text(node), galley_node_get_text_len(node)) < 0)
			return st->err;
		return S_end(st);
	case GALLEY_NODE_TABLE:
		if (S_common(st) < 0 || S_indent(st) < 0 || S_start(st, "table") < 0)
			return st->err;
		return S_push(st, S_TABLE, node, 1);
	case GALLEY_NODE_ROW:
		if (f->kind == S_TABLE)
			f->count++;
		if (S_indent(st) < 0 || S_start(st, "row") < 0 || S_push(st, S_ROW, node, 1) < 0)
			return st->err;
		if (!galley_node_first_child(node) && (S_indent(st) < 0 || S_start(st, "cell") < 0 || S_end(st) < 0))
			return st->err; /* row needs a cell */
		return 0;
	case GALLEY_NODE_CELL:
		if (S_indent(st) < 0 || S_start(st, "cell") < 0)
			return st->err;
		if (galley_node_get_cell_header(node) && S_attr(st, "role", "label") < 0)
			return st->err;
		if (galley_node_get_colspan(node) > 1 && S_attr_long(st, "cols", galley_node_get_colspan(node)) < 0)
			return st->err;
		if (galley_node_get_rowspan(node) > 1 && S_attr_long(st, "rows", galley_node_get_rowspan(node)) < 0)
			return st->err;
		return S_push(st, S_OPAQUE, node, 1);
	case GALLEY_NODE_FIGURE:
		/* figure is model.global, not model.common: it may follow divs, and
		 * it is not the content a body (or a closer after it) needs, so the
		 * frame's part stays as it was */
		if (S_indent(st) < 0 || S_start(st, "figure") < 0 || S_push(st, S_FIGURE, node, 1) < 0)
			return st->err;
		if (*S_uri(st, galley_node_get_url(node)) && (S_indent(st) < 0 || S_start(st, "graphic") < 0 ||
			S_attr(st, "url", st->uri.data) < 0 || S_end(st) < 0))
			return st->err;
		return st->err;
	case GALLEY_NODE_CAPTION:
		/* A table takes head only before its rows; a caption after them is a trailer. */
		if (S_indent(st) < 0 || S_start(st, f->kind == S_TABLE && f->count > 0 ? "trailer" : "head") < 0)
			return st->err;
		st->inl++;
		return 0;
	case GALLEY_NODE_BREAK:
		if (S_indent(st) < 0 || S_start(st, "milestone") < 0 || S_attr(st, "unit", "section") < 0 ||
			S_attr(st, "rend", "break") < 0)
			return st->err;
		return S_end(st);
	case GALLEY_NODE_DIV:
		return S_div(st, node);
	case GALLEY_NODE_TEXT:
		return S_text(st, galley_node_get_text(node), galley_node_get_text_len(node));
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB: {
		galley_node_type t = galley_node_get_type(node);
		if (S_start(st, "hi") < 0)
			return st->err;
		return S_attr(st, "rend", t == GALLEY_NODE_EMPH ? "italic" : t == GALLEY_NODE_STRONG ? "bold" :
			t == GALLEY_NODE_SUP ? "sup" : "sub");
	}
	case GALLEY_NODE_CODE:
		if (S_start(st, "code") < 0 || S_text(st, galley_node_get_text(node), galley_node_get_text_len(node)) < 0)
			return st->err;
		return S_end(st);
	case GALLEY_NODE_LINK:
		if (S_start(st, "ref") < 0)
			return st->err;
		return (s = galley_node_get_url(node)) ? S_attr_uri(st, "target", s) : 0;
	case GALLEY_NODE_IMAGE:
		/* graphic is phrase content; without a URL (@url is required) a figure keeps the alt text. */
		if (st->err)
			return st->err;
		if (*S_uri(st, galley_node_get_url(node))) {
			if (S_start(st, "graphic") < 0 || S_attr(st, "url", st->uri.data) < 0)
				return st->err;
			if ((s = galley_node_get_alt(node)) && *s &&
				(S_start(st, "desc") < 0 || S_str(st, s) < 0 || S_end(st) < 0))
				return st->err;
			return S_end(st);
		}
		if ((s = galley_node_get_alt(node)) && *s) {
			if (S_start(st, "figure") < 0 || S_start(st, "figDesc") < 0 || S_str(st, s) < 0 ||
				S_end(st) < 0 || S_end(st) < 0)
				return st->err;
		}
		return 0;
	case GALLEY_NODE_LINEBREAK:
		if (S_start(st, "lb") < 0)
			return st->err;
		return S_end(st);
	case GALLEY_NODE_NOTE:
		if (S_start(st, "note") < 0 || S_attr(st, "place", "foot") < 0)
			return st->err;
		return S_push(st, S_OPAQUE, node, 1);
	}
	return 0;
}

static int S_exit(S_state *st, const galley_node *node)
{
	const char *s;

	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_PARAGRAPH:
		st->inl--;
		if (S_top(st)->kind == S_FLAT || S_bare_paragraph(node))
			return 0;
		return S_end(st);
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_CAPTION:
		st->inl--;
		return S_end(st);
	case GALLEY_NODE_LIST:
		return galley_node_first_child(node) ? S_pop_owner(st, node) : 0;
	case GALLEY_NODE_DIV:
		if (S_top(st)->kind == S_FLAT && S_top(st)->owner == node)
			st->inl--;
		return S_pop_owner(st, node);
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_CELL:
	case GALLEY_NODE_NOTE:
		return S_pop_owner(st, node);
	case GALLEY_NODE_ROW:
		return S_pop_owner(st, node);
	case GALLEY_NODE_FIGURE:
		if ((s = galley_node_get_alt(node)) && *s &&
			(S_indent(st) < 0 || S_start(st, "figDesc") < 0 || S_str(st, s) < 0 || S_end(st) < 0))
			return st->err;
		return S_pop_owner(st, node);
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
	case GALLEY_NODE_LINK:
		return S_end(st);
	default:
		return 0;
	}
}

static int S_write_doc(S_state *st, const galley_node *doc)
{
	const galley_meta *m = galley_document_meta(doc);
	char lang[64];
	int has_lang = 0;
	const char *lv = m ? galley_meta_get(m, "language") : NULL;
	galley_iter *it;
	galley_event_type ev;

	if (!m)
		return galley_error(st->ctx, GALLEY_EINVAL, "TEI writer: the root is not a document");
	if (lv && !(has_lang = tei_lang(lv, lang, sizeof lang)))
		galley_log(st->ctx, GALLEY_LOG_INFO, "TEI: language \"%s\" is not a BCP 47 tag; left out", lv);

	X(xmlTextWriterStartDocument(st->w, NULL, "UTF-8", NULL));
	X(xmlTextWriterStartElementNS(st->w, NULL, BAD_CAST "TEI", BAD_CAST TEI_NS));
	if (has_lang && S_attr(st, "xml:lang", lang) < 0)
		return st->err;
	st->indent = 1;
	if (S_header(st, m, has_lang ? lang : NULL) < 0)
		return st->err;
	if (S_indent(st) < 0 || S_start(st, "text") < 0)
		return st->err;
	st->indent++;
	if (S_indent(st) < 0 || S_start(st, "body") < 0 || S_push(st, S_BODY, doc, 1) < 0)
		return st->err;

	if (!(it = galley_iter_new(doc)))
		return S_fail(st);
	while (!st->err && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER)
			S_enter(st, node);
		else if (ev == GALLEY_EVENT_EXIT && node != doc)
			S_exit(st, node);
	}
	galley_iter_free(it);
	if (st->err)
		return st->err;
	/* Close everything down to (and with) the body, then text and TEI. */
	while (st->nframes > 0)
		if (S_pop(st) < 0)
			return st->err;
	st->indent--;
	if (S_indent(st) < 0 || S_end(st) < 0)
		return st->err;
	st->indent--;
	if (S_indent(st) < 0 || S_end(st) < 0)
		return st->err;
	X(xmlTextWriterEndDocument(st->w));
	return 0;
}

int tei_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	S_state st;
	int rc;

	(void)name;
	(void)payload;
	if (ndocs != 1 || !docs || !docs[0])
		return galley_error(ctx, GALLEY_EUSAGE, "TEI writer: expects exactly one document");
	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	if (!(st.w = galley_xml_writer_new(ctx, out)))
		return galley_error(ctx, GALLEY_ENOMEM, "TEI writer: out of memory");
	rc = S_write_doc(&st, docs[0]);
	int frc = galley_xml_writer_free(st.w); /* its error is on ctx already */
	if (frc < 0 && rc == 0)
		rc = frc;
	if (rc == 0 && st.dropped > 0)
		galley_log(ctx, GALLEY_LOG_INFO, "TEI: dropped %ld character%s that XML 1.0 cannot carry", st.dropped,
			st.dropped == 1 ? "" : "s");
	galley_buffer_dispose(&st.scratch);
	galley_buffer_dispose(&st.uri);
	galley_free(st.frames);
	return rc;
}
