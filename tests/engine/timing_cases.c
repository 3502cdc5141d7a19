// SPDX-License-Identifier: GPL-2.0
/*
 * Timed rules on a fake clock: the schedule's edges, the catch-up frame,
 * clocks that step back, timeouts found by the scan or by the frame that
 * ends the gap, and timed rules inside a table.
 */
#include "helpers.h"

#ifndef MS
#define MS	1000000ULL
#endif
#define TUS	1000ULL

static void timing_set(struct canfw_timing *tm, u32 period_ms,
		       u32 jitter_us, u32 timeout_ms)
{
	canfw_timing_init(tm, 0, period_ms * 1000, jitter_us, timeout_ms * 1000);
}

static u8 at(struct canfw_timing *tm, u64 now)
{
	u64 iv;

	return canfw_timing_frame(tm, now, &iv);
}

/* Due at 110 ms with 1 ms of jitter: 109 ms is on time, 1 ns less early. */
static void minimum_interval_edges(struct kunit *test)
{
	struct canfw_timing tm;
	u64 iv = 0;

	timing_set(&tm, 10, 1000, 0);
	KUNIT_EXPECT_EQ(test, at(&tm, 100 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, canfw_timing_frame(&tm, 109 * MS - 1, &iv),
			CANFW_TIMING_EARLY);
	KUNIT_EXPECT_EQ(test, iv, 9 * MS - 1);
	/* An early frame leaves the schedule alone. */
	KUNIT_EXPECT_EQ(test, at(&tm, 109 * MS), CANFW_TIMING_OK);
	/* 109 ms was early within the jitter: due again one period on. */
	KUNIT_EXPECT_EQ(test, at(&tm, 118 * MS - 1), CANFW_TIMING_EARLY);
	KUNIT_EXPECT_EQ(test, at(&tm, 118 * MS), CANFW_TIMING_OK);
}

/* A frame held back by arbitration, then the next on time: no alarm. */
static void catch_up_after_delay(struct kunit *test)
{
	struct canfw_timing tm;

	timing_set(&tm, 10, 500, 0);
	KUNIT_EXPECT_EQ(test, at(&tm, 0), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 10 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 29 * MS + 500 * TUS), CANFW_TIMING_OK);
	/* back to back with the late one, on its own schedule */
	KUNIT_EXPECT_EQ(test, at(&tm, 30 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 40 * MS), CANFW_TIMING_OK);
	/* one catch-up only: a second frame at once is early */
	KUNIT_EXPECT_EQ(test, at(&tm, 41 * MS), CANFW_TIMING_EARLY);
	/* more than a period late is a restart: the schedule follows it */
	KUNIT_EXPECT_EQ(test, at(&tm, 75 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 80 * MS), CANFW_TIMING_EARLY);
	KUNIT_EXPECT_EQ(test, at(&tm, 85 * MS), CANFW_TIMING_OK);
}

/* A sender whose clock runs 1% fast never drifts into being early. */
static void fast_sender_no_drift(struct kunit *test)
{
	struct canfw_timing tm;
	u32 i, early = 0;

	timing_set(&tm, 10, 200, 0);
	for (i = 0; i < 10000; i++)
		early += at(&tm, (u64)i * 9900 * TUS) == CANFW_TIMING_EARLY;
	KUNIT_EXPECT_EQ(test, early, 0);
}

/*
 * A sender whose clock runs 1% slow, and an injector 2 ms after each of its
 * frames: the schedule does not fall behind the sender by more than the
 * jitter, so every injected frame stays early and the sender never is.
 */
static void slow_sender_stays_guarded(struct kunit *test)
{
	struct canfw_timing tm;
	u32 i, early = 0, sender_early = 0;

	timing_set(&tm, 10, 1000, 0);
	for (i = 0; i < 1000; i++) {
		u64 t = (u64)i * 10100 * TUS;

		sender_early += at(&tm, t) == CANFW_TIMING_EARLY;
		early += at(&tm, t + 2 * MS) == CANFW_TIMING_EARLY;
	}
	KUNIT_EXPECT_EQ(test, sender_early, 0);
	KUNIT_EXPECT_EQ(test, early, 1000);
}

/*
 * Late by less than the jitter, then held back: the catch-up is still
 * whole. Late beyond the jitter twice: the schedule follows the sender to
 * within the jitter.
 */
static void catch_up_after_small_lateness(struct kunit *test)
{
	struct canfw_timing tm;

	timing_set(&tm, 10, 1000, 0);
	KUNIT_EXPECT_EQ(test, at(&tm, 0), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 10 * MS + 900 * TUS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 28 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 30 * MS), CANFW_TIMING_OK);
	/* 5 ms late, then 6 ms: due a period less the jitter after the second */
	KUNIT_EXPECT_EQ(test, at(&tm, 45 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 56 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 64 * MS - 1), CANFW_TIMING_EARLY);
	KUNIT_EXPECT_EQ(test, at(&tm, 64 * MS), CANFW_TIMING_OK);
}

