/* xml.c — the XML service for writers: a libxml2 xmlTextWriter whose bytes
 * land in a galley_buffer, and a cleaner for text XML 1.0 cannot carry. */
#include "internal.h"

#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>

static int S_write(void *payload, const char *data, int len)
{
	galley_buffer *out = payload;
	if (len < 0 || galley_buffer_append(out, data, (size_t)len) < 0)
		return -1; /* libxml2 then marks the output as failed; free() reports it */
	return len;
}

static int S_close(void *payload)
{
	(void)payload;
	return 0;
}

xmlTextWriterPtr galley_xml_writer_new(galley_buffer *out)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;

	if (!out)
		return NULL;
	if (!(ob = xmlOutputBufferCreateIO(S_write, S_close, out, NULL)))
		return NULL;
	if (!(w = xmlNewTextWriter(ob))) { /* takes ob only on success */
		xmlOutputBufferClose(ob);
		return NULL;
	}
	return w;
}

int galley_xml_writer_free(xmlTextWriterPtr w)
{
	int rc;
	if (!w)
		return GALLEY_EUSAGE;
	rc = xmlTextWriterFlush(w);
	xmlFreeTextWriter(w);
	return rc < 0 ? GALLEY_ENOMEM : 0;
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
		size_t n = galley_utf8_decode((const char *)s + i, len - i, &c);
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
