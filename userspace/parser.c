// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive descent over the token stream with one token of lookahead.
 * Every check that can point at a token is made here, where the token's
 * position is known; the engine's own checks run afterwards on every rule
 * and table so that nothing `check` accepts can be refused by the kernel.
 * Here are the blocks, their statements and the basic rule terms; the
 * payload terms are in parser_payload.c, the sender terms in
 * parser_sender.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ifglob.h"
#include "parser_int.h"

/* Where each once-only setting of a block was first given, 0 if not yet. */
struct seen {
	unsigned int mode;
	unsigned int def[CFW_NDIRS];
	unsigned int err_def[CFW_NDIRS];
	unsigned int log_def[CFW_NDIRS];
	unsigned int events;
	unsigned int state_def[CFW_NDIRS];
	unsigned int trigger[CFW_NDIRS];
	bool comment;
	struct cfw_token comment_at;
};

int cfw_fail_at(struct parser *ps, const struct cfw_token *t,
		const char *fmt, ...)
{
	va_list ap;

	ps->err->pos = t->pos;
	ps->err->len = t->len ? t->len : 1;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Spans from the start of one token to the end of another on its line. */
void cfw_span(struct cfw_token *from, const struct cfw_token *to)
{
	if (to->pos.line == from->pos.line && to->s >= from->s)
		from->len = (unsigned int)(to->s + to->len - from->s);
}

int cfw_advance(struct parser *ps)
{
	return cfw_lex(&ps->lx, &ps->tok, ps->err);
}

const char *cfw_describe(struct parser *ps, char *buf, size_t size)
{
	cfw_tok_describe(&ps->tok, buf, size);
	return buf;
}

static bool at_end_of_statement(const struct parser *ps)
{
	switch (ps->tok.type) {
	case CFW_T_NEWLINE:
	case CFW_T_SEMI:
	case CFW_T_RBRACE:
	case CFW_T_EOF:
		return true;
	default:
		return false;
	}
}

static int unknown_keyword(struct parser *ps)
{
	char what[64];

	if (ps->tok.type == CFW_T_WORD)
		return cfw_fail_at(ps, &ps->tok, "unknown keyword %s",
				   cfw_describe(ps, what, sizeof(what)));
	return cfw_fail_at(ps, &ps->tok, "expected a keyword, got %s",
			   cfw_describe(ps, what, sizeof(what)));
}

int cfw_expect_end_of_statement(struct parser *ps)
{
	char what[64];

	if (at_end_of_statement(ps))
		return 0;
	return cfw_fail_at(ps, &ps->tok, "expected end of statement, got %s",
			   cfw_describe(ps, what, sizeof(what)));
}

int cfw_parse_action(struct parser *ps, u8 *action)
{
	char what[64];

	if (cfw_tok_is(&ps->tok, "accept"))
		*action = CANFW_ACTION_ACCEPT;
	else if (cfw_tok_is(&ps->tok, "drop"))
		*action = CANFW_ACTION_DROP;
	else
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'accept' or 'drop', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	return cfw_advance(ps);
}

static int word_dir(const struct cfw_token *t)
{
	if (cfw_tok_is(t, "rx"))
		return CANFW_DIR_RX;
	if (cfw_tok_is(t, "tx"))
		return CANFW_DIR_TX;
	return -1;
}

static int once(struct parser *ps, unsigned int *first, const char *what)
{
	if (*first)
		return cfw_fail_at(ps, &ps->tok,
				   "duplicate '%s' statement (first given on line %u)",
				   what, *first);
	*first = ps->tok.pos.line;
	return 0;
}

static int parse_mode(struct parser *ps, struct cfw_iface *ifc,
		      struct seen *seen)
{
	char what[64];

	if (once(ps, &seen->mode, "mode") || cfw_advance(ps))
		return -1;
	if (cfw_tok_is(&ps->tok, "enforce"))
		ifc->mode = CANFW_MODE_ENFORCE;
	else if (cfw_tok_is(&ps->tok, "monitor"))
		ifc->mode = CANFW_MODE_MONITOR;
	else
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'enforce' or 'monitor', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	return cfw_advance(ps);
}

static int parse_log_default(struct parser *ps, struct cfw_iface *ifc,
			     struct seen *seen)
{
	char what[64];
	int n = 0, dir;

	if (cfw_advance(ps))
		return -1;
	while ((dir = word_dir(&ps->tok)) >= 0) {
		char name[32];

		snprintf(name, sizeof(name), "log-default %s",
			 cfw_dir_name(dir));
		if (once(ps, &seen->log_def[dir], name))
			return -1;
		ifc->dir[dir].log_default = 1;
		n++;
		if (cfw_advance(ps))
			return -1;
	}
	if (!n)
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'rx' or 'tx' after 'log-default', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	return 0;
}

int cfw_number(struct parser *ps, u32 *v, const char *after)
{
	char what[64];

	if (ps->tok.type != CFW_T_NUMBER)
		return cfw_fail_at(ps, &ps->tok, "expected a number after '%s', got %s",
				   after, cfw_describe(ps, what, sizeof(what)));
	if (ps->tok.unit)
		return cfw_fail_at(ps, &ps->tok, "bad number '%.*s'",
				   (int)ps->tok.len, ps->tok.s);
	*v = ps->tok.num;
	return cfw_advance(ps);
}

/* A time with its unit, "250us", "10ms" or "2s", in microseconds. */
int cfw_duration(struct parser *ps, u32 *us, const char *after)
{
	static const struct { const char *name; u32 us; } units[] = {
		{ "us", 1 }, { "ms", 1000 }, { "s", 1000000 },
	};
	const struct cfw_token *t = &ps->tok;
	char what[64];
	size_t i;

	if (t->type != CFW_T_NUMBER)
		return cfw_fail_at(ps, &ps->tok, "expected a time after '%s' (10ms, 250us, 2s), got %s",
				   after, cfw_describe(ps, what, sizeof(what)));
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		const char *u = t->s + t->len - t->unit;

		if (t->unit != strlen(units[i].name) ||
		    strncmp(u, units[i].name, t->unit))
			continue;
		if ((u64)t->num * units[i].us > U32_MAX)
			return cfw_fail_at(ps, &ps->tok,
					   "time '%.*s' is too long",
					   (int)t->len, t->s);
		*us = t->num * units[i].us;
		return cfw_advance(ps);
	}
	if (!t->unit)
		return cfw_fail_at(ps, &ps->tok,
				   "'%.*s' needs a unit: us, ms or s",
				   (int)t->len, t->s);
	return cfw_fail_at(ps, &ps->tok, "unknown unit in '%.*s': us, ms or s",
			   (int)t->len, t->s);
}

