/* mdcheck.c — canonical forms of a document from a galley tree and from
 * cmark's XML, for the property and round-trip tests. Whitespace runs
 * collapse to one space (a soft or hard break is a space); raw inline HTML
 * tags that the writer uses (<em>, <strong>, <sup>, <sub>) count as the
 * inline they open or close. */
#include "mdcheck.h"
#include "md.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A token stream: marks ("P{", "}", "E{", "L(url){", ...) and text, with
 * text collapsed and trimmed at the edges of each block's inline content. */
typedef struct {
	galley_buffer *out;
	galley_buffer text; /* pending text of the current run */
	int at_block_start; /* no mark or text yet inside the current block */
	int in_code;        /* between raw <code> and </code>: text is code */
} S_canon;

static void S_flush_text(S_canon *c, int block_end)
{
	size_t i;
	galley_buffer t = GALLEY_BUFFER_INIT;
	int ws = 0;
	for (i = 0; i < c->text.len; i++) {
		char ch = c->text.data[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			ws = 1;
			continue;
		}
		if (ws && (t.len || !c->at_block_start))
			galley_buffer_putc(&t, ' ');
		ws = 0;
		galley_buffer_putc(&t, ch);
	}
	if (ws && !block_end && (t.len || !c->at_block_start))
		galley_buffer_putc(&t, ' ');
	if (t.len) {
		galley_buffer_putc(c->out, '"');
		galley_buffer_append(c->out, t.data, t.len);
		galley_buffer_putc(c->out, '"');
		c->at_block_start = 0;
	}
	galley_buffer_dispose(&t);
	galley_buffer_clear(&c->text);
}

static void S_mark(S_canon *c, const char *m, int block_end)
{
	S_flush_text(c, block_end);
	galley_buffer_puts(c->out, m);
	c->at_block_start = 0;
}

static void S_block_open(S_canon *c, const char *m)
{
	S_flush_text(c, 1);
	galley_buffer_puts(c->out, m);
	c->at_block_start = 1;
}

static void S_block_close(S_canon *c)
{
	S_flush_text(c, 1);
	/* an empty paragraph is no paragraph */
	if (c->out->len >= 2 && !strcmp(c->out->data + c->out->len - 2, "P{")) {
		galley_buffer_truncate(c->out, c->out->len - 2);
		return;
	}
	galley_buffer_puts(c->out, "}");
	c->at_block_start = 0;
}

static void S_code_text(galley_buffer *out, const char *s, size_t n, int block)
{
	size_t i;
	galley_buffer_putc(out, '`');
	for (i = 0; i < n; i++)
		galley_buffer_putc(out, (!block && (s[i] == '\n' || s[i] == '\r')) ? ' ' : s[i]);
	if (block && n && s[n - 1] != '\n')
		galley_buffer_putc(out, '\n');
	galley_buffer_putc(out, '`');
}

