// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include "nl.h"

/* Dumps come in buffers of up to 32 KiB; take whole ones. */
#define CFW_NL_RECV	(64 * 1024)

struct family_info {
	uint16_t id;
	uint32_t version;
	uint32_t events;
};

static int parse_groups(const struct nlattr *nest, struct family_info *fi)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, nest) {
		const struct nlattr *a, *name = NULL, *id = NULL;

		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				name = a;
			else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID)
				id = a;
		}
		if (name && id &&
		    !strcmp(mnl_attr_get_str(name), CANFW_MCGRP_EVENTS))
			fi->events = mnl_attr_get_u32(id);
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct family_info *fi = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			fi->id = mnl_attr_get_u16(a);
		else if (mnl_attr_get_type(a) == CTRL_ATTR_VERSION)
			fi->version = mnl_attr_get_u32(a);
		else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
			parse_groups(a, fi);
	}
	return MNL_CB_OK;
}

int cfw_nl_reserve(struct cfw_nl *nl, size_t size)
{
	char *b;

	if (size <= nl->bufsize)
		return 0;
	b = realloc(nl->buf, size);
	if (!b)
		return -ENOMEM;
	nl->buf = b;
	nl->bufsize = size;
	return 0;
}

static struct nlmsghdr *put_request(struct cfw_nl *nl, uint16_t type,
				    uint8_t cmd, uint8_t version,
				    uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

struct nlmsghdr *cfw_nl_request(struct cfw_nl *nl, uint8_t cmd, uint16_t flags)
{
	return put_request(nl, nl->family, cmd, CANFW_FAMILY_VERSION, flags);
}

/* Control callbacks get this; replies go on to the caller's callback. */
struct talk {
	int err;
	int intr;
	mnl_cb_t cb;
	void *data;
	struct cfw_nl *nl;
};

static int reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/*
 * NLMSG_ERROR: keep errno, the kernel's extack message and the offset of
 * the attribute it blames; print the message unless the caller will.
 */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct talk *t = data;
	struct cfw_nl *nl = t->nl;
	const struct nlattr *a;
	unsigned int off;

	if (!e->error)
		return MNL_CB_STOP;
	t->err = e->error;
	snprintf(nl->err_msg, sizeof(nl->err_msg), "%s", strerror(-e->error));
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += mnl_nlmsg_get_payload_len(&e->msg);
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		mnl_attr_for_each(a, nlh, off) {
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG)
				snprintf(nl->err_msg, sizeof(nl->err_msg),
					 "%s", mnl_attr_get_str(a));
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_OFFS) {
				nl->err_off = mnl_attr_get_u32(a);
				nl->have_err_off = true;
			}
		}
	}
	if (!nl->quiet_errors)
		fprintf(stderr, "Error: %s\n", nl->err_msg);
	return MNL_CB_ERROR;
}

/* The end of a dump; it carries the dump's error, if any. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int err = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (!err)
		return MNL_CB_STOP;
	t->err = err;
	fprintf(stderr, "Error: %s\n", strerror(-err));
	return MNL_CB_ERROR;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

int cfw_nl_talk(struct cfw_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
		void *data, int *intr)
{
	/* With a control array, libmnl handles no control message itself. */
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = noop_cb,
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};
	struct talk t = { .cb = cb, .data = data, .nl = nl };
	char *rbuf;
	int ret;

	nl->have_err_off = false;
	nl->err_msg[0] = 0;
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		ret = -errno;
		fprintf(stderr, "Error: cannot send to the kernel: %s\n",
			strerror(errno));
		return ret;
	}
	rbuf = malloc(CFW_NL_RECV);
	if (!rbuf)
		return -ENOMEM;
	do {
		ssize_t n = mnl_socket_recvfrom(nl->sock, rbuf, CFW_NL_RECV);
		const struct nlmsghdr *h;
		int left;

		if (n < 0) {
			ret = -errno;
			fprintf(stderr, "Error: %s\n", strerror(errno));
			break;
		}
		/* mnl_cb_run2 hides NLM_F_DUMP_INTR; look for it first. */
		for (h = (void *)rbuf, left = n; mnl_nlmsg_ok(h, left);
		     h = mnl_nlmsg_next(h, &left))
			if (h->nlmsg_flags & NLM_F_DUMP_INTR)
				t.intr = 1;
		if (t.intr) {
			/*
			 * mnl_cb_run2 fails with EINTR at the flag. The caller
			 * starts over: read to the dump's end, parsing nothing.
			 */
			ret = MNL_CB_OK;
			for (h = (void *)rbuf, left = n; mnl_nlmsg_ok(h, left);
			     h = mnl_nlmsg_next(h, &left))
				if (h->nlmsg_type == NLMSG_DONE ||
				    h->nlmsg_type == NLMSG_ERROR)
					ret = MNL_CB_STOP;
			continue;
		}
		ret = mnl_cb_run2(rbuf, n, req->nlmsg_seq, nl->portid,
				  reply_cb, &t, ctl, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR && t.err)
			ret = t.err;
		else if (ret == MNL_CB_ERROR)
			ret = -errno ? -errno : -EIO;
	} while (ret > MNL_CB_STOP);
	free(rbuf);
	if (intr)
		*intr = t.intr;
	return ret < 0 ? ret : 0;
}

/* Replies to the family lookup carry no per-command handling. */
int cfw_nl_open(struct cfw_nl *nl)
{
	struct family_info fi = { 0 };
	struct nlmsghdr *nlh;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	if (cfw_nl_reserve(nl, MNL_SOCKET_BUFFER_SIZE))
		return CFW_EXIT_SYSTEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		fprintf(stderr, "Error: cannot open a netlink socket: %s\n",
			strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);

	nlh = put_request(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, CANFW_FAMILY_NAME);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0) {
		fprintf(stderr, "Error: %s\n", strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	for (;;) {
		char rbuf[MNL_SOCKET_BUFFER_SIZE];
		ssize_t n = mnl_socket_recvfrom(nl->sock, rbuf, sizeof(rbuf));

		if (n < 0)
			break;
		err = mnl_cb_run(rbuf, n, nlh->nlmsg_seq, nl->portid,
				 family_cb, &fi);
		if (err <= MNL_CB_STOP)
			break;
	}
	if (!fi.id) {
		if (errno == ENOENT)
			fprintf(stderr, "Error: the canfw kernel module is not loaded (load it with: modprobe canfw)\n");
		else
			fprintf(stderr, "Error: cannot find the canfw netlink family: %s\n",
				strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	/* Each side would misread the other's messages. */
	if (fi.version != CANFW_FAMILY_VERSION) {
		fprintf(stderr, "Error: the canfw module speaks netlink version %u, this canfwctl version %u: install a canfwctl and module of one release\n",
			fi.version, CANFW_FAMILY_VERSION);
		return CFW_EXIT_SYSTEM;
	}
	nl->family = fi.id;
	nl->events_group = fi.events;
	return CFW_EXIT_OK;
}

void cfw_nl_close(struct cfw_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}
