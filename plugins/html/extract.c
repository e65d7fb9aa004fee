/* extract.c — finds the article in a page, after Mozilla Readability:
 * drop what cannot be content, score paragraphs into their ancestors,
 * take the best container with its related siblings, then clean it.
 * Extended with the class names of government and Korean board sites. */
#include "html_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct S_info {
	double score;
	unsigned init : 1;
	unsigned datatable : 1;
	unsigned table_checked : 1;
	unsigned len_ok : 1;
	size_t len; /* text length, cached while scoring (no edits then) */
} S_info;

typedef struct S_chunk {
	struct S_chunk *next;
	size_t used;
	S_info items[256];
} S_chunk;

typedef struct {
	html_page *page;
	int flags;
	html_undo *undo;
	S_chunk *chunks;
	xmlNodePtr *to_score;
	size_t nscore, cscore;
	xmlNodePtr *cands;
	size_t ncand, ccand;
	xmlNodePtr *info_nodes; /* nodes whose _private we set, to clear it */
	size_t ninfo, cinfo;
	int oom;
} S_ex;

/* ---- word lists ------------------------------------------------------- */

static const char *const S_unlikely_sub[] = {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related",
	"remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
	"ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", NULL};
static const char *const S_unlikely_tok[] = {"skip", "sns", "gnb", "lnb", "snb", "location", "breadcrumb",
	"util", "nav", "quick", "tnb", "topmenu", NULL};
static const char *const S_maybe_sub[] = {"and", "article", "body", "column", "content", "main",
	"mathjax", "shadow", NULL};
static const char *const S_positive_sub[] = {"article", "body", "content", "entry", "hentry", "h-entry",
	"main", "page", "pagination", "post", "text", "blog", "story", "bo_con", "view_con", "news_view",
	"board_view", "view_cont", NULL};
static const char *const S_positive_tok[] = {"board", "view", NULL};
static const char *const S_negative_sub[] = {"hidden", "banner", "combx", "comment", "com-", "contact",
	"footer", "footnote", "masthead", "media", "meta", "modal", "outbrain", "promo", "related", "scroll",
	"share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
	"breadcrumb", "social", "navigation", NULL};
static const char *const S_negative_tok[] = {"hid", "nav", "ad", "ads", "util", "skip", "prev", "next",
	"location", "gnb", "lnb", "snb", "sns", "menu", "header", "foot", NULL};
static const char *const S_unlikely_roles[] = {"menu", "menubar", "complementary", "navigation", "alert",
	"alertdialog", "dialog", NULL};

static int S_has_sub(const char *s, const char *const *words)
{
	if (s == NULL || *s == '\0')
		return 0;
	html_folded f;
	html_fold(&f, s);
	return html_folded_has(&f, words);
}

static int S_has_tok(const char *s, const char *const *words)
{
	if (s == NULL)
		return 0;
	const char *p = s;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && isalnum((unsigned char)*e))
			e++;
		size_t l = (size_t)(e - p);
		/* the words are lowercase: their first letter first */
		int c0 = l > 0 ? tolower((unsigned char)*p) : 0;
		for (size_t i = 0; l > 0 && words[i]; i++)
			if (words[i][0] == c0 && strlen(words[i]) == l && strncasecmp(p, words[i], l) == 0)
				return 1;
		p = e;
	}
	return 0;
}

static int S_match(xmlNodePtr n, const char *const *sub, const char *const *tok)
{
	const char *cls = html_attr(n, "class"), *id = html_attr(n, "id");
	return S_has_sub(cls, sub) || S_has_sub(id, sub) || (tok && (S_has_tok(cls, tok) || S_has_tok(id, tok)));
}

static int S_class_weight(S_ex *ex, xmlNodePtr n)
{
	if (!(ex->flags & HTML_FLAG_WEIGHT_CLASSES))
		return 0;
	int w = 0;
	const char *vals[2] = {html_attr(n, "class"), html_attr(n, "id")};
	for (int i = 0; i < 2; i++) {
		if (vals[i] == NULL || !*vals[i])
			continue;
		if (S_has_sub(vals[i], S_negative_sub) || S_has_tok(vals[i], S_negative_tok))
			w -= 25;
		if (S_has_sub(vals[i], S_positive_sub) || S_has_tok(vals[i], S_positive_tok))
			w += 25;
	}
	return w;
}

/* ---- the undo log ------------------------------------------------------- */

/* Every edit goes through the S_edit_* helpers below, which log it first;
 * undone in reverse order, each entry finds the tree as it left it. */
enum { S_U_UNLINK, S_U_LINK, S_U_RENAME, S_U_MERGE, S_U_NEW, S_U_DROP };

typedef struct {
	int op;
	xmlNodePtr node;
	xmlNodePtr parent, prev; /* S_U_UNLINK: where node was */
	const xmlChar *name;     /* S_U_RENAME: the old name */
	size_t len;              /* S_U_MERGE: the text's old length */
} S_undo_entry;

struct html_undo {
	S_undo_entry *e;
	size_t n, cap;
};

html_undo *html_undo_new(void)
{
	return galley_calloc(1, sizeof(html_undo));
}

static int S_owned_name(xmlNodePtr n, const xmlChar *name)
{
	return n->doc != NULL && n->doc->dict != NULL && xmlDictOwns(n->doc->dict, name);
}

void html_undo_rollback(html_undo *u)
{
	while (u != NULL && u->n > 0) {
		S_undo_entry *e = &u->e[--u->n];
		xmlNodePtr n = e->node;
		switch (e->op) {
		case S_U_UNLINK:
			n->parent = e->parent;
			n->prev = e->prev;
			n->next = e->prev != NULL ? e->prev->next : e->parent->children;
			if (e->prev != NULL)
				e->prev->next = n;
			else
				e->parent->children = n;
			if (n->next != NULL)
				n->next->prev = n;
			else
				e->parent->last = n;
			break;
		case S_U_LINK:
			xmlUnlinkNode(n);
			break;
		case S_U_RENAME:
			if (n->name != NULL && !S_owned_name(n, n->name))
				xmlFree((xmlChar *)n->name);
			n->name = e->name;
			break;
		case S_U_MERGE:
			if (n->content != NULL)
				n->content[e->len] = '\0';
			break;
		case S_U_NEW:
			xmlFreeNode(n);
			break;
		default: /* S_U_DROP: the S_U_UNLINK before it puts it back */
			break;
		}
	}
}

