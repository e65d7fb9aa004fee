/* output.c — the command's file handling: inputs are read whole in large
 * chunks; a regular output file is written to a temporary file beside it,
 * synced and renamed over the target only once complete. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "output.h"

#include <galley/plugin.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1u << 20)

int galley_cli_read_file(const char *path, galley_buffer *buf, char *err, size_t errsize)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	struct stat st;
	size_t expect = 0;

	if (fd < 0) {
		snprintf(err, errsize, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errsize, "is a directory");
			goto fail;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			expect = (size_t)st.st_size;
	}
	/* A regular file is read into one allocation of its size; pipes grow
	 * the buffer geometrically from a large first chunk. */
	if (galley_buffer_reserve(buf, expect ? expect : CHUNK) < 0) {
		snprintf(err, errsize, "out of memory");
		goto fail;
	}
	for (;;) {
		size_t room = buf->cap - buf->len - 1;
		char probe[4096];
		ssize_t n;

		if (room == 0 && expect && buf->len >= expect) {
			/* Most likely at the end: check with a small read before growing. */
			n = read(fd, probe, sizeof probe);
			if (n > 0 && galley_buffer_append(buf, probe, (size_t)n) < 0) {
				snprintf(err, errsize, "out of memory");
				goto fail;
			}
		} else {
			if (room == 0 && galley_buffer_reserve(buf, CHUNK) < 0) {
				snprintf(err, errsize, "out of memory");
				goto fail;
			}
			room = buf->cap - buf->len - 1;
			n = read(fd, buf->data + buf->len, room);
			if (n > 0) {
				buf->len += (size_t)n;
				buf->data[buf->len] = '\0';
			}
		}
		if (n == 0)
			break;
		if (n < 0 && errno != EINTR) {
			snprintf(err, errsize, "%s", strerror(errno));
			goto fail;
		}
	}
	if (path)
		close(fd);
	return 0;
fail:
	if (path)
		close(fd);
	return -1;
}

/* The input mapped now, for the SIGBUS handler's message: a file cut
 * short while mapped faults where its pages were. One conversion maps one
 * input at a time, on the main thread (batch reads its inputs). */
static const char *_Atomic S_mapped_name;

/* Mapped up to this size with its pages entered at once; a larger one
 * faults them in as the reader goes (never read ahead whole). */
#define S_POPULATE_MAX (64u << 20)

int galley_cli_input_read(const char *path, galley_cli_input *in, char *err, size_t errsize)
{
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);
	int fd;

	memset(in, 0, sizeof *in);
	/* A regular file whose size is not a whole number of pages is mapped:
	 * the rest of its last page reads as zeros, so the data ends in a NUL
	 * as a read buffer's does, and no copy of it is made (nor the fresh
	 * pages a copy needs: one process a file pays for those). */
	if (path && page > 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
			(unsigned long long)st.st_size < (unsigned long long)SIZE_MAX &&
			st.st_size % page != 0) {
			size_t len = (size_t)st.st_size;
			void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | (len <= S_POPULATE_MAX ? MAP_POPULATE : 0), fd, 0);
			if (m != MAP_FAILED) {
				close(fd);
				in->map = m;
				in->map_len = len;
				in->data = m;
				in->len = len;
				atomic_store(&S_mapped_name, path);
				return 0;
			}
		}
		close(fd);
	}
	if (galley_cli_read_file(path, &in->buf, err, errsize) < 0) {
		galley_cli_input_dispose(in);
		return -1;
	}
	in->data = in->buf.data ? in->buf.data : "";
	in->len = in->buf.len;
	return 0;
}

void galley_cli_input_dispose(galley_cli_input *in)
{
	if (in->map) {
		atomic_store(&S_mapped_name, NULL);
		munmap(in->map, in->map_len);
	}
	galley_buffer_dispose(&in->buf);
	memset(in, 0, sizeof *in);
}

static int S_write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len > (1u << 30) ? (1u << 30) : len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What an output is written from: data[0..len), or, when fd >= 0, the first
 * len bytes of the file fd (a spilled output, galley_cli_spill_*). */
typedef struct {
	const char *data;
	size_t len;
	int fd;
} S_src;

