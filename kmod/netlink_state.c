// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink side of vehicle states: state, trigger and selector nests in
 * loads and dumps, and the state-get and state-set commands.
 */
#include "canfw.h"
#include "netlink.h"

/* A state nest of a load, appended to the policy's states. */
int canfw_nl_parse_state(const struct nlattr *nla, struct canfw_load *l,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_STATE_A_MAX + 1];
	struct canfw_state_def *d;
	int err;

	err = nla_parse_nested(tb, CANFW_STATE_A_MAX, nla,
			       canfw_state_nl_policy, extack);
	if (err)
		return err;
	if (!tb[CANFW_STATE_A_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "a state needs a name");
		return -EINVAL;
	}
	if (l->nstates == CANFW_STATES_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "a policy declares at most 32 states");
		return -E2BIG;
	}
	d = &l->states[l->nstates];
	nla_strscpy(d->name, tb[CANFW_STATE_A_NAME], sizeof(d->name));
	d->flags = tb[CANFW_STATE_A_FLAGS] ?
		   nla_get_u32(tb[CANFW_STATE_A_FLAGS]) : 0;
	l->nstates++;
	return 0;
}

int canfw_nl_parse_trigger(const struct nlattr *nla,
			   struct canfw_trigger_spec *ts,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_TRIGGER_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, CANFW_TRIGGER_A_MAX, nla,
			       canfw_trigger_nl_policy, extack);
	if (err)
		return err;
	if (!tb[CANFW_TRIGGER_A_EVENT] || !tb[CANFW_TRIGGER_A_COUNT] ||
	    !tb[CANFW_TRIGGER_A_WINDOW] || !tb[CANFW_TRIGGER_A_STATE]) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a trigger needs an event, a count, a window and a state");
		return -EINVAL;
	}
	if (tb[CANFW_TRIGGER_A_FIRED]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "counters are not part of a load");
		return -EINVAL;
	}
	ts->event = nla_get_u8(tb[CANFW_TRIGGER_A_EVENT]);
	ts->count = nla_get_u32(tb[CANFW_TRIGGER_A_COUNT]);
	ts->window_us = nla_get_u32(tb[CANFW_TRIGGER_A_WINDOW]);
	ts->state = nla_get_u8(tb[CANFW_TRIGGER_A_STATE]);
	return 0;
}

int canfw_nl_parse_selector(const struct nlattr *nla,
			    struct canfw_selector_spec *ss,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_SELECTOR_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, CANFW_SELECTOR_A_MAX, nla,
			       canfw_selector_nl_policy, extack);
	if (err)
		return err;
	if (!tb[CANFW_SELECTOR_A_CAN_ID] || !tb[CANFW_SELECTOR_A_STATE]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "a selector needs an ID and a state");
		return -EINVAL;
	}
	if (tb[CANFW_SELECTOR_A_FRAMES] || tb[CANFW_SELECTOR_A_IGNORED]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "counters are not part of a load");
		return -EINVAL;
	}
	memset(ss, 0, sizeof(*ss));
	ss->can_id = nla_get_u32(tb[CANFW_SELECTOR_A_CAN_ID]);
	ss->state = nla_get_u8(tb[CANFW_SELECTOR_A_STATE]);
	ss->else_state = tb[CANFW_SELECTOR_A_ELSE_STATE] ?
			 nla_get_u8(tb[CANFW_SELECTOR_A_ELSE_STATE]) :
			 CANFW_NO_STATE;
	ss->period_us = tb[CANFW_SELECTOR_A_PERIOD] ?
			nla_get_u32(tb[CANFW_SELECTOR_A_PERIOD]) : 0;
	ss->jitter_us = tb[CANFW_SELECTOR_A_JITTER] ?
			nla_get_u32(tb[CANFW_SELECTOR_A_JITTER]) : 0;
	if (!tb[CANFW_SELECTOR_A_DATA])
		return 0;
	return canfw_nl_parse_data(nla, CANFW_SELECTOR_A_DATA, &ss->payload,
				   extack);
}

