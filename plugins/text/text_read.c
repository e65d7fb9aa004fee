/* text_read.c — the text reader: plain text to the tree, recognising a
 * press release as its web page's text gives it: site chrome to drop, a
 * header zone (category, title, date block, hit count, issuer), a body of
 * paragraphs and headings, contact blocks, and the trailer that ends it.
 *
 * What is specific to text stays here: lines and layout. The reader works
 * in linear passes, one file each: lines (here), the header zone
 * (text_header.c), units (text_units.c: one block or marked line each:
 * hard-wrapped lines joined, a contact block's lines, a disclaimer running
 * to its blank line), then the tree through the builder (text_tree.c),
 * marked lines as written and one text node per source line.
 * What releases have in common is the release library's (release.h):
 * its pass then drops end marks and disclaimers, makes notes, the closing
 * signature and dateline into divs, and numbered paragraphs and outlines
 * into lists, the same way as for the HTML reader. */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

/* ------------------------------------------------------------------ */
/* Lines and small text tests                                         */
/* ------------------------------------------------------------------ */

int txt_is_one_of(const char *s, size_t len, const char *const *table)
{
	return grel_find(s, len, table) >= 0;
}

/* The code point at s[i] (the text is valid UTF-8: galley_to_utf8 made
 * it so; a stray byte would decode as itself). */
static unsigned S_decode(const char *s, size_t len, size_t i, size_t *w)
{
	unsigned long cp;
	if ((*w = galley_utf8_next(s + i, len - i, &cp)) == 0) {
		*w = 1;
		return (unsigned char)s[i];
	}
	return (unsigned)cp;
}

/* Scripts written without spaces between words: hard-wrapped lines join
 * without a space there. Hangul uses spaces, so it is not one of them. */
static int S_no_space_script(unsigned c)
{
	return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFF60);
}

static unsigned S_last_char(const char *s, size_t len)
{
	size_t i = len, w;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (len == 0)
		return 0;
	if (i > 0)
		i--; /* the lead byte is just before the continuation bytes */
	return S_decode(s, len, i, &w);
}

void txt_unit_append(txt_unit *u, const char *s, size_t n)
{
	size_t need = (size_t)u->text.len + n + 1, cap;
	char *p;

	if (u->oom)
		return;
	if (need > UINT32_MAX) {
		u->oom = 1;
		return;
	}
	if (need > u->text.cap) {
		cap = u->text.cap ? u->text.cap : 16;
		while (cap < need)
			cap = cap > UINT32_MAX / 2 ? UINT32_MAX : cap * 2;
		if (!(p = galley_realloc(u->text.cap ? u->text.data : NULL, cap))) {
			u->oom = 1;
			return;
		}
		u->text.data = p;
		u->text.cap = (uint32_t)cap;
	}
	if (n)
		memcpy(u->text.data + u->text.len, s, n);
	u->text.len += (uint32_t)n;
	u->text.data[u->text.len] = '\0';
}

void txt_unit_own(txt_unit *u)
{
	if (u->text.cap == 0 && u->text.data) {
		const char *s = u->text.data;
		size_t n = u->text.len;
		u->text.data = NULL;
		u->text.len = 0;
		txt_unit_append(u, s, n); /* an OOM sets u->oom */
	}
}

void txt_unit_dispose(txt_unit *u)
{
	if (u->text.cap)
		galley_free(u->text.data);
	u->text.data = NULL;
	u->text.len = u->text.cap = 0;
}

void txt_units_free_chunk(txt_reader *r, size_t c)
{
	size_t end = (c + 1) * TXT_UNIT_CHUNK < r->nunits ? (c + 1) * TXT_UNIT_CHUNK : r->nunits;
	if (!r->unit_chunks || !r->unit_chunks[c])
		return;
	for (size_t k = c * TXT_UNIT_CHUNK; k < end; k++)
		txt_unit_dispose(txt_unit_at(r, k));
	galley_free(r->unit_chunks[c]);
	r->unit_chunks[c] = NULL;
}

static void S_free_units(txt_reader *r)
{
	for (size_t c = 0; c * TXT_UNIT_CHUNK < r->nunits; c++)
		txt_units_free_chunk(r, c);
	galley_free(r->unit_chunks);
	r->unit_chunks = NULL;
	r->nunits = r->capchunks = 0;
}

/* Join a hard-wrapped line to a unit: a space, unless both sides are
 * written without spaces (Chinese, Japanese). */
