// SPDX-License-Identifier: GPL-2.0
/*
 * The state terms of the language: "state NAME [sticky]" declarations,
 * a rule's "in S,..." and "on EVENT N within T state S", and a
 * direction's state default, trigger and selectors. Names are resolved
 * here, against the states declared so far, so that an unknown one is
 * refused where it is written; the engine then judges every setting
 * (canfw_states_check, canfw_trigger_check, canfw_rule_check_state,
 * canfw_selector_check) with the messages the kernel would give.
 */
#include <stdio.h>
#include <string.h>
#include "parser_int.h"

/* A state named by the current token, as its index; then the next token. */
static int state_ref(struct parser *ps, u8 *state, const char *after)
{
	char what[64];
	int i;

	if (ps->tok.type != CFW_T_WORD)
		return cfw_fail_at(ps, &ps->tok,
				   "expected a state name after '%s', got %s",
				   after, cfw_describe(ps, what, sizeof(what)));
	i = cfw_state_index(ps->p, ps->tok.s, ps->tok.len);
	if (i < 0)
		return cfw_fail_at(ps, &ps->tok,
				   "unknown state '%.*s': states are declared with 'state NAME' before they are used",
				   (int)(ps->tok.len > 40 ? 40 : ps->tok.len),
				   ps->tok.s);
	*state = (u8)i;
	return cfw_advance(ps);
}

/*
 * "state NAME [sticky]": the next state of the policy. A name is a word
 * of the language (letters, digits, '-' and '_', not starting with a
 * digit), which is also what the kernel takes.
 */
int cfw_parse_state_decl(struct parser *ps)
{
	struct cfw_policy *p = ps->p;
	struct canfw_state_def *def;
	struct cfw_token kw = ps->tok, name;
	char what[64];
	const char *msg;
	int prev;

	if (cfw_advance(ps))
		return -1;
	name = ps->tok;
	if (name.type != CFW_T_WORD)
		return cfw_fail_at(ps, &name,
				   "expected a state name after 'state', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (name.len > CANFW_STATE_NAME_LEN)
		return cfw_fail_at(ps, &name,
				   "state name '%.*s' is longer than %u characters",
				   (int)(name.len > 40 ? 40 : name.len), name.s,
				   CANFW_STATE_NAME_LEN);
	prev = cfw_state_index(p, name.s, name.len);
	if (prev >= 0)
		return cfw_fail_at(ps, &name,
				   "duplicate state '%.*s' (first declared on line %u)",
				   (int)name.len, name.s,
				   p->state_pos[prev].line);
	if (p->nstates == CANFW_STATES_MAX)
		return cfw_fail_at(ps, &kw,
				   "a policy declares at most %u states",
				   CANFW_STATES_MAX);
	def = &p->states[p->nstates];
	memset(def, 0, sizeof(*def));
	memcpy(def->name, name.s, name.len);
	if (cfw_advance(ps))
		return -1;
	if (cfw_tok_is(&ps->tok, "sticky")) {
		def->flags |= CANFW_STATE_FLAGS_STICKY;
		if (cfw_advance(ps))
			return -1;
	}
	p->state_pos[p->nstates] = kw.pos;
	p->nstates++;
	/* What the kernel checks, so that nothing it refuses gets through. */
	if (canfw_states_check(p->states, p->nstates, &msg))
		return cfw_fail_at(ps, &name, "%s", msg);
	return 0;
}

/* "S[,S]...": the states of a mask; AT is stretched over the list. */
int cfw_parse_states_list(struct parser *ps, u32 *mask, struct cfw_token *at)
{
	const char *after = "in";
	u8 state;

	*mask = 0;
	if (!ps->p->nstates)
		return cfw_fail_at(ps, at,
				   "'in' names states, and the policy declares none: declare them with 'state NAME' first");
	for (;;) {
		if (cfw_advance(ps))
			return -1;
		cfw_span(at, &ps->tok);
		if (state_ref(ps, &state, after))
			return -1;
		*mask |= CANFW_STATE_BIT(state);
		if (ps->tok.type != CFW_T_COMMA)
			return 0;
		after = ",";
	}
}

int cfw_parse_in(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_in, &rs->in))
		return -1;
	return cfw_parse_states_list(ps, &rs->r.states, &rs->in);
}

/*
 * "on EVENT N within T state S" after the "on" at AT (stretched over
 * it). The count, the window and the state are judged by the engine, at
 * the word each is about.
 */
static int parse_trigger(struct parser *ps, struct canfw_trigger_spec *t,
			 struct cfw_token *at)
{
	struct cfw_token count, window;
	char what[64];
	const char *msg;
	int ev;

