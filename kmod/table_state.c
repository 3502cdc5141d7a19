// SPDX-License-Identifier: GPL-2.0
/* The state-dependent parts of a table: masks, triggers and selectors. */
#include "engine.h"

/* Whether a state mask names only states the policy declares. */
static bool mask_ok(u32 mask, u32 nstates)
{
	return nstates >= 32 || !(mask >> nstates);
}

static int check_trigger_event(const struct canfw_rule_spec *r,
			       const char **msg)
{
	switch (r->trigger.event) {
	case CANFW_TRIGGER_EVENT_DROPS:
		if (r->action == CANFW_ACTION_ACCEPT && !r->rate &&
		    !(r->period_us && !(r->flags & CANFW_RULE_FLAGS_EARLY_LOG))) {
			*msg = "the rule drops no frame: a drops trigger on it would never fire";
			return -EINVAL;
		}
		return 0;
	case CANFW_TRIGGER_EVENT_RATE_LIMITED:
		if (!r->rate) {
			*msg = "a rate-limited trigger needs a rule with a rate";
			return -EINVAL;
		}
		return 0;
	case CANFW_TRIGGER_EVENT_EARLY:
		if (!r->period_us) {
			*msg = "an early trigger needs a rule with a period";
			return -EINVAL;
		}
		return 0;
	default:
		if (!r->timeout_us) {
			*msg = "a missing trigger needs a rule with a timeout";
			return -EINVAL;
		}
		return 0;
	}
}

/**
 * canfw_rule_check_state() - a rule's states and trigger
 * @r: the rule
 * @nstates: how many states the policy declares
 * @msg: why they are not valid
 *
 * Return: 0, or a negative errno with @msg set.
 */
int canfw_rule_check_state(const struct canfw_rule_spec *r, u32 nstates,
			   const char **msg)
{
	int err;

	if (!mask_ok(r->states, nstates)) {
		*msg = "the rule is limited to a state the policy does not declare";
		return -EINVAL;
	}
	if (!r->trigger.count)
		return 0;
	err = canfw_trigger_check(&r->trigger, nstates, msg);
	return err ? err : check_trigger_event(r, msg);
}

/**
 * canfw_table_check_states() - the state-dependent settings of a table
 * @s: the table's specification
 * @e: what is wrong, and with which rule
 *
 * Return: 0, or a negative errno with @e set.
 */
int canfw_table_check_states(const struct canfw_table_spec *s,
			     struct canfw_build_error *e)
{
	u32 i;
	int err;

	if (s->nstates > CANFW_STATES_MAX) {
		e->msg = "a policy declares at most 32 states";
		return -E2BIG;
	}
	if (s->state_default > CANFW_ACTION_DROP) {
		e->msg = "default action must be accept or drop";
		return -EINVAL;
	}
	if (!mask_ok(s->state_default_in, s->nstates)) {
		e->msg = "the default is limited to a state the policy does not declare";
		return -EINVAL;
	}
	for (i = 0; i < s->nrules; i++) {
		err = canfw_rule_check_state(&s->rules[i], s->nstates, &e->msg);
		if (err) {
			e->rule = i;
			return err;
		}
	}
	err = canfw_trigger_check(&s->trigger, s->nstates, &e->msg);
	if (err)
		return err;
	if (s->nsel && s->dir != CANFW_DIR_RX) {
		e->msg = "selectors read received frames: rx only";
		return -EINVAL;
	}
	if (s->nsel > CANFW_SELECTORS_MAX) {
		e->msg = "an entry has at most 8 selectors";
		return -E2BIG;
	}
	for (i = 0; i < s->nsel; i++) {
		err = canfw_selector_check(&s->sel[i], s->nstates, &e->msg);
		if (err)
			return err;
	}
	return 0;
}

/* The memory of a table's triggers and selectors. */
size_t canfw_table_state_bytes(const struct canfw_table_spec *s)
{
	size_t n = 0;
	u32 i;

	for (i = 0; i < s->nrules; i++)
		if (s->rules[i].trigger.count)
			n += sizeof(struct canfw_trigger) +
			     s->rules[i].trigger.count * sizeof(u64);
	if (s->trigger.count)
		n += sizeof(struct canfw_trigger) + s->trigger.count * sizeof(u64);
	return n + (size_t)s->nsel * sizeof(struct canfw_selector);
}

/*
 * Triggers in rule order, the direction's last; every rule's index was
 * set when its rule was compiled.
 */
int canfw_table_build_states(struct canfw_table *t,
			     const struct canfw_table_spec *s)
{
	u32 i, n = 0;

	t->state_default = s->state_default;
	t->state_default_in = s->state_default_in;
	t->dir_trigger = CANFW_NO_TRIGGER;
	if (s->trigger.count)
		t->dir_trigger = t->ntrig++;
	t->triggers = kvcalloc(t->ntrig, sizeof(*t->triggers), CANFW_GFP);
	t->sel = kvcalloc(s->nsel, sizeof(*t->sel), CANFW_GFP);
	if ((t->ntrig && !t->triggers) || (s->nsel && !t->sel))
		return -ENOMEM;
	for (i = 0; i < t->nrules; i++)
		if (s->rules[i].trigger.count &&
		    canfw_trigger_init(&t->triggers[n++], &s->rules[i].trigger))
			return -ENOMEM;
	if (s->trigger.count &&
	    canfw_trigger_init(&t->triggers[t->dir_trigger], &s->trigger))
		return -ENOMEM;
	for (i = 0; i < s->nsel; i++)
		canfw_selector_init(&t->sel[i], &s->sel[i]);
	t->nsel = s->nsel;
	return 0;
}

void canfw_table_free_states(struct canfw_table *t)
{
	u32 i;

	for (i = 0; t->triggers && i < t->ntrig; i++)
		canfw_trigger_free(&t->triggers[i]);
	kvfree(t->triggers);
	kvfree(t->sel);
}
