/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The canfw policy engine: one compiled table judges the frames of one
 * interface in one direction. A table is built once from a list of rule
 * specifications and never changes afterwards except for its counters and
 * rate-limit buckets, so readers need no lock against writers: a new policy
 * is a new set of tables.
 */
#ifndef CANFW_ENGINE_H
#define CANFW_ENGINE_H

#include "canfw_port.h"
#include "idtrie.h"
#include "ratelimit.h"
#include "timing.h"
#include "perid.h"
#include "payload.h"
#include "sender.h"
#include "state.h"

/* Upper bound for the lookup tables of one table, to refuse absurd policies. */
#define CANFW_MAX_POLICY_BYTES	(64U << 20)

/* Both ID spaces, and every kind a rule matches by ID. */
#define CANFW_SPACE_BOTH	(CANFW_SPACE_SFF | CANFW_SPACE_EFF)
#define CANFW_KIND_ALL_ID	(CANFW_KIND_DATA | CANFW_KIND_RTR | \
				 CANFW_KIND_FD | CANFW_KIND_XL)

/* CAN XL, for kernels and C libraries whose headers predate it. */
#ifndef CANXL_XLF
#define CANXL_XLF		0x80
#define CANXL_PRIO_MASK		CAN_SFF_MASK
#define CANXL_MIN_DLEN		1
#define CANXL_MAX_DLEN		2048
#define CANXL_HDR_SIZE		12
#define CANXL_MTU		(CANXL_HDR_SIZE + CANXL_MAX_DLEN)
#endif

/*
 * A further ID match of a rule over a set of IDs: the rule's first is
 * its id_match, space, id_lo and id_hi; these are the others, each a
 * range or a value and mask in one space.
 */
struct canfw_id_part {
	u8 match;		/* RANGE or MASK */
	u8 space;		/* SFF or EFF */
	u32 lo;
	u32 hi;
};

struct canfw_rule_spec {
	u8 id_match;		/* enum canfw_id_match */
	u8 space;		/* CANFW_SPACE_*; ANY may name both */
	u8 kinds;		/* CANFW_KIND_*; 0 means every non-error kind */
	u8 action;		/* enum canfw_action */
	u8 flags;		/* CANFW_RULE_* */
	u16 len_lo;		/* inclusive payload length range, bytes */
	u16 len_hi;
	u32 id_lo;		/* RANGE: lo..hi; MASK: value in id_lo, mask in id_hi */
	u32 id_hi;
	u32 rate;		/* frames per second; 0 means no rate limit */
	u32 burst;		/* frames; >= 1 when rate is set */
	u32 period_us;		/* expected period; 0: none (timing.h) */
	u32 jitter_us;		/* how early a frame may come */
	u32 timeout_us;		/* silence that makes frames missing; 0: none */
	u16 per_id;		/* rate and timing per ID, for up to this many */
	struct canfw_payload_spec payload;
	struct canfw_sender_spec sender;
	u32 states;		/* CANFW_STATE_BIT()s it applies in; 0: all */
	struct canfw_trigger_spec trigger;
	u16 nparts;		/* further ID matches, up to CANFW_ID_PARTS_MAX */
	struct canfw_id_part *parts;	/* owned by whoever holds the spec */
	/* For people, not for judging: kept to report the rule. */
	u32 handle;		/* 0: none */
	char *comment;		/* NULL: none; owned like parts */
};

struct canfw_table_spec {
	u8 dir;			/* enum canfw_dir: TX judges error flags by wire form */
	u8 default_action;	/* enum canfw_action, for frames no rule matches */
	u8 err_action;		/* default for error frames no rule matches */
	u8 mode;		/* enum canfw_mode */
	u8 log_default;		/* default drops want an event */
	u32 nrules;
	const struct canfw_rule_spec *rules;
	size_t max_bytes;	/* memory the table may use; 0: the policy's */
	u8 state_default;	/* the default action in state_default_in */
	u32 state_default_in;
	u32 nstates;		/* the policy's, for checking masks */
	struct canfw_trigger_spec trigger;	/* the direction's */
	u32 nsel;
	const struct canfw_selector_spec *sel;	/* rx only */
};

