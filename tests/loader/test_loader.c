/* test_loader.c — the plugin loader against good and deliberately broken
 * plugins: each bad one is refused with a message naming its file, the
 * good ones still load, and lookups (name, alias, extension, probe) work. */
#include <galley/plugin.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The log callback: lines as the command prints them, appended to a buffer. */
static void S_log_to_buffer(int level, const char *input, const char *message, void *payload)
{
	(void)level;
	galley_buffer_printf(payload, "galley: %s%s%s\n", input ? input : "", input ? ": " : "", message);
}

/* Run galley_load_plugins() with its messages collected into *log (malloc'd). */
static int S_load_capturing(galley_context *ctx, char **log)
{
	galley_buffer buf = GALLEY_BUFFER_INIT;
	int rc;

	galley_context_set_log(ctx, S_log_to_buffer, &buf);
	rc = galley_load_plugins(ctx);
	galley_context_set_log(ctx, NULL, NULL);
	*log = galley_buffer_detach(&buf, NULL);
	assert_non_null(*log);
	return rc;
}

/* The path of the plugin that registered writer `name`, or NULL. */
static const char *S_writer_plugin(galley_context *ctx, const char *plugin_name)
{
	size_t i;
	const char *name, *path;
	for (i = 0; galley_plugin_info(ctx, i, &name, NULL, &path, NULL) == 0; i++)
		if (strcmp(name, plugin_name) == 0)
			return path;
	return NULL;
}

static void S_expect_line(const char *log, const char *file, const char *why)
{
	char want[1024];
	snprintf(want, sizeof want, "galley: %s/%s: %s", BAD_DIR, file, why);
	if (!strstr(log, want)) {
		print_error("missing message: %s\nlog:\n%s", want, log);
		fail();
	}
}

static void test_bad_plugins_refused(void **state)
{
	galley_context *ctx = galley_context_new();
	char *log = NULL;
	(void)state;

	assert_int_equal(galley_add_plugin_dir(ctx, CLI_PLUGINS), 0);
	assert_int_equal(galley_add_plugin_dir(ctx, BAD_DIR), 0);
	assert_int_equal(S_load_capturing(ctx, &log), 0);

	S_expect_line(log, "abimajor.so", "plugin ABI 3.0, galley expects 2.2");
	S_expect_line(log, "abiminor.so", "plugin ABI 2.3, galley expects 2.2");
	S_expect_line(log, "nosym.so", "not a galley plugin: no symbol galley_plugin_descriptor");
	S_expect_line(log, "tiny.so", "not a galley plugin: galley_plugin_descriptor is not a plugin descriptor");
	S_expect_line(log, "initfail.so", "init failed (-1): cannot find its dictionary");
	S_expect_line(log, "dup.so", "refused: duplicate writer 'lines': already registered by " CLI_PLUGINS "/clitest.so");
	S_expect_line(log, "descversion.so", "refused: writer descriptor version 8 (galley expects 1)");
	S_expect_line(log, "notso.so", "not a loadable plugin");
	S_expect_line(log, "optkey.so",
		"refused: writer 'badkey': malformed option table: option 1 has an empty or malformed key ''");
	S_expect_line(log, "opttype.so", "refused: reader 'badtype': malformed option table: option 'level' has an unknown type 42");
	assert_null(strstr(log, "zgood"));
	assert_null(strstr(log, "oldminor"));
	assert_null(strstr(log, "clitest.so:"));

	/* The good ones load, and nothing of the refused ones remains. */
	assert_non_null(S_writer_plugin(ctx, "clitest"));
	assert_non_null(S_writer_plugin(ctx, "zgood"));
	assert_non_null(galley_find_writer(ctx, "zgood"));
	assert_null(S_writer_plugin(ctx, "dup"));
	assert_null(S_writer_plugin(ctx, "initfail"));
	assert_null(galley_find_writer(ctx, "duponly"));
	assert_null(galley_find_reader(ctx, "initfail"));
	assert_null(galley_find_writer(ctx, "future"));
	assert_null(galley_find_writer(ctx, "badkey"));
	assert_null(galley_find_reader(ctx, "badtype"));
	/* An older minor loads; it declares nothing. An empty table is a table. */
	assert_non_null(galley_find_writer(ctx, "oldminor"));
	assert_null(galley_writer_options(galley_find_writer(ctx, "oldminor")));
	assert_non_null(galley_writer_options(galley_find_writer(ctx, "zgood")));
	assert_null(galley_writer_options(galley_find_writer(ctx, "zgood"))->key);
	/* "lines" is still clitest's. */
	assert_string_equal(galley_writer_extension(galley_find_writer(ctx, "lines")), "lines");

	/* Every refused file is kept with its reason, as it was logged. */
	assert_int_equal(galley_refused_plugin_count(ctx), 10);
	{
		size_t i;
		const char *path, *why;
		char line[1024];
		for (i = 0; galley_refused_plugin_info(ctx, i, &path, &why) == 0; i++) {
			snprintf(line, sizeof line, "galley: %s: %s\n", path, why);
			assert_non_null(strstr(log, line));
		}
		assert_int_equal(i, 10);
		assert_int_equal(galley_refused_plugin_info(ctx, 10, &path, &why), GALLEY_ENOTFOUND);
	}

	/* Loading twice is a no-op. */
	assert_int_equal(galley_load_plugins(ctx), 0);
	free(log);
	galley_context_free(ctx);
}

