// SPDX-License-Identifier: GPL-2.0
/*
 * The engine alone: builds a table of N exact-ID accept rules (default
 * drop), as bench/gen.py writes them for the kernel, and judges one probe
 * frame LOOKUPS times in lookups(), the only function callgrind is told to
 * collect (--toggle-collect=lookups), so its total is instructions per
 * lookup times LOOKUPS.
 *
 * usage: engine_bench std|ext[+rate|+period|+perid|+data|+uds|+state|+cgroup] N
 *        hit|miss|scan|switch LOOKUPS
 *
 * With "+rate" every rule carries a rate limit (1,000,000 frames/s, burst
 * 1,000,000) that the probe never exceeds. With "+period" every rule is
 * timed (period 100us, jitter 10us, timeout 1ms) and the probes come one
 * period apart, each on time: the accept path with its compare-and-exchange.
 * With "+perid" every rule has the "+rate" limit kept per ID (per-id 4):
 * each lookup finds the probe's slot first.
 * With "+data" every rule has a byte match (data[1] 0x22) and with "+uds"
 * a service list (uds 0x10,0x22,0x3E), both of which the probe, a UDS
 * single frame reading an identifier, passes.
 * With "+state" every rule applies only in states 1 and 2 of 4, and the
 * probe is judged in state 2; with "+cgroup" every rule matches a sending
 * socket's cgroup at level 2, which the probe's sender is in.
 * "scan" runs the timeout scan over the table LOOKUPS times instead, in
 * scans(), with every rule seen and none silent yet.
 * "switch" makes every rule a drop rule whose trigger fires on each of its
 * frames (on drops 1 within 1us state 1), and in switches() judges the
 * probe, switches the state as the hook does and switches it back: the
 * time from a triggering frame's arrival until the next frame, on any
 * CPU, is judged in the new state, plus a command's switch back.
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
static u32 lookups(struct canfw_table *t, const struct canfw_frame *f, u64 n,
		   u64 step)
{
	struct canfw_verdict v = { 0 };
	u32 acc = 0;
	u64 i;

	for (i = 0; i < n; i++) {
		/* step apart: a bucket stays full, a timed rule's frame on time */
		canfw_table_judge(t, f, 1000000 + i * step, &v);
		acc += v.rule;
	}
	__asm__ volatile("" : : "r"(acc) : "memory");
	return v.rule;
}

__attribute__((noinline))
static u32 scans(struct canfw_table *t, u64 n)
{
	u32 acc = 0;
	u64 i;

	for (i = 0; i < n; i++)
		acc += canfw_table_scan(t, 1000000 + i, NULL, NULL);
	__asm__ volatile("" : : "r"(acc) : "memory");
	return acc;
}

__attribute__((noinline))
static u32 switches(struct canfw_table *t, struct canfw_frame *f,
		    struct canfw_states *st, u64 n)
{
	struct canfw_verdict v = { 0 };
	u32 acc = 0;
	s64 from, to;
	u64 i;

	for (i = 0; i < n; i++) {
		f->state = canfw_state_index(atomic64_read(&st->cur));
		canfw_table_judge(t, f, 1000000 + i * 1000, &v);
		if (v.to_state != CANFW_NO_STATE)
			acc += canfw_state_switch(st, v.to_state, v.cause,
						  &from, &to);
		canfw_state_switch(st, 0, CANFW_STATE_CAUSE_COMMAND, &from, &to);
	}
	__asm__ volatile("" : : "r"(acc) : "memory");
	return acc;
}

