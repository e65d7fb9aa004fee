/* meta.c — a release's metadata: the known keys of INTERFACE.md (two of
 * them lists, one a number) and free key/values in insertion order. */
#include "internal.h"
#include "tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_known[] = {
	"title", "subtitle", "date", "issuer", "category", "language", "source",
	"identifier", "hits", "authors", "keywords", "description", "place",
};
#define S_NKNOWN (sizeof S_known / sizeof S_known[0])
enum { S_HITS = 8 };

typedef struct {
	char **values;
	size_t count;
} S_slot;

struct galley_meta {
	S_slot known[S_NKNOWN]; /* hits is kept as its decimal text */
	char **free_keys;
	S_slot *free_slots;
	size_t nfree;
	size_t nempty;  /* free slots holding no value (a key set, then removed) */
	size_t *hash;   /* open addressing over free_keys: index + 1, 0 empty */
	size_t hash_cap; /* a power of two, over twice nfree */
};

static size_t S_key_hash(const char *key)
{
	size_t h = 1469598103934665603u;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211u;
	return h;
}

/* Index free key i (its key set) in the hash; 0 or GALLEY_ENOMEM. */
static int S_hash_insert(galley_meta *m, size_t i)
{
	size_t j;
	if ((m->nfree + 1) * 2 > m->hash_cap) {
		size_t cap = m->hash_cap ? m->hash_cap * 2 : 16, k;
		size_t *h = galley_calloc(cap, sizeof *h);
		if (!h)
			return GALLEY_ENOMEM;
		for (k = 0; k < m->hash_cap; k++)
			if (m->hash[k]) {
				j = S_key_hash(m->free_keys[m->hash[k] - 1]) & (cap - 1);
				while (h[j])
					j = (j + 1) & (cap - 1);
				h[j] = m->hash[k];
			}
		galley_free(m->hash);
		m->hash = h;
		m->hash_cap = cap;
	}
	j = S_key_hash(m->free_keys[i]) & (m->hash_cap - 1);
	while (m->hash[j])
		j = (j + 1) & (m->hash_cap - 1);
	m->hash[j] = i + 1;
	return 0;
}

static int S_known_index(const char *key);

/* Keep nempty right around a change of key's slot s that had `was` values. */
static void S_track(galley_meta *m, const char *key, const S_slot *s, size_t was)
{
	if (S_known_index(key) >= 0)
		return; /* a known key: not counted in nempty */
	if (was && !s->count)
		m->nempty++;
	else if (!was && s->count)
		m->nempty--;
}

static int S_known_index(const char *key)
{
	size_t i;
	for (i = 0; i < S_NKNOWN; i++)
		if (strcmp(S_known[i], key) == 0)
			return (int)i;
	return -1;
}

int galley_meta_key_is_list(const char *key)
{
	return key && (strcmp(key, "authors") == 0 || strcmp(key, "keywords") == 0);
}

int galley_meta_key_is_known(const char *key)
{
	return key && S_known_index(key) >= 0;
}

galley_meta *galley__meta_new(void)
{
	return galley_calloc(1, sizeof(galley_meta));
}

static void S_slot_clear(S_slot *s)
{
	size_t i;
	for (i = 0; i < s->count; i++)
		galley_free(s->values[i]);
	galley_free(s->values);
	s->values = NULL;
	s->count = 0;
}

void galley__meta_free(galley_meta *meta)
{
	size_t i;
	if (!meta)
		return;
	for (i = 0; i < S_NKNOWN; i++)
		S_slot_clear(&meta->known[i]);
	for (i = 0; i < meta->nfree; i++) {
		galley_free(meta->free_keys[i]);
		S_slot_clear(&meta->free_slots[i]);
	}
	galley_free(meta->free_keys);
	galley_free(meta->free_slots);
	galley_free(meta->hash);
	galley_free(meta);
}

static int S_slot_add(S_slot *s, const char *value)
{
	char **p;
	char *copy = galley__strdup(value);
	if (!copy)
		return GALLEY_ENOMEM;
	/* the capacity is the next power of two: adding stays linear */
	if ((s->count & (s->count - 1)) == 0) {
		p = galley_realloc(s->values, (s->count ? 2 * s->count : 1) * sizeof *p);
		if (!p) {
			galley_free(copy);
			return GALLEY_ENOMEM;
		}
		s->values = p;
	}
	s->values[s->count++] = copy;
	return 0;
}

static S_slot *S_find(const galley_meta *meta, const char *key, int create)
{
	size_t i;
	int k;
	galley_meta *m = (galley_meta *)meta;
	char **nk;
	S_slot *ns;

	if (!meta || !key)
		return NULL;
	k = S_known_index(key);
	if (k >= 0)
		return &m->known[k];
	if (meta->hash_cap) {
		for (i = S_key_hash(key) & (meta->hash_cap - 1); meta->hash[i]; i = (i + 1) & (meta->hash_cap - 1))
			if (strcmp(meta->free_keys[meta->hash[i] - 1], key) == 0)
				return &m->free_slots[meta->hash[i] - 1];
	}
	if (!create)
		return NULL;
	if ((m->nfree & (m->nfree - 1)) == 0) { /* capacity: the next power of two */
		size_t cap = m->nfree ? 2 * m->nfree : 1;
		nk = galley_realloc(m->free_keys, cap * sizeof *nk);
		if (!nk)
			return NULL;
		m->free_keys = nk;
		ns = galley_realloc(m->free_slots, cap * sizeof *ns);
		if (!ns)
			return NULL;
		m->free_slots = ns;
	}
	m->free_keys[m->nfree] = galley__strdup(key);
	if (!m->free_keys[m->nfree])
		return NULL;
	if (S_hash_insert(m, m->nfree) < 0) {
		galley_free(m->free_keys[m->nfree]);
		return NULL;
	}
	memset(&m->free_slots[m->nfree], 0, sizeof(S_slot));
	m->nempty++; /* until a value goes in */
	return &m->free_slots[m->nfree++];
}

