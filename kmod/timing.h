/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timed rules: the period a rule's frames keep, and the silence after which
 * they are missing. Each timed rule has one 64-bit word of state, shared by
 * every CPU and updated with one compare-and-exchange per accepted frame:
 *
 *   bits 63..3  when the rule's next frame is due, in nanoseconds of the
 *               caller's monotonic clock, with the three low bits cleared
 *               (a precision of 8 ns);
 *   bit 2       LATE: the last accepted frame came more than the jitter
 *               after it was due;
 *   bit 1       SEEN: a frame has been accepted since the table was built;
 *   bit 0       MISSING: the scan reported the rule's frames missing.
 *
 * The schedule. A frame is early when it arrives more than the jitter
 * before it is due. The first frame is never early. After an accepted
 * frame the next one is due one period later, counted
 *   - from when this frame was due, if it came late by less than a period:
 *     an arbitration delay or a busy sender shifts one frame, and the next
 *     one, on time, must not look early (the catch-up frame). But when the
 *     frame before was late by more than the jitter too, the sender keeps
 *     a schedule of its own that runs behind: the next frame is due no
 *     later than one period less the jitter after this one. Otherwise a
 *     sender whose clock runs slow would open, right after each of its
 *     frames, a window of up to a period in which an injected frame is
 *     taken for the catch-up;
 *   - from its arrival otherwise (on time, early within the jitter, or a
 *     restart after a longer gap), so that a sender whose clock runs a
 *     little fast does not drift into being early.
 * Early frames leave the schedule as it was.
 *
 * The timeout counts from the last accepted frame's place in the schedule
 * (when it was due, one period before the next is due; for a rule with no
 * period, its arrival). The per-frame path notices a gap itself, so every
 * gap longer than the timeout is counted once as missing and once as
 * recovered, whether or not a scan ran during it: the kernel and a replay
 * of the same frames agree, however the scans fall.
 */
#ifndef CANFW_TIMING_H
#define CANFW_TIMING_H

#include "canfw_port.h"

#define CANFW_TIMING_MISSING	1ULL
#define CANFW_TIMING_SEEN	2ULL
#define CANFW_TIMING_LATE	4ULL
#define CANFW_TIMING_FLAGS	7ULL

struct canfw_timing {
	atomic64_t state;	/* see above */
	atomic64_t missing;	/* times reported missing */
	atomic64_t recovered;	/* times recovered */
	u64 period_ns;		/* 0: no period */
	u64 jitter_ns;
	u64 timeout_ns;		/* 0: no timeout */
	u32 rule;		/* index of the rule in its table */
};

/* What a frame meant for its rule's timing. */
enum canfw_timing_result {
	CANFW_TIMING_OK,
	CANFW_TIMING_EARLY,		/* *interval: since the last was due */
	CANFW_TIMING_RECOVERED,		/* *interval: the gap */
};

int canfw_timing_check(u32 period_us, u32 jitter_us, u32 timeout_us,
		       const char **msg);
void canfw_timing_init(struct canfw_timing *tm, u32 rule, u32 period_us,
		       u32 jitter_us, u32 timeout_us);
enum canfw_timing_result canfw_timing_frame(struct canfw_timing *tm,
					    u64 now_ns, u64 *interval);
bool canfw_timing_expired(struct canfw_timing *tm, u64 now_ns, u64 *silent);

#endif /* CANFW_TIMING_H */
