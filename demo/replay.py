#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Replay a candump -L log onto a CAN interface, paced by its timestamps.

  replay.py LOG IFACE RESULT_JSON

Unlike canplayer, this one does not catch up after a stall: a QEMU guest
under TCG on a busy machine can stop for half a second, and canplayer
then sends everything overdue at once, a burst no ECU would send, which
rate limits rightly refuse. Here a lag of more than LAG seconds shifts
the rest of the log instead. A frame the firewall refuses (ENOBUFS) is
counted and the replay goes on, where canplayer would stop.
"""
import errno
import json
import re
import socket
import struct
import sys
import time

LAG = 0.020
CAN_EFF_FLAG, CAN_RTR_FLAG = 0x80000000, 0x40000000
FRAME_RE = re.compile(r"^\((\d+\.\d+)\)\s+\S+\s+([0-9A-Fa-f]+)#(R\d?|[0-9A-Fa-f]*)")


def frames(path):
    with open(path) as f:
        for line in f:
            m = FRAME_RE.match(line)
            if not m:
                continue
            t, hid, body = m.groups()
            can_id = int(hid, 16) | (CAN_EFF_FLAG if len(hid) > 3 else 0)
            if body.startswith("R"):
                dlc = int(body[1:] or 0)
                data = b""
                can_id |= CAN_RTR_FLAG
            else:
                data = bytes.fromhex(body)
                dlc = len(data)
            yield float(t), struct.pack("=IB3x8s", can_id, dlc, data), hid + "#" + body


def main(log, iface, result):
    s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)
    s.bind((iface,))
    sent = refused = shifted = 0
    refusals = []
    start = time.monotonic()
    offset = None          # monotonic time of the log's time 0
    for t, raw, text in frames(log):
        now = time.monotonic()
        if offset is None:
            offset = now - t
        due = offset + t
        if due > now + 0.001:     # a millisecond early is on time
            time.sleep(due - now)
        elif now - due > LAG:
            offset += now - due - LAG
            shifted += 1
        try:
            s.send(raw)
            sent += 1
        except OSError as e:
            if e.errno != errno.ENOBUFS:
                raise
            refused += 1
            if len(refusals) < 10:
                refusals.append("%.6f %s" % (t, text))
    with open(result, "w") as f:
        json.dump({"sent": sent, "refused": refused, "refusals": refusals,
                   "stalls": shifted, "seconds": time.monotonic() - start}, f)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
