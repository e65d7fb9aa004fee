/* test_roundtrip.c — two end-to-end checks through the galley command.
 *
 *   test_md_roundtrip seed GALLEY INPUT EXPECTED.json
 *     The seed release: front matter with title, date, category, hits and
 *     language; a body that cmark parses to exactly one ordered list of the
 *     expected paragraphs, with their exact texts.
 *   test_md_roundtrip GALLEY INPUT
 *     tree -> markdown -> cmark -> HTML -> galley's html reader -> tree keeps
 *     the text of every block (exit 77 when the html reader is missing).
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <galley/galley.h>

static int S_run(const char *cmd, galley_buffer *out)
{
	char buf[8192];
	size_t n;
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		galley_buffer_append(out, buf, n);
	return pclose(p) == 0 ? 0 : -1;
}

static char *S_tmp(const char *data, size_t len)
{
	char *path = strdup("/tmp/galley-md-rt-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

static int S_fail(const char *what, const char *detail)
{
	fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	return 1;
}

/* ---- the seed release ---- */

static int S_seed(const char *galley, const char *input, const char *expected)
{
	galley_buffer md = GALLEY_BUFFER_INIT, cmd = GALLEY_BUFFER_INIT, xml = GALLEY_BUFFER_INIT;
	json_t *want = json_load_file(expected, 0, NULL), *paras;
	const char *body, *keys[] = {"title: ", "date: \"2024-01-18\"", "category: \"Press Releases\"", "hits: 191",
		"language: \"en\""};
	char *path;
	xmlDoc *doc;
	xmlNode *root, *n, *list = NULL, *item;
	size_t i, nblocks = 0, nitems = 0;
	int bad = 0;
	if (access(input, R_OK) != 0 || !want) {
		printf("the shared fixtures are missing (%s); skipped\n", input);
		return 77;
	}
	galley_buffer_printf(&cmd, "'%s' -t markdown '%s'", galley, input);
	if (S_run(cmd.data, &md) < 0)
		return S_fail("galley failed", cmd.data);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char line[256];
		snprintf(line, sizeof line, "\n%s", keys[i]);
		if (strncmp(md.data, "---\n", 4) != 0 || !strstr(md.data, line))
			bad |= S_fail("front matter lacks", keys[i]);
	}
	body = strstr(md.data + 4, "\n---\n");
	if (!body)
		return S_fail("no end of front matter", md.data);
	body += 5;
	path = S_tmp(body, strlen(body));
	galley_buffer_clear(&cmd);
	galley_buffer_printf(&cmd, "cmark -t xml '%s'", path);
	if (S_run(cmd.data, &xml) < 0)
		return S_fail("cmark failed", cmd.data);
	unlink(path);
	free(path);
	doc = xmlReadMemory(xml.data, (int)xml.len, "cmark.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		nblocks++;
		list = n;
	}
	if (nblocks != 1 || strcmp((const char *)list->name, "list") != 0)
		bad |= S_fail("the body is not exactly one list", body);
	else {
		xmlChar *type = xmlGetProp(list, (const xmlChar *)"type"), *start = xmlGetProp(list, (const xmlChar *)"start");
		if (!type || strcmp((const char *)type, "ordered") || !start || strcmp((const char *)start, "1"))
			bad |= S_fail("the list is not ordered from 1", NULL);
		xmlFree(type);
		xmlFree(start);
		paras = json_object_get(want, "paragraphs");
		for (item = list->children; item; item = item->next) {
			xmlNode *p = item->children;
			xmlChar *text;
			json_t *w = json_array_get(paras, nitems);
			if (item->type != XML_ELEMENT_NODE)
				continue;
			if (!p || strcmp((const char *)p->name, "paragraph") || p->next) {
				bad |= S_fail("an item is not one paragraph", NULL);
				nitems++;
				continue;
			}
			text = xmlNodeGetContent(p);
			if (!w || strcmp((const char *)text, json_string_value(json_object_get(w, "text"))))
				bad |= S_fail("paragraph text differs", (const char *)text);
			xmlFree(text);
			nitems++;
		}
		if (nitems != json_array_size(paras))
			bad |= S_fail("wrong number of paragraphs", NULL);
	}
	xmlFreeDoc(doc);
	json_decref(want);
	galley_buffer_dispose(&md);
	galley_buffer_dispose(&cmd);
	galley_buffer_dispose(&xml);
	if (!bad)
		printf("seed %s: front matter and %zu paragraphs as expected\n", input, nitems);
	return bad;
}

/* ---- the round trip ---- */

static void S_inline_text(json_t *inlines, galley_buffer *out)
{
	size_t i;
	json_t *x;
	json_array_foreach(inlines, i, x) {
		const char *t = json_string_value(json_object_get(x, "text"));
		if (t)
			galley_buffer_puts(out, t);
		else if (!strcmp(json_string_value(json_object_get(x, "type")) ? json_string_value(json_object_get(x, "type")) : "", "linebreak"))
			galley_buffer_putc(out, ' ');
		S_inline_text(json_object_get(x, "inlines"), out);
	}
}

