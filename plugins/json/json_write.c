/* json_write.c — the json writer: one walk over the tree that appends the
 * JSON form straight to the output, in a fixed key order, 2-space indented
 * with UTF-8 unescaped, so the output is deterministic and `-f json -t json`
 * reproduces galley's own output byte for byte. */
/* The key order (part of the JSON form; README/INTERFACE.md document it):
 * the document: galley-ir, attr?, meta (always), blocks; meta: the known keys
 * in galley_meta_key_at() order, then the free keys. Every node: type, attr?,
 * its fields, its children — heading: level; list: ordered, start, items,
 * item-attrs?; code: text, language?; table: caption?, caption-attr?, rows,
 * row-attrs?; cell (no type): attr?, header, colspan, rowspan, blocks;
 * figure: src, alt, caption?, caption-attr?; div: role?, blocks; link: href,
 * title?, inlines; image: src, alt. attr: id?, classes?, kv?. */
/* The layout is the one jansson's json_dumps(JSON_INDENT(2)) gave when this
 * writer built a jansson tree and dumped it (the files galley wrote then must
 * not change): a container's members one a line, indented two spaces a
 * level, `"key": value`, `[]`/`{}` when empty; strings escape only `"`, `\`
 * and control characters (\b \f \n \r \t, else \u00XX in upper case). */
#include <stdio.h>
#include <string.h>

#include "json_plugin.h"

typedef struct {
	galley_context *ctx;
	galley_buffer *out;
	int level; /* JSON nesting: the indentation of the next member is 2 * level */
	int fresh; /* a container was just opened: its first member needs no comma */
	int rc;    /* the first error */
} S_writer;

/* ---- the JSON text ------------------------------------------------------- */

static void S_put(S_writer *w, const char *s, size_t n)
{
	if (galley_buffer_append_fast(w->out, s, n) < 0 && !w->rc)
		w->rc = galley_error(w->ctx, GALLEY_ENOMEM, "out of memory");
}

#define S_LIT(w, s) S_put((w), (s), sizeof(s) - 1)

/* The line break and indentation before a member ("," after another one). */
static void S_member(S_writer *w)
{
	static const char spaces[] = "                                                                ";
	size_t n = 2 * (size_t)w->level;

	if (w->fresh)
		S_LIT(w, "\n");
	else
		S_LIT(w, ",\n");
	w->fresh = 0;
	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		S_put(w, spaces, sizeof spaces - 1);
	S_put(w, spaces, n);
}

static void S_open(S_writer *w, char c)
{
	S_put(w, &c, 1);
	w->level++;
	w->fresh = 1;
}

static void S_close(S_writer *w, char c)
{
	w->level--;
	if (!w->fresh) {
		w->fresh = 1; /* no comma before the line break */
		S_member(w);
	}
	S_put(w, &c, 1);
	w->fresh = 0;
}

/* A string's contents, escaped; bytes that are not UTF-8 (a tree from a
 * careless reader) become U+FFFD rather than failing the whole document. */
static void S_escaped(S_writer *w, const char *str, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, k;
	char esc[6];

	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0x80 && (k = galley_utf8_decode(str + i, len - i, NULL)) != 0) {
			i += k;
			continue;
		}
		S_put(w, str + run, i - run);
		if (c >= 0x80) {
			S_LIT(w, "\xEF\xBF\xBD");
		} else {
			esc[0] = '\\';
			switch (c) {
			case '"': esc[1] = '"'; break;
			case '\\': esc[1] = '\\'; break;
			case '\b': esc[1] = 'b'; break;
			case '\f': esc[1] = 'f'; break;
			case '\n': esc[1] = 'n'; break;
			case '\r': esc[1] = 'r'; break;
			case '\t': esc[1] = 't'; break;
			default:
				memcpy(esc + 1, "u00", 3);
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				S_put(w, esc, 6);
				esc[1] = 0;
			}
			if (esc[1])
				S_put(w, esc, 2);
		}
		run = ++i;
	}
	S_put(w, str + run, i - run);
}

