/* md_write.c — the Markdown writer: one walk over the tree with a switch on
 * the node type (cmark's S_render_node shape). A prefix stack ("> ", list
 * indentation) makes nested blocks right; what CommonMark cannot express
 * (tables in plain Markdown, awkward emphasis, sup/sub) is written as raw HTML. */
#include "md.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_raws(md_state *st, const char *s)
{
	md_raw(st, s, strlen(s));
}

static void S_push_prefix(md_state *st, const char *s, size_t n)
{
	galley_buffer_append(&st->prefix, s, n);
}

static void S_pop_prefix(md_state *st, size_t n)
{
	galley_buffer_truncate(&st->prefix, st->prefix.len >= n ? st->prefix.len - n : 0);
}

static int S_grow(md_state *st, void **arr, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = galley_realloc(*arr, ncap * size);
	if (!p) {
		st->oom = 1;
		return GALLEY_ENOMEM;
	}
	*arr = p;
	*cap = ncap;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Decisions about blocks                                             */
/* ------------------------------------------------------------------ */

static int S_is(const galley_node *n, galley_node_type t)
{
	return n && galley_node_get_type(n) == t;
}

/* Whether a list can start right under a paragraph line: a bullet list or
 * one starting at 1, whose first item starts with text (an empty "-" there
 * would underline the paragraph as a heading). */
static int S_interrupts(md_state *st, const galley_node *list)
{
	const galley_node *item = galley_node_first_child(list), *p = item ? galley_node_first_child(item) : NULL;
	galley_buffer t = GALLEY_BUFFER_INIT;
	size_t i;
	int ok = 0;
	if (!S_is(list, GALLEY_NODE_LIST) ||
	    (galley_node_get_list_ordered(list) && galley_node_get_list_start(list) != 1))
		return 0;
	if (!S_is(p, GALLEY_NODE_PARAGRAPH))
		return 0;
	if (galley_node_text_content(p, &t) < 0 || t.oom)
		st->oom = 1;
	for (i = 0; i < t.len && !ok; i++)
		ok = !strchr(" \t\n\r", t.data[i]);
	galley_buffer_dispose(&t);
	return ok;
}

/* A list is tight when every item is at most a short paragraph followed by
 * a list that may interrupt it; long paragraphs read better apart. */
static int S_list_tight(md_state *st, const galley_node *list)
{
	const galley_node *item, *a, *b;
	for (item = galley_node_first_child(list); item; item = galley_node_next(item)) {
		a = galley_node_first_child(item);
		b = a ? galley_node_next(a) : NULL;
		if (b && galley_node_next(b))
			return 0;
		if (a && S_is(a, GALLEY_NODE_PARAGRAPH)) {
			galley_buffer t = GALLEY_BUFFER_INIT;
			size_t len;
			if (galley_node_text_content(a, &t) < 0 || t.oom)
				st->oom = 1;
			len = t.len;
			galley_buffer_dispose(&t);
			if (len > 120)
				return 0;
			if (b && !S_interrupts(st, b))
				return 0;
		} else if (a && (!S_is(a, GALLEY_NODE_LIST) || b)) {
			return 0;
		}
	}
	return 1;
}

/* Inline-only cells (one paragraph, no line breaks), one header row, no
 * spans, no caption: what a GFM pipe table can hold. */
static int S_pipe_table(md_state *st, const galley_node *table)
{
	const galley_node *row, *cell, *p;
	size_t ncols = 0, nrows = 0;
	for (row = galley_node_first_child(table); row; row = galley_node_next(row), nrows++) {
		size_t n = 0;
		if (!S_is(row, GALLEY_NODE_ROW))
			return 0;
		for (cell = galley_node_first_child(row); cell; cell = galley_node_next(cell), n++) {
			galley_iter *it;
			galley_event_type ev;
			int ok = 1;
			if (galley_node_get_colspan(cell) != 1 || galley_node_get_rowspan(cell) != 1 ||
			    galley_node_get_cell_header(cell) != (nrows == 0))
				return 0;
			p = galley_node_first_child(cell);
			if (!p)
				continue;
			if (!S_is(p, GALLEY_NODE_PARAGRAPH) || galley_node_next(p))
				return 0;
			it = galley_iter_new(p);
			if (!it) {
				st->oom = 1;
				return 0;
			}
			while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
				galley_node_type t = galley_node_get_type(galley_iter_get_node(it));
				if (t == GALLEY_NODE_LINEBREAK || t == GALLEY_NODE_NOTE)
					ok = 0;
			}
			galley_iter_free(it);
			if (!ok)
				return 0;
		}
		if (n == 0 || (nrows > 0 && n != ncols))
			return 0;
		ncols = n;
	}
	return nrows > 0;
}

