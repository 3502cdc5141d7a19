// SPDX-License-Identifier: GPL-2.0
/*
 * A policy as JSON, for `show -j` and `check -p -j`: every setting and
 * every rule as an object of its fields, each rule with its canonical
 * text too. The fields are the printer's (printer.c), named as in the
 * policy language.
 */
#include <stdio.h>
#include "cgroup.h"
#include "json.h"
#include "policy.h"

static const char *space_name(u8 space)
{
	if (space == CANFW_SPACE_SFF)
		return "sff";
	if (space == CANFW_SPACE_EFF)
		return "eff";
	return "any";
}

static void json_id(FILE *f, u32 id, u8 space)
{
	fprintf(f, space == CANFW_SPACE_SFF ? "\"0x%03X\"" : "\"0x%08X\"", id);
}

/* {"space": ..., "from"/"to" or "value"/"mask" or "any"} */
static void json_id_match(FILE *f, u8 match, u8 space, u32 lo, u32 hi)
{
	fprintf(f, "{\"space\": \"%s\", ", space_name(space));
	switch (match) {
	case CANFW_ID_MATCH_MASK:
		fputs("\"value\": ", f);
		json_id(f, lo, space);
		fputs(", \"mask\": ", f);
		json_id(f, hi, space);
		break;
	case CANFW_ID_MATCH_RANGE:
		fputs("\"from\": ", f);
		json_id(f, lo, space);
		fputs(", \"to\": ", f);
		json_id(f, hi, space);
		break;
	default:
		fputs("\"any\": true", f);
		break;
	}
	fputc('}', f);
}

/* "id" as before; a set adds its further matches as "id_set". */
static void json_ids(FILE *f, const struct canfw_rule_spec *r)
{
	u16 i;

	fputs("\"id\": ", f);
	json_id_match(f, r->id_match, r->space, r->id_lo, r->id_hi);
	if (!r->nparts)
		return;
	fputs(", \"id_set\": [", f);
	for (i = 0; i < r->nparts; i++) {
		if (i)
			fputs(", ", f);
		json_id_match(f, r->parts[i].match, r->parts[i].space,
			      r->parts[i].lo, r->parts[i].hi);
	}
	fputc(']', f);
}

static void json_kinds(FILE *f, u8 kinds)
{
	static const struct {
		u8 bit;
		const char *name;
	} names[] = {
		{ CANFW_KIND_DATA, "data" }, { CANFW_KIND_RTR, "rtr" },
		{ CANFW_KIND_FD, "fd" }, { CANFW_KIND_XL, "xl" },
		{ CANFW_KIND_ERR, "err" },
	};
	bool first = true;
	size_t i;

	/* No kinds named: every kind but error frames. */
	if (!kinds)
		kinds = CANFW_KIND_ALL_ID;
	fputs("\"kinds\": [", f);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(kinds & names[i].bit))
			continue;
		fprintf(f, "%s\"%s\"", first ? "" : ", ", names[i].name);
		first = false;
	}
	fputc(']', f);
}

/* Byte matches, ISO-TP types and services, each only when the rule has it. */
static void json_payload(FILE *f, const struct canfw_payload_spec *p)
{
	const char *sep = "";
	unsigned int i;

	if (p->ndata) {
		fputs(", \"data\": [", f);
		for (i = 0; i < p->ndata && i < CANFW_DATA_MATCH_MAX; i++)
			fprintf(f, "%s{\"offset\": %u, \"len\": %u, \"value\": %u, \"mask\": %u}",
				i ? ", " : "", p->data[i].offset, p->data[i].len,
				p->data[i].value, p->data[i].mask);
		fputc(']', f);
	}
	if (p->isotp) {
		fputs(", \"isotp\": [", f);
		for (i = 0; i < CFW_ISOTP_NTYPES; i++) {
			if (!(p->isotp & (1U << i)))
				continue;
			fprintf(f, "%s\"%s\"", sep, cfw_isotp_name(i));
			sep = ", ";
		}
		fputc(']', f);
	}
	if (p->has_uds) {
		sep = "";
		fputs(", \"uds\": [", f);
		for (i = 0; i <= 0xFF; i++) {
			if (!(p->uds[i / 8] & (1U << (i % 8))))
				continue;
			fprintf(f, "%s%u", sep, i);
			sep = ", ";
		}
		fputc(']', f);
	}
}

