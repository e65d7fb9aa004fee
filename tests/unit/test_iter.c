/* test_iter.c — ENTER/EXIT order, leaves entered once, reset to skip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "galley/galley.h"

static galley_node *S_sample(void)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc;
	galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
	galley_builder_text(b, "a", 1);
	galley_builder_enter(b, GALLEY_NODE_STRONG);
	galley_builder_text(b, "b", 1);
	galley_builder_leave(b);
	galley_builder_leaf(b, GALLEY_NODE_LINEBREAK, NULL);
	galley_builder_leave(b);
	galley_builder_enter(b, GALLEY_NODE_DIV); /* empty container */
	galley_builder_leave(b);
	galley_builder_leaf(b, GALLEY_NODE_BREAK, NULL);
	galley_builder_finish(b, &doc);
	galley_builder_free(b);
	galley_context_free(ctx);
	return doc;
}

static void S_trace(galley_iter *it, char *out)
{
	galley_event_type ev;
	out[0] = '\0';
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		strcat(out, ev == GALLEY_EVENT_ENTER ? "+" : "-");
		strcat(out, galley_node_type_name(galley_node_get_type(galley_iter_get_node(it))));
		strcat(out, " ");
	}
}

static void test_order(void **state)
{
	galley_node *doc = S_sample();
	galley_iter *it = galley_iter_new(doc);
	char out[512];
	(void)state;
	S_trace(it, out);
	assert_string_equal(out, "+document +paragraph +text +strong +text -strong +linebreak -paragraph "
				 "+div -div +break -document ");
	assert_int_equal(galley_iter_next(it), GALLEY_EVENT_DONE);
	galley_iter_free(it);
	galley_node_free(doc);
}

static void test_subtree_and_reset(void **state)
{
	galley_node *doc = S_sample();
	galley_node *para = galley_node_first_child(doc);
	galley_iter *it = galley_iter_new(para);
	galley_event_type ev;
	char out[512];
	(void)state;
	S_trace(it, out);
	assert_string_equal(out, "+paragraph +text +strong +text -strong +linebreak -paragraph ");
	galley_iter_free(it);

	/* skipping a subtree by resetting to its EXIT */
	it = galley_iter_new(doc);
	out[0] = '\0';
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_PARAGRAPH)
			galley_iter_reset(it, n, GALLEY_EVENT_EXIT);
		strcat(out, galley_node_type_name(galley_node_get_type(n)));
		strcat(out, " ");
	}
	assert_string_equal(out, "document paragraph div div break document ");
	galley_iter_free(it);
	galley_node_free(doc);
}

static void test_leaf_root(void **state)
{
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_iter *it = galley_iter_new(t);
	(void)state;
	assert_int_equal(galley_iter_next(it), GALLEY_EVENT_ENTER);
	assert_int_equal(galley_iter_next(it), GALLEY_EVENT_DONE);
	assert_null(galley_iter_new(NULL));
	galley_iter_free(it);
	galley_node_free(t);
}

static void test_text_content(void **state)
{
	galley_node *doc = S_sample();
	galley_buffer b = GALLEY_BUFFER_INIT;
	(void)state;
	galley_node_text_content(doc, &b);
	assert_string_equal(b.data, "ab ");
	galley_buffer_dispose(&b);
	galley_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_subtree_and_reset),
		cmocka_unit_test(test_leaf_root),
		cmocka_unit_test(test_text_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
