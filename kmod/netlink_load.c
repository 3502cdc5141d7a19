// SPDX-License-Identifier: GPL-2.0
/*
 * CANFW_CMD_LOAD: interface entries, in the shape dumps have, to a staged
 * policy; compiling it into one that can be published. A load outside a
 * transaction is a whole policy; in a transaction, several loads add
 * entries and slices of their rules until load-commit.
 */
#include "canfw.h"
#include "compat.h"
#include "ifglob.h"
#include "netlink.h"

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

void canfw_load_free(struct canfw_load *l)
{
	u32 i;
	int d;

	for (i = 0; i < l->n; i++)
		for (d = 0; d < CANFW_NDIRS; d++) {
			struct canfw_load_dir *ld = &l->e[i].dir[d];
			u32 k;

			for (k = 0; k < ld->spec.nrules; k++) {
				kvfree(ld->rules[k].parts);
				kvfree(ld->rules[k].comment);
			}
			kvfree(ld->rules);
			kvfree(ld->sel);
		}
	kvfree(l->e);
	memset(l, 0, sizeof(*l));
}

/* Grow an array to hold at least n elements, doubling. */
static int grow(void **p, u32 *cap, u32 n, size_t elem, size_t *bytes)
{
	u32 ncap = *cap ? *cap : 8;
	void *np;

	if (n <= *cap)
		return 0;
	while (ncap < n)
		ncap *= 2;
	if (*bytes + (size_t)(ncap - *cap) * elem > CANFW_MAX_POLICY_BYTES)
		return -E2BIG;
	np = kvcalloc(ncap, elem, CANFW_GFP);
	if (!np)
		return -ENOMEM;
	if (*cap)
		memcpy(np, *p, (size_t)*cap * elem);
	kvfree(*p);
	*bytes += (size_t)(ncap - *cap) * elem;
	*p = np;
	*cap = ncap;
	return 0;
}

/* Byte matches of a rule or selector, each a nest of type @type, in order. */
int canfw_nl_parse_data(const struct nlattr *nla, int type,
			struct canfw_payload_spec *p,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_DATA_A_MAX + 1];
	const struct nlattr *a;
	int rem, err;

	nla_for_each_nested(a, nla, rem) {
		struct canfw_data_match *m;

		if (nla_type(a) != type)
			continue;
		if (p->ndata == CANFW_DATA_MATCH_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a, "a rule has at most 4 byte matches");
			return -EINVAL;
		}
		err = nla_parse_nested(tb, CANFW_DATA_A_MAX, a,
				       canfw_data_match_nl_policy, extack);
		if (err)
			return err;
		if (!tb[CANFW_DATA_A_OFFSET] || !tb[CANFW_DATA_A_LEN] ||
		    !tb[CANFW_DATA_A_VALUE]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a byte match needs an offset, a length and a value");
			return -EINVAL;
		}
		m = &p->data[p->ndata++];
		m->offset = nla_get_u8(tb[CANFW_DATA_A_OFFSET]);
		m->len = nla_get_u8(tb[CANFW_DATA_A_LEN]);
		m->value = nla_get_u32(tb[CANFW_DATA_A_VALUE]);
		/* No mask: every bit of the bytes compared. */
		m->mask = get_u32(tb, CANFW_DATA_A_MASK,
				  m->len == 4 ? U32_MAX :
				  (1U << (8 * m->len)) - 1);
	}
	return 0;
}

