/* facts.c — see facts.h. Every fact is checked and each failure printed, so
 * one run says how far off a reader is. */
#include "facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	int failed, checked;
} S_tally;

static void S_fact(S_tally *t, int ok, const char *fmt, ...)
{
	va_list ap;
	t->checked++;
	if (ok)
		return;
	t->failed++;
	va_start(ap, fmt);
	fprintf(stderr, "FACT FAILED: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

char *facts_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	galley_buffer b = GALLEY_BUFFER_INIT;
	char chunk[65536];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		galley_buffer_append(&b, chunk, n);
	fclose(f);
	if (!b.data)
		galley_buffer_append(&b, "", 0);
	return galley_buffer_detach(&b, len);
}

static char *S_text(galley_node *n)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	galley_node_text_content(n, &b);
	if (!b.data)
		galley_buffer_append(&b, "", 0);
	return galley_buffer_detach(&b, NULL);
}

/* The block shape: P, H2, OL3(...) (ordered, start 3), UL(...), I(...),
 * D:role(...), Q(...), BR — children separated by spaces. */
static void S_shape(galley_node *n, galley_buffer *out)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (!galley_node_type_is_block(t) && t != GALLEY_NODE_ITEM)
			continue;
		if (out->len && out->data[out->len - 1] != '(')
			galley_buffer_putc(out, ' ');
		switch (t) {
		case GALLEY_NODE_PARAGRAPH: galley_buffer_puts(out, "P"); continue;
		case GALLEY_NODE_HEADING: galley_buffer_printf(out, "H%d", galley_node_get_level(c)); continue;
		case GALLEY_NODE_BREAK: galley_buffer_puts(out, "BR"); continue;
		case GALLEY_NODE_LIST:
			if (galley_node_get_list_ordered(c))
				galley_buffer_printf(out, "OL%ld(", galley_node_get_list_start(c));
			else
				galley_buffer_puts(out, "UL(");
			break;
		case GALLEY_NODE_ITEM: galley_buffer_puts(out, "I("); break;
		case GALLEY_NODE_DIV:
			galley_buffer_printf(out, "D:%s(", galley_node_get_role(c) ? galley_node_get_role(c) : "");
			break;
		case GALLEY_NODE_QUOTE: galley_buffer_puts(out, "Q("); break;
		default: galley_buffer_printf(out, "%s(", galley_node_type_name(t)); break;
		}
		S_shape(c, out);
		galley_buffer_putc(out, ')');
	}
}

/* Every paragraph's and heading's text, depth first. */
static void S_texts(galley_node *n, json_t *arr)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			char *s = S_text(c);
			json_array_append_new(arr, json_string(s));
			free(s);
		} else if (galley_node_type_is_block(t) || t == GALLEY_NODE_ITEM) {
			S_texts(c, arr);
		}
	}
}

static void S_check_meta(S_tally *t, galley_meta *meta, json_t *exp)
{
	static const char *const keys[] = {"title", "subtitle", "date", "issuer", "category", "language", "place",
		"identifier", "description", "source", NULL};
	size_t i;
	json_t *k;
	for (i = 0; keys[i]; i++) {
		json_t *v = json_object_get(exp, keys[i]);
		const char *got;
		if (!json_is_string(v))
			continue;
		got = galley_meta_get(meta, keys[i]);
		S_fact(t, got && strcmp(got, json_string_value(v)) == 0, "meta.%s: expected \"%s\", got \"%s\"", keys[i],
			json_string_value(v), got ? got : "(unset)");
	}
	k = json_object_get(exp, "hits");
	if (json_is_integer(k))
		S_fact(t, galley_meta_get_hits(meta) == json_integer_value(k), "meta.hits: expected %lld, got %lld",
			(long long)json_integer_value(k), (long long)galley_meta_get_hits(meta));
	json_array_foreach(json_object_get(exp, "absent"), i, k) {
		const char *got = galley_meta_get(meta, json_string_value(k));
		S_fact(t, got == NULL, "meta.%s should be unset, is \"%s\"", json_string_value(k), got ? got : "");
	}
}

