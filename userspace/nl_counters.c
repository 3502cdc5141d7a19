// SPDX-License-Identifier: GPL-2.0
/* GET_COUNTERS dumps into the shape `stats` and `replay` both print. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nl_policy.h"

struct dump_counters {
	struct cfw_counters *c;
	u32 generation;
	int bad;
};

static void get_ctrs(const struct nlattr *nest, u64 *v, int n)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		int t = mnl_attr_get_type(a);

		if (t >= CANFW_CTR_A_ACCEPTED && t < CANFW_CTR_A_ACCEPTED + n)
			v[t - CANFW_CTR_A_ACCEPTED] = mnl_attr_get_u64(a);
	}
}

/* A trigger nest of a counters dump: how often it fired. */
static u64 get_fired(const struct nlattr *nest)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest)
		if (mnl_attr_get_type(a) == CANFW_TRIGGER_A_FIRED &&
		    !mnl_attr_validate(a, MNL_TYPE_U64))
			return mnl_attr_get_u64(a);
	return 0;
}

/* Selector nests come in the policy's order: the Nth is selector N. */
static void get_selector(const struct nlattr *nest,
			 struct cfw_iface_counters *ic, u32 i)
{
	const struct nlattr *a;

	if (i >= CANFW_SELECTORS_MAX)
		return;
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_validate(a, MNL_TYPE_U64))
			continue;
		if (mnl_attr_get_type(a) == CANFW_SELECTOR_A_FRAMES)
			ic->sel_frames[i] = mnl_attr_get_u64(a);
		else if (mnl_attr_get_type(a) == CANFW_SELECTOR_A_IGNORED)
			ic->sel_ignored[i] = mnl_attr_get_u64(a);
	}
}

/* One rule's counters, by its index in the direction. */
static void get_rule(const struct nlattr *r, struct cfw_iface_counters *ic,
		     int dir, struct dump_counters *dc)
{
	u64 rv[CANFW_CTR_A_MAX] = { 0 }, fired = 0;
	const struct nlattr *ra;
	u32 idx = U32_MAX;

	mnl_attr_for_each_nested(ra, r) {
		if (mnl_attr_get_type(ra) == CANFW_RULE_A_INDEX)
			idx = mnl_attr_get_u32(ra);
		else if (mnl_attr_get_type(ra) == CANFW_RULE_A_COUNTERS)
			get_ctrs(ra, rv, CANFW_CTR_A_MAX);
		else if (mnl_attr_get_type(ra) == CANFW_RULE_A_TRIGGER)
			fired = get_fired(ra);
	}
	if (idx >= ic->ifc->dir[dir].nrules) {
		dc->bad = 1;
		return;
	}
	if (ic->fired[dir])
		ic->fired[dir][idx] = fired;
	ic->rules[dir][idx].frames = rv[CANFW_CTR_A_FRAMES - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].bytes = rv[CANFW_CTR_A_BYTES - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].rate_limited =
		rv[CANFW_CTR_A_RATE_LIMITED - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].early = rv[CANFW_CTR_A_EARLY - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].missing =
		rv[CANFW_CTR_A_MISSING - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].recovered =
		rv[CANFW_CTR_A_RECOVERED - CANFW_CTR_A_ACCEPTED];
	ic->rules[dir][idx].per_id_full =
		rv[CANFW_CTR_A_PER_ID_FULL - CANFW_CTR_A_ACCEPTED];
}

static void get_dir(const struct nlattr *nest, struct cfw_iface_counters *ic,
		    int dir, struct dump_counters *dc)
{
	u64 v[CANFW_CTR_A_MAX] = { 0 };
	const struct nlattr *a;
	u32 nsel = 0;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == CANFW_DIR_A_TRIGGER) {
			ic->dir_fired[dir] = get_fired(a);
		} else if (mnl_attr_get_type(a) == CANFW_DIR_A_SELECTOR) {
			get_selector(a, ic, nsel++);
		} else if (mnl_attr_get_type(a) == CANFW_DIR_A_RULE) {
			get_rule(a, ic, dir, dc);
		} else if (mnl_attr_get_type(a) == CANFW_DIR_A_COUNTERS) {
			get_ctrs(a, v, CANFW_CTR_A_MAX);
			ic->dir[dir].accepted = v[0];
			ic->dir[dir].dropped_rule = v[1];
			ic->dir[dir].dropped_default = v[2];
			ic->dir[dir].rate_limited = v[3];
			ic->dir[dir].would_drop = v[4];
			ic->dir[dir].malformed =
				v[CANFW_CTR_A_MALFORMED - CANFW_CTR_A_ACCEPTED];
			ic->dir[dir].early =
				v[CANFW_CTR_A_EARLY - CANFW_CTR_A_ACCEPTED];
		}
	}
}

