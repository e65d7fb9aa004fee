/* test_tree.c — node creation, fields, attributes, tree rules and edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "galley/galley.h"

static void test_can_contain(void **state)
{
	(void)state;
	assert_true(galley_node_can_contain(GALLEY_NODE_DOCUMENT, GALLEY_NODE_PARAGRAPH));
	assert_false(galley_node_can_contain(GALLEY_NODE_DOCUMENT, GALLEY_NODE_TEXT));
	assert_false(galley_node_can_contain(GALLEY_NODE_DOCUMENT, GALLEY_NODE_ITEM));
	assert_true(galley_node_can_contain(GALLEY_NODE_LIST, GALLEY_NODE_ITEM));
	assert_false(galley_node_can_contain(GALLEY_NODE_LIST, GALLEY_NODE_PARAGRAPH));
	assert_true(galley_node_can_contain(GALLEY_NODE_ITEM, GALLEY_NODE_LIST));
	assert_true(galley_node_can_contain(GALLEY_NODE_PARAGRAPH, GALLEY_NODE_EMPH));
	assert_false(galley_node_can_contain(GALLEY_NODE_PARAGRAPH, GALLEY_NODE_PARAGRAPH));
	assert_false(galley_node_can_contain(GALLEY_NODE_LINK, GALLEY_NODE_LINK));
	assert_true(galley_node_can_contain(GALLEY_NODE_TABLE, GALLEY_NODE_CAPTION));
	assert_true(galley_node_can_contain(GALLEY_NODE_TABLE, GALLEY_NODE_ROW));
	assert_false(galley_node_can_contain(GALLEY_NODE_TABLE, GALLEY_NODE_CELL));
	assert_true(galley_node_can_contain(GALLEY_NODE_ROW, GALLEY_NODE_CELL));
	assert_true(galley_node_can_contain(GALLEY_NODE_CELL, GALLEY_NODE_TABLE));
	assert_true(galley_node_can_contain(GALLEY_NODE_NOTE, GALLEY_NODE_PARAGRAPH));
	assert_true(galley_node_can_contain(GALLEY_NODE_PARAGRAPH, GALLEY_NODE_NOTE));
	assert_false(galley_node_can_contain(GALLEY_NODE_TEXT, GALLEY_NODE_TEXT));
	assert_false(galley_node_can_contain(GALLEY_NODE_BREAK, GALLEY_NODE_TEXT));
	assert_true(galley_node_can_contain(GALLEY_NODE_FIGURE, GALLEY_NODE_CAPTION));
	assert_false(galley_node_can_contain(GALLEY_NODE_FIGURE, GALLEY_NODE_PARAGRAPH));
}

/* The rule that needs the tree: no link under a link at any depth, for a
 * link and for a subtree holding one, on every kind of edit. */
static void test_link_in_link(void **state)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *outer = galley_node_new(GALLEY_NODE_LINK);
	galley_node *em = galley_node_new(GALLEY_NODE_EMPH);
	galley_node *strong = galley_node_new(GALLEY_NODE_STRONG);
	galley_node *inner = galley_node_new(GALLEY_NODE_LINK);
	galley_node *sub = galley_node_new(GALLEY_NODE_SUB);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	(void)state;

	assert_int_equal(galley_node_append_child(p, outer), 0);
	assert_int_equal(galley_node_append_child(outer, em), 0);
	assert_int_equal(galley_node_append_child(em, strong), 0);
	assert_int_equal(galley_node_append_child(strong, t), 0);
	/* link > emph > strong > link: refused by every edit */
	assert_false(galley_node_can_insert(strong, inner));
	assert_false(galley_node_can_insert(em, inner));
	assert_int_equal(galley_node_append_child(strong, inner), GALLEY_ETREE);
	assert_int_equal(galley_node_prepend_child(em, inner), GALLEY_ETREE);
	assert_int_equal(galley_node_insert_before(t, inner), GALLEY_ETREE);
	assert_int_equal(galley_node_insert_after(t, inner), GALLEY_ETREE);
	assert_null(galley_node_parent(inner));
	/* a subtree holding a link, moved under the link */
	assert_int_equal(galley_node_append_child(sub, inner), 0);
	assert_false(galley_node_can_insert(strong, sub));
	assert_int_equal(galley_node_append_child(strong, sub), GALLEY_ETREE);
	assert_null(galley_node_parent(sub));
	/* a link-free subtree moves from one link to another */
	galley_node *outer2 = galley_node_new(GALLEY_NODE_LINK);
	assert_int_equal(galley_node_append_child(p, outer2), 0);
	assert_int_equal(galley_node_append_child(outer2, em), 0);
	assert_ptr_equal(galley_node_parent(em), outer2);
	/* a link holding links may not go into a link either */
	assert_int_equal(galley_node_append_child(outer2, outer), GALLEY_ETREE);
	/* beside the link, or in a paragraph, the same nodes are fine */
	assert_true(galley_node_can_insert(p, sub));
	assert_int_equal(galley_node_append_child(p, sub), 0);
	galley_node_unlink(sub);
	galley_node_free(sub);
	/* the type rule still holds where no link is above */
	assert_true(galley_node_can_insert(strong, galley_node_first_child(strong)));
	assert_false(galley_node_can_insert(NULL, t));
	galley_node_free(p);
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(galley_node_type_name(GALLEY_NODE_PARAGRAPH), "paragraph");
	assert_string_equal(galley_node_type_name(GALLEY_NODE_CODE_BLOCK), "code");
	assert_string_equal(galley_node_type_name(GALLEY_NODE_LINEBREAK), "linebreak");
	assert_string_equal(galley_node_type_name((galley_node_type)999), "unknown");
	assert_true(galley_node_type_is_block(GALLEY_NODE_DIV));
	assert_false(galley_node_type_is_block(GALLEY_NODE_TEXT));
	assert_true(galley_node_type_is_inline(GALLEY_NODE_NOTE));
	assert_true(galley_node_type_is_leaf(GALLEY_NODE_IMAGE));
	assert_false(galley_node_type_is_leaf(GALLEY_NODE_LINK));
	assert_null(galley_node_new(GALLEY_NODE_NONE));
	assert_null(galley_node_new((galley_node_type)999));
}

