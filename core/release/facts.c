/* facts.c — the facts of a release's header as both readers finish them:
 * a title less the label it shares a line with ("Press release: ..."), an
 * issuer read from the title ("MFA Spokesperson's Comments ...") or an
 * attribution line ("A Foreign Office spokesperson said:"), lightly
 * normalised ("MOFA" -> "Ministry of Foreign Affairs", "MINISTRY OF ..." in
 * capitals -> "Ministry of ..."), and the lines of a page that are its
 * furniture whatever the site (comment forms, CMS filing lines, share
 * residue, image file names, reference-only notices). */
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

/* An acronym is 2 to 8 capitals ("UN", "MOFCOM"), perhaps with small
 * letters inside ("MoFA"), never more than 8 bytes. */
#define S_ACRONYM_MAX 8
/* The organisation before "Spokesperson" in a title is a few words. */
#define S_TITLE_ORG_WORDS 5
/* Words of a line of page furniture that names an image file
 * ("1.13.(월).jpg 이미지입니다.", "photo_01.png"). */
#define S_IMAGE_LINE_WORDS 4
/* A call to follow a site elsewhere is one short line. */
#define S_FOLLOW_WORDS 10

static int S_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int S_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int S_small(int c) { return c >= 'a' && c <= 'z'; }

/* ------------------------------------------------------------------ */
/* Page furniture                                                      */
/* ------------------------------------------------------------------ */

/* Whole lines of page furniture that no release writes (the chrome list
 * of release.c holds buttons and menu words; these are the longer lines
 * of templates, plugins and CMSs). */
static const char *const S_furniture[] = {
	"top of page", "bottom of page", "back to top of page", "content shortcut", "skip to content shortcut",
	"image_pdfimage_print", "placeholder", "Leave a Reply", "Leave a comment", "Leave a Comment",
	"Post navigation", "Share this:", "Like this:", "Loading...", "Related", "Print this article",
	"Print Friendly, PDF & Email", "跳过导航", "跳至主要内容", "跳到主要内容", "跳過導航", "跳至主要內容",
	"メインコンテンツへスキップ", "本文へスキップ", "콘텐츠 영역", "본문 영역", "본문 시작", "본문내용",
	"Saltar al contenido principal", "Ir al contenido", "Ir al contenido principal", "Passer au contenu",
	"View Original", "writer", "Posted by", "Documents connexes", "Documentos relacionados", "Related documents", "Verwandte Dokumente",
	NULL
};

/* Lines of page furniture by how they begin: comment forms, CMS filing
 * lines, wire adverts and logos, reference-only notices. */
static const char *const S_furniture_starts[] = {
	"Your email address will not be published", "You can follow any responses to this entry",
	"You must be logged in to post a comment", "This item was filled under", "This item was filed under",
	"This entry was posted in", "This entry was posted on", "Filed under:", "Posted in:",
	"This article has been migrated from an earlier version", "(Logo:", "Logo:", "(Photo:",
	"(To view the Multimedia News Release", "To view the original version on", "View original content",
	"(All information published on this website is authentic",
	"All information published on this website is authentic", NULL
};

/* Links to the full text elsewhere, ending a short line: "Pour lire le
 * texte intégral du communiqué, cliquez ici.", "Click here". */
static const char *const S_link_ends[] = {
	"click here", "click here.", "cliquez ici", "cliquez ici.", "haga clic aquí", "haga clic aquí.",
	"pulse aquí", "pulse aquí.", "hier klicken", "hier klicken.", "klicken Sie hier", "klicken Sie hier.",
	"read more", "read more.", "more...", "lire la suite", "mehr", "weiterlesen", NULL
};
#define S_LINK_LINE_MAX 120

/* Notices that the page is a courtesy copy, anywhere in a short line
 * (two screen lines and a half: a sentence, not a paragraph). */
#define S_NOTICE_MAX 200
static const char *const S_reference_only[] = {
	"provided for reference only", "for reference only.", "for reference purposes only",
	"is authentic in Chinese", "nur zur Information", "à titre indicatif", NULL
};

