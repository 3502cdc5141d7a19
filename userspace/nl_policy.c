// SPDX-License-Identifier: GPL-2.0
/* Policies to and from netlink: LOAD requests and GET_POLICY dumps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nl_policy.h"

/* Each byte match a nest of its own, in order; then ISO-TP and services. */
static void put_payload(struct nlmsghdr *nlh, const struct canfw_payload_spec *p)
{
	u8 i;

	for (i = 0; i < p->ndata && i < CANFW_DATA_MATCH_MAX; i++) {
		const struct canfw_data_match *m = &p->data[i];
		struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_RULE_A_DATA);

		mnl_attr_put_u8(nlh, CANFW_DATA_A_OFFSET, m->offset);
		mnl_attr_put_u8(nlh, CANFW_DATA_A_LEN, m->len);
		mnl_attr_put_u32(nlh, CANFW_DATA_A_VALUE, m->value);
		mnl_attr_put_u32(nlh, CANFW_DATA_A_MASK, m->mask);
		mnl_attr_nest_end(nlh, nest);
	}
	if (p->isotp)
		mnl_attr_put_u8(nlh, CANFW_RULE_A_ISOTP, p->isotp);
	if (p->has_uds)
		mnl_attr_put(nlh, CANFW_RULE_A_UDS, sizeof(p->uds), p->uds);
}

/*
 * Each match by its attributes, as the kernel dumps them: both ends of a
 * range, the cgroup's id and level, the no-socket flag.
 */
static void put_sender(struct nlmsghdr *nlh, const struct canfw_sender_spec *s)
{
	if (s->match & CANFW_SENDER_UID) {
		mnl_attr_put_u32(nlh, CANFW_RULE_A_UID_LO, s->uid_lo);
		mnl_attr_put_u32(nlh, CANFW_RULE_A_UID_HI, s->uid_hi);
	}
	if (s->match & CANFW_SENDER_GID) {
		mnl_attr_put_u32(nlh, CANFW_RULE_A_GID_LO, s->gid_lo);
		mnl_attr_put_u32(nlh, CANFW_RULE_A_GID_HI, s->gid_hi);
	}
	if (s->match & CANFW_SENDER_CGROUP) {
		mnl_attr_put_u64(nlh, CANFW_RULE_A_CGROUP_ID, s->cgroup_id);
		mnl_attr_put_u8(nlh, CANFW_RULE_A_CGROUP_LEVEL, s->cgroup_level);
	}
	if (s->match & CANFW_SENDER_NO_SOCKET)
		mnl_attr_put(nlh, CANFW_RULE_A_NO_SOCKET, 0, NULL);
}

static void put_trigger(struct nlmsghdr *nlh, u16 type,
			const struct canfw_trigger_spec *t)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	mnl_attr_put_u8(nlh, CANFW_TRIGGER_A_EVENT, t->event);
	mnl_attr_put_u32(nlh, CANFW_TRIGGER_A_COUNT, t->count);
	mnl_attr_put_u32(nlh, CANFW_TRIGGER_A_WINDOW, t->window_us);
	mnl_attr_put_u8(nlh, CANFW_TRIGGER_A_STATE, t->state);
	mnl_attr_nest_end(nlh, nest);
}

/* Byte matches as a rule's are; no else state and no jitter are absent. */
static void put_selector(struct nlmsghdr *nlh,
			 const struct canfw_selector_spec *s)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_DIR_A_SELECTOR);
	u8 i;

	mnl_attr_put_u32(nlh, CANFW_SELECTOR_A_CAN_ID, s->can_id);
	for (i = 0; i < s->payload.ndata && i < CANFW_DATA_MATCH_MAX; i++) {
		const struct canfw_data_match *m = &s->payload.data[i];
		struct nlattr *d = mnl_attr_nest_start(nlh, CANFW_SELECTOR_A_DATA);

		mnl_attr_put_u8(nlh, CANFW_DATA_A_OFFSET, m->offset);
		mnl_attr_put_u8(nlh, CANFW_DATA_A_LEN, m->len);
		mnl_attr_put_u32(nlh, CANFW_DATA_A_VALUE, m->value);
		mnl_attr_put_u32(nlh, CANFW_DATA_A_MASK, m->mask);
		mnl_attr_nest_end(nlh, d);
	}
	mnl_attr_put_u8(nlh, CANFW_SELECTOR_A_STATE, s->state);
	if (s->else_state != CANFW_NO_STATE)
		mnl_attr_put_u8(nlh, CANFW_SELECTOR_A_ELSE_STATE, s->else_state);
	if (s->period_us)
		mnl_attr_put_u32(nlh, CANFW_SELECTOR_A_PERIOD, s->period_us);
	if (s->jitter_us)
		mnl_attr_put_u32(nlh, CANFW_SELECTOR_A_JITTER, s->jitter_us);
	mnl_attr_nest_end(nlh, nest);
}

