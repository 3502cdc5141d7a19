// SPDX-License-Identifier: GPL-2.0
/* States, triggers and selectors: see state.h. */
#include "state.h"
#include "engine.h"

#define US	1000ULL

static bool name_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/**
 * canfw_states_check() - whether a policy's state names can be declared
 * @def: the states in order
 * @n: how many
 * @msg: why not
 *
 * Return: 0, or a negative errno with @msg set.
 */
int canfw_states_check(const struct canfw_state_def *def, u32 n,
		       const char **msg)
{
	u32 i, k;

	if (n > CANFW_STATES_MAX) {
		*msg = "a policy declares at most 32 states";
		return -E2BIG;
	}
	for (i = 0; i < n; i++) {
		const char *c = def[i].name;

		if (!*c) {
			*msg = "a state needs a name";
			return -EINVAL;
		}
		for (; *c; c++) {
			if (!name_char_ok(*c)) {
				*msg = "state names are letters, digits, - and _";
				return -EINVAL;
			}
		}
		if (def[i].flags & ~CANFW_STATE_FLAGS_STICKY) {
			*msg = "unknown state flag";
			return -EINVAL;
		}
		for (k = 0; k < i; k++) {
			if (!strcmp(def[k].name, def[i].name)) {
				*msg = "a state is declared twice";
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* The policy starts in its first state, at sequence 0. */
void canfw_states_init(struct canfw_states *s, const struct canfw_state_def *def,
		       u32 n)
{
	s->n = n;
	if (n)
		memcpy(s->def, def, n * sizeof(*def));
	atomic64_set(&s->cur, 0);
}

/* Return: the index of the state called @name, or -1. */
int canfw_state_find(const struct canfw_states *s, const char *name)
{
	u32 i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->def[i].name, name))
			return i;
	return -1;
}

/**
 * canfw_state_switch() - make a state current
 * @s: the policy's states
 * @to: the state's index
 * @cause: enum canfw_state_cause: only a command leaves a sticky state
 * @from_word: the word it replaced (or found, when it did not switch)
 * @to_word: the word it stored
 *
 * Context: Any; lock-free.
 * Return: true if the state changed; false if @to was current already or
 * the current state is sticky and @cause is not a command.
 */
bool canfw_state_switch(struct canfw_states *s, u8 to, u8 cause,
			s64 *from_word, s64 *to_word)
{
	s64 old = atomic64_read(&s->cur), new;

	do {
		u8 cur = canfw_state_index(old);

		*from_word = old;
		if (cur == to)
			return false;
		if (cause != CANFW_STATE_CAUSE_COMMAND && cur < s->n &&
		    (s->def[cur].flags & CANFW_STATE_FLAGS_STICKY))
			return false;
		new = (s64)((((u64)canfw_state_seq(old) + 1) << 8) | to);
	} while (!atomic64_try_cmpxchg(&s->cur, &old, new));
	*from_word = old;
	*to_word = new;
	return true;
}

int canfw_trigger_check(const struct canfw_trigger_spec *ts, u32 nstates,
			const char **msg)
{
	if (!ts->count)
		return 0;
	if (ts->event > CANFW_TRIGGER_EVENT_MISSING) {
		*msg = "unknown trigger event";
		return -EINVAL;
	}
	if (ts->count > CANFW_TRIGGER_COUNT_MAX) {
		*msg = "a trigger counts 1 to 1024 events";
		return -ERANGE;
	}
	if (!ts->window_us || ts->window_us > CANFW_TIME_MAX) {
		*msg = "a trigger's window must be 1us to 600s";
		return -ERANGE;
	}
	if (ts->state >= nstates) {
		*msg = "a trigger switches to a state the policy does not declare";
		return -EINVAL;
	}
	return 0;
}

int canfw_trigger_init(struct canfw_trigger *tr,
		       const struct canfw_trigger_spec *ts)
{
	raw_spin_lock_init(&tr->lock);
	tr->event = ts->event;
	tr->state = ts->state;
	tr->count = ts->count;
	tr->window_ns = ts->window_us * US;
	tr->head = 0;
	tr->held = 0;
	atomic64_set(&tr->fired, 0);
	tr->ring = kvcalloc(ts->count, sizeof(*tr->ring), CANFW_GFP);
	return tr->ring ? 0 : -ENOMEM;
}

void canfw_trigger_free(struct canfw_trigger *tr)
{
	kvfree(tr->ring);
}

/**
 * canfw_trigger_hit() - count one event of a trigger
 * @tr: the trigger
 * @now_ns: when it happened
 *
 * The window slides: the trigger fires when the last count events all
 * lie within it, and then starts counting afresh, so a flood switches the
 * state once per count events rather than with every frame.
 *
 * Context: Any, with bottom halves disabled where frames are judged;
 * takes the trigger's raw spinlock, held for a few instructions.
 * Return: true when this event reached the count.
 */
bool canfw_trigger_hit(struct canfw_trigger *tr, u64 now_ns)
{
	bool fire = false;

	raw_spin_lock(&tr->lock);
	tr->ring[tr->head] = now_ns;
	tr->head = tr->head + 1 == tr->count ? 0 : tr->head + 1;
	if (tr->held < tr->count)
		tr->held++;
	/* Full: the oldest of the last count events is the next to go. */
	if (tr->held == tr->count &&
	    now_ns - tr->ring[tr->head] <= tr->window_ns) {
		fire = true;
		tr->held = 0;
	}
	raw_spin_unlock(&tr->lock);
	if (fire)
		atomic64_inc(&tr->fired);
	return fire;
}

int canfw_selector_check(const struct canfw_selector_spec *ss, u32 nstates,
			 const char **msg)
{
	const struct canfw_payload_spec *p = &ss->payload;
	u32 id = ss->can_id & ~CAN_EFF_FLAG;

	if ((ss->can_id & (CAN_RTR_FLAG | CAN_ERR_FLAG)) ||
	    id > ((ss->can_id & CAN_EFF_FLAG) ? CAN_EFF_MASK : CAN_SFF_MASK)) {
		*msg = "a selector names one standard or extended ID";
		return -EINVAL;
	}
	if (ss->state >= nstates ||
	    (ss->else_state != CANFW_NO_STATE && ss->else_state >= nstates)) {
		*msg = "a selector selects a state the policy does not declare";
		return -EINVAL;
	}
	if (p->isotp || p->has_uds) {
		*msg = "a selector matches bytes, not ISO-TP";
		return -EINVAL;
	}
	if (!ss->period_us && ss->jitter_us) {
		*msg = "a jitter needs a period";
		return -EINVAL;
	}
	if (ss->period_us &&
	    canfw_timing_check(ss->period_us, ss->jitter_us, 0, msg))
		return -EINVAL;
	return canfw_payload_check(p, CANFW_KIND_DATA | CANFW_KIND_FD,
				   CANFW_DATA_SPAN, msg);
}

void canfw_selector_init(struct canfw_selector *sel,
			 const struct canfw_selector_spec *ss)
{
	sel->spec = *ss;
	canfw_timing_init(&sel->timing, CANFW_NO_RULE, ss->period_us,
			  ss->jitter_us, 0);
	atomic64_set(&sel->frames, 0);
	atomic64_set(&sel->ignored, 0);
}

/**
 * canfw_selector_frame() - the state a selector frame selects
 * @sel: the selector, whose ID the frame has
 * @data: its payload (NULL: not at hand)
 * @len: the payload's length
 * @now_ns: its arrival
 *
 * With a period, a frame that comes more than the jitter before the next
 * genuine one is due is ignored: a forged frame between genuine ones
 * selects nothing, and does not move the schedule.
 *
 * Context: Any; lock-free.
 * Return: the state's index, or CANFW_NO_STATE.
 */
u8 canfw_selector_frame(struct canfw_selector *sel, const u8 *data, u16 len,
			u64 now_ns)
{
	u64 interval;

	if (sel->spec.period_us &&
	    canfw_timing_frame(&sel->timing, now_ns, &interval) ==
	    CANFW_TIMING_EARLY) {
		atomic64_inc(&sel->ignored);
		return CANFW_NO_STATE;
	}
	atomic64_inc(&sel->frames);
	/* Without byte matches, the frame's presence selects the state. */
	if (!sel->spec.payload.ndata ||
	    canfw_payload_match(&sel->spec.payload, data, len, CANFW_KIND_DATA))
		return sel->spec.state;
	return sel->spec.else_state;
}
