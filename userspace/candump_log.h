/* SPDX-License-Identifier: GPL-2.0 */
/*
 * candump log lines, as `candump -l` writes and canplayer reads them:
 *
 *   (1436509052.249713) can0 123#11223344      classical data
 *   (0.000100) can0 12345678#R                 extended ID, remote frame
 *   (0.000200) can0 123#R3                     remote frame, length 3
 *   (0.000300) can0 123##1112233               CAN FD, flags nibble 1
 *   (0.000400) can0 20000080#0000000000000000  error frame
 *   (0.000500) can0 123###8001000000001122     CAN XL: priority 0x123,
 *                                              flags 0x80 (XLF), SDT 0x01,
 *                                              AF 0x00000000, 2 data bytes
 *
 * Three hex digits make a standard ID, eight an extended one (or an error
 * frame when CAN_ERR_FLAG is set). Data bytes may be separated by dots,
 * an 8-byte classical frame may carry a _DLC suffix (9..F), and a trailing
 * R or T direction marker (candump -x) is accepted and ignored. A CAN XL
 * frame's ID is its whole priority field in 3 to 8 hex digits: the 11-bit
 * priority and, from bit 16, the VCID of kernels that have one.
 */
#ifndef CFW_CANDUMP_LOG_H
#define CFW_CANDUMP_LOG_H

#include "policy.h"

/*
 * frame.data points into data, so that replay judges payload checks as the
 * kernel does: a copy of the struct must point its frame.data anew.
 */
struct cfw_log_frame {
	u64 ts_ns;
	unsigned int ts_digits;		/* fraction digits, to print it back */
	char ifname[CFW_IFNAME_MAX + 1];
	struct canfw_frame frame;
	u8 fd_flags;			/* the CAN FD flags nibble */
	u8 xl_sdt;			/* CAN XL: SDT, AF; flags are frame.flags */
	u32 xl_af;
	u8 data[CANXL_MAX_DLEN];
};

/*
 * 1 and *f filled for a frame, 0 for a blank line, -1 for a bad line with
 * *msg saying why and *col (1-based) where.
 */
int cfw_log_parse_line(const char *line, size_t len, struct cfw_log_frame *f,
		       const char **msg, unsigned int *col);

/* Back into candump log form, for messages about a frame. */
void cfw_log_format(char *buf, size_t size, const struct cfw_log_frame *f);

#endif /* CFW_CANDUMP_LOG_H */
