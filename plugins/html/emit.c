/* emit.c — maps the chosen HTML elements onto the document tree through
 * the builder: blocks (headings, paragraphs, lists, tables, quotes, code,
 * figures), inlines (links, emphasis, code, images, breaks, sup/sub), with
 * HTML's whitespace collapsing. */
#include "html_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	html_page *page;
	galley_builder *b;
	int rc;
	int at_start; /* no text yet in the current paragraph */
	int pending;  /* whitespace seen since the last character */
	int depth;    /* recursion guard against absurd nesting */
	int in_link;  /* inside a link: a link in it gives only its content */
} S_em;

#define S_MAX_DEPTH 256 /* html_parse flattens deeper nesting first */

static void S_blocks(S_em *em, xmlNodePtr first);
static void S_inlines(S_em *em, xmlNodePtr first);

static const char *const S_block_tags[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
	"dt", "dd", "li", "table", "blockquote", "pre", "figure", "hr", "section", "article", "main", "header",
	"footer", "aside", "nav", "form", "fieldset", "center", "address", "details", "figcaption", "caption",
	"tr", "td", "th", "tbody", "thead", "tfoot", "menu", "dir", "hgroup", "body", "html", "legend", "listing",
	"xmp", "plaintext", "summary", "search", NULL};

static int S_is_block(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; S_block_tags[i]; i++)
		if (strcmp((const char *)n->name, S_block_tags[i]) == 0)
			return 1;
	return 0;
}

static int S_ok(S_em *em, int rc)
{
	if (rc < 0 && em->rc == 0)
		em->rc = rc;
	return em->rc == 0;
}

static void S_new_flow(S_em *em)
{
	em->at_start = 1;
	em->pending = 0;
}

/* Collapsed text into the current inline flow. */
static void S_text(S_em *em, const char *s)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	while (s != NULL && *s) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			em->pending = 1;
			s++;
			continue;
		}
		const char *e = s;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' && *e != '\f')
			e++;
		if (em->pending && !em->at_start)
			galley_buffer_putc(&out, ' ');
		em->pending = 0;
		em->at_start = 0;
		galley_buffer_append(&out, s, (size_t)(e - s));
		s = e;
	}
	if (out.oom)
		S_ok(em, GALLEY_ENOMEM);
	else if (out.len > 0)
		S_ok(em, galley_builder_text(em->b, out.data, out.len));
	galley_buffer_dispose(&out);
}

/* Emit a pending space now, so that it lands outside an inline container
 * that is about to open ("a <b>c</b>"). */
static void S_flush_space(S_em *em)
{
	if (em->pending && !em->at_start) {
		S_ok(em, galley_builder_text(em->b, " ", 1));
		em->pending = 0;
	}
}

static int S_has_text(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const unsigned char *s = c->content; s != NULL && *s; s++)
				if (!isspace(*s))
					return 1;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (html_is(c, "img") || S_has_text(c))
				return 1;
		}
	}
	return 0;
}

static void S_raw_text(xmlNodePtr n, galley_buffer *out)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			galley_buffer_puts(out, (const char *)c->content);
		else if (html_is(c, "br"))
			galley_buffer_putc(out, '\n');
		else if (c->type == XML_ELEMENT_NODE)
			S_raw_text(c, out);
	}
}

/* "language-c" / "lang-c" in a class list; malloc'd or NULL. */
static char *S_code_language(xmlNodePtr n)
{
	for (int pass = 0; pass < 2 && n != NULL; pass++) {
		const char *p = html_attr(n, "class");
		size_t len;
		while ((len = html_next_token(&p)) > 0) {
			size_t skip = strncmp(p, "language-", 9) == 0 ? 9 : strncmp(p, "lang-", 5) == 0 ? 5 : 0;
			if (skip && len > skip)
				return galley_strndup(p + skip, len - skip);
			p += len;
		}
		/* <pre><code class="language-x"> */
		xmlNodePtr code = NULL;
		for (xmlNodePtr c = n->children; c != NULL; c = c->next)
			if (html_is(c, "code"))
				code = c;
		n = code;
	}
	return NULL;
}

static char *S_url(S_em *em, const char *href)
{
	char *r = html_resolve(em->page, href);
	if (r == NULL)
		S_ok(em, GALLEY_ENOMEM);
	return r;
}

static void S_image(S_em *em, xmlNodePtr img)
{
	const char *src = html_attr(img, "src");
	if (src == NULL || *src == '\0')
		src = html_attr(img, "data-src");
	if (src == NULL || *src == '\0')
		return;
	char *abs = S_url(em, src);
	if (abs == NULL)
		return;
	const char *alt = html_attr(img, "alt");
	S_flush_space(em);
	S_ok(em, galley_builder_image(em->b, abs, alt != NULL ? alt : ""));
	em->at_start = 0;
	galley_free(abs);
}

