/* loader.c — finds plugins in the plugin folders (and nowhere else), checks
 * each one's ABI before running any of its code, and keeps the registry of
 * the readers and writers they register: loaded once, then read-only and
 * shared by any number of contexts and threads. */
#define _GNU_SOURCE /* dladdr(), to find the plugin folder beside libgalley */
#include "loader.h"
#include "galley/sys/text.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct plugin {
	lt_dlhandle handle; /* NULL for a file that would not open */
	char *path;
	const galley_plugin_desc *desc; /* NULL for a refused plugin */
	char *refused;      /* why it was refused (owned), or NULL */
};

struct galley_registry {
	galley_context *ctx; /* the context of the load in progress (messages), else NULL */
	char **user_dirs; /* galley_registry_add_dir(), in order */
	size_t nuser_dirs;
	struct plugin **plugins;
	size_t nplugins;
	struct galley_format **fmts; /* readers and writers, in load order */
	size_t nfmts;
	size_t current;   /* the plugin whose init is running */
	int init_error;   /* set by a refused registration during init */
	int loaded;       /* set when galley_registry_load() starts: no more changes */
	int loading;      /* plugins' init may register only while this is set */
	struct need {     /* galley_registry_need(): what the run will look up */
		int kind;
		char *name, *path;
	} *needs;
	size_t nneeds;
	int need_all;     /* a reader need that only content (every reader's probe) answers */
	int partial;      /* loaded from the cache: only the plugins the needs name */
};

/* A growable list of strings (search folders, file names). */
struct strlist {
	char **v;
	size_t n;
};

static int S_strlist_push(struct strlist *l, const char *s, size_t len)
{
	char **nv = galley_realloc(l->v, (l->n + 1) * sizeof *nv);
	if (!nv)
		return GALLEY_ENOMEM;
	l->v = nv;
	if (!(l->v[l->n] = galley__strndup(s, len)))
		return GALLEY_ENOMEM;
	l->n++;
	return 0;
}

