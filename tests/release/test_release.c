/* test_release.c — the release library shared by the text and HTML readers:
 * dates, paragraph numbers, chrome, numbered paragraphs as a list, marked
 * paragraphs as an outline, and every entry of every word list it holds
 * (iterated with grel_table_entry(), so a new entry is tested at once). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include "release.h"

static void S_date(const char *text, const char *want)
{
	char out[16] = "";
	long end = grel_parse_date(text, strlen(text), out, sizeof out);
	if (!want) {
		if (end >= 0)
			fail_msg("\"%s\" is not a date, got %s", text, out);
		return;
	}
	if (end < 0)
		fail_msg("\"%s\": no date found, expected %s", text, want);
	assert_string_equal(out, want);
	assert_true((size_t)end <= strlen(text));
}

static void test_dates(void **state)
{
	(void)state;
	S_date("2024-01-18", "2024-01-18");
	S_date("2018.03.07", "2018-03-07");
	S_date("작성일 / 2018.03.07", "2018-03-07");
	S_date("2017.04.07 미래창조과학부", "2017-04-07");
	S_date("Brussels, 10 July 2018", "2018-07-10");
	S_date("08/05/2021 10:21 PM EDT", "2021-08-05"); /* US month/day/year */
	S_date("31/12/2020", "2020-12-31");              /* day first when it cannot be a month */
	S_date("08.05.2022 - Pressemitteilung", "2022-05-08"); /* German day.month.year */
	S_date("2024년 1월 18일", "2024-01-18");
	S_date("2024. 1. 18.(목)", "2024-01-18");
	S_date("2024年1月18日", "2024-01-18");
	S_date("平成27年3月10日", "2015-03-10");
	S_date("令和元年5月1日", "2019-05-01");
	S_date("昭和64年1月7日", "1989-01-07");
	S_date("令和６年１月１８日", "2024-01-18"); /* full-width digits */
	S_date("January 18, 2024", "2024-01-18");
	S_date("Jan. 18, 2024", "2024-01-18");
	S_date("March 7th, 2018", "2018-03-07");
	S_date("18 January 2024", "2024-01-18");
	S_date("18. Januar 2024", "2024-01-18");
	S_date("Berlin, 3. März 2023", "2023-03-03");
	S_date("Paris, le 1er février 2020", "2020-02-01");
	S_date("18 de enero de 2024", "2024-01-18");
	S_date("Posted on 29 February 2024 by", "2024-02-29"); /* leap year */
}

/* Media advisories: event labels with a colon open a body line, and
 * their date is no release date. */
static void test_advisory_labels(void **state)
{
	static const char *const yes[] = {
		"WHO: Mayor Jane Smith", "What: Ribbon cutting", "WHEN: Monday, June 3, 2024, 10:00 a.m.",
		"WHERE : 123 River Road", "WHY: To open the library", "QUI : La mairesse", "QUAND : le 8 juin 2024",
		"OÙ : 45, rue des Érables", "Où : Hôtel de ville", "QUIÉN: La alcaldesa", "CUÁNDO: 3 de junio de 2024",
		"DÓNDE: Plaza Mayor", "POR QUÉ: Inauguración", "WER: Die Bürgermeisterin", "WANN: 3. Juni 2024",
		"WO: Rathaus", "WARUM: Eröffnung", NULL
	};
	static const char *const no[] = {
		"WHO:", "Who said it was over?", "When the mayor arrived, the crowd cheered.", "Whereas: the council",
		"WHat: mixed case", "who: small letters", "Wohnungsbau: neue Regeln", "Quand même", "WHENEVER: x", NULL
	};
	grel_span v;
	grel_dateinfo di;
	for (size_t i = 0; yes[i]; i++) {
		if (!grel_advisory_label(yes[i], strlen(yes[i]), &v))
			fail_msg("\"%s\" is an advisory line", yes[i]);
		assert_true(v.len > 0);
		assert_false(grel_date_line(yes[i], strlen(yes[i]), &di));
	}
	for (size_t i = 0; no[i]; i++)
		if (grel_advisory_label(no[i], strlen(no[i]), &v))
			fail_msg("\"%s\" is no advisory line", no[i]);
	assert_true(grel_advisory_label("WHAT: Ribbon cutting", 20, &v));
	assert_int_equal(v.len, strlen("Ribbon cutting"));
	assert_memory_equal(v.s, "Ribbon cutting", v.len);
}

static void test_not_dates(void **state)
{
	(void)state;
	S_date("(5.25.)", NULL);
	S_date("Vice Minister attends meeting (5.25.)", NULL);
	S_date("Consultation with U.S. Senior Official (Jan. 18)", NULL);
	S_date("2023-02-29", NULL); /* not a leap year */
	S_date("2024-13-01", NULL);
	S_date("2024.04.31", NULL);
	S_date("32 January 2024", NULL);
	S_date("Mayor 18, 2024", NULL);
	S_date("12024-01-18", NULL);
	S_date("1.5 million people, 2024", NULL);
	S_date("", NULL);
	S_date("平成27年13月1日", NULL);
	char out[16];
	assert_int_equal(grel_parse_date(NULL, 0, out, sizeof out), -1);
	/* A truncated buffer never reads past its length. */
	assert_int_equal(grel_parse_date("2024-01-18", 8, out, sizeof out), -1);
	/* An output too small for YYYY-MM-DD is refused, not overrun; NULL
	 * with 0 only finds the date. */
	memset(out, 'x', sizeof out);
	assert_int_equal(grel_parse_date("2024-01-18", 10, out, GREL_DATE_SIZE - 1), -1);
	assert_int_equal(out[0], 'x');
	assert_int_equal(grel_parse_date("2024-01-18", 10, NULL, 0), 10);
	assert_int_equal(grel_parse_date("2024-01-18", 10, out, GREL_DATE_SIZE), 10);
	assert_string_equal(out, "2024-01-18");
}

static void test_date_end(void **state)
{
	(void)state;
	char out[16];
	const char *t = "Date 2024-01-18 hit 191";
	assert_int_equal(grel_parse_date(t, strlen(t), out, sizeof out), 15);
	t = "평화교섭본부장 2024년 1월 18일 협의";
	assert_int_equal(grel_parse_date(t, strlen(t), out, sizeof out), (long)(strstr(t, "일") - t + 3));
}

