/* bench_docx.c — how fast the DOCX writer is next to the JSON writer, over
 * real pages. Every page is read once with the html reader; then the two
 * writers write all of those trees, in alternating rounds in this one
 * process, and the best round of each counts (the machine's noise only ever
 * adds time). Prints both times and their ratio; exits 1 above 3x.
 *
 *   bench-docx [ROUNDS] PAGE.html...
 */
#include "../common/bench.h"

int main(int argc, char **argv)
{
	galley_context *ctx = galley_context_new();
	const galley_reader *html;
	const galley_writer *dx, *js;
	galley_node **docs;
	int i, r, first = 1, ndocs, rounds = 5, failed = 0;
	size_t bdx = 0, bjs = 0;
	double tdx = 1e30, tjs = 1e30, t;

	if (argc > 1 && atoi(argv[1]) > 0) {
		rounds = atoi(argv[1]);
		first = 2;
	}
	if (galley_load_plugins(ctx) < 0 || !(html = galley_find_reader(ctx, "html")) ||
	    !(dx = galley_find_writer(ctx, "docx")) || !(js = galley_find_writer(ctx, "json"))) {
		fprintf(stderr, "bench-docx: the html, json and docx plugins are needed\n");
		return 2;
	}
	if (!(docs = calloc((size_t)argc, sizeof *docs)))
		return 2;
	ndocs = bench_read(ctx, html, argv + first, argc - first, docs, &failed);
	bench_round(ctx, dx, docs, ndocs, &bdx, &failed); /* warm up */
	for (r = 0; r < rounds; r++) {
		if ((t = bench_round(ctx, js, docs, ndocs, &bjs, &failed)) < tjs)
			tjs = t;
		if ((t = bench_round(ctx, dx, docs, ndocs, &bdx, &failed)) < tdx)
			tdx = t;
	}
	printf("%d pages, best of %d rounds (CPU time)\n", ndocs, rounds);
	printf("json writer: %8.4f s  (%zu bytes)\n", tjs, bjs);
	printf("docx writer: %8.4f s  (%zu bytes)\n", tdx, bdx);
	printf("ratio docx/json: %.2f (goal <= 3)\n", tdx / tjs);
	for (i = 0; i < ndocs; i++)
		galley_node_free(docs[i]);
	free(docs);
	galley_context_free(ctx);
	return failed ? 1 : tdx / tjs > 3.0 ? 1 : 0;
}
