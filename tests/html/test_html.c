/* test_html.c — the html reader: the seed release, each metadata source,
 * each charset, HTML5 structure, tables, URLs, pages without an article,
 * and malformed input (a tree, never a crash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

static galley_context *S_ctx;

static galley_node *S_read_len(const char *html, size_t len, int *rc_out)
{
	galley_builder *b = galley_builder_new(S_ctx);
	assert_non_null(b);
	galley_node *doc = NULL;
	int rc = html_read(S_ctx, b, html, len);
	if (rc == 0)
		rc = galley_builder_finish(b, &doc);
	galley_builder_free(b);
	if (rc_out != NULL)
		*rc_out = rc;
	return doc;
}

static galley_node *S_read(const char *html)
{
	int rc;
	galley_node *doc = S_read_len(html, strlen(html), &rc);
	if (rc != 0)
		fail_msg("read failed: %s", galley_context_error(S_ctx));
	assert_non_null(doc);
	return doc;
}

static char *S_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	galley_buffer b = GALLEY_BUFFER_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		galley_buffer_append(&b, chunk, n);
	fclose(f);
	return galley_buffer_detach(&b, len);
}

static galley_node *S_read_file(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", HTML_FIXTURES, name);
	size_t len = 0;
	char *data = S_slurp(path, &len);
	assert_non_null(data);
	int rc;
	galley_node *doc = S_read_len(data, len, &rc);
	free(data);
	if (rc != 0)
		fail_msg("%s: %s", name, galley_context_error(S_ctx));
	return doc;
}

static char *S_text(const galley_node *n)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	galley_node_text_content(n, &b);
	galley_buffer_putc(&b, 0);
	return galley_buffer_detach(&b, NULL);
}

static const char *S_meta(galley_node *doc, const char *key)
{
	return galley_meta_get(galley_document_meta(doc), key);
}

static void S_assert_contains(galley_node *doc, const char *needle)
{
	char *t = S_text(doc);
	if (strstr(t, needle) == NULL)
		fail_msg("\"%s\" not in body:\n%s", needle, t);
	free(t);
}

static void S_assert_lacks(galley_node *doc, const char *needle)
{
	char *t = S_text(doc);
	if (strstr(t, needle) != NULL)
		fail_msg("\"%s\" should not be in body:\n%s", needle, t);
	free(t);
}

/* First node of a type in document order. */
static galley_node *S_find(galley_node *n, galley_node_type t)
{
	for (galley_node *c = galley_node_first_child(n); c != NULL; c = galley_node_next(c)) {
		if (galley_node_get_type(c) == t)
			return c;
		galley_node *r = S_find(c, t);
		if (r != NULL)
			return r;
	}
	return NULL;
}

/* ---- the seed release ---------------------------------------------- */

static void S_check_seed(json_t *exp)
{
	galley_node *doc = S_read_file("mofa-2024-01-18-consultation.html");
	assert_string_equal(S_meta(doc, "title"), json_string_value(json_object_get(exp, "title")));
	assert_string_equal(S_meta(doc, "date"), json_string_value(json_object_get(exp, "date")));
	assert_string_equal(S_meta(doc, "category"), json_string_value(json_object_get(exp, "category")));
	assert_string_equal(S_meta(doc, "language"), json_string_value(json_object_get(exp, "language")));
	assert_string_equal(S_meta(doc, "issuer"), json_string_value(json_object_get(exp, "issuer_from_html")));
	assert_int_equal(galley_meta_get_hits(galley_document_meta(doc)), json_integer_value(json_object_get(exp, "hits")));

	/* the body is exactly one ordered list of the numbered paragraphs */
	assert_int_equal(galley_node_child_count(doc), 1);
	galley_node *list = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	assert_true(galley_node_get_list_ordered(list));
	json_t *paras = json_object_get(exp, "paragraphs");
	assert_int_equal(galley_node_get_list_start(list), json_integer_value(json_object_get(json_array_get(paras, 0), "number")));
	assert_int_equal(galley_node_child_count(list), json_array_size(paras));
	size_t i = 0;
	for (galley_node *item = galley_node_first_child(list); item != NULL; item = galley_node_next(item), i++) {
		char *t = S_text(item);
		assert_string_equal(t, json_string_value(json_object_get(json_array_get(paras, i), "text")));
		free(t);
	}
	/* no block is, or begins with, site chrome */
	size_t k;
	json_t *nb;
	json_array_foreach(json_object_get(exp, "not_in_body"), k, nb) {
		for (galley_node *blk = galley_node_first_child(doc); blk != NULL; blk = galley_node_next(blk)) {
			char *t = S_text(blk);
			assert_true(strncmp(t, json_string_value(nb), strlen(json_string_value(nb))) != 0);
			free(t);
		}
	}
	galley_node_free(doc);
}

