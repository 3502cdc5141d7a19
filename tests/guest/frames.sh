#!/usr/bin/env bash
# Runs inside a guest: every frame shape is judged, whatever bits it sets.
# Error flags on TX are judged by the frame they put on the wire, CAN XL
# frames by their priority, and frames that are no valid CAN, CAN FD or
# CAN XL frame are counted as malformed and dropped. Appends to
# OUTDIR/firewall.tap.
#
# usage: frames.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
frames=$here/canframes.py

# shellcheck source=tests/guest/lib.sh
. "$here/lib.sh"

modules can can_raw vcan vxcan
insmod "$ko" || { notok frames_insmod "cannot load $ko"; exit 1; }
vxcan_pair frx0 frx1 frpeer
peer() { ip netns exec frpeer "$@"; }

ready() {	# ready FILE: wait until a receiver has said so in FILE
	local i
	for i in {1..300}; do
		said "$1" ready && return 0
		nap 0.2
	done
	return 1
}

# 1. An error flag does not hide a forbidden ID: vxcan forwards the frame
# as an error frame, a controller would send 0x7DF as a data frame.
p=$(policy allow <<'POL'
interface frx0 {
	tx default drop
	tx accept id 0x123
}
POL
)
ctl load "$p" >/dev/null
got=$(seen_err frpeer frx1 sh -c "cansend frx0 200007DF#020100 2>'$work/err1';
	cansend frx0 20000123#01")
check tx_errflag_forbidden_never_sent [ "$got" = "20000123#01" ]
check tx_errflag_sender_error grep -q 'No buffer space available' "$work/err1"
check tx_errflag_judged [ "$(stat frx0 tx dropped_default)/$(stat frx0 tx accepted)" = 1/1 ]
p=$(policy deny <<'POL'
interface frx0 {
	tx drop id 0x7DF
	tx drop eff id 0x18DA00F1/0x1FFF00FF
}
POL
)
ctl load "$p" >/dev/null
got=$(seen_err frpeer frx1 sh -c 'cansend frx0 200007DF#020100; cansend frx0 B8DA10F1#0210;
	cansend frx0 600007DF#R; cansend frx0 200007E0#01')
check tx_errflag_deny_rule [ "$got" = "200007E0#01" ]
check tx_errflag_deny_counted [ "$(stat frx0 tx dropped_rule)/$(stat frx0 tx accepted)" = 3/1 ]
# A policy with error-frame rules on TX is refused: they could not apply.
p=$(policy txerr <<'POL'
interface frx0 {
	tx accept err
}
POL
)
ctl load "$p" >/dev/null 2>"$work/txerr"
check tx_err_rule_refused grep -q 'error-frame rules apply to rx only' "$work/txerr"
# RX error frames keep their own rules and default.
p=$(policy rxerr <<'POL'
interface frx0 {
	rx drop id 0x7DF
	rx err-default drop
	rx accept err len 8
}
POL
)
ctl load "$p" >/dev/null
got=$(seen_err - frx0 sh -c 'ip netns exec frpeer cansend frx1 20000004#0000000000000000;
	ip netns exec frpeer cansend frx1 200007DF#0201')
check rx_error_frames_by_err_rules [ "$got" = "20000004#0000000000000000" ]
check rx_error_frames_counted [ "$(stat frx0 rx accepted)/$(stat frx0 rx dropped_default)/$(stat frx0 rx dropped_rule)" = 1/1/0 ]

# 2. CAN XL, where this kernel has it (6.1 from Debian and 6.2 on).
ip link add vcanx type vcan
ip link set vcanx mtu 2060
ip link set vcanx up
python3 "$frames" xlsend vcanx 123 1 2>"$work/xl0"
xl=$?
if [ $xl = 77 ]; then
	echo "# frames: $(cat "$work/xl0"); CAN XL tests skipped"
else
	p=$(policy xl <<'POL'
interface vcanx {
	tx drop id 0x7DF
	tx accept id 0x100 xl len 1-64 log
	tx accept id 0x7FF xl
	tx drop xl
}
POL
)
	ctl load "$p" >/dev/null
	# The receiver stops at a last frame of priority 0x7FF, however slow
	# the guest.
	python3 "$frames" xlrecv-until vcanx 7FF >"$work/xlseen" 2>"$work/xlready" &
	rcv=$!
	ready "$work/xlready"
	# Lengths that make a classical, an FD and a true XL size; a VCID
	# (0xAA); the receiver's last frame.
	python3 "$frames" batch 2>"$work/xlerr" <<'SEND'
xlsend vcanx 7DF 4
xlsend vcanx 7DF 60
xlsend vcanx 7DF 100
xlsend vcanx 7DF 2048
xlsend vcanx 100 64
xlsend vcanx 100 65
xlsend vcanx AA07DF 8
xlsend vcanx 7FF 1
SEND
	wait $rcv
	check xl_priority_judged_every_size [ "$(grep -c 'No buffer space' "$work/xlerr")" = 6 ]
	check xl_only_accepted_seen [ "$(cat "$work/xlseen")" = "100###800000000000(64)" ]
	check xl_counted [ "$(stat vcanx tx dropped_rule)/$(stat vcanx tx accepted)" = 6/2 ]
	ctl -j stats vcanx >"$work/xlstats"
	check xl_rule_counters python3 - "$work/xlstats" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["interfaces"][0]["rules"]
assert [x["frames"] for x in r] == [5, 1, 1, 1], r
assert r[0]["bytes"] == 4 + 60 + 100 + 2048 + 8, r
PY
	# RX: XL through a vxcan pair with the XL MTU on both ends.
	ip link set frx0 down
	ip link set frx0 mtu 2060 up
	peer ip link set frx1 down
	peer ip link set frx1 mtu 2060 up
	p=$(policy xlrx <<'POL'
interface frx0 {
	rx drop id 0x7DF
}
POL
)
	ctl load "$p" >/dev/null
	python3 "$frames" xlrecv-until frx0 7FF >"$work/xlrx" 2>"$work/xlrxready" &
	rcv=$!
	ready "$work/xlrxready"
	peer python3 "$frames" batch <<'SEND'
xlsend frx1 7DF 4
xlsend frx1 7E0 4
xlsend frx1 7FF 1
SEND
	wait $rcv
	check xl_rx_drop [ "$(cat "$work/xlrx")" = "7E0###800000000000(4)" ]
	check xl_rx_counted [ "$(stat frx0 rx dropped_rule)/$(stat frx0 rx accepted)" = 1/2 ]
	ip link set frx0 down
	ip link set frx0 mtu 72 up
	peer ip link set frx1 down
	peer ip link set frx1 mtu 72 up
fi

# 3. Frames that are no valid frame, through AF_PACKET: counted as
# malformed and dropped, also with PACKET_QDISC_BYPASS.
p=$(policy bad <<'POL'
interface frx0 {
	tx default accept
	log-default tx
}
POL
)
ctl load "$p" >/dev/null
monitor_bg "$work/badev" -j monitor -c 1
mon=$monitor_pid
# A classical frame of the wrong size; the FD protocol with a classical
# size; 9 bytes in a classical frame; not a CAN protocol; a valid one,
# which passes.
python3 "$frames" batch 2>"$work/bad1" <<'SEND'
raw frx0 000C 17 123 1
raw frx0 000D 16 123 8
raw frx0 000C 16 123 9 bypass
raw frx0 0800 16 123 1
raw frx0 000C 16 123 1
SEND
wait $mon
check malformed_dropped [ "$(grep -c 'No buffer space' "$work/bad1")" = 4 ]
check malformed_counted [ "$(stat frx0 tx malformed)/$(stat frx0 tx accepted)" = 4/1 ]
check malformed_event grep -q '"kind": "malformed".*"reason": "malformed"' "$work/badev"
# Monitor mode counts them and lets them go (the driver drops them).
p=$(policy badmon <<'POL'
interface frx0 {
	mode monitor
}
POL
)
ctl load "$p" >/dev/null
python3 "$frames" raw frx0 000C 17 123 1 2>/dev/null
check malformed_monitor [ "$(stat frx0 tx malformed)/$(stat frx0 tx would_drop)" = 1/1 ]

ctl flush >/dev/null
ip netns del frpeer
ip link del vcanx 2>/dev/null
rmmod canfw
check frames_rmmod [ ! -d /sys/module/canfw ]
rm -rf "$work"
