/* SPDX-License-Identifier: GPL-2.0 */
/* Talking to the canfw generic netlink family through libmnl. */
#ifndef CFW_NL_H
#define CFW_NL_H

#include <stdbool.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include "include/uapi/linux/canfw.h"
#include "cmd.h"

struct cfw_nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	uint32_t events_group;
	char *buf;
	size_t bufsize;
	/* The last kernel error: its message and the bad attribute's offset. */
	bool quiet_errors;	/* the caller prints them, with context */
	char err_msg[256];
	bool have_err_off;
	uint32_t err_off;
};

/*
 * Open a socket and resolve the family. On failure prints one line saying
 * why (module not loaded, no permission) and returns CFW_EXIT_SYSTEM.
 */
int cfw_nl_open(struct cfw_nl *nl);
void cfw_nl_close(struct cfw_nl *nl);

/* Start a request for cmd in nl->buf; add attributes, then send it. */
struct nlmsghdr *cfw_nl_request(struct cfw_nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send a request and run cb on every reply until the ack or the end of a
 * dump. A kernel error prints "Error: <extack message>" (or strerror) and
 * returns -errno; *intr is set if a dump was interrupted by a change.
 */
int cfw_nl_talk(struct cfw_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
		void *data, int *intr);

/* Make room for a request of `size` bytes (large policies). */
int cfw_nl_reserve(struct cfw_nl *nl, size_t size);

#endif /* CFW_NL_H */
