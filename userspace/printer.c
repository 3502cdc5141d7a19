// SPDX-License-Identifier: GPL-2.0
/*
 * The canonical text of a policy. Every setting the parser could default
 * is spelled out except err-default accept and log-default off, so `show`
 * is self-describing; words come in one fixed order, so equal policies
 * print identically and parse(print(p)) is p again.
 */
#include <stdarg.h>
#include <stdio.h>
#include "cgroup.h"
#include "policy.h"

struct out {
	char *buf;
	size_t size;
	size_t len;	/* what the text would need, even if truncated */
};

static __attribute__((format(printf, 2, 3)))
void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->len < o->size ? o->size - o->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_id(struct out *o, u32 id, u8 space)
{
	put(o, space == CANFW_SPACE_SFF ? "0x%03X" : "0x%08X", id);
}

/* One element of a set, in the digits that give its space back. */
static void put_elem(struct out *o, u8 match, u8 space, u32 lo, u32 hi)
{
	put_id(o, lo, space);
	if (match == CANFW_ID_MATCH_MASK) {
		put(o, "/");
		put_id(o, hi, space);
	} else if (hi != lo) {
		put(o, "-");
		put_id(o, hi, space);
	}
}

/*
 * A set: standard elements in 3 digits and extended ones in 8, which the
 * parser reads back in their spaces without an "sff" or "eff".
 */
static void put_set(struct out *o, const struct canfw_rule_spec *r)
{
	u16 i;

	put(o, " id { ");
	put_elem(o, r->id_match, r->space, r->id_lo, r->id_hi);
	for (i = 0; i < r->nparts; i++) {
		const struct canfw_id_part *part = &r->parts[i];

		put(o, ", ");
		put_elem(o, part->match, part->space, part->lo, part->hi);
	}
	put(o, " }");
}

static void put_ids(struct out *o, const struct canfw_rule_spec *r)
{
	u32 top = r->id_lo > r->id_hi ? r->id_lo : r->id_hi;

	if (r->nparts) {
		put_set(o, r);
		return;
	}
	if (r->id_match == CANFW_ID_MATCH_ANY) {
		if (r->space == CANFW_SPACE_SFF)
			put(o, " id any sff");
		else if (r->space == CANFW_SPACE_EFF)
			put(o, " id any eff");
		return;
	}
	put(o, " id ");
	put_id(o, r->id_lo, r->space);
	if (r->id_match == CANFW_ID_MATCH_MASK) {
		put(o, "/");
		put_id(o, r->id_hi, r->space);
	} else if (r->id_hi != r->id_lo) {
		put(o, "-");
		put_id(o, r->id_hi, r->space);
	}
	/* The parser takes numbers up to 0x7FF as standard unless told. */
	if (r->space == CANFW_SPACE_EFF && top <= CAN_SFF_MASK)
		put(o, " eff");
}

static void put_kinds(struct out *o, u8 kinds)
{
	if (kinds & CANFW_KIND_ERR) {
		put(o, " err");
		return;
	}
	if ((kinds & CANFW_KIND_DATA) && (kinds & CANFW_KIND_RTR)) {
		put(o, " classic");
	} else {
		if (kinds & CANFW_KIND_DATA)
			put(o, " data");
		if (kinds & CANFW_KIND_RTR)
			put(o, " rtr");
	}
	if (kinds & CANFW_KIND_FD)
		put(o, " fd");
	if (kinds & CANFW_KIND_XL)
		put(o, " xl");
}

/* In the largest unit that keeps it whole, as the parser reads it. */
static void put_time(struct out *o, const char *kw, u32 us)
{
	if (us && !(us % 1000000))
		put(o, " %s %us", kw, us / 1000000);
	else if (us && !(us % 1000))
		put(o, " %s %ums", kw, us / 1000);
	else
		put(o, " %s %uus", kw, us);
}

