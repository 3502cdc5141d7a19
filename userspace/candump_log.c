// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include "candump_log_int.h"

/* Seconds that still fit u64 nanoseconds. */
#define CFW_TS_MAX_SEC	(~0ULL / NSEC_PER_SEC - 1)

const char cfw_log_msg_id_digits[] =
	"CAN ID needs 3 (standard) or 8 (extended) hex digits";
const char cfw_log_msg_sff[] = "standard CAN ID is above 0x7FF";
const char cfw_log_msg_eff[] = "extended CAN ID is above 0x1FFFFFFF";
const char cfw_log_msg_fd_len[] =
	"CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 data bytes";
const char cfw_log_msg_xl_len[] = "CAN XL frames carry 1 to 2048 data bytes";
const char cfw_log_msg_xlf[] =
	"CAN XL flags lack XLF (0x80), which every CAN XL frame has";

/* seconds.fraction, kept exact in nanoseconds: rates depend on it. */
static int parse_ts(struct cursor *c, struct cfw_log_frame *f)
{
	const char *start;
	u64 sec = 0, frac = 0;
	unsigned int n = 0;

	if (c->p >= c->end || *c->p != '(')
		return fail(c, c->p, "expected '(' and a timestamp");
	start = ++c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		if (sec > (CFW_TS_MAX_SEC / 10))
			return fail(c, start, "timestamp is too large");
		sec = sec * 10 + (u64)(*c->p++ - '0');
	}
	/* -t A: a local date, which says nothing of the time zone. */
	if (c->p > start && c->p < c->end && *c->p == '-')
		return fail(c, start,
			    "candump -t A dates are not read: record with -t a, -t z or -t d");
	if (c->p == start || c->p >= c->end || *c->p != '.')
		return fail(c, start, "bad timestamp: expected seconds.fraction");
	start = ++c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		if (n < 9) {
			frac = frac * 10 + (u64)(*c->p - '0');
			n++;
		}
		c->p++;
	}
	if (c->p == start || c->p >= c->end || *c->p != ')')
		return fail(c, start, "bad timestamp: expected seconds.fraction");
	c->p++;
	f->ts_digits = n;
	while (n++ < 9)
		frac *= 10;
	if (sec > CFW_TS_MAX_SEC)
		return fail(c, start, "timestamp is too large");
	f->ts_ns = sec * NSEC_PER_SEC + frac;
	return 0;
}

/* The interface, up to the next blank; the blanks after it are skipped. */
static int read_ifname(struct cursor *c, struct cfw_log_frame *f)
{
	const char *start = c->p;
	size_t n, i;

	while (c->p < c->end && *c->p != ' ' && *c->p != '\t')
		c->p++;
	n = (size_t)(c->p - start);
	if (!n)
		return fail(c, start, "expected an interface name");
	for (i = 0; i < n; i++)
		if (start[i] < '!' || start[i] > '~')
			return fail(c, start + i,
				    "interface name holds a control or non-ASCII byte");
	if (n > CFW_IFNAME_MAX)
		return fail(c, start, "interface name is longer than 15 characters");
	memcpy(f->ifname, start, n);
	f->ifname[n] = 0;
	skip_blank(c);
	return 0;
}

static int parse_ifname(struct cursor *c, struct cfw_log_frame *f)
{
	if (!at_blank(c))
		return fail(c, c->p, "expected a blank after the timestamp");
	skip_blank(c);
	return read_ifname(c, f);
}

/*
 * candump's text output without -t: the interface first, then what
 * cfw_log_text_ahead() knows as the text form. Anything else without a
 * timestamp is a line that lacks one.
 */
static bool untimed_text(const struct cursor *c)
{
	const char *p = c->p;

	while (p < c->end && *p != ' ' && *p != '\t')
		p++;
	while (blank_at(c, p))
		p++;
	return p > c->p && cfw_log_text_ahead(c, p);
}

/*
 * The engine's frame, with the payload it judges byte matches and ISO-TP
 * by: the line's own bytes, as the kernel's hook points into the skb.
 */
