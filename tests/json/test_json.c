/* test_json.c — unit tests of the json plugin, linked in directly: byte-exact
 * round trips over tests/fixtures/json, what the reader puts in the tree,
 * and the message (with its JSON path) for every kind of malformed input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_plugin.h"

static const char *const S_fixtures[] = {
	"minimal", "blocks", "inlines", "lists", "tables", "cjk", "escapes", "release"
};

static char *S_slurp(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *data;
	long n;

	snprintf(path, sizeof path, "%s/%s.json", GALLEY_JSON_FIXTURES, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* Read `len` bytes; on success the document goes to *out. The message of a
 * failure is copied to msg. */
static int S_read(const char *data, size_t len, galley_node **out, char *msg, size_t msgsize)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b;
	int rc;

	assert_non_null(ctx);
	b = galley_builder_new(ctx);
	assert_non_null(b);
	*out = NULL;
	rc = json_read(ctx, b, data, len, NULL);
	if (rc == 0)
		rc = galley_builder_finish(b, out);
	if (msg)
		snprintf(msg, msgsize, "%s", galley_context_error(ctx));
	galley_builder_free(b);
	galley_context_free(ctx);
	return rc;
}

static galley_node *S_read_ok(const char *data, size_t len)
{
	char msg[512];
	galley_node *doc;
	int rc = S_read(data, len, &doc, msg, sizeof msg);

	if (rc != 0)
		fail_msg("read failed (%d): %s", rc, msg);
	return doc;
}

static int S_write(galley_node *doc, galley_buffer *out, char *msg, size_t msgsize)
{
	galley_context *ctx = galley_context_new();
	int rc = json_write(ctx, "json", (const galley_node *const *)&doc, 1, out, NULL);

	if (msg)
		snprintf(msg, msgsize, "%s", galley_context_error(ctx));
	galley_context_free(ctx);
	return rc;
}

static void S_write_ok(galley_node *doc, galley_buffer *out)
{
	char msg[512];

	if (S_write(doc, out, msg, sizeof msg) != 0)
		fail_msg("write failed: %s", msg);
}

/* The n-th child (0-based) of a node. */
static galley_node *S_child(galley_node *n, int i)
{
	galley_node *c = galley_node_first_child(n);

	while (c && i-- > 0)
		c = galley_node_next(c);
	assert_non_null(c);
	return c;
}

static void S_text_is(galley_node *n, const char *want)
{
	galley_buffer buf = GALLEY_BUFFER_INIT;

	assert_int_equal(galley_node_text_content(n, &buf), 0);
	assert_string_equal(buf.data ? buf.data : "", want);
	galley_buffer_dispose(&buf);
}

/* ---- round trips --------------------------------------------------------- */

static void test_roundtrip_fixtures(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof S_fixtures / sizeof *S_fixtures; i++) {
		size_t len;
		char *data = S_slurp(S_fixtures[i], &len);
		galley_node *doc = S_read_ok(data, len);
		galley_node *copy;
		galley_buffer out = GALLEY_BUFFER_INIT, again = GALLEY_BUFFER_INIT;

		S_write_ok(doc, &out);
		if (out.len != len || memcmp(out.data, data, len) != 0)
			fail_msg("%s.json does not round-trip byte for byte; got:\n%s", S_fixtures[i], out.data);
		/* A deep copy of the tree writes the same bytes: the JSON form
		 * carries all of it, including what the copy must preserve. */
		copy = galley_node_copy(doc);
		assert_non_null(copy);
		S_write_ok(copy, &again);
		assert_int_equal(again.len, out.len);
		assert_memory_equal(again.data, out.data, out.len);
		galley_node_free(copy);
		galley_node_free(doc);
		galley_buffer_dispose(&out);
		galley_buffer_dispose(&again);
		free(data);
	}
}

/* A UTF-8 BOM and surrounding whitespace are accepted and not reproduced. */
static void test_bom_and_whitespace(void **state)
{
	static const char in[] = "\xEF\xBB\xBF \n\t{\"galley-ir\": 1, \"blocks\": []}\r\n\n";
	galley_node *doc = S_read_ok(in, sizeof in - 1);
	galley_buffer out = GALLEY_BUFFER_INIT;
	size_t len;
	char *want = S_slurp("minimal", &len);

	(void)state;
	S_write_ok(doc, &out);
	assert_string_equal(out.data, want);
	galley_node_free(doc);
	galley_buffer_dispose(&out);
	free(want);
}

/* Extra keys anywhere are ignored, and compact input comes out in galley's layout. */
static void test_extra_keys_ignored(void **state)
{
	static const char in[] =
		"{\"galley-ir\":1,\"generator\":\"x\",\"blocks\":[{\"type\":\"paragraph\",\"x\":[1,{}],"
		"\"inlines\":[{\"type\":\"text\",\"text\":\"hi\",\"lang\":\"en\"}]}],\"meta\":{}}";
	static const char want[] =
		"{\n  \"galley-ir\": 1,\n  \"meta\": {},\n  \"blocks\": [\n    {\n      \"type\": \"paragraph\",\n"
		"      \"inlines\": [\n        {\n          \"type\": \"text\",\n          \"text\": \"hi\"\n"
		"        }\n      ]\n    }\n  ]\n}\n";
	galley_node *doc = S_read_ok(in, sizeof in - 1);
	galley_buffer out = GALLEY_BUFFER_INIT;

	(void)state;
	S_write_ok(doc, &out);
	assert_string_equal(out.data, want);
	galley_node_free(doc);
	galley_buffer_dispose(&out);
}

