/* batch.c — `galley batch`: the main thread walks the inputs in order
 * (files, folders, archive members streamed into memory), picks a reader,
 * claims the output names, and hands each document to a pool of workers
 * that share one registry; results are reported in input order, so nothing
 * written depends on the number of threads. */
#include "batch.h"
#include "metadata.h"
#include "output.h"

#include <galley/galley.h>
#include <galley/plugin.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#ifdef GALLEY_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <libdeflate.h>
#include <limits.h>
#if defined __GLIBC__ && !defined GALLEY_JEMALLOC
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

enum { EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_IO = 3 };
enum { ST_OK, ST_FAILED, ST_SKIPPED };

/* A zip member handed on compressed (S_zip): its index and what the
 * central directory declares of it, checked again where it is inflated
 * (S_unpack). */
struct zmember {
	zip_uint64_t index;
	uint64_t size, comp;
	uint32_t crc;
};

/* One input: a document to convert, or a line of the report only. */
struct job {
	char *input;  /* as the report names it */
	galley_buffer data;
	const galley_reader *reader;
	int status, done;
	char *error;
	galley_buffer messages; /* the log, one line each, "\n"-separated */
	char **outputs;         /* DEST/REL/NAME.EXT, one per writer */
	unsigned char *keep;    /* --skip-existing: outputs there already, not written */
	size_t noutputs, nwritten;
	galley_buffer *blobs; /* a .zip DEST: the outputs' bytes, added in input order */
	char *title, *date;
	long ms;
	size_t cost;           /* its input's bytes, while it is queued or converted */
	uint64_t seq;          /* its place in input order (see S_submit) */
	int ahead;             /* a zip member read before the ones before it */
	/* A zip member handed on deflated (S_zip): the archive, the member and
	 * what the central directory declares. data stays empty until
	 * S_unpack reads it, in the worker that converts it (-j 2 and more:
	 * the reading thread only walks the directory) or, with -j 1, in the
	 * reading thread once the job is made (beside the one worker). */
	char *zpath;
	struct zmember zm;
	struct job *next;      /* in input order, until reported */
	struct job *next_todo; /* the work queue */
};

/* A zip member whose compressed bytes are handed on (S_zip, S_document):
 * where it is and what the archive declares, and the reading thread's
 * means of inflating it should it need the bytes itself. */
struct pack {
	const char *path; /* the archive */
	zip_t *z;         /* the reading thread's */
	struct libdeflate_decompressor *dec;
	struct zmember m;
};

/* A worker's handle on the archive it last had to read a member of again
 * (S_unpack): kept, so that an archive of many members that do not
 * inflate as declared is opened once a worker, not once a member. */
struct zcache {
	char *path;
	zip_t *z;
};

/* An output name claimed: the hash of its key (S_key) and where its
 * record ("OWNER\0NAME\0") is in the names file, plus one; 0 is empty. */
struct name_slot {
	uint64_t hash, where;
};

struct batch {
	const char *dest;
	struct stat dest_st;
	const galley_writer **writers;
	size_t nwriters;
	const galley_reader *forced;
	const char *from, *to, *report_path, *files_from;
	int nul, verbosity, jobs, skip_existing, force;
	unsigned long shard, nshards; /* --shard K/N: this run's inputs hash to K */
	/* Archive limits (decompression bombs); UINT64_MAX for none. */
	uint64_t max_member, max_archive, max_members, max_ratio;
	const char **plugin_dirs;
	size_t nplugin_dirs;
	const char **meta; /* -M KEY=VALUE, in order */
	size_t nmeta;
	const char **filters; /* --filter NAME|PATH, in order (as galley --filter) */
	size_t nfilters;
	struct opt {
		const char *key, *value;
		size_t klen;
	} *opts; /* -O KEY=VALUE, --wrap, --no-front-matter, in order */
	size_t nopts;
	galley_registry *reg;
	galley_context *ctx; /* the main thread's */
	FILE *report;
	int progress; /* standard error is a terminal */
	galley_zip *zip;       /* DEST is a .zip: entries added as jobs are reported */
	galley_context *zctx;  /* the zip's, used under lock */

	/* The names claimed so far: a later input that would write one again
	 * (or one equal once normalised and case-folded) fails. The table holds
	 * 16 bytes a claim; the names themselves go to an unlinked temporary
	 * file, read back only to word a collision, so memory does not grow
	 * with the length of the names of a 100,000-document run. */
	struct name_slot *slots;
	size_t nslots, nclaimed;
	FILE *names_file;
	uint64_t names_end;
	int per_stem; /* no extension ends in another: claim one name an input */

	pthread_mutex_t lock;
	pthread_cond_t has_work, has_room;
	struct job *todo_head, *todo_tail;
	size_t ntodo, max_todo;
	/* Memory stays flat however many inputs: the bytes of the documents
	 * queued and of those being converted are each held to budget (but
	 * for one document larger than that, which is then converted alone),
	 * and at most window inputs wait to be reported (and queued). */
	size_t todo_bytes, running_bytes, budget, window;
	int closed;
	struct job *report_head, *report_tail; /* every job not yet reported, by seq */
	/* Report order: each input's seq; a zip's members have base + their
	 * index (pinned, while S_zip reads them), so one read ahead of its
	 * place (S_zip_ahead) waits for those before it; every input below
	 * low has been submitted, so only those are reported. */
	uint64_t next_seq, pin_seq, low;
	int pinned;
	size_t nahead; /* members read ahead being converted */
	size_t nseen, ndone, nok, nfailed, nskipped;
	int report_error, oom;
	long started, last_progress;
};

static const char S_usage[] =
	"Usage: galley batch [OPTIONS] -o DEST INPUT...\n"
	"Convert many documents: files, folders (walked recursively) and archives\n"
	"(.zip, .tar, .tar.gz, .tgz, .tar.xz, .tar.zst), each to DEST/REL/NAME.EXT\n"
	"for every format of -t.\n"
	"\n"
	"  -t, --to FORMAT[,FORMAT...]  output formats (required)\n"
	"  -o, --output DEST        the folder to write into (created if missing)\n"
	"  -f, --from FORMAT        read every input with this reader\n"
	"  -j, --jobs N             worker threads (default: the number of processors)\n"
	"  -M, --metadata KEY=VALUE set a metadata field of every document (as galley -M)\n"
	"  -O, --option KEY=VALUE   pass an option to the readers and writers (a key that\n"
	"                           no reader, no writer of -t and galley take is an error)\n"
	"      --wrap=none|N        wrap text output at N columns, or not at all\n"
	"      --no-front-matter    leave out the metadata block of text formats\n"
	"      --reference-doc FILE take the styles and page setup of DOCX output\n"
	"                           from FILE.docx (-O reference-doc=FILE)\n"
	"      --filter NAME|PATH   change every document between reading and writing\n"
	"                           (repeatable, in order; as galley --filter)\n"
	"      --report FILE        one JSON object a line per input, in input order\n"
	"      --files-from FILE    read more inputs from FILE (- for standard input),\n"
	"                           one a line\n"
	"  -0, --null               --files-from names end with NUL, not newline\n"
	"      --force              replace outputs that exist (otherwise an input whose\n"
	"                           output exists fails, and nothing of it is written)\n"
	"      --skip-existing      keep outputs that exist and write only the missing\n"
	"                           ones (resume a run); not with --force\n"
	"      --max-member-size SIZE   refuse an archive member larger than SIZE\n"
	"                           uncompressed (default 64M; K, M, G, T; none)\n"
	"      --max-archive-size SIZE  stop reading an archive past SIZE uncompressed\n"
	"                           in all (default 16G)\n"
	"      --max-ratio N        refuse what expands more than N times (default 200)\n"
	"      --max-members N      refuse an archive of more than N members (default 1000000)\n"
	"      --shard K/N          convert only the inputs whose name hashes to K (0 <= K < N);\n"
	"                           auto: K and N from Slurm, auto/N: K from Kubernetes\n"
	"      --plugin-dir DIR     look for plugins in DIR first (repeatable)\n"
	"  -q, --quiet              no progress or summary on a terminal\n"
	"  -v, --verbose            the summary and each input's messages on standard error\n"
	"  -h, --help               show this help and exit\n"
	"\n"
	"Exit status: 0 every document converted (others skipped), 1 any failed (the\n"
	"others are still written), 2 usage error, 3 I/O or system error.\n";

static const struct option S_options[] = {
	{"to", required_argument, NULL, 't'},
	{"output", required_argument, NULL, 'o'},
	{"from", required_argument, NULL, 'f'},
	{"jobs", required_argument, NULL, 'j'},
	{"report", required_argument, NULL, 'R'},
	{"files-from", required_argument, NULL, 'F'},
	{"null", no_argument, NULL, '0'},
	{"skip-existing", no_argument, NULL, 'S'},
	{"force", no_argument, NULL, 'X'},
	{"max-member-size", required_argument, NULL, 'L'},
	{"max-archive-size", required_argument, NULL, 'A'},
	{"max-ratio", required_argument, NULL, 'C'},
	{"max-members", required_argument, NULL, 'E'},
	{"shard", required_argument, NULL, 'H'},
	{"metadata", required_argument, NULL, 'M'},
	{"option", required_argument, NULL, 'O'},
	{"wrap", required_argument, NULL, 'W'},
	{"no-front-matter", no_argument, NULL, 'N'},
	{"reference-doc", required_argument, NULL, 'D'},
	{"filter", required_argument, NULL, 'T'},
	{"plugin-dir", required_argument, NULL, 'P'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}};

