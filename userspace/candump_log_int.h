/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two readers of candump lines share: candump_log.c reads the
 * `candump -l` form and candump_text.c candump's text output, from the
 * same cursor and with the same messages for the same mistakes.
 */
#ifndef CFW_CANDUMP_LOG_INT_H
#define CFW_CANDUMP_LOG_INT_H

#include "candump_log.h"

struct cursor {
	const char *s;		/* the line, for columns */
	const char *p;
	const char *end;	/* trailing blanks and CR/LF cut off */
	const char **msg;
	unsigned int *col;
};

static inline int fail(struct cursor *c, const char *at, const char *msg)
{
	*c->msg = msg;
	*c->col = (unsigned int)(at - c->s) + 1;
	return -1;
}

static inline int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static inline bool blank_at(const struct cursor *c, const char *p)
{
	return p < c->end && (*p == ' ' || *p == '\t');
}

static inline bool at_blank(const struct cursor *c)
{
	return blank_at(c, c->p);
}

static inline void skip_blank(struct cursor *c)
{
	while (at_blank(c))
		c->p++;
}

/* Messages both forms give, so that a mistake reads the same in each. */
extern const char cfw_log_msg_id_digits[];
extern const char cfw_log_msg_sff[];
extern const char cfw_log_msg_eff[];
extern const char cfw_log_msg_fd_len[];
extern const char cfw_log_msg_xl_len[];
extern const char cfw_log_msg_xlf[];

/* The frame's ID from its 3 or 8 hex digits; error frames keep their flag. */
int cfw_log_can_id(struct cursor *c, const char *start,
		   unsigned int digits, u32 id, u32 *can_id);
/* The engine's frame, its payload the line's own bytes (see the header). */
void cfw_log_frame_init(struct cfw_log_frame *f, u8 proto, u32 can_id);
bool cfw_log_fd_len_valid(unsigned int len);
/* DIGITS hex digits into *v, or MSG at the first that is none. */
int cfw_log_hex_field(struct cursor *c, unsigned int digits, u32 *v,
		      const char *msg);

/*
 * candump_text.c: whether the text at P (after the timestamp and the
 * interface) is candump's text output rather than the -l form, and the
 * frame it holds.
 */
bool cfw_log_text_ahead(const struct cursor *c, const char *p);
int cfw_log_parse_text(struct cursor *c, struct cfw_log_frame *f);

#endif /* CFW_CANDUMP_LOG_INT_H */
