// SPDX-License-Identifier: GPL-2.0
/* candump log lines: what each form becomes, and the refused ones. */
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
	test_blank();
	return tap_exit();
}
