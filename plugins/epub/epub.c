/* epub.c — the "epub" writer: an EPUB 3 package (with an NCX for EPUB 2
 * readers) made with the core's zip service; one XHTML file per document,
 * so several documents are one book with a contents page. */
#include "epub.h"

#include <errno.h>
#include <stddef.h>
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const char epub_style_css[];
extern const size_t epub_style_css_len;
extern const unsigned char epub_style_css_deflated[];
extern const size_t epub_style_css_deflated_len, epub_style_css_size;
extern const unsigned long epub_style_css_crc;
extern const char epub_container_xml[];
extern const size_t epub_container_xml_len;
extern const unsigned char epub_container_xml_deflated[];
extern const size_t epub_container_xml_deflated_len, epub_container_xml_size;
extern const unsigned long epub_container_xml_crc;

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define NCX_NS "http://www.daisy.org/z3986/2005/ncx/"

static int S_oom(galley_context *ctx)
{
	return galley_error(ctx, GALLEY_ENOMEM, "EPUB writer: out of memory");
}

/* ------------------------------------------------------------------ */
/* The book: titles, identifier, dates                                 */
/* ------------------------------------------------------------------ */

static int S_same(const epub_book *b, const char *key)
{
	size_t i;
	const char *first = galley_meta_get(b->ch[0].meta, key);
	if (!first || !*first)
		return 0;
	for (i = 1; i < b->nch; i++) {
		const char *v = galley_meta_get(b->ch[i].meta, key);
		if (!v || strcmp(v, first) != 0)
			return 0;
	}
	return 1;
}

/* What a reading system shows as the book's title: the documents' title
 * when they share one (one document, or -M title= given to all), else
 * "N releases". */
static int S_book_title(epub_book *b)
{
	char n[64];
	if (S_same(b, "title"))
		b->title = galley_strdup(galley_meta_get(b->ch[0].meta, "title"));
	else if (b->nch == 1)
		b->title = galley_strdup(b->ch[0].label);
	else {
		snprintf(n, sizeof n, "%zu releases", b->nch);
		b->title = galley_strdup(n);
	}
	return b->title ? 0 : S_oom(b->ctx);
}

/* The identifier the documents share (-M identifier=, or one document's
 * own), else the urn:uuid S_scan() derived from their metadata and text. */
static int S_identifier(epub_book *b, epub_hash *h)
{
	char uuid[64];
	if (S_same(b, "identifier")) {
		b->identifier = galley_strdup(galley_meta_get(b->ch[0].meta, "identifier"));
	} else {
		epub_hash_uuid(h, uuid, sizeof uuid);
		b->identifier = galley_strdup(uuid);
	}
	return b->identifier ? 0 : S_oom(b->ctx);
}

static void S_hash_meta(epub_hash *h, const galley_meta *m)
{
	size_t k;
	for (k = 0; k < galley_meta_key_count(m); k++) {
		const char *key = galley_meta_key_at(m, k);
		size_t j, nv = galley_meta_count(m, key);
		epub_hash_add(h, key, strlen(key));
		for (j = 0; j < nv; j++) {
			const char *v = galley_meta_get_nth(m, key, j);
			epub_hash_add(h, "\x1f", 1);
			epub_hash_add(h, v, strlen(v));
		}
		epub_hash_add(h, "\x1e", 1);
	}
}

/* dcterms:modified: SOURCE_DATE_EPOCH when set, else the latest date of
 * the documents (at midnight UTC), else 1980-01-01: never the clock, so the
 * same documents give the same package. */
static void S_modified(epub_book *b)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char best[16] = "";
	size_t i;
	if (e && *e) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(e, &end, 10);
		if (!*end && !errno && v >= 0) {
			time_t t = (time_t)v;
			struct tm tm;
			if (gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) {
				strftime(b->modified, sizeof b->modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
				return;
			}
		}
	}
	for (i = 0; i < b->nch; i++) {
		char d[32];
		snprintf(d, sizeof d, "%s%s", b->ch[i].date,
			strlen(b->ch[i].date) == 4 ? "-01-01" : strlen(b->ch[i].date) == 7 ? "-01" : "");
		if (strlen(d) == 10 && strcmp(d, best) > 0)
			memcpy(best, d, 11);
	}
	snprintf(b->modified, sizeof b->modified, "%sT00:00:00Z", best[0] ? best : "1980-01-01");
}

