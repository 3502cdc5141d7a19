// SPDX-License-Identifier: GPL-2.0
/*
 * The payload terms of a rule: byte matches ("data[N:M] VALUE[/MASK]"),
 * ISO-TP frame types and UDS services. What a term alone can get wrong is
 * refused at it; what depends on the rest of the rule waits for
 * cfw_check_payload().
 */
#include <stdio.h>
#include <string.h>
#include "parser_int.h"

/* The first payload term of a rule, for messages about all of them. */
static void payload_term(struct rule_src *rs, const struct cfw_token *t)
{
	if (!rs->has_payload)
		rs->payload = *t;
	rs->has_payload = true;
}

/* The engine's verdict on one byte match, as if it were the rule's only one. */
static int data_match_check(const struct canfw_data_match *m, u16 len_hi,
			    const char **msg)
{
	struct canfw_payload_spec one = { .ndata = 1, .data = { *m } };

	return canfw_payload_check(&one, 0, len_hi, msg);
}

/* All bits of LEN bytes: a byte match's mask when it gives none. */
static u32 bytes_mask(u32 len)
{
	return len >= 4 ? U32_MAX : (1U << (8 * len)) - 1;
}

/*
 * "[N]" or "[N:M]" after "data": bytes N to M - 1, as a Python slice.
 * Numbers beyond a u8 are kept out of range on purpose, so that the
 * engine says what is allowed.
 */
static int parse_data_slice(struct parser *ps, struct cfw_token *at,
			    struct canfw_data_match *m)
{
	char what[64];
	u32 lo, end;
	u64 hi;

