/* node.c — the document tree: opaque nodes, typed fields, attributes and
 * the one function that says what may contain what. */
#include "internal.h"
#include "tree.h"

#include <stdlib.h>
#include <string.h>

static const char *const S_type_names[] = {
	[GALLEY_NODE_NONE] = "none",
	[GALLEY_NODE_DOCUMENT] = "document",
	[GALLEY_NODE_PARAGRAPH] = "paragraph",
	[GALLEY_NODE_HEADING] = "heading",
	[GALLEY_NODE_LIST] = "list",
	[GALLEY_NODE_ITEM] = "item",
	[GALLEY_NODE_QUOTE] = "quote",
	[GALLEY_NODE_CODE_BLOCK] = "code",
	[GALLEY_NODE_TABLE] = "table",
	[GALLEY_NODE_ROW] = "row",
	[GALLEY_NODE_CELL] = "cell",
	[GALLEY_NODE_FIGURE] = "figure",
	[GALLEY_NODE_BREAK] = "break",
	[GALLEY_NODE_DIV] = "div",
	[GALLEY_NODE_CAPTION] = "caption",
	[GALLEY_NODE_TEXT] = "text",
	[GALLEY_NODE_EMPH] = "emph",
	[GALLEY_NODE_STRONG] = "strong",
	[GALLEY_NODE_CODE] = "code",
	[GALLEY_NODE_LINK] = "link",
	[GALLEY_NODE_IMAGE] = "image",
	[GALLEY_NODE_LINEBREAK] = "linebreak",
	[GALLEY_NODE_SUP] = "sup",
	[GALLEY_NODE_SUB] = "sub",
	[GALLEY_NODE_NOTE] = "note",
};

const char *galley_node_type_name(galley_node_type type)
{
	if ((unsigned)type < sizeof S_type_names / sizeof S_type_names[0] && S_type_names[type])
		return S_type_names[type];
	return "unknown";
}

int galley_node_type_is_block(galley_node_type type)
{
	return type >= GALLEY_NODE_FIRST_BLOCK && type <= GALLEY_NODE_LAST_BLOCK;
}

int galley_node_type_is_inline(galley_node_type type)
{
	return type >= GALLEY_NODE_FIRST_INLINE && type <= GALLEY_NODE_LAST_INLINE;
}

int galley_node_type_is_leaf(galley_node_type type)
{
	switch (type) {
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_IMAGE:
	case GALLEY_NODE_LINEBREAK:
	case GALLEY_NODE_BREAK:
		return 1;
	default:
		return 0;
	}
}

/* Blocks that may stand wherever a sequence of blocks is allowed. */
static int S_is_flow_block(galley_node_type t)
{
	switch (t) {
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_LIST:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_CODE_BLOCK:
	case GALLEY_NODE_TABLE:
	case GALLEY_NODE_FIGURE:
	case GALLEY_NODE_BREAK:
	case GALLEY_NODE_DIV:
		return 1;
	default:
		return 0;
	}
}

int galley_node_can_contain(galley_node_type parent, galley_node_type child)
{
	switch (parent) {
	case GALLEY_NODE_DOCUMENT:
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_CELL:
	case GALLEY_NODE_DIV:
	case GALLEY_NODE_NOTE:
		return S_is_flow_block(child);
	case GALLEY_NODE_LIST:
		return child == GALLEY_NODE_ITEM;
	case GALLEY_NODE_TABLE:
		return child == GALLEY_NODE_CAPTION || child == GALLEY_NODE_ROW;
	case GALLEY_NODE_ROW:
		return child == GALLEY_NODE_CELL;
	case GALLEY_NODE_FIGURE:
		return child == GALLEY_NODE_CAPTION;
	case GALLEY_NODE_LINK:
		/* a link inside a link has no meaning in any output format */
		return galley_node_type_is_inline(child) && child != GALLEY_NODE_LINK;
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_HEADING:
	case GALLEY_NODE_CAPTION:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		return galley_node_type_is_inline(child);
	default:
		return 0;
	}
}

galley_node *galley_node_new(galley_node_type type)
{
	galley_node *n;
	if (type <= GALLEY_NODE_NONE || type > GALLEY_NODE_LAST_INLINE)
		return NULL;
	n = galley_calloc(1, sizeof *n);
	if (!n)
		return NULL;
	n->type = type;
	n->start = 1;
	n->colspan = n->rowspan = 1;
	if (type == GALLEY_NODE_HEADING)
		n->level = 1;
	if (type == GALLEY_NODE_DOCUMENT) {
		n->meta = galley__meta_new();
		if (!n->meta) {
			galley_free(n);
			return NULL;
		}
	}
	return n;
}

