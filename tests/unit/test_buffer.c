/* test_buffer.c — the growable buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_buffer)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
