/* batch-main.c — the program galley-batch, which `galley batch` executes
 * (core/cli/main.c): the batch code (batch.c) with the command's output
 * and metadata functions, allocating with jemalloc where the build links
 * it (not in sanitizer builds, whose allocators are their own). */
#include "batch.h"
#include "output.h"

#include <galley/galley.h>

#include <stdio.h>

enum { EXIT_IO = 3 };

#ifdef GALLEY_JEMALLOC
/* jemalloc reads this at its start (MALLOC_CONF in the environment still
 * overrides it). Every thread gets an arena of its own (jemalloc's default
 * of four a processor), so the workers never wait on one another's lock
 * nor trim one another's pages (glibc's malloc_trim() trims every arena).
 * An arena gives back the pages it no longer uses over 50 ms
 * (dirty_decay_ms; with jemalloc's default of 10 s the peak RSS of 2,000
 * documents was 40% over that of 200, with 200 ms 13%), at once
 * (muzzy_decay_ms 0: pages given back lazily, MADV_FREE, still count in
 * the RSS), by jemalloc's background thread (background_thread), in
 * batches: each give-back (madvise) by a worker interrupted the others to
 * flush their TLBs (an IPI each; the CPU time of -j 2 was 12 to 19% over
 * that of -j 1). On the readability zip, -j 2, all four formats: 1,250 to
 * 1,370 TLB shootdowns a run without the thread, 490 to 540 with it; on
 * 20,000 documents 37.7 s against 40.5 to 43 s, and the peak RSS over 200
 * documents' +6 to 7% against +8 to 11% (two runs each, this 2-core VM). */
const char *malloc_conf = "dirty_decay_ms:50,muzzy_decay_ms:0,background_thread:true";
#endif

int main(int argc, char **argv)
{
	int rc;

	galley_cli_output_init();
	/* Before any thread starts: libxml2 and libltdl set up once. */
	if (galley_init() < 0) {
		fputs("galley: cannot initialise libgalley (out of memory?)\n", stderr);
		return EXIT_IO;
	}
	rc = galley_batch_main(argc, argv);
	galley_shutdown();
	return rc;
}
