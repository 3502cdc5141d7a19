#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Writes one benchmark configuration: the same allow-list of N exact CAN IDs
(default drop) for each peer, on the receive and transmit side of its device.

usage: gen.py DIR SPACE N

SPACE is std or ext, optionally with "+rate": every rule then also carries
a rate limit far above what the guest can send (1,000,000 frames/s, burst
1,000,000), so frames are accepted after the rate check: tc `police
pkts_rate`, nftables `limit rate`, canfw `rate`.

DIR/fw.canfw   canfw policy for vf0
DIR/tc.batch   `tc -batch` input for vt0 (one basic/canid filter per rule
               with action ok, evaluated in rule order, then a catch-all
               drop filter; the guest adds the clsact qdisc)
DIR/nft.nft    `nft -f` input for vn0 (ingress and egress chains, one
               `@nh,0,32 ... counter accept` rule per rule, then `counter drop`)
DIR/probes     "HIT MISS": can_id (with CAN_EFF_FLAG for extended IDs) of a
               frame the last rule accepts and of one no rule matches

Rule i gets ID (i * 0x9E3779B1) & mask: an odd multiplier is a bijection on
the ID space, so IDs are distinct and spread out, and the index mask (all
ones) gives a miss. bench/engine_bench.c uses the same IDs.
"""
import os
import sys

SFF_MASK, EFF_MASK, EFF_FLAG = 0x7FF, 0x1FFFFFFF, 0x80000000


def rule_id(i, mask):
    return (i * 0x9E3779B1) & mask


def main():
    out, space, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ext = space.startswith("ext")
    rate = space.endswith("+rate")
    mask = EFF_MASK if ext else SFF_MASK
    if n < 1 or n > (100000 if ext else 2000):
        sys.exit("gen.py: N out of range (standard IDs: at most 2000)")
    ids = [rule_id(i, mask) for i in range(n)]
    flag = EFF_FLAG if ext else 0
    hit, miss = ids[-1] | flag, rule_id(mask, mask) | flag
    os.makedirs(out, exist_ok=True)

    with open(os.path.join(out, "probes"), "w") as f:
        f.write("%08x %08x\n" % (hit, miss))

    word = "eff " if ext else ""
    fmt = "0x%08X" if ext else "0x%03X"
    fw_rate = " rate 1000000/s burst 1000000" if rate else ""
    with open(os.path.join(out, "fw.canfw"), "w") as f:
        f.write("interface vf0 {\n\trx default drop\n\ttx default drop\n")
        for d in ("rx", "tx"):
            for i in ids:
                f.write("\t%s accept %sid %s%s\n" % (d, word, fmt % i, fw_rate))
        f.write("}\n")

    kind = "eff" if ext else "sff"
    tc_act = ("police pkts_rate 1000000 pkts_burst 1000000 "
              "conform-exceed drop/ok" if rate else "ok")
    with open(os.path.join(out, "tc.batch"), "w") as f:
        for d in ("ingress", "egress"):
            # cls_basic puts a new filter first: add them last to first.
            for h, i in reversed(list(enumerate(ids, 1))):
                f.write('filter add dev vt0 %s prio 1 handle %d basic '
                        'match "canid(%s 0x%x)" action %s\n' % (d, h, kind, i, tc_act))
            f.write("filter add dev vt0 %s prio 2 handle 1 basic action drop\n"
                    % d)

    # nftables reads can_id as stored: host (little-endian) byte order.
    def nh(can_id):
        return int.from_bytes(can_id.to_bytes(4, "little"), "big")

    nft_rate = "limit rate 1000000/second burst 1000000 packets " if rate else ""
    with open(os.path.join(out, "nft.nft"), "w") as f:
        f.write("table netdev bench\ndelete table netdev bench\n"
                "table netdev bench {\n")
        for chain, hook in (("rx", "ingress"), ("tx", "egress")):
            f.write('\tchain %s {\n\t\ttype filter hook %s device "vn0" '
                    'priority 0; policy drop;\n' % (chain, hook))
            for i in ids:
                f.write("\t\t@nh,0,32 0x%08x %scounter accept\n" % (nh(i | flag), nft_rate))
            f.write("\t\tcounter drop\n\t}\n")
        f.write("}\n")


main()
