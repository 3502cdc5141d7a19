/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine (rule matching, ID lookup tables, rate limits, counters) is
 * compiled both into canfw.ko and into userspace programs: unit tests,
 * fuzzers, benchmarks and `canfwctl replay`, which must give the kernel's
 * verdicts bit for bit. The engine uses the kernel's own names (kvzalloc,
 * raw_spinlock_t, raw_smp_processor_id, ...); canfw_port_user.h supplies
 * them to userspace builds.
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
#include <linux/atomic.h>

/*
 * Policy memory is charged to the cgroup of the process that loads it, and
 * its size is the user's choice: a failure is an ENOMEM for the loader,
 * not a warning or the OOM killer.
 */
#define CANFW_GFP	(GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL)

/*
 * Rate-limit buckets are shared by all CPUs; the critical section is tiny.
 * Frames are judged with bottom halves disabled (see canfw_table_judge()),
 * which keeps each CPU's counter block private to one context at a time,
 * also on PREEMPT_RT where that also keeps the task on its CPU: hence
 * raw_smp_processor_id().
 */

#else
#include "canfw_port_user.h"
#endif /* __KERNEL__ */

#endif /* CANFW_PORT_H */
