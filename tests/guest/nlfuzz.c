// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: send malformed requests to the canfw family and check that each
 * one is refused with an extack message and changes nothing.
 *
 * Every request starts from a valid policy and gets at least one defect
 * that the kernel must catch: unknown or misplaced attributes, wrong
 * lengths, values out of range, semantic errors the engine rejects, random
 * bytes. The generation number must be the same at the end as at the start.
 *
 * usage: nlfuzz COUNT SEED     (prints "ok"/"not ok" lines, exit 1 on failure)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include "include/uapi/linux/canfw.h"

static struct mnl_socket *sock;
static unsigned int portid, seq;
static uint16_t family;
static uint64_t rng;
static char msg[512];

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static int ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			family = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static int gen_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CANFW_A_GENERATION)
			*(uint32_t *)data = mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

/* Returns the error (0 on success) and copies the extack message. */
static int talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[16384];
	int ret;

	msg[0] = 0;
	if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		ssize_t n = mnl_socket_recvfrom(sock, buf, sizeof(buf));
		const struct nlmsghdr *h = (void *)buf;

		if (n < 0)
			return -errno;
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(h);
			const struct nlattr *a;
			unsigned int off = sizeof(*e);

			if (!(h->nlmsg_flags & NLM_F_CAPPED))
				off += mnl_nlmsg_get_payload_len(&e->msg);
			if (h->nlmsg_flags & NLM_F_ACK_TLVS)
				mnl_attr_for_each(a, h, off)
					if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG)
						snprintf(msg, sizeof(msg), "%s",
							 mnl_attr_get_str(a));
			return e->error;
		}
		ret = mnl_cb_run(buf, n, nlh->nlmsg_seq, portid, cb, data);
	} while (ret > 0);
	return ret < 0 ? -errno : 0;
}

static struct nlmsghdr *request(char *buf, uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = CANFW_FAMILY_VERSION;
	return nlh;
}

static uint32_t generation(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	uint32_t gen = ~0U;

	talk(request(buf, family, CANFW_CMD_GET_INFO), gen_cb, &gen);
	return gen;
}

/* Defects, each one enough to make a request invalid. */
enum {
	D_TOP_UNKNOWN, D_TOP_WRONG, D_IFACE_UNKNOWN, D_DIR_UNKNOWN,
	D_RULE_UNKNOWN, D_BAD_LEN, D_ACTION, D_MODE, D_SPACE, D_KINDS,
	D_LEN_HI, D_RATE, D_BURST, D_FLAGS, D_EMPTY_RANGE, D_SFF_BIG,
	D_MASK_BITS, D_ERR_ID, D_RATE_DROP, D_DUP_IFACE, D_NO_NAME,
	D_LONG_NAME, D_NOT_RULE, D_NO_ACTION, D_RULE_START, D_NRULES,
	D_RULE_TOP, D_COUNTERS, D_GARBAGE, D_COUNT
};

static void put_rule(struct nlmsghdr *nlh, int d)
{
	struct nlattr *r = mnl_attr_nest_start(nlh, d == D_NOT_RULE ?
					       CANFW_DIR_A_DEFAULT :
					       CANFW_DIR_A_RULE);
	uint32_t lo = 0x100, hi = 0x1FF;

	if (d != D_NO_ACTION)
		mnl_attr_put_u8(nlh, CANFW_RULE_A_ACTION,
				d == D_ACTION ? 2 + rnd(254) :
				d == D_RATE_DROP ? CANFW_ACTION_DROP : CANFW_ACTION_ACCEPT);
	if (d == D_EMPTY_RANGE)
		lo = 0x200 + rnd(0x5FF);
	if (d == D_SFF_BIG)
		hi = 0x800 + rnd(0x1000);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_ID_MATCH,
			d == D_MASK_BITS ? CANFW_ID_MATCH_MASK : CANFW_ID_MATCH_RANGE);
	mnl_attr_put_u8(nlh, CANFW_RULE_A_ID_SPACE,
			d == D_SPACE ? (rnd(2) ? 0 : 4 + rnd(250)) :
			CANFW_SPACE_SFF);
	mnl_attr_put_u32(nlh, CANFW_RULE_A_ID_LO, d == D_MASK_BITS ? 0x1FF : lo);
	mnl_attr_put_u32(nlh, CANFW_RULE_A_ID_HI, d == D_MASK_BITS ? 0x700 : hi);
	if (d == D_KINDS)
		mnl_attr_put_u8(nlh, CANFW_RULE_A_KINDS, 0x20 << rnd(3));
	if (d == D_ERR_ID)
		mnl_attr_put_u8(nlh, CANFW_RULE_A_KINDS, CANFW_KIND_ERR);
	if (d == D_LEN_HI)
		mnl_attr_put_u16(nlh, CANFW_RULE_A_LEN_HI, 2049 + rnd(60000));
	if (d == D_RATE || d == D_RATE_DROP)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_RATE,
				 d == D_RATE_DROP ? 10 :
				 rnd(2) ? 0 : 1000001 + rnd(1000000));
	if (d == D_BURST) {
		mnl_attr_put_u32(nlh, CANFW_RULE_A_RATE, 10);
		mnl_attr_put_u32(nlh, CANFW_RULE_A_BURST,
				 rnd(2) ? 0 : 1000001 + rnd(1000));
	}
	if (d == D_FLAGS)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_FLAGS, 2U << rnd(31));
	if (d == D_RULE_UNKNOWN)
		mnl_attr_put_u32(nlh, rnd(2) ? CANFW_RULE_A_INDEX :
				 CANFW_RULE_A_MAX + 1 + rnd(100), 1);
	if (d == D_BAD_LEN)
		mnl_attr_put_u32(nlh, CANFW_RULE_A_LEN_LO, 0);
	mnl_attr_nest_end(nlh, r);
}

