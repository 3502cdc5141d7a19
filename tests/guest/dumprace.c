// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim that makes a netlink dump race a command at a known point,
 * which a loop of loads beside a loop of dumps hits only by luck.
 *
 * Once the first part of the Nth dump request (CANFW_RACE_AT, default 1)
 * has been received, it runs CANFW_RACE_CMD with system(), before the
 * program can ask for the next part. At exit it writes to CANFW_RACE_LOG
 * "dumps D interrupted I": the dump requests sent and the received messages
 * flagged NLM_F_DUMP_INTR.
 *
 * libmnl sends with sendto() and receives with recvmsg(); those two are
 * wrapped.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <linux/netlink.h>

static int dumps, interrupted, fired;

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	static ssize_t (*real)(int, const void *, size_t, int,
			       const struct sockaddr *, socklen_t);
	const struct nlmsghdr *h = buf;

	if (!real)
		real = dlsym(RTLD_NEXT, "sendto");
	if (to && to->sa_family == AF_NETLINK && len >= sizeof(*h) &&
	    (h->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		dumps++;
	return real(fd, buf, len, flags, to, tolen);
}

static void race(void)
{
	const char *cmd = getenv("CANFW_RACE_CMD");
	const char *at = getenv("CANFW_RACE_AT");

	if (fired || !cmd || dumps != (at ? atoi(at) : 1))
		return;
	fired = 1;
	/* The command must not race anything itself. */
	unsetenv("LD_PRELOAD");
	if (system(cmd))
		fprintf(stderr, "dumprace: '%s' failed\n", cmd);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	const struct sockaddr *from = msg->msg_name;
	const struct nlmsghdr *h;
	ssize_t n;
	int left, part = 0;

	if (!real)
		real = dlsym(RTLD_NEXT, "recvmsg");
	n = real(fd, msg, flags);
	if (n <= 0 || !from || from->sa_family != AF_NETLINK ||
	    msg->msg_iovlen < 1)
		return n;
	h = msg->msg_iov[0].iov_base;
	for (left = n; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
		if (h->nlmsg_flags & NLM_F_DUMP_INTR)
			interrupted++;
		if (h->nlmsg_type >= NLMSG_MIN_TYPE &&
		    (h->nlmsg_flags & NLM_F_MULTI))
			part = 1;
	}
	if (part)
		race();
	return n;
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("CANFW_RACE_LOG");
	FILE *f = path ? fopen(path, "w") : NULL;

	if (!f)
		return;
	fprintf(f, "dumps %d interrupted %d\n", dumps, interrupted);
	fclose(f);
}
