// SPDX-License-Identifier: GPL-2.0
/*
 * Printing events. The text form follows candump's (the frame as
 * `candump -L` writes it), so that people and scripts used to can-utils
 * read it at a glance; the verdict follows, then who sent the frame if a
 * socket did. Timing events (a rule's frames missing or back) name the
 * rule's ID instead of a frame.
 */
#include <linux/can.h>
#include "include/uapi/linux/canfw.h"
#include "cgroup.h"
#include "json.h"
#include "nl_events.h"
#include "policy.h"

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
	case CANFW_REASON_EARLY:
		return "early";
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

static const char *type_name(uint8_t type)
{
	switch (type) {
	case CANFW_EVENT_TYPE_FRAME:
		return "frame";
	case CANFW_EVENT_TYPE_MISSING:
		return "missing";
	case CANFW_EVENT_TYPE_RECOVERED:
		return "recovered";
	case CANFW_EVENT_TYPE_STATE:
		return "state";
	}
	return "unknown";
}

/*
 * A state name is the policy's, and a policy comes from whoever may load
 * one; still, only printable ASCII goes to the terminal.
 */
static void print_name(FILE *f, const char *name)
{
	for (; *name; name++)
		fputc(*name > ' ' && *name < 0x7f ? *name : '?', f);
}

/* " rule 3 handle 4711 \"OBD requests\"": which rule, for people. */
static void print_rule_text(FILE *f, const struct cfw_event *ev)
{
	const char *c;

	if (!ev->has_rule)
		return;
	fprintf(f, " rule %u", ev->rule);
	if (ev->handle)
		fprintf(f, " handle %u", ev->handle);
	if (!ev->comment[0])
		return;
	fputs(" \"", f);
	for (c = ev->comment; *c; c++)
		fputc((unsigned char)*c >= ' ' && *c != 0x7f ? *c : '?', f);
	fputc('"', f);
}

static void print_rule_json(FILE *f, const struct cfw_event *ev)
{
	fputs(", \"rule\": ", f);
	if (ev->has_rule)
		fprintf(f, "%u", ev->rule);
	else
		fputs("null", f);
	if (ev->handle)
		fprintf(f, ", \"handle\": %u", ev->handle);
	if (ev->comment[0]) {
		fputs(", \"comment\": ", f);
		cfw_json_string(f, ev->comment);
	}
}

/*
 * "state parked -> driving seq 1 cause selector 0", "cause trigger rule
 * 2", "cause trigger" (a direction's trigger) or "cause command".
 */
static void print_state_text(FILE *f, const struct cfw_event *ev)
{
	fputs("state ", f);
	print_name(f, ev->state_from);
	fputs(" -> ", f);
	print_name(f, ev->state_to);
	fprintf(f, " seq %u cause %s", ev->state_seq, cfw_state_cause_name(ev->cause));
	if (ev->has_selector)
		fprintf(f, " %u", ev->selector);
	else if (ev->has_rule)
		fprintf(f, " rule %u", ev->rule);
	if (ev->suppressed)
		fprintf(f, " (%u events suppressed)", ev->suppressed);
	fputc('\n', f);
}

static void print_id(FILE *f, uint32_t id)
{
	if (id & CAN_EFF_FLAG)
		fprintf(f, "%08X", id & CAN_EFF_MASK);
	else
		fprintf(f, "%03X", id & CAN_SFF_MASK);
}

/*
 * "missing 100 rule 0 silent 60.000 ms (timeout 50 ms)", "recovered 100
 * rule 0 after 120.000 ms", or for a summary "missing: 37 more rules".
 */
static void print_timing_text(FILE *f, const struct cfw_event *ev)
{
	fputs(type_name(ev->type), f);
	if (!ev->has_id) {
		fprintf(f, ": %u more rules\n", ev->suppressed);
		return;
	}
	fputc(' ', f);
	print_id(f, ev->can_id);
	print_rule_text(f, ev);
	if (ev->type == CANFW_EVENT_TYPE_MISSING)
		fprintf(f, " silent %.3f ms (timeout %.3f ms)",
			ev->interval / 1e6, ev->timeout_us / 1e3);
	else
		fprintf(f, " after %.3f ms", ev->interval / 1e6);
	if (ev->suppressed)
		fprintf(f, " (%u events suppressed)", ev->suppressed);
	fputc('\n', f);
}

/*
 * " pid 1234 (cansend) uid 1001 cgroup /system.slice/x": the process only
 * when it sent the frame itself, not a kernel timer for its socket; the
 * cgroup by its path if the cgroup2 mount still has it, else by id. The
 * process name is the process's to choose: what is not printable ASCII
 * shows as '?'.
 */
static void print_sender_text(FILE *f, const struct cfw_event *ev)
{
	char path[CFW_CGROUP_PATH_MAX + 2];
	const char *c;

	if (ev->has_pid) {
		fprintf(f, " pid %u", ev->pid);
		if (ev->comm[0]) {
			fputs(" (", f);
			for (c = ev->comm; *c; c++)
				fputc(*c >= ' ' && *c < 0x7f ? *c : '?', f);
			fputc(')', f);
		}
	}
	if (ev->has_uid)
		fprintf(f, " uid %u", ev->uid);
	if (ev->has_cgroup && cfw_cgroup_find(ev->cgroup, path, sizeof(path)))
		fprintf(f, " cgroup %s", path);
	else if (ev->has_cgroup)
		fprintf(f, " cgroup-id %llu", (unsigned long long)ev->cgroup);
}