/* uid and gid ranges, a cgroup, or no socket: each by its attributes. */
static int parse_sender(struct nlattr **tb, struct canfw_sender_spec *s,
			const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	if (tb[CANFW_RULE_A_UID_LO]) {
		s->match |= CANFW_SENDER_UID;
		s->uid_lo = nla_get_u32(tb[CANFW_RULE_A_UID_LO]);
		s->uid_hi = get_u32(tb, CANFW_RULE_A_UID_HI, s->uid_lo);
	}
	if (tb[CANFW_RULE_A_GID_LO]) {
		s->match |= CANFW_SENDER_GID;
		s->gid_lo = nla_get_u32(tb[CANFW_RULE_A_GID_LO]);
		s->gid_hi = get_u32(tb, CANFW_RULE_A_GID_HI, s->gid_lo);
	}
	if (tb[CANFW_RULE_A_CGROUP_ID] || tb[CANFW_RULE_A_CGROUP_LEVEL]) {
		/* Without it sockets keep no cgroup: the rule could never match. */
		if (!IS_ENABLED(CONFIG_SOCK_CGROUP_DATA)) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "this kernel keeps no cgroup for sockets (CONFIG_SOCK_CGROUP_DATA): cgroup rules cannot match");
			return -EOPNOTSUPP;
		}
		s->match |= CANFW_SENDER_CGROUP;
		s->cgroup_id = tb[CANFW_RULE_A_CGROUP_ID] ?
			       nla_get_u64(tb[CANFW_RULE_A_CGROUP_ID]) : 0;
		s->cgroup_level = get_u8(tb, CANFW_RULE_A_CGROUP_LEVEL, 0);
	}
	if (nla_get_flag(tb[CANFW_RULE_A_NO_SOCKET]))
		s->match |= CANFW_SENDER_NO_SOCKET;
	return 0;
}

/*
 * A comment must print back as one: dumps and canfwctl show it in double
 * quotes on one line, so no quote and no control character.
 */
static int check_comment(const struct nlattr *a, struct netlink_ext_ack *extack)
{
	const unsigned char *c = nla_data(a);

	for (; *c; c++)
		if (*c < ' ' || *c == 0x7f || *c == '"') {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a comment holds no quote or control character");
			return -EINVAL;
		}
	return 0;
}

/*
 * A set's further ID matches, into an array the rule owns from here on;
 * charged to the policy's bytes like its rules.
 */
static int parse_parts(const struct nlattr *nla, struct canfw_rule_spec *r,
		       size_t *bytes, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_ID_PART_A_MAX + 1];
	const struct nlattr *a;
	u32 n = 0;
	int rem, err;

	nla_for_each_nested(a, nla, rem)
		if (nla_type(a) == CANFW_RULE_A_ID_PART && ++n > CANFW_ID_PARTS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a set holds at most 32 IDs, ranges and masks");
			return -E2BIG;
		}
	if (*bytes + n * sizeof(*r->parts) > CANFW_MAX_POLICY_BYTES) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "policy too large: over 64 MiB");
		return -E2BIG;
	}
	r->parts = kvcalloc(n, sizeof(*r->parts), CANFW_GFP);
	if (!r->parts)
		return -ENOMEM;
	*bytes += n * sizeof(*r->parts);
	nla_for_each_nested(a, nla, rem) {
		struct canfw_id_part *part = &r->parts[r->nparts];

		if (nla_type(a) != CANFW_RULE_A_ID_PART)
			continue;
		err = nla_parse_nested(tb, CANFW_ID_PART_A_MAX, a,
				       canfw_id_part_nl_policy, extack);
		if (err)
			return err;
		if (!tb[CANFW_ID_PART_A_MATCH] || !tb[CANFW_ID_PART_A_SPACE] ||
		    !tb[CANFW_ID_PART_A_LO]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "an ID of a set needs a match, a space and a value");
			return -EINVAL;
		}
		part->match = nla_get_u8(tb[CANFW_ID_PART_A_MATCH]);
		part->space = nla_get_u8(tb[CANFW_ID_PART_A_SPACE]);
		part->lo = nla_get_u32(tb[CANFW_ID_PART_A_LO]);
		part->hi = get_u32(tb, CANFW_ID_PART_A_HI, part->lo);
		r->nparts++;
	}
	return 0;
}