/* Injected frames between the sender's: each one early, the sender not. */
static void injection_is_early(struct kunit *test)
{
	struct canfw_timing tm;
	u32 i, early = 0, sender_early = 0;

	timing_set(&tm, 10, 1000, 0);
	for (i = 0; i < 100; i++) {
		sender_early += at(&tm, (u64)i * 10 * MS) == CANFW_TIMING_EARLY;
		early += at(&tm, (u64)i * 10 * MS + 4 * MS) ==
			 CANFW_TIMING_EARLY;
	}
	KUNIT_EXPECT_EQ(test, early, 100);
	KUNIT_EXPECT_EQ(test, sender_early, 0);
}

/* Another CPU's clock a little behind: early, never a bogus gap. */
static void timing_clock_steps_back(struct kunit *test)
{
	struct canfw_timing tm;
	u64 iv = 1;

	timing_set(&tm, 10, 1000, 0);
	KUNIT_EXPECT_EQ(test, at(&tm, 100 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, canfw_timing_frame(&tm, 100 * MS - 1000, &iv),
			CANFW_TIMING_EARLY);
	KUNIT_EXPECT_EQ(test, iv, 0);
	/* no period: the timeout alone, and a step back is no gap */
	timing_set(&tm, 0, 0, 50);
	KUNIT_EXPECT_EQ(test, at(&tm, 100 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 99 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 140 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tm.missing), 0);
}

/* The scan reports a silent rule once; its next frame recovers it. */
static void timeout_by_scan(struct kunit *test)
{
	struct canfw_timing tm;
	u64 silent = 0, iv = 0, t;

	timing_set(&tm, 10, 1000, 50);
	KUNIT_EXPECT_FALSE(test, canfw_timing_expired(&tm, 10000 * MS, &silent));
	for (t = 0; t <= 100 * MS; t += 10 * MS)
		KUNIT_EXPECT_EQ(test, at(&tm, t), CANFW_TIMING_OK);
	/* the last frame was due at 100 ms */
	KUNIT_EXPECT_FALSE(test, canfw_timing_expired(&tm, 150 * MS, &silent));
	KUNIT_EXPECT_TRUE(test, canfw_timing_expired(&tm, 150 * MS + 1, &silent));
	KUNIT_EXPECT_EQ(test, silent, 50 * MS + 1);
	KUNIT_EXPECT_FALSE(test, canfw_timing_expired(&tm, 900 * MS, &silent));
	KUNIT_EXPECT_EQ(test, canfw_timing_frame(&tm, 300 * MS, &iv),
			CANFW_TIMING_RECOVERED);
	KUNIT_EXPECT_EQ(test, iv, 200 * MS);
	KUNIT_EXPECT_EQ(test, at(&tm, 310 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tm.missing), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tm.recovered), 1);
}

/* No scan during the gap: the frame that ends it counts both. */
static void timeout_by_frame(struct kunit *test)
{
	struct canfw_timing tm;

	timing_set(&tm, 10, 1000, 50);
	KUNIT_EXPECT_EQ(test, at(&tm, 0), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 10 * MS), CANFW_TIMING_OK);
	/* 50 ms after the last was due is not yet missing */
	KUNIT_EXPECT_EQ(test, at(&tm, 60 * MS), CANFW_TIMING_OK);
	KUNIT_EXPECT_EQ(test, at(&tm, 200 * MS), CANFW_TIMING_RECOVERED);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tm.missing), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tm.recovered), 1);
}

static const char *check_msg(u32 period, u32 jitter, u32 timeout)
{
	const char *msg = NULL;

	return canfw_timing_check(period, jitter, timeout, &msg) ? msg : NULL;
}

static void settings_checked(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, check_msg(10000, 9999, 0));
	KUNIT_EXPECT_NULL(test, check_msg(0, 0, 1000));
	KUNIT_EXPECT_NULL(test, check_msg(100, 0, 0));
	KUNIT_EXPECT_STREQ(test, check_msg(0, 5, 0), "a jitter needs a period");
	KUNIT_EXPECT_STREQ(test, check_msg(99, 0, 0), "period must be 100us to 600s");
	KUNIT_EXPECT_STREQ(test, check_msg(10000, 10000, 0),
			   "jitter must be shorter than the period");
	KUNIT_EXPECT_STREQ(test, check_msg(0, 0, 999), "timeout must be 1ms to 600s");
	KUNIT_EXPECT_STREQ(test, check_msg(0, 0, 600000001),
			   "timeout must be 1ms to 600s");
	KUNIT_EXPECT_STREQ(test, check_msg(10000, 2000, 12000),
			   "timeout must be longer than the period plus its jitter");
	KUNIT_EXPECT_NULL(test, check_msg(10000, 2000, 12001));
}