void cfw_event_print_text(FILE *f, const struct cfw_event *ev)
{
	fprintf(f, "(%llu.%06llu) ",
		(unsigned long long)(ev->timestamp / 1000000000ULL),
		(unsigned long long)(ev->timestamp % 1000000000ULL / 1000));
	/* A switch by command happened on no interface: "-" stands for it. */
	if (ev->type == CANFW_EVENT_TYPE_STATE && !ev->ifname[0]) {
		fputs("- ", f);
		print_state_text(f, ev);
		return;
	}
	fprintf(f, "%s %s ", ev->ifname, dir_name(ev->dir));
	if (ev->type == CANFW_EVENT_TYPE_STATE) {
		print_state_text(f, ev);
		return;
	}
	if (ev->type != CANFW_EVENT_TYPE_FRAME) {
		print_timing_text(f, ev);
		return;
	}
	print_frame(f, ev);
	fprintf(f, " %s", action_name(ev->action));
	/* "drop rule 3", "drop rate rule 1", "drop default" */
	if (ev->reason != CANFW_REASON_RULE)
		fprintf(f, " %s", reason_name(ev->reason));
	print_rule_text(f, ev);
	if (ev->reason == CANFW_REASON_EARLY)
		fprintf(f, " after %.3f ms (period %.3f ms)",
			ev->interval / 1e6, ev->period_us / 1e3);
	if (ev->would_drop)
		fputs(" would-drop", f);
	print_sender_text(f, ev);
	/* The state the frame was judged in, when the policy has states. */
	if (ev->state_to[0]) {
		fputs(" state ", f);
		print_name(f, ev->state_to);
	}
	if (ev->suppressed)
		fprintf(f, " (%u events suppressed)", ev->suppressed);
	fputc('\n', f);
}

static void print_timing_json(FILE *f, const struct cfw_event *ev)
{
	fputs("\"id\": ", f);
	if (ev->has_id) {
		fputs("\"0x", f);
		print_id(f, ev->can_id);
		fputc('"', f);
	} else {
		fputs("null", f);
	}
	print_rule_json(f, ev);
	fprintf(f, ", \"interval_ns\": %llu, \"period_us\": %u, \"timeout_us\": %u, \"suppressed\": %u, \"generation\": %u}\n",
		(unsigned long long)ev->interval, ev->period_us,
		ev->timeout_us, ev->suppressed, ev->generation);
}

/* A state event: iface and dir null for a switch by command. */
static void print_state_json(FILE *f, const struct cfw_event *ev)
{
	fputs("\"iface\": ", f);
	if (ev->ifname[0])
		cfw_json_string(f, ev->ifname);
	else
		fputs("null", f);
	fputs(", \"dir\": ", f);
	if (ev->has_dir && ev->ifname[0])
		fprintf(f, "\"%s\"", dir_name(ev->dir));
	else
		fputs("null", f);
	fputs(", \"type\": \"state\", \"from\": ", f);
	cfw_json_string(f, ev->state_from);
	fputs(", \"to\": ", f);
	cfw_json_string(f, ev->state_to);
	fprintf(f, ", \"seq\": %u, \"cause\": \"%s\", \"rule\": ", ev->state_seq,
		cfw_state_cause_name(ev->cause));
	if (ev->has_rule)
		fprintf(f, "%u", ev->rule);
	else
		fputs("null", f);
	fputs(", \"selector\": ", f);
	if (ev->has_selector)
		fprintf(f, "%u", ev->selector);
	else
		fputs("null", f);
	fputs("}\n", f);
}

/* Keys are stable: scripts index them. The ID carries no flag bits. */
void cfw_event_print_json(FILE *f, const struct cfw_event *ev)
{
	uint32_t id = ev->can_id;
	bool eff = id & CAN_EFF_FLAG, err = id & CAN_ERR_FLAG;

	fprintf(f, "{\"timestamp\": \"%llu.%06llu\", ",
		(unsigned long long)(ev->timestamp / 1000000000ULL),
		(unsigned long long)(ev->timestamp % 1000000000ULL / 1000));
	if (ev->type == CANFW_EVENT_TYPE_STATE) {
		print_state_json(f, ev);
		return;
	}
	fputs("\"iface\": ", f);
	cfw_json_string(f, ev->ifname);
	fprintf(f, ", \"ifindex\": %u, \"dir\": \"%s\", \"type\": \"%s\", ",
		ev->ifindex, dir_name(ev->dir), type_name(ev->type));
	if (ev->type != CANFW_EVENT_TYPE_FRAME) {
		print_timing_json(f, ev);
		return;
	}
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
	fputc('"', f);
	print_rule_json(f, ev);
	if (ev->reason == CANFW_REASON_EARLY)
		fprintf(f, ", \"interval_ns\": %llu, \"period_us\": %u",
			(unsigned long long)ev->interval, ev->period_us);
	/* The sender, each only when the kernel knows it. */
	if (ev->has_pid)
		fprintf(f, ", \"pid\": %u", ev->pid);
	if (ev->comm[0]) {
		fputs(", \"comm\": ", f);
		cfw_json_string(f, ev->comm);
	}
	if (ev->has_uid)
		fprintf(f, ", \"uid\": %u", ev->uid);
	if (ev->has_cgroup)
		fprintf(f, ", \"cgroup\": %llu", (unsigned long long)ev->cgroup);
	if (ev->state_to[0]) {
		fputs(", \"state\": ", f);
		cfw_json_string(f, ev->state_to);
		if (ev->has_state_seq)
			fprintf(f, ", \"state_seq\": %u", ev->state_seq);
	}
	fprintf(f, ", \"action\": \"%s\", \"reason\": \"%s\", \"would_drop\": %s, \"suppressed\": %u, \"generation\": %u}\n",
		action_name(ev->action), reason_name(ev->reason),
		ev->would_drop ? "true" : "false", ev->suppressed,
		ev->generation);
}