	if (cfw_advance(ps) || cfw_advance(ps))		/* "data", "[" */
		return -1;
	if (cfw_number(ps, &lo, "data["))
		return -1;
	hi = (u64)lo + 1;
	if (ps->tok.type == CFW_T_COLON) {
		if (cfw_advance(ps) || cfw_number(ps, &end, ":"))
			return -1;
		hi = end;
	} else if (ps->tok.type != CFW_T_RBRACKET) {
		return cfw_fail_at(ps, &ps->tok,
				   "expected ':' or ']' after the byte offset, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	}
	if (ps->tok.type != CFW_T_RBRACKET)
		return cfw_fail_at(ps, &ps->tok,
				   "expected ']' after the end of the byte slice, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	cfw_span(at, &ps->tok);
	if (hi <= lo)
		return cfw_fail_at(ps, at,
				   "byte slice is empty: its end must be above its start");
	m->offset = (u8)min_t(u32, lo, 0xFF);
	m->len = (u8)min_t(u64, hi - lo, 0xFF);
	return cfw_advance(ps);
}

/*
 * "data[N:M] VALUE[/MASK]": the bytes, most significant first, against
 * VALUE under MASK (all of their bits if none is given). Whether they lie
 * within the rule's length is checked once the whole rule is read.
 */
int cfw_parse_data_match(struct parser *ps, struct rule_src *rs)
{
	struct canfw_payload_spec *pl = &rs->r.payload;
	struct cfw_token at = ps->tok, value, mask;
	struct canfw_data_match m = { 0 };
	bool has_mask = false;
	char sub[64];
	const char *msg;

	if (parse_data_slice(ps, &at, &m))
		return -1;
	if (pl->ndata == CANFW_DATA_MATCH_MAX) {
		/* Only the count is looked at: the engine's words for it. */
		struct canfw_payload_spec over = {
			.ndata = CANFW_DATA_MATCH_MAX + 1,
		};

		canfw_payload_check(&over, 0, 0, &msg);
		return cfw_fail_at(ps, &at, "%s", msg);
	}
	/* Where the match lies first; its value means nothing until then. */
	m.mask = bytes_mask(m.len);
	if (data_match_check(&m, CANFW_DATA_SPAN, &msg))
		return cfw_fail_at(ps, &at, "%s", msg);
	snprintf(sub, sizeof(sub), "%.*s", (int)at.len, at.s);
	value = ps->tok;
	if (cfw_number(ps, &m.value, sub))
		return -1;
	if (m.value & ~bytes_mask(m.len))
		return cfw_fail_at(ps, &value, "value '%.*s' does not fit in %u byte%s",
				   (int)value.len, value.s, m.len,
				   m.len == 1 ? "" : "s");
	if (ps->tok.type == CFW_T_SLASH) {
		if (cfw_advance(ps))
			return -1;
		mask = ps->tok;
		if (cfw_number(ps, &m.mask, "/"))
			return -1;
		has_mask = true;
	}
	if (data_match_check(&m, CANFW_DATA_SPAN, &msg)) {
		/* Only the mask and the value can be wrong by now. */
		if (has_mask && !strncmp(msg, "a byte match's mask", 19))
			return cfw_fail_at(ps, &mask, "%s", msg);
		if (has_mask)
			cfw_span(&value, &mask);
		return cfw_fail_at(ps, &value, "%s", msg);
	}
	payload_term(rs, &at);
	rs->data[pl->ndata] = at;
	pl->data[pl->ndata++] = m;
	return 0;
}

/* "isotp TYPE[,TYPE]...": the ISO-TP frame types the rule matches. */
int cfw_parse_isotp(struct parser *ps, struct rule_src *rs)
{
	const char *after = "isotp";
	char what[64];
	unsigned int i;

	if (cfw_no_repeat(ps, &rs->has_isotp, &rs->isotp))
		return -1;
	payload_term(rs, &rs->isotp);
	do {
		if (cfw_advance(ps))
			return -1;
		for (i = 0; i < CFW_ISOTP_NTYPES; i++)
			if (cfw_tok_is(&ps->tok, cfw_isotp_name(i)))
				break;
		if (i == CFW_ISOTP_NTYPES)
			return cfw_fail_at(ps, &ps->tok,
					   "expected an ISO-TP frame type (sf, ff, cf or fc) after '%s', got %s",
					   after,
					   cfw_describe(ps, what, sizeof(what)));
		rs->r.payload.isotp |= 1U << i;
		cfw_span(&rs->isotp, &ps->tok);
		if (cfw_advance(ps))
			return -1;
		after = ",";
	} while (ps->tok.type == CFW_T_COMMA);
	return 0;
}

/* One service ID of a uds list, 0 to 255. */
static int service_id(struct parser *ps, u32 *sid, const char *after)
{
	struct cfw_token at = ps->tok;

	if (cfw_number(ps, sid, after))
		return -1;
	if (*sid > 0xFF)
		return cfw_fail_at(ps, &at, "service ID '%.*s' is out of range: 0 to 0xFF",
				   (int)at.len, at.s);
	return 0;
}

/* "uds SID[,SID|SID-SID]...": the services (and OBD-II modes) matched. */
int cfw_parse_uds(struct parser *ps, struct rule_src *rs)
{
	struct canfw_payload_spec *pl = &rs->r.payload;
	const char *after = "uds";
	u32 lo, hi, sid;

	if (cfw_no_repeat(ps, &rs->has_uds, &rs->uds))
		return -1;
	payload_term(rs, &rs->uds);
	do {
		struct cfw_token range;

		if (cfw_advance(ps))
			return -1;
		range = ps->tok;
		if (service_id(ps, &lo, after))
			return -1;
		hi = lo;
		if (ps->tok.type == CFW_T_DASH) {
			if (cfw_advance(ps))
				return -1;
			cfw_span(&range, &ps->tok);
			if (service_id(ps, &hi, "-"))
				return -1;
			if (hi < lo)
				return cfw_fail_at(ps, &range,
						   "service range is empty: its low end is above its high end");
		}
		for (sid = lo; sid <= hi; sid++)
			pl->uds[sid / 8] |= (u8)(1U << (sid % 8));
		cfw_span(&rs->uds, &range);
		after = ",";
	} while (ps->tok.type == CFW_T_COMMA);
	pl->has_uds = 1;
	return 0;
}

/*
 * Payload checks against the rest of the rule: each byte match within its
 * length, ISO-TP and services only where frames can carry them. The
 * engine judges; its message goes to the term it is about.
 */
int cfw_check_payload(struct parser *ps, struct rule_src *rs)
{
	struct canfw_rule_spec *r = &rs->r;
	const struct cfw_token *at = &rs->payload;
	const char *msg;
	u8 i;

	for (i = 0; i < r->payload.ndata; i++)
		if (data_match_check(&r->payload.data[i], r->len_hi, &msg))
			return cfw_fail_at(ps, &rs->data[i], "%s", msg);
	if (!canfw_rule_check_payload(r, &msg))
		return 0;
	/* ISO-TP and services need frames that carry them: at those terms. */
	if (strstr(msg, "isotp") || strstr(msg, "ISO-TP"))
		at = rs->has_isotp ? &rs->isotp : &rs->uds;
	return cfw_fail_at(ps, at, "%s", msg);
}