/* uid and gid ranges, the cgroup (its path null if none is found), socket. */
static void json_sender(FILE *f, const struct canfw_sender_spec *s)
{
	char path[CFW_CGROUP_PATH_MAX + 1];

	if (s->match & CANFW_SENDER_UID)
		fprintf(f, ", \"uid\": {\"min\": %u, \"max\": %u}", s->uid_lo,
			s->uid_hi);
	if (s->match & CANFW_SENDER_GID)
		fprintf(f, ", \"gid\": {\"min\": %u, \"max\": %u}", s->gid_lo,
			s->gid_hi);
	if (s->match & CANFW_SENDER_CGROUP) {
		fputs(", \"cgroup\": {\"path\": ", f);
		if (cfw_cgroup_path(s->cgroup_id, s->cgroup_level, path,
				    sizeof(path)))
			cfw_json_string(f, path);
		else
			fputs("null", f);
		fprintf(f, ", \"id\": %llu, \"level\": %u}",
			(unsigned long long)s->cgroup_id, s->cgroup_level);
	}
	if (s->match & CANFW_SENDER_NO_SOCKET)
		fputs(", \"socket\": \"none\"", f);
}

/* ["parked", "driving"]: the states of a mask by name. */
static void json_states(FILE *f, const struct cfw_policy *p, u32 mask)
{
	const char *sep = "";
	u32 i;

	fputc('[', f);
	for (i = 0; i < 32; i++) {
		if (!(mask & CANFW_STATE_BIT(i)))
			continue;
		fputs(sep, f);
		cfw_json_string(f, cfw_state_name(p, i));
		sep = ", ";
	}
	fputc(']', f);
}

static void json_trigger(FILE *f, const struct cfw_policy *p,
			 const struct canfw_trigger_spec *t)
{
	fprintf(f, "{\"event\": \"%s\", \"count\": %u, \"window_us\": %u, \"state\": ",
		cfw_trigger_event_name(t->event), t->count, t->window_us);
	cfw_json_string(f, cfw_state_name(p, t->state));
	fputc('}', f);
}

static void json_selector(FILE *f, const struct cfw_policy *p,
			  const struct canfw_selector_spec *s)
{
	char text[CFW_RULE_TEXT_MAX];
	bool eff = s->can_id & CAN_EFF_FLAG;

	cfw_format_selector(text, sizeof(text), p, s);
	fprintf(f, eff ? "{\"id\": \"0x%08X\", \"eff\": true" :
		"{\"id\": \"0x%03X\", \"eff\": false",
		s->can_id & CAN_EFF_MASK);
	json_payload(f, &s->payload);
	fputs(", \"state\": ", f);
	cfw_json_string(f, cfw_state_name(p, s->state));
	fputs(", \"else\": ", f);
	if (s->else_state != CANFW_NO_STATE)
		cfw_json_string(f, cfw_state_name(p, s->else_state));
	else
		fputs("null", f);
	fprintf(f, ", \"period_us\": %u, \"jitter_us\": %u, \"text\": ",
		s->period_us, s->jitter_us);
	cfw_json_string(f, text);
	fputc('}', f);
}

static void json_rule(FILE *f, const struct cfw_policy *p,
		      const struct canfw_rule_spec *r, bool handles)
{
	char text[CFW_RULE_TEXT_MAX];

	cfw_format_rule_in(text, sizeof(text), p, r);
	fprintf(f, "{\"action\": \"%s\", ", cfw_action_name(r->action));
	if (handles && r->handle)
		fprintf(f, "\"handle\": %u, ", r->handle);
	if (r->comment) {
		fputs("\"comment\": ", f);
		cfw_json_string(f, r->comment);
		fputs(", ", f);
	}
	if (!(r->kinds & CANFW_KIND_ERR)) {
		json_ids(f, r);
		fputs(", ", f);
	}
	json_kinds(f, r->kinds);
	fprintf(f, ", \"len\": {\"min\": %u, \"max\": %u}", r->len_lo,
		r->len_hi);
	json_payload(f, &r->payload);
	json_sender(f, &r->sender);
	if (r->rate)
		fprintf(f, ", \"rate\": {\"per_second\": %u, \"burst\": %u}",
			r->rate, r->burst);
	if (r->period_us)
		fprintf(f, ", \"period_us\": %u, \"jitter_us\": %u",
			r->period_us, r->jitter_us);
	if (r->timeout_us)
		fprintf(f, ", \"timeout_us\": %u", r->timeout_us);
	if (r->period_us)
		fprintf(f, ", \"early_log\": %s",
			r->flags & CANFW_RULE_FLAGS_EARLY_LOG ? "true" : "false");
	if (r->per_id)
		fprintf(f, ", \"per_id\": %u", r->per_id);
	/* States only in a policy that declares them, as for the rest. */
	if (r->states) {
		fputs(", \"in\": ", f);
		json_states(f, p, r->states);
	}
	if (r->trigger.count) {
		fputs(", \"trigger\": ", f);
		json_trigger(f, p, &r->trigger);
	}
	fprintf(f, ", \"log\": %s, \"text\": ",
		r->flags & CANFW_RULE_FLAGS_LOG ? "true" : "false");
	cfw_json_string(f, text);
	fputc('}', f);
}