static void test_quiet_hides_warnings(void **state)
{
	galley_context *ctx = galley_context_new();
	char *log = NULL;
	(void)state;
	galley_context_set_verbosity(ctx, -1);
	galley_add_plugin_dir(ctx, BAD_DIR);
	assert_int_equal(S_load_capturing(ctx, &log), 0);
	assert_string_equal(log, "");
	free(log);
	galley_context_free(ctx);
}

static void S_copy(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;
	assert_true(in >= 0 && out >= 0);
	while ((n = read(in, buf, sizeof buf)) > 0)
		assert_int_equal(write(out, buf, (size_t)n), n);
	close(in);
	close(out);
}

/* Two folders holding clitest.so: the first in the search order wins. */
static void test_search_order(void **state)
{
	char a[] = "/tmp/galley-loader-XXXXXX", b[] = "/tmp/galley-loader-XXXXXX", pa[64], pb[64];
	char want[128], cwd[4096];
	galley_context *ctx;
	const char *path;
	(void)state;

	assert_non_null(mkdtemp(a));
	assert_non_null(mkdtemp(b));
	snprintf(pa, sizeof pa, "%s/clitest.so", a);
	snprintf(pb, sizeof pb, "%s/clitest.so", b);
	S_copy(CLI_PLUGINS "/clitest.so", pa);
	S_copy(CLI_PLUGINS "/clitest.so", pb);

	/* GALLEY_PLUGIN_PATH keeps its order. */
	snprintf(want, sizeof want, "%s:%s", b, a);
	setenv("GALLEY_PLUGIN_PATH", want, 1);
	ctx = galley_context_new();
	assert_int_equal(galley_load_plugins(ctx), 0);
	assert_non_null(path = S_writer_plugin(ctx, "clitest"));
	assert_string_equal(path, pb);
	galley_context_free(ctx);

	/* galley_add_plugin_dir() comes before GALLEY_PLUGIN_PATH. */
	ctx = galley_context_new();
	galley_add_plugin_dir(ctx, a);
	assert_int_equal(galley_load_plugins(ctx), 0);
	assert_string_equal(S_writer_plugin(ctx, "clitest"), pa);
	galley_context_free(ctx);

	/* Empty elements are not the current folder. */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(a), 0);
	setenv("GALLEY_PLUGIN_PATH", ":.::", 1);
	ctx = galley_context_new();
	assert_int_equal(galley_load_plugins(ctx), 0);
	/* "." is named explicitly, so it counts; the empty ones add nothing more. */
	assert_string_equal(S_writer_plugin(ctx, "clitest"), pa);
	galley_context_free(ctx);
	setenv("GALLEY_PLUGIN_PATH", "::", 1);
	ctx = galley_context_new();
	assert_int_equal(galley_load_plugins(ctx), 0);
	assert_null(S_writer_plugin(ctx, "clitest"));
	galley_context_free(ctx);
	assert_int_equal(chdir(cwd), 0);
	unsetenv("GALLEY_PLUGIN_PATH");

	unlink(pa);
	unlink(pb);
	rmdir(a);
	rmdir(b);
}

