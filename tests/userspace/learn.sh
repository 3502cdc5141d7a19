#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# canfwctl learn from the outside, and replay of candump's text output:
# exact policies, exit codes and error text; every learnt policy passes
# `canfwctl check` and replays the log it was learnt from without a drop.
# Where ${CANFW_DATA:-/work/shared/data} holds the vehicle traces, the same
# on them, and docs/detection.md's learn figures recomputed
# (bench/learn_quality.py --check); without them those are skipped.
# Usage: learn.sh CANFWCTL
set -uo pipefail
ctl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
data=${CANFW_DATA:-/work/shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
cd "$tmp" || exit 1

# shellcheck source=tests/userspace/lib.sh
. "$here/lib.sh"

# Replay LOG through POLICY (ARGS before them): every frame accepted, no
# timed rule missing. Prints the JSON counters' complaint if not.
passes() {	# passes POLICY LOG [ARGS...]
	local pol=$1 log=$2
	shift 2
	"$ctl" -j replay "$@" "$pol" "$log" >"$tmp/replay.json" 2>"$tmp/replay.err" &&
	python3 - "$tmp/replay.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [(i["name"], i["rx"]) for i in d["interfaces"]
       if i["rx"]["accepted"] != sum(i["rx"].values())]
bad += [r["rule"] for i in d["interfaces"] for r in i["rules"]
        if r.get("missing") or r.get("early") or r.get("rate_limited")]
if bad:
    sys.exit(f"# not all passed: {bad}")
PY
}

# --- a small log, exactly ----------------------------------------------

