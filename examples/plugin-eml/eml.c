/* eml.c — an example galley reader built outside galley's tree against the
 * installed SDK: `eml`, a press release sent as a mail (RFC 5322, .eml).
 * The headers give the metadata (Subject: the title, Date: the date,
 * From: the issuer, Message-ID: the identifier); the body — the message
 * itself when it is text/plain, else the first text/plain part of a
 * multipart one — is decoded (quoted-printable or base64, then its charset
 * to UTF-8 with galley_to_utf8) and built as paragraphs, one per run of
 * lines between blank lines, through the builder.
 *
 * All state is local to the call (readers run in several threads at once).
 * Encoded words in headers (=?UTF-8?B?...?=) are left as they are: a
 * template, not a mail library. */
#define _GNU_SOURCE /* memmem */
#include <galley/plugin.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The value of header `name` in the header block hdr[0..len), unfolded,
 * appended to out; 1 when found. */
static int S_header(const char *hdr, size_t len, const char *name, galley_buffer *out)
{
	size_t nlen = strlen(name), i = 0;
	while (i < len) {
		size_t eol = i;
		while (eol < len && hdr[eol] != '\n')
			eol++;
		if (eol - i > nlen && hdr[i + nlen] == ':' && strncasecmp(hdr + i, name, nlen) == 0) {
			size_t v = i + nlen + 1;
			for (;;) {
				size_t end = eol;
				while (v < end && (hdr[v] == ' ' || hdr[v] == '\t'))
					v++;
				while (end > v && (hdr[end - 1] == '\r' || hdr[end - 1] == ' '))
					end--;
				if (out->len && end > v)
					galley_buffer_putc(out, ' ');
				galley_buffer_append(out, hdr + v, end - v);
				/* A folded header goes on on lines that start with a space. */
				if (eol + 1 < len && (hdr[eol + 1] == ' ' || hdr[eol + 1] == '\t')) {
					v = eol + 1;
					for (eol = v; eol < len && hdr[eol] != '\n'; eol++)
						;
					continue;
				}
				return 1;
			}
		}
		i = eol + 1;
	}
	return 0;
}

/* Where the header block ends: the offset of the body, after the blank line. */
static size_t S_body_start(const char *data, size_t len, size_t *hdr_len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (data[i] != '\n')
			continue;
		if (i + 1 < len && data[i + 1] == '\n') {
			*hdr_len = i + 1;
			return i + 2;
		}
		if (i + 2 < len && data[i + 1] == '\r' && data[i + 2] == '\n') {
			*hdr_len = i + 1;
			return i + 3;
		}
	}
	*hdr_len = len;
	return len;
}

/* The value of parameter `param` ("charset", "boundary") of a header value. */
static int S_param(const char *value, const char *param, char *out, size_t size)
{
	const char *p = value;
	size_t plen = strlen(param), n = 0;
	while ((p = strchr(p, ';'))) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, param, plen) == 0 && p[plen] == '=') {
			p += plen + 1;
			if (*p == '"')
				p++;
			while (*p && *p != '"' && *p != ';' && *p != ' ' && n + 1 < size)
				out[n++] = *p++;
			out[n] = '\0';
			return n > 0;
		}
	}
	return 0;
}

static int S_hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void S_decode_qp(const char *s, size_t len, galley_buffer *out)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (s[i] == '=' && i + 1 < len && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			i += s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n' ? 2 : 1; /* soft break */
		} else if (s[i] == '=' && i + 2 < len && S_hex(s[i + 1]) >= 0 && S_hex(s[i + 2]) >= 0) {
			galley_buffer_putc(out, S_hex(s[i + 1]) * 16 + S_hex(s[i + 2]));
			i += 2;
		} else {
			galley_buffer_putc(out, s[i]);
		}
	}
}

static void S_decode_base64(const char *s, size_t len, galley_buffer *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long acc = 0;
	int bits = 0;
	size_t i;
	for (i = 0; i < len; i++) {
		const char *p = s[i] ? strchr(alphabet, s[i]) : NULL;
		if (!p)
			continue; /* line ends, padding */
		acc = (acc << 6) | (unsigned long)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			galley_buffer_putc(out, (int)((acc >> bits) & 0xff));
		}
	}
}

/* The first text/plain part of a multipart body: its headers and content
 * as offsets into body. 0 when there is none. */
