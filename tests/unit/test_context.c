/* test_context.c — errors, options, verbosity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "galley/galley.h"

static void test_errors(void **state)
{
	galley_context *ctx = galley_context_new();
	(void)state;
	assert_string_equal(galley_context_error(ctx), "");
	assert_int_equal(galley_error(ctx, GALLEY_EINVAL, "bad %s at %d", "thing", 3), GALLEY_EINVAL);
	assert_string_equal(galley_context_error(ctx), "bad thing at 3");
	assert_int_equal(galley_context_error_code(ctx), GALLEY_EINVAL);
	galley_error_clear(ctx);
	assert_int_equal(galley_context_error_code(ctx), 0);
	assert_string_equal(galley_version(), GALLEY_VERSION_STRING);
	galley_context_set_input_name(ctx, "a.txt");
	assert_string_equal(galley_context_input_name(ctx), "a.txt");
	galley_context_free(ctx);
}

static void test_options(void **state)
{
	galley_context *ctx = galley_context_new();
	(void)state;
	assert_null(galley_context_option(ctx, "wrap"));
	assert_int_equal(galley_context_set_option(ctx, "wrap", "72"), 0);
	assert_int_equal(galley_context_set_option(ctx, "front-matter", "false"), 0);
	assert_int_equal(galley_context_set_option(ctx, "wrap", "none"), 0);
	assert_string_equal(galley_context_option(ctx, "wrap"), "none");
	assert_int_equal(galley_context_option_bool(ctx, "front-matter", 1), 0);
	assert_int_equal(galley_context_option_bool(ctx, "missing", 1), 1);
	assert_int_equal(galley_context_option_bool(ctx, "wrap", 1), 1); /* not a boolean: default */
	galley_context_set_verbosity(ctx, 2);
	assert_int_equal(galley_context_verbosity(ctx), 2);
	galley_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
