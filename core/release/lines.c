/* lines.c — what one line of a release says, as both readers read it: a
 * date line and what stands around its date (a label, a place, a category,
 * a time, an issuer, a hit count), labels and their values, organisation
 * names, note and outline markers, contact lines, and the issuer a
 * signature or a contact names. Lines come trimmed or not, as (pointer,
 * length), never NUL-terminated. */
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

/* A date line is short: two screen lines (160 bytes) hold a label, a date,
 * a time, a second date and an issuer ("보도일시 2018. 3. 7.(수) 조간 / 배포
 * 2018. 3. 6.(화)"); a longer line is a sentence that mentions a date. */
#define S_DATE_LINE_MAX 160
/* A place before a date ("Brussels, 10 July 2018", "Washington, D.C., ...")
 * is a few words: four at most, 40 bytes. */
#define S_PLACE_MAX 40
#define S_PLACE_WORDS 4
/* What may follow a date on its line and still leave a date line (an
 * issuer, "Pressemitteilung", a place): eight words, 80 bytes; a place
 * after the date is three words with no digits. */
#define S_AFTER_MAX 80
#define S_AFTER_WORDS 8
#define S_AFTER_PLACE_WORDS 3
/* A bracketed weekday or zone after a time ("(목)", "(Thursday)") closes
 * within 16 bytes. */
#define S_TIME_PAREN_MAX 16
/* Korean ministries are written as one token of at least two syllables
 * ending in 부/청/처 ("미래창조과학부"): six bytes or more. */
#define S_KO_ORG_MIN 6
/* An organisation named in a piece of a contact line ("Press Office,
 * Ministry of ...") fits on one screen line, 80 bytes. */
#define S_CONTACT_ORG_MAX 80
/* Hit counts are below 10^11: a larger "number" is a phone or an id. */
#define S_HITS_MAX 100000000000LL

/* ------------------------------------------------------------------ */
/* The lists                                                           */
/* ------------------------------------------------------------------ */

/* Labels of a kind of release: the category. */
static const char *const S_categories[] = {
	"Press Releases", "Press Release", "News Releases", "News Release", "Press Statements",
	"Press Statement", "Statements", "Statement", "Speeches", "Announcements", "Media Releases",
	"Media Release", "Press Briefings", "Readouts", "Notices", "Media Note", "Media Notes",
	"Joint Statement", "Readout", "Fact Sheet", "Statements and Releases", "Statements and Messages",
	"Media Advisory", "Media Advisories", "Media Alert", "Remarks", "Briefings",
	"보도자료", "보도설명자료", "보도참고자료", "보도해명자료", "설명자료", "공지사항", "알림",
	"Pressemitteilung", "Pressemitteilungen", "Pressemeldung", "Pressemeldungen", "Presseinformation",
	"Communiqué de presse", "Communiqués de presse", "Communiqué", "Communiqués", "Avis aux médias",
	"Presseeinladung", "Convocatoria de prensa", "Convocatoria a medios",
	"プレスリリース", "報道発表", "報道発表資料", "お知らせ", "新闻稿", "新闻发布",
	"Nota de prensa", "Notas de prensa", "Comunicado de prensa", "Comunicato stampa", "Persbericht",
	NULL
};

static const char *const S_date_labels[] = {
	"Date", "Dated", "Published", "Posted", "Posted on", "Release date", "Date of issue", "Issued",
	"작성일", "등록일", "게시일", "배포일", "보도일", "보도일시", "배포일시", "보도시점", "일자", "날짜",
	"Datum", "Veröffentlicht", "Veröffentlicht am", "Stand", "Date de publication", "Publié le",
	"Publié", "Published on", "Created", "Updated", "Last updated", "Modified", "Publicado el", "Publicado", "Veröffentlicht am", "For immediate release",
	"For release", "Immediate release", "日付", "発表日", "掲載日", "公開日", "发布时间", "日期", "Fecha", "Data", NULL
};

static const char *const S_hits_labels[] = {
	"hit", "hits", "views", "view count", "조회수", "조회", "閲覧数", "Aufrufe", "Vues", "浏览次数", NULL
};

