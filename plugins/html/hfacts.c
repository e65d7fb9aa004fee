/* hfacts.c — facts the page's body tells once it is extracted: the date
 * and place of a dateline opening the release ("January 17, 2020 (SAINT
 * PAUL) —", "NEW YORK, June 29, 2018 /PRNewswire/ --"), the company a
 * wire's dateline names, and last the dates the metadata pass kept aside
 * (a <title> that is only a date, the URL's /YYYY/MM/DD/). */
#include "html_internal.h"

#include <string.h>

/* A dateline opens one of the first paragraphs: after a lede, a
 * subtitle, a kicker and a headline repeated in a layout table. A date line of its own ("Aug. 28, 2015 08:00 AM" under
 * a headline in a layout table) stands among the first eight. */
#define S_DATELINE_PARAS 8
#define S_DATE_LINE_PARAS 8
#define S_DATE_LINE_MAX 40

typedef struct {
	galley_node *paras[S_DATE_LINE_PARAS];
	size_t n;
} S_firsts;

/* The first paragraphs in reading order, inside divs, quotes, tables
 * and lists too (a layout table holds a whole page). */
static void S_collect(galley_node *n, S_firsts *f, int depth)
{
	for (galley_node *c = galley_node_first_child(n); c != NULL && f->n < S_DATE_LINE_PARAS; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH)
			f->paras[f->n++] = c;
		else if (depth < 8 && (t == GALLEY_NODE_DIV || t == GALLEY_NODE_QUOTE || t == GALLEY_NODE_TABLE ||
			t == GALLEY_NODE_ROW || t == GALLEY_NODE_CELL || t == GALLEY_NODE_LIST || t == GALLEY_NODE_ITEM))
			S_collect(c, f, depth + 1);
	}
}

static int S_dateline(galley_node *doc, galley_meta *meta, int *named)
{
	S_firsts f = {{NULL}, 0};
	S_collect(doc, &f, 0);
	int rc = 0;
	char line_date[GREL_DATE_SIZE] = "";
	for (size_t k = 0; k < f.n && rc == 0; k++) {
		galley_buffer tb = GALLEY_BUFFER_INIT;
		if (galley_node_text_content(f.paras[k], &tb) < 0 || tb.oom) {
			galley_buffer_dispose(&tb);
			return GALLEY_ENOMEM;
		}
		grel_dateline_info di;
		grel_dateinfo li;
		if (tb.data != NULL && k < S_DATELINE_PARAS && grel_dateline_scan(tb.data, tb.len, 0, &di) >= 0) {
			/* a wire's page stamps its own time on what it carries
			 * (itemprop datePublished): the release's date is its dateline's */
			if (galley_meta_get(meta, "date") == NULL || di.wire)
				rc = galley_meta_set(meta, "date", di.iso);
			if (rc == 0 && di.place.len > 0 && !di.wire)
				rc = grel_meta_set(meta, "place", di.place.s, di.place.len);
			/* a wire carries other people's releases: the issuer is the
			 * company it names, not the wire's site */
			if (rc == 0 && di.issuer.len > 0) {
				char *iss = galley_strndup(di.issuer.s, di.issuer.len);
				rc = iss != NULL ? galley_meta_set(meta, "issuer", iss) : GALLEY_ENOMEM;
				*named = 1;
				galley_free(iss);
			}
			galley_buffer_dispose(&tb);
			break;
		}
		/* short: a line longer than a date and its time is a sentence or
		 * an attribution ("On Mon, 3 Mar 2025 at 09:12, Ben wrote:") */
		if (tb.data != NULL && line_date[0] == '\0' && tb.len <= S_DATE_LINE_MAX &&
			grel_date_line(tb.data, tb.len, &li) && strlen(li.iso) == 10)
			memcpy(line_date, li.iso, GREL_DATE_SIZE);
		galley_buffer_dispose(&tb);
	}
	if (rc == 0 && galley_meta_get(meta, "date") == NULL && line_date[0] != '\0')
		rc = galley_meta_set(meta, "date", line_date);
	return rc;
}