static void test_seed_local(void **state)
{
	(void)state;
	json_t *exp = json_load_file(SEED_FACTS, 0, NULL) /* the seed's facts, kept once in tests/fixtures/text */;
	assert_non_null(exp);
	S_check_seed(exp);
	json_decref(exp);
}

static void test_seed_shared(void **state)
{
	(void)state;
	json_t *exp = json_load_file(HTML_SHARED_DIR "/fixtures/mofa-2024-01-18-consultation.expected.json", 0, NULL);
	if (exp == NULL)
		skip(); /* no ../shared in this clone: the local copy is checked above */
	S_check_seed(exp);
	json_decref(exp);
}

/* ---- metadata, one source at a time -------------------------------- */

#define LOREM "<p>The ministry announced today that the two delegations met in Geneva, discussed regional security, trade and climate, and agreed to meet again next spring.</p>"

static void test_meta_og_and_title_suffix(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><head><title>Minister meets envoy | Ministry of Things</title>"
		"<meta property=\"og:site_name\" content=\"Ministry of Things\">"
		"<meta property=\"og:url\" content=\"https://example.org/news/1\">"
		"<meta name=\"description\" content=\"A meeting.\">"
		"<meta name=\"keywords\" content=\"envoy, minister ,  talks\">"
		"<meta property=\"article:tag\" content=\"Geneva\">"
		"<meta name=\"author\" content=\"Jane Roe\">"
		"<meta property=\"article:section\" content=\"Press Releases\">"
		"<meta property=\"article:published_time\" content=\"2024-03-05T09:00:00+01:00\">"
		"</head><body><article><h1>Minister meets envoy</h1>" LOREM LOREM "</article></body></html>");
	assert_string_equal(S_meta(doc, "title"), "Minister meets envoy");
	assert_string_equal(S_meta(doc, "issuer"), "Ministry of Things");
	assert_string_equal(S_meta(doc, "source"), "https://example.org/news/1");
	assert_string_equal(S_meta(doc, "description"), "A meeting.");
	assert_string_equal(S_meta(doc, "category"), "Press Releases");
	assert_string_equal(S_meta(doc, "date"), "2024-03-05");
	galley_meta *m = galley_document_meta(doc);
	assert_int_equal(galley_meta_count(m, "keywords"), 4);
	assert_string_equal(galley_meta_get_nth(m, "keywords", 1), "minister");
	assert_string_equal(galley_meta_get_nth(m, "keywords", 3), "Geneva");
	assert_string_equal(galley_meta_get_nth(m, "authors", 0), "Jane Roe");
	/* the headline is metadata, not body */
	assert_null(S_find(doc, GALLEY_NODE_HEADING));
	galley_node_free(doc);
}

static void test_meta_jsonld(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><head><title>x</title><script type=\"application/ld+json\">"
		"{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
		"{\"@type\":\"NewsArticle\",\"headline\":\"Talks resume in Seoul\",\"datePublished\":\"2023-11-02T08:00:00Z\","
		"\"author\":[{\"@type\":\"Person\",\"name\":\"Kim Ji-won\"},{\"name\":\"Lee Min\"}],"
		"\"publisher\":{\"@type\":\"Organization\",\"name\":\"Foreign Ministry\"},\"inLanguage\":\"ko-KR\","
		"\"keywords\":[\"talks\",\"Seoul\"],\"articleSection\":\"Briefings\",\"description\":\"Talks.\"}]}"
		"</script><script type=\"application/ld+json\">{ broken json</script></head><body><div class=\"content\">"
		LOREM LOREM "</div></body></html>");
	assert_string_equal(S_meta(doc, "title"), "Talks resume in Seoul");
	assert_string_equal(S_meta(doc, "date"), "2023-11-02");
	/* normalised as every issuer is (grel_issuer_normalise()) */
	assert_string_equal(S_meta(doc, "issuer"), "Ministry of Foreign Affairs");
	assert_string_equal(S_meta(doc, "language"), "ko-KR");
	assert_string_equal(S_meta(doc, "category"), "Briefings");
	assert_string_equal(S_meta(doc, "description"), "Talks.");
	galley_meta *m = galley_document_meta(doc);
	assert_int_equal(galley_meta_count(m, "authors"), 2);
	assert_string_equal(galley_meta_get_nth(m, "authors", 1), "Lee Min");
	assert_int_equal(galley_meta_count(m, "keywords"), 2);
	galley_node_free(doc);
}

