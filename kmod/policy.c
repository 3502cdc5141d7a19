// SPDX-License-Identifier: GPL-2.0
/* Policy generations: matching devices to entries, publishing, freeing. */
#include "canfw.h"
#include "ifglob.h"

void canfw_policy_free(struct canfw_policy *p)
{
	u32 i;

	if (!p)
		return;
	for (i = 0; i < p->niface; i++) {
		canfw_table_free(p->iface[i].dir[CANFW_DIR_RX]);
		canfw_table_free(p->iface[i].dir[CANFW_DIR_TX]);
	}
	kvfree(p->iface);
	kfree(p);
}

/* An exact name beats any glob; among globs the first in the policy wins. */
struct canfw_iface *canfw_policy_match(struct canfw_policy *p,
				       const char *ifname)
{
	struct canfw_iface *found = NULL;
	u32 i;

	for (i = 0; i < p->niface; i++) {
		struct canfw_iface *e = &p->iface[i];

		if (!e->glob && !strcmp(e->name, ifname))
			return e;
		if (e->glob && !found && canfw_glob_match(e->name, ifname))
			found = e;
	}
	return found;
}

/* Point a device at its entry in the current policy. Under RTNL. */
void canfw_dev_bind(struct canfw_net *cn, struct canfw_dev *cd)
{
	struct canfw_policy *p = rtnl_dereference(cn->policy);

	rcu_assign_pointer(cd->iface,
			   p ? canfw_policy_match(p, cd->dev->name) : NULL);
}

/*
 * Make p (NULL: no policy) the namespace's policy and rebind every device.
 * Under RTNL, which also serialises against devices coming and going. Each
 * frame sees one device's entry, so it is judged by one whole generation.
 * Returns the previous policy, to free once readers are done with it.
 */
struct canfw_policy *canfw_policy_publish(struct net *net,
					  struct canfw_policy *p, u32 *gen)
{
	struct canfw_net *cn = canfw_pernet(net);
	struct canfw_policy *old = rtnl_dereference(cn->policy);
	struct canfw_dev *cd;
	u32 i;

	ASSERT_RTNL();
	*gen = cn->generation + 1;
	/* GET_INFO reads it without RTNL. */
	WRITE_ONCE(cn->generation, *gen);
	if (p) {
		p->generation = *gen;
		for (i = 0; i < p->niface; i++)
			p->iface[i].generation = *gen;
	}
	rcu_assign_pointer(cn->policy, p);
	list_for_each_entry(cd, &cn->devs, list)
		canfw_dev_bind(cn, cd);
	return old;
}
