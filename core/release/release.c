/* release.c — what press releases have in common, shared by the text and
 * HTML readers: dates in the many ways sites write them, paragraph numbers,
 * site chrome that never belongs to a body, and numbered paragraphs as one
 * ordered list. Everything here takes untrusted (pointer, length) text. */
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Thresholds                                                          */
/* ------------------------------------------------------------------ */

/* The years a release can be dated in: 1800 lies before the first era
 * the parser knows (Meiji, 1868) and before any release of the corpora;
 * 2199 leaves room ahead. Outside them a number such as "3500.12.01" is
 * not a date. */
#define S_YEAR_MIN 1800
#define S_YEAR_MAX 2199
/* Paragraph numbers have at most three digits (up to 999, the limit the
 * README states): "2024. was good" starts with a year, not a number. */
#define S_NUMBER_DIGITS 3
/* No chrome entry is longer than 30 bytes ("ページのトップへ戻る"); 48 leaves
 * room for new entries and rejects every longer line without comparing. */
#define S_CHROME_MAX 48
/* A run of single chrome words ("KOR ENG", "Facebook Twitter") is a row of
 * buttons, one screen line at most (80 columns); body text is longer. */
#define S_CHROME_ROW_MAX 80
/* A signature is one short line: the longest of the fixtures and corpora
 * ("Spokesperson and Deputy Minister for Public Relations of MOFA", 61
 * bytes) fits with room for a longer name; a sentence rarely does. */
#define S_SIGNATURE_MAX 100
/* Nesting depths of sub-items under a numbered paragraph, and of an
 * outline: releases use three levels at most ("□", "ㅇ", "-"); deeper
 * input stays at the deepest level. */
#define S_NEST_MAX 8
#define S_OUTLINE_MAX 16
/* How far to look for the next paragraph number: a gap of more blocks is
 * not one list, and the bound keeps the pass linear on any input. */
#define S_GAP_MAX 200

/* ------------------------------------------------------------------ */
/* Small text helpers                                                  */
/* ------------------------------------------------------------------ */

static int S_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int S_upper_ascii(int c) { return c >= 'A' && c <= 'Z'; }
static int S_is_alpha_ascii(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A digit at p: ASCII or full-width (U+FF10..U+FF19, EF BC 90..99).
 * Returns its value and the byte width through *w, or -1. */
static int S_digit_at(const unsigned char *p, size_t left, size_t *w)
{
	if (left >= 1 && p[0] >= '0' && p[0] <= '9') {
		*w = 1;
		return p[0] - '0';
	}
	if (left >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
		*w = 3;
		return p[2] - 0x90;
	}
	return -1;
}

/* Read 1..maxd digits at *i; the number must not be followed by another
 * digit. Returns the value (or -1) and the digit count through *nd. */
static long S_number(const unsigned char *s, size_t len, size_t *i, int maxd, int *nd)
{
	size_t j = *i, w;
	long v = 0;
	int n = 0, d;
	while (j < len && (d = S_digit_at(s + j, len - j, &w)) >= 0) {
		if (++n > maxd)
			return -1;
		v = v * 10 + d;
		j += w;
	}
	if (n == 0)
		return -1;
	*i = j;
	*nd = n;
	return v;
}

static int S_digit_before(const unsigned char *s, size_t i)
{
	size_t w;
	if (i >= 1 && s[i - 1] >= '0' && s[i - 1] <= '9')
		return 1;
	return i >= 3 && S_digit_at(s + i - 3, 3, &w) >= 0;
}

static size_t S_skip_spaces(const unsigned char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == 0xA0))
		i++;
	/* U+00A0 as UTF-8 (C2 A0) and the ideographic space U+3000 (E3 80 80). */
	for (;;) {
		if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0)
			i += 2;
		else if (i + 2 < len && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
			i += 3;
		else if (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else
			return i;
	}
}

