/* text_facts.c — checks what the text reader recovers from a fixture
 * against the facts its .expected.json states (metadata, the numbered
 * paragraphs, what must not be in the body, the block shape and texts).
 *
 *   text-facts EXPECTED.json INPUT.txt          read INPUT with the text reader (linked in)
 *   text-facts --json EXPECTED.json OUT.json     check galley's JSON output (read with the
 *                                                json plugin from PLUGIN_DIR), end to end
 * Exit 77 (skipped) when EXPECTED is missing and GALLEY_SKIP_MISSING is set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "text_read.h"

static const char *S_expected_path, *S_input_path;
static int S_json_mode;

static char *S_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	galley_buffer b = GALLEY_BUFFER_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		galley_buffer_append(&b, chunk, n);
	fclose(f);
	if (!b.data)
		galley_buffer_append(&b, "", 0);
	return galley_buffer_detach(&b, len);
}

static galley_node *S_read_doc(galley_context *ctx)
{
	size_t len;
	char *data = S_slurp(S_input_path, &len);
	galley_node *doc = NULL;
	assert_non_null(data);
	if (S_json_mode) {
		assert_int_equal(galley_add_plugin_dir(ctx, PLUGIN_DIR), 0);
		assert_int_equal(galley_load_plugins(ctx), 0);
		const galley_reader *r = galley_find_reader(ctx, "json");
		assert_non_null(r);
		int rc = galley_read(ctx, r, data, len, &doc);
		if (rc < 0)
			fail_msg("json read: %s", galley_context_error(ctx));
	} else {
		galley_builder *b = galley_builder_new(ctx);
		assert_non_null(b);
		int rc = galley_text_read(ctx, b, data, len, NULL);
		if (rc < 0)
			fail_msg("text read: %s", galley_context_error(ctx));
		assert_int_equal(galley_builder_finish(b, &doc), 0);
		galley_builder_free(b);
	}
	free(data);
	return doc;
}

/* The block shape: P, H2, OL3(...) (ordered, start 3), UL(...), I(...),
 * D:role(...), Q(...), BR — children separated by spaces. */
static void S_shape(galley_node *n, galley_buffer *out)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (!galley_node_type_is_block(t) && t != GALLEY_NODE_ITEM)
			continue;
		if (out->len && out->data[out->len - 1] != '(')
			galley_buffer_putc(out, ' ');
		switch (t) {
		case GALLEY_NODE_PARAGRAPH: galley_buffer_puts(out, "P"); continue;
		case GALLEY_NODE_HEADING: galley_buffer_printf(out, "H%d", galley_node_get_level(c)); continue;
		case GALLEY_NODE_BREAK: galley_buffer_puts(out, "BR"); continue;
		case GALLEY_NODE_LIST:
			if (galley_node_get_list_ordered(c))
				galley_buffer_printf(out, "OL%ld(", galley_node_get_list_start(c));
			else
				galley_buffer_puts(out, "UL(");
			break;
		case GALLEY_NODE_ITEM: galley_buffer_puts(out, "I("); break;
		case GALLEY_NODE_DIV:
			galley_buffer_printf(out, "D:%s(", galley_node_get_role(c) ? galley_node_get_role(c) : "");
			break;
		case GALLEY_NODE_QUOTE: galley_buffer_puts(out, "Q("); break;
		default: galley_buffer_printf(out, "%s(", galley_node_type_name(t)); break;
		}
		S_shape(c, out);
		galley_buffer_putc(out, ')');
	}
}

/* Every paragraph's and heading's text, depth first. */
static void S_texts(galley_node *n, json_t *arr)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			galley_buffer b = GALLEY_BUFFER_INIT;
			galley_node_text_content(c, &b);
			json_array_append_new(arr, json_string(b.data ? b.data : ""));
			galley_buffer_dispose(&b);
		} else if (galley_node_type_is_block(t) || t == GALLEY_NODE_ITEM) {
			S_texts(c, arr);
		}
	}
}

static void S_check_meta(galley_meta *meta, json_t *exp)
{
	static const char *const keys[] = {"title", "subtitle", "date", "issuer", "category", "language", "place",
		"identifier", "description", NULL};
	for (size_t i = 0; keys[i]; i++) {
		json_t *v = json_object_get(exp, keys[i]);
		if (!json_is_string(v))
			continue;
		const char *got = galley_meta_get(meta, keys[i]);
		if (!got || strcmp(got, json_string_value(v)) != 0)
			fail_msg("meta.%s: expected \"%s\", got \"%s\"", keys[i], json_string_value(v), got ? got : "(unset)");
	}
	json_t *hits = json_object_get(exp, "hits");
	if (json_is_integer(hits))
		assert_int_equal(galley_meta_get_hits(meta), json_integer_value(hits));
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(exp, "absent"), i, k) {
		const char *got = galley_meta_get(meta, json_string_value(k));
		if (got)
			fail_msg("meta.%s should be unset, is \"%s\"", json_string_value(k), got);
	}
}

