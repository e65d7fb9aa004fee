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
/** Add an entry whose data is deflated already (raw deflate, RFC 1951),
 * such as a fixed part compressed at build time: `size` bytes once
 * inflated, with that CRC-32. The data is borrowed until the archive is
 * finished or discarded. */
GALLEY_EXTERN int galley_zip_add_deflated(galley_zip *z, const char *name, const void *data, size_t len, size_t size,
	unsigned long crc);
/** One piece of an entry for galley_zip_add_pieces(): its bytes, and
 * optionally their raw deflate stream made already (at build time, say):
 * for a piece before the last, byte-aligned blocks none of which is final
 * (what zlib's Z_SYNC_FLUSH ends with); for the last, a whole stream. */
typedef struct galley_zip_piece {
	const char *data;
	size_t len;
	const void *deflated; /* NULL: the bytes go into stored deflate blocks */
	size_t deflated_len;
} galley_zip_piece;
/** Add a deflated entry made of pieces, in order: those deflated already
 * are copied as they are, the others stored in deflate blocks, so only
 * bytes made for this archive are new work (a fixed part with a few bytes
 * of the document's in it). Every piece's bytes are read for the CRC-32;
 * nothing is borrowed. */
GALLEY_EXTERN int galley_zip_add_pieces(galley_zip *z, const char *name, const galley_zip_piece *pieces, size_t npieces);
/** Finish the archive and append its bytes to out; frees z. */
GALLEY_EXTERN int galley_zip_finish(galley_zip *z, galley_buffer *out);
/** Abandon an archive; frees z. */
GALLEY_EXTERN void galley_zip_discard(galley_zip *z);

/* Reading one (a writer's input such as a reference document): the whole
 * file is read in (at most 64 MiB), members looked up by name. */
typedef struct galley_unzip galley_unzip;

/** Open the zip archive at path; NULL with the error on ctx, naming the
 * file ("PATH: not a zip archive (...)", "PATH: No such file..."). */
GALLEY_EXTERN galley_unzip *galley_unzip_open(galley_context *ctx, const char *path);
/** Append member name's bytes to out: 0; GALLEY_ENOTFOUND (nothing set on
 * the context) when there is none; another negative code with the error
 * set (naming the archive and member) when it cannot be read (damaged, a
 * CRC that does not match, larger than 64 MiB). */
GALLEY_EXTERN int galley_unzip_read(galley_unzip *u, const char *name, galley_buffer *out);
GALLEY_EXTERN void galley_unzip_close(galley_unzip *u);

#ifdef __cplusplus
}
#endif
#endif
