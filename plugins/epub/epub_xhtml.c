/* epub_xhtml.c — the XHTML files of the EPUB writer: a release's file (its
 * title page from the metadata, then its body, then its footnotes), the
 * navigation document and a book's contents page. */
#include "epub.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

typedef struct {
	epub_xml x;
	const epub_book *b;
	size_t ch;                 /* the chapter being written */
	const galley_node **notes; /* footnotes met in the body, written after it */
	size_t nnotes, capnotes;
	long heads;                /* headings given an id so far */
	int in_note;               /* writing the notes: their headings get no id */
	int links;                 /* > 0 inside a link: no link may open */
	int inl;                   /* > 0 inside phrase content: no line breaks */
	galley_buffer tmp;
} S_state;

static int S_walk(S_state *st, const galley_node *root);

static int S_nl(S_state *st)
{
	return st->inl ? st->x.err : epub_raw(&st->x, "\n");
}

static int S_attr_long(S_state *st, const char *name, long v)
{
	char b[32];
	snprintf(b, sizeof b, "%ld", v);
	return epub_attr(&st->x, name, b);
}

static int S_attr_uri(S_state *st, const char *name, const char *url)
{
	galley_buffer_clear(&st->tmp);
	if (epub_uri(url, &st->tmp) < 0)
		return epub_xml_fail(&st->x);
	return epub_attr(&st->x, name, st->tmp.data ? st->tmp.data : "");
}

/* An address out of the book that is worth a link: one of the schemes
 * kept, and a valid URI once percent-encoded (galley_uri_valid). */
static int S_linkable(S_state *st, const char *url)
{
	if (!epub_is_external(url))
		return 0;
	galley_buffer_clear(&st->tmp);
	if (epub_uri(url, &st->tmp) < 0 || galley_buffer_putc(&st->tmp, '\0') < 0)
		return 1; /* out of memory: S_attr_uri says so */
	return galley_uri_valid(st->tmp.data);
}

static int S_attr_class(S_state *st, const char *prefix, const char *value)
{
	galley_buffer_clear(&st->tmp);
	galley_buffer_puts(&st->tmp, prefix);
	if (epub_token(value, &st->tmp) < 0)
		return epub_xml_fail(&st->x);
	return epub_attr(&st->x, "class", st->tmp.data);
}

/* The start of an XHTML file: html with both language attributes, head with
 * title and stylesheet, then body. */
static int S_head(epub_xml *x, const char *lang, const char *title)
{
	if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0 ||
		xmlTextWriterStartDTD(x->w, BAD_CAST "html", NULL, NULL) < 0 || xmlTextWriterEndDTD(x->w) < 0 ||
		epub_raw(x, "\n") < 0 ||
		xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "html", BAD_CAST EPUB_XHTML_NS) < 0 ||
		xmlTextWriterWriteAttributeNS(x->w, BAD_CAST "xmlns", BAD_CAST "epub", NULL, BAD_CAST EPUB_OPS_NS) < 0)
		return epub_xml_fail(x);
	if (epub_attr(x, "lang", lang) < 0 || epub_attr(x, "xml:lang", lang) < 0 || epub_raw(x, "\n") < 0 ||
		epub_start(x, "head") < 0 || epub_element(x, "title", title) < 0 || epub_start(x, "link") < 0 ||
		epub_attr(x, "rel", "stylesheet") < 0 || epub_attr(x, "type", "text/css") < 0 ||
		epub_attr(x, "href", "style.css") < 0 || epub_end(x) < 0 || epub_end(x) < 0 || epub_raw(x, "\n") < 0 ||
		epub_start(x, "body") < 0)
		return x->err;
	return 0;
}

