/* md_inline.c — Markdown inline text: character classes as CommonMark's
 * flanking rules see them, and the escaper that backslash-escapes exactly
 * what would change meaning (at a line start and inline) and nothing else. */
#include "md.h"

#include <string.h>

/* Unicode punctuation (general categories P*) that prose meets; cmark 0.30
 * counts exactly these as punctuation. Ranges are inclusive and sorted. */
static const int32_t S_punct[][2] = {
	{0xA1, 0xA1}, {0xA7, 0xA7}, {0xAB, 0xAB}, {0xB6, 0xB7}, {0xBB, 0xBB}, {0xBF, 0xBF},
	{0x37E, 0x37E}, {0x387, 0x387}, {0x55A, 0x55F}, {0x589, 0x58A}, {0x5BE, 0x5BE},
	{0x5C0, 0x5C0}, {0x5C3, 0x5C3}, {0x5C6, 0x5C6}, {0x5F3, 0x5F4}, {0x609, 0x60A},
	{0x60C, 0x60D}, {0x61B, 0x61B}, {0x61E, 0x61F}, {0x66A, 0x66D}, {0x6D4, 0x6D4},
	{0x964, 0x965}, {0x970, 0x970}, {0xE4F, 0xE4F}, {0xE5A, 0xE5B},
	{0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E},
	{0x207D, 0x207E}, {0x208D, 0x208E}, {0x2308, 0x230B}, {0x2329, 0x232A},
	{0x2768, 0x2775}, {0x27C5, 0x27C6}, {0x27E6, 0x27EF}, {0x2983, 0x2998},
	{0x29D8, 0x29DB}, {0x29FC, 0x29FD}, {0x2CF9, 0x2CFC}, {0x2CFE, 0x2CFF},
	{0x2E00, 0x2E2E}, {0x2E30, 0x2E4F}, {0x3001, 0x3003}, {0x3008, 0x3011},
	{0x3014, 0x301F}, {0x3030, 0x3030}, {0x303D, 0x303D}, {0x30A0, 0x30A0},
	{0x30FB, 0x30FB}, {0xFD3E, 0xFD3F}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52},
	{0xFE54, 0xFE61}, {0xFE63, 0xFE63}, {0xFE68, 0xFE68}, {0xFE6A, 0xFE6B},
	{0xFF01, 0xFF03}, {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B},
	{0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F}, {0xFF5B, 0xFF5B},
	{0xFF5D, 0xFF5D}, {0xFF5F, 0xFF65},
};

/* Blocks known to hold no punctuation beyond the table above: letters,
 * symbols, CJK, Hangul, emoji. Anything else is UNKNOWN. */
static const int32_t S_known[][2] = {
	{0x80, 0x52F}, {0x1100, 0x11FF}, {0x1E00, 0x1FFF}, {0x2000, 0x2BFF},
	{0x2E00, 0x2E7F}, {0x3000, 0x30FF}, {0x3130, 0x318F}, {0x3400, 0x4DBF},
	{0x4E00, 0x9FFF}, {0xAC00, 0xD7AF}, {0xF900, 0xFAFF}, {0xFE10, 0xFE6F},
	{0xFF00, 0xFFEF}, {0x1F000, 0x1FAFF},
};

