/* builder.c — how readers build a tree: a cursor that opens and closes
 * containers, checked against galley_node_can_contain(), with implicit
 * paragraphs around inline content given at block level. */
#include "internal.h"
#include "tree.h"

#include <stdlib.h>

struct galley_builder {
	galley_context *ctx;
	galley__arena *arena; /* every node it makes; held until finish or free */
	galley_node *doc;
	galley_node *cur;
	galley_node *implicit; /* the open implicit paragraph, if any */
	int finished;
	long nodes, max_nodes; /* nodes made so far; the max-nodes limit */
};

galley_builder *galley_builder_new(galley_context *ctx)
{
	galley_builder *b = galley_calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->ctx = ctx;
	b->max_nodes = galley_context_option_long(ctx, "max-nodes", GALLEY_DEFAULT_MAX_NODES);
	b->arena = galley__arena_new();
	b->doc = b->arena ? galley__node_new_in(b->arena, GALLEY_NODE_DOCUMENT) : NULL;
	if (!b->doc) {
		galley__arena_drop(b->arena);
		galley_free(b);
		return NULL;
	}
	b->cur = b->doc;
	return b;
}

void galley_builder_free(galley_builder *b)
{
	if (!b)
		return;
	if (!b->finished) {
		galley_node_free(b->doc);
		galley__arena_drop(b->arena);
	}
	galley_free(b);
}

galley_context *galley__builder_context(galley_builder *b)
{
	return b ? b->ctx : NULL;
}

galley_meta *galley_builder_meta(galley_builder *b)
{
	return b && !b->finished ? galley_document_meta(b->doc) : NULL;
}

galley_node *galley_builder_current(const galley_builder *b)
{
	return b ? b->cur : NULL;
}

static int S_oom(galley_builder *b)
{
	return galley_error(b->ctx, GALLEY_ENOMEM, "out of memory");
}

static int S_misplaced(galley_builder *b, galley_node_type child)
{
	return galley_error(b->ctx, GALLEY_ETREE, "a %s may not go in a %s",
		galley_node_type_name(child), galley_node_type_name(b->cur->type));
}

static void S_close_implicit(galley_builder *b)
{
	if (b->implicit && b->cur == b->implicit) {
		b->cur = b->implicit->parent;
		b->implicit = NULL;
	}
}

/* Make the cursor a place where `type` may go: close an implicit paragraph
 * before a block, open one before inline content at block level. */
static int S_prepare(galley_builder *b, galley_node_type type)
{
	galley_node *target = b->cur;
	if (b->finished)
		return galley_error(b->ctx, GALLEY_EUSAGE, "the builder has finished");
	/* a text run added to the last text node makes no node, but is counted
	 * too: a bound on the calls as well */
	if (++b->nodes > b->max_nodes)
		return galley_error(b->ctx, GALLEY_EINVAL,
			"the document has more than %ld nodes (the max-nodes limit; raise it with -O max-nodes=N)",
			b->max_nodes);
	/* a block given inside an implicit paragraph goes after it */
	if (galley_node_type_is_block(type) && b->implicit && b->cur == b->implicit)
		target = b->implicit->parent;
	if (type == GALLEY_NODE_LINK && galley__node_in_link(target))
		return galley_error(b->ctx, GALLEY_ETREE, "a link may not go in a link"); /* at any depth */
	if (galley_node_can_contain(target->type, type)) {
		if (target != b->cur)
			S_close_implicit(b);
		return 0;
	}
	if (galley_node_type_is_inline(type) &&
	    galley_node_can_contain(b->cur->type, GALLEY_NODE_PARAGRAPH)) {
		galley_node *p = galley__node_new_in(b->arena, GALLEY_NODE_PARAGRAPH);
		if (!p)
			return S_oom(b);
		galley__node_link_last(b->cur, p);
		b->cur = p;
		b->implicit = p;
		return 0;
	}
	return galley_error(b->ctx, GALLEY_ETREE, "a %s may not go in a %s",
		galley_node_type_name(type), galley_node_type_name(target->type));
}

/* Add a new node of `type` where the cursor says (after S_prepare). */
static int S_add(galley_builder *b, galley_node_type type, galley_node **out)
{
	int rc = S_prepare(b, type);
	if (rc)
		return rc;
	*out = galley__node_new_in(b->arena, type);
	if (!*out)
		return S_oom(b);
	galley__node_link_last(b->cur, *out);
	return 0;
}

int galley_builder_enter(galley_builder *b, galley_node_type type)
{
	galley_node *n;
	int rc;
	if (!b || galley_node_type_is_leaf(type) || type == GALLEY_NODE_DOCUMENT)
		return b ? galley_error(b->ctx, GALLEY_EUSAGE, "cannot enter a %s",
			galley_node_type_name(type)) : GALLEY_EUSAGE;
	rc = S_add(b, type, &n);
	if (rc)
		return rc;
	b->cur = n;
	return 0;
}

int galley_builder_leave(galley_builder *b)
{
	if (!b || b->finished)
		return GALLEY_EUSAGE;
	S_close_implicit(b);
	if (b->cur == b->doc)
		return galley_error(b->ctx, GALLEY_ETREE, "nothing open to leave");
	b->cur = b->cur->parent;
	return 0;
}

