// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/canfw.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/canfw.h>

/* Integer value ranges */
static const struct netlink_range_validation canfw_iface_a_event_rate_range = {
	.min	= 1ULL,
	.max	= CANFW_RATE_MAX,
};

static const struct netlink_range_validation canfw_iface_a_event_burst_range = {
	.min	= 1ULL,
	.max	= CANFW_RATE_MAX,
};

static const struct netlink_range_validation canfw_rule_a_rate_range = {
	.min	= 1ULL,
	.max	= CANFW_RATE_MAX,
};

static const struct netlink_range_validation canfw_rule_a_burst_range = {
	.min	= 1ULL,
	.max	= CANFW_RATE_MAX,
};

static const struct netlink_range_validation canfw_rule_a_period_range = {
	.min	= CANFW_PERIOD_MIN,
	.max	= CANFW_TIME_MAX,
};

static const struct netlink_range_validation canfw_rule_a_jitter_range = {
	.max	= CANFW_TIME_MAX,
};

static const struct netlink_range_validation canfw_rule_a_timeout_range = {
	.min	= CANFW_TIMEOUT_MIN,
	.max	= CANFW_TIME_MAX,
};

static const struct netlink_range_validation canfw_trigger_a_window_range = {
	.min	= 1ULL,
	.max	= CANFW_TIME_MAX,
};

static const struct netlink_range_validation canfw_selector_a_period_range = {
	.min	= CANFW_PERIOD_MIN,
	.max	= CANFW_TIME_MAX,
};

static const struct netlink_range_validation canfw_selector_a_jitter_range = {
	.max	= CANFW_TIME_MAX,
};

/* Common nested types */
const struct nla_policy canfw_ctr_nl_policy[CANFW_CTR_A_PER_ID_FULL + 1] = {
	[CANFW_CTR_A_ACCEPTED] = { .type = NLA_U64, },
	[CANFW_CTR_A_DROPPED_RULE] = { .type = NLA_U64, },
	[CANFW_CTR_A_DROPPED_DEFAULT] = { .type = NLA_U64, },
	[CANFW_CTR_A_RATE_LIMITED] = { .type = NLA_U64, },
	[CANFW_CTR_A_WOULD_DROP] = { .type = NLA_U64, },
	[CANFW_CTR_A_FRAMES] = { .type = NLA_U64, },
	[CANFW_CTR_A_BYTES] = { .type = NLA_U64, },
	[CANFW_CTR_A_MALFORMED] = { .type = NLA_U64, },
	[CANFW_CTR_A_EARLY] = { .type = NLA_U64, },
	[CANFW_CTR_A_MISSING] = { .type = NLA_U64, },
	[CANFW_CTR_A_RECOVERED] = { .type = NLA_U64, },
	[CANFW_CTR_A_PER_ID_FULL] = { .type = NLA_U64, },
};

const struct nla_policy canfw_data_match_nl_policy[CANFW_DATA_A_MASK + 1] = {
	[CANFW_DATA_A_OFFSET] = NLA_POLICY_MAX(NLA_U8, 63),
	[CANFW_DATA_A_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, CANFW_DATA_MATCH_LEN),
	[CANFW_DATA_A_VALUE] = { .type = NLA_U32, },
	[CANFW_DATA_A_MASK] = { .type = NLA_U32, },
};

const struct nla_policy canfw_dir_nl_policy[CANFW_DIR_A_SELECTOR + 1] = {
	[CANFW_DIR_A_DEFAULT] = NLA_POLICY_MAX(NLA_U8, 1),
	[CANFW_DIR_A_ERR_DEFAULT] = NLA_POLICY_MAX(NLA_U8, 1),
	[CANFW_DIR_A_LOG_DEFAULT] = { .type = NLA_FLAG, },
	[CANFW_DIR_A_RULE_START] = { .type = NLA_U32, },
	[CANFW_DIR_A_NRULES] = { .type = NLA_U32, },
	[CANFW_DIR_A_RULE] = NLA_POLICY_NESTED(canfw_rule_nl_policy),
	[CANFW_DIR_A_COUNTERS] = NLA_POLICY_NESTED(canfw_ctr_nl_policy),
	[CANFW_DIR_A_STATE_DEFAULT] = NLA_POLICY_MAX(NLA_U8, 1),
	[CANFW_DIR_A_STATE_DEFAULT_IN] = { .type = NLA_U32, },
	[CANFW_DIR_A_TRIGGER] = NLA_POLICY_NESTED(canfw_trigger_nl_policy),
	[CANFW_DIR_A_SELECTOR] = NLA_POLICY_NESTED(canfw_selector_nl_policy),
};

