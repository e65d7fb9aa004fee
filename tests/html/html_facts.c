/* html_facts.c — checks what the html reader recovers from a release page
 * (tests/fixtures/html/sites/) against the facts its .expected.json states:
 * metadata, the numbered paragraphs, what must not be in the body, the
 * block shape and texts, with the checker tests/text uses (tests/common/facts.c).
 *
 *   html-facts EXPECTED.json INPUT.html    read INPUT with the html reader (linked in)
 *   HTML_FACTS_DUMP=1 html-facts ...       also print what was read
 * A missing EXPECTED fails (exit 1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "facts.h"
#include "html_internal.h"

static const char *S_expected_path, *S_input_path;

static galley_node *S_read_doc(galley_context *ctx)
{
	size_t len;
	char *data = facts_slurp(S_input_path, &len);
	galley_node *doc = NULL;
	assert_non_null(data);
	galley_builder *b = galley_builder_new(ctx);
	assert_non_null(b);
	int rc = html_read(ctx, b, data, len);
	if (rc < 0)
		fail_msg("html read: %s", galley_context_error(ctx));
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	galley_builder_free(b);
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
	if (getenv("HTML_FACTS_DUMP"))
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
	if (argc != 3) {
		fprintf(stderr, "usage: html-facts EXPECTED.json INPUT.html\n");
		return 2;
	}
	S_expected_path = argv[1];
	S_input_path = argv[2];
	FILE *f = fopen(S_expected_path, "rb");
	if (!f) {
		fprintf(stderr, "html-facts: %s is missing: write the facts %s must give\n", S_expected_path,
			S_input_path);
		return 1;
	}
	fclose(f);
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_facts)};
	return cmocka_run_group_tests_name(S_input_path, tests, NULL, NULL);
}
