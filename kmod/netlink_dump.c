// SPDX-License-Identifier: GPL-2.0
/*
 * GET_POLICY and GET_COUNTERS dumps, in the shape a load takes: one
 * message per slice of one interface entry's direction. A counters dump
 * first lists the devices each entry governs, in as many messages as they
 * need. The cursor in cb->args is (entry, phase, next rule or device);
 * cb->seq carries the generation so that a dump racing a load is flagged
 * NLM_F_DUMP_INTR.
 */
#include <net/sock.h>
#include "canfw.h"
#include "netlink.h"

enum { ARG_IFACE, ARG_PHASE, ARG_NEXT, ARG_STATES_SENT };
/* An entry's phases: its devices (counters only), then rx, then tx. */
enum { PHASE_BOUND, PHASE_RX, PHASE_TX, PHASES };

/* Byte matches, each a nest of type @type: a rule's or a selector's. */
int canfw_nl_put_data(struct sk_buff *skb, int type,
		      const struct canfw_payload_spec *p)
{
	struct nlattr *nest;
	u8 i;

	for (i = 0; i < p->ndata; i++) {
		const struct canfw_data_match *m = &p->data[i];

		nest = nla_nest_start(skb, type);
		if (!nest ||
		    nla_put_u8(skb, CANFW_DATA_A_OFFSET, m->offset) ||
		    nla_put_u8(skb, CANFW_DATA_A_LEN, m->len) ||
		    nla_put_u32(skb, CANFW_DATA_A_VALUE, m->value) ||
		    nla_put_u32(skb, CANFW_DATA_A_MASK, m->mask))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int put_payload(struct sk_buff *skb, const struct canfw_payload_spec *p)
{
	if ((p->isotp && nla_put_u8(skb, CANFW_RULE_A_ISOTP, p->isotp)) ||
	    (p->has_uds &&
	     nla_put(skb, CANFW_RULE_A_UDS, sizeof(p->uds), p->uds)))
		return -EMSGSIZE;
	return canfw_nl_put_data(skb, CANFW_RULE_A_DATA, p);
}

static int put_sender(struct sk_buff *skb, const struct canfw_sender_spec *s)
{
	if ((s->match & CANFW_SENDER_UID) &&
	    (nla_put_u32(skb, CANFW_RULE_A_UID_LO, s->uid_lo) ||
	     nla_put_u32(skb, CANFW_RULE_A_UID_HI, s->uid_hi)))
		return -EMSGSIZE;
	if ((s->match & CANFW_SENDER_GID) &&
	    (nla_put_u32(skb, CANFW_RULE_A_GID_LO, s->gid_lo) ||
	     nla_put_u32(skb, CANFW_RULE_A_GID_HI, s->gid_hi)))
		return -EMSGSIZE;
	if ((s->match & CANFW_SENDER_CGROUP) &&
	    (nla_put_u64_64bit(skb, CANFW_RULE_A_CGROUP_ID, s->cgroup_id,
			       CANFW_RULE_A_PAD) ||
	     nla_put_u8(skb, CANFW_RULE_A_CGROUP_LEVEL, s->cgroup_level)))
		return -EMSGSIZE;
	if ((s->match & CANFW_SENDER_NO_SOCKET) &&
	    nla_put_flag(skb, CANFW_RULE_A_NO_SOCKET))
		return -EMSGSIZE;
	return 0;
}

/* A set's further ID matches, as a load gives them. */
static int put_parts(struct sk_buff *skb, const struct canfw_rule_spec *r)
{
	struct nlattr *nest;
	u32 i;

	for (i = 0; i < r->nparts; i++) {
		const struct canfw_id_part *part = &r->parts[i];

		nest = nla_nest_start(skb, CANFW_RULE_A_ID_PART);
		if (!nest ||
		    nla_put_u8(skb, CANFW_ID_PART_A_MATCH, part->match) ||
		    nla_put_u8(skb, CANFW_ID_PART_A_SPACE, part->space) ||
		    nla_put_u32(skb, CANFW_ID_PART_A_LO, part->lo) ||
		    nla_put_u32(skb, CANFW_ID_PART_A_HI, part->hi))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int put_rule(struct sk_buff *skb, const struct canfw_rule_spec *r)
{
	struct nlattr *nest = nla_nest_start(skb, CANFW_DIR_A_RULE);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, CANFW_RULE_A_ACTION, r->action) ||
	    nla_put_u8(skb, CANFW_RULE_A_ID_MATCH, r->id_match) ||
	    nla_put_u8(skb, CANFW_RULE_A_ID_SPACE, r->space) ||
	    nla_put_u32(skb, CANFW_RULE_A_ID_LO, r->id_lo) ||
	    nla_put_u32(skb, CANFW_RULE_A_ID_HI, r->id_hi) ||
	    nla_put_u8(skb, CANFW_RULE_A_KINDS, r->kinds) ||
	    nla_put_u16(skb, CANFW_RULE_A_LEN_LO, r->len_lo) ||
	    nla_put_u16(skb, CANFW_RULE_A_LEN_HI, r->len_hi) ||
	    nla_put_u32(skb, CANFW_RULE_A_FLAGS, r->flags) ||
	    (r->rate && (nla_put_u32(skb, CANFW_RULE_A_RATE, r->rate) ||
			 nla_put_u32(skb, CANFW_RULE_A_BURST, r->burst))) ||
	    (r->period_us &&
	     (nla_put_u32(skb, CANFW_RULE_A_PERIOD, r->period_us) ||
	      nla_put_u32(skb, CANFW_RULE_A_JITTER, r->jitter_us))) ||
	    (r->timeout_us &&
	     nla_put_u32(skb, CANFW_RULE_A_TIMEOUT, r->timeout_us)) ||
	    (r->per_id && nla_put_u16(skb, CANFW_RULE_A_PER_ID, r->per_id)) ||
	    put_payload(skb, &r->payload) || put_sender(skb, &r->sender) ||
	    (r->states && nla_put_u32(skb, CANFW_RULE_A_IN, r->states)) ||
	    (r->trigger.count &&
	     canfw_nl_put_trigger(skb, CANFW_RULE_A_TRIGGER, &r->trigger,
				  NULL)) ||
	    put_parts(skb, r) ||
	    (r->handle && nla_put_u32(skb, CANFW_RULE_A_HANDLE, r->handle)) ||
	    (r->comment &&
	     nla_put_string(skb, CANFW_RULE_A_COMMENT, r->comment))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_u64s(struct sk_buff *skb, int type, const u64 *v,
		    const int *types, int n)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (nla_put_u64_64bit(skb, types[i], v[i], CANFW_CTR_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_rule_counters(struct sk_buff *skb, const struct canfw_table *t,
			     u32 i)
{
	static const int types[] = {
		CANFW_CTR_A_FRAMES, CANFW_CTR_A_BYTES, CANFW_CTR_A_RATE_LIMITED,
		CANFW_CTR_A_EARLY, CANFW_CTR_A_MISSING, CANFW_CTR_A_RECOVERED,
		CANFW_CTR_A_PER_ID_FULL,
	};
	struct canfw_rule_counters rc;
	struct nlattr *nest;
	u64 v[ARRAY_SIZE(types)];
	/* Rules without timing or per-id state have no such counters. */
	int n = t->specs[i].per_id ? ARRAY_SIZE(types) :
		t->rules[i].timing != CANFW_NO_TIMING ? 6 : 3;

	canfw_table_read_rule(t, i, &rc);
	v[0] = rc.frames;
	v[1] = rc.bytes;
	v[2] = rc.rate_limited;
	v[3] = rc.early;
	v[4] = rc.missing;
	v[5] = rc.recovered;
	v[6] = rc.per_id_full;
	nest = nla_nest_start(skb, CANFW_DIR_A_RULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, CANFW_RULE_A_INDEX, i) ||
	    put_u64s(skb, CANFW_RULE_A_COUNTERS, v, types, n) ||
	    (t->rules[i].trigger != CANFW_NO_TRIGGER &&
	     canfw_nl_put_trigger(skb, CANFW_RULE_A_TRIGGER, NULL,
				  &t->triggers[t->rules[i].trigger]))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_dir_counters(struct sk_buff *skb, const struct canfw_table *t)
{
	static const int types[] = {
		CANFW_CTR_A_ACCEPTED, CANFW_CTR_A_DROPPED_RULE,
		CANFW_CTR_A_DROPPED_DEFAULT, CANFW_CTR_A_RATE_LIMITED,
		CANFW_CTR_A_WOULD_DROP, CANFW_CTR_A_MALFORMED, CANFW_CTR_A_EARLY,
	};
	struct canfw_dir_counters dc;
	u64 v[ARRAY_SIZE(types)];

	canfw_table_read_counters(t, &dc, NULL);
	v[0] = dc.accepted;
	v[1] = dc.dropped_rule;
	v[2] = dc.dropped_default;
	v[3] = dc.rate_limited;
	v[4] = dc.would_drop;
	v[5] = dc.malformed;
	v[6] = dc.early;
	return put_u64s(skb, CANFW_DIR_A_COUNTERS, v, types, ARRAY_SIZE(v));
}

/*
 * Names of the devices bound to entry e, from the skip-th on, as many as
 * fit; the number listed goes to *n (0: none left).
 */
static int fill_bound(struct sk_buff *skb, struct canfw_net *cn,
		      const struct canfw_iface *e, u32 skip, u32 *n)
{
	struct nlattr *inest = nla_nest_start(skb, CANFW_A_IFACE);
	struct canfw_dev *cd;
	u32 i = 0;

	*n = 0;
	if (!inest || nla_put_string(skb, CANFW_IFACE_A_NAME, e->name))
		return -EMSGSIZE;
	list_for_each_entry_rcu(cd, &cn->devs, list) {
		if (rcu_access_pointer(cd->iface) != e || i++ < skip)
			continue;
		if (nla_put_string(skb, CANFW_IFACE_A_BOUND, cd->dev->name)) {
			if (!*n)
				return -EMSGSIZE;
			break;
		}
		++*n;
	}
	nla_nest_end(skb, inest);
	return 0;
}

/* The entry's settings (in its first slice), a direction nest opened. */
static struct nlattr *put_head(struct sk_buff *skb, struct canfw_iface *e,
			       int dir, u32 start, bool counters,
			       struct nlattr **inest)
{
	const struct canfw_table *t = e->dir[dir];
	bool first = dir == CANFW_DIR_RX && !start;
	struct nlattr *dnest;

	*inest = nla_nest_start(skb, CANFW_A_IFACE);
	if (!*inest || nla_put_string(skb, CANFW_IFACE_A_NAME, e->name))
		return NULL;
	if (first && (nla_put_u8(skb, CANFW_IFACE_A_MODE, e->mode) ||
		      nla_put_u32(skb, CANFW_IFACE_A_EVENT_RATE, e->event_rate) ||
		      nla_put_u32(skb, CANFW_IFACE_A_EVENT_BURST,
				  e->event_burst) ||
		      (e->comment[0] &&
		       nla_put_string(skb, CANFW_IFACE_A_COMMENT, e->comment))))
		return NULL;
	if (first && counters &&
	    nla_put_u64_64bit(skb, CANFW_IFACE_A_EVENTS_SUPPRESSED,
			      atomic64_read(&e->events_suppressed),
			      CANFW_IFACE_A_PAD))
		return NULL;
	dnest = nla_nest_start(skb, dir == CANFW_DIR_RX ? CANFW_IFACE_A_RX :
							  CANFW_IFACE_A_TX);
	if (!dnest ||
	    (!start && (nla_put_u8(skb, CANFW_DIR_A_DEFAULT, t->default_action) ||
			nla_put_u8(skb, CANFW_DIR_A_ERR_DEFAULT, t->err_action) ||
			(t->log_default &&
			 nla_put_flag(skb, CANFW_DIR_A_LOG_DEFAULT)))) ||
	    nla_put_u32(skb, CANFW_DIR_A_NRULES, t->nrules) ||
	    nla_put_u32(skb, CANFW_DIR_A_RULE_START, start) ||
	    (counters && !start && put_dir_counters(skb, t)) ||
	    (!start && canfw_nl_put_dir_states(skb, t, counters)))
		return NULL;
	return dnest;
}

/* Fill one message; the index of the first rule left out goes to *next. */
static int fill_slice(struct sk_buff *skb, struct canfw_iface *e, int dir,
		      u32 start, bool counters, u32 *next)
{
	const struct canfw_table *t = e->dir[dir];
	struct nlattr *inest, *dnest;
	u32 i = start;

	dnest = put_head(skb, e, dir, start, counters, &inest);
	if (!dnest)
		return -EMSGSIZE;
	for (; i < t->nrules; i++) {
		int err = counters ? put_rule_counters(skb, t, i) :
				     put_rule(skb, &t->specs[i]);
		if (err)
			break;
	}
	if (i == start && i < t->nrules)
		return -EMSGSIZE;
	nla_nest_end(skb, dnest);
	nla_nest_end(skb, inest);
	*next = i;
	return 0;
}

/*
 * One message of the dump, advancing the cursor: 0 when filled, -EMSGSIZE
 * when it does not fit, -EAGAIN when it would be empty.
 */
static int fill_one(struct sk_buff *skb, struct netlink_callback *cb,
		    struct canfw_net *cn, struct canfw_iface *e, bool counters)
{
	long *phase = &cb->args[ARG_PHASE];
	u32 next, n;
	int dir;

	if (*phase == PHASE_BOUND) {
		if (fill_bound(skb, cn, e, cb->args[ARG_NEXT], &n))
			return -EMSGSIZE;
		if (n) {
			cb->args[ARG_NEXT] += n;
			return 0;
		}
		/* All listed: this message would say nothing. */
		*phase = PHASE_RX;
		cb->args[ARG_NEXT] = 0;
		return -EAGAIN;
	}
	dir = *phase == PHASE_RX ? CANFW_DIR_RX : CANFW_DIR_TX;
	if (fill_slice(skb, e, dir, cb->args[ARG_NEXT], counters, &next))
		return -EMSGSIZE;
	if (next < e->dir[dir]->nrules) {
		cb->args[ARG_NEXT] = next;
		return 0;
	}
	cb->args[ARG_NEXT] = 0;
	if (++*phase == PHASES) {
		*phase = counters ? PHASE_BOUND : PHASE_RX;
		cb->args[ARG_IFACE]++;
	}
	return 0;
}

static int canfw_dump(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	struct canfw_net *cn = canfw_pernet(sock_net(skb->sk));
	bool counters = cmd == CANFW_CMD_GET_COUNTERS;
	struct canfw_policy *p;
	int err = 0;

	/* A policy dump has no device phase. */
	if (!counters && cb->args[ARG_PHASE] == PHASE_BOUND)
		cb->args[ARG_PHASE] = PHASE_RX;
	rcu_read_lock();
	p = rcu_dereference(cn->policy);
	cb->seq = p ? p->generation : 0;
	while (p && cb->args[ARG_IFACE] < p->niface) {
		struct canfw_iface *e = &p->iface[cb->args[ARG_IFACE]];
		void *hdr;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &canfw_genl_family,
				  NLM_F_MULTI, cmd);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, CANFW_A_GENERATION, p->generation) ||
		    (!cb->args[ARG_STATES_SENT] &&
		     canfw_nl_put_states(skb, &p->states, !counters))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		err = fill_one(skb, cb, cn, e, counters);
		if (err == -EAGAIN) {
			/* Nothing new to say in this message. */
			genlmsg_cancel(skb, hdr);
			err = 0;
			continue;
		}
		if (err) {
			genlmsg_cancel(skb, hdr);
			/* Not even one slice fits an empty message. */
			err = skb->len ? 0 : -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[ARG_STATES_SENT] = 1;
	}
	rcu_read_unlock();
	return err ? err : skb->len;
}

int canfw_nl_get_policy_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	return canfw_dump(skb, cb, CANFW_CMD_GET_POLICY);
}

int canfw_nl_get_counters_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	return canfw_dump(skb, cb, CANFW_CMD_GET_COUNTERS);
}
