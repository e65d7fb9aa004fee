/* text_units.c — the text reader's body pass: lines into units (one
 * block or marked line each), and headings among them. */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

/* A headline in capitals has words: "READOUT ON THE PRESIDENT'S ...". */
#define S_KICKER_WORDS 4
/* Lines a wire sets between its correction notice and the release. */
static const char *const S_correction_leads[] = {
	"The updated release reads", "The corrected release reads", "The updated release reads as follows",
	"The corrected release reads as follows", "The release reads as follows", "The revised release reads",
	"Die aktualisierte Mitteilung lautet", "Le communiqué corrigé se lit comme suit", NULL
};
/* A counter is a small number: three digits. */
#define S_COUNTER_DIGITS 3
/* A paragraph printed twice is furniture when it is this long (a company
 * profile), not a short line that may repeat. */
#define S_REPEAT_MIN 100
/* A line heading a contact block is a few words. */
#define S_CONTACT_HEAD_WORDS 6
/* The paragraphs read for a company's ticker. */
#define S_TICKER_PARAS 6
/* A line after the end mark of at most three words. */
#define S_AFTER_END_WORDS 3

static const char *const S_section_labels[] = {
	"Background", "Notes to editors", "Note to editors", "Notes for editors", "About", "Summary",
	"Key points", "Highlights", "Further information", "For more information", "More information",
	"참고", "참고자료", "붙임", "배경", "개요", "Hintergrund",
	"Hintergrundinformationen", "Contexte", "Pour en savoir plus", "参考", "概要", NULL
};

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

static txt_unit *S_new_unit(txt_reader *r, txt_kind kind, size_t line)
{
	if (r->nunits % TXT_UNIT_CHUNK == 0) {
		size_t c = r->nunits / TXT_UNIT_CHUNK;
		if (c == r->capchunks) {
			size_t cap = r->capchunks ? r->capchunks * 2 : 8;
			txt_unit **nc = galley_realloc(r->unit_chunks, cap * sizeof *nc);
			if (!nc) {
				r->oom = 1;
				return NULL;
			}
			r->unit_chunks = nc;
			r->capchunks = cap;
		}
		if (!(r->unit_chunks[c] = galley_malloc(TXT_UNIT_CHUNK * sizeof(txt_unit)))) {
			r->oom = 1;
			return NULL;
		}
	}
	txt_unit *u = txt_unit_at(r, r->nunits++);
	memset(u, 0, sizeof *u);
	u->kind = kind;
	u->first = line;
	u->nlines = 1;
	u->text.data = (char *)r->lines[line].s; /* borrowed: see txt_unit */
	u->text.len = (uint32_t)r->lines[line].len;
	if (r->lines[line].len >= UINT32_MAX)
		u->oom = 1; /* a line of 4 GiB (past the default input limit): "out of memory" */
	return u;
}

/* ------------------------------------------------------------------ */
/* Pass 2b: the body, as units                                         */
/* ------------------------------------------------------------------ */

static txt_kind S_line_kind(txt_reader *r, const txt_line *l, int block_start, long *num, int *marker, size_t *skip)
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
static int S_section_line(const txt_unit *u)
{
	const char *s = u->text.data;
	size_t len = u->text.len;
	if (u->kind != U_PARA || u->nlines != 1 || !len || len > 60 || strchr(".,;:!?", s[len - 1]))
		return 0;
	return txt_is_one_of(s, len, S_section_labels) || (grel_starts_fold(s, len, "About ") && grel_words(s, len) <= 6);
}

/* Labels of a sidebar listing a site's other posts ("Recent Posts",
 * "More news"), which only ends a release when short title lines follow
 * it to the end of the text. */
static const char *const S_sidebar_labels[] = {
	"Recent Posts", "Recent News", "Recent Articles", "Recent Stories", "Latest News", "Latest Posts",
	"Latest Articles", "Latest Stories", "More News", "More Stories", "More Posts", "More Articles",
	"More from this section", "Related Posts", "Related Stories", "Popular Posts", "Most Popular", "Most Read",
	"Read More", "Read Next", "You may also like", "You might also like", "Other News", "Other Stories",
	"In the News", "Weitere Meldungen", "Aktuelle Meldungen", "Neueste Beiträge", "Weitere Nachrichten",
	"Articles récents", "Dernières actualités", "Dernières nouvelles", "À lire aussi", "À lire également",
	"Autres actualités", "Entradas recientes", "Últimas noticias", "Noticias relacionadas", "Otras noticias",
	"Más noticias", NULL
};

