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
 * A trigger or selector switched the state: FROM and TO are the state
 * words (canfw_state_index(), canfw_state_seq()), INDEX the trigger's
 * rule (CANFW_NO_RULE: the direction's) or the selector, IFNAME the
 * frame's interface or, for a missing trigger, the entry's name.
 */
typedef void (*cfw_replay_state_fn)(void *ctx, const char *ifname, int dir,
				    s64 from, s64 to, u8 cause, u32 index,
				    u64 now_ns);

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
	/*
	 * The states, one set for the whole log as the kernel keeps one per
	 * namespace: each frame is judged in the current one, and what a
	 * trigger or selector asks for is switched to before the next.
	 */
	struct canfw_states states;
	u64 state_changes;
	u32 sel_ignored;	/* the selector that ignored the last frame */
	cfw_replay_state_fn state_changed;	/* optional; ctx is passed */
};

int cfw_replay_init(struct cfw_replay *r, const struct cfw_policy *p,
		    struct cfw_error *err);
/*
 * Judge one frame in direction dir on ifname (the frame's own when NULL),
 * in the current state. Returns the entry that judged it, or NULL when
 * none covers the interface; then cfw_replay_follow() the verdict.
 */
const struct cfw_iface *cfw_replay_frame(struct cfw_replay *r,
					 const struct cfw_log_frame *f,
					 const char *ifname, int dir,
					 struct canfw_verdict *v);
/*
 * The state switch the verdict asks for, if any: the caller reports the
 * frame first, then follows it; the next frame is judged in the result.
 */
void cfw_replay_follow(struct cfw_replay *r, const struct cfw_log_frame *f,
		       const char *ifname, int dir,
		       const struct canfw_verdict *v);
/* Start in the state called NAME rather than the first; -1 if none is. */
int cfw_replay_set_state(struct cfw_replay *r, const char *name);
/* The current state's name, or NULL when the policy declares none. */
const char *cfw_replay_state(const struct cfw_replay *r);
/* The end of the log at now_ns: rules silent by then are missing. */
void cfw_replay_end(struct cfw_replay *r, u64 now_ns);
int cfw_replay_counters(const struct cfw_replay *r, struct cfw_counters *c);
void cfw_replay_free(struct cfw_replay *r);

#endif /* CFW_REPLAY_H */