static void add_device(struct cfw_iface_counters *ic, const char *name,
		       struct dump_counters *dc)
{
	char **d = realloc(ic->devices, (ic->ndevices + 1) * sizeof(*d));

	if (!d) {
		dc->bad = -ENOMEM;
		return;
	}
	ic->devices = d;
	d[ic->ndevices] = strdup(name);
	if (!d[ic->ndevices]) {
		dc->bad = -ENOMEM;
		return;
	}
	ic->ndevices++;
}

static int counters_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_counters *dc = data;
	struct cfw_iface_counters *ic = NULL;
	const struct nlattr *a, *i;
	size_t k;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CANFW_A_GENERATION)
			dc->generation = mnl_attr_get_u32(a);
		/* The first message: the state these counters were read in. */
		if (mnl_attr_get_type(a) == CANFW_A_STATE_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING)) {
			snprintf(dc->c->state, sizeof(dc->c->state), "%s",
				 mnl_attr_get_str(a));
			dc->c->has_state = true;
		}
		if (mnl_attr_get_type(a) == CANFW_A_STATE_SEQ &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			dc->c->state_seq = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) != CANFW_A_IFACE)
			continue;
		mnl_attr_for_each_nested(i, a) {
			int t = mnl_attr_get_type(i);

			if (t == CANFW_IFACE_A_NAME) {
				ic = NULL;
				for (k = 0; k < dc->c->nifaces; k++)
					if (!strcmp(dc->c->ifaces[k].ifc->name,
						    mnl_attr_get_str(i)))
						ic = &dc->c->ifaces[k];
				if (!ic)
					dc->bad = 1;
			} else if (ic && t == CANFW_IFACE_A_BOUND) {
				add_device(ic, mnl_attr_get_str(i), dc);
			} else if (ic && (t == CANFW_IFACE_A_RX ||
					  t == CANFW_IFACE_A_TX)) {
				get_dir(i, ic, t == CANFW_IFACE_A_RX ?
					CANFW_DIR_RX : CANFW_DIR_TX, dc);
			}
		}
	}
	return MNL_CB_OK;
}

static int alloc_counters(const struct cfw_policy *p, struct cfw_counters *c)
{
	size_t i;
	int d;

	c->policy = p;
	c->nifaces = p->nifaces;
	c->ifaces = calloc(p->nifaces ? p->nifaces : 1, sizeof(*c->ifaces));
	if (!c->ifaces)
		return -ENOMEM;
	for (i = 0; i < p->nifaces; i++) {
		c->ifaces[i].ifc = &p->ifaces[i];
		for (d = 0; d < CFW_NDIRS; d++) {
			c->ifaces[i].rules[d] =
				calloc(p->ifaces[i].dir[d].nrules + 1,
				       sizeof(struct canfw_rule_counters));
			if (!c->ifaces[i].rules[d])
				return -ENOMEM;
		}
		if (cfw_counters_alloc_fired(&c->ifaces[i]))
			return -ENOMEM;
	}
	return 0;
}

/* Policy first, then counters; retry until both are of one generation. */
int cfw_nl_get_counters(struct cfw_nl *nl, struct cfw_policy *p,
			struct cfw_counters *c)
{
	int tries, err = 0;

	for (tries = 0; tries < 10; tries++) {
		struct dump_counters dc = { .c = c };
		struct nlmsghdr *req;
		u32 gen;
		int intr;

		cfw_counters_free(c);
		memset(c, 0, sizeof(*c));
		err = cfw_nl_get_policy(nl, p, &gen);
		if (!err)
			err = alloc_counters(p, c);
		if (err)
			return err;
		req = cfw_nl_request(nl, CANFW_CMD_GET_COUNTERS, NLM_F_DUMP);
		err = cfw_nl_talk(nl, req, counters_cb, &dc, &intr);
		if (err)
			return err;
		c->generation = gen;
		if (dc.bad == -ENOMEM)
			return -ENOMEM;
		if (!intr && !dc.bad && (!p->nifaces || dc.generation == gen))
			return 0;
	}
	fprintf(stderr, "Error: the policy kept changing during the dump; try again\n");
	return -EAGAIN;
}