static void test_meta_time_element(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html lang=\"en-GB\"><body><article><h1>Budget statement</h1>"
		"<p>Published <time datetime=\"2022-07-14\">14 July</time></p>" LOREM LOREM "</article></body></html>");
	assert_string_equal(S_meta(doc, "date"), "2022-07-14");
	assert_string_equal(S_meta(doc, "language"), "en-GB");
	galley_node_free(doc);
}

static void test_meta_korean_labels(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><head><meta charset=\"utf-8\"><title>보도자료 | 외교부</title></head><body>"
		"<div class=\"location\"><a href=\"/\">홈</a> &gt; <a href=\"#\">알림·소식</a> &gt; <span>보도자료</span></div>"
		"<div class=\"board_view\"><h2>한미 외교장관 통화 결과</h2>"
		"<dl class=\"info\"><dt>작성일</dt><dd>2024.01.11</dd><dt>조회수</dt><dd>1,204</dd></dl>"
		"<div class=\"bo_con\"><p>조태열 외교부 장관은 1월 11일 오전 블링컨 미국 국무장관과 통화를 갖고, 한반도 정세와 한미 동맹, 북러 군사협력 등에 대해 협의하였다.</p>"
		"<p>양 장관은 북한의 도발에 단호히 대응하기로 하였으며, 긴밀한 공조를 지속해 나가기로 하였다.</p></div></div>"
		"<footer><p>Copyright (c) 2024 Ministry of Foreign Affairs. All rights reserved.</p></footer></body></html>");
	assert_string_equal(S_meta(doc, "date"), "2024-01-11");
	assert_int_equal(galley_meta_get_hits(galley_document_meta(doc)), 1204);
	assert_string_equal(S_meta(doc, "category"), "보도자료");
	assert_string_equal(S_meta(doc, "issuer"), "Ministry of Foreign Affairs");
	assert_string_equal(S_meta(doc, "language"), "ko"); /* detected */
	S_assert_contains(doc, "블링컨 미국 국무장관");
	S_assert_lacks(doc, "조회수");
	S_assert_lacks(doc, "Copyright");
	galley_node_free(doc);
}

static void test_meta_visible_date_english(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><head><meta http-equiv=\"content-language\" content=\"fr\"></head><body>"
		"<div id=\"content\"><ul class=\"info\"><li>Date : 18/01/2024</li><li>Hits 42</li></ul>"
		"<div class=\"text\">" LOREM LOREM "</div></div></body></html>");
	assert_string_equal(S_meta(doc, "date"), "2024-01-18");
	assert_int_equal(galley_meta_get_hits(galley_document_meta(doc)), 42);
	assert_string_equal(S_meta(doc, "language"), "fr");
	galley_node_free(doc);
}

/* ---- encodings -------------------------------------------------------- */

static void S_enc(const char *file, const char *needle)
{
	galley_node *doc = S_read_file(file);
	S_assert_contains(doc, needle);
	galley_node_free(doc);
}

static void test_enc_euc_kr(void **s) { (void)s; S_enc("euc-kr.html", "한반도 평화교섭본부장은 1월 18일"); }
static void test_enc_cp949(void **s) { (void)s; S_enc("cp949.html", "똠방각하와 햏은"); }
static void test_enc_shift_jis(void **s) { (void)s; S_enc("shift_jis.html", "日米韓の三か国は一月十八日"); }
static void test_enc_gb18030(void **s) { (void)s; S_enc("gb18030.html", "中韩双方于一月十八日在首尔举行磋商，双方强烈谴责朝鲜的挑衅行为。𠀀"); }
static void test_enc_windows_1252(void **s) { (void)s; S_enc("windows-1252.html", "rose by 5 € since January — a “record”"); }
static void test_enc_iso_8859_2(void **s) { (void)s; S_enc("iso-8859-2.html", "Příliš žluťoučký kůň úpěl ďábelské ódy"); }
static void test_enc_iso_8859_1(void **s) { (void)s; S_enc("iso-8859-1.html", "à Genève, où les deux délégations"); }
static void test_enc_sniffed(void **s) { (void)s; S_enc("sniff-euc-kr.html", "문자 집합 표시가 없는 문서입니다."); }
static void test_enc_utf16_bom(void **s) { (void)s; S_enc("utf-16le-bom.html", "which decides its encoding."); }

