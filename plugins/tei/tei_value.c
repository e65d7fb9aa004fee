/* tei_value.c — attribute values tei_all checks by datatype: W3C dates for
 * @when, URIs for @target/@url, single tokens for @type, language tags. */
#include "tei.h"

#include <string.h>

static int S_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int S_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int S_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int S_xdigit(int c)
{
	return S_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Trim s to [*start, *end). */
static void S_trim(const char *s, size_t *start, size_t *end)
{
	size_t a = 0, b = strlen(s);
	while (a < b && S_space((unsigned char)s[a]))
		a++;
	while (b > a && S_space((unsigned char)s[b - 1]))
		b--;
	*start = a;
	*end = b;
}

/* n decimal digits at s as a number, or -1. */
static int S_num(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (!S_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int S_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int tei_w3c_date(const char *s, char *out, size_t outsz)
{
	size_t a, b, n, i;
	const char *p;
	int y, m, d, hh, mm, ss;
	char buf[64];
	size_t len = 0;

	if (!s || !out || outsz < 41)
		return 0;
	S_trim(s, &a, &b);
	p = s + a;
	n = b - a;
	if (n < 4 || n >= sizeof buf || (y = S_num(p, 4)) <= 0)
		return 0;
	memcpy(buf, p, 4);
	len = 4;
	if (n == 4)
		goto done;
	if (n < 7 || p[4] != '-' || (m = S_num(p + 5, 2)) < 1 || m > 12)
		return 0;
	memcpy(buf + len, p + 4, 3);
	len += 3;
	if (n == 7)
		goto done;
	if (n < 10 || p[7] != '-' || (d = S_num(p + 8, 2)) < 1 || d > S_days_in_month(y, m))
		return 0;
	memcpy(buf + len, p + 7, 3);
	len += 3;
	if (n == 10)
		goto done;
	/* A timestamp: "T" (or a space) hh:mm[:ss[.fff]][Z|±hh:mm]. */
	if (n < 16 || (p[10] != 'T' && p[10] != ' ') || p[13] != ':')
		return 0;
	if ((hh = S_num(p + 11, 2)) < 0 || hh > 23 || (mm = S_num(p + 14, 2)) < 0 || mm > 59)
		return 0;
	buf[len++] = 'T';
	memcpy(buf + len, p + 11, 5);
	len += 5;
	i = 16;
	if (i < n && p[i] == ':') {
		if (i + 3 > n || (ss = S_num(p + i + 1, 2)) < 0 || ss > 59)
			return 0;
		memcpy(buf + len, p + i, 3);
		len += 3;
		i += 3;
		if (i < n && p[i] == '.') {
			size_t f = i + 1;
			while (f < n && S_digit((unsigned char)p[f]))
				f++;
			if (f == i + 1)
				return 0;
			memcpy(buf + len, p + i, f - i);
			len += f - i;
			i = f;
		}
	} else {
		memcpy(buf + len, ":00", 3);
		len += 3;
	}
	if (i < n && p[i] == 'Z') {
		buf[len++] = 'Z';
		i++;
	} else if (i < n && (p[i] == '+' || p[i] == '-')) {
		int th, tm;
		if (i + 6 > n || p[i + 3] != ':' || (th = S_num(p + i + 1, 2)) < 0 || th > 14 ||
			(tm = S_num(p + i + 4, 2)) < 0 || tm > 59 || (th == 14 && tm != 0))
			return 0;
		memcpy(buf + len, p + i, 6);
		len += 6;
		i += 6;
	}
	if (i != n)
		return 0;
done:
	if (len >= outsz)
		return 0;
	memcpy(out, buf, len);
	out[len] = '\0';
	return 1;
}

/* Zero-width spaces, joiners, BOMs and no-break spaces around a URL are
 * pasting accidents, not part of it. */
static size_t S_invisible_at(const char *s, size_t i, size_t end)
{
	static const char *const seqs[] = {"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0",
		"\xef\xbb\xbf", "\xc2\xa0"};
	size_t k;
	for (k = 0; k < sizeof seqs / sizeof *seqs; k++) {
		size_t n = strlen(seqs[k]);
		if (i + n <= end && !memcmp(s + i, seqs[k], n))
			return n;
	}
	return S_space((unsigned char)s[i]) ? 1 : 0;
}

static void S_trim_invisible(const char *s, size_t *start, size_t *end)
{
	size_t n, k;
	while (*start < *end && (n = S_invisible_at(s, *start, *end)) > 0)
		*start += n;
	for (k = *end; k > *start;) {
		size_t back = k - *start < 3 ? k - *start : 3;
		int found = 0;
		for (; back > 0; back--) {
			if ((n = S_invisible_at(s, k - back, k)) == back) {
				k -= back;
				found = 1;
				break;
			}
		}
		if (!found)
			break;
	}
	*end = k;
}

/* An IPv4 dotted quad as RFC 3986 has it (no leading zeros). */
static int S_ipv4(const char *s, size_t n)
{
	size_t i = 0, parts = 0;
	while (parts < 4) {
		size_t start = i;
		int v = 0;
		while (i < n && S_digit((unsigned char)s[i]) && i - start < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == start || v > 255 || (i - start > 1 && s[start] == '0'))
			return 0;
		if (++parts < 4 && (i >= n || s[i++] != '.'))
			return 0;
	}
	return i == n;
}

/* An RFC 3986 IPv6address: eight groups of 1-4 hex digits, or fewer with
 * one "::", the last two may be an IPv4 address. */
static int S_ipv6(const char *s, size_t n)
{
	size_t i = 0, groups = 0;
	int gap = 0;
	if (n >= 2 && s[0] == ':' && s[1] == ':')
		gap = 1, i = 2;
	while (i < n) {
		size_t start = i;
		while (i < n && S_xdigit((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == '.') {
			if (!S_ipv4(s + start, n - start))
				return 0;
			groups += 2;
			break;
		}
		if (i == start || i - start > 4)
			return 0;
		groups++;
		if (i == n)
			break;
		if (s[i++] != ':' || i == n)
			return 0;
		if (s[i] == ':') {
			if (gap)
				return 0;
			gap = 1;
			i++;
		}
	}
	return gap ? groups <= 7 : groups == 8;
}

/* Where the brackets of an IP-literal host ("scheme://user@[::1]:80/")
 * sit in url[start..end), the authority; 0 when it has none that
 * validators accept (then every bracket is percent-encoded). */
static int S_ip_literal(const char *url, size_t start, size_t end, size_t *open, size_t *close)
{
	size_t i, host = start;
	for (i = start; i < end; i++)
		if (url[i] == '@')
			host = i + 1;
	if (host >= end || url[host] != '[')
		return 0;
	for (i = host + 1; i < end && url[i] != ']'; i++)
		;
	if (i == end || !S_ipv6(url + host + 1, i - host - 1))
		return 0;
	*open = host;
	*close = i;
	/* then nothing, or a port */
	if (++i < end) {
		if (url[i++] != ':')
			return 0;
		for (; i < end; i++)
			if (!S_digit((unsigned char)url[i]))
				return 0;
	}
	return 1;
}

int tei_uri(const char *url, galley_buffer *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t a, b, i, auth_start = 0, auth_end = 0, ip_open = 0, ip_close = 0, hier, slash = (size_t)-1;
	int seen_hash = 0, has_scheme, in_path = 0, ip = 0;

	if (!url)
		return 0;
	S_trim(url, &a, &b);
	S_trim_invisible(url, &a, &b);
	for (i = a; i < b && (S_alpha((unsigned char)url[i]) ||
		(i > a && (S_digit((unsigned char)url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.'))); i++)
		;
	has_scheme = i > a && i < b && url[i] == ':';
	hier = has_scheme ? i + 1 : a;
	/* "x:", "x:#f", "x://" and "//" are no URIs to validators (an
	 * authority or a path must follow): an empty path "/" makes them one. */
	if (has_scheme && (hier == b || url[hier] == '#'))
		slash = hier;
	else if (b - hier == 2 && url[hier] == '/' && url[hier + 1] == '/')
		slash = b;
	/* An IP-literal host is the only place brackets may stay: "scheme://[::1]/"
	 * (validators check its address: "[zz]" or "exampl[.org" are no URIs). */
	if (has_scheme && i + 2 < b && url[i + 1] == '/' && url[i + 2] == '/') {
		auth_start = i + 3;
		for (auth_end = auth_start; auth_end < b && !strchr("/?#", url[auth_end]); auth_end++)
			;
		ip = S_ip_literal(url, auth_start, auth_end, &ip_open, &ip_close);
	}
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)url[i];
		int encode = c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c) != NULL;
		if (c == '%' && !(i + 2 < b && S_xdigit((unsigned char)url[i + 1]) && S_xdigit((unsigned char)url[i + 2])))
			encode = 1;
		if (c == '#')
			encode = seen_hash++ > 0;
		if ((c == '[' || c == ']') && !(ip && (i == ip_open || i == ip_close)))
			encode = 1;
		/* Without a scheme, a ":" in the first segment would read as one (RFC 3986 4.2). */
		if (c == ':' && !has_scheme && !in_path)
			encode = 1;
		if (c == '/' || c == '?' || c == '#')
			in_path = 1;
		if (i == slash && galley_buffer_putc(out, '/') < 0)
			return GALLEY_ENOMEM;
		if (encode) {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			if (galley_buffer_append(out, e, 3) < 0)
				return GALLEY_ENOMEM;
		} else if (galley_buffer_putc(out, c) < 0) {
			return GALLEY_ENOMEM;
		}
	}
	if (slash == b && galley_buffer_putc(out, '/') < 0)
		return GALLEY_ENOMEM;
	return 0;
}

int tei_token(const char *s, galley_buffer *out)
{
	int n = 0, gap = 0;

	if (!s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7F) {
			gap = 1;
			continue;
		}
		if (gap && n > 0) {
			if (galley_buffer_putc(out, '-') < 0)
				return GALLEY_ENOMEM;
			n++;
		}
		gap = 0;
		if (galley_buffer_putc(out, c) < 0)
			return GALLEY_ENOMEM;
		n++;
	}
	return n;
}

int tei_lang(const char *s, char *out, size_t outsz)
{
	size_t a, b, i, seg = 0, nseg = 0;

	if (!s || !out)
		return 0;
	S_trim(s, &a, &b);
	if (b == a || b - a >= outsz)
		return 0;
	for (i = a; i <= b; i++) {
		char c = i < b ? s[i] : '-';
		if (c == '_')
			c = '-';
		if (c == '-') {
			if (seg == 0 || seg > 8)
				return 0;
			seg = 0;
			nseg++;
		} else if (S_alpha((unsigned char)c) || (nseg > 0 && S_digit((unsigned char)c))) {
			seg++;
		} else {
			return 0;
		}
		if (i < b)
			out[i - a] = c;
	}
	out[b - a] = '\0';
	return 1;
}
