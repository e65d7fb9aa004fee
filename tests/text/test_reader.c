/* test_reader.c — the text reader on awkward input: the probe, binary
 * data (a clear error), invalid UTF-8 (read with U+FFFD), empty and
 * whitespace-only text, and every prefix of a release (never a crash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text_read.h"

static int S_read(galley_context *ctx, const char *data, size_t len, galley_node **doc)
{
	galley_builder *b = galley_builder_new(ctx);
	assert_non_null(b);
	int rc = text_read(ctx, b, data, len, NULL);
	*doc = NULL;
	if (rc == 0)
		assert_int_equal(galley_builder_finish(b, doc), 0);
	galley_builder_free(b);
	return rc;
}

static void test_probe(void **state)
{
	(void)state;
	assert_int_equal(text_probe("Hello, world.\n", 14), 10);
	assert_true(text_probe("<!DOCTYPE html><html>", 21) < 10);
	assert_true(text_probe("{\"galley-ir\": 1}", 16) < 10);
	assert_int_equal(text_probe("\x89PNG\r\n\x1a\n\0\0", 10), 0);
	assert_int_equal(text_probe("\xFF\xFEh\0i\0", 6), 10);
	assert_int_equal(text_probe("", 0), 10);
}

static void test_binary(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_node *doc;
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
	assert_int_equal(S_read(ctx, elf, sizeof elf - 1, &doc), GALLEY_EINVAL);
	assert_string_equal(galley_context_error(ctx), "binary data, not text");
	galley_context_free(ctx);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_node *doc;
	/* Mostly UTF-8 with one stray byte: sniffed, converted, valid UTF-8 out. */
	static const char text[] = "Title line\n\nFirst paragraph with a bad byte \xFF here.\n\nSecond \xC3\x28 one.\n";
	assert_int_equal(S_read(ctx, text, sizeof text - 1, &doc), 0);
	galley_buffer b = GALLEY_BUFFER_INIT;
	galley_node_text_content(doc, &b);
	assert_true(galley_utf8_valid(b.data, b.len));
	assert_non_null(strstr(b.data, "here."));
	galley_buffer_dispose(&b);
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* The reader's charset option is a label like a page's: the core's
 * policy decides what it is worth (valid UTF-8 beats it, a BOM beats it,
 * a label the bytes contradict means detection). */
static void S_policy(const char *label, const char *data, size_t len, const char *needle)
{
	galley_context *ctx = galley_context_new();
	galley_node *doc;
	if (label)
		assert_int_equal(galley_context_set_option(ctx, "charset", label), 0);
	assert_int_equal(S_read(ctx, data, len, &doc), 0);
	galley_buffer b = GALLEY_BUFFER_INIT;
	galley_node_text_content(doc, &b);
	if (!strstr(b.data, needle))
		fail_msg("label %s: \"%s\" not in \"%s\"", label ? label : "-", needle, b.data);
	galley_buffer_dispose(&b);
	galley_node_free(doc);
	galley_context_free(ctx);
}

static void test_charset_policy(void **state)
{
	(void)state;
	static const char utf8[] = "Title\n\nLe ministre a reçu à Genève son homologue.\n";
	static const char latin1[] = "Title\n\nLe ministre a re\xE7u \xE0 Gen\xE8ve son homologue.\n";
	static const char euckr[] = "Title\n\n\xC7\xD1\xB9\xDD\xB5\xB5 \xC6\xF2\xC8\xAD \xC7\xD1\xB9\xDD\xB5\xB5 \xC6\xF2\xC8\xAD\n";
	static const char bom16[] = "\xFF\xFET\0i\0\n\0\n\0\xE7\0a\0\n\0";
	S_policy(NULL, utf8, sizeof utf8 - 1, "reçu à Genève");
	S_policy("iso-8859-1", utf8, sizeof utf8 - 1, "reçu à Genève"); /* valid UTF-8 beats it */
	S_policy("iso-8859-1", latin1, sizeof latin1 - 1, "reçu à Genève");
	S_policy("utf-8", latin1, sizeof latin1 - 1, "reçu à Genève");  /* not UTF-8: detected */
	S_policy("euc-kr", euckr, sizeof euckr - 1, "한반도 평화");
	S_policy("windows-1252", bom16, sizeof bom16 - 1, "ça");          /* the BOM decides */
}

