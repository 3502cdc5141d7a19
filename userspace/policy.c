// SPDX-License-Identifier: GPL-2.0
/* Building, comparing and searching the in-memory policy. */
#include <stdlib.h>
#include <string.h>
#include "policy.h"
#include "ifglob.h"

void cfw_policy_init(struct cfw_policy *p)
{
	memset(p, 0, sizeof(*p));
}

void cfw_policy_free(struct cfw_policy *p)
{
	size_t i;
	int d;

	for (i = 0; i < p->nifaces; i++) {
		for (d = 0; d < CFW_NDIRS; d++) {
			struct cfw_dir *dir = &p->ifaces[i].dir[d];
			u32 k;

			for (k = 0; k < dir->nrules; k++) {
				free(dir->rules[k].parts);
				free(dir->rules[k].comment);
			}
			free(p->ifaces[i].dir[d].rules);
			free(p->ifaces[i].dir[d].pos);
		}
	}
	free(p->ifaces);
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->files);
	cfw_policy_init(p);
}

const char *cfw_pos_file(const struct cfw_policy *p, struct cfw_pos pos,
			 const char *path)
{
	if (pos.file && pos.file <= p->nfiles)
		return p->files[pos.file - 1];
	return path;
}

/* Defaults: enforce, accept in both directions, error frames accepted. */
struct cfw_iface *cfw_policy_add_iface(struct cfw_policy *p, const char *name)
{
	struct cfw_iface *ifc;

	if (strlen(name) > CFW_IFNAME_MAX)
		return NULL;
	if (p->nifaces == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		void *n = realloc(p->ifaces, cap * sizeof(*p->ifaces));

		if (!n)
			return NULL;
		p->ifaces = n;
		p->cap = cap;
	}
	ifc = &p->ifaces[p->nifaces++];
	memset(ifc, 0, sizeof(*ifc));
	strcpy(ifc->name, name);
	ifc->mode = CANFW_MODE_ENFORCE;
	ifc->event_rate = CANFW_EVENT_RATE_DEFAULT;
	ifc->event_burst = CANFW_EVENT_BURST_DEFAULT;
	ifc->dir[CANFW_DIR_RX].default_action = CANFW_ACTION_ACCEPT;
	ifc->dir[CANFW_DIR_TX].default_action = CANFW_ACTION_ACCEPT;
	return ifc;
}

int cfw_dir_add_rule(struct cfw_dir *d, const struct canfw_rule_spec *r,
		     struct cfw_pos pos)
{
	if (d->nrules == d->cap) {
		u32 cap = d->cap ? d->cap * 2 : 8;
		struct canfw_rule_spec *nr;
		struct cfw_pos *np;

		nr = realloc(d->rules, cap * sizeof(*nr));
		if (!nr)
			return -ENOMEM;
		d->rules = nr;
		np = realloc(d->pos, cap * sizeof(*np));
		if (!np)
			return -ENOMEM;
		d->pos = np;
		d->cap = cap;
	}
	d->rules[d->nrules] = *r;
	d->rules[d->nrules].comment = NULL;
	if (r->comment) {
		d->rules[d->nrules].comment = strdup(r->comment);
		if (!d->rules[d->nrules].comment)
			return -ENOMEM;
	}
	/* The policy owns a copy of a set's further ID matches. */
	if (r->nparts) {
		size_t size = r->nparts * sizeof(*r->parts);
		struct canfw_id_part *parts = malloc(size);

		if (!parts) {
			free(d->rules[d->nrules].comment);
			return -ENOMEM;
		}
		memcpy(parts, r->parts, size);
		d->rules[d->nrules].parts = parts;
	} else {
		d->rules[d->nrules].parts = NULL;
	}
	d->pos[d->nrules] = pos;
	d->nrules++;
	return 0;
}

/*
 * Field by field, here and below: struct padding must not make equal rules
 * differ. Only the byte matches a rule has count, and its service bitmap
 * only when it has one: the kernel keeps and dumps no more.
 */
