// SPDX-License-Identifier: GPL-2.0
/* The per-frame path: find the deciding rule, apply mode, count. */
#include "engine.h"

/*
 * The sizes a frame of each protocol must have, as the CAN core checks
 * them before any protocol sees a frame (can_is_can_skb(),
 * can_is_canfd_skb(), can_is_canxl_skb()) and drivers before they send one
 * (can_dropped_invalid_skb()).
 */
void canfw_frame_init(struct canfw_frame *f, u8 proto, u32 can_id, u16 len)
{
	f->proto = proto;
	f->data = NULL;
	f->sender = NULL;
	f->can_id = can_id;
	f->len = len;
	f->flags = 0;
	f->state = 0;
	switch (proto) {
	case CANFW_PROTO_CAN:
		f->size = CAN_MTU;
		break;
	case CANFW_PROTO_CANFD:
		f->size = CANFD_MTU;
		break;
	case CANFW_PROTO_CANXL:
		f->size = CANXL_HDR_SIZE + len;
		f->flags = CANXL_XLF;
		break;
	default:
		f->size = 0;
		break;
	}
}

/*
 * The frame's kind (one CANFW_KIND_* bit), or 0 when it is not a valid
 * CAN, CAN FD or CAN XL frame. On TX the error flag does not make an error
 * frame: controllers send the ID bits as a data or remote frame, and the
 * frame is judged as what reaches the wire.
 */
u8 canfw_frame_kind(const struct canfw_frame *f, u8 dir)
{
	switch (f->proto) {
	case CANFW_PROTO_CAN:
		if (f->size != CAN_MTU || f->len > CAN_MAX_DLEN)
			return 0;
		break;
	case CANFW_PROTO_CANFD:
		if (f->size != CANFD_MTU || f->len > CANFD_MAX_DLEN)
			return 0;
		break;
	case CANFW_PROTO_CANXL:
		if (f->len < CANXL_MIN_DLEN || f->len > CANXL_MAX_DLEN ||
		    f->size != CANXL_HDR_SIZE + f->len ||
		    !(f->flags & CANXL_XLF))
			return 0;
		return CANFW_KIND_XL;
	default:
		return 0;
	}
	if ((f->can_id & CAN_ERR_FLAG) && dir == CANFW_DIR_RX)
		return CANFW_KIND_ERR;
	if (f->proto == CANFW_PROTO_CANFD)
		return CANFW_KIND_FD;
	return (f->can_id & CAN_RTR_FLAG) ? CANFW_KIND_RTR : CANFW_KIND_DATA;
}

static const u32 *candidates(const struct canfw_table *t, u32 can_id, u8 kind)
{
	if (kind == CANFW_KIND_ERR)
		return t->err_rules;
	/* A CAN XL priority is an 11-bit ID and has no EFF flag. */
	if (kind == CANFW_KIND_XL)
		return canfw_idtrie_lookup(&t->sff, can_id & CANXL_PRIO_MASK);
	if (can_id & CAN_EFF_FLAG)
		return canfw_idtrie_lookup(&t->eff, can_id & CAN_EFF_MASK);
	return canfw_idtrie_lookup(&t->sff, can_id & CAN_SFF_MASK);
}

/* A rule's payload and sender checks, for a frame its ID part matched. */
static bool checks_match(const struct canfw_table *t, u32 rule,
			 const struct canfw_frame *f, u8 kind)
{
	const struct canfw_rule_spec *s = &t->specs[rule];
	u8 checks = t->rules[rule].checks;

	if ((checks & CANFW_CHECK_PAYLOAD) &&
	    !canfw_payload_match(&s->payload, f->data, f->len, kind))
		return false;
	return !(checks & CANFW_CHECK_SENDER) ||
	       canfw_sender_match(&s->sender, f->sender);
}

/*
 * A rule's timing, then its rate limit, for a frame the rule matched: the
 * rule's own state, or for a per-id rule that of the frame's ID.
 */
static void apply_state(struct canfw_table *t, const struct canfw_rule *r,
			struct canfw_rule_cpu_counters *rc,
			const struct canfw_frame *f, u8 kind, u64 now_ns,
			struct canfw_verdict *v)
{
	struct canfw_timing *tm = r->timing != CANFW_NO_TIMING ?
				  &t->timing[r->timing] : NULL;
	struct canfw_bucket *b = r->bucket != CANFW_NO_BUCKET ?
				 &t->buckets[r->bucket] : NULL;

