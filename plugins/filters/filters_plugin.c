/* filters_plugin.c — three filters (plugin ABI 2.1), each editing the
 * document through the node API of galley.h:
 *   number-paragraphs  labels every body paragraph: attr id "p-N" and kv
 *                      "n" = N (TEI's n), counted in reading order (a release's
 *                      signature, contacts, notes and datelines are not body);
 *   strip-links        replaces every link by its content (images and
 *                      footnotes stay);
 *   lang               detects the language of each block of text and, for
 *                      a block in another language than the document's,
 *                      sets its kv "lang" (attr.kv.lang in the JSON form,
 *                      xml:lang in TEI); the
 *                      document's own language, when the metadata has
 *                      none, is the one most of its letters are in.
 * None keeps state between calls: each job edits its own tree. */
#include <galley/plugin.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Roles of groupings that are not the release's body. */
static int S_outside_body(const galley_node *n)
{
	static const char *const roles[] = {"signature", "contact", "note", "dateline", "boilerplate", "footer"};
	size_t i;
	const char *role;
	for (; n; n = galley_node_parent(n)) {
		if (galley_node_get_type(n) == GALLEY_NODE_NOTE)
			return 1;
		if (galley_node_get_type(n) != GALLEY_NODE_DIV || !(role = galley_node_get_role(n)))
			continue;
		for (i = 0; i < sizeof roles / sizeof *roles; i++)
			if (strcmp(role, roles[i]) == 0)
				return 1;
	}
	return 0;
}

/* The next node of a depth-first walk from n within root (children first). */
static galley_node *S_next(galley_node *root, galley_node *n, int descend)
{
	if (descend && galley_node_first_child(n))
		return galley_node_first_child(n);
	while (n && n != root) {
		if (galley_node_next(n))
			return galley_node_next(n);
		n = galley_node_parent(n);
	}
	return NULL;
}

static int S_number_paragraphs(galley_context *ctx, galley_node **doc, void *payload)
{
	galley_node *n;
	long count = 0;
	char num[32], id[40];
	(void)payload;

	for (n = galley_node_first_child(*doc); n; n = S_next(*doc, n, 1)) {
		if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH || S_outside_body(n))
			continue;
		/* Only paragraphs of the flow: not those inside table cells. */
		{
			const galley_node *p;
			int in_cell = 0;
			for (p = galley_node_parent(n); p && !in_cell; p = galley_node_parent(p))
				in_cell = galley_node_get_type(p) == GALLEY_NODE_CELL;
			if (in_cell)
				continue;
		}
		count++;
		snprintf(num, sizeof num, "%ld", count);
		snprintf(id, sizeof id, "p-%ld", count);
		if (galley_node_kv_set(n, "n", num) < 0 || (!galley_node_get_id(n) && galley_node_set_id(n, id) < 0))
			return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	galley_log(ctx, GALLEY_LOG_INFO, "number-paragraphs: %ld paragraphs numbered", count);
	return 0;
}

/* Move a link's children in front of it, then drop it. */
static int S_unwrap(galley_node *link)
{
	galley_node *c;
	int rc;
	while ((c = galley_node_first_child(link))) {
		galley_node_unlink(c);
		if ((rc = galley_node_insert_before(link, c)) < 0) {
			galley_node_free(c);
			return rc;
		}
	}
	galley_node_unlink(link);
	galley_node_free(link);
	return 0;
}

static int S_strip_links(galley_context *ctx, galley_node **doc, void *payload)
{
	galley_node *n = galley_node_first_child(*doc), *next;
	long count = 0;
	int rc;
	(void)payload;

	while (n) {
		if (galley_node_get_type(n) != GALLEY_NODE_LINK) {
			n = S_next(*doc, n, 1);
			continue;
		}
		/* Go on from the link's first child (now in its place) or its successor. */
		next = galley_node_first_child(n) ? galley_node_first_child(n) : S_next(*doc, n, 0);
		if ((rc = S_unwrap(n)) < 0)
			return galley_error(ctx, rc, "strip-links: cannot move a link's content out (%d)", rc);
		count++;
		n = next;
	}
	galley_log(ctx, GALLEY_LOG_INFO, "strip-links: %ld links removed", count);
	return 0;
}

