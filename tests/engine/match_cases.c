// SPDX-License-Identifier: GPL-2.0
/* Which rule decides: IDs, spaces, ranges, masks, kinds, lengths, order. */
#include "helpers.h"

static void exact_and_default(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x123, 0x123), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x124, 0x124), DROP, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x123, 8, 0, A, 0 },
		{ 0x124, 8, 0, D, 1 },
		{ 0x125, 8, 0, D, NONE },	/* default drop */
		{ 0x122, 0, 0, D, NONE },
	};
	static const struct row rows_accept[] = {
		{ 0x124, 8, 0, D, 1 },
		{ 0x125, 8, 0, A, NONE },	/* default accept */
	};

	run_rows(test, rules, 2, D, rows, ARRAY_LEN(rows));
	run_rows(test, rules, 2, A, rows_accept, ARRAY_LEN(rows_accept));
}

static void empty_policy(struct kunit *test)
{
	static const struct row drop_rows[] = {
		{ 0x000, 0, 0, D, NONE },
		{ EFF(0x1FFFFFFF), 8, 0, D, NONE },
		{ 0x7FF, 64, 1, D, NONE },
	};

	run_rows(test, NULL, 0, D, drop_rows, ARRAY_LEN(drop_rows));
}

/* 11-bit and 29-bit IDs with the same number are different messages. */
static void sff_eff_separation(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x123, 0x123), DROP, ANYLEN },
		{ RANGE(EFF_SP, 0x456, 0x456), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x700, 0x7FF), DROP, ANYLEN },
		{ MASK(EFF_SP, 0x1F0, 0x1FFFFFF0), DROP, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x123, 1, 0, D, 0 },
		{ EFF(0x123), 1, 0, A, NONE },
		{ EFF(0x456), 1, 0, D, 1 },
		{ 0x456, 1, 0, A, NONE },
		{ 0x7FF, 1, 0, D, 2 },
		{ EFF(0x7FF), 1, 0, A, NONE },
		{ EFF(0x1FF), 1, 0, D, 3 },
		{ 0x1FF, 1, 0, A, NONE },
	};

	run_rows(test, rules, ARRAY_LEN(rules), A, rows, ARRAY_LEN(rows));
}

static void any_id_spaces(struct kunit *test)
{
	static const struct canfw_rule_spec sff_only[] = {
		{ ID_ANY(SFF_SP), DROP, ANYLEN },
	};
	static const struct canfw_rule_spec eff_only[] = {
		{ ID_ANY(EFF_SP), DROP, ANYLEN },
	};
	static const struct canfw_rule_spec both[] = {
		{ ID_ANY(CANFW_SPACE_BOTH), DROP, ANYLEN },
	};
	static const struct row r_sff[] = {
		{ 0x000, 0, 0, D, 0 }, { 0x7FF, 8, 0, D, 0 },
		{ EFF(0), 0, 0, A, NONE }, { EFF(0x1FFFFFFF), 8, 0, A, NONE },
	};
	static const struct row r_eff[] = {
		{ 0x000, 0, 0, A, NONE }, { 0x7FF, 8, 0, A, NONE },
		{ EFF(0), 0, 0, D, 0 }, { EFF(0x1FFFFFFF), 8, 0, D, 0 },
	};
	static const struct row r_both[] = {
		{ 0x000, 0, 0, D, 0 }, { EFF(0x1FFFFFFF), 8, 0, D, 0 },
		{ 0x3AB, 64, 1, D, 0 },
	};

	run_rows(test, sff_only, 1, A, r_sff, ARRAY_LEN(r_sff));
	run_rows(test, eff_only, 1, A, r_eff, ARRAY_LEN(r_eff));
	run_rows(test, both, 1, A, r_both, ARRAY_LEN(r_both));
}

