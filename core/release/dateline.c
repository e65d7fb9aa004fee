/* dateline.c — the dateline that opens a release's first paragraph, in the
 * forms wires and newsrooms write it: "CUPERTINO, California—April 27,
 * 2015—Apple today ...", "January 17, 2020 (SAINT PAUL) — ...", "NEW
 * YORK, June 29, 2018 /PRNewswire/ -- HackerRank ...", "MINNEAPOLIS--
 * (BUSINESS WIRE)--Aug. 28, 2015--IHS Inc. ...", "Bern, 7.10.2020 - ...",
 * "MONTRÉAL, le 18 mars 2013 - ...". The paragraph keeps its dateline; the
 * reader takes the date, the place and (after a wire's name) the issuer. */
#include "release_internal.h"

#include <string.h>

/* The place and wire before the date: "SAN FRANCISCO, Calif., " or
 * "MINNEAPOLIS--(BUSINESS WIRE)--" is a few words, 80 bytes at most. */
#define S_DL_PREFIX_MAX 80
#define S_DL_PREFIX_WORDS 8
/* The date ends within the first 140 bytes of the paragraph. */
#define S_DL_WINDOW 140
/* "(SAINT PAUL)", "(BUSINESS WIRE)" after the date: 40 bytes. */
#define S_DL_PAREN_MAX 40
/* A date alone: "Nov. 12, 2020", "2024년 1월 18일": 24 bytes at most. */
#define S_DL_DATE_MAX 24
/* A company named after a wire's dateline: six words, 80 bytes. */
#define S_DL_ISSUER_WORDS 6
#define S_DL_ISSUER_MAX 80

/* Dashes that end a dateline: "—", "–", "―", "-", "--", ":". */
static size_t S_dash_at(const char *s, size_t len, size_t i)
{
	static const char *const dashes[] = {"\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x95", "\xE2\x80\x92", "--",
		"-", ":", NULL};
	for (size_t k = 0; dashes[k]; k++) {
		size_t dl = strlen(dashes[k]);
		if (i + dl <= len && memcmp(s + i, dashes[k], dl) == 0)
			return dl;
	}
	return 0;
}

static size_t S_spaces(const char *s, size_t len, size_t i)
{
	size_t b;
	while (i < len && (b = grel_blank_at(s, len, i)) > 0)
		i += b;
	return i;
}

/* Lowercase words a place may hold ("Frankfurt am Main", "MONTRÉAL, le"). */
static int S_place_small_word(const char *s, size_t len)
{
	static const char *const small[] = {"de", "du", "la", "le", "les", "am", "im", "an", "der", "den", "del",
		"di", "da", "do", "of", "the", "y", "e", "et", "und", "and", NULL};
	for (size_t k = 0; small[k]; k++)
		if (strlen(small[k]) == len && memcmp(s, small[k], len) == 0)
			return 1;
	return 0;
}

/* A place, perhaps with a wire in brackets: capitalised words (or words
 * in a script without case), commas, dots of abbreviations, dashes. */
static int S_place_like(const char *s, size_t len)
{
	size_t words = 0, i = 0;
	if (len > S_DL_PREFIX_MAX)
		return 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == ',' || c == '.' || c == '(' || c == ')' || c == '/' || c == '-' || c == '\'' ||
			grel_blank_at(s, len, i) > 0 || S_dash_at(s, len, i) > 0) {
			size_t step = grel_blank_at(s, len, i);
			if (step == 0)
				step = S_dash_at(s, len, i);
			i += step > 0 ? step : 1;
			continue;
		}
		size_t st = i;
		while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != '(' && s[i] != ')' && s[i] != '/' &&
			grel_blank_at(s, len, i) == 0 && S_dash_at(s, len, i) == 0)
			i++;
		words++;
		if (c >= '0' && c <= '9')
			return 0;
		if (c >= 'a' && c <= 'z') {
			size_t wl = i - st;
			while (wl > 0 && s[st + wl - 1] == '.')
				wl--;
			if (!S_place_small_word(s + st, wl))
				return 0;
		}
	}
	return words <= S_DL_PREFIX_WORDS;
}

/* 1 when (s, len) names a wire service: "(BUSINESS WIRE)", "/PRNewswire/". */
int grel_is_wire(const char *s, size_t len)
{
	static const char *const wires[] = {"wire", "newswire", "presswire", "accesswire", "globe newswire", "cnw",
		"pr web", "prweb", "marketwired", "newsfile", NULL};
	for (size_t k = 0; wires[k]; k++) {
		size_t wl = strlen(wires[k]);
		for (size_t i = 0; i + wl <= len; i++)
			if (grel_starts_fold(s + i, len - i, wires[k]))
				return 1;
	}
	return 0;
}

