#!/usr/bin/env bash
# Runs inside a guest: canfw.ko in the real CAN data path, driven by
# canfwctl, observed with can-utils. One "ok NAME" / "not ok NAME" line per
# test goes to OUTDIR/firewall.tap.
#
# usage: firewall.sh OUTDIR CANFW_KO CANFWCTL NLFUZZ BCMRX [DATADIR]
set -u
out=$1 ko=$2 ctl=$3 nlfuzz=$4 bcmrx=$5 data=${6:-}
tap=$out/firewall.tap
work=$(mktemp -d)
: >"$tap"

# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

# The CAN modules are built in on the debug kernel, modules on Debian's.
modules can can_raw can_bcm can_gw can_isotp vcan vxcan nfnetlink nf_tables
leak=/sys/kernel/debug/kmemleak
if [ -w "$leak" ]; then
	# Leaks suspected before the tests are not ours. The scans that count
	# are the ones at the end (datapath.sh); the automatic ones would only
	# slow the emulated CPUs down meanwhile. With CANFW_LEAK_LATER the
	# caller forgot the boot's leaks before anything of ours ran and asks
	# kmemleak once at the end (debug.sh): a clear here would hide what
	# ran before us from that.
	echo scan=off >"$leak"
	if [ -z "${CANFW_LEAK_LATER:-}" ]; then
		echo scan >"$leak"
		echo clear >"$leak"
	fi
fi
insmod "$ko" || { notok insmod "cannot load $ko"; exit 1; }

rule_frames() { rule_stat "$1" "$2" "$3" frames; }	# rule_frames IFACE DIR INDEX

# Topology: vcan0 here; vxcan0 here <-> vxcan1 in netns "attacker".
ip netns add attacker
ip link add vcan0 type vcan
ip link add vxcan0 type vxcan peer name vxcan1 netns attacker
ip link set vcan0 up
ip link set vxcan0 up
ip -n attacker link set vxcan1 up
att() { ip netns exec attacker "$@"; }

p=$(policy base <<'EOF'
interface vxcan0 {
	rx default accept
	tx default accept
	rx drop id 0x123
	tx drop id 0x7DF log
	rx accept eff id 0x18FEF100/0x1FFFFF00 rate 1/s burst 2
	rx drop eff id any
}
interface vcan* {
	tx drop id 0x666
}
EOF
)
check load_prints_generation sh -c "'$ctl' load '$p' | grep -qx 'generation [0-9]*'"

