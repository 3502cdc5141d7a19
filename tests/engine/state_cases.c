// SPDX-License-Identifier: GPL-2.0
/*
 * Vehicle states: rules and defaults limited to states, triggers counting
 * in a sliding window, selectors with a period guard, sticky states, and
 * what the engine refuses.
 */
#include "helpers.h"

#ifndef MS
#define MS	1000000ULL
#endif

/* parked, driving, diagnostic, lockdown; the last sticky. */
enum { PARKED, DRIVING, DIAG, LOCKDOWN };

static struct canfw_table *mk_state_table(struct kunit *test,
					  struct canfw_table_spec *s)
{
	struct canfw_build_error e;
	struct canfw_table *t = NULL;
	int err;

	s->nstates = 4;
	s->err_action = CANFW_ACTION_ACCEPT;
	err = canfw_table_build(s, &t, &e);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "build: %s", e.msg ? e.msg : "-");
	return t;
}

static void judge_in(struct canfw_table *t, u8 state, u32 id, u8 len,
		     const u8 *data, u64 now, struct canfw_verdict *v)
{
	struct canfw_frame f;

	canfw_frame_init(&f, CANFW_PROTO_CAN, id, len);
	f.data = data;
	f.state = state;
	canfw_table_judge(t, &f, now, v);
}

static void state_rules(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .states = CANFW_STATE_BIT(PARKED) | CANFW_STATE_BIT(DIAG) },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), DROP, ANYLEN },
	};
	struct canfw_table_spec s = {
		.default_action = A, .state_default = D,
		.state_default_in = CANFW_STATE_BIT(LOCKDOWN),
		.nrules = ARRAY_LEN(rules), .rules = rules,
	};
	struct canfw_table *t = mk_state_table(test, &s);
	struct canfw_verdict v;

	judge_in(t, PARKED, 0x7E0, 8, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.rule, 0U);
	judge_in(t, DIAG, 0x7E0, 8, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.rule, 0U);
	/* Outside its states the rule is not there: the next one decides. */
	judge_in(t, DRIVING, 0x7E0, 8, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.rule, 1U);
	judge_in(t, DRIVING, 0x100, 8, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_DEFAULT);
	judge_in(t, LOCKDOWN, 0x100, 8, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, D);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_DEFAULT);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	canfw_table_free(t);
}

static void state_trigger_window(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x666, 0x666), DROP, ANYLEN,
		  .trigger = { .event = CANFW_TRIGGER_EVENT_DROPS,
			       .count = 3, .window_us = 1000000,
			       .state = LOCKDOWN } },
	};
	static const u64 at[] = { 0, 600, 1200, 1300, 1400, 1500, 1600 };
	static const u8 fires[] = { 0, 0, 0, 1, 0, 0, 1 };
	struct canfw_table_spec s = {
		.default_action = A, .nrules = 1, .rules = rules,
	};
	struct canfw_table *t = mk_state_table(test, &s);
	struct canfw_verdict v;
	u32 i;

	for (i = 0; i < ARRAY_LEN(at); i++) {
		judge_in(t, PARKED, 0x666, 0, NULL, at[i] * MS, &v);
		KUNIT_EXPECT_EQ_MSG(test, v.to_state,
				    fires[i] ? LOCKDOWN : CANFW_NO_STATE,
				    "frame %u", i);
		if (fires[i]) {
			KUNIT_EXPECT_EQ(test, v.cause, CANFW_STATE_CAUSE_TRIGGER);
			KUNIT_EXPECT_EQ(test, v.cause_index, 0U);
		}
	}
	/* Accepted frames are no drops. */
	judge_in(t, PARKED, 0x100, 0, NULL, 1601 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->triggers[0].fired), 2);
	canfw_table_free(t);
}

