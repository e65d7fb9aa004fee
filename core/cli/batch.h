/* batch.h — `galley batch`: many documents (files, folders, archives) to
 * every format asked for, in parallel, each output written atomically. It
 * is the program galley-batch (batch-main.c), which the command executes
 * for `galley batch`. */
#ifndef GALLEY_CLI_BATCH_H
#define GALLEY_CLI_BATCH_H

/* argv[0] is "batch". Returns the exit status: 0 every document converted,
 * 1 any failed, 2 usage error, 3 an I/O or system error before any work. */
int galley_batch_main(int argc, char **argv);

#endif
