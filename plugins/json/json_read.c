/* json_read.c — the json reader: parses galley's JSON form with jansson,
 * checks every node against INTERFACE.md and builds the tree through the
 * builder. Every refusal names the JSON path of the offending value. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "json_plugin.h"

/* Paths longer than this are shortened in messages (deep nesting). */
#define S_PATH_SHOWN 160

typedef struct {
	galley_context *ctx;
	galley_builder *b;
	galley_buffer path; /* "$.blocks[3].inlines[0]" for the value being read */
	int depth;
} S_reader;

static int S_block(S_reader *r, json_t *v);
static int S_inline(S_reader *r, json_t *v);

/* ---- messages and paths ------------------------------------------------ */

static int S_fail(S_reader *r, const char *fmt, ...) GALLEY_PRINTF(2, 3);

/* Whether a step of the path (".key", "[i]" or ["key"]) begins at p[i]. */
static int S_step_starts(const char *p, size_t i)
{
	return p[i] == '.' || (p[i] == '[' && p[i - 1] == ']');
}

static int S_fail(S_reader *r, const char *fmt, ...)
{
	char msg[512];
	const char *p = r->path.data ? r->path.data : "$";
	size_t n = r->path.len;
	va_list ap;

	if (r->path.oom)
		return galley_error(r->ctx, GALLEY_ENOMEM, "out of memory");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n > S_PATH_SHOWN) {
		/* Keep the start and the end, cut where a step begins: the end says
		 * where, the start says under what. */
		size_t head = 40, tail = n - (S_PATH_SHOWN - 40);
		while (head > 1 && !S_step_starts(p, head))
			head--;
		while (tail < n && !S_step_starts(p, tail))
			tail++;
		return galley_error(r->ctx, GALLEY_EINVAL, "%.*s...%s: %s", (int)head, p, p + tail, msg);
	}
	return galley_error(r->ctx, GALLEY_EINVAL, "%s: %s", p, msg);
}

static int S_is_ident(const char *key)
{
	const char *s;

	if (!*key || (*key >= '0' && *key <= '9'))
		return 0;
	for (s = key; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	}
	return 1;
}

/* Append ".key", or ["key"] for a key that is not a plain identifier. */
static size_t S_push_key(S_reader *r, const char *key)
{
	size_t mark = r->path.len;

	if (S_is_ident(key)) {
		galley_buffer_printf(&r->path, ".%s", key);
		return mark;
	}
	galley_buffer_puts(&r->path, "[\"");
	for (; *key; key++) {
		unsigned char c = (unsigned char)*key;
		if (c == '"' || c == '\\')
			galley_buffer_printf(&r->path, "\\%c", c);
		else if (c < 0x20)
			galley_buffer_printf(&r->path, "\\u%04x", c);
		else
			galley_buffer_putc(&r->path, c);
	}
	galley_buffer_puts(&r->path, "\"]");
	return mark;
}

static size_t S_push_index(S_reader *r, size_t i)
{
	size_t mark = r->path.len;

	galley_buffer_printf(&r->path, "[%zu]", i);
	return mark;
}

static void S_pop(S_reader *r, size_t mark)
{
	galley_buffer_truncate(&r->path, mark);
}

static const char *S_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number with a fraction";
	case JSON_TRUE: return "true";
	case JSON_FALSE: return "false";
	case JSON_NULL: return "null";
	}
	return "something else";
}

/* A builder call failed: the builder's own message, placed at the path. */
static int S_built(S_reader *r, int rc)
{
	char msg[256];

	if (rc >= 0)
		return 0;
	if (rc == GALLEY_ENOMEM)
		return rc;
	snprintf(msg, sizeof msg, "%s", galley_context_error(r->ctx));
	return S_fail(r, "%s", msg[0] ? msg : "the tree refused this node");
}

#define S_TRY(expr) do { int rc_ = (expr); if (rc_ < 0) return rc_; } while (0)
#define S_BUILD(r, expr) do { int rc_ = S_built((r), (expr)); if (rc_ < 0) return rc_; } while (0)

/* ---- typed field access -------------------------------------------------- */

enum { S_OPTIONAL = 0, S_REQUIRED = 1 };

/* The value of obj[key] when it has JSON type `type`; *out is NULL when the
 * key is absent (or null) and optional. */
static int S_field(S_reader *r, json_t *obj, const char *key, json_type type, int required, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	static const char *const want[] = {
		"an object", "an array", "a string", "an integer", "a number", "true or false",
		"true or false", "null"
	};
	int ok;

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return S_fail(r, "missing required key \"%s\"", key);
		return 0;
	}
	ok = json_typeof(v) == type || (type == JSON_TRUE && json_is_boolean(v));
	if (!ok) {
		size_t mark = S_push_key(r, key);
		int rc = S_fail(r, "expected %s, got %s", want[type], S_kind(v));
		S_pop(r, mark);
		return rc;
	}
	*out = v;
	return 0;
}