void cfw_log_frame_init(struct cfw_log_frame *f, u8 proto, u32 can_id)
{
	canfw_frame_init(&f->frame, proto, can_id, 0);
	f->frame.data = f->data;
}

/* The bits of a CAN XL priority field: the priority and the VCID. */
#define CFW_XL_PRIO_FIELD	(CANXL_PRIO_MASK | 0x00FF0000U)

static int parse_id(struct cursor *c, struct cfw_log_frame *f)
{
	const char *start = c->p;
	u32 id = 0;
	int d;

	while (c->p < c->end && (d = hexval(*c->p)) >= 0 && c->p - start < 8) {
		id = id << 4 | (u32)d;
		c->p++;
	}
	if (c->p >= c->end || *c->p != '#')
		return fail(c, c->p, c->p == start ? "expected a CAN ID" :
			    "expected '#' after the CAN ID");
	if (c->end - c->p >= 3 && !memcmp(c->p, "###", 3)) {
		if (c->p - start < 3)
			return fail(c, start,
				    "CAN XL priority needs 3 to 8 hex digits");
		if (id & ~CFW_XL_PRIO_FIELD)
			return fail(c, start,
				    "CAN XL priority field has bits set outside the 11-bit priority and the VCID");
		cfw_log_frame_init(f, CANFW_PROTO_CANXL, id);
		c->p += 3;
		return 0;
	}
	if (cfw_log_can_id(c, start, (unsigned int)(c->p - start), id, &id))
		return -1;
	cfw_log_frame_init(f, CANFW_PROTO_CAN, id);
	c->p++;
	return 0;
}

int cfw_log_can_id(struct cursor *c, const char *start, unsigned int digits,
		   u32 id, u32 *can_id)
{
	switch (digits) {
	case 3:
		if (id > CAN_SFF_MASK)
			return fail(c, start, cfw_log_msg_sff);
		break;
	case 8:
		/* As candump prints them: error frames carry their flag. */
		if (id & (CAN_EFF_FLAG | CAN_RTR_FLAG))
			return fail(c, start, cfw_log_msg_eff);
		if (!(id & CAN_ERR_FLAG))
			id |= CAN_EFF_FLAG;
		break;
	default:
		return fail(c, start, cfw_log_msg_id_digits);
	}
	*can_id = id;
	return 0;
}

static int parse_data(struct cursor *c, struct cfw_log_frame *f,
		      unsigned int max)
{
	unsigned int n = 0;
	int hi, lo;

	while (c->p < c->end && *c->p != ' ' && *c->p != '\t' &&
	       *c->p != '_') {
		if (*c->p == '.') {
			c->p++;
			continue;
		}
		hi = hexval(*c->p);
		lo = c->p + 1 < c->end ? hexval(c->p[1]) : -1;
		if (hi < 0)
			return fail(c, c->p, "bad data: expected hex digits");
		if (lo < 0)
			return fail(c, c->p, "bad data: odd number of hex digits");
		if (n == max)
			return fail(c, c->p, max == CAN_MAX_DLEN ?
				    "more than 8 data bytes in a classical frame" :
				    max == CANFD_MAX_DLEN ?
				    "more than 64 data bytes in a CAN FD frame" :
				    "more than 2048 data bytes in a CAN XL frame");
		f->data[n++] = (u8)(hi << 4 | lo);
		c->p += 2;
	}
	f->frame.len = (u16)n;
	return 0;
}

int cfw_log_hex_field(struct cursor *c, unsigned int digits, u32 *v,
		      const char *msg)
{
	unsigned int i;
	int d;

	*v = 0;
	for (i = 0; i < digits; i++) {
		d = c->p + i < c->end ? hexval(c->p[i]) : -1;
		if (d < 0)
			return fail(c, c->p + i, msg);
		*v = *v << 4 | (u32)d;
	}
	c->p += digits;
	return 0;
}

