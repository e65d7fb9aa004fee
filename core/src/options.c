/* options.c — declared options: the core's own table, the check of a value
 * against its declaration, the check of a job's options against its reader
 * and writer, and the check of a table a plugin registers. */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Options the core serves for every format (galley_format_data()). */
static const galley_option_desc S_core[] = {
	{"data-dir", GALLEY_OPTION_STRING, "DIR", "read format data files from DIR/FORMAT/NAME first", 0, 0},
	{"max-input-size", GALLEY_OPTION_INT, NULL, "refuse an input over N MiB (default 1024)", 1, 1048576},
	{"max-nodes", GALLEY_OPTION_INT, NULL, "refuse a document of over N tree nodes (default 50000000)", 1,
		2000000000},
	{"max-attributes", GALLEY_OPTION_INT, NULL, "refuse an HTML element with over N attributes (default 1000)",
		1, 10000000},
	{"filter-timeout", GALLEY_OPTION_INT, NULL, "seconds an external --filter program may run (0: no limit)", 0,
		86400},
	{NULL, 0, NULL, NULL, 0, 0}};

const galley_option_desc *galley_core_options(void)
{
	return S_core;
}

const galley_option_desc *galley_reader_options(const galley_reader *r)
{
	return r ? r->f.reader->options : NULL;
}

const galley_option_desc *galley_writer_options(const galley_writer *w)
{
	return w ? w->f.writer->options : NULL;
}

static const galley_option_desc *S_lookup(const galley_option_desc *t, const char *key)
{
	for (; t && t->key; t++)
		if (strcmp(t->key, key) == 0)
			return t;
	return NULL;
}

/* 1 when word is one of the '|'-separated words of list. */
static int S_in_list(const char *list, const char *word)
{
	size_t wlen = strlen(word);
	const char *p = list;
	while (p && *p) {
		size_t len = strcspn(p, "|");
		if (len == wlen && strncmp(p, word, len) == 0)
			return 1;
		p += len;
		p += *p == '|';
	}
	return 0;
}

/* "a|b|c" as "a, b or c" (`last` between the last two), appended to out:
 * the words of an error message. */
static void S_list_words(galley_buffer *out, const char *list, const char *last)
{
	const char *p = list;
	while (p && *p) {
		size_t len = strcspn(p, "|");
		const char *next = p + len + (p[len] == '|');
		galley_buffer_append(out, p, len);
		if (*next)
			galley_buffer_puts(out, strchr(next, '|') ? ", " : last);
		p = next;
	}
}

static int S_bool_word(const char *v)
{
	static const char *const words[] = {"1", "true", "yes", "on", "0", "false", "no", "off"};
	size_t i;
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(v, words[i]) == 0)
			return 1;
	return 0;
}

int galley_option_check(galley_context *ctx, const galley_option_desc *opt, const char *value)
{
	galley_buffer want = GALLEY_BUFFER_INIT;
	char *end;
	long n;
	int rc;

	if (!opt || !opt->key)
		return galley_error(ctx, GALLEY_EUSAGE, "galley_option_check: no option");
	if (!value)
		return 0; /* unset */
	switch (opt->type) {
	case GALLEY_OPTION_BOOL:
		if (S_bool_word(value))
			return 0;
		galley_buffer_puts(&want, "true or false (yes/no, on/off, 1/0)");
		break;
	case GALLEY_OPTION_INT:
		if (S_in_list(opt->values, value))
			return 0;
		errno = 0;
		n = strtol(value, &end, 10);
		if (((*value >= '0' && *value <= '9') || (*value == '-' && value[1] >= '0' && value[1] <= '9')) &&
			!*end && errno == 0 && n >= opt->min && n <= opt->max)
			return 0;
		if (opt->values && *opt->values) {
			S_list_words(&want, opt->values, ", ");
			galley_buffer_puts(&want, " or ");
		}
		galley_buffer_printf(&want, "a number from %ld to %ld", opt->min, opt->max);
		break;
	case GALLEY_OPTION_ENUM:
		if (S_in_list(opt->values, value))
			return 0;
		S_list_words(&want, opt->values, " or ");
		break;
	case GALLEY_OPTION_STRING:
		return 0;
	default:
		return galley_error(ctx, GALLEY_EUSAGE, "option %s: unknown option type %d", opt->key, opt->type);
	}
	rc = want.oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory")
		      : galley_error(ctx, GALLEY_EUSAGE, "option %s: expected %s, not '%s'", opt->key,
			      want.data ? want.data : "", value);
	galley_buffer_dispose(&want);
	return rc;
}