/* ---- what the reader builds ---------------------------------------------- */

static void test_tree_blocks(void **state)
{
	size_t len;
	char *data = S_slurp("blocks", &len);
	galley_node *doc = S_read_ok(data, len), *n;
	galley_meta *meta = galley_document_meta(doc);

	(void)state;
	assert_string_equal(galley_meta_get(meta, "title"), "Every block kind");
	assert_string_equal(galley_meta_get(meta, "date"), "2024-01-18");
	assert_int_equal(galley_meta_get_hits(meta), 191);
	assert_int_equal(galley_meta_count(meta, "authors"), 2);
	assert_string_equal(galley_meta_get_nth(meta, "authors", 1), "Grace Hopper");
	assert_string_equal(galley_meta_get(meta, "place"), "Seoul");
	assert_string_equal(galley_meta_get(meta, "contact"), "press@example.org");
	assert_string_equal(galley_meta_key_at(meta, galley_meta_key_count(meta) - 1), "revision");
	assert_string_equal(galley_node_get_id(doc), "doc");
	assert_string_equal(galley_node_kv_get(doc, "lang"), "en");

	n = S_child(doc, 0);
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_HEADING);
	assert_int_equal(galley_node_get_level(n), 1);
	assert_string_equal(galley_node_get_id(n), "top");
	assert_int_equal(galley_node_get_level(S_child(doc, 1)), 6);
	assert_int_equal(galley_node_child_count(S_child(doc, 3)), 0);
	n = S_child(S_child(doc, 4), 1);
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_QUOTE);
	S_text_is(n, "Quoted twice.");
	n = S_child(doc, 5);
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_CODE_BLOCK);
	assert_string_equal(galley_node_get_language(n), "c");
	assert_string_equal(galley_node_get_text(n), "int main(void)\n{\n\treturn 0;\n}\n");
	assert_null(galley_node_get_language(S_child(doc, 6)));
	assert_string_equal(galley_node_class_at(S_child(doc, 6), 0), "plain");
	assert_int_equal(galley_node_get_type(S_child(doc, 10)), GALLEY_NODE_BREAK);
	n = S_child(doc, 13);
	assert_string_equal(galley_node_get_role(n), "contact");
	assert_string_equal(galley_node_kv_key(n, 1), "data-y");
	assert_null(galley_node_get_role(S_child(doc, 14)));
	galley_node_free(doc);
	free(data);
}

static void test_tree_inlines(void **state)
{
	size_t len;
	char *data = S_slurp("inlines", &len);
	galley_node *doc = S_read_ok(data, len), *p, *n;

	(void)state;
	p = S_child(doc, 0);
	assert_int_equal(galley_node_get_type(S_child(p, 1)), GALLEY_NODE_EMPH);
	assert_int_equal(galley_node_get_type(S_child(S_child(p, 3), 1)), GALLEY_NODE_EMPH);
	assert_int_equal(galley_node_get_type(S_child(p, 5)), GALLEY_NODE_SUP);
	assert_int_equal(galley_node_get_type(S_child(p, 7)), GALLEY_NODE_SUB);
	assert_string_equal(galley_node_get_text(S_child(p, 9)), "printf(\"%d\")");
	n = S_child(S_child(doc, 1), 2);
	assert_string_equal(galley_node_get_url(n), "https://example.org/x.pdf");
	assert_string_equal(galley_node_get_title(n), "The PDF");
	assert_int_equal(galley_node_class_count(n), 2);
	n = S_child(S_child(doc, 2), 1);
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_IMAGE);
	assert_string_equal(galley_node_get_url(n), "a b.png");
	assert_string_equal(galley_node_get_alt(n), "");
	assert_int_equal(galley_node_get_type(S_child(S_child(doc, 3), 1)), GALLEY_NODE_LINEBREAK);
	n = S_child(S_child(doc, 4), 1);
	assert_int_equal(galley_node_get_type(n), GALLEY_NODE_NOTE);
	assert_int_equal(galley_node_get_type(S_child(n, 1)), GALLEY_NODE_LIST);
	/* Adjacent text nodes stay as the input had them. */
	assert_int_equal(galley_node_child_count(S_child(doc, 5)), 4);
	galley_node_free(doc);
	free(data);
}

