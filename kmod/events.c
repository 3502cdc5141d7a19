// SPDX-License-Identifier: GPL-2.0
/*
 * Security events on the "events" multicast group. Rate-limited per device
 * and direction so that a flood of logged frames costs a bounded amount of
 * work; what the limit swallowed is counted and reported with the next
 * event that gets through.
 */
#include <linux/can.h>
#include <linux/timekeeping.h>
#include "canfw.h"
#include "netlink.h"

/* CAN XL header fields beyond what the engine needs. */
#define CANFW_XL_SDT_OFF	5
#define CANFW_XL_AF_OFF		8
#define CANFW_XL_DATA_OFF	12

static bool canfw_event_has_data(const struct canfw_frame *f,
				 const struct canfw_verdict *v)
{
	/* A valid frame holds len bytes; a remote frame's len is a request. */
	return f->len && v->kind && v->kind != CANFW_KIND_RTR;
}

static size_t canfw_event_size(const struct canfw_frame *f,
			       const struct canfw_verdict *v)
{
	size_t size = nla_total_size(IFNAMSIZ) +	/* IFNAME */
		      nla_total_size(0) +		/* EVENT nest */
		      nla_total_size_64bit(sizeof(u64)) +	/* TIMESTAMP */
		      5 * nla_total_size(sizeof(u32)) + /* IFINDEX CAN_ID RULE */
							/* SUPPRESSED GENERATION */
		      7 * nla_total_size(sizeof(u8)) +	/* DIR ACTION REASON KIND */
							/* XL_SDT XL_FLAGS TYPE */
		      nla_total_size(sizeof(u16)) +	/* LEN */
		      2 * nla_total_size(sizeof(u32)) +	/* XL_AF PERIOD */
		      nla_total_size_64bit(sizeof(u64)) +	/* INTERVAL */
		      2 * nla_total_size(0) +		/* FD WOULD_DROP */
		      2 * nla_total_size(sizeof(u32)) +	/* PID UID */
		      nla_total_size_64bit(sizeof(u64)) +	/* CGROUP */
		      nla_total_size(TASK_COMM_LEN) +	/* COMM */
		      nla_total_size(CANFW_STATE_NAME_LEN + 1) +	/* STATE_TO */
		      nla_total_size(sizeof(u32)) +	/* STATE_SEQ */
		      nla_total_size(sizeof(u32)) +	/* RULE_HANDLE */
		      nla_total_size(CANFW_COMMENT_LEN + 1);	/* COMMENT */

	if (canfw_event_has_data(f, v))
		size += nla_total_size(f->len);
	return size;
}

/* The rule's handle and comment, for the people reading its events. */
static int canfw_event_put_rule(struct sk_buff *msg,
				const struct canfw_table *t, u32 rule)
{
	const struct canfw_rule_spec *s = &t->specs[rule];

	if (s->handle && nla_put_u32(msg, CANFW_EV_A_RULE_HANDLE, s->handle))
		return -EMSGSIZE;
	if (s->comment && nla_put_string(msg, CANFW_EV_A_COMMENT, s->comment))
		return -EMSGSIZE;
	return 0;
}

