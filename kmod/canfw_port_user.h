/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The userspace side of canfw_port.h: the kernel types and helpers the
 * engine uses, for the tests, fuzzers, benchmarks and canfwctl. Userspace
 * code, so it is not held to checkpatch's kernel rules.
 */
#ifndef CANFW_PORT_USER_H
#define CANFW_PORT_USER_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <linux/can.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

#define NSEC_PER_SEC	1000000000ULL
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))

static inline u64 div_u64(u64 a, u32 b)
{
	return a / b;
}

#define CANFW_GFP	0

/* The first byte of P's N that is not C, or NULL: the kernel's own. */
static inline void *memchr_inv(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n; n--, s++)
		if (*s != (unsigned char)c)
			return (void *)s;
	return NULL;
}

static inline void *kvzalloc(size_t size, int gfp)
{
	(void)gfp;
	return calloc(1, size ? size : 1);
}

static inline void *kvcalloc(size_t n, size_t size, int gfp)
{
	(void)gfp;
	return calloc(n ? n : 1, size ? size : 1);
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

/* Userspace users of the engine judge frames from one thread. */
typedef struct { int unused; } raw_spinlock_t;
#define raw_spin_lock_init(l)	((void)(l))
#define raw_spin_lock(l)	((void)(l))
#define raw_spin_unlock(l)	((void)(l))

/* Single-threaded too: atomics need no more than the operation. */
typedef struct { int64_t counter; } atomic64_t;

static inline int64_t atomic64_read(const atomic64_t *v)
{
	return v->counter;
}

static inline void atomic64_set(atomic64_t *v, int64_t i)
{
	v->counter = i;
}

static inline void atomic64_inc(atomic64_t *v)
{
	v->counter++;
}

static inline bool atomic64_try_cmpxchg(atomic64_t *v, int64_t *old,
					int64_t new)
{
	if (v->counter != *old) {
		*old = v->counter;
		return false;
	}
	v->counter = new;
	return true;
}

typedef struct { int counter; } atomic_t;

static inline int atomic_read(const atomic_t *v)
{
	return v->counter;
}

static inline void atomic_set(atomic_t *v, int i)
{
	v->counter = i;
}

static inline int atomic_inc_return(atomic_t *v)
{
	return ++v->counter;
}

static inline void atomic_dec(atomic_t *v)
{
	v->counter--;
}

#define cmpxchg(p, o, n)	__sync_val_compare_and_swap((p), (o), (n))

#define raw_smp_processor_id()	0U
#define nr_cpu_ids		1U
#define cond_resched()		do { } while (0)

#endif /* CANFW_PORT_USER_H */
