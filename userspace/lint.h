/* SPDX-License-Identifier: GPL-2.0 */
/* check -W: warnings about valid policies (lint.c). */
#ifndef CFW_LINT_H
#define CFW_LINT_H

#include "policy.h"

struct lint {
	const struct cfw_policy *p;
	const char *file;		/* the policy's, for positions */
	const char *log;		/* a log it will judge, or NULL */
	u64 log_resolution_ns;		/* the log's smallest step in time */
};

/*
 * Print each warning as "FILE:LINE:COL: warning: ..." on stderr. Returns
 * the number printed, or -1 if a table could not be built.
 */
int cfw_lint(const struct lint *l);

/*
 * The smallest step between two successive timestamps of the candump log
 * PATH: what its clock resolves. 0 and *ns set, or an exit status after
 * printing why (a log whose timestamps never move gives U64_MAX).
 */
int cfw_log_resolution(const char *path, u64 *ns);

#endif /* CFW_LINT_H */
