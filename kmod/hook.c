// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: netfilter netdev ingress and egress hooks on every CAN
 * device (dev.c adds them), so canfw sits beside nftables and tc on the
 * same device. The hooks only extract the frame and apply the engine's
 * verdict.
 *
 * Ingress runs in __netif_receive_skb_core before any CAN protocol (raw,
 * bcm, isotp, j1939, can-gw) sees the frame, but after AF_PACKET taps and
 * tc ingress. Egress runs in __dev_queue_xmit before the driver; a drop
 * there makes dev_queue_xmit() return NET_XMIT_DROP, which CAN sockets
 * report to the sender as ENOBUFS.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/can.h>
#include <linux/can/skb.h>
#include <linux/netfilter_netdev.h>
#include <linux/timekeeping.h>
#include "canfw.h"
#include "netlink.h"
#include "compat.h"

/*
 * struct canxl_frame's header, spelled out: the offsets are uapi, and
 * kernels before 6.2 do not declare the struct.
 */
struct canfw_xl_hdr {
	u32 prio;
	u8 flags;
	u8 sdt;
	u16 len;
	u32 af;
};

/*
 * The frame's header, as far as the skb holds it; the engine classifies.
 * Of the payload, the bytes rules can match: CAN skbs are linear, so this
 * is a pointer into the skb, and a copy into @data only if one is not.
 */
static void canfw_frame_from_skb(const struct sk_buff *skb,
				 struct canfw_frame *f, u8 *data)
{
	u32 off, n;
	union {
		struct canfw_xl_hdr xl;
		struct canfd_frame cc;	/* only its header is read */
	} buf = {};
	const typeof(buf) *h;

	f->size = skb->len;
	switch (ntohs(skb->protocol)) {
	case ETH_P_CAN:
		f->proto = CANFW_PROTO_CAN;
		break;
	case ETH_P_CANFD:
		f->proto = CANFW_PROTO_CANFD;
		break;
	case ETH_P_CANXL:
		f->proto = CANFW_PROTO_CANXL;
		break;
	default:
		f->proto = CANFW_PROTO_OTHER;
		break;
	}
	h = skb_header_pointer(skb, 0, min_t(u32, skb->len,
					     sizeof(struct canfw_xl_hdr)), &buf);
	if (!h)
		h = &buf;
	if (f->proto == CANFW_PROTO_CANXL) {
		f->can_id = h->xl.prio;
		f->flags = h->xl.flags;
		f->len = h->xl.len;
	} else {
		f->can_id = h->cc.can_id;
		f->flags = h->cc.flags;
		f->len = h->cc.len;
	}
	off = f->proto == CANFW_PROTO_CANXL ? sizeof(struct canfw_xl_hdr) :
	      offsetof(struct canfd_frame, data);
	n = min_t(u32, f->len, CANFW_DATA_SPAN);
	f->data = NULL;
	if (n && skb->len >= off + n)
		f->data = skb_header_pointer(skb, off, n, data);
}

static unsigned int canfw_judge_skb(struct canfw_dev *cd, struct sk_buff *skb,
				    int dir)
{
	struct canfw_iface *iface;
	u8 data[CANFW_DATA_SPAN];
	struct canfw_sender snd;
	struct canfw_table *t;
	struct canfw_frame f;
	struct canfw_verdict v;
	unsigned int ret;
	s64 state;

	/*
	 * The hooks only promise rcu_read_lock(): AF_PACKET with
	 * PACKET_QDISC_BYPASS reaches egress from process context with bottom
	 * halves enabled. Per-CPU counters and the rate-limit and event locks
	 * are shared with softirq senders (BCM timers, can-gw, receive), so
	 * bottom halves stay off while a frame is judged; this nests for free
	 * where they are off already, and on PREEMPT_RT it also keeps the task
	 * on this CPU.
	 */
	local_bh_disable();
	iface = rcu_dereference(cd->iface);
	if (!iface) {
		ret = NF_ACCEPT;
		if (canfw_fail_closed) {
			this_cpu_inc(*cd->cn->unmatched_dropped);
			ret = NF_DROP;
		}
		goto out;
	}
	canfw_frame_from_skb(skb, &f, data);
	/* Read once: the frame is judged by this state whatever switches. */
	state = atomic64_read(&iface->states->cur);
	f.state = canfw_state_index(state);
	t = iface->dir[dir];
	if (unlikely(t->has_sender)) {
		canfw_sender_from_skb(skb, dev_net(cd->dev), t->sender_depth,
				      &snd);
		f.sender = &snd;
	}
	canfw_table_judge(t, &f, ktime_get_mono_fast_ns(), &v);
	if (unlikely(v.log))
		canfw_event(cd, iface, dir, skb, &f, &v, state);
	if (unlikely(v.to_state != CANFW_NO_STATE))
		canfw_state_apply(cd, iface, dir, &v);
	if (unlikely(v.timing == CANFW_TIMING_RECOVERED))
		canfw_recovered_event(cd, iface, dir, &f, &v);
	ret = v.action == CANFW_ACTION_DROP ? NF_DROP : NF_ACCEPT;
out:
	local_bh_enable();
	return ret;
}

/*
 * can-gw counts a frame's hops in csum_start (unused for CAN, whose skbs
 * are CHECKSUM_UNNECESSARY) and sends with can_send(). Frames from a bus
 * start at zero: drivers allocate fresh skbs and vxcan clears the count
 * for its peer. A nonzero count on receive is therefore the local echo of
 * a frame can-gw sent on this device.
 */
static bool canfw_from_gw(const struct sk_buff *skb)
{
	return skb->csum_start != 0;
}

static unsigned int canfw_ingress(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	/*
	 * Local echo of our own transmissions was judged as TX. Drivers echo
	 * with PACKET_LOOPBACK; can_send() echoes for devices without
	 * IFF_ECHO with the sending socket still attached, or for can-gw
	 * with its hop count. A frame from the bus has neither.
	 */
	if (skb->pkt_type == PACKET_LOOPBACK || skb->sk || canfw_from_gw(skb))
		return NF_ACCEPT;
	return canfw_judge_skb(priv, skb, CANFW_DIR_RX);
}

static unsigned int canfw_egress(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	return canfw_judge_skb(priv, skb, CANFW_DIR_TX);
}

/**
 * canfw_hooks_add() - hook a device's ingress and egress
 * @cd: the device, which becomes the hooks' priv
 *
 * Context: Process context, under RTNL.
 * Return: 0, or the error of registering the hooks (none is left).
 */
int canfw_hooks_add(struct canfw_dev *cd)
{
	int i;

	for (i = 0; i < CANFW_NDIRS; i++) {
		cd->ops[i].hook = i == CANFW_DIR_RX ? canfw_ingress :
						      canfw_egress;
		cd->ops[i].hooknum = i == CANFW_DIR_RX ? NF_NETDEV_INGRESS :
							 NF_NETDEV_EGRESS;
		cd->ops[i].pf = NFPROTO_NETDEV;
		cd->ops[i].dev = cd->dev;
		cd->ops[i].priv = cd;
		cd->ops[i].priority = 0;
	}
	return nf_register_net_hooks(dev_net(cd->dev), cd->ops, CANFW_NDIRS);
}

/* Context: Process context, under RTNL; hooks may run until a grace period. */
void canfw_hooks_del(struct canfw_dev *cd)
{
	nf_unregister_net_hooks(dev_net(cd->dev), cd->ops, CANFW_NDIRS);
}