struct canfw_verdict {
	u8 action;		/* what happens to the frame (after monitor mode) */
	u8 would_drop;		/* monitor mode turned a drop into an accept */
	u8 reason;		/* enum canfw_reason */
	u8 log;			/* the verdict wants a security event */
	u8 kind;		/* CANFW_KIND_* as judged; 0: malformed */
	u8 timing;		/* enum canfw_timing_result of a timed rule */
	u32 rule;		/* deciding rule, or CANFW_NO_RULE */
	u64 interval;		/* EARLY, RECOVERED: see canfw_timing_frame() */
	/*
	 * A state the frame asks for, by a trigger or selector; the caller
	 * switches (canfw_state_switch()). cause_index is the trigger's rule
	 * (CANFW_NO_RULE: the direction's) or the selector.
	 */
	u8 to_state;		/* CANFW_NO_STATE: none */
	u8 cause;		/* enum canfw_state_cause */
	u32 cause_index;
};

/* Checks beyond ID, kind and length that a rule makes. */
#define CANFW_CHECK_PAYLOAD	0x1
#define CANFW_CHECK_SENDER	0x2

#define CANFW_NO_RULE	U32_MAX
#define CANFW_NO_BUCKET	U32_MAX
#define CANFW_NO_TIMING	U32_MAX
#define CANFW_NO_PERID	U32_MAX
#define CANFW_NO_ID	U32_MAX

/* What a frame says it is: skb->protocol in the kernel. */
enum canfw_proto {
	CANFW_PROTO_CAN,	/* ETH_P_CAN: struct can_frame */
	CANFW_PROTO_CANFD,	/* ETH_P_CANFD: struct canfd_frame */
	CANFW_PROTO_CANXL,	/* ETH_P_CANXL: struct canxl_frame */
	CANFW_PROTO_OTHER,	/* anything else sent to a CAN device */
};

/*
 * A frame as the hook or a log hands it over, before the engine has
 * classified it: the engine decides whether it is a valid classical, FD or
 * XL frame, so that the kernel and replay classify alike.
 */
struct canfw_frame {
	const u8 *data;	/* payload, its first CANFW_DATA_SPAN bytes or all */
	const struct canfw_sender *sender;	/* NULL: no socket, or unknown */
	u32 can_id;	/* CAN, CAN FD: can_id with flag bits; CAN XL: prio */
	u32 size;	/* bytes the frame occupies (skb->len) */
	u16 len;	/* payload length its header declares */
	u8 proto;	/* enum canfw_proto */
	u8 flags;	/* CAN FD: CANFD_*; CAN XL: CANXL_*, XLF set if valid */
	u8 state;	/* index of the state it is judged in */
};

struct canfw_dir_counters {
	u64 accepted;
	u64 dropped_rule;
	u64 dropped_default;
	u64 rate_limited;
	u64 would_drop;
	u64 malformed;		/* not a valid CAN, CAN FD or CAN XL frame */
	u64 early;		/* dropped as early by a timed rule */
};

/* A rule's counters as read: the per-CPU ones summed, and its state's. */
struct canfw_rule_counters {
	u64 frames;		/* frames the rule matched */
	u64 bytes;		/* their payload bytes */
	u64 rate_limited;	/* of those, over the rule's rate */
	u64 early;		/* of those, early (timed rules) */
	u64 missing;		/* times its frames went missing */
	u64 recovered;		/* times they came back */
	u64 per_id_full;	/* frames of IDs past the rule's per-id cap */
};

/* The per-frame view of a rule: only what matching and deciding need. */
struct canfw_rule {
	u8 kinds;
	u8 action;
	u8 flags;
	u8 checks;		/* CANFW_CHECK_*: the spec's payload and sender */
	u16 len_lo;
	u16 len_hi;
	u32 bucket;		/* index into buckets, or CANFW_NO_BUCKET */
	u32 timing;		/* index into timing, or CANFW_NO_TIMING */
	u32 perid;		/* index into perid, or CANFW_NO_PERID */
	u32 states;		/* CANFW_STATE_BIT()s; 0: all */
	u32 trigger;		/* index into triggers, or CANFW_NO_TRIGGER */
};

/*
 * What the per-frame path counts per rule on one CPU. Missing, recovered
 * and per-id-full events are rare and counted where the state is, so
 * they take no room in every CPU's block.
 */