int galley_builder_leave_to(galley_builder *b, galley_node_type type)
{
	galley_node *n;
	if (!b || b->finished)
		return GALLEY_EUSAGE;
	for (n = b->cur; n && n != b->doc; n = n->parent)
		if (n->type == type)
			break;
	if (!n || n == b->doc)
		return galley_error(b->ctx, GALLEY_ETREE, "no open %s to leave", galley_node_type_name(type));
	if (b->implicit) {
		galley_node *a;
		for (a = b->implicit; a && a != n->parent; a = a->parent)
			;
		if (a) /* the implicit paragraph is inside what we close */
			b->implicit = NULL;
	}
	b->cur = n->parent;
	return 0;
}

int galley_builder_text(galley_builder *b, const char *text, size_t len)
{
	galley_node *last, *t;
	int rc;
	if (!b)
		return GALLEY_EUSAGE;
	if (len == 0)
		return 0;
	rc = S_prepare(b, GALLEY_NODE_TEXT);
	if (rc)
		return rc;
	last = galley__node_last(b->cur);
	if (last && last->type == GALLEY_NODE_TEXT)
		return galley_node_append_text(last, text, len) < 0 ? S_oom(b) : 0;
	t = galley__node_new_in(b->arena, GALLEY_NODE_TEXT);
	if (!t || galley_node_set_text(t, text, len) < 0) {
		galley_node_free(t);
		return S_oom(b);
	}
	galley__node_link_last(b->cur, t);
	return 0;
}

int galley_builder_leaf(galley_builder *b, galley_node_type type, galley_node **out)
{
	galley_node *n;
	int rc;
	if (out)
		*out = NULL;
	if (!b || !galley_node_type_is_leaf(type))
		return b ? galley_error(b->ctx, GALLEY_EUSAGE, "a %s is not a leaf",
			galley_node_type_name(type)) : GALLEY_EUSAGE;
	rc = S_add(b, type, &n);
	if (rc == 0 && out)
		*out = n;
	return rc;
}

int galley_builder_code(galley_builder *b, const char *text, size_t len)
{
	galley_node *n;
	int rc = galley_builder_leaf(b, GALLEY_NODE_CODE, &n);
	if (rc)
		return rc;
	return galley_node_set_text(n, text, len) < 0 ? S_oom(b) : 0;
}

int galley_builder_code_block(galley_builder *b, const char *text, size_t len, const char *lang)
{
	galley_node *n;
	int rc = galley_builder_leaf(b, GALLEY_NODE_CODE_BLOCK, &n);
	if (rc)
		return rc;
	if (galley_node_set_text(n, text, len) < 0 || (lang && galley_node_set_language(n, lang) < 0))
		return S_oom(b);
	return 0;
}

int galley_builder_image(galley_builder *b, const char *src, const char *alt)
{
	galley_node *n;
	int rc = galley_builder_leaf(b, GALLEY_NODE_IMAGE, &n);
	if (rc)
		return rc;
	if ((src && galley_node_set_url(n, src) < 0) || (alt && galley_node_set_alt(n, alt) < 0))
		return S_oom(b);
	return 0;
}

int galley_builder_append(galley_builder *b, galley_node *node)
{
	int rc;
	if (!b || !node)
		return GALLEY_EUSAGE;
	rc = S_prepare(b, (galley_node_type)node->type);
	if (rc)
		return rc;
	if (galley_node_append_child(b->cur, node) < 0)
		/* S_prepare checked the types: what is left is a link inside */
		return galley__node_in_link(b->cur) ? galley_error(b->ctx, GALLEY_ETREE, "a link may not go in a link") :
			S_misplaced(b, (galley_node_type)node->type);
	return 0;
}

int galley_builder_finish(galley_builder *b, galley_node **out)
{
	if (!b || !out || b->finished)
		return GALLEY_EUSAGE;
	b->cur = b->doc;
	b->implicit = NULL;
	b->finished = 1;
	galley__arena_drop(b->arena); /* the document's nodes hold it now */
	*out = b->doc;
	return 0;
}

static int S_set_result(galley_builder *b, int rc)
{
	if (rc == GALLEY_EINVAL)
		return galley_error(b->ctx, GALLEY_EUSAGE, "that field does not belong to a %s",
			galley_node_type_name(b->cur->type));
	if (rc == GALLEY_ENOMEM)
		return S_oom(b);
	return rc;
}

int galley_builder_set_level(galley_builder *b, int level)
{
	return S_set_result(b, galley_node_set_level(b->cur, level));
}

int galley_builder_set_list(galley_builder *b, int ordered, long start)
{
	int rc = galley_node_set_list_ordered(b->cur, ordered);
	if (!rc)
		rc = galley_node_set_list_start(b->cur, start);
	return S_set_result(b, rc);
}

int galley_builder_set_url(galley_builder *b, const char *url)
{
	return S_set_result(b, galley_node_set_url(b->cur, url));
}

int galley_builder_set_alt(galley_builder *b, const char *alt)
{
	return S_set_result(b, galley_node_set_alt(b->cur, alt));
}

int galley_builder_set_role(galley_builder *b, const char *role)
{
	return S_set_result(b, galley_node_set_role(b->cur, role));
}

int galley_builder_set_cell(galley_builder *b, int header, int colspan, int rowspan)
{
	int rc = galley_node_set_cell_header(b->cur, header);
	if (!rc)
		rc = galley_node_set_colspan(b->cur, colspan);
	if (!rc)
		rc = galley_node_set_rowspan(b->cur, rowspan);
	return S_set_result(b, rc);
}
