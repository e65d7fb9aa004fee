/* bench_docx.c — how fast the DOCX writer is next to the JSON writer, over
 * real pages. Every page is read once with the html reader; then the two
 * writers write all of those trees, in alternating rounds in this one
 * process, and the best round of each counts (the machine's noise only ever
 * adds time). Prints both times and their ratio; exits 1 above 3x.
 *
 *   bench-docx [ROUNDS] PAGE.html...
 */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double S_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

/* One round: every tree through the writer; the CPU time it took. */
static double S_round(galley_context *ctx, const galley_writer *w, galley_node **docs, int ndocs, size_t *bytes,
	int *failed)
{
	double t0 = S_cpu();
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
	return S_cpu() - t0;
}

int main(int argc, char **argv)
{
	galley_context *ctx = galley_context_new();
	const galley_reader *html;
	const galley_writer *dx, *js;
	galley_node **docs;
	int i, r, first = 1, ndocs = 0, rounds = 5, failed = 0;
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
	docs = calloc((size_t)argc, sizeof *docs);
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
	S_round(ctx, dx, docs, ndocs, &bdx, &failed); /* warm up */
	for (r = 0; r < rounds; r++) {
		if ((t = S_round(ctx, js, docs, ndocs, &bjs, &failed)) < tjs)
			tjs = t;
		if ((t = S_round(ctx, dx, docs, ndocs, &bdx, &failed)) < tdx)
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