/* A string without NUL characters, for the fields the tree keeps as C strings. */
static int S_cstring(S_reader *r, json_t *obj, const char *key, int required, const char **out)
{
	json_t *v;

	*out = NULL;
	S_TRY(S_field(r, obj, key, JSON_STRING, required, &v));
	if (!v)
		return 0;
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		size_t mark = S_push_key(r, key);
		int rc = S_fail(r, "a NUL character (\\u0000) is not allowed here");
		S_pop(r, mark);
		return rc;
	}
	*out = json_string_value(v);
	return 0;
}

/* An integer in [lo, hi]; *out keeps its default when the key is optional and absent. */
static int S_int(S_reader *r, json_t *obj, const char *key, int required, long long lo, long long hi,
	long long *out)
{
	json_t *v;
	long long n;

	S_TRY(S_field(r, obj, key, JSON_INTEGER, required, &v));
	if (!v)
		return 0;
	n = json_integer_value(v);
	if (n < lo || n > hi) {
		size_t mark = S_push_key(r, key);
		int rc = S_fail(r, "expected an integer from %lld to %lld, got %lld", lo, hi, n);
		S_pop(r, mark);
		return rc;
	}
	*out = n;
	return 0;
}

static int S_bool(S_reader *r, json_t *obj, const char *key, int required, int *out)
{
	json_t *v;

	S_TRY(S_field(r, obj, key, JSON_TRUE, required, &v));
	if (v)
		*out = json_is_true(v);
	return 0;
}

/* The text of a leaf: NUL characters are allowed, the tree keeps lengths. */
static int S_text(S_reader *r, json_t *obj, galley_node *node)
{
	json_t *v;

	S_TRY(S_field(r, obj, "text", JSON_STRING, S_REQUIRED, &v));
	S_BUILD(r, galley_node_set_text(node, json_string_value(v), json_string_length(v)));
	return 0;
}

/* ---- attributes ---------------------------------------------------------- */

/* Reads an attr object (v may be NULL or null: no attributes) onto node. */
static int S_attr_value(S_reader *r, json_t *v, galley_node *node)
{
	json_t *classes, *kv, *x;
	const char *id, *key;
	size_t i, mark;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return S_fail(r, "expected an object, got %s", S_kind(v));
	S_TRY(S_cstring(r, v, "id", S_OPTIONAL, &id));
	if (id)
		S_BUILD(r, galley_node_set_id(node, id));
	S_TRY(S_field(r, v, "classes", JSON_ARRAY, S_OPTIONAL, &classes));
	if (classes) {
		json_array_foreach(classes, i, x) {
			mark = S_push_key(r, "classes");
			S_push_index(r, i);
			if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x)) {
				int rc = json_is_string(x) ? S_fail(r, "a NUL character (\\u0000) is not allowed here")
					: S_fail(r, "expected a string, got %s", S_kind(x));
				S_pop(r, mark);
				return rc;
			}
			S_pop(r, mark);
			S_BUILD(r, galley_node_add_class(node, json_string_value(x)));
		}
	}
	S_TRY(S_field(r, v, "kv", JSON_OBJECT, S_OPTIONAL, &kv));
	if (kv) {
		json_object_foreach(kv, key, x) {
			mark = S_push_key(r, "kv");
			S_push_key(r, key);
			if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x)
				|| strlen(key) == 0) {
				int rc = !json_is_string(x) ? S_fail(r, "expected a string, got %s", S_kind(x))
					: strlen(key) == 0 ? S_fail(r, "an empty key is not allowed")
					: S_fail(r, "a NUL character (\\u0000) is not allowed here");
				S_pop(r, mark);
				return rc;
			}
			S_pop(r, mark);
			S_BUILD(r, galley_node_kv_set(node, key, json_string_value(x)));
		}
	}
	return 0;
}

static int S_attr(S_reader *r, json_t *obj, const char *key, galley_node *node)
{
	size_t mark = S_push_key(r, key);
	int rc = S_attr_value(r, json_object_get(obj, key), node);

	S_pop(r, mark);
	return rc;
}

/* ---- containers ---------------------------------------------------------- */