/* The spilled case, apart: its chunk stays off the stack of the others. */
static __attribute__((noinline)) int S_copy_spill(int fd, const S_src *src)
{
	char chunk[65536];
	off_t off = 0;

	while ((size_t)off < src->len) {
		size_t want = src->len - (size_t)off < sizeof chunk ? src->len - (size_t)off : sizeof chunk;
		ssize_t n = pread(src->fd, chunk, want, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO; /* the spill file is shorter than what was put in it */
			return -1;
		}
		if (S_write_all(fd, chunk, (size_t)n) < 0)
			return -1;
		off += n;
	}
	return 0;
}

static int S_put(int fd, const S_src *src)
{
	return src->fd < 0 ? S_write_all(fd, src->data, src->len) : S_copy_spill(fd, src);
}

static int S_fail(char *err, size_t errsize, const char *path, const char *what, int e)
{
	snprintf(err, errsize, "%s: %s%s%s", path, what ? what : "", what ? ": " : "", strerror(e));
	return -1;
}

/* Devices, FIFOs, sockets: open and write, never create or replace. */
static int S_write_direct(const char *path, const S_src *src, char *err, size_t errsize)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	int e;
	if (fd < 0)
		return S_fail(err, errsize, path, NULL, errno);
	if (S_put(fd, src) < 0) {
		e = errno;
		close(fd);
		return S_fail(err, errsize, path, NULL, e);
	}
	if (close(fd) < 0)
		return S_fail(err, errsize, path, NULL, errno);
	return 0;
}

/* The temporary files being written, removed if a signal stops us. The
 * handler needs globals, so this is the command's (not the library's): a
 * small table of slots, one per output in flight, claimed under a mutex and
 * read by the handler through lock-free atomics only. */
#define S_NSLOTS 64
static struct {
	char path[PATH_MAX + 32];
	atomic_int live; /* 1: the handler may unlink path */
} S_tmp[S_NSLOTS];
static pthread_mutex_t S_tmp_lock = PTHREAD_MUTEX_INITIALIZER;
static int S_tmp_used[S_NSLOTS]; /* claimed, under S_tmp_lock */
static mode_t S_umask;           /* read once, before any thread runs */

/* Other threads go on while the handler runs, so a temporary file could be
 * created after the handler looked: a thread counts itself in S_creating
 * around mkstemp() and gives up once S_dying is set, and the handler waits
 * for the count to drop (less its own thread's, if the signal came in the
 * middle of its mkstemp()) before it removes what is in the table. */
static atomic_int S_dying, S_creating;
static _Thread_local int S_self_creating;

static void S_remove_temporaries(void)
{
	size_t i;
	atomic_store(&S_dying, 1);
	while (atomic_load(&S_creating) > S_self_creating)
		; /* the other threads are inside mkstemp(): a few system calls */
	for (i = 0; i < S_NSLOTS; i++)
		if (atomic_load(&S_tmp[i].live))
			unlink(S_tmp[i].path); /* async-signal-safe */
}

