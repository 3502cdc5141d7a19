// SPDX-License-Identifier: GPL-2.0
/*
 * canfwctl monitor: print security events as the kernel multicasts them,
 * one line each, flushed at once so that pipes and files see every event
 * as it happens.
 */
/* ppoll() */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include "nl.h"
#include "nl_events.h"

/* Large enough for bursts while we are descheduled; the kernel caps it. */
#define CFW_MONITOR_RCVBUF	(4 * 1024 * 1024)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct monitor {
	struct cfw_opts *o;
	unsigned long count;	/* 0: no limit */
	unsigned long seen;
	int write_err;
};

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct monitor *m = data;
	struct cfw_event ev;
	int ret;

	ret = cfw_event_parse(nlh, &ev);
	if (ret < 0) {
		fprintf(stderr, "Warning: malformed event from the kernel\n");
		return MNL_CB_OK;
	}
	if (!ret)
		return MNL_CB_OK;
	/* Handles only when asked for (-a), as nft shows them. */
	if (!m->o->handles)
		ev.handle = 0;
	if (m->o->json)
		cfw_event_print_json(stdout, &ev);
	else
		cfw_event_print_text(stdout, &ev);
	if (fflush(stdout) || ferror(stdout)) {
		m->write_err = errno;
		return MNL_CB_ERROR;
	}
	if (m->count && ++m->seen >= m->count)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

static int parse_count(const char *s, unsigned long *count)
{
	char *end;

	errno = 0;
	*count = strtoul(s, &end, 10);
	if (errno || end == s || *end || *count == 0 || s[0] == '-')
		return cfw_usage_error("monitor",
				       "COUNT must be a positive number, not '%s'",
				       s);
	return 0;
}

/*
 * Joining needs CAP_NET_ADMIN: the group is GENL_UNS_ADMIN_PERM, so the
 * kernel refuses the membership itself, not later deliveries.
 */
static int join_events(struct cfw_nl *nl)
{
	unsigned int group = nl->events_group;
	int sz = CFW_MONITOR_RCVBUF, fd = mnl_socket_get_fd(nl->sock);

	if (!group) {
		fprintf(stderr, "Error: the canfw module offers no \"%s\" group\n",
			CANFW_MCGRP_EVENTS);
		return CFW_EXIT_SYSTEM;
	}
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0) {
		if (errno == EPERM)
			fprintf(stderr, "Error: cannot join the canfw events group: %s (needs CAP_NET_ADMIN)\n",
				strerror(errno));
		else
			fprintf(stderr, "Error: cannot join the canfw events group: %s\n",
				strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	/* FORCE ignores rmem_max but needs CAP_NET_ADMIN; fall back. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	return CFW_EXIT_OK;
}

/*
 * SIGINT and SIGTERM stay blocked except inside ppoll(), which unblocks
 * them atomically: a signal that lands between the check of `stop` and
 * the wait still ends the wait. The handler has no SA_RESTART, so the wait
 * returns EINTR.
 */
static int setup_signals(sigset_t *waitmask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &block, waitmask) ||
	    sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL)) {
		fprintf(stderr, "Error: cannot set up signals: %s\n",
			strerror(errno));
		return CFW_EXIT_SYSTEM;
	}
	sigdelset(waitmask, SIGINT);
	sigdelset(waitmask, SIGTERM);
	return CFW_EXIT_OK;
}

static int monitor_loop(struct cfw_nl *nl, struct monitor *m,
			const sigset_t *waitmask)
{
	struct pollfd pfd = { .fd = mnl_socket_get_fd(nl->sock),
			      .events = POLLIN };
	char buf[MNL_SOCKET_BUFFER_SIZE];

	while (!stop) {
		ssize_t n;
		int ret;

		if (ppoll(&pfd, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "Error: %s\n", strerror(errno));
			return CFW_EXIT_SYSTEM;
		}
		n = recv(pfd.fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* The queue overflowed; the socket goes on. */
			if (errno == ENOBUFS) {
				fprintf(stderr, "Warning: events were lost: the socket's receive buffer overran\n");
				continue;
			}
			fprintf(stderr, "Error: %s\n", strerror(errno));
			return CFW_EXIT_SYSTEM;
		}
		/* Multicasts carry seq 0 and come from the kernel (port 0). */
		ret = mnl_cb_run(buf, n, 0, 0, event_cb, m);
		if (ret == MNL_CB_STOP)
			return CFW_EXIT_OK;
		if (ret == MNL_CB_ERROR && m->write_err) {
			fprintf(stderr, "Error: cannot write: %s\n",
				strerror(m->write_err));
			return CFW_EXIT_SYSTEM;
		}
		/* Anything else (a stray control message) is no reason to stop. */
	}
	return CFW_EXIT_OK;
}

int cmd_monitor(int argc, char **argv, struct cfw_opts *o)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct monitor m = { .o = o };
	sigset_t waitmask;
	struct cfw_nl nl;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+:c:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			ret = parse_count(optarg, &m.count);
			if (ret)
				return ret;
			break;
		default:
			return cfw_bad_option("monitor", c, argv);
		}
	}
	if (optind != argc)
		return cfw_usage_error("monitor", "takes no arguments but -c");
	ret = setup_signals(&waitmask);
	if (ret)
		return ret;
	ret = cfw_nl_open(&nl);
	if (ret)
		return ret;
	ret = join_events(&nl);
	if (ret)
		goto out;
	/* Scripts wait for this to know no event will be missed from now. */
	if (o->verbose)
		fprintf(stderr, "monitoring events\n");
	ret = monitor_loop(&nl, &m, &waitmask);
out:
	cfw_nl_close(&nl);
	return ret;
}
