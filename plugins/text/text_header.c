/* text_header.c — the text reader's header pass: the metadata before the
 * body, from a plain header (title, date block, hit count) or from the
 * header zone of a web page's text (site name, breadcrumb, labels, title,
 * subtitle, summary, dateline). */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* Pass 2a: the header                                                 */
/* ------------------------------------------------------------------ */

/* A signature line above the title ("Office of the Spokesperson") is a
 * few words; a longer line naming a spokesperson is a headline ("MFA
 * Spokesperson's Comments on ..."). */
#define S_SIGNATURE_WORDS 6
#define S_SIGNATURE_BYTES 60
static int S_signature_line(const txt_line *l)
{
	/* not a lead-in ("A ... spokesperson said:") or a headline with a comma */
	if (!l->len || l->s[l->len - 1] == ':' || memchr(l->s, ',', l->len))
		return 0;
	return l->len <= S_SIGNATURE_BYTES && grel_words(l->s, l->len) <= S_SIGNATURE_WORDS && grel_is_signature(l->s, l->len);
}

/* Lines of a release's header that only label it ("FOR IMMEDIATE
 * RELEASE"): dropped, but a sign that the text is a release. */
static const char *const S_header_labels[] = {
	"For immediate release", "For release", "Immediate release", "Embargoed", "Embargoed until further notice",
	"Sofortige Veröffentlichung", "Pour diffusion immédiate", NULL
};


/* Labels in a header naming the issuer, also "From:" (gov.uk). */
static const char *const S_header_issuer_labels[] = {"From", "Von", "De la part de", NULL};

/* "European Commission - Press release": an organisation and a category. */
static int S_org_dash_category(const char *s, size_t len, grel_span *org, grel_span *cat)
{
	for (size_t i = 0; i + 3 <= len; i++) {
		if (memcmp(s + i, " - ", 3) != 0 && (i + 5 > len || memcmp(s + i, " – ", 5) != 0))
			continue;
		size_t dl = s[i + 1] == '-' ? 3 : 5;
		*org = grel_trim(s, i);
		*cat = grel_trim(s + i + dl, len - i - dl);
		if (org->len && txt_is_one_of(cat->s, cat->len, grel_list(GREL_TABLE_CATEGORY)))
			return 1;
	}
	return 0;
}

/* A header line that carries metadata or chrome: consumed by the header. */
static int S_header_meta_line(txt_reader *r, const txt_line *l, int *pending_hits, int *rc)
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
		if (txt_all_caps(l->s, l->len))
			*rc = grel_meta_set(r->meta, "category", grel_list(GREL_TABLE_CATEGORY)[ci], strlen(grel_list(GREL_TABLE_CATEGORY)[ci]));
		else
			*rc = grel_meta_set(r->meta, "category", l->s, l->len);
		return 1;
	}
	if (txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL))) {
		*pending_hits = 1;
		return 1;
	}
	if (grel_hits_line(l->s, l->len, &hits)) {
		if (galley_meta_get_hits(r->meta) < 0)
			*rc = galley_meta_set_hits(r->meta, hits);
		return 1;
	}
	if (grel_date_line(l->s, l->len, &di)) {
		/* "Published on 28 Dec 2019" beats a bare date above it (an
		 * aggregator's): the source's date is the labelled one. */
		if (di.labelled && !r->date_labelled && galley_meta_get(r->meta, "date"))
			*rc = galley_meta_set(r->meta, "date", di.iso);
		if (*rc >= 0)
			*rc = grel_apply_date(r->meta, &di);
		r->date_labelled |= di.labelled;
		return 1;
	}
	if (txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_DATE_LABEL)))
		return 1;
	if (txt_issuer_label(l->s, l->len, &v)) {
		*rc = grel_meta_set(r->meta, "issuer", v.s, v.len);
		return 1;
	}
	/* "European Commission - Press release": issuer and category. */
	grel_span org, cat;
	if (S_org_dash_category(l->s, l->len, &org, &cat)) {
		*rc = grel_meta_set(r->meta, "category", cat.s, cat.len);
		if (*rc == 0)
			*rc = grel_meta_set(r->meta, "issuer", org.s, org.len);
		return 1;
	}
	/* "Office of the Spokesperson" above the title names the issuer. */
	if (S_signature_line(l)) {
		*rc = grel_meta_set(r->meta, "issuer", l->s, l->len);
		return 1;
	}
	return grel_is_chrome(l->s, l->len);
}

