#!/usr/bin/env bash
# Runs inside a guest: who may drive the canfw family. Every command needs
# CAP_NET_ADMIN in the user namespace that owns the caller's network
# namespace: the root of a new user namespace rules the network namespaces
# it creates, and nothing else. Appends to OUTDIR/firewall.tap.
#
# usage: privileges.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw vcan
insmod "$ko" || { notok userns_insmod "cannot load $ko"; exit 1; }

# The initial namespace's policy, which nobody below may see or change.
pi=$(policy init <<'EOF'
interface privcan0 {
	tx drop id 0x321
}
EOF
)
ctl -q load "$pi"
ctl show >"$work/init.before"

pu=$(policy userns <<'EOF'
interface ucan* {
	tx drop id 0x123
}
EOF
)
# One user namespace, with root mapped to root. Its root holds every
# capability in it, but none in the initial user namespace that owns the
# initial network namespace. The results are files in $work, judged below.
cat >"$work/userns.sh" <<'EOF'
ctl=$1 w=$2 pu=$3
for c in show flush "load $pu"; do
	# shellcheck disable=SC2086 # $c is a command and its argument
	"$ctl" $c >/dev/null 2>"$w/init.${c%% *}.err"
	echo $? >"$w/init.${c%% *}.rc"
done
# A network namespace this user namespace owns.
unshare --net sh -c '
	ctl=$1 w=$2 pu=$3
	ip link add ucan0 type vcan && ip link set ucan0 up
	"$ctl" load "$pu" >"$w/own.load" 2>&1
	echo $? >"$w/own.load.rc"
	"$ctl" show >"$w/own.show" 2>&1
	cansend ucan0 123#01 2>"$w/own.send.err"
	echo $? >"$w/own.send123.rc"
	cansend ucan0 124#01
	echo $? >"$w/own.send124.rc"
	"$ctl" -j stats ucan0 >"$w/own.stats"
	# Without CAP_NET_ADMIN, even the root of the owning namespace is refused.
	setpriv --bounding-set -net_admin --inh-caps -net_admin \
		"$ctl" show >/dev/null 2>"$w/own.nocap.err"
	echo $? >"$w/own.nocap.rc"
	"$ctl" flush >/dev/null
	echo $? >"$w/own.flush.rc"
	cansend ucan0 123#01
	echo $? >"$w/own.flushed.rc"
' sh "$ctl" "$w" "$pu"
EOF
unshare --user --map-root-user sh "$work/userns.sh" "$ctl" "$work" "$pu"
check userns_created [ -f "$work/own.flushed.rc" ]

rc() { cat "$work/$1.rc" 2>/dev/null; }
eperm() { grep -q 'Operation not permitted' "$work/$1.err"; }
check userns_init_show_refused [ "$(rc init.show)" = 2 ]
check userns_init_show_eperm eperm init.show
check userns_init_flush_refused [ "$(rc init.flush)" = 2 ]
check userns_init_load_refused [ "$(rc init.load)" = 2 ]
check userns_init_load_eperm eperm init.load
ctl show >"$work/init.after"
check userns_init_policy_unchanged cmp -s "$work/init.before" "$work/init.after"

check userns_own_load [ "$(rc own.load)" = 0 ]
check userns_own_load_generation grep -qx 'generation [0-9]*' "$work/own.load"
check userns_own_show grep -q 'tx drop id 0x123' "$work/own.show"
check userns_own_show_only_own sh -c "! grep -q privcan0 '$work/own.show'"
# The policy works there: ENOBUFS for the dropped ID, the other passes.
check userns_own_tx_dropped [ "$(rc own.send123)" = 1 ]
check userns_own_tx_error grep -q 'No buffer space available' "$work/own.send.err"
check userns_own_tx_passes [ "$(rc own.send124)" = 0 ]
own_counted() {
	python3 - "$work/own.stats" <<'EOF'
import json, sys
tx = json.load(open(sys.argv[1]))["interfaces"][0]["tx"]
sys.exit(not (tx["dropped_rule"], tx["accepted"]) == (1, 1))
EOF
}
check userns_own_counted own_counted
check userns_own_without_cap_refused [ "$(rc own.nocap)" = 2 ]
check userns_own_without_cap_eperm eperm own.nocap
check userns_own_flush [ "$(rc own.flush)" = 0 ]
check userns_own_flushed_passes [ "$(rc own.flushed)" = 0 ]

# Plain unprivileged users are refused every command, and change nothing.
# They can read the policy file: the refusal must come from the kernel.
chmod 755 "$work"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
for c in load flush reset; do
	arg=
	[ $c = load ] && arg=$pu
	# shellcheck disable=SC2086 # $arg is empty or one path
	nobody "$ctl" $c $arg >/dev/null 2>"$work/nobody.$c.err"
	echo $? >"$work/nobody.$c.rc"
	check "unprivileged_${c}_refused" [ "$(rc nobody.$c)" = 2 ]
	check "unprivileged_${c}_eperm" eperm nobody.$c
done
ctl show >"$work/init.after"
check unprivileged_policy_unchanged cmp -s "$work/init.before" "$work/init.after"

ctl flush >/dev/null
rmmod canfw
check userns_unload [ $? = 0 ]
exit 0
