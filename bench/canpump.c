// SPDX-License-Identifier: GPL-2.0
/*
 * canpump: the frame source and sink of the rate and flood measurements.
 *
 *   canpump send IFACE ID SECONDS [HZ]
 *	Sends 8-byte data frames with ID (hex; above 0x7FF or with 0x80000000
 *	an extended ID) for SECONDS, as fast as possible or HZ frames per
 *	second. A full queue (ENOBUFS) is waited out and counted. Prints
 *	"sent=N enobufs=N ns=N fps=N": fps is the median rate over 100 ms
 *	windows, which leaves out the windows in which the host preempted an
 *	emulated guest.
 *   canpump recv [--idle] IFACE SECONDS ID...
 *	Counts the frames of each ID received for SECONDS (the socket's
 *	filter passes only those IDs, as an application's would). Prints
 *	"ID=N" for each ID, then "other=N overflow=N span_ns=N" (frames of
 *	other IDs, frames the socket queue dropped, time from the first to
 *	the last frame). --idle runs the reader as SCHED_IDLE: on a single CPU
 *	it then never preempts the sender, whose rate is being measured, and
 *	frames it has no time to read count as overflow.
 */
#define _GNU_SOURCE	/* SCHED_IDLE */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/sock_diag.h>

#define MAX_IDS 8
#define WINDOW_NS 100000000ULL
#define MAX_WINDOWS 4096

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint32_t parse_id(const char *s)
{
	uint32_t id = strtoul(s, NULL, 16);

	if (id > CAN_SFF_MASK)
		id |= CAN_EFF_FLAG;
	return id;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int open_can(const char *ifname)
{
	struct sockaddr_can addr = { .can_family = AF_CAN };
	int s = socket(PF_CAN, SOCK_RAW, CAN_RAW);

	if (s < 0) {
		perror("socket");
		exit(2);
	}
	addr.can_ifindex = if_nametoindex(ifname);
	if (!addr.can_ifindex) {
		fprintf(stderr, "canpump: no interface %s\n", ifname);
		exit(2);
	}
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("bind");
		exit(2);
	}
	return s;
}

static int do_send(int argc, char **argv)
{
	struct can_frame cf = { .len = 8 };
	uint64_t sent = 0, nobufs = 0, start, end, period = 0, next, t;
	static uint64_t win[MAX_WINDOWS];
	uint64_t win_end, win_sent = 0, fps = 0;
	int loopback = 0, s, nwin = 0;
	struct timespec ts;

	if (argc < 5)
		return 2;
	s = open_can(argv[2]);
	/* A sender receives nothing and echoes nothing to local sockets. */
	setsockopt(s, SOL_CAN_RAW, CAN_RAW_FILTER, NULL, 0);
	setsockopt(s, SOL_CAN_RAW, CAN_RAW_LOOPBACK, &loopback,
		   sizeof(loopback));
	cf.can_id = parse_id(argv[3]);
	if (argc > 5 && atoi(argv[5]) > 0)
		period = 1000000000ULL / atoi(argv[5]);
	start = now_ns();
	end = start + (uint64_t)(atof(argv[4]) * 1e9);
	next = start;
	win_end = start + WINDOW_NS;
	for (;;) {
		if (period) {
			next += period;
			ts.tv_sec = next / 1000000000ULL;
			ts.tv_nsec = next % 1000000000ULL;
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
					NULL);
		}
		if (period || !(sent & 7)) {
			t = now_ns();
			if (t >= win_end) {
				if (nwin < MAX_WINDOWS)
					win[nwin++] = sent - win_sent;
				win_sent = sent;
				win_end = t + WINDOW_NS;
			}
			if (t >= end)
				break;
		}
		cf.data[0] = sent;
		if (write(s, &cf, sizeof(cf)) == sizeof(cf)) {
			sent++;
		} else if (errno == ENOBUFS) {
			struct pollfd p = { .fd = s, .events = POLLOUT };

			nobufs++;
			poll(&p, 1, 1);
		} else {
			perror("write");
			return 2;
		}
	}
	if (nwin) {
		qsort(win, nwin, sizeof(*win), cmp_u64);
		fps = win[nwin / 2] * 1000000000ULL / WINDOW_NS;
	}
	printf("sent=%llu enobufs=%llu ns=%llu fps=%llu\n",
	       (unsigned long long)sent, (unsigned long long)nobufs,
	       (unsigned long long)(now_ns() - start),
	       (unsigned long long)fps);
	return 0;
}