static int S_match_lit(const unsigned char *s, size_t len, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

static int S_days_in_month(long y, long m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int S_valid_date(long y, long m, long d)
{
	return y >= S_YEAR_MIN && y <= S_YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && d <= S_days_in_month(y, m);
}

static void S_iso(char *out, long y, long m, long d)
{
	/* Every field was range-checked, so this always fits GREL_DATE_SIZE. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* YYYY-MM-DD, YYYY.MM.DD(.), YYYY/MM/DD, "2024. 1. 18.", "2024년 1월 18일",
 * "2024年1月18日". */
static long S_date_ymd(const unsigned char *s, size_t len, size_t i, long *y, long *m, long *d)
{
	int nd;
	size_t j = i;
	*y = S_number(s, len, &j, 4, &nd);
	if (*y < 0 || nd != 4)
		return -1;
	size_t k = S_skip_spaces(s, len, j);
	if (S_match_lit(s, len, k, "년") || S_match_lit(s, len, k, "年")) {
		int kor = S_match_lit(s, len, k, "년");
		const char *mk = kor ? "월" : "月", *dk = kor ? "일" : "日";
		k = S_skip_spaces(s, len, k + 3);
		*m = S_number(s, len, &k, 2, &nd);
		if (*m < 0)
			return -1;
		k = S_skip_spaces(s, len, k);
		if (!S_match_lit(s, len, k, mk))
			return -1;
		k = S_skip_spaces(s, len, k + 3);
		*d = S_number(s, len, &k, 2, &nd);
		if (*d < 0)
			return -1;
		k = S_skip_spaces(s, len, k);
		if (!S_match_lit(s, len, k, dk))
			return -1;
		return (long)(k + 3);
	}
	if (j >= len || (s[j] != '-' && s[j] != '.' && s[j] != '/'))
		return -1;
	unsigned char sep = s[j];
	k = j + 1;
	if (sep == '.')
		k = S_skip_spaces(s, len, k);
	*m = S_number(s, len, &k, 2, &nd);
	if (*m < 0 || k >= len || s[k] != sep)
		return -1;
	k++;
	if (sep == '.')
		k = S_skip_spaces(s, len, k);
	*d = S_number(s, len, &k, 2, &nd);
	if (*d < 0)
		return -1;
	if (sep == '.' && k < len && s[k] == '.') {
		size_t w;
		/* a closing dot, unless it starts a decimal ("2018.03.07.5") */
		if (!(k + 1 < len && S_digit_at(s + k + 1, len - k - 1, &w) >= 0))
			k++;
	}
	return (long)k;
}

/* DD.MM.YYYY (German), DD-MM-YYYY, MM/DD/YYYY (US; DD/MM when the first
 * number cannot be a month). */
static long S_date_dmy(const unsigned char *s, size_t len, size_t i, long *y, long *m, long *d)
{
	int nd;
	size_t k = i;
	long a = S_number(s, len, &k, 2, &nd);
	if (a < 0 || k >= len || (s[k] != '.' && s[k] != '/' && s[k] != '-'))
		return -1;
	unsigned char sep = s[k++];
	if (sep == '.')
		k = S_skip_spaces(s, len, k);
	long b = S_number(s, len, &k, 2, &nd);
	if (b < 0 || k >= len || s[k] != sep)
		return -1;
	k++;
	if (sep == '.')
		k = S_skip_spaces(s, len, k);
	*y = S_number(s, len, &k, 4, &nd);
	if (*y < 0 || nd != 4)
		return -1;
	if (sep == '/' && a <= 12) {
		*m = a;
		*d = b;
	} else {
		*d = a;
		*m = b;
	}
	return (long)k;
}

typedef struct { const char *name; long base; } S_era;
static const S_era S_eras[] = {
	{"令和", 2018}, {"平成", 1988}, {"昭和", 1925}, {"大正", 1911}, {"明治", 1867},
};
#define S_NERAS (sizeof S_eras / sizeof S_eras[0])

/* Japanese era years: 明治 1868, 大正 1912, 昭和 1926, 平成 1989, 令和 2019
 * (year 1, written 元年, is the base year). */
static long S_date_era(const unsigned char *s, size_t len, size_t i, long *y, long *m, long *d)
{
	const S_era *eras = S_eras;
	size_t e, k;
	int nd;
	for (e = 0; e < S_NERAS; e++)
		if (S_match_lit(s, len, i, eras[e].name))
			break;
	if (e == S_NERAS)
		return -1;
	k = S_skip_spaces(s, len, i + strlen(eras[e].name));
	long ey;
	if (S_match_lit(s, len, k, "元")) {
		ey = 1;
		k += 3;
	} else if ((ey = S_number(s, len, &k, 2, &nd)) < 1) {
		return -1;
	}
	k = S_skip_spaces(s, len, k);
	if (!S_match_lit(s, len, k, "年"))
		return -1;
	k = S_skip_spaces(s, len, k + 3);
	*m = S_number(s, len, &k, 2, &nd);
	if (*m < 0 || !S_match_lit(s, len, k, "月"))
		return -1;
	k = S_skip_spaces(s, len, k + 3);
	*d = S_number(s, len, &k, 2, &nd);
	if (*d < 0 || !S_match_lit(s, len, k, "日"))
		return -1;
	*y = eras[e].base + ey;
	return (long)(k + 3);
}

/* Month names, lower case, full names before their abbreviations so the
 * longest match wins (English, German, French, Spanish, Italian, Dutch,
 * Portuguese). */
static const struct { const char *name; int month; } S_months[] = {
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
	{"december", 12},
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5},
	{"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
	{"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
	{"novembre", 11}, {"décembre", 12}, {"decembre", 12},
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
	{"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12},
	{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
	{"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
	{"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
	{"sept", 9}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
	{"aug", 8}, {"sep", 9}, {"oct", 10}, {"okt", 10}, {"nov", 11}, {"dec", 12}, {"dez", 12},
	{"févr", 2}, {"janv", 1}, {"avr", 4}, {"juil", 7}, {"déc", 12},
};

/* A byte that continues a word: ASCII letters and any non-ASCII byte
 * (accented letters), so "Mayor" is not "May". */
static int S_wordbyte(unsigned char c) { return S_is_alpha_ascii(c) || c >= 0x80; }

static int S_month_word(const unsigned char *s, size_t len, size_t i, size_t *end)
{
	for (size_t n = 0; n < sizeof S_months / sizeof S_months[0]; n++) {
		const char *name = S_months[n].name;
		size_t nl = strlen(name), j;
		if (i + nl > len)
			continue;
		for (j = 0; j < nl; j++)
			if (S_lower(s[i + j]) != (unsigned char)name[j])
				break;
		if (j < nl || (i + nl < len && S_wordbyte(s[i + nl])))
			continue;
		j = i + nl;
		if (j < len && s[j] == '.')
			j++;
		*end = j;
		return S_months[n].month;
	}
	return -1;
}

/* "18 January 2024", "18. Januar 2024", "1er mars 2024", "18 de enero de 2024",
 * "18th January, 2024". */
static long S_date_d_month_y(const unsigned char *s, size_t len, size_t i, long *y, long *m, long *d)
{
	int nd;
	size_t k = i, e;
	*d = S_number(s, len, &k, 2, &nd);
	if (*d < 0)
		return -1;
	if (k < len && (s[k] == '.' || s[k] == '-'))
		k++; /* "7. Oktober 2020", "11-July-2015" */
	else if (k + 1 < len && (S_match_lit(s, len, k, "st") || S_match_lit(s, len, k, "nd") ||
		 S_match_lit(s, len, k, "rd") || S_match_lit(s, len, k, "th") || S_match_lit(s, len, k, "er")))
		k += 2;
	k = S_skip_spaces(s, len, k);
	if (S_match_lit(s, len, k, "de "))
		k = S_skip_spaces(s, len, k + 3);
	*m = S_month_word(s, len, k, &e);
	if (*m < 0)
		return -1;
	k = e;
	if (k < len && (s[k] == ',' || s[k] == '-'))
		k++;
	k = S_skip_spaces(s, len, k);
	if (S_match_lit(s, len, k, "de "))
		k = S_skip_spaces(s, len, k + 3);
	*y = S_number(s, len, &k, 4, &nd);
	if (*y < 0 || nd != 4)
		return -1;
	return (long)k;
}

/* "January 18, 2024", "Jan. 18 2024", "March 7th, 2018". */
static long S_date_month_d_y(const unsigned char *s, size_t len, size_t i, long *y, long *m, long *d)
{
	int nd;
	size_t k, e;
	if (i > 0 && S_wordbyte(s[i - 1]))
		return -1;
	*m = S_month_word(s, len, i, &e);
	if (*m < 0)
		return -1;
	k = S_skip_spaces(s, len, e);
	*d = S_number(s, len, &k, 2, &nd);
	if (*d < 0)
		return -1;
	if (S_match_lit(s, len, k, "st") || S_match_lit(s, len, k, "nd") ||
	    S_match_lit(s, len, k, "rd") || S_match_lit(s, len, k, "th"))
		k += 2;
	if (k < len && s[k] == ',')
		k++;
	k = S_skip_spaces(s, len, k);
	*y = S_number(s, len, &k, 4, &nd);
	if (*y < 0 || nd != 4)
		return -1;
	return (long)k;
}

long grel_parse_date(const char *text, size_t len, char *out, size_t outsize)
{
	const unsigned char *s = (const unsigned char *)text;
	typedef long (*parser)(const unsigned char *, size_t, size_t, long *, long *, long *);
	static const parser digit_parsers[] = {S_date_ymd, S_date_dmy, S_date_d_month_y};
	size_t w;

	if (!text || (out && outsize < GREL_DATE_SIZE))
		return -1;
	for (size_t i = 0; i < len; i++) {
		long y, m, d, end = -1;
		if (S_digit_at(s + i, len - i, &w) >= 0) {
			if (S_digit_before(s, i))
				continue;
			for (size_t p = 0; p < sizeof digit_parsers / sizeof digit_parsers[0]; p++) {
				end = digit_parsers[p](s, len, i, &y, &m, &d);
				if (end >= 0 && !(S_digit_at(s + end, len - (size_t)end, &w) >= 0) &&
				    S_valid_date(y, m, d))
					break;
				end = -1;
			}
		} else if (S_is_alpha_ascii(s[i])) {
			end = S_date_month_d_y(s, len, i, &y, &m, &d);
			if (end >= 0 && (S_digit_at(s + end, len - (size_t)end, &w) >= 0 || !S_valid_date(y, m, d)))
				end = -1;
		} else if (s[i] >= 0xE0) {
			end = S_date_era(s, len, i, &y, &m, &d);
			if (end >= 0 && !S_valid_date(y, m, d))
				end = -1;
		}
		if (end >= 0) {
			if (out)
				S_iso(out, y, m, d);
			return end;
		}
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Paragraph numbers                                                   */
/* ------------------------------------------------------------------ */

long grel_number(const char *text, size_t len, size_t *skip)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, k;
	int nd, paren = 0, wide = 0;
	long v;

	if (!text)
		return -1;
	i = S_skip_spaces(s, len, 0);
	/* Circled numbers ① (U+2460) .. ⑳ (U+2473): E2 91 A0 .. E2 91 B3. */
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x91 && s[i + 2] >= 0xA0 && s[i + 2] <= 0xB3) {
		v = s[i + 2] - 0xA0 + 1;
		k = S_skip_spaces(s, len, i + 3);
		if (k == i + 3 && k < len)
			return -1;
		if (skip)
			*skip = k;
		return v;
	}
	if (i < len && s[i] == '(') {
		paren = 1;
		i++;
	} else if (S_match_lit(s, len, i, "（")) {
		paren = 1;
		i += 3;
	}
	k = i;
	v = S_number(s, len, &k, S_NUMBER_DIGITS, &nd);
	if (v < 0)
		return -1;
	if (paren) {
		if (k < len && s[k] == ')')
			k++;
		else if (S_match_lit(s, len, k, "）"))
			k += 3;
		else
			return -1;
	} else if (k < len && (s[k] == '.' || s[k] == ')')) {
		k++;
	} else if (S_match_lit(s, len, k, "．") || S_match_lit(s, len, k, "）") ||
		   S_match_lit(s, len, k, "、") || S_match_lit(s, len, k, "\xE3\x80\x80")) {
		/* "1　本文": Japanese releases number with an ideographic space. */
		k += 3;
		wide = 1;
	} else if (!paren && nd <= 2 && k < len && s[k] == ' ') {
		/* "1 Ministers met ...", "1 冒頭,...": a bare number and a space
		 * before a capital or a letter of another script, not a count
		 * ("3 million"), a date ("10 April 2019") or a figure ("2 3"). */
		size_t t = S_skip_spaces(s, len, k), e;
		if (t >= len || !(S_upper_ascii(s[t]) || s[t] >= 0x80) || S_month_word(s, len, t, &e) >= 0 ||
		    S_digit_at(s + t, len - t, &e) >= 0)
			return -1;
		if (skip)
			*skip = t;
		return v;
	} else {
		return -1;
	}
	/* The number must be followed by white space (not needed after a
	 * full-width mark) and then text: "1.5 m" and "2. " alone are not
	 * paragraph numbers. */
	size_t t = S_skip_spaces(s, len, k);
	if ((t == k && !wide) || t >= len || s[t] == '\n' || s[t] == '\r')
		return -1;
	if (skip)
		*skip = t;
	return v;
}

/* ------------------------------------------------------------------ */
/* Chrome                                                              */
/* ------------------------------------------------------------------ */

/* Whole lines (compared case-insensitively for ASCII, after trimming)
 * that are navigation, buttons or labels of a site, never body text. */
/* With their lengths, since every line of a document is checked. */
#define C(s) {s, sizeof(s) - 1}
static const struct { const char *s; size_t len; } S_chrome[] = {
	/* Korean */
	C("바로가기 메뉴"), C("본문 바로가기"), C("주메뉴 바로가기"), C("본문으로 바로가기"), C("메뉴 바로가기"),
	C("검색창 열기"), C("검색창 닫기"), C("검색"), C("전체메뉴"), C("전체메뉴 열기"), C("전체메뉴 닫기"), C("메뉴 열기"),
	C("메뉴 닫기"), C("한국어"), C("영문"), C("목록"), C("목록으로"), C("이전글"), C("다음글"), C("이전"), C("다음"),
	C("인쇄"), C("인쇄하기"), C("공유"), C("공유하기"), C("페이스북"), C("트위터"), C("카카오스토리"), C("카카오톡"),
	C("블로그"), C("맨위로"), C("맨 위로"), C("위로"), C("조회수"), C("조회"), C("작성일"), C("등록일"), C("작성자"), C("담당부서"),
	C("첨부파일"), C("첨부"), C("다운로드"), C("미리보기"), C("바로보기"), C("닫기"), C("홈"), C("로그인"), C("사이트맵"),
	C("개인정보처리방침"), C("저작권정책"), C("이메일무단수집거부"), C("URL 복사"), C("링크 복사"), C("글자크기"),
	C("확대"), C("축소"), C("폰트"), C("프린트"), C("프린트하기"), C("글자"), C("스크랩"), C("보도자료"), C("언론보도"), C("뉴스"), C("알림마당"),
	/* English */
	C("KOR"), C("ENG"), C("EN"), C("KO"), C("JP"), C("CN"), C("FR"), C("DE"), C("English"), C("Korean"), C("Skip to main content"),
	C("Skip to content"), C("Skip navigation"), C("Skip to navigation"), C("Skip to main menu"),
	C("Jump to navigation"), C("Main menu"), C("Menu"), C("Open menu"), C("Close menu"), C("Search"), C("Open search"),
	C("Close search"), C("Close"), C("Home"), C("Login"), C("Log in"), C("Sign in"), C("Sign up"), C("Sitemap"),
	C("Site map"), C("Back"), C("Back to top"), C("Top"), C("To top"), C("Go to top"), C("Back to Press Releases"),
	C("Back to press release list"), C("Back to list"), C("Back to news"), C("List"), C("To the list"),
	C("View list"), C("Prev"), C("Previous"), C("Next"), C("Previous post"), C("Next post"), C("Print"), C("Print this page"),
	C("Print page"), C("Share"), C("Share this"), C("Share this page"), C("Share on Facebook"), C("Share on Twitter"),
	C("Share on X"), C("Share on LinkedIn"), C("Email"), C("E-mail"), C("Send email"), C("Facebook"), C("Twitter"), C("X"),
	C("LinkedIn"), C("Instagram"), C("YouTube"), C("Kakao"), C("KakaoTalk"), C("Kakao Story"), C("Naver Blog"), C("Blog"),
	C("Weibo"), C("WeChat"), C("Line"), C("Copy link"), C("Copy URL"), C("Tweet"), C("Like"), C("RSS"), C("Date"), C("Hit"),
	C("Hits"), C("Views"), C("View"), C("Attachments"), C("Attachment"), C("Attached files"), C("Download"),
	C("Downloads"), C("Preview"), C("Privacy Policy"), C("Privacy"), C("Terms of Use"), C("Terms"), C("Cookies"),
	C("Cookie settings"), C("Accessibility"), C("Contact us"), C("Related links"), C("Related articles"),
	C("Tags"), C("Font size"), C("Text size"), C("Press Releases"), C("Press Release"), C("News"),
	C("Press releases and statements"), C("Japanese"), C("Page Top"), C("Page top"), C("Toggle navigation"),
	C("Navigation"), C("Language"), C("Language:"), C("Next Post"), C("Previous Post"), C("Page contents"),
	C("Print friendly pdf"), C("Get emails about this page"), C("Search GOV.UK"), C("Skip to main navigation"),
	/* German, French, Japanese, Chinese */
	C("Deutsch"), C("Français"), C("Zurück"), C("Zurück zur Übersicht"), C("Drucken"), C("Teilen"), C("Nach oben"),
	C("Zum Inhalt springen"), C("Zum Hauptinhalt springen"), C("Aller au contenu principal"), C("Aller au contenu"), C("Springe zum Inhalt"), C("Direkt zum Inhalt"), C("Hauptnavigation"), C("Suche"),
	C("Startseite"), C("Datenschutz"), C("Impressum"), C("Barrierefreiheit"), C("Retour"), C("Retour à la liste"),
	C("Imprimer"), C("Partager"), C("Haut de page"), C("Aller au contenu"), C("Accueil"), C("Rechercher"),
	C("Mentions légales"), C("Plan du site"), C("日本語"), C("中文"), C("印刷"), C("共有"), C("シェア"), C("戻る"),
	C("一覧へ戻る"), C("一覧に戻る"), C("ページの先頭へ"), C("本文へ"), C("メニュー"), C("検索"), C("ホーム"),
	C("返回"), C("打印"), C("分享"), C("返回顶部"), C("首页"), C("关闭"), C("ページのトップへ戻る"), C("ページトップへ"),
};
#undef C

static void S_trim(const unsigned char **s, size_t *len)
{
	const unsigned char *p = *s;
	size_t n = *len;
	for (;;) {
		size_t k = S_skip_spaces(p, n, 0);
		if (k > 0) {
			p += k;
			n -= k;
			continue;
		}
		if (n && (p[0] == '\n' || p[0] == '\r')) {
			p++;
			n--;
			continue;
		}
		break;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	while (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0)
		n -= 2;
	*s = p;
	*len = n;
}

static int S_chrome_word(const unsigned char *s, size_t len)
{
	S_trim(&s, &len);
	/* A button written in brackets: "[Print]", "【打印】". */
	if (len > 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	} else if (len > 6 && S_match_lit(s, len, 0, "【") && S_match_lit(s, len, len - 3, "】")) {
		s += 3;
		len -= 6;
	}
	if (len == 0 || len > S_CHROME_MAX)
		return 0;
	for (size_t i = 0; i < sizeof S_chrome / sizeof S_chrome[0]; i++)
		if (S_chrome[i].len == len && grel_eq_fold((const char *)s, len, S_chrome[i].s))
			return 1;
	return 0;
}

/* The first crumb of a breadcrumb, and counter labels before a number. */
static const char *const S_homes[] = {"Home", "홈", "Accueil", "Startseite", "ホーム", "首页", NULL};
static const char *const S_counters[] = {"hit", "hits", "views", "조회수", "조회", "閲覧数", NULL};

/* A separator between chrome pieces: | · / • › » > and runs of 2+ spaces. */
static size_t S_separator(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == '|' || s[i] == '/' || s[i] == '>' || s[i] == '\t')
		return 1;
	if (i + 1 < len && s[i] == ' ' && s[i + 1] == ' ')
		return 2;
	if (S_match_lit(s, len, i, "·") || S_match_lit(s, len, i, "»") || S_match_lit(s, len, i, "›"))
		return 2;
	if (S_match_lit(s, len, i, "•") || S_match_lit(s, len, i, "ㅣ"))
		return 3;
	return 0;
}

int grel_is_chrome(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t skip;

	if (!text)
		return 0;
	S_trim(&s, &len);
	if (len == 0)
		return 0;
	if (S_chrome_word(s, len) || grel_is_furniture((const char *)s, len))
		return 1;
	/* Copyright lines and footers. */
	if (grel_starts_fold((const char *)s, len, "Copyright") || S_match_lit(s, len, 0, "©") ||
	    S_match_lit(s, len, 0, "ⓒ") || grel_starts_fold((const char *)s, len, "(c) ") ||
	    grel_starts_fold((const char *)s, len, "All rights reserved"))
		return 1;
	/* Breadcrumbs: "Home > Press > ...", "홈 > 알림마당 > 보도자료". */
	for (size_t h = 0; S_homes[h]; h++) {
		size_t hl = strlen(S_homes[h]);
		if (grel_starts_fold((const char *)s, len, S_homes[h])) {
			size_t k = S_skip_spaces(s, len, hl);
			if (k < len && (s[k] == '>' || S_match_lit(s, len, k, "›") || S_match_lit(s, len, k, "»") ||
					S_match_lit(s, len, k, "ᐳ") || S_match_lit(s, len, k, "〉")))
				return 1;
		}
	}
	/* "hit 191", "조회수 : 191", "Views: 2,345": a counter label and a number. */
	for (size_t c = 0; S_counters[c]; c++) {
		size_t cl = strlen(S_counters[c]);
		if (!grel_starts_fold((const char *)s, len, S_counters[c]))
			continue;
		size_t k = S_skip_spaces(s, len, cl);
		if (k < len && s[k] == ':')
			k = S_skip_spaces(s, len, k + 1);
		if (k == cl && k < len)
			continue;
		size_t j = k;
		while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == ','))
			j++;
		if (j > k && j == len)
			return 1;
	}
	/* "1. Facebook", "2. Twitter": numbered social-media link lists. */
	if (grel_number(text, (size_t)((const char *)s + len - text), &skip) >= 0) {
		const unsigned char *rest = (const unsigned char *)text + skip;
		if (S_chrome_word(rest, (size_t)(s + len - rest)))
			return 1;
	}
	/* Several chrome pieces on one line: "KOR | ENG", "Print  Share",
	 * "Prev · Next". Every piece must be chrome. */
	{
		size_t start = 0, pieces = 0, i = 0;
		int all = 1, sawsep = 0;
		while (i <= len) {
			size_t sl = i < len ? S_separator(s, len, i) : 1;
			if (sl) {
				if (i > start) {
					const unsigned char *p = s + start;
					size_t pl = i - start;
					S_trim(&p, &pl);
					if (pl) {
						pieces++;
						if (!S_chrome_word(p, pl))
							all = 0;
					}
				}
				if (i < len)
					sawsep = 1;
				i += sl;
				start = i;
			} else {
				i++;
			}
			if (!all)
				break;
		}
		if (all && sawsep && pieces >= 1)
			return 1;
	}
	/* Single words separated by one space, each a chrome word: "KOR ENG",
	 * "Facebook Twitter". Only short lines, so body text never matches. */
	if (len <= S_CHROME_ROW_MAX) {
		size_t start = 0, words = 0;
		for (size_t i = 0; i <= len; i++) {
			if (i == len || s[i] == ' ') {
				if (i > start) {
					if (!S_chrome_word(s + start, i - start))
						return 0;
					words++;
				}
				start = i + 1;
			}
		}
		return words >= 2;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Numbered paragraphs as one ordered list                              */
/* ------------------------------------------------------------------ */

/* Sub-item markers that nest under a numbered paragraph. Returns the
 * marker's index (its "kind", which decides nesting depth) and the bytes
 * up to the text after it, or -1. */
static const char *const S_markers[] = {
	"°", "o ", "ㅇ", "○", "◦", "•", "·", "∙", "-", "–", "—", "▪", "■", "◆", "◇", "►", "▶", "‣", "*", "※",
};

static int S_sub_marker(const unsigned char *s, size_t len, size_t *skip)
{
	size_t i = S_skip_spaces(s, len, 0);
	for (size_t m = 0; m < sizeof S_markers / sizeof S_markers[0]; m++) {
		size_t ml = strlen(S_markers[m]);
		if (!S_match_lit(s, len, i, S_markers[m]))
			continue;
		size_t k = S_skip_spaces(s, len, i + ml);
		/* "-" and "*" need a space after them ("-5%" and "*bold" are text). */
		if ((S_markers[m][0] == '-' || S_markers[m][0] == '*') && k == i + ml)
			continue;
		if (k >= len)
			continue;
		*skip = k;
		return (int)m;
	}
	return -1;
}

/* Depth-first successor of n within root (NULL after the last). */
static galley_node *S_next_in(galley_node *root, galley_node *n)
{
	if (galley_node_first_child(n))
		return galley_node_first_child(n);
	while (n && n != root) {
		if (galley_node_next(n))
			return galley_node_next(n);
		n = galley_node_parent(n);
	}
	return NULL;
}

/* The first bytes of a paragraph's text, across inline containers
 * ("<strong>1.</strong> text"); stops at the first non-text leaf. */
size_t grel__prefix(galley_node *para, char *buf)
{
	size_t len = 0;
	for (galley_node *n = galley_node_first_child(para); n && len < GREL_PREFIX_MAX; n = S_next_in(para, n)) {
		galley_node_type t = galley_node_get_type(n);
		if (t == GALLEY_NODE_TEXT) {
			size_t tl = galley_node_get_text_len(n);
			if (tl > GREL_PREFIX_MAX - len)
				tl = GREL_PREFIX_MAX - len;
			memcpy(buf + len, galley_node_get_text(n), tl);
			len += tl;
		} else if (galley_node_type_is_leaf(t)) {
			break;
		}
	}
	return len;
}

/* The paragraph's number, or -1 when it has none. */
static long S_para_number(galley_node *n, size_t *skip)
{
	char buf[GREL_PREFIX_MAX];
	if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return -1;
	return grel_number(buf, grel__prefix(n, buf), skip);
}

static int S_para_marker(galley_node *n, size_t *skip)
{
	char buf[GREL_PREFIX_MAX];
	if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return -1;
	return S_sub_marker((const unsigned char *)buf, grel__prefix(n, buf), skip);
}

/* Remove the first `skip` bytes of a paragraph's text, dropping text
 * nodes and inline containers the cut leaves empty. */
int grel__strip_prefix(galley_node *para, size_t skip)
{
	galley_node *n = galley_node_first_child(para);
	while (n && skip > 0) {
		if (galley_node_get_type(n) != GALLEY_NODE_TEXT) {
			if (galley_node_type_is_leaf(galley_node_get_type(n)))
				break;
			n = S_next_in(para, n);
			continue;
		}
		size_t tl = galley_node_get_text_len(n);
		if (skip < tl) {
			/* set_text copies, and the source overlaps the node's own text. */
			size_t rl = tl - skip;
			char *copy = galley_malloc(rl);
			if (!copy)
				return GALLEY_ENOMEM;
			memcpy(copy, galley_node_get_text(n) + skip, rl);
			int rc = galley_node_set_text(n, copy, rl);
			galley_free(copy);
			return rc;
		}
		skip -= tl;
		galley_node *next = S_next_in(para, n), *p = galley_node_parent(n);
		galley_node_free(n);
		while (p && p != para && galley_node_child_count(p) == 0) {
			/* `next` lies outside p: p had nothing after n. */
			galley_node *up = galley_node_parent(p);
			galley_node_free(p);
			p = up;
		}
		n = next;
	}
	return 0;
}

/* Move `node` to the end of `item`, as a sub-item in the nested lists
 * when it is a marked paragraph. `kinds` remembers the marker kind of
 * each nesting depth under the current item. */
typedef struct {
	int kinds[S_NEST_MAX];
	galley_node *lists[S_NEST_MAX];
	int depth;
} S_nest;

static int S_nest_into(galley_context *ctx, galley_node *item, galley_node *node, S_nest *nest)
{
	size_t skip;
	int kind = S_para_marker(node, &skip), rc;

	galley_node_unlink(node);
	if (kind < 0) {
		/* An already-built bullet list after the paragraph nests as is;
		 * anything else closes the sub-lists and follows in the item. */
		nest->depth = 0;
		rc = galley_node_append_child(item, node);
		goto done;
	}
	int d;
	for (d = 0; d < nest->depth; d++)
		if (nest->kinds[d] == kind)
			break;
	if (d == nest->depth && d == (int)(sizeof nest->kinds / sizeof nest->kinds[0]))
		d = nest->depth - 1; /* too deep: stay at the deepest level */
	if (d < nest->depth) {
		nest->depth = d + 1;
	} else {
		galley_node *parent = d == 0 ? item : galley_node_last_child(nest->lists[d - 1]);
		galley_node *list = galley_node_new(GALLEY_NODE_LIST);
		if (!list) {
			galley_node_free(node);
			return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		}
		galley_node_set_list_ordered(list, 0);
		if ((rc = galley_node_append_child(parent, list)) < 0) {
			galley_node_free(list);
			galley_node_free(node);
			goto done;
		}
		nest->kinds[d] = kind;
		nest->lists[d] = list;
		nest->depth = d + 1;
	}
	if ((rc = grel__strip_prefix(node, skip)) < 0) {
		galley_node_free(node);
		goto done;
	}
	galley_node *sub = galley_node_new(GALLEY_NODE_ITEM);
	if (!sub) {
		galley_node_free(node);
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	if ((rc = galley_node_append_child(nest->lists[d], sub)) < 0) {
		galley_node_free(sub);
		galley_node_free(node);
		goto done;
	}
	rc = galley_node_append_child(sub, node);
	if (rc < 0)
		galley_node_free(node);
done:
	if (rc == GALLEY_ENOMEM)
		return galley_error(ctx, rc, "out of memory");
	if (rc < 0)
		return galley_error(ctx, rc, "cannot nest a block under a numbered paragraph");
	return 0;
}

/* Whether a block after the last numbered paragraph still belongs to it:
 * sub-item paragraphs and bullet lists do; other blocks end the list. */
static int S_trails_item(galley_node *n)
{
	size_t skip;
	if (S_para_marker(n, &skip) >= 0)
		return 1;
	return galley_node_get_type(n) == GALLEY_NODE_LIST && !galley_node_get_list_ordered(n);
}


static int S_stops_run(galley_node *n)
{
	galley_node_type t = galley_node_get_type(n);
	return t == GALLEY_NODE_HEADING || t == GALLEY_NODE_BREAK;
}

/* The first block numbered `want` from `from` on (inclusive), before a
 * heading and within S_GAP_MAX blocks; NULL when there is none. With
 * `stop_at_number`, any other numbered paragraph ends the search. */
static galley_node *S_find_number(galley_node *from, long want, int stop_at_number)
{
	size_t skip;
	int steps = 0;
	for (galley_node *n = from; n && steps < S_GAP_MAX; n = galley_node_next(n), steps++) {
		long v = S_para_number(n, &skip);
		if (v == want)
			return n;
		if (S_stops_run(n) || (stop_at_number && v >= 0))
			return NULL;
	}
	return NULL;
}

static int S_new_item(galley_context *ctx, galley_node *list, galley_node *para, size_t skip)
{
	galley_node *item = galley_node_new(GALLEY_NODE_ITEM);
	int rc;
	if (!item)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	if ((rc = galley_node_append_child(list, item)) < 0) {
		galley_node_free(item);
		return galley_error(ctx, rc, "cannot add a list item");
	}
	galley_node_unlink(para);
	if ((rc = galley_node_append_child(item, para)) < 0) {
		galley_node_free(para);
		return galley_error(ctx, rc, "cannot add a list item");
	}
	if ((rc = grel__strip_prefix(para, skip)) < 0)
		return galley_error(ctx, rc, "out of memory");
	return 0;
}

/* Turn the run of numbered paragraphs starting at `first` (number `num`)
 * into one ordered list; *after is the block after it (NULL at the end).
 * Between two numbered paragraphs everything belongs to the first; after
 * the last one only its sub-items do. */
static int S_make_list(galley_context *ctx, galley_node *first, long num, galley_node **after)
{
	galley_node *list = galley_node_new(GALLEY_NODE_LIST), *cur = first, *next;
	S_nest nest;
	long expect = num;
	size_t skip;
	int rc;

	if (!list)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	galley_node_set_list_ordered(list, 1);
	galley_node_set_list_start(list, num);
	if ((rc = galley_node_insert_before(first, list)) < 0) {
		galley_node_free(list);
		return galley_error(ctx, rc, "cannot place a list here");
	}
	while (cur && S_para_number(cur, &skip) == expect) {
		galley_node *item_para = cur, *target;
		next = galley_node_next(cur);
		if ((rc = S_new_item(ctx, list, cur, skip)) < 0)
			return rc;
		galley_node *item = galley_node_parent(item_para);
		memset(&nest, 0, sizeof nest);
		expect++;
		target = S_find_number(next, expect, 0);
		cur = next;
		while (cur && cur != target) {
			if (!target && !S_trails_item(cur))
				break;
			next = galley_node_next(cur);
			if ((rc = S_nest_into(ctx, item, cur, &nest)) < 0)
				return rc;
			cur = next;
		}
	}
	*after = cur;
	return 0;
}

int grel_number_paragraphs(galley_context *ctx, galley_node *doc)
{
	galley_node *cur;

	if (!doc)
		return 0;
	cur = galley_node_first_child(doc);
	while (cur) {
		size_t skip;
		long n = S_para_number(cur, &skip);
		galley_node *next = galley_node_next(cur);
		if (n >= 0 && S_find_number(next, n + 1, 1)) {
			/* A run needs a second paragraph numbered n+1 before any heading
			 * or other number, so a lone "1. " line stays a paragraph. */
			int rc = S_make_list(ctx, cur, n, &next);
			if (rc < 0)
				return rc;
		}
		cur = next;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Marked paragraphs as an outline                                     */
/* ------------------------------------------------------------------ */

/* Top-level items of Korean releases ("□ ..."), then the sub-item markers
 * (the text reader's, in its order). Box kinds count from S_BOX_KIND so
 * that the two never share a level. */
static const char *const S_box_markers[] = {"□", "■", "◆", "◇", "▣", "◼", "❑", NULL};
static const char *const S_outline_markers[] = {
	"°", "o ", "ㅇ", "○", "◦", "•", "·", "∙", "-", "–", "—", "▪", "►", "▶", "‣", "→", NULL};
#define S_BOX_KIND 100
#define S_STAR_KIND 200

/* The marker in table at the start of s (a space must follow an ASCII
 * marker and "°": "-5%" and "°C" are text), with the bytes up to the text
 * after it; -1 when there is none or nothing follows it. */
static int S_table_marker(const unsigned char *s, size_t len, const char *const *table, size_t *skip)
{
	for (int m = 0; table[m]; m++) {
		size_t ml = strlen(table[m]);
		if (!S_match_lit(s, len, 0, table[m]))
			continue;
		size_t k = S_skip_spaces(s, len, ml);
		if (k == ml && table[m][ml - 1] != ' ' &&
			((unsigned char)table[m][ml - 1] < 0x80 || strcmp(table[m], "°") == 0))
			continue;
		if (k >= len)
			continue;
		*skip = k;
		return m;
	}
	return -1;
}

/* The bytes up to the text after a "* " marker, or 0 when the paragraph
 * has none. */
static size_t S_star_skip(galley_node *n)
{
	static const char *const star[] = {"* ", NULL};
	char buf[GREL_PREFIX_MAX];
	size_t skip;
	if (!n || galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return 0;
	return S_table_marker((const unsigned char *)buf, grel__prefix(n, buf), star, &skip) >= 0 ? skip : 0;
}

/* The outline kind of a paragraph ("□" boxes, then sub-item markers, then
 * "* " bullets), or -1 when it is not an outline item. A "* " line is a
 * bullet only next to another one (`prev_star`: the block before was one,
 * and has since moved into a list): alone it is a note, which the readers
 * make a note div. "* " runs are a kind of their own. */
static int S_outline_kind(galley_node *n, int prev_star, size_t *skip)
{
	char buf[GREL_PREFIX_MAX];
	int m;
	if (galley_node_get_type(n) != GALLEY_NODE_PARAGRAPH)
		return -1;
	size_t len = grel__prefix(n, buf);
	if ((m = S_table_marker((const unsigned char *)buf, len, S_box_markers, skip)) >= 0)
		return S_BOX_KIND + m;
	if ((m = S_table_marker((const unsigned char *)buf, len, S_outline_markers, skip)) >= 0)
		return m;
	if ((*skip = S_star_skip(n)) > 0 &&
		(prev_star || S_star_skip(galley_node_next(n)) > 0))
		return S_STAR_KIND;
	return -1;
}

static int S_is_note_div(galley_node *n)
{
	const char *role = n && galley_node_get_type(n) == GALLEY_NODE_DIV ? galley_node_get_role(n) : NULL;
	return role != NULL && strcmp(role, "note") == 0;
}

int grel__move_to(galley_node *parent, galley_node *first, galley_node *stop)
{
	int rc = 0;
	for (galley_node *c = first, *next; c && c != stop && rc >= 0; c = next) {
		next = galley_node_next(c);
		galley_node_unlink(c);
		if ((rc = galley_node_append_child(parent, c)) < 0)
			galley_node_free(c);
	}
	return rc;
}

/* Put a note div at the end of an outline item. Consecutive notes share
 * one div, under an item as elsewhere (the text reader groups them so;
 * the HTML reader wraps each note paragraph on its own). */
static int S_note_into(galley_context *ctx, galley_node *item, galley_node *note)
{
	galley_node *last = galley_node_last_child(item);
	int rc = 0;
	galley_node_unlink(note);
	if (!S_is_note_div(last)) {
		if ((rc = galley_node_append_child(item, note)) < 0) {
			galley_node_free(note);
			return galley_error(ctx, rc, "cannot place a note in an outline");
		}
		return 0;
	}
	rc = grel__move_to(last, galley_node_first_child(note), NULL);
	galley_node_free(note);
	return rc < 0 ? galley_error(ctx, rc, "cannot place a note in an outline") : 0;
}

int grel_outline(galley_context *ctx, galley_node *doc)
{
	galley_node *lists[S_OUTLINE_MAX], *cur, *next;
	int kinds[S_OUTLINE_MAX], depth = 0, prev_star = 0, rc;

	if (!doc)
		return 0;
	for (cur = galley_node_first_child(doc); cur; cur = next) {
		size_t skip;
		int kind = S_outline_kind(cur, prev_star, &skip), d;
		next = galley_node_next(cur);
		prev_star = kind == S_STAR_KIND;
		if (kind < 0) {
			/* A note under an item belongs to it; anything else ends the outline. */
			if (depth > 0 && S_is_note_div(cur)) {
				if ((rc = S_note_into(ctx, galley_node_last_child(lists[depth - 1]), cur)) < 0)
					return rc;
			} else {
				depth = 0;
			}
			continue;
		}
		for (d = 0; d < depth; d++)
			if (kinds[d] == kind)
				break;
		if (d == depth && depth == (int)(sizeof kinds / sizeof kinds[0]))
			d = depth - 1; /* too deep: stay at the deepest level */
		if (d == depth) {
			galley_node *list = galley_node_new(GALLEY_NODE_LIST);
			if (!list)
				return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			galley_node_set_list_ordered(list, 0);
			rc = d == 0 ? galley_node_insert_before(cur, list)
				    : galley_node_append_child(galley_node_last_child(lists[d - 1]), list);
			if (rc < 0) {
				galley_node_free(list);
				return galley_error(ctx, rc, "cannot place an outline here");
			}
			kinds[d] = kind;
			lists[d] = list;
		}
		depth = d + 1;
		if ((rc = S_new_item(ctx, lists[d], cur, skip)) < 0)
			return rc;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The release's own closing lines                                     */
/* ------------------------------------------------------------------ */

static const char *const S_end_marks[] = {
	"###", "# # #", "-END-", "- END -", "– END –", "— END —", "END", "ENDS", "-ends-", "- ends -",
	"- 30 -", "-30-", "– 30 –", "— 30 —", "끝.", "끝", "<끝>", "/끝/", "(끝)", "［끝］", "[끝]", "以上",
	"- Ende -", "– Ende –", "Ende", "- Fin -", "Fin", "-FIN-", "*****", "* *** *", "(以上)", "（以上）", NULL
};

static const char *const S_disclaimers[] = {
	"* unofficial translation", "*unofficial translation", "unofficial translation",
	"(unofficial translation)", "[unofficial translation]", "※ unofficial translation",
	"* this is an unofficial translation", "this is an unofficial translation",
	"the above is an unofficial translation",
	"* 비공식 번역", "※ 비공식 번역", "비공식 번역", "※ 이 자료는 비공식 번역", "(仮訳)", "仮訳",
	"for information media", NULL
};

static const char *const S_signature_starts[] = {
	"Spokesperson", "The Spokesperson", "Spokesman", "Spokeswoman", "Office of the Spokesperson",
	"Press Office", "Press office", "Press and Information", "Press Secretary", "Press Service",
	"Press Section", "Public Relations", "Media Office", "Communications Office", "대변인",
	"외교부 대변인", "Pressestelle", "Pressesprecher", "Pressesprecherin", "Service de presse",
	"Porte-parole", "Le porte-parole", "報道官", "外務報道官", "发言人",
	/* the closing of a letter */
	"Sincerely", "Yours sincerely", "Yours faithfully", "Best regards", "Kind regards", "Regards",
	"With best regards", "Mit freundlichen Grüßen", "Cordialement", "敬具", NULL
};

/* Spokespeople named after their name ("Stéphane Dujarric, Spokesman for
 * the Secretary-General", "외교부 대변인"). */
static const char *const S_signature_roles[] = {
	"Spokesperson", "Spokesman", "Spokeswoman", "Press Secretary", "대변인", "報道官", "发言人", "Porte-parole",
	"Pressesprecher", NULL
};

static const char *const S_contact_heads[] = {
	"Contact", "Contacts", "Media contact", "Media contacts", "Press contact", "Press contacts",
	"Media inquiries", "Media enquiries", "Press inquiries", "Press enquiries", "문의", "문의처", "연락처",
	"Pressekontakt", "Kontakt", "Contact presse", "Contacts presse", "お問い合わせ", "問い合わせ先", "联系人", NULL
};

/* The trimmed line, less a trailing ':' or '：', is one of table. */
static int S_line_one_of(const char *text, size_t len, const char *const *table)
{
	const unsigned char *s = (const unsigned char *)text;
	S_trim(&s, &len);
	if (len && s[len - 1] == ':')
		len--;
	else if (len >= 3 && memcmp(s + len - 3, "：", 3) == 0)
		len -= 3;
	S_trim(&s, &len);
	if (len == 0 || len > GREL_ENTRY_MAX)
		return 0;
	for (size_t i = 0; table[i]; i++)
		if (grel_eq_fold((const char *)s, len, table[i]))
			return 1;
	return 0;
}

/* Spaced marks closing a text: ". . . . .", ".     .     .", "* * *":
 * three dots or stars or more, spaces between them, nothing else. */
static int S_spaced_marks(const char *text, size_t len)
{
	size_t marks = 0, spaces = 0;
	char mark = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t') {
			spaces++;
			continue;
		}
		if ((c != '.' && c != '*') || (mark && c != mark))
			return 0;
		if (i > 0 && text[i - 1] == c)
			return 0; /* "..." is an ellipsis, not a mark */
		mark = c;
		marks++;
	}
	return marks >= 3 && spaces >= marks - 1;
}

int grel_is_end_mark(const char *text, size_t len)
{
	if (text == NULL)
		return 0;
	grel_span t = grel_trim(text, len);
	return S_line_one_of(text, len, S_end_marks) || S_spaced_marks(t.s, t.len);
}

/* Legal labels: a disclaimer in a release's trailer, but an ordinary
 * paragraph may begin with them too ("Disclaimer: if you see ..."). */
static const char *const S_disclaimer_labels[] = {"disclaimer", "haftungsausschluss", "avertissement", NULL};

/* s starts with (or, with `anywhere`, holds) an entry of list. */
static int S_has_one_of(const unsigned char *s, size_t len, const char *const *list, int anywhere)
{
	for (size_t k = 0; list[k]; k++)
		if (anywhere ? grel_contains_fold((const char *)s, len, list[k])
			     : grel_starts_fold((const char *)s, len, list[k]))
			return 1;
	return 0;
}

int grel_is_disclaimer(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	if (text == NULL)
		return 0;
	S_trim(&s, &len);
	if (S_has_one_of(s, len, S_disclaimers, 0))
		return 1;
	return S_has_one_of(s, len, S_disclaimer_labels, 0) ? 2 : 0;
}

int grel_is_signature(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	if (text == NULL)
		return 0;
	S_trim(&s, &len);
	/* A signature is a short line, not a sentence. */
	if (len == 0 || len > S_SIGNATURE_MAX || s[len - 1] == '.' || (len >= 3 && !memcmp(s + len - 3, "。", 3)))
		return 0;
	return S_has_one_of(s, len, S_signature_starts, 0) || S_has_one_of(s, len, S_signature_roles, 1);
}

int grel_is_contact_head(const char *text, size_t len)
{
	return text != NULL && S_line_one_of(text, len, S_contact_heads);
}

/* ------------------------------------------------------------------ */
/* The word lists, for tests                                           */
/* ------------------------------------------------------------------ */

#define S_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Entry i of a NULL-terminated list. */
static const char *S_nth(const char *const *list, size_t i)
{
	for (size_t k = 0; list && list[k]; k++)
		if (k == i)
			return list[k];
	return NULL;
}

const char *grel_table_entry(grel_table table, size_t i, long *value)
{
	if (value)
		*value = 0;
	switch (table) {
	case GREL_TABLE_CHROME:
		return i < S_COUNT(S_chrome) ? S_chrome[i].s : NULL;
	case GREL_TABLE_CHROME_HOME:
		return S_nth(S_homes, i);
	case GREL_TABLE_CHROME_COUNTER:
		return S_nth(S_counters, i);
	case GREL_TABLE_MONTH:
		if (i >= S_COUNT(S_months))
			return NULL;
		if (value)
			*value = S_months[i].month;
		return S_months[i].name;
	case GREL_TABLE_ERA:
		if (i >= S_NERAS)
			return NULL;
		if (value)
			*value = S_eras[i].base;
		return S_eras[i].name;
	case GREL_TABLE_END_MARK:
		return S_nth(S_end_marks, i);
	case GREL_TABLE_DISCLAIMER:
		return S_nth(S_disclaimers, i);
	case GREL_TABLE_DISCLAIMER_LABEL:
		return S_nth(S_disclaimer_labels, i);
	case GREL_TABLE_SIGNATURE_START:
		return S_nth(S_signature_starts, i);
	case GREL_TABLE_SIGNATURE_ROLE:
		return S_nth(S_signature_roles, i);
	case GREL_TABLE_CONTACT_HEAD:
		return S_nth(S_contact_heads, i);
	case GREL_TABLE_SUB_MARKER:
		return i < S_COUNT(S_markers) ? S_markers[i] : NULL;
	case GREL_TABLE_BOX_MARKER:
		return S_nth(S_box_markers, i);
	case GREL_TABLE_OUTLINE_MARKER:
		return S_nth(S_outline_markers, i);
	case GREL_TABLE_COUNT:
		break;
	default:
		return S_nth(grel__line_list(table), i);
	}
	return NULL;
}

const char *const *grel_list(grel_table table)
{
	switch (table) {
	case GREL_TABLE_END_MARK: return S_end_marks;
	case GREL_TABLE_DISCLAIMER: return S_disclaimers;
	case GREL_TABLE_DISCLAIMER_LABEL: return S_disclaimer_labels;
	case GREL_TABLE_SIGNATURE_START: return S_signature_starts;
	case GREL_TABLE_SIGNATURE_ROLE: return S_signature_roles;
	case GREL_TABLE_CONTACT_HEAD: return S_contact_heads;
	case GREL_TABLE_BOX_MARKER: return S_box_markers;
	case GREL_TABLE_OUTLINE_MARKER: return S_outline_markers;
	case GREL_TABLE_CHROME_HOME: return S_homes;
	case GREL_TABLE_CHROME_COUNTER: return S_counters;
	default: return grel__line_list(table);
	}
}
