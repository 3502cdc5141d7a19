#!/usr/bin/env bash
# Runs inside a guest: rules on who sent a frame. The same ID is allowed
# from one cgroup and refused from another, refused from one uid or gid
# and allowed from root, whatever socket the process uses (raw, BCM and
# its timer, ISO-TP); can-gw's frames have no socket and match only a
# "socket none" rule. Events name the process, its uid and cgroup.
# Appends to OUTDIR/firewall.tap.
#
# usage: sender.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
chmod 755 "$work"
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw can_bcm can_gw can_isotp vcan vxcan
insmod "$ko" || { notok sender_insmod "cannot load $ko"; exit 1; }

root=/sys/fs/cgroup
grep -q "^cgroup2 $root " /proc/mounts || mount -t cgroup2 cgroup2 "$root"
mkdir -p "$root/canfw-test/engine.service/worker" "$root/canfw-test/media.service"
inside() {	# inside CGROUP COMMAND...: run it in that cgroup
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$root/$1" "${@:2}"
}
as() {	# as UID:GID COMMAND...: run it as that user and group
	setpriv --reuid "${1%:*}" --regid "${1#*:}" --clear-groups "${@:2}"
}

vxcan_pair vxcan0 vxcan1 ecu
ip link add gwsrc0 type vcan
ip link set gwsrc0 up

p=$(policy sender <<'EOF'
interface vxcan0 {
	tx default accept
	tx accept id 0x0C0 cgroup canfw-test/engine.service
	tx drop id 0x0C0 log
	tx drop id 0x0C1 uid 1000-1999 log
	tx drop id 0x0C3 gid 2000 log
	tx accept id 0x0C2 socket none
	tx drop id 0x0C2
}
EOF
)
# Kernels whose sockets keep no cgroup (no CONFIG_SOCK_CGROUP_DATA, as the
# debug kernel) refuse cgroup rules, changing nothing; the rest runs there
# with the cgroup rule replaced by one that matches no sender here.
cgroups=1
if ! ctl load "$p" 2>"$work/load.err"; then
	cgroups=0
	check sender_cgroup_refused grep -q 'keeps no cgroup for sockets' "$work/load.err"
	check sender_cgroup_refusal_changes_nothing [ -z "$(ctl show)" ]
	sed -i 's|cgroup canfw-test/engine.service|uid 4000000000|' "$p"
fi
check sender_load ctl load "$p"
ctl show >"$work/show"
[ $cgroups = 0 ] ||
	check sender_show_cgroup grep -qF "tx accept id 0x0C0 cgroup canfw-test/engine.service" "$work/show"
check sender_show_uid grep -qF "tx drop id 0x0C1 uid 1000-1999 log" "$work/show"
check sender_show_no_socket grep -qF "tx accept id 0x0C2 socket none" "$work/show"

monitor_bg "$work/events" -j monitor || notok sender_monitor "$(cat "$work/events.err")"