void html_undo_free(html_undo *u)
{
	if (u == NULL)
		return;
	for (size_t i = 0; i < u->n; i++) {
		S_undo_entry *e = &u->e[i];
		if (e->op == S_U_DROP)
			xmlFreeNode(e->node);
		else if (e->op == S_U_RENAME && e->name != NULL && !S_owned_name(e->node, e->name))
			xmlFree((xmlChar *)e->name);
	}
	galley_free(u->e);
	galley_free(u);
}

/* Room for k more entries, so that an edit is logged whole or not made. */
static int S_reserve(S_ex *ex, size_t k)
{
	html_undo *u = ex->undo;
	if (u->n + k <= u->cap)
		return 0;
	size_t nc = u->cap ? u->cap * 2 : 256;
	while (nc < u->n + k)
		nc *= 2;
	S_undo_entry *ne = galley_realloc(u->e, nc * sizeof *ne);
	if (ne == NULL) {
		ex->oom = 1;
		return -1;
	}
	u->e = ne;
	u->cap = nc;
	return 0;
}

static void S_log(S_ex *ex, int op, xmlNodePtr node)
{
	S_undo_entry *e = &ex->undo->e[ex->undo->n++];
	memset(e, 0, sizeof *e);
	e->op = op;
	e->node = node;
}

/* Take n out of the tree, keeping it for a rollback (2 entries). */
static void S_edit_take(S_ex *ex, xmlNodePtr n, int drop)
{
	if (n->parent != NULL) {
		S_log(ex, S_U_UNLINK, n);
		ex->undo->e[ex->undo->n - 1].parent = n->parent;
		ex->undo->e[ex->undo->n - 1].prev = n->prev;
		xmlUnlinkNode(n);
	}
	if (drop)
		S_log(ex, S_U_DROP, n); /* where the old code freed it */
}

/* Move n to the end of parent's children, merging a text into a text
 * before it as xmlAddChild does (up to 3 entries). */
static int S_edit_append(S_ex *ex, xmlNodePtr parent, xmlNodePtr n)
{
	if (S_reserve(ex, 3) < 0)
		return -1;
	S_edit_take(ex, n, 0);
	xmlNodePtr last = parent->last;
	if (n->type == XML_TEXT_NODE && last != NULL && last->type == XML_TEXT_NODE && last->name == n->name) {
		if (last->content != NULL) {
			S_log(ex, S_U_MERGE, last);
			ex->undo->e[ex->undo->n - 1].len = strlen((const char *)last->content);
			xmlNodeAddContent(last, n->content);
		}
		S_log(ex, S_U_DROP, n);
		return 0;
	}
	S_log(ex, S_U_LINK, n);
	xmlAddChild(parent, n);
	return 0;
}

/* Put a detached element before anchor (1 entry). */
static int S_edit_before(S_ex *ex, xmlNodePtr anchor, xmlNodePtr el)
{
	if (S_reserve(ex, 1) < 0)
		return -1;
	S_log(ex, S_U_LINK, el);
	xmlAddPrevSibling(anchor, el);
	return 0;
}

/* Put n (an element, attached or not) where old is; old is dropped. */
static int S_edit_replace(S_ex *ex, xmlNodePtr old, xmlNodePtr n)
{
	if (S_reserve(ex, 5) < 0)
		return -1;
	S_edit_take(ex, n, 0);
	S_log(ex, S_U_LINK, n);
	xmlAddPrevSibling(old, n);
	S_edit_take(ex, old, 1);
	return 0;
}

static int S_edit_rename(S_ex *ex, xmlNodePtr n, const char *name)
{
	if (S_reserve(ex, 1) < 0)
		return -1;
	xmlDictPtr dict = n->doc != NULL ? n->doc->dict : NULL;
	const xmlChar *nn = dict != NULL ? xmlDictLookup(dict, (const xmlChar *)name, -1) : xmlStrdup((const xmlChar *)name);
	if (nn == NULL) {
		ex->oom = 1;
		return -1;
	}
	S_log(ex, S_U_RENAME, n);
	ex->undo->e[ex->undo->n - 1].name = n->name;
	n->name = nn;
	return 0;
}

static xmlNodePtr S_edit_new(S_ex *ex, xmlDocPtr doc, const char *name)
{
	if (S_reserve(ex, 1) < 0)
		return NULL;
	xmlNodePtr n = xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL);
	if (n == NULL) {
		ex->oom = 1;
		return NULL;
	}
	S_log(ex, S_U_NEW, n);
	return n;
}

/* A table holding this share of the body's text is the page's article
 * (a page of one table), not its best cell. Four fifths: a page's own
 * chrome around such a table (a heading, a footer line) stays under a
 * fifth of it, while a release that quotes a table has more text than
 * the table. */
#define S_TABLE_PAGE_SHARE 0.8

/* ---- node bookkeeping ------------------------------------------------ */

static S_info *S_info_of(S_ex *ex, xmlNodePtr n)
{
	if (n->_private != NULL)
		return n->_private;
	if (ex->chunks == NULL || ex->chunks->used == 256) {
		S_chunk *c = galley_calloc(1, sizeof *c);
		if (c == NULL) {
			ex->oom = 1;
			return NULL;
		}
		c->next = ex->chunks;
		ex->chunks = c;
	}
	if (ex->ninfo == ex->cinfo) {
		size_t nc = ex->cinfo ? ex->cinfo * 2 : 256;
		xmlNodePtr *np = galley_realloc(ex->info_nodes, nc * sizeof *np);
		if (np == NULL) {
			ex->oom = 1;
			return NULL;
		}
		ex->info_nodes = np;
		ex->cinfo = nc;
	}
	S_info *i = &ex->chunks->items[ex->chunks->used++];
	n->_private = i;
	ex->info_nodes[ex->ninfo++] = n;
	return i;
}

static int S_push(S_ex *ex, xmlNodePtr **arr, size_t *n, size_t *cap, xmlNodePtr node)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		xmlNodePtr *np = galley_realloc(*arr, nc * sizeof *np);
		if (np == NULL) {
			ex->oom = 1;
			return -1;
		}
		*arr = np;
		*cap = nc;
	}
	(*arr)[(*n)++] = node;
	return 0;
}

static void S_touch(xmlNodePtr n);

static void S_remove(S_ex *ex, xmlNodePtr n)
{
	if (S_reserve(ex, 2) < 0)
		return;
	S_touch(n->parent);
	S_edit_take(ex, n, 1);
}