/* A direction's state settings, in its first nest. */
static void put_dir_states(struct nlmsghdr *nlh, const struct cfw_dir *d)
{
	u32 i;

	if (d->state_default_in) {
		mnl_attr_put_u8(nlh, CANFW_DIR_A_STATE_DEFAULT, d->state_default);
		mnl_attr_put_u32(nlh, CANFW_DIR_A_STATE_DEFAULT_IN,
				 d->state_default_in);
	}
	if (d->trigger.count)
		put_trigger(nlh, CANFW_DIR_A_TRIGGER, &d->trigger);
	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++)
		put_selector(nlh, &d->sel[i]);
}

/* Room put_dir_states() takes: 16 bytes, 36 a trigger, 44 + 36 a match. */
static size_t dir_states_room(const struct cfw_dir *d)
{
	size_t n = 16 + (d->trigger.count ? 36 : 0);
	u32 i;

	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++)
		n += 44 + 36 * (size_t)d->sel[i].payload.ndata;
	return n;
}

/* A set's further ID matches, one nest each (36 bytes: PART_ROOM). */
#define PART_ROOM	36
static void put_parts(struct nlmsghdr *nlh, const struct canfw_rule_spec *r)
{
	u16 i;

	for (i = 0; i < r->nparts; i++) {
		struct nlattr *nest = mnl_attr_nest_start(nlh,
							  CANFW_RULE_A_ID_PART);

		mnl_attr_put_u8(nlh, CANFW_ID_PART_A_MATCH, r->parts[i].match);
		mnl_attr_put_u8(nlh, CANFW_ID_PART_A_SPACE, r->parts[i].space);
		mnl_attr_put_u32(nlh, CANFW_ID_PART_A_LO, r->parts[i].lo);
		mnl_attr_put_u32(nlh, CANFW_ID_PART_A_HI, r->parts[i].hi);
		mnl_attr_nest_end(nlh, nest);
	}
}

