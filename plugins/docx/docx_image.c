/* docx_image.c — images the DOCX writer embeds: from data: URIs and local
 * files only (nothing is ever fetched), PNG, JPEG or GIF, sized from their
 * own headers. */
#include "docx.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Larger images are left as links. */
#define S_MAX_IMAGE (32u << 20)

static unsigned long S_be16(const unsigned char *p)
{
	return ((unsigned long)p[0] << 8) | p[1];
}

static unsigned long S_be32(const unsigned char *p)
{
	return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) | ((unsigned long)p[2] << 8) | p[3];
}

int docx_image_size(const unsigned char *d, size_t len, const char **ext, long *w, long *h)
{
	*w = *h = 0;
	if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		*ext = "png";
		*w = (long)S_be32(d + 16);
		*h = (long)S_be32(d + 20);
	} else if (len >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
		*ext = "gif";
		*w = d[6] | (d[7] << 8);
		*h = d[8] | (d[9] << 8);
	} else if (len >= 4 && d[0] == 0xff && d[1] == 0xd8) {
		/* markers up to the frame header: SOF0-15 but DHT (C4), JPG (C8), DAC (CC) */
		size_t i = 2;
		*ext = "jpeg";
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
				*h = (long)S_be16(d + i + 5);
				*w = (long)S_be16(d + i + 7);
				break;
			}
			if (seg < 2)
				return 0;
			i += 2 + seg;
		}
	} else {
		return 0;
	}
	return *w > 0 && *h > 0 && *w < 100000 && *h < 100000;
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

/* data:[type][;base64],DATA — only base64 carries an image. */
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

/* A local file: its path (percent-decoded), relative ones from the input's folder. */
static int S_file(galley_context *ctx, const char *url, galley_buffer *out)
{
	galley_buffer path = GALLEY_BUFFER_INIT;
	const char *in = galley_context_input_name(ctx), *p, *slash;
	FILE *f;
	char buf[65536];
	size_t n;
	int rc = 1;

	if (!strncasecmp(url, "file://", 7)) {
		url += 7;
		if (*url != '/')
			return 0; /* file://host/... is not here */
	}
	if (*url != '/' && in && strcmp(in, "-") && (slash = strrchr(in, '/')))
		galley_buffer_append(&path, in, (size_t)(slash - in + 1));
	for (p = url; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			galley_buffer_putc(&path, S_hex((unsigned char)p[1]) * 16 + S_hex((unsigned char)p[2]));
			p += 2;
		} else {
			galley_buffer_putc(&path, *p);
		}
	}
	if (path.oom) {
		galley_buffer_dispose(&path);
		return GALLEY_ENOMEM;
	}
	if (!path.len || strlen(path.data) != path.len || !(f = fopen(path.data, "rb"))) {
		galley_log(ctx, GALLEY_LOG_INFO, "DOCX: image %s: %s; its alt text stays", url,
			path.len ? strerror(errno) : "no path");
		galley_buffer_dispose(&path);
		return 0;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (galley_buffer_append(out, buf, n) < 0) {
			rc = GALLEY_ENOMEM;
			break;
		}
		if (out->len > S_MAX_IMAGE) {
			rc = 0;
			break;
		}
	}
	if (rc == 1 && ferror(f))
		rc = 0;
	fclose(f);
	galley_buffer_dispose(&path);
	return rc;
}

int docx_image_load(galley_context *ctx, const char *url, galley_buffer *out, const char **ext, long *w, long *h)
{
	const char *p;
	size_t before = out->len;
	int rc;

	if (!url || !*url)
		return 0;
	if (!strncasecmp(url, "data:", 5)) {
		rc = S_data_uri(url, out);
	} else {
		for (p = url; isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'; p++)
			;
		if ((*p == ':' && p - url > 1 && strncasecmp(url, "file:", 5)) || !strncmp(url, "//", 2))
			return 0; /* remote: never fetched */
		rc = S_file(ctx, url, out);
	}
	if (rc == 1 && !docx_image_size((const unsigned char *)out->data + before, out->len - before, ext, w, h)) {
		galley_log(ctx, GALLEY_LOG_INFO, "DOCX: image %.60s is not a PNG, JPEG or GIF; its alt text stays", url);
		rc = 0;
	}
	if (rc != 1)
		galley_buffer_truncate(out, before);
	return rc;
}
