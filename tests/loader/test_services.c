/* test_services.c — the core services plugins write through: zip packages
 * (EPUB's stored, extra-less mimetype first), the XML writer and cleaner,
 * and format data files overridable through "data-dir". */
#include <galley/plugin.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static unsigned S_u16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static void test_zip_epub_layout(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_zip *z = galley_zip_new(ctx);
	const unsigned char *p;
	char big[20000], name[32];
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	zip_error_t err;
	int i;
	(void)state;

	for (i = 0; i < (int)sizeof big; i++)
		big[i] = "abcdefgh\n"[i % 9];
	assert_non_null(z);
	assert_int_equal(galley_zip_add(z, "mimetype", "application/epub+zip", 20, 1), 0);
	assert_int_equal(galley_zip_add(z, "META-INF/container.xml", big, sizeof big, 0), 0);
	assert_int_equal(galley_zip_add(z, "OEBPS/empty.txt", "", 0, 0), 0);
	assert_int_equal(galley_zip_add(z, "mimetype", "x", 1, 1), GALLEY_ERROR); /* duplicate name */
	galley_zip_discard(z);

	assert_non_null(z = galley_zip_new(ctx));
	assert_int_equal(galley_zip_add(z, "mimetype", "application/epub+zip", 20, 1), 0);
	assert_int_equal(galley_zip_add(z, "META-INF/container.xml", big, sizeof big, 0), 0);
	assert_int_equal(galley_zip_add(z, "OEBPS/empty.txt", "", 0, 0), 0);
	assert_int_equal(galley_buffer_puts(&out, "X"), 0); /* appends after what is there */
	assert_int_equal(galley_zip_finish(z, &out), 0);

	/* The first local file header: signature, method 0 (stored), extra
	 * length 0, the name "mimetype", then the bytes themselves — what
	 * EPUB's OCF requires and epubcheck checks. */
	p = (const unsigned char *)out.data + 1;
	assert_memory_equal(p, "PK\3\4", 4);
	assert_int_equal(S_u16(p + 8), 0);
	assert_int_equal(S_u16(p + 26), 8);
	assert_int_equal(S_u16(p + 28), 0);
	assert_memory_equal(p + 30, "mimetype", 8);
	assert_memory_equal(p + 38, "application/epub+zip", 20);

	/* Read it back with libzip: entries in order, the big one deflated. */
	zip_error_init(&err);
	assert_non_null(src = zip_source_buffer_create(out.data + 1, out.len - 1, 0, &err));
	assert_non_null(za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &err));
	assert_int_equal(zip_get_num_entries(za, 0), 3);
	assert_string_equal(zip_get_name(za, 0, 0), "mimetype");
	assert_string_equal(zip_get_name(za, 1, 0), "META-INF/container.xml");
	assert_int_equal(zip_stat_index(za, 1, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
	assert_true(st.comp_size < st.size);
	assert_non_null(zf = zip_fopen_index(za, 1, 0));
	{
		static char back[sizeof big];
		assert_int_equal(zip_fread(zf, back, sizeof back), (zip_int64_t)sizeof back);
		assert_memory_equal(back, big, sizeof big);
	}
	zip_fclose(zf);
	zip_close(za);
	zip_error_fini(&err);
	(void)name;
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_zip_reproducible_and_empty(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer a = GALLEY_BUFFER_INIT, b = GALLEY_BUFFER_INIT;
	galley_zip *z;
	(void)state;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_non_null(z = galley_zip_new(ctx));
	assert_int_equal(galley_zip_add(z, "a.txt", "hello", 5, 0), 0);
	assert_int_equal(galley_zip_finish(z, &a), 0);
	sleep(2); /* zip times have two-second resolution */
	assert_non_null(z = galley_zip_new(ctx));
	assert_int_equal(galley_zip_add(z, "a.txt", "hello", 5, 0), 0);
	assert_int_equal(galley_zip_finish(z, &b), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);

	galley_buffer_clear(&a);
	assert_non_null(z = galley_zip_new(ctx));
	assert_int_equal(galley_zip_finish(z, &a), 0);
	assert_int_equal(a.len, 22);
	assert_memory_equal(a.data, "PK\5\6", 4);
	assert_int_equal(galley_zip_add(NULL, "x", "", 0, 0), GALLEY_EUSAGE);
	galley_buffer_dispose(&a);
	galley_buffer_dispose(&b);
	galley_context_free(ctx);
}

static void test_xml_writer(void **state)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	xmlTextWriterPtr w;
	xmlDocPtr doc;
	(void)state;

	galley_context *ctx = galley_context_new();
	galley_buffer_puts(&out, "");
	assert_non_null(w = galley_xml_writer_new(ctx, &out));
	assert_true(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) >= 0);
	assert_true(xmlTextWriterStartElement(w, BAD_CAST "doc") >= 0);
	assert_true(xmlTextWriterWriteAttribute(w, BAD_CAST "lang", BAD_CAST "ko") >= 0);
	assert_true(xmlTextWriterWriteElement(w, BAD_CAST "p", BAD_CAST "외교부 <&> \"q\"") >= 0);
	assert_true(xmlTextWriterEndDocument(w) >= 0);
	assert_int_equal(galley_xml_writer_free(w), 0);
	assert_non_null(strstr(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
	assert_non_null(strstr(out.data, "<p>외교부 &lt;&amp;&gt; &quot;q&quot;</p>"));
	assert_non_null(doc = xmlReadMemory(out.data, (int)out.len, "t.xml", NULL, XML_PARSE_NONET));
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "doc");
	xmlFreeDoc(doc);
	assert_null(galley_xml_writer_new(ctx, NULL));
	assert_null(galley_xml_writer_new(NULL, &out));
	assert_int_equal(galley_context_error_code(ctx), 0);
	galley_context_free(ctx);
	galley_buffer_dispose(&out);
}

/* libxml2's errors about a writer reach the job's context, not libxml2's
 * global handler, which is left as it was. */
static int S_generic_calls;
static void S_generic(void *data, const char *fmt, ...)
{
	(void)data;
	(void)fmt;
	S_generic_calls++;
}

static void S_other_handler(void *data, xmlErrorPtr err)
{
	(void)err;
	(*(int *)data)++;
}

static void test_xml_writer_errors(void **state)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_context *ctx = galley_context_new(), *ctx2 = galley_context_new();
	xmlTextWriterPtr w, w2;
	int others = 0;
	(void)state;

	xmlSetGenericErrorFunc(NULL, S_generic);
	xmlSetStructuredErrorFunc(&others, S_other_handler);
	assert_non_null(w = galley_xml_writer_new(ctx, &out));
	assert_true(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) >= 0);
	assert_true(xmlTextWriterStartElement(w, BAD_CAST "doc") >= 0);
	assert_int_equal(galley_xml_writer_error(w), 0);
	assert_true(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0); /* inside an element */
	assert_int_equal(galley_xml_writer_error(w), GALLEY_ERROR);
	assert_non_null(strstr(galley_context_error(ctx), "XML writer: "));
	assert_non_null(strstr(galley_context_error(ctx), "not allowed"));
	/* a writer opened meanwhile puts the handler back in order when freed */
	assert_non_null(w2 = galley_xml_writer_new(ctx2, &out));
	/* errors that are not about writing go to the handler set before */
	xmlDocPtr doc = xmlReadMemory("<a>", 3, "t.xml", NULL, XML_PARSE_NONET);
	assert_null(doc);
	assert_true(others > 0);
	assert_int_equal(galley_xml_writer_free(w2), 0);
	assert_int_equal(galley_xml_writer_free(w), GALLEY_ERROR);
	assert_int_equal(S_generic_calls, 0);
	/* ... and that handler is back */
	assert_ptr_equal(xmlStructuredErrorContext, &others);

	/* the output failing (here: a buffer out of memory) is the job's error too */
	galley_context_free(ctx);
	ctx = galley_context_new();
	galley_buffer full = GALLEY_BUFFER_INIT;
	full.oom = 1; /* as after a failed allocation */
	assert_non_null(w = galley_xml_writer_new(ctx, &full));
	(void)xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL); /* may fail already */
	(void)xmlTextWriterWriteElement(w, BAD_CAST "p", BAD_CAST "text");
	assert_int_equal(galley_xml_writer_free(w), GALLEY_ENOMEM); /* the flush fails */
	assert_int_equal(galley_context_error_code(ctx), GALLEY_ENOMEM);
	assert_non_null(strstr(galley_context_error(ctx), "XML writer"));
	assert_int_equal(S_generic_calls, 0);

	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	galley_context_free(ctx);
	galley_context_free(ctx2);
	galley_buffer_dispose(&out);
}

