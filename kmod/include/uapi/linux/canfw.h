/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * canfw: CAN firewall, generic netlink interface.
 *
 * Family "canfw", version 2, multicast group "events". The same interface
 * is described in YAML in docs/netlink/canfw.yaml. The family is
 * netns-aware: every command acts on the caller's network namespace, and
 * every command requires CAP_NET_ADMIN in the user namespace that owns that
 * network namespace (which a process holding it in the initial user
 * namespace always has).
 *
 * A policy is a set of interface entries; each names an interface or a
 * glob ("vcan*", "can?") and carries a mode and, per direction, a default
 * action and an ordered rule list. Exact names take precedence over globs;
 * among globs the first loaded wins. Interfaces no entry names pass
 * untouched.
 *
 * CANFW_CMD_LOAD (do) replaces the namespace's whole policy at once. Its
 * top-level attributes are a sequence of interface entries, each followed
 * by its rules in order (a nest holds at most 64 KiB, a policy more):
 *
 *   CANFW_A_IFACE (nest: one interface entry)
 *     CANFW_IFACE_A_NAME          string, required: name or glob
 *     CANFW_IFACE_A_MODE          u8, enum canfw_mode (default enforce)
 *     CANFW_IFACE_A_EVENT_RATE    u32, events/s per device and direction
 *     CANFW_IFACE_A_EVENT_BURST   u32
 *     CANFW_IFACE_A_RX            nest, this direction's settings:
 *       CANFW_DIR_A_DEFAULT       u8, enum canfw_action (default accept)
 *       CANFW_DIR_A_ERR_DEFAULT   u8, for error frames (default accept)
 *       CANFW_DIR_A_LOG_DEFAULT   flag: default drops raise events
 *     CANFW_IFACE_A_TX            nest, as CANFW_IFACE_A_RX
 *   CANFW_A_RULE (nest, repeated: the preceding entry's rules, in order)
 *     CANFW_RULE_A_DIR            u8, enum canfw_dir, required
 *     CANFW_RULE_A_ACTION         u8, enum canfw_action, required
 *     CANFW_RULE_A_ID_MATCH       u8, enum canfw_id_match (default any)
 *     CANFW_RULE_A_ID_SPACE       u8, CANFW_SPACE_* (default both for any)
 *     CANFW_RULE_A_ID_LO          u32: range low end, or mask value
 *     CANFW_RULE_A_ID_HI          u32: range high end, or mask
 *     CANFW_RULE_A_KINDS          u8, CANFW_KIND_* (default: all but error)
 *     CANFW_RULE_A_LEN_LO         u16 (default 0)
 *     CANFW_RULE_A_LEN_HI         u16 (default 2048)
 *     CANFW_RULE_A_RATE           u32, frames/s, 1..1000000
 *     CANFW_RULE_A_BURST          u32, frames, 1..1000000 (default 1)
 *     CANFW_RULE_A_FLAGS          u32, CANFW_RULE_F_*
 *
 *   The reply carries CANFW_A_GENERATION, the new generation number. An
 *   invalid request changes nothing and carries an extack message naming
 *   the problem. A large policy needs a large socket send buffer
 *   (SO_SNDBUFFORCE): the policy is one message so that it is one step.
 *
 * CANFW_CMD_GET_POLICY (dump) returns the policy as loaded. Each message
 * holds CANFW_A_GENERATION and one CANFW_A_IFACE with the interface's
 * settings and, in one of its directions, a slice of the rules as
 * CANFW_A_RULE nests inside CANFW_DIR_A_RULES:
 * CANFW_DIR_A_RULE_START is the index of the first rule in the slice,
 * CANFW_DIR_A_NRULES the direction's total. A dump that races a load is
 * flagged NLM_F_DUMP_INTR: restart it.
 *
 * CANFW_CMD_GET_COUNTERS (dump) is sliced the same way; each direction
 * nest carries CANFW_DIR_A_COUNTERS and each rule CANFW_RULE_A_INDEX and
 * CANFW_RULE_A_COUNTERS. Interfaces currently bound to an entry are listed
 * in CANFW_IFACE_A_BOUND (nest of CANFW_A_IFNAME strings).
 *
 * CANFW_CMD_RESET_COUNTERS and CANFW_CMD_FLUSH (do) zero the counters and
 * remove the policy; CANFW_CMD_GET_INFO (do) returns CANFW_A_GENERATION,
 * CANFW_A_MAX_RULES, CANFW_A_MAX_IFACES, CANFW_A_VERSION,
 * CANFW_A_FAIL_CLOSED (1 when the module was loaded with fail_closed=1:
 * CAN interfaces that no entry names drop every frame, in both directions)
 * and CANFW_A_UNMATCHED_DROPPED (frames dropped that way in this namespace
 * since the last reset).
 *
 * CANFW_CMD_EVENT messages go to the "events" group: CANFW_A_IFNAME,
 * CANFW_A_EVENT (nest of CANFW_EV_A_*) for each frame decided by a rule
 * with CANFW_RULE_F_LOG, and for default drops where the direction has
 * CANFW_DIR_A_LOG_DEFAULT. Events are rate-limited per device and
 * direction; the number suppressed since the previous event rides in CANFW_EV_A_SUPPRESSED.
 *
 * Frames are classified as the CAN core validates them: by their protocol
 * (ETH_P_CAN, ETH_P_CANFD, ETH_P_CANXL) and their own length fields. A
 * frame that is none of the three is malformed: counted in
 * CANFW_CTR_A_MALFORMED and dropped (reason CANFW_R_MALFORMED), or only
 * counted as would-drop in monitor mode. On TX the error flag is ignored:
 * a controller puts the ID bits on the wire as a data or remote frame, so
 * that is how the frame is judged, and error-frame rules and
 * CANFW_DIR_A_ERR_DEFAULT apply to RX only. A CAN XL frame's priority is
 * matched as a standard ID by rules whose kinds include CANFW_KIND_XL.
 */
#ifndef _UAPI_LINUX_CANFW_H
#define _UAPI_LINUX_CANFW_H

#include <linux/types.h>

#define CANFW_GENL_NAME		"canfw"
#define CANFW_GENL_VERSION	2
#define CANFW_MCGRP_EVENTS	"events"

enum canfw_cmd {
	CANFW_CMD_UNSPEC,
	CANFW_CMD_GET_INFO,
	CANFW_CMD_LOAD,
	CANFW_CMD_GET_POLICY,
	CANFW_CMD_GET_COUNTERS,
	CANFW_CMD_RESET_COUNTERS,
	CANFW_CMD_FLUSH,
	CANFW_CMD_EVENT,
	__CANFW_CMD_MAX
};
#define CANFW_CMD_MAX (__CANFW_CMD_MAX - 1)

enum canfw_attr {
	CANFW_A_UNSPEC,
	CANFW_A_PAD,
	CANFW_A_GENERATION,	/* u32 */
	CANFW_A_IFACE,		/* nest: enum canfw_iface_attr */
	CANFW_A_RULE,		/* nest: enum canfw_rule_attr */
	CANFW_A_MAX_RULES,	/* u32 */
	CANFW_A_MAX_IFACES,	/* u32 */
	CANFW_A_VERSION,	/* string */
	CANFW_A_IFNAME,		/* string */
	CANFW_A_EVENT,		/* nest: enum canfw_event_attr */
	CANFW_A_FAIL_CLOSED,	/* u8, get-info */
	CANFW_A_UNMATCHED_DROPPED, /* u64, get-info */
	__CANFW_A_MAX
};
#define CANFW_A_MAX (__CANFW_A_MAX - 1)

enum canfw_iface_attr {
	CANFW_IFACE_A_UNSPEC,
	CANFW_IFACE_A_PAD,
	CANFW_IFACE_A_NAME,		/* string */
	CANFW_IFACE_A_MODE,		/* u8 */
	CANFW_IFACE_A_RX,		/* nest: enum canfw_dir_attr */
	CANFW_IFACE_A_TX,		/* nest: enum canfw_dir_attr */
	CANFW_IFACE_A_EVENT_RATE,	/* u32 */
	CANFW_IFACE_A_EVENT_BURST,	/* u32 */
	CANFW_IFACE_A_EVENTS_SUPPRESSED, /* u64, counters dump */
	CANFW_IFACE_A_BOUND,		/* nest of CANFW_A_IFNAME, counters dump */
	__CANFW_IFACE_A_MAX
};
#define CANFW_IFACE_A_MAX (__CANFW_IFACE_A_MAX - 1)

enum canfw_dir_attr {
	CANFW_DIR_A_UNSPEC,
	CANFW_DIR_A_PAD,
	CANFW_DIR_A_DEFAULT,		/* u8 */
	CANFW_DIR_A_ERR_DEFAULT,	/* u8 */
	CANFW_DIR_A_LOG_DEFAULT,	/* flag */
	CANFW_DIR_A_RULES,		/* nest of CANFW_A_RULE, dumps */
	CANFW_DIR_A_RULE_START,		/* u32, dumps */
	CANFW_DIR_A_NRULES,		/* u32, dumps */
	CANFW_DIR_A_COUNTERS,		/* nest: enum canfw_ctr_attr */
	__CANFW_DIR_A_MAX
};
#define CANFW_DIR_A_MAX (__CANFW_DIR_A_MAX - 1)

enum canfw_rule_attr {
	CANFW_RULE_A_UNSPEC,
	CANFW_RULE_A_PAD,
	CANFW_RULE_A_ACTION,	/* u8 */
	CANFW_RULE_A_ID_MATCH,	/* u8 */
	CANFW_RULE_A_ID_SPACE,	/* u8 */
	CANFW_RULE_A_ID_LO,	/* u32 */
	CANFW_RULE_A_ID_HI,	/* u32 */
	CANFW_RULE_A_KINDS,	/* u8 */
	CANFW_RULE_A_LEN_LO,	/* u16 */
	CANFW_RULE_A_LEN_HI,	/* u16 */
	CANFW_RULE_A_RATE,	/* u32 */
	CANFW_RULE_A_BURST,	/* u32 */
	CANFW_RULE_A_FLAGS,	/* u32 */
	CANFW_RULE_A_INDEX,	/* u32, counters dump */
	CANFW_RULE_A_COUNTERS,	/* nest: enum canfw_ctr_attr */
	CANFW_RULE_A_DIR,	/* u8, enum canfw_dir, in loads */
	__CANFW_RULE_A_MAX
};
#define CANFW_RULE_A_MAX (__CANFW_RULE_A_MAX - 1)

/* All u64. */
enum canfw_ctr_attr {
	CANFW_CTR_A_UNSPEC,
	CANFW_CTR_A_PAD,
	CANFW_CTR_A_ACCEPTED,
	CANFW_CTR_A_DROPPED_RULE,
	CANFW_CTR_A_DROPPED_DEFAULT,
	CANFW_CTR_A_RATE_LIMITED,
	CANFW_CTR_A_WOULD_DROP,
	CANFW_CTR_A_FRAMES,
	CANFW_CTR_A_BYTES,
	CANFW_CTR_A_MALFORMED,
	__CANFW_CTR_A_MAX
};
#define CANFW_CTR_A_MAX (__CANFW_CTR_A_MAX - 1)

enum canfw_event_attr {
	CANFW_EV_A_UNSPEC,
	CANFW_EV_A_PAD,
	CANFW_EV_A_TIMESTAMP,	/* u64, ns, CLOCK_REALTIME */
	CANFW_EV_A_IFINDEX,	/* u32 */
	CANFW_EV_A_DIR,		/* u8, enum canfw_dir */
	CANFW_EV_A_CAN_ID,	/* u32, with CAN_EFF/RTR/ERR flags */
	CANFW_EV_A_FD,		/* flag: CAN FD frame */
	CANFW_EV_A_LEN,		/* u16, payload bytes (CAN XL: up to 2048) */
	CANFW_EV_A_DATA,	/* binary payload */
	CANFW_EV_A_RULE,	/* u32 rule index; absent for defaults */
	CANFW_EV_A_ACTION,	/* u8, what happened to the frame */
	CANFW_EV_A_REASON,	/* u8, enum canfw_reason */
	CANFW_EV_A_WOULD_DROP,	/* flag: monitor mode let a drop through */
	CANFW_EV_A_SUPPRESSED,	/* u32, events dropped by the rate limit */
	CANFW_EV_A_GENERATION,	/* u32 */
	CANFW_EV_A_KIND,	/* u8, CANFW_KIND_* as judged; 0: malformed */
	CANFW_EV_A_XL_SDT,	/* u8, CAN XL service data unit type */
	CANFW_EV_A_XL_AF,	/* u32, CAN XL acceptance field */
	CANFW_EV_A_XL_FLAGS,	/* u8, CAN XL flags (CANXL_XLF, CANXL_SEC) */
	__CANFW_EV_A_MAX
};
#define CANFW_EV_A_MAX (__CANFW_EV_A_MAX - 1)

enum canfw_dir {
	CANFW_DIR_RX = 0,
	CANFW_DIR_TX = 1,
};

enum canfw_action {
	CANFW_ACCEPT = 0,
	CANFW_DROP = 1,
};

enum canfw_mode {
	CANFW_ENFORCE = 0,
	CANFW_MONITOR = 1,
};

/* What a rule's ID part matches. An exact ID is a range with lo == hi. */
enum canfw_id_match {
	CANFW_ID_ANY = 0,
	CANFW_ID_RANGE = 1,
	CANFW_ID_MASK = 2,
};

/* Why a frame got its verdict. */
enum canfw_reason {
	CANFW_R_RULE = 0,	/* a rule's action */
	CANFW_R_DEFAULT = 1,	/* no rule matched */
	CANFW_R_RATE = 2,	/* an accept rule's rate limit was exceeded */
	CANFW_R_MALFORMED = 3,	/* not a valid CAN, CAN FD or CAN XL frame */
};

/* ID spaces: 11-bit standard and 29-bit extended IDs never overlap. */
#define CANFW_SPACE_SFF		0x1
#define CANFW_SPACE_EFF		0x2
#define CANFW_SPACE_BOTH	(CANFW_SPACE_SFF | CANFW_SPACE_EFF)

/* Frame kinds; a rule matches the kinds in its mask. */
#define CANFW_KIND_DATA		0x1	/* classical CAN data frame */
#define CANFW_KIND_RTR		0x2	/* classical CAN remote frame */
#define CANFW_KIND_FD		0x4	/* CAN FD frame (FD has no remote frames) */
#define CANFW_KIND_ERR		0x8	/* error frame: never matches ID rules */
#define CANFW_KIND_XL		0x10	/* CAN XL frame: its priority is the ID */
#define CANFW_KIND_ALL_ID	(CANFW_KIND_DATA | CANFW_KIND_RTR | \
				 CANFW_KIND_FD | CANFW_KIND_XL)

#define CANFW_RULE_F_LOG	0x1	/* decisions by this rule raise events */

/* Events per second and burst, per device and direction, unless set. */
#define CANFW_EVENT_RATE_DEFAULT	100
#define CANFW_EVENT_BURST_DEFAULT	20

#endif /* _UAPI_LINUX_CANFW_H */
