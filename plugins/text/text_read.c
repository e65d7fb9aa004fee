/* text_read.c — the text reader: plain text to the tree, recognising a
 * press release as its web page's text gives it: site chrome to drop, a
 * header zone (category, title, date block, hit count, issuer), a body of
 * paragraphs and headings, contact blocks, and the trailer that ends it.
 *
 * What is specific to text stays here: lines and layout. The reader works
 * in linear passes: lines, the header zone, units (one block or marked
 * line each: hard-wrapped lines joined, a contact block's lines, a
 * disclaimer running to its blank line), then the tree through the
 * builder, marked lines as written and one text node per source line.
 * What releases have in common is the release library's (release.h):
 * its pass then drops end marks and disclaimers, makes notes, the closing
 * signature and dateline into divs, and numbered paragraphs and outlines
 * into lists, the same way as for the HTML reader. */
#include <stdlib.h>
#include <string.h>

#include "text_read.h"
#include "release.h"

/* ------------------------------------------------------------------ */
/* Lines and small text tests                                          */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *s;
	size_t len; /* trimmed; 0 for blank and whitespace-only lines */
} S_line;

static int S_is_one_of(const char *s, size_t len, const char *const *table)
{
	return grel_find(s, len, table) >= 0;
}

static unsigned S_decode(const char *s, size_t len, size_t i, size_t *w)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = len - i;
	if (u[0] < 0x80 || left < 2) {
		*w = 1;
		return u[0];
	}
	if (u[0] >= 0xF0 && left >= 4) {
		*w = 4;
		return ((u[0] & 7u) << 18) | ((u[1] & 63u) << 12) | ((u[2] & 63u) << 6) | (u[3] & 63u);
	}
	if (u[0] >= 0xE0 && left >= 3) {
		*w = 3;
		return ((u[0] & 15u) << 12) | ((u[1] & 63u) << 6) | (u[2] & 63u);
	}
	*w = 2;
	return ((u[0] & 31u) << 6) | (u[1] & 63u);
}

/* Scripts written without spaces between words: hard-wrapped lines join
 * without a space there. Hangul uses spaces, so it is not one of them. */
static int S_no_space_script(unsigned c)
{
	return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFF60);
}

static unsigned S_last_char(const char *s, size_t len)
{
	size_t i = len, w;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (len == 0)
		return 0;
	if (i > 0)
		i--; /* the lead byte is just before the continuation bytes */
	return S_decode(s, len, i, &w);
}

/* ------------------------------------------------------------------ */
/* What lines say                                                      */
/* ------------------------------------------------------------------ */

static const char *const S_issuer_labels[] = {
	"Source", "Issuer", "Issued by", "Department", "Author", "Organisation", "Organization",
	"출처", "담당부서", "부서", "작성부서", "기관", "Quelle", "Herausgeber", "Émetteur", "出典", "発表者",
	"発表機関", "来源", NULL
};

static const char *const S_section_labels[] = {
	"Background", "Notes to editors", "Note to editors", "Notes for editors", "About", "Summary",
	"Key points", "Highlights", "Further information", "For more information", "More information",
	"참고", "참고자료", "붙임", "배경", "개요", "Hintergrund",
	"Hintergrundinformationen", "Contexte", "Pour en savoir plus", "参考", "概要", NULL
};

/* Where the trailer of a page begins (tags, related links, share and
 * feedback boxes, footers): nothing after one of these lines, once the
 * body has begun, belongs to the release. */
static const char *const S_trailer_labels[] = {
	"Tags", "Topics", "Related", "Related Articles", "Related content", "Related news", "Related links",
	"Related media", "Related documents", "Related pages", "Share this page", "Share this article",
	"Share this story", "Is this page useful?", "Was this page helpful?", "Did you find this page useful?",
	"Updates to this page", "Explore the topic", "Explore the topics", "Stay Connected", "More on this topic",
	"관련 기사", "관련기사", "관련 뉴스", "관련 게시물", "관련 콘텐츠", "Artikel teilen", "Seite teilen", "Schlagworte",
	"Schlagwörter", "Mehr zum Thema", "Verwandte Inhalte", "Partager cette page", "Partager cet article",
	"Voir aussi", "Mots-clés", "関連リンク", "関連情報", "関連記事", "このページをシェアする", "相关新闻", "相关链接",
	"相关文章", NULL
};

/* Lines of a release's header that only label it ("FOR IMMEDIATE
 * RELEASE"): dropped, but a sign that the text is a release. */
static const char *const S_header_labels[] = {
	"For immediate release", "For release", "Immediate release", "Embargoed", "Embargoed until further notice",
	"Sofortige Veröffentlichung", "Pour diffusion immédiate", NULL
};


/* Labels in a header naming the issuer, also "From:" (gov.uk). */
static const char *const S_header_issuer_labels[] = {"From", "Von", "De la part de", NULL};

/* A line of only '=' (heading underline) or '-'/'*'/'_'/'=' (a rule). */
static int S_rule_char(const char *s, size_t len)
{
	if (len < 3)
		return 0;
	char c = s[0];
	if (c != '=' && c != '-' && c != '*' && c != '_' && c != '~')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != c && s[i] != ' ')
			return 0;
	return c;
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

typedef enum {
	U_PARA, U_NUM, U_SUB, U_BOX, U_NOTE, U_HEADING, U_BREAK, U_CONTACT,
	U_END, U_DISCLAIMER, /* paragraphs the release pass drops */
	U_DROP
} S_kind;

typedef struct {
	S_kind kind;
	int marker;        /* marker kind (SUB/BOX), heading level */
	long num;          /* NUM: its number */
	size_t skip;       /* bytes of marker before the text (SUB/BOX/NOTE) */
	size_t first, nlines;
	galley_buffer text;
} S_unit;

typedef struct {
	galley_context *ctx;
	galley_builder *b;
	galley_meta *meta;
	S_line *lines;
	size_t nlines;
	S_unit *units;
	size_t nunits, capunits;
	long last_num;
	int oom;
} S_reader;

