/* test_markdown.c — unit tests of the Markdown writer: front matter read
 * back by a YAML parser, escaping of prose, wrapping, lists, tables,
 * footnotes, determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdcheck.h"
#include "md.h"

static int md_write_for_test(galley_context *ctx, galley_node *doc, galley_buffer *out)
{
	return md_write(ctx, "markdown", (const galley_node *const *)&doc, 1, out, NULL);
}

static galley_node *S_para_doc(const char *text)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc = NULL;
	galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
	galley_builder_text(b, text, strlen(text));
	galley_builder_leave(b);
	galley_builder_finish(b, &doc);
	galley_builder_free(b);
	galley_context_free(ctx);
	return doc;
}

static char *S_render(galley_node *doc, const char *name, const char *wrap, int fm)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	assert_int_equal(mdcheck_render(doc, name, wrap, fm, &out), 0);
	return galley_buffer_detach(&out, NULL);
}

/* Ordinary prose is not escaped at all. */
static void test_prose_stays_readable(void **state)
{
	const char *text = "The U.S. and ROK-U.S.-Japan talks, e.g. on Jan. 18 (IRBM), were held at 10:00 - "
	                   "about 5 * 3 items; snake_case and 2 < 3 & x_y. 한국어 😀";
	galley_node *doc = S_para_doc(text);
	char *md = S_render(doc, "markdown", NULL, 0);
	(void)state;
	assert_string_equal(md, "The U.S. and ROK-U.S.-Japan talks, e.g. on Jan. 18 (IRBM), were held at 10:00 - "
	                        "about 5 * 3 items; snake_case and 2 < 3 & x_y. 한국어 😀\n");
	free(md);
	galley_node_free(doc);
}

static void test_line_start_escapes(void **state)
{
	static const char *const cases[][2] = {
		{"2024. was good", "2024\\. was good\n"},
		{"# not a heading", "\\# not a heading\n"},
		{"- not a list", "\\- not a list\n"},
		{"> not a quote", "\\> not a quote\n"},
		{"---", "\\---\n"},
		{"&copy; *x* [a](b) `c`", "\\&copy; \\*x\\* \\[a](b) \\`c\\`\n"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		galley_node *doc = S_para_doc(cases[i][0]);
		char *md = S_render(doc, "markdown", NULL, 0);
		assert_string_equal(md, cases[i][1]);
		free(md);
		galley_node_free(doc);
	}
}

/* Wrapping never starts a line with something that changes its meaning. */
static void test_wrap_never_changes_meaning(void **state)
{
	galley_node *doc = S_para_doc("aaaa 2024. bbbb # cccc - dddd > eeee === ffff 1) gggg + hhhh");
	galley_buffer want = GALLEY_BUFFER_INIT, got = GALLEY_BUFFER_INIT;
	char *md = S_render(doc, "markdown", "4", 0);
	(void)state;
	assert_non_null(strstr(md, "\n2024\\. bbbb") ? md : strstr(md, "2024\\."));
	assert_non_null(strstr(md, "\\#"));
	mdcheck_tree(doc, &want);
	assert_int_equal(mdcheck_cmark("cmark", md, strlen(md), &got), 0);
	assert_string_equal(want.data, got.data);
	free(md);
	galley_buffer_dispose(&want);
	galley_buffer_dispose(&got);
	galley_node_free(doc);
}

/* Front matter: read back by a YAML parser as exactly the strings given. */
static void test_front_matter_yaml(void **state)
{
	galley_node *doc = S_para_doc("body");
	galley_meta *m = galley_document_meta(doc);
	char *md;
	FILE *f;
	char path[] = "/tmp/galley-md-yaml-XXXXXX";
	char cmd[512];
	int fd;
	(void)state;
	galley_meta_set(m, "title", "yes: \"quoted\" \\ back\nslash # not a comment");
	galley_meta_set(m, "date", "2024-01-18");
	galley_meta_set(m, "language", "no");
	galley_meta_set(m, "issuer", "외교부 \x01 ctl");
	galley_meta_set_hits(m, 191);
	galley_meta_add(m, "authors", "Kim, Gunn");
	galley_meta_add(m, "authors", "on");
	galley_meta_set(m, "free-key", "v");
	md = S_render(doc, "markdown", NULL, 1);
	assert_non_null(strstr(md, "hits: 191\n"));
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs(md, f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		"python3 -c 'import sys,yaml; t=open(sys.argv[1],encoding=\"utf-8\").read().split(\"---\\n\")[1]; d=yaml.safe_load(t); "
		"assert d[\"title\"]==\"yes: \\\"quoted\\\" \\\\ back\\nslash # not a comment\", d; "
		"assert d[\"date\"]==\"2024-01-18\" and d[\"language\"]==\"no\" and d[\"hits\"]==191, d; "
		"assert d[\"issuer\"]==\"외교부 \\x01 ctl\", d; assert d[\"authors\"]==[\"Kim, Gunn\",\"on\"], d; "
		"assert d[\"free-key\"]==\"v\", d' %s", path);
	assert_int_equal(system(cmd), 0);
	/* and cmark sees only the body once the front matter is stripped */
	assert_string_equal(mdcheck_body(md), "body\n");
	remove(path);
	free(md);
	galley_node_free(doc);
}

static void test_no_front_matter(void **state)
{
	galley_node *doc = S_para_doc("body");
	char *md;
	(void)state;
	galley_meta_set(galley_document_meta(doc), "title", "T");
	md = S_render(doc, "markdown", NULL, 0);
	assert_string_equal(md, "body\n");
	free(md);
	galley_node_free(doc);
}

static galley_node *S_table_doc(int header)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc = NULL;
	int r, c;
	galley_builder_enter(b, GALLEY_NODE_TABLE);
	for (r = 0; r < 2; r++) {
		galley_builder_enter(b, GALLEY_NODE_ROW);
		for (c = 0; c < 2; c++) {
			galley_builder_enter(b, GALLEY_NODE_CELL);
			galley_builder_set_cell(b, header && r == 0, 1, 1);
			galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
			galley_builder_text(b, r ? "a|b <c> & d" : "H", r ? 11 : 1);
			galley_builder_leave(b);
			galley_builder_leave(b);
		}
		galley_builder_leave(b);
	}
	galley_builder_leave(b);
	galley_builder_finish(b, &doc);
	galley_builder_free(b);
	galley_context_free(ctx);
	return doc;
}

