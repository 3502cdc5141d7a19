#!/usr/bin/env bash
# Runs inside a guest: `canfwctl monitor` against canfw.ko's security
# events, with frames sent by can-utils. One "ok NAME" / "not ok NAME" line
# per test goes to OUTDIR/events.tap. Loads the module itself and unloads
# it at the end; its devices and netns have their own names so that it can
# run after firewall.sh in the same guest.
#
# usage: events.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/events.tap
work=$(mktemp -d)
: >"$tap"

# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw vcan vxcan
insmod "$ko" || { notok insmod "cannot load $ko"; exit 1; }

# Monitors run in the background; `-v` says when the group is joined, and
# everything is slow under TCG, so wait for that rather than a fixed time.
mon=
mon_start() {	# mon_start OUTFILE [MONITOR ARGS...]
	local f=$1 i
	shift
	: >"$f.err"
	"$ctl" -v "${mon_json[@]}" monitor "$@" >"$f" 2>"$f.err" &
	mon=$!
	for i in {1..300}; do
		said "$f.err" 'monitoring events' && return 0
		kill -0 $mon 2>/dev/null || return 1
		nap 0.2
	done
	return 1
}
mon_json=()
# Wait up to SECS for the monitor to exit by itself; its status, or 124
# (and it is killed) if it does not.
mon_wait() {	# mon_wait SECS
	local i
	for ((i = 0; i < $1 * 5; i++)); do
		kill -0 $mon 2>/dev/null || break
		nap 0.2
	done
	if kill -0 $mon 2>/dev/null; then
		kill $mon
		wait $mon 2>/dev/null
		return 124
	fi
	wait $mon
}
# The event lines without their timestamps; of a TX event's sender, the
# pid as P and no cgroup: the debug kernel's sockets keep none, and where
# no cgroup2 is mounted it shows as cgroup-id (sender.sh checks them).
frames() {
	sed -e 's/^([0-9]*\.[0-9]\{6\}) //' -e 's/ pid [0-9]* / pid P /' \
		-e 's/ cgroup\(-id\)\{0,1\} [^ ]*//' "$1"
}

# Topology: evcan0 (vcan) here; vxev0 here <-> vxev1 in netns "evatt".
ip netns add evatt
ip link add evcan0 type vcan
ip link set evcan0 mtu 72
ip link add vxev0 type vxcan peer name vxev1 netns evatt
ip link set evcan0 up
ip link set vxev0 up
ip -n evatt link set vxev1 up
att() { ip netns exec evatt "$@"; }

p=$(policy ev <<'EOF'
interface vxev0 {
	rx drop id 0x7DF log
	rx accept id 0x100 log
	rx accept eff id 0x18FEF100/0x1FFFFF00 rate 1/s burst 1 log
	rx accept id 0x200
	log-default rx
	rx default drop
	tx drop id 0x7E0 log
}
interface evcan0 {
	mode monitor
	tx drop id 0x123 log
	log-default tx
	tx default drop
}
EOF
)
check load ctl -q load "$p"

# Rules with `log`, and default drops with `log-default`: one event per
# frame, none for the unlogged accept of 0x200.
if mon_start "$work/rules" -c 5; then
	att cansend vxev1 200#22
	att cansend vxev1 7DF#02010D
	att cansend vxev1 100#11
	att cansend vxev1 300#33
	att cansend vxev1 301#R
	cansend vxev0 7E0#01 2>/dev/null
	mon_wait 30
	check count_exits_0 [ $? = 0 ]
else
	notok monitor_start "$(cat "$work/rules.err")"
