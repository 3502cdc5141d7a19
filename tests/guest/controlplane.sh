#!/usr/bin/env bash
# Runs inside a guest: the canfw family driven by a client that is not
# canfwctl, the kernel's own YNL CLI (tools/net/ynl/cli.py, with
# docs/netlink/canfw.yaml), against what canfwctl sees; load transactions;
# kernel errors mapped back to the policy file's line. One "ok NAME" /
# "not ok NAME" line per test goes to OUTDIR/controlplane.tap.
#
# usage: controlplane.sh OUTDIR CANFW_KO CANFWCTL [YNL_TREE]
# (YNL_TREE, default $CANFW_YNL_TREE: tests/spec/ynl.sh tree's output)
set -u
out=$1 ko=$2 ctl=$3 tree=${4:-${CANFW_YNL_TREE:-}}
tap=$out/controlplane.tap
work=$(mktemp -d)
: >"$tap"

# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

# The first call validates the spec against the kernel's schema, as
# tests/spec/ynl.sh does on the host; the others skip that (seconds under
# TCG each).
cli_checked() {
	/usr/bin/python3 "$tree/tools/net/ynl/cli.py" --output-json \
		--spec "$tree/Documentation/netlink/specs/canfw.yaml" "$@"
}
cli() { cli_checked --no-schema "$@"; }
json() {	# json FILE PYTHON-EXPRESSION-ON-d: print its value
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2"
}

if [ ! -f "$tree/tools/net/ynl/cli.py" ]; then
	notok ynl_tools "no YNL tree in '$tree' (tests/spec/ynl.sh tree)"
	exit 1
fi
modules can can_raw vcan
insmod "$ko" || { notok insmod "cannot load $ko"; exit 1; }
for d in cpx0 cpx1; do
	ip link add "$d" type vcan
	ip link set "$d" up
done

# get-info
cli_checked --do get-info >"$work/info" 2>"$work/info.err"
check ynl_get_info [ "$(json "$work/info" 'd["version"]')" = \
	"$(ctl -j info | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" ]
check ynl_get_info_limits [ "$(json "$work/info" 'd["max-rules"], d["max-ifaces"]')" = "(65536, 1024)" ]

# A two-entry policy with a glob and rules in both directions, as any
# client would send it: each entry is one nest holding its own rules.
cat >"$work/two.json" <<'JSON'
{"iface": [
 {"name": "cpx*", "mode": "enforce",
  "rx": {"default": "drop",
         "rule": [{"action": "accept", "id-match": "range",
                   "id-space": ["sff"], "id-lo": 256, "id-hi": 271}]},
  "tx": {"default": "accept",
         "rule": [{"action": "drop", "id-match": "range",
                   "id-space": ["sff"], "id-lo": 2015, "id-hi": 2015,
                   "flags": ["log"]},
                  {"action": "drop", "kinds": ["xl"]}]}},
 {"name": "cpx0", "mode": "monitor", "event-rate": 5, "event-burst": 2,
  "rx": {"default": "accept"},
  "tx": {"default": "drop", "log-default": true,
         "rule": [{"action": "accept", "id-match": "mask",
                   "id-space": ["eff"], "id-lo": 419361024,
                   "id-hi": 536870656, "rate": 10, "burst": 3}]}}
]}
JSON
cat >"$work/two.canfw" <<'POL'
interface cpx* {
	rx default drop
	tx default accept
	rx accept id 0x100-0x10F
	tx drop id 0x7DF log
	tx drop xl
}
interface cpx0 {
	mode monitor
	events 5/s burst 2
	tx default drop
	log-default tx
	tx accept eff id 0x18FEF100/0x1FFFFF00 rate 10/s burst 3
}
POL
cli --do load --json "$(cat "$work/two.json")" >"$work/load" 2>&1
check ynl_load [ "$(json "$work/load" 'd["generation"]')" -gt 0 ]
ctl check -p "$work/two.canfw" >"$work/want"
ctl show >"$work/shown"
check ynl_load_shown_as_written cmp -s "$work/want" "$work/shown"
[ -s "$work/shown" ] || cat "$work/load"

