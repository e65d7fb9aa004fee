/* hmeta.c — the release's metadata from a web page: meta tags, JSON-LD
 * (read with jansson), <time>, breadcrumbs, visible labels such as
 * "Date 2024-01-18" / "조회수 191", and the footer's copyright holder. */
#include "html_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/uri.h>

typedef struct {
	char *key;
	char *value;
} S_pair;

typedef struct {
	html_page *page;
	S_pair *pairs; /* meta tags in document order; keys lowercase */
	size_t npairs, cap;
	json_t *ld;      /* the article's JSON-LD object (borrowed from ld_roots) */
	json_t **ld_roots;
	size_t nld;
	char *doc_title;  /* <title> */
	char *canonical;
	char *base_href;
	char *html_lang;
	char *time_dt;    /* first <time datetime> */
	char *date_label; /* date next to a visible label */
	long long hits;
	char *category_crumb;
	char *copyright;
	char *byline;
	char *logo_alt;    /* alt text of the site's logo image */
	char *logo_name;   /* ... as a name: "MNAGO Logo" -> "MNAGO", "Home" -> NULL */
	char *title_label; /* a headline next to a "제목"/"Title" label cell */
	char *issuer_label; /* the value of "From:" (gov.uk) and similar */
	char *identifier;  /* a document symbol: "IP/24/123", "SG/SM/22110" */
	char *official;    /* "The Official Website of X": X */
	char *class_title; /* the first box named title/subject with a few words */
	char bare_date[GREL_DATE_SIZE]; /* the first element that is only a date */
	char *heads[8];   /* texts of the first h1/h2 elements */
	size_t nheads;
	xmlNodePtr h1;    /* the only h1, when there is one */
	int nh1;
	char *h1_text;    /* the first h1 with text */
	int nh1_text;     /* h1 elements with text */
	/* the class, id and aria-label of the element S_walk is at, folded
	 * once for all the word lists it is matched against */
	xmlNodePtr folded_el;
	size_t nfolded;
	html_folded folded[3];
	int oom;
} S_meta;

static char *S_dup(S_meta *m, const char *s, size_t len)
{
	char *r = galley_strndup(s, len);
	if (r == NULL)
		m->oom = 1;
	return r;
}

/* Collapsed, trimmed text of a node, malloc'd. */
static char *S_node_text(S_meta *m, xmlNodePtr node)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	html_text(node, &b);
	if (b.oom) {
		m->oom = 1;
		galley_buffer_dispose(&b);
		return NULL;
	}
	char *r = b.data != NULL ? galley_buffer_detach(&b, NULL) : S_dup(m, "", 0);
	return r;
}

static char *S_trim_dup(S_meta *m, const char *s)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	int sp = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			sp = 1;
			continue;
		}
		if (sp && b.len > 0)
			galley_buffer_putc(&b, ' ');
		sp = 0;
		galley_buffer_putc(&b, *s);
	}
	if (b.oom) {
		m->oom = 1;
		galley_buffer_dispose(&b);
		return NULL;
	}
	return b.data != NULL ? galley_buffer_detach(&b, NULL) : S_dup(m, "", 0);
}

/* s with no-break spaces as spaces, collapsed and trimmed, malloc'd. */
static char *S_norm_dup(S_meta *m, const char *s)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			galley_buffer_putc(&b, ' ');
			s++;
		} else {
			galley_buffer_putc(&b, *s);
		}
	}
	if (b.oom || b.data == NULL) {
		m->oom |= b.oom;
		galley_buffer_dispose(&b);
		return b.oom ? NULL : S_dup(m, "", 0);
	}
	char *r = S_trim_dup(m, b.data);
	galley_buffer_dispose(&b);
	return r;
}

static void S_add_pair(S_meta *m, const char *key, size_t klen, const char *value)
{
	if (m->npairs == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 32;
		S_pair *np = galley_realloc(m->pairs, nc * sizeof *np);
		if (np == NULL) {
			m->oom = 1;
			return;
		}
		m->pairs = np;
		m->cap = nc;
	}
	char *k = S_dup(m, key, klen);
	char *v = S_trim_dup(m, value);
	if (k == NULL || v == NULL) {
		galley_free(k);
		galley_free(v);
		return;
	}
	for (char *p = k; *p; p++)
		*p = *p == '.' ? ':' : (char)tolower((unsigned char)*p);
	m->pairs[m->npairs].key = k;
	m->pairs[m->npairs].value = v;
	m->npairs++;
}

/* The last value for key (later tags override, as in Readability), or NULL. */
static const char *S_get(const S_meta *m, const char *key)
{
	for (size_t i = m->npairs; i-- > 0;)
		if (strcmp(m->pairs[i].key, key) == 0 && m->pairs[i].value[0] != '\0')
			return m->pairs[i].value;
	return NULL;
}

static int S_has_token(const char *list, const char *word)
{
	size_t wl = strlen(word), len;
	const char *p = list;
	while ((len = html_next_token(&p)) > 0) {
		if (len == wl && strncasecmp(p, word, wl) == 0)
			return 1;
		p += len;
	}
	return 0;
}

/* ---- labels ------------------------------------------------------------ */

static const char *const S_date_labels[] = {
	"date", "날짜", "작성일", "등록일", "게시일", "작성일자", "등록일자", "게시일자", "배포일", "보도일",
	"posted", "posted on", "published", "published on", "release date", "date of issue",
	"日付", "掲載日", "公開日", "発表日", "更新日", "最終更新日", "発行日", "发布时间", "发布日期", "發布日期",
	"datum", "veröffentlicht am", "publié le", "fecha", NULL
};
static const char *const S_title_labels[] = {"제목", "title", "件名", "标题", "題名", NULL};
static const char *const S_issuer_labels[] = {"from", "issued by", "source", "herausgeber", "quelle", "source",
	"fuente", "발행처", "출처", "부서", "부서명", "담당부서", "등록부서", "작성부서", "자료제공", "発表者", "発行者", "担当部署",
	"来源", "發布單位", NULL};
static const char *const S_hit_labels[] = {
	"hit", "hits", "조회수", "조회", "views", "view count", "read", "閲覧数", "浏览", "浏览次数", "點閱", NULL
};

/* If text starts with one of labels followed by nothing, or by ':' or
 * space and a value, return the value's offset (== len when none). */
static long S_label(const char *text, size_t len, const char *const *labels)
{
	if (len == 0)
		return -1;
	unsigned char t0 = (unsigned char)tolower((unsigned char)text[0]);
	for (size_t i = 0; labels[i] != NULL; i++) {
		/* the first byte decides for most: this runs on every small box */
		if ((unsigned char)tolower((unsigned char)labels[i][0]) != t0)
			continue;
		size_t ll = strlen(labels[i]);
		if (len < ll || strncasecmp(text, labels[i], ll) != 0)
			continue;
		size_t k = ll;
		if (k < len && isalnum((unsigned char)text[k]))
			continue; /* "Dates", "history" */
		while (k < len && (isspace((unsigned char)text[k]) || text[k] == ':' || text[k] == '|' ||
			text[k] == '-' || text[k] == '.'))
			k++;
		if (k == ll && k < len && ((unsigned char)text[k] & 0x80) == 0)
			continue;
		return (long)k;
	}
	return -1;
}

static int S_date_prefix_iso(const char *s, char *out)
{
	/* YYYY-MM-DD at the start: keep it as the date (times are dropped). */
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	return 1;
}

/* out holds S_ISO_SIZE bytes. */
#define S_ISO_SIZE 32
static int S_parse_date(const char *s, char *out)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	if (S_date_prefix_iso(s, out))
		return 1;
	return grel_parse_date(s, strlen(s), out, S_ISO_SIZE) >= 0;
}

static long long S_parse_count(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (isspace((unsigned char)s[i]) || s[i] == ':'))
		i++;
	if (i >= len || !isdigit((unsigned char)s[i]))
		return -1;
	long long v = 0;
	for (; i < len && (isdigit((unsigned char)s[i]) || s[i] == ','); i++) {
		if (s[i] == ',')
			continue;
		if (v > 100000000000LL)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static xmlNodePtr S_next_element(xmlNodePtr n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* The first non-blank text under n (borrowed), or NULL. */
static const char *S_first_text(xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children; c != NULL && depth < 16; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			const char *s = (const char *)c->content;
			while (*s && isspace((unsigned char)*s))
				s++;
			if (*s)
				return s;
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *r = S_first_text(c, depth + 1);
			if (r != NULL)
				return r;
		}
	}
	return NULL;
}

/* The text of an element whose children are parts of one name, a space
 * between each two, malloc'd. */
static char *S_parts_text(S_meta *m, xmlNodePtr v)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	for (xmlNodePtr c = v->children; c != NULL; c = c->next) {
		size_t before = b.len;
		if (before > 0)
			galley_buffer_putc(&b, ' ');
		size_t mark = b.len;
		if (html_text(c, &b) < 0)
			b.oom = 1;
		if (b.len == mark)
			b.len = before; /* an empty part: no space for it */
	}
	if (b.oom) {
		m->oom = 1;
		galley_buffer_dispose(&b);
		return NULL;
	}
	char *r = b.data != NULL ? S_trim_dup(m, (galley_buffer_putc(&b, '\0'), b.data)) : S_dup(m, "", 0);
	galley_buffer_dispose(&b);
	return r;
}

