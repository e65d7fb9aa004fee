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

static int S_dateline(galley_node *doc, galley_meta *meta)
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
		if (tb.data != NULL && k < S_DATELINE_PARAS && grel_dateline(tb.data, tb.len, &di) >= 0) {
			if (galley_meta_get(meta, "date") == NULL)
				rc = galley_meta_set(meta, "date", di.iso);
			if (rc == 0 && di.place.len > 0 && !di.wire)
				rc = grel_meta_set(meta, "place", di.place.s, di.place.len);
			/* a wire carries other people's releases: the issuer is the
			 * company it names, not the wire's site */
			if (rc == 0 && di.issuer.len > 0) {
				char *iss = galley_strndup(di.issuer.s, di.issuer.len);
				rc = iss != NULL ? galley_meta_set(meta, "issuer", iss) : GALLEY_ENOMEM;
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

int html_body_facts(html_page *page, galley_node *doc, galley_meta *meta)
{
	int rc = S_dateline(doc, meta);
	if (rc == 0 && galley_meta_get(meta, "date") == NULL && page->late_date[0] != '\0')
		rc = galley_meta_set(meta, "date", page->late_date);
	if (rc == GALLEY_ENOMEM)
		return galley_error(page->ctx, rc, "out of memory reading the release's dateline");
	return rc;
}
