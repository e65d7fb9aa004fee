/* json_write.c — the json writer: one walk over the tree that builds the
 * JSON form as jansson values, in a fixed key order, then dumps it
 * 2-space indented with UTF-8 unescaped, so the output is deterministic and
 * `-f json -t json` reproduces galley's own output byte for byte. */
/* The key order (part of the JSON form; README/INTERFACE.md document it):
 * the document: galley-ir, attr?, meta (always), blocks; meta: the known keys
 * in galley_meta_key_at() order, then the free keys. Every node: type, attr?,
 * its fields, its children — heading: level; list: ordered, start, items,
 * item-attrs?; code: text, language?; table: caption?, caption-attr?, rows,
 * row-attrs?; cell (no type): attr?, header, colspan, rowspan, blocks;
 * figure: src, alt, caption?, caption-attr?; div: role?, blocks; link: href,
 * title?, inlines; image: src, alt. attr: id?, classes?, kv?. */
#include <string.h>

#include <jansson.h>

#include "json_plugin.h"

/* One open container: where its children's JSON goes. */
typedef struct {
	galley_node_type type;
	json_t *obj;   /* the node's object (NULL for items, rows, captions) */
	json_t *kids;  /* the array the children are appended to */
	json_t *attrs; /* lists and tables: each item's/row's attr or null */
	int any_attr;  /* whether attrs holds anything but nulls */
} S_frame;

typedef struct {
	int failed; /* a jansson call failed: out of memory */
	galley_buffer fix; /* scratch for repairing invalid UTF-8 */
} S_writer;

/* ---- values -------------------------------------------------------------- */

/* A JSON string; bytes that are not UTF-8 (a tree from a careless reader)
 * become U+FFFD rather than failing the whole document. */
static json_t *S_str(S_writer *w, const char *s, size_t len)
{
	json_t *v;
	size_t i, k;

	if (!s)
		s = "", len = 0;
	v = json_stringn(s, len);
	if (v)
		return v;
	galley_buffer_clear(&w->fix);
	for (i = 0; i < len; i += k) {
		k = galley_utf8_decode(s + i, len - i, NULL);
		if (k)
			galley_buffer_append(&w->fix, s + i, k);
		else
			galley_buffer_puts(&w->fix, "\xEF\xBF\xBD"), k = 1;
	}
	if (w->fix.oom)
		return NULL;
	return json_stringn(w->fix.data ? w->fix.data : "", w->fix.len);
}

static json_t *S_cstr(S_writer *w, const char *s)
{
	return S_str(w, s, s ? strlen(s) : 0);
}

/* Set obj[key] = v (stealing v); a NULL v is an allocation that failed. */
static void S_set(S_writer *w, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v) < 0)
		w->failed = 1;
}

static void S_append(S_writer *w, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) < 0)
		w->failed = 1;
}

/* A new empty array set as obj[key]; borrowed. */
static json_t *S_array_at(S_writer *w, json_t *obj, const char *key)
{
	json_t *arr = json_array();

	S_set(w, obj, key, arr);
	return w->failed ? NULL : arr;
}

/* {"id", "classes", "kv"} for a node with attributes, else NULL. */
static json_t *S_attr(S_writer *w, const galley_node *node)
{
	json_t *attr, *arr, *kv;
	size_t i, n;

	if (!galley_node_has_attr(node))
		return NULL;
	attr = json_object();
	if (!attr) {
		w->failed = 1;
		return NULL;
	}
	if (galley_node_get_id(node))
		S_set(w, attr, "id", S_cstr(w, galley_node_get_id(node)));
	if ((n = galley_node_class_count(node)) > 0 && (arr = S_array_at(w, attr, "classes"))) {
		for (i = 0; i < n; i++)
			S_append(w, arr, S_cstr(w, galley_node_class_at(node, i)));
	}
	if ((n = galley_node_kv_count(node)) > 0) {
		kv = json_object();
		S_set(w, attr, "kv", kv);
		for (i = 0; kv && !w->failed && i < n; i++)
			S_set(w, kv, galley_node_kv_key(node, i), S_cstr(w, galley_node_kv_value(node, i)));
	}
	return attr;
}

/* A node's object: "type" first, then "attr" when it has any. */
static json_t *S_node(S_writer *w, const galley_node *node, const char *type)
{
	json_t *obj = json_object();
	json_t *attr;

	if (!obj) {
		w->failed = 1;
		return NULL;
	}
	S_set(w, obj, "type", json_string(type));
	if ((attr = S_attr(w, node)) != NULL)
		S_set(w, obj, "attr", attr);
	return obj;
}

