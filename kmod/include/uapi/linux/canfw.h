/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/canfw.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_CANFW_H
#define _UAPI_LINUX_CANFW_H

#define CANFW_FAMILY_NAME	"canfw"
#define CANFW_FAMILY_VERSION	6

#define CANFW_MAX_RULES			65536
#define CANFW_MAX_IFACES		1024
#define CANFW_ID_PARTS_MAX		31
#define CANFW_COMMENT_LEN		127
#define CANFW_MAX_LEN			2048
#define CANFW_RATE_MAX			1000000
#define CANFW_EVENT_RATE_DEFAULT	100
#define CANFW_EVENT_BURST_DEFAULT	20
#define CANFW_PERIOD_MIN		100
#define CANFW_TIMEOUT_MIN		1000
#define CANFW_TIME_MAX			600000000
#define CANFW_PER_ID_MAX		4096
#define CANFW_DATA_MATCH_MAX		4
#define CANFW_DATA_MATCH_LEN		4
#define CANFW_DATA_SPAN			64
#define CANFW_UDS_LEN			32
#define CANFW_CGROUP_LEVEL_MAX		16
#define CANFW_STATES_MAX		32
#define CANFW_STATE_NAME_LEN		15
#define CANFW_TRIGGER_COUNT_MAX		1024
#define CANFW_SELECTORS_MAX		8
#define CANFW_MCGRP_EVENTS		"events"

enum canfw_dir {
	CANFW_DIR_RX,
	CANFW_DIR_TX,
};

enum canfw_action {
	CANFW_ACTION_ACCEPT,
	CANFW_ACTION_DROP,
};

enum canfw_mode {
	CANFW_MODE_ENFORCE,
	CANFW_MODE_MONITOR,
};

/**
 * enum canfw_id_match - What a rule's ID part matches; an exact ID is a range
 *   with equal ends.
 */
enum canfw_id_match {
	CANFW_ID_MATCH_ANY,
	CANFW_ID_MATCH_RANGE,
	CANFW_ID_MATCH_MASK,
};

/**
 * enum canfw_reason - Why a frame got its verdict.
 * @CANFW_REASON_RULE: A rule's action.
 * @CANFW_REASON_DEFAULT: No rule matched.
 * @CANFW_REASON_RATE: An accept rule's rate limit was exceeded.
 * @CANFW_REASON_MALFORMED: Not a valid CAN, CAN FD or CAN XL frame.
 * @CANFW_REASON_EARLY: A timed rule's frame came more than its jitter before
 *   it was due.
 */
enum canfw_reason {
	CANFW_REASON_RULE,
	CANFW_REASON_DEFAULT,
	CANFW_REASON_RATE,
	CANFW_REASON_MALFORMED,
	CANFW_REASON_EARLY,
};

/**
 * enum canfw_event_type - What an event reports.
 * @CANFW_EVENT_TYPE_FRAME: A judged frame (a logged rule, a default drop, an
 *   early frame).
 * @CANFW_EVENT_TYPE_MISSING: A timed rule's frames stopped for longer than its
 *   timeout.
 * @CANFW_EVENT_TYPE_RECOVERED: A frame of a rule reported missing arrived.
 * @CANFW_EVENT_TYPE_STATE: The namespace's state changed.
 */
enum canfw_event_type {
	CANFW_EVENT_TYPE_FRAME,
	CANFW_EVENT_TYPE_MISSING,
	CANFW_EVENT_TYPE_RECOVERED,
	CANFW_EVENT_TYPE_STATE,
};

/**
 * enum canfw_trigger_event - What a trigger counts.
 * @CANFW_TRIGGER_EVENT_DROPS: Frames dropped (or that monitor mode would
 *   drop): by the rule, or for a direction's trigger by any rule, default or
 *   check.
 * @CANFW_TRIGGER_EVENT_RATE_LIMITED: Frames over the rule's (or any rule's)
 *   rate limit.
 * @CANFW_TRIGGER_EVENT_EARLY: Early frames of the timed rule (or of any).
 * @CANFW_TRIGGER_EVENT_MISSING: Times the timed rule's frames (or any's) went
 *   missing.
 */