static void state_trigger_kinds(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x100, 0x100), ACCEPT, ANYLEN, .rate = 1,
		  .burst = 1,
		  .trigger = { .event = CANFW_TRIGGER_EVENT_RATE_LIMITED,
			       .count = 2, .window_us = 1000000,
			       .state = DRIVING } },
	};
	/* The direction's trigger: any drop, here the default's. */
	struct canfw_table_spec s = {
		.default_action = D, .nrules = 1, .rules = rules,
		.trigger = { .event = CANFW_TRIGGER_EVENT_DROPS, .count = 2,
			     .window_us = 1000, .state = LOCKDOWN },
	};
	struct canfw_table *t = mk_state_table(test, &s);
	struct canfw_verdict v;

	judge_in(t, PARKED, 0x100, 0, NULL, 0, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	judge_in(t, PARKED, 0x100, 0, NULL, 100 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.reason, CANFW_REASON_RATE);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	judge_in(t, PARKED, 0x100, 0, NULL, 200 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, DRIVING);
	KUNIT_EXPECT_EQ(test, v.cause_index, 0U);
	/* Two default drops 2 ms apart: outside the 1 ms window. */
	judge_in(t, PARKED, 0x200, 0, NULL, 300 * MS, &v);
	judge_in(t, PARKED, 0x200, 0, NULL, 302 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	judge_in(t, PARKED, 0x200, 0, NULL, 302 * MS + 500000, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, LOCKDOWN);
	KUNIT_EXPECT_EQ(test, v.cause_index, NONE);
	canfw_table_free(t);
}

static void state_selector(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x0B4, 0x0B4), ACCEPT, CCLEN },
	};
	static const struct canfw_selector_spec sel[] = {
		{ .can_id = 0x0B4, .state = PARKED, .else_state = DRIVING,
		  .period_us = 10000, .jitter_us = 1000,
		  .payload = { .ndata = 1,
			       .data = { { .offset = 0, .len = 2, .value = 0,
					   .mask = 0xFFFF } } } },
	};
	static const u8 stopped[8] = { 0x00, 0x00 };
	static const u8 moving[8] = { 0x12, 0x34 };
	struct canfw_table_spec s = {
		.default_action = D, .nrules = 1, .rules = rules,
		.nsel = 1, .sel = sel,
	};
	struct canfw_table *t = mk_state_table(test, &s);
	struct canfw_verdict v;

	judge_in(t, DRIVING, 0x0B4, 8, stopped, 0, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, PARKED);
	KUNIT_EXPECT_EQ(test, v.cause, CANFW_STATE_CAUSE_SELECTOR);
	KUNIT_EXPECT_EQ(test, v.cause_index, 0U);
	judge_in(t, PARKED, 0x0B4, 8, moving, 10 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, DRIVING);
	/* A forged "stopped" frame between two genuine ones is ignored. */
	judge_in(t, DRIVING, 0x0B4, 8, stopped, 12 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, A);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->sel[0].ignored), 1);
	/* The genuine one stays on time, and asks for no change. */
	judge_in(t, DRIVING, 0x0B4, 8, moving, 20 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->sel[0].frames), 3);
	/* A frame the policy drops selects nothing. */
	judge_in(t, DRIVING, 0x0B4, 12, stopped, 30 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.action, CANFW_ACTION_DROP);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	/* Nor does another ID, or the extended ID with the same number. */
	judge_in(t, DRIVING, EFF(0x0B4), 8, stopped, 40 * MS, &v);
	KUNIT_EXPECT_EQ(test, v.to_state, CANFW_NO_STATE);
	canfw_table_free(t);
}

static void state_switch_sticky(struct kunit *test)
{
	static const struct canfw_state_def def[] = {
		{ "parked", 0 }, { "driving", 0 }, { "diagnostic", 0 },
		{ "lockdown", CANFW_STATE_FLAGS_STICKY },
	};
	/* Static: too large for a stack frame under KASAN. */
	static struct canfw_states s;
	s64 from, to;
	const char *msg = NULL;

	KUNIT_EXPECT_EQ(test, canfw_states_check(def, 4, &msg), 0);
	canfw_states_init(&s, def, 4);
	KUNIT_EXPECT_EQ(test, canfw_state_find(&s, "lockdown"), LOCKDOWN);
	KUNIT_EXPECT_EQ(test, canfw_state_find(&s, "limp"), -1);
	KUNIT_EXPECT_FALSE(test, canfw_state_switch(&s, PARKED,
						    CANFW_STATE_CAUSE_COMMAND,
						    &from, &to));
	KUNIT_EXPECT_TRUE(test, canfw_state_switch(&s, LOCKDOWN,
						   CANFW_STATE_CAUSE_TRIGGER,
						   &from, &to));
	KUNIT_EXPECT_EQ(test, canfw_state_index(from), PARKED);
	KUNIT_EXPECT_EQ(test, canfw_state_index(to), LOCKDOWN);
	KUNIT_EXPECT_EQ(test, canfw_state_seq(to), 1U);
	/* Only a command leaves a sticky state. */
	KUNIT_EXPECT_FALSE(test, canfw_state_switch(&s, PARKED,
						    CANFW_STATE_CAUSE_SELECTOR,
						    &from, &to));
	KUNIT_EXPECT_FALSE(test, canfw_state_switch(&s, DRIVING,
						    CANFW_STATE_CAUSE_TRIGGER,
						    &from, &to));
	KUNIT_EXPECT_TRUE(test, canfw_state_switch(&s, DRIVING,
						   CANFW_STATE_CAUSE_COMMAND,
						   &from, &to));
	KUNIT_EXPECT_EQ(test, canfw_state_seq(to), 2U);
	KUNIT_EXPECT_EQ(test, canfw_state_index(atomic64_read(&s.cur)),
			DRIVING);
}