static galley_context *S_clitest_ctx(void)
{
	galley_context *ctx = galley_context_new();
	assert_non_null(ctx);
	galley_add_plugin_dir(ctx, CLI_PLUGINS);
	assert_int_equal(galley_load_plugins(ctx), 0);
	return ctx;
}

static void test_lookup(void **state)
{
	galley_context *ctx = S_clitest_ctx();
	const galley_writer *w;
	const galley_reader *r;
	(void)state;

	/* Names and aliases, case-insensitive. */
	assert_non_null(r = galley_find_reader(ctx, "lines"));
	assert_ptr_equal(galley_find_reader(ctx, "LN"), galley_find_reader(ctx, "ln"));
	assert_string_equal(galley_reader_name(galley_find_reader(ctx, "ln")), "lines");
	assert_null(galley_find_reader(ctx, "pack")); /* writers and readers apart */
	assert_null(galley_find_writer(ctx, NULL));

	/* Extensions: the longest suffix wins, case does not matter. */
	assert_string_equal(galley_writer_name(galley_writer_for_path(ctx, "a.d.lines")), "dotted");
	assert_string_equal(galley_writer_name(galley_writer_for_path(ctx, "dir.d/A.LINES")), "lines");
	assert_null(galley_writer_for_path(ctx, "lines"));
	assert_null(galley_writer_for_path(ctx, ".lines/x"));
	assert_ptr_equal(galley_reader_for_path(ctx, "x.LNS"), r);
	assert_null(galley_reader_for_path(ctx, "x.txt.bak"));

	/* Probing: only the first 4096 bytes, no claim without a probe. */
	assert_ptr_equal(galley_reader_probe(ctx, "LINES\nabc", 9), r);
	/* (other plugins of the build tree may claim it; this one must not) */
	assert_ptr_not_equal(galley_reader_probe(ctx, "lines\nabc", 9), r);

	assert_non_null(w = galley_find_writer(ctx, "pack"));
	assert_true(galley_writer_is_binary(w));
	assert_false(galley_writer_takes_many(w));
	assert_true(galley_writer_takes_many(galley_find_writer(ctx, "book")));
	assert_false(galley_writer_is_binary(galley_find_writer(ctx, "lines")));
	galley_context_free(ctx);
}

