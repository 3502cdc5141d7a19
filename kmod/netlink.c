// SPDX-License-Identifier: GPL-2.0
/*
 * The "canfw" generic netlink family. Its handlers run in parallel
 * (parallel_ops): each namespace's state has its own locks, so a load
 * compiling a large policy stalls neither genetlink nor RTNL.
 *
 * A load transaction belongs to the socket that began it and lives in its
 * namespace; closing the socket (NETLINK_URELEASE) discards it.
 */
#include <linux/netlink.h>
#include <net/sock.h>
#include "canfw.h"
#include "compat.h"
#include "netlink.h"

struct canfw_txn {
	struct list_head list;		/* canfw_net.txns, under its lock */
	u32 portid;
	struct canfw_load load;
};

int canfw_nl_get_info_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &canfw_genl_family, 0,
				CANFW_CMD_GET_INFO);
	if (!hdr ||
	    nla_put_u32(msg, CANFW_A_GENERATION, READ_ONCE(cn->generation)) ||
	    nla_put_u32(msg, CANFW_A_MAX_RULES, CANFW_MAX_RULES) ||
	    nla_put_u32(msg, CANFW_A_MAX_IFACES, CANFW_MAX_IFACES) ||
	    nla_put_string(msg, CANFW_A_VERSION, CANFW_VERSION) ||
	    nla_put_u8(msg, CANFW_A_FAIL_CLOSED, canfw_fail_closed) ||
	    nla_put_u64_64bit(msg, CANFW_A_UNMATCHED_DROPPED,
			      canfw_unmatched_dropped(cn), CANFW_A_PAD) ||
	    nla_put_u64_64bit(msg, CANFW_A_MAX_POLICY_BYTES,
			      CANFW_MAX_POLICY_BYTES, CANFW_A_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int canfw_nl_reply_gen(struct genl_info *info, u8 cmd, u32 gen)
{
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &canfw_genl_family, 0, cmd);
	if (!hdr || nla_put_u32(msg, CANFW_A_GENERATION, gen)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Compile outside every lock, then publish in one step. */
static int canfw_commit(struct genl_info *info, struct canfw_load *l, u8 cmd)
{
	struct canfw_policy *p;
	int err;

	err = canfw_load_compile(l, &p, info->extack);
	canfw_load_free(l);
	if (err)
		return err;
	return canfw_nl_reply_gen(info, cmd,
				  canfw_policy_publish(genl_info_net(info), p));
}

static struct canfw_txn *canfw_txn_find(struct canfw_net *cn, u32 portid)
{
	struct canfw_txn *t;

	list_for_each_entry(t, &cn->txns, list)
		if (t->portid == portid)
			return t;
	return NULL;
}

/* The caller's transaction, taken off the list while a message works on it. */
static struct canfw_txn *canfw_txn_take(struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_txn *t;

	mutex_lock(&cn->lock);
	t = canfw_txn_find(cn, info->snd_portid);
	if (t)
		list_del(&t->list);
	mutex_unlock(&cn->lock);
	return t;
}

static void canfw_txn_free(struct canfw_txn *t)
{
	canfw_load_free(&t->load);
	kfree(t);
}

int canfw_nl_load_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_load l = {};
	struct canfw_txn *t;
	int err;

	t = canfw_txn_take(info);
	if (!t) {
		err = canfw_load_add(&l, info, false);
		if (err) {
			canfw_load_free(&l);
			return err;
		}
		return canfw_commit(info, &l, CANFW_CMD_LOAD);
	}
	/* Any error ends the transaction: nothing it staged survives. */
	err = canfw_load_add(&t->load, info, true);
	if (err) {
		canfw_txn_free(t);
		return err;
	}
	mutex_lock(&cn->lock);
	list_add(&t->list, &cn->txns);
	mutex_unlock(&cn->lock);
	return canfw_nl_reply_gen(info, CANFW_CMD_LOAD, READ_ONCE(cn->generation));
}

int canfw_nl_load_begin_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_txn *t;
	int err = 0;

	t = kzalloc(sizeof(*t), CANFW_GFP);
	if (!t)
		return -ENOMEM;
	t->portid = info->snd_portid;
	mutex_lock(&cn->lock);
	if (canfw_txn_find(cn, t->portid)) {
		NL_SET_ERR_MSG(info->extack,
			       "this socket already has a load transaction");
		err = -EBUSY;
	} else {
		list_add(&t->list, &cn->txns);
	}
	mutex_unlock(&cn->lock);
	if (err)
		kfree(t);
	return err;
}

int canfw_nl_load_commit_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_txn *t = canfw_txn_take(info);
	int err;

	if (!t) {
		NL_SET_ERR_MSG(info->extack,
			       "no load transaction on this socket: begin one with load-begin");
		return -ENOENT;
	}
	err = canfw_commit(info, &t->load, CANFW_CMD_LOAD_COMMIT);
	kfree(t);
	return err;
}

