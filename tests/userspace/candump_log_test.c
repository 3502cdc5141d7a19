// SPDX-License-Identifier: GPL-2.0
/* candump log lines: what each form becomes, and the refused ones. */
#include <stdio.h>
#include <string.h>
#include "tap.h"
#include "candump_log.h"

static const struct line_case {
	const char *line;
	u64 ts_ns;
	const char *ifname;
	u32 can_id;
	u16 len;
	u8 proto;	/* enum canfw_proto */
	u8 fd_flags;
	const char *data;	/* the payload as hex; zeros for RTR */
	const char *printed;	/* cfw_log_format's text, NULL: the line */
} line_cases[] = {
	{ "(1436509052.249713) can0 123#11223344", 1436509052249713000ULL,
	  "can0", 0x123, 4, 0, 0, "11223344", NULL },
	{ "(0.000000) can0 110#02202e1300181300 ", 0, "can0", 0x110, 8, 0, 0,
	  "02202E1300181300", "(0.000000) can0 110#02202E1300181300" },
	{ "(166.000000) vcan0 21A#FE3612FE690507AD\r\n", 166000000000ULL,
	  "vcan0", 0x21A, 8, 0, 0, "FE3612FE690507AD",
	  "(166.000000) vcan0 21A#FE3612FE690507AD" },
	{ "(0.5) can0 7DF#", 500000000ULL, "can0", 0x7DF, 0, 0, 0, "", NULL },
	{ "(0.000001) can0 12345678#DEADBEEF", 1000, "can0",
	  0x12345678 | CAN_EFF_FLAG, 4, 0, 0, "DEADBEEF", NULL },
	{ "(0.000001) can0 00000123#", 1000, "can0", 0x123 | CAN_EFF_FLAG, 0,
	  0, 0, "", NULL },
	{ "(1.000000) can0 123#R", 1000000000ULL, "can0", 0x123 | CAN_RTR_FLAG,
	  0, 0, 0, "", NULL },
	{ "(1.000000) can0 123#R3", 1000000000ULL, "can0",
	  0x123 | CAN_RTR_FLAG, 3, 0, 0, "000000", NULL },
	{ "(1.000000) can0 1FFFFFFF#R8", 1000000000ULL, "can0",
	  0x1FFFFFFF | CAN_EFF_FLAG | CAN_RTR_FLAG, 8, 0, 0, "0000000000000000",
	  NULL },
	{ "(2.000000) can1 123##1112233", 2000000000ULL, "can1", 0x123, 3, 1,
	  1, "112233", "(2.000000) can1 123##1112233" },
	{ "(2.000000) can1 18FEF100##0", 2000000000ULL, "can1",
	  0x18FEF100 | CAN_EFF_FLAG, 0, 1, 0, "", NULL },
	{ "(2.000000) can1 123##4" "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF" "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF", 2000000000ULL, "can1", 0x123,
	  64, 1, 4, "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF" "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF", NULL },
	{ "(3.000000) can0 20000080#0000000000000000", 3000000000ULL, "can0",
	  0x20000080, 8, 0, 0, "0000000000000000", NULL },
	{ "(3.000000) can0 123#11.22.33", 3000000000ULL, "can0", 0x123, 3, 0,
	  0, "112233", "(3.000000) can0 123#112233" },
	{ "(3.000000) can0 123#1122334455667788_C", 3000000000ULL, "can0",
	  0x123, 8, 0, 0, "1122334455667788",
	  "(3.000000) can0 123#1122334455667788" },
	{ "(3.000000) can0 123#11 R", 3000000000ULL, "can0", 0x123, 1, 0, 0,
	  "11", "(3.000000) can0 123#11" },
	{ "  (3.000000)\tcan0   123#11   T  ", 3000000000ULL, "can0", 0x123, 1,
	  0, 0, "11", "(3.000000) can0 123#11" },
	{ "(3.123456789) can0 123#11", 3123456789ULL, "can0", 0x123, 1, 0, 0,
	  "11", NULL },
	{ "(3.1234567891) can0 123#11", 3123456789ULL, "can0", 0x123, 1, 0, 0,
	  "11", "(3.123456789) can0 123#11" },
	{ "(4.000000) can0 123###8001000000001122", 4000000000ULL, "can0",
	  0x123, 2, CANFW_PROTO_CANXL, 0, "1122", NULL },
	/* A VCID (bits 16-23 of the priority field) on newer kernels. */
	{ "(4.000000) can0 A07DF###81AB12345678FF", 4000000000ULL, "can0",
	  0xA07DF, 1, CANFW_PROTO_CANXL, 0, "FF", NULL },
	{ "(4.000000) can0 123###80010000000011.22", 4000000000ULL, "can0",
	  0x123, 2, CANFW_PROTO_CANXL, 0, "1122",
	  "(4.000000) can0 123###8001000000001122" },
	{ "(5.000000) can0 123##1112233445566778899AABBCC", 5000000000ULL,
	  "can0", 0x123, 12, CANFW_PROTO_CANFD, 1, "112233445566778899AABBCC",
	  NULL },
};

