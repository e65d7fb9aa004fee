/* galley/sys/formatdata.h — service: a format's data files. */
#ifndef GALLEY_SYS_FORMATDATA_H
#define GALLEY_SYS_FORMATDATA_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Service: format data (formats/NAME/ files, overridable)            */
/* ------------------------------------------------------------------ */

/** The bytes of a format's data file: from the folder given by the
 * "data-dir" option (DIR/FORMAT/NAME) if it exists there, else the
 * embedded default passed in. Appends to out. */
GALLEY_EXTERN int galley_format_data(galley_context *ctx, const char *format, const char *name,
	const char *embedded, size_t embedded_len, galley_buffer *out);

#ifdef __cplusplus
}
#endif
#endif
