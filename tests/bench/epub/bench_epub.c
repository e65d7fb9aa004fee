/* bench_epub.c — how fast the EPUB writer is next to the JSON writer, on
 * the same trees: every page is read once with the html reader, then each
 * writer writes every tree (one package per page), rounds alternating,
 * the best round of each counting. Prints both times and their ratio.
 *
 *   bench-epub [ROUNDS] PAGE.html...
 */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_slurp(const char *path, galley_buffer *out)
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

static double S_round(galley_context *ctx, const galley_writer *w, galley_node **docs, int ndocs, size_t *bytes,
	int *failed)
{
	double t0 = S_now();
	int i;
	*bytes = 0;
	for (i = 0; i < ndocs; i++) {
		galley_buffer out = GALLEY_BUFFER_INIT;
		const galley_node *d = docs[i];
		if (galley_write(ctx, w, &d, 1, &out) < 0) {
			fprintf(stderr, "document %d: %s\n", i, galley_context_error(ctx));
			++*failed;
		}
		*bytes += out.len;
		galley_buffer_dispose(&out);
	}
	return S_now() - t0;
}

int main(int argc, char **argv)
{
	galley_context *ctx = galley_context_new();
	const galley_reader *html;
	const galley_writer *ep, *js;
	galley_node **docs;
	int i, r, first = 1, ndocs = 0, rounds = 5, failed = 0;
	size_t bep = 0, bjs = 0, bst = 0;
	double tep = 1e30, tjs = 1e30, tst = 1e30, ratio;
	if (argc > 1 && atoi(argv[1]) > 0) {
		rounds = atoi(argv[1]);
		first = 2;
	}
	if (!ctx || galley_load_plugins(ctx) < 0 || !(html = galley_find_reader(ctx, "html")) ||
	    !(ep = galley_find_writer(ctx, "epub")) || !(js = galley_find_writer(ctx, "json"))) {
		fprintf(stderr, "bench-epub: the html, json and epub plugins are needed\n");
		return 2;
	}
	if (!(docs = calloc((size_t)argc, sizeof *docs)))
		return 2;
	for (i = first; i < argc; i++) {
		galley_buffer page = GALLEY_BUFFER_INIT;
		galley_context_set_input_name(ctx, argv[i]);
		if (S_slurp(argv[i], &page) < 0 || galley_read(ctx, html, page.data, page.len, &docs[ndocs]) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], galley_context_error(ctx));
			failed++;
		} else {
			ndocs++;
		}
		galley_buffer_dispose(&page);
	}
	if (ndocs == 0) {
		fprintf(stderr, "bench-epub: no pages\n");
		return 2;
	}
	S_round(ctx, ep, docs, ndocs, &bep, &failed); /* warm up */
	for (r = 0; r < rounds; r++) {
		double t = S_round(ctx, js, docs, ndocs, &bjs, &failed);
		if (t < tjs)
			tjs = t;
		t = S_round(ctx, ep, docs, ndocs, &bep, &failed);
		if (t < tep)
			tep = t;
		galley_context_set_option(ctx, "compress", "false");
		t = S_round(ctx, ep, docs, ndocs, &bst, &failed);
		if (t < tst)
			tst = t;
		galley_context_set_option(ctx, "compress", "true");
	}
	ratio = tep / tjs;
	printf("%d pages, best of %d rounds\n", ndocs, rounds);
	printf("json writer:                    %8.4f s  (%zu bytes)\n", tjs, bjs);
	printf("epub writer:                    %8.4f s  (%zu bytes)\n", tep, bep);
	printf("epub writer, -O compress=false: %8.4f s  (%zu bytes)\n", tst, bst);
	printf("ratio epub/json: %.2f, stored %.2f (goal <= 3.00)\n", ratio, tst / tjs);
	for (i = 0; i < ndocs; i++)
		galley_node_free(docs[i]);
	free(docs);
	galley_context_free(ctx);
	return failed || ratio > 3.0 ? 1 : 0;
}
