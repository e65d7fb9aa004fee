/* docx_reference.c — the "reference-doc" option: styles, numbering, page
 * setup (the last w:sectPr), headers and footers (with the parts they
 * refer to), the font table and the theme of a user's own DOCX, in place of
 * formats/docx/. The styles galley names that the document lacks are added
 * from galley's own, so every paragraph still has its style.
 *
 * What is taken is read with libxml2 and cleaned as a consumer of
 * ECMA-376 that knows no extensions would read it (Markup Compatibility):
 * elements and attributes of namespaces outside ECMA-376 transitional
 * (Word 2010's w14, LibreOffice's own...) are dropped, mc:AlternateContent
 * becomes its mc:Fallback. So a reference saved by Word or LibreOffice
 * still gives parts that validate. */
#include "docx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const char docx_styles_xml[], docx_numbering_xml[];
extern const size_t docx_styles_xml_len, docx_numbering_xml_len;

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define PKG_RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_OFFICE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The namespaces of ECMA-376 transitional a WordprocessingML part may use
 * (and those of the package's relationships and content types). */
static const char *const S_known_ns[] = {
	W_NS,
	R_NS,
	"http://schemas.openxmlformats.org/drawingml/2006/main",
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
	"http://schemas.openxmlformats.org/drawingml/2006/picture",
	"http://schemas.openxmlformats.org/drawingml/2006/chart",
	"http://schemas.openxmlformats.org/drawingml/2006/diagram",
	"http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
	"http://schemas.openxmlformats.org/officeDocument/2006/math",
	"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
	"http://schemas.openxmlformats.org/schemaLibrary/2006/main",
	"http://schemas.openxmlformats.org/officeDocument/2006/customXml",
	"urn:schemas-microsoft-com:vml",
	"urn:schemas-microsoft-com:office:office",
	"urn:schemas-microsoft-com:office:word",
	"urn:schemas-microsoft-com:office:excel",
	"urn:schemas-microsoft-com:office:powerpoint",
	"http://www.w3.org/XML/1998/namespace",
	PKG_RELS_NS, /* the package's own parts */
	CT_NS,
	NULL};

static int S_known(const xmlNs *ns)
{
	size_t i;
	if (!ns || !ns->href)
		return 1; /* no namespace: an attribute of the element's own vocabulary */
	for (i = 0; S_known_ns[i]; i++)
		if (!strcmp((const char *)ns->href, S_known_ns[i]))
			return 1;
	return 0;
}

static int S_is(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns) &&
		!strcmp((const char *)n->name, name);
}

static xmlNode *S_child(xmlNode *parent, const char *ns, const char *name)
{
	xmlNode *c;
	for (c = parent ? parent->children : NULL; c; c = c->next)
		if (S_is(c, ns, name))
			return c;
	return NULL;
}

/* Markup Compatibility for a consumer that understands no extension:
 * mc:AlternateContent is replaced by its mc:Fallback's content (nothing
 * without one), other mc: elements and every element and attribute of an
 * unknown namespace go. */
static void S_clean(xmlNode *n)
{
	xmlNode *c, *next;
	xmlAttr *a, *anext;
	for (a = n->properties; a; a = anext) {
		anext = a->next;
		if (!S_known(a->ns) || (a->ns && !strcmp((const char *)a->ns->href, MC_NS)))
			xmlRemoveProp(a);
	}
	for (c = n->children; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE) {
			if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
			continue;
		}
		if (S_is(c, MC_NS, "AlternateContent")) {
			/* its fallback's elements take its place, and are cleaned in turn */
			xmlNode *fb = S_child(c, MC_NS, "Fallback"), *k, *knext, *first = NULL;
			for (k = fb ? fb->children : NULL; k; k = knext) {
				knext = k->next;
				if (k->type != XML_ELEMENT_NODE)
					continue;
				xmlUnlinkNode(k);
				xmlAddPrevSibling(c, k);
				if (!first)
					first = k;
			}
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			if (first)
				next = first;
			continue;
		}
		if (!S_known(c->ns) || (c->ns && !strcmp((const char *)c->ns->href, MC_NS))) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		S_clean(c);
	}
}

/* The parser's errors stay on its context (xmlCtxtGetLastError), never
 * going to a process-wide or thread's handler. */
