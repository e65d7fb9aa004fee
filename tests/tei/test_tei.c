/* test_tei.c — unit tests of the TEI writer, its sources linked in: the value
 * helpers, and what the output of each case of tei_cases.c holds (read back
 * with libxml2 and XPath). Schema validity is the conformance test's job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "tei.h"
#include "tei_cases.h"

/* The output of a case, parsed strictly (no recovery: it must be well-formed). */
typedef struct {
	galley_buffer out;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
} S_result;

static void S_run(const char *name, S_result *r, int verbosity)
{
	const tei_case *c = tei_case_find(name);
	galley_context *ctx = galley_context_new();
	galley_node *doc;

	assert_non_null(c);
	assert_non_null(ctx);
	galley_context_set_verbosity(ctx, verbosity);
	memset(r, 0, sizeof *r);
	doc = c->build(ctx);
	if (!doc)
		fail_msg("building %s failed: %s", name, galley_context_error(ctx));
	if (tei_write(ctx, "tei", (const galley_node *const *)&doc, 1, &r->out, NULL) != 0)
		fail_msg("writing %s failed: %s", name, galley_context_error(ctx));
	galley_node_free(doc);
	galley_context_free(ctx);
	r->doc = xmlReadMemory(r->out.data, (int)r->out.len, "tei.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	if (!r->doc)
		fail_msg("%s: output is not well-formed XML:\n%s", name, r->out.data);
	r->xp = xmlXPathNewContext(r->doc);
	assert_non_null(r->xp);
	assert_int_equal(xmlXPathRegisterNs(r->xp, BAD_CAST "t", BAD_CAST "http://www.tei-c.org/ns/1.0"), 0);
}

static void S_done(S_result *r)
{
	xmlXPathFreeContext(r->xp);
	xmlFreeDoc(r->doc);
	galley_buffer_dispose(&r->out);
}

static double S_num(S_result *r, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, r->xp);
	double v;
	if (!o)
		fail_msg("bad XPath %s", expr);
	v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

/* string(expr) compared with want. */
static void S_str_eq(S_result *r, const char *expr, const char *want)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, r->xp);
	xmlChar *s;
	if (!o)
		fail_msg("bad XPath %s", expr);
	s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	if (strcmp((const char *)s, want) != 0) {
		char msg[2048];
		snprintf(msg, sizeof msg, "%s is \"%s\", expected \"%s\"", expr, (const char *)s, want);
		xmlFree(s);
		fail_msg("%s", msg);
	}
	xmlFree(s);
}

#define S_count(r, expr, n) \
	do { \
		double v_ = S_num((r), "count(" expr ")"); \
		if (v_ != (double)(n)) \
			fail_msg("count(%s) is %g, expected %d\n%s", expr, v_, (int)(n), (r)->out.data); \
	} while (0)

/* ------------------------------------------------------------------ */

static void test_w3c_dates(void **state)
{
	char out[64];
	(void)state;
	assert_true(tei_w3c_date("2024", out, sizeof out));
	assert_string_equal(out, "2024");
	assert_true(tei_w3c_date(" 2024-01 ", out, sizeof out));
	assert_string_equal(out, "2024-01");
	assert_true(tei_w3c_date("2024-02-29", out, sizeof out));
	assert_true(tei_w3c_date("2024-01-18T10:21+09:00", out, sizeof out));
	assert_string_equal(out, "2024-01-18T10:21:00+09:00");
	assert_true(tei_w3c_date("2024-01-18 10:21:05.25Z", out, sizeof out));
	assert_string_equal(out, "2024-01-18T10:21:05.25Z");
	assert_false(tei_w3c_date("2023-02-29", out, sizeof out));
	assert_false(tei_w3c_date("2024-13", out, sizeof out));
	assert_false(tei_w3c_date("0000", out, sizeof out));
	assert_false(tei_w3c_date("January 18, 2024", out, sizeof out));
	assert_false(tei_w3c_date("2018.03.07", out, sizeof out));
	assert_false(tei_w3c_date("2024-01-18T24:00", out, sizeof out));
	assert_false(tei_w3c_date("2024-01-18T10:21+9", out, sizeof out));
	assert_false(tei_w3c_date("2024-01-18T10:21:00 EDT", out, sizeof out));
	assert_false(tei_w3c_date("", out, sizeof out));
}

