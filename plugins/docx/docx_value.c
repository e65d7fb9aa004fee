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

