/* html.c — the html reader plugin: finds the page's charset, parses it with
 * libxml2's HTML parser (never fetching anything), reads the metadata, picks
 * the release out of the page and builds the tree. */
#include "html_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

/* Below this many characters Readability tries again with fewer passes. */
#define S_CHAR_THRESHOLD 500

/* ---- encodings ---------------------------------------------------- */

/* The charset named in a <meta charset> or http-equiv Content-Type within
 * the first bytes, as the HTML prescan finds it. */
static int S_prescan_charset(const char *data, size_t len, char *out, size_t outsz)
{
	size_t n = len < 8192 ? len : 8192;
	for (size_t i = 0; i + 5 < n; i++) {
		if (data[i] != '<' || strncasecmp(data + i + 1, "meta", 4) != 0)
			continue;
		size_t end = i + 5;
		while (end < n && data[end] != '>')
			end++;
		for (size_t j = i + 5; j + 7 < end; j++) {
			if (strncasecmp(data + j, "charset", 7) != 0)
				continue;
			size_t k = j + 7;
			while (k < end && html_is_space((unsigned char)data[k]))
				k++;
			if (k >= end || data[k] != '=')
				continue;
			k++;
			while (k < end && (html_is_space((unsigned char)data[k]) || data[k] == '"' || data[k] == '\''))
				k++;
			size_t m = 0;
			while (k < end && m + 1 < outsz &&
				(isalnum((unsigned char)data[k]) || data[k] == '-' || data[k] == '_' ||
				 data[k] == ':' || data[k] == '.'))
				out[m++] = data[k++];
			out[m] = '\0';
			if (m > 0)
				return 1;
		}
		i = end;
	}
	return 0;
}

/* 1 for libxml2 2.9's "Tag NAME invalid" about an element HTML5 defines:
 * the page is right, the parser is old, so the warning is noise. */
static int S_html5_tag_warning(const char *msg)
{
	static const char *const html5[] = {"article", "aside", "audio", "bdi", "canvas", "data", "datalist",
		"details", "dialog", "figcaption", "figure", "footer", "header", "hgroup", "main", "mark", "math",
		"meter", "nav", "output", "picture", "progress", "rp", "rt", "ruby", "search", "section", "slot",
		"source", "summary", "svg", "template", "time", "track", "video", "wbr", NULL};
	size_t n, i;
	if (!msg || strncmp(msg, "Tag ", 4) != 0)
		return 0;
	msg += 4;
	n = strcspn(msg, " ");
	if (strncmp(msg + n, " invalid", 8) != 0)
		return 0;
	for (i = 0; html5[i]; i++)
		if (strlen(html5[i]) == n && strncasecmp(msg, html5[i], n) == 0)
			return 1;
	return 0;
}

static void S_parser_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr pctx = data;
	galley_context *ctx = pctx != NULL ? pctx->_private : NULL;
	if (ctx == NULL || err == NULL || galley_context_verbosity(ctx) < GALLEY_LOG_DEBUG ||
		S_html5_tag_warning(err->message))
		return;
	galley_log(ctx, GALLEY_LOG_DEBUG, "html line %d: %s", err->line,
		err->message ? err->message : "parser error");
}

/* libxml2 2.9 does not know HTML5's elements: a <header> or <main> right
 * after <title> stays inside <head>, taking the whole page with it. A
 * browser ends the head at the first element that does not belong there;
 * move that element and everything after it to the start of <body>. */
static void S_fix_head(htmlDocPtr doc)
{
	static const char *const head_tags[] = {"title", "meta", "link", "style", "script", "base",
		"noscript", "template", "object", NULL};
	xmlNodePtr root = xmlDocGetRootElement(doc), head = NULL, body = NULL;
	for (xmlNodePtr c = root != NULL ? root->children : NULL; c != NULL; c = c->next) {
		if (html_is(c, "head") && head == NULL)
			head = c;
		else if (html_is(c, "body") && body == NULL)
			body = c;
	}
	if (head == NULL)
		return;
	xmlNodePtr first = NULL;
	for (xmlNodePtr c = head->children; c != NULL && first == NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			int ok = 0;
			for (size_t i = 0; head_tags[i]; i++)
				ok |= html_is(c, head_tags[i]);
			if (!ok)
				first = c;
		} else if (c->type == XML_TEXT_NODE && c->content != NULL &&
			strspn((const char *)c->content, " \t\r\n\f") != strlen((const char *)c->content)) {
			first = c;
		}
	}
	if (first == NULL)
		return;
	if (body == NULL) {
		body = xmlNewDocNode(doc, NULL, (const xmlChar *)"body", NULL);
		if (body == NULL)
			return;
		xmlAddNextSibling(head, body);
	}
	xmlNodePtr anchor = body->children;
	while (first != NULL) {
		xmlNodePtr next = first->next;
		xmlUnlinkNode(first);
		if (anchor != NULL)
			xmlAddPrevSibling(anchor, first);
		else
			xmlAddChild(body, first);
		first = next;
	}
}

/* ---- Word's "Save as HTML" ------------------------------------------ */