static S_unit *S_new_unit(S_reader *r, S_kind kind, size_t line)
{
	if (r->nunits == r->capunits) {
		size_t cap = r->capunits ? r->capunits * 2 : 64;
		S_unit *u = realloc(r->units, cap * sizeof *u);
		if (!u) {
			r->oom = 1;
			return NULL;
		}
		r->units = u;
		r->capunits = cap;
	}
	S_unit *u = &r->units[r->nunits++];
	memset(u, 0, sizeof *u);
	u->kind = kind;
	u->first = line;
	u->nlines = 1;
	galley_buffer_append(&u->text, r->lines[line].s, r->lines[line].len);
	return u;
}

/* Join a hard-wrapped line to a unit: a space, unless both sides are
 * written without spaces (Chinese, Japanese). */
static void S_join(S_unit *u, const S_line *l)
{
	size_t w;
	unsigned last = S_last_char(u->text.data, u->text.len);
	unsigned next = S_decode(l->s, l->len, 0, &w);
	if (u->text.len && !(S_no_space_script(last) && S_no_space_script(next)))
		galley_buffer_putc(&u->text, ' ');
	galley_buffer_append(&u->text, l->s, l->len);
	u->nlines++;
}

/* ------------------------------------------------------------------ */
/* Pass 1: lines                                                       */
/* ------------------------------------------------------------------ */

static int S_split_lines(S_reader *r, const char *text, size_t len)
{
	size_t cap = 64, i = 0;
	r->lines = malloc(cap * sizeof *r->lines);
	if (!r->lines)
		return GALLEY_ENOMEM;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\r')
			j++;
		if (r->nlines == cap) {
			S_line *nl = realloc(r->lines, cap * 2 * sizeof *nl);
			if (!nl)
				return GALLEY_ENOMEM;
			r->lines = nl;
			cap *= 2;
		}
		grel_span t = grel_trim(text + i, j - i);
		r->lines[r->nlines].s = t.s;
		r->lines[r->nlines].len = t.len;
		r->nlines++;
		/* CRLF, CR and LF all end a line. */
		if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		i = j + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pass 2a: the header                                                 */
/* ------------------------------------------------------------------ */

/* ALL CAPS: some capitals and no small letters (ASCII). */
static int S_all_caps(const char *s, size_t len)
{
	size_t upper = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	return upper >= 2;
}

static int S_starts_item(const S_line *l)
{
	size_t skip;
	return grel_number(l->s, l->len, &skip) >= 0 || grel_marker(l->s, l->len, grel_list(GREL_TABLE_OUTLINE_MARKER), &skip) >= 0 ||
	       grel_marker(l->s, l->len, grel_list(GREL_TABLE_BOX_MARKER), &skip) >= 0;
}


/* A header line that carries metadata or chrome: consumed by the header. */
static int S_header_meta_line(S_reader *r, const S_line *l, int *pending_hits, int *rc)
{
	grel_dateinfo di;
	grel_span v;
	long long hits;

	*rc = 0;
	if (*pending_hits) {
		*pending_hits = 0;
		if (grel_only_number(l->s, l->len, &hits)) {
			if (galley_meta_get_hits(r->meta) < 0)
				*rc = galley_meta_set_hits(r->meta, hits);
			return 1;
		}
	}
	int ci = grel_find(l->s, l->len, grel_list(GREL_TABLE_CATEGORY));
	if (ci >= 0) {
		/* "READOUT", "PRESS STATEMENT": a label set in capitals is named as usual. */
		if (S_all_caps(l->s, l->len))
			*rc = grel_meta_set(r->meta, "category", grel_list(GREL_TABLE_CATEGORY)[ci], strlen(grel_list(GREL_TABLE_CATEGORY)[ci]));
		else
			*rc = grel_meta_set(r->meta, "category", l->s, l->len);
		return 1;
	}
	if (S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL))) {
		*pending_hits = 1;
		return 1;
	}
	if (grel_hits_line(l->s, l->len, &hits)) {
		if (galley_meta_get_hits(r->meta) < 0)
			*rc = galley_meta_set_hits(r->meta, hits);
		return 1;
	}
	if (grel_date_line(l->s, l->len, &di)) {
		*rc = grel_apply_date(r->meta, &di);
		return 1;
	}
	if (S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_DATE_LABEL)))
		return 1;
	if (grel_label_value(l->s, l->len, S_issuer_labels, &v) && v.len) {
		*rc = grel_meta_set(r->meta, "issuer", v.s, v.len);
		return 1;
	}
	/* "European Commission - Press release": issuer and category. */
	for (size_t i = 0; i + 3 <= l->len; i++) {
		if (memcmp(l->s + i, " - ", 3) != 0 && (i + 5 > l->len || memcmp(l->s + i, " – ", 5) != 0))
			continue;
		size_t dl = l->s[i + 1] == '-' ? 3 : 5;
		grel_span org = grel_trim(l->s, i), cat = grel_trim(l->s + i + dl, l->len - i - dl);
		if (org.len && S_is_one_of(cat.s, cat.len, grel_list(GREL_TABLE_CATEGORY))) {
			*rc = grel_meta_set(r->meta, "category", cat.s, cat.len);
			if (*rc == 0)
				*rc = grel_meta_set(r->meta, "issuer", org.s, org.len);
			return 1;
		}
	}
	/* "Office of the Spokesperson" above the title names the issuer. */
	if (!galley_meta_get(r->meta, "title") && grel_is_signature(l->s, l->len) && l->len <= 80) {
		*rc = grel_meta_set(r->meta, "issuer", l->s, l->len);
		return 1;
	}
	return grel_is_chrome(l->s, l->len);
}

/* Read the header of text that shows no page structure; returns the
 * index of the first body line. A title is the first short block that is
 * not metadata; it may wrap over three lines when the text already looked
 * like a release. */
