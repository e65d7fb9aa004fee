/* test_language.c — galley_detect_language: scripts first, n-gram profiles
 * for Latin-script text, BCP 47 tags out, safe from several threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <pthread.h>

#include <cmocka.h>
#include <galley/plugin.h>

static const struct { const char *text, *lang; } S_cases[] = {
	{"The two sides condemned North Korea's hostile rhetoric and actions that are escalating tensions "
	 "on the Korean Peninsula and agreed to respond resolutely to any provocation.", "en"},
	{"외교부는 1월 18일 한반도평화교섭본부장이 미국 국무부 대북고위관리와 협의를 가졌다고 밝혔다.", "ko"},
	{"한반도평화교섭본부장은 Jung Pak 미 국무부 대북고위관리(Senior Official for the DPRK)와 협의하였다.", "ko"},
	{"外務省は本日、日韓外相会談を行ったと発表しました。", "ja"},
	{"中华人民共和国外交部今天举行例行记者会，发言人回答了记者提问。", "zh"},
	{"Die Bundesregierung hat heute beschlossen, die Zusammenarbeit mit den europäischen Partnern "
	 "weiter zu verstärken und die Hilfe für die Ukraine auszubauen.", "de"},
	{"Le ministre des Affaires étrangères a reçu aujourd'hui son homologue pour évoquer la situation "
	 "au Proche-Orient et la coopération entre nos deux pays.", "fr"},
	{"El Ministerio de Asuntos Exteriores anunció hoy nuevas medidas para reforzar la cooperación "
	 "regional con los países vecinos.", "es"},
	{"Министерство иностранных дел России заявило сегодня о новых мерах в ответ на санкции и "
	 "призвало партнёров продолжить переговоры.", "ru"},
	{"Το Υπουργείο Εξωτερικών ανακοίνωσε σήμερα νέα μέτρα.", "el"},
	{"משרד החוץ הודיע היום על צעדים חדשים.", "he"},
	{"กระทรวงการต่างประเทศประกาศมาตรการใหม่ในวันนี้", "th"},
};

static void test_languages(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof S_cases / sizeof S_cases[0]; i++) {
		char out[16] = "";
		int rc = galley_detect_language(S_cases[i].text, strlen(S_cases[i].text), out, sizeof out);
		if (rc != 0 || strcmp(out, S_cases[i].lang) != 0)
			fail_msg("case %zu: expected %s, got %s (%d)", i, S_cases[i].lang, out, rc);
	}
}

static void test_unknown(void **state)
{
	(void)state;
	char out[16];
	assert_int_equal(galley_detect_language("", 0, out, sizeof out), GALLEY_ENOTFOUND);
	assert_int_equal(galley_detect_language("12345 !!! --- 2024-01-18", 24, out, sizeof out), GALLEY_ENOTFOUND);
	assert_int_equal(galley_detect_language("\xFF\xFE\xC3", 3, out, sizeof out), GALLEY_ENOTFOUND);
	/* too few letters for n-grams (under 100): unknown, not a guess ("Yes."
	 * was Shuswap); a script of one language still decides */
	static const char *const short_latin[] = {"Yes.", "Hello there", "The council approved the budget today.",
		"Министерство заявило о новых мерах."};
	for (size_t i = 0; i < sizeof short_latin / sizeof short_latin[0]; i++)
		assert_int_equal(galley_detect_language(short_latin[i], strlen(short_latin[i]), out, sizeof out),
			GALLEY_ENOTFOUND);
	assert_int_equal(galley_detect_language("예", strlen("예"), out, sizeof out), 0);
	assert_string_equal(out, "ko");
	assert_int_equal(galley_detect_language("Ναι.", strlen("Ναι."), out, sizeof out), 0);
	assert_string_equal(out, "el");
	/* out takes its size: a tag that does not fit is not written */
	char small[3] = "zz";
	assert_int_equal(galley_detect_language("한국어 문장입니다", strlen("한국어 문장입니다"), small, sizeof small), 0);
	assert_string_equal(small, "ko");
	char tiny[2] = "z";
	assert_int_equal(galley_detect_language("한국어 문장입니다", strlen("한국어 문장입니다"), tiny, sizeof tiny), GALLEY_ENOTFOUND);
	assert_int_equal(tiny[0], 'z');
}

static void *S_worker(void *arg)
{
	long bad = 0;
	(void)arg;
	for (int round = 0; round < 20; round++)
		for (size_t i = 0; i < sizeof S_cases / sizeof S_cases[0]; i++) {
			char out[16] = "";
			if (galley_detect_language(S_cases[i].text, strlen(S_cases[i].text), out, sizeof out) != 0 ||
			    strcmp(out, S_cases[i].lang) != 0)
				bad++;
		}
	return (void *)bad;
}

/* Batch mode detects from several threads at once. */
static void test_threads(void **state)
{
	(void)state;
	pthread_t th[8];
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&th[i], NULL, S_worker, NULL), 0);
	for (int i = 0; i < 8; i++) {
		void *bad;
		pthread_join(th[i], &bad);
		assert_int_equal((long)bad, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