int main(int argc, char **argv)
{
	struct canfw_table_spec spec = { .default_action = CANFW_ACTION_DROP };
	struct canfw_build_error err = { 0 };
	struct canfw_frame f;
	struct canfw_rule_spec *rules;
	struct canfw_table *t;
	u32 n, i, mask, rule;
	static const u8 probe[8] = { 0x03, 0x22, 0xF1, 0x90 };
	static const struct canfw_sender snd = {
		.has_sk = 1, .has_gid = 1, .depth = 2, .cgroup = { 1, 10, 20 },
	};
	static const struct canfw_state_def defs[] = {
		{ "normal", 0 }, { "lockdown", 0 },
	};
	struct canfw_states st;
	bool ext, hit, rate, period, perid, data, uds, state, cgroup, scan, sw;
	u64 lookups_n, t0, t1;

	if (argc != 5) {
		fprintf(stderr,
			"usage: engine_bench std|ext[+rate|+period|+perid|+data|+uds|+state|+cgroup] N hit|miss|scan|switch LOOKUPS\n");
		return 2;
	}
	ext = !strncmp(argv[1], "ext", 3);
	rate = strstr(argv[1], "+rate") != NULL;
	period = strstr(argv[1], "+period") != NULL;
	perid = strstr(argv[1], "+perid") != NULL;
	data = strstr(argv[1], "+data") != NULL;
	uds = strstr(argv[1], "+uds") != NULL;
	state = strstr(argv[1], "+state") != NULL;
	cgroup = strstr(argv[1], "+cgroup") != NULL;
	rate = rate || perid;
	n = strtoul(argv[2], NULL, 0);
	hit = !strcmp(argv[3], "hit");
	scan = !strcmp(argv[3], "scan");
	sw = !strcmp(argv[3], "switch");
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
		if (perid)
			rules[i].per_id = 4;
		if (data)
			rules[i].payload = (struct canfw_payload_spec){
				.ndata = 1,
				.data = { { .offset = 1, .len = 1, .value = 0x22,
					    .mask = 0xFF } },
			};
		if (uds) {
			rules[i].payload.has_uds = 1;
			rules[i].payload.uds[0x10 >> 3] |= 1 << (0x10 & 7);
			rules[i].payload.uds[0x22 >> 3] |= 1 << (0x22 & 7);
			rules[i].payload.uds[0x3E >> 3] |= 1 << (0x3E & 7);
		}
		if (state)
			rules[i].states = CANFW_STATE_BIT(1) | CANFW_STATE_BIT(2);
		if (cgroup)
			rules[i].sender = (struct canfw_sender_spec){
				.match = CANFW_SENDER_CGROUP, .cgroup_level = 2,
				.cgroup_id = 20,
			};
		if (sw) {
			rules[i].action = CANFW_ACTION_DROP;
			rules[i].trigger = (struct canfw_trigger_spec){
				.event = CANFW_TRIGGER_EVENT_DROPS, .count = 1,
				.window_us = 1, .state = 1,
			};
		}
		if (period) {
			rules[i].period_us = 100;
			rules[i].jitter_us = 10;
			rules[i].timeout_us = 1000;
		}
	}
	spec.nrules = n;
	spec.rules = rules;
	spec.nstates = state ? 4 : sw ? 2 : 0;
	if (canfw_table_build(&spec, &t, &err)) {
		fprintf(stderr, "engine_bench: build failed: %s (rule %u)\n",
			err.msg ? err.msg : "?", err.rule);
		return 2;
	}
	/* A miss probe: an ID past every rule's, distinct by the bijection. */
	canfw_frame_init(&f, CANFW_PROTO_CAN,
			 rule_id(hit || sw ? n - 1 : mask, mask), 8);
	f.data = probe;
	f.state = state ? 2 : 0;
	f.sender = cgroup ? &snd : NULL;
	if (ext)
		f.can_id |= CAN_EFF_FLAG;
	if (scan) {
		/* Every rule seen at once, so the scans find none silent. */
		for (i = 0; i < n; i++) {
			u64 iv;

			canfw_timing_frame(&t->timing[i], 1000000, &iv);
		}
		t0 = now_ns();
		rule = scans(t, lookups_n);
		t1 = now_ns();
		printf("%s %u scan missing=%u ns_per_scan=%.2f\n", argv[1], n, rule,
		       (double)(t1 - t0) / lookups_n);
		canfw_table_free(t);
		free(rules);
		return rule ? 1 : 0;
	}
	if (sw) {
		canfw_states_init(&st, defs, 2);
		t0 = now_ns();
		rule = switches(t, &f, &st, lookups_n);
		t1 = now_ns();
		printf("%s %u switch switched=%u ns_per_switch=%.2f\n", argv[1],
		       n, rule, (double)(t1 - t0) / lookups_n);
		canfw_table_free(t);
		free(rules);
		return rule == lookups_n ? 0 : 1;
	}
	t0 = now_ns();
	rule = lookups(t, &f, lookups_n, period ? 100000 : 1000);
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
