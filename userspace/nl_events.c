// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding and printing CANFW_CMD_EVENT messages. The text form follows
 * candump's (the frame as `candump -L` writes it), so that people and
 * scripts used to can-utils read it at a glance; the verdict follows.
 */
#include <string.h>
#include <linux/can.h>
#include <linux/genetlink.h>
#include "include/uapi/linux/canfw.h"
#include "json.h"
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
		}
	}
	/* Without the ID there is no frame to show. */
	return have_id ? 0 : -1;
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

static const char *dir_name(uint8_t dir)
{
	return dir == CANFW_DIR_TX ? "tx" : "rx";
}

static const char *action_name(uint8_t action)
{
	return action == CANFW_ACTION_DROP ? "drop" : "accept";
}

static const char *reason_name(uint8_t reason)
{
	switch (reason) {
	case CANFW_REASON_RULE:
		return "rule";
	case CANFW_REASON_DEFAULT:
		return "default";
	case CANFW_REASON_RATE:
		return "rate";
	case CANFW_REASON_MALFORMED:
		return "malformed";
	}
	return "unknown";
}

static const char *kind_name(const struct cfw_event *ev)
{
	switch (ev->kind) {
	case CANFW_KIND_DATA:
		return "data";
	case CANFW_KIND_RTR:
		return "rtr";
	case CANFW_KIND_FD:
		return "fd";
	case CANFW_KIND_XL:
		return "xl";
	case CANFW_KIND_ERR:
		return "err";
	}
	return "malformed";
}

static void print_hex(FILE *f, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%02X", p[i]);
}

/*
 * The frame as candump -L writes it: error frames show their ID with
 * CAN_ERR_FLAG, as 8 digits; remote frames "R" and a nonzero DLC. The event
 * does not carry the FD flags (BRS, ESI), so FD frames always show the
 * flags nibble as 1 (BRS), the usual case and what `cansend ID##1...`
 * sends.
 */
static void print_frame(FILE *f, const struct cfw_event *ev)
{
	uint32_t id = ev->can_id;

	/* Neither can-utils nor the kernel can show it as a frame. */
	if (ev->has_kind && !ev->kind) {
		fputs("MALFORMED", f);
		return;
	}
	if (ev->kind == CANFW_KIND_XL) {
		fprintf(f, "%03X###%02X%02X%08X", id, ev->xl_flags,
			ev->xl_sdt, ev->xl_af);
		print_hex(f, ev->data, ev->data_len);
		return;
	}
	if (id & CAN_ERR_FLAG)
		fprintf(f, "%08X#", id & (CAN_ERR_MASK | CAN_ERR_FLAG));
	else if (id & CAN_EFF_FLAG)
		fprintf(f, "%08X#", id & CAN_EFF_MASK);
	else
		fprintf(f, "%03X#", id & CAN_SFF_MASK);
	if (ev->fd) {
		fputs("#1", f);
	} else if (id & CAN_RTR_FLAG) {
		fputc('R', f);
		if (ev->len && ev->len <= CAN_MAX_DLEN)
			fprintf(f, "%X", ev->len);
		return;
	}
	print_hex(f, ev->data, ev->data_len);
}

void cfw_event_print_text(FILE *f, const struct cfw_event *ev)
{
	fprintf(f, "(%llu.%06llu) %s %s ",
		(unsigned long long)(ev->timestamp / 1000000000ULL),
		(unsigned long long)(ev->timestamp % 1000000000ULL / 1000),
		ev->ifname, dir_name(ev->dir));
	print_frame(f, ev);
	fprintf(f, " %s", action_name(ev->action));
	/* "drop rule 3", "drop rate rule 1", "drop default" */
	if (ev->reason != CANFW_REASON_RULE)
		fprintf(f, " %s", reason_name(ev->reason));
	if (ev->has_rule)
		fprintf(f, " rule %u", ev->rule);
	if (ev->would_drop)
		fputs(" would-drop", f);
	if (ev->suppressed)
		fprintf(f, " (%u events suppressed)", ev->suppressed);
	fputc('\n', f);
}

/* Keys are stable: scripts index them. The ID carries no flag bits. */
void cfw_event_print_json(FILE *f, const struct cfw_event *ev)
{
	uint32_t id = ev->can_id;
	bool eff = id & CAN_EFF_FLAG, err = id & CAN_ERR_FLAG;

	fprintf(f, "{\"timestamp\": \"%llu.%06llu\", \"iface\": ",
		(unsigned long long)(ev->timestamp / 1000000000ULL),
		(unsigned long long)(ev->timestamp % 1000000000ULL / 1000));
	cfw_json_string(f, ev->ifname);
	fprintf(f, ", \"ifindex\": %u, \"dir\": \"%s\", ", ev->ifindex,
		dir_name(ev->dir));
	if (err)
		fprintf(f, "\"id\": \"0x%08X\"", id & CAN_ERR_MASK);
	else if (eff)
		fprintf(f, "\"id\": \"0x%08X\"", id & CAN_EFF_MASK);
	else
		fprintf(f, "\"id\": \"0x%03X\"", id & CAN_SFF_MASK);
	fprintf(f, ", \"kind\": \"%s\"", kind_name(ev));
	if (ev->kind == CANFW_KIND_XL)
		fprintf(f, ", \"sdt\": %u, \"af\": \"0x%08X\"", ev->xl_sdt,
			ev->xl_af);
	fprintf(f, ", \"eff\": %s, \"rtr\": %s, \"fd\": %s, \"err\": %s, \"len\": %u, \"data\": \"",
		eff ? "true" : "false",
		id & CAN_RTR_FLAG ? "true" : "false",
		ev->fd ? "true" : "false", err ? "true" : "false", ev->len);
	print_hex(f, ev->data, ev->data_len);
	fputs("\", \"rule\": ", f);
	if (ev->has_rule)
		fprintf(f, "%u", ev->rule);
	else
		fputs("null", f);
	fprintf(f, ", \"action\": \"%s\", \"reason\": \"%s\", \"would_drop\": %s, \"suppressed\": %u, \"generation\": %u}\n",
		action_name(ev->action), reason_name(ev->reason),
		ev->would_drop ? "true" : "false", ev->suppressed,
		ev->generation);
}