/* "data[N]" for one byte, "data[N:M]" for more; hex, two digits a byte. */
static void put_data_match(struct out *o, const struct canfw_data_match *m)
{
	int digits = 2 * m->len;

	if (m->len == 1)
		put(o, " data[%u]", m->offset);
	else
		put(o, " data[%u:%u]", m->offset, m->offset + m->len);
	put(o, " 0x%0*X", digits, m->value);
	/* No mask is all bits of the bytes, as the parser reads it. */
	if (m->mask != (m->len >= 4 ? U32_MAX : (1U << (8 * m->len)) - 1))
		put(o, "/0x%0*X", digits, m->mask);
}

static void put_isotp(struct out *o, u8 types)
{
	const char *sep = " isotp ";
	unsigned int i;

	for (i = 0; i < CFW_ISOTP_NTYPES; i++) {
		if (!(types & (1U << i)))
			continue;
		put(o, "%s%s", sep, cfw_isotp_name(i));
		sep = ",";
	}
}

static bool has_service(const u8 *uds, unsigned int sid)
{
	return sid <= 0xFF && (uds[sid / 8] & (1U << (sid % 8)));
}

/* Services in order, runs of three or more as ranges: "0x10-0x3E". */
static void put_uds(struct out *o, const u8 *uds)
{
	const char *sep = " uds ";
	unsigned int sid = 0, end;

	while (sid <= 0xFF) {
		if (!has_service(uds, sid)) {
			sid++;
			continue;
		}
		for (end = sid; has_service(uds, end + 1); end++)
			;
		if (end - sid >= 2) {
			put(o, "%s0x%02X-0x%02X", sep, sid, end);
		} else {
			put(o, "%s0x%02X", sep, sid);
			if (end != sid)
				put(o, ",0x%02X", end);
		}
		sep = ",";
		sid = end + 1;
	}
}

static void put_payload(struct out *o, const struct canfw_payload_spec *p)
{
	u8 i;

	for (i = 0; i < p->ndata && i < CANFW_DATA_MATCH_MAX; i++)
		put_data_match(o, &p->data[i]);
	if (p->isotp)
		put_isotp(o, p->isotp);
	if (p->has_uds)
		put_uds(o, p->uds);
}

static void put_range(struct out *o, const char *kw, u32 lo, u32 hi)
{
	if (lo == hi)
		put(o, " %s %u", kw, lo);
	else
		put(o, " %s %u-%u", kw, lo, hi);
}

/*
 * uid, gid, the cgroup by its path when the cgroup2 mount has one at the
 * rule's level (by id and level when not), or no socket.
 */
static void put_sender(struct out *o, const struct canfw_sender_spec *s)
{
	char path[CFW_CGROUP_PATH_MAX + 1];

	if (s->match & CANFW_SENDER_UID)
		put_range(o, "uid", s->uid_lo, s->uid_hi);
	if (s->match & CANFW_SENDER_GID)
		put_range(o, "gid", s->gid_lo, s->gid_hi);
	if ((s->match & CANFW_SENDER_CGROUP) &&
	    cfw_cgroup_path(s->cgroup_id, s->cgroup_level, path, sizeof(path)))
		put(o, " cgroup %s", path);
	else if (s->match & CANFW_SENDER_CGROUP)
		put(o, " cgroup-id %llu level %u",
		    (unsigned long long)s->cgroup_id, s->cgroup_level);
	if (s->match & CANFW_SENDER_NO_SOCKET)
		put(o, " socket none");
}