static bool payload_equal(const struct canfw_payload_spec *a,
			  const struct canfw_payload_spec *b)
{
	u8 i;

	if (a->ndata != b->ndata || a->isotp != b->isotp ||
	    a->has_uds != b->has_uds ||
	    (a->has_uds && memcmp(a->uds, b->uds, sizeof(a->uds))))
		return false;
	for (i = 0; i < a->ndata && i < CANFW_DATA_MATCH_MAX; i++) {
		const struct canfw_data_match *x = &a->data[i], *y = &b->data[i];

		if (x->offset != y->offset || x->len != y->len ||
		    x->value != y->value || x->mask != y->mask)
			return false;
	}
	return true;
}

/* A trigger's fields count only when it has one (a count). */
static bool trigger_equal(const struct canfw_trigger_spec *a,
			  const struct canfw_trigger_spec *b)
{
	return a->count == b->count &&
	       (!a->count || (a->event == b->event && a->state == b->state &&
			      a->window_us == b->window_us));
}

/* Only the fields of the matches a rule has count, as for the payload. */
static bool sender_equal(const struct canfw_sender_spec *a,
			 const struct canfw_sender_spec *b)
{
	if (a->match != b->match)
		return false;
	if ((a->match & CANFW_SENDER_UID) &&
	    (a->uid_lo != b->uid_lo || a->uid_hi != b->uid_hi))
		return false;
	if ((a->match & CANFW_SENDER_GID) &&
	    (a->gid_lo != b->gid_lo || a->gid_hi != b->gid_hi))
		return false;
	return !(a->match & CANFW_SENDER_CGROUP) ||
	       (a->cgroup_id == b->cgroup_id &&
		a->cgroup_level == b->cgroup_level);
}

static bool parts_equal(const struct canfw_rule_spec *a,
			const struct canfw_rule_spec *b)
{
	u16 i;

	if (a->nparts != b->nparts)
		return false;
	for (i = 0; i < a->nparts; i++)
		if (a->parts[i].match != b->parts[i].match ||
		    a->parts[i].space != b->parts[i].space ||
		    a->parts[i].lo != b->parts[i].lo ||
		    a->parts[i].hi != b->parts[i].hi)
			return false;
	return true;
}

static bool rule_equal(const struct canfw_rule_spec *a,
		       const struct canfw_rule_spec *b)
{
	if (!a->comment != !b->comment ||
	    (a->comment && strcmp(a->comment, b->comment)))
		return false;
	return parts_equal(a, b) && a->id_match == b->id_match && a->space == b->space &&
	       a->kinds == b->kinds && a->action == b->action &&
	       a->flags == b->flags && a->len_lo == b->len_lo &&
	       a->len_hi == b->len_hi && a->id_lo == b->id_lo &&
	       a->id_hi == b->id_hi && a->rate == b->rate &&
	       a->burst == b->burst && a->period_us == b->period_us &&
	       a->jitter_us == b->jitter_us &&
	       a->timeout_us == b->timeout_us && a->per_id == b->per_id &&
	       payload_equal(&a->payload, &b->payload) &&
	       sender_equal(&a->sender, &b->sender) &&
	       a->states == b->states &&
	       trigger_equal(&a->trigger, &b->trigger);
}

static bool selector_equal(const struct canfw_selector_spec *a,
			   const struct canfw_selector_spec *b)
{
	return a->can_id == b->can_id && a->state == b->state &&
	       a->else_state == b->else_state &&
	       a->period_us == b->period_us && a->jitter_us == b->jitter_us &&
	       payload_equal(&a->payload, &b->payload);
}

/* The direction's state settings; the default only where it applies. */
static bool dir_state_equal(const struct cfw_dir *a, const struct cfw_dir *b)
{
	u32 i;

	if (a->state_default_in != b->state_default_in ||
	    (a->state_default_in && a->state_default != b->state_default) ||
	    !trigger_equal(&a->trigger, &b->trigger) || a->nsel != b->nsel)
		return false;
	for (i = 0; i < a->nsel && i < CANFW_SELECTORS_MAX; i++)
		if (!selector_equal(&a->sel[i], &b->sel[i]))
			return false;
	return true;
}