enum canfw_trigger_event {
	CANFW_TRIGGER_EVENT_DROPS,
	CANFW_TRIGGER_EVENT_RATE_LIMITED,
	CANFW_TRIGGER_EVENT_EARLY,
	CANFW_TRIGGER_EVENT_MISSING,
};

/**
 * enum canfw_state_cause - What changed the state.
 * @CANFW_STATE_CAUSE_COMMAND: state-set.
 * @CANFW_STATE_CAUSE_SELECTOR: A selector frame.
 * @CANFW_STATE_CAUSE_TRIGGER: A trigger's count was reached.
 */
enum canfw_state_cause {
	CANFW_STATE_CAUSE_COMMAND,
	CANFW_STATE_CAUSE_SELECTOR,
	CANFW_STATE_CAUSE_TRIGGER,
};

/**
 * enum canfw_state_flags
 * @CANFW_STATE_FLAGS_STICKY: Only state-set leaves this state, not selectors
 *   or triggers.
 */
enum canfw_state_flags {
	CANFW_STATE_FLAGS_STICKY = 1,
};

/**
 * enum canfw_space - ID spaces; 11-bit standard and 29-bit extended IDs never
 *   overlap.
 */
enum canfw_space {
	CANFW_SPACE_SFF = 1,
	CANFW_SPACE_EFF = 2,
};

/**
 * enum canfw_kind - Frame kinds; a rule matches the kinds in its mask, none
 *   meaning every kind but err.
 * @CANFW_KIND_DATA: Classical CAN data frame.
 * @CANFW_KIND_RTR: Classical CAN remote frame.
 * @CANFW_KIND_FD: CAN FD frame.
 * @CANFW_KIND_ERR: Error frame (rx only); never matches ID rules.
 * @CANFW_KIND_XL: CAN XL frame; its priority is the ID.
 */
enum canfw_kind {
	CANFW_KIND_DATA = 1,
	CANFW_KIND_RTR = 2,
	CANFW_KIND_FD = 4,
	CANFW_KIND_ERR = 8,
	CANFW_KIND_XL = 16,
};

/**
 * enum canfw_rule_flags
 * @CANFW_RULE_FLAGS_LOG: Decisions by this rule raise events.
 * @CANFW_RULE_FLAGS_EARLY_LOG: Early frames are accepted and reported instead
 *   of dropped.
 */
enum canfw_rule_flags {
	CANFW_RULE_FLAGS_LOG = 1,
	CANFW_RULE_FLAGS_EARLY_LOG = 2,
};

/**
 * enum canfw_isotp_frame - ISO 15765-2 frame types, by the protocol control
 *   information in the first payload byte (normal addressing), in classical
 *   data and CAN FD frames. Announced lengths are not checked against the
 *   frame: a frame is read for the service any receiver could act on.
 * @CANFW_ISOTP_FRAME_SF: Single frame, classical or with the CAN FD escape
 *   length.
 * @CANFW_ISOTP_FRAME_FF: First frame of a multi-frame message, 12- or 32-bit
 *   length.
 * @CANFW_ISOTP_FRAME_CF: Consecutive frame.
 * @CANFW_ISOTP_FRAME_FC: Flow control frame.
 */
enum canfw_isotp_frame {
	CANFW_ISOTP_FRAME_SF = 1,
	CANFW_ISOTP_FRAME_FF = 2,
	CANFW_ISOTP_FRAME_CF = 4,
	CANFW_ISOTP_FRAME_FC = 8,
};

enum canfw_attr {
	CANFW_A_UNSPEC,
	CANFW_A_PAD,
	CANFW_A_GENERATION,
	CANFW_A_IFACE,
	CANFW_A_MAX_RULES,
	CANFW_A_MAX_IFACES,
	CANFW_A_VERSION,
	CANFW_A_IFNAME,
	CANFW_A_EVENT,
	CANFW_A_FAIL_CLOSED,
	CANFW_A_UNMATCHED_DROPPED,
	CANFW_A_MAX_POLICY_BYTES,
	CANFW_A_STATE,
	CANFW_A_STATE_NAME,
	CANFW_A_STATE_SEQ,

	__CANFW_A_MAX,
	CANFW_A_MAX = (__CANFW_A_MAX - 1)
};