/* Word writes a list item as <p class=MsoListParagraph...> whose marker
 * ("·", "1.") stands in a downlevel-revealed conditional comment,
 * <![if !supportLists]>...<![endif]>, which libxml2 reads as text; other
 * conditionals (<![if !vml]>) wrap content that is meant to show. Drop the
 * markers and the list fallback, and make each run of list paragraphs a
 * list (ordered when the fallback marker was a number or a letter); a
 * paragraph in the Title style is the headline. */
static const char S_IF_LISTS[] = "<![if !supportLists]>";
static const char S_ENDIF[] = "<![endif]>";

static int S_word_list_p(xmlNodePtr n)
{
	const char *cls = html_attr(n, "class");
	return html_is(n, "p") && cls != NULL && strncasecmp(cls, "MsoListParagraph", 16) == 0;
}

/* Remove the list fallback from p's children; 1 when its marker was a
 * number or letter ("1.", "a)"), 0 for a bullet, -1 when there was none. */
static int S_word_marker(xmlNodePtr p, galley_buffer *marker)
{
	xmlNodePtr c = p->children;
	while (c != NULL && !(c->type == XML_TEXT_NODE && c->content != NULL &&
		strstr((const char *)c->content, S_IF_LISTS) != NULL))
		c = c->next;
	if (c == NULL)
		return -1;
	char *at = strstr((char *)c->content, S_IF_LISTS);
	char *end = strstr(at, S_ENDIF);
	galley_buffer_clear(marker);
	if (end != NULL) { /* all in one text node */
		galley_buffer_append(marker, at + sizeof S_IF_LISTS - 1, (size_t)(end - at) - (sizeof S_IF_LISTS - 1));
		memmove(at, end + sizeof S_ENDIF - 1, strlen(end + sizeof S_ENDIF - 1) + 1);
	} else {
		*at = '\0';
		xmlNodePtr n = c->next;
		while (n != NULL) {
			xmlNodePtr next = n->next;
			char *e = n->type == XML_TEXT_NODE && n->content != NULL ? strstr((char *)n->content, S_ENDIF) : NULL;
			if (e != NULL) {
				galley_buffer_append(marker, (const char *)n->content, (size_t)(e - (char *)n->content));
				memmove(n->content, e + sizeof S_ENDIF - 1, strlen(e + sizeof S_ENDIF - 1) + 1);
				break;
			}
			html_text(n, marker);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			n = next;
		}
	}
	const unsigned char *m = (const unsigned char *)(marker->data ? marker->data : "");
	while (*m == ' ' || (m[0] == 0xC2 && m[1] == 0xA0))
		m += *m == ' ' ? 1 : 2;
	return isalnum(m[0]) && (m[1] == '.' || m[1] == ')' || isdigit(m[1]));
}

/* The other conditional markers, wherever they stand in text. */
static void S_strip_conditionals(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			char *s = (char *)n->content, *at;
			while ((at = strstr(s, "<![")) != NULL) {
				char *close = strstr(at, "]>");
				if (close == NULL || (strncmp(at, "<![if ", 6) != 0 && strncmp(at, S_ENDIF, sizeof S_ENDIF - 1) != 0)) {
					s = at + 3;
					continue;
				}
				memmove(at, close + 2, strlen(close + 2) + 1);
				s = at;
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			S_strip_conditionals(n->children);
		}
	}
}

/* Runs of Word list paragraphs under one parent become ul/ol of li. */
static int S_word_lists(htmlDocPtr doc, xmlNodePtr parent, galley_buffer *marker)
{
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *cls = html_attr(c, "class");
		if (html_is(c, "p") && cls != NULL && strcasecmp(cls, "MsoTitle") == 0) {
			xmlNodeSetName(c, (const xmlChar *)"h1"); /* Word's Title style is the headline */
			continue;
		}
		if (!S_word_list_p(c)) {
			if (S_word_lists(doc, c, marker) < 0)
				return GALLEY_ENOMEM;
			continue;
		}
		int ordered = S_word_marker(c, marker);
		xmlNodePtr list = xmlNewDocNode(doc, NULL, (const xmlChar *)(ordered == 1 ? "ol" : "ul"), NULL);
		if (list == NULL || marker->oom) {
			xmlFreeNode(list);
			return GALLEY_ENOMEM;
		}
		xmlAddPrevSibling(c, list);
		xmlNodePtr n = c;
		while (n != NULL) {
			xmlNodePtr next = n->next;
			if (n->type == XML_TEXT_NODE && (n->content == NULL ||
				strspn((const char *)n->content, " \t\r\n") == strlen((const char *)n->content))) {
				n = next; /* blank text between the paragraphs */
				continue;
			}
			if (!S_word_list_p(n))
				break;
			if (n != c)
				S_word_marker(n, marker);
			xmlNodePtr li = xmlNewDocNode(doc, NULL, (const xmlChar *)"li", NULL);
			if (li == NULL)
				return GALLEY_ENOMEM;
			xmlUnlinkNode(n);
			xmlAddChild(list, li);
			xmlAddChild(li, n);
			n = next;
		}
		c = list;
	}
	return 0;
}