# The dump in ynl's view is the policy canfwctl shows.
cli --dump get-policy >"$work/dump"
check ynl_dump_policy python3 - "$work/dump" <<'PY'
import json, sys
msgs = json.load(open(sys.argv[1]))
ent = {}
for m in msgs:
    for i in m["iface"]:
        e = ent.setdefault(i["name"], {"rx": [], "tx": []})
        for k in ("mode", "event-rate"):
            if k in i:
                e[k] = i[k]
        for d in ("rx", "tx"):
            e[d] += i.get(d, {}).get("rule", [])
assert list(ent) == ["cpx*", "cpx0"], ent
assert ent["cpx0"]["mode"] == "monitor" and ent["cpx0"]["event-rate"] == 5
r = ent["cpx*"]["tx"]
assert [x["action"] for x in r] == ["drop", "drop"] and r[0]["id-lo"] == 2015
assert set(r[1]["kinds"]) == {"xl"}, r[1]
assert ent["cpx0"]["tx"][0]["rate"] == 10 and ent["cpx0"]["rx"] == []
PY
# Counters: ynl and canfwctl count the same frames.
cansend cpx1 7DF#01 2>/dev/null
cansend cpx1 123#01
cli --dump get-counters >"$work/ctr"
check ynl_dump_counters python3 - "$work/ctr" <<'PY'
import json, sys
tx = {}
for m in json.load(open(sys.argv[1])):
    for i in m["iface"]:
        if i["name"] == "cpx*" and "tx" in i and "counters" in i["tx"]:
            tx = i["tx"]["counters"]
assert tx.get("dropped-rule") == 1 and tx.get("accepted") == 1, tx
PY
check ynl_counters_match_canfwctl [ "$(stat cpx1 tx dropped_rule)/$(stat cpx1 tx accepted)" = 1/1 ]
cli --do reset-counters >/dev/null
check ynl_reset_counters [ "$(stat cpx1 tx dropped_rule)/$(stat cpx1 tx accepted)" = 0/0 ]

# Events through ynl's --subscribe.
# cli.py subscribes, then sleeps; loading the spec takes a while under TCG
# (longest under the debug kernel), so frames go out until it is done.
cli --subscribe events --sleep 10 >"$work/ev" 2>&1 &
sub=$!
while kill -0 $sub 2>/dev/null; do
	cansend cpx1 7DF#02 2>/dev/null
	sleep 1
done
wait $sub
check ynl_subscribe_events python3 - "$work/ev" <<'PY'
import json, sys
ev = [m for m in json.load(open(sys.argv[1])) if m.get("name") == "event"]
e = ev[0]["msg"]
assert e["ifname"] == "cpx1", e
assert e["event"]["can-id"] == 0x7DF and e["event"]["action"] == "drop", e
PY