/* A table spec that the engine refuses, with its message. */
static void expect_table_refused(struct kunit *test,
				 struct canfw_table_spec *s, const char *want)
{
	struct canfw_build_error e;
	struct canfw_table *t = NULL;

	s->nstates = s->nstates ? s->nstates : 4;
	KUNIT_EXPECT_EQ_MSG(test, canfw_table_build(s, &t, &e) < 0, 1, "%s",
			    want);
	KUNIT_EXPECT_STREQ(test, e.msg ? e.msg : "-", want);
	KUNIT_EXPECT_TRUE(test, !t);
}

#define TRIG(ev, n, st)	.trigger = { .event = (ev), .count = (n), \
				     .window_us = 1000, .state = (st) }

static void state_checked(struct kunit *test)
{
	static const struct {
		struct canfw_rule_spec r;
		const char *msg;
	} bad[] = {
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .states = 0x10 },
		  "the rule is limited to a state the policy does not declare" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_DROPS, 2, 4) },
		  "a trigger switches to a state the policy does not declare" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_DROPS, 1025, 1) },
		  "a trigger counts 1 to 1024 events" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_DROPS, 2, 1) },
		  "the rule drops no frame: a drops trigger on it would never fire" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_RATE_LIMITED, 2, 1) },
		  "a rate-limited trigger needs a rule with a rate" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_EARLY, 2, 1) },
		  "an early trigger needs a rule with a period" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(CANFW_TRIGGER_EVENT_MISSING, 2, 1) },
		  "a missing trigger needs a rule with a timeout" },
		{ { RANGE(SFF_SP, 1, 1), DROP, ANYLEN,
		    TRIG(7, 2, 1) },
		  "unknown trigger event" },
	};
	static const struct canfw_selector_spec rtr_sel = {
		.can_id = RTR(0x0B4), .state = 0, .else_state = CANFW_NO_STATE,
	};
	static const struct canfw_selector_spec tp_sel = {
		.can_id = 0x0B4, .state = 0, .else_state = CANFW_NO_STATE,
		.payload = { .isotp = CANFW_ISOTP_FRAME_SF },
	};
	static const struct canfw_selector_spec far_sel = {
		.can_id = 0x0B4, .state = 0, .else_state = 9,
	};
	static const struct canfw_state_def dup[] = { { "a", 0 }, { "a", 0 } };
	static const struct canfw_state_def odd[] = { { "par ked", 0 } };
	struct canfw_table_spec s;
	const char *msg = NULL;
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		s = (struct canfw_table_spec){ .nrules = 1, .rules = &bad[i].r };
		expect_table_refused(test, &s, bad[i].msg);
	}
	s = (struct canfw_table_spec){ .state_default_in = 0x20 };
	expect_table_refused(test, &s,
			     "the default is limited to a state the policy does not declare");
	s = (struct canfw_table_spec){ .dir = CANFW_DIR_TX, .nsel = 1,
				       .sel = &far_sel };
	expect_table_refused(test, &s, "selectors read received frames: rx only");
	s = (struct canfw_table_spec){ .nsel = 1, .sel = &far_sel };
	expect_table_refused(test, &s,
			     "a selector selects a state the policy does not declare");
	s = (struct canfw_table_spec){ .nsel = 1, .sel = &rtr_sel };
	expect_table_refused(test, &s,
			     "a selector names one standard or extended ID");
	s = (struct canfw_table_spec){ .nsel = 1, .sel = &tp_sel };
	expect_table_refused(test, &s, "a selector matches bytes, not ISO-TP");
	KUNIT_EXPECT_EQ(test, canfw_states_check(dup, 2, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "a state is declared twice");
	KUNIT_EXPECT_EQ(test, canfw_states_check(odd, 1, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "state names are letters, digits, - and _");
}

static struct kunit_case canfw_state_cases[] = {
	KUNIT_CASE(state_rules),
	KUNIT_CASE(state_trigger_window),
	KUNIT_CASE(state_trigger_kinds),
	KUNIT_CASE(state_selector),
	KUNIT_CASE(state_switch_sticky),
	KUNIT_CASE(state_checked),
	{}
};