static void put_rule(struct nlmsghdr *nlh, const struct canfw_rule_spec *r)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_DIR_A_RULE);

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
	if (r->period_us) {
		mnl_attr_put_u32(nlh, CANFW_RULE_A_PERIOD, r->period_us);
		mnl_attr_put_u32(nlh, CANFW_RULE_A_JITTER, r->jitter_us);
	}
	if (r->timeout_us)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_TIMEOUT, r->timeout_us);
	if (r->per_id)
		mnl_attr_put_u16(nlh, CANFW_RULE_A_PER_ID, r->per_id);
	put_payload(nlh, &r->payload);
	put_sender(nlh, &r->sender);
	if (r->states)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_IN, r->states);
	if (r->trigger.count)
		put_trigger(nlh, CANFW_RULE_A_TRIGGER, &r->trigger);
	put_parts(nlh, r);
	if (r->handle)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_HANDLE, r->handle);
	if (r->comment)
		mnl_attr_put_strz(nlh, CANFW_RULE_A_COMMENT, r->comment);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * Room a rule, an entry's or a direction's head may take, with slack: a
 * rule with every attribute takes 124 bytes, plus 144 for four byte
 * matches, 44 for ISO-TP types and services, 52 for uid, gid and a
 * cgroup, 44 for its states and trigger, 8 for its handle and 132 for a
 * comment (an entry's head too). A direction's state settings and a
 * set's further IDs are counted apart (dir_states_room(), PART_ROOM).
 */
#define RULE_ROOM	588
#define HEAD_ROOM	324

static void map_add(struct cfw_load_msg *m, const struct nlmsghdr *nlh,
		    const void *start, size_t iface, int dir, u32 rule)
{
	struct cfw_load_span *sp;

	if (m->nspans == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct cfw_load_span *n = realloc(m->spans, cap * sizeof(*n));

		if (!n)
			return;		/* errors then point at less */
		m->spans = n;
		m->cap = cap;
	}
	sp = &m->spans[m->nspans++];
	sp->start = (u32)((const char *)start - (const char *)nlh);
	sp->end = nlh->nlmsg_len;
	sp->iface = iface;
	sp->dir = dir;
	sp->rule = rule;
}

/*
 * A direction's nest with the rules from cur->rule on, as many as fit
 * below limit; settings only in the entry's first nest.
 */
static bool put_dir(struct nlmsghdr *nlh, size_t limit, struct cfw_load_msg *m,
		    const struct cfw_iface *f, size_t i, int d, u32 *rule,
		    bool first)
{
	const struct cfw_dir *dir = &f->dir[d];
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, d == CANFW_DIR_RX ? CANFW_IFACE_A_RX :
							    CANFW_IFACE_A_TX);
	if (first) {
		mnl_attr_put_u8(nlh, CANFW_DIR_A_DEFAULT, dir->default_action);
		mnl_attr_put_u8(nlh, CANFW_DIR_A_ERR_DEFAULT, dir->err_default);
		if (dir->log_default)
			mnl_attr_put(nlh, CANFW_DIR_A_LOG_DEFAULT, 0, NULL);
		mnl_attr_put_u32(nlh, CANFW_DIR_A_NRULES, dir->nrules);
		put_dir_states(nlh, dir);
	}
	mnl_attr_put_u32(nlh, CANFW_DIR_A_RULE_START, *rule);
	for (; *rule < dir->nrules; ++*rule) {
		const void *at = mnl_nlmsg_get_payload_tail(nlh);

		/* The other direction's head must fit after these rules. */
		if (nlh->nlmsg_len + RULE_ROOM +
		    dir->rules[*rule].nparts * PART_ROOM + HEAD_ROOM +
		    (first && d == CANFW_DIR_RX ?
		     dir_states_room(&f->dir[CANFW_DIR_TX]) : 0) > limit)
			break;
		put_rule(nlh, &dir->rules[*rule]);
		map_add(m, nlh, at, i, d, *rule);
	}
	mnl_attr_nest_end(nlh, nest);
	return *rule == dir->nrules;
}

/* The policy's states in order: their indices are what rules name. */
static void put_states(struct nlmsghdr *nlh, const struct cfw_policy *p,
		       struct cfw_load_msg *m)
{
	u32 k;

	for (k = 0; k < p->nstates && k < CANFW_STATES_MAX; k++) {
		const void *at = mnl_nlmsg_get_payload_tail(nlh);
		struct nlattr *nest = mnl_attr_nest_start(nlh, CANFW_A_STATE);

		mnl_attr_put_strz(nlh, CANFW_STATE_A_NAME, p->states[k].name);
		if (p->states[k].flags)
			mnl_attr_put_u32(nlh, CANFW_STATE_A_FLAGS,
					 p->states[k].flags);
		mnl_attr_nest_end(nlh, nest);
		map_add(m, nlh, at, 0, CFW_SPAN_STATE, k);
	}
}

/*
 * Fill one LOAD message from cur on, staying below limit bytes; returns
 * true when the whole policy has been put. An entry's first nest carries
 * its settings and both directions' settings; later nests of it (in a
 * transaction) only its name and further slices of rules.
 */
