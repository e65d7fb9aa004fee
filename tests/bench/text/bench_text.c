/* bench_text.c — time the text reader alone (no writer) on one file:
 * conversion to UTF-8, the release analysis, building the tree and the
 * numbered-paragraph pass. Prints bytes, seconds and MB/s.
 *   bench-text FILE [REPEAT] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "text_read.h"

/* CPU time of this process: on a loaded machine wall time says more about
 * the neighbours than about the reader. */
static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench-text FILE [REPEAT]\n");
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 3;
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 3;
	}
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)len + 1);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 3;
	}
	fclose(f);
	double best = 1e30;
	size_t blocks = 0;
	for (int i = 0; i < repeat; i++) {
		galley_context *ctx = galley_context_new();
		galley_builder *b = galley_builder_new(ctx);
		galley_node *doc = NULL;
		double t0 = S_now();
		if (text_read(ctx, b, data, (size_t)len, NULL) < 0 || galley_builder_finish(b, &doc) < 0) {
			fprintf(stderr, "read failed: %s\n", galley_context_error(ctx));
			return 1;
		}
		double t = S_now() - t0;
		if (t < best)
			best = t;
		blocks = galley_node_child_count(doc);
		galley_node_free(doc);
		galley_builder_free(b);
		galley_context_free(ctx);
	}
	printf("%s: %.1f MB in %.3f s CPU (best of %d) = %.1f MB/s, %zu top-level blocks\n", argv[1],
		(double)len / 1048576.0, best, repeat, (double)len / 1048576.0 / best, blocks);
	free(data);
	return 0;
}