/* Longer than a hard-wrapped line (as txt_ends_block() reads one). */
#define S_WRAP_LINE 100
/* A subtitle has some words: five. */
#define S_SUBTITLE_WORDS 5

/* A line of its own under the title that is no sentence and no item,
 * with text after it: a subtitle. */
static int S_plain_subtitle(txt_reader *r, size_t i)
{
	const txt_line *l = &r->lines[i];
	char lc = l->s[l->len - 1];
	if ((i + 1 < r->nlines && r->lines[i + 1].len) || grel_words(l->s, l->len) < S_SUBTITLE_WORDS ||
	    txt_sentence_end(l->s, l->len) || lc == ':' || lc == ',' || lc == ';' || txt_starts_item(l) ||
	    txt_all_caps(l->s, l->len) || grel_is_chrome(l->s, l->len))
		return 0;
	for (size_t k = i + 1; k < r->nlines; k++)
		if (r->lines[k].len)
			return 1;
	return 0;
}

/* Lines [i, j) stacked as a page's header: two or more short lines that
 * are no sentences, each starting a new line of its own (a capital or
 * another script), the block ended by a blank line, text after it. */
static int S_stacked_header(txt_reader *r, size_t i, size_t j)
{
	if (j - i < 2 || j >= r->nlines || r->lines[j].len)
		return 0;
	for (size_t m = i; m < j; m++) {
		const txt_line *l = &r->lines[m];
		unsigned char c = (unsigned char)l->s[0];
		char lc = l->s[l->len - 1];
		if (txt_ends_block(l) || l->len > S_WRAP_LINE || txt_sentence_end(l->s, l->len) || lc == ',' || lc == ':' ||
		    lc == ';' || (m > i && !((c >= 'A' && c <= 'Z') || c >= 0x80)))
			return 0;
	}
	for (size_t k = j; k < r->nlines; k++)
		if (r->lines[k].len)
			return 1;
	return 0;
}

/* Read the header of text that shows no page structure; returns the
 * index of the first body line. A title is the first short block that is
 * not metadata; it may wrap over three lines when the text already looked
 * like a release. */
