/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CANFW_NETLINK_H
#define CANFW_NETLINK_H

#include <net/genetlink.h>

int canfw_nl_dump_policy(struct sk_buff *skb, struct netlink_callback *cb);
int canfw_nl_dump_counters(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* CANFW_NETLINK_H */
