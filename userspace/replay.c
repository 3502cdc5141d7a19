// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "replay.h"

int cfw_replay_init(struct cfw_replay *r, const struct cfw_policy *p,
		    struct cfw_error *err)
{
	size_t i;
	int dir;

	memset(r, 0, sizeof(*r));
	r->policy = p;
	canfw_states_init(&r->states, p->states, p->nstates);
	r->tables = calloc(p->nifaces * CFW_NDIRS + 1, sizeof(*r->tables));
	if (!r->tables)
		goto nomem;
	for (i = 0; i < p->nifaces; i++) {
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			struct canfw_table_spec spec;
			struct canfw_build_error be;

			struct canfw_table *t;

			cfw_dir_table_spec(p, &p->ifaces[i], dir, &spec);
			if (canfw_table_build(&spec,
					      &r->tables[i * CFW_NDIRS + dir],
					      &be)) {
				err->pos = p->ifaces[i].pos;
				err->len = 1;
				snprintf(err->msg, sizeof(err->msg), "%s",
					 be.msg);
				cfw_replay_free(r);
				return -1;
			}
			t = r->tables[i * CFW_NDIRS + dir];
			if (t->min_timeout_ns &&
			    (!r->scan_step_ns ||
			     t->min_timeout_ns / 4 < r->scan_step_ns))
				r->scan_step_ns = t->min_timeout_ns / 4;
		}
	}
	return 0;
nomem:
	err->pos = (struct cfw_pos){ 0 };
	snprintf(err->msg, sizeof(err->msg), "out of memory");
	return -1;
}

struct scan_ctx {
	struct cfw_replay *r;
	size_t iface;
	int dir;
	u64 now_ns;
};

int cfw_replay_set_state(struct cfw_replay *r, const char *name)
{
	int i = canfw_state_find(&r->states, name);

	if (i < 0)
		return -1;
	atomic64_set(&r->states.cur, i);
	return 0;
}

const char *cfw_replay_state(const struct cfw_replay *r)
{
	s64 word = atomic64_read(&r->states.cur);

	return r->states.n ? r->states.def[canfw_state_index(word)].name : NULL;
}

static void switch_state(struct cfw_replay *r, const char *ifname, int dir,
			 u8 to, u8 cause, u32 index, u64 now_ns)
{
	s64 from, new;

	if (!canfw_state_switch(&r->states, to, cause, &from, &new))
		return;
	r->state_changes++;
	if (r->state_changed)
		r->state_changed(r->ctx, ifname, dir, from, new, cause, index,
				 now_ns);
}

/*
 * A missing rule counts for its trigger, then the direction's, as the
 * kernel's scan counts it (canfw_state_missing()).
 */
static void missing_trigger(struct cfw_replay *r, const struct canfw_table *t,
			    const char *ifname, int dir, u32 rule, u64 now_ns)
{
	u32 k = t->rules[rule].trigger;
	struct canfw_trigger *tr;

	if (k != CANFW_NO_TRIGGER) {
		tr = &t->triggers[k];
		if (tr->event == CANFW_TRIGGER_EVENT_MISSING &&
		    canfw_trigger_hit(tr, now_ns)) {
			switch_state(r, ifname, dir, tr->state,
				     CANFW_STATE_CAUSE_TRIGGER, rule, now_ns);
			return;
		}
	}
	if (t->dir_trigger == CANFW_NO_TRIGGER)
		return;
	tr = &t->triggers[t->dir_trigger];
	if (tr->event == CANFW_TRIGGER_EVENT_MISSING &&
	    canfw_trigger_hit(tr, now_ns))
		switch_state(r, ifname, dir, tr->state,
			     CANFW_STATE_CAUSE_TRIGGER, CANFW_NO_RULE, now_ns);
}

static void scan_missing(void *ctx, const struct canfw_table *t,
			 const struct canfw_timing *tm, u32 can_id,
			 u64 silent_ns)
{
	struct scan_ctx *sc = ctx;
	const struct cfw_iface *ifc = &sc->r->policy->ifaces[sc->iface];

	/* Reported before the switch it may cause, as the kernel orders them. */
	if (sc->r->missing)
		sc->r->missing(sc->r->ctx, ifc, sc->dir, tm->rule, can_id,
			       sc->now_ns, silent_ns);
	if (t->ntrig)
		missing_trigger(sc->r, t, ifc->name, sc->dir, tm->rule,
				sc->now_ns);
}

static void scan(struct cfw_replay *r, u64 now_ns)
{
	struct scan_ctx sc = { .r = r, .now_ns = now_ns };
	size_t n = r->policy->nifaces * CFW_NDIRS;

	for (; sc.iface * CFW_NDIRS + sc.dir < n;) {
		canfw_table_scan(r->tables[sc.iface * CFW_NDIRS + sc.dir],
				 now_ns, scan_missing, &sc);
		if (++sc.dir == CFW_NDIRS) {
			sc.dir = 0;
			sc.iface++;
		}
	}
}