/* Labels of contact lines ("Tel: ...", "문의: ..."). */
static const char *const S_contact_labels[] = {
	"Contact", "Contacts", "Media contact", "Media contacts", "Press contact", "Press contacts",
	"Media inquiries", "Media enquiries", "Press inquiries", "For more information",
	"For further information", "For further details", "Inquiries", "Enquiries", "Tel", "Tel.",
	"Phone", "Telephone", "Fax", "E-mail", "Email", "Mail", "문의", "문의처", "연락처", "담당", "담당자",
	"전화", "Pressekontakt", "Kontakt", "Ansprechpartner", "Contact presse", "Contacts presse",
	"問い合わせ", "お問い合わせ", "問い合わせ先", "お問い合わせ先", "問合せ先", "联系人", "联系方式", NULL
};

/* Notes: "※ ...", "* ...", "Note: ...". */
static const char *const S_note_markers[] = {"※", "* ", "＊", "(*)", "Note:", "Notes:", "NB:", "N.B.", "참고:",
	"주:", "注:", "注：", "Hinweis:", "Remarque:", NULL};

/* Words that name an organisation inside a longer line. */
static const char *const S_org_words[] = {
	"ministry", "ministère", "ministerium", "department", "office", "commission", "agency",
	"embassy", "government", "council", "secretariat", "bureau", "presidency", "white house",
	"mofa", "auswärtiges amt", "bundesamt", "ambassade", "federal", "authority", "institute",
	"united nations", "organization", "organisation",
	"외교부", "정부", "위원회", "청와대", "대통령실", "外務省", "省", "庁", "部", NULL
};

/* Times and zones after a date ("10:21 PM EDT", "14:00 Uhr"). */
static const char *const S_time_words[] = {"AM", "PM", "a.m.", "p.m.", "Uhr", "h", "EDT", "EST",
	"CDT", "CST", "PDT", "PST", "UTC", "GMT", "KST", "JST", "CET", "CEST", "BST", NULL};

/* Prepositions between a place and its date: "Paris, le 3 février 2020",
 * "Berlin, den 3. März 2023". */
static const char *const S_date_preps[] = {" le", " den", " am", " el", " il", NULL};

/* Korean end marks written at the end of the last paragraph. */
static const char *const S_end_tails[] = {" 끝.", " 끝", ". 끝", "/끝/", "<끝>", "(끝)", " - 끝 -", NULL};