static void range_edges(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x000, 0x000), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x17F), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x7FF, 0x7FF), ACCEPT, ANYLEN },
		/* crosses every trie level boundary of the 29-bit space */
		{ RANGE(EFF_SP, 0x00FFFFFF, 0x01000000), ACCEPT, ANYLEN },
		{ RANGE(EFF_SP, 0x1FFFFFFE, 0x1FFFFFFF), ACCEPT, ANYLEN },
		{ RANGE(EFF_SP, 0x0, 0x0), ACCEPT, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x000, 0, 0, A, 0 },
		{ 0x001, 0, 0, D, NONE },
		{ 0x0FF, 0, 0, D, NONE },
		{ 0x100, 0, 0, A, 1 },
		{ 0x13F, 0, 0, A, 1 },
		{ 0x17F, 0, 0, A, 1 },
		{ 0x180, 0, 0, D, NONE },
		{ 0x7FE, 0, 0, D, NONE },
		{ 0x7FF, 0, 0, A, 2 },
		{ EFF(0x00FFFFFE), 0, 0, D, NONE },
		{ EFF(0x00FFFFFF), 0, 0, A, 3 },
		{ EFF(0x01000000), 0, 0, A, 3 },
		{ EFF(0x01000001), 0, 0, D, NONE },
		{ EFF(0x1FFFFFFD), 0, 0, D, NONE },
		{ EFF(0x1FFFFFFE), 0, 0, A, 4 },
		{ EFF(0x1FFFFFFF), 0, 0, A, 4 },
		{ EFF(0x0), 0, 0, A, 5 },
		{ EFF(0x1), 0, 0, D, NONE },
	};

	run_rows(test, rules, ARRAY_LEN(rules), D, rows, ARRAY_LEN(rows));
}

static void full_ranges(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x000, 0x7FF), DROP, ANYLEN },
		{ RANGE(EFF_SP, 0x0, 0x1FFFFFFF), DROP, ANYLEN },
	};
	static const struct row rows[] = {
		{ 0x000, 0, 0, D, 0 }, { 0x400, 0, 0, D, 0 },
		{ 0x7FF, 0, 0, D, 0 }, { EFF(0x0), 0, 0, D, 1 },
		{ EFF(0x12345678), 0, 0, D, 1 }, { EFF(0x1FFFFFFF), 0, 0, D, 1 },
	};

	run_rows(test, rules, ARRAY_LEN(rules), A, rows, ARRAY_LEN(rows));
}

static void mask_edges(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		/* J1939 PGN 0xFEF1 from any source address */
		{ MASK(EFF_SP, 0x18FEF100, 0x1FFFFF00), ACCEPT, ANYLEN },
		/* source address 0x03 whatever the PGN: don't-care high bits */
		{ MASK(EFF_SP, 0x03, 0xFF), DROP, ANYLEN },
		{ MASK(SFF_SP, 0x700, 0x700), ACCEPT, ANYLEN },
		{ MASK(SFF_SP, 0x001, 0x001), DROP, ANYLEN },
		{ MASK(EFF_SP, 0x1FFFFFFF, 0x1FFFFFFF), DROP, ANYLEN },
		{ MASK(SFF_SP, 0x000, 0x000), ACCEPT, ANYLEN },
	};
	static const struct row rows[] = {
		{ EFF(0x18FEF100), 8, 0, A, 0 },
		{ EFF(0x18FEF1FF), 8, 0, A, 0 },
		{ EFF(0x18FEF003), 8, 0, D, 1 },
		{ EFF(0x18FEF203), 8, 0, D, 1 },
		{ EFF(0x00000003), 8, 0, D, 1 },
		{ EFF(0x1FFFFF03), 8, 0, D, 1 },
		{ EFF(0x18FEF000), 8, 0, A, NONE },
		{ EFF(0x08FEF100), 8, 0, A, NONE },
		{ 0x700, 0, 0, A, 2 },
		{ 0x7FF, 0, 0, A, 2 },
		{ 0x6FF, 0, 0, D, 3 },	/* odd: rule 3 */
		{ 0x001, 0, 0, D, 3 },
		{ 0x000, 0, 0, A, 5 },	/* mask 0 matches every SFF ID */
		{ 0x6FE, 0, 0, A, 5 },
		{ EFF(0x1FFFFFFF), 0, 0, D, 4 },
		{ EFF(0x1FFFFFFE), 0, 0, A, NONE },
	};

	run_rows(test, rules, ARRAY_LEN(rules), A, rows, ARRAY_LEN(rows));
}

static void first_match_wins(struct kunit *test)
{
	static const struct canfw_rule_spec narrow_first[] = {
		{ RANGE(SFF_SP, 0x150, 0x150), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x1FF), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x160, 0x160), DROP, ANYLEN },	/* shadowed */
	};
	static const struct canfw_rule_spec wide_first[] = {
		{ RANGE(SFF_SP, 0x100, 0x1FF), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x150, 0x150), DROP, ANYLEN },
	};
	static const struct row r1[] = {
		{ 0x150, 0, 0, D, 0 }, { 0x14F, 0, 0, A, 1 },
		{ 0x160, 0, 0, A, 1 }, { 0x200, 0, 0, D, NONE },
	};
	static const struct row r2[] = {
		{ 0x150, 0, 0, A, 0 }, { 0x1FF, 0, 0, A, 0 },
	};

	run_rows(test, narrow_first, 3, D, r1, ARRAY_LEN(r1));
	run_rows(test, wide_first, 2, D, r2, ARRAY_LEN(r2));
}

