// SPDX-License-Identifier: GPL-2.0
/* Decoding CANFW_CMD_EVENT messages (events_print.c prints them). */
#include <stdio.h>
#include <string.h>
#include <linux/can.h>
#include <linux/genetlink.h>
#include "include/uapi/linux/canfw.h"
#include "nl_events.h"

/*
 * Attribute types are checked against what the uapi header documents;
 * unknown attributes are skipped so a newer module still works with us.
 */
static int parse_event_nest(const struct nlattr *nest, struct cfw_event *ev)
{
	const struct nlattr *a;
	bool have_id = false;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_EV_A_TIMESTAMP:
			if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
				return -1;
			ev->timestamp = mnl_attr_get_u64(a);
			break;
		case CANFW_EV_A_IFINDEX:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->ifindex = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_DIR:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->dir = mnl_attr_get_u8(a);
			ev->has_dir = true;
			break;
		case CANFW_EV_A_CAN_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->can_id = mnl_attr_get_u32(a);
			have_id = true;
			break;
		case CANFW_EV_A_FD:
			ev->fd = true;
			break;
		case CANFW_EV_A_LEN:
			if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
				return -1;
			ev->len = mnl_attr_get_u16(a);
			break;
		case CANFW_EV_A_KIND:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->kind = mnl_attr_get_u8(a);
			ev->has_kind = true;
			break;
		case CANFW_EV_A_XL_SDT:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->xl_sdt = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_XL_FLAGS:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->xl_flags = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_XL_AF:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->xl_af = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_DATA: {
			uint16_t n = mnl_attr_get_payload_len(a);

			if (n > sizeof(ev->data))
				n = sizeof(ev->data);
			memcpy(ev->data, mnl_attr_get_payload(a), n);
			ev->data_len = n;
			break;
		}
		case CANFW_EV_A_RULE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->rule = mnl_attr_get_u32(a);
			ev->has_rule = true;
			break;
		case CANFW_EV_A_ACTION:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->action = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_REASON:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->reason = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_WOULD_DROP:
			ev->would_drop = true;
			break;
		case CANFW_EV_A_SUPPRESSED:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->suppressed = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_GENERATION:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->generation = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_TYPE:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->type = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_INTERVAL:
			if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
				return -1;
			ev->interval = mnl_attr_get_u64(a);
			break;
		case CANFW_EV_A_PERIOD:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->period_us = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_TIMEOUT:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->timeout_us = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_PID:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->pid = mnl_attr_get_u32(a);
			ev->has_pid = true;
			break;
		case CANFW_EV_A_RULE_HANDLE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->handle = mnl_attr_get_u32(a);
			break;
		case CANFW_EV_A_COMMENT:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
				return -1;
			snprintf(ev->comment, sizeof(ev->comment), "%s",
				 mnl_attr_get_str(a));
			break;
		case CANFW_EV_A_COMM:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
				return -1;
			snprintf(ev->comm, sizeof(ev->comm), "%s",
				 mnl_attr_get_str(a));
			break;
		case CANFW_EV_A_UID:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->uid = mnl_attr_get_u32(a);
			ev->has_uid = true;
			break;
		case CANFW_EV_A_CGROUP:
			if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
				return -1;
			ev->cgroup = mnl_attr_get_u64(a);
			ev->has_cgroup = true;
			break;
		case CANFW_EV_A_STATE_SEQ:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->state_seq = mnl_attr_get_u32(a);
			ev->has_state_seq = true;
			break;
		case CANFW_EV_A_STATE_FROM:
		case CANFW_EV_A_STATE_TO:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
				return -1;
			snprintf(mnl_attr_get_type(a) == CANFW_EV_A_STATE_FROM ?
				 ev->state_from : ev->state_to,
				 sizeof(ev->state_to), "%s", mnl_attr_get_str(a));
			break;
		case CANFW_EV_A_CAUSE:
			if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
				return -1;
			ev->cause = mnl_attr_get_u8(a);
			break;
		case CANFW_EV_A_SELECTOR:
			if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
				return -1;
			ev->selector = mnl_attr_get_u32(a);
			ev->has_selector = true;
			break;
		}
	}
	ev->has_id = have_id;
	/* Without the ID there is no frame to show. */
	return have_id || ev->type != CANFW_EVENT_TYPE_FRAME ? 0 : -1;
}

int cfw_event_parse(const struct nlmsghdr *nlh, struct cfw_event *ev)
{
	const struct genlmsghdr *g;
	const struct nlattr *a;
	bool have_ev = false;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*g))
		return -1;
	g = mnl_nlmsg_get_payload(nlh);
	if (g->cmd != CANFW_CMD_EVENT)
		return 0;
	memset(ev, 0, sizeof(*ev));
	mnl_attr_for_each(a, nlh, sizeof(*g)) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_A_IFNAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
				return -1;
			snprintf(ev->ifname, sizeof(ev->ifname), "%s",
				 mnl_attr_get_str(a));
			break;
		case CANFW_A_EVENT:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0 ||
			    parse_event_nest(a, ev))
				return -1;
			have_ev = true;
			break;
		}
	}
	return have_ev ? 1 : -1;
}
