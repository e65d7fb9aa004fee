/* tei.h — private to the TEI plugin: the writer entry point (so tests can
 * link the plugin sources directly) and the value helpers of tei_value.c. */
#ifndef GALLEY_TEI_H
#define GALLEY_TEI_H

#include <galley/galley.h>
#include <galley/plugin.h>

/** The writer callback registered as "tei". */
int tei_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload);

/** 1 when s (after trimming) is one of the W3C forms @when accepts (xsd
 * gYear, gYearMonth, date, dateTime); the value to write goes to out
 * (at most 40 bytes; "hh:mm" gains ":00" since xsd:dateTime needs seconds). */
int tei_w3c_date(const char *s, char *out, size_t outsz);

/** Append url to out as a URI that xsd:anyURI (and jing) accepts: spaces,
 * controls, non-ASCII and unsafe characters percent-encoded, a stray "%"
 * as %25, a second "#" as %23, brackets outside the host encoded. */
int tei_uri(const char *url, galley_buffer *out);

/** Append s to out as one teidata.word token (no spaces or controls):
 * printable ASCII kept, every other run of bytes becomes one "-".
 * Returns the number of bytes appended (0: nothing usable). */
int tei_token(const char *s, galley_buffer *out);

/** 1 when s (trimmed, "_" read as "-") is a well-formed xsd:language tag;
 * the normalised tag goes to out (at most outsz bytes with the NUL). */
int tei_lang(const char *s, char *out, size_t outsz);

#endif
