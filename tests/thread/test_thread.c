/* test_thread.c — one registry shared by several threads: 4 threads × 50
 * conversions through every reader (the text, HTML and JSON fixtures) and
 * every writer, each with its own context, must give the very bytes (and
 * log lines) of a single-threaded run; then 4 threads write the same
 * const trees at once. Run under ThreadSanitizer by `tests/run.sh --tsan`. */
#include <galley/galley.h>

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_THREADS 4
#define S_PER_THREAD 50

/* epub and docx: their zip entries carry SOURCE_DATE_EPOCH (CMakeLists.txt sets it) or a fixed time */
static const char *const S_writers[] = {"markdown", "gfm", "tei", "docx", "json", "epub"};
#define S_NWRITERS (sizeof S_writers / sizeof *S_writers)

typedef struct {
	char *path;
	galley_buffer data;
	galley_buffer want;  /* every writer's output and the log, single-threaded */
	galley_node *tree;   /* read once, for the shared-tree phase */
	galley_buffer want_written; /* the writers' output of `tree` */
} S_fixture;

static S_fixture *S_fx;
static size_t S_nfx;
static const galley_registry *S_reg;

static void S_die(const char *what, const char *detail)
{
	fprintf(stderr, "test-thread: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static void S_slurp(const char *path, galley_buffer *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		S_die("cannot open", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		galley_buffer_append(out, chunk, n);
	fclose(f);
	if (out->oom)
		S_die("out of memory", path);
}

static int S_cmp_path(const void *a, const void *b)
{
	return strcmp(((const S_fixture *)a)->path, ((const S_fixture *)b)->path);
}

/* Every file of dir whose name ends in ext, as a fixture. */
static void S_collect(const char *dir, const char *ext)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t elen = strlen(ext);
	if (!d)
		S_die("no fixture folder", dir);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		galley_buffer path = GALLEY_BUFFER_INIT;
		S_fixture *nf;
		if (len <= elen || strcmp(e->d_name + len - elen, ext) != 0)
			continue;
		if (!(nf = realloc(S_fx, (S_nfx + 1) * sizeof *nf)))
			S_die("out of memory", NULL);
		S_fx = nf;
		memset(&S_fx[S_nfx], 0, sizeof *S_fx);
		galley_buffer_printf(&path, "%s/%s", dir, e->d_name);
		S_fx[S_nfx].path = galley_buffer_detach(&path, NULL);
		S_slurp(S_fx[S_nfx].path, &S_fx[S_nfx].data);
		S_nfx++;
	}
	closedir(d);
}

/* Log lines become part of the output compared: parser warnings from
 * libxml2 must reach the context of the conversion that caused them. */
static void S_log(int level, const char *input, const char *message, void *payload)
{
	galley_buffer_printf(payload, "log %d %s: %s\n", level, input ? input : "-", message);
}

static galley_context *S_context(galley_buffer *log)
{
	galley_context *ctx = galley_context_new();
	if (!ctx)
		S_die("out of memory", NULL);
	galley_context_set_registry(ctx, S_reg);
	galley_context_set_verbosity(ctx, GALLEY_LOG_DEBUG);
	galley_context_set_log(ctx, S_log, log);
	galley_context_set_option(ctx, "wrap", "72");
	return ctx;
}

/* Write doc with every writer into out. */
static void S_write_all(galley_context *ctx, const galley_node *doc, galley_buffer *out)
{
	size_t w;
	for (w = 0; w < S_NWRITERS; w++) {
		const galley_writer *wr = galley_find_writer(ctx, S_writers[w]);
		if (!wr)
			S_die("no writer", S_writers[w]);
		galley_buffer_printf(out, "== %s\n", S_writers[w]);
		if (galley_write(ctx, wr, &doc, 1, out) < 0)
			galley_buffer_printf(out, "error %s\n", galley_context_error(ctx));
	}
}

/* One conversion: read the fixture (reader from its extension), write it
 * with every writer. The tree is handed out when `keep` is given. */
static void S_convert(const S_fixture *fx, galley_buffer *out, galley_node **keep)
{
	galley_context *ctx = S_context(out);
	const galley_reader *r;
	galley_node *doc = NULL;

	galley_context_set_input_name(ctx, fx->path);
	if (!(r = galley_reader_for_path(ctx, fx->path)))
		S_die("no reader for", fx->path);
	galley_buffer_printf(out, "== read %s\n", galley_reader_name(r));
	if (galley_read(ctx, r, fx->data.data, fx->data.len, &doc) < 0)
		galley_buffer_printf(out, "error %s\n", galley_context_error(ctx));
	else
		S_write_all(ctx, doc, out);
	if (keep)
		*keep = doc;
	else
		galley_node_free(doc);
	galley_context_free(ctx);
	if (out->oom)
		S_die("out of memory", NULL);
}

