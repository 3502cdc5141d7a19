// SPDX-License-Identifier: GPL-2.0
/*
 * The policy language, construct by construct: each accepted form with
 * the exact engine spec it must produce, and each refused form with its
 * exact message and position. Sender rules name cgroups of a directory
 * tree made for the test (CANFW_CGROUP_ROOT), whose inode numbers are
 * their ids.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "cgroup_tree.h"
#include "cgroup.h"
#include "policy.h"

#define SFF	CANFW_SPACE_SFF
#define EFF	CANFW_SPACE_EFF
#define BOTH	CANFW_SPACE_BOTH
#define ANY	CANFW_ID_MATCH_ANY
#define RANGE	CANFW_ID_MATCH_RANGE
#define MASK	CANFW_ID_MATCH_MASK
#define ACC	CANFW_ACTION_ACCEPT
#define DROP	CANFW_ACTION_DROP
#define DATA	CANFW_KIND_DATA
#define RTR	CANFW_KIND_RTR
#define FD	CANFW_KIND_FD
#define ERR	CANFW_KIND_ERR
#define XL	CANFW_KIND_XL
#define LOG	CANFW_RULE_FLAGS_LOG

/* match, space, lo, hi, kinds, len_lo, len_hi, action, flags, rate, burst */
#define SPEC(m, s, lo, hi, k, ll, lh, a, f, r, b)			\
	{ .id_match = (m), .space = (s), .id_lo = (lo), .id_hi = (hi),	\
	  .kinds = (k), .len_lo = (ll), .len_hi = (lh), .action = (a),	\
	  .flags = (f), .rate = (r), .burst = (b) }