/* A rule that does not match the frame's kind or length is passed over. */
static void kinds(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), DROP, CCLEN, .kinds = CANFW_KIND_RTR },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, FDLEN, .kinds = CANFW_KIND_FD },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, CCLEN, .kinds = CANFW_KIND_DATA },
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, CCLEN,
		  .kinds = CANFW_KIND_DATA | CANFW_KIND_RTR },
		{ ID_ANY(CANFW_SPACE_BOTH), DROP, CCLEN,
		  .kinds = CANFW_KIND_RTR },
	};
	static const struct row rows[] = {
		{ RTR(0x100), 0, 0, D, 0 },
		{ 0x100, 12, 1, A, 1 },
		{ 0x100, 8, 0, A, 2 },
		{ 0x200, 8, 0, A, 3 },
		{ RTR(0x200), 0, 0, A, 3 },
		{ 0x200, 8, 1, D, NONE },	/* FD is not "classic" */
		{ RTR(0x300), 0, 0, D, 4 },
		{ EFF(RTR(0x300)), 0, 0, D, 4 },
		{ 0x300, 0, 0, D, NONE },
	};

	run_rows(test, rules, ARRAY_LEN(rules), D, rows, ARRAY_LEN(rows));
}

static void error_frames(struct kunit *test)
{
	static const struct canfw_rule_spec id_rules[] = {
		{ ID_ANY(CANFW_SPACE_BOTH), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x004, 0x004), DROP, ANYLEN },
	};
	static const struct canfw_rule_spec err_rules[] = {
		{ RANGE(SFF_SP, 0x004, 0x004), ACCEPT, ANYLEN },
		{ ID_ANY(CANFW_SPACE_BOTH), DROP, .len_lo = 8, .len_hi = 8,
		  .kinds = CANFW_KIND_ERR, .flags = CANFW_RULE_FLAGS_LOG },
	};
	/* Error frames never match ID rules and default to accept. */
	static const struct row r1[] = {
		{ ERRF(0x004), 8, 0, A, NONE },
		{ ERRF(0x020), 8, 0, A, NONE },
		{ 0x004, 8, 0, D, 0 },
	};
	static const struct row r2[] = {
		{ ERRF(0x004), 8, 0, D, 1 },
		{ ERRF(0x004), 7, 0, A, NONE },
		{ 0x004, 8, 0, A, 0 },
		{ 0x005, 8, 0, D, NONE },
	};
	struct canfw_table_spec s = {
		.default_action = CANFW_ACTION_ACCEPT, .err_action = CANFW_ACTION_DROP,
		.nrules = 0,
	};
	struct canfw_build_error e;
	struct canfw_table *t;
	struct canfw_verdict v;

	run_rows(test, id_rules, 2, D, r1, ARRAY_LEN(r1));
	run_rows(test, err_rules, 2, D, r2, ARRAY_LEN(r2));

	/* The error-frame default is its own setting. */
	KUNIT_ASSERT_EQ(test, canfw_table_build(&s, &t, &e), 0);
	judge(t, ERRF(0x001), 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_DEFAULT);
	judge(t, 0x001, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	canfw_table_free(t);
}

static void lengths(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x0C0, 0x0C0), ACCEPT, .len_lo = 8, .len_hi = 8 },
		{ RANGE(SFF_SP, 0x3E0, 0x3E0), ACCEPT, .len_lo = 2, .len_hi = 64,
		  .kinds = CANFW_KIND_FD },
		{ RANGE(SFF_SP, 0x3E0, 0x3E0), ACCEPT, .len_lo = 0, .len_hi = 0 },
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, .len_lo = 9, .len_hi = 64 },
	};
	static const struct row rows[] = {
		{ 0x0C0, 8, 0, A, 0 },
		{ 0x0C0, 7, 0, D, NONE },
		{ 0x0C0, 0, 0, D, NONE },
		{ 0x3E0, 2, 1, A, 1 },
		{ 0x3E0, 64, 1, A, 1 },
		{ 0x3E0, 1, 1, D, NONE },
		{ 0x3E0, 0, 1, A, 2 },
		{ 0x3E0, 2, 0, D, NONE },	/* classic frame */
		{ 0x123, 9, 1, A, 3 },
		{ 0x123, 8, 1, D, NONE },
		{ EFF(0x123), 64, 1, A, 3 },
	};

	run_rows(test, rules, ARRAY_LEN(rules), D, rows, ARRAY_LEN(rows));
}