/*
 * "N/s" after the keyword KW: a rule's rate and an entry's event limit
 * share it, so both read and fail alike. AT, if set, is stretched to the
 * 's' so that later messages point at the whole rate.
 */
static int per_second(struct parser *ps, u32 *v, const char *kw,
		      const char *noun, struct cfw_token *at)
{
	char buf[64];

	if (cfw_number(ps, v, kw))
		return -1;
	if (ps->tok.type != CFW_T_SLASH)
		return cfw_fail_at(ps, &ps->tok, "expected '/s' after the %s, got %s",
				   noun, cfw_describe(ps, buf, sizeof(buf)));
	if (cfw_advance(ps))
		return -1;
	if (!cfw_tok_is(&ps->tok, "s"))
		return cfw_fail_at(ps, &ps->tok,
				   "rates are per second: expected 's' after '/', got %s",
				   cfw_describe(ps, buf, sizeof(buf)));
	if (at)
		cfw_span(at, &ps->tok);
	return cfw_advance(ps);
}

/* "events N/s [burst M]": the event rate limit per device and direction. */
static int parse_events(struct parser *ps, struct cfw_iface *ifc,
			struct seen *seen)
{
	struct cfw_token at;
	const char *msg;

	if (once(ps, &seen->events, "events") || cfw_advance(ps))
		return -1;
	at = ps->tok;
	if (per_second(ps, &ifc->event_rate, "events", "event rate", &at))
		return -1;
	if (cfw_tok_is(&ps->tok, "burst")) {
		if (cfw_advance(ps))
			return -1;
		at = ps->tok;
		if (cfw_number(ps, &ifc->event_burst, "burst"))
			return -1;
	}
	if (canfw_bucket_check(ifc->event_rate, ifc->event_burst, &msg))
		return cfw_fail_at(ps, &at, "events: %s", msg);
	return 0;
}

