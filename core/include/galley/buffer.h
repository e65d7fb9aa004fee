/* galley/buffer.h — galley_buffer, the growable byte buffer every writer appends to.
 * Part of the application API; <galley/galley.h> includes every part. */
#ifndef GALLEY_PUBLIC_BUFFER_H
#define GALLEY_PUBLIC_BUFFER_H

#include <galley/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Buffers                                                            */
/* ------------------------------------------------------------------ */

/* A growable byte buffer, always NUL-terminated after `len` bytes. The
 * fields are public and read-only for callers: they change only through
 * the functions below (galley_buffer_append_fast() is the inline one). */
typedef struct galley_buffer {
	char *data;
	size_t len;
	size_t cap;
	int oom; /* set once an allocation failed; further appends do nothing */
} galley_buffer;

#define GALLEY_BUFFER_INIT {NULL, 0, 0, 0}

GALLEY_EXTERN int galley_buffer_append(galley_buffer *buf, const char *data, size_t len);
GALLEY_EXTERN int galley_buffer_puts(galley_buffer *buf, const char *s);
GALLEY_EXTERN int galley_buffer_putc(galley_buffer *buf, int c);
GALLEY_EXTERN int galley_buffer_printf(galley_buffer *buf, const char *fmt, ...) GALLEY_PRINTF(2, 3);
GALLEY_EXTERN int galley_buffer_vprintf(galley_buffer *buf, const char *fmt, va_list ap);
GALLEY_EXTERN int galley_buffer_reserve(galley_buffer *buf, size_t extra);
/** Replace the `del` bytes at `pos` with data[0..len): an insertion when
 * del is 0 (pos + del must not pass len). */
GALLEY_EXTERN int galley_buffer_splice(galley_buffer *buf, size_t pos, size_t del, const char *data, size_t len);
/** galley_buffer_append() in line when the bytes fit the memory the buffer
 * has, for writers that append a few bytes at a time; the same result. */
static inline int galley_buffer_append_fast(galley_buffer *buf, const char *data, size_t len)
{
	if (!buf->oom && len < buf->cap - buf->len) {
		memcpy(buf->data + buf->len, data, len);
		buf->len += len;
		buf->data[buf->len] = '\0';
		return 0;
	}
	return galley_buffer_append(buf, data, len);
}
/** Empty the buffer but keep its memory. */
GALLEY_EXTERN void galley_buffer_clear(galley_buffer *buf);
GALLEY_EXTERN void galley_buffer_truncate(galley_buffer *buf, size_t len);
/** Release the memory; the buffer is empty and reusable afterwards. */
GALLEY_EXTERN void galley_buffer_dispose(galley_buffer *buf);
/** Hand the bytes to the caller (galley_free() them); the buffer is left empty. */
GALLEY_EXTERN char *galley_buffer_detach(galley_buffer *buf, size_t *len_out);

#ifdef __cplusplus
}
#endif
#endif