static int S_fix_word(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	galley_buffer marker = GALLEY_BUFFER_INIT;
	int rc = 0;
	if (root == NULL)
		return 0;
	rc = S_word_lists(doc, root, &marker);
	galley_buffer_dispose(&marker);
	S_strip_conditionals(root->children);
	return rc;
}

static htmlDocPtr S_parse(galley_context *ctx, const char *utf8, size_t len);

/* ---- hostile pages: limits applied around libxml2 -------------------- */

/* Elements more deeply nested than this are flattened into the one at this
 * depth (their text, images and line breaks kept in order), so content is
 * never lost to a depth limit and no recursive walk over the tree (emitter,
 * extractor) runs deep. Table and list structure gets HTML_FLATTEN_SLACK
 * levels more, so a cell or an item is what takes the flattened content. */
#define HTML_FLATTEN_DEPTH 160
#define HTML_FLATTEN_SLACK 16

static int S_structural(xmlNodePtr n)
{
	static const char *const names[] = {"table", "thead", "tbody", "tfoot", "tr", "colgroup",
		"ul", "ol", "dl", "menu", "select"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (html_is(n, names[i]))
			return 1;
	return 0;
}

static int S_inline_name(xmlNodePtr n)
{
	static const char *const names[] = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
		"font", "i", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
		"sup", "time", "tt", "u", "var"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (html_is(n, names[i]))
			return 1;
	return 0;
}

/* Lift every descendant of n into n, in document order: an inline element
 * goes, a block becomes a <br> (so words stay apart), scripts and styles go
 * whole. Linear: each node is re-parented once. */
static void S_flatten_into(xmlNodePtr n)
{
	xmlNodePtr c = n->children;
	while (c != NULL) {
		xmlNodePtr next = c->next;
		if (c->type != XML_ELEMENT_NODE || c->children == NULL) {
			c = next;
			continue;
		}
		if (html_is(c, "script") || html_is(c, "style") || html_is(c, "template") || html_is(c, "noscript")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			c = next;
			continue;
		}
		xmlNodePtr first = c->children, last = c->last;
		for (xmlNodePtr x = first; x != NULL; x = x->next)
			x->parent = n;
		c->children = c->last = NULL;
		/* first..last take c's place, after c */
		last->next = c->next;
		if (c->next != NULL)
			c->next->prev = last;
		else
			n->last = last;
		c->next = first;
		first->prev = c;
		if (S_inline_name(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else {
			xmlFreePropList(c->properties);
			c->properties = NULL;
			xmlNodeSetName(c, (const xmlChar *)"br");
		}
		c = first;
	}
}

static void S_flatten_deep(htmlDocPtr doc)
{
	xmlNodePtr n = doc->children;
	int depth = 1;
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			if (depth >= HTML_FLATTEN_DEPTH + HTML_FLATTEN_SLACK || (depth >= HTML_FLATTEN_DEPTH && !S_structural(n))) {
				S_flatten_into(n);
			} else {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			depth--;
			if (n == (xmlNodePtr)doc)
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
}

/* Attributes on one element before libxml2 sees them: its duplicate check
 * is quadratic (40,000 attributes take 24 s). A light scan of the markup:
 * tags, with quoted values, comments and the text of script, style,
 * textarea and title skipped. Returns the largest count found. */
static size_t S_most_attributes(const char *s, size_t len, size_t limit)
{
	size_t i = 0, most = 0;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - s) + 1;
		if (i + 3 <= len && memcmp(s + i, "!--", 3) == 0) {
			const char *end = NULL;
			for (size_t j = i + 3; j + 3 <= len; j++)
				if (s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>') {
					end = s + j + 3;
					break;
				}
			i = end ? (size_t)(end - s) : len;
			continue;
		}
		if (i >= len || !isalpha((unsigned char)s[i]))
			continue;
		size_t name = i;
		while (i < len && !isspace((unsigned char)s[i]) && s[i] != '>' && s[i] != '/')
			i++;
		size_t name_len = i - name, count = 0;
		int in_attr = 0;
		while (i < len && s[i] != '>') {
			unsigned char c = (unsigned char)s[i];
			if (c == '"' || c == '\'') {
				const char *q = memchr(s + i + 1, c, len - i - 1);
				i = q ? (size_t)(q - s) + 1 : len;
				in_attr = 1;
				continue;
			}
			if (isspace(c) || c == '/') {
				in_attr = 0;
			} else if (c == '=') {
				in_attr = 1;
			} else if (!in_attr) {
				in_attr = 1;
				count++;
			}
			i++;
		}
		if (count > most)
			most = count;
		if (most > limit)
			return most;
		static const char *const raw[] = {"script", "style", "textarea", "title", "xmp", "plaintext"};
		for (size_t r = 0; r < sizeof raw / sizeof raw[0]; r++) {
			size_t rl = strlen(raw[r]);
			if (name_len != rl || strncasecmp(s + name, raw[r], rl) != 0)
				continue;
			/* to the closing tag */
			while (i < len) {
				const char *e = memchr(s + i, '<', len - i);
				if (e == NULL) {
					i = len;
					break;
				}
				i = (size_t)(e - s) + 1;
				if (i + rl + 1 <= len && s[i] == '/' && strncasecmp(s + i + 1, raw[r], rl) == 0)
					break;
			}
			break;
		}
	}
	return most;
}

/* The end of an internal DTD subset "<!DOCTYPE x [ ... ]>" at the start of
 * the page (after a BOM, spaces, an XML declaration and comments), or 0: the HTML parser does not
 * know subsets and would make the declarations body text. Sets *from to
 * where the subset's '[' is. */
static size_t S_internal_subset(const char *s, size_t len, size_t *from)
{
	size_t i = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i + 2 <= len && memcmp(s + i, "<?", 2) == 0) { /* an XML declaration */
			const char *e = memchr(s + i, '>', len - i);
			if (e == NULL)
				return 0;
			i = (size_t)(e - s) + 1;
			continue;
		}
		if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0) {
			const char *e = NULL;
			for (size_t j = i + 4; j + 3 <= len; j++)
				if (memcmp(s + j, "-->", 3) == 0) {
					e = s + j + 3;
					break;
				}
			if (e == NULL)
				return 0;
			i = (size_t)(e - s);
			continue;
		}
		break;
	}
	if (i + 9 > len || strncasecmp(s + i, "<!doctype", 9) != 0)
		return 0;
	for (i += 9; i < len && s[i] != '>' && s[i] != '['; i++)
		if (s[i] == '"' || s[i] == '\'') {
			const char *q = memchr(s + i + 1, s[i], len - i - 1);
			if (q == NULL)
				return 0;
			i = (size_t)(q - s);
		}
	if (i >= len || s[i] != '[')
		return 0;
	*from = i;
	/* to "]" then optional spaces and ">", skipping quoted strings */
	for (i++; i < len; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			const char *q = memchr(s + i + 1, s[i], len - i - 1);
			if (q == NULL)
				return 0;
			i = (size_t)(q - s);
		} else if (s[i] == ']') {
			size_t j = i + 1;
			while (j < len && isspace((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '>')
				return j;
		}
	}
	return 0;
}

