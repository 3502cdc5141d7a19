// SPDX-License-Identifier: GPL-2.0
/* The per-frame path: find the deciding rule, apply mode, count. */
#include "engine.h"

static u8 frame_kind(const struct canfw_frame *f)
{
	if (f->can_id & CAN_ERR_FLAG)
		return CANFW_KIND_ERR;
	if (f->fd)
		return CANFW_KIND_FD;
	return (f->can_id & CAN_RTR_FLAG) ? CANFW_KIND_RTR : CANFW_KIND_DATA;
}

static const u32 *candidates(const struct canfw_table *t, u32 can_id, u8 kind)
{
	if (kind == CANFW_KIND_ERR)
		return t->err_rules;
	if (can_id & CAN_EFF_FLAG)
		return canfw_idtrie_lookup(&t->eff, can_id & CAN_EFF_MASK);
	return canfw_idtrie_lookup(&t->sff, can_id & CAN_SFF_MASK);
}

/*
 * Must run with bottom halves disabled in the kernel (netfilter hooks do),
 * so this CPU's counter block has one writer at a time.
 */
void canfw_table_judge(struct canfw_table *t, const struct canfw_frame *f,
		       u64 now_ns, struct canfw_verdict *v)
{
	struct canfw_cpu_counters *pc = t->pcpu[canfw_cpu()];
	u8 kind = frame_kind(f);
	const u32 *list = candidates(t, f->can_id, kind);
	u32 i, n = list[0];

	v->would_drop = 0;
	for (i = 1; i <= n; i++) {
		const struct canfw_rule *r = &t->rules[list[i]];
		struct canfw_rule_counters *rc;

		if (!(r->kinds & kind) || f->len < r->len_lo ||
		    f->len > r->len_hi)
			continue;
		rc = &pc->rule[list[i]];
		rc->frames++;
		rc->bytes += f->len;
		v->rule = list[i];
		v->reason = CANFW_R_RULE;
		v->action = r->action;
		v->log = r->flags & CANFW_RULE_LOG;
		if (r->bucket != CANFW_NO_RULE &&
		    !canfw_bucket_take(&t->buckets[r->bucket], now_ns)) {
			rc->rate_limited++;
			v->reason = CANFW_R_RATE;
			v->action = CANFW_DROP;
		}
		goto decided;
	}
	v->rule = CANFW_NO_RULE;
	v->reason = CANFW_R_DEFAULT;
	v->action = kind == CANFW_KIND_ERR ? t->err_action : t->default_action;
	v->log = v->action == CANFW_DROP && t->log_default;

decided:
	if (v->action == CANFW_ACCEPT) {
		pc->dir.accepted++;
	} else if (t->mode == CANFW_MONITOR) {
		/* Judged and counted as usual, but the frame goes through. */
		v->action = CANFW_ACCEPT;
		v->would_drop = 1;
		pc->dir.would_drop++;
		pc->dir.accepted++;
	} else if (v->reason == CANFW_R_RULE) {
		pc->dir.dropped_rule++;
	} else if (v->reason == CANFW_R_DEFAULT) {
		pc->dir.dropped_default++;
	} else {
		pc->dir.rate_limited++;
	}
}

void canfw_table_read_counters(const struct canfw_table *t,
			       struct canfw_dir_counters *dir,
			       struct canfw_rule_counters *rules)
{
	unsigned int cpu;
	u32 i;

	memset(dir, 0, sizeof(*dir));
	if (rules)
		memset(rules, 0, t->nrules * sizeof(*rules));
	for (cpu = 0; cpu < canfw_ncpus(); cpu++) {
		const struct canfw_cpu_counters *pc = t->pcpu[cpu];

		dir->accepted += READ_ONCE(pc->dir.accepted);
		dir->dropped_rule += READ_ONCE(pc->dir.dropped_rule);
		dir->dropped_default += READ_ONCE(pc->dir.dropped_default);
		dir->rate_limited += READ_ONCE(pc->dir.rate_limited);
		dir->would_drop += READ_ONCE(pc->dir.would_drop);
		if (!rules)
			continue;
		for (i = 0; i < t->nrules; i++) {
			rules[i].frames += READ_ONCE(pc->rule[i].frames);
			rules[i].bytes += READ_ONCE(pc->rule[i].bytes);
			rules[i].rate_limited +=
				READ_ONCE(pc->rule[i].rate_limited);
		}
	}
}

void canfw_table_read_rule(const struct canfw_table *t, u32 rule,
			   struct canfw_rule_counters *rc)
{
	unsigned int cpu;

	memset(rc, 0, sizeof(*rc));
	for (cpu = 0; cpu < canfw_ncpus(); cpu++) {
		const struct canfw_rule_counters *c = &t->pcpu[cpu]->rule[rule];

		rc->frames += READ_ONCE(c->frames);
		rc->bytes += READ_ONCE(c->bytes);
		rc->rate_limited += READ_ONCE(c->rate_limited);
	}
}

/*
 * A reset racing with frames on other CPUs may keep an increment made while
 * it runs: the price of counters that the per-frame path updates lock-free.
 */
void canfw_table_reset_counters(struct canfw_table *t)
{
	size_t size = sizeof(struct canfw_cpu_counters) +
		      (size_t)t->nrules * sizeof(struct canfw_rule_counters);
	unsigned int cpu;

	for (cpu = 0; cpu < canfw_ncpus(); cpu++)
		memset(t->pcpu[cpu], 0, size);
}
