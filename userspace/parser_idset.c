// SPDX-License-Identifier: GPL-2.0
/*
 * A rule's IDs: one ID, range or mask, or a set of them
 * ("id { 0x7DF, 0x7E0-0x7E7 }"), or a set named at the top level
 * ("define DIAG = { ... }", used as "id $DIAG"). A set stays one rule with
 * one counter: its first element is the rule's own ID match and the rest
 * go to the kernel as further ID matches, which the lookup tables index
 * like any other, so a set costs the lookup nothing.
 *
 * An element's space is decided at the rule: "sff" or "eff" there holds
 * for every element, else each is extended when a number of it is above
 * 0x7FF or written in 8 hex digits, as candump writes extended IDs.
 */
#include <stdlib.h>
#include <string.h>
#include "parser_int.h"

/* NUM, NUM-NUM or NUM/NUM into *e. */
static int parse_elem(struct parser *ps, struct id_elem *e)
{
	bool mask;

	memset(e, 0, sizeof(*e));
	e->at = ps->tok;
	e->hex8 = ps->tok.hex8;
	e->match = CANFW_ID_MATCH_RANGE;
	if (cfw_number(ps, &e->lo, "id"))
		return -1;
	e->hi = e->lo;
	if (ps->tok.type != CFW_T_DASH && ps->tok.type != CFW_T_SLASH)
		return 0;
	mask = ps->tok.type == CFW_T_SLASH;
	if (cfw_advance(ps))
		return -1;
	cfw_span(&e->at, &ps->tok);
	/* A mask's digits say nothing of the space: 0x7FF/0x000000FF. */
	if (!mask)
		e->hex8 |= ps->tok.hex8;
	if (cfw_number(ps, &e->hi, mask ? "/" : "-"))
		return -1;
	if (mask)
		e->match = CANFW_ID_MATCH_MASK;
	return 0;
}

static const struct cfw_define *find_define(const struct parser *ps,
					    const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < ps->ndefines; i++)
		if (strlen(ps->defines[i].name) == len &&
		    !memcmp(ps->defines[i].name, name, len))
			return &ps->defines[i];
	return NULL;
}

/* Room for N more elements in a set of *NIDS, or an error at T. */
static int room(struct parser *ps, const struct cfw_token *t, u32 nids, u32 n)
{
	if (nids + n > CFW_SET_MAX)
		return cfw_fail_at(ps, t,
				   "a set holds at most %u IDs, ranges and masks",
				   CFW_SET_MAX);
	return 0;
}

/* $NAME: the definition's elements, each now said to be used here. */
static int use_define(struct parser *ps, struct id_elem *ids, u32 *nids)
{
	const struct cfw_define *d = find_define(ps, ps->tok.s + 1,
						 ps->tok.len - 1);
	u32 i;

	if (!d)
		return cfw_fail_at(ps, &ps->tok,
				   "'%.*s' is not defined: define it before it is used",
				   (int)ps->tok.len, ps->tok.s);
	if (room(ps, &ps->tok, *nids, d->n))
		return -1;
	for (i = 0; i < d->n; i++) {
		ids[*nids] = d->elem[i];
		ids[(*nids)++].at = ps->tok;
	}
	return cfw_advance(ps);
}

/* After "{": elements and $NAMEs, commas between, newlines anywhere. */
static int parse_set(struct parser *ps, struct id_elem *ids, u32 *nids)
{
	struct cfw_token open = ps->tok;
	char what[64];
	bool want_elem = true;

	if (cfw_advance(ps))
		return -1;
	for (;;) {
		if (ps->tok.type == CFW_T_NEWLINE) {
			if (cfw_advance(ps))
				return -1;
		} else if (ps->tok.type == CFW_T_RBRACE) {
			/* A comma may end the last line of a long set. */
			if (!*nids)
				break;
			return cfw_advance(ps);
		} else if (want_elem && ps->tok.type == CFW_T_VAR) {
			if (use_define(ps, ids, nids))
				return -1;
			want_elem = false;
		} else if (want_elem && ps->tok.type == CFW_T_NUMBER) {
			if (room(ps, &ps->tok, *nids, 1) ||
			    parse_elem(ps, &ids[*nids]))
				return -1;
			(*nids)++;
			want_elem = false;
		} else if (!want_elem && ps->tok.type == CFW_T_COMMA) {
			if (cfw_advance(ps))
				return -1;
			want_elem = true;
		} else if (ps->tok.type == CFW_T_EOF) {
			return cfw_fail_at(ps, &open, "missing '}': this set is not closed");
		} else {
			return cfw_fail_at(ps, &ps->tok,
					   want_elem ? "expected an ID, a range, a mask or a $NAME in the set, got %s" :
					   "expected ',' or '}' in the set, got %s",
					   cfw_describe(ps, what, sizeof(what)));
		}
	}
	return cfw_fail_at(ps, &open, "a set needs at least one ID");
}

