/* release.h — galley_release, what press releases have in common: the word
 * lists and rules the text and HTML readers share (dates, paragraph
 * numbers, site chrome, end marks, disclaimers, signatures, contacts) and
 * the tree passes both run after building (numbered paragraphs, outlines).
 * A static library linked into those two plugins, not part of libgalley or
 * its plugin SDK: its lists change with almost every commit. It uses only
 * the public API (galley.h, plugin.h). */
#ifndef GALLEY_RELEASE_H
#define GALLEY_RELEASE_H

#include <galley/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Lines                                                              */
/* ------------------------------------------------------------------ */

/** Parse a date written as a release writes one ("2024-01-18",
 * "2018.03.07", "Brussels, 10 July 2018", "08/05/2021 10:21 PM EDT",
 * "2024년 1월 18일", "平成27年3月10日", ...) somewhere in text.
 * Writes ISO 8601 (YYYY-MM-DD) to out, which holds outsize bytes (at least
 * GREL_DATE_SIZE; out may be NULL with outsize 0, to find the date only);
 * returns the byte offset where the date ended, or -1 when there is no full
 * date (a year-less "(5.25.)" is not one) or out is too small for it. */
#define GREL_DATE_SIZE 11
long grel_parse_date(const char *text, size_t len, char *out, size_t outsize);
/** If text starts with a paragraph number ("1. ", "2) ", "(3) ", "１．"),
 * return its value and store in *skip the bytes up to the text after it;
 * else -1. */
long grel_number(const char *text, size_t len, size_t *skip);
/** 1 when a line of text is site chrome or a label that never belongs to a
 * release's body (skip links, "본문 바로가기", "Back to Press Releases",
 * "목록", "Print", "Share", "Prev"/"Next", "List", "hit 191", ...). */
int grel_is_chrome(const char *text, size_t len);
/** 1 when a line (trimmed, less a trailing ':') is a release's end mark:
 * "###", "-END-", "- 30 -", "/끝/", "以上", "* *** *", ... */
int grel_is_end_mark(const char *text, size_t len);
/** 1 when a line starts a disclaimer that is not part of the release
 * ("Unofficial translation", "For information media", "비공식 번역", "仮訳");
 * 2 when it starts with a legal label ("Disclaimer", "Haftungsausschluss",
 * "Avertissement"), a disclaimer in a release's trailer but possibly an
 * ordinary paragraph elsewhere; 0 otherwise. */
int grel_is_disclaimer(const char *text, size_t len);
/** 1 when a short line (not a sentence) signs a release: a spokesperson or
 * press office ("Spokesperson ...", "Name, Spokesman for ...", "외교부
 * 대변인", "報道官") or a letter's closing ("Sincerely"). */
int grel_is_signature(const char *text, size_t len);
/** 1 when a line (less a trailing ':') heads a block of contact lines
 * ("Press contacts", "Media enquiries", "문의처", "お問い合わせ"). */
int grel_is_contact_head(const char *text, size_t len);

/* ------------------------------------------------------------------ */
/* What one line says (lines.c)                                       */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *s;
	size_t len;
} grel_span;

/** Bytes of blank at s[i] (space, tab, form feed, NBSP, ideographic
 * space, a stray BOM), 0 when none. */
size_t grel_blank_at(const char *s, size_t len, size_t i);
/** s less leading and trailing blanks. */
grel_span grel_trim(const char *s, size_t len);
/** 1 when s starts with prefix, ASCII letters compared case-insensitively. */
int grel_starts_fold(const char *s, size_t len, const char *prefix);
/** 1 when a (alen bytes) is b, ASCII letters compared case-insensitively. */
int grel_eq_fold(const char *a, size_t alen, const char *b);
/** 1 when w occurs in s, ASCII letters compared case-insensitively. */
int grel_contains_fold(const char *s, size_t len, const char *w);
/** Which entry of a NULL-terminated list the trimmed text is, less a
 * trailing ':' or '：' (ASCII case-insensitive); -1 when none. */
int grel_find(const char *s, size_t len, const char *const *list);
/** "Label: value", "Label / value", "Label value": 1 when s starts with one
 * of the labels and a separator or blank (or ends there); *value is what
 * follows, trimmed (may be empty). */
