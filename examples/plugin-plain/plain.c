/* plain.c — an example galley writer built outside galley's tree against
 * the installed SDK: `plain`, the text of a document without any markup,
 * wrapped at -O wrap=N (--wrap N; default 72, none: one paragraph a line).
 * Headings, paragraphs, list items (with "- " or "N. "), quotes (indented),
 * table rows (cells between " | "), code (as is, indented) and footnotes
 * (numbered at the end) are kept apart by blank lines; links keep their
 * text, images their alt text.
 *
 * It walks the const tree once with galley_iter, keeps every bit of state
 * in locals (it may run in several threads at once), and declares the
 * options it reads, so galley refuses any other -O key and a bad value
 * before it is called. */
#include <galley/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 32

struct S_state {
	galley_context *ctx;
	galley_buffer *out;
	galley_buffer para;   /* the block being collected, unwrapped */
	size_t wrap;          /* 0: do not wrap */
	char indent[S_MAX_DEPTH * 4 + 1];
	size_t indent_len;
	char prefix[32];      /* "- " / "3. " before the first line of an item */
	long counter[S_MAX_DEPTH]; /* the next number of each open list (0: bullets) */
	size_t depth;         /* open lists */
	int blank_before;     /* a blank line is due before the next block */
	size_t notes;         /* footnotes seen */
};

/* Emit the collected block: words filled into lines of at most wrap
 * characters (code points), each line led by the indent (the first by the
 * item prefix instead, when one is pending). */
static void S_flush(struct S_state *st)
{
	const char *s = st->para.data ? st->para.data : "";
	size_t len = st->para.len, i = 0, col = 0, lead;
	int first = 1, line_empty = 1;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	if (!len && !st->prefix[0])
		return;
	if (st->blank_before)
		galley_buffer_putc(st->out, '\n');
	st->blank_before = 1;
	lead = st->prefix[0] ? strlen(st->prefix) : 0;
#define S_START_LINE()                                                                  \
	do {                                                                            \
		galley_buffer_append(st->out, st->indent, st->indent_len);              \
		if (first && lead)                                                      \
			galley_buffer_puts(st->out, st->prefix);                        \
		else if (lead)                                                          \
			galley_buffer_printf(st->out, "%*s", (int)lead, "");             \
		col = st->indent_len + lead;                                            \
		first = 0, line_empty = 1;                                              \
	} while (0)
	S_START_LINE();
	while (i < len) {
		size_t start, wlen = 0, chars = 0;
		if (s[i] == '\n') { /* a line break of the tree */
			galley_buffer_putc(st->out, '\n');
			S_START_LINE();
			i++;
			continue;
		}
		if (s[i] == ' ') {
			i++;
			continue;
		}
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\n') {
			size_t n = galley_utf8_next(s + i, len - i, NULL);
			i += n ? n : 1;
			chars++;
		}
		wlen = i - start;
		if (!line_empty && st->wrap && col + 1 + chars > st->wrap) {
			galley_buffer_putc(st->out, '\n');
			S_START_LINE();
		}
		if (!line_empty) {
			galley_buffer_putc(st->out, ' ');
			col++;
		}
		galley_buffer_append(st->out, s + start, wlen);
		col += chars;
		line_empty = 0;
	}
#undef S_START_LINE
	galley_buffer_putc(st->out, '\n');
	st->prefix[0] = '\0';
	galley_buffer_clear(&st->para);
}

static void S_set_indent(struct S_state *st, size_t len)
{
	if (len > sizeof st->indent - 1)
		len = sizeof st->indent - 1;
	memset(st->indent, ' ', len);
	st->indent[len] = '\0';
	st->indent_len = len;
}