static int S_usage_error(const char *fmt, const char *arg)
{
	fputs("galley batch: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'galley batch --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static char *S_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* path + "/" + name, or name when path is empty; NULL on OOM. */
static char *S_join(const char *path, const char *name)
{
	size_t a = strlen(path), b = strlen(name);
	char *s = malloc(a + b + 2);
	if (!s)
		return NULL;
	if (a) {
		memcpy(s, path, a);
		if (path[a - 1] != '/')
			s[a++] = '/';
	}
	memcpy(s + a, name, b + 1);
	return s;
}

static long S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

/* A JSON string for any bytes: invalid UTF-8 becomes U+FFFD. */
static json_t *S_json_string(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	galley_buffer b = GALLEY_BUFFER_INIT;
	json_t *j;
	if (galley_utf8_valid(s, n))
		return json_string(s);
	while (i < n) {
		if ((k = galley_utf8_decode(s + i, n - i, NULL))) {
			galley_buffer_append(&b, s + i, k);
			i += k;
		} else {
			galley_buffer_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	j = b.oom ? NULL : json_string(b.data ? b.data : "");
	galley_buffer_dispose(&b);
	return j;
}

/* A member's name made safe to put under DEST: "a/./b//c" is "a/b/c";
 * NULL with the reason in *why for an absolute name, a '..' component,
 * invalid UTF-8 or a control character; "" for a name with nothing left. */
static char *S_safe_member(const char *name, const char **why)
{
	size_t n = strlen(name), i = 0, o = 0;
	char *out;

	if (!galley_utf8_valid(name, n)) {
		*why = "the name is not valid UTF-8";
		return NULL;
	}
	if (name[0] == '/') {
		*why = "an absolute name";
		return NULL;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F || name[i] == '\\') {
			*why = name[i] == '\\' ? "a backslash in the name" : "a control character in the name";
			return NULL;
		}
	if (!(out = malloc(n + 1))) {
		*why = "out of memory";
		return NULL;
	}
	for (i = 0; i < n;) {
		size_t j = i;
		while (j < n && name[j] != '/')
			j++;
		if (j - i == 2 && name[i] == '.' && name[i + 1] == '.') {
			free(out);
			*why = "a '..' component in the name";
			return NULL;
		}
		if (j > i && !(j - i == 1 && name[i] == '.')) {
			if (o)
				out[o++] = '/';
			memcpy(out + o, name + i, j - i);
			o += j - i;
		}
		i = j + 1;
	}
	out[o] = '\0';
	return out;
}

/* "2024/a.html" -> "2024/a": the last component loses its extension (a
 * leading dot is part of the name). */
static void S_strip_ext(char *rel)
{
	char *base = strrchr(rel, '/'), *dot;
	base = base ? base + 1 : rel;
	dot = strrchr(base, '.');
	if (dot && dot > base)
		*dot = '\0';
}

static const char *const S_archive_exts[] = {".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.zst",
	".tzst", ".tar.bz2", ".tbz2", NULL};

/* The length of the archive suffix of name, or 0 when it names no archive. */
static size_t S_archive_suffix(const char *name)
{
	size_t n = strlen(name), i, best = 0;
	for (i = 0; S_archive_exts[i]; i++) {
		size_t k = strlen(S_archive_exts[i]);
		if (n > k && k > best && strcasecmp(name + n - k, S_archive_exts[i]) == 0 && name[n - k - 1] != '/')
			best = k;
	}
	return best;
}

/* UTF-16 through an ICU step (normalise or fold) into a new buffer; NULL
 * on failure. */
static UChar *S_u16_step(const UNormalizer2 *norm, const UChar *in, int32_t n, int32_t *outn)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t need = norm ? unorm2_normalize(norm, in, n, NULL, 0, &e) : u_strFoldCase(NULL, 0, in, n, U_FOLD_CASE_DEFAULT, &e);
	UChar *out;
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	if (!(out = malloc(((size_t)need + 1) * sizeof *out)))
		return NULL;
	e = U_ZERO_ERROR;
	if (norm)
		unorm2_normalize(norm, in, n, out, need + 1, &e);
	else
		u_strFoldCase(out, need + 1, in, n, U_FOLD_CASE_DEFAULT, &e);
	if (U_FAILURE(e)) {
		free(out);
		return NULL;
	}
	*outn = need;
	return out;
}

/* The key two output names collide on: NFD(casefold(NFD(name))), the
 * canonical caseless match of Unicode (fold 0: NFD only), so "é" as one
 * code point or as e + U+0301, and "A" and "a", are one name, as on a
 * case-insensitive or normalising file system (macOS, Windows) or once a
 * .zip DEST is unpacked there. A name that is not UTF-8 (a folder's bytes)
 * is folded in ASCII only. malloc'd, or NULL on OOM. */
static char *S_key(const char *name, int fold)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
	UChar *a = NULL, *c = NULL, *d = NULL;
	int32_t na = 0, nc = 0, nd = 0, n8 = 0;
	char *out = NULL;
	size_t len = strlen(name), i;

	if (U_SUCCESS(e) && galley_utf8_valid(name, len)) {
		u_strFromUTF8(NULL, 0, &na, name, (int32_t)len, &e);
		e = U_ZERO_ERROR;
		if ((a = malloc(((size_t)na + 1) * sizeof *a)) && (u_strFromUTF8(a, na + 1, &na, name, (int32_t)len, &e), U_SUCCESS(e)) &&
			(c = S_u16_step(nfd, a, na, &nc)) && (!fold || ((d = S_u16_step(NULL, c, nc, &nd)) && (free(c), c = S_u16_step(nfd, d, nd, &nc))))) {
			e = U_ZERO_ERROR;
			u_strToUTF8(NULL, 0, &n8, c, nc, &e);
			e = U_ZERO_ERROR;
			if ((out = malloc((size_t)n8 + 1)) && (u_strToUTF8(out, n8 + 1, &n8, c, nc, &e), U_FAILURE(e))) {
				free(out);
				out = NULL;
			}
		}
		free(a);
		free(c);
		free(d);
		if (out)
			return out;
	}
	if ((out = strdup(name)) && fold)
		for (i = 0; i < len; i++)
			if (out[i] >= 'A' && out[i] <= 'Z')
				out[i] += 32;
	return out;
}

static uint64_t S_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ? h : 1;
}

/* The record at where - 1 in the names file: owner and name point into buf. */
static int S_record(struct batch *b, uint64_t where, char *buf, size_t size, const char **owner, const char **name)
{
	ssize_t got;
	char *nul;
	if (fflush(b->names_file) != 0 ||
		(got = pread(fileno(b->names_file), buf, size - 1, (off_t)(where - 1))) <= 0)
		return -1;
	buf[got] = '\0';
	if (!(nul = memchr(buf, '\0', (size_t)got)))
		return -1;
	*owner = buf;
	*name = nul + 1;
	return 0;
}

/* The claim that name collides with: its owner and name (in buf), 1; 0
 * when there is none; -1 on failure. */
static int S_find(struct batch *b, const char *key, uint64_t h, char *buf, size_t size, const char **owner,
	const char **name)
{
	size_t i, mask = b->nslots - 1;
	for (i = h & mask; b->slots[i].where; i = (i + 1) & mask) {
		char *theirs;
		int same;
		if (b->slots[i].hash != h)
			continue;
		if (S_record(b, b->slots[i].where, buf, size, owner, name) < 0 || !(theirs = S_key(*name, 1)))
			return -1;
		same = strcmp(theirs, key) == 0;
		free(theirs);
		if (same)
			return 1;
	}
	return 0;
}

static int S_claim(struct batch *b, uint64_t h, const char *name, const char *owner)
{
	size_t i, mask;
	if ((b->nclaimed + 1) * 10 > b->nslots * 7) {
		size_t n = b->nslots * 2, k;
		struct name_slot *ns = calloc(n, sizeof *ns);
		if (!ns)
			return -1;
		for (k = 0; k < b->nslots; k++)
			if (b->slots[k].where) {
				for (i = b->slots[k].hash & (n - 1); ns[i].where; i = (i + 1) & (n - 1))
					;
				ns[i] = b->slots[k];
			}
		free(b->slots);
		b->slots = ns;
		b->nslots = n;
	}
	mask = b->nslots - 1;
	for (i = h & mask; b->slots[i].where; i = (i + 1) & mask)
		;
	if (fprintf(b->names_file, "%s%c%s%c", owner, '\0', name, '\0') < 0)
		return -1;
	b->slots[i].hash = h;
	b->slots[i].where = b->names_end + 1;
	b->names_end += strlen(owner) + strlen(name) + 2;
	b->nclaimed++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Jobs and the report                                                */
/* ------------------------------------------------------------------ */

static void S_job_free(struct job *j)
{
	size_t i;
	free(j->input);
	free(j->zpath);
	galley_buffer_dispose(&j->data);
	free(j->error);
	galley_buffer_dispose(&j->messages);
	for (i = 0; i < j->noutputs; i++) {
		free(j->outputs[i]);
		if (j->blobs)
			galley_buffer_dispose(&j->blobs[i]);
	}
	free(j->outputs);
	free(j->keep);
	free(j->blobs);
	free(j->title);
	free(j->date);
	free(j);
}

static void S_fail_job(struct job *j, const char *fmt, const char *a, const char *c);

static void S_report_line(struct batch *b, struct job *j)
{
	static const char *const status[] = {"ok", "failed", "skipped"};
	json_t *o = json_object(), *outs = json_array();
	char *line;
	size_t i;

	if (!o || !outs) {
		json_decref(o);
		json_decref(outs);
		b->report_error = 1;
		return;
	}
	json_object_set_new(o, "input", S_json_string(j->input));
	json_object_set_new(o, "status", json_string(status[j->status]));
	for (i = 0; i < j->nwritten; i++)
		json_array_append_new(outs, S_json_string(j->outputs[i]));
	json_object_set_new(o, "outputs", outs);
	json_object_set_new(o, "error", j->error ? S_json_string(j->error) : json_null());
	json_object_set_new(o, "ms", json_integer(j->ms));
	if (j->title)
		json_object_set_new(o, "title", S_json_string(j->title));
	if (j->date)
		json_object_set_new(o, "date", S_json_string(j->date));
	if (j->messages.len) {
		json_t *m = json_array();
		char *s = j->messages.data, *nl;
		/* each line cut at its newline, which is put back: -v prints them after */
		for (; m && *s; s = nl + 1) {
			nl = strchr(s, '\n');
			*nl = '\0';
			json_array_append_new(m, S_json_string(s));
			*nl = '\n';
		}
		json_object_set_new(o, "messages", m);
	}
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!line || fprintf(b->report, "%s\n", line) < 0 || fflush(b->report) != 0)
		b->report_error = 1;
	free(line);
}

/* done/seen (the total grows while the inputs are walked), failures so
 * far and the rate; at most a line every 100 ms. */
static void S_progress(struct batch *b)
{
	long now;
	double rate;
	if (!b->progress || ((now = S_now_ms()) - b->last_progress < 100 && b->ndone != b->nseen))
		return;
	b->last_progress = now;
	rate = now > b->started ? (double)b->ndone * 1000.0 / (double)(now - b->started) : 0;
	fprintf(stderr, "\r\033[Kgalley batch: %zu/%zu done, %zu failed, %zu skipped, %.0f/s", b->ndone, b->nseen,
		b->nfailed, b->nskipped, rate);
}

/* A .zip DEST: the job's outputs become entries, in input order, so the
 * archive does not depend on -j. Under b->lock. */
static void S_zip_add_locked(struct batch *b, struct job *j)
{
	size_t i, skip = strlen(b->dest) + 1;
	for (i = 0; i < j->nwritten; i++) {
		galley_buffer *d = &j->blobs[i];
		if (galley_zip_add(b->zip, j->outputs[i] + skip, d->data ? d->data : "", d->len, 0) < 0) {
			S_fail_job(j, "%s: %s", b->dest, galley_context_error(b->zctx));
			j->nwritten = i;
			break;
		}
		galley_buffer_dispose(d);
	}
}

/* Report every finished job at the head of the input order. Under b->lock. */
static void S_flush_locked(struct batch *b)
{
	struct job *j;
	if (b->report_head && b->report_head->done && b->report_head->seq < b->low)
		pthread_cond_broadcast(&b->has_room); /* the window moves */
	while ((j = b->report_head) && j->done && j->seq < b->low) {
		b->report_head = j->next;
		if (!b->report_head)
			b->report_tail = NULL;
		if (b->zip)
			S_zip_add_locked(b, j);
		b->ndone++;
		if (j->status == ST_OK)
			b->nok++;
		else if (j->status == ST_FAILED)
			b->nfailed++;
		else
			b->nskipped++;
		if (b->report)
			S_report_line(b, j);
		if (b->verbosity > 0) {
			char *s = j->messages.data, *nl;
			if (b->progress)
				fputs("\r\033[K", stderr);
			for (; s && *s; s = nl + 1) {
				nl = strchr(s, '\n');
				fprintf(stderr, "galley: %s: %.*s\n", j->input, (int)(nl - s), s);
			}
			if (j->error)
				fprintf(stderr, "galley: %s: %s%s\n", j->input,
					j->status == ST_SKIPPED ? "skipped: " : "", j->error);
		}
		S_job_free(j);
	}
	S_progress(b);
}

/* 1 when input belongs to this run's shard: FNV-1a of its name, so N
 * machines split one set of inputs without talking to each other. */
static int S_mine(const struct batch *b, const char *input)
{
	uint64_t h = 1469598103934665603ull;
	if (b->nshards <= 1)
		return 1;
	for (; *input; input++)
		h = (h ^ (unsigned char)*input) * 1099511628211ull;
	return h % b->nshards == b->shard;
}

/* Queue a job for the report (in input order) and, when it has a reader,
 * for the workers; blocks while the work queue is full. Another shard's
 * job is dropped here, after its output names were claimed, so that
 * collisions are the same in every shard as in one unsharded run. */
static void S_submit(struct batch *b, struct job *j)
{
	if (!S_mine(b, j->input)) {
		S_job_free(j);
		return;
	}
	pthread_mutex_lock(&b->lock);
	while (b->nseen - b->ndone >= b->window)
		pthread_cond_wait(&b->has_room, &b->lock);
	b->nseen++;
	if (b->pinned) {
		j->seq = b->pin_seq;
	} else {
		j->seq = b->next_seq++;
		b->low = b->next_seq;
	}
	if (!b->report_tail || b->report_tail->seq <= j->seq) {
		if (b->report_tail)
			b->report_tail->next = j;
		else
			b->report_head = j;
		b->report_tail = j;
	} else { /* before a member read ahead */
		struct job **at = &b->report_head;
		while ((*at)->seq <= j->seq)
			at = &(*at)->next;
		j->next = *at;
		*at = j;
	}
	if (j->reader) {
		j->ahead = b->pinned && b->pin_seq > b->low;
		b->nahead += (size_t)j->ahead;
		j->cost = j->zpath ? (size_t)j->zm.size : j->data.len;
		while (b->ntodo >= b->max_todo || (b->ntodo && b->todo_bytes + j->cost > b->budget))
			pthread_cond_wait(&b->has_room, &b->lock);
		b->todo_bytes += j->cost;
		if (b->todo_tail)
			b->todo_tail->next_todo = j;
		else
			b->todo_head = j;
		b->todo_tail = j;
		b->ntodo++;
		pthread_cond_signal(&b->has_work);
	} else {
		j->done = 1;
		S_flush_locked(b);
	}
	pthread_mutex_unlock(&b->lock);
}

static struct job *S_job_new(struct batch *b, const char *input)
{
	struct job *j = calloc(1, sizeof *j);
	if (!j || !(j->input = strdup(input))) {
		free(j);
		b->oom = 1;
		return NULL;
	}
	return j;
}

/* A report line only: a skipped or refused input. */
static void S_note(struct batch *b, const char *input, int status, const char *fmt, const char *arg)
{
	struct job *j = S_job_new(b, input);
	char msg[1024];
	if (!j)
		return;
	j->status = status;
	snprintf(msg, sizeof msg, fmt, arg ? arg : "");
	j->error = strdup(msg);
	S_submit(b, j);
}

/* ------------------------------------------------------------------ */
/* The workers                                                        */
/* ------------------------------------------------------------------ */

static void S_collect(int level, const char *input, const char *message, void *payload)
{
	struct job *j = payload;
	(void)level;
	(void)input;
	galley_buffer_puts(&j->messages, message);
	galley_buffer_putc(&j->messages, '\n');
}

/* Create the folders of path below DEST, refusing to go through a symlink
 * (an output never leaves DEST). 0, or -1 with the reason in err. */
static int S_make_parents(struct batch *b, const char *path, char *err, size_t errsize)
{
	char buf[PATH_MAX];
	size_t n = strlen(b->dest), len = strlen(path), i;
	struct stat st;

	if (len >= sizeof buf) {
		snprintf(err, errsize, "%s: the name is too long", path);
		return -1;
	}
	memcpy(buf, path, len + 1);
	for (i = n + 1; i < len; i++) {
		if (buf[i] != '/')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST) {
			snprintf(err, errsize, "%s: %s", buf, strerror(errno));
			return -1;
		}
		if (lstat(buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
			snprintf(err, errsize, "%s: not a folder%s", buf,
				lstat(buf, &st) == 0 && S_ISLNK(st.st_mode) ? " (a symlink, not followed)" : "");
			return -1;
		}
		buf[i] = '/';
	}
	return 0;
}

static void S_fail_job(struct job *j, const char *fmt, const char *a, const char *c)
{
	int n;
	j->status = ST_FAILED;
	if (j->error)
		return; /* the first failure is the one reported */
	n = snprintf(NULL, 0, fmt, a, c);
	if (n >= 0 && (j->error = malloc((size_t)n + 1)))
		snprintf(j->error, (size_t)n + 1, fmt, a, c);
}

static void S_convert(struct batch *b, galley_context *ctx, struct job *j, galley_buffer *out)
{
	galley_node *doc = NULL;
	const galley_meta *meta;
	char err[PATH_MAX + 256];
	long start = S_now_ms();
	size_t i;

	galley_error_clear(ctx);
	galley_context_set_input_name(ctx, j->input);
	galley_context_set_log(ctx, S_collect, j);
	if (galley_read(ctx, j->reader, j->data.data ? j->data.data : "", j->data.len, &doc) < 0) {
		S_fail_job(j, "%s%s", galley_context_error(ctx), "");
		goto out;
	}
	if (j->data.len == 0)
		galley_buffer_puts(&j->messages, "warning: empty input, the document is empty\n");
	{
		size_t bad;
		if (galley_cli_metadata_apply(doc, b->meta, b->nmeta, &bad) < 0) {
			S_fail_job(j, "cannot set metadata %s%s", b->meta[bad], "");
			goto out;
		}
	}
	/* The --filter chain: the hook where a job's tree is produced. */
	for (i = 0; i < b->nfilters; i++)
		if (galley_run_filter(ctx, b->filters[i], &doc) < 0) {
			S_fail_job(j, "%s%s", galley_context_error(ctx), "");
			goto out;
		}
	galley_buffer_dispose(&j->data);
	if ((meta = galley_document_meta(doc))) {
		j->title = S_strdup(galley_meta_get(meta, "title"));
		j->date = S_strdup(galley_meta_get(meta, "date"));
	}
	for (i = 0; i < b->nwriters; i++) {
		const galley_node *d = doc;
		if (j->keep && j->keep[i])
			continue; /* --skip-existing: there from an earlier run */
		galley_buffer_clear(out);
		galley_error_clear(ctx);
		if (galley_write(ctx, b->writers[i], &d, 1, out) < 0) {
			S_fail_job(j, "%s: %s", galley_writer_name(b->writers[i]), galley_context_error(ctx));
			continue;
		}
		if (b->zip) {
			if (!j->blobs && !(j->blobs = calloc(j->noutputs, sizeof *j->blobs))) {
				S_fail_job(j, "%s%s", "out of memory", "");
				break;
			}
			j->blobs[i] = *out;
			*out = (galley_buffer)GALLEY_BUFFER_INIT;
		} else if (S_make_parents(b, j->outputs[i], err, sizeof err) < 0) {
			S_fail_job(j, "%s%s", err, "");
			continue;
		} else if ((b->force ? galley_cli_write_file : galley_cli_write_new)(j->outputs[i],
				   out->data ? out->data : "", out->len, err, sizeof err) < 0) {
			/* EEXIST: made since the input was queued (another process) */
			if (errno == EEXIST)
				S_fail_job(j, "%s exists; not overwritten (--force replaces it)", j->outputs[i], "");
			else
				S_fail_job(j, "%s%s", err, "");
			continue;
		}
		/* Written in writer order; a failed one leaves no gap. */
		if (i != j->nwritten) {
			char *t = j->outputs[j->nwritten];
			j->outputs[j->nwritten] = j->outputs[i];
			j->outputs[i] = t;
			if (j->blobs) {
				galley_buffer tb = j->blobs[j->nwritten];
				j->blobs[j->nwritten] = j->blobs[i];
				j->blobs[i] = tb;
			}
		}
		j->nwritten++;
	}
	if (j->messages.oom) /* a message lost is a report that says less */
		S_fail_job(j, "%s%s", "out of memory", "");
	if (j->status != ST_FAILED)
		j->status = ST_OK;
out:
	galley_node_free(doc);
	galley_context_set_log(ctx, NULL, NULL);
	j->ms = S_now_ms() - start;
}

static int S_set_opts(const struct batch *b, galley_context *ctx);
static int S_unpack(const struct batch *b, zip_t *z, struct zcache *zc, struct libdeflate_decompressor *dec,
	struct job *j);

/* See S_worker: a document this large is followed by malloc_trim() (glibc)
 * or by a purge of the worker's arena (jemalloc). */
#define S_TRIM_AFTER ((size_t)256 << 10)
#define S_PURGE_AFTER ((size_t)768 << 10)

static void *S_worker(void *arg)
{
	struct batch *b = arg;
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	/* NULL: S_unpack reads the ordinary way */
	struct libdeflate_decompressor *dec = libdeflate_alloc_decompressor();
	struct zcache zc = {NULL, NULL};
	struct job *j;

	if (ctx && S_set_opts(b, ctx) < 0) {
		galley_context_free(ctx);
		ctx = NULL; /* every job it takes fails: out of memory */
	}
	if (ctx) {
		galley_context_set_registry(ctx, b->reg);
		galley_context_set_verbosity(ctx, b->verbosity < 0 ? 0 : b->verbosity);
	}
	for (;;) {
		struct job *prev, *q, *qprev;
		pthread_mutex_lock(&b->lock);
		/* The largest document queued that fits beside the others being
		 * converted (any, when nothing else is), the first of equals:
		 * large documents go first, while smaller ones are left to keep
		 * the other workers busy beside them, and the last of a run is
		 * not one large document after another. One that does not fit
		 * waits at most until the report window is full (the inputs after
		 * it are then not read); outputs and report do not depend on the
		 * order. */
		for (;;) {
			j = prev = NULL;
			for (qprev = NULL, q = b->todo_head; q; qprev = q, q = q->next_todo)
				if ((!b->running_bytes || b->running_bytes + q->cost <= b->budget) && (!j || q->cost > j->cost)) {
					j = q;
					prev = qprev;
				}
			if (j || (!b->todo_head && b->closed))
				break;
			pthread_cond_wait(&b->has_work, &b->lock);
		}
		if (!j) {
			pthread_mutex_unlock(&b->lock);
			break;
		}
		if (prev)
			prev->next_todo = j->next_todo;
		else
			b->todo_head = j->next_todo;
		if (b->todo_tail == j)
			b->todo_tail = prev;
		b->ntodo--;
		b->todo_bytes -= j->cost;
		b->running_bytes += j->cost;
		pthread_cond_broadcast(&b->has_room);
		pthread_mutex_unlock(&b->lock);

		if (!ctx)
			S_fail_job(j, "%s%s", "out of memory", "");
		else if (!j->zpath || S_unpack(b, NULL, &zc, dec, j) == 0)
			S_convert(b, ctx, j, &out);
#ifdef GALLEY_JEMALLOC
		/* After a document of 768 KiB or more, this worker's arena gives
		 * its free pages back now rather than over the next 50 ms
		 * (batch-main.c): the other workers' arenas are left alone. On
		 * 200 and 2,000 documents (the readability pages again and again,
		 * -j 2, all four formats, three runs each, load average 8 to 10)
		 * the peak RSS of 2,000 was at most 7.5% over the median of 200's,
		 * against 12% without, for 10% more system time. */
		if (j->cost >= S_PURGE_AFTER) {
			unsigned arena;
			size_t len = sizeof arena;
			char name[64];
			mallctl("thread.tcache.flush", NULL, NULL, NULL, 0);
			if (mallctl("thread.arena", &arena, &len, NULL, 0) == 0) {
				snprintf(name, sizeof name, "arena.%u.purge", arena);
				mallctl(name, NULL, NULL, NULL, 0);
			}
		}
#endif
#if defined __GLIBC__ && !defined GALLEY_JEMALLOC
		/* (glibc's allocator only: see galley_batch_main.)
		 * glibc keeps each thread's arena at its high-water mark, so over
		 * a long run every worker would hold the memory of the largest
		 * document it ever met: after a large one, give the free pages
		 * back (not after every one: that costs a fifth more CPU). Each
		 * trim throws away the free pages of every arena, which the next
		 * documents fault in again: trimming only after documents of
		 * 768 KiB saved a third of the minor faults and 0.05 s of system
		 * time with -j 2 on the readability corpus, but the peak RSS of
		 * 20,000 documents then grew to +18% of 200 (+11.5% with 256). */
		if (j->cost >= S_TRIM_AFTER)
			malloc_trim(0);
#endif

		pthread_mutex_lock(&b->lock);
		b->running_bytes -= j->cost;
		b->nahead -= (size_t)j->ahead;
		pthread_cond_broadcast(&b->has_work);
		j->done = 1;
		S_flush_locked(b);
		pthread_mutex_unlock(&b->lock);
	}
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
	if (dec)
		libdeflate_free_decompressor(dec);
	if (zc.z)
		zip_discard(zc.z);
	free(zc.path);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The inputs                                                         */
/* ------------------------------------------------------------------ */

/* What a crawl brings along that is never a document, though the text
 * reader's probe would take some of it (CSS, scripts): skipped unless a
 * reader claims the extension. */
static int S_not_document(const char *name)
{
	static const char *const exts[] = {"css", "js", "mjs", "cjs", "map", "png", "jpg", "jpeg", "gif", "svg",
		"webp", "ico", "bmp", "tif", "tiff", "avif", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "ogg",
		"webm", "wav", "avi", "mov", "swf", "wasm", NULL};
	const char *base = strrchr(name, '/'), *dot;
	size_t i;
	base = base ? base + 1 : name;
	if (!(dot = strrchr(base, '.')) || dot == base)
		return 0;
	for (i = 0; exts[i]; i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return 1;
	return 0;
}

/* A document's bytes (moved into the job; a zip member's compressed bytes
 * with pk): pick its reader, claim its output names DEST/REL.EXT (rel
 * without the extension), and queue it. */
static void S_document(struct batch *b, const char *input, const char *name, const char *rel, galley_buffer *data,
	const struct pack *pk)
{
	struct job *j = S_job_new(b, input);
	const galley_reader *r = b->forced;
	char *stem = NULL;
	size_t i;

	if (!j) {
		galley_buffer_dispose(data);
		return;
	}
	j->data = *data;
	*data = (galley_buffer)GALLEY_BUFFER_INIT;
	if (pk) {
		if (!(j->zpath = strdup(pk->path)))
			goto oom;
		j->zm = pk->m;
	}
	if (!r)
		r = galley_reader_for_path(b->ctx, name);
	if (!r && S_not_document(name)) {
		j->status = ST_SKIPPED;
		j->error = strdup("not a document (an image, style sheet, script, font or media file, by its extension)");
		galley_buffer_dispose(&j->data);
		S_submit(b, j);
		return;
	}
	if (!r && j->zpath && S_unpack(b, pk->z, NULL, pk->dec, j) < 0) { /* a probe needs the bytes */
		S_submit(b, j);
		return;
	}
	if (!r && !galley_cli_looks_binary(j->data.data, j->data.len))
		r = galley_reader_probe(b->ctx, j->data.data ? j->data.data : "", j->data.len);
	if (!r) {
		j->status = ST_SKIPPED;
		j->error = strdup(galley_cli_looks_binary(j->data.data, j->data.len) ? "not a document (binary data)"
									      : "not a document (no reader takes it)");
		galley_buffer_dispose(&j->data);
		S_submit(b, j);
		return;
	}
	if (!(stem = S_join(b->dest, rel)) || !(j->outputs = calloc(b->nwriters, sizeof *j->outputs)))
		goto oom;
	S_strip_ext(stem + strlen(b->dest));
	for (i = 0; i < b->nwriters; i++) {
		const char *ext = galley_writer_extension(b->writers[i]);
		size_t n = strlen(stem) + strlen(ext) + 2;
		if (!(j->outputs[i] = malloc(n)))
			goto oom;
		j->noutputs++;
		snprintf(j->outputs[i], n, "%s.%s", stem, ext);
	}
	/* All the names or none: an input that collides writes nothing. When no
	 * extension of -t ends in another (".xml" and ".tei.xml"), outputs can
	 * only collide when their stems do: one claim an input does. */
	{
		size_t nk = b->per_stem ? 1 : j->noutputs;
		uint64_t hashes[64];
		char *keys[64] = {NULL};
		int bad = 0;
		for (i = 0; i < nk && !bad; i++) {
			char buf[2 * PATH_MAX + 16], msg[3 * PATH_MAX + 512], *ours0 = NULL, *theirs0 = NULL;
			const char *owner, *other;
			int found;
			if (!(keys[i] = S_key(j->outputs[i], 1))) {
				bad = -1;
				break;
			}
			hashes[i] = S_hash(keys[i]);
			if ((found = S_find(b, keys[i], hashes[i], buf, sizeof buf, &owner, &other)) == 0)
				continue;
			if (found < 0) {
				snprintf(msg, sizeof msg, "%s: cannot check the name against the others (%s)", j->outputs[i],
					errno ? strerror(errno) : "out of memory");
			} else if (strcmp(other, j->outputs[i]) == 0) {
				snprintf(msg, sizeof msg, "%s is already the output of %s; not written", j->outputs[i], owner);
			} else if ((ours0 = S_key(j->outputs[i], 0)) && (theirs0 = S_key(other, 0)) && strcmp(ours0, theirs0) == 0) {
				snprintf(msg, sizeof msg,
					"%s is the same name as %s in another Unicode normalisation (NFC, NFD), the output of %s; not written",
					j->outputs[i], other, owner);
			} else {
				snprintf(msg, sizeof msg, "%s differs only in case from %s, the output of %s; not written",
					j->outputs[i], other, owner);
			}
			free(ours0);
			free(theirs0);
			j->status = ST_FAILED;
			j->error = strdup(msg);
			bad = 1;
		}
		for (i = 0; i < nk && !bad; i++)
			if (S_claim(b, hashes[i], j->outputs[i], input) < 0)
				bad = -1;
		for (i = 0; i < nk; i++)
			free(keys[i]);
		if (bad < 0)
			goto oom;
		if (bad) {
			galley_buffer_dispose(&j->data);
			free(stem);
			S_submit(b, j);
			return;
		}
	}
	free(stem);
	/* Outputs only ever appear whole (an unnamed or temporary file, linked
	 * or renamed once complete), so one that exists is complete: with
	 * --skip-existing it is kept and an interrupted run resumes where it
	 * stopped; without, the input fails before anything of it is written
	 * (nothing the user had is replaced); --force replaces it. */
	if (!b->force && !b->zip) {
		struct stat st;
		size_t nkeep = 0;
		for (i = 0; i < j->noutputs; i++) {
			if (lstat(j->outputs[i], &st) < 0)
				continue;
			if (!b->skip_existing || !S_ISREG(st.st_mode)) {
				char msg[PATH_MAX + 128];
				snprintf(msg, sizeof msg, "%s exists; not overwritten (--force replaces it, --skip-existing keeps it)",
					j->outputs[i]);
				j->status = ST_FAILED;
				j->error = strdup(msg);
				galley_buffer_dispose(&j->data);
				S_submit(b, j);
				return;
			}
			if (!j->keep && !(j->keep = calloc(j->noutputs, 1)))
				goto oom;
			j->keep[i] = 1;
			nkeep++;
		}
		if (nkeep == j->noutputs) {
			j->status = ST_SKIPPED;
			j->error = strdup("every output exists (--skip-existing)");
			galley_buffer_dispose(&j->data);
			S_submit(b, j);
			return;
		}
	}
	j->reader = r;
	/* With one worker this thread inflates the member, beside it; with
	 * more, the worker converting it does. */
	if (j->zpath && b->jobs == 1 && S_unpack(b, pk->z, NULL, pk->dec, j) < 0)
		j->reader = NULL; /* failed: a line of the report only */
	S_submit(b, j);
	return;
oom:
	free(stem);
	S_job_free(j);
	b->oom = 1;
}

/* A member of an archive: refused, a folder (nothing to do), or a document
 * whose name is made safe first. Takes data (and pk: see S_document). */
static void S_member(struct batch *b, const char *archive, const char *stem_rel, const char *name, int kind,
	galley_buffer *data, const struct pack *pk)
{
	char *input = S_join(archive, name), *safe = NULL, *rel = NULL;
	const char *why = NULL;

	if (!input) {
		b->oom = 1;
		goto out;
	}
	if (kind) {
		S_note(b, input, ST_FAILED, "refused: %s member (never extracted)", kind == 1   ? "a symlink"
										    : kind == 2 ? "a hard link"
												: "a device, FIFO or socket");
		goto out;
	}
	if (!(safe = S_safe_member(name, &why))) {
		S_note(b, input, ST_FAILED, "refused: %s (nothing written outside DEST)", why);
		goto out;
	}
	if (!*safe)
		goto out;
	if (!(rel = S_join(stem_rel, safe))) {
		b->oom = 1;
		goto out;
	}
	S_document(b, input, safe, rel, data, pk);
out:
	galley_buffer_dispose(data);
	free(input);
	free(safe);
	free(rel);
}

/* Archive limits. The ratio is judged only past the first MiB, where a
 * small member of repeated markup may well expand a hundred times. */
enum { LIM_OK, LIM_MEMBER, LIM_ARCHIVE, LIM_RATIO, LIM_MEMBERS };
#define S_RATIO_GRACE ((uint64_t)1 << 20)

/* "64 MiB" for a round size, else bytes. */
static const char *S_size(uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;
	while (u < 4 && n >= 1024 && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	snprintf(buf, size, "%llu %s", (unsigned long long)n, units[u]);
	return buf;
}

/* member bytes of this member so far, total of the archive, and the
 * archive's (a zip member's) bytes out of in compressed bytes. */
static int S_over(const struct batch *b, uint64_t member, uint64_t total, uint64_t out, uint64_t in)
{
	if (member > b->max_member)
		return LIM_MEMBER;
	if (total > b->max_archive)
		return LIM_ARCHIVE;
	if (b->max_ratio != UINT64_MAX && out > S_RATIO_GRACE && (double)out > (double)b->max_ratio * (double)in)
		return LIM_RATIO;
	return LIM_OK;
}

/* Why a member was refused by a limit; named: the line is the member's
 * (else the archive's, when its member has a line already); declared is
 * the size the archive gives (0: not used). */
static void S_over_msg(const struct batch *b, int why, uint64_t declared, int whole_stream, int named, char *msg,
	size_t size)
{
	char sz[48], dz[48];
	switch (why) {
	case LIM_MEMBER:
		if (declared)
			snprintf(msg, size, "refused: %s uncompressed (as the archive says), more than the limit of %s per member (--max-member-size raises it)",
				S_size(declared, dz, sizeof dz), S_size(b->max_member, sz, sizeof sz));
		else
			snprintf(msg, size, "refused: more than %s uncompressed, the limit per member (--max-member-size raises it)",
				S_size(b->max_member, sz, sizeof sz));
		break;
	case LIM_ARCHIVE:
		snprintf(msg, size, "refused: the archive comes to more than %s uncompressed here, the limit per archive (--max-archive-size raises it); the members after this one are not read",
			S_size(b->max_archive, sz, sizeof sz));
		break;
	case LIM_RATIO:
		snprintf(msg, size, "refused: %s expands more than %llu times (a decompression bomb?), the limit of --max-ratio%s",
			whole_stream ? "the archive" : "it", (unsigned long long)b->max_ratio,
			!whole_stream ? "" : named ? "; the members after this one are not read" : "; the rest is not read");
		break;
	default:
		snprintf(msg, size, "refused: the archive has more than %llu members, the limit of --max-members; the members after this one are not read",
			(unsigned long long)b->max_members);
	}
}

/* The report line of a member refused by a limit (name NULL: of the
 * archive, when its member has a line already): see S_over_msg. */
static void S_over_note(struct batch *b, const char *archive, const char *name, int why, uint64_t declared,
	int whole_stream)
{
	char msg[512];
	char *input = name ? S_join(archive, name) : strdup(archive);
	S_over_msg(b, why, declared, whole_stream, name != NULL, msg, sizeof msg);
	if (input)
		S_note(b, input, ST_FAILED, "%s", msg);
	else
		b->oom = 1;
	free(input);
}

/* A deflated member the ordinary way (libzip's zlib, 64 KiB at a time)
 * cost the reading thread a tenth of the whole batch's CPU, and it is the
 * one serial part of a run: with -j 2 on two cores the workers wait for
 * it. A member whose declared sizes and CRC are within the limits
 * (S_zip_fast) is read compressed, whole (S_zip_deflated), and inflated
 * at once by libdeflate (about twice as fast) into a buffer of exactly
 * its size; the declaration is checked (the size that comes out, the
 * CRC). Where every archive limit holds whatever the members expand to
 * (S_zip), the compressed bytes go into the member's job and the worker
 * converting it inflates them (S_unpack): the reading thread then only
 * copies compressed bytes, a fifth of the size, and the inflated input is
 * made, used and freed in the one worker's memory. */
static int S_zip_fast(const struct batch *b, const zip_stat_t *st, uint64_t total)
{
	const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
				  ZIP_STAT_ENCRYPTION_METHOD;
	return (st->valid & need) == need && st->comp_method == ZIP_CM_DEFLATE && st->encryption_method == ZIP_EM_NONE &&
	       st->size != 0 && st->comp_size != 0 && st->comp_size < SIZE_MAX / 2 && st->size < SIZE_MAX / 2 &&
	       S_over(b, st->size, total + st->size, st->size, st->comp_size) == LIM_OK;
}

/* Member i's compressed bytes (as many as st declares) into raw. 0, or -1. */
static int S_zip_deflated(zip_t *z, zip_uint64_t i, const zip_stat_t *st, galley_buffer *raw)
{
	zip_file_t *f;
	zip_int64_t got;

	raw->len = 0;
	if (galley_buffer_reserve(raw, (size_t)st->comp_size) < 0 || !(f = zip_fopen_index(z, i, ZIP_FL_COMPRESSED))) {
		raw->oom = 0;
		return -1;
	}
	/* one byte more than declared: a longer stream is no match */
	got = zip_fread(f, raw->data, st->comp_size + 1);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st->comp_size)
		return -1;
	raw->len = (size_t)got;
	return 0;
}

/* raw inflated by libdeflate into data, which must come to size bytes
 * with that CRC. 0, or -1 with data empty. */
static int S_inflate(struct libdeflate_decompressor *dec, const galley_buffer *raw, uint64_t size, uint32_t crc,
	galley_buffer *data)
{
	size_t out = 0;
	if (dec && galley_buffer_reserve(data, (size_t)size) == 0 &&
		libdeflate_deflate_decompress(dec, raw->data, raw->len, data->data, (size_t)size, &out) ==
			LIBDEFLATE_SUCCESS &&
		out == size && libdeflate_crc32(0, data->data, out) == crc) {
		data->len = out;
		data->data[out] = '\0';
		return 0;
	}
	galley_buffer_dispose(data);
	return -1;
}


/* Member i the ordinary way, 64 KiB at a time: the sizes a zip declares
 * may lie, so what comes out is counted against the limits (total: the
 * archive's so far, which grows; comp: the member's compressed size, 0
 * unknown). 0: data holds it. -1: *why is the limit reached, or (LIM_OK)
 * err says what went wrong. */
static int S_zip_read(const struct batch *b, zip_t *z, zip_uint64_t i, uint64_t comp, uint64_t *total,
	galley_buffer *data, int *why, char *err, size_t errsize)
{
	zip_file_t *f;
	zip_int64_t got;
	char chunk[65536];

	*why = LIM_OK;
	if (!(f = zip_fopen_index(z, i, 0))) {
		snprintf(err, errsize, "cannot read the member: %s", zip_strerror(z));
		return -1;
	}
	while ((got = zip_fread(f, chunk, sizeof chunk)) > 0) {
		*total += (uint64_t)got;
		if ((*why = S_over(b, data->len + (uint64_t)got, *total, data->len + (uint64_t)got, comp)) != LIM_OK ||
			galley_buffer_append(data, chunk, (size_t)got) < 0)
			break;
	}
	if (*why == LIM_OK && (got < 0 || data->oom))
		snprintf(err, errsize, "cannot read the member: %s", data->oom ? "out of memory" : zip_file_strerror(f));
	zip_fclose(f);
	if (*why != LIM_OK || got < 0 || data->oom) {
		galley_buffer_dispose(data);
		return -1;
	}
	return 0;
}

/* The input of a job made deflated (S_zip; j->data holds the compressed
 * bytes): inflated by libdeflate, or, when that fails, read again the
 * ordinary way from z (the reading thread's handle on the archive) or, for
 * a worker (z NULL), from the handle in zc, opened here when it is not on
 * this archive, which words what is wrong. Every archive limit was judged
 * before from what the archive declares, whatever its members expand to
 * (S_zip), so the same bytes and errors come out in whichever thread this
 * runs. 0, or -1 with the job failed. */
static int S_unpack(const struct batch *b, zip_t *z, struct zcache *zc, struct libdeflate_decompressor *dec,
	struct job *j)
{
	galley_buffer data = GALLEY_BUFFER_INIT;
	zip_stat_t st;
	uint64_t total = 0;
	char err[512];
	int why, zerr = 0, rc = -1;

	if (S_inflate(dec, &j->data, j->zm.size, j->zm.crc, &data) == 0) {
		rc = 0;
		goto out;
	}
	if (!z && zc->z && strcmp(zc->path, j->zpath) == 0)
		z = zc->z;
	if (!z) {
		if (zc->z)
			zip_discard(zc->z);
		free(zc->path);
		zc->z = NULL;
		if (!(zc->path = strdup(j->zpath))) {
			snprintf(err, sizeof err, "out of memory");
			goto out;
		}
		if (!(z = zc->z = zip_open(j->zpath, ZIP_RDONLY, &zerr))) {
			zip_error_t e;
			zip_error_init_with_code(&e, zerr);
			snprintf(err, sizeof err, "cannot read the zip archive again: %s", zip_error_strerror(&e));
			zip_error_fini(&e);
			goto out;
		}
	}
	zip_stat_init(&st);
	if (zip_stat_index(z, j->zm.index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size != j->zm.size ||
		!(st.valid & ZIP_STAT_COMP_SIZE) || st.comp_size != j->zm.comp) {
		snprintf(err, sizeof err, "cannot read the member: the archive changed while it was read");
		goto out;
	}
	if (S_zip_read(b, z, j->zm.index, j->zm.comp, &total, &data, &why, err, sizeof err) == 0)
		rc = 0;
	else if (why != LIM_OK)
		S_over_msg(b, why, 0, 0, 1, err, sizeof err);
out:
	galley_buffer_dispose(&j->data);
	free(j->zpath);
	j->zpath = NULL;
	if (rc < 0) {
		S_fail_job(j, "%s%s", err, "");
		return -1;
	}
	j->data = data;
	return 0;
}

/* Reading large members ahead. The readability corpus ends with its
 * five largest pages, no two of which fit the memory held for documents
 * being converted: read in order, one worker converted them one after
 * another at the end while the other waited. A zip's central directory
 * declares every member's size before any is read, so while no member
 * read ahead is being converted, the largest member of at least half a
 * worker's budget among the next half window is read and queued ahead
 * of its place (S_zip_ahead); its report line waits for those before it
 * (S_submit). Nothing written depends on the order:
 * a member is read ahead only when none before it could claim the same
 * output name (S_zip_key), when no archive limit can be reached however
 * the members expand (S_zip), and when it can be handed on compressed
 * (else it is read in order, as any other): the worker converting it
 * inflates it (S_unpack), and a member that does not inflate to its
 * declared size and CRC fails or is read the ordinary way there, in its
 * own report line, as it would in order. */

/* What an output name of a member begins with, lowercased: its path up to
 * the first dot of its last component. Two members whose outputs could
 * have the same name (once normalised and case-folded) have the same key.
 * NULL for a name that is not plain ASCII or not already in the form
 * S_safe_member gives it: it could match anything. */
static char *S_zip_key(const char *name)
{
	size_t n = strlen(name), i, end = n, last = 0;
	char *k;
	if (!n || name[0] == '.' || name[0] == '/' || strstr(name, "//") || strstr(name, "/."))
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80 || c < 0x20 || c == 0x7F || c == '\\')
			return NULL;
		if (c == '/')
			last = i + 1;
	}
	for (i = last; i < n; i++)
		if (name[i] == '.') {
			end = i;
			break;
		}
	if (!(k = malloc(end + 1)))
		return NULL;
	for (i = 0; i < end; i++)
		k[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] - 'A' + 'a' : name[i]);
	k[end] = '\0';
	return k;
}

/* A zip member that can be read ahead: a regular file, deflated, within
 * the member limit, at least big. */
static int S_zip_big(const struct batch *b, zip_t *z, zip_uint64_t i, size_t big, zip_stat_t *st)
{
	const char *name = zip_get_name(z, i, ZIP_FL_ENC_RAW);
	zip_uint8_t opsys;
	zip_uint32_t attr;
	if (!name || !*name || name[strlen(name) - 1] == '/')
		return 0;
	if (zip_file_get_external_attributes(z, i, 0, &opsys, &attr) == 0 && opsys == ZIP_OPSYS_UNIX &&
		(attr >> 16) != 0 && ((attr >> 16) & S_IFMT) && !S_ISREG((mode_t)(attr >> 16)))
		return 0;
	zip_stat_init(st);
	return zip_stat_index(z, i, 0, st) == 0 && (st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
	       st->size >= big && st->size <= b->max_member && st->comp_method == ZIP_CM_DEFLATE;
}

/* Read ahead of member i (the next in order) the largest big member in
 * the next window / 2 (big[m]: its declared size, 0 when it is not
 * big), if none read ahead is being converted. Every member read ahead
 * and not yet reported is among them, so the window always has room for
 * the members in order. ahead[m]: 1 read ahead, 2 not to be tried. */
static void S_zip_ahead(struct batch *b, zip_t *z, zip_int64_t i, zip_int64_t n, uint64_t base, unsigned char *ahead,
	const uint64_t *big, const char *path, const char *stem_rel, struct libdeflate_decompressor *dec)
{
	zip_int64_t m, best = -1, end = i + (zip_int64_t)(b->window / 2);
	zip_stat_t st;
	galley_buffer data = GALLEY_BUFFER_INIT;
	char *key, *other;
	size_t busy;
	int clash = 0;

	pthread_mutex_lock(&b->lock);
	busy = b->nahead;
	pthread_mutex_unlock(&b->lock);
	if (busy)
		return;
	for (m = i + 1; m < n && m < end; m++)
		if (!ahead[m] && big[m] && (best < 0 || big[m] > big[best]))
			best = m;
	if (best < 0)
		return;
	ahead[best] = 2;
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)best, 0, &st) != 0 ||
		!(key = S_zip_key(zip_get_name(z, (zip_uint64_t)best, ZIP_FL_ENC_RAW))))
		return;
	for (m = i; m < best && !clash; m++) {
		const char *name = zip_get_name(z, (zip_uint64_t)m, ZIP_FL_ENC_RAW);
		if (!name)
			continue;
		other = S_zip_key(name);
		clash = !other || strcmp(other, key) == 0;
		free(other);
	}
	free(key);
	if (clash || !S_zip_fast(b, &st, 0) || S_zip_deflated(z, (zip_uint64_t)best, &st, &data) < 0) {
		galley_buffer_dispose(&data);
		return;
	}
	ahead[best] = 1;
	b->pinned = 1;
	b->pin_seq = base + (uint64_t)best;
	{
		const struct pack pk = {path, z, dec, {(zip_uint64_t)best, st.size, st.comp_size, st.crc}};
		S_member(b, path, stem_rel, zip_get_name(z, (zip_uint64_t)best, ZIP_FL_ENC_RAW), 0, &data, &pk);
	}
}