static size_t S_header_plain(S_reader *r, int *rc)
{
	size_t i = 0;
	int pending_hits = 0, signals = 0, have_title = 0;
	*rc = 0;
	while (i < r->nlines) {
		const S_line *l = &r->lines[i];
		if (!l->len) {
			i++;
			continue;
		}
		if (S_header_meta_line(r, l, &pending_hits, rc)) {
			if (*rc < 0)
				return i;
			signals = 1;
			i++;
			continue;
		}
		if (have_title || S_starts_item(l))
			return i;
		/* The title block: up to the next blank or metadata line. */
		size_t j = i, total = 0;
		while (j < r->nlines && r->lines[j].len && j - i < 4) {
			if (j > i) {
				/* peek without consuming: a metadata line ends the title */
				grel_dateinfo di;
				long long h;
				if (S_is_one_of(r->lines[j].s, r->lines[j].len, grel_list(GREL_TABLE_DATE_LABEL)) ||
				    S_is_one_of(r->lines[j].s, r->lines[j].len, grel_list(GREL_TABLE_HITS_LABEL)) ||
				    grel_hits_line(r->lines[j].s, r->lines[j].len, &h) ||
				    grel_date_line(r->lines[j].s, r->lines[j].len, &di) ||
				    grel_is_chrome(r->lines[j].s, r->lines[j].len))
					break;
			}
			total += r->lines[j].len;
			j++;
		}
		size_t n = j - i;
		const char *last = r->lines[j - 1].s;
		size_t lastlen = r->lines[j - 1].len;
		char lc = last[lastlen - 1];
		int ok = n <= (signals ? 3 : 1) && total <= 400 && lc != ',' && lc != ';' && lc != ':';
		/* There must be something after the title, or it is just text. */
		size_t k = j;
		while (ok && k < r->nlines && !r->lines[k].len)
			k++;
		if (k >= r->nlines)
			ok = 0;
		if (!ok)
			return i;
		S_unit tmp;
		memset(&tmp, 0, sizeof tmp);
		galley_buffer_append(&tmp.text, r->lines[i].s, r->lines[i].len);
		for (size_t m = i + 1; m < j; m++)
			S_join(&tmp, &r->lines[m]);
		if (tmp.text.oom)
			*rc = GALLEY_ENOMEM;
		else
			*rc = galley_meta_set(r->meta, "title", tmp.text.data);
		galley_buffer_dispose(&tmp.text);
		if (*rc < 0)
			return i;
		have_title = 1;
		i = j;
	}
	return i;
}

/* ------------------------------------------------------------------ */
/* Pass 2a': the header zone of a web page's text                      */
/* ------------------------------------------------------------------ */

/* A page's text has a header zone (site name, chrome, breadcrumb, labels,
 * title, date and other metadata lines) before its first real paragraph,
 * then the body, then a trailer (tags, related links, share and feedback
 * boxes, footer). The zone is read as a whole: the title is the most
 * title-like block nearest before the body, not the first line. */

/* Ends like a sentence: ". ! ? 。 ！ ？", also before a closing quote. */
static int S_sentence_end(const char *s, size_t len)
{
	for (;;) {
		if (len && (s[len - 1] == '"' || s[len - 1] == '\''))
			len--;
		else if (len >= 3 && (!memcmp(s + len - 3, "”", 3) || !memcmp(s + len - 3, "’", 3) ||
				      !memcmp(s + len - 3, "」", 3) || !memcmp(s + len - 3, "』", 3)))
			len -= 3;
		else
			break;
	}
	if (len && (s[len - 1] == '.' || s[len - 1] == '!' || s[len - 1] == '?'))
		return 1;
	return len >= 3 && (!memcmp(s + len - 3, "。", 3) || !memcmp(s + len - 3, "！", 3) || !memcmp(s + len - 3, "？", 3));
}

/* Whether next continues prev as a hard-wrapped line of one block: it
 * starts in lower case, or prev stops mid-sentence (a comma, or a long
 * line ending in a small word: "... nach Japan und"). */
static int S_continues(const S_line *prev, const S_line *next)
{
	unsigned char c = (unsigned char)next->s[0];
	if (c >= 'a' && c <= 'z')
		return 1;
	const char *e = prev->s + prev->len;
	if (!prev->len)
		return 0;
	if (e[-1] == ',' || e[-1] == ';' || (prev->len >= 3 && (!memcmp(e - 3, "，", 3) || !memcmp(e - 3, "、", 3))))
		return 1;
	return e[-1] >= 'a' && e[-1] <= 'z' && grel_words(prev->s, prev->len) >= 8;
}

/* "Home > Press > Releases", "Startseite / Newsroom / Pressemitteilungen";
 * *last is the last crumb. */
static int S_breadcrumb(const char *s, size_t len, grel_span *last)
{
	static const char *const seps[] = {" > ", " › ", " » ", " / ", " ＞ ", " 〉 ", " ᐳ ", NULL};
	size_t n = 0, piece = 0;
	if (len > 200)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != ' ')
			continue;
		for (size_t k = 0; seps[k]; k++) {
			size_t sl = strlen(seps[k]);
			if (i + sl <= len && !memcmp(s + i, seps[k], sl)) {
				if (i - piece == 0 || i - piece > 60 || S_sentence_end(s + piece, i - piece))
					return 0;
				n++;
				piece = i + sl;
				i += sl - 1;
				break;
			}
		}
	}
	if (!n || len - piece == 0 || len - piece > 60)
		return 0;
	if (n < 2 && !grel_is_chrome(s, len))
		return 0;
	*last = grel_trim(s + piece, len - piece);
	return 1;
}

/* A document symbol on a line of its own: "SG/SM/22093", "IP/18/4405". */
static int S_identifier(const char *s, size_t len)
{
	int slash = 0, digit = 0;
	if (len < 5 || len > 32 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '/')
			slash = 1;
		else if (c >= '0' && c <= '9')
			digit = 1;
		else if (!((c >= 'A' && c <= 'Z') || c == '.' || c == '-'))
			return 0;
	}
	return slash && digit;
}