static void S_quiet(void *data, xmlErrorPtr err)
{
	(void)data;
	(void)err;
}

/* Parse a part; NULL with the error set, naming the reference and the part. */
static xmlDoc *S_parse(galley_context *ctx, const char *ref, const char *part, const galley_buffer *b)
{
	xmlDoc *doc;
	xmlParserCtxt *p = xmlNewParserCtxt();
	if (!p) {
		galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
		return NULL;
	}
	p->sax->serror = S_quiet;
	doc = xmlCtxtReadMemory(p, b->data ? b->data : "", (int)b->len, part, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc || !p->wellFormed || !xmlDocGetRootElement(doc)) {
		const xmlError *e = xmlCtxtGetLastError(p);
		char msg[160] = "not well-formed XML";
		if (e && e->message) {
			size_t n;
			snprintf(msg, sizeof msg, "not well-formed XML (line %d: %s", e->line, e->message);
			n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			if (n + 1 < sizeof msg)
				msg[n] = ')', msg[n + 1] = '\0';
		}
		galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s: %s", ref, part, msg);
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(p);
		return NULL;
	}
	xmlFreeParserCtxt(p);
	S_clean(xmlDocGetRootElement(doc));
	return doc;
}

static int S_dump(galley_context *ctx, xmlDoc *doc, galley_buffer *out)
{
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (!mem)
		return galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
	galley_buffer_clear(out);
	galley_buffer_append(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	return out->oom ? galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory") : 0;
}

static const char *S_wattr(xmlNode *n, const char *name)
{
	xmlAttr *a;
	for (a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->ns && !strcmp((const char *)a->ns->href, W_NS) &&
			a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static xmlNs *S_w_ns(galley_context *ctx, const char *ref, const char *part, xmlNode *root, const char *name)
{
	if (!S_is(root, W_NS, name)) {
		galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s: the root is not w:%s", ref, part, name);
		return NULL;
	}
	if (!root->ns->prefix || strcmp((const char *)root->ns->prefix, "w")) {
		galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s: WordprocessingML under a prefix other than w:",
			ref, part);
		return NULL;
	}
	return root->ns;
}

/* A part parsed with a WordprocessingML root of that name under w:; NULL
 * with the error on the context (the document freed) otherwise. */
static xmlDoc *S_parse_w(galley_context *ctx, const char *ref, const char *part, const galley_buffer *b,
	const char *name)
{
	xmlDoc *doc = S_parse(ctx, ref, part, b);
	if (doc && !S_w_ns(ctx, ref, part, xmlDocGetRootElement(doc), name)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* ------------------------------------------------------------------ */
/* Styles                                                              */
/* ------------------------------------------------------------------ */

static xmlNode *S_style(xmlNode *root, const char *id)
{
	xmlNode *c;
	for (c = root->children; c; c = c->next) {
		const char *v;
		if (S_is(c, W_NS, "style") && (v = S_wattr(c, "styleId")) && !strcmp(v, id))
			return c;
	}
	return NULL;
}

static int S_has_default(xmlNode *root, const char *type)
{
	xmlNode *c;
	for (c = root->children; c; c = c->next) {
		const char *t, *d;
		if (S_is(c, W_NS, "style") && (t = S_wattr(c, "type")) && !strcmp(t, type) && (d = S_wattr(c, "default")) &&
			(!strcmp(d, "1") || !strcmp(d, "true") || !strcmp(d, "on")))
			return 1;
	}
	return 0;
}

/* The user's styles, with every style of galley's that they lack. */
static int S_styles(galley_context *ctx, const char *ref, galley_unzip *u, galley_buffer *out)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *doc = NULL, *ours = NULL;
	xmlNode *root, *oroot, *c;
	int rc = galley_unzip_read(u, "word/styles.xml", &b);

	if (rc == GALLEY_ENOTFOUND)
		rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: has no word/styles.xml", ref);
	if (rc < 0)
		goto out;
	if (!(doc = S_parse_w(ctx, ref, "word/styles.xml", &b, "styles"))) {
		rc = galley_context_error_code(ctx);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	galley_buffer_clear(&b);
	if ((rc = galley_format_data(ctx, "docx", "styles.xml", docx_styles_xml, docx_styles_xml_len, &b)) < 0)
		goto out;
	if (!(ours = S_parse(ctx, "(galley's own)", "styles.xml", &b))) {
		rc = galley_context_error_code(ctx);
		goto out;
	}
	oroot = xmlDocGetRootElement(ours);
	for (c = oroot->children; c; c = c->next) {
		const char *id = S_wattr(c, "styleId"), *type = S_wattr(c, "type");
		int had_default;
		xmlNode *copy;
		if (!S_is(c, W_NS, "style") || !id || S_style(root, id))
			continue;
		had_default = type && S_has_default(root, type);
		if (!(copy = xmlDocCopyNode(c, doc, 1)) || !xmlAddChild(root, copy)) {
			xmlFreeNode(copy);
			rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
			goto out;
		}
		if (had_default) { /* one default style of a type: the user's stays it */
			xmlAttr *a;
			for (a = copy->properties; a; a = a->next)
				if (!strcmp((const char *)a->name, "default")) {
					xmlRemoveProp(a);
					break;
				}
		}
	}
	rc = S_dump(ctx, doc, out);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ours)
		xmlFreeDoc(ours);
	galley_buffer_dispose(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Numbering                                                           */
/* ------------------------------------------------------------------ */

static long S_max_id(xmlNode *root, const char *elem, const char *attr)
{
	xmlNode *c;
	long max = 0;
	for (c = root->children; c; c = c->next) {
		const char *v;
		if (S_is(c, W_NS, elem) && (v = S_wattr(c, attr)) && strtol(v, NULL, 10) > max)
			max = strtol(v, NULL, 10);
	}
	return max;
}

/* The user's numbering, then galley's list definitions after its
 * abstractNums under ids of their own (the w:nums galley adds follow
 * theirs, numbered from *num_base + 1). */
static int S_numbering(galley_context *ctx, const char *ref, galley_unzip *u, docx_reference *r)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *doc = NULL, *ours = NULL;
	xmlNode *root, *c, *after = NULL, *before = NULL;
	int rc = galley_unzip_read(u, "word/numbering.xml", &b);

	if (rc == GALLEY_ENOTFOUND) { /* galley's own, as without a reference */
		galley_buffer_dispose(&b);
		return 0;
	}
	if (rc < 0)
		goto out;
	if (!(doc = S_parse_w(ctx, ref, "word/numbering.xml", &b, "numbering"))) {
		rc = galley_context_error_code(ctx);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	r->abstract_base = S_max_id(root, "abstractNum", "abstractNumId");
	r->num_base = S_max_id(root, "num", "numId");
	for (c = root->children; c; c = c->next) {
		if (S_is(c, W_NS, "abstractNum"))
			after = c;
		else if (!before && (S_is(c, W_NS, "num") || S_is(c, W_NS, "numIdMacAtCleanup")))
			before = c;
	}
	if ((c = S_child(root, W_NS, "numIdMacAtCleanup"))) { /* it must come last; galley's w:nums follow */
		if (before == c)
			before = NULL;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	galley_buffer_clear(&b);
	if ((rc = galley_format_data(ctx, "docx", "numbering.xml", docx_numbering_xml, docx_numbering_xml_len, &b)) < 0)
		goto out;
	if (!(ours = S_parse(ctx, "(galley's own)", "numbering.xml", &b))) {
		rc = galley_context_error_code(ctx);
		goto out;
	}
	for (c = xmlDocGetRootElement(ours)->children; c; c = c->next) {
		const char *id = S_wattr(c, "abstractNumId");
		char nid[32];
		xmlNode *copy;
		if (!S_is(c, W_NS, "abstractNum") || !id)
			continue;
		if (!(copy = xmlDocCopyNode(c, doc, 1))) {
			rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
			goto out;
		}
		snprintf(nid, sizeof nid, "%ld", strtol(id, NULL, 10) + r->abstract_base);
		xmlSetNsProp(copy, root->ns, BAD_CAST "abstractNumId", BAD_CAST nid);
		if (after)
			after = xmlAddNextSibling(after, copy);
		else if (before)
			after = xmlAddPrevSibling(before, copy);
		else
			after = xmlAddChild(root, copy);
	}
	rc = S_dump(ctx, doc, &r->numbering);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ours)
		xmlFreeDoc(ours);
	galley_buffer_dispose(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Parts the page setup refers to                                      */
/* ------------------------------------------------------------------ */

static xmlNode *S_rel_by(xmlDoc *rels, const char *attr, const char *value)
{
	xmlNode *c;
	for (c = rels ? xmlDocGetRootElement(rels)->children : NULL; c; c = c->next) {
		xmlChar *v;
		int hit;
		if (!S_is(c, PKG_RELS_NS, "Relationship"))
			continue;
		v = xmlGetProp(c, BAD_CAST attr);
		hit = v && (!strcmp(attr, "Type") ? strlen((char *)v) >= strlen(value) &&
			!strcmp((char *)v + strlen((char *)v) - strlen(value), value) : !strcmp((char *)v, value));
		xmlFree(v);
		if (hit)
			return c;
	}
	return NULL;
}

static xmlDoc *S_read_rels(galley_context *ctx, const char *ref, galley_unzip *u, const char *name, int *rc)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *doc = NULL;
	*rc = galley_unzip_read(u, name, &b);
	if (*rc == GALLEY_ENOTFOUND) {
		*rc = 0;
	} else if (*rc == 0 && !(doc = S_parse(ctx, ref, name, &b))) {
		*rc = galley_context_error_code(ctx);
	} else if (doc && !S_is(xmlDocGetRootElement(doc), PKG_RELS_NS, "Relationships")) {
		xmlFreeDoc(doc);
		doc = NULL;
		*rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s: not a relationships part", ref, name);
	}
	galley_buffer_dispose(&b);
	return doc;
}

/* The part a relationship of a part in dir ("word") points to, as a
 * package path; 0 for one outside the package or not inside word/. */
static int S_resolve(const char *dir, const char *target, char *out, size_t outsz)
{
	const char *p;
	int n = target[0] == '/' ? snprintf(out, outsz, "%s", target + 1) : snprintf(out, outsz, "%s/%s", dir, target);
	if (n < 0 || (size_t)n >= outsz || strstr(out, "..") || strstr(out, "//") || strchr(out, '\\') ||
		strncmp(out, "word/", 5))
		return 0;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			return 0;
	return 1;
}

/* The content type the reference gives a part: its Override, else the
 * Default of its extension. */
static char *S_ctype(xmlDoc *types, const char *part)
{
	xmlNode *c;
	const char *ext = strrchr(part, '.');
	char *dflt = NULL;
	for (c = types ? xmlDocGetRootElement(types)->children : NULL; c; c = c->next) {
		xmlChar *v;
		if (S_is(c, CT_NS, "Override") && (v = xmlGetProp(c, BAD_CAST "PartName"))) {
			int hit = v[0] == '/' && !strcmp((char *)v + 1, part);
			xmlFree(v);
			if (hit) {
				xmlChar *t = xmlGetProp(c, BAD_CAST "ContentType");
				char *s = t ? galley_strdup((char *)t) : NULL;
				xmlFree(t);
				galley_free(dflt);
				return s;
			}
		} else if (!dflt && ext && S_is(c, CT_NS, "Default") && (v = xmlGetProp(c, BAD_CAST "Extension"))) {
			if (!strcasecmp((char *)v, ext + 1)) {
				xmlChar *t = xmlGetProp(c, BAD_CAST "ContentType");
				dflt = t ? galley_strdup((char *)t) : NULL;
				xmlFree(t);
			}
			xmlFree(v);
		}
	}
	return dflt;
}

static int S_add_part(galley_context *ctx, docx_reference *r, const char *name, char *ctype, galley_buffer *data)
{
	docx_ref_part *p;
	if (r->nparts == r->capparts) {
		size_t ncap = r->capparts ? r->capparts * 2 : 8;
		docx_ref_part *np = galley_realloc(r->parts, ncap * sizeof *np);
		if (!np) {
			galley_free(ctype);
			return galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
		}
		r->parts = np;
		r->capparts = ncap;
	}
	p = &r->parts[r->nparts];
	memset(p, 0, sizeof *p);
	if (!(p->name = galley_strdup(name))) {
		galley_free(ctype);
		return galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
	}
	p->ctype = ctype;
	p->data = *data;
	memset(data, 0, sizeof *data);
	r->nparts++;
	return 0;
}

/* "word/header1.xml" -> "word/ref-header1.xml"; "word/media/a.png" -> "word/media/ref-a.png". */
static void S_new_name(const char *part, char *out, size_t outsz)
{
	const char *slash = strrchr(part, '/');
	snprintf(out, outsz, "%.*sref-%s", (int)(slash - part + 1), part, slash + 1);
}

/* A header or footer (or another part the page setup names) with the parts
 * its own relationships point to, under new names. */
static int S_copy_part(galley_context *ctx, const char *ref, galley_unzip *u, xmlDoc *types, docx_reference *r,
	const char *part, int xml, char *newname, size_t newsz)
{
	galley_buffer b = GALLEY_BUFFER_INIT, rels_out = GALLEY_BUFFER_INIT;
	char relsname[600], dir[512];
	xmlDoc *doc = NULL, *rels = NULL;
	xmlNode *c;
	char *ctype;
	size_t i;
	int rc;

	S_new_name(part, newname, newsz);
	for (i = 0; i < r->nparts; i++) /* named twice: copied once */
		if (!strcmp(r->parts[i].name, newname))
			return 0;
	if ((rc = galley_unzip_read(u, part, &b)) == GALLEY_ENOTFOUND)
		rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s is named but missing", ref, part);
	if (rc < 0)
		goto out;
	if (xml) {
		const char *slash = strrchr(part, '/');
		if (!(doc = S_parse(ctx, ref, part, &b))) {
			rc = galley_context_error_code(ctx);
			goto out;
		}
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - part), part);
		snprintf(relsname, sizeof relsname, "%s/_rels/%s.rels", dir, slash + 1);
		if (!(rels = S_read_rels(ctx, ref, u, relsname, &rc)) && rc < 0)
			goto out;
		for (c = rels ? xmlDocGetRootElement(rels)->children : NULL; c; c = c->next) {
			xmlChar *target, *mode;
			char sub[512], subnew[600];
			if (!S_is(c, PKG_RELS_NS, "Relationship"))
				continue;
			mode = xmlGetProp(c, BAD_CAST "TargetMode");
			target = xmlGetProp(c, BAD_CAST "Target");
			if (mode && !strcmp((char *)mode, "External")) {
				xmlFree(mode);
				xmlFree(target);
				continue;
			}
			xmlFree(mode);
			if (!target || !S_resolve(dir, (char *)target, sub, sizeof sub)) {
				xmlFree(target);
				rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s: a relationship points outside word/",
					ref, relsname);
				goto out;
			}
			xmlFree(target);
			if ((rc = S_copy_part(ctx, ref, u, types, r, sub, 0, subnew, sizeof subnew)) < 0)
				goto out;
			/* the new target, relative to word/ (where the copies are) */
			xmlSetProp(c, BAD_CAST "Target", BAD_CAST(subnew + strlen(dir) + 1));
		}
		galley_buffer_clear(&b);
		if ((rc = S_dump(ctx, doc, &b)) < 0)
			goto out;
		if (rels) {
			char relsnew[700];
			const char *ns = strrchr(newname, '/');
			if ((rc = S_dump(ctx, rels, &rels_out)) < 0)
				goto out;
			snprintf(relsnew, sizeof relsnew, "%.*s/_rels/%s.rels", (int)(ns - newname), newname, ns + 1);
			if ((rc = S_add_part(ctx, r, relsnew, NULL, &rels_out)) < 0)
				goto out;
		}
	}
	if (!(ctype = S_ctype(types, part))) {
		rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s has no content type", ref, part);
		goto out;
	}
	rc = S_add_part(ctx, r, newname, ctype, &b);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (rels)
		xmlFreeDoc(rels);
	galley_buffer_dispose(&b);
	galley_buffer_dispose(&rels_out);
	return rc;
}

static long S_twips(xmlNode *n, const char *attr, long dflt)
{
	const char *v = S_wattr(n, attr);
	char *end;
	long x;
	if (!v)
		return dflt;
	x = strtol(v, &end, 10);
	return end != v ? x : dflt;
}

/* The page setup: the body's last w:sectPr, its headers and footers
 * renamed and given relationships of their own (rIdRef1...). */
static int S_sectpr(galley_context *ctx, const char *ref, galley_unzip *u, xmlDoc *types, xmlDoc *rels,
	docx_reference *r)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *doc = NULL;
	xmlNode *body, *sect = NULL, *c, *next;
	xmlBuffer *xb = NULL;
	int rc = galley_unzip_read(u, "word/document.xml", &b), nref = 0;

	if (rc == GALLEY_ENOTFOUND) {
		galley_buffer_dispose(&b);
		return 0; /* no page setup to take */
	}
	if (rc < 0 || !(doc = S_parse_w(ctx, ref, "word/document.xml", &b, "document"))) {
		rc = rc < 0 ? rc : galley_context_error_code(ctx);
		goto out;
	}
	body = S_child(xmlDocGetRootElement(doc), W_NS, "body");
	for (c = body ? body->children : NULL; c; c = c->next)
		if (S_is(c, W_NS, "sectPr"))
			sect = c;
	if (!sect)
		goto out;
	for (c = sect->children; c; c = next) {
		xmlAttr *a, *ridattr = NULL;
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (a = c->properties; a; a = a->next)
			if (a->ns && !strcmp((const char *)a->ns->href, R_NS) && !strcmp((const char *)a->name, "id") &&
				a->children && a->children->content)
				ridattr = a;
		if (!ridattr)
			continue;
		if (S_is(c, W_NS, "headerReference") || S_is(c, W_NS, "footerReference")) {
			const char *rid = (const char *)ridattr->children->content;
			xmlNode *rel = S_rel_by(rels, "Id", rid);
			xmlChar *target = rel ? xmlGetProp(rel, BAD_CAST "Target") : NULL;
			char part[512], newname[600], nid[32];
			if (!target || !S_resolve("word", (char *)target, part, sizeof part)) {
				xmlFree(target);
				rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: %s %s names no part in word/", ref,
					(const char *)c->name, rid);
				goto out;
			}
			xmlFree(target);
			if ((rc = S_copy_part(ctx, ref, u, types, r, part, 1, newname, sizeof newname)) < 0)
				goto out;
			snprintf(nid, sizeof nid, "rIdRef%d", ++nref);
			galley_buffer_printf(&r->doc_rels, "<Relationship Id=\"%s\" Type=\"%s\" Target=\"%s\"/>", nid,
				S_is(c, W_NS, "headerReference") ? REL_OFFICE "header" : REL_OFFICE "footer", newname + 5);
			xmlNodeSetContent((xmlNode *)ridattr, BAD_CAST nid);
		} else { /* printer settings and the like: not taken */
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	/* the text width, for images and tables */
	{
		xmlNode *sz = S_child(sect, W_NS, "pgSz"), *mar = S_child(sect, W_NS, "pgMar");
		long w = S_twips(sz, "w", 11906) - S_twips(mar, "left", 1440) - S_twips(mar, "right", 1440);
		if (w >= 1440 && w <= 31680)
			r->text_width = w;
	}
	if (!(xb = xmlBufferCreate()) || xmlNodeDump(xb, doc, sect, 0, 0) < 0) {
		rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
		goto out;
	}
	galley_buffer_append(&r->sectpr, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	if (r->sectpr.oom)
		rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
out:
	if (xb)
		xmlBufferFree(xb);
	if (doc)
		xmlFreeDoc(doc);
	galley_buffer_dispose(&b);
	return rc;
}

/* An XML part taken as it is (cleaned): the font table, the theme. */
static int S_plain(galley_context *ctx, const char *ref, galley_unzip *u, const char *part, galley_buffer *out)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *doc;
	int rc = galley_unzip_read(u, part, &b);
	if (rc == 0) {
		if (!(doc = S_parse(ctx, ref, part, &b))) {
			rc = galley_context_error_code(ctx);
		} else {
			/* embedded fonts and the like would need relationships of their own */
			xmlNode *root = xmlDocGetRootElement(doc), *c, *k, *knext;
			for (c = root->children; c; c = c->next)
				for (k = c->type == XML_ELEMENT_NODE ? c->children : NULL; k; k = knext) {
					xmlAttr *a;
					knext = k->next;
					for (a = k->properties; a; a = a->next)
						if (a->ns && !strcmp((const char *)a->ns->href, R_NS))
							break;
					if (a) {
						xmlUnlinkNode(k);
						xmlFreeNode(k);
					}
				}
			rc = S_dump(ctx, doc, out);
			xmlFreeDoc(doc);
		}
	}
	galley_buffer_dispose(&b);
	return rc;
}

int docx_reference_load(galley_context *ctx, const char *path, docx_reference *r)
{
	galley_unzip *u;
	galley_buffer b = GALLEY_BUFFER_INIT;
	xmlDoc *types = NULL, *rels = NULL;
	xmlNode *theme;
	int rc;

	memset(r, 0, sizeof *r);
	if (!(u = galley_unzip_open(ctx, path))) {
		/* the service's message names the file already */
		char msg[600];
		snprintf(msg, sizeof msg, "%s", galley_context_error(ctx) ? galley_context_error(ctx) : "cannot be read");
		return galley_error(ctx, galley_context_error_code(ctx) < 0 ? galley_context_error_code(ctx) : GALLEY_EINVAL,
			"reference document %s", msg);
	}
	r->active = 1;
	if ((rc = galley_unzip_read(u, "[Content_Types].xml", &b)) == GALLEY_ENOTFOUND)
		rc = galley_error(ctx, GALLEY_EINVAL, "reference document %s: has no [Content_Types].xml: not a DOCX", path);
	if (rc < 0 || !(types = S_parse(ctx, path, "[Content_Types].xml", &b))) {
		rc = rc < 0 ? rc : galley_context_error_code(ctx);
		goto out;
	}
	if ((rc = S_styles(ctx, path, u, &r->styles)) < 0 || (rc = S_numbering(ctx, path, u, r)) < 0)
		goto out;
	if (!(rels = S_read_rels(ctx, path, u, "word/_rels/document.xml.rels", &rc)) && rc < 0)
		goto out;
	if ((rc = S_sectpr(ctx, path, u, types, rels, r)) < 0)
		goto out;
	if ((rc = S_plain(ctx, path, u, "word/fontTable.xml", &r->fonts)) < 0 && rc != GALLEY_ENOTFOUND)
		goto out;
	rc = 0;
	if ((theme = S_rel_by(rels, "Type", "/theme"))) {
		xmlChar *target = xmlGetProp(theme, BAD_CAST "Target");
		char part[512];
		galley_buffer t = GALLEY_BUFFER_INIT;
		if (target && S_resolve("word", (char *)target, part, sizeof part) &&
			(rc = S_plain(ctx, path, u, part, &t)) == 0) {
			char *ctype = galley_strdup("application/vnd.openxmlformats-officedocument.theme+xml");
			if (!ctype || (rc = S_add_part(ctx, r, "word/theme/theme1.xml", ctype, &t)) < 0)
				rc = ctype ? rc : galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
			else
				galley_buffer_puts(&r->doc_rels, "<Relationship Id=\"rIdRefTheme\" Type=\"" REL_OFFICE
					"theme\" Target=\"theme/theme1.xml\"/>");
		}
		xmlFree(target);
		galley_buffer_dispose(&t);
		if (rc == GALLEY_ENOTFOUND)
			rc = 0;
		if (rc < 0)
			goto out;
	}
	if (r->doc_rels.oom)
		rc = galley_error(ctx, GALLEY_ENOMEM, "DOCX writer: out of memory");
out:
	if (types)
		xmlFreeDoc(types);
	if (rels)
		xmlFreeDoc(rels);
	galley_buffer_dispose(&b);
	galley_unzip_close(u);
	if (rc < 0)
		docx_reference_dispose(r);
	return rc;
}

void docx_reference_dispose(docx_reference *r)
{
	size_t i;
	galley_buffer_dispose(&r->styles);
	galley_buffer_dispose(&r->numbering);
	galley_buffer_dispose(&r->fonts);
	galley_buffer_dispose(&r->sectpr);
	galley_buffer_dispose(&r->doc_rels);
	for (i = 0; i < r->nparts; i++) {
		galley_free(r->parts[i].name);
		galley_free(r->parts[i].ctype);
		galley_buffer_dispose(&r->parts[i].data);
	}
	galley_free(r->parts);
	memset(r, 0, sizeof *r);
}
