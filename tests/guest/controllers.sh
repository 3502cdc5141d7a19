#!/usr/bin/env bash
# Runs inside a guest with two emulated SJA1000 controllers (kvaser_pci)
# on one emulated CAN bus, driven by the kernel's own kvaser_pci and
# sja1000 drivers: canfw on a real controller's transmit path, its
# IFF_ECHO echo and the wire form of what it sends. One "ok NAME" /
# "not ok NAME" line per test goes to OUTDIR/controllers.tap.
#
# QEMU's CAN bus completes every transmission (it models no ACK,
# arbitration or bus errors), so controller-raised error frames and
# bus-off cannot be produced here.
#
# usage: controllers.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/controllers.tap
work=$(mktemp -d)
: >"$tap"

# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw can_dev
controllers_up() {
	local c
	for c in can0 can1; do
		ip link set "$c" type can bitrate 500000 || return 1
		ip link set "$c" up || return 1
	done
}

# fail_closed: controllers that appear after canfw are hooked as their
# driver registers them, and pass nothing until a policy names them.
insmod "$ko" fail_closed=1 || { notok insmod_fail_closed "cannot load $ko"; exit 1; }
modprobe kvaser_pci
check controllers_registered test -d /sys/class/net/can0 -a -d /sys/class/net/can1
check controllers_up controllers_up
got=$(seen - can1 sh -c "cansend can0 123#11 2>'$work/fc'")
check fail_closed_new_controller_silent [ -z "$got" ]
check fail_closed_sender_error grep -q 'No buffer space available' "$work/fc"
check fail_closed_counted [ "$(ctl -j info | python3 -c 'import json,sys; print(json.load(sys.stdin)["unmatched_dropped"])')" -ge 1 ]
rmmod canfw
insmod "$ko" || { notok insmod "cannot load $ko"; exit 1; }

p=$(policy ctrl <<'POL'
interface can0 {
	tx default accept
	rx default accept
	tx drop id 0x7DF
	rx drop id 0x321
}
POL
)
ctl load "$p" >/dev/null

# TX on the real transmit path: what can1 receives is the wire.
got=$(seen - can1 sh -c "cansend can0 7DF#020100 2>'$work/tx1';
	cansend can0 200007DF#020100 2>>'$work/tx1'; cansend can0 7E0#01")
check tx_drop_never_on_wire [ "$got" = "7E0#01" ]
check tx_drop_errflag_never_on_wire [ "$(grep -c 'No buffer space' "$work/tx1")" = 2 ]
check tx_counted [ "$(stat can0 tx dropped_rule)/$(stat can0 tx accepted)" = 2/1 ]

# The driver's echo (can_put_echo_skb) reaches can0's own sockets once,
# and is neither judged nor counted as received.
got=$(seen - can0 cansend can0 7E1#02)
check echo_seen_once [ "$got" = "7E1#02" ]
check echo_not_judged_as_rx [ "$(stat can0 rx accepted)/$(stat can0 tx accepted)" = 0/2 ]

# RX from the other controller.
got=$(seen - can0 sh -c 'cansend can1 321#01; cansend can1 322#02')
check rx_drop [ "$got" = "322#02" ]
check rx_counted [ "$(stat can0 rx dropped_rule)/$(stat can0 rx accepted)" = 1/1 ]

# Monitor mode on the controller: counted, not dropped.
p=$(policy ctrlmon <<'POL'
interface can0 {
	mode monitor
	tx drop id 0x7DF
}
POL
)
ctl load "$p" >/dev/null
got=$(seen - can1 cansend can0 7DF#0201)
check monitor_passes [ "$got" = "7DF#0201" ]
check monitor_counts [ "$(stat can0 tx would_drop)" = 1 ]

ctl flush >/dev/null
rmmod canfw
check controllers_rmmod [ ! -d /sys/module/canfw ]
rm -rf "$work"