static int S_in(const int32_t (*t)[2], size_t n, int32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < t[mid][0])
			hi = mid;
		else if (cp > t[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int md_char_class(int32_t cp)
{
	if (cp == MD_CP_EOL)
		return MD_CC_WS;
	if (cp == MD_CP_OPEN)
		return MD_CC_PUNCT;
	if (cp < 0x80) {
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
			return MD_CC_WS;
		if ((cp >= '!' && cp <= '/') || (cp >= ':' && cp <= '@') || (cp >= '[' && cp <= '`') ||
		    (cp >= '{' && cp <= '~'))
			return MD_CC_PUNCT;
		return MD_CC_OTHER;
	}
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000)
		return MD_CC_WS;
	if (S_in(S_punct, sizeof S_punct / sizeof S_punct[0], cp))
		return MD_CC_PUNCT;
	if (S_in(S_known, sizeof S_known / sizeof S_known[0], cp))
		return MD_CC_OTHER;
	return MD_CC_UNKNOWN;
}

int md_cp_width(int32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int32_t md_last_cp(const md_state *st)
{
	const galley_buffer *b = st->out;
	size_t i, n;
	if (st->begin_content || b->len <= st->body_start)
		return MD_CP_EOL;
	i = b->len - 1;
	while (i > st->body_start && i + 4 > b->len && ((unsigned char)b->data[i] & 0xC0) == 0x80)
		i--;
	return md_utf8_decode(b->data + i, b->len - i, &n);
}

int32_t md_first_cp(const md_state *st, const galley_node *node)
{
	size_t n;
	switch (galley_node_get_type(node)) {
	case GALLEY_NODE_TEXT:
		if (galley_node_get_text_len(node) == 0)
			return md_next_cp(st, node);
		return md_utf8_decode(galley_node_get_text(node), galley_node_get_text_len(node), &n);
	case GALLEY_NODE_CODE:
		if (galley_node_get_text_len(node) == 0)
			return md_next_cp(st, node);
		return '`';
	case GALLEY_NODE_LINK:
	case GALLEY_NODE_NOTE:
		return '[';
	case GALLEY_NODE_IMAGE:
		return '!';
	case GALLEY_NODE_LINEBREAK:
		return '\\';
	default:
		return MD_CP_OPEN;
	}
}

int32_t md_next_cp(const md_state *st, const galley_node *node)
{
	const galley_node *next = galley_node_next(node);
	const galley_node *parent;
	if (next)
		return md_first_cp(st, next);
	parent = galley_node_parent(node);
	switch (parent ? galley_node_get_type(parent) : GALLEY_NODE_NONE) {
	case GALLEY_NODE_EMPH:
	case GALLEY_NODE_STRONG:
	case GALLEY_NODE_SUP:
	case GALLEY_NODE_SUB:
		return MD_CP_OPEN;
	case GALLEY_NODE_LINK:
		return ']';
	default:
		return MD_CP_EOL;
	}
}

int md_entity_like(const char *s, size_t len)
{
	size_t i = 1, start;
	if (len < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			i++;
			start = i;
			while (i < len && i - start < 7 && strchr("0123456789abcdefABCDEF", s[i]) && s[i])
				i++;
		} else {
			start = i;
			while (i < len && i - start < 8 && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	} else {
		start = i;
		while (i < len && i - start < 32 &&
		       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			i++;
	}
	return i > start && i < len && s[i] == ';';
}

static int S_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where a backslash must go for text starting a line (an offset into s),
 * or -1: "# x", "> x", "- x", "2024. x", "===", "---", "~~~", ... */
static long S_line_start_escape(const md_state *st, const char *s, size_t n)
{
	size_t k = 0, w = 0;
	char c = s[0];
	while (w < n && !S_is_ws(s[w]))
		w++;
	switch (c) {
	case '#':
		while (k < n && s[k] == '#')
			k++;
		return (k <= 6 && (k == n || S_is_ws(s[k]))) ? 0 : -1;
	case '>':
		return 0;
	case '-':
	case '+':
	case '*':
		if (n == 1 || S_is_ws(s[1]))
			return 0;
		break;
	case '~':
		while (k < n && s[k] == '~')
			k++;
		if (k >= 3)
			return 0;
		break;
	case ':':
		/* a GFM table delimiter row ":---" */
		if (st->gfm && w > 1 && s[1] == '-')
			return 0;
		break;
	default:
		if (c >= '0' && c <= '9') {
			while (k < n && s[k] >= '0' && s[k] <= '9')
				k++;
			if (k <= 9 && k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || S_is_ws(s[k + 1])))
				return (long)k;
			return -1;
		}
		break;
	}
	/* thematic breaks, setext underlines, GFM delimiter rows: a first word
	 * of only - = * _ : */
	if (c == '-' || c == '=' || c == '*' || c == '_') {
		for (k = 0; k < w; k++)
			if (!strchr("-=*_:", s[k]))
				return -1;
		return 0;
	}
	return -1;
}

/* Would this run of '*' or '_' (with neighbours of classes pc and nc) be
 * able to open or close emphasis? */
static int S_run_active(char c, int pc, int nc)
{
	int lf, rf;
	if (pc == MD_CC_UNKNOWN || nc == MD_CC_UNKNOWN)
		return 1;
	lf = nc != MD_CC_WS && (nc != MD_CC_PUNCT || pc == MD_CC_WS || pc == MD_CC_PUNCT);
	rf = pc != MD_CC_WS && (pc != MD_CC_PUNCT || nc == MD_CC_WS || nc == MD_CC_PUNCT);
	if (c == '*')
		return lf || rf;
	return (lf && (!rf || pc == MD_CC_PUNCT)) || (rf && (!lf || nc == MD_CC_PUNCT));
}

static void S_emit(md_state *st, const char *s, size_t n, int width)
{
	/* most calls add a byte or a short run: the inline append skips the call */
	galley_buffer_append_fast(st->out, s, n);
	st->col += (size_t)width;
	st->marker_only = 0;
	st->begin_content = 0;
	st->just_opened = 0;
	st->after_note = 0;
}

static size_t S_word_width(const char *s, size_t n)
{
	size_t i = 0, w = 0, k;
	while (i < n && !S_is_ws(s[i])) {
		w += (size_t)md_cp_width(md_utf8_decode(s + i, n - i, &k));
		i += k;
	}
	return w;
}

/* Letters, digits and non-ASCII text never need escaping. */
static int S_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void md_text(md_state *st, const char *s, size_t len, int32_t next)
{
	size_t i = 0, k;
	long esc_at = -1;
	int32_t prev;

	if (st->html) {
		md_html_text(st, s, len, 0, 0);
		return;
	}
	md_flush(st);
	prev = md_last_cp(st);
	while (i < len) {
		char c = s[i];
		int32_t cp;
		if (S_is_ws(c)) {
			size_t j = i;
			int nl = 0;
			while (j < len && S_is_ws(s[j])) {
				nl |= s[j] == '\n' || s[j] == '\r';
				j++;
			}
			if (st->begin_content || (j == len && next == MD_CP_EOL)) {
				i = j; /* cmark would strip it anyway; 4 spaces would make code */
				continue;
			}
			if (!st->in_heading && !st->in_pipe && !st->just_opened && !st->no_wrap &&
			    ((st->wrap < 0 && nl) ||
			     (st->wrap > 0 && st->col > st->prefix.len &&
			      st->col + 1 + S_word_width(s + j, len - j) > (size_t)st->wrap))) {
				md_newline(st);
				i = j;
				prev = MD_CP_EOL;
				continue;
			}
			for (; i < j; i++)
				S_emit(st, (s[i] == '\n' || s[i] == '\r') ? " " : s + i, 1, 1);
			prev = ' ';
			continue;
		}
		if (st->begin_content && !st->in_pipe) {
			long off = S_line_start_escape(st, s + i, len - i);
			esc_at = off < 0 ? -1 : (long)i + off;
		}
		cp = md_utf8_decode(s + i, len - i, &k);
		if ((long)i == esc_at) {
			S_emit(st, "\\", 1, 1);
			S_emit(st, s + i, 1, 1);
			esc_at = -1;
			prev = c;
			i++;
			continue;
		}
		if (c == '*' || c == '_') {
			size_t j = i, m;
			int32_t ncp;
			while (j < len && s[j] == c)
				j++;
			ncp = j < len ? md_utf8_decode(s + j, len - j, &m) : next;
			if (S_run_active(c, md_char_class(prev), md_char_class(ncp))) {
				for (; i < j; i++) {
					S_emit(st, "\\", 1, 1);
					S_emit(st, s + i, 1, 1);
				}
			} else {
				S_emit(st, s + i, j - i, (int)(j - i));
				i = j;
			}
			prev = c;
			continue;
		}
		if (c == 0) {
			S_emit(st, "\xEF\xBF\xBD", 3, 1);
			prev = 0xFFFD;
			i++;
			continue;
		}
		if (S_plain((unsigned char)c)) {
			/* emit a whole run of plain text at once: most of the text */
			size_t j = i, w = 0, stop = esc_at > (long)i ? (size_t)esc_at : len;
			int32_t last = cp;
			while (j < stop && S_plain((unsigned char)s[j])) {
				size_t kk;
				if ((unsigned char)s[j] < 0x80) { /* ASCII letters and digits are one column */
					last = (unsigned char)s[j++];
					w++;
					continue;
				}
				last = md_utf8_decode(s + j, len - j, &kk);
				w += (size_t)md_cp_width(last);
				j += kk;
			}
			S_emit(st, s + i, j - i, (int)w);
			prev = last;
			i = j;
			continue;
		}
		{
			int esc = 0;
			int32_t nx = i + k < len ? (unsigned char)s[i + k] : next;
			switch (c) {
			case '\\':
				esc = !((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') ||
				        (nx >= '0' && nx <= '9') || nx >= 0x80);
				break;
			case '`':
			case '[':
				esc = 1;
				break;
			case ']':
				esc = st->in_link > 0;
				break;
			case '&':
				esc = md_entity_like(s + i, len - i);
				break;
			case '<':
				esc = (nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') || nx == '/' ||
				      nx == '!' || nx == '?';
				break;
			case '!':
				esc = i + 1 == len && next == '[';
				break;
			case '(':
			case ':':
				esc = i == 0 && st->after_note;
				break;
			case '~':
			case '|':
				esc = st->gfm;
				break;
			case '^':
				/* cmark-gfm reads "[^" as a footnote even in an image's alt */
				esc = st->gfm && i == 0 && md_last_cp(st) == '[';
				break;
			case '#':
				if (st->in_heading && (i == 0 ? md_char_class(prev) == MD_CC_WS : S_is_ws(s[i - 1]))) {
					size_t j = i;
					while (j < len && s[j] == '#')
						j++;
					while (j < len && S_is_ws(s[j]))
						j++;
					esc = j == len && next == MD_CP_EOL;
				}
				break;
			default:
				break;
			}
			if (esc)
				S_emit(st, "\\", 1, 1);
			S_emit(st, s + i, k, md_cp_width(cp));
		}
		prev = cp;
		i += k;
	}
}

void md_html_text(md_state *st, const char *s, size_t len, int attr, int pre)
{
	size_t i;
	galley_buffer *b = st->out;
	for (i = 0; i < len; i++) {
		char c = s[i];
		switch (c) {
		case '&':
			galley_buffer_puts(b, "&amp;");
			break;
		case '<':
			galley_buffer_puts(b, "&lt;");
			break;
		case '>':
			galley_buffer_puts(b, "&gt;");
			break;
		case '"':
			galley_buffer_puts(b, attr ? "&quot;" : "\"");
			break;
		case '\0':
			galley_buffer_puts(b, "\xEF\xBF\xBD");
			break;
		case '\r':
		case '\n':
			if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			if (pre && !attr) {
				/* a blank line would end the HTML block: write the newline
				 * as a reference when the next line is blank */
				size_t j = i + 1;
				while (j < len && (s[j] == ' ' || s[j] == '\t'))
					j++;
				if (j == len || s[j] == '\n' || s[j] == '\r')
					galley_buffer_puts(b, "&#10;");
				else
					md_newline_verbatim(st);
			} else {
				galley_buffer_putc(b, ' ');
			}
			break;
		default:
			galley_buffer_putc(b, c);
			break;
		}
	}
	st->begin_content = 0;
	st->marker_only = 0;
	st->just_opened = 0;
	st->after_note = 0;
}

void md_destination(galley_buffer *out, const char *url)
{
	const char *p;
	int angle = !*url;
	for (p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F || *p == '<' || *p == '>')
			angle = 1;
	if (angle)
		galley_buffer_putc(out, '<');
	for (p = url; *p; p++) {
		char c = *p;
		if (c == '\n' || c == '\r') {
			galley_buffer_puts(out, c == '\n' ? "%0A" : "%0D");
			continue;
		}
		/* cmark decodes entities in a destination even after a backslash:
		 * "&amp;" is the one spelling of a literal "&name;" it keeps */
		if (c == '&' && md_entity_like(p, strlen(p))) {
			galley_buffer_puts(out, "&amp;");
			continue;
		}
		if (c == '\\' || (angle ? (c == '<' || c == '>') : (c == '(' || c == ')')))
			galley_buffer_putc(out, '\\');
		galley_buffer_putc(out, c);
	}
	if (angle)
		galley_buffer_putc(out, '>');
}

void md_title(galley_buffer *out, const char *t, size_t len)
{
	size_t i;
	galley_buffer_putc(out, '"');
	for (i = 0; i < len; i++) {
		char c = t[i];
		if (c == '\n' || c == '\r') {
			galley_buffer_putc(out, ' ');
			continue;
		}
		if (c == '&' && md_entity_like(t + i, len - i)) {
			galley_buffer_puts(out, "&amp;");
			continue;
		}
		if (c == '"' || c == '\\')
			galley_buffer_putc(out, '\\');
		galley_buffer_putc(out, c);
	}
	galley_buffer_putc(out, '"');
}
