// SPDX-License-Identifier: GPL-2.0
/*
 * What a frame is: classical, FD, XL or malformed, and the error flag on
 * TX judged by what reaches the wire.
 */
#include "helpers.h"

static struct canfw_table *mk_dir_table(struct kunit *test,
					const struct canfw_rule_spec *rules,
					u32 n, u8 dir, u8 def, u8 mode)
{
	struct canfw_table_spec s = {
		.dir = dir,
		.default_action = def,
		.mode = mode,
		.log_default = 1,
		.nrules = n,
		.rules = rules,
	};
	struct canfw_build_error e;
	struct canfw_table *t = NULL;

	KUNIT_ASSERT_EQ_MSG(test, canfw_table_build(&s, &t, &e), 0,
			    "build: %s", e.msg ? e.msg : "-");
	return t;
}

/* The sizes and lengths the CAN core accepts, and nothing else. */
static void classify(struct kunit *test)
{
	static const struct {
		u8 proto;
		u32 size;
		u16 len;
		u8 flags;
		u32 can_id;
		u8 rx, tx;	/* kind judged on RX and on TX */
	} rows[] = {
		{ CANFW_PROTO_CAN, 16, 8, 0, 0x123, CANFW_KIND_DATA, CANFW_KIND_DATA },
		{ CANFW_PROTO_CAN, 16, 0, 0, RTR(0x123), CANFW_KIND_RTR, CANFW_KIND_RTR },
		{ CANFW_PROTO_CAN, 16, 9, 0, 0x123, 0, 0 },
		{ CANFW_PROTO_CAN, 72, 8, 0, 0x123, 0, 0 },
		{ CANFW_PROTO_CAN, 15, 8, 0, 0x123, 0, 0 },
		{ CANFW_PROTO_CANFD, 72, 64, 0, 0x123, CANFW_KIND_FD, CANFW_KIND_FD },
		{ CANFW_PROTO_CANFD, 72, 65, 0, 0x123, 0, 0 },
		{ CANFW_PROTO_CANFD, 16, 8, 0, 0x123, 0, 0 },
		/* The error flag: an error frame on RX, the ID's frame on TX. */
		{ CANFW_PROTO_CAN, 16, 3, 0, ERRF(0x7DF), CANFW_KIND_ERR, CANFW_KIND_DATA },
		{ CANFW_PROTO_CAN, 16, 3, 0, ERRF(RTR(0x7DF)), CANFW_KIND_ERR, CANFW_KIND_RTR },
		{ CANFW_PROTO_CAN, 16, 8, 0, ERRF(0x12345), CANFW_KIND_ERR, CANFW_KIND_DATA },
		{ CANFW_PROTO_CANXL, 12 + 1, 1, 0x80, 0x7DF, CANFW_KIND_XL, CANFW_KIND_XL },
		{ CANFW_PROTO_CANXL, 12 + 2048, 2048, 0x81, 0x123, CANFW_KIND_XL, CANFW_KIND_XL },
		/* XL frames of classical and FD sizes are still XL frames. */
		{ CANFW_PROTO_CANXL, 16, 4, 0x80, 0x123, CANFW_KIND_XL, CANFW_KIND_XL },
		{ CANFW_PROTO_CANXL, 72, 60, 0x80, 0x123, CANFW_KIND_XL, CANFW_KIND_XL },
		{ CANFW_PROTO_CANXL, 12, 0, 0x80, 0x123, 0, 0 },
		{ CANFW_PROTO_CANXL, 12 + 4, 4, 0x00, 0x123, 0, 0 },
		{ CANFW_PROTO_CANXL, 12 + 5, 4, 0x80, 0x123, 0, 0 },
		{ CANFW_PROTO_CANXL, 12 + 2049, 2049, 0x80, 0x123, 0, 0 },
		{ CANFW_PROTO_OTHER, 16, 8, 0, 0x123, 0, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(rows); i++) {
		struct canfw_frame f = {
			.proto = rows[i].proto, .size = rows[i].size,
			.len = rows[i].len, .flags = rows[i].flags,
			.can_id = rows[i].can_id,
		};

		KUNIT_EXPECT_EQ_MSG(test, canfw_frame_kind(&f, CANFW_DIR_RX),
				    rows[i].rx, "row %zu rx", i);
		KUNIT_EXPECT_EQ_MSG(test, canfw_frame_kind(&f, CANFW_DIR_TX),
				    rows[i].tx, "row %zu tx", i);
	}
}

static void judge_frame(struct canfw_table *t, u8 proto, u32 can_id, u16 len,
			struct canfw_verdict *v)
{
	struct canfw_frame f;

	canfw_frame_init(&f, proto, can_id, len);
	canfw_table_judge(t, &f, 0, v);
}

/*
 * On TX an error-flag frame is judged as the data or remote frame a
 * controller sends: a deny rule and an allow-list both see its ID.
 */
static void tx_error_flag_wire_form(struct kunit *test)
{
	static const struct canfw_rule_spec deny[] = {
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, ANYLEN },
	};
	static const struct canfw_rule_spec allow[] = {
		{ RANGE(SFF_SP, 0x123, 0x123), ACCEPT, ANYLEN },
	};
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;

	t = mk_dir_table(test, deny, 1, CANFW_DIR_TX, A, CANFW_MODE_ENFORCE);
	judge_frame(t, CANFW_PROTO_CAN, ERRF(0x7DF), 3, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.rule, 0);
	KUNIT_EXPECT_EQ(test, v.kind, CANFW_KIND_DATA);
	canfw_table_free(t);

	t = mk_dir_table(test, allow, 1, CANFW_DIR_TX, D, CANFW_MODE_ENFORCE);
	judge_frame(t, CANFW_PROTO_CAN, ERRF(0x7DF), 3, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_DEFAULT);
	/* The ID bits decide: 0x123 with the flag is what the wire gets. */
	judge_frame(t, CANFW_PROTO_CAN, ERRF(0x123), 3, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.rule, 0);
	canfw_table_read_counters(t, &dc, NULL);
	KUNIT_EXPECT_EQ(test, dc.dropped_default, 1);
	KUNIT_EXPECT_EQ(test, dc.accepted, 1);
	canfw_table_free(t);

	/* RX keeps error frames apart: the ID rule does not see them. */
	t = mk_dir_table(test, deny, 1, CANFW_DIR_RX, A, CANFW_MODE_ENFORCE);
	judge_frame(t, CANFW_PROTO_CAN, ERRF(0x7DF), 3, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.kind, CANFW_KIND_ERR);
	canfw_table_free(t);
}