static json_t *S_meta(S_writer *w, const galley_meta *meta)
{
	json_t *obj = json_object(), *arr;
	size_t i, j, n;

	if (!obj) {
		w->failed = 1;
		return NULL;
	}
	n = meta ? galley_meta_key_count(meta) : 0;
	for (i = 0; i < n && !w->failed; i++) {
		const char *key = galley_meta_key_at(meta, i);
		if (strcmp(key, "hits") == 0) {
			S_set(w, obj, key, json_integer(galley_meta_get_hits(meta)));
		} else if (galley_meta_key_is_list(key)) {
			if ((arr = S_array_at(w, obj, key)) != NULL) {
				for (j = 0; j < galley_meta_count(meta, key); j++)
					S_append(w, arr, S_cstr(w, galley_meta_get_nth(meta, key, j)));
			}
		} else {
			S_set(w, obj, key, S_cstr(w, galley_meta_get(meta, key)));
		}
	}
	return obj;
}

/* ---- the walk ------------------------------------------------------------ */

/* The JSON for a node entered during the walk. Containers push a frame
 * (top is the parent's frame on entry). Returns 0 or a negative code. */
static int S_enter(galley_context *ctx, S_writer *w, S_frame *stack, int *depth, galley_node *node)
{
	galley_node_type type = galley_node_get_type(node);
	S_frame *top = &stack[*depth];
	S_frame *f = NULL;
	json_t *obj = NULL, *attr;

	if (*depth >= GALLEY_JSON_MAX_DEPTH)
		return galley_error(ctx, GALLEY_EINVAL,
			"the document nests deeper than %d levels, more than the JSON form allows",
			GALLEY_JSON_MAX_DEPTH);
	if (!galley_node_type_is_leaf(type)) {
		/* Pushed at once, so that whatever it comes to own is freed on failure too. */
		f = &stack[++*depth];
		memset(f, 0, sizeof *f);
		f->type = type;
	}

	switch (type) {
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_ROW:
		/* No object of their own: an array of blocks (cells) inside
		 * "items" ("rows"), their attrs in the parallel "item-attrs" ("row-attrs"). */
		f->kids = json_array();
		S_append(w, top->kids, f->kids);
		attr = S_attr(w, node);
		top->any_attr |= attr != NULL;
		S_append(w, top->attrs, attr ? attr : json_null());
		break;
	case GALLEY_NODE_CAPTION:
		f->kids = S_array_at(w, top->obj, "caption");
		if (!w->failed && (attr = S_attr(w, node)) != NULL)
			S_set(w, top->obj, "caption-attr", attr);
		break;
	case GALLEY_NODE_CELL:
		obj = json_object();
		if (!obj) {
			w->failed = 1;
			break;
		}
		if ((attr = S_attr(w, node)) != NULL)
			S_set(w, obj, "attr", attr);
		S_set(w, obj, "header", json_boolean(galley_node_get_cell_header(node)));
		S_set(w, obj, "colspan", json_integer(galley_node_get_colspan(node)));
		S_set(w, obj, "rowspan", json_integer(galley_node_get_rowspan(node)));
		f->kids = S_array_at(w, obj, "blocks");
		break;
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		obj = S_node(w, node, galley_node_type_name(type));
		f->kids = obj ? S_array_at(w, obj, "inlines") : NULL;
		break;
	case GALLEY_NODE_HEADING:
		obj = S_node(w, node, "heading");
		if (!obj)
			break;
		S_set(w, obj, "level", json_integer(galley_node_get_level(node)));
		f->kids = S_array_at(w, obj, "inlines");
		break;
	case GALLEY_NODE_LIST:
		obj = S_node(w, node, "list");
		if (!obj)
			break;
		S_set(w, obj, "ordered", json_boolean(galley_node_get_list_ordered(node)));
		S_set(w, obj, "start", json_integer(galley_node_get_list_start(node)));
		f->kids = S_array_at(w, obj, "items");
		f->attrs = json_array();
		break;
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_NOTE:
		obj = S_node(w, node, galley_node_type_name(type));
		f->kids = obj ? S_array_at(w, obj, "blocks") : NULL;
		break;
	case GALLEY_NODE_DIV:
		obj = S_node(w, node, "div");
		if (!obj)
			break;
		if (galley_node_get_role(node))
			S_set(w, obj, "role", S_cstr(w, galley_node_get_role(node)));
		f->kids = S_array_at(w, obj, "blocks");
		break;
	case GALLEY_NODE_TABLE:
		/* "rows" is added with the first row (or at the end), so that a
		 * caption, which comes first in the tree, also comes first here. */
		obj = S_node(w, node, "table");
		f->attrs = json_array();
		f->kids = json_array();
		if (!f->kids || !f->attrs)
			w->failed = 1;
		break;
	case GALLEY_NODE_FIGURE:
		obj = S_node(w, node, "figure");
		if (!obj)
			break;
		S_set(w, obj, "src", S_cstr(w, galley_node_get_url(node)));
		S_set(w, obj, "alt", S_cstr(w, galley_node_get_alt(node)));
		break;
	case GALLEY_NODE_LINK:
		obj = S_node(w, node, "link");
		if (!obj)
			break;
		S_set(w, obj, "href", S_cstr(w, galley_node_get_url(node)));
		if (galley_node_get_title(node))
			S_set(w, obj, "title", S_cstr(w, galley_node_get_title(node)));
		f->kids = S_array_at(w, obj, "inlines");
		break;
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_CODE_BLOCK:
		obj = S_node(w, node, galley_node_type_name(type));
		if (!obj)
			break;
		S_set(w, obj, "text", S_str(w, galley_node_get_text(node), galley_node_get_text_len(node)));
		if (type == GALLEY_NODE_CODE_BLOCK && galley_node_get_language(node))
			S_set(w, obj, "language", S_cstr(w, galley_node_get_language(node)));
		break;
	case GALLEY_NODE_IMAGE:
		obj = S_node(w, node, "image");
		if (!obj)
			break;
		S_set(w, obj, "src", S_cstr(w, galley_node_get_url(node)));
		S_set(w, obj, "alt", S_cstr(w, galley_node_get_alt(node)));
		break;
	case GALLEY_NODE_BREAK:
	case GALLEY_NODE_LINEBREAK:
		obj = S_node(w, node, galley_node_type_name(type));
		break;
	default:
		return galley_error(ctx, GALLEY_EINVAL, "a %s node cannot be written as JSON here",
			galley_node_type_name(type));
	}

	if (f)
		f->obj = obj;
	if (obj)
		S_append(w, top->kids, obj);
	if (top->type == GALLEY_NODE_TABLE && type == GALLEY_NODE_ROW && !json_object_get(top->obj, "rows"))
		S_set(w, top->obj, "rows", json_incref(top->kids));
	return w->failed ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : 0;
}