/* The newlines a block owes when it ends: one inside a tight list item,
 * else a blank line. */
static void S_block_end(md_state *st, const galley_node *node)
{
	const galley_node *parent = galley_node_parent(node);
	int want = 2;
	if (S_is(parent, GALLEY_NODE_ITEM) && st->nlists > 0 && st->lists[st->nlists - 1].tight)
		want = 1;
	if (st->pending < want)
		st->pending = want;
}

/* 1 for what a hard break cannot end a line before: another break, or
 * text that is only whitespace. */
static int S_blank_inline(const galley_node *n)
{
	const char *t;
	size_t i, len;
	if (S_is(n, GALLEY_NODE_LINEBREAK))
		return 1;
	if (!S_is(n, GALLEY_NODE_TEXT))
		return 0;
	t = galley_node_get_text(n);
	len = galley_node_get_text_len(n);
	for (i = 0; i < len; i++)
		if (!strchr(" \t\n\r", t[i]))
			return 0;
	return 1;
}

/* A hard break needs something after it in its block: a backslash at the
 * end of a paragraph is a literal backslash. Every text and break of a run
 * of blank ones asks this, so the answer for the last run scanned is kept
 * (st->cf_from, the run's earliest node asked about since): scanning the
 * rest of the run each time made long runs quadratic. */
static int S_content_follows(md_state *st, const galley_node *node)
{
	const galley_node *first = galley_node_next(node), *n, *parent = galley_node_parent(node);
	int r;
	if (first && st->cf_from && S_blank_inline(first)) {
		/* the same run when cf_from is reached through blank siblings */
		for (n = first; n && n != st->cf_from && S_blank_inline(n); n = galley_node_previous(n))
			;
		if (n == st->cf_from) {
			st->cf_from = first;
			return st->cf_result;
		}
	}
	r = parent && galley_node_type_is_inline(galley_node_get_type(parent));
	for (n = first; n; n = galley_node_next(n)) {
		if (!S_blank_inline(n)) {
			r = S_is(n, GALLEY_NODE_TEXT) || md_first_cp(st, n) != MD_CP_EOL;
			break;
		}
	}
	st->cf_from = first && S_blank_inline(first) ? first : NULL;
	st->cf_result = r;
	return r;
}

static int S_inside(const galley_node *node, galley_node_type t)
{
	for (node = galley_node_parent(node); node; node = galley_node_parent(node))
		if (galley_node_get_type(node) == t)
			return 1;
	return 0;
}

/* <scheme:...> when the link's text is its address. */
static int S_autolink(const galley_node *link)
{
	const galley_node *t = galley_node_first_child(link);
	const char *url = galley_node_get_url(link), *p;
	size_t n = 0;
	if (!url || !t || galley_node_next(t) || !S_is(t, GALLEY_NODE_TEXT) ||
	    strcmp(galley_node_get_text(t), url) != 0)
		return 0;
	while ((url[n] >= 'a' && url[n] <= 'z') || (url[n] >= 'A' && url[n] <= 'Z') ||
	       (n > 0 && ((url[n] >= '0' && url[n] <= '9') || url[n] == '+' || url[n] == '.' || url[n] == '-')))
		n++;
	if (n < 2 || n > 32 || url[n] != ':')
		return 0;
	for (p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F || *p == '<' || *p == '>' || *p == '\\' || *p == '&')
			return 0;
	return 1;
}

static void S_html_attr(md_state *st, const char *name, const char *value)
{
	if (!value)
		return;
	galley_buffer_printf(st->out, " %s=\"", name);
	md_html_text(st, value, strlen(value), 1, 0);
	galley_buffer_putc(st->out, '"');
}

/* A block tag inside a raw HTML table: on its own line, never a blank one. */
static void S_html_block(md_state *st, const char *tag)
{
	md_newline(st);
	md_puts(st, tag);
}

static void S_note_ref(md_state *st, const galley_node *note)
{
	char label[32];
	if (S_grow(st, (void **)&st->notes, &st->capnotes, st->nnotes, sizeof *st->notes) < 0)
		return;
	st->notes[st->nnotes++] = note;
	if (st->html) {
		snprintf(label, sizeof label, "<sup>[^%zu]</sup>", st->nnotes);
		md_puts(st, label);
	} else {
		snprintf(label, sizeof label, "[^%zu]", st->nnotes);
		md_flush(st);
		md_puts(st, label);
		st->after_note = 1;
	}
	galley_iter_reset(st->it, note, GALLEY_EVENT_EXIT);
}