/* "European Commission - Press release": an organisation and a category. */
static int S_org_dash_category(const char *s, size_t len, grel_span *org, grel_span *cat)
{
	for (size_t i = 0; i + 3 <= len; i++) {
		if (memcmp(s + i, " - ", 3) != 0 && (i + 5 > len || memcmp(s + i, " – ", 5) != 0))
			continue;
		size_t dl = s[i + 1] == '-' ? 3 : 5;
		*org = grel_trim(s, i);
		*cat = grel_trim(s + i + dl, len - i - dl);
		if (org->len && S_is_one_of(cat->s, cat->len, grel_list(GREL_TABLE_CATEGORY)))
			return 1;
	}
	return 0;
}

/* A line the header zone reads as metadata or a label (never the title). */
static int S_zone_meta(const S_line *l)
{
	grel_dateinfo di;
	grel_span v, w;
	long long h;
	if (!l->len)
		return 0;
	return S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_CATEGORY)) || S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL)) ||
	       grel_hits_line(l->s, l->len, &h) || S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_DATE_LABEL)) ||
	       grel_date_line(l->s, l->len, &di) || (grel_label_value(l->s, l->len, S_issuer_labels, &v) && v.len) ||
	       S_is_one_of(l->s, l->len, S_issuer_labels) || grel_label_value(l->s, l->len, S_header_issuer_labels, &v) ||
	       S_org_dash_category(l->s, l->len, &v, &w) || grel_is_contact_line(l->s, l->len) ||
	       grel_is_contact_head(l->s, l->len) || S_is_one_of(l->s, l->len, S_header_labels) ||
	       S_is_one_of(l->s, l->len, S_trailer_labels) || S_identifier(l->s, l->len) ||
	       S_breadcrumb(l->s, l->len, &v);
}

/* A subtitle set between dashes: "- 올해 총 1,200억 원 투입 -". */
static int S_dash_subtitle(const char *s, size_t len, grel_span *inner)
{
	static const char *const d[] = {"-", "–", "—", "―", "~", NULL};
	for (size_t k = 0; d[k]; k++) {
		size_t dl = strlen(d[k]);
		if (len > 2 * dl + 2 && !memcmp(s, d[k], dl) && !memcmp(s + len - dl, d[k], dl) && s[dl] == ' ') {
			*inner = grel_trim(s + dl, len - 2 * dl);
			return inner->len > 0;
		}
	}
	return 0;
}

/* Could this block be a title: words, not a label in capitals, not the
 * lead-in of something else. */
static int S_title_like(S_reader *r, size_t a, size_t b)
{
	size_t total = 0, words = 0;
	int ascii = 1;
	for (size_t i = a; i < b; i++) {
		const S_line *l = &r->lines[i];
		total += l->len;
		words += grel_words(l->s, l->len);
		for (size_t k = 0; k < l->len && ascii; k++)
			ascii = (unsigned char)l->s[k] < 0x80;
	}
	const S_line *first = &r->lines[a], *last = &r->lines[b - 1];
	char lc = last->s[last->len - 1];
	grel_span in;
	if (total > 400 || lc == ',' || lc == ';' || lc == ':' ||
	    (last->len >= 3 && !memcmp(last->s + last->len - 3, "：", 3)))
		return 0;
	if (b - a == 1 && (S_all_caps(first->s, first->len) || S_dash_subtitle(first->s, first->len, &in)))
		return 0;
	return words >= 2 || (!ascii && total >= 9);
}

typedef struct {
	size_t a, b; /* lines [a, b) */
	int cand;
} S_block;

static int S_set_joined(S_reader *r, const char *key, size_t a, size_t b)
{
	S_unit tmp;
	int rc;
	memset(&tmp, 0, sizeof tmp);
	for (size_t m = a; m < b; m++) {
		if (!r->lines[m].len)
			continue;
		if (!tmp.text.len)
			galley_buffer_append(&tmp.text, r->lines[m].s, r->lines[m].len);
		else
			S_join(&tmp, &r->lines[m]);
	}
	if (tmp.text.oom)
		rc = GALLEY_ENOMEM;
	else
		rc = tmp.text.len ? grel_meta_set(r->meta, key, tmp.text.data, tmp.text.len) : 0;
	galley_buffer_dispose(&tmp.text);
	return rc;
}

/* A site's name at the top of its page: an organisation, perhaps beside
 * the site's own name ("France Diplomatie - Ministère de ..."). */
static int S_site_name(S_reader *r, const S_line *l, int *rc)
{
	static const char *const seps[] = {" - ", " – ", " | ", " — ", NULL};
	grel_span part = {l->s, l->len};
	if (l->len > 120 || grel_words(l->s, l->len) > 10 || !grel_org_like(l->s, l->len))
		return 0;
	for (size_t k = 0; seps[k]; k++) {
		size_t sl = strlen(seps[k]);
		for (size_t i = 0; i + sl <= l->len; i++) {
			if (memcmp(l->s + i, seps[k], sl))
				continue;
			grel_span a = grel_trim(l->s, i), b = grel_trim(l->s + i + sl, l->len - i - sl);
			part = grel_org_like(b.s, b.len) && !grel_org_like(a.s, a.len) ? b : a;
			k = sizeof seps / sizeof seps[0] - 2; /* stop at the first separator */
			break;
		}
	}
	*rc = grel_meta_set(r->meta, "issuer", part.s, part.len);
	return 1;
}

/* The date in an AP-style dateline at the head of the first paragraph:
 * "SEOUL, South Korea – January 18, 2024 – Acme ...". The paragraph stays. */
static int S_lead_dateline(S_reader *r, size_t from)
{
	while (from < r->nlines && !r->lines[from].len)
		from++;
	if (from >= r->nlines || galley_meta_get(r->meta, "date"))
		return 0;
	const S_line *l = &r->lines[from];
	size_t n = l->len < 100 ? l->len : 100;
	char iso[16];
	long end = grel_parse_date(l->s, n, iso);
	if (end < 0 || !S_all_caps(l->s, (size_t)(memchr(l->s, ',', n) ? (const char *)memchr(l->s, ',', n) - l->s : 0)))
		return 0;
	grel_span after = grel_trim(l->s + end, l->len - (size_t)end);
	if (!(after.len && (after.s[0] == '-' || !memcmp(after.s, "–", after.len >= 3 ? 3 : 0) ||
			    !memcmp(after.s, "—", after.len >= 3 ? 3 : 0))))
		return 0;
	return galley_meta_set(r->meta, "date", iso);
}