void txt_join(txt_unit *u, const txt_line *l)
{
	size_t w;
	unsigned last = S_last_char(u->text.data, u->text.len);
	unsigned next = S_decode(l->s, l->len, 0, &w);
	txt_unit_own(u);
	if (u->text.len && !(S_no_space_script(last) && S_no_space_script(next)))
		txt_unit_append(u, " ", 1);
	txt_unit_append(u, l->s, l->len);
	u->nlines++;
}

/* Ends like a sentence: ". ! ? 。 ！ ？", also before a closing quote. */
int txt_sentence_end(const char *s, size_t len)
{
	for (;;) {
		if (len && (s[len - 1] == '"' || s[len - 1] == '\''))
			len--;
		else if (len >= 3 && (!memcmp(s + len - 3, "”", 3) || !memcmp(s + len - 3, "’", 3) ||
				      !memcmp(s + len - 3, "」", 3) || !memcmp(s + len - 3, "』", 3)))
			len -= 3;
		else
			break;
	}
	if (len && (s[len - 1] == '.' || s[len - 1] == '!' || s[len - 1] == '?'))
		return 1;
	return len >= 3 && (!memcmp(s + len - 3, "。", 3) || !memcmp(s + len - 3, "！", 3) || !memcmp(s + len - 3, "？", 3));
}

/* A line longer than hard-wrapped text is ever set (100 columns, a
 * wide letter counting two) holds a whole
 * paragraph of a web page's text: when it ends like a sentence or with a
 * ':' (a lead-in), the next line starts a new paragraph, blank line or
 * not. */