int cfw_no_repeat(struct parser *ps, bool *has, struct cfw_token *where)
{
	char what[64];

	if (*has)
		return cfw_fail_at(ps, &ps->tok, "duplicate %s in this rule",
				   cfw_describe(ps, what, sizeof(what)));
	*has = true;
	*where = ps->tok;
	return 0;
}

static int parse_len(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_len, &rs->len) || cfw_advance(ps))
		return -1;
	cfw_span(&rs->len, &ps->tok);
	if (cfw_number(ps, &rs->len_lo, "len"))
		return -1;
	rs->len_hi = rs->len_lo;
	if (ps->tok.type == CFW_T_DASH) {
		if (cfw_advance(ps))
			return -1;
		cfw_span(&rs->len, &ps->tok);
		if (cfw_number(ps, &rs->len_hi, "-"))
			return -1;
	}
	return 0;
}

static int parse_rate(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_rate, &rs->rate) || cfw_advance(ps))
		return -1;
	return per_second(ps, &rs->r.rate, "rate", "rate", &rs->rate);
}

/* "period T", "jitter T", "timeout T": a time in microseconds. */
static int parse_time(struct parser *ps, bool *has, struct cfw_token *at,
		      u32 *us)
{
	char kw[16];

	snprintf(kw, sizeof(kw), "%.*s", (int)ps->tok.len, ps->tok.s);
	if (cfw_no_repeat(ps, has, at) || cfw_advance(ps))
		return -1;
	cfw_span(at, &ps->tok);
	return cfw_duration(ps, us, kw);
}

/* "early log" lets early frames through, reported; "early drop" is the default. */
static int parse_early(struct parser *ps, struct rule_src *rs)
{
	char what[64];

	if (cfw_no_repeat(ps, &rs->has_early, &rs->early) || cfw_advance(ps))
		return -1;
	cfw_span(&rs->early, &ps->tok);
	if (cfw_tok_is(&ps->tok, "log"))
		rs->r.flags |= CANFW_RULE_FLAGS_EARLY_LOG;
	else if (!cfw_tok_is(&ps->tok, "drop"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'log' or 'drop' after 'early', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	return cfw_advance(ps);
}

/* IDs a per-id rule keeps state for when it does not say. */
#define CFW_PER_ID_DEFAULT	256

/* "per-id [N]": the rule's rate and timing per ID, for up to N IDs. */
static int parse_per_id(struct parser *ps, struct rule_src *rs)
{
	u32 n = CFW_PER_ID_DEFAULT;

	if (cfw_no_repeat(ps, &rs->has_per_id, &rs->per_id) || cfw_advance(ps))
		return -1;
	if (ps->tok.type == CFW_T_NUMBER) {
		cfw_span(&rs->per_id, &ps->tok);
		if (cfw_number(ps, &n, "per-id"))
			return -1;
	}
	/* Out of range on purpose: the engine's check says what is allowed. */
	rs->r.per_id = !n || n > U16_MAX ? U16_MAX : (u16)n;
	return 0;
}

static int parse_burst(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_burst, &rs->burst) || cfw_advance(ps))
		return -1;
	cfw_span(&rs->burst, &ps->tok);
	return cfw_number(ps, &rs->r.burst, "burst");
}

static const struct {
	const char *word;
	u8 kinds;
} kind_words[] = {
	{ "data", CANFW_KIND_DATA },
	{ "rtr", CANFW_KIND_RTR },
	{ "fd", CANFW_KIND_FD },
	{ "xl", CANFW_KIND_XL },
	{ "classic", CANFW_KIND_DATA | CANFW_KIND_RTR },
	{ "err", CANFW_KIND_ERR },
};

/* Frame-kind words add up: "data fd" matches classical data and CAN FD. */
static int parse_kind(struct parser *ps, struct rule_src *rs, unsigned int k)
{
	char what[64];

	if (rs->kind_words & (1U << k))
		return cfw_fail_at(ps, &ps->tok, "duplicate %s in this rule",
				   cfw_describe(ps, what, sizeof(what)));
	if (!rs->kind_words)
		rs->kind = ps->tok;
	rs->kind_words |= 1U << k;
	if ((rs->r.kinds | kind_words[k].kinds) & CANFW_KIND_ERR &&
	    rs->r.kinds != 0)
		return cfw_fail_at(ps, &ps->tok,
				   "'err' cannot be combined with other frame kinds");
	rs->r.kinds |= kind_words[k].kinds;
	return cfw_advance(ps);
}