int grel_label_value(const char *s, size_t len, const char *const *labels, grel_span *value);
/** The index of the marker of list that s starts with, with the bytes up
 * to the text after it in *skip; ASCII markers (and "°") need a blank after
 * them, and text must follow. -1 when none. */
int grel_marker(const char *s, size_t len, const char *const *list, size_t *skip);
/** 1 when s is only a number ("1,234"), stored in *out. */
int grel_only_number(const char *s, size_t len, long long *out);
/** "hit 191", "조회수 : 1,234": 1 with the count in *hits. */
int grel_hits_line(const char *s, size_t len, long long *hits);
/** 1 when a line names an organisation ("Ministry", "외교부", "미래창조과학부"). */
int grel_org_like(const char *s, size_t len);
/** Words separated by spaces. */
size_t grel_words(const char *s, size_t len);
/** 1 for a labelled contact line with a value ("Tel: 02-2100-7044"). */
int grel_is_contact_line(const char *s, size_t len);

/** 1 when a line opens with a label of a media advisory's event block
 * ("WHO:", "WHAT:", "WHEN:", "WHERE:", "WHY:", "HOW:"; French QUI, QUOI,
 * QUAND, OÙ, POURQUOI; Spanish QUIÉN, QUÉ, CUÁNDO, DÓNDE, POR QUÉ; German
 * WER, WAS, WANN, WO, WARUM), in capitals or capitalised, a colon after it
 * and a value (in *value, may be NULL). Such a line is body text of its
 * own: never a title, a date line or a place. */
int grel_advisory_label(const char *s, size_t len, grel_span *value);

/* A date line and what stands around its date. */
typedef struct {
	char iso[16];
	grel_span place, issuer, category;
	long long hits; /* -1: none */
	int labelled;   /* a label stood before the date ("Published on ...") */
} grel_dateinfo;
/** 1 when a line is mostly a date: "Date 2024-01-18", "작성일 / 2018.03.07",
 * "2017.04.07 미래창조과학부", "Brussels, 10 July 2018", "08/05/2021 10:21 PM
 * EDT", "08.05.2022 - Pressemitteilung". Other text around the date must be
 * a label, a place, a time, a category or a short issuer name. */
int grel_date_line(const char *s, size_t len, grel_dateinfo *di);

/** Set a metadata field from (s, len) unless it is set already. */
int grel_meta_set(galley_meta *meta, const char *key, const char *s, size_t len);
/** Set the date and what the date line said around it (place, issuer,
 * category, hits), each unless set already. */
int grel_apply_date(galley_meta *meta, const grel_dateinfo *di);
/** The issuer a signature line names ("Spokesperson ... of MOFA", "외교부
 * 대변인", an organisation on a line of its own), unless one is set. */
