// SPDX-License-Identifier: GPL-2.0
/*
 * Randomized differential test: the engine against a deliberately naive
 * reference that walks the rule list in order. The seed is printed; set
 * CANFW_SEED (userspace) or the test module's seed parameter to replay.
 * DIFF_POLICIES and DIFF_FRAMES come from the runner: fewer in the
 * emulated debug kernel than in userspace.
 */
#include "helpers.h"

static bool ref_id_matches(const struct canfw_rule_spec *r, u32 can_id)
{
	bool eff = can_id & CAN_EFF_FLAG;
	u32 id = can_id & (eff ? CAN_EFF_MASK : CAN_SFF_MASK);

	if (!(r->space & (eff ? CANFW_SPACE_EFF : CANFW_SPACE_SFF)))
		return false;
	switch (r->id_match) {
	case CANFW_ID_MATCH_ANY:
		return true;
	case CANFW_ID_MATCH_RANGE:
		return id >= r->id_lo && id <= r->id_hi;
	default:
		return (id & r->id_hi) == r->id_lo;
	}
}

/*
 * The kind a frame has, spelled out from the uapi's rules rather than
 * from the engine's code: 0 for a frame that is no valid one.
 */
static u8 ref_kind(const struct canfw_frame *f, u8 dir)
{
	if (f->proto == CANFW_PROTO_CANXL)
		return f->len >= 1 && f->len <= 2048 && f->size == 12U + f->len &&
		       (f->flags & 0x80) ? CANFW_KIND_XL : 0;
	if (f->proto == CANFW_PROTO_CANFD)
		return f->size == 72 && f->len <= 64 ?
		       (dir == CANFW_DIR_RX && (f->can_id & CAN_ERR_FLAG) ?
			CANFW_KIND_ERR : CANFW_KIND_FD) : 0;
	if (f->proto != CANFW_PROTO_CAN || f->size != 16 || f->len > 8)
		return 0;
	if (dir == CANFW_DIR_RX && (f->can_id & CAN_ERR_FLAG))
		return CANFW_KIND_ERR;
	return f->can_id & CAN_RTR_FLAG ? CANFW_KIND_RTR : CANFW_KIND_DATA;
}

static bool ref_matches(const struct canfw_rule_spec *r,
			const struct canfw_frame *f, u8 kind)
{
	u8 kinds = r->kinds ? r->kinds : CANFW_KIND_ALL_ID;

	if (f->len < r->len_lo || f->len > r->len_hi || !(kinds & kind))
		return false;
	if (kind == CANFW_KIND_ERR)
		return true;
	/* A CAN XL priority is an 11-bit ID. */
	if (kind == CANFW_KIND_XL)
		return ref_id_matches(r, f->can_id & CAN_SFF_MASK);
	return ref_id_matches(r, f->can_id);
}

/* IDs cluster around a few bases so that rules overlap a lot. */
static u32 rand_id(u64 *s, u8 space, const u32 *bases)
{
	u32 max = space == EFF_SP ? CAN_EFF_MASK : CAN_SFF_MASK;

	switch (test_below(s, 4)) {
	case 0:
		return (u32)test_rand(s) & max;
	case 1:
		return test_below(s, 2) ? 0 : max;
	default:
		return (bases[test_below(s, 4)] ^ test_below(s, 64)) & max;
	}
}