/* A line that only names an image file, with perhaps its alt text. */
static int S_image_line(const char *s, size_t len)
{
	static const char *const ext[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", NULL};
	if (grel_words(s, len) > S_IMAGE_LINE_WORDS)
		return 0;
	for (size_t k = 0; ext[k]; k++) {
		size_t el = strlen(ext[k]);
		for (size_t i = 1; i + el <= len; i++) {
			if (!grel_eq_fold(s + i, el, ext[k]))
				continue;
			unsigned char after = i + el < len ? (unsigned char)s[i + el] : ' ';
			if (after == ' ' || after == ')' || after == ']' || after == '"')
				return 1;
		}
	}
	return 0;
}

/* "Follow us on Twitter", "Follow Foreign Office ministers on Twitter:":
 * a call to follow the site elsewhere. */
static int S_follow_line(const char *s, size_t len)
{
	static const char *const nets[] = {" on Twitter", " on X", " on Facebook", " on LinkedIn", " on Instagram",
		" on YouTube", " auf Twitter", " sur Twitter", " en Twitter", NULL};
	static const char *const calls[] = {"Follow ", "Folgen Sie ", "Suivez ", "Síguenos ", "Siga ", NULL};
	int call = 0;
	for (size_t i = 0; calls[i] && !call; i++)
		call = grel_starts_fold(s, len, calls[i]);
	if (!call || grel_words(s, len) > S_FOLLOW_WORDS)
		return 0;
	for (size_t i = 0; nets[i]; i++)
		if (grel_contains_fold(s, len, nets[i]))
			return 1;
	return 0;
}

/* A CMS shortcode left in the text: "[php snippet=5]", "[gallery ids=1,2]",
 * "[/caption]": a bracketed word of small letters, "=" inside or a '/'. */
static int S_shortcode(const char *s, size_t len)
{
	if (len < 3 || s[0] != '[' || s[len - 1] != ']' || memchr(s + 1, '[', len - 2))
		return 0;
	size_t i = 1;
	if (s[i] == '/')
		i++;
	size_t w = i;
	while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || s[i] == '-'))
		i++;
	if (i == w)
		return 0;
	return s[1] == '/' || memchr(s, '=', len) != NULL;
}

int grel_is_furniture(const char *text, size_t len)
{
	if (!text)
		return 0;
	grel_span t = grel_trim(text, len);
	if (!t.len)
		return 0;
	if (grel_find(t.s, t.len, S_furniture) >= 0)
		return 1;
	for (size_t i = 0; S_furniture_starts[i]; i++)
		if (grel_starts_fold(t.s, t.len, S_furniture_starts[i]))
			return 1;
	if (t.len <= S_LINK_LINE_MAX)
		for (size_t i = 0; S_link_ends[i]; i++) {
			size_t el = strlen(S_link_ends[i]);
			if (t.len >= el && grel_eq_fold(t.s + t.len - el, el, S_link_ends[i]) &&
			    (t.len == el || t.s[t.len - el - 1] == ' ' || t.s[t.len - el - 1] == ','))
				return 1;
		}
	if (t.len <= S_NOTICE_MAX)
		for (size_t i = 0; S_reference_only[i]; i++)
			if (grel_contains_fold(t.s, t.len, S_reference_only[i]))
				return 1;
	return S_image_line(t.s, t.len) || S_follow_line(t.s, t.len) || S_shortcode(t.s, t.len);
}

/* ------------------------------------------------------------------ */
/* Titles                                                              */
/* ------------------------------------------------------------------ */

/* Labels that share the headline's line: "Headline: ...", "Title: ...". */
static const char *const S_title_labels[] = {
	"Headline", "Title", "Subject", "제목", "Titel", "Überschrift", "Titre", "Objet", "Título", "Asunto",
	"件名", "タイトル", "标题", "題名", NULL
};

/* The label before a ':' that opens s: a title label or a kind of release
 * ("Press release: ..."); the bytes up to the text after it, else 0. */
static size_t S_title_label(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	size_t cl = 1;
	for (size_t i = 0; i + 3 <= len && (!colon || (size_t)(colon - s) > i); i++)
		if (!memcmp(s + i, "：", 3)) {
			colon = s + i;
			cl = 3;
			break;
		}
	if (!colon || colon == s)
		return 0;
	grel_span label = grel_trim(s, (size_t)(colon - s));
	if (grel_find(label.s, label.len, S_title_labels) < 0 && grel_find(label.s, label.len, grel_list(GREL_TABLE_CATEGORY)) < 0)
		return 0;
	size_t k = (size_t)(colon - s) + cl;
	grel_span rest = grel_trim(s + k, len - k);
	return rest.len ? (size_t)(rest.s - s) : 0;
}

