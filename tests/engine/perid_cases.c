// SPDX-License-Identifier: GPL-2.0
/*
 * per-id rules: a rate bucket and timing per distinct ID up to the cap,
 * the rule's own state for IDs past it, and the scan naming the ID.
 */
#include "helpers.h"

#ifndef MS
#define MS	1000000ULL
#endif

static const struct canfw_rule_spec perid_rate_rule[] = {
	{ RANGE(SFF_SP, 0x100, 0x1FF), ACCEPT, ANYLEN, .rate = 10, .burst = 2,
	  .per_id = 4 },
};

static u32 accepted_of(struct canfw_table *t, u32 id, u32 n, u64 now)
{
	struct canfw_verdict v;
	u32 ok = 0;

	while (n--) {
		judge(t, id, 1, 0, now, &v);
		ok += v.action == A;
	}
	return ok;
}

/* Each ID its own bucket; past the cap, one shared bucket. */
static void perid_rate_each_id(struct kunit *test)
{
	struct canfw_table *t = mk_table(test, perid_rate_rule, 1, D,
					 CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc;
	u32 id;

	for (id = 0x100; id < 0x104; id++)
		KUNIT_EXPECT_EQ(test, accepted_of(t, id, 3, MS), 2);
	/* 0x104 and 0x105 share the rule's bucket: 2 frames between them */
	KUNIT_EXPECT_EQ(test, accepted_of(t, 0x104, 3, MS) +
			accepted_of(t, 0x105, 3, MS), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->perid[0].used), 4);
	canfw_table_read_rule(t, 0, &rc);
	KUNIT_EXPECT_EQ(test, rc.per_id_full, 6);
	KUNIT_EXPECT_EQ(test, rc.rate_limited, 4 + 4);
	canfw_table_reset_counters(t);
	canfw_table_read_rule(t, 0, &rc);
	KUNIT_EXPECT_EQ(test, rc.per_id_full, 0);
	canfw_table_free(t);
}

/* Two IDs of one range rule, each on its own 10 ms cycle: none early. */
static void perid_timing_each_id(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x1FF), ACCEPT, ANYLEN,
		  .period_us = 10000, .jitter_us = 1000, .per_id = 8 },
	};
	static const struct canfw_rule_spec shared[] = {
		{ RANGE(SFF_SP, 0x100, 0x1FF), ACCEPT, ANYLEN,
		  .period_us = 10000, .jitter_us = 1000 },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_table *u = mk_table(test, shared, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc, ru;
	struct canfw_verdict v;
	u64 k;

	for (k = 0; k < 50; k++) {
		judge(t, 0x100, 8, 0, k * 10 * MS, &v);
		judge(t, 0x180, 8, 0, k * 10 * MS + 3 * MS, &v);
		judge(u, 0x100, 8, 0, k * 10 * MS, &v);
		judge(u, 0x180, 8, 0, k * 10 * MS + 3 * MS, &v);
	}
	canfw_table_read_rule(t, 0, &rc);
	canfw_table_read_rule(u, 0, &ru);
	KUNIT_EXPECT_EQ(test, rc.early, 0);
	/* one stream for both IDs: every other frame is early */
	KUNIT_EXPECT_EQ(test, ru.early, 50);
	canfw_table_free(t);
	canfw_table_free(u);
}

static u32 last_missing_id;

static void note_missing(void *ctx, const struct canfw_table *t,
			 const struct canfw_timing *tm, u32 can_id, u64 silent)
{
	(void)ctx;
	(void)t;
	(void)tm;
	(void)silent;
	last_missing_id = can_id;
}

/* The scan times each ID alone and names the one that went silent. */
static void perid_scan_names_id(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(EFF_SP, 0x18FEF100, 0x18FEF1FF), ACCEPT, ANYLEN,
		  .timeout_us = 50000, .per_id = 16 },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc;
	struct canfw_verdict v;

	judge(t, EFF(0x18FEF100), 8, 0, 0, &v);
	judge(t, EFF(0x18FEF1AA), 8, 0, 0, &v);
	judge(t, EFF(0x18FEF100), 8, 0, 40 * MS, &v);
	last_missing_id = 0;
	KUNIT_EXPECT_EQ(test, canfw_table_scan(t, 60 * MS, note_missing, NULL), 1);
	KUNIT_EXPECT_EQ(test, last_missing_id, EFF(0x18FEF1AA));
	KUNIT_EXPECT_EQ(test, canfw_table_scan(t, 95 * MS, note_missing, NULL), 1);
	KUNIT_EXPECT_EQ(test, last_missing_id, EFF(0x18FEF100));
	judge(t, EFF(0x18FEF1AA), 8, 0, 100 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.timing, CANFW_TIMING_RECOVERED);
	canfw_table_read_rule(t, 0, &rc);
	KUNIT_EXPECT_EQ(test, rc.missing, 2);
	KUNIT_EXPECT_EQ(test, rc.recovered, 1);
	canfw_table_free(t);
}

/* The cap holds exactly, however many IDs come. */
static void perid_cap_exact(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ ID_ANY(EFF_SP), ACCEPT, ANYLEN, .rate = 100, .burst = 1,
		  .per_id = 3 },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_verdict v;
	u32 id;

	for (id = 0; id < 1000; id++)
		judge(t, EFF(id * 7919), 8, 0, MS, &v);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->perid[0].used), 3);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->perid[0].full), 997);
	canfw_table_free(t);
}

static void perid_checked(struct kunit *test)
{
	static const struct canfw_rule_spec big = {
		RANGE(SFF_SP, 1, 9), ACCEPT, ANYLEN, .rate = 1, .burst = 1,
		.per_id = 4097,
	};
	static const struct canfw_rule_spec bare = {
		RANGE(SFF_SP, 1, 9), ACCEPT, ANYLEN, .per_id = 8,
	};
	const char *msg = NULL;

	KUNIT_EXPECT_EQ(test, canfw_rule_check(&big, &msg), -ERANGE);
	KUNIT_EXPECT_STREQ(test, msg, "per-id keeps state for 1 to 4096 IDs");
	KUNIT_EXPECT_EQ(test, canfw_rule_check(&bare, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "per-id needs a rate, period or timeout to keep per ID");
}

static struct kunit_case canfw_perid_cases[] = {
	KUNIT_CASE(perid_rate_each_id),
	KUNIT_CASE(perid_timing_each_id),
	KUNIT_CASE(perid_scan_names_id),
	KUNIT_CASE(perid_cap_exact),
	KUNIT_CASE(perid_checked),
	{}
};