static void S_scan_label(S_meta *m, xmlNodePtr el)
{
	if (m->date_label != NULL && m->hits >= 0 && m->title_label != NULL && m->issuer_label != NULL)
		return;
	/* cheap test first: does the text start with a label at all? */
	const char *first = S_first_text(el, 0);
	if (first == NULL)
		return;
	size_t fl = strnlen(first, 96);
	if (S_label(first, fl, S_date_labels) < 0 && S_label(first, fl, S_hit_labels) < 0 &&
		S_label(first, fl, S_title_labels) < 0 && S_label(first, fl, S_issuer_labels) < 0)
		return;
	/* a label cell or term alone, its value in the next cell: the
	 * headline of a board page, the issuing department */
	if ((html_is(el, "th") || html_is(el, "dt")) && S_next_element(el) != NULL) {
		size_t ll = strlen(first);
		while (ll > 0 && (isspace((unsigned char)first[ll - 1]) || first[ll - 1] == ':'))
			ll--;
		int title = S_label(first, ll, S_title_labels) == (long)ll && m->title_label == NULL;
		int issuer = S_label(first, ll, S_issuer_labels) == (long)ll && m->issuer_label == NULL;
		if (title || issuer) {
			xmlNodePtr v = S_next_element(el);
			/* several linked names: the first is the issuer */
			for (xmlNodePtr c = v->children; issuer && c != NULL; c = c->next)
				if (html_is(c, "a")) {
					v = c;
					break;
				}
			/* "<span>정책기획관</span><span>기획담당관</span>": parts, a
			 * space between them (a browser shows them apart) */
			char *t = issuer ? S_parts_text(m, v) : S_node_text(m, v);
			if (t != NULL && *t != '\0' && strlen(t) < 300) {
				if (title)
					m->title_label = t;
				else
					m->issuer_label = t;
			} else {
				galley_free(t);
			}
			return;
		}
	}
	galley_buffer tb = GALLEY_BUFFER_INIT;
	int trc = html_text_max(el, &tb, 80);
	char *t;
	if (trc == 1) {
		/* "最終更新日：2019年4月2日<br>独立行政法人…": the label's own line */
		galley_buffer_dispose(&tb);
		size_t fl1 = strcspn(first, "\r\n");
		if (fl1 == 0 || fl1 > 80)
			return;
		t = S_dup(m, first, fl1);
		if (t == NULL)
			return;
	} else if (trc != 0 || tb.data == NULL) {
		if (trc < 0)
			m->oom = 1;
		galley_buffer_dispose(&tb);
		return;
	} else {
		t = galley_buffer_detach(&tb, NULL);
	}
	size_t len = strlen(t);
	if (len == 0 || len > 80) {
		galley_free(t);
		return;
	}
	long off;
	if (m->date_label == NULL && (off = S_label(t, len, S_date_labels)) >= 0) {
		char iso[S_ISO_SIZE];
		char *val = (size_t)off < len ? NULL : (S_next_element(el) ? S_node_text(m, S_next_element(el)) : NULL);
		const char *v = (size_t)off < len ? t + off : val;
		if (v != NULL && strlen(v) < 64 && S_parse_date(v, iso))
			m->date_label = S_dup(m, iso, strlen(iso));
		galley_free(val);
	} else if (m->hits < 0 && (off = S_label(t, len, S_hit_labels)) >= 0) {
		char *val = (size_t)off < len ? NULL : (S_next_element(el) ? S_node_text(m, S_next_element(el)) : NULL);
		const char *v = (size_t)off < len ? t + off : val;
		if (v != NULL) {
			size_t vl = strlen(v);
			long long h = S_parse_count(v, vl);
			/* the whole value must be the number */
			size_t k = 0;
			while (k < vl && (isdigit((unsigned char)v[k]) || v[k] == ',' || isspace((unsigned char)v[k])))
				k++;
			if (h >= 0 && k == vl)
				m->hits = h;
		}
		galley_free(val);
	}
	galley_free(t);
}

/* ---- class/id matching ------------------------------------------------- */

/* words are lowercase: each value is folded once (html_fold: this runs on
 * every element of the page) */
static int S_attr_matches(xmlNodePtr el, const char *const *words)
{
	const char *attrs[] = {html_attr(el, "class"), html_attr(el, "id"), html_attr(el, "aria-label")};
	for (size_t a = 0; a < 3; a++) {
		if (attrs[a] == NULL || attrs[a][0] == '\0')
			continue;
		html_folded f;
		html_fold(&f, attrs[a]);
		if (html_folded_has(&f, words))
			return 1;
	}
	return 0;
}

/* S_attr_matches for the element S_walk is at, its values folded once */
static int S_here_matches(S_meta *m, xmlNodePtr el, const char *const *words)
{
	if (m->folded_el != el) {
		const char *attrs[] = {html_attr(el, "class"), html_attr(el, "id"), html_attr(el, "aria-label")};
		m->nfolded = 0;
		for (size_t a = 0; a < 3; a++)
			if (attrs[a] != NULL && attrs[a][0] != '\0')
				html_fold(&m->folded[m->nfolded++], attrs[a]);
		m->folded_el = el;
	}
	for (size_t a = 0; a < m->nfolded; a++)
		if (html_folded_has(&m->folded[a], words))
			return 1;
	return 0;
}

static const char *const S_byline_words[] = {"byline", "author", "writtenby", "p-author", NULL};

/* Items of a breadcrumb trail: its li elements when it has some, else its
 * leaf elements (a, span, strong ...). */
static void S_crumb_items(xmlNodePtr el, int want_li, xmlNodePtr *items, size_t *n, size_t max)
{
	for (xmlNodePtr c = el->children; c != NULL && *n < max; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int leaf = 1;
		for (xmlNodePtr k = c->children; k != NULL; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				leaf = 0;
		if (want_li ? html_is(c, "li") : leaf)
			items[(*n)++] = c;
		else
			S_crumb_items(c, want_li, items, n, max);
	}
}

/* The last item of a breadcrumb trail that is not the page's title. */
static void S_breadcrumb(S_meta *m, xmlNodePtr el)
{
	xmlNodePtr items[64];
	size_t n = 0;
	S_crumb_items(el, 1, items, &n, 64);
	if (n == 0)
		S_crumb_items(el, 0, items, &n, 64);
	for (size_t i = n; i-- > 0;) {
		char *t = S_node_text(m, items[i]);
		if (t == NULL)
			return;
		size_t tl = strlen(t);
		if (tl == 0 || tl > 60 || strcasecmp(t, "home") == 0 || strcmp(t, ">") == 0 ||
			(m->doc_title != NULL && tl > 30 && strstr(m->doc_title, t) != NULL)) {
			galley_free(t);
			continue;
		}
		m->category_crumb = t;
		return;
	}
}

static void S_copyright(S_meta *m, xmlNodePtr text_node, int in_footer)
{
	const char *s = (const char *)text_node->content;
	if (s == NULL)
		return;
	const char *c = strstr(s, "\xC2\xA9");
	size_t skip = 2;
	if (c == NULL) {
		c = strstr(s, "(c)");
		if (c == NULL)
			c = strstr(s, "(C)");
		skip = 3;
	}
	const char *cw = html_strcasestr(s, "copyright");
	if (c == NULL && (cw == NULL || html_strcasestr(s, "all rights reserved") == NULL))
		return;
	/* a bare "©" in the page's body is a photo's credit ("© Tapui / Adobe
	 * Stock"), not the site's owner: there it takes the word or the
	 * reservation */
	if (!in_footer && cw == NULL && html_strcasestr(s, "all rights reserved") == NULL)
		return;
	const char *p = c != NULL ? c + skip : cw + 9;
	/* skip "Copyright", symbols, years and "by" */
	for (;;) {
		while (*p && (isspace((unsigned char)*p) || *p == ',' || *p == '-' || *p == ':'))
			p++;
		if (strncasecmp(p, "copyright", 9) == 0) {
			p += 9;
		} else if (strncmp(p, "\xC2\xA9", 2) == 0) {
			p += 2;
		} else if (strncasecmp(p, "(c)", 3) == 0) {
			p += 3;
		} else if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
		} else if (strncasecmp(p, "by ", 3) == 0) {
			p += 3;
		} else {
			break;
		}
	}
	const char *e = p + strlen(p);
	const char *stops[] = {"All Rights", "all rights", "ALL RIGHTS", "All rights", " | ", "\n", NULL};
	for (size_t i = 0; stops[i]; i++) {
		const char *x = strstr(p, stops[i]);
		if (x != NULL && x < e)
			e = x;
	}
	while (e > p && (isspace((unsigned char)e[-1]) || e[-1] == '.' || e[-1] == ','))
		e--;
	if (e - p < 2 || e - p > 120)
		return;
	galley_free(m->copyright);
	m->copyright = S_dup(m, p, (size_t)(e - p));
}


static int S_word_count(const char *s);

/* ---- the page's own furniture: logo, document symbol, kicker ------------ */

/* A logo's alt text as a name: "MNAGO Logo" -> "MNAGO", "Logo of X" ->
 * "X"; NULL for "Logo", "Home" and other chrome. */
static char *S_logo_name(S_meta *m, const char *alt)
{
	char *t = S_trim_dup(m, alt);
	if (t == NULL)
		return NULL;
	size_t tl = strlen(t);
	static const char *const heads[] = {"logo of ", "logo ", NULL};
	for (size_t i = 0; heads[i]; i++) {
		size_t hl = strlen(heads[i]);
		if (tl > hl && strncasecmp(t, heads[i], hl) == 0) {
			memmove(t, t + hl, tl - hl + 1);
			tl -= hl;
			break;
		}
	}
	if (tl > 5 && strcasecmp(t + tl - 5, " logo") == 0)
		t[tl -= 5] = '\0';
	while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '-'))
		t[--tl] = '\0';
	if (tl < 2 || strcasecmp(t, "logo") == 0 || grel_is_chrome(t, tl)) {
		galley_free(t);
		return NULL;
	}
	return t;
}

/* An element of its own that holds only a date ("<p>2019.03.05</p>",
 * "<dt>2019.03.08</dt>" under a headline): a date the page shows, used
 * when no meta tag, label or dateline gives one. */
static int S_leading_date(const char *text, char *iso, const char **rest);

