/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the engine's test cases, which compile both as KUnit cases in
 * the kernel and, through tests/unit/kunit_shim.h, as a userspace program.
 */
#ifndef CANFW_TEST_HELPERS_H
#define CANFW_TEST_HELPERS_H

#include "engine.h"

#define SFF_SP		CANFW_SPACE_SFF
#define EFF_SP		CANFW_SPACE_EFF
#define ANYLEN		.len_lo = 0, .len_hi = CANFW_MAX_LEN
#define CCLEN		.len_lo = 0, .len_hi = CAN_MAX_DLEN	/* classical */
#define FDLEN		.len_lo = 0, .len_hi = CANFD_MAX_DLEN
#define RANGE(sp, l, h)	.id_match = CANFW_ID_MATCH_RANGE, .space = (sp), \
			.id_lo = (l), .id_hi = (h)
#define MASK(sp, v, m)	.id_match = CANFW_ID_MATCH_MASK, .space = (sp), \
			.id_lo = (v), .id_hi = (m)
#define ID_ANY(sp)	.id_match = CANFW_ID_MATCH_ANY, .space = (sp)
#define ACCEPT		.action = CANFW_ACTION_ACCEPT
#define DROP		.action = CANFW_ACTION_DROP

#define A		CANFW_ACTION_ACCEPT
#define D		CANFW_ACTION_DROP
#define NONE		CANFW_NO_RULE
#define EFF(id)		(CAN_EFF_FLAG | (id))
#define RTR(id)		(CAN_RTR_FLAG | (id))
#define ERRF(cls)	(CAN_ERR_FLAG | (cls))

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* One expected judgement: frame in, verdict out. */
struct row {
	u32 can_id;
	u8 len;
	u8 fd;
	u8 action;
	u32 rule;
};

static struct canfw_table *mk_table(struct kunit *test,
				    const struct canfw_rule_spec *rules,
				    u32 n, u8 def, u8 mode)
{
	struct canfw_table_spec s = {
		.default_action = def,
		.err_action = CANFW_ACTION_ACCEPT,
		.mode = mode,
		.nrules = n,
		.rules = rules,
	};
	struct canfw_build_error e;
	struct canfw_table *t = NULL;
	int err = canfw_table_build(&s, &t, &e);

	KUNIT_ASSERT_EQ_MSG(test, err, 0, "build: %s", e.msg ? e.msg : "-");
	return t;
}

static void judge(struct canfw_table *t, u32 can_id, u8 len, u8 fd,
		  u64 now, struct canfw_verdict *v)
{
	struct canfw_frame f;

	canfw_frame_init(&f, fd ? CANFW_PROTO_CANFD : CANFW_PROTO_CAN, can_id,
			 len);
	canfw_table_judge(t, &f, now, v);
}

static void check_rows(struct kunit *test, struct canfw_table *t,
		       const struct row *rows, size_t n)
{
	struct canfw_verdict v;
	size_t i;

	for (i = 0; i < n; i++) {
		judge(t, rows[i].can_id, rows[i].len, rows[i].fd, 0, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.action, rows[i].action,
				    "row %zu id %x", i, rows[i].can_id);
		KUNIT_EXPECT_EQ_MSG(test, v.rule, rows[i].rule,
				    "row %zu id %x", i, rows[i].can_id);
	}
}

/* Build a table, judge every row, free it. */
static void run_rows(struct kunit *test, const struct canfw_rule_spec *rules,
		     u32 n, u8 def, const struct row *rows, size_t nrows)
{
	struct canfw_table *t = mk_table(test, rules, n, def, CANFW_MODE_ENFORCE);

	check_rows(test, t, rows, nrows);
	canfw_table_free(t);
}

/* How many rules the lookup hands to the per-frame loop for this ID. */
static u32 candidates(const struct canfw_table *t, u32 can_id)
{
	if (can_id & CAN_EFF_FLAG)
		return canfw_idtrie_lookup(&t->eff, can_id & CAN_EFF_MASK)[0];
	return canfw_idtrie_lookup(&t->sff, can_id & CAN_SFF_MASK)[0];
}

/* A rule the engine refuses, and why. */
struct refusal {
	struct canfw_rule_spec r;
	const char *msg;
};

static void expect_refused(struct kunit *test, const struct refusal *bad,
			   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *msg = NULL;

		KUNIT_EXPECT_EQ_MSG(test, canfw_rule_check(&bad[i].r, &msg),
				    -EINVAL, "row %zu", i);
		KUNIT_EXPECT_STREQ_MSG(test, msg ? msg : "-", bad[i].msg,
				       "row %zu", i);
	}
}

/* Deterministic generator shared by kernel and userspace runs. */
static u64 test_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static u32 test_below(u64 *s, u32 n)
{
	return (u32)(test_rand(s) % n);
}

#endif /* CANFW_TEST_HELPERS_H */
