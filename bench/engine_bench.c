// SPDX-License-Identifier: GPL-2.0
/*
 * The engine alone: builds a table of N exact-ID accept rules (default
 * drop), as bench/gen.py writes them for the kernel, and judges one probe
 * frame LOOKUPS times in lookups(), the only function callgrind is told to
 * collect (--toggle-collect=lookups), so its total is instructions per
 * lookup times LOOKUPS.
 *
 * usage: engine_bench std|ext[+rate] N hit|miss LOOKUPS
 *
 * With "+rate" every rule carries a rate limit (1,000,000 frames/s, burst
 * 1,000,000) that the probe never exceeds.
 *
 * Prints the verdict's rule and the wall-clock ns per lookup (only
 * meaningful outside valgrind). Exits 1 if the verdict is not the expected
 * one: "hit" is accepted by the last rule, "miss" dropped by the default.
 */
#include <stdio.h>
#include <time.h>
#include "engine.h"

/* Rule i's ID; an odd multiplier makes it a bijection on the ID space. */
static u32 rule_id(u32 i, u32 mask)
{
	return (u32)((u64)i * 0x9E3779B1ULL) & mask;
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

__attribute__((noinline))
static u32 lookups(struct canfw_table *t, const struct canfw_frame *f, u64 n)
{
	struct canfw_verdict v = { 0 };
	u32 acc = 0;
	u64 i;

	for (i = 0; i < n; i++) {
		/* 1 us apart: a rate-limited rule's bucket stays full. */
		canfw_table_judge(t, f, 1000000 + i * 1000, &v);
		acc += v.rule;
	}
	__asm__ volatile("" : : "r"(acc) : "memory");
	return v.rule;
}

int main(int argc, char **argv)
{
	struct canfw_table_spec spec = { .default_action = CANFW_ACTION_DROP };
	struct canfw_build_error err = { 0 };
	struct canfw_frame f;
	struct canfw_rule_spec *rules;
	struct canfw_table *t;
	u32 n, i, mask, rule;
	bool ext, hit, rate;
	u64 lookups_n, t0, t1;

	if (argc != 5) {
		fprintf(stderr,
			"usage: engine_bench std|ext[+rate] N hit|miss LOOKUPS\n");
		return 2;
	}
	ext = !strncmp(argv[1], "ext", 3);
	rate = strstr(argv[1], "+rate") != NULL;
	n = strtoul(argv[2], NULL, 0);
	hit = !strcmp(argv[3], "hit");
	lookups_n = strtoull(argv[4], NULL, 0);
	mask = ext ? CAN_EFF_MASK : CAN_SFF_MASK;
	if (!n || n > (ext ? 100000U : 2000U) || !lookups_n) {
		fprintf(stderr, "engine_bench: bad N or LOOKUPS\n");
		return 2;
	}
	rules = calloc(n, sizeof(*rules));
	if (!rules)
		return 2;
	for (i = 0; i < n; i++) {
		rules[i].id_match = CANFW_ID_MATCH_RANGE;
		rules[i].space = ext ? CANFW_SPACE_EFF : CANFW_SPACE_SFF;
		rules[i].action = CANFW_ACTION_ACCEPT;
		rules[i].len_lo = 0;
		rules[i].len_hi = CANFW_MAX_LEN;
		rules[i].id_lo = rule_id(i, mask);
		rules[i].id_hi = rules[i].id_lo;
		if (rate) {
			rules[i].rate = 1000000;
			rules[i].burst = 1000000;
		}
	}
	spec.nrules = n;
	spec.rules = rules;
	if (canfw_table_build(&spec, &t, &err)) {
		fprintf(stderr, "engine_bench: build failed: %s (rule %u)\n",
			err.msg ? err.msg : "?", err.rule);
		return 2;
	}
	/* A miss probe: an ID past every rule's, distinct by the bijection. */
	canfw_frame_init(&f, CANFW_PROTO_CAN, rule_id(hit ? n - 1 : mask, mask),
			 8);
	if (ext)
		f.can_id |= CAN_EFF_FLAG;
	t0 = now_ns();
	rule = lookups(t, &f, lookups_n);
	t1 = now_ns();
	printf("%s %u %s rule=%d ns_per_lookup=%.2f\n", argv[1], n, argv[3],
	       rule == CANFW_NO_RULE ? -1 : (int)rule,
	       (double)(t1 - t0) / lookups_n);
	canfw_table_free(t);
	free(rules);
	if (hit ? rule != n - 1 : rule != CANFW_NO_RULE)
		return 1;
	return 0;
}
