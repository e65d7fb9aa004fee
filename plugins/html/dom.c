/* dom.c — the HTML reader's DOM helpers: element and attribute tests over
 * libxml2's tree, a node's text, URLs resolved against the page. The
 * metadata, extraction and emitting passes (and html.c) call these; they
 * call nothing of the reader's. */
#include "html_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

const char *html_strcasestr(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);
	if (nl == 0)
		return hay;
	/* jump between the candidates for the first character with the
	 * C library's vectorised search: most of a text is not one */
	char first[3] = {(char)tolower((unsigned char)needle[0]), (char)toupper((unsigned char)needle[0]), 0};
	if (first[1] == first[0])
		first[1] = 0;
	for (hay = strpbrk(hay, first); hay != NULL; hay = strpbrk(hay + 1, first))
		if (strncasecmp(hay + 1, needle + 1, nl - 1) == 0)
			return hay;
	return NULL;
}

void html_fold(html_folded *f, const char *s)
{
	size_t n = 0;
	unsigned long long has[4] = {0, 0, 0, 0};
	f->orig = s;
	for (; s[n] != '\0' && n + 1 < sizeof f->low; n++) {
		unsigned char c = (unsigned char)tolower((unsigned char)s[n]);
		f->low[n] = (char)c;
		has[c >> 6] |= 1ull << (c & 63);
	}
	f->low[n] = '\0';
	f->whole = s[n] == '\0';
	memcpy(f->has, has, sizeof has);
}

#define S_HAS(f, c) ((f)->has[(unsigned char)(c) >> 6] & (1ull << ((unsigned char)(c) & 63)))

int html_folded_has(const html_folded *f, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++) {
		const char *w = words[i];
		if (!f->whole) {
			if (html_strcasestr(f->orig, w) != NULL)
				return 1;
			continue;
		}
		/* a word with a letter the value lacks is not in it */
		if (w[0] != '\0' && (!S_HAS(f, w[0]) || (w[1] != '\0' && (!S_HAS(f, w[1]) || (w[2] != '\0' && !S_HAS(f, w[2]))))))
			continue;
		if (strstr(f->low, w) != NULL)
			return 1;
	}
	return 0;
}

int html_is(xmlNodePtr node, const char *name)
{
	/* the first byte before the call: most names differ there */
	return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
		html_name_eq((const char *)node->name, name);
}

size_t html_next_token(const char **p)
{
	const char *s = *p, *e;
	if (s == NULL)
		return 0;
	while (*s && isspace((unsigned char)*s))
		s++;
	for (e = s; *e && !isspace((unsigned char)*e); e++)
		;
	*p = s;
	return (size_t)(e - s);
}

const char *html_attr(xmlNodePtr node, const char *name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) {
		/* the HTML parser lowercases attribute names */
		if (a->name == NULL || !html_name_eq((const char *)a->name, name))
			continue;
		if (a->children == NULL)
			return "";
		if (a->children->type == XML_TEXT_NODE && a->children->next == NULL)
			return a->children->content ? (const char *)a->children->content : "";
		return "";
	}
	return NULL;
}

int html_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int S_text_walk(xmlNodePtr node, galley_buffer *out, int *pending, size_t max)
{
	for (xmlNodePtr c = node; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			while (s != NULL && *s) {
				if (html_is_space((unsigned char)*s)) {
					*pending = 1;
					s++;
					continue;
				}
				const char *e = s;
				while (*e && !html_is_space((unsigned char)*e))
					e++;
				if (*pending && out->len > 0)
					galley_buffer_putc(out, ' ');
				*pending = 0;
				galley_buffer_append(out, s, (size_t)(e - s));
				s = e;
			}
			if (max > 0 && out->len > max)
				return 1;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (html_is(c, "script") || html_is(c, "style") || html_is(c, "template"))
				continue;
			if (html_is(c, "br"))
				*pending = 1;
			if (S_text_walk(c->children, out, pending, max))
				return 1;
		}
	}
	return 0;
}

int html_text_max(xmlNodePtr node, galley_buffer *out, size_t max)
{
	int pending = 0;
	if (node == NULL)
		return 0;
	if (S_text_walk(node->children, out, &pending, max))
		return 1;
	return out->oom ? GALLEY_ENOMEM : 0;
}

int html_text(xmlNodePtr node, galley_buffer *out)
{
	int pending = 0;
	if (node == NULL)
		return 0;
	if (node->type == XML_TEXT_NODE) {
		xmlNodePtr next = node->next;
		node->next = NULL; /* walk just this node */
		S_text_walk(node, out, &pending, 0);
		node->next = next;
	} else {
		S_text_walk(node->children, out, &pending, 0);
	}
	return out->oom ? GALLEY_ENOMEM : 0;
}

char *html_resolve(const html_page *page, const char *href)
{
	while (*href && html_is_space((unsigned char)*href))
		href++;
	if (page->base != NULL && href[0] != '#') {
		xmlChar *abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)page->base);
		if (abs != NULL) {
			char *r = galley_strdup((const char *)abs);
			xmlFree(abs);
			return r;
		}
	}
	return galley_strdup(href);
}