static void S_inline_container(S_em *em, xmlNodePtr el, galley_node_type type, const char *url)
{
	if (!S_has_text(el)) {
		S_inlines(em, el->children);
		return;
	}
	S_flush_space(em);
	if (!S_ok(em, galley_builder_enter(em->b, type)))
		return;
	if (url != NULL)
		S_ok(em, galley_builder_set_url(em->b, url));
	S_inlines(em, el->children);
	S_ok(em, galley_builder_leave(em->b));
}

static void S_inline(S_em *em, xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	if (html_name_eq(name, "a")) {
		const char *href = html_attr(el, "href");
		while (href != NULL && isspace((unsigned char)*href))
			href++;
		/* a link in a link (<a><em><a>, which browsers build too) has no
		 * meaning in any format, and the tree refuses it: its text stays */
		if (href == NULL || *href == '\0' || strncasecmp(href, "javascript:", 11) == 0 || em->in_link) {
			S_inlines(em, el->children);
			return;
		}
		char *abs = S_url(em, href);
		if (abs != NULL) {
			em->in_link++;
			S_inline_container(em, el, GALLEY_NODE_LINK, abs);
			em->in_link--;
		}
		galley_free(abs);
	} else if (html_name_eq(name, "em") || html_name_eq(name, "i") || html_name_eq(name, "cite") ||
		html_name_eq(name, "dfn") || html_name_eq(name, "var")) {
		S_inline_container(em, el, GALLEY_NODE_EMPH, NULL);
	} else if (html_name_eq(name, "strong") || html_name_eq(name, "b")) {
		S_inline_container(em, el, GALLEY_NODE_STRONG, NULL);
	} else if (html_name_eq(name, "sup")) {
		S_inline_container(em, el, GALLEY_NODE_SUP, NULL);
	} else if (html_name_eq(name, "sub")) {
		S_inline_container(em, el, GALLEY_NODE_SUB, NULL);
	} else if (html_name_eq(name, "code") || html_name_eq(name, "kbd") || html_name_eq(name, "samp") ||
		html_name_eq(name, "tt")) {
		galley_buffer t = GALLEY_BUFFER_INIT;
		html_text(el, &t);
		if (t.oom)
			S_ok(em, GALLEY_ENOMEM);
		else if (t.len > 0) {
			S_flush_space(em);
			S_ok(em, galley_builder_code(em->b, t.data, t.len));
			em->at_start = 0;
		}
		galley_buffer_dispose(&t);
	} else if (html_name_eq(name, "img")) {
		S_image(em, el);
	} else if (html_name_eq(name, "br")) {
		if (!em->at_start)
			S_ok(em, galley_builder_leaf(em->b, GALLEY_NODE_LINEBREAK, NULL));
		S_new_flow(em);
	} else if (S_is_block(el)) {
		/* a block inside inline content: keep its words apart */
		em->pending = 1;
		S_inlines(em, el->children);
		em->pending = 1;
	} else {
		S_inlines(em, el->children); /* span, font, u, small, abbr, time ... */
	}
}

static void S_inlines(S_em *em, xmlNodePtr first)
{
	if (++em->depth > S_MAX_DEPTH) {
		/* never reached (html_parse flattens first); never lose content */
		em->depth--;
		if (em->rc == 0)
			em->rc = galley_error(em->page->ctx, GALLEY_EINVAL, "nesting deeper than %d levels", S_MAX_DEPTH);
		return;
	}
	for (xmlNodePtr c = first; c != NULL && em->rc == 0; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			S_text(em, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			S_inline(em, c);
	}
	em->depth--;
}

/* A container of inline content: paragraph, heading, caption. */
static void S_flow_block(S_em *em, galley_node_type type, int level, xmlNodePtr first, xmlNodePtr stop)
{
	if (!S_ok(em, galley_builder_enter(em->b, type)))
		return;
	if (type == GALLEY_NODE_HEADING)
		S_ok(em, galley_builder_set_level(em->b, level));
	S_new_flow(em);
	for (xmlNodePtr c = first; c != stop && em->rc == 0; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			S_text(em, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			S_inline(em, c);
	}
	S_ok(em, galley_builder_leave(em->b));
	S_new_flow(em);
}

static int S_span(const char *v)
{
	if (v == NULL)
		return 1;
	long n = strtol(v, NULL, 10);
	return n < 1 ? 1 : n > 1000 ? 1000 : (int)n;
}

static void S_rows(S_em *em, xmlNodePtr first)
{
	for (xmlNodePtr r = first; r != NULL && em->rc == 0; r = r->next) {
		if (html_is(r, "thead") || html_is(r, "tbody") || html_is(r, "tfoot")) {
			S_rows(em, r->children);
			continue;
		}
		if (!html_is(r, "tr"))
			continue;
		if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_ROW)))
			return;
		for (xmlNodePtr c = r->children; c != NULL && em->rc == 0; c = c->next) {
			if (!html_is(c, "td") && !html_is(c, "th"))
				continue;
			if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_CELL)))
				return;
			S_ok(em, galley_builder_set_cell(em->b, html_is(c, "th"), S_span(html_attr(c, "colspan")),
				S_span(html_attr(c, "rowspan"))));
			S_blocks(em, c->children);
			S_ok(em, galley_builder_leave(em->b));
		}
		S_ok(em, galley_builder_leave(em->b));
	}
}