/* Next node in document order, not entering n's children. */
static xmlNodePtr S_next_skip(xmlNodePtr n, xmlNodePtr root)
{
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static xmlNodePtr S_next(xmlNodePtr n, xmlNodePtr root)
{
	if (n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	return S_next_skip(n, root);
}

/* ---- text measures ------------------------------------------------------ */

/* Counts until *len passes cap (then the caller's answer is cap + 1). */
static void S_len_walk(xmlNodePtr n, size_t *len, int *pending, int *started, size_t cap)
{
	for (; n != NULL && *len <= cap; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			for (const unsigned char *s = n->content; s != NULL && *s && *len <= cap; s++) {
				if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
					*pending = 1;
					continue;
				}
				if ((*s & 0xC0) == 0x80)
					continue;
				if (*pending && *started)
					(*len)++;
				*pending = 0;
				*started = 1;
				(*len)++;
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			S_len_walk(n->children, len, pending, started, cap);
		}
	}
}

size_t html_text_length_upto(xmlNodePtr node, size_t cap)
{
	size_t len = 0;
	int pending = 0, started = 0;
	if (node == NULL)
		return 0;
	if (cap == SIZE_MAX)
		cap--; /* cap + 1 must not wrap */
	if (node->type == XML_ELEMENT_NODE)
		S_len_walk(node->children, &len, &pending, &started, cap);
	else if (node->type == XML_TEXT_NODE && node->content != NULL) {
		xmlNodePtr next = node->next;
		node->next = NULL;
		S_len_walk(node, &len, &pending, &started, cap);
		node->next = next;
	}
	return len > cap ? cap + 1 : len;
}

size_t html_text_length(xmlNodePtr node)
{
	return html_text_length_upto(node, SIZE_MAX);
}

/* The collapsed length of a subtree, kept so that subtrees combine: the
 * length of the concatenated text is the sum of the parts' lengths plus
 * one for each whitespace run between two non-empty parts. */
typedef struct {
	size_t len;
	unsigned text : 1; /* holds a non-space character */
	unsigned lead : 1; /* whitespace before the first character (or anywhere, when !text) */
	unsigned trail : 1; /* whitespace after the last character */
} S_sum;

static void S_sum_add(S_sum *a, const S_sum *b)
{
	if (!b->text) {
		if (a->text)
			a->trail |= b->lead;
		else
			a->lead |= b->lead;
		return;
	}
	if (!a->text) {
		int lead = a->lead | b->lead;
		*a = *b;
		a->lead = lead;
		return;
	}
	a->len += b->len + (a->trail || b->lead ? 1 : 0);
	a->trail = b->trail;
}

static void S_sum_text(const unsigned char *s, S_sum *out)
{
	S_sum r = {0, 0, 0, 0};
	int pending = 0;
	for (; s != NULL && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
			pending = 1;
			continue;
		}
		if ((*s & 0xC0) == 0x80)
			continue;
		if (!r.text)
			r.lead = pending;
		else if (pending)
			r.len++;
		pending = 0;
		r.text = 1;
		r.len++;
	}
	if (!r.text)
		r.lead = pending;
	else
		r.trail = pending;
	*out = r;
}

/* Every element's length under n, bottom up, into its S_info: one walk
 * instead of one per candidate and ancestor. */
static void S_sum_tree(S_ex *ex, xmlNodePtr n, S_sum *out)
{
	S_sum acc = {0, 0, 0, 0};
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		S_sum part;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			S_sum_text(c->content, &part);
		else if (c->type == XML_ELEMENT_NODE)
			S_sum_tree(ex, c, &part);
		else
			continue;
		S_sum_add(&acc, &part);
	}
	S_info *i = S_info_of(ex, n);
	if (i != NULL) {
		i->len = acc.len;
		i->len_ok = 1;
	}
	*out = acc;
}

/* The length of n: cached when known (S_sum_tree, kept true by S_drop). */
static size_t S_len(xmlNodePtr n)
{
	S_info *i = n->type == XML_ELEMENT_NODE ? n->_private : NULL;
	if (i != NULL && i->len_ok)
		return i->len;
	return html_text_length(n);
}

/* A node's ancestors no longer know their length once it changes. */
static void S_touch(xmlNodePtr n)
{
	for (xmlNodePtr p = n; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent) {
		S_info *i = p->_private;
		if (i != NULL)
			i->len_ok = 0;
	}
}

static void S_link_walk(xmlNodePtr n, double *links)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(n, "a")) {
			const char *href = html_attr(n, "href");
			double coeff = href != NULL && href[0] == '#' ? 0.3 : 1.0;
			*links += coeff * (double)S_len(n);
			continue;
		}
		S_link_walk(n->children, links);
	}
}

static double S_link_density_len(xmlNodePtr n, size_t len)
{
	if (len == 0)
		return 0;
	double links = 0;
	if (html_is(n, "a"))
		links = (double)len;
	else
		S_link_walk(n->children, &links);
	return links / (double)len;
}

static size_t S_len_cached(S_ex *ex, xmlNodePtr n)
{
	S_info *i = S_info_of(ex, n);
	if (i == NULL)
		return html_text_length(n);
	if (!i->len_ok) {
		i->len = html_text_length(n);
		i->len_ok = 1;
	}
	return i->len;
}

static double S_link_density(xmlNodePtr n)
{
	return S_link_density_len(n, S_len(n));
}

/* Commas of several scripts, as Readability counts them. */
static int S_commas(xmlNodePtr n)
{
	int c = 0;
	for (xmlNodePtr k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content != NULL) {
			/* strpbrk skips to the bytes that can start a comma */
			for (const unsigned char *s = k->content; (s = (const unsigned char *)strpbrk((const char *)s,
									   ",\xEF\xD8\xE3")) != NULL; s++) {
				if (*s == ',')
					c++;
				else if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C) /* U+FF0C */
					c++;
				else if (s[0] == 0xD8 && s[1] == 0x8C) /* U+060C */
					c++;
				else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x81) /* U+3001 */
					c++;
			}
		} else if (k->type == XML_ELEMENT_NODE) {
			c += S_commas(k);
		}
	}
	return c;
}

static size_t S_count_tag(xmlNodePtr n, const char *tag)
{
	size_t c = 0;
	for (xmlNodePtr k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (html_is(k, tag))
			c++;
		c += S_count_tag(k, tag);
	}
	return c;
}