#define S_WRAP_MAX 100
/* Columns a line takes on screen: two for a wide (CJK, Hangul) letter. */
static size_t S_columns(const char *s, size_t len)
{
	size_t cols = 0, w;
	for (size_t i = 0; i < len; i += w) {
		unsigned c = S_decode(s, len, i, &w);
		cols += (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
			(c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1;
	}
	return cols;
}

int txt_ends_block(const txt_line *l)
{
	if (l->len <= S_WRAP_MAX || S_columns(l->s, l->len) <= S_WRAP_MAX)
		return 0;
	return txt_sentence_end(l->s, l->len) || l->s[l->len - 1] == ':' ||
	       (l->len >= 3 && !memcmp(l->s + l->len - 3, "：", 3));
}

/* ALL CAPS: some capitals and no small letters (ASCII). */
int txt_all_caps(const char *s, size_t len)
{
	size_t upper = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	return upper >= 2;
}

int txt_starts_item(const txt_line *l)
{
	size_t skip;
	return grel_number(l->s, l->len, &skip) >= 0 || grel_marker(l->s, l->len, grel_list(GREL_TABLE_OUTLINE_MARKER), &skip) >= 0 ||
	       grel_marker(l->s, l->len, grel_list(GREL_TABLE_BOX_MARKER), &skip) >= 0;
}


/* A document symbol on a line of its own: "SG/SM/22093", "IP/18/4405". */
int txt_identifier(const char *s, size_t len)
{
	int slash = 0, digit = 0;
	if (len < 5 || len > 32 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '/')
			slash = 1;
		else if (c >= '0' && c <= '9')
			digit = 1;
		else if (!((c >= 'A' && c <= 'Z') || c == '.' || c == '-'))
			return 0;
	}
	return slash && digit;
}

/* ------------------------------------------------------------------ */
/* What lines say                                                     */
/* ------------------------------------------------------------------ */

const char *const txt_issuer_labels[] = {
	"Source", "Issuer", "Issued by", "Department", "Author", "Organisation", "Organization",
	"출처", "담당부서", "부서", "작성부서", "기관", "Quelle", "Herausgeber", "Émetteur", "出典", "発表者",
	"発表機関", "来源", NULL
};

/* "Source: Ministry of ...": an issuer label and its value. A label
 * followed by small words only opens a name ("Department of Public
 * Information"), which is no label. */
int txt_issuer_label(const char *s, size_t len, grel_span *v)
{
	if (!grel_label_value(s, len, txt_issuer_labels, v) || !v->len)
		return 0;
	const char *p = v->s;
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	int punct = p > s && (p[-1] == ':' || p[-1] == '/' || p[-1] == '|' || p[-1] == '.' ||
			      (p - s >= 3 && !memcmp(p - 3, "：", 3)));
	return punct || !(v->s[0] >= 'a' && v->s[0] <= 'z');
}

/* Where the trailer of a page begins (tags, related links, share and
 * feedback boxes, footers): nothing after one of these lines, once the
 * body has begun, belongs to the release. */
const char *const txt_trailer_labels[] = {
	"Tags", "Topics", "Related", "Related Articles", "Related content", "Related news", "Related links",
	"Related media", "Related documents", "Related pages", "Share this page", "Share this article",
	"Share this story", "Is this page useful?", "Was this page helpful?", "Did you find this page useful?",
	"Updates to this page", "Explore the topic", "Explore the topics", "Stay Connected", "More on this topic",
	"관련 기사", "관련기사", "관련 뉴스", "관련 게시물", "관련 콘텐츠", "Artikel teilen", "Seite teilen", "Schlagworte",
	"Schlagwörter", "Mehr zum Thema", "Verwandte Inhalte", "Partager cette page", "Partager cet article",
	"Voir aussi", "Mots-clés", "Documents connexes", "Documents associés", "Documentos relacionados",
	"Documentos asociados", "Verwandte Dokumente", "Zugehörige Dokumente", "관련 문서", "관련문서", "関連資料",
	"相关文件", "相关文档", "関連リンク", "関連情報", "関連記事", "このページをシェアする", "相关新闻", "相关链接",
	"相关文章", NULL
};

/* ------------------------------------------------------------------ */
/* Pass 1: lines                                                       */
/* ------------------------------------------------------------------ */

/* The line of text at *at (trimmed; CRLF, CR and LF all end a line); *at
 * moves past it. 0 once at the end. */
static int S_next_line(const char *text, size_t len, size_t *at, grel_span *line)
{
	size_t i = *at, j = i;
	if (i >= len)
		return 0;
	while (j < len && text[j] != '\n' && text[j] != '\r')
		j++;
	*line = grel_trim(text + i, j - i);
	if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
		j++;
	*at = j + 1;
	return 1;
}

static int S_split_lines(txt_reader *r, const char *text, size_t len)
{
	size_t cap = 64, at = 0;
	grel_span t;
	r->lines = galley_malloc(cap * sizeof *r->lines);
	if (!r->lines)
		return GALLEY_ENOMEM;
	while (S_next_line(text, len, &at, &t)) {
		if (r->nlines == UINT32_MAX)
			return GALLEY_EINVAL; /* a unit keeps line numbers in 32 bits */
		if (r->nlines == cap) {
			txt_line *nl = galley_realloc(r->lines, cap * 2 * sizeof *nl);
			if (!nl)
				return GALLEY_ENOMEM;
			r->lines = nl;
			cap *= 2;
		}
		r->lines[r->nlines].s = t.s;
		r->lines[r->nlines].len = t.len;
		r->nlines++;
	}
	return 0;
}

/* Once the units are made, the tree needs only the lengths of the lines of
 * units of several lines (one text node a line), unit after unit: 4 bytes
 * such a line, none for the rest, instead of 16 bytes every line. */
static int S_keep_lengths(txt_reader *r)
{
	size_t n = 0, at = 0;
	uint32_t *lens;
	for (size_t k = 0; k < r->nunits; k++)
		if (txt_unit_at(r, k)->nlines > 1)
			n += txt_unit_at(r, k)->nlines;
	if (!(lens = galley_malloc((n ? n : 1) * sizeof *lens)))
		return GALLEY_ENOMEM;
	for (size_t k = 0; k < r->nunits; k++) {
		const txt_unit *u = txt_unit_at(r, k);
		for (size_t m = u->first; u->nlines > 1 && m < (size_t)u->first + u->nlines; m++)
			lens[at++] = r->lines[m].len < UINT32_MAX ? (uint32_t)r->lines[m].len : UINT32_MAX;
	}
	galley_free(r->lines);
	r->lines = NULL;
	r->lens = lens;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The reader                                                         */
/* ------------------------------------------------------------------ */

int text_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	galley_buffer utf8 = GALLEY_BUFFER_INIT;
	const char *text = "";
	size_t text_len = 0;
	char charset[64] = "";
	txt_unit profile = {0};
	txt_reader r;
	int rc;

	(void)payload;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.b = b;
	r.meta = galley_builder_meta(b);
	r.last_num = -1;
	/* valid UTF-8 is read where it is, not copied */
	if ((rc = galley_to_utf8_view(ctx, data, len, galley_context_option(ctx, "charset"), &utf8, &text, &text_len,
		     charset, sizeof charset)) < 0)
		goto out;
	galley_log(ctx, GALLEY_LOG_INFO, "text: read as %s", charset);

	if ((rc = S_split_lines(&r, text, text_len)) < 0) {
		if (rc == GALLEY_ENOMEM)
			goto oom;
		rc = galley_error(ctx, rc, "more than %lu lines", (unsigned long)UINT32_MAX);
		goto out;
	}
	size_t body = txt_header(&r, &rc);
	if (rc < 0)
		goto fail;
	if ((rc = txt_body(&r, body)) < 0)
		goto fail;
	if ((rc = txt_classify(&r)) < 0)
		goto fail;
	if ((rc = S_keep_lengths(&r)) < 0)
		goto fail;
	/* Once the units are in the tree only the profile's text is read again:
	 * it is taken out of its unit (which then borrows it) before they go. */
	if (r.profile) {
		profile = *txt_unit_at(&r, r.profile - 1);
		txt_unit_at(&r, r.profile - 1)->text.cap = 0;
	}
	if ((rc = txt_emit(&r)) < 0)
		goto out; /* the builder has set the error */
	S_free_units(&r);
	galley_free(r.lens);
	r.lens = NULL;
	/* The builder's cursor is back at the document: the release pass
	 * rewrites its top-level blocks, the language is read from the body
	 * it leaves, then numbered paragraphs and outlines become lists. */
	galley_node *doc = galley_builder_current(b);
	if ((rc = grel_pass_blocks(ctx, doc, r.meta, GREL_LINES)) < 0)
		goto out;
	if ((rc = txt_language(&r, doc)) < 0)
		goto fail;
	rc = grel_pass_lists(ctx, doc);
	if (rc == 0)
		rc = grel_finish_meta(r.meta);
	/* Last, where nothing better named the issuer: the profile a wire
	 * printed twice, a call to follow the organisation. */
	if (rc == 0 && r.profile && !galley_meta_get(r.meta, "issuer")) {
		rc = grel_issuer_from_profile(r.meta, profile.text.data, profile.text.len);
	}
	/* the lines again, read from the text rather than kept */
	grel_span line;
	size_t at = 0;
	while (rc == 0 && !galley_meta_get(r.meta, "issuer") && S_next_line(text, text_len, &at, &line))
		rc = grel_issuer_from_follow(r.meta, line.s, line.len);
	if (rc == 0)
		rc = grel_issuer_normalise(r.meta);
	/* Everything looked like site chrome ("x", "Share") and no title was
	 * found: a text that has words never gives an empty document, so keep
	 * its lines as they are. */
	if (rc == 0 && galley_node_first_child(doc) == NULL && !galley_meta_get(r.meta, "title")) {
		int said = 0;
		at = 0;
		while (rc == 0 && S_next_line(text, text_len, &at, &line)) {
			const char *s = line.s;
			size_t n = line.len;
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				n--;
			while (n > 0 && (*s == ' ' || *s == '\t'))
				s++, n--;
			if (n == 0)
				continue;
			if (!said++)
				galley_log(ctx, GALLEY_LOG_INFO, "text: nothing read as a release's body; the lines as they are");
			if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) == 0 && (rc = galley_builder_text(b, s, n)) == 0)
				rc = galley_builder_leave(b);
		}
	}
	goto out;
oom:
	rc = GALLEY_ENOMEM;
fail:
	if (rc == GALLEY_ENOMEM)
		rc = galley_error(ctx, rc, "out of memory reading text");
	else if (!galley_context_error_code(ctx))
		rc = galley_error(ctx, rc, "cannot read text");
out:
	S_free_units(&r);
	galley_free(r.lines);
	galley_free(r.lens);
	txt_unit_dispose(&profile);
	galley_buffer_dispose(&utf8);
	return rc;
}

/* Plain text is anything that is not binary, claimed with a low score so
 * that the HTML and JSON readers win for their own content. */
int text_probe(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF))
		return 10; /* a UTF-16/32 BOM: text with NULs */
	if (memchr(data, '\0', len))
		return 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	/* Markup or JSON may still be read as text, but only as a last resort. */
	if (i < len && (data[i] == '<' || data[i] == '{' || data[i] == '['))
		return 5;
	return 10;
}
