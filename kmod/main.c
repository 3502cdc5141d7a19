// SPDX-License-Identifier: GPL-2.0
/*
 * canfw: a CAN firewall in the SocketCAN data path.
 *
 * Every CAN device gets netfilter ingress and egress hooks (hook.c); each
 * network namespace holds its own policy (policy.c), loaded and read over
 * the "canfw" generic netlink family (netlink*.c). The policy engine
 * (table.c, judge.c, idtrie.c, ratelimit.c, timing.c) is self-contained
 * so that the same source also builds into userspace tests and tools.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "canfw.h"
#include "netlink.h"

unsigned int canfw_net_id __read_mostly;
/* Frees old generations after a grace period, in process context. */
struct workqueue_struct *canfw_wq;

/*
 * Read-only once loaded: a bus that is unprotected for a moment is what
 * fail-closed exists to prevent, so it is chosen before any device is
 * hooked (modprobe canfw fail_closed=1, or modprobe.d).
 */
bool canfw_fail_closed __read_mostly;
module_param_named(fail_closed, canfw_fail_closed, bool, 0444);
MODULE_PARM_DESC(fail_closed,
		 "Drop every frame on CAN interfaces that no policy entry names (default: pass them)");

static int __net_init canfw_net_init(struct net *net)
{
	struct canfw_net *cn = canfw_pernet(net);

	mutex_init(&cn->lock);
	mutex_init(&cn->publish_lock);
	INIT_LIST_HEAD(&cn->devs);
	INIT_LIST_HEAD(&cn->txns);
	canfw_scan_init(cn, net);
	cn->unmatched_dropped = alloc_percpu(u64);
	return cn->unmatched_dropped ? 0 : -ENOMEM;
}

/* Devices are gone by now; frames still in flight may read the policy. */
static void __net_exit canfw_net_exit_batch(struct list_head *net_list)
{
	struct net *net;

	list_for_each_entry(net, net_list, exit_list)
		canfw_scan_stop(canfw_pernet(net));
	synchronize_rcu();
	list_for_each_entry(net, net_list, exit_list) {
		struct canfw_net *cn = canfw_pernet(net);

		canfw_policy_free(rcu_dereference_protected(cn->policy, true));
		RCU_INIT_POINTER(cn->policy, NULL);
		canfw_txns_free(cn);
		free_percpu(cn->unmatched_dropped);
	}
}

static struct pernet_operations canfw_net_ops = {
	.init = canfw_net_init,
	.exit_batch = canfw_net_exit_batch,
	.id = &canfw_net_id,
	.size = sizeof(struct canfw_net),
};

static int __init canfw_init(void)
{
	int err;

	canfw_wq = alloc_workqueue("canfw", 0, 0);
	if (!canfw_wq)
		return -ENOMEM;
	err = register_pernet_subsys(&canfw_net_ops);
	if (err)
		goto err_pernet;
	err = canfw_devs_init();
	if (err)
		goto err_devs;
	err = canfw_netlink_init();
	if (err)
		goto err_netlink;
	pr_info("canfw %s loaded\n", CANFW_VERSION);
	return 0;

err_netlink:
	canfw_devs_exit();
err_devs:
	unregister_pernet_subsys(&canfw_net_ops);
err_pernet:
	destroy_workqueue(canfw_wq);
	return err;
}

/* Hooks first: a frame judged meanwhile may still send an event. */
static void __exit canfw_exit(void)
{
	canfw_devs_exit();
	canfw_netlink_exit();
	unregister_pernet_subsys(&canfw_net_ops);
	/*
	 * Wait for the kfree_rcu() of hooked-device state and for the grace
	 * periods of old generations, whose freeing then runs on canfw_wq.
	 */
	rcu_barrier();
	destroy_workqueue(canfw_wq);
	pr_info("canfw unloaded\n");
}

module_init(canfw_init);
module_exit(canfw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("CAN firewall: per-interface CAN-ID rules and rate limits");
MODULE_VERSION(CANFW_VERSION);
MODULE_ALIAS_GENL_FAMILY(CANFW_FAMILY_NAME);
