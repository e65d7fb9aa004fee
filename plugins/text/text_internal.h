/* text_internal.h — what the text reader's files share: its lines and
 * units, the reader's state, and the pass each file holds (text_read.c:
 * lines and the entry point; text_header.c: the header zone;
 * text_units.c: the body as units; text_tree.c: the tree). */
#ifndef GALLEY_TEXT_INTERNAL_H
#define GALLEY_TEXT_INTERNAL_H

#include <stdint.h>

#include "text_read.h"
#include "release.h"

typedef struct {
	const char *s;
	size_t len; /* trimmed; 0 for blank and whitespace-only lines */
} txt_line;

typedef enum {
	U_PARA, U_NUM, U_SUB, U_BOX, U_NOTE, U_HEADING, U_BREAK, U_CONTACT,
	U_END, U_DISCLAIMER, /* paragraphs the release pass drops */
	U_DROP
} txt_kind;

/* A unit per paragraph of the text: small, as a text of short paragraphs
 * has nearly as many units as bytes / 10. */
typedef struct {
	char *data;
	uint32_t len, cap; /* cap 0: borrowed; else NUL-terminated, cap bytes allocated */
} txt_text;

typedef struct {
	long num;          /* NUM: its number */
	uint32_t first, nlines; /* its lines (r->lines; S_split_lines bounds their count) */
	uint32_t skip;     /* bytes of marker before the text (SUB/BOX/NOTE) */
	uint8_t kind;      /* txt_kind */
	int8_t marker;     /* marker kind (SUB/BOX), heading level; -1 none */
	uint8_t closing;   /* a signature line after the end mark: never a heading */
	uint8_t oom;       /* growing the text failed (or it would pass 4 GiB) */
	/* The unit's text. A unit of one line borrows the line (cap 0, not
	 * NUL-terminated): most units are one line, and a copy each took more
	 * memory than the tree. txt_unit_own() copies it before it grows. 40
	 * bytes a unit in all, not 56 with a galley_buffer. */
	txt_text text;
} txt_unit;

typedef struct {
	galley_context *ctx;
	galley_builder *b;
	galley_meta *meta;
	txt_line *lines;   /* until the units are made (then NULL) */
	size_t nlines;
	uint32_t *lens;    /* while the tree is built: the lengths of the lines of
			    * units of several lines, unit after unit */
	/* the units, in chunks of TXT_UNIT_CHUNK (txt_unit_at()): they never
	 * move, and the tree pass frees each chunk once it is in the tree */
	txt_unit **unit_chunks;
	size_t nunits, capchunks;
	long last_num;
	size_t profile;    /* 1 + the unit of a company profile printed twice, or 0 */
	int date_labelled; /* the date came from a labelled line ("Published on ...") */
	int oom;
} txt_reader;

#define TXT_UNIT_CHUNK 4096
static inline txt_unit *txt_unit_at(const txt_reader *r, size_t k)
{
	return &r->unit_chunks[k / TXT_UNIT_CHUNK][k % TXT_UNIT_CHUNK];
}
/* Free the units of chunk c (its pointer becomes NULL). */
void txt_units_free_chunk(txt_reader *r, size_t c);

/* text_read.c: lines, and what more than one pass asks of a line. */
extern const char *const txt_issuer_labels[];
extern const char *const txt_trailer_labels[];
int txt_is_one_of(const char *s, size_t len, const char *const *table);
int txt_issuer_label(const char *s, size_t len, grel_span *v);
void txt_join(txt_unit *u, const txt_line *l);
/* Make a borrowed unit text its own (before appending to it). */
void txt_unit_own(txt_unit *u);
void txt_unit_dispose(txt_unit *u);
/* Append to a unit's own text (txt_unit_own() first); failure sets u->oom. */
void txt_unit_append(txt_unit *u, const char *s, size_t n);
int txt_all_caps(const char *s, size_t len);
int txt_starts_item(const txt_line *l);
/* Ends like a sentence: ". ! ? 。 ！ ？", also before a closing quote. */
int txt_sentence_end(const char *s, size_t len);
/* A line of a whole paragraph that ends it (no blank line needed). */
int txt_ends_block(const txt_line *l);
int txt_identifier(const char *s, size_t len);

/* text_header.c: the header (zone) of the text; returns the first body line. */
size_t txt_header(txt_reader *r, int *rc);
/* text_units.c: the body as units, then headings among them. */
int txt_body(txt_reader *r, size_t from);
int txt_classify(txt_reader *r);
/* text_tree.c: the units through the builder; the body's language. */
/* Consumes the units: each chunk is freed once it is in the tree. */
int txt_emit(txt_reader *r);
int txt_language(txt_reader *r, galley_node *doc);

#endif
