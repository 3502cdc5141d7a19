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

size_t cfw_nl_policy_size(const struct cfw_policy *p);
void cfw_nl_put_policy(struct nlmsghdr *nlh, const struct cfw_policy *p);
int cfw_nl_policy_cb(const struct nlmsghdr *nlh, void *data);
int cfw_nl_get_policy(struct cfw_nl *nl, struct cfw_policy *p, u32 *gen);

/*
 * The kernel's policy and its counters, of one generation: c->ifaces point
 * into p. Free with cfw_counters_free() and cfw_policy_free().
 */
int cfw_nl_get_counters(struct cfw_nl *nl, struct cfw_policy *p,
			struct cfw_counters *c);

#endif /* CFW_NL_POLICY_H */