/* Nesting is counted per node, item, row and cell alike; see GALLEY_JSON_MAX_DEPTH. */
static int S_deeper(S_reader *r)
{
	if (r->depth >= GALLEY_JSON_MAX_DEPTH)
		return S_fail(r, "nesting deeper than %d levels", GALLEY_JSON_MAX_DEPTH);
	r->depth++;
	return 0;
}

/* obj[key] is an array of blocks (inlines when `inlines`), read into the current container. */
static int S_children(S_reader *r, json_t *obj, const char *key, int inlines)
{
	json_t *arr, *v;
	size_t i, mark;
	int rc = 0;

	S_TRY(S_field(r, obj, key, JSON_ARRAY, S_REQUIRED, &arr));
	mark = S_push_key(r, key);
	json_array_foreach(arr, i, v) {
		size_t m = S_push_index(r, i);
		rc = inlines ? S_inline(r, v) : S_block(r, v);
		if (rc < 0)
			break;
		S_pop(r, m);
	}
	if (rc >= 0)
		S_pop(r, mark);
	return rc;
}

/* An optional parallel array of attrs ("item-attrs", "row-attrs"): entry i or NULL. */
static int S_parallel_attrs(S_reader *r, json_t *obj, const char *key, size_t n, json_t **out)
{
	S_TRY(S_field(r, obj, key, JSON_ARRAY, S_OPTIONAL, out));
	if (*out && json_array_size(*out) > n) {
		size_t mark = S_push_key(r, key);
		int rc = S_fail(r, "has %zu entries for %zu nodes", json_array_size(*out), n);
		S_pop(r, mark);
		return rc;
	}
	return 0;
}

static int S_enter(S_reader *r, galley_node_type type, json_t *obj)
{
	S_TRY(S_deeper(r));
	S_BUILD(r, galley_builder_enter(r->b, type));
	return S_attr(r, obj, "attr", galley_builder_current(r->b));
}

static int S_leave(S_reader *r)
{
	r->depth--;
	S_BUILD(r, galley_builder_leave(r->b));
	return 0;
}

/* A leaf node with its attributes; returned borrowed for its fields. */
static int S_leaf(S_reader *r, galley_node_type type, json_t *obj, galley_node **out)
{
	if (r->depth >= GALLEY_JSON_MAX_DEPTH)
		return S_fail(r, "nesting deeper than %d levels", GALLEY_JSON_MAX_DEPTH);
	S_BUILD(r, galley_builder_leaf(r->b, type, out));
	return S_attr(r, obj, "attr", *out);
}

/* An optional "caption" (inlines) with its "caption-attr", for tables and figures. */
static int S_caption(S_reader *r, json_t *obj)
{
	json_t *cap;

	S_TRY(S_field(r, obj, "caption", JSON_ARRAY, S_OPTIONAL, &cap));
	if (!cap)
		return 0;
	S_TRY(S_deeper(r));
	S_BUILD(r, galley_builder_enter(r->b, GALLEY_NODE_CAPTION));
	S_TRY(S_attr(r, obj, "caption-attr", galley_builder_current(r->b)));
	S_TRY(S_children(r, obj, "caption", 1));
	return S_leave(r);
}

/* obj[key][i]: a list item (a table row), which has no object of its own:
 * an array of blocks (cells), its attributes at obj[attrs_key][i]. */
static int S_implicit(S_reader *r, galley_node_type type, json_t *obj, const char *key, const char *attrs_key,
	size_t i, int (*child)(S_reader *, json_t *))
{
	json_t *arr = json_array_get(json_object_get(obj, key), i);
	json_t *attrs = json_object_get(obj, attrs_key), *x;
	size_t j, mark;

	S_TRY(S_deeper(r));
	S_BUILD(r, galley_builder_enter(r->b, type));
	if (json_array_get(attrs, i)) {
		mark = S_push_key(r, attrs_key);
		S_push_index(r, i);
		S_TRY(S_attr_value(r, json_array_get(attrs, i), galley_builder_current(r->b)));
		S_pop(r, mark);
	}
	mark = S_push_key(r, key);
	S_push_index(r, i);
	if (!json_is_array(arr))
		return S_fail(r, "expected an array of %s, got %s",
			type == GALLEY_NODE_ITEM ? "blocks (one list item)" : "cells (one table row)", S_kind(arr));
	json_array_foreach(arr, j, x) {
		size_t m = S_push_index(r, j);
		S_TRY(child(r, x));
		S_pop(r, m);
	}
	S_pop(r, mark);
	return S_leave(r);
}