/*
 * The lookup hands the per-frame loop only the rules whose ID part
 * overlaps the frame's ID: with 10,000 rules a frame sees as many
 * candidates as with 1.
 */
static void cost_independent_of_size(struct kunit *test)
{
	struct canfw_rule_spec *rules;
	struct canfw_table *t;
	struct canfw_verdict v;
	const u32 n = 10000;
	u32 i;

	rules = kvcalloc(n, sizeof(*rules), CANFW_GFP);
	KUNIT_ASSERT_TRUE(test, !!rules);
	for (i = 0; i < n; i++) {
		struct canfw_rule_spec *r = &rules[i];

		r->action = CANFW_ACTION_ACCEPT;
		r->len_hi = CANFW_MAX_LEN;
		r->id_match = CANFW_ID_MATCH_RANGE;
		if (i < 1000) {		/* standard IDs 0x000..0x3E7 */
			r->space = SFF_SP;
			r->id_lo = i;
			r->id_hi = i;
		} else if (i < 9000) {	/* spread over the 29-bit space */
			r->space = EFF_SP;
			r->id_lo = (i * 0x9E3779B1U) & CAN_EFF_MASK;
			r->id_hi = r->id_lo;
		} else {		/* J1939-style PGN masks */
			r->space = EFF_SP;
			r->id_match = CANFW_ID_MATCH_MASK;
			r->id_lo = (i - 9000) << 8;
			r->id_hi = 0x03FFFF00;
		}
	}
	t = mk_table(test, rules, n, CANFW_ACTION_DROP, CANFW_MODE_ENFORCE);
	for (i = 0; i < 1000; i += 37) {
		KUNIT_EXPECT_EQ(test, candidates(t, i), 1);
		judge(t, i, 8, 0, 0, &v);
		KUNIT_EXPECT_EQ(test, v.rule, i);
	}
	for (i = 1000; i < 9000; i += 101) {
		u32 id = (i * 0x9E3779B1U) & CAN_EFF_MASK;

		KUNIT_EXPECT_LE(test, candidates(t, EFF(id)), 2);
		judge(t, EFF(id), 8, 0, 0, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.rule, i, "id %x", id);
	}
	for (i = 9000; i < n; i += 53) {
		u32 id = 0x18000000 | ((i - 9000) << 8) | 0x42;

		KUNIT_EXPECT_LE(test, candidates(t, EFF(id)), 2);
		judge(t, EFF(id), 8, 0, 0, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.rule, i, "id %x", id);
	}
	KUNIT_EXPECT_EQ(test, candidates(t, 0x7FF), 0);
	judge(t, 0x7FF, 8, 0, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, NONE);
	KUNIT_EXPECT_EQ(test, t->sff.nlevels, 3);
	KUNIT_EXPECT_EQ(test, t->eff.nlevels, 7);
	canfw_table_free(t);
	kvfree(rules);
}

/* Rules after one that decides every frame of an ID are never candidates. */
static void shadowed_rules_trimmed(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), DROP, .len_lo = 8, .len_hi = 8 },
		{ RANGE(SFF_SP, 0x000, 0x7FF), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x100), DROP, ANYLEN },
		{ ID_ANY(SFF_SP), DROP, ANYLEN },
	};
	struct canfw_table *t = mk_table(test, rules, 4, D, CANFW_MODE_ENFORCE);

	KUNIT_EXPECT_EQ(test, candidates(t, 0x100), 2);
	KUNIT_EXPECT_EQ(test, candidates(t, 0x101), 1);
	canfw_table_free(t);
}

static struct kunit_case canfw_match_cases[] = {
	KUNIT_CASE(exact_and_default),
	KUNIT_CASE(empty_policy),
	KUNIT_CASE(sff_eff_separation),
	KUNIT_CASE(any_id_spaces),
	KUNIT_CASE(range_edges),
	KUNIT_CASE(full_ranges),
	KUNIT_CASE(mask_edges),
	KUNIT_CASE(first_match_wins),
	KUNIT_CASE(kinds),
	KUNIT_CASE(error_frames),
	KUNIT_CASE(lengths),
	KUNIT_CASE(cost_independent_of_size),
	KUNIT_CASE(shadowed_rules_trimmed),
	{}
};