/* The first top-level ordered list holds the numbered paragraphs. */
static void S_check_paragraphs(galley_node *doc, json_t *paras)
{
	if (!json_is_array(paras))
		return;
	galley_node *list = galley_node_first_child(doc);
	while (list && !(galley_node_get_type(list) == GALLEY_NODE_LIST && galley_node_get_list_ordered(list)))
		list = galley_node_next(list);
	assert_non_null(list);
	assert_int_equal(galley_node_child_count(list), json_array_size(paras));
	json_int_t first = json_integer_value(json_object_get(json_array_get(paras, 0), "number"));
	assert_int_equal(galley_node_get_list_start(list), first);
	size_t i = 0;
	for (galley_node *item = galley_node_first_child(list); item; item = galley_node_next(item), i++) {
		json_t *p = json_array_get(paras, i);
		assert_int_equal(json_integer_value(json_object_get(p, "number")), first + (json_int_t)i);
		galley_node *para = galley_node_first_child(item);
		assert_int_equal(galley_node_get_type(para), GALLEY_NODE_PARAGRAPH);
		galley_buffer b = GALLEY_BUFFER_INIT;
		galley_node_text_content(para, &b);
		assert_string_equal(b.data ? b.data : "", json_string_value(json_object_get(p, "text")));
		galley_buffer_dispose(&b);
	}
}

/* No block anywhere in the body is, or begins with, a forbidden string. */
static void S_check_not_in_body(galley_node *n, json_t *bad)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			galley_buffer b = GALLEY_BUFFER_INIT;
			galley_node_text_content(c, &b);
			const char *text = b.data ? b.data : "";
			size_t i;
			json_t *s;
			json_array_foreach(bad, i, s) {
				const char *x = json_string_value(s);
				if (strncmp(text, x, strlen(x)) == 0)
					fail_msg("body block \"%.60s\" begins with \"%s\"", text, x);
			}
			galley_buffer_dispose(&b);
		} else if (galley_node_type_is_block(t) || t == GALLEY_NODE_ITEM) {
			S_check_not_in_body(c, bad);
		}
	}
}

static void test_facts(void **state)
{
	(void)state;
	json_error_t err;
	json_t *exp = json_load_file(S_expected_path, 0, &err);
	if (!exp)
		fail_msg("%s: %s (line %d)", S_expected_path, err.text, err.line);
	galley_context *ctx = galley_context_new();
	galley_node *doc = S_read_doc(ctx);
	assert_non_null(doc);

	S_check_meta(galley_document_meta(doc), exp);
	S_check_paragraphs(doc, json_object_get(exp, "paragraphs"));
	if (json_is_array(json_object_get(exp, "not_in_body")))
		S_check_not_in_body(doc, json_object_get(exp, "not_in_body"));

	galley_buffer shape = GALLEY_BUFFER_INIT;
	S_shape(doc, &shape);
	json_t *want_shape = json_object_get(exp, "shape");
	if (json_is_string(want_shape) && strcmp(shape.data ? shape.data : "", json_string_value(want_shape)) != 0)
		fail_msg("shape:\n  expected %s\n  got      %s", json_string_value(want_shape), shape.data);

	json_t *texts = json_array();
	S_texts(doc, texts);
	json_t *want_texts = json_object_get(exp, "texts");
	if (json_is_array(want_texts) && !json_equal(texts, want_texts)) {
		char *got = json_dumps(texts, JSON_INDENT(1));
		fail_msg("texts differ; got:\n%s", got);
	}
	if (getenv("TEXT_FACTS_DUMP")) {
		char *got = json_dumps(texts, JSON_INDENT(1));
		galley_meta *m = galley_document_meta(doc);
		printf("shape: %s\ntexts: %s\n", shape.data, got);
		for (size_t i = 0; i < galley_meta_key_count(m); i++)
			printf("meta %s = %s\n", galley_meta_key_at(m, i), galley_meta_get(m, galley_meta_key_at(m, i)));
		free(got);
	}
	json_decref(texts);
	galley_buffer_dispose(&shape);
	galley_node_free(doc);
	galley_context_free(ctx);
	json_decref(exp);
}

int main(int argc, char **argv)
{
	int a = 1;
	if (a < argc && strcmp(argv[a], "--json") == 0) {
		S_json_mode = 1;
		a++;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: text-facts [--json] EXPECTED.json INPUT\n");
		return 2;
	}
	S_expected_path = argv[a];
	S_input_path = argv[a + 1];
	FILE *f = fopen(S_expected_path, "rb");
	if (!f) {
		fprintf(stderr, "text-facts: %s is missing (no ../shared in this checkout?); skipping\n", S_expected_path);
		return 77;
	}
	fclose(f);
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_facts)};
	return cmocka_run_group_tests_name(S_input_path, tests, NULL, NULL);
}
