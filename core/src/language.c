/* language.c — which language a release is written in, as a BCP 47 tag.
 * Scripts decide where they can (Hangul is Korean, kana Japanese, Greek
 * Greek...); Latin-script and other text is classified by its character
 * n-grams (Cavnar and Trenkle's "out-of-place" measure, as libexttextcat
 * does) against the language fingerprints libexttextcat ships, which
 * core/tools/langgen.c turns into C data at build time: nothing is read,
 * allocated or sorted when a process starts (reading and sorting the 163
 * fingerprint files was 60M instructions, more than parsing a page). The
 * data is inverted (langprofiles.h), so the text's 400 n-grams are looked
 * up once each instead of merged with all 163 profiles: 1.1M instructions
 * a page instead of 5.5M, with the same scores. */
#include "galley/plugin.h"
#include "langprofiles.h"

#include <stdlib.h>
#include <string.h>

/* How much text is looked at: a few KiB tell a language as well as the
 * whole body, and keep detection time constant. */
#define S_SAMPLE_MAX (16u * 1024u)
/* The fewest letters the n-grams are asked about. Measured on the
 * releases-text and readability corpora (113 texts whose language is
 * declared, prefixes of the body text, with libexttextcat): right for 24%
 * of 8-character prefixes, 46% at 32, 76% at 96, 88% at 128 and 89-93%
 * from there on (its plateau). 128 characters of running text hold about
 * 100 letters. */
#define S_CLASSIFY_MIN_LETTERS 100
/* The method's own numbers, as libexttextcat has them: a profile is the
 * 400 most frequent n-grams of 1 to 5 characters; an n-gram missing from a
 * language costs 400; languages scoring within 3% of the best are all
 * candidates, and more than 5 candidates mean the text is unclear. */
#define S_NGRAMS 400
#define S_NGRAM_CHARS 5
#define S_NGRAM_BYTES 20
#define S_OUT_OF_PLACE 400
#define S_THRESHOLD 1.03
#define S_MAX_CANDIDATES 5
#define S_TABLE (1u << 13)          /* hash slots for the text's n-grams */
#define S_TABLE_MAX (S_TABLE * 3 / 4) /* this many distinct n-grams tell the language */

/* One of the text's n-grams: its bytes stay in the framed copy of the text. */
typedef struct {
	const char *s;
	unsigned len, count;
} S_gram;

typedef struct {
	unsigned short *slots; /* S_TABLE of them: an index into grams + 1; 0 = empty */
	S_gram *grams;
	size_t used;
} S_grams;

static void S_count(S_grams *t, const char *s, size_t n)
{
	if (n > S_NGRAM_BYTES || t->used >= S_TABLE_MAX)
		return; /* a full table: enough n-grams to tell the language */
	for (unsigned i = galley__lang_hash(s, n) & (S_TABLE - 1);; i = (i + 1) & (S_TABLE - 1)) {
		unsigned v = t->slots[i];
		if (!v) {
			t->grams[t->used] = (S_gram){s, (unsigned)n, 1};
			t->slots[i] = (unsigned short)++t->used;
			return;
		}
		S_gram *g = &t->grams[v - 1];
		if (g->len == n && memcmp(g->s, s, n) == 0) {
			g->count++;
			return;
		}
	}
}

/* Most frequent first; ties bytewise, so the ranks never depend on the
 * order the text met them in. */
static int S_by_count(const void *a, const void *b)
{
	const S_gram *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	return c ? c : x->len < y->len ? -1 : x->len > y->len;
}

