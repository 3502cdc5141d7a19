// SPDX-License-Identifier: GPL-2.0
/*
 * Counters in the Prometheus text exposition format, for node_exporter's
 * textfile collector: one family per counter, every sample of a family
 * together, labels for the entry, the direction, the reason of a drop and
 * the rule.
 */
#include "counters_print.h"

#define LLU(x)	((unsigned long long)(x))

/* A label value: backslash, double quote and newline escaped. */
static void label(FILE *f, const char *name, const char *v)
{
	fprintf(f, "%s=\"", name);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
	fputc('"', f);
}

static void family(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void entry_labels(FILE *f, const struct cfw_iface_counters *ic,
			 int dir)
{
	label(f, "entry", ic->ifc->name);
	fputc(',', f);
	label(f, "dir", cfw_dir_name(dir));
}

/* Why enforce mode dropped a frame: each drop counts under one reason. */
static const struct {
	const char *reason;
	size_t off;
} drops[] = {
	{ "rule", offsetof(struct canfw_dir_counters, dropped_rule) },
	{ "default", offsetof(struct canfw_dir_counters, dropped_default) },
	{ "rate", offsetof(struct canfw_dir_counters, rate_limited) },
	{ "early", offsetof(struct canfw_dir_counters, early) },
};

static void dir_family(FILE *f, const struct cfw_counters *c,
		       const char *name, size_t off, const char *reason)
{
	size_t i;
	int dir;

	for (i = 0; i < c->nifaces; i++) {
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			const struct cfw_iface_counters *ic = &c->ifaces[i];

			fprintf(f, "%s{", name);
			entry_labels(f, ic, dir);
			if (reason) {
				fputc(',', f);
				label(f, "reason", reason);
			}
			fprintf(f, "} %llu\n", LLU(*(const u64 *)
				((const char *)&ic->dir[dir] + off)));
		}
	}
}

/* Which rules a rule counter can move for. */
enum { ALL, TIMED, PER_ID };

static void rule_family(FILE *f, const struct cfw_counters *c,
			const char *name, size_t off, int which)
{
	char text[CFW_RULE_TEXT_MAX], idx[16];
	size_t i;
	int dir;
	u32 r;

	for (i = 0; i < c->nifaces; i++) {
		const struct cfw_iface_counters *ic = &c->ifaces[i];

		for (dir = 0; dir < CFW_NDIRS; dir++) {
			for (r = 0; r < ic->ifc->dir[dir].nrules; r++) {
				const struct canfw_rule_spec *s =
					&ic->ifc->dir[dir].rules[r];

				if ((which == TIMED && !s->period_us &&
				     !s->timeout_us) ||
				    (which == PER_ID && !s->per_id))
					continue;
				cfw_counters_rule_text(text, sizeof(text), c, s);
				snprintf(idx, sizeof(idx), "%u", r);
				fprintf(f, "%s{", name);
				entry_labels(f, ic, dir);
				fputc(',', f);
				label(f, "rule", idx);
				fputc(',', f);
				label(f, "match", text);
				fprintf(f, "} %llu\n", LLU(*(const u64 *)
					((const char *)&ic->rules[dir][r] + off)));
			}
		}
	}
}

#define RULE_CTR(field)	offsetof(struct canfw_rule_counters, field)

static const struct {
	const char *name;
	const char *help;
	size_t off;
	int which;
} rule_metrics[] = {
	{ "canfw_rule_frames_total", "Frames a rule matched.",
	  RULE_CTR(frames), ALL },
	{ "canfw_rule_bytes_total",
	  "Payload bytes of the frames a rule matched.", RULE_CTR(bytes), ALL },
	{ "canfw_rule_rate_limited_frames_total",
	  "Frames of a rule over its rate.", RULE_CTR(rate_limited), ALL },
	{ "canfw_rule_early_frames_total",
	  "Frames of a timed rule that came early.", RULE_CTR(early), TIMED },
	{ "canfw_rule_missing_total",
	  "Times a timed rule's frames went missing.", RULE_CTR(missing),
	  TIMED },
	{ "canfw_rule_recovered_total",
	  "Times a timed rule's frames came back.", RULE_CTR(recovered),
	  TIMED },
	{ "canfw_rule_per_id_full_frames_total",
	  "Frames of IDs past a per-id rule's cap.", RULE_CTR(per_id_full),
	  PER_ID },
};

void cfw_counters_print_prometheus(FILE *f, const struct cfw_counters *c)
{
	size_t i, k;

	family(f, "canfw_generation", "gauge",
	       "Generation of the policy the counters belong to.");
	fprintf(f, "canfw_generation %u\n", c->generation);
	family(f, "canfw_entry_devices", "gauge",
	       "Devices an interface entry governs.");
	for (i = 0; i < c->nifaces; i++) {
		fputs("canfw_entry_devices{", f);
		label(f, "entry", c->ifaces[i].ifc->name);
		fprintf(f, "} %zu\n", c->ifaces[i].ndevices);
	}
	family(f, "canfw_accepted_frames_total", "counter",
	       "Frames accepted, by interface entry and direction.");
	dir_family(f, c, "canfw_accepted_frames_total",
		   offsetof(struct canfw_dir_counters, accepted), NULL);
	family(f, "canfw_dropped_frames_total", "counter",
	       "Frames dropped, by interface entry, direction and reason.");
	for (k = 0; k < sizeof(drops) / sizeof(drops[0]); k++)
		dir_family(f, c, "canfw_dropped_frames_total", drops[k].off,
			   drops[k].reason);
	family(f, "canfw_malformed_frames_total", "counter",
	       "Frames that are no valid CAN, CAN FD or CAN XL frame (dropped in enforce mode).");
	dir_family(f, c, "canfw_malformed_frames_total",
		   offsetof(struct canfw_dir_counters, malformed), NULL);
	family(f, "canfw_would_drop_frames_total", "counter",
	       "Frames monitor mode let pass that enforce mode would drop.");
	dir_family(f, c, "canfw_would_drop_frames_total",
		   offsetof(struct canfw_dir_counters, would_drop), NULL);
	for (k = 0; k < sizeof(rule_metrics) / sizeof(rule_metrics[0]); k++) {
		family(f, rule_metrics[k].name, "counter", rule_metrics[k].help);
		rule_family(f, c, rule_metrics[k].name, rule_metrics[k].off,
			    rule_metrics[k].which);
	}
}