static void S_num(const char *text, long want, const char *rest)
{
	size_t skip = 0;
	long n = grel_number(text, strlen(text), &skip);
	assert_int_equal(n, want);
	if (rest)
		assert_string_equal(text + skip, rest);
}

static void test_numbers(void **state)
{
	(void)state;
	S_num("1. On the morning", 1, "On the morning");
	S_num("2) The two sides", 2, "The two sides");
	S_num("(3) Moreover", 3, "Moreover");
	S_num("  12.  Twelve", 12, "Twelve");
	S_num("１．全角", 1, "全角");
	S_num("② 둘째", 2, "둘째");
	S_num("1　上川大臣から", 1, "上川大臣から");
	S_num("1月18日", -1, NULL);
	S_num("1.5 million", -1, NULL);
	S_num("2024. 1. 18.", -1, NULL);
	S_num("3.", -1, NULL);
	S_num("No number", -1, NULL);
	S_num("", -1, NULL);
}

static void test_chrome(void **state)
{
	(void)state;
	static const char *const yes[] = {"바로가기 메뉴", "본문 바로가기", "주메뉴 바로가기", "검색창 열기", "KOR", "ENG",
		"한국어", "목록", "Back to Press Releases", "List", "Prev", "Next", "Print", "Share", "Facebook",
		"Top", "Home > Press > Press Releases", "홈 > 알림마당 > 보도자료", "KOR | ENG", "Print  Share",
		"Facebook Twitter", "1. Facebook", "2. Twitter", "hit 191", "조회수 : 1,234", "Copyright © 2024 MOFA",
		"  Date  ", "Attachments", "Privacy Policy", "【打印】 【关闭】", "[Print]", "Next Post", "Page Top",
		"Zum Hauptinhalt springen", "Get emails about this page", NULL};
	static const char *const no[] = {"The two sides agreed", "Next steps", "Share of exports rose",
		"List of participants:", "Home affairs ministers met", "1. On the morning", "191 people", "",
		"Korea", "[참고]", "【概要】", "Japanese cooperation", NULL};
	for (size_t i = 0; yes[i]; i++)
		if (!grel_is_chrome(yes[i], strlen(yes[i])))
			fail_msg("\"%s\" should be chrome", yes[i]);
	for (size_t i = 0; no[i]; i++)
		if (grel_is_chrome(no[i], strlen(no[i])))
			fail_msg("\"%s\" is not chrome", no[i]);
}

/* Build a document of paragraphs from strings. */
static galley_node *S_doc(const char *const *paras)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	for (size_t i = 0; paras[i]; i++) {
		galley_node *p = galley_node_new(paras[i][0] == '#' ? GALLEY_NODE_HEADING : GALLEY_NODE_PARAGRAPH);
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		const char *s = paras[i][0] == '#' ? paras[i] + 1 : paras[i];
		if (paras[i][0] == '#')
			galley_node_set_level(p, 2);
		galley_node_set_text(t, s, strlen(s));
		assert_int_equal(galley_node_append_child(p, t), 0);
		assert_int_equal(galley_node_append_child(doc, p), 0);
	}
	return doc;
}

static const char *S_text(galley_node *block)
{
	static galley_buffer b = GALLEY_BUFFER_INIT;
	galley_buffer_clear(&b);
	galley_node_text_content(block, &b);
	return b.data ? b.data : "";
}

static void test_number_paragraphs(void **state)
{
	(void)state;
	static const char *const paras[] = {"Lead paragraph.", "3. Third", "° sub a", "° sub b", "- deeper",
		"4. Fourth", "Continuation of four.", "5. Fifth", "ㅇ trailing sub", "After the list.", "1. lone", NULL};
	galley_context *ctx = galley_context_new();
	galley_node *doc = S_doc(paras);
	assert_int_equal(grel_number_paragraphs(ctx, doc), 0);

	galley_node *lead = galley_node_first_child(doc);
	assert_string_equal(S_text(lead), "Lead paragraph.");
	galley_node *list = galley_node_next(lead);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	assert_true(galley_node_get_list_ordered(list));
	assert_int_equal(galley_node_get_list_start(list), 3);
	assert_int_equal(galley_node_child_count(list), 3);

	galley_node *i3 = galley_node_first_child(list);
	assert_string_equal(S_text(galley_node_first_child(i3)), "Third");
	galley_node *sub = galley_node_next(galley_node_first_child(i3));
	assert_int_equal(galley_node_get_type(sub), GALLEY_NODE_LIST);
	assert_false(galley_node_get_list_ordered(sub));
	assert_int_equal(galley_node_child_count(sub), 2);
	galley_node *subb = galley_node_last_child(sub);
	assert_string_equal(S_text(galley_node_first_child(subb)), "sub b");
	galley_node *deeper = galley_node_last_child(subb);
	assert_int_equal(galley_node_get_type(deeper), GALLEY_NODE_LIST);
	assert_string_equal(S_text(galley_node_first_child(galley_node_first_child(deeper))), "deeper");

	galley_node *i4 = galley_node_next(i3);
	assert_int_equal(galley_node_child_count(i4), 2);
	assert_string_equal(S_text(galley_node_last_child(i4)), "Continuation of four.");
	galley_node *i5 = galley_node_next(i4);
	assert_string_equal(S_text(galley_node_first_child(galley_node_first_child(galley_node_last_child(i5)))),
		"trailing sub");

	galley_node *after = galley_node_next(list);
	assert_string_equal(S_text(after), "After the list.");
	/* A lone number is not a list. */
	assert_string_equal(S_text(galley_node_next(after)), "1. lone");
	assert_null(galley_node_next(galley_node_next(after)));
	galley_node_free(doc);
	galley_context_free(ctx);
}