/* A trigger as loaded; in a counters dump, how often it fired. */
int canfw_nl_put_trigger(struct sk_buff *skb, int type,
			 const struct canfw_trigger_spec *ts,
			 const struct canfw_trigger *tr)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (tr ? nla_put_u64_64bit(skb, CANFW_TRIGGER_A_FIRED,
				   atomic64_read(&tr->fired),
				   CANFW_TRIGGER_A_PAD) :
		 (nla_put_u8(skb, CANFW_TRIGGER_A_EVENT, ts->event) ||
		  nla_put_u32(skb, CANFW_TRIGGER_A_COUNT, ts->count) ||
		  nla_put_u32(skb, CANFW_TRIGGER_A_WINDOW, ts->window_us) ||
		  nla_put_u8(skb, CANFW_TRIGGER_A_STATE, ts->state))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_selector(struct sk_buff *skb, const struct canfw_selector *sel,
			bool counters)
{
	const struct canfw_selector_spec *ss = &sel->spec;
	struct nlattr *nest = nla_nest_start(skb, CANFW_DIR_A_SELECTOR);
	int err;

	if (!nest)
		return -EMSGSIZE;
	if (counters)
		err = nla_put_u64_64bit(skb, CANFW_SELECTOR_A_FRAMES,
					atomic64_read(&sel->frames),
					CANFW_SELECTOR_A_PAD) ||
		      nla_put_u64_64bit(skb, CANFW_SELECTOR_A_IGNORED,
					atomic64_read(&sel->ignored),
					CANFW_SELECTOR_A_PAD);
	else
		err = nla_put_u32(skb, CANFW_SELECTOR_A_CAN_ID, ss->can_id) ||
		      nla_put_u8(skb, CANFW_SELECTOR_A_STATE, ss->state) ||
		      (ss->else_state != CANFW_NO_STATE &&
		       nla_put_u8(skb, CANFW_SELECTOR_A_ELSE_STATE,
				  ss->else_state)) ||
		      (ss->period_us &&
		       (nla_put_u32(skb, CANFW_SELECTOR_A_PERIOD, ss->period_us) ||
			nla_put_u32(skb, CANFW_SELECTOR_A_JITTER,
				    ss->jitter_us))) ||
		      canfw_nl_put_data(skb, CANFW_SELECTOR_A_DATA, &ss->payload);
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A direction's state settings, in its first slice. */
int canfw_nl_put_dir_states(struct sk_buff *skb, const struct canfw_table *t,
			    bool counters)
{
	u32 i;

	if (!counters && t->state_default_in &&
	    (nla_put_u8(skb, CANFW_DIR_A_STATE_DEFAULT, t->state_default) ||
	     nla_put_u32(skb, CANFW_DIR_A_STATE_DEFAULT_IN,
			 t->state_default_in)))
		return -EMSGSIZE;
	if (t->dir_trigger != CANFW_NO_TRIGGER) {
		const struct canfw_trigger *tr = &t->triggers[t->dir_trigger];
		struct canfw_trigger_spec ts = {
			.event = tr->event, .state = tr->state,
			.count = tr->count,
			.window_us = div_u64(tr->window_ns, 1000),
		};

		if (canfw_nl_put_trigger(skb, CANFW_DIR_A_TRIGGER, &ts,
					 counters ? tr : NULL))
			return -EMSGSIZE;
	}
	for (i = 0; i < t->nsel; i++)
		if (put_selector(skb, &t->sel[i], counters))
			return -EMSGSIZE;
	return 0;
}

/* The current state, and with @all the policy's states: dumps, state-get. */
int canfw_nl_put_states(struct sk_buff *skb, const struct canfw_states *s,
			bool all)
{
	s64 w = atomic64_read(&s->cur);
	struct nlattr *nest;
	u32 i;

	if (!s->n)
		return 0;
	if (nla_put_string(skb, CANFW_A_STATE_NAME,
			   s->def[canfw_state_index(w)].name) ||
	    nla_put_u32(skb, CANFW_A_STATE_SEQ, canfw_state_seq(w)))
		return -EMSGSIZE;
	for (i = 0; all && i < s->n; i++) {
		nest = nla_nest_start(skb, CANFW_A_STATE);
		if (!nest ||
		    nla_put_string(skb, CANFW_STATE_A_NAME, s->def[i].name) ||
		    nla_put_u32(skb, CANFW_STATE_A_FLAGS, s->def[i].flags))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

int canfw_nl_state_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_policy *p;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &canfw_genl_family, 0,
				CANFW_CMD_STATE_GET);
	rcu_read_lock();
	p = rcu_dereference(cn->policy);
	err = !hdr || nla_put_u32(msg, CANFW_A_GENERATION, p ? p->generation : 0) ||
	      (p && canfw_nl_put_states(msg, &p->states, true));
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Under canfw_net.lock, so that a publish, which carries the state over
 * to the new policy, cannot miss a command's switch.
 */
int canfw_nl_state_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct canfw_net *cn = canfw_pernet(net);
	struct canfw_state_change c = { .cause = CANFW_STATE_CAUSE_COMMAND };
	struct canfw_policy *p;
	struct sk_buff *msg;
	s64 from, to;
	void *hdr;
	int idx;

	if (GENL_REQ_ATTR_CHECK(info, CANFW_A_STATE_NAME))
		return -EINVAL;
	mutex_lock(&cn->lock);
	p = rcu_dereference_protected(cn->policy, lockdep_is_held(&cn->lock));
	if (!p || !p->states.n) {
		mutex_unlock(&cn->lock);
		NL_SET_ERR_MSG(info->extack, "the policy in force declares no states");
		return -ENOENT;
	}
	idx = canfw_state_find(&p->states,
			       nla_data(info->attrs[CANFW_A_STATE_NAME]));
	if (idx < 0) {
		mutex_unlock(&cn->lock);
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CANFW_A_STATE_NAME],
				    "the policy in force declares no such state");
		return -ENOENT;
	}
	c.generation = p->generation;
	local_bh_disable();
	if (canfw_state_switch(&p->states, idx, c.cause, &from, &to))
		canfw_state_event(net, &p->states, from, to, &c);
	else
		to = from;
	local_bh_enable();
	mutex_unlock(&cn->lock);

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &canfw_genl_family, 0,
				CANFW_CMD_STATE_SET);
	if (!hdr || nla_put_u32(msg, CANFW_A_STATE_SEQ, canfw_state_seq(to))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
