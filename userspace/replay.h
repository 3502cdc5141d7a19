/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Judging logged frames with the kernel's own engine: one compiled table
 * per interface entry and direction, shared by every interface the entry
 * covers, exactly as the kernel shares it.
 */
#ifndef CFW_REPLAY_H
#define CFW_REPLAY_H

#include "policy.h"
#include "candump_log.h"
#include "counters_print.h"

struct cfw_replay {
	const struct cfw_policy *policy;
	struct canfw_table **tables;	/* [iface * CFW_NDIRS + dir] */
	u64 untouched;			/* frames no entry covers */
};

int cfw_replay_init(struct cfw_replay *r, const struct cfw_policy *p,
		    struct cfw_error *err);
/*
 * Judge one frame in direction dir on ifname (the frame's own when NULL).
 * Returns the entry that judged it, or NULL when none covers the interface.
 */
const struct cfw_iface *cfw_replay_frame(struct cfw_replay *r,
					 const struct cfw_log_frame *f,
					 const char *ifname, int dir,
					 struct canfw_verdict *v);
int cfw_replay_counters(const struct cfw_replay *r, struct cfw_counters *c);
void cfw_replay_free(struct cfw_replay *r);

#endif /* CFW_REPLAY_H */
