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

/**
 * canfw_isotp_parse() - the ISO-TP frame type and service of a payload
 * @data: the payload
 * @len: its length, bytes
 * @tp: the result
 *
 * A frame gets the service that any receiver could read from it, whether
 * or not its length fields are consistent: receivers differ in how
 * strictly they check them (Linux accepts a first frame announcing fewer
 * bytes than the frame holds), and a drop rule by service must catch
 * every frame some receiver would take as that service. An allow-list by
 * service loses nothing by it: a frame that names an allowed service
 * where a receiver would look for it is one the receiver may act on as
 * such, or discards.
 *
 * A single frame's service follows its length nibble, or with the escape
 * (nibble 0, length in byte 1, as CAN FD frames longer than 8 bytes use)
 * the length byte; a first frame's follows its 12-bit length, or with
 * the escape (12-bit length 0) its 32-bit one. Consecutive and flow
 * control frames carry none. Normal addressing: the PCI is byte 0.
 */
void canfw_isotp_parse(const u8 *data, u16 len, struct canfw_isotp *tp)
{
	bool escape;
	u16 at;

	tp->type = 0;
	tp->sid = -1;
	if (!data || !len)
		return;
	switch (data[0] >> 4) {
	case ISOTP_PCI_SF:
		escape = !(data[0] & 0x0f);
		at = escape ? 2 : 1;
		break;
	case ISOTP_PCI_FF:
		escape = !(data[0] & 0x0f) && len > 1 && !data[1];
		at = escape ? 6 : 2;
		break;
	case ISOTP_PCI_CF:
		tp->type = CANFW_ISOTP_FRAME_CF;
		return;
	case ISOTP_PCI_FC:
		tp->type = CANFW_ISOTP_FRAME_FC;
		return;
	default:
		return;
	}
	/* Too short to hold a service: no receiver takes it as a request. */
	if (len <= at)
		return;
	tp->type = data[0] >> 4 == ISOTP_PCI_SF ? CANFW_ISOTP_FRAME_SF :
						  CANFW_ISOTP_FRAME_FF;
	tp->sid = data[at];
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
