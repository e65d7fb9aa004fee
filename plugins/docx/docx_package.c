/* docx_package.c — the "docx" writer's package: the body from docx.c, the
 * styles, numbering, settings and fonts of formats/docx/ (embedded, or from
 * the data-dir option's docx/ folder), the relationships, content types
 * and document properties, zipped by the core's zip service. */
#include "docx.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* formats/docx/, embedded at build time (galley_embed) */
extern const char docx_numbering_xml[], docx_styles_xml[];
extern const size_t docx_numbering_xml_len, docx_styles_xml_len;
/* ... and deflated (galley_embed_deflated), for the parts written as they are */
extern const unsigned char docx_styles_xml_deflated[], docx_settings_xml_deflated[], docx_fonttable_xml_deflated[];
extern const size_t docx_styles_xml_deflated_len, docx_settings_xml_deflated_len, docx_fonttable_xml_deflated_len;
extern const size_t docx_settings_xml_size, docx_fonttable_xml_size;
extern const unsigned long docx_settings_xml_crc, docx_fonttable_xml_crc;
extern const size_t docx_styles_xml_split; /* styles.xml is deflated from there on */
/* numbering.xml up to its </w:numbering>, deflated without a final block */
extern const unsigned char docx_numbering_xml_deflated[];
extern const size_t docx_numbering_xml_deflated_len, docx_numbering_xml_split;
#define S_DEFLATED(v) v##_deflated, v##_deflated_len, v##_size, v##_crc

#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_OFFICE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define PKG_RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"

typedef docx_xml S_xml;

static int S_fail(S_xml *x)
{
	return docx_xml_fail(x);
}

#define X(call) \
	do { \
		if ((call) < 0) \
			return S_fail(x); \
	} while (0)

/* The package's small parts are written one after the other by one
 * writer into one buffer (docx_write() takes each part from it and
 * empties it): a document ends with its xmlTextWriterEndDocument(), which
 * flushes, and the next begins with its declaration. */
static int S_open(S_xml *x)
{
	if (x->err)
		return x->err;
	if (galley_xml_writer_start_document(x->w, 1) < 0)
		return S_fail(x);
	return 0;
}

static int S_close(S_xml *x, int rc)
{
	if (rc == 0 && !x->err && xmlTextWriterEndDocument(x->w) < 0)
		S_fail(x);
	if (x->err)
		return x->err;
	return rc;
}

#define S_start docx_xml_start
#define S_end docx_xml_end
#define S_attr docx_xml_attr

/* Text cleaned of what XML 1.0 cannot carry. */
static int S_text(S_xml *x, const char *s)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int rc = 0;
	if (galley_xml_clean(s, strlen(s), &b) < 0 || galley_buffer_putc(&b, '\0') < 0)
		rc = S_fail(x);
	else if (xmlTextWriterWriteString(x->w, BAD_CAST b.data) < 0)
		rc = S_fail(x);
	galley_buffer_dispose(&b);
	return rc;
}

static int S_element(S_xml *x, const char *name, const char *text, const char *xsi_type)
{
	if (!text || !*text)
		return 0;
	if (S_start(x, name) < 0 || (xsi_type && S_attr(x, "xsi:type", xsi_type) < 0) || S_text(x, text) < 0)
		return x->err;
	return S_end(x);
}

/* ------------------------------------------------------------------ */
/* The parts                                                           */
/* ------------------------------------------------------------------ */

static int S_override(S_xml *x, const char *part, const char *type)
{
	return docx_xml_empty(x, "Override", (const char *const[]){"PartName", part, "ContentType", type, NULL});
}

static int S_default(S_xml *x, const char *ext, const char *type)
{
	return docx_xml_empty(x, "Default", (const char *const[]){"Extension", ext, "ContentType", type, NULL});
}