static void test_tables(void **state)
{
	galley_node *doc = S_table_doc(1);
	char *md = S_render(doc, "gfm", NULL, 0);
	(void)state;
	assert_string_equal(md, "| H | H |\n| --- | --- |\n| a\\|b \\<c> & d | a\\|b \\<c> & d |\n");
	free(md);
	md = S_render(doc, "markdown", NULL, 0);
	assert_string_equal(md, "<table>\n<tr>\n<th>H</th>\n<th>H</th>\n</tr>\n<tr>\n"
	                        "<td>a|b &lt;c&gt; &amp; d</td>\n<td>a|b &lt;c&gt; &amp; d</td>\n</tr>\n</table>\n");
	free(md);
	galley_node_free(doc);
	/* no header row: a pipe table would invent one */
	doc = S_table_doc(0);
	md = S_render(doc, "gfm", NULL, 0);
	assert_non_null(strstr(md, "<table>"));
	free(md);
	galley_node_free(doc);
}

static void test_footnotes_and_breaks(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_node *doc = NULL;
	char *md;
	(void)state;
	galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
	galley_builder_text(b, "Claim", 5);
	galley_builder_enter(b, GALLEY_NODE_NOTE);
	galley_builder_enter(b, GALLEY_NODE_PARAGRAPH);
	galley_builder_text(b, "Source", 6);
	galley_builder_leave(b);
	galley_builder_leave(b);
	galley_builder_text(b, ": more", 6);
	galley_builder_leaf(b, GALLEY_NODE_LINEBREAK, NULL);
	galley_builder_text(b, "next", 4);
	galley_builder_enter(b, GALLEY_NODE_SUP);
	galley_builder_text(b, "2", 1);
	galley_builder_leave(b);
	galley_builder_leave(b);
	galley_builder_finish(b, &doc);
	galley_builder_free(b);
	md = S_render(doc, "gfm", NULL, 0);
	assert_string_equal(md, "Claim[^1]\\: more\\\nnext<sup>2</sup>\n\n[^1]: Source\n");
	free(md);
	md = S_render(doc, "markdown", NULL, 0);
	assert_string_equal(md, "Claim[^1]\\: more\\\nnext<sup>2</sup>\n\n\\[^1]: Source\n");
	free(md);
	galley_node_free(doc);
	galley_context_free(ctx);
}

static void test_deterministic_and_bad_wrap(void **state)
{
	galley_node *doc = S_para_doc("same *bytes* every time");
	char *a = S_render(doc, "markdown", "10", 1), *b = S_render(doc, "markdown", "10", 1);
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	(void)state;
	assert_string_equal(a, b);
	galley_context_set_option(ctx, "wrap", "wide");
	assert_int_equal(md_write_for_test(ctx, doc, &out), GALLEY_EUSAGE);
	assert_non_null(strstr(galley_context_error(ctx), "wrap"));
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
	free(a);
	free(b);
	galley_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prose_stays_readable),
		cmocka_unit_test(test_line_start_escapes),
		cmocka_unit_test(test_wrap_never_changes_meaning),
		cmocka_unit_test(test_front_matter_yaml),
		cmocka_unit_test(test_no_front_matter),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_footnotes_and_breaks),
		cmocka_unit_test(test_deterministic_and_bad_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