static int parse_space(struct parser *ps, struct rule_src *rs, u8 space)
{
	char what[64];

	if (rs->has_space)
		return cfw_fail_at(ps, &ps->tok,
				   rs->space_word == space ?
				   "duplicate %s in this rule" :
				   "%s conflicts with the ID space given before",
				   cfw_describe(ps, what, sizeof(what)));
	rs->has_space = true;
	rs->space = ps->tok;
	rs->space_word = space;
	return cfw_advance(ps);
}

static int parse_rule_words(struct parser *ps, struct rule_src *rs)
{
	unsigned int k;

	while (!at_end_of_statement(ps)) {
		const struct cfw_token *t = &ps->tok;
		int err;

		if (cfw_tok_is(t, "id")) {
			err = cfw_parse_id(ps, rs);
		} else if (cfw_tok_is(t, "sff")) {
			err = parse_space(ps, rs, CANFW_SPACE_SFF);
		} else if (cfw_tok_is(t, "eff")) {
			err = parse_space(ps, rs, CANFW_SPACE_EFF);
		} else if (cfw_tok_is(t, "len")) {
			err = parse_len(ps, rs);
		} else if (cfw_tok_is(t, "rate")) {
			err = parse_rate(ps, rs);
		} else if (cfw_tok_is(t, "burst")) {
			err = parse_burst(ps, rs);
		} else if (cfw_tok_is(t, "period")) {
			err = parse_time(ps, &rs->has_period, &rs->period,
					 &rs->r.period_us);
		} else if (cfw_tok_is(t, "jitter")) {
			err = parse_time(ps, &rs->has_jitter, &rs->jitter,
					 &rs->r.jitter_us);
		} else if (cfw_tok_is(t, "timeout")) {
			err = parse_time(ps, &rs->has_timeout, &rs->timeout,
					 &rs->r.timeout_us);
		} else if (cfw_tok_is(t, "early")) {
			err = parse_early(ps, rs);
		} else if (cfw_tok_is(t, "per-id")) {
			err = parse_per_id(ps, rs);
		} else if (cfw_tok_is(t, "data") &&
			   cfw_lex_follows(&ps->lx, '[')) {
			err = cfw_parse_data_match(ps, rs);
		} else if (cfw_tok_is(t, "isotp")) {
			err = cfw_parse_isotp(ps, rs);
		} else if (cfw_tok_is(t, "uds")) {
			err = cfw_parse_uds(ps, rs);
		} else if (cfw_tok_is(t, "uid")) {
			err = cfw_parse_owner(ps, &rs->has_uid, &rs->uid,
					      &rs->r.sender.uid_lo,
					      &rs->r.sender.uid_hi);
			rs->r.sender.match |= CANFW_SENDER_UID;
		} else if (cfw_tok_is(t, "gid")) {
			err = cfw_parse_owner(ps, &rs->has_gid, &rs->gid,
					      &rs->r.sender.gid_lo,
					      &rs->r.sender.gid_hi);
			rs->r.sender.match |= CANFW_SENDER_GID;
		} else if (cfw_tok_is(t, "cgroup")) {
			err = cfw_parse_cgroup(ps, rs);
		} else if (cfw_tok_is(t, "cgroup-id")) {
			err = cfw_parse_cgroup_id(ps, rs);
		} else if (cfw_tok_is(t, "socket")) {
			err = cfw_parse_socket(ps, rs);
		} else if (cfw_tok_is(t, "comment")) {
			err = cfw_parse_comment(ps, &rs->has_comment,
						&rs->comment_at, rs->comment);
		} else if (cfw_tok_is(t, "in")) {
			err = cfw_parse_in(ps, rs);
		} else if (cfw_tok_is(t, "on")) {
			err = cfw_parse_on(ps, rs);
		} else if (cfw_tok_is(t, "log")) {
			struct cfw_token dummy;

			err = cfw_no_repeat(ps, &rs->has_log, &dummy);
			rs->r.flags |= CANFW_RULE_FLAGS_LOG;
			if (!err)
				err = cfw_advance(ps);
		} else {
			for (k = 0; k < sizeof(kind_words) / sizeof(kind_words[0]);
			     k++)
				if (cfw_tok_is(t, kind_words[k].word))
					break;
			if (k == sizeof(kind_words) / sizeof(kind_words[0]) &&
			    t->type == CFW_T_LBRACKET)
				return cfw_fail_at(ps, t,
						   "unexpected '[': a byte match is data[N] or data[N:M], with no blank before '['");
			if (k == sizeof(kind_words) / sizeof(kind_words[0]))
				return unknown_keyword(ps);
			err = parse_kind(ps, rs, k);
		}
		if (err)
			return -1;
	}
	return 0;
}

