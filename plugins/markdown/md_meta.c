/* md_meta.c — the YAML front matter of a Markdown document: the release's
 * metadata, every string double-quoted so no YAML reader misreads it. */
#include "md.h"

#include <string.h>
#include <strings.h>

void md_yaml_string(galley_buffer *out, const char *s)
{
	size_t len = strlen(s), i = 0, n;
	galley_buffer_putc(out, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		switch (c) {
		case '"':
			galley_buffer_puts(out, "\\\"");
			i++;
			continue;
		case '\\':
			galley_buffer_puts(out, "\\\\");
			i++;
			continue;
		case '\n':
			galley_buffer_puts(out, "\\n");
			i++;
			continue;
		case '\t':
			galley_buffer_puts(out, "\\t");
			i++;
			continue;
		case '\r':
			galley_buffer_puts(out, "\\r");
			i++;
			continue;
		default:
			break;
		}
		cp = md_utf8_decode(s + i, len - i, &n);
		/* controls, C1, the Unicode line separators and the BOM are escaped:
		 * YAML forbids some and folds others */
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
		    cp == 0xFEFF || (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)))
			galley_buffer_printf(out, "\\u%04X", (unsigned)cp);
		else
			galley_buffer_append(out, s + i, n);
		i += n;
	}
	galley_buffer_putc(out, '"');
}

/* A free key is written bare only when YAML cannot read it as anything
 * but a plain string. */
static void S_key(galley_buffer *out, const char *key)
{
	static const char *const S_special[] = {"y", "n", "yes", "no", "true", "false", "on", "off",
		"null", NULL};
	const char *p;
	int bare = (*key >= 'a' && *key <= 'z') || (*key >= 'A' && *key <= 'Z');
	size_t i;
	for (p = key; *p && bare; p++)
		bare = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		       *p == '_' || *p == '-';
	for (i = 0; bare && S_special[i]; i++)
		bare = strcasecmp(key, S_special[i]) != 0;
	if (bare)
		galley_buffer_puts(out, key);
	else
		md_yaml_string(out, key);
	galley_buffer_putc(out, ':');
}

int md_front_matter(md_state *st, const galley_meta *meta)
{
	galley_buffer *out = st->out;
	size_t i, j, nkeys;
	if (!meta || galley_meta_is_empty(meta))
		return 0;
	nkeys = galley_meta_key_count(meta);
	galley_buffer_puts(out, "---\n");
	for (i = 0; i < nkeys; i++) {
		const char *key = galley_meta_key_at(meta, i);
		if (!key)
			continue;
		if (strcmp(key, "hits") == 0 && galley_meta_get_hits(meta) >= 0) {
			galley_buffer_printf(out, "hits: %lld\n", galley_meta_get_hits(meta));
		} else if (galley_meta_key_is_list(key)) {
			size_t n = galley_meta_count(meta, key);
			if (n == 0)
				continue;
			S_key(out, key);
			galley_buffer_putc(out, '\n');
			for (j = 0; j < n; j++) {
				galley_buffer_puts(out, "  - ");
				md_yaml_string(out, galley_meta_get_nth(meta, key, j));
				galley_buffer_putc(out, '\n');
			}
		} else {
			const char *v = galley_meta_get(meta, key);
			if (!v)
				continue;
			S_key(out, key);
			galley_buffer_putc(out, ' ');
			md_yaml_string(out, v);
			galley_buffer_putc(out, '\n');
		}
	}
	galley_buffer_puts(out, "---\n");
	return out->oom ? GALLEY_ENOMEM : 0;
}
