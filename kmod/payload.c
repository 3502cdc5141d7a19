// SPDX-License-Identifier: GPL-2.0
/* Payload checks: byte matches and ISO-TP / UDS services (payload.h). */
#include "payload.h"

/* ISO 15765-2 protocol control information: the high nibble of byte 0. */
enum {
	ISOTP_PCI_SF,
	ISOTP_PCI_FF,
	ISOTP_PCI_CF,
	ISOTP_PCI_FC,
};

#define ISOTP_FF_DL12_MIN	8	/* shorter messages fit a single frame */
#define ISOTP_FF_DL32_MIN	4096	/* shorter ones use the 12-bit length */
#define ISOTP_FC_STATUS_MAX	2	/* continue, wait, overflow */

/**
 * canfw_isotp_parse() - the ISO-TP frame type and service of a payload
 * @data: the payload
 * @len: its length, bytes
 * @tp: the result
 *
 * Only frames the protocol itself accepts have a type, with the lengths
 * the Linux ISO-TP stack checks: a single frame's length must fit the
 * frame, and in frames longer than 8 bytes (CAN FD) it must use the
 * escape form (low nibble 0, length in byte 1, service in byte 2); a
 * first frame fills at least 8 bytes and announces more than a single
 * frame holds (32-bit length after a 12-bit zero, service in byte 6).
 * Consecutive and flow control frames carry no service.
 */
void canfw_isotp_parse(const u8 *data, u16 len, struct canfw_isotp *tp)
{
	u32 dl;

	tp->type = 0;
	tp->sid = -1;
	if (!data || len < 2)
		return;
	dl = data[0] & 0x0f;
	switch (data[0] >> 4) {
	case ISOTP_PCI_SF:
		if (len <= CAN_MAX_DLEN) {
			if (!dl || dl > len - 1U)
				return;
			tp->sid = data[1];
		} else {
			if (dl || len < 3 || !data[1] || data[1] > len - 2U)
				return;
			tp->sid = data[2];
		}
		tp->type = CANFW_ISOTP_FRAME_SF;
		return;
	case ISOTP_PCI_FF:
		if (len < CAN_MAX_DLEN)
			return;
		dl = dl << 8 | data[1];
		if (dl) {
			if (dl < ISOTP_FF_DL12_MIN)
				return;
			tp->sid = data[2];
		} else {
			dl = (u32)data[2] << 24 | (u32)data[3] << 16 |
			     (u32)data[4] << 8 | data[5];
			if (dl < ISOTP_FF_DL32_MIN)
				return;
			tp->sid = data[6];
		}
		tp->type = CANFW_ISOTP_FRAME_FF;
		return;
	case ISOTP_PCI_CF:
		tp->type = CANFW_ISOTP_FRAME_CF;
		return;
	case ISOTP_PCI_FC:
		if (dl <= ISOTP_FC_STATUS_MAX && len >= 3)
			tp->type = CANFW_ISOTP_FRAME_FC;
		return;
	}
}

static bool data_match(const struct canfw_data_match *m, const u8 *data,
		       u16 len)
{
	u32 v = 0;
	u8 i;

	if (m->offset + m->len > len)
		return false;
	for (i = 0; i < m->len; i++)
		v = v << 8 | data[m->offset + i];
	return (v & m->mask) == m->value;
}

/**
 * canfw_payload_match() - whether a frame's payload passes a rule's checks
 * @p: the rule's checks
 * @data: the payload, or NULL when it is not at hand
 * @len: its length
 * @kind: the frame's CANFW_KIND_*
 *
 * Context: Any; reads only.
 * Return: true when every check the rule has holds.
 */
bool canfw_payload_match(const struct canfw_payload_spec *p, const u8 *data,
			 u16 len, u8 kind)
{
	struct canfw_isotp tp;
	u8 i;

	/* A remote frame's length is a request; it carries no bytes. */
	if (!data || kind == CANFW_KIND_RTR)
		return false;
	for (i = 0; i < p->ndata; i++)
		if (!data_match(&p->data[i], data, len))
			return false;
	if (!p->isotp && !p->has_uds)
		return true;
	if (kind != CANFW_KIND_DATA && kind != CANFW_KIND_FD)
		return false;
	canfw_isotp_parse(data, len, &tp);
	if (p->isotp && !(tp.type & p->isotp))
		return false;
	return !p->has_uds ||
	       (tp.sid >= 0 && p->uds[tp.sid >> 3] & (1U << (tp.sid & 7)));
}

bool canfw_payload_set(const struct canfw_payload_spec *p)
{
	return p->ndata || p->isotp || p->has_uds;
}

static int check_data(const struct canfw_data_match *m, u16 len_hi,
		      const char **msg)
{
	u32 bytes_mask;

	if (m->len < 1 || m->len > CANFW_DATA_MATCH_LEN) {
		*msg = "a byte match compares 1 to 4 bytes";
		return -EINVAL;
	}
	if (m->offset + m->len > CANFW_DATA_SPAN) {
		*msg = "byte matches reach only the first 64 payload bytes";
		return -EINVAL;
	}
	if (m->offset + m->len > len_hi) {
		*msg = "the byte match lies past the rule's longest length";
		return -EINVAL;
	}
	bytes_mask = m->len == 4 ? U32_MAX : (1U << (8 * m->len)) - 1;
	if (!m->mask || (m->mask & ~bytes_mask)) {
		*msg = "a byte match's mask must be nonzero and fit its bytes";
		return -EINVAL;
	}
	if (m->value & ~m->mask) {
		*msg = "a byte match's value has bits outside its mask";
		return -EINVAL;
	}
	return 0;
}

/**
 * canfw_payload_check() - whether a rule's payload checks can be met
 * @p: the checks
 * @kinds: the rule's kinds (0: every kind but err)
 * @len_hi: the longest payload the rule matches
 * @msg: why not
 *
 * Return: 0, or -EINVAL with *msg set.
 */
int canfw_payload_check(const struct canfw_payload_spec *p, u8 kinds,
			u16 len_hi, const char **msg)
{
	u8 i;
	int err;

	if (p->ndata > CANFW_DATA_MATCH_MAX) {
		*msg = "a rule has at most 4 byte matches";
		return -EINVAL;
	}
	for (i = 0; i < p->ndata; i++) {
		err = check_data(&p->data[i], len_hi, msg);
		if (err)
			return err;
	}
	if (canfw_payload_set(p) && kinds == CANFW_KIND_RTR) {
		*msg = "remote frames carry no payload to match";
		return -EINVAL;
	}
	if (p->isotp & ~CANFW_ISOTP_ALL) {
		*msg = "unknown ISO-TP frame type";
		return -EINVAL;
	}
	if ((p->isotp || p->has_uds) && kinds &&
	    !(kinds & (CANFW_KIND_DATA | CANFW_KIND_FD))) {
		*msg = "ISO-TP runs only in data and fd frames";
		return -EINVAL;
	}
	if (p->has_uds && p->isotp && !(p->isotp & CANFW_ISOTP_SID_FRAMES)) {
		*msg = "services are read from sf and ff frames, which the rule's isotp excludes";
		return -EINVAL;
	}
	if (p->has_uds && !memchr_inv(p->uds, 0, sizeof(p->uds))) {
		*msg = "uds names no service";
		return -EINVAL;
	}
	return 0;
}