static void test_number_paragraphs_heading_ends_run(void **state)
{
	(void)state;
	static const char *const paras[] = {"1. a", "#Heading", "2. b", "1. x", "2. y", NULL};
	galley_context *ctx = galley_context_new();
	galley_node *doc = S_doc(paras);
	assert_int_equal(grel_number_paragraphs(ctx, doc), 0);
	/* "1. a" stays (its 2 is beyond a heading); "1. x 2. y" is a list. */
	galley_node *n = galley_node_first_child(doc);
	assert_string_equal(S_text(n), "1. a");
	n = galley_node_next(galley_node_next(galley_node_next(n)));
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_LIST);
	assert_int_equal(galley_node_child_count(n), 2);
	assert_null(galley_node_next(n));
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* Emphasised numbers from HTML: <p><strong>1.</strong> text</p>. */
static void test_number_in_inline(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	for (int i = 1; i <= 2; i++) {
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH), *st = galley_node_new(GALLEY_NODE_STRONG);
		galley_node *t1 = galley_node_new(GALLEY_NODE_TEXT), *t2 = galley_node_new(GALLEY_NODE_TEXT);
		char num[8];
		snprintf(num, sizeof num, "%d. ", i);
		galley_node_set_text(t1, num, strlen(num));
		galley_node_set_text(t2, "body", 4);
		galley_node_append_child(st, t1);
		galley_node_append_child(p, st);
		galley_node_append_child(p, t2);
		galley_node_append_child(doc, p);
	}
	assert_int_equal(grel_number_paragraphs(ctx, doc), 0);
	galley_node *list = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	galley_node *p = galley_node_first_child(galley_node_first_child(list));
	assert_int_equal(galley_node_child_count(p), 1); /* the emptied <strong> is gone */
	assert_string_equal(S_text(p), "body");
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* Marked paragraphs as an outline: kinds nest, "note" divs join the item
 * before them (consecutive notes in one div, as each reader makes them),
 * and "* " is a bullet only next to another "* ". */
static void S_as_note(galley_node *p)
{
	galley_node *div = galley_node_new(GALLEY_NODE_DIV);
	assert_int_equal(galley_node_set_role(div, "note"), 0);
	assert_int_equal(galley_node_insert_before(p, div), 0);
	galley_node_unlink(p);
	assert_int_equal(galley_node_append_child(div, p), 0);
}

static void test_outline(void **state)
{
	(void)state;
	static const char *const paras[] = {"□ one", "ㅇ sub", "n1", "n2", "□ two", "Plain.", "* a", "* b",
		"Between.", "* lone", NULL};
	galley_context *ctx = galley_context_new();
	galley_node *doc = S_doc(paras);
	galley_node *n1 = galley_node_next(galley_node_next(galley_node_first_child(doc)));
	galley_node *n2 = galley_node_next(n1);
	S_as_note(n1);
	S_as_note(n2);
	assert_int_equal(grel_outline(ctx, doc), 0);

	galley_node *box = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(box), GALLEY_NODE_LIST);
	assert_int_equal(galley_node_child_count(box), 2);
	galley_node *one = galley_node_first_child(box);
	assert_string_equal(S_text(galley_node_first_child(one)), "one");
	galley_node *sub = galley_node_first_child(galley_node_last_child(one));
	assert_string_equal(S_text(galley_node_first_child(sub)), "sub");
	galley_node *note = galley_node_last_child(sub);
	assert_int_equal(galley_node_get_type(note), GALLEY_NODE_DIV);
	assert_string_equal(galley_node_get_role(note), "note");
	assert_int_equal(galley_node_child_count(note), 2);
	assert_string_equal(S_text(note), "n1\nn2");
	assert_string_equal(S_text(galley_node_last_child(box)), "two");

	galley_node *plain = galley_node_next(box);
	assert_string_equal(S_text(plain), "Plain.");
	galley_node *stars = galley_node_next(plain);
	assert_int_equal(galley_node_get_type(stars), GALLEY_NODE_LIST);
	assert_int_equal(galley_node_child_count(stars), 2);
	assert_string_equal(S_text(galley_node_last_child(stars)), "b");
	galley_node *between = galley_node_next(stars);
	assert_string_equal(S_text(between), "Between.");
	assert_string_equal(S_text(galley_node_next(between)), "* lone");
	assert_null(galley_node_next(galley_node_next(between)));
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* ---- every entry of every word list --------------------------------- */

static size_t S_table_size(grel_table t)
{
	size_t n = 0;
	while (grel_table_entry(t, n, NULL))
		n++;
	if (n == 0)
		fail_msg("word list %d is empty", (int)t);
	return n;
}

static int S_is(int (*pred)(const char *, size_t), const char *fmt, const char *entry)
{
	char buf[256];
	snprintf(buf, sizeof buf, fmt, entry);
	return pred(buf, strlen(buf));
}

static void test_table_chrome(void **state)
{
	(void)state;
	const char *e;
	char buf[256];
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CHROME, i, NULL)); i++) {
		if (!S_is(grel_is_chrome, "%s", e) || !S_is(grel_is_chrome, "  [%s]  ", e) ||
			!S_is(grel_is_chrome, "%s | Print", e))
			fail_msg("chrome entry \"%s\" not recognised", e);
		/* compared case-insensitively for ASCII */
		snprintf(buf, sizeof buf, "%s", e);
		for (char *c = buf; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 32);
		if (!grel_is_chrome(buf, strlen(buf)))
			fail_msg("chrome entry \"%s\" in capitals not recognised", e);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CHROME_HOME, i, NULL)); i++)
		if (!S_is(grel_is_chrome, "%s > Press releases > 2024", e))
			fail_msg("breadcrumb from \"%s\" not recognised", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CHROME_COUNTER, i, NULL)); i++)
		if (!S_is(grel_is_chrome, "%s : 1,234", e) || !S_is(grel_is_chrome, "%s 191", e) ||
			S_is(grel_is_chrome, "%s of the talks rose", e))
			fail_msg("counter \"%s\" misread", e);
	assert_true(S_table_size(GREL_TABLE_CHROME) > 100);
}