static void S_on_signal(int sig)
{
	S_remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A mapped input cut short under us: say so (one write), remove the
 * temporaries, exit 3 as for any input error. Any other SIGBUS is the
 * default's. */
static void S_on_sigbus(int sig)
{
	const char *name = atomic_load(&S_mapped_name);
	if (name == NULL) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	char msg[PATH_MAX + 128];
	size_t n = 0, l = strlen(name);
	static const char head[] = "galley: ", tail[] = ": the file changed (was cut short) while it was read\n";
	if (l > PATH_MAX)
		l = PATH_MAX;
	memcpy(msg, head, sizeof head - 1), n = sizeof head - 1;
	memcpy(msg + n, name, l), n += l;
	memcpy(msg + n, tail, sizeof tail - 1), n += sizeof tail - 1;
	if (write(STDERR_FILENO, msg, n) < 0) {
		/* nothing more to do: the exit status still says it */
	}
	S_remove_temporaries();
	_exit(3);
}

void galley_cli_output_init(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	size_t i;

	/* umask() can only be read by setting it: do it here, once, while
	 * the process has a single thread, so writing never touches it. */
	S_umask = umask(022);
	umask(S_umask);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* A signal ignored on purpose (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		signal(sigs[i], S_on_signal);
	}
	signal(SIGBUS, S_on_sigbus);
}

/* A slot for a temporary path, or -1 when all are taken (the file is then
 * written without the signal guard). */
static int S_slot_claim(void)
{
	int i, slot = -1;
	pthread_mutex_lock(&S_tmp_lock);
	for (i = 0; i < S_NSLOTS && slot < 0; i++)
		if (!S_tmp_used[i])
			S_tmp_used[slot = i] = 1;
	pthread_mutex_unlock(&S_tmp_lock);
	return slot;
}

static void S_slot_release(int slot)
{
	if (slot < 0)
		return;
	atomic_store(&S_tmp[slot].live, 0);
	pthread_mutex_lock(&S_tmp_lock);
	S_tmp_used[slot] = 0;
	pthread_mutex_unlock(&S_tmp_lock);
}

/* A new file only: written unnamed (O_TMPFILE) and given its name with
 * linkat(), which fails with EEXIST if the name exists, so no one else's
 * file is replaced and nothing named is left half-written, even by kill -9.
 * 0, -1 with errno EEXIST (err set), or 1: the file system cannot do it. */
static int S_write_unnamed(const char *path, const S_src *src, char *err, size_t errsize)
{
	char dir[PATH_MAX], proc[64];
	const char *slash = strrchr(path, '/');
	int fd, e;

	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if ((size_t)(slash - path) >= sizeof dir)
		return 1;
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if ((fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)) < 0)
		return 1;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if (fchmod(fd, 0666 & ~S_umask) < 0 || S_put(fd, src) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		return S_fail(err, errsize, path, NULL, e);
	}
	if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) < 0) {
		e = errno;
		close(fd);
		if (e != EEXIST)
			return 1; /* no /proc, or a file system that cannot link */
		errno = EEXIST;
		return S_fail(err, errsize, path, NULL, e);
	}
	if (close(fd) < 0)
		return S_fail(err, errsize, path, NULL, errno);
	return 0;
}

/* Follow a chain of symlinks by hand, so a dangling one resolves to the path
 * it names (realpath() fails there, and the link would be replaced by a
 * regular file while its target is never written). out is path itself when
 * it is no link; -1 with errno (ELOOP) past 40 links. */