static void S_string(S_writer *w, const char *s, size_t len)
{
	S_LIT(w, "\"");
	S_escaped(w, s ? s : "", s ? len : 0);
	S_LIT(w, "\"");
}

static void S_cstring(S_writer *w, const char *s)
{
	S_string(w, s, s ? strlen(s) : 0);
}

/* `"key": ` of a member named by the writer itself. */
#define S_KEY(w, key) (S_member(w), S_LIT((w), "\"" key "\": "))

/* `"key": ` of a member named by the tree (metadata, key/values). A name
 * that is not UTF-8 cannot be repaired without merging it with another key,
 * so it is refused. */
static void S_key(S_writer *w, const char *key)
{
	size_t len = strlen(key);

	S_member(w);
	if (!galley_utf8_valid(key, len) && !w->rc)
		w->rc = galley_error(w->ctx, GALLEY_EINVAL, "a key of the document is not valid UTF-8");
	S_string(w, key, len);
	S_LIT(w, ": ");
}

static void S_long(S_writer *w, long long v)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%lld", v);

	S_put(w, num, (size_t)n);
}

/* A member named by the tree with a string value. */
static void S_key_str(S_writer *w, const char *key, const char *value)
{
	S_key(w, key);
	S_cstring(w, value);
}

static void S_bool(S_writer *w, int v)
{
	if (v)
		S_LIT(w, "true");
	else
		S_LIT(w, "false");
}

#define S_KEY_STR(w, key, v) (S_KEY(w, key), S_cstring((w), (v)))
#define S_KEY_LONG(w, key, v) (S_KEY(w, key), S_long((w), (v)))
#define S_KEY_BOOL(w, key, v) (S_KEY(w, key), S_bool((w), (v)))

/* ---- values -------------------------------------------------------------- */

/* {"id", "classes", "kv"} of a node that has attributes. */
static void S_attr_value(S_writer *w, const galley_node *node)
{
	size_t i, n;

	S_open(w, '{');
	if (galley_node_get_id(node))
		S_KEY_STR(w, "id", galley_node_get_id(node));
	if ((n = galley_node_class_count(node)) > 0) {
		S_KEY(w, "classes");
		S_open(w, '[');
		for (i = 0; i < n; i++) {
			S_member(w);
			S_cstring(w, galley_node_class_at(node, i));
		}
		S_close(w, ']');
	}
	if ((n = galley_node_kv_count(node)) > 0) {
		S_KEY(w, "kv");
		S_open(w, '{');
		for (i = 0; i < n; i++)
			S_key_str(w, galley_node_kv_key(node, i), galley_node_kv_value(node, i));
		S_close(w, '}');
	}
	S_close(w, '}');
}

/* "attr" of a node that has attributes. */
static void S_attr(S_writer *w, const galley_node *node)
{
	if (galley_node_has_attr(node)) {
		S_KEY(w, "attr");
		S_attr_value(w, node);
	}
}

/* A node's object up to its own fields: "type" first, then "attr". */
static void S_head(S_writer *w, const galley_node *node, const char *type)
{
	S_member(w);
	S_open(w, '{');
	S_KEY(w, "type");
	S_cstring(w, type);
	S_attr(w, node);
}

static void S_meta(S_writer *w, const galley_meta *meta)
{
	size_t i, j, n;

	S_KEY(w, "meta");
	S_open(w, '{');
	n = meta ? galley_meta_key_count(meta) : 0;
	for (i = 0; i < n; i++) {
		const char *key = galley_meta_key_at(meta, i);
		if (strcmp(key, "hits") == 0) {
			S_KEY_LONG(w, "hits", galley_meta_get_hits(meta));
		} else if (galley_meta_key_is_list(key)) {
			S_key(w, key);
			S_open(w, '[');
			for (j = 0; j < galley_meta_count(meta, key); j++) {
				S_member(w);
				S_cstring(w, galley_meta_get_nth(meta, key, j));
			}
			S_close(w, ']');
		} else {
			S_key_str(w, key, galley_meta_get(meta, key));
		}
	}
	S_close(w, '}');
}