static int check_kind_len(struct parser *ps, struct rule_src *rs)
{
	struct canfw_rule_spec *r = &rs->r;
	const char *msg;

	if (r->kinds == CANFW_KIND_ERR) {
		if (rs->has_id)
			return cfw_fail_at(ps, &rs->id_kw,
					   "error frames carry no CAN ID: 'err' cannot be combined with 'id'");
		if (rs->has_space)
			return cfw_fail_at(ps, &rs->space,
					   "error frames carry no CAN ID: 'err' cannot be combined with an ID space");
	}
	/* No length: any length this rule's kinds of frame can have. */
	r->len_lo = 0;
	r->len_hi = canfw_kinds_max_len(r->kinds);
	if (!rs->has_len)
		return 0;
	/* Beyond u16 is beyond every kind's maximum, which the engine says. */
	r->len_lo = (u16)min_t(u32, rs->len_lo, U16_MAX);
	r->len_hi = (u16)min_t(u32, rs->len_hi, U16_MAX);
	/* What lengths fit which kinds is the engine's to say. */
	if (canfw_rule_check_len(r, &msg))
		return cfw_fail_at(ps, &rs->len, "%s", msg);
	return 0;
}

static int check_rate(struct parser *ps, struct rule_src *rs)
{
	struct canfw_rule_spec *r = &rs->r;
	const char *msg;

	if (rs->has_burst && !rs->has_rate)
		return cfw_fail_at(ps, &rs->burst, "'burst' needs a 'rate'");
	if (!rs->has_rate)
		return 0;
	if (!rs->has_burst)
		r->burst = 1;
	/*
	 * The engine's words, at the number they are about; to it a rate of 0
	 * means none, so "rate 0/s" goes to the bucket's own check.
	 */
	if (r->rate ? canfw_rule_check_rate(r, &msg) :
	    canfw_bucket_check(r->rate, r->burst, &msg))
		return cfw_fail_at(ps, r->rate < CANFW_RATE_MIN ||
				   r->rate > CANFW_RATE_MAX ||
				   r->action != CANFW_ACTION_ACCEPT ?
				   &rs->rate : &rs->burst, "%s", msg);
	return 0;
}

/*
 * Timing: a jitter defaults to a tenth of the period. The engine judges
 * the settings; its message goes to the word it is about.
 */
static int check_timing(struct parser *ps, struct rule_src *rs)
{
	struct canfw_rule_spec *r = &rs->r;
	const struct cfw_token *at;
	const char *msg;

	if (rs->has_jitter && !rs->has_period)
		return cfw_fail_at(ps, &rs->jitter,
				   "'jitter' needs a 'period'");
	if (rs->has_early && !rs->has_period)
		return cfw_fail_at(ps, &rs->early, "'early' needs a 'period'");
	if (!rs->has_period && !rs->has_timeout)
		return 0;
	if (rs->has_period && !rs->has_jitter)
		r->jitter_us = r->period_us / 10;
	if (!canfw_rule_check_timing(r, &msg))
		return 0;
	at = rs->has_period ? &rs->period : &rs->timeout;
	if (!strncmp(msg, "timeout", 7))
		at = &rs->timeout;
	else if (!strncmp(msg, "jitter", 6) && rs->has_jitter)
		at = &rs->jitter;
	return cfw_fail_at(ps, at, "%s", msg);
}

static int parse_rule(struct parser *ps, struct cfw_iface *ifc, int dir,
		      struct cfw_token start)
{
	struct rule_src rs;
	const char *msg;

