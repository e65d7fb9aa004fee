/* test_charset.c — galley_to_utf8 and galley_utf8_valid: BOMs, hints,
 * sniffing (EUC-KR, cp1252, Latin-1, Shift_JIS, GB18030), binary input and
 * the documented lossy replacement. Inputs in legacy charsets are made
 * here with iconv from UTF-8 text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>

#include <cmocka.h>
#include <galley/plugin.h>

static const char KO[] = "외교부는 1월 18일 한반도평화교섭본부장이 미국 국무부 대북고위관리와 협의를 가졌다고 밝혔다. "
	"양측은 북한의 적대적 언행과 도발을 규탄하고 국제사회와 긴밀히 공조해 나가기로 하였다.";
static const char FR[] = "Le ministre des Affaires étrangères a reçu aujourd’hui son homologue — « une réunion "
	"très fructueuse », a-t-il déclaré. Coût : 5 € par personne, voilà.";
static const char DE[] = "Die Bundesregierung begrüßt die Einigung über die Änderungen; Außenministerin äußerte "
	"sich zufrieden über die Gespräche in München.";
static const char JA[] = "外務省は本日、日韓外相会談を行ったと発表しました。両外相は、北朝鮮の核・ミサイル開発について"
	"緊密に連携していくことで一致しました。";
static const char ZH[] = "中华人民共和国外交部今天举行例行记者会，发言人就朝鲜半岛局势回答了记者提问，表示各方应保持克制。";

/* UTF-8 text in another charset, made with iconv. */
static char *S_encode(const char *to, const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), cap = inleft * 4 + 16, outleft = cap;
	char *out = malloc(cap), *o = out, *in = (char *)utf8;
	assert_non_null(out);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*len = cap - outleft;
	return out;
}

static void S_roundtrip(const char *charset, const char *utf8, const char *hint, const char *want_cs)
{
	size_t len;
	char *data = S_encode(charset, utf8, &len);
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	char cs[64] = "";
	int rc = galley_to_utf8(ctx, data, len, hint, &out, cs, sizeof cs);
	if (rc < 0)
		fail_msg("%s: %s", charset, galley_context_error(ctx));
	assert_string_equal(out.data, utf8);
	if (want_cs)
		assert_string_equal(cs, want_cs);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
	free(data);
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(galley_utf8_valid("", 0));
	assert_true(galley_utf8_valid(KO, strlen(KO)));
	assert_true(galley_utf8_valid("plain ascii text, long enough for the fast path", 47));
	assert_false(galley_utf8_valid("\xC3", 1));                 /* truncated */
	assert_false(galley_utf8_valid("\xC0\xAF", 2));             /* overlong */
	assert_false(galley_utf8_valid("\xED\xA0\x80", 3));         /* surrogate */
	assert_false(galley_utf8_valid("\xF4\x90\x80\x80", 4));     /* beyond U+10FFFF */
	assert_false(galley_utf8_valid("abcdefgh\xFFijk", 12));
}

static void test_utf8_stays(void **state)
{
	(void)state;
	S_roundtrip("UTF-8", KO, NULL, "UTF-8");
	S_roundtrip("UTF-8", JA, "utf-8", "UTF-8");
}