int mdcheck_tree(galley_node *doc, galley_buffer *out)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event_type ev;
	S_canon c = {out, GALLEY_BUFFER_INIT, 1, 0};
	char m[64];
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		int enter = ev == GALLEY_EVENT_ENTER;
		switch (galley_node_get_type(n)) {
		case GALLEY_NODE_PARAGRAPH:
			if (enter)
				S_block_open(&c, "P{");
			else
				S_block_close(&c);
			break;
		case GALLEY_NODE_HEADING:
			snprintf(m, sizeof m, "H%d{", galley_node_get_level(n));
			if (enter)
				S_block_open(&c, m);
			else
				S_block_close(&c);
			break;
		case GALLEY_NODE_LIST:
			if (galley_node_get_list_ordered(n))
				snprintf(m, sizeof m, "OL%ld{", galley_node_get_list_start(n));
			else
				snprintf(m, sizeof m, "UL{");
			if (enter)
				S_block_open(&c, m);
			else
				S_block_close(&c);
			break;
		case GALLEY_NODE_ITEM:
		case GALLEY_NODE_QUOTE:
			if (enter)
				S_block_open(&c, galley_node_get_type(n) == GALLEY_NODE_ITEM ? "LI{" : "Q{");
			else
				S_block_close(&c);
			break;
		case GALLEY_NODE_CODE_BLOCK: {
			const char *lang = galley_node_get_language(n);
			S_flush_text(&c, 1);
			galley_buffer_printf(out, "CODE[%s]", lang ? lang : "");
			S_code_text(out, galley_node_get_text(n), galley_node_get_text_len(n), 1);
			break;
		}
		case GALLEY_NODE_BREAK:
			S_mark(&c, "HR", 1);
			break;
		case GALLEY_NODE_TEXT:
			galley_buffer_append(&c.text, galley_node_get_text(n), galley_node_get_text_len(n));
			break;
		case GALLEY_NODE_LINEBREAK:
			galley_buffer_putc(&c.text, ' ');
			break;
		case GALLEY_NODE_CODE:
			if (galley_node_get_text_len(n)) {
				S_mark(&c, "C", 0);
				S_code_text(out, galley_node_get_text(n), galley_node_get_text_len(n), 0);
			}
			break;
		case GALLEY_NODE_EMPH:
			S_mark(&c, enter ? "E{" : "}", 0);
			break;
		case GALLEY_NODE_STRONG:
			S_mark(&c, enter ? "S{" : "}", 0);
			break;
		case GALLEY_NODE_SUP:
			S_mark(&c, enter ? "SUP{" : "}", 0);
			break;
		case GALLEY_NODE_SUB:
			S_mark(&c, enter ? "SUB{" : "}", 0);
			break;
		case GALLEY_NODE_LINK:
			if (enter) {
				S_mark(&c, "L(", 0);
				galley_buffer_puts(out, galley_node_get_url(n) ? galley_node_get_url(n) : "");
				galley_buffer_puts(out, "){");
			} else {
				S_mark(&c, "}", 0);
			}
			break;
		case GALLEY_NODE_IMAGE: {
			const char *alt = galley_node_get_alt(n);
			S_mark(&c, "IMG(", 0);
			galley_buffer_puts(out, galley_node_get_url(n) ? galley_node_get_url(n) : "");
			galley_buffer_puts(out, "){");
			galley_buffer_puts(&c.text, alt ? alt : "");
			S_mark(&c, "}", 0);
			break;
		}
		default:
			break;
		}
	}
	S_flush_text(&c, 1);
	galley_buffer_dispose(&c.text);
	galley_iter_free(it);
	return 0;
}