enum canfw_iface_attr {
	CANFW_IFACE_A_UNSPEC,
	CANFW_IFACE_A_PAD,
	CANFW_IFACE_A_NAME,
	CANFW_IFACE_A_MODE,
	CANFW_IFACE_A_RX,
	CANFW_IFACE_A_TX,
	CANFW_IFACE_A_EVENT_RATE,
	CANFW_IFACE_A_EVENT_BURST,
	CANFW_IFACE_A_EVENTS_SUPPRESSED,
	CANFW_IFACE_A_BOUND,
	CANFW_IFACE_A_COMMENT,

	__CANFW_IFACE_A_MAX,
	CANFW_IFACE_A_MAX = (__CANFW_IFACE_A_MAX - 1)
};

enum canfw_dir_attr {
	CANFW_DIR_A_UNSPEC,
	CANFW_DIR_A_DEFAULT,
	CANFW_DIR_A_ERR_DEFAULT,
	CANFW_DIR_A_LOG_DEFAULT,
	CANFW_DIR_A_RULE_START,
	CANFW_DIR_A_NRULES,
	CANFW_DIR_A_RULE,
	CANFW_DIR_A_COUNTERS,
	CANFW_DIR_A_STATE_DEFAULT,
	CANFW_DIR_A_STATE_DEFAULT_IN,
	CANFW_DIR_A_TRIGGER,
	CANFW_DIR_A_SELECTOR,

	__CANFW_DIR_A_MAX,
	CANFW_DIR_A_MAX = (__CANFW_DIR_A_MAX - 1)
};

enum canfw_rule_attr {
	CANFW_RULE_A_UNSPEC,
	CANFW_RULE_A_ACTION,
	CANFW_RULE_A_ID_MATCH,
	CANFW_RULE_A_ID_SPACE,
	CANFW_RULE_A_ID_LO,
	CANFW_RULE_A_ID_HI,
	CANFW_RULE_A_KINDS,
	CANFW_RULE_A_LEN_LO,
	CANFW_RULE_A_LEN_HI,
	CANFW_RULE_A_RATE,
	CANFW_RULE_A_BURST,
	CANFW_RULE_A_FLAGS,
	CANFW_RULE_A_PERIOD,
	CANFW_RULE_A_JITTER,
	CANFW_RULE_A_TIMEOUT,
	CANFW_RULE_A_PER_ID,
	CANFW_RULE_A_INDEX,
	CANFW_RULE_A_COUNTERS,
	CANFW_RULE_A_DATA,
	CANFW_RULE_A_ISOTP,
	CANFW_RULE_A_UDS,
	CANFW_RULE_A_PAD,
	CANFW_RULE_A_UID_LO,
	CANFW_RULE_A_UID_HI,
	CANFW_RULE_A_GID_LO,
	CANFW_RULE_A_GID_HI,
	CANFW_RULE_A_CGROUP_ID,
	CANFW_RULE_A_CGROUP_LEVEL,
	CANFW_RULE_A_NO_SOCKET,
	CANFW_RULE_A_IN,
	CANFW_RULE_A_TRIGGER,
	CANFW_RULE_A_ID_PART,
	CANFW_RULE_A_HANDLE,
	CANFW_RULE_A_COMMENT,

	__CANFW_RULE_A_MAX,
	CANFW_RULE_A_MAX = (__CANFW_RULE_A_MAX - 1)
};

enum canfw_id_part_attr {
	CANFW_ID_PART_A_UNSPEC,
	CANFW_ID_PART_A_MATCH,
	CANFW_ID_PART_A_SPACE,
	CANFW_ID_PART_A_LO,
	CANFW_ID_PART_A_HI,

	__CANFW_ID_PART_A_MAX,
	CANFW_ID_PART_A_MAX = (__CANFW_ID_PART_A_MAX - 1)
};

enum canfw_state_attr {
	CANFW_STATE_A_UNSPEC,
	CANFW_STATE_A_NAME,
	CANFW_STATE_A_FLAGS,

	__CANFW_STATE_A_MAX,
	CANFW_STATE_A_MAX = (__CANFW_STATE_A_MAX - 1)
};

enum canfw_trigger_attr {
	CANFW_TRIGGER_A_UNSPEC,
	CANFW_TRIGGER_A_EVENT,
	CANFW_TRIGGER_A_COUNT,
	CANFW_TRIGGER_A_WINDOW,
	CANFW_TRIGGER_A_STATE,
	CANFW_TRIGGER_A_FIRED,
	CANFW_TRIGGER_A_PAD,