/* Leaving a container: add what could only be known at its end. */
static void S_exit(S_writer *w, S_frame *f)
{
	if (f->type == GALLEY_NODE_TABLE) {
		if (!json_object_get(f->obj, "rows"))
			S_set(w, f->obj, "rows", json_incref(f->kids));
		json_decref(f->kids);
	}
	if (f->attrs) {
		if (f->any_attr)
			S_set(w, f->obj, f->type == GALLEY_NODE_LIST ? "item-attrs" : "row-attrs", f->attrs);
		else
			json_decref(f->attrs);
	}
	f->attrs = NULL;
	f->kids = NULL;
}

static int S_dump(const char *buffer, size_t size, void *data)
{
	return galley_buffer_append(data, buffer, size) < 0 ? -1 : 0;
}

static int S_write_doc(galley_context *ctx, S_writer *w, galley_node *doc, galley_buffer *out)
{
	S_frame stack[GALLEY_JSON_MAX_DEPTH + 2];
	galley_iter *it;
	galley_event_type ev;
	json_t *root, *attr;
	int depth = 0, rc = 0;

	if (galley_node_get_type(doc) != GALLEY_NODE_DOCUMENT)
		return galley_error(ctx, GALLEY_EUSAGE, "the json writer needs a document node");
	root = json_object();
	it = galley_iter_new(doc);
	if (!root || !it) {
		json_decref(root);
		galley_iter_free(it);
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	memset(stack, 0, sizeof stack[0]);
	stack[0].type = GALLEY_NODE_DOCUMENT;
	stack[0].obj = root;
	S_set(w, root, "galley-ir", json_integer(1));
	if ((attr = S_attr(w, doc)) != NULL)
		S_set(w, root, "attr", attr);
	S_set(w, root, "meta", S_meta(w, galley_document_meta(doc)));
	stack[0].kids = S_array_at(w, root, "blocks");
	if (w->failed)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");

	while (rc == 0 && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		galley_node *node = galley_iter_get_node(it);
		if (node == doc)
			continue;
		if (ev == GALLEY_EVENT_ENTER) {
			rc = S_enter(ctx, w, stack, &depth, node);
		} else if (ev == GALLEY_EVENT_EXIT && depth > 0) {
			S_exit(w, &stack[depth]);
			depth--;
			if (w->failed)
				rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		}
	}
	/* After a failure, open tables still hold a reference to their rows. */
	for (; depth > 0; depth--) {
		if (stack[depth].type == GALLEY_NODE_TABLE)
			json_decref(stack[depth].kids);
		json_decref(stack[depth].attrs);
	}
	galley_iter_free(it);
	if (rc == 0) {
		if (json_dump_callback(root, S_dump, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0
			|| galley_buffer_putc(out, '\n') < 0)
			rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	json_decref(root);
	return rc;
}

int galley_json_write(galley_context *ctx, const char *name, galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	S_writer w = {0, GALLEY_BUFFER_INIT};
	int rc;

	(void)name;
	(void)payload;
	if (ndocs != 1)
		return galley_error(ctx, GALLEY_EUSAGE, "the json writer writes one document, not %zu", ndocs);
	rc = S_write_doc(ctx, &w, docs[0], out);
	galley_buffer_dispose(&w.fix);
	return rc;
}