/* "item-attrs" / "row-attrs": the children's attrs by position, null for
 * none, when any child has one. */
static void S_child_attrs(S_writer *w, const galley_node *node, const char *key)
{
	const galley_node *c;

	for (c = galley_node_first_child(node); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) != GALLEY_NODE_CAPTION && galley_node_has_attr(c))
			break;
	}
	if (!c)
		return;
	S_key(w, key);
	S_open(w, '[');
	for (c = galley_node_first_child(node); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) == GALLEY_NODE_CAPTION)
			continue;
		S_member(w);
		if (galley_node_has_attr(c))
			S_attr_value(w, c);
		else
			S_LIT(w, "null");
	}
	S_close(w, ']');
}

/* ---- captions ------------------------------------------------------------ */

/* Tables and figures had their members set as the walk met them, and a
 * second caption replaced the first one's value in the first one's place;
 * where each member goes, relative to a table's first row. */
typedef struct {
	const galley_node *first, *last;  /* captions: "caption" goes where the first was, holds the last */
	const galley_node *first_attr, *last_attr; /* the same for "caption-attr" */
	const galley_node *first_row;
	int ncaptions;
} S_captions;

static void S_scan(const galley_node *node, S_captions *cap)
{
	const galley_node *c;

	memset(cap, 0, sizeof *cap);
	for (c = galley_node_first_child(node); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) == GALLEY_NODE_ROW) {
			if (!cap->first_row)
				cap->first_row = c;
			continue;
		}
		cap->ncaptions++;
		if (!cap->first)
			cap->first = c;
		cap->last = c;
		if (galley_node_has_attr(c)) {
			if (!cap->first_attr)
				cap->first_attr = c;
			cap->last_attr = c;
		}
	}
}

/* Whether `a` comes before the first row (a table's member before "rows"). */
static int S_before_row(const S_captions *cap, const galley_node *a)
{
	const galley_node *c;

	for (c = cap->first_row; c; c = galley_node_next(c)) {
		if (c == a)
			return 0;
	}
	return 1;
}

static void S_walk(S_writer *w, const galley_node *root, int depth);

/* The caption members that go before (`before`) or after the rows. */
static void S_caption_members(S_writer *w, const S_captions *cap, int before, int depth)
{
	if (cap->first && S_before_row(cap, cap->first) == before) {
		S_KEY(w, "caption");
		S_walk(w, cap->last, depth);
	}
	if (cap->first_attr && S_before_row(cap, cap->first_attr) == before) {
		S_KEY(w, "caption-attr");
		S_attr_value(w, cap->last_attr);
	}
}

/* Captions whose value a later one replaced are still walked, and their
 * output dropped, so that they are refused alike (too deep, names not UTF-8). */
static void S_replaced_captions(S_writer *w, const galley_node *node, const S_captions *cap, int depth)
{
	const galley_node *c;
	size_t mark = w->out->len;
	int level = w->level, fresh = w->fresh;

	if (cap->ncaptions < 2)
		return;
	for (c = galley_node_first_child(node); c; c = galley_node_next(c)) {
		if (galley_node_get_type(c) != GALLEY_NODE_CAPTION || c == cap->last)
			continue;
		S_walk(w, c, depth);
		if (galley_node_has_attr(c))
			S_attr_value(w, c);
	}
	if (w->out->len > mark)
		galley_buffer_truncate(w->out, mark);
	w->level = level;
	w->fresh = fresh;
}

/* ---- the walk ------------------------------------------------------------ */

/* The JSON for a node entered during the walk; `depth` counts the open
 * containers around it. Figures are written whole here (the walk then
 * skips them), tables' captions when the table is entered or left. */