/* The length of the UTF-8 character at s (1 for a stray byte). */
static size_t S_char_len(const unsigned char *s)
{
	if (s[0] < 0xC0)
		return 1;
	size_t n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

static int S_invalid(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || (c >= '0' && c <= '9');
}

/* Where an n-gram is in the profiles; -1 when no language has it (as
 * one holding a NUL, which is a letter of no language). */
static long S_lookup(const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return -1;
	for (unsigned i = galley__lang_hash(s, n) & (GALLEY__LANG_SLOTS - 1);; i = (i + 1) & (GALLEY__LANG_SLOTS - 1)) {
		unsigned v = galley__lang_slots[i];
		if (!v)
			return -1;
		const char *g = galley__lang_pool + galley__lang_ngrams[v - 1].off;
		if (strncmp(g, s, n) == 0 && g[n] == '\0')
			return (long)v - 1;
	}
}

/* The text's profile: runs of spaces and digits become one '_', words are
 * framed by '_', and every n-gram of 1 to 5 characters that has '_' only
 * at its ends is counted; the 400 most frequent are ranked (0 the most
 * frequent) and each one's distance to every language added up, as
 * scores[p] = sum over the text's n-grams of |rank in p - rank in the
 * text|, or 400 when p lacks it (Cavnar and Trenkle's out-of-place
 * measure, computed from the n-grams' postings rather than by a merge
 * with each profile). Returns how many n-grams, or -1 when out of memory. */
static int S_scores(const char *text, size_t len, long *scores, unsigned nprof)
{
	char *buf = galley_malloc(len + 3);
	S_grams t = {galley_calloc(S_TABLE, sizeof(unsigned short)), galley_malloc(S_TABLE_MAX * sizeof(S_gram)), 0};
	unsigned *hist = NULL;
	size_t w = 0, n, keep = 0;
	int in_word = 0;

	if (!buf || !t.slots || !t.grams)
		goto oom;
	buf[w++] = '_';
	for (size_t i = 0; i < len; i++) {
		if (S_invalid((unsigned char)text[i])) {
			if (in_word)
				buf[w++] = '_';
			in_word = 0;
		} else {
			buf[w++] = text[i];
			in_word = 1;
		}
	}
	if (in_word)
		buf[w++] = '_';
	buf[w] = '\0';
	for (size_t p = 0; p < w && t.used < S_TABLE_MAX; p += S_char_len((const unsigned char *)buf + p)) {
		size_t q = p;
		for (int k = 1; k <= S_NGRAM_CHARS && q < w; k++) {
			q += S_char_len((const unsigned char *)buf + q);
			S_count(&t, buf + p, q - p);
			if (k > 1 && buf[q - 1] == '_')
				break; /* '_' only at the ends */
		}
	}
	/* The 400 most frequent: the count the 400th has, then only the
	 * n-grams that frequent are sorted (most occur once). */
	n = t.used;
	unsigned most = 0, least = 0;
	for (size_t i = 0; i < n; i++)
		if (t.grams[i].count > most)
			most = t.grams[i].count;
	if (n > S_NGRAMS) {
		if (!(hist = galley_calloc((size_t)most + 1, sizeof *hist)))
			goto oom;
		for (size_t i = 0; i < n; i++)
			hist[t.grams[i].count]++;
		size_t above = 0;
		for (least = most; least > 1 && above + hist[least] < S_NGRAMS; least--)
			above += hist[least];
		galley_free(hist);
	}
	for (size_t i = 0; i < n; i++)
		if (t.grams[i].count >= least)
			t.grams[keep++] = t.grams[i];
	qsort(t.grams, keep, sizeof(S_gram), S_by_count);
	if (keep > S_NGRAMS)
		keep = S_NGRAMS;
	for (unsigned p = 0; p < nprof; p++)
		scores[p] = (long)keep * S_OUT_OF_PLACE;
	for (size_t j = 0; j < keep; j++) {
		long g = S_lookup(t.grams[j].s, t.grams[j].len);
		if (g < 0)
			continue;
		for (unsigned k = galley__lang_ngrams[g].first; k < galley__lang_ngrams[g + 1].first; k++) {
			const galley__lang_posting *q = &galley__lang_postings[k];
			if (q->profile < nprof)
				scores[q->profile] += labs((long)q->rank - (long)j) - S_OUT_OF_PLACE;
		}
	}
	galley_free(buf);
	galley_free(t.slots);
	galley_free(t.grams);
	return (int)keep;
oom:
	galley_free(buf);
	galley_free(t.slots);
	galley_free(t.grams);
	return -1;
}

/* Decode one UTF-8 code point (invalid bytes count as U+FFFD). */
static unsigned S_decode(const unsigned char *s, size_t left, size_t *w)
{
	unsigned long cp;
	*w = galley_utf8_next((const char *)s, left, &cp);
	if (!*w) {
		*w = 1;
		return 0xFFFD;
	}
	return (unsigned)cp;
}

enum { S_LATIN, S_HANGUL, S_KANA, S_HAN, S_CYRILLIC, S_GREEK, S_ARABIC, S_HEBREW, S_THAI,
	S_DEVANAGARI, S_GEORGIAN, S_ARMENIAN, S_NSCRIPTS };

static int S_script(unsigned c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
		return S_LATIN;
	if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
		return S_HANGUL;
	if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D))
		return S_KANA;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF))
		return S_HAN;
	if (c >= 0x400 && c <= 0x52F)
		return S_CYRILLIC;
	if (c >= 0x370 && c <= 0x3FF)
		return S_GREEK;
	if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F))
		return S_ARABIC;
	if (c >= 0x590 && c <= 0x5FF)
		return S_HEBREW;
	if (c >= 0xE00 && c <= 0xE7F)
		return S_THAI;
	if (c >= 0x900 && c <= 0x97F)
		return S_DEVANAGARI;
	if (c >= 0x10A0 && c <= 0x10FF)
		return S_GEORGIAN;
	if (c >= 0x530 && c <= 0x58F)
		return S_ARMENIAN;
	return -1;
}

/* textcat's names ("en--utf8", "zh-CN-utf8", "az-cyrillic-utf8",
 * "haw-utf8") as BCP 47 tags. */
