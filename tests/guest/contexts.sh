#!/usr/bin/env bash
# Runs inside a guest: frames judged from every context the kernel calls
# the hooks from, at once, with exact counters. A BCM TX_SETUP job sends
# from its timer (softirq) while AF_PACKET with PACKET_QDISC_BYPASS sends
# from process context with bottom halves enabled, both through one
# rate-limited, logged rule while a monitor listens; then received frames
# hit a logged rule. A lock taken in both contexts without bottom halves
# off hangs the CPU (soft lockup) or trips lockdep on the debug kernel.
# Appends to OUTDIR/firewall.tap.
#
# usage: contexts.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
frames=$here/canframes.py

# shellcheck source=tests/guest/lib.sh
. "$here/lib.sh"

modules can can_raw can_bcm vcan vxcan
insmod "$ko" || { notok contexts_insmod "cannot load $ko"; exit 1; }
ip link add ctxv0 type vcan
ip link set ctxv0 up
vxcan_pair ctx0 ctx1 ctxpeer

p=$(policy mixed <<'POL'
interface ctxv0 {
	tx default drop
	tx accept id 0x100 rate 100000/s burst 100000 log
}
interface ctx0 {
	rx default drop
	rx accept id 0x200 log
}
POL
)
ctl load "$p" >/dev/null
monitor_bg "$work/events" monitor
mon=$monitor_pid

bcm_n=1000
python3 "$frames" bcm ctxv0 100 $bcm_n 1000 &
bcm=$!
sleep 0.2
sent=0
for _ in 1 2 3 4; do
	n=$(python3 "$frames" flood ctxv0 100 2500)
	sent=$((sent + n))
done
wait $bcm
total=$((bcm_n + sent))
rf=$(ctl -j stats ctxv0 | python3 -c '
import json, sys
i = json.load(sys.stdin)["interfaces"][0]
print(i["rules"][0]["frames"], i["tx"]["accepted"] + i["tx"]["rate_limited"],
      i["tx"]["dropped_default"])')
check contexts_af_packet_all_sent [ "$sent" = 10000 ]
check contexts_tx_rule_counts_every_frame [ "$rf" = "$total $total 0" ]

# Received frames through a logged rule, with the monitor listening.
rx0=$(cat /sys/class/net/ctx0/statistics/rx_packets)
ip netns exec ctxpeer cangen ctx1 -I 200 -L 1 -g 0 -n 2000 2>/dev/null
sleep 0.5
rx=$(($(cat /sys/class/net/ctx0/statistics/rx_packets) - rx0))
check contexts_rx_frames_arrived [ "$rx" -gt 0 ]
check contexts_rx_rule_counts_every_frame [ "$(stat ctx0 rx accepted)" = "$rx" ]
kill $mon 2>/dev/null
wait $mon 2>/dev/null
check contexts_events_seen grep -q 'ctxv0 tx 100#' "$work/events"
check contexts_rx_events_seen grep -q 'ctx0 rx 200#' "$work/events"

ctl flush >/dev/null
ip netns del ctxpeer
ip link del ctxv0
rmmod canfw
check contexts_rmmod [ ! -d /sys/module/canfw ]
rm -rf "$work"
