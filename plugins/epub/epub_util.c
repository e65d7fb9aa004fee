/* epub_util.c — what the EPUB writer's files share: the xmlTextWriter
 * calls with their error handling, and the checks and encodings of values
 * (language tags, dates, URIs, class tokens, the content-derived UUID). */
#include "epub.h"

#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int epub_xml_open(epub_xml *x, galley_context *ctx, galley_buffer *out)
{
	memset(x, 0, sizeof *x);
	x->ctx = ctx;
	if (!(x->w = galley_xml_writer_new(ctx, out)))
		return x->err = galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	return 0;
}

int epub_xml_close(epub_xml *x)
{
	int rc;
	if (x->w)
		epub_flush(x);
	rc = x->w ? galley_xml_writer_free(x->w) : 0;
	x->w = NULL;
	galley_buffer_dispose(&x->scratch);
	galley_buffer_dispose(&x->raw);
	return x->err ? x->err : rc;
}

int epub_xml_fail(epub_xml *x)
{
	/* libxml2's own word, when it said one, is on the context already */
	if (!x->err && (x->err = galley_xml_writer_error(x->w)) == 0)
		x->err = galley_error(x->ctx, GALLEY_ENOMEM, "EPUB writer: out of memory while writing XML");
	return x->err;
}

int epub_flush(epub_xml *x)
{
	if (x->err)
		return x->err;
	if (x->raw.oom)
		return x->err = galley_error(x->ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	if (!x->raw.len)
		return 0;
	if (xmlTextWriterWriteRawLen(x->w, BAD_CAST x->raw.data, (int)x->raw.len) < 0)
		return epub_xml_fail(x);
	x->raw.len = 0;
	return 0;
}

/* Every xmlTextWriter call comes after the markup collected before it. */
#define X(call) \
	do { \
		if (x->err || (x->raw.len && epub_flush(x) < 0)) \
			return x->err; \
		if ((call) < 0) \
			return epub_xml_fail(x); \
	} while (0)

static int S_clean(epub_xml *x, const char *s, size_t len)
{
	long n;
	galley_buffer_clear(&x->scratch);
	n = galley_xml_clean(s ? s : "", s ? len : 0, &x->scratch);
	if (n < 0 || galley_buffer_putc(&x->scratch, '\0') < 0)
		return epub_xml_fail(x);
	x->dropped += n;
	return 0;
}

/* galley_xml_escape copies the runs that need nothing in one append each
 * and checks the UTF-8 between them, so it takes the text whole. */
int epub_esc(epub_xml *x, const char *s, size_t len, int attr)
{
	long n;
	if (x->err || !len)
		return x->err;
	if ((n = galley_xml_escape(s, len, &x->raw, attr)) < 0)
		return x->err = galley_error(x->ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
	x->dropped += n;
	return 0;
}

void epub_put_num(epub_xml *x, unsigned long v)
{
	char b[24];
	size_t i = sizeof b;
	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	epub_put(x, b + i, sizeof b - i);
}

int epub_start(epub_xml *x, const char *name)
{
	if (x->err)
		return x->err;
	if (x->depth == EPUB_XML_DEPTH)
		return x->err = galley_error(x->ctx, GALLEY_ERROR, "EPUB writer: elements nested too deep");
	epub_close_tag(x);
	EPUB_PUT(x, "<");
	epub_put(x, name, strlen(name));
	x->open[x->depth++] = name;
	x->tag = 1;
	return 0;
}

int epub_end(epub_xml *x)
{
	if (x->err)
		return x->err;
	if (!x->depth) { /* the root */
		X(xmlTextWriterEndElement(x->w));
		return 0;
	}
	x->depth--;
	if (x->tag) {
		x->tag = 0;
		EPUB_PUT(x, "/>");
	} else {
		EPUB_PUT(x, "</");
		epub_put(x, x->open[x->depth], strlen(x->open[x->depth]));
		EPUB_PUT(x, ">");
	}
	return 0;
}

int epub_attr(epub_xml *x, const char *name, const char *value)
{
	if (x->err)
		return x->err;
	if (!x->tag) { /* the root's */
		if (S_clean(x, value, strlen(value)) < 0)
			return x->err;
		X(xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST x->scratch.data));
		return 0;
	}
	EPUB_PUT(x, " ");
	epub_put(x, name, strlen(name));
	EPUB_PUT(x, "=\"");
	epub_esc(x, value, strlen(value), 1);
	EPUB_PUT(x, "\"");
	return x->err;
}

/* Text is escaped here (galley_xml_escape: & < > and CR as references,
 * what XML cannot carry dropped) and goes to the writer as raw markup. */
int epub_text(epub_xml *x, const char *s, size_t len)
{
	epub_close_tag(x);
	return epub_esc(x, s, len, 0);
}

int epub_str(epub_xml *x, const char *s)
{
	return s ? epub_text(x, s, strlen(s)) : x->err;
}

int epub_raw(epub_xml *x, const char *s)
{
	epub_close_tag(x);
	epub_put(x, s, strlen(s));
	return x->err;
}

int epub_element(epub_xml *x, const char *name, const char *text)
{
	if (!text)
		return x->err;
	if (epub_start(x, name) < 0 || epub_str(x, text) < 0)
		return x->err;
	return epub_end(x);
}

static int S_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int S_digit(int c)
{
	return c >= '0' && c <= '9';
}

int epub_lang(const char *s, char *out, size_t outsz)
{
	size_t i = 0, seg = 0, nseg = 0, first = 0;
	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && *s != ' ' && *s != '\t'; s++) {
		int c = *s == '_' ? '-' : (unsigned char)*s;
		if (i + 1 >= outsz)
			return 0;
		if (c == '-') {
			if (seg == 0)
				return 0;
			if (nseg == 0)
				first = seg;
			nseg++;
			seg = 0;
		} else if (S_alpha(c) || (nseg > 0 && S_digit(c))) {
			if (++seg > 8)
				return 0;
		} else {
			return 0;
		}
		out[i++] = (char)c;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s || seg == 0)
		return 0;
	if (nseg == 0)
		first = seg;
	/* a primary language of 2-3 letters (or 5-8), or the x-/i- prefixes */
	if (!(first >= 2 && first <= 8 && first != 4) && !(first == 1 && (out[0] == 'x' || out[0] == 'i') && nseg))
		return 0;
	out[i] = '\0';
	return 1;
}

