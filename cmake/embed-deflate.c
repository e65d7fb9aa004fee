/* embed-deflate.c IN OUT VAR [MARK] — a build tool: FILE deflated (libdeflate
 * at its best level) as C data, with its size and CRC-32, so a writer hands a
 * fixed part to the zip service compressed already
 * (galley_zip_add_deflated) and no process deflates it again. With MARK,
 * only the file from MARK's first occurrence on is deflated, and VAR_split
 * is where that is: a writer puts bytes of its own before it
 * (galley_zip_add_joined). */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	FILE *in, *out;
	unsigned char *data = NULL, *z;
	size_t len = 0, cap = 0, n, zlen, i, split = 0;
	struct libdeflate_compressor *c;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: embed-deflate IN OUT VAR [MARK]\n");
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
	if (argc == 5) {
		size_t m = strlen(argv[4]);
		for (split = 0; split + m <= len && memcmp(data + split, argv[4], m); split++)
			;
		if (!m || split + m > len) {
			fprintf(stderr, "embed-deflate: %s has no %s\n", argv[1], argv[4]);
			return 1;
		}
	}
	if (!(c = libdeflate_alloc_compressor(12)) || !(z = malloc(libdeflate_deflate_compress_bound(c, len) + 1)))
		return 1;
	zlen = libdeflate_deflate_compress(c, data + split, len - split, z, libdeflate_deflate_compress_bound(c, len));
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
		argv[3], zlen, argv[3], len - split, argv[3], split, argv[3], (unsigned long)libdeflate_crc32(0, data + split, len - split));
	libdeflate_free_compressor(c);
	free(z);
	free(data);
	return fclose(out) == 0 ? 0 : 1;
}