htmlDocPtr html_parse(galley_context *ctx, const char *utf8, size_t len)
{
	char *copy = NULL;
	size_t from = 0, to;
	long max_attrs = galley_context_option_long(ctx, "max-attributes", GALLEY_DEFAULT_MAX_ATTRIBUTES);
	size_t most;

	if (utf8 != NULL && (most = S_most_attributes(utf8, len, (size_t)max_attrs)) > (size_t)max_attrs) {
		galley_error(ctx, GALLEY_EINVAL,
			"an element has more than %ld attributes (the max-attributes limit; raise it with -O max-attributes=N)",
			max_attrs);
		return NULL;
	}
	if (utf8 != NULL && (to = S_internal_subset(utf8, len, &from)) > 0) {
		/* blank the subset out: "<!DOCTYPE html" and ">" stay */
		copy = galley_malloc(len ? len : 1);
		if (copy == NULL) {
			galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			return NULL;
		}
		memcpy(copy, utf8, len);
		memset(copy + from, ' ', to - from);
		utf8 = copy;
	}
	htmlDocPtr doc = S_parse(ctx, utf8, len);
	galley_free(copy);
	return doc;
}

static htmlDocPtr S_parse(galley_context *ctx, const char *utf8, size_t len)
{
	htmlParserCtxtPtr pctx = htmlNewParserCtxt();
	if (pctx == NULL)
		return NULL;
	pctx->_private = ctx;
	/* The structured handler on the context takes every message, so
	 * nothing reaches libxml2's global stderr channel. */
	if (pctx->sax != NULL) {
		pctx->sax->serror = S_parser_error;
		pctx->sax->initialized = XML_SAX2_MAGIC;
	}
	/* HUGE: no 10 MB cap on one text run and no depth cap (both cut the page
	 * short, silently); galley's own limits bound the input and the depth. */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
	if (galley_context_verbosity(ctx) < GALLEY_LOG_DEBUG)
		opts |= HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
	if (len > (size_t)INT32_MAX)
		len = INT32_MAX;
	htmlDocPtr doc = NULL;
#if LIBXML_VERSION < 21100
	/* htmlCtxtReadMemory as it is, less one copy of the page: naming
	 * "UTF-8" there runs the whole page through libxml2's UTF-8 "decoder"
	 * (for one process a page, 26M instructions over the readability
	 * corpus and a fresh page of memory every 4 KiB). The bytes are valid
	 * UTF-8 already (galley_to_utf8), so the parser is told so without a
	 * decoder, as a flag; HTML_PARSE_IGNORE_ENC keeps a <meta charset>
	 * from switching it. (2.11 reworked the encoding switch: there the
	 * plain call is kept.) */
	if (utf8 != NULL && len > 0) {
		xmlParserInputBufferPtr in = xmlParserInputBufferCreateMem(utf8, (int)len, XML_CHAR_ENCODING_NONE);
		xmlParserInputPtr stream = in != NULL ? xmlNewIOInputStream(pctx, in, XML_CHAR_ENCODING_NONE) : NULL;
		if (stream == NULL) {
			if (in != NULL)
				xmlFreeParserInputBuffer(in);
			htmlFreeParserCtxt(pctx);
			return NULL;
		}
		inputPush(pctx, stream);
		htmlCtxtUseOptions(pctx, opts);
		xmlSwitchEncoding(pctx, XML_CHAR_ENCODING_UTF8);
		htmlParseDocument(pctx);
		doc = pctx->myDoc;
		pctx->myDoc = NULL;
	} else
#endif
		doc = htmlCtxtReadMemory(pctx, utf8 != NULL ? utf8 : "", (int)len, NULL, "UTF-8", opts);
	/* Out of memory, the recovering parser still returns the part it built:
	 * a page silently cut short. */
	if (doc != NULL && pctx->errNo == XML_ERR_NO_MEMORY) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	htmlFreeParserCtxt(pctx);
	if (doc != NULL && html_merge_roots(doc) < 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc != NULL)
		S_flatten_deep(doc);
	if (doc != NULL)
		S_fix_head(doc);
	if (doc != NULL && S_fix_word(doc) < 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* ---- probe ---------------------------------------------------------- */

int html_probe(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
		(unsigned char)data[2] == 0xBF)
		i = 3;
	size_t n = len < 4096 ? len : 4096;
	while (i < n && html_is_space((unsigned char)data[i]))
		i++;
	int score = 0;
	static const struct { const char *tag; int score; } marks[] = {
		{"<!doctype html", 100}, {"<html", 95}, {"<head", 80}, {"<body", 80},
		{"<meta", 60}, {"<title", 60}, {"<div", 40}, {"<p>", 30}, {"<table", 30},
	};
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t tl = strlen(marks[m].tag);
		for (size_t j = i; j + tl <= n; j++) {
			if (strncasecmp(data + j, marks[m].tag, tl) == 0) {
				int s = marks[m].score;
				if (j > i + 1024)
					s -= 20; /* far from the start: less sure */
				if (s > score)
					score = s;
				break;
			}
		}
		if (score >= 95)
			break;
	}
	if (score == 0 && i < n && data[i] == '<' && i + 1 < n &&
		(isalpha((unsigned char)data[i + 1]) || data[i + 1] == '!'))
		score = 20;
	return score;
}