static int S_chapters(epub_book *b, const galley_node *const *docs, size_t ndocs)
{
	size_t i;
	if (!(b->ch = galley_calloc(ndocs, sizeof *b->ch)))
		return S_oom(b->ctx);
	b->nch = ndocs;
	for (i = 0; i < ndocs; i++) {
		epub_chapter *c = &b->ch[i];
		const char *title, *lang;
		char n[64];
		c->doc = docs[i];
		if (!docs[i] || !(c->meta = galley_document_meta(docs[i])))
			return galley_error(b->ctx, GALLEY_EINVAL, "EPUB writer: the root is not a document");
		lang = galley_meta_get(c->meta, "language");
		if (!epub_lang(lang, c->lang, sizeof c->lang)) {
			if (lang)
				galley_log(b->ctx, GALLEY_LOG_INFO, "EPUB: language \"%s\" is not a BCP 47 tag; \"und\" instead", lang);
			snprintf(c->lang, sizeof c->lang, "und");
		}
		snprintf(c->file, sizeof c->file, "release-%zu.xhtml", i + 1);
		if (!epub_date(galley_meta_get(c->meta, "date"), c->date, sizeof c->date))
			c->date[0] = '\0';
		title = galley_meta_get(c->meta, "title");
		if (title && *title) {
			c->label = galley_strdup(title);
		} else {
			snprintf(n, sizeof n, ndocs > 1 ? "Release %zu" : "Untitled release", i + 1);
			c->label = galley_strdup(n);
		}
		if (!c->label)
			return S_oom(b->ctx);
	}
	b->lang = b->ch[0].lang;
	return 0;
}

/* Images from data: URIs and local files (PNG, JPEG, GIF; the core's
 * galley_image_load), each distinct one once: galley never fetches
 * anything, so these are the only images a book can hold. */
static int S_image(epub_book *b, size_t i, const char *base, const char *src, size_t *cap)
{
	galley_image_info info;
	epub_image *img;
	int ok;
	if (!src || !*src || galley_url_is_remote(src) || epub_book_image(b, i, src))
		return 0;
	if (b->nimages == *cap) {
		epub_image *ni = galley_realloc(b->images, (*cap ? *cap * 2 : 4) * sizeof *ni);
		if (!ni)
			return S_oom(b->ctx);
		b->images = ni;
		*cap = *cap ? *cap * 2 : 4;
	}
	img = &b->images[b->nimages];
	memset(img, 0, sizeof *img);
	if ((ok = galley_image_load(b->ctx, base, src, &img->data, &info)) <= 0) {
		galley_buffer_dispose(&img->data);
		return ok;
	}
	img->src = src;
	img->ch = i;
	img->type = info.type;
	snprintf(img->href, sizeof img->href, "images/img-%zu.%s", b->nimages + 1, info.ext);
	b->nimages++;
	return 0;
}

/* A heading's label in the navigation: its text on one line, spaces collapsed. */
static char *S_label(const galley_node *node)
{
	galley_buffer b = GALLEY_BUFFER_INIT, clean = GALLEY_BUFFER_INIT;
	char *s, *p, *q;
	int space = 0;
	if (galley_node_text_content(node, &b) < 0 || galley_xml_clean(b.data ? b.data : "", b.len, &clean) < 0 ||
		galley_buffer_putc(&clean, '\0') < 0) {
		galley_buffer_dispose(&b);
		galley_buffer_dispose(&clean);
		return NULL;
	}
	galley_buffer_dispose(&b);
	s = clean.data;
	for (p = q = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = q != s;
		} else {
			if (space)
				*q++ = ' ';
			space = 0;
			*q++ = *p;
		}
	}
	*q = '\0';
	return s;
}