/* Every member before base + i has been submitted: report them. */
static void S_zip_low(struct batch *b, uint64_t low)
{
	pthread_mutex_lock(&b->lock);
	b->low = low;
	S_flush_locked(b);
	pthread_mutex_unlock(&b->lock);
}

static void S_zip(struct batch *b, const char *path, const char *stem_rel)
{
	uint64_t total = 0;
	int zerr = 0, bounded = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	zip_int64_t n, i;
	struct libdeflate_decompressor *dec = NULL;
	galley_buffer raw = GALLEY_BUFFER_INIT;
	unsigned char *ahead = NULL;
	uint64_t base = 0, *big = NULL;

	if (!z) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		S_note(b, path, ST_FAILED, "cannot read the zip archive: %s", zip_error_strerror(&e));
		zip_error_fini(&e);
		return;
	}
	n = zip_get_num_entries(z, 0);
	if (n > 0 && (uint64_t)n > b->max_members) {
		char msg[256];
		snprintf(msg, sizeof msg, "refused: %lld members, more than the limit of %llu (--max-members raises it); nothing of it read",
			(long long)n, (unsigned long long)b->max_members);
		S_note(b, path, ST_FAILED, "%s", msg);
		zip_discard(z);
		return;
	}
	dec = libdeflate_alloc_decompressor(); /* NULL: every member the ordinary way */
	/* bounded: no archive limit can be reached whatever order the members
	 * come in and however they expand (each to its declared size, or the
	 * ratio's and the grace's worth): what they can come to is within
	 * the archive limit. Members are then handed on compressed (S_unpack)
	 * and, with more than one worker, read ahead (S_zip_ahead). */
	if (dec && b->max_ratio && b->max_ratio != UINT64_MAX && b->max_archive != UINT64_MAX) {
		uint64_t bound = 0;
		if (n > 1 && b->jobs > 1)
			big = calloc((size_t)n, sizeof *big);
		for (bounded = 1, i = 0; i < n && bounded; i++) {
			zip_stat_t st;
			uint64_t most;
			zip_stat_init(&st);
			if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_COMP_SIZE) ||
				st.comp_size > UINT64_MAX / 2 / b->max_ratio) {
				bounded = 0;
				break;
			}
			most = st.comp_size * b->max_ratio + S_RATIO_GRACE + 65536;
			if ((st.valid & ZIP_STAT_SIZE) && st.size > most)
				most = st.size;
			bounded = most <= b->max_archive - bound;
			bound += most;
			if (big && S_zip_big(b, z, (zip_uint64_t)i, b->budget / (size_t)b->jobs / 2, &st))
				big[i] = st.size;
		}
		if (bounded && big && (ahead = calloc((size_t)n, 1))) {
			base = b->next_seq;
			b->next_seq += (uint64_t)n;
			S_zip_low(b, base);
		}
	}
	for (i = 0; i < n && !b->oom; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		galley_buffer data = GALLEY_BUFFER_INIT;
		zip_uint8_t opsys;
		zip_uint32_t attr;
		int kind = 0, why = LIM_OK;
		char *input, err[512];
		zip_stat_t st;
		uint64_t comp = 0;

		if (ahead) {
			S_zip_low(b, base + (uint64_t)i);
			if (ahead[i] == 1) { /* read already, counted here */
				zip_stat_init(&st);
				if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0)
					total += st.size;
				continue;
			}
			S_zip_ahead(b, z, i, n, base, ahead, big, path, stem_rel, dec);
			b->pinned = 1;
			b->pin_seq = base + (uint64_t)i;
		}
		if (!name)
			continue;
		if (zip_file_get_external_attributes(z, (zip_uint64_t)i, 0, &opsys, &attr) == 0 &&
			opsys == ZIP_OPSYS_UNIX && (attr >> 16) != 0) {
			mode_t mode = (mode_t)(attr >> 16);
			if (S_ISDIR(mode))
				continue;
			/* Permission bits alone (no file type) are a regular file. */
			kind = S_ISLNK(mode) ? 1 : S_ISREG(mode) || !(mode & S_IFMT) ? 0 : 3;
		}
		if (*name && name[strlen(name) - 1] == '/')
			continue; /* a folder */
		if (kind) {
			S_member(b, path, stem_rel, name, kind, &data, NULL);
			continue;
		}
		zip_stat_init(&st);
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0) {
			if ((st.valid & ZIP_STAT_SIZE) && st.size > b->max_member) {
				S_over_note(b, path, name, LIM_MEMBER, st.size, 0);
				continue;
			}
			if (st.valid & ZIP_STAT_COMP_SIZE)
				comp = st.comp_size;
		}
		/* Read compressed once: handed on so (bounded), or inflated here;
		 * failing either, the ordinary way, which words the error. */
		if (dec && S_zip_fast(b, &st, total)) {
			int got = S_zip_deflated(z, (zip_uint64_t)i, &st, bounded ? &data : &raw) == 0;
			if (got && bounded) {
				const struct pack pk = {path, z, dec, {(zip_uint64_t)i, st.size, st.comp_size, st.crc}};
				total += st.size;
				S_member(b, path, stem_rel, name, 0, &data, &pk);
				continue;
			}
			if (got && S_inflate(dec, &raw, st.size, st.crc, &data) == 0) {
				total += data.len;
				S_member(b, path, stem_rel, name, 0, &data, NULL);
				continue;
			}
			galley_buffer_dispose(&data);
		}
		if (S_zip_read(b, z, (zip_uint64_t)i, comp, &total, &data, &why, err, sizeof err) < 0) {
			if (why != LIM_OK) {
				S_over_note(b, path, name, why, 0, 0);
				if (why == LIM_ARCHIVE)
					break;
				continue;
			}
			if ((input = S_join(path, name)))
				S_note(b, input, ST_FAILED, "%s", err);
			free(input);
			continue;
		}
		S_member(b, path, stem_rel, name, 0, &data, NULL);
	}
	if (ahead) {
		b->pinned = 0;
		S_zip_low(b, b->next_seq);
		free(ahead);
	}
	free(big);
	galley_buffer_dispose(&raw);
	if (dec)
		libdeflate_free_decompressor(dec);
	zip_discard(z);
}

