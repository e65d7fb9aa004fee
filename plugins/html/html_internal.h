/* html_internal.h — what the html reader's files share: the parsed page,
 * its metadata pass, the content extraction and the emitter to the builder. */
#ifndef GALLEY_HTML_INTERNAL_H
#define GALLEY_HTML_INTERNAL_H

#include <galley/galley.h>
#include <galley/plugin.h>
#include <release.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Readability's passes, dropped one by one when the result is too short. */
#define HTML_FLAG_STRIP_UNLIKELY 0x1
#define HTML_FLAG_WEIGHT_CLASSES 0x2
#define HTML_FLAG_CLEAN_COND 0x4
/* No article search: the body less its chrome elements, kept as it is (the
 * fallback for a page with text where every pass found nothing). */
#define HTML_FLAG_PLAIN 0x8

/* Facts gathered from the page before extraction mutates it. */
typedef struct html_page {
	galley_context *ctx;
	const char *utf8; /* the page as UTF-8 (owned by the reader) */
	size_t utf8_len;
	char *base;       /* absolute base URL for links, or NULL */
	char *title;      /* the headline chosen by html_meta_collect, or NULL */
	/* a date the body's own lines outrank: a <title> that is only a date
	 * ("January 15, 2019 Press Release"), else the URL's /2019/01/15/ */
	char late_date[GREL_DATE_SIZE];
	/* the issuer is the site's name (og:site_name, a logo, a copyright),
	 * which the body's "About X" outranks */
	int issuer_weak;
} html_page;

/* Parse UTF-8 bytes into a document with libxml2's HTML parser: no
 * network, no external entities, parser noise only with -v -v. NULL on
 * out-of-memory (the parser recovers from everything else). */
htmlDocPtr html_parse(galley_context *ctx, const char *utf8, size_t len);

/* repair.c: a second <html> after the root (a page that closed its
 * document early) merged into the first, as a browser shows it. 0 or
 * GALLEY_ENOMEM. */
int html_merge_roots(htmlDocPtr doc);

/* hfacts.c: what the extracted body says (a dateline's date and place, a
 * wire's company as the issuer), then page->late_date; run after the
 * release pass. 0 or GALLEY_ENOMEM. */
int html_body_facts(html_page *page, galley_node *doc, galley_meta *meta);

/* Read metadata from the untouched document into meta; sets page->base
 * and page->title. Returns 0 or a negative error. */
int html_meta_collect(html_page *page, htmlDocPtr doc, galley_meta *meta);

/* The edits an extraction made to the document, so that a retry can undo
 * them instead of parsing the page again. Nodes the extraction takes out
 * are kept until html_undo_free. */
typedef struct html_undo html_undo;

html_undo *html_undo_new(void); /* NULL on out-of-memory */
/* Put the document back as it was before the logged edits; the log empties. */
void html_undo_rollback(html_undo *u);
/* Keep the edits: free the nodes taken out (before the document is freed)
 * and the log. NULL is a no-op. */
void html_undo_free(html_undo *u);

/* Choose the article in doc (mutating it, every edit logged in undo).
 * Fills *out with the nodes to emit, in order (a malloc'd array of *n_out
 * nodes owned by the caller; each node's children are emitted, or the node
 * itself when it is not a wrapper). Returns 0 or GALLEY_ENOMEM. */
int html_extract(html_page *page, htmlDocPtr doc, int flags, html_undo *undo, xmlNodePtr **out, size_t *n_out);

/* The collapsed length of an element's text, as Readability's innerText. */
size_t html_text_length(xmlNodePtr node);
/* the same, counted only up to cap: a longer text gives cap + 1 */
size_t html_text_length_upto(xmlNodePtr node, size_t cap);

/* Build blocks under the builder's document from the chosen nodes. */
int html_emit(html_page *page, galley_builder *b, xmlNodePtr *nodes, size_t n);

/* html.c: the reader itself and its probe (the plugin's callbacks). */
int html_read(galley_context *ctx, galley_builder *b, const char *data, size_t len);
int html_probe(const char *data, size_t len);

/* dom.c: small DOM helpers every pass uses. */
int html_is_space(unsigned char c); /* HTML's ASCII whitespace */
/* strcmp(a, b) == 0 for the short names of elements and attributes, without
 * a call (most differ at the first or second byte) */
static inline int html_name_eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}
const char *html_strcasestr(const char *hay, const char *needle); /* ASCII case-folded strstr */
/* A class, id or label value folded to ASCII lowercase once, with the set of
 * bytes it holds, to search it for many lowercase words: a word with one of
 * its first three letters missing from the set is not in the value (most
 * are not), and costs no search. */
typedef struct {
	const char *orig;
	int whole; /* low holds all of orig (else only its start) */
	unsigned long long has[4]; /* the bytes of low, a bit each */
	char low[256];
} html_folded;
void html_fold(html_folded *f, const char *s);
/* 1 when one of the lowercase words (NULL-terminated) is in f's value */
int html_folded_has(const html_folded *f, const char *const *words);
int html_is(xmlNodePtr node, const char *name);
const char *html_attr(xmlNodePtr node, const char *name); /* borrowed, NULL when absent */
/* The next token of a space-separated list (class, rel, property): moves *p
 * to its start and returns its length, 0 at the end. Advance *p by it. */
size_t html_next_token(const char **p);
/* The text of a subtree, whitespace collapsed and trimmed, appended to out. */
int html_text(xmlNodePtr node, galley_buffer *out);
/* The same, but stop (returning 1) once more than max bytes were written. */
int html_text_max(xmlNodePtr node, galley_buffer *out, size_t max);
/* Resolve href against the page's base; malloc'd, NULL on OOM. */
char *html_resolve(const html_page *page, const char *href);

#endif