/* ---- after building: what a reader drops ----------------------------- */

static int S_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (html_is_space(c))
			continue;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
			i++;
			continue;
		}
		if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			((unsigned char)s[i + 2] == 0x8B || (unsigned char)s[i + 2] == 0x83 ||
			 (unsigned char)s[i + 2] == 0x82)) { /* zero-width / em / en spaces */
			i += 2;
			continue;
		}
		if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
			i += 2; /* ideographic space */
			continue;
		}
		return 0;
	}
	return 1;
}

static int S_has_kind(galley_node *node, galley_node_type kind)
{
	for (galley_node *c = galley_node_first_child(node); c != NULL; c = galley_node_next(c)) {
		if (galley_node_get_type(c) == kind || S_has_kind(c, kind))
			return 1;
	}
	return 0;
}

/* 1 when a block holds no text and no image or other content that shows;
 * *oom set when its text could not be had. */
static int S_empty_block(galley_node *node, int *oom)
{
	galley_node_type t = galley_node_get_type(node);
	if (t == GALLEY_NODE_BREAK || t == GALLEY_NODE_CODE_BLOCK || t == GALLEY_NODE_FIGURE ||
		t == GALLEY_NODE_TABLE)
		return t == GALLEY_NODE_CODE_BLOCK ? galley_node_get_text_len(node) == 0 : 0;
	if (S_has_kind(node, GALLEY_NODE_IMAGE) || S_has_kind(node, GALLEY_NODE_FIGURE) ||
		S_has_kind(node, GALLEY_NODE_TABLE) || S_has_kind(node, GALLEY_NODE_BREAK))
		return 0;
	galley_buffer tb = GALLEY_BUFFER_INIT;
	if (galley_node_text_content(node, &tb) < 0 || tb.oom)
		*oom = 1;
	int blank = tb.oom ? 0 : S_blank(tb.data ? tb.data : "", tb.len);
	galley_buffer_dispose(&tb);
	return blank;
}

/* The length of the Unicode space at s[i] (ASCII whitespace, NBSP, the
 * U+2000 spaces, zero-width space, narrow NBSP, U+205F, the ideographic
 * space U+3000 that indents Chinese and Japanese paragraphs, BOM), 0 when
 * there is none. */
static size_t S_uspace_at(const unsigned char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (html_is_space(s[i]))
		return 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 >= len)
		return 0;
	if (s[i] == 0xE2 && s[i + 1] == 0x80 && ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8B) || s[i + 2] == 0xAF))
		return 3;
	if ((s[i] == 0xE2 && s[i + 1] == 0x81 && s[i + 2] == 0x9F) || (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) ||
		(s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF))
		return 3;
	return 0;
}

