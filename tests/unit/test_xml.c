/* test_xml.c — the XML service's escaping and addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "galley/plugin.h"
#include "galley/sys/xml.h"

static char *S_escape(const char *s, int attr, long *removed)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	*removed = galley_xml_escape(s, strlen(s), &b, attr);
	galley_buffer_putc(&b, '\0');
	return galley_buffer_detach(&b, NULL);
}

static void test_escape(void **state)
{
	long n;
	char *s;
	(void)state;
	s = S_escape("a < b & \"c\" > d\te\nf\rg", 0, &n);
	assert_string_equal(s, "a &lt; b &amp; \"c\" &gt; d\te\nf&#13;g");
	assert_int_equal(n, 0);
	free(s);
	s = S_escape("a < b & \"c\" > d\te\nf", 1, &n);
	assert_string_equal(s, "a &lt; b &amp; &quot;c&quot; &gt; d&#9;e&#10;f");
	free(s);
	/* controls dropped, invalid UTF-8 as U+FFFD, valid UTF-8 kept: counted */
	s = S_escape("x\x01y\xffz \xc3\xa9 \xef\xbf\xbe.", 0, &n);
	assert_string_equal(s, "xy\xef\xbf\xbdz \xc3\xa9 .");
	assert_int_equal(n, 3);
	free(s);
	/* a long plain run (the word-at-a-time path) with a special at its end */
	s = S_escape("0123456789abcdefghijklmnopqrstuvwxyz<", 0, &n);
	assert_string_equal(s, "0123456789abcdefghijklmnopqrstuvwxyz&lt;");
	free(s);
}

static char *S_uri(const char *url)
{
	galley_buffer b = GALLEY_BUFFER_INIT;
	assert_int_equal(galley_uri_encode(url, &b), 0);
	galley_buffer_putc(&b, '\0');
	return galley_buffer_detach(&b, NULL);
}

#define URI(in, out) \
	do { \
		char *u_ = S_uri((in)); \
		assert_string_equal(u_, (out)); \
		free(u_); \
	} while (0)

static void test_uri_encode(void **state)
{
	(void)state;
	URI("https://example.org/a?b=1&c=2#top", "https://example.org/a?b=1&c=2#top");
	/* blanks around the address go, also percent-encoded or Unicode ones */
	URI("  \t%20https://example.org/x \xc2\xa0\xe2\x80\x8b", "https://example.org/x");
	/* inside: spaces, non-ASCII, unsafe characters, a second '#' and a bare '%' */
	URI("http://e.org/a b/\xc3\xa9<x>{|}^`\\\"#f#g%zz%41",
		"http://e.org/a%20b/%C3%A9%3Cx%3E%7B%7C%7D%5E%60%5C%22#f%23g%25zz%41");
	/* a colon before the first '/' without a scheme before it stays relative */
	URI("a b:c/d", "a%20b%3Ac/d");
	URI("1x:y", "1x%3Ay");
	URI("mailto:someone@example.org", "mailto:someone@example.org");
	URI("dir/a:b", "dir/a:b");
	URI(NULL, "");
	URI("", "");
}

static void test_uri_valid(void **state)
{
	(void)state;
	assert_true(galley_uri_valid("https://example.org/a%20b"));
	assert_true(galley_uri_valid("mailto:someone@example.org"));
	assert_true(galley_uri_valid("images/a.png"));
	assert_false(galley_uri_valid("http://a b/"));
	assert_false(galley_uri_valid("http://a%20b/"));
	assert_false(galley_uri_valid("http://[::1"));
	assert_false(galley_uri_valid("https://"));
	assert_false(galley_uri_valid("http://example.org:99999/"));
	assert_false(galley_uri_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_uri_encode),
		cmocka_unit_test(test_uri_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