static void S_uri_is(const char *in, const char *want)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	assert_int_equal(tei_uri(in, &b), 0);
	assert_string_equal(b.data ? b.data : "", want);
	galley_buffer_dispose(&b);
}

static void test_uri_escaping(void **state)
{
	(void)state;
	S_uri_is("https://example.org/a b/\xc3\xbc", "https://example.org/a%20b/%C3%BC");
	S_uri_is("http://a/b#c#d", "http://a/b#c%23d");
	S_uri_is("http://[::1]:8080/[x]", "http://[::1]:8080/%5Bx%5D");
	S_uri_is("%zz%41%", "%25zz%41%25");
	S_uri_is("a\"<>\\^`{|}", "a%22%3C%3E%5C%5E%60%7B%7C%7D");
	S_uri_is("  padded\t", "padded");
	S_uri_is("x\x01\x7f", "x%01%7F");
	S_uri_is("", "");
	S_uri_is("\xe2\x80\x8b\xe2\x80\x8bhttps://x.org/\xc2\xa0", "https://x.org/");
	S_uri_is("\xe2\x80\x8bx:y/a:b", "x:y/a:b");
	S_uri_is("%E2x:y/a:b", "%E2x%3Ay/a:b");
	S_uri_is("1http://x", "1http%3A//x");
}

static void S_token_is(const char *in, const char *want)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int n = tei_token(in, &b);
	assert_int_equal(n, (int)strlen(want));
	assert_string_equal(b.data ? b.data : "", want);
	galley_buffer_dispose(&b);
}

static void test_tokens(void **state)
{
	(void)state;
	S_token_is("python", "python");
	S_token_is("c++ (v17)", "c++-(v17)");
	S_token_is("  weird role\twith \xc3\xa9 ", "weird-role-with");
	S_token_is("\x01", "");
	S_token_is("", "");
}

static void test_language_tags(void **state)
{
	char out[64];
	(void)state;
	assert_true(tei_lang("en", out, sizeof out));
	assert_true(tei_lang(" en_GB ", out, sizeof out));
	assert_string_equal(out, "en-GB");
	assert_true(tei_lang("zh-Hant-TW", out, sizeof out));
	assert_true(tei_lang("x-klingon", out, sizeof out));
	assert_false(tei_lang("english!!", out, sizeof out));
	assert_false(tei_lang("en--GB", out, sizeof out));
	assert_false(tei_lang("1en", out, sizeof out));
	assert_false(tei_lang("toolongtag", out, sizeof out));
	assert_false(tei_lang("\xe6\x97\xa5", out, sizeof out));
	assert_false(tei_lang("", out, sizeof out));
}

/* ------------------------------------------------------------------ */

/* What holds for every case: the header's required parts, no paragraph-like
 * element after a div among its siblings, no empty publicationStmt, no
 * graphic without @url, no list without items, types that are one token. */
static void test_every_case_keeps_the_content_model(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < tei_case_count; i++) {
		S_result r;
		S_run(tei_cases[i].name, &r, 0);
		S_count(&r, "/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='main']", 1);
		assert_true(S_num(&r, "count(//t:publicationStmt/*)") >= 1);
		S_count(&r, "//t:sourceDesc/*", 1);
		S_count(&r, "//t:application[@ident='galley'][@version='" GALLEY_VERSION_STRING "']", 1);
		S_count(&r, "/t:TEI/t:text/t:body", 1);
		assert_true(S_num(&r, "count(/t:TEI/t:text/t:body/*)") >= 1);
		S_count(&r, "//t:div/following-sibling::*[self::t:p or self::t:list or self::t:table or self::t:quote"
			" or self::t:ab or self::t:figure]", 0);
		S_count(&r, "//*[self::t:closer or self::t:trailer]/following-sibling::*[not(self::t:closer or self::t:dateline)]", 0);
		S_count(&r, "//t:graphic[not(@url) or @url='']", 0);
		S_count(&r, "//t:list[not(t:item)]", 0);
		S_count(&r, "//t:row[not(t:cell)]", 0);
		S_count(&r, "//t:table[not(t:row)]", 0);
		S_count(&r, "//@type[contains(., ' ') or . = '']", 0);
		S_count(&r, "//@target[contains(., ' ') or . = '']", 0);
		S_count(&r, "//t:table/t:head[preceding-sibling::t:row]", 0);
		S_done(&r);
	}
}