/* The same for the space that ends at s[end] (exclusive). */
static size_t S_uspace_before(const unsigned char *s, size_t end)
{
	if (end >= 1 && html_is_space(s[end - 1]))
		return 1;
	if (end >= 2 && S_uspace_at(s, end, end - 2) == 2)
		return 2;
	if (end >= 3 && S_uspace_at(s, end, end - 3) == 3)
		return 3;
	return 0;
}

static void S_set_span(galley_node *text, size_t from, size_t to, int *oom)
{
	char *copy = galley_strndup(galley_node_get_text(text) + from, to - from);
	if (copy == NULL || galley_node_set_text(text, copy, to - from) < 0)
		*oom = 1;
	galley_free(copy);
}

/* Trim line breaks and blank text, Unicode spaces included, at both ends
 * of inline content. */
static void S_trim_inlines(galley_node *node, int *oom)
{
	galley_node *last;
	while ((last = galley_node_last_child(node)) != NULL) {
		galley_node_type t = galley_node_get_type(last);
		if (t == GALLEY_NODE_LINEBREAK) {
			galley_node_free(last);
			continue;
		}
		if (t == GALLEY_NODE_TEXT) {
			const unsigned char *s = (const unsigned char *)galley_node_get_text(last);
			size_t l = galley_node_get_text_len(last), w;
			while (l > 0 && (w = S_uspace_before(s, l)) > 0)
				l -= w;
			if (l == 0) {
				galley_node_free(last);
				continue;
			}
			if (l != galley_node_get_text_len(last))
				S_set_span(last, 0, l, oom);
		}
		break;
	}
	galley_node *first;
	while ((first = galley_node_first_child(node)) != NULL) {
		galley_node_type t = galley_node_get_type(first);
		if (t == GALLEY_NODE_LINEBREAK) {
			galley_node_free(first);
			continue;
		}
		if (t == GALLEY_NODE_TEXT) {
			const unsigned char *s = (const unsigned char *)galley_node_get_text(first);
			size_t l = galley_node_get_text_len(first), i = 0, w;
			while (i < l && (w = S_uspace_at(s, l, i)) > 0)
				i += w;
			if (i == l) {
				galley_node_free(first);
				continue;
			}
			if (i > 0)
				S_set_span(first, i, l, oom);
		}
		break;
	}
}

static void S_tidy(galley_node *node, int top, int *oom)
{
	galley_node *c = galley_node_first_child(node);
	while (c != NULL) {
		galley_node *next = galley_node_next(c);
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING || t == GALLEY_NODE_CAPTION)
			S_trim_inlines(c, oom);
		if (galley_node_type_is_block(t) && t != GALLEY_NODE_CAPTION && t != GALLEY_NODE_CELL &&
			t != GALLEY_NODE_ROW && t != GALLEY_NODE_ITEM) {
			if (S_empty_block(c, oom)) {
				galley_node_free(c);
				c = next;
				continue;
			}
		}
		if (top && (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING)) {
			galley_buffer tb = GALLEY_BUFFER_INIT;
			if (galley_node_text_content(c, &tb) < 0 || tb.oom)
				*oom = 1;
			if (!tb.oom && tb.len < 64 && grel_is_chrome(tb.data, tb.len)) {
				galley_buffer_dispose(&tb);
				galley_node_free(c);
				c = next;
				continue;
			}
			galley_buffer_dispose(&tb);
		}
		if (!galley_node_type_is_leaf(t) && galley_node_type_is_block(t))
			S_tidy(c, 0, oom);
		c = next;
	}
}


/* ---- the reader ------------------------------------------------------ */

static int S_build(html_page *page, htmlDocPtr doc, int flags, html_undo *undo, galley_builder *b)
{
	xmlNodePtr *nodes = NULL;
	size_t n = 0;
	int rc = html_extract(page, doc, flags, undo, &nodes, &n);
	if (rc == 0)
		rc = html_emit(page, b, nodes, n);
	galley_free(nodes);
	return rc;
}

/* Characters as Readability's innerText counts them: whitespace runs
 * (block separators included) count once. Kana, Han and Hangul (UTF-8
 * leads E3..ED: U+3000..U+DFFF) count three each, as long as the same
 * text runs in a Latin script: Readability's threshold was set for Latin
 * text, and a whole Korean or Chinese release is often shorter than it. */
static size_t S_doc_text_length(galley_node *doc, int *oom)
{
	galley_buffer tb = GALLEY_BUFFER_INIT;
	if (galley_node_text_content(doc, &tb) < 0 || tb.oom)
		*oom = 1;
	size_t n = 0;
	int space = 1;
	for (size_t i = 0; i < tb.len; i++) {
		unsigned char c = (unsigned char)tb.data[i];
		if (html_is_space(c)) {
			if (!space)
				n++;
			space = 1;
		} else if ((c & 0xC0) != 0x80) {
			n += c >= 0xE3 && c <= 0xED ? 3 : 1;
			space = 0;
		}
	}
	galley_buffer_dispose(&tb);
	return n;
}

