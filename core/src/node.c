/* node.c — the document tree: opaque nodes, typed fields, attributes and
 * the one function that says what may contain what. */
#include "internal.h"
#include "tree.h"

#include <stddef.h>
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

/* ---- storage ---- */

/* A builder's nodes come from chunks of its arena, a small first one and
 * each next twice the last (a release of a hundred nodes takes a few
 * kilobytes, a document of a million nodes a few hundred chunks); a node
 * finds its chunk, and so its arena, from its slot. Texts shorter than
 * S_SMALL_TEXT go to the arena's string blocks, longer ones to an
 * allocation of their own, freed when replaced. Freed nodes are reused;
 * the arena goes with its last node. */
#define S_CHUNK_FIRST 32
#define S_CHUNK_MAX 4096 /* fits the uint16_t slot */
#define S_BLOCK_FIRST 1024
#define S_BLOCK_MAX 65536
#define S_SMALL_TEXT 128

typedef struct S_chunk {
	struct S_chunk *next;
	galley__arena *arena;
	galley_node nodes[];
} S_chunk;

typedef struct S_block {
	struct S_block *next;
} S_block; /* then the bytes */

struct galley__arena {
	size_t live; /* nodes not freed, and one for the maker until it drops it */
	S_chunk *chunks; /* newest first */
	size_t used, cap; /* of the newest chunk */
	galley_node *spare; /* freed nodes, linked by next */
	S_block *blocks; /* newest first */
	char *str, *str_end; /* the free bytes of the newest block */
	size_t block_size;
};

galley__arena *galley__arena_new(void)
{
	galley__arena *a = galley_calloc(1, sizeof *a);
	if (a)
		a->live = 1;
	return a;
}

static void S_arena_free(galley__arena *a)
{
	while (a->chunks) {
		S_chunk *c = a->chunks;
		a->chunks = c->next;
		galley_free(c);
	}
	while (a->blocks) {
		S_block *b = a->blocks;
		a->blocks = b->next;
		galley_free(b);
	}
	galley_free(a);
}

void galley__arena_drop(galley__arena *a)
{
	if (a && --a->live == 0)
		S_arena_free(a);
}

static galley__arena *S_arena_of(const galley_node *n)
{
	const S_chunk *c = (const S_chunk *)(const void *)((const char *)(n - n->slot) - offsetof(S_chunk, nodes));
	return c->arena;
}

static galley_node *S_arena_node(galley__arena *a)
{
	galley_node *n;
	uint16_t slot;
	if (a->spare) {
		n = a->spare;
		a->spare = n->next;
		slot = n->slot;
	} else {
		if (!a->chunks || a->used == a->cap) {
			size_t cap = a->chunks ? a->cap * 2 : S_CHUNK_FIRST;
			S_chunk *c;
			if (cap > S_CHUNK_MAX)
				cap = S_CHUNK_MAX;
			c = galley_malloc(sizeof *c + cap * sizeof c->nodes[0]);
			if (!c)
				return NULL;
			c->next = a->chunks;
			c->arena = a;
			a->chunks = c;
			a->cap = cap;
			a->used = 0;
		}
		n = &a->chunks->nodes[a->used];
		slot = (uint16_t)a->used++;
	}
	memset(n, 0, sizeof *n);
	n->slot = slot;
	n->bits = GALLEY__N_ARENA;
	a->live++;
	return n;
}

/* size bytes (< S_SMALL_TEXT) from the arena's string blocks. */
static char *S_arena_bytes(galley__arena *a, size_t size)
{
	char *p;
	if ((size_t)(a->str_end - a->str) < size) {
		size_t bs = a->block_size ? a->block_size * 2 : S_BLOCK_FIRST;
		S_block *b;
		if (bs > S_BLOCK_MAX)
			bs = S_BLOCK_MAX;
		b = galley_malloc(sizeof *b + bs);
		if (!b)
			return NULL;
		b->next = a->blocks;
		a->blocks = b;
		a->block_size = bs;
		a->str = (char *)(b + 1);
		a->str_end = a->str + bs;
	}
	p = a->str;
	a->str += size;
	return p;
}