static size_t S_header_plain(txt_reader *r, int *rc)
{
	size_t i = 0;
	int pending_hits = 0, signals = 0, have_title = 0;
	*rc = 0;
	while (i < r->nlines) {
		const txt_line *l = &r->lines[i];
		if (!l->len) {
			i++;
			continue;
		}
		/* a media advisory's event block ("WHO: ...") is the body */
		if (grel_advisory_label(l->s, l->len, NULL))
			return i;
		if (S_header_meta_line(r, l, &pending_hits, rc)) {
			if (*rc < 0)
				return i;
			signals = 1;
			i++;
			continue;
		}
		if (have_title == 1 && S_plain_subtitle(r, i)) {
			/* "Project expands ... into building material": one line
			 * under the title, no sentence, before the text */
			if ((*rc = grel_meta_set(r->meta, "subtitle", l->s, l->len)) < 0)
				return i;
			have_title = 2;
			i++;
			continue;
		}
		if (have_title || txt_starts_item(l))
			return i;
		/* The title block: up to the next blank or metadata line. */
		size_t j = i, total = 0;
		while (j < r->nlines && r->lines[j].len && j - i < 4) {
			if (j > i) {
				/* peek without consuming: a metadata line ends the title */
				grel_dateinfo di;
				long long h;
				if (txt_is_one_of(r->lines[j].s, r->lines[j].len, grel_list(GREL_TABLE_DATE_LABEL)) ||
				    txt_is_one_of(r->lines[j].s, r->lines[j].len, grel_list(GREL_TABLE_HITS_LABEL)) ||
				    grel_hits_line(r->lines[j].s, r->lines[j].len, &h) ||
				    grel_date_line(r->lines[j].s, r->lines[j].len, &di) ||
				    grel_is_chrome(r->lines[j].s, r->lines[j].len) ||
				    grel_advisory_label(r->lines[j].s, r->lines[j].len, NULL) ||
				    txt_ends_block(&r->lines[j]))
					break; /* ... or a whole paragraph on one line */
			}
			total += r->lines[j].len;
			j++;
		}
		size_t n = j - i;
		const char *last = r->lines[j - 1].s;
		size_t lastlen = r->lines[j - 1].len;
		char lc = last[lastlen - 1];
		int ok = n <= (signals ? 3 : 1) && total <= 400 && lc != ',' && lc != ';' && lc != ':';
		if (!ok && S_stacked_header(r, i, j)) {
			/* Title, subtitle, source and place on lines of their own:
			 * the first is the title, a long second one the subtitle. */
			if ((*rc = grel_meta_set(r->meta, "title", l->s, l->len)) >= 0 &&
			    grel_words(r->lines[i + 1].s, r->lines[i + 1].len) >= S_SUBTITLE_WORDS)
				*rc = grel_meta_set(r->meta, "subtitle", r->lines[i + 1].s, r->lines[i + 1].len);
			if (*rc < 0)
				return i;
			have_title = 2;
			i = j;
			continue;
		}
		/* There must be something after the title, or it is just text. */
		size_t k = j;
		while (ok && k < r->nlines && !r->lines[k].len)
			k++;
		if (k >= r->nlines)
			ok = 0;
		if (!ok)
			return i;
		txt_unit tmp;
		memset(&tmp, 0, sizeof tmp);
		txt_unit_append(&tmp, r->lines[i].s, r->lines[i].len);
		for (size_t m = i + 1; m < j; m++)
			txt_join(&tmp, &r->lines[m]);
		if (tmp.oom)
			*rc = GALLEY_ENOMEM;
		else
			*rc = galley_meta_set(r->meta, "title", tmp.text.data);
		txt_unit_dispose(&tmp);
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

/* Whether next continues prev as a hard-wrapped line of one block: it
 * starts in lower case, or prev stops mid-sentence (a comma, or a long
 * line ending in a small word: "... nach Japan und"). */
static int S_continues(const txt_line *prev, const txt_line *next)
{
	unsigned char c = (unsigned char)next->s[0];
	if (c >= 'a' && c <= 'z')
		return 1;
	const char *e = prev->s + prev->len;
	if (!prev->len || txt_ends_block(prev))
		return 0;
	/* A short line over a whole paragraph on one line ("Headline" over
	 * "Presidents Obama and ... spoke for 20 minutes ...") is not wrapped. */
	if (next->len > S_WRAP_LINE && prev->len * 3 < next->len * 2)
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
				if (i - piece == 0 || i - piece > 60 || txt_sentence_end(s + piece, i - piece))
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

/* A line the header zone reads as metadata or a label (never the title). */
static int S_zone_meta(const txt_line *l)
{
	grel_dateinfo di;
	grel_span v, w;
	long long h;
	if (!l->len)
		return 0;
	return txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_CATEGORY)) || txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL)) ||
	       grel_hits_line(l->s, l->len, &h) || txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_DATE_LABEL)) ||
	       grel_date_line(l->s, l->len, &di) || (txt_issuer_label(l->s, l->len, &v)) ||
	       txt_is_one_of(l->s, l->len, txt_issuer_labels) || grel_label_value(l->s, l->len, S_header_issuer_labels, &v) ||
	       S_org_dash_category(l->s, l->len, &v, &w) || grel_is_contact_line(l->s, l->len) ||
	       grel_is_contact_head(l->s, l->len) || txt_is_one_of(l->s, l->len, S_header_labels) ||
	       txt_is_one_of(l->s, l->len, txt_trailer_labels) || txt_identifier(l->s, l->len) ||
	       S_breadcrumb(l->s, l->len, &v) ||
	       S_signature_line(l);
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
static int S_title_like(txt_reader *r, size_t a, size_t b)
{
	size_t total = 0, words = 0;
	int ascii = 1;
	for (size_t i = a; i < b; i++) {
		const txt_line *l = &r->lines[i];
		total += l->len;
		words += grel_words(l->s, l->len);
		for (size_t k = 0; k < l->len && ascii; k++)
			ascii = (unsigned char)l->s[k] < 0x80;
	}
	const txt_line *first = &r->lines[a], *last = &r->lines[b - 1];
	char lc = last->s[last->len - 1];
	grel_span in;
	if (total > 400 || lc == ',' || lc == ';' || lc == ':' ||
	    (last->len >= 3 && !memcmp(last->s + last->len - 3, "：", 3)))
		return 0;
	if (b - a == 1 && (txt_all_caps(first->s, first->len) || S_dash_subtitle(first->s, first->len, &in)))
		return 0;
	/* "Office of the Spokesperson": a signature names the issuer. */
	if (b - a == 1 && S_signature_line(first))
		return 0;
	/* Two sentences ("The site is now online. Please pick ...") are a
	 * banner or a lead, not a headline: a word of small letters ends the
	 * first before a capital ("Mr. Angel" is not one). */
	for (size_t i = a; i < b; i++) {
		const txt_line *l = &r->lines[i];
		for (size_t k = 3; k + 2 < l->len; k++)
			if (l->s[k] == '.' && l->s[k + 1] == ' ' && l->s[k + 2] >= 'A' && l->s[k + 2] <= 'Z' &&
			    l->s[k - 1] >= 'a' && l->s[k - 1] <= 'z' && l->s[k - 2] >= 'a' && l->s[k - 2] <= 'z' &&
			    l->s[k - 3] >= 'a' && l->s[k - 3] <= 'z')
				return 0;
	}
	return words >= 2 || (!ascii && total >= 9);
}

