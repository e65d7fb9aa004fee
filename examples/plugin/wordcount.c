/* wordcount.c — an example galley plugin built outside galley's source
 * tree: a "wordcount" writer that reports a document's title, paragraphs
 * and words. One tree walk with galley_iter, as every writer does; the
 * tree is const and all state is local, so it may run in several threads.
 * It declares the one option it reads, so galley refuses -O titel=no. */
#include <galley/plugin.h>

#include <string.h>

static size_t S_count_words(const char *s, size_t len, int *in_word)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++) {
		/* Bytes >= 0x80 are parts of letters in UTF-8: count them as such. */
		int space = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
		if (!space && !*in_word)
			n++;
		*in_word = !space;
	}
	return n;
}

static int S_write_one(galley_context *ctx, const galley_node *doc, galley_buffer *out)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event_type ev;
	size_t words = 0, paragraphs = 0, headings = 0;
	int in_word = 0;
	const char *title = galley_meta_get(galley_document_meta(doc), "title");
	/* Declared BOOL below: galley has checked the value before the write. */
	int with_title = galley_context_option_bool(ctx, "title", 1);

	if (!it)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		switch (galley_node_get_type(n)) {
		case GALLEY_NODE_PARAGRAPH:
		case GALLEY_NODE_HEADING:
			/* A block boundary ends a word. */
			in_word = 0;
			if (ev == GALLEY_EVENT_ENTER && galley_node_get_type(n) == GALLEY_NODE_PARAGRAPH)
				paragraphs++;
			else if (ev == GALLEY_EVENT_ENTER)
				headings++;
			break;
		case GALLEY_NODE_TEXT:
		case GALLEY_NODE_CODE:
		case GALLEY_NODE_CODE_BLOCK:
			words += S_count_words(galley_node_get_text(n), galley_node_get_text_len(n), &in_word);
			break;
		case GALLEY_NODE_LINEBREAK:
			in_word = 0;
			break;
		default:
			break;
		}
	}
	galley_iter_free(it);
	if (with_title)
		galley_buffer_printf(out, "title\t%s\n", title ? title : "");
	galley_buffer_printf(out, "headings\t%zu\nparagraphs\t%zu\nwords\t%zu\n", headings, paragraphs, words);
	return out->oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : 0;
}

static int S_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	size_t i;
	int rc;
	(void)name, (void)payload;
	for (i = 0; i < ndocs; i++)
		if ((rc = S_write_one(ctx, docs[i], out)) < 0)
			return rc;
	return 0;
}

/* The options this writer reads (-O KEY=VALUE), ended by GALLEY_OPTIONS_END. */
static const galley_option_desc S_options[] = {
	{.key = "title", .type = GALLEY_OPTION_BOOL, .help = "print the title line (default true)"},
	GALLEY_OPTIONS_END};

static const galley_writer_desc S_wordcount = {
	.version = GALLEY_WRITER_VERSION,
	.name = "wordcount",
	.aliases = "wc",
	.extension = "wc.tsv",
	.description = "counts of words, paragraphs and headings",
	.flags = GALLEY_WRITER_MANY,
	.write = S_write,
	.options = S_options,
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_wordcount);
}

GALLEY_PLUGIN_DEFINE("wordcount", "1.0.0", "MIT", "An example out-of-tree plugin", S_init);
