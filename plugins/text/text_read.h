/* text_read.h — the text reader's entry points, shared by the plugin
 * descriptor and the unit tests (which link these sources directly). */
#ifndef GALLEY_TEXT_READ_H
#define GALLEY_TEXT_READ_H

#include <galley/plugin.h>

int text_probe(const char *data, size_t len);
int text_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload);

#endif