static int S_list(S_reader *r, json_t *obj)
{
	json_t *items, *attrs;
	int ordered = 0;
	long long start = 1;
	size_t i;

	S_TRY(S_bool(r, obj, "ordered", S_REQUIRED, &ordered));
	S_TRY(S_int(r, obj, "start", S_OPTIONAL, 0, 2147483647LL, &start));
	S_TRY(S_field(r, obj, "items", JSON_ARRAY, S_REQUIRED, &items));
	S_TRY(S_parallel_attrs(r, obj, "item-attrs", json_array_size(items), &attrs));
	S_TRY(S_enter(r, GALLEY_NODE_LIST, obj));
	S_BUILD(r, galley_builder_set_list(r->b, ordered, (long)start));
	for (i = 0; i < json_array_size(items); i++)
		S_TRY(S_implicit(r, GALLEY_NODE_ITEM, obj, "items", "item-attrs", i, S_block));
	return S_leave(r);
}

static int S_cell(S_reader *r, json_t *cell)
{
	int header = 0;
	long long colspan = 1, rowspan = 1;

	if (!json_is_object(cell))
		return S_fail(r, "expected a table cell object, got %s", S_kind(cell));
	/* The limits are HTML's; they keep writers that lay out a grid sane. */
	S_TRY(S_bool(r, cell, "header", S_OPTIONAL, &header));
	S_TRY(S_int(r, cell, "colspan", S_OPTIONAL, 1, 1000, &colspan));
	S_TRY(S_int(r, cell, "rowspan", S_OPTIONAL, 1, 65534, &rowspan));
	S_TRY(S_enter(r, GALLEY_NODE_CELL, cell));
	S_BUILD(r, galley_builder_set_cell(r->b, header, (int)colspan, (int)rowspan));
	S_TRY(S_children(r, cell, "blocks", 0));
	return S_leave(r);
}

static int S_table(S_reader *r, json_t *obj)
{
	json_t *rows, *attrs;
	size_t i;

	S_TRY(S_field(r, obj, "rows", JSON_ARRAY, S_REQUIRED, &rows));
	S_TRY(S_parallel_attrs(r, obj, "row-attrs", json_array_size(rows), &attrs));
	S_TRY(S_enter(r, GALLEY_NODE_TABLE, obj));
	S_TRY(S_caption(r, obj));
	for (i = 0; i < json_array_size(rows); i++)
		S_TRY(S_implicit(r, GALLEY_NODE_ROW, obj, "rows", "row-attrs", i, S_cell));
	return S_leave(r);
}

/* ---- nodes --------------------------------------------------------------- */

/* The node type a JSON "type" names where a block (or an inline) is
 * expected; NONE when unknown. "code" means CODE_BLOCK among blocks. */
static galley_node_type S_lookup(const char *name, int inl)
{
	int t, first = inl ? GALLEY_NODE_FIRST_INLINE : GALLEY_NODE_FIRST_BLOCK;
	int last = inl ? GALLEY_NODE_LAST_INLINE : GALLEY_NODE_LAST_BLOCK;

	for (t = first; t <= last; t++) {
		/* Items, rows, cells and captions have no "type": their place says what they are. */
		if (t == GALLEY_NODE_ITEM || t == GALLEY_NODE_ROW || t == GALLEY_NODE_CELL || t == GALLEY_NODE_CAPTION)
			continue;
		if (strcmp(galley_node_type_name((galley_node_type)t), name) == 0)
			return (galley_node_type)t;
	}
	return GALLEY_NODE_NONE;
}

/* The node's "type", checked: a known kind of the expected family. */
static int S_type(S_reader *r, json_t *v, int inl, galley_node_type *out)
{
	const char *what = inl ? "inline" : "block";
	json_t *t;
	const char *name;

	if (!json_is_object(v))
		return S_fail(r, "expected %s object, got %s", inl ? "an inline" : "a block", S_kind(v));
	S_TRY(S_field(r, v, "type", JSON_STRING, S_REQUIRED, &t));
	name = json_string_value(t);
	*out = S_lookup(name, inl);
	if (*out != GALLEY_NODE_NONE)
		return 0;
	if (S_lookup(name, !inl) != GALLEY_NODE_NONE)
		return S_fail(r, "\"%s\" is %s type; %s is expected here", name,
			inl ? "a block" : "an inline", inl ? "an inline" : "a block");
	return S_fail(r, "unknown %s type \"%.64s\"", what, name);
}