/* Lines a sidebar's title may have. */
#define S_SIDEBAR_TITLE_WORDS 14
static int S_sidebar(txt_reader *r, size_t i)
{
	const txt_line *l = &r->lines[i];
	size_t titles = 0;
	if (!txt_is_one_of(l->s, l->len, S_sidebar_labels))
		return 0;
	for (size_t k = i + 1; k < r->nlines; k++) {
		const txt_line *m = &r->lines[k];
		if (!m->len)
			continue;
		if (grel_words(m->s, m->len) > S_SIDEBAR_TITLE_WORDS || txt_ends_block(m))
			return 0;
		titles++;
	}
	return titles > 0;
}

/* A teaser repeats the first bytes of a line that follows. */
#define S_TEASER_PREFIX 40
#define S_TEASER_LOOKAHEAD 6
static int S_teaser(txt_reader *r, size_t i)
{
	const txt_line *l = &r->lines[i];
	if (l->len <= S_TEASER_PREFIX || !((l->len >= 3 && !memcmp(l->s + l->len - 3, "...", 3)) ||
					   (l->len >= 3 && !memcmp(l->s + l->len - 3, "…", 3))))
		return 0;
	for (size_t k = i + 1, seen = 0; k < r->nlines && seen < S_TEASER_LOOKAHEAD; k++) {
		const txt_line *m = &r->lines[k];
		if (!m->len)
			continue;
		seen++;
		if (m->len > S_TEASER_PREFIX && !memcmp(m->s, l->s, S_TEASER_PREFIX))
			return 1;
	}
	return 0;
}

