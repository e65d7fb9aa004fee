/* iter.c — the walk every writer is built on (ENTER/EXIT events, leaves
 * ENTER only), and two walks of our own: text content and a debug dump. */
#include "internal.h"
#include "tree.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	galley_event_type ev;
	const galley_node *node;
} S_step;

struct galley_iter {
	const galley_node *root;
	S_step cur;
	S_step next;
};

galley_iter *galley_iter_new(const galley_node *root)
{
	galley_iter *it;
	if (!root)
		return NULL;
	it = galley_calloc(1, sizeof *it);
	if (!it)
		return NULL;
	it->root = root;
	it->cur.ev = GALLEY_EVENT_NONE;
	it->next.ev = GALLEY_EVENT_ENTER;
	it->next.node = root;
	return it;
}

void galley_iter_free(galley_iter *it)
{
	galley_free(it);
}

static void S_advance(galley_iter *it)
{
	galley_event_type ev = it->cur.ev;
	const galley_node *node = it->cur.node;

	if (ev == GALLEY_EVENT_ENTER && !galley_node_type_is_leaf((galley_node_type)node->type)) {
		if (node->first) {
			it->next.ev = GALLEY_EVENT_ENTER;
			it->next.node = node->first;
		} else {
			it->next.ev = GALLEY_EVENT_EXIT;
			it->next.node = node;
		}
	} else if (node == it->root) {
		it->next.ev = GALLEY_EVENT_DONE;
		it->next.node = NULL;
	} else if (node->next) {
		it->next.ev = GALLEY_EVENT_ENTER;
		it->next.node = node->next;
	} else {
		it->next.ev = GALLEY_EVENT_EXIT;
		it->next.node = node->parent;
	}
}

galley_event_type galley_iter_next(galley_iter *it)
{
	if (!it)
		return GALLEY_EVENT_DONE;
	it->cur = it->next;
	if (it->cur.ev == GALLEY_EVENT_DONE)
		return GALLEY_EVENT_DONE;
	S_advance(it);
	return it->cur.ev;
}

const galley_node *galley_iter_get_node(const galley_iter *it)
{
	return it ? it->cur.node : NULL;
}

galley_event_type galley_iter_get_event(const galley_iter *it)
{
	return it ? it->cur.ev : GALLEY_EVENT_NONE;
}

void galley_iter_reset(galley_iter *it, const galley_node *node, galley_event_type event)
{
	if (!it || !node)
		return;
	it->cur.ev = event;
	it->cur.node = node;
	S_advance(it);
}

int galley_node_text_content(const galley_node *node, galley_buffer *out)
{
	galley_iter *it;
	galley_event_type ev;
	int pending = 0;
	size_t start = out->len;

	if (!node)
		return GALLEY_EINVAL;
	it = galley_iter_new(node);
	if (!it) {
		out->oom = 1; /* callers that only look at the buffer see it too */
		return GALLEY_ENOMEM;
	}
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		/* a newline between blocks, only where text follows text */
		if (galley_node_type_is_block((galley_node_type)n->type) && ev == GALLEY_EVENT_ENTER && out->len > start)
			pending = 1;
		switch (n->type) {
		case GALLEY_NODE_TEXT:
		case GALLEY_NODE_CODE:
		case GALLEY_NODE_CODE_BLOCK:
		case GALLEY_NODE_LINEBREAK:
			if (pending && out->len > start && out->data[out->len - 1] != '\n')
				galley_buffer_putc(out, '\n');
			pending = 0;
			if (n->type == GALLEY_NODE_LINEBREAK)
				galley_buffer_putc(out, ' ');
			else
				galley_buffer_append(out, GALLEY__TEXT(n) ? GALLEY__TEXT(n) : "", n->text_len);
			break;
		default:
			break;
		}
	}
	galley_iter_free(it);
	return out->oom ? GALLEY_ENOMEM : 0;
}

static void S_dump_string(galley_buffer *out, const char *s, size_t len)
{
	size_t i;
	galley_buffer_putc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			galley_buffer_printf(out, "\\%c", c);
		else if (c == '\n')
			galley_buffer_puts(out, "\\n");
		else if (c < 0x20)
			galley_buffer_printf(out, "\\x%02x", c);
		else
			galley_buffer_putc(out, c);
	}
	galley_buffer_putc(out, '"');
}

static void S_dump_field(galley_buffer *out, const char *name, const char *value)
{
	if (!value)
		return;
	galley_buffer_printf(out, " %s=", name);
	S_dump_string(out, value, strlen(value));
}

int galley_node_dump(const galley_node *node, galley_buffer *out)
{
	galley_iter *it;
	galley_event_type ev;
	int depth = 0;
	size_t i;

	if (!node)
		return GALLEY_EINVAL;
	it = galley_iter_new(node);
	if (!it)
		return GALLEY_ENOMEM;
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		if (ev == GALLEY_EVENT_EXIT) {
			depth--;
			continue;
		}
		for (i = 0; i < (size_t)depth; i++)
			galley_buffer_puts(out, "  ");
		galley_node_type type = galley_node_get_type(n);
		galley_meta *meta = galley_document_meta(n);
		galley_buffer_puts(out, type == GALLEY_NODE_CODE_BLOCK ? "code_block" : galley_node_type_name(type));
		switch (type) {
		case GALLEY_NODE_HEADING:
			galley_buffer_printf(out, " level=%d", galley_node_get_level(n));
			break;
		case GALLEY_NODE_LIST:
			galley_buffer_printf(out, " ordered=%d start=%ld", galley_node_get_list_ordered(n),
				galley_node_get_list_start(n));
			break;
		case GALLEY_NODE_CELL:
			galley_buffer_printf(out, " header=%d colspan=%d rowspan=%d", galley_node_get_cell_header(n),
				galley_node_get_colspan(n), galley_node_get_rowspan(n));
			break;
		default:
			break;
		}
		S_dump_field(out, "url", galley_node_get_url(n));
		S_dump_field(out, "alt", galley_node_get_alt(n));
		S_dump_field(out, "title", galley_node_get_title(n));
		S_dump_field(out, "lang", galley_node_get_language(n));
		S_dump_field(out, "role", galley_node_get_role(n));
		S_dump_field(out, "id", galley_node_get_id(n));
		for (i = 0; i < galley_node_class_count(n); i++)
			S_dump_field(out, "class", galley_node_class_at(n, i));
		for (i = 0; i < galley_node_kv_count(n); i++) {
			const char *v = galley_node_kv_value(n, i);
			galley_buffer_printf(out, " %s=", galley_node_kv_key(n, i));
			S_dump_string(out, v, strlen(v));
		}
		if (GALLEY__TEXT(n)) {
			galley_buffer_putc(out, ' ');
			S_dump_string(out, GALLEY__TEXT(n), n->text_len);
		}
		if (meta) {
			size_t k, nk = galley_meta_key_count(meta);
			for (k = 0; k < nk; k++) {
				const char *key = galley_meta_key_at(meta, k);
				size_t j, c = galley_meta_count(meta, key);
				for (j = 0; j < c; j++) {
					const char *v = galley_meta_get_nth(meta, key, j);
					galley_buffer_printf(out, "\n  meta %s=", key);
					S_dump_string(out, v, strlen(v));
				}
			}
		}
		galley_buffer_putc(out, '\n');
		if (!galley_node_type_is_leaf(type))
			depth++;
	}
	galley_iter_free(it);
	return out->oom ? GALLEY_ENOMEM : 0;
}