static const char *S_attr(xmlNode *n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	snprintf(buf, size, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

static void S_xml(S_canon *c, xmlNode *n)
{
	char a[1024], b[64];
	for (; n; n = n->next) {
		const char *name = (const char *)n->name;
		xmlChar *content;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp(name, "paragraph") || !strcmp(name, "heading") || !strcmp(name, "list") ||
		    !strcmp(name, "item") || !strcmp(name, "block_quote")) {
			if (!strcmp(name, "paragraph"))
				S_block_open(c, "P{");
			else if (!strcmp(name, "heading")) {
				snprintf(a, sizeof a, "H%s{", S_attr(n, "level", b, sizeof b));
				S_block_open(c, a);
			} else if (!strcmp(name, "list")) {
				S_attr(n, "type", b, sizeof b);
				if (!strcmp(b, "ordered")) {
					snprintf(a, sizeof a, "OL%s{", S_attr(n, "start", b, sizeof b));
					S_block_open(c, a);
				} else {
					S_block_open(c, "UL{");
				}
			} else {
				S_block_open(c, !strcmp(name, "item") ? "LI{" : "Q{");
			}
			S_xml(c, n->children);
			S_block_close(c);
		} else if (!strcmp(name, "code_block")) {
			content = xmlNodeGetContent(n);
			S_flush_text(c, 1);
			galley_buffer_printf(c->out, "CODE[%s]", S_attr(n, "info", a, sizeof a));
			S_code_text(c->out, (const char *)content, strlen((const char *)content), 1);
			xmlFree(content);
		} else if (!strcmp(name, "thematic_break")) {
			S_mark(c, "HR", 1);
		} else if (!strcmp(name, "text")) {
			content = xmlNodeGetContent(n);
			galley_buffer_puts(&c->text, (const char *)content);
			xmlFree(content);
		} else if (!strcmp(name, "softbreak") || !strcmp(name, "linebreak")) {
			galley_buffer_putc(&c->text, ' ');
		} else if (!strcmp(name, "code")) {
			content = xmlNodeGetContent(n);
			S_mark(c, "C", 0);
			S_code_text(c->out, (const char *)content, strlen((const char *)content), 0);
			xmlFree(content);
		} else if (!strcmp(name, "emph") || !strcmp(name, "strong")) {
			S_mark(c, !strcmp(name, "emph") ? "E{" : "S{", 0);
			S_xml(c, n->children);
			S_mark(c, "}", 0);
		} else if (!strcmp(name, "link") || !strcmp(name, "image")) {
			S_mark(c, !strcmp(name, "link") ? "L(" : "IMG(", 0);
			galley_buffer_puts(c->out, S_attr(n, "destination", a, sizeof a));
			galley_buffer_puts(c->out, "){");
			S_xml(c, n->children);
			S_mark(c, "}", 0);
		} else if (!strcmp(name, "html_inline")) {
			static const char *const tags[][2] = {{"<em>", "E{"}, {"<strong>", "S{"}, {"<sup>", "SUP{"},
				{"<sub>", "SUB{"}, {"</em>", "}"}, {"</strong>", "}"}, {"</sup>", "}"}, {"</sub>", "}"}};
			size_t i;
			content = xmlNodeGetContent(n);
			for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
				if (!strcmp((const char *)content, tags[i][0]))
					break;
			if (!strcmp((const char *)content, "<code>")) {
				S_mark(c, "C", 0);
				c->in_code = 1;
			} else if (!strcmp((const char *)content, "</code>")) {
				S_code_text(c->out, c->text.data ? c->text.data : "", c->text.len, 0);
				galley_buffer_clear(&c->text);
				c->in_code = 0;
			} else if (i < sizeof tags / sizeof tags[0]) {
				S_mark(c, tags[i][1], 0);
			} else {
				S_mark(c, "HTML:", 0);
				galley_buffer_puts(c->out, (const char *)content);
			}
			xmlFree(content);
		} else {
			S_mark(c, "?", 0);
			galley_buffer_puts(c->out, name);
			S_xml(c, n->children);
		}
	}
}

int mdcheck_cmark(const char *cmd, const char *markdown, size_t len, galley_buffer *out)
{
	char path[] = "/tmp/galley-mdcheck-XXXXXX", line[4096];
	galley_buffer xml = GALLEY_BUFFER_INIT, command = GALLEY_BUFFER_INIT;
	FILE *f, *p;
	size_t n;
	int fd = mkstemp(path), rc = 0;
	xmlDoc *doc;
	if (fd < 0)
		return -1;
	f = fdopen(fd, "wb");
	if (len)
		fwrite(markdown, 1, len, f);
	fclose(f);
	galley_buffer_printf(&command, "%s -t xml %s", cmd, path);
	p = popen(command.data, "r");
	if (!p) {
		unlink(path);
		galley_buffer_dispose(&command);
		return -1;
	}
	while ((n = fread(line, 1, sizeof line, p)) > 0)
		galley_buffer_append(&xml, line, n);
	if (pclose(p) != 0)
		rc = -1;
	unlink(path);
	galley_buffer_dispose(&command);
	doc = rc == 0 ? xmlReadMemory(xml.data, (int)xml.len, "cmark.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS) : NULL;
	if (doc) {
		S_canon c = {out, GALLEY_BUFFER_INIT, 1, 0};
		S_xml(&c, xmlDocGetRootElement(doc)->children);
		S_flush_text(&c, 1);
		galley_buffer_dispose(&c.text);
		xmlFreeDoc(doc);
	} else {
		rc = -1;
	}
	galley_buffer_dispose(&xml);
	return rc;
}

int mdcheck_render(galley_node *doc, const char *name, const char *wrap, int front_matter, galley_buffer *out)
{
	galley_context *ctx = galley_context_new();
	int rc;
	if (wrap)
		galley_context_set_option(ctx, "wrap", wrap);
	galley_context_set_option(ctx, "front-matter", front_matter ? "true" : "false");
	rc = md_write(ctx, name, (const galley_node *const *)&doc, 1, out, NULL);
	if (rc < 0)
		fprintf(stderr, "markdown writer: %s\n", galley_context_error(ctx));
	galley_context_free(ctx);
	return rc;
}

const char *mdcheck_body(const char *md)
{
	const char *end;
	if (strncmp(md, "---\n", 4) != 0)
		return md;
	end = strstr(md + 4, "\n---\n");
	if (!end)
		return md;
	return end[5] == '\n' ? end + 6 : end + 5;
}