const struct nla_policy canfw_id_part_nl_policy[CANFW_ID_PART_A_HI + 1] = {
	[CANFW_ID_PART_A_MATCH] = NLA_POLICY_MAX(NLA_U8, 2),
	[CANFW_ID_PART_A_SPACE] = NLA_POLICY_MASK(NLA_U8, 0x3),
	[CANFW_ID_PART_A_LO] = { .type = NLA_U32, },
	[CANFW_ID_PART_A_HI] = { .type = NLA_U32, },
};

const struct nla_policy canfw_iface_nl_policy[CANFW_IFACE_A_COMMENT + 1] = {
	[CANFW_IFACE_A_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[CANFW_IFACE_A_MODE] = NLA_POLICY_MAX(NLA_U8, 1),
	[CANFW_IFACE_A_RX] = NLA_POLICY_NESTED(canfw_dir_nl_policy),
	[CANFW_IFACE_A_TX] = NLA_POLICY_NESTED(canfw_dir_nl_policy),
	[CANFW_IFACE_A_EVENT_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_iface_a_event_rate_range),
	[CANFW_IFACE_A_EVENT_BURST] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_iface_a_event_burst_range),
	[CANFW_IFACE_A_EVENTS_SUPPRESSED] = { .type = NLA_U64, },
	[CANFW_IFACE_A_BOUND] = { .type = NLA_STRING, },
	[CANFW_IFACE_A_COMMENT] = { .type = NLA_NUL_STRING, .len = CANFW_COMMENT_LEN, },
};

const struct nla_policy canfw_rule_nl_policy[CANFW_RULE_A_COMMENT + 1] = {
	[CANFW_RULE_A_ACTION] = NLA_POLICY_MAX(NLA_U8, 1),
	[CANFW_RULE_A_ID_MATCH] = NLA_POLICY_MAX(NLA_U8, 2),
	[CANFW_RULE_A_ID_SPACE] = NLA_POLICY_MASK(NLA_U8, 0x3),
	[CANFW_RULE_A_ID_LO] = { .type = NLA_U32, },
	[CANFW_RULE_A_ID_HI] = { .type = NLA_U32, },
	[CANFW_RULE_A_KINDS] = NLA_POLICY_MASK(NLA_U8, 0x1f),
	[CANFW_RULE_A_LEN_LO] = NLA_POLICY_MAX(NLA_U16, CANFW_MAX_LEN),
	[CANFW_RULE_A_LEN_HI] = NLA_POLICY_MAX(NLA_U16, CANFW_MAX_LEN),
	[CANFW_RULE_A_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rule_a_rate_range),
	[CANFW_RULE_A_BURST] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rule_a_burst_range),
	[CANFW_RULE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x3),
	[CANFW_RULE_A_PERIOD] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rule_a_period_range),
	[CANFW_RULE_A_JITTER] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rule_a_jitter_range),
	[CANFW_RULE_A_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rule_a_timeout_range),
	[CANFW_RULE_A_PER_ID] = NLA_POLICY_RANGE(NLA_U16, 1, CANFW_PER_ID_MAX),
	[CANFW_RULE_A_INDEX] = { .type = NLA_U32, },
	[CANFW_RULE_A_COUNTERS] = NLA_POLICY_NESTED(canfw_ctr_nl_policy),
	[CANFW_RULE_A_DATA] = NLA_POLICY_NESTED(canfw_data_match_nl_policy),
	[CANFW_RULE_A_ISOTP] = NLA_POLICY_MASK(NLA_U8, 0xf),
	[CANFW_RULE_A_UDS] = NLA_POLICY_EXACT_LEN(CANFW_UDS_LEN),
	[CANFW_RULE_A_UID_LO] = { .type = NLA_U32, },
	[CANFW_RULE_A_UID_HI] = { .type = NLA_U32, },
	[CANFW_RULE_A_GID_LO] = { .type = NLA_U32, },
	[CANFW_RULE_A_GID_HI] = { .type = NLA_U32, },
	[CANFW_RULE_A_CGROUP_ID] = { .type = NLA_U64, },
	[CANFW_RULE_A_CGROUP_LEVEL] = NLA_POLICY_RANGE(NLA_U8, 1, CANFW_CGROUP_LEVEL_MAX),
	[CANFW_RULE_A_NO_SOCKET] = { .type = NLA_FLAG, },
	[CANFW_RULE_A_IN] = { .type = NLA_U32, },
	[CANFW_RULE_A_TRIGGER] = NLA_POLICY_NESTED(canfw_trigger_nl_policy),
	[CANFW_RULE_A_ID_PART] = NLA_POLICY_NESTED(canfw_id_part_nl_policy),
	[CANFW_RULE_A_HANDLE] = { .type = NLA_U32, },
	[CANFW_RULE_A_COMMENT] = { .type = NLA_NUL_STRING, .len = CANFW_COMMENT_LEN, },
};