static void test_read_write(void **state)
{
	galley_context *ctx = S_clitest_ctx();
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_node *docs[2] = {NULL, NULL};
	const galley_reader *r = galley_find_reader(ctx, "lines");
	(void)state;

	assert_int_equal(galley_read(ctx, r, "one\ntwo\n", 8, &docs[0]), 0);
	assert_int_equal(galley_node_child_count(docs[0]), 2);
	assert_int_equal(galley_read(ctx, r, "x\nFAIL\n", 7, &docs[1]), GALLEY_EINVAL);
	assert_null(docs[1]);
	assert_string_equal(galley_context_error(ctx), "line 2 says FAIL");

	/* The writer learns which name it was asked for. */
	assert_int_equal(galley_write(ctx, galley_find_writer(ctx, "ln"), (const galley_node *const *)docs, 1, &out), 0);
	assert_string_equal(out.data, "# ln\none\ntwo\n");

	/* A failed writer leaves the buffer as it was. */
	assert_int_equal(galley_write(ctx, galley_find_writer(ctx, "failw"), (const galley_node *const *)docs, 1, &out), GALLEY_EINVAL);
	assert_string_equal(out.data, "# ln\none\ntwo\n");

	/* Several documents only for a writer that takes many. */
	assert_int_equal(galley_read(ctx, r, "three", 5, &docs[1]), 0);
	assert_int_equal(galley_write(ctx, galley_find_writer(ctx, "lines"), (const galley_node *const *)docs, 2, &out), GALLEY_EUSAGE);
	galley_buffer_clear(&out);
	assert_int_equal(galley_write(ctx, galley_find_writer(ctx, "book"), (const galley_node *const *)docs, 2, &out), 0);
	assert_string_equal(out.data, "# book\none\ntwo\n---\n# book\nthree\n");

	galley_node_free(docs[0]);
	galley_node_free(docs[1]);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_listing(void **state)
{
	galley_context *ctx = S_clitest_ctx();
	galley_buffer formats = GALLEY_BUFFER_INIT;
	const char *name, *version, *path;
	size_t i;
	int found = 0;
	(void)state;

	for (i = 0; galley_plugin_info(ctx, i, &name, &version, &path, &formats) == 0; i++) {
		if (strcmp(name, "clitest") == 0) {
			found = 1;
			assert_string_equal(version, "1.2.3");
			assert_string_equal(path, CLI_PLUGINS "/clitest.so");
			assert_string_equal(formats.data,
				"reader:lines,writer:lines,writer:dotted,writer:pack,writer:book,writer:failw,writer:zipw,writer:opts");
		}
		galley_buffer_clear(&formats);
	}
	assert_true(found);
	assert_int_equal(i, galley_plugin_count(ctx));
	assert_int_equal(galley_plugin_info(ctx, i, &name, NULL, NULL, NULL), GALLEY_ENOTFOUND);
	found = 0;
	for (i = 0; (name = galley_format_name_at(ctx, 1, i)); i++)
		found += strcmp(name, "ln") == 0;
	assert_int_equal(found, 1);
	galley_buffer_dispose(&formats);
	galley_context_free(ctx);
}

/* Options held against the tables of a job's reader and writer. */
static void test_check_options(void **state)
{
	galley_context *ctx = S_clitest_ctx();
	const galley_writer *opts = galley_find_writer(ctx, "opts"), *lines = galley_find_writer(ctx, "lines");
	const galley_reader *r = galley_find_reader(ctx, "lines");
	(void)state;

	assert_non_null(opts);
	assert_null(galley_reader_options(r));
	assert_null(galley_writer_options(lines));
	assert_string_equal(galley_writer_options(opts)->key, "level");
	assert_int_equal(galley_check_options(ctx, r, opts), 0); /* nothing set */

	/* Declared keys with good values, and the core's data-dir, for any job. */
	galley_context_set_option(ctx, "level", "max");
	galley_context_set_option(ctx, "mode", "slow");
	galley_context_set_option(ctx, "strict", "Yes");
	galley_context_set_option(ctx, "label", "");
	galley_context_set_option(ctx, "data-dir", "/nowhere");
	assert_int_equal(galley_check_options(ctx, NULL, opts), 0);
	assert_int_equal(galley_check_options(ctx, r, opts), 0);

	/* An unknown key is only unknown when both ends have a table. */
	galley_context_set_option(ctx, "levl", "3");
	assert_int_equal(galley_check_options(ctx, NULL, opts), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx),
		"unknown option 'levl' (did you mean 'level'? opts writer: level, mode, strict, label; any format: data-dir, "
		"max-input-size, max-nodes, max-attributes, filter-timeout)");
	assert_int_equal(galley_check_options(ctx, r, opts), 0);   /* the lines reader may take it */
	assert_int_equal(galley_check_options(ctx, NULL, lines), 0); /* so may the lines writer */
	galley_context_set_option(ctx, "levl", NULL);                /* unset: not checked */
	assert_int_equal(galley_check_options(ctx, NULL, opts), 0);
	assert_int_equal(galley_check_options(ctx, NULL, NULL), GALLEY_EUSAGE); /* level: no one takes it */
	assert_string_equal(galley_context_error(ctx),
		"unknown option 'level' (any format: data-dir, max-input-size, max-nodes, max-attributes, filter-timeout)");

	/* Bad values of declared keys, even when the other end declares nothing. */
	galley_context_set_option(ctx, "level", "10");
	assert_int_equal(galley_check_options(ctx, r, opts), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx), "option level: expected max or a number from 1 to 9, not '10'");
	galley_context_set_option(ctx, "level", "3");
	galley_context_set_option(ctx, "mode", "quick");
	assert_int_equal(galley_check_options(ctx, r, opts), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx), "option mode: expected fast or slow, not 'quick'");
	galley_context_set_option(ctx, "mode", NULL);
	galley_context_set_option(ctx, "strict", "maybe");
	assert_int_equal(galley_check_options(ctx, r, opts), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx),
		"option strict: expected true or false (yes/no, on/off, 1/0), not 'maybe'");
	galley_context_free(ctx);
}

