/* epub_xhtml.c — the XHTML files of the EPUB writer: a release's file (its
 * title page from the metadata, then its body, then its footnotes), the
 * navigation document and a book's contents page.
 *
 * A release's body is one walk of its tree (no recursion, so a deep tree
 * cannot exhaust the stack), its markup made here and escaped with
 * galley_xml_escape, handed to the xmlTextWriter in pieces as raw markup
 * (see epub_xml in epub.h); the document, its doctype and the html element
 * are the xmlTextWriter's. */
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
	unsigned long heads;       /* headings given an id so far */
	int in_note;               /* writing the notes: their headings get no id */
	int links;                 /* > 0 inside a link: no link may open */
	int link_kept;             /* the outermost open link is an a (else a span) */
	int inl;                   /* > 0 inside phrase content: no line breaks */
	unsigned char *groups;     /* per open table: 0 no row group open, 1 thead, 2 tbody */
	size_t ntables, captables;
	size_t tbase;              /* the tables open before this walk (a caption's) */
	galley_buffer uri;         /* a link's address percent-encoded, to check it */
} S_state;

#define PUT(lit) EPUB_PUT(&st->x, lit)

/* The markup handed on when a block starts with 16 KiB collected. */
#define S_PIECE 16384

static void S_nl(S_state *st)
{
	if (st->inl)
		return;
	if (st->x.raw.len >= S_PIECE)
		epub_flush(&st->x);
	PUT("\n");
}

static void S_text(S_state *st, const char *s, size_t len)
{
	epub_esc(&st->x, s, len, 0);
}

static void S_str(S_state *st, const char *s)
{
	if (s)
		epub_esc(&st->x, s, strlen(s), 0);
}

/* An address out of the book that is worth a link: one of the schemes
 * kept, and a valid URI once percent-encoded (galley_uri_valid); the
 * encoded address stays in st->uri for S_put_href(). */
static int S_linkable(S_state *st, const char *url)
{
	if (!epub_is_external(url))
		return 0;
	galley_buffer_clear(&st->uri);
	if (galley_uri_encode(url, &st->uri) < 0 || galley_buffer_putc(&st->uri, '\0') < 0) {
		st->x.raw.oom = 1; /* the next flush says so */
		return 0;
	}
	return galley_uri_valid(st->uri.data);
}

/* The address S_linkable() has just encoded, as an attribute value (its
 * '&'s as "&amp;"). */
static void S_put_href(S_state *st)
{
	epub_esc(&st->x, st->uri.data, st->uri.len - 1, 1);
}

/* name="value" with the value escaped (the name has its leading space) */
static void S_attr(S_state *st, const char *name, size_t nlen, const char *value)
{
	epub_put(&st->x, name, nlen);
	PUT("=\"");
	if (value)
		epub_esc(&st->x, value, strlen(value), 1);
	PUT("\"");
}
#define ATTR(name, value) S_attr(st, " " name, sizeof(name), value)

/* class="prefixTOKEN" (epub_token: nothing to escape) */
static void S_class(S_state *st, const char *prefix, const char *value)
{
	galley_buffer *r = &st->x.raw;
	PUT(" class=\"");
	galley_buffer_puts(r, prefix);
	epub_token(value, r);
	PUT("\"");
}

