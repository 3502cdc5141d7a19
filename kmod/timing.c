// SPDX-License-Identifier: GPL-2.0
/* Timed rules: the schedule and timeout described in timing.h. */
#include "timing.h"
#include "include/uapi/linux/canfw.h"

#define US	1000ULL

/**
 * canfw_timing_check() - whether a rule's timing settings make sense
 * @period_us: expected period, 0 for none
 * @jitter_us: how early a frame may come
 * @timeout_us: silence after which frames are missing, 0 for none
 * @msg: why they do not
 *
 * Context: Any.
 * Return: 0, or a negative errno with @msg set.
 */
int canfw_timing_check(u32 period_us, u32 jitter_us, u32 timeout_us,
		       const char **msg)
{
	if (!period_us && jitter_us) {
		*msg = "a jitter needs a period";
		return -EINVAL;
	}
	if (period_us && (period_us < CANFW_PERIOD_MIN ||
			  period_us > CANFW_TIME_MAX)) {
		*msg = "period must be 100us to 600s";
		return -ERANGE;
	}
	if (period_us && jitter_us >= period_us) {
		*msg = "jitter must be shorter than the period";
		return -EINVAL;
	}
	if (timeout_us && (timeout_us < CANFW_TIMEOUT_MIN ||
			   timeout_us > CANFW_TIME_MAX)) {
		*msg = "timeout must be 1ms to 600s";
		return -ERANGE;
	}
	if (timeout_us && (u64)timeout_us <= (u64)period_us + jitter_us) {
		*msg = "timeout must be longer than the period plus its jitter";
		return -EINVAL;
	}
	return 0;
}

void canfw_timing_init(struct canfw_timing *tm, u32 rule, u32 period_us,
		       u32 jitter_us, u32 timeout_us)
{
	atomic64_set(&tm->state, 0);
	atomic64_set(&tm->missing, 0);
	atomic64_set(&tm->recovered, 0);
	tm->period_ns = period_us * US;
	tm->jitter_ns = jitter_us * US;
	tm->timeout_ns = timeout_us * US;
	tm->rule = rule;
}

/**
 * canfw_timing_frame() - a frame of a timed rule arrived
 * @tm: the rule's timing
 * @now_ns: the arrival, on a monotonic clock (a log's timestamps in replay)
 * @interval: for EARLY, nanoseconds since the previous frame was due; for
 *	RECOVERED, the length of the gap
 *
 * A clock that reads a little behind another CPU's makes a frame look
 * earlier than it is, never later: two frames on two CPUs within the
 * jitter of each other count as one on time and one early, as they would
 * on one CPU.
 *
 * Context: Any; lock-free.
 * Return: what the frame means for the rule.
 */
enum canfw_timing_result canfw_timing_frame(struct canfw_timing *tm,
					    u64 now_ns, u64 *interval)
{
	s64 old = atomic64_read(&tm->state);
	u64 due, anchor, next, behind, late;
	bool gap;

	do {
		bool seen = old & CANFW_TIMING_SEEN;

		due = (u64)old & ~CANFW_TIMING_FLAGS;
		anchor = due - tm->period_ns;
		if (seen && tm->period_ns &&
		    (s64)(now_ns + tm->jitter_ns - due) < 0) {
			*interval = (s64)(now_ns - anchor) > 0 ?
				    now_ns - anchor : 0;
			return CANFW_TIMING_EARLY;
		}
		gap = seen && tm->timeout_ns &&
		      (s64)(now_ns - anchor) > (s64)tm->timeout_ns;
		late = 0;
		/* Late by less than a period: keep the sender's schedule. */
		if (seen && tm->period_ns && (s64)(now_ns - due) >= 0 &&
		    now_ns - due < tm->period_ns) {
			next = due + tm->period_ns;
			/* Late twice: follow a schedule that runs behind. */
			behind = now_ns + tm->period_ns - tm->jitter_ns;
			if ((old & CANFW_TIMING_LATE) && (s64)(behind - next) > 0)
				next = behind;
			if (now_ns - due > tm->jitter_ns)
				late = CANFW_TIMING_LATE;
		} else {
			next = now_ns + tm->period_ns;
		}
	} while (!atomic64_try_cmpxchg(&tm->state, &old,
				       (s64)((next & ~CANFW_TIMING_FLAGS) |
					     CANFW_TIMING_SEEN | late)));

	if (!(old & CANFW_TIMING_MISSING) && !gap)
		return CANFW_TIMING_OK;
	/* Gone silent and back between two scans: both at once. */
	if (!(old & CANFW_TIMING_MISSING))
		atomic64_inc(&tm->missing);
	atomic64_inc(&tm->recovered);
	*interval = now_ns - anchor;
	return CANFW_TIMING_RECOVERED;
}

/**
 * canfw_timing_expired() - whether a timed rule's frames just went missing
 * @tm: the rule's timing
 * @now_ns: the time of the scan, on the frames' clock
 * @silent: how long the rule has been silent
 *
 * Marks the rule missing once per gap; a frame arriving meanwhile wins.
 * A rule that has never seen a frame is not missing: it may belong to a
 * node that is not on this bus.
 *
 * Context: Any; lock-free.
 * Return: true if the rule went missing now.
 */
bool canfw_timing_expired(struct canfw_timing *tm, u64 now_ns, u64 *silent)
{
	s64 old = atomic64_read(&tm->state);
	u64 anchor;

	if (!tm->timeout_ns || !(old & CANFW_TIMING_SEEN) ||
	    (old & CANFW_TIMING_MISSING))
		return false;
	anchor = ((u64)old & ~CANFW_TIMING_FLAGS) - tm->period_ns;
	if ((s64)(now_ns - anchor) <= (s64)tm->timeout_ns)
		return false;
	if (!atomic64_try_cmpxchg(&tm->state, &old,
				  old | (s64)CANFW_TIMING_MISSING))
		return false;
	atomic64_inc(&tm->missing);
	*silent = now_ns - anchor;
	return true;
}