static int S_has_ancestor(xmlNodePtr n, const char *tag, int max_depth)
{
	int d = 0;
	for (xmlNodePtr p = n->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (max_depth > 0 && ++d > max_depth)
			return 0;
		if (html_is(p, tag))
			return 1;
	}
	return 0;
}

/* ---- element kinds -------------------------------------------------------- */

static int S_in(const char *name, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (html_name_eq(name, list[i]))
			return 1;
	return 0;
}

static const char *const S_phrasing[] = {"abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data",
	"datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
	"object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong", "sub",
	"sup", "textarea", "time", "var", "wbr", "font", "u", "s", "strike", "tt", "big", "nobr", NULL};
static const char *const S_div_to_p[] = {"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul",
	"section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "main",
	"nav", "form", "hr", "li", NULL};

static int S_is_phrasing(xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	const char *name = (const char *)n->name;
	if (S_in(name, S_phrasing))
		return 1;
	if (html_name_eq(name, "a") || html_name_eq(name, "del") || html_name_eq(name, "ins")) {
		for (xmlNodePtr c = n->children; c != NULL; c = c->next)
			if ((c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) && !S_is_phrasing(c))
				return 0;
		return 1;
	}
	return 0;
}

static int S_is_ws(xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE) {
		for (const unsigned char *s = n->content; s != NULL && *s; s++)
			if (!isspace(*s))
				return 0;
		return 1;
	}
	return html_is(n, "br");
}

static int S_has_block_child(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (S_in((const char *)c->name, S_div_to_p) || S_has_block_child(c))
			return 1;
	}
	return 0;
}

static size_t S_element_children(xmlNodePtr n, xmlNodePtr *only)
{
	size_t c = 0;
	for (xmlNodePtr k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE) {
			if (c == 0 && only != NULL)
				*only = k;
			c++;
		}
	return c;
}

static int S_any_text(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const unsigned char *s = c->content; s != NULL && *s; s++)
				if (!isspace(*s))
					return 1;
		} else if (c->type == XML_ELEMENT_NODE && S_any_text(c)) {
			return 1;
		}
	}
	return 0;
}

static int S_without_content(xmlNodePtr n)
{
	if (S_any_text(n))
		return 0;
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !html_is(c, "br") && !html_is(c, "hr"))
			return 0;
	return 1;
}

static int S_hidden(xmlNodePtr n)
{
	if (html_attr(n, "hidden") != NULL)
		return 1;
	const char *aria = html_attr(n, "aria-hidden");
	if (aria != NULL && strcmp(aria, "true") == 0) {
		const char *cls = html_attr(n, "class");
		if (cls == NULL || strstr(cls, "fallback-image") == NULL)
			return 1;
	}
	const char *style = html_attr(n, "style");
	if (style != NULL) {
		/* display:none / visibility:hidden, spaces allowed */
		char compact[256];
		size_t k = 0;
		for (const char *s = style; *s && k + 1 < sizeof compact; s++)
			if (!isspace((unsigned char)*s))
				compact[k++] = (char)tolower((unsigned char)*s);
		compact[k] = '\0';
		if (strstr(compact, "display:none") != NULL || strstr(compact, "visibility:hidden") != NULL)
			return 1;
	}
	return 0;
}

/* ---- preparation ---------------------------------------------------------- */

static const char *const S_junk[] = {"script", "style", "noscript", "template", "iframe", "object",
	"embed", "input", "textarea", "select", "button", "link", "meta", "canvas", "title", "head", "frameset",
	"map", "dialog", NULL};

/* Two or more <br> in a row end a paragraph: turn the run after them into
 * a <p> (Readability's _replaceBrs). Only later siblings are touched, so a
 * document-order walk can go on from the node returned. */
static xmlNodePtr S_replace_brs(S_ex *ex, xmlNodePtr br)
{
	xmlNodePtr next = br->next;
	int replaced = 0;
	for (;;) {
		while (next != NULL && next->type != XML_ELEMENT_NODE && S_is_ws(next))
			next = next->next;
		if (next == NULL || !html_is(next, "br"))
			break;
		replaced = 1;
		xmlNodePtr after = next->next;
		S_remove(ex, next);
		next = after;
	}
	if (!replaced)
		return br;
	xmlNodePtr p = S_edit_new(ex, br->doc, "p");
	if (p == NULL || S_edit_replace(ex, br, p) < 0)
		return br;
	next = p->next;
	while (next != NULL) {
		if (html_is(next, "br")) {
			xmlNodePtr n2 = next->next;
			while (n2 != NULL && n2->type != XML_ELEMENT_NODE && S_is_ws(n2))
				n2 = n2->next;
			if (n2 != NULL && html_is(n2, "br"))
				break;
		}
		if (!S_is_phrasing(next))
			break;
		xmlNodePtr sib = next->next;
		if (S_edit_append(ex, p, next) < 0)
			return p;
		next = sib;
	}
	while (p->last != NULL && S_is_ws(p->last))
		S_remove(ex, p->last);
	if (p->parent != NULL && html_is(p->parent, "p"))
		S_edit_rename(ex, p->parent, "div");
	return p;
}

static void S_prep(S_ex *ex, xmlNodePtr body)
{
	xmlNodePtr n = body->children;
	while (n != NULL && !ex->oom) {
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE || n->type == XML_DTD_NODE) {
			xmlNodePtr next = S_next_skip(n, body);
			S_remove(ex, n);
			n = next;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE) {
			n = S_next_skip(n, body);
			continue;
		}
		if (S_in((const char *)n->name, S_junk) || S_hidden(n)) {
			xmlNodePtr next = S_next_skip(n, body);
			S_remove(ex, n);
			n = next;
			continue;
		}
		if (html_is(n, "br"))
			n = S_replace_brs(ex, n);
		n = S_next(n, body);
	}
}

/* ---- scoring ---------------------------------------------------------------- */

static S_info *S_init_node(S_ex *ex, xmlNodePtr n)
{
	S_info *i = S_info_of(ex, n);
	if (i == NULL || i->init)
		return i;
	i->init = 1;
	const char *name = (const char *)n->name;
	double s = 0;
	if (html_name_eq(name, "div"))
		s = 5;
	else if (html_name_eq(name, "pre") || html_name_eq(name, "td") || html_name_eq(name, "blockquote"))
		s = 3;
	else if (html_name_eq(name, "address") || html_name_eq(name, "ol") || html_name_eq(name, "ul") ||
		html_name_eq(name, "dl") || html_name_eq(name, "dd") || html_name_eq(name, "dt") ||
		html_name_eq(name, "li") || html_name_eq(name, "form"))
		s = -3;
	else if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0) || html_name_eq(name, "th"))
		s = -5;
	i->score = s + S_class_weight(ex, n);
	S_push(ex, &ex->cands, &ex->ncand, &ex->ccand, n);
	return i;
}

