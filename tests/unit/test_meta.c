/* test_meta.c — known keys, lists, hits, free keys and their order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "galley/galley.h"

static void test_known_and_order(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *m = galley_document_meta(doc);
	(void)state;
	assert_true(galley_meta_is_empty(m));
	assert_int_equal(galley_meta_set(m, "zeta", "free 1"), 0);
	assert_int_equal(galley_meta_set(m, "place", "Seoul"), 0);
	assert_int_equal(galley_meta_set(m, "title", "보도자료"), 0);
	assert_int_equal(galley_meta_set(m, "alpha", "free 2"), 0);
	assert_int_equal(galley_meta_set(m, "date", "2024-01-18"), 0);
	assert_int_equal(galley_meta_key_count(m), 5);
	assert_string_equal(galley_meta_key_at(m, 0), "title");
	assert_string_equal(galley_meta_key_at(m, 1), "date");
	assert_string_equal(galley_meta_key_at(m, 2), "place");
	assert_string_equal(galley_meta_key_at(m, 3), "zeta");
	assert_string_equal(galley_meta_key_at(m, 4), "alpha");
	assert_null(galley_meta_key_at(m, 5));
	assert_string_equal(galley_meta_get(m, "title"), "보도자료");
	/* replace and remove */
	assert_int_equal(galley_meta_set(m, "title", "New"), 0);
	assert_string_equal(galley_meta_get(m, "title"), "New");
	assert_int_equal(galley_meta_set(m, "zeta", NULL), 0);
	assert_null(galley_meta_get(m, "zeta"));
	assert_int_equal(galley_meta_key_count(m), 4);
	assert_int_equal(galley_meta_set(m, "nothing", NULL), 0);
	assert_int_equal(galley_meta_set(m, "", "x"), GALLEY_EINVAL);
	assert_true(galley_meta_key_is_known("issuer"));
	assert_false(galley_meta_key_is_known("zeta"));
	galley_node_free(doc);
}

static void test_lists(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *m = galley_document_meta(doc);
	(void)state;
	assert_int_equal(galley_meta_add(m, "authors", "A"), 0);
	assert_int_equal(galley_meta_add(m, "authors", "B"), 0);
	assert_int_equal(galley_meta_add(m, "title", "x"), GALLEY_EINVAL);
	assert_int_equal(galley_meta_count(m, "authors"), 2);
	assert_string_equal(galley_meta_get_nth(m, "authors", 1), "B");
	assert_string_equal(galley_meta_get(m, "authors"), "A");
	assert_int_equal(galley_meta_set(m, "authors", "C"), 0);
	assert_int_equal(galley_meta_count(m, "authors"), 1);
	assert_true(galley_meta_key_is_list("keywords"));
	assert_false(galley_meta_key_is_list("title"));
	galley_node_free(doc);
}

static void test_hits(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *m = galley_document_meta(doc);
	(void)state;
	assert_int_equal(galley_meta_get_hits(m), -1);
	assert_int_equal(galley_meta_set(m, "hits", "191"), 0);
	assert_int_equal(galley_meta_get_hits(m), 191);
	assert_string_equal(galley_meta_get(m, "hits"), "191");
	assert_int_equal(galley_meta_set(m, "hits", "many"), GALLEY_EINVAL);
	assert_int_equal(galley_meta_set(m, "hits", "-3"), GALLEY_EINVAL);
	assert_int_equal(galley_meta_set(m, "hits", "12x"), GALLEY_EINVAL);
	assert_int_equal(galley_meta_set(m, "hits", "99999999999999999999999"), GALLEY_EINVAL);
	assert_int_equal(galley_meta_get_hits(m), 191);
	assert_int_equal(galley_meta_set_hits(m, 5), 0);
	assert_string_equal(galley_meta_get(m, "hits"), "5");
	assert_int_equal(galley_meta_set_hits(m, -1), 0);
	assert_null(galley_meta_get(m, "hits"));
	galley_node_free(doc);
}

static void test_language_casing(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_meta *m = galley_document_meta(doc);
	(void)state;
	galley_meta_set(m, "language", "en-us");
	assert_string_equal(galley_meta_get(m, "language"), "en-US");
	galley_meta_set(m, "language", "KO_kr");
	assert_string_equal(galley_meta_get(m, "language"), "ko-KR");
	galley_meta_set(m, "language", "zh-hant-tw");
	assert_string_equal(galley_meta_get(m, "language"), "zh-Hant-TW");
	galley_meta_set(m, "language", " en_GB\n");
	assert_string_equal(galley_meta_get(m, "language"), "en-GB");
	galley_meta_set(m, "language", "de");
	assert_string_equal(galley_meta_get(m, "language"), "de");
	galley_meta_set(m, "language", "es-419");
	assert_string_equal(galley_meta_get(m, "language"), "es-419");
	galley_node_free(doc);
}

static void test_not_a_document(void **state)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	(void)state;
	assert_null(galley_document_meta(p));
	assert_null(galley_meta_get(NULL, "title"));
	assert_int_equal(galley_meta_key_count(NULL), 0);
	galley_node_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_and_order),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_hits),
		cmocka_unit_test(test_language_casing),
		cmocka_unit_test(test_not_a_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
