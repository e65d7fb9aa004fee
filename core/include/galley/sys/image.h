/* galley/sys/image.h — service: images a writer embeds (never fetched). */
#ifndef GALLEY_SYS_IMAGE_H
#define GALLEY_SYS_IMAGE_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Service: images a writer embeds (never fetched)                    */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *type; /* "image/png", "image/jpeg", "image/gif" */
	const char *ext;  /* "png", "jpeg", "gif" */
	long width, height; /* pixels, from the image's header */
} galley_image_info;

/** 1 with *info filled when data is a PNG, JPEG or GIF (known by its bytes,
 * whatever a name or a data: URI says) whose header gives a size; else 0. */
GALLEY_EXTERN int galley_image_sniff(const void *data, size_t len, galley_image_info *info);
/** 1 when url names a remote resource (a scheme such as http: or mailto:,
 * other than data: and file:, or a "//host" reference): never fetched. */
GALLEY_EXTERN int galley_url_is_remote(const char *url);
/** The bytes of an image to embed: a data: URI (base64), or a relative path
 * (percent-decoded) taken from the folder of `base` (an input's file name;
 * NULL: the context's input name; "-" or no folder: the current one) that
 * stays inside that folder (no ".." component, no symlink out of it).
 * Absolute paths and file: URLs are not taken (in a web page "/a.png" is
 * the site's, not this machine's), nor remote URLs (never fetched).
 * 1 with the bytes appended to out and *info filled; 0 when it is not
 * embedded (missing, refused, not PNG/JPEG/GIF, above 32 MiB: said at
 * INFO); GALLEY_ENOMEM with the error set. */
GALLEY_EXTERN int galley_image_load(galley_context *ctx, const char *base, const char *url, galley_buffer *out,
	galley_image_info *info);

#ifdef __cplusplus
}
#endif
#endif