static const struct rule_case {
	const char *rule;	/* one line inside "interface can0 { }" */
	struct canfw_rule_spec want;
} rule_cases[] = {
	{ "rx accept", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx drop", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, DROP, 0, 0, 0) },
	{ "rx accept id any", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id any sff", SPEC(ANY, SFF, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept eff id any", SPEC(ANY, EFF, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept sff", SPEC(ANY, SFF, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x0C0", SPEC(RANGE, SFF, 0xC0, 0xC0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 192", SPEC(RANGE, SFF, 0xC0, 0xC0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 010", SPEC(RANGE, SFF, 10, 10, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x7FF", SPEC(RANGE, SFF, 0x7FF, 0x7FF, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x800", SPEC(RANGE, EFF, 0x800, 0x800, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x123 eff", SPEC(RANGE, EFF, 0x123, 0x123, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x123 sff", SPEC(RANGE, SFF, 0x123, 0x123, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x1FFFFFFF", SPEC(RANGE, EFF, 0x1FFFFFFF, 0x1FFFFFFF, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x100-0x17F", SPEC(RANGE, SFF, 0x100, 0x17F, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x100 - 0x17F", SPEC(RANGE, SFF, 0x100, 0x17F, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x700-0x800", SPEC(RANGE, EFF, 0x700, 0x800, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 5-5", SPEC(RANGE, SFF, 5, 5, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept eff id 0x18FEF100/0x1FFFFF00", SPEC(MASK, EFF, 0x18FEF100, 0x1FFFFF00, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x18FEF100/0x1FFFFF00", SPEC(MASK, EFF, 0x18FEF100, 0x1FFFFF00, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x100/0x700", SPEC(MASK, SFF, 0x100, 0x700, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x0/0x0", SPEC(MASK, SFF, 0, 0, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x100/0x700 eff", SPEC(MASK, EFF, 0x100, 0x700, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x0C0 len 8", SPEC(RANGE, SFF, 0xC0, 0xC0, 0, 8, 8, ACC, 0, 0, 0) },
	{ "rx accept len 0", SPEC(ANY, BOTH, 0, 0, 0, 0, 0, ACC, 0, 0, 0) },
	{ "rx accept len 2-64", SPEC(ANY, BOTH, 0, 0, 0, 2, 64, ACC, 0, 0, 0) },
	{ "rx accept len 0-64", SPEC(ANY, BOTH, 0, 0, 0, 0, 64, ACC, 0, 0, 0) },
	{ "rx drop rtr", SPEC(ANY, BOTH, 0, 0, RTR, 0, 8, DROP, 0, 0, 0) },
	{ "rx drop data", SPEC(ANY, BOTH, 0, 0, DATA, 0, 8, DROP, 0, 0, 0) },
	{ "tx accept id 0x3E0 fd len 2-64", SPEC(RANGE, SFF, 0x3E0, 0x3E0, FD, 2, 64, ACC, 0, 0, 0) },
	{ "rx accept classic", SPEC(ANY, BOTH, 0, 0, DATA | RTR, 0, 8, ACC, 0, 0, 0) },
	{ "rx accept classic len 8", SPEC(ANY, BOTH, 0, 0, DATA | RTR, 8, 8, ACC, 0, 0, 0) },
	{ "rx accept classic fd", SPEC(ANY, BOTH, 0, 0, DATA | RTR | FD, 0, 64, ACC, 0, 0, 0) },
	{ "rx accept data fd len 12", SPEC(ANY, BOTH, 0, 0, DATA | FD, 12, 12, ACC, 0, 0, 0) },
	{ "rx accept rtr data", SPEC(ANY, BOTH, 0, 0, DATA | RTR, 0, 8, ACC, 0, 0, 0) },
	{ "rx drop err", SPEC(ANY, BOTH, 0, 0, ERR, 0, 8, DROP, 0, 0, 0) },
	{ "rx accept err log", SPEC(ANY, BOTH, 0, 0, ERR, 0, 8, ACC, LOG, 0, 0) },
	{ "rx accept err len 8", SPEC(ANY, BOTH, 0, 0, ERR, 8, 8, ACC, 0, 0, 0) },
	{ "rx drop id 0x7DF log", SPEC(RANGE, SFF, 0x7DF, 0x7DF, 0, 0, 2048, DROP, LOG, 0, 0) },
	{ "rx accept id 0x0C0 len 8 rate 100/s burst 5", SPEC(RANGE, SFF, 0xC0, 0xC0, 0, 8, 8, ACC, 0, 100, 5) },
	{ "rx accept rate 100/s", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 100, 1) },
	{ "rx accept rate 100 / s", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 100, 1) },
	{ "rx accept rate 1/s", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 1, 1) },
	{ "rx accept burst 1000000 rate 1000000/s", SPEC(ANY, BOTH, 0, 0, 0, 0, 2048, ACC, 0, 1000000, 1000000) },
	{ "rx accept log rate 0x10/s id 0x10 len 1-3 rtr", SPEC(RANGE, SFF, 0x10, 0x10, RTR, 1, 3, ACC, LOG, 16, 1) },
	{ "tx drop id 0x123 eff log", SPEC(RANGE, EFF, 0x123, 0x123, 0, 0, 2048, DROP, LOG, 0, 0) },
	{ "rx accept xl", SPEC(ANY, BOTH, 0, 0, XL, 0, 2048, ACC, 0, 0, 0) },
	{ "tx drop id 0x7DF xl len 1-64", SPEC(RANGE, SFF, 0x7DF, 0x7DF, XL, 1, 64, DROP, 0, 0, 0) },
	{ "rx accept fd xl", SPEC(ANY, BOTH, 0, 0, FD | XL, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept data len 8-8", SPEC(ANY, BOTH, 0, 0, DATA, 8, 8, ACC, 0, 0, 0) },
	{ "rx accept fd len 12-64", SPEC(ANY, BOTH, 0, 0, FD, 12, 64, ACC, 0, 0, 0) },
	{ "rx accept len 100-2048", SPEC(ANY, BOTH, 0, 0, 0, 100, 2048, ACC, 0, 0, 0) },
	{ "rx accept id 0x100 # trailing comment", SPEC(RANGE, SFF, 0x100, 0x100, 0, 0, 2048, ACC, 0, 0, 0) },
	{ "rx accept ID 0x100", SPEC(ANY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) },	/* keywords are case-sensitive: refused */
};

/* Timed rules: the times in microseconds, the default jitter. */
static const struct time_case {
	const char *rule;
	u32 period, jitter, timeout;
	u32 flags;
} time_cases[] = {
	{ "rx accept id 0x100 period 10ms", 10000, 1000, 0, 0 },
	{ "rx accept id 0x100 period 10ms jitter 0us", 10000, 0, 0, 0 },
	{ "rx accept id 0x100 jitter 250us period 1s", 1000000, 250, 0, 0 },
	{ "rx accept id 0x100 timeout 50ms", 0, 0, 50000, 0 },
	{ "rx accept id 0x100 period 100us timeout 600s", 100, 10, 600000000, 0 },
	{ "rx accept id 0x100 period 20ms early log", 20000, 2000, 0, 2 },
	{ "rx accept id 0x100 period 20ms early drop log", 20000, 2000, 0, 1 },
	{ "rx accept id 0x100-0x1FF period 20ms per-id 16", 20000, 2000, 0, 0 },
};

static bool payload_same(const struct canfw_payload_spec *a,
			 const struct canfw_payload_spec *b)
{
	u8 i;

	if (a->ndata != b->ndata || a->isotp != b->isotp ||
	    a->has_uds != b->has_uds || memcmp(a->uds, b->uds, sizeof(a->uds)))
		return false;
	for (i = 0; i < a->ndata; i++)
		if (a->data[i].offset != b->data[i].offset ||
		    a->data[i].len != b->data[i].len ||
		    a->data[i].value != b->data[i].value ||
		    a->data[i].mask != b->data[i].mask)
			return false;
	return true;
}

static bool sender_same(const struct canfw_sender_spec *a,
			const struct canfw_sender_spec *b)
{
	return a->match == b->match && a->uid_lo == b->uid_lo &&
	       a->uid_hi == b->uid_hi && a->gid_lo == b->gid_lo &&
	       a->gid_hi == b->gid_hi && a->cgroup_id == b->cgroup_id &&
	       a->cgroup_level == b->cgroup_level;
}

static bool spec_equal(const struct canfw_rule_spec *a,
		       const struct canfw_rule_spec *b)
{
	return payload_same(&a->payload, &b->payload) &&
	       sender_same(&a->sender, &b->sender) &&
	       a->id_match == b->id_match && a->space == b->space &&
	       a->id_lo == b->id_lo && a->id_hi == b->id_hi &&
	       a->kinds == b->kinds && a->len_lo == b->len_lo &&
	       a->len_hi == b->len_hi && a->action == b->action &&
	       a->flags == b->flags && a->rate == b->rate &&
	       a->burst == b->burst && a->period_us == b->period_us &&
	       a->jitter_us == b->jitter_us && a->timeout_us == b->timeout_us &&
	       a->per_id == b->per_id;
}

static void show_spec(const char *what, const struct canfw_rule_spec *r)
{
	tap_diag("%s: match %u space %u id 0x%X-0x%X kinds 0x%X len %u-%u action %u flags %u rate %u burst %u",
		 what, r->id_match, r->space, r->id_lo, r->id_hi, r->kinds,
		 r->len_lo, r->len_hi, r->action, r->flags, r->rate, r->burst);
}

static void run_rule_case(const struct rule_case *c)
{
	struct cfw_policy p;
	struct cfw_error err;
	char src[512];
	bool expect_fail = c->want.space == 0;
	int dir = !strncmp(c->rule, "tx", 2);
	bool ok;

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	if (cfw_parse(src, strlen(src), &p, &err)) {
		if (!expect_fail)
			tap_diag("%u:%u: %s", err.pos.line, err.pos.col,
				 err.msg);
		tap_result(expect_fail, "parse: %s", c->rule);
		return;
	}
	ok = !expect_fail && p.nifaces == 1 && p.ifaces[0].dir[dir].nrules == 1 &&
	     p.ifaces[0].dir[!dir].nrules == 0 &&
	     spec_equal(&p.ifaces[0].dir[dir].rules[0], &c->want) &&
	     p.ifaces[0].dir[dir].pos[0].line == 2 &&
	     p.ifaces[0].dir[dir].pos[0].col == 1;
	if (!ok && p.nifaces == 1 && p.ifaces[0].dir[dir].nrules == 1) {
		show_spec("got ", &p.ifaces[0].dir[dir].rules[0]);
		show_spec("want", &c->want);
	}
	tap_result(ok, "parse: %s", c->rule);
	cfw_policy_free(&p);
}

#define SF	CANFW_ISOTP_FRAME_SF
#define FF	CANFW_ISOTP_FRAME_FF
#define CF	CANFW_ISOTP_FRAME_CF
#define FC	CANFW_ISOTP_FRAME_FC
#define BYTES(o, l, v, m)	{ .offset = (o), .len = (l), .value = (v), \
				  .mask = (m) }
#define MATCHES(n, ...)		.ndata = (n), .data = { __VA_ARGS__ }
#define UDS(n, ...)		.nruns = (n), .runs = { __VA_ARGS__ }

/* Payload checks: the byte matches in order, the ISO-TP types, services. */
static const struct payload_case {
	const char *rule;
	u8 kinds;
	u16 len_hi;
	u8 ndata;
	struct canfw_data_match data[CANFW_DATA_MATCH_MAX];
	u8 isotp;
	u8 nruns;		/* uds: services lo to hi of each run */
	u8 runs[6][2];
} payload_cases[] = {
	{ "rx accept id 0x7E0 data[1] 0x27", 0, 2048,
	  MATCHES(1, BYTES(1, 1, 0x27, 0xFF)) },
	{ "rx accept data[0:2] 0x0227/0xFFFF", 0, 2048,
	  MATCHES(1, BYTES(0, 2, 0x0227, 0xFFFF)) },
	{ "rx accept data[0:2] 0x0200/0xFF00", 0, 2048,
	  MATCHES(1, BYTES(0, 2, 0x0200, 0xFF00)) },
	{ "rx accept data[0:3] 0x10203", 0, 2048,
	  MATCHES(1, BYTES(0, 3, 0x010203, 0xFFFFFF)) },
	{ "rx accept data[60:64] 0xA1B2C3D4", 0, 2048,
	  MATCHES(1, BYTES(60, 4, 0xA1B2C3D4, U32_MAX)) },
	{ "rx accept data[63] 0xF0/0xF0", 0, 2048,
	  MATCHES(1, BYTES(63, 1, 0xF0, 0xF0)) },
	{ "rx accept data[0x3F] 1", 0, 2048, MATCHES(1, BYTES(63, 1, 1, 0xFF)) },
	{ "rx accept data[0:4] 0/0x80000000", 0, 2048,
	  MATCHES(1, BYTES(0, 4, 0, 0x80000000)) },
	{ "rx accept data[2] 7 data[0] 1 data[1:3] 0x100/0xF00 data[63] 0xFF", 0, 2048,
	  MATCHES(4, BYTES(2, 1, 7, 0xFF), BYTES(0, 1, 1, 0xFF),
		  BYTES(1, 2, 0x100, 0xF00), BYTES(63, 1, 0xFF, 0xFF)) },
	{ "rx accept data data[7] 2", DATA, 8, MATCHES(1, BYTES(7, 1, 2, 0xFF)) },
	{ "rx accept data[0] 2 data", DATA, 8, MATCHES(1, BYTES(0, 1, 2, 0xFF)) },
	{ "rx accept data[ 0 : 2 ] 0x0102", 0, 2048,
	  MATCHES(1, BYTES(0, 2, 0x0102, 0xFFFF)) },
	{ "rx accept isotp sf", 0, 2048, .isotp = SF },
	{ "rx accept isotp fc,cf,sf,ff", 0, 2048, .isotp = SF | FF | CF | FC },
	{ "rx accept isotp sf , sf", 0, 2048, .isotp = SF },
	{ "rx accept uds 0x22", 0, 2048, UDS(1, { 0x22, 0x22 }) },
	{ "rx accept uds 0x10-0x3E", 0, 2048, UDS(1, { 0x10, 0x3E }) },
	{ "rx accept uds 0x27,0x2E,0x31,0x34,0x36", 0, 2048,
	  UDS(5, { 0x27, 0x27 }, { 0x2E, 0x2E }, { 0x31, 0x31 }, { 0x34, 0x34 },
	      { 0x36, 0x36 }) },
	{ "rx accept uds 0,255", 0, 2048, UDS(2, { 0, 0 }, { 255, 255 }) },
	{ "rx accept uds 0-255", 0, 2048, UDS(1, { 0, 255 }) },
	{ "rx accept uds 0x22, 0x22,0x20 - 0x23", 0, 2048, UDS(1, { 0x20, 0x23 }) },
	{ "rx accept id 0x7E0 fd len 8-64 data[0] 0 isotp sf,ff uds 0x22 log", FD, 64,
	  MATCHES(1, BYTES(0, 1, 0, 0xFF)), .isotp = SF | FF,
	  UDS(1, { 0x22, 0x22 }) },
	{ "rx accept uds 0x22 isotp ff data[0:2] 0x1000/0xF000 id 0x7E0 data", DATA, 8,
	  MATCHES(1, BYTES(0, 2, 0x1000, 0xF000)), .isotp = FF,
	  UDS(1, { 0x22, 0x22 }) },
	{ "rx accept uds 0x10 isotp sf,cf", 0, 2048, .isotp = SF | CF,
	  UDS(1, { 0x10, 0x10 }) },
	{ "rx accept err data[0:2] 0x0400/0xFF00", ERR, 8,
	  MATCHES(1, BYTES(0, 2, 0x0400, 0xFF00)) },
	{ "rx accept xl data[0:4] 0xCAFE", XL, 2048,
	  MATCHES(1, BYTES(0, 4, 0xCAFE, U32_MAX)) },
};

static void run_payload_case(const struct payload_case *c)
{
	struct canfw_payload_spec want = { .ndata = c->ndata,
					   .isotp = c->isotp };
	const struct canfw_rule_spec *r;
	struct cfw_policy p;
	struct cfw_error err;
	char src[512];
	unsigned int i, sid;
	bool ok;

	memcpy(want.data, c->data, sizeof(want.data));
	for (i = 0; i < c->nruns; i++) {
		want.has_uds = 1;
		for (sid = c->runs[i][0]; sid <= c->runs[i][1]; sid++)
			want.uds[sid / 8] |= 1U << (sid % 8);
	}
	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "parse: %s", c->rule);
		return;
	}
	r = &p.ifaces[0].dir[0].rules[0];
	ok = p.ifaces[0].dir[0].nrules == 1 &&
	     payload_same(&r->payload, &want) && r->kinds == c->kinds &&
	     r->len_hi == c->len_hi;
	if (!ok) {
		tap_diag("got kinds 0x%X len_hi %u ndata %u isotp 0x%X has_uds %u",
			 r->kinds, r->len_hi, r->payload.ndata,
			 r->payload.isotp, r->payload.has_uds);
		for (i = 0; i < r->payload.ndata; i++)
			tap_diag("  data %u: offset %u len %u value 0x%X mask 0x%X",
				 i, r->payload.data[i].offset,
				 r->payload.data[i].len, r->payload.data[i].value,
				 r->payload.data[i].mask);
	}
	tap_result(ok, "parse: %s", c->rule);
	cfw_policy_free(&p);
}

/* The canonical text of payload checks: after the length, in one order. */
static const struct print_case {
	const char *rule;
	const char *text;
} print_cases[] = {
	{ "rx accept data[1:2] 0x27", "accept data[1] 0x27" },
	{ "rx accept data[0:2] 0x227/0xffff", "accept data[0:2] 0x0227" },
	{ "rx accept data[0:2] 0x200/0xFF00", "accept data[0:2] 0x0200/0xFF00" },
	{ "rx accept data[5:8] 1", "accept data[5:8] 0x000001" },
	{ "rx accept data[0:4] 0/0x80000000", "accept data[0:4] 0x00000000/0x80000000" },
	{ "rx accept data[3] 0 data[1] 1", "accept data[3] 0x00 data[1] 0x01" },
	{ "rx accept isotp fc,sf", "accept isotp sf,fc" },
	{ "rx accept isotp cf,ff,fc,sf", "accept isotp sf,ff,cf,fc" },
	{ "rx accept uds 0x10,0x11", "accept uds 0x10,0x11" },
	{ "rx accept uds 0x10,0x11,0x12", "accept uds 0x10-0x12" },
	{ "rx accept uds 0x3E,0x10-0x20,0x22,0x27,0x28,255",
	  "accept uds 0x10-0x20,0x22,0x27,0x28,0x3E,0xFF" },
	{ "rx accept uds 0-255", "accept uds 0x00-0xFF" },
	{ "rx accept log uds 0x22 rate 10/s isotp sf data[0] 2 len 2-8 id 0x7E0 data",
	  "accept id 0x7E0 data len 2-8 data[0] 0x02 isotp sf uds 0x22 rate 10/s log" },
};

static void run_print_case(const struct print_case *c)
{
	struct cfw_policy p;
	struct cfw_error err;
	char src[512], text[CFW_RULE_TEXT_MAX];

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "print: %s", c->rule);
		return;
	}
	cfw_format_rule(text, sizeof(text), &p.ifaces[0].dir[0].rules[0]);
	if (strcmp(text, c->text))
		tap_diag("got  '%s'\n# want '%s'", text, c->text);
	tap_result(!strcmp(text, c->text), "print: %s", c->rule);
	cfw_policy_free(&p);
}

/* The cgroup tree sender rules name: CANFW_CGROUP_ROOT for every case. */
static char cg_root[256];

static const char *const cg_dirs[] = {
	"system.slice/engine.service/worker",
	"system.slice/getty@tty1.service",
	"user.slice/user-1000.slice/app-x_y:1,2.scope",
	"odd dir/inside",
	"canfw-test/media.service",
};

/*
 * Directories of names as long as there can be (NAME_MAX): a path of two,
 * 511 characters, prints as a path; one of three, 767, as an id.
 */
static const char *long_path(bool too_long)
{
	static char buf[2][3 * (NAME_MAX + 1)];
	char *p = buf[too_long];
	int i, n = too_long ? 3 : 2;

	if (!p[0]) {
		for (i = 0; i < n; i++) {
			memset(p + i * (NAME_MAX + 1), 'a' + i, NAME_MAX);
			p[i * (NAME_MAX + 1) + NAME_MAX] = '/';
		}
		p[n * (NAME_MAX + 1) - 1] = 0;
	}
	return p;
}

static void cg_mkdir(const char *rel)
{
	char path[PATH_MAX], *s;

	snprintf(path, sizeof(path), "%s/%s", cg_root, rel);
	for (s = path + strlen(cg_root) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(path, 0755);
		*s = '/';
	}
	mkdir(path, 0755);
}

/* The id of a directory of the tree ("" is its root): its inode number. */
static u64 cg_id(const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", cg_root, rel);
	return stat(path, &st) ? 0 : (u64)st.st_ino;
}

static bool cg_setup(void)
{
	char path[PATH_MAX];
	FILE *f;
	size_t i;

	if (!cgroup_tree_make(cg_root, sizeof(cg_root)))
		return false;
	for (i = 0; i < sizeof(cg_dirs) / sizeof(cg_dirs[0]); i++)
		cg_mkdir(cg_dirs[i]);
	cg_mkdir(long_path(false));
	cg_mkdir(long_path(true));
	snprintf(path, sizeof(path), "%s/system.slice/cgroup.procs", cg_root);
	f = fopen(path, "w");
	if (f)
		fclose(f);
	/* Walks do not follow it: found through it, printed as its target. */
	snprintf(path, sizeof(path), "%s/link", cg_root);
	if (symlink("system.slice", path))
		return false;
	return cg_id("system.slice/engine.service/worker");
}

static void cg_cleanup(void)
{
	cgroup_tree_remove(cg_root);
}

/*
 * The longest rule text there is fits CFW_RULE_TEXT_MAX: services in
 * pairs (a run of two prints as two), every other field at its widest, a
 * cgroup path as long as one prints, a set of 32 extended masks.
 */
static void test_longest_rule(void)
{
	static const char head[] =
		"interface can0 {\nrx accept id { %s } data fd len 64 "
		"data[0:4] 0xFFFFFFFF/0xFFFFFFFF data[60:64] 0/0xFFFFFFFF "
		"data[10:14] 0/0xFFFFFFFF data[20:24] 0/0xFFFFFFFF "
		"isotp sf,ff,cf,fc rate 1000000/s burst 1000000 period 599999us "
		"jitter 599998us timeout 599999999us early log per-id 4096 log "
		"uid 4294967294-4294967295 gid 4294967294-4294967295 cgroup %s uds 0";
	char src[8192], set[1024], text[CFW_RULE_TEXT_MAX];
	struct cfw_policy p, q;
	struct cfw_error err;
	size_t len, need, n = 0;
	unsigned int sid;
	bool ok;

	for (sid = 0; sid < CANFW_ID_PARTS_MAX + 1; sid++)
		n += (size_t)snprintf(set + n, sizeof(set) - n,
				      "%s0x%08X/0x1FFFFFFF", sid ? ", " : "",
				      0x10000000 + sid);
	len = (size_t)snprintf(src, sizeof(src), head, set, long_path(false));
	for (sid = 1; sid <= 0xFF; sid++)
		if (sid % 3 != 2)
			len += (size_t)snprintf(src + len, sizeof(src) - len,
						",%u", sid);
	len += (size_t)snprintf(src + len, sizeof(src) - len, "\n}\n");
	if (cfw_parse(src, len, &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "print: the longest rule");
		return;
	}
	need = cfw_format_rule(text, sizeof(text), &p.ifaces[0].dir[0].rules[0]);
	ok = need < sizeof(text);
	snprintf(src, sizeof(src), "interface can0 {\nrx %s\n}\n", text);
	if (!ok || cfw_parse(src, strlen(src), &q, &err)) {
		ok = false;
	} else {
		ok = cfw_policy_equal(&p, &q);
		cfw_policy_free(&q);
	}
	tap_result(ok, "print: the longest rule (%zu characters) fits and parses back",
		   need);
	cfw_policy_free(&p);
}

#define UID	CANFW_SENDER_UID
#define GID	CANFW_SENDER_GID
#define CG	CANFW_SENDER_CGROUP
#define NOSK	CANFW_SENDER_NO_SOCKET
#define U(lo, hi)	.uid_lo = (lo), .uid_hi = (hi)
#define G(lo, hi)	.gid_lo = (lo), .gid_hi = (hi)

/* Sender checks: the ranges, the cgroup (a directory of the tree or an id). */
static const struct sender_case {
	const char *rule;
	u8 match;
	u32 uid_lo, uid_hi, gid_lo, gid_hi;
	const char *cgroup;	/* a directory of the tree, or NULL */
	u64 cgroup_id;		/* without one */
	u8 level;
} sender_cases[] = {
	{ "tx accept uid 1001", .match = UID, U(1001, 1001) },
	{ "tx accept uid 1000-1999", .match = UID, U(1000, 1999) },
	{ "tx accept uid 1000 - 1999", .match = UID, U(1000, 1999) },
	{ "tx accept uid 0", .match = UID, U(0, 0) },
	{ "tx accept uid 0-4294967295", .match = UID, U(0, U32_MAX) },
	{ "tx accept uid 0x3E8-0x3E8", .match = UID, U(1000, 1000) },
	{ "tx accept gid 2000", .match = GID, G(2000, 2000) },
	{ "tx accept gid 5-7 uid 1", .match = UID | GID, U(1, 1), G(5, 7) },
	{ "tx accept socket none", .match = NOSK },
	{ "rx drop socket none log", .match = NOSK },
	{ "tx accept cgroup system.slice", .match = CG, .cgroup = "system.slice", .level = 1 },
	{ "tx accept cgroup system.slice/engine.service", .match = CG,
	  .cgroup = "system.slice/engine.service", .level = 2 },
	{ "tx accept cgroup /system.slice/engine.service", .match = CG,
	  .cgroup = "system.slice/engine.service", .level = 2 },
	{ "tx accept cgroup //system.slice//engine.service/worker/", .match = CG,
	  .cgroup = "system.slice/engine.service/worker", .level = 3 },
	{ "tx accept cgroup system.slice/getty@tty1.service # comment", .match = CG,
	  .cgroup = "system.slice/getty@tty1.service", .level = 2 },
	{ "tx accept cgroup user.slice/user-1000.slice/app-x_y:1,2.scope", .match = CG,
	  .cgroup = "user.slice/user-1000.slice/app-x_y:1,2.scope", .level = 3 },
	{ "tx accept cgroup link/engine.service", .match = CG,
	  .cgroup = "system.slice/engine.service", .level = 2 },
	{ "tx accept cgroup-id 42 level 3", .match = CG, .cgroup_id = 42, .level = 3 },
	{ "tx accept cgroup-id 0x2A level 16", .match = CG, .cgroup_id = 42, .level = 16 },
	{ "tx accept cgroup-id 18446744073709551615 level 1", .match = CG,
	  .cgroup_id = ~0ULL, .level = 1 },
	{ "tx accept cgroup-id 0xFFFFFFFFFFFFFFFF level 1", .match = CG,
	  .cgroup_id = ~0ULL, .level = 1 },
	{ "tx drop log uid 1000-1999 cgroup canfw-test gid 0 id 0x0C1 data[0] 1",
	  .match = UID | GID | CG, U(1000, 1999), G(0, 0), .cgroup = "canfw-test", .level = 1 },
};

static void run_sender_case(const struct sender_case *c)
{
	struct canfw_sender_spec want = {
		.match = c->match, .uid_lo = c->uid_lo, .uid_hi = c->uid_hi,
		.gid_lo = c->gid_lo, .gid_hi = c->gid_hi,
		.cgroup_id = c->cgroup ? cg_id(c->cgroup) : c->cgroup_id,
		.cgroup_level = c->level,
	};
	const struct canfw_sender_spec *got;
	struct cfw_policy p, q;
	struct cfw_error err;
	char src[CFW_RULE_TEXT_MAX + 64], text[CFW_RULE_TEXT_MAX];
	int dir = !strncmp(c->rule, "tx", 2);
	bool ok;

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "parse: %s", c->rule);
		return;
	}
	got = &p.ifaces[0].dir[dir].rules[0].sender;
	ok = sender_same(got, &want);
	if (!ok)
		tap_diag("got match 0x%X uid %u-%u gid %u-%u cgroup %llu level %u",
			 got->match, got->uid_lo, got->uid_hi, got->gid_lo,
			 got->gid_hi, (unsigned long long)got->cgroup_id,
			 got->cgroup_level);
	cfw_format_rule(text, sizeof(text), &p.ifaces[0].dir[dir].rules[0]);
	snprintf(src, sizeof(src), "interface can0 {\n%s %s\n}\n",
		 cfw_dir_name(dir), text);
	if (cfw_parse(src, strlen(src), &q, &err)) {
		tap_diag("printed '%s': %u:%u: %s", text, err.pos.line,
			 err.pos.col, err.msg);
		ok = false;
	} else {
		ok = ok && cfw_policy_equal(&p, &q);
		cfw_policy_free(&q);
	}
	tap_result(ok, "parse: %s (printed as '%s')", c->rule, text);
	cfw_policy_free(&p);
}

/*
 * The canonical text of sender checks: after the payload, before rate and
 * timing; a cgroup by its path when the tree has one at the rule's level,
 * walked without following symlinks, and by id when not.
 */
static void test_sender_print(void)
{
	const struct {
		const char *rule;	/* %llu: the id of DIR */
		const char *dir;
		const char *text;
	} cases[] = {
		{ "rx accept uid 7-7 gid 1-2", NULL, "accept uid 7 gid 1-2" },
		{ "rx accept rate 10/s log cgroup /system.slice/ gid 5 uid 1000-1999 id 0x0C0 data[0] 1 period 10ms",
		  NULL, "accept id 0x0C0 data[0] 0x01 uid 1000-1999 gid 5 cgroup system.slice rate 10/s period 10ms jitter 1ms log" },
		{ "tx accept socket none id 0x0C2 log", NULL, "accept id 0x0C2 socket none log" },
		{ "tx accept cgroup link/engine.service", NULL,
		  "accept cgroup system.slice/engine.service" },
		{ "tx accept cgroup-id %llu level 2", "system.slice/engine.service",
		  "accept cgroup system.slice/engine.service" },
		{ "tx accept cgroup-id %llu level 1", "system.slice/engine.service",
		  "accept cgroup-id %llu level 1" },
		{ "tx accept cgroup-id %llu level 3", "system.slice/engine.service",
		  "accept cgroup-id %llu level 3" },
		{ "tx accept cgroup-id %llu level 1", "odd dir",
		  "accept cgroup-id %llu level 1" },
		{ "tx accept cgroup-id %llu level 2", "odd dir/inside",
		  "accept cgroup-id %llu level 2" },
		{ "tx accept cgroup-id %llu level 1", "",
		  "accept cgroup-id %llu level 1" },
		{ "tx accept cgroup-id 18446744073709551615 level 16", NULL,
		  "accept cgroup-id 18446744073709551615 level 16" },
	};
	char rule[256], want[256], src[512], text[CFW_RULE_TEXT_MAX];
	struct cfw_policy p;
	struct cfw_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long long id = cases[i].dir ? cg_id(cases[i].dir) : 0;

		snprintf(rule, sizeof(rule), cases[i].rule, id);
		snprintf(want, sizeof(want), cases[i].text, id);
		snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", rule);
		if (cfw_parse(src, strlen(src), &p, &err)) {
			tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
			tap_result(false, "print: %s", cases[i].rule);
			continue;
		}
		cfw_format_rule(text, sizeof(text),
				&p.ifaces[0].dir[!strncmp(rule, "tx", 2)].rules[0]);
		if (strcmp(text, want))
			tap_diag("got  '%s'\n# want '%s'", text, want);
		if (cases[i].dir)
			tap_result(!strcmp(text, want), "print: %s, %%llu the id of '%s'",
				   cases[i].rule, cases[i].dir);
		else
			tap_result(!strcmp(text, want), "print: %s", rule);
		cfw_policy_free(&p);
	}
}

/* Paths from ids: at one level for rules, at any for a socket's cgroup. */
static void test_cgroup_lookup(void)
{
	char buf[CFW_CGROUP_PATH_MAX + 2];
	bool ok;

	ok = cfw_cgroup_find(cg_id("system.slice/engine.service/worker"), buf,
			     sizeof(buf)) &&
	     !strcmp(buf, "/system.slice/engine.service/worker");
	tap_result(ok, "cgroup: a socket's cgroup at any level, with a leading '/'");
	ok = cfw_cgroup_find(cg_id(""), buf, sizeof(buf)) && !strcmp(buf, "/");
	tap_result(ok, "cgroup: the root is '/'");
	ok = !cfw_cgroup_find(cg_id("odd dir/inside"), buf, sizeof(buf)) &&
	     !cfw_cgroup_find(cg_id("system.slice/cgroup.procs"), buf,
			      sizeof(buf));
	tap_result(ok, "cgroup: no path below a name with a blank, none for a file");
	ok = cfw_cgroup_path(cg_id(long_path(false)), 2, buf, sizeof(buf)) &&
	     !strcmp(buf, long_path(false)) &&
	     !cfw_cgroup_path(cg_id(long_path(true)), 3, buf, sizeof(buf)) &&
	     !cfw_cgroup_find(cg_id(long_path(true)), buf, sizeof(buf));
	tap_result(ok, "cgroup: paths of up to %d characters, no longer",
		   CFW_CGROUP_PATH_MAX);
	ok = !cfw_cgroup_path(cg_id("system.slice"), 0, buf, sizeof(buf)) &&
	     !cfw_cgroup_path(cg_id("system.slice"), 17, buf, sizeof(buf)) &&
	     !cfw_cgroup_path(0, 1, buf, sizeof(buf)) &&
	     !cfw_cgroup_path(cg_id("system.slice"), 1, buf, 12) &&
	     cfw_cgroup_path(cg_id("system.slice"), 1, buf, 13) &&
	     !strcmp(buf, "system.slice");
	tap_result(ok, "cgroup: levels 1 to 16, and the buffer's size");
}

/* Refusals that name the tree, and a leading '/' kept in the message. */
static void test_cgroup_errors(void)
{
	const struct {
		const char *rule;
		const char *at;
		const char *msg;	/* %s: the tree's root */
	} cases[] = {
		{ "tx accept cgroup system.slice/nope", "system.slice/nope",
		  "no cgroup 'system.slice/nope' under %s" },
		{ "tx accept id 1 cgroup /nope log", "/nope",
		  "no cgroup '/nope' under %s" },
		{ "tx accept cgroup system.slice/cgroup.procs", "system.slice/cgroup.procs",
		  "no cgroup 'system.slice/cgroup.procs' under %s: it is not a directory" },
		{ "tx accept cgroup system.slice/cgroup.procs/x", "system.slice/cgroup.procs/x",
		  "no cgroup 'system.slice/cgroup.procs/x' under %s" },
	};
	char src[512], got[512], want[512];
	struct cfw_policy p;
	struct cfw_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char msg[256];

		snprintf(msg, sizeof(msg), cases[i].msg, cg_root);
		snprintf(want, sizeof(want), "2:%u:%zu: %s",
			 (unsigned int)(strstr(cases[i].rule, cases[i].at) -
					cases[i].rule) + 1,
			 strlen(cases[i].at), msg);
		snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n",
			 cases[i].rule);
		if (!cfw_parse(src, strlen(src), &p, &err)) {
			cfw_policy_free(&p);
			tap_diag("accepted, want %s", want);
			tap_result(false, "error: %s", cases[i].rule);
			continue;
		}
		snprintf(got, sizeof(got), "%u:%u:%u: %s", err.pos.line,
			 err.pos.col, err.len, err.msg);
		if (strcmp(got, want))
			tap_diag("got  %s\n# want %s", got, want);
		tap_result(!strcmp(got, want), "error: %s", cases[i].rule);
	}
}

/*
 * A refused rule: the message, and the column of the text it points at
 * (its last occurrence in the rule; "\n" for the end of the line).
 */
static const struct rule_err_case {
	const char *rule;
	const char *at;		/* first occurrence marks the column */
	const char *msg;
} rule_err_cases[] = {
	{ "rx accept id 0x100 bogus", "bogus", "unknown keyword 'bogus'" },
	{ "rx acept", "acept", "unknown keyword 'acept'" },
	{ "rx id 0x100", "id", "expected 'accept', 'drop', 'default', 'err-default', 'on' or 'select' after 'rx', got 'id'" },
	{ "rx", "\n", "expected 'accept', 'drop', 'default', 'err-default', 'on' or 'select' after 'rx', got end of line" },
	{ "rx accept 0x100", "0x100", "expected a keyword, got '0x100'" },
	{ "rx accept id 0x1G0", "0x1G0", "bad number '0x1G0'" },
	{ "rx accept id 0x", "0x", "bad number '0x'" },
	{ "rx accept id 12ab", "12ab", "bad number '12ab'" },
	{ "rx accept id 0x100000000", "0x100000000", "number '0x100000000' is too large" },
	{ "rx accept id 4294967296", "4294967296", "number '4294967296' is too large" },
	{ "rx accept id", "\n", "expected an ID, a range, a mask, a set or a $NAME after 'id', got end of line" },
	{ "rx accept id 0x100-", "\n", "expected a number after '-', got end of line" },
	{ "rx accept id 0x100/len", "len", "expected a number after '/', got 'len'" },
	{ "rx accept id 0x100 id 0x200", "id 0x200", "duplicate 'id' in this rule" },
	{ "rx accept id 0x20000000", "0x20000000", "ID does not fit the 29-bit extended ID space" },
	{ "rx accept id 0x800 sff", "0x800", "ID does not fit the 11-bit standard ID space" },
	{ "rx accept sff id 0x100-0x800", "0x100", "ID does not fit the 11-bit standard ID space" },
	{ "rx accept id 0x17F-0x100", "0x17F", "ID range is empty: its low end is above its high end" },
	{ "rx accept id 0x100/0x0F0", "0x100", "ID value has bits set outside its mask" },
	{ "rx accept id 0x100/0x800 sff", "0x100", "ID does not fit the 11-bit standard ID space" },
	{ "rx accept id 0x0/0x3FFFFFFF", "0x0", "ID does not fit the 29-bit extended ID space" },
	{ "rx accept sff eff", "eff", "'eff' conflicts with the ID space given before" },
	{ "rx accept sff sff", "sff", "duplicate 'sff' in this rule" },
	{ "rx accept fd fd", "fd", "duplicate 'fd' in this rule" },
	{ "rx accept log log", "log", "duplicate 'log' in this rule" },
	{ "rx accept err fd", "fd", "'err' cannot be combined with other frame kinds" },
	{ "rx accept rtr err", "err", "'err' cannot be combined with other frame kinds" },
	{ "rx accept err id 0x100", "id", "error frames carry no CAN ID: 'err' cannot be combined with 'id'" },
	{ "rx accept err id any", "id", "error frames carry no CAN ID: 'err' cannot be combined with 'id'" },
	{ "rx accept err eff", "eff", "error frames carry no CAN ID: 'err' cannot be combined with an ID space" },
	{ "rx accept len 2049", "len", "length exceeds 2048 bytes, the CAN XL maximum" },
	{ "rx accept len 2-3000", "len", "length exceeds 2048 bytes, the CAN XL maximum" },
	{ "rx accept fd len 65", "len", "length exceeds 64 bytes, the CAN FD maximum" },
	{ "rx accept fd rtr len 2-100", "len", "length exceeds 64 bytes, the CAN FD maximum" },
	{ "rx accept fd len 9", "len", "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes" },
	{ "rx accept fd len 8-33", "len", "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 bytes" },
	{ "rx accept xl len 0", "len", "CAN XL frames carry 1 to 2048 bytes" },
	{ "rx accept xl eff", "rx", "a CAN XL priority is a standard ID: xl rules cannot match extended IDs" },
	{ "rx accept xl id 0x18FEF100", "rx", "a CAN XL priority is a standard ID: xl rules cannot match extended IDs" },
	{ "rx accept xl xl", "xl", "duplicate 'xl' in this rule" },
	{ "rx accept err len 0-64", "len", "classical CAN frames carry at most 8 bytes" },
	{ "rx accept data len 4-12", "len", "classical CAN frames carry at most 8 bytes" },
	{ "rx accept len 9-3", "len", "length range is empty: its low end is above its high end" },
	{ "rx accept classic len 12", "len", "classical CAN frames carry at most 8 bytes" },
	{ "rx accept data len 0-9", "len", "classical CAN frames carry at most 8 bytes" },
	{ "rx accept rtr len 0-64", "len", "classical CAN frames carry at most 8 bytes" },
	{ "rx accept len", "\n", "expected a number after 'len', got end of line" },
	{ "rx drop id 0x100 rate 5/s", "rate", "only accept rules can carry a rate limit" },
	{ "rx accept rate 0/s", "rate", "rate must be 1 to 1000000 frames per second" },
	{ "rx accept rate 1000001/s", "rate", "rate must be 1 to 1000000 frames per second" },
	{ "rx accept rate 10/s burst 0", "burst", "burst must be 1 to 1000000 frames" },
	{ "rx accept rate 10/s burst 1000001", "burst", "burst must be 1 to 1000000 frames" },
	{ "rx accept burst 5", "burst", "'burst' needs a 'rate'" },
	{ "rx accept rate 10", "\n", "expected '/s' after the rate, got end of line" },
	{ "rx accept rate 10/min", "min", "rates are per second: expected 's' after '/', got 'min'" },
	{ "rx accept rate 10/s rate 5/s", "rate 5", "duplicate 'rate' in this rule" },
	{ "rx accept period 10", "10", "'10' needs a unit: us, ms or s" },
	{ "rx accept period 10min", "10min", "unknown unit in '10min': us, ms or s" },
	{ "rx accept period", "\n", "expected a time after 'period' (10ms, 250us, 2s), got end of line" },
	{ "rx accept period 5000s", "5000s", "time '5000s' is too long" },
	{ "rx accept period 99us", "period 99us", "period must be 100us to 600s" },
	{ "rx accept period 601s", "period 601s", "period must be 100us to 600s" },
	{ "rx accept jitter 1ms", "jitter 1ms", "'jitter' needs a 'period'" },
	{ "rx accept period 10ms jitter 10ms", "jitter 10ms", "jitter must be shorter than the period" },
	{ "rx accept period 10ms timeout 11ms", "timeout 11ms", "timeout must be longer than the period plus its jitter" },
	{ "rx accept timeout 999us", "timeout 999us", "timeout must be 1ms to 600s" },
	{ "rx drop id 1 timeout 1s", "timeout 1s", "only accept rules can carry a period or timeout" },
	{ "rx accept early log", "early log", "'early' needs a 'period'" },
	{ "rx accept period 1s early pass", "pass", "expected 'log' or 'drop' after 'early', got 'pass'" },
	{ "rx accept period 1s period 2s", "period 2s", "duplicate 'period' in this rule" },
	{ "rx accept id 10ms", "10ms", "bad number '10ms'" },
	{ "rx accept id 1-9 per-id", "per-id", "per-id needs a rate, period or timeout to keep per ID" },
	{ "rx accept id 1-9 rate 1/s per-id 4097", "per-id 4097", "per-id keeps state for 1 to 4096 IDs" },
	{ "rx accept id 1-9 rate 1/s per-id 0", "per-id 0", "per-id keeps state for 1 to 4096 IDs" },
	{ "rx accept id 1-9 rate 1/s per-id per-id", "per-id", "duplicate 'per-id' in this rule" },
	{ "rx accept id 0x100 @", "@", "unexpected character '@'" },
	{ "rx accept id 0x100 }x", "x", "unknown keyword 'x'" },
	{ "rx accept ID 0x100", "ID", "unknown keyword 'ID'" },
	{ "rx default", "\n", "expected 'accept' or 'drop', got end of line" },
	{ "rx default maybe", "maybe", "expected 'accept' or 'drop', got 'maybe'" },
	{ "rx default drop now", "now", "expected end of statement, got 'now'" },
	{ "mode fast", "fast", "expected 'enforce' or 'monitor', got 'fast'" },
	{ "log-default", "\n", "expected 'rx' or 'tx' after 'log-default', got end of line" },
	{ "log-default all", "all", "expected 'rx' or 'tx' after 'log-default', got 'all'" },
	{ "log-default rx rx", "rx", "duplicate 'log-default rx' statement (first given on line 2)" },
	{ "accept id 0x100", "accept", "unknown keyword 'accept'" },
	{ "interface can1 {", "interface", "missing '}' before this interface: 'can0' is still open" },
	{ "rx accept id 0x100 \x01", "\x01", "unexpected character byte 0x01" },
	{ "rx accept id 1 ,", ",", "expected a keyword, got ','" },
	{ "rx accept id 1 ]", "]", "expected a keyword, got ']'" },
	{ "rx accept id 1 :", ":", "expected a keyword, got ':'" },
	/* byte matches */
	{ "rx accept data[0:2] 0x12345", "0x12345", "value '0x12345' does not fit in 2 bytes" },
	{ "rx accept data[0] 0x100", "0x100", "value '0x100' does not fit in 1 byte" },
	{ "rx accept data[0] 1/0x1FF", "0x1FF", "a byte match's mask must be nonzero and fit its bytes" },
	{ "rx accept data[0:3] 1/0x1000000", "0x1000000", "a byte match's mask must be nonzero and fit its bytes" },
	{ "rx accept data[0] 0/0", "0", "a byte match's mask must be nonzero and fit its bytes" },
	{ "rx accept data[0] 3/1", "3/1", "a byte match's value has bits outside its mask" },
	{ "rx accept data[0:2] 0x0227/0xFF00", "0x0227", "a byte match's value has bits outside its mask" },
	{ "rx accept data[4:2] 1", "data", "byte slice is empty: its end must be above its start" },
	{ "rx accept data[2:2] 1", "data", "byte slice is empty: its end must be above its start" },
	{ "rx accept data[0:5] 1", "data", "a byte match compares 1 to 4 bytes" },
	{ "rx accept data[0:4294967295] 1", "data", "a byte match compares 1 to 4 bytes" },
	{ "rx accept data[64] 1", "data", "byte matches reach only the first 64 payload bytes" },
	{ "rx accept data[62:66] 1", "data", "byte matches reach only the first 64 payload bytes" },
	{ "rx accept data[4294967295] 1", "data", "byte matches reach only the first 64 payload bytes" },
	{ "rx accept data[0] 0 data[1] 0 data[2] 0 data[3] 0 data[4] 0", "data[4]", "a rule has at most 4 byte matches" },
	{ "rx accept data data[8] 1", "data[8]", "the byte match lies past the rule's longest length" },
	{ "rx accept data[1:3] 1 len 2", "data[1:3]", "the byte match lies past the rule's longest length" },
	{ "rx accept fd len 0-12 data[0] 1 data[12] 1", "data[12]", "the byte match lies past the rule's longest length" },
	{ "rx accept data[0]", "\n", "expected a number after 'data[0]', got end of line" },
	{ "rx accept data[0:2] len", "len", "expected a number after 'data[0:2]', got 'len'" },
	{ "rx accept data[0] 1/", "\n", "expected a number after '/', got end of line" },
	{ "rx accept data[0 1", "1", "expected ':' or ']' after the byte offset, got '1'" },
	{ "rx accept data[0:2 1", "1", "expected ']' after the end of the byte slice, got '1'" },
	{ "rx accept data[] 1", "]", "expected a number after 'data[', got ']'" },
	{ "rx accept data[0:] 1", "]", "expected a number after ':', got ']'" },
	{ "rx accept data [0] 1", "[", "unexpected '[': a byte match is data[N] or data[N:M], with no blank before '['" },
	{ "rx accept data[0] 10ms", "10ms", "bad number '10ms'" },
	{ "rx accept rtr data[0] 1", "data", "remote frames carry no payload to match" },
	/* ISO-TP frame types and services */
	{ "rx accept isotp", "\n", "expected an ISO-TP frame type (sf, ff, cf or fc) after 'isotp', got end of line" },
	{ "rx accept isotp sf,xx", "xx", "expected an ISO-TP frame type (sf, ff, cf or fc) after ',', got 'xx'" },
	{ "rx accept isotp SF", "SF", "expected an ISO-TP frame type (sf, ff, cf or fc) after 'isotp', got 'SF'" },
	{ "rx accept isotp sf isotp ff", "isotp", "duplicate 'isotp' in this rule" },
	{ "rx accept uds", "\n", "expected a number after 'uds', got end of line" },
	{ "rx accept uds 0x100", "0x100", "service ID '0x100' is out of range: 0 to 0xFF" },
	{ "rx accept uds 0x10-256", "256", "service ID '256' is out of range: 0 to 0xFF" },
	{ "rx accept uds 0x30-0x10", "0x30", "service range is empty: its low end is above its high end" },
	{ "rx accept uds 1,", "\n", "expected a number after ',', got end of line" },
	{ "rx accept uds 1-", "\n", "expected a number after '-', got end of line" },
	{ "rx accept uds 1 uds 2", "uds", "duplicate 'uds' in this rule" },
	{ "rx accept rtr uds 1", "uds", "remote frames carry no payload to match" },
	{ "rx accept rtr isotp sf data[0] 1", "isotp", "remote frames carry no payload to match" },
	{ "rx accept xl isotp sf", "isotp", "ISO-TP runs only in data and fd frames" },
	{ "rx accept err uds 0x22", "uds", "ISO-TP runs only in data and fd frames" },
	{ "rx accept xl uds 0x22 isotp ff", "isotp", "ISO-TP runs only in data and fd frames" },
	{ "rx accept isotp cf,fc uds 0x22", "isotp", "services are read from sf and ff frames, which the rule's isotp excludes" },
	/* senders */
	{ "tx accept uid 2000-1000", "uid", "uid range is empty: its low end is above its high end" },
	{ "tx accept gid 7-6", "gid", "gid range is empty: its low end is above its high end" },
	{ "tx accept uid", "\n", "expected a number after 'uid', got end of line" },
	{ "tx accept gid root", "root", "expected a number after 'gid', got 'root'" },
	{ "tx accept uid 1-", "\n", "expected a number after '-', got end of line" },
	{ "tx accept uid 1 uid 2", "uid", "duplicate 'uid' in this rule" },
	{ "tx accept uid 4294967296", "4294967296", "number '4294967296' is too large" },
	{ "tx accept uid 10ms", "10ms", "bad number '10ms'" },
	{ "tx accept socket none uid 1000", "socket", "a frame without a socket has no uid, gid or cgroup to match" },
	{ "tx accept gid 0 socket none", "socket", "a frame without a socket has no uid, gid or cgroup to match" },
	{ "tx accept socket none cgroup-id 5 level 1", "socket", "a frame without a socket has no uid, gid or cgroup to match" },
	{ "tx accept socket", "\n", "expected 'none' after 'socket', got end of line" },
	{ "tx accept socket raw", "raw", "expected 'none' after 'socket', got 'raw'" },
	{ "tx accept socket none socket none", "socket", "duplicate 'socket' in this rule" },
	{ "tx accept cgroup-id 5 level 17", "17", "a cgroup match needs a cgroup id and a level of 1 to 16" },
	{ "tx accept cgroup-id 5 level 0", "0", "a cgroup match needs a cgroup id and a level of 1 to 16" },
	{ "tx accept cgroup-id 5 level 300", "300", "a cgroup match needs a cgroup id and a level of 1 to 16" },
	{ "tx accept cgroup-id 0 level 1", "0", "a cgroup match needs a cgroup id and a level of 1 to 16" },
	{ "tx accept cgroup-id 5", "\n", "expected 'level' after the cgroup id, got end of line" },
	{ "tx accept cgroup-id 5 lvl 1", "lvl", "expected 'level' after the cgroup id, got 'lvl'" },
	{ "tx accept cgroup-id 5 level", "\n", "expected a number after 'level', got end of line" },
	{ "tx accept cgroup-id level 1", "level", "expected a number after 'cgroup-id', got 'level'" },
	{ "tx accept cgroup-id 5x level 1", "5x", "bad number '5x'" },
	{ "tx accept cgroup-id 18446744073709551616 level 1", "18446744073709551616", "number '18446744073709551616' is too large" },
	{ "tx accept cgroup-id 0x10000000000000000 level 1", "0x10000000000000000", "number '0x10000000000000000' is too large" },
	{ "tx accept cgroup-id 5 level 1 cgroup-id 6 level 1", "cgroup-id", "duplicate 'cgroup-id' in this rule" },
	{ "tx accept cgroup-id 5 level 1 cgroup system.slice", "cgroup", "'cgroup' conflicts with the cgroup given before" },
	{ "tx accept cgroup system.slice cgroup-id 5 level 1", "cgroup-id", "'cgroup-id' conflicts with the cgroup given before" },
	{ "tx accept cgroup", "\n", "expected a cgroup path after 'cgroup', got end of line" },
	{ "tx accept cgroup ;", ";", "expected a cgroup path after 'cgroup', got ';'" },
	{ "tx accept cgroup # no path", "\n", "expected a cgroup path after 'cgroup', got end of line" },
	{ "tx accept cgroup system.slice/../user.slice", "system.slice/../user.slice", "cgroup path 'system.slice/../user.slice' has a '..' component: name the cgroup from the root down" },
	{ "tx accept cgroup ./system.slice", "./system.slice", "cgroup path './system.slice' has a '.' component: name the cgroup from the root down" },
	{ "tx accept cgroup /", "/", "cgroup path '/' is the root: name a cgroup below it" },
	{ "tx accept cgroup a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", "a/b", "a cgroup match needs a cgroup id and a level of 1 to 16" },
	{ "tx uid 1000", "uid", "expected 'accept', 'drop', 'default', 'err-default', 'on' or 'select' after 'tx', got 'uid'" },
};

static void run_rule_err_case(const struct rule_err_case *c)
{
	struct cfw_policy p;
	struct cfw_error err;
	char src[512], got[512], want[512];
	const char *at = NULL, *s;

	/* The last occurrence: a duplicate is reported where it repeats. */
	for (s = c->rule; (s = strstr(s, c->at)); s++)
		at = s;

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	snprintf(want, sizeof(want), "2:%u: %s",
		 at ? (unsigned int)(at - c->rule) + 1 :
		 (unsigned int)strlen(c->rule) + 1, c->msg);
	if (!cfw_parse(src, strlen(src), &p, &err)) {
		cfw_policy_free(&p);
		tap_diag("accepted, want %s", want);
		tap_result(false, "error: %s", c->rule);
		return;
	}
	snprintf(got, sizeof(got), "%u:%u: %s", err.pos.line, err.pos.col,
		 err.msg);
	if (strcmp(got, want))
		tap_diag("got  %s\n# want %s", got, want);
	tap_result(!strcmp(got, want), "error: %s", c->rule);
}

/* Whole files: block structure, settings, names. */
static const struct file_err_case {
	const char *name;
	const char *src;
	const char *want;
} file_err_cases[] = {
	{ "top-level keyword", "rx accept\n", "1:1: unknown keyword 'rx'" },
	{ "top-level brace", "\n{\n", "2:1: expected 'interface', 'state', 'define' or 'include', got '{'" },
	{ "missing name", "interface {\n}\n", "1:11: expected an interface name, got '{'" },
	{ "missing name at eof", "interface", "1:10: expected an interface name, got end of file" },
	{ "long name", "interface abcdefghijklmnop {\n}\n", "1:11: interface name 'abcdefghijklmnop' is longer than 15 characters" },
	{ "slash in name", "interface can/0 {\n}\n", "1:11: interface name 'can/0' contains '/'" },
	{ "colon in name", "interface can:0 {\n}\n", "1:11: interface name 'can:0' contains ':'" },
	{ "dot name", "interface . {\n}\n", "1:11: '.' is not an interface name" },
	{ "missing brace", "interface can0\nrx accept\n", "2:1: expected '{' after the interface name, got 'rx'" },
	{ "missing close", "interface can0 {\n\trx accept\n", "1:16: missing '}': the block of interface 'can0' is not closed" },
	{ "duplicate block", "interface can0 {\n}\n\ninterface can0 { }\n", "4:11: duplicate interface block 'can0' (first on line 1)" },
	{ "duplicate glob", "interface vcan* {\n}\ninterface vcan* {\n}\n", "3:11: duplicate interface block 'vcan*' (first on line 1)" },
	{ "duplicate mode", "interface can0 {\n\tmode monitor\n\tmode enforce\n}\n", "3:2: duplicate 'mode' statement (first given on line 2)" },
	{ "duplicate default", "interface can0 {\n\trx default drop\n\ttx default drop\n\trx default accept\n}\n", "4:5: duplicate 'rx default' statement (first given on line 2)" },
	{ "duplicate err-default", "interface can0 {\n\ttx err-default drop; tx err-default drop\n}\n", "2:26: duplicate 'tx err-default' statement (first given on line 2)" },
	{ "events rate", "interface can0 {\n\tevents 0/s\n}\n", "2:9: events: rate must be 1 to 1000000 frames per second" },
	{ "events burst", "interface can0 {\n\tevents 10/s burst 1000001\n}\n", "2:20: events: burst must be 1 to 1000000 frames" },
	{ "events unit", "interface can0 {\n\tevents 10\n}\n", "2:11: expected '/s' after the event rate, got end of line" },
	{ "duplicate events", "interface can0 {\n\tevents 10/s\n\tevents 20/s\n}\n", "3:2: duplicate 'events' statement (first given on line 2)" },
	{ "duplicate log-default", "interface can0 {\n\tlog-default rx tx\n\tlog-default tx\n}\n", "3:14: duplicate 'log-default tx' statement (first given on line 2)" },
	{ "crlf positions", "interface can0 {\r\n\trx accept id 0x800 sff\r\n}\r\n", "2:15: ID does not fit the 11-bit standard ID space" },
	{ "statement after brace", "interface can0 { rx accept\n\trx drop id 0x7FF-0x700 }\n", "2:13: ID range is empty: its low end is above its high end" },
};

static void run_file_err_case(const struct file_err_case *c)
{
	struct cfw_policy p;
	struct cfw_error err;
	char got[512];

	if (!cfw_parse(c->src, strlen(c->src), &p, &err)) {
		cfw_policy_free(&p);
		tap_diag("accepted, want %s", c->want);
		tap_result(false, "file error: %s", c->name);
		return;
	}
	snprintf(got, sizeof(got), "%u:%u: %s", err.pos.line, err.pos.col,
		 err.msg);
	if (strcmp(got, c->want))
		tap_diag("got  %s\n# want %s", got, c->want);
	tap_result(!strcmp(got, c->want), "file error: %s", c->name);
}

static struct cfw_policy *parse_ok(const char *name, const char *src)
{
	static struct cfw_policy p;
	struct cfw_error err;

	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "%s", name);
		return NULL;
	}
	return &p;
}

