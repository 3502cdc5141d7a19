#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""How long other users of the kernel's global locks wait while canfw
loads: the longest time a generic netlink family lookup (the nlctrl
family, which takes genl_mutex) and an RTNL operation (a link up/down
through rtnetlink) take, sampled back to back for SECONDS.

  locks.py genl SECONDS         prints "max_ms N samples N"
  locks.py rtnl IFACE SECONDS
"""
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
RTM_NEWLINK = 16
IFF_UP = 1


def attr(kind, payload):
    n = 4 + len(payload)
    return struct.pack("HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def talk(s, msg):
    s.send(msg)
    while True:
        data = s.recv(65536)
        _, kind, _, _, _ = struct.unpack("IHHII", data[:16])
        if kind in (2, 3):	# NLMSG_ERROR (the ack), NLMSG_DONE
            return


def genl_lookup(s, seq):
    body = struct.pack("BBH", CTRL_CMD_GETFAMILY, 1, 0) + \
        attr(CTRL_ATTR_FAMILY_NAME, b"nlctrl\0")
    return struct.pack("IHHII", 16 + len(body), GENL_ID_CTRL,
                       NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body


def link_updown(ifindex, up, seq):
    body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, ifindex,
                       IFF_UP if up else 0, IFF_UP)
    return struct.pack("IHHII", 16 + len(body), RTM_NEWLINK,
                       NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body


def main():
    what = sys.argv[1]
    if what == "genl":
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        seconds = float(sys.argv[2])
        make = lambda seq: genl_lookup(s, seq)
    else:
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                          socket.NETLINK_ROUTE)
        ifindex = socket.if_nametoindex(sys.argv[2])
        seconds = float(sys.argv[3])
        make = lambda seq: link_updown(ifindex, seq % 2 == 0, seq)
    end = time.monotonic() + seconds
    worst, n = 0.0, 0
    while time.monotonic() < end:
        t0 = time.monotonic()
        talk(s, make(n + 1))
        worst = max(worst, time.monotonic() - t0)
        n += 1
    print("max_ms %.1f samples %d" % (worst * 1000, n))


main()