fi
frames "$work/rules" >"$work/rules.f"
cat >"$work/rules.want" <<'EOF'
vxev0 rx 7DF#02010D drop rule 0
vxev0 rx 100#11 accept rule 1
vxev0 rx 300#33 drop default
vxev0 rx 301#R drop default
vxev0 tx 7E0#01 drop rule 0 pid P (cansend) uid 0
EOF
check rule_drop_event grep -qx 'vxev0 rx 7DF#02010D drop rule 0' "$work/rules.f"
check rule_accept_event grep -qx 'vxev0 rx 100#11 accept rule 1' "$work/rules.f"
check default_drop_event grep -qx 'vxev0 rx 300#33 drop default' "$work/rules.f"
check rtr_event grep -qx 'vxev0 rx 301#R drop default' "$work/rules.f"
check tx_event grep -qx 'vxev0 tx 7E0#01 drop rule 0 pid P (cansend) uid 0' "$work/rules.f"
# An event for the unlogged 0x200, sent first, would shift every line.
check one_event_per_frame cmp -s "$work/rules.want" "$work/rules.f"
now=$(date +%s)
ts_ok() {	# realtime seconds, close to now
	local t
	t=$(sed -n '1s/^(\([0-9]*\)\.[0-9]\{6\}) .*/\1/p' "$work/rules")
	[ -n "$t" ] && [ $((now - t)) -lt 600 ] && [ $((t - now)) -lt 600 ]
}
check timestamp_realtime ts_ok

# An accept rule's rate limit (burst 1): the second frame is dropped as
# rate-limited, still by that rule.
if mon_start "$work/rate" -c 2; then
	att cangen vxev1 -e -I 18FEF142 -L 1 -D 01 -g 0 -n 2
	mon_wait 30
fi
frames "$work/rate" >"$work/rate.f"
check rate_accept_event grep -qx 'vxev0 rx 18FEF142#01 accept rule 2' "$work/rate.f"
check rate_drop_event grep -qx 'vxev0 rx 18FEF142#01 drop rate rule 2' "$work/rate.f"

# Monitor mode: the frame passes and the event says it would have been
# dropped; CAN FD frames show candump's "##" and flags nibble.
if mon_start "$work/wd" -c 2; then
	cansend evcan0 123##1112233
	cansend evcan0 124#22
	mon_wait 30
fi
frames "$work/wd" >"$work/wd.f"
check would_drop_rule grep -qx 'evcan0 tx 123##1112233 accept rule 0 would-drop pid P (cansend) uid 0' "$work/wd.f"
check would_drop_default grep -qx 'evcan0 tx 124#22 accept default would-drop pid P (cansend) uid 0' "$work/wd.f"

# -j: one JSON object per line with the documented keys and values.
mon_json=(-j)
if mon_start "$work/json" -c 3; then
	att cansend vxev1 7DF#02010D
	att cansend vxev1 00000301#AA
	cansend evcan0 123##1112233
	mon_wait 30
fi
mon_json=()
json_ok() {
	python3 - "$work/json" <<'EOF'
import json, sys
keys = {"timestamp", "iface", "ifindex", "dir", "type", "id", "kind", "eff", "rtr",
        "fd", "err", "len", "data", "rule", "action", "reason", "would_drop",
        "suppressed", "generation"}
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 3, lines
ev = [json.loads(l) for l in lines]
# A frame a local process sent names it; the cgroup, where sockets keep one.
sender = {"pid", "comm", "uid"}
for e in ev:
    got = set(e) - {"cgroup"}
    want = keys | sender if e["dir"] == "tx" else keys
    assert got == want, sorted(got ^ want)
    assert isinstance(e["timestamp"], str) and float(e["timestamp"]) > 0
    assert isinstance(e["generation"], int) and e["generation"] > 0
    assert e["suppressed"] == 0 and not e["err"] and not e["rtr"]
a, b, c = ev
assert [e["kind"] for e in ev] == ["data", "data", "fd"], ev
assert (a["iface"], a["dir"], a["id"], a["eff"], a["fd"], a["len"],
        a["data"], a["rule"], a["action"], a["reason"],
        a["would_drop"]) == ("vxev0", "rx", "0x7DF", False, False, 3,
                             "02010D", 0, "drop", "rule", False), a
assert (b["id"], b["eff"], b["data"], b["rule"], b["action"],
        b["reason"]) == ("0x00000301", True, "AA", None, "drop",
                         "default"), b
assert (c["iface"], c["dir"], c["id"], c["fd"], c["len"], c["data"],
        c["rule"], c["action"], c["would_drop"]) == \
       ("evcan0", "tx", "0x123", True, 3, "112233", 0, "accept", True), c
assert (c["comm"], c["uid"]) == ("cansend", 0) and c["pid"] > 1, c
EOF
}
check json_events json_ok

