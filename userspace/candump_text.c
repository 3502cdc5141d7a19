// SPDX-License-Identifier: GPL-2.0
/*
 * candump's text output (see candump_log.h): the columns after the
 * timestamp and the interface. candump pads them with blanks to line
 * them up; any run of blanks separates two columns here.
 */
#include <string.h>
#include "candump_log_int.h"

/* candump prints no more of a CAN XL frame's data than this. */
#define CFW_TEXT_XL_SHOWN	CANFD_MAX_DLEN

/* -x: RX or TX, then a flag column of '-', B or S and one of '-', E or R. */
struct text_extra {
	char flag[2];		/* 0: no -x columns */
	const char *at;
};

/* The length column: "[N]" classical, "[NN]" CAN FD, "[NNNN]" CAN XL. */
struct text_len {
	unsigned int len;
	unsigned int digits;
	const char *at;
};

static bool word_is(const struct cursor *c, const char *p,
		    const char *w)
{
	size_t n = strlen(w);

	return (size_t)(c->end - p) >= n && !memcmp(p, w, n) &&
	       (p + n == c->end || blank_at(c, p + n));
}

bool cfw_log_text_ahead(const struct cursor *c, const char *p)
{
	const char *q = p;

	if (word_is(c, p, "RX") || word_is(c, p, "TX"))
		return true;
	while (q < c->end && hexval(*q) >= 0)
		q++;
	if (q == p || !blank_at(c, q))
		return false;
	while (blank_at(c, q))
		q++;
	/* '{': -8's raw DLC, which parse_len() refuses by name. */
	return q < c->end && (*q == '[' || *q == '{');
}

static int parse_extra(struct cursor *c, struct text_extra *x)
{
	static const char *const allowed[2] = { "-BS", "-ER" };
	unsigned int i;

	if (!word_is(c, c->p, "RX") && !word_is(c, c->p, "TX"))
		return 0;
	c->p += 2;
	skip_blank(c);
	x->at = c->p;
	for (i = 0; i < 2; i++) {
		if (c->p >= c->end || !*c->p || !strchr(allowed[i], *c->p) ||
		    !blank_at(c, c->p + 1))
			return fail(c, c->p,
				    "expected candump -x's flags after RX or TX: '-', B or S, then '-', E or R");
		x->flag[i] = *c->p++;
		skip_blank(c);
	}
	return 0;
}

static int parse_id(struct cursor *c, u32 *id, unsigned int *digits)
{
	const char *start = c->p;
	int d;

	*id = 0;
	while (c->p < c->end && (d = hexval(*c->p)) >= 0) {
		if (c->p - start < 8)
			*id = *id << 4 | (u32)d;
		c->p++;
	}
	*digits = (unsigned int)(c->p - start);
	if (!*digits)
		return fail(c, start, "expected a CAN ID");
	if (!blank_at(c, c->p))
		return fail(c, c->p, "expected a blank after the CAN ID");
	if (*digits != 3 && *digits != 8)
		return fail(c, start, cfw_log_msg_id_digits);
	skip_blank(c);
	return 0;
}

static int parse_len(struct cursor *c, struct text_len *l)
{
	l->at = c->p;
	l->len = 0;
	if (c->p >= c->end || *c->p != '[')
		return fail(c, c->p,
			    "expected the length in brackets after the CAN ID");
	for (c->p++; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++)
		if (l->len <= CANXL_MAX_DLEN)
			l->len = l->len * 10 + (unsigned int)(*c->p - '0');
	l->digits = (unsigned int)(c->p - l->at - 1);
	if (c->p >= c->end || *c->p != ']')
		return fail(c, c->p, "expected ']' after the length");
	c->p++;
	switch (l->digits) {
	case 1:
		if (l->len > CAN_MAX_DLEN)
			return fail(c, l->at, "classical frames carry 0 to 8 data bytes");
		return 0;
	case 2:
		if (!cfw_log_fd_len_valid(l->len))
			return fail(c, l->at, cfw_log_msg_fd_len);
		return 0;
	case 4:
		if (l->len < CANXL_MIN_DLEN || l->len > CANXL_MAX_DLEN)
			return fail(c, l->at, cfw_log_msg_xl_len);
		return 0;
	}
	return fail(c, l->at,
		    "bad length: [N] for classical frames, [NN] for CAN FD, [NNNN] for CAN XL");
}

/*
 * N data bytes, each two hex digits after a blank. A CAN XL frame's may
 * stop with "..." after the bytes candump shows.
 */
static int parse_bytes(struct cursor *c, struct cfw_log_frame *f,
		       unsigned int n, unsigned int shown)
{
	unsigned int i;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (c->p == c->end)
			return fail(c, c->p, "fewer data bytes than the length says");
		if (!blank_at(c, c->p))
			return fail(c, c->p, "expected a blank before each data byte");
		skip_blank(c);
		if (i == shown && word_is(c, c->p, "...")) {
			c->p += 3;
			break;
		}
		hi = hexval(*c->p);
		lo = c->p + 1 < c->end ? hexval(c->p[1]) : -1;
		if (hi < 0 || lo < 0 ||
		    (c->p + 2 < c->end && !blank_at(c, c->p + 2)))
			return fail(c, c->p,
				    "bad data: expected a byte as two hex digits");
		f->data[i] = (u8)(hi << 4 | lo);
		c->p += 2;
	}
	f->frame.len = (u16)n;
	return 0;
}