static void hex(char *out, const u8 *data, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02X", data[i]);
	out[2 * n] = 0;
}

/* Test names stay on one line whatever bytes the case holds. */
static const char *shown(const char *line)
{
	static char buf[256];
	size_t n = 0;

	for (; *line && n < sizeof(buf) - 5; line++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      *line >= ' ' && *line < 0x7f ? "%c" :
				      "\\x%02X", (unsigned char)*line);
	buf[n] = 0;
	return buf;
}

static void run_line_case(const struct line_case *c)
{
	struct cfw_log_frame f;
	const char *msg = NULL;
	unsigned int col = 0;
	char data[2 * CANXL_MAX_DLEN + 1], printed[2 * CANXL_MAX_DLEN + 100];
	int st = cfw_log_parse_line(c->line, strlen(c->line), &f, &msg, &col);
	bool ok;

	if (st != 1) {
		tap_diag("refused at %u: %s", col, msg ? msg : "(blank)");
		tap_result(false, "log line: %s", shown(c->line));
		return;
	}
	hex(data, f.data, f.frame.len);
	cfw_log_format(printed, sizeof(printed), &f);
	/* Replay judges payload checks by the frame's own bytes. */
	ok = f.frame.data == f.data && f.ts_ns == c->ts_ns &&
	     !strcmp(f.ifname, c->ifname) &&
	     f.frame.can_id == c->can_id && f.frame.len == c->len &&
	     f.frame.proto == c->proto && f.fd_flags == c->fd_flags &&
	     !strcmp(data, c->data) &&
	     !strcmp(printed, c->printed ? c->printed : c->line);
	if (!ok)
		tap_diag("got ts %llu if %s id 0x%X len %u proto %u/%u data %s printed %s",
			 (unsigned long long)f.ts_ns, f.ifname, f.frame.can_id,
			 f.frame.len, f.frame.proto, f.fd_flags, data, printed);
	tap_result(ok, "log line: %s", shown(c->line));
}

