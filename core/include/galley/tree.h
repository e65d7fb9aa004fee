/* galley/tree.h — the document tree: node types, the tree rules, typed accessors and the editing API.
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_TREE_H
#define GALLEY_PUBLIC_TREE_H

#include <galley/buffer.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The document tree                                                  */
/* ------------------------------------------------------------------ */

/* Node kinds. Block kinds, then inline kinds. The JSON names are those
 * of INTERFACE.md. Values only grow at the end. */
typedef enum {
	GALLEY_NODE_NONE = 0,
	GALLEY_NODE_DOCUMENT,

	/* blocks */
	GALLEY_NODE_PARAGRAPH,  /* inlines */
	GALLEY_NODE_HEADING,    /* inlines; level 1-6 */
	GALLEY_NODE_LIST,       /* items; ordered, start */
	GALLEY_NODE_ITEM,       /* blocks (one list item) */
	GALLEY_NODE_QUOTE,      /* blocks */
	GALLEY_NODE_CODE_BLOCK, /* leaf: text, language */
	GALLEY_NODE_TABLE,      /* optional caption, then rows */
	GALLEY_NODE_ROW,        /* cells */
	GALLEY_NODE_CELL,       /* blocks; header, colspan, rowspan */
	GALLEY_NODE_FIGURE,     /* optional caption; url (src), alt */
	GALLEY_NODE_BREAK,      /* leaf: thematic break */
	GALLEY_NODE_DIV,        /* blocks; role ("signature", "contact", "note", "dateline") */
	GALLEY_NODE_CAPTION,    /* inlines: caption of a table or figure */

	/* inlines */
	GALLEY_NODE_TEXT,       /* leaf: text */
	GALLEY_NODE_EMPH,       /* inlines */
	GALLEY_NODE_STRONG,     /* inlines */
	GALLEY_NODE_CODE,       /* leaf: text */
	GALLEY_NODE_LINK,       /* inlines; url (href) */
	GALLEY_NODE_IMAGE,      /* leaf: url (src), alt */
	GALLEY_NODE_LINEBREAK,  /* leaf */
	GALLEY_NODE_SUP,        /* inlines */
	GALLEY_NODE_SUB,        /* inlines */
	GALLEY_NODE_NOTE        /* blocks: a footnote */
} galley_node_type;

#define GALLEY_NODE_FIRST_BLOCK GALLEY_NODE_PARAGRAPH
#define GALLEY_NODE_LAST_BLOCK GALLEY_NODE_CAPTION
#define GALLEY_NODE_FIRST_INLINE GALLEY_NODE_TEXT
#define GALLEY_NODE_LAST_INLINE GALLEY_NODE_NOTE

typedef struct galley_node galley_node;
typedef struct galley_meta galley_meta;

/** The type's name as in the JSON form ("paragraph", "code_block" -> "code"
 * for blocks; "item"/"row"/"cell"/"caption"/"document" for the structural kinds). */
GALLEY_EXTERN const char *galley_node_type_name(galley_node_type type);
GALLEY_EXTERN int galley_node_type_is_block(galley_node_type type);
GALLEY_EXTERN int galley_node_type_is_inline(galley_node_type type);
/** Leaves carry no children (text, code, code_block, image, linebreak, break). */
GALLEY_EXTERN int galley_node_type_is_leaf(galley_node_type type);
/** The one place that says what type may contain what type. */
GALLEY_EXTERN int galley_node_can_contain(galley_node_type parent, galley_node_type child);
/** galley_node_can_contain() for these two nodes, plus the one rule that
 * needs the tree: no link anywhere under a link (link > emph > link too),
 * whether child is a link or a subtree holding one. 1 when child may be
 * attached under parent. Every tree edit and the builder ask this. */
GALLEY_EXTERN int galley_node_can_insert(const galley_node *parent, const galley_node *child);

/** A new, detached node; NULL on out-of-memory. */
GALLEY_EXTERN galley_node *galley_node_new(galley_node_type type);
/** Frees the node and its subtree (unlinks it from its parent first). */
GALLEY_EXTERN void galley_node_free(galley_node *node);
/** Deep copy of a subtree (and of the metadata for a document); NULL on OOM. */
GALLEY_EXTERN galley_node *galley_node_copy(const galley_node *node);