/* A heading for the navigation (not one in a note): its label, and the
 * file it is in when the chapter is split (head_part holds, until then,
 * how many split points come before it). */
static int S_heading(epub_book *b, epub_chapter *c, const galley_node *node)
{
	char *l = S_label(node);
	if (!l)
		return S_oom(b->ctx);
	if (c->nheads == c->capheads) {
		size_t cap = c->capheads ? c->capheads * 2 : 8;
		char **n = galley_realloc(c->heads, cap * sizeof *n);
		size_t *np = n ? galley_realloc(c->head_part, cap * sizeof *np) : NULL;
		if (n)
			c->heads = n;
		if (!np) {
			galley_free(l);
			return S_oom(b->ctx);
		}
		c->head_part = np;
		c->capheads = cap;
	}
	c->head_part[c->nheads] = c->nparts - 1;
	c->heads[c->nheads++] = l; /* an empty label is kept so ids stay in step */
	return 0;
}

/* A place a long chapter may be split: a top-level level-1 heading after
 * its first block (parts[0]). */
static int S_split_point(epub_book *b, epub_chapter *c, const galley_node *node)
{
	if (c->nparts == c->capparts) {
		size_t cap = c->capparts * 2;
		const galley_node **n = galley_realloc(c->parts, cap * sizeof *n);
		size_t *np = n ? galley_realloc(c->part_head, cap * sizeof *np) : NULL;
		if (n)
			c->parts = n;
		if (!np)
			return S_oom(b->ctx);
		c->part_head = np;
		c->capparts = cap;
	}
	c->part_head[c->nparts] = c->nheads;
	c->parts[c->nparts++] = node;
	return 0;
}

/* One walk of release i, before anything is written: the length of its
 * text (a long one is split into files before its top-level level-1
 * headings), its headings' labels for the navigation, the images it
 * packages, and (h not NULL) its metadata and text hashed for the book's
 * identifier, the text as galley_node_text_content() joins it: a newline
 * between blocks where text follows text, so markup alone does not count. */
static int S_scan(epub_book *b, size_t i, long split, epub_hash *h, size_t *imgcap)
{
	epub_chapter *c = &b->ch[i];
	const galley_node *first = galley_node_first_child(c->doc);
	const char *base = galley_context_document_path(b->ctx, i);
	galley_iter *it;
	galley_event_type ev;
	size_t len = 0, k;
	int pending = 0, any = 0, notes = 0, rc = 0;

	if (!base && b->nch == 1)
		base = galley_context_input_name(b->ctx);
	c->capparts = 4;
	if (!(c->parts = galley_calloc(c->capparts, sizeof *c->parts)) ||
		!(c->part_head = galley_calloc(c->capparts, sizeof *c->part_head)))
		return S_oom(b->ctx);
	c->parts[0] = first;
	c->nparts = 1;
	if (h)
		S_hash_meta(h, c->meta);
	if (!(it = galley_iter_new(c->doc)))
		return S_oom(b->ctx);
	while (rc == 0 && (ev = galley_iter_next(it)) != GALLEY_EVENT_DONE) {
		const galley_node *n = galley_iter_get_node(it);
		galley_node_type t = galley_node_get_type(n);
		if (ev != GALLEY_EVENT_ENTER) {
			notes -= t == GALLEY_NODE_NOTE;
			continue;
		}
		len += galley_node_get_text_len(n);
		if (h) {
			if (galley_node_type_is_block(t) && any)
				pending = 1;
			if (t == GALLEY_NODE_TEXT || t == GALLEY_NODE_CODE || t == GALLEY_NODE_CODE_BLOCK ||
				t == GALLEY_NODE_LINEBREAK) {
				size_t tl = galley_node_get_text_len(n);
				if (pending)
					epub_hash_add(h, "\n", 1);
				pending = 0;
				if (t == GALLEY_NODE_LINEBREAK)
					epub_hash_add(h, " ", 1);
				else if (tl)
					epub_hash_add(h, galley_node_get_text(n), tl);
				any = 1;
			}
		}
		switch (t) {
		case GALLEY_NODE_NOTE:
			notes++;
			break;
		case GALLEY_NODE_HEADING:
			if (split > 0 && n != first && galley_node_get_level(n) == 1 && galley_node_parent(n) == c->doc)
				rc = S_split_point(b, c, n);
			if (rc == 0 && !notes)
				rc = S_heading(b, c, n);
			break;
		case GALLEY_NODE_IMAGE:
		case GALLEY_NODE_FIGURE:
			rc = S_image(b, i, base, galley_node_get_url(n), imgcap);
			break;
		default:
			break;
		}
	}
	galley_iter_free(it);
	if (h)
		epub_hash_add(h, "\x1d", 1);
	if (rc == 0 && !(split > 0 && len > (size_t)split)) {
		/* short: one file */
		c->nparts = 1;
		for (k = 0; k < c->nheads; k++)
			c->head_part[k] = 0;
	}
	return rc;
}

