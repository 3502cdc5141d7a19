// SPDX-License-Identifier: GPL-2.0
/*
 * A namespace's current state in the kernel: switched by state-set, by
 * triggers and selectors from the data path, reported as events, and
 * carried from one policy to the next by name.
 */
#include "canfw.h"
#include "netlink.h"
#include <linux/timekeeping.h>

static int state_fill(struct sk_buff *msg, const struct canfw_states *s,
		      s64 from, s64 to, const struct canfw_state_change *c)
{
	struct nlattr *ev;
	void *hdr;

	hdr = genlmsg_put(msg, 0, 0, &canfw_genl_family, 0, CANFW_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (c->ifname && nla_put_string(msg, CANFW_A_IFNAME, c->ifname))
		goto cancel;
	ev = nla_nest_start(msg, CANFW_A_EVENT);
	if (!ev)
		goto cancel;
	if (nla_put_u64_64bit(msg, CANFW_EV_A_TIMESTAMP, ktime_get_real_ns(),
			      CANFW_EV_A_PAD) ||
	    nla_put_u8(msg, CANFW_EV_A_TYPE, CANFW_EVENT_TYPE_STATE) ||
	    nla_put_string(msg, CANFW_EV_A_STATE_FROM,
			   s->def[canfw_state_index(from)].name) ||
	    nla_put_string(msg, CANFW_EV_A_STATE_TO,
			   s->def[canfw_state_index(to)].name) ||
	    nla_put_u32(msg, CANFW_EV_A_STATE_SEQ, canfw_state_seq(to)) ||
	    nla_put_u8(msg, CANFW_EV_A_CAUSE, c->cause) ||
	    nla_put_u32(msg, CANFW_EV_A_GENERATION, c->generation) ||
	    nla_put_u32(msg, CANFW_EV_A_SUPPRESSED, c->suppressed))
		goto cancel;
	if (c->ifname &&
	    ((c->ifindex && nla_put_u32(msg, CANFW_EV_A_IFINDEX, c->ifindex)) ||
	     nla_put_u8(msg, CANFW_EV_A_DIR, c->dir)))
		goto cancel;
	if (c->cause == CANFW_STATE_CAUSE_TRIGGER && c->index != CANFW_NO_RULE &&
	    nla_put_u32(msg, CANFW_EV_A_RULE, c->index))
		goto cancel;
	if (c->cause == CANFW_STATE_CAUSE_SELECTOR &&
	    nla_put_u32(msg, CANFW_EV_A_SELECTOR, c->index))
		goto cancel;
	nla_nest_end(msg, ev);
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

/**
 * canfw_state_event() - report a state change
 * @net: the namespace
 * @s: the states of the policy that changed
 * @from: the state word before
 * @to: the state word after
 * @c: who changed it, and where
 *
 * Context: Any; allocates atomically.
 */
void canfw_state_event(struct net *net, const struct canfw_states *s,
		       s64 from, s64 to, const struct canfw_state_change *c)
{
	size_t size = nla_total_size(IFNAMSIZ) + nla_total_size(0) +
		      nla_total_size_64bit(sizeof(u64)) +
		      2 * nla_total_size(CANFW_STATE_NAME_LEN + 1) +
		      6 * nla_total_size(sizeof(u32)) +
		      3 * nla_total_size(sizeof(u8));
	struct sk_buff *msg;

	if (!genl_has_listeners(&canfw_genl_family, net, 0))
		return;
	msg = genlmsg_new(size, GFP_ATOMIC);
	if (!msg)
		return;
	canfw_event_send(net, msg, state_fill(msg, s, from, to, c));
}

/*
 * Switch @s, then the policy in force if a publish has replaced @s's
 * policy meanwhile: the publish may have copied the state before this
 * switch (see canfw_states_carry()). Either way the change is kept.
 */
static void switch_and_follow(struct net *net, struct canfw_states *s, u8 to,
			      struct canfw_state_change *c, bool report)
{
	struct canfw_policy *cur;
	s64 from_w, to_w;
	int idx;

	if (!canfw_state_switch(s, to, c->cause, &from_w, &to_w))
		return;
	if (report)
		canfw_state_event(net, s, from_w, to_w, c);
	/* Ordered after the switch by its full barrier. */
	cur = rcu_dereference(canfw_pernet(net)->policy);
	if (!cur || &cur->states == s)
		return;
	idx = canfw_state_find(&cur->states, s->def[to].name);
	c->generation = cur->generation;
	if (idx >= 0 && canfw_state_switch(&cur->states, idx, c->cause,
					   &from_w, &to_w) && report)
		canfw_state_event(net, &cur->states, from_w, to_w, c);
}

/**
 * canfw_state_apply() - the state a frame's verdict asked for
 * @cd: the device the frame passed
 * @iface: the entry that judged it
 * @dir: its direction
 * @v: the verdict, with to_state set
 *
 * State events share the device's event limit: a selector frame that
 * flips the state with every frame must not flood the listeners. The
 * switch itself is the defence and happens either way.
 *
 * Context: The hook's, under RCU with bottom halves disabled.
 */
void canfw_state_apply(struct canfw_dev *cd, struct canfw_iface *iface,
		       int dir, const struct canfw_verdict *v)
{
	struct canfw_event_limit *el = &cd->events[dir];
	struct canfw_state_change c = {
		.ifname = cd->dev->name,
		.ifindex = cd->dev->ifindex,
		.dir = dir,
		.cause = v->cause,
		.index = v->cause_index,
		.generation = iface->generation,
	};
	bool report = false;

	if (canfw_state_index(atomic64_read(&iface->states->cur)) ==
	    v->to_state)
		return;
	if (genl_has_listeners(&canfw_genl_family, dev_net(cd->dev), 0)) {
		report = canfw_event_take(el, iface);
		if (report) {
			c.suppressed = atomic_xchg(&el->suppressed_since, 0);
		} else {
			atomic64_inc(&iface->events_suppressed);
			atomic_inc(&el->suppressed_since);
		}
	}
	switch_and_follow(dev_net(cd->dev), iface->states, v->to_state, &c,
			  report);
}

/*
 * A timed rule's trigger counting a missing event, from the scan. The
 * scan holds the RCU read lock.
 */
void canfw_state_missing(struct net *net, const struct canfw_iface *iface,
			 int dir, u32 rule)
{
	const struct canfw_table *t = iface->dir[dir];
	struct canfw_state_change c = {
		.ifname = iface->name,
		.dir = dir,
		.cause = CANFW_STATE_CAUSE_TRIGGER,
		.generation = iface->generation,
	};
	u64 now = ktime_get_mono_fast_ns();
	struct canfw_trigger *tr;
	u32 k = t->rules[rule].trigger;

	local_bh_disable();
	if (k != CANFW_NO_TRIGGER) {
		tr = &t->triggers[k];
		if (tr->event == CANFW_TRIGGER_EVENT_MISSING &&
		    canfw_trigger_hit(tr, now)) {
			c.index = rule;
			switch_and_follow(net, iface->states, tr->state, &c, true);
			goto out;
		}
	}
	if (t->dir_trigger != CANFW_NO_TRIGGER) {
		tr = &t->triggers[t->dir_trigger];
		if (tr->event == CANFW_TRIGGER_EVENT_MISSING &&
		    canfw_trigger_hit(tr, now)) {
			c.index = CANFW_NO_RULE;
			switch_and_follow(net, iface->states, tr->state, &c, true);
		}
	}
out:
	local_bh_enable();
}

/**
 * canfw_states_carry() - start a new policy in the state of the old one
 * @cn: the namespace, with its lock held
 * @old: the policy replaced, or NULL
 * @p: the policy just published, or NULL for a flush
 *
 * Called after @p is published, its word set to the namespace's last
 * sequence number in its first state, and before any device is bound to
 * it. A
 * switch of @old that this copy misses is made on @p by the switcher,
 * who then reads the published pointer (switch_and_follow()): the full
 * barriers on both sides see to it. The copy is a compare-and-exchange
 * from @p's initial word, so such a switch is never overwritten.
 *
 * Context: Process context, under canfw_net.lock.
 */
void canfw_states_carry(struct canfw_net *cn, struct canfw_policy *old,
			struct canfw_policy *p)
{
	s64 w, init = (s64)((u64)cn->state_seq << 8);
	u32 seq;
	int idx = -1;

	/* Orders the publish before reading @old's word; see above. */
	smp_mb();
	if (!old)
		return;
	w = atomic64_read(&old->states.cur);
	seq = canfw_state_seq(w);
	if (old->states.n && p) {
		idx = canfw_state_find(&p->states,
				       old->states.def[canfw_state_index(w)].name);
		/* Leaving the old state for the new policy's first is a change. */
		if (idx < 0 && p->states.n)
			seq++;
	}
	cn->state_seq = seq;
	if (!p)
		return;
	atomic64_try_cmpxchg(&p->states.cur, &init,
			     (s64)(((u64)seq << 8) | (idx >= 0 ? idx : 0)));
}