/* The charset policy the reader takes from the core (galley_to_utf8): a
 * BOM decides, valid UTF-8 beats a lying label, and a label the bytes
 * contradict (or nobody knows) means detection. */
static char *S_page_in(const char *charset, const char *label, const char *body, size_t *len)
{
	char head[512];
	snprintf(head, sizeof head, "<html><head><meta charset=\"%s\"><title>t</title></head><body><article><p>", label);
	galley_buffer page = GALLEY_BUFFER_INIT;
	galley_buffer_puts(&page, head);
	for (int i = 0; i < 4; i++)
		galley_buffer_puts(&page, body);
	galley_buffer_puts(&page, "</p></article></body></html>");
	iconv_t cd = iconv_open(charset, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = page.len, cap = page.len * 4 + 16, outleft = cap;
	char *out = malloc(cap), *o = out, *in = page.data;
	assert_non_null(out);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	galley_buffer_dispose(&page);
	*len = cap - outleft;
	return out;
}

static void S_policy(const char *charset, const char *label, const char *body)
{
	size_t len;
	char *data = S_page_in(charset, label, body, &len);
	int rc;
	galley_node *doc = S_read_len(data, len, &rc);
	if (rc != 0)
		fail_msg("%s page labelled %s: %s", charset, label, galley_context_error(S_ctx));
	S_assert_contains(doc, body);
	galley_node_free(doc);
	free(data);
}

static void test_enc_policy(void **state)
{
	(void)state;
	static const char ko[] = "외교부는 한반도평화교섭본부장이 미국 국무부 대북고위관리와 협의를 가졌다고 밝혔다. ";
	static const char fr[] = "Le ministre a reçu aujourd’hui son homologue à Genève — « très fructueuse ». ";
	S_policy("UTF-8", "euc-kr", ko);          /* re-saved as UTF-8, old label kept */
	S_policy("UTF-8", "windows-1252", fr);
	S_policy("EUC-KR", "utf-8", ko);          /* says UTF-8, is not: detected */
	S_policy("CP949", "x-no-such-charset", ko);
	S_policy("CP949", "ks_c_5601-1987", ko);  /* the WHATWG aliases */
	S_policy("WINDOWS-1252", "latin1", fr);
	S_policy("UTF-16", "euc-kr", ko);         /* iconv writes a BOM: it decides */
	S_policy("UTF-8", "utf-16", fr);          /* a UTF-16 label read as ASCII lies */
	S_policy("SHIFT_JIS", "euc-kr", "外務省は本日、日韓外相会談を行ったと発表しました。両外相は緊密に連携していくことで一致しました。");
}

static void test_enc_title(void **state)
{
	(void)state;
	galley_node *doc = S_read_file("windows-1252.html");
	assert_string_equal(S_meta(doc, "title"), "Café prices – “rising”");
	galley_node_free(doc);
}

/* ---- structure ---------------------------------------------------------- */

static void test_html5_structure(void **state)
{
	(void)state;
	/* implicit end tags everywhere: p, li, and no </body> */
	galley_node *doc = S_read("<!DOCTYPE html><title>Structure</title>"
		"<header><nav><ul><li><a href=/>Home<li><a href=/news>News</ul></nav></header>"
		"<main><article><h1>Structure</h1><section><h2>First part</h2>"
		"<p>The first paragraph of the first part, which is long enough to count as content for the scorer."
		"<p>The second paragraph, also long enough, with a <em>stressed</em> word and <strong>strong</strong> one."
		"<ol start=3><li>third item<li>fourth item<ul><li>nested</ul></ol></section>"
		"<section><h2>Second part</h2><p>Another paragraph of the article, with commas, clauses, and more words."
		"<blockquote><p>A quoted sentence from the minister.</blockquote><hr>"
		"<pre><code class=\"language-c\">int main(void) { return 0; }\n</code></pre></section></article>"
		"<aside><p>Related: other news you may like, with links.</aside></main>"
		"<footer><p>Footer text, privacy policy, terms.</footer>");
	galley_node *h = S_find(doc, GALLEY_NODE_HEADING);
	assert_non_null(h);
	assert_int_equal(galley_node_get_level(h), 2);
	char *t = S_text(h);
	assert_string_equal(t, "First part");
	free(t);
	galley_node *list = S_find(doc, GALLEY_NODE_LIST);
	assert_non_null(list);
	assert_true(galley_node_get_list_ordered(list));
	assert_int_equal(galley_node_get_list_start(list), 3);
	assert_int_equal(galley_node_child_count(list), 2);
	galley_node *nested = S_find(galley_node_last_child(list), GALLEY_NODE_LIST);
	assert_non_null(nested);
	assert_false(galley_node_get_list_ordered(nested));
	assert_non_null(S_find(doc, GALLEY_NODE_QUOTE));
	assert_non_null(S_find(doc, GALLEY_NODE_BREAK));
	assert_non_null(S_find(doc, GALLEY_NODE_EMPH));
	assert_non_null(S_find(doc, GALLEY_NODE_STRONG));
	galley_node *code = S_find(doc, GALLEY_NODE_CODE_BLOCK);
	assert_non_null(code);
	assert_string_equal(galley_node_get_language(code), "c");
	assert_string_equal(galley_node_get_text(code), "int main(void) { return 0; }");
	S_assert_lacks(doc, "Home");
	S_assert_lacks(doc, "privacy policy");
	S_assert_lacks(doc, "Related: other news");
	galley_node_free(doc);
}

static void test_table_spans(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><body><div class=\"content\">" LOREM
		"<table><caption>Results by region</caption><thead><tr><th>Region<th colspan=2>Votes</tr></thead>"
		"<tbody><tr><td rowspan=2>North<td>12<td>30<tr><td>7<td>9</tbody></table>" LOREM "</div></body></html>");
	galley_node *table = S_find(doc, GALLEY_NODE_TABLE);
	assert_non_null(table);
	galley_node *cap = S_find(table, GALLEY_NODE_CAPTION);
	assert_non_null(cap);
	galley_node *row = S_find(table, GALLEY_NODE_ROW);
	assert_non_null(row);
	galley_node *c1 = galley_node_first_child(row), *c2 = galley_node_next(c1);
	assert_true(galley_node_get_cell_header(c1));
	assert_int_equal(galley_node_get_colspan(c2), 2);
	galley_node *row2 = galley_node_next(row);
	assert_non_null(row2);
	assert_false(galley_node_get_cell_header(galley_node_first_child(row2)));
	assert_int_equal(galley_node_get_rowspan(galley_node_first_child(row2)), 2);
	assert_int_equal(galley_node_child_count(galley_node_next(row2)), 2);
	galley_node_free(doc);
}