static void S_bare_date(S_meta *m, xmlNodePtr el)
{
	for (xmlNodePtr c = el->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return;
	const char *t = S_first_text(el, 0);
	if (t == NULL || (!isdigit((unsigned char)t[0]) && !isupper((unsigned char)t[0])))
		return;
	size_t l = strnlen(t, 40), digits = 0;
	if (l >= 40)
		return;
	for (size_t i = 0; i < l; i++)
		digits += isdigit((unsigned char)t[i]) != 0;
	if (digits < 4) /* a year and a day at least (令和 dates are not bare) */
		return;
	char buf[40], iso[S_ISO_SIZE];
	memcpy(buf, t, l);
	while (l > 0 && isspace((unsigned char)buf[l - 1]))
		l--;
	buf[l] = '\0';
	const char *rest;
	if (S_leading_date(buf, iso, &rest) && *rest == '\0' && strlen(iso) == 10)
		memcpy(m->bare_date, iso, GREL_DATE_SIZE);
}

static const char *const S_crumb_words[] = {"breadcrumb", "location", "path_nav", "navi_path", "crumb", "ariane",
	NULL};

/* A board page's headline in a box named for it ("<p class="tit">",
 * "<div class="subject">"), used when the <title> is a breadcrumb: the
 * first such box, outside links, with four words or more. */
static void S_class_title(S_meta *m, xmlNodePtr el)
{
	/* "tit" holds "title" */
	static const char *const words[] = {"tit", "subject", "headline", "heading", NULL};
	static const char *const tags[] = {"p", "div", "span", "h2", "h3", "h4", "strong", "td", "dt", "dd", NULL};
	const char *name = (const char *)el->name;
	size_t k = 0;
	while (tags[k] != NULL && strcmp(name, tags[k]) != 0)
		k++;
	if (tags[k] == NULL)
		return;
	if (!S_here_matches(m, el, words) || S_here_matches(m, el, S_crumb_words))
		return;
	/* a line, not a region holding one ("sub-tit-area" around a trail) */
	for (xmlNodePtr c = el->children; c != NULL; c = c->next)
		if (html_is(c, "div") || html_is(c, "section") || html_is(c, "ul") || html_is(c, "ol") || html_is(c, "table") ||
			html_is(c, "nav") || html_is(c, "p"))
			return;
	for (xmlNodePtr a = el->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (html_is(a, "a") || html_is(a, "nav") || html_is(a, "ul") || html_is(a, "header") ||
			((html_attr(a, "class") != NULL || html_attr(a, "id") != NULL) && S_attr_matches(a, S_crumb_words)))
			return;
	size_t l = html_text_length_upto(el, 300);
	if (l < 12 || l > 300)
		return;
	char *t = S_node_text(m, el);
	if (t != NULL && S_word_count(t) >= 4)
		m->class_title = S_norm_dup(m, t);
	galley_free(t);
}

/* "The Official Website of the Office of X", "Offizielle Website der X":
 * the site's owner, in its own words (a footer line, a banner). */
static void S_official(S_meta *m, xmlNodePtr text_node)
{
	static const char *const heads[] = {"official website of ", "official web site of ", "official site of ",
		"official website for ", "official homepage of ", "offizielle website der ", "offizielle website des ",
		"offizielle internetseite der ", "site officiel de ", "site officiel du ", "sitio web oficial de ",
		"sitio oficial de ", "sito ufficiale di ", "sito ufficiale del ", NULL};
	const char *s = (const char *)text_node->content;
	/* the C library's vectorised search first: most text says none of it */
	if (s == NULL || strnlen(s, 300) >= 300 || (strstr(s, "fici") == NULL && strstr(s, "ffiziell") == NULL))
		return;
	for (size_t i = 0; heads[i]; i++) {
		const char *at = html_strcasestr(s, heads[i]);
		if (at == NULL)
			continue;
		/* "An official website of the United States Government": one of
		 * a government's many sites, a banner naming none of them */
		if ((at - s >= 3 && strncasecmp(at - 3, "an ", 3) == 0) || (at - s >= 2 && strncasecmp(at - 2, "a ", 2) == 0) ||
			(at - s >= 4 && strncasecmp(at - 4, "ein ", 4) == 0) || (at - s >= 3 && strncasecmp(at - 3, "un ", 3) == 0))
			return;
		const char *p = at + strlen(heads[i]);
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "the ", 4) == 0)
			p += 4;
		size_t l = strcspn(p, ".|\n");
		while (l > 0 && isspace((unsigned char)p[l - 1]))
			l--;
		if (l >= 3 && l <= 120) {
			char *v = S_dup(m, p, l);
			m->official = v != NULL ? S_trim_dup(m, v) : NULL;
			galley_free(v);
		}
		return;
	}
}

/* The alt text of an image inside a box named "logo" (or the site's home
 * link): the site's name as its owner writes it. */
static void S_logo(S_meta *m, xmlNodePtr img)
{
	static const char *const words[] = {"logo", "brand", "marianne", NULL};
	const char *alt = html_attr(img, "alt");
	if (alt == NULL)
		return;
	while (isspace((unsigned char)*alt))
		alt++;
	size_t al = strlen(alt);
	if (al < 2 || al > 100)
		return;
	int depth = 0;
	for (xmlNodePtr a = img; a != NULL && a->type == XML_ELEMENT_NODE && depth < 4; a = a->parent, depth++) {
		const char *rel = html_attr(a, "rel");
		if (S_attr_matches(a, words) || (rel != NULL && S_has_token(rel, "home"))) {
			m->logo_alt = S_trim_dup(m, alt);
			m->logo_name = S_logo_name(m, alt);
			return;
		}
	}
}

/* A document symbol standing alone: capital-letter series and numbers
 * joined by slashes, "IP/24/123", "SG/SM/22110", "MEMO/24/5". */
static int S_is_symbol(const char *s, size_t len)
{
	size_t seg = 0, i = 0;
	int first_alpha = 0, last_digit = 0;
	if (len < 5 || len > 32)
		return 0;
	while (i < len) {
		size_t st = i;
		int alpha = 0, digit = 0;
		while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || isdigit((unsigned char)s[i]))) {
			alpha |= s[i] >= 'A' && s[i] <= 'Z';
			digit |= isdigit((unsigned char)s[i]) != 0;
			i++;
		}
		if (i == st || (alpha && digit))
			return 0;
		if (seg == 0)
			first_alpha = alpha;
		last_digit = digit;
		seg++;
		if (i < len && s[i] != '/')
			return 0;
		if (i < len)
			i++;
		if (i == len && s[len - 1] == '/')
			return 0;
	}
	return seg >= 3 && first_alpha && last_digit;
}

