// SPDX-License-Identifier: GPL-2.0
/* CANFW_CMD_LOAD: netlink attributes to a compiled, unpublished policy. */
#include "canfw.h"
#include "compat.h"
#include "ifglob.h"

/*
 * Both limits are 1..1000000; NLA_POLICY_RANGE only holds 16 bits. Not
 * const: 6.1 declares the policy's range pointer without const.
 */
static struct netlink_range_validation canfw_rate_range = {
	.min = CANFW_RATE_MIN,
	.max = CANFW_RATE_MAX,
};

static const struct nla_policy canfw_rule_policy[CANFW_RULE_A_MAX + 1] = {
	[CANFW_RULE_A_ACTION] = NLA_POLICY_MAX(NLA_U8, CANFW_DROP),
	[CANFW_RULE_A_ID_MATCH] = NLA_POLICY_MAX(NLA_U8, CANFW_ID_MASK),
	[CANFW_RULE_A_ID_SPACE] = NLA_POLICY_RANGE(NLA_U8, CANFW_SPACE_SFF,
						   CANFW_SPACE_BOTH),
	[CANFW_RULE_A_ID_LO] = { .type = NLA_U32 },
	[CANFW_RULE_A_ID_HI] = { .type = NLA_U32 },
	[CANFW_RULE_A_KINDS] = NLA_POLICY_MASK(NLA_U8, CANFW_KIND_ALL_ID |
					       CANFW_KIND_ERR),
	[CANFW_RULE_A_LEN_LO] = NLA_POLICY_MAX(NLA_U16, CANFW_MAX_LEN),
	[CANFW_RULE_A_LEN_HI] = NLA_POLICY_MAX(NLA_U16, CANFW_MAX_LEN),
	[CANFW_RULE_A_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &canfw_rate_range),
	[CANFW_RULE_A_BURST] = NLA_POLICY_FULL_RANGE(NLA_U32,
						     &canfw_rate_range),
	[CANFW_RULE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, CANFW_RULE_F_LOG),
	[CANFW_RULE_A_DIR] = NLA_POLICY_MAX(NLA_U8, CANFW_DIR_TX),
};

static const struct nla_policy canfw_dir_policy[CANFW_DIR_A_MAX + 1] = {
	[CANFW_DIR_A_DEFAULT] = NLA_POLICY_MAX(NLA_U8, CANFW_DROP),
	[CANFW_DIR_A_ERR_DEFAULT] = NLA_POLICY_MAX(NLA_U8, CANFW_DROP),
	[CANFW_DIR_A_LOG_DEFAULT] = { .type = NLA_FLAG },
};

static const struct nla_policy canfw_iface_policy[CANFW_IFACE_A_MAX + 1] = {
	[CANFW_IFACE_A_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[CANFW_IFACE_A_MODE] = NLA_POLICY_MAX(NLA_U8, CANFW_MONITOR),
	[CANFW_IFACE_A_RX] = { .type = NLA_NESTED },
	[CANFW_IFACE_A_TX] = { .type = NLA_NESTED },
	[CANFW_IFACE_A_EVENT_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32,
							   &canfw_rate_range),
	[CANFW_IFACE_A_EVENT_BURST] = NLA_POLICY_FULL_RANGE(NLA_U32,
							    &canfw_rate_range),
};

static u8 get_u8(struct nlattr **tb, int type, u8 def)
{
	return tb[type] ? nla_get_u8(tb[type]) : def;
}

static u16 get_u16(struct nlattr **tb, int type, u16 def)
{
	return tb[type] ? nla_get_u16(tb[type]) : def;
}

static u32 get_u32(struct nlattr **tb, int type, u32 def)
{
	return tb[type] ? nla_get_u32(tb[type]) : def;
}

static int parse_rule(const struct nlattr *nla, struct canfw_rule_spec *r,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_RULE_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, CANFW_RULE_A_MAX, nla, canfw_rule_policy,
			       extack);
	if (err)
		return err;
	if (!tb[CANFW_RULE_A_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "rule without an action");
		return -EINVAL;
	}
	r->action = nla_get_u8(tb[CANFW_RULE_A_ACTION]);
	r->id_match = get_u8(tb, CANFW_RULE_A_ID_MATCH, CANFW_ID_ANY);
	r->space = get_u8(tb, CANFW_RULE_A_ID_SPACE,
			  r->id_match == CANFW_ID_ANY ? CANFW_SPACE_BOTH : 0);
	r->id_lo = get_u32(tb, CANFW_RULE_A_ID_LO, 0);
	r->id_hi = get_u32(tb, CANFW_RULE_A_ID_HI, r->id_lo);
	r->kinds = get_u8(tb, CANFW_RULE_A_KINDS, 0);
	r->len_lo = get_u16(tb, CANFW_RULE_A_LEN_LO, 0);
	/* No upper end: as long as the rule's kinds of frame can be. */
	r->len_hi = get_u16(tb, CANFW_RULE_A_LEN_HI,
			    canfw_kinds_max_len(r->kinds));
	r->rate = get_u32(tb, CANFW_RULE_A_RATE, 0);
	r->burst = get_u32(tb, CANFW_RULE_A_BURST, r->rate ? 1 : 0);
	r->flags = get_u32(tb, CANFW_RULE_A_FLAGS, 0);
	return 0;
}