static void test_defaults(void)
{
	struct cfw_policy *p = parse_ok("defaults", "interface can0 {\n}\n");
	const struct cfw_iface *i;

	if (!p)
		return;
	i = &p->ifaces[0];
	tap_result(p->nifaces == 1 && !strcmp(i->name, "can0") &&
		   i->mode == CANFW_MODE_ENFORCE &&
		   i->dir[0].default_action == ACC &&
		   i->dir[1].default_action == ACC &&
		   i->dir[0].err_default == ACC && i->dir[1].err_default == ACC &&
		   !i->dir[0].log_default && !i->dir[1].log_default &&
		   !i->dir[0].nrules && !i->dir[1].nrules &&
		   i->pos.line == 1 && i->pos.col == 1,
		   "defaults: enforce, accept, err accept, no log-default");
	cfw_policy_free(p);
}

static void test_settings(void)
{
	static const char src[] =
		"# comment line\n"
		"\n"
		"interface vcan* {\n"
		"    mode monitor   # comment\n"
		"    events 10/s burst 5\n"
		"    rx default drop; tx default drop\n"
		"    rx err-default drop\n"
		"    log-default rx tx\n"
		"}\n"
		"interface can-1.x\n"
		"{ rx err-default drop; log-default tx }\n"
		"interface interface { }\n";
	struct cfw_policy *p = parse_ok("settings", src);
	const struct cfw_iface *a, *b, *c;

	if (!p)
		return;
	a = &p->ifaces[0];
	b = &p->ifaces[1];
	c = &p->ifaces[2];
	tap_result(p->nifaces == 3 && !strcmp(a->name, "vcan*") &&
		   a->mode == CANFW_MODE_MONITOR &&
		   a->dir[0].default_action == DROP &&
		   a->dir[1].default_action == DROP &&
		   a->dir[0].err_default == DROP && a->dir[1].err_default == ACC &&
		   a->dir[0].log_default && a->dir[1].log_default &&
		   a->pos.line == 3 && a->event_rate == 10 &&
		   a->event_burst == 5 &&
		   !strcmp(b->name, "can-1.x") && b->mode == CANFW_MODE_ENFORCE &&
		   b->dir[0].err_default == DROP && b->dir[1].err_default == ACC &&
		   b->event_rate == CANFW_EVENT_RATE_DEFAULT &&
		   b->event_burst == CANFW_EVENT_BURST_DEFAULT &&
		   !b->dir[0].log_default && b->dir[1].log_default &&
		   !strcmp(c->name, "interface"),
		   "settings: mode, events, defaults, err-default, log-default, names");
	cfw_policy_free(p);
}

