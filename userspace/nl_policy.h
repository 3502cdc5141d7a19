/* SPDX-License-Identifier: GPL-2.0 */
/* Policies and counters over netlink. */
#ifndef CFW_NL_POLICY_H
#define CFW_NL_POLICY_H

#include "counters_print.h"
#include "nl.h"
#include "policy.h"

struct cfw_dump_policy {
	struct cfw_policy *policy;
	u32 generation;
};

/* Where a load has got to: the entry, whether its first nest went, rules. */
struct cfw_load_cursor {
	bool states_sent;	/* the policy's states go in the first message */
	size_t iface;
	bool started;
	int dir;
	u32 rule[CFW_NDIRS];
};

/* What each rule and entry nest of one LOAD message is, by its offset. */
struct cfw_load_span {
	u32 start;
	u32 end;
	size_t iface;
	int dir;		/* -1: the entry's nest; CFW_SPAN_STATE: a state */
	u32 rule;		/* or the state's index */
};

/* A span of a state nest: which declaration the kernel refused. */
#define CFW_SPAN_STATE	(-2)

struct cfw_load_msg {
	struct cfw_load_span *spans;
	size_t nspans;
	size_t cap;
};

bool cfw_nl_put_load(struct nlmsghdr *nlh, size_t limit,
		     const struct cfw_policy *p, struct cfw_load_cursor *cur,
		     struct cfw_load_msg *m);
const struct cfw_load_span *cfw_load_find(const struct cfw_load_msg *m,
					  u32 off);
int cfw_nl_policy_cb(const struct nlmsghdr *nlh, void *data);
int cfw_nl_get_policy(struct cfw_nl *nl, struct cfw_policy *p, u32 *gen);

/*
 * The kernel's policy and its counters, of one generation: c->ifaces point
 * into p. Free with cfw_counters_free() and cfw_policy_free().
 */
int cfw_nl_get_counters(struct cfw_nl *nl, struct cfw_policy *p,
			struct cfw_counters *c);

#endif /* CFW_NL_POLICY_H */
