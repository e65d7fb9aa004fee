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
 * the RSS). */
const char *malloc_conf = "dirty_decay_ms:50,muzzy_decay_ms:0";
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
