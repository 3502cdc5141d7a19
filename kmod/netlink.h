/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "canfw" generic netlink family: every entry point. The ops table,
 * its handlers' prototypes and the attribute policies are generated from
 * docs/netlink/canfw.yaml into netlink-gen.[ch].
 */
#ifndef CANFW_NETLINK_H
#define CANFW_NETLINK_H

#include <net/genetlink.h>
#include "netlink-gen.h"

/* A policy being loaded, before it is compiled. */
struct canfw_load_dir {
	struct canfw_table_spec spec;	/* its rules are the array below */
	struct canfw_rule_spec *rules;
	struct canfw_selector_spec *sel;	/* CANFW_SELECTORS_MAX, or NULL */
	u32 cap;
	u32 announced;			/* nrules given, or CANFW_NO_RULE */
};

struct canfw_load_entry {
	char name[IFNAMSIZ];
	u8 mode;
	u32 event_rate;
	u32 event_burst;
	char comment[CANFW_COMMENT_LEN + 1];
	struct canfw_load_dir dir[CANFW_NDIRS];
};

struct canfw_load {
	u32 n;
	u32 cap;
	struct canfw_load_entry *e;
	size_t bytes;			/* staged, against the policy's limit */
	u32 nstates;
	struct canfw_state_def states[CANFW_STATES_MAX];
};

/* netlink.c */
int canfw_netlink_init(void);
void canfw_netlink_exit(void);
void canfw_txns_free(struct canfw_net *cn);

/* netlink_load.c */
int canfw_load_add(struct canfw_load *l, struct genl_info *info, bool txn);
int canfw_load_compile(struct canfw_load *l, struct canfw_policy **out,
		       struct netlink_ext_ack *extack);
void canfw_load_free(struct canfw_load *l);

int canfw_nl_parse_data(const struct nlattr *nla, int type,
			struct canfw_payload_spec *p,
			struct netlink_ext_ack *extack);

/* netlink_dump.c */
int canfw_nl_put_data(struct sk_buff *skb, int type,
		      const struct canfw_payload_spec *p);

/* netlink_state.c */
int canfw_nl_parse_state(const struct nlattr *nla, struct canfw_load *l,
			 struct netlink_ext_ack *extack);
int canfw_nl_parse_trigger(const struct nlattr *nla,
			   struct canfw_trigger_spec *ts,
			   struct netlink_ext_ack *extack);
int canfw_nl_parse_selector(const struct nlattr *nla,
			    struct canfw_selector_spec *ss,
			    struct netlink_ext_ack *extack);
int canfw_nl_put_trigger(struct sk_buff *skb, int type,
			 const struct canfw_trigger_spec *ts,
			 const struct canfw_trigger *tr);
int canfw_nl_put_dir_states(struct sk_buff *skb, const struct canfw_table *t,
			    bool counters);
int canfw_nl_put_states(struct sk_buff *skb, const struct canfw_states *s,
			bool all);

/* events.c */
void canfw_event(struct canfw_dev *cd, struct canfw_iface *iface, int dir,
		 const struct sk_buff *skb, const struct canfw_frame *f,
		 const struct canfw_verdict *v, s64 state);
void canfw_timing_event(struct net *net, const char *ifname, int ifindex,
			const struct canfw_iface *iface, int dir, u8 type,
			u32 rule, u32 can_id, u64 interval, u32 suppressed);
void canfw_recovered_event(struct canfw_dev *cd, struct canfw_iface *iface,
			   int dir, const struct canfw_frame *f,
			   const struct canfw_verdict *v);

#endif /* CANFW_NETLINK_H */