static int S_corp_name(const char *s, size_t len)
{
	static const char *const sfx[] = {" Inc", " Inc.", " Ltd", " Ltd.", " LLC", " GmbH", " AG", " SE", " plc", " PLC",
		" Corp", " Corp.", " Corporation", " S.A.", " SA", " N.V.", " B.V.", " Co., Ltd.", " KGaA", " Limited", NULL};
	for (size_t k = 0; sfx[k]; k++) {
		size_t sl = strlen(sfx[k]);
		if (len > sl && memcmp(s + len - sl, sfx[k], sl) == 0)
			return 1;
	}
	return 0;
}

/* "About IHS Inc.", "Über die windream GmbH", "À propos de X": the
 * boilerplate a company closes its release with names the company. The
 * name is capitalised, a few words, up to a bracket or a colon. */
static int S_about_name(const char *s, size_t len, grel_span *out)
{
	static const char *const heads[] = {"About ", "Über ", "À propos de ", "A propos de ", "À propos d'", "Acerca de ",
		"Sobre ", "Informazioni su ", "Over ", NULL};
	static const char *const articles[] = {"the ", "die ", "der ", "das ", "la ", "le ", "les ", "l'", "el ", "los ",
		NULL};
	if (len > 80)
		return 0;
	for (size_t i = 0; heads[i]; i++) {
		size_t hl = strlen(heads[i]);
		if (len <= hl || strncmp(s, heads[i], hl) != 0)
			continue;
		const char *p = s + hl, *e = s + len;
		for (size_t k = 0; articles[k]; k++)
			if ((size_t)(e - p) > strlen(articles[k]) && grel_starts_fold(p, (size_t)(e - p), articles[k])) {
				p += strlen(articles[k]);
				break;
			}
		const char *q = p;
		while (q < e && *q != '(' && *q != ':' && *q != '\xEF')
			q++;
		grel_span r = grel_trim(p, (size_t)(q - p));
		if (r.len < 2 || grel_words(r.s, r.len) > 6)
			return 0;
		/* a name is capitalised, or ends as a company's does ("windream GmbH") */
		unsigned char c = (unsigned char)*p;
		if (!((c >= 'A' && c <= 'Z') || c >= 0xC0 || (c >= '0' && c <= '9')) && !S_corp_name(r.s, r.len))
			return 0;
		/* "About us", "About this release": not a name */
		if (grel_is_chrome(r.s, r.len))
			return 0;
		*out = r;
		return 1;
	}
	return 0;
}

/* The name a company's boilerplate heads: the last "About X" of the body
 * (a release may first present a programme or a product), the last one
 * naming a company ("GmbH", "Inc.") when there is one. */
typedef struct {
	char *name;
	int corp;
} S_about_pick;

/* 1 when a block's first words may be "About ...": its first text node
 * (through emphasis and links) starts with one of the heads, or with the
 * start of one (the rest in the next node) — a cheap test before its whole
 * text is gathered. */
static int S_may_be_about(galley_node *block)
{
	galley_node *c = galley_node_first_child(block);
	for (int d = 0; c != NULL && d < 4 && galley_node_get_type(c) != GALLEY_NODE_TEXT; d++)
		c = galley_node_first_child(c);
	if (c == NULL || galley_node_get_type(c) != GALLEY_NODE_TEXT || galley_node_get_text_len(c) < 2)
		return 0;
	const unsigned char *t = (const unsigned char *)galley_node_get_text(c);
	size_t i = 0, tl = galley_node_get_text_len(c);
	while (i < tl && t[i] == ' ')
		i++;
	static const char *const heads[] = {"About ", "\xC3\x9C" "ber ", "\xC3\x80 propos", "A propos", "Acerca de ", "Sobre ",
		"Informazioni su ", "Over ", NULL};
	for (size_t k = 0; heads[k]; k++) {
		size_t hl = strlen(heads[k]);
		if (tl - i >= hl ? memcmp(t + i, heads[k], hl) == 0 : memcmp(t + i, heads[k], tl - i) == 0)
			return 1;
	}
	return 0;
}