/* Error-frame rules and an error default on TX could never apply. */
static void tx_error_rules_refused(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN },
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, CCLEN,
		  .kinds = CANFW_KIND_ERR },
	};
	struct canfw_table_spec s = {
		.dir = CANFW_DIR_TX, .nrules = 2, .rules = rules,
	};
	struct canfw_build_error e;
	struct canfw_table *t = NULL;

	KUNIT_EXPECT_EQ(test, canfw_table_build(&s, &t, &e), -EINVAL);
	KUNIT_EXPECT_EQ(test, e.rule, 1);
	KUNIT_EXPECT_STREQ(test, e.msg,
			   "error-frame rules apply to rx only: on tx an error flag is judged by its wire form");
	KUNIT_EXPECT_TRUE(test, !t);
	s.dir = CANFW_DIR_RX;
	KUNIT_EXPECT_EQ(test, canfw_table_build(&s, &t, &e), 0);
	canfw_table_free(t);
}

/* XL priorities are standard IDs; rules without kinds see XL too. */
static void xl_frames(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7DF, 0x7DF), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, .len_lo = 1, .len_hi = 64,
		  .kinds = CANFW_KIND_XL },
		{ RANGE(SFF_SP, 0x100, 0x100), DROP, ANYLEN, .kinds = CANFW_KIND_XL },
		{ RANGE(SFF_SP, 0x200, 0x200), ACCEPT, FDLEN, .kinds = CANFW_KIND_FD },
		{ ID_ANY(CANFW_SPACE_EFF), ACCEPT, ANYLEN },
	};
	static const struct {
		u32 prio;
		u16 len;
		u8 action;
		u32 rule;
	} rows[] = {
		{ 0x7DF, 8, D, 0 },
		{ 0x7DF, 2048, D, 0 },
		{ 0x100, 64, A, 1 },
		{ 0x100, 65, D, 2 },
		{ 0x200, 8, A, NONE },		/* an FD rule is not an XL rule */
		/* The VCID bits do not change the priority. */
		{ 0x00AA07DF, 1, D, 0 },
		/* Extended-ID rules never see a priority. */
		{ 0x123, 1, A, NONE },
	};
	struct canfw_rule_counters rc[ARRAY_LEN(rules)];
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;
	size_t i;

	t = mk_dir_table(test, rules, ARRAY_LEN(rules), CANFW_DIR_TX, A,
			 CANFW_MODE_ENFORCE);
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		judge_frame(t, CANFW_PROTO_CANXL, rows[i].prio, rows[i].len, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.action, rows[i].action, "row %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, v.rule, rows[i].rule, "row %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, v.kind, CANFW_KIND_XL, "row %zu", i);
	}
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 3);
	KUNIT_EXPECT_EQ(test, rc[0].bytes, 8 + 2048 + 1);
	KUNIT_EXPECT_EQ(test, dc.malformed, 0);
	canfw_table_free(t);
}

