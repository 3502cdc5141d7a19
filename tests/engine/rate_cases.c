// SPDX-License-Identifier: GPL-2.0
/* Token buckets driven by a fake clock: exact counts, edges, overflow. */
#include "helpers.h"

#define MS	1000000ULL
#define S	1000000000ULL

/* Take frames at one instant until the bucket refuses; return how many. */
static u32 drain(struct canfw_bucket *b, u64 now, u32 max)
{
	u32 n = 0;

	while (n < max && canfw_bucket_take(b, now))
		n++;
	return n;
}

static void burst_then_rate(struct kunit *test)
{
	struct canfw_bucket b;
	u64 t0 = 5 * S;

	canfw_bucket_init(&b, 100, 5);
	KUNIT_EXPECT_EQ(test, drain(&b, t0, 100), 5);
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 10 * MS - 1));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + 10 * MS));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 10 * MS));
	/* 25 ms later: 2.5 frames of credit, so two frames */
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 35 * MS, 100), 2);
	/* the half frame left over counts: 5 ms more completes one */
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 40 * MS, 100), 1);
}

/* 3/s does not divide a second into whole nanoseconds: no rounding drift. */
static void exact_tokens_after_interval(struct kunit *test)
{
	struct canfw_bucket b;
	u64 t0 = 1;

	canfw_bucket_init(&b, 3, 10);
	KUNIT_EXPECT_EQ(test, drain(&b, t0, 100), 10);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 333333333, 100), 0);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 333333334, 100), 1);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + S, 100), 2);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 3 * S, 100), 6);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 3 * S + 333333332, 100), 0);
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 3 * S + 333333334, 100), 1);

	/* burst 1: the refill time 1/3 s rounds up, never down */
	canfw_bucket_init(&b, 3, 1);
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 333333333));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + 333333334));
}

static void idle_refills_to_burst_only(struct kunit *test)
{
	struct canfw_bucket b;

	canfw_bucket_init(&b, 10, 4);
	KUNIT_EXPECT_EQ(test, drain(&b, 0, 100), 4);
	KUNIT_EXPECT_EQ(test, drain(&b, 3600 * S, 100), 4);
	/* just under the time to fill from empty: one frame short */
	KUNIT_EXPECT_EQ(test, drain(&b, 3600 * S + 400 * MS - 1, 100), 3);

	/* a partly full bucket refills up to its burst, not beyond */
	canfw_bucket_init(&b, 10, 4);
	KUNIT_EXPECT_EQ(test, drain(&b, 0, 1), 1);
	KUNIT_EXPECT_EQ(test, drain(&b, 300 * MS, 100), 4);
}

static void rate_one_per_second(struct kunit *test)
{
	struct canfw_bucket b;
	u64 t0 = 42 * S;

	canfw_bucket_init(&b, 1, 1);
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + S - 1));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + S));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 2 * S - 1));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + 2 * S));
}

static void rate_one_million(struct kunit *test)
{
	struct canfw_bucket b;
	u64 t0 = 7;
	u32 i, ok = 0;

	canfw_bucket_init(&b, CANFW_RATE_MAX, CANFW_BURST_MAX);
	KUNIT_EXPECT_EQ(test, drain(&b, t0, 2000000), 1000000);
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 999));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + 1000));
	KUNIT_EXPECT_EQ(test, drain(&b, t0 + 1000 + 1000 * 1000, 5000), 1000);

	/* burst 1: exactly one frame per microsecond gets through */
	canfw_bucket_init(&b, CANFW_RATE_MAX, 1);
	for (i = 0; i < 2000; i++)
		ok += canfw_bucket_take(&b, t0 + i * 500ULL);
	KUNIT_EXPECT_EQ(test, ok, 1000);
}

static void overflow_edges(struct kunit *test)
{
	struct canfw_bucket b;
	u64 far = ~0ULL - 1;

	/* largest bucket, just under its fill time: credit near 1e15 */
	canfw_bucket_init(&b, CANFW_RATE_MAX, CANFW_BURST_MAX);
	KUNIT_EXPECT_EQ(test, b.fill_ns, S);
	KUNIT_EXPECT_EQ(test, drain(&b, 0, 2000000), 1000000);
	KUNIT_EXPECT_EQ(test, drain(&b, S - 1, 2000000), 999999);
	/* a gap of almost 2^64 ns refills to burst, no more */
	KUNIT_EXPECT_EQ(test, drain(&b, far, 2000000), 1000000);
	KUNIT_EXPECT_EQ(test, drain(&b, far + 1, 10), 0);

	/* slowest bucket: an hour of credit at most, never wraps */
	canfw_bucket_init(&b, 1, CANFW_BURST_MAX);
	KUNIT_EXPECT_EQ(test, b.fill_ns, 1000000 * S);
	KUNIT_EXPECT_EQ(test, drain(&b, 0, 2000000), 1000000);
	KUNIT_EXPECT_EQ(test, drain(&b, 3600 * S, 2000000), 3600);
	KUNIT_EXPECT_EQ(test, drain(&b, far, 2000000), 1000000);
}

