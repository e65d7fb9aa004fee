/* tree.h — the node struct, private to libgalley. Plugins and applications
 * see only the opaque galley_node and its accessors.
 *
 * Nodes are small (48 bytes): the links, the text, and one pointer to the
 * fields most nodes never have (attributes, a link's URL, a list's start,
 * a document's metadata), made only when one is set. A builder makes its
 * nodes from one arena (node.c): chunks of nodes, not one allocation each,
 * and the short texts in its string blocks. galley_node_new() gives a node
 * of its own allocation. Either kind moves freely between trees: an arena
 * lives while any of its nodes does. */
#ifndef GALLEY_TREE_H
#define GALLEY_TREE_H

#include <stdint.h>

#include "internal.h"

typedef struct galley__arena galley__arena;
typedef struct galley__node_x galley__node_x;

struct galley_node {
	struct galley_node *parent, *first, *next;
	/* the previous sibling; a first child's is the last child, so a
	 * parent finds its last child without a pointer of its own */
	struct galley_node *prev;
	/* The text (TEXT, CODE, CODE_BLOCK: text_len bytes and a NUL, or NULL),
	 * or, once a field below is set (has_x), those fields, which then hold
	 * the text: most nodes have one or the other, and one pointer for both
	 * makes a node 48 bytes, not 56. Read them with GALLEY__TEXT() and
	 * GALLEY__X(). */
	union {
		char *text;
		galley__node_x *x;
	} u;
	uint32_t text_len;
	uint16_t slot : 15; /* an arena node's index in its chunk */
	uint16_t has_x : 1; /* u is x */
	uint8_t type;       /* galley_node_type */
	uint8_t bits;       /* GALLEY__N_*, and a heading's level in the top three */
};

#define GALLEY__X(n) ((n)->has_x ? (n)->u.x : NULL)
#define GALLEY__TEXT(n) ((n)->has_x ? (n)->u.x->text : (n)->u.text)
/* Where the text pointer is, to set it. */
#define GALLEY__TEXT_SLOT(n) ((n)->has_x ? &(n)->u.x->text : &(n)->u.text)

/* What few nodes carry. */
struct galley__node_x {
	char *text;  /* the node's text, while it has these fields */
	char *url;   /* LINK href, IMAGE/FIGURE src */
	char *alt;   /* IMAGE, FIGURE */
	char *title; /* LINK */
	char *lang;  /* CODE_BLOCK */
	char *role;  /* DIV */
	char *id;
	char **classes;
	size_t nclasses;
	char **kv; /* key, value, key, value, ... */
	size_t nkv;
	long start;            /* LIST; 1 without an x */
	int colspan, rowspan;  /* CELL; 1 without an x */
	galley_meta *meta;     /* DOCUMENT */
};

#define GALLEY__N_ARENA 0x01   /* made from an arena (else its own allocation) */
#define GALLEY__N_OWNTEXT 0x02 /* text is its own allocation (else in the arena's string blocks) */
#define GALLEY__N_GROWN 0x04   /* text was appended to: its room is the power of two above its length */
#define GALLEY__N_ORDERED 0x08 /* LIST */
#define GALLEY__N_HEADER 0x10  /* CELL */
#define GALLEY__N_LEVEL_SHIFT 5 /* HEADING: 1-6 */

/* The last child (NULL for none). */
static inline galley_node *galley__node_last(const galley_node *n)
{
	return n->first ? n->first->prev : NULL;
}

/* A new arena, held once by its maker; galley__arena_drop() lets it go
 * (it is freed then, or with its last node). NULL on OOM. */
GALLEY_INTERNAL galley__arena *galley__arena_new(void);
GALLEY_INTERNAL void galley__arena_drop(galley__arena *a);
/* galley_node_new() from an arena. */
GALLEY_INTERNAL galley_node *galley__node_new_in(galley__arena *a, galley_node_type type);

GALLEY_INTERNAL void galley__node_link_last(galley_node *parent, galley_node *child);
/* 1 when n is a link or inside one (the ancestor rule of galley_node_can_insert). */
GALLEY_INTERNAL int galley__node_in_link(const galley_node *n);
GALLEY_INTERNAL galley_meta *galley__meta_new(void);
GALLEY_INTERNAL void galley__meta_free(galley_meta *meta);
GALLEY_INTERNAL int galley__meta_copy(galley_meta *dst, const galley_meta *src);

#endif