static void test_tree_lists_tables(void **state)
{
	size_t len;
	char *data = S_slurp("lists", &len);
	galley_node *doc = S_read_ok(data, len), *l, *t, *c;
	static const long starts[] = {1, 0, 4, 0, 2024};

	(void)state;
	l = S_child(doc, 0);
	assert_true(galley_node_get_list_ordered(l));
	assert_int_equal(galley_node_child_count(l), 3);
	assert_int_equal(galley_node_get_type(S_child(l, 0)), GALLEY_NODE_ITEM);
	c = S_child(S_child(S_child(S_child(l, 1), 1), 1), 1);
	assert_int_equal(galley_node_get_list_start(c), 7);
	assert_false(galley_node_get_list_ordered(S_child(S_child(l, 1), 1)));
	for (int i = 2; i <= 4; i++)
		assert_int_equal(galley_node_get_list_start(S_child(doc, i)), starts[i]);
	assert_false(galley_node_has_attr(S_child(S_child(doc, 2), 0)));
	assert_string_equal(galley_node_get_id(S_child(S_child(doc, 2), 1)), "p5");
	galley_node_free(doc);
	free(data);

	data = S_slurp("tables", &len);
	doc = S_read_ok(data, len);
	t = S_child(doc, 0);
	assert_int_equal(galley_node_get_type(S_child(t, 0)), GALLEY_NODE_CAPTION);
	S_text_is(S_child(t, 0), "Table 1. Results");
	c = S_child(S_child(t, 1), 1);
	assert_true(galley_node_get_cell_header(c));
	assert_int_equal(galley_node_get_colspan(c), 2);
	c = S_child(S_child(t, 2), 0);
	assert_false(galley_node_get_cell_header(c));
	assert_int_equal(galley_node_get_rowspan(c), 2);
	assert_int_equal(galley_node_get_colspan(S_child(S_child(t, 4), 0)), 3);
	t = S_child(doc, 1);
	assert_string_equal(galley_node_get_id(S_child(t, 0)), "cap");
	assert_string_equal(galley_node_class_at(S_child(t, 1), 0), "odd");
	assert_int_equal(galley_node_child_count(S_child(doc, 2)), 0);
	t = S_child(doc, 3);
	assert_string_equal(galley_node_get_alt(t), "Two ministers shaking hands");
	S_text_is(S_child(t, 0), "The ministers in Seoul (source)");
	galley_node_free(doc);
	free(data);
}

static void test_tree_text(void **state)
{
	size_t len;
	char *data = S_slurp("cjk", &len);
	galley_node *doc = S_read_ok(data, len), *t;
	galley_meta *meta = galley_document_meta(doc);

	(void)state;
	assert_string_equal(galley_meta_get(meta, "issuer"), "외교부");
	assert_string_equal(galley_meta_get(meta, "담당"), "북핵외교기획단");
	assert_int_equal(galley_meta_get_hits(meta), 0);
	S_text_is(S_child(doc, 3), "平成27年3月10日、岸田外務大臣は「日韓外相会談」を行いました。全角数字１２３、半角ｶﾅ。");
	galley_node_free(doc);
	free(data);

	data = S_slurp("escapes", &len);
	doc = S_read_ok(data, len);
	meta = galley_document_meta(doc);
	assert_string_equal(galley_meta_get(meta, "title"), "Quotes \" and backslashes \\ and a tab\there");
	assert_string_equal(galley_meta_get(meta, "odd \"key\""), "value with \\u0041 literally");
	assert_string_equal(galley_meta_get(meta, "ctl"), "\x01\x1f\x7f");
	t = S_child(S_child(doc, 1), 0);
	S_text_is(t, "controls: \n \t end");
	assert_int_equal(galley_node_get_text_len(S_child(S_child(doc, 4), 1)), 2); /* "a\u0000b": the NUL is dropped */
	assert_string_equal(galley_node_kv_get(S_child(doc, 5), "k\"ey"), "v\nalue");
	galley_node_free(doc);
	free(data);
}

/* Free metadata values may be numbers or booleans; they are kept as text. */
static void test_meta_free_values(void **state)
{
	static const char in[] = "{\"galley-ir\":1,\"meta\":{\"n\":1.5,\"i\":-42,\"b\":true,\"f\":false,"
		"\"title\":null,\"s\":\"x\"},\"blocks\":[]}";
	galley_node *doc = S_read_ok(in, sizeof in - 1);
	galley_meta *meta = galley_document_meta(doc);

	(void)state;
	assert_string_equal(galley_meta_get(meta, "n"), "1.5");
	assert_string_equal(galley_meta_get(meta, "i"), "-42");
	assert_string_equal(galley_meta_get(meta, "b"), "true");
	assert_string_equal(galley_meta_get(meta, "f"), "false");
	assert_null(galley_meta_get(meta, "title"));
	assert_int_equal(galley_meta_key_count(meta), 5);
	galley_node_free(doc);
}

/* ---- malformed input ----------------------------------------------------- */

#define DOC(blocks) "{\"galley-ir\":1,\"blocks\":[" blocks "]}"
#define PARA(inl) "{\"type\":\"paragraph\",\"inlines\":[" inl "]}"
#define T "{\"type\":\"text\",\"text\":\"x\"}"

