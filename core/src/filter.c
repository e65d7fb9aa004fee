/* filter.c — filters between reading and writing: filter plugins from the
 * registry, and external programs that get the document as the JSON form
 * on their standard input and give it back on their standard output (as
 * pandoc's JSON filters do). Programs run without a shell (posix_spawn),
 * with the document written and the answer read at the same time (poll),
 * so neither side can block the other whatever the size, and a time limit. */
#define _GNU_SOURCE /* pipe2 */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define S_DEFAULT_TIMEOUT 60 /* seconds */

const char *galley_filter_name(const galley_filter *f)
{
	return f ? f->f.filter->name : NULL;
}

const galley_option_desc *galley_filter_options(const galley_filter *f)
{
	return f ? f->f.filter->options : NULL;
}

int galley_filter_apply(galley_context *ctx, const galley_filter *f, galley_node **doc)
{
	int rc;

	if (!f || !doc || !*doc || galley_node_get_type(*doc) != GALLEY_NODE_DOCUMENT)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_filter_apply: no filter or no document");
	galley_error_clear(ctx);
	rc = f->f.filter->filter(ctx, doc, f->f.filter->payload);
	if (rc >= 0 && (!*doc || galley_node_get_type(*doc) != GALLEY_NODE_DOCUMENT))
		rc = galley_error(ctx, GALLEY_ERROR, "the %s filter left no document", f->f.filter->name);
	if (rc < 0 && galley_context_error_code(ctx) == 0)
		galley_error(ctx, rc, "the %s filter failed", f->f.filter->name);
	return rc < 0 ? (galley_context_error_code(ctx) < 0 ? galley_context_error_code(ctx) : rc) : 0;
}

static int S_is_program(const char *spec)
{
	return strchr(spec, '/') != NULL;
}

int galley_filter_check(galley_context *ctx, const char *spec)
{
	struct stat st;

	if (!spec || !*spec)
		return galley_error(ctx, GALLEY_EUSAGE, "--filter: empty filter name");
	if (!S_is_program(spec)) {
		if (!galley_find_filter(ctx, spec))
			return galley_error(ctx, GALLEY_EUSAGE,
				"unknown filter '%s' (see galley --list-filters; a program is named by a path: ./%s)", spec, spec);
		return 0;
	}
	if (stat(spec, &st) < 0)
		return galley_error(ctx, GALLEY_EUSAGE, "filter %s: %s", spec, strerror(errno));
	if (!S_ISREG(st.st_mode) || access(spec, X_OK) != 0)
		return galley_error(ctx, GALLEY_EUSAGE, "filter %s: not an executable file", spec);
	return 0;
}

int galley_check_job_options(galley_context *ctx, const galley_reader *r, const galley_writer *w,
	const char *const *specs, size_t nspecs)
{
	return galley__check_options(ctx, r, w, specs, nspecs);
}

/* ------------------------------------------------------------------ */
/* External programs                                                  */
/* ------------------------------------------------------------------ */

static long S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void S_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Write in to the program and read its output into out, both at once,
 * until it closes its output. 0, GALLEY_EIO with errno-like detail in
 * *why, or 1 on timeout. SIGPIPE (the program exits without reading all
 * of its input) is blocked on this thread while writing and any pending
 * one taken back, so the process's handlers are never touched. */