int canfw_nl_load_abort_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_txn *t = canfw_txn_take(info);

	if (!t) {
		NL_SET_ERR_MSG(info->extack,
			       "no load transaction on this socket");
		return -ENOENT;
	}
	canfw_txn_free(t);
	return 0;
}

/* Every transaction of a namespace that goes away. */
void canfw_txns_free(struct canfw_net *cn)
{
	struct canfw_txn *t, *n;

	list_for_each_entry_safe(t, n, &cn->txns, list) {
		list_del(&t->list);
		canfw_txn_free(t);
	}
}

int canfw_nl_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	return canfw_nl_reply_gen(info, CANFW_CMD_FLUSH,
				  canfw_policy_publish(genl_info_net(info),
						       NULL));
}

int canfw_nl_reset_counters_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_policy *p;
	u32 i, gen;

	mutex_lock(&cn->lock);
	p = rcu_dereference_protected(cn->policy, lockdep_is_held(&cn->lock));
	gen = cn->generation;
	canfw_reset_unmatched_dropped(cn);
	for (i = 0; p && i < p->niface; i++) {
		canfw_table_reset_counters(p->iface[i].dir[CANFW_DIR_RX]);
		canfw_table_reset_counters(p->iface[i].dir[CANFW_DIR_TX]);
		atomic64_set(&p->iface[i].events_suppressed, 0);
	}
	mutex_unlock(&cn->lock);
	return canfw_nl_reply_gen(info, CANFW_CMD_RESET_COUNTERS, gen);
}

/* Kept by hand: the spec cannot say that joining needs CAP_NET_ADMIN. */
static const struct genl_multicast_group canfw_mcgrps[] = {
	{
		.name = CANFW_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family canfw_genl_family __ro_after_init = {
	.name = CANFW_FAMILY_NAME,
	.version = CANFW_FAMILY_VERSION,
	.maxattr = ARRAY_SIZE(canfw_nl_policy) - 1,
	.policy = canfw_nl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = canfw_nl_ops,
	.n_small_ops = ARRAY_SIZE(canfw_nl_ops),
	.mcgrps = canfw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(canfw_mcgrps),
};

/* A socket closed: its transactions go with it. */
static int canfw_netlink_notify(struct notifier_block *nb,
				unsigned long state, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct canfw_net *cn;
	struct canfw_txn *t;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	cn = canfw_pernet(n->net);
	mutex_lock(&cn->lock);
	t = canfw_txn_find(cn, n->portid);
	if (t)
		list_del(&t->list);
	mutex_unlock(&cn->lock);
	if (t)
		canfw_txn_free(t);
	return NOTIFY_DONE;
}

static struct notifier_block canfw_netlink_nb = {
	.notifier_call = canfw_netlink_notify,
};

int canfw_netlink_init(void)
{
	int err;

	err = netlink_register_notifier(&canfw_netlink_nb);
	if (err)
		return err;
	err = genl_register_family(&canfw_genl_family);
	if (err)
		netlink_unregister_notifier(&canfw_netlink_nb);
	return err;
}

void canfw_netlink_exit(void)
{
	genl_unregister_family(&canfw_genl_family);
	netlink_unregister_notifier(&canfw_netlink_nb);
}
