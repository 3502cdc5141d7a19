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

static unsigned int canfw_judge_skb(struct canfw_dev *cd, struct sk_buff *skb,
				    int dir)
{
	struct canfw_iface *iface = rcu_dereference(cd->iface);
	struct canfw_frame f = {};
	struct canfw_verdict v;
	struct canfw_table *t;
	struct canfd_frame hdr;
	const struct canfd_frame *cf;

	if (!iface) {
		if (!canfw_fail_closed)
			return NF_ACCEPT;
		this_cpu_inc(*cd->cn->unmatched_dropped);
		return NF_DROP;
	}
	t = iface->dir[dir];
	/*
	 * The CAN core trusts the length to tell classical from FD frames;
	 * anything else (CAN XL, malformed) gets the table's default.
	 */
	if (skb->len == CANFD_MTU)
		f.fd = 1;
	else if (skb->len != CAN_MTU)
		return t->default_action == CANFW_DROP &&
		       t->mode == CANFW_ENFORCE ? NF_DROP : NF_ACCEPT;
	cf = skb_header_pointer(skb, 0, offsetof(struct canfd_frame, data),
				&hdr);
	if (!cf)
		return NF_DROP;
	f.can_id = cf->can_id;
	f.len = min_t(u8, cf->len, f.fd ? CANFD_MAX_DLEN : CAN_MAX_DLEN);

	canfw_table_judge(t, &f, ktime_get_mono_fast_ns(), &v);
	if (unlikely(v.log))
		canfw_event(cd->dev, iface, dir, skb, &f, &v);
	return v.action == CANFW_DROP ? NF_DROP : NF_ACCEPT;
}

static unsigned int canfw_ingress(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	/*
	 * Local echo of our own transmissions was judged as TX. Drivers echo
	 * with PACKET_LOOPBACK; can_send() echoes for devices without
	 * IFF_ECHO with the sending socket still attached. A frame from the
	 * bus has no socket.
	 */
	if (skb->pkt_type == PACKET_LOOPBACK || skb->sk)
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
	}
	canfw_dev_bind(cn, cd);
	err = nf_register_net_hooks(net, cd->ops, CANFW_NDIRS);
	if (err) {
		kfree(cd);
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
