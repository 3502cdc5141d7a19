// SPDX-License-Identifier: GPL-2.0
/* Policy generations: matching devices to entries, publishing, freeing. */
#include <linux/jhash.h>
#include "canfw.h"
#include "ifglob.h"

/* Devices rebound per hold of canfw_net.lock while publishing. */
#define CANFW_BIND_BATCH	256

struct canfw_policy *canfw_policy_alloc(u32 niface)
{
	struct canfw_policy *p;

	p = kzalloc(sizeof(*p), CANFW_GFP);
	if (!p)
		return NULL;
	p->iface = kvcalloc(niface, sizeof(*p->iface), CANFW_GFP);
	if (!p->iface) {
		kfree(p);
		return NULL;
	}
	p->niface = niface;
	return p;
}

static u32 name_hash(const char *name)
{
	return jhash(name, strlen(name), 0);
}

/**
 * canfw_policy_index() - build the lookup of entries by device name
 * @p: a policy whose entries are filled in
 *
 * Context: Process context.
 * Return: 0, or -ENOMEM.
 */
int canfw_policy_index(struct canfw_policy *p)
{
	u32 i, size = 2;

	while (size < 2 * p->niface)
		size <<= 1;
	p->hash_mask = size - 1;
	p->exact = kvcalloc(size, sizeof(*p->exact), CANFW_GFP);
	p->globs = kvcalloc(p->niface + 1, sizeof(*p->globs), CANFW_GFP);
	if (!p->exact || !p->globs)
		return -ENOMEM;
	for (i = 0; i < p->niface; i++) {
		struct canfw_iface *e = &p->iface[i];
		u32 h;

		if (e->glob) {
			p->globs[p->nglob++] = i;
			continue;
		}
		/* Open addressing; the table is at most half full. */
		for (h = name_hash(e->name); p->exact[h & p->hash_mask]; h++)
			;
		p->exact[h & p->hash_mask] = i + 1;
	}
	return 0;
}

void canfw_policy_free(struct canfw_policy *p)
{
	u32 i;

	if (!p)
		return;
	for (i = 0; i < p->niface; i++) {
		canfw_table_free(p->iface[i].dir[CANFW_DIR_RX]);
		canfw_table_free(p->iface[i].dir[CANFW_DIR_TX]);
	}
	kvfree(p->exact);
	kvfree(p->globs);
	kvfree(p->iface);
	kfree(p);
}

static void canfw_policy_free_work(struct work_struct *work)
{
	canfw_policy_free(container_of(to_rcu_work(work), struct canfw_policy,
				       free_work));
}

/* Free p once no frame can be judged by it, in process context. */
void canfw_policy_free_rcu(struct canfw_policy *p)
{
	if (!p)
		return;
	INIT_RCU_WORK(&p->free_work, canfw_policy_free_work);
	queue_rcu_work(canfw_wq, &p->free_work);
}

/**
 * canfw_policy_match() - the entry that governs a device
 * @p: the policy
 * @ifname: the device's name
 *
 * An exact name beats any glob; among globs the first in the policy wins.
 *
 * Context: Any.
 * Return: the entry, or NULL when none names the device.
 */
struct canfw_iface *canfw_policy_match(const struct canfw_policy *p,
				       const char *ifname)
{
	u32 h, i, slot;

	for (h = name_hash(ifname); (slot = p->exact[h & p->hash_mask]); h++)
		if (!strcmp(p->iface[slot - 1].name, ifname))
			return &p->iface[slot - 1];
	for (i = 0; i < p->nglob; i++)
		if (canfw_glob_match(p->iface[p->globs[i]].name, ifname))
			return &p->iface[p->globs[i]];
	return NULL;
}

/* Rebind up to a batch of devices still on an older generation. */
static bool canfw_rebind_some(struct canfw_net *cn, u32 gen)
{
	struct canfw_dev *cd;
	u32 n = 0;

	list_for_each_entry(cd, &cn->devs, list) {
		if (cd->bound_gen == gen)
			continue;
		canfw_dev_bind(cn, cd);
		if (++n == CANFW_BIND_BATCH)
			return true;
	}
	return false;
}

/**
 * canfw_policy_publish() - make a compiled policy the namespace's policy
 * @net: the namespace
 * @p: the policy, or NULL for none (flush)
 *
 * Every device is rebound to its entry in @p, a batch at a time, so that
 * the device notifier (under RTNL) never waits long for canfw_net.lock.
 * Each frame is judged by one device's entry, so by one whole generation.
 * The previous policy is freed after a grace period once no device points
 * into it.
 *
 * Context: Process context; takes canfw_net.publish_lock and .lock.
 * Return: the new generation.
 */
u32 canfw_policy_publish(struct net *net, struct canfw_policy *p)
{
	struct canfw_net *cn = canfw_pernet(net);
	struct canfw_policy *old;
	bool more;
	u32 gen, i;

	mutex_lock(&cn->publish_lock);
	mutex_lock(&cn->lock);
	gen = cn->generation + 1;
	if (p) {
		p->generation = gen;
		for (i = 0; i < p->niface; i++)
			p->iface[i].generation = gen;
	}
	old = rcu_dereference_protected(cn->policy,
					lockdep_is_held(&cn->lock));
	if (p)
		atomic64_set(&p->states.cur, (s64)((u64)cn->state_seq << 8));
	rcu_assign_pointer(cn->policy, p);
	canfw_states_carry(cn, old, p);
	/* GET_INFO reads it without the lock. */
	WRITE_ONCE(cn->generation, gen);
	do {
		more = canfw_rebind_some(cn, gen);
		mutex_unlock(&cn->lock);
		cond_resched();
		mutex_lock(&cn->lock);
	} while (more);
	mutex_unlock(&cn->lock);
	mutex_unlock(&cn->publish_lock);
	canfw_scan_kick(cn);
	canfw_policy_free_rcu(old);
	return gen;
}