static void S_enter(S_writer *w, galley_iter *it, const galley_node *node, int depth)
{
	galley_node_type type = galley_node_get_type(node);
	S_captions cap;

	switch (type) {
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_ROW:
		/* No object of their own: an array of blocks (cells) inside
		 * "items" ("rows"), their attrs in the parallel "item-attrs" ("row-attrs"). */
		S_member(w);
		S_open(w, '[');
		break;
	case GALLEY_NODE_CAPTION:
		/* only as the root of S_walk(): the walk skips captions elsewhere */
		S_open(w, '[');
		break;
	case GALLEY_NODE_CELL:
		S_member(w);
		S_open(w, '{');
		S_attr(w, node);
		S_KEY_BOOL(w, "header", galley_node_get_cell_header(node));
		S_KEY_LONG(w, "colspan", galley_node_get_colspan(node));
		S_KEY_LONG(w, "rowspan", galley_node_get_rowspan(node));
		S_KEY(w, "blocks");
		S_open(w, '[');
		break;
	case GALLEY_NODE_PARAGRAPH:
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		S_head(w, node, galley_node_type_name(type));
		S_KEY(w, "inlines");
		S_open(w, '[');
		break;
	case GALLEY_NODE_HEADING:
		S_head(w, node, "heading");
		S_KEY_LONG(w, "level", galley_node_get_level(node));
		S_KEY(w, "inlines");
		S_open(w, '[');
		break;
	case GALLEY_NODE_LIST:
		S_head(w, node, "list");
		S_KEY_BOOL(w, "ordered", galley_node_get_list_ordered(node));
		S_KEY_LONG(w, "start", galley_node_get_list_start(node));
		S_KEY(w, "items");
		S_open(w, '[');
		break;
	case GALLEY_NODE_QUOTE:
	case GALLEY_NODE_NOTE:
		S_head(w, node, galley_node_type_name(type));
		S_KEY(w, "blocks");
		S_open(w, '[');
		break;
	case GALLEY_NODE_DIV:
		S_head(w, node, "div");
		if (galley_node_get_role(node))
			S_KEY_STR(w, "role", galley_node_get_role(node));
		S_KEY(w, "blocks");
		S_open(w, '[');
		break;
	case GALLEY_NODE_TABLE:
		S_head(w, node, "table");
		S_scan(node, &cap);
		S_replaced_captions(w, node, &cap, depth + 1);
		S_caption_members(w, &cap, 1, depth + 1);
		if (cap.first_row) {
			S_KEY(w, "rows");
			S_open(w, '[');
		}
		break;
	case GALLEY_NODE_FIGURE:
		S_head(w, node, "figure");
		S_KEY_STR(w, "src", galley_node_get_url(node));
		S_KEY_STR(w, "alt", galley_node_get_alt(node));
		S_scan(node, &cap);
		S_replaced_captions(w, node, &cap, depth + 1);
		S_caption_members(w, &cap, 1, depth + 1);
		S_close(w, '}');
		galley_iter_reset(it, node, GALLEY_EVENT_EXIT); /* its captions are written */
		break;
	case GALLEY_NODE_LINK:
		S_head(w, node, "link");
		S_KEY_STR(w, "href", galley_node_get_url(node));
		if (galley_node_get_title(node))
			S_KEY_STR(w, "title", galley_node_get_title(node));
		S_KEY(w, "inlines");
		S_open(w, '[');
		break;
	case GALLEY_NODE_TEXT:
	case GALLEY_NODE_CODE:
	case GALLEY_NODE_CODE_BLOCK:
		S_head(w, node, galley_node_type_name(type));
		S_KEY(w, "text");
		S_string(w, galley_node_get_text(node), galley_node_get_text_len(node));
		if (type == GALLEY_NODE_CODE_BLOCK && galley_node_get_language(node))
			S_KEY_STR(w, "language", galley_node_get_language(node));
		S_close(w, '}');
		break;
	case GALLEY_NODE_IMAGE:
		S_head(w, node, "image");
		S_KEY_STR(w, "src", galley_node_get_url(node));
		S_KEY_STR(w, "alt", galley_node_get_alt(node));
		S_close(w, '}');
		break;
	case GALLEY_NODE_BREAK:
	case GALLEY_NODE_LINEBREAK:
		S_head(w, node, galley_node_type_name(type));
		S_close(w, '}');
		break;
	default:
		w->rc = galley_error(w->ctx, GALLEY_EINVAL, "a %s node cannot be written as JSON here",
			galley_node_type_name(type));
	}
}