/* <a> in <a> through emphasis (which libxml2 builds, as browsers do): the
 * tree refuses a link under a link, so the inner one gives its text only. */
static size_t S_links(galley_node *n, int in_link, int *nested)
{
	size_t k = 0;
	int here = galley_node_get_type(n) == GALLEY_NODE_LINK;
	if (here && in_link)
		*nested = 1;
	for (galley_node *c = galley_node_first_child(n); c != NULL; c = galley_node_next(c))
		k += S_links(c, in_link || here, nested);
	return k + (size_t)here;
}

static void test_nested_links(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><body><article><p>" LOREM " <a href=\"/outer\">outer <em>emph "
		"<a href=\"/inner\">inner words</a> tail</em> end</a> and <a href=\"/x\"><b><i><a href=\"/y\">deep</a>"
		"</i></b></a> after.</p></article></body></html>");
	int nested = 0;
	assert_int_equal(S_links(doc, 0, &nested), 2);
	assert_false(nested);
	S_assert_contains(doc, "emph inner words tail");
	S_assert_contains(doc, "deep");
	galley_node_free(doc);
}

static void test_relative_urls(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><head><link rel=canonical href=\"https://www.example.go.kr/news/view.do?id=5\">"
		"<base href=\"/eng/\"></head><body><div class=\"article\">"
		"<p>See <a href=\"brd/list.do\">the list</a>, <a href=\"//cdn.example.org/x.pdf\">the file</a>, "
		"<a href=\"javascript:print()\">print me</a> and <a href=\"#top\">top</a>; the ministry said so, twice, today.</p>"
		"<figure><img src=\"../img/photo.jpg\" alt=\"The minister\"><figcaption>The minister in Seoul</figcaption></figure>"
		LOREM LOREM "</div></body></html>");
	galley_node *link = S_find(doc, GALLEY_NODE_LINK);
	assert_non_null(link);
	assert_string_equal(galley_node_get_url(link), "https://www.example.go.kr/eng/brd/list.do");
	assert_string_equal(galley_node_get_url(galley_node_next(galley_node_next(link))), "https://cdn.example.org/x.pdf");
	S_assert_contains(doc, "print me"); /* kept as text */
	galley_node *fig = S_find(doc, GALLEY_NODE_FIGURE);
	assert_non_null(fig);
	assert_string_equal(galley_node_get_url(fig), "https://www.example.go.kr/img/photo.jpg");
	assert_string_equal(galley_node_get_alt(fig), "The minister");
	char *t = S_text(S_find(fig, GALLEY_NODE_CAPTION));
	assert_string_equal(t, "The minister in Seoul");
	free(t);
	/* javascript: never survives as a link */
	for (galley_node *l = link; l != NULL; l = galley_node_next(l))
		if (galley_node_get_type(l) == GALLEY_NODE_LINK)
			assert_null(strstr(galley_node_get_url(l), "javascript:"));
	galley_node_free(doc);
}