static void test_rule_order(void)
{
	static const char src[] =
		"interface can0 {\n"
		"\trx accept id 1\n"
		"\ttx drop id 2\n"
		"\trx drop id 3; rx accept id 4\n"
		"}\n";
	struct cfw_policy *p = parse_ok("rule order", src);
	const struct cfw_dir *rx, *tx;

	if (!p)
		return;
	rx = &p->ifaces[0].dir[0];
	tx = &p->ifaces[0].dir[1];
	tap_result(rx->nrules == 3 && tx->nrules == 1 &&
		   rx->rules[0].id_lo == 1 && rx->rules[1].id_lo == 3 &&
		   rx->rules[2].id_lo == 4 && tx->rules[0].id_lo == 2 &&
		   rx->pos[1].line == 4 && rx->pos[1].col == 2 &&
		   rx->pos[2].line == 4 && rx->pos[2].col == 16,
		   "rules keep file order per direction, with positions");
	cfw_policy_free(p);
}

static void test_empty(void)
{
	struct cfw_policy *p = parse_ok("empty file", "# nothing\n\n;\n");

	if (!p)
		return;
	tap_result(p->nifaces == 0, "empty file: no interfaces");
	cfw_policy_free(p);
}

/* The engine's own limits, found by building the table, land on a rule. */
static void test_too_many_rules(void)
{
	size_t n = CANFW_MAX_RULES + 1, i, len = 0;
	char *src = malloc(n * 24 + 64);
	struct cfw_policy p;
	struct cfw_error err;
	char got[512];

	len += (size_t)sprintf(src, "interface can0 {\n");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(src + len, "\trx drop id %zu\n",
				       i % 0x800);
	len += (size_t)sprintf(src + len, "}\n");
	if (!cfw_parse(src, len, &p, &err)) {
		cfw_policy_free(&p);
		tap_result(false, "engine: too many rules");
		free(src);
		return;
	}
	snprintf(got, sizeof(got), "%u:%u: %s", err.pos.line, err.pos.col,
		 err.msg);
	tap_result(!strcmp(got, "65538:2: too many rules: at most 65536 per interface and direction"),
		   "engine: too many rules (%s)", got);
	free(src);
}

