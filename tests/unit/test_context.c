/* test_context.c — errors, options, verbosity, the allocator hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
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

struct counts {
	int calloc, realloc, free; /* realloc counts only new blocks (ptr NULL) */
};

static void *S_calloc(size_t n, size_t m, void *payload)
{
	((struct counts *)payload)->calloc++;
	return calloc(n, m);
}

static void *S_realloc(void *p, size_t n, void *payload)
{
	if (!p)
		((struct counts *)payload)->realloc++;
	return realloc(p, n);
}

static void S_free(void *p, void *payload)
{
	((struct counts *)payload)->free++;
	free(p);
}

/* Everything the core allocates goes through the hook, and back to the C
 * library's allocator with NULL. */
static void test_allocator(void **state)
{
	struct counts c = {0, 0, 0};
	galley_allocator a = {S_calloc, S_realloc, S_free, &c};
	galley_allocator missing = {S_calloc, NULL, S_free, &c};
	(void)state;
	assert_int_equal(galley_set_allocator(&missing), GALLEY_EUSAGE);
	assert_int_equal(galley_set_allocator(&a), 0);
	galley_context *ctx = galley_context_new();
	assert_non_null(ctx);
	assert_int_equal(galley_context_set_option(ctx, "wrap", "72"), 0);
	char *s = galley_strndup("abcdef", 3);
	assert_string_equal(s, "abc");
	galley_free(s);
	assert_null(galley_calloc(SIZE_MAX / 2, 4)); /* overflow: refused, not wrapped */
	galley_context_free(ctx);
	assert_true(c.calloc + c.realloc >= 3);
	assert_int_equal(c.free, c.calloc + c.realloc); /* every block given back */
	assert_int_equal(galley_set_allocator(NULL), 0);
	int before = c.realloc;
	galley_free(galley_malloc(8));
	assert_int_equal(c.realloc, before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_allocator),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
