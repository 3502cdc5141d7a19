#!/usr/bin/env bash
# Runs inside a guest: dumps that race a load. The kernel flags the parts
# produced after the load NLM_F_DUMP_INTR, and canfwctl starts over, so
# what it prints is one whole generation. dumprace.c (an LD_PRELOAD shim,
# built here with the host's gcc) runs the load between two recv()s of a
# multi-part dump. Appends to OUTDIR/firewall.tap.
#
# usage: dumps.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
here=$(dirname "$0")
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$here/lib.sh"

modules can
insmod "$ko" || { notok dump_insmod "cannot load $ko"; exit 1; }
# make check builds it on the host (CANFW_DUMPRACE): gcc takes a third of
# a minute under the debug kernel.
shim=${CANFW_DUMPRACE:-}
if [ -z "$shim" ]; then
	shim=$work/dumprace.so
	gcc -shared -fPIC -std=gnu11 -O2 -Wall -Wextra -Werror -o "$shim" \
		"$here/dumprace.c" -ldl
fi
check dumprace_built [ -f "$shim" ]

# Two generations that share nothing: other names, other sizes, other
# directions. Each dumps in many parts; a dump that went on from A's
# cursor into B would give a mix, or slices that do not fit together.
{
	echo "interface dra0 {"
	for i in $(seq 0 2999); do
		printf '\trx drop eff id 0x%08X\n' $((0x01000000 + i * 3))
	done
	echo "}"
} >"$work/A.canfw"
{
	echo "interface drb0 {"
	echo "	tx default drop"
	for i in $(seq 0 1999); do
		printf '\ttx accept id 0x%03X len 0-%d\n' $((i % 2048)) $((i % 9))
	done
	echo "}"
	echo "interface drb1 {"
	echo "	rx drop id any"
	echo "}"
} >"$work/B.canfw"
ctl check -p "$work/A.canfw" >"$work/A.printed"
ctl check -p "$work/B.canfw" >"$work/B.printed"

# race NAME AT CMD...: run canfwctl CMD... with the shim firing a load of
# B at the first part of its AT-th dump; A is in force before.
race() {
	local name=$1 at=$2
	shift 2
	ctl -q load "$work/A.canfw"
	CANFW_RACE_CMD=${race_cmd:-"'$ctl' load '$work/B.canfw' >'$work/$name.gen'"} \
		CANFW_RACE_AT=$at \
		CANFW_RACE_LOG="$work/$name.race" LD_PRELOAD="$shim" \
		"$ctl" "$@" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
	echo "# $name: $(cat "$work/$name.race"), exit $(cat "$work/$name.rc")"
	cat "$work/$name.err"
}
# One interrupted dump, then one clean one: the race happened, the kernel
# said so, and canfwctl retried once.
raced() {	# raced NAME
	grep -Eqx 'dumps [0-9]+ interrupted [1-9][0-9]*' "$work/$1.race"
}
dumps_were() {	# dumps_were NAME N
	grep -Eq "^dumps $2 " "$work/$1.race"
}

race show 1 show
check dump_intr_flagged raced show
check dump_intr_show_retried dumps_were show 2
check dump_intr_show_exit_0 [ "$(cat "$work/show.rc")" = 0 ]
check dump_intr_show_one_generation cmp -s "$work/show.out" "$work/B.printed"

# stats dumps the policy, then the counters; a load between the two
# (or during the second) makes it start over from the policy.
gen_b() {	# the entries in `-j stats` output are B's
	python3 - "$work/$1.out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
names = [i["name"] for i in d["interfaces"]]
rules = [len(i["rules"]) for i in d["interfaces"]]
sys.exit(not (names == ["drb0", "drb1"] and rules == [2000, 1]))
EOF
}
race stats 2 -j stats
check dump_intr_stats_flagged raced stats
check dump_intr_stats_retried dumps_were stats 4
check dump_intr_stats_exit_0 [ "$(cat "$work/stats.rc")" = 0 ]
check dump_intr_stats_one_generation gen_b stats
json_gen() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["generation"])' "$1"; }
check dump_intr_stats_generation [ "generation $(json_gen "$work/stats.out")" = "$(cat "$work/stats.gen")" ]

# A flush in the middle of a dump: no policy is a generation too, and the
# dump must not end as if A's first parts were all of it.
race_cmd="'$ctl' flush >/dev/null" race flush 1 show
check dump_intr_flush_flagged raced flush
check dump_intr_flush_retried dumps_were flush 2
check dump_intr_flush_exit_0 [ "$(cat "$work/flush.rc")" = 0 ]
check dump_intr_flush_empty [ ! -s "$work/flush.out" ]

# An entry that governs hundreds of devices with the longest names: every
# dump message used to repeat them all, until none fitted. The counters
# dump lists each device once, in as many messages as it takes.
modules vcan
ndev=600
# In a device group of their own, so that one request deletes them all:
# one by one, deleting them takes half a minute under the debug kernel.
group=73
for i in $(seq 0 $((ndev - 1))); do
	printf 'link add cfwbound-%06d group %d type vcan\n' "$i" $group
done | ip -batch -
printf 'interface cfwbound-* {\n\trx default drop\n}\n' >"$work/bound.canfw"
ctl load "$work/bound.canfw"
ctl -j stats >"$work/bound.json"
check dump_bound_stats_exit_0 [ $? = 0 ]
check dump_bound_stats_every_device python3 - "$work/bound.json" "$ndev" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["interfaces"]
want = {"cfwbound-%06d" % i for i in range(int(sys.argv[2]))}
assert len(d) == 1 and sorted(d[0]["devices"]) == sorted(want), d
PY
ctl stats cfwbound-000599 >"$work/bound.txt"
echo "exit $?" >>"$work/bound.txt"
check dump_bound_stats_text [ "$(awk '$1 == "devices" { n = NF - 1 }
	/^exit/ { print n, $2 }' "$work/bound.txt")" = "$ndev 0" ]
ctl flush
ip link del group $group

rmmod canfw
check dump_unload [ $? = 0 ]
exit 0
