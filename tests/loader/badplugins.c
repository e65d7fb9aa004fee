/* badplugins.c — deliberately broken plugins for the loader tests, one per
 * way a plugin can be wrong. Built once per BAD_* variant into
 * tests/loader/badplugins/; never installed. */
#include <galley/plugin.h>

#include <stdlib.h>

/* Code the loader must never run: a refused plugin that gets this far
 * kills the test. */
__attribute__((unused)) static int S_never(galley_registry *reg)
{
	(void)reg;
	abort();
}

__attribute__((unused)) static int S_write(galley_context *ctx, const char *name, const galley_node *const *docs, size_t ndocs,
	galley_buffer *out, void *payload)
{
	(void)ctx, (void)name, (void)docs, (void)ndocs, (void)payload;
	return galley_buffer_puts(out, "bad\n");
}

__attribute__((unused)) static int S_read(galley_context *ctx, galley_builder *b, const char *data, size_t len, void *payload)
{
	(void)ctx, (void)b, (void)data, (void)len, (void)payload;
	return 0;
}

#if defined(BAD_ABI_MAJOR)
GALLEY_PLUGIN_EXPORT const galley_plugin_desc galley_plugin_descriptor = {
	GALLEY_PLUGIN_ABI_MAJOR + 1, 0, "abimajor", "1", "MIT", "built for a future ABI", S_never, {0}};

#elif defined(BAD_ABI_MINOR)
GALLEY_PLUGIN_EXPORT const galley_plugin_desc galley_plugin_descriptor = {
	GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR + 1, "abiminor", "1", "MIT", "needs a newer minor", S_never, {0}};

#elif defined(BAD_NO_SYMBOL)
/* Exports something, but not the descriptor. */
GALLEY_PLUGIN_EXPORT int galley_plugin_descriptr = 1;

#elif defined(BAD_TINY_SYMBOL)
/* The right name on something that is not a descriptor: reading the ABI
 * minor would read past its end. */
GALLEY_PLUGIN_EXPORT const unsigned int galley_plugin_descriptor = 1;

#elif defined(BAD_INIT_FAILS)
static const galley_reader_desc S_reader = {
	GALLEY_READER_VERSION, "initfail", NULL, "initfail", "registered, then init fails", NULL, S_read, NULL, NULL, {0}};
static int S_init(galley_registry *reg)
{
	galley_registry_add_reader(reg, &S_reader);
	return galley_error(galley_registry_context(reg), GALLEY_ERROR, "cannot find its dictionary");
}
GALLEY_PLUGIN_DEFINE("initfail", "1", "MIT", "init fails after registering", S_init);

#elif defined(BAD_DUPLICATE)
/* "lines" belongs to the clitest plugin, loaded first. */
static const galley_writer_desc S_mine = {
	GALLEY_WRITER_VERSION, "duponly", NULL, "duponly", "would be fine alone", 0, S_write, NULL, NULL, {0}};
static const galley_writer_desc S_taken = {
	GALLEY_WRITER_VERSION, "lines", NULL, "lines", "name already taken", 0, S_write, NULL, NULL, {0}};
static int S_init(galley_registry *reg)
{
	galley_registry_add_writer(reg, &S_mine);
	galley_registry_add_writer(reg, &S_taken);
	return 0; /* ignores the failure: the loader must still refuse it */
}
GALLEY_PLUGIN_DEFINE("dup", "1", "MIT", "registers a taken name", S_init);

#elif defined(BAD_DESC_VERSION)
static const galley_writer_desc S_future = {
	GALLEY_WRITER_VERSION + 7, "future", NULL, "future", "a writer struct from the future", 0, S_write, NULL, NULL, {0}};
static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_future);
}
GALLEY_PLUGIN_DEFINE("descversion", "1", "MIT", "bad writer struct version", S_init);

#elif defined(BAD_OPTION_KEY)
/* An option table with an empty key, after a good entry. */
static const galley_option_desc S_opts[] = {
	{"fine", GALLEY_OPTION_BOOL, NULL, "a good one", 0, 0},
	{"", GALLEY_OPTION_BOOL, NULL, "no name", 0, 0},
	GALLEY_OPTIONS_END};
static const galley_writer_desc S_w = {
	GALLEY_WRITER_VERSION, "badkey", NULL, "badkey", "an option without a name", 0, S_write, NULL, S_opts, {0}};
static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_w);
}
GALLEY_PLUGIN_DEFINE("optkey", "1", "MIT", "malformed option table: empty key", S_init);

#elif defined(BAD_OPTION_TYPE)
static const galley_option_desc S_opts[] = {
	{"level", 42, NULL, "a type galley does not know", 0, 0},
	GALLEY_OPTIONS_END};
static const galley_reader_desc S_r = {
	GALLEY_READER_VERSION, "badtype", NULL, "badtype", "an option of an unknown type", NULL, S_read, NULL, S_opts, {0}};
static int S_init(galley_registry *reg)
{
	return galley_registry_add_reader(reg, &S_r);
}
GALLEY_PLUGIN_DEFINE("opttype", "1", "MIT", "malformed option table: unknown type", S_init);

#elif defined(OLD_MINOR)
/* A plugin of an older minor (here the oldest, N.0) that declares no
 * options (`options` NULL): galley takes it and checks none of its options. */
static const galley_writer_desc S_old = {
	GALLEY_WRITER_VERSION, "oldminor", NULL, "oldminor", "declares no options", 0, S_write, NULL, NULL, {0}};
static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_old);
}
GALLEY_PLUGIN_EXPORT const galley_plugin_desc galley_plugin_descriptor = {
	GALLEY_PLUGIN_ABI_MAJOR, 0, "oldminor", "1", "MIT", "an older-minor plugin without options", S_init, {0}};

#elif defined(GOOD)
/* A table whose first entry ends it: takes no options. */
static const galley_option_desc S_none[] = {GALLEY_OPTIONS_END};
static const galley_writer_desc S_good = {
	GALLEY_WRITER_VERSION, "zgood", NULL, "zgood", "a good plugin among bad ones", 0, S_write, NULL, S_none, {0}};
static int S_init(galley_registry *reg)
{
	return galley_registry_add_writer(reg, &S_good);
}
GALLEY_PLUGIN_DEFINE("zgood", "1", "MIT", "loads fine", S_init);
#endif
