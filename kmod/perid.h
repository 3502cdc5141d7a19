/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-ID state of a rule that covers many IDs ("per-id N"): its rate
 * bucket and timing kept for each distinct ID, up to N of them, as an
 * nftables meter keeps one element per key. The slots are allocated and
 * initialised when the table is built, so a frame of a new ID only claims
 * a free slot with one compare-and-exchange of its key; nothing is
 * allocated or locked on the per-frame path. Once N IDs hold slots,
 * frames of further IDs share the rule's own state and are counted.
 */
#ifndef CANFW_PERID_H
#define CANFW_PERID_H

#include "ratelimit.h"
#include "timing.h"

#define CANFW_PER_ID_MAX	4096
/* Slots tried from an ID's hash: the table is at most half full. */
#define CANFW_PERID_PROBES	8

struct canfw_perid_slot {
	u32 key;			/* can_id (EFF flag kept) + 1; 0: free */
	struct canfw_bucket bucket;	/* when the rule has a rate */
	struct canfw_timing timing;	/* when the rule is timed */
};

struct canfw_perid {
	u32 cap;			/* IDs that may hold a slot */
	u32 mask;			/* slots - 1, a power of two minus one */
	atomic_t used;
	atomic64_t full;		/* frames of IDs that found no slot */
	struct canfw_perid_slot *slots;
};

u32 canfw_perid_slots(u32 cap);
struct canfw_perid_slot *canfw_perid_get(struct canfw_perid *p, u32 can_id);

#endif /* CANFW_PERID_H */