/* Specs built by hand (as from a kernel dump) get the engine's verdict. */
static void test_validate(void)
{
	struct canfw_rule_spec bad = SPEC(RANGE, SFF, 1, 1, 0, 0, 64, 7, 0, 0, 0);
	struct cfw_policy p;
	struct cfw_iface *i;
	struct cfw_error err;

	cfw_policy_init(&p);
	i = cfw_policy_add_iface(&p, "can0");
	cfw_dir_add_rule(&i->dir[1], &bad, (struct cfw_pos){ .line = 7, .col = 3 });
	tap_result(cfw_validate(&p, &err) &&
		   err.pos.line == 7 && err.pos.col == 3 &&
		   !strcmp(err.msg, "rule action must be accept or drop"),
		   "engine: rule check mapped to the rule's position");
	cfw_policy_free(&p);
}

/* On TX an error flag is judged as the frame it puts on the wire. */
static void test_tx_error_frames(void)
{
	static const char rule_src[] =
		"interface can0 {\n\trx accept err\n\ttx accept err\n}\n";
	static const char def_src[] =
		"interface can0 {\n\ttx err-default drop\n}\n";
	static const char *const want =
		"rx only: on tx an error flag is judged by its wire form";
	struct cfw_policy p;
	struct cfw_error err;
	bool ok;

	/* The parser has the engine build each table. */
	ok = cfw_parse(rule_src, sizeof(rule_src) - 1, &p, &err) &&
	     err.pos.line == 3 && strstr(err.msg, want) &&
	     !strncmp(err.msg, "error-frame rules", 17);
	if (!ok)
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
	tap_result(ok, "engine: tx error-frame rules refused at the rule");
	ok = cfw_parse(def_src, sizeof(def_src) - 1, &p, &err) &&
	     err.pos.line == 1 && strstr(err.msg, want) &&
	     !strncmp(err.msg, "error frames are judged", 23);
	if (!ok)
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
	tap_result(ok, "engine: tx err-default drop refused at the block");
}

