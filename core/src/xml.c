/* xml.c — the XML service for writers: a libxml2 xmlTextWriter whose bytes
 * land in a galley_buffer, and a cleaner for text XML 1.0 cannot carry. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/xmlwriter.h>

/* One writer's sink: where its bytes go, and the context its errors go to.
 * libxml2 reports a writer's errors (and its output's) through the
 * thread's structured error handler, so the handler is ours from
 * galley_xml_writer_new() to galley_xml_writer_free(), and the one it
 * replaced (often the sink of a writer opened before) is kept to hand
 * other errors to and to put back. */
typedef struct S_sink {
	galley_buffer *out;
	galley_context *ctx;
	xmlTextWriterPtr w;
	int rc; /* the first error, 0 when none */
	xmlStructuredErrorFunc prev;
	void *prev_data;
} S_sink;

static void S_error(void *data, xmlErrorPtr err)
{
	S_sink *sink = data;
	if (!err)
		return;
	switch (err->domain) {
	case XML_FROM_WRITER: case XML_FROM_OUTPUT: case XML_FROM_IO: case XML_FROM_BUFFER:
	case XML_FROM_MEMORY: case XML_FROM_I18N:
		break;
	default: /* not the writer's: whoever handled errors before */
		if (sink->prev)
			sink->prev(sink->prev_data, err);
		else
			xmlGenericError(xmlGenericErrorContext, "%s", err->message ? err->message : "libxml2 error\n");
		return;
	}
	if (err->level < XML_ERR_ERROR || sink->rc)
		return;
	char msg[256];
	size_t n = snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
	while (n > 0 && n < sizeof msg && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	sink->rc = err->code == XML_ERR_NO_MEMORY || err->domain == XML_FROM_MEMORY || sink->out->oom ?
		GALLEY_ENOMEM : GALLEY_ERROR;
	galley_error(sink->ctx, sink->rc, "XML writer: %s", msg);
}

static int S_write(void *payload, const char *data, int len)
{
	S_sink *sink = payload;
	if (len < 0 || galley_buffer_append(sink->out, data, (size_t)len) < 0) {
		if (!sink->rc)
			sink->rc = galley_error(sink->ctx, GALLEY_ENOMEM, "XML writer: out of memory");
		return -1; /* libxml2 then marks the output as failed */
	}
	return len;
}

/* libxml2 closes the output when the writer is freed (or was never
 * made): the sink goes with it. */
static int S_close(void *payload)
{
	galley_free(payload);
	return 0;
}

/* The sink of writer w among the handlers installed on this thread. */
static S_sink *S_find(xmlTextWriterPtr w)
{
	xmlStructuredErrorFunc f = xmlStructuredError;
	void *data = xmlStructuredErrorContext;
	while (f == S_error && data) {
		S_sink *sink = data;
		if (sink->w == w)
			return sink;
		f = sink->prev;
		data = sink->prev_data;
	}
	return NULL;
}

/* Take sink's handler out of this thread's chain: it is the newest unless
 * writers are freed out of order, when the one above it inherits what it
 * replaced. */
static void S_unhook(S_sink *sink)
{
	if (xmlStructuredErrorContext == sink) {
		xmlSetStructuredErrorFunc(sink->prev_data, sink->prev);
		return;
	}
	for (S_sink *s = xmlStructuredErrorContext; s && s->prev == S_error; s = s->prev_data)
		if (s->prev_data == sink) {
			s->prev = sink->prev;
			s->prev_data = sink->prev_data;
			return;
		}
}

xmlTextWriterPtr galley_xml_writer_new(galley_context *ctx, galley_buffer *out)
{
	xmlOutputBufferPtr ob;
	S_sink *sink;

	if (!ctx || !out || !(sink = galley_calloc(1, sizeof *sink)))
		return NULL;
	sink->out = out;
	sink->ctx = ctx;
	if (!(ob = xmlOutputBufferCreateIO(S_write, S_close, sink, NULL))) {
		galley_free(sink);
		return NULL;
	}
	if (!(sink->w = xmlNewTextWriter(ob))) { /* takes ob only on success */
		xmlOutputBufferClose(ob); /* frees sink */
		return NULL;
	}
	sink->prev = xmlStructuredError;
	sink->prev_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(sink, S_error);
	return sink->w;
}

int galley_xml_writer_free(xmlTextWriterPtr w)
{
	if (!w)
		return GALLEY_EUSAGE;
	S_sink *sink = S_find(w);
	int rc = xmlTextWriterFlush(w); /* while errors still reach the context */
	if (sink) {
		if (rc < 0 && !sink->rc)
			sink->rc = galley_error(sink->ctx, GALLEY_ENOMEM, "XML writer: out of memory");
		rc = sink->rc;
		S_unhook(sink);
	} else {
		rc = rc < 0 ? GALLEY_ENOMEM : 0; /* not this thread's writer: nobody to tell */
	}
	xmlFreeTextWriter(w); /* closes the output: frees the sink */
	return rc;
}

int galley_xml_writer_start_document(xmlTextWriterPtr w, int standalone)
{
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	static const char decl_sa[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
	int rc;
	if (!w)
		return GALLEY_EUSAGE;
	if (xmlTextWriterWriteRawLen(w, BAD_CAST(standalone ? decl_sa : decl),
		standalone ? (int)sizeof decl_sa - 1 : (int)sizeof decl - 1) >= 0)
		return 0;
	S_sink *sink = S_find(w);
	if (sink && !sink->rc)
		sink->rc = galley_error(sink->ctx, GALLEY_ENOMEM, "XML writer: out of memory");
	rc = sink ? sink->rc : GALLEY_ENOMEM;
	return rc;
}

int galley_xml_writer_error(xmlTextWriterPtr w)
{
	S_sink *sink = w ? S_find(w) : NULL;
	return sink ? sink->rc : 0;
}

long galley_xml_clean(const char *text, size_t len, galley_buffer *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, run = 0;
	long removed = 0;

	if (!out || (!text && len))
		return GALLEY_EUSAGE;
	if (!len)
		return 0;
	/* Copy valid runs in one append each; most text has nothing to clean. */
	while (i < len) {
		unsigned long c;
		size_t n;
		if (s[i] >= 0x20 && s[i] < 0x80) { /* ASCII but controls: as it is */
			i++;
			continue;
		}
		n = galley_utf8_decode((const char *)s + i, len - i, &c);
		int ok = n && (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF));
		if (ok) {
			i += n;
			continue;
		}
		if (galley_buffer_append(out, text + run, i - run) < 0)
			return GALLEY_ENOMEM;
		/* Invalid UTF-8 becomes U+FFFD, so the damage stays visible; a
		 * control character or noncharacter is dropped. */
		if (!n && galley_buffer_append(out, "\xEF\xBF\xBD", 3) < 0)
			return GALLEY_ENOMEM;
		i += n ? n : 1;
		run = i;
		removed++;
	}
	if (galley_buffer_append(out, text + run, i - run) < 0)
		return GALLEY_ENOMEM;
	return removed;
}

/* What galley_xml_escape() makes of a byte: 0 nothing (it is copied),
 * 1 nothing in character data but something in an attribute (", tab,
 * newline), 2 something (& < > CR, other controls), 3 a lead byte of
 * UTF-8 that is valid once its continuation bytes are (C2-DF, E1-EC,
 * EE, EF), 4 any other byte >= 0x80 (galley_utf8_decode() tells). */
static const unsigned char S_esc_class[256] = {
	2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Eight bytes at a time: nonzero when a byte of x is below 0x20, or one
 * of c1-c4 (a byte >= 0x80 is caught by the caller). */
#define S_ONES 0x0101010101010101ull
#define S_HIGH 0x8080808080808080ull
#define S_ZERO(y) (((y) - S_ONES) & ~(y) & S_HIGH)
static inline uint64_t S_special(uint64_t x, unsigned c1, unsigned c2, unsigned c3, unsigned c4)
{
	return ((x - 0x20 * S_ONES) & ~x & S_HIGH) | S_ZERO(x ^ (c1 * S_ONES)) | S_ZERO(x ^ (c2 * S_ONES)) |
		S_ZERO(x ^ (c3 * S_ONES)) | S_ZERO(x ^ (c4 * S_ONES));
}

long galley_xml_escape(const char *text, size_t len, galley_buffer *out, int attr)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char plain = attr ? 0 : 1; /* the classes copied as they are */
	size_t i = 0, run = 0;
	long removed = 0;

	if (!out || (!text && len))
		return GALLEY_EUSAGE;
	while (i < len) {
		unsigned char b = s[i], k = S_esc_class[b];
		const char *ent = NULL;
		unsigned long c;
		size_t n = 1;
		int drop = 0;
		if (k <= plain) {
			/* runs of plain ASCII a word at a time ('"' stands in for
			 * itself in character data, where it is plain) */
			uint64_t x;
			i++;
			while (i + 8 <= len) {
				memcpy(&x, s + i, 8);
				if ((x & S_HIGH) || S_special(x, '<', '>', '&', attr ? '"' : '<'))
					break;
				i += 8;
			}
			continue;
		}
		if (k == 3) {
			/* the common valid sequences without a call: 2 bytes, or 3
			 * (not E0, ED, and not U+FFFE/U+FFFF) */
			if (b < 0xE0) {
				if (i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
					i += 2;
					continue;
				}
			} else if (i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
				!(b == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE)) {
				i += 3;
				continue;
			}
			k = 4;
		}
		if (k == 4) {
			n = galley_utf8_decode((const char *)s + i, len - i, &c);
			if (n && c != 0xFFFE && c != 0xFFFF) {
				i += n;
				continue;
			}
			drop = 1;
		} else if (b == '<') {
			ent = "&lt;";
		} else if (b == '>') {
			ent = "&gt;";
		} else if (b == '&') {
			ent = "&amp;";
		} else if (b == '"') {
			ent = "&quot;";
		} else if (b == '\r') {
			/* a CR would be read back as a newline, and in an attribute a
			 * tab or newline as a space: character references keep them */
			ent = "&#13;";
		} else if (b == '\t') {
			ent = "&#9;";
		} else if (b == '\n') {
			ent = "&#10;";
		} else {
			drop = 1;
		}
		if (galley_buffer_append(out, text + run, i - run) < 0)
			return GALLEY_ENOMEM;
		if (ent && galley_buffer_puts(out, ent) < 0)
			return GALLEY_ENOMEM;
		if (drop) {
			/* invalid UTF-8 becomes U+FFFD, so the damage stays visible */
			if (!n && galley_buffer_append(out, "\xEF\xBF\xBD", 3) < 0)
				return GALLEY_ENOMEM;
			removed++;
		}
		i += n ? n : 1;
		run = i;
	}
	if (galley_buffer_append(out, text + run, i - run) < 0)
		return GALLEY_ENOMEM;
	return removed;
}

/* The host of an authority as readers of packages take it: a name of
 * letters, digits, '-', '.', '_' and '~' (no percent-encoded bytes: the
 * WHATWG URL parser, which EPUB readers and epubcheck follow, refuses a
 * space or a control there), or an IP literal libxml2 has already checked. */
static int S_host_ok(const char *h, const char *uri)
{
	if (*h == '\0')
		return 0;
	if (strchr(h, ':') != NULL) /* IPv6: libxml2 parsed "[...]" whole */
		return strchr(uri, '[') != NULL;
	for (; *h; h++)
		if (!isalnum((unsigned char)*h) && *h != '-' && *h != '.' && *h != '_' && *h != '~')
			return 0;
	return 1;
}

int galley_uri_valid(const char *uri)
{
	xmlURIPtr u;
	int ok;

	if (uri == NULL)
		return 0;
	for (const char *p = uri; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F)
			return 0;
	u = xmlParseURI(uri);
	if (u == NULL)
		return 0;
	ok = u->port <= 65535; /* 0, or -1 in newer libxml2, when there is none */
	if (ok && u->server != NULL)
		ok = S_host_ok(u->server, uri);
	else if (ok && u->scheme != NULL && (!strcasecmp(u->scheme, "http") || !strcasecmp(u->scheme, "https") ||
						    !strcasecmp(u->scheme, "ftp")))
		ok = 0; /* a web address with no host */
	xmlFreeURI(u);
	return ok;
}

/* The length of the blank at s: ASCII space and controls, no-break and
 * zero-width spaces, BOM (pasted links carry them). */
static size_t S_uri_blank(const unsigned char *s, size_t n)
{
	if (n >= 1 && *s <= 0x20)
		return 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x8b && s[2] <= 0x8d)
		return 3;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3;
	return 0;
}

