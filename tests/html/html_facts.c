/* html_facts.c — checks what the html reader recovers from a release page
 * (tests/fixtures/html/sites/) against the facts its .expected.json states:
 * metadata, the numbered paragraphs, what must not be in the body, the
 * block shape and texts. Every fact is checked and each failure printed, so
 * that one run counts them all (the shape and texts notation is the one of
 * tests/text/text_facts.c).
 *
 *   html-facts EXPECTED.json INPUT.html    read INPUT with the html reader (linked in)
 *   HTML_FACTS_DUMP=1 html-facts ...       also print what was read
 * Exit 77 (skipped) when EXPECTED is missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "html_internal.h"

static const char *S_expected_path, *S_input_path;
static int S_failed, S_checked;

static void S_fact(int ok, const char *fmt, ...)
{
	S_checked++;
	if (ok)
		return;
	S_failed++;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "FACT FAILED: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

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
	galley_builder *b = galley_builder_new(ctx);
	assert_non_null(b);
	int rc = galley_html_read(ctx, b, data, len);
	if (rc < 0)
		fail_msg("html read: %s", galley_context_error(ctx));
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	galley_builder_free(b);
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
		"identifier", "description", "source", NULL};
	for (size_t i = 0; keys[i]; i++) {
		json_t *v = json_object_get(exp, keys[i]);
		if (!json_is_string(v))
			continue;
		const char *got = galley_meta_get(meta, keys[i]);
		S_fact(got && strcmp(got, json_string_value(v)) == 0, "meta.%s: expected \"%s\", got \"%s\"", keys[i],
			json_string_value(v), got ? got : "(unset)");
	}
	json_t *hits = json_object_get(exp, "hits");
	if (json_is_integer(hits))
		S_fact(galley_meta_get_hits(meta) == json_integer_value(hits), "meta.hits: expected %lld, got %lld",
			(long long)json_integer_value(hits), (long long)galley_meta_get_hits(meta));
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(exp, "absent"), i, k) {
		const char *got = galley_meta_get(meta, json_string_value(k));
		S_fact(got == NULL, "meta.%s should be unset, is \"%s\"", json_string_value(k), got ? got : "");
	}
}

/* No block anywhere in the body is, or begins with, a forbidden string. */
static void S_check_not_in_body(galley_node *n, json_t *bad, int *clean)
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
				if (strncmp(text, x, strlen(x)) == 0) {
					fprintf(stderr, "  body block \"%.60s\" begins with \"%s\"\n", text, x);
					*clean = 0;
				}
			}
			galley_buffer_dispose(&b);
		} else if (galley_node_type_is_block(t) || t == GALLEY_NODE_ITEM) {
			S_check_not_in_body(c, bad, clean);
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
	if (json_is_array(json_object_get(exp, "not_in_body"))) {
		int clean = 1;
		S_check_not_in_body(doc, json_object_get(exp, "not_in_body"), &clean);
		S_fact(clean, "not_in_body: chrome or labels in the body (above)");
	}

	galley_buffer shape = GALLEY_BUFFER_INIT;
	S_shape(doc, &shape);
	json_t *want_shape = json_object_get(exp, "shape");
	if (json_is_string(want_shape))
		S_fact(strcmp(shape.data ? shape.data : "", json_string_value(want_shape)) == 0,
			"shape:\n  expected %s\n  got      %s", json_string_value(want_shape), shape.data ? shape.data : "");

	json_t *texts = json_array();
	S_texts(doc, texts);
	json_t *want_texts = json_object_get(exp, "texts");
	if (json_is_array(want_texts)) {
		/* one fact per expected text, by position, so a count says how far off */
		for (size_t i = 0; i < json_array_size(want_texts) || i < json_array_size(texts); i++) {
			json_t *w = json_array_get(want_texts, i), *g = json_array_get(texts, i);
			S_fact(w != NULL && g != NULL && json_equal(w, g), "texts[%zu]:\n  expected \"%s\"\n  got      \"%s\"", i,
				w ? json_string_value(w) : "(none)", g ? json_string_value(g) : "(none)");
		}
	}
	if (getenv("HTML_FACTS_DUMP")) {
		char *got = json_dumps(texts, JSON_INDENT(1));
		galley_meta *m = galley_document_meta(doc);
		printf("shape: %s\ntexts: %s\n", shape.data, got);
		for (size_t i = 0; i < galley_meta_key_count(m); i++)
			printf("meta %s = %s\n", galley_meta_key_at(m, i), galley_meta_get(m, galley_meta_key_at(m, i)));
		printf("meta hits = %lld\n", (long long)galley_meta_get_hits(m));
		free(got);
	}
	json_decref(texts);
	galley_buffer_dispose(&shape);
	galley_node_free(doc);
	galley_context_free(ctx);
	json_decref(exp);
	fprintf(stderr, "%s: %d of %d facts failed\n", S_input_path, S_failed, S_checked);
	if (S_failed)
		fail_msg("%d of %d facts failed", S_failed, S_checked);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: html-facts EXPECTED.json INPUT.html\n");
		return 2;
	}
	S_expected_path = argv[1];
	S_input_path = argv[2];
	FILE *f = fopen(S_expected_path, "rb");
	if (!f) {
		fprintf(stderr, "html-facts: %s is missing; skipping\n", S_expected_path);
		return 77;
	}
	fclose(f);
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_facts)};
	return cmocka_run_group_tests_name(S_input_path, tests, NULL, NULL);
}
