/* galley/sys/zip.h — service: zip packages for writers. */
#ifndef GALLEY_SYS_ZIP_H
#define GALLEY_SYS_ZIP_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Service: zip packages (libzip, written in memory)                  */
/* ------------------------------------------------------------------ */

typedef struct galley_zip galley_zip;

GALLEY_EXTERN galley_zip *galley_zip_new(galley_context *ctx);
/** Add an entry; stored (not compressed) when `store` is set. Entries are
 * written in the order they are added. */
GALLEY_EXTERN int galley_zip_add(galley_zip *z, const char *name, const char *data, size_t len, int store);
/** Finish the archive and append its bytes to out; frees z. */
GALLEY_EXTERN int galley_zip_finish(galley_zip *z, galley_buffer *out);
/** Abandon an archive; frees z. */
GALLEY_EXTERN void galley_zip_discard(galley_zip *z);

#ifdef __cplusplus
}
#endif
#endif
