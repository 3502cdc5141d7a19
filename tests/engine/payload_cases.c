// SPDX-License-Identifier: GPL-2.0
/*
 * Payload checks: byte matches at every edge of offset and length, the
 * ISO-TP frame types and services of classical and CAN FD frames, and
 * first-match order among rules of one ID that differ only in payload.
 */
#include "helpers.h"

#define BYTES(o, l, v, m)	{ .offset = (o), .len = (l), .value = (v), \
				  .mask = (m) }

/* Judge one frame with its payload. */
static void judge_data(struct canfw_table *t, u8 proto, u32 can_id,
		       const u8 *data, u16 len, struct canfw_verdict *v)
{
	struct canfw_frame f;

	canfw_frame_init(&f, proto, can_id, len);
	f.data = data;
	canfw_table_judge(t, &f, 0, v);
}

static u32 rule_of(struct canfw_table *t, u8 proto, const u8 *data, u16 len)
{
	struct canfw_verdict v;

	judge_data(t, proto, 0x7E0, data, len, &v);
	return v.rule;
}

/* data[1] 0x27 and data[0:2] 0x0200/0xFF00, alone and together. */
static void payload_bytes(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .ndata = 2,
			       .data = { BYTES(1, 1, 0x27, 0xFF),
					 BYTES(0, 2, 0x0200, 0xFF00) } } },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .ndata = 1, .data = { BYTES(1, 1, 0x27, 0xFF) } } },
	};
	const u8 both[] = { 0x02, 0x27, 0x01 };
	const u8 one[] = { 0x03, 0x27, 0x01 };
	const u8 neither[] = { 0x02, 0x22, 0xF1 };
	struct canfw_table *t = mk_table(test, rules, ARRAY_LEN(rules), D,
					 CANFW_MODE_ENFORCE);

	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, both, 3), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, one, 3), 1);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, neither, 3), NONE);
	/* Too short for byte 1, and no payload at all. */
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, both, 1), NONE);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, NULL, 3), NONE);
	canfw_table_free(t);
}

/* The last bytes a match can reach, in FD and XL frames of each length. */
static void payload_offset_edges(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .ndata = 1,
			       .data = { BYTES(60, 4, 0xA1B2C3D4, U32_MAX) } } },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .ndata = 1,
			       .data = { BYTES(0, 4, 0x01020004, 0xFFFF00FF) } } },
	};
	struct canfw_table *t = mk_table(test, rules, ARRAY_LEN(rules), D,
					 CANFW_MODE_ENFORCE);
	u8 d[CANFW_DATA_SPAN] = { 1, 2, 0x99, 4 };

	d[60] = 0xA1;
	d[61] = 0xB2;
	d[62] = 0xC3;
	d[63] = 0xD4;
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, d, 64), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANXL, d, 64), 0);
	/* 48 bytes end before byte 60: the masked rule decides. */
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, d, 48), 1);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, d, 4), 1);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, d, 3), NONE);
	d[63] = 0xD5;
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, d, 64), 1);
	canfw_table_free(t);
}

/* A remote frame's length is a request: it has no bytes to match. */
static void payload_not_in_rtr(struct kunit *test)
{
	static const struct canfw_rule_spec rules[] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .ndata = 1, .data = { BYTES(0, 1, 0, 0xFF) } } },
	};
	struct canfw_table *t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	const u8 zero[8] = {};
	struct canfw_verdict v;

	judge_data(t, CANFW_PROTO_CAN, RTR(0x7E0), zero, 8, &v);
	KUNIT_EXPECT_EQ(test, v.rule, NONE);
	judge_data(t, CANFW_PROTO_CAN, 0x7E0, zero, 8, &v);
	KUNIT_EXPECT_EQ(test, v.rule, 0);
	canfw_table_free(t);
}

struct isotp_row {
	u8 len;
	u8 data[12];
	u8 type;
	int sid;
};