# A transaction a client leaves half-sent changes nothing: the socket
# closes and the kernel discards it. An error inside one discards it too.
gen=$(ctl -j info | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')
part='{"iface": [{"name": "cpx1", "rx": {"default": "drop"}}]}'
cli --multi load-begin '{}' --multi load "$part" >/dev/null 2>&1
ctl show >"$work/now"
check txn_half_sent_changes_nothing cmp -s "$work/want" "$work/now"
bad='{"iface": [{"name": "cpx1", "rx": {"rule-start": 5, "rule": [{"action": "drop"}]}}]}'
cli --multi load-begin '{}' --multi load "$part" --multi load "$bad" \
	--multi load-commit '{}' >"$work/txbad" 2>&1
check txn_error_refused grep -q 'rule-start does not continue' "$work/txbad"
ctl show >"$work/now"
check txn_error_changes_nothing cmp -s "$work/want" "$work/now"
check txn_generation_unchanged [ "$(ctl -j info | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')" = "$gen" ]
# A complete one: an entry in two slices, then commit.
s1='{"iface": [{"name": "cpx1", "rx": {"default": "drop", "nrules": 2, "rule": [{"action": "accept", "id-match": "range", "id-space": ["sff"], "id-lo": 1, "id-hi": 1}]}}]}'
s2='{"iface": [{"name": "cpx1", "rx": {"rule-start": 1, "rule": [{"action": "accept", "id-match": "range", "id-space": ["sff"], "id-lo": 2, "id-hi": 2}]}}]}'
cli --multi load-begin '{}' --multi load "$s1" --multi load "$s2" \
	--multi load-commit '{}' >"$work/txok" 2>&1
printf 'interface cpx1 {\n\trx default drop\n\trx accept id 0x001\n\trx accept id 0x002\n}\n' >"$work/txok.canfw"
ctl check -p "$work/txok.canfw" >"$work/txwant"
ctl show >"$work/now"
check txn_commit_publishes cmp -s "$work/txwant" "$work/now"
cli --do load-commit >"$work/nocommit" 2>&1
check txn_commit_without_begin grep -q 'no load transaction' "$work/nocommit"

# Payload and sender rules as any client sends them: the bitmap of UDS
# services (0x10, 0x22, 0x3E), byte matches as nests, uid ranges.
uds=000001000400004$(printf '0%.0s' $(seq 49))
rule() { echo "{\"action\": \"$1\", \"id-match\": \"range\", \"id-space\": [\"sff\"], \"id-lo\": $2, \"id-hi\": $2, $3}"; }
ctx='{"iface": [{"name": "cpx9", "rx": {"rule": [
	'"$(rule accept 2016 "\"uds\": \"$uds\"")"',
	'"$(rule accept 2016 '"isotp": ["cf", "fc"]')"',
	'"$(rule drop 256 '"data": [{"offset": 1, "len": 1, "value": 39}]')"']},
	"tx": {"rule": [{"action": "drop", "uid-lo": 1000, "uid-hi": 1999},
	                {"action": "accept", "no-socket": true}]}}]}'
cli --do load --json "$ctx" >"$work/ctx.load" 2>&1
printf 'interface cpx9 {\n\trx accept id 0x7E0 uds 0x10,0x22,0x3E\n\trx accept id 0x7E0 isotp cf,fc\n\trx drop id 0x100 data[1] 0x27\n\ttx drop uid 1000-1999\n\ttx accept socket none\n}\n' >"$work/ctx.canfw"
ctl check -p "$work/ctx.canfw" >"$work/ctxwant"
ctl show >"$work/now"
check ynl_payload_sender_load cmp -s "$work/ctxwant" "$work/now"
[ -s "$work/now" ] || cat "$work/ctx.load"
# Each refused with the engine's reason, and nothing changes.
refused() {	# refused NAME MESSAGE RULE-JSON
	cli --do load --json "{\"iface\": [{\"name\": \"cpx9\", \"rx\": {\"rule\": [$3]}}]}" \
		>"$work/refused" 2>&1
	check "ynl_refused_$1" grep -qF "$2" "$work/refused"
	ctl show >"$work/now"
	check "ynl_refused_$1_changes_nothing" cmp -s "$work/ctxwant" "$work/now"
}
d='{"offset": 0, "len": 1, "value": 1}'
refused five_byte_matches "a rule has at most 4 byte matches" \
	"$(rule drop 1 "\"data\": [$d, $d, $d, $d, $d]")"
refused byte_match_no_value "a byte match needs an offset, a length and a value" \
	"$(rule drop 1 '"data": [{"offset": 0, "len": 1}]')"
refused value_outside_mask "a byte match's value has bits outside its mask" \
	"$(rule drop 1 '"data": [{"offset": 0, "len": 2, "value": 17, "mask": 240}]')"
refused uds_empty "uds names no service" \
	"$(rule drop 1 "\"uds\": \"$(printf '0%.0s' $(seq 64))\"")"
refused uds_short "" "$(rule drop 1 '"uds": "0011"')"
grep -qi 'error\|exception' "$work/refused" ||
	notok ynl_refused_uds_short_says_so "$(cat "$work/refused")"
refused cgroup_without_id "a cgroup match needs a cgroup id and a level of 1 to 16" \
	'{"action": "drop", "cgroup-level": 2}'
refused no_socket_with_uid "a frame without a socket has no uid, gid or cgroup to match" \
	'{"action": "drop", "no-socket": true, "uid-lo": 1}'