bool cfw_nl_put_load(struct nlmsghdr *nlh, size_t limit,
		     const struct cfw_policy *p, struct cfw_load_cursor *cur,
		     struct cfw_load_msg *m)
{
	m->nspans = 0;
	if (!cur->states_sent) {
		put_states(nlh, p, m);
		cur->states_sent = true;
	}
	while (cur->iface < p->nifaces) {
		const struct cfw_iface *f = &p->ifaces[cur->iface];
		bool first = !cur->started, done = true;
		const void *at = mnl_nlmsg_get_payload_tail(nlh);
		struct nlattr *nest;
		int d;

		if (nlh->nlmsg_len + 2 * HEAD_ROOM +
		    (first ? dir_states_room(&f->dir[CANFW_DIR_RX]) +
			     dir_states_room(&f->dir[CANFW_DIR_TX]) : 0) > limit)
			return false;
		nest = mnl_attr_nest_start(nlh, CANFW_A_IFACE);
		mnl_attr_put_strz(nlh, CANFW_IFACE_A_NAME, f->name);
		if (first) {
			mnl_attr_put_u8(nlh, CANFW_IFACE_A_MODE, f->mode);
			mnl_attr_put_u32(nlh, CANFW_IFACE_A_EVENT_RATE,
					 f->event_rate);
			mnl_attr_put_u32(nlh, CANFW_IFACE_A_EVENT_BURST,
					 f->event_burst);
			if (f->comment[0])
				mnl_attr_put_strz(nlh, CANFW_IFACE_A_COMMENT,
						  f->comment);
		}
		cur->started = true;
		for (d = cur->dir; d < CFW_NDIRS; d++) {
			/* The first nest always states both directions. */
			if (!done && !first)
				break;
			if (!put_dir(nlh, limit, m, f, cur->iface, d,
				     &cur->rule[d], first) && done) {
				done = false;
				cur->dir = d;
			}
		}
		mnl_attr_nest_end(nlh, nest);
		map_add(m, nlh, at, cur->iface, -1, 0);
		if (!done)
			return false;
		cur->iface++;
		cur->started = false;
		cur->dir = 0;
		cur->rule[0] = cur->rule[1] = 0;
	}
	return true;
}

/* The rule (or entry) an error offset points into: its span, or NULL. */
const struct cfw_load_span *cfw_load_find(const struct cfw_load_msg *m,
					  u32 off)
{
	const struct cfw_load_span *best = NULL;
	size_t k;

	for (k = 0; k < m->nspans; k++) {
		const struct cfw_load_span *sp = &m->spans[k];

		if (off >= sp->start && off < sp->end &&
		    (!best || sp->end - sp->start < best->end - best->start))
			best = sp;
	}
	return best;
}

/* One byte match of a dump; without a mask, all bits of its bytes. */
static int get_data_match(const struct nlattr *nest,
			  struct canfw_payload_spec *p)
{
	struct canfw_data_match *m;
	const struct nlattr *a;
	bool has_mask = false;

	if (p->ndata == CANFW_DATA_MATCH_MAX)
		return -EPROTO;
	m = &p->data[p->ndata++];
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_DATA_A_OFFSET:
			m->offset = mnl_attr_get_u8(a);
			break;
		case CANFW_DATA_A_LEN:
			m->len = mnl_attr_get_u8(a);
			break;
		case CANFW_DATA_A_VALUE:
			m->value = mnl_attr_get_u32(a);
			break;
		case CANFW_DATA_A_MASK:
			m->mask = mnl_attr_get_u32(a);
			has_mask = true;
			break;
		}
	}
	if (!has_mask)
		m->mask = m->len >= 4 ? U32_MAX : (1U << (8 * m->len)) - 1;
	return 0;
}

static int get_uds(const struct nlattr *a, struct canfw_payload_spec *p)
{
	if (mnl_attr_get_payload_len(a) != sizeof(p->uds))
		return -EPROTO;
	memcpy(p->uds, mnl_attr_get_payload(a), sizeof(p->uds));
	p->has_uds = 1;
	return 0;
}

/* A trigger as loaded; its fired count (counters dumps) is not policy. */
static void get_trigger(const struct nlattr *nest, struct canfw_trigger_spec *t)
{
	const struct nlattr *a;

	memset(t, 0, sizeof(*t));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_TRIGGER_A_EVENT:
			t->event = mnl_attr_get_u8(a);
			break;
		case CANFW_TRIGGER_A_COUNT:
			t->count = mnl_attr_get_u32(a);
			break;
		case CANFW_TRIGGER_A_WINDOW:
			t->window_us = mnl_attr_get_u32(a);
			break;
		case CANFW_TRIGGER_A_STATE:
			t->state = mnl_attr_get_u8(a);
			break;
		}
	}
}