static int S_exchange(int to, int from, const galley_buffer *in, galley_buffer *out, long timeout_ms,
	const char **why)
{
	size_t written = 0;
	long deadline = timeout_ms > 0 ? S_now_ms() + timeout_ms : 0;
	sigset_t pipe_set, old;
	int rc = 0;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	if (in->len == 0)
		S_close(&to);
	while (from >= 0) {
		struct pollfd p[2];
		nfds_t n = 0;
		long wait = -1;
		int ready;

		p[n].fd = from, p[n].events = POLLIN, p[n++].revents = 0;
		if (to >= 0)
			p[n].fd = to, p[n].events = POLLOUT, p[n++].revents = 0;
		if (deadline) {
			wait = deadline - S_now_ms();
			if (wait <= 0) {
				rc = 1;
				break;
			}
		}
		ready = poll(p, n, wait > 0x7fffffffL ? 0x7fffffff : (int)wait);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0) {
			*why = strerror(errno);
			rc = GALLEY_EIO;
			break;
		}
		if (n > 1 && p[1].revents) {
			ssize_t k = write(to, in->data + written, in->len - written);
			if (k > 0 && (written += (size_t)k) == in->len)
				S_close(&to);
			else if (k < 0 && errno != EAGAIN && errno != EINTR)
				S_close(&to); /* it stopped reading (EPIPE): its exit status will tell */
		}
		if (p[0].revents) {
			char chunk[65536];
			ssize_t k = read(from, chunk, sizeof chunk);
			if (k > 0) {
				if (galley_buffer_append(out, chunk, (size_t)k) < 0) {
					*why = "out of memory";
					rc = GALLEY_ENOMEM;
					break;
				}
			} else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
				S_close(&from);
			}
		}
	}
	S_close(&to);
	S_close(&from);
	{
		/* Take back a SIGPIPE raised on this thread, then restore the mask. */
		struct timespec zero = {0, 0};
		sigset_t pending;
		sigpending(&pending);
		if (sigismember(&pending, SIGPIPE))
			sigtimedwait(&pipe_set, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static int S_run_program(galley_context *ctx, const char *path, galley_node **doc)
{
	const galley_writer *jw = galley_find_writer(ctx, "json");
	const galley_reader *jr = galley_find_reader(ctx, "json");
	const char *tv = galley_context_option(ctx, "filter-timeout");
	long timeout_s = tv ? strtol(tv, NULL, 10) : S_DEFAULT_TIMEOUT;
	galley_buffer in = GALLEY_BUFFER_INIT, out = GALLEY_BUFFER_INIT;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t mask, defaults;
	int to[2] = {-1, -1}, from[2] = {-1, -1};
	const galley_node *d = *doc;
	galley_node *result = NULL;
	char *argv[2];
	const char *why = NULL;
	pid_t pid;
	int rc, status = 0, xrc;

	if (!jw || !jr)
		return galley_error(ctx, GALLEY_EUSAGE, "filter %s: needs the json reader and writer (json plugin)", path);
	if ((rc = galley_write(ctx, jw, &d, 1, &in)) < 0) {
		galley_buffer_dispose(&in);
		return rc;
	}
	if (pipe2(to, O_CLOEXEC) < 0 || pipe2(from, O_CLOEXEC) < 0) {
		rc = galley_error(ctx, GALLEY_EIO, "filter %s: cannot make a pipe: %s", path, strerror(errno));
		S_close(&to[0]), S_close(&to[1]), S_close(&from[0]), S_close(&from[1]);
		galley_buffer_dispose(&in);
		return rc;
	}
	/* The program starts with no signal blocked and SIGPIPE at its default,
	 * whatever the calling program (or this thread) has set. */
	posix_spawnattr_init(&attr);
	sigemptyset(&mask);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &mask);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, to[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, from[1], STDOUT_FILENO);
	argv[0] = (char *)path;
	argv[1] = NULL;
	rc = posix_spawn(&pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	S_close(&to[0]);
	S_close(&from[1]);
	if (rc != 0) {
		S_close(&to[1]);
		S_close(&from[0]);
		galley_buffer_dispose(&in);
		return galley_error(ctx, GALLEY_EINVAL, "filter %s: cannot run it: %s", path, strerror(rc));
	}
	fcntl(to[1], F_SETFL, fcntl(to[1], F_GETFL) | O_NONBLOCK);
	fcntl(from[0], F_SETFL, fcntl(from[0], F_GETFL) | O_NONBLOCK);
	xrc = S_exchange(to[1], from[0], &in, &out, timeout_s * 1000, &why);
	galley_buffer_dispose(&in);
	if (xrc != 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (xrc == 1)
		rc = galley_error(ctx, GALLEY_EINVAL, "filter %s: timed out after %ld s (-O filter-timeout=SECONDS)", path,
			timeout_s);
	else if (xrc < 0)
		rc = galley_error(ctx, xrc, "filter %s: %s", path, why ? why : "I/O error");
	else if (WIFSIGNALED(status))
		rc = galley_error(ctx, GALLEY_EINVAL, "filter %s: killed by signal %d", path, WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = galley_error(ctx, GALLEY_EINVAL, "filter %s: exited with status %d", path,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else if (out.len == 0)
		rc = galley_error(ctx, GALLEY_EINVAL, "filter %s: wrote nothing (it must write the document as JSON)", path);
	else if (galley_read(ctx, jr, out.data, out.len, &result) < 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", galley_context_error(ctx));
		rc = galley_error(ctx, GALLEY_EINVAL, "filter %s: its output is not the JSON form: %s", path, msg);
	} else {
		galley_node_free(*doc);
		*doc = result;
		rc = 0;
	}
	galley_buffer_dispose(&out);
	return rc;
}

int galley_run_filter(galley_context *ctx, const char *spec, galley_node **doc)
{
	const galley_filter *f;

	if (!spec || !doc || !*doc)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_run_filter: no filter or no document");
	if (S_is_program(spec))
		return S_run_program(ctx, spec, doc);
	if (!(f = galley_find_filter(ctx, spec)))
		return galley_error(ctx, GALLEY_EUSAGE, "unknown filter '%s'", spec);
	return galley_filter_apply(ctx, f, doc);
}
