/* oom.c — fail the Nth allocation, for every N, through a whole conversion
 * in every reader and writer: each must return an error with a message (or
 * give exactly the output it gives with memory to spare), leak nothing and
 * never crash or hang.
 *
 *   galley-oom READER FILE         read FILE with READER
 *   galley-oom WRITER TREE.json    write the tree (read outside the window)
 *   galley-oom FORMAT FILE N       fail only allocation N, in this process
 *                                  (to run under gdb)
 *
 * Allocations are failed through galley's allocator hook
 * (galley_set_allocator), so every allocation of the core, the release
 * library and the plugins is failed in turn. Leaks are counted over every
 * allocation of the process, the libraries' too: this program replaces
 * malloc/calloc/realloc/free (glibc's __libc_* underneath) to keep the set
 * of blocks allocated during the conversion. The libraries' own allocations
 * are not failed: libxml2 2.9's HTML parser can loop for ever when one of
 * its own fails (a bug of its own).
 * Each N runs in a child process, so a crash or a hang is caught and named.
 * Not built with the sanitizers, which replace the allocator themselves. */
#define _GNU_SOURCE
#include <galley/galley.h>

#include <dlfcn.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

/* The allocator's state: this test program is single-threaded. */
static int S_armed;
static long S_count, S_fail_at;

/* The blocks allocated while armed and not yet freed: an open-addressing
 * set (deleted slots keep a tombstone). */
#define S_SLOTS (1u << 18)
#define S_TOMB ((uintptr_t)1)
static uintptr_t S_live[S_SLOTS];
static const void *S_caller[S_SLOTS]; /* who allocated it, to name a leak */
static void *S_stack[S_SLOTS][6];      /* with GALLEY_OOM_TRACE: the whole call */
static int S_trace;
static long S_nlive;

static size_t S_slot(uintptr_t p)
{
	return (size_t)((p >> 4) * 2654435761u) & (S_SLOTS - 1);
}

static void S_track(void *p, const void *caller)
{
	size_t i;
	if (!p || !S_armed)
		return;
	for (i = S_slot((uintptr_t)p); S_live[i] > S_TOMB; i = (i + 1) & (S_SLOTS - 1))
		;
	S_live[i] = (uintptr_t)p;
	S_caller[i] = caller;
	if (S_trace) {
		S_trace = 0; /* backtrace() may allocate */
		backtrace(S_stack[i], 6);
		S_trace = 1;
	}
	S_nlive++;
}

static void S_untrack(void *p)
{
	size_t i;
	if (!p || !S_nlive)
		return;
	for (i = S_slot((uintptr_t)p); S_live[i]; i = (i + 1) & (S_SLOTS - 1))
		if (S_live[i] == (uintptr_t)p) {
			S_live[i] = S_TOMB;
			S_nlive--;
			return;
		}
}

void *malloc(size_t n)
{
	void *p = __libc_malloc(n);
	S_track(p, __builtin_return_address(0));
	return p;
}

void *calloc(size_t n, size_t m)
{
	void *p = __libc_calloc(n, m);
	S_track(p, __builtin_return_address(0));
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q = __libc_realloc(p, n);
	if (q || !n) {
		S_untrack(p);
		S_track(q, __builtin_return_address(0));
	}
	return q;
}

void free(void *p)
{
	S_untrack(p);
	__libc_free(p);
}

/* galley's allocator: the C library's, failing the S_fail_at-th call. */
static int S_fail_now(void)
{
	if (!S_armed || ++S_count != S_fail_at)
		return 0;
	if (getenv("GALLEY_OOM_TRACE")) { /* where the failed allocation was asked for */
		void *frames[16];
		backtrace_symbols_fd(frames, backtrace(frames, 16), 2);
	}
	return 1;
}

static void *S_hook_calloc(size_t n, size_t m, void *payload)
{
	(void)payload;
	return S_fail_now() ? NULL : calloc(n, m);
}

