// SPDX-License-Identifier: GPL-2.0
/*
 * Rules over sets of IDs ("id { 0x7DF, 0x7E0-0x7E7, 0x18DA0000/0x1FFF0000 }"):
 * one rule, one counter, whichever of its ID matches a frame takes, in
 * both ID spaces, with first-match order and the lookup's cost kept.
 */
#include "helpers.h"

static struct canfw_id_part diag_parts[] = {
	{ CANFW_ID_MATCH_RANGE, SFF_SP, 0x7E0, 0x7E7 },
	{ CANFW_ID_MATCH_MASK, EFF_SP, 0x18DA0000, 0x1FFF0000 },
	{ CANFW_ID_MATCH_RANGE, SFF_SP, 0x7E4, 0x7EF },	/* overlaps the first */
};

static void set_one_rule_one_counter(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		/* Data frames only: not terminal, so later rules stay listed. */
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, .kinds = CANFW_KIND_DATA,
		  CCLEN, .nparts = ARRAY_LEN(diag_parts), .parts = diag_parts },
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x7DF, 8, 0, D, 0 },
		{ 0x7E0, 8, 0, D, 0 },
		{ 0x7E5, 8, 0, D, 0 },		/* in two of its matches */
		{ 0x7EF, 8, 0, D, 0 },
		{ EFF(0x18DA10F1), 8, 0, D, 0 },
		{ 0x7DE, 8, 0, A, 1 },
		{ 0x7F0, 8, 0, A, 1 },
		{ EFF(0x7DF), 8, 0, A, 1 },	/* the spaces stay apart */
		{ EFF(0x18DB33F1), 8, 0, A, 1 },
		{ 0x0DA, 8, 0, A, 1 },
	};
	struct canfw_rule_counters rc[ARRAY_LEN(rules)];
	struct canfw_dir_counters dc;
	struct canfw_table *t;

	t = mk_table(test, rules, ARRAY_LEN(rules), A, CANFW_MODE_ENFORCE);
	check_rows(test, t, rows, ARRAY_LEN(rows));
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 5);
	KUNIT_EXPECT_EQ(test, rc[1].frames, 5);
	/* Listed once where two of its matches overlap. */
	KUNIT_EXPECT_EQ(test, candidates(t, 0x7E5), 2);
	/* The table keeps its own copy of the set. */
	KUNIT_EXPECT_TRUE(test, t->specs[0].parts != diag_parts);
	KUNIT_EXPECT_EQ(test, t->specs[0].nparts, ARRAY_LEN(diag_parts));
	KUNIT_EXPECT_EQ(test, t->specs[0].parts[1].lo, 0x18DA0000);
	canfw_table_free(t);
}

/* A set is first-match like any rule: a later rule sees what it leaves. */
static void set_order(struct kunit *test)
{
	static struct canfw_id_part parts[] = {
		{ CANFW_ID_MATCH_RANGE, SFF_SP, 0x300, 0x3FF },
	};
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x150, 0x150), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x1FF), DROP, ANYLEN,
		  .nparts = ARRAY_LEN(parts), .parts = parts },
		{ RANGE(SFF_SP, 0x300, 0x300), ACCEPT, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x150, 8, 0, A, 0 },
		{ 0x151, 8, 0, D, 1 },
		{ 0x300, 8, 0, D, 1 },		/* the set came first */
		{ 0x200, 8, 0, A, NONE },
	};
	struct canfw_table *t;

	t = mk_table(test, rules, ARRAY_LEN(rules), A, CANFW_MODE_ENFORCE);
	check_rows(test, t, rows, ARRAY_LEN(rows));
	/* Rule 2 is shadowed by the set and never listed for 0x300. */
	KUNIT_EXPECT_EQ(test, candidates(t, 0x300), 1);
	canfw_table_free(t);
}

/* A rate is the rule's: frames of every ID of its set share the bucket. */
static void set_shares_rate(struct kunit *test)
{
	static struct canfw_id_part parts[] = {
		{ CANFW_ID_MATCH_RANGE, SFF_SP, 0x201, 0x201 },
	};
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, ANYLEN, .rate = 10,
		  .burst = 2, .nparts = ARRAY_LEN(parts), .parts = parts },
	};
	struct canfw_rule_counters rc[1];
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;

	t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	judge(t, 0x200, 1, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	judge(t, 0x201, 1, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	judge(t, 0x201, 1, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_RATE);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 3);
	KUNIT_EXPECT_EQ(test, rc[0].rate_limited, 1);
	canfw_table_free(t);
}