/* The times and flags parsed, and the rule printed back parses the same. */
static void run_time_case(const struct time_case *c)
{
	struct cfw_policy p, q;
	struct cfw_error err;
	const struct canfw_rule_spec *r;
	char src[512], text[256];
	bool ok;

	snprintf(src, sizeof(src), "interface can0 {\n%s\n}\n", c->rule);
	if (cfw_parse(src, strlen(src), &p, &err)) {
		tap_diag("%u:%u: %s", err.pos.line, err.pos.col, err.msg);
		tap_result(false, "parse: %s", c->rule);
		return;
	}
	r = &p.ifaces[0].dir[0].rules[0];
	ok = r->period_us == c->period && r->jitter_us == c->jitter &&
	     r->timeout_us == c->timeout && r->flags == c->flags;
	if (!ok)
		tap_diag("period %u jitter %u timeout %u flags %u", r->period_us,
			 r->jitter_us, r->timeout_us, r->flags);
	cfw_format_rule(text, sizeof(text), r);
	snprintf(src, sizeof(src), "interface can0 {\nrx %s\n}\n", text);
	if (cfw_parse(src, strlen(src), &q, &err)) {
		ok = false;
	} else {
		ok = ok && spec_equal(r, &q.ifaces[0].dir[0].rules[0]);
		cfw_policy_free(&q);
	}
	tap_result(ok, "parse: %s (printed as '%s')", c->rule, text);
	cfw_policy_free(&p);
}

