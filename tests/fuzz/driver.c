/* driver.c — a main() for fuzz targets built without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on every file given (folders: every file in
 * them), so a target's seed corpus is a plain ctest test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int S_run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *grown = realloc(data, cap = cap ? cap * 2 : 65536);
			if (!grown) {
				free(data);
				fclose(f);
				return -1;
			}
			data = grown;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* an exact-size copy, so ASan sees reads past the end of the input */
	{
		uint8_t *exact = malloc(len ? len : 1);
		if (!exact) {
			free(data);
			return -1;
		}
		memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 1;
}

static int S_run(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	int total = 0, n;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return S_run_file(path);
	dir = opendir(path);
	if (!dir) {
		perror(path);
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		char sub[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if ((n = S_run(sub)) < 0) {
			closedir(dir);
			return -1;
		}
		total += n;
	}
	closedir(dir);
	return total;
}

int main(int argc, char **argv)
{
	int i, n, total = 0;

	for (i = 1; i < argc; i++) {
		if ((n = S_run(argv[i])) < 0)
			return 1;
		total += n;
	}
	printf("%d inputs run\n", total);
	/* no seeds at all would be a test that cannot fail */
	return total > 0 ? 0 : 1;
}
