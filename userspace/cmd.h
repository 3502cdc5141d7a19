/* SPDX-License-Identifier: GPL-2.0 */
/* The commands of canfwctl and what they share. */
#ifndef CFW_CMD_H
#define CFW_CMD_H

#include <stdbool.h>
#include "policy.h"

/* Exit codes: scripts tell a bad policy from a broken system. */
#define CFW_EXIT_OK	0
#define CFW_EXIT_USAGE	1	/* bad usage, invalid policy or log */
#define CFW_EXIT_SYSTEM	2	/* I/O, memory, the kernel */

struct cfw_opts {
	bool json;
	int verbose;
	bool quiet;
	bool prometheus;	/* stats, replay: counters for Prometheus */
	bool handles;		/* -a: rules' handles, as nft -a shows them */
};

struct cfw_cmd {
	const char *name;
	int (*run)(int argc, char **argv, struct cfw_opts *o);
	const char *usage;
	const char *help;
	bool full_name;		/* changes the policy: never abbreviated */
};

int cmd_check(int argc, char **argv, struct cfw_opts *o);
int cmd_replay(int argc, char **argv, struct cfw_opts *o);
/* cmd_learn.c: a policy from recorded traffic */
int cmd_learn(int argc, char **argv, struct cfw_opts *o);
/* cmd_kernel.c: over generic netlink, in the caller's network namespace */
int cmd_load(int argc, char **argv, struct cfw_opts *o);
int cmd_show(int argc, char **argv, struct cfw_opts *o);
int cmd_stats(int argc, char **argv, struct cfw_opts *o);
int cmd_reset(int argc, char **argv, struct cfw_opts *o);
int cmd_flush(int argc, char **argv, struct cfw_opts *o);
/* cmd_state.c: the vehicle state, read and switched */
int cmd_state(int argc, char **argv, struct cfw_opts *o);
/* cmd_info.c */
int cmd_info(int argc, char **argv, struct cfw_opts *o);
/* cmd_monitor.c: security events from the "events" group */
int cmd_monitor(int argc, char **argv, struct cfw_opts *o);
/* cmd_dbc.c: a policy from a CAN database */
int cmd_dbc(int argc, char **argv, struct cfw_opts *o);

/* Complain about usage in one line, point at help, return CFW_EXIT_USAGE. */
int cfw_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The option getopt_long() just refused, for CMD (NULL: a global one). */
int cfw_bad_option(const char *cmd, int c, char **argv);
/* "Error: " and the message, on stderr: every error canfwctl prints. */
void cfw_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read a whole file ("-" is stdin) into a NUL-terminated buffer.
 * Returns 0, or CFW_EXIT_SYSTEM after printing why.
 */
int cfw_read_file(const char *path, char **text, size_t *len);
/* Read and parse a policy; errors are printed with their source line. */
int cfw_load_policy_file(const char *path, struct cfw_policy *p);

#endif /* CFW_CMD_H */