size_t cfw_format_rule(char *buf, size_t size, const struct canfw_rule_spec *r)
{
	struct out o = { buf, size, 0 };

	if (size)
		buf[0] = 0;
	put(&o, "%s", cfw_action_name(r->action));
	put_ids(&o, r);
	put_kinds(&o, r->kinds);
	if (r->len_lo == r->len_hi)
		put(&o, " len %u", r->len_lo);
	else if (r->len_lo != 0 || r->len_hi != canfw_kinds_max_len(r->kinds))
		put(&o, " len %u-%u", r->len_lo, r->len_hi);
	put_payload(&o, &r->payload);
	put_sender(&o, &r->sender);
	if (r->rate) {
		put(&o, " rate %u/s", r->rate);
		if (r->burst != 1)
			put(&o, " burst %u", r->burst);
	}
	if (r->period_us) {
		put_time(&o, "period", r->period_us);
		put_time(&o, "jitter", r->jitter_us);
	}
	if (r->timeout_us)
		put_time(&o, "timeout", r->timeout_us);
	if (r->flags & CANFW_RULE_FLAGS_EARLY_LOG)
		put(&o, " early log");
	if (r->per_id)
		put(&o, " per-id %u", r->per_id);
	if (r->flags & CANFW_RULE_FLAGS_LOG)
		put(&o, " log");
	return o.len;
}

static void put_states(struct out *o, const struct cfw_policy *p, u32 mask)
{
	char names[CANFW_STATES_MAX * (CANFW_STATE_NAME_LEN + 1) + 1];

	cfw_format_states(names, sizeof(names), p, mask);
	put(o, "%s", names);
}

size_t cfw_format_trigger(char *buf, size_t size, const struct cfw_policy *p,
			  const struct canfw_trigger_spec *t)
{
	struct out o = { buf, size, 0 };

	if (size)
		buf[0] = 0;
	put(&o, "on %s %u", cfw_trigger_event_name(t->event), t->count);
	put_time(&o, "within", t->window_us);
	put(&o, " state %s", cfw_state_name(p, t->state));
	return o.len;
}

/* The rule, then "in S,..." and its trigger: the words that name states. */
size_t cfw_format_rule_in(char *buf, size_t size, const struct cfw_policy *p,
			  const struct canfw_rule_spec *r)
{
	struct out o = { buf, size, 0 };
	char trig[128];

	o.len = cfw_format_rule(buf, size, r);
	if (r->states) {
		put(&o, " in ");
		put_states(&o, p, r->states);
	}
	if (r->trigger.count) {
		cfw_format_trigger(trig, sizeof(trig), p, &r->trigger);
		put(&o, " %s", trig);
	}
	if (r->comment)
		put(&o, " comment \"%s\"", r->comment);
	return o.len;
}

/* IDs as rules print them: 29-bit ones in 8 digits, "eff" if it is low. */
size_t cfw_format_selector(char *buf, size_t size, const struct cfw_policy *p,
			   const struct canfw_selector_spec *s)
{
	struct out o = { buf, size, 0 };
	u32 id = s->can_id & CAN_EFF_MASK;
	u8 i;

	if (size)
		buf[0] = 0;
	put(&o, "select id ");
	if (s->can_id & CAN_EFF_FLAG) {
		put_id(&o, id, CANFW_SPACE_EFF);
		if (id <= CAN_SFF_MASK)
			put(&o, " eff");
	} else {
		put_id(&o, id & CAN_SFF_MASK, CANFW_SPACE_SFF);
	}
	for (i = 0; i < s->payload.ndata && i < CANFW_DATA_MATCH_MAX; i++)
		put_data_match(&o, &s->payload.data[i]);
	put(&o, " state %s", cfw_state_name(p, s->state));
	if (s->else_state != CANFW_NO_STATE)
		put(&o, " else %s", cfw_state_name(p, s->else_state));
	if (s->period_us) {
		put_time(&o, "period", s->period_us);
		put_time(&o, "jitter", s->jitter_us);
	}
	return o.len;
}

/* "rx default drop in lockdown", the trigger and the selectors. */
static void print_dir_states(FILE *f, const struct cfw_policy *p,
			     const struct cfw_dir *d, int dir)
{
	char text[CFW_RULE_TEXT_MAX];
	u32 i;

	if (d->trigger.count) {
		cfw_format_trigger(text, sizeof(text), p, &d->trigger);
		fprintf(f, "\t%s %s\n", cfw_dir_name(dir), text);
	}
	for (i = 0; i < d->nsel && i < CANFW_SELECTORS_MAX; i++) {
		cfw_format_selector(text, sizeof(text), p, &d->sel[i]);
		fprintf(f, "\t%s %s\n", cfw_dir_name(dir), text);
	}
}