static int canfw_event_fill(struct sk_buff *msg, struct net_device *dev,
			    struct canfw_iface *iface, int dir,
			    const struct sk_buff *skb,
			    const struct canfw_frame *f,
			    const struct canfw_verdict *v, u32 suppressed,
			    s64 state)
{
	const struct canfw_states *s = iface->states;
	bool xl = v->kind == CANFW_KIND_XL;
	struct nlattr *ev, *data;
	void *hdr;
	u32 af;
	u8 sdt;

	hdr = genlmsg_put(msg, 0, 0, &canfw_genl_family, 0, CANFW_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(msg, CANFW_A_IFNAME, dev->name))
		goto cancel;
	ev = nla_nest_start(msg, CANFW_A_EVENT);
	if (!ev)
		goto cancel;
	if (nla_put_u64_64bit(msg, CANFW_EV_A_TIMESTAMP, ktime_get_real_ns(),
			      CANFW_EV_A_PAD) ||
	    nla_put_u32(msg, CANFW_EV_A_IFINDEX, dev->ifindex) ||
	    nla_put_u8(msg, CANFW_EV_A_DIR, dir) ||
	    nla_put_u32(msg, CANFW_EV_A_CAN_ID, f->can_id) ||
	    (v->kind == CANFW_KIND_FD && nla_put_flag(msg, CANFW_EV_A_FD)) ||
	    nla_put_u8(msg, CANFW_EV_A_KIND, v->kind) ||
	    nla_put_u16(msg, CANFW_EV_A_LEN, f->len) ||
	    nla_put_u8(msg, CANFW_EV_A_ACTION, v->action) ||
	    nla_put_u8(msg, CANFW_EV_A_REASON, v->reason) ||
	    (v->would_drop && nla_put_flag(msg, CANFW_EV_A_WOULD_DROP)) ||
	    nla_put_u32(msg, CANFW_EV_A_SUPPRESSED, suppressed) ||
	    nla_put_u32(msg, CANFW_EV_A_GENERATION, iface->generation) ||
	    nla_put_u8(msg, CANFW_EV_A_TYPE, CANFW_EVENT_TYPE_FRAME))
		goto cancel;
	if (v->rule != CANFW_NO_RULE &&
	    (nla_put_u32(msg, CANFW_EV_A_RULE, v->rule) ||
	     canfw_event_put_rule(msg, iface->dir[dir], v->rule)))
		goto cancel;
	if (v->reason == CANFW_REASON_EARLY &&
	    (nla_put_u64_64bit(msg, CANFW_EV_A_INTERVAL, v->interval,
			       CANFW_EV_A_PAD) ||
	     nla_put_u32(msg, CANFW_EV_A_PERIOD,
			 iface->dir[dir]->specs[v->rule].period_us)))
		goto cancel;
	if (xl && (skb_copy_bits(skb, CANFW_XL_SDT_OFF, &sdt, sizeof(sdt)) ||
		   skb_copy_bits(skb, CANFW_XL_AF_OFF, &af, sizeof(af)) ||
		   nla_put_u8(msg, CANFW_EV_A_XL_SDT, sdt) ||
		   nla_put_u8(msg, CANFW_EV_A_XL_FLAGS, f->flags) ||
		   nla_put_u32(msg, CANFW_EV_A_XL_AF, af)))
		goto cancel;
	if (canfw_sender_put(msg, skb, dev_net(dev)))
		goto cancel;
	/* With states, the one the frame was judged in. */
	if (s->n &&
	    (nla_put_string(msg, CANFW_EV_A_STATE_TO,
			    s->def[canfw_state_index(state)].name) ||
	     nla_put_u32(msg, CANFW_EV_A_STATE_SEQ, canfw_state_seq(state))))
		goto cancel;
	if (canfw_event_has_data(f, v)) {
		data = nla_reserve(msg, CANFW_EV_A_DATA, f->len);
		if (!data ||
		    skb_copy_bits(skb, xl ? CANFW_XL_DATA_OFF :
				  offsetof(struct canfd_frame, data),
				  nla_data(data), f->len))
			goto cancel;
	}
	nla_nest_end(msg, ev);
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

/* Multicast an event, or free it if filling it failed (@err). */
void canfw_event_send(struct net *net, struct sk_buff *msg, int err)
{
	if (err) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&canfw_genl_family, net, msg, 0, 0,
				GFP_ATOMIC);
}

/* Re-armed with the rate of the entry that now governs the device. */
bool canfw_event_take(struct canfw_event_limit *el,
		      const struct canfw_iface *iface)
{
	if (unlikely(READ_ONCE(el->generation) != iface->generation)) {
		canfw_bucket_reset(&el->bucket, iface->event_rate,
				   iface->event_burst);
		WRITE_ONCE(el->generation, iface->generation);
	}
	return canfw_bucket_take(&el->bucket, ktime_get_mono_fast_ns());
}

void canfw_event(struct canfw_dev *cd, struct canfw_iface *iface, int dir,
		 const struct sk_buff *skb, const struct canfw_frame *f,
		 const struct canfw_verdict *v, s64 state)
{
	struct canfw_event_limit *el = &cd->events[dir];
	struct net *net = dev_net(cd->dev);
	struct sk_buff *msg;
	u32 suppressed;

	if (!genl_has_listeners(&canfw_genl_family, net, 0))
		return;
	if (!canfw_event_take(el, iface))
		goto suppressed;
	msg = genlmsg_new(canfw_event_size(f, v), GFP_ATOMIC);
	if (!msg)
		goto suppressed;
	suppressed = atomic_xchg(&el->suppressed_since, 0);
	canfw_event_send(net, msg,
			 canfw_event_fill(msg, cd->dev, iface, dir, skb, f, v,
					  suppressed, state));
	return;
suppressed:
	atomic64_inc(&iface->events_suppressed);
	atomic_inc(&el->suppressed_since);
}

