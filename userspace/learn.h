/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Learning a policy from recorded traffic: what the logs showed of each
 * ID on each interface, and the rule that accepts exactly that. The
 * numbers behind every rule are kept for the comment cmd_learn.c prints
 * with it; nothing here prints.
 *
 * Each log is taken as `canfwctl replay` takes it, from the start: rates
 * and timing are derived so that replaying any of the logs learnt from
 * through the policy drops none of its frames.
 *
 * Rate. R is the most frames of the ID within any one second of a log
 * (a window [t, t + 1s)), times the margin. The burst is the smallest
 * the logs pass with at rate R, times the margin. A token bucket of rate
 * R and burst B, full at the start, passes frames t_1 <= ... <= t_n when
 * no run of them, i to j, holds more than B + R * (t_j - t_i): that
 * smallest burst is the ceiling of the largest such excess, found in one
 * pass (x_k = max(1, x_k-1 + 1 - R * (t_k - t_k-1)), in nanoframes, the
 * bucket's own units).
 *
 * Timing. An ID is periodic when it has at least 20 frames and the 90th
 * percentile of its intervals is within 50% of their median (the rule of
 * docs/detection.md); the period is that median. The jitter is the
 * smallest with which the engine's own timing code (kmod/timing.c) finds
 * no frame of the logs early, times the margin, at least a tenth of the
 * period and below it. The timeout is the longest silence the engine
 * measures (from when a frame was due to the next one, or to the end of
 * the log) times the margin, at least three periods, at most 600 s.
 *
 * Not learnt: rates and timing of IDs with fewer than min_frames frames
 * (too rare to judge: they are accepted without), and what the
 * timestamps cannot resolve: rates need them to 10 ms, a period to a
 * tenth of itself. A log without timestamps teaches IDs, kinds and
 * lengths only.
 */
#ifndef CFW_LEARN_H
#define CFW_LEARN_H

#include "candump_log.h"

#define CFW_LEARN_MARGIN_DEFAULT	1500	/* thousandths: 1.5 */
#define CFW_LEARN_MARGIN_MIN		1000
#define CFW_LEARN_MARGIN_MAX		100000
#define CFW_LEARN_MIN_FRAMES_DEFAULT	10
#define CFW_LEARN_PERIODIC_FRAMES	20	/* frames a period is judged on */
#define CFW_LEARN_RATE_RES_NS		10000000ULL	/* 10 ms */

struct cfw_learn_opts {
	u32 margin;		/* thousandths, 1000 to 100000 */
	u32 min_frames;		/* fewer: no rate, no timing */
	bool no_timing;		/* no period, jitter or timeout */
	const char *iface;	/* NULL: each frame's own interface */
};

/* Why an ID got no period, or CFW_LEARN_TIMED. */
enum cfw_learn_timing {
	CFW_LEARN_TIMED,
	CFW_LEARN_TIMING_OFF,	/* --no-timing */
	CFW_LEARN_RARE,		/* fewer than min_frames */
	CFW_LEARN_FEW,		/* fewer than CFW_LEARN_PERIODIC_FRAMES */
	CFW_LEARN_COARSE,	/* the timestamps resolve less than a tenth */
	CFW_LEARN_IRREGULAR,	/* 90th percentile beyond 1.5 x the median */
	CFW_LEARN_RANGE,	/* median below 100us or above 600 s */
	CFW_LEARN_EARLY,	/* early even with a jitter of the whole period */
};

/* A log in which an ID was seen: where its frames start, when it ended. */
struct cfw_learn_seg {
	size_t first;		/* index into times */
	u32 log;
	u64 end_ns;		/* the log's last frame, of any ID */
};

/* What the logs showed of one ID on one interface, and its rule. */
struct cfw_learn_id {
	u32 can_id;		/* CAN_EFF_FLAG for 29 bits; CAN XL: priority */
	u32 iface;		/* index into cfw_learn.ifnames */
	u8 kinds;		/* CANFW_KIND_* seen */
	u16 len_lo, len_hi;
	u8 lens[(CANFD_MAX_DLEN + 8) / 8];	/* lengths 0 to 64 seen */
	u64 *times;		/* each frame's, in log order */
	size_t n, cap;
	struct cfw_learn_seg *segs;
	u32 nsegs, segcap;
	/* From cfw_learn_finish(); intervals within a log only. */
	u64 gap_min, gap_mean, gap_median, gap_p90;	/* ns; 0: < 2 frames */
	u32 max_1s;		/* most frames in one second */
	u32 burst_need;		/* smallest burst at the rule's rate */
	u64 silence;		/* longest silence the timing measured, ns */
	u8 timing;		/* enum cfw_learn_timing */
	struct canfw_rule_spec rule;
};

struct cfw_learn {
	struct cfw_learn_opts opts;
	char (*ifnames)[CFW_IFNAME_MAX + 1];
	u32 nifaces;
	u64 *err_frames;	/* error frames per interface: not learnt */
	struct cfw_learn_id *ids;	/* sorted by cfw_learn_finish() */
	size_t nids, idcap;
	size_t *hash;		/* index + 1 into ids; 0: empty */
	size_t hashcap;
	u32 logs;		/* logs started */
	u64 frames;
	u64 log_first_ns, log_last_ns;	/* the current log's span */
	u64 seconds_ns;		/* the logs' spans, added up */
	bool log_has_frame;
	int timed;		/* as cfw_log_clock.timed, over every log */
	unsigned int res_exp;	/* timestamps are multiples of 10^res_exp ns */
	bool rates;		/* cfw_learn_finish(): fine enough for rates */
};

/*
 * Whether NAME can name a policy block as the language reads unquoted
 * names (check_name() in parser.c); with GLOB, * and ? may make it one.
 * A log's interface is no glob: it would cover other interfaces too.
 */
bool cfw_learn_block_name_ok(const char *name, bool glob);
void cfw_learn_init(struct cfw_learn *l, const struct cfw_learn_opts *o);
void cfw_learn_free(struct cfw_learn *l);
/* A new log: its frames start afresh, as a replay of it would. */
void cfw_learn_start_log(struct cfw_learn *l);
/*
 * One frame, at the time its clock gave it. -1 with *msg when its
 * interface cannot name a policy block, or memory ran out.
 */
int cfw_learn_frame(struct cfw_learn *l, const struct cfw_log_frame *f,
		    const char **msg);
void cfw_learn_end_log(struct cfw_learn *l);
/* Sort the IDs and derive their rules; -1 when memory ran out. */
int cfw_learn_finish(struct cfw_learn *l);

/*
 * learn_print.c: the policy, its comments naming LOGS; -1 when memory ran
 * out.
 */
int cfw_learn_print(FILE *out, const struct cfw_learn *l, char *const *logs,
		    int nlogs);

/* learn_rule.c: one ID's observations and rule, as above. */
int cfw_learn_derive(const struct cfw_learn *l, struct cfw_learn_id *id);

#endif /* CFW_LEARN_H */