static int S_scan_all(epub_book *b)
{
	const char *sp = galley_context_option(b->ctx, "split");
	/* the default: files of 64 KiB of text or so; "none" or 0 never splits */
	long split = !sp ? 65536 : !strcmp(sp, "none") ? 0 : strtol(sp, NULL, 10);
	int hash = !S_same(b, "identifier");
	epub_hash h;
	size_t i, imgcap = 0;
	int rc;
	epub_hash_init(&h);
	for (i = 0; i < b->nch; i++)
		if ((rc = S_scan(b, i, split, hash ? &h : NULL, &imgcap)) < 0)
			return rc;
	return S_identifier(b, &h);
}

static void S_book_free(epub_book *b)
{
	size_t i, j;
	for (i = 0; i < b->nimages; i++)
		galley_buffer_dispose(&b->images[i].data);
	galley_free(b->images);
	for (i = 0; i < b->nch; i++) {
		for (j = 0; j < b->ch[i].nheads; j++)
			galley_free(b->ch[i].heads[j]);
		galley_free(b->ch[i].heads);
		galley_free(b->ch[i].head_part);
		galley_free(b->ch[i].parts);
		galley_free(b->ch[i].part_head);
		galley_free(b->ch[i].label);
	}
	galley_free(b->ch);
	galley_free(b->title);
	galley_free(b->identifier);
}

/* ------------------------------------------------------------------ */
/* The package document and the NCX                                    */
/* ------------------------------------------------------------------ */

static int S_dc(epub_xml *x, const char *name, const char *value)
{
	if (!value || !*value)
		return x->err;
	if (epub_raw(x, "\n    ") < 0 || epub_start(x, name) < 0 || epub_str(x, value) < 0)
		return x->err;
	return epub_end(x);
}

static int S_meta(epub_xml *x, const char *property, const char *value)
{
	if (epub_raw(x, "\n    ") < 0 || epub_start(x, "meta") < 0 || epub_attr(x, "property", property) < 0 ||
		epub_str(x, value) < 0)
		return x->err;
	return epub_end(x);
}

/* Every distinct value of a key over the documents, in order. */
static int S_dc_all(epub_xml *x, const epub_book *b, const char *name, const char *key)
{
	const char **seen = NULL; /* the values written, looked up in the array, not the metadata */
	size_t i, j, k, nseen = 0, cap = 0;
	for (i = 0; i < b->nch && !x->err; i++) {
		size_t n = galley_meta_count(b->ch[i].meta, key);
		for (j = 0; j < n && !x->err; j++) {
			const char *v = galley_meta_get_nth(b->ch[i].meta, key, j);
			for (k = 0; k < nseen && strcmp(seen[k], v); k++)
				;
			if (k < nseen)
				continue;
			if (nseen == cap) {
				const char **ns = galley_realloc(seen, (cap ? cap * 2 : 8) * sizeof *ns);
				if (!ns) {
					x->err = S_oom(b->ctx);
					break;
				}
				seen = ns;
				cap = cap ? cap * 2 : 8;
			}
			seen[nseen++] = v;
			S_dc(x, name, v);
		}
	}
	galley_free(seen);
	return x->err;
}