static int S_foot(epub_xml *x)
{
	if (epub_raw(x, "\n") < 0 || epub_end(x) < 0 || epub_raw(x, "\n") < 0 || epub_end(x) < 0)
		return x->err;
	if (xmlTextWriterEndDocument(x->w) < 0)
		return epub_xml_fail(x);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The body                                                            */
/* ------------------------------------------------------------------ */

/* Images are never fetched: one from a data: URI or a local file beside
 * the input is packaged (the book lists it), a remote one is a link to it
 * with its alt text, any other its alt text. */
static int S_image(S_state *st, const char *src, const char *alt)
{
	epub_xml *x = &st->x;
	const char *label = alt && *alt ? alt : "image";
	const epub_image *img = epub_book_image(st->b, st->ch, src);
	if (img) { /* packaged */
		if (epub_start(x, "img") < 0 || epub_attr(x, "src", img->href) < 0 ||
			epub_attr(x, "alt", alt ? alt : "") < 0)
			return x->err;
		return epub_end(x);
	}
	if (!st->links && S_linkable(st, src)) {
		if (epub_start(x, "a") < 0 || S_attr_uri(st, "href", src) < 0 || epub_attr(x, "class", "image") < 0 ||
			epub_str(x, label) < 0)
			return x->err;
		return epub_end(x);
	}
	if (epub_start(x, "span") < 0 || epub_attr(x, "class", "image") < 0 || epub_str(x, label) < 0)
		return x->err;
	return epub_end(x);
}

static int S_children(S_state *st, const galley_node *node)
{
	const galley_node *c;
	for (c = galley_node_first_child(node); c && !st->x.err; c = galley_node_next(c))
		S_walk(st, c);
	return st->x.err;
}

/* The caption of a table or figure (wherever the tree has it) as `name`. */
static int S_caption(S_state *st, const galley_node *parent, const char *name)
{
	const galley_node *c;
	for (c = galley_node_first_child(parent); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION) {
			if (epub_start(&st->x, name) < 0)
				return st->x.err;
			st->inl++;
			S_children(st, c);
			st->inl--;
			return epub_end(&st->x);
		}
	return st->x.err;
}

static int S_all_header(const galley_node *row)
{
	const galley_node *c = galley_node_first_child(row);
	if (!c)
		return 0;
	for (; c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_CELL && !galley_node_get_cell_header(c))
			return 0;
	return 1;
}

/* A table: its caption first wherever the tree has it, leading rows of
 * header cells as thead, the others as tbody. */
static int S_table(S_state *st, const galley_node *table)
{
	epub_xml *x = &st->x;
	const galley_node *c, *cell;
	int group = 0; /* 0 none open, 1 thead, 2 tbody */

	if (S_nl(st) < 0 || epub_start(x, "table") < 0)
		return x->err;
	if (S_caption(st, table, "caption") < 0)
		return x->err;
	for (c = galley_node_first_child(table); c && !x->err; c = galley_node_next(c)) {
		int want;
		if (galley_node_get_type(c) != GALLEY_NODE_ROW)
			continue;
		want = group <= 1 && S_all_header(c) ? 1 : 2;
		if (want != group) {
			if (group && epub_end(x) < 0)
				return x->err;
			if (S_nl(st) < 0 || epub_start(x, want == 1 ? "thead" : "tbody") < 0)
				return x->err;
			group = want;
		}
		if (S_nl(st) < 0 || epub_start(x, "tr") < 0)
			return x->err;
		for (cell = galley_node_first_child(c); cell && !x->err; cell = galley_node_next(cell)) {
			if (epub_start(x, galley_node_get_cell_header(cell) ? "th" : "td") < 0)
				return x->err;
			if (galley_node_get_colspan(cell) > 1 && S_attr_long(st, "colspan", galley_node_get_colspan(cell)) < 0)
				return x->err;
			if (galley_node_get_rowspan(cell) > 1 && S_attr_long(st, "rowspan", galley_node_get_rowspan(cell)) < 0)
				return x->err;
			if (S_children(st, cell) < 0 || epub_end(x) < 0)
				return x->err;
		}
		if (epub_end(x) < 0)
			return x->err;
	}
	if (group && epub_end(x) < 0)
		return x->err;
	return epub_end(x);
}

/* A figure: the image (a link or its alt text), then its caption. */
static int S_figure(S_state *st, const galley_node *fig)
{
	epub_xml *x = &st->x;
	int packaged = epub_book_image(st->b, st->ch, galley_node_get_url(fig)) != NULL;
	/* an img goes straight in the figure; a link or the alt text in a p */
	if (S_nl(st) < 0 || epub_start(x, "figure") < 0 || (!packaged && epub_start(x, "p") < 0) ||
		S_image(st, galley_node_get_url(fig), galley_node_get_alt(fig)) < 0 || (!packaged && epub_end(x) < 0))
		return x->err;
	if (S_caption(st, fig, "figcaption") < 0)
		return x->err;
	return epub_end(x);
}

/* A footnote: a numbered noteref here, the note itself after the body. */
static int S_noteref(S_state *st, const galley_node *note)
{
	epub_xml *x = &st->x;
	char id[32], href[32], num[24];
	if (st->nnotes == st->capnotes) {
		size_t cap = st->capnotes ? st->capnotes * 2 : 8;
		const galley_node **n = galley_realloc(st->notes, cap * sizeof *n);
		if (!n)
			return x->err = galley_error(x->ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
		st->notes = n;
		st->capnotes = cap;
	}
	st->notes[st->nnotes++] = note;
	snprintf(num, sizeof num, "%zu", st->nnotes);
	snprintf(id, sizeof id, "fnref-%zu", st->nnotes);
	snprintf(href, sizeof href, "#fn-%zu", st->nnotes);
	if (st->links) /* no link in a link: the number alone */
		return epub_element(x, "sup", num);
	if (epub_start(x, "a") < 0 || epub_attr(x, "epub:type", "noteref") < 0 || epub_attr(x, "role", "doc-noteref") < 0 ||
		epub_attr(x, "class", "noteref") < 0 || epub_attr(x, "id", id) < 0 || epub_attr(x, "href", href) < 0 ||
		epub_str(x, num) < 0)
		return x->err;
	return epub_end(x);
}

static const char *S_inline_name(galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_EMPH: return "em";
	case GALLEY_NODE_STRONG: return "strong";
	case GALLEY_NODE_SUP: return "sup";
	case GALLEY_NODE_SUB: return "sub";
	default: return NULL;
	}
}

static int S_enter(S_state *st, const galley_node *node)
{
	epub_xml *x = &st->x;
	galley_node_type t = galley_node_get_type(node);
	const char *s;
	char id[32];

	switch (t) {
	case GALLEY_NODE_PARAGRAPH:
		if (S_nl(st) < 0 || epub_start(x, "p") < 0)
			return x->err;
		st->inl++;
		return 0;
	case GALLEY_NODE_HEADING: {
		char name[4] = {'h', (char)('0' + galley_node_get_level(node)), 0, 0};
		if (name[1] < '1' || name[1] > '6')
			name[1] = '6';
		if (S_nl(st) < 0 || epub_start(x, name) < 0)
			return x->err;
		if (!st->in_note) {
			snprintf(id, sizeof id, "h-%ld", ++st->heads);
			if (epub_attr(x, "id", id) < 0)
				return x->err;
		}
		st->inl++;
		return 0;
	}
	case GALLEY_NODE_LIST:
		if (S_nl(st) < 0 || epub_start(x, galley_node_get_list_ordered(node) ? "ol" : "ul") < 0)
			return x->err;
		if (galley_node_get_list_ordered(node) && galley_node_get_list_start(node) != 1 &&
			S_attr_long(st, "start", galley_node_get_list_start(node)) < 0)
			return x->err;
		return 0;
	case GALLEY_NODE_ITEM:
		if (S_nl(st) < 0 || epub_start(x, "li") < 0)
			return x->err;
		return 0;
	case GALLEY_NODE_QUOTE:
		if (S_nl(st) < 0 || epub_start(x, "blockquote") < 0)
			return x->err;
		return 0;
	case GALLEY_NODE_CODE_BLOCK:
		if (S_nl(st) < 0 || epub_start(x, "pre") < 0 || epub_start(x, "code") < 0)
			return x->err;
		if ((s = galley_node_get_language(node)) && *s && S_attr_class(st, "language-", s) < 0)
			return x->err;
		if (epub_text(x, galley_node_get_text(node), galley_node_get_text_len(node)) < 0 || epub_end(x) < 0)
			return x->err;
		return epub_end(x);
	case GALLEY_NODE_BREAK:
		if (S_nl(st) < 0 || epub_start(x, "hr") < 0)
			return x->err;
		return epub_end(x);
	case GALLEY_NODE_DIV:
		if (S_nl(st) < 0 || epub_start(x, "div") < 0)
			return x->err;
		if ((s = galley_node_get_role(node)) && *s && S_attr_class(st, "", s) < 0)
			return x->err;
		return 0;
	case GALLEY_NODE_TEXT:
		return epub_text(x, galley_node_get_text(node), galley_node_get_text_len(node));
	case GALLEY_NODE_CODE:
		if (epub_start(x, "code") < 0 || epub_text(x, galley_node_get_text(node), galley_node_get_text_len(node)) < 0)
			return x->err;
		return epub_end(x);
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		return epub_start(x, S_inline_name(t));
	case GALLEY_NODE_LINK:
		/* Links out of the book are kept; others (relative, fragments that
		 * may not exist here) keep their text only. */
		s = galley_node_get_url(node);
		if (!st->links && S_linkable(st, s)) {
			if (epub_start(x, "a") < 0 || S_attr_uri(st, "href", s) < 0)
				return x->err;
			if ((s = galley_node_get_title(node)) && *s && epub_attr(x, "title", s) < 0)
				return x->err;
		} else if (epub_start(x, "span") < 0) {
			return x->err;
		}
		st->links++;
		return 0;
	case GALLEY_NODE_IMAGE:
		return S_image(st, galley_node_get_url(node), galley_node_get_alt(node));
	case GALLEY_NODE_LINEBREAK:
		if (epub_start(x, "br") < 0)
			return x->err;
		return epub_end(x);
	default:
		return 0;
	}
}

static int S_exit(S_state *st, const galley_node *node)
{
	epub_xml *x = &st->x;
	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
		st->inl--;
		return epub_end(x);
	case GALLEY_NODE_LINK:
		st->links--;
		return epub_end(x);
	case GALLEY_NODE_LIST:
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_DIV:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		return epub_end(x);
	default:
		return 0;
	}
}

