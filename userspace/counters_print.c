// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include "counters_print.h"
#include "json.h"

#define LLU(x)	((unsigned long long)(x))

static void text_dir(FILE *f, int dir, const struct canfw_dir_counters *d)
{
	fprintf(f, "\t%s  accepted %llu  dropped_rule %llu  dropped_default %llu  rate_limited %llu  would_drop %llu  malformed %llu  early %llu\n",
		cfw_dir_name(dir), LLU(d->accepted), LLU(d->dropped_rule),
		LLU(d->dropped_default), LLU(d->rate_limited),
		LLU(d->would_drop), LLU(d->malformed), LLU(d->early));
}

int cfw_counters_alloc_fired(struct cfw_iface_counters *ic)
{
	int dir;

	for (dir = 0; dir < CFW_NDIRS; dir++) {
		ic->fired[dir] = calloc(ic->ifc->dir[dir].nrules + 1,
					sizeof(*ic->fired[dir]));
		if (!ic->fired[dir])
			return -ENOMEM;
	}
	return 0;
}

/*
 * "rx trigger fired 1: on drops ..." and "rx selector #0 frames 12
 * ignored 1: select ...": lines only where the policy has them.
 */
static void text_dir_states(FILE *f, const struct cfw_counters *c,
			    const struct cfw_iface_counters *ic, int dir)
{
	const struct cfw_dir *d = &ic->ifc->dir[dir];
	char text[CFW_RULE_TEXT_MAX];
	u32 i;

	if (!c->policy)
		return;
	if (d->trigger.count) {
		cfw_format_trigger(text, sizeof(text), c->policy, &d->trigger);
		fprintf(f, "\t%s trigger  fired %llu  %s\n", cfw_dir_name(dir),
			LLU(ic->dir_fired[dir]), text);
	}
	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++) {
		cfw_format_selector(text, sizeof(text), c->policy, &d->sel[i]);
		fprintf(f, "\t%s selector #%u  frames %llu  ignored %llu  %s\n",
			cfw_dir_name(dir), i, LLU(ic->sel_frames[i]),
			LLU(ic->sel_ignored[i]), text);
	}
}

size_t cfw_counters_rule_text(char *buf, size_t size,
			      const struct cfw_counters *c,
			      const struct canfw_rule_spec *r)
{
	if (c->policy)
		return cfw_format_rule_in(buf, size, c->policy, r);
	return cfw_format_rule(buf, size, r);
}

void cfw_counters_print_text(FILE *f, const struct cfw_counters *c)
{
	char rule[CFW_RULE_TEXT_MAX];
	size_t i;
	int dir;
	u32 r;

	for (i = 0; i < c->nifaces; i++) {
		const struct cfw_iface_counters *ic = &c->ifaces[i];

		fprintf(f, "interface %s %s\n", ic->ifc->name,
			cfw_mode_name(ic->ifc->mode));
		if (ic->ndevices) {
			size_t k;

			fputs("\tdevices", f);
			for (k = 0; k < ic->ndevices; k++)
				fprintf(f, " %s", ic->devices[k]);
			fputc('\n', f);
		}
		for (dir = 0; dir < CFW_NDIRS; dir++)
			text_dir(f, dir, &ic->dir[dir]);
		for (dir = 0; dir < CFW_NDIRS; dir++)
			text_dir_states(f, c, ic, dir);
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			for (r = 0; r < ic->ifc->dir[dir].nrules; r++) {
				const struct canfw_rule_counters *rc =
					&ic->rules[dir][r];

				cfw_counters_rule_text(rule, sizeof(rule), c,
						       &ic->ifc->dir[dir].rules[r]);
				const struct canfw_rule_spec *s =
					&ic->ifc->dir[dir].rules[r];

				fprintf(f, "\t%s #%u", cfw_dir_name(dir), r);
				if (c->handles && s->handle)
					fprintf(f, " handle %u", s->handle);
				fprintf(f, "  frames %llu  bytes %llu  rate_limited %llu",
					LLU(rc->frames), LLU(rc->bytes),
					LLU(rc->rate_limited));
				/* Timing counters only where they can move. */
				if (s->period_us || s->timeout_us)
					fprintf(f, "  early %llu  missing %llu  recovered %llu",
						LLU(rc->early), LLU(rc->missing),
						LLU(rc->recovered));
				if (s->per_id)
					fprintf(f, "  per_id_full %llu",
						LLU(rc->per_id_full));
				if (s->trigger.count && ic->fired[dir])
					fprintf(f, "  fired %llu",
						LLU(ic->fired[dir][r]));
				fprintf(f, "  %s\n", rule);
			}
		}
	}
}

static void json_dir(FILE *f, const struct canfw_dir_counters *d)
{
	fprintf(f, "{\"accepted\": %llu, \"dropped_rule\": %llu, \"dropped_default\": %llu, \"rate_limited\": %llu, \"would_drop\": %llu, \"malformed\": %llu, \"early\": %llu}",
		LLU(d->accepted), LLU(d->dropped_rule),
		LLU(d->dropped_default), LLU(d->rate_limited),
		LLU(d->would_drop), LLU(d->malformed), LLU(d->early));
}