/*
 * A timed rule's frames gone missing or back: from the scan (about an
 * entry, perhaps a glob: ifindex 0) or from the frame that recovers them
 * (about its device). rule is CANFW_NO_RULE for a summary of suppressed
 * missing events.
 */
static int canfw_timing_fill(struct sk_buff *msg, const char *ifname,
			     int ifindex, const struct canfw_iface *iface,
			     int dir, u8 type, u32 rule, u32 can_id,
			     u64 interval, u32 suppressed)
{
	const struct canfw_table *t = iface->dir[dir];
	struct nlattr *ev;
	void *hdr;

	hdr = genlmsg_put(msg, 0, 0, &canfw_genl_family, 0, CANFW_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(msg, CANFW_A_IFNAME, ifname))
		goto cancel;
	ev = nla_nest_start(msg, CANFW_A_EVENT);
	if (!ev)
		goto cancel;
	if (nla_put_u64_64bit(msg, CANFW_EV_A_TIMESTAMP, ktime_get_real_ns(),
			      CANFW_EV_A_PAD) ||
	    (ifindex && nla_put_u32(msg, CANFW_EV_A_IFINDEX, ifindex)) ||
	    nla_put_u8(msg, CANFW_EV_A_DIR, dir) ||
	    nla_put_u8(msg, CANFW_EV_A_TYPE, type) ||
	    nla_put_u32(msg, CANFW_EV_A_SUPPRESSED, suppressed) ||
	    nla_put_u32(msg, CANFW_EV_A_GENERATION, iface->generation))
		goto cancel;
	if (rule != CANFW_NO_RULE) {
		const struct canfw_rule_spec *r = &t->specs[rule];
		u32 id = can_id;

		/*
		 * A per-id rule names the ID; others their (lowest) ID, as a
		 * frame's can_id would show it.
		 */
		if (id == CANFW_NO_ID) {
			id = r->id_lo;
			if (r->space == CANFW_SPACE_EFF)
				id |= CAN_EFF_FLAG;
		}
		if (nla_put_u32(msg, CANFW_EV_A_RULE, rule) ||
		    nla_put_u32(msg, CANFW_EV_A_CAN_ID, id) ||
		    nla_put_u64_64bit(msg, CANFW_EV_A_INTERVAL, interval,
				      CANFW_EV_A_PAD) ||
		    (r->period_us &&
		     nla_put_u32(msg, CANFW_EV_A_PERIOD, r->period_us)) ||
		    nla_put_u32(msg, CANFW_EV_A_TIMEOUT, r->timeout_us) ||
		    canfw_event_put_rule(msg, t, rule))
			goto cancel;
	}
	nla_nest_end(msg, ev);
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

void canfw_timing_event(struct net *net, const char *ifname, int ifindex,
			const struct canfw_iface *iface, int dir, u8 type,
			u32 rule, u32 can_id, u64 interval, u32 suppressed)
{
	size_t size = nla_total_size(IFNAMSIZ) + nla_total_size(0) +
		      3 * nla_total_size_64bit(sizeof(u64)) +
		      8 * nla_total_size(sizeof(u32)) +
		      2 * nla_total_size(sizeof(u8)) +
		      nla_total_size(CANFW_COMMENT_LEN + 1);	/* COMMENT */
	struct sk_buff *msg;

	if (!genl_has_listeners(&canfw_genl_family, net, 0))
		return;
	msg = genlmsg_new(size, GFP_ATOMIC);
	if (!msg)
		return;
	canfw_event_send(net, msg,
			 canfw_timing_fill(msg, ifname, ifindex, iface, dir,
					   type, rule, can_id, interval,
					   suppressed));
}

/* A recovered rule, from the frame path: limited like the frame events. */
void canfw_recovered_event(struct canfw_dev *cd, struct canfw_iface *iface,
			   int dir, const struct canfw_frame *f,
			   const struct canfw_verdict *v)
{
	struct canfw_event_limit *el = &cd->events[dir];
	struct net *net = dev_net(cd->dev);

	if (!genl_has_listeners(&canfw_genl_family, net, 0))
		return;
	if (!canfw_event_take(el, iface)) {
		atomic64_inc(&iface->events_suppressed);
		atomic_inc(&el->suppressed_since);
		return;
	}
	canfw_timing_event(net, cd->dev->name, cd->dev->ifindex, iface, dir,
			   CANFW_EVENT_TYPE_RECOVERED, v->rule,
			   iface->dir[dir]->specs[v->rule].per_id ?
			   f->can_id & (CAN_EFF_FLAG | CAN_EFF_MASK) :
			   CANFW_NO_ID, v->interval,
			   atomic_xchg(&el->suppressed_since, 0));
}