static int S_content_types(S_xml *x, int footnotes, const docx_body *body, const docx_reference *ref)
{
	size_t i;
	int rc = S_open(x);
	if (rc == 0 && (S_start(x, "Types") < 0 ||
		S_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types") < 0 ||
		S_default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml") < 0 ||
		S_default(x, "xml", "application/xml") < 0 ||
		(body->has_png && S_default(x, "png", "image/png") < 0) ||
		(body->has_jpeg && S_default(x, "jpeg", "image/jpeg") < 0) ||
		(body->has_gif && S_default(x, "gif", "image/gif") < 0) ||
		S_override(x, "/word/document.xml", CT_MAIN "document.main+xml") < 0 ||
		S_override(x, "/word/styles.xml", CT_MAIN "styles+xml") < 0 ||
		S_override(x, "/word/numbering.xml", CT_MAIN "numbering+xml") < 0 ||
		S_override(x, "/word/settings.xml", CT_MAIN "settings+xml") < 0 ||
		S_override(x, "/word/fontTable.xml", CT_MAIN "fontTable+xml") < 0 ||
		(footnotes && S_override(x, "/word/footnotes.xml", CT_MAIN "footnotes+xml") < 0) ||
		S_override(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") < 0 ||
		S_override(x, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") < 0))
		rc = x->err;
	for (i = 0; rc == 0 && i < ref->nparts; i++) {
		char part[600];
		if (!ref->parts[i].ctype) /* relationships: the Default */
			continue;
		snprintf(part, sizeof part, "/%s", ref->parts[i].name);
		if (S_override(x, part, ref->parts[i].ctype) < 0)
			rc = x->err;
	}
	if (rc == 0 && S_end(x) < 0)
		rc = x->err;
	return S_close(x, rc);
}

static int S_rel(S_xml *x, long id, const char *type, const char *target, int external)
{
	char rid[32];
	snprintf(rid, sizeof rid, "rId%ld", id);
	return docx_xml_empty(x, "Relationship",
		(const char *const[]){"Id", rid, "Type", type, "Target", target, "TargetMode", external ? "External" : NULL, NULL});
}

static int S_package_rels(S_xml *x)
{
	int rc = S_open(x);
	if (rc == 0 && (S_start(x, "Relationships") < 0 || S_attr(x, "xmlns", PKG_RELS_NS) < 0 ||
		S_rel(x, 1, REL_OFFICE "officeDocument", "word/document.xml", 0) < 0 ||
		S_rel(x, 2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
			"docProps/core.xml", 0) < 0 ||
		S_rel(x, 3, REL_OFFICE "extended-properties", "docProps/app.xml", 0) < 0 || S_end(x) < 0))
		rc = x->err;
	return S_close(x, rc);
}

/* A part's relationships: for document.xml its parts, then the links.
 * The links' Relationship elements (a page may have hundreds) are put
 * together here, their targets escaped, and reach the writer in one raw
 * piece. */
static int S_part_rels(S_xml *x, const docx_links *links, int parts, int footnotes, const galley_buffer *extra)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	size_t i;
	int rc = S_open(x);
	if (rc == 0 && (S_start(x, "Relationships") < 0 || S_attr(x, "xmlns", PKG_RELS_NS) < 0))
		rc = x->err;
	if (rc == 0 && parts &&
		(S_rel(x, DOCX_RID_STYLES, REL_OFFICE "styles", "styles.xml", 0) < 0 ||
		S_rel(x, DOCX_RID_NUMBERING, REL_OFFICE "numbering", "numbering.xml", 0) < 0 ||
		S_rel(x, DOCX_RID_SETTINGS, REL_OFFICE "settings", "settings.xml", 0) < 0 ||
		S_rel(x, DOCX_RID_FONTS, REL_OFFICE "fontTable", "fontTable.xml", 0) < 0 ||
		(footnotes && S_rel(x, DOCX_RID_FOOTNOTES, REL_OFFICE "footnotes", "footnotes.xml", 0) < 0)))
		rc = x->err;
	/* a reference document's headers, footers and theme (made, and checked, when it was read) */
	if (rc == 0 && extra && extra->len && galley_buffer_append(&b, extra->data, extra->len) < 0)
		rc = S_fail(x);
	for (i = 0; rc == 0 && i < links->n; i++) {
		char rid[24];
		int n = snprintf(rid, sizeof rid, "%zu", DOCX_FIRST_LINK_RID + i);
		galley_buffer_puts(&b, "<Relationship Id=\"rId");
		galley_buffer_append(&b, rid, (size_t)n);
		galley_buffer_puts(&b, links->v[i].image ? "\" Type=\"" REL_OFFICE "image\" Target=\"" :
			"\" Type=\"" REL_OFFICE "hyperlink\" Target=\"");
		if (galley_xml_escape(links->v[i].target, strlen(links->v[i].target), &b, 1) < 0 ||
			galley_buffer_puts(&b, links->v[i].image ? "\"/>" : "\" TargetMode=\"External\"/>") < 0)
			rc = S_fail(x);
	}
	if (rc == 0 && b.oom)
		rc = S_fail(x);
	if (rc == 0 && b.len && xmlTextWriterWriteRawLen(x->w, BAD_CAST b.data, (int)b.len) < 0)
		rc = S_fail(x);
	galley_buffer_dispose(&b);
	if (rc == 0 && S_end(x) < 0)
		rc = x->err;
	return S_close(x, rc);
}

/* SOURCE_DATE_EPOCH as W3CDTF, or 0 when it is not set. */
static int S_epoch_date(char *out, size_t outsz)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	struct tm tm;
	time_t t;
	if (!e || !*e)
		return 0;
	v = strtoll(e, &end, 10);
	if (*end || v < 0)
		return 0;
	t = (time_t)v;
	if (!gmtime_r(&t, &tm))
		return 0;
	return strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* docProps/core.xml: title, subject and category (the release's
 * category), creator (the issuer), keywords, description, language,
 * created (the release's date) and modified (SOURCE_DATE_EPOCH when set,
 * else the release's date). Never the clock: the same tree gives the same
 * bytes. A date that is not known is left out rather than made up. */
static int S_core(S_xml *x, const galley_meta *m)
{
	char created[48], epoch[48], lang[40];
	const char *ea, *font, *v;
	int has_created = docx_w3cdtf(galley_meta_get(m, "date"), created, sizeof created);
	int has_epoch = S_epoch_date(epoch, sizeof epoch);
	size_t i, nkw = galley_meta_count(m, "keywords");
	int rc = S_open(x);

	if (rc == 0 && (S_start(x, "cp:coreProperties") < 0 ||
		S_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties") < 0 ||
		S_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/") < 0 ||
		S_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/") < 0 ||
		S_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance") < 0 ||
		S_element(x, "dc:title", galley_meta_get(m, "title"), NULL) < 0 ||
		S_element(x, "dc:subject", galley_meta_get(m, "category"), NULL) < 0 ||
		S_element(x, "dc:creator", galley_meta_get(m, "issuer"), NULL) < 0))
		rc = x->err;
	if (rc == 0 && nkw) {
		galley_buffer kw = GALLEY_BUFFER_INIT;
		for (i = 0; i < nkw; i++)
			if ((i && galley_buffer_puts(&kw, ", ") < 0) || galley_buffer_puts(&kw, galley_meta_get_nth(m, "keywords", i)) < 0)
				break;
		if (kw.oom)
			rc = S_fail(x);
		else if (S_element(x, "cp:keywords", kw.data, NULL) < 0)
			rc = x->err;
		galley_buffer_dispose(&kw);
	}
	if (rc == 0 && S_element(x, "dc:description", galley_meta_get(m, "description"), NULL) < 0)
		rc = x->err;
	if (rc == 0 && (v = galley_meta_get(m, "language")) && docx_lang(v, lang, sizeof lang, &ea, &font) &&
		S_element(x, "dc:language", lang, NULL) < 0)
		rc = x->err;
	if (rc == 0 && S_element(x, "cp:category", galley_meta_get(m, "category"), NULL) < 0)
		rc = x->err;
	if (rc == 0 && (has_created || has_epoch) &&
		(S_element(x, "dcterms:created", has_created ? created : epoch, "dcterms:W3CDTF") < 0 ||
		S_element(x, "dcterms:modified", has_epoch ? epoch : created, "dcterms:W3CDTF") < 0))
		rc = x->err;
	if (rc == 0 && S_end(x) < 0)
		rc = x->err;
	return S_close(x, rc);
}

static int S_app(S_xml *x)
{
	int rc = S_open(x);
	if (rc == 0 && (S_start(x, "Properties") < 0 ||
		S_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties") < 0 ||
		S_element(x, "Application", "galley " GALLEY_VERSION_STRING, NULL) < 0 || S_end(x) < 0))
		rc = x->err;
	return S_close(x, rc);
}

/* numbering.xml: the data file's abstractNums, then one w:num per list
 * (after every abstractNum, as CT_Numbering's sequence needs), each
 * restarting its level at the list's own start. The embedded file's part
 * up to </w:numbering> was deflated at build time: the w:nums and its end
 * go after that in a stored block. */
static int S_add(galley_zip *z, const char *name, const galley_buffer *b, int compress);

static int S_numbering(galley_context *ctx, const docx_body *body, const docx_reference *ref, galley_zip *z)
{
	static const char close_tag[] = "</w:numbering>";
	galley_buffer nums = GALLEY_BUFFER_INIT, b = GALLEY_BUFFER_INIT;
	size_t i, pos, split = docx_numbering_xml_split;
	char *end = NULL, *p;
	int rc;

	for (i = 0; i < body->nlists; i++) {
		const docx_list *l = &body->lists[i];
		galley_buffer_printf(&nums, "<w:num w:numId=\"%ld\"><w:abstractNumId w:val=\"%ld\"/>",
			ref->num_base + (long)i + 1, ref->abstract_base + l->abstract_id);
		if (l->abstract_id == 1)
			galley_buffer_printf(&nums, "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride w:val=\"%ld\"/></w:lvlOverride>",
				l->ilvl, l->start);
		galley_buffer_puts(&nums, "</w:num>\n");
	}
	if (ref->numbering.len) {
		if (galley_buffer_append(&b, ref->numbering.data, ref->numbering.len) < 0)
			rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		else
			rc = 0;
	} else {
		rc = galley_format_data(ctx, "docx", "numbering.xml", NULL, 0, &b); /* an override, if there is one */
	}
	if (rc == 0 && !b.len && !nums.oom && split < docx_numbering_xml_len &&
		!strncmp(docx_numbering_xml + split, close_tag, sizeof close_tag - 1)) {
		galley_zip_piece pieces[2] = {{docx_numbering_xml, split, docx_numbering_xml_deflated, docx_numbering_xml_deflated_len},
			{NULL, 0, NULL, 0}};
		if (galley_buffer_append(&nums, docx_numbering_xml + split, docx_numbering_xml_len - split) < 0) {
			rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		} else {
			pieces[1].data = nums.data;
			pieces[1].len = nums.len;
			rc = galley_zip_add_pieces(z, "word/numbering.xml", pieces, 2);
		}
		goto out;
	}
	if (rc == 0 && !b.len && galley_buffer_append(&b, docx_numbering_xml, docx_numbering_xml_len) < 0)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	if (rc < 0)
		goto out;
	for (p = b.data; p && (p = strstr(p, close_tag)); p++)
		end = p;
	if (!end) {
		rc = galley_error(ctx, GALLEY_EINVAL, "DOCX writer: numbering.xml has no </w:numbering>");
		goto out;
	}
	pos = (size_t)(end - b.data);
	if (nums.oom || galley_buffer_splice(&b, pos, 0, nums.data ? nums.data : "", nums.len) < 0)
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	else
		rc = S_add(z, "word/numbering.xml", &b, 0);
out:
	galley_buffer_dispose(&nums);
	galley_buffer_dispose(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The package                                                         */
/* ------------------------------------------------------------------ */

/* The parts are deflated (the zip service's libdeflate at level 1), but for
 * numbering, relationships and content types, small and made for each
 * document, and the fixed styles, settings and fonts, deflated at build
 * time (deflating them for every document cost most of the writer's time
 * once). */
static int S_add(galley_zip *z, const char *name, const galley_buffer *b, int compress)
{
	return galley_zip_add(z, name, b->data ? b->data : "", b->len, !compress);
}

/* A fixed part: the reference document's, else the data-dir override,
 * else the embedded one, deflated at build time. */
static int S_add_data(galley_context *ctx, galley_zip *z, const char *part, const char *name, const unsigned char *deflated,
	size_t deflated_len, size_t size, unsigned long crc, const galley_buffer *ref)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int rc;
	if (ref && ref->len) /* from the reference document */
		return S_add(z, part, ref, 1);
	/* nothing embedded given: what is appended is an override, if there is one */
	if ((rc = galley_format_data(ctx, "docx", name, NULL, 0, &b)) == 0)
		rc = b.len ? S_add(z, part, &b, 1) : galley_zip_add_deflated(z, part, deflated, deflated_len, size, crc);
	galley_buffer_dispose(&b);
	return rc;
}

/* Where the document's w:lang goes into a styles.xml: before the end of
 * the run properties of w:rPrDefault, when there is such an rPr and it
 * has no w:lang yet nor any of what CT_RPr puts after it
 * (eastAsianLayout, specVanish, oMath); -1 otherwise, and the runs carry
 * the language. */
static long S_lang_at(const char *xml)
{
	static const char *const after[] = {"<w:lang", "<w:eastAsianLayout", "<w:specVanish", "<w:oMath"};
	const char *d = xml ? strstr(xml, "<w:rPrDefault>") : NULL, *e, *p;
	size_t i;
	if (!d || !(e = strstr(d, "</w:rPrDefault>")))
		return -1;
	while (e > d && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	if (e - d < 8 || strncmp(e - 8, "</w:rPr>", 8))
		return -1;
	e -= 8;
	for (p = d; p < e; p++)
		for (i = 0; *p == '<' && i < sizeof after / sizeof *after; i++)
			if (!strncmp(p, after[i], strlen(after[i])) && (p[strlen(after[i])] == ' ' || p[strlen(after[i])] == '/' ||
				p[strlen(after[i])] == '>'))
				return -1;
	return (long)(e - xml);
}

/* The run defaults' w:lang of the document's language ("" when it has
 * none): the same element the runs would carry. */
static void S_lang_element(const galley_meta *m, char *out, size_t outsz)
{
	char lang[40];
	const char *ea = NULL, *font = NULL, *v = m ? galley_meta_get(m, "language") : NULL;
	*out = '\0';
	if (!v || !docx_lang(v, lang, sizeof lang, &ea, &font))
		return;
	if (ea)
		snprintf(out, outsz, "<w:lang w:val=\"%s\" w:eastAsia=\"%s\"/>", ea, ea);
	else
		snprintf(out, outsz, "<w:lang w:val=\"%s\"/>", lang);
}

/* word/styles.xml: the reference document's or the data-dir's (styles,
 * deflated here), else the embedded one: its head, up to the end of the
 * run defaults, and the language, in stored blocks before the rest
 * deflated at build time. lang is "" or what goes in at `at`. */
static int S_add_styles(galley_context *ctx, galley_zip *z, galley_buffer *styles, long at, const char *lang)
{
	galley_buffer head = GALLEY_BUFFER_INIT;
	size_t split = docx_styles_xml_split;
	int rc;
	if (at < 0)
		lang = "";
	if (styles->len) {
		if (*lang && at >= 0 && galley_buffer_splice(styles, (size_t)at, 0, lang, strlen(lang)) < 0)
			return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		return S_add(z, "word/styles.xml", styles, 1);
	}
	if (galley_buffer_append(&head, docx_styles_xml, split) < 0 || (*lang && galley_buffer_puts(&head, lang) < 0))
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	else
		rc = galley_zip_add_pieces(z, "word/styles.xml", (const galley_zip_piece[]){{head.data, head.len, NULL, 0},
			{docx_styles_xml + split, docx_styles_xml_len - split, docx_styles_xml_deflated, docx_styles_xml_deflated_len}}, 2);
	galley_buffer_dispose(&head);
	return rc;
}

int docx_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	docx_body body;
	docx_reference ref;
	galley_buffer part = GALLEY_BUFFER_INIT, styles = GALLEY_BUFFER_INIT;
	S_xml px; /* the small parts' writer, into part */
	galley_zip *z = NULL;
	galley_buffer *sb;
	char lang[96];
	long at;
	const char *refdoc = galley_context_option(ctx, "reference-doc");
	int rc, notes;
	size_t i;

	(void)name;
	(void)payload;
	if (ndocs != 1 || !docs || !docs[0])
		return galley_error(ctx, GALLEY_EUSAGE, "DOCX writer: expects exactly one document");
	memset(&body, 0, sizeof body);
	memset(&ref, 0, sizeof ref);
	memset(&px, 0, sizeof px);
	if (refdoc && *refdoc && (rc = docx_reference_load(ctx, refdoc, &ref)) < 0)
		return rc;
	body.sectpr = &ref.sectpr;
	body.num_base = ref.num_base;
	body.text_width = ref.text_width;
	/* the styles: the reference document's, a data-dir's, or the embedded
	 * ones; the language goes into their run defaults when it can */
	sb = ref.styles.len ? &ref.styles : &styles;
	if (!ref.styles.len && (rc = galley_format_data(ctx, "docx", "styles.xml", NULL, 0, &styles)) < 0)
		goto out;
	at = S_lang_at(sb->len ? sb->data : docx_styles_xml);
	if (!sb->len && at != (long)docx_styles_xml_split) /* cannot be: the build split it there */
		at = -1;
	S_lang_element(galley_document_meta(docs[0]), lang, sizeof lang);
	body.lang_in_styles = at >= 0;
	if ((rc = docx_body_write(ctx, docs[0], &body)) < 0)
		goto out;
	notes = body.footnotes.len > 0;
	if (!(z = galley_zip_new(ctx))) {
		rc = galley_context_error_code(ctx) < 0 ? galley_context_error_code(ctx) : GALLEY_ENOMEM;
		goto out;
	}
#define PART(call, entry) \
	do { \
		galley_buffer_clear(&part); \
		if ((rc = (call)) < 0 || (rc = S_add(z, entry, &part, 0)) < 0) \
			goto out; \
	} while (0)
	px.ctx = ctx;
	if (!(px.w = galley_xml_writer_new(ctx, &part))) {
		rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
		goto out;
	}
	PART(S_content_types(&px, notes, &body, &ref), "[Content_Types].xml");
	PART(S_package_rels(&px), "_rels/.rels");
	PART(S_core(&px, galley_document_meta(docs[0])), "docProps/core.xml");
	PART(S_app(&px), "docProps/app.xml");
	if ((rc = S_add(z, "word/document.xml", &body.document, 1)) < 0 ||
		(rc = S_add_styles(ctx, z, sb, at, lang)) < 0)
		goto out;
	if ((rc = S_numbering(ctx, &body, &ref, z)) < 0)
		goto out;
	if ((rc = S_add_data(ctx, z, "word/settings.xml", "settings.xml", S_DEFLATED(docx_settings_xml), NULL)) < 0 ||
		(rc = S_add_data(ctx, z, "word/fontTable.xml", "fontTable.xml", S_DEFLATED(docx_fonttable_xml), &ref.fonts)) < 0)
		goto out;
	for (i = 0; i < ref.nparts; i++)
		if ((rc = S_add(z, ref.parts[i].name, &ref.parts[i].data, ref.parts[i].ctype && !strncmp(ref.parts[i].ctype, "application/", 12))) < 0)
			goto out;
	if (notes && (rc = S_add(z, "word/footnotes.xml", &body.footnotes, 1)) < 0)
		goto out;
	for (i = 0; i < body.nmedia; i++) {
		char entry[80];
		snprintf(entry, sizeof entry, "word/%s", body.media[i].name);
		/* PNG, JPEG and GIF are compressed already */
		if ((rc = galley_zip_add(z, entry, body.media[i].data, body.media[i].len, 1)) < 0)
			goto out;
	}
	PART(S_part_rels(&px, &body.links, 1, notes, &ref.doc_rels), "word/_rels/document.xml.rels");
	if (notes && body.note_links.n)
		PART(S_part_rels(&px, &body.note_links, 0, 0, NULL), "word/_rels/footnotes.xml.rels");
#undef PART
	rc = galley_xml_writer_free(px.w);
	px.w = NULL;
	if (rc < 0)
		goto out;
	rc = galley_zip_finish(z, out);
	z = NULL;
out:
	galley_zip_discard(z);
	if (px.w)
		galley_xml_writer_free(px.w); /* after an error, which rc has */
	galley_buffer_dispose(&px.tmp);
	galley_buffer_dispose(&part);
	galley_buffer_dispose(&styles);
	docx_body_dispose(&body);
	docx_reference_dispose(&ref);
	return rc;
}