static void S_check(const S_fixture *fx, const galley_buffer *got, const galley_buffer *want, const char *phase)
{
	if (got->len != want->len || memcmp(got->data, want->data, got->len) != 0) {
		fprintf(stderr, "test-thread: %s: %s differs from the single-threaded run\n--- want\n%s\n--- got\n%s\n",
			phase, fx->path, want->data, got->data);
		exit(1);
	}
}

static void *S_converter(void *arg)
{
	size_t t = (size_t)(uintptr_t)arg, k;
	for (k = 0; k < S_PER_THREAD; k++) {
		/* Threads start at different fixtures so different readers overlap. */
		const S_fixture *fx = &S_fx[(t * 37 + k) % S_nfx];
		galley_buffer got = GALLEY_BUFFER_INIT;
		S_convert(fx, &got, NULL);
		S_check(fx, &got, &fx->want, "conversion");
		galley_buffer_dispose(&got);
	}
	return NULL;
}

static void *S_writer_thread(void *arg)
{
	size_t t = (size_t)(uintptr_t)arg, k;
	for (k = 0; k < S_PER_THREAD; k++) {
		const S_fixture *fx = &S_fx[(t + k) % S_nfx];
		galley_buffer got = GALLEY_BUFFER_INIT;
		galley_context *ctx;
		if (!fx->tree)
			continue;
		ctx = S_context(&got);
		S_write_all(ctx, fx->tree, &got);
		galley_context_free(ctx);
		S_check(fx, &got, &fx->want_written, "shared tree");
		galley_buffer_dispose(&got);
	}
	return NULL;
}

static void S_run(void *(*fn)(void *))
{
	pthread_t th[S_THREADS];
	size_t t;
	for (t = 0; t < S_THREADS; t++)
		if (pthread_create(&th[t], NULL, fn, (void *)(uintptr_t)t) != 0)
			S_die("cannot start a thread", NULL);
	for (t = 0; t < S_THREADS; t++)
		pthread_join(th[t], NULL);
}

int main(void)
{
	galley_registry *reg;
	galley_context *ctx;
	size_t i, readers[3] = {0, 0, 0}, bytes = 0, logs = 0;

	if (galley_init() < 0 || !(reg = galley_registry_new()) || !(ctx = galley_context_new()))
		S_die("cannot initialise libgalley", NULL);
	if (galley_registry_add_dir(reg, PLUGIN_DIR) < 0 || galley_registry_load(reg, ctx) < 0)
		S_die("cannot load the plugins", galley_context_error(ctx));
	galley_context_free(ctx);
	S_reg = reg;

	S_collect(FIXTURES "/text", ".txt");
	S_collect(FIXTURES "/html", ".html");
	S_collect(FIXTURES "/html/sites", ".html");
	S_collect(FIXTURES "/json", ".json");
	qsort(S_fx, S_nfx, sizeof *S_fx, S_cmp_path);
	if (S_nfx < 3)
		S_die("too few fixtures", NULL);

	/* The single-threaded run. */
	for (i = 0; i < S_nfx; i++) {
		galley_context *wctx;
		S_convert(&S_fx[i], &S_fx[i].want, &S_fx[i].tree);
		readers[strstr(S_fx[i].want.data, "== read text") ? 0 : strstr(S_fx[i].want.data, "== read html") ? 1 : 2]++;
		if (strstr(S_fx[i].want.data, "\nerror "))
			S_die("a fixture does not convert", S_fx[i].want.data);
		bytes += S_fx[i].want.len;
		for (const char *p = S_fx[i].want.data; (p = strstr(p, "log ")); p++)
			logs++;
		if (S_fx[i].tree) {
			wctx = S_context(&S_fx[i].want_written);
			S_write_all(wctx, S_fx[i].tree, &S_fx[i].want_written);
			galley_context_free(wctx);
		}
	}
	if (!readers[0] || !readers[1] || !readers[2])
		S_die("a reader has no fixture", NULL);

	S_run(S_converter);
	S_run(S_writer_thread);
	printf("%d threads x %d conversions of %zu fixtures (%zu text, %zu html, %zu json), %zu writers: "
	       "the same bytes (%zu single-threaded, %zu log lines)\n",
		S_THREADS, S_PER_THREAD, S_nfx, readers[0], readers[1], readers[2], S_NWRITERS, bytes, logs);

	for (i = 0; i < S_nfx; i++) {
		free(S_fx[i].path);
		galley_buffer_dispose(&S_fx[i].data);
		galley_buffer_dispose(&S_fx[i].want);
		galley_buffer_dispose(&S_fx[i].want_written);
		galley_node_free(S_fx[i].tree);
	}
	free(S_fx);
	galley_registry_free(reg);
	galley_shutdown();
	return 0;
}
