/* galley/sys/xml.h — service: XML writing for writers. */
#ifndef GALLEY_SYS_XML_H
#define GALLEY_SYS_XML_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Service: XML writing (libxml2's xmlTextWriter into a galley_buffer) */
/* ------------------------------------------------------------------ */

/* Plugins that write XML include <libxml/xmlwriter.h> and link libxml2. */
struct _xmlTextWriter;

/** An xmlTextWriter whose bytes are appended to out (UTF-8), reporting to
 * ctx: from here to galley_xml_writer_free() libxml2's errors about
 * writing (the writer's, its output's, memory, encoding) go to the
 * context as the job's error ("XML writer: ..."; the first one counts),
 * not to libxml2's global handler; other libxml2 errors go to the handler
 * that was set before. The handler is the thread's: free the writer on
 * the thread that made it; while two writers are open on one thread,
 * libxml2 (which does not say which writer failed) reports to the newer. NULL on OOM or without ctx/out. */
GALLEY_EXTERN struct _xmlTextWriter *galley_xml_writer_new(galley_context *ctx, galley_buffer *out);
/** The XML declaration, `<?xml version="1.0" encoding="UTF-8"?>` (with
 * standalone="yes" when standalone is set) and a newline: the bytes
 * xmlTextWriterStartDocument(w, NULL, "UTF-8", ...) writes, without the
 * UTF-8-to-UTF-8 converter it would put on the output, which every later
 * byte then passes through. 0, or the error (on the context). */
GALLEY_EXTERN int galley_xml_writer_start_document(struct _xmlTextWriter *w, int standalone);
/** Flush and free the writer; 0, or the first error the writer met (its
 * message already on the context). */
GALLEY_EXTERN int galley_xml_writer_free(struct _xmlTextWriter *w);
/** The first error the writer met so far (its message on the context), or
 * 0: for a writer that sees an xmlTextWriter call fail. */
GALLEY_EXTERN int galley_xml_writer_error(struct _xmlTextWriter *w);
/** Copy text into out with the characters XML 1.0 forbids (C0 controls but
 * tab/newline/CR, U+FFFE/U+FFFF, invalid UTF-8) replaced or dropped.
 * Returns how many were removed (>= 0) or a negative error. */
GALLEY_EXTERN long galley_xml_clean(const char *text, size_t len, galley_buffer *out);
/** galley_xml_clean() and escaping in one pass: text as XML character data
 * (attr 0: & < > escaped, CR as &#13;) or as an attribute value (attr 1:
 * also ", tab and newline), for a writer that hands markup of its own to
 * xmlTextWriterWriteRaw. Returns how many characters were removed (>= 0)
 * or a negative error. */
GALLEY_EXTERN long galley_xml_escape(const char *text, size_t len, galley_buffer *out, int attr);
/** 1 when uri, percent-encoded as a writer writes it (ASCII, no space), is
 * a URI that validators and readers of packages accept: an RFC 3986 URI
 * reference as libxml2 parses it (xs:anyURI in the OOXML schemas), whose
 * authority, if any, has a host of letters, digits, '-', '.', '_', '~' or
 * an IP literal and a port up to 65535, and a web address (http, https,
 * ftp) with a host. 0 otherwise: write the link's text without the link
 * ("http://http://example.com/", "http://[::1", "http://a%20b/"). */
GALLEY_EXTERN int galley_uri_valid(const char *uri);
/** Append url to out as a writer writes an address (an xs:anyURI, an
 * href): blanks around it dropped (spaces, controls, no-break and
 * zero-width spaces, a BOM, also percent-encoded); spaces, controls,
 * non-ASCII, " < > \ ^ ` { | }, a '#' after the first, a '%' not before two
 * hex digits, and a ':' in the first segment when what precedes it is not
 * a scheme (so "a b:c" stays a relative reference) percent-encoded. Written
 * raw into markup, it still needs galley_xml_escape() for its '&'s.
 * 0 or GALLEY_ENOMEM. */
GALLEY_EXTERN int galley_uri_encode(const char *url, galley_buffer *out);

#ifdef __cplusplus
}
#endif
#endif
