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
# nap SECONDS: sleep without starting a process; each one started costs
# most of a second under the debug kernel. read times out on a FIFO that
# nobody writes to (opened read-write, so the open does not wait).
nap() {
	[ -p "$work/nap.fifo" ] || mkfifo "$work/nap.fifo"
	read -rt "$1" <>"$work/nap.fifo"
	return 0
}
# listening PID: candump PID (no longer the `ip netns exec` it started as)
# sleeps in select(), its receive loop: it binds its sockets before it
# enters that loop, and sleeps there again only once it has written (and
# flushed) every frame its sockets had queued. /proc/PID/syscall names the
# call a sleeping task is in: 23 select, 270 pselect6 (run-vm.sh boots
# x86_64 guests); "running" while it runs.
listening() {
	local comm nr
	read -r comm 2>/dev/null <"/proc/$1/comm" && [ "$comm" = candump ] || return 1
	read -r nr _ 2>/dev/null <"/proc/$1/syscall" || return 1
	[[ $nr == 23 || $nr == 270 ]]
}
gone() {	# gone PID: it has exited (a zombie until waited for)
	local st
	read -r _ _ st _ 2>/dev/null <"/proc/$1/stat" || return 0
	[ "$st" = Z ]
}
seen_filtered() {	# seen_filtered CANDUMP_FILTER NS IFACE CMD...
	local filter=$1 ns=$2 ifc=$3 f=$work/dump.$RANDOM fr _
	shift 3
	if [ "$ns" = - ]; then
		candump -L "$ifc$filter" >"$f" 2>/dev/null &
	else
		ip netns exec "$ns" candump -L "$ifc$filter" >"$f" 2>/dev/null &
	fi
	local pid=$!
	# Builtins only while waiting, no fixed wait: a process or a fixed
	# wait costs seconds each under the debug kernel.
	for _ in {1..600}; do
		listening $pid && break
		gone $pid && break
		nap 0.05
	done
	"$@"
	# Frames still on their way to the receiver (a softirq deferred to
	# ksoftirqd, PREEMPT_RT's threads) get half a second, as ever; then
	# the dump is complete once candump waits for more.
	nap 0.5
	for _ in {1..200}; do
		listening $pid && break
		gone $pid && break
		nap 0.05
	done
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	while read -r _ _ fr _; do
		printf '%s\n' "$fr"
	done <"$f"
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
# No modprobe where it has nothing to do, as each costs a second or two
# under the debug kernel: a kernel without a module tree (the debug
# kernel's CAN is built in), a module that is loaded (or built in with a
# /sys/module entry).
modules() {	# modules NAME...: those not built in
	local m kver
	read -r kver </proc/sys/kernel/osrelease
	[ -d "/lib/modules/$kver" ] || return 0
	for m in "$@"; do
		[ -d "/sys/module/$m" ] || modprobe -q "$m" 2>/dev/null
	done
}
# said FILE TEXT: a line of FILE begins with TEXT; grep -q without a
# process (see nap).
said() {
	local l
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == "$2"* ]] && return 0
	done 2>/dev/null <"$1"
	return 1
}
# A monitor in the background, once it has joined the events group (it
# says so with -v; everything is slow under TCG). Sets monitor_pid.
monitor_bg() {	# monitor_bg OUTFILE [CANFWCTL ARGS...]
	local f=$1 _
	shift
	"$ctl" -v "$@" >"$f" 2>"$f.err" &
	monitor_pid=$!
	for _ in {1..300}; do
		said "$f.err" 'monitoring events' && return 0
		kill -0 $monitor_pid 2>/dev/null || return 1
		nap 0.2
	done
	return 1
}