static void test_fields(void **state)
{
	galley_node *h = galley_node_new(GALLEY_NODE_HEADING);
	galley_node *l = galley_node_new(GALLEY_NODE_LIST);
	galley_node *a = galley_node_new(GALLEY_NODE_LINK);
	galley_node *c = galley_node_new(GALLEY_NODE_CELL);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node *i = galley_node_new(GALLEY_NODE_IMAGE);
	(void)state;

	/* what the JSON form can carry */
	assert_int_equal(galley_node_set_list_start(l, 2147483647L), 0);
	assert_int_equal(galley_node_set_list_start(l, 2147483648L), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_list_start(l, -1), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_list_start(l, 1), 0);
	assert_int_equal(galley_node_get_level(h), 1);
	assert_int_equal(galley_node_set_level(h, 3), 0);
	assert_int_equal(galley_node_get_level(h), 3);
	assert_int_equal(galley_node_set_level(h, 7), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_level(h, 0), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_level(l, 2), GALLEY_EINVAL);

	assert_int_equal(galley_node_get_list_start(l), 1);
	assert_int_equal(galley_node_set_list_ordered(l, 5), 0);
	assert_int_equal(galley_node_get_list_ordered(l), 1);
	assert_int_equal(galley_node_set_list_start(l, 2024), 0);
	assert_int_equal(galley_node_get_list_start(l), 2024);

	assert_null(galley_node_get_url(a));
	assert_int_equal(galley_node_set_url(a, "https://example.org/a b"), 0);
	assert_string_equal(galley_node_get_url(a), "https://example.org/a b");
	assert_int_equal(galley_node_set_title(a, "T"), 0);
	assert_string_equal(galley_node_get_title(a), "T");
	assert_int_equal(galley_node_set_alt(a, "x"), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_url(t, "x"), GALLEY_EINVAL);

	assert_int_equal(galley_node_get_colspan(c), 1);
	assert_int_equal(galley_node_get_rowspan(c), 1);
	assert_int_equal(galley_node_set_colspan(c, 0), GALLEY_EINVAL);
	assert_int_equal(galley_node_set_colspan(c, 3), 0);
	assert_int_equal(galley_node_set_cell_header(c, 1), 0);
	assert_int_equal(galley_node_get_cell_header(c), 1);

	assert_string_equal(galley_node_get_text(t), "");
	assert_int_equal(galley_node_set_text(t, "abcdef", 3), 0);
	assert_string_equal(galley_node_get_text(t), "abc");
	/* control characters never reach the tree: CR/VT/FF become spaces, the
	 * rest (NUL, ESC, DEL, C1) go; tab and newline stay */
	assert_int_equal(galley_node_append_text(t, "\0z\x1b\x7f\r\t\n\xc2\x9b\xc2\xa0", 11), 0);
	assert_int_equal(galley_node_get_text_len(t), 9);
	assert_string_equal(galley_node_get_text(t), "abcz \t\n\xc2\xa0");
	assert_int_equal(galley_node_set_alt(i, "a\x1b]0;t\x07" "b"), 0);
	assert_string_equal(galley_node_get_alt(i), "a]0;tb");
	assert_int_equal(galley_node_set_url(i, "http://x/\x1b\xc2\x9b"), 0);
	assert_string_equal(galley_node_get_url(i), "http://x/%1B%C2%9B");
	assert_null(galley_node_get_text(h));

	galley_node_free(h);
	galley_node_free(l);
	galley_node_free(a);
	galley_node_free(c);
	galley_node_free(t);
	galley_node_free(i);
}