grel_span grel_title_clean(const char *s, size_t len)
{
	grel_span t = grel_trim(s, len);
	size_t skip = S_title_label(t.s, t.len);
	t.s += skip;
	t.len -= skip;
	/* A dash or bar left hanging at the end: "Headline -", "Headline |". */
	for (;;) {
		grel_span u = grel_trim(t.s, t.len);
		size_t n = u.len;
		if (n >= 2 && (u.s[n - 1] == '-' || u.s[n - 1] == '|') && u.s[n - 2] == ' ')
			n -= 1;
		else if (n >= 4 && (!memcmp(u.s + n - 3, "–", 3) || !memcmp(u.s + n - 3, "—", 3)) && u.s[n - 4] == ' ')
			n -= 3;
		else
			return u;
		t.s = u.s;
		t.len = n;
	}
}

/* ------------------------------------------------------------------ */
/* Issuers                                                             */
/* ------------------------------------------------------------------ */

/* Acronyms (and short forms) that name an organisation in releases,
 * spelt out. */
static const struct {
	const char *acronym, *name;
} S_acronyms[] = {
	{"MOFA", "Ministry of Foreign Affairs"}, {"MFA", "Ministry of Foreign Affairs"},
	{"Foreign Ministry", "Ministry of Foreign Affairs"},
	{"MoFA", "Ministry of Foreign Affairs"}, {"MOFAT", "Ministry of Foreign Affairs and Trade"},
	{"MOFCOM", "Ministry of Commerce"}, {"MOD", "Ministry of Defence"}, {"MoD", "Ministry of Defence"},
	{"MEA", "Ministry of External Affairs"}, {"FCO", "Foreign and Commonwealth Office"},
	{"FCDO", "Foreign, Commonwealth & Development Office"}, {"IMF", "International Monetary Fund"},
	{"UN", "United Nations"}, {"WHO", "World Health Organization"}, {"EU", "European Union"},
	{"OECD", "OECD"}, {"NATO", "NATO"}, {"WTO", "World Trade Organization"},
	{"UNICEF", "UNICEF"}, {"UNHCR", "UNHCR"}, {"UNDP", "UNDP"},
};
#define S_NACRONYMS (sizeof S_acronyms / sizeof S_acronyms[0])

static int S_acronym_index(const char *s, size_t len)
{
	for (size_t i = 0; i < S_NACRONYMS; i++)
		if (strlen(S_acronyms[i].acronym) == len && !memcmp(s, S_acronyms[i].acronym, len))
			return (int)i;
	return -1;
}

