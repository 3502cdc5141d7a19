// SPDX-License-Identifier: GPL-2.0
/* Per-ID state: the slot table described in perid.h. */
#include "perid.h"

/* Twice the cap, rounded up to a power of two: at most half full. */
u32 canfw_perid_slots(u32 cap)
{
	u32 n = 1;

	while (n < 2 * cap)
		n <<= 1;
	return n;
}

static u32 canfw_perid_hash(u32 key, u32 mask)
{
	/* Fibonacci hashing; the high bits are the well-mixed ones. */
	return (u32)(((u64)key * 0x61C88647U) >> 16) & mask;
}

/**
 * canfw_perid_get() - the slot of a frame's ID, claimed if it is new
 * @p: the rule's per-ID table
 * @can_id: the frame's can_id (CAN XL: its priority)
 *
 * Context: Any; lock-free.
 * Return: the slot, or NULL when the rule's IDs have used up its cap (or,
 * very rarely, every probed slot holds another ID).
 */
struct canfw_perid_slot *canfw_perid_get(struct canfw_perid *p, u32 can_id)
{
	u32 key = (can_id & (CAN_EFF_FLAG | CAN_EFF_MASK)) + 1;
	u32 h = canfw_perid_hash(key, p->mask);
	u32 i;

	for (i = 0; i < CANFW_PERID_PROBES; i++) {
		struct canfw_perid_slot *s = &p->slots[(h + i) & p->mask];
		u32 k = READ_ONCE(s->key);

		if (k == key)
			return s;
		if (k)
			continue;
		/* A free slot: take a place under the cap, then the slot. */
		if ((u32)atomic_inc_return(&p->used) > p->cap) {
			atomic_dec(&p->used);
			break;
		}
		k = cmpxchg(&s->key, 0, key);
		if (!k)
			return s;
		atomic_dec(&p->used);
		if (k == key)
			return s;
	}
	atomic64_inc(&p->full);
	return NULL;
}