/* The bytes of an address galley_uri_encode() copies without a second look (none
 * of the ones it encodes or keeps count of). */
static const unsigned char S_url_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

int galley_uri_encode(const char *url, galley_buffer *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(url ? url : ""), *end, *q, *run;
	size_t n = strlen((const char *)p), b;
	int hashes = 0, scheme = 0, first = 1;

	for (;;) { /* blanks before the address, also as a reader percent-encoded them */
		static const char *const enc[] = {"%20", "%C2%A0", "%E2%80%8B", "%E2%80%8C", "%E2%80%8D", "%EF%BB%BF"};
		size_t i;
		if (n && (b = S_uri_blank(p, n)) > 0) {
			p += b;
			n -= b;
			continue;
		}
		for (i = 0; n && *p == '%' && i < sizeof enc / sizeof *enc; i++)
			if (n >= strlen(enc[i]) && !strncasecmp((const char *)p, enc[i], strlen(enc[i])))
				break;
		if (!n || *p != '%')
			break;
		if (i == sizeof enc / sizeof *enc)
			break;
		p += strlen(enc[i]);
		n -= strlen(enc[i]);
	}
	for (end = p + n; end > p;) { /* trailing blanks: the last 1-3 bytes */
		size_t k;
		for (k = 1; k <= 3 && end - k >= p; k++)
			if (S_uri_blank(end - k, k) == k)
				break;
		if (k > 3 || end - k < p)
			break;
		end -= k;
	}
	/* a colon before any of /?# starts a scheme only after a valid one;
	 * elsewhere in that first segment it is encoded, so the reference stays relative */
	for (q = p; q < end && !strchr(":/?#", *q); q++)
		;
	if (q < end && *q == ':' && q > p && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) {
		const unsigned char *c;
		scheme = 1;
		for (c = p; c < q; c++)
			if (!isalnum(*c) && *c != '+' && *c != '-' && *c != '.')
				scheme = 0;
	}
	/* runs that need nothing go out in one append each */
	for (run = p; p < end; p++) {
		int esc;
		if (S_url_plain[*p])
			continue;
		esc = *p <= 0x20 || *p >= 0x7f;
		switch (*p) {
		case '"': case '<': case '>': case '\\': case '^': case '`': case '{': case '|': case '}':
			esc = 1;
			break;
		case '/': case '?':
			first = 0;
			break;
		case '#':
			first = 0;
			esc = hashes++ > 0;
			break;
		case ':':
			esc = first && !scheme;
			first = 0;
			break;
		case '%':
			esc = !(p + 2 < end && isxdigit(p[1]) && isxdigit(p[2]));
			break;
		default:
			break;
		}
		if (esc) {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			if (galley_buffer_append(out, (const char *)run, (size_t)(p - run)) < 0 || galley_buffer_append(out, e, 3) < 0)
				return GALLEY_ENOMEM;
			run = p + 1;
		}
	}
	if (galley_buffer_append(out, (const char *)run, (size_t)(p - run)) < 0)
		return GALLEY_ENOMEM;
	return 0;
}