/* "MOFA", "OECD", "MoFA": two capitals or more, letters only, short. */
static int S_acronym(const char *s, size_t len)
{
	size_t caps = 0;
	if (len < 2 || len > S_ACRONYM_MAX || !S_upper((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (S_upper((unsigned char)s[i]))
			caps++;
		else if (!S_small((unsigned char)s[i]))
			return 0;
	}
	return caps >= 2 && caps * 2 >= len;
}

/* Words that say who speaks for an organisation, after its name in a
 * title ("MFA Spokesperson's Comments", "IMF Staff Statement", "Foreign
 * Office statement on ..."). */
static const char *const S_title_roles[] = {
	"Spokesperson", "Spokesperson's", "Spokesperson’s", "Spokesman", "Spokesman's", "Spokesman’s",
	"Spokeswoman", "Spokeswoman's", "Spokeswoman’s", "Staff", "statement", "Statement", "Press",
	"to", /* "Foreign Ministry to Hold ..." */
	NULL
};

static int S_is_role_word(const char *s, size_t len)
{
	for (size_t i = 0; S_title_roles[i]; i++)
		if (grel_eq_fold(s, len, S_title_roles[i]))
			return 1;
	return 0;
}

/* The organisation that opens s before a role word: capitalised words
 * or an acronym ("MFA", "Foreign Office", "Chinese Foreign Ministry"),
 * which must be an organisation (a known acronym or a word naming one). */
static grel_span S_org_before_role(const char *s, size_t len)
{
	grel_span none = {NULL, 0};
	size_t i = 0, words = 0, end = 0;
	while (i < len && words <= S_TITLE_ORG_WORDS) {
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		if (j == i)
			break;
		if (words > 0 && S_is_role_word(s + i, j - i)) {
			grel_span org = grel_trim(s, end);
			size_t a = org.len;
			/* one acronym, or words that name an organisation */
			if ((words == 1 && S_acronym(org.s, a)) || grel_org_like(org.s, a))
				return org;
			return none;
		}
		if (!S_upper((unsigned char)s[i]))
			return none;
		words++;
		end = j;
		i = j;
		while (i < len && s[i] == ' ')
			i++;
	}
	return none;
}

/* Where a title names whose something is: "of the ...", "du ...". */
static const char *const S_of[] = {" of the ", " of ", " du ", " de la ", " des ", " de l’", " de l'", " del ",
	" de los ", " der ", NULL};

/* Small words inside an organisation's name. */
static const char *const S_name_joins[] = {"of", "and", "for", "the", "on", "&", "de", "des", "du", "et", "la",
	"le", "für", "und", "der", "y", "del", NULL};

static int S_is_join(const char *s, size_t len)
{
	for (size_t i = 0; S_name_joins[i]; i++)
		if (strlen(S_name_joins[i]) == len && !memcmp(s, S_name_joins[i], len))
			return 1;
	return 0;
}

/* The capitalised words that open s, small joining words inside
 * ("Ministry of Oceans and Fisheries"); stops at punctuation. */
static grel_span S_capitalised_name(const char *s, size_t len)
{
	size_t i = 0, end = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != ':' && s[j] != '(')
			j++;
		if (j == i)
			break;
		unsigned char c = (unsigned char)s[i];
		if (S_upper(c) || (c >= 0xC3 && c <= 0xC5 && i + 1 < len)) /* Latin capitals with accents too */
			end = j;
		else if (!S_is_join(s + i, j - i))
			break;
		if (j < len && s[j] != ' ')
			break;
		i = j + 1;
	}
	grel_span r = {s, end};
	return r;
}

/* The name starts with the word that makes it an organisation ("Ministry
 * of ...", "Department of ..."), not a person's title. */
static int S_org_first(const char *s, size_t len)
{
	size_t j = 0;
	while (j < len && s[j] != ' ')
		j++;
	return grel_org_like(s, j);
}

/* Verbs of a corporate announcement after the company's name in a
 * wire headline. */
static const char *const S_announce_verbs[] = {
	"Announces", "Celebrates", "Reports", "Launches", "Unveils", "Introduces", "Appoints", "Acquires",
	"Completes", "Declares", "Prices", "Debuts", "Kündigt", "Annonce", "Anuncia", "Lanza", NULL
};
/* People's offices: "Minister Announces ..." names a person, not an issuer. */
static const char *const S_offices[] = {
	"Minister", "President", "Secretary", "Chancellor", "Premier", "Governor", "Mayor", "Ambassador",
	"Spokesperson", "Spokesman", "Director", "Commissioner", "Chairman", "Chair", "CEO", "Minister's", NULL
};
/* A company's name in a headline is a few words. */
#define S_PROFILE_NAME_WORDS 4