static double S_similarity(const char *a, const char *b)
{
	/* the share of b's characters in words that a also has */
	size_t total = 0, missing = 0;
	const char *p = b;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p) && !(*p & 0x80))
			p++;
		const char *e = p;
		while (*e && (isalnum((unsigned char)*e) || (*e & 0x80)))
			e++;
		size_t l = (size_t)(e - p);
		if (l > 0) {
			total += l + 1;
			int found = 0;
			for (const char *q = a; *q; q++) {
				if (strncasecmp(q, p, l) == 0 && (q == a || (!isalnum((unsigned char)q[-1]) && !(q[-1] & 0x80))) &&
					!isalnum((unsigned char)q[l]) && !(q[l] & 0x80)) {
					found = 1;
					break;
				}
			}
			if (!found)
				missing += l + 1;
		}
		p = e;
	}
	return total ? 1.0 - (double)missing / (double)total : 0;
}

static int S_is_byline(xmlNodePtr n)
{
	const char *rel = html_attr(n, "rel"), *itemprop = html_attr(n, "itemprop");
	int match = (rel != NULL && strcmp(rel, "author") == 0) || (itemprop != NULL && strstr(itemprop, "author") != NULL);
	static const char *const words[] = {"byline", "author", "dateline", "writtenby", "p-author", NULL};
	if (!match)
		match = S_match(n, words, NULL);
	if (!match)
		return 0;
	size_t l = html_text_length_upto(n, 100);
	return l > 0 && l < 100;
}

/* The walk that removes unlikely nodes and collects what to score. */
static void S_collect(S_ex *ex, xmlNodePtr body)
{
	int title_removed = ex->page->title == NULL;
	int byline_removed = 0;
	xmlNodePtr n = body->children;
	while (n != NULL && !ex->oom) {
		if (n->type != XML_ELEMENT_NODE) {
			n = S_next_skip(n, body);
			continue;
		}
		const char *name = (const char *)n->name;
		if (!byline_removed && S_is_byline(n)) {
			byline_removed = 1;
			xmlNodePtr next = S_next_skip(n, body);
			S_remove(ex, n);
			n = next;
			continue;
		}
		if (!title_removed && (html_name_eq(name, "h1") || html_name_eq(name, "h2"))) {
			galley_buffer t = GALLEY_BUFFER_INIT;
			if (html_text(n, &t) < 0)
				ex->oom = 1;
			int dup = t.data != NULL && S_similarity(ex->page->title, t.data) > 0.75;
			galley_buffer_dispose(&t);
			if (dup) {
				title_removed = 1;
				xmlNodePtr next = S_next_skip(n, body);
				S_remove(ex, n);
				n = next;
				continue;
			}
		}
		if (ex->flags & HTML_FLAG_STRIP_UNLIKELY) {
			const char *role = html_attr(n, "role");
			int unlikely = S_match(n, S_unlikely_sub, S_unlikely_tok) && !S_match(n, S_maybe_sub, NULL) &&
				!S_has_ancestor(n, "table", 0) && !S_has_ancestor(n, "code", 0) &&
				!html_name_eq(name, "a") && !html_name_eq(name, "body") && !html_name_eq(name, "article") &&
				!html_name_eq(name, "main");
			if (!unlikely && role != NULL && S_in(role, S_unlikely_roles))
				unlikely = 1;
			if (!unlikely && (html_name_eq(name, "nav") || html_name_eq(name, "aside") || html_name_eq(name, "footer")))
				unlikely = 1;
			if (unlikely) {
				xmlNodePtr next = S_next_skip(n, body);
				S_remove(ex, n);
				n = next;
				continue;
			}
		}
		if ((html_name_eq(name, "div") || html_name_eq(name, "section") || html_name_eq(name, "header") ||
			(name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0)) && S_without_content(n)) {
			xmlNodePtr next = S_next_skip(n, body);
			S_remove(ex, n);
			n = next;
			continue;
		}
		if (html_name_eq(name, "section") || html_name_eq(name, "p") || html_name_eq(name, "td") ||
			html_name_eq(name, "pre") || (name[0] == 'h' && name[1] >= '2' && name[1] <= '6' && name[2] == 0))
			S_push(ex, &ex->to_score, &ex->nscore, &ex->cscore, n);
		if (html_name_eq(name, "div")) {
			/* phrasing runs of a div become paragraphs */
			xmlNodePtr p = NULL;
			for (xmlNodePtr c = n->children; c != NULL && !ex->oom;) {
				xmlNodePtr next = c->next;
				if (S_is_phrasing(c)) {
					if (p != NULL) {
						S_edit_append(ex, p, c);
					} else if (!S_is_ws(c)) {
						p = S_edit_new(ex, n->doc, "p");
						if (p == NULL || S_edit_before(ex, c, p) < 0)
							break;
						S_edit_append(ex, p, c);
					}
				} else if (p != NULL) {
					while (p->last != NULL && S_is_ws(p->last))
						S_remove(ex, p->last);
					p = NULL;
				}
				c = next;
			}
			if (p != NULL)
				while (p->last != NULL && S_is_ws(p->last))
					S_remove(ex, p->last);
			xmlNodePtr only = NULL;
			if (S_element_children(n, &only) == 1 && html_is(only, "p") && S_link_density(n) < 0.25) {
				/* a div around one paragraph is that paragraph */
				int text_outside = 0;
				for (xmlNodePtr c = n->children; c != NULL; c = c->next)
					if (c->type == XML_TEXT_NODE && !S_is_ws(c))
						text_outside = 1;
				if (!text_outside && S_edit_replace(ex, n, only) == 0) {
					n = only;
					S_push(ex, &ex->to_score, &ex->nscore, &ex->cscore, n);
				}
			} else if (!S_has_block_child(n)) {
				S_edit_rename(ex, n, "p");
				S_push(ex, &ex->to_score, &ex->nscore, &ex->cscore, n);
			}
		}
		n = S_next(n, body);
	}
}