/* One entry while a load is parsed: its settings and rules per direction. */
struct load_entry {
	struct canfw_table_spec spec[CANFW_NDIRS];
	struct canfw_rule_spec *rules[CANFW_NDIRS];
};

static int parse_dir(const struct nlattr *nla, u8 dir, u8 mode,
		     struct canfw_table_spec *spec,
		     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_DIR_A_MAX + 1] = {};
	int err;

	if (nla) {
		err = nla_parse_nested(tb, CANFW_DIR_A_MAX, nla,
				       canfw_dir_policy, extack);
		if (err)
			return err;
	}
	spec->default_action = get_u8(tb, CANFW_DIR_A_DEFAULT, CANFW_ACCEPT);
	spec->err_action = get_u8(tb, CANFW_DIR_A_ERR_DEFAULT, CANFW_ACCEPT);
	spec->log_default = !!tb[CANFW_DIR_A_LOG_DEFAULT];
	spec->mode = mode;
	spec->dir = dir;
	return 0;
}

static int parse_iface(const struct nlattr *nla, struct canfw_iface *e,
		       struct load_entry *le, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_IFACE_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, CANFW_IFACE_A_MAX, nla, canfw_iface_policy,
			       extack);
	if (err)
		return err;
	if (!tb[CANFW_IFACE_A_NAME] || !nla_len(tb[CANFW_IFACE_A_NAME]) ||
	    !*(char *)nla_data(tb[CANFW_IFACE_A_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "interface entry without a name");
		return -EINVAL;
	}
	nla_strscpy(e->name, tb[CANFW_IFACE_A_NAME], sizeof(e->name));
	e->glob = canfw_is_glob(e->name);
	e->mode = get_u8(tb, CANFW_IFACE_A_MODE, CANFW_ENFORCE);
	e->event_rate = get_u32(tb, CANFW_IFACE_A_EVENT_RATE, CANFW_EVENT_RATE);
	e->event_burst = get_u32(tb, CANFW_IFACE_A_EVENT_BURST,
				 CANFW_EVENT_BURST);
	err = parse_dir(tb[CANFW_IFACE_A_RX], CANFW_DIR_RX, e->mode,
			&le->spec[CANFW_DIR_RX], extack);
	if (!err)
		err = parse_dir(tb[CANFW_IFACE_A_TX], CANFW_DIR_TX, e->mode,
				&le->spec[CANFW_DIR_TX], extack);
	return err;
}

static int rule_dir(const struct nlattr *rule, struct netlink_ext_ack *extack)
{
	const struct nlattr *d = nla_find_nested(rule, CANFW_RULE_A_DIR);

	if (!d || nla_len(d) != sizeof(u8) || nla_get_u8(d) > CANFW_DIR_TX) {
		NL_SET_ERR_MSG_ATTR(extack, rule, "rule without a valid direction");
		return -EINVAL;
	}
	return nla_get_u8(d);
}

/*
 * First pass: check the shape (entries, each followed by its rules) and
 * count, so that every array is allocated once at its final size.
 */