/* End the open list element and the root, then the document. */
static int S_close_root(epub_xml *x)
{
	if (epub_raw(x, "\n  ") < 0 || epub_end(x) < 0 || epub_raw(x, "\n") < 0 || epub_end(x) < 0)
		return x->err;
	if (epub_flush(x) < 0)
		return x->err;
	if (xmlTextWriterEndDocument(x->w) < 0)
		return epub_xml_fail(x);
	return 0;
}

static int S_item(epub_xml *x, const char *id, const char *href, const char *type, const char *props)
{
	if (epub_raw(x, "\n    ") < 0 || epub_start(x, "item") < 0 || epub_attr(x, "id", id) < 0 ||
		epub_attr(x, "href", href) < 0 || epub_attr(x, "media-type", type) < 0)
		return x->err;
	if (props && epub_attr(x, "properties", props) < 0)
		return x->err;
	return epub_end(x);
}

static int S_itemref(epub_xml *x, const char *idref, int linear)
{
	if (epub_raw(x, "\n    ") < 0 || epub_start(x, "itemref") < 0 || epub_attr(x, "idref", idref) < 0)
		return x->err;
	if (!linear && epub_attr(x, "linear", "no") < 0)
		return x->err;
	return epub_end(x);
}

/* The manifest id of file k of release i: "release-1", "release-1-2". */
static void S_part_id(size_t i, size_t k, char *out, size_t outsz)
{
	epub_part_file(i, k, out, outsz);
	out[strlen(out) - strlen(".xhtml")] = '\0';
}

