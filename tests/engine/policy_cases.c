// SPDX-License-Identifier: GPL-2.0
/* Building tables: validation, limits, modes, logging, counters. */
#include "helpers.h"

#define TX_ERR_DEFAULT_MSG \
	"error frames are judged on rx only: on tx an error flag is judged by its wire form"

struct bad_rule {
	struct canfw_rule_spec r;
	int err;
	const char *msg;
};

static const struct bad_rule bad_rules[] = {
	{ { RANGE(SFF_SP, 0x800, 0x800), ACCEPT, ANYLEN }, -ERANGE,
	  "ID does not fit the 11-bit standard ID space" },
	{ { RANGE(EFF_SP, 0x20000000, 0x20000000), ACCEPT, ANYLEN }, -ERANGE,
	  "ID does not fit the 29-bit extended ID space" },
	{ { RANGE(SFF_SP, 0x200, 0x100), ACCEPT, ANYLEN }, -EINVAL,
	  "ID range is empty: its low end is above its high end" },
	{ { MASK(SFF_SP, 0x000, 0xFFF), ACCEPT, ANYLEN }, -ERANGE,
	  "ID does not fit the 11-bit standard ID space" },
	{ { MASK(EFF_SP, 0x18FEF1FF, 0x1FFFFF00), ACCEPT, ANYLEN }, -EINVAL,
	  "ID value has bits set outside its mask" },
	{ { .id_match = CANFW_ID_MATCH_RANGE, .space = CANFW_SPACE_BOTH, ACCEPT,
	    ANYLEN }, -EINVAL,
	  "an ID match needs exactly one ID space, standard or extended" },
	{ { .id_match = CANFW_ID_MATCH_ANY, .space = 0, ACCEPT, ANYLEN }, -EINVAL,
	  "ID space must be standard, extended or both" },
	{ { .id_match = 3, .space = SFF_SP, ACCEPT, ANYLEN }, -EINVAL,
	  "unknown ID match type" },
	{ { RANGE(SFF_SP, 1, 1), .action = 2, ANYLEN }, -EINVAL,
	  "rule action must be accept or drop" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .flags = 0x4 }, -EOPNOTSUPP,
	  "unknown rule flags" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .kinds = 0x20 }, -EINVAL,
	  "unknown frame kind bits" },
	{ { ID_ANY(SFF_SP), ACCEPT, ANYLEN,
	    .kinds = CANFW_KIND_ERR | CANFW_KIND_DATA }, -EINVAL,
	  "error frames cannot be combined with other frame kinds" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .kinds = CANFW_KIND_ERR }, -EINVAL,
	  "error frames carry no CAN ID: an error-frame rule must match any ID" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 5, .len_hi = 4 }, -EINVAL,
	  "length range is empty: its low end is above its high end" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 0, .len_hi = 2049 }, -ERANGE,
	  "length exceeds 2048 bytes, the CAN XL maximum" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 0, .len_hi = 65,
	    .kinds = CANFW_KIND_FD | CANFW_KIND_DATA }, -ERANGE,
	  "length exceeds 64 bytes, the CAN FD maximum" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 9, .len_hi = 12,
	    .kinds = CANFW_KIND_DATA }, -ERANGE,
	  "classical CAN frames carry at most 8 bytes" },
	/* A low end that fits is not enough: show must print it back. */
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 4, .len_hi = 12,
	    .kinds = CANFW_KIND_DATA }, -ERANGE,
	  "classical CAN frames carry at most 8 bytes" },
	{ { ID_ANY(CANFW_SPACE_BOTH), ACCEPT, .len_lo = 0, .len_hi = 64,
	    .kinds = CANFW_KIND_ERR }, -ERANGE,
	  "classical CAN frames carry at most 8 bytes" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 9, .len_hi = 9,
	    .kinds = CANFW_KIND_FD }, -EINVAL,
	  "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 12, .len_hi = 40,
	    .kinds = CANFW_KIND_FD }, -EINVAL,
	  "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, .len_lo = 0, .len_hi = 0,
	    .kinds = CANFW_KIND_XL }, -EINVAL,
	  "CAN XL frames carry 1 to 2048 bytes" },
	{ { RANGE(EFF_SP, 0x1234, 0x1234), ACCEPT, ANYLEN, .kinds = CANFW_KIND_XL }, -EINVAL,
	  "a CAN XL priority is a standard ID: xl rules cannot match extended IDs" },
	{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN, .rate = 10, .burst = 1 }, -EINVAL,
	  "only accept rules can carry a rate limit" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .burst = 3 }, -EINVAL,
	  "a burst needs a rate" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .rate = 1000001, .burst = 1 }, -ERANGE,
	  "rate must be 1 to 1000000 frames per second" },
	{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .rate = 10, .burst = 0 }, -ERANGE,
	  "burst must be 1 to 1000000 frames" },
};

