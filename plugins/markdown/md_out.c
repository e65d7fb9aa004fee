/* md_out.c — the Markdown writer's output primitives: text appended with
 * the column and line-start state kept, newlines that carry the prefix of
 * the open blocks, and the blank lines owed by blocks that ended. The rest
 * of the writer (md_write.c, md_inline.c, md_meta.c) writes through these. */
#include "md.h"

#include <string.h>

void md_put(md_state *st, const char *s, size_t n)
{
	galley_buffer_append(st->out, s, n);
	st->col += n;
	st->marker_only = 0;
	st->begin_content = 0;
	st->just_opened = 0;
	st->after_note = 0;
}

void md_puts(md_state *st, const char *s)
{
	md_put(st, s, strlen(s));
}

void md_rtrim(md_state *st)
{
	galley_buffer *b = st->out;
	size_t len = b->len;
	while (len > st->body_start && (b->data[len - 1] == ' ' || b->data[len - 1] == '\t'))
		len--;
	galley_buffer_truncate(b, len);
}

void md_newline_verbatim(md_state *st)
{
	galley_buffer_putc(st->out, '\n');
	galley_buffer_append(st->out, st->prefix.data ? st->prefix.data : "", st->prefix.len);
	st->col = st->prefix.len;
	st->begin_content = 1;
	st->marker_only = 0;
	st->just_opened = 0;
	st->after_note = 0;
}

void md_newline(md_state *st)
{
	md_rtrim(st);
	md_newline_verbatim(st);
}

/* Pay the newlines owed by the blocks that ended: a blank line carries the
 * prefix without its trailing spaces (">" inside a quote). */
void md_flush(md_state *st)
{
	if (st->out->len <= st->body_start) {
		galley_buffer_append(st->out, st->prefix.data ? st->prefix.data : "", st->prefix.len);
		st->col = st->prefix.len;
		st->begin_content = 1;
	} else if (st->pending) {
		/* an item whose first line is only its marker takes its content
		 * on the next line: a blank line there would end the item */
		if (st->pending > 1 && !st->marker_only) {
			size_t n = st->prefix.len;
			md_rtrim(st);
			galley_buffer_putc(st->out, '\n');
			while (n > 0 && st->prefix.data[n - 1] == ' ')
				n--;
			galley_buffer_append(st->out, st->prefix.data, n);
		}
		md_newline(st);
	}
	st->pending = 0;
}

void md_raw(md_state *st, const char *s, size_t len)
{
	md_flush(st);
	md_put(st, s, len);
}