static void test_no_article(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><body>Short note one.<br>Second line<div>Third bit</div></body></html>");
	S_assert_contains(doc, "Short note one.");
	S_assert_contains(doc, "Third bit");
	assert_true(galley_node_child_count(doc) >= 1);
	galley_node_free(doc);
	doc = S_read("<html><body><p>Only a line.</p></body></html>");
	S_assert_contains(doc, "Only a line.");
	galley_node_free(doc);
}

static void test_numbered_and_empty_paragraphs(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><body><div class=\"view_con\"><p>1. The first numbered paragraph of the release, long enough to score.</p>"
		"<p>&nbsp;</p><p>2. The second numbered paragraph of the release, also long enough.</p><p> </p>"
		"<p>3. The third, with a <a href=\"http://x.org/\">link</a>, and commas, and more.</p></div></body></html>");
	assert_int_equal(galley_node_child_count(doc), 1);
	galley_node *list = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(list), GALLEY_NODE_LIST);
	assert_int_equal(galley_node_child_count(list), 3);
	char *t = S_text(galley_node_first_child(list));
	assert_string_equal(t, "The first numbered paragraph of the release, long enough to score.");
	free(t);
	galley_node_free(doc);
}

static void test_hidden_and_scripts(void **state)
{
	(void)state;
	galley_node *doc = S_read("<html><body><article>" LOREM "<div hidden>hidden one</div>"
		"<p aria-hidden=\"true\">hidden two</p><p style=\"display: none\">hidden three</p>"
		"<script>var hiddenfour = 1;</script><style>p{}</style><noscript>enable js</noscript>"
		"<form><input value=x><button>Go</button></form>" LOREM "</article></body></html>");
	S_assert_lacks(doc, "hidden");
	S_assert_lacks(doc, "enable js");
	S_assert_lacks(doc, "Go");
	S_assert_contains(doc, "two delegations met in Geneva");
	galley_node_free(doc);
}

static void test_probe(void **state)
{
	(void)state;
	extern const galley_plugin_desc galley_plugin_descriptor;
	assert_int_equal(galley_plugin_descriptor.abi_major, GALLEY_PLUGIN_ABI_MAJOR);
	assert_string_equal(galley_plugin_descriptor.name, "html");
}

/* ---- malformed input ------------------------------------------------------ */

