#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Frames can-utils cannot send: CAN XL through CAN_RAW_XL_FRAMES sockets,
and malformed frames through AF_PACKET.

  canframes.py xlsend IFACE PRIO LEN [SDT AF]   one CAN XL frame
  canframes.py xlrecv IFACE SECONDS             print XL frames seen, one
                                                PRIO###FFSSAAAAAAAA(LEN) each
  canframes.py xlrecv-until IFACE PRIO          the same until a frame with
                                                priority PRIO (a sentinel)
  canframes.py raw IFACE PROTO SIZE ID LEN [bypass]
                                                SIZE bytes with protocol
                                                PROTO through AF_PACKET
  canframes.py flood IFACE ID COUNT             COUNT classical frames
                                                through AF_PACKET with
                                                PACKET_QDISC_BYPASS (process
                                                context, bottom halves on);
                                                prints how many were sent
  canframes.py bcm IFACE ID COUNT USEC          a BCM TX_SETUP job: COUNT
                                                frames USEC apart, sent
                                                from the BCM timer; returns
                                                when all were sent
  canframes.py inject IFACE ID COUNT MS PERIOD  up to COUNT frames of ID,
                                                each MS after a frame of ID
                                                that another sender on
                                                IFACE sent no more than
                                                15 ms later than PERIOD ms
                                                after its previous one;
                                                stops when the sender is
                                                silent for 2 s and prints
                                                how many it sent
  canframes.py batch                            the commands on stdin, one
                                                a line; a refused send is
                                                reported and the next runs

Exit status: 0 sent, 1 the kernel refused the send (its error on stderr),
77 this kernel has no CAN XL sockets.
"""
import select
import socket
import struct
import sys
import time

SOL_CAN_RAW = 101
CAN_RAW_XL_FRAMES = 7
CANXL_XLF = 0x80
SOL_PACKET = 263
PACKET_QDISC_BYPASS = 20


def xl_socket(ifname):
    s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)
    try:
        s.setsockopt(SOL_CAN_RAW, CAN_RAW_XL_FRAMES, 1)
    except OSError as e:
        print("no CAN XL sockets: %s" % e.strerror, file=sys.stderr)
        sys.exit(77)
    s.bind((ifname,))
    return s


def send(s, data):
    try:
        s.send(data)
    except OSError as e:
        print(e.strerror, file=sys.stderr)
        sys.exit(1)


def xlsend(ifname, prio, length, sdt="0", af="0"):
    n = int(length)
    frame = struct.pack("<IBBHI", int(prio, 16), CANXL_XLF, int(sdt, 16), n,
                        int(af, 16)) + bytes(i & 0xFF for i in range(n))
    send(xl_socket(ifname), frame)


def xlrecv(ifname, seconds):
    s = xl_socket(ifname)
    end = time.monotonic() + float(seconds)
    while True:
        left = end - time.monotonic()
        if left <= 0 or not select.select([s], [], [], left)[0]:
            break
        data = s.recv(2060)
        if len(data) < 12:
            continue
        prio, flags, sdt, n, af = struct.unpack("<IBBHI", data[:12])
        if flags & CANXL_XLF:
            print("%03X###%02X%02X%08X(%d)" % (prio, flags, sdt, af, n),
                  flush=True)


def raw(ifname, proto, size, can_id, length, bypass=None):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(int(proto, 16)))
    if bypass == "bypass":
        s.setsockopt(SOL_PACKET, PACKET_QDISC_BYPASS, 1)
    s.bind((ifname, 0))
    frame = struct.pack("<IB", int(can_id, 16), int(length)).ljust(
        int(size), b"\x5a")
    send(s, frame[:int(size)])


def flood(ifname, can_id, count):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x000C))
    s.setsockopt(SOL_PACKET, PACKET_QDISC_BYPASS, 1)
    s.bind((ifname, 0))
    frame = struct.pack("<IB3x8s", int(can_id, 16), 1, b"\x01")
    sent = 0
    for _ in range(int(count)):
        try:
            s.send(frame)
            sent += 1
        except OSError:
            pass
    print(sent)


def bcm(ifname, can_id, count, usec):
    tx_setup, tx_expired = 1, 9
    settimer, starttimer, tx_countevt = 0x1, 0x2, 0x4
    s = socket.socket(socket.AF_CAN, socket.SOCK_DGRAM, socket.CAN_BCM)
    s.connect((ifname,))
    # struct bcm_msg_head (count frames at ival1, then stop), one can_frame
    head = struct.pack("@3I4l2I0q", tx_setup,
                       settimer | starttimer | tx_countevt,
                       int(count), 0, int(usec), 0, 0, int(can_id, 16), 1)
    s.send(head + struct.pack("=IB3x8s", int(can_id, 16), 1, b"\x02"))
    # Closing the socket deletes the job: wait until the kernel says it
    # has sent all of them (TX_EXPIRED), however slow the guest.
    s.settimeout(600)
    while struct.unpack("@I", s.recv(4096)[:4])[0] != tx_expired:
        pass


def xlrecv_until(ifname, sentinel):
    """XL frames seen, until one with priority SENTINEL (not printed)."""
    s = xl_socket(ifname)
    s.settimeout(600)
    print("ready", file=sys.stderr, flush=True)
    while True:
        data = s.recv(2060)
        if len(data) < 12:
            continue
        prio, flags, sdt, n, af = struct.unpack("<IBBHI", data[:12])
        if prio == int(sentinel, 16):
            return
        if flags & CANXL_XLF:
            print("%03X###%02X%02X%08X(%d)" % (prio, flags, sdt, af, n),
                  flush=True)


def inject(ifname, can_id, count, ms, period):
    """An injector that follows a periodic sender: never near its due time.

    A frame the sender was held back by is followed by its catch-up, which
    may come early: an injected frame right after it would pass for that.
    """
    s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)
    cid = int(can_id, 16)
    s.setsockopt(SOL_CAN_RAW, 1, struct.pack("=II", cid, 0x7FF))  # CAN_RAW_FILTER
    s.bind((ifname,))
    s.settimeout(2)
    frame = struct.pack("<IB3x8s", cid, 4, b"\xde\xad\xbe\xef")
    sent = 0
    last = None
    while sent < int(count):
        try:
            s.recv(16)
        except socket.timeout:
            break
        now = time.monotonic()
        on_time = last is not None and now - last <= (float(period) + 15) / 1000
        last = now
        if not on_time:
            continue
        time.sleep(float(ms) / 1000)
        send(s, frame)
        sent += 1
    print(sent)


def batch():
    """Commands from stdin, one a line, in one process: python's start-up
    costs seconds under the debug kernel. A refused send is reported as
    alone and the next command runs."""
    st = 0
    for line in sys.stdin:
        args = line.split()
        if not args:
            continue
        try:
            CMDS[args[0]](*args[1:])
        except SystemExit as e:
            st = st or e.code
    sys.exit(st)


CMDS = {"xlsend": xlsend, "xlrecv": xlrecv, "xlrecv-until": xlrecv_until,
        "raw": raw, "flood": flood, "bcm": bcm, "inject": inject,
        "batch": batch}

if __name__ == "__main__":
    cmds = CMDS
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmds[sys.argv[1]](*sys.argv[2:])
