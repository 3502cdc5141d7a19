// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl learn, the arithmetic: one ID's intervals, its rate and burst,
 * its period, jitter and timeout (see learn.h for the rules). Timing is
 * found with the engine's own code, so that what learn promises, replay
 * and the kernel keep.
 */
#include <stdlib.h>
#include <string.h>
#include "learn.h"

#define US	1000ULL

/* The frames of the ID's segment S (one log): [*first, *end). */
static void seg_span(const struct cfw_learn_id *id, u32 s, size_t *first,
		     size_t *end)
{
	*first = id->segs[s].first;
	*end = s + 1 < id->nsegs ? id->segs[s + 1].first : id->n;
}

/* N times the margin, rounded up, within 1 to MAX. */
static u64 with_margin(u64 n, u32 margin, u64 max)
{
	u64 v;

	if (n > (~0ULL - 999) / margin)
		return max;
	v = (n * margin + 999) / 1000;

	return v < 1 ? 1 : v > max ? max : v;
}

/*
 * V to DIGITS significant digits, up or to the nearest: policies read
 * better with the round numbers senders are configured with, and the
 * timing found with them is checked again.
 */
static u64 round_sig(u64 v, unsigned int digits, bool up)
{
	u64 unit = 1, top = 1;
	unsigned int i;

	for (i = 0; i < digits; i++)
		top *= 10;
	while (v / unit >= top)
		unit *= 10;
	return (up ? v + unit - 1 : v + unit / 2) / unit * unit;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * The intervals within each log. Engines and replay judge a frame whose
 * time steps back by the latest time seen, so such a step is a gap of 0.
 */
static size_t gaps_of(const struct cfw_learn_id *id, u64 *gaps, u64 *sum)
{
	size_t first, end, k, n = 0;
	u64 last;
	u32 s;

	*sum = 0;
	for (s = 0; s < id->nsegs; s++) {
		seg_span(id, s, &first, &end);
		for (last = id->times[first], k = first + 1; k < end; k++) {
			gaps[n] = id->times[k] > last ? id->times[k] - last : 0;
			*sum += gaps[n++];
			if (id->times[k] > last)
				last = id->times[k];
		}
	}
	return n;
}

static int gap_stats(struct cfw_learn_id *id)
{
	u64 *gaps, sum;
	size_t n;

	if (id->n < 2)
		return 0;
	gaps = malloc(id->n * sizeof(*gaps));
	if (!gaps)
		return -1;
	n = gaps_of(id, gaps, &sum);
	if (n) {
		qsort(gaps, n, sizeof(*gaps), cmp_u64);
		id->gap_min = gaps[0];
		id->gap_mean = sum / n;
		/* As Python's statistics.median, which detection.py uses. */
		id->gap_median = n % 2 ? gaps[n / 2] :
				 (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
		id->gap_p90 = gaps[n * 9 / 10];
	}
	free(gaps);
	return 0;
}

/* The most frames within one second, [t, t + 1s), of any log. */
static u32 max_1s(const struct cfw_learn_id *id)
{
	size_t first, end, i, k;
	u64 left, right, best = 0;
	u32 s;

	for (s = 0; s < id->nsegs; s++) {
		seg_span(id, s, &first, &end);
		left = right = id->times[first];
		for (i = k = first; k < end; k++) {
			if (id->times[k] > right)
				right = id->times[k];
			while (right - left >= NSEC_PER_SEC) {
				i++;
				if (id->times[i] > left)
					left = id->times[i];
			}
			if (k - i + 1 > best)
				best = k - i + 1;
		}
	}
	return (u32)min_t(u64, best, U32_MAX);
}

/*
 * The smallest burst with which a bucket of RATE passes every log: the
 * bucket's deficit plus the frame at hand, in nanoframes as ratelimit.c
 * counts credit, at its highest.
 */
static u64 burst_need(const struct cfw_learn_id *id, u32 rate)
{
	size_t first, end, k;
	u64 x, last, dt, top = 0;
	u32 s;

	for (s = 0; s < id->nsegs; s++) {
		seg_span(id, s, &first, &end);
		x = NSEC_PER_SEC;
		last = id->times[first];
		for (k = first + 1; k < end; k++) {
			dt = id->times[k] > last ? id->times[k] - last : 0;
			if (id->times[k] > last)
				last = id->times[k];
			/* rate * dt > x: the bucket refilled completely. */
			x = dt > x / rate ? NSEC_PER_SEC :
			    x - rate * dt + NSEC_PER_SEC;
			if (x > top)
				top = x;
		}
	}
	return top ? (top + NSEC_PER_SEC - 1) / NSEC_PER_SEC : 1;
}

static void derive_rate(const struct cfw_learn *l, struct cfw_learn_id *id)
{
	u32 m = l->opts.margin;

	id->rule.rate = (u32)with_margin(id->max_1s, m, CANFW_RATE_MAX);
	id->burst_need = (u32)min_t(u64, burst_need(id, id->rule.rate),
				    CANFW_BURST_MAX);
	id->rule.burst = (u32)with_margin(id->burst_need, m, CANFW_BURST_MAX);
}

/*
 * The logs through the engine's timing with PERIOD and JITTER: the
 * frames it finds early, and in *silence the longest silence it
 * measures. A timeout of 1 ns makes every frame report its silence; the
 * timeout moves no schedule (timing.c), so the early ones are those the
 * real timeout would see.
 */
static u64 timing_run(const struct cfw_learn_id *id, u32 period_us,
		      u32 jitter_us, u64 *silence)
{
	struct canfw_timing tm;
	size_t first, end, k;
	u64 early = 0, v;
	u32 s;

	*silence = 0;
	for (s = 0; s < id->nsegs; s++) {
		seg_span(id, s, &first, &end);
		canfw_timing_init(&tm, 0, period_us, jitter_us, 0);
		tm.timeout_ns = 1;
		for (k = first; k < end; k++) {
			switch (canfw_timing_frame(&tm, id->times[k], &v)) {
			case CANFW_TIMING_EARLY:
				early++;
				break;
			case CANFW_TIMING_RECOVERED:
				if (v > *silence)
					*silence = v;
				break;
			default:
				break;
			}
		}
		if (canfw_timing_expired(&tm, id->segs[s].end_ns, &v) &&
		    v > *silence)
			*silence = v;
	}
	return early;
}

/*
 * The smallest jitter that finds no frame early, if any does. Below
 * FLOOR, whatever the margin makes of it is under a tenth of the period,
 * the least jitter a rule gets: one run then settles most IDs.
 */
static int least_jitter(const struct cfw_learn_id *id, u32 period_us,
			u32 floor, u32 *jitter_us)
{
	u32 lo = 0, hi = period_us - 1, mid;
	u64 silence;

	if (floor < hi && !timing_run(id, period_us, floor, &silence)) {
		*jitter_us = floor;
		return 0;
	}
	if (timing_run(id, period_us, hi, &silence))
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (timing_run(id, period_us, mid, &silence))
			lo = mid + 1;
		else
			hi = mid;
	}
	*jitter_us = lo;
	return 0;
}

/* Whether the ID is periodic as learn.h says, and what keeps it so. */
static u8 judge_period(const struct cfw_learn *l, const struct cfw_learn_id *id,
		       u32 *period_us)
{
	u64 res = 1;
	unsigned int i;

	for (i = 0; i < l->res_exp; i++)
		res *= 10;
	if (l->opts.no_timing)
		return CFW_LEARN_TIMING_OFF;
	if (id->n < l->opts.min_frames)
		return CFW_LEARN_RARE;
	if (id->n < CFW_LEARN_PERIODIC_FRAMES)
		return CFW_LEARN_FEW;
	/* Timestamps that cannot tell the intervals apart judge nothing. */
	if (l->timed <= 0 || res * 10 > id->gap_p90)
		return CFW_LEARN_COARSE;
	if (id->gap_p90 * 2 > id->gap_median * 3)
		return CFW_LEARN_IRREGULAR;
	*period_us = (u32)min_t(u64, round_sig((id->gap_median + US / 2) / US,
					       3, false), U32_MAX);
	if (*period_us < CANFW_PERIOD_MIN || *period_us > CANFW_TIME_MAX)
		return CFW_LEARN_RANGE;
	if (res * 10 > *period_us * US)
		return CFW_LEARN_COARSE;
	return CFW_LEARN_TIMED;
}

static u8 derive_timing(const struct cfw_learn *l, struct cfw_learn_id *id)
{
	struct canfw_rule_spec *r = &id->rule;
	u32 m = l->opts.margin, period, jitter, least;
	u64 timeout;
	u8 why = judge_period(l, id, &period);

	if (why != CFW_LEARN_TIMED)
		return why;
	if (least_jitter(id, period, (u32)((u64)(period / 10) * 1000 / m),
			 &least))
		return CFW_LEARN_EARLY;
	jitter = (u32)with_margin(least, m, period);
	jitter = (u32)round_sig(max_t(u32, jitter, period / 10), 2, true);
	if (jitter >= period)
		jitter = period - 1;
	/* The search assumes fewer early frames with more jitter: check. */
	if (timing_run(id, period, jitter, &id->silence)) {
		jitter = period - 1;
		timing_run(id, period, jitter, &id->silence);
	}
	timeout = (with_margin(id->silence, m, ~0ULL) + US - 1) / US;
	timeout = max_t(u64, timeout, 3ULL * period);
	timeout = max_t(u64, round_sig(timeout, 2, true), CANFW_TIMEOUT_MIN);
	r->period_us = period;
	r->jitter_us = jitter;
	r->timeout_us = timeout <= CANFW_TIME_MAX ? (u32)timeout : 0;
	return CFW_LEARN_TIMED;
}

int cfw_learn_derive(const struct cfw_learn *l, struct cfw_learn_id *id)
{
	struct canfw_rule_spec *r = &id->rule;
	const char *msg;

	if (gap_stats(id))
		return -1;
	id->max_1s = max_1s(id);
	memset(r, 0, sizeof(*r));
	r->action = CANFW_ACTION_ACCEPT;
	r->id_match = CANFW_ID_MATCH_RANGE;
	r->space = id->can_id & CAN_EFF_FLAG ? CANFW_SPACE_EFF : CANFW_SPACE_SFF;
	r->id_lo = r->id_hi = id->can_id & CAN_EFF_MASK;
	r->kinds = id->kinds;
	r->len_lo = id->len_lo;
	r->len_hi = id->len_hi;
	if (l->rates && id->n >= l->opts.min_frames)
		derive_rate(l, id);
	id->timing = derive_timing(l, id);
	/*
	 * The engine judges the rule as check and load will. Kinds and
	 * lengths come from frames the engine took as valid; were a rate or
	 * timing out of its range, the rule is better without them.
	 */
	if (canfw_rule_check(r, &msg)) {
		r->rate = r->burst = 0;
		r->period_us = r->jitter_us = r->timeout_us = 0;
		id->timing = CFW_LEARN_RANGE;
	}
	return 0;
}