static int S_write_one(struct S_state *st, const galley_node *doc)
{
	galley_iter *it = galley_iter_new(doc);
	galley_event_type ev;
	const galley_meta *meta = galley_document_meta(doc);
	const char *title = meta ? galley_meta_get(meta, "title") : NULL;
	const char *date = meta ? galley_meta_get(meta, "date") : NULL;

	if (!it)
		return galley_error(st->ctx, GALLEY_ENOMEM, "out of memory");
	if (galley_context_option_bool(st->ctx, "front-matter", 1) && (title || date)) {
		if (title)
			galley_buffer_puts(&st->para, title);
		S_flush(st);
		if (date) {
			galley_buffer_puts(&st->para, date);
			st->blank_before = 0;
			S_flush(st);
		}
	}
	while ((ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		galley_node_type t = galley_node_get_type(n);
		int enter = ev == GALLEY_EVENT_ENTER;
		switch (t) {
		case GALLEY_NODE_PARAGRAPH:
		case GALLEY_NODE_HEADING:
		case GALLEY_NODE_CAPTION:
			if (!enter)
				S_flush(st);
			break;
		case GALLEY_NODE_LIST:
			if (enter && st->depth < S_MAX_DEPTH) {
				st->counter[st->depth++] = galley_node_get_list_ordered(n) ? galley_node_get_list_start(n) : 0;
			} else if (!enter && st->depth) {
				st->depth--;
			}
			break;
		case GALLEY_NODE_ITEM:
			if (enter) {
				long *c = st->depth ? &st->counter[st->depth - 1] : NULL;
				S_set_indent(st, st->depth ? (st->depth - 1) * 4 : 0);
				if (c && *c)
					snprintf(st->prefix, sizeof st->prefix, "%ld. ", (*c)++);
				else
					snprintf(st->prefix, sizeof st->prefix, "- ");
			} else {
				st->prefix[0] = '\0';
				S_set_indent(st, st->depth > 1 ? (st->depth - 1) * 4 : 0);
			}
			break;
		case GALLEY_NODE_QUOTE:
			S_set_indent(st, enter ? st->indent_len + 4 : (st->indent_len >= 4 ? st->indent_len - 4 : 0));
			break;
		case GALLEY_NODE_CELL:
			if (enter && galley_node_previous(n))
				galley_buffer_puts(&st->para, " | ");
			/* A cell's blocks go on the row's one line. */
			galley_iter_reset(it, n, GALLEY_EVENT_EXIT);
			galley_node_text_content(n, &st->para);
			break;
		case GALLEY_NODE_ROW:
			if (!enter)
				S_flush(st);
			break;
		case GALLEY_NODE_CODE_BLOCK: {
			const char *text = galley_node_get_text(n);
			size_t len = galley_node_get_text_len(n), i, start = 0;
			S_flush(st);
			galley_buffer_putc(st->out, '\n');
			for (i = 0; i <= len; i++) {
				if (i == len || text[i] == '\n') {
					if (i > start || i < len) {
						galley_buffer_append(st->out, st->indent, st->indent_len);
						galley_buffer_puts(st->out, "    ");
						galley_buffer_append(st->out, text + start, i - start);
						galley_buffer_putc(st->out, '\n');
					}
					start = i + 1;
				}
			}
			break;
		}
		case GALLEY_NODE_TEXT:
		case GALLEY_NODE_CODE:
			galley_buffer_append(&st->para, galley_node_get_text(n), galley_node_get_text_len(n));
			break;
		case GALLEY_NODE_LINEBREAK:
			galley_buffer_putc(&st->para, '\n');
			break;
		case GALLEY_NODE_IMAGE:
			if (galley_node_get_alt(n) && *galley_node_get_alt(n))
				galley_buffer_printf(&st->para, "[%s]", galley_node_get_alt(n));
			break;
		case GALLEY_NODE_NOTE:
			/* A marker here; the notes themselves are not written. */
			galley_buffer_printf(&st->para, "[%zu]", ++st->notes);
			galley_iter_reset(it, n, GALLEY_EVENT_EXIT);
			break;
		default:
			break;
		}
	}
	galley_iter_free(it);
	S_flush(st);
	return 0;
}

static int S_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	struct S_state st;
	const char *w = galley_context_option(ctx, "wrap");
	size_t i;
	int rc = 0;
	(void)name, (void)payload;

	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	st.out = out;
	/* Declared below: galley has checked that it is "none" or 0..1000. */
	st.wrap = !w ? 72 : strcmp(w, "none") == 0 ? 0 : (size_t)strtoul(w, NULL, 10);
	for (i = 0; i < ndocs && rc >= 0; i++) {
		st.blank_before = i > 0;
		rc = S_write_one(&st, docs[i]);
	}
	galley_buffer_dispose(&st.para);
	if (rc >= 0 && (out->oom || st.para.oom))
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	return rc;
}

/* The options this writer reads (-O KEY=VALUE; --wrap sets wrap). */
static const galley_option_desc S_options[] = {
	{"wrap", GALLEY_OPTION_INT, "none", "wrap at N columns (default 72); none or 0: one paragraph a line", 0, 1000},
	{"front-matter", GALLEY_OPTION_BOOL, NULL, "start with the title and date lines (default true)", 0, 0},
	GALLEY_OPTIONS_END};

static const galley_writer_desc S_writer = {
	.version = GALLEY_WRITER_VERSION,
	.name = "plain",
	.aliases = "plaintext",
	.extension = "txt",
	.description = "the text without markup, wrapped",
	.write = S_write,
	.options = S_options,
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_writer);
}

GALLEY_PLUGIN_DEFINE("plain", "1.0.0", "MIT", "Plain text writer (example of an out-of-tree plugin)", S_init);