static bool dir_equal(const struct cfw_dir *a, const struct cfw_dir *b)
{
	u32 i;

	if (a->default_action != b->default_action ||
	    a->err_default != b->err_default ||
	    a->log_default != b->log_default || a->nrules != b->nrules ||
	    !dir_state_equal(a, b))
		return false;
	for (i = 0; i < a->nrules; i++)
		if (!rule_equal(&a->rules[i], &b->rules[i]))
			return false;
	return true;
}

bool cfw_policy_equal(const struct cfw_policy *a, const struct cfw_policy *b)
{
	size_t i;
	int d;

	u32 k;

	if (a->nifaces != b->nifaces || a->nstates != b->nstates)
		return false;
	for (k = 0; k < a->nstates && k < CANFW_STATES_MAX; k++)
		if (strcmp(a->states[k].name, b->states[k].name) ||
		    a->states[k].flags != b->states[k].flags)
			return false;
	for (i = 0; i < a->nifaces; i++) {
		const struct cfw_iface *x = &a->ifaces[i], *y = &b->ifaces[i];

		if (strcmp(x->name, y->name) || x->mode != y->mode ||
		    x->event_rate != y->event_rate ||
		    x->event_burst != y->event_burst ||
		    strcmp(x->comment, y->comment))
			return false;
		for (d = 0; d < CFW_NDIRS; d++)
			if (!dir_equal(&x->dir[d], &y->dir[d]))
				return false;
	}
	return true;
}

/*
 * Which entry governs an interface: an entry naming it exactly wins over
 * any glob; otherwise the first glob in policy order that matches. The
 * kernel binds interfaces by the same rule (see the uapi header).
 */
const struct cfw_iface *cfw_policy_lookup(const struct cfw_policy *p,
					  const char *ifname)
{
	size_t i;

	for (i = 0; i < p->nifaces; i++)
		if (!canfw_is_glob(p->ifaces[i].name) &&
		    !strcmp(p->ifaces[i].name, ifname))
			return &p->ifaces[i];
	for (i = 0; i < p->nifaces; i++)
		if (canfw_is_glob(p->ifaces[i].name) &&
		    canfw_glob_match(p->ifaces[i].name, ifname))
			return &p->ifaces[i];
	return NULL;
}

void cfw_dir_table_spec(const struct cfw_policy *p, const struct cfw_iface *ifc,
			int dir, struct canfw_table_spec *spec)
{
	const struct cfw_dir *d = &ifc->dir[dir];

	memset(spec, 0, sizeof(*spec));
	spec->dir = (u8)dir;
	spec->default_action = d->default_action;
	spec->err_action = d->err_default;
	spec->mode = ifc->mode;
	spec->log_default = d->log_default;
	spec->nrules = d->nrules;
	spec->rules = d->rules;
	spec->state_default = d->state_default;
	spec->state_default_in = d->state_default_in;
	spec->nstates = p->nstates;
	spec->trigger = d->trigger;
	spec->nsel = d->nsel;
	spec->sel = d->sel;
}

const char *cfw_dir_name(int dir)
{
	return dir == CANFW_DIR_TX ? "tx" : "rx";
}

const char *cfw_action_name(u8 action)
{
	return action == CANFW_ACTION_DROP ? "drop" : "accept";
}

const char *cfw_mode_name(u8 mode)
{
	return mode == CANFW_MODE_MONITOR ? "monitor" : "enforce";
}

const char *cfw_isotp_name(unsigned int i)
{
	static const char *const names[CFW_ISOTP_NTYPES] = {
		"sf", "ff", "cf", "fc",
	};

	return i < CFW_ISOTP_NTYPES ? names[i] : "?";
}