	if (r->perid != CANFW_NO_PERID) {
		struct canfw_perid_slot *s;

		s = canfw_perid_get(&t->perid[r->perid],
				    kind == CANFW_KIND_XL ?
				    f->can_id & CANXL_PRIO_MASK : f->can_id);
		if (s) {
			tm = tm ? &s->timing : NULL;
			b = b ? &s->bucket : NULL;
		}
	}
	if (tm) {
		v->timing = canfw_timing_frame(tm, now_ns, &v->interval);
		if (v->timing == CANFW_TIMING_EARLY) {
			rc->early++;
			v->reason = CANFW_REASON_EARLY;
			v->log = 1;
			if (!(r->flags & CANFW_RULE_FLAGS_EARLY_LOG)) {
				v->action = CANFW_ACTION_DROP;
				return;
			}
		}
	}
	if (b && !canfw_bucket_take(b, now_ns)) {
		rc->rate_limited++;
		v->reason = CANFW_REASON_RATE;
		v->action = CANFW_ACTION_DROP;
	}
}

/* Whether a verdict is an event a trigger of this kind counts. */
static bool trigger_counts(u8 event, const struct canfw_verdict *v)
{
	switch (event) {
	case CANFW_TRIGGER_EVENT_DROPS:
		return v->action == CANFW_ACTION_DROP || v->would_drop;
	case CANFW_TRIGGER_EVENT_RATE_LIMITED:
		return v->reason == CANFW_REASON_RATE;
	case CANFW_TRIGGER_EVENT_EARLY:
		return v->timing == CANFW_TIMING_EARLY;
	default:
		return false;
	}
}

/*
 * The rule's trigger, then the direction's, count the verdict; the first
 * to reach its count asks for its state.
 */
static void count_triggers(struct canfw_table *t, u64 now_ns,
			   struct canfw_verdict *v)
{
	struct canfw_trigger *tr;

	if (v->rule != CANFW_NO_RULE &&
	    t->rules[v->rule].trigger != CANFW_NO_TRIGGER) {
		tr = &t->triggers[t->rules[v->rule].trigger];
		if (trigger_counts(tr->event, v) && canfw_trigger_hit(tr, now_ns)) {
			v->to_state = tr->state;
			v->cause = CANFW_STATE_CAUSE_TRIGGER;
			v->cause_index = v->rule;
			return;
		}
	}
	if (t->dir_trigger == CANFW_NO_TRIGGER)
		return;
	tr = &t->triggers[t->dir_trigger];
	if (trigger_counts(tr->event, v) && canfw_trigger_hit(tr, now_ns)) {
		v->to_state = tr->state;
		v->cause = CANFW_STATE_CAUSE_TRIGGER;
		v->cause_index = CANFW_NO_RULE;
	}
}

/*
 * An accepted frame with a selector's ID says what state the vehicle is
 * in; the first selector with its ID decides. Only a frame that passed
 * the policy counts, so a rule can restrict who may send it.
 */
static void select_state(struct canfw_table *t, const struct canfw_frame *f,
			 u8 kind, u64 now_ns, struct canfw_verdict *v)
{
	u32 id = f->can_id & (CAN_EFF_FLAG | CAN_EFF_MASK);
	u32 i;
	u8 to;

	if (kind != CANFW_KIND_DATA && kind != CANFW_KIND_FD)
		return;
	if (!(id & CAN_EFF_FLAG))
		id &= CAN_SFF_MASK;
	for (i = 0; i < t->nsel; i++) {
		if (t->sel[i].spec.can_id != id)
			continue;
		to = canfw_selector_frame(&t->sel[i], f->data, f->len, now_ns);
		if (to != CANFW_NO_STATE && to != f->state) {
			v->to_state = to;
			v->cause = CANFW_STATE_CAUSE_SELECTOR;
			v->cause_index = i;
		}
		return;
	}
}

/**
 * canfw_table_judge() - decide one frame and count it
 * @t: the table of the frame's interface and direction
 * @f: the frame as the hook or a log gives it
 * @now_ns: the time, for rate limits (a log's own in replay)
 * @v: the verdict
 *
 * The deciding rule is found through the ID tries in a fixed number of
 * reads, whatever the number of rules; only the rules that overlap the
 * frame's ID are walked.
 *
 * The counters are plain u64s in a block per CPU rather than u64_stats:
 * the module runs on 64-bit machines (amd64, arm64), where a u64 is read
 * whole and u64_stats would compile to nothing, and the block has one
 * writer at a time because frames are judged with bottom halves off.
 *
 * Context: In the kernel, with bottom halves disabled (the hooks see to
 * it) or in a KUnit case; takes only the raw spinlocks of a rate limit
 * and a trigger.
 */