int epub_xhtml_head(epub_xml *x, const char *lang, const char *title)
{
	if (epub_flush(x) < 0)
		return x->err;
	if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0 ||
		xmlTextWriterStartDTD(x->w, BAD_CAST "html", NULL, NULL) < 0 || xmlTextWriterEndDTD(x->w) < 0 ||
		xmlTextWriterWriteRaw(x->w, BAD_CAST "\n") < 0 ||
		xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "html", BAD_CAST EPUB_XHTML_NS) < 0 ||
		xmlTextWriterWriteAttributeNS(x->w, BAD_CAST "xmlns", BAD_CAST "epub", NULL, BAD_CAST EPUB_OPS_NS) < 0)
		return epub_xml_fail(x);
	if (epub_attr(x, "lang", lang) < 0 || epub_attr(x, "xml:lang", lang) < 0 || epub_raw(x, "\n") < 0 ||
		epub_start(x, "head") < 0 || epub_element(x, "title", title) < 0 || epub_start(x, "link") < 0 ||
		epub_attr(x, "rel", "stylesheet") < 0 || epub_attr(x, "type", "text/css") < 0 ||
		epub_attr(x, "href", "style.css") < 0 || epub_end(x) < 0 || epub_end(x) < 0 || epub_raw(x, "\n") < 0 ||
		epub_start(x, "body") < 0)
		return x->err;
	epub_close_tag(x);
	return 0;
}