static void S_strlist_free(struct strlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		galley_free(l->v[i]);
	galley_free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void S_format_free(struct galley_format *f)
{
	if (f) {
		galley_free(f->name);
		galley_free(f->ext);
		galley_free(f);
	}
}

galley_registry *galley_registry_new(void)
{
	galley_registry *reg = galley_calloc(1, sizeof *reg);
	if (!reg)
		return NULL;
	/* Each registry holds a reference: libltdl must stay up while its
	 * plugins are open, even in a program that never called galley_init(). */
	if (galley_init() < 0) {
		galley_free(reg);
		return NULL;
	}
	return reg;
}

void galley_registry_free(galley_registry *reg)
{
	size_t i;
	if (!reg)
		return;
	for (i = 0; i < reg->nfmts; i++)
		S_format_free(reg->fmts[i]);
	galley_free(reg->fmts);
	/* Plugins go last, once nothing can reach their descriptors any more. */
	galley__ltdl_lock();
	for (i = 0; i < reg->nplugins; i++)
		if (reg->plugins[i]->handle)
			lt_dlclose(reg->plugins[i]->handle);
	galley__ltdl_unlock();
	for (i = 0; i < reg->nplugins; i++) {
		galley_free(reg->plugins[i]->path);
		galley_free(reg->plugins[i]->refused);
		galley_free(reg->plugins[i]);
	}
	galley_free(reg->plugins);
	for (i = 0; i < reg->nuser_dirs; i++)
		galley_free(reg->user_dirs[i]);
	galley_free(reg->user_dirs);
	for (i = 0; i < reg->nneeds; i++) {
		galley_free(reg->needs[i].name);
		galley_free(reg->needs[i].path);
	}
	galley_free(reg->needs);
	galley_free(reg);
	galley_shutdown();
}

galley_context *galley_registry_context(galley_registry *reg)
{
	return reg ? reg->ctx : NULL;
}

int galley_registry_add_dir(galley_registry *reg, const char *dir)
{
	struct strlist l;
	int rc;

	if (!reg || !dir || !*dir || reg->loaded)
		return GALLEY_EUSAGE;
	l.v = reg->user_dirs;
	l.n = reg->nuser_dirs;
	rc = S_strlist_push(&l, dir, strlen(dir));
	reg->user_dirs = l.v;
	reg->nuser_dirs = l.n;
	return rc;
}

/* The context's own registry for the one-context shorthand; NULL with the
 * error set on ctx. */
static galley_registry *S_own_registry(galley_context *ctx)
{
	galley_registry *reg = galley__context_own_registry(ctx);

	if (!ctx)
		return NULL;
	if (!reg && galley_context_registry(ctx))
		galley_error(ctx, GALLEY_EUSAGE, "the context uses a shared registry");
	else if (!reg)
		galley_error(ctx, GALLEY_ENOMEM, "out of memory");
	return reg;
}

int galley_add_plugin_dir(galley_context *ctx, const char *dir)
{
	galley_registry *reg;
	int rc;

	if (!dir || !*dir)
		return galley_error(ctx, GALLEY_EUSAGE, "empty plugin folder name");
	if (!(reg = S_own_registry(ctx)))
		return ctx ? galley_context_error_code(ctx) : GALLEY_EUSAGE;
	if ((rc = galley_registry_add_dir(reg, dir)) == GALLEY_EUSAGE)
		return galley_error(ctx, rc, "plugins are already loaded");
	return rc < 0 ? galley_error(ctx, rc, "out of memory") : 0;
}

int galley_load_plugins(galley_context *ctx)
{
	galley_registry *reg = S_own_registry(ctx);
	return reg ? galley_registry_load(reg, ctx) : ctx ? galley_context_error_code(ctx) : GALLEY_EUSAGE;
}

/* ------------------------------------------------------------------ */
/* Registration (called from a plugin's init)                         */
/* ------------------------------------------------------------------ */

static const char *S_kind_name(int kind)
{
	return kind == GALLEY__READER ? "reader" : kind == GALLEY__WRITER ? "writer" : "filter";
}

static const char *S_plugin_path(const struct galley_registry *reg, size_t i)
{
	return i < reg->nplugins ? reg->plugins[i]->path : "galley";
}

static struct galley_format *S_find(const struct galley_registry *reg, int kind, const char *name)
{
	size_t i;
	if (!reg || !name)
		return NULL;
	for (i = 0; i < reg->nfmts; i++) {
		struct galley_format *f = reg->fmts[i];
		if (f->kind == kind && strcasecmp(f->name, name) == 0)
			return f;
	}
	return NULL;
}

/* Refuse a registration: the loader sees init_error and refuses the whole
 * plugin, so a plugin is either entirely in or entirely out. */
static int S_refuse(struct galley_registry *reg, int code, const char *fmt, const char *a, const char *b)
{
	reg->init_error = code;
	return galley_error(reg->ctx, code, fmt, a, b);
}

static int S_add_format(struct galley_registry *reg, const galley_reader_desc *rd, const galley_writer_desc *wd,
	const galley_filter_desc *fd)
{
	int k = rd ? GALLEY__READER : wd ? GALLEY__WRITER : GALLEY__FILTER;
	const char *kind = rd ? "reader" : wd ? "writer" : "filter";
	const char *name, *aliases;
	struct strlist names = {NULL, 0};
	struct galley_format **nf;
	const char *p;
	size_t i, j;
	unsigned int version = rd ? rd->version : wd ? wd->version : fd->version;
	unsigned int want = rd ? GALLEY_READER_VERSION : wd ? GALLEY_WRITER_VERSION : GALLEY_FILTER_VERSION;
	char bad_opt[256], who[128];
	int rc = 0;

	/* Checked before any other field: a struct from another version may
	 * not even have them where we look. */
	if (version != want) {
		char v[64];
		snprintf(v, sizeof v, "%u (galley expects %u)", version, want);
		return S_refuse(reg, GALLEY_EABI, "%s descriptor version %s", kind, v);
	}
	name = rd ? rd->name : wd ? wd->name : fd->name;
	aliases = rd ? rd->aliases : wd ? wd->aliases : NULL;
	if (!name || !*name || strpbrk(name, ", \t\n/"))
		return S_refuse(reg, GALLEY_EINVAL, "%s with a missing or malformed name%s", kind, "");
	if ((rd && !rd->read) || (wd && !wd->write) || (fd && !fd->filter))
		return S_refuse(reg, GALLEY_EINVAL, "%s '%s' has no callback", kind, name);
	if (galley__options_table_check(rd ? rd->options : wd ? wd->options : fd->options, bad_opt, sizeof bad_opt) <
		0) {
		snprintf(who, sizeof who, "%s '%s'", kind, name);
		return S_refuse(reg, GALLEY_EINVAL, "%s: malformed option table: %s", who, bad_opt);
	}
	if (S_strlist_push(&names, name, strlen(name)) < 0)
		goto oom;
	for (p = aliases; p && *p;) {
		size_t len;
		p += strspn(p, ", \t");
		len = strcspn(p, ", \t");
		if (len && S_strlist_push(&names, p, len) < 0)
			goto oom;
		p += len;
	}
	for (i = 0; i < names.n; i++) {
		struct galley_format *other = S_find(reg, k, names.v[i]);
		for (j = 0; j < i && !other; j++)
			if (strcasecmp(names.v[j], names.v[i]) == 0)
				rc = S_refuse(reg, GALLEY_EINVAL, "%s name '%s' given twice", kind, names.v[i]);
		if (rc)
			goto out;
		if (other) {
			char what[256];
			snprintf(what, sizeof what, "%s '%s'", kind, names.v[i]);
			/* Both files named: the one refused (the message's prefix) and the owner. */
			rc = S_refuse(reg, GALLEY_EINVAL, "duplicate %s: already registered by %s", what,
				S_plugin_path(reg, other->plugin));
			goto out;
		}
	}
	nf = galley_realloc(reg->fmts, (reg->nfmts + names.n) * sizeof *nf);
	if (!nf)
		goto oom;
	reg->fmts = nf;
	for (i = 0; i < names.n; i++) {
		/* Allocated as the public type so the handle converts back to it. */
		struct galley_format *f = rd   ? (struct galley_format *)galley_calloc(1, sizeof(struct galley_reader))
					  : wd ? (struct galley_format *)galley_calloc(1, sizeof(struct galley_writer))
					       : (struct galley_format *)galley_calloc(1, sizeof(struct galley_filter));
		if (!f)
			goto oom;
		f->kind = k;
		f->reader = rd;
		f->writer = wd;
		f->filter = fd;
		f->name = names.v[i];
		names.v[i] = NULL;
		if (wd && wd->extension) {
			const char *e = wd->extension + strspn(wd->extension, ", \t.");
			if (!(f->ext = galley__strndup(e, strcspn(e, ", \t")))) {
				S_format_free(f);
				goto oom;
			}
		}
		f->primary = i == 0;
		f->plugin = reg->current;
		reg->fmts[reg->nfmts++] = f;
	}
	goto out;
oom:
	rc = S_refuse(reg, GALLEY_ENOMEM, "out of memory%s%s", "", "");
out:
	S_strlist_free(&names);
	return rc;
}

int galley_registry_add_reader(galley_registry *reg, const galley_reader_desc *desc)
{
	return reg && reg->loading && desc ? S_add_format(reg, desc, NULL, NULL) : GALLEY_EUSAGE;
}

int galley_registry_add_writer(galley_registry *reg, const galley_writer_desc *desc)
{
	return reg && reg->loading && desc ? S_add_format(reg, NULL, desc, NULL) : GALLEY_EUSAGE;
}

int galley_registry_add_filter(galley_registry *reg, const galley_filter_desc *desc)
{
	return reg && reg->loading && desc ? S_add_format(reg, NULL, NULL, desc) : GALLEY_EUSAGE;
}

/* ------------------------------------------------------------------ */
/* The search path                                                    */
/* ------------------------------------------------------------------ */

/* The built-in plugin folder, found beside the libgalley actually loaded,
 * never from a path compiled in: LIBDIR/galley/plugins for an installed
 * library, so an installed tree works wherever it was put and never loads
 * another install's plugins; BUILD/plugins for the library of a build tree
 * (the folder that holds CMakeCache.txt), so build/galley and the tests run
 * in place with the plugins built beside them. */
static int S_builtin_dir(char *out, size_t size)
{
	Dl_info info;
	char lib[PATH_MAX], probe[PATH_MAX + 32];
	struct stat st;
	char *slash;

	if (!dladdr((void *)galley_load_plugins, &info) || !info.dli_fname || !realpath(info.dli_fname, lib))
		return -1;
	if (!(slash = strrchr(lib, '/')))
		return -1;
	*slash = '\0';
	snprintf(probe, sizeof probe, "%s/CMakeCache.txt", lib);
	if (stat(probe, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((size_t)snprintf(out, size, "%s/plugins", lib) >= size)
			return -1;
		return 0;
	}
	if ((size_t)snprintf(out, size, "%s/galley/plugins", lib) >= size)
		return -1;
	return 0;
}

/* Add dir to the search list when it is a folder not already in it. */
static int S_add_search_dir(galley_context *ctx, struct strlist *dirs, const char *dir)
{
	char real[PATH_MAX];
	struct stat st;
	size_t i;

	if (!dir || !*dir)
		return 0; /* an empty PATH element would mean the current folder: never */
	if (!realpath(dir, real) || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		galley_log(ctx, GALLEY_LOG_DEBUG, "plugin folder %s: %s", dir, strerror(errno ? errno : ENOTDIR));
		return 0;
	}
	for (i = 0; i < dirs->n; i++)
		if (strcmp(dirs->v[i], real) == 0)
			return 0;
	return S_strlist_push(dirs, real, strlen(real));
}

static int S_search_dirs(struct galley_registry *reg, struct strlist *dirs)
{
	const char *env = getenv("GALLEY_PLUGIN_PATH");
	char inst[PATH_MAX];
	size_t i;
	int rc = 0;

	for (i = 0; i < reg->nuser_dirs && !rc; i++)
		rc = S_add_search_dir(reg->ctx, dirs, reg->user_dirs[i]);
	while (env && *env && !rc) {
		size_t len = strcspn(env, ":");
		char *one = galley__strndup(env, len);
		if (!one)
			return GALLEY_ENOMEM;
		rc = S_add_search_dir(reg->ctx, dirs, one);
		galley_free(one);
		env += len;
		if (*env == ':')
			env++;
	}
	if (!rc && S_builtin_dir(inst, sizeof inst) == 0)
		rc = S_add_search_dir(reg->ctx, dirs, inst);
	return rc;
}

static size_t S_suffix(const char *path, size_t plen, const char *ext, size_t elen);

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.so files of a folder, sorted so the load order (and so probe ties)
 * does not depend on the file system. */
static int S_list_plugins(const char *dir, struct strlist *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return 0;
	while (!rc && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 3 && e->d_name[0] != '.' && strcmp(e->d_name + len - 3, ".so") == 0)
			rc = S_strlist_push(out, e->d_name, len);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, S_cmp_str);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Loading                                                            */
/* ------------------------------------------------------------------ */

/* Report a refused plugin and keep the reason for --list-plugins -v: on pl
 * when it is listed already (a refused init), else on a new entry without
 * a handle. Out of memory only loses the entry, never the message. */
static void S_refused(struct galley_registry *reg, const char *path, const char *why, struct plugin *pl)
{
	struct plugin **np;

	galley_log(reg->ctx, GALLEY_LOG_WARN, "%s: %s", path, why);
	if (pl) {
		pl->refused = galley__strdup(why);
		return;
	}
	if (!(pl = galley_calloc(1, sizeof *pl)))
		return;
	np = galley_realloc(reg->plugins, (reg->nplugins + 1) * sizeof *np);
	if (np)
		reg->plugins = np;
	if (!np || !(pl->path = galley__strdup(path)) || !(pl->refused = galley__strdup(why))) {
		galley_free(pl->path);
		galley_free(pl);
		return;
	}
	reg->plugins[reg->nplugins++] = pl;
}

/* Drop everything registered by plugin index i (a refused init). */
static void S_rollback(struct galley_registry *reg, size_t plugin)
{
	size_t i, k = 0;
	for (i = 0; i < reg->nfmts; i++) {
		if (reg->fmts[i]->plugin == plugin)
			S_format_free(reg->fmts[i]);
		else
			reg->fmts[k++] = reg->fmts[i];
	}
	reg->nfmts = k;
}

/* Why a file would not open. libltdl, having tried its variations of the
 * name, reports "file not found" for a file that is there; say what is
 * really wrong: no ELF header, or the system loader's own reason. */
static void S_open_error(const char *path, const char *lt_err, char *why, size_t size)
{
	unsigned char magic[4] = {0};
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(magic, 1, sizeof magic, f) : 0;
	void *h;

	if (f)
		fclose(f);
	if (f && (n < 4 || memcmp(magic, "\177ELF", 4) != 0)) {
		snprintf(why, size, "not a loadable plugin: not a shared object (no ELF header)");
		return;
	}
	/* libltdl already failed to open it, so this fails too, with the reason. */
	if ((h = dlopen(path, RTLD_LAZY | RTLD_LOCAL))) {
		dlclose(h);
		snprintf(why, size, "not a loadable plugin (%s)", lt_err ? lt_err : "unknown error");
		return;
	}
	snprintf(why, size, "not a loadable plugin (%s)", dlerror());
}

/* The size the ELF symbol table gives the symbol at addr, or a size
 * large enough to pass when the table does not say. */
static size_t S_symbol_size(const void *addr)
{
	Dl_info info;
	const ElfW(Sym) *sym = NULL;
	if (!dladdr1(addr, &info, (void **)&sym, RTLD_DL_SYMENT) || !sym || sym->st_size == 0)
		return sizeof(galley_plugin_desc);
	return (size_t)sym->st_size;
}

static int S_load_one(struct galley_registry *reg, lt_dladvise advise, const char *path)
{
	struct plugin *pl, **np;
	lt_dlhandle h;
	const galley_plugin_desc *desc;
	char why[512];
	const char *err;
	int rc;

	h = lt_dlopenadvise(path, advise);
	if (!h) {
		err = lt_dlerror();
		S_open_error(path, err, why, sizeof why);
		S_refused(reg, path, why, NULL);
		return 0;
	}
	desc = (const galley_plugin_desc *)lt_dlsym(h, GALLEY_PLUGIN_SYMBOL);
	if (!desc) {
		snprintf(why, sizeof why, "not a galley plugin: no symbol %s", GALLEY_PLUGIN_SYMBOL);
		S_refused(reg, path, why, NULL);
		lt_dlclose(h);
		return 0;
	}
	/* A symbol of that name too small to be a descriptor (a stray int)
	 * must not be read past its end. */
	if (S_symbol_size(desc) < sizeof(unsigned int) * 2) {
		snprintf(why, sizeof why, "not a galley plugin: %s is not a plugin descriptor", GALLEY_PLUGIN_SYMBOL);
		S_refused(reg, path, why, NULL);
		lt_dlclose(h);
		return 0;
	}
	/* The ABI fields come first and never move: read them before touching
	 * anything else in the descriptor, and run no plugin code on a mismatch. */
	if (desc->abi_major != GALLEY_PLUGIN_ABI_MAJOR || desc->abi_minor > GALLEY_PLUGIN_ABI_MINOR) {
		snprintf(why, sizeof why, "plugin ABI %u.%u, galley expects %u.%u", desc->abi_major,
			desc->abi_minor, GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR);
		S_refused(reg, path, why, NULL);
		lt_dlclose(h);
		return 0;
	}
	if (!desc->name || !*desc->name || !desc->init) {
		S_refused(reg, path, "plugin descriptor without a name or init function", NULL);
		lt_dlclose(h);
		return 0;
	}

	pl = galley_calloc(1, sizeof *pl);
	np = pl ? galley_realloc(reg->plugins, (reg->nplugins + 1) * sizeof *np) : NULL;
	if (np)
		reg->plugins = np;
	if (!pl || !np || !(pl->path = galley__strdup(path))) {
		galley_free(pl);
		lt_dlclose(h);
		return galley_error(reg->ctx, GALLEY_ENOMEM, "out of memory");
	}
	pl->handle = h;
	pl->desc = desc;
	reg->plugins[reg->nplugins] = pl;
	reg->current = reg->nplugins;
	reg->init_error = 0;
	galley_error_clear(reg->ctx);
	rc = desc->init(reg);
	if (rc < 0 || reg->init_error) {
		const char *msg = galley_context_error(reg->ctx);
		/* Out of memory is no fault of the plugin: the load fails (a
		 * refusal would go on without it, and be kept in the cache). */
		int oom = rc == GALLEY_ENOMEM || galley_context_error_code(reg->ctx) == GALLEY_ENOMEM;
		if (oom) {
			S_rollback(reg, reg->nplugins);
			pl->desc = NULL;
			reg->nplugins++;
			return galley_error(reg->ctx, GALLEY_ENOMEM, "out of memory");
		}
		if (reg->init_error)
			snprintf(why, sizeof why, "refused: %s", *msg ? msg : "registration failed");
		else
			snprintf(why, sizeof why, "init failed (%d)%s%s", rc, *msg ? ": " : "", msg);
		S_refused(reg, path, why, pl);
		galley_error_clear(reg->ctx);
		S_rollback(reg, reg->nplugins);
		/* Its init ran, so it may have left things behind that point into
		 * it (atexit handlers, library callbacks): keep it mapped, unlisted,
		 * until the registry goes. */
		pl->desc = NULL;
	}
	reg->nplugins++;
	if (pl->desc)
		galley_log(reg->ctx, GALLEY_LOG_INFO, "loaded plugin %s %s from %s", desc->name,
			desc->version ? desc->version : "?", path);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Needs and the registry cache                                       */
/* ------------------------------------------------------------------ */

/* A run that says what it will look up (galley_registry_need) loads only
 * the plugins that answer it, found in a cache of what every plugin file
 * registers, as GStreamer's registry cache: one file per search path in
 * the user's cache folder, rebuilt by a full load whenever any plugin
 * file, the set of files or libgalley itself differs from what it
 * recorded (path, size, mtime, ctime, inode), written atomically, and
 * simply not used when it cannot be read or written. A plugin that the
 * full load refused is skipped, with its warning repeated, so a partial
 * load answers every lookup it was asked about as the full load would. */

int galley_registry_need(galley_registry *reg, int kind, const char *name, const char *path)
{
	struct need *nn;

	if (!reg || reg->loaded || kind < GALLEY__READER || kind > GALLEY__FILTER)
		return GALLEY_EUSAGE;
	if (!(nn = galley_realloc(reg->needs, (reg->nneeds + 1) * sizeof *nn)))
		return GALLEY_ENOMEM;
	reg->needs = nn;
	nn = &reg->needs[reg->nneeds];
	nn->kind = kind;
	nn->name = name ? galley__strdup(name) : NULL;
	nn->path = path && !name ? galley__strdup(path) : NULL;
	if ((name && !nn->name) || (path && !name && !nn->path)) {
		galley_free(nn->name);
		return GALLEY_ENOMEM;
	}
	reg->nneeds++;
	return 0;
}

int galley_plugins_need(galley_context *ctx, int kind, const char *name, const char *path)
{
	galley_registry *reg = S_own_registry(ctx);
	int rc;
	if (!reg)
		return ctx ? galley_context_error_code(ctx) : GALLEY_EUSAGE;
	if ((rc = galley_registry_need(reg, kind, name, path)) == GALLEY_EUSAGE)
		return galley_error(ctx, rc, "plugins are already loaded, or no such kind %d", kind);
	return rc < 0 ? galley_error(ctx, rc, "out of memory") : 0;
}

/* One candidate plugin file and what identifies its version on disk. */
struct cand {
	char *path;
	long long size, mtime, ctime, ino;
	int ok; /* stat worked */
};

static void S_fingerprint(const char *path, struct cand *c)
{
	struct stat st;
	c->ok = stat(path, &st) == 0;
	c->size = c->ok ? (long long)st.st_size : -1;
	c->mtime = c->ok ? (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : -1;
	c->ctime = c->ok ? (long long)st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec : -1;
	c->ino = c->ok ? (long long)st.st_ino : -1;
}

/* The cache file for this search path, or 0 when there is none to use:
 * GALLEY_REGISTRY_CACHE names it ("" or "none": no cache), else
 * $XDG_CACHE_HOME/galley/ (or ~/.cache/galley/) holds one per search path
 * and libgalley. */
static int S_cache_path(const struct strlist *dirs, const char *lib, char *out, size_t size)
{
	const char *env = getenv("GALLEY_REGISTRY_CACHE"), *base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	unsigned long long h = 1469598103934665603ULL;
	size_t i;
	const char *p;

	if (env)
		return *env && strcmp(env, "none") != 0 && (size_t)snprintf(out, size, "%s", env) < size;
	for (p = lib; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (i = 0; i < dirs->n; i++)
		for (p = dirs->v[i]; ; p++) {
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
			if (!*p)
				break;
		}
	if (base && *base == '/')
		return (size_t)snprintf(out, size, "%s/galley/registry-%016llx", base, h) < size;
	if (home && *home == '/')
		return (size_t)snprintf(out, size, "%s/.cache/galley/registry-%016llx", home, h) < size;
	return 0;
}

#define S_CACHE_MAGIC "galley-registry-cache 1"

/* A path or reason that a line of the cache can hold. */
static int S_cacheable(const char *s)
{
	return s && !strpbrk(s, "\t\n\r");
}

static void S_put_id(galley_buffer *b, const char *tag, const char *path, const struct cand *c)
{
	galley_buffer_printf(b, "%s\t%s\t%lld\t%lld\t%lld\t%lld\n", tag, path, c->size, c->mtime, c->ctime, c->ino);
}

/* After a full load: what every candidate registered, written atomically. */
static void S_cache_write(struct galley_registry *reg, const char *file, const char *lib, const struct cand *lc,
	const struct cand *cands, size_t ncands)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	char dir[PATH_MAX], tmp[PATH_MAX + 16], *slash;
	size_t i, k, p;
	int fd = -1, ok = 1;
	FILE *f = NULL;

	galley_buffer_printf(&b, "%s\nabi\t%d.%d\t%s\n", S_CACHE_MAGIC, GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR,
		galley_version());
	ok = S_cacheable(lib);
	S_put_id(&b, "lib", lib, lc);
	for (i = 0; i < ncands && ok; i++) {
		const struct plugin *pl = NULL;
		for (p = 0; p < reg->nplugins && !pl; p++)
			if (strcmp(reg->plugins[p]->path, cands[i].path) == 0)
				pl = reg->plugins[p];
		if (!pl || !cands[i].ok || !S_cacheable(cands[i].path) || (pl->refused && !S_cacheable(pl->refused))) {
			ok = 0; /* out of memory during the load, or a name a line cannot hold */
			break;
		}
		S_put_id(&b, "file", cands[i].path, &cands[i]);
		if (pl->refused || !pl->desc) {
			galley_buffer_printf(&b, "refused\t%s\n", pl->refused ? pl->refused : "refused");
			continue;
		}
		for (k = 0; k < reg->nfmts; k++) {
			const struct galley_format *fm = reg->fmts[k];
			const char *ext;
			if (reg->plugins[fm->plugin] != pl)
				continue;
			ext = fm->reader ? fm->reader->extensions : fm->writer ? fm->writer->extension : NULL;
			ok = ok && S_cacheable(fm->name) && (!ext || S_cacheable(ext));
			galley_buffer_printf(&b, "%c\t%s\t%s\n", "rwf"[fm->kind], fm->name, fm->primary && ext ? ext : "");
		}
	}
	galley_buffer_puts(&b, "end\n");
	if (!ok || b.oom)
		goto out;
	snprintf(dir, sizeof dir, "%s", file);
	if ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = '\0';
		/* The cache folder and its parent (~/.cache), private to the user. */
		if ((slash = strrchr(dir, '/')) && slash != dir) {
			*slash = '\0';
			mkdir(dir, 0700);
			*slash = '/';
		}
		mkdir(dir, 0700);
	}
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", file);
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		galley_log(reg->ctx, GALLEY_LOG_DEBUG, "registry cache %s: %s (not written)", file, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		goto out;
	}
	if (fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0 || rename(tmp, file) != 0) {
		galley_log(reg->ctx, GALLEY_LOG_DEBUG, "registry cache %s: %s (not written)", file, strerror(errno));
		unlink(tmp);
	} else {
		galley_log(reg->ctx, GALLEY_LOG_DEBUG, "registry cache %s written", file);
	}
out:
	galley_buffer_dispose(&b);
}

/* 1 when path ends in one of the comma-separated extensions. */
static int S_ext_match(const char *exts, const char *path)
{
	size_t plen = strlen(path);
	const char *p = exts;
	while (p && *p) {
		size_t len;
		p += strspn(p, ", \t.");
		len = strcspn(p, ", \t");
		if (len && S_suffix(path, plen, p, len))
			return 1;
		p += len;
	}
	return 0;
}

/* Read the cache; when it describes exactly these candidates, mark in sel
 * those the needs call for and return 1 (warning again about those it
 * records as refused). 0: no usable cache. */
static int S_cache_select(struct galley_registry *reg, const char *file, const char *lib, const struct cand *lc,
	const struct cand *cands, size_t ncands, unsigned char *sel)
{
	FILE *f = fopen(file, "r");
	galley_buffer want = GALLEY_BUFFER_INIT;
	struct strlist refused = {NULL, 0}; /* "INDEX\tREASON", warned about once the cache holds */
	unsigned char *readers = NULL;      /* per candidate: it has a reader */
	char line[PATH_MAX + 512];
	size_t i = 0, n, cur = (size_t)-1;
	unsigned char *matched = NULL; /* per need: some file answered it */
	int ok = 0, header = 0;

	if (!f)
		return 0;
	if (!(matched = galley_calloc(reg->nneeds + 1, 1)) || !(readers = galley_calloc(ncands + 1, 1)))
		goto out;
	memset(sel, 0, ncands);
	while (fgets(line, sizeof line, f)) {
		char *tab, *name, *ext;
		size_t len = strlen(line);
		if (!len || line[len - 1] != '\n')
			goto out; /* truncated or too long: not ours */
		line[--len] = '\0';
		if (header == 0) {
			if (strcmp(line, S_CACHE_MAGIC) != 0)
				goto out;
			header = 1;
			continue;
		}
		if (header == 1) {
			char abi[128];
			snprintf(abi, sizeof abi, "abi\t%d.%d\t%s", GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR,
				galley_version());
			if (strcmp(line, abi) != 0)
				goto out;
			header = 2;
			continue;
		}
		if (header == 2) {
			galley_buffer_clear(&want);
			S_put_id(&want, "lib", lib, lc);
			if (want.oom || strncmp(line, want.data, want.len - 1) != 0 || line[want.len - 1])
				goto out;
			header = 3;
			continue;
		}
		if (strcmp(line, "end") == 0) {
			ok = i == ncands;
			break;
		}
		if (strncmp(line, "file\t", 5) == 0) {
			if (i >= ncands)
				goto out;
			galley_buffer_clear(&want);
			S_put_id(&want, "file", cands[i].path, &cands[i]);
			if (want.oom || strncmp(line, want.data, want.len - 1) != 0 || line[want.len - 1])
				goto out; /* another file, or the same one changed */
			cur = i++;
			continue;
		}
		if (cur == (size_t)-1)
			goto out;
		if (strncmp(line, "refused\t", 8) == 0) {
			char item[PATH_MAX + 512 + 32];
			snprintf(item, sizeof item, "%zu\t%s", cur, line + 8);
			if (S_strlist_push(&refused, item, strlen(item)) < 0)
				goto out;
			continue;
		}
		if (len < 3 || line[1] != '\t' || !strchr("rwf", line[0]))
			goto out;
		name = line + 2;
		if (!(tab = strchr(name, '\t')))
			goto out;
		*tab = '\0';
		ext = tab + 1;
		readers[cur] |= line[0] == 'r';
		for (n = 0; n < reg->nneeds; n++) {
			const struct need *nd = &reg->needs[n];
			if ("rwf"[nd->kind] != line[0])
				continue;
			if ((nd->name && strcasecmp(nd->name, name) == 0) || (nd->path && *ext && S_ext_match(ext, nd->path)) ||
				(!nd->name && !nd->path)) {
				sel[cur] = 1;
				matched[n] = 1;
			}
		}
	}
	if (!ok)
		goto out;
	/* A need by path that no extension answers: the content decides (a
	 * reader's probe), so every plugin of that kind is needed. */
	for (n = 0; n < reg->nneeds; n++)
		if (!matched[n] && reg->needs[n].path && reg->needs[n].kind == GALLEY__READER)
			reg->need_all = 1;
	for (n = 0; reg->need_all && n < ncands; n++)
		sel[n] |= readers[n];
	/* The full load's warnings, in its order. */
	for (n = 0; n < refused.n; n++) {
		char *end;
		size_t at = (size_t)strtoul(refused.v[n], &end, 10);
		if (at < ncands && *end == '\t')
			S_refused(reg, cands[at].path, end + 1, NULL);
	}
out:
	galley_free(matched);
	galley_free(readers);
	S_strlist_free(&refused);
	galley_buffer_dispose(&want);
	fclose(f);
	return ok;
}

int galley_registry_load(galley_registry *reg, galley_context *ctx)
{
	struct strlist dirs = {NULL, 0}, seen = {NULL, 0};
	struct cand *cands = NULL, libc;
	unsigned char *sel = NULL;
	size_t ncands = 0;
	lt_dladvise advise = NULL;
	galley_context *own = NULL;
	const char *saved_input;
	char *input = NULL, lib[PATH_MAX], cache[PATH_MAX];
	Dl_info info;
	size_t i, j, k;
	int rc, use_cache = 0, from_cache = 0;

	if (!reg)
		return galley_error(ctx, GALLEY_EUSAGE, "no registry");
	if (reg->loaded)
		return 0;
	reg->loaded = 1;
	/* Messages need a context; without one they are dropped. */
	if (!ctx && !(ctx = own = galley_context_new()))
		return GALLEY_ENOMEM;
	reg->ctx = ctx;
	/* Loader messages name the plugin file, not whatever input is current. */
	saved_input = galley_context_input_name(ctx);
	if (saved_input && !(input = galley__strdup(saved_input))) {
		rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
		goto out_ctx;
	}
	galley_context_set_input_name(ctx, NULL);

	galley__ltdl_lock();
	if ((rc = S_search_dirs(reg, &dirs)) < 0)
		goto oom;
	/* Plugins are opened by their full path, so libltdl's search path (a
	 * process-wide setting) is never used and never set: it cannot look in
	 * the current folder or LD_LIBRARY_PATH for a plugin. */
	if (lt_dladvise_init(&advise) != 0 || lt_dladvise_ext(&advise) != 0 || lt_dladvise_local(&advise) != 0) {
		rc = galley_error(ctx, GALLEY_ERROR, "cannot set up libltdl: %s", lt_dlerror());
		goto out;
	}
	/* The candidates, in load order: the first folder to hold a file name
	 * wins (that is how a --plugin-dir plugin overrides a built-in one). */
	for (i = 0; i < dirs.n; i++) {
		struct strlist files = {NULL, 0};
		galley_log(ctx, GALLEY_LOG_DEBUG, "plugin folder %s", dirs.v[i]);
		if (S_list_plugins(dirs.v[i], &files) < 0) {
			S_strlist_free(&files);
			goto oom;
		}
		for (j = 0; j < files.n; j++) {
			char path[PATH_MAX];
			struct cand *nc;
			int dup = 0;
			for (k = 0; k < seen.n && !dup; k++)
				dup = strcmp(seen.v[k], files.v[j]) == 0;
			if (dup || snprintf(path, sizeof path, "%s/%s", dirs.v[i], files.v[j]) >= (int)sizeof path)
				continue;
			if (S_strlist_push(&seen, files.v[j], strlen(files.v[j])) < 0 ||
				!(nc = galley_realloc(cands, (ncands + 1) * sizeof *nc))) {
				S_strlist_free(&files);
				goto oom;
			}
			cands = nc;
			if (!(cands[ncands].path = galley__strdup(path))) {
				S_strlist_free(&files);
				goto oom;
			}
			S_fingerprint(path, &cands[ncands++]);
		}
		S_strlist_free(&files);
	}
	if (reg->nneeds && dladdr((void *)galley_registry_load, &info) && info.dli_fname &&
		realpath(info.dli_fname, lib) && S_cache_path(&dirs, lib, cache, sizeof cache)) {
		S_fingerprint(lib, &libc);
		use_cache = libc.ok;
	}
	if (use_cache && !(sel = galley_calloc(ncands + 1, 1)))
		goto oom;
	if (use_cache)
		from_cache = S_cache_select(reg, cache, lib, &libc, cands, ncands, sel);
	reg->partial = from_cache;
	galley_log(ctx, GALLEY_LOG_DEBUG, "registry cache %s: %s", use_cache ? cache : "(none)",
		from_cache ? "used" : use_cache ? "missing or stale: loading every plugin" : "not used");
	reg->loading = 1;
	for (i = 0; i < ncands; i++)
		if ((!from_cache || sel[i]) && S_load_one(reg, advise, cands[i].path) < 0)
			goto oom;
	reg->loading = 0;
	if (use_cache && !from_cache)
		S_cache_write(reg, cache, lib, &libc, cands, ncands);
	rc = 0;
	goto out;
oom:
	rc = galley_error(ctx, GALLEY_ENOMEM, "out of memory");
out:
	reg->loading = 0;
	if (advise)
		lt_dladvise_destroy(&advise);
	galley__ltdl_unlock();
	for (i = 0; i < ncands; i++)
		galley_free(cands[i].path);
	galley_free(cands);
	galley_free(sel);
	S_strlist_free(&dirs);
	S_strlist_free(&seen);
	galley_context_set_input_name(ctx, input);
	galley_free(input);
out_ctx:
	reg->ctx = NULL;
	galley_context_free(own);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lookup                                                             */
/* ------------------------------------------------------------------ */

const galley_reader *galley_find_reader(galley_context *ctx, const char *name)
{
	return (const galley_reader *)S_find(galley_context_registry(ctx), GALLEY__READER, name);
}

const galley_writer *galley_find_writer(galley_context *ctx, const char *name)
{
	return (const galley_writer *)S_find(galley_context_registry(ctx), GALLEY__WRITER, name);
}

const galley_filter *galley_find_filter(galley_context *ctx, const char *name)
{
	return (const galley_filter *)S_find(galley_context_registry(ctx), GALLEY__FILTER, name);
}

/* Length of the extension ext when path ends in ".EXT" (case-insensitive), else 0. */
static size_t S_suffix(const char *path, size_t plen, const char *ext, size_t elen)
{
	if (!elen || plen < elen + 2 || path[plen - elen - 1] != '.' || path[plen - elen - 2] == '/')
		return 0;
	return strncasecmp(path + plen - elen, ext, elen) == 0 ? elen : 0;
}

/* The longest extension wins ("a.tei.xml" is tei, not xml); ties go to the
 * first loaded. */
static const struct galley_format *S_for_path(galley_context *ctx, int writer, const char *path)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	const struct galley_format *best = NULL;
	size_t i, best_len = 0, plen;

	if (!reg || !path)
		return NULL;
	plen = strlen(path);
	for (i = 0; i < reg->nfmts; i++) {
		const struct galley_format *f = reg->fmts[i];
		const char *p;
		if (!f->primary || f->kind != (writer ? GALLEY__WRITER : GALLEY__READER))
			continue;
		p = writer ? f->writer->extension : f->reader->extensions;
		while (p && *p) {
			size_t len, n;
			p += strspn(p, ", \t");
			len = strcspn(p, ", \t");
			if (*p == '.') /* tolerate ".txt" */
				p++, len = len ? len - 1 : 0;
			n = S_suffix(path, plen, p, len);
			if (n > best_len) {
				best = f;
				best_len = n;
			}
			p += len;
		}
	}
	return best;
}

const galley_reader *galley_reader_for_path(galley_context *ctx, const char *path)
{
	return (const galley_reader *)S_for_path(ctx, 0, path);
}

const galley_writer *galley_writer_for_path(galley_context *ctx, const char *path)
{
	return (const galley_writer *)S_for_path(ctx, 1, path);
}

/* UTF-16 or UTF-32, with a BOM or without (galley_wide_charset). */
static int S_wide(const char *data, size_t len)
{
	if (len >= 2 && (!memcmp(data, "\xFF\xFE", 2) || !memcmp(data, "\xFE\xFF", 2)))
		return 1;
	if (len >= 4 && !memcmp(data, "\x00\x00\xFE\xFF", 4))
		return 1;
	return galley_wide_charset(data, len) != NULL;
}

/* Readers probe UTF-8: text in UTF-16 or UTF-32 (an HTML page saved so,
 * standard input with no extension to go by) is probed as its first 4 KiB
 * in UTF-8, as the reader chosen will read it. */
const galley_reader *galley_reader_probe(galley_context *ctx, const char *data, size_t len)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	const struct galley_format *best = NULL;
	galley_buffer utf8 = GALLEY_BUFFER_INIT;
	int best_score = 0;
	size_t i;

	if (!reg || !data)
		return NULL;
	if (S_wide(data, len)) {
		char charset[32];
		/* whole code units; no context, so nothing is said about the cut */
		if (galley_to_utf8(NULL, data, (len < 4096 ? len : 4096) & ~(size_t)3, NULL, &utf8, charset,
			    sizeof charset) >= 0 && utf8.len) {
			data = utf8.data;
			len = utf8.len;
		}
	}
	if (len > 4096)
		len = 4096;
	for (i = 0; i < reg->nfmts; i++) {
		const struct galley_format *f = reg->fmts[i];
		int score;
		if (!f->primary || !f->reader || !f->reader->probe)
			continue;
		score = f->reader->probe(data, len);
		if (score > best_score) {
			best = f;
			best_score = score;
		}
	}
	galley_buffer_dispose(&utf8);
	return (const galley_reader *)best;
}

/* ------------------------------------------------------------------ */
/* Listing (--list-plugins, --list-*-formats)                         */
/* ------------------------------------------------------------------ */

const char *galley_format_name_at(galley_context *ctx, int writers, size_t i)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	size_t k;
	for (k = 0; reg && k < reg->nfmts; k++)
		if (reg->fmts[k]->kind == writers && i-- == 0)
			return reg->fmts[k]->name;
	return NULL;
}

size_t galley_plugin_count(galley_context *ctx)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	size_t i, n = 0;
	for (i = 0; reg && i < reg->nplugins; i++)
		n += reg->plugins[i]->desc != NULL; /* refused ones stay mapped, unlisted */
	return n;
}