static void S_score(S_ex *ex)
{
	for (size_t i = 0; i < ex->nscore && !ex->oom; i++) {
		xmlNodePtr el = ex->to_score[i];
		if (el->parent == NULL || el->parent->type != XML_ELEMENT_NODE)
			continue;
		size_t len = S_len_cached(ex, el);
		if (len < 25)
			continue;
		double score = 1 + S_commas(el) + fmin(floor((double)len / 100.0), 3);
		xmlNodePtr a = el->parent;
		for (int level = 0; level < 5 && a != NULL && a->type == XML_ELEMENT_NODE; level++, a = a->parent) {
			if (a->parent == NULL || a->parent->type != XML_ELEMENT_NODE)
				break;
			S_info *info = S_init_node(ex, a);
			if (info == NULL)
				return;
			double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
			info->score += score / div;
		}
	}
}

static double S_score_of(xmlNodePtr n)
{
	S_info *i = n->_private;
	return i != NULL && i->init ? i->score : 0;
}

static int S_is_ancestor(xmlNodePtr anc, xmlNodePtr n)
{
	for (xmlNodePtr p = n->parent; p != NULL; p = p->parent)
		if (p == anc)
			return 1;
	return 0;
}

/* ---- cleaning the article ---------------------------------------------- */

static int S_is_data_table(S_ex *ex, xmlNodePtr t)
{
	S_info *info = S_info_of(ex, t);
	if (info == NULL)
		return 0;
	if (info->table_checked)
		return info->datatable;
	info->table_checked = 1;
	int data = 0;
	const char *role = html_attr(t, "role");
	const char *dt = html_attr(t, "datatable");
	if (role != NULL && strcmp(role, "presentation") == 0)
		data = 0;
	else if (dt != NULL && strcmp(dt, "0") == 0)
		data = 0;
	else if (html_attr(t, "summary") != NULL)
		data = 1;
	else {
		xmlNodePtr cap = NULL;
		for (xmlNodePtr c = t->children; c != NULL; c = c->next)
			if (html_is(c, "caption"))
				cap = c;
		if (cap != NULL && S_len(cap) > 0)
			data = 1;
		else if (S_count_tag(t, "thead") || S_count_tag(t, "tfoot") || S_count_tag(t, "col") ||
			S_count_tag(t, "colgroup") || S_count_tag(t, "th"))
			data = 1;
		else if (S_count_tag(t, "table"))
			data = 0;
		else {
			size_t rows = S_count_tag(t, "tr"), cols = 0;
			for (xmlNodePtr r = t->children; r != NULL; r = S_next(r, t)) {
				if (!html_is(r, "tr"))
					continue;
				size_t c = 0;
				for (xmlNodePtr d = r->children; d != NULL; d = d->next)
					if (html_is(d, "td") || html_is(d, "th")) {
						const char *cs = html_attr(d, "colspan");
						c += cs != NULL && atoi(cs) > 0 ? (size_t)atoi(cs) : 1;
					}
				if (c > cols)
					cols = c;
			}
			data = rows >= 10 || cols > 4 || rows * cols > 10;
		}
	}
	info->datatable = data ? 1 : 0;
	return data;
}

static int S_in_data_table(S_ex *ex, xmlNodePtr n)
{
	for (xmlNodePtr p = n->parent; p != NULL && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (html_is(p, "table") && S_is_data_table(ex, p))
			return 1;
	return 0;
}

static size_t S_tag_text(xmlNodePtr n, int headings)
{
	size_t t = 0;
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int hit = headings ? (c->name[0] == 'h' && c->name[1] >= '1' && c->name[1] <= '6' && c->name[2] == 0)
				   : (html_is(c, "ul") || html_is(c, "ol"));
		t += hit ? S_len(c) : S_tag_text(c, headings);
	}
	return t;
}

static double S_heading_density(xmlNodePtr n, size_t total)
{
	return total ? (double)S_tag_text(n, 1) / (double)total : 0;
}