int grel_issuer_from_title(galley_meta *meta)
{
	const char *title = galley_meta_get(meta, "title");
	if (!title || galley_meta_get(meta, "issuer"))
		return 0;
	size_t len = strlen(title);
	grel_span org = S_org_before_role(title, len);
	if (org.len)
		return grel_meta_set(meta, "issuer", org.s, org.len);
	/* "PR Newswire Celebrates 50 Years ...", "Nortech Systems Announces
	 * ...": a company's name before the verb of a corporate announcement. */
	for (size_t i = 1; i < len; i++) {
		if (title[i - 1] != ' ')
			continue;
		size_t j = i;
		while (j < len && title[j] != ' ')
			j++;
		int verb = 0;
		for (size_t v = 0; S_announce_verbs[v] && !verb; v++)
			verb = strlen(S_announce_verbs[v]) == j - i && !memcmp(title + i, S_announce_verbs[v], j - i);
		if (verb) {
			grel_span name = grel_trim(title, i);
			grel_span cap = S_capitalised_name(name.s, name.len);
			size_t w = grel_words(name.s, name.len);
			/* "Ministry Launches ...": a bare common noun names no one */
			int office = 0;
			for (size_t o = 0; S_offices[o] && !office; o++)
				office = grel_contains_fold(name.s, name.len, S_offices[o]);
			if (cap.len == name.len && w <= S_PROFILE_NAME_WORDS && !office && !(w == 1 && grel_org_like(name.s, name.len)))
				return grel_meta_set(meta, "issuer", name.s, name.len);
			break;
		}
		if (!S_upper((unsigned char)title[i]) && !S_is_join(title + i, j - i))
			break;
	}
	/* "외교부, 한·중 ... 개최": an organisation, a comma, the news. */
	const char *comma = memchr(title, ',', len);
	if (comma && comma > title && grel_words(title, (size_t)(comma - title)) <= 2 && grel_org_like(title, (size_t)(comma - title)))
		return grel_meta_set(meta, "issuer", title, (size_t)(comma - title));
	/* "Secretary-General of the OECD", "... of the Ministry of Oceans and
	 * Fisheries", "... du Ministère des Affaires étrangères": a known
	 * acronym or an organisation's capitalised name after "of". */
	for (size_t i = 0; S_of[i]; i++) {
		size_t ol = strlen(S_of[i]);
		for (size_t k = 0; k + ol < len; k++) {
			if (memcmp(title + k, S_of[i], ol))
				continue;
			size_t a = k + ol, b = a;
			while (b < len && ((title[b] >= 'A' && title[b] <= 'Z') || (title[b] >= 'a' && title[b] <= 'z')))
				b++;
			if (S_acronym_index(title + a, b - a) >= 0)
				return grel_meta_set(meta, "issuer", title + a, b - a);
			grel_span name = S_capitalised_name(title + a, len - a);
			if (name.len && grel_org_like(name.s, name.len) && S_org_first(name.s, name.len))
				return grel_meta_set(meta, "issuer", name.s, name.len);
		}
	}
	return 0;
}

/* Attribution lines that open a statement and name the speaker's
 * organisation: "A Foreign Office spokesperson said:", "An IMF spokesperson
 * said:". */
int grel_issuer_from_attribution(galley_meta *meta, const char *text, size_t len)
{
	grel_span t = grel_trim(text, len);
	size_t k;
	if (galley_meta_get(meta, "issuer") || !t.len || (t.s[t.len - 1] != ':' && t.s[t.len - 1] != ','))
		return 0;
	if (grel_starts_fold(t.s, t.len, "A "))
		k = 2;
	else if (grel_starts_fold(t.s, t.len, "An "))
		k = 3;
	else if (grel_starts_fold(t.s, t.len, "The "))
		k = 4;
	else
		return 0;
	grel_span org = S_org_before_role(t.s + k, t.len - k);
	if (!org.len)
		return 0;
	/* the rest says that someone spoke */
	grel_span rest = grel_trim(org.s + org.len, (size_t)(t.s + t.len - (org.s + org.len)));
	if (!grel_contains_fold(rest.s, rest.len, " said") && !grel_contains_fold(rest.s, rest.len, " stated"))
		return 0;
	return grel_meta_set(meta, "issuer", org.s, org.len);
}

/* "MINISTRY OF FOREIGN AFFAIRS" in capitals: its words with a capital
 * first, small words ("of", "and", "the") in small letters. */
static void S_title_case(char *s)
{
	static const char *const small[] = {"of", "and", "the", "for", "on", "in", "de", "des", "du", "la", "le",
		"et", "für", "und", "der", "del", "y", NULL};
	size_t i = 0, n = strlen(s), first = 1;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		int keep_small = 0;
		for (size_t k = 0; small[k] && !first; k++)
			if (grel_eq_fold(s + i, j - i, small[k]))
				keep_small = 1;
		for (size_t m = i; m < j; m++)
			if (S_upper((unsigned char)s[m]) && (m > i || keep_small))
				s[m] = (char)S_lower((unsigned char)s[m]);
		first = 0;
		i = j;
		while (i < n && s[i] == ' ')
			i++;
	}
}

/* The initials of the capitalised words of s spell acronym: "North
 * Atlantic Treaty Organization" is "NATO". */
static int S_initials_match(const char *s, size_t len, const char *acro, size_t alen)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if ((i == 0 || s[i - 1] == ' ') && S_upper((unsigned char)s[i])) {
			if (n >= alen || s[i] != acro[n])
				return 0;
			n++;
		}
	}
	return n == alen;
}

