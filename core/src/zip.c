/* zip.c — the zip package service (DOCX, EPUB) over libzip, written in
 * memory. Entries keep the order they were added in, so EPUB's mimetype can
 * come first, stored, with no extra field. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

struct galley_zip {
	galley_context *ctx;
	zip_source_t *src; /* the archive's bytes; kept alive past zip_close() */
	zip_t *za;
	size_t entries;
	int failed;
};

static int S_zip_error(galley_zip *z, const char *what, zip_error_t *err)
{
	z->failed = 1;
	return galley_error(z->ctx, zip_error_code_zip(err) == ZIP_ER_MEMORY ? GALLEY_ENOMEM : GALLEY_ERROR,
		"zip: %s: %s", what, zip_error_strerror(err));
}

galley_zip *galley_zip_new(galley_context *ctx)
{
	galley_zip *z = galley_calloc(1, sizeof *z);
	zip_error_t err;

	if (!z) {
		galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		return NULL;
	}
	z->ctx = ctx;
	zip_error_init(&err);
	if (!(z->src = zip_source_buffer_create(NULL, 0, 0, &err))) {
		S_zip_error(z, "cannot create an archive", &err);
		zip_error_fini(&err);
		galley_free(z);
		return NULL;
	}
	zip_source_keep(z->src); /* zip_close()/zip_discard() drop a reference */
	if (!(z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &err))) {
		S_zip_error(z, "cannot create an archive", &err);
		zip_error_fini(&err);
		zip_source_free(z->src);
		galley_free(z);
		return NULL;
	}
	zip_error_fini(&err);
	return z;
}

/* Entry times: SOURCE_DATE_EPOCH when set, otherwise a fixed time
 * (2000-01-01), never the clock: the same document gives the same bytes.
 * (libzip writes DOS times in local time, so the time zone still counts.) */
static time_t S_mtime(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	if (e && *e) {
		v = strtoll(e, &end, 10);
		if (!*end && v >= 315532800) /* zip times start in 1980 */
			return (time_t)v;
	}
	return (time_t)946684800;
}

int galley_zip_add(galley_zip *z, const char *name, const char *data, size_t len, int store)
{
	zip_source_t *s;
	zip_int64_t idx;
	void *copy;

	if (!z || !name || !*name || (!data && len))
		return GALLEY_EUSAGE;
	if (z->failed)
		return galley_context_error_code(z->ctx) < 0 ? galley_context_error_code(z->ctx) : GALLEY_ERROR;
	/* libzip reads sources only at zip_close(); the caller's bytes may be
	 * gone by then, so the entry owns a copy (libzip keeps no pointer for an
	 * empty entry, so that one gets none). */
	if (len && !(copy = malloc(len))) { /* libzip frees it with free() */
		z->failed = 1;
		return galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
	}
	if (len)
		memcpy(copy, data, len);
	else
		copy = NULL;
	if (!(s = zip_source_buffer(z->za, copy, len, len != 0))) {
		free(copy);
		return S_zip_error(z, name, zip_get_error(z->za));
	}
	if ((idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return S_zip_error(z, name, zip_get_error(z->za));
	}
	if (zip_set_file_compression(z->za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0 ||
		zip_file_set_mtime(z->za, (zip_uint64_t)idx, S_mtime(), 0) < 0)
		return S_zip_error(z, name, zip_get_error(z->za));
	z->entries++;
	return 0;
}

void galley_zip_discard(galley_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	zip_source_free(z->src);
	galley_free(z);
}

int galley_zip_finish(galley_zip *z, galley_buffer *out)
{
	static const char empty[22] = {'P', 'K', 5, 6}; /* an end-of-directory record alone */
	zip_stat_t st;
	zip_int64_t n;
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
	if (zip_close(z->za) < 0) {
		rc = S_zip_error(z, "cannot write the archive", zip_get_error(z->za));
		galley_zip_discard(z);
		return rc;
	}
	z->za = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(z->src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(z->src) < 0) {
		rc = S_zip_error(z, "cannot read the archive back", zip_source_error(z->src));
		goto out;
	}
	if (galley_buffer_reserve(out, (size_t)st.size) < 0) {
		rc = galley_error(z->ctx, GALLEY_ENOMEM, "out of memory");
	} else {
		n = zip_source_read(z->src, out->data + out->len, st.size);
		if (n < 0 || (zip_uint64_t)n != st.size) {
			rc = S_zip_error(z, "cannot read the archive back", zip_source_error(z->src));
		} else {
			out->len += (size_t)n;
			out->data[out->len] = '\0';
		}
	}
	zip_source_close(z->src);
out:
	zip_source_free(z->src);
	galley_free(z);
	return rc;
}