static const struct bad_case {
	const char *line;
	unsigned int col;
	const char *msg;
} bad_cases[] = {
	{ "can0 123#11", 1, "expected '(' and a timestamp" },
	{ "(abc) can0 123#11", 2, "bad timestamp: expected seconds.fraction" },
	{ "(12) can0 123#11", 2, "bad timestamp: expected seconds.fraction" },
	{ "(12.) can0 123#11", 5, "bad timestamp: expected seconds.fraction" },
	{ "(1.0 can0 123#11", 4, "bad timestamp: expected seconds.fraction" },
	{ "(99999999999999999999.0) can0 123#11", 2, "timestamp is too large" },
	{ "(1.0)can0 123#11", 6, "expected a blank after the timestamp" },
	{ "(1.0) ", 1, NULL },	/* trimmed to "(1.0)": no blank either */
	{ "(1.0) abcdefghijklmnop 123#11", 7, "interface name is longer than 15 characters" },
	{ "(1.0) ca\x01n0 123#11", 9, "interface name holds a control or non-ASCII byte" },
	{ "(1.0) can0", 11, "expected a CAN ID" },
	{ "(1.0) can0 #11", 12, "CAN ID needs 3 (standard) or 8 (extended) hex digits" },
	{ "(1.0) can0 1234#11", 12, "CAN ID needs 3 (standard) or 8 (extended) hex digits" },
	{ "(1.0) can0 123456789#11", 20, "expected '#' after the CAN ID" },
	{ "(1.0) can0 12G#11", 14, "expected '#' after the CAN ID" },
	{ "(1.0) can0 800#11", 12, "standard CAN ID is above 0x7FF" },
	{ "(1.0) can0 40000000#11", 12, "extended CAN ID is above 0x1FFFFFFF" },
	{ "(1.0) can0 EC20FF00#11", 12, "extended CAN ID is above 0x1FFFFFFF" },
	{ "(1.0) can0 123#1", 16, "bad data: odd number of hex digits" },
	{ "(1.0) can0 123#XY", 16, "bad data: expected hex digits" },
	{ "(1.0) can0 123#112233445566778899", 32, "more than 8 data bytes in a classical frame" },
	{ "(1.0) can0 123#11_9", 18, "bad DLC suffix: only 8-byte frames take _9 to _F" },
	{ "(1.0) can0 123#1122334455667788_5", 32, "bad DLC suffix: only 8-byte frames take _9 to _F" },
	{ "(1.0) can0 123#R9", 17, "remote frame length must be 0 to 8" },
	{ "(1.0) can0 123#R11", 18, "unexpected text after the frame" },
	{ "(1.0) can0 123##", 17, "expected the CAN FD flags nibble after '##'" },
	{ "(1.0) can0 20000080##0", 21, "error frames are not CAN FD frames" },
	{ "(1.0) can0 123##0" "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF" "00112233445566778899AABBCCDDEEFF"
	  "00112233445566778899AABBCCDDEEFF" "00", 146,
	  "more than 64 data bytes in a CAN FD frame" },
	{ "(1.0) can0 20B00123#R", 21, "error frames are not remote frames" },
	{ "(1.0) can0 123#11 X", 19, "unexpected text after the frame" },
	{ "(1.0) can0 123#11 R T", 21, "unexpected text after the frame" },
	{ "(1.0) can0 123#11|", 18, "bad data: expected hex digits" },
	{ "(1.0) can0 123##1112233445566778899", 18,
	  "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 data bytes" },
	{ "(1.0) can0 12###8001000000001122", 12,
	  "CAN XL priority needs 3 to 8 hex digits" },
	{ "(1.0) can0 00001123###8001000000001122", 12,
	  "CAN XL priority field has bits set outside the 11-bit priority and the VCID" },
	{ "(1.0) can0 123###0001000000001122", 18,
	  "CAN XL flags lack XLF (0x80), which every CAN XL frame has" },
	{ "(1.0) can0 123###8", 19, "expected the CAN XL flags byte after '###'" },
	{ "(1.0) can0 123###80X1", 20, "expected the CAN XL SDT byte after the flags" },
	{ "(1.0) can0 123###8001000000", 28,
	  "expected the 8 hex digits of the CAN XL acceptance field" },
	{ "(1.0) can0 123###800100000000", 30,
	  "CAN XL frames carry 1 to 2048 data bytes" },
};

static void run_bad_case(const struct bad_case *c)
{
	struct cfw_log_frame f;
	const char *msg = NULL;
	unsigned int col = 0;
	int st = cfw_log_parse_line(c->line, strlen(c->line), &f, &msg, &col);
	const char *want = c->msg ? c->msg : "expected a blank after the timestamp";
	unsigned int want_col = c->msg ? c->col : 6;
	bool ok = st == -1 && col == want_col && msg && !strcmp(msg, want);

	if (!ok)
		tap_diag("got %d at %u: %s", st, col, msg ? msg : "-");
	tap_result(ok, "bad log line: %s", shown(c->line));
}

