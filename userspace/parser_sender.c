// SPDX-License-Identifier: GPL-2.0
/*
 * The sender terms of a rule: the sending socket's owner and group, its
 * cgroup by path or by id, or no socket at all. The engine's check waits
 * for cfw_check_sender(), once the whole rule is read.
 */
#include <stdio.h>
#include <string.h>
#include "cgroup.h"
#include "parser_int.h"

/* "uid N[-M]", "gid N[-M]": the sending socket's owner or group. */
int cfw_parse_owner(struct parser *ps, bool *has, struct cfw_token *at,
		    u32 *lo, u32 *hi)
{
	char kw[8];

	snprintf(kw, sizeof(kw), "%.*s", (int)ps->tok.len, ps->tok.s);
	if (cfw_no_repeat(ps, has, at) || cfw_advance(ps))
		return -1;
	cfw_span(at, &ps->tok);
	if (cfw_number(ps, lo, kw))
		return -1;
	*hi = *lo;
	if (ps->tok.type == CFW_T_DASH) {
		if (cfw_advance(ps))
			return -1;
		cfw_span(at, &ps->tok);
		if (cfw_number(ps, hi, "-"))
			return -1;
	}
	return 0;
}

/* "cgroup PATH" and "cgroup-id N level L" name one cgroup between them. */
static int cgroup_once(struct parser *ps, struct rule_src *rs, bool by_id)
{
	char what[64];

	if (rs->has_cgroup)
		return cfw_fail_at(ps, &ps->tok,
				   rs->cgroup_by_id == by_id ?
				   "duplicate %s in this rule" :
				   "%s conflicts with the cgroup given before",
				   cfw_describe(ps, what, sizeof(what)));
	rs->has_cgroup = true;
	rs->cgroup_by_id = by_id;
	return 0;
}

/*
 * "cgroup PATH", resolved here to the id and level the kernel compares
 * (cgroup.c); a cgroup that does not exist is refused at its path. The
 * path is lexed as a name is: it holds '/', '.' and '-'.
 */
int cfw_parse_cgroup(struct parser *ps, struct rule_src *rs)
{
	struct canfw_sender_spec *s = &rs->r.sender;
	char what[64], msg[256];

	if (cgroup_once(ps, rs, false) ||
	    cfw_lex_name(&ps->lx, &ps->tok, ps->err))
		return -1;
	if (ps->tok.type != CFW_T_NAME)
		return cfw_fail_at(ps, &ps->tok,
				   "expected a cgroup path after 'cgroup', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	rs->cgroup = ps->tok;
	if (cfw_cgroup_resolve(ps->tok.s, ps->tok.len, &s->cgroup_id,
			       &s->cgroup_level, msg, sizeof(msg)))
		return cfw_fail_at(ps, &ps->tok, "%s", msg);
	s->match |= CANFW_SENDER_CGROUP;
	return cfw_advance(ps);
}

/* "cgroup-id N level L": a cgroup by its id, for one no path names. */
int cfw_parse_cgroup_id(struct parser *ps, struct rule_src *rs)
{
	struct canfw_sender_spec *s = &rs->r.sender;
	char what[64];
	u32 level;

	if (cgroup_once(ps, rs, true) ||
	    cfw_lex_u64(&ps->lx, &ps->tok, ps->err))
		return -1;
	if (ps->tok.type != CFW_T_NUMBER)
		return cfw_fail_at(ps, &ps->tok,
				   "expected a number after 'cgroup-id', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (ps->tok.unit)
		return cfw_fail_at(ps, &ps->tok, "bad number '%.*s'",
				   (int)ps->tok.len, ps->tok.s);
	rs->cgroup = ps->tok;
	s->cgroup_id = ps->tok.num64;
	if (cfw_advance(ps))
		return -1;
	if (!cfw_tok_is(&ps->tok, "level"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'level' after the cgroup id, got %s",
				   cfw_describe(ps, what, sizeof(what)));
	if (cfw_advance(ps))
		return -1;
	rs->cgroup_level = ps->tok;
	if (cfw_number(ps, &level, "level"))
		return -1;
	s->cgroup_level = (u8)min_t(u32, level, 0xFF);
	s->match |= CANFW_SENDER_CGROUP;
	return 0;
}

/* "socket none": only frames no socket sent (a bus's, can-gw's). */
int cfw_parse_socket(struct parser *ps, struct rule_src *rs)
{
	char what[64];

	if (cfw_no_repeat(ps, &rs->has_socket, &rs->socket) || cfw_advance(ps))
		return -1;
	if (!cfw_tok_is(&ps->tok, "none"))
		return cfw_fail_at(ps, &ps->tok,
				   "expected 'none' after 'socket', got %s",
				   cfw_describe(ps, what, sizeof(what)));
	cfw_span(&rs->socket, &ps->tok);
	rs->r.sender.match |= CANFW_SENDER_NO_SOCKET;
	return cfw_advance(ps);
}

/*
 * Sender checks: the engine's words, at the term they are about; a cgroup
 * deeper than the engine goes, a zero id or a level out of range at the
 * path, the id or the level.
 */
int cfw_check_sender(struct parser *ps, struct rule_src *rs)
{
	const struct cfw_token *at = &rs->cgroup;
	const char *msg;

	if (!canfw_rule_check_sender(&rs->r, &msg))
		return 0;
	if (strstr(msg, "socket"))
		at = &rs->socket;
	else if (!strncmp(msg, "uid", 3))
		at = &rs->uid;
	else if (!strncmp(msg, "gid", 3))
		at = &rs->gid;
	else if (rs->cgroup_by_id && rs->r.sender.cgroup_id)
		at = &rs->cgroup_level;
	return cfw_fail_at(ps, at, "%s", msg);
}
