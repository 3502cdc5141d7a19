/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test programs print one "ok NAME" or "not ok NAME" line per case,
 * with details for failures on the lines before, and exit non-zero if any
 * case failed; run.sh and `make check` count those lines.
 */
#ifndef CFW_TAP_H
#define CFW_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int tap_failed;
static int tap_passed;

static inline __attribute__((format(printf, 2, 3)))
bool tap_result(bool ok, const char *fmt, ...)
{
	va_list ap;

	fputs(ok ? "ok " : "not ok ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (ok)
		tap_passed++;
	else
		tap_failed++;
	return ok;
}

static inline __attribute__((format(printf, 1, 2)))
void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline int tap_exit(void)
{
	printf("# %d passed, %d failed\n", tap_passed, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif /* CFW_TAP_H */