static galley__node_x *S_x(galley_node *n)
{
	galley__node_x *x;
	if (!n->has_x) {
		x = galley_calloc(1, sizeof *x);
		if (!x)
			return NULL;
		x->start = 1;
		x->colspan = x->rowspan = 1;
		x->text = n->u.text;
		n->u.x = x;
		n->has_x = 1;
	}
	return n->u.x;
}

static void S_x_free(galley__node_x *x)
{
	size_t i;
	if (!x)
		return;
	galley_free(x->url);
	galley_free(x->alt);
	galley_free(x->title);
	galley_free(x->lang);
	galley_free(x->role);
	galley_free(x->id);
	for (i = 0; i < x->nclasses; i++)
		galley_free(x->classes[i]);
	galley_free(x->classes);
	for (i = 0; i < 2 * x->nkv; i++)
		galley_free(x->kv[i]);
	galley_free(x->kv);
	galley__meta_free(x->meta);
	galley_free(x);
}

static void S_free_one(galley_node *n)
{
	if (n->bits & GALLEY__N_OWNTEXT)
		galley_free(GALLEY__TEXT(n));
	S_x_free(GALLEY__X(n));
	n->has_x = 0;
	if (n->bits & GALLEY__N_ARENA) {
		galley__arena *a = S_arena_of(n);
		n->bits = 0;
		n->u.text = NULL;
		n->next = a->spare;
		a->spare = n;
		if (--a->live == 0)
			S_arena_free(a);
	} else {
		galley_free(n);
	}
}

static galley_node *S_init(galley_node *n, galley_node_type type)
{
	if (!n)
		return NULL;
	n->type = (uint8_t)type;
	if (type == GALLEY_NODE_HEADING)
		n->bits |= 1 << GALLEY__N_LEVEL_SHIFT;
	if (type == GALLEY_NODE_DOCUMENT && (!S_x(n) || !(n->u.x->meta = galley__meta_new()))) {
		S_free_one(n);
		return NULL;
	}
	return n;
}

static int S_valid_type(galley_node_type type)
{
	return type > GALLEY_NODE_NONE && type <= GALLEY_NODE_LAST_INLINE;
}

galley_node *galley_node_new(galley_node_type type)
{
	return S_valid_type(type) ? S_init(galley_calloc(1, sizeof(galley_node)), type) : NULL;
}