# States as any client sends them: declared in the load, a rule limited to
# one, a direction's state default, trigger and selector; then state-get,
# state-set, and the refusals, each changing nothing.
st='{"state": [{"name": "parked"}, {"name": "lockdown", "flags": ["sticky"]}],
	"iface": [{"name": "cpx9", "rx": {"state-default": "drop", "state-default-in": 2,
	"trigger": {"event": "drops", "count": 3, "window": 1000000, "state": 1},
	"selector": [{"can-id": 180, "state": 0, "data": [{"offset": 0, "len": 2, "value": 0}]}],
	"rule": ['"$(rule accept 2016 '"in": 1')"']}}]}'
cli --do load --json "$st" >"$work/st.load" 2>&1
printf 'state parked\nstate lockdown sticky\n\ninterface cpx9 {\n\trx default drop in lockdown\n\trx on drops 3 within 1s state lockdown\n\trx select id 0x0B4 data[0:2] 0x0000 state parked\n\trx accept id 0x7E0 in parked\n}\n' >"$work/st.canfw"
ctl check -p "$work/st.canfw" >"$work/stwant"
ctl show | grep -v '^# state' >"$work/now"
check ynl_state_load cmp -s "$work/stwant" "$work/now"
[ -s "$work/now" ] || cat "$work/st.load"
cli --do state-get >"$work/sget" 2>&1
check ynl_state_get [ "$(json "$work/sget" 'd["state-name"], [s["name"] for s in d["state"]]')" = "('parked', ['parked', 'lockdown'])" ]
cli --do state-set --json '{"state-name": "lockdown"}' >"$work/sset" 2>&1
check ynl_state_set [ "$(ctl state | head -1)" = "state lockdown seq $(json "$work/sset" 'd["state-seq"]')" ]
cli --do state-set --json '{"state-name": "nope"}' >"$work/sbad" 2>&1
check ynl_state_set_unknown grep -qF "the policy in force declares no such state" "$work/sbad"
check ynl_state_set_unknown_changes_nothing [ "$(ctl state | head -1 | cut -d' ' -f2)" = lockdown ]
srefused() {	# srefused NAME MESSAGE LOAD-JSON
	cli --do load --json "$3" >"$work/refused" 2>&1
	check "ynl_refused_$1" grep -qF "$2" "$work/refused"
	ctl show | grep -v '^# state' >"$work/now"
	check "ynl_refused_$1_changes_nothing" cmp -s "$work/stwant" "$work/now"
}
srefused state_name "state names are letters, digits, - and _" \
	'{"state": [{"name": "a b"}], "iface": [{"name": "cpx9"}]}'
srefused state_twice "a state is declared twice" \
	'{"state": [{"name": "a"}, {"name": "a"}], "iface": [{"name": "cpx9"}]}'
srefused rule_in_undeclared "the rule is limited to a state the policy does not declare" \
	'{"state": [{"name": "a"}], "iface": [{"name": "cpx9", "rx": {"rule": ['"$(rule drop 1 '"in": 2')"']}}]}'
srefused trigger_undeclared "a trigger switches to a state the policy does not declare" \
	'{"iface": [{"name": "cpx9", "rx": {"trigger": {"event": "drops", "count": 3, "window": 1000, "state": 0}}}]}'
srefused trigger_incomplete "a trigger needs an event, a count, a window and a state" \
	'{"state": [{"name": "a"}], "iface": [{"name": "cpx9", "rx": {"trigger": {"event": "drops", "count": 3}}}]}'
srefused selector_tx "selectors read received frames: rx only" \
	'{"state": [{"name": "a"}], "iface": [{"name": "cpx9", "tx": {"selector": [{"can-id": 1, "state": 0}]}}]}'

# Sets, comments and handles as any client sends them: a rule whose ID
# matches go on in id-part nests, its handle and comment, an entry's
# comment; show prints them as canfwctl writes them, -a with the handle
# sent. Refused sets change nothing.
set='{"iface": [{"name": "cpx9", "comment": "bench", "rx": {"rule": [
	'"$(rule drop 2015 '"handle": 4711, "comment": "diag", "id-part": [
	{"match": "range", "space": ["sff"], "lo": 2016, "hi": 2023},
	{"match": "mask", "space": ["eff"], "lo": 416940032, "hi": 536805376}]')"']}}]}'