/* candump's text output: what each line becomes, in -l form. */
static const struct text_case {
	const char *line;
	const char *printed;	/* cfw_log_format's text */
	u8 proto;
	u8 fd_flags;
	u16 len;
	bool no_ts;
} text_cases[] = {
	{ " (000.005001)  can0  18FEDF00   [8]  8A A0 28 7D 7D FF FF F5",
	  "(0.005001) can0 18FEDF00#8AA0287D7DFFFFF5", 0, 0, 8, false },
	{ " (1676937898.314919)  can0  123   [0] ",
	  "(1676937898.314919) can0 123#", 0, 0, 0, false },
	/* -N: nanoseconds; SFF indented after an EFF frame; tabs. */
	{ " (000.000000001)\tcan0       7DF   [3]  02 01 0D\r\n",
	  "(0.000000001) can0 7DF#02010D", 0, 0, 3, false },
	{ "  (000.100000)  vcan10  123   [2]  remote request",
	  "(0.100000) vcan10 123#R2", 0, 0, 2, false },
	{ " (000.100000)  can0  12345678   [0]  remote request",
	  "(0.100000) can0 12345678#R", 0, 0, 0, false },
	{ " (000.200000)  can1  123  [12]  11 22 33 44 55 66 77 88 99 AA BB CC",
	  "(0.200000) can1 123##0112233445566778899AABBCC", CANFW_PROTO_CANFD, 0,
	  12, false },
	{ " (000.200000)  can1  18FEF100  [08]  01 02 03 04 05 06 07 08",
	  "(0.200000) can1 18FEF100##00102030405060708", CANFW_PROTO_CANFD, 0, 8,
	  false },
	{ " (000.200000)  can1  123  [00] ", "(0.200000) can1 123##0",
	  CANFW_PROTO_CANFD, 0, 0, false },
	/* -x: direction and flags; B and E are the FD flags nibble. */
	{ " (000.300000)  can1  RX B -  123  [01]  AA",
	  "(0.300000) can1 123##1AA", CANFW_PROTO_CANFD, 1, 1, false },
	{ " (000.300000)  can1  TX B E  123  [01]  AA",
	  "(0.300000) can1 123##3AA", CANFW_PROTO_CANFD, 3, 1, false },
	{ " (000.300000)  can1  RX - E  123  [01]  AA",
	  "(0.300000) can1 123##2AA", CANFW_PROTO_CANFD, 2, 1, false },
	{ " (000.300000)  can0  RX - -  123   [1]  AA",
	  "(0.300000) can0 123#AA", 0, 0, 1, false },
	{ " (000.300000)  can0  TX - -  123   [3]  remote request",
	  "(0.300000) can0 123#R3", 0, 0, 3, false },
	{ " (000.400000)  can0  20000004   [8]  00 04 00 00 00 00 00 00   ERRORFRAME",
	  "(0.400000) can0 20000004#0004000000000000", 0, 0, 8, false },
	/* CAN XL: VCID, flags, SDT and AF in the header. */
	{ " (000.500000)  can0  123 [0002] (00|80:01:00000000) 11 22",
	  "(0.500000) can0 123###8001000000001122", CANFW_PROTO_CANXL, 0, 2,
	  false },
	{ " (000.500000)  can0  RX S -  7DF [0001] (AB|81:12:345678FF) FF",
	  "(0.500000) can0 AB07DF###8112345678FFFF", CANFW_PROTO_CANXL, 0, 1,
	  false },
	/* No -t: a frame without a time. */
	{ "  can0  123   [1]  11", "can0 123#11", 0, 0, 1, true },
	{ "can0  RX - -  18FEDF00   [0] ", "can0 18FEDF00#", 0, 0, 0, true },
};

static void run_text_case(const struct text_case *c)
{
	struct cfw_log_frame f;
	const char *msg = NULL;
	unsigned int col = 0;
	char printed[2 * CANXL_MAX_DLEN + 100];
	int st = cfw_log_parse_line(c->line, strlen(c->line), &f, &msg, &col);
	bool ok;

	if (st != 1) {
		tap_diag("refused at %u: %s", col, msg ? msg : "(blank)");
		tap_result(false, "text line: %s", shown(c->line));
		return;
	}
	cfw_log_format(printed, sizeof(printed), &f);
	ok = f.text && f.frame.data == f.data && f.no_ts == c->no_ts &&
	     f.frame.proto == c->proto && f.fd_flags == c->fd_flags &&
	     f.frame.len == c->len && !strcmp(printed, c->printed);
	if (!ok)
		tap_diag("got proto %u/%u len %u no_ts %d text %d printed %s",
			 f.frame.proto, f.fd_flags, f.frame.len, f.no_ts,
			 f.text, printed);
	tap_result(ok, "text line: %s", shown(c->line));
}

/* candump prints 64 of a CAN XL frame's bytes, then "...". */
static void test_text_xl_cropped(void)
{
	char line[512];
	struct cfw_log_frame f;
	const char *msg = "";
	unsigned int col = 0, i, n;
	bool ok;

	n = (unsigned int)snprintf(line, sizeof(line),
				   " (000.600000)  can0  123 [0100] (00|80:00:00000000)");
	for (i = 0; i < 64; i++)
		n += (unsigned int)snprintf(line + n, sizeof(line) - n, " %02X", i);
	snprintf(line + n, sizeof(line) - n, " ...");
	ok = cfw_log_parse_line(line, strlen(line), &f, &msg, &col) == 1 &&
	     f.frame.len == 100 && f.frame.size == CANXL_HDR_SIZE + 100 &&
	     f.data[63] == 63 && f.data[64] == 0 && f.data[99] == 0;
	if (!ok)
		tap_diag("at %u: %s; len %u", col, msg, f.frame.len);
	tap_result(ok, "text line: a CAN XL frame of 100 bytes, 64 shown, the rest zeros");
}