int galley_plugin_info(galley_context *ctx, size_t i, const char **name, const char **version,
	const char **path, galley_buffer *formats)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	const struct plugin *pl = NULL;
	size_t k, index = 0;
	int first = 1;

	for (k = 0; reg && k < reg->nplugins && !pl; k++)
		if (reg->plugins[k]->desc && i-- == 0)
			pl = reg->plugins[index = k];
	if (!pl)
		return GALLEY_ENOTFOUND;
	if (name)
		*name = pl->desc->name;
	if (version)
		*version = pl->desc->version ? pl->desc->version : "";
	if (path)
		*path = pl->path;
	for (k = 0; formats && k < reg->nfmts; k++) {
		const struct galley_format *f = reg->fmts[k];
		if (f->plugin != index || !f->primary)
			continue;
		galley_buffer_printf(formats, "%s%s:%s", first ? "" : ",", S_kind_name(f->kind), f->name);
		first = 0;
	}
	return formats && formats->oom ? GALLEY_ENOMEM : 0;
}

size_t galley_refused_plugin_count(galley_context *ctx)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	size_t i, n = 0;
	for (i = 0; reg && i < reg->nplugins; i++)
		n += reg->plugins[i]->refused != NULL;
	return n;
}

int galley_refused_plugin_info(galley_context *ctx, size_t i, const char **path, const char **reason)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	size_t k;
	for (k = 0; reg && k < reg->nplugins; k++) {
		const struct plugin *pl = reg->plugins[k];
		if (pl->refused && i-- == 0) {
			if (path)
				*path = pl->path;
			if (reason)
				*reason = pl->refused;
			return 0;
		}
	}
	return GALLEY_ENOTFOUND;
}

