/* tei_cases.c — the documents the TEI tests write: every block and inline
 * kind, headings in every order, roles, tables with spans, missing and odd
 * metadata, characters XML cannot carry, URLs a URI may not hold. */
#include "tei_cases.h"

#include <stdio.h>
#include <string.h>

static int S_rc;

static void S_ck(int rc)
{
	if (rc < 0 && !S_rc)
		S_rc = rc;
}

static galley_builder *S_begin(galley_context *ctx)
{
	S_rc = 0;
	return galley_builder_new(ctx);
}

static galley_node *S_finish(galley_builder *b)
{
	galley_node *doc = NULL;
	if (!b)
		return NULL;
	if (!S_rc)
		S_ck(galley_builder_finish(b, &doc));
	galley_builder_free(b);
	if (S_rc) {
		galley_node_free(doc);
		return NULL;
	}
	return doc;
}

static void S_in(galley_builder *b, galley_node_type t)
{
	S_ck(galley_builder_enter(b, t));
}

static void S_out(galley_builder *b)
{
	S_ck(galley_builder_leave(b));
}

static void S_txt(galley_builder *b, const char *s)
{
	S_ck(galley_builder_text(b, s, strlen(s)));
}

static void S_para(galley_builder *b, const char *s)
{
	S_in(b, GALLEY_NODE_PARAGRAPH);
	S_txt(b, s);
	S_out(b);
}

static void S_head(galley_builder *b, int level, const char *s)
{
	S_in(b, GALLEY_NODE_HEADING);
	S_ck(galley_builder_set_level(b, level));
	S_txt(b, s);
	S_out(b);
}

static void S_meta(galley_builder *b, const char *key, const char *value)
{
	S_ck(galley_meta_set(galley_builder_meta(b), key, value));
}

static void S_div(galley_builder *b, const char *role)
{
	S_in(b, GALLEY_NODE_DIV);
	S_ck(galley_builder_set_role(b, role));
}

static void S_list(galley_builder *b, int ordered, long start)
{
	S_in(b, GALLEY_NODE_LIST);
	S_ck(galley_builder_set_list(b, ordered, start));
}

static void S_item(galley_builder *b, const char *s)
{
	S_in(b, GALLEY_NODE_ITEM);
	S_para(b, s);
	S_out(b);
}

static void S_link(galley_builder *b, const char *href, const char *s)
{
	S_in(b, GALLEY_NODE_LINK);
	S_ck(galley_builder_set_url(b, href));
	S_txt(b, s);
	S_out(b);
}

static void S_cell(galley_builder *b, int header, int colspan, int rowspan, const char *s)
{
	S_in(b, GALLEY_NODE_CELL);
	S_ck(galley_builder_set_cell(b, header, colspan, rowspan));
	if (s)
		S_para(b, s);
	S_out(b);
}

static galley_node *S_empty(galley_context *ctx)
{
	return S_finish(S_begin(ctx));
}

static galley_node *S_meta_full(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	galley_meta *m = galley_builder_meta(b);
	S_meta(b, "title", "Special Representative Holds a Consultation (Jan. 18)");
	S_meta(b, "subtitle", "With the U.S. Senior Official for the DPRK");
	S_meta(b, "date", "2024-01-18");
	S_meta(b, "issuer", "Ministry of Foreign Affairs, Republic of Korea");
	S_meta(b, "category", "Press Releases");
	S_meta(b, "language", "en");
	S_meta(b, "source", "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321234&page=1");
	S_meta(b, "identifier", "321234");
	S_meta(b, "hits", "191");
	S_ck(galley_meta_add(m, "authors", "Kim Gunn"));
	S_ck(galley_meta_add(m, "authors", "Jung Pak"));
	S_ck(galley_meta_add(m, "keywords", "DPRK"));
	S_ck(galley_meta_add(m, "keywords", "consultation"));
	S_meta(b, "description", "A consultation on North Korean issues.");
	S_meta(b, "place", "Seoul");
	S_meta(b, "x-free", "a free key the header leaves out");
	S_para(b, "On the morning of January 18, the two sides met.");
	return S_finish(b);
}

static galley_node *S_meta_partial(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "title", "A release without an issuer");
	S_meta(b, "date", "January 18, 2024");
	S_meta(b, "source", "https://example.org/a b/\xc3\xbc");
	S_para(b, "Text.");
	return S_finish(b);
}