static void S_free_fields(galley_node *n)
{
	size_t i;
	galley_free(n->text);
	galley_free(n->url);
	galley_free(n->alt);
	galley_free(n->title);
	galley_free(n->lang);
	galley_free(n->role);
	galley_free(n->id);
	for (i = 0; i < n->nclasses; i++)
		galley_free(n->classes[i]);
	galley_free(n->classes);
	for (i = 0; i < 2 * n->nkv; i++)
		galley_free(n->kv[i]);
	galley_free(n->kv);
	galley__meta_free(n->meta);
	galley_free(n);
}

void galley_node_free(galley_node *node)
{
	galley_node *cur, *next;
	if (!node)
		return;
	galley_node_unlink(node);
	/* Iterative: splice children into a work list so deep trees cannot
	 * exhaust the stack. */
	cur = node;
	while (cur) {
		if (cur->last) {
			cur->last->next = cur->next;
			cur->next = cur->first;
			cur->first = cur->last = NULL;
		}
		next = cur->next;
		S_free_fields(cur);
		cur = next;
	}
}

static int S_dup_field(char **dst, const char *src)
{
	if (!src)
		return 0;
	*dst = galley__strdup(src);
	return *dst ? 0 : GALLEY_ENOMEM;
}

static galley_node *S_copy_one(const galley_node *src)
{
	galley_node *n = galley_node_new(src->type);
	size_t i;
	if (!n)
		return NULL;
	n->level = src->level;
	n->ordered = src->ordered;
	n->start = src->start;
	n->header = src->header;
	n->colspan = src->colspan;
	n->rowspan = src->rowspan;
	if (src->text && galley_node_set_text(n, src->text, src->text_len) < 0)
		goto fail;
	if (S_dup_field(&n->url, src->url) || S_dup_field(&n->alt, src->alt) ||
	    S_dup_field(&n->title, src->title) || S_dup_field(&n->lang, src->lang) ||
	    S_dup_field(&n->role, src->role) || S_dup_field(&n->id, src->id))
		goto fail;
	for (i = 0; i < src->nclasses; i++)
		if (galley_node_add_class(n, src->classes[i]) < 0)
			goto fail;
	for (i = 0; i < src->nkv; i++)
		if (galley_node_kv_set(n, src->kv[2 * i], src->kv[2 * i + 1]) < 0)
			goto fail;
	if (src->meta && galley__meta_copy(n->meta, src->meta) < 0)
		goto fail;
	return n;
fail:
	galley_node_free(n);
	return NULL;
}

galley_node *galley_node_copy(const galley_node *node)
{
	const galley_node *s;
	galley_node *root, *d;

	if (!node)
		return NULL;
	root = S_copy_one(node);
	if (!root)
		return NULL;
	/* Walk the source depth-first, mirroring each step in the copy. */
	s = node;
	d = root;
	while (1) {
		if (s->first) {
			galley_node *c = S_copy_one(s->first);
			if (!c)
				goto fail;
			galley__node_link_last(d, c);
			s = s->first;
			d = c;
			continue;
		}
		while (s != node && !s->next) {
			s = s->parent;
			d = d->parent;
		}
		if (s == node)
			break;
		{
			galley_node *c = S_copy_one(s->next);
			if (!c)
				goto fail;
			galley__node_link_last(d->parent, c);
			s = s->next;
			d = c;
		}
	}
	return root;
fail:
	galley_node_free(root);
	return NULL;
}

galley_node_type galley_node_get_type(const galley_node *node)
{
	return node ? node->type : GALLEY_NODE_NONE;
}

galley_node *galley_node_parent(const galley_node *node) { return node ? node->parent : NULL; }
galley_node *galley_node_first_child(const galley_node *node) { return node ? node->first : NULL; }
galley_node *galley_node_last_child(const galley_node *node) { return node ? node->last : NULL; }
galley_node *galley_node_next(const galley_node *node) { return node ? node->next : NULL; }
galley_node *galley_node_previous(const galley_node *node) { return node ? node->prev : NULL; }

size_t galley_node_child_count(const galley_node *node)
{
	size_t n = 0;
	const galley_node *c;
	for (c = node ? node->first : NULL; c; c = c->next)
		n++;
	return n;
}