static int S_opf(const epub_book *b, galley_buffer *out)
{
	epub_xml x;
	size_t i;
	char id[48], file[48];
	const char *langs[64];
	size_t nlangs = 0, k;

	if (epub_xml_open(&x, b->ctx, out) < 0)
		return x.err;
	if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0 ||
		xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "package", BAD_CAST OPF_NS) < 0) {
		epub_xml_fail(&x);
		goto done;
	}
	if (epub_attr(&x, "version", "3.0") < 0 || epub_attr(&x, "unique-identifier", "book-id") < 0 ||
		epub_attr(&x, "xml:lang", b->lang) < 0 || epub_raw(&x, "\n  ") < 0)
		goto done;
	if (epub_start(&x, "metadata") < 0 || epub_attr(&x, "xmlns:dc", DC_NS) < 0)
		goto done;
	if (epub_raw(&x, "\n    ") < 0 || epub_start(&x, "dc:identifier") < 0 || epub_attr(&x, "id", "book-id") < 0 ||
		epub_str(&x, b->identifier) < 0 || epub_end(&x) < 0 || S_dc(&x, "dc:title", b->title) < 0)
		goto done;
	for (i = 0; i < b->nch && nlangs < sizeof langs / sizeof *langs; i++) {
		for (k = 0; k < nlangs && strcmp(langs[k], b->ch[i].lang); k++)
			;
		if (k == nlangs)
			langs[nlangs++] = b->ch[i].lang;
	}
	for (k = 0; k < nlangs; k++)
		if (S_dc(&x, "dc:language", langs[k]) < 0)
			goto done;
	/* dc:date: the publication date of a single document (or of documents that share it) */
	if (S_same(b, "date") && b->ch[0].date[0] && S_dc(&x, "dc:date", b->ch[0].date) < 0)
		goto done;
	if (S_dc_all(&x, b, "dc:creator", "authors") < 0 || S_dc_all(&x, b, "dc:publisher", "issuer") < 0 ||
		S_dc_all(&x, b, "dc:source", "source") < 0 || S_dc_all(&x, b, "dc:subject", "category") < 0 ||
		S_dc_all(&x, b, "dc:subject", "keywords") < 0 || S_dc_all(&x, b, "dc:description", "description") < 0)
		goto done;
	if (S_meta(&x, "dcterms:modified", b->modified) < 0)
		goto done;
	/* EPUB Accessibility 1.1: galley writes text only (images become links
	 * with their alt text), with headings, a table of contents and the
	 * reading order of the source. */
	if (b->nimages && (S_meta(&x, "schema:accessMode", "visual") < 0 ||
		S_meta(&x, "schema:accessibilityFeature", "alternativeText") < 0))
		goto done;
	if (S_meta(&x, "schema:accessMode", "textual") < 0 || S_meta(&x, "schema:accessModeSufficient", "textual") < 0 ||
		S_meta(&x, "schema:accessibilityFeature", "structuralNavigation") < 0 ||
		S_meta(&x, "schema:accessibilityFeature", "tableOfContents") < 0 ||
		S_meta(&x, "schema:accessibilityFeature", "readingOrder") < 0 ||
		S_meta(&x, "schema:accessibilityHazard", "none") < 0 ||
		S_meta(&x, "schema:accessibilitySummary",
			b->nimages ? "Headings, lists and tables are marked up, every release has a title page and "
			"the navigation lists the releases and their headings. The images the releases held "
			"inline are included with their alternative text; remote images are not included: "
			"their alternative text is kept, as a link to the image."
			: "Text only: headings, lists and tables are marked up, every release has a title page and "
			"the navigation lists the releases and their headings. Images are not included; their "
			"alternative text is kept, as a link to a remote image.") < 0)
		goto done;
	if (epub_raw(&x, "\n  ") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n  ") < 0 || epub_start(&x, "manifest") < 0)
		goto done;
	if (S_item(&x, "nav", "nav.xhtml", "application/xhtml+xml", "nav") < 0 ||
		S_item(&x, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL) < 0 ||
		S_item(&x, "css", "style.css", "text/css", NULL) < 0)
		goto done;
	if (b->nch > 1 && S_item(&x, "contents", "contents.xhtml", "application/xhtml+xml", NULL) < 0)
		goto done;
	for (i = 0; i < b->nch; i++)
		for (k = 0; k < b->ch[i].nparts; k++) {
			epub_part_file(i, k, file, sizeof file);
			S_part_id(i, k, id, sizeof id);
			if (S_item(&x, id, file, "application/xhtml+xml", NULL) < 0)
				goto done;
		}
	for (i = 0; i < b->nimages; i++) {
		snprintf(id, sizeof id, "img-%zu", i + 1);
		if (S_item(&x, id, b->images[i].href, b->images[i].type, NULL) < 0)
			goto done;
	}
	if (epub_raw(&x, "\n  ") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n  ") < 0 || epub_start(&x, "spine") < 0 ||
		epub_attr(&x, "toc", "ncx") < 0)
		goto done;
	if (b->nch > 1 && S_itemref(&x, "contents", 1) < 0)
		goto done;
	for (i = 0; i < b->nch; i++)
		for (k = 0; k < b->ch[i].nparts; k++) {
			S_part_id(i, k, id, sizeof id);
			if (S_itemref(&x, id, 1) < 0)
				goto done;
		}
	/* one release: its landmark "toc" is the navigation document, which is
	 * then in the spine too (out of the reading order) */
	if (b->nch == 1 && (S_itemref(&x, "nav", 0) < 0))
		goto done;
	S_close_root(&x);
done:
	return epub_xml_close(&x);
}

static int S_navpoint(epub_xml *x, int order, const char *label, const char *src)
{
	char id[32];
	snprintf(id, sizeof id, "np-%d", order);
	if (epub_raw(x, "\n    ") < 0 || epub_start(x, "navPoint") < 0 || epub_attr(x, "id", id) < 0 ||
		epub_attr(x, "playOrder", id + 3) < 0)
		return x->err;
	if (epub_start(x, "navLabel") < 0 || epub_element(x, "text", label) < 0 || epub_end(x) < 0 ||
		epub_start(x, "content") < 0 || epub_attr(x, "src", src) < 0 || epub_end(x) < 0)
		return x->err;
	return epub_end(x);
}