	__CANFW_TRIGGER_A_MAX,
	CANFW_TRIGGER_A_MAX = (__CANFW_TRIGGER_A_MAX - 1)
};

enum canfw_selector_attr {
	CANFW_SELECTOR_A_UNSPEC,
	CANFW_SELECTOR_A_CAN_ID,
	CANFW_SELECTOR_A_DATA,
	CANFW_SELECTOR_A_STATE,
	CANFW_SELECTOR_A_ELSE_STATE,
	CANFW_SELECTOR_A_PERIOD,
	CANFW_SELECTOR_A_JITTER,
	CANFW_SELECTOR_A_FRAMES,
	CANFW_SELECTOR_A_IGNORED,
	CANFW_SELECTOR_A_PAD,

	__CANFW_SELECTOR_A_MAX,
	CANFW_SELECTOR_A_MAX = (__CANFW_SELECTOR_A_MAX - 1)
};

enum canfw_data_attr {
	CANFW_DATA_A_UNSPEC,
	CANFW_DATA_A_OFFSET,
	CANFW_DATA_A_LEN,
	CANFW_DATA_A_VALUE,
	CANFW_DATA_A_MASK,

	__CANFW_DATA_A_MAX,
	CANFW_DATA_A_MAX = (__CANFW_DATA_A_MAX - 1)
};

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
	CANFW_CTR_A_EARLY,
	CANFW_CTR_A_MISSING,
	CANFW_CTR_A_RECOVERED,
	CANFW_CTR_A_PER_ID_FULL,

	__CANFW_CTR_A_MAX,
	CANFW_CTR_A_MAX = (__CANFW_CTR_A_MAX - 1)
};

enum canfw_event_attr {
	CANFW_EV_A_UNSPEC,
	CANFW_EV_A_PAD,
	CANFW_EV_A_TIMESTAMP,
	CANFW_EV_A_IFINDEX,
	CANFW_EV_A_DIR,
	CANFW_EV_A_CAN_ID,
	CANFW_EV_A_FD,
	CANFW_EV_A_LEN,
	CANFW_EV_A_DATA,
	CANFW_EV_A_RULE,
	CANFW_EV_A_ACTION,
	CANFW_EV_A_REASON,
	CANFW_EV_A_WOULD_DROP,
	CANFW_EV_A_SUPPRESSED,
	CANFW_EV_A_GENERATION,
	CANFW_EV_A_KIND,
	CANFW_EV_A_XL_SDT,
	CANFW_EV_A_XL_AF,
	CANFW_EV_A_XL_FLAGS,
	CANFW_EV_A_TYPE,
	CANFW_EV_A_INTERVAL,
	CANFW_EV_A_PERIOD,
	CANFW_EV_A_TIMEOUT,
	CANFW_EV_A_PID,
	CANFW_EV_A_COMM,
	CANFW_EV_A_UID,
	CANFW_EV_A_CGROUP,
	CANFW_EV_A_STATE_SEQ,
	CANFW_EV_A_STATE_FROM,
	CANFW_EV_A_STATE_TO,
	CANFW_EV_A_CAUSE,
	CANFW_EV_A_SELECTOR,
	CANFW_EV_A_RULE_HANDLE,
	CANFW_EV_A_COMMENT,

	__CANFW_EV_A_MAX,
	CANFW_EV_A_MAX = (__CANFW_EV_A_MAX - 1)
};

enum canfw_cmd {
	CANFW_CMD_UNSPEC,
	CANFW_CMD_GET_INFO,
	CANFW_CMD_LOAD,
	CANFW_CMD_GET_POLICY,
	CANFW_CMD_GET_COUNTERS,
	CANFW_CMD_RESET_COUNTERS,
	CANFW_CMD_FLUSH,
	CANFW_CMD_EVENT,
	CANFW_CMD_STATE_GET,
	CANFW_CMD_STATE_SET,
	CANFW_CMD_LOAD_BEGIN,
	CANFW_CMD_LOAD_COMMIT,
	CANFW_CMD_LOAD_ABORT,

	__CANFW_CMD_MAX,
	CANFW_CMD_MAX = (__CANFW_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_CANFW_H */