static void test_table_months(void **state)
{
	(void)state;
	const char *e;
	long month;
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_MONTH, i, &month)); i++) {
		char text[64], out[16], want[32];
		assert_true(month >= 1 && month <= 12);
		snprintf(want, sizeof want, "2024-%02ld-18", month);
		snprintf(text, sizeof text, "Brussels, 18 %s 2024", e);
		assert_true(grel_parse_date(text, strlen(text), out, sizeof out) >= 0);
		if (strcmp(out, want) != 0)
			fail_msg("\"%s\": %s, expected %s", text, out, want);
		snprintf(text, sizeof text, "%s 18, 2024", e);
		assert_true(grel_parse_date(text, strlen(text), out, sizeof out) >= 0);
		if (strcmp(out, want) != 0)
			fail_msg("\"%s\": %s, expected %s", text, out, want);
		/* a month name inside a longer word is not one */
		snprintf(text, sizeof text, "18 %sxyz 2024", e);
		if (grel_parse_date(text, strlen(text), out, sizeof out) >= 0)
			fail_msg("\"%s\" is not a date", text);
	}
	assert_true(S_table_size(GREL_TABLE_MONTH) >= 12 * 7);
}

static void test_table_eras(void **state)
{
	(void)state;
	const char *e;
	long base;
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_ERA, i, &base)); i++) {
		char text[64], out[16], want[32];
		snprintf(text, sizeof text, "%s2年3月4日", e);
		snprintf(want, sizeof want, "%04ld-03-04", base + 2);
		assert_true(grel_parse_date(text, strlen(text), out, sizeof out) >= 0);
		assert_string_equal(out, want);
		snprintf(text, sizeof text, "%s元年5月1日", e);
		snprintf(want, sizeof want, "%04ld-05-01", base + 1);
		assert_true(grel_parse_date(text, strlen(text), out, sizeof out) >= 0);
		assert_string_equal(out, want);
	}
	assert_int_equal(S_table_size(GREL_TABLE_ERA), 5);
}

static void test_table_closings(void **state)
{
	(void)state;
	const char *e;
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_END_MARK, i, NULL)); i++)
		if (!S_is(grel_is_end_mark, "%s", e) || !S_is(grel_is_end_mark, "  %s:  ", e) ||
			S_is(grel_is_end_mark, "%s and more", e))
			fail_msg("end mark \"%s\" misread", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_DISCLAIMER, i, NULL)); i++)
		if (S_is(grel_is_disclaimer, "%s of the statement", e) != 1)
			fail_msg("disclaimer \"%s\" not recognised", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_DISCLAIMER_LABEL, i, NULL)); i++)
		if (S_is(grel_is_disclaimer, "%s: the ministry is not responsible", e) != 2)
			fail_msg("disclaimer label \"%s\" not recognised", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_SIGNATURE_START, i, NULL)); i++)
		if (!S_is(grel_is_signature, "%s", e) || !S_is(grel_is_signature, "%s of the Ministry", e) ||
			S_is(grel_is_signature, "%s said the talks went well.", e))
			fail_msg("signature start \"%s\" misread", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_SIGNATURE_ROLE, i, NULL)); i++)
		if (!S_is(grel_is_signature, "Jane Doe, %s", e))
			fail_msg("signature role \"%s\" not recognised", e);
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CONTACT_HEAD, i, NULL)); i++)
		if (!S_is(grel_is_contact_head, "%s", e) || !S_is(grel_is_contact_head, "%s:", e) ||
			!S_is(grel_is_contact_head, "%s：", e) || S_is(grel_is_contact_head, "%s us today", e))
			fail_msg("contact head \"%s\" misread", e);
}

/* One list item's text (its first paragraph). */
static const char *S_item_text(galley_node *item)
{
	return S_text(galley_node_first_child(item));
}

static void test_table_markers(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	const char *e;
	char sub[64];
	/* Sub-item markers nest under a numbered paragraph. */
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_SUB_MARKER, i, NULL)); i++) {
		snprintf(sub, sizeof sub, "%s sub", e);
		const char *const paras[] = {"1. First", sub, "2. Second", NULL};
		galley_node *doc = S_doc(paras);
		assert_int_equal(grel_number_paragraphs(ctx, doc), 0);
		galley_node *list = galley_node_first_child(doc);
		assert_int_equal(galley_node_child_count(doc), 1);
		galley_node *nested = galley_node_last_child(galley_node_first_child(list));
		if (galley_node_get_type(nested) != GALLEY_NODE_LIST)
			fail_msg("\"%s\" does not nest under a numbered paragraph", sub);
		assert_string_equal(S_item_text(galley_node_first_child(nested)), "sub");
		galley_node_free(doc);
	}
	/* Box and outline markers make an outline of their own. */
	static const grel_table outline[] = {GREL_TABLE_BOX_MARKER, GREL_TABLE_OUTLINE_MARKER};
	for (size_t t = 0; t < 2; t++) {
		for (size_t i = 0; (e = grel_table_entry(outline[t], i, NULL)); i++) {
			char a[64], b[64];
			snprintf(a, sizeof a, "%s one", e);
			snprintf(b, sizeof b, "%s two", e);
			const char *const paras[] = {a, b, NULL};
			galley_node *doc = S_doc(paras);
			assert_int_equal(grel_outline(ctx, doc), 0);
			galley_node *list = galley_node_first_child(doc);
			if (galley_node_child_count(doc) != 1 || galley_node_get_type(list) != GALLEY_NODE_LIST ||
				galley_node_child_count(list) != 2)
				fail_msg("\"%s\" items do not make an outline", e);
			assert_string_equal(S_item_text(galley_node_first_child(list)), "one");
			assert_string_equal(S_item_text(galley_node_last_child(list)), "two");
			galley_node_free(doc);
		}
	}
	galley_context_free(ctx);
}