static int get_selector(const struct nlattr *nest, struct cfw_dir *d)
{
	struct canfw_selector_spec *s;
	const struct nlattr *a;

	if (d->nsel == CANFW_SELECTORS_MAX)
		return -EPROTO;
	s = &d->sel[d->nsel++];
	memset(s, 0, sizeof(*s));
	s->else_state = CANFW_NO_STATE;
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_SELECTOR_A_CAN_ID:
			s->can_id = mnl_attr_get_u32(a);
			break;
		case CANFW_SELECTOR_A_DATA:
			if (get_data_match(a, &s->payload))
				return -EPROTO;
			break;
		case CANFW_SELECTOR_A_STATE:
			s->state = mnl_attr_get_u8(a);
			break;
		case CANFW_SELECTOR_A_ELSE_STATE:
			s->else_state = mnl_attr_get_u8(a);
			break;
		case CANFW_SELECTOR_A_PERIOD:
			s->period_us = mnl_attr_get_u32(a);
			break;
		case CANFW_SELECTOR_A_JITTER:
			s->jitter_us = mnl_attr_get_u32(a);
			break;
		}
	}
	return 0;
}

/* A set's further ID match into PARTS, which holds CANFW_ID_PARTS_MAX. */
static int get_part(const struct nlattr *nest, struct canfw_rule_spec *r,
		    struct canfw_id_part *parts)
{
	struct canfw_id_part *part;
	const struct nlattr *a;
	bool hi = false;

	if (r->nparts >= CANFW_ID_PARTS_MAX)
		return -EPROTO;
	part = &parts[r->nparts++];
	memset(part, 0, sizeof(*part));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case CANFW_ID_PART_A_MATCH:
			part->match = mnl_attr_get_u8(a);
			break;
		case CANFW_ID_PART_A_SPACE:
			part->space = mnl_attr_get_u8(a);
			break;
		case CANFW_ID_PART_A_LO:
			part->lo = mnl_attr_get_u32(a);
			break;
		case CANFW_ID_PART_A_HI:
			part->hi = mnl_attr_get_u32(a);
			hi = true;
			break;
		}
	}
	if (!hi)
		part->hi = part->lo;
	r->parts = parts;
	return 0;
}

/* A comment into BUF (CANFW_COMMENT_LEN + 1 bytes), NUL-terminated. */
static int get_comment(const struct nlattr *a, char *buf)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 ||
	    mnl_attr_get_payload_len(a) > CANFW_COMMENT_LEN + 1)
		return -EPROTO;
	strcpy(buf, mnl_attr_get_str(a));
	return 0;
}