#define S_ZONE_LINES 120
#define S_ZONE_BLOCKS 64

/* Read the header zone; returns the first body line, or (size_t)-1 when
 * the text shows no header zone (then S_header_plain reads it). */
static size_t S_header_zone(S_reader *r, int *rc)
{
	size_t p = (size_t)-1, lede_a = 0, lede_b = 0, block = (size_t)-1, prev = (size_t)-1, bwords = 0, bbytes = 0;
	size_t limit = r->nlines < S_ZONE_LINES ? r->nlines : S_ZONE_LINES;
	int signals = 0;

	*rc = 0;
	/* 1. Where the body begins: the first block of running text or the
	 * first numbered or boxed item. A first paragraph followed by date or
	 * "From:" lines is a summary under the title (gov.uk), not the body. */
	for (size_t i = 0; i < limit && p == (size_t)-1; i++) {
		const S_line *l = &r->lines[i];
		size_t skip;
		if (!l->len) {
			block = (size_t)-1;
			continue;
		}
		if (grel_is_chrome(l->s, l->len) || S_zone_meta(l)) {
			signals = 1;
			block = (size_t)-1;
			continue;
		}
		if (grel_number(l->s, l->len, &skip) >= 0 || grel_marker(l->s, l->len, grel_list(GREL_TABLE_BOX_MARKER), &skip) >= 0) {
			p = i;
			break;
		}
		if (block == (size_t)-1 || prev + 1 != i || !S_continues(&r->lines[prev], l)) {
			block = i;
			bwords = bbytes = 0;
		}
		prev = i;
		bwords += grel_words(l->s, l->len);
		bbytes += l->len;
		/* Running text: a block that ends a sentence and has some length. */
		if (!S_sentence_end(l->s, l->len) || (bwords < 6 && bbytes < 60))
			continue;
		if (!lede_b) {
			size_t k = i + 1, seen = 0;
			int meta_follows = 0;
			for (; k < r->nlines && seen < 4 && !meta_follows; k++) {
				const S_line *m = &r->lines[k];
				grel_dateinfo di;
				grel_span v;
				if (!m->len)
					continue;
				seen++;
				meta_follows = grel_date_line(m->s, m->len, &di) || S_is_one_of(m->s, m->len, grel_list(GREL_TABLE_DATE_LABEL)) ||
					       grel_label_value(m->s, m->len, S_header_issuer_labels, &v);
			}
			if (meta_follows && block > 0) {
				lede_a = block;
				lede_b = i + 1;
				block = (size_t)-1;
				continue;
			}
		}
		p = block;
	}
	if (p == (size_t)-1 || !signals)
		return (size_t)-1;

	/* 2. Blocks before the body; the last breadcrumb, the last metadata line. */
	S_block blocks[S_ZONE_BLOCKS];
	size_t nb = 0, crumb_end = 0, meta_end = 0;
	int label = 0; /* the last line was a label whose value follows ("hit" / "191") */
	for (size_t i = 0; i < p;) {
		const S_line *l = &r->lines[i];
		grel_span v;
		long long h;
		if (!l->len || (i >= lede_a && i < lede_b)) {
			i++;
			continue;
		}
		if (label && l->len <= 120 && (grel_only_number(l->s, l->len, &h) || label == 2)) {
			label = 0;
			meta_end = ++i;
			continue;
		}
		label = S_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL)) ? 1 :
			(S_is_one_of(l->s, l->len, S_issuer_labels) || S_is_one_of(l->s, l->len, S_header_issuer_labels)) ? 2 : 0;
		if (grel_is_chrome(l->s, l->len) || S_zone_meta(l)) {
			if (S_breadcrumb(l->s, l->len, &v))
				crumb_end = i + 1;
			if (S_zone_meta(l))
				meta_end = i + 1;
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < p && r->lines[j].len && !(j >= lede_a && j < lede_b) && !grel_is_chrome(r->lines[j].s, r->lines[j].len) &&
		       !S_zone_meta(&r->lines[j]) && S_continues(&r->lines[j - 1], &r->lines[j]))
			j++;
		if (nb == S_ZONE_BLOCKS)
			return (size_t)-1;
		blocks[nb].a = i;
		blocks[nb].b = j;
		blocks[nb].cand = S_title_like(r, i, j);
		nb++;
		i = j;
	}

	/* 3. The title: the last title-like block after the breadcrumb (a
	 * block right before it, as in "Title / Subtitle / text", wins and
	 * makes it the subtitle); a "- ... -" line after the title is one too. */
	long t = -1, sub = -1;
	for (size_t k = nb; k-- > 0;)
		if (blocks[k].cand && blocks[k].a >= crumb_end) {
			t = (long)k;
			break;
		}
	if (t < 0)
		for (size_t k = nb; k-- > 0;)
			if (blocks[k].cand) {
				t = (long)k;
				break;
			}
	if (t > 0 && blocks[t - 1].cand && blocks[t - 1].a >= crumb_end) {
		size_t q = blocks[t - 1].b;
		while (q < blocks[t].a && !r->lines[q].len)
			q++;
		if (q == blocks[t].a) {
			sub = t;
			t--;
		}
	}
	size_t hend = meta_end;
	if (t >= 0 && blocks[t].b > hend)
		hend = blocks[t].b;
	if (sub >= 0 && blocks[sub].b > hend)
		hend = blocks[sub].b;
	if (lede_b > hend)
		hend = lede_b;

	/* 4. Read the zone in order: metadata, site name, title, subtitle. */
	int pending_hits = 0, pending_issuer = 0;
	grel_span crumb = {NULL, 0};
	for (size_t i = 0; i < hend && *rc >= 0; i++) {
		const S_line *l = &r->lines[i];
		grel_span v, in;
		if (!l->len)
			continue;
		if (t >= 0 && i == blocks[t].a) {
			*rc = S_set_joined(r, "title", blocks[t].a, blocks[t].b);
			i = blocks[t].b - 1;
			size_t q = i + 1;
			while (q < hend && !r->lines[q].len)
				q++;
			if (sub < 0 && q < hend && S_dash_subtitle(r->lines[q].s, r->lines[q].len, &in)) {
				if (*rc >= 0)
					*rc = grel_meta_set(r->meta, "subtitle", in.s, in.len);
				i = q;
			}
			continue;
		}
		if (sub >= 0 && i == blocks[sub].a) {
			*rc = S_set_joined(r, "subtitle", blocks[sub].a, blocks[sub].b);
			i = blocks[sub].b - 1;
			continue;
		}
		if (lede_b && i == lede_a) {
			*rc = S_set_joined(r, "description", lede_a, lede_b);
			i = lede_b - 1;
			continue;
		}
		if (pending_issuer) {
			pending_issuer = 0;
			if (!S_zone_meta(l) && !grel_is_chrome(l->s, l->len) && l->len <= 120) {
				*rc = grel_meta_set(r->meta, "issuer", l->s, l->len);
				continue;
			}
		}
		if (S_breadcrumb(l->s, l->len, &v)) {
			crumb = v;
			continue;
		}
		if (S_identifier(l->s, l->len)) {
			*rc = grel_meta_set(r->meta, "identifier", l->s, l->len);
			continue;
		}
		if ((grel_label_value(l->s, l->len, S_header_issuer_labels, &v) || grel_label_value(l->s, l->len, S_issuer_labels, &v)) &&
		    !grel_org_like(l->s, (size_t)(v.s - l->s))) {
			if (v.len)
				*rc = grel_meta_set(r->meta, "issuer", v.s, v.len);
			else
				pending_issuer = 1;
			continue;
		}
		if (S_header_meta_line(r, l, &pending_hits, rc))
			continue;
		if (grel_is_contact_line(l->s, l->len))
			continue; /* the contact table of a Korean release's header */
		if ((t < 0 || i < blocks[t].a) && S_site_name(r, l, rc))
			continue;
		/* anything else in the zone is a label or chrome */
	}
	if (*rc >= 0 && crumb.len && !galley_meta_get(r->meta, "category"))
		*rc = grel_meta_set(r->meta, "category", crumb.s, crumb.len);
	if (*rc >= 0)
		*rc = S_lead_dateline(r, hend);
	return hend;
}