/* The lookup costs the same with the largest set as with one ID. */
static void set_cost_flat(struct kunit *test)
{
	struct canfw_id_part *parts;
	struct canfw_rule_spec rule = { RANGE(SFF_SP, 0, 0), ACCEPT, ANYLEN };
	struct canfw_table *t;
	u32 i;

	parts = kvcalloc(CANFW_ID_PARTS_MAX, sizeof(*parts), CANFW_GFP);
	KUNIT_ASSERT_TRUE(test, !!parts);
	for (i = 0; i < CANFW_ID_PARTS_MAX; i++) {
		parts[i].match = CANFW_ID_MATCH_RANGE;
		parts[i].space = EFF_SP;
		parts[i].lo = 0x1000 + 7 * i;
		parts[i].hi = parts[i].lo;
	}
	rule.nparts = CANFW_ID_PARTS_MAX;
	rule.parts = parts;
	t = mk_table(test, &rule, 1, D, CANFW_MODE_ENFORCE);
	KUNIT_EXPECT_EQ(test, candidates(t, EFF(0x1000 + 7 * 20)), 1);
	KUNIT_EXPECT_EQ(test, candidates(t, EFF(0x1001 + 7 * 20)), 0);
	canfw_table_free(t);
	kvfree(parts);
}

static void set_checked(struct kunit *test)
{
	static struct canfw_id_part any[] = {
		{ CANFW_ID_MATCH_ANY, SFF_SP, 0, 0 },
	};
	static struct canfw_id_part wide[] = {
		{ CANFW_ID_MATCH_RANGE, SFF_SP, 0x100, 0x800 },
	};
	static struct canfw_id_part both[] = {
		{ CANFW_ID_MATCH_RANGE, CANFW_SPACE_BOTH, 0x100, 0x100 },
	};
	static struct canfw_id_part loose[] = {
		{ CANFW_ID_MATCH_MASK, SFF_SP, 0x101, 0x100 },
	};
	static struct canfw_id_part eff[] = {
		{ CANFW_ID_MATCH_RANGE, EFF_SP, 0x100, 0x100 },
	};
	/* Off the stack, which KASAN's redzones would push past 1 KiB. */
	static const struct refusal bad[] = {
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .nparts = 1,
		    .parts = any },
		  "a set of IDs holds IDs, ranges and masks, not any" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .nparts = 1,
		    .parts = both },
		  "an ID match needs exactly one ID space, standard or extended" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .nparts = 1,
		    .parts = loose },
		  "ID value has bits set outside its mask" },
		{ { ID_ANY(SFF_SP), ACCEPT, ANYLEN, .nparts = 1, .parts = eff },
		  "a rule over any ID takes no set of IDs" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, .kinds = CANFW_KIND_XL,
		    .len_lo = 1, .len_hi = CANXL_MAX_DLEN, .nparts = 1,
		    .parts = eff },
		  "a CAN XL priority is a standard ID: xl rules cannot match extended IDs" },
	};
	static const struct canfw_rule_spec range = {
		RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .nparts = 1, .parts = wide,
	};
	static const struct canfw_rule_spec many = {
		RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		.nparts = CANFW_ID_PARTS_MAX + 1, .parts = wide,
	};
	const char *msg = NULL;

	expect_refused(test, bad, ARRAY_LEN(bad));
	KUNIT_EXPECT_EQ(test, canfw_rule_check(&range, &msg), -ERANGE);
	KUNIT_EXPECT_STREQ(test, msg, "ID does not fit the 11-bit standard ID space");
	KUNIT_EXPECT_EQ(test, canfw_rule_check(&many, &msg), -E2BIG);
	KUNIT_EXPECT_STREQ(test, msg, "a set holds at most 32 IDs, ranges and masks");
}

static struct kunit_case canfw_set_cases[] = {
	KUNIT_CASE(set_one_rule_one_counter),
	KUNIT_CASE(set_order),
	KUNIT_CASE(set_shares_rate),
	KUNIT_CASE(set_cost_flat),
	KUNIT_CASE(set_checked),
	{}
};
