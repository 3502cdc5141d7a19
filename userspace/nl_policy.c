// SPDX-License-Identifier: GPL-2.0
/* Policies to and from netlink: LOAD requests and GET_POLICY dumps. */
#include <errno.h>
#include <string.h>
#include "nl_policy.h"

static void put_rule(struct nlmsghdr *nlh, int dir,
		     const struct canfw_rule_spec *r)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_A_RULE);

	mnl_attr_put_u8(nlh, CANFW_RULE_A_DIR, dir);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_ACTION, r->action);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_ID_MATCH, r->id_match);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_ID_SPACE, r->space);
	mnl_attr_put_u32(nlh, CANFW_RULE_A_ID_LO, r->id_lo);
	mnl_attr_put_u32(nlh, CANFW_RULE_A_ID_HI, r->id_hi);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_KINDS, r->kinds);
	mnl_attr_put_u16(nlh, CANFW_RULE_A_LEN_LO, r->len_lo);
	mnl_attr_put_u16(nlh, CANFW_RULE_A_LEN_HI, r->len_hi);
	if (r->rate) {
		mnl_attr_put_u32(nlh, CANFW_RULE_A_RATE, r->rate);
		mnl_attr_put_u32(nlh, CANFW_RULE_A_BURST, r->burst);
	}
	if (r->flags)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_FLAGS, r->flags);
	mnl_attr_nest_end(nlh, nest);
}

static void put_dir(struct nlmsghdr *nlh, int type, const struct cfw_dir *d)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put_u8(nlh, CANFW_DIR_A_DEFAULT, d->default_action);
	mnl_attr_put_u8(nlh, CANFW_DIR_A_ERR_DEFAULT, d->err_default);
	if (d->log_default)
		mnl_attr_put(nlh, CANFW_DIR_A_LOG_DEFAULT, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
}

/* Generous per-rule bound: 11 attributes of at most 8 bytes each. */
size_t cfw_nl_policy_size(const struct cfw_policy *p)
{
	size_t i, size = 4096;

	for (i = 0; i < p->nifaces; i++)
		size += 256 + 128 * ((size_t)p->ifaces[i].dir[0].nrules +
				     p->ifaces[i].dir[1].nrules);
	return size;
}

void cfw_nl_put_policy(struct nlmsghdr *nlh, const struct cfw_policy *p)
{
	size_t i;
	u32 r;
	int d;

	for (i = 0; i < p->nifaces; i++) {
		const struct cfw_iface *f = &p->ifaces[i];
		struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_A_IFACE);

		mnl_attr_put_strz(nlh, CANFW_IFACE_A_NAME, f->name);
		mnl_attr_put_u8(nlh, CANFW_IFACE_A_MODE, f->mode);
		mnl_attr_put_u32(nlh, CANFW_IFACE_A_EVENT_RATE, f->event_rate);
		mnl_attr_put_u32(nlh, CANFW_IFACE_A_EVENT_BURST, f->event_burst);
		put_dir(nlh, CANFW_IFACE_A_RX, &f->dir[CANFW_DIR_RX]);
		put_dir(nlh, CANFW_IFACE_A_TX, &f->dir[CANFW_DIR_TX]);
		mnl_attr_nest_end(nlh, nest);
		/* Rules follow their entry at the top level: a nest is u16. */
		for (d = 0; d < CFW_NDIRS; d++)
			for (r = 0; r < f->dir[d].nrules; r++)
				put_rule(nlh, d, &f->dir[d].rules[r]);
	}
}

static void get_rule(const struct nlattr *nest, struct canfw_rule_spec *r)
{
	const struct nlattr *a;

	memset(r, 0, sizeof(*r));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_RULE_A_ACTION:
			r->action = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_ID_MATCH:
			r->id_match = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_ID_SPACE:
			r->space = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_ID_LO:
			r->id_lo = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_ID_HI:
			r->id_hi = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_KINDS:
			r->kinds = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_LEN_LO:
			r->len_lo = mnl_attr_get_u16(a);
			break;
		case CANFW_RULE_A_LEN_HI:
			r->len_hi = mnl_attr_get_u16(a);
			break;
		case CANFW_RULE_A_RATE:
			r->rate = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_BURST:
			r->burst = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_FLAGS:
			r->flags = mnl_attr_get_u32(a);
			break;
		}
	}
}

