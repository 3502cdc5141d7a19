// SPDX-License-Identifier: GPL-2.0
/*
 * The sender of an skb, for sender rules and events: the socket it
 * carries and, for events, the process that is sending it.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/sched/mm.h>
#include <net/sock.h>
#include "canfw.h"

/**
 * canfw_sender_from_skb() - what the table's sender rules compare
 * @skb: the frame
 * @net: the namespace whose user namespace maps uids and gids
 * @depth: cgroup levels to read
 * @snd: the result
 *
 * uid and gid are read as nftables' meta skuid and skgid read them: the
 * socket's owner, and its file's fsgid under the callback lock.
 *
 * Context: Bottom halves disabled (the hook), or any context events run in.
 */
void canfw_sender_from_skb(const struct sk_buff *skb, const struct net *net,
			   u8 depth, struct canfw_sender *snd)
{
	struct sock *sk = skb->sk;
#ifdef CONFIG_SOCK_CGROUP_DATA
	struct cgroup *cgrp;
	u8 l;
#endif

	snd->has_sk = sk && sk_fullsock(sk);
	snd->has_gid = 0;
	snd->depth = 0;
	if (!snd->has_sk)
		return;
	snd->uid = from_kuid_munged(net->user_ns, sk->sk_uid);
	read_lock_bh(&sk->sk_callback_lock);
	if (sk->sk_socket && sk->sk_socket->file) {
		snd->gid = from_kgid_munged(net->user_ns,
					    sk->sk_socket->file->f_cred->fsgid);
		snd->has_gid = 1;
	}
	read_unlock_bh(&sk->sk_callback_lock);
#ifdef CONFIG_SOCK_CGROUP_DATA
	/* Kernels without it refuse cgroup rules (netlink_load.c). */
	cgrp = sock_cgroup_ptr(&sk->sk_cgrp_data);
	for (l = 1; l <= depth && cgrp && l <= cgrp->level; l++)
		snd->cgroup[l] = cgroup_id(cgroup_ancestor(cgrp, l));
	snd->depth = l - 1;
#endif
}

/**
 * canfw_sender_put() - the sender's attributes in an event
 * @msg: the event
 * @skb: the frame
 * @net: its namespace
 *
 * The process is known only when it sends the frame itself: in task
 * context, and a user process (kernel threads and timers send for others).
 *
 * Return: 0, or -EMSGSIZE.
 */
int canfw_sender_put(struct sk_buff *msg, const struct sk_buff *skb,
		     const struct net *net)
{
	struct canfw_sender snd;

	canfw_sender_from_skb(skb, net, 0, &snd);
	if (!snd.has_sk)
		return 0;
	if (nla_put_u32(msg, CANFW_EV_A_UID, snd.uid))
		return -EMSGSIZE;
#ifdef CONFIG_SOCK_CGROUP_DATA
	if (nla_put_u64_64bit(msg, CANFW_EV_A_CGROUP,
			      cgroup_id(sock_cgroup_ptr(&skb->sk->sk_cgrp_data)),
			      CANFW_EV_A_PAD))
		return -EMSGSIZE;
#endif
	if (in_task() && current->mm &&
	    (nla_put_u32(msg, CANFW_EV_A_PID, task_tgid_nr(current)) ||
	     nla_put_string(msg, CANFW_EV_A_COMM, current->comm)))
		return -EMSGSIZE;
	return 0;
}