/* 1 when the page's body (less scripts and styles, and <noscript> too
 * when skip_noscript) holds any visible character. */
static int S_page_has_text(htmlDocPtr doc, int skip_noscript)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL;
	for (xmlNodePtr c = root != NULL ? root->children : NULL; c != NULL; c = c->next)
		if (html_is(c, "body"))
			body = c;
	for (xmlNodePtr n = body, next; n != NULL; n = next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			for (const xmlChar *p = n->content; *p; p++)
				if (!html_is_space(*p))
					return 1;
		}
		/* depth first, not into scripts and styles */
		if (n->children != NULL && n->type == XML_ELEMENT_NODE && !html_is(n, "script") && !html_is(n, "style") &&
			!html_is(n, "template") && !(skip_noscript && html_is(n, "noscript"))) {
			next = n->children;
			continue;
		}
		while (n != NULL && n != body && n->next == NULL)
			n = n->parent;
		next = n != NULL && n != body ? n->next : NULL;
	}
	return 0;
}

/* Every <noscript> in the body becomes a <div>; the number renamed. For a
 * page whose text is all there. */
static size_t S_noscript_to_div(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL;
	size_t n = 0;
	for (xmlNodePtr c = root != NULL ? root->children : NULL; c != NULL; c = c->next)
		if (html_is(c, "body"))
			body = c;
	for (xmlNodePtr x = body, next; x != NULL; x = next) {
		if (x->type == XML_ELEMENT_NODE && html_is(x, "noscript")) {
			xmlNodeSetName(x, BAD_CAST "div");
			n++;
		}
		if (x->children != NULL && x->type == XML_ELEMENT_NODE && !html_is(x, "script") && !html_is(x, "style")) {
			next = x->children;
			continue;
		}
		while (x != NULL && x != body && x->next == NULL)
			x = x->parent;
		next = x != NULL && x != body ? x->next : NULL;
	}
	return n;
}

/* One attempt on the document as parsed (the edits of an earlier one
 * rolled back), a tree built into its own builder so that it can be
 * tidied and compared. */
static int S_attempt(html_page *page, htmlDocPtr doc, int flags, html_undo *undo, galley_node **out)
{
	galley_builder *tb = galley_builder_new(page->ctx);
	if (tb == NULL)
		return galley_error(page->ctx, GALLEY_ENOMEM, "out of memory");
	int rc = S_build(page, doc, flags, undo, tb);
	if (rc == 0)
		rc = galley_builder_finish(tb, out);
	galley_builder_free(tb);
	if (rc == 0) {
		int oom = 0;
		/* the plain path keeps even a lone chrome-like line: it may be all
		 * the page says */
		S_tidy(*out, !(flags & HTML_FLAG_PLAIN), &oom);
		if (oom) {
			galley_node_free(*out);
			*out = NULL;
			rc = galley_error(page->ctx, GALLEY_ENOMEM, "out of memory");
		}
	}
	return rc;
}

/* Valid UTF-8 without a BOM or a NUL at the start, labelled UTF-8 or not
 * at all: what galley_to_utf8 would copy unchanged, so it is read where it
 * lies (for one process a page, a copy of the page and its fresh pages). */
static int S_utf8_as_is(const char *data, size_t len, const char *hint)
{
	if (hint && strcasecmp(hint, "utf-8") != 0 && strcasecmp(hint, "utf8") != 0)
		return 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	if (memchr(data, '\0', len < 4096 ? len : 4096))
		return 0;
	return galley_utf8_valid(data, len);
}