int galley_option_describe(const galley_option_desc *opt, galley_buffer *out)
{
	if (!opt || !opt->key || !out)
		return GALLEY_EUSAGE;
	switch (opt->type) {
	case GALLEY_OPTION_BOOL:
		galley_buffer_puts(out, "true|false");
		break;
	case GALLEY_OPTION_INT:
		if (opt->values && *opt->values)
			galley_buffer_printf(out, "%s|", opt->values);
		galley_buffer_printf(out, "%ld..%ld", opt->min, opt->max);
		break;
	case GALLEY_OPTION_ENUM:
		galley_buffer_puts(out, opt->values ? opt->values : "");
		break;
	default:
		galley_buffer_puts(out, opt->values && *opt->values ? opt->values : "VALUE");
		break;
	}
	return out->oom ? GALLEY_ENOMEM : 0;
}

/* "markdown writer: wrap, front-matter" (or ": none") appended to out. */
static void S_list_keys(galley_buffer *out, const char *name, const char *kind, const galley_option_desc *t)
{
	galley_buffer_printf(out, "%s%s %s:", out->len ? "; " : "", name, kind);
	if (!t->key)
		galley_buffer_puts(out, " none");
	for (; t->key; t++)
		galley_buffer_printf(out, " %s%s", t->key, t[1].key ? "," : "");
}

/* The edit distance of a and b (insertions, deletions, substitutions), or
 * a large number for keys too long to weigh. */