/* An interface entry with its rules, the last one with defect d. */
static void put_iface(struct nlmsghdr *nlh, const char *name, int d)
{
	struct nlattr *i, *dir;

	if (d == D_RULE_TOP)
		put_rule(nlh, -1);
	i = mnl_attr_nest_start(nlh, CANFW_A_IFACE);
	if (d == D_LONG_NAME)
		mnl_attr_put_strz(nlh, CANFW_IFACE_A_NAME, "sixteen_chars_xx");
	else if (d != D_NO_NAME)
		mnl_attr_put_strz(nlh, CANFW_IFACE_A_NAME, name);
	mnl_attr_put_u8(nlh, CANFW_IFACE_A_MODE, d == D_MODE ? 2 + rnd(254) : 0);
	if (d == D_IFACE_UNKNOWN)
		mnl_attr_put_u8(nlh, CANFW_IFACE_A_MAX + 1 + rnd(200), 0);
	dir = mnl_attr_nest_start(nlh, CANFW_IFACE_A_RX);
	mnl_attr_put_u8(nlh, CANFW_DIR_A_DEFAULT, CANFW_ACTION_DROP);
	if (d == D_DIR_UNKNOWN)
		mnl_attr_put_u32(nlh, CANFW_DIR_A_MAX + 1 + rnd(50), 0);
	/* Counters come in dumps, never in a load. */
	if (d == D_COUNTERS)
		mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh,
							   CANFW_DIR_A_COUNTERS));
	/* Outside a transaction, rules start at 0 and nrules must hold. */
	if (d == D_RULE_START)
		mnl_attr_put_u32(nlh, CANFW_DIR_A_RULE_START, 1 + rnd(1000));
	if (d == D_NRULES)
		mnl_attr_put_u32(nlh, CANFW_DIR_A_NRULES, rnd(2) ? 3 + rnd(99) :
				 65537 + rnd(1000));
	put_rule(nlh, -1);
	put_rule(nlh, d);
	mnl_attr_nest_end(nlh, dir);
	mnl_attr_nest_end(nlh, i);
}

static struct nlmsghdr *bad_request(char *buf, int d)
{
	struct nlmsghdr *nlh;
	unsigned int i, n;

	if (d == D_GARBAGE) {
		/* Random bytes, then an attribute no command accepts. */
		nlh = request(buf, family, 1 + rnd(CANFW_CMD_FLUSH));
		n = rnd(256);
		for (i = 0; i < n; i++)
			((char *)mnl_nlmsg_get_payload_tail(nlh))[i] = rnd(256);
		nlh->nlmsg_len += MNL_ALIGN(n);
		mnl_attr_put_u32(nlh, CANFW_A_MAX + 1 + rnd(1000), 0);
		return nlh;
	}
	nlh = request(buf, family, CANFW_CMD_LOAD);
	if (d == D_TOP_WRONG) {
		/* Attributes valid elsewhere but not in a load, or to flush. */
		if (rnd(2))
			nlh = request(buf, family, CANFW_CMD_FLUSH);
		mnl_attr_put_u32(nlh, CANFW_A_GENERATION, 1);
	}
	if (d == D_TOP_UNKNOWN)
		mnl_attr_put_u32(nlh, CANFW_A_MAX + 1 + rnd(1000), 0);
	put_iface(nlh, "fz0", d);
	if (d == D_DUP_IFACE)
		put_iface(nlh, "fz0", -1);
	return nlh;
}

int main(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int count, i, bad = 0, nomsg = 0;
	uint32_t gen0, gen1;
	struct nlmsghdr *nlh;

	if (argc != 3) {
		fprintf(stderr, "usage: nlfuzz COUNT SEED\n");
		return 2;
	}
	count = strtoul(argv[1], NULL, 0);
	rng = strtoull(argv[2], NULL, 0) | 1;
	sock = mnl_socket_open(NETLINK_GENERIC);
	if (!sock || mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0)
		return 2;
	i = 1;
	mnl_socket_setsockopt(sock, NETLINK_EXT_ACK, &i, sizeof(i));
	mnl_socket_setsockopt(sock, NETLINK_CAP_ACK, &i, sizeof(i));
	portid = mnl_socket_get_portid(sock);
	nlh = request(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, CANFW_FAMILY_NAME);
	if (talk(nlh, ctrl_cb, NULL) || !family) {
		printf("not ok nlfuzz: family canfw not found\n");
		return 1;
	}

	printf("# nlfuzz: %u requests, seed %s\n", count, argv[2]);
	gen0 = generation();
	for (i = 0; i < count; i++) {
		int d = rnd(D_COUNT), err;

		err = talk(bad_request(buf, d), NULL, NULL);
		if (err >= 0) {
			if (bad++ < 5)
				printf("# request %u (defect %d) accepted\n", i, d);
		} else if (!msg[0] && d != D_GARBAGE) {
			if (nomsg++ < 5)
				printf("# request %u (defect %d): error %d without a message\n",
				       i, d, err);
		}
	}
	gen1 = generation();
	printf("%s nlfuzz_all_refused\n", bad ? "not ok" : "ok");
	printf("%s nlfuzz_all_explained\n", nomsg ? "not ok" : "ok");
	printf("%s nlfuzz_generation_unchanged\n", gen0 == gen1 ? "ok" : "not ok");
	return bad || nomsg || gen0 != gen1;
}
