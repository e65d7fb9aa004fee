/* cut_preload.c — a file cut short while galley has it mapped (hostile.sh
 * mapped-cut): LD_PRELOAD'ed, it lets galley map the file GALLEY_TEST_CUT
 * names and then truncates that file to nothing, as another program
 * rewriting it would, before the reader touches a byte. Only that file's
 * mappings are cut; every other mmap (the C library's, the loader's own do
 * not come here) is passed through. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *(*real)(void *, size_t, int, int, int, off_t);
	*(void **)&real = dlsym(RTLD_NEXT, "mmap");
	if (real == NULL)
		return MAP_FAILED;
	void *p = real(addr, len, prot, flags, fd, off);
	const char *cut = getenv("GALLEY_TEST_CUT");
	struct stat a, b;
	if (p != MAP_FAILED && cut != NULL && fd >= 0 && !(flags & MAP_ANONYMOUS) && fstat(fd, &a) == 0 &&
		stat(cut, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		(void)truncate(cut, 0);
	return p;
}