/* "NATO - North Atlantic Treaty Organization", "North Atlantic Treaty
 * Organization (NATO)": the name with its acronym, written once. */
int grel_name_and_acronym(const char *s, size_t len, grel_span *name, grel_span *acro)
{
	static const char *const seps[] = {" - ", " – ", " — ", " | ", NULL};
	for (size_t k = 0; seps[k]; k++) {
		size_t sl = strlen(seps[k]);
		for (size_t i = 0; i + sl <= len; i++) {
			if (memcmp(s + i, seps[k], sl))
				continue;
			grel_span a = grel_trim(s, i), b = grel_trim(s + i + sl, len - i - sl);
			if (S_acronym(a.s, a.len) && S_initials_match(b.s, b.len, a.s, a.len)) {
				*acro = a;
				*name = b;
				return 1;
			}
			if (S_acronym(b.s, b.len) && S_initials_match(a.s, a.len, b.s, b.len)) {
				*acro = b;
				*name = a;
				return 1;
			}
			return 0;
		}
	}
	return 0;
}

int grel_issuer_normalise(galley_meta *meta)
{
	const char *issuer = galley_meta_get(meta, "issuer");
	if (!issuer)
		return 0;
	size_t len = strlen(issuer);
	grel_span name, acro;
	int a = S_acronym_index(issuer, len);
	if (a >= 0)
		return galley_meta_set(meta, "issuer", S_acronyms[a].name);
	if (grel_name_and_acronym(issuer, len, &name, &acro)) {
		galley_buffer b = GALLEY_BUFFER_INIT;
		galley_buffer_append(&b, name.s, name.len);
		galley_buffer_puts(&b, " (");
		galley_buffer_append(&b, acro.s, acro.len);
		galley_buffer_putc(&b, ')');
		int rc = b.oom ? GALLEY_ENOMEM : galley_meta_set(meta, "issuer", b.data);
		galley_buffer_dispose(&b);
		return rc;
	}
	/* "MINISTRY OF FOREIGN AFFAIRS SINGAPORE": capitals of a signature. */
	size_t caps = 0, small = 0;
	for (size_t i = 0; i < len; i++) {
		caps += S_upper((unsigned char)issuer[i]);
		small += S_small((unsigned char)issuer[i]);
	}
	if (!small && caps > S_ACRONYM_MAX && grel_words(issuer, len) >= 2) {
		char *v = galley_malloc(len + 1);
		if (!v)
			return GALLEY_ENOMEM;
		memcpy(v, issuer, len + 1);
		S_title_case(v);
		int rc = galley_meta_set(meta, "issuer", v);
		galley_free(v);
		return rc;
	}
	return 0;
}

int grel_finish_meta(galley_meta *meta)
{
	int rc = 0;
	const char *title = galley_meta_get(meta, "title");
	if (title) {
		size_t len = strlen(title);
		grel_span t = grel_title_clean(title, len);
		if (t.len && t.len != len) {
			char *v = galley_malloc(t.len + 1);
			if (!v)
				return GALLEY_ENOMEM;
			memcpy(v, t.s, t.len);
			v[t.len] = '\0';
			rc = galley_meta_set(meta, "title", v);
			galley_free(v);
		}
	}
	title = galley_meta_get(meta, "title");
	if (rc >= 0 && title && !galley_meta_get(meta, "date")) {
		/* "..., in New York, 10 April 2019": a full date in the title. */
		char iso[GREL_DATE_SIZE];
		if (grel_parse_date(title, strlen(title), iso, sizeof iso) >= 0)
			rc = galley_meta_set(meta, "date", iso);
	}
	if (rc >= 0)
		rc = grel_issuer_from_title(meta);
	if (rc >= 0)
		rc = grel_issuer_normalise(meta);
	return rc;
}

/* Stock exchanges a wire release names after its company: "Nortech
 * Systems Incorporated (Nasdaq: NSYS)", "Trex Company (NYSE: TREX)". */
static const char *const S_exchanges[] = {"(NYSE", "(Nasdaq", "(NASDAQ", "(TSX", "(TSXV", "(LSE", "(OTC", "(OTCQB",
	"(OTCQX", "(ASX", "(AMEX", "(NYSE American", "(NYSE MKT", "(Euronext", "(XETRA", "(FWB", "(SIX", "(TYO", "(TSE",
	"(KRX", "(KOSDAQ", "(HKEX", "(SEHK", "(SGX", "(NSE", "(BSE", "(JSE", NULL};