/* ISO 15765-2 single, first, consecutive and flow control frames. */
static void payload_isotp_parse(struct kunit *test)
{
	static const struct isotp_row rows[] = {
		{ 8, { 0x03, 0x22, 0xF1, 0x90 }, CANFW_ISOTP_FRAME_SF, 0x22 },
		{ 2, { 0x01, 0x3E }, CANFW_ISOTP_FRAME_SF, 0x3E },
		/* lengths past the frame: some receiver may still read it */
		{ 4, { 0x04, 0x27, 0x01, 0x00 }, CANFW_ISOTP_FRAME_SF, 0x27 },
		{ 8, { 0x08, 0x27 }, CANFW_ISOTP_FRAME_SF, 0x27 },
		/* the escape: length in byte 1, service in byte 2 */
		{ 12, { 0x00, 0x0A, 0x2E, 0xF1 }, CANFW_ISOTP_FRAME_SF, 0x2E },
		{ 8, { 0x00, 0x05, 0x2E, 0xF1 }, CANFW_ISOTP_FRAME_SF, 0x2E },
		{ 12, { 0x0A, 0x2E, 0xF1 }, CANFW_ISOTP_FRAME_SF, 0x2E },
		{ 2, { 0x00, 0x02 }, 0, -1 },
		/* first frames: 12-bit length, then the 32-bit escape */
		{ 8, { 0x10, 0x0A, 0x2E, 0xF1 }, CANFW_ISOTP_FRAME_FF, 0x2E },
		/* Linux takes a classical FF announcing 6 or 7 bytes */
		{ 8, { 0x10, 0x07, 0x27, 0x01 }, CANFW_ISOTP_FRAME_FF, 0x27 },
		{ 3, { 0x10, 0x0A, 0x2E }, CANFW_ISOTP_FRAME_FF, 0x2E },
		{ 12, { 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x36 },
		  CANFW_ISOTP_FRAME_FF, 0x36 },
		/* and a 32-bit length of 2 */
		{ 8, { 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x27, 0x01 },
		  CANFW_ISOTP_FRAME_FF, 0x27 },
		{ 6, { 0x10, 0x00, 0x00, 0x00, 0x10, 0x00 }, 0, -1 },
		{ 2, { 0x1F, 0xFF }, 0, -1 },
		{ 8, { 0x21, 0x34 }, CANFW_ISOTP_FRAME_CF, -1 },
		{ 3, { 0x30, 0x00, 0x00 }, CANFW_ISOTP_FRAME_FC, -1 },
		{ 1, { 0x32 }, CANFW_ISOTP_FRAME_FC, -1 },
		{ 8, { 0x40, 0x22 }, 0, -1 },
		{ 1, { 0x01 }, 0, -1 },
	};
	struct canfw_isotp tp;
	size_t i;

	for (i = 0; i < ARRAY_LEN(rows); i++) {
		canfw_isotp_parse(rows[i].data, rows[i].len, &tp);
		KUNIT_EXPECT_EQ_MSG(test, tp.type, rows[i].type, "row %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, tp.sid, rows[i].sid, "row %zu", i);
	}
	canfw_isotp_parse(NULL, 8, &tp);
	KUNIT_EXPECT_EQ(test, tp.type, 0);
}

static void set_sid(struct canfw_payload_spec *p, u8 sid)
{
	p->has_uds = 1;
	p->uds[sid >> 3] |= 1U << (sid & 7);
}

/*
 * A diagnostic gateway on one ID: reads pass, security access and
 * writes are refused, the rest of a transfer passes, anything else not.
 */
static void payload_uds_gateway(struct kunit *test)
{
	struct canfw_rule_spec rules[3] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN,
		  .payload = { .isotp = CANFW_ISOTP_FRAME_CF |
					CANFW_ISOTP_FRAME_FC } },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), DROP, ANYLEN },
	};
	static const u8 read_sf[8] = { 0x03, 0x22, 0xF1, 0x90 };
	static const u8 sa_sf[8] = { 0x02, 0x27, 0x01 };
	static const u8 write_ff[8] = { 0x10, 0x0A, 0x2E, 0xF1, 0x90 };
	static const u8 read_ff[8] = { 0x10, 0x0A, 0x22, 0xF1, 0x90 };
	static const u8 cf[8] = { 0x21, 1, 2, 3, 4, 5, 6, 7 };
	static const u8 fd_read[12] = { 0x00, 0x03, 0x22, 0xF1, 0x90 };
	static const u8 fd_write[12] = { 0x00, 0x04, 0x2E, 0xF1, 0x90, 1 };
	static const u8 bad_pci[8] = { 0x50, 0x22 };
	static const u8 short_ff[8] = { 0x10, 0x07, 0x27, 0x01 };
	static const u8 ff32[8] = { 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x27, 0x01 };
	struct canfw_table *t;

	set_sid(&rules[0].payload, 0x10);
	set_sid(&rules[0].payload, 0x22);
	set_sid(&rules[0].payload, 0x3E);
	t = mk_table(test, rules, ARRAY_LEN(rules), A, CANFW_MODE_ENFORCE);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, read_sf, 8), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, read_ff, 8), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, sa_sf, 8), 2);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, write_ff, 8), 2);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, cf, 8), 1);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, fd_read, 12), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, fd_write, 12), 2);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, bad_pci, 8), 2);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, short_ff, 8), 2);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, ff32, 8), 2);
	/* The lookup hands all three to the loop: none ends the list. */
	KUNIT_EXPECT_EQ(test, candidates(t, 0x7E0), 3);
	canfw_table_free(t);
}

