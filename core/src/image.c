/* image.c — the images writers embed (DOCX, EPUB): from data: URIs and
 * from local files beside the input, never fetched; PNG, JPEG or GIF, whose
 * type and size come from their own header. One reader of image bytes for
 * every writer, so they embed the same images under the same rules. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Larger images are not embedded. */
#define S_MAX_IMAGE ((size_t)32 << 20)

static unsigned long S_be16(const unsigned char *p)
{
	return ((unsigned long)p[0] << 8) | p[1];
}

static unsigned long S_be32(const unsigned char *p)
{
	return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) | ((unsigned long)p[2] << 8) | p[3];
}

int galley_image_sniff(const void *data, size_t len, galley_image_info *info)
{
	const unsigned char *d = data;
	long w = 0, h = 0;
	const char *type, *ext;

	if (!d || !info)
		return 0;
	if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		type = "image/png", ext = "png";
		w = (long)S_be32(d + 16);
		h = (long)S_be32(d + 20);
	} else if (len >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
		type = "image/gif", ext = "gif";
		w = d[6] | (d[7] << 8);
		h = d[8] | (d[9] << 8);
	} else if (len >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		/* markers up to the frame header: SOF0-15 but DHT (C4), JPG (C8), DAC (CC) */
		size_t i = 2;
		type = "image/jpeg", ext = "jpeg";
		while (i + 4 <= len) {
			unsigned m;
			unsigned long seg;
			if (d[i] != 0xff) /* not a marker: give up */
				return 0;
			m = d[i + 1];
			if (m == 0xff) { /* fill byte */
				i++;
				continue;
			}
			if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) { /* no length */
				i += 2;
				continue;
			}
			seg = S_be16(d + i + 2);
			if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
				if (i + 9 > len)
					return 0;
				h = (long)S_be16(d + i + 5);
				w = (long)S_be16(d + i + 7);
				break;
			}
			if (seg < 2)
				return 0;
			i += 2 + seg;
		}
	} else {
		return 0;
	}
	if (w <= 0 || h <= 0 || w >= 100000 || h >= 100000)
		return 0;
	info->type = type;
	info->ext = ext;
	info->width = w;
	info->height = h;
	return 1;
}

int galley_url_is_remote(const char *url)
{
	const char *p;
	if (!url)
		return 0;
	if (!strncmp(url, "//", 2))
		return 1;
	for (p = url; isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'; p++)
		;
	/* a scheme of two letters or more (C:\ is a path), but data: and file: */
	return *p == ':' && p - url > 1 && strncasecmp(url, "data:", 5) && strncasecmp(url, "file:", 5);
}

static int S_b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* data:[type][;params];base64,DATA — only base64 carries an image. */
static int S_data_uri(const char *url, galley_buffer *out)
{
	const char *comma = strchr(url, ','), *p;
	unsigned long acc = 0;
	int bits = 0;

	if (!comma || comma - url < 12 || strncasecmp(comma - 7, ";base64", 7))
		return 0;
	for (p = comma + 1; *p; p++) {
		int v = S_b64((unsigned char)*p);
		if (v < 0) {
			if (*p == '=' || isspace((unsigned char)*p) || *p == '%')
				continue; /* padding, wrapped lines, an encoded newline's % */
			return 0;
		}
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (galley_buffer_putc(out, (int)((acc >> bits) & 0xff)) < 0)
				return GALLEY_ENOMEM;
		}
		if (out->len > S_MAX_IMAGE)
			return 0;
	}
	return 1;
}

static int S_hex(int c)
{
	return isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10);
}

/* The folder relative images are taken from: the input's, "." for
 * standard input or none. */
static int S_base_dir(const char *base, galley_buffer *dir)
{
	const char *slash = base && strcmp(base, "-") ? strrchr(base, '/') : NULL;
	if (!slash)
		return galley_buffer_puts(dir, ".");
	if (slash == base)
		return galley_buffer_puts(dir, "/");
	return galley_buffer_append(dir, base, (size_t)(slash - base));
}

/* A local file: a relative path (percent-decoded), from the input's folder
 * and inside it. Absolute paths and file: URLs are not taken: in a web page
 * "/images/a.png" is the site's, not this machine's, and a page must not
 * pull a file from elsewhere on the machine into the document. */