static void test_attrs(void **state)
{
	galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
	(void)state;
	assert_false(galley_node_has_attr(p));
	assert_int_equal(galley_node_set_id(p, "p1"), 0);
	assert_int_equal(galley_node_add_class(p, "lead"), 0);
	assert_int_equal(galley_node_add_class(p, "big"), 0);
	assert_int_equal(galley_node_kv_set(p, "lang", "ko"), 0);
	assert_int_equal(galley_node_kv_set(p, "n", "1"), 0);
	assert_int_equal(galley_node_kv_set(p, "lang", "en"), 0);
	assert_true(galley_node_has_attr(p));
	assert_string_equal(galley_node_get_id(p), "p1");
	assert_int_equal(galley_node_class_count(p), 2);
	assert_string_equal(galley_node_class_at(p, 1), "big");
	assert_null(galley_node_class_at(p, 2));
	assert_int_equal(galley_node_kv_count(p), 2);
	assert_string_equal(galley_node_kv_key(p, 0), "lang");
	assert_string_equal(galley_node_kv_value(p, 0), "en");
	assert_string_equal(galley_node_kv_get(p, "n"), "1");
	assert_null(galley_node_kv_get(p, "zz"));
	galley_node_free(p);
}

static void test_edits(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *p1 = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *p2 = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *p0 = galley_node_new(GALLEY_NODE_PARAGRAPH);
	galley_node *h = galley_node_new(GALLEY_NODE_HEADING);
	galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
	galley_node *item = galley_node_new(GALLEY_NODE_ITEM);
	(void)state;

	assert_int_equal(galley_node_append_child(doc, t), GALLEY_ETREE);
	assert_int_equal(galley_node_append_child(doc, item), GALLEY_ETREE);
	assert_int_equal(galley_node_append_child(doc, p1), 0);
	assert_int_equal(galley_node_append_child(doc, p2), 0);
	assert_int_equal(galley_node_prepend_child(doc, p0), 0);
	assert_int_equal(galley_node_insert_after(p1, h), 0);
	assert_int_equal(galley_node_child_count(doc), 4);
	assert_ptr_equal(galley_node_first_child(doc), p0);
	assert_ptr_equal(galley_node_next(p1), h);
	assert_ptr_equal(galley_node_previous(p2), h);
	assert_ptr_equal(galley_node_last_child(doc), p2);
	assert_ptr_equal(galley_node_parent(h), doc);
	/* no cycles */
	assert_int_equal(galley_node_append_child(p1, p1), GALLEY_ETREE);
	/* a document never becomes a child */
	assert_int_equal(galley_node_append_child(p1, t), 0);
	galley_node_unlink(h);
	assert_null(galley_node_parent(h));
	assert_ptr_equal(galley_node_next(p1), p2);
	assert_int_equal(galley_node_insert_before(p0, h), 0);
	assert_ptr_equal(galley_node_first_child(doc), h);
	/* moving a node re-parents it */
	assert_int_equal(galley_node_append_child(p2, t), 0);
	assert_null(galley_node_first_child(p1));
	assert_ptr_equal(galley_node_parent(t), p2);
	galley_node_free(p2); /* frees t, unlinks */
	assert_ptr_equal(galley_node_last_child(doc), p1);
	galley_node_free(item);
	galley_node_free(doc);
}

static void test_copy_and_deep_free(void **state)
{
	galley_node *doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	galley_node *cur = doc, *copy;
	galley_buffer a = GALLEY_BUFFER_INIT, b = GALLEY_BUFFER_INIT;
	int i;
	(void)state;
	galley_meta_set(galley_document_meta(doc), "title", "T");
	galley_meta_add(galley_document_meta(doc), "authors", "A");
	/* 100000 nested quotes: free and copy must not recurse */
	for (i = 0; i < 100000; i++) {
		galley_node *q = galley_node_new(GALLEY_NODE_QUOTE);
		assert_int_equal(galley_node_append_child(cur, q), 0);
		cur = q;
	}
	{
		galley_node *p = galley_node_new(GALLEY_NODE_PARAGRAPH);
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		galley_node_set_text(t, "deep", 4);
		galley_node_append_child(p, t);
		galley_node_append_child(cur, p);
	}
	copy = galley_node_copy(doc);
	assert_non_null(copy);
	assert_string_equal(galley_meta_get(galley_document_meta(copy), "title"), "T");
	assert_string_equal(galley_meta_get(galley_document_meta(copy), "authors"), "A");
	galley_node_text_content(doc, &a);
	galley_node_text_content(copy, &b);
	assert_string_equal(a.data, "deep");
	assert_string_equal(b.data, "deep");
	galley_buffer_dispose(&a);
	galley_buffer_dispose(&b);
	galley_node_free(copy);
	galley_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_can_contain),
		cmocka_unit_test(test_link_in_link),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_attrs),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_copy_and_deep_free),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