/* .tar, compressed or not: libarchive streams it, one member at a time. */
static void S_tar(struct batch *b, const char *path, const char *stem_rel)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	uint64_t nmembers = 0;
	int r;

	if (!a) {
		b->oom = 1;
		return;
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		S_note(b, path, ST_FAILED, "cannot read the archive: %s", archive_error_string(a));
		archive_read_free(a);
		return;
	}
	while (!b->oom && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		galley_buffer data = GALLEY_BUFFER_INIT;
		const char *name;
		char chunk[65536];
		la_ssize_t got = 0;
		int kind, why = LIM_OK;
		mode_t type;

		if (r < ARCHIVE_WARN) {
			S_note(b, path, ST_FAILED, "a damaged archive (members after this point are lost): %s",
				archive_error_string(a));
			break;
		}
		name = archive_entry_pathname(e);
		type = archive_entry_filetype(e);
		if (!name)
			name = "";
		if (++nmembers > b->max_members) {
			S_over_note(b, path, name, LIM_MEMBERS, 0, 1);
			break;
		}
		if (type == AE_IFDIR)
			continue;
		kind = archive_entry_hardlink(e) ? 2 : type == AE_IFLNK ? 1 : type == AE_IFREG ? 0 : 3;
		if (!kind) {
			/* A member too large is refused, but in a compressed
			 * archive still read through (rather than skipped by
			 * libarchive, which decompresses just the same) so that
			 * the archive's expansion (what the format reads against
			 * what came from the file) and total are watched. */
			int over = archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > b->max_member;
			int plain = archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE;
			if (over)
				S_over_note(b, path, name, LIM_MEMBER, (uint64_t)archive_entry_size(e), 0);
			while (!(over && plain) && (got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
				uint64_t out = (uint64_t)archive_filter_bytes(a, 0), in = (uint64_t)archive_filter_bytes(a, -1);
				why = S_over(b, over ? 0 : data.len + (uint64_t)got, out, out, in);
				if (why == LIM_MEMBER) {
					S_over_note(b, path, name, why, 0, 0);
					galley_buffer_dispose(&data);
					over = 1;
					why = LIM_OK;
					continue;
				}
				if (why != LIM_OK || (!over && galley_buffer_append(&data, chunk, (size_t)got) < 0))
					break;
			}
			if (why != LIM_OK) {
				S_over_note(b, path, over ? NULL : name, why, 0, 1);
				galley_buffer_dispose(&data);
				break;
			}
			if (over) {
				galley_buffer_dispose(&data);
				if (got < 0 && got < ARCHIVE_WARN) {
					S_note(b, path, ST_FAILED, "a damaged archive (members after this point are lost): %s",
						archive_error_string(a));
					break;
				}
				continue;
			}
			if (got < 0 || data.oom) {
				char *input = S_join(path, name);
				if (input)
					S_note(b, input, ST_FAILED, "cannot read the member: %s",
						data.oom ? "out of memory" : archive_error_string(a));
				free(input);
				galley_buffer_dispose(&data);
				if (got < 0 && got < ARCHIVE_WARN)
					break;
				continue;
			}
		}
		S_member(b, path, stem_rel, name, kind, &data, NULL);
	}
	archive_read_free(a);
}