static const struct {
	const char *json;
	const char *message; /* the whole message, or its start when it ends in '*' */
} S_bad[] = {
	/* not JSON, or not a document */
	{"", "$: empty input, expected a galley document (JSON)"},
	{" \n\t ", "$: empty input, expected a galley document (JSON)"},
	{"{\"galley-ir\":1,\"blocks\":[", "$: invalid JSON at line 1, column 25: *"},
	{"{\"galley-ir\":1,\n\"blocks\":[]} x", "$: invalid JSON at line 2, column 14: end of file expected near 'x'"},
	{"[1, 2]", "$: expected a galley document (an object with \"galley-ir\": 1), got an array"},
	{"\"text\"", "$: invalid JSON at line 1, column 6: *"},
	{"{\"galley-ir\":1,\"blocks\":[],\"blocks\":[]}", "$: invalid JSON at line 1, column 35: duplicate object key*"},
	{"{\"galley-ir\":1,\"meta\":{\"title\":\"caf\xe9\"},\"blocks\":[]}", "$: invalid JSON at line 1, column *unable to decode byte 0xe9*"},
	{"{\"galley-ir\":1,\"meta\":{\"hits\":99999999999999999999},\"blocks\":[]}", "$: invalid JSON*too big integer*"},
	{"{\"blocks\":[]}", "$: missing \"galley-ir\": this is not a galley document"},
	{"{\"galley-ir\":2,\"blocks\":[]}", "$[\"galley-ir\"]: unsupported version 2 (this galley reads version 1)"},
	{"{\"galley-ir\":\"1\",\"blocks\":[]}", "$[\"galley-ir\"]: expected the integer 1, got a string"},
	{"{\"galley-ir\":1.0,\"blocks\":[]}", "$[\"galley-ir\"]: expected the integer 1, got a number with a fraction"},
	{"{\"galley-ir\":1}", "$: missing required key \"blocks\""},
	{"{\"galley-ir\":1,\"blocks\":{}}", "$.blocks: expected an array, got an object"},
	{"{\"galley-ir\":1,\"attr\":[],\"blocks\":[]}", "$.attr: expected an object, got an array"},
	/* metadata */
	{"{\"galley-ir\":1,\"meta\":[],\"blocks\":[]}", "$.meta: expected an object, got an array"},
	{"{\"galley-ir\":1,\"meta\":{\"title\":5},\"blocks\":[]}", "$.meta.title: expected a string, got an integer"},
	{"{\"galley-ir\":1,\"meta\":{\"date\":[]},\"blocks\":[]}", "$.meta.date: expected a string, got an array"},
	{"{\"galley-ir\":1,\"meta\":{\"hits\":\"191\"},\"blocks\":[]}", "$.meta.hits: expected a non-negative integer, got a string"},
	{"{\"galley-ir\":1,\"meta\":{\"hits\":-1},\"blocks\":[]}", "$.meta.hits: expected a non-negative integer, got -1"},
	{"{\"galley-ir\":1,\"meta\":{\"hits\":1.5},\"blocks\":[]}", "$.meta.hits: expected a non-negative integer, got a number with a fraction"},
	{"{\"galley-ir\":1,\"meta\":{\"authors\":\"A\"},\"blocks\":[]}", "$.meta.authors: expected an array of strings, got a string"},
	{"{\"galley-ir\":1,\"meta\":{\"keywords\":[\"a\",true]},\"blocks\":[]}", "$.meta.keywords[1]: expected a string, got true"},
	{"{\"galley-ir\":1,\"meta\":{\"x\":[1]},\"blocks\":[]}", "$.meta.x: expected a string, number or boolean, got an array"},
	{"{\"galley-ir\":1,\"meta\":{\"a b\":{}},\"blocks\":[]}", "$.meta[\"a b\"]: expected a string, number or boolean, got an object"},
	{"{\"galley-ir\":1,\"meta\":{\"\":\"x\"},\"blocks\":[]}", "$.meta[\"\"]: an empty key is not allowed"},
	{"{\"galley-ir\":1,\"meta\":{\"title\":\"a\\u0000b\"},\"blocks\":[]}", "$.meta.title: a NUL character (\\u0000) is not allowed here"},
	/* node types */
	{DOC("1"), "$.blocks[0]: expected a block object, got an integer"},
	{DOC("{}"), "$.blocks[0]: missing required key \"type\""},
	{DOC("{\"type\":3}"), "$.blocks[0].type: expected a string, got an integer"},
	{DOC("{\"type\":\"bold\"}"), "$.blocks[0]: unknown block type \"bold\""},
	{DOC(T), "$.blocks[0]: \"text\" is an inline type; a block is expected here"},
	{DOC("{\"type\":\"item\",\"blocks\":[]}"), "$.blocks[0]: unknown block type \"item\""},
	{DOC("{\"type\":\"cell\",\"blocks\":[]}"), "$.blocks[0]: unknown block type \"cell\""},
	{DOC("{\"type\":\"document\",\"blocks\":[]}"), "$.blocks[0]: unknown block type \"document\""},
	{DOC(PARA(T) "," PARA(T) "," PARA(T) "," PARA(T "," "{\"type\":\"bold\"}")),
		"$.blocks[3].inlines[1]: unknown inline type \"bold\""},
	{DOC(PARA(PARA(""))), "$.blocks[0].inlines[0]: \"paragraph\" is a block type; an inline is expected here"},
	{DOC(PARA("[]")), "$.blocks[0].inlines[0]: expected an inline object, got an array"},
	/* fields of blocks */
	{DOC("{\"type\":\"paragraph\"}"), "$.blocks[0]: missing required key \"inlines\""},
	{DOC("{\"type\":\"paragraph\",\"inlines\":\"x\"}"), "$.blocks[0].inlines: expected an array, got a string"},
	{DOC("{\"type\":\"heading\",\"inlines\":[]}"), "$.blocks[0]: missing required key \"level\""},
	{DOC("{\"type\":\"heading\",\"level\":0,\"inlines\":[]}"), "$.blocks[0].level: expected an integer from 1 to 6, got 0"},
	{DOC("{\"type\":\"heading\",\"level\":7,\"inlines\":[]}"), "$.blocks[0].level: expected an integer from 1 to 6, got 7"},
	{DOC("{\"type\":\"heading\",\"level\":\"2\",\"inlines\":[]}"), "$.blocks[0].level: expected an integer, got a string"},
	{DOC("{\"type\":\"heading\",\"level\":2.0,\"inlines\":[]}"), "$.blocks[0].level: expected an integer, got a number with a fraction"},
	{DOC("{\"type\":\"list\",\"items\":[]}"), "$.blocks[0]: missing required key \"ordered\""},
	{DOC("{\"type\":\"list\",\"ordered\":\"yes\",\"items\":[]}"), "$.blocks[0].ordered: expected true or false, got a string"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"start\":\"1\",\"items\":[]}"), "$.blocks[0].start: expected an integer, got a string"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"start\":3000000000,\"items\":[]}"), "$.blocks[0].start: expected an integer from 0 to 2147483647, got 3000000000"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"start\":-1,\"items\":[]}"), "$.blocks[0].start: expected an integer from 0 to 2147483647, got -1"},
	{DOC("{\"type\":\"list\",\"ordered\":true}"), "$.blocks[0]: missing required key \"items\""},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"items\":{}}"), "$.blocks[0].items: expected an array, got an object"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"items\":[[],{}]}"), "$.blocks[0].items[1]: expected an array of blocks (one list item), got an object"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"items\":[[" T "]]}"), "$.blocks[0].items[0][0]: \"text\" is an inline type; a block is expected here"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"items\":[[]],\"item-attrs\":[null,null]}"), "$.blocks[0][\"item-attrs\"]: has 2 entries for 1 nodes"},
	{DOC("{\"type\":\"list\",\"ordered\":true,\"items\":[[]],\"item-attrs\":[5]}"), "$.blocks[0][\"item-attrs\"][0]: expected an object, got an integer"},
	{DOC("{\"type\":\"quote\"}"), "$.blocks[0]: missing required key \"blocks\""},
	{DOC("{\"type\":\"quote\",\"blocks\":[" PARA("") ",{\"type\":\"quote\",\"blocks\":[" T "]}]}"), "$.blocks[0].blocks[1].blocks[0]: \"text\" is an inline type; a block is expected here"},
	{DOC("{\"type\":\"code\"}"), "$.blocks[0]: missing required key \"text\""},
	{DOC("{\"type\":\"code\",\"text\":[]}"), "$.blocks[0].text: expected a string, got an array"},
	{DOC("{\"type\":\"code\",\"text\":\"\",\"language\":1}"), "$.blocks[0].language: expected a string, got an integer"},
	{DOC("{\"type\":\"table\"}"), "$.blocks[0]: missing required key \"rows\""},
	{DOC("{\"type\":\"table\",\"rows\":[5]}"), "$.blocks[0].rows[0]: expected an array of cells (one table row), got an integer"},
	{DOC("{\"type\":\"table\",\"rows\":[[5]]}"), "$.blocks[0].rows[0][0]: expected a table cell object, got an integer"},
	{DOC("{\"type\":\"table\",\"rows\":[[{}]]}"), "$.blocks[0].rows[0][0]: missing required key \"blocks\""},
	{DOC("{\"type\":\"table\",\"rows\":[[{\"colspan\":0,\"blocks\":[]}]]}"), "$.blocks[0].rows[0][0].colspan: expected an integer from 1 to 1000, got 0"},
	{DOC("{\"type\":\"table\",\"rows\":[[],[{\"rowspan\":\"2\",\"blocks\":[]}]]}"), "$.blocks[0].rows[1][0].rowspan: expected an integer, got a string"},
	{DOC("{\"type\":\"table\",\"rows\":[[{\"header\":1,\"blocks\":[]}]]}"), "$.blocks[0].rows[0][0].header: expected true or false, got an integer"},
	{DOC("{\"type\":\"table\",\"rows\":[[{\"blocks\":[" T "]}]]}"), "$.blocks[0].rows[0][0].blocks[0]: \"text\" is an inline type; a block is expected here"},
	{DOC("{\"type\":\"table\",\"rows\":[],\"caption\":\"x\"}"), "$.blocks[0].caption: expected an array, got a string"},
	{DOC("{\"type\":\"table\",\"rows\":[],\"caption\":[" PARA("") "]}"), "$.blocks[0].caption[0]: \"paragraph\" is a block type; an inline is expected here"},
	{DOC("{\"type\":\"table\",\"rows\":[[]],\"row-attrs\":{}}"), "$.blocks[0][\"row-attrs\"]: expected an array, got an object"},
	{DOC("{\"type\":\"figure\",\"alt\":\"\"}"), "$.blocks[0]: missing required key \"src\""},
	{DOC("{\"type\":\"figure\",\"src\":\"a\",\"alt\":5}"), "$.blocks[0].alt: expected a string, got an integer"},
	{DOC("{\"type\":\"figure\",\"src\":\"a\",\"alt\":\"\",\"caption\":[],\"caption-attr\":[]}"), "$.blocks[0][\"caption-attr\"]: expected an object, got an array"},
	{DOC("{\"type\":\"div\",\"role\":5,\"blocks\":[]}"), "$.blocks[0].role: expected a string, got an integer"},
	/* fields of inlines */
	{DOC(PARA("{\"type\":\"text\"}")), "$.blocks[0].inlines[0]: missing required key \"text\""},
	{DOC(PARA("{\"type\":\"text\",\"text\":5}")), "$.blocks[0].inlines[0].text: expected a string, got an integer"},
	{DOC(PARA("{\"type\":\"emph\"}")), "$.blocks[0].inlines[0]: missing required key \"inlines\""},
	{DOC(PARA("{\"type\":\"strong\",\"inlines\":[{\"type\":\"sup\",\"inlines\":[" PARA("") "]}]}")),
		"$.blocks[0].inlines[0].inlines[0].inlines[0]: \"paragraph\" is a block type; an inline is expected here"},
	{DOC(PARA("{\"type\":\"code\",\"text\":null}")), "$.blocks[0].inlines[0]: missing required key \"text\""},
	{DOC(PARA("{\"type\":\"link\",\"inlines\":[]}")), "$.blocks[0].inlines[0]: missing required key \"href\""},
	{DOC(PARA("{\"type\":\"link\",\"href\":\"a\\u0000b\",\"inlines\":[]}")), "$.blocks[0].inlines[0].href: a NUL character (\\u0000) is not allowed here"},
	{DOC(PARA("{\"type\":\"link\",\"href\":\"\",\"title\":true,\"inlines\":[]}")), "$.blocks[0].inlines[0].title: expected a string, got true"},
	{DOC(PARA("{\"type\":\"link\",\"href\":\"\"}")), "$.blocks[0].inlines[0]: missing required key \"inlines\""},
	{DOC(PARA("{\"type\":\"image\",\"src\":\"a\"}")), "$.blocks[0].inlines[0]: missing required key \"alt\""},
	{DOC(PARA("{\"type\":\"image\",\"src\":{},\"alt\":\"\"}")), "$.blocks[0].inlines[0].src: expected a string, got an object"},
	{DOC(PARA("{\"type\":\"note\",\"blocks\":[" T "]}")), "$.blocks[0].inlines[0].blocks[0]: \"text\" is an inline type; a block is expected here"},
	{DOC(PARA("{\"type\":\"break\"}")), "$.blocks[0].inlines[0]: \"break\" is a block type; an inline is expected here"},
	{DOC(PARA("{\"type\":\"linebreak\",\"attr\":5}")), "$.blocks[0].inlines[0].attr: expected an object, got an integer"},
	/* attributes */
	{DOC("{\"type\":\"break\",\"attr\":{\"id\":5}}"), "$.blocks[0].attr.id: expected a string, got an integer"},
	{DOC("{\"type\":\"break\",\"attr\":{\"classes\":\"a\"}}"), "$.blocks[0].attr.classes: expected an array, got a string"},
	{DOC("{\"type\":\"break\",\"attr\":{\"classes\":[\"a\",1]}}"), "$.blocks[0].attr.classes[1]: expected a string, got an integer"},
	{DOC("{\"type\":\"break\",\"attr\":{\"kv\":[]}}"), "$.blocks[0].attr.kv: expected an object, got an array"},
	{DOC("{\"type\":\"break\",\"attr\":{\"kv\":{\"data-x\":1}}}"), "$.blocks[0].attr.kv[\"data-x\"]: expected a string, got an integer"},
	/* what the tree rules refuse */
	{DOC(PARA("{\"type\":\"link\",\"href\":\"a\",\"inlines\":[{\"type\":\"link\",\"href\":\"b\",\"inlines\":[]}]}")),
		"$.blocks[0].inlines[0].inlines[0]: *"},
};