static int parse_rule(const struct nlattr *nla, struct canfw_rule_spec *r,
		      size_t *bytes, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_RULE_A_MAX + 1];
	const char *msg;
	int err;

	err = nla_parse_nested(tb, CANFW_RULE_A_MAX, nla, canfw_rule_nl_policy,
			       extack);
	if (err)
		return err;
	if (!tb[CANFW_RULE_A_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "rule without an action");
		return -EINVAL;
	}
	if (tb[CANFW_RULE_A_INDEX] || tb[CANFW_RULE_A_COUNTERS]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "counters are not part of a load");
		return -EINVAL;
	}
	memset(r, 0, sizeof(*r));
	r->action = nla_get_u8(tb[CANFW_RULE_A_ACTION]);
	r->id_match = get_u8(tb, CANFW_RULE_A_ID_MATCH, CANFW_ID_MATCH_ANY);
	r->space = get_u8(tb, CANFW_RULE_A_ID_SPACE,
			  r->id_match == CANFW_ID_MATCH_ANY ? CANFW_SPACE_BOTH : 0);
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
	r->period_us = get_u32(tb, CANFW_RULE_A_PERIOD, 0);
	r->jitter_us = get_u32(tb, CANFW_RULE_A_JITTER, 0);
	r->timeout_us = get_u32(tb, CANFW_RULE_A_TIMEOUT, 0);
	r->per_id = get_u16(tb, CANFW_RULE_A_PER_ID, 0);
	r->payload.isotp = get_u8(tb, CANFW_RULE_A_ISOTP, 0);
	if (tb[CANFW_RULE_A_UDS]) {
		r->payload.has_uds = 1;
		nla_memcpy(r->payload.uds, tb[CANFW_RULE_A_UDS],
			   sizeof(r->payload.uds));
	}
	err = parse_sender(tb, &r->sender, nla, extack);
	if (err)
		return err;
	if (tb[CANFW_RULE_A_DATA]) {
		err = canfw_nl_parse_data(nla, CANFW_RULE_A_DATA, &r->payload,
					  extack);
		if (err)
			return err;
	}
	r->states = get_u32(tb, CANFW_RULE_A_IN, 0);
	if (tb[CANFW_RULE_A_TRIGGER]) {
		err = canfw_nl_parse_trigger(tb[CANFW_RULE_A_TRIGGER],
					     &r->trigger, extack);
		if (err)
			return err;
	}
	if (tb[CANFW_RULE_A_ID_PART]) {
		err = parse_parts(nla, r, bytes, extack);
		if (err)
			goto err_parts;
	}
	r->handle = get_u32(tb, CANFW_RULE_A_HANDLE, 0);
	if (tb[CANFW_RULE_A_COMMENT]) {
		const struct nlattr *c = tb[CANFW_RULE_A_COMMENT];

		/* The policy checked its length and its NUL. */
		err = check_comment(c, extack);
		if (err)
			goto err_parts;
		r->comment = kmemdup(nla_data(c), nla_len(c), CANFW_GFP);
		if (!r->comment) {
			err = -ENOMEM;
			goto err_parts;
		}
		*bytes += nla_len(c);
	}
	/* The engine is the one judge of a rule; point at the one it refused. */
	err = canfw_rule_check(r, &msg);
	if (err) {
		canfw_set_err_msg(extack, msg);
		NL_SET_BAD_ATTR(extack, nla);
		goto err_parts;
	}
	return 0;

err_parts:
	/* Not counted in the direction's rules: nothing else frees them. */
	kvfree(r->parts);
	kvfree(r->comment);
	r->parts = NULL;
	r->comment = NULL;
	r->nparts = 0;
	return err;
}

