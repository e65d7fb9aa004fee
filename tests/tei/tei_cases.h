/* tei_cases.h — document trees that exercise every part of the TEI writer,
 * shared by the unit tests and by the generator the conformance test runs. */
#ifndef TEI_CASES_H
#define TEI_CASES_H

#include <galley/galley.h>

typedef struct {
	const char *name;
	/* Build the document; NULL on failure (the context has the message). */
	galley_node *(*build)(galley_context *ctx);
} tei_case;

extern const tei_case tei_cases[];
extern const size_t tei_case_count;

/** The case called name, or NULL. */
const tei_case *tei_case_find(const char *name);

#endif