/* Not a frame at all: counted, dropped, logged; monitor only counts. */
static void malformed(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, ANYLEN },
	};
	struct canfw_frame f;
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;

	t = mk_dir_table(test, rules, 1, CANFW_DIR_RX, A, CANFW_MODE_ENFORCE);
	canfw_frame_init(&f, CANFW_PROTO_CAN, 0x123, 9);
	canfw_table_judge(t, &f, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_MALFORMED);
	KUNIT_EXPECT_EQ(test, v.rule, NONE);
	KUNIT_EXPECT_EQ(test, v.kind, 0);
	KUNIT_EXPECT_EQ(test, v.log, 1);
	canfw_frame_init(&f, CANFW_PROTO_OTHER, 0x123, 8);
	canfw_table_judge(t, &f, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	canfw_table_read_counters(t, &dc, NULL);
	KUNIT_EXPECT_EQ(test, dc.malformed, 2);
	KUNIT_EXPECT_EQ(test, dc.accepted, 0);
	KUNIT_EXPECT_EQ(test, dc.dropped_rule + dc.dropped_default, 0);
	canfw_table_free(t);

	t = mk_dir_table(test, rules, 1, CANFW_DIR_TX, D, CANFW_MODE_MONITOR);
	canfw_frame_init(&f, CANFW_PROTO_CANFD, 0x123, 64);
	f.size = 16;
	canfw_table_judge(t, &f, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.would_drop, 1);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_MALFORMED);
	canfw_table_read_counters(t, &dc, NULL);
	KUNIT_EXPECT_EQ(test, dc.malformed, 1);
	KUNIT_EXPECT_EQ(test, dc.would_drop, 1);
	KUNIT_EXPECT_EQ(test, dc.accepted, 1);
	canfw_table_free(t);
}

/* A remote frame's length asks for bytes; it carries none. */
static void rtr_carries_no_bytes(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, ANYLEN },
	};
	struct canfw_rule_counters rc[1];
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;

	t = mk_dir_table(test, rules, 1, CANFW_DIR_RX, D, CANFW_MODE_ENFORCE);
	judge_frame(t, CANFW_PROTO_CAN, RTR(0x100), 8, &v);
	judge_frame(t, CANFW_PROTO_CAN, 0x100, 5, &v);
	canfw_table_read_counters(t, &dc, rc);
	KUNIT_EXPECT_EQ(test, rc[0].frames, 2);
	KUNIT_EXPECT_EQ(test, rc[0].bytes, 5);
	canfw_table_free(t);
}

/* A rule without a length takes every length its kinds can have. */
static void default_lengths(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, canfw_kinds_max_len(0), 2048);
	KUNIT_EXPECT_EQ(test, canfw_kinds_max_len(CANFW_KIND_DATA), 8);
	KUNIT_EXPECT_EQ(test, canfw_kinds_max_len(CANFW_KIND_ERR), 8);
	KUNIT_EXPECT_EQ(test,
			canfw_kinds_max_len(CANFW_KIND_RTR | CANFW_KIND_FD), 64);
	KUNIT_EXPECT_EQ(test,
			canfw_kinds_max_len(CANFW_KIND_FD | CANFW_KIND_XL), 2048);
}

static struct kunit_case canfw_frame_cases[] = {
	KUNIT_CASE(classify),
	KUNIT_CASE(tx_error_flag_wire_form),
	KUNIT_CASE(tx_error_rules_refused),
	KUNIT_CASE(xl_frames),
	KUNIT_CASE(malformed),
	KUNIT_CASE(rtr_carries_no_bytes),
	KUNIT_CASE(default_lengths),
	{}
};