static void test_empty(void **state)
{
	(void)state;
	static const char *const inputs[] = {"", "\n", "   \n\t\n \r\n", "\xEF\xBB\xBF", "x", "1. ", "□", "Date\n", NULL};
	for (size_t i = 0; inputs[i]; i++) {
		galley_context *ctx = galley_context_new();
		galley_node *doc;
		assert_int_equal(S_read(ctx, inputs[i], strlen(inputs[i]), &doc), 0);
		assert_non_null(doc);
		galley_node_free(doc);
		galley_context_free(ctx);
	}
}

/* One line of plain text is a paragraph, not a title. */
static void test_single_line(void **state)
{
	(void)state;
	galley_context *ctx = galley_context_new();
	galley_node *doc;
	assert_int_equal(S_read(ctx, "Just one line.\n", 15, &doc), 0);
	assert_null(galley_meta_get(galley_document_meta(doc), "title"));
	assert_int_equal(galley_node_child_count(doc), 1);
	galley_node_free(doc);
	galley_context_free(ctx);
}

/* Every prefix of a real release reads without error or crash (and,
 * under ASan, without a leak or an out-of-bounds read). */
static void test_prefixes(void **state)
{
	(void)state;
	FILE *f = fopen(FIXTURES "/mofa-2024-01-18-consultation.txt", "rb");
	assert_non_null(f);
	char buf[8192];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	for (size_t n = 0; n <= len; n += (n < 400 ? 1 : 37)) {
		char *copy = malloc(n ? n : 1); /* exact size, so ASan sees overreads */
		memcpy(copy, buf, n);
		galley_context *ctx = galley_context_new();
		galley_node *doc;
		int rc = S_read(ctx, copy, n, &doc);
		/* A prefix may cut a UTF-8 sequence: still fine (lossy). */
		assert_int_equal(rc, 0);
		galley_node_free(doc);
		galley_context_free(ctx);
		free(copy);
	}
}

/* Pseudo-random text built from pieces the reader reacts to (markers,
 * numbers, labels, dates, CJK, broken UTF-8): always 0 or a clean EINVAL. */
static void test_random(void **state)
{
	(void)state;
	static const char *const pieces[] = {"1. ", "2. ", "° ", "o ", "- ", "ㅇ ", "□ ", "※ ", "* ", "\n", "\n\n",
		"\r\n", "Date", "hit", "191", "2024-01-18", "평화", "平成27年3月10日", "Contact: ", "###", "끝.", "\xFF",
		"\xE3\x80", "Spokesperson", "Press Releases", "(5.25.)", "===", "# ", "[", "】", " ", "\t", "word",
		"Brussels, 10 July 2018", "\xEF\xBB\xBF", "１．", "Home > Press", NULL};
	size_t np = 0;
	while (pieces[np])
		np++;
	unsigned long long seed = 88172645463325252ull;
	for (int round = 0; round < 2000; round++) {
		galley_buffer in = GALLEY_BUFFER_INIT;
		int n = (int)(seed % 200);
		for (int i = 0; i < n; i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			galley_buffer_puts(&in, pieces[seed % np]);
		}
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		galley_context *ctx = galley_context_new();
		galley_node *doc;
		int rc = S_read(ctx, in.data ? in.data : "", in.len, &doc);
		if (rc != 0 && rc != GALLEY_EINVAL)
			fail_msg("round %d: %d %s", round, rc, galley_context_error(ctx));
		galley_node_free(doc);
		galley_context_free(ctx);
		galley_buffer_dispose(&in);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_charset_policy),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_single_line),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