static size_t S_distance(const char *a, const char *b)
{
	size_t row[65], la = strlen(a), lb = strlen(b), i, j;
	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The declared key closest to key, when it is a likely typo (at most two
 * edits, and fewer than half its length); else NULL. */
static const char *S_suggest(const char *key, const galley_option_desc *const *tables, size_t n)
{
	const char *best = NULL;
	size_t best_d = 3, i;
	for (i = 0; i < n; i++) {
		const galley_option_desc *t;
		for (t = tables[i]; t && t->key; t++) {
			size_t d = S_distance(key, t->key);
			if (d < best_d && d * 2 < strlen(t->key)) {
				best = t->key;
				best_d = d;
			}
		}
	}
	return best;
}

/* The filter plugins among a job's filter specs (programs take no options). */
#define S_MAX_FILTER_TABLES 32

int galley__check_options(galley_context *ctx, const galley_reader *r, const galley_writer *w,
	const char *const *specs, size_t nspecs)
{
	const galley_option_desc *rt = galley_reader_options(r), *wt = galley_writer_options(w);
	const galley_filter *filters[S_MAX_FILTER_TABLES];
	size_t nf = 0;
	/* A reader, writer or filter that declares nothing may take any key. */
	int unchecked = (r && !rt) || (w && !wt);
	const char *key, *value;
	size_t i;
	int rc;

	for (i = 0; i < nspecs && nf < S_MAX_FILTER_TABLES; i++) {
		const galley_filter *f = strchr(specs[i], '/') ? NULL : galley_find_filter(ctx, specs[i]);
		if (f) {
			filters[nf++] = f;
			unchecked |= !galley_filter_options(f);
		}
	}
	for (i = 0; galley__context_option_at(ctx, i, &key, &value); i++) {
		const galley_option_desc *d[3 + S_MAX_FILTER_TABLES];
		size_t k, nd = 3;
		int any;
		d[0] = S_lookup(S_core, key);
		d[1] = S_lookup(rt, key);
		d[2] = S_lookup(wt, key);
		for (k = 0; k < nf; k++)
			d[nd++] = S_lookup(galley_filter_options(filters[k]), key);
		if (!value)
			continue; /* set, then unset */
		for (k = 0, any = 0; k < nd; k++)
			any |= d[k] != NULL;
		if (!any) {
			galley_buffer known = GALLEY_BUFFER_INIT;
			const galley_option_desc *tables[3 + S_MAX_FILTER_TABLES];
			size_t nt = 0;
			const char *near;
			if (unchecked)
				continue;
			tables[nt++] = rt, tables[nt++] = wt, tables[nt++] = S_core;
			for (k = 0; k < nf; k++)
				tables[nt++] = galley_filter_options(filters[k]);
			near = S_suggest(key, tables, nt);
			if (r)
				S_list_keys(&known, r->f.reader->name, "reader", rt);
			if (w)
				S_list_keys(&known, w->f.writer->name, "writer", wt);
			for (k = 0; k < nf; k++)
				S_list_keys(&known, galley_filter_name(filters[k]), "filter", galley_filter_options(filters[k]));
			S_list_keys(&known, "any", "format", S_core);
			rc = known.oom ? galley_error(ctx, GALLEY_ENOMEM, "out of memory")
				       : galley_error(ctx, GALLEY_EUSAGE, "unknown option '%s' (%s%s%s%s)", key,
					       near ? "did you mean '" : "", near ? near : "", near ? "'? " : "", known.data);
			galley_buffer_dispose(&known);
			return rc;
		}
		/* A key several of them declare must suit each. */
		for (k = 0; k < nd; k++)
			if (d[k] && (rc = galley_option_check(ctx, d[k], value)) < 0)
				return rc;
	}
	return 0;
}

int galley_check_options(galley_context *ctx, const galley_reader *r, const galley_writer *w)
{
	return galley__check_options(ctx, r, w, NULL, 0);
}

/* 1 when key is a well-formed option name: not empty, no '=' and no spaces. */
static int S_key_ok(const char *key)
{
	return key && *key && !strpbrk(key, "= \t\n");
}

int galley__options_table_check(const galley_option_desc *t, char *why, size_t size)
{
	size_t i, j;
	for (i = 0; t && t[i].key; i++) {
		const galley_option_desc *o = &t[i];
		if (!S_key_ok(o->key)) {
			snprintf(why, size, "option %zu has an empty or malformed key '%s'", i, o->key);
			return GALLEY_EINVAL;
		}
		if (S_lookup(S_core, o->key)) {
			snprintf(why, size, "option '%s' is the core's, taken by every format", o->key);
			return GALLEY_EINVAL;
		}
		for (j = 0; j < i; j++)
			if (strcmp(t[j].key, o->key) == 0) {
				snprintf(why, size, "option '%s' declared twice", o->key);
				return GALLEY_EINVAL;
			}
		switch (o->type) {
		case GALLEY_OPTION_BOOL:
		case GALLEY_OPTION_STRING:
			break;
		case GALLEY_OPTION_INT:
			if (o->min > o->max) {
				snprintf(why, size, "option '%s': min %ld above max %ld", o->key, o->min, o->max);
				return GALLEY_EINVAL;
			}
			break;
		case GALLEY_OPTION_ENUM:
			if (!o->values || !*o->values) {
				snprintf(why, size, "option '%s': an enum without values", o->key);
				return GALLEY_EINVAL;
			}
			break;
		default:
			snprintf(why, size, "option '%s' has an unknown type %d", o->key, o->type);
			return GALLEY_EINVAL;
		}
	}
	return 0;
}
