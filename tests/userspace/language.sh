#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The language's long-life features from the command line: includes (from
# any working directory, errors shown at the included file's line with its
# text), `both`, quoted names, 8-digit extended IDs, and check -W's
# warnings with their exact text and exit status.
# Usage: language.sh CANFWCTL
set -uo pipefail
ctl=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# shellcheck source=tests/userspace/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/pol/common"
cat >"$tmp/pol/common/diag.canfw" <<'P'
# shared by every vehicle line
interface "can*" {
	both drop id 0x7DF log
	both default accept
}
P
cat >"$tmp/pol/main.canfw" <<'P'
state parked
include "common/diag.canfw"
interface can0 {
	rx accept id 0x18FEF100 in parked
}
P
cat >"$tmp/want" <<'W'
state parked

interface can* {
	mode enforce
	rx default accept
	tx default accept

	rx drop id 0x7DF log

	tx drop id 0x7DF log
}

interface can0 {
	mode enforce
	rx default accept
	tx default accept

	rx accept id 0x18FEF100 in parked
}
W
# From another directory: includes are found from the including file.
(cd / && "$ctl" check -p "$tmp/pol/main.canfw") >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ ! -s "$tmp/err" ]
result $? "include: check -p from another directory, exit 0"
same "include: the included block printed in place, both as rx and tx" \
	"$tmp/out" "$tmp/want"

# An 8-digit ID is extended even below 0x800; printed with eff.
printf 'interface can0 {\n\trx accept id 0x00000017\n}\n' >"$tmp/hex8.canfw"
"$ctl" check -p "$tmp/hex8.canfw" >"$tmp/out" 2>&1
grep -qx '	rx accept id 0x00000017 eff' "$tmp/out"
result $? "8 hex digits: an extended ID, printed back as one"

# An error in an included file: its name, line, column and text.
cat >"$tmp/pol/common/bad.canfw" <<'P'
interface can1 {
	tx drop id 0x800 sff
}
P
printf '\ninclude "common/bad.canfw"\n' >"$tmp/pol/uses-bad.canfw"
cat >"$tmp/want" <<W
$tmp/pol/common/bad.canfw:2:13: ID does not fit the 11-bit standard ID space
    	tx drop id 0x800 sff
    	           ^~~~~
W
"$ctl" check "$tmp/pol/uses-bad.canfw" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && [ ! -s "$tmp/out" ]
result $? "include: an error inside exits 1 and prints nothing on stdout"
same "include: the error names the included file, line and text" \
	"$tmp/err" "$tmp/want"

printf 'include "main.canfw"\n' >"$tmp/pol/loop.canfw"
printf 'include "loop.canfw"\n' >>"$tmp/pol/main.canfw"
"$ctl" check "$tmp/pol/loop.canfw" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && grep -q "^$tmp/pol/main.canfw:6:9: include cycle: '$tmp/pol/loop.canfw' is already being read$" "$tmp/err"
result $? "include: a cycle is refused where it closes"

# Standard input finds includes from the working directory.
(cd "$tmp/pol" && printf 'include "common/diag.canfw"\n' |
	"$ctl" check -v -) >"$tmp/out" 2>&1
grep -qx 'interface can\*: mode enforce, rx default accept, 1 rule, tx default accept, 1 rule' "$tmp/out"
result $? "include: from stdin, relative to the working directory"

# check -W: shadowed rules and a log's clock.
cat >"$tmp/w.canfw" <<'P'
interface can0 {
	rx drop id 0x100-0x1FF
	rx accept id 0x180 rate 100/s
	rx drop id 0x200 data
	rx accept id 0x200 data len 8
	rx accept id 0x200 fd
	both drop eff id 0x18DA0000/0x1FFF0000
	tx accept id 0x18DA00F1
	rx accept id 0x300 rate 200/s burst 400
	rx accept id 0x301 period 10ms
	rx drop id 0x400 uds 0x27
	rx accept id 0x400
}
P
cat >"$tmp/want" <<W
$tmp/w.canfw:3:2: warning: rx rule never decides a frame: the rule on line 2 decides every frame it matches
$tmp/w.canfw:5:2: warning: rx rule never decides a frame: the rule on line 4 decides every frame it matches
$tmp/w.canfw:8:2: warning: tx rule never decides a frame: the rule on line 7 decides every frame it matches
W
"$ctl" check -W "$tmp/w.canfw" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ ! -s "$tmp/out" ]
result $? "check -W: warnings leave the exit status 0"
same "check -W: each shadowed rule at its line, and no other" "$tmp/err" "$tmp/want"
"$ctl" check "$tmp/w.canfw" >"$tmp/out" 2>&1
[ ! -s "$tmp/out" ]
result $? "check without -W: silent"