void galley__node_link_last(galley_node *parent, galley_node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void galley_node_unlink(galley_node *node)
{
	if (!node)
		return;
	if (node->prev)
		node->prev->next = node->next;
	else if (node->parent)
		node->parent->first = node->next;
	if (node->next)
		node->next->prev = node->prev;
	else if (node->parent)
		node->parent->last = node->prev;
	node->parent = node->prev = node->next = NULL;
}

/* Only inline containers hold links, so the walk up stops at the first
 * block: it costs the inline nesting, not the depth of the tree. */
int galley__node_in_link(const galley_node *n)
{
	for (; n && galley_node_type_is_inline(n->type); n = n->parent)
		if (n->type == GALLEY_NODE_LINK)
			return 1;
	return 0;
}

static int S_has_link(const galley_node *root)
{
	const galley_node *n = root;
	while (n) {
		if (n->type == GALLEY_NODE_LINK)
			return 1;
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	return 0;
}

int galley_node_can_insert(const galley_node *parent, const galley_node *child)
{
	if (!parent || !child || !galley_node_can_contain(parent->type, child->type))
		return 0;
	/* the subtree is looked at only when there is a link above */
	return !(galley__node_in_link(parent) && S_has_link(child));
}

static int S_check_insert(const galley_node *parent, const galley_node *child)
{
	const galley_node *a;
	if (!parent || !child || child->type == GALLEY_NODE_DOCUMENT)
		return GALLEY_ETREE;
	if (!galley_node_can_insert(parent, child))
		return GALLEY_ETREE;
	/* no cycles; only a node with children can be an ancestor, so fresh
	 * nodes skip the walk and building deep trees stays linear */
	if (child->first || child == parent)
		for (a = parent; a; a = a->parent)
			if (a == child)
				return GALLEY_ETREE;
	return 0;
}

int galley_node_append_child(galley_node *parent, galley_node *child)
{
	int rc = S_check_insert(parent, child);
	if (rc)
		return rc;
	galley_node_unlink(child);
	galley__node_link_last(parent, child);
	return 0;
}

int galley_node_prepend_child(galley_node *parent, galley_node *child)
{
	int rc = S_check_insert(parent, child);
	if (rc)
		return rc;
	galley_node_unlink(child);
	child->parent = parent;
	child->next = parent->first;
	if (parent->first)
		parent->first->prev = child;
	else
		parent->last = child;
	parent->first = child;
	return 0;
}

int galley_node_insert_before(galley_node *sibling, galley_node *node)
{
	int rc;
	if (!sibling || sibling == node)
		return GALLEY_ETREE;
	rc = S_check_insert(sibling->parent, node);
	if (rc)
		return rc;
	galley_node_unlink(node);
	node->parent = sibling->parent;
	node->next = sibling;
	node->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = node;
	else
		sibling->parent->first = node;
	sibling->prev = node;
	return 0;
}

int galley_node_insert_after(galley_node *sibling, galley_node *node)
{
	int rc;
	if (!sibling || sibling == node)
		return GALLEY_ETREE;
	rc = S_check_insert(sibling->parent, node);
	if (rc)
		return rc;
	galley_node_unlink(node);
	node->parent = sibling->parent;
	node->prev = sibling;
	node->next = sibling->next;
	if (sibling->next)
		sibling->next->prev = node;
	else
		sibling->parent->last = node;
	sibling->next = node;
	return 0;
}

/* ---- typed fields ---- */

static int S_has_text(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_TEXT || n->type == GALLEY_NODE_CODE ||
		     n->type == GALLEY_NODE_CODE_BLOCK);
}

const char *galley_node_get_text(const galley_node *node)
{
	if (!S_has_text(node))
		return NULL;
	return node->text ? node->text : "";
}

size_t galley_node_get_text_len(const galley_node *node)
{
	return S_has_text(node) ? node->text_len : 0;
}

int galley_node_set_text(galley_node *node, const char *text, size_t len)
{
	if (!S_has_text(node))
		return GALLEY_EINVAL;
	node->text_len = 0;
	return galley_node_append_text(node, text, len);
}

/* Copy text into the tree without control characters: a tree holds tab and
 * newline, CR, VT and FF become spaces, every other C0 control, DEL and the C1
 * controls (U+0080 to U+009F) are dropped. So no writer passes an escape
 * sequence (ESC c, ESC ]0;...BEL) to a terminal, NUL included, and every
 * writer says the same; what galley writes it reads back. Returns the length. */
static size_t S_copy_text(char *dst, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x20 && c != 0x7F && c != 0xC2) {
			dst[o++] = (char)c;
			i++;
		} else if (c == '\t' || c == '\n') {
			dst[o++] = (char)c;
			i++;
		} else if (c == '\r' || c == '\v' || c == '\f') {
			dst[o++] = ' ';
			i++;
		} else if (c == 0xC2) {
			if (i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
				i += 2; /* a C1 control */
			} else {
				dst[o++] = (char)c;
				i++;
			}
		} else {
			i++; /* another C0 control or DEL */
		}
	}
	return o;
}