# Event rate limit (per device and direction, here 10/s with a burst of
# 5, so that a slow guest cannot outrun it): a flood of a logged ID gives
# at most the burst plus the rate over the time it took, and every frame
# is either an event or counted in a later event's "suppressed".
sed 's/^interface vxev0 {$/&\n\tevents 10\/s burst 5/' "$p" >"$work/evslow.canfw"
ctl load "$work/evslow.canfw" >/dev/null
if mon_start "$work/flood"; then
	t0=$(date +%s%N)
	att cangen vxev1 -I 7DF -L 1 -g 0 -n 500
	sleep 1
	att cansend vxev1 7DF#01
	t1=$(date +%s%N)
	sleep 1
	kill -INT $mon
	wait $mon
	check flood_monitor_exit_0 [ $? = 0 ]
fi
n=$(wc -l <"$work/flood")
limited() {
	[ "$n" -gt 0 ] && [ "$n" -le $((5 + 10 * ((t1 - t0) / 1000000000 + 1))) ] &&
		[ "$n" -lt 501 ]
}
check flood_limited limited
# Which event carries the count depends on when the bucket refills (a slow
# guest spreads the flood out), but one must, and the last is the frame
# sent after the flood.
check flood_reports_suppressed grep -q ' 7DF#.* drop rule 0 ([1-9][0-9]* events suppressed)$' "$work/flood"
check flood_last_event_last_frame sh -c "tail -1 '$work/flood' | grep -q ' 7DF#01 drop rule 0'"
total=$(sed -n 's/.*(\([0-9]*\) events suppressed)$/\1/p' "$work/flood" |
	awk -v n="$n" '{ s += $1 } END { print s + n }')
check flood_every_frame_accounted [ "$total" = 501 ]
check flood_no_overrun sh -c "! grep -q 'events were lost' '$work/flood.err'"

# The limit is per device and direction, and set by the policy: a flood
# on evx0 uses up evx0's tx events but not evx1's, nor evx0's rx ones.
ip link add evx0 type vcan
ip link add evx1 type vcan
ip link set evx0 up
ip link set evx1 up
pl=$(policy perdev <<'POL'
interface evx* {
	events 1/s burst 2
	tx drop id 0x7DF log
}
POL
)
ctl load "$pl" >/dev/null
if mon_start "$work/perdev"; then
	cangen evx0 -I 7DF -L 1 -g 0 -n 50 -i 2>/dev/null
	cansend evx1 7DF#01 2>/dev/null
	sleep 1
	kill -INT $mon
	wait $mon
fi
frames "$work/perdev" >"$work/perdev.f"
n0=$(grep -c '^evx0 tx 7DF#' "$work/perdev.f")
policy_rate() { [ "$n0" -ge 2 ] && [ "$n0" -le 4 ]; }
check events_rate_from_policy policy_rate
check events_per_device grep -qx 'evx1 tx 7DF#01 drop rule 0 pid P (cansend) uid 0' "$work/perdev.f"
ip link del evx0
ip link del evx1

# Ctrl-C and SIGTERM end the monitor with status 0.
if mon_start "$work/int"; then
	kill -INT $mon
	mon_wait 20
	check sigint_exit_0 [ $? = 0 ]
fi
if mon_start "$work/term"; then
	kill -TERM $mon
	mon_wait 20
	check sigterm_exit_0 [ $? = 0 ]
fi

# Joining the group needs CAP_NET_ADMIN. (If the kernel let the join
# through, the monitor would wait for an event: timeout says 124.)
timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$ctl" monitor -c 1 >/dev/null 2>"$work/eperm"
rc=$?
check unprivileged_exit_2 [ $rc = 2 ]
check unprivileged_message grep -q '^Error: .*CAP_NET_ADMIN' "$work/eperm"

ctl flush >/dev/null
rmmod canfw
check final_unload [ $? = 0 ]
timeout 20 "$ctl" monitor -c 1 >/dev/null 2>"$work/nomod"
rc=$?
check no_module_exit_2 [ $rc = 2 ]
check no_module_message grep -q 'module is not loaded' "$work/nomod"

ip link del evcan0
ip netns del evatt
exit 0
