/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who sent a frame: the owner and cgroup of the socket an skb carries on
 * TX (raw, BCM including its timers' frames, ISO-TP, J1939, AF_PACKET).
 * Frames from a bus and those can-gw forwards have no socket. The hook
 * reads the socket only for tables with sender rules, and only as deep
 * into the cgroup tree as their rules look; the engine compares.
 */
#ifndef CANFW_SENDER_H
#define CANFW_SENDER_H

#include "canfw_port.h"
#include "include/uapi/linux/canfw.h"

/* What a rule asks of the sender; all that are set must hold. */
#define CANFW_SENDER_UID	0x1
#define CANFW_SENDER_GID	0x2
#define CANFW_SENDER_CGROUP	0x4
#define CANFW_SENDER_NO_SOCKET	0x8

struct canfw_sender_spec {
	u8 match;		/* CANFW_SENDER_* */
	u8 cgroup_level;	/* CGROUP: 1 .. CANFW_CGROUP_LEVEL_MAX */
	u32 uid_lo;
	u32 uid_hi;
	u32 gid_lo;
	u32 gid_hi;
	u64 cgroup_id;
};

/* What the hook knows of a frame's socket. */
struct canfw_sender {
	u8 has_sk;
	u8 has_gid;		/* the socket still has a file */
	u8 depth;		/* cgroup[1..depth] are filled */
	u32 uid;
	u32 gid;
	u64 cgroup[CANFW_CGROUP_LEVEL_MAX + 1];	/* ancestor ids by level */
};

bool canfw_sender_match(const struct canfw_sender_spec *s,
			const struct canfw_sender *snd);
int canfw_sender_check(const struct canfw_sender_spec *s, const char **msg);

#endif /* CANFW_SENDER_H */
