/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters of a whole policy, in the one shape that `replay` prints now
 * and `stats` will print from the kernel: per interface entry and
 * direction, then per rule.
 */
#ifndef CFW_COUNTERS_PRINT_H
#define CFW_COUNTERS_PRINT_H

#include <stdio.h>
#include "policy.h"

struct cfw_iface_counters {
	const struct cfw_iface *ifc;	/* name, mode and rule texts */
	struct canfw_dir_counters dir[CFW_NDIRS];
	struct canfw_rule_counters *rules[CFW_NDIRS];	/* ifc's nrules each */
	char **devices;		/* the devices the entry governs (kernel only) */
	size_t ndevices;
	/* States: how often triggers fired, what selectors took and ignored. */
	u64 *fired[CFW_NDIRS];		/* per rule; NULL: not known */
	u64 dir_fired[CFW_NDIRS];	/* the direction's trigger */
	u64 sel_frames[CANFW_SELECTORS_MAX];
	u64 sel_ignored[CANFW_SELECTORS_MAX];
};

struct cfw_counters {
	const struct cfw_policy *policy;	/* names the rules' states */
	/* The current state (stats) or the one a log ends in (replay). */
	bool has_state;
	char state[CANFW_STATE_NAME_LEN + 1];
	u32 state_seq;
	u32 generation;
	bool handles;		/* -a: each rule's handle too */
	size_t nifaces;
	struct cfw_iface_counters *ifaces;
};

/* Room for every rule's fired count; 0 or -ENOMEM. */
int cfw_counters_alloc_fired(struct cfw_iface_counters *ic);
/* A rule's text, with its state words when the policy is known. */
size_t cfw_counters_rule_text(char *buf, size_t size,
			      const struct cfw_counters *c,
			      const struct canfw_rule_spec *r);
void cfw_counters_print_text(FILE *f, const struct cfw_counters *c);
void cfw_counters_print_json(FILE *f, const struct cfw_counters *c);
/* counters_prom.c: the Prometheus text exposition format */
void cfw_counters_print_prometheus(FILE *f, const struct cfw_counters *c);
void cfw_counters_free(struct cfw_counters *c);

#endif /* CFW_COUNTERS_PRINT_H */