int txt_body(txt_reader *r, size_t from)
{
	txt_unit *cur = NULL;
	int block_start = 1, contact_block = 0, drop_block = 0, has_body = 0;
	const char *title = galley_meta_get(r->meta, "title");
	int first_unit = 1, ended = 0, paras = 0;
	size_t body_first = r->nunits;

	for (size_t i = from; i < r->nlines; i++) {
		const txt_line *l = &r->lines[i];
		long num = -1;
		int marker = -1, rule;
		size_t skip = 0;

		if (!l->len) {
			cur = NULL;
			block_start = 1;
			contact_block = drop_block = 0;
			continue;
		}
		if (i > from && txt_ends_block(&r->lines[i - 1]) && !drop_block && !contact_block)
			block_start = 1;
		if (drop_block) {
			if (cur)
				txt_join(cur, l);
			continue;
		}
		if (grel_is_end_mark(l->s, l->len)) {
			S_new_unit(r, U_END, i);
			cur = NULL;
			block_start = 0;
			ended = 1;
			continue;
		}
		/* The page's trailer (tags, related links, share and feedback
		 * boxes): the release has ended. */
		if (has_body && (txt_is_one_of(l->s, l->len, txt_trailer_labels) || S_sidebar(r, i)))
			break;
		if (ended) {
			/* After the end mark: the signature, date and contact lines
			 * stand one a line; a short line that is none of them and no
			 * sentence is the page's ("Travel Page", "SINGAPORE"). */
			grel_dateinfo di;
			cur = NULL;
			int letterhead = txt_all_caps(l->s, l->len) && grel_org_like(l->s, l->len);
			if (grel_words(l->s, l->len) <= S_AFTER_END_WORDS && !txt_sentence_end(l->s, l->len) &&
			    !letterhead && !grel_is_signature(l->s, l->len) && !grel_date_line(l->s, l->len, &di) &&
			    !grel_is_contact_line(l->s, l->len) && !grel_is_contact_head(l->s, l->len) && !txt_starts_item(l)) {
				S_new_unit(r, U_DROP, i);
				continue;
			}
			/* "MINISTRY OF FOREIGN AFFAIRS" signs the release: no heading */
			if (letterhead) {
				if (grel_issuer_from_signature(r->meta, l->s, l->len) < 0)
					return GALLEY_ENOMEM;
				if (!(cur = S_new_unit(r, U_PARA, i)))
					return GALLEY_ENOMEM;
				cur->closing = 1;
				cur = NULL;
				continue;
			}
		}
		/* "The updated release reads:": what came before was a wire's
		 * correction notice (dateline and what was wrong), not the release. */
		if (txt_is_one_of(l->s, l->len, S_correction_leads)) {
			for (size_t k = body_first; k < r->nunits; k++)
				txt_unit_at(r, k)->kind = U_DROP;
			S_new_unit(r, U_DROP, i);
			cur = NULL;
			block_start = 1;
			continue;
		}
		/* A lone small number between blocks is a counter ("0" comments). */
		{
			long long n;
			if (l->len <= S_COUNTER_DIGITS && grel_only_number(l->s, l->len, &n) &&
			    !(i > 0 && grel_only_number(r->lines[i - 1].s, r->lines[i - 1].len, &n)) &&
			    !(i + 1 < r->nlines && grel_only_number(r->lines[i + 1].s, r->lines[i + 1].len, &n))) {
				S_new_unit(r, U_DROP, i);
				cur = NULL;
				block_start = 1;
				continue;
			}
		}
		/* A teaser: the text's first words cut with an ellipsis, the
		 * full text following ("... said: \"We onl..."). */
		if (S_teaser(r, i)) {
			S_new_unit(r, U_DROP, i);
			cur = NULL;
			block_start = 1;
			continue;
		}
		if (txt_identifier(l->s, l->len)) {
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
		if (grel_is_contact_line(l->s, l->len) || grel_is_contact_head(l->s, l->len) || (contact_block && !txt_starts_item(l))) {
			grel_span v;
			if (txt_issuer_label(l->s, l->len, &v))
				grel_meta_set(r->meta, "issuer", v.s, v.len);
			/* "Public Affairs    Media Relations" right above the first
			 * contact line: the block's head, not a paragraph. */
			if (!contact_block && cur && cur->kind == U_PARA && cur->nlines == 1 && cur->first + 1 == i &&
			    grel_words(cur->text.data, cur->text.len) <= S_CONTACT_HEAD_WORDS &&
			    !txt_sentence_end(cur->text.data, cur->text.len))
				cur->kind = U_CONTACT;
			cur = S_new_unit(r, U_CONTACT, i);
			contact_block = 1;
			block_start = 0;
			continue;
		}
		{
			/* "Source: Ministry of ..." in the body names the issuer. */
			grel_span v;
			if (txt_issuer_label(l->s, l->len, &v)) {
				grel_meta_set(r->meta, "issuer", v.s, v.len);
				cur = NULL;
				continue;
			}
		}
		txt_kind k = S_line_kind(r, l, block_start, &num, &marker, &skip);
		/* "About Acme" right above its text is a heading, not a wrapped line. */
		/* "WHO: ..." / "WHAT: ...": each line of an advisory's event block
		 * is a paragraph of its own; a value wrapped onto a line that
		 * starts in small letters still joins it. */
		int advisory = grel_advisory_label(l->s, l->len, NULL);
		int after_advisory = cur && grel_advisory_label(cur->text.data, cur->text.len, NULL) &&
				     !(l->s[0] >= 'a' && l->s[0] <= 'z');
		if (k == U_PARA && cur && cur->kind != U_HEADING && !S_section_line(cur) && !txt_ends_block(&r->lines[i - 1]) &&
		    !advisory && !after_advisory) {
			txt_join(cur, l);
			continue;
		}
		has_body = 1;
		/* "A Foreign Office spokesperson said:" names the issuer. */
		if (k == U_PARA && grel_issuer_from_attribution(r->meta, l->s, l->len) < 0)
			return GALLEY_ENOMEM;
		/* A wire release names its company with its ticker early on. */
		if (paras++ < S_TICKER_PARAS && grel_issuer_from_ticker(r->meta, l->s, l->len) < 0)
			return GALLEY_ENOMEM;
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
	if (r->oom)
		return GALLEY_ENOMEM;
	/* A long paragraph printed twice (a wire's company profile, set
	 * before the dateline and again after the lead) is the page's. */
	for (size_t k = body_first; k < r->nunits; k++) {
		txt_unit *u = txt_unit_at(r, k);
		if (u->kind != U_PARA || u->text.len < S_REPEAT_MIN)
			continue;
		for (size_t m = k + 1; m < r->nunits; m++) {
			txt_unit *v = txt_unit_at(r, m);
			if (v->kind == U_PARA && v->text.len == u->text.len && !memcmp(v->text.data, u->text.data, u->text.len)) {
				if (!r->profile)
					r->profile = k + 1;
				v->kind = U_DROP;
				u->kind = U_DROP;
			}
		}
	}
	/* A section label with nothing of the release under it ("Further
	 * information" over contacts and page furniture) closes nothing. */
	for (size_t k = r->nunits; k-- > 0;) {
		txt_unit *u = txt_unit_at(r, k);
		if (u->kind == U_DROP || u->kind == U_CONTACT || u->kind == U_END || u->kind == U_DISCLAIMER)
			continue;
		if (S_section_line(u) && !(grel_starts_fold(u->text.data, u->text.len, "About ")))
			u->kind = U_DROP;
		break;
	}
	return 0;
}

/* Obvious headings in a paragraph of one line: "# Title", "[참고]", ALL
 * CAPS, or a known section label ("Background", "Notes to editors"). */
static int S_heading_level(const txt_unit *u)
{
	const char *s = u->text.data;
	size_t len = u->text.len;
	if (u->nlines != 1 || len == 0 || len > 80 || u->closing)
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

static int S_star_unit(const txt_unit *u)
{
	return u->kind == U_NOTE && u->text.len && u->text.data[0] == '*';
}

/* Pass 2c: headings among the paragraphs of one line. The release's
 * closing lines, notes and end marks are the release pass's (release.h). */
int txt_classify(txt_reader *r)
{
	int rc = 0;
	for (size_t k = 0; k < r->nunits && rc >= 0; k++) {
		txt_unit *u = txt_unit_at(r, k);
		if (u->oom)
			return GALLEY_ENOMEM;
		if (u->kind == U_PARA && (u->marker = S_heading_level(u)) > 0) {
			u->kind = U_HEADING;
			/* "About Acme Robotics": the boilerplate names the issuer. */
			if (grel_starts_fold(u->text.data, u->text.len, "About ") && u->text.len > 6)
				rc = grel_meta_set(r->meta, "issuer", u->text.data + 6, u->text.len - 6);
		}
	}
	if (rc < 0)
		return rc;
	/* A secondary headline in capitals over the text ("READOUT ON THE
	 * PRESIDENT'S CALLS TO FOREIGN LEADERS"), before any paragraph, once the
	 * title is known: the subtitle, not a heading of the body. */
	for (size_t k = 0; k < r->nunits && galley_meta_get(r->meta, "title"); k++) {
		txt_unit *u = txt_unit_at(r, k);
		if (u->kind == U_DROP)
			continue;
		if (u->kind == U_HEADING && txt_all_caps(u->text.data, u->text.len) &&
		    grel_words(u->text.data, u->text.len) >= S_KICKER_WORDS && !S_section_line(u)) {
			rc = grel_meta_set(r->meta, "subtitle", u->text.data, u->text.len);
			u->kind = U_DROP;
		}
		break;
	}
	if (rc < 0)
		return rc;
	/* "* " lines next to each other are a bullet list: one unit of their
	 * lines, which the release pass splits into items; a lone "* " line
	 * (or one set off by a blank line) is a note. */
	for (size_t k = 0; k < r->nunits; k++) {
		txt_unit *u = txt_unit_at(r, k);
		if (!S_star_unit(u))
			continue;
		while (k + 1 < r->nunits && S_star_unit(txt_unit_at(r, k + 1)) && u->first + u->nlines == txt_unit_at(r, k + 1)->first) {
			txt_unit *v = txt_unit_at(r, ++k);
			txt_unit_own(u);
			txt_unit_append(u, " ", 1);
			txt_unit_append(u, v->text.data, v->text.len);
			u->nlines += v->nlines;
			v->kind = U_DROP;
		}
		if (u->oom)
			return GALLEY_ENOMEM;
	}
	return rc;
}
