/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a rule may ask of a frame's payload beyond its length: bytes at
 * fixed offsets, the ISO-TP frame type, and the diagnostic service a
 * single or first frame requests. These checks run only for the rules the
 * ID lookup already found for the frame, so their cost does not grow
 * with the size of the policy.
 */
#ifndef CANFW_PAYLOAD_H
#define CANFW_PAYLOAD_H

#include "canfw_port.h"
#include "include/uapi/linux/canfw.h"

/* ISO-TP frame types that carry a service ID. */
#define CANFW_ISOTP_SID_FRAMES	(CANFW_ISOTP_FRAME_SF | CANFW_ISOTP_FRAME_FF)
#define CANFW_ISOTP_ALL		(CANFW_ISOTP_FRAME_SF | CANFW_ISOTP_FRAME_FF | \
				 CANFW_ISOTP_FRAME_CF | CANFW_ISOTP_FRAME_FC)

/* LEN bytes from OFFSET, most significant first, against VALUE/MASK. */
struct canfw_data_match {
	u8 offset;
	u8 len;
	u32 value;
	u32 mask;
};

/* A rule's payload checks, as loaded; all that are set must hold. */
struct canfw_payload_spec {
	u8 ndata;
	u8 isotp;		/* CANFW_ISOTP_FRAME_*; 0: any frame */
	u8 has_uds;		/* uds holds at least one service */
	struct canfw_data_match data[CANFW_DATA_MATCH_MAX];
	u8 uds[CANFW_UDS_LEN];	/* bit n % 8 of byte n / 8: service n */
};

/* What the ISO-TP header of a payload says. */
struct canfw_isotp {
	u8 type;		/* one CANFW_ISOTP_FRAME_* bit; 0: not ISO-TP */
	int sid;		/* the service of a SF or FF; -1: none */
};

void canfw_isotp_parse(const u8 *data, u16 len, struct canfw_isotp *tp);
bool canfw_payload_match(const struct canfw_payload_spec *p, const u8 *data,
			 u16 len, u8 kind);
int canfw_payload_check(const struct canfw_payload_spec *p, u8 kinds,
			u16 len_hi, const char **msg);
bool canfw_payload_set(const struct canfw_payload_spec *p);

#endif /* CANFW_PAYLOAD_H */
