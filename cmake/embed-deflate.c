/* embed-deflate.c IN OUT VAR [MARK [head]] — a build tool: FILE deflated
 * (libdeflate at its best level) as C data, with its size and CRC-32, so a
 * writer hands a fixed part to the zip service compressed already
 * (galley_zip_add_deflated) and no process deflates it again. With MARK,
 * only the file from MARK's first occurrence on is deflated, and VAR_split
 * is where that is: a writer puts bytes of its own before it
 * (galley_zip_add_pieces). With MARK and "head", the file before MARK's
 * last occurrence instead, as blocks none of which is final, ending on a byte (zlib at
 * level 9 with Z_SYNC_FLUSH): the writer's bytes come after it. */
#include <libdeflate.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	FILE *in, *out;
	unsigned char *data = NULL, *z;
	size_t len = 0, cap = 0, n, zlen, i, split = 0;
	struct libdeflate_compressor *c;

	int head = argc == 6 && !strcmp(argv[5], "head");
	if ((argc != 4 && argc != 5 && argc != 6) || (argc == 6 && !head)) {
		fprintf(stderr, "usage: embed-deflate IN OUT VAR [MARK [head]]\n");
		return 2;
	}
	if (!(in = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 1;
	}
	for (;;) {
		if (len == cap && !(data = realloc(data, cap = cap ? cap * 2 : 65536)))
			return 1;
		if ((n = fread(data + len, 1, cap - len, in)) == 0)
			break;
		len += n;
	}
	fclose(in);
	if (argc >= 5) { /* MARK's first occurrence; with head, its last */
		size_t m = strlen(argv[4]), at;
		split = len + 1;
		for (at = 0; m && at + m <= len; at++)
			if (!memcmp(data + at, argv[4], m) && (split > len || head))
				split = at;
		if (!m || split > len) {
			fprintf(stderr, "embed-deflate: %s has no %s\n", argv[1], argv[4]);
			return 1;
		}
	}
	if (!(c = libdeflate_alloc_compressor(12)) || !(z = malloc(libdeflate_deflate_compress_bound(c, len) + 64)))
		return 1;
	if (head) { /* the part before MARK, sync-flushed: no final block */
		z_stream zs = {0};
		size_t room = libdeflate_deflate_compress_bound(c, len) + 64;
		if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
			return 1;
		zs.next_in = data;
		zs.avail_in = (uInt)split;
		zs.next_out = z;
		zs.avail_out = (uInt)room;
		if (deflate(&zs, Z_SYNC_FLUSH) != Z_OK || zs.avail_in != 0 || zs.avail_out == 0) {
			fprintf(stderr, "embed-deflate: cannot deflate %s\n", argv[1]);
			return 1;
		}
		zlen = room - zs.avail_out;
		deflateEnd(&zs);
	} else {
		zlen = libdeflate_deflate_compress(c, data + split, len - split, z, libdeflate_deflate_compress_bound(c, len));
	}
	if (!zlen || !(out = fopen(argv[2], "w"))) {
		fprintf(stderr, "embed-deflate: cannot write %s\n", argv[2]);
		return 1;
	}
	fprintf(out, "/* generated from %s by embed-deflate */\n#include <stddef.h>\n", argv[1]);
	fprintf(out, "extern const unsigned char %s_deflated[];\nextern const size_t %s_deflated_len, %s_size, %s_split;\n",
		argv[3], argv[3], argv[3], argv[3]);
	fprintf(out, "extern const unsigned long %s_crc;\nconst unsigned char %s_deflated[] = {", argv[3], argv[3]);
	for (i = 0; i < zlen; i++)
		fprintf(out, "%s0x%02x,", i % 16 ? "" : "\n", z[i]);
	fprintf(out, "\n0x00};\nconst size_t %s_deflated_len = %zu, %s_size = %zu, %s_split = %zu;\n"
		"const unsigned long %s_crc = 0x%08lxul;\n",
		argv[3], zlen, argv[3], head ? split : len - split, argv[3], split, argv[3],
		(unsigned long)(head ? libdeflate_crc32(0, data, split) : libdeflate_crc32(0, data + split, len - split)));
	libdeflate_free_compressor(c);
	free(z);
	free(data);
	return fclose(out) == 0 ? 0 : 1;
}