static int S_file(galley_context *ctx, const char *base, const char *url, galley_buffer *out)
{
	galley_buffer path = GALLEY_BUFFER_INIT, dir = GALLEY_BUFFER_INIT;
	const char *p, *why = NULL;
	char *rdir = NULL, *rfile = NULL;
	size_t n;
	struct stat st;
	int fd = -1, rc = 0;

	if (!strncasecmp(url, "file:", 5) || url[0] == '/') {
		why = "not a path relative to the input (only those are embedded)";
		goto done;
	}
	if (S_base_dir(base, &dir) < 0 || galley_buffer_putc(&dir, '\0') < 0 ||
		galley_buffer_append(&path, dir.data, dir.len - 1) < 0 || galley_buffer_putc(&path, '/') < 0) {
		rc = GALLEY_ENOMEM;
		goto done;
	}
	for (p = url; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			galley_buffer_putc(&path, S_hex((unsigned char)p[1]) * 16 + S_hex((unsigned char)p[2]));
			p += 2;
		} else {
			galley_buffer_putc(&path, *p);
		}
	}
	if (galley_buffer_putc(&path, '\0') < 0 || path.oom) {
		rc = GALLEY_ENOMEM;
		goto done;
	}
	if (strlen(path.data) != path.len - 1 || strlen(path.data) == dir.len) {
		why = "no path";
		goto done;
	}
	/* never above the input's folder: no "..", and no symlink out of it */
	for (p = path.data + dir.len; *p;) {
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			why = "outside the input's folder";
			goto done;
		}
		p += n + (p[n] == '/');
	}
	if (!(rdir = realpath(dir.data, NULL)) || !(rfile = realpath(path.data, NULL))) {
		why = strerror(errno);
		goto done;
	}
	n = strlen(rdir);
	if (strncmp(rfile, rdir, n) || (rfile[n] != '/' && !(n == 1 && rdir[0] == '/'))) {
		why = "outside the input's folder";
		goto done;
	}
	if ((fd = open(rfile, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0 || fstat(fd, &st) < 0) {
		why = strerror(errno);
		goto done;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > S_MAX_IMAGE) {
		why = S_ISREG(st.st_mode) ? "larger than 32 MiB" : "not a regular file";
		goto done;
	}
	if (galley_buffer_reserve(out, (size_t)st.st_size + 1) < 0) {
		rc = GALLEY_ENOMEM;
		goto done;
	}
	for (;;) {
		ssize_t k = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			why = strerror(errno);
			goto done;
		}
		if (k == 0)
			break;
		out->len += (size_t)k;
		out->data[out->len] = '\0';
		if (out->len > S_MAX_IMAGE) {
			why = "larger than 32 MiB";
			goto done;
		}
		if (out->len + 1 >= out->cap && galley_buffer_reserve(out, 65536) < 0) {
			rc = GALLEY_ENOMEM;
			goto done;
		}
	}
	rc = 1;
done:
	if (why)
		galley_log(ctx, GALLEY_LOG_INFO, "image %.200s: %s; its alt text stays", url, why);
	if (fd >= 0)
		close(fd);
	free(rdir);
	free(rfile);
	galley_buffer_dispose(&path);
	galley_buffer_dispose(&dir);
	return rc;
}

int galley_image_load(galley_context *ctx, const char *base, const char *url, galley_buffer *out,
	galley_image_info *info)
{
	size_t before;
	int rc;

	if (!url || !*url || !out || !info)
		return 0;
	if (galley_url_is_remote(url))
		return 0; /* never fetched */
	if (!base)
		base = galley_context_input_name(ctx);
	before = out->len;
	if (!strncasecmp(url, "data:", 5))
		rc = S_data_uri(url, out);
	else
		rc = S_file(ctx, base, url, out);
	if (rc == 1 && !galley_image_sniff(out->data + before, out->len - before, info)) {
		galley_log(ctx, GALLEY_LOG_INFO, "image %.60s is not a PNG, JPEG or GIF; its alt text stays", url);
		rc = 0;
	}
	if (rc != 1)
		galley_buffer_truncate(out, before);
	return rc < 0 ? galley_error(ctx, GALLEY_ENOMEM, "out of memory") : rc;
}