typedef struct {
	size_t a, b; /* lines [a, b) */
	int cand;
} S_block;

/* A headline has some length: five words, or 24 bytes of a script
 * written without spaces. A shorter block above the title is a section
 * name ("News and Announcements", "Documentos de referencia"), not a
 * title over its subtitle. */
#define S_HEADLINE_WORDS 5
#define S_HEADLINE_BYTES 24
static int S_headline_size(txt_reader *r, const S_block *bl)
{
	size_t words = 0, bytes = 0;
	int ascii = 1;
	for (size_t i = bl->a; i < bl->b; i++) {
		const txt_line *l = &r->lines[i];
		words += grel_words(l->s, l->len);
		bytes += l->len;
		for (size_t k = 0; k < l->len && ascii; k++)
			ascii = (unsigned char)l->s[k] < 0x80;
	}
	return words >= S_HEADLINE_WORDS || (!ascii && bytes >= S_HEADLINE_BYTES);
}

static int S_set_joined(txt_reader *r, const char *key, size_t a, size_t b)
{
	txt_unit tmp;
	int rc;
	memset(&tmp, 0, sizeof tmp);
	for (size_t m = a; m < b; m++) {
		if (!r->lines[m].len)
			continue;
		if (!tmp.text.len)
			txt_unit_append(&tmp, r->lines[m].s, r->lines[m].len);
		else
			txt_join(&tmp, &r->lines[m]);
	}
	if (tmp.oom)
		rc = GALLEY_ENOMEM;
	else
		rc = tmp.text.len ? grel_meta_set(r->meta, key, tmp.text.data, tmp.text.len) : 0;
	txt_unit_dispose(&tmp);
	return rc;
}

/* A site's name at the top of its page: an organisation, perhaps beside
 * the site's own name ("France Diplomatie - Ministère de ..."). */
