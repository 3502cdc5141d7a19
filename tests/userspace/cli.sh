#!/usr/bin/env bash
# canfwctl from the outside: exit codes, exact error text, JSON shape,
# replay counters against hand-checked expectations.
# Usage: cli.sh CANFWCTL
set -uo pipefail
ctl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
data=${CANFW_DATA:-/work/shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# shellcheck source=tests/userspace/lib.sh
. "$(dirname "$0")/lib.sh"

# Every example policy is valid, silently.
for f in "$top"/policies/*.canfw; do
	name="check: policies/$(basename "$f")"
	run 0 "$name" check "$f" || continue
	[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
	result $? "$name"
done

cat >"$tmp/bad.canfw" <<'P'
interface can0 {
	rx accept id 0x800 sff
}
P
cat >"$tmp/want" <<W
$tmp/bad.canfw:2:15: ID does not fit the 11-bit standard ID space
    	rx accept id 0x800 sff
    	             ^~~~~
W
run 1 "check: invalid policy exits 1" check "$tmp/bad.canfw" &&
	same "check: error names FILE:LINE:COL, echoes the line, marks the text" \
		"$tmp/err" "$tmp/want"
[ ! -s "$tmp/out" ]
result $? "check: nothing on stdout for an invalid policy"

printf 'interface can0 {\n\trx drop id 0x7DF rate 5/s\n' >"$tmp/bad2"
printf '<stdin>:2:19: only accept rules can carry a rate limit\n    \trx drop id 0x7DF rate 5/s\n    \t                 ^~~~~~~~\n' >"$tmp/want"
"$ctl" check - <"$tmp/bad2" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ]
result $? "check -: reads stdin, exits 1 on error"
same "check -: error text names <stdin>" "$tmp/err" "$tmp/want"

printf 'interface can0 {\n\trx accept\n' >"$tmp/bad3"
run 1 "check: missing '}' exits 1" check "$tmp/bad3" &&
	grep -q "bad3:1:16: missing '}': the block of interface 'can0' is not closed" "$tmp/err"
result $? "check: missing '}' is reported at the block's '{'"

run 2 "check: missing file exits 2" check "$tmp/nonexistent" &&
	grep -q "nonexistent: No such file or directory" "$tmp/err"
result $? "check: missing file is named"

run 0 "check -v" -v check "$top/policies/limp.canfw" &&
	grep -q '^interface can0: mode enforce, rx default drop, 6 rules, tx default drop, 1 rule$' "$tmp/out"
result $? "check -v: prints a summary"

run 0 "check -j" -j check "$top/policies/limp.canfw" && [ ! -s "$tmp/out" ]
result $? "check -j: prints nothing without -v"

run 0 "check -j -v" -j check -v "$top/policies/limp.canfw" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["interfaces"]
assert [x["name"] for x in i] == ["can0", "vcan*"], i
assert i[0]["rx"] == {"default": "drop", "err_default": "drop",
                      "log_default": True, "rules": 6}, i[0]
assert i[1]["mode"] == "enforce"
PY
result $? "check -j -v: summary is valid JSON"

run 0 "check -p" check -p "$top/policies/j1939-truck.canfw" &&
	cp "$tmp/out" "$tmp/canon.canfw" &&
	run 0 "check -p twice" check -p "$tmp/canon.canfw" &&
	same "check -p: canonical form is a fixed point" "$tmp/out" "$tmp/canon.canfw"

# The policy as JSON (check -p -j, and show -j with the same printer):
# its rules in the canonical text's order, each as an object.
for f in "$top"/policies/*.canfw; do
	"$ctl" check -p "$f" >"$tmp/canon.txt" &&
		"$ctl" check -p -j "$f" >"$tmp/canon.json" &&
		python3 - "$tmp/canon.txt" "$tmp/canon.json" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
names = re.findall(r"^interface (\S+) \{", text, re.M)
assert [e["name"] for e in d["interfaces"]] == names, (names, d)
for block, e in zip(text.split("\n}\n"), d["interfaces"]):
    for dr in ("rx", "tx"):
        want = re.findall(r"^\t%s ((?:accept|drop) .*)$" % dr, block, re.M)
        assert [r["text"] for r in e[dr]["rules"]] == want, (dr, want, e[dr])
        m = re.search(r"^\t%s default (\w+)$" % dr, block, re.M)
        assert e[dr]["default"] == m.group(1), e[dr]
PY
	result $? "json: check -p -j $(basename "$f") has check -p's entries and rules"
done
cat >"$tmp/all.canfw" <<'POL'
interface vcan* {
	mode monitor
	events 5/s burst 2
	rx default drop
	rx err-default drop
	log-default tx
	rx accept eff id 0x18FEF100/0x1FFFFF00 data len 8 rate 10/s burst 3 log
	rx accept id 0x100-0x1FF fd xl rate 5/s per-id 16
	rx accept id 0x200 period 10ms jitter 2ms timeout 50ms early log
	rx drop err
	tx drop id any eff
}
POL
run 0 "json: check -p -j, every field" check -p -j "$tmp/all.canfw" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))["interfaces"][0]
assert (e["name"], e["mode"], e["events"]) == \
    ("vcan*", "monitor", {"per_second": 5, "burst": 2}), e
rx, tx = e["rx"], e["tx"]
assert (rx["default"], rx["err_default"], rx["log_default"]) == ("drop", "drop", False), rx
assert (tx["default"], tx["log_default"]) == ("accept", True), tx
r0, r1, r2, r3 = rx["rules"]
assert r0["id"] == {"space": "eff", "value": "0x18FEF100", "mask": "0x1FFFFF00"}, r0
assert (r0["kinds"], r0["len"], r0["rate"], r0["log"]) == \
    (["data"], {"min": 8, "max": 8}, {"per_second": 10, "burst": 3}, True), r0
assert r1["id"] == {"space": "sff", "from": "0x100", "to": "0x1FF"}, r1
assert (r1["kinds"], r1["per_id"], r1["len"]["max"]) == (["fd", "xl"], 16, 2048), r1
assert (r2["period_us"], r2["jitter_us"], r2["timeout_us"], r2["early_log"]) == \
    (10000, 2000, 50000, True), r2
assert r2["kinds"] == ["data", "rtr", "fd", "xl"] and "rate" not in r2, r2
assert r3["kinds"] == ["err"] and "id" not in r3 and r3["action"] == "drop", r3
assert tx["rules"][0]["id"] == {"space": "eff", "any": True}, tx
PY
result $? "json: every setting and rule field as the policy says"

# Payload checks: byte matches, ISO-TP frame types and UDS services.
cat >"$tmp/payload.canfw" <<'POL'
interface can0 {
	rx accept id 0x7E0 uds 0x3E,0x10-0x12,0x22 isotp ff,sf data[0:2]   0x0227/0xffff
	rx accept id 0x7E0 isotp fc,cf
	rx accept data fd data[1] 0x27 data[2:4] 0x100/0xF00 len 4-64 log
	rx accept id 0x7DF uds 1,2,9
	rx drop id 0x7E0
}
POL
cat >"$tmp/want" <<'W'
interface can0 {
	mode enforce
	rx default accept
	tx default accept

	rx accept id 0x7E0 data[0:2] 0x0227 isotp sf,ff uds 0x10-0x12,0x22,0x3E
	rx accept id 0x7E0 isotp cf,fc
	rx accept data fd len 4-64 data[1] 0x27 data[2:4] 0x0100/0x0F00 log
	rx accept id 0x7DF uds 0x01,0x02,0x09
	rx drop id 0x7E0
}
W
run 0 "check -p: payload checks" check -p "$tmp/payload.canfw" &&
	same "check -p: byte matches, isotp and uds in canonical form" \
		"$tmp/out" "$tmp/want"
run 0 "check -p: payload checks, twice" check -p "$tmp/want" &&
	same "check -p: payload checks are a fixed point" "$tmp/out" "$tmp/want"
run 0 "json: check -p -j, payload checks" check -p -j "$tmp/payload.canfw" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["interfaces"][0]["rx"]["rules"]
assert r[0]["data"] == [{"offset": 0, "len": 2, "value": 0x0227,
                         "mask": 0xFFFF}], r[0]
assert r[0]["isotp"] == ["sf", "ff"], r[0]
assert r[0]["uds"] == [0x10, 0x11, 0x12, 0x22, 0x3E], r[0]
assert r[1]["isotp"] == ["cf", "fc"] and "uds" not in r[1] and \
    "data" not in r[1], r[1]
assert r[2]["data"] == [{"offset": 1, "len": 1, "value": 0x27, "mask": 0xFF},
                        {"offset": 2, "len": 2, "value": 0x100,
                         "mask": 0xF00}], r[2]
assert "isotp" not in r[2] and "uds" not in r[2] and r[2]["log"], r[2]
assert r[3]["uds"] == [1, 2, 9] and "isotp" not in r[3], r[3]
assert not any(k in r[4] for k in ("data", "isotp", "uds")), r[4]
assert r[0]["text"] == "accept id 0x7E0 data[0:2] 0x0227 isotp sf,ff uds 0x10-0x12,0x22,0x3E"
PY
result $? "json: byte matches, isotp and uds only where the rule has them"
printf 'interface can0 {\n\trx accept id 0x7E0 data[0:2] 0x12345\n}\n' >"$tmp/bad4"
printf '%s\n' "$tmp/bad4:2:31: value '0x12345' does not fit in 2 bytes" \
	"    	rx accept id 0x7E0 data[0:2] 0x12345" \
	"    	                             ^~~~~~~" >"$tmp/want"
run 1 "check: a byte match's value too wide exits 1" check "$tmp/bad4" &&
	same "check: a too wide byte match value is marked" "$tmp/err" "$tmp/want"

# Sender checks: uid, gid, a cgroup by path (resolved under a tree that
# stands in for the cgroup2 mount) or by id, no socket. The guest's policy
# (tests/guest/sender.sh), then every form.
cg=$tmp/cgroup
mkdir -p "$cg/canfw-test/engine.service/worker" "$cg/canfw-test/media.service" \
	"$cg/system.slice/engine.service"
export CANFW_CGROUP_ROOT=$cg
cat >"$tmp/sender.canfw" <<'POL'
interface vxcan0 {
	tx default accept
	tx accept id 0x0C0 cgroup canfw-test/engine.service
	tx drop id 0x0C0 log
	tx drop id 0x0C1 uid 1000-1999 log
	tx drop id 0x0C3 gid 2000 log
	tx accept id 0x0C2 socket none
	tx drop id 0x0C2
}
POL
cat >"$tmp/want" <<'W'
interface vxcan0 {
	mode enforce
	rx default accept
	tx default accept

	tx accept id 0x0C0 cgroup canfw-test/engine.service
	tx drop id 0x0C0 log
	tx drop id 0x0C1 uid 1000-1999 log
	tx drop id 0x0C3 gid 2000 log
	tx accept id 0x0C2 socket none
	tx drop id 0x0C2
}
W
run 0 "check -p: sender rules" check -p "$tmp/sender.canfw" &&
	same "check -p: the guest's sender rules as show prints them" \
		"$tmp/out" "$tmp/want"
eng=$(stat -c %i "$cg/system.slice/engine.service")
cat >"$tmp/sender2.canfw" <<POL
interface can0 {
	tx accept log cgroup /system.slice//engine.service/ gid 5-7 uid 0 rate 10/s
	tx accept cgroup-id $eng level 2 id 0x0C4
	tx accept cgroup-id $eng level 1
	tx accept cgroup-id 99999999999 level 16 data[0] 1
	tx drop socket none id 0x0C2 log
	rx accept socket none
}
POL
cat >"$tmp/want" <<W
interface can0 {
	mode enforce
	rx default accept
	tx default accept

	rx accept socket none

	tx accept uid 0 gid 5-7 cgroup system.slice/engine.service rate 10/s log
	tx accept id 0x0C4 cgroup system.slice/engine.service
	tx accept cgroup-id $eng level 1
	tx accept data[0] 0x01 cgroup-id 99999999999 level 16
	tx drop id 0x0C2 socket none log
}
W
run 0 "check -p: every sender form" check -p "$tmp/sender2.canfw" &&
	same "check -p: uid, gid, cgroup by path or id, socket none in canonical form" \
		"$tmp/out" "$tmp/want"
run 0 "check -p: sender rules, twice" check -p "$tmp/want" &&
	same "check -p: sender rules are a fixed point" "$tmp/out" "$tmp/want"
run 0 "json: check -p -j, sender rules" check -p -j "$tmp/sender2.canfw" &&
	python3 - "$tmp/out" "$eng" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["interfaces"][0]
eng = int(sys.argv[2])
rx, tx = d["rx"]["rules"], d["tx"]["rules"]
assert rx[0]["socket"] == "none", rx[0]
assert tx[0]["uid"] == {"min": 0, "max": 0}, tx[0]
assert tx[0]["gid"] == {"min": 5, "max": 7}, tx[0]
assert tx[0]["cgroup"] == {"path": "system.slice/engine.service", "id": eng,
                           "level": 2}, tx[0]
assert tx[1]["cgroup"] == tx[0]["cgroup"], tx[1]
assert tx[2]["cgroup"] == {"path": None, "id": eng, "level": 1}, tx[2]
assert tx[3]["cgroup"] == {"path": None, "id": 99999999999, "level": 16}, tx[3]
assert tx[4]["socket"] == "none", tx[4]
for r in rx + tx:
    assert ("socket" in r) != any(k in r for k in ("uid", "gid", "cgroup")), r
for r in tx[1:]:
    assert "uid" not in r and "gid" not in r, r
assert tx[0]["text"] == "accept uid 0 gid 5-7 cgroup system.slice/engine.service rate 10/s log"
PY
result $? "json: uid, gid, cgroup and socket only where the rule has them"
printf 'interface can0 {\n\ttx accept cgroup canfw-test/nope\n}\n' >"$tmp/bad5"
printf '%s\n' "$tmp/bad5:2:19: no cgroup 'canfw-test/nope' under $cg" \
	"    	tx accept cgroup canfw-test/nope" \
	"    	                 ^~~~~~~~~~~~~~~" >"$tmp/want"
run 1 "check: a cgroup that does not exist exits 1" check "$tmp/bad5" &&
	same "check: a cgroup that does not exist is marked" "$tmp/err" "$tmp/want"
printf 'interface can0 {\n\ttx accept uid 1000 socket none\n}\n' >"$tmp/bad6"
printf '%s\n' "$tmp/bad6:2:21: a frame without a socket has no uid, gid or cgroup to match" \
	"    	tx accept uid 1000 socket none" \
	"    	                   ^~~~~~~~~~~" >"$tmp/want"
run 1 "check: socket none with a uid exits 1" check "$tmp/bad6" &&
	same "check: socket none with a uid is marked" "$tmp/err" "$tmp/want"
# Replay has no sockets: every logged frame is one without.
printf '(0.000001) vxcan0 0C2#41\n(0.000002) vxcan0 0C0#42\n(0.000003) vxcan0 0C1#43\n' \
	>"$tmp/sender.log"
run 0 "replay: sender rules" -j replay --tx "$tmp/sender.canfw" "$tmp/sender.log" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["interfaces"][0]["rules"]
got = [(x["dir"], x["index"], x["frames"]) for x in r]
assert got == [("tx", 0, 0), ("tx", 1, 1), ("tx", 2, 0), ("tx", 3, 0),
               ("tx", 4, 1), ("tx", 5, 0)], got
PY
result $? "replay: frames of a log have no socket: only socket none matches them"
unset CANFW_CGROUP_ROOT

# Command line handling.
run 1 "usage: no command exits 1" && grep -q '^Usage: canfwctl' "$tmp/err"
result $? "usage: no command prints usage on stderr"
run 1 "usage: unknown command exits 1" frobnicate &&
	grep -q "unknown command 'frobnicate'" "$tmp/err"
result $? "usage: unknown command is named"
run 1 "usage: unknown option exits 1" --bogus
result $? "usage: unknown option exits 1"
run 1 "usage: check without file exits 1" check &&
	grep -q "check: expected one policy file" "$tmp/err"
result $? "usage: check without file"
run 0 "help" help && grep -q 'replay \[-v\]' "$tmp/out"
result $? "help: lists commands"
run 0 "help check" help check && grep -q 'Usage: canfwctl check' "$tmp/out"
result $? "help check"
run 1 "help bogus" help bogus
result $? "help: unknown command exits 1"
run 0 "version" version && grep -q '^canfwctl ' "$tmp/out"
result $? "version"
# The release is the module's (kmod/canfw.h), with the git description
# when built from a checkout.
rel=$(sed -n 's/^#define CANFW_VERSION[^"]*"\(.*\)"/\1/p' "$top/kmod/canfw.h")
run 0 "version: -V" -V &&
	grep -qE "^canfwctl ${rel//./\\.}( \(git [^)]+\))?\$" "$tmp/out"
result $? "version: -V prints the release ($rel), as the module carries it"
run 0 "prefix: ch" ch "$top/policies/limp.canfw"
result $? "prefix: 'ch' is check"
run 0 "prefix: ve" ve && grep -q '^canfwctl ' "$tmp/out"
result $? "prefix: 've' is version"
# What changes the kernel's policy runs only by its full name; nothing is
# sent (no module is needed to see that).
for a in l lo loa f fl flus r re res rese s st sta stat; do
	run 1 "prefix: '$a' runs nothing" $a "$top/policies/limp.canfw" &&
		grep -q "^Error: '$a' could be [a-z]*, which is run only by its full name" "$tmp/err" &&
		! grep -q 'module' "$tmp/err"
	result $? "prefix: '$a' is refused with a message"
done
run 0 "prefix: rep" rep "$top/policies/limp.canfw" /dev/null
result $? "prefix: 'rep' is replay"
# Errors: one style, "Error: ", one line for a bad option, the real
# reason for a file that cannot be read.
one_line() {	# one_line EXPECTED-TEXT: stderr is that one line
	[ "$(wc -l <"$tmp/err")" = 1 ] && grep -qxF -- "$1" "$tmp/err"
}
run 1 "errors: unknown global option" --bogus &&
	one_line "Error: unknown option '--bogus' (see 'canfwctl help')"
result $? "errors: an unknown global option is one line"
run 1 "errors: unknown short option" -x show &&
	one_line "Error: unknown option '-x' (see 'canfwctl help')"
result $? "errors: an unknown short option is one line"
# state: a switch is refused before any module is asked for a bad name.
run 1 "state: two names" state parked driving &&
	one_line "Error: state: expected at most one state name (see 'canfwctl help state')"
result $? "state: takes at most one name"
run 1 "state: a name too long" state abcdefghijklmnop &&
	one_line "Error: state: a state name has 1 to 15 characters (see 'canfwctl help state')"
result $? "state: a name of 16 characters is refused here"
run 1 "errors: -n without a name" -n &&
	one_line "Error: option '-n' needs an argument (see 'canfwctl help')"
result $? "errors: a missing option argument is one line"
run 1 "errors: a command's unknown option" check -x "$top/policies/limp.canfw" &&
	one_line "Error: check: unknown option '-x' (see 'canfwctl help check')"
result $? "errors: a command's unknown option is one line"
run 1 "errors: monitor -c without COUNT" monitor -c &&
	one_line "Error: monitor: option '-c' needs an argument (see 'canfwctl help monitor')"
result $? "errors: a command's missing option argument is one line"
mkdir -p "$tmp/adir"
run 2 "errors: check a directory" check "$tmp/adir" &&
	one_line "Error: $tmp/adir: Is a directory"
result $? "errors: a directory as policy says so"
run 2 "errors: replay a directory" replay "$top/policies/limp.canfw" "$tmp/adir" &&
	one_line "Error: $tmp/adir: Is a directory"
result $? "errors: a directory as log says so"
run 2 "errors: a missing file" check "$tmp/no-such.canfw" &&
	one_line "Error: $tmp/no-such.canfw: No such file or directory"
result $? "errors: a missing file says so"

# Global options after the command, as ip and nft users write them.
run 0 "after: version -q" version -q && grep -q '^canfwctl ' "$tmp/out"
result $? "after: -q after the command is the global option"
run 2 "after: stats -n" stats -n canfw-no-such-netns &&
	grep -q 'cannot enter network namespace canfw-no-such-netns' "$tmp/err"
result $? "after: -n NAME after the command enters the namespace first"
run 0 "after: replay ... -j" replay "$top/policies/limp.canfw" /dev/null -j &&
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/out"
result $? "after: -j after the arguments gives JSON"
run 0 "after: replay --json" replay --json "$top/policies/limp.canfw" /dev/null &&
	cmp -s "$tmp/out" <("$ctl" -j replay "$top/policies/limp.canfw" /dev/null)
result $? "after: --json after the command is -j before it"
run 2 "after: --" check -- -j && grep -q -- '-j: No such file' "$tmp/err"
result $? "after: past --, -j is an argument"
run 0 "help fl" help fl && grep -q 'Usage: canfwctl flush' "$tmp/out"
result $? "help: abbreviations show any command's help"

# Replay against hand-checked expectations (see the comments in each policy).
rp=$here/replay
for t in rate kinds monitor ifaces timing perid uds lockdown selector missing; do
	run 0 "replay: $t" replay -v "$rp/$t.canfw" "$rp/$t.log" &&
		same "replay: $t counters and dropped frames" "$tmp/out" "$rp/$t.expected"
done
run 0 "replay: --tx --iface" replay -v --tx --iface vxcan9 \
	"$rp/ifaces.canfw" "$rp/ifaces.log" &&
	same "replay: --tx --iface judges all frames as sent on NAME" \
		"$tmp/out" "$rp/ifaces-tx.expected"
run 0 "check -v: states" -v check "$top/policies/lockdown-trigger.canfw" &&
	[ "$(head -1 "$tmp/out")" = "states normal lockdown:sticky" ]
result $? "check -v: the policy's states listed first, as canfwctl state lists them"
run 0 "replay: --state" replay -v --state driving \
	"$rp/selector.canfw" "$rp/selector.log" &&
	same "replay: --state starts the log in that state" \
		"$tmp/out" "$rp/selector-driving.expected"
run 1 "replay: --state of no such state" replay --state flying \
	"$rp/selector.canfw" "$rp/selector.log" &&
	grep -qx "Error: replay: --state: the policy declares no state 'flying' (see 'canfwctl help replay')" "$tmp/err"
result $? "replay: --state of an undeclared state is refused by name"
run 1 "replay: --state without states" replay --state parked \
	"$rp/rate.canfw" "$rp/rate.log" &&
	grep -q "the policy declares no states" "$tmp/err"
result $? "replay: --state needs a policy with states"
run 0 "replay -j: state changes" -j replay "$rp/lockdown.canfw" "$rp/lockdown.log" &&
	grep -qx '(1.010400) can0 rx state normal -> lockdown seq 1 cause trigger rule 0' "$tmp/err" &&
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/out"
result $? "replay -j: state changes on stderr, the JSON on stdout intact"
run 0 "replay -j: selector counters" -j replay "$rp/selector.canfw" "$rp/selector.log" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["interfaces"][0]
assert (d["state"], d["state_seq"]) == ("parked", 2), d
assert i["rx_selectors"] == [{"index": 0, "frames": 5, "ignored": 1}], i
assert i["rx_trigger"] is None and i["tx_selectors"] == []
assert all("fired" not in r for r in i["rules"])
PY
result $? "replay -j: the state the log ends in, selectors' frames and ignored ones"
run 0 "replay -j: trigger counters" -j replay "$rp/lockdown.canfw" "$rp/lockdown.log" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["interfaces"][0]["rules"]
assert (d["state"], d["state_seq"]) == ("lockdown", 1), d
assert r[0]["fired"] == 2 and "fired" not in r[1], r
PY
result $? "replay -j: a rule's trigger fired twice, the second time in lockdown already"
run 0 "replay -j: no states, no state keys" -j replay "$rp/rate.canfw" "$rp/rate.log" &&
	! grep -q '"state\|_trigger\|_selectors\|"fired"' "$tmp/out"
result $? "replay -j: a policy without states keeps its JSON"
run 0 "replay: xl --tx" replay -v --tx "$rp/xl.canfw" "$rp/xl.log" &&
	same "replay: CAN XL priorities and tx error flags judged by wire form" \
		"$tmp/out" "$rp/xl.expected"
run 0 "replay -j" -j replay "$rp/rate.canfw" "$rp/rate.log" &&
	same "replay -j: exact JSON" "$tmp/out" "$rp/rate.json.expected"
"$ctl" replay -j -v "$rp/kinds.canfw" - <"$rp/kinds.log" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"generation", "interfaces"} and d["generation"] == 0
keys = {"accepted", "dropped_rule", "dropped_default", "rate_limited",
        "would_drop", "malformed", "early"}
for i in d["interfaces"]:
    assert set(i) == {"name", "mode", "devices", "rx", "tx", "rules"}, i.keys()
    assert i["mode"] in ("enforce", "monitor")
    for dr in ("rx", "tx"):
        assert set(i[dr]) == keys and all(type(v) is int for v in i[dr].values())
    for n, r in enumerate(i["rules"]):
        assert set(r) == {"dir", "index", "rule", "frames", "bytes",
                          "rate_limited", "early", "missing", "recovered",
                          "per_id_full"}, r
        assert r["dir"] in ("rx", "tx") and type(r["rule"]) is str
rx = d["interfaces"][0]["rx"]
assert rx == {"accepted": 9, "dropped_rule": 2, "dropped_default": 4,
              "rate_limited": 0, "would_drop": 0, "malformed": 0, "early": 0}, rx
PY
result $? "replay -j -v: JSON shape on stdout, log read from stdin"
grep -q 'drop by rule #6' "$tmp/err"
result $? "replay -j -v: dropped frames go to stderr"

printf 'interface a"b\\c* {\n\trx drop\n}\n' >"$tmp/esc.canfw"
printf '(1.0) a"b\\cd 123#11\n' >"$tmp/esc.log"
run 0 "replay: odd interface name" -j replay "$tmp/esc.canfw" "$tmp/esc.log" &&
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["interfaces"][0]["name"] == "a\"b\\c*"
assert d["interfaces"][0]["rx"]["dropped_rule"] == 1' "$tmp/out"
result $? "replay -j: interface names are JSON-escaped"

printf '(0.1) can0 123#11\r\n(0.2) can0 123#1\n' >"$tmp/bad.log"
printf '%s\n' "$tmp/bad.log:2:16: bad data: odd number of hex digits" \
	"    (0.2) can0 123#1" "                   ^" >"$tmp/want"
run 1 "replay: bad log line exits 1" replay "$rp/rate.canfw" "$tmp/bad.log" &&
	same "replay: bad log line names LOG:LINE:COL" "$tmp/err" "$tmp/want"
run 2 "replay: missing log exits 2" replay "$rp/rate.canfw" "$tmp/nonexistent"
result $? "replay: missing log exits 2"
run 1 "replay: invalid policy exits 1" replay "$tmp/bad.canfw" "$rp/rate.log"
result $? "replay: invalid policy exits 1"
run 1 "replay: both stdin" replay - -
result $? "replay: policy and log cannot both be stdin"
run 1 "replay: one argument" replay "$rp/rate.canfw"
result $? "replay: needs two files"

# Real vehicle traffic, when this machine has it (never copied in here).
log=$data/logs/crysys_tangocan/S-1-1-benign.log
if [ -f "$log" ]; then
	run 0 "replay: crysys benign trace" -j replay "$top/policies/powertrain.canfw" "$log" &&
		python3 -c '
import json, sys
rx = json.load(open(sys.argv[1]))["interfaces"][0]["rx"]
assert rx["accepted"] == 17935 and rx["accepted"] == sum(rx.values()), rx' "$tmp/out"
	result $? "replay: the powertrain policy passes all 17935 frames of the CrySyS benign trace"
else
	echo "ok replay: crysys benign trace # SKIP $log not present"
fi
log=$data/logs/savvycan/candump.log
if [ -f "$log" ]; then
	run 0 "replay: savvycan trace" -j replay --iface can0 \
		"$top/policies/diagnostics-lockdown.canfw" "$log" &&
		python3 - "$tmp/out" "$log" <<'PY'
import json, re, sys
rx = json.load(open(sys.argv[1]))["interfaces"][0]["rx"]
ids = [int(m.group(1), 16) for m in
       (re.search(r" \S+ ([0-9A-Fa-f]+)#", l) for l in open(sys.argv[2])) if m]
diag = sum(1 for i in ids if i == 0x7DF or 0x7E0 <= i <= 0x7EF)
assert rx["dropped_rule"] == diag and rx["accepted"] == len(ids) - diag, (rx, diag)
PY
	result $? "replay: diagnostics lock-down drops exactly the OBD/UDS frames of the SavvyCAN trace"
else
	echo "ok replay: savvycan trace # SKIP $log not present"
fi
exit $failed
