// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: netfilter netdev ingress and egress hooks on every CAN
 * device, so canfw sits beside nftables and tc on the same device.
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
#include <linux/if_arp.h>
#include <linux/netfilter_netdev.h>
#include <linux/timekeeping.h>
#include "canfw.h"
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

/* The frame's header, as far as the skb holds it; the engine classifies. */
static void canfw_frame_from_skb(const struct sk_buff *skb,
				 struct canfw_frame *f)
{
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
}

static unsigned int canfw_judge_skb(struct canfw_dev *cd, struct sk_buff *skb,
				    int dir)
{
	struct canfw_iface *iface;
	struct canfw_frame f;
	struct canfw_verdict v;
	unsigned int ret;

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
	canfw_frame_from_skb(skb, &f);
	canfw_table_judge(iface->dir[dir], &f, ktime_get_mono_fast_ns(), &v);
	if (unlikely(v.log))
		canfw_event(cd, iface, dir, skb, &f, &v);
	ret = v.action == CANFW_DROP ? NF_DROP : NF_ACCEPT;
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

u64 canfw_unmatched_dropped(struct canfw_net *cn)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(*per_cpu_ptr(cn->unmatched_dropped, cpu));
	return sum;
}

/* Like the tables' counters: a frame counted meanwhile may be lost. */
void canfw_reset_unmatched_dropped(struct canfw_net *cn)
{
	int cpu;

	for_each_possible_cpu(cpu)
		WRITE_ONCE(*per_cpu_ptr(cn->unmatched_dropped, cpu), 0);
}

static struct canfw_dev *canfw_dev_find(struct canfw_net *cn,
					struct net_device *dev)
{
	struct canfw_dev *cd;

	list_for_each_entry(cd, &cn->devs, list)
		if (cd->dev == dev)
			return cd;
	return NULL;
}

static int canfw_dev_add(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct canfw_net *cn = canfw_pernet(net);
	struct canfw_dev *cd;
	int i, err;

	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return -ENOMEM;
	cd->dev = dev;
	cd->cn = cn;
	for (i = 0; i < CANFW_NDIRS; i++) {
		cd->ops[i].hook = i == CANFW_DIR_RX ? canfw_ingress :
						      canfw_egress;
		cd->ops[i].hooknum = i == CANFW_DIR_RX ? NF_NETDEV_INGRESS :
							 NF_NETDEV_EGRESS;
		cd->ops[i].pf = NFPROTO_NETDEV;
		cd->ops[i].dev = dev;
		cd->ops[i].priv = cd;
		cd->ops[i].priority = 0;
		canfw_bucket_init(&cd->events[i].bucket, CANFW_EVENT_RATE,
				  CANFW_EVENT_BURST);
	}
	canfw_dev_bind(cn, cd);
	err = nf_register_net_hooks(net, cd->ops, CANFW_NDIRS);
	if (err) {
		/*
		 * The ingress hook may have been live, and running on cd,
		 * before registering egress failed and took it down again.
		 */
		kfree_rcu(cd, rcu);
		return err;
	}
	list_add_rcu(&cd->list, &cn->devs);
	return 0;
}

static void canfw_dev_del(struct canfw_net *cn, struct canfw_dev *cd)
{
	nf_unregister_net_hooks(dev_net(cd->dev), cd->ops, CANFW_NDIRS);
	list_del_rcu(&cd->list);
	/* A hook may still be running with cd as priv. */
	kfree_rcu(cd, rcu);
}

static int canfw_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct canfw_net *cn;
	struct canfw_dev *cd;
	int err;

	if (dev->type != ARPHRD_CAN)
		return NOTIFY_DONE;
	cn = canfw_pernet(dev_net(dev));
	switch (event) {
	case NETDEV_REGISTER:
		/* An unhooked CAN device would be unprotected: refuse it. */
		err = canfw_dev_add(dev);
		if (err)
			pr_err("cannot hook %s: %d\n", dev->name, err);
		return notifier_from_errno(err);
	case NETDEV_PRE_UP:
		/*
		 * Moving a device to another namespace ignores a failed
		 * NETDEV_REGISTER and leaves it unhooked there; it stays down
		 * instead of passing frames unjudged.
		 */
		if (canfw_dev_find(cn, dev))
			break;
		NL_SET_ERR_MSG(netdev_notifier_info_to_extack(ptr),
			       "canfw could not hook this CAN device");
		return notifier_from_errno(-ENOLINK);
	case NETDEV_UNREGISTER:
		cd = canfw_dev_find(cn, dev);
		if (cd)
			canfw_dev_del(cn, cd);
		break;
	case NETDEV_CHANGENAME:
		cd = canfw_dev_find(cn, dev);
		if (cd)
			canfw_dev_bind(cn, cd);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block canfw_netdev_nb = {
	.notifier_call = canfw_netdev_event,
};

/* Registering replays NETDEV_REGISTER for devices that already exist. */
int canfw_hooks_init(void)
{
	return register_netdevice_notifier(&canfw_netdev_nb);
}

/* Unregistering replays NETDEV_UNREGISTER: every hook goes. */
void canfw_hooks_exit(void)
{
	unregister_netdevice_notifier(&canfw_netdev_nb);
}