static const struct bad_case text_bad_cases[] = {
	{ " (000.1)  can0  123   [2]  11", 30, "fewer data bytes than the length says" },
	{ " (000.1)  can0  123   [1]  11 22", 31, "more data bytes than the length says" },
	{ " (000.1)  can0  123   [1]  11 xyz", 31, "unexpected text after the frame" },
	{ " (000.1)  can0  123   [1]  1", 28, "bad data: expected a byte as two hex digits" },
	{ " (000.1)  can0  123   [1]  112", 28, "bad data: expected a byte as two hex digits" },
	{ " (000.1)  can0  123   [9]  11", 23, "classical frames carry 0 to 8 data bytes" },
	{ " (000.1)  can0  123  [09]  11", 22,
	  "CAN FD frames carry 0 to 8, 12, 16, 20, 24, 32, 48 or 64 data bytes" },
	{ " (000.1)  can0  123  [123]  11", 22,
	  "bad length: [N] for classical frames, [NN] for CAN FD, [NNNN] for CAN XL" },
	{ " (000.1)  can0  123   [1  11", 25, "expected ']' after the length" },
	{ " (000.1)  can0  1234   [1]  11", 17, "CAN ID needs 3 (standard) or 8 (extended) hex digits" },
	{ " (000.1)  can0  800   [1]  11", 17, "standard CAN ID is above 0x7FF" },
	{ " (000.1)  can0  E0000000   [1]  11", 17, "extended CAN ID is above 0x1FFFFFFF" },
	{ " (000.1)  can0  123   [2]  remote", 28, "expected 'remote request'" },
	{ " (000.1)  can0  20000004   [2]  remote request", 33, "error frames are not remote frames" },
	{ " (000.1)  can0  20000004  [08]  00", 27, "error frames are not CAN FD frames" },
	{ " (000.1)  can0  123   [1]  11 ERRORFRAME", 31, "unexpected text after the frame" },
	{ " (000.1)  can0  RX X -  123   [1]  11", 20,
	  "expected candump -x's flags after RX or TX: '-', B or S, then '-', E or R" },
	{ " (000.1)  can0  RX B -  123   [1]  11", 20,
	  "-x flags of another kind of frame: B and E are CAN FD's, S and R CAN XL's" },
	{ " (000.1)  can0  RX S -  123  [01]  11", 20,
	  "-x flags of another kind of frame: B and E are CAN FD's, S and R CAN XL's" },
	{ " (000.1)  can0  RX - R  123 [0001] (00|81:00:00000000) 11", 20,
	  "the -x flags disagree with the CAN XL flags byte" },
	{ " (000.1)  can0  RX 123   [1]  11", 20,
	  "expected candump -x's flags after RX or TX: '-', B or S, then '-', E or R" },
	{ " (000.1)  can0  12345678 [0001] (00|80:00:00000000) 11", 17,
	  "a CAN XL priority has 3 hex digits" },
	{ " (000.1)  can0  FFF [0001] (00|80:00:00000000) 11", 17,
	  "CAN XL priority is above 0x7FF" },
	{ " (000.1)  can0  123 [0001] (00|00:00:00000000) 11", 28,
	  "CAN XL flags lack XLF (0x80), which every CAN XL frame has" },
	{ " (000.1)  can0  123 [0001] (00|80:00:0000) 11", 42,
	  "expected the CAN XL header (VCID|FLAGS:SDT:AF), as in (00|80:00:00000000)" },
	{ " (000.1)  can0  123 [0000] (00|80:00:00000000)", 21,
	  "CAN XL frames carry 1 to 2048 data bytes" },
	{ " (000.1)  can0  123 [0065] (00|80:00:00000000) ...", 48,
	  "bad data: expected a byte as two hex digits" },
	{ " (2023-02-21 10:00:00.000000)  can0  123   [1]  11", 3,
	  "candump -t A dates are not read: record with -t a, -t z or -t d" },
	/* -a's ASCII column, -8's raw DLC: views that are not read. */
	{ " (000.1)  can0  123   [1]  41   'A'", 33, "unexpected text after the frame" },
	{ " (000.1)  can0  123   {1}  41", 23, "expected the length in brackets after the CAN ID" },
	/* Without a timestamp, what is no text output lacks one. */
	{ "can0 123#11", 1, "expected '(' and a timestamp" },
	{ "0 080#0017dc09161116bb", 1, "expected '(' and a timestamp" },
	{ "  can0  123   11", 3, "expected '(' and a timestamp" },
};