/* A file: an archive, or a document named rel (with its extension). */
static void S_file(struct batch *b, const char *path, const char *rel)
{
	size_t sfx = S_archive_suffix(rel);
	galley_buffer data = GALLEY_BUFFER_INIT;
	char err[512];

	if (sfx) {
		char *stem = strdup(rel);
		if (!stem) {
			b->oom = 1;
			return;
		}
		stem[strlen(stem) - sfx] = '\0';
		if (strcasecmp(rel + strlen(rel) - sfx, ".zip") == 0)
			S_zip(b, path, stem);
		else
			S_tar(b, path, stem);
		free(stem);
		return;
	}
	if (galley_cli_read_file(path, &data, err, sizeof err) < 0) {
		S_note(b, path, ST_FAILED, "%s", err);
		galley_buffer_dispose(&data);
		return;
	}
	S_document(b, path, rel, rel, &data, NULL);
}

static int S_cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Walk a folder in name order. root is the real path of the folder given,
 * rel the path below it ("" at the top). A symlink is followed only to a
 * file inside root; DEST, when it lies inside, is not walked. */
static void S_walk(struct batch *b, const char *root, const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!d) {
		S_note(b, dir, ST_FAILED, "%s", strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
			if (!nn) {
				b->oom = 1;
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(de->d_name))) {
			b->oom = 1;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, S_cmp_str);
	for (i = 0; i < n; i++) {
		char *path = S_join(dir, names[i]), *sub = S_join(rel, names[i]);
		struct stat st;
		if (!path || !sub) {
			b->oom = 1;
		} else if (lstat(path, &st) < 0) {
			S_note(b, path, ST_FAILED, "%s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			char real[PATH_MAX];
			size_t rl = strlen(root);
			if (!realpath(path, real) || strncmp(real, root, rl) != 0 || (real[rl] != '/' && strcmp(root, "/")))
				S_note(b, path, ST_SKIPPED, "a symlink that leads out of the folder (or nowhere), not followed%s", "");
			else if (stat(real, &st) == 0 && S_ISREG(st.st_mode))
				S_file(b, path, sub);
			else
				S_note(b, path, ST_SKIPPED, "a symlink to a folder or special file, not followed%s", "");
		} else if (S_ISDIR(st.st_mode)) {
			if (st.st_dev != b->dest_st.st_dev || st.st_ino != b->dest_st.st_ino)
				S_walk(b, root, path, sub);
		} else if (S_ISREG(st.st_mode)) {
			S_file(b, path, sub);
		} else {
			S_note(b, path, ST_SKIPPED, "not a regular file%s", "");
		}
		free(path);
		free(sub);
		free(names[i]);
	}
	free(names);
}

/* One INPUT of the command line or of --files-from. */
static void S_input(struct batch *b, const char *path)
{
	struct stat st;
	const char *base;

	if (stat(path, &st) < 0) {
		S_note(b, path, ST_FAILED, "%s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		char real[PATH_MAX];
		if (!realpath(path, real))
			S_note(b, path, ST_FAILED, "%s", strerror(errno));
		else
			S_walk(b, real, path, "");
	} else if (S_ISREG(st.st_mode)) {
		base = strrchr(path, '/');
		S_file(b, path, base ? base + 1 : path);
	} else {
		S_note(b, path, ST_SKIPPED, "not a regular file%s", "");
	}
}

static int S_files_from(struct batch *b)
{
	FILE *f = strcmp(b->files_from, "-") == 0 ? stdin : fopen(b->files_from, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "galley batch: --files-from %s: %s\n", b->files_from, strerror(errno));
		return EXIT_IO;
	}
	while (!b->oom && (n = getdelim(&line, &cap, b->nul ? '\0' : '\n', f)) > 0) {
		if (line[n - 1] == (b->nul ? '\0' : '\n'))
			line[--n] = '\0';
		if (n > 0)
			S_input(b, line);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The command                                                        */
/* ------------------------------------------------------------------ */

static int S_parse_formats(struct batch *b, char *list)
{
	char *tok, *save = NULL;
	const char **names = NULL;
	size_t i;
	int rc = -1;
	for (tok = strtok_r(list, ",", &save); tok && rc < 0; tok = strtok_r(NULL, ",", &save)) {
		const galley_writer *w;
		const galley_writer **nw;
		const char **nn;
		if (!*tok)
			continue;
		if (!(w = galley_find_writer(b->ctx, tok))) {
			rc = S_usage_error("unknown output format '%s' (see galley --list-output-formats)", tok);
			break;
		}
		/* An alias may change the output (gfm is the markdown writer's
		 * GitHub flavour), so two names of one extension are refused
		 * rather than guessed equal. */
		for (i = 0; i < b->nwriters; i++)
			if (strcasecmp(galley_writer_extension(b->writers[i]), galley_writer_extension(w)) == 0)
				break;
		if (i < b->nwriters) {
			fprintf(stderr,
				"galley batch: -t %s: %s and %s both name their outputs .%s; give one of them\n"
				"Try 'galley batch --help' for more information.\n",
				b->to, names[i], tok, galley_writer_extension(w));
			rc = EXIT_USAGE;
			break;
		}
		nw = realloc(b->writers, (b->nwriters + 1) * sizeof *nw);
		if (nw)
			b->writers = nw;
		nn = realloc(names, (b->nwriters + 1) * sizeof *nn);
		if (nn)
			names = nn;
		if (!nw || !nn) {
			fputs("galley batch: out of memory\n", stderr);
			rc = EXIT_IO;
			break;
		}
		names[b->nwriters] = tok;
		b->writers[b->nwriters++] = w;
	}
	free(names);
	if (rc < 0 && !b->nwriters)
		return S_usage_error("%s", "-t names no format");
	return rc;
}


/* The declaration of key in a table, or NULL. */
static const galley_option_desc *S_declared(const galley_option_desc *t, const char *key)
{
	for (; t && t->key; t++)
		if (strcmp(t->key, key) == 0)
			return t;
	return NULL;
}

/* Set the options on ctx; 0, or -1 on OOM. */
static int S_set_opts(const struct batch *b, galley_context *ctx)
{
	size_t i;
	for (i = 0; i < b->nopts; i++) {
		char key[256];
		memcpy(key, b->opts[i].key, b->opts[i].klen);
		key[b->opts[i].klen] = '\0';
		if (galley_context_set_option(ctx, key, b->opts[i].value) < 0)
			return -1;
	}
	return 0;
}

/* A batch's documents meet every writer of -t and whichever reader their
 * names pick, so an option is for the batch when the forced reader (or
 * any reader), any writer of -t or galley itself declares it; a value is
 * checked against each declaration of its key. A reader or writer that
 * declares nothing may take any key. -1 to go on, or an exit status. */
static int S_check_opts(struct batch *b)
{
	size_t i, k;
	int open = 0; /* some reader or writer declares nothing */

	for (k = 0; k < b->nwriters; k++)
		open = open || !galley_writer_options(b->writers[k]);
	for (k = 0; k < b->nfilters; k++) {
		if (galley_filter_check(b->ctx, b->filters[k]) < 0)
			return S_usage_error("%s", galley_context_error(b->ctx));
		if (!strchr(b->filters[k], '/'))
			open = open || !galley_filter_options(galley_find_filter(b->ctx, b->filters[k]));
	}
	if (b->forced)
		open = open || !galley_reader_options(b->forced);
	for (k = 0; !b->forced && galley_format_name_at(b->ctx, 0, k); k++) {
		const galley_reader *r = galley_find_reader(b->ctx, galley_format_name_at(b->ctx, 0, k));
		open = open || (r && !galley_reader_options(r));
	}
	for (i = 0; i < b->nopts; i++) {
		const galley_option_desc *d;
		char key[256];
		int found = 0;
		memcpy(key, b->opts[i].key, b->opts[i].klen);
		key[b->opts[i].klen] = '\0';
#define S_CHECK(table)                                                                                   \
	if ((d = S_declared((table), key))) {                                                              \
		found = 1;                                                                                 \
		if (galley_option_check(b->ctx, d, b->opts[i].value) < 0) {                                \
			fprintf(stderr, "galley batch: %s\n", galley_context_error(b->ctx));                  \
			return EXIT_USAGE;                                                                 \
		}                                                                                          \
	}
		S_CHECK(galley_core_options());
		for (k = 0; k < b->nfilters; k++)
			if (!strchr(b->filters[k], '/'))
				S_CHECK(galley_filter_options(galley_find_filter(b->ctx, b->filters[k])));
		for (k = 0; k < b->nwriters; k++)
			S_CHECK(galley_writer_options(b->writers[k]));
		if (b->forced)
			S_CHECK(galley_reader_options(b->forced));
		for (k = 0; !b->forced && galley_format_name_at(b->ctx, 0, k); k++) {
			const galley_reader *r = galley_find_reader(b->ctx, galley_format_name_at(b->ctx, 0, k));
			if (r)
				S_CHECK(galley_reader_options(r));
		}
#undef S_CHECK
		if (!found && !open) {
			fprintf(stderr, "galley batch: unknown option '%s': no reader, no writer of -t %s and nothing of galley's own takes it (see galley --list-options FORMAT)\nTry 'galley batch --help' for more information.\n",
				key, b->to);
			return EXIT_USAGE;
		}
	}
	if (S_set_opts(b, b->ctx) < 0) {
		fputs("galley batch: out of memory\n", stderr);
		return EXIT_IO;
	}
	return -1;
}

static int S_number(const char *s, unsigned long *out)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return *end || errno ? -1 : 0;
}

/* A limit: "none", a number, and for a size K, M, G or T (powers of 1024,
 * "KiB" and "KB" alike). 0, or -1 when it is not one. */
static int S_parse_limit(const char *s, int size, uint64_t *out)
{
	static const char units[] = "KMGT";
	const char *u;
	char *end;
	unsigned long long n;
	int shift = 0;

	if (strcmp(s, "none") == 0) {
		*out = UINT64_MAX;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || n == 0)
		return -1;
	if (*end && size && (u = strchr(units, *end >= 'a' ? *end - 32 : *end))) {
		shift = 10 * (int)(u - units + 1);
		end++;
		if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0)
			end += strlen(end);
	} else if (size && strcmp(end, "B") == 0) {
		end++;
	}
	if (*end || (shift && n > (UINT64_MAX >> shift)))
		return -1;
	*out = (uint64_t)n << shift;
	return 0;
}

/* --shard K/N, auto (Slurm job arrays: SLURM_ARRAY_TASK_ID less
 * SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT or MAX - MIN + 1), or
 * auto/N (Kubernetes indexed Jobs: JOB_COMPLETION_INDEX). -1 or an exit status. */
static int S_parse_shard(struct batch *b, const char *arg)
{
	unsigned long k, n, min = 0, max;
	const char *slash = strchr(arg, '/');
	char kbuf[32];

	if (strcmp(arg, "auto") == 0) {
		if (S_number(getenv("SLURM_ARRAY_TASK_ID"), &k) < 0)
			return S_usage_error("%s", "--shard auto: SLURM_ARRAY_TASK_ID is not set (not a Slurm job array?); use --shard K/N");
		if (getenv("SLURM_ARRAY_TASK_MIN") && S_number(getenv("SLURM_ARRAY_TASK_MIN"), &min) < 0)
			return S_usage_error("%s", "--shard auto: SLURM_ARRAY_TASK_MIN is not a number");
		if (S_number(getenv("SLURM_ARRAY_TASK_COUNT"), &n) < 0) {
			if (S_number(getenv("SLURM_ARRAY_TASK_MAX"), &max) < 0 || max < min)
				return S_usage_error("%s", "--shard auto: neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is set");
			n = max - min + 1;
		}
		if (k < min)
			return S_usage_error("%s", "--shard auto: SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN");
		k -= min;
	} else if (slash && (size_t)(slash - arg) == 4 && strncmp(arg, "auto", 4) == 0) {
		if (S_number(slash + 1, &n) < 0)
			return S_usage_error("--shard %s: N is not a number", arg);
		if (S_number(getenv("JOB_COMPLETION_INDEX"), &k) < 0)
			return S_usage_error("--shard %s: JOB_COMPLETION_INDEX is not set (not a Kubernetes indexed Job?)", arg);
	} else {
		if (!slash || (size_t)(slash - arg) >= sizeof kbuf)
			return S_usage_error("--shard wants K/N, auto or auto/N, not '%s'", arg);
		memcpy(kbuf, arg, (size_t)(slash - arg));
		kbuf[slash - arg] = '\0';
		if (S_number(kbuf, &k) < 0 || S_number(slash + 1, &n) < 0)
			return S_usage_error("--shard wants K/N, auto or auto/N, not '%s'", arg);
	}
	if (n < 1 || k >= n) {
		snprintf(kbuf, sizeof kbuf, "%lu/%lu", k, n);
		return S_usage_error("--shard %s: K must be from 0 to N - 1", kbuf);
	}
	b->shard = k;
	b->nshards = n;
	return -1;
}

/* Make DEST and every folder above it. */
static int S_make_dest(const char *dest)
{
	char buf[PATH_MAX];
	size_t len = strlen(dest), i;
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, dest, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return -1;
		buf[i] = i < len ? '/' : '\0';
	}
	return 0;
}

