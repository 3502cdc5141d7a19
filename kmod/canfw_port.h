/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine (rule matching, ID lookup tables, rate limits, counters) is
 * compiled both into canfw.ko and into userspace programs: unit tests,
 * fuzzers, benchmarks and `canfwctl replay`, which must give the kernel's
 * verdicts bit for bit. Everything the engine needs from its environment is
 * declared here and nowhere else.
 */
#ifndef CANFW_PORT_H
#define CANFW_PORT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/can.h>

/*
 * Policy memory is charged to the cgroup of the process that loads it, and
 * its size is the user's choice: a failure is an ENOMEM for the loader,
 * not a warning or the OOM killer.
 */
#define CANFW_GFP	(GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL)

static inline void *canfw_zalloc(size_t size)
{
	return kvzalloc(size, CANFW_GFP);
}

static inline void *canfw_zalloc_array(size_t n, size_t size)
{
	return kvcalloc(n, size, CANFW_GFP);
}

static inline void canfw_free(const void *p)
{
	kvfree(p);
}

/* Rate-limit buckets are shared by all CPUs; the critical section is tiny. */
#define canfw_lock_t		raw_spinlock_t
#define canfw_lock_init(l)	raw_spin_lock_init(l)
#define canfw_lock(l)		raw_spin_lock(l)
#define canfw_unlock(l)		raw_spin_unlock(l)

/*
 * Frames are judged with bottom halves disabled (netfilter hooks), which
 * keeps each CPU's counter block private to one context at a time, also
 * on PREEMPT_RT where the BH lock is a per-CPU lock.
 */
#define canfw_cpu()		raw_smp_processor_id()
#define canfw_ncpus()		nr_cpu_ids
#define canfw_cond_resched()	cond_resched()

#else
#include "canfw_port_user.h"
#endif /* __KERNEL__ */

#endif /* CANFW_PORT_H */
