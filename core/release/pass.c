/* pass.c — the release pass both readers run once they have built their
 * blocks: the release's own lines (end marks, disclaimers, the identifier,
 * date lines) go, its contacts, closing signature and dateline, and notes
 * become divs with those roles, then numbered paragraphs and outlines
 * become lists. It works on the top-level blocks of the document through
 * the public node API only. */
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

/* An organisation's name right before a signature belongs to it when it
 * is one short line (120 bytes: "Ministry of Foreign Affairs of the
 * Republic of Korea" and its like, with room). */
#define S_ORG_LINE_MAX 120
/* A date line elsewhere than the trailer (next to the headline, under the
 * title) is dropped only when it is short: 48 bytes hold "Published 18
 * January 2024, 10:21 PM EDT"; a longer line is body text. */
#define S_LONE_DATE_MAX 48
/* "18.01.2024 - Pressemitteilung": a date that ends within 12 bytes (the
 * longest numeric form, "2024. 01. 18"), then the page's category. */
#define S_DATE_CAT_END 12

static const char *S_role(galley_node *n)
{
	return n && galley_node_get_type(n) == GALLEY_NODE_DIV ? galley_node_get_role(n) : NULL;
}

static int S_is_div(galley_node *n, const char *role)
{
	const char *r = S_role(n);
	return r != NULL && strcmp(r, role) == 0;
}

static int S_content(galley_node *n, galley_buffer *tb)
{
	galley_buffer_clear(tb);
	if (galley_node_text_content(n, tb) < 0 || tb->oom)
		return GALLEY_ENOMEM;
	if (!tb->data && galley_buffer_putc(tb, '\0') == 0)
		galley_buffer_clear(tb); /* a NUL-terminated empty string */
	return tb->data ? 0 : GALLEY_ENOMEM;
}

/* The start of a paragraph, trimmed, in buf. */
static grel_span S_start(galley_node *para, char *buf)
{
	return grel_trim(buf, grel__prefix(para, buf));
}

/* The note marker a paragraph starts with (its index in the note list,
 * *skip the bytes up to the text after it), or -1. */
static int S_note_marker(galley_node *n, size_t *skip)
{
	char buf[GREL_PREFIX_MAX];
	if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return -1;
	grel_span t = S_start(n, buf);
	int m = grel_marker(t.s, t.len, grel_list(GREL_TABLE_NOTE_MARKER), skip);
	if (m >= 0)
		*skip += (size_t)(t.s - buf);
	return m;
}

static int S_star(galley_node *n)
{
	size_t skip;
	int m = n ? S_note_marker(n, &skip) : -1;
	return m >= 0 && strcmp(grel_list(GREL_TABLE_NOTE_MARKER)[m], "* ") == 0;
}

/* A paragraph of running text: no number, no outline or note marker. */
static int S_plain(galley_node *n)
{
	char buf[GREL_PREFIX_MAX];
	size_t skip;
	if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return 0;
	grel_span t = S_start(n, buf);
	return grel_number(t.s, t.len, &skip) < 0 && grel_marker(t.s, t.len, grel_list(GREL_TABLE_BOX_MARKER), &skip) < 0 &&
	       grel_marker(t.s, t.len, grel_list(GREL_TABLE_OUTLINE_MARKER), &skip) < 0 &&
	       grel_marker(t.s, t.len, grel_list(GREL_TABLE_NOTE_MARKER), &skip) < 0;
}

/* A new div with role in place of n, holding n. */
static int S_wrap(galley_node *n, const char *role, galley_node **out)
{
	galley_node *div = galley_node_new(GALLEY_NODE_DIV);
	int rc;
	if (!div)
		return GALLEY_ENOMEM;
	if ((rc = galley_node_set_role(div, role)) < 0 || (rc = galley_node_insert_before(n, div)) < 0) {
		galley_node_free(div);
		return rc;
	}
	galley_node_unlink(n);
	if ((rc = galley_node_append_child(div, n)) < 0)
		galley_node_free(n);
	*out = div;
	return rc;
}

/* Move the blocks from first to the end of doc into a new div. */
static int S_wrap_to_end(galley_node *first, const char *role)
{
	galley_node *div, *rest = galley_node_next(first);
	int rc = S_wrap(first, role, &div);
	return rc < 0 ? rc : grel__move_to(div, rest, NULL);
}