/* ------------------------------------------------------------------ */
/* Emphasis                                                           */
/* ------------------------------------------------------------------ */

static const char *S_emph_tag(galley_node_type t, int close)
{
	if (t == GALLEY_NODE_EMPH)
		return close ? "</em>" : "<em>";
	return close ? "</strong>" : "<strong>";
}

static void S_emph_enter(md_state *st, const galley_node *node)
{
	galley_node_type t = galley_node_get_type(node);
	md_emph *e;
	int32_t prev;
	int star = 0, under = 0;
	size_t i;
	for (i = 0; i < st->nemph; i++) {
		star |= st->emph[i].ch == '*';
		under |= st->emph[i].ch == '_';
	}
	if (S_grow(st, (void **)&st->emph, &st->capemph, st->nemph, sizeof *st->emph) < 0)
		return;
	md_flush(st);
	prev = md_last_cp(st);
	e = &st->emph[st->nemph++];
	e->len = t == GALLEY_NODE_STRONG ? 2 : 1;
	e->pos = st->out->len;
	/* a delimiter run must not touch another run of the same character,
	 * nor nest inside an open one of the same character (a run that can
	 * both open and close would close the outer one) */
	e->ch = (prev != '*' && !star) ? '*' : (prev != '_' && !under) ? '_' : 0;
	if (st->html || !e->ch) {
		e->ch = 0;
		md_puts(st, S_emph_tag(t, 0));
	} else {
		md_put(st, e->len == 2 ? (e->ch == '*' ? "**" : "__") : (e->ch == '*' ? "*" : "_"), (size_t)e->len);
	}
	st->just_opened = 1;
}

/* The delimiters must be one-sided (an opener that cannot close, a closer
 * that cannot open) so CommonMark's delimiter rules pair them as we meant;
 * otherwise the opener is rewritten as a raw HTML tag. */
static void S_emph_exit(md_state *st, const galley_node *node)
{
	galley_node_type t = galley_node_get_type(node);
	md_emph e;
	galley_buffer *b = st->out;
	int32_t p_open = MD_CP_EOL, n_first, p_close, n_after;
	int cpo, cnf, cpc, cna, ok;
	size_t n, i;
	if (!st->nemph)
		return;
	e = st->emph[--st->nemph];
	if (!e.ch) {
		md_puts(st, S_emph_tag(t, 1));
		return;
	}
	if (e.pos > st->body_start && b->data[e.pos - 1] != '\n') {
		/* the opener's line so far: a prefix only counts as a line start.
		 * Look back no further than a prefix (or a code point) could
		 * reach: scanning to the line's start made a long unwrapped line
		 * of emphasis quadratic. ls is the line start, or a point past it
		 * when the line is already longer than any prefix. */
		size_t reach = st->prefix.len + 1 > 4 ? st->prefix.len + 1 : 4;
		size_t lim = e.pos - st->body_start > reach ? e.pos - reach : st->body_start;
		size_t ls = e.pos;
		while (ls > lim && b->data[ls - 1] != '\n')
			ls--;
		if (e.pos - ls > st->prefix.len || memcmp(b->data + ls, st->prefix.data ? st->prefix.data : "", e.pos - ls) != 0) {
			i = e.pos - 1;
			while (i > ls && ((unsigned char)b->data[i] & 0xC0) == 0x80)
				i--;
			p_open = md_utf8_decode(b->data + i, e.pos - i, &n);
		}
	}
	n_first = e.pos + (size_t)e.len < b->len ?
		md_utf8_decode(b->data + e.pos + e.len, b->len - e.pos - (size_t)e.len, &n) : MD_CP_EOL;
	p_close = md_last_cp(st);
	n_after = md_next_cp(st, node);
	cpo = md_char_class(p_open);
	cnf = md_char_class(n_first);
	cpc = md_char_class(p_close);
	cna = md_char_class(n_after);
	ok = e.pos + (size_t)e.len < b->len && cpo != MD_CC_UNKNOWN && cnf != MD_CC_UNKNOWN &&
	     cpc != MD_CC_UNKNOWN && cna != MD_CC_UNKNOWN && cnf != MD_CC_WS && cpc != MD_CC_WS &&
	     p_open != e.ch && n_first != e.ch && p_close != e.ch && n_after != e.ch && n_first != '\n';
	if (e.ch == '*') {
		/* '*' works inside words ("**북한의 도발**에"): the opener must be
		 * left-flanking, the closer right-flanking. Runs never touch, so
		 * the rule of three cannot bite (1+1, 2+2). */
		ok = ok && (cnf != MD_CC_PUNCT || cpo != MD_CC_OTHER) && (cpc != MD_CC_PUNCT || cna != MD_CC_OTHER);
	} else {
		/* '_' must be one-sided: an opener that cannot close and back */
		ok = ok && (cpo == MD_CC_WS || (cpo == MD_CC_PUNCT && cnf != MD_CC_PUNCT)) &&
		     (cna == MD_CC_WS || (cna == MD_CC_PUNCT && cpc != MD_CC_PUNCT));
	}
	if (ok) {
		md_put(st, e.len == 2 ? (e.ch == '*' ? "**" : "__") : (e.ch == '*' ? "*" : "_"), (size_t)e.len);
		return;
	}
	{
		const char *open = S_emph_tag(t, 0);
		size_t olen = strlen(open), extra = olen - (size_t)e.len;
		if (galley_buffer_splice(b, e.pos, (size_t)e.len, open, olen) < 0) {
			st->oom = 1;
			return;
		}
		st->col += extra;
	}
	md_puts(st, S_emph_tag(t, 1));
}

