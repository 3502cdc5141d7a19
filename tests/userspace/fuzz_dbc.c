// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: any bytes are a DBC file that reads or is refused at a line
 * of it with a message, and what reads holds together: IDs in their
 * spaces, lengths a CAN or CAN FD frame can have, a name for every
 * message, and nothing left behind (LeakSanitizer) either way.
 */
#include <stdlib.h>
#include <string.h>
#include "dbc.h"

static unsigned int lines_of(const unsigned char *data, size_t size)
{
	unsigned int n = 1;
	size_t i;

	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			n++;
	return n;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cfw_dbc_error err;
	struct cfw_dbc d;
	size_t i;

	memset(&d, 0, sizeof(d));
	if (cfw_dbc_parse((const char *)data, size, &d, &err)) {
		if (!err.msg[0] || err.line > lines_of(data, size))
			abort();
		cfw_dbc_free(&d);
		return 0;
	}
	for (i = 0; i < d.nmsgs; i++) {
		const struct cfw_dbc_msg *m = &d.msgs[i];

		if (!m->name || m->id > (m->ext ? 0x1FFFFFFFu : 0x7FFu) ||
		    m->len > 64 || (!m->fd && m->len > 8) ||
		    !m->line || m->line > lines_of(data, size))
			abort();
	}
	cfw_dbc_free(&d);
	return 0;
}