/* An element, a set or a $NAME into IDS; *NIDS counts them. */
static int parse_ids(struct parser *ps, struct id_elem *ids, u32 *nids,
		     bool *set)
{
	char what[64];

	*nids = 0;
	*set = ps->tok.type == CFW_T_LBRACE || ps->tok.type == CFW_T_VAR;
	if (ps->tok.type == CFW_T_LBRACE)
		return parse_set(ps, ids, nids);
	if (ps->tok.type == CFW_T_VAR)
		return use_define(ps, ids, nids);
	if (ps->tok.type != CFW_T_NUMBER)
		return cfw_fail_at(ps, &ps->tok,
				   "expected an ID, a range, a mask, a set or a $NAME after 'id', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	*nids = 1;
	return parse_elem(ps, &ids[0]);
}

int cfw_parse_id(struct parser *ps, struct rule_src *rs)
{
	if (cfw_no_repeat(ps, &rs->has_id, &rs->id_kw) || cfw_advance(ps))
		return -1;
	rs->id = ps->tok;
	if (cfw_tok_is(&ps->tok, "any")) {
		rs->id_any = true;
		return cfw_advance(ps);
	}
	if (parse_ids(ps, rs->ids, &rs->nids, &rs->id_set))
		return -1;
	if (!rs->id_set)
		rs->id = rs->ids[0].at;
	return 0;
}

/* An element's space: the rule's word, else what its numbers say. */
static u8 elem_space(const struct rule_src *rs, const struct id_elem *e)
{
	if (rs->has_space)
		return rs->space_word;
	if (e->lo > CAN_SFF_MASK || e->hi > CAN_SFF_MASK || e->hex8)
		return CANFW_SPACE_EFF;
	return CANFW_SPACE_SFF;
}

int cfw_check_ids(struct parser *ps, struct rule_src *rs)
{
	struct canfw_rule_spec *r = &rs->r;
	const char *msg;
	u32 i;

	if (!rs->has_id || rs->id_any) {
		r->id_match = CANFW_ID_MATCH_ANY;
		r->id_lo = r->id_hi = 0;
		r->space = rs->has_space ? rs->space_word : CANFW_SPACE_BOTH;
		return 0;
	}
	r->id_match = rs->ids[0].match;
	r->id_lo = rs->ids[0].lo;
	r->id_hi = rs->ids[0].hi;
	r->space = elem_space(rs, &rs->ids[0]);
	/* The engine's words, at the ID they are about. */
	if (canfw_rule_check_id(r, &msg))
		return cfw_fail_at(ps, &rs->ids[0].at, "%s", msg);
	for (i = 1; i < rs->nids; i++) {
		struct canfw_id_part *part = &rs->parts[i - 1];

		part->match = rs->ids[i].match;
		part->space = elem_space(rs, &rs->ids[i]);
		part->lo = rs->ids[i].lo;
		part->hi = rs->ids[i].hi;
		if (canfw_rule_check_part(r, part, &msg))
			return cfw_fail_at(ps, &rs->ids[i].at, "%s", msg);
	}
	r->nparts = (u16)(rs->nids - 1);
	r->parts = r->nparts ? rs->parts : NULL;
	return 0;
}

/* "define NAME = ID" or "define NAME = { ... }", at the top level. */
int cfw_parse_define(struct parser *ps)
{
	struct cfw_define d, *n;
	struct cfw_token kw = ps->tok;
	const struct cfw_define *old;
	char what[64];
	bool set;

	memset(&d, 0, sizeof(d));
	if (cfw_advance(ps))
		return -1;
	if (ps->tok.type != CFW_T_WORD)
		return cfw_fail_at(ps, &ps->tok,
				   "expected a name after 'define', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (ps->tok.len >= sizeof(d.name))
		return cfw_fail_at(ps, &ps->tok,
				   "a definition's name has at most %zu characters",
				   sizeof(d.name) - 1);
	old = find_define(ps, ps->tok.s, ps->tok.len);
	if (old)
		return cfw_fail_at(ps, &ps->tok,
				   "'%.*s' is already defined (on line %u)",
				   (int)ps->tok.len, ps->tok.s, old->pos.line);
	memcpy(d.name, ps->tok.s, ps->tok.len);
	d.pos = kw.pos;
	if (cfw_advance(ps))
		return -1;
	if (ps->tok.type != CFW_T_EQUALS)
		return cfw_fail_at(ps, &ps->tok,
				   "expected '=' after the name, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (cfw_advance(ps) || parse_ids(ps, d.elem, &d.n, &set))
		return -1;
	n = realloc(ps->defines, (ps->ndefines + 1) * sizeof(*n));
	if (!n)
		return cfw_fail_at(ps, &kw, "out of memory");
	ps->defines = n;
	ps->defines[ps->ndefines++] = d;
	return 0;
}

void cfw_defines_free(struct parser *ps)
{
	free(ps->defines);
	ps->defines = NULL;
	ps->ndefines = 0;
}