long grel_dateline_scan(const char *orig, size_t len, unsigned flags, grel_dateline_info *out)
{
	char iso[GREL_DATE_SIZE];
	/* the window with its dashes spelt " - " (as many bytes): a date
	 * glued to an em dash ("California—April 27, 2015—") is still a date */
	char s[S_DL_WINDOW];
	size_t w = len < S_DL_WINDOW ? len : S_DL_WINDOW;
	memcpy(s, orig, w);
	for (size_t k = 0; k + 2 < w; k++)
		if ((unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 && (unsigned char)s[k + 2] >= 0x92 &&
			(unsigned char)s[k + 2] <= 0x95)
			memcpy(s + k, " - ", 3);
	size_t full = len;
	len = w;
	long end = grel_parse_date(s, w, iso, sizeof iso);
	if (end < 0)
		return -1;
	/* where the date starts: the last offset from which it still parses
	 * to the same end */
	size_t start = 0;
	for (size_t k = 1; k < (size_t)end; k++) {
		unsigned char p = (unsigned char)s[k - 1];
		/* from a word's start only: "8 mars 2013" is in "18 mars 2013" */
		if (((unsigned char)s[k] & 0xC0) == 0x80 || (p >= '0' && p <= '9') || (p >= 'a' && p <= 'z') ||
			(p >= 'A' && p <= 'Z') || p == '.')
			continue;
		if (grel_parse_date(s + k, (size_t)end - k, NULL, 0) == end - (long)k)
			start = k;
		else if (start > 0)
			break;
	}
	grel_span pre = grel_trim(s, start);
	/* "(Paris, 7 juillet 2011) - ...": place and date in one bracket */
	int bracketed = pre.len > 0 && pre.s[0] == '(' && memchr(pre.s, ')', pre.len) == NULL;
	/* the place less the separators and the bracketed wire after it */
	grel_span place = bracketed ? grel_trim(pre.s + 1, pre.len - 1) : pre;
	const char *open = memchr(place.s, '(', place.len);
	if (open != NULL)
		place.len = (size_t)(open - place.s);
	while (place.len > 0) {
		unsigned char c = (unsigned char)place.s[place.len - 1];
		if (c == ',' || c == '-' || c == ' ' || c == ':')
			place.len--;
		else if (place.len >= 3 && c >= 0x80 && S_dash_at(place.s, place.len, place.len - 3) == 3)
			place.len -= 3;
		else
			break;
	}
	/* "MONTRÉAL, le 18 mars": the article before the date is not the place */
	for (;;) {
		size_t ws = place.len;
		while (ws > 0 && place.s[ws - 1] != ' ' && place.s[ws - 1] != ',')
			ws--;
		if (ws == 0 || ws == place.len || !S_place_small_word(place.s + ws, place.len - ws))
			break;
		place = grel_trim(place.s, ws);
		while (place.len > 0 && (place.s[place.len - 1] == ',' || place.s[place.len - 1] == ' '))
			place.len--;
	}
	int wire = 0;
	if (pre.len > 0) {
		/* "CITY, " "CITY—" "CITY--(WIRE)--" "MONTRÉAL, le " */
		size_t pl = pre.len;
		if (!S_place_like(pre.s, pl))
			return -1;
		wire = grel_is_wire(pre.s, pl);
	}
	size_t i = S_spaces(s, len, (size_t)end);
	int paren = 0, dashed = 0;
	if (bracketed) {
		if (i >= len || s[i] != ')')
			return -1;
		paren = 1;
		i = S_spaces(s, len, i + 1);
	}
	/* then, in any order: a bracketed place or wire ("(SAINT PAUL)",
	 * "(JCN Newswire)"), a wire between slashes, dashes */
	for (int round = 0; round < 4 && i < len; round++) {
		size_t dl = S_dash_at(s, len, i);
		if (dl > 0) {
			dashed = 1;
			i = S_spaces(s, len, i + dl);
			continue;
		}
		if (s[i] == '(') {
			const char *close = memchr(s + i, ')', len - i < S_DL_PAREN_MAX ? len - i : S_DL_PAREN_MAX);
			if (close == NULL || !S_place_like(s + i + 1, (size_t)(close - s - i - 1)))
				break;
			wire |= grel_is_wire(s + i + 1, (size_t)(close - s - i - 1));
			paren = 1;
			i = S_spaces(s, len, (size_t)(close - s) + 1);
			continue;
		}
		if (s[i] == ',') {
			/* the date again, as a wire's template adds it: "Idaho,
			 * Nov 12, 2020, Nov. 12, 2020 (GLOBE NEWSWIRE) —" */
			size_t j = S_spaces(s, len, i + 1);
			long e = grel_parse_date(s + j, len - j, NULL, 0);
			if (e > 0 && (size_t)e <= S_DL_DATE_MAX) {
				i = S_spaces(s, len, j + (size_t)e);
				continue;
			}
			break;
		}
		if (s[i] == '/') {
			const char *close = memchr(s + i + 1, '/', len - i - 1 < S_DL_PAREN_MAX ? len - i - 1 : S_DL_PAREN_MAX);
			if (close != NULL && grel_is_wire(s + i + 1, (size_t)(close - s - i - 1))) {
				wire = 1;
				i = S_spaces(s, len, (size_t)(close - s) + 1);
				continue;
			}
		}
		break;
	}
	/* a date at the start of a sentence ("January 15 was ...") is no
	 * dateline: one needs its dash or its bracketed place */
	if (!dashed && !paren)
		return -1;
	/* a date line, not a dateline: the pass has those; but a line of
	 * hard-wrapped text may end with its dateline's dash */
	if (i >= full && !(flags & GREL_DL_LINE))
		return -1;
	if (out != NULL) {
		memcpy(out->iso, iso, sizeof iso);
		out->place.s = orig + (place.s - s);
		out->place.len = place.len;
		out->wire = wire;
		out->issuer.s = NULL;
		out->issuer.len = 0;
		if (wire)
			out->issuer = grel_dateline_company(orig + i, full - i);
	}
	return (long)i;
}

/* Small words inside a company's name ("Bank of America", "Société de
 * ..."). */
static int S_name_small_word(const char *s, size_t len)
{
	static const char *const small[] = {"of", "de", "du", "des", "la", "le", "für", "for", "y", "e", "et", "und",
		"&", NULL};
	for (size_t k = 0; small[k]; k++)
		if (strlen(small[k]) == len && memcmp(s, small[k], len) == 0)
			return 1;
	return 0;
}

/* Corporate suffixes that follow a comma inside a company's name. */
static int S_corp_suffix(const char *s, size_t len)
{
	static const char *const sfx[] = {"Inc", "Ltd", "LLC", "L.L.C", "Co", "Corp", "Corporation", "S.A", "SA",
		"AG", "GmbH", "plc", "PLC", "N.V", "B.V", "S.p.A", "LP", "L.P", "Limited", NULL};
	for (size_t k = 0; sfx[k]; k++) {
		size_t sl = strlen(sfx[k]);
		if (len >= sl && memcmp(s, sfx[k], sl) == 0 && (len == sl || s[sl] == '.' || s[sl] == ',' || s[sl] == ' '))
			return 1;
	}
	return 0;
}

grel_span grel_dateline_company(const char *s, size_t len)
{
	grel_span none = {NULL, 0};
	static const char *const stops[] = {" today", " announced", " has ", " have ", " is ", " will ", " and ",
		" the ", " a ", " an ", " said", " reported", " launched", " (", NULL};
	size_t e = 0, words = 0;
	while (e < len && e < S_DL_ISSUER_MAX) {
		if (s[e] == ',') {
			size_t n = S_spaces(s, len, e + 1);
			if (n < len && S_corp_suffix(s + n, len - n)) {
				e = n;
				continue;
			}
			break;
		}
		int stop = 0;
		for (size_t k = 0; stops[k] && !stop; k++)
			stop = grel_starts_fold(s + e, len - e, stops[k]);
		if (stop)
			break;
		if (s[e] == ' ')
			words++;
		e++;
	}
	grel_span r = grel_trim(s, e);
	if (r.len < 2 || words >= S_DL_ISSUER_WORDS || e >= S_DL_ISSUER_MAX)
		return none;
	/* "Midwest retailer Meijer": a description before the name ends with
	 * a word in small letters; the name is what follows it */
	for (size_t i = 0; i < r.len;) {
		size_t st = i;
		while (i < r.len && r.s[i] != ' ')
			i++;
		unsigned char w0 = (unsigned char)r.s[st];
		if (st > 0 && w0 >= 'a' && w0 <= 'z' && !S_name_small_word(r.s + st, i - st))
			r = grel_trim(r.s + i, r.len - i), i = 0;
		while (i < r.len && r.s[i] == ' ')
			i++;
	}
	if (r.len < 2)
		return none;
	unsigned char c = (unsigned char)r.s[0];
	if (c >= 'a' && c <= 'z')
		return none;
	return r;
}
