/* test_services.c — the core services plugins write through: zip packages
 * (EPUB's stored, extra-less mimetype first; entries deflated in advance;
 * archives read back), the XML writer, cleaner and escaper, images to
 * embed, and format data files overridable through "data-dir". */
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

static void test_xml_escape(void **state)
{
	galley_buffer out = GALLEY_BUFFER_INIT;
	static const char in[] = "a<b>&\"c\rd\te\nf\x01g\xff" "h\xEF\xBF\xBF" "i é";
	(void)state;

	assert_int_equal(galley_xml_escape(in, sizeof in - 1, &out, 0), 3);
	assert_string_equal(out.data, "a&lt;b&gt;&amp;\"c&#13;d\te\nfg\xEF\xBF\xBDhi é");
	galley_buffer_clear(&out);
	assert_int_equal(galley_xml_escape(in, sizeof in - 1, &out, 1), 3);
	assert_string_equal(out.data, "a&lt;b&gt;&amp;&quot;c&#13;d&#9;e&#10;fg\xEF\xBF\xBDhi é");
	galley_buffer_clear(&out);
	assert_int_equal(galley_xml_escape("plain", 5, &out, 0), 0);
	assert_string_equal(out.data, "plain");
	galley_buffer_dispose(&out);
}

/* Entries deflated by the service and given deflated, then read back with
 * galley_unzip; bad archives are errors naming the file. */
static void test_zip_deflated_and_unzip(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer a = GALLEY_BUFFER_INIT, big = GALLEY_BUFFER_INIT, back = GALLEY_BUFFER_INIT;
	/* "hello" as one stored deflate block: BFINAL, LEN 5, NLEN */
	static const unsigned char hello[] = {0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o'};
	char dir[] = "/tmp/galley-unzip-XXXXXX", path[128];
	galley_unzip *u;
	galley_zip *z;
	FILE *f;
	int i;
	(void)state;

	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 2000; i++)
		galley_buffer_printf(&big, "<p n=\"%d\">line %d</p>\n", i % 7, i);
	assert_non_null(z = galley_zip_new(ctx));
	assert_int_equal(galley_zip_add(z, "big.xml", big.data, big.len, 0), 0);
	assert_int_equal(galley_zip_add_deflated(z, "hello.txt", hello, sizeof hello, 5, 0x3610a686ul), 0);
	assert_int_equal(galley_zip_add(z, "stored.txt", "stored", 6, 1), 0);
	assert_int_equal(galley_zip_finish(z, &a), 0);
	assert_true(a.len < big.len / 4); /* deflated */
	snprintf(path, sizeof path, "%s/a.zip", dir);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(a.data, 1, a.len, f), a.len);
	fclose(f);
	assert_non_null(u = galley_unzip_open(ctx, path));
	assert_int_equal(galley_unzip_read(u, "big.xml", &back), 0);
	assert_int_equal(back.len, big.len);
	assert_memory_equal(back.data, big.data, big.len);
	galley_buffer_clear(&back);
	assert_int_equal(galley_unzip_read(u, "hello.txt", &back), 0); /* libzip checks the CRC given */
	assert_string_equal(back.data, "hello");
	galley_buffer_clear(&back);
	assert_int_equal(galley_unzip_read(u, "stored.txt", &back), 0);
	assert_string_equal(back.data, "stored");
	assert_int_equal(galley_unzip_read(u, "none", &back), GALLEY_ENOTFOUND);
	galley_unzip_close(u);
	/* not a zip, missing: errors naming the file */
	snprintf(path, sizeof path, "%s/not.zip", dir);
	assert_non_null(f = fopen(path, "wb"));
	fputs("not a zip archive at all", f);
	fclose(f);
	assert_null(galley_unzip_open(ctx, path));
	assert_non_null(strstr(galley_context_error(ctx), "not.zip: not a zip archive"));
	unlink(path);
	snprintf(path, sizeof path, "%s/missing.zip", dir);
	assert_null(galley_unzip_open(ctx, path));
	assert_int_equal(galley_context_error_code(ctx), GALLEY_EIO);
	assert_non_null(strstr(galley_context_error(ctx), "missing.zip"));
	snprintf(path, sizeof path, "%s/a.zip", dir);
	unlink(path);
	rmdir(dir);
	galley_buffer_dispose(&a);
	galley_buffer_dispose(&big);
	galley_buffer_dispose(&back);
	galley_context_free(ctx);
}

/* A 3x2 PNG: the signature and an IHDR chunk are all the sniffer reads. */
static const unsigned char S_png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0};