/* A direction's state default, trigger and selectors. */
static int load_dir_states(struct canfw_load_dir *d, struct nlattr **tb,
			   const struct nlattr *nla,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, err;

	d->spec.state_default = get_u8(tb, CANFW_DIR_A_STATE_DEFAULT,
				       CANFW_ACTION_ACCEPT);
	d->spec.state_default_in = get_u32(tb, CANFW_DIR_A_STATE_DEFAULT_IN, 0);
	if (tb[CANFW_DIR_A_TRIGGER]) {
		err = canfw_nl_parse_trigger(tb[CANFW_DIR_A_TRIGGER],
					     &d->spec.trigger, extack);
		if (err)
			return err;
	}
	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != CANFW_DIR_A_SELECTOR)
			continue;
		if (d->spec.nsel == CANFW_SELECTORS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a, "an entry has at most 8 selectors");
			return -E2BIG;
		}
		if (!d->sel) {
			d->sel = kvcalloc(CANFW_SELECTORS_MAX, sizeof(*d->sel),
					  CANFW_GFP);
			if (!d->sel)
				return -ENOMEM;
		}
		err = canfw_nl_parse_selector(a, &d->sel[d->spec.nsel], extack);
		if (err)
			return err;
		d->spec.nsel++;
	}
	return 0;
}

/* A direction's nest: its settings in the entry's first nest, then rules. */
static int load_dir(struct canfw_load *l, struct canfw_load_dir *d,
		    const struct nlattr *nla, bool first,
		    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_DIR_A_MAX + 1];
	const struct nlattr *a;
	int rem, err;

	err = nla_parse_nested(tb, CANFW_DIR_A_MAX, nla, canfw_dir_nl_policy,
			       extack);
	if (err)
		return err;
	if (!first && (tb[CANFW_DIR_A_DEFAULT] || tb[CANFW_DIR_A_ERR_DEFAULT] ||
		       tb[CANFW_DIR_A_LOG_DEFAULT] ||
		       tb[CANFW_DIR_A_STATE_DEFAULT] ||
		       tb[CANFW_DIR_A_STATE_DEFAULT_IN] ||
		       tb[CANFW_DIR_A_TRIGGER] || tb[CANFW_DIR_A_SELECTOR])) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "a direction's defaults belong to its entry's first nest");
		return -EINVAL;
	}
	if (tb[CANFW_DIR_A_COUNTERS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CANFW_DIR_A_COUNTERS],
				    "counters are not part of a load");
		return -EINVAL;
	}
	if (first) {
		d->spec.default_action = get_u8(tb, CANFW_DIR_A_DEFAULT,
						CANFW_ACTION_ACCEPT);
		d->spec.err_action = get_u8(tb, CANFW_DIR_A_ERR_DEFAULT,
					    CANFW_ACTION_ACCEPT);
		d->spec.log_default = !!tb[CANFW_DIR_A_LOG_DEFAULT];
		err = load_dir_states(d, tb, nla, extack);
		if (err)
			return err;
	}
	if (tb[CANFW_DIR_A_RULE_START] &&
	    nla_get_u32(tb[CANFW_DIR_A_RULE_START]) != d->spec.nrules) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CANFW_DIR_A_RULE_START],
				    "rule-start does not continue the rules sent before");
		return -EINVAL;
	}
	if (tb[CANFW_DIR_A_NRULES]) {
		u32 n = nla_get_u32(tb[CANFW_DIR_A_NRULES]);

		if (n > CANFW_MAX_RULES) {
			NL_SET_ERR_MSG_ATTR(extack, tb[CANFW_DIR_A_NRULES],
					    "too many rules: at most 65536 per interface and direction");
			return -E2BIG;
		}
		if (d->announced != CANFW_NO_RULE && d->announced != n) {
			NL_SET_ERR_MSG_ATTR(extack, tb[CANFW_DIR_A_NRULES],
					    "nrules differs from the number given before");
			return -EINVAL;
		}
		d->announced = n;
	}
	nla_for_each_nested(a, nla, rem) {
		if (nla_type(a) != CANFW_DIR_A_RULE)
			continue;
		if (d->spec.nrules == CANFW_MAX_RULES) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "too many rules: at most 65536 per interface and direction");
			return -E2BIG;
		}
		err = grow((void **)&d->rules, &d->cap, d->spec.nrules + 1,
			   sizeof(*d->rules), &l->bytes);
		if (err == -E2BIG)
			NL_SET_ERR_MSG_ATTR(extack, a, "policy too large: over 64 MiB");
		if (err)
			return err;
		err = parse_rule(a, &d->rules[d->spec.nrules], &l->bytes, extack);
		if (err)
			return err;
		d->spec.nrules++;
	}
	return 0;
}