static int S_tag_from_textcat(const char *name, size_t n, char *out)
{
	char tmp[32];
	if (n >= sizeof tmp)
		return GALLEY_ENOTFOUND;
	memcpy(tmp, name, n);
	tmp[n] = '\0';
	size_t l = strlen(tmp);
	if (l > 5 && strcmp(tmp + l - 5, "-utf8") == 0)
		tmp[l -= 5] = '\0';
	while (l && tmp[l - 1] == '-')
		tmp[--l] = '\0';
	if (strcmp(tmp, "az-cyrillic") == 0)
		strcpy(tmp, "az-Cyrl");
	else if (strcmp(tmp, "sh") == 0)
		strcpy(tmp, "sr-Latn");
	else if (strcmp(tmp, "zh-CN") == 0)
		strcpy(tmp, "zh-Hans");
	else if (strcmp(tmp, "zh-TW") == 0)
		strcpy(tmp, "zh-Hant");
	if (!*tmp || strlen(tmp) >= 16)
		return GALLEY_ENOTFOUND;
	strcpy(out, tmp);
	return 0;
}

/* The best language by n-grams, as textcat's name ("en--utf8") turned into
 * a tag; GALLEY_ENOTFOUND when more than S_MAX_CANDIDATES languages score
 * within S_THRESHOLD of the best (an unclear text); GALLEY_ENOMEM. */
static int S_classify(const char *text, size_t len, char *out)
{
	long best = -1, scores[GALLEY__LANG_MAX_PROFILES];
	unsigned nprof = galley__lang_nprofiles, who = 0, close = 0;
	int nu = S_scores(text, len, scores, nprof);

	if (nu <= 0)
		return nu < 0 ? GALLEY_ENOMEM : GALLEY_ENOTFOUND;
	for (unsigned p = 0; p < nprof; p++)
		if (best < 0 || scores[p] < best) {
			best = scores[p];
			who = p;
		}
	for (unsigned p = 0; p < nprof; p++)
		if ((double)scores[p] <= (double)best * S_THRESHOLD)
			close++;
	if (close > S_MAX_CANDIDATES)
		return GALLEY_ENOTFOUND;
	const char *name = galley__lang_pool + galley__lang_names[who];
	return S_tag_from_textcat(name, strlen(name), out);
}

static int S_detect(const char *text, size_t len, char *out)
{
	static const char *const fixed[S_NSCRIPTS] = {
		[S_GREEK] = "el", [S_HEBREW] = "he", [S_THAI] = "th", [S_GEORGIAN] = "ka",
		[S_ARMENIAN] = "hy",
	};
	static const char *const fallback[S_NSCRIPTS] = {
		[S_CYRILLIC] = "ru", [S_ARABIC] = "ar", [S_DEVANAGARI] = "hi",
	};
	const unsigned char *s = (const unsigned char *)text;
	size_t count[S_NSCRIPTS] = {0}, i = 0, w, total = 0;

	if (!text || !out)
		return GALLEY_ENOTFOUND;
	if (len > S_SAMPLE_MAX) {
		len = S_SAMPLE_MAX;
		while (len > 0 && (s[len] & 0xC0) == 0x80)
			len--; /* do not cut a character in two */
	}
	while (i < len) {
		int sc = S_script(S_decode(s + i, len - i, &w));
		if (sc >= 0) {
			count[sc]++;
			total++;
		}
		i += w;
	}
	if (total == 0)
		return GALLEY_ENOTFOUND;

	/* One CJK character carries about as much as a short Latin word, so
	 * weigh them up: a Korean release quoting English names is Korean. */
	size_t cjk = count[S_HANGUL] + count[S_KANA] + count[S_HAN];
	if (cjk > 0 && cjk * 3 >= count[S_LATIN]) {
		if (count[S_HANGUL] > 0 && count[S_HANGUL] * 4 >= count[S_HAN] && count[S_HANGUL] >= count[S_KANA])
			strcpy(out, "ko");
		else if (count[S_KANA] > 0 && count[S_KANA] * 20 >= count[S_HAN])
			strcpy(out, "ja");
		else if (count[S_HAN] > 0)
			strcpy(out, "zh");
		else
			strcpy(out, count[S_HANGUL] >= count[S_KANA] ? "ko" : "ja");
		return 0;
	}

	int best = S_LATIN;
	for (int sc = 0; sc < S_NSCRIPTS; sc++)
		if (sc != S_HANGUL && sc != S_KANA && sc != S_HAN && count[sc] > count[best])
			best = sc;
	if (fixed[best]) {
		strcpy(out, fixed[best]);
		return 0;
	}
	/* Too little text for n-grams to tell Latin (or Cyrillic, Arabic...)
	 * languages apart: "Yes." came out as Shuswap. Leave it unknown. */
	if (total < S_CLASSIFY_MIN_LETTERS)
		return GALLEY_ENOTFOUND;
	int crc = S_classify(text, len, out);
	if (crc == 0 || crc == GALLEY_ENOMEM)
		return crc;
	if (fallback[best]) {
		strcpy(out, fallback[best]);
		return 0;
	}
	return GALLEY_ENOTFOUND;
}

int galley_detect_language(const char *text, size_t len, char *out, size_t outsize)
{
	char tag[16];
	int rc;
	if (!out || !outsize)
		return GALLEY_ENOTFOUND;
	if ((rc = S_detect(text, len, tag)) < 0)
		return rc == GALLEY_ENOMEM ? rc : GALLEY_ENOTFOUND;
	if (strlen(tag) >= outsize)
		return GALLEY_ENOTFOUND;
	strcpy(out, tag);
	return 0;
}
