/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/canfw.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_CANFW_GEN_H
#define _LINUX_CANFW_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/canfw.h>

/* Common nested types */
extern const struct nla_policy canfw_ctr_nl_policy[CANFW_CTR_A_PER_ID_FULL + 1];
extern const struct nla_policy canfw_data_match_nl_policy[CANFW_DATA_A_MASK + 1];
extern const struct nla_policy canfw_dir_nl_policy[CANFW_DIR_A_SELECTOR + 1];
extern const struct nla_policy canfw_id_part_nl_policy[CANFW_ID_PART_A_HI + 1];
extern const struct nla_policy canfw_iface_nl_policy[CANFW_IFACE_A_COMMENT + 1];
extern const struct nla_policy canfw_rule_nl_policy[CANFW_RULE_A_COMMENT + 1];
extern const struct nla_policy canfw_selector_nl_policy[CANFW_SELECTOR_A_PAD + 1];
extern const struct nla_policy canfw_state_nl_policy[CANFW_STATE_A_FLAGS + 1];
extern const struct nla_policy canfw_trigger_nl_policy[CANFW_TRIGGER_A_PAD + 1];

/* Global operation policy for canfw */
extern const struct nla_policy canfw_nl_policy[CANFW_A_STATE_NAME + 1];

/* Ops table for canfw */
extern const struct genl_small_ops canfw_nl_ops[11];

int canfw_nl_get_info_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_load_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_get_policy_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int canfw_nl_get_counters_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int canfw_nl_reset_counters_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_flush_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_state_get_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_state_set_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_load_begin_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_load_commit_doit(struct sk_buff *skb, struct genl_info *info);
int canfw_nl_load_abort_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _LINUX_CANFW_GEN_H */