static int S_can_enter(S_em *em, galley_node_type type)
{
	galley_node *cur = galley_builder_current(em->b);
	return cur != NULL && galley_node_can_contain(galley_node_get_type(cur), type);
}

static void S_table(S_em *em, xmlNodePtr t)
{
	if (!S_can_enter(em, GALLEY_NODE_TABLE)) {
		S_blocks(em, t->children); /* nested where tables may not go */
		return;
	}
	if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_TABLE)))
		return;
	for (xmlNodePtr c = t->children; c != NULL; c = c->next)
		if (html_is(c, "caption") && S_has_text(c)) {
			S_flow_block(em, GALLEY_NODE_CAPTION, 0, c->children, NULL);
			break;
		}
	S_rows(em, t->children);
	S_ok(em, galley_builder_leave(em->b));
}

static void S_list(S_em *em, xmlNodePtr list, int ordered)
{
	long start = 1;
	const char *st = html_attr(list, "start");
	if (ordered && st != NULL) {
		/* Browsers count from any integer; the tree (and the JSON form)
		 * holds 0 to 2^31-1, so an <ol start> outside that is clamped. */
		start = strtol(st, NULL, 10);
		if (start < 0)
			start = 0;
		else if (start > 2147483647L)
			start = 2147483647L;
	}
	if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_LIST)))
		return;
	S_ok(em, galley_builder_set_list(em->b, ordered, start));
	xmlNodePtr c = list->children;
	while (c != NULL && em->rc == 0) {
		if (html_is(c, "li")) {
			if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_ITEM)))
				return;
			S_blocks(em, c->children);
			S_ok(em, galley_builder_leave(em->b));
			c = c->next;
			continue;
		}
		/* stray content between items becomes an item of its own */
		xmlNodePtr end = c;
		int content = 0;
		while (end != NULL && !html_is(end, "li")) {
			if (end->type == XML_ELEMENT_NODE ? 1 : (end->type == XML_TEXT_NODE && end->content != NULL &&
				strspn((const char *)end->content, " \t\r\n\f") != strlen((const char *)end->content)))
				content = 1;
			end = end->next;
		}
		if (content) {
			if (!S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_ITEM)))
				return;
			xmlNodePtr saved = end != NULL ? end->prev : NULL;
			/* S_blocks walks to the end of the sibling chain: cut it */
			if (saved != NULL)
				saved->next = NULL;
			S_blocks(em, c);
			if (saved != NULL)
				saved->next = end;
			S_ok(em, galley_builder_leave(em->b));
		}
		c = end;
	}
	S_ok(em, galley_builder_leave(em->b));
}

static void S_figure(S_em *em, xmlNodePtr fig)
{
	xmlNodePtr img = NULL, cap = NULL;
	for (xmlNodePtr c = fig->children; c != NULL; c = c->next) {
		if (html_is(c, "figcaption") && cap == NULL)
			cap = c;
	}
	for (xmlNodePtr c = fig->children; c != NULL && img == NULL;) {
		if (html_is(c, "img"))
			img = c;
		if (c->children != NULL && c->type == XML_ELEMENT_NODE && !html_is(c, "figcaption"))
			c = c->children;
		else {
			while (c != NULL && c->next == NULL && c != fig)
				c = c->parent;
			c = (c == NULL || c == fig) ? NULL : c->next;
		}
	}
	const char *src = img != NULL ? html_attr(img, "src") : NULL;
	if (src == NULL || *src == '\0' || !S_can_enter(em, GALLEY_NODE_FIGURE)) {
		S_blocks(em, fig->children);
		return;
	}
	char *abs = S_url(em, src);
	if (abs == NULL)
		return;
	if (S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_FIGURE))) {
		S_ok(em, galley_builder_set_url(em->b, abs));
		const char *alt = html_attr(img, "alt");
		S_ok(em, galley_builder_set_alt(em->b, alt != NULL ? alt : ""));
		if (cap != NULL && S_has_text(cap))
			S_flow_block(em, GALLEY_NODE_CAPTION, 0, cap->children, NULL);
		S_ok(em, galley_builder_leave(em->b));
	}
	galley_free(abs);
}