/* After "###": flags, SDT and AF, then 1 to 2048 data bytes. */
static int parse_xl(struct cursor *c, struct cfw_log_frame *f)
{
	const char *at = c->p;
	u32 flags, sdt;

	if (cfw_log_hex_field(c, 2, &flags, "expected the CAN XL flags byte after '###'") ||
	    cfw_log_hex_field(c, 2, &sdt, "expected the CAN XL SDT byte after the flags") ||
	    cfw_log_hex_field(c, 8, &f->xl_af, "expected the 8 hex digits of the CAN XL acceptance field"))
		return -1;
	if (!(flags & CANXL_XLF))
		return fail(c, at, cfw_log_msg_xlf);
	f->frame.flags = (u8)flags;
	f->xl_sdt = (u8)sdt;
	at = c->p;
	if (parse_data(c, f, CANXL_MAX_DLEN))
		return -1;
	if (f->frame.len < CANXL_MIN_DLEN)
		return fail(c, at, cfw_log_msg_xl_len);
	f->frame.size = CANXL_HDR_SIZE + f->frame.len;
	return 0;
}

/* The lengths a CAN FD frame can have: 0-8, 12, 16, 20, 24, 32, 48, 64. */
bool cfw_log_fd_len_valid(unsigned int len)
{
	return len <= 8 || (len <= 24 && !(len % 4)) || len == 32 ||
	       len == 48 || len == 64;
}

/* Classical 8-byte frames may note a raw DLC of 9 to 15 after an '_'. */
static int parse_dlc_suffix(struct cursor *c, unsigned int len)
{
	int d;

	if (c->p >= c->end || *c->p != '_')
		return 0;
	d = c->p + 1 < c->end ? hexval(c->p[1]) : -1;
	if (len != CAN_MAX_DLEN || d < 9)
		return fail(c, c->p, "bad DLC suffix: only 8-byte frames take _9 to _F");
	c->p += 2;
	return 0;
}

static int parse_payload(struct cursor *c, struct cfw_log_frame *f)
{
	const char *at;
	int d;

	if (f->frame.proto == CANFW_PROTO_CANXL)
		return parse_xl(c, f);
	if (c->p < c->end && *c->p == '#') {
		if (f->frame.can_id & CAN_ERR_FLAG)
			return fail(c, c->p, "error frames are not CAN FD frames");
		c->p++;
		d = c->p < c->end ? hexval(*c->p) : -1;
		if (d < 0)
			return fail(c, c->p, "expected the CAN FD flags nibble after '##'");
		cfw_log_frame_init(f, CANFW_PROTO_CANFD, f->frame.can_id);
		f->fd_flags = (u8)d;
		c->p++;
		at = c->p;
		if (parse_data(c, f, CANFD_MAX_DLEN))
			return -1;
		if (!cfw_log_fd_len_valid(f->frame.len))
			return fail(c, at, cfw_log_msg_fd_len);
		return 0;
	}
	if (c->p < c->end && (*c->p == 'R' || *c->p == 'r')) {
		if (f->frame.can_id & CAN_ERR_FLAG)
			return fail(c, c->p, "error frames are not remote frames");
		c->p++;
		f->frame.can_id |= CAN_RTR_FLAG;
		f->frame.len = 0;
		if (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
			if (*c->p > '8')
				return fail(c, c->p, "remote frame length must be 0 to 8");
			f->frame.len = (u16)(*c->p++ - '0');
		}
		return parse_dlc_suffix(c, f->frame.len);
	}
	if (parse_data(c, f, CAN_MAX_DLEN))
		return -1;
	return parse_dlc_suffix(c, f->frame.len);
}