const struct nla_policy canfw_selector_nl_policy[CANFW_SELECTOR_A_PAD + 1] = {
	[CANFW_SELECTOR_A_CAN_ID] = { .type = NLA_U32, },
	[CANFW_SELECTOR_A_DATA] = NLA_POLICY_NESTED(canfw_data_match_nl_policy),
	[CANFW_SELECTOR_A_STATE] = { .type = NLA_U8, },
	[CANFW_SELECTOR_A_ELSE_STATE] = { .type = NLA_U8, },
	[CANFW_SELECTOR_A_PERIOD] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_selector_a_period_range),
	[CANFW_SELECTOR_A_JITTER] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_selector_a_jitter_range),
	[CANFW_SELECTOR_A_FRAMES] = { .type = NLA_U64, },
	[CANFW_SELECTOR_A_IGNORED] = { .type = NLA_U64, },
};

const struct nla_policy canfw_state_nl_policy[CANFW_STATE_A_FLAGS + 1] = {
	[CANFW_STATE_A_NAME] = { .type = NLA_NUL_STRING, .len = CANFW_STATE_NAME_LEN, },
	[CANFW_STATE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x1),
};

const struct nla_policy canfw_trigger_nl_policy[CANFW_TRIGGER_A_PAD + 1] = {
	[CANFW_TRIGGER_A_EVENT] = NLA_POLICY_MAX(NLA_U8, 3),
	[CANFW_TRIGGER_A_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1, CANFW_TRIGGER_COUNT_MAX),
	[CANFW_TRIGGER_A_WINDOW] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_trigger_a_window_range),
	[CANFW_TRIGGER_A_STATE] = { .type = NLA_U8, },
	[CANFW_TRIGGER_A_FIRED] = { .type = NLA_U64, },
};

/* Global operation policy for canfw */
const struct nla_policy canfw_nl_policy[CANFW_A_STATE_NAME + 1] = {
	[CANFW_A_IFACE] = NLA_POLICY_NESTED(canfw_iface_nl_policy),
	[CANFW_A_STATE] = NLA_POLICY_NESTED(canfw_state_nl_policy),
	[CANFW_A_STATE_NAME] = { .type = NLA_NUL_STRING, .len = CANFW_STATE_NAME_LEN, },
};

/* Ops table for canfw */
const struct genl_small_ops canfw_nl_ops[11] = {
	{
		.cmd	= CANFW_CMD_GET_INFO,
		.doit	= canfw_nl_get_info_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_LOAD,
		.doit	= canfw_nl_load_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_GET_POLICY,
		.dumpit	= canfw_nl_get_policy_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_GET_COUNTERS,
		.dumpit	= canfw_nl_get_counters_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_RESET_COUNTERS,
		.doit	= canfw_nl_reset_counters_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_FLUSH,
		.doit	= canfw_nl_flush_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_STATE_GET,
		.doit	= canfw_nl_state_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_STATE_SET,
		.doit	= canfw_nl_state_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_LOAD_BEGIN,
		.doit	= canfw_nl_load_begin_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_LOAD_COMMIT,
		.doit	= canfw_nl_load_commit_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CANFW_CMD_LOAD_ABORT,
		.doit	= canfw_nl_load_abort_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};