/* A source line (GREL_LINES) that starts with "* ", after its joining space. */
static int S_star_line(galley_node *t)
{
	const char *s = galley_node_get_text(t);
	size_t len = galley_node_get_text_len(t);
	if (len && s[0] == ' ') {
		s++;
		len--;
	}
	return len >= 2 && s[0] == '*' && s[1] == ' ';
}

/* Split a paragraph of several source lines (GREL_LINES: one text node a
 * line, continuation lines led by their joining space) into one paragraph
 * a line, or, with `stars`, one a "* " line with the lines that continue
 * it; in place. *last (may be NULL) is the last paragraph it made. */
static int S_split_lines(galley_node *para, int stars, galley_node **last)
{
	galley_node *t = galley_node_first_child(para), *next, *at = para;
	if (last)
		*last = para;
	if (!t)
		return 0;
	for (t = galley_node_next(t); t; t = next) {
		next = galley_node_next(t);
		if (galley_node_get_type(t) != GALLEY_NODE_TEXT || (stars && !S_star_line(t))) {
			if (at != para) {
				/* a continuation stays with the line it continues */
				galley_node_unlink(t);
				int rc = galley_node_append_child(at, t);
				if (rc < 0) {
					galley_node_free(t);
					return rc;
				}
			}
			continue;
		}
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
		int rc;
		if (!p)
			return GALLEY_ENOMEM;
		if ((rc = galley_node_insert_after(at, p)) < 0) {
			galley_node_free(p);
			return rc;
		}
		at = p;
		galley_node_unlink(t);
		if ((rc = galley_node_append_child(p, t)) < 0) {
			galley_node_free(t);
			return rc;
		}
		if (galley_node_get_text_len(t) && galley_node_get_text(t)[0] == ' ' &&
		    (rc = grel__strip_prefix(p, 1)) < 0)
			return rc;
	}
	if (last)
		*last = at;
	return 0;
}

/* Make n (a paragraph) a block of a div with role, joining the div right
 * after it when it has the same role (the walk goes backwards). */
static int S_into_div(galley_node *n, const char *role, unsigned flags)
{
	galley_node *after = galley_node_next(n), *div, *last = n;
	int rc = 0;
	if ((flags & GREL_LINES) && strcmp(role, "signature") == 0) {
		/* A signature is set line by line. */
		if ((rc = S_split_lines(n, 0, NULL)) < 0)
			return rc;
		while (galley_node_next(last) != after)
			last = galley_node_next(last);
	}
	if (S_is_div(after, role)) {
		div = after;
		for (galley_node *c = last, *prev; rc >= 0; c = prev) {
			prev = c == n ? NULL : galley_node_previous(c);
			galley_node_unlink(c);
			if ((rc = galley_node_prepend_child(div, c)) < 0)
				galley_node_free(c);
			if (!prev)
				break;
		}
		return rc;
	}
	galley_node *rest = galley_node_next(n);
	if ((rc = S_wrap(n, role, &div)) < 0)
		return rc;
	return rest == after ? 0 : grel__move_to(div, rest, after);
}

/* ------------------------------------------------------------------ */
/* The release's own lines                                             */
/* ------------------------------------------------------------------ */

/* 1 when the text is only a marker or nothing ("ㅇ" once its "끝." went). */
static int S_only_marker(const char *s, size_t len)
{
	static const grel_table lists[] = {GREL_TABLE_BOX_MARKER, GREL_TABLE_OUTLINE_MARKER, GREL_TABLE_NOTE_MARKER};
	grel_span t = grel_trim(s, len);
	if (t.len == 0)
		return 1;
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		const char *const *m = grel_list(lists[l]);
		for (size_t k = 0; m[k]; k++) {
			grel_span e = grel_trim(m[k], strlen(m[k]));
			if (e.len == t.len && memcmp(e.s, t.s, t.len) == 0)
				return 1;
		}
	}
	return 0;
}

/* Remove a Korean end mark closing a paragraph ("... 했다. 끝."): 1 when
 * one was removed, -1 on OOM. */
