/* output.h — reading inputs into memory and writing the result safely. */
#ifndef GALLEY_CLI_OUTPUT_H
#define GALLEY_CLI_OUTPUT_H

#include <galley/galley.h>

/* Once, at the start of main() before any thread: reads the umask (new
 * files get 0666 & ~umask) and installs the handlers that remove the
 * temporary files of outputs in flight on SIGINT, SIGTERM and SIGHUP (and
 * on SIGBUS, see galley_cli_input). */
void galley_cli_output_init(void);

/* Read a whole file (NULL: standard input) into buf. On failure returns -1
 * with the reason ("No such file or directory", "is a directory") in err. */
int galley_cli_read_file(const char *path, galley_buffer *buf, char *err, size_t errsize);

/* One input held whole for a conversion: data[len] is a NUL. A regular
 * file is mapped when it can be (no copy), anything else read into buf; a
 * mapped file cut short while it is read ends the program with a one-line
 * message and exit status 3 (the SIGBUS handler galley_cli_output_init
 * installs). Free with galley_cli_input_dispose(). */
typedef struct {
	const char *data;
	size_t len;
	galley_buffer buf;
	void *map;
	size_t map_len;
} galley_cli_input;
int galley_cli_input_read(const char *path, galley_cli_input *in, char *err, size_t errsize);
void galley_cli_input_dispose(galley_cli_input *in);

/* Write data to path (NULL or "-": standard output). A regular file is
 * replaced atomically through a temporary file beside it (".NAME.galley-PID.
 * XXXXXX", the name cut to fit NAME_MAX; stale ones of killed runs are
 * removed), keeping its mode and, where allowed, its owner; a symlink, even a
 * dangling one, is written through; a file with other hard links, or in a
 * folder where no temporary can be made, is overwritten in place once the
 * data is complete; devices, FIFOs and /dev/stdout are written directly. On failure returns -1 with
 * "PATH: reason" in err, leaving any existing file untouched. */
int galley_cli_write_output(const char *path, const char *data, size_t len, char *err, size_t errsize);

/* A spilled output: single mode gives galley_write() a sink
 * (galley_context_set_output) that puts the output, as the writer makes it,
 * in an unnamed temporary file in $TMPDIR (default /tmp) instead of memory;
 * galley_cli_write_output_spill() then copies it to the output as
 * galley_cli_write_output() writes data, so a failed conversion still
 * leaves nothing behind, standard output included. Until the output
 * passes GALLEY_CLI_SPILL_FROM, and where no temporary file can be made, it
 * stays in memory. */
#define GALLEY_CLI_SPILL_FROM 1048576 /* a smaller output stays in memory */
typedef struct {
	int fd; /* -1 until the first piece */
	size_t len;
} galley_cli_spill;
#define GALLEY_CLI_SPILL_INIT {-1, 0}
int galley_cli_spill_open(galley_cli_spill *sp);
int galley_cli_spill_output(const char *data, size_t len, void *payload); /* a galley_output_cb */
void galley_cli_spill_close(galley_cli_spill *sp);
/* galley_cli_write_output() of what sp holds followed by data[0..len). */
int galley_cli_write_output_spill(const char *path, const galley_cli_spill *sp, const char *data, size_t len,
	char *err, size_t errsize);

/* Write data to the regular file path through a temporary file beside it,
 * renamed over path once complete, following no symlink: an existing link
 * at path is replaced, not written through. Safe from several threads. */
int galley_cli_write_file(const char *path, const char *data, size_t len, char *err, size_t errsize);
/** 1 when a and b name the same regular file (symlinks and hard links
 * followed): an output that would replace its input. */
int galley_cli_same_file(const char *a, const char *b);

/* Write data to the new regular file path: -1 with errno EEXIST when the
 * name exists (nothing is replaced, not even a symlink). The file is made
 * unnamed (O_TMPFILE) and linked in once complete, so not even kill -9
 * leaves a partial or temporary file; where the file system cannot, as
 * galley_cli_write_file, the last step a link that fails if the name exists. */
int galley_cli_write_new(const char *path, const char *data, size_t len, char *err, size_t errsize);

/* NUL bytes in the first 4 KiB that no UTF-16/32 byte order mark explains:
 * not text, HTML or JSON (the text reader has the same rule). */
int galley_cli_looks_binary(const char *data, size_t len);

/* The log callback of both modes: "galley: INPUT: message" on stderr, one
 * write a line. */
void galley_cli_log_stderr(int level, const char *input, const char *message, void *payload);

#endif