static int get_rule(const struct nlattr *nest, struct canfw_rule_spec *r,
		    struct canfw_id_part *parts, char *comment)
{
	struct canfw_sender_spec *s = &r->sender;
	bool uid_hi = false, gid_hi = false;
	const struct nlattr *a;
	int err = 0;

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
		case CANFW_RULE_A_PERIOD:
			r->period_us = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_JITTER:
			r->jitter_us = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_TIMEOUT:
			r->timeout_us = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_PER_ID:
			r->per_id = mnl_attr_get_u16(a);
			break;
		case CANFW_RULE_A_DATA:
			err = get_data_match(a, &r->payload);
			break;
		case CANFW_RULE_A_ISOTP:
			r->payload.isotp = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_UDS:
			err = get_uds(a, &r->payload);
			break;
		case CANFW_RULE_A_UID_LO:
			s->match |= CANFW_SENDER_UID;
			s->uid_lo = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_UID_HI:
			s->uid_hi = mnl_attr_get_u32(a);
			uid_hi = true;
			break;
		case CANFW_RULE_A_GID_LO:
			s->match |= CANFW_SENDER_GID;
			s->gid_lo = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_GID_HI:
			s->gid_hi = mnl_attr_get_u32(a);
			gid_hi = true;
			break;
		case CANFW_RULE_A_CGROUP_ID:
			s->match |= CANFW_SENDER_CGROUP;
			s->cgroup_id = mnl_attr_get_u64(a);
			break;
		case CANFW_RULE_A_CGROUP_LEVEL:
			s->match |= CANFW_SENDER_CGROUP;
			s->cgroup_level = mnl_attr_get_u8(a);
			break;
		case CANFW_RULE_A_NO_SOCKET:
			s->match |= CANFW_SENDER_NO_SOCKET;
			break;
		case CANFW_RULE_A_IN:
			r->states = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_TRIGGER:
			get_trigger(a, &r->trigger);
			break;
		case CANFW_RULE_A_ID_PART:
			err = get_part(a, r, parts);
			break;
		case CANFW_RULE_A_HANDLE:
			r->handle = mnl_attr_get_u32(a);
			break;
		case CANFW_RULE_A_COMMENT:
			err = get_comment(a, comment);
			r->comment = comment;
			break;
		}
		if (err)
			return err;
	}
	/* A range's high end defaults to its low end, as the kernel reads it. */
	if (!uid_hi)
		s->uid_hi = s->uid_lo;
	if (!gid_hi)
		s->gid_hi = s->gid_lo;
	return 0;
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
	struct canfw_id_part parts[CANFW_ID_PARTS_MAX];
	char comment[CANFW_COMMENT_LEN + 1];
	const struct nlattr *a, *r;
	struct canfw_rule_spec rule;
	struct cfw_pos nopos = { 0 };
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
		case CANFW_DIR_A_STATE_DEFAULT:
			d->state_default = mnl_attr_get_u8(a);
			break;
		case CANFW_DIR_A_STATE_DEFAULT_IN:
			d->state_default_in = mnl_attr_get_u32(a);
			break;
		case CANFW_DIR_A_TRIGGER:
			get_trigger(a, &d->trigger);
			break;
		case CANFW_DIR_A_SELECTOR:
			if (get_selector(a, d))
				return -EPROTO;
			break;
		}
	}
	if (start != d->nrules)
		return -EPROTO;
	mnl_attr_for_each_nested(r, nest) {
		if (mnl_attr_get_type(r) != CANFW_DIR_A_RULE)
			continue;
		if (get_rule(r, &rule, parts, comment))
			return -EPROTO;
		if (cfw_dir_add_rule(d, &rule, nopos))
			return -ENOMEM;
	}
	return 0;
}

/* One state nest: its name and flags, appended in order. */
static int get_state_def(const struct nlattr *nest, struct cfw_policy *p)
{
	struct canfw_state_def *def;
	const struct nlattr *a;

	if (p->nstates == CANFW_STATES_MAX)
		return -EPROTO;
	def = &p->states[p->nstates++];
	memset(def, 0, sizeof(*def));
	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == CANFW_STATE_A_NAME)
			snprintf(def->name, sizeof(def->name), "%s",
				 mnl_attr_get_str(a));
		else if (mnl_attr_get_type(a) == CANFW_STATE_A_FLAGS)
			def->flags = mnl_attr_get_u32(a);
	}
	return 0;
}

/*
 * The top-level state attributes: the declared states (a load, or a
 * dump's first message) and, in a dump, the current one and its sequence.
 */
static int get_policy_state(const struct nlattr *a, struct cfw_policy *p)
{
	switch (mnl_attr_get_type(a)) {
	case CANFW_A_STATE:
		return get_state_def(a, p);
	case CANFW_A_STATE_NAME:
		snprintf(p->cur_state, sizeof(p->cur_state), "%s",
			 mnl_attr_get_str(a));
		p->has_cur_state = true;
		return 0;
	case CANFW_A_STATE_SEQ:
		p->state_seq = mnl_attr_get_u32(a);
		return 0;
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
		if (get_policy_state(a, dp->policy)) {
			errno = EPROTO;
			return MNL_CB_ERROR;
		}
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
			} else if (type == CANFW_IFACE_A_COMMENT && f) {
				if (get_comment(i, f->comment)) {
					errno = EPROTO;
					return MNL_CB_ERROR;
				}
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