static void test_boms(void **state)
{
	(void)state;
	/* iconv's "UTF-16"/"UTF-32" write a BOM; galley must read it and drop it. */
	S_roundtrip("UTF-16", KO, NULL, NULL);
	S_roundtrip("UTF-16", FR, "iso-8859-1", NULL); /* a BOM beats a hint */
	S_roundtrip("UTF-32", JA, NULL, NULL);
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	char cs[64];
	assert_int_equal(galley_to_utf8(ctx, "\xEF\xBB\xBFhello", 8, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(out.data, "hello");
	assert_string_equal(cs, "UTF-8");
	galley_buffer_clear(&out);
	assert_int_equal(galley_to_utf8(ctx, "\xFF\xFEh\0i\0", 6, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(out.data, "hi");
	assert_string_equal(cs, "UTF-16LE");
	galley_buffer_clear(&out);
	assert_int_equal(galley_to_utf8(ctx, "\xFE\xFF\0h\0i", 6, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(out.data, "hi");
	assert_string_equal(cs, "UTF-16BE");
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_sniffed(void **state)
{
	(void)state;
	S_roundtrip("EUC-KR", KO, NULL, "CP949");
	S_roundtrip("CP949", KO, NULL, "CP949");
	S_roundtrip("CP1252", FR, NULL, "WINDOWS-1252");
	S_roundtrip("CP1252", DE, NULL, "WINDOWS-1252");
	S_roundtrip("SHIFT_JIS", JA, NULL, "CP932");
	S_roundtrip("GB18030", ZH, NULL, "GB18030");
}

static void test_latin1(void **state)
{
	(void)state;
	/* Latin-1 text (no cp1252-only characters) reads the same as cp1252. */
	S_roundtrip("ISO-8859-1", DE, NULL, "WINDOWS-1252");
	S_roundtrip("ISO-8859-1", DE, "ISO-8859-1", "WINDOWS-1252");
}

static void test_hint(void **state)
{
	(void)state;
	S_roundtrip("EUC-KR", KO, "euc-kr", "CP949");
	S_roundtrip("SHIFT_JIS", JA, "Shift_JIS", "CP932");
	/* An unknown hint falls back to detection. */
	S_roundtrip("EUC-KR", KO, "x-no-such-charset", "CP949");
}

/* The policy both readers share: a BOM decides, valid UTF-8 beats a
 * lying label, a label the bytes contradict means detection. */
static void test_policy(void **state)
{
	(void)state;
	S_roundtrip("UTF-8", KO, "euc-kr", "UTF-8");      /* a page re-saved as UTF-8 */
	S_roundtrip("UTF-8", FR, "windows-1252", "UTF-8");
	S_roundtrip("EUC-KR", KO, "utf-8", "CP949");      /* says UTF-8, is not */
	S_roundtrip("UTF-16", KO, "euc-kr", NULL);        /* the BOM wins */
	S_roundtrip("ISO-8859-1", DE, "x-no-such", "WINDOWS-1252");
	/* An ASCII page keeps its label (it decodes the same either way),
	 * except a UTF-16 label, which ASCII bytes cannot be. */
	S_roundtrip("UTF-8", "plain words", "iso-8859-2", "iso-8859-2");
	S_roundtrip("UTF-8", "plain words", "utf-16", "UTF-8");
	S_roundtrip("UTF-8", "plain words", "unicode", "UTF-8");
	/* Every alias a page uses is decoded as browsers do. */
	S_roundtrip("CP949", KO, "ks_c_5601-1987", "CP949");
	S_roundtrip("CP949", KO, "korean", "CP949");
	S_roundtrip("SHIFT_JIS", JA, "ms_kanji", "CP932");
	S_roundtrip("GB18030", ZH, "gb_2312-80", "GB18030");
	S_roundtrip("ISO-8859-9", "Türkçe ve İstanbul", "iso-8859-9", "WINDOWS-1254");
	/* a label whose charset rejects many bytes is wrong: detection reads them */
	S_roundtrip("SHIFT_JIS", JA, "euc-kr", "CP932");
	S_roundtrip("EUC-KR", KO, "shift_jis", "CP949");
}

/* A page damaged in one place keeps its label: one U+FFFD, not another
 * charset's reading of everything. */
static void test_policy_damaged(void **state)
{
	(void)state;
	size_t len;
	char *ko = S_encode("EUC-KR", KO, &len);
	galley_buffer in = GALLEY_BUFFER_INIT, out = GALLEY_BUFFER_INIT;
	galley_buffer_append(&in, ko, len / 2 & ~(size_t)1);
	galley_buffer_putc(&in, 0xFF);
	galley_buffer_append(&in, ko + (len / 2 & ~(size_t)1), len - (len / 2 & ~(size_t)1));
	galley_context *ctx = galley_context_new();
	char cs[64];
	assert_int_equal(galley_to_utf8(ctx, in.data, in.len, "euc-kr", &out, cs, sizeof cs), 0);
	assert_string_equal(cs, "CP949");
	assert_int_equal(out.len, strlen(KO) + 3);
	assert_non_null(strstr(out.data, "\xEF\xBF\xBD"));
	galley_buffer_dispose(&in);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
	free(ko);
}

/* charset_out takes its size and is never written past it. */
static void test_charset_size(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	char cs[8] = "xxxxxxx";
	assert_int_equal(galley_to_utf8(ctx, "a\xE9t\xE9", 4, "latin1", &out, cs, 4), 0);
	assert_string_equal(cs, "WIN");
	assert_int_equal(cs[4], 'x');
	assert_string_equal(out.data, "a\xC3\xA9t\xC3\xA9");
	galley_buffer_clear(&out);
	assert_int_equal(galley_to_utf8(ctx, "abc", 3, NULL, &out, cs, 0), 0);
	assert_int_equal(cs[0], 'W');
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_binary(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	assert_int_equal(galley_to_utf8(ctx, png, sizeof png - 1, NULL, &out, NULL, 0), GALLEY_EINVAL);
	assert_non_null(strstr(galley_context_error(ctx), "binary"));
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_lossy(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	char cs[64];
	/* Declared UTF-8 by its BOM but broken: each bad byte becomes U+FFFD. */
	assert_int_equal(galley_to_utf8(ctx, "\xEF\xBB\xBF" "a\xFF" "b\xC3", 7, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(out.data, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	galley_buffer_clear(&out);
	/* A truncated UTF-16 code unit at the end. */
	assert_int_equal(galley_to_utf8(ctx, "\xFF\xFEh\0i", 5, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(out.data, "h\xEF\xBF\xBD");
	galley_buffer_clear(&out);
	/* Anything that is not UTF-8 still converts to valid UTF-8. */
	static const char junk[] = "\x80\x81\x82\xFE\xFF abc \x9D\x8D";
	assert_int_equal(galley_to_utf8(ctx, junk, sizeof junk - 1, NULL, &out, cs, sizeof cs), 0);
	assert_true(galley_utf8_valid(out.data, out.len));
	galley_buffer_clear(&out);
	/* UTF-8 with one stray byte stays UTF-8 (not mojibake), one U+FFFD. */
	galley_buffer in = GALLEY_BUFFER_INIT;
	galley_buffer_puts(&in, KO);
	galley_buffer_putc(&in, 0xFF);
	galley_buffer_puts(&in, KO);
	assert_int_equal(galley_to_utf8(ctx, in.data, in.len, NULL, &out, cs, sizeof cs), 0);
	assert_string_equal(cs, "UTF-8");
	assert_int_equal(out.len, 2 * strlen(KO) + 3);
	assert_non_null(strstr(out.data, "\xEF\xBF\xBD"));
	galley_buffer_dispose(&in);
	galley_buffer_clear(&out);
	assert_int_equal(galley_to_utf8(ctx, "", 0, NULL, &out, cs, sizeof cs), 0);
	assert_int_equal(out.len, 0);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_utf8_stays),
		cmocka_unit_test(test_boms),
		cmocka_unit_test(test_sniffed),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_hint),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_policy_damaged),
		cmocka_unit_test(test_charset_size),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_lossy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