static int S_matches(const char *got, const char *want)
{
	size_t n = strlen(want);

	if (n && want[n - 1] == '*') {
		/* "start*" or "start*middle*" */
		const char *star = strchr(want, '*');
		if (strncmp(got, want, (size_t)(star - want)) != 0)
			return 0;
		if (star[1] == '\0')
			return 1;
		{
			char mid[256];
			snprintf(mid, sizeof mid, "%.*s", (int)(n - (size_t)(star - want) - 2), star + 1);
			return strstr(got + (star - want), mid) != NULL;
		}
	}
	return strcmp(got, want) == 0;
}

static void test_malformed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof S_bad / sizeof *S_bad; i++) {
		char msg[512];
		galley_node *doc;
		int rc = S_read(S_bad[i].json, strlen(S_bad[i].json), &doc, msg, sizeof msg);

		if (rc != GALLEY_EINVAL || !S_matches(msg, S_bad[i].message))
			fail_msg("input %zu: %s\n  rc %d, message: %s\n  expected: %s", i, S_bad[i].json, rc, msg,
				S_bad[i].message);
		assert_null(doc);
	}
}

/* Every truncation of a document fails cleanly, naming a line and column. */
static void test_truncated(void **state)
{
	size_t len, n;
	char *data = S_slurp("tables", &len);

	(void)state;
	/* len - 1: everything but the final newline is still a complete document */
	for (n = 0; n < len - 1; n++) {
		char msg[512];
		galley_node *doc;
		char *copy = malloc(n ? n : 1);
		int rc;

		memcpy(copy, data, n);
		rc = S_read(copy, n, &doc, msg, sizeof msg);
		free(copy);
		if (rc != GALLEY_EINVAL || strncmp(msg, "$: ", 3) != 0)
			fail_msg("prefix of %zu bytes: rc %d, %s", n, rc, msg);
	}
	free(data);
}