static int do_recv(int argc, char **argv)
{
	uint64_t count[MAX_IDS] = { 0 }, other = 0, first = 0, last = 0, end;
	uint32_t ids[MAX_IDS], ovfl = 0;
	struct can_filter filter[MAX_IDS];
	int n = argc - 4, s, i, one = 1, rcvbuf = 8 << 20;
	char cbuf[CMSG_SPACE(sizeof(uint32_t))];
	uint32_t meminfo[SK_MEMINFO_VARS];
	socklen_t len = sizeof(meminfo);

	if (argc > 2 && !strcmp(argv[2], "--idle")) {
		struct sched_param sp = { 0 };

		if (sched_setscheduler(0, SCHED_IDLE, &sp))
			perror("sched_setscheduler");
		argc--;
		argv++;
		n--;
	}
	if (n < 1 || n > MAX_IDS)
		return 2;
	for (i = 0; i < n; i++)
		ids[i] = parse_id(argv[4 + i]);
	s = open_can(argv[2]);
	for (i = 0; i < n; i++) {
		filter[i].can_id = ids[i];
		filter[i].can_mask = CAN_EFF_FLAG | CAN_RTR_FLAG |
				     (ids[i] & CAN_EFF_FLAG ? CAN_EFF_MASK :
							      CAN_SFF_MASK);
	}
	setsockopt(s, SOL_CAN_RAW, CAN_RAW_FILTER, filter, n * sizeof(*filter));
	setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	setsockopt(s, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof(one));
	end = now_ns() + (uint64_t)(atof(argv[3]) * 1e9);
	for (;;) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		struct can_frame cf;
		struct iovec iov = { .iov_base = &cf, .iov_len = sizeof(cf) };
		struct msghdr msg = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		};
		struct cmsghdr *c;
		uint64_t t = now_ns();
		int64_t left = (int64_t)(end - t) / 1000000;

		/* After the deadline, read what is queued, then stop. */
		if (t < end && poll(&p, 1, left > 0 ? left : 1) <= 0)
			continue;
		if (recvmsg(s, &msg, MSG_DONTWAIT) != sizeof(cf)) {
			if (t >= end)
				break;
			continue;
		}
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
			if (c->cmsg_level == SOL_SOCKET &&
			    c->cmsg_type == SO_RXQ_OVFL)
				memcpy(&ovfl, CMSG_DATA(c), sizeof(ovfl));
		last = now_ns();
		if (!first)
			first = last;
		for (i = 0; i < n; i++)
			if (cf.can_id == ids[i])
				break;
		if (i < n)
			count[i]++;
		else
			other++;
	}
	/* Drops after the last frame read are only in the socket's meminfo. */
	if (!getsockopt(s, SOL_SOCKET, SO_MEMINFO, meminfo, &len) &&
	    meminfo[SK_MEMINFO_DROPS] > ovfl)
		ovfl = meminfo[SK_MEMINFO_DROPS];
	for (i = 0; i < n; i++)
		printf("%s=%llu ", argv[4 + i], (unsigned long long)count[i]);
	printf("other=%llu overflow=%u span_ns=%llu\n",
	       (unsigned long long)other, ovfl,
	       (unsigned long long)(last - first));
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;

	if (argc > 1 && !strcmp(argv[1], "send"))
		rc = do_send(argc, argv);
	else if (argc > 1 && !strcmp(argv[1], "recv"))
		rc = do_recv(argc, argv);
	if (rc == 2 && argc < 5)
		fprintf(stderr, "usage: canpump send IFACE ID SECONDS [HZ]\n"
			"       canpump recv [--idle] IFACE SECONDS ID...\n");
	return rc;
}
