/* tei_cases_main.c — tei-cases DIR: write every case of tei_cases.c as
 * DIR/NAME.tei.xml, for the conformance test to validate in one jing run. */
#include <stdio.h>
#include <stdlib.h>

#include "tei.h"
#include "tei_cases.h"

int main(int argc, char **argv)
{
	size_t i;
	int status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: tei-cases DIR\n");
		return 2;
	}
	for (i = 0; i < tei_case_count; i++) {
		galley_context *ctx = galley_context_new();
		galley_buffer out = GALLEY_BUFFER_INIT;
		galley_node *doc = ctx ? tei_cases[i].build(ctx) : NULL;
		char path[4096];
		FILE *f;

		if (!doc || tei_write(ctx, "tei", (const galley_node *const *)&doc, 1, &out, NULL) < 0) {
			fprintf(stderr, "tei-cases: %s: %s\n", tei_cases[i].name, ctx ? galley_context_error(ctx) : "no memory");
			status = 1;
		} else {
			snprintf(path, sizeof path, "%s/%s.tei.xml", argv[1], tei_cases[i].name);
			int ok = (f = fopen(path, "wb")) != NULL;
			ok = ok && fwrite(out.data, 1, out.len, f) == out.len;
			if ((f && fclose(f) != 0) || !ok) {
				fprintf(stderr, "tei-cases: cannot write %s\n", path);
				status = 3;
			}
		}
		galley_buffer_dispose(&out);
		galley_node_free(doc);
		galley_context_free(ctx);
	}
	return status;
}
