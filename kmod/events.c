// SPDX-License-Identifier: GPL-2.0
/*
 * Security events on the "events" multicast group. Rate-limited per
 * interface entry so that a flood of logged frames costs a bounded amount
 * of work; what the limit swallowed is counted and reported with the next
 * event that gets through.
 */
#include <linux/can.h>
#include <linux/timekeeping.h>
#include "canfw.h"

static int canfw_event_fill(struct sk_buff *msg, struct net_device *dev,
			    struct canfw_iface *iface, int dir,
			    const struct sk_buff *skb,
			    const struct canfw_frame *f,
			    const struct canfw_verdict *v, u32 suppressed)
{
	u8 data[CANFD_MAX_DLEN];
	struct nlattr *ev;
	void *hdr;

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
	    (f->fd && nla_put_flag(msg, CANFW_EV_A_FD)) ||
	    nla_put_u8(msg, CANFW_EV_A_LEN, f->len) ||
	    nla_put_u8(msg, CANFW_EV_A_ACTION, v->action) ||
	    nla_put_u8(msg, CANFW_EV_A_REASON, v->reason) ||
	    (v->would_drop && nla_put_flag(msg, CANFW_EV_A_WOULD_DROP)) ||
	    nla_put_u32(msg, CANFW_EV_A_SUPPRESSED, suppressed) ||
	    nla_put_u32(msg, CANFW_EV_A_GENERATION, iface->generation))
		goto cancel;
	if (v->rule != CANFW_NO_RULE &&
	    nla_put_u32(msg, CANFW_EV_A_RULE, v->rule))
		goto cancel;
	if (!(f->can_id & CAN_RTR_FLAG) && f->len &&
	    !skb_copy_bits(skb, offsetof(struct canfd_frame, data), data,
			   f->len) &&
	    nla_put(msg, CANFW_EV_A_DATA, f->len, data))
		goto cancel;
	nla_nest_end(msg, ev);
	genlmsg_end(msg, hdr);
	return 0;
cancel:
	genlmsg_cancel(msg, hdr);
	return -EMSGSIZE;
}

void canfw_event(struct net_device *dev, struct canfw_iface *iface, int dir,
		 const struct sk_buff *skb, const struct canfw_frame *f,
		 const struct canfw_verdict *v)
{
	struct net *net = dev_net(dev);
	struct sk_buff *msg;
	u32 suppressed;

	if (!genl_has_listeners(&canfw_genl_family, net, 0))
		return;
	if (!canfw_bucket_take(&iface->event_bucket,
			       ktime_get_mono_fast_ns())) {
		atomic64_inc(&iface->events_suppressed);
		atomic_inc(&iface->suppressed_since);
		return;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg) {
		atomic64_inc(&iface->events_suppressed);
		atomic_inc(&iface->suppressed_since);
		return;
	}
	suppressed = atomic_xchg(&iface->suppressed_since, 0);
	if (canfw_event_fill(msg, dev, iface, dir, skb, f, v, suppressed)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&canfw_genl_family, net, msg, 0, 0,
				GFP_ATOMIC);
}