static void rand_rule(u64 *s, struct canfw_rule_spec *r, const u32 *bases)
{
	u32 max, a, b;

	memset(r, 0, sizeof(*r));
	r->space = test_below(s, 2) ? SFF_SP : EFF_SP;
	max = r->space == EFF_SP ? CAN_EFF_MASK : CAN_SFF_MASK;
	switch (test_below(s, 10)) {
	case 0:
		r->id_match = CANFW_ID_MATCH_ANY;
		r->space = 1 + test_below(s, 3);
		break;
	case 1: case 2: case 3:
		r->id_match = CANFW_ID_MATCH_RANGE;
		r->id_lo = rand_id(s, r->space, bases);
		r->id_hi = r->id_lo;
		break;
	case 4: case 5: case 6:
		r->id_match = CANFW_ID_MATCH_RANGE;
		a = rand_id(s, r->space, bases);
		b = test_below(s, 3) ? a + test_below(s, 300) :
			rand_id(s, r->space, bases);
		b = b > max ? max : b;
		r->id_lo = a < b ? a : b;
		r->id_hi = a < b ? b : a;
		break;
	default:
		r->id_match = CANFW_ID_MATCH_MASK;
		/* random don't-care bits anywhere, high bits included */
		r->id_hi = (u32)test_rand(s) & (u32)test_rand(s) & max;
		if (test_below(s, 2))
			r->id_hi |= max & ~(test_below(s, 2) ? 0xFFU : 0xF0FU);
		r->id_lo = rand_id(s, r->space, bases) & r->id_hi;
		break;
	}
	r->action = test_below(s, 2);
	r->flags = test_below(s, 4) ? 0 : CANFW_RULE_FLAGS_LOG;
	if (!test_below(s, 3)) {
		/* Any mix of kinds but error frames (bit 0x8). */
		r->kinds = (u8)(1 + test_below(s, CANFW_KIND_ALL_ID)) &
			   CANFW_KIND_ALL_ID;
		if (!r->kinds)
			r->kinds = CANFW_KIND_XL;
		/* XL priorities are standard IDs only. */
		if ((r->kinds & CANFW_KIND_XL) && r->space == EFF_SP)
			r->kinds &= ~CANFW_KIND_XL;
		if (!r->kinds)
			r->kinds = CANFW_KIND_DATA;
	}
	if (!test_below(s, 30)) {
		r->kinds = CANFW_KIND_ERR;
		r->id_match = CANFW_ID_MATCH_ANY;
		r->space = CANFW_SPACE_BOTH;
		r->id_lo = 0;
		r->id_hi = 0;
	}
	r->len_hi = canfw_kinds_max_len(r->kinds);
	if (!test_below(s, 4)) {
		r->len_lo = test_below(s, 9);
		if (r->len_lo > r->len_hi)
			r->len_lo = r->len_hi;
		r->len_hi = r->len_lo + test_below(s, r->len_hi + 1 - r->len_lo);
	}
	/* FD-only rules take only the lengths CAN FD has. */
	if (r->kinds == CANFW_KIND_FD) {
		if (r->len_hi > 8)
			r->len_hi = 64;
		if (r->len_lo > 8)
			r->len_lo = 8;
	}
	if (r->kinds == CANFW_KIND_XL && r->len_hi < 1)
		r->len_hi = 1;
}

/* Frames aimed at rule edges: ends of ranges, masked values, neighbours. */
static void rand_frame(u64 *s, struct canfw_frame *f,
		       const struct canfw_rule_spec *rules, u32 n,
		       const u32 *bases)
{
	const struct canfw_rule_spec *r = &rules[test_below(s, n)];
	bool eff = test_below(s, 2);
	u32 max, id;

	if (r->id_match != CANFW_ID_MATCH_ANY && test_below(s, 4)) {
		eff = r->space == EFF_SP;
		max = eff ? CAN_EFF_MASK : CAN_SFF_MASK;
		switch (test_below(s, 5)) {
		case 0:
			id = r->id_lo - 1;
			break;
		case 1:
			id = r->id_hi + 1;
			break;
		case 2:
			id = r->id_lo;
			break;
		case 3:
			id = r->id_match == CANFW_ID_MATCH_RANGE ? r->id_hi :
			     r->id_lo | ((u32)test_rand(s) & ~r->id_hi);
			break;
		default:
			id = r->id_lo ^ (1U << test_below(s, eff ? 29 : 11));
			break;
		}
		id &= max;
	} else {
		id = rand_id(s, eff ? EFF_SP : SFF_SP, bases);
	}
	switch (test_below(s, 8)) {
	case 0: case 1:
		canfw_frame_init(f, CANFW_PROTO_CANFD,
				 id | (eff ? CAN_EFF_FLAG : 0),
				 (u16)test_below(s, 65));
		break;
	case 2:
		/* The priority field's other bits (VCID) do not matter. */
		canfw_frame_init(f, CANFW_PROTO_CANXL,
				 (id & CAN_SFF_MASK) | (test_below(s, 2) << 16),
				 (u16)(1 + test_below(s, 2048)));
		break;
	default:
		canfw_frame_init(f, CANFW_PROTO_CAN,
				 id | (eff ? CAN_EFF_FLAG : 0),
				 (u16)test_below(s, 9));
		if (!test_below(s, 8))
			f->can_id |= CAN_RTR_FLAG;
		break;
	}
	/* Error flags: error frames on RX, the ID bits' frame on TX. */
	if (!test_below(s, 20) && f->proto != CANFW_PROTO_CANXL)
		f->can_id |= CAN_ERR_FLAG;
	/* Frames no valid sender makes: wrong sizes and lengths. */
	switch (test_below(s, 40)) {
	case 0:
		f->size = test_below(s, 2) ? 16 : 72;
		break;
	case 1:
		f->len = (u16)(f->len + 65);
		break;
	case 2:
		f->proto = CANFW_PROTO_OTHER;
		break;
	case 3:
		f->flags = 0;
		break;
	}
}

