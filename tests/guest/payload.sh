#!/usr/bin/env bash
# Runs inside a guest: rules that look into the payload, with the kernel's
# own ISO-TP stack on both sides. A tester in netns "tester" sends UDS
# requests to an ECU here, whose interface lets reads through and refuses
# security access and writes on the same ID; the multi-frame transfer of
# an allowed service completes, that of a refused one never starts. Byte
# matches on RX and TX, with classical and CAN FD frames. Appends to
# OUTDIR/firewall.tap.
#
# usage: payload.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw can_isotp vxcan
insmod "$ko" || { notok payload_insmod "cannot load $ko"; exit 1; }

vxcan_pair vxcan0 vxcan1 tester
att() { ip netns exec tester "$@"; }
ip link set vxcan0 down
ip link set vxcan0 mtu 72 up
att ip link set vxcan1 down
att ip link set vxcan1 mtu 72 up

p=$(policy gateway <<'EOF'
interface vxcan0 {
	rx default accept
	tx default accept
	# diagnostic session control, reads, tester present: allowed
	rx accept id 0x7E0 uds 0x10,0x22,0x3E
	# the rest of a transfer an allowed request began
	rx accept id 0x7E0 isotp cf,fc
	rx drop id 0x7E0
	rx drop id 0x100 data[1] 0x27
	tx drop id 0x101 data[0:2] 0xDEAD
}
EOF
)
check payload_load ctl load "$p"
ctl show >"$work/show"
check payload_show_uds grep -qF "rx accept id 0x7E0 uds 0x10,0x22,0x3E" "$work/show"
check payload_show_isotp grep -qF "rx accept id 0x7E0 isotp cf,fc" "$work/show"
check payload_show_bytes grep -qF "tx drop id 0x101 data[0:2] 0xDEAD" "$work/show"

# The ECU's ISO-TP socket: one PDU to OUTFILE, flow control on 0x7E8.
# Builtins only in these loops (see nap in lib.sh).
sff_receivers() {	# lines of rcvlist_sff naming vxcan0 (grep -c)
	local l n=0
	while read -r l; do
		[[ $l == *vxcan0* ]] && n=$((n + 1))
	done 2>/dev/null </proc/net/can/rcvlist_sff
	echo $n
}
ecu() {	# ecu OUTFILE [ISOTPRECV OPTIONS...]: in the background, sets ecu_pid
	local f=$1 base n _
	shift
	base=$(sff_receivers)
	isotprecv -s 7E8 -d 7E0 "$@" vxcan0 >"$f" 2>&1 &
	ecu_pid=$!
	for _ in {1..400}; do
		n=$(sff_receivers)
		[ "$n" -gt "$base" ] && return
		nap 0.05
	done
}
ecu_done() {	# ecu_done SECONDS: wait for the ECU's PDU, then stop it
	local _
	for ((_ = 0; _ < $1 * 10; _++)); do
		kill -0 "$ecu_pid" 2>/dev/null || break
		nap 0.1
	done
	kill "$ecu_pid" 2>/dev/null
	wait "$ecu_pid" 2>/dev/null
}
frames_of() { rule_stat vxcan0 rx "$1" frames; }

# A read of five identifiers: 11 bytes, a first and a consecutive frame.
read_req="22 F1 90 F1 91 F1 92 F1 93 F1 94"
ecu "$work/read"
echo "$read_req" | att timeout 20 isotpsend -s 7E0 -d 7E8 vxcan1
ecu_done 20
check uds_read_multiframe_delivered [ "$(tr -s ' ' <"$work/read" | sed 's/ $//')" = "$read_req" ]
check uds_read_first_frame_by_service [ "$(frames_of 0)" = 1 ]
check uds_read_consecutive_by_isotp [ "$(frames_of 1)" = 1 ]

# A write: its first frame is dropped, so no flow control ever comes and
# the consecutive frames are never sent; the ECU gets nothing.
ecu "$work/write"
echo "2E F1 90 01 02 03 04 05 06 07 08" |
	att timeout 20 isotpsend -b -s 7E0 -d 7E8 vxcan1 2>"$work/write.err"
echo "rc=$?" >>"$work/write.err"
ecu_done 3
check uds_write_not_delivered [ ! -s "$work/write" ]
check uds_write_sender_fails grep -qx 'rc=[1-9][0-9]*' "$work/write.err"
check uds_write_first_frame_dropped [ "$(frames_of 2)/$(frames_of 1)" = 1/1 ]

# Single frames from a raw socket: security access, a routine and a bad PCI
# are dropped; a lone consecutive frame passes, harmless without its
# first frame (an ISO-TP receiver discards it).
got=$(seen - vxcan0 att sh -c 'cansend vxcan1 7E0#0227010000000000;
	cansend vxcan1 7E0#5022F19000000000; cansend vxcan1 7E0#0231010203;
	cansend vxcan1 7E0#0322F19000000000; cansend vxcan1 7E0#2101020304050607')
check uds_single_frames [ "$(echo "$got" | paste -sd " ")" = "7E0#0322F19000000000 7E0#2101020304050607" ]
check uds_single_frames_counted [ "$(frames_of 2)/$(frames_of 1)" = 4/2 ]

# CAN FD: an escaped single frame from ISO-TP with 64-byte frames, and a
# write in the same form from a raw socket.
ecu "$work/fdread" -L 72:64:0
echo "$read_req" | att timeout 20 isotpsend -s 7E0 -d 7E8 -L 72:64:0 vxcan1
ecu_done 20
check uds_fd_escape_read_delivered [ "$(tr -s ' ' <"$work/fdread" | sed 's/ $//')" = "$read_req" ]
check uds_fd_read_by_service [ "$(frames_of 0)" = 3 ]
got=$(seen - vxcan0 att cansend vxcan1 7E0##0000A2EF19001020304050607)
check uds_fd_escape_write_dropped [ -z "$got" ]
check uds_fd_write_counted [ "$(frames_of 2)" = 5 ]

# Byte matches: RX on byte 1, TX on two bytes; a frame too short passes.
got=$(seen - vxcan0 att sh -c 'cansend vxcan1 100#0127; cansend vxcan1 100#0128;
	cansend vxcan1 100#01')
check bytes_rx_match [ "$(echo "$got" | paste -sd " ")" = "100#0128 100#01" ]
got=$(seen tester vxcan1 sh -c "cansend vxcan0 101#DEAD00 2>'$work/tx.err';
	cansend vxcan0 101#BEEF; cansend vxcan0 101##0DEAD 2>/dev/null")
check bytes_tx_match [ "$(echo "$got" | paste -sd " ")" = "101#BEEF" ]
check bytes_tx_sender_error grep -q 'No buffer space available' "$work/tx.err"
check bytes_tx_counted [ "$(rule_stat vxcan0 tx 0 frames)" = 2 ]

ctl flush >/dev/null
rmmod canfw
check payload_unload [ ! -d /sys/module/canfw ]
ip netns del tester
rm -rf "$work"