/* The option lists, on the ways out before the batch is set up. */
static void S_free_args(struct batch *b)
{
	free(b->plugin_dirs);
	free(b->meta);
	free(b->filters);
	free(b->opts);
}

int galley_batch_main(int argc, char **argv)
{
	struct batch b;
	char *formats = NULL;
	pthread_t *threads = NULL;
	int ch, rc = -1, nthreads = 0, i;
	long started = S_now_ms();

	memset(&b, 0, sizeof b);
	b.max_member = (uint64_t)64 << 20;
	b.max_archive = (uint64_t)16 << 30;
	b.max_ratio = 200;
	b.max_members = 1000000;
	b.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (b.jobs < 1)
		b.jobs = 1;
	opterr = 1;
	optind = 1;
	argv[0] = (char *)"galley batch";
	while ((ch = getopt_long(argc, argv, "t:o:f:j:M:O:0qvh", S_options, NULL)) != -1) {
		switch (ch) {
		case 't':
			b.to = optarg;
			break;
		case 'o':
			b.dest = optarg;
			break;
		case 'f':
			b.from = optarg;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 1 || n > 1024)
				return S_usage_error("-j wants a number of threads from 1 to 1024, not '%s'", optarg);
			b.jobs = (int)n;
			break;
		}
		case 'R':
			b.report_path = optarg;
			break;
		case 'F':
			b.files_from = optarg;
			break;
		case '0':
			b.nul = 1;
			break;
		case 'S':
			b.skip_existing = 1;
			break;
		case 'T': {
			const char **nf = realloc(b.filters, (b.nfilters + 1) * sizeof *nf);
			if (!nf) {
				fputs("galley batch: out of memory\n", stderr);
				S_free_args(&b);
				return EXIT_IO;
			}
			b.filters = nf;
			b.filters[b.nfilters++] = optarg;
			break;
		}
		case 'X':
			b.force = 1;
			break;
		case 'L':
		case 'A':
		case 'C':
		case 'E': {
			static const char *const names[] = {"--max-member-size", "--max-archive-size", "--max-ratio",
				"--max-members"};
			int k = ch == 'L' ? 0 : ch == 'A' ? 1 : ch == 'C' ? 2 : 3;
			uint64_t *dst = k == 0 ? &b.max_member : k == 1 ? &b.max_archive : k == 2 ? &b.max_ratio : &b.max_members;
			if (S_parse_limit(optarg, k < 2, dst) < 0) {
				char msg[160];
				snprintf(msg, sizeof msg, "%s wants %s or none, not '%%s'", names[k],
					k < 2 ? "a size (a number of bytes, or with K, M, G or T)" : "a positive number");
				S_free_args(&b);
				return S_usage_error(msg, optarg);
			}
			break;
		}
		case 'M': {
			const char **nm;
			char err[512];
			if (galley_cli_metadata_check(optarg, err, sizeof err) < 0) {
				S_free_args(&b);
				return S_usage_error("%s", err);
			}
			if (!(nm = realloc(b.meta, (b.nmeta + 1) * sizeof *nm))) {
				fputs("galley batch: out of memory\n", stderr);
				S_free_args(&b);
				return EXIT_IO;
			}
			b.meta = nm;
			b.meta[b.nmeta++] = optarg;
			break;
		}
		case 'O':
		case 'W':
		case 'D':
		case 'N': {
			struct opt o, *no;
			const char *eq = ch == 'O' ? strchr(optarg, '=') : NULL;
			if (ch == 'O' && (!eq || eq == optarg || eq - optarg > 255)) {
				S_free_args(&b);
				return S_usage_error("-O wants KEY=VALUE, not '%s'", optarg);
			}
			o.key = ch == 'O' ? optarg : ch == 'W' ? "wrap" : ch == 'D' ? "reference-doc" : "front-matter";
			o.klen = ch == 'O' ? (size_t)(eq - optarg) : strlen(o.key);
			o.value = ch == 'O' ? eq + 1 : ch == 'W' || ch == 'D' ? optarg : "false";
			if (!(no = realloc(b.opts, (b.nopts + 1) * sizeof *no))) {
				fputs("galley batch: out of memory\n", stderr);
				S_free_args(&b);
				return EXIT_IO;
			}
			b.opts = no;
			b.opts[b.nopts++] = o;
			break;
		}
		case 'H':
			if ((rc = S_parse_shard(&b, optarg)) >= 0) {
				S_free_args(&b);
				return rc;
			}
			break;
		case 'P': {
			const char **nd = realloc(b.plugin_dirs, (b.nplugin_dirs + 1) * sizeof *nd);
			if (!nd) {
				fputs("galley batch: out of memory\n", stderr);
				return EXIT_IO;
			}
			b.plugin_dirs = nd;
			b.plugin_dirs[b.nplugin_dirs++] = optarg;
			break;
		}
		case 'q':
			b.verbosity = -1;
			break;
		case 'v':
			b.verbosity = b.verbosity < 0 ? 1 : b.verbosity + 1;
			break;
		case 'h':
			fputs(S_usage, stdout);
			S_free_args(&b);
			return 0;
		default:
			fputs("Try 'galley batch --help' for more information.\n", stderr);
			S_free_args(&b);
			return EXIT_USAGE;
		}
	}
	if (!b.dest || !*b.dest)
		rc = S_usage_error("%s", "no destination: use -o DEST (a folder)");
	else if (!b.to)
		rc = S_usage_error("%s", "no output format: use -t FORMAT[,FORMAT...]");
	else if (optind >= argc && !b.files_from)
		rc = S_usage_error("%s", "no input: name files, folders or archives, or use --files-from");
	else if (b.nul && !b.files_from)
		rc = S_usage_error("%s", "-0 goes with --files-from");
	else if (b.force && b.skip_existing)
		rc = S_usage_error("%s", "--force replaces existing outputs and --skip-existing keeps them: give one");
	else if (b.skip_existing && strlen(b.dest) > 4 && strcasecmp(b.dest + strlen(b.dest) - 4, ".zip") == 0)
		rc = S_usage_error("%s", "--skip-existing needs a folder DEST, not a .zip");
	if (rc >= 0) {
		S_free_args(&b);
		return rc;
	}

	if (!(b.reg = galley_registry_new()) || !(b.ctx = galley_context_new())) {
		fputs("galley batch: out of memory\n", stderr);
		rc = EXIT_IO;
		goto out;
	}
	galley_context_set_log(b.ctx, galley_cli_log_stderr, NULL);
	galley_context_set_verbosity(b.ctx, b.verbosity);
	for (i = 0; i < (int)b.nplugin_dirs; i++)
		if (galley_registry_add_dir(b.reg, b.plugin_dirs[i]) < 0) {
			rc = EXIT_IO;
			goto out;
		}
	if (galley_registry_load(b.reg, b.ctx) < 0) {
		fprintf(stderr, "galley batch: cannot load plugins: %s\n", galley_context_error(b.ctx));
		rc = EXIT_IO;
		goto out;
	}
	galley_context_set_registry(b.ctx, b.reg);
	if (!(formats = strdup(b.to))) {
		rc = EXIT_IO;
		goto out;
	}
	if ((rc = S_parse_formats(&b, formats)) >= 0)
		goto out;
	if (b.from && !(b.forced = galley_find_reader(b.ctx, b.from))) {
		rc = S_usage_error("unknown input format '%s' (see galley --list-input-formats)", b.from);
		goto out;
	}
	if ((rc = S_check_opts(&b)) >= 0)
		goto out;
	if (strlen(b.dest) > 4 && strcasecmp(b.dest + strlen(b.dest) - 4, ".zip") == 0) {
		struct stat zst;
		if (stat(b.dest, &zst) == 0 && S_ISDIR(zst.st_mode)) {
			rc = S_usage_error("-o %s: a folder named like a zip file; name another DEST", b.dest);
			goto out;
		}
		if (!b.force && lstat(b.dest, &zst) == 0) {
			fprintf(stderr, "galley batch: %s exists; not overwritten (--force replaces it)\n", b.dest);
			rc = EXIT_FAILED;
			goto out;
		}
		if (!(b.zctx = galley_context_new()) || !(b.zip = galley_zip_new(b.zctx))) {
			fputs("galley batch: out of memory\n", stderr);
			rc = EXIT_IO;
			goto out;
		}
	} else if (S_make_dest(b.dest) < 0 || stat(b.dest, &b.dest_st) < 0 || !S_ISDIR(b.dest_st.st_mode)) {
		fprintf(stderr, "galley batch: %s: cannot make the destination folder: %s\n", b.dest,
			errno ? strerror(errno) : "not a folder");
		rc = EXIT_IO;
		goto out;
	}
	if (b.report_path && !(b.report = fopen(b.report_path, "w"))) {
		fprintf(stderr, "galley batch: --report %s: %s\n", b.report_path, strerror(errno));
		rc = EXIT_IO;
		goto out;
	}
	b.progress = b.verbosity >= 0 && isatty(STDERR_FILENO);
	b.started = started;
	b.last_progress = started - 1000;
	b.nslots = 4096;
	b.per_stem = 1;
	for (i = 0; i < (int)b.nwriters; i++) {
		size_t k, li = strlen(galley_writer_extension(b.writers[i]));
		for (k = 0; k < b.nwriters; k++) {
			const char *o = galley_writer_extension(b.writers[k]);
			size_t lk = strlen(o);
			if (k != (size_t)i && lk > li && o[lk - li - 1] == '.' &&
				strcasecmp(o + lk - li, galley_writer_extension(b.writers[i])) == 0)
				b.per_stem = 0;
		}
	}
	if (b.nwriters > 64) {
		rc = S_usage_error("%s", "-t names more than 64 formats");
		goto out;
	}
	if (!(b.names_file = tmpfile())) {
		fprintf(stderr, "galley batch: cannot make a temporary file for the output names: %s\n", strerror(errno));
		rc = EXIT_IO;
		goto out;
	}
	if (!(b.slots = calloc(b.nslots, sizeof *b.slots)) ||
		!(threads = calloc((size_t)b.jobs, sizeof *threads))) {
		fputs("galley batch: out of memory\n", stderr);
		rc = EXIT_IO;
		goto out;
	}
