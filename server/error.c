/* error.c - thread-local last-error message. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_error[1024];

void wp_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
}

const char *wp_error_last(void)
{
	return last_error;
}

void wp_error_clear(void)
{
	last_error[0] = '\0';
}