static int S_site_name(txt_reader *r, const txt_line *l, int *rc)
{
	static const char *const seps[] = {" - ", " – ", " | ", " — ", NULL};
	grel_span part = {l->s, l->len}, name, acro;
	if (l->len > 120 || grel_words(l->s, l->len) > 10 || !grel_org_like(l->s, l->len))
		return 0;
	if (grel_name_and_acronym(l->s, l->len, &name, &acro)) {
		*rc = grel_meta_set(r->meta, "issuer", l->s, l->len); /* normalised later */
		return 1;
	}
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

/* Lines read for a dateline at the head of the body. */
#define S_DATELINE_LINES 3

/* The date (and place, and a wire's company) in an AP-style dateline at
 * the head of the first paragraph: "SEOUL, South Korea – January 18, 2024
 * – Acme ...". The paragraph stays. */
static int S_lead_dateline(txt_reader *r, size_t from)
{
	grel_dateline_info di;
	if (galley_meta_get(r->meta, "date"))
		return 0;
	/* the first paragraphs: a wire may set its boilerplate first */
	for (size_t i = from, seen = 0; i < r->nlines && seen < S_DATELINE_LINES; i++) {
		const txt_line *l = &r->lines[i];
		if (!l->len)
			continue;
		seen++;
		if (grel_dateline_scan(l->s, l->len, GREL_DL_LINE, &di) < 0)
			continue;
		/* as the HTML reader takes it: the place (a wire's is its
		 * own), and the company a wire's dateline names */
		int rc = galley_meta_set(r->meta, "date", di.iso);
		if (rc == 0 && di.place.len > 0 && !di.wire)
			rc = grel_meta_set(r->meta, "place", di.place.s, di.place.len);
		if (rc == 0 && di.issuer.len > 0)
			rc = grel_meta_set(r->meta, "issuer", di.issuer.s, di.issuer.len);
		return rc;
	}
	return 0;
}

#define S_ZONE_LINES 120
#define S_ZONE_BLOCKS 64

/* A block that names an organisation (a site's name), never a headline
 * picked over the one under the date block. */
static int S_org_block(txt_reader *r, const S_block *bl)
{
	for (size_t i = bl->a; i < bl->b; i++)
		if (grel_org_like(r->lines[i].s, r->lines[i].len))
			return 1;
	return 0;
}

/* A short value under a label line ("writer" / "관리자"). */
#define S_VALUE_WORDS 3
static int S_label_value_line(txt_reader *r, size_t i)
{
	size_t k = i;
	while (k > 0 && !r->lines[k - 1].len)
		k--;
	if (k == 0 || grel_words(r->lines[i].s, r->lines[i].len) > S_VALUE_WORDS)
		return 0;
	const txt_line *label = &r->lines[k - 1];
	return grel_words(label->s, label->len) <= 2 && (S_zone_meta(label) || grel_is_chrome(label->s, label->len));
}

/* A line that only names an organisation: short, no sentence. */
#define S_LETTERHEAD_WORDS 6
static int S_letterhead_line(const txt_line *l)
{
	return l->len && grel_words(l->s, l->len) <= S_LETTERHEAD_WORDS && grel_org_like(l->s, l->len) &&
	       !txt_sentence_end(l->s, l->len) && !memchr(l->s, ':', l->len);
}

/* Lines [a, b) hold a date line, and only metadata, chrome and blanks. */
static int S_dated_gap(txt_reader *r, size_t a, size_t b)
{
	int dated = 0;
	grel_dateinfo di;
	for (size_t i = a; i < b; i++) {
		const txt_line *l = &r->lines[i];
		if (!l->len)
			continue;
		if (grel_date_line(l->s, l->len, &di))
			dated = 1;
		else if (!S_zone_meta(l) && !grel_is_chrome(l->s, l->len) && !(i > a && S_label_value_line(r, i)))
			return 0;
	}
	return dated;
}

/* Read the header zone; returns the first body line, or (size_t)-1 when
 * the text shows no header zone (then S_header_plain reads it). */
static size_t S_header_zone(txt_reader *r, int *rc)
{
	size_t p = (size_t)-1, lede_a = 0, lede_b = 0, block = (size_t)-1, prev = (size_t)-1, bwords = 0, bbytes = 0;
	size_t limit = r->nlines < S_ZONE_LINES ? r->nlines : S_ZONE_LINES;
	int signals = 0;

	*rc = 0;
	/* 1. Where the body begins: the first block of running text or the
	 * first numbered or boxed item. A first paragraph followed by date or
	 * "From:" lines is a summary under the title (gov.uk), not the body. */
	for (size_t i = 0; i < limit && p == (size_t)-1; i++) {
		const txt_line *l = &r->lines[i];
		size_t skip;
		if (!l->len) {
			block = (size_t)-1;
			continue;
		}
		/* "WHO: ...", "WHEN: ...": a media advisory's event block opens the body */
		if (grel_advisory_label(l->s, l->len, NULL)) {
			p = i;
			break;
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
		if (!txt_sentence_end(l->s, l->len) || (bwords < 6 && bbytes < 60))
			continue;
		if (!lede_b) {
			size_t k = i + 1, seen = 0;
			int meta_follows = 0;
			for (; k < r->nlines && seen < 4 && !meta_follows; k++) {
				const txt_line *m = &r->lines[k];
				grel_dateinfo di;
				grel_span v;
				if (!m->len)
					continue;
				seen++;
				if (grel_words(m->s, m->len) >= 6 && txt_sentence_end(m->s, m->len))
					break; /* more running text: this was the body */
				meta_follows = grel_date_line(m->s, m->len, &di) || txt_is_one_of(m->s, m->len, grel_list(GREL_TABLE_DATE_LABEL)) ||
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
		const txt_line *l = &r->lines[i];
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
		label = txt_is_one_of(l->s, l->len, grel_list(GREL_TABLE_HITS_LABEL)) ? 1 :
			(txt_is_one_of(l->s, l->len, txt_issuer_labels) || txt_is_one_of(l->s, l->len, S_header_issuer_labels)) ? 2 : 0;
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
	int twice = 0;
	size_t copy = 0; /* the second copy of a twice-printed title */
	/* A headline printed twice (once in the page's header, once over the
	 * text, often in capitals) is the title, whatever stands around it. */
	for (size_t k = nb; k-- > 0 && t < 0;) {
		const txt_line *f = &r->lines[blocks[k].a];
		if (blocks[k].b - blocks[k].a != 1 || grel_words(f->s, f->len) < 3)
			continue;
		for (size_t q = blocks[k].b; q <= p && q < r->nlines; q++)
			if (r->lines[q].len == f->len && !memcmp(r->lines[q].s, f->s, f->len)) {
				t = (long)k;
				twice = 1;
				copy = q;
				break;
			}
	}
	for (size_t k = nb; t < 0 && k-- > 0;)
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
	if (!twice && t > 0 && blocks[t - 1].cand && blocks[t - 1].a >= crumb_end && S_headline_size(r, &blocks[t - 1])) {
		size_t q = blocks[t - 1].b;
		while (q < blocks[t].a && !r->lines[q].len)
			q++;
		if (q == blocks[t].a) {
			sub = t;
			t--;
		}
	}
	/* "Headline / writer, created, hit / Secondary headline / text": the
	 * headline stands above the date block, the line under it repeats it
	 * in other words (kept as the subtitle). */
	if (!twice && sub < 0 && t > 0) {
		long k = t - 1; /* over the values of the date block ("관리자") */
		while (k > 0 && S_label_value_line(r, blocks[k].a) && blocks[k].b == blocks[k].a + 1)
			k--;
		if (blocks[k].cand && blocks[k].a >= crumb_end && S_headline_size(r, &blocks[k]) && !S_org_block(r, &blocks[k]) &&
		    S_dated_gap(r, blocks[k].b, blocks[t].a)) {
			sub = t;
			t = k;
		}
	}
	size_t hend = meta_end;
	if (t >= 0 && blocks[t].b > hend)
		hend = blocks[t].b;
	if (sub >= 0 && blocks[sub].b > hend)
		hend = blocks[sub].b;
	if (lede_b > hend)
		hend = lede_b;
	/* up to the title's second copy, the lines are the header's */
	if (twice && copy < p && copy + 1 > hend)
		hend = copy + 1;

	/* 4. Read the zone in order: metadata, site name, title, subtitle. */
	int pending_hits = 0, pending_issuer = 0;
	grel_span crumb = {NULL, 0};
	for (size_t i = 0; i < hend && *rc >= 0; i++) {
		const txt_line *l = &r->lines[i];
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
		if (txt_identifier(l->s, l->len)) {
			*rc = grel_meta_set(r->meta, "identifier", l->s, l->len);
			continue;
		}
		if ((grel_label_value(l->s, l->len, S_header_issuer_labels, &v) || txt_issuer_label(l->s, l->len, &v)) &&
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
		/* the site's name above the title, or a letterhead in capitals
		 * anywhere in the header ("THE WHITE HOUSE") */
		if ((t < 0 || i < blocks[t].a || txt_all_caps(l->s, l->len)) && S_site_name(r, l, rc))
			continue;
		/* Under the title, organisations on lines of their own down to
		 * the date ("Press Information Bureau / Government of India /
		 * Ministry of Defence"): the last, nearest the date, issues it. */
		if (t >= 0 && i >= blocks[t].b && !galley_meta_get(r->meta, "issuer") && S_letterhead_line(l)) {
			size_t k = i;
			while (k + 1 < hend && r->lines[k + 1].len && S_letterhead_line(&r->lines[k + 1]))
				k++;
			grel_dateinfo di;
			if (k + 1 < r->nlines && r->lines[k + 1].len && grel_date_line(r->lines[k + 1].s, r->lines[k + 1].len, &di)) {
				*rc = grel_meta_set(r->meta, "issuer", r->lines[k].s, r->lines[k].len);
				i = k;
				continue;
			}
		}
		/* anything else in the zone is a label or chrome */
	}
	if (*rc >= 0 && crumb.len && !galley_meta_get(r->meta, "category"))
		*rc = grel_meta_set(r->meta, "category", crumb.s, crumb.len);
	if (*rc >= 0)
		*rc = S_lead_dateline(r, hend);
	return hend;
}

size_t txt_header(txt_reader *r, int *rc)
{
	size_t body = S_header_zone(r, rc);
	if (*rc < 0 || body != (size_t)-1)
		return body;
	body = S_header_plain(r, rc);
	if (*rc >= 0)
		*rc = S_lead_dateline(r, body);
	return body;
}
