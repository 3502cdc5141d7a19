// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: every log line is a frame, blank, or refused at a column
 * inside the line; a frame printed back parses to the same frame, in -l
 * form whether it was read from that or from candump's text output. A
 * frame without a timestamp prints without one, which the -l form needs:
 * it is read back with a zero one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "candump_log.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cfw_log_frame f, g;
	const char *msg;
	unsigned int col;
	char buf[2 * CANXL_MAX_DLEN + 128];
	size_t at = 0;
	int st;

	st = cfw_log_parse_line((const char *)data, size, &f, &msg, &col);
	if (st < 0 && (col < 1 || col > size + 1 || !msg))
		abort();
	if (st != 1)
		return 0;
	if (f.no_ts && (f.ts_ns || !f.text))
		abort();
	if (f.no_ts)
		at = (size_t)snprintf(buf, sizeof(buf), "(0.0) ");
	cfw_log_format(buf + at, sizeof(buf) - at, &f);
	if (f.no_ts && buf[at] == '(')
		abort();
	if (cfw_log_parse_line(buf, strlen(buf), &g, &msg, &col) != 1 ||
	    g.no_ts || g.text || g.ts_ns != f.ts_ns || strcmp(g.ifname, f.ifname) ||
	    g.frame.can_id != f.frame.can_id || g.frame.len != f.frame.len ||
	    g.frame.proto != f.frame.proto || g.frame.size != f.frame.size ||
	    g.frame.flags != f.frame.flags || g.xl_sdt != f.xl_sdt ||
	    g.xl_af != f.xl_af || g.fd_flags != f.fd_flags ||
	    memcmp(g.data, f.data, f.frame.len))
		abort();
	return 0;
}
