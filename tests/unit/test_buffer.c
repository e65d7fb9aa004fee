/* test_buffer.c — the growable buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "galley/plugin.h"

static void test_buffer(void **state)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	char *p;
	size_t len;
	int i;
	(void)state;
	assert_int_equal(galley_buffer_puts(&b, "abc"), 0);
	assert_int_equal(galley_buffer_putc(&b, 'd'), 0);
	assert_int_equal(galley_buffer_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.data, "abcd42-x");
	assert_int_equal(b.len, 8);
	galley_buffer_truncate(&b, 2);
	assert_string_equal(b.data, "ab");
	galley_buffer_truncate(&b, 10);
	assert_int_equal(b.len, 2);
	for (i = 0; i < 100000; i++)
		galley_buffer_append(&b, "0123456789", 10);
	assert_int_equal(b.len, 1000002);
	galley_buffer_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	galley_buffer_append(&b, "\0x", 2);
	p = galley_buffer_detach(&b, &len);
	assert_int_equal(len, 2);
	assert_int_equal(p[1], 'x');
	assert_null(b.data);
	free(p);
	p = galley_buffer_detach(&b, &len);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	free(p);
	galley_buffer_dispose(&b);
}

/* The inline append and the splice give what galley_buffer_append gives. */
static void test_buffer_fast_and_splice(void **state)
{
	galley_buffer a = GALLEY_BUFFER_INIT, b = GALLEY_BUFFER_INIT;
	(void)state;
	assert_int_equal(galley_buffer_append_fast(&b, "", 0), 0);
	for (int i = 0; i < 5000; i++) {
		char c = (char)('a' + i % 26);
		assert_int_equal(galley_buffer_append_fast(&b, &c, 1), 0);
		assert_int_equal(galley_buffer_append_fast(&b, "xyz", (size_t)(i % 4)), 0);
		galley_buffer_putc(&a, c);
		galley_buffer_append(&a, "xyz", (size_t)(i % 4));
		assert_true(b.len < b.cap);
	}
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len + 1);
	galley_buffer_dispose(&a);
	galley_buffer_clear(&b);
	galley_buffer_puts(&b, "one *two* three");
	assert_int_equal(galley_buffer_splice(&b, 4, 1, "<em>", 4), 0);
	assert_string_equal(b.data, "one <em>two* three");
	assert_int_equal(galley_buffer_splice(&b, 11, 1, "", 0), 0);
	assert_string_equal(b.data, "one <em>two three");
	assert_int_equal(galley_buffer_splice(&b, 0, 0, ">", 1), 0);
	assert_int_equal(galley_buffer_splice(&b, b.len, 0, "<", 1), 0);
	assert_string_equal(b.data, ">one <em>two three<");
	galley_buffer_dispose(&b);
	assert_int_equal(galley_buffer_splice(&b, 0, 0, "", 0), 0);
	assert_int_equal(galley_buffer_splice(&b, 0, 0, "ab", 2), 0);
	assert_string_equal(b.data, "ab");
	galley_buffer_dispose(&b);
}

static void test_utf8_decode(void **state)
{
	unsigned long cp = 0;
	(void)state;
	assert_int_equal(galley_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(galley_utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(galley_utf8_decode("\xED\x95\x9C", 3, &cp), 3); /* 한 */
	assert_int_equal(cp, 0xD55C);
	assert_int_equal(galley_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(galley_utf8_decode("\xC0\x80", 2, NULL), 0);         /* overlong */
	assert_int_equal(galley_utf8_decode("\xE0\x80\x80", 3, NULL), 0);     /* overlong */
	assert_int_equal(galley_utf8_decode("\xED\xA0\x80", 3, NULL), 0);     /* surrogate */
	assert_int_equal(galley_utf8_decode("\xF4\x90\x80\x80", 4, NULL), 0); /* past U+10FFFF */
	assert_int_equal(galley_utf8_decode("\xE2\x82", 2, NULL), 0);         /* truncated */
	assert_int_equal(galley_utf8_decode("\x80", 1, NULL), 0);
	assert_int_equal(galley_utf8_decode("", 0, NULL), 0);
	assert_true(galley_utf8_valid("ok \xED\x95\x9C", 6));
	assert_false(galley_utf8_valid("ok \xED\x95", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_buffer),
		cmocka_unit_test(test_buffer_fast_and_splice), cmocka_unit_test(test_utf8_decode)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