static void test_table_line_lists(void **state)
{
	(void)state;
	const char *e;
	char buf[256];
	grel_dateinfo di;
	long long hits;
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CATEGORY, i, NULL)); i++) {
		int k = grel_find(e, strlen(e), grel_list(GREL_TABLE_CATEGORY));
		assert_true(k >= 0);
		if (strcasecmp(grel_list(GREL_TABLE_CATEGORY)[k], e) != 0)
			fail_msg("category \"%s\" found as \"%s\"", e, grel_list(GREL_TABLE_CATEGORY)[k]);
		snprintf(buf, sizeof buf, "18.01.2024 - %s", e);
		if (!grel_date_line(buf, strlen(buf), &di) || di.category.len != strlen(e) || strcmp(di.iso, "2024-01-18"))
			fail_msg("\"%s\": the category is not read", buf);
		snprintf(buf, sizeof buf, "%s | 10 July 2018", e);
		if (!grel_date_line(buf, strlen(buf), &di) || di.category.len != strlen(e))
			fail_msg("\"%s\": the category is not read", buf);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_DATE_LABEL, i, NULL)); i++) {
		static const char *const forms[] = {"%s 2024-01-18", "%s: 2024-01-18", "%s / 2024. 1. 18.", NULL};
		for (size_t f = 0; forms[f]; f++) {
			snprintf(buf, sizeof buf, forms[f], e);
			if (!grel_date_line(buf, strlen(buf), &di) || strcmp(di.iso, "2024-01-18") || di.place.len)
				fail_msg("\"%s\" is a labelled date line", buf);
		}
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_HITS_LABEL, i, NULL)); i++) {
		snprintf(buf, sizeof buf, "%s : 1,234", e);
		if (!grel_hits_line(buf, strlen(buf), &hits) || hits != 1234)
			fail_msg("\"%s\" is a hit count", buf);
		snprintf(buf, sizeof buf, "2024-01-18 %s 191", e);
		if (!grel_date_line(buf, strlen(buf), &di) || di.hits != 191)
			fail_msg("\"%s\": the hit count is not read", buf);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_CONTACT_LABEL, i, NULL)); i++) {
		snprintf(buf, sizeof buf, "%s: +82 2 2100 7044", e);
		if (!grel_is_contact_line(buf, strlen(buf)))
			fail_msg("\"%s\" is a contact line", buf);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_ORG_WORD, i, NULL)); i++) {
		snprintf(buf, sizeof buf, "Press team, %s", e);
		if (!grel_org_like(buf, strlen(buf)))
			fail_msg("\"%s\" names an organisation", buf);
		if ((unsigned char)e[0] < 0x80) {
			snprintf(buf, sizeof buf, "%sxyz", e);
			if (grel_org_like(buf, strlen(buf)))
				fail_msg("\"%s\" is not an organisation's word", buf);
		}
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_TIME_WORD, i, NULL)); i++) {
		snprintf(buf, sizeof buf, "2024-01-18 10:21 %s", e);
		if (!grel_date_line(buf, strlen(buf), &di) || di.place.len || di.issuer.len)
			fail_msg("\"%s\": a time after the date", buf);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_DATE_PREP, i, NULL)); i++) {
		snprintf(buf, sizeof buf, "Paris,%s 3 March 2020", e);
		if (!grel_date_line(buf, strlen(buf), &di) || di.place.len != 5 || memcmp(di.place.s, "Paris", 5))
			fail_msg("\"%s\": the place is Paris", buf);
	}
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_NOTE_MARKER, i, NULL)); i++) {
		size_t skip = 0;
		snprintf(buf, sizeof buf, "%s see the annex", e);
		if (grel_marker(buf, strlen(buf), grel_list(GREL_TABLE_NOTE_MARKER), &skip) < 0 ||
			strcmp(buf + skip, "see the annex") != 0)
			fail_msg("\"%s\" is a note", buf);
	}
}

/* ---- the release pass ------------------------------------------------ */

static galley_node *S_para(const char *text)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH), *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_text(t, text, strlen(text));
	galley_node_append_child(p, t);
	return p;
}

static const char *S_role_of(galley_node *n)
{
	return n && galley_node_get_type(n) == GALLEY_NODE_DIV ? galley_node_get_role(n) : "";
}

static void test_pass(void **state)
{
	(void)state;
	static const char *const paras[] = {"Brussels, 18 January 2024", "Lead paragraph.", "※ A note",
		"Note: a second note", "1. First", "2. Second 끝.", "Unofficial translation of the text", "-END-",
		"Spokesperson of the Ministry of Foreign Affairs", NULL};
	galley_context *ctx = galley_context_new();
	galley_node *doc = S_doc(paras);
	galley_meta *meta = galley_document_meta(doc);
	assert_int_equal(grel_pass(ctx, doc, meta, 0), 0);
	assert_string_equal(galley_meta_get(meta, "date"), "2024-01-18");
	assert_string_equal(galley_meta_get(meta, "place"), "Brussels");
	assert_string_equal(galley_meta_get(meta, "issuer"), "Ministry of Foreign Affairs");
	galley_node *lead = galley_node_first_child(doc);
	assert_string_equal(S_text(lead), "Lead paragraph.");
	galley_node *notes = galley_node_next(lead);
	assert_string_equal(S_role_of(notes), "note");
	assert_int_equal(galley_node_child_count(notes), 2);
	assert_string_equal(S_text(galley_node_first_child(notes)), "A note");
	assert_string_equal(S_text(galley_node_last_child(notes)), "a second note");
	galley_node *list = galley_node_next(notes);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	assert_string_equal(S_item_text(galley_node_last_child(list)), "Second");
	galley_node *sig = galley_node_next(list);
	assert_string_equal(S_role_of(sig), "signature");
	assert_null(galley_node_next(sig));
	galley_node_free(doc);
	galley_context_free(ctx);
}

static void test_pass_lines_and_contacts(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *meta = galley_document_meta(doc);
	/* GREL_LINES: one text node a source line. */
	galley_node *body = S_para("The talks went well.");
	galley_node *sig = S_para("Press Office");
	galley_node *line2 = galley_node_new(GALLEY_NODE_TEXT);
	galley_node_set_text(line2, " Washington, DC", 15);
	galley_node_append_child(sig, line2);
	galley_node_append_child(doc, body);
	galley_node_append_child(doc, sig);
	galley_node_append_child(doc, S_para("Seoul, January 18, 2024"));
	galley_node_append_child(doc, S_para("Press contacts"));
	galley_node_append_child(doc, S_para("Jane Doe, Ministry of Foreign Affairs, +32 2 299 00 00"));
	assert_int_equal(grel_pass(ctx, doc, meta, GREL_LINES), 0);
	assert_ptr_equal(galley_node_first_child(doc), body);
	galley_node *s = galley_node_next(body);
	assert_string_equal(S_role_of(s), "signature");
	assert_int_equal(galley_node_child_count(s), 2);
	assert_string_equal(S_text(galley_node_last_child(s)), "Washington, DC");
	galley_node *d = galley_node_next(s);
	assert_string_equal(S_role_of(d), "dateline");
	assert_string_equal(galley_meta_get(meta, "date"), "2024-01-18");
	galley_node *c = galley_node_next(d);
	assert_string_equal(S_role_of(c), "contact");
	assert_int_equal(galley_node_child_count(c), 2);
	assert_null(galley_node_next(c));
	/* The signature names no organisation; the contact does. */
	assert_string_equal(galley_meta_get(meta, "issuer"), "Ministry of Foreign Affairs");
	galley_node_free(doc);
	galley_context_free(ctx);
}