	memset(t, 0, sizeof(*t));
	if (!ps->p->nstates)
		return cfw_fail_at(ps, at,
				   "a trigger switches to a state, and the policy declares none: declare them with 'state NAME' first");
	if (cfw_advance(ps))
		return -1;
	ev = ps->tok.type == CFW_T_WORD ?
	     cfw_trigger_event_find(ps->tok.s, ps->tok.len) : -1;
	if (ev < 0)
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'drops', 'rate-limited', 'early' or 'missing' after 'on', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	t->event = (u8)ev;
	if (cfw_advance(ps))
		return -1;
	count = ps->tok;
	if (cfw_number(ps, &t->count, cfw_trigger_event_name(t->event)))
		return -1;
	if (!cfw_tok_is(&ps->tok, "within"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'within' after the trigger's count, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (cfw_advance(ps))
		return -1;
	window = ps->tok;
	if (cfw_duration(ps, &t->window_us, "within"))
		return -1;
	if (!cfw_tok_is(&ps->tok, "state"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'state' after the trigger's window, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (cfw_advance(ps))
		return -1;
	cfw_span(at, &ps->tok);
	if (state_ref(ps, &t->state, "state"))
		return -1;
	/* The count is 1 or more here, so the engine checks it all. */
	if (!t->count)
		return cfw_fail_at(ps, &count, "a trigger counts 1 to %u events",
				   CANFW_TRIGGER_COUNT_MAX);
	if (canfw_trigger_check(t, ps->p->nstates, &msg))
		return cfw_fail_at(ps, strstr(msg, "window") ? &window :
				   strstr(msg, "counts") ? &count : at,
				   "%s", msg);
	return 0;
}

int cfw_parse_on(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_on, &rs->on))
		return -1;
	return parse_trigger(ps, &rs->r.trigger, &rs->on);
}

/* What the trigger counts must be something the rule can do. */
int cfw_check_rule_state(struct parser *ps, struct rule_src *rs)
{
	const char *msg;

	if (!canfw_rule_check_state(&rs->r, ps->p->nstates, &msg))
		return 0;
	return cfw_fail_at(ps, rs->has_on ? &rs->on : &rs->in, "%s", msg);
}

/* "rx on EVENT N within T state S": the direction's trigger, once. */
int cfw_parse_dir_trigger(struct parser *ps, struct cfw_dir *d,
			  unsigned int *first, const char *dir)
{
	struct cfw_token at = ps->tok;

	if (*first)
		return cfw_fail_at(ps, &at,
				   "duplicate '%s on' statement (first given on line %u)",
				   dir, *first);
	*first = at.pos.line;
	d->trigger_pos = at.pos;
	return parse_trigger(ps, &d->trigger, &at);
}

/* The words of a selector, and where each was written. */
struct sel_src {
	struct canfw_selector_spec s;
	struct rule_src rs;		/* its byte matches, parsed as a rule's */
	struct cfw_token id, space, state, els, period, jitter;
	bool has_id, has_space, has_state, has_else, has_period, has_jitter;
	u32 id_num;
	u8 space_word;
};

static int sel_id(struct parser *ps, struct sel_src *ss)
{
	char what[64];

	if (cfw_no_repeat(ps, &ss->has_id, &ss->id) || cfw_advance(ps))
		return -1;
	cfw_span(&ss->id, &ps->tok);
	if (cfw_number(ps, &ss->id_num, "id"))
		return -1;
	if (ps->tok.type == CFW_T_DASH || ps->tok.type == CFW_T_SLASH)
		return cfw_fail_at(ps, &ps->tok,
				   "a selector names one ID, not a range or a mask: got %s",
				   cfw_describe(ps, what, sizeof(what)));
	return 0;
}

static int sel_space(struct parser *ps, struct sel_src *ss, u8 space)
{
	char what[64];

	if (ss->has_space)
		return cfw_fail_at(ps, &ps->tok,
				   ss->space_word == space ?
				   "duplicate %s in this selector" :
				   "%s conflicts with the ID space given before",
				   cfw_describe(ps, what, sizeof(what)));
	ss->has_space = true;
	ss->space = ps->tok;
	ss->space_word = space;
	return cfw_advance(ps);
}

static int sel_state(struct parser *ps, bool *has, struct cfw_token *at,
		     u8 *state)
{
	char kw[8];

	snprintf(kw, sizeof(kw), "%.*s", (int)ps->tok.len, ps->tok.s);
	if (cfw_no_repeat(ps, has, at) || cfw_advance(ps))
		return -1;
	cfw_span(at, &ps->tok);
	return state_ref(ps, state, kw);
}

static int sel_time(struct parser *ps, bool *has, struct cfw_token *at,
		    u32 *us)
{
	char kw[8];

	snprintf(kw, sizeof(kw), "%.*s", (int)ps->tok.len, ps->tok.s);
	if (cfw_no_repeat(ps, has, at) || cfw_advance(ps))
		return -1;
	cfw_span(at, &ps->tok);
	return cfw_duration(ps, us, kw);
}

static bool sel_end(const struct parser *ps)
{
	return ps->tok.type == CFW_T_NEWLINE || ps->tok.type == CFW_T_SEMI ||
	       ps->tok.type == CFW_T_RBRACE || ps->tok.type == CFW_T_EOF;
}

static int sel_words(struct parser *ps, struct sel_src *ss)
{
	char what[64];

	while (!sel_end(ps)) {
		const struct cfw_token *t = &ps->tok;
		int err;

		if (cfw_tok_is(t, "id"))
			err = sel_id(ps, ss);
		else if (cfw_tok_is(t, "sff"))
			err = sel_space(ps, ss, CANFW_SPACE_SFF);
		else if (cfw_tok_is(t, "eff"))
			err = sel_space(ps, ss, CANFW_SPACE_EFF);
		else if (cfw_tok_is(t, "data") && cfw_lex_follows(&ps->lx, '['))
			err = cfw_parse_data_match(ps, &ss->rs);
		else if (cfw_tok_is(t, "state"))
			err = sel_state(ps, &ss->has_state, &ss->state,
					&ss->s.state);
		else if (cfw_tok_is(t, "else"))
			err = sel_state(ps, &ss->has_else, &ss->els,
					&ss->s.else_state);
		else if (cfw_tok_is(t, "period"))
			err = sel_time(ps, &ss->has_period, &ss->period,
				       &ss->s.period_us);
		else if (cfw_tok_is(t, "jitter"))
			err = sel_time(ps, &ss->has_jitter, &ss->jitter,
				       &ss->s.jitter_us);
		else
			return cfw_fail_at(ps, t,
					   "expected a selector's 'id', 'data[...]', 'state', 'else', 'period' or 'jitter', got %s",
					   cfw_describe(ps, what, sizeof(what)));
		if (err)
			return -1;
	}
	return 0;
}

/* The ID in the space its number or word says, as a rule's would be. */
static int sel_check_id(struct parser *ps, struct sel_src *ss,
			const struct cfw_token *at)
{
	bool eff = ss->has_space ? ss->space_word == CANFW_SPACE_EFF :
		   ss->id_num > CAN_SFF_MASK;

	if (!ss->has_id)
		return cfw_fail_at(ps, at, "a selector needs an 'id'");
	if (ss->id_num > (eff ? CAN_EFF_MASK : CAN_SFF_MASK))
		return cfw_fail_at(ps, &ss->id,
				   "a selector names one standard or extended ID");
	ss->s.can_id = ss->id_num | (eff ? CAN_EFF_FLAG : 0);
	return 0;
}

/* The engine's verdict, at the word its message is about. */
static int sel_check(struct parser *ps, struct sel_src *ss,
		     const struct cfw_token *at)
{
	const struct cfw_token *where = at;
	const char *msg;

	if (!canfw_selector_check(&ss->s, ps->p->nstates, &msg))
		return 0;
	if (strstr(msg, "jitter") && ss->has_jitter)
		where = &ss->jitter;
	else if (strstr(msg, "period") || strstr(msg, "jitter"))
		where = ss->has_period ? &ss->period : &ss->jitter;
	else if (strstr(msg, "byte") && ss->s.payload.ndata)
		where = &ss->rs.data[0];
	return cfw_fail_at(ps, where, "%s", msg);
}

/*
 * "rx select id ID [data[N:M] V[/M]]... state S [else S] [period T
 * [jitter J]]": received frames of ID whose bytes match select S, others
 * the else state. Only the first selector of an ID would ever act, so a
 * second is refused.
 */
int cfw_parse_selector(struct parser *ps, struct cfw_dir *d, int dir)
{
	struct cfw_token at = ps->tok;
	struct sel_src ss;
	u32 i;

	memset(&ss, 0, sizeof(ss));
	ss.s.else_state = CANFW_NO_STATE;
	if (!ps->p->nstates)
		return cfw_fail_at(ps, &at,
				   "a selector selects a state, and the policy declares none: declare them with 'state NAME' first");
	if (dir != CANFW_DIR_RX)
		return cfw_fail_at(ps, &at, "selectors read received frames: rx only");
	if (d->nsel == CANFW_SELECTORS_MAX)
		return cfw_fail_at(ps, &at, "an entry has at most %u selectors",
				   CANFW_SELECTORS_MAX);
	if (cfw_advance(ps) || sel_words(ps, &ss) ||
	    sel_check_id(ps, &ss, &at))
		return -1;
	if (!ss.has_state)
		return cfw_fail_at(ps, &at, "a selector needs a 'state'");
	if (ss.has_jitter && !ss.has_period)
		return cfw_fail_at(ps, &ss.jitter, "'jitter' needs a 'period'");
	if (ss.has_period && !ss.has_jitter)
		ss.s.jitter_us = ss.s.period_us / 10;
	ss.s.payload = ss.rs.r.payload;
	if (sel_check(ps, &ss, &at))
		return -1;
	for (i = 0; i < d->nsel; i++)
		if (d->sel[i].can_id == ss.s.can_id)
			return cfw_fail_at(ps, &ss.id,
					   "a selector of this ID is given on line %u: only the first would act",
					   d->sel_pos[i].line);
	d->sel_pos[d->nsel] = at.pos;
	d->sel[d->nsel++] = ss.s;
	return 0;
}