/* ------------------------------------------------------------------ */
/* The walk                                                           */
/* ------------------------------------------------------------------ */

static void S_code_span(md_state *st, const char *s, size_t len)
{
	size_t i, run = 0, longest = 0, k;
	int pad;
	if (len == 0)
		return;
	md_flush(st);
	if (md_last_cp(st) == '`') {
		/* backtick runs of two spans in a row would merge */
		md_puts(st, "<code>");
		st->no_wrap++;
		md_text(st, s, len, '<');
		st->no_wrap--;
		md_puts(st, "</code>");
		return;
	}
	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* cmark turns line endings into spaces, then strips one space from
	 * each end when both are spaces: pad so the content survives */
#define S_SP(c) ((c) == ' ' || (c) == '\n' || (c) == '\r')
	pad = s[0] == '`' || s[len - 1] == '`' || (S_SP(s[0]) && S_SP(s[len - 1]));
	if (pad && S_SP(s[0])) {
		for (i = 0; i < len && S_SP(s[i]); i++)
			;
		if (i == len)
			pad = 0; /* only spaces: kept as they are */
	}
#undef S_SP
	for (k = 0; k <= longest; k++)
		md_put(st, "`", 1);
	if (pad)
		md_put(st, " ", 1);
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r')
			c = ' ';
		if (c == '|' && st->in_pipe)
			md_put(st, "\\", 1);
		if (c == 0)
			md_put(st, "\xEF\xBF\xBD", 3);
		else
			md_put(st, &c, 1);
	}
	if (pad)
		md_put(st, " ", 1);
	for (k = 0; k <= longest; k++)
		md_put(st, "`", 1);
}