/* A mark ends at text[x - 1] (within a word starting at ws): a bracket,
 * a dash, a slash, general punctuation (U+2000..U+206F: "–", "—", "“"). */
static int S_mark_before(const char *text, size_t ws, size_t x)
{
	unsigned char c = (unsigned char)text[x - 1];
	if (c == ')' || c == '(' || c == '/' || c == '"' || c == '\'' || c == '-')
		return 1;
	return x >= ws + 3 && (unsigned char)text[x - 3] == 0xE2 && ((unsigned char)text[x - 2] == 0x80 ||
								     (unsigned char)text[x - 2] == 0x81);
}

int grel_issuer_from_ticker(galley_meta *meta, const char *text, size_t len)
{
	if (galley_meta_get(meta, "issuer"))
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (text[i] != '(' || text[i - 1] != ' ')
			continue;
		int hit = 0;
		for (size_t k = 0; S_exchanges[k] && !hit; k++) {
			size_t el = strlen(S_exchanges[k]);
			hit = i + el < len && !memcmp(text + i, S_exchanges[k], el) && (text[i + el] == ':' || text[i + el] == ' ');
		}
		if (!hit)
			continue;
		/* back over the capitalised words ("Oragenics, Inc.") to a mark
		 * ("–(BUSINESS WIRE)–Nortech") or a small word */
		size_t end = i - 1, start = end, w = end;
		while (w > 0) {
			size_t ws = w;
			while (ws > 0 && text[ws - 1] != ' ')
				ws--;
			size_t x = w; /* the word is text[ws, w) */
			while (x > ws && !S_mark_before(text, ws, x))
				x--;
			unsigned char c = (unsigned char)text[x];
			if (x == w || !(S_upper(c) || c == '&' || S_is_join(text + x, w - x)))
				break;
			start = x;
			if (x > ws || ws == 0)
				break;
			w = ws - 1;
		}
		grel_span name = grel_trim(text + start, end - start);
		while (name.len && (name.s[0] == ',' || name.s[0] == ' '))
			name = grel_trim(name.s + 1, name.len - 1);
		/* a join word cannot open the name */
		size_t j = 0;
		while (j < name.len && name.s[j] != ' ')
			j++;
		if (name.len && S_is_join(name.s, j))
			name = grel_trim(name.s + j, name.len - j);
		if (name.len && S_upper((unsigned char)name.s[0]))
			return grel_meta_set(meta, "issuer", name.s, name.len);
		return 0;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Datelines                                                           */
/* ------------------------------------------------------------------ */

int grel_issuer_from_follow(galley_meta *meta, const char *text, size_t len)
{
	grel_span t = grel_trim(text, len);
	if (galley_meta_get(meta, "issuer") || !S_follow_line(t.s, t.len))
		return 0;
	size_t k = 0;
	while (k < t.len && t.s[k] != ' ')
		k++;
	grel_span name = S_capitalised_name(t.s + k + 1, t.len - k - 1);
	return name.len && grel_org_like(name.s, name.len) ? grel_meta_set(meta, "issuer", name.s, name.len) : 0;
}

/* A company profile names its subject first: "Meijer is a Grand Rapids,
 * Mich.-based retailer ...", within one screen line. */
#define S_PROFILE_NAME_MAX 80
int grel_issuer_from_profile(galley_meta *meta, const char *text, size_t len)
{
	static const char *const verbs[] = {" is a ", " is an ", " is the ", " ist ein", " est un", " es una ", " es un ", NULL};
	if (galley_meta_get(meta, "issuer"))
		return 0;
	for (size_t v = 0; verbs[v]; v++) {
		size_t vl = strlen(verbs[v]);
		for (size_t i = 1; i + vl <= len && i < S_PROFILE_NAME_MAX; i++) {
			if (memcmp(text + i, verbs[v], vl))
				continue;
			grel_span name = grel_trim(text, i);
			grel_span cap = S_capitalised_name(name.s, name.len);
			if (cap.len == name.len && name.len && grel_words(name.s, name.len) <= S_PROFILE_NAME_WORDS)
				return grel_meta_set(meta, "issuer", name.s, name.len);
			return 0;
		}
	}
	return 0;
}
