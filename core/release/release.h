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
 * Writes ISO 8601 (YYYY-MM-DD) to out (at least 11 bytes; may be NULL);
 * returns the byte offset where the date ended, or -1 when there is no full
 * date (a year-less "(5.25.)" is not one). */
long grel_parse_date(const char *text, size_t len, char *out);
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
/* Tree passes                                                        */
/* ------------------------------------------------------------------ */

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
	GREL_TABLE_COUNT
} grel_table;

/** Entry i of a word list, or NULL past its end; *value (may be NULL)
 * gets the entry's number where the list has one, else 0. */
const char *grel_table_entry(grel_table table, size_t i, long *value);

#ifdef __cplusplus
}
#endif
#endif
