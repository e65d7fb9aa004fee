/* tree.h — the node struct, private to libgalley. Plugins and applications
 * see only the opaque galley_node and its accessors. */
#ifndef GALLEY_TREE_H
#define GALLEY_TREE_H

#include "internal.h"

struct galley_node {
	galley_node_type type;
	struct galley_node *parent, *first, *last, *next, *prev;

	char *text; /* TEXT, CODE, CODE_BLOCK */
	size_t text_len, text_cap;
	char *url;   /* LINK href, IMAGE/FIGURE src */
	char *alt;   /* IMAGE, FIGURE */
	char *title; /* LINK */
	char *lang;  /* CODE_BLOCK */
	char *role;  /* DIV */
	int level;   /* HEADING */
	int ordered; /* LIST */
	long start;  /* LIST */
	int header, colspan, rowspan; /* CELL */

	char *id;
	char **classes;
	size_t nclasses;
	char **kv; /* key, value, key, value, ... */
	size_t nkv;

	galley_meta *meta; /* DOCUMENT */
};

GALLEY_INTERNAL void galley__node_link_last(galley_node *parent, galley_node *child);
/* 1 when n is a link or inside one (the ancestor rule of galley_node_can_insert). */
GALLEY_INTERNAL int galley__node_in_link(const galley_node *n);
GALLEY_INTERNAL galley_meta *galley__meta_new(void);
GALLEY_INTERNAL void galley__meta_free(galley_meta *meta);
GALLEY_INTERNAL int galley__meta_copy(galley_meta *dst, const galley_meta *src);

#endif