void cfw_replay_end(struct cfw_replay *r, u64 now_ns)
{
	if (r->scan_step_ns && r->scanned)
		scan(r, now_ns);
}

const struct cfw_iface *cfw_replay_frame(struct cfw_replay *r,
					 const struct cfw_log_frame *f,
					 const char *ifname, int dir,
					 struct canfw_verdict *v)
{
	s64 ignored[CANFW_SELECTORS_MAX];
	const struct cfw_iface *ifc;
	struct canfw_frame frame;
	struct canfw_table *t;
	size_t i;
	u32 k;

	/* Logs are in time order; a step back just waits for the time. */
	if (r->scan_step_ns && (!r->scanned || f->ts_ns >= r->next_scan_ns)) {
		if (r->scanned)
			scan(r, f->ts_ns);
		r->scanned = true;
		r->next_scan_ns = f->ts_ns + r->scan_step_ns;
	}
	ifc = cfw_policy_lookup(r->policy, ifname ? ifname : f->ifname);
	if (!ifc) {
		r->untouched++;
		return NULL;
	}
	i = (size_t)(ifc - r->policy->ifaces);
	t = r->tables[i * CFW_NDIRS + dir];
	frame = f->frame;
	frame.state = canfw_state_index(atomic64_read(&r->states.cur));
	for (k = 0; k < t->nsel; k++)
		ignored[k] = atomic64_read(&t->sel[k].ignored);
	canfw_table_judge(t, &frame, f->ts_ns, v);
	/* The engine counts what a selector ignored; replay says which. */
	r->sel_ignored = CANFW_NO_RULE;
	for (k = 0; k < t->nsel; k++)
		if (atomic64_read(&t->sel[k].ignored) != ignored[k])
			r->sel_ignored = k;
	return ifc;
}

void cfw_replay_follow(struct cfw_replay *r, const struct cfw_log_frame *f,
		       const char *ifname, int dir,
		       const struct canfw_verdict *v)
{
	if (v->to_state != CANFW_NO_STATE)
		switch_state(r, ifname ? ifname : f->ifname, dir, v->to_state,
			     v->cause, v->cause_index, f->ts_ns);
}

/* What the triggers and selectors of one table counted. */
static void read_state_counters(const struct canfw_table *t,
				struct cfw_iface_counters *ic, int dir)
{
	const struct canfw_trigger *tr = t->triggers;
	u32 k;

	for (k = 0; k < t->nrules; k++)
		if (t->rules[k].trigger != CANFW_NO_TRIGGER)
			ic->fired[dir][k] =
				atomic64_read(&tr[t->rules[k].trigger].fired);
	if (t->dir_trigger != CANFW_NO_TRIGGER)
		ic->dir_fired[dir] = atomic64_read(&tr[t->dir_trigger].fired);
	for (k = 0; k < t->nsel && k < CANFW_SELECTORS_MAX; k++) {
		ic->sel_frames[k] = atomic64_read(&t->sel[k].frames);
		ic->sel_ignored[k] = atomic64_read(&t->sel[k].ignored);
	}
}

int cfw_replay_counters(const struct cfw_replay *r, struct cfw_counters *c)
{
	const struct cfw_policy *p = r->policy;
	size_t i;
	int dir;

	memset(c, 0, sizeof(*c));
	c->policy = p;
	c->ifaces = calloc(p->nifaces + 1, sizeof(*c->ifaces));
	if (!c->ifaces)
		return -ENOMEM;
	c->nifaces = p->nifaces;
	for (i = 0; i < p->nifaces; i++) {
		struct cfw_iface_counters *ic = &c->ifaces[i];

		ic->ifc = &p->ifaces[i];
		for (dir = 0; dir < CFW_NDIRS; dir++) {
			ic->rules[dir] = calloc(ic->ifc->dir[dir].nrules + 1,
						sizeof(*ic->rules[dir]));
			if (!ic->rules[dir]) {
				cfw_counters_free(c);
				return -ENOMEM;
			}
			canfw_table_read_counters(r->tables[i * CFW_NDIRS + dir],
						  &ic->dir[dir], ic->rules[dir]);
		}
		if (cfw_counters_alloc_fired(ic)) {
			cfw_counters_free(c);
			return -ENOMEM;
		}
		for (dir = 0; dir < CFW_NDIRS; dir++)
			read_state_counters(r->tables[i * CFW_NDIRS + dir], ic,
					    dir);
	}
	return 0;
}

void cfw_replay_free(struct cfw_replay *r)
{
	size_t i;

	if (r->tables)
		for (i = 0; i < r->policy->nifaces * CFW_NDIRS; i++)
			canfw_table_free(r->tables[i]);
	free(r->tables);
	r->tables = NULL;
}
