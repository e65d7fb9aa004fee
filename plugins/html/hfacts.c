/* hfacts.c — facts the page's body tells once it is extracted: the date
 * and place of a dateline opening the release ("January 17, 2020 (SAINT
 * PAUL) —", "NEW YORK, June 29, 2018 /PRNewswire/ --"), the company a
 * wire's dateline names, and last the dates the metadata pass kept aside
 * (a <title> that is only a date, the URL's /YYYY/MM/DD/). */
#include "html_internal.h"

#include <string.h>

/* A dateline opens one of the first paragraphs: after a lede or a
 * subtitle at most. */
#define S_DATELINE_PARAS 4

static int S_dateline(galley_node *doc, galley_meta *meta)
{
	int rc = 0, seen = 0;
	for (galley_node *c = galley_node_first_child(doc); c != NULL && seen < S_DATELINE_PARAS && rc == 0;
		c = galley_node_next(c)) {
		if (galley_node_get_type(c) != GALLEY_NODE_PARAGRAPH)
			continue;
		seen++;
		galley_buffer tb = GALLEY_BUFFER_INIT;
		if (galley_node_text_content(c, &tb) < 0 || tb.oom) {
			galley_buffer_dispose(&tb);
			return GALLEY_ENOMEM;
		}
		grel_dateline_info di;
		if (tb.data != NULL && grel_dateline(tb.data, tb.len, &di) >= 0) {
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
		galley_buffer_dispose(&tb);
	}
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