static void S_symbol(S_meta *m, xmlNodePtr el)
{
	for (xmlNodePtr c = el->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return;
	const char *t = S_first_text(el, 0);
	if (t == NULL)
		return;
	size_t l = strnlen(t, 40);
	while (l > 0 && isspace((unsigned char)t[l - 1]))
		l--;
	if (S_is_symbol(t, l))
		m->identifier = S_dup(m, t, l);
}

static xmlNodePtr S_first_element(xmlNodePtr n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNodePtr S_prev_element(xmlNodePtr n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

/* If text (a short line) begins with a full date, the ISO date in iso and
 * the rest after it and its separators in *rest; else 0. */
/* iso holds S_ISO_SIZE bytes. */
static int S_leading_date(const char *text, char *iso, const char **rest)
{
	size_t len = strlen(text);
	long end = grel_parse_date(text, len, iso, S_ISO_SIZE);
	if (end < 0)
		return 0;
	const char *p = text + end;
	while (*p && (isspace((unsigned char)*p) || *p == '-' || *p == '|' || *p == ',' || *p == '/' ||
		strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0 || strncmp(p, "\xC2\xB7", 2) == 0))
		p += (unsigned char)*p >= 0x80 ? ((unsigned char)*p == 0xC2 ? 2 : 3) : 1;
	*rest = p;
	return 1;
}

/* 1 when a would-be label is the headline itself (the h1's or the
 * <title>'s text): a field is filled only from evidence for that field. */
static int S_same_as_headline(S_meta *m, xmlNodePtr h1, const char *text)
{
	char *h = S_node_text(m, h1);
	int same = h != NULL && strcasecmp(h, text) == 0;
	galley_free(h);
	return same || (m->doc_title != NULL && strcasecmp(m->doc_title, text) == 0);
}

/* A label right above the headline ("Readout", "Press release" on gov.uk,
 * "18.01.2024 - Pressemitteilung"): the release's type, and maybe its date. */
static void S_kicker(S_meta *m, xmlNodePtr h1, char **category, char *date)
{
	static const char *const skip[] = {"breadcrumb", "crumb", "location", "ariane", NULL};
	xmlNodePtr k = S_prev_element(h1);
	if (k == NULL && h1->parent != NULL && h1->parent->type == XML_ELEMENT_NODE)
		k = S_prev_element(h1->parent);
	/* the page's body only: before a first-child h1 comes <head>, whose
	 * <title> is the headline again, not a label naming a kind */
	if (k == NULL || html_is(k, "head") || html_is(k, "nav") || S_attr_matches(k, skip) ||
		html_text_length_upto(k, 80) > 80)
		return;
	xmlNodePtr items[8];
	size_t n = 0;
	if (html_is(k, "ul") || html_is(k, "ol")) {
		for (xmlNodePtr c = k->children; c != NULL && n < 8; c = c->next)
			if (html_is(c, "li"))
				items[n++] = c;
	} else {
		for (xmlNodePtr c = k->children; c != NULL; c = c->next)
			if (html_is(c, "nav") || html_is(c, "ul") || html_is(c, "ol") || (c->type == XML_ELEMENT_NODE &&
				S_attr_matches(c, skip)))
				return;
		items[n++] = k;
	}
	char *label = NULL;
	for (size_t i = 0; i < n; i++) {
		char *t = S_node_text(m, items[i]);
		if (t == NULL) {
			galley_free(label);
			return;
		}
		char iso[S_ISO_SIZE];
		const char *rest = t;
		if (strlen(t) <= 60 && S_leading_date(t, iso, &rest) && date[0] == '\0')
			strcpy(date, iso);
		if (*rest != '\0' && label == NULL && S_word_count(rest) <= 4 && strlen(rest) <= 40 &&
			strpbrk(rest, "0123456789") == NULL && !S_same_as_headline(m, h1, rest))
			label = S_dup(m, rest, strlen(rest));
		else if (*rest != '\0' && label != NULL) {
			/* two labels in a row: a trail, not a kicker */
			galley_free(label);
			label = NULL;
			galley_free(t);
			break;
		}
		galley_free(t);
	}
	*category = label;
}

/* A line of its own near the headline holding only a date ("January 18,
 * 2024" under it on state.gov, "令和6年1月18日" on MOFA Japan). */
static void S_date_near(S_meta *m, xmlNodePtr h1, char *date)
{
	xmlNodePtr n = h1;
	int seen = 0;
	while (seen < 16 && date[0] == '\0') {
		/* the next element in document order, entering children (not the h1's) */
		if (n != h1 && n->children != NULL && S_first_element(n) != NULL) {
			n = S_first_element(n);
		} else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE)
				break;
			n = n->next;
			while (n != NULL && n->type != XML_ELEMENT_NODE)
				n = n->next;
			if (n == NULL)
				break;
		}
		seen++;
		size_t l = html_text_length_upto(n, 40);
		if (l == 0 || l > 40)
			continue;
		char *t = S_node_text(m, n);
		const char *rest;
		char iso[S_ISO_SIZE];
		if (t != NULL && S_leading_date(t, iso, &rest) && *rest == '\0')
			strcpy(date, iso);
		galley_free(t);
	}
}

/* "Title | Site", "Site: Title", "Title_Site": the headline without the
 * site's name, when one of the page's own headings is that headline. */
static char *S_strip_site(S_meta *m, char *title, const char *const *sites, size_t nsites)
{
	if (title == NULL)
		return NULL;
	size_t tl = strlen(title);
	for (size_t i = 0; i < m->nheads; i++) {
		const char *h = m->heads[i];
		size_t hl = strlen(h);
		if (hl < 4 || hl >= tl)
			continue;
		const char *rest = NULL;
		size_t rl = 0;
		if (strncmp(title, h, hl) == 0) {
			rest = title + hl;
			rl = tl - hl;
		} else if (strcmp(title + tl - hl, h) == 0) {
			rest = title;
			rl = tl - hl;
		} else {
			continue;
		}
		/* what is left: a separator and a site's name */
		char *r = S_dup(m, rest, rl);
		if (r == NULL)
			return title;
		char *p = r;
		while (*p && (isspace((unsigned char)*p) || strchr("|-_:/\xC2\xBB\xE2\x80\x93\x94", *p)))
			p++;
		size_t pl = strlen(p);
		while (pl > 0 && (isspace((unsigned char)p[pl - 1]) || strchr("|-_:/\xC2\xBB\xE2\x80\x93\x94", p[pl - 1])))
			pl--;
		int site = 0, sep = p != r || p[pl] != '\0';
		p[pl] = '\0';
		for (size_t k = 0; k < nsites && !site; k++)
			site = sites[k] != NULL && pl > 0 && strcasecmp(p, sites[k]) == 0;
		galley_free(r);
		if (site && sep) {
			char *h2 = S_dup(m, h, hl);
			if (h2 != NULL) {
				galley_free(title);
				return h2;
			}
		}
	}
	return title;
}

/* A line above the headline that names an organisation: "The White
 * House" over "Office of the Press Secretary", a ministry's name over its
 * statement. The leaf elements before the h1, in reverse reading order,
 * sixteen at most. */
static char *S_header_org(S_meta *m, xmlNodePtr h1)
{
	xmlNodePtr n = h1;
	for (int seen = 0; seen < 16 && n != NULL;) {
		if (n->prev != NULL) {
			n = n->prev;
			while (n->type == XML_ELEMENT_NODE && n->last != NULL)
				n = n->last;
		} else {
			n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE || html_is(n, "body"))
				return NULL;
			continue; /* its children were seen */
		}
		if (n->type == XML_TEXT_NODE && n->parent != NULL && n->parent->type == XML_ELEMENT_NODE) {
			const char *t = (const char *)n->content;
			if (t == NULL)
				continue;
			while (isspace((unsigned char)*t))
				t++;
			if (*t == '\0')
				continue;
			seen++;
			size_t l = strnlen(t, 64);
			if (l >= 64)
				continue;
			while (l > 0 && isspace((unsigned char)t[l - 1]))
				l--;
			if (html_is(n->parent, "a") || html_is(n->parent, "script") || html_is(n->parent, "style"))
				continue;
			if (grel_words(t, l) <= 5 && grel_org_like(t, l) && grel_parse_date(t, l, NULL, 0) < 0)
				return S_dup(m, t, l);
		}
	}
	return NULL;
}

/* "European Commission - European Commission": a name said twice. */
static void S_undouble(char *s)
{
	size_t l = strlen(s);
	for (size_t half = l / 2 - 1; half > 0 && half + 3 < l && half > l / 2 - 3; half--) {
		const char *p = s + half;
		size_t sep = 0;
		while (p[sep] == ' ' || p[sep] == '-' || p[sep] == '|')
			sep++;
		if (sep > 0 && half + sep + half == l && strncmp(s, p + sep, half) == 0) {
			s[half] = '\0';
			return;
		}
	}
}

/* ---- the walk ------------------------------------------------------------ */

static void S_meta_tag(S_meta *m, xmlNodePtr el)
{
	const char *content = html_attr(el, "content");
	/* some CMSs (and pages saved by scrapers) write value= for content= */
	if (content == NULL)
		content = html_attr(el, "value");
	if (content == NULL)
		return;
	const char *names[] = {html_attr(el, "name"), html_attr(el, "property"), html_attr(el, "itemprop"),
		html_attr(el, "http-equiv")};
	for (size_t i = 0; i < 4; i++) {
		const char *p = names[i];
		if (p == NULL)
			continue;
		/* property="og:title dc:title" names several keys */
		size_t len;
		while ((len = html_next_token(&p)) > 0) {
			S_add_pair(m, p, len, content);
			p += len;
		}
	}
}