static void test_malformed(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", " ", "<", ">", "<<<>>>", "<html", "<html><body", "</html></body></p>", "<!--", "<!-- <p>x",
		"<![CDATA[ x ]]>", "<!DOCTYPE", "<p>unclosed <b>bold <i>italic <a href=x>link",
		"<table><p>para in table<tr>text in row<td>cell<td colspan=999999999 rowspan=-4>x</table>",
		"<ul>text before items<li>a<div>block in li</div><p>p<li>b</ul>text after",
		"<ol start=abc><li>x</ol><ol start=-5><li>y</ol>", "<a href=\"javascript:void(0)\"><div><p>block in link</p></div></a>",
		"<h1><div>div in heading</div><table><tr><td>table in heading</table></h1>",
		"<p><table><tr><td><table><tr><td><blockquote><pre>deep</pre></blockquote></table></table>",
		"<figure><figcaption>no image</figcaption></figure><figure><img></figure><img src=\"\">",
		"<pre><code class=\"language-\">x</code></pre><pre></pre><code></code>",
		"<base href=\"::::\"><a href=\"http://[::1\">bad url</a><img src=\"%%%\">",
		"<meta charset=\"no-such-charset\"><p>caf\xe9 \xff\xfe</p>",
		"<script type=\"application/ld+json\">[[[[[[[[[[{\"@type\":\"Article\"}]]]]]]]]]]</script>",
		"<script type=\"application/ld+json\">{\"@type\":[\"NewsArticle\",3],\"author\":[[{\"name\":5}]],\"publisher\":7}</script>",
		"<body><frameset><frame src=x></frameset><svg><script>x</script><p>in svg</p></svg><math><mi>x</mi></math>",
		"<select><option>a<option>b</select><textarea><p>not html</textarea>",
		"<dl><dt>term<dd>def<dd><ul><li>x</ul></dl>", "<li>orphan item</li><td>orphan cell</td><tr><th>orphan</th>",
		"<p>\xc3\x28 invalid utf8 \xe2\x82 end</p>", "<br><br><br><br>text<br><br>more<br>",
		"<div><br><br>a<br><br><p>b</p>c<br><br></div>",
		"<title>Only a title | Site</title>", "<meta property=\"og:title\" content=\"\"><title></title>",
		"<p>&#0; &#xD800; &#1114112; &nosuch; &amp</p>",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;
		galley_node *doc = S_read_len(cases[i], strlen(cases[i]), &rc);
		if (rc == 0)
			assert_non_null(doc);
		else
			galley_error_clear(S_ctx);
		if (doc != NULL)
			galley_node_free(doc);
	}
	/* deep nesting */
	galley_buffer deep = GALLEY_BUFFER_INIT;
	for (int i = 0; i < 5000; i++)
		galley_buffer_puts(&deep, i % 3 == 0 ? "<div>" : i % 3 == 1 ? "<span><b>" : "<ul><li>");
	galley_buffer_puts(&deep, "deep text, with a comma, and more words to count as content in the end.");
	int rc;
	galley_node *doc = S_read_len(deep.data, deep.len, &rc);
	assert_int_equal(rc, 0);
	galley_node_free(doc);
	galley_buffer_dispose(&deep);
	/* binary: refused with a message, not a crash */
	static const char bin[] = "\x00\x01\x02<html>\x00\x00\x00";
	doc = S_read_len(bin, sizeof bin - 1, &rc);
	if (rc != 0) {
		assert_int_equal(rc, GALLEY_EINVAL);
		assert_true(strlen(galley_context_error(S_ctx)) > 0);
		galley_error_clear(S_ctx);
	}
	if (doc != NULL)
		galley_node_free(doc);
}

static int S_setup(void **state)
{
	(void)state;
	S_ctx = galley_context_new();
	return S_ctx == NULL;
}

static int S_teardown(void **state)
{
	(void)state;
	galley_context_free(S_ctx);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_local),
		cmocka_unit_test(test_seed_shared),
		cmocka_unit_test(test_meta_og_and_title_suffix),
		cmocka_unit_test(test_meta_jsonld),
		cmocka_unit_test(test_meta_time_element),
		cmocka_unit_test(test_meta_korean_labels),
		cmocka_unit_test(test_meta_visible_date_english),
		cmocka_unit_test(test_enc_euc_kr),
		cmocka_unit_test(test_enc_cp949),
		cmocka_unit_test(test_enc_shift_jis),
		cmocka_unit_test(test_enc_gb18030),
		cmocka_unit_test(test_enc_windows_1252),
		cmocka_unit_test(test_enc_iso_8859_2),
		cmocka_unit_test(test_enc_iso_8859_1),
		cmocka_unit_test(test_enc_sniffed),
		cmocka_unit_test(test_enc_utf16_bom),
		cmocka_unit_test(test_enc_policy),
		cmocka_unit_test(test_enc_title),
		cmocka_unit_test(test_html5_structure),
		cmocka_unit_test(test_table_spans),
		cmocka_unit_test(test_nested_links),
		cmocka_unit_test(test_relative_urls),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_numbered_and_empty_paragraphs),
		cmocka_unit_test(test_hidden_and_scripts),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