static int S_strip_end_tail(galley_node *para, size_t total)
{
	galley_node *t = galley_node_last_child(para);
	const char *const *tails = grel_list(GREL_TABLE_END_TAIL);
	if (!t || galley_node_get_type(t) != GALLEY_NODE_TEXT)
		return 0;
	const char *s = galley_node_get_text(t);
	size_t len = galley_node_get_text_len(t);
	for (size_t k = 0; tails[k]; k++) {
		size_t tl = strlen(tails[k]);
		if (total <= tl || len < tl || memcmp(s + len - tl, tails[k], tl) != 0)
			continue;
		/* ". 끝" keeps its full stop. */
		size_t keep = len - tl + (tails[k][0] == '.' ? 1 : 0);
		while (keep && s[keep - 1] == ' ')
			keep--;
		if (keep == 0) {
			galley_node_free(t);
			return 1;
		}
		char *copy = galley_malloc(keep);
		if (!copy)
			return -1;
		memcpy(copy, s, keep);
		int rc = galley_node_set_text(t, copy, keep);
		galley_free(copy);
		return rc < 0 ? -1 : 1;
	}
	return 0;
}

/* Where the trailer begins: the first of the blocks at the end of doc
 * that are only end marks and disclaimers (NULL when the last block is
 * neither). Found once, from the end, so the pass stays linear. */
static galley_node *S_trailer(galley_node *doc, galley_buffer *tb)
{
	galley_node *first = NULL;
	for (galley_node *n = galley_node_last_child(doc); n; n = galley_node_previous(n)) {
		if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH || S_content(n, tb) < 0 ||
		    !(grel_is_end_mark(tb->data, tb->len) || grel_is_disclaimer(tb->data, tb->len)))
			break;
		first = n;
	}
	return first;
}

/* End marks, disclaimers and the identifier go; a Korean end mark closing
 * a paragraph is cut off. */
static int S_drop_lines(galley_node *doc, galley_meta *meta, galley_buffer *tb)
{
	const char *ident = galley_meta_get(meta, "identifier");
	galley_node *trailer = S_trailer(doc, tb);
	int in_trailer = 0; /* c is in the trailer, and so is what follows it */
	for (galley_node *c = galley_node_first_child(doc), *next; c; c = next) {
		galley_node_type t = galley_node_get_type(c);
		next = galley_node_next(c);
		in_trailer |= c == trailer;
		if (t != GALLEY_NODE_PARAGRAPH && t != GALLEY_NODE_HEADING)
			continue;
		if (S_content(c, tb) < 0)
			return GALLEY_ENOMEM;
		if (t == GALLEY_NODE_PARAGRAPH) {
			int cut = S_strip_end_tail(c, tb->len);
			if (cut < 0 || (cut > 0 && S_content(c, tb) < 0))
				return GALLEY_ENOMEM;
			if (cut > 0 && S_only_marker(tb->data, tb->len)) {
				galley_node_free(c);
				continue;
			}
		}
		int disc = grel_is_disclaimer(tb->data, tb->len);
		/* "Disclaimer: ..." is the release's only at its end. */
		if ((ident && strcmp(tb->data, ident) == 0) || grel_is_end_mark(tb->data, tb->len) || disc == 1 ||
		    (disc == 2 && (!next || in_trailer || next == trailer)))
			galley_node_free(c);
	}
	return 0;
}

/* A contact head ("Press contacts") opens the contact block, which runs to
 * the end of the release; contact divs a reader made that stand in a row
 * (once end marks between them went) are one block. */
static int S_contacts(galley_node *doc, galley_buffer *tb)
{
	int rc = 0;
	for (galley_node *c = galley_node_first_child(doc), *next; c && rc >= 0; c = next) {
		galley_node_type t = galley_node_get_type(c);
		next = galley_node_next(c);
		if (S_is_div(c, "contact") && S_is_div(next, "contact")) {
			rc = grel__move_to(c, galley_node_first_child(next), NULL);
			galley_node_free(next);
			next = c;
			continue;
		}
		if (t != GALLEY_NODE_PARAGRAPH && t != GALLEY_NODE_HEADING)
			continue;
		if (S_content(c, tb) < 0)
			return GALLEY_ENOMEM;
		if (grel_is_contact_head(tb->data, tb->len))
			return S_wrap_to_end(c, "contact");
	}
	return rc;
}

/* Ends with a full stop: a sentence, not a name. */
static int S_sentence(const char *s, size_t len)
{
	grel_span t = grel_trim(s, len);
	return (t.len && t.s[t.len - 1] == '.') || (t.len >= 3 && !memcmp(t.s + t.len - 3, "。", 3));
}

