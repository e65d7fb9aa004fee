/* docx_value.c — values the DOCX parts carry in attributes: language tags,
 * W3CDTF dates, relationship URIs. */
#include "docx.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int docx_lang(const char *s, char *out, size_t outsz, const char **east_asian, const char **font)
{
	size_t n, i, seg = 0;
	const char *e;
	char low[40];

	*east_asian = NULL;
	*font = NULL;
	if (!s || !outsz)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= outsz || n > 35)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i] == '_' ? '-' : s[i];
		if (c == '-') {
			if (seg == 0 || i + 1 == n)
				return 0;
			seg = 0;
		} else if (isalnum((unsigned char)c) && seg < 8) {
			seg++;
		} else {
			return 0;
		}
		out[i] = c;
	}
	out[n] = '\0';
	/* the primary subtag: letters only */
	for (e = out; *e && *e != '-'; e++)
		if (!isalpha((unsigned char)*e))
			return 0;
	if (e - out < 2 || e - out > 3)
		return 0;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)out[i]);
	if (!strncmp(low, "ko", 2) && e - out == 2) {
		*east_asian = "ko-KR";
		*font = "Malgun Gothic";
	} else if (!strncmp(low, "ja", 2) && e - out == 2) {
		*east_asian = "ja-JP";
		*font = "Yu Mincho";
	} else if (!strncmp(low, "zh", 2) && e - out == 2) {
		/* Traditional for Hant and the regions that write it */
		if (strstr(low, "-hant") || strstr(low, "-tw") || strstr(low, "-hk") || strstr(low, "-mo")) {
			*east_asian = "zh-TW";
			*font = "PMingLiU";
		} else {
			*east_asian = "zh-CN";
			*font = "SimSun";
		}
	}
	return 1;
}

static int S_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int docx_w3cdtf(const char *date, char *out, size_t outsz)
{
	size_t n, keep;
	const char *s = date;

	if (!s || outsz < 41)
		return 0;
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n < 4 || n > 40 || !S_digits(s, 4))
		return 0;
	keep = 4;
	if (n > 4) {
		if (s[4] != '-' || n < 7 || !S_digits(s + 5, 2) || s[5] > '1')
			return 0;
		keep = 7;
		if (n > 7) {
			if (s[7] != '-' || n < 10 || !S_digits(s + 8, 2) || s[8] > '3')
				return 0;
			keep = 10;
			if (n > 10) {
				/* Thh:mm[:ss[.f]] then Z or ±hh:mm; without a zone only the date is sure */
				size_t i = 11;
				if ((s[10] != 'T' && s[10] != ' ') || n < 16 || !S_digits(s + 11, 2) || s[13] != ':' ||
					!S_digits(s + 14, 2))
					return 0;
				i = 16;
				if (i < n && s[i] == ':') {
					if (n < 19 || !S_digits(s + 17, 2))
						return 0;
					i = 19;
					if (i < n && s[i] == '.') {
						i++;
						if (i >= n || !isdigit((unsigned char)s[i]))
							return 0;
						while (i < n && isdigit((unsigned char)s[i]))
							i++;
					}
				}
				if (i == n) {
					keep = 10;
				} else if (s[i] == 'Z' && i + 1 == n) {
					keep = n;
				} else if ((s[i] == '+' || s[i] == '-') && n - i == 6 && S_digits(s + i + 1, 2) &&
					s[i + 3] == ':' && S_digits(s + i + 4, 2)) {
					keep = n;
				} else {
					return 0;
				}
			}
		}
	}
	memcpy(out, s, keep);
	out[keep] = '\0';
	if (keep > 10)
		out[10] = 'T';
	return 1;
}

/* The length of the blank at s: ASCII space and controls, no-break and
 * zero-width spaces, BOM (pasted links carry them). */
static size_t S_blank(const unsigned char *s, size_t n)
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

/* The bytes of an address docx_uri() copies without a second look (none
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

int docx_uri(const char *url, galley_buffer *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(url ? url : ""), *end, *q, *run;
	size_t n = strlen((const char *)p), b;
	int hashes = 0, scheme = 0, first = 1;

	for (;;) { /* blanks before the address, also as a reader percent-encoded them */
		static const char *const enc[] = {"%20", "%C2%A0", "%E2%80%8B", "%E2%80%8C", "%E2%80%8D", "%EF%BB%BF"};
		size_t i;
		if (n && (b = S_blank(p, n)) > 0) {
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
			if (S_blank(end - k, k) == k)
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
