// SPDX-License-Identifier: GPL-2.0
#include "ratelimit.h"

int canfw_bucket_check(u32 rate, u32 burst, const char **msg)
{
	if (rate < CANFW_RATE_MIN || rate > CANFW_RATE_MAX) {
		*msg = "rate must be 1 to 1000000 frames per second";
		return -ERANGE;
	}
	if (burst < CANFW_BURST_MIN || burst > CANFW_BURST_MAX) {
		*msg = "burst must be 1 to 1000000 frames";
		return -ERANGE;
	}
	return 0;
}

static void bucket_set(struct canfw_bucket *b, u32 rate, u32 burst)
{
	b->rate = rate;
	b->cap = (u64)burst * NSEC_PER_SEC;
	/* Round up: after fill_ns the bucket is certainly full. */
	b->fill_ns = div_u64(b->cap + rate - 1, rate);
	b->credit = b->cap;
	b->last_ns = 0;
	b->primed = false;
}

void canfw_bucket_init(struct canfw_bucket *b, u32 rate, u32 burst)
{
	raw_spin_lock_init(&b->lock);
	bucket_set(b, rate, burst);
}

/* A new rate and a full bucket, while other CPUs may be taking from it. */
void canfw_bucket_reset(struct canfw_bucket *b, u32 rate, u32 burst)
{
	raw_spin_lock(&b->lock);
	bucket_set(b, rate, burst);
	raw_spin_unlock(&b->lock);
}

/*
 * Refill for the time since the last frame, then take one frame's credit.
 * elapsed < fill_ns bounds elapsed * rate below cap + rate <= 1e15 + 1e6,
 * so nothing here can overflow. A clock that steps back (another CPU's
 * slightly older timestamp, a replayed log) refills nothing.
 */
/**
 * canfw_bucket_take() - take one frame's credit
 * @b: the bucket
 * @now_ns: the time, monotonic
 *
 * Context: Any; callers that may run in process context disable bottom
 * halves, since softirq takes the same lock.
 * Return: true if the frame is within the rate.
 */
bool canfw_bucket_take(struct canfw_bucket *b, u64 now_ns)
{
	bool ok;

	raw_spin_lock(&b->lock);
	if (unlikely(!b->primed)) {
		b->primed = true;
		b->last_ns = now_ns;
	} else if (now_ns > b->last_ns) {
		u64 elapsed = now_ns - b->last_ns;

		if (elapsed >= b->fill_ns)
			b->credit = b->cap;
		else
			b->credit = min_t(u64, b->credit + elapsed * b->rate,
					  b->cap);
		b->last_ns = now_ns;
	}
	ok = b->credit >= NSEC_PER_SEC;
	if (ok)
		b->credit -= NSEC_PER_SEC;
	raw_spin_unlock(&b->lock);
	return ok;
}