static int count_load(struct genl_info *info, struct canfw_policy *p,
		      struct load_entry **lep, u32 *nle)
{
	struct netlink_ext_ack *extack = info->extack;
	struct load_entry *le;
	const struct nlattr *a;
	int rem, dir;
	u32 n = 0, i, d;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) == CANFW_A_IFACE) {
			n++;
		} else if (nla_type(a) != CANFW_A_RULE) {
			NL_SET_ERR_MSG_ATTR(extack, a, "unexpected attribute in a load");
			return -EINVAL;
		} else if (!n) {
			NL_SET_ERR_MSG_ATTR(extack, a, "rule before any interface entry");
			return -EINVAL;
		}
	}
	if (n > CANFW_MAX_IFACES) {
		NL_SET_ERR_MSG(extack, "too many interface entries: at most 1024");
		return -E2BIG;
	}
	p->iface = kvcalloc(n, sizeof(*p->iface), GFP_KERNEL_ACCOUNT);
	le = kvcalloc(n, sizeof(*le), GFP_KERNEL_ACCOUNT);
	*lep = le;
	if (!p->iface || !le)
		return -ENOMEM;
	*nle = n;
	i = 0;
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) == CANFW_A_IFACE) {
			i++;
			continue;
		}
		dir = rule_dir(a, extack);
		if (dir < 0)
			return dir;
		if (++le[i - 1].spec[dir].nrules > CANFW_MAX_RULES) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many rules: at most 65536 per interface and direction");
			return -E2BIG;
		}
	}
	for (i = 0; i < n; i++) {
		for (d = 0; d < CANFW_NDIRS; d++) {
			le[i].rules[d] = kvcalloc(le[i].spec[d].nrules,
						  sizeof(struct canfw_rule_spec),
						  GFP_KERNEL_ACCOUNT);
			if (!le[i].rules[d])
				return -ENOMEM;
			le[i].spec[d].rules = le[i].rules[d];
			le[i].spec[d].nrules = 0;
		}
	}
	return 0;
}

static const struct nlattr *nth_iface(struct genl_info *info, u32 n)
{
	const struct nlattr *a;
	int rem;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem)
		if (nla_type(a) == CANFW_A_IFACE && !n--)
			return a;
	return NULL;
}

/* Point extack at the rule the engine refused. */
static void bad_rule(struct genl_info *info, const struct nlattr *iface,
		     int dir, u32 index)
{
	const struct nlattr *a;
	bool in = false;
	u32 i = 0;
	int rem;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) == CANFW_A_IFACE) {
			in = a == iface;
		} else if (in && rule_dir(a, NULL) == dir && i++ == index) {
			NL_SET_BAD_ATTR(info->extack, a);
			return;
		}
	}
}

static bool duplicate(const struct canfw_policy *p)
{
	u32 j, last = p->niface - 1;

	for (j = 0; j < last; j++)
		if (!strcmp(p->iface[j].name, p->iface[last].name))
			return true;
	return false;
}

/* Parse and compile every entry of a LOAD request; publish nothing. */
int canfw_load_parse(struct genl_info *info, struct canfw_policy **out)
{
	struct netlink_ext_ack *extack = info->extack;
	struct load_entry *le = NULL, *e = NULL;
	struct canfw_build_error berr;
	const struct nlattr *a;
	struct canfw_policy *p;
	u32 i, n = 0;
	int rem, d, err;

	p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p)
		return -ENOMEM;
	err = count_load(info, p, &le, &n);
	if (err)
		goto out;
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) == CANFW_A_IFACE) {
			e = &le[p->niface];
			err = parse_iface(a, &p->iface[p->niface++], e, extack);
			if (!err && duplicate(p)) {
				NL_SET_ERR_MSG_ATTR(extack, a, "duplicate interface entry");
				err = -EEXIST;
			}
		} else {
			d = rule_dir(a, NULL);
			err = parse_rule(a, &e->rules[d][e->spec[d].nrules++],
					 extack);
		}
		if (err)
			goto out;
	}
	/* Compile; the first table the engine refuses fails the load. */
	for (i = 0; i < n; i++) {
		for (d = 0; d < CANFW_NDIRS; d++) {
			err = canfw_table_build(&le[i].spec[d],
						&p->iface[i].dir[d], &berr);
			if (!err)
				continue;
			canfw_set_err_msg(extack, berr.msg);
			if (berr.rule != CANFW_NO_RULE)
				bad_rule(info, nth_iface(info, i), d, berr.rule);
			goto out;
		}
	}
	*out = p;
	p = NULL;
out:
	for (i = 0; le && i < n; i++) {
		kvfree(le[i].rules[CANFW_DIR_RX]);
		kvfree(le[i].rules[CANFW_DIR_TX]);
	}
	kvfree(le);
	canfw_policy_free(p);
	return err;
}
