/* test_property.c — property test of the Markdown writer against the real
 * cmark: random documents full of text that looks like Markdown are built
 * with galley_builder, rendered, parsed by `cmark -t xml` (and cmark-gfm for
 * -t gfm), and the structure and text must equal the tree's. Fixed seed;
 * a failure prints the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mdcheck.h"

static uint64_t S_rng = 0x9E3779B97F4A7C15ull;

static unsigned S_rand(unsigned n)
{
	S_rng ^= S_rng << 13;
	S_rng ^= S_rng >> 7;
	S_rng ^= S_rng << 17;
	return (unsigned)(S_rng % n);
}

static const char *const S_tokens[] = {
	"2024. ", "# ", "- ", "+ ", "* ", "> ", "---", "===", "***", "    ", "```", "~~~", "*", "_",
	"`", "[", "]", "![", "<", "&copy;", "&#35;", "\\", "  ", "1) ", "7", "|", "한국어", "😀",
	"word", "U.S.", " ", "\n", "foo_bar", "<div>", "<b>", "<http://x.y>", "__", "**", "e.g.", "(", ")",
	":", "!", "#", "~", "=", "-", ".", "\t", "ROK-U.S.-Japan", "a", "b", "[x](y)", "&", "### ",
	"1.", "12)", "\"", "'", "-->", "<!--", "_a_", "*b*", "~~s~~", "{", "}", "@", "%", "^",
};
#define NTOK (sizeof S_tokens / sizeof S_tokens[0])

static const char *const S_urls[] = {
	"https://example.com/a?b=1&c=2", "a b", "(x)", "a(b", "http://x.y/&copy;", "<x>", "", "\\path",
	"mailto:a@b.c", "https://ko.wikipedia.org/wiki/한국어", "a\"b", "x)y", "#top",
};
#define NURL (sizeof S_urls / sizeof S_urls[0])

static void S_text(galley_buffer *t, unsigned max, int newlines)
{
	unsigned n = 1 + S_rand(max), i;
	for (i = 0; i < n; i++) {
		const char *tok = S_tokens[S_rand(NTOK)];
		if (!newlines && strchr(tok, '\n'))
			tok = " ";
		galley_buffer_puts(t, tok);
	}
}

static void S_inlines(galley_builder *b, int depth, int in_link);

static void S_inline(galley_builder *b, int depth, int in_link)
{
	galley_buffer t = GALLEY_BUFFER_INIT;
	unsigned k = S_rand(depth > 2 ? 2 : 12);
	switch (k) {
	case 0:
	case 1:
	case 2:
	case 3:
		S_text(&t, 6, 1);
		galley_builder_text(b, t.data, t.len);
		break;
	case 4:
	case 5:
		galley_builder_enter(b, k == 4 ? GALLEY_NODE_EMPH : GALLEY_NODE_STRONG);
		S_inlines(b, depth + 1, in_link);
		galley_builder_leave(b);
		break;
	case 6:
		S_text(&t, 3, 1);
		galley_builder_code(b, t.data, t.len);
		break;
	case 7:
		if (in_link) {
			galley_builder_text(b, "x", 1);
			break;
		}
		galley_builder_enter(b, GALLEY_NODE_LINK);
		galley_builder_set_url(b, S_urls[S_rand(NURL)]);
		S_inlines(b, depth + 1, 1);
		galley_builder_leave(b);
		break;
	case 8:
		galley_builder_leaf(b, GALLEY_NODE_LINEBREAK, NULL);
		break;
	case 9:
		S_text(&t, 3, 0);
		galley_builder_image(b, S_urls[S_rand(NURL)], t.data);
		break;
	case 10:
	case 11:
		galley_builder_enter(b, k == 10 ? GALLEY_NODE_SUP : GALLEY_NODE_SUB);
		S_inlines(b, depth + 1, in_link);
		galley_builder_leave(b);
		break;
	}
	galley_buffer_dispose(&t);
}

static void S_inlines(galley_builder *b, int depth, int in_link)
{
	unsigned n = 1 + S_rand(4), i;
	for (i = 0; i < n; i++)
		S_inline(b, depth, in_link);
}

static void S_blocks(galley_builder *b, int depth, unsigned max);

static void S_block(galley_builder *b, int depth)
{
	static const long starts[] = {1, 2, 7, 2024, 0, 10};
	galley_buffer t = GALLEY_BUFFER_INIT;
	unsigned k = S_rand(depth > 2 ? 3 : 9), i, n;
	switch (k) {
	case 0:
	case 1:
		galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
		S_inlines(b, 0, 0);
		galley_builder_leave(b);
		break;
	case 2:
		galley_builder_enter(b, GALLEY_NODE_HEADING);
		galley_builder_set_level(b, 1 + (int)S_rand(6));
		S_inlines(b, 0, 0);
		galley_builder_leave(b);
		break;
	case 3:
	case 4:
		galley_builder_enter(b, GALLEY_NODE_LIST);
		galley_builder_set_list(b, k == 3, starts[S_rand(6)]);
		n = 1 + S_rand(3);
		for (i = 0; i < n; i++) {
			galley_builder_enter(b, GALLEY_NODE_ITEM);
			S_blocks(b, depth + 1, 2);
			galley_builder_leave(b);
		}
		galley_builder_leave(b);
		break;
	case 5:
		galley_builder_enter(b, GALLEY_NODE_QUOTE);
		S_blocks(b, depth + 1, 2);
		galley_builder_leave(b);
		break;
	case 6: {
		static const char *const langs[] = {NULL, "c", "python x", "a`b"};
		S_text(&t, 8, 1);
		galley_builder_code_block(b, t.data, t.len, langs[S_rand(4)]);
		break;
	}
	case 7:
		galley_builder_leaf(b, GALLEY_NODE_BREAK, NULL);
		break;
	case 8:
		galley_builder_enter(b, GALLEY_NODE_DIV);
		S_blocks(b, depth + 1, 2);
		galley_builder_leave(b);
		break;
	}
	galley_buffer_dispose(&t);
}

static void S_blocks(galley_builder *b, int depth, unsigned max)
{
	unsigned n = 1 + S_rand(max), i;
	for (i = 0; i < n; i++)
		S_block(b, depth);
}

static int S_have(const char *prog)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

static int S_case(int i, const char *name, const char *wrap, const char *cmark)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc = NULL;
	galley_buffer md = GALLEY_BUFFER_INIT, want = GALLEY_BUFFER_INIT, got = GALLEY_BUFFER_INIT;
	int ok = 0;
	S_blocks(b, 0, 4);
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	galley_builder_free(b);
	assert_int_equal(mdcheck_render(doc, name, wrap, 0, &md), 0);
	mdcheck_tree(doc, &want);
	if (mdcheck_cmark(cmark, md.data, md.len, &got) < 0) {
		fprintf(stderr, "could not run %s\n", cmark);
	} else if (want.len == got.len && (!want.len || !memcmp(want.data, got.data, want.len))) {
		ok = 1;
	} else {
		galley_buffer dump = GALLEY_BUFFER_INIT;
		galley_node_dump(doc, &dump);
		fprintf(stderr, "case %d (-t %s, wrap %s) differs\n--- tree\n%s--- markdown\n%s--- want\n%s\n--- %s gave\n%s\n",
			i, name, wrap ? wrap : "none", dump.data, md.data, want.data, cmark, got.data);
		galley_buffer_dispose(&dump);
	}
	galley_buffer_dispose(&md);
	galley_buffer_dispose(&want);
	galley_buffer_dispose(&got);
	galley_node_free(doc);
	galley_context_free(ctx);
	return ok;
}

static void test_random_documents(void **state)
{
	static const char *const wraps[] = {NULL, "20", "preserve", "72"};
	int i, failed = 0, cases = getenv("MD_CASES") ? atoi(getenv("MD_CASES")) : 400;
	int gfm = S_have("cmark-gfm");
	(void)state;
	if (!S_have("cmark")) {
		fprintf(stderr, "cmark is not installed (Debian package cmark)\n");
		fail();
	}
	for (i = 0; i < cases && failed < 3; i++) {
		int as_gfm = gfm && i % 4 == 3;
		if (!S_case(i, as_gfm ? "gfm" : "markdown", wraps[i % 4],
		            as_gfm ? "cmark-gfm -e table -e strikethrough" : "cmark"))
			failed++;
	}
	if (!gfm)
		fprintf(stderr, "note: cmark-gfm not installed; -t gfm cases skipped\n");
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
