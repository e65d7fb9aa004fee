/* main.c — the galley command: parse the options, pick a reader and a
 * writer, read the inputs, and write the result without ever leaving a
 * half-written or truncated output file behind. */
#include <galley/galley.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metadata.h"
#include "output.h"

enum { EXIT_CONVERT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

struct cli {
	galley_context *ctx;
	const char *from, *to, *output;
	const char **meta; /* "KEY=VALUE" arguments, in order */
	size_t nmeta;
	int list_in, list_out, list_plugins;
	const char *list_options; /* --list-options FORMAT */
	const char *plugin_info;  /* --plugin-info NAME */
	int list_filters;
	const char **filters; /* --filter NAME|PATH, in order */
	size_t nfilters;
	int dump; /* --dump-tree: print the tree instead of writing a format */
	int verbosity;
	const char **missing_dirs; /* --plugin-dir arguments that are not folders */
	size_t nmissing;
	char **inputs;
	size_t ninputs;
};

static const char S_usage[] =
	"Usage: galley [OPTIONS] [INPUT...]\n"
	"       galley batch [OPTIONS] -o DEST INPUT...   (see galley batch --help)\n"
	"Convert a press release (text, HTML, JSON) to Markdown, TEI, DOCX, EPUB or JSON.\n"
	"INPUT is a file, or - (or nothing) for standard input. One input makes one\n"
	"output, except with -t epub, where several inputs make one book; galley batch\n"
	"converts many files, folders and archives at once.\n"
	"\n"
	"  -f, --from FORMAT        input format (default: from the extension, then the content)\n"
	"  -t, --to FORMAT          output format (default: from the extension of -o)\n"
	"  -o, --output FILE        write to FILE instead of standard output\n"
	"  -M, --metadata KEY=VALUE set a metadata field (an empty VALUE removes it;\n"
	"                           repeated authors/keywords add to the list)\n"
	"  -O, --option KEY=VALUE   pass an option to the reader and writer (a key\n"
	"                           neither takes is an error; see --list-options)\n"
	"      --wrap=none|N        wrap text output at N columns, or not at all\n"
	"      --no-front-matter    leave out the metadata block of text formats\n"
	"      --reference-doc FILE take the styles and page setup of DOCX output\n"
	"                           from FILE.docx (-O reference-doc=FILE)\n"
	"      --filter NAME|PATH   change the document between reading and writing\n"
	"                           (repeatable, run in order): a filter plugin, or a\n"
	"                           program (a path with '/') reading and writing the\n"
	"                           JSON form on stdin/stdout; -O filter-timeout=SECONDS\n"
	"      --plugin-dir DIR     look for plugins in DIR first (repeatable)\n"
	"      --list-input-formats   list the input formats and exit\n"
	"      --list-output-formats  list the output formats and exit\n"
	"      --list-plugins       list the loaded plugins and exit (with -v, the refused\n"
	"                           ones too, with the reason)\n"
	"      --list-filters       list the filter plugins and exit\n"
	"      --plugin-info NAME   describe a plugin (or the plugin of a format or\n"
	"                           filter NAME): descriptor, formats, options; exit\n"
	"      --list-options FORMAT  list the options FORMAT takes and exit\n"
	"      --dump-tree          print the document tree as read (for debugging), write nothing else\n"
	"  -q, --quiet              print no warnings\n"
	"  -v, --verbose            say more (repeat for debugging output)\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"Exit status: 0 success, 1 the input could not be converted, 2 usage error,\n"
	"3 I/O or system error. Environment: GALLEY_PLUGIN_PATH (colon-separated\n"
	"plugin folders searched after --plugin-dir), GALLEY_REGISTRY_CACHE (the plugin\n"
	"registry cache file, or none). See galley(1).\n";

enum {
	OPT_LIST_IN = 256,
	OPT_LIST_OUT,
	OPT_LIST_PLUGINS,
	OPT_PLUGIN_DIR,
	OPT_VERSION,
	OPT_WRAP,
	OPT_NO_FRONT_MATTER,
	OPT_DUMP_TREE,
	OPT_LIST_OPTIONS,
	OPT_REFERENCE_DOC,
	OPT_LIST_FILTERS,
	OPT_PLUGIN_INFO,
	OPT_FILTER
};

static const struct option S_options[] = {
	{"from", required_argument, NULL, 'f'},
	{"to", required_argument, NULL, 't'},
	{"output", required_argument, NULL, 'o'},
	{"metadata", required_argument, NULL, 'M'},
	{"option", required_argument, NULL, 'O'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{"list-input-formats", no_argument, NULL, OPT_LIST_IN},
	{"list-output-formats", no_argument, NULL, OPT_LIST_OUT},
	{"list-plugins", no_argument, NULL, OPT_LIST_PLUGINS},
	{"list-options", required_argument, NULL, OPT_LIST_OPTIONS},
	{"list-filters", no_argument, NULL, OPT_LIST_FILTERS},
	{"plugin-info", required_argument, NULL, OPT_PLUGIN_INFO},
	{"filter", required_argument, NULL, OPT_FILTER},
	{"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
	{"wrap", required_argument, NULL, OPT_WRAP},
	{"no-front-matter", no_argument, NULL, OPT_NO_FRONT_MATTER},
	{"reference-doc", required_argument, NULL, OPT_REFERENCE_DOC},
	{"dump-tree", no_argument, NULL, OPT_DUMP_TREE},
	{NULL, 0, NULL, 0}};

static int S_usage_error(const char *fmt, const char *arg)
{
	fputs("galley: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'galley --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static int S_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* KEY=VALUE with a non-empty KEY; returns the '=' or NULL. */
static const char *S_key_value(const char *arg)
{
	const char *eq = strchr(arg, '=');
	return eq && eq != arg ? eq : NULL;
}

static int S_set_option(struct cli *c, const char *key, const char *value)
{
	if (galley_context_set_option(c->ctx, key, value) < 0) {
		fputs("galley: out of memory\n", stderr);
		return EXIT_IO;
	}
	return 0;
}

/* Returns -1 to go on, or an exit status. */
static int S_parse(struct cli *c, int argc, char **argv)
{
	int ch, rc;
	const char *eq;

	opterr = 1;
	argv[0] = (char *)"galley"; /* getopt_long names the program in its messages */
	while ((ch = getopt_long(argc, argv, "f:t:o:M:O:qvh", S_options, NULL)) != -1) {
		switch (ch) {
		case 'f':
			c->from = optarg;
			break;
		case 't':
			c->to = optarg;
			break;
		case 'o':
			c->output = optarg;
			break;
		case 'M': {
			const char **nm;
			char err[512];
			if (galley_cli_metadata_check(optarg, err, sizeof err) < 0)
				return S_usage_error("%s", err);
			if (!(nm = realloc(c->meta, (c->nmeta + 1) * sizeof *nm))) {
				fputs("galley: out of memory\n", stderr);
				return EXIT_IO;
			}
			c->meta = nm;
			c->meta[c->nmeta++] = optarg;
			break;
		}
		case 'O': {
			char key[256];
			if (!(eq = S_key_value(optarg)) || (size_t)(eq - optarg) >= sizeof key)
				return S_usage_error("-O wants KEY=VALUE, not '%s'", optarg);
			memcpy(key, optarg, (size_t)(eq - optarg));
			key[eq - optarg] = '\0';
			if ((rc = S_set_option(c, key, eq + 1)))
				return rc;
			break;
		}
		case 'q':
			c->verbosity = -1;
			break;
		case 'v':
			c->verbosity = c->verbosity < 0 ? 1 : c->verbosity + 1;
			break;
		case 'h':
			fputs(S_usage, stdout);
			return 0;
		case OPT_VERSION:
			printf("galley %s\n", galley_version());
			return 0;
		case OPT_LIST_IN:
			c->list_in = 1;
			break;
		case OPT_LIST_OUT:
			c->list_out = 1;
			break;
		case OPT_LIST_PLUGINS:
			c->list_plugins = 1;
			break;
		case OPT_LIST_OPTIONS:
			c->list_options = optarg;
			break;
		case OPT_LIST_FILTERS:
			c->list_filters = 1;
			break;
		case OPT_PLUGIN_INFO:
			c->plugin_info = optarg;
			break;
		case OPT_FILTER: {
			const char **nf = realloc(c->filters, (c->nfilters + 1) * sizeof *nf);
			if (!nf) {
				fputs("galley: out of memory\n", stderr);
				return EXIT_IO;
			}
			c->filters = nf;
			c->filters[c->nfilters++] = optarg;
			break;
		}
		case OPT_PLUGIN_DIR: {
			struct stat st;
			if (galley_add_plugin_dir(c->ctx, optarg) < 0)
				return S_usage_error("--plugin-dir: %s", galley_context_error(c->ctx));
			/* Not an error (a script may name a folder that is not always
			 * there), but never silent. */
			if (stat(optarg, &st) < 0 || !S_ISDIR(st.st_mode)) {
				const char **nd = realloc(c->missing_dirs, (c->nmissing + 1) * sizeof *nd);
				if (!nd) {
					fputs("galley: out of memory\n", stderr);
					return EXIT_IO;
				}
				c->missing_dirs = nd;
				c->missing_dirs[c->nmissing++] = optarg;
			}
			break;
		}
		case OPT_WRAP:
			if (strcmp(optarg, "none") != 0 && (!S_all_digits(optarg) || atoi(optarg) <= 0))
				return S_usage_error("--wrap wants 'none' or a number of columns, not '%s'", optarg);
			if ((rc = S_set_option(c, "wrap", optarg)))
				return rc;
			break;
		case OPT_NO_FRONT_MATTER:
			if ((rc = S_set_option(c, "front-matter", "false")))
				return rc;
			break;
		case OPT_REFERENCE_DOC:
			if ((rc = S_set_option(c, "reference-doc", optarg)))
				return rc;
			break;
		case OPT_DUMP_TREE:
			c->dump = 1;
			break;
		default: /* getopt_long has said what was wrong */
			fputs("Try 'galley --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	c->inputs = argv + optind;
	c->ninputs = (size_t)(argc - optind);
	return -1;
}

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_list_formats(galley_context *ctx, int writers)
{
	const char **names = NULL, *n;
	size_t count = 0, i;

	while (galley_format_name_at(ctx, writers, count))
		count++;
	if (count && !(names = malloc(count * sizeof *names))) {
		fputs("galley: out of memory\n", stderr);
		return EXIT_IO;
	}
	for (i = 0; i < count; i++)
		names[i] = galley_format_name_at(ctx, writers, i);
	if (count > 1)
		qsort(names, count, sizeof *names, S_cmp_str);
	for (i = 0, n = NULL; i < count; n = names[i++])
		if (!n || strcmp(n, names[i]) != 0)
			printf("%s\n", names[i]);
	free(names);
	return 0;
}

static int S_list_plugins(galley_context *ctx, int verbose)
{
	galley_buffer formats = GALLEY_BUFFER_INIT;
	size_t i, n = galley_plugin_count(ctx);
	const char *name, *version, *path, *why;

	for (i = 0; i < n; i++) {
		galley_buffer_clear(&formats);
		if (galley_plugin_info(ctx, i, &name, &version, &path, &formats) < 0) {
			galley_buffer_dispose(&formats);
			fputs("galley: out of memory\n", stderr);
			return EXIT_IO;
		}
		printf("%s\t%s\t%s\t%s\n", name, version, path, formats.data ? formats.data : "");
	}
	galley_buffer_dispose(&formats);
	/* -v: the refused ones, in the same four fields: "-", "refused". */
	for (i = 0; verbose && galley_refused_plugin_info(ctx, i, &path, &why) == 0; i++)
		printf("-\trefused\t%s\t%s\n", path, why);
	return 0;
}

static int S_plugin_info(galley_context *ctx, const char *name)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	int rc = galley_plugin_describe(ctx, name, &out);

	if (rc == GALLEY_ENOTFOUND) {
		galley_buffer_dispose(&out);
		return S_usage_error("no plugin, format or filter '%s' (see galley --list-plugins)", name);
	}
	if (rc < 0) {
		galley_buffer_dispose(&out);
		fputs("galley: out of memory\n", stderr);
		return EXIT_IO;
	}
	fputs(out.data ? out.data : "", stdout);
	galley_buffer_dispose(&out);
	return 0;
}

/* One line per option: KEY<TAB>VALUES<TAB>HELP. */
static int S_print_options(const galley_option_desc *t, galley_buffer *line)
{
	for (; t && t->key; t++) {
		galley_buffer_clear(line);
		galley_buffer_printf(line, "%s\t", t->key);
		galley_option_describe(t, line);
		galley_buffer_printf(line, "\t%s", t->help ? t->help : "");
		if (line->oom)
			return -1;
		printf("%s\n", line->data);
	}
	return 0;
}

/* --list-options FORMAT: what the reader and the writer of that name
 * declare, then what every format takes. */
static int S_list_options(struct cli *c)
{
	const galley_reader *r = galley_find_reader(c->ctx, c->list_options);
	const galley_writer *w = galley_find_writer(c->ctx, c->list_options);
	galley_buffer line = GALLEY_BUFFER_INIT;
	int rc = 0;

	if (!r && !w)
		return S_usage_error("unknown format '%s' (see galley --list-input-formats, --list-output-formats)",
			c->list_options);
	if (r && !galley_reader_options(r) && c->verbosity >= 0)
		fprintf(stderr, "galley: the %s reader declares no options; any -O KEY is passed to it unchecked\n",
			galley_reader_name(r));
	if (w && !galley_writer_options(w) && c->verbosity >= 0)
		fprintf(stderr, "galley: the %s writer declares no options; any -O KEY is passed to it unchecked\n",
			galley_writer_name(w));
	if (S_print_options(r ? galley_reader_options(r) : NULL, &line) < 0 ||
		S_print_options(w ? galley_writer_options(w) : NULL, &line) < 0 ||
		S_print_options(galley_core_options(), &line) < 0) {
		fputs("galley: out of memory\n", stderr);
		rc = EXIT_IO;
	}
	galley_buffer_dispose(&line);
	return rc;
}

/* The job's options against what its reader and writer declare: -1 to go
 * on, else an exit status (the message printed). */
static int S_check_options(struct cli *c, const galley_reader *r, const galley_writer *w)
{
	if (galley_check_job_options(c->ctx, r, w, c->filters, c->nfilters) == 0)
		return -1;
	fprintf(stderr, "galley: %s\n", galley_context_error(c->ctx));
	return galley_context_error_code(c->ctx) == GALLEY_ENOMEM ? EXIT_IO : EXIT_USAGE;
}

static int S_pick_writer(struct cli *c, const galley_writer **out)
{
	if (c->to) {
		if (!(*out = galley_find_writer(c->ctx, c->to)))
			return S_usage_error("unknown output format '%s' (see galley --list-output-formats)", c->to);
	} else if (c->output && strcmp(c->output, "-") != 0) {
		if (!(*out = galley_writer_for_path(c->ctx, c->output))) {
			size_t n = strlen(c->output);
			if (n >= 4 && strcasecmp(c->output + n - 4, ".xml") == 0)
				return S_usage_error("'%s': .xml does not say which XML format; use -t tei (or name it .tei.xml)",
					c->output);
			return S_usage_error("cannot tell the output format from '%s'; use -t FORMAT", c->output);
		}
	} else {
		return S_usage_error("%s", "no output format: use -t FORMAT, or -o FILE with a known extension");
	}
	return -1;
}

static int S_is_stdout(const char *output)
{
	return !output || strcmp(output, "-") == 0 || strcmp(output, "/dev/stdout") == 0 ||
	       strcmp(output, "/dev/fd/1") == 0 || strcmp(output, "/proc/self/fd/1") == 0;
}

/* Read one input and convert it to a document. Returns -1 on success, else
 * an exit status (the message printed). */
static int S_read_one(struct cli *c, const galley_reader *forced, const galley_writer *w, const char *input,
	galley_node **doc)
{
	galley_cli_input data;
	const galley_reader *r = forced;
	const char *name = strcmp(input, "-") == 0 ? "-" : input;
	char err[512];
	int rc, code;

	galley_context_set_input_name(c->ctx, name);
	if (galley_cli_input_read(strcmp(input, "-") == 0 ? NULL : input, &data, err, sizeof err) < 0) {
		fprintf(stderr, "galley: %s: %s\n", name, err);
		galley_cli_input_dispose(&data);
		return EXIT_IO;
	}
	if (!r && strcmp(name, "-") != 0)
		r = galley_reader_for_path(c->ctx, input);
	if (!r)
		r = galley_reader_probe(c->ctx, data.data, data.len);
	if (!r) {
		if (galley_cli_looks_binary(data.data, data.len))
			fprintf(stderr, "galley: %s: binary data, not a document galley reads (use -f FORMAT to force a reader)\n",
				name);
		else
			fprintf(stderr, "galley: %s: cannot tell the input format; use -f FORMAT\n", name);
		galley_cli_input_dispose(&data);
		return EXIT_CONVERT;
	}
	/* A reader found by extension or content: its options are known now
	 * (a forced one's were checked before any input was read). */
	if (!forced && (rc = S_check_options(c, r, w)) >= 0) {
		galley_cli_input_dispose(&data);
		return rc;
	}

	galley_log(c->ctx, GALLEY_LOG_INFO, "reading as %s", galley_reader_name(r));
	rc = galley_read(c->ctx, r, data.data, data.len, doc);
	if (rc >= 0 && data.len == 0 && c->verbosity >= 0)
		fprintf(stderr, "galley: %s: warning: empty input, the document is empty\n", name);
	galley_cli_input_dispose(&data);
	if (rc < 0) {
		code = galley_context_error_code(c->ctx);
		fprintf(stderr, "galley: %s: %s\n", name, galley_context_error(c->ctx));
		return code == GALLEY_EIO || code == GALLEY_ENOMEM ? EXIT_IO : EXIT_CONVERT;
	}
	return -1;
}

/* The --filter chain, in order, on one document. -1 to go on, else an exit
 * status (the message printed, naming the input and the filter). */
static int S_filter(struct cli *c, galley_node **doc, const char *name)
{
	size_t i;
	for (i = 0; i < c->nfilters; i++) {
		galley_context_set_input_name(c->ctx, name);
		if (galley_run_filter(c->ctx, c->filters[i], doc) < 0) {
			int code = galley_context_error_code(c->ctx);
			fprintf(stderr, "galley: %s: %s\n", name, galley_context_error(c->ctx));
			return code == GALLEY_EIO || code == GALLEY_ENOMEM ? EXIT_IO
			       : code == GALLEY_EUSAGE                     ? EXIT_USAGE
									   : EXIT_CONVERT;
		}
	}
	return -1;
}

static int S_apply_metadata(struct cli *c, galley_node *doc, const char *name)
{
	size_t bad;
	if (galley_cli_metadata_apply(doc, c->meta, c->nmeta, &bad) < 0) {
		fprintf(stderr, "galley: %s: cannot set metadata %s\n", name, c->meta[bad]);
		return EXIT_USAGE;
	}
	return -1;
}

static int S_convert(struct cli *c)
{
	const galley_writer *w = NULL;
	const galley_reader *r = NULL;
	galley_node **docs = NULL;
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_cli_spill spill = GALLEY_CLI_SPILL_INIT;
	char *stdin_only[] = {(char *)"-"};
	char **inputs = c->ninputs ? c->inputs : stdin_only;
	size_t ninputs = c->ninputs ? c->ninputs : 1, ndocs = 0, i;
	const char *target = c->output && strcmp(c->output, "-") != 0 ? c->output : NULL;
	char err[512];
	int rc;

	if (!c->dump && (rc = S_pick_writer(c, &w)) >= 0)
		return rc;
	if (c->from && !(r = galley_find_reader(c->ctx, c->from)))
		return S_usage_error("unknown input format '%s' (see galley --list-input-formats)", c->from);
	for (i = 0; i < c->nfilters; i++)
		if (galley_filter_check(c->ctx, c->filters[i]) < 0)
			return S_usage_error("%s", galley_context_error(c->ctx));
	if (r && (rc = S_check_options(c, r, w)) >= 0)
		return rc;
	if (!c->dump && ninputs > 1 && !galley_writer_takes_many(w)) {
		fprintf(stderr,
			"galley: the %s writer makes one document from one input; to convert several files, "
			"use 'galley batch -t %s -o DEST INPUT...'\n",
			galley_writer_name(w), galley_writer_name(w));
		return EXIT_USAGE;
	}
	if (w && galley_writer_is_binary(w) && S_is_stdout(c->output) && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "galley: not writing binary %s output to a terminal; use -o FILE or redirect it\n",
			galley_writer_name(w));
		return EXIT_USAGE;
	}
	for (i = 0; target && i < ninputs; i++)
		if (strcmp(inputs[i], "-") != 0 && galley_cli_same_file(inputs[i], target)) {
			fprintf(stderr, "galley: %s: the output is the input; write to another file (the source would be lost)\n",
				target);
			return EXIT_USAGE;
		}
	if (!(docs = calloc(ninputs, sizeof *docs))) {
		fputs("galley: out of memory\n", stderr);
		return EXIT_IO;
	}
	rc = -1;
	for (i = 0; i < ninputs && rc < 0; i++) {
		if ((rc = S_read_one(c, r, w, inputs[i], &docs[ndocs])) < 0) {
			ndocs++;
			/* -M first, so filters see the metadata the user set (as pandoc's do). */
			rc = S_apply_metadata(c, docs[ndocs - 1], inputs[i]);
			/* each document's own folder, for a book's images */
			if (rc < 0 && galley_context_set_document_path(c->ctx, ndocs - 1, inputs[i]) < 0) {
				fputs("galley: out of memory\n", stderr);
				rc = EXIT_IO;
			}
			if (rc < 0)
				rc = S_filter(c, &docs[ndocs - 1], inputs[i]);
		}
	}
	if (rc < 0 && c->dump) {
		for (i = 0; i < ndocs; i++)
			galley_node_dump(docs[i], &out);
		if (out.oom) {
			fputs("galley: out of memory\n", stderr);
			rc = EXIT_IO;
		}
	} else if (rc < 0) {
		const char *name = ninputs == 1 ? inputs[0] : target ? target : "-";
		galley_context_set_input_name(c->ctx, name);
		galley_context_set_output(c->ctx, galley_cli_spill_output, &spill);
		if (galley_write(c->ctx, w, (const galley_node *const *)docs, ndocs, &out) < 0) {
			int code = galley_context_error_code(c->ctx);
			fprintf(stderr, "galley: %s: %s\n", name, galley_context_error(c->ctx));
			rc = code == GALLEY_EIO || code == GALLEY_ENOMEM ? EXIT_IO
			     : code == GALLEY_EUSAGE                     ? EXIT_USAGE
									 : EXIT_CONVERT;
		}
	}
	galley_context_set_output(c->ctx, NULL, NULL);
	/* the trees are done with: their memory goes before the output is copied */
	for (i = 0; i < ndocs; i++)
		galley_node_free(docs[i]);
	ndocs = 0;
	if (rc < 0) {
		if (galley_cli_write_output_spill(c->output, &spill, out.data ? out.data : "", out.len, err, sizeof err) < 0) {
			fprintf(stderr, "galley: %s\n", err);
			rc = EXIT_IO;
		} else {
			rc = 0;
		}
	}
	for (i = 0; i < ndocs; i++)
		galley_node_free(docs[i]);
	free(docs);
	galley_buffer_dispose(&out);
	galley_cli_spill_close(&spill);
	return rc;
}


/* A conversion loads only the plugins it will use (galley_plugins_need):
 * the reader named or picked by each input's extension (any reader for
 * standard input or an extension none claims), the writer named or picked
 * by -o, the filter plugins, and json for filter programs. */
static int S_needs(struct cli *c)
{
	size_t i;
	int rc = 0;

	if (c->from)
		rc = galley_plugins_need(c->ctx, 0, c->from, NULL);
	for (i = 0; !c->from && !rc && i < c->ninputs; i++)
		rc = galley_plugins_need(c->ctx, 0, NULL, strcmp(c->inputs[i], "-") == 0 ? NULL : c->inputs[i]);
	if (!c->from && !rc && !c->ninputs)
		rc = galley_plugins_need(c->ctx, 0, NULL, NULL);
	if (!rc && !c->dump && (c->to || (c->output && strcmp(c->output, "-") != 0)))
		rc = galley_plugins_need(c->ctx, 1, c->to, c->to ? NULL : c->output);
	for (i = 0; !rc && i < c->nfilters; i++) {
		if (strchr(c->filters[i], '/')) {
			if ((rc = galley_plugins_need(c->ctx, 0, "json", NULL)) == 0)
				rc = galley_plugins_need(c->ctx, 1, "json", NULL);
		} else {
			rc = galley_plugins_need(c->ctx, 2, c->filters[i], NULL);
		}
	}
	return rc;
}

/* galley batch is a program beside the command (build/galley-batch) or in
 * LIBDIR/galley once installed, found from the running program and
 * executed in its place, so single conversions never load what archives
 * need, nor its allocator. Returns only when it cannot be executed. */
static int S_batch(int argc, char **argv)
{
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	(void)argc;
	if (n <= 0) {
		fprintf(stderr, "galley: batch mode is not available: /proc/self/exe: %s\n", strerror(errno));
		return EXIT_IO;
	}
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	snprintf(path, sizeof path, "%s/galley-batch", exe);
	if (access(path, X_OK) != 0)
		snprintf(path, sizeof path, "%s/../%s/galley-batch", exe, GALLEY_BATCH_RELDIR);
	execv(path, argv); /* argv[0] is "batch" */
	fprintf(stderr, "galley: batch mode is not available: %s: %s\n", path, strerror(errno));
	return EXIT_IO;
}

int main(int argc, char **argv)
{
	struct cli c;
	size_t i;
	int rc;

	if (argc > 1 && strcmp(argv[1], "batch") == 0)
		return S_batch(argc - 1, argv + 1);
	memset(&c, 0, sizeof c);
	galley_cli_output_init();
	/* One conversion, then exit: large blocks (the page's copy in a reader,
	 * the output) come from the heap the freed tree left, not fresh
	 * mappings, each page of which faults in new. No fast bins: the DOM's
	 * many small blocks, freed, are merged as they go rather than all at
	 * once at each larger request (malloc_consolidate). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_MXFAST, 0);
	if (galley_init() < 0 || !(c.ctx = galley_context_new())) {
		fputs("galley: cannot initialise libgalley (out of memory?)\n", stderr);
		return EXIT_IO;
	}
	galley_context_set_log(c.ctx, galley_cli_log_stderr, NULL);
	if ((rc = S_parse(&c, argc, argv)) >= 0)
		goto out;
	galley_context_set_verbosity(c.ctx, c.verbosity);
	for (i = 0; i < c.nmissing && c.verbosity >= 0; i++)
		fprintf(stderr, "galley: warning: --plugin-dir %s: no such folder\n", c.missing_dirs[i]);
	if (!(c.list_in || c.list_out || c.list_plugins || c.list_options || c.list_filters || c.plugin_info) &&
		S_needs(&c) < 0) {
		fputs("galley: out of memory\n", stderr);
		rc = EXIT_IO;
		goto out;
	}
	if (galley_load_plugins(c.ctx) < 0) {
		fprintf(stderr, "galley: cannot load plugins: %s\n", galley_context_error(c.ctx));
		rc = EXIT_IO;
		goto out;
	}
	if (c.list_in || c.list_out || c.list_plugins || c.list_options || c.list_filters || c.plugin_info) {
		rc = 0;
		if (c.list_in)
			rc = S_list_formats(c.ctx, 0);
		if (!rc && c.list_out)
			rc = S_list_formats(c.ctx, 1);
		if (!rc && c.list_filters)
			rc = S_list_formats(c.ctx, 2);
		if (!rc && c.list_plugins)
			rc = S_list_plugins(c.ctx, c.verbosity > 0);
		if (!rc && c.plugin_info)
			rc = S_plugin_info(c.ctx, c.plugin_info);
		if (!rc && c.list_options)
			rc = S_list_options(&c);
		goto out;
	}
	rc = S_convert(&c);
out:
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "galley: standard output: %s\n", strerror(errno));
		rc = EXIT_IO;
	}
	free(c.meta);
	free(c.filters);
	free(c.missing_dirs);
	galley_context_free(c.ctx);
	galley_shutdown();
	return rc;
}