static int S_should_remove(S_ex *ex, xmlNodePtr node, const char *tag)
{
	int is_list = strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0;
	size_t content_len = S_len(node);
	if (!is_list && content_len > 0)
		is_list = (double)S_tag_text(node, 0) / (double)content_len > 0.9;
	if (strcmp(tag, "table") == 0 && S_is_data_table(ex, node))
		return 0;
	if (S_in_data_table(ex, node) || S_has_ancestor(node, "code", 0))
		return 0;
	int weight = S_class_weight(ex, node);
	if (weight < 0)
		return 1;
	if (S_commas(node) >= 10)
		return 0;
	double p = (double)S_count_tag(node, "p");
	double img = (double)S_count_tag(node, "img");
	double li = (double)S_count_tag(node, "li") - 100;
	double input = (double)S_count_tag(node, "input");
	double hd = S_heading_density(node, content_len);
	size_t embeds = S_count_tag(node, "object") + S_count_tag(node, "embed") + S_count_tag(node, "iframe");
	double ld = S_link_density_len(node, content_len);
	int in_figure = S_has_ancestor(node, "figure", 0);
	int remove = (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
		(input > floor(p / 3)) ||
		(!is_list && hd < 0.9 && content_len < 25 && (img == 0 || img > 2) && !in_figure) ||
		(!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
		((embeds == 1 && content_len < 75) || embeds > 1);
	if (is_list && remove) {
		for (xmlNodePtr c = node->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && S_element_children(c, NULL) > 1)
				return remove;
		if (img == (double)S_count_tag(node, "li"))
			return 0;
	}
	return remove;
}

static void S_collect_tag(S_ex *ex, xmlNodePtr root, const char *tag, xmlNodePtr **arr, size_t *n, size_t *cap)
{
	for (xmlNodePtr c = root->children; c != NULL; c = S_next(c, root))
		if (html_is(c, tag))
			S_push(ex, arr, n, cap, c);
}

/* A heading that opens a release's contact block ("Media enquiries"):
 * its class may say "media", but it belongs to the release. */
static int S_contact_head(S_ex *ex, xmlNodePtr h)
{
	galley_buffer tb = GALLEY_BUFFER_INIT;
	int rc = html_text_max(h, &tb, 64);
	int yes = rc == 0 && tb.data != NULL && grel_is_contact_head(tb.data, tb.len);
	if (rc < 0)
		ex->oom = 1;
	galley_buffer_dispose(&tb);
	return yes;
}

/* 1 when an element's first block ("<div><p><strong>Press contacts:") is
 * a contact heading. */
static int S_opens_contacts(S_ex *ex, xmlNodePtr n)
{
	static const char *const blocks[] = {"div", "section", "p", "h2", "h3", "h4", "h5", "h6", "dl", "dt", NULL};
	int depth = 0;
	for (;;) {
		xmlNodePtr c = n->children;
		while (c != NULL && (c->type == XML_COMMENT_NODE ||
			(c->type == XML_TEXT_NODE && (c->content == NULL || strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content)))))
			c = c->next;
		int block = 0;
		for (size_t i = 0; c != NULL && c->type == XML_ELEMENT_NODE && blocks[i]; i++)
			block |= html_is(c, blocks[i]);
		if (!block || ++depth > 8)
			break;
		n = c;
	}
	return depth > 0 && S_contact_head(ex, n);
}

static void S_clean_conditionally(S_ex *ex, xmlNodePtr root, const char *tag)
{
	if (!(ex->flags & HTML_FLAG_CLEAN_COND))
		return;
	xmlNodePtr *list = NULL;
	size_t n = 0, cap = 0;
	S_collect_tag(ex, root, tag, &list, &n, &cap);
	/* last first: descendants are judged before their ancestors */
	for (size_t i = n; i-- > 0 && !ex->oom;)
		if (S_should_remove(ex, list[i], tag) && !S_opens_contacts(ex, list[i]))
			S_remove(ex, list[i]);
	galley_free(list);
}

static void S_clean_tag(S_ex *ex, xmlNodePtr root, const char *tag)
{
	xmlNodePtr *list = NULL;
	size_t n = 0, cap = 0;
	S_collect_tag(ex, root, tag, &list, &n, &cap);
	for (size_t i = n; i-- > 0;)
		S_remove(ex, list[i]);
	galley_free(list);
}

static void S_clean_share(S_ex *ex, xmlNodePtr root)
{
	static const char *const S_none[] = {NULL};
	static const char *const share[] = {"share", "sharedaddy", "sns", NULL};
	for (xmlNodePtr top = root->children; top != NULL; top = top->next) {
		if (top->type != XML_ELEMENT_NODE)
			continue;
		xmlNodePtr c = top->children;
		while (c != NULL) {
			if (c->type == XML_ELEMENT_NODE && S_match(c, S_none, share) &&
				S_len(c) < 500) {
				xmlNodePtr next = S_next_skip(c, top);
				S_remove(ex, c);
				c = next;
				continue;
			}
			c = S_next(c, top);
		}
	}
	(void)ex;
}

static void S_prep_article(S_ex *ex, xmlNodePtr article)
{
	S_clean_conditionally(ex, article, "form");
	S_clean_conditionally(ex, article, "fieldset");
	S_clean_tag(ex, article, "footer");
	S_clean_tag(ex, article, "aside");
	S_clean_share(ex, article);
	if (ex->flags & HTML_FLAG_WEIGHT_CLASSES) {
		static const char *const hs[] = {"h1", "h2", NULL};
		for (size_t k = 0; hs[k]; k++) {
			xmlNodePtr *list = NULL;
			size_t n = 0, cap = 0;
			S_collect_tag(ex, article, hs[k], &list, &n, &cap);
			for (size_t i = n; i-- > 0;)
				if (S_class_weight(ex, list[i]) < 0 && !S_contact_head(ex, list[i]))
					S_remove(ex, list[i]);
			galley_free(list);
		}
	}
	S_clean_conditionally(ex, article, "table");
	S_clean_conditionally(ex, article, "ul");
	S_clean_conditionally(ex, article, "div");
	/* empty paragraphs */
	xmlNodePtr *list = NULL;
	size_t n = 0, cap = 0;
	S_collect_tag(ex, article, "p", &list, &n, &cap);
	for (size_t i = n; i-- > 0;)
		if (S_len(list[i]) == 0 && S_count_tag(list[i], "img") == 0)
			S_remove(ex, list[i]);
	galley_free(list);
	/* single-cell layout tables are their cell */
	list = NULL;
	n = cap = 0;
	S_collect_tag(ex, article, "table", &list, &n, &cap);
	for (size_t i = n; i-- > 0;) {
		xmlNodePtr t = list[i];
		if (S_count_tag(t, "tr") != 1 || S_count_tag(t, "td") + S_count_tag(t, "th") != 1 ||
			S_count_tag(t, "table") != 0)
			continue;
		xmlNodePtr cell = NULL;
		for (xmlNodePtr c = t->children; c != NULL; c = S_next(c, t))
			if (html_is(c, "td") || html_is(c, "th")) {
				cell = c;
				break;
			}
		if (cell == NULL)
			continue;
		S_touch(t);
		if (S_edit_rename(ex, cell, "div") < 0 || S_edit_replace(ex, t, cell) < 0)
			break;
	}
	galley_free(list);
}

/* 1 for a table of data: a caption or header cells, and no table in it. */
static int S_data_table(xmlNodePtr table)
{
	int heads = 0;
	for (xmlNodePtr n = table->children; n != NULL;) {
		if (n->type == XML_ELEMENT_NODE) {
			if (html_is(n, "table"))
				return 0;
			if (html_is(n, "th") || html_is(n, "caption"))
				heads = 1;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != NULL && n->next == NULL && n->parent != table)
			n = n->parent;
		n = n != NULL ? n->next : NULL;
	}
	return heads;
}

/* The plain path, for a page with text where no pass found an article: the
 * body as it is, less its navigation, header, footer and asides (scripts,
 * styles and hidden parts are gone already). */
static void S_plain(S_ex *ex, xmlNodePtr body)
{
	static const char *const chrome[] = {"nav", "header", "footer", "aside", "form", NULL};
	xmlNodePtr n = body->children;
	while (n != NULL && !ex->oom) {
		if (n->type == XML_ELEMENT_NODE && S_in((const char *)n->name, chrome)) {
			xmlNodePtr next = S_next_skip(n, body);
			S_remove(ex, n);
			n = next;
			continue;
		}
		n = S_next(n, body);
	}
}

/* ---- choosing --------------------------------------------------------- */

int html_extract(html_page *page, htmlDocPtr doc, int flags, html_undo *undo, xmlNodePtr **out, size_t *n_out)
{
	S_ex ex;
	memset(&ex, 0, sizeof ex);
	ex.page = page;
	ex.flags = flags;
	ex.undo = undo;
	*out = NULL;
	*n_out = 0;

	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr body = NULL;
	for (xmlNodePtr c = root != NULL ? root->children : NULL; c != NULL; c = c->next)
		if (html_is(c, "body"))
			body = c;
	if (body == NULL)
		body = root;
	if (body == NULL)
		return 0;

	xmlNodePtr best = NULL, article;
	S_prep(&ex, body);
	if (flags & HTML_FLAG_PLAIN) {
		S_plain(&ex, body);
		goto whole_body;
	}
	S_collect(&ex, body);
	S_sum whole;
	if (!ex.oom)
		S_sum_tree(&ex, body, &whole);
	S_score(&ex);

	/* the candidates' final scores, and the five best */
	xmlNodePtr top[5] = {NULL};
	for (size_t i = 0; i < ex.ncand && !ex.oom; i++) {
		xmlNodePtr c = ex.cands[i];
		S_info *info = c->_private;
		info->score *= 1 - S_link_density_len(c, S_len_cached(&ex, c));
		for (int k = 0; k < 5; k++) {
			if (top[k] == NULL || info->score > S_score_of(top[k])) {
				memmove(&top[k + 1], &top[k], (size_t)(4 - k) * sizeof top[0]);
				top[k] = c;
				break;
			}
		}
	}

	best = top[0];
	/* A page that is one data table (opening hours, a price list): its
	 * best cell is not the article, the table is — when the table holds
	 * S_TABLE_PAGE_SHARE of the body's text and is a data table (header
	 * cells or a caption, no table inside: not an old site's layout). */
	for (xmlNodePtr t = best; t != NULL && t != body; t = t->parent) {
		if (html_is(t, "table")) {
			if (S_data_table(t) &&
				(double)html_text_length(t) >= S_TABLE_PAGE_SHARE * (double)html_text_length(body))
				best = t;
			break;
		}
	}
whole_body:
	article = ex.oom ? NULL : S_edit_new(&ex, doc, "div");
	if (!ex.oom && (best == NULL || best == body || html_is(best, "body"))) {
		/* nothing recognisable: the whole body is the article */
		while (body->children != NULL && !ex.oom)
			S_edit_append(&ex, article, body->children);
		if (!ex.oom)
			S_edit_append(&ex, body, article);
	} else if (!ex.oom) {
		/* several near-best candidates under one ancestor: take it */
		xmlNodePtr *alts[4];
		size_t nalts = 0;
		double bs = S_score_of(best);
		for (int k = 1; k < 5 && top[k] != NULL; k++)
			if (bs > 0 && S_score_of(top[k]) / bs >= 0.75)
				alts[nalts++] = &top[k];
		if (nalts >= 3) {
			for (xmlNodePtr p = best->parent; p != NULL && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
				size_t containing = 0;
				for (size_t a = 0; a < nalts; a++)
					if (S_is_ancestor(p, *alts[a]))
						containing++;
				if (containing >= 3) {
					best = p;
					break;
				}
			}
		}
		if (best->_private == NULL || !((S_info *)best->_private)->init)
			S_init_node(&ex, best);
		/* climb while the parent scores well */
		double last = S_score_of(best);
		double threshold = last / 3;
		for (xmlNodePtr p = best->parent; p != NULL && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
			S_info *pi = p->_private;
			if (pi == NULL || !pi->init)
				continue;
			if (pi->score < threshold)
				break;
			if (pi->score > last) {
				best = p;
				break;
			}
			last = pi->score;
		}
		/* a lone child is its parent */
		while (best->parent != NULL && best->parent != body && best->parent->type == XML_ELEMENT_NODE &&
			S_element_children(best->parent, NULL) == 1)
			best = best->parent;
		if (best->_private == NULL || !((S_info *)best->_private)->init)
			S_init_node(&ex, best);

		/* siblings that belong with it */
		double bscore = S_score_of(best);
		double sib_threshold = fmax(10, bscore * 0.2);
		const char *bcls = html_attr(best, "class");
		xmlNodePtr parent = best->parent;
		xmlNodePtr s = parent->children;
		while (s != NULL) {
			xmlNodePtr next = s->next;
			int append = 0;
			if (s == best) {
				append = 1;
			} else if (s->type == XML_ELEMENT_NODE) {
				double bonus = 0;
				const char *scls = html_attr(s, "class");
				if (bcls != NULL && *bcls && scls != NULL && strcmp(scls, bcls) == 0)
					bonus = bscore * 0.2;
				S_info *si = s->_private;
				if (si != NULL && si->init && si->score + bonus >= sib_threshold) {
					append = 1;
				} else if (S_opens_contacts(&ex, s)) {
					append = 1; /* the release's contact block, whatever its class says */
				} else if (html_is(s, "p")) {
					double ld = S_link_density(s);
					size_t len = S_len(s);
					if (len > 80 && ld < 0.25) {
						append = 1;
					} else if (len < 80 && len > 0 && ld == 0) {
						galley_buffer t = GALLEY_BUFFER_INIT;
						if (html_text(s, &t) < 0)
							ex.oom = 1;
						if (t.data != NULL) {
							const char *dot = strchr(t.data, '.');
							while (dot != NULL && !(dot[1] == ' ' || dot[1] == 0))
								dot = strchr(dot + 1, '.');
							append = dot != NULL;
						}
						galley_buffer_dispose(&t);
					}
				}
			}
			if (append && S_edit_append(&ex, article, s) < 0)
				break;
			s = next;
		}
		S_touch(parent);
		if (!ex.oom)
			S_edit_append(&ex, parent, article);
	}

	if (!ex.oom && !(flags & HTML_FLAG_PLAIN))
		S_prep_article(&ex, article);

	/* no node was freed (the undo log keeps them): forget the scores, so
	 * that a retry on the rolled-back document starts clean */
	for (size_t i = 0; i < ex.ninfo; i++)
		ex.info_nodes[i]->_private = NULL;
	while (ex.chunks != NULL) {
		S_chunk *next = ex.chunks->next;
		galley_free(ex.chunks);
		ex.chunks = next;
	}
	galley_free(ex.info_nodes);
	galley_free(ex.to_score);
	galley_free(ex.cands);
	if (ex.oom)
		return galley_error(page->ctx, GALLEY_ENOMEM, "out of memory extracting the article");
	*out = galley_malloc(sizeof **out);
	if (*out == NULL)
		return galley_error(page->ctx, GALLEY_ENOMEM, "out of memory");
	(*out)[0] = article;
	*n_out = 1;
	return 0;
}