static size_t S_header(S_reader *r, int *rc)
{
	size_t body = S_header_zone(r, rc);
	if (*rc < 0 || body != (size_t)-1)
		return body;
	return S_header_plain(r, rc);
}

/* ------------------------------------------------------------------ */
/* Pass 2b: the body, as units                                         */
/* ------------------------------------------------------------------ */

static S_kind S_line_kind(S_reader *r, const S_line *l, int block_start, long *num, int *marker, size_t *skip)
{
	long n = grel_number(l->s, l->len, skip);
	/* A wrapped line may start with "18. " by chance: a number starts an
	 * item only at a block start, or when it continues the count. */
	if (n >= 0 && (block_start || n == r->last_num + 1 || n == 1)) {
		*num = n;
		return U_NUM;
	}
	if ((*marker = grel_marker(l->s, l->len, grel_list(GREL_TABLE_BOX_MARKER), skip)) >= 0)
		return U_BOX;
	if ((*marker = grel_marker(l->s, l->len, grel_list(GREL_TABLE_NOTE_MARKER), skip)) >= 0)
		return U_NOTE;
	if ((*marker = grel_marker(l->s, l->len, grel_list(GREL_TABLE_OUTLINE_MARKER), skip)) >= 0)
		return U_SUB;
	return U_PARA;
}

/* A unit of one line that names a section ("Background", "About Acme"). */
static int S_section_line(const S_unit *u)
{
	const char *s = u->text.data;
	size_t len = u->text.len;
	if (u->kind != U_PARA || u->nlines != 1 || !len || len > 60 || strchr(".,;:!?", s[len - 1]))
		return 0;
	return S_is_one_of(s, len, S_section_labels) || (grel_starts_fold(s, len, "About ") && grel_words(s, len) <= 6);
}

