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
	err->pos = (struct cfw_pos){ 0, 0 };
	snprintf(err->msg, sizeof(err->msg), "out of memory");
	return -1;
}

struct scan_ctx {
	struct cfw_replay *r;
	size_t iface;
	int dir;
	u64 now_ns;
};

static void scan_missing(void *ctx, const struct canfw_table *t,
			 const struct canfw_timing *tm, u32 can_id,
			 u64 silent_ns)
{
	struct scan_ctx *sc = ctx;

	(void)t;
	sc->r->missing(sc->r->ctx, &sc->r->policy->ifaces[sc->iface], sc->dir,
		       tm->rule, can_id, sc->now_ns, silent_ns);
}

static void scan(struct cfw_replay *r, u64 now_ns)
{
	struct scan_ctx sc = { .r = r, .now_ns = now_ns };
	size_t n = r->policy->nifaces * CFW_NDIRS;

	for (; sc.iface * CFW_NDIRS + sc.dir < n;) {
		canfw_table_scan(r->tables[sc.iface * CFW_NDIRS + sc.dir],
				 now_ns, r->missing ? scan_missing : NULL, &sc);
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
	const struct cfw_iface *ifc;
	size_t i;

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
	canfw_table_judge(r->tables[i * CFW_NDIRS + dir], &f->frame, f->ts_ns,
			  v);
	return ifc;
}

int cfw_replay_counters(const struct cfw_replay *r, struct cfw_counters *c)
{
	const struct cfw_policy *p = r->policy;
	size_t i;
	int dir;

	memset(c, 0, sizeof(*c));
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