#if defined __GLIBC__ && !defined GALLEY_JEMALLOC
	/* glibc's allocator: the sanitizer builds' (the others link jemalloc,
	 * configured in batch-main.c, and need none of this).
	 * A fixed mmap threshold: glibc raises it to the largest block freed,
	 * after which a large document's buffers stay in the arenas for good.
	 * A trim threshold of 2 MiB (glibc's is 128 KiB) and a top pad of
	 * 512 KiB: with glibc's, an arena gives its free top back after a
	 * document and the next one faults it in again page by page.
	 * One arena a worker, not glibc's default of eight a core: each arena
	 * keeps the high-water mark of the largest document met in it, so the
	 * more arenas the more the peak grows over a long run (+17% from 200
	 * to 20,000 documents with -j 2 and the default). One arena for all
	 * (+10%) serialises the workers on its lock: -j 2 was only 1.1-1.2x
	 * -j 1; one a worker is +8% and 1.4-1.5x. */
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	mallopt(M_TRIM_THRESHOLD, 2 << 20);
	mallopt(M_TOP_PAD, 512 << 10);
	mallopt(M_ARENA_MAX, b.jobs);
#endif
#ifdef GALLEY_JEMALLOC
	/* This thread reads the documents, so its arena holds their input
	 * until a worker has parsed it and frees it: a large block each, given
	 * back at once rather than over the 50 ms of the other arenas
	 * (batch-main.c), in which it held several large documents' input
	 * no longer used: the peak RSS of 200 documents, -j 2, all four
	 * formats, is 29 MB with this, 33.5 MB without (medians of 3). */
	{
		unsigned arena;
		size_t len = sizeof arena;
		ssize_t now = 0;
		char name[64];
		if (mallctl("thread.arena", &arena, &len, NULL, 0) == 0) {
			snprintf(name, sizeof name, "arena.%u.dirty_decay_ms", arena);
			mallctl(name, NULL, NULL, &now, sizeof now);
		}
	}