static int S_body(S_reader *r, size_t from)
{
	S_unit *cur = NULL;
	int block_start = 1, contact_block = 0, drop_block = 0, has_body = 0;
	const char *title = galley_meta_get(r->meta, "title");
	int first_unit = 1;

	for (size_t i = from; i < r->nlines; i++) {
		const S_line *l = &r->lines[i];
		long num = -1;
		int marker = -1, rule;
		size_t skip = 0;

		if (!l->len) {
			cur = NULL;
			block_start = 1;
			contact_block = drop_block = 0;
			continue;
		}
		if (drop_block) {
			if (cur)
				S_join(cur, l);
			continue;
		}
		if (grel_is_end_mark(l->s, l->len)) {
			S_new_unit(r, U_END, i);
			cur = NULL;
			block_start = 0;
			continue;
		}
		/* The page's trailer (tags, related links, share and feedback
		 * boxes): the release has ended. */
		if (has_body && S_is_one_of(l->s, l->len, S_trailer_labels))
			break;
		if (S_identifier(l->s, l->len)) {
			if (grel_meta_set(r->meta, "identifier", l->s, l->len) < 0)
				return GALLEY_ENOMEM;
			cur = NULL;
			continue;
		}
		if ((rule = S_rule_char(l->s, l->len)) != 0) {
			/* "Title\n=====" is a heading; a rule alone is a break. */
			if (cur && cur->kind == U_PARA && cur->nlines == 1 && (rule == '=' || rule == '-')) {
				cur->kind = U_HEADING;
				cur->marker = rule == '=' ? 1 : 2;
				cur = NULL;
			} else if (rule == '*' && l->len == 5) {
				S_new_unit(r, U_END, i);
				cur = NULL;
			} else {
				S_new_unit(r, U_BREAK, i);
				cur = NULL;
			}
			block_start = 0;
			continue;
		}
		if (grel_is_disclaimer(l->s, l->len)) {
			/* A disclaimer runs to the end of its block. */
			cur = S_new_unit(r, U_DISCLAIMER, i);
			drop_block = 1;
			continue;
		}
		if (grel_is_chrome(l->s, l->len)) {
			cur = NULL;
			block_start = 0;
			continue;
		}
		if (grel_is_contact_line(l->s, l->len) || grel_is_contact_head(l->s, l->len) || (contact_block && !S_starts_item(l))) {
			grel_span v;
			if (grel_label_value(l->s, l->len, S_issuer_labels, &v) && v.len)
				grel_meta_set(r->meta, "issuer", v.s, v.len);
			cur = S_new_unit(r, U_CONTACT, i);
			contact_block = 1;
			block_start = 0;
			continue;
		}
		{
			/* "Source: Ministry of ..." in the body names the issuer. */
			grel_span v;
			if (grel_label_value(l->s, l->len, S_issuer_labels, &v) && v.len) {
				grel_meta_set(r->meta, "issuer", v.s, v.len);
				cur = NULL;
				continue;
			}
		}
		S_kind k = S_line_kind(r, l, block_start, &num, &marker, &skip);
		/* "About Acme" right above its text is a heading, not a wrapped line. */
		if (k == U_PARA && cur && cur->kind != U_HEADING && !S_section_line(cur)) {
			S_join(cur, l);
			continue;
		}
		has_body = 1;
		cur = S_new_unit(r, k, i);
		if (!cur)
			return GALLEY_ENOMEM;
		cur->marker = marker;
		cur->skip = skip;
		if (k == U_NUM) {
			cur->num = num;
			r->last_num = num;
		}
		block_start = 0;
		/* The title repeated as the first line of the body. */
		if (first_unit && title && k == U_PARA && l->len == strlen(title) && !memcmp(l->s, title, l->len)) {
			cur->kind = U_DROP;
			cur = NULL;
			block_start = 1;
		}
		first_unit = 0;
	}
	return r->oom ? GALLEY_ENOMEM : 0;
}

/* Obvious headings in a paragraph of one line: "# Title", "[참고]", ALL
 * CAPS, or a known section label ("Background", "Notes to editors"). */
static int S_heading_level(const S_unit *u)
{
	const char *s = u->text.data;
	size_t len = u->text.len;
	if (u->nlines != 1 || len == 0 || len > 80)
		return 0;
	if (s[0] == '#') {
		size_t h = 0;
		while (h < len && s[h] == '#')
			h++;
		if (h <= 6 && h < len && s[h] == ' ')
			return (int)h;
		return 0;
	}
	unsigned char last = (unsigned char)s[len - 1];
	if ((s[0] == '[' && last == ']') || (s[0] == '<' && last == '>') || !memcmp(s, "【", len >= 3 ? 3 : 0) ||
	    !memcmp(s, "〈", len >= 3 ? 3 : 0))
		return 2;
	if (strchr(".,;:!?", last) || (len >= 3 && (!memcmp(s + len - 3, "。", 3) || !memcmp(s + len - 3, "다.", 3))))
		return 0;
	if (S_section_line(u))
		return 2;
	size_t upper = 0, lower = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper++;
		else if (s[i] >= 'a' && s[i] <= 'z')
			lower++;
	}
	return (upper >= 4 && lower == 0) ? 2 : 0;
}

/* Strip a heading's "#" marks or brackets. */
static grel_span S_heading_text(const S_unit *u)
{
	grel_span t = {u->text.data, u->text.len};
	if (t.len && t.s[0] == '#') {
		while (t.len && t.s[0] == '#') {
			t.s++;
			t.len--;
		}
		while (t.len && t.s[t.len - 1] == '#')
			t.len--;
	} else if (t.len >= 2 && ((t.s[0] == '[' && t.s[t.len - 1] == ']') || (t.s[0] == '<' && t.s[t.len - 1] == '>'))) {
		t.s++;
		t.len -= 2;
	} else if (t.len >= 6 && !memcmp(t.s, "【", 3) && !memcmp(t.s + t.len - 3, "】", 3)) {
		t.s += 3;
		t.len -= 6;
	}
	return grel_trim(t.s, t.len);
}

/* Pass 2c: headings among the paragraphs of one line. The release's
 * closing lines, notes and end marks are the release pass's (release.h). */