int galley_node_append_text(galley_node *node, const char *text, size_t len)
{
	size_t need;
	if (!S_has_text(node))
		return GALLEY_EINVAL;
	need = node->text_len + len + 1;
	if (need < len)
		return GALLEY_ENOMEM;
	if (need > node->text_cap) {
		/* Geometric growth keeps merging many small runs linear. */
		size_t cap = node->text_cap ? node->text_cap : 16;
		char *p;
		while (cap < need)
			cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
		p = galley_realloc(node->text, cap);
		if (!p)
			return GALLEY_ENOMEM;
		node->text = p;
		node->text_cap = cap;
	}
	node->text_len += S_copy_text(node->text + node->text_len, text, len);
	node->text[node->text_len] = '\0';
	return 0;
}

int galley_node_get_level(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_HEADING ? node->level : 0;
}

int galley_node_set_level(galley_node *node, int level)
{
	if (!node || node->type != GALLEY_NODE_HEADING || level < 1 || level > 6)
		return GALLEY_EINVAL;
	node->level = level;
	return 0;
}

int galley_node_get_list_ordered(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_LIST ? node->ordered : 0;
}

int galley_node_set_list_ordered(galley_node *node, int ordered)
{
	if (!node || node->type != GALLEY_NODE_LIST)
		return GALLEY_EINVAL;
	node->ordered = ordered != 0;
	return 0;
}

long galley_node_get_list_start(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_LIST ? node->start : 0;
}

int galley_node_set_list_start(galley_node *node, long start)
{
	/* 0 to 2^31-1: what the JSON form can carry, so what galley writes it reads */
	if (!node || node->type != GALLEY_NODE_LIST || start < 0 || start > 2147483647L)
		return GALLEY_EINVAL;
	node->start = start;
	return 0;
}

static int S_set_string(char **field, const char *value)
{
	char *copy = NULL;
	if (value) {
		/* without control characters, as text (S_copy_text) */
		size_t len = strlen(value);
		copy = galley_malloc(len + 1);
		if (!copy)
			return GALLEY_ENOMEM;
		copy[S_copy_text(copy, value, len)] = '\0';
	}
	galley_free(*field);
	*field = copy;
	return 0;
}

static int S_has_url(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_LINK || n->type == GALLEY_NODE_IMAGE ||
		     n->type == GALLEY_NODE_FIGURE);
}

static int S_has_alt(const galley_node *n)
{
	return n && (n->type == GALLEY_NODE_IMAGE || n->type == GALLEY_NODE_FIGURE);
}

const char *galley_node_get_url(const galley_node *node)
{
	return S_has_url(node) ? node->url : NULL;
}

/* A URL keeps its control characters percent-encoded (as a browser's URL
 * parser does in a path), so no writer passes them raw and none is lost. */
static int S_set_url(char **field, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)url;
	size_t len, extra = 0, i, o = 0;
	char *copy;

	if (!url)
		return S_set_string(field, NULL);
	len = strlen(url);
	for (i = 0; i < len; i++)
		extra += (u[i] < 0x20 || u[i] == 0x7F || (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)) ? 2 : 0;
	if (!extra)
		return S_set_string(field, url);
	copy = galley_malloc(len + extra * 2 + 1);
	if (!copy)
		return GALLEY_ENOMEM;
	for (i = 0; i < len; i++) {
		int c1 = u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F;
		if (u[i] < 0x20 || u[i] == 0x7F || c1) {
			copy[o++] = '%';
			copy[o++] = hex[u[i] >> 4];
			copy[o++] = hex[u[i] & 15];
			if (c1) {
				i++;
				copy[o++] = '%';
				copy[o++] = hex[u[i] >> 4];
				copy[o++] = hex[u[i] & 15];
			}
		} else {
			copy[o++] = (char)u[i];
		}
	}
	copy[o] = '\0';
	galley_free(*field);
	*field = copy;
	return 0;
}

int galley_node_set_url(galley_node *node, const char *url)
{
	return S_has_url(node) ? S_set_url(&node->url, url) : GALLEY_EINVAL;
}

const char *galley_node_get_alt(const galley_node *node)
{
	return S_has_alt(node) ? node->alt : NULL;
}

int galley_node_set_alt(galley_node *node, const char *alt)
{
	return S_has_alt(node) ? S_set_string(&node->alt, alt) : GALLEY_EINVAL;
}

const char *galley_node_get_title(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_LINK ? node->title : NULL;
}