/* After the bytes: ERRORFRAME on an error frame, then nothing. */
static int parse_end(struct cursor *c, const struct cfw_log_frame *f)
{
	skip_blank(c);
	if ((f->frame.can_id & CAN_ERR_FLAG) && word_is(c, c->p, "ERRORFRAME")) {
		c->p += 10;
		skip_blank(c);
	}
	if (c->p == c->end)
		return 0;
	if (c->p + 1 < c->end && hexval(c->p[0]) >= 0 &&
	    hexval(c->p[1]) >= 0 &&
	    (c->p + 2 == c->end || blank_at(c, c->p + 2)))
		return fail(c, c->p, "more data bytes than the length says");
	return fail(c, c->p, "unexpected text after the frame");
}

static int parse_classic(struct cursor *c, struct cfw_log_frame *f,
			 const struct text_len *l)
{
	const char *at = c->p;

	while (blank_at(c, at))
		at++;
	if (at == c->p || !word_is(c, at, "remote"))
		return parse_bytes(c, f, l->len, l->len);
	c->p = at + 6;
	skip_blank(c);
	if (!word_is(c, c->p, "request"))
		return fail(c, at, "expected 'remote request'");
	if (f->frame.can_id & CAN_ERR_FLAG)
		return fail(c, at, "error frames are not remote frames");
	c->p += 7;
	f->frame.can_id |= CAN_RTR_FLAG;
	f->frame.len = (u16)l->len;
	return 0;
}

/* "(VV|FF:SS:AAAAAAAA)": the VCID, flags, SDT and acceptance field. */
static int parse_xl_header(struct cursor *c, struct cfw_log_frame *f,
			   u32 *vcid)
{
	static const char msg[] =
		"expected the CAN XL header (VCID|FLAGS:SDT:AF), as in (00|80:00:00000000)";
	static const char seps[] = "|::)";
	const unsigned int digits[] = { 2, 2, 2, 8 };
	u32 v[4];
	unsigned int i;

	skip_blank(c);
	if (c->p >= c->end || *c->p != '(')
		return fail(c, c->p, msg);
	c->p++;
	for (i = 0; i < 4; i++) {
		if (cfw_log_hex_field(c, digits[i], &v[i], msg))
			return -1;
		if (c->p >= c->end || *c->p != seps[i])
			return fail(c, c->p, msg);
		c->p++;
	}
	*vcid = v[0];
	f->frame.flags = (u8)v[1];
	f->xl_sdt = (u8)v[2];
	f->xl_af = v[3];
	return 0;
}

static int parse_xl(struct cursor *c, struct cfw_log_frame *f,
		    const char *id_at, unsigned int digits, u32 prio,
		    const struct text_len *l)
{
	const char *at;
	u32 vcid;

	if (digits != 3)
		return fail(c, id_at, "a CAN XL priority has 3 hex digits");
	if (prio > CANXL_PRIO_MASK)
		return fail(c, id_at, "CAN XL priority is above 0x7FF");
	skip_blank(c);
	at = c->p;
	cfw_log_frame_init(f, CANFW_PROTO_CANXL, prio);
	if (parse_xl_header(c, f, &vcid))
		return -1;
	if (!(f->frame.flags & CANXL_XLF))
		return fail(c, at, cfw_log_msg_xlf);
	f->frame.can_id |= vcid << 16;
	if (parse_bytes(c, f, l->len, CFW_TEXT_XL_SHOWN))
		return -1;
	f->frame.size = CANXL_HDR_SIZE + f->frame.len;
	return 0;
}

/* The -x flags of what the frame turned out to be. */
static int check_extra(struct cursor *c, struct cfw_log_frame *f,
		       const struct text_extra *x)
{
	u8 bits;

	if (!x->flag[0])
		return 0;
	bits = (x->flag[0] != '-' ? 1 : 0) | (x->flag[1] != '-' ? 2 : 0);
	switch (f->frame.proto) {
	case CANFW_PROTO_CANFD:
		if (x->flag[0] == 'S' || x->flag[1] == 'R')
			break;
		f->fd_flags = bits;	/* CANFD_BRS, CANFD_ESI */
		return 0;
	case CANFW_PROTO_CANXL:
		if (x->flag[0] == 'B' || x->flag[1] == 'E')
			break;
		/* CANXL_SEC, CANXL_RRS: what the flags byte says too. */
		if ((f->frame.flags & 3) != bits)
			return fail(c, x->at,
				    "the -x flags disagree with the CAN XL flags byte");
		return 0;
	default:
		if (!bits)
			return 0;
	}
	return fail(c, x->at,
		    "-x flags of another kind of frame: B and E are CAN FD's, S and R CAN XL's");
}

int cfw_log_parse_text(struct cursor *c, struct cfw_log_frame *f)
{
	struct text_extra x = { { 0, 0 }, NULL };
	struct text_len l;
	const char *id_at;
	unsigned int digits;
	u32 id;
	int err;

	if (parse_extra(c, &x))
		return -1;
	id_at = c->p;
	if (parse_id(c, &id, &digits) || parse_len(c, &l))
		return -1;
	if (l.digits == 4) {
		err = parse_xl(c, f, id_at, digits, id, &l);
	} else {
		if (cfw_log_can_id(c, id_at, digits, id, &id))
			return -1;
		if (l.digits == 2 && (id & CAN_ERR_FLAG))
			return fail(c, l.at, "error frames are not CAN FD frames");
		cfw_log_frame_init(f, l.digits == 2 ? CANFW_PROTO_CANFD :
				   CANFW_PROTO_CAN, id);
		err = l.digits == 2 ? parse_bytes(c, f, l.len, l.len) :
		      parse_classic(c, f, &l);
	}
	if (err || check_extra(c, f, &x))
		return -1;
	return parse_end(c, f);
}