/* A timestamp older than the last one (another CPU, a replayed log). */
static void clock_steps_back(struct kunit *test)
{
	struct canfw_bucket b;
	u64 t0 = 10 * S;

	canfw_bucket_init(&b, 10, 1);
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 - 5 * S));
	KUNIT_EXPECT_FALSE(test, canfw_bucket_take(&b, t0 + 100 * MS - 1));
	KUNIT_EXPECT_TRUE(test, canfw_bucket_take(&b, t0 + 100 * MS));
}

static void limits_checked(struct kunit *test)
{
	static const struct {
		u32 rate, burst;
		int err;
	} cases[] = {
		{ 1, 1, 0 },
		{ 1000000, 1000000, 0 },
		{ 0, 1, -ERANGE },
		{ 1000001, 1, -ERANGE },
		{ 1, 0, -ERANGE },
		{ 1, 1000001, -ERANGE },
		{ U32_MAX, U32_MAX, -ERANGE },
	};
	const char *msg = NULL;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    canfw_bucket_check(cases[i].rate,
						       cases[i].burst, &msg),
				    cases[i].err, "case %zu", i);
}

/* Over-rate frames are counted as rate-limited, never as rule drops. */
static void rate_in_table(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), ACCEPT, .len_lo = 8, .len_hi = 8,
		  .rate = 100, .burst = 5, .flags = CANFW_RULE_FLAGS_LOG },
	};
	struct canfw_rule_counters rc;
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;
	int i;

	t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	for (i = 0; i < 7; i++) {
		judge(t, 0x0C0, 8, 0, S, &v);
		KUNIT_EXPECT_EQ(test, v.rule, 0);
		KUNIT_EXPECT_EQ(test, v.log, 1);
		KUNIT_EXPECT_EQ(test, v.action, i < 5 ? A : D);
		KUNIT_EXPECT_EQ(test, v.reason, i < 5 ? CANFW_REASON_RULE :
				CANFW_REASON_RATE);
	}
	judge(t, 0x0C0, 8, 0, S + 10 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	canfw_table_read_counters(t, &dc, &rc);
	KUNIT_EXPECT_EQ(test, dc.accepted, 6);
	KUNIT_EXPECT_EQ(test, dc.rate_limited, 2);
	KUNIT_EXPECT_EQ(test, dc.dropped_rule, 0);
	KUNIT_EXPECT_EQ(test, dc.dropped_default, 0);
	KUNIT_EXPECT_EQ(test, rc.frames, 8);
	KUNIT_EXPECT_EQ(test, rc.bytes, 64);
	KUNIT_EXPECT_EQ(test, rc.rate_limited, 2);
	canfw_table_free(t);
}

/* Each rule has its own bucket. */
static void buckets_independent(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN, .rate = 1, .burst = 2 },
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, ANYLEN, .rate = 1, .burst = 3 },
	};
	struct canfw_table *t = mk_table(test, rules, 2, D, CANFW_MODE_ENFORCE);
	struct canfw_verdict v;
	int i, ok1 = 0, ok2 = 0;

	for (i = 0; i < 10; i++) {
		judge(t, 0x100, 1, 0, S, &v);
		ok1 += v.action == A;
		judge(t, 0x200, 1, 0, S, &v);
		ok2 += v.action == A;
	}
	KUNIT_EXPECT_EQ(test, ok1, 2);
	KUNIT_EXPECT_EQ(test, ok2, 3);
	canfw_table_free(t);
}

static struct kunit_case canfw_rate_cases[] = {
	KUNIT_CASE(burst_then_rate),
	KUNIT_CASE(exact_tokens_after_interval),
	KUNIT_CASE(idle_refills_to_burst_only),
	KUNIT_CASE(rate_one_per_second),
	KUNIT_CASE(rate_one_million),
	KUNIT_CASE(overflow_edges),
	KUNIT_CASE(clock_steps_back),
	KUNIT_CASE(limits_checked),
	KUNIT_CASE(rate_in_table),
	KUNIT_CASE(buckets_independent),
	{}
};
