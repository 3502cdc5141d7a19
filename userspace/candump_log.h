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
 *
 * And candump's text output, what it prints without -l or -L:
 *
 *    (000.005001)  can0  18FEDF00   [8]  8A A0 28 7D 7D FF FF F5
 *    (1676937898.314919)  can0  123   [2]  remote request
 *    (000.000100)  can1  123  [12]  11 22 33 44 55 66 77 88 99 AA BB CC
 *    (000.000200)  can1  RX B -  18FEF100  [08]  01 02 03 04 05 06 07 08
 *    (000.000300)  can0  20000004   [8]  00 04 00 00 00 00 00 00   ERRORFRAME
 *    (000.000400)  can0  123 [0002] (00|80:01:00000000) 11 22
 *      can0  123   [1]  11
 *
 * with blanks as candump pads them (any run of blanks or tabs will do),
 * the timestamp of -t a, -t z or -t d (6 or, with -N, 9 digits), the
 * length in brackets: one digit for classical frames, two for CAN FD
 * ("[08]" is an 8-byte CAN FD frame), four for CAN XL, then exactly that
 * many bytes, or "remote request" for a remote frame. -x adds RX or TX and
 * two flag columns: B (bit rate switch) and E (error state indicator) of
 * a CAN FD frame, which become its flags nibble, S and R of a CAN XL
 * frame; "- -" otherwise. A CAN XL frame shows its VCID, flags, SDT and
 * AF in parentheses, and candump prints at most 64 of its bytes and then
 * "..."; the rest read as zeros (rules look at the first 64 bytes only).
 * A line without a timestamp (candump without -t) is a frame without a
 * time: cfw_log_frame.no_ts. The other views (-a, -S, -b/-B, -8, -e, -c)
 * and -t A's dates are refused.
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
	bool no_ts;			/* the line had no timestamp: ts_ns 0 */
	bool text;			/* candump's text output, not -l's */
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

/*
 * Back into candump log form, for messages about a frame; one without a
 * timestamp is printed without one.
 */
void cfw_log_format(char *buf, size_t size, const struct cfw_log_frame *f);

/*
 * A log's time, line after line. candump -t d prints each frame's time as
 * the gap since the frame before, and nothing in its output says so: with
 * delta set (replay's and learn's --delta), every timestamp is added to
 * the sum of those before it. A log either has timestamps on every line
 * or on none.
 */
struct cfw_log_clock {
	bool delta;
	u64 now_ns;	/* with delta: the time of the last frame */
	int timed;	/* 1: the lines so far had timestamps, -1: none, 0: no line yet */
};

/* f's time on the log's clock; -1 with *msg when its line breaks the log's form. */
int cfw_log_clock_frame(struct cfw_log_clock *c, struct cfw_log_frame *f,
			const char **msg);

/*
 * A bad line as "LOG:LINE:COL: message", the line (control bytes as ?)
 * and a caret under the column.
 */
void cfw_log_report(FILE *out, const char *log, unsigned long lineno,
		    const char *line, size_t len, unsigned int col,
		    const char *msg);

#endif /* CFW_CANDUMP_LOG_H */
