#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# canfwctl dbc from the outside: exact output and errors on small files
# written here, then the six DBC files of the shared test data, each
# compared rule by rule with what an awk reading of the same file expects
# (IDs, 29-bit IDs, kinds, lengths, cycle times, senders, receivers), run
# through `canfwctl check`, and two of them replayed against logs of the
# same vehicles (shared/data/PROVENANCE.md, section 3) with frame counts
# taken from the logs by awk.
# Usage: dbc.sh CANFWCTL
set -uo pipefail
ctl=$(realpath "$1")
data=${CANFW_DATA:-/work/shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# shellcheck source=tests/userspace/lib.sh
. "$(dirname "$0")/lib.sh"

# error NAME WANT_STDERR ARGS...: exit 1, that one line, nothing on stdout
error() {
	local name=$1 want=$2
	shift 2
	run 1 "$name" "$@" || return
	printf '%s\n' "$want" >"$tmp/want"
	if [ -s "$tmp/out" ]; then
		echo "# stdout is not empty"
		result 1 "$name"
		return
	fi
	same "$name" "$tmp/err" "$tmp/want"
}

# --- small files, exact text -------------------------------------------

cd "$tmp" || exit 1
printf '%s\r\n' 'VERSION ""' '' 'NS_ :' '	CM_' '	BA_' '' 'BS_:' '' \
	'BU_: ECU GW' '' \
	'BO_ 2566840064 Ext: 8 ECU' \
	' SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" GW' \
	'BO_ 256 Fast: 64 ECU' \
	' SG_ Mode M : 0|8@1+ (1,0) [0|3] "" GW' \
	' SG_ Torque m1 : 8|16@1- (0.5,0) [-500|500] "Nm" GW,Vector__XXX' \
	'BO_ 512 Event: 2 GW' \
	' SG_ Req : 0|8@1+ (1,0) [0|0] "" ECU' \
	'BO_ 513 Slow: 8 GW' \
	' SG_ Odo : 0|32@1+ (1,0) [0|0] "km" ECU' \
	'BO_ 514 Rare: 8 GW' \
	' SG_ Odo2 : 0|32@1+ (1,0) [0|0] "km" ECU' \
	'BO_ 3221225472 VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX' \
	' SG_ Orphan : 0|8@1+ (1,0) [0|0] "" GW' \
	'BO_TX_BU_ 512 : ECU;' \
	"CM_ BO_ 256 \"Torque request; sent by ECU" \
	"BO_ 999 NotAMessage: 8 GW\";" \
	'BA_DEF_ BO_  "GenMsgCycleTime" INT 0 1000000;' \
	'BA_DEF_ BO_  "GenMsgSendType" ENUM  "Cyclic","Spontaneous";' \
	'BA_DEF_DEF_  "GenMsgCycleTime" 10;' \
	'BA_DEF_DEF_  "GenMsgSendType" "Cyclic";' \
	'BA_ "GenMsgSendType" BO_ 512 1;' \
	'BA_ "GenMsgCycleTime" BO_ 513 250000;' \
	'BA_ "GenMsgCycleTime" BO_ 514 700000;' >small.dbc
cat >want <<'W'
# canfw policy from the CAN database small.dbc, written by canfwctl dbc
# 5 messages: 1 with a 29-bit ID, 1 CAN FD, 4 cyclic with a cycle time
# no --node: rx accepts every message of the file, tx is left open
# 5 rx rules, 0 tx rules; every other frame is dropped in rx
# timing: period = GenMsgCycleTime, jitter = half of it (early frames are logged, not dropped), timeout = 3 periods
# skipped VECTOR__INDEPENDENT_SIG_MSG (0xC0000000): Vector's container for signals of no message
interface can0 {
	rx default drop
	tx default accept
	rx accept id 0x100 fd len 64 period 10ms jitter 5ms timeout 30ms early log	# Fast from ECU
	rx accept id 0x200 data len 2	# Event from GW,ECU
	rx accept id 0x201 data len 8 period 250s jitter 125s early log	# Slow from GW; no timeout: three cycles are above 600s
	rx accept id 0x202 data len 8	# Rare from GW; no timing: its cycle time is above 600s
	rx accept id 0x18FEDF00 eff data len 8 period 10ms jitter 5ms timeout 30ms early log	# Ext from ECU
}
W
run 0 "dbc: small file" dbc small.dbc &&
	same "dbc: small file: the policy, exactly" "$tmp/out" want
cp out small.canfw
"$ctl" check small.canfw >check.out 2>&1
[ $? = 0 ] && [ ! -s check.out ]
result $? "dbc: small file: canfwctl check passes, silent"

# The timed rule on a made-up log: one frame 2 ms early, then a gap of
# 170 ms. Early frames are logged, never dropped: all six pass. Frames of
# the wrong kind (a classical 0x100) or length (3 bytes of 0x200) and an
# ID of no message do not.
fd64=$(printf '%0128d' 0)
{
	for t in 0.000000 0.010000 0.020000 0.022000 0.030000 0.200000; do
		echo "($t) can0 100##0$fd64"
	done
	printf '%s\n' '(0.201000) can0 100#0000000000000000' \
		'(0.202000) can0 200#000000' '(0.203000) can0 200#0000' \
		'(0.204000) can0 18FEDF00#0000000000000000' \
		'(0.205000) can0 0000DF00#0000000000000000'
} >small.log
if run 0 "dbc: small file: replay" -j replay small.canfw small.log; then
	grep -o '"rx": {"accepted": [0-9]*, "dropped_rule": [0-9]*, "dropped_default": [0-9]*' out >got
	grep -o '"frames": [0-9]*, "bytes": [0-9]*, "rate_limited": [0-9]*, "early": [0-9]*, "missing": [0-9]*, "recovered": [0-9]*' out |
		head -2 >>got
	printf '%s\n' '"rx": {"accepted": 8, "dropped_rule": 0, "dropped_default": 3' \
		'"frames": 6, "bytes": 384, "rate_limited": 0, "early": 1, "missing": 1, "recovered": 1' \
		'"frames": 1, "bytes": 2, "rate_limited": 0, "early": 0, "missing": 0, "recovered": 0' >want
	same "dbc: small file: replay: early frames logged, not dropped; wrong kinds and lengths dropped" got want
fi

cat >want <<'W'
# canfw policy from the CAN database <stdin>, written by canfwctl dbc
# 5 messages: 1 with a 29-bit ID, 1 CAN FD, 4 cyclic with a cycle time
# nodes ECU GW: tx accepts the messages they send (BO_, BO_TX_BU_), rx those with a signal they receive
# 5 rx rules, 5 tx rules; every other frame is dropped
# timing: none (--no-timing)
# skipped VECTOR__INDEPENDENT_SIG_MSG (0xC0000000): Vector's container for signals of no message
interface vcan* {
	rx default drop
	tx default drop
	rx accept id 0x100 fd len 64	# Fast from ECU
	rx accept id 0x200 data len 2	# Event from GW,ECU
	rx accept id 0x201 data len 8	# Slow from GW
	rx accept id 0x202 data len 8	# Rare from GW
	rx accept id 0x18FEDF00 eff data len 8	# Ext from ECU
	tx accept id 0x100 fd len 64	# Fast from ECU
	tx accept id 0x200 data len 2	# Event from GW,ECU
	tx accept id 0x201 data len 8	# Slow from GW
	tx accept id 0x202 data len 8	# Rare from GW
	tx accept id 0x18FEDF00 eff data len 8	# Ext from ECU
}
W
run 0 "dbc: stdin, options before and after the file" \
	dbc --node ECU - --no-timing --iface 'vcan*' --node GW --node ECU <small.dbc &&
	same "dbc: two nodes, a glob, no timing" "$tmp/out" want

# Timed rules under a glob share one schedule (LANGUAGE.md, Timing).
run 0 "dbc: a glob with timed rules" dbc --iface 'can*' small.dbc &&
	grep -qx '# the timed rules keep one schedule for all the interfaces the glob matches: one bus each only' out &&
	grep -qx 'interface can\* {' out
result $? "dbc: a glob with timed rules: the header says they share a schedule"

run 0 "dbc: --node GW" dbc small.dbc --node GW &&
	grep -E '^	(rx|tx) accept' out | sed 's/	#.*//' >got &&
	printf '\t%s\n' 'rx accept id 0x100 fd len 64 period 10ms jitter 5ms timeout 30ms early log' \
		'rx accept id 0x18FEDF00 eff data len 8 period 10ms jitter 5ms timeout 30ms early log' \
		'tx accept id 0x200 data len 2' \
		'tx accept id 0x201 data len 8 period 250s jitter 125s early log' \
		'tx accept id 0x202 data len 8' >want &&
	same "dbc: --node GW: tx what GW sends, rx what its signals receive" got want

error "dbc: unknown node names the file's nodes" \
	"Error: small.dbc: no node 'BCM'; its nodes (BU_): ECU GW" \
	dbc small.dbc --node BCM
error "dbc: node names are case-sensitive" \
	"Error: small.dbc: no node 'ecu'; its nodes (BU_): ECU GW" \
	dbc --node ecu small.dbc

# Malformed files: FILE:LINE, exit 1, nothing on stdout.
printf 'BU_: A\r\n\r\nCM_ "two\r\nlines; here";\r\nBO_ 256 Msg: 8\r\n' >bad1.dbc
error "dbc: BO_ without a sender, after CRLF and a 2-line string" \
	"Error: bad1.dbc:5: BO_ needs an ID, a name, ':', a length and a sender on its line" \
	dbc bad1.dbc
printf 'BU_: A\nBO_ 1073741825 M: 8 A\n' >bad2.dbc
error "dbc: bits 29 and 30 of an ID" \
	"Error: bad2.dbc:2: message ID 1073741825 (0x40000001) sets bits above the 29-bit ID other than bit 31, the extended-ID flag" \
	dbc bad2.dbc
printf 'BU_: A\nBO_ 1 M: 65 A\n' >bad3.dbc
error "dbc: a length that is no CAN FD length" \
	"Error: bad3.dbc:2: message M: length '65' is none of 0 to 8, a CAN FD DLC code 9 to 15, or 12, 16, 20, 24, 32, 48, 64 bytes" \
	dbc bad3.dbc
printf 'BU_: A\nBO_ 1 M: 8 A\n\nBA_ "GenMsgCycleTime" BO_ 1 "often";\n' >bad4.dbc
error "dbc: a cycle time that is no number" \
	"Error: bad4.dbc:4: GenMsgCycleTime 'often' is not a number of milliseconds" \
	dbc bad4.dbc
printf 'BU_: A\nCM_ "open\n' >bad5.dbc
error "dbc: a string not closed" \
	"Error: bad5.dbc:2: string not closed: no '\"' after this one" dbc bad5.dbc
printf 'VERSION ""\nBU_: A\n' >empty.dbc
error "dbc: a file without messages" \
	"Error: empty.dbc: no messages (BO_): nothing to write a policy for" \
	dbc empty.dbc
run 2 "dbc: a missing file exits 2" dbc nosuch.dbc &&
	grep -qx "Error: nosuch.dbc: No such file or directory" err
result $? "dbc: a missing file: its name and why"
error "dbc: --iface with a blank" \
	"Error: dbc: --iface needs a name or glob of 1 to 15 characters, without blanks or { } ; # \" (see 'canfwctl help dbc')" \
	dbc --iface 'can 0' small.dbc
error "dbc: --iface too long" \
	"Error: dbc: --iface needs a name or glob of 1 to 15 characters, without blanks or { } ; # \" (see 'canfwctl help dbc')" \
	dbc --iface can0123456789abc small.dbc
run 1 "dbc: --iface the parser refuses" dbc --iface 'can/0' small.dbc &&
	grep -q "^Error: dbc: --iface 'can/0': " err && [ ! -s out ]
result $? "dbc: --iface the parser refuses: its message, nothing on stdout"
error "dbc: unknown option" \
	"Error: dbc: unknown option '--nodes' (see 'canfwctl help dbc')" \
	dbc --nodes A small.dbc
error "dbc: --node needs an argument" \
	"Error: dbc: option '--node' needs an argument (see 'canfwctl help dbc')" \
	dbc small.dbc --node
error "dbc: one file" \
	"Error: dbc: expected one DBC file (see 'canfwctl help dbc')" \
	dbc small.dbc empty.dbc
cd - >/dev/null || exit 1

# --- the shared DBC files ------------------------------------------------

# What canfwctl dbc should write for a DBC file, read line by line (the
# files keep every statement on a line, but for comments over lines,
# whose inner lines are skipped): "RX|TX RULE" lines, then a "counts"
# line. Variables: nodes ("A,B" or empty), timing (1 or 0).
cat >"$tmp/expect.awk" <<'AWK'
function fmt(us) {
	if (us % 1000000 == 0)
		return (us / 1000000) "s"
	if (us % 1000 == 0)
		return (us / 1000) "ms"
	return us "us"
}
function any_wanted(list,   a, n, i) {
	n = split(list, a, ",")
	for (i = 1; i <= n; i++)
		if (a[i] in want)
			return 1
	return 0
}
# An enum attribute's name for a message: its index, else the default.
function enum_of(k, id,   v) {
	if ((k, id) in val) {
		v = val[k, id]
		if ((k in nenum) && v ~ /^[0-9]+$/)
			return ((k, v + 0) in enumv) ? enumv[k, v + 0] : ""
		return v
	}
	return (k in def) ? def[k] : ""
}
function cycle_of(id) {
	if (("GenMsgCycleTime", id) in val)
		return val["GenMsgCycleTime", id] + 0
	return def["GenMsgCycleTime"] + 0
}
function timing_words(id,   us, t, s) {
	us = cycle_of(id) * 1000
	if (!timing || us < 100 || us > 600000000)
		return ""
	s = " period " fmt(us) " jitter " fmt(int(us / 2))
	t = us * 3
	if (t < 1000)
		t = 1000
	if (t <= 600000000)
		s = s " timeout " fmt(t)
	return s " early log"
}
BEGIN {
	nwant = split(nodes, a, ",")
	for (i = 1; i <= nwant; i++)
		want[a[i]] = 1
	code[9] = 12; code[10] = 16; code[11] = 20; code[13] = 32
	code[14] = 48; code[15] = 64
}
{ sub(/\r$/, "") }
instr { if (gsub(/"/, "\"") % 2) instr = 0; next }
{ quotes = gsub(/"/, "\"") }
/^BO_ / {
	l = $0
	gsub(/:/, " : ", l)
	split(l, f, " ")
	cur = ""
	if (f[3] != "VECTOR__INDEPENDENT_SIG_MSG") {
		cur = f[2]
		order[++nmsg] = cur
		dlc[cur] = f[5] + 0
		snd[cur] = f[6]
	}
}
/^[ \t]+SG_ / && cur != "" { rcv[cur] = rcv[cur] "," $NF }
/^BO_TX_BU_ / {
	l = $0
	sub(/^BO_TX_BU_ +[0-9]+ *: */, "", l)
	sub(/ *;.*/, "", l)
	gsub(/ /, "", l)
	snd[$2] = snd[$2] "," l
}
/^BA_DEF_ +BO_ +"(GenMsgSendType|VFrameFormat)" +ENUM/ {
	k = $3
	gsub(/"/, "", k)
	l = substr($0, index($0, "ENUM"))
	n = 0
	while (match(l, /"[^"]*"/)) {
		enumv[k, n++] = substr(l, RSTART + 1, RLENGTH - 2)
		l = substr(l, RSTART + RLENGTH)
	}
	nenum[k] = n
}
/^BA_DEF_DEF_ / { k = $2; v = $3; gsub(/[";]/, "", k); gsub(/[";]/, "", v); def[k] = v }
/^BA_ +"[A-Za-z]+" +BO_ / { k = $2; v = $5; gsub(/[";]/, "", k); gsub(/[";]/, "", v); val[k, $4] = v }
quotes % 2 { instr = 1 }
END {
	for (i = 1; i <= nmsg; i++) {
		id = order[i]
		raw = id + 0
		ext = raw >= 2147483648
		if (ext)
			r = sprintf("accept id 0x%08X eff", raw - 2147483648)
		else
			r = sprintf("accept id 0x%03X", raw)
		d = dlc[id]
		fd = d > 8 || enum_of("VFrameFormat", id) ~ /_FD$/
		r = r (fd ? " fd" : " data") " len " ((d in code) ? code[d] : d)
		# Cyclic: no send type at all, or one that says so.
		st = enum_of("GenMsgSendType", id)
		cyclic = (!(("GenMsgSendType", id) in val) &&
			  !("GenMsgSendType" in def)) ||
			 tolower(st) ~ /cyclic|periodic/
		if (cyclic && cycle_of(id) > 0) {
			r = r timing_words(id)
			ncyc++
		}
		n_ext += ext
		nfd += fd
		if (!nwant || any_wanted(rcv[id]))
			print "rx " r
		if (nwant && any_wanted(snd[id]))
			print "tx " r
	}
	printf "counts %d messages: %d with a 29-bit ID, %d CAN FD, %d cyclic with a cycle time\n",
		nmsg, n_ext, nfd, ncyc
}
AWK

# The rules of a generated policy, as "rx|tx RULE" without comments.
rules_of() {
	awk '/^\t(rx|tx) accept / { sub(/\t#.*/, ""); sub(/^\t/, ""); print }' "$1"
}

dbcdir=$data/dbc
# FILE MESSAGES EXTENDED, as PROVENANCE.md counts them.
files="opendbc/FORD_CADS.dbc 80 0
opendbc/ford_lincoln_base_pt.dbc 331 49
opendbc/gm_global_a_lowspeed_1818125.dbc 367 365
opendbc/hyundai_i30_2014.dbc 32 0
opendbc/tesla_powertrain.dbc 6 0
savvycan/ThinkCity.dbc 501 0"

# check_dbc NAME DBC AWKVARS ARGS...: generate, compare with the awk
# reading, check.
check_dbc() {
	local name=$1 f=$2 vars=$3
	shift 3
	if run 0 "$name: exit 0, nothing on stderr" dbc "$@" "$f"; then
		[ ! -s "$tmp/err" ]
		result $? "$name: exit 0, nothing on stderr"
	fi
	cp "$tmp/out" "$tmp/policy"
	# shellcheck disable=SC2086
	awk $vars -f "$tmp/expect.awk" "$f" >"$tmp/expect"
	grep -v '^counts ' "$tmp/expect" | sort >"$tmp/want"
	rules_of "$tmp/policy" | sort >"$tmp/got"
	same "$name: every rule as the awk reading of the file has it" \
		"$tmp/got" "$tmp/want"
	sed -n 's/^counts /# /p' "$tmp/expect" >"$tmp/want"
	sed -n 2p "$tmp/policy" >"$tmp/got"
	same "$name: header counts messages, 29-bit IDs, CAN FD, cycle times" \
		"$tmp/got" "$tmp/want"
	"$ctl" check "$tmp/policy" >"$tmp/check.out" 2>&1
	[ $? = 0 ] && [ ! -s "$tmp/check.out" ]
	result $? "$name: canfwctl check passes, silent"
}

# The node that sends the most messages (none is not a node).
top_sender() {
	tr -d '\r' <"$1" | awk '/^BO_ / && $5 != "Vector__XXX" { n[$5]++ }
		END { for (s in n) if (n[s] > best) { best = n[s]; top = s }
		      print top }'
}

if [ ! -d "$dbcdir" ]; then
	while read -r f _; do
		echo "ok dbc: $f # SKIP $dbcdir is not there (CANFW_DATA names the data directory)"
	done <<<"$files"
else
	while read -r f nmsg want_ext; do
		dbc=$dbcdir/$f
		if [ ! -r "$dbc" ]; then
			echo "ok dbc: $f # SKIP $dbc is not there"
			continue
		fi
		awk -v nodes= -v timing=1 -f "$tmp/expect.awk" "$dbc" |
			grep -qx "counts $nmsg messages: $want_ext with a 29-bit ID, .*"
		result $? "dbc: $f: the awk reading finds $nmsg messages, $want_ext with 29-bit IDs"
		check_dbc "dbc: $f" "$dbc" "-v nodes= -v timing=1"
		node=$(top_sender "$dbc")
		check_dbc "dbc: $f --node $node" "$dbc" \
			"-v nodes=$node -v timing=1" --node "$node"
	done <<<"$files"
fi

# Timing and several nodes on the richest files.
lincoln=$dbcdir/opendbc/ford_lincoln_base_pt.dbc
if [ -r "$lincoln" ]; then
	# PCM and PCM_HEV send some messages only by BO_TX_BU_.
	check_dbc "dbc: ford_lincoln --node PCM --node PCM_HEV" "$lincoln" \
		"-v nodes=PCM,PCM_HEV -v timing=1" --node PCM --node PCM_HEV
	grep -c '^	tx accept' "$tmp/policy" >"$tmp/got"
	tr -d '\r' <"$lincoln" | awk '
		/^BO_ / && ($5 == "PCM" || $5 == "PCM_HEV") { n++ }
		/^BO_TX_BU_ / { l = $0; sub(/^[^:]*:/, "", l)
				if (l ~ /(^|[ ,])PCM(_HEV)?[,;]/) x[$2] = 1 }
		/^BO_ / { s[$2] = $5 }
		END { for (i in x) if (s[i] != "PCM" && s[i] != "PCM_HEV") n++
		      print n }' >"$tmp/want"
	same "dbc: ford_lincoln: tx rules for BO_ senders and BO_TX_BU_ ones" \
		"$tmp/got" "$tmp/want"
	# Ford's send types: FixedPeriodic and EventPeriodic are cyclic.
	run 0 "dbc: ford_lincoln" dbc "$lincoln" &&
		[ "$(grep -c '^	rx accept .* period ' "$tmp/out")" = 150 ] &&
		grep -q '^	rx accept id 0x44E fd len 8 period 100s jitter 50s timeout 300s early log	# ' "$tmp/out"
	result $? "dbc: ford_lincoln: 150 timed rules, 100000 ms as period 100s timeout 300s"
else
	echo "ok dbc: ford_lincoln nodes and timing # SKIP $lincoln is not there"
fi
think=$dbcdir/savvycan/ThinkCity.dbc
if [ -r "$think" ]; then
	check_dbc "dbc: ThinkCity --no-timing" "$think" \
		"-v nodes= -v timing=0" --no-timing
	! grep -qE ' (period|timeout|jitter) ' "$tmp/policy"
	result $? "dbc: ThinkCity --no-timing: no timing words"
else
	echo "ok dbc: ThinkCity --no-timing # SKIP $think is not there"
fi

# --- replays of logs of the same vehicles --------------------------------

# replay_counts POLICY LOG ARGS...: "ACCEPTED DROPPED_DEFAULT" of the
# direction judged, then one "RULE FRAMES" line per rule.
replay_counts() {
	local policy=$1 log=$2 dir=rx
	shift 2
	[[ " $* " == *" --tx "* ]] && dir=tx
	"$ctl" -j replay "$@" "$policy" "$log" >"$tmp/replay.json" 2>"$tmp/err" ||
		return 1
	grep -o "\"$dir\": {\"accepted\": [0-9]*, \"dropped_rule\": [0-9]*, \"dropped_default\": [0-9]*" \
		"$tmp/replay.json" | awk -F'[:,]' '{ print $3 + 0, $7 + 0 }'
	grep -o "\"dir\": \"$dir\", \"index\": [0-9]*, \"rule\": \"[^\"]*\", \"frames\": [0-9]*" \
		"$tmp/replay.json" |
		sed 's/.*"rule": "\([^"]*\)", "frames": \([0-9]*\)/\1 \2/'
}

# log_counts DBC LOG NODES DIR: the same from the log and the DBC: a frame
# passes when the DBC has its ID, it is a classical data frame (no '##'
# CAN FD, no remote 'R') and its length is the DBC's. Every message of these
# DBCs is an 11-bit classical one.
log_counts() {
	awk -v nodes="$3" -v dir="$4" '
	BEGIN { n = split(nodes, a, ","); for (i = 1; i <= n; i++) want[a[i]] = 1 }
	FNR == 1 { file++ }
	{ sub(/\r$/, "") }
	file == 1 && /^BO_ / {
		l = $0; gsub(/:/, " : ", l); split(l, f, " ")
		cur = sprintf("%03X", f[2])
		dlc[cur] = f[5]
		if (!n || (dir == "tx" && f[6] in want))
			len[cur] = dlc[cur]
		order[++nm] = cur
	}
	# With nodes, rx takes the messages with a signal one receives.
	file == 1 && /^[ \t]+SG_ / && dir == "rx" && n {
		k = split($NF, r, ",")
		for (i = 1; i <= k; i++)
			if (r[i] in want)
				len[cur] = dlc[cur]
	}
	file == 2 {
		split($NF, p, "#"); id = toupper(p[1]); data = p[2]
		if (index($NF, "##") || data ~ /^R/ || !(id in len) ||
		    length(data) != 2 * len[id]) { dropped++; next }
		acc++; per[id]++
	}
	END {
		print acc + 0, dropped + 0
		for (i = 1; i <= nm; i++)
			if (order[i] in len)
				print order[i], per[order[i]] + 0
	}' "$1" "$2"
}

# compare NAME DBC LOG NODES DIR POLICY ARGS...
compare_replay() {
	local name=$1 dbc=$2 log=$3 nodes=$4 dir=$5 policy=$6
	shift 6
	if ! replay_counts "$policy" "$log" "$@" >"$tmp/got.raw"; then
		sed 's/^/# /' "$tmp/err" | head -5
		result 1 "$name: replay"
		return
	fi
	# Rules print as "accept id 0xNNN data len N": keep the ID.
	sed -E 's/^accept id 0x([0-9A-F]+) .* ([0-9]+)$/\1 \2/' "$tmp/got.raw" >"$tmp/got"
	log_counts "$dbc" "$log" "$nodes" "$dir" >"$tmp/want"
	same "$name: accepted and dropped frames, and each rule's, as counted in the log" \
		"$tmp/got" "$tmp/want"
}

tesla=$dbcdir/opendbc/tesla_powertrain.dbc
savvy=$data/logs/savvycan/candump.log
if [ -r "$tesla" ] && [ -r "$savvy" ]; then
	# The log's timestamps are whole seconds, so timed rules could only be
	# wrong there; the Tesla DBC has no cycle times anyway. --no-timing
	# keeps the replay about IDs and lengths.
	"$ctl" dbc --no-timing --iface vcan0 "$tesla" >"$tmp/tesla.canfw"
	compare_replay "dbc: tesla rx" "$tesla" "$savvy" "" rx "$tmp/tesla.canfw"
	# PROVENANCE.md: 5 of the 6 DBC IDs are in the log, 2423 frames of
	# 12974, each with the DBC's length; 0x2BF never comes.
	printf '%s\n' '2423 10551' '106 890' '116 934' '1F8 421' '238 89' \
		'256 89' '2BF 0' >"$tmp/want"
	same "dbc: tesla rx: 2423 of 12974 frames pass, as PROVENANCE.md counts them" \
		"$tmp/got" "$tmp/want"
	"$ctl" dbc --no-timing --node DI "$tesla" >"$tmp/tesla-di.canfw"
	compare_replay "dbc: tesla --node DI, log as sent" "$tesla" "$savvy" DI tx \
		"$tmp/tesla-di.canfw" --tx --iface can0
	"$ctl" dbc --no-timing --node NEO "$tesla" >"$tmp/tesla-neo.canfw"
	compare_replay "dbc: tesla --node NEO, log as received" "$tesla" "$savvy" \
		NEO rx "$tmp/tesla-neo.canfw" --iface can0
else
	echo "ok dbc: tesla replay # SKIP $tesla or $savvy is not there"
fi

hyundai=$dbcdir/opendbc/hyundai_i30_2014.dbc
simlog=$data/logs/similarity_can_ids/test_data.log
if [ -r "$hyundai" ] && [ -r "$simlog" ]; then
	# The log is "LABEL ID#DATA" (label 1: DoS frames, lines 1001 to 2000)
	# with no timestamps: made candump -l lines here, 1 ms apart. 31 lines
	# hold an ID and no data, no frame to rebuild: left out. The times are
	# made up, so --no-timing (the DBC has no cycle times either).
	tr -d '\r' <"$simlog" | awk -v want=0 '
		$1 == want && index($2, "#") {
			printf "(%d.%06d) can0 %s\n", n / 1000, n % 1000 * 1000, $2; n++ }' \
		>"$tmp/normal.log"
	tr -d '\r' <"$simlog" | awk -v want=1 '
		$1 == want && index($2, "#") {
			printf "(%d.%06d) can0 %s\n", n / 1000, n % 1000 * 1000, $2; n++ }' \
		>"$tmp/attack.log"
	wc -l <"$tmp/normal.log" | tr -d ' ' >"$tmp/got"
	wc -l <"$tmp/attack.log" | tr -d ' ' >>"$tmp/got"
	printf '969\n1000\n' >"$tmp/want"
	same "dbc: hyundai: 969 normal frames with data, 1000 DoS frames" \
		"$tmp/got" "$tmp/want"
	"$ctl" dbc --no-timing "$hyundai" >"$tmp/hyundai.canfw"
	compare_replay "dbc: hyundai normal traffic" "$hyundai" "$tmp/normal.log" \
		"" rx "$tmp/hyundai.canfw"
	# SAS1 (0x2B0) is 5 bytes in the log, MDPS11 (0x5E4) 3: the DBC says
	# 8, so the rules take none of them.
	grep -E '^(2B0|5E4) ' "$tmp/got" >"$tmp/got2"
	printf '2B0 0\n5E4 0\n' >"$tmp/want"
	same "dbc: hyundai: frames shorter than the DBC's length are dropped" \
		"$tmp/got2" "$tmp/want"
	n=$(grep -ciE ' (2b0|5e4)#' "$tmp/normal.log")
	[ "$n" -gt 0 ]
	result $? "dbc: hyundai: the log has such frames ($n)"
	compare_replay "dbc: hyundai DoS frames" "$hyundai" "$tmp/attack.log" \
		"" rx "$tmp/hyundai.canfw"
	head -1 "$tmp/got" >"$tmp/got2"
	echo "0 1000" >"$tmp/want"
	same "dbc: hyundai: every DoS frame (IDs 0x001-0x01F) is dropped" \
		"$tmp/got2" "$tmp/want"
else
	echo "ok dbc: hyundai replay # SKIP $hyundai or $simlog is not there"
fi

exit $failed