static int S_walk(S_state *st, const galley_node *root)
{
	galley_iter *it = galley_iter_new(root);
	galley_event_type ev;
	if (!it)
		return st->x.err = galley_error(st->x.ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	while (!st->x.err && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		galley_node_type t = galley_node_get_type(node);
		if (t == GALLEY_NODE_DOCUMENT)
			continue;
		if (ev == GALLEY_EVENT_ENTER && (t == GALLEY_NODE_TABLE || t == GALLEY_NODE_FIGURE || t == GALLEY_NODE_NOTE ||
			(t == GALLEY_NODE_LIST && !galley_node_first_child(node)))) {
			if (t == GALLEY_NODE_TABLE)
				S_table(st, node);
			else if (t == GALLEY_NODE_FIGURE)
				S_figure(st, node);
			else if (t == GALLEY_NODE_NOTE)
				S_noteref(st, node);
			/* the subtree is written (or, for an empty list, left out) */
			if (node == root)
				break;
			galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
			continue;
		}
		if (ev == GALLEY_EVENT_ENTER)
			S_enter(st, node);
		else if (ev == GALLEY_EVENT_EXIT)
			S_exit(st, node);
	}
	galley_iter_free(it);
	return st->x.err;
}

/* The notes of a chapter as EPUB 3 footnotes; a note inside a note is
 * numbered on and written after the others. */
static int S_notes(S_state *st)
{
	epub_xml *x = &st->x;
	size_t i;
	char id[32], href[32], num[24];
	st->in_note = 1;
	for (i = 0; i < st->nnotes && !x->err; i++) {
		snprintf(id, sizeof id, "fn-%zu", i + 1);
		snprintf(href, sizeof href, "#fnref-%zu", i + 1);
		snprintf(num, sizeof num, "%zu", i + 1);
		if (S_nl(st) < 0 || epub_start(x, "aside") < 0 || epub_attr(x, "epub:type", "footnote") < 0 ||
			epub_attr(x, "role", "doc-footnote") < 0 || epub_attr(x, "class", "footnote") < 0 ||
			epub_attr(x, "id", id) < 0 || S_nl(st) < 0 || epub_start(x, "p") < 0 ||
			epub_attr(x, "class", "footnote-number") < 0)
			return x->err;
		/* a note numbered inside a link has no noteref to go back to */
		{
			const galley_node *a;
			int in_link = 0;
			for (a = galley_node_parent(st->notes[i]); a; a = galley_node_parent(a))
				in_link |= galley_node_get_type(a) == GALLEY_NODE_LINK;
			if (in_link ? epub_str(x, num) < 0
				    : (epub_start(x, "a") < 0 || epub_attr(x, "href", href) < 0 || epub_str(x, num) < 0 ||
					      epub_end(x) < 0))
				return x->err;
		}
		if (epub_end(x) < 0 || S_children(st, st->notes[i]) < 0 || S_nl(st) < 0 || epub_end(x) < 0)
			return x->err;
	}
	return x->err;
}

static int S_title_page(S_state *st, const epub_chapter *c)
{
	epub_xml *x = &st->x;
	const galley_meta *m = c->meta;
	const char *v;
	if (epub_raw(x, "\n") < 0 || epub_start(x, "section") < 0 || epub_attr(x, "epub:type", "titlepage") < 0 ||
		epub_attr(x, "class", "titlepage") < 0 || epub_attr(x, "id", "titlepage") < 0)
		return x->err;
	if ((v = galley_meta_get(m, "category")) && (epub_raw(x, "\n") < 0 || epub_start(x, "p") < 0 ||
		epub_attr(x, "class", "category") < 0 || epub_str(x, v) < 0 || epub_end(x) < 0))
		return x->err;
	if (epub_raw(x, "\n") < 0 || epub_element(x, "h1", c->label) < 0)
		return x->err;
	if ((v = galley_meta_get(m, "subtitle")) && (epub_raw(x, "\n") < 0 || epub_start(x, "p") < 0 ||
		epub_attr(x, "class", "subtitle") < 0 || epub_str(x, v) < 0 || epub_end(x) < 0))
		return x->err;
	if ((v = galley_meta_get(m, "date")) && (epub_raw(x, "\n") < 0 || epub_start(x, "p") < 0 ||
		epub_attr(x, "class", "date") < 0 || epub_str(x, v) < 0 || epub_end(x) < 0))
		return x->err;
	if ((v = galley_meta_get(m, "issuer")) && (epub_raw(x, "\n") < 0 || epub_start(x, "p") < 0 ||
		epub_attr(x, "class", "issuer") < 0 || epub_str(x, v) < 0 || epub_end(x) < 0))
		return x->err;
	if (epub_raw(x, "\n") < 0 || epub_end(x) < 0)
		return x->err;
	return 0;
}

/* The top-level blocks of one file of a chapter. */
static int S_part(S_state *st, const epub_chapter *c, size_t part)
{
	const galley_node *n = c->nparts ? c->parts[part] : NULL;
	const galley_node *end = part + 1 < c->nparts ? c->parts[part + 1] : NULL;
	for (; n && n != end && !st->x.err; n = galley_node_next(n))
		S_walk(st, n);
	return st->x.err;
}

int epub_chapter_xhtml(const epub_book *b, size_t i, size_t part, galley_buffer *out)
{
	const epub_chapter *c = &b->ch[i];
	S_state st;
	int rc;
	memset(&st, 0, sizeof st);
	st.b = b;
	st.ch = i;
	st.heads = c->nparts ? (long)c->part_head[part] : 0;
	if (epub_xml_open(&st.x, b->ctx, out) < 0)
		return st.x.err;
	if (S_head(&st.x, c->lang, c->label) == 0 && (part > 0 || S_title_page(&st, c) == 0) &&
		epub_raw(&st.x, "\n") == 0 && epub_start(&st.x, "section") == 0 &&
		epub_attr(&st.x, "epub:type", "bodymatter chapter") == 0 && epub_attr(&st.x, "class", "release") == 0 &&
		epub_attr(&st.x, "id", "body") == 0 && S_part(&st, c, part) == 0 && epub_raw(&st.x, "\n") == 0 &&
		epub_end(&st.x) == 0 && S_notes(&st) == 0)
		S_foot(&st.x);
	if (st.x.dropped > 0)
		galley_log(b->ctx, GALLEY_LOG_INFO, "EPUB: dropped %ld character%s that XML 1.0 cannot carry", st.x.dropped,
			st.x.dropped == 1 ? "" : "s");
	rc = epub_xml_close(&st.x);
	galley_free(st.notes);
	galley_buffer_dispose(&st.tmp);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Navigation                                                          */
/* ------------------------------------------------------------------ */

static char *S_label(const galley_node *node)
{
	galley_buffer b = GALLEY_BUFFER_INIT, clean = GALLEY_BUFFER_INIT;
	char *s, *p, *q;
	int space = 0;
	if (galley_node_text_content(node, &b) < 0 || galley_xml_clean(b.data ? b.data : "", b.len, &clean) < 0 ||
		galley_buffer_putc(&clean, '\0') < 0) {
		galley_buffer_dispose(&b);
		galley_buffer_dispose(&clean);
		return NULL;
	}
	galley_buffer_dispose(&b);
	/* one line, spaces collapsed */
	s = clean.data;
	for (p = q = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = q != s;
		} else {
			if (space)
				*q++ = ' ';
			space = 0;
			*q++ = *p;
		}
	}
	*q = '\0';
	return s;
}

/* Where the files of a long chapter start: its first block, then each
 * top-level level-1 heading after it. */
static int S_split(galley_context *ctx, epub_chapter *c, long split)
{
	const galley_node *n, *first = galley_node_first_child(c->doc);
	size_t k = 0, count = 1;
	int is_long = 0;
	if (split > 0 && first) {
		/* the length of its text, counted until it is long enough (no copy) */
		galley_iter *it = galley_iter_new(c->doc);
		galley_event_type ev;
		size_t len = 0;
		if (!it)
			return galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
		while (len <= (size_t)split && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE)
			if (ev == GALLEY_EVENT_ENTER)
				len += galley_node_get_text_len(galley_iter_get_node(it));
		galley_iter_free(it);
		is_long = len > (size_t)split;
	}
	for (n = first ? galley_node_next(first) : NULL; is_long && n; n = galley_node_next(n))
		count += galley_node_get_type(n) == GALLEY_NODE_HEADING && galley_node_get_level(n) == 1;
	if (!(c->parts = galley_calloc(count, sizeof *c->parts)) || !(c->part_head = galley_calloc(count, sizeof *c->part_head)))
		return galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	c->parts[k++] = first;
	for (n = first ? galley_node_next(first) : NULL; count > 1 && n; n = galley_node_next(n))
		if (galley_node_get_type(n) == GALLEY_NODE_HEADING && galley_node_get_level(n) == 1)
			c->parts[k++] = n;
	c->nparts = count;
	return 0;
}

int epub_chapter_scan(galley_context *ctx, epub_chapter *c, long split)
{
	galley_iter *it;
	galley_event_type ev;
	size_t cap = 0, part = 0;
	int rc = 0;
	if (S_split(ctx, c, split) < 0)
		return galley_context_error_code(ctx);
	if (!(it = galley_iter_new(c->doc)))
		return galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	while (rc == 0 && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (ev != GALLEY_EVENT_ENTER)
			continue;
		if (part + 1 < c->nparts && node == c->parts[part + 1])
			c->part_head[++part] = c->nheads;
		if (galley_node_get_type(node) == GALLEY_NODE_NOTE) {
			galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
		} else if (galley_node_get_type(node) == GALLEY_NODE_HEADING) {
			char *l = S_label(node);
			if (!l) {
				rc = galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
				break;
			}
			if (c->nheads == cap) {
				char **n = galley_realloc(c->heads, (cap ? cap * 2 : 8) * sizeof *n);
				size_t *np = n ? galley_realloc(c->head_part, (cap ? cap * 2 : 8) * sizeof *np) : NULL;
				if (n)
					c->heads = n;
				if (!np) {
					galley_free(l);
					rc = galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
					break;
				}
				c->head_part = np;
				cap = cap ? cap * 2 : 8;
			}
			c->head_part[c->nheads] = part;
			c->heads[c->nheads++] = l; /* an empty label is kept so ids stay in step */
			galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
		}
	}
	galley_iter_free(it);
	return rc;
}

/* A release's entry in the book's lists is in its own language. */
static int S_entry(epub_xml *x, const epub_book *b, const epub_chapter *c)
{
	if (epub_raw(x, "\n") < 0 || epub_start(x, "li") < 0)
		return x->err;
	if (strcmp(c->lang, b->lang) && (epub_attr(x, "lang", c->lang) < 0 || epub_attr(x, "xml:lang", c->lang) < 0))
		return x->err;
	return 0;
}

static int S_link(epub_xml *x, const char *href, const char *label)
{
	if (epub_start(x, "a") < 0 || epub_attr(x, "href", href) < 0 || epub_str(x, label) < 0)
		return x->err;
	return epub_end(x);
}

int epub_nav_xhtml(const epub_book *b, galley_buffer *out)
{
	epub_xml x;
	size_t i, j;
	char href[96], file[48];

	if (epub_xml_open(&x, b->ctx, out) < 0)
		return x.err;
	if (S_head(&x, b->lang, b->title) < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "nav") < 0 ||
		epub_attr(&x, "epub:type", "toc") < 0 || epub_attr(&x, "id", "toc") < 0 || epub_raw(&x, "\n") < 0 ||
		epub_element(&x, "h1", "Contents") < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "ol") < 0)
		goto done;
	if (b->nch > 1 && (epub_raw(&x, "\n") < 0 || epub_start(&x, "li") < 0 ||
		S_link(&x, "contents.xhtml", "Releases") < 0 || epub_end(&x) < 0))
		goto done;
	for (i = 0; i < b->nch; i++) {
		const epub_chapter *c = &b->ch[i];
		size_t shown = 0;
		if (S_entry(&x, b, c) < 0 || S_link(&x, c->file, c->label) < 0)
			goto done;
		for (j = 0; j < c->nheads; j++)
			shown += c->heads[j][0] != '\0';
		if (shown) {
			if (epub_raw(&x, "\n") < 0 || epub_start(&x, "ol") < 0)
				goto done;
			for (j = 0; j < c->nheads; j++) {
				if (!c->heads[j][0])
					continue;
				epub_part_file(i, c->head_part[j], file, sizeof file);
				snprintf(href, sizeof href, "%s#h-%zu", file, j + 1);
				if (epub_raw(&x, "\n") < 0 || epub_start(&x, "li") < 0 || S_link(&x, href, c->heads[j]) < 0 ||
					epub_end(&x) < 0)
					goto done;
			}
			if (epub_end(&x) < 0)
				goto done;
		}
		if (epub_end(&x) < 0)
			goto done;
	}
	if (epub_raw(&x, "\n") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n") < 0 || epub_end(&x) < 0)
		goto done;
	/* landmarks: the contents and where the text starts */
	if (epub_raw(&x, "\n") < 0 || epub_start(&x, "nav") < 0 || epub_attr(&x, "epub:type", "landmarks") < 0 ||
		epub_attr(&x, "id", "landmarks") < 0 || epub_attr(&x, "hidden", "hidden") < 0 || epub_raw(&x, "\n") < 0 ||
		epub_element(&x, "h2", "Landmarks") < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "ol") < 0)
		goto done;
	snprintf(href, sizeof href, "%s#body", b->ch[0].file);
	if (epub_raw(&x, "\n") < 0 || epub_start(&x, "li") < 0 || epub_start(&x, "a") < 0 ||
		epub_attr(&x, "epub:type", "toc") < 0 || epub_attr(&x, "href", b->nch > 1 ? "contents.xhtml" : "nav.xhtml#toc") < 0 ||
		epub_str(&x, "Contents") < 0 || epub_end(&x) < 0 || epub_end(&x) < 0)
		goto done;
	if (epub_raw(&x, "\n") < 0 || epub_start(&x, "li") < 0 || epub_start(&x, "a") < 0 ||
		epub_attr(&x, "epub:type", "bodymatter") < 0 || epub_attr(&x, "href", href) < 0 ||
		epub_str(&x, "Start of the text") < 0 || epub_end(&x) < 0 || epub_end(&x) < 0)
		goto done;
	if (epub_raw(&x, "\n") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n") < 0 || epub_end(&x) < 0)
		goto done;
	S_foot(&x);
done:
	return epub_xml_close(&x);
}