static void test_option_values(void **state)
{
	static const galley_option_desc wrap = {"wrap", GALLEY_OPTION_INT, "none|preserve|auto", "", 0, 100};
	static const galley_option_desc num = {"n", GALLEY_OPTION_INT, NULL, "", -5, 5};
	galley_context *ctx = galley_context_new();
	galley_buffer b = GALLEY_BUFFER_INIT;
	const char *good[] = {"none", "preserve", "auto", "0", "100", "72"};
	const char *bad[] = {"", "wide", "101", "-1", "7x", " 7", "+7", "99999999999999999999", "None"};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(galley_option_check(ctx, &wrap, good[i]), 0);
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(galley_option_check(ctx, &wrap, bad[i]), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx),
		"option wrap: expected none, preserve, auto or a number from 0 to 100, not 'None'");
	assert_int_equal(galley_option_check(ctx, &num, "-5"), 0);
	assert_int_equal(galley_option_check(ctx, &num, "-6"), GALLEY_EUSAGE);
	assert_string_equal(galley_context_error(ctx), "option n: expected a number from -5 to 5, not '-6'");
	assert_int_equal(galley_option_check(ctx, &num, NULL), 0);

	assert_int_equal(galley_option_describe(&wrap, &b), 0);
	assert_string_equal(b.data, "none|preserve|auto|0..100");
	galley_buffer_clear(&b);
	assert_int_equal(galley_option_describe(galley_core_options(), &b), 0);
	assert_string_equal(b.data, "DIR");
	assert_string_equal(galley_core_options()[0].key, "data-dir");
	assert_string_equal(galley_core_options()[1].key, "max-input-size");
	assert_string_equal(galley_core_options()[2].key, "max-nodes");
	assert_string_equal(galley_core_options()[3].key, "max-attributes");
	assert_string_equal(galley_core_options()[4].key, "filter-timeout");
	assert_null(galley_core_options()[5].key);
	galley_buffer_dispose(&b);
	galley_context_free(ctx);
}

/* One registry, loaded once, shared by several contexts: lookups through
 * any of them answer from it, it no longer changes, and it outlives them. */