/* `n` quotes nested in each other, a paragraph innermost. */
static char *S_nested(int n)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int i;

	galley_buffer_puts(&b, "{\"galley-ir\":1,\"blocks\":[");
	for (i = 0; i < n; i++)
		galley_buffer_puts(&b, "{\"type\":\"quote\",\"blocks\":[");
	galley_buffer_puts(&b, PARA(T));
	for (i = 0; i < n; i++)
		galley_buffer_puts(&b, "]}");
	galley_buffer_puts(&b, "]}");
	assert_false(b.oom);
	return galley_buffer_detach(&b, NULL);
}

static void test_deep_nesting(void **state)
{
	char msg[512];
	galley_node *doc;
	galley_buffer out = GALLEY_BUFFER_INIT;
	char *json;
	int rc;

	(void)state;
	/* 254 quotes + paragraph + text: 256 levels, the most the form allows */
	json = S_nested(GALLEY_JSON_MAX_DEPTH - 2);
	doc = S_read_ok(json, strlen(json));
	S_write_ok(doc, &out);
	galley_node_free(doc);
	free(json);
	doc = S_read_ok(out.data, out.len);
	galley_node_free(doc);
	galley_buffer_dispose(&out);

	json = S_nested(GALLEY_JSON_MAX_DEPTH - 1);
	rc = S_read(json, strlen(json), &doc, msg, sizeof msg);
	assert_int_equal(rc, GALLEY_EINVAL);
	assert_non_null(strstr(msg, ": nesting deeper than 256 levels"));
	assert_non_null(strstr(msg, "...")); /* the path is shortened */
	assert_true(strlen(msg) < 300);
	free(json);

	/* far beyond what jansson parses: refused by the parser, not the stack */
	json = malloc(1000001);
	memset(json, '[', 1000000);
	json[1000000] = '\0';
	rc = S_read(json, 1000000, &doc, msg, sizeof msg);
	assert_int_equal(rc, GALLEY_EINVAL);
	assert_non_null(strstr(msg, "maximum parsing depth"));
	free(json);
}