static void test_image_sniff(void **state)
{
	static const unsigned char gif[] = "GIF89a\x05\x00\x07\x00";
	static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08,
		0x00, 0x09, 0x00, 0x0b, 0x03};
	galley_image_info info;
	(void)state;

	assert_int_equal(galley_image_sniff(S_png, sizeof S_png, &info), 1);
	assert_string_equal(info.type, "image/png");
	assert_int_equal(info.width, 3);
	assert_int_equal(info.height, 2);
	assert_int_equal(galley_image_sniff(gif, sizeof gif - 1, &info), 1);
	assert_string_equal(info.ext, "gif");
	assert_int_equal(info.width, 5);
	assert_int_equal(info.height, 7);
	assert_int_equal(galley_image_sniff(jpeg, sizeof jpeg, &info), 1);
	assert_string_equal(info.type, "image/jpeg");
	assert_int_equal(info.width, 11);
	assert_int_equal(info.height, 9);
	assert_int_equal(galley_image_sniff("<svg/>", 6, &info), 0);
	assert_int_equal(galley_image_sniff(S_png, 20, &info), 0); /* cut short */
	assert_true(galley_url_is_remote("https://example.org/a.png"));
	assert_true(galley_url_is_remote("//example.org/a.png"));
	assert_true(galley_url_is_remote("mailto:a@b"));
	assert_false(galley_url_is_remote("data:image/png;base64,AAAA"));
	assert_false(galley_url_is_remote("file:///tmp/a.png"));
	assert_false(galley_url_is_remote("img/a.png"));
	assert_false(galley_url_is_remote("C:/a.png"));
}

/* Local images: inside the input's folder only; data: URIs; nothing remote. */
static void test_image_load(void **state)
{
	galley_context *ctx = galley_context_new();
	galley_buffer out = GALLEY_BUFFER_INIT;
	galley_image_info info;
	char dir[] = "/tmp/galley-img-XXXXXX", p[256], in[256], url[300];
	FILE *f;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/in", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/in/img", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/in/img/a b.png", dir);
	assert_non_null(f = fopen(p, "wb"));
	fwrite(S_png, 1, sizeof S_png, f);
	fclose(f);
	snprintf(p, sizeof p, "%s/out.png", dir);
	assert_non_null(f = fopen(p, "wb"));
	fwrite(S_png, 1, sizeof S_png, f);
	fclose(f);
	snprintf(url, sizeof url, "%s/in/img/link.png", dir);
	assert_int_equal(symlink("../../out.png", url), 0);
	snprintf(in, sizeof in, "%s/in/page.html", dir);

	assert_int_equal(galley_image_load(ctx, in, "img/a%20b.png", &out, &info), 1);
	assert_int_equal(out.len, sizeof S_png);
	assert_int_equal(info.width, 3);
	galley_buffer_clear(&out);
	assert_int_equal(galley_image_load(ctx, in, "img/../img/a%20b.png", &out, &info), 0);
	assert_int_equal(galley_image_load(ctx, in, "../out.png", &out, &info), 0);
	assert_int_equal(galley_image_load(ctx, in, "img/link.png", &out, &info), 0); /* a symlink out */
	snprintf(url, sizeof url, "%s/out.png", dir);
	assert_int_equal(galley_image_load(ctx, in, url, &out, &info), 0);     /* absolute */
	snprintf(url, sizeof url, "file://%s/out.png", dir);
	assert_int_equal(galley_image_load(ctx, in, url, &out, &info), 0);
	assert_int_equal(galley_image_load(ctx, in, "https://example.org/a.png", &out, &info), 0);
	assert_int_equal(galley_image_load(ctx, in, "img/none.png", &out, &info), 0);
	assert_int_equal(out.len, 0);
	/* the context's input name when no base is given */
	galley_context_set_input_name(ctx, in);
	assert_int_equal(galley_image_load(ctx, NULL, "img/a%20b.png", &out, &info), 1);
	galley_buffer_clear(&out);
	/* the PNG as a data: URI (base64 of S_png), whatever type it claims */
	assert_int_equal(galley_image_load(ctx, NULL,
		"data:image/gif;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAAAAAAA", &out, &info), 1);
	assert_string_equal(info.type, "image/png");
	galley_buffer_clear(&out);
	assert_int_equal(galley_image_load(ctx, NULL, "data:text/plain;base64,aGVsbG8=", &out, &info), 0);

	snprintf(p, sizeof p, "%s/in/img/link.png", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/in/img/a b.png", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/in/img", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/in", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/out.png", dir);
	unlink(p);
	rmdir(dir);
	galley_buffer_dispose(&out);
	galley_context_free(ctx);
}

static void test_document_path(void **state)
{
	galley_context *ctx = galley_context_new();
	(void)state;
	assert_null(galley_context_document_path(ctx, 0));
	assert_int_equal(galley_context_set_document_path(ctx, 2, "c/r.html"), 0);
	assert_string_equal(galley_context_document_path(ctx, 2), "c/r.html");
	assert_null(galley_context_document_path(ctx, 1));
	assert_null(galley_context_document_path(ctx, 7));
	assert_int_equal(galley_context_set_document_path(ctx, 2, NULL), 0);
	assert_null(galley_context_document_path(ctx, 2));
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
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_zip_deflated_and_unzip),
		cmocka_unit_test(test_image_sniff),
		cmocka_unit_test(test_image_load),
		cmocka_unit_test(test_document_path),
		cmocka_unit_test(test_format_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
