/* bench.h — what the writer benchmarks share: CPU time, reading pages into
 * trees, and one timed round of a writer over every tree. Header-only. */
#ifndef GALLEY_BENCH_H
#define GALLEY_BENCH_H

#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double bench_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_slurp(const char *path, galley_buffer *out)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		galley_buffer_append(out, buf, n);
	fclose(f);
	return 0;
}

/* Read every path with r into docs (room for npaths); the count read, and
 * each failure said on stderr and counted in *failed. */
static inline int bench_read(galley_context *ctx, const galley_reader *r, char **paths, int npaths,
	galley_node **docs, int *failed)
{
	int n = 0;
	for (int i = 0; i < npaths; i++) {
		galley_buffer page = GALLEY_BUFFER_INIT;
		galley_context_set_input_name(ctx, paths[i]);
		if (bench_slurp(paths[i], &page) < 0 || galley_read(ctx, r, page.data, page.len, &docs[n]) < 0) {
			fprintf(stderr, "%s: %s\n", paths[i], galley_context_error(ctx));
			++*failed;
		} else {
			n++;
		}
		galley_buffer_dispose(&page);
	}
	return n;
}

/* One round: every tree through the writer; the CPU time it took, the
 * bytes written in *bytes. */
static inline double bench_round(galley_context *ctx, const galley_writer *w, galley_node **docs, int ndocs,
	size_t *bytes, int *failed)
{
	double t0 = bench_cpu();
	*bytes = 0;
	for (int i = 0; i < ndocs; i++) {
		galley_buffer out = GALLEY_BUFFER_INIT;
		const galley_node *d = docs[i];
		if (galley_write(ctx, w, &d, 1, &out) < 0) {
			fprintf(stderr, "document %d: %s\n", i, galley_context_error(ctx));
			++*failed;
		}
		*bytes += out.len;
		galley_buffer_dispose(&out);
	}
	return bench_cpu() - t0;
}

#endif