int epub_date(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	if (!s || outsz < 11)
		return 0;
	while (*s == ' ')
		s++;
	if (!(S_digit(s[0]) && S_digit(s[1]) && S_digit(s[2]) && S_digit(s[3])))
		return 0;
	n = 4;
	if (s[4] == '-' && S_digit(s[5]) && S_digit(s[6])) {
		int mon = (s[5] - '0') * 10 + (s[6] - '0');
		if (mon < 1 || mon > 12)
			return 0;
		n = 7;
		if (s[7] == '-' && S_digit(s[8]) && S_digit(s[9])) {
			int day = (s[8] - '0') * 10 + (s[9] - '0');
			if (day < 1 || day > 31)
				return 0;
			n = 10;
		}
	}
	if (S_digit(s[n]))
		return 0;
	memcpy(out, s, n);
	out[n] = '\0';
	return 1;
}

int epub_is_external(const char *url)
{
	static const char *const schemes[] = {"http://", "https://", "mailto:", "ftp://", "tel:"};
	size_t i;
	if (!url)
		return 0;
	for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (!strncasecmp(url, schemes[i], strlen(schemes[i])) && url[strlen(schemes[i])])
			return 1;
	return 0;
}

int epub_token(const char *s, galley_buffer *out)
{
	size_t start = out->len;
	for (; s && *s; s++) {
		int c = (unsigned char)*s;
		galley_buffer_putc(out, S_alpha(c) || S_digit(c) || c == '_' || c == '-' ? c : '-');
	}
	if (out->len == start)
		galley_buffer_puts(out, "x");
	return out->oom ? GALLEY_ENOMEM : 0;
}

void epub_hash_init(epub_hash *h)
{
	XXH3_128bits_reset(&h->state);
	h->n = 0;
}

void epub_hash_add(epub_hash *h, const char *data, size_t len)
{
	/* XXH3: a stable name-based identifier, not a cryptographic one, taken
	 * in one pass over pieces of the text */
	if (h->n + len > sizeof h->buf) {
		XXH3_128bits_update(&h->state, h->buf, h->n);
		h->n = 0;
		if (len > sizeof h->buf) {
			XXH3_128bits_update(&h->state, data, len);
			return;
		}
	}
	memcpy(h->buf + h->n, data, len);
	h->n += len;
}

void epub_hash_uuid(epub_hash *h, char *out, size_t outsz)
{
	XXH128_canonical_t c;
	unsigned char *b = c.digest; /* big-endian: the high half first */
	XXH3_128bits_update(&h->state, h->buf, h->n);
	h->n = 0;
	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(&h->state));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x80); /* version 8: custom */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* the RFC variant */
	snprintf(out, outsz,
		"urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
		b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

const epub_image *epub_book_image(const epub_book *b, size_t ch, const char *src)
{
	size_t i;
	int data = src && !strncmp(src, "data:", 5);
	if (!src)
		return NULL;
	/* a data: URI is the same image anywhere; a path is its release's */
	for (i = 0; i < b->nimages; i++)
		if ((data || b->images[i].ch == ch) && !strcmp(b->images[i].src, src))
			return &b->images[i];
	return NULL;
}

void epub_part_file(size_t i, size_t part, char *out, size_t outsz)
{
	if (part == 0)
		snprintf(out, outsz, "release-%zu.xhtml", i + 1);
	else
		snprintf(out, outsz, "release-%zu-%zu.xhtml", i + 1, part + 1);
}