static void S_code_block(md_state *st, const galley_node *node)
{
	const char *s = galley_node_get_text(node), *lang = galley_node_get_language(node);
	size_t len = galley_node_get_text_len(node), i, run = 0, longest = 0, start;
	char fch = '`';
	if (!s)
		s = "";
	if (lang && strchr(lang, '`'))
		fch = '~';
	for (i = 0; i < len; i++) {
		run = s[i] == fch ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (longest < 3)
		longest = 2;
	md_flush(st);
	for (i = 0; i <= longest; i++)
		md_put(st, &fch, 1);
	if (lang) {
		for (i = 0; lang[i]; i++) {
			char c = lang[i];
			if (c == '\n' || c == '\r')
				c = ' ';
			if (c == '\\' || (c == '&' && md_entity_like(lang + i, strlen(lang + i))))
				md_put(st, "\\", 1);
			md_put(st, &c, 1);
		}
	}
	for (start = 0; start < len;) {
		size_t end = start;
		while (end < len && s[end] != '\n')
			end++;
		md_newline_verbatim(st);
		if (end == start)
			md_rtrim(st); /* an empty line: no "> " with a trailing space */
		md_put(st, s + start, end - start);
		start = end + 1;
	}
	md_newline_verbatim(st);
	for (i = 0; i <= longest; i++)
		md_put(st, &fch, 1);
}

static void S_figure(md_state *st, const galley_node *node)
{
	const char *alt = galley_node_get_alt(node), *src = galley_node_get_url(node);
	const galley_node *cap;
	galley_buffer title = GALLEY_BUFFER_INIT;
	for (cap = galley_node_first_child(node); cap; cap = galley_node_next(cap))
		if (S_is(cap, GALLEY_NODE_CAPTION) && (galley_node_text_content(cap, &title) < 0 || title.oom))
			st->oom = 1;
	if (st->html) {
		S_html_block(st, "<figure><img");
		S_html_attr(st, "src", src ? src : "");
		S_html_attr(st, "alt", alt ? alt : "");
		md_puts(st, " />");
		if (title.len) {
			md_puts(st, "<figcaption>");
			md_html_text(st, title.data, title.len, 0, 0);
			md_puts(st, "</figcaption>");
		}
		md_puts(st, "</figure>");
	} else {
		S_raws(st, "![");
		st->in_link++;
		md_text(st, alt ? alt : "", alt ? strlen(alt) : 0, ']');
		st->in_link--;
		md_puts(st, "](");
		md_destination(st->out, src ? src : "");
		if (title.len) {
			galley_buffer_putc(st->out, ' ');
			md_title(st->out, title.data, title.len);
		}
		md_puts(st, ")");
		S_block_end(st, node);
	}
	galley_buffer_dispose(&title);
	galley_iter_reset(st->it, node, GALLEY_EVENT_EXIT);
}

static void S_item_enter(md_state *st)
{
	md_list *l = &st->lists[st->nlists - 1];
	char mark[32];
	int n;
	if (l->ordered)
		n = snprintf(mark, sizeof mark, "%ld%c ", l->number, l->mark);
	else
		n = snprintf(mark, sizeof mark, "%c ", l->mark);
	md_raw(st, mark, (size_t)n);
	st->begin_content = 1;
	st->marker_only = 1;
	S_push_prefix(st, "                                ", (size_t)n);
	l->width = (size_t)n;
}

static void S_list_enter(md_state *st, const galley_node *node)
{
	md_list *l;
	int ordered = galley_node_get_list_ordered(node);
	int adjacent = st->list_end_pos <= st->out->len && st->list_end_ordered == ordered;
	size_t i;
	/* only blank lines (or what renders as nothing) since the last list */
	for (i = st->list_end_pos; adjacent && i < st->out->len; i++)
		adjacent = strchr(" \n>", st->out->data[i]) != NULL;
	long start = galley_node_get_list_start(node);
	if (S_grow(st, (void **)&st->lists, &st->caplists, st->nlists, sizeof *st->lists) < 0)
		return;
	l = &st->lists[st->nlists++];
	l->ordered = ordered;
	l->tight = S_list_tight(st, node);
	/* two lists in a row would merge: the second changes its marker */
	if (ordered) {
		l->mark = adjacent && st->list_end_mark == '.' ? ')' : '.';
	} else {
		/* nor may a list on its parent item's line repeat the parent's
		 * bullet: "- - -" is a thematic break */
		char parent = 0;
		const char *m;
		if (!galley_node_previous(node) && S_is(galley_node_parent(node), GALLEY_NODE_ITEM) && st->nlists > 1)
			parent = st->lists[st->nlists - 2].mark;
		for (m = "-*+"; m[1] && (*m == parent || (adjacent && *m == st->list_end_mark)); m++)
			;
		l->mark = *m;
	}
	l->number = start < 0 ? 0 : start > 999999999 ? 999999999 : start;
	l->width = 0;
	if (st->html) {
		if (ordered && start != 1) {
			char tag[48];
			snprintf(tag, sizeof tag, "<ol start=\"%ld\">", start);
			S_html_block(st, tag);
		} else {
			S_html_block(st, ordered ? "<ol>" : "<ul>");
		}
	}
}

static void S_list_exit(md_state *st, const galley_node *node)
{
	md_list *l;
	if (!st->nlists)
		return;
	l = &st->lists[--st->nlists];
	if (st->html) {
		S_html_block(st, l->ordered ? "</ol>" : "</ul>");
		return;
	}
	st->list_end_pos = st->out->len;
	st->list_end_ordered = l->ordered;
	st->list_end_mark = l->mark;
	S_block_end(st, node);
}

static int S_render_node(md_state *st, const galley_node *node, galley_event_type ev)
{
	int entering = ev == GALLEY_EVENT_ENTER;
	galley_node_type type = galley_node_get_type(node);
	const galley_node *parent = galley_node_parent(node);
	char tag[64];

	switch (type) {
	case GALLEY_NODE_DOCUMENT:
		break;

	case GALLEY_NODE_PARAGRAPH:
		if (st->in_pipe)
			break;
		if (st->html) {
			/* a cell's only paragraph needs no <p> */
			if (!(S_is(parent, GALLEY_NODE_CELL) && !galley_node_next(node) && !galley_node_previous(node))) {
				if (entering)
					S_html_block(st, "<p>");
				else
					md_puts(st, "</p>");
			}
		} else if (!entering) {
			S_block_end(st, node);
		}
		break;

	case GALLEY_NODE_HEADING: {
		int level = galley_node_get_level(node);
		level = level < 1 ? 1 : level > 6 ? 6 : level;
		if (st->html) {
			snprintf(tag, sizeof tag, entering ? "<h%d>" : "</h%d>", level);
			if (entering)
				S_html_block(st, tag);
			else
				md_puts(st, tag);
		} else if (entering) {
			md_raw(st, "######", (size_t)level);
			md_put(st, " ", 1);
			st->begin_content = 1;
			st->in_heading = 1;
		} else {
			st->in_heading = 0;
			S_block_end(st, node);
		}
		break;
	}

	case GALLEY_NODE_LIST:
		if (entering)
			S_list_enter(st, node);
		else
			S_list_exit(st, node);
		break;

	case GALLEY_NODE_ITEM:
		if (!st->nlists)
			break;
		if (st->html) {
			S_html_block(st, entering ? "<li>" : "</li>");
		} else if (entering) {
			S_item_enter(st);
		} else {
			md_list *l = &st->lists[st->nlists - 1];
			S_pop_prefix(st, l->width);
			st->marker_only = 0;
			if (l->number < 999999999)
				l->number++;
			/* a nested loose list must not loosen a tight one */
			st->pending = l->tight ? 1 : 2;
		}
		break;

	case GALLEY_NODE_QUOTE:
		if (st->html) {
			S_html_block(st, entering ? "<blockquote>" : "</blockquote>");
		} else if (entering) {
			S_raws(st, "> ");
			st->begin_content = 1;
			S_push_prefix(st, "> ", 2);
		} else {
			S_pop_prefix(st, 2);
			S_block_end(st, node);
		}
		break;

	case GALLEY_NODE_CODE_BLOCK:
		if (st->html) {
			const char *lang = galley_node_get_language(node);
			S_html_block(st, "<pre><code");
			if (lang && *lang) {
				galley_buffer_puts(st->out, " class=\"language-");
				md_html_text(st, lang, strlen(lang), 1, 0);
				galley_buffer_putc(st->out, '"');
			}
			md_puts(st, ">");
			md_html_text(st, galley_node_get_text(node), galley_node_get_text_len(node), 0, 1);
			md_puts(st, "</code></pre>");
		} else {
			S_code_block(st, node);
			S_block_end(st, node);
		}
		break;

	case GALLEY_NODE_TABLE:
		if (entering && !st->html && st->gfm && S_pipe_table(st, node)) {
			st->in_pipe = 1;
		} else if (st->in_pipe) {
			st->in_pipe = 0;
			S_block_end(st, node);
		} else if (entering) {
			if (st->html)
				S_html_block(st, "<table>");
			else
				S_raws(st, "<table>");
			st->html++;
		} else {
			S_html_block(st, "</table>");
			if (--st->html == 0)
				S_block_end(st, node);
		}
		break;

	case GALLEY_NODE_ROW:
		if (st->in_pipe) {
			if (entering) {
				S_raws(st, "|");
			} else {
				if (!galley_node_previous(node)) {
					const galley_node *c;
					md_newline(st);
					md_puts(st, "|");
					for (c = galley_node_first_child(node); c; c = galley_node_next(c))
						md_puts(st, " --- |");
				}
				st->pending = 1;
			}
		} else if (st->html) {
			S_html_block(st, entering ? "<tr>" : "</tr>");
		}
		break;

	case GALLEY_NODE_CELL:
		if (st->in_pipe) {
			md_puts(st, entering ? " " : " |");
		} else if (st->html) {
			const char *name = galley_node_get_cell_header(node) ? "th" : "td";
			if (entering) {
				int cs = galley_node_get_colspan(node), rs = galley_node_get_rowspan(node);
				md_newline(st);
				galley_buffer_printf(st->out, "<%s", name);
				if (cs > 1)
					galley_buffer_printf(st->out, " colspan=\"%d\"", cs);
				if (rs > 1)
					galley_buffer_printf(st->out, " rowspan=\"%d\"", rs);
				md_puts(st, ">");
			} else {
				snprintf(tag, sizeof tag, "</%s>", name);
				md_puts(st, tag);
			}
		}
		break;

	case GALLEY_NODE_CAPTION:
		if (st->html)
			md_puts(st, entering ? (S_is(parent, GALLEY_NODE_FIGURE) ? "<figcaption>" : "<caption>")
			                    : (S_is(parent, GALLEY_NODE_FIGURE) ? "</figcaption>" : "</caption>"));
		break;

	case GALLEY_NODE_FIGURE:
		if (entering)
			S_figure(st, node);
		break;

	case GALLEY_NODE_BREAK:
		if (st->html) {
			S_html_block(st, "<hr />");
		} else {
			/* right after a list marker "- ---" would be one thematic break */
			int after_marker = st->pending == 0 && st->out->len > st->body_start;
			S_raws(st, after_marker ? "___" : "---");
			S_block_end(st, node);
		}
		break;

	case GALLEY_NODE_DIV:
		if (st->html) {
			const char *role = galley_node_get_role(node);
			if (entering) {
				S_html_block(st, "<div");
				S_html_attr(st, "class", role);
				md_puts(st, ">");
			} else {
				S_html_block(st, "</div>");
			}
		}
		break;

	case GALLEY_NODE_TEXT:
		md_text(st, galley_node_get_text(node), galley_node_get_text_len(node),
			S_content_follows(st, node) ? md_next_cp(st, node) : MD_CP_EOL);
		break;

	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
		if (entering)
			S_emph_enter(st, node);
		else
			S_emph_exit(st, node);
		break;

	case GALLEY_NODE_CODE:
		if (st->html) {
			md_puts(st, "<code>");
			md_html_text(st, galley_node_get_text(node), galley_node_get_text_len(node), 0, 0);
			md_puts(st, "</code>");
		} else {
			S_code_span(st, galley_node_get_text(node), galley_node_get_text_len(node));
		}
		break;

	case GALLEY_NODE_LINK: {
		const char *url = galley_node_get_url(node);
		if (S_inside(node, GALLEY_NODE_LINK))
			break; /* links do not nest: the inner one is its text */
		if (st->html) {
			if (entering) {
				md_puts(st, "<a");
				S_html_attr(st, "href", url ? url : "");
				S_html_attr(st, "title", galley_node_get_title(node));
				md_puts(st, ">");
			} else {
				md_puts(st, "</a>");
			}
		} else if (entering && S_autolink(node)) {
			md_raw(st, "<", 1);
			md_puts(st, url);
			md_puts(st, ">");
			galley_iter_reset(st->it, node, GALLEY_EVENT_EXIT);
		} else if (entering) {
			md_raw(st, "[", 1);
			st->in_link++;
		} else {
			const char *title = galley_node_get_title(node);
			st->in_link--;
			md_raw(st, "](", 2);
			md_destination(st->out, url ? url : "");
			if (title && *title) {
				galley_buffer_putc(st->out, ' ');
				md_title(st->out, title, strlen(title));
			}
			md_puts(st, ")");
		}
		break;
	}

	case GALLEY_NODE_IMAGE: {
		const char *alt = galley_node_get_alt(node), *src = galley_node_get_url(node);
		if (st->html) {
			md_puts(st, "<img");
			S_html_attr(st, "src", src ? src : "");
			S_html_attr(st, "alt", alt ? alt : "");
			md_puts(st, " />");
		} else {
			md_raw(st, "![", 2);
			st->in_link++;
			md_text(st, alt ? alt : "", alt ? strlen(alt) : 0, ']');
			st->in_link--;
			md_puts(st, "](");
			md_destination(st->out, src ? src : "");
			md_puts(st, ")");
		}
		break;
	}

	case GALLEY_NODE_LINEBREAK:
		if (st->html)
			md_puts(st, "<br />");
		else if (st->in_heading || st->in_pipe)
			md_text(st, " ", 1, md_next_cp(st, node));
		else if (S_content_follows(st, node)) {
			/* a backslash at the end of a block would be literal */
			md_raw(st, "\\", 1);
			md_newline(st);
		}
		break;

	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		snprintf(tag, sizeof tag, "<%s%s>", entering ? "" : "/", type == GALLEY_NODE_SUP ? "sup" : "sub");
		md_raw(st, tag, strlen(tag));
		st->just_opened = entering;
		break;

	case GALLEY_NODE_NOTE:
		if (node != st->note_root) {
			if (entering)
				S_note_ref(st, node);
			break;
		}
		/* the definition, at the end of the document */
		if (entering) {
			size_t i;
			const galley_node *first = galley_node_first_child(node);
			int inline_first = S_is(first, GALLEY_NODE_PARAGRAPH);
			for (i = 0; i < st->nnotes && st->notes[i] != node; i++)
				;
			/* plain CommonMark has no footnotes: "[^1]: word" would be a
			 * link reference definition, so the bracket is escaped there */
			snprintf(tag, sizeof tag, "%s[^%zu]:%s", st->gfm ? "" : "\\", i + 1, inline_first ? " " : "");
			S_raws(st, tag);
			st->begin_content = 1;
			if (st->gfm)
				S_push_prefix(st, "    ", 4);
			if (!inline_first)
				st->pending = st->gfm ? 1 : 2;
		} else {
			if (st->gfm)
				S_pop_prefix(st, 4);
			st->pending = 2;
		}
		break;

	default:
		break;
	}
	return st->oom || st->out->oom || st->prefix.oom ? GALLEY_ENOMEM : 0;
}

static int S_walk(md_state *st, const galley_node *root)
{
	galley_event_type ev;
	int rc = 0;
	galley_iter *it = galley_iter_new(root), *saved = st->it;
	if (!it)
		return galley_error(st->ctx, GALLEY_ENOMEM, "out of memory");
	st->it = it;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE)
		if ((rc = S_render_node(st, galley_iter_get_node(it), ev)) < 0)
			break;
	galley_iter_free(it);
	st->it = saved;
	return rc;
}

