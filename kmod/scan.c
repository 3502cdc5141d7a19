// SPDX-License-Identifier: GPL-2.0
/*
 * The timeout scan: per network namespace, a delayed work that looks for
 * timed rules whose frames have stopped. No timer is armed per frame; the
 * scan runs while the namespace's policy has timeouts, every quarter of
 * the shortest one (at least one jiffy), and costs one read per timed rule
 * of the policy. A silent rule is therefore reported between its timeout
 * and its timeout plus a quarter of the policy's shortest timeout, plus a
 * jiffy and the workqueue's latency.
 */
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include "canfw.h"
#include "netlink.h"

/*
 * Missing events one scan sends one by one; the rest of an entry's
 * direction is summarised in one event, so a whole bus going silent costs
 * a bounded number of messages.
 */
#define CANFW_SCAN_EVENTS	16

struct canfw_scan_ctx {
	struct net *net;
	const struct canfw_iface *iface;
	int dir;
	u32 sent;
	u32 suppressed;
};

static void canfw_scan_missing(void *ctx, const struct canfw_table *t,
			       const struct canfw_timing *tm, u32 can_id,
			       u64 silent_ns)
{
	struct canfw_scan_ctx *sc = ctx;

	if (unlikely(t->ntrig))
		canfw_state_missing(sc->net, sc->iface, sc->dir, tm->rule);
	if (sc->sent >= CANFW_SCAN_EVENTS) {
		sc->suppressed++;
		return;
	}
	sc->sent++;
	canfw_timing_event(sc->net, sc->iface->name, 0, sc->iface, sc->dir,
			   CANFW_EVENT_TYPE_MISSING, tm->rule, can_id, silent_ns,
			   0);
}

static void canfw_scan_work(struct work_struct *work)
{
	struct canfw_net *cn = container_of(to_delayed_work(work),
					    struct canfw_net, scan);
	struct canfw_scan_ctx sc = { .net = read_pnet(&cn->net) };
	struct canfw_policy *p;
	u64 now, step = 0;
	u32 i;

	rcu_read_lock();
	p = rcu_dereference(cn->policy);
	now = ktime_get_mono_fast_ns();
	for (i = 0; p && i < p->niface; i++) {
		sc.iface = &p->iface[i];
		for (sc.dir = 0; sc.dir < CANFW_NDIRS; sc.dir++) {
			struct canfw_table *t = sc.iface->dir[sc.dir];

			if (!t->min_timeout_ns)
				continue;
			if (!step || t->min_timeout_ns / 4 < step)
				step = t->min_timeout_ns / 4;
			sc.suppressed = 0;
			canfw_table_scan(t, now, canfw_scan_missing, &sc);
			if (sc.suppressed)
				canfw_timing_event(sc.net, sc.iface->name, 0,
						   sc.iface, sc.dir,
						   CANFW_EVENT_TYPE_MISSING,
						   CANFW_NO_RULE, CANFW_NO_ID, 0,
						   sc.suppressed);
		}
	}
	rcu_read_unlock();
	/* No timeouts in the policy: the next publish starts the scan again. */
	if (step)
		queue_delayed_work(canfw_wq, &cn->scan,
				   max_t(unsigned long, 1,
					 nsecs_to_jiffies(step)));
}

void canfw_scan_init(struct canfw_net *cn, struct net *net)
{
	write_pnet(&cn->net, net);
	INIT_DELAYED_WORK(&cn->scan, canfw_scan_work);
}

/* After a publish: scan now, and from then on at the new policy's pace. */
void canfw_scan_kick(struct canfw_net *cn)
{
	mod_delayed_work(canfw_wq, &cn->scan, 0);
}

/* The namespace is going: no scan runs or is queued once this returns. */
void canfw_scan_stop(struct canfw_net *cn)
{
	cancel_delayed_work_sync(&cn->scan);
}
