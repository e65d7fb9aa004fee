/* buffer.c — the growable byte buffer every writer appends to. */
#include "internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int galley_buffer_reserve(galley_buffer *buf, size_t extra)
{
	size_t need, cap;
	char *p;

	if (buf->oom)
		return GALLEY_ENOMEM;
	if (extra > (size_t)-1 - buf->len - 1) {
		buf->oom = 1;
		return GALLEY_ENOMEM;
	}
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	cap = buf->cap ? buf->cap : 256; /* most texts a reader or pass collects fit */
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	p = galley_realloc(buf->data, cap);
	if (!p) {
		buf->oom = 1;
		return GALLEY_ENOMEM;
	}
	buf->data = p;
	buf->cap = cap;
	return 0;
}

int galley_buffer_append(galley_buffer *buf, const char *data, size_t len)
{
	if (galley_buffer_reserve(buf, len) < 0)
		return GALLEY_ENOMEM;
	if (len)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return 0;
}

int galley_buffer_splice(galley_buffer *buf, size_t pos, size_t del, const char *data, size_t len)
{
	assert(pos <= buf->len && del <= buf->len - pos);
	if (len > del && galley_buffer_reserve(buf, len - del) < 0)
		return GALLEY_ENOMEM;
	if (buf->oom)
		return GALLEY_ENOMEM;
	if (!buf->data)
		return 0; /* empty, nothing to put: keep it unallocated */
	memmove(buf->data + pos + len, buf->data + pos + del, buf->len - pos - del);
	if (len)
		memcpy(buf->data + pos, data, len);
	buf->len = buf->len - del + len;
	buf->data[buf->len] = '\0';
	return 0;
}

int galley_buffer_puts(galley_buffer *buf, const char *s)
{
	return galley_buffer_append(buf, s, strlen(s));
}

int galley_buffer_putc(galley_buffer *buf, int c)
{
	char ch = (char)c;
	return galley_buffer_append(buf, &ch, 1);
}

int galley_buffer_vprintf(galley_buffer *buf, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return GALLEY_ERROR;
	if (galley_buffer_reserve(buf, (size_t)n) < 0)
		return GALLEY_ENOMEM;
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
	return 0;
}

int galley_buffer_printf(galley_buffer *buf, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = galley_buffer_vprintf(buf, fmt, ap);
	va_end(ap);
	return rc;
}

void galley_buffer_clear(galley_buffer *buf)
{
	buf->len = 0;
	buf->oom = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

void galley_buffer_truncate(galley_buffer *buf, size_t len)
{
	if (len < buf->len) {
		buf->len = len;
		buf->data[len] = '\0';
	}
}

void galley_buffer_dispose(galley_buffer *buf)
{
	galley_free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
	buf->oom = 0;
}

char *galley_buffer_detach(galley_buffer *buf, size_t *len_out)
{
	char *p = buf->data;
	if (!p) {
		p = galley_malloc(1);
		if (p)
			p[0] = '\0';
	}
	if (len_out)
		*len_out = buf->len;
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return p;
}
