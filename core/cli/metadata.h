/* metadata.h — -M KEY=VALUE, the same in single and batch mode. */
#ifndef GALLEY_CLI_METADATA_H
#define GALLEY_CLI_METADATA_H

#include <galley/galley.h>

/* 0 when arg is a KEY=VALUE galley can set (hits wants a number), else -1
 * with the message ("-M wants KEY=VALUE, not 'x'") in err. */
int galley_cli_metadata_check(const char *arg, char *err, size_t errsize);

/* Apply the -M arguments in order: an empty VALUE removes the field; the
 * first -M of a list key (authors, keywords) replaces what the reader
 * found, each later one adds a value. 0, or -1 with the index of the
 * argument that could not be set in *bad. */
int galley_cli_metadata_apply(galley_node *doc, const char *const *args, size_t n, size_t *bad);

#endif