static void test_header_full(void **state)
{
	S_result r;
	(void)state;
	S_run("meta_full", &r, 0);
	S_str_eq(&r, "/t:TEI/@xml:lang", "en");
	S_str_eq(&r, "//t:titleStmt/t:title[@type='main']", "Special Representative Holds a Consultation (Jan. 18)");
	S_str_eq(&r, "//t:titleStmt/t:title[@type='sub']", "With the U.S. Senior Official for the DPRK");
	S_count(&r, "//t:titleStmt/t:author", 2);
	S_str_eq(&r, "//t:titleStmt/t:respStmt/t:orgName", "Ministry of Foreign Affairs, Republic of Korea");
	S_str_eq(&r, "//t:publicationStmt/t:publisher", "Ministry of Foreign Affairs, Republic of Korea");
	S_str_eq(&r, "//t:publicationStmt/t:date/@when", "2024-01-18");
	S_str_eq(&r, "//t:publicationStmt/t:idno[@type='URI']",
		"https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321234&page=1");
	S_str_eq(&r, "//t:publicationStmt/t:idno[not(@type)]", "321234");
	S_str_eq(&r, "//t:publicationStmt/t:pubPlace", "Seoul");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:title", "Special Representative Holds a Consultation (Jan. 18)");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:publisher", "Ministry of Foreign Affairs, Republic of Korea");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:date/@when", "2024-01-18");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:ref/@target",
		"https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321234&page=1");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:note[@type='category']", "Press Releases");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:note[@type='hits']", "191");
	S_str_eq(&r, "//t:profileDesc/t:langUsage/t:language/@ident", "en");
	S_count(&r, "//t:profileDesc/t:textClass/t:keywords/t:term", 2);
	S_str_eq(&r, "//t:profileDesc/t:abstract/t:p", "A consultation on North Korean issues.");
	S_count(&r, "//*[contains(., 'free key')]", 0);
	S_done(&r);
}