/* Every block's text, whitespace collapsed, one a line. */
static void S_blocks_text(json_t *blocks, galley_buffer *out)
{
	size_t i, j;
	json_t *b, *x;
	json_array_foreach(blocks, i, b) {
		galley_buffer t = GALLEY_BUFFER_INIT;
		const char *code = json_string_value(json_object_get(b, "text"));
		int ws = 0;
		if (json_object_get(b, "inlines"))
			S_inline_text(json_object_get(b, "inlines"), &t);
		else if (code)
			galley_buffer_puts(&t, code);
		for (j = 0; j < t.len; j++) {
			char c = t.data[j];
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
				ws = 1;
				continue;
			}
			if (ws && j && out->len && out->data[out->len - 1] != '\n')
				galley_buffer_putc(out, ' ');
			ws = 0;
			galley_buffer_putc(out, c);
		}
		if (t.len)
			galley_buffer_putc(out, '\n');
		galley_buffer_dispose(&t);
		S_blocks_text(json_object_get(b, "blocks"), out);
		json_array_foreach(json_object_get(b, "items"), j, x)
			S_blocks_text(x, out);
		json_array_foreach(json_object_get(b, "rows"), j, x) {
			size_t k;
			json_t *cell;
			json_array_foreach(x, k, cell)
				S_blocks_text(json_object_get(cell, "blocks"), out);
		}
	}
}

static int S_text_of(const char *galley, const char *args, const char *input, galley_buffer *out)
{
	galley_buffer cmd = GALLEY_BUFFER_INIT, js = GALLEY_BUFFER_INIT;
	json_t *doc;
	int rc = -1;
	galley_buffer_printf(&cmd, "'%s' %s -t json '%s'", galley, args, input);
	if (S_run(cmd.data, &js) == 0 && (doc = json_loadb(js.data, js.len, 0, NULL))) {
		S_blocks_text(json_object_get(doc, "blocks"), out);
		json_decref(doc);
		rc = 0;
	}
	galley_buffer_dispose(&cmd);
	galley_buffer_dispose(&js);
	return rc;
}

/* CommonMark has no footnotes: -t markdown writes "[^1]" and a "[^1]: ..."
 * paragraph as text. Drop both from the text after the round trip. */
static void S_drop_notes(galley_buffer *b)
{
	size_t i = 0, o = 0, j;
	while (i < b->len) {
		int line_start = i == 0 || b->data[i - 1] == '\n';
		if (b->data[i] == '[' && i + 2 < b->len && b->data[i + 1] == '^') {
			for (j = i + 2; j < b->len && b->data[j] >= '0' && b->data[j] <= '9'; j++)
				;
			if (j > i + 2 && j < b->len && b->data[j] == ']') {
				if (line_start && j + 1 < b->len && b->data[j + 1] == ':') {
					while (j < b->len && b->data[j] != '\n')
						j++;
				}
				i = j + 1;
				continue;
			}
		}
		b->data[o++] = b->data[i++];
	}
	galley_buffer_truncate(b, o);
}

static int S_roundtrip(const char *galley, const char *input)
{
	galley_buffer cmd = GALLEY_BUFFER_INIT, md = GALLEY_BUFFER_INIT, html = GALLEY_BUFFER_INIT,
		want = GALLEY_BUFFER_INIT, got = GALLEY_BUFFER_INIT, formats = GALLEY_BUFFER_INIT;
	char *mdpath, *htmlpath, *page;
	int rc = 0;
	if (access(input, R_OK) != 0) {
		printf("%s is missing (the shared fixtures?); skipped\n", input);
		return 77;
	}
	galley_buffer_printf(&cmd, "'%s' --list-input-formats", galley);
	if (S_run(cmd.data, &formats) < 0 || !strstr(formats.data ? formats.data : "", "html\n")) {
		printf("the html reader is not built; skipped\n");
		return 77;
	}
	galley_buffer_clear(&cmd);
	galley_buffer_printf(&cmd, "'%s' --no-front-matter -t markdown '%s'", galley, input);
	if (S_run(cmd.data, &md) < 0)
		return S_fail("galley -t markdown failed", cmd.data);
	mdpath = S_tmp(md.data, md.len);
	galley_buffer_clear(&cmd);
	galley_buffer_printf(&cmd, "cmark --unsafe '%s'", mdpath);
	if (S_run(cmd.data, &html) < 0)
		return S_fail("cmark failed", cmd.data);
	/* a whole page, so the html reader sees the body as a document */
	page = malloc(html.len + 128);
	sprintf(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>%s</body></html>", html.data);
	htmlpath = S_tmp(page, strlen(page));
	free(page);
	if (S_text_of(galley, "", input, &want) < 0 || S_text_of(galley, "-f html", htmlpath, &got) < 0)
		rc = S_fail("galley -t json failed", input);
	else if ((S_drop_notes(&got), want.len != got.len) || memcmp(want.data, got.data, want.len)) {
		fprintf(stderr, "--- markdown\n%s--- blocks of the tree\n%s--- blocks after the round trip\n%s",
			md.data, want.data, got.data);
		rc = S_fail("the round trip changed the text of the blocks", input);
	} else {
		printf("%s: %zu bytes of block text kept\n", input, want.len);
	}
	unlink(mdpath);
	unlink(htmlpath);
	free(mdpath);
	free(htmlpath);
	galley_buffer_dispose(&cmd);
	galley_buffer_dispose(&md);
	galley_buffer_dispose(&html);
	galley_buffer_dispose(&want);
	galley_buffer_dispose(&got);
	galley_buffer_dispose(&formats);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "seed"))
		return S_seed(argv[2], argv[3], argv[4]);
	if (argc == 3)
		return S_roundtrip(argv[1], argv[2]);
	fprintf(stderr, "usage: %s seed GALLEY INPUT EXPECTED | %s GALLEY INPUT\n", argv[0], argv[0]);
	return 2;
}