static void test_pass_end_tails(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	const char *e;
	for (size_t i = 0; (e = grel_table_entry(GREL_TABLE_END_TAIL, i, NULL)); i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "The ministry will continue its efforts%s", e);
		const char *const paras[] = {buf, "ㅇ 끝.", NULL};
		galley_node *doc = S_doc(paras);
		assert_int_equal(grel_pass(ctx, doc, galley_document_meta(doc), 0), 0);
		const char *t = S_text(galley_node_first_child(doc));
		if (strncmp(t, "The ministry will continue its efforts", 38) != 0 || strstr(t, "끝"))
			fail_msg("\"%s\" keeps its end mark: \"%s\"", buf, t);
		assert_int_equal(galley_node_child_count(doc), 1); /* "ㅇ 끝." held only the mark */
		galley_node_free(doc);
	}
	galley_context_free(ctx);
}

static void test_pass_star_notes(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	/* "* " paragraphs are notes, in a row sharing one div ... */
	static const char *const paras[] = {"Text.", "* a lone note", "More text.", "* one", "* two", NULL};
	galley_node *doc = S_doc(paras);
	assert_int_equal(grel_pass(ctx, doc, galley_document_meta(doc), 0), 0);
	galley_node *note = galley_node_next(galley_node_first_child(doc));
	assert_string_equal(S_role_of(note), "note");
	assert_string_equal(S_text(note), "a lone note");
	galley_node *two = galley_node_next(galley_node_next(note));
	assert_string_equal(S_role_of(two), "note");
	assert_int_equal(galley_node_child_count(two), 2);
	galley_node_free(doc);
	/* ... but "* " lines next to each other in the source (GREL_LINES) are
	 * a list, a line that continues one staying with it. */
	doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *p = S_para("* one");
	static const char *const lines[] = {" continued", " * two", " * three"};
	for (size_t i = 0; i < 3; i++) {
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_text(t, lines[i], strlen(lines[i]));
		galley_node_append_child(p, t);
	}
	galley_node_append_child(doc, p);
	assert_int_equal(grel_pass(ctx, doc, galley_document_meta(doc), GREL_LINES), 0);
	galley_node *list = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	assert_int_equal(galley_node_child_count(list), 3);
	assert_string_equal(S_item_text(galley_node_first_child(list)), "one continued");
	assert_string_equal(S_item_text(galley_node_last_child(list)), "three");
	assert_int_equal(galley_node_child_count(galley_node_first_child(galley_node_first_child(list))), 1);
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* Every word list has a test above that iterates it; a new list fails
 * here until it has one. */
static void test_tables_all_tested(void **state)
{
	(void)state;
	static const grel_table tested[] = {
		GREL_TABLE_CHROME, GREL_TABLE_CHROME_HOME, GREL_TABLE_CHROME_COUNTER,       /* test_table_chrome */
		GREL_TABLE_MONTH, GREL_TABLE_ERA,                                           /* months, eras */
		GREL_TABLE_END_MARK, GREL_TABLE_DISCLAIMER, GREL_TABLE_DISCLAIMER_LABEL,
		GREL_TABLE_SIGNATURE_START, GREL_TABLE_SIGNATURE_ROLE, GREL_TABLE_CONTACT_HEAD, /* closings */
		GREL_TABLE_SUB_MARKER, GREL_TABLE_BOX_MARKER, GREL_TABLE_OUTLINE_MARKER,    /* markers */
		GREL_TABLE_CATEGORY, GREL_TABLE_DATE_LABEL, GREL_TABLE_HITS_LABEL, GREL_TABLE_CONTACT_LABEL,
		GREL_TABLE_NOTE_MARKER, GREL_TABLE_ORG_WORD, GREL_TABLE_TIME_WORD, GREL_TABLE_DATE_PREP, /* line lists */
		GREL_TABLE_END_TAIL,                                                        /* test_pass_end_tails */
	};
	for (int t = 0; t < GREL_TABLE_COUNT; t++) {
		int found = 0;
		for (size_t k = 0; k < sizeof tested / sizeof tested[0]; k++)
			found |= tested[k] == (grel_table)t;
		if (!found)
			fail_msg("word list %d has no test", t);
		S_table_size((grel_table)t);
		/* the plain string lists are the same through both accessors */
		const char *const *list = grel_list((grel_table)t);
		for (size_t i = 0; list && list[i]; i++)
			assert_ptr_equal(list[i], grel_table_entry((grel_table)t, i, NULL));
	}
	assert_null(grel_table_entry(GREL_TABLE_COUNT, 0, NULL));
}

/* ---- datelines (dateline.c) ---- */

static void S_dateline(const char *text, const char *iso, const char *place, const char *issuer, const char *rest)
{
	grel_dateline_info di;
	long off = grel_dateline_scan(text, strlen(text), 0, &di);
	if (iso == NULL) {
		if (off >= 0)
			fail_msg("\"%s\" has no dateline, got %s", text, di.iso);
		return;
	}
	if (off < 0)
		fail_msg("\"%s\": no dateline found, expected %s", text, iso);
	assert_string_equal(di.iso, iso);
	char got[128];
	snprintf(got, sizeof got, "%.*s", (int)di.place.len, di.place.s ? di.place.s : "");
	assert_string_equal(got, place);
	snprintf(got, sizeof got, "%.*s", (int)di.issuer.len, di.issuer.s ? di.issuer.s : "");
	assert_string_equal(got, issuer);
	assert_string_equal(text + off, rest);
}

static void test_datelines(void **state)
{
	(void)state;
	S_dateline("January 17, 2020 (SAINT PAUL) \xE2\x80\x94" "Minnesota Attorney General", "2020-01-17", "", "",
		"Minnesota Attorney General");
	S_dateline("March 15, 2021 (ST. PAUL) Today the Attorney General", "2021-03-15", "", "", "Today the Attorney General");
	S_dateline("CUPERTINO, California\xE2\x80\x94" "April 27, 2015\xE2\x80\x94" "Apple today announced", "2015-04-27",
		"CUPERTINO, California", "", "Apple today announced");
	S_dateline("NEW YORK, June 29, 2018 /PRNewswire/ -- HackerRank, a platform that ranks", "2018-06-29", "NEW YORK",
		"HackerRank", "HackerRank, a platform that ranks");
	S_dateline("MINNEAPOLIS--(BUSINESS WIRE)--Aug. 28, 2015--IHS Inc. (NYSE: IHS), the leading source", "2015-08-28",
		"MINNEAPOLIS", "IHS Inc.", "IHS Inc. (NYSE: IHS), the leading source");
	S_dateline("TOKYO, June 22, 2015 - (JCN Newswire) - Eisai Co., Ltd. (Headquarters: Tokyo)", "2015-06-22", "TOKYO",
		"Eisai Co., Ltd.", "Eisai Co., Ltd. (Headquarters: Tokyo)");
	S_dateline("Bern, 7.10.2020 - Der Bundesrat hat", "2020-10-07", "Bern", "", "Der Bundesrat hat");
	S_dateline("WINCHESTER, Virginia and BOISE, Idaho, Nov 12, 2020, Nov. 12, 2020 (GLOBE NEWSWIRE) \xE2\x80\x94 Trex "
		   "Company (NYSE: TREX) and", "2020-11-12", "WINCHESTER, Virginia and BOISE, Idaho", "Trex Company",
		"Trex Company (NYSE: TREX) and");
	S_dateline("MONTRÉAL, le 18 mars 2013 - L’honorable ministre", "2013-03-18", "MONTRÉAL", "", "L’honorable ministre");
	S_dateline("GRAND RAPIDS, Mich., April 28, 2025 /PRNewswire/ \xE2\x80\x94 Midwest retailer Meijer is a", "2025-04-28",
		"GRAND RAPIDS, Mich.", "Meijer", "Midwest retailer Meijer is a");
	S_dateline("NEW YORK, May 2, 2019 /PRNewswire/ -- Bank of America today", "2019-05-02", "NEW YORK",
		"Bank of America", "Bank of America today");
	S_dateline("Brussels, 10 July 2018, the Commission said - today", NULL, NULL, NULL, NULL);
	S_dateline("(Paris, 7 juillet 2011) - Conférence de presse conjointe", "2011-07-07", "Paris", "",
		"Conférence de presse conjointe");
	/* a paragraph that is only a dateline is a date line (one line of
	 * hard-wrapped text may end there: GREL_DL_LINE) */
	S_dateline("SEOUL, South Korea – January 18, 2024 –", NULL, NULL, NULL, NULL);
	S_dateline("(Paris, 7 juillet 2011", NULL, NULL, NULL, NULL);
	/* a sentence that starts with a date, a date line, a date in a sentence */
	S_dateline("January 15 was a busy day in 2019 for the office", NULL, NULL, NULL, NULL);
	S_dateline("January 15, 2019 was a busy day", NULL, NULL, NULL, NULL);
	S_dateline("Brussels, 10 July 2018", NULL, NULL, NULL, NULL);
	S_dateline("The minister said on 10 July 2018 - in Brussels - that", NULL, NULL, NULL, NULL);
	assert_true(grel_is_wire("GlobeNewswire News Room", 23));
	assert_false(grel_is_wire("European Parliament", 19));
}

/* facts.c: what both readers finish a header with (issue 14). */
static void S_span_is(grel_span sp, const char *want)
{
	assert_int_equal(sp.len, strlen(want));
	assert_memory_equal(sp.s, want, sp.len);
}

static const char *S_issuer_after(const char *title, const char *issuer)
{
	static char out[128];
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *meta = galley_document_meta(doc);
	if (title)
		assert_int_equal(galley_meta_set(meta, "title", title), 0);
	if (issuer)
		assert_int_equal(galley_meta_set(meta, "issuer", issuer), 0);
	assert_int_equal(grel_finish_meta(meta), 0);
	const char *got = galley_meta_get(meta, "issuer");
	snprintf(out, sizeof out, "%s", got ? got : "(none)");
	galley_node_free(doc);
	return out;
}

static void test_facts_furniture_and_titles(void **state)
{
	(void)state;
	static const char *const furniture[] = {"top of page", "  bottom of page ", "content shortcut", "跳过导航",
		"image_pdfimage_print", "Leave a Reply", "Your email address will not be published. Required fields",
		"This item was filed under Housing", "1.13.(월).jpg 이미지입니다.", "photo_01.png",
		"(Logo: https://example.com/logo.png)", "(All information published on this website is authentic in Chinese.)",
		"English is provided for reference only.", "Pour lire le texte intégral, cliquez ici.",
		"Follow the Ministry on Twitter:", "[php snippet=5]", "[/caption]", NULL};
	for (size_t i = 0; furniture[i]; i++) {
		if (!grel_is_furniture(furniture[i], strlen(furniture[i])) || !grel_is_chrome(furniture[i], strlen(furniture[i])))
			fail_msg("not furniture: \"%s\"", furniture[i]);
	}
	static const char *const body[] = {"The page was updated on top of the old one.", "Leave a reply by Friday, the minister said.",
		"We click here and there, the report says, and the results were good for the whole region.",
		"[Press release]", "The photo.jpg files were released to the press with the full text of the statement.", NULL};
	for (size_t i = 0; body[i]; i++)
		if (grel_is_furniture(body[i], strlen(body[i])))
			fail_msg("furniture: \"%s\"", body[i]);
	S_span_is(grel_title_clean("Press release: Minister welcomes talks", strlen("Press release: Minister welcomes talks")), "Minister welcomes talks");
	S_span_is(grel_title_clean("Headline: Talks resume -", strlen("Headline: Talks resume -")), "Talks resume");
	S_span_is(grel_title_clean("제목: 외교부 브리핑", strlen("제목: 외교부 브리핑")), "외교부 브리핑");
	S_span_is(grel_title_clean("Talks: a new start", strlen("Talks: a new start")), "Talks: a new start");
	S_span_is(grel_title_clean("Jean-Yves Le Drian – ", strlen("Jean-Yves Le Drian – ")), "Jean-Yves Le Drian");
}

static void test_facts_issuers(void **state)
{
	(void)state;
	assert_string_equal(S_issuer_after(NULL, "MOFA"), "Ministry of Foreign Affairs");
	assert_string_equal(S_issuer_after(NULL, "IMF"), "International Monetary Fund");
	assert_string_equal(S_issuer_after(NULL, "MINISTRY OF FOREIGN AFFAIRS"), "Ministry of Foreign Affairs");
	assert_string_equal(S_issuer_after(NULL, "Acme Robotics, Inc."), "Acme Robotics, Inc.");
	assert_string_equal(S_issuer_after(NULL, "NATO - North Atlantic Treaty Organization"),
		"North Atlantic Treaty Organization (NATO)");
	assert_string_equal(S_issuer_after(NULL, "Ministry of Unification"), "Ministry of Unification");
	assert_string_equal(S_issuer_after("MFA Spokesperson's Comments on the Flood", NULL), "Ministry of Foreign Affairs");
	assert_string_equal(S_issuer_after("Foreign Office statement on the missile test", NULL), "Foreign Office");
	assert_string_equal(S_issuer_after("Visit of the Ministry of Oceans and Fisheries to Busan", NULL),
		"Ministry of Oceans and Fisheries");
	assert_string_equal(S_issuer_after("Harbor Lights Announces a Third Plant", NULL), "Harbor Lights");
	assert_string_equal(S_issuer_after("Minister Announces a Third Plant", NULL), "(none)");
	assert_string_equal(S_issuer_after("Ministry Launches a Consultation", NULL), "(none)");
	assert_string_equal(S_issuer_after("Talks resume in Seoul", NULL), "(none)");

	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *meta = galley_document_meta(doc);
	const char *wire = "TAMPA, Fla.–(BUSINESS WIRE)–Oragenics, Inc. (NYSE American: OGEN) today announced ...";
	assert_int_equal(grel_issuer_from_ticker(meta, wire, strlen(wire)), 0);
	assert_string_equal(galley_meta_get(meta, "issuer"), "Oragenics, Inc.");
	galley_node_free(doc);
	doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	meta = galley_document_meta(doc);
	const char *said = "A Foreign Office spokesperson said:";
	assert_int_equal(grel_issuer_from_attribution(meta, said, strlen(said)), 0);
	assert_string_equal(galley_meta_get(meta, "issuer"), "Foreign Office");
	galley_node_free(doc);
}

static void test_facts_datelines(void **state)
{
	(void)state;
	static const struct { const char *s, *iso; } yes[] = {
		{"MONTRÉAL, le 18 mars 2013 - L’honorable ministre a dévoilé ...", "2013-03-18"},
		{"(Paris, 7 juillet 2011) - Conférence de presse conjointe", "2011-07-07"},
		{"GRAND RAPIDS, Mich., April 28, 2025 /PRNewswire/ — Midwest retailer", "2025-04-28"},
		{"CUPERTINO, California—April 27, 2015—Apple today announced", "2015-04-27"},
		{"WINCHESTER, Virginia, Nov 12, 2020 (GLOBE NEWSWIRE) — Trex Company", "2020-11-12"},
		/* hard-wrapped: the text goes on below the dateline */
		{"SEOUL, South Korea – January 18, 2024 –", "2024-01-18"},
		{"Bern, 7.10.2020 - Der Bundesrat hat", "2020-10-07"},
	};
	static const char *const no[] = {"On 11 May 2010, the Minister visited NATO.", "Paris, 7 juillet 2011",
		"The meeting, on 3 March 2020 - a Tuesday - went well.", NULL};
	grel_dateline_info di;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (grel_dateline_scan(yes[i].s, strlen(yes[i].s), GREL_DL_LINE, &di) < 0)
			fail_msg("no dateline: \"%s\"", yes[i].s);
		assert_string_equal(di.iso, yes[i].iso);
	}
	for (size_t i = 0; no[i]; i++)
		if (grel_dateline_scan(no[i], strlen(no[i]), GREL_DL_LINE, &di) >= 0)
			fail_msg("dateline: \"%s\"", no[i]);
	/* bare numbers and spaced end marks */
	size_t skip;
	assert_int_equal(grel_number("1 Ministers met in Darwin", strlen("1 Ministers met in Darwin"), &skip), 1);
	assert_int_equal(skip, 2);
	assert_int_equal(grel_number("3 million people", strlen("3 million people"), &skip), -1);
	assert_int_equal(grel_number("10 April 2019 was a Monday", strlen("10 April 2019 was a Monday"), &skip), -1);
	assert_int_equal(grel_number("2 3 4", strlen("2 3 4"), &skip), -1);
	assert_true(grel_is_end_mark(". . . . .", strlen(". . . . .")));
	assert_true(grel_is_end_mark(".     .     .     .", strlen(".     .     .     .")));
	assert_false(grel_is_end_mark("...", strlen("...")));
	assert_false(grel_is_end_mark(". a .", strlen(". a .")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_not_dates),
		cmocka_unit_test(test_date_end),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_chrome),
		cmocka_unit_test(test_number_paragraphs),
		cmocka_unit_test(test_number_paragraphs_heading_ends_run),
		cmocka_unit_test(test_number_in_inline),
		cmocka_unit_test(test_outline),
		cmocka_unit_test(test_table_chrome),
		cmocka_unit_test(test_table_months),
		cmocka_unit_test(test_table_eras),
		cmocka_unit_test(test_table_closings),
		cmocka_unit_test(test_table_markers),
		cmocka_unit_test(test_table_line_lists),
		cmocka_unit_test(test_pass),
		cmocka_unit_test(test_pass_lines_and_contacts),
		cmocka_unit_test(test_pass_end_tails),
		cmocka_unit_test(test_pass_star_notes),
		cmocka_unit_test(test_tables_all_tested),
		cmocka_unit_test(test_datelines),
		cmocka_unit_test(test_advisory_labels),
		cmocka_unit_test(test_facts_furniture_and_titles),
		cmocka_unit_test(test_facts_issuers),
		cmocka_unit_test(test_facts_datelines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
