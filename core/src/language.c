/* language.c — which language a release is written in, as a BCP 47 tag.
 * Scripts decide where they can (Hangul is Korean, kana Japanese, Greek
 * Greek...); Latin-script and other text goes to libexttextcat with the
 * fingerprints Debian ships. The classifier is loaded once per process and
 * used under a mutex, since textcat_Classify writes into its handle. */
#include "galley/plugin.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>

#ifndef GALLEY_TEXTCAT_DIR
#define GALLEY_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

/* How much text is looked at: a few KiB tell a language as well as the
 * whole body, and keep detection time constant. */
#define S_SAMPLE_MAX (16u * 1024u)
/* The fewest letters libexttextcat is asked about. Measured on the
 * releases-text and readability corpora (113 texts whose language is
 * declared, prefixes of the body text): right for 24% of 8-character
 * prefixes, 46% at 32, 76% at 96, 88% at 128 and 89-93% from there on
 * (its plateau). 128 characters of running text hold about 100 letters. */
#define S_CLASSIFY_MIN_LETTERS 100

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static void *S_textcat;

static void S_textcat_free(void)
{
	if (S_textcat)
		textcat_Done(S_textcat);
	S_textcat = NULL;
}

static void S_textcat_init(void)
{
	S_textcat = special_textcat_Init(GALLEY_TEXTCAT_DIR "fpdb.conf", GALLEY_TEXTCAT_DIR);
	/* Free it at exit so leak checkers stay quiet; plugins may still hold
	 * libgalley then, but nothing classifies after main() returns. */
	if (S_textcat)
		atexit(S_textcat_free);
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

/* Ask textcat; its answer is "[en--utf8][sco--utf8]" (best first),
 * "SHORT" or "UNKNOWN". */
static int S_classify(const char *text, size_t len, char *out)
{
	pthread_once(&S_once, S_textcat_init);
	if (!S_textcat)
		return GALLEY_ENOTFOUND;
	int rc = GALLEY_ENOTFOUND;
	pthread_mutex_lock(&S_lock);
	const char *r = textcat_Classify(S_textcat, text, len);
	if (r && r[0] == '[') {
		const char *end = strchr(r, ']');
		if (end)
			rc = S_tag_from_textcat(r + 1, (size_t)(end - r - 1), out);
	}
	pthread_mutex_unlock(&S_lock);
	return rc;
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
	if (S_classify(text, len, out) == 0)
		return 0;
	if (fallback[best]) {
		strcpy(out, fallback[best]);
		return 0;
	}
	return GALLEY_ENOTFOUND;
}

int galley_detect_language(const char *text, size_t len, char *out, size_t outsize)
{
	char tag[16];
	if (!out || !outsize || S_detect(text, len, tag) < 0 || strlen(tag) >= outsize)
		return GALLEY_ENOTFOUND;
	strcpy(out, tag);
	return 0;
}
