/* bench_markdown.c — how fast the Markdown writer is next to the JSON
 * writer, over real pages. Every page is read once with the html reader and
 * turned into galley JSON; then each writer converts all of those JSON
 * documents (read with the json reader, as `galley -f json` does), N rounds,
 * in this one process. Prints both times and their ratio.
 *
 *   bench-markdown [ROUNDS] PAGE.html...
 */
#include <galley/galley.h>

#include "../common/bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* JSON text -> tree -> writer, for every document; returns bytes written. */
static double S_time(galley_context *ctx, const galley_reader *json, const galley_writer *w,
	galley_buffer *docs, int ndocs, int rounds, size_t *bytes, int *failed)
{
	double t0 = bench_cpu();
	int r, i;
	*bytes = 0;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < ndocs; i++) {
			galley_node *doc = NULL;
			galley_buffer out = GALLEY_BUFFER_INIT;
			if (galley_read(ctx, json, docs[i].data, docs[i].len, &doc) < 0 ||
			    galley_write(ctx, w, (const galley_node *const *)&doc, 1, &out) < 0) {
				if (r == 0)
					fprintf(stderr, "document %d: %s\n", i, galley_context_error(ctx));
				++*failed;
			}
			*bytes += out.len;
			galley_buffer_dispose(&out);
			galley_node_free(doc);
		}
	}
	return bench_cpu() - t0;
}

int main(int argc, char **argv)
{
	galley_context *ctx = galley_context_new();
	const galley_reader *html, *json;
	const galley_writer *md, *js;
	galley_buffer *docs;
	int i, first = 1, ndocs = 0, rounds = 20, failed = 0;
	size_t bmd, bjs;
	double tmd, tjs;
	if (argc > 1 && atoi(argv[1]) > 0) {
		rounds = atoi(argv[1]);
		first = 2;
	}
	if (galley_load_plugins(ctx) < 0 || !(html = galley_find_reader(ctx, "html")) ||
	    !(json = galley_find_reader(ctx, "json")) || !(md = galley_find_writer(ctx, "markdown")) ||
	    !(js = galley_find_writer(ctx, "json"))) {
		fprintf(stderr, "bench-markdown: the html, json and markdown plugins are needed\n");
		return 2;
	}
	docs = calloc((size_t)argc, sizeof *docs);
	for (i = first; i < argc; i++) {
		galley_buffer page = GALLEY_BUFFER_INIT;
		galley_node *doc = NULL;
		galley_context_set_input_name(ctx, argv[i]);
		if (bench_slurp(argv[i], &page) < 0 || galley_read(ctx, html, page.data, page.len, &doc) < 0 ||
		    galley_write(ctx, js, (const galley_node *const *)&doc, 1, &docs[ndocs]) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], galley_context_error(ctx));
			failed++;
		} else {
			ndocs++;
		}
		galley_node_free(doc);
		galley_buffer_dispose(&page);
	}
	/* warm up once, then measure each writer */
	S_time(ctx, json, md, docs, ndocs, 1, &bmd, &failed);
	tjs = S_time(ctx, json, js, docs, ndocs, rounds, &bjs, &failed);
	tmd = S_time(ctx, json, md, docs, ndocs, rounds, &bmd, &failed);
	printf("%d pages x %d rounds\n", ndocs, rounds);
	printf("json -> json:     %8.3f s  (%zu bytes a round)\n", tjs, bjs / (size_t)rounds);
	printf("json -> markdown: %8.3f s  (%zu bytes a round)\n", tmd, bmd / (size_t)rounds);
	printf("ratio markdown/json: %.2f (goal <= 1.20)\n", tmd / tjs);
	for (i = 0; i < ndocs; i++)
		galley_buffer_dispose(&docs[i]);
	free(docs);
	galley_context_free(ctx);
	return failed ? 1 : 0;
}
