// SPDX-License-Identifier: GPL-2.0
/*
 * comment "TEXT": on a rule or an interface block, kept by the kernel and
 * shown by show, stats, monitor and replay. The text is what the user
 * wrote, in double quotes on one line, without a quote or a control
 * character inside, so that it prints back as it was read.
 */
#include <string.h>
#include "parser_int.h"

int cfw_parse_comment(struct parser *ps, bool *has, struct cfw_token *at,
		      char *buf)
{
	struct cfw_token t;
	unsigned int i;

	if (*has)
		return cfw_fail_at(ps, &ps->tok, "duplicate 'comment' here");
	*has = true;
	*at = ps->tok;
	if (cfw_lex_string(&ps->lx, &t, ps->err, "the comment's text"))
		return -1;
	if (t.len > CANFW_COMMENT_LEN)
		return cfw_fail_at(ps, &t, "a comment has at most %u bytes",
				   CANFW_COMMENT_LEN);
	for (i = 0; i < t.len; i++)
		if ((unsigned char)t.s[i] < ' ' || t.s[i] == 0x7f)
			return cfw_fail_at(ps, &t,
					   "a comment holds no control characters");
	memcpy(buf, t.s, t.len);
	buf[t.len] = 0;
	cfw_span(at, &t);
	return cfw_advance(ps);
}