/* A direction's state settings, when the policy declares states. */
static void json_dir_states(FILE *f, const struct cfw_policy *p,
			    const struct cfw_dir *d)
{
	u32 i;

	fputs(", \"state_default\": ", f);
	if (d->state_default_in) {
		fprintf(f, "{\"action\": \"%s\", \"in\": ",
			cfw_action_name(d->state_default));
		json_states(f, p, d->state_default_in);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	fputs(", \"trigger\": ", f);
	if (d->trigger.count)
		json_trigger(f, p, &d->trigger);
	else
		fputs("null", f);
	fputs(", \"selectors\": [", f);
	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++) {
		fputs(i ? ", " : "", f);
		json_selector(f, p, &d->sel[i]);
	}
	fputc(']', f);
}

static void json_dir(FILE *f, const struct cfw_policy *p,
		     const struct cfw_dir *d, bool handles)
{
	u32 i;

	fprintf(f, "{\"default\": \"%s\", \"err_default\": \"%s\", \"log_default\": %s",
		cfw_action_name(d->default_action),
		cfw_action_name(d->err_default),
		d->log_default ? "true" : "false");
	if (p->nstates)
		json_dir_states(f, p, d);
	fputs(", \"rules\": [", f);
	for (i = 0; i < d->nrules; i++) {
		fputs(i ? ", " : "", f);
		json_rule(f, p, &d->rules[i], handles);
	}
	fputs("]}", f);
}

/* "states" only when the policy declares some: older output unchanged. */
static void json_policy_states(FILE *f, const struct cfw_policy *p)
{
	u32 k;

	if (!p->nstates)
		return;
	fputs("\"states\": [", f);
	for (k = 0; k < p->nstates && k < CANFW_STATES_MAX; k++) {
		fputs(k ? ", {\"name\": " : "{\"name\": ", f);
		cfw_json_string(f, p->states[k].name);
		fprintf(f, ", \"sticky\": %s}",
			p->states[k].flags & CANFW_STATE_FLAGS_STICKY ?
			"true" : "false");
	}
	fputs("], ", f);
	if (p->has_cur_state) {
		fputs("\"state\": ", f);
		cfw_json_string(f, p->cur_state);
		fprintf(f, ", \"state_seq\": %u, ", p->state_seq);
	}
}

void cfw_print_policy_json(FILE *f, const struct cfw_policy *p)
{
	cfw_print_policy_json_handles(f, p, false);
}

void cfw_print_policy_json_handles(FILE *f, const struct cfw_policy *p,
				   bool handles)
{
	size_t i;

	fputc('{', f);
	json_policy_states(f, p);
	fputs("\"interfaces\": [", f);
	for (i = 0; i < p->nifaces; i++) {
		const struct cfw_iface *ifc = &p->ifaces[i];

		fputs(i ? ", {\"name\": " : "{\"name\": ", f);
		cfw_json_string(f, ifc->name);
		fprintf(f, ", \"mode\": \"%s\", \"events\": {\"per_second\": %u, \"burst\": %u}, ",
			cfw_mode_name(ifc->mode), ifc->event_rate,
			ifc->event_burst);
		if (ifc->comment[0]) {
			fputs("\"comment\": ", f);
			cfw_json_string(f, ifc->comment);
			fputs(", ", f);
		}
		fputs("\"rx\": ", f);
		json_dir(f, p, &ifc->dir[CANFW_DIR_RX], handles);
		fputs(", \"tx\": ", f);
		json_dir(f, p, &ifc->dir[CANFW_DIR_TX], handles);
		fputc('}', f);
	}
	fputs("]}\n", f);
}