int epub_xhtml_foot(epub_xml *x)
{
	if (epub_raw(x, "\n") < 0 || epub_end(x) < 0 || epub_raw(x, "\n") < 0 || epub_end(x) < 0)
		return x->err;
	if (epub_flush(x) < 0)
		return x->err;
	if (xmlTextWriterEndDocument(x->w) < 0)
		return epub_xml_fail(x);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The body                                                            */
/* ------------------------------------------------------------------ */

static void S_inner(S_state *st, const galley_node *root);

/* Images are never fetched: one from a data: URI or a local file beside
 * the input is packaged (the book lists it), a remote one is a link to it
 * with its alt text, any other its alt text. */
static void S_image(S_state *st, const char *src, const char *alt)
{
	const char *label = alt && *alt ? alt : "image";
	const epub_image *img = epub_book_image(st->b, st->ch, src);
	if (img) { /* packaged */
		PUT("<img");
		ATTR("src", img->href);
		ATTR("alt", alt ? alt : "");
		PUT("/>");
	} else if (!st->links && S_linkable(st, src)) {
		PUT("<a href=\"");
		S_put_href(st);
		PUT("\" class=\"image\">");
		S_str(st, label);
		PUT("</a>");
	} else {
		PUT("<span class=\"image\">");
		S_str(st, label);
		PUT("</span>");
	}
}

/* The caption of a table or figure (wherever the tree has it) as `name`. */
static void S_caption(S_state *st, const galley_node *parent, const char *open, const char *close)
{
	const galley_node *c;
	for (c = galley_node_first_child(parent); c; c = galley_node_next(c))
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION) {
			galley_buffer_puts(&st->x.raw, open);
			st->inl++;
			S_inner(st, c);
			st->inl--;
			galley_buffer_puts(&st->x.raw, close);
			return;
		}
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

/* A table: its caption first wherever the tree has it; its rows are met
 * in the walk, leading rows of header cells as thead, the others as tbody. */
static int S_table_open(S_state *st, const galley_node *table)
{
	if (st->ntables == st->captables) {
		size_t cap = st->captables ? st->captables * 2 : 8;
		unsigned char *g = galley_realloc(st->groups, cap);
		if (!g)
			return st->x.err = galley_error(st->x.ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
		st->groups = g;
		st->captables = cap;
	}
	st->groups[st->ntables++] = 0;
	S_nl(st);
	PUT("<table>");
	S_caption(st, table, "<caption>", "</caption>");
	return 0;
}

static void S_row_open(S_state *st, const galley_node *row)
{
	unsigned char *group = &st->groups[st->ntables - 1];
	int want = *group <= 1 && S_all_header(row) ? 1 : 2;
	if (want != *group) {
		if (*group == 1)
			PUT("</thead>");
		else if (*group == 2)
			PUT("</tbody>");
		S_nl(st);
		if (want == 1)
			PUT("<thead>");
		else
			PUT("<tbody>");
		*group = (unsigned char)want;
	}
	S_nl(st);
	PUT("<tr>");
}

static void S_cell_open(S_state *st, const galley_node *cell)
{
	int header = galley_node_get_cell_header(cell);
	if (header)
		PUT("<th");
	else
		PUT("<td");
	if (galley_node_get_colspan(cell) > 1) {
		PUT(" colspan=\"");
		epub_put_num(&st->x, (unsigned long)galley_node_get_colspan(cell));
		PUT("\"");
	}
	if (galley_node_get_rowspan(cell) > 1) {
		PUT(" rowspan=\"");
		epub_put_num(&st->x, (unsigned long)galley_node_get_rowspan(cell));
		PUT("\"");
	}
	PUT(">");
}

static void S_table_close(S_state *st)
{
	unsigned char group = st->groups[--st->ntables];
	if (group == 1)
		PUT("</thead>");
	else if (group == 2)
		PUT("</tbody>");
	PUT("</table>");
}

/* A figure: the image (a link or its alt text), then its caption. */
static void S_figure(S_state *st, const galley_node *fig)
{
	int packaged = epub_book_image(st->b, st->ch, galley_node_get_url(fig)) != NULL;
	/* an img goes straight in the figure; a link or the alt text in a p */
	S_nl(st);
	PUT("<figure>");
	if (!packaged)
		PUT("<p>");
	S_image(st, galley_node_get_url(fig), galley_node_get_alt(fig));
	if (!packaged)
		PUT("</p>");
	S_caption(st, fig, "<figcaption>", "</figcaption>");
	PUT("</figure>");
}

/* A footnote: a numbered noteref here, the note itself after the body. */
static void S_noteref(S_state *st, const galley_node *note)
{
	epub_xml *x = &st->x;
	if (st->nnotes == st->capnotes) {
		size_t cap = st->capnotes ? st->capnotes * 2 : 8;
		const galley_node **n = galley_realloc(st->notes, cap * sizeof *n);
		if (!n) {
			x->err = galley_error(x->ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
			return;
		}
		st->notes = n;
		st->capnotes = cap;
	}
	st->notes[st->nnotes++] = note;
	if (st->links) { /* no link in a link: the number alone */
		PUT("<sup>");
		epub_put_num(x, st->nnotes);
		PUT("</sup>");
		return;
	}
	PUT("<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" id=\"fnref-");
	epub_put_num(x, st->nnotes);
	PUT("\" href=\"#fn-");
	epub_put_num(x, st->nnotes);
	PUT("\">");
	epub_put_num(x, st->nnotes);
	PUT("</a>");
}

/* A link out of the book is kept; others (relative, fragments that may
 * not exist here) keep their text only, as does one in a link. */
static int S_link_kept(S_state *st, const galley_node *link)
{
	return !st->links && S_linkable(st, galley_node_get_url(link));
}

/* ENTER: 1 when the node's subtree is written (or left out) already. */
static int S_enter(S_state *st, const galley_node *node, galley_node_type t)
{
	epub_xml *x = &st->x;
	const char *s;

	if (st->ntables > st->tbase) {
		/* a table's rows and a row's cells; anything else in a table or
		 * row (its caption, written first) is not walked */
		galley_node_type pt = galley_node_get_type(galley_node_parent(node));
		if (pt == GALLEY_NODE_TABLE) {
			if (t != GALLEY_NODE_ROW)
				return 1;
			S_row_open(st, node);
			return 0;
		}
		if (pt == GALLEY_NODE_ROW) {
			S_cell_open(st, node);
			if (t == GALLEY_NODE_CELL)
				return 0;
			epub_put(&st->x, galley_node_get_cell_header(node) ? "</th>" : "</td>", 5);
			return 1;
		}
	}
	switch (t) {
	case GALLEY_NODE_TEXT:
		S_text(st, galley_node_get_text(node), galley_node_get_text_len(node));
		return 0;
	case GALLEY_NODE_PARAGRAPH:
		S_nl(st);
		PUT("<p>");
		st->inl++;
		return 0;
	case GALLEY_NODE_HEADING: {
		char name[4] = {'<', 'h', (char)('0' + galley_node_get_level(node)), 0};
		if (name[2] < '1' || name[2] > '6')
			name[2] = '6';
		S_nl(st);
		epub_put(x, name, 3);
		if (!st->in_note) {
			PUT(" id=\"h-");
			epub_put_num(x, ++st->heads);
			PUT("\"");
		}
		PUT(">");
		st->inl++;
		return 0;
	}
	case GALLEY_NODE_LIST:
		if (!galley_node_first_child(node))
			return 1; /* an empty list is left out */
		S_nl(st);
		if (galley_node_get_list_ordered(node)) {
			PUT("<ol");
			if (galley_node_get_list_start(node) != 1) {
				PUT(" start=\"");
				epub_put_num(x, (unsigned long)galley_node_get_list_start(node));
				PUT("\"");
			}
			PUT(">");
		} else {
			PUT("<ul>");
		}
		return 0;
	case GALLEY_NODE_ITEM:
		S_nl(st);
		PUT("<li>");
		return 0;
	case GALLEY_NODE_QUOTE:
		S_nl(st);
		PUT("<blockquote>");
		return 0;
	case GALLEY_NODE_CODE_BLOCK:
		S_nl(st);
		PUT("<pre><code");
		if ((s = galley_node_get_language(node)) && *s)
			S_class(st, "language-", s);
		PUT(">");
		S_text(st, galley_node_get_text(node), galley_node_get_text_len(node));
		PUT("</code></pre>");
		return 1;
	case GALLEY_NODE_TABLE:
		S_table_open(st, node);
		return 0;
	case GALLEY_NODE_FIGURE:
		S_figure(st, node);
		return 1;
	case GALLEY_NODE_BREAK:
		S_nl(st);
		PUT("<hr/>");
		return 1;
	case GALLEY_NODE_DIV:
		S_nl(st);
		PUT("<div");
		if ((s = galley_node_get_role(node)) && *s)
			S_class(st, "", s);
		PUT(">");
		return 0;
	case GALLEY_NODE_CAPTION:
		return 1; /* written first, by its table or figure */
	case GALLEY_NODE_CODE:
		PUT("<code>");
		S_text(st, galley_node_get_text(node), galley_node_get_text_len(node));
		PUT("</code>");
		return 1;
	case GALLEY_NODE_EMPH:
		PUT("<em>");
		return 0;
	case GALLEY_NODE_STRONG:
		PUT("<strong>");
		return 0;
	case GALLEY_NODE_SUP:
		PUT("<sup>");
		return 0;
	case GALLEY_NODE_SUB:
		PUT("<sub>");
		return 0;
	case GALLEY_NODE_LINK:
		if (S_link_kept(st, node)) { /* only ever the outermost */
			st->link_kept = 1;
			PUT("<a href=\"");
			S_put_href(st);
			PUT("\"");
			if ((s = galley_node_get_title(node)) && *s)
				ATTR("title", s);
			PUT(">");
		} else {
			PUT("<span>");
		}
		st->links++;
		return 0;
	case GALLEY_NODE_IMAGE:
		S_image(st, galley_node_get_url(node), galley_node_get_alt(node));
		return 1;
	case GALLEY_NODE_LINEBREAK:
		PUT("<br/>");
		return 1;
	case GALLEY_NODE_NOTE:
		S_noteref(st, node);
		return 1;
	default:
		return 0;
	}
}

static void S_exit(S_state *st, const galley_node *node, galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_PARAGRAPH:
		st->inl--;
		PUT("</p>");
		return;
	case GALLEY_NODE_HEADING: {
		char name[6] = {'<', '/', 'h', (char)('0' + galley_node_get_level(node)), '>', 0};
		if (name[3] < '1' || name[3] > '6')
			name[3] = '6';
		st->inl--;
		epub_put(&st->x, name, 5);
		return;
	}
	case GALLEY_NODE_LINK:
		/* only the outermost link can be kept: its end brings links to 0 */
		if (--st->links == 0 && st->link_kept) {
			st->link_kept = 0;
			PUT("</a>");
		} else {
			PUT("</span>");
		}
		return;
	case GALLEY_NODE_LIST:
		if (galley_node_get_list_ordered(node))
			PUT("</ol>");
		else
			PUT("</ul>");
		return;
	case GALLEY_NODE_ITEM:
		PUT("</li>");
		return;
	case GALLEY_NODE_QUOTE:
		PUT("</blockquote>");
		return;
	case GALLEY_NODE_DIV:
		PUT("</div>");
		return;
	case GALLEY_NODE_EMPH:
		PUT("</em>");
		return;
	case GALLEY_NODE_STRONG:
		PUT("</strong>");
		return;
	case GALLEY_NODE_SUP:
		PUT("</sup>");
		return;
	case GALLEY_NODE_SUB:
		PUT("</sub>");
		return;
	case GALLEY_NODE_TABLE:
		S_table_close(st);
		return;
	default:
		return;
	}
}

/* One event of a walk; skip the node's subtree when it is written (or left out). */
static void S_event(S_state *st, galley_iter *it, const galley_node *node, galley_event_type ev)
{
	galley_node_type t = galley_node_get_type(node);
	if (ev == GALLEY_EVENT_ENTER) {
		if (S_enter(st, node, t) && !galley_node_type_is_leaf(t))
			galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
	} else if (ev == GALLEY_EVENT_EXIT) {
		if (st->ntables > st->tbase && (t == GALLEY_NODE_ROW || t == GALLEY_NODE_CELL)) {
			galley_node_type pt = galley_node_get_type(galley_node_parent(node));
			if (t == GALLEY_NODE_ROW && pt == GALLEY_NODE_TABLE)
				PUT("</tr>");
			else if (t == GALLEY_NODE_CELL && pt == GALLEY_NODE_ROW)
				epub_put(&st->x, galley_node_get_cell_header(node) ? "</th>" : "</td>", 5);
			return;
		}
		S_exit(st, node, t);
	}
}

/* What root holds, written (a caption's inlines, a note's blocks). */
static void S_inner(S_state *st, const galley_node *root)
{
	galley_iter *it = galley_iter_new(root);
	galley_event_type ev;
	size_t tbase = st->tbase;
	if (!it) {
		st->x.err = galley_error(st->x.ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
		return;
	}
	st->tbase = st->ntables; /* a caption's table is not this walk's */
	while (!st->x.err && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (node != root)
			S_event(st, it, node, ev);
	}
	galley_iter_free(it);
	st->tbase = tbase;
}

/* The notes of a chapter as EPUB 3 footnotes; a note inside a note is
 * numbered on and written after the others. */
static void S_notes(S_state *st)
{
	epub_xml *x = &st->x;
	size_t i;
	st->in_note = 1;
	for (i = 0; i < st->nnotes && !x->err; i++) {
		const galley_node *a;
		int in_link = 0;
		S_nl(st);
		PUT("<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"fn-");
		epub_put_num(x, i + 1);
		PUT("\">");
		S_nl(st);
		PUT("<p class=\"footnote-number\">");
		/* a note numbered inside a link has no noteref to go back to */
		for (a = galley_node_parent(st->notes[i]); a; a = galley_node_parent(a))
			in_link |= galley_node_get_type(a) == GALLEY_NODE_LINK;
		if (in_link) {
			epub_put_num(x, i + 1);
		} else {
			PUT("<a href=\"#fnref-");
			epub_put_num(x, i + 1);
			PUT("\">");
			epub_put_num(x, i + 1);
			PUT("</a>");
		}
		PUT("</p>");
		S_inner(st, st->notes[i]);
		S_nl(st);
		PUT("</aside>");
	}
}

/* A line of the title page: <p class="cls">value</p> when there is a value. */
static void S_title_line(S_state *st, const char *cls, const char *value)
{
	if (!value)
		return;
	PUT("\n<p class=\"");
	galley_buffer_puts(&st->x.raw, cls);
	PUT("\">");
	S_str(st, value);
	PUT("</p>");
}

static void S_title_page(S_state *st, const epub_chapter *c)
{
	const galley_meta *m = c->meta;
	PUT("\n<section epub:type=\"titlepage\" class=\"titlepage\" id=\"titlepage\">");
	S_title_line(st, "category", galley_meta_get(m, "category"));
	PUT("\n<h1>");
	S_str(st, c->label);
	PUT("</h1>");
	S_title_line(st, "subtitle", galley_meta_get(m, "subtitle"));
	S_title_line(st, "date", galley_meta_get(m, "date"));
	S_title_line(st, "issuer", galley_meta_get(m, "issuer"));
	PUT("\n</section>");
}

/* The top-level blocks of one file of a chapter: one walk of the tree
 * from the file's first block to the next file's. */
static void S_part(S_state *st, const epub_chapter *c, size_t part)
{
	const galley_node *start = c->nparts ? c->parts[part] : NULL;
	const galley_node *end = part + 1 < c->nparts ? c->parts[part + 1] : NULL;
	galley_iter *it;
	galley_event_type ev;
	int on = 0;
	if (!start)
		return;
	if (!(it = galley_iter_new(c->doc))) {
		st->x.err = galley_error(st->x.ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
		return;
	}
	while (!st->x.err && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (node == c->doc)
			continue;
		if (ev == GALLEY_EVENT_ENTER && galley_node_parent(node) == c->doc) {
			if (node == end)
				break;
			on |= node == start;
			if (!on) { /* a block of a file before this one */
				if (!galley_node_type_is_leaf(galley_node_get_type(node)))
					galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
				continue;
			}
		}
		S_event(st, it, node, ev);
	}
	galley_iter_free(it);
}

int epub_chapter_xhtml(const epub_book *b, size_t i, size_t part, galley_buffer *out)
{
	const epub_chapter *c = &b->ch[i];
	S_state st;
	int rc;
	memset(&st, 0, sizeof st);
	st.b = b;
	st.ch = i;
	st.heads = c->nparts ? c->part_head[part] : 0;
	if (epub_xml_open(&st.x, b->ctx, out) < 0)
		return st.x.err;
	galley_buffer_reserve(&st.x.raw, S_PIECE + 4096); /* failing, the flush says so */
	if (epub_xhtml_head(&st.x, c->lang, c->label) == 0) {
		if (part == 0)
			S_title_page(&st, c);
		EPUB_PUT(&st.x, "\n<section epub:type=\"bodymatter chapter\" class=\"release\" id=\"body\">");
		S_part(&st, c, part);
		EPUB_PUT(&st.x, "\n</section>");
		S_notes(&st);
		if (epub_flush(&st.x) == 0)
			epub_xhtml_foot(&st.x);
	}
	if (st.x.dropped > 0)
		galley_log(b->ctx, GALLEY_LOG_INFO, "EPUB: dropped %ld character%s that XML 1.0 cannot carry", st.x.dropped,
			st.x.dropped == 1 ? "" : "s");
	rc = epub_xml_close(&st.x);
	galley_free(st.notes);
	galley_free(st.groups);
	galley_buffer_dispose(&st.uri);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Navigation                                                          */
/* ------------------------------------------------------------------ */

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
	if (epub_xhtml_head(&x, b->lang, b->title) < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "nav") < 0 ||
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
	epub_xhtml_foot(&x);
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
	if (epub_xhtml_head(&x, b->lang, b->title) < 0 || epub_raw(&x, "\n") < 0 || epub_start(&x, "section") < 0 ||
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
	epub_xhtml_foot(&x);
done:
	return epub_xml_close(&x);
}