static int S_block(S_reader *r, json_t *v)
{
	galley_node_type type;
	galley_node *n;
	const char *s, *s2;
	long long level = 0;

	S_TRY(S_type(r, v, 0, &type));
	switch (type) {
	case GALLEY_NODE_PARAGRAPH:
		S_TRY(S_enter(r, type, v));
		S_TRY(S_children(r, v, "inlines", 1));
		return S_leave(r);
	case GALLEY_NODE_HEADING:
		S_TRY(S_int(r, v, "level", S_REQUIRED, 1, 6, &level));
		S_TRY(S_enter(r, type, v));
		S_BUILD(r, galley_builder_set_level(r->b, (int)level));
		S_TRY(S_children(r, v, "inlines", 1));
		return S_leave(r);
	case GALLEY_NODE_LIST:
		return S_list(r, v);
	case GALLEY_NODE_QUOTE:
		S_TRY(S_enter(r, type, v));
		S_TRY(S_children(r, v, "blocks", 0));
		return S_leave(r);
	case GALLEY_NODE_DIV:
		S_TRY(S_cstring(r, v, "role", S_OPTIONAL, &s));
		S_TRY(S_enter(r, type, v));
		if (s)
			S_BUILD(r, galley_builder_set_role(r->b, s));
		S_TRY(S_children(r, v, "blocks", 0));
		return S_leave(r);
	case GALLEY_NODE_CODE_BLOCK:
		S_TRY(S_cstring(r, v, "language", S_OPTIONAL, &s));
		S_TRY(S_leaf(r, type, v, &n));
		S_TRY(S_text(r, v, n));
		if (s)
			S_BUILD(r, galley_node_set_language(n, s));
		return 0;
	case GALLEY_NODE_TABLE:
		return S_table(r, v);
	case GALLEY_NODE_FIGURE:
		S_TRY(S_cstring(r, v, "src", S_REQUIRED, &s));
		S_TRY(S_cstring(r, v, "alt", S_REQUIRED, &s2));
		S_TRY(S_enter(r, type, v));
		S_BUILD(r, galley_builder_set_url(r->b, s));
		S_BUILD(r, galley_builder_set_alt(r->b, s2));
		S_TRY(S_caption(r, v));
		return S_leave(r);
	case GALLEY_NODE_BREAK:
		return S_leaf(r, type, v, &n);
	default:
		break;
	}
	return S_fail(r, "block type \"%s\" is not supported", galley_node_type_name(type));
}

static int S_inline(S_reader *r, json_t *v)
{
	galley_node_type type;
	galley_node *n;
	const char *s, *s2;

	S_TRY(S_type(r, v, 1, &type));
	switch (type) {
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
		S_TRY(S_leaf(r, type, v, &n));
		return S_text(r, v, n);
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		S_TRY(S_enter(r, type, v));
		S_TRY(S_children(r, v, "inlines", 1));
		return S_leave(r);
	case GALLEY_NODE_LINK:
		S_TRY(S_cstring(r, v, "href", S_REQUIRED, &s));
		S_TRY(S_cstring(r, v, "title", S_OPTIONAL, &s2));
		S_TRY(S_enter(r, type, v));
		S_BUILD(r, galley_builder_set_url(r->b, s));
		if (s2)
			S_BUILD(r, galley_node_set_title(galley_builder_current(r->b), s2));
		S_TRY(S_children(r, v, "inlines", 1));
		return S_leave(r);
	case GALLEY_NODE_IMAGE:
		S_TRY(S_cstring(r, v, "src", S_REQUIRED, &s));
		S_TRY(S_cstring(r, v, "alt", S_REQUIRED, &s2));
		S_TRY(S_leaf(r, type, v, &n));
		S_BUILD(r, galley_node_set_url(n, s));
		S_BUILD(r, galley_node_set_alt(n, s2));
		return 0;
	case GALLEY_NODE_LINEBREAK:
		return S_leaf(r, type, v, &n);
	case GALLEY_NODE_NOTE:
		S_TRY(S_enter(r, type, v));
		S_TRY(S_children(r, v, "blocks", 0));
		return S_leave(r);
	default:
		break;
	}
	return S_fail(r, "inline type \"%s\" is not supported", galley_node_type_name(type));
}

/* ---- metadata ------------------------------------------------------------ */

/* One value of a free key as text: strings as they are, numbers and
 * booleans as JSON writes them. */
static int S_meta_free(S_reader *r, galley_meta *meta, const char *key, json_t *v)
{
	char *text;
	int rc;

	if (json_is_string(v)) {
		if (strlen(json_string_value(v)) != json_string_length(v))
			return S_fail(r, "a NUL character (\\u0000) is not allowed here");
		return S_built(r, galley_meta_set(meta, key, json_string_value(v)));
	}
	if (!json_is_number(v) && !json_is_boolean(v))
		return S_fail(r, "expected a string, number or boolean, got %s", S_kind(v));
	text = json_dumps(v, JSON_ENCODE_ANY);
	if (!text)
		return galley_error(r->ctx, GALLEY_ENOMEM, "out of memory");
	rc = S_built(r, galley_meta_set(meta, key, text));
	free(text); /* jansson allocated it with the C library */
	return rc;
}