galley_node *galley__node_new_in(galley__arena *a, galley_node_type type)
{
	return S_valid_type(type) ? S_init(S_arena_node(a), type) : NULL;
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
		if (cur->first) {
			galley__node_last(cur)->next = cur->next;
			cur->next = cur->first;
			cur->first = NULL;
		}
		next = cur->next;
		S_free_one(cur);
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

static galley_node *S_copy_one(galley__arena *a, const galley_node *src)
{
	galley_node *n = galley__node_new_in(a, (galley_node_type)src->type);
	const galley__node_x *sx = GALLEY__X(src);
	size_t i;
	if (!n)
		return NULL;
	n->bits = (uint8_t)((n->bits & (GALLEY__N_ARENA)) |
			    (src->bits & (GALLEY__N_ORDERED | GALLEY__N_HEADER | (7 << GALLEY__N_LEVEL_SHIFT))));
	if (GALLEY__TEXT(src) && galley_node_set_text(n, GALLEY__TEXT(src), src->text_len) < 0)
		goto fail;
	if (!sx)
		return n;
	if (!S_x(n))
		goto fail;
	n->u.x->start = sx->start;
	n->u.x->colspan = sx->colspan;
	n->u.x->rowspan = sx->rowspan;
	if (S_dup_field(&n->u.x->url, sx->url) || S_dup_field(&n->u.x->alt, sx->alt) ||
	    S_dup_field(&n->u.x->title, sx->title) || S_dup_field(&n->u.x->lang, sx->lang) ||
	    S_dup_field(&n->u.x->role, sx->role) || S_dup_field(&n->u.x->id, sx->id))
		goto fail;
	for (i = 0; i < sx->nclasses; i++)
		if (galley_node_add_class(n, sx->classes[i]) < 0)
			goto fail;
	for (i = 0; i < sx->nkv; i++)
		if (galley_node_kv_set(n, sx->kv[2 * i], sx->kv[2 * i + 1]) < 0)
			goto fail;
	if (sx->meta && galley__meta_copy(n->u.x->meta, sx->meta) < 0)
		goto fail;
	return n;
fail:
	galley_node_free(n);
	return NULL;
}

/* The copy's nodes come from an arena of its own. */
galley_node *galley_node_copy(const galley_node *node)
{
	const galley_node *s;
	galley_node *root, *d;
	galley__arena *a;

	if (!node || !(a = galley__arena_new()))
		return NULL;
	root = S_copy_one(a, node);
	if (!root)
		goto fail;
	/* Walk the source depth-first, mirroring each step in the copy. */
	s = node;
	d = root;
	while (1) {
		if (s->first) {
			galley_node *c = S_copy_one(a, s->first);
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
			galley_node *c = S_copy_one(a, s->next);
			if (!c)
				goto fail;
			galley__node_link_last(d->parent, c);
			s = s->next;
			d = c;
		}
	}
	galley__arena_drop(a);
	return root;
fail:
	galley_node_free(root);
	galley__arena_drop(a);
	return NULL;
}

galley_node_type galley_node_get_type(const galley_node *node)
{
	return node ? (galley_node_type)node->type : GALLEY_NODE_NONE;
}

galley_node *galley_node_parent(const galley_node *node) { return node ? node->parent : NULL; }
galley_node *galley_node_first_child(const galley_node *node) { return node ? node->first : NULL; }
galley_node *galley_node_last_child(const galley_node *node) { return node ? galley__node_last(node) : NULL; }
galley_node *galley_node_next(const galley_node *node) { return node ? node->next : NULL; }

galley_node *galley_node_previous(const galley_node *node)
{
	return node && node->parent && node != node->parent->first ? node->prev : NULL;
}

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
	galley_node *first = parent->first;
	child->parent = parent;
	child->next = NULL;
	if (first) {
		child->prev = first->prev;
		first->prev->next = child;
		first->prev = child;
	} else {
		child->prev = child;
		parent->first = child;
	}
}

void galley_node_unlink(galley_node *node)
{
	galley_node *p, *first;
	if (!node || !(p = node->parent))
		return;
	first = p->first;
	if (node == first) {
		p->first = node->next;
		if (node->next)
			node->next->prev = node->prev; /* the last child */
	} else {
		node->prev->next = node->next;
		if (node->next)
			node->next->prev = node->prev;
		else
			first->prev = node->prev; /* it was the last */
	}
	node->parent = node->prev = node->next = NULL;
}

/* Only inline containers hold links, so the walk up stops at the first
 * block: it costs the inline nesting, not the depth of the tree. */