/* wrap: "none" (default), "preserve" (keep the tree's newlines), "auto" (72) or N columns. */
static int S_parse_wrap(galley_context *ctx, const char *v, int *out)
{
	char *end;
	long n;
	if (!v || !strcmp(v, "none") || !strcmp(v, "0")) {
		*out = 0;
		return 0;
	}
	if (!strcmp(v, "preserve")) {
		*out = -1;
		return 0;
	}
	if (!strcmp(v, "auto")) {
		*out = 72;
		return 0;
	}
	n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || n < 1 || n > 100000)
		return galley_error(ctx, GALLEY_EUSAGE, "wrap must be none, preserve, auto or a number of columns, not '%s'", v);
	*out = (int)n;
	return 0;
}

int md_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	md_state st;
	const char *flavor = galley_context_option(ctx, "flavor");
	size_t i;
	int rc;
	(void)payload;
	if (ndocs != 1 || !docs[0])
		return galley_error(ctx, GALLEY_EUSAGE, "the markdown writer takes exactly one document");
	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	st.out = out;
	st.gfm = (name && !strcmp(name, "gfm")) || (flavor && !strcmp(flavor, "gfm"));
	st.list_end_pos = (size_t)-1;
	if ((rc = S_parse_wrap(ctx, galley_context_option(ctx, "wrap"), &st.wrap)) < 0)
		return rc;
	if (galley_context_option_bool(ctx, "front-matter", 1)) {
		if ((rc = md_front_matter(&st, galley_document_meta(docs[0]))) < 0)
			return galley_error(ctx, rc, "out of memory");
		if (out->len && galley_node_first_child(docs[0]))
			galley_buffer_putc(out, '\n');
	}
	st.body_start = out->len;
	rc = S_walk(&st, docs[0]);
	/* footnote definitions; a note inside a note adds to the list */
	for (i = 0; rc == 0 && i < st.nnotes; i++) {
		st.note_root = st.notes[i];
		st.pending = 2;
		rc = S_walk(&st, st.notes[i]);
	}
	if (rc == 0 && out->len > st.body_start) {
		md_rtrim(&st);
		galley_buffer_putc(out, '\n');
	}
	galley_free(st.emph);
	galley_free(st.lists);
	galley_free(st.notes);
	galley_buffer_dispose(&st.prefix);
	if (rc == 0 && (st.oom || out->oom))
		rc = GALLEY_ENOMEM;
	if (rc == GALLEY_ENOMEM)
		return galley_error(ctx, rc, "out of memory while writing Markdown");
	return rc;
}