static galley_node *S_meta_timestamp(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "title", "Timestamped");
	S_meta(b, "date", "2024-01-18T10:21+09:00");
	S_meta(b, "language", "en_US");
	S_meta(b, "issuer", "Issuer");
	S_para(b, "Text.");
	return S_finish(b);
}

static galley_node *S_meta_bad(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "title", "\x01Title\x1f");
	S_meta(b, "date", "2024-02-30");
	S_meta(b, "language", "english!!");
	S_meta(b, "issuer", "A\x0b" "B");
	S_meta(b, "category", "cat\x02");
	S_para(b, "Text.");
	return S_finish(b);
}

static galley_node *S_blocks(galley_context *ctx)
{
	static const char code[] = "int main(void)\n{\n\treturn 0;\n}\n";
	galley_builder *b = S_begin(ctx);
	galley_node *n;
	S_meta(b, "title", "Every block");
	S_para(b, "A paragraph.");
	S_head(b, 1, "A heading");
	S_list(b, 1, 3);
	S_item(b, "three");
	S_item(b, "four");
	S_out(b);
	S_list(b, 0, 1);
	S_item(b, "bullet");
	S_out(b);
	S_in(b, GALLEY_NODE_QUOTE);
	S_para(b, "Quoted.");
	S_list(b, 0, 1);
	S_item(b, "in a quote");
	S_out(b);
	S_out(b);
	S_ck(galley_builder_code_block(b, code, strlen(code), "c++ (v17)"));
	S_ck(galley_builder_code_block(b, "plain", 5, NULL));
	S_in(b, GALLEY_NODE_TABLE);
	S_in(b, GALLEY_NODE_CAPTION);
	S_txt(b, "A table");
	S_out(b);
	S_in(b, GALLEY_NODE_ROW);
	S_cell(b, 1, 1, 1, "H1");
	S_cell(b, 1, 1, 1, "H2");
	S_out(b);
	S_in(b, GALLEY_NODE_ROW);
	S_cell(b, 0, 1, 1, "a");
	S_cell(b, 0, 1, 1, "b");
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_FIGURE);
	S_ck(galley_builder_set_url(b, "images/photo 1.jpg"));
	S_ck(galley_builder_set_alt(b, "Two officials"));
	S_in(b, GALLEY_NODE_CAPTION);
	S_txt(b, "The consultation");
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_FIGURE); /* no source, no alt */
	S_out(b);
	S_ck(galley_builder_leaf(b, GALLEY_NODE_BREAK, &n));
	S_div(b, "contact");
	S_para(b, "Press office, +82 2 0000 0000");
	S_out(b);
	S_div(b, "note");
	S_para(b, "A note.");
	S_out(b);
	S_para(b, "The end.");
	return S_finish(b);
}

static galley_node *S_inlines(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	galley_node *n;
	S_meta(b, "title", "Every inline");
	S_in(b, GALLEY_NODE_PARAGRAPH);
	S_txt(b, "Text, ");
	S_in(b, GALLEY_NODE_EMPH);
	S_txt(b, "emphasis ");
	S_in(b, GALLEY_NODE_STRONG);
	S_txt(b, "strong inside");
	S_out(b);
	S_out(b);
	S_txt(b, ", ");
	S_ck(galley_builder_code(b, "code()", 6));
	S_txt(b, ", ");
	S_link(b, "https://example.org/page?a=1&b=2", "a link");
	S_txt(b, ", x");
	S_in(b, GALLEY_NODE_SUP);
	S_txt(b, "2");
	S_out(b);
	S_txt(b, " H");
	S_in(b, GALLEY_NODE_SUB);
	S_txt(b, "2");
	S_out(b);
	S_txt(b, "O");
	S_ck(galley_builder_leaf(b, GALLEY_NODE_LINEBREAK, &n));
	S_txt(b, "after a break ");
	S_ck(galley_builder_image(b, "icon.png", "an icon"));
	S_ck(galley_builder_image(b, "", "an image without a source"));
	S_ck(galley_builder_image(b, "x.png", NULL));
	S_in(b, GALLEY_NODE_NOTE);
	S_para(b, "A footnote.");
	S_out(b);
	S_in(b, GALLEY_NODE_NOTE);
	S_para(b, "A longer footnote,");
	S_para(b, "in two paragraphs,");
	S_list(b, 0, 1);
	S_item(b, "and a list.");
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_LINK);
	S_ck(galley_builder_set_url(b, "https://example.org/"));
	S_in(b, GALLEY_NODE_EMPH);
	S_txt(b, "emphasised link ");
	S_out(b);
	S_ck(galley_builder_image(b, "logo.svg", "logo"));
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_HEADING);
	S_txt(b, "A heading with ");
	S_in(b, GALLEY_NODE_NOTE);
	S_para(b, "a note");
	S_out(b);
	S_ck(galley_builder_image(b, "h.png", "and an image"));
	S_out(b);
	S_para(b, "Done.");
	return S_finish(b);
}