int html_read(galley_context *ctx, galley_builder *b, const char *data, size_t len)
{
	char label[64], charset[64] = "";
	if (data == NULL) {
		data = "";
		len = 0;
	}
	/* The core's policy decides what the label is worth (a BOM beats it,
	 * valid UTF-8 beats a lying one, an impossible one means detection). */
	galley_buffer u = GALLEY_BUFFER_INIT;
	const char *hint = S_prescan_charset(data, len, label, sizeof label) ? label : NULL;
	int rc = 0, as_is = S_utf8_as_is(data, len, hint);
	if (as_is)
		strcpy(charset, "UTF-8");
	else
		rc = galley_to_utf8(ctx, data, len, hint, &u, charset, sizeof charset);
	if (rc < 0) {
		galley_buffer_dispose(&u);
		return rc;
	}
	galley_log(ctx, GALLEY_LOG_INFO, "html: charset %s", charset[0] ? charset : "?");

	html_page page = {ctx, as_is ? data : u.data ? u.data : "", as_is ? len : u.len, NULL, NULL, "", 0};
	htmlDocPtr doc = html_parse(ctx, page.utf8, page.utf8_len);
	if (doc == NULL) {
		galley_buffer_dispose(&u);
		if (galley_context_error_code(ctx) < 0) /* a limit, said already */
			return galley_context_error_code(ctx);
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory parsing HTML");
	}
	rc = html_meta_collect(&page, doc, galley_builder_meta(b));

	/* Readability's retry: each pass that leaves too little text is
	 * repeated with one more of its filters switched off; the longest
	 * result wins when none reaches the threshold. */
	static const int passes[] = {
		HTML_FLAG_STRIP_UNLIKELY | HTML_FLAG_WEIGHT_CLASSES | HTML_FLAG_CLEAN_COND,
		HTML_FLAG_WEIGHT_CLASSES | HTML_FLAG_CLEAN_COND,
		HTML_FLAG_CLEAN_COND,
		0,
	};
	galley_node *best = NULL;
	size_t best_len = 0;
	html_undo *undo = html_undo_new();
	/* An application's shell: all the text is for browsers without
	 * scripts. Read it as such a browser shows it. */
	if (rc == 0 && !S_page_has_text(doc, 1) && S_page_has_text(doc, 0) && S_noscript_to_div(doc))
		galley_log(ctx, GALLEY_LOG_INFO, "html: the text is all in <noscript>; read from there");
	if (rc == 0 && undo == NULL)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	for (size_t p = 0; rc == 0 && p < sizeof passes / sizeof passes[0]; p++) {
		if (p > 0)
			html_undo_rollback(undo); /* the page as parsed, not parsed again */
		galley_node *tree = NULL;
		rc = S_attempt(&page, doc, passes[p], undo, &tree);
		if (rc < 0)
			break;
		int oom = 0;
		size_t tl = S_doc_text_length(tree, &oom);
		if (oom) {
			galley_node_free(tree);
			rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			break;
		}
		galley_log(ctx, GALLEY_LOG_DEBUG, "html: pass %zu kept %zu characters", p, tl);
		if (best == NULL || tl > best_len) {
			if (best != NULL)
				galley_node_free(best);
			best = tree;
			best_len = tl;
		} else {
			galley_node_free(tree);
		}
		if (best_len >= S_CHAR_THRESHOLD)
			break;
	}
	/* Every pass kept nothing (too little text for the scorer, or only
	 * lines that look like chrome): a page with text never gives an empty
	 * document, so take its body as it is. */
	/* the last pass's edits (junk taken out) undone first: the text is the page's */
	if (rc == 0 && best_len == 0)
		html_undo_rollback(undo);
	if (rc == 0 && best_len == 0 && S_page_has_text(doc, 0)) {
		galley_log(ctx, GALLEY_LOG_INFO, "html: no article found; the page's body as it is");
		galley_node_free(best);
		best = NULL;
		rc = S_attempt(&page, doc, HTML_FLAG_PLAIN, undo, &best);
	} else if (rc == 0 && best_len == 0) {
		galley_log(ctx, GALLEY_LOG_INFO, "html: the page holds no visible text");
	} else if (rc == 0) {
		galley_log(ctx, GALLEY_LOG_INFO, "html: the article the scorer found (%zu characters)", best_len);
	}
	if (rc < 0)
		html_undo_rollback(undo); /* a pass cut short: its new nodes are in no document */
	html_undo_free(undo); /* frees the nodes taken out: before their document */
	xmlFreeDoc(doc);

	if (rc == 0 && best != NULL && galley_meta_get(galley_builder_meta(b), "language") == NULL) {
		galley_buffer tb = GALLEY_BUFFER_INIT;
		char lang[17];
		int trc = galley_node_text_content(best, &tb);
		/* a few KiB tell the language as well as the whole text */
		size_t cut = tb.len < 2048 ? tb.len : 2048;
		while (cut < tb.len && cut > 0 && ((unsigned char)tb.data[cut] & 0xC0) == 0x80)
			cut--;
		if (trc < 0 || tb.oom)
			rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		else if (cut > 0) {
			int lrc = galley_detect_language(tb.data, cut, lang, sizeof lang);
			if (lrc == 0)
				rc = galley_meta_set(galley_builder_meta(b), "language", lang);
			else if (lrc == GALLEY_ENOMEM)
				rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		}
		galley_buffer_dispose(&tb);
	}
	/* The release pass rewrites the blocks (release.h): date lines, notes,
	 * signatures, contacts, end marks, numbered paragraphs, outlines. */
	if (rc == 0 && best != NULL)
		rc = grel_pass(ctx, best, galley_builder_meta(b), 0);
	if (rc == 0 && best != NULL)
		rc = html_body_facts(&page, best, galley_builder_meta(b));
	/* The header's facts finished as for text (release.h): the title less
	 * a label, the issuer from the title, normalised. */
	if (rc == 0)
		rc = grel_finish_meta(galley_builder_meta(b));
	if (rc == 0 && best != NULL) {
		galley_node *c;
		while (rc == 0 && (c = galley_node_first_child(best)) != NULL) {
			galley_node_unlink(c);
			rc = galley_builder_append(b, c);
			if (rc < 0)
				galley_node_free(c);
		}
	}
	if (best != NULL)
		galley_node_free(best);
	galley_free(page.base);
	galley_free(page.title);
	galley_buffer_dispose(&u);
	return rc;
}