static int S_follow_links(const char *path, char *out, size_t outsize)
{
	char link[PATH_MAX], next[PATH_MAX];
	struct stat st;
	int hops;

	if (snprintf(out, outsize, "%s", path) >= (int)outsize) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (hops = 0; lstat(out, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		ssize_t n;
		const char *slash;
		if (hops == 40) {
			errno = ELOOP;
			return -1;
		}
		n = readlink(out, link, sizeof link - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		slash = strrchr(out, '/');
		if (link[0] == '/' || !slash)
			n = snprintf(next, sizeof next, "%s", link);
		else
			n = snprintf(next, sizeof next, "%.*s/%s", (int)(slash - out), out, link);
		if (n < 0 || (size_t)n >= sizeof next || (size_t)n >= outsize) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(out, next, (size_t)n + 1);
	}
	return 0;
}

/* Our temporary files are ".NAME.galley-PID.XXXXXX" beside the target (NAME
 * cut so the whole fits NAME_MAX): recognisable, so the stale ones a killed
 * run left (its pid gone, older than a minute) can be removed by the next. */
#define S_TMP_TAG ".galley-"
#define S_TMP_NAME_MAX 200 /* bytes of NAME kept: 1 + 200 + 8 + 10 + 7 <= 255 */

static void S_tmp_name(char *tmp, size_t tmpsize, const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *name = slash ? slash + 1 : target;
	size_t keep = strlen(name);
	if (keep > S_TMP_NAME_MAX) {
		keep = S_TMP_NAME_MAX;
		while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
			keep--; /* not in the middle of a UTF-8 character */
	}
	if (slash)
		snprintf(tmp, tmpsize, "%.*s/.%.*s" S_TMP_TAG "%ld.XXXXXX", (int)(slash - target), target, (int)keep,
			name, (long)getpid());
	else
		snprintf(tmp, tmpsize, ".%.*s" S_TMP_TAG "%ld.XXXXXX", (int)keep, name, (long)getpid());
}

/* Remove the stale temporaries of target (see S_tmp_name): same NAME, a
 * pid that no longer runs, unchanged for a minute. */
static void S_clean_stale(const char *target)
{
	char dir[PATH_MAX], prefix[NAME_MAX + 1], victim[PATH_MAX + NAME_MAX + 2];
	const char *slash = strrchr(target, '/');
	const char *name = slash ? slash + 1 : target;
	size_t keep = strlen(name), plen;
	DIR *d;
	struct dirent *de;

	if (keep > S_TMP_NAME_MAX) {
		keep = S_TMP_NAME_MAX;
		while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
			keep--;
	}
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - target) ? (int)(slash - target) : 1, target);
	else
		snprintf(dir, sizeof dir, ".");
	plen = (size_t)snprintf(prefix, sizeof prefix, ".%.*s" S_TMP_TAG, (int)keep, name);
	if (plen >= sizeof prefix || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid;
		struct stat st;
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		errno = 0;
		pid = strtol(de->d_name + plen, &end, 10);
		if (errno || pid <= 0 || *end != '.' || strlen(end) != 7)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* still running (or not ours to ask) */
		snprintf(victim, sizeof victim, "%s/%s", dir, de->d_name);
		if (lstat(victim, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
			time(NULL) - st.st_mtime > 60)
			unlink(victim);
	}
	closedir(d);
}

/* Write data over an existing file in place: for a file with other hard
 * links (replacing it would split them) and for a writable file in a folder
 * where no temporary file can be made. The data is complete before the file
 * is touched. */
static int S_write_in_place(const char *path, const char *target, const S_src *src, char *err, size_t errsize)
{
	int fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
	int e;
	if (fd < 0)
		return S_fail(err, errsize, path, NULL, errno);
	if (S_put(fd, src) < 0 || ftruncate(fd, (off_t)src->len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		return S_fail(err, errsize, path, NULL, e);
	}
	if (close(fd) < 0)
		return S_fail(err, errsize, path, NULL, errno);
	return 0;
}

static int S_write_atomic(const char *path, const S_src *src, int follow, int replace, char *err, size_t errsize)
{
	char real[PATH_MAX], own[PATH_MAX + 32];
	int slot;
	char *tmp;
	const size_t tmpsize = sizeof own;
	const char *target = path;
	struct stat st;
	mode_t mode;
	int fd, e, have = 0;

	/* Replace what a symlink points to, not the link itself, even when that
	 * does not exist yet (batch outputs replace the link: they never leave
	 * their folder). */
	if (follow) {
		if (S_follow_links(path, real, sizeof real) < 0)
			return S_fail(err, errsize, path, NULL, errno);
		target = real;
	}
	if (follow ? stat(target, &st) == 0 : lstat(target, &st) == 0 && S_ISREG(st.st_mode))
		have = 1;
	/* a file with other names keeps them: written in place, once complete */
	if (follow && have && S_ISREG(st.st_mode) && st.st_nlink > 1)
		return S_write_in_place(path, target, src, err, errsize);
	if (follow)
		S_clean_stale(target);
	slot = S_slot_claim();
	tmp = slot >= 0 ? S_tmp[slot].path : own;
	S_tmp_name(tmp, tmpsize, target);
	if (slot >= 0)
		atomic_store(&S_tmp[slot].live, 1);
	S_self_creating = 1;
	atomic_fetch_add(&S_creating, 1);
	if (atomic_load(&S_dying)) {
		atomic_fetch_sub(&S_creating, 1);
		S_self_creating = 0;
		S_slot_release(slot);
		return S_fail(err, errsize, path, "stopped by a signal", EINTR);
	}
	fd = mkstemp(tmp);
	e = errno;
	atomic_fetch_sub(&S_creating, 1);
	S_self_creating = 0;
	if (fd < 0) {
		S_slot_release(slot);
		/* a read-only folder: a writable file in it is still updated */
		if (follow && have && S_ISREG(st.st_mode) && (e == EACCES || e == EPERM || e == EROFS) &&
			access(target, W_OK) == 0)
			return S_write_in_place(path, target, src, err, errsize);
		return S_fail(err, errsize, path, "cannot create a temporary file beside it", e);
	}
	mode = have ? st.st_mode & 07777 : 0666 & ~S_umask;
	/* another user's file keeps its owner and group where we may give them */
	if (have && (st.st_uid != geteuid() || st.st_gid != getegid()) && fchown(fd, st.st_uid, st.st_gid) < 0 &&
		fchown(fd, (uid_t)-1, st.st_gid) < 0) {
		/* not possible: the file becomes ours, as any editor's would */
	}
	if (fchmod(fd, mode) < 0 || S_put(fd, src) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (replace ? rename(tmp, target) < 0 : link(tmp, target) < 0 || unlink(tmp) < 0)
		goto fail;
	S_slot_release(slot);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	S_slot_release(slot);
	S_fail(err, errsize, path, NULL, e);
	errno = e;
	return -1;
}

static int S_write_output(const char *path, const S_src *src, char *err, size_t errsize)
{
	struct stat st;

	if (!path || strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/fd/1") == 0 ||
		strcmp(path, "/proc/self/fd/1") == 0) {
		/* Standard output as it is: an append redirection must stay one. */
		if (S_put(STDOUT_FILENO, src) < 0)
			return S_fail(err, errsize, "standard output", NULL, errno);
		return 0;
	}
	if (strcmp(path, "/dev/stderr") == 0 || strcmp(path, "/dev/fd/2") == 0) {
		if (S_put(STDERR_FILENO, src) < 0)
			return S_fail(err, errsize, "standard error", NULL, errno);
		return 0;
	}
	if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0 ||
		(stat(path, &st) == 0 && !S_ISREG(st.st_mode)))
		return S_write_direct(path, src, err, errsize);
	return S_write_atomic(path, src, 1, 1, err, errsize);
}

int galley_cli_write_output(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	S_src src = {data, len, -1};
	return S_write_output(path, &src, err, errsize);
}

int galley_cli_spill_open(galley_cli_spill *sp)
{
	const char *dir = getenv("TMPDIR");
	char tmp[PATH_MAX];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 && (size_t)snprintf(tmp, sizeof tmp, "%s/.galley-spill.XXXXXX", dir) < sizeof tmp &&
		(fd = mkostemp(tmp, O_CLOEXEC)) >= 0)
		unlink(tmp); /* no O_TMPFILE there: unnamed all the same */
	sp->fd = fd;
	sp->len = 0;
	return fd < 0 ? -1 : 0;
}

int galley_cli_spill_output(const char *data, size_t len, void *payload)
{
	galley_cli_spill *sp = payload;
	/* an output under 1 MiB stays in memory: a file for it costs more
	 * system time than its memory is worth */
	if (sp->fd < 0 && len < GALLEY_CLI_SPILL_FROM)
		return 2;
	if (sp->fd < 0 && galley_cli_spill_open(sp) < 0)
		return 1; /* no temporary file: the output stays in memory */
	if (S_write_all(sp->fd, data, len) < 0)
		return -1;
	sp->len += len;
	return 0;
}

void galley_cli_spill_close(galley_cli_spill *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
	sp->len = 0;
}

int galley_cli_write_output_spill(const char *path, const galley_cli_spill *sp, const char *data, size_t len,
	char *err, size_t errsize)
{
	S_src src = {data, len, -1};
	if (sp->fd >= 0) {
		/* the writer's last bytes go after the spilled ones */
		if (len && S_write_all(sp->fd, data, len) < 0)
			return S_fail(err, errsize, "the temporary copy of the output", NULL, errno);
		src.fd = sp->fd;
		src.len = sp->len + len;
	}
	return S_write_output(path, &src, err, errsize);
}

int galley_cli_write_file(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	S_src src = {data, len, -1};
	return S_write_atomic(path, &src, 0, 1, err, errsize);
}

int galley_cli_write_new(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	S_src src = {data, len, -1};
	int rc = S_write_unnamed(path, &src, err, errsize);
	return rc <= 0 ? rc : S_write_atomic(path, &src, 0, 0, err, errsize);
}

int galley_cli_looks_binary(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (!data)
		return 0;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return 0;
	if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
		return 0;
	return memchr(data, '\0', len < 4096 ? len : 4096) != NULL && galley_wide_charset(data, len) == NULL;
}

/* The library prints nothing itself: the command's messages go to stderr,
 * one fprintf per line so lines from several threads do not interleave. */
void galley_cli_log_stderr(int level, const char *input, const char *message, void *payload)
{
	(void)level;
	(void)payload;
	if (input)
		fprintf(stderr, "galley: %s: %s\n", input, message);
	else
		fprintf(stderr, "galley: %s\n", message);
}

int galley_cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}