static int S_meta_entry(S_reader *r, galley_meta *meta, const char *key, json_t *v)
{
	json_t *x;
	size_t i;

	if (json_is_null(v))
		return 0; /* the same as leaving the key out */
	if (strlen(key) == 0)
		return S_fail(r, "an empty key is not allowed");
	if (!galley_meta_key_is_known(key))
		return S_meta_free(r, meta, key, v);
	if (strcmp(key, "hits") == 0) {
		if (json_is_integer(v) && json_integer_value(v) < 0)
			return S_fail(r, "expected a non-negative integer, got %lld", (long long)json_integer_value(v));
		if (!json_is_integer(v))
			return S_fail(r, "expected a non-negative integer, got %s", S_kind(v));
		return S_built(r, galley_meta_set_hits(meta, json_integer_value(v)));
	}
	if (galley_meta_key_is_list(key)) {
		if (!json_is_array(v))
			return S_fail(r, "expected an array of strings, got %s", S_kind(v));
		json_array_foreach(v, i, x) {
			size_t mark = S_push_index(r, i);
			if (!json_is_string(x))
				return S_fail(r, "expected a string, got %s", S_kind(x));
			if (strlen(json_string_value(x)) != json_string_length(x))
				return S_fail(r, "a NUL character (\\u0000) is not allowed here");
			S_TRY(S_built(r, galley_meta_add(meta, key, json_string_value(x))));
			S_pop(r, mark);
		}
		return 0;
	}
	if (!json_is_string(v))
		return S_fail(r, "expected a string, got %s", S_kind(v));
	if (strlen(json_string_value(v)) != json_string_length(v))
		return S_fail(r, "a NUL character (\\u0000) is not allowed here");
	return S_built(r, galley_meta_set(meta, key, json_string_value(v)));
}

static int S_meta(S_reader *r, json_t *doc)
{
	galley_meta *meta = galley_builder_meta(r->b);
	json_t *obj, *v;
	const char *key;

	S_TRY(S_field(r, doc, "meta", JSON_OBJECT, S_OPTIONAL, &obj));
	if (!obj)
		return 0;
	json_object_foreach(obj, key, v) {
		size_t mark = S_push_key(r, "meta");
		S_push_key(r, key);
		S_TRY(S_meta_entry(r, meta, key, v));
		S_pop(r, mark);
	}
	return 0;
}

/* ---- the document -------------------------------------------------------- */

/* The document; its "blocks" too unless !blocks (S_stream reads them). */
static int S_document(S_reader *r, json_t *doc, int blocks)
{
	json_t *ir;

	if (!json_is_object(doc))
		return S_fail(r, "expected a galley document (an object with \"galley-ir\": 1), got %s", S_kind(doc));
	ir = json_object_get(doc, "galley-ir");
	if (!ir)
		return S_fail(r, "missing \"galley-ir\": this is not a galley document");
	if (!json_is_integer(ir) || json_integer_value(ir) != 1) {
		size_t mark = S_push_key(r, "galley-ir");
		int rc = json_is_integer(ir)
			? S_fail(r, "unsupported version %lld (this galley reads version 1)", (long long)json_integer_value(ir))
			: S_fail(r, "expected the integer 1, got %s", S_kind(ir));
		S_pop(r, mark);
		return rc;
	}
	S_TRY(S_attr(r, doc, "attr", galley_builder_current(r->b)));
	S_TRY(S_meta(r, doc));
	return blocks ? S_children(r, doc, "blocks", 0) : 0;
}

/* ---- reading the blocks one at a time -------------------------------------- */

/* A document parsed whole takes its jansson tree, ten to twenty times the
 * text, beside the tree it builds. So the document's top-level members are
 * found by a scan of the text, every member but "blocks" parsed by jansson
 * as before, and the blocks parsed, read and freed one at a time: memory is
 * one block's tree. A first pass parses every block (and frees it) before
 * anything is built, so a document jansson would refuse is refused the same
 * way, by reading it whole: the same message, and no half-built tree. */

#define S_JSON_WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

static size_t S_skip_ws(const char *p, size_t i, size_t n)
{
	while (i < n && S_JSON_WS(p[i]))
		i++;
	return i;
}

/* The end of the string at p[i] == '"', or 0. */
static size_t S_string_end(const char *p, size_t i, size_t n)
{
	for (i++; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '"')
			return i + 1;
	}
	return 0;
}

