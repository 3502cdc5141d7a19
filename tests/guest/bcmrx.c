// SPDX-License-Identifier: GPL-2.0
/*
 * bcmrx: count the frames of one CAN ID that a CAN_BCM socket receives
 * within a time, to show that frames canfw drops never reach BCM.
 *
 * usage: bcmrx IFACE CAN_ID MILLISECONDS     (prints the count)
 */
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/can.h>
#include <linux/can/bcm.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	struct {
		struct bcm_msg_head head;
		struct can_frame frame[1];
	} msg;
	struct sockaddr_can addr = { .can_family = AF_CAN };
	long long end;
	int s, count = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bcmrx IFACE CAN_ID MILLISECONDS\n");
		return 2;
	}
	s = socket(PF_CAN, SOCK_DGRAM, CAN_BCM);
	addr.can_ifindex = if_nametoindex(argv[1]);
	if (s < 0 || !addr.can_ifindex ||
	    connect(s, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("bcmrx");
		return 2;
	}
	memset(&msg, 0, sizeof(msg));
	msg.head.opcode = RX_SETUP;
	msg.head.can_id = strtoul(argv[2], NULL, 0);
	/* Every frame of the ID, changed or not, is reported. */
	msg.head.flags = RX_FILTER_ID;
	if (write(s, &msg, sizeof(msg.head)) < 0) {
		perror("bcmrx: RX_SETUP");
		return 2;
	}
	end = now_ms() + atoi(argv[3]);
	for (;;) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		long long left = end - now_ms();

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		if (read(s, &msg, sizeof(msg)) > 0 && msg.head.opcode == RX_CHANGED)
			count++;
	}
	printf("%d\n", count);
	return 0;
}
