# shellcheck shell=bash disable=SC2154 # tap, work, ctl: set by the caller
# Sourced by the guest test scripts. Before sourcing, set tap (the results
# file: one "ok NAME" / "not ok NAME" line per test), work (scratch
# directory) and ctl (canfwctl's path).

ok() { echo "ok $1" >>"$tap"; echo "ok $1"; }
notok() { echo "not ok $1" >>"$tap"; echo "not ok $1: $2"; }
check() {	# check NAME COMMAND...
	local name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name" "$*"; fi
}

ctl() { "$ctl" "$@"; }
policy() {	# policy NAME <<< text: write a policy file, print its path
	cat >"$work/$1.canfw"
	echo "$work/$1.canfw"
}
# stat IFACE DIR KEY: one counter of the first interface entry in
# `canfwctl -j stats IFACE`. jq, not python: python's start-up reads dozens
# of files over 9p and takes seconds under the debug kernel.
stat() {
	ctl -j stats "$1" | jq -r --arg d "$2" --arg k "$3" '.interfaces[0][$d][$k]'
}
# rule_stat IFACE DIR INDEX KEY: a counter of rule INDEX of direction DIR
# of IFACE's entry
rule_stat() {
	ctl -j stats "$1" | jq -r --arg d "$2" --argjson i "$3" --arg k "$4" \
		'[.interfaces[0].rules[] | select(.dir == $d and .index == $i)][0][$k]'
}
# Frames seen on IFACE (in netns NS, "-" for this one) while CMD runs;
# seen_err shows error frames too (the listener takes every error class).
seen() { seen_filtered "" "$@"; }	# seen NS IFACE CMD...
seen_err() { seen_filtered ",0:0,#FFFFFFFF" "$@"; }
# receivers PROCNET IFACE: how many receivers the CAN core has on IFACE in
# the namespace whose /proc/net is PROCNET (a socket bound to it has one)
receivers() {
	local f l n=0
	for f in "$1/can/rcvlist_all" "$1/can/rcvlist_err"; do
		[ -r "$f" ] || continue
		while read -r l; do
			[[ $l == "$2 "* ]] && n=$((n + 1))
		done <"$f"
	done
	echo $n
}
seen_filtered() {	# seen_filtered CANDUMP_FILTER NS IFACE CMD...
	local filter=$1 ns=$2 ifc=$3 f=$work/dump.$RANDOM base _
	shift 3
	if [ "$ns" = - ]; then
		base=$(receivers /proc/self/net "$ifc")
		candump -L "$ifc$filter" >"$f" 2>/dev/null &
	else
		base=$(ip netns exec "$ns" bash -c "$(declare -f receivers);
			receivers /proc/self/net '$ifc'")
		ip netns exec "$ns" candump -L "$ifc$filter" >"$f" 2>/dev/null &
	fi
	local pid=$!
	# Listening once its socket is bound (after ip netns exec has become
	# candump, in the namespace); a fixed wait would cost seconds each
	# under the debug kernel.
	for _ in $(seq 100); do
		[[ $(readlink "/proc/$pid/exe") == */candump ]] &&
			[ "$(receivers "/proc/$pid/net" "$ifc")" -gt "$base" ] && break
		sleep 0.05
	done
	"$@"
	sleep 0.5
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	awk '{ print $3 }' "$f"
}
# A vxcan pair, both ends up: HERE in this namespace, PEER in netns NS
# (created here).
vxcan_pair() {	# vxcan_pair HERE PEER NS
	ip netns add "$3"
	ip link add "$1" type vxcan peer name "$2" netns "$3"
	ip link set "$1" up
	ip -n "$3" link set "$2" up
}
# The kernel cannot autoload modules here: its modprobe helper runs in the
# initramfs root, not in the host root the tests see.
modules() {	# modules NAME...: those not built in
	local m
	for m in "$@"; do
		modprobe -q "$m" 2>/dev/null
	done
}
# A monitor in the background, once it has joined the events group (it
# says so with -v; everything is slow under TCG). Sets monitor_pid.
monitor_bg() {	# monitor_bg OUTFILE [CANFWCTL ARGS...]
	local f=$1 i
	shift
	"$ctl" -v "$@" >"$f" 2>"$f.err" &
	monitor_pid=$!
	for i in $(seq 100); do
		grep -q '^monitoring events' "$f.err" && return 0
		kill -0 $monitor_pid 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}