/* The blocks lang looks at: those that hold inline text directly. */
static int S_text_block(galley_node_type t)
{
	return t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING || t == GALLEY_NODE_CAPTION;
}

#define S_MAX_LANGS 32
struct S_tally {
	char tag[S_MAX_LANGS][16];
	size_t letters[S_MAX_LANGS];
	size_t n;
};

static int S_lang(galley_context *ctx, galley_node **doc, void *payload)
{
	galley_meta *meta = galley_document_meta(*doc);
	const char *declared = meta ? galley_meta_get(meta, "language") : NULL;
	galley_buffer text = GALLEY_BUFFER_INIT;
	struct S_tally t;
	char base[16] = "", tag[16];
	galley_node *n;
	size_t i, best = 0, marked = 0;
	int pass, rc = 0;
	(void)payload;

	memset(&t, 0, sizeof t);
	/* Pass 0 counts letters per detected language; pass 1 marks the blocks. */
	for (pass = 0; pass < 2 && rc >= 0; pass++) {
		if (pass == 1) {
			if (declared)
				snprintf(base, sizeof base, "%s", declared);
			else if (t.n) {
				for (i = 1; i < t.n; i++)
					if (t.letters[i] > t.letters[best])
						best = i;
				snprintf(base, sizeof base, "%s", t.tag[best]);
				if (meta && galley_meta_set(meta, "language", base) < 0)
					rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			}
		}
		for (n = galley_node_first_child(*doc); n && rc >= 0; n = S_next(*doc, n, 1)) {
			if (!S_text_block(galley_node_get_type(n)))
				continue;
			galley_buffer_clear(&text);
			if (galley_node_text_content(n, &text) < 0) {
				rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
				break;
			}
			rc = galley_detect_language(text.data ? text.data : "", text.len, tag, sizeof tag);
			if (rc == GALLEY_ENOTFOUND) {
				rc = 0; /* too little text to tell: it inherits */
				continue;
			}
			if (rc < 0) {
				rc = galley_error(ctx, rc, "lang: language detection failed");
				break;
			}
			if (pass == 0) {
				for (i = 0; i < t.n && strcmp(t.tag[i], tag) != 0; i++)
					;
				if (i == t.n && t.n < S_MAX_LANGS)
					snprintf(t.tag[t.n++], sizeof t.tag[0], "%s", tag);
				if (i < t.n)
					t.letters[i] += text.len;
			} else if (strcasecmp(tag, base) != 0 && strncasecmp(tag, base, strlen(tag)) != 0) {
				/* "en" in an "en-GB" document is no change of language. */
				if (galley_node_kv_set(n, "lang", tag) < 0)
					rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
				marked++;
			}
		}
	}
	galley_buffer_dispose(&text);
	if (rc >= 0)
		galley_log(ctx, GALLEY_LOG_INFO, "lang: document %s, %zu blocks in another language", *base ? base : "?",
			marked);
	return rc < 0 ? rc : 0;
}

static const galley_option_desc S_no_options[] = {GALLEY_OPTIONS_END};

static const galley_filter_desc S_filters[] = {
	{GALLEY_FILTER_VERSION, "number-paragraphs", "label every body paragraph (id p-N, kv n=N)",
		S_number_paragraphs, NULL, S_no_options, {0}},
	{GALLEY_FILTER_VERSION, "strip-links", "replace every link by its text", S_strip_links, NULL, S_no_options, {0}},
	{GALLEY_FILTER_VERSION, "lang", "mark blocks in another language than the document's (kv lang)", S_lang, NULL,
		S_no_options, {0}},
};

static int S_init(galley_registry *reg)
{
	size_t i;
	int rc;
	for (i = 0; i < sizeof S_filters / sizeof *S_filters; i++)
		if ((rc = galley_registry_add_filter(reg, &S_filters[i])) < 0)
			return rc;
	return 0;
}

GALLEY_PLUGIN_DEFINE("filters", "0.1.0", "MIT", "number-paragraphs, strip-links and lang", S_init);