static struct cfw_iface *find_iface(struct cfw_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nifaces; i++)
		if (!strcmp(p->ifaces[i].name, name))
			return &p->ifaces[i];
	return cfw_policy_add_iface(p, name);
}

/* Append one dumped slice; slices must arrive in order. */
static int get_dir(const struct nlattr *nest, struct cfw_dir *d)
{
	const struct nlattr *a, *r;
	struct canfw_rule_spec rule;
	struct cfw_pos nopos = { 0, 0 };
	u32 start = 0;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_DIR_A_DEFAULT:
			d->default_action = mnl_attr_get_u8(a);
			break;
		case CANFW_DIR_A_ERR_DEFAULT:
			d->err_default = mnl_attr_get_u8(a);
			break;
		case CANFW_DIR_A_LOG_DEFAULT:
			d->log_default = 1;
			break;
		case CANFW_DIR_A_RULE_START:
			start = mnl_attr_get_u32(a);
			break;
		}
	}
	if (start != d->nrules)
		return -EPROTO;
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != CANFW_DIR_A_RULES)
			continue;
		mnl_attr_for_each_nested(r, a) {
			get_rule(r, &rule);
			if (cfw_dir_add_rule(d, &rule, nopos))
				return -ENOMEM;
		}
	}
	return 0;
}

int cfw_nl_policy_cb(const struct nlmsghdr *nlh, void *data)
{
	struct cfw_dump_policy *dp = data;
	const struct nlattr *a, *i;
	struct cfw_iface *f = NULL;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CANFW_A_GENERATION)
			dp->generation = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) != CANFW_A_IFACE)
			continue;
		mnl_attr_for_each_nested(i, a) {
			int type = mnl_attr_get_type(i);

			if (type == CANFW_IFACE_A_NAME) {
				f = find_iface(dp->policy, mnl_attr_get_str(i));
				if (!f)
					return MNL_CB_ERROR;
			} else if (type == CANFW_IFACE_A_MODE && f) {
				f->mode = mnl_attr_get_u8(i);
			} else if (type == CANFW_IFACE_A_EVENT_RATE && f) {
				f->event_rate = mnl_attr_get_u32(i);
			} else if (type == CANFW_IFACE_A_EVENT_BURST && f) {
				f->event_burst = mnl_attr_get_u32(i);
			} else if ((type == CANFW_IFACE_A_RX ||
				    type == CANFW_IFACE_A_TX) && f) {
				if (get_dir(i, &f->dir[type == CANFW_IFACE_A_RX ?
						       CANFW_DIR_RX :
						       CANFW_DIR_TX])) {
					errno = EPROTO;
					return MNL_CB_ERROR;
				}
			}
		}
	}
	return MNL_CB_OK;
}

/* Dump the kernel's policy, restarting while loads race the dump. */
int cfw_nl_get_policy(struct cfw_nl *nl, struct cfw_policy *p, u32 *gen)
{
	struct cfw_dump_policy dp = { .policy = p };
	int tries, intr, err = 0;

	for (tries = 0; tries < 10; tries++) {
		struct nlmsghdr *req = cfw_nl_request(nl, CANFW_CMD_GET_POLICY,
						      NLM_F_DUMP);

		cfw_policy_free(p);
		cfw_policy_init(p);
		err = cfw_nl_talk(nl, req, cfw_nl_policy_cb, &dp, &intr);
		if (err || !intr)
			break;
	}
	if (!err && intr) {
		fprintf(stderr, "Error: the policy kept changing during the dump; try again\n");
		err = -EAGAIN;
	}
	*gen = dp.generation;
	return err;
}