const char *const *grel__line_list(grel_table table)
{
	switch (table) {
	case GREL_TABLE_CATEGORY: return S_categories;
	case GREL_TABLE_DATE_LABEL: return S_date_labels;
	case GREL_TABLE_HITS_LABEL: return S_hits_labels;
	case GREL_TABLE_CONTACT_LABEL: return S_contact_labels;
	case GREL_TABLE_NOTE_MARKER: return S_note_markers;
	case GREL_TABLE_ORG_WORD: return S_org_words;
	case GREL_TABLE_TIME_WORD: return S_time_words;
	case GREL_TABLE_DATE_PREP: return S_date_preps;
	case GREL_TABLE_END_TAIL: return S_end_tails;
	default: return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* Small text tests                                                    */
/* ------------------------------------------------------------------ */

static int S_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Leading/trailing blanks: space, tab, form feed, NBSP, ideographic space. */
size_t grel_blank_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = len - i;
	if (left >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\f' || u[0] == '\v'))
		return 1;
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (left >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (left >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3; /* a stray BOM / zero-width no-break space */
	return 0;
}

grel_span grel_trim(const char *s, size_t len)
{
	size_t a = 0, n;
	while (a < len && (n = grel_blank_at(s, len, a)) > 0)
		a += n;
	size_t b = len;
	for (;;) {
		if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\f' || s[b - 1] == '\v'))
			b--;
		else if (b >= a + 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
			b -= 2;
		else if (b >= a + 3 && (unsigned char)s[b - 3] == 0xE3 && (unsigned char)s[b - 2] == 0x80 &&
			 (unsigned char)s[b - 1] == 0x80)
			b -= 3;
		else
			break;
	}
	grel_span r = {s + a, b - a};
	return r;
}

int grel_eq_fold(const char *a, size_t alen, const char *b)
{
	size_t bl = strlen(b);
	if (alen != bl)
		return 0;
	for (size_t i = 0; i < bl; i++)
		if (S_lower((unsigned char)a[i]) != S_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

int grel_contains_fold(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);
	for (size_t i = 0; i + wl <= len; i++)
		if (grel_eq_fold(s + i, wl, w))
			return 1;
	return 0;
}

int grel_starts_fold(const char *a, size_t alen, const char *b)
{
	/* Most lines differ at the first byte: skip the strlen then. */
	if (!alen || S_lower((unsigned char)a[0]) != S_lower((unsigned char)b[0]))
		return 0;
	size_t bl = strlen(b);
	return alen >= bl && grel_eq_fold(a, bl, b);
}

int grel_find(const char *s, size_t len, const char *const *list)
{
	grel_span t = grel_trim(s, len);
	if (t.len && t.s[t.len - 1] == ':')
		t.len--;
	else if (t.len >= 3 && memcmp(t.s + t.len - 3, "：", 3) == 0)
		t.len -= 3;
	t = grel_trim(t.s, t.len);
	if (t.len == 0 || t.len > GREL_ENTRY_MAX)
		return -1;
	for (size_t i = 0; list[i]; i++)
		if (grel_eq_fold(t.s, t.len, list[i]))
			return (int)i;
	return -1;
}

int grel_label_value(const char *s, size_t len, const char *const *labels, grel_span *value)
{
	for (size_t i = 0; labels[i]; i++) {
		size_t ll = strlen(labels[i]);
		if (!grel_starts_fold(s, len, labels[i]))
			continue;
		size_t k = ll, n;
		int sep = 0;
		while (k < len && (n = grel_blank_at(s, len, k)) > 0) {
			k += n;
			sep = 1;
		}
		if (k < len && (s[k] == ':' || s[k] == '/' || s[k] == '|')) {
			k++;
			sep = 1;
		} else if (!sep && k < len && s[k] == '.' && (k + 1 == len || grel_blank_at(s, len, k + 1))) {
			k++; /* "Date. 2022-08-08", "Hit. 88" */
			sep = 1;
		} else if (k + 3 <= len && memcmp(s + k, "：", 3) == 0) {
			k += 3;
			sep = 1;
		}
		if (!sep && k < len)
			continue; /* "Dateline" is not "Date" */
		*value = grel_trim(s + k, len - k);
		return 1;
	}
	return 0;
}

int grel_marker(const char *s, size_t len, const char *const *list, size_t *skip)
{
	for (int m = 0; list[m]; m++) {
		size_t ml = strlen(list[m]);
		if (len < ml || memcmp(s, list[m], ml) != 0)
			continue;
		size_t k = ml, n;
		while (k < len && (n = grel_blank_at(s, len, k)) > 0)
			k += n;
		/* ASCII markers need a space after them: "-5%" and "°C" are text
		 * (markers such as "o " carry their space already). */
		if (k == ml && list[m][ml - 1] != ' ' && ((unsigned char)list[m][ml - 1] < 0x80 || !strcmp(list[m], "°")))
			continue;
		if (k >= len)
			continue;
		*skip = k;
		return m;
	}
	return -1;
}

int grel_only_number(const char *s, size_t len, long long *out)
{
	long long v = 0;
	int digits = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (v > S_HITS_MAX)
				return 0;
			v = v * 10 + (s[i] - '0');
			digits++;
		} else if (s[i] != ',' || digits == 0) {
			return 0;
		}
	}
	if (!digits)
		return 0;
	*out = v;
	return 1;
}

int grel_hits_line(const char *s, size_t len, long long *hits)
{
	grel_span v;
	return grel_label_value(s, len, S_hits_labels, &v) && grel_only_number(v.s, v.len, hits);
}

/* A word of an organisation's name in s: an English one ends there
 * ("Office", not "Officer"). */
static int S_contains_word(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);
	for (size_t i = 0; i + wl <= len; i++) {
		unsigned char after = i + wl < len ? (unsigned char)s[i + wl] : ' ';
		if (grel_eq_fold(s + i, wl, w) && !((unsigned char)w[0] < 0x80 && S_lower(after) >= 'a' && S_lower(after) <= 'z'))
			return 1;
	}
	return 0;
}

int grel_org_like(const char *s, size_t len)
{
	for (size_t i = 0; S_org_words[i]; i++)
		if (S_contains_word(s, len, S_org_words[i]))
			return 1;
	/* Korean ministries end in 부/청/처: a token like "미래창조과학부". */
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == ' ') {
			if (i - start >= S_KO_ORG_MIN) {
				const char *e = s + i - 3;
				if (!memcmp(e, "부", 3) || !memcmp(e, "청", 3) || !memcmp(e, "처", 3))
					return 1;
			}
			start = i + 1;
		}
	}
	return 0;
}

size_t grel_words(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	return n;
}

/* A value that reads as contact data: a number, an address, a site. */
static int S_contact_data(grel_span v)
{
	for (size_t i = 0; i < v.len; i++)
		if ((v.s[i] >= '0' && v.s[i] <= '9') || v.s[i] == '@')
			return 1;
	for (size_t i = 0; i + 4 <= v.len; i++)
		if (!memcmp(v.s + i, "www.", 4) || !memcmp(v.s + i, "http", 4))
			return 1;
	return 0;
}

int grel_is_contact_line(const char *s, size_t len)
{
	grel_span v;
	if (!grel_label_value(s, len, S_contact_labels, &v) || v.len == 0)
		return 0;
	/* "Tel: ..." is a contact line whatever follows; "Telephone
	 * Conference between ..." (label, blank, words) only when what follows
	 * is contact data ("Tel 02-2100-7044"). */
	grel_span t = grel_trim(s, len);
	const char *before = v.s;
	while (before > t.s && (before[-1] == ' ' || before[-1] == '\t'))
		before--;
	int punct = before > t.s && (before[-1] == ':' || before[-1] == '/' || before[-1] == '|' ||
				     (before - t.s >= 3 && !memcmp(before - 3, "：", 3)));
	/* "Contact presse : ...": a longer label ends at a colon of its own. */
	for (size_t i = 0, words = 0; !punct && i < v.len && words < 3; i++) {
		if (v.s[i] == ' ')
			words++;
		punct = v.s[i] == ':' || (i + 3 <= v.len && !memcmp(v.s + i, "：", 3));
	}
	return punct || S_contact_data(v);
}

/* ------------------------------------------------------------------ */
/* Date lines                                                          */
/* ------------------------------------------------------------------ */

/* Skip a time and zone after a date: "10:21 PM EDT", "(목)", "14:00 Uhr". */
static grel_span S_skip_time(grel_span t)
{
	for (;;) {
		t = grel_trim(t.s, t.len);
		if (!t.len)
			return t;
		size_t i = 0;
		if (t.s[0] == '(' || (t.len >= 3 && !memcmp(t.s, "（", 3))) {
			const char *close = memchr(t.s, ')', t.len > S_TIME_PAREN_MAX ? S_TIME_PAREN_MAX : t.len);
			if (!close)
				return t;
			i = (size_t)(close - t.s) + 1;
		} else if (t.s[0] >= '0' && t.s[0] <= '9') {
			while (i < t.len && ((t.s[i] >= '0' && t.s[i] <= '9') || t.s[i] == ':' || t.s[i] == '.'))
				i++;
			if (!memchr(t.s, ':', i))
				return t;
		} else {
			size_t w = 0;
			while (w < t.len && t.s[w] != ' ')
				w++;
			int hit = 0;
			for (size_t k = 0; S_time_words[k]; k++)
				if (grel_eq_fold(t.s, w, S_time_words[k]))
					hit = 1;
			if (!hit)
				return t;
			i = w;
		}
		t.s += i;
		t.len -= i;
	}
}

static grel_span S_strip_seps(grel_span t, int leading)
{
	static const char *const seps[] = {"-", "–", "—", "|", "/", "·", ",", ":", "：", NULL};
	for (int again = 1; again;) {
		again = 0;
		t = grel_trim(t.s, t.len);
		for (size_t k = 0; seps[k]; k++) {
			size_t sl = strlen(seps[k]);
			if (t.len < sl)
				continue;
			if (leading && !memcmp(t.s, seps[k], sl)) {
				t.s += sl;
				t.len -= sl;
				again = 1;
			} else if (!leading && !memcmp(t.s + t.len - sl, seps[k], sl)) {
				t.len -= sl;
				again = 1;
			}
		}
	}
	return t;
}

static int S_has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* The labels of a media advisory's event block, in capitals or with a
 * capital ("WHO:", "What:", "QUAND :", "DÓNDE:", "WANN:"); only with a
 * colon after them, as the words are common words. */
static const char *const S_advisory_labels[] = {
	"WHO", "WHAT", "WHEN", "WHERE", "WHY", "HOW", "QUI", "QUOI", "QUAND", "OÙ", "Où", "POURQUOI",
	"QUIÉN", "Quién", "QUÉ", "Qué", "CUÁNDO", "Cuándo", "DÓNDE", "Dónde", "POR QUÉ", "Por qué",
	"WER", "WAS", "WANN", "WO", "WARUM", NULL
};

int grel_advisory_label(const char *s, size_t len, grel_span *value)
{
	for (size_t k = 0; S_advisory_labels[k]; k++) {
		const char *lab = S_advisory_labels[k];
		size_t ll = strlen(lab), i = ll;
		if (len <= ll || s[0] != lab[0])
			continue; /* the first letter is a capital, as written */
		for (size_t m = 1; m < ll; m++) {
			char a = s[m], b = lab[m];
			if (a >= 'a' && a <= 'z')
				a = (char)(a - 'a' + 'A');
			if (a != b) {
				i = 0;
				break;
			}
		}
		if (!i)
			continue;
		/* all capitals, or a capital and small letters: "What", not "WHat" */
		int lower = 0, upper = 0;
		for (size_t m = 1; m < ll; m++) {
			lower |= s[m] >= 'a' && s[m] <= 'z';
			upper |= s[m] >= 'A' && s[m] <= 'Z';
		}
		if (lower && upper)
			continue;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len && s[i] == ':')
			i++;
		else if (i + 3 <= len && !memcmp(s + i, "：", 3))
			i += 3;
		else
			continue;
		grel_span v = grel_trim(s + i, len - i);
		if (!v.len)
			continue;
		if (value)
			*value = v;
		return 1;
	}
	return 0;
}