static galley_node *S_headings(galley_context *ctx, const int *levels, size_t n)
{
	galley_builder *b = S_begin(ctx);
	size_t i;
	S_meta(b, "title", "Headings");
	for (i = 0; i < n; i++) {
		char t[32];
		snprintf(t, sizeof t, "h%d #%zu", levels[i], i + 1);
		S_head(b, levels[i], t);
		snprintf(t, sizeof t, "after #%zu", i + 1);
		S_para(b, t);
	}
	return S_finish(b);
}

static galley_node *S_headings_1321(galley_context *ctx)
{
	static const int l[] = {1, 3, 2, 1};
	return S_headings(ctx, l, 4);
}

static galley_node *S_headings_321(galley_context *ctx)
{
	static const int l[] = {3, 2, 1, 2, 6, 1};
	return S_headings(ctx, l, 6);
}

static galley_node *S_headings_only(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_head(b, 1, "one");
	S_head(b, 2, "two");
	S_head(b, 2, "two again");
	S_head(b, 1, "one again");
	return S_finish(b);
}

static galley_node *S_p_after_div(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_para(b, "Lead.");
	S_head(b, 2, "Section");
	S_para(b, "In the section.");
	S_div(b, "contact");
	S_para(b, "Contact.");
	S_out(b);
	S_para(b, "After the contact div.");
	S_head(b, 3, "Subsection");
	S_para(b, "In the subsection.");
	S_div(b, "note");
	S_head(b, 2, "Note heading");
	S_para(b, "Note text.");
	S_head(b, 3, "Inside the note");
	S_para(b, "Deeper.");
	S_out(b);
	S_para(b, "After the note div.");
	S_list(b, 1, 1);
	S_item(b, "a list after the div");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_headings_in_containers(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_list(b, 0, 1);
	S_in(b, GALLEY_NODE_ITEM);
	S_head(b, 2, "Heading in an item");
	S_para(b, "Item text.");
	S_div(b, "contact");
	S_head(b, 3, "Div in an item");
	S_para(b, "Its text.");
	S_out(b);
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_QUOTE);
	S_head(b, 1, "Heading in a quote");
	S_para(b, "Quote text.");
	S_div(b, NULL);
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_TABLE);
	S_in(b, GALLEY_NODE_ROW);
	S_in(b, GALLEY_NODE_CELL);
	S_head(b, 4, "Heading in a cell");
	S_para(b, "Cell text.");
	S_div(b, "note");
	S_para(b, "Div in a cell.");
	S_out(b);
	S_out(b);
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_PARAGRAPH);
	S_txt(b, "Text");
	S_in(b, GALLEY_NODE_NOTE);
	S_head(b, 2, "Heading in a note");
	S_para(b, "Note text.");
	S_div(b, "dateline");
	S_para(b, "Div in a note.");
	S_out(b);
	S_out(b);
	S_out(b);
	return S_finish(b);
}