static void S_block(S_em *em, xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	if (html_name_eq(name, "p") || html_name_eq(name, "dt") || html_name_eq(name, "summary") ||
		html_name_eq(name, "legend")) {
		/* a <p> holding blocks (after our own rewrites) is a container */
		int blocks = 0;
		for (xmlNodePtr c = el->children; c != NULL; c = c->next)
			if (S_is_block(c))
				blocks = 1;
		if (blocks)
			S_blocks(em, el->children);
		else if (S_has_text(el))
			S_flow_block(em, GALLEY_NODE_PARAGRAPH, 0, el->children, NULL);
	} else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0) {
		if (S_has_text(el))
			S_flow_block(em, GALLEY_NODE_HEADING, name[1] - '0', el->children, NULL);
	} else if (html_name_eq(name, "ul") || html_name_eq(name, "menu") || html_name_eq(name, "dir")) {
		S_list(em, el, 0);
	} else if (html_name_eq(name, "ol")) {
		S_list(em, el, 1);
	} else if (html_name_eq(name, "li")) {
		S_blocks(em, el->children); /* an item outside a list */
	} else if (html_name_eq(name, "table")) {
		S_table(em, el);
	} else if (html_name_eq(name, "blockquote")) {
		if (S_can_enter(em, GALLEY_NODE_QUOTE) && S_ok(em, galley_builder_enter(em->b, GALLEY_NODE_QUOTE))) {
			S_blocks(em, el->children);
			S_ok(em, galley_builder_leave(em->b));
		} else {
			S_blocks(em, el->children);
		}
	} else if (html_name_eq(name, "pre") || html_name_eq(name, "listing") || html_name_eq(name, "xmp") ||
		html_name_eq(name, "plaintext")) {
		galley_buffer t = GALLEY_BUFFER_INIT;
		S_raw_text(el, &t);
		const char *s = t.data != NULL ? t.data : "";
		size_t len = t.len;
		if (len > 0 && s[0] == '\n') {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\r'))
			len--;
		char *lang = S_code_language(el);
		if (t.oom)
			S_ok(em, GALLEY_ENOMEM);
		else if (len > 0)
			S_ok(em, galley_builder_code_block(em->b, s, len, lang));
		galley_free(lang);
		galley_buffer_dispose(&t);
	} else if (html_name_eq(name, "figure")) {
		S_figure(em, el);
	} else if (html_name_eq(name, "hr")) {
		S_ok(em, galley_builder_leaf(em->b, GALLEY_NODE_BREAK, NULL));
	} else if (html_name_eq(name, "caption") || html_name_eq(name, "tr") || html_name_eq(name, "td") ||
		html_name_eq(name, "th") || html_name_eq(name, "tbody") || html_name_eq(name, "thead") ||
		html_name_eq(name, "tfoot") || html_name_eq(name, "figcaption")) {
		S_blocks(em, el->children); /* table parts outside a table */
	} else {
		S_blocks(em, el->children); /* div, section, article, dd, ... */
	}
	S_new_flow(em);
}

static int S_run_has_content(xmlNodePtr first, xmlNodePtr stop)
{
	for (xmlNodePtr c = first; c != stop; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const unsigned char *s = c->content; s != NULL && *s; s++)
				if (!isspace(*s))
					return 1;
		} else if (c->type == XML_ELEMENT_NODE && (html_is(c, "img") || S_has_text(c))) {
			return 1;
		}
	}
	return 0;
}

/* Blocks, with each run of inline content made an explicit paragraph. */
static void S_blocks(S_em *em, xmlNodePtr first)
{
	if (++em->depth > S_MAX_DEPTH) {
		/* never reached (html_parse flattens first); never lose content */
		em->depth--;
		if (em->rc == 0)
			em->rc = galley_error(em->page->ctx, GALLEY_EINVAL, "nesting deeper than %d levels", S_MAX_DEPTH);
		return;
	}
	xmlNodePtr c = first;
	while (c != NULL && em->rc == 0) {
		if (S_is_block(c)) {
			S_block(em, c);
			c = c->next;
			continue;
		}
		xmlNodePtr end = c;
		while (end != NULL && !S_is_block(end))
			end = end->next;
		if (S_run_has_content(c, end))
			S_flow_block(em, GALLEY_NODE_PARAGRAPH, 0, c, end);
		c = end;
	}
	em->depth--;
}

int html_emit(html_page *page, galley_builder *b, xmlNodePtr *nodes, size_t n)
{
	S_em em = {page, b, 0, 1, 0, 0, 0};
	for (size_t i = 0; i < n && em.rc == 0; i++) {
		if (S_is_block(nodes[i]))
			S_block(&em, nodes[i]);
		else
			S_blocks(&em, nodes[i]);
	}
	return em.rc;
}