GALLEY_EXTERN galley_node_type galley_node_get_type(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_parent(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_first_child(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_last_child(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_next(const galley_node *node);
GALLEY_EXTERN galley_node *galley_node_previous(const galley_node *node);
GALLEY_EXTERN size_t galley_node_child_count(const galley_node *node);

/** Tree edits; each checks galley_node_can_insert() (and that no node
 * goes under itself) and returns GALLEY_ETREE when the move is not
 * allowed. Attaching moves ownership. */
GALLEY_EXTERN int galley_node_append_child(galley_node *parent, galley_node *child);
GALLEY_EXTERN int galley_node_prepend_child(galley_node *parent, galley_node *child);
GALLEY_EXTERN int galley_node_insert_before(galley_node *sibling, galley_node *node);
GALLEY_EXTERN int galley_node_insert_after(galley_node *sibling, galley_node *node);
/** Detach from its parent; the caller owns it afterwards. */
GALLEY_EXTERN void galley_node_unlink(galley_node *node);

/* Typed fields. Getters return NULL/0 when the kind has no such field;
 * setters return GALLEY_EINVAL then. Strings are copied, UTF-8, and the
 * length-taking setters accept text that is not NUL-terminated. */

/** TEXT, CODE, CODE_BLOCK. */
GALLEY_EXTERN const char *galley_node_get_text(const galley_node *node);
GALLEY_EXTERN size_t galley_node_get_text_len(const galley_node *node);
GALLEY_EXTERN int galley_node_set_text(galley_node *node, const char *text, size_t len);
GALLEY_EXTERN int galley_node_append_text(galley_node *node, const char *text, size_t len);

/** HEADING: 1-6. */
GALLEY_EXTERN int galley_node_get_level(const galley_node *node);
GALLEY_EXTERN int galley_node_set_level(galley_node *node, int level);

/** LIST. */
GALLEY_EXTERN int galley_node_get_list_ordered(const galley_node *node);
GALLEY_EXTERN int galley_node_set_list_ordered(galley_node *node, int ordered);
GALLEY_EXTERN long galley_node_get_list_start(const galley_node *node); /* default 1 */
GALLEY_EXTERN int galley_node_set_list_start(galley_node *node, long start); /* 0 to 2147483647, else GALLEY_EINVAL */

/** LINK (href), IMAGE and FIGURE (src). */
GALLEY_EXTERN const char *galley_node_get_url(const galley_node *node);
GALLEY_EXTERN int galley_node_set_url(galley_node *node, const char *url);
/** IMAGE and FIGURE. */
GALLEY_EXTERN const char *galley_node_get_alt(const galley_node *node);
GALLEY_EXTERN int galley_node_set_alt(galley_node *node, const char *alt);
/** LINK: optional title. */
GALLEY_EXTERN const char *galley_node_get_title(const galley_node *node);
GALLEY_EXTERN int galley_node_set_title(galley_node *node, const char *title);
/** CODE_BLOCK: optional language (info string). */
GALLEY_EXTERN const char *galley_node_get_language(const galley_node *node);
GALLEY_EXTERN int galley_node_set_language(galley_node *node, const char *lang);
/** DIV: role ("signature", "contact", "note", "dateline", ...), may be NULL. */
GALLEY_EXTERN const char *galley_node_get_role(const galley_node *node);
GALLEY_EXTERN int galley_node_set_role(galley_node *node, const char *role);

/** CELL. */
GALLEY_EXTERN int galley_node_get_cell_header(const galley_node *node);
GALLEY_EXTERN int galley_node_set_cell_header(galley_node *node, int header);
GALLEY_EXTERN int galley_node_get_colspan(const galley_node *node); /* >= 1 */
GALLEY_EXTERN int galley_node_set_colspan(galley_node *node, int n);
GALLEY_EXTERN int galley_node_get_rowspan(const galley_node *node); /* >= 1 */
GALLEY_EXTERN int galley_node_set_rowspan(galley_node *node, int n);

/* Attributes any node may carry: an id, classes, key/values. */
GALLEY_EXTERN const char *galley_node_get_id(const galley_node *node);
GALLEY_EXTERN int galley_node_set_id(galley_node *node, const char *id);
GALLEY_EXTERN size_t galley_node_class_count(const galley_node *node);
GALLEY_EXTERN const char *galley_node_class_at(const galley_node *node, size_t i);
GALLEY_EXTERN int galley_node_add_class(galley_node *node, const char *cls);
GALLEY_EXTERN size_t galley_node_kv_count(const galley_node *node);
GALLEY_EXTERN const char *galley_node_kv_key(const galley_node *node, size_t i);
GALLEY_EXTERN const char *galley_node_kv_value(const galley_node *node, size_t i);
/** The value for key, or NULL. */
GALLEY_EXTERN const char *galley_node_kv_get(const galley_node *node, const char *key);
/** Sets (replaces) key's value, keeping first-set order. */
GALLEY_EXTERN int galley_node_kv_set(galley_node *node, const char *key, const char *value);
/** 1 when the node has an id, classes or key/values. */
GALLEY_EXTERN int galley_node_has_attr(const galley_node *node);

/** The document's metadata (DOCUMENT nodes only; NULL otherwise). Borrowed. */
GALLEY_EXTERN galley_meta *galley_document_meta(const galley_node *doc);

/** The concatenated text of a subtree (TEXT and CODE contents; a space for
 * LINEBREAK; blocks separated by "\n"). Appends to out. */
GALLEY_EXTERN int galley_node_text_content(const galley_node *node, galley_buffer *out);

/** A readable indented dump of a subtree, for debugging and tests. */
GALLEY_EXTERN int galley_node_dump(const galley_node *node, galley_buffer *out);

#ifdef __cplusplus
}
#endif
#endif