void canfw_table_judge(struct canfw_table *t, const struct canfw_frame *f,
		       u64 now_ns, struct canfw_verdict *v)
{
	struct canfw_cpu_counters *pc = t->pcpu[raw_smp_processor_id()];
	u8 kind = canfw_frame_kind(f, t->dir);
	const u32 *list;
	u32 i, n;

	v->would_drop = 0;
	v->timing = CANFW_TIMING_OK;
	v->kind = kind;
	v->to_state = CANFW_NO_STATE;
	if (unlikely(!kind)) {
		pc->dir.malformed++;
		v->rule = CANFW_NO_RULE;
		v->reason = CANFW_REASON_MALFORMED;
		v->action = CANFW_ACTION_DROP;
		v->log = t->log_default;
		goto decided;
	}
	list = candidates(t, f->can_id, kind);
	n = list[0];
	for (i = 1; i <= n; i++) {
		const struct canfw_rule *r = &t->rules[list[i]];
		struct canfw_rule_cpu_counters *rc;

		if (!(r->kinds & kind) || f->len < r->len_lo ||
		    f->len > r->len_hi)
			continue;
		if (r->states && !(r->states & CANFW_STATE_BIT(f->state)))
			continue;
		if (unlikely(r->checks) && !checks_match(t, list[i], f, kind))
			continue;
		rc = &pc->rule[list[i]];
		rc->frames++;
		/* A remote frame's length is a request; it carries no bytes. */
		if (kind != CANFW_KIND_RTR)
			rc->bytes += f->len;
		v->rule = list[i];
		v->reason = CANFW_REASON_RULE;
		v->action = r->action;
		v->log = r->flags & CANFW_RULE_FLAGS_LOG;
		if (r->timing != CANFW_NO_TIMING || r->bucket != CANFW_NO_BUCKET)
			apply_state(t, r, rc, f, kind, now_ns, v);
		goto decided;
	}
	v->rule = CANFW_NO_RULE;
	v->reason = CANFW_REASON_DEFAULT;
	if (kind == CANFW_KIND_ERR)
		v->action = t->err_action;
	else if (t->state_default_in & CANFW_STATE_BIT(f->state))
		v->action = t->state_default;
	else
		v->action = t->default_action;
	v->log = v->action == CANFW_ACTION_DROP && t->log_default;

decided:
	if (v->action == CANFW_ACTION_ACCEPT) {
		pc->dir.accepted++;
	} else if (t->mode == CANFW_MODE_MONITOR) {
		/* Judged and counted as usual, but the frame goes through. */
		v->action = CANFW_ACTION_ACCEPT;
		v->would_drop = 1;
		pc->dir.would_drop++;
		pc->dir.accepted++;
	} else if (v->reason == CANFW_REASON_RULE) {
		pc->dir.dropped_rule++;
	} else if (v->reason == CANFW_REASON_DEFAULT) {
		pc->dir.dropped_default++;
	} else if (v->reason == CANFW_REASON_RATE) {
		pc->dir.rate_limited++;
	} else if (v->reason == CANFW_REASON_EARLY) {
		pc->dir.early++;
	}
	if (unlikely(t->ntrig))
		count_triggers(t, now_ns, v);
	if (unlikely(t->nsel) && v->action == CANFW_ACTION_ACCEPT &&
	    !v->would_drop && v->to_state == CANFW_NO_STATE)
		select_state(t, f, kind, now_ns, v);
}

/* The counts a rule's shared state keeps: its own, and per ID if per-id. */
static void read_state(const struct canfw_table *t, u32 rule,
		       struct canfw_rule_counters *rc)
{
	const struct canfw_rule *r = &t->rules[rule];
	const struct canfw_perid *p;
	u32 i;

