// SPDX-License-Identifier: GPL-2.0
/*
 * A policy's states by name: the language names them, the engine and
 * the kernel number them in declaration order (bit n of a mask is the
 * n-th declared).
 */
#include <stdio.h>
#include <string.h>
#include "policy.h"

int cfw_state_index(const struct cfw_policy *p, const char *name, size_t len)
{
	u32 i;

	for (i = 0; i < p->nstates && i < CANFW_STATES_MAX; i++)
		if (strlen(p->states[i].name) == len &&
		    !memcmp(p->states[i].name, name, len))
			return (int)i;
	return -1;
}

const char *cfw_state_name(const struct cfw_policy *p, u32 state)
{
	return state < p->nstates && state < CANFW_STATES_MAX ?
	       p->states[state].name : "?";
}

size_t cfw_format_states(char *buf, size_t size, const struct cfw_policy *p,
			 u32 mask)
{
	size_t len = 0;
	u32 i;
	int n;

	if (size)
		buf[0] = 0;
	for (i = 0; i < 32; i++) {
		if (!(mask & CANFW_STATE_BIT(i)))
			continue;
		n = snprintf(len < size ? buf + len : NULL,
			     len < size ? size - len : 0, "%s%s",
			     len ? "," : "", cfw_state_name(p, i));
		if (n > 0)
			len += (size_t)n;
	}
	return len;
}

static const char *const trigger_events[] = {
	[CANFW_TRIGGER_EVENT_DROPS] = "drops",
	[CANFW_TRIGGER_EVENT_RATE_LIMITED] = "rate-limited",
	[CANFW_TRIGGER_EVENT_EARLY] = "early",
	[CANFW_TRIGGER_EVENT_MISSING] = "missing",
};

const char *cfw_trigger_event_name(u8 event)
{
	return event < sizeof(trigger_events) / sizeof(trigger_events[0]) ?
	       trigger_events[event] : "?";
}

int cfw_trigger_event_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(trigger_events) / sizeof(trigger_events[0]); i++)
		if (strlen(trigger_events[i]) == len &&
		    !memcmp(trigger_events[i], name, len))
			return (int)i;
	return -1;
}

const char *cfw_state_cause_name(u8 cause)
{
	switch (cause) {
	case CANFW_STATE_CAUSE_COMMAND:
		return "command";
	case CANFW_STATE_CAUSE_SELECTOR:
		return "selector";
	case CANFW_STATE_CAUSE_TRIGGER:
		return "trigger";
	}
	return "unknown";
}