	memset(&rs, 0, sizeof(rs));
	if (cfw_parse_action(ps, &rs.r.action) || parse_rule_words(ps, &rs))
		return -1;
	if (cfw_check_ids(ps, &rs) || check_kind_len(ps, &rs) ||
	    check_rate(ps, &rs) || check_timing(ps, &rs))
		return -1;
	if (rs.has_per_id && canfw_rule_check_per_id(&rs.r, &msg))
		return cfw_fail_at(ps, &rs.per_id, "%s", msg);
	if (rs.has_payload && cfw_check_payload(ps, &rs))
		return -1;
	if (rs.r.sender.match && cfw_check_sender(ps, &rs))
		return -1;
	/* The whole rule, for messages that concern all of it. */
	start.len = (unsigned int)(ps->tok.s - start.s);
	while (start.len && (start.s[start.len - 1] == ' ' ||
			     start.s[start.len - 1] == '\t'))
		start.len--;
	if (canfw_rule_check(&rs.r, &msg))
		return cfw_fail_at(ps, &start, "%s", msg);
	if ((rs.has_in || rs.has_on) && cfw_check_rule_state(ps, &rs))
		return -1;
	rs.r.comment = rs.has_comment ? rs.comment : NULL;
	if (cfw_dir_add_rule(&ifc->dir[dir], &rs.r, start.pos))
		return cfw_fail_at(ps, &start, "out of memory");
	return 0;
}