# 0x100 every 10 ms, 25 frames; 0x7DF once; a CAN FD and a remote frame.
python3 - >small.log <<'PY'
for k in range(25):
    print("(%d.%06d) can0 100#11223344556677%02X" % (k // 100, k % 100 * 10000 + 100, k))
print("(0.005000) can0 7DF#02010D")
print("(0.006000) can0 18FEF100##10102")
print("(0.007000) can0 123#R2")
PY
cat >want <<'EOF'
# Learnt by canfwctl learn from 1 log: small.log; 28 frames in 0.240 s,
# timestamps to 100 us.
# Each rule accepts an ID with the kinds and lengths the logs show and a
# rate of 1.5 times the most frames seen within a second, with a burst 1.5
# times the least that lets the logs pass. A periodic ID (at least 20
# frames, the 90th percentile interval within 1.5 times the median) gets the
# median as its period, a jitter 1.5 times what the logs need (at least a
# tenth of the period) and a timeout 1.5 times their longest silence (at
# least three periods). IDs with fewer than 10 frames are too rare to judge:
# accepted without a rate or period. Replayed through this policy (with
# --iface NAME if learnt with it), none of the frames of the logs is
# dropped. Other frames received are dropped (rx default drop). A log of the
# bus says nothing of what this computer sends: tx keeps the default,
# accept.
interface can0 {
	rx default drop
	tx default accept
	# Too rare to judge (fewer than 10 frames), accepted without a rate or
	# period: 0x123 (1 frame), 0x7DF (1 frame), 0x18FEF100 (1 frame)
	rx accept id 0x100 data len 8 rate 38/s burst 24 period 10ms jitter 1ms timeout 30ms  # 25 frames, interval mean 10.000 ms min 10.000 ms, length 8, at most 25 in a second, median interval 10.000 ms
	rx accept id 0x123 rtr len 2  # 1 frame, length 2: too rare to judge
	rx accept id 0x7DF data len 3  # 1 frame, length 3: too rare to judge
	rx accept id 0x18FEF100 fd len 2  # 1 frame, length 2: too rare to judge
}
EOF
run 0 "learn: a small log" learn small.log &&
	same "learn: the policy of a small log, exactly" out want
[ ! -s err ]
result $? "learn: nothing on stderr"
cp out small.canfw
run 0 "learn: the policy passes check" check small.canfw &&
	[ ! -s out ] && [ ! -s err ]
result $? "learn: the policy passes check silently"
passes small.canfw small.log
result $? "learn: the small log replays through its policy with nothing dropped"

"$ctl" learn - <small.log >out 2>err
[ $? = 0 ] && diff <(sed 1,2d out) <(sed 1,2d want) >/dev/null &&
	grep -q '^# Learnt by canfwctl learn from 1 log: -; 28 frames' out
result $? "learn -: reads stdin"

run 0 "learn --no-timing" learn --no-timing small.log &&
	grep -qx '	rx accept id 0x100 data len 8 rate 38/s burst 24  # 25 frames, interval mean 10.000 ms min 10.000 ms, length 8, at most 25 in a second' out
result $? "learn --no-timing: no period, jitter or timeout"
run 0 "learn --margin 2 --min-frames 1" learn --margin 2 --min-frames 1 small.log &&
	grep -q '	rx accept id 0x100 data len 8 rate 50/s burst 26 period 10ms jitter 1ms timeout 30ms  # ' out &&
	grep -q '	rx accept id 0x7DF data len 3 rate 2/s burst 2  # 1 frame, length 3, at most 1 in a second; too few frames for a period$' out &&
	! grep -q ': too rare to judge$' out
result $? "learn --margin 2 --min-frames 1: twice the rate and burst, rates for every ID"

# Two interfaces, then all as one with --iface.
sed 's/ can0 7DF/ vcan1 7DF/' small.log >two.log
run 0 "learn: two interfaces" learn two.log &&
	[ "$(grep '^interface' out)" = "$(printf 'interface can0 {\ninterface vcan1 {')" ] &&
	grep -A6 '^interface vcan1' out | grep -q '	rx accept id 0x7DF data len 3  # 1 frame'
result $? "learn: one block per interface, in name order"
cp out two.canfw
passes two.canfw two.log
result $? "learn: each interface's frames replay through their block"
run 0 "learn --iface" learn --iface gw0 two.log &&
	[ "$(grep -c '^interface' out)" = 1 ] && grep -q '^interface gw0 {$' out
result $? "learn --iface: one block for every interface's frames"
cp out one.canfw
passes one.canfw two.log --iface gw0
result $? "learn --iface: the log replays through it with replay --iface"

# Logs read the way replay reads them: candump's text output, -t d.
awk -F'[()# ]+' '{ printf " (%s)  %s  %s   [%d] ", $2, $3, $4, length($5) / 2
		  for (i = 1; i <= length($5); i += 2) printf " %s", substr($5, i, 2)
		  print "" }' <(head -25 small.log) >text.log
head -25 small.log >plain.log
run 0 "learn: candump's text output" learn text.log &&
	sed 1d out >text.out && "$ctl" learn plain.log | sed 1d | cmp -s - text.out
result $? "learn: candump's text output learns what its -l form does"
python3 - >delta.log <<'PY'
for k in range(25):
    print(" (000.%06d)  can0  100   [1]  %02X" % (100 if k == 0 else 10000, k))
PY
run 0 "learn --delta" learn --delta delta.log &&
	grep -q '	rx accept id 0x100 data len 1 rate 38/s burst 24 period 10ms jitter 1ms timeout 30ms  # 25 frames' out
result $? "learn --delta: -t d gaps added up"
cp out delta.canfw
passes delta.canfw delta.log --delta
result $? "replay --delta: the -t d log passes the policy learnt from it"
run 0 "replay without --delta" -j replay delta.canfw delta.log &&
	python3 -c '
import json, sys
rx = json.load(open(sys.argv[1]))["interfaces"][0]["rx"]
assert rx["early"] == 23 and rx["accepted"] == 2, rx' out
result $? "replay: the same gaps taken as times are 23 early frames"

# --- errors ------------------------------------------------------------

run 1 "learn: no log" learn &&
	[ "$(cat err)" = "Error: learn: expected one or more log files (see 'canfwctl help learn')" ]
result $? "learn: no log is a usage error"
for m in 0.5 101 1.2345 x 1. .5; do
	run 1 "learn --margin $m" learn --margin "$m" small.log &&
		[ "$(cat err)" = "Error: learn: --margin needs a factor from 1 to 100 with up to 3 decimals, not '$m' (see 'canfwctl help learn')" ] &&
		[ ! -s out ]
	result $? "learn --margin $m is refused"
done
for n in 0 -1 1000001 x; do
	run 1 "learn --min-frames $n" learn --min-frames "$n" small.log &&
		[ "$(cat err)" = "Error: learn: --min-frames needs a number from 1 to 1000000, not '$n' (see 'canfwctl help learn')" ]
	result $? "learn --min-frames $n is refused"
done
run 1 "learn --iface too long" learn --iface abcdefghijklmnop small.log &&
	[ "$(cat err)" = "Error: learn: --iface needs a name of 1 to 15 characters (see 'canfwctl help learn')" ]
result $? "learn: --iface of 16 characters is refused"
run 1 "learn --iface a;b" learn --iface 'a;b' small.log &&
	[ "$(cat err)" = "Error: learn: --iface 'a;b' cannot name a policy block (see 'canfwctl help learn')" ]
result $? "learn: an --iface the language cannot take is refused"
run 0 "learn --iface can*" learn --iface 'can*' small.log &&
	grep -q '^interface can\* {$' out && cp out glob.canfw &&
	"$ctl" check glob.canfw
result $? "learn --iface: a glob names one block for every interface it matches"
run 1 "learn --bogus" learn --bogus small.log &&
	[ "$(cat err)" = "Error: learn: unknown option '--bogus' (see 'canfwctl help learn')" ]
result $? "learn: an unknown option is refused"
run 1 "learn - -" learn - - &&
	[ "$(cat err)" = "Error: learn: stdin ('-') can be read once (see 'canfwctl help learn')" ]
result $? "learn: stdin only once"
run 2 "learn: missing log" learn small.log nonexistent.log &&
	[ "$(cat err)" = "Error: nonexistent.log: No such file or directory" ] &&
	[ ! -s out ]
result $? "learn: a missing log exits 2, nothing on stdout"
mkdir adir
run 2 "learn: a directory" learn adir &&
	[ "$(cat err)" = "Error: adir: Is a directory" ]
result $? "learn: a directory exits 2"
printf '(0.1) can0 123#11\r\n(0.2) can0 123#1\n' >bad.log
printf '%s\n' "bad.log:2:16: bad data: odd number of hex digits" \
	"    (0.2) can0 123#1" "                   ^" >want
run 1 "learn: bad log line" learn small.log bad.log &&
	same "learn: a bad line names LOG:LINE:COL as replay does" err want
[ ! -s out ]
result $? "learn: nothing on stdout after a bad line"
printf '(0.1) can* 123#11\n' >glob.log
run 1 "learn: a glob interface" learn glob.log &&
	[ "$(head -1 err)" = "glob.log:1:1: this interface's name cannot name a policy block: learn them all as one with --iface NAME" ]
result $? "learn: an interface name that is a glob is refused at its line"
run 0 "learn --iface: a glob interface" learn --iface can0 glob.log
result $? "learn --iface: a glob interface learnt under NAME"
printf ' (000.1)  can0  123   [1]  11\n  can0  123   [1]  11\n' >mixed.log
run 1 "learn: mixed timestamps" learn mixed.log &&
	[ "$(head -1 err)" = "mixed.log:2:1: no timestamp, where the lines before have one" ]
result $? "learn: a line without a timestamp after lines with one is refused"
: >empty.log
run 1 "learn: empty log" learn empty.log &&
	[ "$(cat err)" = "Error: learn: the logs hold no frames" ] && [ ! -s out ]
result $? "learn: a log without frames is refused"

run 0 "help learn" help learn && grep -q '^Usage: canfwctl learn \[--iface NAME\] \[--margin FACTOR\] \[--min-frames N\] \[--no-timing\] \[--delta\] LOGFILE\.\.\.$' out
result $? "help learn: its usage"
run 0 "prefix: lea" lea --no-timing small.log && grep -q '^interface can0 {$' out
result $? "prefix: 'lea' is learn"

# --- replay of candump's text output -----------------------------------

cat >p.canfw <<'EOF'
interface can0 {
	rx default drop
	rx accept id 0x18FEDF00 data len 8
	rx accept id 0x123 rtr
	rx accept id 0x124 fd len 12
}
EOF
cat >t.log <<'EOF'
 (000.005001)  can0  18FEDF00   [8]  8A A0 28 7D 7D FF FF F5
 (000.006001)  can0       123   [2]  remote request
 (000.007001)  can0  RX B -  124  [12]  11 22 33 44 55 66 77 88 99 AA BB CC
 (000.008001)  can0  18FEDF00   [3]  8A A0 28
 (000.009001)  can0  20000004   [8]  00 04 00 00 00 00 00 00   ERRORFRAME
EOF
cat >want <<'EOF'
(0.008001) can0 18FEDF00#8AA028  can0 rx drop by default
interface can0 enforce
	rx  accepted 4  dropped_rule 0  dropped_default 1  rate_limited 0  would_drop 0  malformed 0  early 0
	tx  accepted 0  dropped_rule 0  dropped_default 0  rate_limited 0  would_drop 0  malformed 0  early 0
	rx #0  frames 1  bytes 8  rate_limited 0  accept id 0x18FEDF00 data len 8
	rx #1  frames 1  bytes 0  rate_limited 0  accept id 0x123 rtr
	rx #2  frames 1  bytes 12  rate_limited 0  accept id 0x124 fd len 12
EOF
run 0 "replay: candump text output" replay -v p.canfw t.log &&
	same "replay: candump's text output, -x columns, remote requests, CAN FD, error frames" out want
sed 's/^ ([0-9.]*) //' t.log >untimed.log
run 0 "replay: no timestamps" replay -v p.canfw untimed.log &&
	sed 's/^(0.008001) //' want | cmp -s - out
result $? "replay: a log without timestamps, judged by a policy that needs no time"
printf 'interface can0 {\n\trx accept id 0x123 rate 10/s\n}\n' >rate.canfw
printf '%s\n' "untimed.log:1:1: no timestamp, which the policy's rates, periods, timeouts or triggers need: record with candump -l, or -t a, -t z or -t d" \
	"     can0  18FEDF00   [8]  8A A0 28 7D 7D FF FF F5" "    ^" >want
run 1 "replay: no timestamps, a rate" replay rate.canfw untimed.log &&
	same "replay: a log without timestamps is refused by a policy with rates" err want
printf ' (2023-02-21 10:00:00.000001)  can0  123   [1]  11\n' >dated.log
run 1 "replay: -t A" replay p.canfw dated.log &&
	[ "$(head -1 err)" = "dated.log:1:3: candump -t A dates are not read: record with -t a, -t z or -t d" ]
result $? "replay: candump -t A dates are refused by name"

# --- real traces, where this machine has them --------------------------

logs=$data/logs
if [ -d "$logs" ]; then
	for f in crysys_tangocan/S-1-1-benign.log j1939_systemscyber/normal.log \
		 j1939_systemscyber/memory_leak_attack.log savvycan/candump.log; do
		run 0 "learn: $f" learn "$logs/$f" && cp out real.canfw &&
			"$ctl" check real.canfw && passes real.canfw "$logs/$f"
		result $? "learn: $f replays through the policy learnt from it with nothing dropped"
	done
	run 0 "learn: savvycan" learn "$logs/savvycan/candump.log" &&
		grep -q 'rates need 10 ms' out && ! grep -q ' rate [0-9]' out &&
		! grep -q ' period ' out && [ "$(grep -c '^	rx accept' out)" = 180 ]
	result $? "learn: the SavvyCAN trace's whole seconds give 180 ID rules without rates or periods"
	run 0 "learn: j1939 normal" learn "$logs/j1939_systemscyber/normal.log" &&
		[ "$(grep -c '^	rx accept' out)" = 90 ] &&
		[ "$(grep -c ' period ' out)" = 77 ]
	result $? "learn: the truck's 90 IDs, 77 of them periodic"
	# Every log of the truck's in one go, the attacks' text output too.
	run 0 "learn: two logs" learn "$logs/j1939_systemscyber/normal.log" \
		"$logs/j1939_systemscyber/tsc1.log" && cp out two.canfw &&
		passes two.canfw "$logs/j1939_systemscyber/normal.log" &&
		passes two.canfw "$logs/j1939_systemscyber/tsc1.log"
	result $? "learn: a policy from two logs passes each of them"
	if python3 "$top/bench/learn_quality.py" "$data" "$ctl" \
		--check "$top/docs/detection.md" >"$tmp/quality.log" 2>&1; then
		result 0 "learn: docs/detection.md's learn figures are what learn and replay give now"
	else
		tail -5 "$tmp/quality.log" | sed 's/^/# /'
		result 1 "learn: docs/detection.md's learn figures are what learn and replay give now"
	fi
else
	echo "ok learn: real traces # SKIP $logs not present"
	echo "ok learn: docs/detection.md's learn figures # SKIP $logs not present"
fi
exit $failed
