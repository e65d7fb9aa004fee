/* zip.c — the zip package service (DOCX, EPUB) over libzip, written in
 * memory. Entries keep the order they were added in, so EPUB's mimetype can
 * come first, stored, with no extra field.
 *
 * libzip writes the archive; the entries it does not store are deflated
 * here with ISA-L's igzip (level 1; 0 for small entries) and handed to
 * libzip already compressed,
 * with their CRC, through a source that says so (libzip then copies them
 * as they are). libzip's own deflate is zlib's at level 6: writing a DOCX
 * of a page spent four fifths of its time there (the readability corpus:
 * 39 ms for its 3.2 MB of document.xml, against 8 ms with libdeflate at
 * level 1, for files a fifth bigger; igzip's level 1 halves that again).
 *
 * libzip and libisal are opened on first use, not linked: with libzip
 * come libcrypto, bzip2 and lzma, whose relocations cost a galley process
 * more at start than parsing a page (2.6M of the 8.8M instructions of an
 * empty conversion), and most runs never write a zip. */
#include "internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <zip.h>

/* The libzip functions used here, looked up once (read-only after). */
static struct {
	zip_source_t *(*source_buffer_create)(const void *, zip_uint64_t, int, zip_error_t *);
	void (*source_keep)(zip_source_t *);
	zip_t *(*open_from_source)(zip_source_t *, int, zip_error_t *);
	void (*source_free)(zip_source_t *);
	void (*error_init)(zip_error_t *);
	void (*error_fini)(zip_error_t *);
	int (*error_code_zip)(const zip_error_t *);
	const char *(*error_strerror)(zip_error_t *);
	zip_source_t *(*source_buffer)(zip_t *, const void *, zip_uint64_t, int);
	zip_int64_t (*file_add)(zip_t *, const char *, zip_source_t *, zip_flags_t);
	zip_error_t *(*get_error)(zip_t *);
	int (*set_file_compression)(zip_t *, zip_uint64_t, zip_int32_t, zip_uint32_t);
	int (*file_set_mtime)(zip_t *, zip_uint64_t, time_t, zip_flags_t);
	void (*discard)(zip_t *);
	int (*close)(zip_t *);
	void (*stat_init)(zip_stat_t *);
	int (*source_stat)(zip_source_t *, zip_stat_t *);
	int (*source_open)(zip_source_t *);
	zip_int64_t (*source_read)(zip_source_t *, void *, zip_uint64_t);
	int (*source_close)(zip_source_t *);
	zip_error_t *(*source_error)(zip_source_t *);
	zip_source_t *(*source_function)(zip_t *, zip_source_callback, void *);
	int (*error_to_data)(const zip_error_t *, void *, zip_uint64_t);
	void (*deflate_init)(struct isal_zstream *);
	int (*deflate)(struct isal_zstream *);
	uint32_t (*crc32)(uint32_t, const unsigned char *, uint64_t);
	zip_int64_t (*name_locate)(zip_t *, const char *, zip_flags_t);
	int (*stat_index)(zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *);
	zip_file_t *(*fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
	zip_int64_t (*fread)(zip_file_t *, void *, zip_uint64_t);
	int (*fclose)(zip_file_t *);
	zip_error_t *(*file_get_error)(zip_file_t *);
	zip_source_t *(*source_function_create)(zip_source_callback, void *, zip_error_t *);
	zip_int64_t (*seek_compute_offset)(zip_uint64_t, zip_uint64_t, void *, zip_uint64_t, zip_error_t *);
	void (*error_set)(zip_error_t *, int, int);
} S_z;
static int S_z_ok;
static char S_z_why[256];
static pthread_once_t S_z_once = PTHREAD_ONCE_INIT;

static void S_z_load(void)
{
	void *h = dlopen(GALLEY_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL), *d;
	const char *missing = NULL;
	if (!h) {
		const char *e = dlerror();
		snprintf(S_z_why, sizeof S_z_why, "cannot load %s: %s", GALLEY_LIBZIP_SONAME, e ? e : "?");
		return;
	}
#define S_SYM(field, name) \
	if (!missing && !(*(void **)&S_z.field = dlsym(h, name))) \
		missing = name
	S_SYM(source_buffer_create, "zip_source_buffer_create");
	S_SYM(source_keep, "zip_source_keep");
	S_SYM(open_from_source, "zip_open_from_source");
	S_SYM(source_free, "zip_source_free");
	S_SYM(error_init, "zip_error_init");
	S_SYM(error_fini, "zip_error_fini");
	S_SYM(error_code_zip, "zip_error_code_zip");
	S_SYM(error_strerror, "zip_error_strerror");
	S_SYM(source_buffer, "zip_source_buffer");
	S_SYM(file_add, "zip_file_add");
	S_SYM(get_error, "zip_get_error");
	S_SYM(set_file_compression, "zip_set_file_compression");
	S_SYM(file_set_mtime, "zip_file_set_mtime");
	S_SYM(discard, "zip_discard");
	S_SYM(close, "zip_close");
	S_SYM(stat_init, "zip_stat_init");
	S_SYM(source_stat, "zip_source_stat");
	S_SYM(source_open, "zip_source_open");
	S_SYM(source_read, "zip_source_read");
	S_SYM(source_close, "zip_source_close");
	S_SYM(source_error, "zip_source_error");
	S_SYM(source_function, "zip_source_function");
	S_SYM(error_to_data, "zip_error_to_data");
	S_SYM(name_locate, "zip_name_locate");
	S_SYM(stat_index, "zip_stat_index");
	S_SYM(fopen_index, "zip_fopen_index");
	S_SYM(fread, "zip_fread");
	S_SYM(fclose, "zip_fclose");
	S_SYM(file_get_error, "zip_file_get_error");
	S_SYM(source_function_create, "zip_source_function_create");
	S_SYM(seek_compute_offset, "zip_source_seek_compute_offset");
	S_SYM(error_set, "zip_error_set");
	if (missing) {
		snprintf(S_z_why, sizeof S_z_why, "%s has no %s", GALLEY_LIBZIP_SONAME, missing);
		dlclose(h);
		return;
	}
	if (!(d = dlopen(GALLEY_LIBISAL_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		const char *e = dlerror();
		snprintf(S_z_why, sizeof S_z_why, "cannot load %s: %s", GALLEY_LIBISAL_SONAME, e ? e : "?");
		dlclose(h);
		return;
	}
	h = d;
	S_SYM(deflate_init, "isal_deflate_stateless_init");
	S_SYM(deflate, "isal_deflate_stateless");
	S_SYM(crc32, "crc32_gzip_refl");
#undef S_SYM
	if (missing) {
		snprintf(S_z_why, sizeof S_z_why, "%s has no %s", GALLEY_LIBISAL_SONAME, missing);
		dlclose(d);
		return;
	}
	S_z_ok = 1; /* both stay open for the process */
}

/* Where libzip writes the archive: straight into the buffer
 * galley_zip_finish() appends to, from `base` on (no buffer source of
 * libzip's to fill and read back). Before that it is an empty archive. */
typedef struct {
	galley_buffer *out; /* set by galley_zip_finish() */
	size_t base;
	size_t len;  /* what was written */
	size_t pos;  /* where the next write goes */
	size_t rpos; /* reading (nothing to read: the archive starts empty) */
	zip_error_t err;
} S_sink;

static zip_int64_t S_sink_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	S_sink *k = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		k->rpos = 0;
		return 0;
	case ZIP_SOURCE_READ:
	case ZIP_SOURCE_CLOSE:
		return 0; /* the archive is made empty: nothing to read */
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		if (len < sizeof *st)
			return -1;
		S_z.stat_init(st);
		st->size = 0;
		st->valid = ZIP_STAT_SIZE;
		return (zip_int64_t)sizeof *st;
	}
	case ZIP_SOURCE_SEEK: {
		zip_int64_t at = S_z.seek_compute_offset(k->rpos, 0, data, len, &k->err);
		if (at < 0)
			return -1;
		k->rpos = (size_t)at;
		return 0;
	}
	case ZIP_SOURCE_TELL:
		return (zip_int64_t)k->rpos;
	case ZIP_SOURCE_BEGIN_WRITE:
		if (!k->out) { /* only galley_zip_finish() closes the archive */
			S_z.error_set(&k->err, ZIP_ER_INTERNAL, 0);
			return -1;
		}
		k->len = k->pos = 0;
		return 0;
	case ZIP_SOURCE_WRITE: {
		galley_buffer *o = k->out;
		size_t at = k->base + k->pos;
		if (at + (size_t)len > o->len && galley_buffer_reserve(o, at + (size_t)len - o->len) < 0) {
			S_z.error_set(&k->err, ZIP_ER_MEMORY, 0);
			return -1;
		}
		memcpy(o->data + at, data, (size_t)len);
		k->pos += (size_t)len;
		if (k->pos > k->len) {
			k->len = k->pos;
			o->len = k->base + k->len;
			o->data[o->len] = '\0';
		}
		return (zip_int64_t)len;
	}
	case ZIP_SOURCE_SEEK_WRITE: {
		zip_int64_t at = S_z.seek_compute_offset(k->pos, k->len, data, len, &k->err);
		if (at < 0)
			return -1;
		k->pos = (size_t)at;
		return 0;
	}
	case ZIP_SOURCE_TELL_WRITE:
		return (zip_int64_t)k->pos;
	case ZIP_SOURCE_COMMIT_WRITE:
		return 0;
	case ZIP_SOURCE_ROLLBACK_WRITE:
	case ZIP_SOURCE_REMOVE:
		if (k->out)
			galley_buffer_truncate(k->out, k->base);
		k->len = k->pos = 0;
		return 0;
	case ZIP_SOURCE_ERROR:
		return S_z.error_to_data(&k->err, data, len);
	case ZIP_SOURCE_FREE:
		return 0; /* the sink is the archive's (struct galley_zip) */
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE;
	default:
		S_z.error_set(&k->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

struct galley_zip {
	galley_context *ctx;
	S_sink sink;
	zip_source_t *src; /* the archive's bytes; kept alive past S_z.close() */
	zip_t *za;
	size_t entries;
	int failed;
	time_t mtime; /* of every entry (S_mtime(), once an archive) */
	struct isal_zstream *zs;  /* igzip's stream, made for the first deflated entry */
	unsigned char *level_buf; /* igzip's working memory, with it */
};

/* Entries are deflated with ISA-L's igzip at its level 1: about twice
 * libdeflate's level 1 on XML, the files 3 to 4% bigger. Entries smaller
 * than S_SMALL (an EPUB's package document, NCX and navigation, a DOCX's
 * small parts) at its level 0, with igzip's one generic Huffman code:
 * level 1 builds a code for each entry, which costs a small entry as much
 * as a long one. */
#define S_LEVEL_BUF ISAL_DEF_LVL1_SMALL
#define S_SMALL 4096

/* An entry's data deflated already: a libzip source that gives the
 * compressed bytes and says they are, with their size and CRC, so libzip
 * copies them. */
typedef struct {
	const char *data; /* malloc'd, unless borrowed */
	int borrowed;
	size_t len, pos;
	zip_uint64_t size;
	zip_uint32_t crc;
	zip_error_t err;
} S_raw;

static zip_int64_t S_raw_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	S_raw *r = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		r->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = r->len - r->pos;
		if (n > len)
			n = (size_t)len;
		memcpy(data, r->data + r->pos, n);
		r->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		if (len < sizeof *st)
			return -1;
		S_z.stat_init(st);
		st->size = r->size;
		st->comp_size = r->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = r->crc;
		st->encryption_method = ZIP_EM_NONE;
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
			ZIP_STAT_ENCRYPTION_METHOD;
		return (zip_int64_t)sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return S_z.error_to_data(&r->err, data, len);
	case ZIP_SOURCE_FREE:
		if (!r->borrowed)
			free((char *)r->data);
		S_z.error_fini(&r->err);
		free(r);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_READABLE;
	default:
		S_z.error_init(&r->err); /* ZIP_ER_OK: nothing else is asked of a readable source */
		return -1;
	}
}

/* Deflate data into a source of its own; NULL with *why set when it did not
 * pay (stored instead: *why 0) or failed (*why GALLEY_ENOMEM). */
static zip_source_t *S_deflated(galley_zip *z, const char *data, size_t len, int *why)
{
	S_raw *r;
	struct isal_zstream *st;
	zip_source_t *s;
	char *buf;
	int rc;

	*why = 0;
	if (len < 64 || len > UINT32_MAX)
		return NULL;
	if ((!z->zs && !(z->zs = galley_malloc(sizeof *z->zs))) ||
		(!z->level_buf && !(z->level_buf = galley_malloc(S_LEVEL_BUF)))) {
		*why = GALLEY_ENOMEM;
		return NULL;
	}
	if (!(r = calloc(1, sizeof *r)) || !(buf = malloc(len))) { /* libzip frees them with free() */
		free(r);
		*why = GALLEY_ENOMEM;
		return NULL;
	}
	st = z->zs;
	/* igzip's init leaves fields it reads unset: all but the buffers a
	 * stateless call does not use are zeroed (not all of its 80 KiB) */
	memset(st, 0, offsetof(struct isal_zstream, internal_state.buffer));
	S_z.deflate_init(st);
	st->level = len < S_SMALL ? 0 : 1;
	st->level_buf = z->level_buf;
	st->level_buf_size = S_LEVEL_BUF;
	st->gzip_flag = IGZIP_DEFLATE; /* raw deflate, as zip has it */
	st->end_of_stream = 1;
	st->flush = NO_FLUSH;
	st->next_in = (uint8_t *)(uintptr_t)data;
	st->avail_in = (uint32_t)len;
	st->next_out = (uint8_t *)buf;
	st->avail_out = (uint32_t)len; /* no smaller than the bytes: not worth it */
	rc = S_z.deflate(st);
	if (rc != COMP_OK || st->total_out >= len) { /* incompressible (STATELESS_OVERFLOW): stored */
		free(buf);
		free(r);
		return NULL;
	}
	r->data = buf;
	r->len = st->total_out;
	r->size = len;
	r->crc = S_z.crc32(0, (const unsigned char *)data, len);
	S_z.error_init(&r->err);
	if (!(s = S_z.source_function(z->za, S_raw_cb, r))) {
		S_z.error_fini(&r->err);
		free(buf);
		free(r);
		*why = GALLEY_ENOMEM;
	}
	return s;
}

static int S_zip_error(galley_zip *z, const char *what, zip_error_t *err)
{
	z->failed = 1;
	return galley_error(z->ctx, S_z.error_code_zip(err) == ZIP_ER_MEMORY ? GALLEY_ENOMEM : GALLEY_ERROR,
		"zip: %s: %s", what, S_z.error_strerror(err));
}

/* Entry times: SOURCE_DATE_EPOCH when set, otherwise a fixed time
 * (2000-01-01), never the clock, and the same in every time zone: the
 * same document gives the same bytes. */
static time_t S_mtime(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t t = (time_t)946684800; /* 2000-01-01 00:00:00 UTC */
	struct tm lt;
	if (e && *e) {
		v = strtoll(e, &end, 10);
		if (!*end && v >= 315532800) /* zip times start in 1980 */
			t = (time_t)v;
	}
	/* libzip writes the local time of what it is given; give it the time
	 * whose local reading is the UTC one, so the bytes do not depend on TZ
	 * (localtime_r, not mktime: glibc's mktime reloads the zone each call). */
	if (!localtime_r(&t, &lt))
		return t;
	return t - (time_t)lt.tm_gmtoff;
}

galley_zip *galley_zip_new(galley_context *ctx)
{
	galley_zip *z;
	zip_error_t err;

	pthread_once(&S_z_once, S_z_load);
	if (!S_z_ok) {
		galley_error(ctx, GALLEY_ERROR, "zip: %s", S_z_why);
		return NULL;
	}
	if (!(z = galley_calloc(1, sizeof *z))) {
		galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		return NULL;
	}
	z->ctx = ctx;
	z->mtime = S_mtime();
	S_z.error_init(&err);
	S_z.error_init(&z->sink.err);
	if (!(z->src = S_z.source_function_create(S_sink_cb, &z->sink, &err))) {
		S_zip_error(z, "cannot create an archive", &err);
		S_z.error_fini(&err);
		galley_free(z);
		return NULL;
	}
	S_z.source_keep(z->src); /* S_z.close()/S_z.discard() drop a reference */
	if (!(z->za = S_z.open_from_source(z->src, ZIP_TRUNCATE, &err))) {
		S_zip_error(z, "cannot create an archive", &err);
		S_z.error_fini(&err);
		S_z.source_free(z->src);
		galley_free(z);
		return NULL;
	}
	S_z.error_fini(&err);
	return z;
}

int galley_zip_add(galley_zip *z, const char *name, const char *data, size_t len, int store)
{
	zip_source_t *s = NULL;
	zip_int64_t idx;
	void *copy;
	int why = 0;

	if (!z || !name || !*name || (!data && len))
		return GALLEY_EUSAGE;
	if (z->failed)
		return galley_context_error_code(z->ctx) < 0 ? galley_context_error_code(z->ctx) : GALLEY_ERROR;
	if (!store && !(s = S_deflated(z, data, len, &why)) && why) {
		z->failed = 1;
		return galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
	}
	if (!s) {
		store = 1;
		/* libzip reads sources only at S_z.close(); the caller's bytes may
		 * be gone by then, so the entry owns a copy (libzip keeps no
		 * pointer for an empty entry, so that one gets none). */
		if (len && !(copy = malloc(len))) { /* libzip frees it with free() */
			z->failed = 1;
			return galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
		}
		if (len)
			memcpy(copy, data, len);
		else
			copy = NULL;
		if (!(s = S_z.source_buffer(z->za, copy, len, len != 0))) {
			free(copy);
			return S_zip_error(z, name, S_z.get_error(z->za));
		}
	}
	if ((idx = S_z.file_add(z->za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		S_z.source_free(s);
		return S_zip_error(z, name, S_z.get_error(z->za));
	}
	/* a deflated entry keeps the default method: libzip takes the source's */
	if ((store && S_z.set_file_compression(z->za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0) ||
		S_z.file_set_mtime(z->za, (zip_uint64_t)idx, z->mtime, 0) < 0)
		return S_zip_error(z, name, S_z.get_error(z->za));
	z->entries++;
	return 0;
}

/* An entry of data deflated already (r, filled but for its error): its
 * source, added under name with the archive's time. r, and its data
 * unless borrowed, are the source's from here on, freed on failure too. */
static int S_add_raw(galley_zip *z, const char *name, S_raw *r)
{
	zip_source_t *s;
	zip_int64_t idx;

	S_z.error_init(&r->err);
	if (!(s = S_z.source_function(z->za, S_raw_cb, r))) {
		S_z.error_fini(&r->err);
		if (!r->borrowed)
			free((char *)r->data);
		free(r);
		return S_zip_error(z, name, S_z.get_error(z->za));
	}
	if ((idx = S_z.file_add(z->za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		S_z.source_free(s);
		return S_zip_error(z, name, S_z.get_error(z->za));
	}
	if (S_z.file_set_mtime(z->za, (zip_uint64_t)idx, z->mtime, 0) < 0)
		return S_zip_error(z, name, S_z.get_error(z->za));
	z->entries++;
	return 0;
}

int galley_zip_add_deflated(galley_zip *z, const char *name, const void *data, size_t len, size_t size,
	unsigned long crc)
{
	S_raw *r;

	if (!z || !name || !*name || !data || !len)
		return GALLEY_EUSAGE;
	if (z->failed)
		return galley_context_error_code(z->ctx) < 0 ? galley_context_error_code(z->ctx) : GALLEY_ERROR;
	if (!(r = calloc(1, sizeof *r))) {
		z->failed = 1;
		return galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
	}
	r->data = data; /* the caller's, for as long as the archive is open */
	r->borrowed = 1;
	r->len = len;
	r->size = size;
	r->crc = (zip_uint32_t)crc;
	return S_add_raw(z, name, r);
}

int galley_zip_add_pieces(galley_zip *z, const char *name, const galley_zip_piece *pieces, size_t npieces)
{
	size_t len = 0, size = 0, i, j, n;
	zip_uint32_t crc = 0;
	S_raw *r;
	char *buf, *p;

	if (!z || !name || !*name || (!pieces && npieces))
		return GALLEY_EUSAGE;
	for (i = 0; i < npieces; i++) {
		const galley_zip_piece *q = &pieces[i];
		if ((!q->data && q->len) || (q->deflated && !q->deflated_len))
			return GALLEY_EUSAGE;
		/* stored blocks: 5 bytes a 65535; the last piece's at least one, its final */
		len += q->deflated ? q->deflated_len : q->len + 5 * ((q->len + 65534) / 65535 + (i + 1 == npieces && !q->len));
		size += q->len;
	}
	if (!npieces)
		return GALLEY_EUSAGE;
	if (z->failed)
		return galley_context_error_code(z->ctx) < 0 ? galley_context_error_code(z->ctx) : GALLEY_ERROR;
	if (!(r = calloc(1, sizeof *r)) || !(buf = malloc(len ? len : 1))) { /* libzip frees them with free() */
		free(r);
		z->failed = 1;
		return galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
	}
	for (p = buf, i = 0; i < npieces; i++) {
		const galley_zip_piece *q = &pieces[i];
		crc = S_z.crc32(crc, (const unsigned char *)q->data, q->len);
		if (q->deflated) { /* its own blocks, as they are */
			memcpy(p, q->deflated, q->deflated_len);
			p += q->deflated_len;
			continue;
		}
		/* stored blocks (RFC 1951 3.2.4: BFINAL, BTYPE 00, then LEN and
		 * NLEN on the next byte boundary); the very last one final */
		for (j = 0; j < q->len || (j == 0 && !q->len && i + 1 == npieces); j += n) {
			n = q->len - j < 65535 ? q->len - j : 65535;
			*p++ = (char)(i + 1 == npieces && j + n == q->len);
			*p++ = (char)(n & 0xff);
			*p++ = (char)(n >> 8);
			*p++ = (char)(~n & 0xff);
			*p++ = (char)((~n >> 8) & 0xff);
			memcpy(p, q->data + j, n);
			p += n;
			if (!q->len)
				break;
		}
	}
	r->data = buf;
	r->len = len;
	r->size = size;
	r->crc = crc;
	return S_add_raw(z, name, r);
}

void galley_zip_discard(galley_zip *z)
{
	if (!z)
		return;
	S_z.discard(z->za);
	S_z.source_free(z->src);
	S_z.error_fini(&z->sink.err);
	galley_free(z->level_buf);
	galley_free(z->zs);
	galley_free(z);
}

int galley_zip_finish(galley_zip *z, galley_buffer *out)
{
	static const char empty[22] = {'P', 'K', 5, 6}; /* an end-of-directory record alone */
	int rc = 0;

	if (!z || !out) {
		galley_zip_discard(z);
		return GALLEY_EUSAGE;
	}
	if (z->failed) {
		rc = galley_context_error_code(z->ctx) < 0 ? galley_context_error_code(z->ctx) : GALLEY_ERROR;
		galley_zip_discard(z);
		return rc;
	}
	if (!z->entries) {
		/* libzip writes nothing at all for an empty archive. */
		galley_zip_discard(z);
		return galley_buffer_append(out, empty, sizeof empty) < 0 ? GALLEY_ENOMEM : 0;
	}
	z->sink.out = out;
	z->sink.base = out->len;
	if (S_z.close(z->za) < 0) {
		rc = S_zip_error(z, "cannot write the archive", S_z.get_error(z->za));
		galley_buffer_truncate(out, z->sink.base);
		galley_zip_discard(z);
		return rc;
	}
	z->za = NULL;
	S_z.source_free(z->src);
	S_z.error_fini(&z->sink.err);
	galley_free(z->level_buf);
	galley_free(z->zs);
	galley_free(z);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Reading an archive (a DOCX given as a reference document)          */
/* ------------------------------------------------------------------ */

/* Archives and members larger than this are refused, not read. */
#define S_UNZIP_MAX ((size_t)64 << 20)

struct galley_unzip {
	galley_context *ctx;
	char *path;
	galley_buffer bytes; /* the whole file: libzip reads from it */
	zip_t *za;
};

static void S_unzip_free(galley_unzip *u)
{
	if (!u)
		return;
	if (u->za)
		S_z.discard(u->za);
	galley_buffer_dispose(&u->bytes);
	galley_free(u->path);
	galley_free(u);
}

galley_unzip *galley_unzip_open(galley_context *ctx, const char *path)
{
	galley_unzip *u;
	zip_source_t *src;
	zip_error_t err;
	struct stat st;
	int fd;

	pthread_once(&S_z_once, S_z_load);
	if (!S_z_ok) {
		galley_error(ctx, GALLEY_ERROR, "zip: %s", S_z_why);
		return NULL;
	}
	if (!path || !*path) {
		galley_error(ctx, GALLEY_EUSAGE, "zip: no archive named");
		return NULL;
	}
	if (!(u = galley_calloc(1, sizeof *u)) || !(u->path = galley_strdup(path))) {
		galley_free(u);
		galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		return NULL;
	}
	u->ctx = ctx;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		galley_error(ctx, GALLEY_EIO, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		S_unzip_free(u);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > S_UNZIP_MAX) {
		galley_error(ctx, GALLEY_EINVAL, "%s: %s", path, S_ISREG(st.st_mode) ? "larger than 64 MiB" : "not a regular file");
		close(fd);
		S_unzip_free(u);
		return NULL;
	}
	for (;;) {
		ssize_t n;
		if (galley_buffer_reserve(&u->bytes, 65536) < 0) {
			close(fd);
			galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			S_unzip_free(u);
			return NULL;
		}
		n = read(fd, u->bytes.data + u->bytes.len, u->bytes.cap - u->bytes.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || u->bytes.len + (size_t)(n > 0 ? n : 0) > S_UNZIP_MAX) {
			galley_error(ctx, GALLEY_EIO, "%s: %s", path, n < 0 ? strerror(errno) : "larger than 64 MiB");
			close(fd);
			S_unzip_free(u);
			return NULL;
		}
		if (n == 0)
			break;
		u->bytes.len += (size_t)n;
	}
	close(fd);
	S_z.error_init(&err);
	if (!(src = S_z.source_buffer_create(u->bytes.data ? u->bytes.data : "", u->bytes.len, 0, &err)) ||
		!(u->za = S_z.open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err))) {
		galley_error(ctx, S_z.error_code_zip(&err) == ZIP_ER_MEMORY ? GALLEY_ENOMEM : GALLEY_EINVAL,
			"%s: not a zip archive (%s)", path, S_z.error_strerror(&err));
		if (src)
			S_z.source_free(src);
		S_z.error_fini(&err);
		S_unzip_free(u);
		return NULL;
	}
	S_z.error_fini(&err);
	return u;
}

int galley_unzip_read(galley_unzip *u, const char *name, galley_buffer *out)
{
	zip_int64_t idx, n;
	zip_stat_t st;
	zip_file_t *f;
	size_t before;

	if (!u || !name || !out)
		return GALLEY_EUSAGE;
	if ((idx = S_z.name_locate(u->za, name, ZIP_FL_ENC_GUESS)) < 0)
		return GALLEY_ENOTFOUND;
	S_z.stat_init(&st);
	if (S_z.stat_index(u->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return galley_error(u->ctx, GALLEY_EINVAL, "%s: %s: cannot read its size", u->path, name);
	if (st.size > S_UNZIP_MAX)
		return galley_error(u->ctx, GALLEY_EINVAL, "%s: %s: larger than 64 MiB", u->path, name);
	before = out->len;
	if (galley_buffer_reserve(out, (size_t)st.size + 1) < 0)
		return galley_error(u->ctx, GALLEY_ENOMEM, "out of memory");
	if (!(f = S_z.fopen_index(u->za, (zip_uint64_t)idx, 0)))
		return S_zip_error(&(galley_zip){.ctx = u->ctx}, name, S_z.get_error(u->za));
	/* one byte more than it says: a member longer than its size is damaged */
	n = S_z.fread(f, out->data + before, st.size + 1);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		int rc = galley_error(u->ctx, GALLEY_EINVAL, "%s: %s: %s", u->path, name,
			n < 0 ? S_z.error_strerror(S_z.file_get_error(f)) : "damaged (its size is wrong)");
		S_z.fclose(f);
		return rc;
	}
	S_z.fclose(f);
	out->len += (size_t)n;
	out->data[out->len] = '\0';
	return 0;
}

void galley_unzip_close(galley_unzip *u)
{
	S_unzip_free(u);
}