/* The first top-level ordered list holds the numbered paragraphs. */
static void S_check_paragraphs(S_tally *t, galley_node *doc, json_t *paras)
{
	galley_node *list = galley_node_first_child(doc), *item;
	json_int_t first;
	size_t i = 0;

	while (list && !(galley_node_get_type(list) == GALLEY_NODE_LIST && galley_node_get_list_ordered(list)))
		list = galley_node_next(list);
	S_fact(t, list != NULL, "paragraphs: no ordered list at the top level");
	if (!list)
		return;
	first = json_integer_value(json_object_get(json_array_get(paras, 0), "number"));
	S_fact(t, galley_node_child_count(list) == json_array_size(paras), "paragraphs: %zu items, expected %zu",
		galley_node_child_count(list), json_array_size(paras));
	S_fact(t, galley_node_get_list_start(list) == first, "paragraphs: the list starts at %ld, expected %lld",
		galley_node_get_list_start(list), (long long)first);
	for (item = galley_node_first_child(list); item && i < json_array_size(paras); item = galley_node_next(item), i++) {
		json_t *p = json_array_get(paras, i);
		galley_node *para = galley_node_first_child(item);
		const char *want = json_string_value(json_object_get(p, "text"));
		char *got;
		S_fact(t, json_integer_value(json_object_get(p, "number")) == first + (json_int_t)i,
			"paragraphs[%zu]: expected numbers in sequence", i);
		if (galley_node_get_type(para) != GALLEY_NODE_PARAGRAPH) {
			S_fact(t, 0, "paragraphs[%zu]: the item does not start with a paragraph", i);
			continue;
		}
		got = S_text(para);
		S_fact(t, want && strcmp(got, want) == 0, "paragraphs[%zu]:\n  expected \"%s\"\n  got      \"%s\"", i,
			want ? want : "(none)", got);
		free(got);
	}
}

/* No block anywhere in the body is, or begins with, a forbidden string. */
static void S_check_not_in_body(galley_node *n, json_t *bad, int *clean)
{
	for (galley_node *c = galley_node_first_child(n); c; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			char *text = S_text(c);
			size_t i;
			json_t *s;
			json_array_foreach(bad, i, s) {
				const char *x = json_string_value(s);
				if (x && strncmp(text, x, strlen(x)) == 0) {
					fprintf(stderr, "  body block \"%.60s\" begins with \"%s\"\n", text, x);
					*clean = 0;
				}
			}
			free(text);
		} else if (galley_node_type_is_block(t) || t == GALLEY_NODE_ITEM) {
			S_check_not_in_body(c, bad, clean);
		}
	}
}

int facts_check(galley_node *doc, json_t *exp, const char *name)
{
	S_tally t = {0, 0};
	galley_buffer shape = GALLEY_BUFFER_INIT;
	json_t *texts = json_array(), *want;

	S_check_meta(&t, galley_document_meta(doc), exp);
	if (json_is_array(json_object_get(exp, "paragraphs")))
		S_check_paragraphs(&t, doc, json_object_get(exp, "paragraphs"));
	if (json_is_array(json_object_get(exp, "not_in_body"))) {
		int clean = 1;
		S_check_not_in_body(doc, json_object_get(exp, "not_in_body"), &clean);
		S_fact(&t, clean, "not_in_body: chrome or labels in the body (above)");
	}
	S_shape(doc, &shape);
	want = json_object_get(exp, "shape");
	if (json_is_string(want))
		S_fact(&t, strcmp(shape.data ? shape.data : "", json_string_value(want)) == 0,
			"shape:\n  expected %s\n  got      %s", json_string_value(want), shape.data ? shape.data : "");
	S_texts(doc, texts);
	want = json_object_get(exp, "texts");
	if (json_is_array(want)) {
		/* one fact per expected text, by position, so a count says how far off */
		for (size_t i = 0; i < json_array_size(want) || i < json_array_size(texts); i++) {
			json_t *w = json_array_get(want, i), *g = json_array_get(texts, i);
			S_fact(&t, w != NULL && g != NULL && json_equal(w, g), "texts[%zu]:\n  expected \"%s\"\n  got      \"%s\"",
				i, w ? json_string_value(w) : "(none)", g ? json_string_value(g) : "(none)");
		}
	}
	json_decref(texts);
	galley_buffer_dispose(&shape);
	fprintf(stderr, "%s: %d of %d facts failed\n", name, t.failed, t.checked);
	return t.failed;
}

void facts_dump(galley_node *doc)
{
	galley_buffer shape = GALLEY_BUFFER_INIT;
	json_t *texts = json_array();
	galley_meta *m = galley_document_meta(doc);
	char *got;

	S_shape(doc, &shape);
	S_texts(doc, texts);
	got = json_dumps(texts, JSON_INDENT(1));
	printf("shape: %s\ntexts: %s\n", shape.data ? shape.data : "", got ? got : "");
	for (size_t i = 0; i < galley_meta_key_count(m); i++)
		printf("meta %s = %s\n", galley_meta_key_at(m, i), galley_meta_get(m, galley_meta_key_at(m, i)));
	free(got);
	json_decref(texts);
	galley_buffer_dispose(&shape);
}
