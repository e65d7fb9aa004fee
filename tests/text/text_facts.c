/* text_facts.c — checks what the text reader recovers from a fixture
 * against the facts its .expected.json states (metadata, the numbered
 * paragraphs, what must not be in the body, the block shape and texts).
 *
 *   text-facts EXPECTED.json INPUT.txt          read INPUT with the text reader (linked in)
 *   text-facts --json EXPECTED.json OUT.json     check galley's JSON output (read with the
 *                                                json plugin from PLUGIN_DIR), end to end
 * Exit 77 (skipped) when EXPECTED and INPUT are missing and GALLEY_SKIP_MISSING is set (a
 * fixture of ../shared in a checkout without it); any other missing EXPECTED fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "facts.h"
#include "text_read.h"

static const char *S_expected_path, *S_input_path;
static int S_json_mode;

static galley_node *S_read_doc(galley_context *ctx)
{
	size_t len;
	char *data = facts_slurp(S_input_path, &len);
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
		int rc = text_read(ctx, b, data, len, NULL);
		if (rc < 0)
			fail_msg("text read: %s", galley_context_error(ctx));
		assert_int_equal(galley_builder_finish(b, &doc), 0);
		galley_builder_free(b);
	}
	free(data);
	return doc;
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
	if (getenv("TEXT_FACTS_DUMP"))
		facts_dump(doc);
	int failed = facts_check(doc, exp, S_input_path);
	galley_node_free(doc);
	galley_context_free(ctx);
	json_decref(exp);
	if (failed)
		fail_msg("%d facts failed", failed);
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
		if (getenv("GALLEY_SKIP_MISSING") && access(S_input_path, F_OK) != 0) {
			fprintf(stderr, "text-facts: %s is missing (no ../shared in this checkout?); skipping\n",
				S_expected_path);
			return 77;
		}
		fprintf(stderr, "text-facts: %s is missing: write the facts %s must give\n", S_expected_path,
			S_input_path);
		return 1;
	}
	fclose(f);
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_facts)};
	return cmocka_run_group_tests_name(S_input_path, tests, NULL, NULL);
}