static void print_iface(FILE *f, const struct cfw_policy *p,
			const struct cfw_iface *ifc, bool handles)
{
	char rule[CFW_RULE_TEXT_MAX];
	int dir;
	u32 i;

	fprintf(f, "interface %s {\n", ifc->name);
	fprintf(f, "\tmode %s\n", cfw_mode_name(ifc->mode));
	if (ifc->event_rate != CANFW_EVENT_RATE_DEFAULT ||
	    ifc->event_burst != CANFW_EVENT_BURST_DEFAULT)
		fprintf(f, "\tevents %u/s burst %u\n", ifc->event_rate,
			ifc->event_burst);
	if (ifc->comment[0])
		fprintf(f, "\tcomment \"%s\"\n", ifc->comment);
	for (dir = 0; dir < CFW_NDIRS; dir++) {
		const struct cfw_dir *d = &ifc->dir[dir];

		fprintf(f, "\t%s default %s\n", cfw_dir_name(dir),
			cfw_action_name(d->default_action));
		if (d->state_default_in) {
			cfw_format_states(rule, sizeof(rule), p,
					  d->state_default_in);
			fprintf(f, "\t%s default %s in %s\n", cfw_dir_name(dir),
				cfw_action_name(d->state_default), rule);
		}
		if (d->err_default != CANFW_ACTION_ACCEPT)
			fprintf(f, "\t%s err-default %s\n", cfw_dir_name(dir),
				cfw_action_name(d->err_default));
	}
	if (ifc->dir[CANFW_DIR_RX].log_default ||
	    ifc->dir[CANFW_DIR_TX].log_default) {
		fputs("\tlog-default", f);
		for (dir = 0; dir < CFW_NDIRS; dir++)
			if (ifc->dir[dir].log_default)
				fprintf(f, " %s", cfw_dir_name(dir));
		fputc('\n', f);
	}
	for (dir = 0; dir < CFW_NDIRS; dir++)
		print_dir_states(f, p, &ifc->dir[dir], dir);
	for (dir = 0; dir < CFW_NDIRS; dir++) {
		const struct cfw_dir *d = &ifc->dir[dir];

		if (d->nrules)
			fputc('\n', f);
		for (i = 0; i < d->nrules; i++) {
			cfw_format_rule_in(rule, sizeof(rule), p, &d->rules[i]);
			fprintf(f, "\t%s %s", cfw_dir_name(dir), rule);
			/* As nft -a: a comment, which parsing skips. */
			if (handles && d->rules[i].handle)
				fprintf(f, " # handle %u", d->rules[i].handle);
			fputc('\n', f);
		}
	}
	fputs("}\n", f);
}

/*
 * The states first, as the language wants them declared before use; a
 * dump's current state as a comment, which parsing ignores.
 */
void cfw_print_policy(FILE *f, const struct cfw_policy *p)
{
	cfw_print_policy_handles(f, p, false);
}

void cfw_print_policy_handles(FILE *f, const struct cfw_policy *p,
			      bool handles)
{
	size_t i;
	u32 k;

	if (p->has_cur_state && p->nstates)
		fprintf(f, "# state %s (seq %u)\n", p->cur_state, p->state_seq);
	for (k = 0; k < p->nstates && k < CANFW_STATES_MAX; k++)
		fprintf(f, "state %s%s\n", p->states[k].name,
			p->states[k].flags & CANFW_STATE_FLAGS_STICKY ?
			" sticky" : "");
	for (i = 0; i < p->nifaces; i++) {
		if (i || p->nstates)
			fputc('\n', f);
		print_iface(f, p, &p->ifaces[i], handles);
	}
}