static int S_classify(S_reader *r)
{
	int rc = 0;
	for (size_t k = 0; k < r->nunits && rc >= 0; k++) {
		S_unit *u = &r->units[k];
		if (u->text.oom)
			return GALLEY_ENOMEM;
		if (u->kind == U_PARA && (u->marker = S_heading_level(u)) > 0) {
			u->kind = U_HEADING;
			/* "About Acme Robotics": the boilerplate names the issuer. */
			if (grel_starts_fold(u->text.data, u->text.len, "About ") && u->text.len > 6)
				rc = grel_meta_set(r->meta, "issuer", u->text.data + 6, u->text.len - 6);
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Pass 3: the tree                                                    */
/* ------------------------------------------------------------------ */

static int S_paragraph(galley_builder *b, const char *s, size_t len)
{
	int rc;
	if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0)
		return rc;
	if (len && (rc = galley_builder_text(b, s, len)) < 0)
		return rc;
	return galley_builder_leave(b);
}

static int S_div(galley_builder *b, const char *role)
{
	int rc = galley_builder_enter(b, GALLEY_NODE_DIV);
	return rc < 0 ? rc : galley_builder_set_role(b, role);
}

/* A unit's paragraph, as written (markers too: the release pass reads
 * them). A unit of several lines keeps one text node a line, a
 * continuation led by the space that joined it (GREL_LINES): the pass sets
 * a signature line by line, then merges them. */
static int S_unit_paragraph(S_reader *r, const S_unit *u)
{
	galley_builder *b = r->b;
	const char *s = u->text.data ? u->text.data : "";
	size_t at = 0, m;
	int rc;
	for (m = u->first; u->nlines > 1 && m < u->first + u->nlines; m++)
		at += r->lines[m].len + (m > u->first && at < u->text.len && s[at] == ' ');
	if (u->nlines == 1 || at != u->text.len)
		return S_paragraph(b, s, u->text.len);
	if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0)
		return rc;
	at = 0;
	for (m = u->first; m < u->first + u->nlines && rc >= 0; m++) {
		size_t n = r->lines[m].len + (m > u->first && s[at] == ' ');
		galley_node *t = galley_node_new(GALLEY_NODE_TEXT);
		if (!t || (rc = galley_node_set_text(t, s + at, n)) < 0 || (rc = galley_builder_append(b, t)) < 0) {
			galley_node_free(t);
			return rc < 0 ? rc : galley_error(r->ctx, GALLEY_ENOMEM, "out of memory");
		}
		at += n;
	}
	return galley_builder_leave(b);
}

static int S_emit(S_reader *r)
{
	galley_builder *b = r->b;
	int contact = 0; /* a contact div is open: contact lines in a row share it */
	int rc = 0;

	for (size_t k = 0; k < r->nunits && rc >= 0; k++) {
		S_unit *u = &r->units[k];
		if (u->kind == U_DROP)
			continue;
		if (contact && u->kind != U_CONTACT) {
			if ((rc = galley_builder_leave(b)) < 0)
				break;
			contact = 0;
		}
		switch (u->kind) {
		case U_HEADING: {
			grel_span t = S_heading_text(u);
			if ((rc = galley_builder_enter(b, GALLEY_NODE_HEADING)) < 0 ||
			    (rc = galley_builder_set_level(b, u->marker)) < 0 ||
			    (rc = galley_builder_text(b, t.s, t.len)) < 0)
				break;
			rc = galley_builder_leave(b);
			break;
		}
		case U_BREAK:
			rc = galley_builder_leaf(b, GALLEY_NODE_BREAK, NULL);
			break;
		case U_CONTACT:
			/* The lines of a contact block, one paragraph each. */
			if (!contact && (rc = S_div(b, "contact")) < 0)
				break;
			contact = 1;
			rc = S_paragraph(b, u->text.data ? u->text.data : "", u->text.len);
			break;
		default:
			/* Numbered, marked, note, end mark and disclaimer lines as
			 * written: the release pass reads them. */
			rc = S_unit_paragraph(r, u);
			break;
		}
	}
	if (rc >= 0 && contact)
		rc = galley_builder_leave(b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The reader                                                          */
/* ------------------------------------------------------------------ */

/* The language of the body once the release pass has set its closing
 * lines apart: paragraphs, headings and notes, not signatures, contacts or
 * datelines. */
static int S_language(S_reader *r, galley_node *doc)
{
	galley_buffer sample = GALLEY_BUFFER_INIT;
	char lang[16];
	int rc = 0;
	for (galley_node *c = galley_node_first_child(doc); c && sample.len < 16384; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		const char *role = t == GALLEY_NODE_DIV ? galley_node_get_role(c) : NULL;
		if (t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) {
			galley_node_text_content(c, &sample);
			galley_buffer_putc(&sample, '\n');
		} else if (role && !strcmp(role, "note")) {
			for (galley_node *p = galley_node_first_child(c); p && sample.len < 16384; p = galley_node_next(p)) {
				galley_node_text_content(p, &sample);
				galley_buffer_putc(&sample, '\n');
			}
		}
	}
	if (!sample.len && galley_meta_get(r->meta, "title"))
		galley_buffer_puts(&sample, galley_meta_get(r->meta, "title"));
	if (sample.oom)
		rc = GALLEY_ENOMEM;
	else if (sample.len && galley_detect_language(sample.data, sample.len, lang) == 0 &&
		 !galley_meta_get(r->meta, "language"))
		rc = galley_meta_set(r->meta, "language", lang);
	galley_buffer_dispose(&sample);
	return rc;
}

int galley_text_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	galley_buffer utf8 = GALLEY_BUFFER_INIT;
	char charset[64] = "";
	S_reader r;
	int rc;

	(void)payload;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.b = b;
	r.meta = galley_builder_meta(b);
	r.last_num = -1;
	if ((rc = galley_to_utf8(ctx, data, len, galley_context_option(ctx, "charset"), &utf8, charset)) < 0)
		goto out;
	galley_log(ctx, GALLEY_LOG_INFO, "text: read as %s", charset);

	if ((rc = S_split_lines(&r, utf8.data ? utf8.data : "", utf8.len)) < 0)
		goto oom;
	size_t body = S_header(&r, &rc);
	if (rc < 0)
		goto fail;
	if ((rc = S_body(&r, body)) < 0)
		goto fail;
	if ((rc = S_classify(&r)) < 0)
		goto fail;
	if ((rc = S_emit(&r)) < 0)
		goto out; /* the builder has set the error */
	/* The builder's cursor is back at the document: the release pass
	 * rewrites its top-level blocks, the language is read from the body
	 * it leaves, then numbered paragraphs and outlines become lists. */
	galley_node *doc = galley_builder_current(b);
	if ((rc = grel_pass_blocks(ctx, doc, r.meta, GREL_LINES)) < 0)
		goto out;
	if ((rc = S_language(&r, doc)) < 0)
		goto fail;
	rc = grel_pass_lists(ctx, doc);
	goto out;
oom:
	rc = GALLEY_ENOMEM;
fail:
	if (rc == GALLEY_ENOMEM)
		rc = galley_error(ctx, rc, "out of memory reading text");
	else if (!galley_context_error_code(ctx))
		rc = galley_error(ctx, rc, "cannot read text");
out:
	for (size_t k = 0; k < r.nunits; k++)
		galley_buffer_dispose(&r.units[k].text);
	free(r.units);
	free(r.lines);
	galley_buffer_dispose(&utf8);
	return rc;
}