/* Leaving a container: close it, adding what could only be known at its end. */
static void S_exit(S_writer *w, const galley_node *node, int depth)
{
	S_captions cap;

	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_ITEM:
	case GALLEY_NODE_ROW:
	case GALLEY_NODE_CAPTION:
		S_close(w, ']');
		break;
	case GALLEY_NODE_LIST:
		S_close(w, ']');
		S_child_attrs(w, node, "item-attrs");
		S_close(w, '}');
		break;
	case GALLEY_NODE_TABLE:
		S_scan(node, &cap);
		if (cap.first_row) {
			S_close(w, ']');
		} else {
			S_KEY(w, "rows");
			S_LIT(w, "[]");
		}
		S_caption_members(w, &cap, 0, depth);
		S_child_attrs(w, node, "row-attrs");
		S_close(w, '}');
		break;
	default:
		S_close(w, ']');
		S_close(w, '}');
	}
}

/* Writes root's subtree; `depth` counts the open containers around root. */
static void S_walk(S_writer *w, const galley_node *root, int depth)
{
	galley_iter *it = galley_iter_new(root);
	galley_event_type ev;
	int root_is_doc = galley_node_get_type(root) == GALLEY_NODE_DOCUMENT;

	if (!it) {
		if (!w->rc)
			w->rc = galley_error(w->ctx, GALLEY_ENOMEM, "out of memory");
		return;
	}
	while (!w->rc && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *node = galley_iter_get_node(it);
		if (root_is_doc && node == root)
			continue;
		if (ev == GALLEY_EVENT_ENTER) {
			if (depth >= GALLEY_JSON_MAX_DEPTH) {
				w->rc = galley_error(w->ctx, GALLEY_EINVAL,
					"the document nests deeper than %d levels, more than the JSON form allows",
					GALLEY_JSON_MAX_DEPTH);
				break;
			}
			if (galley_node_get_type(node) == GALLEY_NODE_CAPTION && node != root) {
				/* written by its table or figure, not in tree order */
				galley_iter_reset(it, node, GALLEY_EVENT_EXIT);
				continue;
			}
			/* a top-level block: what came before it is final */
			if (depth == 0 && root_is_doc && galley_writer_flush(w->ctx, w->out) < 0) {
				w->rc = galley_context_error_code(w->ctx);
				break;
			}
			S_enter(w, it, node, depth);
			if (!galley_node_type_is_leaf(galley_node_get_type(node))
				&& galley_iter_get_event(it) == GALLEY_EVENT_ENTER)
				depth++;
		} else if (ev == GALLEY_EVENT_EXIT) {
			depth--;
			S_exit(w, node, depth);
		}
	}
	galley_iter_free(it);
}

int json_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	S_writer w;
	const galley_node *doc;
	size_t mark = out->len;

	(void)name;
	(void)payload;
	if (ndocs != 1)
		return galley_error(ctx, GALLEY_EUSAGE, "the json writer writes one document, not %zu", ndocs);
	doc = docs[0];
	if (galley_node_get_type(doc) != GALLEY_NODE_DOCUMENT)
		return galley_error(ctx, GALLEY_EUSAGE, "the json writer needs a document node");
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.out = out;
	S_open(&w, '{');
	S_KEY_LONG(&w, "galley-ir", 1);
	S_attr(&w, doc);
	S_meta(&w, galley_document_meta(doc));
	S_KEY(&w, "blocks");
	S_open(&w, '[');
	if (!w.rc)
		S_walk(&w, doc, 0);
	S_close(&w, ']');
	S_close(&w, '}');
	S_LIT(&w, "\n");
	if (w.rc) {
		if (out->len > mark)
			galley_buffer_truncate(out, mark);
		return w.rc;
	}
	return 0;
}