cli --do load --json "$set" >"$work/set.load" 2>&1
printf 'interface cpx9 {\n\tcomment "bench"\n\trx drop id { 0x7DF, 0x7E0-0x7E7, 0x18DA0000/0x1FFF0000 } comment "diag"\n}\n' >"$work/set.canfw"
ctl check -p "$work/set.canfw" >"$work/setwant"
ctl show >"$work/now"
check ynl_set_comment_load cmp -s "$work/setwant" "$work/now"
[ -s "$work/now" ] || cat "$work/set.load"
check ynl_handle_kept sh -c "'$ctl' -a show | grep -q ' # handle 4711\$'"
cli --dump get-policy >"$work/setdump" 2>&1
check ynl_set_dumped [ "$(json "$work/setdump" '[(p["lo"], p["hi"]) for p in d[0]["iface"][0]["rx"]["rule"][0]["id-part"]]')" = "[(2016, 2023), (416940032, 536805376)]" ]
setrefused() {	# setrefused NAME MESSAGE ID-PARTS-JSON
	cli --do load --json "{\"iface\": [{\"name\": \"cpx9\", \"rx\": {\"rule\": [$(rule drop 1 "\"id-part\": [$3]")]}}]}" \
		>"$work/refused" 2>&1
	check "ynl_refused_$1" grep -qF "$2" "$work/refused"
	ctl show >"$work/now"
	check "ynl_refused_$1_changes_nothing" cmp -s "$work/setwant" "$work/now"
}
setrefused set_any "a set of IDs holds IDs, ranges and masks, not any" \
	'{"match": "any", "space": ["sff"], "lo": 0}'
setrefused set_both_spaces "an ID match needs exactly one ID space, standard or extended" \
	'{"match": "range", "space": ["sff", "eff"], "lo": 1}'
setrefused set_no_space "an ID of a set needs a match, a space and a value" \
	'{"match": "range", "lo": 1}'
p1='{"match": "range", "space": ["sff"], "lo": 5}'
setrefused set_too_large "a set holds at most 32 IDs, ranges and masks" \
	"$(printf "$p1,%.0s" $(seq 31))$p1"

# A comment that would not print back as one (a quote, a newline).
cmrefused() {	# cmrefused NAME LOAD-JSON
	cli --do load --json "$2" >"$work/refused" 2>&1
	check "ynl_refused_$1" grep -qF "a comment holds no quote or control character" "$work/refused"
	ctl show >"$work/now"
	check "ynl_refused_$1_changes_nothing" cmp -s "$work/setwant" "$work/now"
}
cmrefused comment_quote \
	'{"iface": [{"name": "cpx9", "rx": {"rule": ['"$(rule drop 1 '"comment": "say \"hi\""')"']}}]}'
cmrefused entry_comment_newline '{"iface": [{"name": "cpx9", "comment": "a\nb"}]}'

# canfwctl's own transactions: a policy far over one message.
{
	for i in $(seq 0 2); do
		echo "interface big$i {"
		for j in $(seq 0 2999); do
			printf '\ttx drop eff id 0x%08X\n' $((0x100000 * i + j))
		done
		echo "}"
	done
} >"$work/big.canfw"
ctl -q load "$work/big.canfw"
check canfwctl_txn_load [ $? = 0 ]
ctl check -p "$work/big.canfw" >"$work/bigwant"
ctl show >"$work/now"
check canfwctl_txn_load_shown cmp -s "$work/bigwant" "$work/now"

# An error the kernel finds points at the line it comes from: more
# interface entries than the module takes.
{
	for i in $(seq 0 1024); do echo "interface e$i { }"; done
} >"$work/many.canfw"
ctl load "$work/many.canfw" >/dev/null 2>"$work/many.err"
check kernel_error_exit_code [ $? = 2 ]
check kernel_error_at_line grep -q "many.canfw:1025:[0-9]*: too many interface entries: at most 1024" "$work/many.err"
ctl show >"$work/now"
check kernel_error_changed_nothing cmp -s "$work/bigwant" "$work/now"

ctl flush >/dev/null
ip link del cpx0
ip link del cpx1
rmmod canfw
check controlplane_rmmod [ ! -d /sys/module/canfw ]
rm -rf "$work"
