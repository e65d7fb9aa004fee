/* bench_epub.c — how fast the EPUB writer is next to the JSON writer, on
 * the same trees: every page is read once with the html reader, then each
 * writer writes every tree (one package per page), rounds alternating,
 * the best round of each counting. Prints both times and their ratio.
 *
 *   bench-epub [ROUNDS] PAGE.html...
 */
#include "../common/bench.h"

int main(int argc, char **argv)
{
	galley_context *ctx = galley_context_new();
	const galley_reader *html;
	const galley_writer *ep, *js;
	galley_node **docs;
	int i, r, first = 1, ndocs, rounds = 5, failed = 0;
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
	ndocs = bench_read(ctx, html, argv + first, argc - first, docs, &failed);
	if (ndocs == 0) {
		fprintf(stderr, "bench-epub: no pages\n");
		return 2;
	}
	bench_round(ctx, ep, docs, ndocs, &bep, &failed); /* warm up */
	for (r = 0; r < rounds; r++) {
		double t = bench_round(ctx, js, docs, ndocs, &bjs, &failed);
		if (t < tjs)
			tjs = t;
		t = bench_round(ctx, ep, docs, ndocs, &bep, &failed);
		if (t < tep)
			tep = t;
		galley_context_set_option(ctx, "compress", "false");
		t = bench_round(ctx, ep, docs, ndocs, &bst, &failed);
		if (t < tst)
			tst = t;
		galley_context_set_option(ctx, "compress", "true");
	}
	ratio = tep / tjs;
	printf("%d pages, best of %d rounds (CPU time)\n", ndocs, rounds);
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