static int S_about(galley_node *n, S_about_pick *pick, int depth)
{
	for (galley_node *c = galley_node_first_child(n); c != NULL; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if ((t == GALLEY_NODE_PARAGRAPH || t == GALLEY_NODE_HEADING) && S_may_be_about(c)) {
			galley_buffer tb = GALLEY_BUFFER_INIT;
			if (galley_node_text_content(c, &tb) < 0 || tb.oom) {
				galley_buffer_dispose(&tb);
				return GALLEY_ENOMEM;
			}
			grel_span name;
			if (tb.data != NULL && S_about_name(tb.data, tb.len, &name)) {
				int corp = S_corp_name(name.s, name.len);
				if (corp || !pick->corp) {
					char *v = galley_strndup(name.s, name.len);
					if (v == NULL) {
						galley_buffer_dispose(&tb);
						return GALLEY_ENOMEM;
					}
					galley_free(pick->name);
					pick->name = v;
					pick->corp = corp;
				}
			}
			galley_buffer_dispose(&tb);
		} else if (depth < 4 && (t == GALLEY_NODE_DIV || t == GALLEY_NODE_TABLE || t == GALLEY_NODE_ROW ||
			t == GALLEY_NODE_CELL)) {
			int rc = S_about(c, pick, depth + 1);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* "whitehouse.gov": a site's name that is only its domain. */
static int S_domain_like(const char *s)
{
	const char *dot = strrchr(s, '.');
	if (s[0] == '\0' || strchr(s, ' ') != NULL || dot == NULL || dot == s)
		return 0;
	size_t tl = strlen(dot + 1);
	for (size_t i = 0; i < tl; i++)
		if (!((dot[1 + i] >= 'a' && dot[1 + i] <= 'z') || (dot[1 + i] >= 'A' && dot[1 + i] <= 'Z')))
			return 0;
	return tl >= 2 && tl <= 6;
}

/* A line of the body that is only an organisation's name ("The White
 * House" over a weekly address or under its signature): up to five words. */
static int S_org_line(galley_node *n, char **out, int depth)
{
	for (galley_node *c = galley_node_first_child(n); c != NULL && *out == NULL; c = galley_node_next(c)) {
		galley_node_type t = galley_node_get_type(c);
		if (t == GALLEY_NODE_PARAGRAPH) {
			galley_buffer tb = GALLEY_BUFFER_INIT;
			if (galley_node_text_content(c, &tb) < 0 || tb.oom) {
				galley_buffer_dispose(&tb);
				return GALLEY_ENOMEM;
			}
			if (tb.data != NULL && tb.len <= 48 && grel_words(tb.data, tb.len) <= 5 &&
				grel_org_like(tb.data, tb.len) && grel_parse_date(tb.data, tb.len, NULL, 0) < 0) {
				grel_span v = grel_trim(tb.data, tb.len);
				*out = galley_strndup(v.s, v.len);
				if (*out == NULL) {
					galley_buffer_dispose(&tb);
					return GALLEY_ENOMEM;
				}
			}
			galley_buffer_dispose(&tb);
		} else if (depth < 4 && (t == GALLEY_NODE_DIV || t == GALLEY_NODE_QUOTE)) {
			int rc = S_org_line(c, out, depth + 1);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int html_body_facts(html_page *page, galley_node *doc, galley_meta *meta)
{
	int named = 0;
	int rc = S_dateline(doc, meta, &named);
	/* the site's name gives way to the company the body names */
	if (rc == 0 && !named && (page->issuer_weak || galley_meta_get(meta, "issuer") == NULL)) {
		S_about_pick pick = {NULL, 0};
		rc = S_about(doc, &pick, 0);
		if (rc == 0 && pick.name != NULL)
			rc = galley_meta_set(meta, "issuer", pick.name);
		galley_free(pick.name);
	}
	const char *iss = galley_meta_get(meta, "issuer");
	if (rc == 0 && page->issuer_weak && iss != NULL && S_domain_like(iss)) {
		char *org = NULL;
		rc = S_org_line(doc, &org, 0);
		if (rc == 0 && org != NULL)
			rc = galley_meta_set(meta, "issuer", org);
		galley_free(org);
	}
	if (rc == 0 && galley_meta_get(meta, "date") == NULL && page->late_date[0] != '\0')
		rc = galley_meta_set(meta, "date", page->late_date);
	if (rc == GALLEY_ENOMEM)
		return galley_error(page->ctx, rc, "out of memory reading the release's dateline");
	return rc;
}