static int S_find_part(const char *body, size_t len, const char *boundary, size_t *hs, size_t *hl, size_t *cs,
	size_t *cl)
{
	char mark[128];
	size_t mlen = (size_t)snprintf(mark, sizeof mark, "--%s", boundary), i = 0;
	while (i + mlen <= len) {
		const char *at = memmem(body + i, len - i, mark, mlen);
		size_t start, next_hl, content;
		galley_buffer ct = GALLEY_BUFFER_INIT;
		const char *end;
		int plain;
		if (!at)
			return 0;
		start = (size_t)(at - body) + mlen;
		if (start + 2 <= len && body[start] == '-' && body[start + 1] == '-')
			return 0; /* the closing boundary */
		while (start < len && body[start] != '\n')
			start++;
		start++;
		if (start >= len)
			return 0;
		content = start + S_body_start(body + start, len - start, &next_hl);
		S_header(body + start, next_hl, "Content-Type", &ct);
		plain = !ct.len || strncasecmp(ct.data, "text/plain", 10) == 0;
		end = content <= len ? memmem(body + content, len - content, mark, mlen) : NULL;
		if (plain) {
			*hs = start, *hl = next_hl, *cs = content;
			*cl = (end ? (size_t)(end - body) : len) - content;
			galley_buffer_dispose(&ct);
			return 1;
		}
		galley_buffer_dispose(&ct);
		i = end ? (size_t)(end - body) : len;
	}
	return 0;
}

/* "Thu, 18 Jan 2024 09:30:00 +0900" -> "2024-01-18"; 0 when it is not one. */
static int S_iso_date(const char *v, char *out, size_t size)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int day, year;
	char mon[4];
	const char *p = strchr(v, ',');
	const char *m;
	p = p ? p + 1 : v;
	if (sscanf(p, "%d %3s %d", &day, mon, &year) != 3 || day < 1 || day > 31 || year < 1900 ||
		!(m = strstr(months, mon)) || (m - months) % 3)
		return 0;
	snprintf(out, size, "%04d-%02d-%02d", year, (int)(m - months) / 3 + 1, day);
	return 1;
}

