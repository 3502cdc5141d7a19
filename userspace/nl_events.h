/* SPDX-License-Identifier: GPL-2.0 */
/* Security events from the kernel's "events" group, decoded and printed. */
#ifndef CFW_NL_EVENTS_H
#define CFW_NL_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libmnl/libmnl.h>

/* One CANFW_CMD_EVENT, with the attribute values it carried. */
struct cfw_event {
	char ifname[64];
	uint64_t timestamp;	/* ns, CLOCK_REALTIME */
	uint32_t ifindex;
	uint8_t dir;
	uint32_t can_id;	/* with CAN_EFF/RTR/ERR flags; CAN XL: prio */
	bool fd;
	bool has_kind;		/* older modules send no kind */
	uint8_t kind;		/* CANFW_KIND_*; 0: malformed */
	uint8_t xl_flags;
	uint8_t xl_sdt;
	uint32_t xl_af;
	uint16_t len;
	uint8_t data[2048];
	uint16_t data_len;	/* bytes of payload carried (none for RTR) */
	bool has_rule;		/* false: the direction's default decided */
	uint32_t rule;
	uint32_t handle;	/* the rule's; 0: none */
	char comment[128];	/* the rule's; "": none */
	uint8_t action;
	uint8_t reason;
	bool would_drop;
	uint32_t suppressed;
	uint32_t generation;
	uint8_t type;		/* CANFW_EVENT_TYPE_* */
	bool has_id;		/* a summary of missing rules has none */
	uint64_t interval;	/* ns: early, missing, recovered */
	uint32_t period_us;
	uint32_t timeout_us;
	/* The sender, for a frame that had a socket; the process if it sent it. */
	bool has_pid;
	uint32_t pid;
	char comm[32];		/* "" if not given */
	bool has_uid;
	uint32_t uid;
	bool has_cgroup;
	uint64_t cgroup;	/* cgroup v2 id */
	bool has_dir;		/* a state event by command has none */
	/*
	 * States: a state event's from, to, cause and what caused it; a
	 * frame event's state_to is the state it was judged in.
	 */
	bool has_state_seq;
	uint32_t state_seq;
	char state_from[32];	/* "" if not given */
	char state_to[32];
	uint8_t cause;		/* CANFW_STATE_CAUSE_* */
	bool has_selector;
	uint32_t selector;
};

/*
 * Decode a message of the canfw family. Returns 1 for an event (filled
 * into *ev), 0 for any other command, -1 for a malformed event.
 */
int cfw_event_parse(const struct nlmsghdr *nlh, struct cfw_event *ev);

/* One line, candump-like, with the verdict; newline included. */
void cfw_event_print_text(FILE *f, const struct cfw_event *ev);
/* One JSON object on one line; newline included. */
void cfw_event_print_json(FILE *f, const struct cfw_event *ev);

#endif /* CFW_NL_EVENTS_H */