int main(void)
{
	size_t i;

	if (!cg_setup()) {
		tap_result(false, "a cgroup tree in %s", cg_root);
		cg_cleanup();
		return tap_exit();
	}
	for (i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++)
		run_rule_case(&rule_cases[i]);
	for (i = 0; i < sizeof(time_cases) / sizeof(time_cases[0]); i++)
		run_time_case(&time_cases[i]);
	for (i = 0; i < sizeof(payload_cases) / sizeof(payload_cases[0]); i++)
		run_payload_case(&payload_cases[i]);
	for (i = 0; i < sizeof(print_cases) / sizeof(print_cases[0]); i++)
		run_print_case(&print_cases[i]);
	test_longest_rule();
	for (i = 0; i < sizeof(sender_cases) / sizeof(sender_cases[0]); i++)
		run_sender_case(&sender_cases[i]);
	test_sender_print();
	test_cgroup_lookup();
	test_cgroup_errors();
	for (i = 0; i < sizeof(rule_err_cases) / sizeof(rule_err_cases[0]); i++)
		run_rule_err_case(&rule_err_cases[i]);
	for (i = 0; i < sizeof(file_err_cases) / sizeof(file_err_cases[0]); i++)
		run_file_err_case(&file_err_cases[i]);
	test_defaults();
	test_settings();
	test_rule_order();
	test_empty();
	test_too_many_rules();
	test_validate();
	test_tx_error_frames();
	cg_cleanup();
	return tap_exit();
}