static int S_ncx(const epub_book *b, galley_buffer *out)
{
	epub_xml x;
	size_t i;
	int order = 1;

	if (epub_xml_open(&x, b->ctx, out) < 0)
		return x.err;
	if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0 ||
		xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "ncx", BAD_CAST NCX_NS) < 0) {
		epub_xml_fail(&x);
		goto done;
	}
	if (epub_attr(&x, "version", "2005-1") < 0 || epub_attr(&x, "xml:lang", b->lang) < 0 ||
		epub_raw(&x, "\n  ") < 0 || epub_start(&x, "head") < 0)
		goto done;
	if (epub_raw(&x, "\n    ") < 0 || epub_start(&x, "meta") < 0 || epub_attr(&x, "name", "dtb:uid") < 0 ||
		epub_attr(&x, "content", b->identifier) < 0 || epub_end(&x) < 0 ||
		epub_raw(&x, "\n    ") < 0 || epub_start(&x, "meta") < 0 || epub_attr(&x, "name", "dtb:depth") < 0 ||
		epub_attr(&x, "content", "1") < 0 || epub_end(&x) < 0 ||
		epub_raw(&x, "\n    ") < 0 || epub_start(&x, "meta") < 0 || epub_attr(&x, "name", "dtb:totalPageCount") < 0 ||
		epub_attr(&x, "content", "0") < 0 || epub_end(&x) < 0 ||
		epub_raw(&x, "\n    ") < 0 || epub_start(&x, "meta") < 0 || epub_attr(&x, "name", "dtb:maxPageNumber") < 0 ||
		epub_attr(&x, "content", "0") < 0 || epub_end(&x) < 0 || epub_raw(&x, "\n  ") < 0 || epub_end(&x) < 0)
		goto done;
	if (epub_raw(&x, "\n  ") < 0 || epub_start(&x, "docTitle") < 0 || epub_element(&x, "text", b->title) < 0 ||
		epub_end(&x) < 0 || epub_raw(&x, "\n  ") < 0 || epub_start(&x, "navMap") < 0)
		goto done;
	if (b->nch > 1 && S_navpoint(&x, order++, "Releases", "contents.xhtml") < 0)
		goto done;
	for (i = 0; i < b->nch; i++)
		if (S_navpoint(&x, order++, b->ch[i].label, b->ch[i].file) < 0)
			goto done;
	S_close_root(&x);
done:
	return epub_xml_close(&x);
}

/* ------------------------------------------------------------------ */
/* The package                                                         */
/* ------------------------------------------------------------------ */

static int S_read_file(galley_context *ctx, const char *path, galley_buffer *out)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return galley_error(ctx, GALLEY_EIO, "EPUB writer: cannot read the stylesheet %s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		galley_buffer_append(out, buf, n);
	if (ferror(f)) {
		fclose(f);
		return galley_error(ctx, GALLEY_EIO, "EPUB writer: cannot read the stylesheet %s", path);
	}
	fclose(f);
	return out->oom ? S_oom(ctx) : 0;
}

/* The package's entries go to the zip service, which deflates them (ISA-L's
 * igzip), unless -O compress=false (stored: bigger files, written faster);
 * fixed parts (container.xml, the default stylesheet) were deflated at
 * build time. */
typedef struct {
	galley_context *ctx;
	galley_zip *z;
	int store;
} S_pack;

static int S_add_bytes(S_pack *p, const char *name, const char *data, size_t len)
{
	return galley_zip_add(p->z, name, data, len, p->store);
}

static int S_add(S_pack *p, const char *name, const galley_buffer *b)
{
	return S_add_bytes(p, name, b->data ? b->data : "", b->len);
}

/* A fixed part: deflated at build time, unless entries are stored. */
static int S_add_fixed(S_pack *p, const char *name, const char *data, size_t len, const unsigned char *deflated,
	size_t deflated_len, size_t size, unsigned long crc)
{
	if (p->store)
		return galley_zip_add(p->z, name, data, len, 1);
	return galley_zip_add_deflated(p->z, name, deflated, deflated_len, size, crc);
}