static galley_node *S_roles(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "title", "Roles");
	S_div(b, "dateline");
	S_para(b, "Seoul,");
	S_para(b, "18 January 2024");
	S_out(b);
	S_para(b, "Body.");
	S_div(b, "dateline");
	S_para(b, "A dateline in the middle");
	S_out(b);
	S_div(b, "contact");
	S_head(b, 2, "Contact");
	S_para(b, "Press office");
	S_head(b, 2, "Another heading in the div");
	S_out(b);
	S_div(b, "weird role\twith spaces and \xc3\xa9");
	S_para(b, "x");
	S_out(b);
	S_div(b, "");
	S_para(b, "no role");
	S_out(b);
	S_head(b, 1, "Closing section");
	S_para(b, "Last words.");
	S_div(b, "signature");
	S_para(b, "Kim Gunn");
	S_para(b, "Special Representative");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_signature_only(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_div(b, "signature");
	S_para(b, "Signed");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_dateline_only(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_div(b, "dateline");
	S_para(b, "Seoul, 18 January 2024");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_dateline_last(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_head(b, 1, "Section");
	S_para(b, "Text.");
	S_div(b, "contact");
	S_para(b, "Contact.");
	S_out(b);
	S_div(b, "dateline");
	S_para(b, "Seoul, 18 January 2024");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_tables(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	galley_node *doc, *table, *cap;
	S_in(b, GALLEY_NODE_TABLE);
	S_in(b, GALLEY_NODE_CAPTION);
	S_txt(b, "Spans");
	S_out(b);
	S_in(b, GALLEY_NODE_ROW);
	S_cell(b, 1, 2, 1, "wide header");
	S_cell(b, 1, 1, 2, "tall header");
	S_out(b);
	S_in(b, GALLEY_NODE_ROW);
	S_cell(b, 0, 1, 1, "a");
	S_in(b, GALLEY_NODE_CELL);
	S_para(b, "two");
	S_para(b, "paragraphs");
	S_list(b, 1, 1);
	S_item(b, "and a list");
	S_out(b);
	S_out(b);
	S_cell(b, 0, 1, 1, NULL);
	S_out(b);
	S_in(b, GALLEY_NODE_ROW); /* an empty row */
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_TABLE); /* a caption and no rows */
	S_in(b, GALLEY_NODE_CAPTION);
	S_txt(b, "No rows");
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_TABLE); /* nothing at all */
	S_out(b);
	S_in(b, GALLEY_NODE_TABLE);
	S_in(b, GALLEY_NODE_ROW);
	S_cell(b, 0, 1, 1, "caption comes after");
	S_out(b);
	S_out(b);
	doc = S_finish(b);
	/* The builder puts nothing after rows; the tree may still have a caption there. */
	if (doc && (table = galley_node_last_child(doc)) && (cap = galley_node_new(GALLEY_NODE_CAPTION))) {
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		if (!t || galley_node_set_text(t, "late caption", 12) < 0 || galley_node_append_child(cap, t) < 0 ||
			galley_node_append_child(table, cap) < 0) {
			galley_node_free(t);
			galley_node_free(cap);
			galley_node_free(doc);
			return NULL;
		}
	}
	return doc;
}

static galley_node *S_lists(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_list(b, 1, 0);
	S_in(b, GALLEY_NODE_ITEM);
	S_para(b, "zero");
	S_list(b, 0, 1);
	S_item(b, "nested bullet");
	S_in(b, GALLEY_NODE_ITEM);
	S_list(b, 1, 1000000);
	S_item(b, "a million");
	S_out(b);
	S_out(b);
	S_out(b);
	S_out(b);
	S_in(b, GALLEY_NODE_ITEM); /* empty item */
	S_out(b);
	S_out(b);
	S_list(b, 1, 1); /* empty list */
	S_out(b);
	S_list(b, 1, 7);
	S_item(b, "seven");
	S_item(b, "eight");
	S_out(b);
	return S_finish(b);
}

static galley_node *S_control_chars(galley_context *ctx)
{
	static const char text[] = "nul\0bell\x07 tab\t nl\n cr\r vt\x0b ff\x0c esc\x1b "
		"U+FFFE \xef\xbf\xbe U+FFFF \xef\xbf\xbf bad \xff\xfe utf8 \xc3 end";
	galley_builder *b = S_begin(ctx);
	S_meta(b, "title", "control\x01 characters\x1f");
	S_meta(b, "source", "http://example.org/\x01\x7f/x");
	S_in(b, GALLEY_NODE_PARAGRAPH);
	S_ck(galley_builder_text(b, text, sizeof text - 1));
	S_link(b, "http://example.org/a\x02" "b", "link\x03");
	S_ck(galley_builder_image(b, "img\x04.png", "alt\x05"));
	S_ck(galley_builder_code(b, "x\x06y", 3));
	S_out(b);
	S_ck(galley_builder_code_block(b, "code\x0e\n", 6, "py\x01thon"));
	S_div(b, "con\x01tact");
	S_para(b, "in a div");
	S_out(b);
	S_head(b, 1, "\x10heading");
	return S_finish(b);
}

static galley_node *S_weird_urls(galley_context *ctx)
{
	static const char *const urls[] = {
		"", "   ", "http://a b/\xc3\xbc?x=[1]#a#b", "%", "%zz%41", "javascript:alert(1)",
		"http://[::1]:8080/x", "mailto:a@b.c", "//cdn.example/x.png", "?q=<script>", "#frag",
		"a\"b'c<d>e{f}g|h\\i^j`k", " https://example.org/trimmed ", "\xe4\xbe\x8b\xe3\x81\x88.jp/\xed\x95\x9c",
	};
	galley_builder *b = S_begin(ctx);
	size_t i;
	S_meta(b, "source", "http://a b/[x]");
	S_in(b, GALLEY_NODE_PARAGRAPH);
	for (i = 0; i < sizeof urls / sizeof *urls; i++) {
		S_link(b, urls[i], "link");
		S_ck(galley_builder_image(b, urls[i], "img"));
	}
	S_out(b);
	S_in(b, GALLEY_NODE_FIGURE);
	S_ck(galley_builder_set_url(b, "figure [1].png"));
	S_out(b);
	return S_finish(b);
}

static galley_node *S_lang_gb(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "language", " en_GB ");
	S_para(b, "Colour.");
	return S_finish(b);
}

