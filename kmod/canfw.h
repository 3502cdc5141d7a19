/* SPDX-License-Identifier: GPL-2.0 */
/* canfw module internals shared by the hook, policy and netlink code. */
#ifndef CANFW_H
#define CANFW_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/genetlink.h>
#include "engine.h"
#include "include/uapi/linux/canfw.h"

#define CANFW_VERSION		"0.3.0"
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
	struct canfw_states *states;	/* its policy's */
	u32 event_rate;
	u32 event_burst;
	char comment[CANFW_COMMENT_LEN + 1];	/* "": none */
	struct canfw_table *dir[CANFW_NDIRS];
	atomic64_t events_suppressed;
};

/*
 * One generation of a namespace's policy: all interfaces, both directions.
 * Exact names are found through a hash, globs in policy order, so binding
 * a device costs the same whatever the number of exact entries.
 */
struct canfw_policy {
	u32 generation;
	u32 niface;
	struct canfw_iface *iface;
	u32 hash_mask;		/* exact[] has hash_mask + 1 slots */
	u32 *exact;		/* entry index + 1, 0: empty slot */
	u32 nglob;
	u32 *globs;		/* entry indexes of globs, in order */
	size_t bytes;		/* of its tables, counters included */
	struct canfw_states states;	/* and the current one */
	struct rcu_work free_work;
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
	struct list_head list;	/* canfw_net.devs: lock writes, RCU reads */
	struct net_device *dev;
	struct canfw_net *cn;	/* outlives the device's hooks */
	struct canfw_iface __rcu *iface;	/* NULL: no entry names it */
	u32 bound_gen;		/* generation iface was chosen from */
	struct nf_hook_ops ops[CANFW_NDIRS];
	struct canfw_event_limit events[CANFW_NDIRS];
	struct rcu_head rcu;
};

/*
 * Per network namespace. lock guards the policy pointer, the generation,
 * the device list and the load transactions; it nests inside RTNL (the
 * device notifier). publish_lock makes one publish at a time, across the
 * rebinding of every device, which drops lock now and then.
 */
struct canfw_net {
	struct mutex lock;		/* see above */
	struct mutex publish_lock;	/* see above */
	struct canfw_policy __rcu *policy;
	u32 generation;
	struct list_head devs;
	struct list_head txns;
	/* Frames dropped on devices no entry names, with fail_closed set. */
	u64 __percpu *unmatched_dropped;
	struct delayed_work scan;	/* timeouts: see scan.c */
	u32 state_seq;			/* at the last publish, under lock */
	possible_net_t net;
};

extern unsigned int canfw_net_id;
extern bool canfw_fail_closed;
extern struct genl_family canfw_genl_family;
extern struct workqueue_struct *canfw_wq;

static inline struct canfw_net *canfw_pernet(struct net *net)
{
	return net_generic(net, canfw_net_id);
}

/* policy.c */
struct canfw_policy *canfw_policy_alloc(u32 niface);
int canfw_policy_index(struct canfw_policy *p);
void canfw_policy_free(struct canfw_policy *p);
void canfw_policy_free_rcu(struct canfw_policy *p);
struct canfw_iface *canfw_policy_match(const struct canfw_policy *p,
				       const char *ifname);
u32 canfw_policy_publish(struct net *net, struct canfw_policy *p);

/* dev.c */
void canfw_dev_bind(struct canfw_net *cn, struct canfw_dev *cd);
u64 canfw_unmatched_dropped(struct canfw_net *cn);
void canfw_reset_unmatched_dropped(struct canfw_net *cn);
int canfw_devs_init(void);
void canfw_devs_exit(void);

/* Who changed a namespace's state, for its event. */
struct canfw_state_change {
	const char *ifname;	/* NULL: a command */
	int ifindex;		/* 0: an entry's (the scan) */
	int dir;
	u8 cause;		/* enum canfw_state_cause */
	u32 index;		/* the trigger's rule or the selector */
	u32 generation;
	u32 suppressed;		/* events the device's limit dropped before */
};

/* states.c */
void canfw_state_event(struct net *net, const struct canfw_states *s,
		       s64 from, s64 to, const struct canfw_state_change *c);
void canfw_state_apply(struct canfw_dev *cd, struct canfw_iface *iface,
		       int dir, const struct canfw_verdict *v);
void canfw_state_missing(struct net *net, const struct canfw_iface *iface,
			 int dir, u32 rule);
void canfw_states_carry(struct canfw_net *cn, struct canfw_policy *old,
			struct canfw_policy *p);

/* events.c */
void canfw_event_send(struct net *net, struct sk_buff *msg, int err);
bool canfw_event_take(struct canfw_event_limit *el,
		      const struct canfw_iface *iface);

/* scan.c */
void canfw_scan_init(struct canfw_net *cn, struct net *net);
void canfw_scan_kick(struct canfw_net *cn);
void canfw_scan_stop(struct canfw_net *cn);

/* hook.c */
int canfw_hooks_add(struct canfw_dev *cd);
void canfw_hooks_del(struct canfw_dev *cd);

/* skb_sender.c */
void canfw_sender_from_skb(const struct sk_buff *skb, const struct net *net,
			   u8 depth, struct canfw_sender *snd);
int canfw_sender_put(struct sk_buff *msg, const struct sk_buff *skb,
		     const struct net *net);

#endif /* CANFW_H */