static struct canfw_load_entry *find_entry(struct canfw_load *l,
					   const char *name)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->e[i].name, name))
			return &l->e[i];
	return NULL;
}

static struct canfw_load_entry *new_entry(struct canfw_load *l,
					  const char *name, struct nlattr **tb,
					  const struct nlattr *nla,
					  struct netlink_ext_ack *extack)
{
	struct canfw_load_entry *e;
	int d, err;

	if (l->n == CANFW_MAX_IFACES) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "too many interface entries: at most 1024");
		return ERR_PTR(-E2BIG);
	}
	if (tb[CANFW_IFACE_A_COMMENT] &&
	    check_comment(tb[CANFW_IFACE_A_COMMENT], extack))
		return ERR_PTR(-EINVAL);
	err = grow((void **)&l->e, &l->cap, l->n + 1, sizeof(*l->e),
		   &l->bytes);
	if (err)
		return ERR_PTR(err);
	e = &l->e[l->n++];
	strscpy(e->name, name, sizeof(e->name));
	e->mode = get_u8(tb, CANFW_IFACE_A_MODE, CANFW_MODE_ENFORCE);
	e->event_rate = get_u32(tb, CANFW_IFACE_A_EVENT_RATE, CANFW_EVENT_RATE);
	e->event_burst = get_u32(tb, CANFW_IFACE_A_EVENT_BURST,
				 CANFW_EVENT_BURST);
	if (tb[CANFW_IFACE_A_COMMENT])
		nla_strscpy(e->comment, tb[CANFW_IFACE_A_COMMENT],
			    sizeof(e->comment));
	for (d = 0; d < CANFW_NDIRS; d++) {
		e->dir[d].spec.dir = d;
		e->dir[d].spec.mode = e->mode;
		e->dir[d].announced = CANFW_NO_RULE;
	}
	return e;
}

static int load_iface(struct canfw_load *l, const struct nlattr *nla,
		      bool txn, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CANFW_IFACE_A_MAX + 1];
	struct canfw_load_entry *e;
	const char *name;
	bool first;
	int err;

	err = nla_parse_nested(tb, CANFW_IFACE_A_MAX, nla,
			       canfw_iface_nl_policy, extack);
	if (err)
		return err;
	if (!tb[CANFW_IFACE_A_NAME] || !*(char *)nla_data(tb[CANFW_IFACE_A_NAME])) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "interface entry without a name");
		return -EINVAL;
	}
	if (tb[CANFW_IFACE_A_EVENTS_SUPPRESSED] || tb[CANFW_IFACE_A_BOUND]) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "counters are not part of a load");
		return -EINVAL;
	}
	name = nla_data(tb[CANFW_IFACE_A_NAME]);
	e = find_entry(l, name);
	first = !e;
	if (e && !txn) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CANFW_IFACE_A_NAME],
				    "duplicate interface entry");
		return -EEXIST;
	}
	if (e && (tb[CANFW_IFACE_A_MODE] || tb[CANFW_IFACE_A_EVENT_RATE] ||
		  tb[CANFW_IFACE_A_EVENT_BURST] || tb[CANFW_IFACE_A_COMMENT])) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "an entry's settings belong to its first nest");
		return -EINVAL;
	}
	if (!e) {
		e = new_entry(l, name, tb, nla, extack);
		if (IS_ERR(e))
			return PTR_ERR(e);
	}
	if (tb[CANFW_IFACE_A_RX])
		err = load_dir(l, &e->dir[CANFW_DIR_RX], tb[CANFW_IFACE_A_RX],
			       first, extack);
	if (!err && tb[CANFW_IFACE_A_TX])
		err = load_dir(l, &e->dir[CANFW_DIR_TX], tb[CANFW_IFACE_A_TX],
			       first, extack);
	return err;
}