static void test_xml_clean(void **state)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	/* tab kept; \x01 dropped; \xff invalid -> U+FFFD; U+FFFF dropped;
	 * a UTF-8-encoded surrogate (ED A0 80) is invalid: one U+FFFD per byte. */
	static const char in[] = "a\tb\x01" "c\xff" "d\xEF\xBF\xBF" "e\xED\xA0\x80" "f é 한";
	(void)state;

	assert_int_equal(galley_xml_clean(in, sizeof in - 1, &out), 6);
	assert_string_equal(out.data, "a\tbc\xEF\xBF\xBD" "de\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "f é 한");
	galley_buffer_clear(&out);
	assert_int_equal(galley_xml_clean("plain", 5, &out), 0);
	assert_string_equal(out.data, "plain");
	assert_int_equal(galley_xml_clean("abc\xE2\x82", 5, &out), 2); /* truncated: one U+FFFD a byte */
	assert_int_equal(galley_xml_clean(NULL, 0, &out), 0);
	galley_buffer_dispose(&out);
}

static void test_format_data(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	char dir[] = "/tmp/galley-data-XXXXXX", sub[64], file[96];
	FILE *f;
	(void)state;

	assert_int_equal(galley_format_data(ctx, "docx", "styles.xml", "EMBEDDED", 8, &out), 0);
	assert_string_equal(out.data, "EMBEDDED");

	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/docx", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(file, sizeof file, "%s/styles.xml", sub);
	assert_non_null(f = fopen(file, "w"));
	fputs("FROM DISK", f);
	fclose(f);
	galley_context_set_option(ctx, "data-dir", dir);
	galley_buffer_clear(&out);
	assert_int_equal(galley_format_data(ctx, "docx", "styles.xml", "EMBEDDED", 8, &out), 0);
	assert_string_equal(out.data, "FROM DISK");
	/* A file not overridden falls back to the embedded copy. */
	galley_buffer_clear(&out);
	assert_int_equal(galley_format_data(ctx, "docx", "other.xml", "EMBEDDED", 8, &out), 0);
	assert_string_equal(out.data, "EMBEDDED");
	/* Names never leave the data folder. */
	assert_int_equal(galley_format_data(ctx, "docx", "../docx/styles.xml", "E", 1, &out), GALLEY_EUSAGE);
	assert_int_equal(galley_format_data(ctx, "..", "x", "E", 1, &out), GALLEY_EUSAGE);
	/* A folder where a file should be is an I/O error naming it. */
	unlink(file);
	assert_int_equal(mkdir(file, 0755), 0);
	assert_int_equal(galley_format_data(ctx, "docx", "styles.xml", "E", 1, &out), GALLEY_EIO);
	assert_non_null(strstr(galley_context_error(ctx), "styles.xml"));
	rmdir(file);
	rmdir(sub);
	rmdir(dir);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_epub_layout),
		cmocka_unit_test(test_zip_reproducible_and_empty),
		cmocka_unit_test(test_xml_writer),
		cmocka_unit_test(test_xml_writer_errors),
		cmocka_unit_test(test_xml_clean),
		cmocka_unit_test(test_format_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