struct canfw_rule_cpu_counters {
	u64 frames;
	u64 bytes;
	u64 rate_limited;
	u64 early;
};

/* One CPU's counters: the table's, then one entry per rule. */
struct canfw_cpu_counters {
	struct canfw_dir_counters dir;
	struct canfw_rule_cpu_counters rule[];
};

struct canfw_table {
	u8 dir;
	u8 default_action;
	u8 err_action;
	u8 mode;
	u8 log_default;
	u32 nrules;
	u32 nbuckets;
	u32 nerr;
	u32 ntiming;
	u32 nperid;
	u32 nparts;		/* of all its rules' sets */
	size_t comments_len;
	u64 min_timeout_ns;	/* of its rules with a timeout; 0: none */
	u8 sender_depth;	/* cgroup levels its sender rules look at */
	u8 has_sender;		/* it has sender rules: the hook reads sockets */
	struct canfw_rule *rules;
	struct canfw_bucket *buckets;
	struct canfw_timing *timing;	/* the timed rules' state, in order */
	struct canfw_perid *perid;	/* per-id rules' slot tables, in order */
	u32 *err_rules;		/* error-frame rules in order */
	u8 state_default;
	u32 state_default_in;
	u32 ntrig;
	u32 dir_trigger;	/* the direction's, or CANFW_NO_TRIGGER */
	struct canfw_trigger *triggers;
	u32 nsel;
	struct canfw_selector *sel;
	struct canfw_idtrie sff;
	struct canfw_idtrie eff;
	struct canfw_cpu_counters **pcpu;
	struct canfw_rule_spec *specs;	/* as loaded, to report the policy */
	struct canfw_id_part *parts;	/* the specs' further ID matches */
	char *comments;		/* the specs' comments, one after another */
	size_t bytes;		/* memory it uses, counters included */
};

/* Why a build failed: a fixed message and the offending rule, if any. */
struct canfw_build_error {
	const char *msg;
	u32 rule;
};

int canfw_rule_check(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_id(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_part(const struct canfw_rule_spec *r,
			  const struct canfw_id_part *part, const char **msg);
int canfw_rule_check_timing(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_per_id(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_rate(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_len(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_payload(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_sender(const struct canfw_rule_spec *r, const char **msg);
int canfw_rule_check_state(const struct canfw_rule_spec *r, u32 nstates,
			   const char **msg);
u16 canfw_kinds_max_len(u8 kinds);
int canfw_table_build(const struct canfw_table_spec *spec,
		      struct canfw_table **out, struct canfw_build_error *err);
void canfw_table_free(struct canfw_table *t);

/* table_state.c */
int canfw_table_check_states(const struct canfw_table_spec *s,
			     struct canfw_build_error *e);
size_t canfw_table_state_bytes(const struct canfw_table_spec *s);
int canfw_table_build_states(struct canfw_table *t,
			     const struct canfw_table_spec *s);
void canfw_table_free_states(struct canfw_table *t);

void canfw_frame_init(struct canfw_frame *f, u8 proto, u32 can_id, u16 len);
u8 canfw_frame_kind(const struct canfw_frame *f, u8 dir);
void canfw_table_judge(struct canfw_table *t, const struct canfw_frame *f,
		       u64 now_ns, struct canfw_verdict *v);

void canfw_table_read_counters(const struct canfw_table *t,
			       struct canfw_dir_counters *dir,
			       struct canfw_rule_counters *rules);
void canfw_table_read_rule(const struct canfw_table *t, u32 rule,
			   struct canfw_rule_counters *rc);
void canfw_table_reset_counters(struct canfw_table *t);

/*
 * Called by canfw_table_scan() for each rule, or ID of a per-id rule
 * (can_id; CANFW_NO_ID for the rule's own state), that went missing.
 */
typedef void (*canfw_missing_fn)(void *ctx, const struct canfw_table *t,
				 const struct canfw_timing *tm, u32 can_id,
				 u64 silent_ns);
u32 canfw_table_scan(struct canfw_table *t, u64 now_ns,
		     canfw_missing_fn fn, void *ctx);

#endif /* CANFW_ENGINE_H */