/* --plugin-info: the options of one reader, writer or filter, indented. */
static void S_describe_options(galley_buffer *out, const galley_option_desc *t)
{
	if (!t) {
		galley_buffer_puts(out, "    options: not declared (any -O key is passed unchecked)\n");
		return;
	}
	if (!t->key)
		galley_buffer_puts(out, "    options: none\n");
	for (; t->key; t++) {
		galley_buffer_printf(out, "    option %s=", t->key);
		galley_option_describe(t, out);
		galley_buffer_printf(out, "%s%s\n", t->help && *t->help ? "  " : "", t->help ? t->help : "");
	}
}

int galley_plugin_describe(galley_context *ctx, const char *name, galley_buffer *out)
{
	const struct galley_registry *reg = galley_context_registry(ctx);
	const struct plugin *pl = NULL;
	size_t k, index = 0;

	if (!reg || !name || !out)
		return GALLEY_EUSAGE;
	for (k = 0; k < reg->nplugins && !pl; k++)
		if (reg->plugins[k]->desc && strcmp(reg->plugins[k]->desc->name, name) == 0)
			pl = reg->plugins[index = k];
	/* A format or filter name: the plugin that registered it. */
	for (k = 0; k < reg->nfmts && !pl; k++)
		if (strcasecmp(reg->fmts[k]->name, name) == 0)
			pl = reg->plugins[index = reg->fmts[k]->plugin];
	if (!pl)
		return GALLEY_ENOTFOUND;
	galley_buffer_printf(out, "name: %s\nversion: %s\nlicense: %s\ndescription: %s\nabi: %u.%u\npath: %s\n",
		pl->desc->name, pl->desc->version ? pl->desc->version : "", pl->desc->license ? pl->desc->license : "",
		pl->desc->description ? pl->desc->description : "", pl->desc->abi_major, pl->desc->abi_minor, pl->path);
	for (k = 0; k < reg->nfmts; k++) {
		const struct galley_format *f = reg->fmts[k];
		const char *aliases, *exts, *desc;
		if (f->plugin != index || !f->primary)
			continue;
		aliases = f->reader ? f->reader->aliases : f->writer ? f->writer->aliases : NULL;
		exts = f->reader ? f->reader->extensions : f->writer ? f->writer->extension : NULL;
		desc = f->reader ? f->reader->description : f->writer ? f->writer->description : f->filter->description;
		galley_buffer_printf(out, "%s %s\n", S_kind_name(f->kind), f->name);
		if (desc && *desc)
			galley_buffer_printf(out, "    description: %s\n", desc);
		if (aliases && *aliases)
			galley_buffer_printf(out, "    aliases: %s\n", aliases);
		if (exts && *exts)
			galley_buffer_printf(out, "    extensions: %s\n", exts);
		if (f->writer && (f->writer->flags & (GALLEY_WRITER_BINARY | GALLEY_WRITER_MANY)))
			galley_buffer_printf(out, "    flags:%s%s\n", f->writer->flags & GALLEY_WRITER_BINARY ? " binary" : "",
				f->writer->flags & GALLEY_WRITER_MANY ? " many" : "");
		S_describe_options(out, f->reader ? f->reader->options : f->writer ? f->writer->options : f->filter->options);
	}
	return out->oom ? GALLEY_ENOMEM : 0;
}
