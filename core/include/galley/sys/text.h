/* galley/sys/text.h — service: UTF-8, charsets and language. */
#ifndef GALLEY_SYS_TEXT_H
#define GALLEY_SYS_TEXT_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Service: text (encodings, language)                                */
/* ------------------------------------------------------------------ */

/** Decode the UTF-8 sequence at s (len > 0 bytes available): its length
 * (1-4) with the code point in *cp (may be NULL), or 0 when the bytes are not
 * valid UTF-8 (overlong forms, surrogates, past U+10FFFF, truncated). */
GALLEY_EXTERN size_t galley_utf8_decode(const char *s, size_t len, unsigned long *cp);
/** galley_utf8_decode() with ASCII decoded in line: for loops over text
 * where most characters are ASCII (the Markdown writer's escaping). */
static inline size_t galley_utf8_next(const char *s, size_t len, unsigned long *cp)
{
	if (len > 0 && (unsigned char)s[0] < 0x80) {
		if (cp)
			*cp = (unsigned char)s[0];
		return 1;
	}
	return galley_utf8_decode(s, len, cp);
}
/** 1 when data is valid UTF-8. */
GALLEY_EXTERN int galley_utf8_valid(const char *data, size_t len);
/** Convert input bytes to UTF-8, with the one charset policy both readers
 * share: a BOM (UTF-8/16/32) decides; else `hint` (a charset label from the
 * document or the user, may be NULL), unless the bytes contradict it; else
 * valid UTF-8 stays, else the charset is sniffed (uchardet) and converted
 * (iconv). Valid UTF-8 beyond ASCII beats a label naming another charset,
 * a "UTF-8" label on bytes that are not is ignored, as are labels naming
 * UTF-16/32 (no BOM, and read as ASCII), labels iconv does not know, and
 * labels whose charset rejects more than 1 in 50 of the non-ASCII bytes
 * where detection rejects under a tenth as many: detection is retried
 * then (a page damaged in a few places keeps its label). Labels and sniffed names are decoded as
 * browsers do (the WHATWG aliases: EUC-KR as CP949, Latin-1 and ASCII as
 * Windows-1252, Shift_JIS as CP932, GB2312/GBK as GB18030, ...). The BOM is
 * removed; bytes invalid in the charset become U+FFFD (counted at INFO).
 * The charset used is written to `charset_out` (may be NULL), cut to
 * `charset_size` bytes with its NUL (64 holds every name). Binary input
 * (NUL bytes in the first 4 KiB that no UTF-16/32 BOM explains) is
 * GALLEY_EINVAL with a message. Appends to out. */
GALLEY_EXTERN int galley_to_utf8(galley_context *ctx, const char *data, size_t len, const char *hint,
	galley_buffer *out, char *charset_out, size_t charset_size);
/** galley_to_utf8() without a copy where none is needed (since ABI 2.2):
 * when the bytes are UTF-8 as they are (no BOM, valid, no label or a UTF-8
 * one), *text is data itself and out is left as it was; otherwise the
 * UTF-8 is appended to out and *text points to it there (valid until out
 * changes). *text_len is its length; *text is "" on failure. For a reader
 * that only reads its input, it saves a copy of it. */
GALLEY_EXTERN int galley_to_utf8_view(galley_context *ctx, const char *data, size_t len, const char *hint,
	galley_buffer *out, const char **text, size_t *text_len, char *charset_out, size_t charset_size);
/** The charset of text in UTF-32 or UTF-16 without a BOM ("UTF-32LE",
 * "UTF-32BE", "UTF-16LE", "UTF-16BE"), told from where its zero bytes fall
 * in the first 4 KiB (every unit a character, no control but tab, LF, CR,
 * FF), or for UTF-16 with few zero bytes (Chinese, Japanese) from 95% of
 * its units in the blocks running text uses and its line breaks and
 * spaces; NULL for anything else. galley_to_utf8 reads such text rather
 * than calling it binary, and the text and HTML probes claim it. */
GALLEY_EXTERN const char *galley_wide_charset(const char *data, size_t len);
/** The language of a text as a BCP 47 tag ("en", "ko", "ja", "de"...),
 * written to out (outsize bytes; 16 holds every tag galley gives); 0 on
 * success, GALLEY_ENOTFOUND when it cannot tell (or the tag does not fit),
 * GALLEY_ENOMEM when out of memory. Scripts decide first (Hangul, kana,
 * Han, Greek...), then n-gram profiles (libexttextcat's fingerprints,
 * prepared at build time) for Latin and other scripts, given at least 100
 * letters. */
GALLEY_EXTERN int galley_detect_language(const char *text, size_t len, char *out, size_t outsize);

#ifdef __cplusplus
}
#endif
#endif
