/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Token bucket for rule rate limits. Credit is kept in units of 1/NSEC_PER_SEC
 * frame, so that refilling at `rate` frames per second adds exactly `rate`
 * units per elapsed nanosecond: integer arithmetic with no rounding, for any
 * rate. The time is passed in, which lets tests drive a fake clock and lets
 * log replay use the log's own timestamps.
 */
#ifndef CANFW_RATELIMIT_H
#define CANFW_RATELIMIT_H

#include "canfw_port.h"
#include "include/uapi/linux/canfw.h"

/* CANFW_RATE_MAX is the uapi's. */
#define CANFW_RATE_MIN		1U
#define CANFW_BURST_MIN		1U
#define CANFW_BURST_MAX		CANFW_RATE_MAX

struct canfw_bucket {
	raw_spinlock_t lock;
	u32 rate;		/* frames per second */
	u64 cap;		/* burst * NSEC_PER_SEC, at most 1e15 */
	u64 fill_ns;		/* time to refill an empty bucket */
	u64 credit;
	u64 last_ns;
	bool primed;		/* set by the first frame: buckets start full */
};

int canfw_bucket_check(u32 rate, u32 burst, const char **msg);
void canfw_bucket_init(struct canfw_bucket *b, u32 rate, u32 burst);
void canfw_bucket_reset(struct canfw_bucket *b, u32 rate, u32 burst);
bool canfw_bucket_take(struct canfw_bucket *b, u64 now_ns);

#endif /* CANFW_RATELIMIT_H */