static bool diff_one_policy(struct kunit *test, u64 *s, u32 pol,
			    struct canfw_rule_spec *rules, u64 *ref_frames,
			    struct canfw_rule_counters *rc)
{
	struct canfw_table_spec spec = { .rules = rules };
	struct canfw_build_error e;
	struct canfw_dir_counters dc;
	struct canfw_table *t;
	struct canfw_verdict v;
	u32 bases[4], i, j, n, want_rule;
	u64 ref_malformed = 0;
	u8 want;

	n = 1 + test_below(s, test_below(s, 8) ? 40 : 400);
	for (i = 0; i < 4; i++)
		bases[i] = (u32)test_rand(s);
	for (i = 0; i < n; i++) {
		rand_rule(s, &rules[i], bases);
		ref_frames[i] = 0;
	}
	spec.nrules = n;
	spec.dir = test_below(s, 2);
	spec.default_action = test_below(s, 2);
	spec.err_action = spec.dir == CANFW_DIR_RX ? test_below(s, 2) : A;
	spec.mode = !test_below(s, 5);
	/* Error-frame rules are RX's only. */
	for (i = 0; spec.dir == CANFW_DIR_TX && i < n; i++)
		if (rules[i].kinds == CANFW_KIND_ERR)
			rules[i].kinds = CANFW_KIND_DATA;
	if (canfw_table_build(&spec, &t, &e)) {
		KUNIT_EXPECT_EQ_MSG(test, 0, 1, "policy %u: build: %s rule %u",
				    pol, e.msg, e.rule);
		return false;
	}
	for (j = 0; j < DIFF_FRAMES; j++) {
		struct canfw_frame f;
		u8 kind;

		rand_frame(s, &f, rules, n, bases);
		kind = ref_kind(&f, spec.dir);
		want_rule = NONE;
		for (i = 0; kind && i < n && want_rule == NONE; i++)
			if (ref_matches(&rules[i], &f, kind))
				want_rule = i;
		if (!kind) {
			want = D;
			ref_malformed++;
		} else if (want_rule != NONE) {
			want = rules[want_rule].action;
			ref_frames[want_rule]++;
		} else {
			want = kind == CANFW_KIND_ERR ? spec.err_action :
			       spec.default_action;
		}
		canfw_table_judge(t, &f, 0, &v);
		if (v.rule != want_rule || v.action != (spec.mode ? A : want) ||
		    v.would_drop != (spec.mode && want == D)) {
			KUNIT_EXPECT_EQ_MSG(test, v.rule, want_rule,
					    "policy %u frame %u id %x len %u proto %u",
					    pol, j, f.can_id, f.len, f.proto);
			KUNIT_EXPECT_EQ_MSG(test, v.action, want,
					    "policy %u frame %u", pol, j);
			canfw_table_free(t);
			return false;
		}
	}
	canfw_table_read_counters(t, &dc, rc);
	for (i = 0; i < n; i++) {
		if (rc[i].frames != ref_frames[i]) {
			KUNIT_EXPECT_EQ_MSG(test, rc[i].frames, ref_frames[i],
					    "policy %u rule %u", pol, i);
			canfw_table_free(t);
			return false;
		}
	}
	KUNIT_EXPECT_EQ(test, dc.malformed, ref_malformed);
	KUNIT_EXPECT_EQ(test, dc.accepted + dc.dropped_rule +
			dc.dropped_default + (spec.mode ? 0 : dc.malformed),
			DIFF_FRAMES);
	canfw_table_free(t);
	return true;
}

static void differential(struct kunit *test)
{
	struct canfw_rule_counters *rc;
	struct canfw_rule_spec *rules;
	u64 s = canfw_test_seed, *ref;
	u32 pol;

	kunit_info(test, "seed %llu: %u policies x %u frames\n",
		   (unsigned long long)s, DIFF_POLICIES, DIFF_FRAMES);
	rules = kvcalloc(400, sizeof(*rules), CANFW_GFP);
	ref = kvcalloc(400, sizeof(*ref), CANFW_GFP);
	rc = kvcalloc(400, sizeof(*rc), CANFW_GFP);
	if (rules && ref && rc) {
		for (pol = 0; pol < DIFF_POLICIES; pol++)
			if (!diff_one_policy(test, &s, pol, rules, ref, rc))
				break;
	} else {
		KUNIT_EXPECT_TRUE(test, false);
	}
	kvfree(rc);
	kvfree(ref);
	kvfree(rules);
}

static struct kunit_case canfw_diff_cases[] = {
	KUNIT_CASE(differential),
	{}
};
