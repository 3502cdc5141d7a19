/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Vehicle states: the names a policy declares, the one current in a
 * namespace, and what switches it from the data path (triggers and
 * selectors). The current state is one 64-bit word, sequence number and
 * index, so a frame reads it once and is judged by exactly one state, and
 * a switch is one compare-and-exchange whoever makes it.
 */
#ifndef CANFW_STATE_H
#define CANFW_STATE_H

#include "canfw_port.h"
#include "payload.h"
#include "timing.h"
#include "include/uapi/linux/canfw.h"

#define CANFW_NO_STATE		0xff
#define CANFW_NO_TRIGGER	U32_MAX

/* A state mask's bit for state index n. */
#define CANFW_STATE_BIT(n)	(1U << (n))

struct canfw_state_def {
	char name[CANFW_STATE_NAME_LEN + 1];
	u32 flags;		/* CANFW_STATE_FLAGS_* */
};

/*
 * A policy's states. cur is (sequence << 8) | index; the sequence counts
 * the namespace's changes and goes on from one policy to the next.
 */
struct canfw_states {
	u32 n;			/* 0: the policy declares no states */
	struct canfw_state_def def[CANFW_STATES_MAX];
	atomic64_t cur;
};

static inline u8 canfw_state_index(s64 word)
{
	return word & 0xff;
}

static inline u32 canfw_state_seq(s64 word)
{
	return (u64)word >> 8;
}

/* count 0: no trigger. */
struct canfw_trigger_spec {
	u8 event;		/* enum canfw_trigger_event */
	u8 state;		/* index of the state it switches to */
	u32 count;
	u32 window_us;
};

/* A trigger's sliding window: the times of the last count events. */
struct canfw_trigger {
	raw_spinlock_t lock;
	u8 event;
	u8 state;
	u32 count;
	u32 head;		/* next slot of ring to write */
	u32 held;		/* events in ring, up to count */
	u64 window_ns;
	u64 *ring;
	atomic64_t fired;
};

/* An rx frame whose bytes say what state the vehicle is in. */
struct canfw_selector_spec {
	u32 can_id;		/* with CAN_EFF_FLAG for a 29-bit ID */
	u8 state;		/* when every byte match holds */
	u8 else_state;		/* otherwise; CANFW_NO_STATE: no change */
	u32 period_us;		/* 0: any frame counts */
	u32 jitter_us;
	struct canfw_payload_spec payload;	/* byte matches only */
};

struct canfw_selector {
	struct canfw_selector_spec spec;
	struct canfw_timing timing;	/* its period, if it has one */
	atomic64_t frames;
	atomic64_t ignored;
};

int canfw_states_check(const struct canfw_state_def *def, u32 n,
		       const char **msg);
void canfw_states_init(struct canfw_states *s, const struct canfw_state_def *def,
		       u32 n);
int canfw_state_find(const struct canfw_states *s, const char *name);
bool canfw_state_switch(struct canfw_states *s, u8 to, u8 cause,
			s64 *from_word, s64 *to_word);

int canfw_trigger_check(const struct canfw_trigger_spec *ts, u32 nstates,
			const char **msg);
int canfw_trigger_init(struct canfw_trigger *tr,
		       const struct canfw_trigger_spec *ts);
void canfw_trigger_free(struct canfw_trigger *tr);
bool canfw_trigger_hit(struct canfw_trigger *tr, u64 now_ns);

int canfw_selector_check(const struct canfw_selector_spec *ss, u32 nstates,
			 const char **msg);
void canfw_selector_init(struct canfw_selector *sel,
			 const struct canfw_selector_spec *ss);
u8 canfw_selector_frame(struct canfw_selector *sel, const u8 *data, u16 len,
			u64 now_ns);

#endif /* CANFW_STATE_H */
