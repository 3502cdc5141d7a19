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

/* A timed rule the replay found silent for longer than its timeout. */
typedef void (*cfw_replay_missing_fn)(void *ctx, const struct cfw_iface *ifc,
				      int dir, u32 rule, u32 can_id,
				      u64 now_ns, u64 silent_ns);

/*
 * Timeouts are found as the kernel finds them: by a scan as the log's time
 * passes (every quarter of the shortest timeout, so a report comes at most
 * that late), and by the frame that ends a gap. Either way a gap counts
 * once, so the counters do not depend on when the scans fall.
 */
struct cfw_replay {
	const struct cfw_policy *policy;
	struct canfw_table **tables;	/* [iface * CFW_NDIRS + dir] */
	u64 untouched;			/* frames no entry covers */
	u64 scan_step_ns;		/* 0: no timeouts in the policy */
	u64 next_scan_ns;
	bool scanned;			/* next_scan_ns is set */
	cfw_replay_missing_fn missing;	/* optional */
	void *ctx;
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
/* The end of the log at now_ns: rules silent by then are missing. */
void cfw_replay_end(struct cfw_replay *r, u64 now_ns);
int cfw_replay_counters(const struct cfw_replay *r, struct cfw_counters *c);
void cfw_replay_free(struct cfw_replay *r);

#endif /* CFW_REPLAY_H */
