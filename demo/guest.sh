#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the demo's throw-away guest (see demo/run.sh): builds the
# bus, loads the policy, plays normal traffic and the attacks one after
# the other, and records what happened in OUTDIR/guest for demo.py to
# judge. Exit status 0 if every step ran, whatever canfw decided.
#
# usage: guest.sh OUTDIR CANFW_KO CANFWCTL POLICY
#
#   netns "attacker"                    this computer (root namespace)
#   cangen, cansend                     ECUs' software (replay.py)
#        |                                    |
#      vxcan1 ====== vxcan0 -- can-gw ---> [canfw: vcan0 tx] --> vcan0 "bus"
#                                                                   |
#                                                     receiver (candump)
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=$1 ko=$2 ctl=$3 policy=$4
out=$dir/guest
mkdir -p "$out"
rm -f "$out"/*
# shellcheck source=/dev/null # written by demo.py
. "$dir/plan.sh"

say() { echo "demo: $*"; }
die() { say "$*"; exit 1; }

# The guest kernel cannot load modules by itself (its modprobe helper runs
# in the initramfs); load what the bus needs.
for m in can can_raw can_gw vcan vxcan; do
	modprobe "$m" || die "cannot load $m"
done
insmod "$ko" || die "cannot load $ko"

ip netns add attacker
ip link add vcan0 type vcan
ip link add vxcan0 type vxcan peer name vxcan1 netns attacker
ip link set vcan0 up
ip link set vxcan0 up
ip -n attacker link set vxcan1 up
# shellcheck disable=SC2317 # called through phase()
att() { ip netns exec attacker "$@"; }

"$ctl" load "$policy" >"$out/load.txt" 2>&1 || die "load: $(cat "$out/load.txt")"

# The gateway: the infotainment side's frames go onto the bus. -e echoes
# them to the bus's local listeners, as a real bus would. -i: vxcan keeps
# the sender's ifindex from the other namespace, which can equal vcan0's;
# can-gw would take the frame for one routed back where it came from.
cangw -A -s vxcan0 -d vcan0 -e -i || die "cangw failed"

# The receiver: every frame that reaches the bus, with a large socket
# buffer so that a burst is not lost, reporting any loss (-d).
candump -L -d -r 8388608 vcan0 >"$out/receiver.log" 2>&1 &
rcv=$!
"$ctl" -v monitor >"$out/events.txt" 2>"$out/monitor.err" &
mon=$!
for _ in $(seq 50); do
	grep -q '^monitoring events' "$out/monitor.err" && break
	sleep 0.1
done
sleep 0.3

# phase NAME CMD...: run one step, note when it ran and how it ended, and
# keep the counters after it.
"$ctl" -j stats vcan0 >"$out/stats-start.json"
phase() {
	local name=$1 start end rc
	shift
	start=$(date +%s.%N)
	"$@" 2>"$out/$name.err"
	rc=$?
	end=$(date +%s.%N)
	sleep 0.3 # frames in flight reach the receiver
	echo "$name $start $end $rc" >>"$out/phases"
	"$ctl" -j stats vcan0 >"$out/stats-$name.json"
}

eff() { [ ${#1} = 8 ] && printf "%s\n" -e; }

say "normal traffic"
phase normal python3 "$here/replay.py" "$dir/traffic.log" vcan0 "$out/replay.json"
say "DoS flood of ID $FLOOD_ID"
# shellcheck disable=SC2046 # eff prints one option or nothing
phase flood att cangen vxcan1 $(eff "$FLOOD_ID") -I "$FLOOD_ID" -L 8 \
	-D 0000000000000000 -g 0 -p 10 -n "$FLOOD_COUNT"
say "spoofing ID $SPOOF_ID"
# shellcheck disable=SC2046
phase spoof att cangen vxcan1 $(eff "$SPOOF_ID") -I "$SPOOF_ID" \
	-L $((${#SPOOF_DATA} / 2)) -D "$SPOOF_DATA" -g "$SPOOF_GAP" -p 10 \
	-n "$SPOOF_COUNT"
say "diagnostic requests"
phase diag att sh -c 'cansend vxcan1 7DF#02010C0000000000 &&
	cansend vxcan1 7E0#0210030000000000'
phase local cansend vcan0 7DF#02010C0000000000

sleep 0.5 # the last events
kill "$rcv" "$mon"
wait "$rcv" "$mon" 2>/dev/null
"$ctl" stats vcan0 >"$out/stats.txt"
"$ctl" show >"$out/shown.canfw"
cangw -L >"$out/cangw.txt"
ip -s link show vxcan0 >"$out/vxcan0.txt"
say "done"
exit 0