/* A bad rule anywhere fails the build, names the rule and builds nothing. */
static void rejects_bad_rules(struct kunit *test)
{
	/* Off the stack, which KASAN's redzones would push past 1 KiB. */
	static struct canfw_rule_spec rules[3] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x101, 0x101), ACCEPT, ANYLEN },
	};
	struct canfw_table_spec s = { .nrules = 3, .rules = rules };
	struct canfw_table *sentinel = (struct canfw_table *)&s;
	struct canfw_build_error e;
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad_rules); i++) {
		struct canfw_table *t = sentinel;

		rules[2] = bad_rules[i].r;
		KUNIT_EXPECT_EQ_MSG(test, canfw_table_build(&s, &t, &e),
				    bad_rules[i].err, "case %zu", i);
		KUNIT_EXPECT_STREQ(test, e.msg, bad_rules[i].msg);
		KUNIT_EXPECT_EQ(test, e.rule, 2);
		KUNIT_EXPECT_TRUE(test, t == sentinel);
	}
}

static void rejects_bad_tables(struct kunit *test)
{
	static const struct {
		struct canfw_table_spec s;
		int err;
		const char *msg;
	} cases[] = {
		{ { .default_action = 2 }, -EINVAL,
		  "default action must be accept or drop" },
		{ { .err_action = 7 }, -EINVAL,
		  "default action must be accept or drop" },
		{ { .mode = 2 }, -EINVAL, "mode must be enforce or monitor" },
		{ { .log_default = 2 }, -EINVAL, "log-default is a boolean" },
		{ { .nrules = CANFW_MAX_RULES + 1 }, -E2BIG,
		  "too many rules: at most 65536 per interface and direction" },
		{ { .dir = 2 }, -EINVAL, "direction must be rx or tx" },
		{ { .dir = CANFW_DIR_TX, .err_action = CANFW_ACTION_DROP },
		  -EINVAL,
		  TX_ERR_DEFAULT_MSG },
	};
	struct canfw_build_error e;
	struct canfw_table *t;
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		t = NULL;
		KUNIT_EXPECT_EQ_MSG(test, canfw_table_build(&cases[i].s, &t, &e),
				    cases[i].err, "case %zu", i);
		KUNIT_EXPECT_STREQ(test, e.msg, cases[i].msg);
		KUNIT_EXPECT_TRUE(test, !t);
	}
}

/* The limit is 65,536 rules in one direction of one interface. */
static void max_rules(struct kunit *test)
{
	const u32 n = CANFW_MAX_RULES;
	struct canfw_rule_spec *rules;
	struct canfw_table *t;
	struct canfw_verdict v;
	u32 i;

	rules = kvcalloc(n, sizeof(*rules), CANFW_GFP);
	KUNIT_ASSERT_TRUE(test, !!rules);
	for (i = 0; i < n; i++) {
		rules[i].id_match = CANFW_ID_MATCH_RANGE;
		rules[i].space = EFF_SP;
		rules[i].id_lo = 0x10000000 + i * 7;
		rules[i].id_hi = rules[i].id_lo;
		rules[i].action = i & 1;
		rules[i].len_hi = CANFW_MAX_LEN;
	}
	t = mk_table(test, rules, n, A, CANFW_MODE_ENFORCE);
	judge(t, EFF(0x10000000 + (n - 1) * 7), 0, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, n - 1);
	KUNIT_EXPECT_EQ(test, v.action, D);
	judge(t, EFF(0x10000000 + 4 * 7), 0, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, 4);
	KUNIT_EXPECT_EQ(test, v.action, A);
	judge(t, EFF(0x10000001), 0, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, NONE);
	canfw_table_free(t);
	kvfree(rules);
}

/*
 * Overlapping ranges that each decide only some lengths multiply the leaf
 * lists; past the table budget the build is refused with a reason.
 */
