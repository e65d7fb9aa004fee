/* facts.h — what a reader recovered, checked against the facts an
 * .expected.json states (metadata, numbered paragraphs, what must not be in
 * the body, the block shape and the texts). Shared by tests/text and
 * tests/html, so both readers are held to the same notation. */
#ifndef GALLEY_TEST_FACTS_H
#define GALLEY_TEST_FACTS_H

#include <galley/galley.h>
#include <jansson.h>

/* The whole file, NUL-terminated (free() it); NULL when it cannot be read. */
char *facts_slurp(const char *path, size_t *len);
/* Check every fact of exp against doc; print each failure to stderr and
 * a summary naming `name`. Returns the number of failed facts. */
int facts_check(galley_node *doc, json_t *exp, const char *name);
/* Print the shape, texts and metadata of doc (for writing expectations). */
void facts_dump(galley_node *doc);

#endif