static void run_text_bad_case(const struct bad_case *c)
{
	struct cfw_log_frame f;
	const char *msg = NULL;
	unsigned int col = 0;
	int st = cfw_log_parse_line(c->line, strlen(c->line), &f, &msg, &col);
	bool ok = st == -1 && col == c->col && msg && !strcmp(msg, c->msg);

	if (!ok)
		tap_diag("got %d at %u: %s", st, col, msg ? msg : "-");
	tap_result(ok, "bad text line: %s", shown(c->line));
}

/* Parse LINES, one frame each, through a clock; their times in out. */
static int clock_lines(struct cfw_log_clock *clk, const char *const *lines,
		       size_t n, u64 *out, const char **msg)
{
	struct cfw_log_frame f;
	unsigned int col;
	size_t i;

	for (i = 0; i < n; i++) {
		if (cfw_log_parse_line(lines[i], strlen(lines[i]), &f, msg,
				       &col) != 1 ||
		    cfw_log_clock_frame(clk, &f, msg))
			return (int)i;
		out[i] = f.ts_ns;
	}
	return -1;
}

static void test_clock(void)
{
	static const char *const gaps[] = {
		" (000.000000)  can0  123   [0] ",
		" (000.010000)  can0  123   [0] ",
		" (000.009500)  can0  123   [0] ",
		"(1.000000) can0 123#",
	};
	static const char *const mixed[] = {
		" (000.000000)  can0  123   [0] ", "  can0  123   [0] ",
	};
	static const char *const mixed2[] = {
		"  can0  123   [0] ", "(0.5) can0 123#",
	};
	struct cfw_log_clock clk = { .delta = true };
	const char *msg = NULL;
	u64 t[4];

	tap_result(clock_lines(&clk, gaps, 4, t, &msg) < 0 && t[0] == 0 &&
		   t[1] == 10000000 && t[2] == 19500000 &&
		   t[3] == 1019500000 && clk.timed == 1,
		   "clock: --delta adds each timestamp to the time before");
	memset(&clk, 0, sizeof(clk));
	tap_result(clock_lines(&clk, gaps, 4, t, &msg) < 0 &&
		   t[1] == 10000000 && t[2] == 9500000,
		   "clock: without --delta the timestamps are the times");
	memset(&clk, 0, sizeof(clk));
	tap_result(clock_lines(&clk, mixed, 2, t, &msg) == 1 &&
		   !strcmp(msg, "no timestamp, where the lines before have one"),
		   "clock: a line without a timestamp after lines with one");
	memset(&clk, 0, sizeof(clk));
	tap_result(clock_lines(&clk, mixed2, 2, t, &msg) == 1 &&
		   !strcmp(msg, "a timestamp, where the lines before have none"),
		   "clock: a timestamp after lines without");
	memset(&clk, 0, sizeof(clk));
	tap_result(clock_lines(&clk, mixed2, 1, t, &msg) < 0 && t[0] == 0 &&
		   clk.timed == -1, "clock: a log without timestamps is at 0");
}

static void test_report(void)
{
	static const char want[] =
		"x.log:7:16: bad data\n    (0.2) can0 123#1?\n                   ^\n";
	char buf[256] = "";
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	cfw_log_report(f, "x.log", 7, "(0.2) can0 123#1\x01\r\n", 19, 16,
		       "bad data");
	fclose(f);
	tap_result(!strcmp(buf, want), "report: LOG:LINE:COL, the line, a caret");
}

static void test_blank(void)
{
	struct cfw_log_frame f;
	const char *msg;
	unsigned int col;

	tap_result(cfw_log_parse_line("", 0, &f, &msg, &col) == 0 &&
		   cfw_log_parse_line(" \t\r\n", 4, &f, &msg, &col) == 0,
		   "blank log lines are skipped");
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++)
		run_line_case(&line_cases[i]);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		run_bad_case(&bad_cases[i]);
	for (i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++)
		run_text_case(&text_cases[i]);
	test_text_xl_cropped();
	for (i = 0; i < sizeof(text_bad_cases) / sizeof(text_bad_cases[0]); i++)
		run_text_bad_case(&text_bad_cases[i]);
	test_clock();
	test_report();
	test_blank();
	return tap_exit();
}