# RX: a dropped frame is invisible to sockets on the receiving side.
got=$(seen - vxcan0 sh -c 'ip netns exec attacker cansend vxcan1 123#11;
	ip netns exec attacker cansend vxcan1 124#22')
check rx_drop_invisible [ "$got" = "124#22" ]
check rx_dropped_rule_counted [ "$(stat vxcan0 rx dropped_rule)" = 1 ]
# Counters for Prometheus, as the kernel has them.
ctl stats --prometheus vxcan0 >"$work/prom"
check stats_prometheus grep -qxF \
	"canfw_dropped_frames_total{entry=\"vxcan0\",dir=\"rx\",reason=\"rule\"} 1" \
	"$work/prom"
check stats_prometheus_rules grep -qxF \
	"canfw_rule_frames_total{entry=\"vxcan0\",dir=\"rx\",rule=\"0\",match=\"drop id 0x123\"} 1" \
	"$work/prom"
check rx_accepted_counted [ "$(stat vxcan0 rx accepted)" = 1 ]
check rx_rule_frames [ "$(rule_frames vxcan0 rx 0)" = 1 ]

# BCM sockets do not see a dropped frame either.
"$bcmrx" vxcan0 0x123 5000 >"$work/bcm123" &
b1=$!
"$bcmrx" vxcan0 0x124 5000 >"$work/bcm124" &
b2=$!
sleep 1
att cansend vxcan1 123#11
att cansend vxcan1 124#22
wait $b1 $b2
check rx_drop_invisible_to_bcm [ "$(cat "$work/bcm123")/$(cat "$work/bcm124")" = 0/1 ]

# Standard and extended IDs are separate: EFF 0x123 is not rule 0's.
got=$(seen - vxcan0 att cansend vxcan1 00000123#33)
check rx_eff_separate [ -z "$got" ]
check rx_eff_catch_all_rule [ "$(rule_frames vxcan0 rx 2)" = 1 ]

# Rate limit on a J1939 PGN mask: burst 2, then dropped as rate-limited.
got=$(seen - vxcan0 att cangen vxcan1 -e -I 18FEF142 -L 1 -g 0 -n 5 | wc -l)
check rx_rate_limit_burst [ "$got" = 2 ]
check rx_rate_limited_counted [ "$(stat vxcan0 rx rate_limited)" = 3 ]

# TX: the sender gets ENOBUFS and the peer never sees the frame.
got=$(seen attacker vxcan1 sh -c "cansend vxcan0 7DF#02010D 2>'$work/err';
	echo rc=\$? >>'$work/err'; cansend vxcan0 7E0#02010D")
check tx_drop_never_on_wire [ "$got" = "7E0#02010D" ]
check tx_drop_sender_error grep -q 'No buffer space available' "$work/err"
check tx_drop_exit_code grep -qx 'rc=1' "$work/err"
check tx_counted [ "$(stat vxcan0 tx dropped_rule)/$(stat vxcan0 tx accepted)" = 1/1 ]

# Other senders are judged the same way: ISO-TP and AF_PACKET.
got=$(seen attacker vxcan1 sh -c "echo 02 01 0D | isotpsend -s 7DF -d 7E8 vxcan0 2>/dev/null;
	echo 01 | isotpsend -s 7E1 -d 7E9 vxcan0")
check tx_isotp_filtered [ "$got" = "7E1#0101" ]
# One frame through a packet socket: afpacket.py IFACE CAN_ID
cat >"$work/afpacket.py" <<'EOF'
import socket, struct, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x000C))
s.bind((sys.argv[1], 0))
try:
    s.send(struct.pack("<IB3x8s", int(sys.argv[2], 16), 1, b"\x5a"))
except OSError as e:
    print(e.strerror, file=sys.stderr)
    sys.exit(1)
EOF
got=$(seen attacker vxcan1 sh -c "python3 '$work/afpacket.py' vxcan0 7DF 2>'$work/aferr';
	python3 '$work/afpacket.py' vxcan0 7E2")
check tx_af_packet_filtered [ "$got" = "7E2#5A" ]
check tx_af_packet_error grep -q 'No buffer space available' "$work/aferr"

# CAN FD through vxcan (FD needs the MTU raised on both ends).
ip link set vxcan0 down
ip link set vxcan0 mtu 72 up
att ip link set vxcan1 down
att ip link set vxcan1 mtu 72 up
got=$(seen - vxcan0 sh -c 'ip netns exec attacker cansend vxcan1 123##1112233445566778899AABBCC;
	ip netns exec attacker cansend vxcan1 125##1112233445566778899AABBCC')
# candump shows the FD flags nibble (BRS, and FDF on newer kernels).
fd_seen() { [[ $got == 125##[15]112233445566778899AABBCC ]]; }
check rx_fd_frames fd_seen

# vcan echoes locally; an accepted frame is judged once, as TX.
got=$(seen - vcan0 sh -c 'cansend vcan0 100#01; cansend vcan0 666#02')
check vcan_tx_drop_not_echoed [ "$got" = "100#01" ]
check vcan_echo_counted_once [ "$(stat vcan0 tx accepted)/$(stat vcan0 rx accepted)" = 1/0 ]

# A device created after the load gets the glob's policy at once.
ip link add vcan7 type vcan
ip link set vcan7 up
cansend vcan7 666#01 2>/dev/null
check late_device_glob [ $? != 0 ]
ip link set vcan7 down
ip link set vcan7 name other7
ip link set other7 up
check rename_leaves_policy cansend other7 666#01
ip link set other7 down
ip link set other7 name vcan8
ip link set vcan8 up
cansend vcan8 666#01 2>/dev/null
check rename_back_to_glob [ $? != 0 ]
ip link del vcan8
ip link add vcan8 type vcan
ip link set vcan8 up
cansend vcan8 666#01 2>/dev/null
check recreated_device_glob [ $? != 0 ]
# A device moved to another namespace follows that namespace's policy.
ip link set vcan8 netns attacker
att ip link set vcan8 up
check moved_device_other_policy att cansend vcan8 666#01
att ip link set vcan8 netns 1
ip link set vcan8 up
cansend vcan8 666#01 2>/dev/null
check moved_back_device_policy [ $? != 0 ]

# The policy as the kernel holds it reproduces itself.
ctl show >"$work/shown.canfw"
ctl load "$work/shown.canfw" >/dev/null
ctl show >"$work/shown2.canfw"
check show_load_round_trip cmp -s "$work/shown.canfw" "$work/shown2.canfw"
check show_has_rules grep -q 'drop id 0x7DF log' "$work/shown.canfw"
# (Files, not <(...): the guest's devtmpfs has no /dev/fd.)
ctl -j show >"$work/shown.json"
ctl check -p -j "$work/shown.canfw" >"$work/checked.json"
check show_json_is_check_json cmp -s "$work/shown.json" "$work/checked.json"

# A large policy goes in as a transaction of messages and comes back in many.
{
	echo "interface vcan9 {"
	for i in $(seq 0 4999); do
		printf '\trx accept eff id 0x%08X\n' $((0x10000000 + i * 7))
	done
	echo "}"
} >"$work/big.canfw"
ctl -q load "$work/big.canfw"
check big_policy_loads [ $? = 0 ]
check big_policy_shown [ "$(ctl show | grep -c 'rx accept id 0x1')" = 5000 ]
check big_policy_stats [ "$(ctl -j stats | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["interfaces"][0]["rules"]))')" = 5000 ]
ctl -q load "$work/shown.canfw"

# Global options after the command, as `ip` takes them.
ctl stats -j vxcan0 >"$work/stats-opt-after.json"
ctl -j stats vxcan0 >"$work/stats-opt-before.json"
check stats_options_after_command cmp -s "$work/stats-opt-after.json" "$work/stats-opt-before.json"
check show_netns_after_command sh -c "out=\$('$ctl' show -n attacker) && [ -z \"\$out\" ]"

# Reset zeroes counters without touching the policy.
ctl reset
check reset_zeroes [ "$(stat vxcan0 rx accepted)/$(stat vxcan0 rx dropped_rule)" = 0/0 ]

# Namespaces: the attacker's namespace has no policy and its own state.
check netns_isolated_send att cansend vxcan1 7DF#01
check netns_show_empty [ -z "$(att "$ctl" show)" ]
check netns_option_show_empty [ -z "$(ctl -n attacker show)" ]
pa=$(policy att <<'EOF'
interface vxcan1 {
	tx default drop
}
EOF
)
ctl -n attacker load "$pa" >/dev/null
att cansend vxcan1 123#01 2>/dev/null
check netns_own_policy [ $? != 0 ]
ctl show >"$work/main.canfw"
check netns_other_unchanged grep -q vxcan0 "$work/main.canfw"
att "$ctl" flush >/dev/null

# Malformed requests: each refused with a message, nothing changes.
ctl show >"$work/before.canfw"
ctl -j stats >"$work/before.json"
"$nlfuzz" 3000 "${CANFW_SEED:-20261124}" >"$work/nlfuzz.out"
grep '^#' "$work/nlfuzz.out"
grep -E '^(not )?ok ' "$work/nlfuzz.out" >>"$tap"
ctl show >"$work/after.canfw"
ctl -j stats >"$work/after.json"
check nlfuzz_policy_unchanged cmp -s "$work/before.canfw" "$work/after.canfw"
check nlfuzz_counters_unchanged cmp -s "$work/before.json" "$work/after.json"

# Every example policy loads and shows back as `check -p` prints it;
# `show` heads a policy with states with a comment naming the current one.
for f in "$(dirname "$0")"/../../policies/*.canfw; do
	name=$(basename "$f" .canfw)
	ctl -q load "$f" && ctl show >"$work/$name.shown" &&
		ctl check -p "$f" >"$work/$name.printed"
	if grep -q '^state ' "$work/$name.printed"; then
		check "example_${name}_shows_state" \
			grep -qx "# state [a-z-]* (seq [0-9]*)" "$work/$name.shown"
		sed -i '1{/^# state /d}' "$work/$name.shown"
	fi
	check "example_${name}_round_trip" cmp -s "$work/$name.shown" \
		"$work/$name.printed"
done
ctl -q load "$work/shown.canfw"

# Unprivileged callers are refused.
setpriv --reuid=65534 --regid=65534 --clear-groups "$ctl" show \
	>/dev/null 2>"$work/eperm"
rc=$?
check unprivileged_refused [ $rc = 2 ]
check unprivileged_message grep -q 'Operation not permitted' "$work/eperm"

# Flush: everything passes again.
ctl flush >/dev/null
got=$(seen attacker vxcan1 cansend vxcan0 7DF#02010D)
check flush_passes_all [ "$got" = "7DF#02010D" ]

# A namespace deleted while its devices carry traffic under a policy.
ip netns add doomed
ip -n doomed link add vcan0 type vcan
ip -n doomed link set vcan0 up
pd=$(policy doomed <<'EOF'
interface vcan0 {
	tx drop id 0x001
}
EOF
)
ip netns exec doomed "$ctl" load "$pd" >/dev/null
ip netns exec doomed cangen vcan0 -g 0 -i 2>/dev/null &
doomed=$!
sleep 0.3
ip netns del doomed
# The sender outlives its device (a count of frames would outlast the
# deletion on one kernel and not on another); its end is ours to make.
kill $doomed 2>/dev/null
wait $doomed 2>/dev/null
check netns_deleted_under_traffic true

# can-gw: frames routed from vcan0 to vxcan0 are judged on vxcan0's TX.
pg=$(policy gw <<'EOF'
interface vxcan0 {
	tx drop id 0x5A5
}
EOF
)
ctl load "$pg" >/dev/null
cangw -A -s vcan0 -d vxcan0
got=$(seen attacker vxcan1 sh -c 'cansend vcan0 5A5#01; cansend vcan0 5A6#02')
check cangw_forwarded_filtered [ "$got" = "5A6#02" ]
check cangw_drop_counted [ "$(stat vxcan0 tx dropped_rule)/$(stat vxcan0 tx accepted)" = 1/1 ]
cangw -F

# can-gw's echo (-e) of a routed frame is the frame it sent: judged once,
# as TX, not again as RX (vcan has no IFF_ECHO, so can_send() echoes).
ip link add vcan3 type vcan
ip link set vcan3 up
pe=$(policy gwecho <<'EOF'
interface vcan3 {
	rx default drop
	tx default accept
}
EOF
)
ctl load "$pe" >/dev/null
cangw -A -s vcan0 -d vcan3 -e
got=$(seen - vcan3 cansend vcan0 5A7#03)
check cangw_echo_seen [ "$got" = "5A7#03" ]
check cangw_echo_judged_once [ "$(stat vcan3 tx accepted)/$(stat vcan3 rx accepted)/$(stat vcan3 rx dropped_default)" = 1/0/0 ]
cangw -F
ip link del vcan3

# Atomic replace under a flood. Generations A and B give the rules other
# indexes; rule 0 of B matches an ID nobody sends. A frame judged with
# A's ID tables but B's rules would land on it, so it must count nothing.
pA=$(policy genA <<'EOF'
interface vxcan0 {
	rx default drop
	rx accept id 0x100
	rx drop id 0x200
}
EOF
)
pB=$(policy genB <<'EOF'
interface vxcan0 {
	rx default drop
	rx drop id 0x3FF
	rx accept id 0x200
	rx drop id 0x100
}
EOF
)
for i in $(seq 1000); do
	echo "(0.0) vxcan1 100#01"
	echo "(0.0) vxcan1 200#02"
done >"$work/alt.log"
att canplayer -t -I "$work/alt.log" 2>/dev/null &
player=$!
loads=0
while kill -0 $player 2>/dev/null && [ $loads -lt 40 ]; do
	ctl -q load "$pA" && ctl -q load "$pB" && loads=$((loads + 2))
done
wait $player
check atomic_replace_loads_ran [ $loads -gt 0 ]
check atomic_replace_no_mix [ "$(rule_frames vxcan0 rx 0)" = 0 ]
check atomic_replace_no_default [ "$(stat vxcan0 rx dropped_default)" = 0 ]

# canfwctl replay gives the kernel's verdicts for the same frames: a real
# vehicle trace sent from the attacker side, judged on vxcan0's RX.
trace=$data/logs/savvycan/candump.log
if [ -r "$trace" ]; then
	pr=$(policy replay <<'EOF'
interface vxcan0 {
	rx default accept
	rx drop id 0x7DF log
	rx drop id 0x7E0-0x7EF
	rx accept id 0x100-0x1FF
	rx drop id 0x000-0x0FF
	rx accept eff id any
}
EOF
)
	ctl -q load "$pr"
	# canplayer -t sends as fast as it can, and vxcan hands each frame
	# to the backlog of the receiving CPU: a guest slowed by a busy host
	# must not drop frames there, before canfw sees them.
	sysctl -qw net.core.netdev_max_backlog=100000
	att canplayer -t -I "$trace" vxcan1=vcan0
	ctl -j stats vxcan0 >"$work/kernel.json"
	ctl -j replay --iface vxcan0 "$pr" "$trace" >"$work/replay.json"
	same_verdicts() {
		python3 - "$work/kernel.json" "$work/replay.json" "$trace" <<'EOF'
import json, sys
k, r = (json.load(open(f))["interfaces"][0] for f in sys.argv[1:3])
frames = sum(1 for line in open(sys.argv[3]) if line.strip())
rx = k["rx"]
sys.exit(not (k["rx"] == r["rx"] and k["rules"] == r["rules"] and
              rx["accepted"] + rx["dropped_rule"] + rx["dropped_default"] == frames))
EOF
	}
	check replay_matches_kernel same_verdicts
else
	echo "ok replay_matches_kernel # SKIP no vehicle trace at $trace" >>"$tap"
fi

# A set of IDs, one of them named by a definition, is one rule with one
# counter across both ID spaces, and show prints it back as a set, with
# its comment. The rule's handle is the one check derives from the file,
# and its events carry the handle and the comment.
ps=$(policy idset <<'EOF'
define DIAG = { 0x7DF, 0x7E0-0x7E7 }
interface vxcan0 {
	comment "test bench"
	both drop id { $DIAG, 0x18DA0000/0x1FFF0000 } log comment "diagnostics"
}
EOF
)
ctl -q load "$ps"
monitor_bg "$work/idset.ev" -a -j monitor -c 1
mon=$monitor_pid
got=$(seen - vxcan0 sh -c 'ip netns exec attacker cansend vxcan1 7DF#01;
	ip netns exec attacker cansend vxcan1 7E3#02;
	ip netns exec attacker cansend vxcan1 18DA10F1#03;
	ip netns exec attacker cansend vxcan1 7E8#04;
	ip netns exec attacker cansend vxcan1 18DB10F1#05')
wait $mon
check idset_drops_its_ids_only [ "$(echo $got)" = "7E8#04 18DB10F1#05" ]
check idset_one_rule_one_counter \
	[ "$(rule_frames vxcan0 rx 0)/$(stat vxcan0 rx dropped_rule)" = 3/3 ]
ctl show >"$work/idset.show"
check idset_shown_as_a_set grep -qxF \
	'	rx drop id { 0x7DF, 0x7E0-0x7E7, 0x18DA0000/0x1FFF0000 } log comment "diagnostics"' \
	"$work/idset.show"
check entry_comment_shown grep -qxF '	comment "test bench"' "$work/idset.show"
h=$(ctl -a -j check -p "$ps" | jq '.interfaces[0].rx.rules[0].handle')
check rule_handle_kept [ "$(ctl -a -j stats vxcan0 |
	jq '.interfaces[0].rules[0].handle')" = "$h" ]
check rule_event_handle_comment [ "$(jq -c '[.handle, .comment]' "$work/idset.ev")" = "[$h,\"diagnostics\"]" ]

# Beside nftables on the same device: its netdev chains see what canfw
# passes, and canfw's counters stay exact. (The chains also keep the
# netfilter static keys enabled while canfw is unloaded below: patching
# jump labels while another vCPU runs the patched code hangs QEMU's TCG.)
ctl load "$p" >/dev/null
nft add table netdev keep &&
	nft add chain netdev keep in '{ type filter hook ingress device vxcan0 priority 10; }' &&
	nft add chain netdev keep out '{ type filter hook egress device vxcan0 priority 10; }' &&
	nft add rule netdev keep in counter &&
	nft add rule netdev keep out counter
check nft_chains_added [ $? = 0 ]
ctl reset
att cansend vxcan1 123#01
att cansend vxcan1 124#01
check nft_sees_accepted_only sh -c "nft list chain netdev keep in | grep -q 'packets 1 '"
check canfw_beside_nft [ "$(stat vxcan0 rx dropped_rule)/$(stat vxcan0 rx accepted)" = 1/1 ]

# Unload and reload while a flood runs through a policy, repeatedly.
# Not through att(): $! would be its subshell, and killing that leaves
# cangen flooding, and the namespace alive, for every test after this.
ip netns exec attacker cangen vxcan1 -g 0 -i -I 123 -n 400000 2>/dev/null &
flood=$!
fine=1
for i in 1 2 3; do
	rmmod canfw || fine=0
	insmod "$ko" || fine=0
	ctl load "$p" >/dev/null || fine=0
done
kill $flood 2>/dev/null
wait $flood 2>/dev/null
check unload_reload_under_flood [ $fine = 1 ]

rmmod canfw
check final_unload [ $? = 0 ]
nft delete table netdev keep
ip netns del attacker
ip link del vcan0
# datapath.sh asks kmemleak once every test has run.
exit 0
