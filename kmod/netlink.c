// SPDX-License-Identifier: GPL-2.0
/* The "canfw" generic netlink family: commands that change or read state. */
#include "canfw.h"
#include "netlink.h"

static int canfw_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &canfw_genl_family, 0,
				CANFW_CMD_GET_INFO);
	if (!hdr)
		goto nospace;
	if (nla_put_u32(msg, CANFW_A_GENERATION, READ_ONCE(cn->generation)) ||
	    nla_put_u32(msg, CANFW_A_MAX_RULES, CANFW_MAX_RULES) ||
	    nla_put_u32(msg, CANFW_A_MAX_IFACES, CANFW_MAX_IFACES) ||
	    nla_put_string(msg, CANFW_A_VERSION, CANFW_VERSION) ||
	    nla_put_u8(msg, CANFW_A_FAIL_CLOSED, canfw_fail_closed) ||
	    nla_put_u64_64bit(msg, CANFW_A_UNMATCHED_DROPPED,
			      canfw_unmatched_dropped(cn), CANFW_A_PAD))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
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

/* Publish p (NULL: flush); free the old policy once no frame can use it. */
static int canfw_nl_replace(struct genl_info *info, u8 cmd,
			    struct canfw_policy *p)
{
	struct canfw_policy *old;
	u32 gen;

	rtnl_lock();
	old = canfw_policy_publish(genl_info_net(info), p, &gen);
	rtnl_unlock();
	synchronize_rcu();
	canfw_policy_free(old);
	return canfw_nl_reply_gen(info, cmd, gen);
}

static int canfw_nl_load(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_policy *p;
	int err;

	/* Compile outside RTNL: a large policy takes a while. */
	err = canfw_load_parse(info, &p);
	if (err)
		return err;
	return canfw_nl_replace(info, CANFW_CMD_LOAD, p);
}

static int canfw_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	return canfw_nl_replace(info, CANFW_CMD_FLUSH, NULL);
}

static int canfw_nl_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct canfw_net *cn = canfw_pernet(genl_info_net(info));
	struct canfw_policy *p;
	u32 i, gen;

	rtnl_lock();
	p = rtnl_dereference(cn->policy);
	gen = cn->generation;
	canfw_reset_unmatched_dropped(cn);
	for (i = 0; p && i < p->niface; i++) {
		canfw_table_reset_counters(p->iface[i].dir[CANFW_DIR_RX]);
		canfw_table_reset_counters(p->iface[i].dir[CANFW_DIR_TX]);
		atomic64_set(&p->iface[i].events_suppressed, 0);
	}
	rtnl_unlock();
	return canfw_nl_reply_gen(info, CANFW_CMD_RESET_COUNTERS, gen);
}

/* Every command needs no attributes but LOAD, which parses its own. */
static const struct nla_policy canfw_none_policy[CANFW_A_MAX + 1] = {};

static const struct nla_policy canfw_load_policy[CANFW_A_MAX + 1] = {
	[CANFW_A_IFACE] = { .type = NLA_NESTED },
	[CANFW_A_RULE] = { .type = NLA_NESTED },
};

static const struct genl_ops canfw_ops[] = {
	{
		.cmd = CANFW_CMD_GET_INFO,
		.doit = canfw_nl_get_info,
		.policy = canfw_none_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CANFW_CMD_LOAD,
		.doit = canfw_nl_load,
		.policy = canfw_load_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CANFW_CMD_GET_POLICY,
		.dumpit = canfw_nl_dump_policy,
		.policy = canfw_none_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CANFW_CMD_GET_COUNTERS,
		.dumpit = canfw_nl_dump_counters,
		.policy = canfw_none_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CANFW_CMD_RESET_COUNTERS,
		.doit = canfw_nl_reset,
		.policy = canfw_none_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CANFW_CMD_FLUSH,
		.doit = canfw_nl_flush,
		.policy = canfw_none_policy,
		.maxattr = CANFW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group canfw_mcgrps[] = {
	{ .name = CANFW_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family canfw_genl_family __ro_after_init = {
	.name = CANFW_GENL_NAME,
	.version = CANFW_GENL_VERSION,
	.maxattr = CANFW_A_MAX,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = canfw_ops,
	.n_ops = ARRAY_SIZE(canfw_ops),
	.mcgrps = canfw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(canfw_mcgrps),
};

int canfw_netlink_init(void)
{
	return genl_register_family(&canfw_genl_family);
}

void canfw_netlink_exit(void)
{
	genl_unregister_family(&canfw_genl_family);
}