/**
 * canfw_load_add() - stage the entries of one LOAD message
 * @l: the staged policy
 * @info: the message
 * @txn: part of a transaction: entries named again continue
 *
 * Context: Process context.
 * Return: 0, or an error with extack set; @l is then to be discarded.
 */
int canfw_load_add(struct canfw_load *l, struct genl_info *info, bool txn)
{
	const struct nlattr *a;
	int rem, err;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) == CANFW_A_STATE) {
			err = canfw_nl_parse_state(a, l, info->extack);
			if (err)
				return err;
			continue;
		}
		if (nla_type(a) != CANFW_A_IFACE) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "unexpected attribute in a load");
			return -EINVAL;
		}
		err = load_iface(l, a, txn, info->extack);
		if (err)
			return err;
	}
	return 0;
}

static int compile_entry(struct canfw_load *l, struct canfw_load_entry *le,
			 struct canfw_iface *e, size_t *bytes,
			 struct netlink_ext_ack *extack)
{
	struct canfw_build_error berr;
	int d, err;

	strscpy(e->name, le->name, sizeof(e->name));
	e->glob = canfw_is_glob(e->name);
	e->mode = le->mode;
	e->event_rate = le->event_rate;
	e->event_burst = le->event_burst;
	memcpy(e->comment, le->comment, sizeof(e->comment));
	for (d = 0; d < CANFW_NDIRS; d++) {
		struct canfw_load_dir *ld = &le->dir[d];

		if (ld->announced != CANFW_NO_RULE &&
		    ld->announced != ld->spec.nrules) {
			canfw_set_err_msg(extack,
					  "a direction got fewer or more rules than its nrules said");
			return -EINVAL;
		}
		ld->spec.rules = ld->rules;
		ld->spec.sel = ld->sel;
		ld->spec.nstates = l->nstates;
		ld->spec.max_bytes = CANFW_MAX_POLICY_BYTES - *bytes;
		err = canfw_table_build(&ld->spec, &e->dir[d], &berr);
		if (err) {
			canfw_set_err_msg(extack, berr.msg);
			return err;
		}
		*bytes += e->dir[d]->bytes;
	}
	return 0;
}

/**
 * canfw_load_compile() - compile a staged policy
 * @l: the staged policy
 * @out: the compiled policy, unpublished
 * @extack: where a refusal is explained
 *
 * Context: Process context; takes no lock, however long it runs.
 * Return: 0, or an error with extack set.
 */
int canfw_load_compile(struct canfw_load *l, struct canfw_policy **out,
		       struct netlink_ext_ack *extack)
{
	struct canfw_policy *p;
	const char *msg;
	u32 i;
	int err;

	err = canfw_states_check(l->states, l->nstates, &msg);
	if (err) {
		canfw_set_err_msg(extack, msg);
		return err;
	}
	p = canfw_policy_alloc(l->n);
	if (!p)
		return -ENOMEM;
	canfw_states_init(&p->states, l->states, l->nstates);
	for (i = 0; i < l->n; i++) {
		p->iface[i].states = &p->states;
		err = compile_entry(l, &l->e[i], &p->iface[i], &p->bytes,
				    extack);
		if (err)
			goto fail;
		cond_resched();
	}
	err = canfw_policy_index(p);
	if (err)
		goto fail;
	*out = p;
	return 0;
fail:
	canfw_policy_free(p);
	return err;
}