/* The writer refuses a tree the reader would refuse. */
static void test_write_too_deep(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_node *doc;
	char msg[512];
	int i;

	(void)state;
	for (i = 0; i < GALLEY_JSON_MAX_DEPTH + 10; i++)
		assert_int_equal(galley_builder_enter(b, GALLEY_NODE_QUOTE), 0);
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	galley_builder_free(b);
	galley_context_free(ctx);
	assert_int_equal(S_write(doc, &out, msg, sizeof msg), GALLEY_EINVAL);
	assert_non_null(strstr(msg, "deeper than 256 levels"));
	galley_node_free(doc);
	galley_buffer_dispose(&out);
}

/* Text that is not UTF-8 (from some other reader) is written with U+FFFD. */
static void test_write_invalid_utf8(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_node *doc;

	(void)state;
	assert_int_equal(galley_builder_enter(b, GALLEY_NODE_PARAGRAPH), 0);
	static const char bad[] = "a\xff" "b\xc3(\xed\xa0\x80\xf4\x90\x80\x80" "c\xe2\x82";
	assert_int_equal(galley_builder_text(b, bad, sizeof bad - 1), 0);
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	galley_builder_free(b);
	galley_context_free(ctx);
	S_write_ok(doc, &out);
	assert_non_null(strstr(out.data, "\"text\": \"a\xEF\xBF\xBD" "b\xEF\xBF\xBD("));
	assert_non_null(strstr(out.data, "c\xEF\xBF\xBD\xEF\xBF\xBD\"\n"));
	galley_node_free(doc);
	doc = S_read_ok(out.data, out.len);
	galley_node_free(doc);
	galley_buffer_dispose(&out);

	/* a key cannot be repaired without risking a clash: refused, by name */
	doc = galley_node_new(GALLEY_NODE_DOCUMENT);
	assert_int_equal(galley_meta_set(galley_document_meta(doc), "x\xff", "v"), 0);
	ctx = galley_context_new();
	assert_int_equal(json_write(ctx, "json", (const galley_node *const *)&doc, 1, &out, NULL), GALLEY_EINVAL);
	assert_string_equal(galley_context_error(ctx), "a key of the document is not valid UTF-8");
	galley_context_free(ctx);
	galley_node_free(doc);
	galley_buffer_dispose(&out);
}

static void test_probe(void **state)
{
	static const char ours[] = "\xEF\xBB\xBF\n  {\n  \"galley-ir\": 1,";

	(void)state;
	assert_int_equal(json_probe(ours, sizeof ours - 1), 95);
	assert_int_equal(json_probe("{\"a\": 1}", 8), 20);
	assert_int_equal(json_probe("[{\"galley-ir\": 1}]", 18), 0);
	assert_int_equal(json_probe("Press release", 13), 0);
	assert_int_equal(json_probe("<html>", 6), 0);
	assert_int_equal(json_probe("", 0), 0);
	assert_int_equal(json_probe(" \n", 2), 0);
	/* a cut-off key is not a key */
	assert_int_equal(json_probe("{\"galley-i", 10), 20);
}