static void too_complex_refused(struct kunit *test)
{
	const u32 n = 20000;
	struct canfw_rule_spec *rules;
	struct canfw_table_spec s = { .nrules = n };
	struct canfw_build_error e;
	struct canfw_table *t = NULL;
	u32 i;

	rules = kvcalloc(n, sizeof(*rules), CANFW_GFP);
	KUNIT_ASSERT_TRUE(test, !!rules);
	for (i = 0; i < n; i++) {
		rules[i].id_match = CANFW_ID_MATCH_RANGE;
		rules[i].space = EFF_SP;
		rules[i].id_lo = i * 3001;
		rules[i].id_hi = CAN_EFF_MASK - i * 3001;
		rules[i].len_lo = i % 8;
		rules[i].len_hi = i % 8;
	}
	s.rules = rules;
	KUNIT_EXPECT_EQ(test, canfw_table_build(&s, &t, &e), -E2BIG);
	KUNIT_EXPECT_STREQ(test, e.msg,
			   "policy too large: its lookup tables and counters need over 64 MiB");
	KUNIT_EXPECT_TRUE(test, !t);
	kvfree(rules);
}

static void monitor_mode(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN, .rate = 1, .burst = 1 },
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, ANYLEN },
	};
	struct canfw_table *t = mk_table(test, rules, 3, D, CANFW_MODE_MONITOR);
	struct canfw_rule_counters rc[3];
	struct canfw_dir_counters dc;
	struct canfw_verdict v;

	judge(t, 0x7DF, 8, 0, 0, &v);	/* rule drop */
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.would_drop, 1);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_RULE);
	KUNIT_EXPECT_EQ(test, v.rule, 0);
	judge(t, 0x300, 8, 0, 0, &v);	/* default drop */
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.would_drop, 1);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_DEFAULT);
	judge(t, 0x100, 8, 0, 0, &v);	/* within rate */
	KUNIT_EXPECT_EQ(test, v.would_drop, 0);
	judge(t, 0x100, 8, 0, 0, &v);	/* over rate */
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.would_drop, 1);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_RATE);
	judge(t, 0x200, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.would_drop, 0);

	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.accepted, 5);
	KUNIT_EXPECT_EQ(test, dc.would_drop, 3);
	KUNIT_EXPECT_EQ(test, dc.dropped_rule, 0);
	KUNIT_EXPECT_EQ(test, dc.dropped_default, 0);
	KUNIT_EXPECT_EQ(test, dc.rate_limited, 0);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 1);
	KUNIT_EXPECT_EQ(test, rc[1].frames, 2);
	KUNIT_EXPECT_EQ(test, rc[1].rate_limited, 1);
	canfw_table_free(t);
}

static void log_flags(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, ANYLEN, .flags = CANFW_RULE_FLAGS_LOG },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN, .flags = CANFW_RULE_FLAGS_LOG },
		{ RANGE(SFF_SP, 0x200, 0x200), DROP, ANYLEN },
	};
	struct canfw_table_spec s = {
		.default_action = CANFW_ACTION_DROP, .log_default = 1,
		.nrules = 3, .rules = rules,
	};
	struct canfw_build_error e;
	struct canfw_table *t;
	struct canfw_verdict v;

	KUNIT_ASSERT_EQ(test, canfw_table_build(&s, &t, &e), 0);
	judge(t, 0x7DF, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.log, 1);
	judge(t, 0x100, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.log, 1);
	judge(t, 0x200, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.log, 0);
	judge(t, 0x300, 8, 0, 0, &v);	/* default drop, log-default on */
	KUNIT_EXPECT_EQ(test, v.log, 1);
	canfw_table_free(t);

	s.log_default = 0;
	KUNIT_ASSERT_EQ(test, canfw_table_build(&s, &t, &e), 0);
	judge(t, 0x300, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.log, 0);
	canfw_table_free(t);

	s.log_default = 1;
	s.default_action = CANFW_ACTION_ACCEPT;	/* only default drops log */
	KUNIT_ASSERT_EQ(test, canfw_table_build(&s, &t, &e), 0);
	judge(t, 0x300, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.log, 0);
	canfw_table_free(t);
}