int galley__node_in_link(const galley_node *n)
{
	for (; n && galley_node_type_is_inline((galley_node_type)n->type); n = n->parent)
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
	if (!parent || !child ||
	    !galley_node_can_contain((galley_node_type)parent->type, (galley_node_type)child->type))
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

static void S_link_first(galley_node *parent, galley_node *child)
{
	galley_node *first = parent->first;
	child->parent = parent;
	child->next = first;
	if (first) {
		child->prev = first->prev;
		first->prev = child;
	} else {
		child->prev = child;
	}
	parent->first = child;
}

int galley_node_prepend_child(galley_node *parent, galley_node *child)
{
	int rc = S_check_insert(parent, child);
	if (rc)
		return rc;
	galley_node_unlink(child);
	S_link_first(parent, child);
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
	if (sibling == sibling->parent->first) {
		S_link_first(sibling->parent, node);
		return 0;
	}
	node->parent = sibling->parent;
	node->next = sibling;
	node->prev = sibling->prev;
	sibling->prev->next = node;
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
		sibling->parent->first->prev = node;
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
	return GALLEY__TEXT(node) ? GALLEY__TEXT(node) : "";
}

size_t galley_node_get_text_len(const galley_node *node)
{
	return S_has_text(node) ? node->text_len : 0;
}

/* Copy text into the tree without control characters: a tree holds tab and
 * newline, CR, VT and FF become spaces, every other C0 control, DEL and the C1
 * controls (U+0080 to U+009F) are dropped. So no writer passes an escape
 * sequence (ESC c, ESC ]0;...BEL) to a terminal, NUL included, and every
 * writer says the same; what galley writes it reads back. Returns the length.
 * dst may be text itself or before it (it never writes ahead of what it reads). */
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

/* The bytes the text has room for (at least: an appended text has its
 * power of two, a set one its length and NUL). */
static size_t S_text_room(const galley_node *n)
{
	size_t need = (size_t)n->text_len + 1, room = 16;
	if (!GALLEY__TEXT(n))
		return 0;
	if (!(n->bits & GALLEY__N_GROWN))
		return need;
	while (room < need)
		room *= 2;
	return room;
}

/* Room of `size` bytes for the node's text: the arena's string blocks for
 * a short text of an arena node, else an allocation of its own (*own). */
static char *S_text_new(galley_node *n, size_t size, int *own)
{
	if ((n->bits & GALLEY__N_ARENA) && size < S_SMALL_TEXT) {
		*own = 0;
		return S_arena_bytes(S_arena_of(n), size);
	}
	*own = 1;
	return galley_malloc(size);
}

/* Append len bytes (or replace the text, when replace) as S_copy_text
 * keeps them. In place when there is room (the source may be the text
 * itself then); else a new allocation, the old text freed after the copy. */
static int S_put_text(galley_node *n, const char *text, size_t len, int replace)
{
	size_t at = replace ? 0 : n->text_len, need = at + len + 1, room;
	char *p;
	int own, grown = !replace;

	if (need < len || need > (size_t)UINT32_MAX)
		return GALLEY_ENOMEM;
	if (need <= S_text_room(n)) {
		n->text_len = (uint32_t)(at + S_copy_text(GALLEY__TEXT(n) + at, text, len));
		GALLEY__TEXT(n)[n->text_len] = '\0';
		return 0;
	}
	grown = grown && GALLEY__TEXT(n); /* a first text has exactly its size */
	room = need;
	if (grown) {
		for (room = 16; room < need && room <= ((size_t)UINT32_MAX) / 2; room *= 2)
			;
		if (room < need) { /* past 2 GiB: exactly its size, and no power of two promised */
			room = need;
			grown = 0;
		}
	}
	p = S_text_new(n, room, &own);
	if (!p)
		return GALLEY_ENOMEM;
	if (at)
		memcpy(p, GALLEY__TEXT(n), at);
	at += S_copy_text(p + at, text, len);
	p[at] = '\0';
	if (n->bits & GALLEY__N_OWNTEXT)
		galley_free(GALLEY__TEXT(n));
	*GALLEY__TEXT_SLOT(n) = p;
	n->text_len = (uint32_t)at;
	n->bits = (uint8_t)((n->bits & ~(GALLEY__N_OWNTEXT | GALLEY__N_GROWN)) | (own ? GALLEY__N_OWNTEXT : 0) |
			    (grown ? GALLEY__N_GROWN : 0));
	return 0;
}

int galley_node_set_text(galley_node *node, const char *text, size_t len)
{
	if (!S_has_text(node))
		return GALLEY_EINVAL;
	return S_put_text(node, text, len, 1);
}

int galley_node_append_text(galley_node *node, const char *text, size_t len)
{
	if (!S_has_text(node))
		return GALLEY_EINVAL;
	return S_put_text(node, text, len, 0);
}

int galley_node_get_level(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_HEADING ? node->bits >> GALLEY__N_LEVEL_SHIFT : 0;
}

int galley_node_set_level(galley_node *node, int level)
{
	if (!node || node->type != GALLEY_NODE_HEADING || level < 1 || level > 6)
		return GALLEY_EINVAL;
	node->bits = (uint8_t)((node->bits & ((1 << GALLEY__N_LEVEL_SHIFT) - 1)) | (level << GALLEY__N_LEVEL_SHIFT));
	return 0;
}

static int S_set_bit(galley_node *node, galley_node_type type, int bit, int on)
{
	if (!node || node->type != type)
		return GALLEY_EINVAL;
	node->bits = (uint8_t)(on ? node->bits | bit : node->bits & ~bit);
	return 0;
}

int galley_node_get_list_ordered(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_LIST ? (node->bits & GALLEY__N_ORDERED) != 0 : 0;
}

int galley_node_set_list_ordered(galley_node *node, int ordered)
{
	return S_set_bit(node, GALLEY_NODE_LIST, GALLEY__N_ORDERED, ordered != 0);
}

long galley_node_get_list_start(const galley_node *node)
{
	if (!node || node->type != GALLEY_NODE_LIST)
		return 0;
	return node->has_x ? node->u.x->start : 1;
}

int galley_node_set_list_start(galley_node *node, long start)
{
	/* 0 to 2^31-1: what the JSON form can carry, so what galley writes it reads */
	if (!node || node->type != GALLEY_NODE_LIST || start < 0 || start > 2147483647L)
		return GALLEY_EINVAL;
	if (start == 1 && !node->has_x)
		return 0; /* the default needs no room */
	if (!S_x(node))
		return GALLEY_ENOMEM;
	node->u.x->start = start;
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

/* Set a string field of x (the offset of the char * in it), x made when
 * needed: clearing a field of a node without an x is nothing to do. */
static int S_set_x_string(galley_node *n, size_t off, const char *value,
	int (*set)(char **, const char *))
{
	if (!n->has_x && !value)
		return 0;
	if (!S_x(n))
		return GALLEY_ENOMEM;
	return set((char **)(void *)((char *)n->u.x + off), value);
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
	return S_has_url(node) && node->has_x ? node->u.x->url : NULL;
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

#define S_XOFF(f) offsetof(galley__node_x, f)

int galley_node_set_url(galley_node *node, const char *url)
{
	return S_has_url(node) ? S_set_x_string(node, S_XOFF(url), url, S_set_url) : GALLEY_EINVAL;
}

const char *galley_node_get_alt(const galley_node *node)
{
	return S_has_alt(node) && node->has_x ? node->u.x->alt : NULL;
}

int galley_node_set_alt(galley_node *node, const char *alt)
{
	return S_has_alt(node) ? S_set_x_string(node, S_XOFF(alt), alt, S_set_string) : GALLEY_EINVAL;
}

const char *galley_node_get_title(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_LINK && node->has_x ? node->u.x->title : NULL;
}

int galley_node_set_title(galley_node *node, const char *title)
{
	return node && node->type == GALLEY_NODE_LINK ? S_set_x_string(node, S_XOFF(title), title, S_set_string) :
		GALLEY_EINVAL;
}

const char *galley_node_get_language(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CODE_BLOCK && node->has_x ? node->u.x->lang : NULL;
}

int galley_node_set_language(galley_node *node, const char *lang)
{
	return node && node->type == GALLEY_NODE_CODE_BLOCK ? S_set_x_string(node, S_XOFF(lang), lang, S_set_string) :
		GALLEY_EINVAL;
}

const char *galley_node_get_role(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_DIV && node->has_x ? node->u.x->role : NULL;
}

int galley_node_set_role(galley_node *node, const char *role)
{
	return node && node->type == GALLEY_NODE_DIV ? S_set_x_string(node, S_XOFF(role), role, S_set_string) :
		GALLEY_EINVAL;
}

int galley_node_get_cell_header(const galley_node *node)
{
	return node && node->type == GALLEY_NODE_CELL ? (node->bits & GALLEY__N_HEADER) != 0 : 0;
}

int galley_node_set_cell_header(galley_node *node, int header)
{
	return S_set_bit(node, GALLEY_NODE_CELL, GALLEY__N_HEADER, header != 0);
}

int galley_node_get_colspan(const galley_node *node)
{
	if (!node || node->type != GALLEY_NODE_CELL)
		return 0;
	return node->has_x ? node->u.x->colspan : 1;
}

int galley_node_set_colspan(galley_node *node, int n)
{
	if (!node || node->type != GALLEY_NODE_CELL || n < 1)
		return GALLEY_EINVAL;
	if (n == 1 && !node->has_x)
		return 0;
	if (!S_x(node))
		return GALLEY_ENOMEM;
	node->u.x->colspan = n;
	return 0;
}

int galley_node_get_rowspan(const galley_node *node)
{
	if (!node || node->type != GALLEY_NODE_CELL)
		return 0;
	return node->has_x ? node->u.x->rowspan : 1;
}

int galley_node_set_rowspan(galley_node *node, int n)
{
	if (!node || node->type != GALLEY_NODE_CELL || n < 1)
		return GALLEY_EINVAL;
	if (n == 1 && !node->has_x)
		return 0;
	if (!S_x(node))
		return GALLEY_ENOMEM;
	node->u.x->rowspan = n;
	return 0;
}

/* ---- attributes ---- */

const char *galley_node_get_id(const galley_node *node)
{
	return node && node->has_x ? node->u.x->id : NULL;
}

int galley_node_set_id(galley_node *node, const char *id)
{
	return node ? S_set_x_string(node, S_XOFF(id), id, S_set_string) : GALLEY_EINVAL;
}

size_t galley_node_class_count(const galley_node *node)
{
	return node && node->has_x ? node->u.x->nclasses : 0;
}

const char *galley_node_class_at(const galley_node *node, size_t i)
{
	return node && node->has_x && i < node->u.x->nclasses ? node->u.x->classes[i] : NULL;
}

int galley_node_add_class(galley_node *node, const char *cls)
{
	char **p, *copy;
	galley__node_x *x;
	if (!node || !cls)
		return GALLEY_EINVAL;
	if (!(x = S_x(node)))
		return GALLEY_ENOMEM;
	copy = galley__strdup(cls);
	if (!copy)
		return GALLEY_ENOMEM;
	p = galley_realloc(x->classes, (x->nclasses + 1) * sizeof *p);
	if (!p) {
		galley_free(copy);
		return GALLEY_ENOMEM;
	}
	x->classes = p;
	x->classes[x->nclasses++] = copy;
	return 0;
}

size_t galley_node_kv_count(const galley_node *node)
{
	return node && node->has_x ? node->u.x->nkv : 0;
}

const char *galley_node_kv_key(const galley_node *node, size_t i)
{
	return node && node->has_x && i < node->u.x->nkv ? node->u.x->kv[2 * i] : NULL;
}

const char *galley_node_kv_value(const galley_node *node, size_t i)
{
	return node && node->has_x && i < node->u.x->nkv ? node->u.x->kv[2 * i + 1] : NULL;
}

const char *galley_node_kv_get(const galley_node *node, const char *key)
{
	size_t i;
	if (!node || !key || !node->has_x)
		return NULL;
	for (i = 0; i < node->u.x->nkv; i++)
		if (strcmp(node->u.x->kv[2 * i], key) == 0)
			return node->u.x->kv[2 * i + 1];
	return NULL;
}

int galley_node_kv_set(galley_node *node, const char *key, const char *value)
{
	size_t i;
	char **p, *k, *v;
	galley__node_x *x;
	if (!node || !key || !value)
		return GALLEY_EINVAL;
	if (!(x = S_x(node)))
		return GALLEY_ENOMEM;
	for (i = 0; i < x->nkv; i++)
		if (strcmp(x->kv[2 * i], key) == 0)
			return S_set_string(&x->kv[2 * i + 1], value);
	k = galley__strdup(key);
	v = galley__strdup(value);
	p = (k && v) ? galley_realloc(x->kv, 2 * (x->nkv + 1) * sizeof *p) : NULL;
	if (!p) {
		galley_free(k);
		galley_free(v);
		return GALLEY_ENOMEM;
	}
	x->kv = p;
	x->kv[2 * x->nkv] = k;
	x->kv[2 * x->nkv + 1] = v;
	x->nkv++;
	return 0;
}

int galley_node_has_attr(const galley_node *node)
{
	return node && node->has_x && (node->u.x->id || node->u.x->nclasses || node->u.x->nkv);
}

galley_meta *galley_document_meta(const galley_node *doc)
{
	return doc && doc->type == GALLEY_NODE_DOCUMENT ? doc->u.x->meta : NULL;
}
