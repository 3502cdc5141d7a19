/* SPDX-License-Identifier: GPL-2.0 */
/* canfw module internals shared by the hook, policy and netlink code. */
#ifndef CANFW_H
#define CANFW_H

#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/genetlink.h>
#include "engine.h"
#include "include/uapi/linux/canfw.h"

#define CANFW_VERSION		"0.2.0"
#define CANFW_MAX_IFACES	1024U
#define CANFW_NDIRS		2

/* Events per second and burst when a load does not say. */
#define CANFW_EVENT_RATE	CANFW_EVENT_RATE_DEFAULT
#define CANFW_EVENT_BURST	CANFW_EVENT_BURST_DEFAULT

/* One interface entry of a loaded policy. Immutable but for counters. */
struct canfw_iface {
	char name[IFNAMSIZ];
	bool glob;
	u8 mode;
	u32 generation;
	u32 event_rate;
	u32 event_burst;
	struct canfw_table *dir[CANFW_NDIRS];
	atomic64_t events_suppressed;
};

/* One generation of a namespace's policy: all interfaces, both directions. */
struct canfw_policy {
	u32 generation;
	u32 niface;
	struct canfw_iface *iface;
};

/*
 * The event rate limit of one device in one direction, so that a flood on
 * one bus cannot hide events about another. It follows the rate of the
 * entry that governs the device, re-armed when a new generation arrives.
 */
struct canfw_event_limit {
	struct canfw_bucket bucket;
	u32 generation;			/* of the entry it was armed for */
	atomic_t suppressed_since;	/* reported in the next event */
};

/* A hooked CAN device; priv of its netfilter hooks. */
struct canfw_dev {
	struct list_head list;	/* canfw_net.devs: RTNL writes, RCU reads */
	struct net_device *dev;
	struct canfw_net *cn;	/* outlives the device's hooks */
	struct canfw_iface __rcu *iface;	/* NULL: no entry names it */
	struct nf_hook_ops ops[CANFW_NDIRS];
	struct canfw_event_limit events[CANFW_NDIRS];
	struct rcu_head rcu;
};

struct canfw_net {
	struct canfw_policy __rcu *policy;	/* written under RTNL */
	u32 generation;
	struct list_head devs;
	/* Frames dropped on devices no entry names, with fail_closed set. */
	u64 __percpu *unmatched_dropped;
};

extern unsigned int canfw_net_id;
extern bool canfw_fail_closed;
extern struct genl_family canfw_genl_family;

static inline struct canfw_net *canfw_pernet(struct net *net)
{
	return net_generic(net, canfw_net_id);
}

/* policy.c */
void canfw_policy_free(struct canfw_policy *p);
struct canfw_iface *canfw_policy_match(struct canfw_policy *p,
				       const char *ifname);
struct canfw_policy *canfw_policy_publish(struct net *net,
					  struct canfw_policy *p, u32 *gen);
void canfw_dev_bind(struct canfw_net *cn, struct canfw_dev *cd);

/* hook.c */
u64 canfw_unmatched_dropped(struct canfw_net *cn);
void canfw_reset_unmatched_dropped(struct canfw_net *cn);
int canfw_hooks_init(void);
void canfw_hooks_exit(void);

/* netlink.c */
int canfw_netlink_init(void);
void canfw_netlink_exit(void);
int canfw_load_parse(struct genl_info *info, struct canfw_policy **out);

/* events.c */
void canfw_event(struct canfw_dev *cd, struct canfw_iface *iface, int dir,
		 const struct sk_buff *skb, const struct canfw_frame *f,
		 const struct canfw_verdict *v);

#endif /* CANFW_H */
