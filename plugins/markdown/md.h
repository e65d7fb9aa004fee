/* md.h — private to the markdown plugin: the renderer state shared by the
 * block walk (md_write.c), the inline escaper (md_inline.c) and the YAML
 * front matter (md_meta.c). */
#ifndef GALLEY_MD_H
#define GALLEY_MD_H

#include <galley/galley.h>
#include <galley/plugin.h>
#include <stdint.h>

/* Character classes as CommonMark's flanking rules see them. UNKNOWN is a
 * character our small table cannot place: escapes treat it as risky. */
enum { MD_CC_WS, MD_CC_PUNCT, MD_CC_OTHER, MD_CC_UNKNOWN };

/* Pseudo code points for what follows a node. */
#define MD_CP_EOL (-1)   /* end of the line / block */
#define MD_CP_OPEN (-2)  /* an inline opener (emphasis, raw HTML): punctuation */

typedef struct md_emph {
	size_t pos;  /* where the opener starts in out */
	char ch;     /* '*' or '_' (0 once it fell back to raw HTML) */
	int len;     /* 1 for emph, 2 for strong */
} md_emph;

typedef struct md_list {
	int ordered;
	int tight;
	char mark;   /* '-' or '*' for bullets, '.' or ')' for ordered */
	long number; /* of the next item */
	size_t width; /* of the current item's marker */
} md_list;

typedef struct md_state {
	galley_context *ctx;
	galley_buffer *out;
	galley_iter *it;
	galley_buffer prefix;  /* what every continuation line starts with */
	int gfm;
	int wrap;              /* 0 none, -1 preserve newlines, N > 0 columns */
	int pending;           /* newlines owed: 1 end the line, 2 leave a blank line */
	int begin_content;     /* at the start of a line: line-start escapes apply */
	int marker_only;       /* the line holds only a list item's marker so far */
	int just_opened;       /* an inline opener was just written: no line break here */
	size_t col;            /* display column of the current line */
	size_t body_start;     /* out->len where the body began */
	int in_heading;        /* inside an ATX heading: one line, no wrapping */
	int in_link;           /* inside link text or image alt: escape ']' */
	int no_wrap;           /* > 0: no line breaks (code written as raw HTML) */
	int in_pipe;           /* inside a GFM pipe table row */
	int html;              /* > 0 inside a raw HTML table: everything is HTML */
	int after_note;        /* the last thing written is a footnote reference */
	const galley_node *note_root; /* the note whose definition is being written */

	md_emph *emph;
	size_t nemph, capemph;
	md_list *lists;
	size_t nlists, caplists;
	const galley_node **notes;
	size_t nnotes, capnotes;

	size_t list_end_pos;   /* out->len right after the last list ended */
	int list_end_ordered;
	const galley_node *cf_from;  /* S_content_follows: a blank run already scanned */
	int cf_result;         /* ... and its answer */
	char list_end_mark;
	int oom;
} md_state;

/* md_inline.c */
int md_char_class(int32_t cp);
/** Decode one UTF-8 code point at s[0..len) with the SDK's decoder;
 * stores its byte length in *n (at least 1; invalid bytes decode as
 * U+FFFD, the end of the text as MD_CP_EOL). Inline: the escaping calls
 * it for every character. */
static inline int32_t md_utf8_decode(const char *s, size_t len, size_t *n)
{
	unsigned long cp;
	size_t k = galley_utf8_next(s, len, &cp);
	if (k == 0) {
		*n = 1;
		return len == 0 ? MD_CP_EOL : 0xFFFD;
	}
	*n = k;
	return (int32_t)cp;
}
/** Display width of a code point (2 for wide CJK, 0 for combining marks). */
int md_cp_width(int32_t cp);
/** The code point that ends out (MD_CP_EOL at the start of a line's content). */
int32_t md_last_cp(const md_state *st);
/** The first code point that the output for `node` will start with, or of
 * whatever follows it when it writes nothing. */
int32_t md_first_cp(const md_state *st, const galley_node *node);
/** The first code point written after `node` (its next sibling, or what
 * closes its parent). */
int32_t md_next_cp(const md_state *st, const galley_node *node);
/** Write text as Markdown inline content, escaping exactly what would
 * change meaning. `next` is what follows the text (md_next_cp). */
void md_text(md_state *st, const char *s, size_t len, int32_t next);
/** Write text escaped for raw HTML (attr: also quotes; pre: keep newlines
 * but never leave a blank line, which would end the HTML block). */
void md_html_text(md_state *st, const char *s, size_t len, int attr, int pre);
/** A link destination: <...> form when it holds spaces or angle brackets. */
void md_destination(galley_buffer *out, const char *url);
/** A link title in double quotes. */
void md_title(galley_buffer *out, const char *title, size_t len);
/** 1 when text has an entity-like "&name;" / "&#123;" / "&#x1F;" at s[0]. */
int md_entity_like(const char *s, size_t len);

/* md_out.c: the output primitives everything else writes through */
/** Append text on the current line (the line is no longer empty). */
void md_put(md_state *st, const char *s, size_t n);
void md_puts(md_state *st, const char *s);
/** Drop the trailing spaces and tabs of the output (not before the body). */
void md_rtrim(md_state *st);
/** Pay the newlines owed by ended blocks, then append. */
void md_flush(md_state *st);
void md_raw(md_state *st, const char *s, size_t len);
void md_newline(md_state *st);
/** A newline that keeps the line's trailing spaces (code). */
void md_newline_verbatim(md_state *st);

/* md_meta.c */
/** YAML front matter for the document's metadata (nothing when it is empty). */
int md_front_matter(md_state *st, const galley_meta *meta);
/** A YAML double-quoted scalar. */
void md_yaml_string(galley_buffer *out, const char *s);

/* The writer entry point (the plugin's write callback). */
int md_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload);

#endif