static void test_header_missing(void **state)
{
	S_result r;
	(void)state;
	S_run("empty", &r, 0);
	S_str_eq(&r, "//t:titleStmt/t:title", "");
	S_count(&r, "//t:publicationStmt/t:p", 1);
	S_count(&r, "//t:sourceDesc/t:p", 1);
	S_count(&r, "/t:TEI/@xml:lang", 0);
	S_count(&r, "//t:profileDesc", 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:p", 1);
	S_done(&r);

	S_run("meta_partial", &r, 0);
	S_count(&r, "//t:publicationStmt/t:publisher", 0);
	S_count(&r, "//t:publicationStmt/t:p/t:date[not(@when)]", 1);
	S_str_eq(&r, "//t:publicationStmt/t:p/t:date", "January 18, 2024");
	S_str_eq(&r, "//t:sourceDesc/t:bibl/t:ref/@target", "https://example.org/a%20b/%C3%BC");
	S_done(&r);

	S_run("meta_timestamp", &r, 0);
	S_str_eq(&r, "//t:publicationStmt/t:date/@when", "2024-01-18T10:21:00+09:00");
	S_str_eq(&r, "/t:TEI/@xml:lang", "en-US");
	S_done(&r);

	S_run("meta_bad", &r, 0);
	S_count(&r, "//t:date[@when]", 0);
	S_count(&r, "/t:TEI/@xml:lang", 0);
	S_count(&r, "//t:langUsage", 0);
	S_str_eq(&r, "//t:titleStmt/t:title", "Title");
	S_str_eq(&r, "//t:publicationStmt/t:publisher", "AB");
	S_done(&r);
}

static void test_headings_nest(void **state)
{
	S_result r;
	(void)state;
	/* h1 h3 h2 h1: the h3 and the h2 are both inside the first h1. */
	S_run("headings_1321", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:div", 2);
	S_count(&r, "/t:TEI/t:text/t:body/t:div[1]/t:div", 2);
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[1]/t:head", "h1 #1");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[1]/t:div[1]/t:head", "h3 #2");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[1]/t:div[2]/t:head", "h2 #3");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[1]/t:div[2]/t:p", "after #3");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[2]/t:head", "h1 #4");
	S_done(&r);

	/* h3 h2 h1 h2 h6 h1: a shallower heading closes the deeper ones. */
	S_run("headings_321", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:div", 4);
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:div[3]/t:div/t:div/t:head", "h6 #5");
	S_done(&r);

	S_run("headings_only", &r, 0);
	S_count(&r, "//t:div", 4);
	S_count(&r, "/t:TEI/t:text/t:body/t:div[1]/t:div", 2);
	S_done(&r);
}

static void test_content_after_a_div(void **state)
{
	S_result r;
	(void)state;
	S_run("p_after_div", &r, 0);
	/* The paragraph after the contact div goes into a div of its own, the subsection nests there. */
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:p", "Lead.");
	S_str_eq(&r, "//t:div[t:head='Section']/t:div[@type='contact']/t:p", "Contact.");
	S_str_eq(&r, "//t:div[t:head='Section']/t:div[not(@type)]/t:p[1]", "After the contact div.");
	S_str_eq(&r, "//t:div[@type='note']/t:head", "Note heading");
	S_str_eq(&r, "//t:div[@type='note']/t:div/t:head", "Inside the note");
	S_count(&r, "//t:list[t:item='a list after the div']", 1);
	S_done(&r);
}

static void test_headings_in_containers(void **state)
{
	S_result r;
	(void)state;
	S_run("headings_in_containers", &r, 0);
	S_count(&r, "//t:item/t:ab[@type='heading'][@n='2']", 1);
	S_count(&r, "//t:item/t:floatingText[@type='contact']/t:body/t:div/t:head", 1);
	S_count(&r, "//t:quote/t:ab[@type='heading']", 1);
	S_count(&r, "//t:quote/t:floatingText/t:body/t:p", 1);
	S_count(&r, "//t:cell/t:ab[@type='heading'][@n='4']", 1);
	S_count(&r, "//t:cell/t:floatingText[@type='note']", 1);
	S_count(&r, "//t:p/t:note[@place='foot']/t:ab[@type='heading']", 1);
	S_count(&r, "//t:note/t:floatingText[@type='dateline']", 1);
	S_count(&r, "//t:div", 1);
	S_done(&r);
}

static void test_blocks(void **state)
{
	S_result r;
	(void)state;
	S_run("blocks", &r, 0);
	S_count(&r, "//t:list[@rend='numbered']/t:item", 2);
	S_str_eq(&r, "//t:list[@rend='numbered']/t:item[1]/@n", "3");
	S_str_eq(&r, "//t:list[@rend='numbered']/t:item[2]/@n", "4");
	S_str_eq(&r, "//t:list[@rend='numbered']/t:item[1]", "three");
	S_count(&r, "//t:list[@rend='bulleted']/t:item[not(@n)]", 2);
	S_count(&r, "//t:quote/t:p", 1);
	S_str_eq(&r, "//t:ab[@type='code'][1]/@subtype", "c++-(v17)");
	S_str_eq(&r, "//t:ab[@type='code'][1]", "int main(void)\n{\n\treturn 0;\n}\n");
	S_count(&r, "//t:ab[@type='code'][not(@subtype)]", 1);
	S_str_eq(&r, "//t:table/t:head", "A table");
	S_count(&r, "//t:table/t:row[1]/t:cell[@role='label']", 2);
	S_count(&r, "//t:table/t:row[2]/t:cell[not(@role)]", 2);
	S_str_eq(&r, "//t:figure[t:graphic]/t:graphic/@url", "images/photo%201.jpg");
	S_str_eq(&r, "//t:figure[t:graphic]/t:head", "The consultation");
	S_str_eq(&r, "//t:figure[t:graphic]/t:figDesc", "Two officials");
	S_count(&r, "//t:figure[not(*)]", 1);
	S_count(&r, "//t:milestone[@unit='section']", 1);
	S_count(&r, "//t:div[@type='contact']", 1);
	S_count(&r, "//t:div[@type='note']", 1);
	S_str_eq(&r, "//t:div[t:head='A heading']/t:div[not(@type)]/t:p", "The end.");
	S_done(&r);
}

static void test_inlines(void **state)
{
	S_result r;
	(void)state;
	S_run("inlines", &r, 0);
	S_str_eq(&r, "(//t:body/t:p)[1]/t:hi[@rend='italic']/t:hi[@rend='bold']", "strong inside");
	S_str_eq(&r, "(//t:body/t:p)[1]/t:code", "code()");
	S_str_eq(&r, "(//t:body/t:p)[1]/t:ref[1]/@target", "https://example.org/page?a=1&b=2");
	S_str_eq(&r, "(//t:body/t:p)[1]/t:hi[@rend='sup']", "2");
	S_str_eq(&r, "(//t:body/t:p)[1]/t:hi[@rend='sub']", "2");
	S_count(&r, "(//t:body/t:p)[1]/t:lb", 1);
	S_str_eq(&r, "(//t:body/t:p)[1]/t:graphic[@url='icon.png']/t:desc", "an icon");
	S_str_eq(&r, "(//t:body/t:p)[1]/t:figure[not(t:graphic)]/t:figDesc", "an image without a source");
	S_count(&r, "(//t:body/t:p)[1]/t:graphic[@url='x.png'][not(*)]", 1);
	S_str_eq(&r, "(//t:body/t:p)[1]/t:note[1]", "A footnote.");
	S_count(&r, "(//t:body/t:p)[1]/t:note[2]/t:p", 2);
	S_count(&r, "(//t:body/t:p)[1]/t:note[2]/t:list/t:item", 1);
	S_count(&r, "(//t:body/t:p)[1]/t:ref[2]/t:hi[@rend='italic']", 1);
	S_count(&r, "(//t:body/t:p)[1]/t:ref[2]/t:graphic", 1);
	S_count(&r, "//t:head/t:note[@place='foot']", 1);
	S_count(&r, "//t:head/t:graphic", 1);
	S_done(&r);
}

static void test_roles(void **state)
{
	S_result r;
	(void)state;
	S_run("roles", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/*[1][self::t:dateline]/t:lb", 1);
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:dateline", "Seoul,18 January 2024");
	S_count(&r, "//t:div[@type='dateline']/t:p", 1);
	S_str_eq(&r, "//t:div[@type='contact']/t:head", "Contact");
	S_count(&r, "//t:div[@type='contact']/t:div/t:head", 1);
	S_count(&r, "//t:div[@type='weird-role-with-spaces-and']", 1);
	S_count(&r, "//t:div[t:p='no role'][not(@type)]", 1);
	S_str_eq(&r, "//t:div[t:head='Closing section']/t:closer/t:signed", "Kim GunnSpecial Representative");
	S_count(&r, "//t:closer/t:signed/t:lb", 1);
	S_done(&r);

	S_run("signature_only", &r, 0);
	S_count(&r, "//t:closer", 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:div[@type='signature']/t:p", 1);
	S_done(&r);

	S_run("dateline_only", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:dateline", 1);
	S_count(&r, "/t:TEI/t:text/t:body/t:p", 1);
	S_done(&r);

	S_run("dateline_last", &r, 0);
	S_count(&r, "//t:div/t:dateline[preceding-sibling::t:div]", 1);
	S_done(&r);
}

static void test_tables(void **state)
{
	S_result r;
	(void)state;
	S_run("tables", &r, 0);
	S_str_eq(&r, "(//t:table)[1]/t:row[1]/t:cell[1]/@cols", "2");
	S_str_eq(&r, "(//t:table)[1]/t:row[1]/t:cell[2]/@rows", "2");
	S_count(&r, "(//t:table)[1]/t:row[1]/t:cell[@role='label']", 2);
	S_count(&r, "(//t:table)[1]/t:row[2]/t:cell[2]/t:p", 2);
	S_count(&r, "(//t:table)[1]/t:row[2]/t:cell[2]/t:list/t:item", 1);
	S_str_eq(&r, "(//t:table)[1]/t:row[2]/t:cell[1]", "a");
	S_count(&r, "(//t:table)[1]/t:row[3]/t:cell", 1);
	S_str_eq(&r, "(//t:table)[2]/t:head", "No rows");
	S_count(&r, "(//t:table)[3]/t:row/t:cell", 1);
	S_str_eq(&r, "(//t:table)[4]/t:trailer", "late caption");
	S_done(&r);
}

static void test_lists(void **state)
{
	S_result r;
	(void)state;
	S_run("lists", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:list", 2);
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:list[1]/t:item[1]/@n", "0");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:list[1]/t:item[2]/@n", "1");
	S_str_eq(&r, "//t:list[@rend='bulleted']/t:item[2]/t:list/t:item/@n", "1000000");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:list[2]/t:item[2]/@n", "8");
	S_done(&r);
}

static void test_control_characters_dropped(void **state)
{
	S_result r;
	(void)state;
	S_run("control_chars", &r, 0);
	S_str_eq(&r, "//t:titleStmt/t:title", "control characters");
	S_count(&r, "//t:p[contains(., 'nulbell')]", 1);
	S_count(&r, "//t:p[contains(., 'link')]/t:ref[@target='http://example.org/a%02b']", 1);
	S_str_eq(&r, "//t:ab[@type='code']/@subtype", "python"); /* the tree drops controls */
	S_count(&r, "//t:div[@type='contact']", 1);
	S_str_eq(&r, "//t:div/t:head", "heading");
	S_done(&r);
}

static void test_weird_urls(void **state)
{
	S_result r;
	(void)state;
	S_run("weird_urls", &r, 0);
	S_count(&r, "//t:ref[not(@target)]", 2);
	S_count(&r, "//t:ref[@target='http://a%20b/%C3%BC?x=%5B1%5D#a%23b']", 1);
	S_count(&r, "//t:ref[@target='http://[::1]:8080/x']", 1);
	S_count(&r, "//t:ref[@target='https://example.org/trimmed']", 1);
	S_count(&r, "//t:figure/t:figDesc[.='img']", 2);
	S_str_eq(&r, "//t:figure[not(t:figDesc)]/t:graphic/@url", "figure%20%5B1%5D.png");
	S_str_eq(&r, "//t:bibl/t:ref/@target", "http://a%20b/%5Bx%5D");
	S_done(&r);
}

static void test_languages(void **state)
{
	S_result r;
	(void)state;
	S_run("lang_gb", &r, 0);
	S_str_eq(&r, "/t:TEI/@xml:lang", "en-GB");
	S_str_eq(&r, "//t:language/@ident", "en-GB");
	S_done(&r);
	S_run("lang_cjk", &r, 0);
	S_count(&r, "/t:TEI/@xml:lang", 0);
	S_str_eq(&r, "//t:titleStmt/t:title", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	S_done(&r);
}

static void test_release(void **state)
{
	S_result r;
	(void)state;
	S_run("release", &r, 0);
	S_count(&r, "/t:TEI/t:text/t:body/t:list[@rend='numbered']/t:item", 7);
	S_count(&r, "//t:item[@n='7']", 1);
	S_str_eq(&r, "//t:item[@n='2']", "The two sides condemned North Korea\xe2\x80\x99s hostile rhetoric.");
	S_str_eq(&r, "/t:TEI/t:text/t:body/t:closer/t:signed", "Ministry of Foreign Affairs");
	S_done(&r);
}

static void test_deep(void **state)
{
	S_result r;
	(void)state;
	S_run("deep", &r, 0);
	S_count(&r, "//t:quote", 200);
	S_count(&r, "//t:p[.='deep']/ancestor::t:quote", 200);
	S_done(&r);
}

static void test_refuses_many_documents(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_node *docs[2];
	(void)state;
	docs[0] = tei_case_find("empty")->build(ctx);
	docs[1] = tei_case_find("empty")->build(ctx);
	assert_int_equal(tei_write(ctx, "tei", (const galley_node *const *)docs, 2, &out, NULL), GALLEY_EUSAGE);
	assert_int_equal(tei_write(ctx, "tei", (const galley_node *const *)docs, 0, &out, NULL), GALLEY_EUSAGE);
	assert_int_equal(out.len, 0);
	galley_node_free(docs[0]);
	galley_node_free(docs[1]);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_not_a_document(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	(void)state;
	assert_int_equal(tei_write(ctx, "tei", (const galley_node *const *)&p, 1, &out, NULL), GALLEY_EINVAL);
	assert_non_null(strstr(galley_context_error(ctx), "document"));
	galley_node_free(p);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_w3c_dates),
		cmocka_unit_test(test_uri_escaping),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_language_tags),
		cmocka_unit_test(test_every_case_keeps_the_content_model),
		cmocka_unit_test(test_header_full),
		cmocka_unit_test(test_header_missing),
		cmocka_unit_test(test_headings_nest),
		cmocka_unit_test(test_content_after_a_div),
		cmocka_unit_test(test_headings_in_containers),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_inlines),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_control_characters_dropped),
		cmocka_unit_test(test_weird_urls),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_refuses_many_documents),
		cmocka_unit_test(test_not_a_document),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
