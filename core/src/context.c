/* context.c — the context, one per job: last error, verbosity, input
 * name, options, the log callback and the registry its lookups use. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct galley_context {
	int code;
	char *message;
	int verbosity;
	char *input_name;
	char **doc_paths; /* galley_context_set_document_path(), by document */
	size_t ndoc_paths;
	char **opt_keys;
	char **opt_values;
	size_t nopts;
	const galley_registry *registry; /* borrowed, or `owned` */
	galley_registry *owned;          /* made by galley_add_plugin_dir/galley_load_plugins */
	galley_log_cb log;
	void *log_payload;
	galley_output_cb output; /* galley_context_set_output() */
	void *output_payload;
	galley_buffer *output_buf; /* the buffer of the galley_write() running, while its sink takes bytes */
	int output_rc;             /* GALLEY_EIO once the sink failed, in that call */
};

static const char S_oom_message[] = "out of memory";

const char *galley_version(void)
{
	return GALLEY_VERSION_STRING;
}

char *galley__strdup(const char *s)
{
	return s ? galley__strndup(s, strlen(s)) : NULL;
}

char *galley__strndup(const char *s, size_t n)
{
	char *p;
	if (!s)
		return NULL;
	p = galley_malloc(n + 1); /* n bytes as they are (galley_strndup stops at a NUL) */
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

galley_context *galley_context_new(void)
{
	return galley_calloc(1, sizeof(galley_context));
}

void galley_context_free(galley_context *ctx)
{
	size_t i;
	if (!ctx)
		return;
	galley_registry_free(ctx->owned);
	for (i = 0; i < ctx->nopts; i++) {
		galley_free(ctx->opt_keys[i]);
		galley_free(ctx->opt_values[i]);
	}
	galley_free(ctx->opt_keys);
	galley_free(ctx->opt_values);
	if (ctx->message != S_oom_message)
		galley_free(ctx->message);
	galley_free(ctx->input_name);
	for (i = 0; i < ctx->ndoc_paths; i++)
		galley_free(ctx->doc_paths[i]);
	galley_free(ctx->doc_paths);
	galley_free(ctx);
}

const char *galley_context_error(const galley_context *ctx)
{
	return ctx && ctx->message ? ctx->message : "";
}

int galley_context_error_code(const galley_context *ctx)
{
	return ctx ? ctx->code : 0;
}

void galley_error_clear(galley_context *ctx)
{
	if (!ctx)
		return;
	if (ctx->message != S_oom_message)
		galley_free(ctx->message);
	ctx->message = NULL;
	ctx->code = 0;
}

int galley_error(galley_context *ctx, int code, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *msg;

	if (!ctx)
		return code;
	galley_error_clear(ctx);
	ctx->code = code;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = n >= 0 ? galley_malloc((size_t)n + 1) : NULL;
	if (!msg) {
		/* Keep a message even when memory is gone. */
		ctx->message = (char *)S_oom_message;
		return code;
	}
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ctx->message = msg;
	return code;
}

void galley_context_set_verbosity(galley_context *ctx, int verbosity)
{
	if (ctx)
		ctx->verbosity = verbosity;
}

int galley_context_verbosity(const galley_context *ctx)
{
	return ctx ? ctx->verbosity : 0;
}

void galley_context_set_input_name(galley_context *ctx, const char *name)
{
	char *copy;
	if (!ctx)
		return;
	copy = galley__strdup(name);
	galley_free(ctx->input_name);
	ctx->input_name = copy;
}

const char *galley_context_input_name(const galley_context *ctx)
{
	return ctx ? ctx->input_name : NULL;
}

int galley_context_set_document_path(galley_context *ctx, size_t i, const char *path)
{
	char *copy = NULL;
	if (!ctx || i > 1000000)
		return GALLEY_EUSAGE;
	if (i >= ctx->ndoc_paths) {
		char **n = galley_realloc(ctx->doc_paths, (i + 1) * sizeof *n);
		if (!n)
			return GALLEY_ENOMEM;
		memset(n + ctx->ndoc_paths, 0, (i + 1 - ctx->ndoc_paths) * sizeof *n);
		ctx->doc_paths = n;
		ctx->ndoc_paths = i + 1;
	}
	if (path && !(copy = galley__strdup(path)))
		return GALLEY_ENOMEM;
	galley_free(ctx->doc_paths[i]);
	ctx->doc_paths[i] = copy;
	return 0;
}

const char *galley_context_document_path(const galley_context *ctx, size_t i)
{
	return ctx && i < ctx->ndoc_paths ? ctx->doc_paths[i] : NULL;
}

void galley_log(galley_context *ctx, int level, const char *fmt, ...)
{
	va_list ap;
	char line[2048];

	if (!ctx || !ctx->log || ctx->verbosity < level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (ctx->log)
		ctx->log(level, ctx->input_name, line, ctx->log_payload);
}

void galley_context_set_log(galley_context *ctx, galley_log_cb cb, void *payload)
{
	if (!ctx)
		return;
	ctx->log = cb;
	ctx->log_payload = payload;
}

void galley_context_set_output(galley_context *ctx, galley_output_cb fn, void *payload)
{
	if (!ctx)
		return;
	ctx->output = fn;
	ctx->output_payload = payload;
}

void galley__output_begin(galley_context *ctx, galley_buffer *out)
{
	ctx->output_buf = ctx->output ? out : NULL;
	ctx->output_rc = 0;
}

/* Hand out's bytes to the sink (all of them when `all`, else once there
 * are 64 KiB). */
static int S_output_send(galley_context *ctx, galley_buffer *out, int all)
{
	int r, e;

	if (ctx->output_rc < 0)
		return ctx->output_rc;
	if (!ctx->output_buf || out != ctx->output_buf || out->oom || !out->len ||
		(!all && out->len < GALLEY__OUTPUT_PIECE))
		return 0;
	r = ctx->output(out->data, out->len, ctx->output_payload);
	if (r == 2)
		return 0; /* not yet: the buffer keeps them, offered again at the next point */
	if (r > 0) {
		ctx->output_buf = NULL; /* declined: the buffer keeps the output */
		return 0;
	}
	if (r < 0) {
		e = errno;
		ctx->output_buf = NULL;
		return ctx->output_rc = galley_error(ctx, GALLEY_EIO, "cannot write the output: %s", strerror(e));
	}
	galley_buffer_clear(out);
	return 0;
}

int galley_writer_flush(galley_context *ctx, galley_buffer *out)
{
	return ctx && out ? S_output_send(ctx, out, 0) : 0;
}

int galley__output_end(galley_context *ctx, galley_buffer *out, int ok)
{
	int rc = ok ? S_output_send(ctx, out, 1) : 0;
	if (!rc && ctx->output_rc < 0)
		rc = ctx->output_rc;
	ctx->output_buf = NULL;
	ctx->output_rc = 0;
	return rc;
}

int galley_context_set_option(galley_context *ctx, const char *key, const char *value)
{
	size_t i;
	char *v, *k, **nk, **nv;

	if (!ctx || !key)
		return GALLEY_EUSAGE;
	v = galley__strdup(value);
	if (value && !v)
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	for (i = 0; i < ctx->nopts; i++) {
		if (strcmp(ctx->opt_keys[i], key) == 0) {
			galley_free(ctx->opt_values[i]);
			ctx->opt_values[i] = v;
			return 0;
		}
	}
	k = galley__strdup(key);
	nk = galley_realloc(ctx->opt_keys, (ctx->nopts + 1) * sizeof *nk);
	if (nk)
		ctx->opt_keys = nk;
	nv = nk ? galley_realloc(ctx->opt_values, (ctx->nopts + 1) * sizeof *nv) : NULL;
	if (nv)
		ctx->opt_values = nv;
	if (!k || !nk || !nv) {
		galley_free(k);
		galley_free(v);
		return galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	}
	ctx->opt_keys[ctx->nopts] = k;
	ctx->opt_values[ctx->nopts] = v;
	ctx->nopts++;
	return 0;
}

const char *galley_context_option(const galley_context *ctx, const char *key)
{
	size_t i;
	if (!ctx || !key)
		return NULL;
	for (i = 0; i < ctx->nopts; i++)
		if (strcmp(ctx->opt_keys[i], key) == 0)
			return ctx->opt_values[i];
	return NULL;
}

int galley__context_option_at(const galley_context *ctx, size_t i, const char **key, const char **value)
{
	if (!ctx || i >= ctx->nopts)
		return 0;
	*key = ctx->opt_keys[i];
	*value = ctx->opt_values[i];
	return 1;
}

long galley_context_option_long(const galley_context *ctx, const char *key, long def)
{
	const char *v = galley_context_option(ctx, key);
	char *end;
	long n;
	if (!v || !*v)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	return *end || errno ? def : n;
}

int galley_context_option_bool(const galley_context *ctx, const char *key, int def)
{
	const char *v = galley_context_option(ctx, key);
	if (!v)
		return def;
	if (!strcasecmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcasecmp(v, "on"))
		return 1;
	if (!strcasecmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcasecmp(v, "off"))
		return 0;
	return def;
}

const galley_registry *galley_context_registry(const galley_context *ctx)
{
	return ctx ? ctx->registry : NULL;
}

void galley_context_set_registry(galley_context *ctx, const galley_registry *reg)
{
	if (!ctx)
		return;
	if (ctx->owned && reg != ctx->owned) {
		galley_registry_free(ctx->owned);
		ctx->owned = NULL;
	}
	ctx->registry = reg;
}

galley_registry *galley__context_own_registry(galley_context *ctx)
{
	if (!ctx || (ctx->registry && !ctx->owned))
		return NULL; /* a shared registry is its owner's to load */
	if (!ctx->owned) {
		if (!(ctx->owned = galley_registry_new()))
			return NULL;
		ctx->registry = ctx->owned;
	}
	return ctx->owned;
}
