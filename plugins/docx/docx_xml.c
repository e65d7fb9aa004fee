/* docx_xml.c — the element helpers both the body (docx.c) and the other
 * parts (docx_package.c) write XML with: each returns 0 or the first error
 * the writer met, which stays in x->err. */
#include "docx.h"

#include <libxml/xmlwriter.h>
#include <string.h>

int docx_xml_fail(docx_xml *x)
{
	/* libxml2's own word, when it said one, is on the context already */
	if (!x->err && (x->err = galley_xml_writer_error(x->w)) == 0)
		x->err = galley_error(x->ctx, GALLEY_ENOMEM, "DOCX writer: out of memory while writing XML");
	return x->err;
}

int docx_xml_start(docx_xml *x, const char *name)
{
	return xmlTextWriterStartElement(x->w, BAD_CAST name) < 0 ? docx_xml_fail(x) : 0;
}

int docx_xml_end(docx_xml *x)
{
	return xmlTextWriterEndElement(x->w) < 0 ? docx_xml_fail(x) : 0;
}

int docx_xml_attr(docx_xml *x, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0 ? docx_xml_fail(x) : 0;
}

int docx_xml_empty(docx_xml *x, const char *name, const char *const *attrs)
{
	galley_buffer *b = &x->tmp;
	galley_buffer_clear(b);
	galley_buffer_putc(b, '<');
	galley_buffer_puts(b, name);
	for (; attrs && attrs[0]; attrs += 2) {
		if (!attrs[1])
			continue;
		galley_buffer_putc(b, ' ');
		galley_buffer_puts(b, attrs[0]);
		galley_buffer_puts(b, "=\"");
		if (galley_xml_escape(attrs[1], strlen(attrs[1]), b, 1) < 0)
			break;
		galley_buffer_putc(b, '"');
	}
	if (b->oom || (attrs && attrs[0]) || galley_buffer_puts(b, "/>") < 0 ||
		xmlTextWriterWriteRawLen(x->w, BAD_CAST b->data, (int)b->len) < 0)
		return docx_xml_fail(x);
	return 0;
}