/*
 * In a policy with states only: each direction's trigger and selectors,
 * as "rx_trigger" and "rx_selectors", beside the direction's counters.
 */
static void json_dir_states(FILE *f, const struct cfw_iface_counters *ic,
			    int dir)
{
	const struct cfw_dir *d = &ic->ifc->dir[dir];
	u32 i;

	fprintf(f, ", \"%s_trigger\": ", cfw_dir_name(dir));
	if (d->trigger.count)
		fprintf(f, "{\"fired\": %llu}", LLU(ic->dir_fired[dir]));
	else
		fputs("null", f);
	fprintf(f, ", \"%s_selectors\": [", cfw_dir_name(dir));
	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++)
		fprintf(f, "%s{\"index\": %u, \"frames\": %llu, \"ignored\": %llu}",
			i ? ", " : "", i, LLU(ic->sel_frames[i]),
			LLU(ic->sel_ignored[i]));
	fputc(']', f);
}

static void json_rules(FILE *f, const struct cfw_counters *c,
		       const struct cfw_iface_counters *ic)
{
	char rule[CFW_RULE_TEXT_MAX];
	bool first = true;
	int dir;
	u32 r;

	fputs("\"rules\": [", f);
	for (dir = 0; dir < CFW_NDIRS; dir++) {
		for (r = 0; r < ic->ifc->dir[dir].nrules; r++) {
			const struct canfw_rule_counters *rc = &ic->rules[dir][r];

			cfw_counters_rule_text(rule, sizeof(rule), c,
					       &ic->ifc->dir[dir].rules[r]);
			fprintf(f, "%s{\"dir\": \"%s\", \"index\": %u, ",
				first ? "" : ", ", cfw_dir_name(dir), r);
			if (c->handles && ic->ifc->dir[dir].rules[r].handle)
				fprintf(f, "\"handle\": %u, ",
					ic->ifc->dir[dir].rules[r].handle);
			fputs("\"rule\": ", f);
			cfw_json_string(f, rule);
			fprintf(f, ", \"frames\": %llu, \"bytes\": %llu, \"rate_limited\": %llu, \"early\": %llu, \"missing\": %llu, \"recovered\": %llu, \"per_id_full\": %llu",
				LLU(rc->frames), LLU(rc->bytes),
				LLU(rc->rate_limited), LLU(rc->early),
				LLU(rc->missing), LLU(rc->recovered),
				LLU(rc->per_id_full));
			/* A trigger's count only on rules that have one. */
			if (ic->ifc->dir[dir].rules[r].trigger.count &&
			    ic->fired[dir])
				fprintf(f, ", \"fired\": %llu",
					LLU(ic->fired[dir][r]));
			fputc('}', f);
			first = false;
		}
	}
	fputc(']', f);
}

void cfw_counters_print_json(FILE *f, const struct cfw_counters *c)
{
	size_t i, k;

	fprintf(f, "{\"generation\": %u, ", c->generation);
	if (c->has_state) {
		fputs("\"state\": ", f);
		cfw_json_string(f, c->state);
		fprintf(f, ", \"state_seq\": %u, ", c->state_seq);
	}
	fputs("\"interfaces\": [", f);
	for (i = 0; i < c->nifaces; i++) {
		const struct cfw_iface_counters *ic = &c->ifaces[i];

		fputs(i ? ", {\"name\": " : "{\"name\": ", f);
		cfw_json_string(f, ic->ifc->name);
		fprintf(f, ", \"mode\": \"%s\", \"devices\": [",
			cfw_mode_name(ic->ifc->mode));
		for (k = 0; k < ic->ndevices; k++) {
			fputs(k ? ", " : "", f);
			cfw_json_string(f, ic->devices[k]);
		}
		fputs("], \"rx\": ", f);
		json_dir(f, &ic->dir[CANFW_DIR_RX]);
		fputs(", \"tx\": ", f);
		json_dir(f, &ic->dir[CANFW_DIR_TX]);
		if (c->policy && c->policy->nstates) {
			json_dir_states(f, ic, CANFW_DIR_RX);
			json_dir_states(f, ic, CANFW_DIR_TX);
		}
		fputs(", ", f);
		json_rules(f, c, ic);
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void cfw_counters_free(struct cfw_counters *c)
{
	size_t i;
	int dir;

	for (i = 0; i < c->nifaces; i++) {
		struct cfw_iface_counters *ic = &c->ifaces[i];

		for (dir = 0; dir < CFW_NDIRS; dir++) {
			free(ic->rules[dir]);
			free(ic->fired[dir]);
		}
		while (ic->ndevices)
			free(ic->devices[--ic->ndevices]);
		free(ic->devices);
	}
	free(c->ifaces);
	c->ifaces = NULL;
	c->nifaces = 0;
}