int cfw_log_parse_line(const char *line, size_t len, struct cfw_log_frame *f,
		       const char **msg, unsigned int *col)
{
	struct cursor c = { line, line, line + len, msg, col };

	memset(f, 0, sizeof(*f));
	while (c.end > c.s && (c.end[-1] == '\n' || c.end[-1] == '\r' ||
			       c.end[-1] == ' ' || c.end[-1] == '\t'))
		c.end--;
	skip_blank(&c);
	if (c.p == c.end)
		return 0;
	if (*c.p != '(' && untimed_text(&c)) {
		f->no_ts = true;
		if (read_ifname(&c, f))
			return -1;
	} else if (parse_ts(&c, f) || parse_ifname(&c, f)) {
		return -1;
	}
	if (cfw_log_text_ahead(&c, c.p)) {
		f->text = true;
		return cfw_log_parse_text(&c, f) ? -1 : 1;
	}
	if (parse_id(&c, f) || parse_payload(&c, f))
		return -1;
	if (at_blank(&c)) {
		skip_blank(&c);
		if (c.p < c.end && (*c.p == 'R' || *c.p == 'T'))
			c.p++;
		skip_blank(&c);
	}
	if (c.p != c.end)
		return fail(&c, c.p, "unexpected text after the frame");
	return 1;
}

void cfw_log_format(char *buf, size_t size, const struct cfw_log_frame *f)
{
	u32 id = f->frame.can_id;
	unsigned int i;
	int n;
	u64 frac = f->ts_ns % NSEC_PER_SEC;
	unsigned int digits = f->ts_digits ? f->ts_digits : 6;

	for (i = digits; i < 9; i++)
		frac /= 10;
	/* A line without a time is not given one it did not have. */
	if (f->no_ts)
		n = snprintf(buf, size, "%s ", f->ifname);
	else
		n = snprintf(buf, size, "(%llu.%0*llu) %s ",
			     (unsigned long long)(f->ts_ns / NSEC_PER_SEC),
			     (int)digits, (unsigned long long)frac, f->ifname);
	if (f->frame.proto == CANFW_PROTO_CANXL) {
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0,
			      "%03X###%02X%02X%08X", id, f->frame.flags,
			      f->xl_sdt, f->xl_af);
		for (i = 0; i < f->frame.len; i++)
			n += snprintf(buf + n, size > (size_t)n ? size - n : 0,
				      "%02X", f->data[i]);
		return;
	}
	if (id & CAN_ERR_FLAG)
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0,
			      "%08X#", id & (CAN_EFF_MASK | CAN_ERR_FLAG));
	else if (id & CAN_EFF_FLAG)
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0,
			      "%08X#", id & CAN_EFF_MASK);
	else
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0,
			      "%03X#", id & CAN_SFF_MASK);
	if (f->frame.proto == CANFW_PROTO_CANFD)
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0, "#%X",
			      f->fd_flags);
	if (id & CAN_RTR_FLAG && !(id & CAN_ERR_FLAG)) {
		snprintf(buf + n, size > (size_t)n ? size - n : 0, "R%s",
			 f->frame.len ? (char[2]){ (char)('0' + f->frame.len), 0 } :
			 "");
		return;
	}
	for (i = 0; i < f->frame.len; i++)
		n += snprintf(buf + n, size > (size_t)n ? size - n : 0, "%02X",
			      f->data[i]);
}

int cfw_log_clock_frame(struct cfw_log_clock *c, struct cfw_log_frame *f,
			const char **msg)
{
	int timed = f->no_ts ? -1 : 1;

	if (c->timed && c->timed != timed) {
		*msg = f->no_ts ?
		       "no timestamp, where the lines before have one" :
		       "a timestamp, where the lines before have none";
		return -1;
	}
	c->timed = timed;
	if (!c->delta || f->no_ts)
		return 0;
	if (f->ts_ns > ~0ULL - c->now_ns) {
		*msg = "timestamp is too large: the deltas add up beyond 584 years";
		return -1;
	}
	c->now_ns += f->ts_ns;
	f->ts_ns = c->now_ns;
	return 0;
}

void cfw_log_report(FILE *out, const char *log, unsigned long lineno,
		    const char *line, size_t len, unsigned int col,
		    const char *msg)
{
	size_t i;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	fprintf(out, "%s:%lu:%u: %s\n    ", log, lineno, col, msg);
	for (i = 0; i < len; i++)
		fputc(line[i] >= ' ' && line[i] < 0x7f ? line[i] : '?', out);
	fputs("\n    ", out);
	for (i = 1; i < col; i++)
		fputc(' ', out);
	fputs("^\n", out);
}