	if (r->timing != CANFW_NO_TIMING) {
		const struct canfw_timing *tm = &t->timing[r->timing];

		rc->missing = atomic64_read(&tm->missing);
		rc->recovered = atomic64_read(&tm->recovered);
	}
	if (r->perid == CANFW_NO_PERID)
		return;
	p = &t->perid[r->perid];
	rc->per_id_full = atomic64_read(&p->full);
	for (i = 0; r->timing != CANFW_NO_TIMING && i <= p->mask; i++) {
		rc->missing += atomic64_read(&p->slots[i].timing.missing);
		rc->recovered += atomic64_read(&p->slots[i].timing.recovered);
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
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct canfw_cpu_counters *pc = t->pcpu[cpu];

		dir->accepted += READ_ONCE(pc->dir.accepted);
		dir->dropped_rule += READ_ONCE(pc->dir.dropped_rule);
		dir->dropped_default += READ_ONCE(pc->dir.dropped_default);
		dir->rate_limited += READ_ONCE(pc->dir.rate_limited);
		dir->would_drop += READ_ONCE(pc->dir.would_drop);
		dir->malformed += READ_ONCE(pc->dir.malformed);
		dir->early += READ_ONCE(pc->dir.early);
		if (!rules)
			continue;
		for (i = 0; i < t->nrules; i++) {
			rules[i].frames += READ_ONCE(pc->rule[i].frames);
			rules[i].bytes += READ_ONCE(pc->rule[i].bytes);
			rules[i].rate_limited +=
				READ_ONCE(pc->rule[i].rate_limited);
			rules[i].early += READ_ONCE(pc->rule[i].early);
		}
	}
	for (i = 0; rules && i < t->nrules; i++)
		read_state(t, i, &rules[i]);
}

void canfw_table_read_rule(const struct canfw_table *t, u32 rule,
			   struct canfw_rule_counters *rc)
{
	unsigned int cpu;

	memset(rc, 0, sizeof(*rc));
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct canfw_rule_cpu_counters *c =
			&t->pcpu[cpu]->rule[rule];

		rc->frames += READ_ONCE(c->frames);
		rc->bytes += READ_ONCE(c->bytes);
		rc->rate_limited += READ_ONCE(c->rate_limited);
		rc->early += READ_ONCE(c->early);
	}
	read_state(t, rule, rc);
}

/*
 * A reset racing with frames on other CPUs may keep an increment made while
 * it runs: the price of counters that the per-frame path updates lock-free.
 */
void canfw_table_reset_counters(struct canfw_table *t)
{
	size_t size = sizeof(struct canfw_cpu_counters) +
		      (size_t)t->nrules * sizeof(struct canfw_rule_cpu_counters);
	unsigned int cpu;
	u32 i;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		memset(t->pcpu[cpu], 0, size);
	for (i = 0; i < t->ntiming; i++) {
		atomic64_set(&t->timing[i].missing, 0);
		atomic64_set(&t->timing[i].recovered, 0);
	}
	for (i = 0; i < t->nperid; i++) {
		struct canfw_perid *p = &t->perid[i];
		u32 k;

		atomic64_set(&p->full, 0);
		for (k = 0; k <= p->mask; k++) {
			atomic64_set(&p->slots[k].timing.missing, 0);
			atomic64_set(&p->slots[k].timing.recovered, 0);
		}
	}
}

/**
 * canfw_table_scan() - report the timed rules whose frames have stopped
 * @t: the table
 * @now_ns: the time, on the clock its frames are judged by
 * @fn: called for each rule that went missing now
 * @ctx: passed to @fn
 *
 * Costs one read per timed rule of the table and per slot of a timed
 * per-id rule, and a compare-and-exchange for each that goes missing.
 *
 * Context: Any; lock-free.
 * Return: the number of rules that went missing.
 */
u32 canfw_table_scan(struct canfw_table *t, u64 now_ns,
		     canfw_missing_fn fn, void *ctx)
{
	u32 i, k, n = 0;
	u64 silent;

	for (i = 0; i < t->ntiming; i++) {
		struct canfw_timing *tm = &t->timing[i];

		if (!canfw_timing_expired(tm, now_ns, &silent))
			continue;
		n++;
		if (fn)
			fn(ctx, t, tm, CANFW_NO_ID, silent);
	}
	/* Per-id rules: each ID that holds a slot is timed on its own. */
	for (i = 0; i < t->nperid; i++) {
		struct canfw_perid *p = &t->perid[i];

		if (!p->slots[0].timing.timeout_ns)
			continue;
		for (k = 0; k <= p->mask; k++) {
			struct canfw_perid_slot *s = &p->slots[k];
			u32 key = READ_ONCE(s->key);

			if (!key || !canfw_timing_expired(&s->timing, now_ns,
							  &silent))
				continue;
			n++;
			if (fn)
				fn(ctx, t, &s->timing, key - 1, silent);
		}
	}
	return n;
}