static void counters(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x200, 0x200), DROP, ANYLEN },
	};
	struct canfw_table *t = mk_table(test, rules, 2, D, CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc[2];
	struct canfw_dir_counters dc;
	struct canfw_verdict v;
	int i;

	for (i = 0; i < 10; i++)
		judge(t, 0x100, i % 9, 0, 0, &v);
	for (i = 0; i < 3; i++)
		judge(t, 0x200, 64, 1, 0, &v);
	for (i = 0; i < 4; i++)
		judge(t, 0x300, 1, 0, 0, &v);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.accepted, 10);
	KUNIT_EXPECT_EQ(test, dc.dropped_rule, 3);
	KUNIT_EXPECT_EQ(test, dc.dropped_default, 4);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 10);
	KUNIT_EXPECT_EQ(test, rc[0].bytes, 36);	/* 0+1+...+8, then 0 */
	KUNIT_EXPECT_EQ(test, rc[1].frames, 3);
	KUNIT_EXPECT_EQ(test, rc[1].bytes, 192);

	canfw_table_reset_counters(t);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.accepted + dc.dropped_rule +
			dc.dropped_default, 0);
	KUNIT_EXPECT_EQ(test, rc[0].frames + rc[0].bytes + rc[1].frames, 0);
	judge(t, 0x100, 5, 0, 0, &v);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, dc.accepted, 1);
	KUNIT_EXPECT_EQ(test, rc[0].bytes, 5);
	canfw_table_free(t);
}

/* Reads sum every CPU's block; 64-bit counters do not wrap at 2^32. */
static void counters_sum_cpus(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_rule_counters rc;
	struct canfw_dir_counters dc;
	unsigned int cpu, n = nr_cpu_ids;

	for (cpu = 0; cpu < n; cpu++) {
		t->pcpu[cpu]->dir.accepted = 0x100000000ULL + cpu;
		t->pcpu[cpu]->dir.would_drop = 3;
		t->pcpu[cpu]->rule[0].bytes = 0xFFFFFFFFULL;
	}
	canfw_table_read_counters(t, &dc, &rc);
	KUNIT_EXPECT_EQ(test, dc.accepted,
			0x100000000ULL * n + (u64)n * (n - 1) / 2);
	KUNIT_EXPECT_EQ(test, dc.would_drop, 3ULL * n);
	KUNIT_EXPECT_EQ(test, rc.bytes, 0xFFFFFFFFULL * n);
	kunit_info(test, "summed %u CPUs\n", n);
	canfw_table_free(t);
}

/* A table keeps its own copy of the rules it was built from. */
static void specs_kept(struct kunit *test)
{
	struct canfw_rule_spec rules[] = {
		{ MASK(EFF_SP, 0x18FEF100, 0x1FFFFF00), ACCEPT, ANYLEN,
		  .rate = 10, .burst = 2, .flags = CANFW_RULE_FLAGS_LOG },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	struct canfw_verdict v;

	rules[0].id_lo = 0;
	KUNIT_EXPECT_EQ(test, t->specs[0].id_lo, 0x18FEF100);
	KUNIT_EXPECT_EQ(test, t->specs[0].rate, 10);
	judge(t, EFF(0x18FEF1AA), 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, 0);
	canfw_table_free(t);
}

/* Comments and handles are kept, the comments copied into the table. */
static void comments_kept(struct kunit *test)
{
	static const char first[] = "OBD-II functional requests", second[] = "x";
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, ANYLEN, .handle = 4711,
		  .comment = (char *)first },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x101, 0x101), ACCEPT, ANYLEN, .handle = 7,
		  .comment = (char *)second },
	};
	struct canfw_table *t = mk_table(test, rules, ARRAY_LEN(rules), D,
					 CANFW_MODE_ENFORCE);

	KUNIT_EXPECT_TRUE(test, t->specs[0].comment != first);
	KUNIT_EXPECT_STREQ(test, t->specs[0].comment, "OBD-II functional requests");
	KUNIT_EXPECT_NULL(test, t->specs[1].comment);
	KUNIT_EXPECT_STREQ(test, t->specs[2].comment, "x");
	KUNIT_EXPECT_EQ(test, t->specs[0].handle, 4711);
	KUNIT_EXPECT_EQ(test, t->specs[2].handle, 7);
	KUNIT_EXPECT_EQ(test, t->comments_len, sizeof(first) + sizeof(second));
	canfw_table_free(t);
}

static struct kunit_case canfw_policy_cases[] = {
	KUNIT_CASE(rejects_bad_rules),
	KUNIT_CASE(rejects_bad_tables),
	KUNIT_CASE(max_rules),
	KUNIT_CASE(too_complex_refused),
	KUNIT_CASE(monitor_mode),
	KUNIT_CASE(log_flags),
	KUNIT_CASE(counters),
	KUNIT_CASE(counters_sum_cpus),
	KUNIT_CASE(specs_kept),
	KUNIT_CASE(comments_kept),
	{}
};
