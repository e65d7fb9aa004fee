/* test_builder.c — building trees the way readers do, including the
 * implicit paragraph and the errors for misplaced nodes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "galley/galley.h"

static char *S_dump(galley_node *doc)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	galley_node_dump(doc, &b);
	return galley_buffer_detach(&b, NULL);
}

static void test_simple(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc;
	char *d;
	(void)state;

	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_HEADING), 0);
	assert_int_equal(galley_builder_set_level(b, 2), 0);
	assert_int_equal(galley_builder_text(b, "Title", 5), 0);
	assert_int_equal(galley_builder_leave(b), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LIST), 0);
	assert_int_equal(galley_builder_set_list(b, 1, 3), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_ITEM), 0);
	assert_int_equal(galley_builder_text(b, "one ", 4), 0); /* implicit paragraph */
	assert_int_equal(galley_builder_text(b, "two", 3), 0);  /* merged */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_EMPH), 0);
	assert_int_equal(galley_builder_text(b, "e", 1), 0);
	assert_int_equal(galley_builder_leave(b), 0);
	assert_int_equal(galley_builder_leave(b), 0); /* closes implicit paragraph and item */
	assert_int_equal(galley_builder_leave(b), 0); /* list */
	assert_int_equal(galley_builder_leaf(b, GALLEY_NODE_BREAK, NULL), 0);
	assert_int_equal(galley_builder_code_block(b, "x = 1\n", 6, "python"), 0);
	galley_meta_set(galley_builder_meta(b), "title", "T");
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	d = S_dump(doc);
	assert_string_equal(d,
		"document\n  meta title=\"T\"\n"
		"  heading level=2\n    text \"Title\"\n"
		"  list ordered=1 start=3\n    item\n      paragraph\n        text \"one two\"\n"
		"        emph\n          text \"e\"\n"
		"  break\n"
		"  code_block lang=\"python\" \"x = 1\\n\"\n");
	free(d);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

static void test_implicit_closed_by_block(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc, *first;
	(void)state;
	galley_builder_text(b, "a", 1);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_QUOTE), 0);
	galley_builder_text(b, "b", 1);
	assert_int_equal(galley_builder_leave(b), 0);
	galley_builder_text(b, "c", 1);
	galley_builder_finish(b, &doc);
	assert_int_equal(galley_node_child_count(doc), 3);
	first = galley_node_first_child(doc);
	assert_int_equal(galley_node_get_type(first), GALLEY_NODE_PARAGRAPH);
	assert_int_equal(galley_node_get_type(galley_node_next(first)), GALLEY_NODE_QUOTE);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

static void test_errors(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	(void)state;
	/* an item directly in the document */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_ITEM), GALLEY_ETREE);
	assert_string_equal(galley_context_error(ctx), "a item may not go in a document");
	/* a paragraph inside a paragraph */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_PARAGRAPH), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LINK), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_PARAGRAPH), GALLEY_ETREE);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LINK), GALLEY_ETREE);
	/* ... at any depth: link > emph > strong > link */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_EMPH), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_STRONG), 0);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LINK), GALLEY_ETREE);
	assert_string_equal(galley_context_error(ctx), "a link may not go in a link");
	galley_node *sub = galley_node_new(GALLEY_NODE_SUB), *l = galley_node_new(GALLEY_NODE_LINK);
	assert_int_equal(galley_node_append_child(sub, l), 0);
	assert_int_equal(galley_builder_append(b, sub), GALLEY_ETREE); /* a subtree holding one */
	assert_string_equal(galley_context_error(ctx), "a link may not go in a link");
	galley_node_free(sub);
	assert_int_equal(galley_builder_leave_to(b, GALLEY_NODE_LINK), 0);
	/* after the link, links are welcome again */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LINK), 0);
	assert_int_equal(galley_builder_leave(b), 0);
	assert_int_equal(galley_builder_leave(b), 0);
	assert_int_equal(galley_builder_leave(b), GALLEY_ETREE); /* nothing open */
	/* fields that do not belong */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_QUOTE), 0);
	assert_int_equal(galley_builder_set_level(b, 2), GALLEY_EUSAGE);
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_TEXT), GALLEY_EUSAGE);
	assert_int_equal(galley_builder_leaf(b, GALLEY_NODE_PARAGRAPH, NULL), GALLEY_EUSAGE);
	/* list items only in lists */
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_LIST), 0);
	assert_int_equal(galley_builder_text(b, "x", 1), GALLEY_ETREE);
	galley_builder_free(b); /* unfinished: frees the tree */
	galley_context_free(ctx);
}

static void test_leave_to(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc;
	(void)state;
	galley_builder_enter(b, GALLEY_NODE_TABLE);
	galley_builder_enter(b, GALLEY_NODE_ROW);
	galley_builder_enter(b, GALLEY_NODE_CELL);
	assert_int_equal(galley_builder_set_cell(b, 1, 2, 1), 0);
	galley_builder_text(b, "h", 1);
	galley_builder_enter(b, GALLEY_NODE_STRONG);
	assert_int_equal(galley_builder_leave_to(b, GALLEY_NODE_TABLE), 0);
	assert_int_equal(galley_node_get_type(galley_builder_current(b)), GALLEY_NODE_DOCUMENT);
	assert_int_equal(galley_builder_leave_to(b, GALLEY_NODE_TABLE), GALLEY_ETREE);
	galley_builder_text(b, "after", 5);
	galley_builder_finish(b, &doc);
	assert_int_equal(galley_node_child_count(doc), 2);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

static void test_large_text_linear(void **state)
{
	/* 1,000,000 single-byte appends merge into one node; quadratic copying
	 * would make this take minutes. */
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc;
	int i;
	(void)state;
	for (i = 0; i < 1000000; i++)
		assert_int_equal(galley_builder_text(b, "x", 1), 0);
	galley_builder_finish(b, &doc);
	assert_int_equal(galley_node_get_text_len(galley_node_first_child(galley_node_first_child(doc))), 1000000);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

static void test_append_subtree(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc, *img = galley_node_new(GALLEY_NODE_IMAGE), *item = galley_node_new(GALLEY_NODE_ITEM);
	(void)state;
	assert_int_equal(galley_builder_append(b, img), 0); /* inline: implicit paragraph */
	assert_int_equal(galley_builder_append(b, item), GALLEY_ETREE);
	galley_node_free(item);
	assert_int_equal(galley_builder_image(b, "a.png", "A"), 0);
	galley_builder_finish(b, &doc);
	assert_int_equal(galley_node_child_count(doc), 1);
	assert_int_equal(galley_node_child_count(galley_node_first_child(doc)), 2);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_implicit_closed_by_block),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_leave_to),
		cmocka_unit_test(test_large_text_linear),
		cmocka_unit_test(test_append_subtree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
