/* formatdata.c — a writer's data files (styles, CSS, templates): the copy in
 * the "data-dir" option's folder when there is one, else the embedded default. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names come from plugins, but keep them inside the data folder anyway. */
static int S_safe_name(const char *s)
{
	const char *p;
	if (!s || !*s || *s == '/')
		return 0;
	for (p = s; *p;) {
		size_t n = strcspn(p, "/");
		if ((n == 2 && p[0] == '.' && p[1] == '.') || n == 0)
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

int galley_format_data(galley_context *ctx, const char *format, const char *name, const char *embedded,
	size_t embedded_len, galley_buffer *out)
{
	const char *dir = galley_context_option(ctx, "data-dir");
	char path[4096];
	struct stat st;
	int fd;

	if (!out || !S_safe_name(format) || !S_safe_name(name))
		return galley_error(ctx, GALLEY_EUSAGE, "bad format data name");
	if (dir && *dir && (size_t)snprintf(path, sizeof path, "%s/%s/%s", dir, format, name) < sizeof path &&
		stat(path, &st) == 0) {
		size_t before = out->len;
		if (!S_ISREG(st.st_mode))
			return galley_error(ctx, GALLEY_EIO, "%s: not a regular file", path);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			return galley_error(ctx, GALLEY_EIO, "%s: %s", path, strerror(errno));
		for (;;) {
			ssize_t n;
			if (galley_buffer_reserve(out, 65536) < 0) {
				close(fd);
				galley_buffer_truncate(out, before);
				return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
			}
			n = read(fd, out->data + out->len, out->cap - out->len - 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				int e = errno;
				close(fd);
				galley_buffer_truncate(out, before);
				return galley_error(ctx, GALLEY_EIO, "%s: %s", path, strerror(e));
			}
			if (n == 0)
				break;
			out->len += (size_t)n;
			out->data[out->len] = '\0';
		}
		close(fd);
		galley_log(ctx, GALLEY_LOG_DEBUG, "using %s", path);
		return 0;
	}
	if (!embedded && embedded_len)
		return galley_error(ctx, GALLEY_EUSAGE, "no data for %s/%s", format, name);
	if (galley_buffer_append(out, embedded ? embedded : "", embedded_len) < 0)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	return 0;
}