/* Words of a rule body: after "rx" they mean the action was forgotten. */
static bool is_rule_word(const struct cfw_token *t)
{
	static const char *const words[] = {
		"id", "sff", "eff", "len", "rate", "burst", "log",
		"period", "jitter", "timeout", "early", "per-id",
		"data", "rtr", "fd", "xl", "classic", "err", "isotp", "uds",
		"uid", "gid", "cgroup", "cgroup-id", "socket", "in",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (cfw_tok_is(t, words[i]))
			return true;
	return false;
}

/*
 * "rx default ACTION", the base default, and "rx default ACTION in S,...",
 * the default in those states: each once, so a direction has one of each.
 */
static int parse_default(struct parser *ps, struct cfw_dir *d, int dir,
			 struct seen *seen)
{
	struct cfw_token kw = ps->tok, in;
	char name[40];
	u8 action;

	if (cfw_advance(ps) || cfw_parse_action(ps, &action))
		return -1;
	if (!cfw_tok_is(&ps->tok, "in")) {
		snprintf(name, sizeof(name), "%s default", cfw_dir_name(dir));
		if (seen->def[dir])
			return cfw_fail_at(ps, &kw,
					   "duplicate '%s' statement (first given on line %u)",
					   name, seen->def[dir]);
		seen->def[dir] = kw.pos.line;
		d->default_action = action;
		return 0;
	}
	in = ps->tok;
	if (seen->state_def[dir])
		return cfw_fail_at(ps, &in,
				   "duplicate '%s default ... in' statement (first given on line %u)",
				   cfw_dir_name(dir), seen->state_def[dir]);
	seen->state_def[dir] = in.pos.line;
	d->state_default = action;
	d->state_default_pos = kw.pos;
	return cfw_parse_states_list(ps, &d->state_default_in, &in);
}

static int parse_dir_statement(struct parser *ps, struct cfw_iface *ifc,
			       struct seen *seen)
{
	struct cfw_token start = ps->tok;
	int dir = word_dir(&ps->tok);
	char what[64], name[32];

	if (cfw_advance(ps))
		return -1;
	if (cfw_tok_is(&ps->tok, "default"))
		return parse_default(ps, &ifc->dir[dir], dir, seen);
	if (cfw_tok_is(&ps->tok, "err-default")) {
		snprintf(name, sizeof(name), "%s err-default", cfw_dir_name(dir));
		if (once(ps, &seen->err_def[dir], name) || cfw_advance(ps))
			return -1;
		return cfw_parse_action(ps, &ifc->dir[dir].err_default);
	}
	if (cfw_tok_is(&ps->tok, "on"))
		return cfw_parse_dir_trigger(ps, &ifc->dir[dir],
					     &seen->trigger[dir],
					     cfw_dir_name(dir));
	if (cfw_tok_is(&ps->tok, "select"))
		return cfw_parse_selector(ps, &ifc->dir[dir], dir);
	if (cfw_tok_is(&ps->tok, "accept") || cfw_tok_is(&ps->tok, "drop"))
		return parse_rule(ps, ifc, dir, start);
	if (ps->tok.type == CFW_T_WORD && !is_rule_word(&ps->tok))
		return unknown_keyword(ps);
	return cfw_fail_at(ps, &ps->tok,
			   "expected 'accept', 'drop', 'default', 'err-default', 'on' or 'select' after '%s', got %s",
			   cfw_dir_name(dir),
			   cfw_describe(ps, what, sizeof(what)));
}

/*
 * "both ACTION ..." and "both default ACTION": the same rule or default
 * for rx and then for tx. The text is read once per direction, so that a
 * direction's own checks (tx judges no error frames) point at the word
 * they refuse.
 */
static int parse_both(struct parser *ps, struct cfw_iface *ifc,
		      struct seen *seen)
{
	struct cfw_token start = ps->tok, tok;
	struct cfw_lexer lx;
	char what[64];
	int dir, err;

	if (cfw_advance(ps))
		return -1;
	if (!cfw_tok_is(&ps->tok, "default") &&
	    !cfw_tok_is(&ps->tok, "accept") && !cfw_tok_is(&ps->tok, "drop"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'accept', 'drop' or 'default' after 'both', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	lx = ps->lx;
	tok = ps->tok;
	for (dir = 0; dir < CFW_NDIRS; dir++) {
		ps->lx = lx;
		ps->tok = tok;
		if (cfw_tok_is(&ps->tok, "default"))
			err = parse_default(ps, &ifc->dir[dir], dir, seen);
		else
			err = parse_rule(ps, ifc, dir, start);
		if (err)
			return -1;
	}
	return 0;
}

static int parse_statement(struct parser *ps, struct cfw_iface *ifc,
			   struct seen *seen)
{
	const struct cfw_token *t = &ps->tok;

	if (cfw_tok_is(t, "mode"))
		return parse_mode(ps, ifc, seen);
	if (word_dir(t) >= 0)
		return parse_dir_statement(ps, ifc, seen);
	if (cfw_tok_is(t, "both"))
		return parse_both(ps, ifc, seen);
	if (cfw_tok_is(t, "log-default"))
		return parse_log_default(ps, ifc, seen);
	if (cfw_tok_is(t, "events"))
		return parse_events(ps, ifc, seen);
	if (cfw_tok_is(t, "comment"))
		return cfw_parse_comment(ps, &seen->comment, &seen->comment_at,
					 ifc->comment);
	if (cfw_tok_is(t, "state"))
		return cfw_fail_at(ps, t,
				   "states are declared outside interface blocks, before them");
	if (cfw_tok_is(t, "interface"))
		return cfw_fail_at(ps, t,
				   "missing '}' before this interface: '%s' is still open",
				   ifc->name);
	return unknown_keyword(ps);
}

static int check_name(struct parser *ps, const struct cfw_token *t)
{
	size_t i;
	char what[64];

	if (t->type != CFW_T_NAME) {
		cfw_tok_describe(t, what, sizeof(what));
		return cfw_fail_at(ps, t, "expected an interface name, got %s",
				   what);
	}
	if (t->len > CFW_IFNAME_MAX)
		return cfw_fail_at(ps, t,
				   "interface name '%.*s' is longer than %u characters",
				   (int)(t->len > 40 ? 40 : t->len), t->s,
				   CFW_IFNAME_MAX);
	if (!t->len)
		return cfw_fail_at(ps, t, "an interface name cannot be empty");
	/* The kernel refuses these in interface names (dev_valid_name). */
	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '/' || t->s[i] == ':')
			return cfw_fail_at(ps, t,
					   "interface name '%.*s' contains '%c'",
					   (int)t->len, t->s, t->s[i]);
		/*
		 * Quotes let these in, and the kernel refuses the blanks;
		 * the rest would not print back as a name.
		 */
		if (t->quoted && (t->s[i] <= ' ' || t->s[i] >= 0x7f ||
				  strchr("#{};", t->s[i])))
			return cfw_fail_at(ps, t,
					   "interface name '%.*s' contains a blank, a control character or one of # { } ;",
					   (int)t->len, t->s);
	}
	if ((t->len == 1 && t->s[0] == '.') ||
	    (t->len == 2 && !memcmp(t->s, "..", 2)))
		return cfw_fail_at(ps, t, "'%.*s' is not an interface name",
				   (int)t->len, t->s);
	return 0;
}

static int parse_iface(struct parser *ps)
{
	struct cfw_token kw = ps->tok, open;
	struct cfw_iface *ifc;
	struct seen seen;
	char name[CFW_IFNAME_MAX + 1], what[64];
	size_t i;

	memset(&seen, 0, sizeof(seen));
	if (cfw_lex_name(&ps->lx, &ps->tok, ps->err) || check_name(ps, &ps->tok))
		return -1;
	memcpy(name, ps->tok.s, ps->tok.len);
	name[ps->tok.len] = 0;
	for (i = 0; i < ps->p->nifaces; i++)
		if (!strcmp(ps->p->ifaces[i].name, name))
			return cfw_fail_at(ps, &ps->tok,
					   "duplicate interface block '%s' (first on line %u)",
					   name, ps->p->ifaces[i].pos.line);
	ifc = cfw_policy_add_iface(ps->p, name);
	if (!ifc)
		return cfw_fail_at(ps, &ps->tok, "out of memory");
	ifc->pos = kw.pos;
	if (cfw_advance(ps))
		return -1;
	while (ps->tok.type == CFW_T_NEWLINE)
		if (cfw_advance(ps))
			return -1;
	if (ps->tok.type != CFW_T_LBRACE)
		return cfw_fail_at(ps, &ps->tok,
				   "expected '{' after the interface name, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	open = ps->tok;
	if (cfw_advance(ps))
		return -1;
	for (;;) {
		switch (ps->tok.type) {
		case CFW_T_NEWLINE:
		case CFW_T_SEMI:
			if (cfw_advance(ps))
				return -1;
			continue;
		case CFW_T_RBRACE:
			return cfw_advance(ps);
		case CFW_T_EOF:
			return cfw_fail_at(ps, &open,
					   "missing '}': the block of interface '%s' is not closed",
					   ifc->name);
		default:
			break;
		}
		if (parse_statement(ps, ifc, &seen) ||
		    cfw_expect_end_of_statement(ps))
			return -1;
	}
}

int cfw_parse_items(struct parser *ps)
{
	char what[64];

	for (;;) {
		if (ps->tok.type == CFW_T_NEWLINE || ps->tok.type == CFW_T_SEMI) {
			if (cfw_advance(ps))
				return -1;
		} else if (ps->tok.type == CFW_T_EOF) {
			return 0;
		} else if (cfw_tok_is(&ps->tok, "interface")) {
			if (parse_iface(ps))
				return -1;
		} else if (cfw_tok_is(&ps->tok, "state")) {
			if (cfw_parse_state_decl(ps) ||
			    cfw_expect_end_of_statement(ps))
				return -1;
		} else if (cfw_tok_is(&ps->tok, "include")) {
			if (cfw_parse_include(ps) ||
			    cfw_expect_end_of_statement(ps))
				return -1;
		} else if (cfw_tok_is(&ps->tok, "define")) {
			if (cfw_parse_define(ps) ||
			    cfw_expect_end_of_statement(ps))
				return -1;
		} else if (ps->tok.type == CFW_T_WORD) {
			return unknown_keyword(ps);
		} else {
			return cfw_fail_at(ps, &ps->tok,
					   "expected 'interface', 'state', 'define' or 'include', got %s",
					   cfw_describe(ps, what, sizeof(what)));
		}
	}
}

static int parse(struct parser *ps, const char *text, size_t len)
{
	struct cfw_error *err = ps->err;
	struct cfw_policy *p = ps->p;
	int ret = -1;

	memset(err, 0, sizeof(*err));
	cfw_policy_init(p);
	cfw_lex_init(&ps->lx, text, len);
	if (!cfw_advance(ps) && !cfw_parse_items(ps))
		ret = cfw_validate(p, err);
	if (!ret)
		cfw_policy_set_handles(p);
	/* Name the included file an error is in before the names go. */
	if (ret && err->pos.file && err->pos.file <= p->nfiles)
		snprintf(err->file, sizeof(err->file), "%s",
			 p->files[err->pos.file - 1]);
	cfw_include_done(ps);
	cfw_defines_free(ps);
	if (ret)
		cfw_policy_free(p);
	return ret;
}

int cfw_parse(const char *text, size_t len, struct cfw_policy *p,
	      struct cfw_error *err)
{
	struct parser ps = { .err = err, .p = p };

	return parse(&ps, text, len);
}

int cfw_parse_file(const char *path, const char *text, size_t len,
		   struct cfw_policy *p, struct cfw_error *err)
{
	struct parser ps = { .err = err, .p = p, .from_file = true,
			     .path = path };

	return parse(&ps, text, len);
}