/*
 * A deny-list by service catches every frame some receiver would take as
 * the service, with whatever lengths it announces.
 */
static void payload_uds_denylist(struct kunit *test)
{
	struct canfw_rule_spec rules[2] = {
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), DROP, ANYLEN },
		{ RANGE(SFF_SP, 0x7E0, 0x7E0), ACCEPT, ANYLEN },
	};
	static const u8 frames[][8] = {
		{ 0x02, 0x27, 0x01 },
		{ 0x07, 0x27, 0x01 },
		{ 0x10, 0x07, 0x27, 0x01 },
		{ 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x27, 0x01 },
		{ 0x00, 0x02, 0x27, 0x01 },
	};
	const u8 read_sf[8] = { 0x03, 0x22, 0xF1, 0x90 };
	struct canfw_table *t;
	size_t i;

	set_sid(&rules[0].payload, 0x27);
	t = mk_table(test, rules, ARRAY_LEN(rules), A, CANFW_MODE_ENFORCE);
	for (i = 0; i < ARRAY_LEN(frames); i++)
		KUNIT_EXPECT_EQ_MSG(test, rule_of(t, CANFW_PROTO_CAN, frames[i], 8),
				    0, "frame %zu", i);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, read_sf, 8), 1);
	canfw_table_free(t);
}

/* ISO-TP is not looked for in XL and error frames. */
static void payload_isotp_kinds(struct kunit *test)
{
	struct canfw_rule_spec rules[1] = {
		{ ID_ANY(CANFW_SPACE_BOTH), ACCEPT, ANYLEN },
	};
	const u8 sf[8] = { 0x02, 0x10, 0x01 };
	struct canfw_table *t;

	set_sid(&rules[0].payload, 0x10);
	t = mk_table(test, rules, 1, D, CANFW_MODE_ENFORCE);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CAN, sf, 8), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANFD, sf, 8), 0);
	KUNIT_EXPECT_EQ(test, rule_of(t, CANFW_PROTO_CANXL, sf, 8), NONE);
	canfw_table_free(t);
}

static void payload_checked(struct kunit *test)
{
	static const struct refusal bad[] = {
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .ndata = 5 } },
		  "a rule has at most 4 byte matches" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .ndata = 1, .data = { BYTES(0, 5, 1, 1) } } },
		  "a byte match compares 1 to 4 bytes" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .ndata = 1, .data = { BYTES(61, 4, 1, 1) } } },
		  "byte matches reach only the first 64 payload bytes" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, CCLEN,
		    .payload = { .ndata = 1, .data = { BYTES(8, 1, 1, 1) } } },
		  "the byte match lies past the rule's longest length" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .ndata = 1, .data = { BYTES(0, 1, 1, 0x1FF) } } },
		  "a byte match's mask must be nonzero and fit its bytes" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .ndata = 1, .data = { BYTES(0, 2, 0x11, 0xF0) } } },
		  "a byte match's value has bits outside its mask" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, CCLEN, .kinds = CANFW_KIND_RTR,
		    .payload = { .ndata = 1, .data = { BYTES(0, 1, 1, 1) } } },
		  "remote frames carry no payload to match" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN, .kinds = CANFW_KIND_XL,
		    .payload = { .isotp = CANFW_ISOTP_FRAME_SF } },
		  "ISO-TP runs only in data and fd frames" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .isotp = 0x10 } },
		  "unknown ISO-TP frame type" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .isotp = CANFW_ISOTP_FRAME_CF, .has_uds = 1,
				 .uds = { 1 } } },
		  "services are read from sf and ff frames, which the rule's isotp excludes" },
		{ { RANGE(SFF_SP, 1, 1), ACCEPT, ANYLEN,
		    .payload = { .has_uds = 1 } },
		  "uds names no service" },
	};

	expect_refused(test, bad, ARRAY_LEN(bad));
}

static struct kunit_case canfw_payload_cases[] = {
	KUNIT_CASE(payload_bytes),
	KUNIT_CASE(payload_offset_edges),
	KUNIT_CASE(payload_not_in_rtr),
	KUNIT_CASE(payload_isotp_parse),
	KUNIT_CASE(payload_uds_gateway),
	KUNIT_CASE(payload_uds_denylist),
	KUNIT_CASE(payload_isotp_kinds),
	KUNIT_CASE(payload_checked),
	{}
};
