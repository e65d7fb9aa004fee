/* metadata.c — -M KEY=VALUE: checked when parsed, applied to each document
 * after it is read (single and batch mode). */
#include "metadata.h"

#include <stdio.h>
#include <string.h>

int galley_cli_metadata_check(const char *arg, char *err, size_t errsize)
{
	const char *eq = strchr(arg, '='), *p;

	if (!eq || eq == arg) {
		snprintf(err, errsize, "-M wants KEY=VALUE, not '%s'", arg);
		return -1;
	}
	if (eq - arg >= 256) {
		snprintf(err, errsize, "metadata key too long: '%.200s...'", arg);
		return -1;
	}
	if (eq - arg == 4 && strncmp(arg, "hits", 4) == 0 && eq[1]) {
		for (p = eq + 1; *p >= '0' && *p <= '9'; p++)
			;
		if (*p) {
			snprintf(err, errsize, "-M hits wants a number, not '%s'", eq + 1);
			return -1;
		}
	}
	return 0;
}

int galley_cli_metadata_apply(galley_node *doc, const char *const *args, size_t n, size_t *bad)
{
	galley_meta *meta = galley_document_meta(doc);
	size_t i;

	for (i = 0; i < n && meta; i++) {
		const char *eq = strchr(args[i], '=');
		char key[256];
		size_t klen = (size_t)(eq - args[i]), j;
		int again = 0, rc;
		if (klen >= sizeof key) {
			*bad = i;
			return -1;
		}
		memcpy(key, args[i], klen);
		key[klen] = '\0';
		for (j = 0; j < i && galley_meta_key_is_list(key); j++)
			again = again || (strncmp(args[j], args[i], klen + 1) == 0);
		if (again && eq[1])
			rc = galley_meta_add(meta, key, eq + 1);
		else
			rc = galley_meta_set(meta, key, eq[1] ? eq + 1 : NULL);
		if (rc < 0) {
			*bad = i;
			return -1;
		}
	}
	return 0;
}
