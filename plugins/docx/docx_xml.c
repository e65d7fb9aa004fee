/* docx_xml.c — the element helpers both the body (docx.c) and the other
 * parts (docx_package.c) write XML with: each returns 0 or the first error
 * the writer met, which stays in x->err. */
#include "docx.h"

#include <libxml/xmlwriter.h>

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

int docx_xml_attr_long(docx_xml *x, const char *name, long v)
{
	return xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST name, "%ld", v) < 0 ? docx_xml_fail(x) : 0;
}