static void S_walk(S_meta *m, xmlNodePtr node, int in_footer)
{
	for (xmlNodePtr n = node; n != NULL && !m->oom; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			/* the spaces between tags say nothing (and are half the text nodes) */
			const unsigned char *t = n->content;
			while (t != NULL && (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r'))
				t++;
			if (t == NULL || *t == '\0')
				continue;
			if (in_footer || m->copyright == NULL)
				S_copyright(m, n, in_footer);
			if (m->official == NULL)
				S_official(m, n);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		int footer = in_footer;
		switch (name[0]) {
		case 'm':
			if (html_name_eq(name, "meta"))
				S_meta_tag(m, n);
			break;
		case 't':
			if (html_name_eq(name, "title") && m->doc_title == NULL) {
				m->doc_title = S_node_text(m, n);
				continue;
			}
			if (html_name_eq(name, "time") && m->time_dt == NULL) {
				const char *dt = html_attr(n, "datetime");
				if (dt != NULL && *dt)
					m->time_dt = S_dup(m, dt, strlen(dt));
			}
			break;
		case 'l':
			if (html_name_eq(name, "link")) {
				const char *rel = html_attr(n, "rel"), *href = html_attr(n, "href");
				if (rel != NULL && href != NULL && *href && S_has_token(rel, "canonical") &&
					m->canonical == NULL)
					m->canonical = S_dup(m, href, strlen(href));
			}
			break;
		case 'b':
			if (html_name_eq(name, "base") && m->base_href == NULL) {
				const char *href = html_attr(n, "href");
				if (href != NULL && *href)
					m->base_href = S_dup(m, href, strlen(href));
			}
			break;
		case 's':
			if (html_name_eq(name, "script")) {
				const char *type = html_attr(n, "type");
				if (type != NULL && html_strcasestr(type, "ld+json") != NULL) {
					galley_buffer raw = GALLEY_BUFFER_INIT;
					for (xmlNodePtr c = n->children; c != NULL; c = c->next)
						if (c->content != NULL)
							galley_buffer_puts(&raw, (const char *)c->content);
					json_t *root = raw.len ? json_loadb(raw.data, raw.len, 0, NULL) : NULL;
					galley_buffer_dispose(&raw);
					if (root != NULL) {
						json_t **nr = galley_realloc(m->ld_roots, (m->nld + 1) * sizeof *nr);
						if (nr == NULL) {
							json_decref(root);
							m->oom = 1;
						} else {
							m->ld_roots = nr;
							m->ld_roots[m->nld++] = root;
						}
					}
				}
				continue;
			}
			if (html_name_eq(name, "style"))
				continue;
			break;
		case 'h':
			if ((html_name_eq(name, "h1") || html_name_eq(name, "h2")) && m->nheads < 8) {
				galley_buffer hb = GALLEY_BUFFER_INIT;
				int hrc = html_text_max(n, &hb, 300);
				if (hrc < 0)
					m->oom = 1;
				else if (hrc == 0 && hb.data != NULL) {
					m->heads[m->nheads++] = galley_buffer_detach(&hb, NULL);
					/* an h1 that names a kind of release ("ニュースリリース",
					 * "Press Release") labels the page; the headline follows */
					const char *ht = m->heads[m->nheads - 1];
					if (name[1] == '1' && grel_find(ht, strlen(ht), grel_list(GREL_TABLE_CATEGORY)) < 0 &&
						m->nh1_text++ == 0)
						m->h1_text = S_norm_dup(m, ht);
				}
				galley_buffer_dispose(&hb);
			}
			if (html_name_eq(name, "h1")) {
				m->nh1++;
				m->h1 = n;
			} else if (html_name_eq(name, "html") && m->html_lang == NULL) {
				const char *lang = html_attr(n, "lang");
				if (lang == NULL)
					lang = html_attr(n, "xml:lang");
				if (lang != NULL && *lang)
					m->html_lang = S_dup(m, lang, strlen(lang));
			}
			break;
		case 'f':
			if (html_name_eq(name, "footer"))
				footer = 1;
			break;
		default:
			break;
		}
		const char *id = html_attr(n, "id"), *cls = html_attr(n, "class");
		m->folded_el = NULL; /* n's values are folded when first matched */
		if ((id != NULL && html_strcasestr(id, "footer") != NULL) || (cls != NULL && html_strcasestr(cls, "footer") != NULL))
			footer = 1;
		if (m->category_crumb == NULL && (id != NULL || cls != NULL || html_attr(n, "aria-label") != NULL) &&
			S_here_matches(m, n, S_crumb_words))
			S_breadcrumb(m, n);
		if (m->byline == NULL && (id != NULL || cls != NULL) && S_here_matches(m, n, S_byline_words) &&
			!html_is(n, "meta") && html_text_length_upto(n, 100) < 100) {
			char *t = S_node_text(m, n);
			if (t != NULL && strlen(t) > 0 && strlen(t) < 100)
				m->byline = t;
			else
				galley_free(t);
		}
		if (m->byline == NULL && html_is(n, "a") && html_attr(n, "rel") != NULL &&
			S_has_token(html_attr(n, "rel"), "author")) {
			char *t = S_node_text(m, n);
			if (t != NULL && strlen(t) > 0 && strlen(t) < 100)
				m->byline = t;
			else
				galley_free(t);
		}
		if (m->logo_alt == NULL && !footer && html_name_eq(name, "img"))
			S_logo(m, n);
		if (m->identifier == NULL && (html_name_eq(name, "div") || html_name_eq(name, "p") || html_name_eq(name, "span")))
			S_symbol(m, n);
		if (m->bare_date[0] == '\0' && !footer)
			S_bare_date(m, n);
		if (m->class_title == NULL && !footer && (id != NULL || cls != NULL))
			S_class_title(m, n);
		/* labels sit in small leaf-ish boxes: li, dd, span, td, p ... */
		if (html_name_eq(name, "li") || html_name_eq(name, "p") || html_name_eq(name, "span") ||
			html_name_eq(name, "dt") || html_name_eq(name, "dd") || html_name_eq(name, "th") ||
			html_name_eq(name, "td") || html_name_eq(name, "div") || html_name_eq(name, "em") ||
			html_name_eq(name, "strong") || html_name_eq(name, "dl"))
			S_scan_label(m, n);
		S_walk(m, n->children, footer);
	}
}

/* ---- JSON-LD ------------------------------------------------------------ */

static int S_ld_is_article(json_t *obj)
{
	static const char *const types[] = {"Article", "AdvertiserContentArticle", "NewsArticle",
		"AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
		"ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle",
		"MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
		"DiscussionForumPosting", "TechArticle", "APIReference", "PressRelease", NULL};
	json_t *t = json_object_get(obj, "@type");
	json_t *one;
	size_t i;
	if (json_is_string(t)) {
		for (size_t k = 0; types[k]; k++)
			if (strcmp(json_string_value(t), types[k]) == 0)
				return 1;
	} else if (json_is_array(t)) {
		json_array_foreach(t, i, one) {
			if (!json_is_string(one))
				continue;
			for (size_t k = 0; types[k]; k++)
				if (strcmp(json_string_value(one), types[k]) == 0)
					return 1;
		}
	}
	return 0;
}

static json_t *S_ld_find(json_t *v, int depth)
{
	if (depth > 4)
		return NULL;
	size_t i;
	json_t *one;
	if (json_is_array(v)) {
		json_array_foreach(v, i, one) {
			json_t *r = S_ld_find(one, depth + 1);
			if (r != NULL)
				return r;
		}
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	if (S_ld_is_article(v))
		return v;
	return S_ld_find(json_object_get(v, "@graph"), depth + 1);
}

static const char *S_ld_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

/* A person or organisation: a string, {"name":...}, or an array of them. */
static void S_ld_names(galley_meta *meta, const char *key, json_t *v, int *rc)
{
	size_t i;
	json_t *one;
	if (json_is_string(v) && json_string_length(v) > 0) {
		if (*rc == 0)
			*rc = galley_meta_add(meta, key, json_string_value(v));
	} else if (json_is_object(v)) {
		const char *n = S_ld_str(v, "name");
		if (n != NULL && *rc == 0)
			*rc = galley_meta_add(meta, key, n);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, one) S_ld_names(meta, key, one, rc);
	}
}

/* ---- title ---------------------------------------------------------------- */

static int S_word_count(const char *s)
{
	/* as JavaScript's str.split(/\s+/).length */
	int n = 1;
	for (const char *p = s; *p;) {
		if (isspace((unsigned char)*p)) {
			n++;
			while (*p && isspace((unsigned char)*p))
				p++;
		} else {
			p++;
		}
	}
	return n;
}

/* Separator characters of a "Title | Site" string (UTF-8 sequences too). */
static size_t S_sep_at(const char *p, int hierarchical_only)
{
	static const char *const seps[] = {"\\", "/", ">", "\xC2\xBB", "|", "-", "\xE2\x80\x93", "\xE2\x80\x94", NULL};
	for (size_t i = 0; seps[i]; i++) {
		if (hierarchical_only && i >= 4)
			break;
		size_t l = strlen(seps[i]);
		if (strncmp(p, seps[i], l) == 0)
			return l;
	}
	return 0;
}

/* Readability's _getArticleTitle over the <title> text. */
static char *S_title_from_doc(S_meta *m)
{
	const char *orig = m->doc_title != NULL ? m->doc_title : "";
	char *cur = NULL;
	int hierarchical = 0;
	int has_sep = 0;
	for (const char *p = orig; *p; p++) {
		size_t l;
		if (*p == ' ' && (l = S_sep_at(p + 1, 0)) > 0 && p[1 + l] == ' ') {
			has_sep = 1;
			if (S_sep_at(p + 1, 1) > 0)
				hierarchical = 1;
		}
	}
	if (has_sep) {
		/* (.*)[sep] .*  -> everything before the last "sep " */
		const char *last = NULL;
		for (const char *p = orig; *p; p++) {
			size_t l = S_sep_at(p, 0);
			if (l > 0 && p[l] == ' ')
				last = p;
		}
		cur = S_dup(m, orig, last ? (size_t)(last - orig) : strlen(orig));
		if (cur != NULL && S_word_count(cur) < 3) {
			/* [^sep]*[sep](.*) -> everything after the first separator */
			const char *first = orig;
			size_t l = 0;
			while (*first && (l = S_sep_at(first, 0)) == 0)
				first++;
			galley_free(cur);
			cur = S_dup(m, *first ? first + l : orig, strlen(*first ? first + l : orig));
		}
	} else if (strstr(orig, ": ") != NULL) {
		cur = NULL;
		/* keep the whole title when a heading says exactly that */
		int match = 0;
		xmlNodePtr h = m->h1;
		if (h != NULL && m->nh1 >= 1) {
			char *t = S_node_text(m, h);
			match = t != NULL && strcmp(t, orig) == 0;
			galley_free(t);
		}
		if (!match) {
			const char *c = strrchr(orig, ':');
			cur = S_dup(m, c + 1, strlen(c + 1));
			if (cur != NULL && S_word_count(cur) < 3) {
				c = strchr(orig, ':');
				galley_free(cur);
				cur = S_dup(m, c + 1, strlen(c + 1));
			}
		} else {
			cur = S_dup(m, orig, strlen(orig));
		}
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && m->nh1 == 1) {
		cur = S_node_text(m, m->h1);
	} else {
		cur = S_dup(m, orig, strlen(orig));
	}
	if (cur == NULL)
		return NULL;
	char *t = S_trim_dup(m, cur);
	galley_free(cur);
	if (t == NULL)
		return NULL;
	int wc = S_word_count(t);
	if (wc <= 4) {
		/* words of the original with its separators removed */
		galley_buffer nb = GALLEY_BUFFER_INIT;
		for (const char *p = orig; *p;) {
			size_t l = S_sep_at(p, 0);
			if (l > 0) {
				p += l;
				continue;
			}
			galley_buffer_putc(&nb, *p++);
		}
		int owc = S_word_count(nb.data ? nb.data : "");
		galley_buffer_dispose(&nb);
		if (!hierarchical || wc != owc - 1) {
			galley_free(t);
			t = S_trim_dup(m, orig);
		}
	}
	return t;
}

/* Readability's _textSimilarity: share of B's words that A also has. */
static double S_similarity(const char *a, const char *b)
{
	char ta[2048], tb[2048];
	size_t la = 0, lb = 0;
	for (const char *p = a; *p && la + 1 < sizeof ta; p++)
		ta[la++] = (char)(isalnum((unsigned char)*p) || (*p & 0x80) ? tolower((unsigned char)*p) : ' ');
	ta[la] = 0;
	for (const char *p = b; *p && lb + 1 < sizeof tb; p++)
		tb[lb++] = (char)(isalnum((unsigned char)*p) || (*p & 0x80) ? tolower((unsigned char)*p) : ' ');
	tb[lb] = 0;
	size_t total = 0, missing = 0;
	char *save = NULL;
	for (char *w = strtok_r(tb, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		size_t wl = strlen(w);
		total += wl + 1;
		int found = 0;
		for (const char *p = ta; (p = strstr(p, w)) != NULL; p += wl) {
			if ((p == ta || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == 0)) {
				found = 1;
				break;
			}
		}
		if (!found)
			missing += wl + 1;
	}
	if (total == 0)
		return 0;
	return 1.0 - (double)missing / (double)total;
}

static char *S_choose_title(S_meta *m)
{
	const char *t = NULL;
	if (m->ld != NULL) {
		const char *name = S_ld_str(m->ld, "name"), *headline = S_ld_str(m->ld, "headline");
		if (name != NULL && headline != NULL && strcmp(name, headline) != 0) {
			char *dt = S_title_from_doc(m);
			int nm = dt != NULL && S_similarity(name, dt) > 0.75;
			int hm = dt != NULL && S_similarity(headline, dt) > 0.75;
			galley_free(dt);
			t = hm && !nm ? headline : name;
		} else {
			t = name != NULL ? name : headline;
		}
	}
	static const char *const keys[] = {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
		"weibo:webpage:title", "title", "twitter:title", "parsely-title", NULL};
	for (size_t i = 0; t == NULL && keys[i]; i++)
		t = S_get(m, keys[i]);
	if (t != NULL)
		return S_trim_dup(m, t);
	/* a release's own headline, when <title> is "Headline | Site" */
	const char *dt = m->doc_title != NULL ? m->doc_title : "";
	for (size_t i = 0; i < m->nheads; i++) {
		size_t hl = strlen(m->heads[i]);
		if (hl < 4 || strncmp(dt, m->heads[i], hl) != 0)
			continue;
		const char *p = dt + hl;
		while (*p == ' ')
			p++;
		size_t sl = S_sep_at(p, 0);
		if (p == dt + hl || sl == 0)
			continue;
		p += sl;
		while (*p == ' ')
			p++;
		/* only when what follows is the site's own name */
		const char *site = S_get(m, "og:site_name");
		json_t *pub = m->ld != NULL ? json_object_get(m->ld, "publisher") : NULL;
		const char *pname = json_is_object(pub) ? S_ld_str(pub, "name") : NULL;
		const char *app = S_get(m, "application-name");
		if ((site != NULL && strcasecmp(p, site) == 0) || (pname != NULL && strcasecmp(p, pname) == 0) ||
			(app != NULL && strcasecmp(p, app) == 0) || (m->copyright != NULL && strcasecmp(p, m->copyright) == 0))
			return S_dup(m, m->heads[i], hl);
	}
	return S_title_from_doc(m);
}

/* A category that names a kind of release ("Press release", "Readout",
 * "Statements and Releases", "Pressemitteilung", "보도자료"). */
static int S_release_kind(const char *cat)
{
	static const char *const kinds[] = {"release", "statement", "readout", "remarks", "communiqu", "press briefing",
		"media advisory", "fact sheet", "pressemitteilung", "presseerkl", "comunicado", "보도자료", "보도참고",
		"報道発表", "談話", "声明", "新闻稿", "发布", NULL};
	if (cat == NULL)
		return 0;
	for (size_t i = 0; kinds[i]; i++)
		if (html_strcasestr(cat, kinds[i]) != NULL)
			return 1;
	return 0;
}

/* 1 when title is exactly head, a separator and one of the names. */
static int S_head_and_site(const char *title, const char *head, const char *const *names, size_t nnames)
{
	size_t hl = strlen(head);
	if (hl < 4 || strncmp(title, head, hl) != 0 || title[hl] != ' ')
		return 0;
	const char *p = title + hl;
	while (*p == ' ')
		p++;
	size_t sl = S_sep_at(p, 0);
	if (sl == 0 || p[sl] != ' ')
		return 0;
	p += sl;
	while (*p == ' ')
		p++;
	for (size_t k = 0; k < nnames; k++)
		if (names[k] != NULL && *p && strcasecmp(p, names[k]) == 0)
			return 1;
	return 0;
}

/* ---- a release's headline out of the page's title ------------------------ */

/* Entities left as text ("HackerRank &amp; ..." in JSON-LD or a title
 * escaped twice) decoded once, in place: the text only shrinks. */
static void S_decode_entities(char *t)
{
	char *w = t;
	for (const char *r = t; *r;) {
		if (*r == '&') {
			const char *semi = strchr(r, ';');
			if (semi != NULL && semi - r > 1 && semi - r < 12) {
				unsigned long cp = 0;
				char name[12];
				memcpy(name, r + 1, (size_t)(semi - r - 1));
				name[semi - r - 1] = '\0';
				if (name[0] == '#')
					cp = (name[1] == 'x' || name[1] == 'X') ? strtoul(name + 2, NULL, 16) : strtoul(name + 1, NULL, 10);
				else {
					const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
					cp = e != NULL ? e->value : 0;
				}
				char u[4];
				int ul = 0;
				if (cp > 0 && cp < 0x80) {
					u[ul++] = (char)cp;
				} else if (cp >= 0x80 && cp < 0x800) {
					u[ul++] = (char)(0xC0 | (cp >> 6));
					u[ul++] = (char)(0x80 | (cp & 0x3F));
				} else if (cp >= 0x800 && cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF)) {
					u[ul++] = (char)(0xE0 | (cp >> 12));
					u[ul++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[ul++] = (char)(0x80 | (cp & 0x3F));
				} else if (cp >= 0x10000 && cp < 0x110000) {
					u[ul++] = (char)(0xF0 | (cp >> 18));
					u[ul++] = (char)(0x80 | ((cp >> 12) & 0x3F));
					u[ul++] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[ul++] = (char)(0x80 | (cp & 0x3F));
				}
				if (ul > 0 && ul <= semi - r + 1) {
					memcpy(w, u, (size_t)ul);
					w += ul;
					r = semi + 1;
					continue;
				}
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* Separators between the parts of a <title>: " | ", " - ", "｜", "："... */
static size_t S_part_sep(const char *p)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
		" / ", "\xEF\xBD\x9C", "\xEF\xBC\x9A", " < ", " > ", NULL};
	for (size_t i = 0; seps[i]; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* 1 when a and b are the same headline but for a word or two. */
static int S_close(const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b);
	/* "…を発売。" and "…を発売": a closing full stop apart */
	if (al == bl + 3 && strncmp(a, b, bl) == 0 && strcmp(a + bl, "\xE3\x80\x82") == 0)
		return 1;
	if (bl == al + 3 && strncmp(a, b, al) == 0 && strcmp(b + al, "\xE3\x80\x82") == 0)
		return 1;
	return strcasecmp(a, b) == 0 || (S_similarity(a, b) >= 0.8 && S_similarity(b, a) >= 0.8);
}

/* The headline when the chosen title is not it: a date and a kind of
 * release ("January 15, 2019 Press Release" — its date kept aside), the
 * headline with a section and the site ("Headline | News | Site",
 * "見出し：Site"), a shortened one ("Headline..."). *site gets the site's
 * part of the title when there is one. */
static char *S_title_fix(S_meta *m, html_page *page, char *title, char **site)
{
	if (strchr(title, '&') != NULL)
		S_decode_entities(title);
	char *t = S_norm_dup(m, title);
	if (t == NULL)
		return title;
	/* a headline of two words or more (CJK writes none: eight bytes) */
	const char *h1 = m->h1_text != NULL && *m->h1_text &&
		(S_word_count(m->h1_text) >= 2 || (strlen(m->h1_text) >= 8 && ((unsigned char)m->h1_text[0] & 0x80)))
		? m->h1_text : NULL;
	/* a breadcrumb ("알림마당>담양뉴스>보도자료 > 상세", "A < B < Site"): the
	 * headline is in its label cell or its titled box */
	size_t crumbs = 0;
	for (const char *p = t; *p; p++)
		crumbs += *p == '>' || *p == '<' || strncmp(p, " \xC2\xBB ", 4) == 0;
	if (crumbs >= 2 && (m->title_label != NULL || m->class_title != NULL)) {
		const char *b = m->title_label != NULL ? m->title_label : m->class_title;
		char *r = S_norm_dup(m, b);
		if (r != NULL) {
			galley_free(t);
			galley_free(title);
			return r;
		}
	}
	char *better = NULL;
	/* the parts */
	const char *parts[8];
	size_t plen[8], np = 0;
	const char *st = t;
	for (const char *p = t; *p && np < 7;) {
		size_t sl = S_part_sep(p);
		if (sl > 0) {
			parts[np] = st;
			plen[np++] = (size_t)(p - st);
			p += sl;
			st = p;
		} else {
			p++;
		}
	}
	parts[np] = st;
	plen[np++] = strlen(st);
	grel_dateinfo di;
	char *first = S_dup(m, parts[0], plen[0]);
	if (first != NULL && grel_date_line(first, strlen(first), &di) && S_word_count(first) <= 6) {
		/* a date standing for the headline */
		if (page->late_date[0] == '\0' && strlen(di.iso) == 10)
			memcpy(page->late_date, di.iso, 11);
		if (h1 != NULL)
			better = S_dup(m, h1, strlen(h1));
		if (np > 1)
			*site = S_dup(m, parts[np - 1], plen[np - 1]);
	} else if (first != NULL && h1 != NULL && np >= 2 && S_close(first, h1)) {
		/* the headline and the site: "Headline | Section | Site", or a
		 * site the page names (its owner's name, an organisation) */
		char *rest = S_dup(m, parts[1], strlen(parts[1]));
		int sitey = np >= 3 || (rest != NULL && grel_org_like(rest, strlen(rest)));
		/* (a lone "| Site" stays, as in Readability: "How to ... | eHow") */
		/* a full-width separator is no part of a headline */
		sitey |= strstr(t, "\xEF\xBD\x9C") != NULL || strstr(t, "\xEF\xBC\x9A") != NULL;
		if (sitey) {
			better = S_dup(m, h1, strlen(h1));
			*site = S_dup(m, parts[np - 1], plen[np - 1]);
		}
		galley_free(rest);
	} else if (h1 != NULL && S_word_count(t) >= 3 && strlen(h1) > strlen(t) + 8 && strncasecmp(h1, t, strlen(t)) == 0) {
		/* a shortened og:title: the h1 says it all */
		better = S_dup(m, h1, strlen(h1));
	} else {
		size_t tl = strlen(t);
		size_t el = tl >= 3 && strcmp(t + tl - 3, "...") == 0 ? 3 : (tl >= 3 && strcmp(t + tl - 3, "\xE2\x80\xA6") == 0 ? 3 : 0);
		if (el > 0 && m->doc_title != NULL && strlen(m->doc_title) > tl && strncmp(m->doc_title, t, tl - el) == 0)
			better = S_norm_dup(m, m->doc_title);
	}
	galley_free(first);
	galley_free(t);
	if (better != NULL) {
		galley_free(title);
		return better;
	}
	return title;
}

/* A date in the page's URL: ".../2019/01/15/..." or ".../2019-01-15-...". */
static void S_url_date(const char *url, char *out)
{
	if (url == NULL)
		return;
	for (const char *p = strchr(url, '/'); p != NULL; p = strchr(p + 1, '/')) {
		int y, mo, d;
		char a, b, c = 0;
		if (sscanf(p, "/%4d%c%2d%c%2d%c", &y, &a, &mo, &b, &d, &c) >= 5 && a == b && (a == '/' || a == '-') &&
			isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[4]) && y >= 1990 && y <= 2100 && mo >= 1 &&
			mo <= 12 && d >= 1 && d <= 31 && (c == 0 || c == '/' || c == '_' || c == '-' || c == '.')) {
			snprintf(out, GREL_DATE_SIZE, "%04d-%02d-%02d", y, mo, d);
			return;
		}
	}
}

/* ---- assembling --------------------------------------------------------- */

static int S_set(galley_meta *meta, const char *key, const char *value)
{
	if (value == NULL || *value == '\0' || galley_meta_get(meta, key) != NULL)
		return 0;
	return galley_meta_set(meta, key, value);
}

static int S_set_lang(galley_meta *meta, const char *lang)
{
	if (lang == NULL || galley_meta_get(meta, "language") != NULL)
		return 0;
	char tag[36];
	size_t n = 0;
	while (*lang && isspace((unsigned char)*lang))
		lang++;
	for (; *lang && n + 1 < sizeof tag && *lang != ',' && *lang != ';' && !isspace((unsigned char)*lang); lang++)
		tag[n++] = *lang == '_' ? '-' : *lang;
	tag[n] = '\0';
	if (n < 2 || !isalpha((unsigned char)tag[0]))
		return 0;
	return galley_meta_set(meta, "language", tag);
}

static int S_set_date(galley_meta *meta, const char *value)
{
	char iso[S_ISO_SIZE];
	if (value == NULL || galley_meta_get(meta, "date") != NULL || !S_parse_date(value, iso))
		return 0;
	return galley_meta_set(meta, "date", iso);
}

/* The values already in a list, case-folded, in an open-addressing hash set:
 * de-duplication stays linear however many keywords a page has. */
typedef struct {
	char **slot;
	size_t cap, count;
} S_seen;

static size_t S_fold_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211u;
	return h;
}

/* 1 when one was seen before, 0 when it is added now, <0 out of memory. */
static int S_seen_add(S_seen *set, const char *one)
{
	if (set->count * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **slot = galley_calloc(cap, sizeof *slot);
		if (slot == NULL)
			return GALLEY_ENOMEM;
		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i] != NULL) {
				size_t j = S_fold_hash(set->slot[i]) & (cap - 1);
				while (slot[j] != NULL)
					j = (j + 1) & (cap - 1);
				slot[j] = set->slot[i];
			}
		galley_free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	size_t j = S_fold_hash(one) & (set->cap - 1);
	for (; set->slot[j] != NULL; j = (j + 1) & (set->cap - 1))
		if (strcasecmp(set->slot[j], one) == 0)
			return 1;
	if ((set->slot[j] = galley_strndup(one, strlen(one))) == NULL)
		return GALLEY_ENOMEM;
	set->count++;
	return 0;
}

static void S_seen_dispose(S_seen *set)
{
	for (size_t i = 0; i < set->cap; i++)
		galley_free(set->slot[i]);
	galley_free(set->slot);
}

static int S_add_list(galley_meta *meta, S_seen *seen, const char *key, const char *value)
{
	if (value == NULL)
		return 0;
	const char *p = value;
	int rc = 0;
	if (seen->count == 0)
		for (size_t i = 0; rc >= 0 && i < galley_meta_count(meta, key); i++)
			rc = S_seen_add(seen, galley_meta_get_nth(meta, key, i));
	if (rc < 0)
		return rc;
	rc = 0;
	while (rc == 0 && *p) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		const char *e = p;
		while (*e && *e != ',' && *e != ';')
			e++;
		const char *t = e;
		while (t > p && t[-1] == ' ')
			t--;
		if (t > p) {
			char *one = galley_strndup(p, (size_t)(t - p));
			if (one == NULL)
				return GALLEY_ENOMEM;
			int dup = S_seen_add(seen, one);
			rc = dup < 0 ? dup : dup ? 0 : galley_meta_add(meta, key, one);
			galley_free(one);
		}
		p = e;
	}
	return rc;
}

static int S_absolute(const char *url)
{
	return url != NULL && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

int html_meta_collect(html_page *page, htmlDocPtr doc, galley_meta *meta)
{
	S_meta m;
	memset(&m, 0, sizeof m);
	m.page = page;
	m.hits = -1;
	S_walk(&m, xmlDocGetRootElement(doc), 0);
	for (size_t i = 0; i < m.nld && m.ld == NULL; i++)
		m.ld = S_ld_find(m.ld_roots[i], 0);
	int rc = m.oom ? GALLEY_ENOMEM : 0;

	/* the base URL: <base href>, resolved against the canonical URL */
	const char *canon = S_absolute(m.canonical) ? m.canonical : NULL;
	const char *og_url = S_get(&m, "og:url");
	const char *page_url = canon != NULL ? canon : (S_absolute(og_url) ? og_url : NULL);
	if (m.base_href != NULL) {
		xmlChar *abs = page_url != NULL ? xmlBuildURI((const xmlChar *)m.base_href, (const xmlChar *)page_url) : NULL;
		page->base = galley_strdup(abs != NULL ? (const char *)abs : m.base_href);
		xmlFree(abs);
	} else if (page_url != NULL) {
		page->base = galley_strdup(page_url);
	}

	json_t *pubj = m.ld != NULL ? json_object_get(m.ld, "publisher") : NULL;
	const char *sites[] = {S_get(&m, "og:site_name"), json_is_object(pubj) ? S_ld_str(pubj, "name") : NULL,
		S_get(&m, "application-name"), S_get(&m, "sitename"), m.logo_alt, m.copyright};
	size_t nsites = sizeof sites / sizeof sites[0];
	char *title = rc == 0 ? S_choose_title(&m) : NULL;
	/* only names the site's owner shows (logo, SiteName meta): the
	 * Readability convention keeps an og:site_name suffix ("... | eHow") */
	title = S_strip_site(&m, title, sites + 3, 2);
	char *title_site = NULL;
	if (m.bare_date[0] != '\0')
		memcpy(page->late_date, m.bare_date, GREL_DATE_SIZE);
	if (rc == 0 && title != NULL)
		title = S_title_fix(&m, page, title, &title_site);
	/* a <title> that is only the site's name (and maybe a section): the
	 * headline is in a label cell (board pages) or the page's one h1 */
	if (title != NULL && S_get(&m, "og:title") == NULL && m.ld == NULL) {
		int generic = 0;
		for (size_t k = 0; k < nsites && !generic; k++) {
			const char *st = sites[k];
			size_t sl = st != NULL ? strlen(st) : 0;
			if (sl == 0)
				continue;
			const char *at = strstr(title, st);
			if (at == NULL)
				continue;
			char *rest = S_dup(&m, title, strlen(title));
			if (rest == NULL)
				break;
			memmove(rest + (at - title), rest + (at - title) + sl, strlen(at + sl) + 1);
			/* "Press corner | ": the separator left behind is no word */
			char *w = rest;
			size_t wl = strlen(w);
			while (wl > 0 && (isspace((unsigned char)w[wl - 1]) || S_sep_at(w + wl - 1, 0) == 1))
				w[--wl] = '\0';
			while (*w && (isspace((unsigned char)*w) || S_sep_at(w, 0) == 1))
				w++;
			generic = *w == '\0' || S_word_count(w) <= 3;
			galley_free(rest);
		}
		const char *better = m.title_label;
		if (better == NULL && m.nh1 == 1 && m.h1 != NULL) {
			for (size_t k = 0; k < m.nheads; k++)
				if (S_word_count(m.heads[k]) >= 4 && strstr(title, m.heads[k]) == NULL) {
					char *h1t = S_node_text(&m, m.h1);
					if (h1t != NULL && strcmp(h1t, m.heads[k]) == 0)
						better = m.heads[k];
					galley_free(h1t);
					break;
				}
		}
		if (generic && better != NULL) {
			char *b = S_dup(&m, better, strlen(better));
			if (b != NULL) {
				galley_free(title);
				title = b;
			}
		}
	}
	if (title != NULL && *title) {
		rc = S_set(meta, "title", title);
		page->title = title;
	} else {
		galley_free(title);
	}

	json_t *ld = m.ld;
	if (page->late_date[0] == '\0')
		S_url_date(page_url != NULL ? page_url : m.canonical, page->late_date);
	/* date */
	if (rc == 0) {
		static const char *const dk[] = {"article:published_time", "datepublished", "dc:date",
			"dcterms:created", "dc:date:issued", "pubdate", "publishdate", "publish-date", "pub-date",
			"sailthru:date", "date", "article:modified_time", NULL};
		const char *d = ld != NULL ? S_ld_str(ld, "datePublished") : NULL;
		for (size_t i = 0; d == NULL && dk[i]; i++)
			d = S_get(&m, dk[i]);
		rc = S_set_date(meta, d);
		if (rc == 0)
			rc = S_set_date(meta, m.time_dt);
		if (rc == 0 && m.date_label != NULL)
			rc = S_set(meta, "date", m.date_label);
	}
	/* the headline's surroundings: a kicker (type, date) and a date line */
	char *kicker = NULL;
	if (rc == 0 && m.nh1 == 1 && m.h1 != NULL) {
		char kdate[32] = "";
		S_kicker(&m, m.h1, &kicker, kdate);
		if (kdate[0] == '\0' && galley_meta_get(meta, "date") == NULL)
			S_date_near(&m, m.h1, kdate);
		if (kdate[0] != '\0')
			rc = S_set(meta, "date", kdate);
	}
	/* issuer */
	if (rc == 0) {
		const char *iss = m.issuer_label;
		char *site = S_get(&m, "og:site_name") != NULL ? S_trim_dup(&m, S_get(&m, "og:site_name")) : NULL;
		if (site != NULL)
			S_undouble(site);
		if (iss == NULL)
			iss = m.official;
		/* what follows names the site, which may only carry the release:
		 * the body's "About X" may name its issuer (hfacts.c) */
		page->issuer_weak = iss == NULL;
		if (iss == NULL)
			iss = site;
		if (iss == NULL && ld != NULL) {
			json_t *pub = json_object_get(ld, "publisher");
			iss = json_is_object(pub) ? S_ld_str(pub, "name") : (json_is_string(pub) ? json_string_value(pub) : NULL);
		}
		if (iss == NULL)
			iss = S_get(&m, "application-name");
		if (iss == NULL)
			iss = S_get(&m, "sitename");
		/* a wire's site carries other people's releases: their author
		 * meta names the company (the dateline may name it too) */
		if (iss != NULL && grel_is_wire(iss, strlen(iss)) && S_get(&m, "author") != NULL &&
			!S_absolute(S_get(&m, "author"))) {
			iss = S_get(&m, "author");
			page->issuer_weak = 0;
		}
		/* a bare domain ("whitehouse.gov") is the weakest of names */
		char *header = NULL;
		if ((iss == NULL || (strchr(iss, ' ') == NULL && strchr(iss, '.') != NULL)) && m.h1 != NULL && m.nh1 == 1)
			header = S_header_org(&m, m.h1);
		if (header != NULL)
			iss = header;
		if (iss == NULL)
			iss = title_site;
		if (iss == NULL)
			iss = m.logo_name;
		if (iss == NULL)
			iss = m.copyright;
		rc = S_set(meta, "issuer", iss);
		galley_free(header);
		galley_free(site);
	}
	/* category */
	if (rc == 0) {
		const char *cat = S_get(&m, "article:section");
		if (cat == NULL && ld != NULL)
			cat = S_ld_str(ld, "articleSection");
		if (cat == NULL && kicker != NULL) {
			/* "MEDIA ADVISORY", "PRESS RELEASE": a kind set in capitals
			 * is named as the text reader names it */
			int ci = grel_find(kicker, strlen(kicker), grel_list(GREL_TABLE_CATEGORY));
			int caps = 0;
			for (const char *c = kicker; *c && caps >= 0; c++)
				caps = *c >= 'a' && *c <= 'z' ? -1 : caps + (*c >= 'A' && *c <= 'Z');
			cat = ci >= 0 && caps >= 2 ? grel_list(GREL_TABLE_CATEGORY)[ci] : kicker;
		}
		if (cat == NULL)
			cat = m.category_crumb;
		rc = S_set(meta, "category", cat);
	}
	/* A release's title is its headline. The Readability convention keeps
	 * the site's name on ("How to Build a Terrarium | eHow"); a page whose
	 * category names a kind of release gets the headline alone when its
	 * title is the one h1, a separator and the issuing site's name. */
	if (rc == 0 && page->title != NULL && m.nh1 == 1 && m.h1 != NULL &&
		S_release_kind(galley_meta_get(meta, "category"))) {
		char *h1t = S_node_text(&m, m.h1);
		const char *names[] = {galley_meta_get(meta, "issuer"), sites[0], sites[1], sites[2], sites[3], sites[4]};
		if (h1t != NULL && S_head_and_site(page->title, h1t, names, sizeof names / sizeof names[0])) {
			rc = galley_meta_set(meta, "title", h1t);
			galley_free(page->title);
			page->title = h1t;
			h1t = NULL;
		}
		galley_free(h1t);
	}
	/* language */
	if (rc == 0)
		rc = S_set_lang(meta, m.html_lang);
	if (rc == 0)
		rc = S_set_lang(meta, S_get(&m, "content-language"));
	if (rc == 0)
		rc = S_set_lang(meta, S_get(&m, "dc:language"));
	if (rc == 0)
		rc = S_set_lang(meta, S_get(&m, "language"));
	if (rc == 0 && ld != NULL)
		rc = S_set_lang(meta, S_ld_str(ld, "inLanguage"));
	if (rc == 0)
		rc = S_set_lang(meta, S_get(&m, "og:locale"));
	/* source */
	if (rc == 0)
		rc = S_set(meta, "source", canon != NULL ? canon : (og_url != NULL ? og_url : m.canonical));
	/* description */
	if (rc == 0) {
		const char *d = S_get(&m, "description");
		if (d == NULL)
			d = S_get(&m, "og:description");
		if (d == NULL)
			d = S_get(&m, "twitter:description");
		if (d == NULL && ld != NULL)
			d = S_ld_str(ld, "description");
		rc = S_set(meta, "description", d);
	}
	/* authors */
	if (rc == 0) {
		static const char *const ak[] = {"author", "dc:creator", "article:author", "parsely-author",
			"sailthru:author", NULL};
		for (size_t i = 0; rc == 0 && ak[i]; i++) {
			for (size_t k = 0; rc == 0 && k < m.npairs; k++)
				if (strcmp(m.pairs[k].key, ak[i]) == 0 && *m.pairs[k].value && !S_absolute(m.pairs[k].value))
					rc = galley_meta_add(meta, "authors", m.pairs[k].value);
			if (galley_meta_count(meta, "authors") > 0)
				break;
		}
		if (rc == 0 && galley_meta_count(meta, "authors") == 0 && ld != NULL)
			S_ld_names(meta, "authors", json_object_get(ld, "author"), &rc);
		if (rc == 0 && galley_meta_count(meta, "authors") == 0 && m.byline != NULL) {
			const char *bl = m.byline;
			if (strncasecmp(bl, "by ", 3) == 0)
				bl += 3;
			rc = galley_meta_add(meta, "authors", bl);
		}
	}
	/* keywords */
	if (rc == 0) {
		S_seen seen = {NULL, 0, 0};
		rc = S_add_list(meta, &seen, "keywords", S_get(&m, "keywords"));
		for (size_t k = 0; rc == 0 && k < m.npairs; k++)
			if (strcmp(m.pairs[k].key, "article:tag") == 0)
				rc = S_add_list(meta, &seen, "keywords", m.pairs[k].value);
		if (rc == 0 && galley_meta_count(meta, "keywords") == 0 && ld != NULL) {
			json_t *kw = json_object_get(ld, "keywords");
			size_t i;
			json_t *one;
			if (json_is_string(kw))
				rc = S_add_list(meta, &seen, "keywords", json_string_value(kw));
			else if (json_is_array(kw))
				json_array_foreach(kw, i, one) if (rc == 0 && json_is_string(one))
					rc = S_add_list(meta, &seen, "keywords", json_string_value(one));
		}
		S_seen_dispose(&seen);
	}
	if (rc == 0)
		rc = S_set(meta, "identifier", m.identifier);
	if (rc == 0 && m.hits >= 0 && galley_meta_get_hits(meta) < 0)
		rc = galley_meta_set_hits(meta, m.hits);
	if (rc == 0 && (page->base == NULL && (m.base_href != NULL || page_url != NULL)))
		rc = GALLEY_ENOMEM;
	/* an allocation that failed after the first check (a title, a site
	 * name) left a field out: that is an error, not a shorter document */
	if (rc == 0 && m.oom)
		rc = GALLEY_ENOMEM;

	for (size_t i = 0; i < m.npairs; i++) {
		galley_free(m.pairs[i].key);
		galley_free(m.pairs[i].value);
	}
	galley_free(m.pairs);
	for (size_t i = 0; i < m.nld; i++)
		json_decref(m.ld_roots[i]);
	galley_free(m.ld_roots);
	for (size_t i = 0; i < m.nheads; i++)
		galley_free(m.heads[i]);
	galley_free(m.doc_title);
	galley_free(m.canonical);
	galley_free(m.base_href);
	galley_free(m.html_lang);
	galley_free(m.time_dt);
	galley_free(m.date_label);
	galley_free(m.category_crumb);
	galley_free(m.copyright);
	galley_free(m.byline);
	galley_free(m.logo_alt);
	galley_free(m.logo_name);
	galley_free(m.title_label);
	galley_free(m.issuer_label);
	galley_free(m.identifier);
	galley_free(m.official);
	galley_free(m.class_title);
	galley_free(m.h1_text);
	galley_free(title_site);
	galley_free(kicker);
	if (rc == GALLEY_ENOMEM)
		return galley_error(page->ctx, rc, "out of memory reading HTML metadata");
	return rc;
}