static void rules_checked(struct kunit *test)
{
	static const struct canfw_rule_spec drop = {
		RANGE(SFF_SP, 1, 1), DROP, ANYLEN, .period_us = 10000,
	};
	static const struct canfw_rule_spec early_log = {
		RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .timeout_us = 10000,
		.flags = CANFW_RULE_FLAGS_EARLY_LOG,
	};
	const char *msg = NULL;

	KUNIT_EXPECT_EQ(test, canfw_rule_check(&drop, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "only accept rules can carry a period or timeout");
	KUNIT_EXPECT_EQ(test, canfw_rule_check(&early_log, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "early-log needs a period");
}

/* In a table: early frames dropped or let through, counted either way. */
static void timed_rules_in_table(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN,
		  .period_us = 10000, .jitter_us = 1000, .timeout_us = 50000 },
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, ANYLEN,
		  .period_us = 10000, .jitter_us = 1000,
		  .flags = CANFW_RULE_FLAGS_EARLY_LOG },
		{ RANGE(SFF_SP, 0x300, 0x300), ACCEPT, ANYLEN },
	};
	struct canfw_table *t = mk_table(test, rules, 3, D, CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc[3];
	struct canfw_dir_counters dc;
	struct canfw_verdict v;

	KUNIT_EXPECT_EQ(test, t->ntiming, 2);
	KUNIT_EXPECT_EQ(test, t->min_timeout_ns, 50 * MS);
	judge(t, 0x100, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	judge(t, 0x100, 8, 0, 5 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_EARLY);
	KUNIT_EXPECT_EQ(test, v.log, 1);
	KUNIT_EXPECT_EQ(test, v.interval, 5 * MS);
	judge(t, 0x200, 8, 0, 0, &v);
	judge(t, 0x200, 8, 0, 5 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_EARLY);
	KUNIT_EXPECT_EQ(test, v.log, 1);
	judge(t, 0x300, 8, 0, 5 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.timing, CANFW_TIMING_OK);
	/* 0x100's last accepted frame came (and was due) at 0 */
	KUNIT_EXPECT_EQ(test, canfw_table_scan(t, 50 * MS, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, canfw_table_scan(t, 51 * MS, NULL, NULL), 1);
	KUNIT_EXPECT_EQ(test, canfw_table_scan(t, 52 * MS, NULL, NULL), 0);
	judge(t, 0x100, 8, 0, 70 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.timing, CANFW_TIMING_RECOVERED);
	KUNIT_EXPECT_EQ(test, v.interval, 70 * MS);

	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.early, 1);
	KUNIT_EXPECT_EQ(test, dc.accepted, 5);
	KUNIT_EXPECT_EQ(test, rc[0].early, 1);
	KUNIT_EXPECT_EQ(test, rc[0].missing, 1);
	KUNIT_EXPECT_EQ(test, rc[0].recovered, 1);
	KUNIT_EXPECT_EQ(test, rc[1].early, 1);
	KUNIT_EXPECT_EQ(test, rc[1].missing, 0);
	canfw_table_read_rule(t, 0, &rc[2]);
	KUNIT_EXPECT_EQ(test, rc[2].missing, 1);
	canfw_table_reset_counters(t);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.early, 0);
	KUNIT_EXPECT_EQ(test, rc[0].missing + rc[0].recovered + rc[0].early, 0);
	canfw_table_free(t);
}

/* Monitor mode: an early frame passes and is counted as would-drop. */
static void early_in_monitor_mode(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN,
		  .period_us = 10000 },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_MONITOR);
	struct canfw_verdict v;

	judge(t, 0x100, 8, 0, 0, &v);
	judge(t, 0x100, 8, 0, MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.would_drop, 1);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_EARLY);
	canfw_table_free(t);
}

static struct kunit_case canfw_timing_cases[] = {
	KUNIT_CASE(minimum_interval_edges),
	KUNIT_CASE(catch_up_after_delay),
	KUNIT_CASE(fast_sender_no_drift),
	KUNIT_CASE(injection_is_early),
	KUNIT_CASE(slow_sender_stays_guarded),
	KUNIT_CASE(catch_up_after_small_lateness),
	KUNIT_CASE(timing_clock_steps_back),
	KUNIT_CASE(timeout_by_scan),
	KUNIT_CASE(timeout_by_frame),
	KUNIT_CASE(settings_checked),
	KUNIT_CASE(rules_checked),
	KUNIT_CASE(timed_rules_in_table),
	KUNIT_CASE(early_in_monitor_mode),
	{}
};