static void *S_hook_realloc(void *p, size_t n, void *payload)
{
	(void)payload;
	return S_fail_now() ? NULL : realloc(p, n);
}

static void S_hook_free(void *p, void *payload)
{
	(void)payload;
	free(p);
}

struct job {
	galley_context *ctx;
	const galley_reader *r;
	const galley_writer *w;
	const char *data;
	size_t len;
	galley_node *tree; /* for a writer */
};

/* One conversion; the output appended to out. Returns the conversion's
 * result (0 or negative). Everything it allocates is freed. */
static int S_run(struct job *j, galley_buffer *out)
{
	galley_node *doc = NULL;
	const galley_node *const docs[1] = {j->tree};
	int rc;

	galley_error_clear(j->ctx);
	if (j->r) {
		rc = galley_read(j->ctx, j->r, j->data, j->len, &doc);
		if (rc >= 0 && galley_node_dump(doc, out) < 0)
			rc = galley_error(j->ctx, GALLEY_ENOMEM, "out of memory");
		galley_node_free(doc);
	} else {
		rc = galley_write(j->ctx, j->w, docs, 1, out);
	}
	if (rc >= 0 && out->oom)
		rc = galley_error(j->ctx, GALLEY_ENOMEM, "out of memory");
	return rc;
}

static char *S_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
		(buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
		buf[n] = '\0';
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The child: fail allocation n, check what came of it. Exit 0 when the run
 * failed cleanly or succeeded with the reference output; 1 for a silent
 * change, 2 for a leak, 3 for an error without a message. */
static int S_child(struct job *j, long n, const galley_buffer *ref)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	int rc, same;

	memset(S_live, 0, sizeof S_live);
	S_nlive = 0;
	S_trace = getenv("GALLEY_OOM_TRACE") != NULL;
	S_count = 0;
	S_fail_at = n;
	S_armed = 1;
	rc = S_run(j, &out);
	S_armed = 0;
	if (rc < 0 && !*galley_context_error(j->ctx)) {
		fprintf(stderr, "allocation %ld failed: an error (%d) without a message\n", n, rc);
		return 3;
	}
	same = rc >= 0 && out.len == ref->len && memcmp(out.data ? out.data : "", ref->data, ref->len) == 0;
	if (rc >= 0 && !same && getenv("GALLEY_OOM_DUMP")) {
		/* GALLEY_OOM_DUMP=PREFIX: PREFIX.ref and PREFIX.out, to diff */
		char path[4096];
		FILE *f;
		snprintf(path, sizeof path, "%s.ref", getenv("GALLEY_OOM_DUMP"));
		if ((f = fopen(path, "wb"))) {
			fwrite(ref->data, 1, ref->len, f);
			fclose(f);
		}
		snprintf(path, sizeof path, "%s.out", getenv("GALLEY_OOM_DUMP"));
		if ((f = fopen(path, "wb"))) {
			fwrite(out.data ? out.data : "", 1, out.len, f);
			fclose(f);
		}
	}
	S_armed = 1; /* count what is freed now, allocate nothing */
	S_fail_at = -1;
	galley_buffer_dispose(&out);
	galley_error_clear(j->ctx);
	xmlResetLastError(); /* libxml2 keeps the last error (a copy) per thread: not a leak */
	S_armed = 0;
	if (rc >= 0 && !same) {
		fprintf(stderr, "allocation %ld failed: the conversion succeeded with other output\n", n);
		return 1;
	}
	if (S_nlive) {
		size_t i, shown;
		fprintf(stderr, "allocation %ld failed: %ld blocks leaked (rc %d), allocated at:", n, S_nlive, rc);
		for (i = 0, shown = 0; i < S_SLOTS && shown < 5; i++) {
			Dl_info info;
			if (S_live[i] <= S_TOMB)
				continue;
			shown++;
			if (getenv("GALLEY_OOM_TRACE")) {
				fputs("\nleaked block allocated at:\n", stderr);
				backtrace_symbols_fd(S_stack[i], 6, 2);
			}
			if (dladdr(S_caller[i], &info) && info.dli_fname)
				fprintf(stderr, " %s+0x%lx", strrchr(info.dli_fname, '/') ? strrchr(info.dli_fname, '/') + 1 : info.dli_fname,
					(unsigned long)((uintptr_t)S_caller[i] - (uintptr_t)info.dli_fbase));
		}
		fputc('\n', stderr);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct job j;
	galley_buffer ref = GALLEY_BUFFER_INIT, warm = GALLEY_BUFFER_INIT;
	long total, n, bad = 0;
	char *data;
	size_t len = 0;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: galley-oom FORMAT FILE [N]\n");
		return 2;
	}
	static const galley_allocator hook = {S_hook_calloc, S_hook_realloc, S_hook_free, NULL};
	memset(&j, 0, sizeof j);
	if (galley_set_allocator(&hook) < 0) {
		fprintf(stderr, "galley-oom: cannot set the allocator\n");
		return 1;
	}
	if (!(j.ctx = galley_context_new()) || galley_load_plugins(j.ctx) < 0) {
		fprintf(stderr, "galley-oom: cannot load plugins\n");
		return 1;
	}
	galley_context_set_verbosity(j.ctx, -1);
	galley_context_set_input_name(j.ctx, argv[2]);
	if (!(data = S_slurp(argv[2], &len))) {
		fprintf(stderr, "galley-oom: cannot read %s\n", argv[2]);
		return 1;
	}
	if ((j.r = galley_find_reader(j.ctx, argv[1]))) {
		j.data = data;
		j.len = len;
	} else if ((j.w = galley_find_writer(j.ctx, argv[1]))) {
		const galley_reader *jr = galley_find_reader(j.ctx, "json");
		if (!jr || galley_read(j.ctx, jr, data, len, &j.tree) < 0) {
			fprintf(stderr, "galley-oom: %s: %s\n", argv[2], galley_context_error(j.ctx));
			return 1;
		}
	} else {
		fprintf(stderr, "galley-oom: no format %s\n", argv[1]);
		return 1;
	}
	xmlInitParser(); /* its global state, set up once, outside the window */
	/* Twice with memory to spare: the first run sets up what stays set up
	 * for the process (language profiles, iconv modules), the second
	 * counts the allocations of a conversion and gives the reference. */
	if (S_run(&j, &warm) < 0) {
		fprintf(stderr, "galley-oom: %s: %s\n", argv[2], galley_context_error(j.ctx));
		return 1;
	}
	S_count = 0;
	S_fail_at = 0;
	S_armed = 1;
	if (S_run(&j, &ref) < 0 || ref.oom)
		return 1;
	S_armed = 0;
	total = S_count;
	if (argc == 4)
		return S_child(&j, atol(argv[3]), &ref);
	for (n = 1; n <= total && bad < 5; n++) {
		pid_t pid;
		int status;
		fflush(stderr);
		if ((pid = fork()) < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			alarm(30); /* a conversion that loops is a failure too */
			_exit(S_child(&j, n, &ref));
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (WIFSIGNALED(status)) {
			fprintf(stderr, "%s %s: allocation %ld of %ld failed: %s (signal %d)\n", argv[1], argv[2], n, total,
				WTERMSIG(status) == SIGALRM ? "hung for 30 s" : "crashed", WTERMSIG(status));
			bad++;
		} else if (WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s %s: allocation %ld of %ld: see above\n", argv[1], argv[2], n, total);
			bad++;
		}
	}
	printf("%s %s: %ld allocations, each failed once: %s\n", argv[1], argv[2], total, bad ? "FAILED" : "ok");
	galley_buffer_dispose(&ref);
	galley_buffer_dispose(&warm);
	galley_node_free(j.tree);
	galley_context_free(j.ctx);
	free(data);
	return bad ? 1 : 0;
}