static int S_package(epub_book *b, galley_buffer *out)
{
	galley_context *ctx = b->ctx;
	galley_buffer part = GALLEY_BUFFER_INIT;
	const char *css = galley_context_option(ctx, "css");
	S_pack p;
	char name[64];
	size_t i, k;
	int rc;

	memset(&p, 0, sizeof p);
	p.ctx = ctx;
	p.store = !galley_context_option_bool(ctx, "compress", 1);
	if (!(p.z = galley_zip_new(ctx)))
		return galley_context_error_code(ctx) ? galley_context_error_code(ctx) : S_oom(ctx);
	/* mimetype first and stored: the zip service writes it without an extra field */
	if ((rc = galley_zip_add(p.z, "mimetype", "application/epub+zip", 20, 1)) < 0 ||
		(rc = S_add_fixed(&p, "META-INF/container.xml", epub_container_xml, epub_container_xml_len,
			 epub_container_xml_deflated, epub_container_xml_deflated_len, epub_container_xml_size,
			 epub_container_xml_crc)) < 0)
		goto fail;
	if ((rc = S_opf(b, &part)) < 0 || (rc = S_add(&p, "EPUB/package.opf", &part)) < 0)
		goto fail;
	galley_buffer_clear(&part);
	if ((rc = S_ncx(b, &part)) < 0 || (rc = S_add(&p, "EPUB/toc.ncx", &part)) < 0)
		goto fail;
	galley_buffer_clear(&part);
	if ((rc = epub_nav_xhtml(b, &part)) < 0 || (rc = S_add(&p, "EPUB/nav.xhtml", &part)) < 0)
		goto fail;
	galley_buffer_clear(&part);
	/* the stylesheet: -O css=, a data-dir override (appended when there is
	 * one, with nothing embedded given), else the embedded one */
	rc = css && *css ? S_read_file(ctx, css, &part) : galley_format_data(ctx, "epub", "style.css", NULL, 0, &part);
	if (rc == 0 && part.len == 0)
		rc = S_add_fixed(&p, "EPUB/style.css", epub_style_css, epub_style_css_len, epub_style_css_deflated,
			epub_style_css_deflated_len, epub_style_css_size, epub_style_css_crc);
	else if (rc == 0)
		rc = S_add(&p, "EPUB/style.css", &part);
	if (rc < 0)
		goto fail;
	if (b->nch > 1) {
		galley_buffer_clear(&part);
		if ((rc = epub_contents_xhtml(b, &part)) < 0 || (rc = S_add(&p, "EPUB/contents.xhtml", &part)) < 0)
			goto fail;
	}
	for (i = 0; i < b->nch; i++)
		for (k = 0; k < b->ch[i].nparts; k++) {
			char file[48];
			galley_buffer_clear(&part);
			epub_part_file(i, k, file, sizeof file);
			snprintf(name, sizeof name, "EPUB/%s", file);
			if ((rc = epub_chapter_xhtml(b, i, k, &part)) < 0 || (rc = S_add(&p, name, &part)) < 0)
				goto fail;
		}
	for (i = 0; i < b->nimages; i++) {
		snprintf(name, sizeof name, "EPUB/%s", b->images[i].href);
		if ((rc = S_add(&p, name, &b->images[i].data)) < 0)
			goto fail;
	}
	galley_buffer_dispose(&part);
	rc = galley_zip_finish(p.z, out);
	return rc;
fail:
	galley_buffer_dispose(&part);
	galley_zip_discard(p.z);
	if (!galley_context_error_code(ctx))
		galley_error(ctx, rc, "EPUB writer: cannot write the package");
	return rc;
}

int epub_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	epub_book b;
	int rc;

	(void)name;
	(void)payload;
	if (!docs || ndocs == 0)
		return galley_error(ctx, GALLEY_EUSAGE, "EPUB writer: no document to write");
	memset(&b, 0, sizeof b);
	b.ctx = ctx;
	if ((rc = S_chapters(&b, docs, ndocs)) == 0 && (rc = S_scan_all(&b)) == 0 && (rc = S_book_title(&b)) == 0) {
		S_modified(&b);
		rc = S_package(&b, out);
	}
	S_book_free(&b);
	return rc;
}