static galley_node *S_lang_cjk(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	S_meta(b, "language", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	S_meta(b, "title", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	S_para(b, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	return S_finish(b);
}

static galley_node *S_deep(galley_context *ctx)
{
	galley_builder *b = S_begin(ctx);
	int i;
	for (i = 0; i < 200; i++)
		S_in(b, GALLEY_NODE_QUOTE);
	S_para(b, "deep");
	for (i = 0; i < 200; i++)
		S_out(b);
	for (i = 0; i < 60; i++) {
		S_head(b, 1 + i % 6, "h");
		S_list(b, i % 2, 1);
		S_in(b, GALLEY_NODE_ITEM);
	}
	S_para(b, "deep list");
	return S_finish(b);
}

static galley_node *S_release(galley_context *ctx)
{
	static const char *const paras[] = {
		"On the morning of January 18, the two sides held a consultation.",
		"The two sides condemned North Korea\xe2\x80\x99s hostile rhetoric.",
		"The two sides pointed out the fundamental cause of the tensions.",
		"The two sides commended the recent stern warnings.",
		"The two sides agreed to step up comprehensive efforts.",
		"The U.S. side expressed its firm support.",
		"The two sides urged North Korea to cease its actions.",
	};
	galley_builder *b = S_begin(ctx);
	size_t i;
	S_meta(b, "title", "Special Representative Holds a Consultation (Jan. 18)");
	S_meta(b, "date", "2024-01-18");
	S_meta(b, "issuer", "Ministry of Foreign Affairs, Republic of Korea");
	S_meta(b, "category", "Press Releases");
	S_meta(b, "language", "en");
	S_meta(b, "source", "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321234");
	S_meta(b, "hits", "191");
	S_list(b, 1, 1);
	for (i = 0; i < sizeof paras / sizeof *paras; i++)
		S_item(b, paras[i]);
	S_out(b);
	S_div(b, "signature");
	S_para(b, "Ministry of Foreign Affairs");
	S_out(b);
	return S_finish(b);
}

const tei_case tei_cases[] = {
	{"empty", S_empty},
	{"meta_full", S_meta_full},
	{"meta_partial", S_meta_partial},
	{"meta_timestamp", S_meta_timestamp},
	{"meta_bad", S_meta_bad},
	{"blocks", S_blocks},
	{"inlines", S_inlines},
	{"headings_1321", S_headings_1321},
	{"headings_321", S_headings_321},
	{"headings_only", S_headings_only},
	{"p_after_div", S_p_after_div},
	{"headings_in_containers", S_headings_in_containers},
	{"roles", S_roles},
	{"signature_only", S_signature_only},
	{"dateline_only", S_dateline_only},
	{"dateline_last", S_dateline_last},
	{"tables", S_tables},
	{"lists", S_lists},
	{"control_chars", S_control_chars},
	{"weird_urls", S_weird_urls},
	{"lang_gb", S_lang_gb},
	{"lang_cjk", S_lang_cjk},
	{"deep", S_deep},
	{"release", S_release},
};

const size_t tei_case_count = sizeof tei_cases / sizeof *tei_cases;

const tei_case *tei_case_find(const char *name)
{
	size_t i;
	for (i = 0; i < tei_case_count; i++)
		if (!strcmp(tei_cases[i].name, name))
			return &tei_cases[i];
	return NULL;
}
