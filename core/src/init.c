/* init.c — the process lifetime: galley_init() sets up the libraries that
 * keep process-wide state (libxml2's parser, libltdl) once, before any
 * thread needs them; galley_shutdown() drops the reference again. */
#include "internal.h"

#include <libxml/parser.h>
#include <ltdl.h>
#include <pthread.h>

/* The only mutable process-wide state in libgalley: the reference count,
 * and the lock that serialises libltdl (which has none of its own). */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t S_ltdl = PTHREAD_MUTEX_INITIALIZER;
static unsigned long S_refs;

int galley_init(void)
{
	int rc = 0;

	pthread_mutex_lock(&S_lock);
	if (S_refs == 0) {
		/* libxml2 initialises itself lazily on first use, which races when
		 * that first use happens in two threads at once. Idempotent. */
		xmlInitParser();
		galley__ltdl_lock();
		if (lt_dlinit() != 0)
			rc = GALLEY_ERROR;
		galley__ltdl_unlock();
	}
	if (rc == 0)
		S_refs++;
	pthread_mutex_unlock(&S_lock);
	return rc;
}

void galley_shutdown(void)
{
	pthread_mutex_lock(&S_lock);
	if (S_refs > 0 && --S_refs == 0) {
		galley__ltdl_lock();
		lt_dlexit();
		galley__ltdl_unlock();
		/* No xmlCleanupParser(): the rest of the program may use libxml2
		 * too, and libxml2 forbids using it after that call. */
	}
	pthread_mutex_unlock(&S_lock);
}

void galley__ltdl_lock(void)
{
	pthread_mutex_lock(&S_ltdl);
}

void galley__ltdl_unlock(void)
{
	pthread_mutex_unlock(&S_ltdl);
}