int grel_issuer_from_signature(galley_meta *meta, const char *s, size_t len);
/** The issuer a contact line names (a piece of it that is an organisation). */
int grel_issuer_from_contact(galley_meta *meta, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Datelines (dateline.c)                                             */
/* ------------------------------------------------------------------ */

typedef struct {
	char iso[GREL_DATE_SIZE];
	grel_span place;  /* before the date ("CUPERTINO, California"); may be empty */
	grel_span issuer; /* the company a wire's dateline names, or empty */
	int wire;         /* a wire service is named ("(BUSINESS WIRE)", "/PRNewswire/") */
} grel_dateline_info;

/** If a paragraph opens with a dateline — a place (or none), a date, a
 * bracketed place or wire, a dash: "January 17, 2020 (SAINT PAUL) —",
 * "CUPERTINO, California—April 27, 2015—", "NEW YORK, June 29, 2018
 * /PRNewswire/ --", "MINNEAPOLIS--(BUSINESS WIRE)--Aug. 28, 2015--" — fill
 * *out (may be NULL) and return the offset of the text after it; else -1.
 * "(Paris, 7 juillet 2011) - ..." (place and date in one bracket) is one
 * too. A sentence that starts with a date, or a paragraph that is only a
 * date, is not one; with GREL_DL_LINE, (s, len) is one line of hard-wrapped
 * text, and a line that ends with its dateline's dash or bracket is one
 * (the text goes on below it). Both readers find their datelines here. */
#define GREL_DL_LINE 0x1u
long grel_dateline_scan(const char *s, size_t len, unsigned flags, grel_dateline_info *out);
/** The company that opens the text after a wire's dateline ("IHS Inc.
 * (NYSE: IHS), the ...", "HackerRank, the ...", "Eisai Co., Ltd. ..."):
 * capitalised words up to a comma, a bracket or a verb; empty when none. */
grel_span grel_dateline_company(const char *s, size_t len);
/** 1 when a name is a wire service's ("BUSINESS WIRE", "PR Newswire",
 * "GlobeNewswire News Room", "ACCESSWIRE"): a site that carries other
 * people's releases, so not their issuer. */
int grel_is_wire(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* The facts of the header, finished (facts.c)                        */
/* ------------------------------------------------------------------ */

/** 1 when a line is page furniture that no release writes, whatever the
 * site: "top of page", skip links in every language the readers know,
 * comment forms ("Leave a Reply", "Your email address will not be
 * published"), CMS filing lines ("This item was filed under ..."), share
 * residue ("image_pdfimage_print"), wire logos and multimedia links
 * ("(Logo: ..."), reference-only notices ("English is provided for
 * reference only"), a line naming an image file ("1.13.(월).jpg
 * 이미지입니다."). grel_is_chrome() is 1 for them too. */
int grel_is_furniture(const char *text, size_t len);
/** A headline less a label sharing its line ("Press release: ...",
 * "Headline: ...", "제목: ...") and a dash or bar left hanging at its end
 * ("... Gaza Strip -"). */
grel_span grel_title_clean(const char *s, size_t len);
/** The issuer a title names, unless one is set: at its head before a
 * spokesperson, a statement or "to" ("MFA Spokesperson's Comments ...",
 * "IMF Staff Statement ...", "Foreign Ministry to Hold ..."), before a
 * comma ("외교부, ..."), or after "of the", "du", "del" (a known acronym,
 * or a capitalised name that starts with an organisation's word: "... of
 * the Ministry of Oceans and Fisheries"). */
int grel_issuer_from_title(galley_meta *meta);
/** The issuer an attribution line names ("A Foreign Office spokesperson
 * said:"), unless one is set. */
int grel_issuer_from_attribution(galley_meta *meta, const char *text, size_t len);
/** The company a wire release names with its stock ticker in a paragraph
 * ("Nortech Systems Incorporated (Nasdaq: NSYS)", "Oragenics, Inc. (NYSE
 * American: OGEN)"), unless an issuer is set. */
int grel_issuer_from_ticker(galley_meta *meta, const char *text, size_t len);
/** The organisation a call to follow it names ("Follow Foreign Office
 * ministers on Twitter:"), unless an issuer is set. */
int grel_issuer_from_follow(galley_meta *meta, const char *text, size_t len);
/** The subject of a company profile ("Meijer is a Grand Rapids-based
 * retailer ..."), unless an issuer is set. */
int grel_issuer_from_profile(galley_meta *meta, const char *text, size_t len);
/** Normalise the issuer lightly: a known acronym spelt out ("MOFA" ->
 * "Ministry of Foreign Affairs", "IMF" -> "International Monetary Fund"),
 * a name in capitals in title case, "NATO - North Atlantic Treaty
 * Organization" as "North Atlantic Treaty Organization (NATO)". */
int grel_issuer_normalise(galley_meta *meta);
/** "NATO - North Atlantic Treaty Organization" (either order, " - ", " – ",
 * " | "): 1 when one side is an acronym of the other's capitalised words. */
int grel_name_and_acronym(const char *s, size_t len, grel_span *name, grel_span *acro);
/** What both readers run once their header is read: the title cleaned
 * (grel_title_clean()), the issuer from the title when none was found,
 * then normalised. */
int grel_finish_meta(galley_meta *meta);

/* ------------------------------------------------------------------ */
/* Tree passes                                                        */
/* ------------------------------------------------------------------ */

/* How a reader's blocks came to be, for grel_pass(). */
#define GREL_LINES 0x1u /* paragraphs hold one text node per source line
			 * (hard-wrapped text): a signature is set line by
			 * line, a dateline is one line, "* " lines of one
			 * paragraph are a list; the pass merges them */

/** The release pass, run by both readers once their blocks are built, on
 * the top-level blocks of doc: grel_pass_blocks(), then grel_pass_lists(). */
int grel_pass(galley_context *ctx, galley_node *doc, galley_meta *meta, unsigned flags);
/** The release's own lines: drops end marks (also a Korean "끝." closing a
 * paragraph), disclaimers, the identifier and date lines (their date, place
 * and issuer go to meta); makes contact blocks (from a contact head to the
 * end), the closing signature and dateline lines, and notes ("※", "Note:",
 * "* " unless GREL_LINES shows a run of them) into divs with those roles;
 * takes the issuer from signatures and contacts. */
int grel_pass_blocks(galley_context *ctx, galley_node *doc, galley_meta *meta, unsigned flags);
/** Numbered paragraphs, then outlines: grel_number_paragraphs(),
 * grel_outline(). */
int grel_pass_lists(galley_context *ctx, galley_node *doc);

/** Turn a run of numbered paragraphs at the top level of a document into
 * one ordered list whose start is the first number (each paragraph
 * becoming an item with its number removed; following unnumbered
 * sub-item paragraphs nest under it). */
int grel_number_paragraphs(galley_context *ctx, galley_node *doc);
/** Turn runs of top-level paragraphs marked as outline items ("□", "ㅇ",
 * "-", "•", "o ", ...) into nested bullet lists: the first marker kind is
 * the outer level, a new kind nests under the last item, a known kind
 * returns to its level; "* " marks an item only in a run of two or more
 * such paragraphs (a lone one is a note); markers are removed, a "note" div
 * right after an item goes into it (joining a note div the item already ends
 * with), any other block ends the outline. Run after
 * grel_number_paragraphs(), which nests the sub-items of numbered
 * paragraphs. */
int grel_outline(galley_context *ctx, galley_node *doc);

/* ------------------------------------------------------------------ */
/* The word lists, for tests                                          */
/* ------------------------------------------------------------------ */

typedef enum {
	GREL_TABLE_CHROME,            /* whole lines of site chrome */
	GREL_TABLE_CHROME_HOME,       /* first crumb of a breadcrumb ("Home > ...") */
	GREL_TABLE_CHROME_COUNTER,    /* hit counter labels ("조회수 : 191") */
	GREL_TABLE_MONTH,             /* month names; value: the month */
	GREL_TABLE_ERA,               /* Japanese eras; value: the year before year 1 */
	GREL_TABLE_END_MARK,
	GREL_TABLE_DISCLAIMER,        /* grel_is_disclaimer() 1 */
	GREL_TABLE_DISCLAIMER_LABEL,  /* grel_is_disclaimer() 2 */
	GREL_TABLE_SIGNATURE_START,   /* a signature line starts with one */
	GREL_TABLE_SIGNATURE_ROLE,    /* ... or names one after a name */
	GREL_TABLE_CONTACT_HEAD,
	GREL_TABLE_SUB_MARKER,        /* sub-items nested under a numbered paragraph */
	GREL_TABLE_BOX_MARKER,        /* top-level outline items ("□") */
	GREL_TABLE_OUTLINE_MARKER,    /* outline sub-items */
	GREL_TABLE_CATEGORY,          /* kinds of release ("Press Release", 보도자료) */
	GREL_TABLE_DATE_LABEL,        /* "Date", 작성일, ... before a date */
	GREL_TABLE_HITS_LABEL,        /* "hit", 조회수, ... before a count */
	GREL_TABLE_CONTACT_LABEL,     /* "Tel", 문의, ... before a contact */
	GREL_TABLE_NOTE_MARKER,       /* "※", "Note:", ... */
	GREL_TABLE_ORG_WORD,          /* words naming an organisation */
	GREL_TABLE_TIME_WORD,         /* "PM", "EDT", "Uhr" after a time */
	GREL_TABLE_DATE_PREP,         /* " le", " den" between a place and a date */
	GREL_TABLE_END_TAIL,          /* Korean end marks closing a paragraph (" 끝.") */
	GREL_TABLE_COUNT
} grel_table;

/** Entry i of a word list, or NULL past its end; *value (may be NULL)
 * gets the entry's number where the list has one, else 0. */
const char *grel_table_entry(grel_table table, size_t i, long *value);
/** The NULL-terminated list of a table of plain strings (categories,
 * labels, markers, ...); NULL for the others (chrome, months, eras). */
const char *const *grel_list(grel_table table);

#ifdef __cplusplus
}
#endif
#endif