/* A book's contents page: each release's title and date. */
int epub_contents_xhtml(const epub_book *b, galley_buffer *out)
{
	epub_xml x;
	size_t i;
	if (epub_xml_open(&x, b->ctx, out) < 0)
		return x.err;
	if (S_head(&x, b->lang, b->title) < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "section") < 0 ||
		epub_attr(&x, "epub:type", "frontmatter") < 0 || epub_attr(&x, "class", "book") < 0 ||
		epub_raw(&x, "\n") < 0 || epub_element(&x, "h1", b->title) < 0 || epub_raw(&x, "\n") < 0 ||
		epub_start(&x, "nav") < 0 || epub_attr(&x, "class", "contents") < 0 || epub_raw(&x, "\n") < 0 ||
		epub_element(&x, "h2", "Releases") < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "ol") < 0)
		goto done;
	for (i = 0; i < b->nch; i++) {
		const epub_chapter *c = &b->ch[i];
		const char *date = galley_meta_get(c->meta, "date");
		if (S_entry(&x, b, c) < 0 || S_link(&x, c->file, c->label) < 0)
			goto done;
		if (date && (epub_start(&x, "span") < 0 || epub_attr(&x, "class", "date") < 0 || epub_str(&x, date) < 0 ||
			epub_end(&x) < 0))
			goto done;
		if (epub_end(&x) < 0)
			goto done;
	}
	if (epub_raw(&x, "\n") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n") < 0 || epub_end(&x) < 0 ||
		epub_raw(&x, "\n") < 0 || epub_end(&x) < 0)
		goto done;
	S_foot(&x);
done:
	return epub_xml_close(&x);
}