static int S_build_paragraphs(galley_builder *b, const char *s, size_t len)
{
	size_t i = 0;
	int rc;
	while (i < len) {
		size_t eol = i, end;
		while (eol < len && s[eol] != '\n')
			eol++;
		end = eol;
		while (end > i && (s[end - 1] == '\r' || s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		if (end == i) {
			/* A blank line ends the paragraph. */
			if (galley_node_get_type(galley_builder_current(b)) == GALLEY_NODE_PARAGRAPH &&
				(rc = galley_builder_leave(b)) < 0)
				return rc;
		} else {
			if (galley_node_get_type(galley_builder_current(b)) != GALLEY_NODE_PARAGRAPH) {
				if ((rc = galley_builder_enter(b, GALLEY_NODE_PARAGRAPH)) < 0)
					return rc;
			} else if ((rc = galley_builder_text(b, " ", 1)) < 0) {
				return rc;
			}
			if ((rc = galley_builder_text(b, s + i, end - i)) < 0)
				return rc;
		}
		i = eol + 1;
	}
	return 0;
}

static int S_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	galley_buffer v = GALLEY_BUFFER_INIT, ct = GALLEY_BUFFER_INIT, cte = GALLEY_BUFFER_INIT;
	galley_buffer raw = GALLEY_BUFFER_INIT, text = GALLEY_BUFFER_INIT;
	galley_meta *meta = galley_builder_meta(b);
	size_t hdr_len, body = S_body_start(data, len, &hdr_len), hs = 0, hl = hdr_len, cs = body, cl = len - body;
	char charset[64] = "", boundary[100], date[16];
	int rc = 0;
	(void)payload;

	if (!S_header(data, hdr_len, "From", &v) && !S_header(data, hdr_len, "Subject", &v))
		return galley_error(ctx, GALLEY_EINVAL, "not a mail: no From or Subject header");
	galley_buffer_clear(&v);
	if (S_header(data, hdr_len, "Subject", &v))
		rc = galley_meta_set(meta, "title", v.data);
	galley_buffer_clear(&v);
	if (rc >= 0 && S_header(data, hdr_len, "Date", &v) && S_iso_date(v.data, date, sizeof date))
		rc = galley_meta_set(meta, "date", date);
	galley_buffer_clear(&v);
	if (rc >= 0 && S_header(data, hdr_len, "From", &v)) {
		/* "Press Office <press@example.org>": the name. */
		char *lt = strchr(v.data, '<');
		if (lt && lt > v.data) {
			while (lt > v.data && (lt[-1] == ' ' || lt[-1] == '"'))
				lt--;
			*lt = '\0';
		}
		rc = galley_meta_set(meta, "issuer", v.data[0] == '"' ? v.data + 1 : v.data);
	}
	galley_buffer_clear(&v);
	if (rc >= 0 && S_header(data, hdr_len, "Message-ID", &v)) {
		/* "<id@host>": the id without its brackets. */
		char *id = v.data[0] == '<' ? v.data + 1 : v.data, *gt = strchr(id, '>');
		if (gt)
			*gt = '\0';
		rc = galley_meta_set(meta, "identifier", id);
	}

	S_header(data, hdr_len, "Content-Type", &ct);
	if (rc >= 0 && ct.len && strncasecmp(ct.data, "multipart/", 10) == 0) {
		if (!S_param(ct.data, "boundary", boundary, sizeof boundary) ||
			!S_find_part(data + body, len - body, boundary, &hs, &hl, &cs, &cl)) {
			rc = galley_error(ctx, GALLEY_EINVAL, "multipart mail without a text/plain part");
			goto out;
		}
		hs += body, cs += body;
		galley_buffer_clear(&ct);
		S_header(data + hs, hl, "Content-Type", &ct);
	}
	if (rc < 0)
		goto out;
	if (ct.len)
		S_param(ct.data, "charset", charset, sizeof charset);
	S_header(data + hs, hl, "Content-Transfer-Encoding", &cte);
	if (cte.len && strncasecmp(cte.data, "quoted-printable", 16) == 0)
		S_decode_qp(data + cs, cl, &raw);
	else if (cte.len && strncasecmp(cte.data, "base64", 6) == 0)
		S_decode_base64(data + cs, cl, &raw);
	else
		galley_buffer_append(&raw, data + cs, cl);
	if (raw.oom) {
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = galley_to_utf8(ctx, raw.data ? raw.data : "", raw.len, charset[0] ? charset : NULL, &text, NULL, 0)) < 0)
		goto out;
	rc = S_build_paragraphs(b, text.data ? text.data : "", text.len);
	if (rc < 0)
		galley_error(ctx, rc, "cannot build the document (%d)", rc);
out:
	galley_buffer_dispose(&v);
	galley_buffer_dispose(&ct);
	galley_buffer_dispose(&cte);
	galley_buffer_dispose(&raw);
	galley_buffer_dispose(&text);
	return rc < 0 ? rc : 0;
}

/* A mail starts with header lines; these are the ones a mail always has. */
static int S_probe(const char *data, size_t len)
{
	static const char *const heads[] = {"From:", "Subject:", "Date:", "MIME-Version:", "Message-ID:", "To:", "Received:",
		"Return-Path:"};
	size_t i = 0, k, lines = 0, known = 0;
	while (i < len && lines < 20) {
		size_t eol = i;
		while (eol < len && data[eol] != '\n')
			eol++;
		if (eol == i || (eol == i + 1 && data[i] == '\r'))
			break;
		for (k = 0; k < sizeof heads / sizeof *heads; k++)
			if ((size_t)(eol - i) >= strlen(heads[k]) && strncasecmp(data + i, heads[k], strlen(heads[k])) == 0)
				known++;
		if (data[i] != ' ' && data[i] != '\t' && !memchr(data + i, ':', eol - i))
			return 0; /* not a header line */
		lines++;
		i = eol + 1;
	}
	return known >= 3 ? 80 : known == 2 ? 40 : 0;
}

static const galley_option_desc S_options[] = {GALLEY_OPTIONS_END};

static const galley_reader_desc S_reader = {
	.version = GALLEY_READER_VERSION,
	.name = "eml",
	.aliases = "mail",
	.extensions = "eml",
	.description = "a press release sent as a mail (RFC 5322)",
	.probe = S_probe,
	.read = S_read,
	.options = S_options,
};

static int S_init(galley_registry *reg)
{
	return galley_registry_add_reader(reg, &S_reader);
}

GALLEY_PLUGIN_DEFINE("eml", "1.0.0", "MIT", "Mail reader (example of an out-of-tree plugin)", S_init);
