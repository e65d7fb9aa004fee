/* charset.c — bytes of unknown encoding to UTF-8 for the readers: a BOM,
 * the document's own hint, valid UTF-8, else uchardet's guess, converted
 * with iconv.
 *
 * Lossy by design: a byte sequence that is invalid in the charset chosen
 * becomes U+FFFD (one per offending byte) and the count is logged at INFO
 * level, because a release with one bad byte is still worth reading. */
#include "galley/plugin.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#define S_REPLACEMENT "\xEF\xBF\xBD"
/* How much uchardet sees: enough for a confident guess, and it keeps
 * detection time independent of the input size. */
#define S_SNIFF_MAX (256u * 1024u)

size_t galley_utf8_decode(const char *str, size_t left, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long c;
	size_t n, i;

	if (!left)
		return 0;
	if (s[0] < 0x80) {
		if (cp)
			*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07u;
	else
		return 0;
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	/* overlong forms, surrogates, past U+10FFFF */
	if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

int galley_utf8_valid(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;
	while (i < len) {
		/* ASCII runs are the common case; skip them eight at a time. */
		while (i + 8 <= len) {
			unsigned long long w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		size_t n = galley_utf8_decode((const char *)s + i, len - i, NULL);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* Copy UTF-8, replacing every invalid byte with U+FFFD. */
static int S_copy_utf8_lossy(const char *data, size_t len, galley_buffer *out, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, run = 0;
	*bad = 0;
	while (i < len) {
		size_t n = galley_utf8_next((const char *)s + i, len - i, NULL);
		if (n) {
			i += n;
			continue;
		}
		galley_buffer_append(out, data + run, i - run);
		galley_buffer_append(out, S_REPLACEMENT, 3);
		(*bad)++;
		i++;
		run = i;
	}
	galley_buffer_append(out, data + run, len - run);
	return out->oom ? GALLEY_ENOMEM : 0;
}

/* Mostly UTF-8 with a few broken bytes (a file cut or concatenated
 * badly): far more valid multi-byte sequences than invalid bytes. Such
 * text is read as UTF-8 with replacements; a legacy charset would turn
 * every valid sequence into mojibake. */
static int S_nearly_utf8(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, good = 0, bad = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = galley_utf8_decode((const char *)s + i, len - i, NULL);
		if (n) {
			good++;
			i += n;
		} else {
			bad++;
			i++;
		}
	}
	return good >= 8 && good >= bad * 8;
}

/* The iconv name for a charset label, as browsers decode it (the WHATWG
 * Encoding standard): supersets replace the charsets they extend (EUC-KR is
 * read as CP949, Latin-1 and ASCII as Windows-1252, ISO-8859-9 as
 * Windows-1254, TIS-620 as Windows-874, Shift_JIS as CP932, GB2312/GBK as
 * GB18030, Big5 as Big5-HKSCS). The one table both readers' labels and
 * uchardet's answers go through; other labels go to iconv as they are. */
static const char *S_iconv_name(const char *label)
{
	static const struct { const char *label, *name; } map[] = {
		{"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"}, {"ks_c_5601", "CP949"}, {"korean", "CP949"},
		{"windows-949", "CP949"}, {"x-windows-949", "CP949"}, {"uhc", "CP949"}, {"cp949", "CP949"},
		{"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"}, {"latin-1", "WINDOWS-1252"},
		{"iso8859-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
		{"cp1252", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
		{"iso-8859-9", "WINDOWS-1254"}, {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
		{"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
		{"ms_kanji", "CP932"}, {"windows-31j", "CP932"}, {"cp932", "CP932"},
		{"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"}, {"gb_2312-80", "GB18030"},
		{"gb18030", "GB18030"}, {"hz-gb-2312", "GB18030"},
		{"big5", "BIG5-HKSCS"}, {"x-euc-jp", "EUC-JP"},
		{"utf8", "UTF-8"}, {"utf-8", "UTF-8"}, {"unicode", "UTF-16LE"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(label, map[i].label) == 0)
			return map[i].name;
	return label;
}

/* A label naming UTF-16 or UTF-32 was read as ASCII, so it cannot be
 * true (a BOM would have decided already): browsers read such pages as
 * UTF-8, and so does galley. */
static int S_utf16_label(const char *name)
{
	return strncasecmp(name, "UTF-16", 6) == 0 || strncasecmp(name, "UTF-32", 6) == 0 ||
	       strncasecmp(name, "UCS-2", 5) == 0 || strncasecmp(name, "UCS-4", 5) == 0;
}

static int S_ascii(const char *data, size_t len)
{
	size_t i = 0;
	for (unsigned long long w; i + 8 <= len; i += 8) {
		memcpy(&w, data + i, 8);
		if (w & 0x8080808080808080ull)
			return 0;
	}
	for (; i < len; i++)
		if ((unsigned char)data[i] & 0x80)
			return 0;
	return 1;
}

static void S_set_charset(char *charset_out, size_t charset_size, const char *name)
{
	if (!charset_out || !charset_size)
		return;
	size_t n = strlen(name);
	if (n > charset_size - 1)
		n = charset_size - 1;
	memcpy(charset_out, name, n);
	charset_out[n] = '\0';
}

/* Convert with iconv, replacing each byte iconv rejects with U+FFFD.
 * GALLEY_ENOTFOUND when iconv does not know the charset. */
static int S_iconv(galley_context *ctx, const char *from, const char *data, size_t len,
	galley_buffer *out, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return GALLEY_ENOTFOUND;
	char *in = (char *)data;
	size_t inleft = len;
	*bad = 0;
	while (inleft > 0) {
		if (galley_buffer_reserve(out, inleft * 2 + 16) < 0) {
			iconv_close(cd);
			return galley_error(ctx, GALLEY_ENOMEM, "out of memory converting from %s", from);
		}
		char *o = out->data + out->len;
		size_t oleft = out->cap - out->len - 1; /* keep room for the NUL */
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ (invalid) or EINVAL (truncated at the end): replace one
		 * byte and go on, resetting the shift state. */
		galley_buffer_append(out, S_REPLACEMENT, 3);
		(*bad)++;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return out->oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : 0;
}

/* Ask uchardet; "" when it has no idea. */
static int S_sniff(const char *data, size_t len, char *name, size_t cap)
{
	uchardet_t ud = uchardet_new();
	if (!ud)
		return GALLEY_ENOMEM;
	name[0] = '\0';
	if (uchardet_handle_data(ud, data, len > S_SNIFF_MAX ? S_SNIFF_MAX : len) == 0) {
		uchardet_data_end(ud);
		const char *cs = uchardet_get_charset(ud);
		if (cs) {
			strncpy(name, cs, cap - 1);
			name[cap - 1] = '\0';
		}
	}
	uchardet_delete(ud);
	return 0;
}

static int S_report_lossy(galley_context *ctx, const char *charset, size_t bad)
{
	if (bad)
		galley_log(ctx, GALLEY_LOG_INFO,
			"%zu invalid byte%s in %s input replaced with U+FFFD", bad, bad == 1 ? "" : "s", charset);
	return 0;
}

/* Convert without a word about replacements: *bad says how many. */
static int S_convert_quiet(galley_context *ctx, const char *charset, const char *data, size_t len,
	galley_buffer *out, size_t *bad)
{
	int rc;
	*bad = 0;
	if (strcmp(charset, "UTF-8") == 0)
		rc = S_copy_utf8_lossy(data, len, out, bad);
	else
		rc = S_iconv(ctx, charset, data, len, out, bad);
	if (rc < 0)
		return rc == GALLEY_ENOMEM ? galley_error(ctx, rc, "out of memory") : rc;
	return 0;
}

static int S_convert(galley_context *ctx, const char *charset, const char *data, size_t len,
	galley_buffer *out, char *charset_out, size_t charset_size)
{
	size_t bad;
	int rc = S_convert_quiet(ctx, charset, data, len, out, &bad);
	if (rc < 0)
		return rc;
	S_set_charset(charset_out, charset_size, charset);
	return S_report_lossy(ctx, charset, bad);
}

static int S_copy_valid(galley_context *ctx, const char *data, size_t len, galley_buffer *out,
	char *charset_out, size_t charset_size)
{
	galley_buffer_append(out, data, len);
	S_set_charset(charset_out, charset_size, "UTF-8");
	return out->oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : 0;
}

/* No BOM and no usable label: valid UTF-8 stays, nearly valid UTF-8 is
 * UTF-8 with replacements, anything else is what uchardet says. The
 * charset used goes to cs (64 bytes), the bytes replaced to *bad; nothing
 * is logged. */
static int S_detect_quiet(galley_context *ctx, const char *data, size_t len, galley_buffer *out,
	char *cs, size_t *bad)
{
	char sniffed[64];
	int rc;

	*bad = 0;
	if (galley_utf8_valid(data, len))
		return S_copy_valid(ctx, data, len, out, cs, 64);
	if (S_nearly_utf8(data, len)) {
		S_set_charset(cs, 64, "UTF-8");
		return S_convert_quiet(ctx, "UTF-8", data, len, out, bad);
	}

	if ((rc = S_sniff(data, len, sniffed, sizeof sniffed)) < 0)
		return galley_error(ctx, rc, "out of memory");
	/* Not UTF-8 and nothing better known: Windows-1252 maps every byte. */
	const char *name = S_iconv_name(sniffed[0] && strcasecmp(sniffed, "ascii") != 0 ? sniffed : "WINDOWS-1252");
	/* uchardet may answer UTF-8 for nearly-valid text; it is not, so read
	 * it as UTF-8 with replacements rather than as something else. */
	size_t mark = out->len;
	rc = S_convert_quiet(ctx, name, data, len, out, bad);
	if (rc == GALLEY_ENOTFOUND) {
		galley_buffer_truncate(out, mark);
		rc = S_convert_quiet(ctx, "WINDOWS-1252", data, len, out, bad);
		if (rc == GALLEY_ENOTFOUND)
			return galley_error(ctx, GALLEY_EINVAL, "cannot convert from %s", name);
		name = "WINDOWS-1252";
	}
	S_set_charset(cs, 64, name);
	return rc;
}

static int S_detect(galley_context *ctx, const char *data, size_t len, galley_buffer *out,
	char *charset_out, size_t charset_size)
{
	char cs[64];
	size_t bad;
	int rc = S_detect_quiet(ctx, data, len, out, cs, &bad);
	if (rc < 0)
		return rc;
	S_set_charset(charset_out, charset_size, cs);
	return S_report_lossy(ctx, cs, bad);
}

int galley_to_utf8_view(galley_context *ctx, const char *data, size_t len, const char *hint, galley_buffer *out,
	const char **text, size_t *text_len, char *charset_out, size_t charset_size)
{
	int rc;

	/* The cases galley_to_utf8() copies as they are: no BOM, no NUL in the
	 * first 4 KiB, no label or a UTF-8 one, and valid UTF-8. */
	if (!data)
		len = 0;
	if (len && (unsigned char)data[0] != 0xEF && (unsigned char)data[0] != 0xFF &&
		(unsigned char)data[0] != 0xFE && data[0] != '\0' && !memchr(data, '\0', len < 4096 ? len : 4096) &&
		(!hint || !*hint || strcmp(S_iconv_name(hint), "UTF-8") == 0) && galley_utf8_valid(data, len)) {
		*text = data;
		*text_len = len;
		S_set_charset(charset_out, charset_size, "UTF-8");
		return 0;
	}
	size_t mark = out->len;
	rc = galley_to_utf8(ctx, data, len, hint, out, charset_out, charset_size);
	*text = rc < 0 || !out->data ? "" : out->data + mark;
	*text_len = rc < 0 ? 0 : out->len - mark;
	return rc;
}

static size_t S_non_ascii(const char *data, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)data[i] & 0x80) != 0;
	return n;
}

/* The label's charset, with a second opinion when it rejects bytes: a
 * page damaged here and there keeps its label, but when the label rejects
 * more than 1 in 50 of the non-ASCII bytes and detection reads them with
 * under a tenth as many rejections, the label was wrong. */
static int S_labelled(galley_context *ctx, const char *hint, const char *name, const char *data, size_t len,
	galley_buffer *out, char *charset_out, size_t charset_size)
{
	size_t mark = out->len, bad, alt_bad;
	char cs[64];
	int rc = S_convert_quiet(ctx, name, data, len, out, &bad);
	if (rc < 0)
		return rc;
	const char *used = name;
	if (bad > 0 && bad * 50 > S_non_ascii(data, len)) {
		galley_buffer alt = GALLEY_BUFFER_INIT;
		if ((rc = S_detect_quiet(ctx, data, len, &alt, cs, &alt_bad)) < 0) {
			galley_buffer_dispose(&alt);
			return rc;
		}
		if (alt_bad * 10 < bad) {
			galley_log(ctx, GALLEY_LOG_INFO, "%zu bytes are not \"%s\"; read as %s", bad, hint, cs);
			galley_buffer_truncate(out, mark);
			galley_buffer_append(out, alt.data ? alt.data : "", alt.len);
			used = cs;
			bad = alt_bad;
		}
		galley_buffer_dispose(&alt);
		if (out->oom)
			return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	S_set_charset(charset_out, charset_size, used);
	return S_report_lossy(ctx, used, bad);
}

/* One code unit of UTF-16/32 read as text: no control but tab, LF, CR, FF,
 * no surrogate out of place (checked loosely), nothing past U+10FFFF. */
static int S_wide_unit_ok(unsigned long u)
{
	if (u < 0x20)
		return u == '\t' || u == '\n' || u == '\r' || u == '\f';
	return u <= 0x10FFFF && u != 0xFFFE && u != 0xFFFF;
}

/* A UTF-16 unit in a block that running text is written in: Latin, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic, the Indic and South-East Asian
 * scripts, Hangul Jamo, general punctuation and symbols, CJK punctuation,
 * kana, the CJK ideographs, Hangul syllables, surrogates (paired, checked by
 * the caller) and the half- and full-width forms. */
static int S_script_unit(unsigned u)
{
	return u < 0x0250 || (u >= 0x0370 && u < 0x0700) || (u >= 0x0900 && u < 0x0F00) ||
	       (u >= 0x1100 && u < 0x1200) || (u >= 0x2000 && u < 0x2700) || (u >= 0x3000 && u < 0x3100) ||
	       (u >= 0x3400 && u < 0x4DC0) || (u >= 0x4E00 && u < 0xA000) || (u >= 0xAC00 && u < 0xE000) ||
	       (u >= 0xFF00 && u < 0xFFF0);
}

/* UTF-16 without a BOM of a script that needs no Latin letters (Chinese,
 * Japanese): few zero bytes, so galley_wide_charset's first test misses
 * it. Taken when every unit is a text unit, surrogates come in pairs, at
 * least 95% of the units are in the blocks of S_script_unit (random or
 * binary bytes are about 65%), and line breaks or spaces are there as
 * units of their own (0x000A, 0x000D, 0x0020): read in the wrong byte
 * order they would be U+0A00, U+0D00, U+2000. Of the two orders the one
 * with more of them wins. */
static const char *S_wide_script(const unsigned char *u, size_t n, size_t len)
{
	size_t best = 0;
	const char *name = NULL;

	if (len % 2 && len <= n)
		return NULL;
	for (int be = 0; be < 2; be++) {
		size_t units = 0, script = 0, breaks = 0;
		int ok = 1, high = 0;
		for (size_t i = 0; ok && i + 2 <= n; i += 2) {
			unsigned c = be ? (unsigned)u[i] << 8 | u[i + 1] : u[i] | (unsigned)u[i + 1] << 8;
			int last = i + 4 > n; /* a pair may be cut at the end of the 4 KiB looked at */
			ok = S_wide_unit_ok(c) && (high ? c >= 0xDC00 && c < 0xE000 : !(c >= 0xDC00 && c < 0xE000));
			high = c >= 0xD800 && c < 0xDC00 && !last;
			units++;
			script += S_script_unit(c);
			breaks += c == 0x0A || c == 0x0D || c == 0x20;
		}
		if (ok && units > 0 && script * 20 >= units * 19 && breaks > best) {
			best = breaks;
			name = be ? "UTF-16BE" : "UTF-16LE";
		}
	}
	return name;
}

const char *galley_wide_charset(const char *data, size_t len)
{
	static const char *const names[] = {"UTF-32LE", "UTF-32BE", "UTF-16LE", "UTF-16BE"};
	const unsigned char *u = (const unsigned char *)data;
	size_t n = len < 4096 ? len : 4096;

	if (!data || n < 4 || !memchr(data, '\0', n))
		return NULL;
	for (int k = 0; k < 4; k++) {
		size_t w = k < 2 ? 4 : 2, i, zeros = 0, units = 0;
		int ok = len % w == 0 || len > n; /* a whole number of units */
		for (i = 0; ok && i + w <= n; i += w) {
			unsigned long c;
			if (w == 4)
				c = k == 0 ? u[i] | (unsigned long)u[i + 1] << 8 | (unsigned long)u[i + 2] << 16 |
						(unsigned long)u[i + 3] << 24
					   : (unsigned long)u[i] << 24 | (unsigned long)u[i + 1] << 16 |
						(unsigned long)u[i + 2] << 8 | u[i + 3];
			else
				c = k == 2 ? u[i] | (unsigned long)u[i + 1] << 8 : (unsigned long)u[i] << 8 | u[i + 1];
			ok = S_wide_unit_ok(c);
			units++;
			zeros += c < 0x100;
		}
		/* text of mostly Latin script: the zero bytes are high bytes */
		if (ok && units > 0 && (w == 4 || zeros * 4 >= units))
			return names[k];
	}
	return S_wide_script(u, n, len);
}

/* The policy, for both readers: a BOM decides; else a label the bytes do
 * not contradict; else detection. A label is contradicted (and detection
 * retried) when it names UTF-16/32 (it was read as ASCII), when it says
 * UTF-8 and the bytes are not, when the bytes are valid UTF-8 beyond ASCII
 * and it names something else (legacy text almost never validates by
 * chance, while pages re-saved as UTF-8 keep their old <meta charset>),
 * when iconv does not know it, and when its charset rejects far more
 * bytes than the detected one (S_labelled). */
int galley_to_utf8(galley_context *ctx, const char *data, size_t len, const char *hint,
	galley_buffer *out, char *charset_out, size_t charset_size)
{
	static const struct { const char *bom; size_t n; const char *charset; } boms[] = {
		/* UTF-32LE before UTF-16LE: FF FE 00 00 starts both. */
		{"\xEF\xBB\xBF", 3, "UTF-8"}, {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
		{"\x00\x00\xFE\xFF", 4, "UTF-32BE"}, {"\xFF\xFE", 2, "UTF-16LE"}, {"\xFE\xFF", 2, "UTF-16BE"},
	};
	int rc;

	if (!data)
		len = 0;
	for (size_t b = 0; b < sizeof boms / sizeof boms[0]; b++)
		if (len >= boms[b].n && memcmp(data, boms[b].bom, boms[b].n) == 0)
			return S_convert(ctx, boms[b].charset, data + boms[b].n, len - boms[b].n, out,
				charset_out, charset_size);

	if (len && memchr(data, '\0', len < 4096 ? len : 4096)) {
		const char *wide = galley_wide_charset(data, len);
		if (wide)
			return S_convert(ctx, wide, data, len, out, charset_out, charset_size);
		return galley_error(ctx, GALLEY_EINVAL, "binary data, not text");
	}

	if (hint && *hint) {
		const char *name = S_iconv_name(hint);
		int utf8 = strcmp(name, "UTF-8") == 0, valid = galley_utf8_valid(data, len);
		if (S_utf16_label(name) || (utf8 ? !valid : valid && !S_ascii(data, len))) {
			galley_log(ctx, GALLEY_LOG_INFO, "the bytes are not \"%s\"; detecting", hint);
		} else if (utf8) {
			return S_copy_valid(ctx, data, len, out, charset_out, charset_size);
		} else {
			size_t mark = out->len;
			rc = S_labelled(ctx, hint, name, data, len, out, charset_out, charset_size);
			if (rc != GALLEY_ENOTFOUND)
				return rc;
			galley_buffer_truncate(out, mark);
			galley_log(ctx, GALLEY_LOG_INFO, "unknown charset \"%s\"; detecting", hint);
		}
	}
	return S_detect(ctx, data, len, out, charset_out, charset_size);
}