/* The end of the JSON value at p[i], by its brackets and strings (jansson
 * checks the rest), or 0 when it is cut short; *depth its nesting. */
static size_t S_value_end(const char *p, size_t i, size_t n, size_t *depth)
{
	size_t d = 0;
	*depth = 0;
	do {
		char c;
		if (i >= n)
			return 0;
		c = p[i];
		if (c == '"') {
			if (!(i = S_string_end(p, i, n)))
				return 0;
		} else if (c == '{' || c == '[') {
			if (++d > *depth)
				*depth = d;
			i++;
		} else if (c == '}' || c == ']') {
			if (!d)
				return 0;
			d--;
			i++;
		} else if (d && (S_JSON_WS(c) || c == ',' || c == ':')) {
			i++;
		} else {
			size_t from = i;
			while (i < n && ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'z') ||
					 (p[i] >= 'A' && p[i] <= 'Z') || p[i] == '-' || p[i] == '+' || p[i] == '.'))
				i++;
			if (i == from)
				return 0;
		}
	} while (d);
	return i;
}

enum { S_PARSE_FLAGS = JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL };

/* Each block of the array p[from, to) (it starts with '['): parsed and
 * freed (check), or parsed, read and freed. 1 when every block parsed, 0
 * when one did not (only check says so), <0 an error set. */
static int S_each_block(S_reader *r, const char *p, size_t from, size_t to, int check)
{
	size_t i = S_skip_ws(p, from + 1, to), k = 0, depth;
	int rc = 0;

	if (i < to && p[i] == ']')
		return 1;
	for (;; k++) {
		size_t end = S_value_end(p, i, to, &depth);
		json_error_t err;
		json_t *v;
		/* jansson's own depth limit counts the two levels above a block */
		if (!end || depth + 2 > JSON_PARSER_MAX_DEPTH)
			return check ? 0 : galley_error(r->ctx, GALLEY_EINVAL, "$.blocks: invalid JSON");
		v = json_loadb(p + i, end - i, S_PARSE_FLAGS, &err);
		if (!v) {
			if (check)
				return 0;
			return json_error_code(&err) == json_error_out_of_memory ? galley_error(r->ctx, GALLEY_ENOMEM, "out of memory")
				: galley_error(r->ctx, GALLEY_EINVAL, "$.blocks: invalid JSON");
		}
		if (!check) {
			size_t m = S_push_index(r, k);
			rc = S_block(r, v);
			S_pop(r, m);
		}
		json_decref(v);
		if (rc < 0)
			return rc;
		i = S_skip_ws(p, end, to);
		if (i < to && p[i] == ',') {
			i = S_skip_ws(p, i + 1, to);
			continue;
		}
		return i < to && p[i] == ']' && i + 1 == to ? 1 : (check ? 0 : galley_error(r->ctx, GALLEY_EINVAL,
			"$.blocks: invalid JSON"));
	}
}

/* The members of the meta object p[from, to) (jansson has parsed it whole
 * once: it is valid JSON without repeated keys), one at a time. */
static int S_meta_stream(S_reader *r, const char *p, size_t from, size_t to)
{
	galley_meta *meta = galley_builder_meta(r->b);
	size_t i = S_skip_ws(p, from + 1, to), depth;

	while (i < to && p[i] == '"') {
		size_t kend = S_string_end(p, i, to), vstart = S_skip_ws(p, S_skip_ws(p, kend, to) + 1, to);
		size_t vend = S_value_end(p, vstart, to, &depth), mark;
		json_t *key = json_loadb(p + i, kend - i, S_PARSE_FLAGS, NULL);
		json_t *v = json_loadb(p + vstart, vend - vstart, S_PARSE_FLAGS, NULL);
		int rc;
		if (!key || !v) {
			json_decref(key);
			json_decref(v);
			return galley_error(r->ctx, GALLEY_ENOMEM, "out of memory");
		}
		mark = S_push_key(r, "meta");
		S_push_key(r, json_string_value(key));
		rc = S_meta_entry(r, meta, json_string_value(key), v);
		if (rc >= 0)
			S_pop(r, mark);
		json_decref(key);
		json_decref(v);
		if (rc < 0)
			return rc;
		i = S_skip_ws(p, vend, to);
		if (i < to && p[i] == ',')
			i = S_skip_ws(p, i + 1, to);
		else
			break;
	}
	return 0;
}

/* Read the document with its blocks one at a time: 1 when done (rc the
 * result), 0 when it is to be read whole instead (nothing built yet). */