#endif
	b.window = (size_t)b.jobs * 64 + 64;
	b.max_todo = b.window;
	/* 1 MiB of input a worker, queued and being converted. With 2 MiB
	 * being converted, the four largest pages of the readability corpus
	 * (1.0 to 1.6 MB) could go side by side, but the peak RSS of 20,000
	 * documents was then 8 to 18% over that of 200 (which pages meet is
	 * timing, and 20,000 documents meet the worst pair); 1.5 MiB, with
	 * jemalloc, +12 to 26%. Instead the largest queued document that
	 * fits goes first (S_worker): those four, the last of the corpus, no
	 * longer run one after another with the other worker idle (-j 2
	 * against -j 1: +0.05 to 0.1x), and the queue may hold up to window
	 * documents, not 2 a worker, so that it can hold small ones beside a
	 * large one. The five largest still go one after another at the end
	 * (no two fit), while the other worker waits 0.03 to 0.05 s. */
	b.budget = (size_t)b.jobs << 20;
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.has_work, NULL);
	pthread_cond_init(&b.has_room, NULL);
	for (nthreads = 0; nthreads < b.jobs; nthreads++)
		if (pthread_create(&threads[nthreads], NULL, S_worker, &b) != 0)
			break;
	if (!nthreads) {
		fputs("galley batch: cannot start a thread\n", stderr);
		rc = EXIT_IO;
	} else {
		for (i = optind; i < argc && !b.oom; i++)
			S_input(&b, argv[i]);
		if (b.files_from && !b.oom)
			rc = S_files_from(&b);
	}
	pthread_mutex_lock(&b.lock);
	b.closed = 1;
	pthread_cond_broadcast(&b.has_work);
	pthread_mutex_unlock(&b.lock);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_lock(&b.lock);
	S_flush_locked(&b);
	pthread_mutex_unlock(&b.lock);
	pthread_cond_destroy(&b.has_room);
	pthread_cond_destroy(&b.has_work);
	pthread_mutex_destroy(&b.lock);
	if (b.progress)
		fputs("\r\033[K", stderr);
	if (b.oom) {
		fputs("galley batch: out of memory; inputs after the last reported one were not converted\n", stderr);
		rc = EXIT_IO;
	}
	if (b.zip) {
		galley_buffer zbytes = GALLEY_BUFFER_INIT;
		char err[PATH_MAX + 256];
		int zrc = galley_zip_finish(b.zip, &zbytes);
		b.zip = NULL;
		if (zrc < 0 || (b.force ? galley_cli_write_file : galley_cli_write_new)(b.dest,
				       zbytes.data ? zbytes.data : "", zbytes.len, err, sizeof err) < 0) {
			fprintf(stderr, "galley batch: %s\n", zrc < 0 ? galley_context_error(b.zctx) : err);
			rc = EXIT_IO;
		}
		galley_buffer_dispose(&zbytes);
	}
	if (b.report && (fclose(b.report) != 0 || b.report_error)) {
		fprintf(stderr, "galley batch: --report %s: cannot write it\n", b.report_path);
		rc = EXIT_IO;
	}
	b.report = NULL;
	if ((b.progress || b.verbosity > 0) && nthreads)
		fprintf(stderr, "galley batch: %zu converted, %zu failed, %zu skipped in %.1f s\n", b.nok, b.nfailed,
			b.nskipped, (double)(S_now_ms() - started) / 1000.0);
	if (rc < 0 || rc == 0)
		rc = b.nfailed ? EXIT_FAILED : 0;
out:
	if (b.report)
		fclose(b.report);
	free(b.slots);
	if (b.names_file)
		fclose(b.names_file);
	free(threads);
	free(formats);
	free(b.writers);
	S_free_args(&b);
	galley_zip_discard(b.zip);
	galley_context_free(b.zctx);
	galley_context_free(b.ctx);
	galley_registry_free(b.reg);
	return rc;
}