static void test_shared_registry(void **state)
{
	galley_registry *reg;
	galley_context *load = galley_context_new(), *a = galley_context_new(), *b = galley_context_new();
	galley_reader_desc late = {GALLEY_READER_VERSION, "late", NULL, "late", "", NULL, NULL, NULL, NULL, {0}};
	char *log = NULL;
	(void)state;

	assert_int_equal(galley_init(), 0);
	assert_int_equal(galley_init(), 0); /* reference-counted */
	assert_non_null(reg = galley_registry_new());
	assert_int_equal(galley_registry_add_dir(reg, ""), GALLEY_EUSAGE);
	assert_int_equal(galley_registry_add_dir(reg, CLI_PLUGINS), 0);
	assert_int_equal(galley_registry_add_dir(reg, BAD_DIR), 0);
	/* Messages of the load go to the context given for it. */
	galley_context_set_input_name(load, "job.txt");
	{
		galley_buffer buf = GALLEY_BUFFER_INIT;
		galley_context_set_log(load, S_log_to_buffer, &buf);
		assert_int_equal(galley_registry_load(reg, load), 0);
		log = galley_buffer_detach(&buf, NULL);
	}
	S_expect_line(log, "abimajor.so", "plugin ABI 3.0, galley expects 2.2");
	assert_string_equal(galley_context_input_name(load), "job.txt"); /* restored */
	assert_null(galley_registry_context(reg));                        /* only during the load */
	/* Loaded: a second load is a no-op, nothing more may be added. */
	assert_int_equal(galley_registry_load(reg, NULL), 0);
	assert_int_equal(galley_registry_add_dir(reg, "/tmp"), GALLEY_EUSAGE);
	assert_int_equal(galley_registry_add_reader(reg, &late), GALLEY_EUSAGE);

	galley_context_set_registry(a, reg);
	galley_context_set_registry(b, reg);
	assert_ptr_equal(galley_context_registry(a), reg);
	assert_ptr_equal(galley_find_writer(a, "lines"), galley_find_writer(b, "lines"));
	assert_non_null(galley_find_writer(b, "zgood"));
	assert_null(galley_find_reader(a, "late"));
	assert_int_equal(galley_plugin_count(a), galley_plugin_count(b));
	/* A context on a shared registry does not load plugins of its own. */
	assert_int_equal(galley_load_plugins(a), GALLEY_EUSAGE);
	assert_int_equal(galley_add_plugin_dir(a, "/tmp"), GALLEY_EUSAGE);
	galley_context_free(a);
	assert_non_null(galley_find_writer(b, "lines")); /* the registry is not the context's */
	galley_context_set_registry(b, NULL);
	assert_null(galley_find_writer(b, "lines"));
	galley_context_free(b);
	galley_context_free(load);
	galley_registry_free(reg);
	galley_shutdown();
	galley_shutdown();
	free(log);
}

/* The library prints nothing by itself: without a log callback messages
 * are dropped; with one, each arrives once with its level and input. */
static void S_count(int level, const char *input, const char *message, void *payload)
{
	int *n = payload;
	assert_int_equal(level, GALLEY_LOG_INFO);
	assert_string_equal(input, "in.txt");
	assert_string_equal(message, "hello 42");
	(*n)++;
}

static void test_log_callback(void **state)
{
	galley_context *ctx = galley_context_new();
	int n = 0;
	(void)state;
	galley_context_set_input_name(ctx, "in.txt");
	galley_log(ctx, GALLEY_LOG_WARN, "dropped"); /* no callback: nowhere */
	galley_context_set_log(ctx, S_count, &n);
	galley_log(ctx, GALLEY_LOG_INFO, "hello %d", 42); /* verbosity 0 hides INFO */
	assert_int_equal(n, 0);
	galley_context_set_verbosity(ctx, 1);
	galley_log(ctx, GALLEY_LOG_INFO, "hello %d", 42);
	assert_int_equal(n, 1);
	galley_log(NULL, GALLEY_LOG_ERROR, "no context");
	galley_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_plugins_refused),
		cmocka_unit_test(test_quiet_hides_warnings),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_read_write),
		cmocka_unit_test(test_listing),
		cmocka_unit_test(test_check_options),
		cmocka_unit_test(test_option_values),
		cmocka_unit_test(test_shared_registry),
		cmocka_unit_test(test_log_callback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