/* The closing lines, read backwards from the end over contacts and breaks:
 * signature lines ("Spokesperson ..."), a one-line date line (the
 * dateline), an organisation's name right above a signature. */
static int S_closing(galley_node *doc, galley_meta *meta, unsigned flags, galley_buffer *tb)
{
	grel_dateinfo di;
	int rc;
	for (galley_node *c = galley_node_last_child(doc), *prev; c; c = prev) {
		prev = galley_node_previous(c);
		if (S_is_div(c, "contact") || S_is_div(c, "signature") || S_is_div(c, "dateline") ||
		    galley_node_get_type(c) == GALLEY_NODE_BREAK)
			continue;
		if (!S_plain(c))
			break;
		if ((rc = S_content(c, tb)) < 0)
			return rc;
		int one_line = !(flags & GREL_LINES) || galley_node_child_count(c) == 1;
		if (grel_is_signature(tb->data, tb->len)) {
			rc = S_into_div(c, "signature", flags);
		} else if (one_line && grel_date_line(tb->data, tb->len, &di)) {
			if ((rc = grel_apply_date(meta, &di)) >= 0)
				rc = S_into_div(c, "dateline", flags);
		} else if (tb->len <= S_ORG_LINE_MAX && S_is_div(galley_node_next(c), "signature") &&
			   !S_sentence(tb->data, tb->len) && grel_org_like(tb->data, tb->len)) {
			rc = S_into_div(c, "signature", flags);
		} else {
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* A kicker opening the body ("MEDIA ADVISORY" above the headline), once
 * read as the category: a label, not text. */
static int S_kicker(galley_node *doc, galley_meta *meta, galley_buffer *tb)
{
	galley_node *first = galley_node_first_child(doc);
	if (!galley_meta_get(meta, "category") || !first || galley_node_get_type(first) != GALLEY_NODE_PARAGRAPH)
		return 0;
	if (S_content(first, tb) < 0)
		return GALLEY_ENOMEM;
	if (tb->len && grel_find(tb->data, tb->len, grel_list(GREL_TABLE_CATEGORY)) >= 0)
		galley_node_free(first);
	return 0;
}

/* Date lines elsewhere (next to the headline): their date, place and
 * issuer go to meta, the line goes. So does "18.01.2024 -
 * Pressemitteilung", the date and the page's category. */
static int S_date_lines(galley_node *doc, galley_meta *meta, galley_buffer *tb)
{
	const char *cat = galley_meta_get(meta, "category");
	grel_dateinfo di;
	for (galley_node *c = galley_node_first_child(doc), *next; c; c = next) {
		galley_node_type t = galley_node_get_type(c);
		next = galley_node_next(c);
		if (S_is_div(c, "contact")) {
			/* "Published 18 January 2024" under a page's contact block */
			int rc = S_date_lines(c, meta, tb);
			if (rc < 0)
				return rc;
			continue;
		}
		if (t != GALLEY_NODE_PARAGRAPH && t != GALLEY_NODE_HEADING)
			continue;
		if (S_content(c, tb) < 0)
			return GALLEY_ENOMEM;
		if (tb->len == 0 || tb->len > S_LONE_DATE_MAX)
			continue;
		int drop = 0;
		if (grel_date_line(tb->data, tb->len, &di)) {
			int rc = grel_apply_date(meta, &di);
			if (rc < 0)
				return rc;
			drop = 1;
		} else if (cat) {
			long end = grel_parse_date(tb->data, tb->len, NULL, 0);
			const char *at = strstr(tb->data, cat);
			drop = end >= 0 && end <= S_DATE_CAT_END && at && at[strlen(cat)] == '\0';
		}
		if (drop)
			galley_node_free(c);
	}
	return 0;
}

/* 1 when a paragraph of source lines (GREL_LINES) holds "* " lines on
 * lines next to each other: a bullet list as plain text writes one. */
static int S_star_run(galley_node *para)
{
	if (!S_star(para))
		return 0;
	for (galley_node *t = galley_node_next(galley_node_first_child(para)); t; t = galley_node_next(t))
		if (galley_node_get_type(t) == GALLEY_NODE_TEXT && S_star_line(t))
			return 1;
	return 0;
}

/* Notes ("※ ...", "* ...", "Note: ..."): a div with role note, the marker
 * removed; notes in a row share one. "* " lines next to each other in the
 * source (GREL_LINES) are a bullet list instead: one paragraph each, left
 * for grel_outline(). */
static int S_notes(galley_node *doc, unsigned flags)
{
	int rc;
	for (galley_node *c = galley_node_first_child(doc), *next; c; c = next) {
		size_t skip;
		next = galley_node_next(c);
		if ((flags & GREL_LINES) && S_star_run(c)) {
			galley_node *last;
			if ((rc = S_split_lines(c, 1, &last)) < 0)
				return rc;
			next = galley_node_next(last);
			continue;
		}
		if (S_note_marker(c, &skip) < 0)
			continue;
		if ((rc = grel__strip_prefix(c, skip)) < 0)
			return rc;
		galley_node *before = galley_node_previous(c), *div;
		if (S_is_div(before, "note")) {
			galley_node_unlink(c);
			if ((rc = galley_node_append_child(before, c)) < 0) {
				galley_node_free(c);
				return rc;
			}
		} else if ((rc = S_wrap(c, "note", &div)) < 0) {
			return rc;
		}
	}
	return 0;
}

/* The issuer a signature or a contact names, when nothing named it. */
static int S_issuers(galley_node *doc, galley_meta *meta, galley_buffer *tb)
{
	int rc = 0;
	for (galley_node *c = galley_node_first_child(doc); c && rc >= 0; c = galley_node_next(c)) {
		int sig = S_is_div(c, "signature");
		if (!sig && !S_is_div(c, "contact"))
			continue;
		for (galley_node *p = galley_node_first_child(c); p && rc >= 0; p = galley_node_next(p)) {
			if ((rc = S_content(p, tb)) < 0)
				break;
			rc = sig ? grel_issuer_from_signature(meta, tb->data, tb->len)
				 : grel_issuer_from_contact(meta, tb->data, tb->len);
		}
	}
	return rc;
}

/* GREL_LINES: the lines of a paragraph become one text again. */
static int S_merge_lines(galley_node *n)
{
	for (galley_node *c = galley_node_first_child(n), *next; c; c = next) {
		next = galley_node_next(c);
		if (galley_node_get_type(c) == GALLEY_NODE_TEXT) {
			while (next && galley_node_get_type(next) == GALLEY_NODE_TEXT) {
				galley_node *after = galley_node_next(next);
				if (galley_node_append_text(c, galley_node_get_text(next), galley_node_get_text_len(next)) < 0)
					return GALLEY_ENOMEM;
				galley_node_free(next);
				next = after;
			}
		} else if (!galley_node_type_is_leaf(galley_node_get_type(c))) {
			int rc = S_merge_lines(c);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int grel_pass_blocks(galley_context *ctx, galley_node *doc, galley_meta *meta, unsigned flags)
{
	galley_buffer tb = GALLEY_BUFFER_INIT;
	int rc;
	if (!doc || !meta)
		return 0;
	if ((rc = S_drop_lines(doc, meta, &tb)) >= 0 && (rc = S_contacts(doc, &tb)) >= 0 &&
	    (rc = S_closing(doc, meta, flags, &tb)) >= 0 && (rc = S_kicker(doc, meta, &tb)) >= 0 &&
	    (rc = S_date_lines(doc, meta, &tb)) >= 0 &&
	    (rc = S_notes(doc, flags)) >= 0 && (rc = S_issuers(doc, meta, &tb)) >= 0 && (flags & GREL_LINES))
		rc = S_merge_lines(doc);
	galley_buffer_dispose(&tb);
	if (rc == GALLEY_ENOMEM)
		return galley_error(ctx, rc, "out of memory");
	if (rc < 0)
		return galley_error(ctx, rc, "cannot arrange the release's lines");
	return 0;
}

int grel_pass_lists(galley_context *ctx, galley_node *doc)
{
	int rc = grel_number_paragraphs(ctx, doc);
	return rc < 0 ? rc : grel_outline(ctx, doc);
}

int grel_pass(galley_context *ctx, galley_node *doc, galley_meta *meta, unsigned flags)
{
	int rc = grel_pass_blocks(ctx, doc, meta, flags);
	return rc < 0 ? rc : grel_pass_lists(ctx, doc);
}