/* The output sink (galley_context_set_output): what it is sent, piece after
 * piece, is what galley_write() puts in the buffer without one. */
struct sink {
	galley_buffer got;
	int calls, answer, small; /* answer: what the sink returns; small: pieces under 64 KiB */
};

static int S_sink(const char *data, size_t len, void *payload)
{
	struct sink *k = payload;
	k->calls++;
	if (k->answer < 0) {
		errno = ENOSPC;
		return -1;
	}
	if (k->answer > 0)
		return k->answer;
	k->small += len < 65536;
	return galley_buffer_append(&k->got, data, len);
}

static void test_write_sink(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_builder *b = galley_builder_new(ctx);
	galley_buffer whole = GALLEY_BUFFER_INIT, out = GALLEY_BUFFER_INIT;
	struct sink k;
	galley_node *doc = NULL;
	const galley_node *d;
	const galley_writer *w;
	char text[32];

	(void)state;
	/* the plugin as built: galley_write() needs a writer in a registry */
	assert_int_equal(galley_add_plugin_dir(ctx, GALLEY_BUILT_PLUGINS), 0);
	assert_true(galley_load_plugins(ctx) >= 0);
	assert_non_null(w = galley_find_writer(ctx, "json"));
	for (int i = 0; i < 20000; i++) {
		snprintf(text, sizeof text, "p%d.", i);
		assert_int_equal(galley_builder_enter(b, GALLEY_NODE_PARAGRAPH), 0);
		assert_int_equal(galley_builder_text(b, text, strlen(text)), 0);
		assert_int_equal(galley_builder_leave(b), 0);
	}
	assert_int_equal(galley_builder_finish(b, &doc), 0);
	d = doc;
	assert_int_equal(galley_write(ctx, w, &d, 1, &whole), 0);
	assert_true(whole.len > 4 * 65536);

	/* taken: all of it goes to the sink, in pieces of 64 KiB but the last */
	memset(&k, 0, sizeof k);
	galley_context_set_output(ctx, S_sink, &k);
	assert_int_equal(galley_write(ctx, w, &d, 1, &out), 0);
	assert_int_equal(out.len, 0);
	assert_true(k.calls >= 4);
	assert_true(k.small <= 1);
	assert_int_equal(k.got.len, whole.len);
	assert_memory_equal(k.got.data, whole.data, whole.len);
	galley_buffer_dispose(&k.got);

	/* not yet, every time: asked at every point and at the end, and the
	 * buffer holds the output */
	memset(&k, 0, sizeof k);
	k.answer = 2;
	assert_int_equal(galley_write(ctx, w, &d, 1, &out), 0);
	assert_true(k.calls >= 4);
	assert_int_equal(out.len, whole.len);
	assert_memory_equal(out.data, whole.data, whole.len);
	galley_buffer_clear(&out);

	/* declined: asked once, and the buffer holds the output as without a sink */
	memset(&k, 0, sizeof k);
	k.answer = 1;
	assert_int_equal(galley_write(ctx, w, &d, 1, &out), 0);
	assert_int_equal(k.calls, 1);
	assert_int_equal(out.len, whole.len);
	assert_memory_equal(out.data, whole.data, whole.len);
	galley_buffer_clear(&out);

	/* failed: GALLEY_EIO with the reason, asked no more */
	memset(&k, 0, sizeof k);
	k.answer = -1;
	assert_int_equal(galley_write(ctx, w, &d, 1, &out), GALLEY_EIO);
	assert_int_equal(k.calls, 1);
	assert_non_null(strstr(galley_context_error(ctx), "cannot write the output"));
	assert_non_null(strstr(galley_context_error(ctx), strerror(ENOSPC)));

	/* no sink again: nothing is sent */
	memset(&k, 0, sizeof k);
	galley_context_set_output(ctx, NULL, NULL);
	galley_buffer_clear(&out);
	assert_int_equal(galley_write(ctx, w, &d, 1, &out), 0);
	assert_int_equal(k.calls, 0);
	assert_int_equal(out.len, whole.len);
	/* a buffer that is not galley_write()'s is never flushed */
	galley_context_set_output(ctx, S_sink, &k);
	assert_int_equal(galley_writer_flush(ctx, &out), 0);
	assert_int_equal(k.calls, 0);

	galley_buffer_dispose(&out);
	galley_buffer_dispose(&whole);
	galley_node_free(doc);
	galley_builder_free(b);
	galley_context_free(ctx);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_fixtures),
		cmocka_unit_test(test_bom_and_whitespace),
		cmocka_unit_test(test_extra_keys_ignored),
		cmocka_unit_test(test_tree_blocks),
		cmocka_unit_test(test_tree_inlines),
		cmocka_unit_test(test_tree_lists_tables),
		cmocka_unit_test(test_tree_text),
		cmocka_unit_test(test_meta_free_values),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_write_too_deep),
		cmocka_unit_test(test_write_invalid_utf8),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_write_sink),
	};

	/* ctest runs each test on its own: test_json NAME */
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