int grel_date_line(const char *s, size_t len, grel_dateinfo *di)
{
	memset(di, 0, sizeof *di);
	di->hits = -1;
	if (len > S_DATE_LINE_MAX)
		return 0;
	/* "WHEN: Monday, June 3, 2024": an event's date, not the release's */
	if (grel_advisory_label(s, len, NULL))
		return 0;
	char iso[16];
	long end = grel_parse_date(s, len, iso, sizeof iso);
	if (end < 0)
		return 0;
	/* Where the date began: the last word boundary from which the rest
	 * up to `end` still parses as exactly that date. */
	size_t start = 0;
	for (size_t i = (size_t)end; i-- > 1;) {
		unsigned char c = (unsigned char)s[i], p = (unsigned char)s[i - 1];
		int alnum_c = (c >= '0' && c <= '9') || (S_lower(c) >= 'a' && S_lower(c) <= 'z');
		int alnum_p = (p >= '0' && p <= '9') || (S_lower(p) >= 'a' && S_lower(p) <= 'z');
		int boundary = (p < 0x80 && !alnum_p) || c >= 0xC0 || (alnum_c && p >= 0x80);
		if (!boundary || (c & 0xC0) == 0x80)
			continue;
		char tmp[16];
		long e2 = grel_parse_date(s + i, (size_t)end - i, tmp, sizeof tmp);
		if (e2 >= 0 && (size_t)e2 == (size_t)end - i && !strcmp(tmp, iso)) {
			start = i;
			break;
		}
	}
	grel_span before = S_strip_seps(grel_trim(s, start), 0);
	for (size_t k = 0; S_date_preps[k]; k++) {
		size_t pl = strlen(S_date_preps[k]);
		if (before.len > pl && grel_eq_fold(before.s + before.len - pl, pl, S_date_preps[k])) {
			before = S_strip_seps((grel_span){before.s, before.len - pl}, 0);
			break;
		}
	}
	grel_span after = S_skip_time((grel_span){s + end, len - (size_t)end});
	after = S_strip_seps(after, 1);
	after = S_skip_time(after);
	if (before.len) {
		grel_span v;
		int labelled = grel_find(before.s, before.len, S_date_labels) >= 0 ||
			       (grel_label_value(before.s, before.len, S_date_labels, &v) && v.len == 0);
		di->labelled = labelled;
		if (!labelled) {
			/* "Brussels, 10 July 2018": a short place before a comma. */
			const char *after_place = before.s + before.len;
			if (after_place < s + start && *after_place == ',' && before.len <= S_PLACE_MAX &&
			    grel_words(before.s, before.len) <= S_PLACE_WORDS)
				di->place = before;
			else if (grel_find(before.s, before.len, S_categories) >= 0)
				di->category = before;
			else
				return 0;
		}
	}
	if (after.len) {
		long long hits;
		if (grel_hits_line(after.s, after.len, &hits))
			di->hits = hits;
		else if (grel_find(after.s, after.len, S_categories) >= 0)
			di->category = after;
		else if (grel_is_chrome(after.s, after.len))
			;
		else if (after.len > S_AFTER_MAX || grel_words(after.s, after.len) > S_AFTER_WORDS)
			return 0;
		else if (grel_org_like(after.s, after.len))
			di->issuer = after;
		else if (grel_starts_fold(after.s, after.len, "by "))
			; /* a byline: "2/26/2015 7:11 AM PST BY TMZ STAFF" */
		else if (grel_parse_date(after.s, after.len, NULL, 0) < 0 &&
			 grel_words(after.s, after.len) <= S_AFTER_PLACE_WORDS && !S_has_digit(after.s, after.len) &&
			 !di->place.len)
			di->place = after; /* "Press release | 10 July 2018 | Brussels" */
		/* else a second date ("배포 2024. 1. 17.") or a note: the date stands */
	}
	memcpy(di->iso, iso, sizeof iso);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Metadata from lines                                                 */
/* ------------------------------------------------------------------ */

int grel_meta_set(galley_meta *meta, const char *key, const char *s, size_t len)
{
	if (galley_meta_get(meta, key))
		return 0;
	char *v = galley_malloc(len + 1);
	if (!v)
		return GALLEY_ENOMEM;
	memcpy(v, s, len);
	v[len] = '\0';
	int rc = galley_meta_set(meta, key, v);
	galley_free(v);
	return rc;
}

int grel_apply_date(galley_meta *meta, const grel_dateinfo *di)
{
	int rc = 0;
	if (!galley_meta_get(meta, "date"))
		rc = galley_meta_set(meta, "date", di->iso);
	if (!rc && di->place.len)
		rc = grel_meta_set(meta, "place", di->place.s, di->place.len);
	if (!rc && di->issuer.len)
		rc = grel_meta_set(meta, "issuer", di->issuer.s, di->issuer.len);
	if (!rc && di->category.len)
		rc = grel_meta_set(meta, "category", di->category.s, di->category.len);
	if (!rc && di->hits >= 0 && galley_meta_get_hits(meta) < 0)
		rc = galley_meta_set_hits(meta, di->hits);
	return rc;
}

int grel_issuer_from_signature(galley_meta *meta, const char *s, size_t len)
{
	if (galley_meta_get(meta, "issuer"))
		return 0;
	for (size_t i = 0; i + 4 <= len; i++) {
		if (!memcmp(s + i, " of ", 4)) {
			grel_span v = grel_trim(s + i + 4, len - i - 4);
			if (grel_starts_fold(v.s, v.len, "the ")) {
				v.s += 4;
				v.len -= 4;
			}
			while (v.len && (v.s[v.len - 1] == '.' || v.s[v.len - 1] == ','))
				v.len--;
			if (v.len)
				return grel_meta_set(meta, "issuer", v.s, v.len);
		}
	}
	const char *sp = NULL;
	for (size_t i = 0; i + 9 <= len; i++)
		if (!memcmp(s + i, "대변인", 9))
			sp = s + i;
	if (sp && sp > s) {
		grel_span v = grel_trim(s, (size_t)(sp - s));
		if (v.len)
			return grel_meta_set(meta, "issuer", v.s, v.len);
	}
	if (grel_org_like(s, len) && !grel_is_signature(s, len))
		return grel_meta_set(meta, "issuer", s, len);
	return 0;
}

int grel_issuer_from_contact(galley_meta *meta, const char *s, size_t len)
{
	if (galley_meta_get(meta, "issuer"))
		return 0;
	grel_span v;
	if (!grel_label_value(s, len, S_contact_labels, &v))
		v = (grel_span){s, len};
	size_t start = 0;
	for (size_t i = 0; i <= v.len; i++) {
		if (i == v.len || v.s[i] == ',' || v.s[i] == '(' || v.s[i] == ';' || v.s[i] == '/') {
			grel_span p = grel_trim(v.s + start, i - start);
			if (p.len && p.len <= S_CONTACT_ORG_MAX && grel_org_like(p.s, p.len) && !memchr(p.s, '@', p.len))
				return grel_meta_set(meta, "issuer", p.s, p.len);
			start = i + 1;
		}
	}
	return 0;
}
