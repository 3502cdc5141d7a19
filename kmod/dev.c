// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of hooked CAN devices: every CAN device gets its hooks as
 * it registers and is bound to the entry of the current policy that
 * names it; renames rebind, unregistering unhooks.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include "canfw.h"

/**
 * canfw_dev_bind() - point a device at its entry in the current policy
 * @cn: the device's namespace
 * @cd: the device
 *
 * Context: Process context, with cn->lock held.
 */
void canfw_dev_bind(struct canfw_net *cn, struct canfw_dev *cd)
{
	struct canfw_policy *p;

	p = rcu_dereference_protected(cn->policy, lockdep_is_held(&cn->lock));
	rcu_assign_pointer(cd->iface,
			   p ? canfw_policy_match(p, cd->dev->name) : NULL);
	cd->bound_gen = cn->generation;
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
	struct canfw_net *cn = canfw_pernet(dev_net(dev));
	struct canfw_dev *cd;
	int i, err;

	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return -ENOMEM;
	cd->dev = dev;
	cd->cn = cn;
	for (i = 0; i < CANFW_NDIRS; i++)
		canfw_bucket_init(&cd->events[i].bucket, CANFW_EVENT_RATE,
				  CANFW_EVENT_BURST);
	/*
	 * Bound and listed under the lock that publishing takes, so that no
	 * generation is freed while this device could still point into it.
	 */
	mutex_lock(&cn->lock);
	canfw_dev_bind(cn, cd);
	err = canfw_hooks_add(cd);
	if (!err)
		list_add_tail_rcu(&cd->list, &cn->devs);
	mutex_unlock(&cn->lock);
	if (err) {
		/*
		 * The ingress hook may have been live, and running on cd,
		 * before registering egress failed and took it down again.
		 */
		kfree_rcu(cd, rcu);
	}
	return err;
}

static void canfw_dev_del(struct canfw_net *cn, struct canfw_dev *cd)
{
	mutex_lock(&cn->lock);
	/* Counters dumps walk the list under RCU. */
	list_del_rcu(&cd->list);
	canfw_hooks_del(cd);
	mutex_unlock(&cn->lock);
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
		mutex_lock(&cn->lock);
		cd = canfw_dev_find(cn, dev);
		mutex_unlock(&cn->lock);
		if (cd)
			break;
		NL_SET_ERR_MSG(netdev_notifier_info_to_extack(ptr),
			       "canfw could not hook this CAN device");
		return notifier_from_errno(-ENOLINK);
	case NETDEV_UNREGISTER:
		/* Only this notifier adds and removes devices, under RTNL. */
		cd = canfw_dev_find(cn, dev);
		if (cd)
			canfw_dev_del(cn, cd);
		break;
	case NETDEV_CHANGENAME:
		mutex_lock(&cn->lock);
		cd = canfw_dev_find(cn, dev);
		if (cd)
			canfw_dev_bind(cn, cd);
		mutex_unlock(&cn->lock);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block canfw_netdev_nb = {
	.notifier_call = canfw_netdev_event,
};

/* Registering replays NETDEV_REGISTER for devices that already exist. */
int canfw_devs_init(void)
{
	return register_netdevice_notifier(&canfw_netdev_nb);
}

/* Unregistering replays NETDEV_UNREGISTER: every hook goes. */
void canfw_devs_exit(void)
{
	unregister_netdevice_notifier(&canfw_netdev_nb);
}