printf '(166.000000) can0 300#00\n(166.000000) can0 300#01\n(167.000000) can0 301#00\n' >"$tmp/coarse.log"
printf '(0.000000) can0 300#00\n(0.000250) can0 300#01\n(0.010000) can0 301#00\n' >"$tmp/fine.log"
cat >"$tmp/want" <<W
$tmp/w.canfw:3:2: warning: rate 100/s burst 1 cannot be judged on $tmp/coarse.log: its timestamps are 1s apart at best, in which 100 frames may come at once
$tmp/w.canfw:10:2: warning: period 10ms jitter 1ms cannot be judged on $tmp/coarse.log: its timestamps are 1s apart at best
W
"$ctl" check -W --log "$tmp/coarse.log" "$tmp/w.canfw" >"$tmp/out" 2>"$tmp/err"
grep -v 'never decides' "$tmp/err" >"$tmp/clock"
same "check -W --log: rates and timings a 1 s clock cannot judge" "$tmp/clock" "$tmp/want"
"$ctl" check -W --log "$tmp/fine.log" "$tmp/w.canfw" >"$tmp/out" 2>"$tmp/err"
! grep -q 'cannot be judged' "$tmp/err"
result $? "check -W --log: a 250 us clock judges them all"
"$ctl" check --log "$tmp/fine.log" "$tmp/w.canfw" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && grep -qx "Error: check: --log is for -W's warnings (see 'canfwctl help check')" "$tmp/err"
result $? "check --log without -W: a usage error"

# Comments and handles: check -p -a shows each rule's handle, the one
# replay -v -a names the rule by, and they survive a rule added before.
cat >"$tmp/c.canfw" <<'P'
interface can0 {
	comment "body bus"
	rx drop id 0x7DF log comment "no OBD-II requests"
	rx accept id any
}
P
"$ctl" -a check -p "$tmp/c.canfw" >"$tmp/out" 2>&1
h=$(sed -n 's/^	rx drop id 0x7DF log comment "no OBD-II requests" # handle \([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$h" ] && grep -qx '	comment "body bus"' "$tmp/out" &&
	grep -qx '	rx accept # handle [0-9]*' "$tmp/out"
result $? "check -p -a: the comments, and each rule's handle as a comment"
"$ctl" check -p "$tmp/c.canfw" >"$tmp/out" 2>&1
! grep -q 'handle' "$tmp/out"
result $? "check -p without -a: no handles"
printf '(0.000000) can0 7DF#02010D\n(0.001000) can0 100#01\n' >"$tmp/c.log"
"$ctl" -a replay -v "$tmp/c.canfw" "$tmp/c.log" >"$tmp/out" 2>&1
grep -qF "(0.000000) can0 7DF#02010D  can0 rx drop by rule #0 handle $h: drop id 0x7DF log comment \"no OBD-II requests\"" "$tmp/out" &&
	grep -qE "^	rx #0 handle $h  frames 1 " "$tmp/out"
result $? "replay -v -a: the same handle for the dropped frame and the rule's counters"
sed -i 's/^	comment "body bus"$/&\n	rx accept id 0x001/' "$tmp/c.canfw"
"$ctl" -a -j check -p "$tmp/c.canfw" >"$tmp/out" 2>&1
python3 - "$tmp/out" "$h" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))["interfaces"][0]["rx"]["rules"]
assert rules[1]["handle"] == int(sys.argv[2]), rules
assert rules[1]["comment"] == "no OBD-II requests", rules
assert len({r["handle"] for r in rules}) == 3, rules
PY
result $? "handles: a rule keeps its handle with a rule added before it (JSON)"
"$ctl" -j check -p "$tmp/c.canfw" | grep -q '"handle"'
[ $? != 0 ]
result $? "JSON without -a: no handles"

exit $failed