int galley_node_set_title(galley_node *node, const char *title)
{
	return node && node->type == GALLEY_NODE_LINK ? S_set_string(&node->title, title) : GALLEY_EINVAL;
}

const char *galley_node_get_language(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CODE_BLOCK ? node->lang : NULL;
}

int galley_node_set_language(galley_node *node, const char *lang)
{
	return node && node->type == GALLEY_NODE_CODE_BLOCK ? S_set_string(&node->lang, lang) : GALLEY_EINVAL;
}

const char *galley_node_get_role(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_DIV ? node->role : NULL;
}

int galley_node_set_role(galley_node *node, const char *role)
{
	return node && node->type == GALLEY_NODE_DIV ? S_set_string(&node->role, role) : GALLEY_EINVAL;
}

int galley_node_get_cell_header(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CELL ? node->header : 0;
}

int galley_node_set_cell_header(galley_node *node, int header)
{
	if (!node || node->type != GALLEY_NODE_CELL)
		return GALLEY_EINVAL;
	node->header = header != 0;
	return 0;
}

int galley_node_get_colspan(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CELL ? node->colspan : 0;
}

int galley_node_set_colspan(galley_node *node, int n)
{
	if (!node || node->type != GALLEY_NODE_CELL || n < 1)
		return GALLEY_EINVAL;
	node->colspan = n;
	return 0;
}

int galley_node_get_rowspan(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CELL ? node->rowspan : 0;
}

int galley_node_set_rowspan(galley_node *node, int n)
{
	if (!node || node->type != GALLEY_NODE_CELL || n < 1)
		return GALLEY_EINVAL;
	node->rowspan = n;
	return 0;
}

/* ---- attributes ---- */

const char *galley_node_get_id(const galley_node *node)
{
	return node ? node->id : NULL;
}

int galley_node_set_id(galley_node *node, const char *id)
{
	return node ? S_set_string(&node->id, id) : GALLEY_EINVAL;
}

size_t galley_node_class_count(const galley_node *node)
{
	return node ? node->nclasses : 0;
}

const char *galley_node_class_at(const galley_node *node, size_t i)
{
	return node && i < node->nclasses ? node->classes[i] : NULL;
}

int galley_node_add_class(galley_node *node, const char *cls)
{
	char **p, *copy;
	if (!node || !cls)
		return GALLEY_EINVAL;
	copy = galley__strdup(cls);
	if (!copy)
		return GALLEY_ENOMEM;
	p = galley_realloc(node->classes, (node->nclasses + 1) * sizeof *p);
	if (!p) {
		galley_free(copy);
		return GALLEY_ENOMEM;
	}
	node->classes = p;
	node->classes[node->nclasses++] = copy;
	return 0;
}

size_t galley_node_kv_count(const galley_node *node)
{
	return node ? node->nkv : 0;
}

const char *galley_node_kv_key(const galley_node *node, size_t i)
{
	return node && i < node->nkv ? node->kv[2 * i] : NULL;
}

const char *galley_node_kv_value(const galley_node *node, size_t i)
{
	return node && i < node->nkv ? node->kv[2 * i + 1] : NULL;
}

const char *galley_node_kv_get(const galley_node *node, const char *key)
{
	size_t i;
	if (!node || !key)
		return NULL;
	for (i = 0; i < node->nkv; i++)
		if (strcmp(node->kv[2 * i], key) == 0)
			return node->kv[2 * i + 1];
	return NULL;
}

int galley_node_kv_set(galley_node *node, const char *key, const char *value)
{
	size_t i;
	char **p, *k, *v;
	if (!node || !key || !value)
		return GALLEY_EINVAL;
	for (i = 0; i < node->nkv; i++)
		if (strcmp(node->kv[2 * i], key) == 0)
			return S_set_string(&node->kv[2 * i + 1], value);
	k = galley__strdup(key);
	v = galley__strdup(value);
	p = (k && v) ? galley_realloc(node->kv, 2 * (node->nkv + 1) * sizeof *p) : NULL;
	if (!p) {
		galley_free(k);
		galley_free(v);
		return GALLEY_ENOMEM;
	}
	node->kv = p;
	node->kv[2 * node->nkv] = k;
	node->kv[2 * node->nkv + 1] = v;
	node->nkv++;
	return 0;
}

int galley_node_has_attr(const galley_node *node)
{
	return node && (node->id || node->nclasses || node->nkv);
}

galley_meta *galley_document_meta(const galley_node *doc)
{
	return doc && doc->type == GALLEY_NODE_DOCUMENT ? doc->meta : NULL;
}