static int S_parse_hits(const char *value, long long *out)
{
	char *end;
	long long v;
	const char *p = value;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9')
		return GALLEY_EINVAL;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || v < 0)
		return GALLEY_EINVAL;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return GALLEY_EINVAL;
	*out = v;
	return 0;
}

/* BCP 47 casing, so every reader's "en_us", "EN-us" or "ko-kr" comes out
 * as "en-US" / "ko-KR": language lowercase, script titlecase, region
 * uppercase; '_' becomes '-'. Other subtags are lowercased. */
static void S_canonical_language(char *tag)
{
	char *p = tag;
	size_t len;
	int first = 1;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	len = strlen(p);
	memmove(tag, p, len + 1);
	while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t' || tag[len - 1] == '\n' || tag[len - 1] == '\r'))
		tag[--len] = '\0';
	p = tag;
	while (*p) {
		char *end = p;
		size_t n, i;
		while (*end && *end != '-' && *end != '_')
			end++;
		n = (size_t)(end - p);
		for (i = 0; i < n; i++) {
			char c = p[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (!first && ((n == 2) || (n == 4 && i == 0)) && c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			p[i] = c;
		}
		first = 0;
		if (!*end)
			break;
		*end = '-';
		p = end + 1;
	}
}

const char *galley_meta_get(const galley_meta *meta, const char *key)
{
	S_slot *s = S_find(meta, key, 0);
	return s && s->count ? s->values[0] : NULL;
}

int galley_meta_set(galley_meta *meta, const char *key, const char *value)
{
	S_slot *s;
	if (!meta || !key || !*key)
		return GALLEY_EINVAL;
	if (value && strcmp(key, "hits") == 0) {
		long long v;
		if (S_parse_hits(value, &v) < 0)
			return GALLEY_EINVAL;
		return galley_meta_set_hits(meta, v);
	}
	s = S_find(meta, key, value != NULL);
	if (!s)
		return value ? GALLEY_ENOMEM : 0;
	size_t was = s->count;
	int rc = 0;
	S_slot_clear(s);
	if (value)
		rc = S_slot_add(s, value);
	if (rc == 0 && value && strcmp(key, "language") == 0)
		S_canonical_language(s->values[0]);
	S_track(meta, key, s, was);
	return rc;
}

int galley_meta_add(galley_meta *meta, const char *key, const char *value)
{
	S_slot *s;
	if (!meta || !galley_meta_key_is_list(key) || !value)
		return GALLEY_EINVAL;
	s = S_find(meta, key, 1);
	if (!s)
		return GALLEY_ENOMEM;
	size_t was = s->count;
	int rc = S_slot_add(s, value);
	S_track(meta, key, s, was);
	return rc;
}

size_t galley_meta_count(const galley_meta *meta, const char *key)
{
	S_slot *s = S_find(meta, key, 0);
	return s ? s->count : 0;
}

const char *galley_meta_get_nth(const galley_meta *meta, const char *key, size_t i)
{
	S_slot *s = S_find(meta, key, 0);
	return s && i < s->count ? s->values[i] : NULL;
}

long long galley_meta_get_hits(const galley_meta *meta)
{
	long long v;
	const char *s = galley_meta_get(meta, "hits");
	if (!s || S_parse_hits(s, &v) < 0)
		return -1;
	return v;
}

int galley_meta_set_hits(galley_meta *meta, long long hits)
{
	char num[32];
	if (!meta)
		return GALLEY_EINVAL;
	if (hits < 0) {
		S_slot_clear(&meta->known[S_HITS]);
		return 0;
	}
	snprintf(num, sizeof num, "%lld", hits);
	S_slot_clear(&meta->known[S_HITS]);
	return S_slot_add(&meta->known[S_HITS], num);
}

size_t galley_meta_key_count(const galley_meta *meta)
{
	size_t i, n = 0;
	if (!meta)
		return 0;
	for (i = 0; i < S_NKNOWN; i++)
		n += meta->known[i].count > 0;
	return n + meta->nfree - meta->nempty;
}

const char *galley_meta_key_at(const galley_meta *meta, size_t idx)
{
	size_t i;
	if (!meta)
		return NULL;
	for (i = 0; i < S_NKNOWN; i++)
		if (meta->known[i].count > 0 && idx-- == 0)
			return S_known[i];
	if (meta->nempty == 0) /* no gaps: direct, so walking every key stays linear */
		return idx < meta->nfree ? meta->free_keys[idx] : NULL;
	for (i = 0; i < meta->nfree; i++)
		if (meta->free_slots[i].count > 0 && idx-- == 0)
			return meta->free_keys[i];
	return NULL;
}

int galley_meta_is_empty(const galley_meta *meta)
{
	return galley_meta_key_count(meta) == 0;
}

int galley__meta_copy(galley_meta *dst, const galley_meta *src)
{
	size_t i, j, n = galley_meta_key_count(src);
	for (i = 0; i < n; i++) {
		const char *key = galley_meta_key_at(src, i);
		size_t c = galley_meta_count(src, key);
		galley_meta_set(dst, key, NULL);
		for (j = 0; j < c; j++) {
			int rc = galley_meta_key_is_list(key)
				? galley_meta_add(dst, key, galley_meta_get_nth(src, key, j))
				: galley_meta_set(dst, key, galley_meta_get_nth(src, key, j));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}