static int S_stream(S_reader *r, const char *p, size_t n, int *rc)
{
	size_t i = S_skip_ws(p, 0, n), depth, blocks = 0, blocks_end = 0, meta = 0, meta_end = 0;
	json_t *doc = NULL;
	int ok = 0;

	if (i >= n || p[i] != '{' || !(doc = json_object()))
		goto out;
	i = S_skip_ws(p, i + 1, n);
	while (i < n && p[i] == '"') {
		size_t kend = S_string_end(p, i, n), vend;
		json_t *key = kend ? json_loadb(p + i, kend - i, S_PARSE_FLAGS, NULL) : NULL, *v = NULL;
		const char *name = json_string_value(key);
		int dup = !name || strlen(name) != json_string_length(key) || json_object_get(doc, name) ||
			  (blocks && !strcmp(name, "blocks")) || (meta && !strcmp(name, "meta"));
		i = S_skip_ws(p, kend, n);
		if (dup || !kend || i >= n || p[i] != ':') {
			json_decref(key);
			goto out;
		}
		i = S_skip_ws(p, i + 1, n);
		vend = S_value_end(p, i, n, &depth);
		if (vend && depth + 1 <= JSON_PARSER_MAX_DEPTH && !strcmp(name, "blocks") && p[i] == '[') {
			blocks = i;
			blocks_end = vend;
		} else if (vend && depth + 1 <= JSON_PARSER_MAX_DEPTH && !strcmp(name, "meta") && p[i] == '{') {
			/* parsed whole, to check it, and let go before anything is built */
			if (!(v = json_loadb(p + i, vend - i, S_PARSE_FLAGS, NULL))) {
				json_decref(key);
				goto out;
			}
			json_decref(v);
			meta = i;
			meta_end = vend;
		} else if (!vend || depth + 1 > JSON_PARSER_MAX_DEPTH || !(v = json_loadb(p + i, vend - i, S_PARSE_FLAGS, NULL)) ||
			   json_object_set_new(doc, name, v) < 0) {
			json_decref(key);
			goto out;
		}
		json_decref(key);
		i = S_skip_ws(p, vend, n);
		if (i < n && p[i] == ',')
			i = S_skip_ws(p, i + 1, n);
		else
			break;
	}
	if (i >= n || p[i] != '}' || S_skip_ws(p, i + 1, n) != n || !blocks || S_each_block(r, p, blocks, blocks_end, 1) != 1)
		goto out;
	ok = 1;
	*rc = S_document(r, doc, 0);
	if (*rc >= 0 && meta)
		*rc = S_meta_stream(r, p, meta, meta_end);
	if (*rc >= 0) {
		size_t mark = S_push_key(r, "blocks");
		*rc = S_each_block(r, p, blocks, blocks_end, 0);
		if (*rc >= 0) {
			*rc = 0;
			S_pop(r, mark);
		}
	}
out:
	json_decref(doc);
	return ok;
}

int json_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	S_reader r = {ctx, b, GALLEY_BUFFER_INIT, 0};
	json_error_t err;
	json_t *doc;
	size_t i;
	int rc;

	(void)payload;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (i = 0; i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'); i++)
		;
	if (i == len)
		return galley_error(ctx, GALLEY_EINVAL, "$: empty input, expected a galley document (JSON)");
	/* JSON text never holds a NUL byte (a NUL character is written \u0000). */
	if (memchr(data, '\0', len < 4096 ? len : 4096))
		return galley_error(ctx, GALLEY_EINVAL, "binary data, not JSON");
	galley_buffer_puts(&r.path, "$");
	if (S_stream(&r, data, len, &rc))
		goto out;
	/* NUL characters are accepted so that text keeps them; the fields the
	 * tree keeps as C strings refuse them one by one. */
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	if (!doc) {
		rc = json_error_code(&err) == json_error_out_of_memory ? galley_error(ctx, GALLEY_ENOMEM, "out of memory")
			: galley_error(ctx, GALLEY_EINVAL, "$: invalid JSON at line %d, column %d: %s", err.line,
				  err.column, err.text);
		galley_buffer_dispose(&r.path);
		return rc;
	}
	rc = S_document(&r, doc, 1);
	json_decref(doc);
out:
	if (rc >= 0 && r.path.oom)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	galley_buffer_dispose(&r.path);
	return rc;
}

/* Any JSON object might be a galley document; one that names its key is. */
int json_probe(const char *data, size_t len)
{
	static const char key[] = "\"galley-ir\"";
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i >= len || data[i] != '{')
		return 0;
	/* Any JSON object might be ours; one that names our key certainly is. */
	for (; i + sizeof key - 1 <= len; i++) {
		if (memcmp(data + i, key, sizeof key - 1) == 0)
			return 95;
	}
	return 20;
}