# The engine's service (and a cgroup below it) may send 0x0C0; the media
# player may not, and its sender sees the drop.
got=$(seen ecu vxcan1 bash -c "
	$(declare -f inside); root=$root
	inside canfw-test/engine.service cansend vxcan0 0C0#01
	inside canfw-test/engine.service/worker cansend vxcan0 0C0#02
	inside canfw-test/media.service cansend vxcan0 0C0#03 2>'$work/media.err'
	cansend vxcan0 0C0#04 2>/dev/null")
if [ $cgroups = 1 ]; then
	check sender_cgroup_split [ "$(echo "$got" | paste -sd " ")" = "0C0#01 0C0#02" ]
	check sender_cgroup_sender_error grep -q 'No buffer space available' "$work/media.err"
else
	check sender_nocgroup_all_dropped [ -z "$got" ]
fi

# uid 1001 cannot send 0x0C1 from any socket; root can.
cat >"$work/bcm.py" <<'EOF'
import socket, struct, sys, time
# TX_SETUP with SETTIMER|STARTTIMER: 3 frames 20 ms apart, from a timer
s = socket.socket(socket.AF_CAN, socket.SOCK_DGRAM, socket.CAN_BCM)
s.connect((sys.argv[1],))
head = struct.pack("@3I4l2I0q", 1, 0x3, 3, 0, 20000, 0, 0, 0x0C1, 1)
s.send(head + struct.pack("=IB3x8s", 0x0C1, 1, b"\xb0"))
time.sleep(1)
EOF
got=$(seen ecu vxcan1 bash -c "
	$(declare -f as)
	as 1001:1001 cansend vxcan0 0C1#11 2>/dev/null
	as 1001:1001 python3 '$work/bcm.py' vxcan0
	echo 12 | as 1001:1001 isotpsend -s 0C1 -d 0C9 vxcan0 2>/dev/null
	as 3000:3000 cansend vxcan0 0C1#13 2>/dev/null
	cansend vxcan0 0C1#14")
check sender_uid_every_socket [ "$(echo "$got" | paste -sd " ")" = "0C1#13 0C1#14" ]
check sender_uid_counted [ "$(rule_stat vxcan0 tx 2 frames)" = 5 ]

got=$(seen ecu vxcan1 bash -c "
	$(declare -f as)
	as 1001:2000 cansend vxcan0 0C3#21 2>/dev/null
	as 1001:1001 cansend vxcan0 0C3#22")
check sender_gid [ "$got" = "0C3#22" ]

# can-gw forwards without a socket: only the "socket none" rule takes it.
cangw -A -s gwsrc0 -d vxcan0 -f 0C2:7FF
got=$(seen ecu vxcan1 sh -c "cansend gwsrc0 0C2#31; cansend vxcan0 0C2#32 2>/dev/null")
check sender_cangw_no_socket [ "$got" = "0C2#31" ]
check sender_socket_counted [ "$(rule_stat vxcan0 tx 4 frames)/$(rule_stat vxcan0 tx 5 frames)" = 1/1 ]
cangw -F

# Events: the media player's drop names its process, uid and cgroup. Of
# the BCM job's frames, the first is sent by the process as it sets the
# job up, the others by the kernel's timer: those name the uid only.
sleep 1
kill "$monitor_pid"
wait "$monitor_pid" 2>/dev/null
media=$(command stat -c %i "$root/canfw-test/media.service")
[ $cgroups = 1 ] || media=null
check sender_event_process [ "$(jq -r 'select(.id == "0x0C0" and .data == "03") |
	"\(.comm) \(.uid) \(.cgroup) \(.pid > 1)"' "$work/events")" = "cansend 0 $media true" ]
check sender_event_uid [ "$(jq -r 'select(.id == "0x0C1" and .data == "11") |
	"\(.comm) \(.uid)"' "$work/events")" = "cansend 1001" ]
check sender_event_timer_no_process [ "$(jq -r 'select(.id == "0x0C1" and .data == "B0") |
	"\(.comm) \(.uid)"' "$work/events" | sort | uniq -c | awk '{ print $1, $2, $3 }' |
	paste -sd " ")" = "2 null 1001 1 python3 1001" ]

# Replay has no sockets: a logged frame is one without.
printf '(0.000001) vxcan0 0C2#41\n(0.000002) vxcan0 0C0#42\n' >"$work/tx.log"
ctl -j replay --tx "$p" "$work/tx.log" >"$work/replay.json"
replayed() {	# replayed INDEX: frames of tx rule INDEX in the replay
	jq -r --argjson i "$1" '[.interfaces[0].rules[] |
		select(.dir == "tx" and .index == $i)][0].frames' "$work/replay.json"
}
check sender_replay_no_socket [ "$(replayed 4)/$(replayed 1)/$(replayed 0)" = 1/1/0 ]

ctl flush >/dev/null
rmmod canfw
check sender_unload [ ! -d /sys/module/canfw ]
ip link del gwsrc0
ip netns del ecu
rmdir "$root/canfw-test/engine.service/worker" "$root/canfw-test/engine.service" \
	"$root/canfw-test/media.service" "$root/canfw-test"
rm -rf "$work"
