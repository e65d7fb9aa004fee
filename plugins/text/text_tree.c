/* text_tree.c — the text reader's last pass: its units through the
 * builder, as the release pass (release.h) then reads them, and the
 * language of the body it leaves. */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* Pass 3: the tree                                                    */
/* ------------------------------------------------------------------ */

/* Strip a heading's "#" marks or brackets. */
static grel_span S_heading_text(const txt_unit *u)
{
	grel_span t = {u->text.data, u->text.len};
	if (t.len && t.s[0] == '#') {
		while (t.len && t.s[0] == '#') {
			t.s++;
			t.len--;
		}
		while (t.len && t.s[t.len - 1] == '#')
			t.len--;
	} else if (t.len >= 2 && ((t.s[0] == '[' && t.s[t.len - 1] == ']') || (t.s[0] == '<' && t.s[t.len - 1] == '>'))) {
		t.s++;
		t.len -= 2;
	} else if (t.len >= 6 && !memcmp(t.s, "【", 3) && !memcmp(t.s + t.len - 3, "】", 3)) {
		t.s += 3;
		t.len -= 6;
	}
	return grel_trim(t.s, t.len);
}

static int S_paragraph(galley_builder *b, const char *s, size_t len)
{
	int rc;
	if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0)
		return rc;
	if (len && (rc = galley_builder_text(b, s, len)) < 0)
		return rc;
	return galley_builder_leave(b);
}

static int S_div(galley_builder *b, const char *role)
{
	int rc = galley_builder_enter(b, GALLEY_NODE_DIV);
	return rc < 0 ? rc : galley_builder_set_role(b, role);
}

/* A unit's paragraph, as written (markers too: the release pass reads
 * them). A unit of several lines keeps one text node a line, a
 * continuation led by the space that joined it (GREL_LINES): the pass sets
 * a signature line by line, then merges them. */
static int S_unit_paragraph(txt_reader *r, const txt_unit *u, const uint32_t *lens)
{
	galley_builder *b = r->b;
	const char *s = u->text.data ? u->text.data : "";
	size_t at = 0, m;
	int rc;
	for (m = 0; u->nlines > 1 && m < u->nlines; m++)
		at += lens[m] + (m > 0 && at < u->text.len && s[at] == ' ');
	if (u->nlines == 1 || at != u->text.len)
		return S_paragraph(b, s, u->text.len);
	if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0)
		return rc;
	at = 0;
	for (m = 0; m < u->nlines && rc >= 0; m++) {
		size_t n = lens[m] + (m > 0 && s[at] == ' ');
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		if (!t || (rc = galley_node_set_text(t, s + at, n)) < 0 || (rc = galley_builder_append(b, t)) < 0) {
			galley_node_free(t);
			return rc < 0 ? rc : galley_error(r->ctx, GALLEY_ENOMEM, "out of memory");
		}
		at += n;
	}
	return galley_builder_leave(b);
}

int txt_emit(txt_reader *r)
{
	galley_builder *b = r->b;
	int contact = 0; /* a contact div is open: contact lines in a row share it */
	int rc = 0;

	size_t line = 0; /* where the unit's line lengths are in r->lens */
	for (size_t k = 0; k < r->nunits && rc >= 0; k++) {
		txt_unit *u = txt_unit_at(r, k);
		const uint32_t *lens = r->lens + line;
		if (k && k % TXT_UNIT_CHUNK == 0)
			txt_units_free_chunk(r, k / TXT_UNIT_CHUNK - 1); /* in the tree: not read again */
		if (u->nlines > 1)
			line += u->nlines;
		if (u->kind == U_DROP)
			continue;
		if (contact && u->kind != U_CONTACT) {
			if ((rc = galley_builder_leave(b)) < 0)
				break;
			contact = 0;
		}
		switch (u->kind) {
		case U_HEADING: {
			grel_span t = S_heading_text(u);
			if ((rc = galley_builder_enter(b, GALLEY_NODE_HEADING)) < 0 ||
			    (rc = galley_builder_set_level(b, u->marker)) < 0 ||
			    (rc = galley_builder_text(b, t.s, t.len)) < 0)
				break;
			rc = galley_builder_leave(b);
			break;
		}
		case U_BREAK:
			rc = galley_builder_leaf(b, GALLEY_NODE_BREAK, NULL);
			break;
		case U_CONTACT:
			/* The lines of a contact block, one paragraph each. */
			if (!contact && (rc = S_div(b, "contact")) < 0)
				break;
			contact = 1;
			rc = S_paragraph(b, u->text.data ? u->text.data : "", u->text.len);
			break;
		case U_PARA:
			if (u->closing) {
				/* a letterhead signing the release after its end mark */
				if ((rc = S_div(b, "signature")) < 0 || (rc = S_unit_paragraph(r, u, lens)) < 0)
					break;
				rc = galley_builder_leave(b);
				break;
			}
			rc = S_unit_paragraph(r, u, lens);
			break;
		default:
			/* Numbered, marked, note, end mark and disclaimer lines as
			 * written: the release pass reads them. */
			rc = S_unit_paragraph(r, u, lens);
			break;
		}
	}
	if (rc >= 0 && contact)
		rc = galley_builder_leave(b);
	return rc;
}

/* The language of the body once the release pass has set its closing
 * lines apart: paragraphs, headings and notes, not signatures, contacts or
 * datelines. */
int txt_language(txt_reader *r, galley_node *doc)
{
	galley_buffer sample = GALLEY_BUFFER_INIT;
	char lang[16];
	int rc = 0;
	for (galley_node *c = galley_node_first_child(doc); c && sample.len < 16384; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		const char *role = t == GALLEY_NODE_DIV ? galley_node_get_role(c) : NULL;
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			galley_node_text_content(c, &sample);
			galley_buffer_putc(&sample, '\n');
		} else if (role && !strcmp(role, "note")) {
			for (galley_node *p = galley_node_first_child(c); p && sample.len < 16384; p = galley_node_next(p)) {
				galley_node_text_content(p, &sample);
				galley_buffer_putc(&sample, '\n');
			}
		}
	}
	if (!sample.len && galley_meta_get(r->meta, "title"))
		galley_buffer_puts(&sample, galley_meta_get(r->meta, "title"));
	if (sample.oom)
		rc = GALLEY_ENOMEM;
	else if (sample.len && !galley_meta_get(r->meta, "language")) {
		int lrc = galley_detect_language(sample.data, sample.len, lang, sizeof lang);
		if (lrc == 0)
			rc = galley_meta_set(r->meta, "language", lang);
		else if (lrc == GALLEY_ENOMEM)
			rc = GALLEY_ENOMEM;
	}
	galley_buffer_dispose(&sample);
	return rc;
}
